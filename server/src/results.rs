//! Reading stored results for the routes: a live result, or the right error
//! (410 Gone for one its creator deleted, 404 for one that never was).

use crate::http::AppError;
use crate::state::AppState;
use crossroads_domain::StoredResult;

/// The stored result `id`, or 404 / 410.
pub async fn stored(state: &AppState, id: &str) -> Result<StoredResult, AppError> {
    match state.db.get(id).await? {
        Some(result) => Ok(result),
        None => Err(missing(state, id).await),
    }
}

/// Why result `id` cannot be shown.
pub async fn missing(state: &AppState, id: &str) -> AppError {
    match state.db.standing(id).await {
        Ok(Some(standing)) if standing.deleted => gone(id),
        Ok(_) => AppError::NotFound(format!("There is no result “{id}”.")),
        Err(e) => e.into(),
    }
}

pub fn gone(id: &str) -> AppError {
    AppError::Gone(format!("The result “{id}” was deleted by the person who created it."))
}
