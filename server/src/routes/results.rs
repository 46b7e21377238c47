//! Stored results: the page, the ADR download, re-scoring.

use super::pages;
use crate::assess::{self, CreateError};
use crate::state::AppState;
use crate::{export, ids, render};
use app::result::{Rescored, ResultView, StoredResult};
use app::Page;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// Loads a result; `Ok(None)` for an id that is malformed or unknown.
pub async fn load(state: &AppState, id: &str) -> Result<Option<StoredResult>, Response> {
    if !ids::is_valid(id) {
        return Ok(None);
    }
    state.db.get(id).await.map_err(|e| {
        tracing::error!(error = %e, id, "reading a result failed");
        (StatusCode::SERVICE_UNAVAILABLE, "The result could not be read right now; try again.").into_response()
    })
}

#[derive(Deserialize)]
pub struct ResultQuery {
    from: Option<String>,
}

/// `GET /r/{id}`: renders from the stored snapshot only, so it never changes.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultQuery>,
    req: Request<Body>,
) -> Response {
    // A stored result never changes; only the build, the current questionnaire
    // (the "outdated" notice) and the `from` link affect the page.
    let tag = crate::etag::tag(&[&state.build_id, &id, query.from.as_deref().unwrap_or("")]);
    if ids::is_valid(&id) {
        if let Some(response) = crate::etag::not_modified(req.headers(), &tag) {
            return response;
        }
    }
    let key = format!("result:{id}:{}", query.from.as_deref().unwrap_or(""));
    if let Some(mut response) = state.pages.respond(&key) {
        crate::etag::stamp(&mut response, &tag);
        return response;
    }
    let result = match load(&state, &id).await {
        Ok(Some(result)) => result,
        Ok(None) => return pages::not_found(&state, req).await,
        Err(response) => return response,
    };
    let rescored = match query.from.as_deref() {
        Some(from) => match load(&state, from).await {
            Ok(Some(earlier)) if earlier.snapshot.assessment.answers == result.snapshot.assessment.answers => {
                Some(Rescored {
                    from_id: earlier.id.clone(),
                    from_version: earlier.questionnaire_version.clone(),
                    from_headline: earlier.snapshot.assessment.recommendation.headline.clone(),
                })
            }
            _ => None,
        },
        None => None,
    };
    let questionnaire = &state.content.questionnaire;
    let view = ResultView {
        share_url: format!("{}/r/{}", state.config.base_url(), result.id),
        current_version: questionnaire.version.clone(),
        current_fingerprint: questionnaire.fingerprint.clone(),
        result,
        rescored,
    };
    let mut response = render::shared_page(&state, key, || Page::Result(view), req).await;
    crate::etag::stamp(&mut response, &tag);
    response
}

/// `GET /r/{id}/adr.md`: the decision as a MADR 4.0 record.
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    match load(&state, &id).await {
        Ok(Some(result)) => {
            let url = format!("{}/r/{}", state.config.base_url(), result.id);
            (
                [
                    (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"crossroads-{}-adr.md\"", result.id)),
                ],
                export::madr(&result, &url),
            )
                .into_response()
        }
        Ok(None) => pages::not_found(&state, req).await,
        Err(response) => response,
    }
}

/// `POST /r/{id}/rescore`: the same answers, scored with the current questionnaire,
/// stored as a new result. Answers the current questionnaire no longer accepts
/// open in the wizard for review instead.
pub async fn rescore(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    let earlier = match load(&state, &id).await {
        Ok(Some(result)) => result,
        Ok(None) => return pages::not_found(&state, req).await,
        Err(response) => return response,
    };
    match assess::create(&state, &earlier.snapshot.assessment.answers).await {
        Ok(result) => Redirect::to(&format!("/r/{}?from={}", result.id, earlier.id)).into_response(),
        Err(CreateError::Invalid(_)) => {
            super::wizard::from_result(State(state), Path(id), req).await
        }
        Err(CreateError::Storage(e)) => {
            tracing::error!(error = %e, "storing a result failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The result could not be saved; try again.").into_response()
        }
    }
}
