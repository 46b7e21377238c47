//! Liveness and readiness probes, and the metrics endpoint.

use crate::db::Readiness;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The process is up and answering.
pub async fn alive() -> &'static str {
    "ok"
}

/// Content is loaded (it is, once the state exists), the database answers
/// and can take writes.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, String) {
    match state.db.readiness().await {
        Readiness::Ready => (StatusCode::OK, "ready".into()),
        Readiness::Unreachable => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable".into()),
        Readiness::OutOfSpace(place) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("out of storage: the disk holding {place} is full; free space there and writes resume by themselves"),
        ),
    }
}

/// `GET /metrics` in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}
