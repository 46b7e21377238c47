//! Who is on the other end: the client's address and scheme, believed from a
//! forwarding header only when the connection comes from a trusted proxy.
//!
//! Behind a proxy every connection comes from the proxy, so a forwarding
//! header names the client. Exactly one header is read, the one the proxy
//! maintains (`CROSSROADS_FORWARDED_HEADER`: `X-Forwarded-For` with
//! `X-Forwarded-Proto`, or `Forwarded`): a proxy that maintains one passes the
//! other through from the browser untouched, so reading both would let a
//! browser name any address. Even then the client is the rightmost entry that
//! is not itself a trusted proxy (entries further left were written by the
//! client and prove nothing); a malformed header means the peer's address.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// The one forwarding header the proxies maintain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For`, with the scheme in `X-Forwarded-Proto` (nginx, Caddy, most others).
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239), `for=` and `proto=`.
    Forwarded,
}

impl ForwardedHeader {
    /// Reads the setting's value (case does not matter).
    pub fn parse(text: &str) -> Option<ForwardedHeader> {
        match text.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Some(ForwardedHeader::XForwardedFor),
            "forwarded" => Some(ForwardedHeader::Forwarded),
            _ => None,
        }
    }
}

/// The proxies whose forwarding header is believed (empty: none), and which header that is.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies {
    pub nets: Arc<Vec<IpNet>>,
    pub header: ForwardedHeader,
}

impl TrustedProxies {
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = canonical(addr);
        self.nets.iter().any(|net| net.contains(&addr))
    }
}

/// The request's client, as far as it can be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    /// The client's address (the peer's, unless a trusted proxy named another).
    pub addr: IpAddr,
    /// The connection comes from a trusted proxy.
    pub via_trusted_proxy: bool,
    /// The proxy said the client used https (`X-Forwarded-Proto` / `proto=`).
    pub https: bool,
}

impl Client {
    /// The key the write rate limit counts under: the address, or for IPv6
    /// its /64, since one client usually holds a whole /64.
    pub fn rate_key(&self) -> IpAddr {
        match self.addr {
            IpAddr::V6(v6) => {
                let s = v6.segments();
                IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
            }
            v4 => v4,
        }
    }
}

/// An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`, as dual-stack
/// listeners report them) compares as the IPv4 address.
fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(addr),
        v4 => v4,
    }
}

/// Works out the client of a request that arrived from `peer`.
pub fn identify(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> Client {
    let peer = canonical(peer);
    if !trusted.contains(peer) {
        return Client { addr: peer, via_trusted_proxy: false, https: false };
    }
    let (chain, https) = match trusted.header {
        ForwardedHeader::XForwardedFor => (x_forwarded_for(headers), x_forwarded_proto(headers)),
        ForwardedHeader::Forwarded => (forwarded_for(headers), forwarded_proto(headers)),
    };
    // The rightmost hop that is not a trusted proxy; if every hop is trusted,
    // the leftmost one; a malformed header counts as absent.
    let addr = chain
        .and_then(|hops| hops.iter().rev().copied().find(|hop| !trusted.contains(*hop)).or_else(|| hops.first().copied()))
        .map(canonical)
        .unwrap_or(peer);
    Client { addr, via_trusted_proxy: true, https }
}

/// The addresses in `Forwarded: for=…` (RFC 7239), in order; `None` if the
/// header is absent or any `for=` value is not an address.
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all("forwarded") {
        for element in value.to_str().ok()?.split(',') {
            for pair in element.split(';') {
                let Some((name, value)) = pair.trim().split_once('=') else { continue };
                if name.trim().eq_ignore_ascii_case("for") {
                    hops.push(parse_node(value.trim().trim_matches('"'))?);
                }
            }
        }
    }
    (!hops.is_empty()).then_some(hops)
}

/// A `for=` node: `192.0.2.1`, `192.0.2.1:8080`, `[2001:db8::1]` or `[2001:db8::1]:8080`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.parse().ok().or_else(|| node.rsplit_once(':').and_then(|(host, _)| host.parse::<Ipv4Addr>().ok().map(IpAddr::V4)))
}

fn x_forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        for hop in value.to_str().ok()?.split(',') {
            hops.push(parse_node(hop.trim())?);
        }
    }
    (!hops.is_empty()).then_some(hops)
}

fn is_https(value: &str) -> bool {
    value.trim().trim_matches('"').eq_ignore_ascii_case("https")
}

/// The scheme the last proxy saw, from the last `Forwarded` element's `proto=`.
fn forwarded_proto(headers: &HeaderMap) -> bool {
    let Some(forwarded) = headers.get_all("forwarded").iter().last().and_then(|v| v.to_str().ok()) else { return false };
    let last = forwarded.rsplit(',').next().unwrap_or_default();
    last.split(';').filter_map(|p| p.trim().split_once('=')).find(|(n, _)| n.trim().eq_ignore_ascii_case("proto")).is_some_and(|(_, v)| is_https(v))
}

/// The scheme the last proxy saw, from the last `X-Forwarded-Proto` entry.
fn x_forwarded_proto(headers: &HeaderMap) -> bool {
    headers.get_all("x-forwarded-proto").iter().last().and_then(|v| v.to_str().ok()).is_some_and(|v| v.rsplit(',').next().is_some_and(is_https))
}

/// Puts a [`Client`] into every request's extensions.
pub async fn recognise(State(trusted): State<TrustedProxies>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let client = identify(peer, request.headers(), &trusted);
    request.extensions_mut().insert(client);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn trusted(nets: &[&str]) -> TrustedProxies {
        TrustedProxies { nets: Arc::new(nets.iter().map(|n| n.parse().unwrap()).collect()), header: ForwardedHeader::XForwardedFor }
    }

    fn trusted_forwarded(nets: &[&str]) -> TrustedProxies {
        TrustedProxies { header: ForwardedHeader::Forwarded, ..trusted(nets) }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    const PROXY: &str = "127.0.0.2";

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let client = identify(PROXY.parse().unwrap(), &headers(&[("x-forwarded-for", "203.0.113.9")]), &trusted(&[]));
        assert_eq!(client.addr, PROXY.parse::<IpAddr>().unwrap());
        assert!(!client.via_trusted_proxy);
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies = trusted(&["127.0.0.0/8", "10.0.0.0/8"]);
        let h = headers(&[("x-forwarded-for", "198.51.100.7, 203.0.113.9, 10.1.2.3"), ("x-forwarded-proto", "https")]);
        let client = identify(PROXY.parse().unwrap(), &h, &proxies);
        assert_eq!(client.addr, "203.0.113.9".parse::<IpAddr>().unwrap(), "the spoofable left entry is ignored");
        assert!(client.https);
        let h = headers(&[("forwarded", "for=198.51.100.7, for=\"[2001:db8::1]:443\";proto=https")]);
        let client = identify(PROXY.parse().unwrap(), &h, &trusted_forwarded(&["127.0.0.0/8"]));
        assert_eq!(client.addr, "2001:db8::1".parse::<IpAddr>().unwrap());
        assert!(client.https);
    }

    #[test]
    fn only_the_configured_header_counts() {
        // The proxy maintains X-Forwarded-For; a browser-sent Forwarded passes through it untouched.
        let h = headers(&[("forwarded", "for=203.0.113.7;proto=https"), ("x-forwarded-for", "198.51.100.4")]);
        let client = identify(PROXY.parse().unwrap(), &h, &trusted(&["127.0.0.2/32"]));
        assert_eq!(client.addr, "198.51.100.4".parse::<IpAddr>().unwrap());
        assert!(!client.https, "a browser's proto= is not believed either");
        // And the other way round.
        let h = headers(&[("forwarded", "for=198.51.100.4"), ("x-forwarded-for", "203.0.113.7"), ("x-forwarded-proto", "https")]);
        let client = identify(PROXY.parse().unwrap(), &h, &trusted_forwarded(&["127.0.0.2/32"]));
        assert_eq!(client.addr, "198.51.100.4".parse::<IpAddr>().unwrap());
        assert!(!client.https);
    }

    #[test]
    fn a_malformed_forwarded_header_means_the_peer_not_another_header() {
        let h = headers(&[("forwarded", "for=unknown"), ("x-forwarded-for", "203.0.113.7")]);
        let client = identify(PROXY.parse().unwrap(), &h, &trusted_forwarded(&["127.0.0.2/32"]));
        assert_eq!(client.addr, PROXY.parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_setting_names_one_header() {
        assert_eq!(ForwardedHeader::parse("X-Forwarded-For"), Some(ForwardedHeader::XForwardedFor));
        assert_eq!(ForwardedHeader::parse(" forwarded "), Some(ForwardedHeader::Forwarded));
        assert_eq!(ForwardedHeader::parse("X-Real-IP"), None);
    }

    #[test]
    fn malformed_forwarding_headers_fall_back_to_the_peer() {
        let proxies = trusted(&["127.0.0.2/32"]);
        for value in ["not-an-address", "203.0.113.9, <script>", ""] {
            let client = identify(PROXY.parse().unwrap(), &headers(&[("x-forwarded-for", value)]), &proxies);
            assert_eq!(client.addr, PROXY.parse::<IpAddr>().unwrap(), "{value:?}");
        }
    }

    #[test]
    fn ipv6_clients_share_a_key_per_64() {
        let a = Client { addr: "2001:db8:1:2:aaaa::1".parse().unwrap(), via_trusted_proxy: false, https: false };
        let b = Client { addr: "2001:db8:1:2:bbbb::9".parse().unwrap(), ..a };
        let c = Client { addr: "2001:db8:1:3::1".parse().unwrap(), ..a };
        assert_eq!(a.rate_key(), b.rate_key());
        assert_ne!(a.rate_key(), c.rate_key());
        assert!(trusted(&["127.0.0.1/32"]).contains("::ffff:127.0.0.1".parse().unwrap()));
    }
}
