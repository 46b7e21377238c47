//! The questionnaire as plain HTML forms: each step posts here, the answers so
//! far live in a cookie, and the final submission creates a stored result.
//! The hydrated wizard uses the same cookie and the same final form.

use crate::http::responses::{self, request_like, see_other};
use crate::http::{cookies, draft, AppError};
use crate::services::assess::{self, CreateError};
use crate::services::membership::{self, TEAM_COOKIE};
use crate::services::results;
use crate::state::AppState;
use crate::visitor::Visitor;
use app::pages::wizard::WizardView;
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use crossroads_domain::{Answer, AnswerError, Answers, QuestionKind, WizardModel};

/// `GET /wizard`: the first step.
pub async fn start(State(state): State<AppState>) -> Response {
    see_other(&state.content.wizard.step_path(0), None)
}

/// `GET /wizard/{section}` and `/wizard/review`.
pub async fn step(State(state): State<AppState>, Path(section): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let model = &state.content.wizard;
    let step = model.step_of(&section).ok_or_else(|| AppError::NotFound("There is no such questionnaire step.".into()))?;
    let answers = model.prune(&draft::from_visitor(&visitor));
    show(&state, &visitor, step, answers, Vec::new(), StatusCode::OK, req).await
}

async fn show(
    state: &AppState,
    visitor: &Visitor,
    step: usize,
    answers: Answers,
    errors: Vec<(String, String)>,
    status: StatusCode,
    req: Request<Body>,
) -> Result<Response, AppError> {
    let team = membership::answering_for(state, visitor).await?.map(|(decision, _)| (decision.id, decision.title));
    let view = WizardView { model: state.content.wizard.clone(), answers, step, errors, team };
    Ok(state.render.page(Page::Wizard(view), status, req).await)
}

/// `POST /wizard/{section}`: saves this step's answers, then goes back or on.
pub async fn save_step(
    State(state): State<AppState>,
    Path(section): Path<String>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, AppError> {
    let model = state.content.wizard.clone();
    let step = model
        .sections
        .iter()
        .position(|s| s.id == section)
        .ok_or_else(|| AppError::NotFound("There is no such questionnaire step.".into()))?;
    let mut answers = draft::from_visitor(&visitor);
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().take(512).collect();
    apply_step(&model, step, &form, &mut answers);
    let answers = model.prune(&answers);
    let nav = form.iter().find(|(k, _)| k == "nav").map(|(_, v)| v.as_str()).unwrap_or("next");
    if nav == "back" {
        return Ok(see_other(&model.step_path(step.saturating_sub(1)), Some(&answers)));
    }
    let missing = model.missing_in(step, &answers);
    if missing.is_empty() {
        return Ok(see_other(&model.step_path(step + 1), Some(&answers)));
    }
    let errors = missing.into_iter().map(|q| (q, "Choose an answer to continue.".to_string())).collect();
    let req = request_like(visitor.identity.as_ref(), &model.step_path(step));
    let mut response = show(&state, &visitor, step, answers.clone(), errors, StatusCode::UNPROCESSABLE_ENTITY, req).await?;
    response.headers_mut().insert(header::SET_COOKIE, draft::cookie(&answers));
    Ok(response)
}

/// Replaces the answers to this step's questions with what the form says. Unknown
/// questions and options are ignored here; final validation reports anything left.
fn apply_step(model: &WizardModel, step: usize, form: &[(String, String)], answers: &mut Answers) {
    let Some(section) = model.sections.get(step) else { return };
    for q in &section.questions {
        let key = format!("q.{}", q.id);
        let chosen: Vec<String> = form
            .iter()
            .filter(|(k, v)| *k == key && q.options.iter().any(|o| o.id == *v))
            .map(|(_, v)| v.clone())
            .collect();
        answers.remove(&q.id);
        match q.kind {
            QuestionKind::Multiple => {
                // In the options' order, each once, however the form sent them.
                let ticked = q.options.iter().filter(|o| chosen.contains(&o.id)).map(|o| o.id.clone()).collect();
                answers.set(q.id.clone(), Answer::Many(ticked));
            }
            _ => {
                if let Some(first) = chosen.into_iter().next() {
                    answers.set(q.id.clone(), Answer::One(first));
                }
            }
        }
    }
}

/// `POST /assessments`: the review form. Scores, stores and redirects to the result;
/// invalid answers come back to the review step with every problem listed.
pub async fn submit(State(state): State<AppState>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let model = state.content.wizard.clone();
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().take(16).collect();
    let answers = match form.iter().find(|(k, _)| k == "answers") {
        Some((_, encoded)) => app::wizard::decode_draft(encoded),
        None => draft::from_visitor(&visitor),
    };
    // Answering for a team: the result is stored either way, then tied to the
    // decision if it is still open and the member still belongs to it.
    let member = membership::answering_for(&state, &visitor).await?;
    match assess::create(&state, &answers, visitor.user()).await {
        Ok(created) => {
            let id = created.result.id.clone();
            let owner_cookie = cookies::result_owner(&id, &created.delete_token);
            let mut response = match member {
                Some((decision, member)) => match membership::record_submission(&state, &decision, &member, &id).await {
                    Ok(()) => {
                        let mut response = see_other(&format!("/t/{}", decision.id), None);
                        response.headers_mut().insert(header::SET_COOKIE, cookies::clear(TEAM_COOKIE));
                        response
                    }
                    // The answers are kept as the member's own result: the
                    // browser that made it may still delete it.
                    Err(refused) => {
                        let mut response = AppError::from(refused).into_response();
                        response.headers_mut().append(header::SET_COOKIE, owner_cookie);
                        return Ok(response);
                    }
                },
                None => see_other(&format!("/r/{id}"), None),
            };
            response.headers_mut().append(header::SET_COOKIE, owner_cookie);
            Ok(response)
        }
        Err(CreateError::InvalidPlan(_)) => unreachable!("flat answers are checked as flat answers"),
        Err(CreateError::Invalid(errors)) => {
            let errors = errors.0.iter().map(|e| (e.question().to_string(), describe(e))).collect();
            let req = request_like(visitor.identity.as_ref(), "/wizard/review");
            let answers = model.prune(&answers);
            let mut response =
                show(&state, &visitor, model.review_step(), answers.clone(), errors, StatusCode::UNPROCESSABLE_ENTITY, req).await?;
            response.headers_mut().insert(header::SET_COOKIE, draft::cookie(&answers));
            Ok(response)
        }
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}

fn describe(error: &AnswerError) -> String {
    match error {
        AnswerError::MissingAnswer { .. } => "Choose an answer to continue.".into(),
        other => other.to_string(),
    }
}

/// `POST /wizard/solo`: stop answering for a team; the draft stays.
pub async fn solo() -> Response {
    let mut response = see_other("/wizard/review", None);
    response.headers_mut().insert(header::SET_COOKIE, cookies::clear(TEAM_COOKIE));
    response
}

/// `POST /wizard/from/{id}`: change the answers of a stored result. The wizard
/// opens prefilled; submitting creates a new result, the old one never changes.
pub async fn from_result(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
    Ok(responses::review(&state.content.wizard, &result.snapshot.assessment.answers))
}
