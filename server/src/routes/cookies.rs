//! Reading and writing the few cookies Crossroads uses.

use axum::http::{header, HeaderMap, HeaderValue};

/// The value of cookie `name`, if the request carries it.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value. `value` must be cookie-safe (ids, tokens, drafts are).
pub fn set(name: &str, value: &str, http_only: bool) -> HeaderValue {
    let flags = if http_only { "; HttpOnly" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax{flags}"))
        .expect("cookie-safe by construction")
}

pub fn clear(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{name}=; Path=/; Max-Age=0; SameSite=Lax")).expect("cookie-safe")
}
