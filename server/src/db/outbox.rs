//! The outbox: events about a decision are stored in the transaction that
//! makes the change behind them, so an event exists exactly when its change
//! does; delivery (webhooks) reads them after commit.

use super::{Database, StorageError};
use crate::{clock, ids};
use sqlx::AnyConnection;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Notify;

/// Events raised by this process so far. A write transaction notes the
/// count when it begins; if it changed by its commit, an event may have been
/// raised in it, and the delivery task is woken (see [`Write::commit`](super::write)).
static RAISED: AtomicU64 = AtomicU64::new(0);
/// Wakes the delivery task in this process right after such a commit.
static WAKE: Notify = Notify::const_new();

/// How many events this process has raised (a marker, compared at commit).
pub(crate) fn raised_so_far() -> u64 {
    RAISED.load(Ordering::SeqCst)
}

/// Called after a commit in which events may have been raised.
pub(crate) fn committed_events() {
    WAKE.notify_one();
}

/// Resolves when a commit raised events (or right away if one did since the
/// last wait): the delivery task sleeps on this between polls.
pub async fn raised() {
    WAKE.notified().await
}

/// What happened to a decision. The names are what receivers see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The decision's status changed (accepted, rejected, deprecated, superseded).
    StatusChanged,
    /// A recorded fact changed a recommendation: the decision is due for review.
    TriggerFired,
    /// The decision's review date passed.
    ReviewDue,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::StatusChanged, EventKind::TriggerFired, EventKind::ReviewDue];

    pub fn name(self) -> &'static str {
        match self {
            EventKind::StatusChanged => "decision.status_changed",
            EventKind::TriggerFired => "decision.trigger_fired",
            EventKind::ReviewDue => "decision.review_due",
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// Stores one event inside the caller's write transaction and returns its id
/// (`evt_` and a random id, the webhook id receivers deduplicate by).
/// `data` is the event's own JSON (what changed); the delivery adds the link.
pub async fn raise(
    conn: &mut AnyConnection,
    decision: &str,
    kind: EventKind,
    data: &serde_json::Value,
) -> Result<String, StorageError> {
    let id = format!("evt_{}", ids::new_id());
    sqlx::query("INSERT INTO outbox (id, decision_id, kind, data, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(decision)
        .bind(kind.name())
        .bind(data.to_string())
        .bind(clock::now_rfc3339())
        .execute(conn)
        .await?;
    RAISED.fetch_add(1, Ordering::SeqCst);
    Ok(id)
}

impl Database {
    /// Raises one event in a transaction of its own (for changes that have
    /// no other write, and for tests).
    pub async fn raise_event(&self, decision: &str, kind: EventKind, data: &serde_json::Value) -> Result<String, StorageError> {
        let apply = async {
            let mut write = self.write().await?;
            let id = raise(write.conn(), decision, kind, data).await?;
            write.commit().await?;
            Ok(id)
        };
        self.noted(apply.await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(EventKind::from_name("decision.other"), None);
    }
}
