//! A team decision's workloads in storage: set by the owner while no member
//! has submitted answers (answers given for other workloads would no longer
//! combine), checked and written in one transaction.

use super::decisions::record;
use super::{Database, StorageError};
use crossroads_domain::DecisionWorkload;

/// What came of setting a decision's workloads.
#[derive(Debug, PartialEq, Eq)]
pub enum WorkloadsSet {
    Saved,
    /// A member has submitted answers: the workloads stay as they were.
    Answered,
    /// There is no such decision (any more).
    Gone,
}

impl Database {
    /// Sets the decision's workloads (names and kinds already checked),
    /// unless a current member has submitted answers.
    pub async fn set_workloads(&self, id: &str, workloads: &[DecisionWorkload]) -> Result<WorkloadsSet, StorageError> {
        let json = serde_json::to_string(workloads)?;
        let listed: Vec<String> = workloads.iter().map(|w| format!("“{}” ({})", w.name, w.kind)).collect();
        let action = format!("set the workloads: {}", listed.join(", "));
        let apply = async {
            let mut write = self.write().await?;
            let updated = sqlx::query(
                "UPDATE decisions SET workloads = $1, revision = revision + 1 WHERE id = $2 AND NOT EXISTS
                 (SELECT 1 FROM decision_members WHERE decision_id = $3 AND assessment_id IS NOT NULL AND removed = 0)",
            )
            .bind(&json)
            .bind(id)
            .bind(id)
            .execute(write.conn())
            .await?
            .rows_affected();
            if updated == 0 {
                write.rollback().await?;
                return Ok(if self.decision(id).await?.is_some() { WorkloadsSet::Answered } else { WorkloadsSet::Gone });
            }
            record(write.conn(), id, &action).await?;
            write.commit().await?;
            Ok(WorkloadsSet::Saved)
        };
        self.noted(apply.await)
    }
}
