//! Configuration: every setting is a flag and an environment variable with a default.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(name = "crossroads", version, about = "Decide how to structure and run a system")]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "CROSSROADS_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Where results are stored: `sqlite://PATH` (created on first run) or `postgres://…`.
    #[arg(long, env = "CROSSROADS_DATABASE_URL", default_value = "sqlite://data/crossroads.db")]
    pub database_url: String,

    /// Folder holding `guide/*.md` and `questionnaire.toml`.
    #[arg(long, env = "CROSSROADS_CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,

    /// Folder with the built site (`pkg/` with wasm, js, css, and the public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// The address users reach Crossroads at, used for absolute share links
    /// (default: `http://` + the listen address).
    #[arg(long, env = "CROSSROADS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Most members one team decision accepts.
    #[arg(long, env = "CROSSROADS_MAX_MEMBERS", default_value_t = 100)]
    pub max_members: usize,

    /// Writes (POST) per minute allowed from one client address; 0 turns the limit off.
    #[arg(long, env = "CROSSROADS_WRITE_RATE", default_value_t = 120)]
    pub write_rate_per_minute: u32,

    /// Seconds a request may take before it is answered with 408.
    #[arg(long, env = "CROSSROADS_REQUEST_TIMEOUT", default_value_t = 15)]
    pub request_timeout_secs: u64,

    /// Log filter, such as `info`, `debug` or `crossroads_server=debug,info`.
    #[arg(long, env = "CROSSROADS_LOG", default_value = "info")]
    pub log_level: String,
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

    /// A configuration for tests: everything local, a database in `data_dir`.
    pub fn for_tests(content_dir: PathBuf, data_dir: &std::path::Path) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database_url: format!("sqlite://{}", data_dir.join("crossroads.db").display()),
            content_dir,
            site_root: PathBuf::from("target/site"),
            public_url: Some("http://crossroads.test".into()),
            log_level: "warn".into(),
            max_members: 100,
            write_rate_per_minute: 0,
            request_timeout_secs: 15,
        }
    }
}
