//! Knowing when the disk is full. A write that fails for lack of space turns
//! the watch on: it is logged once (naming the database file and what to do),
//! readiness reports it, and the next write that succeeds turns it off again.

use super::StorageError;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the database can take writes, as `/readyz` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    Unreachable,
    /// Writes fail for lack of space where this database lives.
    OutOfSpace(String),
}

pub(super) struct SpaceWatch {
    full: AtomicBool,
    /// The SQLite file, or the PostgreSQL server: what to name in the log.
    place: String,
}

impl SpaceWatch {
    pub(super) fn new(place: String) -> SpaceWatch {
        SpaceWatch { full: AtomicBool::new(false), place }
    }

    pub(super) fn is_full(&self) -> bool {
        self.full.load(Ordering::Acquire)
    }

    pub(super) fn place(&self) -> &str {
        &self.place
    }

    /// Records what a write came to; only changes are logged, so a full disk
    /// under load writes two lines, not one per refused request.
    pub(super) fn note<T>(&self, outcome: &Result<T, StorageError>) {
        match outcome {
            Err(error) if error.is_full() => {
                if !self.full.swap(true, Ordering::AcqRel) {
                    tracing::error!(
                        database = %self.place,
                        %error,
                        "the disk holding the database is full: new results and changes are refused (507) and nothing is \
                         lost; free space on that filesystem and writes resume by themselves"
                    );
                }
            }
            Ok(_) => {
                if self.full.swap(false, Ordering::AcqRel) {
                    tracing::info!(database = %self.place, "the database takes writes again: space was freed");
                }
            }
            // Other failures say nothing about space.
            Err(_) => {}
        }
    }
}

impl super::Database {
    /// Whether the database answers, and whether it can take writes. While
    /// the disk is known to be full, a small write checks whether space is
    /// back, so readiness (and writes) recover by themselves.
    pub async fn readiness(&self) -> Readiness {
        if !self.is_reachable().await {
            return Readiness::Unreachable;
        }
        if self.space.is_full() {
            let probe = self.noted(self.probe_write().await);
            if probe.as_ref().is_err_and(super::StorageError::is_full) {
                return Readiness::OutOfSpace(self.space.place().to_string());
            }
        }
        Readiness::Ready
    }

    /// One committed write about the size of a stored result (a row that
    /// is replaced each time), so "ready" means another result fits.
    async fn probe_write(&self) -> Result<(), super::StorageError> {
        // Random, so no compression makes it smaller than it looks.
        let mut room = String::with_capacity(PROBE_BYTES);
        while room.len() < PROBE_BYTES {
            room.push_str(&crate::ids::new_id());
        }
        let mut write = self.write().await?;
        sqlx::query("DELETE FROM write_probe").execute(write.conn()).await?;
        sqlx::query("INSERT INTO write_probe (id, at, room) VALUES (1, $1, $2)")
            .bind(crate::clock::now_rfc3339())
            .bind(room)
            .execute(write.conn())
            .await?;
        write.commit().await
    }
}

/// The readiness probe writes this much: more than a typical stored result.
const PROBE_BYTES: usize = 64 * 1024;

