//! Pages that are the same for every visitor (guide pages, stored results, the
//! home page) are rendered once and kept. Each response still gets its own CSP
//! nonce and the viewer's name: a kept page is a [`Template`] with markers
//! where those go (see `template.rs`).

use super::template::{Parts, Template};
use crate::cache::Cache;
use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::sync::Arc;
/// Kept pages at most; when full, the page used least recently makes room,
/// so busy pages (home, guide) stay while rarely seen results come and go.
const CAPACITY: usize = 1024;

#[derive(Clone)]
pub struct PageCache {
    pages: Cache<String, Arc<Template>>,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache { pages: Cache::new(CAPACITY) }
    }
}

impl PageCache {
    fn get(&self, key: &str) -> Option<Arc<Template>> {
        self.pages.get(&key.to_string())
    }

    /// Drops every kept page that shows result `id` (it was deleted): its
    /// own, and any other result's page that compares with it (`?from=id`).
    pub fn forget_result(&self, id: &str) {
        let (own, compared) = (format!("result:{id}:"), format!(":{id}"));
        self.pages.forget_where(|k| k.starts_with(&own) || (k.starts_with("result:") && k.ends_with(&compared)));
    }

    /// Drops every kept result page (results were purged elsewhere).
    pub fn forget_results(&self) {
        self.pages.forget_where(|k| k.starts_with("result:"));
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.pages.contains(&key.to_string())
    }

    /// A cached page as a response with a fresh nonce and the viewer's name,
    /// if `key` is cached.
    pub fn respond(&self, key: &str, viewer: Option<&str>) -> Option<Response> {
        let template = self.get(key)?;
        let nonce = new_nonce();
        let html = template.fill(&nonce, viewer.map(escape_text).as_deref(), &Parts::default())?;
        Some(html_response(html, &nonce, viewer.is_some()))
    }

    /// Keeps a freshly rendered 200 page, whose scripts carry `nonce` (and
    /// which shows the viewer marker where the viewer's name goes), and gives
    /// back the response for `viewer`.
    pub async fn keep(&self, key: String, response: Response, nonce: &str, viewer: Option<&str>) -> Response {
        if response.status() != StatusCode::OK {
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
            return Response::from_parts(parts, Body::from("page too large"));
        };
        let html = String::from_utf8_lossy(&bytes).to_string();
        let Some(template) = Template::parse(&html, Some(nonce)) else {
            return Response::from_parts(parts, Body::from(html));
        };
        self.pages.put(key.clone(), Arc::new(template));
        self.respond(&key, viewer).unwrap_or_else(|| Response::from_parts(parts, Body::from(html)))
    }
}

/// `text` as the page renders text: escaped by the same renderer.
pub fn escape_text(text: &str) -> String {
    let text = text.to_string();
    app::render_fragment(move || text)
}

/// A kept page is the same for everyone, so caches may keep it too and ask
/// again each time (its ETag makes that a 304); with a signed-in viewer's
/// name in the header bar, only their browser may.
pub fn html_response(html: String, nonce: &str, personal: bool) -> Response {
    let mut response = Response::new(Body::from(html));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(if personal { "private, no-cache" } else { "no-cache" }));
    if let Ok(csp) = HeaderValue::from_str(&app::csp(nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// 16 random bytes, base64url without padding (the same shape Leptos uses).
pub fn new_nonce() -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    let mut out = String::with_capacity(22);
    let mut bits = 0u32;
    let mut n = 0;
    for b in bytes {
        bits = (bits << 8) | u32::from(b);
        n += 8;
        while n >= 6 {
            n -= 6;
            out.push(ALPHABET[((bits >> n) & 63) as usize] as char);
        }
    }
    if n > 0 {
        out.push(ALPHABET[((bits << (6 - n)) & 63) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn nonces_are_22_url_safe_characters_and_differ() {
        let a = super::new_nonce();
        assert_eq!(a.len(), 22);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(a, super::new_nonce());
    }
}
