//! Team decisions in storage: the decision, its members, their submissions.

use crate::storage::{Database, StorageError};
use crate::{clock, ids};
use sha2::{Digest, Sha256};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub id: String,
    pub title: String,
    pub context: String,
    pub anonymous: bool,
    pub closed: bool,
    pub revision: i64,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub assessment_id: Option<String>,
    pub joined_at: String,
}

/// A secret token of 22 base62 characters (about 131 bits).
pub fn new_token() -> String {
    format!("{}{}", ids::new_id(), &ids::new_id()[..10])
}

/// Whether `s` could be a token (checked before touching the database).
pub fn is_token(s: &str) -> bool {
    s.len() == 22 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn decision_from(row: &sqlx::any::AnyRow) -> Result<Decision, sqlx::Error> {
    Ok(Decision {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        context: row.try_get("context")?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        closed: row.try_get::<i64, _>("closed")? != 0,
        revision: row.try_get("revision")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Database {
    /// Creates a decision; returns it with the owner token (shown once).
    pub async fn create_decision(&self, title: &str, context: &str, anonymous: bool) -> Result<(Decision, String), StorageError> {
        let token = new_token();
        let decision = Decision {
            id: ids::new_id(),
            title: title.to_string(),
            context: context.to_string(),
            anonymous,
            closed: false,
            revision: 0,
            created_at: clock::now_rfc3339(),
        };
        sqlx::query("INSERT INTO decisions (id, title, context, anonymous, owner_token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&decision.id)
            .bind(&decision.title)
            .bind(&decision.context)
            .bind(i64::from(anonymous))
            .bind(hash_token(&token))
            .bind(&decision.created_at)
            .execute(self.pool())
            .await?;
        Ok((decision, token))
    }

    pub async fn decision(&self, id: &str) -> Result<Option<Decision>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT * FROM decisions WHERE id = $1").bind(id).fetch_optional(self.pool()).await?;
        Ok(row.map(|r| decision_from(&r)).transpose()?)
    }

    pub async fn is_owner(&self, id: &str, token: &str) -> Result<bool, StorageError> {
        if !ids::is_valid(id) || !is_token(token) {
            return Ok(false);
        }
        let row = sqlx::query("SELECT 1 FROM decisions WHERE id = $1 AND owner_token_hash = $2")
            .bind(id)
            .bind(hash_token(token))
            .fetch_optional(self.pool())
            .await?;
        Ok(row.is_some())
    }

    pub async fn rename_decision(&self, id: &str, title: &str) -> Result<(), StorageError> {
        sqlx::query("UPDATE decisions SET title = $1, revision = revision + 1 WHERE id = $2").bind(title).bind(id).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn set_closed(&self, id: &str, closed: bool) -> Result<(), StorageError> {
        sqlx::query("UPDATE decisions SET closed = $1, revision = revision + 1 WHERE id = $2").bind(i64::from(closed)).bind(id).execute(self.pool()).await?;
        Ok(())
    }

    /// Deletes the decision and its member list. The members' results stay:
    /// result links are immutable.
    pub async fn delete_decision(&self, id: &str) -> Result<(), StorageError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM decision_members WHERE decision_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM decisions WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn members(&self, decision: &str) -> Result<Vec<Member>, StorageError> {
        let rows = sqlx::query("SELECT id, name, assessment_id, joined_at FROM decision_members WHERE decision_id = $1 ORDER BY rowid")
            .bind(decision)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Member {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    assessment_id: r.try_get("assessment_id")?,
                    joined_at: r.try_get("joined_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StorageError::from)
    }

    /// Adds a member unless the decision already has `limit` members.
    /// Returns the member and their edit token, or `None` when full.
    pub async fn join(&self, decision: &str, name: &str, limit: usize) -> Result<Option<(Member, String)>, StorageError> {
        let token = new_token();
        let member = Member { id: ids::new_id(), name: name.to_string(), assessment_id: None, joined_at: clock::now_rfc3339() };
        // The revision bump locks the decision row first, so concurrent joins
        // take turns and the count below sees every earlier member.
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1").bind(decision).execute(&mut *tx).await?;
        let inserted = sqlx::query(
            "INSERT INTO decision_members (id, decision_id, name, edit_token_hash, joined_at)
             SELECT $1, $2, $3, $4, $5 WHERE (SELECT COUNT(*) FROM decision_members WHERE decision_id = $2) < $6",
        )
        .bind(&member.id)
        .bind(decision)
        .bind(name)
        .bind(hash_token(&token))
        .bind(&member.joined_at)
        .bind(limit as i64)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some((member, token)))
    }

    /// The member of `decision` whose id and edit token match.
    pub async fn member_by_token(&self, decision: &str, member: &str, token: &str) -> Result<Option<Member>, StorageError> {
        if !ids::is_valid(decision) || !ids::is_valid(member) || !is_token(token) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT id, name, assessment_id, joined_at FROM decision_members WHERE decision_id = $1 AND id = $2 AND edit_token_hash = $3",
        )
        .bind(decision)
        .bind(member)
        .bind(hash_token(token))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Member {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                assessment_id: r.try_get("assessment_id")?,
                joined_at: r.try_get("joined_at")?,
            })
        })
        .transpose()
        .map_err(|e: sqlx::Error| e.into())
    }

    /// Points the member's submission at a (new, immutable) result.
    pub async fn submit(&self, decision: &str, member: &str, assessment: &str) -> Result<(), StorageError> {
        sqlx::query("UPDATE decision_members SET assessment_id = $1 WHERE decision_id = $2 AND id = $3")
            .bind(assessment)
            .bind(decision)
            .bind(member)
            .execute(self.pool())
            .await?;
        self.bump(decision).await
    }

    async fn bump(&self, decision: &str) -> Result<(), StorageError> {
        sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1").bind(decision).execute(self.pool()).await?;
        Ok(())
    }
}
