//! The JSON API (`/api/v1`). Errors are problem details (RFC 9457). The OpenAPI
//! document at `/api/openapi.json` is generated from these handlers.

use crate::http::error::{FieldProblem, Problem};
use crate::http::AppError;
use crate::services::assess::{self, CreateError};
use crate::services::team_view::team_view;
use crate::services::{membership, results};
use crate::state::AppState;
use crate::visitor::Visitor;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crossroads_domain::{Answers, StoredResult};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(title = "Crossroads API", description = "Score answers and read stored results."),
    paths(questionnaire, create_assessment, get_assessment, delete_assessment, get_decision),
    components(schemas(CreateAssessment, Created, Problem, FieldProblem))
)]
pub struct ApiDoc;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAssessment {
    /// Question id -> option id, or a list of option ids for multiple-choice questions.
    #[schema(value_type = Object, example = json!({"stage": "new", "cost_model": ["usage"]}))]
    pub answers: Answers,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
    pub url: String,
    /// Lets whoever created the result delete it (`DELETE /api/v1/assessments/{id}`
    /// with `Authorization: Bearer <token>`). Given once; keep it secret.
    pub delete_token: String,
    /// The stored result: recommendation, scores with every term, exclusions, tipping points.
    #[schema(value_type = Object)]
    pub result: StoredResult,
}

/// The questionnaire in use, weights included.
#[utoipa::path(get, path = "/api/v1/questionnaire", responses((status = 200, description = "The questionnaire", body = Object)))]
pub async fn questionnaire(State(state): State<AppState>) -> Response {
    Json(state.content.questionnaire.as_ref()).into_response()
}

/// Scores answers and stores the result.
#[utoipa::path(
    post,
    path = "/api/v1/assessments",
    request_body = CreateAssessment,
    responses(
        (status = 201, description = "Stored", body = Created),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid answers, one entry per problem", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sent from another site (Origin or Sec-Fetch-Site)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KB"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Storage unavailable; retry after the Retry-After delay", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_assessment(State(state): State<AppState>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let request: CreateAssessment = serde_json::from_slice(&body).map_err(|e| {
        let (title, detail) = ("The request body is not valid".to_string(), format!("Expected {{\"answers\": {{…}}}}: {e}"));
        if e.is_data() {
            AppError::Invalid { title, detail, fields: Vec::new() }
        } else {
            AppError::BadRequest { title, detail }
        }
    })?;
    match assess::create(&state, &request.answers, visitor.user()).await {
        Ok(assess::Created { result, delete_token }) => {
            let url = format!("{}/r/{}", state.config.base_url(), result.id);
            let location = format!("/api/v1/assessments/{}", result.id);
            let body = Created { id: result.id.clone(), url, delete_token, result };
            Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
        }
        Err(CreateError::Invalid(errors)) => Err(AppError::Invalid {
            title: "The answers are not valid".into(),
            detail: format!("{} problem(s); see errors", errors.0.len()),
            fields: errors
                .0
                .iter()
                .map(|e| FieldProblem {
                    field: e.question().to_string(),
                    kind: serde_json::to_value(e).ok().and_then(|v| v["kind"].as_str().map(str::to_string)).unwrap_or_default(),
                    message: e.to_string(),
                })
                .collect(),
        }),
        Err(CreateError::InvalidPlan(errors)) => Err(AppError::Invalid {
            title: "The answers are not valid".into(),
            detail: format!("{} problem(s); see errors", errors.0.len()),
            fields: errors.0.iter().map(|e| FieldProblem { field: e.path.clone(), kind: serde_json::to_value(&e.problem).ok().and_then(|v| v["kind"].as_str().map(str::to_string)).unwrap_or_default(), message: e.to_string() }).collect(),
        }),
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}

/// A stored result, exactly as it was computed.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}",
    params(("id" = String, Path, description = "The result id (12 characters)")),
    responses(
        (status = 200, description = "The stored result", body = Object),
        (status = 404, description = "No such result", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Deleted by its creator", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Storage unavailable; retry after the Retry-After delay", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_assessment(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let found = results::find(&state, &id).await?;
    // Who created it is told to that person only.
    if let (Some(me), Some(creator)) = (visitor.user(), found.created_by.as_deref()) {
        if me == creator {
            let mut body = serde_json::to_value(&found.result).map_err(|e| AppError::Unavailable(e.to_string()))?;
            body["created_by"] = serde_json::Value::String(me.to_string());
            return Ok(([(header::CACHE_CONTROL, "private, no-store")], Json(body)).into_response());
        }
    }
    Ok(Json(found.result).into_response())
}

/// A team decision: its members (names hidden when anonymous), each member's
/// recommendation, and the combined team assessment.
#[utoipa::path(
    get,
    path = "/api/v1/decisions/{id}",
    params(("id" = String, Path, description = "The decision id (12 characters)")),
    responses(
        (status = 200, description = "The decision with its members and the team assessment", body = Object),
        (status = 404, description = "No such decision", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Storage unavailable; retry after the Retry-After delay", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_decision(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let view = team_view(&state, &decision, &visitor).await?;
    let members: Vec<serde_json::Value> = view
        .members
        .iter()
        .map(|m| serde_json::json!({ "name": m.name, "result_id": m.result_id, "recommendation": m.headline }))
        .collect();
    let mut body = serde_json::json!({
        "id": decision.id,
        "title": decision.title,
        "context": decision.context,
        "anonymous": decision.anonymous,
        "closed": decision.closed,
        "created_at": decision.created_at,
        "members": members,
        "team": view.team,
    });
    // Only decisions with workloads set gain these keys: flat ones read as before.
    if let Some(set) = &decision.workloads {
        body["decision_workloads"] = serde_json::json!(set);
        body["workloads"] = serde_json::json!(view.plan.as_ref().map(|p| &p.workloads));
        body["organisation"] = serde_json::json!(view.plan.as_ref().map(|p| &p.organisation));
    }
    Ok(Json(body).into_response())
}

/// Deletes a result; only its creator holds the token (`Authorization: Bearer <delete_token>`).
#[utoipa::path(
    delete,
    path = "/api/v1/assessments/{id}",
    params(("id" = String, Path, description = "The result id (12 characters)")),
    responses(
        (status = 204, description = "Deleted: its link now answers 410 Gone"),
        (status = 403, description = "No token, or not this result's", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such result", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Deleted before", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_assessment(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim();
    results::delete(&state, &id, token).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound("There is no such API endpoint.".into())
}
