//! Server-rendered pages.

use crate::render;
use crate::state::AppState;
use app::Page;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Request, StatusCode};
use axum::response::Response;

pub async fn home(State(state): State<AppState>, req: Request<Body>) -> Response {
    let page = Page::Home { examples: state.examples.to_vec(), guide: state.content.guide.nav() };
    render::page(&state, page, StatusCode::OK, req).await
}

pub async fn not_found(state: &AppState, req: Request<Body>) -> Response {
    let path = req.uri().path().to_string();
    render::page(state, Page::NotFound { path }, StatusCode::NOT_FOUND, req).await
}

pub async fn guide_index(State(state): State<AppState>, req: Request<Body>) -> Response {
    let pages = state.content.guide.nav();
    render::page(&state, Page::GuideIndex { pages }, StatusCode::OK, req).await
}

pub async fn guide_page(State(state): State<AppState>, Path(slug): Path<String>, req: Request<Body>) -> Response {
    match state.content.guide.view(&slug) {
        Some(view) => render::page(&state, Page::Guide(view), StatusCode::OK, req).await,
        None => not_found(&state, req).await,
    }
}
