//! What every route shares and no route owns: the error type, rendering,
//! cookies and the draft, caching (ETags, the page cache), security layers and
//! metrics. Route files import from here, never from each other.

pub mod auth;
pub mod card;
pub mod client;
pub mod cookies;
pub mod draft;
pub mod encoding;
pub mod error;
pub mod form;
pub mod etag;
pub mod metrics;
pub mod page_cache;
pub mod render;
pub mod responses;
pub mod security;
pub mod template;
pub mod visitor;

pub use error::AppError;

/// The token of an `Authorization: Bearer <token>` header; empty when there
/// is none (the service then refuses it like any wrong token).
pub fn bearer_token(headers: &axum::http::HeaderMap) -> &str {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
}
