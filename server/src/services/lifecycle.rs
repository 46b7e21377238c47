//! A decision over time: the owner accepts, rejects, deprecates or
//! supersedes it, sets and clears its review date, and records facts that
//! may change its recommendation. The rules are the domain's; this checks
//! them against what is stored and asks storage to write each change with
//! its history line and event together.

use super::ServiceError;
use crate::db::{Changed, Decision};
use crate::decision_settings::{parse_date, today};
use crate::state::AppState;
use crossroads_domain::{check_transition, read_facts, rescore_flat, rescore_plan, OutcomeChange, Status};

/// What re-scoring with a recorded fact came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactOutcome {
    pub changes: Vec<OutcomeChange>,
    /// A recommendation changed: the decision is due for review now.
    pub triggered: bool,
}

/// Moves the decision to `to`; accepting sets the review date from the content.
pub async fn change_status(state: &AppState, decision: &Decision, to: &str) -> Result<(), ServiceError> {
    let refuse = |reason: String| ServiceError::NotAllowed { id: decision.id.clone(), reason };
    let Some(to) = Status::parse(to) else {
        return Err(refuse(format!("“{to}” is not a status; use accepted, rejected or deprecated")));
    };
    let answered = state.db.members_with_results(&decision.id).await?.iter().filter(|(_, r)| r.is_some()).count();
    check_transition(decision.status, to, answered).map_err(|e| refuse(e.to_string()))?;
    let review_by = (to == Status::Accepted).then(|| state.content.decisions.review_date(today()).to_string());
    match state.db.set_status(&decision.id, decision.status, to, review_by.as_deref()).await? {
        Changed::Done => Ok(()),
        _ => Err(refuse("the decision changed meanwhile; reload the page and try again".into())),
    }
}

/// Links the decision named by `by` (an id, or a team page's address) as superseding `decision`.
pub async fn supersede(state: &AppState, decision: &Decision, by: &str) -> Result<(), ServiceError> {
    let by = by.trim().trim_end_matches('/');
    let by = by.rsplit_once("/t/").map_or(by, |(_, id)| id).trim();
    let refuse = |reason: String| ServiceError::LinkRefused(reason);
    if by.is_empty() {
        return Err(refuse("name the decision that supersedes this one (its id or its team page's address)".into()));
    }
    match state.db.supersede(&decision.id, by).await? {
        Changed::Done => Ok(()),
        Changed::NoSuchDecision => Err(refuse(format!("there is no decision “{by}”"))),
        Changed::Meanwhile => Err(ServiceError::NoDecision(decision.id.clone())),
        Changed::Refused(reason) => Err(refuse(reason.to_string())),
    }
}

/// Sets the review date to `date` (YYYY-MM-DD), or marks the decision
/// reviewed with `date` (default: the content's months from today) as its next.
pub async fn review(state: &AppState, decision: &Decision, date: &str, reviewed: bool) -> Result<(), ServiceError> {
    if decision.status != Status::Accepted {
        return Err(ServiceError::NotAllowed {
            id: decision.id.clone(),
            reason: format!("only an accepted decision has a review date; this one is {}", decision.status.as_str()),
        });
    }
    let date = match date.trim() {
        "" if reviewed => state.content.decisions.review_date(today()),
        text => parse_date(text).ok_or_else(|| ServiceError::BadDate(text.to_string()))?,
    };
    if reviewed {
        state.db.mark_reviewed(&decision.id, &date.to_string()).await?;
    } else {
        state.db.set_review_by(&decision.id, &date.to_string()).await?;
    }
    Ok(())
}

/// Records facts (question id -> option id) about an accepted decision:
/// re-scores the team's answers with each fact replacing that question's
/// answer for every member, with the engine the team page uses. When any
/// recommendation changes, the decision is due for review.
pub async fn record_facts(state: &AppState, decision: &Decision, facts: &[(String, String)]) -> Result<FactOutcome, ServiceError> {
    if decision.status != Status::Accepted {
        return Err(ServiceError::NotAllowed {
            id: decision.id.clone(),
            reason: format!("facts are watched for accepted decisions; this one is {}", decision.status.as_str()),
        });
    }
    let questionnaire = &state.content.questionnaire;
    let answers = read_facts(questionnaire, facts)
        .map_err(|problems| ServiceError::BadFacts(problems.into_iter().map(|p| (p.question, p.message)).collect()))?;
    let members = state.db.members_with_results(&decision.id).await?;
    let results: Vec<_> = members.iter().filter_map(|(_, r)| r.as_ref()).collect();
    let changes = match &decision.workloads {
        None => rescore_flat(questionnaire, &results.iter().map(|r| r.snapshot.assessment.answers.clone()).collect::<Vec<_>>(), &answers),
        Some(workloads) => {
            rescore_plan(questionnaire, workloads, &results.iter().map(|r| r.snapshot.plan_answers(questionnaire)).collect::<Vec<_>>(), &answers)
        }
    };
    let triggered = changes.iter().any(OutcomeChange::changed);
    state.db.record_fact(&decision.id, facts, &changes, triggered).await?;
    Ok(FactOutcome { changes, triggered })
}

/// The hourly check: decisions whose review date is `today` or earlier
/// become due (one event per review date). Returns how many were marked.
pub async fn mark_due(state: &AppState, today: chrono::NaiveDate) -> Result<usize, ServiceError> {
    Ok(state.db.mark_due(&today.to_string()).await?.len())
}
