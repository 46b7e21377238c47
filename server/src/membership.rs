//! Who the visitor is in a team decision: a member (by sign-in or by their
//! cookie), the holder of the invite, the owner (by sign-in or by the owner
//! cookie); and the decision being answered for. The wizard and the team
//! routes both use this; neither owns it.

use crate::db::{Decision, Member, StorageError, Submitted};
use crate::http::auth::Identity;
use crate::http::{cookies, responses::see_other, AppError};
use crate::state::AppState;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

/// Set while the visitor answers the wizard for a decision: the decision id.
pub const TEAM_COOKIE: &str = "crossroads_team";

fn member_cookie_name(decision: &str) -> String {
    format!("crossroads_member_{decision}")
}

fn invite_cookie_name(decision: &str) -> String {
    format!("crossroads_invite_{decision}")
}

fn owner_cookie_name(decision: &str) -> String {
    format!("crossroads_owner_{decision}")
}

/// The cookie that makes this browser `member` of `decision`.
pub fn member_cookie(decision: &str, member: &str, token: &str) -> HeaderValue {
    cookies::set(&member_cookie_name(decision), &format!("{member}.{token}"), true)
}

/// The cookie that lets this browser join `decision`.
pub fn invite_cookie(decision: &str, invite: &str) -> HeaderValue {
    cookies::set(&invite_cookie_name(decision), invite, true)
}

/// The cookie that makes this browser the owner of `decision`: the owner
/// token travels in it, never in an address after the first visit.
pub fn owner_cookie(decision: &str, token: &str) -> HeaderValue {
    cookies::set(&owner_cookie_name(decision), token, true)
}

/// Whether the visitor holds the decision's current invite (compared as a hash).
pub fn holds_invite(headers: &HeaderMap, decision: &Decision) -> bool {
    cookies::get(headers, &invite_cookie_name(&decision.id)).is_some_and(|held| decision.accepts_invite(held))
}

/// The name a signed-in person joins under: the display name the proxy
/// passes (or their identity), never one they type, so nobody can take
/// another person's name.
pub fn signed_in_name(identity: &Identity) -> String {
    let name: String = identity.name.chars().take(crate::text::NAME_MAX).collect();
    match crate::text::clean_line(&name, "Your name", crate::text::NAME_MAX) {
        Ok(name) => name,
        Err(_) => identity.user.chars().take(crate::text::NAME_MAX).collect(),
    }
}

/// The member the visitor is in `decision`, and their edit token when they
/// are recognised by cookie rather than by sign-in.
pub async fn me(state: &AppState, headers: &HeaderMap, decision: &Decision) -> Result<Option<(Member, Option<String>)>, StorageError> {
    if let Some(identity) = state.sign_in.identity(headers) {
        return Ok(state.db.member_by_identity(&decision.id, &identity.user).await?.map(|m| (m, None)));
    }
    let Some(value) = cookies::get(headers, &member_cookie_name(&decision.id)) else { return Ok(None) };
    let Some((member, token)) = value.split_once('.') else { return Ok(None) };
    Ok(state.db.member_by_token(&decision.id, member, token).await?.map(|m| (m, Some(token.to_string()))))
}

/// How the visitor owns a decision.
pub enum Ownership {
    /// By the owner cookie: the token it holds.
    Token(String),
    /// By being signed in as the creator.
    Identity,
}

/// Whether the visitor owns `decision`, and how.
pub async fn ownership(state: &AppState, headers: &HeaderMap, decision: &Decision) -> Result<Option<Ownership>, StorageError> {
    if let Some(token) = cookies::get(headers, &owner_cookie_name(&decision.id)) {
        if state.db.is_owner(&decision.id, token).await? {
            return Ok(Some(Ownership::Token(token.to_string())));
        }
    }
    let by_identity = match (state.sign_in.identity(headers), &decision.owner_identity) {
        (Some(me), Some(owner)) => me.user == *owner,
        _ => false,
    };
    Ok(by_identity.then_some(Ownership::Identity))
}

/// The decision and member the visitor is answering for, if any.
pub async fn answering_for(state: &AppState, headers: &HeaderMap) -> Result<Option<(Decision, Member)>, AppError> {
    let Some(id) = cookies::get(headers, TEAM_COOKIE) else { return Ok(None) };
    let Some(decision) = state.db.decision(id).await? else { return Ok(None) };
    let member = me(state, headers, &decision).await?;
    Ok(member.map(|(m, _)| (decision, m)))
}

/// The decision by id, or 404.
pub async fn decision(state: &AppState, id: &str) -> Result<Decision, AppError> {
    state.db.decision(id).await?.ok_or_else(|| AppError::NotFound(format!("There is no team decision “{id}”.")))
}

/// The answer to a change asked of a closed decision.
pub fn closed(decision: &Decision) -> AppError {
    AppError::Conflict {
        title: "This decision is closed".into(),
        detail: format!("“{}” accepts no new or changed answers. Your answers are kept in this browser.", decision.title),
        link: Some((format!("/t/{}", decision.id), "Back to the team page".into())),
    }
}

/// After a member's result is stored: tie it to the decision (replacing their
/// earlier submission) and go to the team page. If the decision closed (or
/// the member was removed) meanwhile, the result stays the member's own and
/// the answer says so, with a link to it.
pub async fn record_submission(state: &AppState, decision: &Decision, member: &Member, result: &str) -> Result<Response, AppError> {
    let kept = Some((format!("/r/{result}"), "Open your result".to_string()));
    match state.db.submit(&decision.id, &member.id, result).await? {
        Submitted::Recorded => {
            let mut response = see_other(&format!("/t/{}", decision.id), None);
            response.headers_mut().insert(header::SET_COOKIE, cookies::clear(TEAM_COOKIE));
            Ok(response)
        }
        Submitted::Closed => Err(AppError::Conflict {
            title: "This decision closed before your answers arrived".into(),
            detail: format!("“{}” accepts no more answers. Your answers are kept as a result of your own.", decision.title),
            link: kept,
        }),
        Submitted::Gone => Err(AppError::Conflict {
            title: "You are no longer a member of this decision".into(),
            detail: "The owner removed you, or deleted the decision. Your answers are kept as a result of your own.".into(),
            link: kept,
        }),
    }
}
