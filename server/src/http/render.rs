//! Renders a [`Page`] through Leptos into a full HTML response. The renderer
//! holds only what rendering needs (narrow state: the Leptos options, the
//! public address, the kept pages), so this kit sits below the app's state.

use super::page_cache::{escape_text, new_nonce, PageCache};
use super::template::{viewer_marker, Parts, Template, Templates};
use crate::hash_file::HashFile;
use crate::visitor::Identity;
use app::{shell, DecisionLogOn, NonceSlot, Page};
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
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
    /// Whether the navigation links to the decision log.
    pub decision_log: bool,
    /// Pages that depend on the visitor, rendered once per shape.
    pub templates: Templates,
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
        let decision_log = DecisionLogOn(self.decision_log);
        let split = self.split.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                provide_context(filled.clone());
                provide_context(decision_log);
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
        let placeholder = viewer.as_ref().map(|_| viewer_marker());
        match self.render(page(), StatusCode::OK, placeholder, req).await {
            (response, Some(nonce)) => self.pages.keep(key, response, &nonce, viewer.as_deref()).await,
            (response, None) => response,
        }
    }
}

impl Renderer {
    /// A page that depends on the visitor: `shape` is the page with the
    /// visitor's `parts` taken out (markers in their place). Rendered once per
    /// `key` and shape, then each visitor's parts are spliced into a copy; see
    /// `template.rs`. The route renders the whole page instead when
    /// [`Templates::is_on`] is false.
    pub async fn personal_page(&self, key: &str, shape: Page, parts: Parts, status: StatusCode, req: Request<Body>) -> Response {
        let viewer = viewer(&req);
        let key = format!("{key}:{}", if viewer.is_some() { "signed-in" } else { "anyone" });
        let name = viewer.as_deref().map(escape_text);
        let nonce = new_nonce();
        let template = match self.templates.get(&key, &shape) {
            Some(template) => template,
            None => {
                // Rendered with the viewer marker, so one copy serves everyone signed in.
                let (response, used) = self.render(shape.clone(), StatusCode::OK, viewer.as_ref().map(|_| viewer_marker()), req).await;
                let bytes = axum::body::to_bytes(response.into_body(), 8 * 1024 * 1024).await.unwrap_or_default();
                let Some(template) = Template::parse(&String::from_utf8_lossy(&bytes), used.as_deref()) else {
                    return broken();
                };
                self.templates.put(key, shape, template)
            }
        };
        match template.fill(&nonce, name.as_deref(), &parts) {
            Some(html) => {
                let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
                if let Ok(csp) = HeaderValue::from_str(&app::csp(&nonce)) {
                    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
                }
                response
            }
            None => broken(),
        }
    }
}

/// A page whose parts did not fit its template: a fault here, never shown half-filled.
fn broken() -> Response {
    tracing::error!("a page's parts did not fit its template");
    (StatusCode::INTERNAL_SERVER_ERROR, "The page could not be put together.").into_response()
}

/// The signed-in person's display name, as the sign-in layer found it.
fn viewer(req: &Request<Body>) -> Option<String> {
    req.extensions().get::<Identity>().map(|identity| identity.name.clone())
}

pub use app::render_fragment as fragment;
