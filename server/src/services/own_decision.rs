//! A person's own result turned into a team decision: its creator owns the
//! decision and is its one member, their result being their answers; the
//! decision can then be accepted, reviewed and watched like any other.

use super::{membership, results, ServiceError};
use crate::db::{Decision, Member};
use crate::state::AppState;
use crate::text::{self, TITLE_MAX};
use crate::visitor::Visitor;
use crossroads_domain::DecisionWorkload;

/// What was made: the decision, its owner token, the member and their edit token.
pub struct Made {
    pub decision: Decision,
    pub owner_token: String,
    pub member: Member,
    pub member_token: String,
}

/// Makes result `id` a decision titled `title` (its headline when empty),
/// for its creator only: the person signed in who made it, or the browser
/// holding its delete token (`held_token`).
pub async fn decide(state: &AppState, visitor: &Visitor, id: &str, held_token: &str, title: &str) -> Result<Made, ServiceError> {
    let found = results::find(state, id).await?;
    let by_identity = matches!((visitor.user(), found.created_by.as_deref()), (Some(me), Some(creator)) if me == creator);
    if !by_identity && !state.db.holds_result_token(id, held_token).await? {
        return Err(ServiceError::NotResultCreator);
    }
    let headline = found.result.snapshot.plan.as_ref().map_or(&found.result.snapshot.assessment.recommendation.headline, |p| &p.assessment.headline);
    let title = if title.trim().is_empty() { headline.chars().take(TITLE_MAX).collect() } else { title.to_string() };
    let title = text::clean_line(&title, "The title", TITLE_MAX).map_err(ServiceError::BadTitle)?;
    let name = visitor.identity.as_ref().map_or_else(|| "Author".to_string(), membership::signed_in_name);
    // A plan's workloads become the decision's, so its answers combine per workload.
    let workloads: Option<Vec<DecisionWorkload>> =
        found.result.snapshot.plan.as_ref().map(|p| p.workloads.iter().map(|w| DecisionWorkload { name: w.name.clone(), kind: w.kind.clone() }).collect());
    let (decision, owner_token, (member, member_token)) =
        state.db.create_decision_from_result(&title, visitor.user(), &name, id, workloads.as_deref()).await?;
    state.metrics.decision_created();
    Ok(Made { decision, owner_token, member, member_token })
}
