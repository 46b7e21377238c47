//! Stored results for the routes: a result and what its page needs, and
//! deletion by its creator, which forgets every copy kept in memory. A result
//! known to exist is answered from memory (see `known_results.rs`); otherwise
//! a page takes at most two queries: the result, and the one it was re-scored
//! from.

use super::ServiceError;
pub use super::known_results::Found;
use crate::db::Deletion;
use crate::state::AppState;
use app::result::Rescored;
use crossroads_domain::StoredResult;
use std::sync::Arc;

/// Result `id`, or why it cannot be shown (never was; deleted by its creator).
pub async fn find(state: &AppState, id: &str) -> Result<Found, ServiceError> {
    if let Some(found) = state.known.get(id) {
        return Ok(found);
    }
    // Taken before the query: a deletion heard while it runs keeps what it
    // read out of memory.
    let ticket = state.known.ticket();
    match state.db.lookup(id).await? {
        None => Err(ServiceError::NoResult(id.to_string())),
        Some((standing, _)) if standing.deleted => Err(ServiceError::ResultGone(id.to_string())),
        Some((standing, result)) => match result {
            Some(result) => {
                let found = Found { result: Arc::new(result), created_by: standing.created_by };
                if let Some(ticket) = ticket {
                    state.known.keep(ticket, id, found.clone());
                }
                Ok(found)
            }
            None => Err(ServiceError::ResultGone(id.to_string())),
        },
    }
}

/// The stored result `id` alone.
pub async fn stored(state: &AppState, id: &str) -> Result<Arc<StoredResult>, ServiceError> {
    Ok(find(state, id).await?.result)
}

/// What a result page shows beyond the result: the earlier result it was
/// re-scored from, when `from` names a live one with the same answers.
pub struct Page {
    pub found: Found,
    pub rescored: Option<Rescored>,
}

pub async fn page(state: &AppState, id: &str, from: Option<&str>) -> Result<Page, ServiceError> {
    let found = find(state, id).await?;
    let rescored = match from {
        Some(from) => match find(state, from).await {
            Ok(earlier) if earlier.result.snapshot.assessment.answers == found.result.snapshot.assessment.answers => Some(Rescored {
                from_id: earlier.result.id.clone(),
                from_version: earlier.result.questionnaire_version.clone(),
                from_headline: earlier.result.snapshot.assessment.recommendation.headline.clone(),
            }),
            Ok(_) | Err(ServiceError::NoResult(_) | ServiceError::ResultGone(_)) => None,
            Err(other) => return Err(other),
        },
        None => None,
    };
    Ok(Page { found, rescored })
}

/// Deletes result `id` if `token` is its delete token: its content goes, its
/// link answers 410 Gone, and nothing kept in memory shows it any more.
pub async fn delete(state: &AppState, id: &str, token: &str) -> Result<(), ServiceError> {
    match state.db.delete_result(id, token).await? {
        Deletion::Deleted => {
            state.forget_result(id);
            Ok(())
        }
        Deletion::Gone => Err(ServiceError::ResultGone(id.to_string())),
        Deletion::Refused => Err(ServiceError::NotCreator),
        Deletion::Missing => Err(ServiceError::NoResult(id.to_string())),
    }
}

/// Removes results created before `cutoff` (RFC 3339) that no open decision
/// uses, and forgets everything kept in memory that shows one. Returns their ids.
pub async fn purge(state: &AppState, cutoff: &str) -> Result<Vec<String>, ServiceError> {
    let removed = state.db.purge(cutoff, false).await?;
    for id in &removed {
        state.forget_result(id);
    }
    Ok(removed)
}
