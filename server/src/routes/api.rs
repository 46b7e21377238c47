//! The JSON API (`/api/v1`). Errors are problem details (RFC 9457). The OpenAPI
//! document at `/api/openapi.json` is derived from these handlers and their
//! types, with the answer schemas built from the content (see `crate::openapi`),
//! once when the content loads.

use crate::http::error::{FieldProblem, Problem};
use crate::http::AppError;
use crate::services::assess::{self, CreateError};
use crate::services::team_view::{self, team_view};
use crate::services::{membership, results};
use crate::state::AppState;
use crate::visitor::Visitor;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crossroads_domain::{
    Answers, DecisionWorkload, Discussion, OutcomeChange, PlanAnswers, PlanProblem, QuestionSpread, Questionnaire, Status, StoredResult, TeamAssessment, Workload,
};
use std::collections::BTreeMap;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The body of `POST /api/v1/assessments`, in one of two shapes.
///
/// Without `workloads`: flat answers to every question, scored as one
/// workload, the whole system, exactly as before plans. With `workloads`: a
/// plan, `answers` holding the system answers only and each workload its own.
/// A workload's answers sit inside its object, so no answer can name a
/// workload that is not there; any other field is refused by its name.
///
/// Its schema in the OpenAPI document is built from the content
/// (`AssessmentRequest`), so it names every question and option.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAssessment {
    pub answers: Answers,
    #[serde(default)]
    pub workloads: Option<Vec<WorkloadRequest>>,
}

/// One workload of a plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadRequest {
    pub name: String,
    pub kind: String,
    pub answers: Answers,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
    pub url: String,
    /// Lets whoever created the result delete it (`DELETE /api/v1/assessments/{id}`
    /// with `Authorization: Bearer <token>`). Given once; keep it secret.
    pub delete_token: String,
    /// The stored result: recommendation, scores with every term, exclusions,
    /// tipping points; for a plan, `snapshot.plan` too.
    pub result: StoredResult,
}

/// A team decision as JSON: the same data as its page.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamDecision {
    pub id: String,
    pub title: String,
    /// Markdown, as its owner wrote it.
    pub context: String,
    pub anonymous: bool,
    pub closed: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// In join order; in anonymous decisions, "Member N" in a stable shuffled order.
    pub members: Vec<TeamMember>,
    /// The combined assessment; `null` until someone has answered.
    #[schema(required = true)]
    pub team: Option<TeamAssessment>,
    /// The workloads the owner set; absent when the decision is about the whole system as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_workloads: Option<Vec<DecisionWorkload>>,
    /// The team's plan, a row per workload in the owner's order; absent without workloads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workloads: Option<Vec<TeamWorkload>>,
    /// The organisation the team's plan recommends; absent without workloads or when every option is ruled out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Where the decision stands over time: status, supersede links, review, facts.
    pub lifecycle: Lifecycle,
}

/// A decision over time.
#[derive(Debug, Serialize, ToSchema)]
pub struct Lifecycle {
    pub status: Status,
    /// When the status last changed (RFC 3339); `null` while proposed.
    #[schema(required = true)]
    pub status_at: Option<String>,
    /// Review by this date (YYYY-MM-DD); set when accepted.
    #[schema(required = true)]
    pub review_by: Option<String>,
    pub review_due: bool,
    /// Why it is due for review; `null` when it is not.
    #[schema(required = true)]
    pub review_reason: Option<String>,
    /// The decisions this one is superseded by.
    pub superseded_by: Vec<DecisionLink>,
    /// The decisions this one supersedes.
    pub supersedes: Vec<DecisionLink>,
    /// Facts recorded about it, oldest first, each with what it changed.
    pub facts: Vec<RecordedFact>,
}

/// Another decision, linked.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionLink {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// A fact recorded about a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedFact {
    /// RFC 3339, UTC.
    pub at: String,
    /// Question id -> option id.
    pub facts: BTreeMap<String, String>,
    /// The recommendation before and after, per axis or workload.
    pub changes: Vec<OutcomeChange>,
    /// It changed a recommendation, making the decision due for review.
    pub triggered: bool,
}

/// One workload of a team decision's plan, with the team's disagreements about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamWorkload {
    pub name: String,
    /// The kind's id.
    pub kind: String,
    pub kind_label: String,
    /// The platform's label; `null` when every platform is ruled out for it.
    #[schema(required = true)]
    pub platform: Option<String>,
    /// Disagreements that would change the outcome, most consequential first.
    pub discuss_first: Vec<Discussion>,
    /// How the members' answers for this workload spread, per question.
    pub spreads: Vec<QuestionSpread>,
}

impl From<app::team::TeamWorkloadRow> for TeamWorkload {
    fn from(r: app::team::TeamWorkloadRow) -> Self {
        TeamWorkload { name: r.name, kind: r.kind, kind_label: r.kind_label, platform: r.platform, discuss_first: r.discuss_first, spreads: r.spreads }
    }
}

/// A member of a team decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMember {
    pub name: String,
    /// Their result's id; `null` until they answer, and always in anonymous decisions.
    #[schema(required = true)]
    pub result_id: Option<String>,
    /// Their result's headline; `null` until they answer.
    #[schema(required = true)]
    pub recommendation: Option<String>,
}

/// The questionnaire in use, weights included.
#[utoipa::path(get, path = "/api/v1/questionnaire", responses((status = 200, description = "The questionnaire", body = Questionnaire)))]
pub async fn questionnaire(State(state): State<AppState>) -> Response {
    Json(state.content.questionnaire.as_ref()).into_response()
}

/// Scores answers, or a plan of workloads, and stores the result.
///
/// Nothing is stored when the request is refused. A 422 lists every problem
/// in `errors`: for flat answers `field` is the question id; for a plan it is
/// the path of the field at fault (`workloads[2].name`,
/// `workloads[0].answers.latency`, `answers.load_shape`).
#[utoipa::path(
    post,
    path = "/api/v1/assessments",
    request_body(content = serde_json::Value, content_type = "application/json",
        description = "Flat answers (`{\"answers\": {…}}`: one workload, the whole system), or a plan \
            (`{\"answers\": {…}, \"workloads\": [{\"name\", \"kind\", \"answers\"}]}`). The schema is built \
            from the questionnaire in use."),
    responses(
        (status = 201, description = "Stored; `Location` is the result's API address", body = Created),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid answers or plan, one entry per problem", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sent from another site (Origin or Sec-Fetch-Site)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KB"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Storage unavailable; retry after the Retry-After delay", body = Problem, content_type = "application/problem+json"),
        (status = 507, description = "Out of storage space; nothing was stored", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_assessment(State(state): State<AppState>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let request = read_request(&body)?;
    let created = match request.workloads {
        None => assess::create(&state, &request.answers, visitor.user()).await,
        Some(workloads) => {
            let workloads = workloads.into_iter().map(|w| Workload { name: w.name, kind: w.kind, answers: w.answers }).collect();
            assess::create_plan(&state, &PlanAnswers { system: request.answers, workloads }, visitor.user()).await
        }
    };
    let assess::Created { result, delete_token } = created.map_err(refused)?;
    let url = format!("{}/r/{}", state.config.base_url(), result.id);
    let location = format!("/api/v1/assessments/{}", result.id);
    let body = Created { id: result.id.clone(), url, delete_token, result };
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}

/// Reads the body: malformed JSON is a 400; JSON of the wrong shape a 422.
/// For a plan, the 422 names the field at fault; the flat shape's answer is
/// the one it always had.
fn read_request(body: &[u8]) -> Result<CreateAssessment, AppError> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let request = serde_path_to_error::deserialize(&mut json).map_err(|e| malformed(body, e.path().to_string(), e.into_inner()))?;
    json.end().map_err(|e| malformed(body, ".".into(), e))?;
    Ok(request)
}

/// The answer to a body that could not be read; `path` is where (`.`: the whole body).
fn malformed(body: &[u8], path: String, e: serde_json::Error) -> AppError {
    let title = "The request body is not valid".to_string();
    if !e.is_data() {
        return AppError::BadRequest { title, detail: format!("Expected {{\"answers\": {{…}}}}: {e}") };
    }
    let is_plan = serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|v| v.get("workloads").is_some());
    if !is_plan {
        return AppError::Invalid { title, detail: format!("Expected {{\"answers\": {{…}}}}: {e}"), fields: Vec::new() };
    }
    let message = e.to_string();
    let (kind, field) = match between_backticks(&message, "missing field `") {
        Some(missing) => ("missing_field", if path == "." { missing.to_string() } else { format!("{path}.{missing}") }),
        None if message.starts_with("unknown field") => ("unknown_field", path),
        None => ("invalid_type", path),
    };
    AppError::Invalid {
        title,
        detail: format!("Expected {{\"answers\": {{…}}, \"workloads\": [{{\"name\": …, \"kind\": …, \"answers\": {{…}}}}]}}: {message}"),
        fields: vec![FieldProblem { field, kind: kind.into(), message }],
    }
}

/// The text after `prefix` up to the next backtick: the field serde names.
fn between_backticks<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// A refusal: one entry per problem; storage failures as ever.
fn refused(error: CreateError) -> AppError {
    let invalid = |count: usize, fields: Vec<FieldProblem>| AppError::Invalid {
        title: "The answers are not valid".into(),
        detail: format!("{count} problem(s); see errors"),
        fields,
    };
    match error {
        CreateError::Invalid(errors) => invalid(
            errors.0.len(),
            errors.0.iter().map(|e| FieldProblem { field: e.question().to_string(), kind: kind_of(e), message: e.to_string() }).collect(),
        ),
        CreateError::InvalidPlan(errors) => invalid(
            errors.0.len(),
            errors
                .0
                .iter()
                .map(|e| {
                    // An answer's problem is told by its own kind, as for flat answers.
                    let kind = match &e.problem {
                        PlanProblem::Answer { error } => kind_of(error),
                        other => kind_of(other),
                    };
                    FieldProblem { field: e.path.clone(), kind, message: e.to_string() }
                })
                .collect(),
        ),
        CreateError::Storage(e) => e.into(),
    }
}

/// The `kind` tag a problem carries in JSON.
fn kind_of(problem: &impl Serialize) -> String {
    serde_json::to_value(problem).ok().and_then(|v| v["kind"].as_str().map(str::to_string)).unwrap_or_default()
}

/// A stored result, exactly as it was computed.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}",
    params(("id" = String, Path, description = "The result id (12 characters)")),
    responses(
        (status = 200, description = "The stored result; to the person who created it (with sign-in), with `created_by` too", body = StoredResult),
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
            let mut body = serde_json::to_value(found.result.as_ref()).map_err(|e| AppError::Unavailable(e.to_string()))?;
            body["created_by"] = serde_json::Value::String(me.to_string());
            return Ok(([(header::CACHE_CONTROL, "private, no-store")], Json(body)).into_response());
        }
    }
    Ok(Json(found.result.as_ref()).into_response())
}

/// A team decision: its members (names hidden when anonymous), each member's
/// recommendation, and the combined team assessment.
#[utoipa::path(
    get,
    path = "/api/v1/decisions/{id}",
    params(("id" = String, Path, description = "The decision id (12 characters)")),
    responses(
        (status = 200, description = "The decision with its members and the team assessment", body = TeamDecision),
        (status = 404, description = "No such decision", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Storage unavailable; retry after the Retry-After delay", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_decision(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let view = team_view(&state, &decision, &visitor).await?;
    let members = view
        .members
        .into_iter()
        .map(|m| TeamMember { name: m.name, result_id: m.result_id, recommendation: m.headline })
        .collect();
    // Only decisions with workloads set carry these keys: flat ones read as before.
    let plan = decision.workloads.as_ref().map(|set| (set.clone(), view.plan.clone()));
    let (decision_workloads, workloads, organisation) = match plan {
        Some((set, plan)) => (
            Some(set),
            Some(plan.as_ref().map(|p| p.workloads.iter().cloned().map(TeamWorkload::from).collect()).unwrap_or_default()),
            plan.and_then(|p| p.organisation),
        ),
        None => (None, None, None),
    };
    let life = team_view::lifecycle(&state, &decision).await?;
    let link = |l: app::lifecycle::LinkView| DecisionLink { id: l.id, title: l.title, url: l.url };
    let lifecycle = Lifecycle {
        status: life.status,
        status_at: life.status_at,
        review_by: life.review_by,
        review_due: life.review_due,
        review_reason: life.review_reason,
        superseded_by: life.superseded_by.into_iter().map(link).collect(),
        supersedes: life.supersedes.into_iter().map(link).collect(),
        facts: life
            .facts
            .into_iter()
            .map(|f| RecordedFact { at: f.at, facts: f.facts.into_iter().collect(), changes: f.changes, triggered: f.triggered })
            .collect(),
    };
    Ok(Json(TeamDecision {
        id: decision.id,
        title: decision.title,
        context: decision.context,
        anonymous: decision.anonymous,
        closed: decision.closed,
        created_at: decision.created_at,
        members,
        team: view.team,
        decision_workloads,
        workloads,
        organisation,
        lifecycle,
    })
    .into_response())
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
    let token = crate::http::bearer_token(&headers);
    results::delete(&state, &id, token).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn not_found() -> AppError {
    AppError::NotFound("There is no such API endpoint.".into())
}

