//! Answering with a share card: its ETag, and how long it may be kept.

use super::etag;
use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

/// How long a card may be kept without asking again.
#[derive(Clone, Copy, Debug)]
pub enum Keep {
    /// A guide page's card: it never changes for a build.
    Forever,
    /// A result's card: it never changes, but its result can be deleted, and
    /// then shared caches must stop serving it soon.
    Minutes,
    /// A decision's card: it changes with the decision (its key does too).
    Revalidate,
}

impl Keep {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Keep::Forever => "public, max-age=31536000, immutable",
            Keep::Minutes => "public, max-age=300, must-revalidate",
            Keep::Revalidate => "public, no-cache",
        })
    }
}

/// A 304 when the client has the card under `tag` already.
pub fn not_modified(headers: &HeaderMap, tag: &str) -> Option<Response> {
    etag::not_modified(headers, tag)
}

/// The card's PNG with its validator and caching.
pub fn png(png: Bytes, tag: &str, keep: Keep) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "image/png")], png).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, keep.header());
    etag::stamp(&mut response, tag);
    response
}
