//! Creating a result: validate, score, snapshot, store. Shared by the form flow
//! and the JSON API.

use crate::db::{hash_token, new_token, Custody, StorageError};
use crate::{clock, ids, state::AppState};
use crossroads_domain::{assess, assess_plan, AnswerErrors, Answers, PlanAnswerErrors, PlanAnswers, Questionnaire, ResultSnapshot, StoredResult};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("{0}")]
    Invalid(AnswerErrors),
    /// A plan's problems, each with its field path (`workloads[1].name`).
    #[error("{0}")]
    InvalidPlan(PlanAnswerErrors),
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

/// Scores flat answers (the whole system as one workload) and stores the result.
pub async fn create(state: &AppState, answers: &Answers, created_by: Option<&str>) -> Result<Created, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let assessment = assess(questionnaire, answers).map_err(CreateError::Invalid)?;
    store(state, ResultSnapshot::new(questionnaire, assessment), created_by).await
}

/// Scores a plan and stores the result. A plan of one workload left as the
/// whole system is stored as a flat result, exactly as before workloads;
/// any other keeps its workloads.
pub async fn create_plan(state: &AppState, plan: &PlanAnswers, created_by: Option<&str>) -> Result<Created, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let assessment = assess_plan(questionnaire, plan).map_err(CreateError::InvalidPlan)?;
    let snapshot = if is_whole_system(questionnaire, plan) {
        ResultSnapshot::new(questionnaire, assessment.to_assessment(questionnaire))
    } else {
        ResultSnapshot::from_plan(questionnaire, assessment)
    };
    store(state, snapshot, created_by).await
}

/// One workload, of the default kind, under the default kind's name.
pub fn is_whole_system(questionnaire: &Questionnaire, plan: &PlanAnswers) -> bool {
    match (plan.workloads.as_slice(), questionnaire.default_kind()) {
        ([only], Some(kind)) => only.kind == kind.id && only.name.trim() == kind.label,
        _ => false,
    }
}

async fn store(state: &AppState, snapshot: ResultSnapshot, created_by: Option<&str>) -> Result<Created, CreateError> {
    let questionnaire = &state.content.questionnaire;
    let result = StoredResult {
        id: ids::new_id(),
        created_at: clock::now_rfc3339(),
        questionnaire_version: questionnaire.version.clone(),
        questionnaire_fingerprint: questionnaire.fingerprint.clone(),
        snapshot,
    };
    let delete_token = new_token();
    let custody = Custody { created_by: created_by.map(str::to_string), delete_token_hash: Some(hash_token(&delete_token)), kept: false };
    state.db.insert(&result, custody).await?;
    state.metrics.result_created();
    Ok(Created { result, delete_token })
}
