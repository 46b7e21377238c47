//! Renders a [`Page`] through Leptos into a full HTML response.

use super::page_cache::VIEWER;
use crate::state::AppState;
use app::{shell, NonceSlot, Page};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use leptos::prelude::provide_context;

pub async fn page(state: &AppState, page: Page, status: StatusCode, req: Request<Body>) -> Response {
    let viewer = viewer(state, &req);
    render(state, page, status, viewer, req).await.0
}

/// The signed-in person's display name, when sign-in is on.
fn viewer(state: &AppState, req: &Request<Body>) -> Option<String> {
    state.sign_in.identity(req.headers()).map(|identity| identity.name)
}

/// The response and the CSP nonce its scripts carry.
async fn render(state: &AppState, page: Page, status: StatusCode, viewer: Option<String>, req: Request<Body>) -> (Response, Option<String>) {
    let options = state.leptos.clone();
    let base_url = state.config.base_url();
    let slot = NonceSlot::default();
    let filled = slot.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || provide_context(filled.clone()),
        move || shell(options.clone(), page.clone(), base_url.clone(), viewer.clone()),
    );
    let mut response = handler(req).await;
    *response.status_mut() = status;
    (response, slot.0.get().cloned())
}

/// Like [`page`] for a page that is the same for every visitor: rendered once
/// per `key`, then served from memory with a fresh nonce.
pub async fn shared_page(state: &AppState, key: String, page: impl FnOnce() -> Page, req: Request<Body>) -> Response {
    let viewer = viewer(state, &req);
    if let Some(response) = state.pages.respond(&key, viewer.as_deref()) {
        return response;
    }
    // Rendered with a placeholder for the viewer, so one copy serves everyone.
    let placeholder = viewer.as_ref().map(|_| VIEWER.to_string());
    match render(state, page(), StatusCode::OK, placeholder, req).await {
        (response, Some(nonce)) => state.pages.keep(key, response, &nonce, viewer.as_deref()).await,
        (response, None) => response,
    }
}

/// Renders a component alone (no document, no islands) to an HTML string.
pub fn fragment<V: leptos::IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    use leptos::prelude::*;
    let owner = Owner::new();
    owner.with(|| view().to_html())
}
