//! The Crossroads server as a library, so integration tests can drive the same router.

pub mod assess;
pub mod clock;
pub mod config;
pub mod content;
pub mod decisions;
pub mod error;
pub mod etag;
pub mod examples;
pub mod export;
pub mod guide;
pub mod ids;
pub mod metrics;
pub mod page_cache;
pub mod render;
pub mod routes;
pub mod security;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod text;

use config::Config;
use error::StartupError;
use state::AppState;
use tokio::net::TcpListener;

/// Loads everything, binds the listener and serves until SIGINT or SIGTERM.
pub async fn run(config: Config) -> Result<(), StartupError> {
    let state = AppState::load(config).await?;
    let listen = state.config.listen;
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|source| StartupError::Bind { addr: listen, source })?;
    tracing::info!(address = %listen, url = %state.config.base_url(), "crossroads is listening");
    let app = routes::router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(StartupError::Serve)?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM; axum then stops accepting and lets
/// in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
