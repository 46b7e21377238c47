//! Server-rendered pages.

use crate::{etag, render};
use crate::state::AppState;
use app::Page;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Request, StatusCode};
use axum::response::Response;

pub async fn home(State(state): State<AppState>, req: Request<Body>) -> Response {
    let page = || Page::Home { examples: state.examples.to_vec(), guide: state.content.guide.nav() };
    render::shared_page(&state, "home".into(), page, req).await
}

pub async fn not_found(state: &AppState, req: Request<Body>) -> Response {
    let path = req.uri().path().to_string();
    render::page(state, Page::NotFound { path }, StatusCode::NOT_FOUND, req).await
}

pub async fn guide_index(State(state): State<AppState>, req: Request<Body>) -> Response {
    let pages = || Page::GuideIndex { pages: state.content.guide.nav() };
    render::shared_page(&state, "guide-index".into(), pages, req).await
}

pub async fn guide_page(State(state): State<AppState>, Path(slug): Path<String>, req: Request<Body>) -> Response {
    let Some(view) = state.content.guide.view(&slug) else {
        return not_found(&state, req).await;
    };
    let tag = etag::tag(&[&state.build_id, &view.page.slug, &view.page.html]);
    if let Some(response) = etag::not_modified(req.headers(), &tag) {
        return response;
    }
    let mut response = render::shared_page(&state, format!("guide:{slug}"), || Page::Guide(view), req).await;
    etag::stamp(&mut response, &tag);
    response
}
