//! Stored results: the page, the ADR download, re-scoring.

use crate::assess::{self, CreateError};
use crate::http::responses::{self, see_other};
use crate::db::Deletion;
use crate::http::{cookies, etag, form, render, AppError};
use crate::state::AppState;
use crate::{cards, export, http, ids, results};
use app::result::{Rescored, ResultView};
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Request};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

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
    // Whether the result still exists decides before any cache may answer.
    let standing = state.db.standing(&id).await?.ok_or_else(|| AppError::NotFound(format!("There is no result “{id}”.")))?;
    if standing.deleted {
        return Err(results::gone(&id));
    }
    let viewer = state.sign_in.identity(req.headers());
    // Its creator sees what no one else does: who made it (when people sign
    // in) and the button that deletes it. Their copy is rendered for them.
    let created_by_you = viewer.as_ref().is_some_and(|me| standing.created_by.as_deref() == Some(me.user.as_str()));
    let can_delete = cookies::get(req.headers(), cookies::RESULT_OWNER).is_some();
    let personal = created_by_you || can_delete;
    let viewer_name = viewer.map(|identity| identity.name);
    // A stored result never changes; only the build, the current questionnaire
    // (the "outdated" notice), the `from` link and the viewer affect the page.
    let flags = format!("{created_by_you}{can_delete}");
    let tag = etag::tag(&[&state.build_id, &id, from.as_deref().unwrap_or(""), viewer_name.as_deref().unwrap_or(""), &flags]);
    if let Some(response) = etag::not_modified(req.headers(), &tag) {
        return Ok(response);
    }
    let key = format!("result:{id}:{}", from.as_deref().unwrap_or(""));
    if !personal {
        if let Some(mut response) = state.pages.respond(&key, viewer_name.as_deref()) {
            etag::stamp(&mut response, &tag);
            return Ok(response);
        }
    }
    let result = results::stored(&state, &id).await?;
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
        created_by_you,
        can_delete,
    };
    let mut response = if personal {
        // Its creator's copy (their name, the delete button) is theirs alone.
        let mut response = render::page(&state, Page::Result(view), axum::http::StatusCode::OK, req).await;
        response.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
        response
    } else {
        render::shared_page(&state, key, || Page::Result(view), req).await
    };
    etag::stamp(&mut response, &tag);
    Ok(response)
}

/// `GET /r/{id}/adr.md`: the decision as a MADR 4.0 record.
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
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
    let earlier = results::stored(&state, &id).await?;
    let answers = &earlier.snapshot.assessment.answers;
    let creator = state.sign_in.identity(&headers).map(|identity| identity.user);
    match assess::create(&state, answers, creator.as_deref()).await {
        Ok(created) => {
            let id = created.result.id;
            let mut response = see_other(&format!("/r/{id}?from={}", earlier.id), None);
            response.headers_mut().append(header::SET_COOKIE, cookies::result_owner(&id, &created.delete_token));
            Ok(response)
        }
        Err(CreateError::Invalid(_)) => Ok(responses::review(&state.content.wizard, answers)),
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}

/// `POST /r/{id}/delete`: the creator deletes the result (the browser that
/// made it holds the token in a cookie sent only to this result's addresses).
pub async fn delete(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, body: Bytes) -> Result<Response, AppError> {
    if form::field(&form::fields(&body, 8), "confirm") != "yes" {
        return Err(AppError::invalid("Not deleted", "Tick the confirmation box to delete the result."));
    }
    let token = cookies::get(&headers, cookies::RESULT_OWNER).unwrap_or_default();
    match state.db.delete_result(&id, token).await? {
        Deletion::Deleted => {
            state.forget_result(&id);
            let mut response = see_other(&format!("/r/{id}"), None);
            response.headers_mut().append(header::SET_COOKIE, cookies::clear_result_owner(&id));
            Ok(response)
        }
        Deletion::Gone => Err(results::gone(&id)),
        Deletion::Refused => Err(AppError::Forbidden("Only the browser that created this result may delete it.".into())),
        Deletion::Missing => Err(AppError::NotFound(format!("There is no result “{id}”."))),
    }
}

/// `GET /r/{id}/card.png`: the picture its shared link unfurls with.
pub async fn card(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
    http::card::respond(&state, format!("result:{id}"), &headers, http::card::Keep::Minutes, move || cards::for_result(&result)).await
}
