//! Members of team decisions: joining (once per identity, one name each),
//! their submissions, removal by the owner.

use super::decisions::record;
use super::tokens::{hash_token, is_token, new_token};
use super::{Database, StorageError};
use crate::{clock, ids};
use crossroads_domain::StoredResult;
use sqlx::Row;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub assessment_id: Option<String>,
    pub joined_at: String,
    /// The signed-in person, when people sign in.
    pub identity: Option<String>,
}

/// What came of a request to join.
#[derive(Debug)]
pub enum Joined {
    /// A new member and their edit token.
    Member(Member, String),
    /// The decision has as many members as it accepts.
    Full,
    /// Another member goes by this name (compared by [`crate::text::name_key`]).
    NameTaken,
    /// This signed-in person is a member already (or was removed).
    AlreadyMember,
    /// The decision is closed.
    Closed,
}

/// What came of a submission.
#[derive(Debug, PartialEq, Eq)]
pub enum Submitted {
    Recorded,
    /// The decision closed before the submission landed.
    Closed,
    /// The member was removed (or the decision deleted) meanwhile.
    Gone,
}

const MEMBER_COLUMNS: &str = "m.id, m.name, m.assessment_id, m.joined_at, m.identity";

fn member_from(row: &sqlx::any::AnyRow) -> Result<Member, sqlx::Error> {
    Ok(Member {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        assessment_id: row.try_get("assessment_id")?,
        joined_at: row.try_get("joined_at")?,
        identity: row.try_get("identity")?,
    })
}

impl Database {
    /// The decision's members (removed ones left out), in join order, each with
    /// the result they submitted: one query.
    pub async fn members_with_results(&self, decision: &str) -> Result<Vec<(Member, Option<StoredResult>)>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS}, a.result_json, a.questionnaire_version, a.questionnaire_hash, a.created_at AS result_created_at
             FROM decision_members m
             LEFT JOIN assessments a ON a.id = m.assessment_id
             WHERE m.decision_id = $1 AND m.removed = 0 ORDER BY m.rowid"
        ))
        .bind(decision)
        .fetch_all(self.pool()?)
        .await?;
        let mut members = Vec::with_capacity(rows.len());
        for row in &rows {
            let member = member_from(row)?;
            let snapshot: Option<String> = row.try_get("result_json")?;
            let result = match (snapshot, &member.assessment_id) {
                (Some(json), Some(id)) => Some(StoredResult {
                    id: id.clone(),
                    created_at: row.try_get("result_created_at")?,
                    questionnaire_version: row.try_get("questionnaire_version")?,
                    questionnaire_fingerprint: row.try_get("questionnaire_hash")?,
                    snapshot: serde_json::from_str(&json)?,
                }),
                _ => None,
            };
            members.push((member, result));
        }
        Ok(members)
    }

    /// How many members the decision has (removed ones left out).
    pub async fn member_count(&self, decision: &str) -> Result<usize, StorageError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM decision_members WHERE decision_id = $1 AND removed = 0")
            .bind(decision)
            .fetch_one(self.pool()?)
            .await?;
        Ok(row.try_get::<i64, _>("n")? as usize)
    }

    /// Adds a member unless the decision is closed or full, the name is taken,
    /// or this identity joined before. `name_key` tells when two names are the same.
    pub async fn join(
        &self,
        decision: &str,
        name: &str,
        identity: Option<&str>,
        limit: usize,
        name_key: impl Fn(&str) -> String,
    ) -> Result<Joined, StorageError> {
        let join = async {
            // The revision bump locks the decision row first, so concurrent joins
            // take turns and the checks below see every earlier member.
            let mut tx = self.write().await?;
            let locked = sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1 AND closed = 0")
                .bind(decision)
                .execute(tx.conn())
                .await?
                .rows_affected();
            if locked == 0 {
                tx.rollback().await?;
                return Ok(Joined::Closed);
            }
            let rows = sqlx::query("SELECT name, identity, removed FROM decision_members WHERE decision_id = $1")
                .bind(decision)
                .fetch_all(tx.conn())
                .await?;
            let mut present = 0;
            let wanted = name_key(name);
            let mut outcome = None;
            for row in &rows {
                let removed = row.try_get::<i64, _>("removed")? != 0;
                let their_identity: Option<String> = row.try_get("identity")?;
                if identity.is_some() && their_identity.as_deref() == identity {
                    outcome = Some(Joined::AlreadyMember);
                }
                if !removed {
                    present += 1;
                    if name_key(&row.try_get::<String, _>("name")?) == wanted {
                        outcome = outcome.or(Some(Joined::NameTaken));
                    }
                }
            }
            if outcome.is_none() && present >= limit {
                outcome = Some(Joined::Full);
            }
            if let Some(outcome) = outcome {
                tx.rollback().await?;
                return Ok(outcome);
            }
            let token = new_token();
            let member = Member {
                id: ids::new_id(),
                name: name.to_string(),
                assessment_id: None,
                joined_at: clock::now_rfc3339(),
                identity: identity.map(str::to_string),
            };
            sqlx::query("INSERT INTO decision_members (id, decision_id, name, edit_token_hash, joined_at, identity) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&member.id)
                .bind(decision)
                .bind(name)
                .bind(hash_token(&token))
                .bind(&member.joined_at)
                .bind(identity)
                .execute(tx.conn())
                .await?;
            tx.commit().await?;
            Ok(Joined::Member(member, token))
        };
        self.noted(join.await)
    }

    /// The member of `decision` whose id and edit token match (not removed).
    pub async fn member_by_token(&self, decision: &str, member: &str, token: &str) -> Result<Option<Member>, StorageError> {
        if !ids::is_valid(decision) || !ids::is_valid(member) || !is_token(token) {
            return Ok(None);
        }
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM decision_members m WHERE m.decision_id = $1 AND m.id = $2 AND m.edit_token_hash = $3 AND m.removed = 0"
        ))
        .bind(decision)
        .bind(member)
        .bind(hash_token(token))
        .fetch_optional(self.pool()?)
        .await?;
        Ok(row.map(|r| member_from(&r)).transpose()?)
    }

    /// The member a signed-in person is in `decision` (not removed).
    pub async fn member_by_identity(&self, decision: &str, identity: &str) -> Result<Option<Member>, StorageError> {
        if !ids::is_valid(decision) {
            return Ok(None);
        }
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM decision_members m WHERE m.decision_id = $1 AND m.identity = $2 AND m.removed = 0"
        ))
        .bind(decision)
        .bind(identity)
        .fetch_optional(self.pool()?)
        .await?;
        Ok(row.map(|r| member_from(&r)).transpose()?)
    }

    /// Points the member's submission at a (new, immutable) result, unless the
    /// decision closed or the member was removed meanwhile: one transaction.
    pub async fn submit(&self, decision: &str, member: &str, assessment: &str) -> Result<Submitted, StorageError> {
        let submit = async {
            let mut tx = self.write().await?;
            let open = sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1 AND closed = 0")
                .bind(decision)
                .execute(tx.conn())
                .await?
                .rows_affected();
            if open == 0 {
                tx.rollback().await?;
                return Ok(if self.decision(decision).await?.is_some() { Submitted::Closed } else { Submitted::Gone });
            }
            let updated = sqlx::query("UPDATE decision_members SET assessment_id = $1 WHERE decision_id = $2 AND id = $3 AND removed = 0")
                .bind(assessment)
                .bind(decision)
                .bind(member)
                .execute(tx.conn())
                .await?
                .rows_affected();
            if updated == 0 {
                tx.rollback().await?;
                return Ok(Submitted::Gone);
            }
            tx.commit().await?;
            Ok(Submitted::Recorded)
        };
        self.noted(submit.await)
    }

    /// Takes a member out: their submission leaves the aggregate, their links
    /// and cookie stop working, and a signed-in person cannot join again.
    pub async fn remove_member(&self, decision: &str, member: &str) -> Result<Option<String>, StorageError> {
        if !ids::is_valid(member) {
            return Ok(None);
        }
        let remove = async {
            let mut tx = self.write().await?;
            let row = sqlx::query("SELECT name FROM decision_members WHERE decision_id = $1 AND id = $2 AND removed = 0")
                .bind(decision)
                .bind(member)
                .fetch_optional(tx.conn())
                .await?;
            let Some(row) = row else {
                tx.rollback().await?;
                return Ok(None);
            };
            let name: String = row.try_get("name")?;
            sqlx::query("UPDATE decision_members SET removed = 1 WHERE decision_id = $1 AND id = $2").bind(decision).bind(member).execute(tx.conn()).await?;
            sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1").bind(decision).execute(tx.conn()).await?;
            record(tx.conn(), decision, &format!("removed {name}")).await?;
            tx.commit().await?;
            Ok(Some(name))
        };
        self.noted(remove.await)
    }
}
