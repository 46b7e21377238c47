//! Creating a result: validate, score, snapshot, store. Shared by the form flow
//! and the JSON API.

use crate::storage::StorageError;
use crate::{clock, ids, state::AppState};
use app::result::StoredResult;
use crossroads_domain::{assess, AnswerErrors, Answers, ResultSnapshot};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("{0}")]
    Invalid(AnswerErrors),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

pub async fn create(state: &AppState, answers: &Answers) -> Result<StoredResult, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let assessment = assess(questionnaire, answers).map_err(CreateError::Invalid)?;
    let result = StoredResult {
        id: ids::new_id(),
        created_at: clock::now_rfc3339(),
        questionnaire_version: questionnaire.version.clone(),
        questionnaire_fingerprint: questionnaire.fingerprint.clone(),
        snapshot: ResultSnapshot::new(questionnaire, assessment),
    };
    state.db.insert(&result).await?;
    state.metrics.result_created();
    Ok(result)
}
