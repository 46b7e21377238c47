//! Results known to exist, kept in memory so their pages (and a `304 Not
//! Modified`) are answered without a query. A stored result never changes;
//! it can only be deleted or purged, so what is kept stays right as long as
//! every deletion is heard: this process's own, and on PostgreSQL the other
//! instances' through the database's notifications. While deletions may go
//! unheard (the listening connection is lost), nothing kept is used.

use crate::cache::Cache;
use crossroads_domain::StoredResult;
use std::sync::{Arc, Mutex, MutexGuard};

/// A live result and who created it (shown to that person alone).
#[derive(Clone)]
pub struct Found {
    pub result: Arc<StoredResult>,
    pub created_by: Option<String>,
}

/// Results kept at most (the least recently used make room).
const CAPACITY: usize = 2048;

/// Generic over what is kept only so its rules can be tested on their own.
#[derive(Clone)]
pub struct KnownResults<V = Found> {
    entries: Cache<String, V>,
    /// Whether deletions are heard, and how many times something was
    /// forgotten: a result read from the database before a deletion is not
    /// kept after it.
    hearing: Arc<Mutex<Hearing>>,
}

struct Hearing {
    heard: bool,
    forgotten: u64,
}

/// Taken before reading a result from the database; keeping what was read
/// succeeds only if nothing was forgotten meanwhile.
#[derive(Clone, Copy)]
pub struct Ticket(u64);

impl<V: Clone> KnownResults<V> {
    /// `heard`: whether deletions are heard from the start (one process on
    /// SQLite), or only once listening has begun (PostgreSQL).
    pub fn new(heard: bool) -> KnownResults<V> {
        KnownResults { entries: Cache::new(CAPACITY), hearing: Arc::new(Mutex::new(Hearing { heard, forgotten: 0 })) }
    }

    fn hearing(&self) -> MutexGuard<'_, Hearing> {
        self.hearing.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Result `id` if it is kept and deletions are heard.
    pub fn get(&self, id: &str) -> Option<V> {
        let hearing = self.hearing();
        if !hearing.heard {
            return None;
        }
        self.entries.get(&id.to_string())
    }

    /// To hold while reading a result that may then be kept; `None` while
    /// deletions are not heard.
    pub fn ticket(&self) -> Option<Ticket> {
        let hearing = self.hearing();
        hearing.heard.then_some(Ticket(hearing.forgotten))
    }

    /// Keeps `found`, read under `ticket`, unless something was forgotten
    /// since (it may have been this result, deleted after it was read).
    pub fn keep(&self, ticket: Ticket, id: &str, found: V) {
        let hearing = self.hearing();
        if hearing.heard && hearing.forgotten == ticket.0 {
            self.entries.put(id.to_string(), found);
        }
    }

    /// Result `id` was deleted or purged.
    pub fn forget(&self, id: &str) {
        let mut hearing = self.hearing();
        hearing.forgotten += 1;
        self.entries.forget(&id.to_string());
    }

    /// Results were purged: none is kept any more.
    pub fn forget_all(&self) {
        let mut hearing = self.hearing();
        hearing.forgotten += 1;
        self.entries.forget_where(|_| true);
    }

    /// Deletions are no longer heard: nothing kept is used, and nothing read
    /// meanwhile is kept, until [`KnownResults::hearing_again`].
    pub fn deaf(&self) {
        let mut hearing = self.hearing();
        hearing.heard = false;
        hearing.forgotten += 1;
        self.entries.forget_where(|_| true);
    }

    /// Deletions are heard again; whatever was kept before is forgotten,
    /// since a deletion may have gone unheard.
    pub fn hearing_again(&self) {
        let mut hearing = self.hearing();
        hearing.forgotten += 1;
        self.entries.forget_where(|_| true);
        hearing.heard = true;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_read_before_a_deletion_is_not_kept_after_it() {
        let known = KnownResults::<()>::new(true);
        let ticket = known.ticket().expect("heard from the start");
        known.forget("r1");
        known.keep(ticket, "r1", ());
        assert!(known.get("r1").is_none(), "read before the deletion: not kept");
        let ticket = known.ticket().unwrap();
        known.keep(ticket, "r1", ());
        assert!(known.get("r1").is_some());
    }

    #[test]
    fn nothing_kept_is_used_while_deaf_and_all_is_forgotten_when_hearing_again() {
        let known = KnownResults::<()>::new(false);
        assert!(known.ticket().is_none(), "not heard yet: nothing kept");
        known.hearing_again();
        known.keep(known.ticket().unwrap(), "r1", ());
        let before = known.ticket().unwrap();
        known.deaf();
        assert!(known.get("r1").is_none() && known.ticket().is_none());
        known.keep(before, "r2", ());
        known.hearing_again();
        assert!(known.is_empty(), "whatever was kept before is forgotten");
    }
}
