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
/// and can take writes. Answered within a second either way: a database
/// known to be out of reach is reported without asking it.
pub async fn ready(State(state): State<AppState>) -> Response {
    let (status, text) = match state.db.readiness().await {
        Readiness::Ready => return (StatusCode::OK, "ready").into_response(),
        Readiness::Unreachable => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable".to_string()),
        Readiness::OutOfSpace(place) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("out of storage: the disk holding {place} is full; free space there and writes resume by themselves"),
        ),
    };
    (status, [(header::RETRY_AFTER, RETRY_AFTER_SECS)], text).into_response()
}

/// Seconds a load balancer may wait before asking again.
const RETRY_AFTER_SECS: &str = "5";

/// `GET /metrics` in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}
