//! The outbox: events about a decision are stored in the transaction that
//! makes the change behind them, so an event exists exactly when its change
//! does; delivery (webhooks) reads them after commit.

use super::StorageError;
use crate::{clock, ids};
use sqlx::AnyConnection;

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
    Ok(id)
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
