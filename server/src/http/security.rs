//! Protections on every response and every write: security headers, refusal of
//! cross-site writes, a per-client write rate limit, and a panic page that shows
//! no internals.

use axum::body::Body;
use super::client::Client;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use super::AppError;
use axum::response::{Html, IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// For everything that is not a page (JSON, files, errors).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `Strict-Transport-Security`, when the public URL is https and it is not turned off.
#[derive(Clone, Debug, Default)]
pub struct Hsts(pub Option<HeaderValue>);

/// Adds the security headers every response carries.
pub async fn headers(State(hsts): State<Hsts>, request: Request, next: Next) -> Response {
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
    if let Some(hsts) = &hsts.0 {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    // A 304 must not carry a policy: the browser would pair it with the cached
    // page, whose scripts carry the nonce of the original response.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) && status != StatusCode::NOT_MODIFIED {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    // A page that does not say otherwise may hold a token or the viewer's own
    // data (owner and member links, a draft, a delete button): no cache keeps
    // it. Pages that are the same for everyone say so (see the page cache).
    let html = headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    headers.remove(header::SERVER);
    response
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origins whose writes are same-site: the public URL's and the listen
/// address's, never the `Host` header (a proxy may rewrite it).
#[derive(Clone, Debug, Default)]
pub struct SameSite(pub Arc<Vec<String>>);

impl SameSite {
    /// `Err` with the reason when a write must be refused.
    fn check(&self, headers: &HeaderMap) -> Result<(), String> {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if let Some(origin) = text("origin") {
            let known = origin_of(origin).is_some_and(|o| self.0.contains(&o));
            return if known {
                Ok(())
            } else {
                Err(format!(
                    "Cross-site requests may not change anything here: this form was sent from {origin}, but this \
                     server answers as {}. If {origin} is the address people use, set CROSSROADS_PUBLIC_URL to it.",
                    self.0.first().map(String::as_str).unwrap_or("its public address")
                ))
            };
        }
        match text("sec-fetch-site") {
            Some("same-origin") | Some("none") => Ok(()),
            Some(_) => Err("Cross-site requests may not change anything here.".into()),
            // Browsers send Origin with every form post; a form body without it
            // cannot be told from a forged one. JSON clients are not browsers' forms.
            None if is_form(headers) => Err("A form post without an Origin header is refused; send it from the page.".into()),
            None => Ok(()),
        }
    }
}

/// `scheme://host[:port]`, lower-cased, without a default port: the form
/// browsers send in `Origin`.
pub fn origin_of(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = uri.host()?.to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    match uri.port_u16() {
        Some(port) if !(scheme == "http" && port == 80 || scheme == "https" && port == 443) => Some(format!("{scheme}://{host}:{port}")),
        _ => Some(format!("{scheme}://{host}")),
    }
}

/// Content types a cross-site page can post without asking (CORS "simple").
fn is_form(headers: &HeaderMap) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    kind.starts_with("application/x-www-form-urlencoded") || kind.starts_with("multipart/form-data") || kind.starts_with("text/plain")
}

/// Refuses state-changing requests that come from another site.
pub async fn same_site_writes(State(same_site): State<SameSite>, request: Request, next: Next) -> Response {
    if is_write(request.method()) {
        if let Err(reason) = same_site.check(request.headers()) {
            let client = request.extensions().get::<Client>().map(|c| c.addr.to_string()).unwrap_or_default();
            tracing::info!(%client, reason, "cross-site write refused");
            return AppError::Forbidden(reason).into_response();
        }
    }
    next.run(request).await
}

/// A write rate limit per client (see [`Client::rate_key`]), with the
/// `governor` crate's keyed GCRA limiter: a burst, then a steady rate.
#[derive(Clone)]
pub struct WriteLimiter {
    /// `None` when the limit is off.
    inner: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
}

/// Clients tracked before idle ones are forgotten.
const TRACKED_CLIENTS: usize = 100_000;

impl WriteLimiter {
    /// `per_minute` writes on average, after a burst of up to 60 (at least 10);
    /// 0 turns the limit off.
    pub fn new(per_minute: u32) -> Self {
        let inner = NonZeroU32::new(per_minute).map(|rate| {
            let burst = NonZeroU32::new(per_minute.clamp(10, 60)).expect("not zero");
            Arc::new(RateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst)))
        });
        WriteLimiter { inner }
    }

    /// `Ok(())` or the whole seconds to wait.
    fn take(&self, client: IpAddr) -> Result<(), u64> {
        let Some(limiter) = &self.inner else { return Ok(()) };
        if limiter.len() > TRACKED_CLIENTS {
            limiter.retain_recent();
        }
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs_f64().ceil().max(1.0) as u64
        })
    }
}

pub async fn rate_limit_writes(State(limiter): State<WriteLimiter>, request: Request, next: Next) -> Response {
    if is_write(request.method()) {
        let client = request.extensions().get::<Client>().map(Client::rate_key).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if let Err(wait) = limiter.take(client) {
            tracing::info!(%client, wait, "write refused by the rate limit");
            return AppError::TooManyRequests(wait).into_response();
        }
    }
    next.run(request).await
}

/// Answers 503 with `Retry-After` when a request takes longer than the limit:
/// the slowness is ours, so the client is told to come back, not that it was slow.
pub async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(seconds = limit.as_secs_f64(), "a request took too long and was answered 503");
            AppError::Unavailable("The server took too long to answer; try again in a moment.".into()).into_response()
        }
    }
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
