//! Static files, from memory: the build output under `/pkg` (hashed names,
//! cached forever) and the public assets at the site root (favicon,
//! robots.txt). Each is sent in the stored encoding the client prefers, with
//! a strong ETag.

use crate::http::encoding::{self, Negotiated};
use crate::http::AppError;
use crate::site::Asset;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;

/// `GET /pkg/{*file}`: content-hashed names, so a file never changes under
/// its name and may be cached forever (when names are hashed at all).
pub async fn hashed_asset(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let cache = if state.site.hashes.is_some() { "public, max-age=31536000, immutable" } else { "no-cache" };
    match state.site.get(&format!("pkg/{file}")) {
        Some(asset) => Ok(respond(asset, &headers, cache)),
        None => Err(not_found()),
    }
}

/// Anything no route claims: a public asset if one exists, else the 404 page.
pub async fn file_or_not_found(State(state): State<AppState>, method: Method, headers: HeaderMap, uri: axum::http::Uri) -> Result<Response, AppError> {
    let path = uri.path().trim_start_matches('/');
    let readable = method == Method::GET || method == Method::HEAD;
    match state.site.get(path).filter(|_| readable && !path.starts_with("pkg/")) {
        Some(asset) => Ok(respond(asset, &headers, "public, max-age=3600")),
        None => Err(not_found()),
    }
}

fn not_found() -> AppError {
    AppError::NotFound("There is nothing at this address.".into())
}

/// The stored copy the client prefers, or 304 when it has that copy already.
fn respond(asset: &Asset, headers: &HeaderMap, cache: &'static str) -> Response {
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
    let (coding, bytes, etag) = asset.copy(encoding::choose(accept, &asset.compressed()));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    // The body of a HEAD answer is dropped by the router, which keeps its length.
    let (status, body) = if fresh { (StatusCode::NOT_MODIFIED, Body::empty()) } else { (StatusCode::OK, Body::from(bytes.clone())) };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let out = response.headers_mut();
    out.insert(header::ETAG, etag.clone());
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if status == StatusCode::OK {
        out.insert(header::CONTENT_TYPE, asset.content_type.clone());
        if coding != encoding::Coding::Identity {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.name()));
        }
    }
    response.extensions_mut().insert(Negotiated);
    response
}
