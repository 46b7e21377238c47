//! Server-rendered pages that are the same for everyone: home and the guide.

use crate::http::{self, etag, render, AppError};
use crate::cards;
use crate::state::AppState;
use app::Page;
use crossroads_domain::Axis;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request};
use axum::response::Response;

pub async fn home(State(state): State<AppState>, req: Request<Body>) -> Response {
    // Built only when the page is rendered, not on every answer from memory.
    let page = || {
        let questionnaire = &state.content.questionnaire;
        let axes = Axis::ALL.iter().map(|&axis| (axis, questionnaire.candidates_on(axis).map(|c| c.label.clone()).collect())).collect();
        Page::Home { examples: state.examples.to_vec(), guide: state.content.guide.nav(), axes }
    };
    render::shared_page(&state, "home".into(), page, req).await
}

pub async fn guide_index(State(state): State<AppState>, req: Request<Body>) -> Response {
    let pages = || Page::GuideIndex { pages: state.content.guide.nav() };
    render::shared_page(&state, "guide-index".into(), pages, req).await
}

pub async fn guide_page(State(state): State<AppState>, Path(slug): Path<String>, req: Request<Body>) -> Result<Response, AppError> {
    let view = state.content.guide.view(&slug).ok_or_else(|| AppError::NotFound("There is no such guide page.".into()))?;
    let viewer = state.sign_in.identity(req.headers()).map(|identity| identity.name).unwrap_or_default();
    let tag = etag::tag(&[&state.build_id, &view.page.slug, &view.page.html, &viewer]);
    if let Some(response) = etag::not_modified(req.headers(), &tag) {
        return Ok(response);
    }
    let mut response = render::shared_page(&state, format!("guide:{slug}"), || Page::Guide(view), req).await;
    etag::stamp(&mut response, &tag);
    Ok(response)
}

/// `GET /guide/{slug}/card.png`: the page's title and summary as a picture.
pub async fn guide_card(State(state): State<AppState>, Path(slug): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let view = state.content.guide.view(&slug).ok_or_else(|| AppError::NotFound("There is no such guide page.".into()))?;
    let (title, summary) = (view.page.title.clone(), view.page.summary.clone());
    http::card::respond(&state, format!("guide:{slug}"), &headers, http::card::Keep::Forever, move || cards::for_guide(&title, &summary)).await
}
