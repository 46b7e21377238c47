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
