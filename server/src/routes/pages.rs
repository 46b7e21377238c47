//! Server-rendered pages that are the same for everyone: home and the guide.

use crate::http::card::{self as card_response, Keep};
use crate::http::{etag, AppError};
use crate::services::cards;
use crate::state::AppState;
use crate::visitor::Visitor;
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
    state.render.shared_page("home".into(), page, req).await
}

pub async fn guide_index(State(state): State<AppState>, req: Request<Body>) -> Response {
    let pages = || Page::GuideIndex { pages: state.content.guide.nav() };
    state.render.shared_page("guide-index".into(), pages, req).await
}

pub async fn guide_page(State(state): State<AppState>, Path(slug): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let view = state.content.guide.view(&slug).ok_or_else(|| AppError::NotFound("There is no such guide page.".into()))?;
    let tag = etag::tag(&[&state.build_id, &view.page.slug, &view.page.html, visitor.name().unwrap_or_default()]);
    if let Some(response) = etag::not_modified(req.headers(), &tag) {
        return Ok(response);
    }
    let mut response = state.render.shared_page(format!("guide:{slug}"), || Page::Guide(view), req).await;
    etag::stamp(&mut response, &tag);
    Ok(response)
}

/// `GET /guide/{slug}/card.png`: the page's title and summary as a picture.
pub async fn guide_card(State(state): State<AppState>, Path(slug): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let view = state.content.guide.view(&slug).ok_or_else(|| AppError::NotFound("There is no such guide page.".into()))?;
    let (title, summary) = (view.page.title.clone(), view.page.summary.clone());
    let key = format!("guide:{slug}");
    let tag = etag::tag(&[&state.build_id, &key]);
    if let Some(response) = card_response::not_modified(&headers, &tag) {
        return Ok(response);
    }
    let png = state.cards.png(key, move || cards::for_guide(&title, &summary)).await?;
    Ok(card_response::png(png, &tag, Keep::Forever))
}
