//! Pages that are the same for every visitor (guide pages, stored results, the
//! home page) are rendered once and kept. Each response still gets its own CSP
//! nonce: the cached HTML holds a placeholder where the nonce goes.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const PLACEHOLDER: &str = "\u{1}NONCE\u{1}";
/// Kept pages at most; when full, the cache starts over (simple and bounded).
const CAPACITY: usize = 1024;

#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<String, Arc<str>>>>,
}

impl PageCache {
    fn get(&self, key: &str) -> Option<Arc<str>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }

    fn put(&self, key: String, html: Arc<str>) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= CAPACITY {
            pages.clear();
        }
        pages.insert(key, html);
    }

    /// A cached page as a response with a fresh nonce, if `key` is cached.
    pub fn respond(&self, key: &str) -> Option<Response> {
        let template = self.get(key)?;
        let nonce = new_nonce();
        Some(html_response(template.replace(PLACEHOLDER, &nonce), &nonce))
    }

    /// Keeps a freshly rendered 200 page and gives back an equivalent response.
    pub async fn keep(&self, key: String, response: Response) -> Response {
        if response.status() != StatusCode::OK {
            return response;
        }
        let nonce = response
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(|csp| csp.split("'nonce-").nth(1))
            .and_then(|rest| rest.split('\'').next())
            .map(str::to_string);
        let Some(nonce) = nonce else { return response };
        let (parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
            return Response::from_parts(parts, Body::from("page too large"));
        };
        let html = String::from_utf8_lossy(&bytes).to_string();
        self.put(key, Arc::from(html.replace(&nonce, PLACEHOLDER)));
        Response::from_parts(parts, Body::from(html))
    }
}

fn html_response(html: String, nonce: &str) -> Response {
    let mut response = Response::new(Body::from(html));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Ok(csp) = HeaderValue::from_str(&app::csp(nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// 16 random bytes, base64url without padding (the same shape Leptos uses).
fn new_nonce() -> String {
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
