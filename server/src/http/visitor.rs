//! The `Visitor` extractor: the identity the sign-in layer read (kept in the
//! request's extensions, so it is parsed once) and the cookies.

use crate::visitor::{Identity, Visitor};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use std::convert::Infallible;

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Visitor, Infallible> {
        Ok(of(parts))
    }
}

/// The visitor of a request whose parts are at hand.
pub fn of(parts: &Parts) -> Visitor {
    let identity = parts.extensions.get::<Identity>().cloned();
    Visitor::new(identity, parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()))
}
