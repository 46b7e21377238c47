//! The Crossroads server as a library, so integration tests can drive the same router.
//!
//! Where things live, top down: `routes` maps addresses to handlers;
//! `services` is what they call to get work done; `db` stores results and
//! decisions; the domain crate scores. Beside them: `http` holds what every
//! route shares (errors, rendering, cookies, caching, security, metrics);
//! `content` and `guide` load the content folder once (and `openapi`
//! builds the API's document from it); `config`, `state`,
//! `startup`, `cli` and `embedded` wire everything up; `cache`, `clock`,
//! `ids`, `text`, `visitor` and `webhook_address` are basics that import nothing of the project.

pub mod cache;
pub mod cli;
pub mod clock;
pub mod config;
pub mod embedded;
mod no_follow;
pub mod content;
pub mod db;
pub mod decision_settings;
pub mod examples;
pub mod guide;
pub mod hash_file;
pub mod http;
pub mod ids;
pub mod openapi;
pub mod routes;
pub mod services;
pub mod site;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod text;
pub mod visitor;
pub mod webhook_address;

use config::Config;
use startup::StartupError;
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
    if let Some(address) = state.config.metrics_listen {
        let listener = TcpListener::bind(address).await.map_err(|source| StartupError::Bind { addr: address, source })?;
        tracing::info!(%address, "metrics are served on their own address");
        let metrics = routes::metrics_router(state.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, metrics).await {
                tracing::error!(%error, "the metrics listener stopped");
            }
        });
    }
    tokio::spawn(maintain(state.clone()));
    // Webhooks leave after commit, apart from requests; events left undelivered
    // by a stop or a crash are found in the outbox at once.
    tokio::spawn(services::webhook_delivery::Deliverer::new(&state).run());
    let app = routes::router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(StartupError::Serve)?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

/// Now and then every hour: see [`maintain_once`].
async fn maintain(state: AppState) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        maintain_once(&state, decision_settings::today()).await;
    }
}

/// One round of the hourly maintenance, `today` being the date decisions'
/// review dates are compared with: marks decisions past their review date as
/// due (one event per date), removes drafts untouched for 30 days and, with
/// a retention period, results older than it (that no open decision uses),
/// forgetting every page and card kept in memory that shows one.
pub async fn maintain_once(state: &AppState, today: chrono::NaiveDate) {
    match services::lifecycle::mark_due(state, today).await {
        Ok(0) => {}
        Ok(marked) => tracing::info!(marked, "decisions past their review date are due for review"),
        Err(error) => tracing::error!(%error, "marking decisions due for review failed; trying again in an hour"),
    }
    match state.db.purge_drafts(&cli::days_ago(DRAFT_DAYS)).await {
        Ok(0) => {}
        Ok(removed) => tracing::info!(removed, "removed drafts untouched for {DRAFT_DAYS} days"),
        Err(error) => tracing::error!(%error, "removing old drafts failed; trying again in an hour"),
    }
    let Some(days) = state.config.retention_days else { return };
    match services::results::purge(state, &cli::days_ago(days)).await {
        Ok(removed) if removed.is_empty() => {}
        Ok(removed) => {
            tracing::info!(removed = removed.len(), days, "removed results past the retention period");
        }
        Err(error) => tracing::error!(%error, "removing old results failed; trying again in an hour"),
    }
}

/// Days a draft is kept without a change.
const DRAFT_DAYS: u32 = 30;

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
