//! The questionnaire as plain HTML forms: each step posts here, the answers so
//! far live in a cookie, and the final submission creates a stored result.
//! The hydrated wizard uses the same cookie and the same final form.

use super::{cookies, pages, team};
use crate::assess::{self, CreateError};
use crate::render;
use crate::state::AppState;
use app::pages::wizard::WizardView;
use app::wizard::{decode_draft, encode_draft, WizardModel, DRAFT_COOKIE};
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use crossroads_domain::{Answer, AnswerError, Answers, QuestionKind};

/// The answers kept in the draft cookie.
pub fn draft_from(headers: &HeaderMap) -> Answers {
    cookies::get(headers, DRAFT_COOKIE).map(decode_draft).unwrap_or_default()
}

fn draft_cookie(answers: &Answers) -> HeaderValue {
    let value = format!("{DRAFT_COOKIE}={}; Path=/; Max-Age=2592000; SameSite=Lax", encode_draft(answers));
    HeaderValue::from_str(&value).expect("a draft is cookie-safe by construction")
}

pub fn see_other(location: &str, answers: Option<&Answers>) -> Response {
    let mut response = Redirect::to(location).into_response();
    if let Some(answers) = answers {
        response.headers_mut().insert(header::SET_COOKIE, draft_cookie(answers));
    }
    response
}

/// `GET /wizard`: the first step.
pub async fn start(State(state): State<AppState>) -> Response {
    see_other(&state.content.wizard.step_path(0), None)
}

/// `GET /wizard/{section}` and `/wizard/review`.
pub async fn step(State(state): State<AppState>, Path(section): Path<String>, req: Request<Body>) -> Response {
    let model = &state.content.wizard;
    let Some(step) = model.step_of(&section) else {
        return pages::not_found(&state, req).await;
    };
    let answers = model.prune(&draft_from(req.headers()));
    show(&state, step, answers, Vec::new(), StatusCode::OK, req).await
}

async fn show(
    state: &AppState,
    step: usize,
    answers: Answers,
    errors: Vec<(String, String)>,
    status: StatusCode,
    req: Request<Body>,
) -> Response {
    let team = match team::answering_for(state, req.headers()).await {
        Ok(Some((decision, _))) => Some((decision.id, decision.title)),
        _ => None,
    };
    let view = WizardView { model: state.content.wizard.clone(), answers, step, errors, team };
    render::page(state, Page::Wizard(view), status, req).await
}

/// `POST /wizard/{section}`: saves this step's answers, then goes back or on.
pub async fn save_step(
    State(state): State<AppState>,
    Path(section): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let model = state.content.wizard.clone();
    let Some(step) = model.sections.iter().position(|s| s.id == section) else {
        return (StatusCode::NOT_FOUND, "There is no such questionnaire step.").into_response();
    };
    let mut answers = draft_from(&headers);
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().take(512).collect();
    apply_step(&model, step, &form, &mut answers);
    let answers = model.prune(&answers);
    let nav = form.iter().find(|(k, _)| k == "nav").map(|(_, v)| v.as_str()).unwrap_or("next");
    if nav == "back" {
        return see_other(&model.step_path(step.saturating_sub(1)), Some(&answers));
    }
    let missing = model.missing_in(step, &answers);
    if missing.is_empty() {
        return see_other(&model.step_path(step + 1), Some(&answers));
    }
    let errors = missing.into_iter().map(|q| (q, "Choose an answer to continue.".to_string())).collect();
    let req = super::request_like(&headers, &model.step_path(step));
    let mut response = show(&state, step, answers.clone(), errors, StatusCode::UNPROCESSABLE_ENTITY, req).await;
    response.headers_mut().insert(header::SET_COOKIE, draft_cookie(&answers));
    response
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
                let mut unique = chosen;
                unique.dedup();
                answers.set(q.id.clone(), Answer::Many(unique));
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
pub async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let model = state.content.wizard.clone();
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().take(16).collect();
    let answers = match form.iter().find(|(k, _)| k == "answers") {
        Some((_, encoded)) => decode_draft(encoded),
        None => draft_from(&headers),
    };
    // Answering for a team: the member must still belong to an open decision.
    let member = match team::answering_for(&state, &headers).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    if let Some((decision, _)) = &member {
        if decision.closed {
            return team::closed_page(&state, decision, super::request_like(&headers, "/assessments")).await;
        }
    }
    match assess::create(&state, &answers).await {
        Ok(result) => match member {
            Some((decision, member)) => team::record_submission(&state, &decision, &member, &result.id).await,
            None => see_other(&format!("/r/{}", result.id), None),
        },
        Err(CreateError::Invalid(errors)) => {
            let errors = errors.0.iter().map(|e| (e.question().to_string(), describe(e))).collect();
            let req = super::request_like(&headers, "/wizard/review");
            let answers = model.prune(&answers);
            let mut response =
                show(&state, model.review_step(), answers.clone(), errors, StatusCode::UNPROCESSABLE_ENTITY, req).await;
            response.headers_mut().insert(header::SET_COOKIE, draft_cookie(&answers));
            response
        }
        Err(CreateError::Storage(e)) => {
            tracing::error!(error = %e, "storing a result failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The result could not be saved. Your answers are kept; try again.")
                .into_response()
        }
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
    response.headers_mut().insert(header::SET_COOKIE, cookies::clear(team::TEAM_COOKIE));
    response
}

/// `POST /wizard/from/{id}`: change the answers of a stored result. The wizard
/// opens prefilled; submitting creates a new result, the old one never changes.
pub async fn from_result(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    match super::results::load(&state, &id).await {
        Ok(Some(result)) => {
            let answers = state.content.wizard.prune(&result.snapshot.assessment.answers);
            see_other("/wizard/review", Some(&answers))
        }
        Ok(None) => pages::not_found(&state, req).await,
        Err(response) => response,
    }
}
