//! Renders a [`Page`] through Leptos into a full HTML response.

use crate::state::AppState;
use app::{shell, Page};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;

pub async fn page(state: &AppState, page: Page, status: StatusCode, req: Request<Body>) -> Response {
    let options = state.leptos.clone();
    let base_url = state.config.base_url();
    let handler = leptos_axum::render_app_async_with_context(
        || {},
        move || shell(options.clone(), page.clone(), base_url.clone()),
    );
    let mut response = handler(req).await;
    *response.status_mut() = status;
    response
}

/// Like [`page`] for a page that is the same for every visitor: rendered once
/// per `key`, then served from memory with a fresh nonce.
pub async fn shared_page(state: &AppState, key: String, page: impl FnOnce() -> Page, req: Request<Body>) -> Response {
    if let Some(response) = state.pages.respond(&key) {
        return response;
    }
    let response = self::page(state, page(), StatusCode::OK, req).await;
    state.pages.keep(key, response).await
}

/// Renders a component alone (no document, no islands) to an HTML string.
pub fn fragment<V: leptos::IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    use leptos::prelude::*;
    let owner = Owner::new();
    owner.with(|| view().to_html())
}
