//! Renders a [`Page`] through Leptos into a full HTML response. The renderer
//! holds only what rendering needs (narrow state: the Leptos options, the
//! public address, the kept pages), so this kit sits below the app's state.

use super::page_cache::{PageCache, VIEWER};
use crate::hash_file::HashFile;
use crate::visitor::Identity;
use app::{shell, NonceSlot, Page};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use std::sync::Arc;

#[derive(Clone)]
pub struct Renderer {
    pub leptos: LeptosOptions,
    /// The public base URL, without a trailing slash.
    pub base_url: Arc<str>,
    /// Pages that are the same for everyone, rendered once.
    pub pages: PageCache,
    /// The wasm chunks each lazy island needs, for preload links.
    pub split: Option<leptos::WasmSplitManifest>,
    /// Keeps the in-memory file the options name for the hashed names open.
    pub _hash_file: Option<HashFile>,
}

impl Renderer {
    pub async fn page(&self, page: Page, status: StatusCode, req: Request<Body>) -> Response {
        let viewer = viewer(&req);
        self.render(page, status, viewer, req).await.0
    }

    /// The response and the CSP nonce its scripts carry.
    async fn render(&self, page: Page, status: StatusCode, viewer: Option<String>, req: Request<Body>) -> (Response, Option<String>) {
        let options = self.leptos.clone();
        let base_url = self.base_url.to_string();
        let slot = NonceSlot::default();
        let filled = slot.clone();
        let split = self.split.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                provide_context(filled.clone());
                if let Some(split) = &split {
                    provide_context(split.clone());
                }
            },
            move || shell(options.clone(), page.clone(), base_url.clone(), viewer.clone()),
        );
        let mut response = handler(req).await;
        *response.status_mut() = status;
        (response, slot.0.get().cloned())
    }

    /// Like [`Renderer::page`] for a page that is the same for every visitor:
    /// rendered once per `key`, then served from memory with a fresh nonce.
    pub async fn shared_page(&self, key: String, page: impl FnOnce() -> Page, req: Request<Body>) -> Response {
        let viewer = viewer(&req);
        if let Some(response) = self.pages.respond(&key, viewer.as_deref()) {
            return response;
        }
        // Rendered with a placeholder for the viewer, so one copy serves everyone.
        let placeholder = viewer.as_ref().map(|_| VIEWER.to_string());
        match self.render(page(), StatusCode::OK, placeholder, req).await {
            (response, Some(nonce)) => self.pages.keep(key, response, &nonce, viewer.as_deref()).await,
            (response, None) => response,
        }
    }
}

/// The signed-in person's display name, as the sign-in layer found it.
fn viewer(req: &Request<Body>) -> Option<String> {
    req.extensions().get::<Identity>().map(|identity| identity.name.clone())
}

pub use app::render_fragment as fragment;
