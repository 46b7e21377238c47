//! A decision over time, by its owner: status, supersede links, review dates
//! and watched facts, from the owner page's forms and from the API.

use crate::http::form::{self, field};
use crate::http::responses::see_other;
use crate::http::AppError;
use crate::services::lifecycle::{self, FactOutcome};
use crate::services::membership;
use crate::state::AppState;
use crate::visitor::Visitor;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crossroads_domain::OutcomeChange;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `POST /t/{id}/owner/lifecycle`: `action` is `status` (with `to`),
/// `supersede` (with `by`, the superseding decision's id or address),
/// `review-date` (with `date`), `reviewed` (with an optional next `date`) or
/// `fact` (with `fact` as `question:option`, or `question` and `option`).
pub async fn owner_lifecycle(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let (decision, _) = membership::owned(&state, &visitor, &id).await?;
    let form = form::fields(&body, 8);
    match field(&form, "action") {
        "status" => lifecycle::change_status(&state, &decision, field(&form, "to")).await?,
        "supersede" => lifecycle::supersede(&state, &decision, field(&form, "by")).await?,
        "review-date" => lifecycle::review(&state, &decision, field(&form, "date"), false).await?,
        "reviewed" => lifecycle::review(&state, &decision, field(&form, "date"), true).await?,
        "fact" => {
            // The page's one list gives `question:option`; a script may send both apart.
            let (question, option) = field(&form, "fact").split_once(':').unwrap_or((field(&form, "question"), field(&form, "option")));
            let fact = (question.to_string(), option.to_string());
            lifecycle::record_facts(&state, &decision, &[fact]).await?;
        }
        _ => return Err(AppError::invalid("Unknown action", "Use status, supersede, review-date, reviewed or fact.")),
    }
    Ok(see_other(&format!("/t/{id}/owner#lifecycle")))
}

/// What recording facts came to.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactsRecorded {
    /// A recommendation changed: the decision is now due for review, and a
    /// `decision.trigger_fired` event was raised.
    pub triggered: bool,
    /// Each axis (or, with workloads, the organisation and each workload):
    /// the recommendation before and after the facts.
    pub changes: Vec<OutcomeChange>,
}

/// Records changed facts about an accepted decision: each fact (question id
/// -> option id) replaces that question's answer for every member, and the
/// team's answers are scored again. If a recommendation changes, the
/// decision becomes due for review. Send the owner token (the last part of
/// the owner link) as `Authorization: Bearer <token>`.
#[utoipa::path(
    post,
    path = "/api/v1/decisions/{id}/facts",
    params(("id" = String, Path, description = "The decision id (12 characters)")),
    request_body(content = BTreeMap<String, String>, description = "Question id -> option id, e.g. {\"teams\": \"many\"}"),
    responses(
        (status = 200, description = "Recorded, with what it changed", body = FactsRecorded),
        (status = 400, description = "Not a JSON object of strings", body = crate::http::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No owner token, or not this decision's", body = crate::http::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such decision", body = crate::http::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The decision is not accepted", body = crate::http::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown question or option, one `errors[]` entry each; nothing recorded", body = crate::http::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn record_facts(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, body: Bytes) -> Result<Response, AppError> {
    let token = crate::http::bearer_token(&headers);
    let decision = membership::owned_by_token(&state, &id, token).await?;
    let facts: BTreeMap<String, String> = serde_json::from_slice(&body).map_err(|e| AppError::BadRequest {
        title: "Not a JSON object of facts".into(),
        detail: format!("Send question id -> option id, like {{\"teams\": \"many\"}}: {e}"),
    })?;
    let facts: Vec<(String, String)> = facts.into_iter().collect();
    let FactOutcome { changes, triggered } = lifecycle::record_facts(&state, &decision, &facts).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(FactsRecorded { triggered, changes })).into_response())
}
