//! Reading and writing the few cookies Crossroads uses.

use axum::http::{header, HeaderMap, HeaderValue};

/// The value of cookie `name`, if the request carries it.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value. `value` must be cookie-safe (ids, tokens, drafts are).
pub fn set(name: &str, value: &str, http_only: bool) -> HeaderValue {
    let flags = if http_only { "; HttpOnly" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax{flags}"))
        .expect("cookie-safe by construction")
}

/// The cookie that lets this browser delete result `id`: sent only with that
/// result's addresses (its path), so a browser with many results carries none
/// of them elsewhere.
pub fn result_owner(id: &str, token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{RESULT_OWNER}={token}; Path=/r/{id}; Max-Age=31536000; SameSite=Lax; HttpOnly"))
        .expect("cookie-safe by construction")
}

pub fn clear_result_owner(id: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{RESULT_OWNER}=; Path=/r/{id}; Max-Age=0; SameSite=Lax")).expect("cookie-safe")
}

/// The name of [`result_owner`]'s cookie.
pub const RESULT_OWNER: &str = "crossroads_mine";

pub fn clear(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{name}=; Path=/; Max-Age=0; SameSite=Lax")).expect("cookie-safe")
}

/// Over https every cookie of ours is `Secure` and carries the `__Host-`
/// prefix (bound to this host, path `/`, never sent over plain http), or
/// `__Secure-` when its path is narrower (which `__Host-` forbids). Handlers
/// keep using the plain names: this layer renames on the way in and out.
/// On the way in, only the prefixed names count: a plain `crossroads_*`
/// cookie can be planted by plain http or a sibling subdomain, and a
/// `__Secure-` one by a sibling subdomain for a site-wide name.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookiePolicy {
    pub secure: bool,
}

const OURS: &str = "crossroads_";
const HOST: &str = "__Host-";
const SECURE: &str = "__Secure-";

/// Our cookies whose path is narrower than `/`: the only ones that may (and
/// must) carry `__Secure-` instead of `__Host-`.
fn path_scoped(name: &str) -> bool {
    name.split('=').next() == Some(RESULT_OWNER)
}

/// How a cookie pair is read under https: ours with the right prefix, under
/// its plain name; ours without it, not at all; anyone else's, as it is.
fn read_secure(pair: &str) -> Option<&str> {
    if let Some(rest) = pair.strip_prefix(HOST) {
        return Some(if rest.starts_with(OURS) && !path_scoped(rest) { rest } else { pair });
    }
    if let Some(rest) = pair.strip_prefix(SECURE) {
        return Some(if rest.starts_with(OURS) && path_scoped(rest) { rest } else { pair });
    }
    (!pair.starts_with(OURS)).then_some(pair)
}

/// The `Cookie` header as handlers see it under https (see [`read_secure`]).
fn unprefixed(cookie: &str) -> String {
    let pairs = cookie.split(';').map(str::trim).filter(|p| !p.is_empty());
    pairs.filter_map(read_secure).collect::<Vec<_>>().join("; ")
}

pub async fn apply_policy(
    axum::extract::State(policy): axum::extract::State<CookiePolicy>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !policy.secure {
        return next.run(request).await;
    }
    let cookies: Vec<String> =
        request.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).map(unprefixed).filter(|c| !c.is_empty()).collect();
    request.headers_mut().remove(header::COOKIE);
    if let Ok(value) = HeaderValue::from_str(&cookies.join("; ")) {
        if !cookies.is_empty() {
            request.headers_mut().insert(header::COOKIE, value);
        }
    }
    let mut response = next.run(request).await;
    let set: Vec<HeaderValue> = response.headers().get_all(header::SET_COOKIE).iter().cloned().collect();
    if !set.is_empty() {
        response.headers_mut().remove(header::SET_COOKIE);
        for value in set {
            let text = value.to_str().unwrap_or_default();
            let site_wide = text.split(';').any(|attribute| attribute.trim() == "Path=/");
            let prefix = if site_wide { HOST } else { SECURE };
            let renamed = if text.starts_with(OURS) { format!("{prefix}{text}; Secure") } else { text.to_string() };
            if let Ok(value) = HeaderValue::from_str(&renamed) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_https_only_prefixed_cookies_of_ours_are_read() {
        let header = unprefixed(
            "crossroads_draft=planted; theme=x; __Host-crossroads_draft=mine; __Secure-crossroads_team=planted2; \
             __Secure-crossroads_mine=t; __Host-other=y; crossroads_mine=planted3",
        );
        assert_eq!(header, "theme=x; crossroads_draft=mine; __Secure-crossroads_team=planted2; crossroads_mine=t; __Host-other=y");
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(&header).unwrap());
        assert_eq!(get(&headers, "crossroads_draft"), Some("mine"));
        assert_eq!(get(&headers, "crossroads_team"), None, "a site-wide cookie under __Secure- is not ours");
        assert_eq!(get(&headers, "crossroads_mine"), Some("t"));
    }
}
