//! Structured logs on standard error.

use tracing_subscriber::EnvFilter;

/// `level` is a tracing filter such as `info` or `crossroads_server=debug,tower_http=info`.
pub fn init(level: &str) {
    let filter = EnvFilter::try_new(level).unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_writer(std::io::stderr).try_init();
}
