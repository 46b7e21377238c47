//! Stored results: the page, the ADR download, the share card, re-scoring,
//! deletion by the creator.

use crate::http::card::{self as card_response, Keep};
use crate::http::cookies;
use crate::http::responses::{self, see_other};
use crate::http::{draft, etag, form, AppError};
use crate::services::assess::{self, CreateError};
use crate::services::{cards, drafts, export, membership, own_decision, results};
use crossroads_domain::PlanAnswers;
use crate::state::AppState;
use crate::visitor::Visitor;
use app::result::ResultView;
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::Response;
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
    visitor: Visitor,
    req: Request<Body>,
) -> Result<Response, AppError> {
    // Only a well-formed `from` id counts: junk query strings neither change
    // the page nor take room in the page cache.
    let from = query.from.filter(|from| crate::ids::is_valid(from));
    let results::Page { found, rescored } = results::page(&state, &id, from.as_deref()).await?;
    // Its creator sees what no one else does: who made it (when people sign
    // in) and the button that deletes it. Their copy is rendered for them.
    let created_by_you = visitor.user().is_some_and(|me| found.created_by.as_deref() == Some(me));
    let can_delete = visitor.cookie(cookies::RESULT_OWNER).is_some();
    let personal = created_by_you || can_delete;
    // A stored result never changes; only the build, the current questionnaire
    // (the "outdated" notice), the `from` link and the viewer affect the page.
    let flags = format!("{created_by_you}{can_delete}{}", rescored.is_some());
    let tag = etag::tag(&[&state.build_id, &id, from.as_deref().unwrap_or(""), visitor.name().unwrap_or(""), &flags]);
    if let Some(response) = etag::not_modified(req.headers(), &tag) {
        return Ok(response);
    }
    let questionnaire = &state.content.questionnaire;
    // Built only when the page is rendered: a kept page needs no copy of the result.
    let view = move || ResultView {
        share_url: format!("{}/r/{}", state.config.base_url(), found.result.id),
        current_version: questionnaire.version.clone(),
        current_fingerprint: questionnaire.fingerprint.clone(),
        result: found.result.as_ref().clone(),
        rescored,
        created_by_you,
        can_delete,
    };
    let mut response = if personal {
        let mut response = state.render.page(Page::Result(view()), StatusCode::OK, req).await;
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        response
    } else {
        let key = format!("result:{id}:{}", from.as_deref().unwrap_or(""));
        state.render.shared_page(key, || Page::Result(view()), req).await
    };
    etag::stamp(&mut response, &tag);
    Ok(response)
}

/// `GET /r/{id}/adr.md`: the decision as a MADR 4.0 record.
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
    let url = format!("{}/r/{}", state.config.base_url(), result.id);
    Ok(responses::markdown_download(&format!("crossroads-{}-adr.md", result.id), export::madr(&result, &url)))
}

/// `POST /r/{id}/rescore`: the same answers, scored with the current questionnaire,
/// stored as a new result. Answers the current questionnaire no longer accepts
/// open in the wizard for review instead.
pub async fn rescore(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let earlier = results::stored(&state, &id).await?;
    let answers = &earlier.snapshot.assessment.answers;
    match assess::create(&state, answers, visitor.user()).await {
        Ok(created) => {
            let id = created.result.id;
            let mut response = see_other(&format!("/r/{id}?from={}", earlier.id));
            response.headers_mut().append(header::SET_COOKIE, cookies::result_owner(&id, &created.delete_token));
            Ok(response)
        }
        // Answers the current questionnaire no longer takes open in the
        // wizard's review, as one workload, to be changed.
        Err(CreateError::Invalid(_) | CreateError::InvalidPlan(_)) => {
            let id = drafts::start(&state, PlanAnswers::from_flat(&state.content.questionnaire, answers)).await?;
            Ok(draft::continue_at("/wizard/review", &id))
        }
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}

/// `POST /r/{id}/delete`: the creator deletes the result (the browser that
/// made it holds the token in a cookie sent only to this result's addresses).
pub async fn delete(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    if form::field(&form::fields(&body, 8), "confirm") != "yes" {
        return Err(AppError::invalid("Not deleted", "Tick the confirmation box to delete the result."));
    }
    results::delete(&state, &id, visitor.cookie(cookies::RESULT_OWNER).unwrap_or_default()).await?;
    let mut response = see_other(&format!("/r/{id}"));
    response.headers_mut().append(header::SET_COOKIE, cookies::clear_result_owner(&id));
    Ok(response)
}

/// `GET /r/{id}/card.png`: the picture its shared link unfurls with.
pub async fn card(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
    let key = format!("result:{id}");
    let tag = etag::tag(&[&state.build_id, &key]);
    if let Some(response) = card_response::not_modified(&headers, &tag) {
        return Ok(response);
    }
    let png = state.cards.png(key, move || cards::for_result(&result)).await?;
    Ok(card_response::png(png, &tag, Keep::Minutes))
}

/// `POST /r/{id}/decide`: its creator makes the result a decision they own,
/// as its one member; the browser gets the owner's and the member's cookies
/// and opens the owner page.
pub async fn decide(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let form = form::fields(&body, 4);
    let title = form::field(&form, "title");
    let made = own_decision::decide(&state, &visitor, &id, visitor.cookie(cookies::RESULT_OWNER).unwrap_or_default(), title).await?;
    let decision = &made.decision.id;
    let mut response = see_other(&format!("/t/{decision}/owner"));
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, cookies::set(&membership::owner_cookie_name(decision), &made.owner_token, true));
    let member = membership::member_cookie_value(&made.member.id, &made.member_token);
    headers.append(header::SET_COOKIE, cookies::set(&membership::member_cookie_name(decision), &member, true));
    Ok(response)
}
