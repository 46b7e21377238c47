//! The decision log: the page and its Atom feed, one list behind both.

use crate::http::AppError;
use crate::services::decision_log::{self, LogQuery};
use crate::services::decision_feed;
use crate::state::AppState;
use app::Page;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};

/// The list changes with every listed decision: asked for again each time,
/// and kept by no shared cache (it is for signed-in people when they sign in).
const CACHE: HeaderValue = HeaderValue::from_static("private, no-cache");

/// `GET /decisions?q=&status=&tag=&sort=&page=`
pub async fn page(State(state): State<AppState>, RawQuery(query): RawQuery, req: Request<Body>) -> Result<Response, AppError> {
    let query = LogQuery::parse(query.as_deref())?;
    let view = decision_log::page(&state, &query).await?;
    let mut response = state.render.page(Page::DecisionLog(view), StatusCode::OK, req).await;
    response.headers_mut().insert(header::CACHE_CONTROL, CACHE);
    Ok(response)
}

/// `GET /decisions.atom`, with the page's query parameters.
pub async fn feed(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let query = LogQuery::parse(query.as_deref())?;
    let xml = decision_feed::feed(&state, &query).await?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8")), (header::CACHE_CONTROL, CACHE)], xml).into_response())
}
