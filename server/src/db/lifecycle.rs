//! A decision over time in storage: status changes, supersede links, review
//! dates and recorded facts. Each change, its line in the owner's history and
//! its event in the outbox are written in one transaction, or none is.

use super::decisions::record;
use super::outbox::{self, EventKind};
use super::{Backend, Database, StorageError};
use crate::clock;
use crossroads_domain::{check_link, LinkError, OutcomeChange, Status};
use serde_json::json;
use sqlx::{AnyConnection, Row};

/// A decision named beside another one (a supersede link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkedDecision {
    pub id: String,
    pub title: String,
}

/// Both directions of a decision's supersede links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// The decisions this one is superseded by.
    pub superseded_by: Vec<LinkedDecision>,
    /// The decisions this one supersedes.
    pub supersedes: Vec<LinkedDecision>,
}

/// A fact recorded about a decision, with what it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub at: String,
    /// Question id -> option id.
    pub facts: Vec<(String, String)>,
    pub changes: Vec<OutcomeChange>,
    pub triggered: bool,
}

/// A decision due for review, for the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub id: String,
    pub title: String,
    pub review_by: Option<String>,
    pub reason: String,
}

/// What came of a status change or a link.
#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// The decision changed (or went) meanwhile: nothing was written.
    Meanwhile,
    /// The superseding decision does not exist.
    NoSuchDecision,
    Refused(LinkError),
}

impl Database {
    /// Moves the decision from `from` to `to` (the caller checked the move is
    /// allowed); `review_by` is set along with it when given.
    pub async fn set_status(&self, id: &str, from: Status, to: Status, review_by: Option<&str>) -> Result<Changed, StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            let now = clock::now_rfc3339();
            let moved = sqlx::query(
                "UPDATE decisions SET status = $1, status_at = $2, review_by = COALESCE($3, review_by), revision = revision + 1
                 WHERE id = $4 AND status = $5",
            )
            .bind(to.as_str())
            .bind(&now)
            .bind(review_by)
            .bind(id)
            .bind(from.as_str())
            .execute(write.conn())
            .await?
            .rows_affected();
            if moved == 0 {
                write.rollback().await?;
                return Ok(Changed::Meanwhile);
            }
            let mut action = format!("marked the decision {}", to.as_str());
            if let Some(date) = review_by {
                action.push_str(&format!(", to be reviewed by {date}"));
            }
            record(write.conn(), id, &action).await?;
            status_changed(write.conn(), id, from, to, None).await?;
            write.commit().await?;
            Ok(Changed::Done)
        };
        self.noted(apply.await)
    }

    /// Links `superseding` as superseding `superseded`, which becomes (or
    /// stays) superseded. Refused for a missing or the same decision, a
    /// decision not accepted, an existing link, or a cycle.
    pub async fn supersede(&self, superseded: &str, superseding: &str) -> Result<Changed, StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            if self.backend() == Backend::Postgres {
                // Two links written at once could close a cycle neither sees; links take turns.
                sqlx::query("LOCK TABLE decision_links IN SHARE ROW EXCLUSIVE MODE").execute(write.conn()).await?;
            }
            let Some(status) = status_of(write.conn(), superseded).await? else {
                write.rollback().await?;
                return Ok(Changed::Meanwhile);
            };
            let Some(other) = title_of(write.conn(), superseding).await? else {
                write.rollback().await?;
                return Ok(Changed::NoSuchDecision);
            };
            let links = sqlx::query("SELECT superseded_id, superseding_id FROM decision_links").fetch_all(&mut *write.conn()).await?;
            let links = links
                .iter()
                .map(|r| Ok((r.try_get("superseded_id")?, r.try_get("superseding_id")?)))
                .collect::<Result<Vec<(String, String)>, sqlx::Error>>()?;
            if let Err(refusal) = check_link(&links, superseded, status, superseding) {
                write.rollback().await?;
                return Ok(Changed::Refused(refusal));
            }
            let now = clock::now_rfc3339();
            sqlx::query("INSERT INTO decision_links (superseded_id, superseding_id, created_at) VALUES ($1, $2, $3)")
                .bind(superseded)
                .bind(superseding)
                .bind(&now)
                .execute(write.conn())
                .await?;
            sqlx::query("UPDATE decisions SET status = $1, status_at = COALESCE(CASE WHEN status = $1 THEN status_at END, $2), revision = revision + 1 WHERE id = $3")
                .bind(Status::Superseded.as_str())
                .bind(&now)
                .bind(superseded)
                .execute(write.conn())
                .await?;
            // The superseding decision's pages name what it supersedes.
            sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1").bind(superseding).execute(write.conn()).await?;
            record(write.conn(), superseded, &format!("marked the decision superseded by “{other}” ({superseding})")).await?;
            if status != Status::Superseded {
                status_changed(write.conn(), superseded, status, Status::Superseded, Some(superseding)).await?;
            }
            write.commit().await?;
            Ok(Changed::Done)
        };
        self.noted(apply.await)
    }

    /// Both directions of the decision's supersede links, oldest first.
    pub async fn links(&self, id: &str) -> Result<Links, StorageError> {
        let read = |sql: &'static str| async move {
            let rows = sqlx::query(sql).bind(id).fetch_all(self.pool()?).await?;
            rows.iter()
                .map(|r| Ok(LinkedDecision { id: r.try_get("id")?, title: r.try_get("title")? }))
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StorageError::from)
        };
        Ok(Links {
            superseded_by: read(
                "SELECT d.id, d.title FROM decision_links l JOIN decisions d ON d.id = l.superseding_id
                 WHERE l.superseded_id = $1 ORDER BY l.created_at, d.id",
            )
            .await?,
            supersedes: read(
                "SELECT d.id, d.title FROM decision_links l JOIN decisions d ON d.id = l.superseded_id
                 WHERE l.superseding_id = $1 ORDER BY l.created_at, d.id",
            )
            .await?,
        })
    }

    /// Sets the review date (the owner changed it).
    pub async fn set_review_by(&self, id: &str, date: &str) -> Result<(), StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET review_by = $1, revision = revision + 1 WHERE id = $2").bind(date).bind(id).execute(write.conn()).await?;
            record(write.conn(), id, &format!("set the review date to {date}")).await?;
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// The owner reviewed the decision: no longer due, next review by `date`.
    pub async fn mark_reviewed(&self, id: &str, date: &str) -> Result<(), StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET review_due = 0, review_reason = NULL, review_by = $1, revision = revision + 1 WHERE id = $2")
                .bind(date)
                .bind(id)
                .execute(write.conn())
                .await?;
            record(write.conn(), id, &format!("reviewed the decision; next review by {date}")).await?;
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// Records a fact and what re-scoring with it changed; when something
    /// changed (`triggered`), the decision becomes due for review and one
    /// "trigger fired" event is raised.
    pub async fn record_fact(&self, id: &str, facts: &[(String, String)], changes: &[OutcomeChange], triggered: bool) -> Result<(), StorageError> {
        let named = facts.iter().map(|(q, o)| format!("{q} = {o}")).collect::<Vec<_>>().join(", ");
        let moved: Vec<String> = changes
            .iter()
            .filter(|c| c.changed())
            .map(|c| format!("{}: {} → {}", c.subject, c.before.as_deref().unwrap_or("none"), c.after.as_deref().unwrap_or("none")))
            .collect();
        let facts_json = serde_json::Value::Object(facts.iter().map(|(q, o)| (q.clone(), json!(o))).collect());
        let apply = async {
            let mut write = self.write().await?;
            let now = clock::now_rfc3339();
            sqlx::query("INSERT INTO decision_facts (decision_id, facts, changes, triggered, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(facts_json.to_string())
                .bind(serde_json::to_string(changes)?)
                .bind(i64::from(triggered))
                .bind(&now)
                .execute(write.conn())
                .await?;
            if triggered {
                let reason = format!("a recorded fact ({named}) changes the recommendation: {}", moved.join("; "));
                sqlx::query("UPDATE decisions SET review_due = 1, review_reason = $1, revision = revision + 1 WHERE id = $2")
                    .bind(&reason)
                    .bind(id)
                    .execute(write.conn())
                    .await?;
                record(write.conn(), id, &format!("recorded a fact ({named}); it changes the recommendation, so the decision is due for review")).await?;
                let data = json!({ "decision": id, "facts": facts_json, "changes": changes });
                outbox::raise(write.conn(), id, EventKind::TriggerFired, &data).await?;
            } else {
                sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id = $1").bind(id).execute(write.conn()).await?;
                record(write.conn(), id, &format!("recorded a fact ({named}); it changes no recommendation")).await?;
            }
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// The facts recorded about a decision, oldest first.
    pub async fn facts(&self, id: &str) -> Result<Vec<Fact>, StorageError> {
        let rows = sqlx::query("SELECT facts, changes, triggered, created_at FROM decision_facts WHERE decision_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(self.pool()?)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let facts: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&row.try_get::<String, _>("facts")?)?;
            out.push(Fact {
                at: row.try_get("created_at")?,
                facts: facts.into_iter().map(|(q, o)| (q, o.as_str().unwrap_or_default().to_string())).collect(),
                changes: serde_json::from_str(&row.try_get::<String, _>("changes")?)?,
                triggered: row.try_get::<i64, _>("triggered")? != 0,
            });
        }
        Ok(out)
    }

    /// Marks accepted decisions whose review date is `today` or earlier as
    /// due, raising one "review due" event per review date: a decision
    /// marked for its date is not marked again until it gets a new date.
    /// Returns the ids marked now.
    pub async fn mark_due(&self, today: &str) -> Result<Vec<String>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, review_by FROM decisions WHERE status = 'accepted' AND review_by IS NOT NULL AND review_by <= $1
             AND (review_raised_for IS NULL OR review_raised_for <> review_by)",
        )
        .bind(today)
        .fetch_all(self.pool()?)
        .await?;
        let mut marked = Vec::new();
        for row in &rows {
            let (id, date): (String, String) = (row.try_get("id")?, row.try_get("review_by")?);
            let apply = async {
                let mut write = self.write().await?;
                // Another instance may have marked it meanwhile: only one of them raises the event.
                let changed = sqlx::query(
                    "UPDATE decisions SET review_due = 1, review_reason = $1, review_raised_for = review_by, revision = revision + 1
                     WHERE id = $2 AND review_by = $3 AND status = 'accepted' AND (review_raised_for IS NULL OR review_raised_for <> review_by)",
                )
                .bind(format!("its review date ({date}) has passed"))
                .bind(&id)
                .bind(&date)
                .execute(write.conn())
                .await?
                .rows_affected();
                if changed == 0 {
                    return write.rollback().await.map(|_| false);
                }
                outbox::raise(write.conn(), &id, EventKind::ReviewDue, &json!({ "decision": id, "review_by": date })).await?;
                write.commit().await.map(|_| true)
            };
            if self.noted(apply.await)? {
                marked.push(id);
            }
        }
        Ok(marked)
    }

    /// Decisions due for review, the earliest review date first.
    pub async fn due_for_review(&self) -> Result<Vec<Due>, StorageError> {
        let rows = sqlx::query("SELECT id, title, review_by, review_reason FROM decisions WHERE review_due = 1 ORDER BY review_by, id")
            .fetch_all(self.pool()?)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Due {
                    id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    review_by: r.try_get("review_by")?,
                    reason: r.try_get::<Option<String>, _>("review_reason")?.unwrap_or_default(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StorageError::from)
    }
}

async fn status_of(conn: &mut AnyConnection, id: &str) -> Result<Option<Status>, StorageError> {
    let row = sqlx::query("SELECT status FROM decisions WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(match row {
        Some(row) => Some(Status::parse(&row.try_get::<String, _>("status")?).unwrap_or(Status::Proposed)),
        None => None,
    })
}

async fn title_of(conn: &mut AnyConnection, id: &str) -> Result<Option<String>, StorageError> {
    if !crate::ids::is_valid(id) {
        return Ok(None);
    }
    let row = sqlx::query("SELECT title FROM decisions WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.map(|r| r.try_get("title")).transpose()?)
}

/// The "status changed" event, in the transaction of the change.
async fn status_changed(conn: &mut AnyConnection, id: &str, from: Status, to: Status, by: Option<&str>) -> Result<(), StorageError> {
    let mut data = json!({ "decision": id, "from": from.as_str(), "to": to.as_str() });
    if let Some(by) = by {
        data["superseded_by"] = json!(by);
    }
    outbox::raise(conn, id, EventKind::StatusChanged, &data).await?;
    Ok(())
}
