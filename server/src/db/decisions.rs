//! Team decisions in storage: the decision, the owner's capabilities (owner
//! token, invite), and the history of owner actions. Members are in `members.rs`.

use super::tokens::{hash_token, is_token, new_token, seal, unseal};
use super::{Database, Member, StorageError};
use crate::{clock, ids};
use crossroads_domain::{DecisionWorkload, Status};
use sqlx::{AnyConnection, AnyPool, Row};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub id: String,
    pub title: String,
    pub context: String,
    pub anonymous: bool,
    pub closed: bool,
    pub revision: i64,
    pub created_at: String,
    /// The signed-in creator, when people sign in: they own it without a link.
    pub owner_identity: Option<String>,
    /// The invite people join with when nobody signs in, as a hash.
    invite_hash: Option<String>,
    /// The invite sealed with the owner token, for the owner's page.
    invite_sealed: Option<String>,
    /// Orders anonymous members; never shown.
    anon_salt: String,
    /// The workloads the owner set; `None`: the whole system, as before
    /// workloads existed (a stored list that no longer reads counts as none).
    pub workloads: Option<Vec<DecisionWorkload>>,
    pub status: Status,
    /// When the status last changed (RFC 3339).
    pub status_at: Option<String>,
    /// Review by this date (YYYY-MM-DD), set when it is accepted.
    pub review_by: Option<String>,
    /// Its review date passed or a recorded fact changed a recommendation.
    pub review_due: bool,
    /// Why it is due for review, in words.
    pub review_reason: Option<String>,
}

impl Decision {
    /// Whether `invite` is this decision's current invite.
    pub fn accepts_invite(&self, invite: &str) -> bool {
        is_token(invite) && self.invite_hash.as_deref() == Some(hash_token(invite).as_str())
    }

    pub fn has_invite(&self) -> bool {
        self.invite_hash.is_some()
    }

    /// The invite, for the owner who holds `owner_token`.
    pub fn invite_for(&self, owner_token: &str) -> Option<String> {
        let invite = unseal(self.invite_sealed.as_deref()?, owner_token, &self.id)?;
        self.accepts_invite(&invite).then_some(invite)
    }

    /// A secret of this decision, to order its anonymous members by.
    pub fn anonymity_salt(&self) -> &str {
        &self.anon_salt
    }
}

/// One owner action, for the history the owner sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: String,
    pub action: String,
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
        owner_identity: row.try_get("owner_identity")?,
        invite_hash: row.try_get("invite_hash")?,
        invite_sealed: row.try_get("invite_sealed")?,
        anon_salt: row.try_get("anon_salt")?,
        workloads: row.try_get::<Option<String>, _>("workloads")?.and_then(|json| serde_json::from_str(&json).ok()),
        // A word this version does not know reads as proposed, the default.
        status: Status::parse(&row.try_get::<String, _>("status")?).unwrap_or(Status::Proposed),
        status_at: row.try_get("status_at")?,
        review_by: row.try_get("review_by")?,
        review_due: row.try_get::<i64, _>("review_due")? != 0,
        review_reason: row.try_get("review_reason")?,
    })
}

/// Invites stored in plain text by earlier versions: their hash is kept and
/// the plain copy goes (their owner replaces the invite to see it again).
pub(super) async fn hash_plain_invites(pool: &AnyPool) -> Result<(), sqlx::Error> {
    let rows = sqlx::query("SELECT id, invite_token FROM decisions WHERE invite_token IS NOT NULL").fetch_all(pool).await?;
    for row in rows {
        let (id, invite): (String, String) = (row.try_get("id")?, row.try_get("invite_token")?);
        sqlx::query("UPDATE decisions SET invite_hash = $1, invite_token = NULL WHERE id = $2").bind(hash_token(&invite)).bind(id).execute(pool).await?;
    }
    Ok(())
}

impl Database {
    /// Creates a decision with an invite; returns it with the owner token (shown once).
    pub async fn create_decision(
        &self,
        title: &str,
        context: &str,
        anonymous: bool,
        owner_identity: Option<&str>,
    ) -> Result<(Decision, String), StorageError> {
        let (decision, token, _) = self.insert_decision(title, context, anonymous, owner_identity, None, None).await?;
        Ok((decision, token))
    }

    /// Creates a decision from a person's own result: they own it and are its
    /// one member (named `name`), with that result as their answers; with
    /// `workloads` when the result is a plan. Returns the decision, the owner
    /// token, and the member with their edit token.
    pub async fn create_decision_from_result(
        &self,
        title: &str,
        owner_identity: Option<&str>,
        name: &str,
        result: &str,
        workloads: Option<&[DecisionWorkload]>,
    ) -> Result<(Decision, String, (Member, String)), StorageError> {
        let (decision, token, member) = self.insert_decision(title, "", false, owner_identity, Some((name, result)), workloads).await?;
        Ok((decision, token, member.expect("a first member was asked for")))
    }

    async fn insert_decision(
        &self,
        title: &str,
        context: &str,
        anonymous: bool,
        owner_identity: Option<&str>,
        first: Option<(&str, &str)>,
        workloads: Option<&[DecisionWorkload]>,
    ) -> Result<(Decision, String, Option<(Member, String)>), StorageError> {
        let token = new_token();
        let invite = new_token();
        let id = ids::new_id();
        let decision = Decision {
            invite_hash: Some(hash_token(&invite)),
            invite_sealed: Some(seal(&invite, &token, &id)),
            anon_salt: new_token(),
            id,
            title: title.to_string(),
            context: context.to_string(),
            anonymous,
            closed: false,
            revision: 0,
            created_at: clock::now_rfc3339(),
            owner_identity: owner_identity.map(str::to_string),
            workloads: workloads.map(<[DecisionWorkload]>::to_vec),
            status: Status::Proposed,
            status_at: None,
            review_by: None,
            review_due: false,
            review_reason: None,
        };
        let member = first.map(|(name, result)| {
            let member = Member {
                id: ids::new_id(),
                name: name.to_string(),
                assessment_id: Some(result.to_string()),
                joined_at: decision.created_at.clone(),
                identity: owner_identity.map(str::to_string),
            };
            (member, new_token())
        });
        let workloads_json = workloads.map(serde_json::to_string).transpose()?;
        let insert = async {
            let mut write = self.write().await?;
            sqlx::query(
                "INSERT INTO decisions (id, title, context, anonymous, owner_token_hash, created_at, owner_identity, invite_hash, invite_sealed, anon_salt, workloads)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(&decision.id)
            .bind(&decision.title)
            .bind(&decision.context)
            .bind(i64::from(anonymous))
            .bind(hash_token(&token))
            .bind(&decision.created_at)
            .bind(&decision.owner_identity)
            .bind(&decision.invite_hash)
            .bind(&decision.invite_sealed)
            .bind(&decision.anon_salt)
            .bind(&workloads_json)
            .execute(write.conn())
            .await?;
            record(write.conn(), &decision.id, "created the decision").await?;
            if let Some((member, member_token)) = &member {
                sqlx::query(
                    "INSERT INTO decision_members (id, decision_id, name, edit_token_hash, joined_at, identity, assessment_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&member.id)
                .bind(&decision.id)
                .bind(&member.name)
                .bind(hash_token(member_token))
                .bind(&member.joined_at)
                .bind(&member.identity)
                .bind(&member.assessment_id)
                .execute(write.conn())
                .await?;
                record(write.conn(), &decision.id, &format!("made it from their own result {}", member.assessment_id.as_deref().unwrap_or(""))).await?;
            }
            write.commit().await
        };
        self.noted(insert.await)?;
        Ok((decision, token, member))
    }

    pub async fn decision(&self, id: &str) -> Result<Option<Decision>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT * FROM decisions WHERE id = $1").bind(id).fetch_optional(self.pool()?).await?;
        Ok(row.map(|r| decision_from(&r)).transpose()?)
    }

    pub async fn is_owner(&self, id: &str, token: &str) -> Result<bool, StorageError> {
        if !ids::is_valid(id) || !is_token(token) {
            return Ok(false);
        }
        let row = sqlx::query("SELECT 1 FROM decisions WHERE id = $1 AND owner_token_hash = $2")
            .bind(id)
            .bind(hash_token(token))
            .fetch_optional(self.pool()?)
            .await?;
        Ok(row.is_some())
    }

    /// Replaces the owner token: every earlier owner link and owner cookie
    /// stops working. The invite is sealed again with the new token when the
    /// old one is at hand (`old_token`); otherwise the owner replaces the
    /// invite to see it again.
    pub async fn rotate_owner_token(&self, decision: &Decision, old_token: Option<&str>) -> Result<String, StorageError> {
        let token = new_token();
        let resealed = old_token.and_then(|old| decision.invite_for(old)).map(|invite| seal(&invite, &token, &decision.id));
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET owner_token_hash = $1, invite_sealed = $2 WHERE id = $3")
                .bind(hash_token(&token))
                .bind(&resealed)
                .bind(&decision.id)
                .execute(write.conn())
                .await?;
            record(write.conn(), &decision.id, "replaced the owner link").await?;
            write.commit().await
        };
        self.noted(apply.await)?;
        Ok(token)
    }

    /// Replaces the invite: the earlier invite link stops letting people join.
    /// Sealed for the owner page when the owner token is at hand.
    pub async fn rotate_invite(&self, id: &str, owner_token: Option<&str>) -> Result<String, StorageError> {
        let invite = new_token();
        let sealed = owner_token.map(|token| seal(&invite, token, id));
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET invite_hash = $1, invite_sealed = $2, revision = revision + 1 WHERE id = $3")
                .bind(hash_token(&invite))
                .bind(&sealed)
                .bind(id)
                .execute(write.conn())
                .await?;
            record(write.conn(), id, "replaced the invite link").await?;
            write.commit().await
        };
        self.noted(apply.await)?;
        Ok(invite)
    }

    pub async fn rename_decision(&self, id: &str, title: &str) -> Result<(), StorageError> {
        let action = format!("renamed the decision to “{title}”");
        self.change(id, "UPDATE decisions SET title = $1, revision = revision + 1 WHERE id = $2", title, &action).await
    }

    pub async fn set_closed(&self, id: &str, closed: bool) -> Result<(), StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET closed = $1, revision = revision + 1 WHERE id = $2")
                .bind(i64::from(closed))
                .bind(id)
                .execute(write.conn())
                .await?;
            record(write.conn(), id, if closed { "closed the decision" } else { "reopened the decision" }).await?;
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// One owner action: `update` (taking the new value as `$1` and the
    /// decision as `$2`) and its line in the history, together or not at all.
    async fn change(&self, id: &str, update: &str, value: &str, action: &str) -> Result<(), StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query(update).bind(value).bind(id).execute(write.conn()).await?;
            record(write.conn(), id, action).await?;
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// Deletes the decision, its member list, its history and its events. The members'
    /// results stay: result links are immutable.
    pub async fn delete_decision(&self, id: &str) -> Result<(), StorageError> {
        let delete = async {
            let mut write = self.write().await?;
            for table in ["decision_events", "decision_members", "decision_facts", "webhook_attempts", "webhook_deliveries", "decision_webhooks", "outbox"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE decision_id = $1")).bind(id).execute(write.conn()).await?;
            }
            sqlx::query("DELETE FROM decisions WHERE id = $1").bind(id).execute(write.conn()).await?;
            write.commit().await
        };
        self.noted(delete.await)
    }

    /// The owner's history, oldest first.
    pub async fn events(&self, decision: &str) -> Result<Vec<Event>, StorageError> {
        let rows = sqlx::query("SELECT at, action FROM decision_events WHERE decision_id = $1 ORDER BY rowid")
            .bind(decision)
            .fetch_all(self.pool()?)
            .await?;
        rows.iter()
            .map(|r| Ok(Event { at: r.try_get("at")?, action: r.try_get("action")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StorageError::from)
    }
}

/// Notes an owner action with the time, for the owner's history, inside the
/// transaction that made the change.
pub(super) async fn record(conn: &mut AnyConnection, decision: &str, action: &str) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO decision_events (decision_id, at, action) VALUES ($1, $2, $3)")
        .bind(decision)
        .bind(clock::now_rfc3339())
        .bind(action)
        .execute(conn)
        .await?;
    Ok(())
}
