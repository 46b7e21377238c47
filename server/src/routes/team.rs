//! Team decisions as members see them: create, the team page and its live
//! part, join, answer, the private member link, the ADR, the card.

use crate::db::Joined;
use crate::http::card::{self as card_response, Keep};
use crate::http::cookies;
use crate::http::form::{self, field};
use crate::http::responses::{self, request_like, see_other};
use crate::http::template::Parts;
use crate::http::{draft, etag, render, AppError};
use crate::services::membership::{self, TEAM_COOKIE};
use crate::services::team_view::{self, team_view};
use crate::services::{cards, drafts, export, team_workloads, ServiceError};
use crate::state::AppState;
use crate::text::{self, CONTEXT_MAX, NAME_MAX, TITLE_MAX};
use crate::visitor::Visitor;
use app::page::Confirm;
use app::pages::team::{YourAnswers, YourAnswersProps};
use app::team::NewDecisionForm;
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};

/// Most fields read from one team form.
const FORM_FIELDS: usize = 32;

fn form_of(body: &Bytes) -> Vec<(String, String)> {
    form::fields(body, FORM_FIELDS)
}

/// `GET /t/new`
pub async fn new_form(State(state): State<AppState>, req: Request<Body>) -> Response {
    state.render.page(Page::TeamNew(NewDecisionForm::default()), StatusCode::OK, req).await
}

/// `POST /t`: create, then show the owner page (its address is the owner link).
pub async fn create(State(state): State<AppState>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let form = form_of(&body);
    let title = text::clean_line(field(&form, "title"), "The title", TITLE_MAX);
    let context = text::clean_block(field(&form, "context"), "The context", CONTEXT_MAX);
    let anonymous = field(&form, "anonymous") == "yes";
    match (title, context) {
        (Ok(title), Ok(context)) => {
            let (decision, token) = state.db.create_decision(&title, &context, anonymous, visitor.user()).await?;
            state.metrics.decision_created();
            // The owner token goes into a cookie, never into an address.
            let mut response = see_other(&format!("/t/{}/owner", decision.id));
            response.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::owner_cookie_name(&decision.id), &token, true));
            Ok(response)
        }
        (title, context) => {
            let errors = [title.err(), context.err()].into_iter().flatten().collect();
            let form = NewDecisionForm {
                title: field(&form, "title").chars().take(TITLE_MAX * 2).collect(),
                context: field(&form, "context").chars().take(CONTEXT_MAX * 2).collect(),
                anonymous,
                errors,
            };
            let req = request_like(visitor.identity.as_ref(), "/t/new");
            Ok(state.render.page(Page::TeamNew(form), StatusCode::UNPROCESSABLE_ENTITY, req).await)
        }
    }
}

/// `GET /t/{id}`
pub async fn page(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let mut view = team_view(&state, &decision, &visitor).await?;
    if !state.render.templates.is_on() {
        return Ok(state.render.page(Page::Team(view), StatusCode::OK, req).await);
    }
    // Only the visitor's own card differs between visitors of one revision.
    let mut parts = Parts::default();
    let (decision_id, closed) = (view.decision.id.clone(), view.decision.closed);
    view.take_you(|me, joining, join_error| {
        let id = decision_id;
        parts.fragment(render::fragment(move || YourAnswers(YourAnswersProps { id, closed, me, joining, join_error })))
    });
    let key = format!("team:{}:{}", decision.id, decision.revision);
    Ok(state.render.personal_page(&key, Page::Team(view), parts, StatusCode::OK, req).await)
}

/// `GET /t/{id}/revision`: changes whenever anything on the team page does.
pub async fn revision(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], decision.revision.to_string()).into_response())
}

/// `GET /t/{id}/live`: the changing part of the team page, as an HTML fragment.
pub async fn live(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let view = team_view(&state, &decision, &visitor).await?;
    let html = render::fragment(move || app::pages::team::TeamLive(app::pages::team::TeamLiveProps { view }));
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")], html).into_response())
}

/// `GET /t/{id}/i/{invite}`: the invite link asks before this browser keeps
/// the invite (a link on another site must not tie a browser to a decision).
pub async fn invite(State(state): State<AppState>, Path((id, invite)): Path<(String, String)>, req: Request<Body>) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    if !decision.accepts_invite(&invite) {
        return Err(invite_gone());
    }
    let confirm = Confirm {
        title: format!("Join “{}”?", decision.title),
        body: "You were invited to answer for this team decision. Continuing lets this browser join it.".into(),
        action: format!("/t/{id}/i/{invite}"),
        button: "Continue to the team page".into(),
    };
    Ok(state.render.page(Page::Confirm(confirm), StatusCode::OK, req).await)
}

/// `POST /t/{id}/i/{invite}`: keeps the invite in a cookie and opens the
/// team page, where the join form now shows.
pub async fn accept_invite(State(state): State<AppState>, Path((id, invite)): Path<(String, String)>) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    if !decision.accepts_invite(&invite) {
        return Err(invite_gone());
    }
    let mut response = see_other(&format!("/t/{id}"));
    response.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::invite_cookie_name(&id), &invite, true));
    Ok(response)
}

fn invite_gone() -> AppError {
    AppError::NotFound("This invite link is no longer valid; ask the owner for the current one.".into())
}

/// `POST /t/{id}/join`: with sign-in, once per person under the name the
/// sign-in gives; without, with the invite and a name of one's choosing.
pub async fn join(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let decision = membership::open_decision(&state, &id).await?;
    if let Some((member, _)) = membership::me(&state, &visitor, &decision).await? {
        return start_answering(&state, &decision, &member).await;
    }
    if visitor.identity.is_none() && !membership::holds_invite(&visitor, &decision) {
        return Err(AppError::Forbidden("Joining needs the invite link the owner shared; ask them for it.".into()));
    }
    let name = match &visitor.identity {
        Some(me) => membership::signed_in_name(me),
        None => match text::clean_line(field(&form_of(&body), "name"), "Your name", NAME_MAX) {
            Ok(name) => name,
            Err(message) => return refuse_join(&state, &decision, &visitor, message).await,
        },
    };
    let user = visitor.user();
    let limit = state.config.max_members;
    let mut joined = state.db.join(&decision.id, &name, user, limit, text::name_key).await?;
    if let (Joined::NameTaken, Some(user)) = (&joined, user) {
        // Two people whose sign-in gives the same name: the identity tells them apart.
        joined = state.db.join(&decision.id, &format!("{name} ({user})"), Some(user), limit, text::name_key).await?;
    }
    match joined {
        Joined::Member(member, token) => {
            // Joining is a same-site POST: straight on to answering.
            let mut response = start_answering(&state, &decision, &member).await?;
            let cookie = membership::member_cookie_value(&member.id, &token);
            response.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::member_cookie_name(&decision.id), &cookie, true));
            Ok(response)
        }
        Joined::NameTaken => {
            refuse_join(&state, &decision, &visitor, format!("Someone in this decision goes by “{name}” already; choose another name.")).await
        }
        Joined::AlreadyMember => Err(AppError::Conflict {
            title: "You joined this decision before".into(),
            detail: "Each person joins once. If the owner removed you, ask them.".into(),
            link: Some((format!("/t/{id}"), "Back to the team page".into())),
        }),
        Joined::Closed => Err(ServiceError::Closed { id: decision.id, title: decision.title }.into()),
        Joined::Full => Err(AppError::Conflict {
            title: "This decision is full".into(),
            detail: format!("“{}” already has {limit} members, the most it accepts.", decision.title),
            link: Some((format!("/t/{id}"), "Back to the team page".into())),
        }),
    }
}

/// The team page again, with `message` beside the join form (422).
async fn refuse_join(state: &AppState, decision: &crate::db::Decision, visitor: &Visitor, message: String) -> Result<Response, AppError> {
    let mut view = team_view(state, decision, visitor).await?;
    view.join_error = Some(message);
    let req = request_like(visitor.identity.as_ref(), &format!("/t/{}", decision.id));
    Ok(state.render.page(Page::Team(view), StatusCode::UNPROCESSABLE_ENTITY, req).await)
}

/// `GET /t/{id}/answer`: asks before this browser starts answering for the
/// decision (the answers it then submits join the team page).
pub async fn confirm_answer(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let decision = membership::open_decision(&state, &id).await?;
    if membership::me(&state, &visitor, &decision).await?.is_none() {
        return Ok(see_other(&format!("/t/{id}")));
    }
    let confirm = Confirm {
        title: format!("Answer for “{}”", decision.title),
        body: "The answers you submit from this browser join the team page as yours.".into(),
        action: format!("/t/{id}/answer"),
        button: "Answer the questionnaire".into(),
    };
    Ok(state.render.page(Page::Confirm(confirm), StatusCode::OK, req).await)
}

/// `POST /t/{id}/answer`: start (or redo) the wizard as this member.
pub async fn answer(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let decision = membership::open_decision(&state, &id).await?;
    let Some((member, _)) = membership::me(&state, &visitor, &decision).await? else {
        return Ok(see_other(&format!("/t/{id}")));
    };
    start_answering(&state, &decision, &member).await
}

/// Opens the wizard as `member` of `decision`: from what they submitted
/// before, or from the start.
async fn start_answering(state: &AppState, decision: &crate::db::Decision, member: &crate::db::Member) -> Result<Response, AppError> {
    let previous = match &member.assessment_id {
        Some(result) => state.db.get(result).await?.map(|r| r.snapshot.plan_answers(&state.content.questionnaire)),
        None => None,
    };
    let wizard = &state.content.wizard;
    let (answers, at) = match previous {
        Some(answers) => (answers, "/wizard/review".to_string()),
        None => (wizard.new_draft(), wizard.path(wizard.steps(&wizard.new_draft())[0])),
    };
    // With workloads set by the owner, the member answers for exactly those.
    let answers = team_workloads::held(state, decision, answers);
    let id = drafts::start(state, answers).await?;
    let mut response = draft::continue_at(&at, &id);
    response.headers_mut().append(header::SET_COOKIE, cookies::set(TEAM_COOKIE, &decision.id, true));
    Ok(response)
}

/// `GET /t/{id}/m/{member}/{token}`: a member's private link asks before
/// this browser becomes that member.
pub async fn member_link(
    State(state): State<AppState>,
    Path((id, member, token)): Path<(String, String, String)>,
    req: Request<Body>,
) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let member = state.db.member_by_token(&id, &member, &token).await?.ok_or_else(member_link_gone)?;
    let confirm = Confirm {
        title: format!("Continue as {} in this browser?", member.name),
        body: format!("This is {}'s private link for “{}”. Continue only if it is yours: this browser then answers as them.", member.name, decision.title),
        action: format!("/t/{id}/m/{}/{token}", member.id),
        button: format!("Continue as {}", member.name),
    };
    Ok(state.render.page(Page::Confirm(confirm), StatusCode::OK, req).await)
}

/// `POST /t/{id}/m/{member}/{token}`: this browser becomes the member.
pub async fn use_member_link(
    State(state): State<AppState>,
    Path((id, member, token)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let member = state.db.member_by_token(&id, &member, &token).await?.ok_or_else(member_link_gone)?;
    let mut response = see_other(&format!("/t/{id}"));
    let cookie = membership::member_cookie_value(&member.id, &token);
    response.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::member_cookie_name(&id), &cookie, true));
    Ok(response)
}

fn member_link_gone() -> AppError {
    AppError::NotFound("This member link is not valid.".into())
}

/// `GET /t/{id}/adr.md`
pub async fn adr(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let view = team_view(&state, &decision, &visitor).await?;
    Ok(responses::markdown_download(&format!("crossroads-team-{id}-adr.md"), export::team_madr(&view, &view.member_url)))
}

/// `GET /t/{id}/card.png`: the team's recommendation so far, never a name.
pub async fn card(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let decision = membership::decision(&state, &id).await?;
    let key = format!("team:{id}:{}", decision.revision);
    let tag = etag::tag(&[&state.build_id, &key]);
    if let Some(response) = card_response::not_modified(&headers, &tag) {
        return Ok(response);
    }
    let data = team_view::data(&state, &decision).await?;
    let version = state.content.questionnaire.version.clone();
    let png = state
        .cards
        .png(key, move || {
            let card = match &data.plan {
                Some(plan) => cards::for_team_plan(&decision.title, plan, data.answered, &version),
                None => cards::for_team(&decision.title, data.snapshot.as_ref(), data.answered, &version),
            };
            cards::with_status(card, decision.status, decision.review_due, data.answered)
        })
        .await?;
    Ok(card_response::png(png, &tag, Keep::Revalidate))
}
