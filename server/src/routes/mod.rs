//! The HTTP surface: one module per area.

pub mod api;
mod cookies;
mod health;
mod pages;
pub mod results;
pub mod team;
mod static_files;
pub mod wizard;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use crate::security;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Request bodies larger than this are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let limiter = security::WriteLimiter::new(state.config.write_rate_per_minute);
    let timeout = state.config.request_timeout_secs;
    // Leptos spawns rendering work on a global executor; use tokio's. Idempotent.
    let _ = any_spawner::Executor::init_tokio();
    Router::new()
        .route("/", get(pages::home))
        .route("/guide", get(pages::guide_index))
        .route("/guide/{slug}", get(pages::guide_page))
        .route("/wizard", get(wizard::start))
        .route("/wizard/{section}", get(wizard::step).post(wizard::save_step))
        .route("/wizard/from/{id}", post(wizard::from_result))
        .route("/wizard/solo", post(wizard::solo))
        .route("/assessments", post(wizard::submit))
        .route("/t", post(team::create))
        .route("/t/new", get(team::new_form))
        .route("/t/deleted", get(team::deleted))
        .route("/t/{id}", get(team::page))
        .route("/t/{id}/revision", get(team::revision))
        .route("/t/{id}/adr.md", get(team::adr))
        .route("/api/v1/decisions/{id}", get(team::json))
        .route("/t/{id}/live", get(team::live))
        .route("/t/{id}/join", post(team::join))
        .route("/t/{id}/answer", get(team::answer))
        .route("/t/{id}/m/{member}/{token}", get(team::member_link))
        .route("/t/{id}/owner/{token}", get(team::owner).post(team::owner_action))
        .route("/r/{id}", get(results::page))
        .route("/r/{id}/adr.md", get(results::adr))
        .route("/r/{id}/rescore", post(results::rescore))
        .route("/api/v1/questionnaire", get(api::questionnaire))
        .route("/api/v1/assessments", post(api::create_assessment))
        .route("/api/v1/assessments/{id}", get(api::get_assessment))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .route("/metrics", get(crate::metrics::endpoint))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .nest("/pkg", static_files::hashed_assets(&state))
        .fallback(static_files::file_or_not_found)
        .layer(middleware::from_fn_with_state(limiter, security::rate_limit_writes))
        .layer(middleware::from_fn(security::same_site_writes))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.metrics.clone(), crate::metrics::track))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(timeout)))
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(middleware::from_fn(security::headers))
        .with_state(state)
}

/// A GET request for rendering a page in answer to another request (a POST, or
/// a lookup that failed). `path` may hold decoded user input, so every byte
/// outside the unreserved set is percent-encoded again: building it never fails.
pub(crate) fn request_like(headers: &axum::http::HeaderMap, path: &str) -> axum::http::Request<axum::body::Body> {
    let mut encoded = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let mut request = axum::http::Request::new(axum::body::Body::empty());
    *request.uri_mut() = encoded.parse().unwrap_or_else(|_| axum::http::Uri::from_static("/"));
    *request.headers_mut() = headers.clone();
    request
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_path_makes_a_request() {
        let headers = axum::http::HeaderMap::new();
        assert_eq!(super::request_like(&headers, "/t/a\0b c").uri().path(), "/t/a%00b%20c");
        assert_eq!(super::request_like(&headers, "/wizard/review").uri().path(), "/wizard/review");
    }
}
