//! Server-rendered pages.

use crate::render;
use crate::state::AppState;
use app::Page;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::Response;

pub async fn home(State(state): State<AppState>, req: Request<Body>) -> Response {
    render::page(&state, Page::Home, StatusCode::OK, req).await
}

pub async fn not_found(state: &AppState, req: Request<Body>) -> Response {
    let path = req.uri().path().to_string();
    render::page(state, Page::NotFound { path }, StatusCode::NOT_FOUND, req).await
}
