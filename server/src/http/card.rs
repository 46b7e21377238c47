//! Serving share cards: drawn once per key, answered with an ETag, and kept
//! by browsers for good when they can never change.

use super::{etag, AppError};
use crate::cards;
use crate::state::AppState;
use app::pages::card::CardView;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::body::Bytes;
use tokio::sync::Semaphore;

/// How long a card may be kept without asking again.
#[derive(Clone, Copy, Debug)]
pub enum Keep {
    /// A guide page's card: it never changes for a build.
    Forever,
    /// A result's card: it never changes, but its result can be deleted, and
    /// then shared caches must stop serving it soon.
    Minutes,
    /// A decision's card: it changes with the decision (its key does too).
    Revalidate,
}

impl Keep {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Keep::Forever => "public, max-age=31536000, immutable",
            Keep::Minutes => "public, max-age=300, must-revalidate",
            Keep::Revalidate => "public, no-cache",
        })
    }
}

/// Answers with the card under `key`, drawing it once.
pub async fn respond(
    state: &AppState,
    key: String,
    headers: &HeaderMap,
    keep: Keep,
    card: impl FnOnce() -> CardView + Send + 'static,
) -> Result<Response, AppError> {
    let tag = etag::tag(&[&state.build_id, &key]);
    if let Some(response) = etag::not_modified(headers, &tag) {
        return Ok(response);
    }
    let png = match state.cards.get(&key) {
        Some(png) => png,
        None => {
            // Few cards are drawn at once (each takes a 3 MB canvas and some
            // milliseconds); whoever waited finds the card drawn already.
            let _permit = DRAWING.acquire().await.map_err(|e| AppError::Unavailable(e.to_string()))?;
            if let Some(png) = state.cards.get(&key) {
                return Ok(answer(png, &tag, keep));
            }
            // Rasterising takes milliseconds of CPU: off the request threads.
            let drawn = tokio::task::spawn_blocking(move || cards::png(card()))
                .await
                .map_err(|e| AppError::Unavailable(format!("drawing the card stopped: {e}")))?
                .map_err(AppError::Unavailable)?;
            let drawn = Bytes::from(drawn);
            state.cards.put(key, drawn.clone());
            drawn
        }
    };
    Ok(answer(png, &tag, keep))
}

fn answer(png: Bytes, tag: &str, keep: Keep) -> Response {
    // Bytes: every answer shares the one drawn copy.
    let mut response = ([(header::CONTENT_TYPE, "image/png")], png).into_response();
    etag::stamp(&mut response, tag);
    response.headers_mut().insert(header::CACHE_CONTROL, keep.header());
    response
}

/// Cards drawn at the same time, at most.
static DRAWING: Semaphore = Semaphore::const_new(2);
