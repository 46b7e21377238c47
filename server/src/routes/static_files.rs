//! Static files: hashed build output under `/pkg` (cached forever) and the public
//! assets at the site root (favicon, robots.txt).

use crate::http::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;
use axum::middleware::map_response;
use axum::Router;

/// `/pkg/*`: content-hashed names, so a file never changes under its name and
/// may be cached forever. Precompressed `.br` / `.gz` siblings are preferred.
pub fn hashed_assets(state: &AppState) -> Router<AppState> {
    let dir = state.site_root.join("pkg");
    let cache: &'static str = if state.render.leptos.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(map_response(move |mut res: Response| async move {
            if res.status().is_success() {
                res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            }
            res
        }))
}

/// Anything no route claims: a public asset if one exists, else the 404 page.
pub async fn file_or_not_found(State(state): State<AppState>, req: Request<Body>) -> Result<Response, AppError> {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        let probe = Request::builder()
            .method(req.method().clone())
            .uri(req.uri().clone())
            .body(Body::empty())
            .expect("a request built from a valid request");
        let serve = ServeDir::new(&state.site_root)
            .append_index_html_on_directories(false)
            .oneshot(probe)
            .await;
        let Ok(res) = serve;
        if res.status() == StatusCode::OK && !req.uri().path().ends_with('/') {
            let mut res = res.into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            return Ok(res);
        }
    }
    Err(AppError::NotFound("There is nothing at this address.".into()))
}
