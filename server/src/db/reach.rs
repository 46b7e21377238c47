//! Knowing when the database is out of reach. Without this, every request
//! that needs storage waits for a connection until the acquire timeout (ten
//! seconds and more) while PostgreSQL is down, and so does `/readyz`, longer
//! than a load balancer's probe waits. Once a probe finds the server gone,
//! storage is refused at once (503 with `Retry-After`), and the probe keeps
//! trying every second on a connection of its own, so everything resumes by
//! itself within about a second of the database coming back.
//!
//! Only PostgreSQL is watched: a SQLite file is part of this process.

use super::StorageError;
use sqlx::{AnyConnection, ConnectOptions, Connection};
use sqlx::any::AnyConnectOptions;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How often the probe asks while nothing seems wrong, and how long one
/// attempt (connecting, or a `SELECT 1`) may take before it counts as a failure.
const PROBE_EVERY: Duration = Duration::from_secs(1);
const PROBE_TIMEOUT: Duration = Duration::from_millis(800);

pub(super) struct Reach {
    down: AtomicBool,
    /// What to name in the log (the server, password hidden).
    place: String,
    /// Rung by a request that saw a connection fail, so the probe looks now
    /// instead of at its next tick.
    suspect: Notify,
}

impl Reach {
    pub(super) fn new(place: String) -> Reach {
        Reach { down: AtomicBool::new(false), place, suspect: Notify::new() }
    }

    pub(super) fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }

    /// `Err` at once while the database is known to be out of reach.
    pub(super) fn gate(&self) -> Result<(), StorageError> {
        match self.is_down() {
            true => Err(StorageError::Unreachable(self.place.clone())),
            false => Ok(()),
        }
    }

    /// Asks the probe to look now when `outcome` failed the way a lost
    /// server fails (a query the server refused says nothing about reach).
    pub(super) fn note<T>(&self, outcome: &Result<T, StorageError>) {
        if outcome.as_ref().is_err_and(StorageError::is_connection) {
            self.suspect.notify_one();
        }
    }

    /// Records what a probe found; only changes are logged.
    fn found(&self, reachable: bool) {
        let was_down = self.down.swap(!reachable, Ordering::AcqRel);
        match (was_down, reachable) {
            (false, false) => tracing::error!(
                database = %self.place,
                "the database cannot be reached: requests that need it answer 503 at once; checking every second and \
                 resuming by itself when it is back"
            ),
            (true, true) => tracing::info!(database = %self.place, "the database is reachable again"),
            _ => {}
        }
    }
}

/// Probes the server at `options` every second (and at once when a request
/// suspects it), on a connection of its own so a busy pool never looks like a
/// lost server; it ends once the database it watches for is gone.
pub(super) fn start_probe(options: AnyConnectOptions, reach: Arc<Reach>) {
    let weak = Arc::downgrade(&reach);
    drop(reach);
    tokio::spawn(async move {
        let mut connection: Option<AnyConnection> = None;
        loop {
            let Some(reach) = weak.upgrade() else { return };
            let reachable = probe(&options, &mut connection).await;
            reach.found(reachable);
            let _ = tokio::time::timeout(PROBE_EVERY, reach.suspect.notified()).await;
        }
    });
}

/// One look: `SELECT 1` on the probe's connection, connecting first when
/// there is none (or the last one failed).
async fn probe(options: &AnyConnectOptions, connection: &mut Option<AnyConnection>) -> bool {
    if connection.is_none() {
        *connection = within(options.connect()).await;
    }
    let Some(open) = connection.as_mut() else { return false };
    if within(sqlx::query("SELECT 1").execute(&mut *open)).await.is_some() {
        return true;
    }
    // A connection that failed once is not trusted again: the next look
    // connects anew, which is what tells a server that is back.
    if let Some(failed) = connection.take() {
        tokio::spawn(async move {
            let _ = tokio::time::timeout(PROBE_TIMEOUT, failed.close()).await;
        });
    }
    false
}

async fn within<T>(attempt: impl Future<Output = Result<T, sqlx::Error>>) -> Option<T> {
    tokio::time::timeout(PROBE_TIMEOUT, attempt).await.ok()?.ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[tokio::test]
    async fn a_server_that_refuses_connections_is_found_down_and_storage_refused_at_once() {
        sqlx::any::install_default_drivers();
        // A port nobody listens on: connections are refused, as when PostgreSQL stopped.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let options = AnyConnectOptions::from_str(&format!("postgres://nobody@127.0.0.1:{port}/none")).unwrap();
        let reach = Arc::new(Reach::new("test server".into()));
        assert!(reach.gate().is_ok(), "reachable until a probe says otherwise");
        start_probe(options, reach.clone());
        let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
        while !reach.is_down() {
            assert!(tokio::time::Instant::now() < deadline, "the probe found the server gone within seconds");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let asked = std::time::Instant::now();
        let refused = reach.gate();
        assert!(matches!(refused, Err(StorageError::Unreachable(_))), "refused while down");
        assert!(asked.elapsed() < Duration::from_millis(5), "without waiting for a connection");
    }

    #[test]
    fn only_connection_failures_make_the_probe_look() {
        let reach = Reach::new("x".into());
        reach.note::<()>(&Err(StorageError::Database(sqlx::Error::RowNotFound)));
        reach.note::<()>(&Err(StorageError::Database(sqlx::Error::PoolTimedOut)));
        // One permit was stored, by the connection failure alone.
        let looked = reach.suspect.notified();
        tokio::pin!(looked);
        assert!(futures_now(looked.as_mut()), "a lost connection rings the probe");
        let again = reach.suspect.notified();
        tokio::pin!(again);
        assert!(!futures_now(again.as_mut()), "a query error does not");
    }

    /// Whether `future` is ready at its first poll.
    fn futures_now<F: Future>(future: std::pin::Pin<&mut F>) -> bool {
        let waker = std::task::Waker::noop();
        future.poll(&mut std::task::Context::from_waker(waker)).is_ready()
    }
}
