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
#[derive(Clone, Copy, Debug, Default)]
pub struct CookiePolicy {
    pub secure: bool,
}

const OURS: &str = "crossroads_";
const HOST: &str = "__Host-";
const SECURE: &str = "__Secure-";

/// A cookie pair of ours with its prefix taken off, if it has one.
fn strip_prefix(pair: &str) -> Option<&str> {
    [HOST, SECURE].iter().find_map(|prefix| pair.strip_prefix(prefix)).filter(|rest| rest.starts_with(OURS))
}

/// The `Cookie` header with `__Host-crossroads_*` and `__Secure-crossroads_*`
/// read as `crossroads_*` (those first, so they win over a plain cookie of
/// the same name).
fn unprefixed(cookie: &str) -> String {
    let pairs: Vec<&str> = cookie.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
    let ours = pairs.iter().filter_map(|p| strip_prefix(p));
    let rest = pairs.iter().filter(|p| strip_prefix(p).is_none()).copied();
    ours.chain(rest).collect::<Vec<_>>().join("; ")
}

pub async fn apply_policy(
    axum::extract::State(policy): axum::extract::State<CookiePolicy>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !policy.secure {
        return next.run(request).await;
    }
    let cookies: Vec<String> = request.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).map(unprefixed).collect();
    if !cookies.is_empty() {
        if let Ok(value) = HeaderValue::from_str(&cookies.join("; ")) {
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
    fn prefixed_cookies_are_read_under_their_plain_name_first() {
        let header = unprefixed("crossroads_draft=old; theme=x; __Host-crossroads_draft=new; __Secure-crossroads_mine=t; __Host-other=y");
        assert_eq!(header, "crossroads_draft=new; crossroads_mine=t; crossroads_draft=old; theme=x; __Host-other=y");
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(&header).unwrap());
        assert_eq!(get(&headers, "crossroads_draft"), Some("new"));
    }
}
