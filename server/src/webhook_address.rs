//! Webhook addresses: which are usable, and which an allow list admits.
//! Addresses are compared parsed and normalised (scheme, host, port, path
//! segment by segment), never as text, so `https://hooks.example.com.evil.net`
//! is not under `https://hooks.example.com`, nor `/hooksX` under `/hooks`.

use url::{Host, Url};

/// Reads a webhook address: https, or plain http to this machine only (for
/// tests and local relays); no user name or password; the fragment dropped.
pub fn parse(text: &str) -> Result<Url, String> {
    let text = text.trim();
    let mut url = Url::parse(text).map_err(|_| format!("“{text}” is not a web address like https://hooks.example.com/…"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("a webhook address may not carry a user name or password".into());
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err("a webhook address must use https:// (plain http only to this machine)".into()),
        other => return Err(format!("a webhook address must use https://, not {other}:")),
    }
    if url.host().is_none() {
        return Err("a webhook address needs a host".into());
    }
    url.set_fragment(None);
    Ok(url)
}

/// `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Reads a comma-separated allow list of address prefixes, each a usable
/// address without a query.
pub fn parse_allow_list(text: &str) -> Result<Vec<Url>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let url = parse(item)?;
            if url.query().is_some() {
                return Err(format!("“{item}”: an allowed prefix may not have a query"));
            }
            Ok(url)
        })
        .collect()
}

/// Whether `url` is under one of the `prefixes`: same scheme, host and port,
/// and a path that is the prefix's or continues it after a `/`.
pub fn is_allowed(url: &Url, prefixes: &[Url]) -> bool {
    prefixes.iter().any(|prefix| {
        prefix.scheme() == url.scheme()
            && prefix.host() == url.host()
            && prefix.port_or_known_default() == url.port_or_known_default()
            && path_under(url.path(), prefix.path())
    })
}

fn path_under(path: &str, prefix: &str) -> bool {
    if prefix.ends_with('/') {
        path.starts_with(prefix)
    } else {
        path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str, list: &str) -> bool {
        is_allowed(&parse(url).unwrap(), &parse_allow_list(list).unwrap())
    }

    #[test]
    fn prefixes_match_by_host_port_and_path_segment() {
        let list = "https://hooks.example.com, https://chat.example.org/hooks";
        assert!(allowed("https://hooks.example.com/services/T1", list));
        assert!(allowed("https://HOOKS.example.com:443/x", list), "host case and the default port are normalised");
        assert!(allowed("https://chat.example.org/hooks/abc", list));
        assert!(allowed("https://chat.example.org/hooks", list));
        assert!(!allowed("https://hooks.example.com.evil.net/x", list), "a longer host is another host");
        assert!(!allowed("https://evil.net/hooks.example.com", list));
        assert!(!allowed("https://hooks.example.com:8443/x", list), "another port");
        assert!(!allowed("https://chat.example.org/hooksX", list), "a path continues only after a slash");
        assert!(!allowed("https://chat.example.org/hooks/../admin", list), "dot segments are resolved first");
        assert!(!allowed("https://chat.example.org/other", list));
    }

    #[test]
    fn only_https_or_loopback_http_without_credentials() {
        assert!(parse("https://hooks.example.com/x").is_ok());
        assert!(parse("http://127.0.0.1:9000/hook").is_ok());
        assert!(parse("http://localhost:9000/hook").is_ok());
        assert!(parse("http://[::1]:9000/hook").is_ok());
        assert!(parse("http://hooks.example.com/x").unwrap_err().contains("https://"));
        assert!(parse("http://10.0.0.1/x").is_err());
        assert!(parse("ftp://hooks.example.com/x").is_err());
        assert!(parse("https://user:pw@hooks.example.com/x").unwrap_err().contains("password"));
        assert!(parse("hooks.example.com").is_err());
        assert!(parse_allow_list("https://a.example?x=1").is_err());
    }
}
