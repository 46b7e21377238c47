//! The owner's decision log settings: whether the decision is listed, and its
//! tags. Beside the other owner controls, in a file of its own.

use crate::http::form::{self, field};
use crate::http::responses::{request_like, see_other};
use crate::http::AppError;
use crate::services::team_view::owner_view;
use crate::services::{decision_log, membership};
use crate::state::AppState;
use crate::visitor::Visitor;
use app::Page;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// `POST /t/{id}/owner/log`: `listed=yes` (absent: unlisted) and `tags`.
pub async fn save(State(state): State<AppState>, Path(id): Path<String>, visitor: Visitor, body: Bytes) -> Result<Response, AppError> {
    let (decision, ownership) = membership::owned(&state, &visitor, &id).await?;
    let form = form::fields(&body, 4);
    if let Err(message) = decision_log::save_settings(&state, &id, field(&form, "listed") == "yes", field(&form, "tags")).await? {
        let view = owner_view(&state, &decision, ownership.token(), Some(message)).await?;
        let req = request_like(visitor.identity.as_ref(), &format!("/t/{id}/owner"));
        return Ok(state.render.page(Page::TeamOwner(view), StatusCode::UNPROCESSABLE_ENTITY, req).await);
    }
    Ok(see_other(&format!("/t/{id}/owner")))
}
