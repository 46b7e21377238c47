//! The wizard's draft: the answers given so far, kept in a cookie so the
//! questionnaire works without JavaScript and survives a reload.

use crate::visitor::Visitor;
use app::wizard::{decode_draft, encode_draft, DRAFT_COOKIE};
use axum::http::HeaderValue;
use crossroads_domain::Answers;

/// The answers kept in the visitor's draft cookie.
pub fn from_visitor(visitor: &Visitor) -> Answers {
    visitor.cookie(DRAFT_COOKIE).map(decode_draft).unwrap_or_default()
}

pub fn cookie(answers: &Answers) -> HeaderValue {
    let value = format!("{DRAFT_COOKIE}={}; Path=/; Max-Age=2592000; SameSite=Lax", encode_draft(answers));
    HeaderValue::from_str(&value).expect("a draft is cookie-safe by construction")
}
