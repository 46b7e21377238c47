//! The owner's controls of a team decision. The owner is recognised by the
//! owner cookie (set by the owner link, which then leaves the address bar) or,
//! when people sign in, by being the creator.

use crate::http::cookies;
use crate::http::form::{self, field};
use crate::http::responses::{request_like, see_other};
use crate::http::AppError;
use crate::services::{membership, webhooks, ServiceError};
use crate::services::team_workloads::{self, Outcome};
use crate::services::team_view::owner_view;
use crate::state::AppState;
use crate::text::{self, TITLE_MAX};
use crate::visitor::Visitor;
use app::page::Confirm;
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;

/// `GET /t/{id}/owner/{token}`: the owner link asks before this browser
/// takes the owner's key.
pub async fn owner_link(State(state): State<AppState>, Path((id, token)): Path<(String, String)>, req: Request<Body>) -> Result<Response, AppError> {
    if !state.db.is_owner(&id, &token).await? {
        return Err(owner_link_gone());
    }
    let decision = membership::decision(&state, &id).await?;
    let confirm = Confirm {
        title: format!("Manage “{}” from this browser?", decision.title),
        body: "This is the owner link of a team decision: whoever holds it can change or delete the decision. Continue only if it was given to you.".into(),
        action: format!("/t/{id}/owner/{token}"),
        button: "Open the owner controls".into(),
    };
    Ok(state.render.page(Page::Confirm(confirm), StatusCode::OK, req).await)
}

/// `POST /t/{id}/owner/{token}`: keeps the token in a cookie and moves to an
/// address without it, so it stays out of history and logs.
pub async fn use_owner_link(State(state): State<AppState>, Path((id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    if !state.db.is_owner(&id, &token).await? {
        return Err(owner_link_gone());
    }
    let mut response = see_other(&format!("/t/{id}/owner"));
    response.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::owner_cookie_name(&id), &token, true));
    Ok(response)
}

fn owner_link_gone() -> AppError {
    AppError::NotFound("This owner link is not valid (it may have been replaced).".into())
}

/// `GET /t/{id}/owner`
pub async fn owner(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, req: Request<Body>) -> Result<Response, AppError> {
    let (decision, ownership) = membership::owned(&state, &visitor, &id).await?;
    let view = owner_view(&state, &decision, ownership.token(), None).await?;
    Ok(state.render.page(Page::TeamOwner(view), StatusCode::OK, req).await)
}

/// `POST /t/{id}/owner`: rename, set the workloads or the webhook, close, reopen, remove a member, replace the
/// invite or the owner link, delete.
pub async fn owner_action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, AppError> {
    let (decision, ownership) = membership::owned(&state, &visitor, &id).await?;
    // Room for the workloads form: more rows than a decision may have, so too many is refused, not cut.
    let form = form::fields(&body, 40);
    let mut back = see_other(&format!("/t/{id}/owner"));
    match field(&form, "action") {
        "rename" => match text::clean_line(field(&form, "title"), "The title", TITLE_MAX) {
            Ok(title) => state.db.rename_decision(&id, &title).await?,
            Err(message) => {
                let view = owner_view(&state, &decision, ownership.token(), Some(message)).await?;
                let req = request_like(visitor.identity.as_ref(), &format!("/t/{id}/owner"));
                return Ok(state.render.page(Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await);
            }
        },
        "workloads" => {
            if let Outcome::Refused(problems) = team_workloads::set(&state, &decision, &team_workloads::rows_of(&form)).await? {
                let view = owner_view(&state, &decision, ownership.token(), Some(problems.join(" "))).await?;
                let req = request_like(visitor.identity.as_ref(), &format!("/t/{id}/owner"));
                return Ok(state.render.page(Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await);
            }
        }
        "webhook" => match webhooks::set(&state, &id, field(&form, "url")).await {
            Ok(_secret) => {}
            // A refused address: the owner page again with the reason; nothing stored.
            Err(ServiceError::WebhookRefused(reason)) => {
                let view = owner_view(&state, &decision, ownership.token(), Some(format!("Webhook address refused: {reason}."))).await?;
                let req = request_like(visitor.identity.as_ref(), &format!("/t/{id}/owner"));
                return Ok(state.render.page(Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await);
            }
            Err(other) => return Err(other.into()),
        },
        "webhook-remove" => {
            webhooks::remove(&state, &id).await?;
        }
        "close" => state.db.set_closed(&id, true).await?,
        "reopen" => state.db.set_closed(&id, false).await?,
        "remove" => {
            if state.db.remove_member(&id, field(&form, "member")).await?.is_none() {
                return Err(AppError::NotFound("There is no such member in this decision.".into()));
            }
        }
        "rotate-invite" => {
            state.db.rotate_invite(&id, ownership.token()).await?;
        }
        "rotate-owner" => {
            // This browser keeps owning the decision with the new token.
            let token = state.db.rotate_owner_token(&decision, ownership.token()).await?;
            back.headers_mut().append(header::SET_COOKIE, cookies::set(&membership::owner_cookie_name(&id), &token, true));
        }
        "delete" if field(&form, "confirm") == "yes" => {
            state.db.delete_decision(&id).await?;
            return Ok(see_other("/t/deleted"));
        }
        "delete" => return Err(AppError::invalid("Not deleted", "Tick the confirmation box to delete the decision.")),
        _ => {
            return Err(AppError::invalid(
                "Unknown action",
                "Use rename, workloads, webhook, webhook-remove, close, reopen, remove, rotate-invite, rotate-owner or delete.",
            ))
        }
    }
    Ok(back)
}

/// `GET /t/deleted`
pub async fn deleted(State(state): State<AppState>, req: Request<Body>) -> Response {
    let page = Page::Message {
        title: "Decision deleted".into(),
        body: "The team decision and its member list are gone. Results stay reachable by their own links.".into(),
        link: Some(("/".into(), "Home".into())),
    };
    state.render.page(page, StatusCode::OK, req).await
}
