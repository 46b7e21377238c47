//! A team decision's workloads: the owner sets them (checked by the wizard's
//! rules), and a member's draft is held to them from the moment they start
//! answering until their submission.

use super::ServiceError;
use crate::db::{Decision, WorkloadsSet};
use crate::state::AppState;
use crossroads_domain::PlanAnswers;
use std::collections::BTreeMap;

/// Rows read from one form at most: more than a decision may have, so that
/// too many is refused with a message rather than cut short in silence.
const MOST_ROWS: usize = 16;

/// What came of the owner's workloads form.
pub enum Outcome {
    Saved,
    /// Nothing was stored: what to fix.
    Refused(Vec<String>),
}

/// The owner's rows from the form fields `w.{n}.name` and `w.{n}.kind`, in
/// the order of `n`; a row left entirely empty is a spare one, not a row.
pub fn rows_of(form: &[(String, String)]) -> Vec<(String, String)> {
    let mut rows: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for (key, value) in form {
        let Some((n, part)) = key.strip_prefix("w.").and_then(|rest| rest.split_once('.')) else { continue };
        let Some(n) = n.parse::<usize>().ok().filter(|n| *n < MOST_ROWS) else { continue };
        let row = rows.entry(n).or_default();
        match part {
            "name" => row.0 = value.clone(),
            "kind" => row.1 = value.clone(),
            _ => {}
        }
    }
    rows.into_values().filter(|(name, kind)| !(name.is_empty() && kind.is_empty())).collect()
}

/// Sets the decision's workloads from the owner's rows, while no member has
/// submitted answers (answers given for other workloads would not combine).
pub async fn set(state: &AppState, decision: &Decision, rows: &[(String, String)]) -> Result<Outcome, ServiceError> {
    let workloads = match state.content.wizard.decision_workloads(rows) {
        Ok(workloads) => workloads,
        Err(errors) => return Ok(Outcome::Refused(errors.into_iter().map(|e| e.message).collect())),
    };
    match state.db.set_workloads(&decision.id, &workloads).await? {
        WorkloadsSet::Saved => Ok(Outcome::Saved),
        WorkloadsSet::Answered => Err(ServiceError::WorkloadsAnswered { id: decision.id.clone() }),
        WorkloadsSet::Gone => Err(ServiceError::NoDecision(decision.id.clone())),
    }
}

/// The draft a member of `decision` answers with: the decision's workloads
/// (their answers kept where name and kind match), or as given when the
/// decision has none set.
pub fn held(state: &AppState, decision: &Decision, draft: PlanAnswers) -> PlanAnswers {
    match &decision.workloads {
        Some(fixed) => state.content.wizard.with_decision_workloads(&draft, fixed),
        None => draft,
    }
}

/// Whether the owner fixed the workloads members answer for.
pub fn fixed(decision: &Decision) -> bool {
    decision.workloads.is_some()
}

/// Refuses a member's answers for other workloads than the decision's: a
/// draft changed by hand, or one begun before the owner set them.
pub fn check(decision: &Decision, answers: &PlanAnswers) -> Result<(), ServiceError> {
    match &decision.workloads {
        Some(fixed) if !answers.has_workloads(fixed) => Err(ServiceError::OtherWorkloads { id: decision.id.clone() }),
        _ => Ok(()),
    }
}
