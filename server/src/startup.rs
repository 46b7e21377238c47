//! Errors that stop the server from starting. Each says what to fix.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Setting(#[from] crate::config::SettingError),
    #[error("content: {0}")]
    Content(String),
    #[error("database {url}: {message}")]
    Database { url: String, message: String },
    #[error(transparent)]
    Open(#[from] crate::db::OpenError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("site folder {path}: {message}")]
    Site { path: PathBuf, message: String },
    #[error("server stopped with an error: {0}")]
    Serve(std::io::Error),
}
