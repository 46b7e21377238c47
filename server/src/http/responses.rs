//! Small response builders the routes share.

use axum::body::Body;
use crate::visitor::Identity;
use axum::http::{header, Request};
use axum::response::{IntoResponse, Redirect, Response};

/// A 303 to `location`.
pub fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

/// A markdown file to download (an ADR).
pub fn markdown_download(filename: &str, markdown: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        markdown,
    )
        .into_response()
}

/// A GET request for rendering a page in answer to another request (a POST, or
/// a lookup that failed), for the signed-in `identity` if any (the header bar
/// shows them). `path` may hold decoded user input, so every byte outside the
/// unreserved set is percent-encoded again: building it never fails.
pub fn request_like(identity: Option<&Identity>, path: &str) -> Request<Body> {
    let mut encoded = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let mut request = Request::new(Body::empty());
    *request.uri_mut() = encoded.parse().unwrap_or_else(|_| axum::http::Uri::from_static("/"));
    if let Some(identity) = identity {
        request.extensions_mut().insert(identity.clone());
    }
    request
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_path_makes_a_request() {
        assert_eq!(super::request_like(None, "/t/a\0b c").uri().path(), "/t/a%00b%20c");
        assert_eq!(super::request_like(None, "/wizard/review").uri().path(), "/wizard/review");
    }
}
