//! The visitor's draft: the answers given so far, kept on the server under an
//! id the browser holds. A questionnaire begun before drafts moved to the
//! server (its answers in the old cookie) goes on as a draft of one workload.

use super::ServiceError;
use crate::state::AppState;
use crate::visitor::Visitor;
use app::wizard::{decode_draft, DRAFT_COOKIE, DRAFT_ID_COOKIE};
use crossroads_domain::PlanAnswers;

/// A draft and where it is kept (`None`: not saved yet).
#[derive(Clone, Debug)]
pub struct Draft {
    pub id: Option<String>,
    pub answers: PlanAnswers,
}

/// The visitor's draft: the kept one, else the old cookie's answers, else a
/// new one (one workload, the whole system).
pub async fn load(state: &AppState, visitor: &Visitor) -> Result<Draft, ServiceError> {
    let wizard = &state.content.wizard;
    if let Some(id) = visitor.cookie(DRAFT_ID_COOKIE) {
        if let Some(answers) = state.db.draft(id).await? {
            return Ok(Draft { id: Some(id.to_string()), answers: wizard.prune(&answers) });
        }
    }
    let answers = match visitor.cookie(DRAFT_COOKIE) {
        Some(old) => PlanAnswers::from_flat(&state.content.questionnaire, &decode_draft(old)),
        None => wizard.new_draft(),
    };
    Ok(Draft { id: None, answers: wizard.prune(&answers) })
}

/// Keeps `draft`; returns the id it is kept under (for the cookie).
pub async fn save(state: &AppState, draft: &Draft) -> Result<String, ServiceError> {
    Ok(state.db.save_draft(draft.id.as_deref(), &draft.answers).await?)
}

/// Starts a draft from answers given before (a stored result, a member's
/// earlier submission): kept under a new id.
pub async fn start(state: &AppState, answers: PlanAnswers) -> Result<String, ServiceError> {
    let answers = state.content.wizard.prune(&answers);
    Ok(state.db.save_draft(None, &answers).await?)
}
