//! Creating a result: validate, score, snapshot, store. Shared by the form flow
//! and the JSON API.

use crate::db::{hash_token, new_token, Custody, StorageError};
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
/// A stored result and the token that lets its creator delete it (given
/// once: to a browser in a cookie, to an API client in the response).
pub struct Created {
    pub result: StoredResult,
    pub delete_token: String,
}

pub async fn create(state: &AppState, answers: &Answers, created_by: Option<&str>) -> Result<Created, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let assessment = assess(questionnaire, answers).map_err(CreateError::Invalid)?;
    let result = StoredResult {
        id: ids::new_id(),
        created_at: clock::now_rfc3339(),
        questionnaire_version: questionnaire.version.clone(),
        questionnaire_fingerprint: questionnaire.fingerprint.clone(),
        snapshot: ResultSnapshot::new(questionnaire, assessment),
    };
    let delete_token = new_token();
    let custody = Custody { created_by: created_by.map(str::to_string), delete_token_hash: Some(hash_token(&delete_token)), kept: false };
    state.db.insert(&result, custody).await?;
    state.metrics.result_created();
    Ok(Created { result, delete_token })
}
