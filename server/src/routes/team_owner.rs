//! The owner's controls of a team decision. The owner is recognised by the
//! owner cookie (set by the owner link, which then leaves the address bar) or,
//! when people sign in, by being the creator.

use crate::db::Decision;
use crate::http::form::{self, field};
use crate::http::responses::{request_like, see_other};
use crate::http::{render, AppError};
use crate::membership::{self, Ownership};
use crate::state::AppState;
use crate::team_view::owner_view;
use crate::text::{self, TITLE_MAX};
use app::page::Confirm;
use app::Page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::Response;

/// The decision `id` and how the visitor owns it; 403 for anyone else.
async fn owned(state: &AppState, id: &str, headers: &HeaderMap) -> Result<(Decision, Ownership), AppError> {
    let decision = membership::decision(state, id).await?;
    match membership::ownership(state, headers, &decision).await? {
        Some(ownership) => Ok((decision, ownership)),
        None => Err(AppError::Forbidden(
            "Only the decision's owner may do this. Open the owner link in this browser (a replaced link no longer works).".into(),
        )),
    }
}

fn token_of(ownership: &Ownership) -> Option<&str> {
    match ownership {
        Ownership::Token(token) => Some(token),
        Ownership::Identity => None,
    }
}

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
    Ok(render::page(&state, Page::Confirm(confirm), StatusCode::OK, req).await)
}

/// `POST /t/{id}/owner/{token}`: keeps the token in a cookie and moves to an
/// address without it, so it stays out of history and logs.
pub async fn use_owner_link(State(state): State<AppState>, Path((id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    if !state.db.is_owner(&id, &token).await? {
        return Err(owner_link_gone());
    }
    let mut response = see_other(&format!("/t/{id}/owner"), None);
    response.headers_mut().append(header::SET_COOKIE, membership::owner_cookie(&id, &token));
    Ok(response)
}

fn owner_link_gone() -> AppError {
    AppError::NotFound("This owner link is not valid (it may have been replaced).".into())
}

/// `GET /t/{id}/owner`
pub async fn owner(State(state): State<AppState>, Path(id): Path<String>, req: Request<Body>) -> Result<Response, AppError> {
    let (decision, ownership) = owned(&state, &id, req.headers()).await?;
    let view = owner_view(&state, &decision, token_of(&ownership), None).await?;
    Ok(render::page(&state, Page::TeamOwner(view), StatusCode::OK, req).await)
}

/// `POST /t/{id}/owner`: rename, close, reopen, remove a member, replace the
/// invite or the owner link, delete.
pub async fn owner_action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let (decision, ownership) = owned(&state, &id, &headers).await?;
    let form = form::fields(&body, 32);
    let mut back = see_other(&format!("/t/{id}/owner"), None);
    match field(&form, "action") {
        "rename" => match text::clean_line(field(&form, "title"), "The title", TITLE_MAX) {
            Ok(title) => state.db.rename_decision(&id, &title).await?,
            Err(message) => {
                let view = owner_view(&state, &decision, token_of(&ownership), Some(message)).await?;
                let req = request_like(&headers, &format!("/t/{id}/owner"));
                return Ok(render::page(&state, Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await);
            }
        },
        "close" => state.db.set_closed(&id, true).await?,
        "reopen" => state.db.set_closed(&id, false).await?,
        "remove" => {
            if state.db.remove_member(&id, field(&form, "member")).await?.is_none() {
                return Err(AppError::NotFound("There is no such member in this decision.".into()));
            }
        }
        "rotate-invite" => {
            state.db.rotate_invite(&id, token_of(&ownership)).await?;
        }
        "rotate-owner" => {
            // This browser keeps owning the decision with the new token.
            let token = state.db.rotate_owner_token(&decision, token_of(&ownership)).await?;
            back.headers_mut().append(header::SET_COOKIE, membership::owner_cookie(&id, &token));
        }
        "delete" if field(&form, "confirm") == "yes" => {
            state.db.delete_decision(&id).await?;
            return Ok(see_other("/t/deleted", None));
        }
        "delete" => return Err(AppError::invalid("Not deleted", "Tick the confirmation box to delete the decision.")),
        _ => {
            return Err(AppError::invalid(
                "Unknown action",
                "Use rename, close, reopen, remove, rotate-invite, rotate-owner or delete.",
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
    render::page(&state, page, StatusCode::OK, req).await
}
