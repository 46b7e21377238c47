//! Who the visitor is in a team decision: a member (by sign-in or by their
//! cookie), the holder of the invite, the owner (by sign-in or by the owner
//! cookie); and the decision being answered for. The wizard and the team
//! routes both use this; neither owns it. Cookie names are decided here; the
//! routes write them.

use super::ServiceError;
use crate::db::{Decision, Member, Submitted};
use crate::state::AppState;
use crate::visitor::{Identity, Visitor};

/// Set while the visitor answers the wizard for a decision: the decision id.
pub const TEAM_COOKIE: &str = "crossroads_team";

pub fn member_cookie_name(decision: &str) -> String {
    format!("crossroads_member_{decision}")
}

pub fn invite_cookie_name(decision: &str) -> String {
    format!("crossroads_invite_{decision}")
}

pub fn owner_cookie_name(decision: &str) -> String {
    format!("crossroads_owner_{decision}")
}

/// The value of the cookie that makes a browser `member`.
pub fn member_cookie_value(member: &str, token: &str) -> String {
    format!("{member}.{token}")
}

/// Whether the visitor holds the decision's current invite (compared as a hash).
pub fn holds_invite(visitor: &Visitor, decision: &Decision) -> bool {
    visitor.cookie(&invite_cookie_name(&decision.id)).is_some_and(|held| decision.accepts_invite(held))
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
pub async fn me(state: &AppState, visitor: &Visitor, decision: &Decision) -> Result<Option<(Member, Option<String>)>, ServiceError> {
    if let Some(user) = visitor.user() {
        return Ok(state.db.member_by_identity(&decision.id, user).await?.map(|m| (m, None)));
    }
    let Some(value) = visitor.cookie(&member_cookie_name(&decision.id)) else { return Ok(None) };
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

impl Ownership {
    /// The owner token this browser holds, if it owns by token.
    pub fn token(&self) -> Option<&str> {
        match self {
            Ownership::Token(token) => Some(token),
            Ownership::Identity => None,
        }
    }
}

/// Whether the visitor owns `decision`, and how.
pub async fn ownership(state: &AppState, visitor: &Visitor, decision: &Decision) -> Result<Option<Ownership>, ServiceError> {
    if let Some(token) = visitor.cookie(&owner_cookie_name(&decision.id)) {
        if state.db.is_owner(&decision.id, token).await? {
            return Ok(Some(Ownership::Token(token.to_string())));
        }
    }
    let by_identity = matches!((visitor.user(), &decision.owner_identity), (Some(me), Some(owner)) if me == owner);
    Ok(by_identity.then_some(Ownership::Identity))
}

/// The decision `id` and how the visitor owns it; refused for anyone else.
pub async fn owned(state: &AppState, visitor: &Visitor, id: &str) -> Result<(Decision, Ownership), ServiceError> {
    let decision = decision(state, id).await?;
    match ownership(state, visitor, &decision).await? {
        Some(ownership) => Ok((decision, ownership)),
        None => Err(ServiceError::NotOwner),
    }
}

/// The decision and member the visitor is answering for, if any.
pub async fn answering_for(state: &AppState, visitor: &Visitor) -> Result<Option<(Decision, Member)>, ServiceError> {
    let Some(id) = visitor.cookie(TEAM_COOKIE) else { return Ok(None) };
    let Some(decision) = state.db.decision(id).await? else { return Ok(None) };
    let member = me(state, visitor, &decision).await?;
    Ok(member.map(|(m, _)| (decision, m)))
}

/// The decision by id.
pub async fn decision(state: &AppState, id: &str) -> Result<Decision, ServiceError> {
    state.db.decision(id).await?.ok_or_else(|| ServiceError::NoDecision(id.to_string()))
}

/// The decision by id, open for answers.
pub async fn open_decision(state: &AppState, id: &str) -> Result<Decision, ServiceError> {
    let decision = decision(state, id).await?;
    if decision.closed {
        return Err(ServiceError::Closed { id: decision.id, title: decision.title });
    }
    Ok(decision)
}

/// After a member's result is stored: ties it to the decision (replacing
/// their earlier submission). If the decision closed (or the member was
/// removed) meanwhile, the result stays the member's own, and the error says
/// which result that is.
pub async fn record_submission(state: &AppState, decision: &Decision, member: &Member, result: &str) -> Result<(), ServiceError> {
    match state.db.submit(&decision.id, &member.id, result).await? {
        Submitted::Recorded => Ok(()),
        Submitted::Closed => Err(ServiceError::ClosedMeanwhile { title: decision.title.clone(), kept: result.to_string() }),
        Submitted::Gone => Err(ServiceError::NoLongerMember { kept: result.to_string() }),
    }
}

/// The decision `id`, for an API client holding its owner token (the last
/// part of the owner link); refused for any other token.
pub async fn owned_by_token(state: &AppState, id: &str, token: &str) -> Result<Decision, ServiceError> {
    let decision = decision(state, id).await?;
    if state.db.is_owner(id, token).await? {
        Ok(decision)
    } else {
        Err(ServiceError::NotOwner)
    }
}
