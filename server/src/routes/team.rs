//! Team decisions: create, join, answer, see the combined result, manage.

use super::{cookies, pages, wizard};
use crate::decisions::{Decision, Member};
use crate::state::AppState;
use crate::storage::StorageError;
use crate::text;
use crate::render;
use app::team::{DecisionInfo, Me, MemberRow, NewDecisionForm, OwnerView, TeamView};
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use crossroads_domain::{assess_team, ResultSnapshot};

/// Set while the visitor answers the wizard for a decision: the decision id.
pub const TEAM_COOKIE: &str = "crossroads_team";
const TITLE_MAX: usize = 120;
const CONTEXT_MAX: usize = 4000;
const NAME_MAX: usize = 60;

fn member_cookie_name(decision: &str) -> String {
    format!("crossroads_member_{decision}")
}

fn unavailable(e: StorageError) -> Response {
    tracing::error!(error = %e, "team decision storage failed");
    (StatusCode::SERVICE_UNAVAILABLE, "The team decision could not be read or saved right now; try again.").into_response()
}

fn form_of(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().take(32).collect()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// The member the visitor is, for `decision`, from their cookie.
async fn member_of(state: &AppState, headers: &HeaderMap, decision: &str) -> Result<Option<(Member, String)>, StorageError> {
    let Some(value) = cookies::get(headers, &member_cookie_name(decision)) else { return Ok(None) };
    let Some((member, token)) = value.split_once('.') else { return Ok(None) };
    Ok(state.db.member_by_token(decision, member, token).await?.map(|m| (m, token.to_string())))
}

/// The decision and member the visitor is answering for, if any.
pub async fn answering_for(state: &AppState, headers: &HeaderMap) -> Result<Option<(Decision, Member)>, Response> {
    let Some(id) = cookies::get(headers, TEAM_COOKIE) else { return Ok(None) };
    let Some(decision) = state.db.decision(id).await.map_err(unavailable)? else { return Ok(None) };
    let member = member_of(state, headers, &decision.id).await.map_err(unavailable)?;
    Ok(member.map(|(m, _)| (decision, m)))
}

pub async fn closed_page(state: &AppState, decision: &Decision, req: Request<Body>) -> Response {
    let page = Page::Message {
        title: "This decision is closed".into(),
        body: format!("“{}” accepts no new or changed answers. Your answers are kept in this browser.", decision.title),
        link: Some((format!("/t/{}", decision.id), "Back to the team page".into())),
    };
    render::page(state, page, StatusCode::CONFLICT, req).await
}

/// After a member's result is stored: tie it to the decision (replacing their
/// earlier submission) and go to the team page.
pub async fn record_submission(state: &AppState, decision: &Decision, member: &Member, result: &str) -> Response {
    if let Err(e) = state.db.submit(&decision.id, &member.id, result).await {
        return unavailable(e);
    }
    let mut response = wizard::see_other(&format!("/t/{}", decision.id), None);
    response.headers_mut().insert(header::SET_COOKIE, cookies::clear(TEAM_COOKIE));
    response
}

/// `GET /t/new`
pub async fn new_form(State(state): State<AppState>, req: Request<Body>) -> Response {
    render::page(&state, Page::TeamNew(NewDecisionForm::default()), StatusCode::OK, req).await
}

/// `POST /t`: create, then show the owner page (its address is the owner link).
pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form = form_of(&body);
    let title = text::clean_line(field(&form, "title"), "The title", TITLE_MAX);
    let context = text::clean_block(field(&form, "context"), "The context", CONTEXT_MAX);
    let anonymous = field(&form, "anonymous") == "yes";
    match (title, context) {
        (Ok(title), Ok(context)) => match state.db.create_decision(&title, &context, anonymous).await {
            Ok((decision, token)) => {
                state.metrics.decision_created();
                wizard::see_other(&format!("/t/{}/owner/{token}", decision.id), None)
            }
            Err(e) => unavailable(e),
        },
        (title, context) => {
            let errors = [title.err(), context.err()].into_iter().flatten().collect();
            let form = NewDecisionForm {
                title: field(&form, "title").chars().take(TITLE_MAX * 2).collect(),
                context: field(&form, "context").chars().take(CONTEXT_MAX * 2).collect(),
                anonymous,
                errors,
            };
            let req = super::request_like(&headers, "/t/new");
            render::page(&state, Page::TeamNew(form), StatusCode::UNPROCESSABLE_ENTITY, req).await
        }
    }
}


fn info(decision: &Decision) -> DecisionInfo {
    DecisionInfo {
        id: decision.id.clone(),
        title: decision.title.clone(),
        context_html: if decision.context.is_empty() { String::new() } else { text::render_user_markdown(&decision.context) },
        anonymous: decision.anonymous,
        closed: decision.closed,
        revision: decision.revision,
    }
}

/// Everything the team page shows, computed from storage and the engine.
pub async fn team_view(state: &AppState, decision: &Decision, headers: &HeaderMap) -> Result<TeamView, StorageError> {
    let members = state.db.members(&decision.id).await?;
    let mut rows = Vec::new();
    let mut answers = Vec::new();
    for m in &members {
        let result = match &m.assessment_id {
            Some(id) => state.db.get(id).await?,
            None => None,
        };
        if let Some(r) = &result {
            answers.push(r.snapshot.assessment.answers.clone());
        }
        rows.push(MemberRow {
            name: m.name.clone(),
            result_id: result.as_ref().map(|r| r.id.clone()),
            headline: result.as_ref().map(|r| r.snapshot.assessment.recommendation.headline.clone()),
        });
    }
    let questionnaire = &state.content.questionnaire;
    let team = assess_team(questionnaire, &answers);
    let snapshot = team.as_ref().map(|t| ResultSnapshot::new(questionnaire, t.assessment.clone()));
    let base = state.config.base_url();
    let me = member_of(state, headers, &decision.id).await?.map(|(m, token)| Me {
        private_url: format!("{base}/t/{}/m/{}/{token}", decision.id, m.id),
        submitted: m.assessment_id.is_some(),
        name: m.name,
    });
    Ok(TeamView {
        decision: info(decision),
        member_url: format!("{base}/t/{}", decision.id),
        me,
        members: rows,
        max_members: state.config.max_members,
        team,
        snapshot,
        join_error: None,
    })
}

async fn load(state: &AppState, id: &str) -> Result<Option<Decision>, Response> {
    state.db.decision(id).await.map_err(unavailable)
}

/// `GET /t/{id}`
pub async fn page(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => return pages::not_found(&state, req).await,
        Err(r) => return r,
    };
    match team_view(&state, &decision, req.headers()).await {
        Ok(view) => render::page(&state, Page::Team(view), StatusCode::OK, req).await,
        Err(e) => unavailable(e),
    }
}

/// `GET /t/{id}/revision`: changes whenever anything on the team page does.
pub async fn revision(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match load(&state, &id).await {
        Ok(Some(d)) => ([(header::CACHE_CONTROL, "no-store")], d.revision.to_string()).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such decision").into_response(),
        Err(r) => r,
    }
}

/// `GET /t/{id}/live`: the changing part of the team page, as an HTML fragment.
pub async fn live(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such decision").into_response(),
        Err(r) => return r,
    };
    match team_view(&state, &decision, &headers).await {
        Ok(view) => {
            let html = render::fragment(move || app::pages::team::TeamLive(app::pages::team::TeamLiveProps { view }));
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html).into_response()
        }
        Err(e) => unavailable(e),
    }
}

/// `POST /t/{id}/join`
pub async fn join(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => return pages::not_found(&state, super::request_like(&headers, &format!("/t/{id}"))).await,
        Err(r) => return r,
    };
    let req = super::request_like(&headers, &format!("/t/{id}"));
    if decision.closed {
        return closed_page(&state, &decision, req).await;
    }
    if let Ok(Some(_)) = member_of(&state, &headers, &decision.id).await {
        return wizard::see_other(&format!("/t/{id}/answer"), None);
    }
    let name = match text::clean_line(field(&form_of(&body), "name"), "Your name", NAME_MAX) {
        Ok(name) => name,
        Err(message) => {
            return match team_view(&state, &decision, &headers).await {
                Ok(mut view) => {
                    view.join_error = Some(message);
                    render::page(&state, Page::Team(view), StatusCode::UNPROCESSABLE_ENTITY, req).await
                }
                Err(e) => unavailable(e),
            };
        }
    };
    match state.db.join(&decision.id, &name, state.config.max_members).await {
        Ok(Some((member, token))) => {
            let mut response = wizard::see_other(&format!("/t/{id}/answer"), None);
            let cookie = cookies::set(&member_cookie_name(&decision.id), &format!("{}.{token}", member.id), true);
            response.headers_mut().append(header::SET_COOKIE, cookie);
            response
        }
        Ok(None) => {
            let page = Page::Message {
                title: "This decision is full".into(),
                body: format!("“{}” already has {} members, the most it accepts.", decision.title, state.config.max_members),
                link: Some((format!("/t/{id}"), "Back to the team page".into())),
            };
            render::page(&state, page, StatusCode::CONFLICT, req).await
        }
        Err(e) => unavailable(e),
    }
}

/// `GET /t/{id}/answer`: start (or redo) the wizard as this member.
pub async fn answer(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => return pages::not_found(&state, req).await,
        Err(r) => return r,
    };
    if decision.closed {
        return closed_page(&state, &decision, req).await;
    }
    let member = match member_of(&state, req.headers(), &decision.id).await {
        Ok(Some((m, _))) => m,
        Ok(None) => return wizard::see_other(&format!("/t/{id}"), None),
        Err(e) => return unavailable(e),
    };
    // A member changing their answers starts from what they submitted.
    let previous = match &member.assessment_id {
        Some(result) => state.db.get(result).await.ok().flatten().map(|r| r.snapshot.assessment.answers),
        None => None,
    };
    let start = state.content.wizard.step_path(0);
    let mut response = match previous {
        Some(answers) => wizard::see_other("/wizard/review", Some(&state.content.wizard.prune(&answers))),
        None => wizard::see_other(&start, Some(&Default::default())),
    };
    response.headers_mut().append(header::SET_COOKIE, cookies::set(TEAM_COOKIE, &decision.id, true));
    response
}

/// `GET /t/{id}/m/{member}/{token}`: a member's private link, to continue in another browser.
pub async fn member_link(State(state): State<AppState>, Path((id, member, token)): Path<(String, String, String)>, req: Request<Body>) -> Response {
    match state.db.member_by_token(&id, &member, &token).await {
        Ok(Some(m)) => {
            let mut response = wizard::see_other(&format!("/t/{id}"), None);
            response.headers_mut().append(header::SET_COOKIE, cookies::set(&member_cookie_name(&id), &format!("{}.{token}", m.id), true));
            response
        }
        Ok(None) => pages::not_found(&state, req).await,
        Err(e) => unavailable(e),
    }
}

async fn owner_view(state: &AppState, decision: &Decision, token: &str, error: Option<String>) -> Result<OwnerView, StorageError> {
    let base = state.config.base_url();
    Ok(OwnerView {
        decision: info(decision),
        member_url: format!("{base}/t/{}", decision.id),
        owner_url: format!("{base}/t/{}/owner/{token}", decision.id),
        members: state.db.members(&decision.id).await?.len(),
        error,
    })
}

async fn owned(state: &AppState, id: &str, token: &str) -> Result<Option<Decision>, Response> {
    let Some(decision) = load(state, id).await? else { return Ok(None) };
    match state.db.is_owner(id, token).await {
        Ok(true) => Ok(Some(decision)),
        Ok(false) => Ok(None),
        Err(e) => Err(unavailable(e)),
    }
}

/// `GET /t/{id}/owner/{token}`
pub async fn owner(State(state): State<AppState>, Path((id, token)): Path<(String, String)>, req: Request<Body>) -> Response {
    match owned(&state, &id, &token).await {
        Ok(Some(decision)) => match owner_view(&state, &decision, &token, None).await {
            Ok(view) => render::page(&state, Page::TeamOwner(view), StatusCode::OK, req).await,
            Err(e) => unavailable(e),
        },
        Ok(None) => pages::not_found(&state, req).await,
        Err(r) => r,
    }
}

/// `POST /t/{id}/owner/{token}`: rename, close, reopen or delete.
pub async fn owner_action(
    State(state): State<AppState>,
    Path((id, token)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = super::request_like(&headers, &format!("/t/{id}/owner/{token}"));
    let decision = match owned(&state, &id, &token).await {
        Ok(Some(d)) => d,
        Ok(None) => return (StatusCode::FORBIDDEN, "This owner link is not valid for this decision.").into_response(),
        Err(r) => return r,
    };
    let form = form_of(&body);
    let back = || wizard::see_other(&format!("/t/{id}/owner/{token}"), None);
    let outcome = match field(&form, "action") {
        "rename" => match text::clean_line(field(&form, "title"), "The title", TITLE_MAX) {
            Ok(title) => state.db.rename_decision(&id, &title).await.map(|_| back()),
            Err(message) => {
                return match owner_view(&state, &decision, &token, Some(message)).await {
                    Ok(view) => render::page(&state, Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await,
                    Err(e) => unavailable(e),
                };
            }
        },
        "close" => state.db.set_closed(&id, true).await.map(|_| back()),
        "reopen" => state.db.set_closed(&id, false).await.map(|_| back()),
        "delete" if field(&form, "confirm") == "yes" => state.db.delete_decision(&id).await.map(|_| wizard::see_other("/t/deleted", None)),
        "delete" => return (StatusCode::UNPROCESSABLE_ENTITY, "Tick the confirmation box to delete the decision.").into_response(),
        _ => return (StatusCode::UNPROCESSABLE_ENTITY, "Unknown action: use rename, close, reopen or delete.").into_response(),
    };
    outcome.unwrap_or_else(unavailable)
}

/// `GET /t/deleted`
pub async fn deleted(State(state): State<AppState>, req: Request<Body>) -> Response {
    let page = Page::Message {
        title: "Decision deleted".into(),
        body: "The team decision and its member list are gone. Results stay reachable by their own links.".into(),
        link: Some(("/".into(), "Home".into())),
    };
    render::page(&state, page, StatusCode::OK, req).await
}

/// `GET /t/{id}/adr.md`
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => return pages::not_found(&state, req).await,
        Err(r) => return r,
    };
    match team_view(&state, &decision, req.headers()).await {
        Ok(view) => {
            let md = crate::export::team_madr(&view, &view.member_url);
            (
                [
                    (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"crossroads-team-{id}-adr.md\"")),
                ],
                md,
            )
                .into_response()
        }
        Err(e) => unavailable(e),
    }
}

/// `GET /api/v1/decisions/{id}`: the team decision as JSON.
pub async fn json(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let decision = match load(&state, &id).await {
        Ok(Some(d)) => d,
        Ok(None) => {
            return super::api::Problem::new(StatusCode::NOT_FOUND, "Not found", format!("There is no team decision \"{id}\"."))
                .into_response()
        }
        Err(r) => return r,
    };
    match team_view(&state, &decision, &headers).await {
        Ok(view) => {
            let members: Vec<serde_json::Value> = view
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let name = if decision.anonymous { format!("Member {}", i + 1) } else { m.name.clone() };
                    serde_json::json!({ "name": name, "result_id": m.result_id, "recommendation": m.headline })
                })
                .collect();
            axum::Json(serde_json::json!({
                "id": decision.id,
                "title": decision.title,
                "context": decision.context,
                "anonymous": decision.anonymous,
                "closed": decision.closed,
                "created_at": decision.created_at,
                "members": members,
                "team": view.team,
            }))
            .into_response()
        }
        Err(e) => unavailable(e),
    }
}
