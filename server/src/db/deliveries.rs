//! Webhook deliveries: events in the outbox become one delivery per target,
//! due deliveries are claimed by one instance at a time, and each attempt is
//! recorded with what comes next.
//!
//! Claiming: on PostgreSQL, `FOR UPDATE SKIP LOCKED` lets each instance take
//! rows no other instance is taking, and the claim pushes `next_at` past the
//! attempt (a lease) before it commits, so the row stays out of every other
//! instance's reach while its request is under way. On SQLite one instance
//! writes, and `BEGIN IMMEDIATE` makes each claim whole.

use super::{Backend, Database, StorageError};
use sqlx::Row;

/// Who receives a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The server's webhook (the administrator's settings).
    Server,
    /// The decision's own webhook (its owner's).
    Decision,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Server => "server",
            Target::Decision => "decision",
        }
    }
}

/// A delivery this instance has claimed and now sends.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub event_id: String,
    pub decision_id: String,
    pub kind: String,
    /// The event's own JSON, as raised.
    pub data: String,
    /// When the event was raised (RFC 3339).
    pub raised_at: String,
    pub target: Target,
    /// Attempts made before this one.
    pub attempts: i64,
    /// When the delivery was first due (milliseconds since 1970).
    pub first_at: i64,
}

/// What an attempt leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    Delivered,
    /// Tried again at this time (milliseconds since 1970).
    RetryAt(i64),
    GivenUp,
}

impl Database {
    /// Turns events not yet dispatched into deliveries: one to the server's
    /// webhook when there is one, one to the decision's when it has one.
    /// Returns how many events were dispatched.
    pub async fn dispatch_events(&self, server_webhook: Option<&str>, now_ms: i64) -> Result<usize, StorageError> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let apply = async {
            let mut write = self.write().await?;
            let events = sqlx::query(&format!("SELECT seq, id, decision_id FROM outbox WHERE dispatched = 0 ORDER BY seq LIMIT 100{lock}"))
                .fetch_all(write.conn())
                .await?;
            for event in &events {
                let seq: i64 = event.try_get("seq")?;
                let id: String = event.try_get("id")?;
                let decision: String = event.try_get("decision_id")?;
                let hook = sqlx::query("SELECT url FROM decision_webhooks WHERE decision_id = $1")
                    .bind(&decision)
                    .fetch_optional(write.conn())
                    .await?
                    .map(|row| row.try_get::<String, _>("url"))
                    .transpose()?;
                let targets = [(Target::Server, server_webhook.map(str::to_string)), (Target::Decision, hook)];
                for (target, url) in targets {
                    let Some(url) = url else { continue };
                    sqlx::query(
                        "INSERT INTO webhook_deliveries (event_id, decision_id, target, url, first_at, next_at)
                         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (event_id, target) DO NOTHING",
                    )
                    .bind(&id)
                    .bind(&decision)
                    .bind(target.name())
                    .bind(url)
                    .bind(now_ms)
                    .execute(write.conn())
                    .await?;
                }
                sqlx::query("UPDATE outbox SET dispatched = 1 WHERE seq = $1").bind(seq).execute(write.conn()).await?;
            }
            write.commit().await?;
            Ok(events.len())
        };
        self.noted(apply.await)
    }

    /// Claims up to `limit` deliveries due at `now_ms`, leasing them until
    /// `lease_until` (past the attempt's time limit), so no other instance
    /// takes them meanwhile. A delivery whose instance dies mid-attempt is
    /// taken again once the lease ends.
    pub async fn claim_deliveries(&self, now_ms: i64, lease_until: i64, limit: i64) -> Result<Vec<Claimed>, StorageError> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE OF d SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let apply = async {
            let mut write = self.write().await?;
            let rows = sqlx::query(&format!(
                "SELECT d.id, d.event_id, d.decision_id, d.target, d.attempts, d.first_at, o.kind, o.data, o.created_at
                 FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id
                 WHERE d.state = 'pending' AND d.next_at <= $1
                 ORDER BY d.next_at, d.id LIMIT $2{lock}"
            ))
            .bind(now_ms)
            .bind(limit)
            .fetch_all(write.conn())
            .await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in &rows {
                let id: i64 = row.try_get("id")?;
                sqlx::query("UPDATE webhook_deliveries SET next_at = $1 WHERE id = $2").bind(lease_until).bind(id).execute(write.conn()).await?;
                let target: String = row.try_get("target")?;
                claimed.push(Claimed {
                    id,
                    event_id: row.try_get("event_id")?,
                    decision_id: row.try_get("decision_id")?,
                    kind: row.try_get("kind")?,
                    data: row.try_get("data")?,
                    raised_at: row.try_get("created_at")?,
                    target: if target == "decision" { Target::Decision } else { Target::Server },
                    attempts: row.try_get("attempts")?,
                    first_at: row.try_get("first_at")?,
                });
            }
            write.commit().await?;
            Ok(claimed)
        };
        self.noted(apply.await)
    }

    /// Records one attempt (its time, the status or the error, what comes
    /// next) and moves the delivery on, together.
    pub async fn record_attempt(
        &self,
        delivery: &Claimed,
        at: &str,
        status: Option<u16>,
        error: Option<&str>,
        next: &Next,
    ) -> Result<(), StorageError> {
        let (state, next_at, next_text) = match next {
            Next::Delivered => ("delivered", 0, "delivered".to_string()),
            Next::GivenUp => ("failed", 0, "given up".to_string()),
            Next::RetryAt(ms) => ("pending", *ms, crate::clock::rfc3339((*ms / 1000).max(0) as u64)),
        };
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query(
                "INSERT INTO webhook_attempts (delivery_id, decision_id, at, status, error, next) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(delivery.id)
            .bind(&delivery.decision_id)
            .bind(at)
            .bind(status.map(i64::from))
            .bind(error)
            .bind(&next_text)
            .execute(write.conn())
            .await?;
            sqlx::query("UPDATE webhook_deliveries SET attempts = attempts + 1, state = $1, next_at = $2 WHERE id = $3")
                .bind(state)
                .bind(next_at)
                .bind(delivery.id)
                .execute(write.conn())
                .await?;
            write.commit().await
        };
        self.noted(apply.await)
    }

    /// How many deliveries are in each state, for tests and the log's summary:
    /// (pending, delivered, given up).
    pub async fn delivery_counts(&self) -> Result<(i64, i64, i64), StorageError> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending') AS pending,
               (SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered') AS delivered,
               (SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'failed') AS failed",
        )
        .fetch_one(self.pool()?)
        .await?;
        Ok((row.try_get("pending")?, row.try_get("delivered")?, row.try_get("failed")?))
    }
}
