//! Creating a result: validate, score, snapshot, store. Shared by the form flow
//! and the JSON API.

use crate::db::StorageError;
use crate::{clock, ids, state::AppState};
use crossroads_domain::{assess, AnswerErrors, Answers, ResultSnapshot, StoredResult};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("{0}")]
    Invalid(AnswerErrors),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// `created_by` is the signed-in person, kept with the result for them alone.
pub async fn create(state: &AppState, answers: &Answers, created_by: Option<&str>) -> Result<StoredResult, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let assessment = assess(questionnaire, answers).map_err(CreateError::Invalid)?;
    let result = StoredResult {
        id: ids::new_id(),
        created_at: clock::now_rfc3339(),
        questionnaire_version: questionnaire.version.clone(),
        questionnaire_fingerprint: questionnaire.fingerprint.clone(),
        snapshot: ResultSnapshot::new(questionnaire, assessment),
    };
    state.db.insert(&result, created_by).await?;
    state.metrics.result_created();
    Ok(result)
}
