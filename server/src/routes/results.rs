//! Stored results: the page, the ADR download, re-scoring.

use crate::assess::{self, CreateError};
use crate::http::responses::{self, see_other};
use crate::http::{etag, render, AppError};
use crate::state::AppState;
use crate::{export, ids};
use app::result::{Rescored, ResultView};
use app::Page;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Request};
use axum::response::{IntoResponse, Response};
use crossroads_domain::StoredResult;
use serde::Deserialize;

/// The stored result `id`, or 404.
async fn stored(state: &AppState, id: &str) -> Result<StoredResult, AppError> {
    state.db.get(id).await?.ok_or_else(|| AppError::NotFound(format!("There is no result “{id}”.")))
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
) -> Result<Response, AppError> {
    // Only a well-formed `from` id counts: junk query strings neither change
    // the page nor take room in the page cache.
    let from = query.from.filter(|from| ids::is_valid(from));
    let viewer = state.sign_in.identity(req.headers());
    // The creator (when people sign in) sees a line no one else sees: their
    // copy is rendered for them, not kept.
    let mine = match &viewer {
        Some(me) => state.db.created_by(&id).await?.is_some_and(|by| by == me.user),
        None => false,
    };
    let viewer_name = viewer.map(|identity| identity.name);
    // A stored result never changes; only the build, the current questionnaire
    // (the "outdated" notice), the `from` link and the viewer affect the page.
    let tag = etag::tag(&[&state.build_id, &id, from.as_deref().unwrap_or(""), viewer_name.as_deref().unwrap_or(""), if mine { "mine" } else { "" }]);
    if ids::is_valid(&id) {
        if let Some(response) = etag::not_modified(req.headers(), &tag) {
            return Ok(response);
        }
    }
    let key = format!("result:{id}:{}", from.as_deref().unwrap_or(""));
    if !mine {
        if let Some(mut response) = state.pages.respond(&key, viewer_name.as_deref()) {
            etag::stamp(&mut response, &tag);
            return Ok(response);
        }
    }
    let result = stored(&state, &id).await?;
    let rescored = match from.as_deref() {
        Some(from) => state.db.get(from).await?.filter(|earlier| earlier.snapshot.assessment.answers == result.snapshot.assessment.answers).map(
            |earlier| Rescored {
                from_id: earlier.id.clone(),
                from_version: earlier.questionnaire_version.clone(),
                from_headline: earlier.snapshot.assessment.recommendation.headline.clone(),
            },
        ),
        None => None,
    };
    let questionnaire = &state.content.questionnaire;
    let view = ResultView {
        share_url: format!("{}/r/{}", state.config.base_url(), result.id),
        current_version: questionnaire.version.clone(),
        current_fingerprint: questionnaire.fingerprint.clone(),
        result,
        rescored,
        created_by_you: mine,
    };
    let mut response = if mine {
        render::page(&state, Page::Result(view), axum::http::StatusCode::OK, req).await
    } else {
        render::shared_page(&state, key, || Page::Result(view), req).await
    };
    etag::stamp(&mut response, &tag);
    Ok(response)
}

/// `GET /r/{id}/adr.md`: the decision as a MADR 4.0 record.
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let result = stored(&state, &id).await?;
    let url = format!("{}/r/{}", state.config.base_url(), result.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"crossroads-{}-adr.md\"", result.id)),
        ],
        export::madr(&result, &url),
    )
        .into_response())
}

/// `POST /r/{id}/rescore`: the same answers, scored with the current questionnaire,
/// stored as a new result. Answers the current questionnaire no longer accepts
/// open in the wizard for review instead.
pub async fn rescore(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let earlier = stored(&state, &id).await?;
    let answers = &earlier.snapshot.assessment.answers;
    let creator = state.sign_in.identity(&headers).map(|identity| identity.user);
    match assess::create(&state, answers, creator.as_deref()).await {
        Ok(result) => Ok(see_other(&format!("/r/{}?from={}", result.id, earlier.id), None)),
        Err(CreateError::Invalid(_)) => Ok(responses::review(&state.content.wizard, answers)),
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}
