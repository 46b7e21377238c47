//! Liveness and readiness probes.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// The process is up and answering.
pub async fn alive() -> &'static str {
    "ok"
}

/// Content is loaded (it is, once the state exists) and the database answers.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.is_reachable().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
