//! The JSON API (`/api/v1`). Errors are problem details (RFC 9457). The OpenAPI
//! document at `/api/openapi.json` is generated from these handlers.

use crate::assess::{self, CreateError};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crossroads_domain::Answers;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(title = "Crossroads API", description = "Score answers and read stored results."),
    paths(questionnaire, create_assessment, get_assessment),
    components(schemas(CreateAssessment, Created, Problem, FieldProblem))
)]
pub struct ApiDoc;

/// A problem details object (RFC 9457), with one entry per field at fault.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The question id (the field) at fault.
    pub field: String,
    pub kind: String,
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, title: &str, detail: impl Into<String>) -> Self {
        Problem { kind: "about:blank".into(), title: title.into(), status: status.as_u16(), detail: detail.into(), errors: Vec::new() }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // Problems echo user input; escape markup characters so no client can
        // mistake the body for HTML.
        let body = serde_json::to_string(&self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
    }
}

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
    /// The stored result: recommendation, scores with every term, exclusions, tipping points.
    #[schema(value_type = Object)]
    pub result: app::result::StoredResult,
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
    )
)]
pub async fn create_assessment(State(state): State<AppState>, body: Bytes) -> Response {
    let request: CreateAssessment = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let status = if e.is_data() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::BAD_REQUEST };
            return Problem::new(status, "The request body is not valid", format!("Expected {{\"answers\": {{…}}}}: {e}"))
                .into_response();
        }
    };
    match assess::create(&state, &request.answers).await {
        Ok(result) => {
            let url = format!("{}/r/{}", state.config.base_url(), result.id);
            let location = format!("/api/v1/assessments/{}", result.id);
            (StatusCode::CREATED, [(header::LOCATION, location)], Json(Created { id: result.id.clone(), url, result }))
                .into_response()
        }
        Err(CreateError::Invalid(errors)) => {
            let mut problem = Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The answers are not valid",
                format!("{} problem(s); see errors", errors.0.len()),
            );
            problem.errors = errors
                .0
                .iter()
                .map(|e| FieldProblem {
                    field: e.question().to_string(),
                    kind: serde_json::to_value(e).ok().and_then(|v| v["kind"].as_str().map(str::to_string)).unwrap_or_default(),
                    message: e.to_string(),
                })
                .collect();
            problem.into_response()
        }
        Err(CreateError::Storage(e)) => {
            tracing::error!(error = %e, "storing a result failed");
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "Storage unavailable", "The result could not be saved; try again.")
                .into_response()
        }
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
    )
)]
pub async fn get_assessment(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match super::results::load(&state, &id).await {
        Ok(Some(result)) => Json(result).into_response(),
        Ok(None) => Problem::new(StatusCode::NOT_FOUND, "Not found", format!("There is no result \"{id}\".")).into_response(),
        Err(response) => response,
    }
}

pub async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

pub async fn not_found() -> Response {
    Problem::new(StatusCode::NOT_FOUND, "Not found", "There is no such API endpoint.").into_response()
}
