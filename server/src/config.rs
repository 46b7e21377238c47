//! Configuration: every setting is a flag and an environment variable with a default.
//! Settings that need more than a type check (addresses, header names, URLs)
//! are read by [`Config::settings`], whose errors name the setting at fault.

use crate::http::client::ForwardedHeader;
pub use crate::http::security::origin_of;
use axum::http::HeaderName;
use clap::Args;
use crate::webhook_address;
use ipnet::IpNet;
use url::Url;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(Clone, Debug, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "CROSSROADS_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Where results are stored: `sqlite://PATH` (created on first run) or `postgres://…`.
    #[arg(long, env = "CROSSROADS_DATABASE_URL", default_value = "sqlite://data/crossroads.db")]
    pub database_url: String,

    /// Folder holding `guide/*.md`, `questionnaire.toml` and `examples.toml`
    /// (default: the content built into the binary).
    #[arg(long, env = "CROSSROADS_CONTENT_DIR")]
    pub content_dir: Option<PathBuf>,

    /// Folder with the built site (`pkg/` with wasm, js, css, and the public
    /// assets; default: the site built into the binary, else `target/site`).
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,

    /// The address users reach Crossroads at, such as `https://crossroads.example.org`:
    /// used for share links and to tell same-site form posts from cross-site ones
    /// (default: `http://` + the listen address).
    #[arg(long, env = "CROSSROADS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Proxies whose forwarding headers (and sign-in header) are believed:
    /// addresses or CIDR ranges, comma-separated. Empty: none.
    #[arg(long, env = "CROSSROADS_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,

    /// The one header in which the trusted proxies name the client: `X-Forwarded-For`
    /// (with the scheme in `X-Forwarded-Proto`) or `Forwarded`. The other is ignored.
    #[arg(long, env = "CROSSROADS_FORWARDED_HEADER", default_value = "X-Forwarded-For")]
    pub forwarded_header: String,

    /// The header in which the trusted proxy passes the signed-in user, such as
    /// `X-Forwarded-Email` or `Remote-User`. Unset: no sign-in.
    #[arg(long, env = "CROSSROADS_AUTH_HEADER")]
    pub auth_header: Option<String>,

    /// The header with the user's display name, such as `X-Forwarded-Preferred-Username`.
    #[arg(long, env = "CROSSROADS_AUTH_NAME_HEADER")]
    pub auth_name_header: Option<String>,

    /// Send `Strict-Transport-Security` when the public URL is https.
    #[arg(long, env = "CROSSROADS_HSTS", default_value_t = true, action = clap::ArgAction::Set)]
    pub hsts: bool,

    /// Serve `/metrics` on this address only (not on the public one).
    #[arg(long, env = "CROSSROADS_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Remove results older than this many days that no open decision uses,
    /// once an hour (unset: keep results forever).
    #[arg(long, env = "CROSSROADS_RETENTION_DAYS")]
    pub retention_days: Option<u32>,

    /// Most members one team decision accepts (at most 500).
    #[arg(long, env = "CROSSROADS_MAX_MEMBERS", default_value_t = 100)]
    pub max_members: usize,

    /// Writes (POST) per minute allowed from one client address; 0 turns the limit off.
    #[arg(long, env = "CROSSROADS_WRITE_RATE", default_value_t = 120)]
    pub write_rate_per_minute: u32,

    /// Seconds a request may take; a slower one is answered 503 with Retry-After.
    #[arg(long, env = "CROSSROADS_REQUEST_TIMEOUT", default_value_t = 15)]
    pub request_timeout_secs: u64,

    /// Show the decision log (`/decisions` and its Atom feed) to everyone:
    /// `on` or `off`. With sign-in (`CROSSROADS_AUTH_HEADER`) it is shown to
    /// signed-in people whatever this says.
    #[arg(long, env = "CROSSROADS_DECISION_LOG", default_value = "off", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::Set)]
    pub decision_log: bool,

    /// SQLite only, for tests: the most pages the database file may grow to.
    /// Writes past it fail exactly as on a full disk.
    #[arg(long, env = "CROSSROADS_SQLITE_MAX_PAGES", hide = true)]
    pub sqlite_max_pages: Option<u32>,

    /// The server's webhook: every decision event is sent here, signed with
    /// `CROSSROADS_WEBHOOK_SECRET` (https, or http to this machine).
    #[arg(long, env = "CROSSROADS_WEBHOOK_URL")]
    pub webhook_url: Option<String>,

    /// The server webhook's secret: `whsec_` + base64 of 24 to 64 random bytes.
    #[arg(long, env = "CROSSROADS_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,

    /// Address prefixes decision owners may send their decision's events to,
    /// comma-separated (such as `https://hooks.slack.com/services/`). Empty: none.
    #[arg(long, env = "CROSSROADS_WEBHOOK_ALLOW", default_value = "")]
    pub webhook_allow: String,

    /// Log filter, such as `info`, `debug` or `crossroads_server=debug,info`.
    #[arg(long, env = "CROSSROADS_LOG", default_value = "info")]
    pub log_level: String,
}

/// The most members a decision may be configured to accept: a team page
/// combines every member's answers on each change.
pub const MAX_MEMBERS: usize = 500;

/// The settings that are read from text, checked and ready to use.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Origins (`scheme://host[:port]`) whose form posts count as same-site.
    pub origins: Vec<String>,
    pub https: bool,
    pub trusted_proxies: Vec<IpNet>,
    pub forwarded_header: ForwardedHeader,
    pub auth_header: Option<HeaderName>,
    pub auth_name_header: Option<HeaderName>,
    /// The server's webhook, if set.
    pub webhook: Option<ServerWebhook>,
    /// Address prefixes decision webhooks may use (none: decisions have no webhooks).
    pub webhook_allow: Vec<Url>,
}

/// The server's webhook: where every event goes, and the secret it is signed with.
#[derive(Clone)]
pub struct ServerWebhook {
    pub url: Url,
    pub secret: String,
}

impl std::fmt::Debug for ServerWebhook {
    /// Never the secret, should settings be logged.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerWebhook").field("url", &self.url.as_str()).finish_non_exhaustive()
    }
}

/// A setting that cannot be used, and why.
#[derive(Debug, thiserror::Error)]
#[error("setting {name}: {message}")]
pub struct SettingError {
    pub name: &'static str,
    pub message: String,
}

fn bad(name: &'static str, message: impl Into<String>) -> SettingError {
    SettingError { name, message: message.into() }
}

impl Config {
    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        let url = match &self.public_url {
            Some(url) => url.clone(),
            None => format!("http://{}", self.listen),
        };
        url.trim_end_matches('/').to_string()
    }

    /// Reads and checks the settings given as text.
    pub fn settings(&self) -> Result<Settings, SettingError> {
        const PUBLIC: &str = "CROSSROADS_PUBLIC_URL (--public-url)";
        let public = origin_of(&self.base_url())
            .ok_or_else(|| bad(PUBLIC, format!("\"{}\" is not an http:// or https:// address", self.base_url())))?;
        let https = public.starts_with("https://");
        let mut origins = vec![public];
        // Without a public URL the listen address is the public one, under
        // each name a browser on this machine may use for it. With one, only
        // it: a page at http://localhost could otherwise post to an https site.
        if self.public_url.is_none() {
            let port = self.listen.port();
            if self.listen.ip().is_unspecified() || self.listen.ip().is_loopback() {
                for name in [format!("http://localhost:{port}"), format!("http://127.0.0.1:{port}"), format!("http://[::1]:{port}")] {
                    if !origins.contains(&name) {
                        origins.push(name);
                    }
                }
            }
        }
        if self.retention_days == Some(0) {
            return Err(bad("CROSSROADS_RETENTION_DAYS (--retention-days)", "must be at least 1 (leave it unset to keep results forever)"));
        }
        if self.max_members == 0 || self.max_members > MAX_MEMBERS {
            return Err(bad("CROSSROADS_MAX_MEMBERS (--max-members)", format!("must be between 1 and {MAX_MEMBERS} (it is {})", self.max_members)));
        }
        let trusted_proxies = parse_proxies(&self.trusted_proxies)?;
        let forwarded_header = ForwardedHeader::parse(&self.forwarded_header).ok_or_else(|| {
            bad("CROSSROADS_FORWARDED_HEADER (--forwarded-header)", format!("\"{}\" is neither X-Forwarded-For nor Forwarded", self.forwarded_header))
        })?;
        let header = |name: &'static str, value: &Option<String>| -> Result<Option<HeaderName>, SettingError> {
            match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(text) => HeaderName::try_from(text).map(Some).map_err(|_| bad(name, format!("\"{text}\" is not a header name"))),
            }
        };
        let auth_header = header("CROSSROADS_AUTH_HEADER (--auth-header)", &self.auth_header)?;
        let auth_name_header = header("CROSSROADS_AUTH_NAME_HEADER (--auth-name-header)", &self.auth_name_header)?;
        if auth_header.is_some() && trusted_proxies.is_empty() {
            return Err(bad(
                "CROSSROADS_AUTH_HEADER (--auth-header)",
                "sign-in by header needs CROSSROADS_TRUSTED_PROXIES: without it anyone could send the header",
            ));
        }
        if auth_name_header.is_some() && auth_header.is_none() {
            return Err(bad("CROSSROADS_AUTH_NAME_HEADER (--auth-name-header)", "is set, but CROSSROADS_AUTH_HEADER is not"));
        }
        let webhook = server_webhook(self.webhook_url.as_deref(), self.webhook_secret.as_deref())?;
        let webhook_allow = webhook_address::parse_allow_list(&self.webhook_allow).map_err(|e| bad("CROSSROADS_WEBHOOK_ALLOW (--webhook-allow)", e))?;
        Ok(Settings { origins, https, trusted_proxies, forwarded_header, auth_header, auth_name_header, webhook, webhook_allow })
    }

    /// A configuration for tests: everything local, a database in `data_dir`.
    pub fn for_tests(content_dir: PathBuf, data_dir: &std::path::Path) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database_url: format!("sqlite://{}", data_dir.join("crossroads.db").display()),
            content_dir: Some(content_dir),
            site_root: None,
            public_url: Some("http://crossroads.test".into()),
            trusted_proxies: String::new(),
            forwarded_header: "X-Forwarded-For".into(),
            auth_header: None,
            auth_name_header: None,
            hsts: true,
            metrics_listen: None,
            retention_days: None,
            log_level: "warn".into(),
            sqlite_max_pages: None,
            max_members: 100,
            write_rate_per_minute: 0,
            request_timeout_secs: 15,
            decision_log: false,
            webhook_url: None,
            webhook_secret: None,
            webhook_allow: String::new(),
        }
    }
}

/// The server's webhook from its two settings: both or neither.
fn server_webhook(url: Option<&str>, secret: Option<&str>) -> Result<Option<ServerWebhook>, SettingError> {
    const URL: &str = "CROSSROADS_WEBHOOK_URL (--webhook-url)";
    const SECRET: &str = "CROSSROADS_WEBHOOK_SECRET (--webhook-secret)";
    let url = url.map(str::trim).filter(|v| !v.is_empty());
    let secret = secret.map(str::trim).filter(|v| !v.is_empty());
    match (url, secret) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(bad(SECRET, "is needed with CROSSROADS_WEBHOOK_URL: every delivery is signed")),
        (None, Some(_)) => Err(bad(URL, "is not set, but CROSSROADS_WEBHOOK_SECRET is")),
        (Some(url), Some(secret)) => {
            let url = webhook_address::parse(url).map_err(|e| bad(URL, e))?;
            secret_key(secret).map_err(|e| bad(SECRET, e))?;
            Ok(Some(ServerWebhook { url, secret: secret.to_string() }))
        }
    }
}

/// The key a webhook secret stands for: `whsec_` + base64, 24 to 64 bytes, as
/// the Standard Webhooks specification writes secrets.
pub fn secret_key(secret: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let encoded = secret.strip_prefix("whsec_").ok_or("must start with whsec_ (then base64, as the Standard Webhooks specification says)")?;
    let key = base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|_| "is not whsec_ followed by base64")?;
    if !(24..=64).contains(&key.len()) {
        return Err(format!("must encode 24 to 64 bytes (it encodes {}); make one with: echo whsec_$(head -c 32 /dev/urandom | base64)", key.len()));
    }
    Ok(key)
}


fn parse_proxies(text: &str) -> Result<Vec<IpNet>, SettingError> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<IpNet>().or_else(|_| item.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
                bad("CROSSROADS_TRUSTED_PROXIES (--trusted-proxies)", format!("\"{item}\" is not an address or a CIDR range like 10.0.0.0/8"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::for_tests(PathBuf::from("content"), std::path::Path::new("data"))
    }

    #[test]
    fn origins_come_from_the_public_url_and_the_listen_address() {
        assert_eq!(origin_of("HTTPS://Crossroads.Example.org:443/sub/"), Some("https://crossroads.example.org".into()));
        assert_eq!(origin_of("http://h:8080"), Some("http://h:8080".into()));
        assert_eq!(origin_of("ftp://h"), None);
        assert_eq!(origin_of("crossroads.example.org"), None);
        let mut c = config();
        c.public_url = Some("https://crossroads.example.org/".into());
        let settings = c.settings().unwrap();
        assert!(settings.https);
        assert_eq!(settings.origins, vec!["https://crossroads.example.org".to_string()], "with a public URL, only its origin");
        c.public_url = None;
        c.listen = "127.0.0.1:3000".parse().unwrap();
        let settings = c.settings().unwrap();
        assert_eq!(settings.origins, ["http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000"].map(String::from));
    }

    #[test]
    fn bad_settings_name_themselves() {
        let mut c = config();
        c.trusted_proxies = "10.0.0.0/8, 300.1.1.1".into();
        assert!(c.settings().unwrap_err().to_string().contains("CROSSROADS_TRUSTED_PROXIES"));
        let mut c = config();
        c.auth_header = Some("X-Forwarded-Email".into());
        let error = c.settings().unwrap_err().to_string();
        assert!(error.contains("CROSSROADS_AUTH_HEADER") && error.contains("CROSSROADS_TRUSTED_PROXIES"), "{error}");
        c.trusted_proxies = "127.0.0.2".into();
        assert!(c.settings().is_ok());
        c.auth_header = Some("Bad Header:".into());
        assert!(c.settings().unwrap_err().to_string().contains("is not a header name"));
        let mut c = config();
        c.public_url = Some("crossroads.example.org".into());
        assert!(c.settings().unwrap_err().to_string().contains("CROSSROADS_PUBLIC_URL"));
        let mut c = config();
        c.max_members = 501;
        assert!(c.settings().unwrap_err().to_string().contains("CROSSROADS_MAX_MEMBERS"));
    }

    #[test]
    fn webhook_settings_name_themselves() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let error = |url: Option<&str>, secret: Option<&str>, allow: &str| {
            let mut c = config();
            c.webhook_url = url.map(String::from);
            c.webhook_secret = secret.map(String::from);
            c.webhook_allow = allow.into();
            c.settings().err().map(|e| e.to_string())
        };
        assert_eq!(error(Some("https://hooks.example.com/x"), Some(secret), "https://hooks.example.com"), None);
        assert!(error(Some("https://hooks.example.com/x"), None, "").unwrap().starts_with("setting CROSSROADS_WEBHOOK_SECRET"));
        assert!(error(None, Some(secret), "").unwrap().starts_with("setting CROSSROADS_WEBHOOK_URL"));
        assert!(error(Some("http://hooks.example.com/x"), Some(secret), "").unwrap().contains("CROSSROADS_WEBHOOK_URL"));
        assert!(error(Some("https://hooks.example.com/x"), Some("whsec_c2hvcnQ="), "").unwrap().contains("24 to 64 bytes"));
        assert!(error(Some("https://hooks.example.com/x"), Some("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "").unwrap().contains("whsec_"));
        assert!(error(None, None, "https://a.example, ftp://b.example").unwrap().starts_with("setting CROSSROADS_WEBHOOK_ALLOW"));
        let mut c = config();
        c.webhook_url = Some("https://hooks.example.com/x".into());
        c.webhook_secret = Some(secret.into());
        assert!(!format!("{:?}", c.settings().unwrap()).contains(secret), "settings never print the secret");
    }
}
