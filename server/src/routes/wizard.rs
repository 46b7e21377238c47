//! The questionnaire: each step is a plain HTML form that posts here; the
//! draft is kept on the server under an id in a cookie; the final submission
//! creates a stored result. The hydrated wizard posts the same forms in the
//! background (with the fragment header) and gets the next step's HTML alone.

use crate::http::responses::{request_like, see_other};
use crate::http::template::Parts;
use crate::http::{cookies, draft, form, render, AppError};
use crate::services::assess::{self, CreateError};
use crate::services::drafts::{self, Draft};
use crate::services::membership::{self, TEAM_COOKIE};
use crate::services::{results, team_workloads};
use app::wizard_view::{self, StepErrors};
use crate::state::AppState;
use crate::visitor::Visitor;
use app::pages::wizard::{WizardBody, WizardBodyProps};
use app::wizard::{StepView, WizardView, FRAGMENT_HEADER};
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use crossroads_domain::{AnswerError, PlanAnswers, PlanProblem, Step, WorkloadsAction};

/// Most fields read from one step's form (eight workloads of name and kind,
/// or a step's options, fit easily).
const FORM_FIELDS: usize = 512;

/// `GET /wizard`: the first step.
pub async fn start(State(state): State<AppState>) -> Response {
    let wizard = &state.content.wizard;
    see_other(&wizard.path(wizard.steps(&wizard.new_draft())[0]))
}

/// `GET /wizard/{*step}`: `situation`, `workloads`, `w/2`, `review`...
pub async fn step(State(state): State<AppState>, Path(tail): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let draft = drafts::load(&state, &visitor).await?;
    let step = find_step(&state, &tail, &draft)?;
    show(&state, &visitor, &draft, step, StepErrors::None, StatusCode::OK, fragment(req.headers()), Some(req)).await
}

fn find_step(state: &AppState, tail: &str, draft: &Draft) -> Result<Step, AppError> {
    state.content.wizard.step_at(tail, &draft.answers).ok_or_else(|| AppError::NotFound("There is no such questionnaire step.".into()))
}

/// Whether the island asked for the step's HTML alone.
fn fragment(headers: &HeaderMap) -> bool {
    headers.contains_key(FRAGMENT_HEADER)
}

/// Renders `step` of `draft`: the whole page, or (for the island) the part
/// that changes, with the step's address in `x-crossroads-step`.
#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    visitor: &Visitor,
    draft: &Draft,
    step: Step,
    errors: StepErrors,
    status: StatusCode,
    fragment: bool,
    req: Option<Request<Body>>,
) -> Result<Response, AppError> {
    let wizard = &state.content.wizard;
    let answering = membership::answering_for(state, visitor).await?;
    let fixed = answering.as_ref().is_some_and(|(decision, _)| team_workloads::fixed(decision));
    let team = answering.map(|(decision, _)| (decision.id, decision.title));
    let view = wizard_view::view(wizard, &draft.answers, step, errors, team, fixed);
    let path = wizard.path(step);
    let mut response = if fragment {
        let html = render::fragment(move || WizardBody(WizardBodyProps { view }));
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
    } else {
        let req = req.unwrap_or_else(|| request_like(visitor.identity.as_ref(), &path));
        let shared = status == StatusCode::OK && state.render.templates.is_on() && !matches!(view.step, StepView::Review(_));
        if shared {
            // Everything but the checked options is the same for everyone with
            // this step's shape (its questions shown, its workloads).
            let mut view = view;
            let mut parts = Parts::default();
            view.take_choices(|on| parts.choice(on));
            let key = format!("wizard:{path}:{:016x}", shape_hash(&view));
            state.render.personal_page(&key, Page::Wizard(view), parts, status, req).await
        } else {
            state.render.page(Page::Wizard(view), status, req).await
        }
    };
    // The island's requests always succeed as requests (a browser logs a
    // failed one as an error); whether the step was refused travels apart.
    *response.status_mut() = if fragment { StatusCode::OK } else { status };
    let headers = response.headers_mut();
    if fragment && status != StatusCode::OK {
        headers.insert("x-crossroads-refused", HeaderValue::from(status.as_u16()));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&path) {
        headers.insert("x-crossroads-step", value);
    }
    if let Some(id) = &draft.id {
        headers.append(header::SET_COOKIE, draft::id_cookie(id));
    }
    Ok(response)
}

/// A hash of a step's shape: it only finds the kept template, which is then
/// used only for an equal shape.
fn shape_hash(view: &WizardView) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    view.hash(&mut hasher);
    hasher.finish()
}

/// `POST /wizard/{*step}`: saves this step's answers (or the workloads),
/// then goes back or on; a step with required questions left shows again.
pub async fn save_step(
    State(state): State<AppState>,
    Path(tail): Path<String>,
    visitor: Visitor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let wizard = state.content.wizard.clone();
    let mut draft = drafts::load(&state, &visitor).await?;
    let step = find_step(&state, &tail, &draft)?;
    let fields = form::fields(&body, FORM_FIELDS);
    let nav = form::field(&fields, "nav").to_string();
    // A team decision's owner may have set the workloads: then they are not the member's to change.
    let fixed = membership::answering_for(&state, &visitor).await?.is_some_and(|(decision, _)| team_workloads::fixed(&decision));
    let errors = match step {
        Step::Workloads => {
            let action = WorkloadsAction::from_nav(&nav);
            let errors = wizard.edit_workloads(&fields, action, &mut draft.answers, fixed);
            if errors.is_empty() && action != WorkloadsAction::Save {
                // Added or removed: the same step again, with the new list.
                draft.id = Some(drafts::save(&state, &draft).await?);
                return reply(&state, &visitor, &draft, step, &headers).await;
            }
            (!errors.is_empty()).then_some(StepErrors::Workloads(errors))
        }
        Step::Review => None,
        _ => {
            wizard.apply(step, &fields, &mut draft.answers);
            let missing = wizard.missing_in(step, &draft.answers);
            (nav != "back" && !missing.is_empty()).then_some(StepErrors::Missing(missing))
        }
    };
    if let Some(errors) = errors {
        // Kept as far as it goes, shown again with what is missing; a refused
        // post that started no draft and changed nothing stores none.
        let untouched = draft.id.is_none() && draft.answers == wizard.new_draft();
        if !matches!(errors, StepErrors::Workloads(_)) && !untouched {
            draft.id = Some(drafts::save(&state, &draft).await?);
        }
        return show(&state, &visitor, &draft, step, errors, StatusCode::UNPROCESSABLE_ENTITY, fragment(&headers), None).await;
    }
    draft.id = Some(drafts::save(&state, &draft).await?);
    let to = if nav == "back" { wizard.previous(step, &draft.answers) } else { wizard.next(step, &draft.answers) };
    reply(&state, &visitor, &draft, to, &headers).await
}

/// Goes to `step`: the island gets its HTML alone; a browser without
/// JavaScript a redirect (so a reload does not post again).
async fn reply(state: &AppState, visitor: &Visitor, draft: &Draft, step: Step, headers: &HeaderMap) -> Result<Response, AppError> {
    if fragment(headers) {
        return show(state, visitor, draft, step, StepErrors::None, StatusCode::OK, true, None).await;
    }
    let id = draft.id.as_deref().unwrap_or_default();
    Ok(draft::continue_at(&state.content.wizard.path(step), id))
}

/// `POST /assessments`: submits the draft. Scores, stores and goes to the
/// result (or the team page); answers that need a change come back to the
/// review with every problem listed. A form may also carry its own flat
/// answers in the draft format (`answers=stage:new|…`), as the review of
/// earlier versions did: they become the draft.
pub async fn submit(State(state): State<AppState>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let mut draft = drafts::load(&state, &visitor).await?;
    let fields = form::fields(&body, 16);
    if let Some((_, given)) = fields.iter().find(|(k, _)| k == "answers") {
        draft.answers = state.content.wizard.prune(&PlanAnswers::from_flat(&state.content.questionnaire, &app::wizard::decode_draft(given)));
        draft.id = Some(drafts::save(&state, &draft).await?);
    }
    // Answering for a team: the result is stored either way, then tied to the
    // decision if it is still open and the member still belongs to it.
    let member = membership::answering_for(&state, &visitor).await?;
    if let Some((decision, _)) = &member {
        // Checked before anything is stored: answers for other workloads would not combine.
        team_workloads::check(decision, &draft.answers)?;
    }
    match assess::create_plan(&state, &draft.answers, visitor.user()).await {
        Ok(created) => {
            let id = created.result.id.clone();
            let owner_cookie = cookies::result_owner(&id, &created.delete_token);
            let mut response = match member {
                Some((decision, member)) => match membership::record_submission(&state, &decision, &member, &id).await {
                    Ok(()) => {
                        let mut response = see_other(&format!("/t/{}", decision.id));
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
                None => see_other(&format!("/r/{id}")),
            };
            response.headers_mut().append(header::SET_COOKIE, owner_cookie);
            Ok(response)
        }
        Err(CreateError::InvalidPlan(errors)) => {
            let errors = errors.0.iter().map(|e| (e.path.clone(), describe(&state, &e.problem, &e.to_string()))).collect();
            show(&state, &visitor, &draft, Step::Review, StepErrors::Review(errors), StatusCode::UNPROCESSABLE_ENTITY, false, None).await
        }
        Err(CreateError::Invalid(_)) => unreachable_flat(),
        Err(CreateError::Storage(e)) => Err(e.into()),
    }
}

/// A plan is never checked as flat answers; should it be, it is a refusal, not a panic.
fn unreachable_flat() -> Result<Response, AppError> {
    Err(AppError::invalid("The answers are not valid", "Check the answers in the review and submit again."))
}

/// A refusal in the review's words: a missing answer names its question.
fn describe(state: &AppState, problem: &PlanProblem, text: &str) -> String {
    match problem {
        PlanProblem::Answer { error: AnswerError::MissingAnswer { question } } => match state.content.questionnaire.question(question) {
            Some(q) => format!("“{}” needs an answer.", q.prompt),
            None => text.to_string(),
        },
        _ => text.to_string(),
    }
}

/// `POST /wizard/solo`: stop answering for a team; the draft stays.
pub async fn solo() -> Response {
    let mut response = see_other("/wizard/review");
    response.headers_mut().insert(header::SET_COOKIE, cookies::clear(TEAM_COOKIE));
    response
}

/// `POST /wizard/from/{id}`: change the answers of a stored result. The wizard
/// opens prefilled with its workloads; submitting creates a new result, the old
/// one never changes.
pub async fn from_result(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let result = results::stored(&state, &id).await?;
    let answers: PlanAnswers = result.snapshot.plan_answers(&state.content.questionnaire);
    let draft = drafts::start(&state, answers).await?;
    Ok(draft::continue_at("/wizard/review", &draft))
}
