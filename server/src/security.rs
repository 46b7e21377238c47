//! Protections on every response and every write: security headers, refusal of
//! cross-site writes, a per-client write rate limit, and a panic page that shows
//! no internals.

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// For everything that is not a page (JSON, files, errors).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers every response carries.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    );
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    // A 304 must not carry a policy: the browser would pair it with the cached
    // page, whose scripts carry the nonce of the original response.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) && status != StatusCode::NOT_MODIFIED {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    headers.remove(header::SERVER);
    response
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses state-changing requests that browsers mark as coming from another site.
pub async fn same_site_writes(request: Request, next: Next) -> Response {
    if is_write(request.method()) {
        let headers = request.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let cross_by_fetch = matches!(fetch_site, Some("cross-site") | Some("same-site"));
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let cross_by_origin = match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), host) {
            (Some("null"), _) => true,
            (Some(origin), Some(host)) => {
                let origin_host = origin.split("://").nth(1).unwrap_or(origin);
                origin_host != host
            }
            _ => false,
        };
        if cross_by_fetch || cross_by_origin {
            return (StatusCode::FORBIDDEN, "Cross-site requests may not change anything here.").into_response();
        }
    }
    next.run(request).await
}

/// A token bucket per client address for writes.
#[derive(Clone)]
pub struct WriteLimiter {
    inner: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
    /// Writes per minute allowed on average; 0 turns the limit off.
    per_minute: u32,
    burst: f64,
}

impl WriteLimiter {
    pub fn new(per_minute: u32) -> Self {
        WriteLimiter { inner: Arc::default(), per_minute, burst: f64::from(per_minute.max(1)).min(60.0).max(10.0) }
    }

    /// `Ok(())` or the seconds to wait.
    fn take(&self, client: IpAddr) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let rate = f64::from(self.per_minute) / 60.0;
        let now = Instant::now();
        let mut buckets = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(600));
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

pub async fn rate_limit_writes(State(limiter): State<WriteLimiter>, request: Request, next: Next) -> Response {
    if is_write(request.method()) {
        let client = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if let Err(wait) = limiter.take(client) {
            let mut response =
                (StatusCode::TOO_MANY_REQUESTS, format!("Too many changes from this address; try again in {wait} s.")).into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
            return response;
        }
    }
    next.run(request).await
}

/// The response for a panic: a plain page, no details; the panic is logged.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "a request handler panicked");
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong — Crossroads</title>\
                <link rel=\"icon\" href=\"/favicon.svg\"></head><body><main><h1>Something went wrong</h1>\
                <p>The server could not complete this request. Nothing you saved is lost; try again, or go to the \
                <a href=\"/\">home page</a>.</p></main></body></html>";
    (StatusCode::INTERNAL_SERVER_ERROR, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limiter_allows_a_burst_then_asks_to_wait() {
        let limiter = WriteLimiter::new(30);
        let ip = IpAddr::from([127, 0, 0, 1]);
        let allowed = (0..100).take_while(|_| limiter.take(ip).is_ok()).count();
        assert_eq!(allowed, 30);
        let wait = limiter.take(ip).unwrap_err();
        assert!((1..=2).contains(&wait), "{wait}");
        assert!(limiter.take(IpAddr::from([127, 0, 0, 2])).is_ok(), "other clients are not affected");
        assert!(WriteLimiter::new(0).take(ip).is_ok());
    }
}
