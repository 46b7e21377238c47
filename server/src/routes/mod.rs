//! The HTTP surface: one module per area. Route files import shared pieces
//! from `crate::http` and the services, never from one another; a service's
//! failure becomes an answer in `failures.rs`.

pub mod api;
mod decision_log;
mod failures;
mod health;
pub mod lifecycle;
mod pages;
mod results;
mod static_files;
mod team;
mod team_owner;
mod team_owner_log;
mod wizard;

use crate::http::client::{self, TrustedProxies};
use crate::http::cookies::{self, CookiePolicy};
use crate::http::security::{Hsts, SameSite};
use crate::http::{auth, error, metrics, security};
use axum::http::HeaderValue;
use std::sync::Arc;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

/// Request bodies larger than this are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Every route Crossroads serves, with every layer.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/", get(pages::home))
        .route("/guide", get(pages::guide_index))
        .route("/guide/{slug}", get(pages::guide_page))
        .route("/guide/{slug}/card.png", get(pages::guide_card))
        .route("/wizard", get(wizard::start))
        .route("/wizard/{*step}", get(wizard::step).post(wizard::save_step))
        .route("/wizard/from/{id}", post(wizard::from_result))
        .route("/wizard/solo", post(wizard::solo))
        .route("/assessments", post(wizard::submit))
        .route("/t", post(team::create))
        .route("/t/new", get(team::new_form))
        .route("/t/deleted", get(team_owner::deleted))
        .route("/t/{id}", get(team::page))
        .route("/t/{id}/revision", get(team::revision))
        .route("/t/{id}/adr.md", get(team::adr))
        .route("/t/{id}/card.png", get(team::card))
        .route("/t/{id}/live", get(team::live))
        .route("/t/{id}/join", post(team::join))
        .route("/t/{id}/answer", get(team::confirm_answer).post(team::answer))
        .route("/t/{id}/m/{member}/{token}", get(team::member_link).post(team::use_member_link))
        .route("/t/{id}/i/{invite}", get(team::invite).post(team::accept_invite))
        .route("/t/{id}/owner", get(team_owner::owner).post(team_owner::owner_action))
        .route("/t/{id}/owner/log", post(team_owner_log::save))
        .route("/t/{id}/owner/lifecycle", post(lifecycle::owner_lifecycle))
        .route("/t/{id}/owner/{token}", get(team_owner::owner_link).post(team_owner::use_owner_link))
        .route("/decisions", get(decision_log::page))
        .route("/decisions.atom", get(decision_log::feed))
        .route("/r/{id}", get(results::page))
        .route("/r/{id}/adr.md", get(results::adr))
        .route("/r/{id}/card.png", get(results::card))
        .route("/r/{id}/rescore", post(results::rescore))
        .route("/r/{id}/delete", post(results::delete))
        .route("/r/{id}/decide", post(results::decide))
        .route("/api/v1/questionnaire", get(api::questionnaire))
        .route("/api/v1/assessments", post(api::create_assessment))
        .route("/api/v1/assessments/{id}", get(api::get_assessment).delete(api::delete_assessment))
        .route("/api/v1/decisions/{id}", get(api::get_decision))
        .route("/api/v1/decisions/{id}/facts", post(lifecycle::record_facts))
        .route("/api/openapi.json", get(openapi_document))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/pkg/{*file}", get(static_files::hashed_asset))
        .fallback(static_files::file_or_not_found);
    // With its own address, /metrics stays off the public one.
    let routes = match state.config.metrics_listen {
        Some(_) => routes,
        None => routes.route("/metrics", get(health::metrics)),
    };
    with_layers(routes, state)
}

/// `/metrics` alone, for `CROSSROADS_METRICS_LISTEN`.
pub fn metrics_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(health::metrics)).with_state(state)
}

/// The layers every request passes through, outermost last. Public so a test
/// can put a route of its own under exactly the same stack.
pub fn with_layers(routes: Router<AppState>, state: AppState) -> Router {
    let limiter = security::WriteLimiter::new(state.config.write_rate_per_minute);
    let time_limit = Duration::from_secs(state.config.request_timeout_secs);
    // Leptos spawns rendering work on a global executor; use tokio's. Idempotent.
    let _ = any_spawner::Executor::init_tokio();
    let settings = &state.settings;
    let same_site = SameSite(Arc::new(settings.origins.clone()));
    let proxies = TrustedProxies { nets: Arc::new(settings.trusted_proxies.clone()), header: settings.forwarded_header };
    let cookie_policy = CookiePolicy { secure: settings.https };
    let hsts = Hsts((settings.https && state.config.hsts).then(|| HeaderValue::from_static("max-age=31536000")));
    // Outermost last: the client is known before sign-in, the rate limit and
    // the logs need it; failures (401 included) are rendered outside them.
    routes
        .layer(middleware::from_fn_with_state(limiter, security::rate_limit_writes))
        .layer(middleware::from_fn_with_state(same_site, security::same_site_writes))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(time_limit, security::time_limit))
        .layer(middleware::from_fn_with_state(state.sign_in.clone(), auth::require))
        .layer(middleware::from_fn_with_state(proxies, client::recognise))
        .layer(middleware::from_fn_with_state(state.render.clone(), error::render_failures))
        .layer(middleware::from_fn_with_state(cookie_policy, cookies::apply_policy))
        .layer(middleware::from_fn_with_state(state.metrics.clone(), metrics::track))
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(not_negotiated)))
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(middleware::from_fn_with_state(hsts, security::headers))
        .with_state(state)
}

/// Compress only what no handler sent in an encoding chosen already: a static
/// file's stored copies are compressed at build time, and one sent as it is
/// was asked for that way.
fn not_negotiated(_: axum::http::StatusCode, _: axum::http::Version, _: &axum::http::HeaderMap, extensions: &axum::http::Extensions) -> bool {
    extensions.get::<crate::http::encoding::Negotiated>().is_none()
}

/// `GET /api/openapi.json`: the document for the running content, built once.
/// Served from here, beside the routes it describes, so that neither the
/// content nor the API's handlers depend on the document.
async fn openapi_document(axum::extract::State(state): axum::extract::State<AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let document = state.openapi.get_or_init(|| crate::openapi::document(&state.content.questionnaire)).clone();
    ([(axum::http::header::CONTENT_TYPE, "application/json")], document).into_response()
}
