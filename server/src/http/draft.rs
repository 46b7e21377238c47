//! The wizard's draft as the browser sees it: the cookie with the id under
//! which the server keeps it (the answers themselves stay on the server).

use super::cookies;
use super::responses::see_other;
use app::wizard::{DRAFT_COOKIE, DRAFT_ID_COOKIE};
use axum::http::{header, HeaderValue};
use axum::response::Response;

/// Keeps the draft's id for 30 days (a draft untouched that long is removed).
pub fn id_cookie(id: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{DRAFT_ID_COOKIE}={id}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly")).expect("an id is cookie-safe")
}

/// A 303 to `location` that gives the browser draft `id` (and forgets the
/// answers cookie of earlier versions, now kept on the server).
pub fn continue_at(location: &str, id: &str) -> Response {
    let mut response = see_other(location);
    response.headers_mut().append(header::SET_COOKIE, id_cookie(id));
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(DRAFT_COOKIE));
    response
}
