//! The HTTP surface: one module per area.

mod health;
mod pages;
mod static_files;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;

pub fn router(state: AppState) -> Router {
    // Leptos spawns rendering work on a global executor; use tokio's. Idempotent.
    let _ = any_spawner::Executor::init_tokio();
    Router::new()
        .route("/", get(pages::home))
        .route("/guide", get(pages::guide_index))
        .route("/guide/{slug}", get(pages::guide_page))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .nest("/pkg", static_files::hashed_assets(&state))
        .fallback(static_files::file_or_not_found)
        .layer(CompressionLayer::new())
        .with_state(state)
}
