//! Sign-in by the company's reverse proxy. The proxy (oauth2-proxy, Authelia,
//! nginx `auth_request`, Apache `mod_auth_*`) signs people in and passes the
//! user in a header; Crossroads believes that header only on connections from
//! `CROSSROADS_TRUSTED_PROXIES`. When `CROSSROADS_AUTH_HEADER` is not set,
//! nobody is identified and every page is open, as before.

use super::client::Client;
use super::AppError;
use crate::visitor::Identity;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Longest identity or display name accepted, in characters.
const MAX_LEN: usize = 256;

/// Addresses open without a sign-in: probes, and the build's static files
/// (the sign-in page itself needs its stylesheet).
const OPEN_PATHS: [&str; 4] = ["/healthz", "/readyz", "/favicon.svg", "/robots.txt"];

/// Which headers carry the signed-in user, when sign-in is on.
#[derive(Clone, Debug, Default)]
pub struct SignIn(pub Option<Arc<SignInHeaders>>);

#[derive(Clone, Debug)]
pub struct SignInHeaders {
    /// The user's identity: an e-mail address or a login name.
    pub user: HeaderName,
    /// Their display name, if the proxy passes one.
    pub name: Option<HeaderName>,
}

impl SignIn {
    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

}

/// `Ok(None)` when the header is absent; `Err` when a value is unusable.
fn read(headers: &HeaderMap, settings: &SignInHeaders) -> Result<Option<Identity>, String> {
    let value = |name: &HeaderName| -> Result<Option<String>, String> {
        let mut values = headers.get_all(name).iter();
        let Some(raw) = values.next() else { return Ok(None) };
        // Two values: one of them did not come from the proxy's overwrite
        // (a proxy that appends instead of replacing). Neither can be trusted.
        if values.next().is_some() {
            return Err(format!("The {name} header appears more than once; the sign-in proxy must send exactly one."));
        }
        let text = std::str::from_utf8(raw.as_bytes()).map_err(|_| format!("The {name} header is not UTF-8 text."))?;
        let text = text.trim();
        if text.chars().any(char::is_control) {
            return Err(format!("The {name} header holds control characters."));
        }
        if text.chars().count() > MAX_LEN {
            return Err(format!("The {name} header is longer than {MAX_LEN} characters."));
        }
        Ok(Some(text.to_string()).filter(|t| !t.is_empty()))
    };
    let Some(user) = value(&settings.user)? else { return Ok(None) };
    let name = match &settings.name {
        Some(header) => value(header)?.unwrap_or_else(|| user.clone()),
        None => user.clone(),
    };
    Ok(Some(Identity { user, name }))
}

/// With sign-in on, lets through only requests that carry a usable identity
/// from a trusted proxy: others get 401 (no identity, or an identity from a
/// peer that may not vouch for one) or 400 (an unusable value). The identity
/// goes into the request's extensions, read there by the `Visitor` extractor
/// and the renderer: parsed once per request.
pub async fn require(State(sign_in): State<SignIn>, mut request: Request, next: Next) -> Response {
    let Some(settings) = &sign_in.0 else { return next.run(request).await };
    let path = request.uri().path();
    if OPEN_PATHS.contains(&path) || path.starts_with("/pkg/") {
        return next.run(request).await;
    }
    let trusted = request.extensions().get::<Client>().is_some_and(|c| c.via_trusted_proxy);
    if !trusted {
        if request.headers().contains_key(&settings.user) {
            let client = request.extensions().get::<Client>().map(|c| c.addr.to_string()).unwrap_or_default();
            tracing::warn!(%client, header = %settings.user, "an identity header from a peer that is not a trusted proxy was ignored");
        }
        return unauthorised().into_response();
    }
    match read(request.headers(), settings) {
        Ok(Some(identity)) => {
            request.extensions_mut().insert(identity);
            next.run(request).await
        }
        Ok(None) => unauthorised().into_response(),
        Err(message) => AppError::BadRequest { title: "The sign-in header is not usable".into(), detail: message }.into_response(),
    }
}

fn unauthorised() -> AppError {
    AppError::Unauthorised(
        "This Crossroads sits behind your company's sign-in. Open it through the company's address and sign in there; \
         if you did, the sign-in proxy did not pass on who you are (ask whoever runs it)."
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn settings() -> SignInHeaders {
        SignInHeaders { user: HeaderName::from_static("x-forwarded-email"), name: Some(HeaderName::from_static("x-forwarded-user")) }
    }

    #[test]
    fn identity_and_display_name_are_read_and_checked() {
        let mut h = HeaderMap::new();
        assert_eq!(read(&h, &settings()), Ok(None));
        h.insert("x-forwarded-email", HeaderValue::from_static("ada@example.org"));
        assert_eq!(read(&h, &settings()).unwrap().unwrap().name, "ada@example.org", "the identity stands in for a missing name");
        h.insert("x-forwarded-user", HeaderValue::from_bytes("Zoë".as_bytes()).unwrap());
        assert_eq!(read(&h, &settings()).unwrap().unwrap(), Identity { user: "ada@example.org".into(), name: "Zoë".into() });
        h.insert("x-forwarded-email", HeaderValue::from_str(&"a".repeat(300)).unwrap());
        assert!(read(&h, &settings()).unwrap_err().contains("longer than 256"));
        h.insert("x-forwarded-email", HeaderValue::from_bytes(b"ada\tlovelace").unwrap());
        assert!(read(&h, &settings()).unwrap_err().contains("control characters"));
        h.insert("x-forwarded-email", HeaderValue::from_static("ada@example.org"));
        h.append("x-forwarded-email", HeaderValue::from_static("mallory@example.org"));
        assert!(read(&h, &settings()).unwrap_err().contains("more than once"), "two identities: neither wins");
        h.insert("x-forwarded-email", HeaderValue::from_static("ada@example.org"));
        h.append("x-forwarded-user", HeaderValue::from_static("Someone Else"));
        assert!(read(&h, &settings()).unwrap_err().contains("more than once"), "two display names either");
    }
}
