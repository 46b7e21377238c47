//! Write transactions that never leave a connection behind.
//!
//! When a `COMMIT` (or any statement inside a transaction) fails, the
//! transaction may still be open on its connection: SQLite keeps it after
//! `SQLITE_FULL` so it can be retried, and a `ROLLBACK` may fail too. sqlx's
//! own bookkeeping then turns the next "transaction" on that pooled
//! connection into a savepoint inside the stale one: its release reports
//! success, the caller answers 201, and everything is rolled back when the
//! connection closes; meanwhile the stale transaction holds the write lock,
//! so every other writer waits for the busy timeout. (Reproduced on a full
//! 3 MB filesystem: 259 writes acknowledged, 251 stored.)
//!
//! So a write here is begun and committed by hand, and a connection on which
//! anything failed (or whose transaction was abandoned, say by a cancelled
//! request) is closed, which rolls back whatever it held, instead of going
//! back to the pool.

use super::{Backend, StorageError};
use sqlx::AnyConnection;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor};

/// An open write transaction on a connection of its own.
pub(crate) struct Write {
    /// `None` once the transaction ended cleanly and the connection went back.
    conn: Option<PoolConnection<Any>>,
    /// Events raised by this process when the transaction began: if the count
    /// moved by the commit, this transaction may have raised one.
    raised_before: u64,
}

impl Write {
    /// Begins a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so it cannot fail later for lack of it.
    pub(crate) async fn begin(pool: &AnyPool, backend: Backend) -> Result<Write, StorageError> {
        let raised_before = super::outbox::raised_so_far();
        let mut conn = pool.acquire().await?;
        let begin = match backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        if let Err(error) = conn.execute(begin).await {
            conn.close_on_drop();
            return Err(error.into());
        }
        Ok(Write { conn: Some(conn), raised_before })
    }

    /// The connection to run this transaction's statements on.
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        self.conn.as_mut().expect("a write is open until it ends")
    }

    /// Commits. On failure the connection is closed (rolling back), never reused.
    /// After a commit during which events were raised, the delivery task is
    /// woken, so webhooks leave at once rather than at the next poll.
    pub(crate) async fn commit(self) -> Result<(), StorageError> {
        let raised_before = self.raised_before;
        self.end("COMMIT").await?;
        if super::outbox::raised_so_far() != raised_before {
            super::outbox::committed_events();
        }
        Ok(())
    }

    /// Rolls back on purpose (a refused action); the connection is reused
    /// only if the rollback itself succeeded.
    pub(crate) async fn rollback(self) -> Result<(), StorageError> {
        self.end("ROLLBACK").await
    }

    async fn end(mut self, statement: &str) -> Result<(), StorageError> {
        let mut conn = self.conn.take().expect("a write is open until it ends");
        match conn.execute(statement).await {
            Ok(_) => Ok(()),
            Err(error) => {
                conn.close_on_drop();
                Err(error.into())
            }
        }
    }
}

impl Drop for Write {
    /// Still open: a statement failed (`?` returned early) or the future was
    /// dropped. Closing the connection rolls the transaction back for certain.
    fn drop(&mut self) {
        if let Some(conn) = self.conn.as_mut() {
            conn.close_on_drop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::any::AnyPoolOptions;
    use sqlx::Row;

    /// A pool of one SQLite connection, so "the next connection" is the one
    /// that failed unless it was closed.
    async fn one_connection(dir: &std::path::Path) -> AnyPool {
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{}?mode=rwc", dir.join("write.db").display());
        let pool = AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
        pool.execute("PRAGMA foreign_keys = ON").await.unwrap();
        pool.execute(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)",
        )
        .await
        .unwrap();
        pool
    }

    /// A per-connection setting that no transaction undoes: it tells whether
    /// a later write got the very connection whose commit failed.
    async fn marker(conn: &mut AnyConnection) -> i64 {
        sqlx::query("PRAGMA cache_size").fetch_one(conn).await.unwrap().try_get(0).unwrap()
    }

    #[tokio::test]
    async fn a_connection_whose_commit_failed_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let pool = one_connection(dir.path()).await;
        let mut write = Write::begin(&pool, Backend::Sqlite).await.unwrap();
        write.conn().execute("PRAGMA cache_size = -777").await.unwrap();
        assert_eq!(marker(write.conn()).await, -777);
        // A deferred foreign key fails at COMMIT, leaving the transaction open.
        write.conn().execute("INSERT INTO child (id, parent) VALUES (1, 42)").await.unwrap();
        assert!(write.commit().await.is_err(), "the commit must fail");

        let mut next = Write::begin(&pool, Backend::Sqlite).await.expect("a fresh connection begins");
        assert_ne!(marker(next.conn()).await, -777, "the failed connection came back from the pool");
        next.conn().execute("INSERT INTO parent (id) VALUES (7)").await.unwrap();
        next.commit().await.unwrap();
        let seen: i64 = sqlx::query("SELECT COUNT(*) FROM parent").fetch_one(&pool).await.unwrap().try_get(0).unwrap();
        let orphans: i64 = sqlx::query("SELECT COUNT(*) FROM child").fetch_one(&pool).await.unwrap().try_get(0).unwrap();
        assert_eq!((seen, orphans), (1, 0), "the later write is committed, the failed one is not");
    }

    #[tokio::test]
    async fn an_abandoned_write_is_rolled_back_and_its_connection_closed() {
        let dir = tempfile::tempdir().unwrap();
        let pool = one_connection(dir.path()).await;
        {
            let mut write = Write::begin(&pool, Backend::Sqlite).await.unwrap();
            write.conn().execute("PRAGMA cache_size = -555").await.unwrap();
            write.conn().execute("INSERT INTO parent (id) VALUES (1)").await.unwrap();
            // Dropped without commit: a statement failed, or the request was cancelled.
        }
        let mut next = Write::begin(&pool, Backend::Sqlite).await.unwrap();
        assert_ne!(marker(next.conn()).await, -555);
        next.rollback().await.unwrap();
        let rows: i64 = sqlx::query("SELECT COUNT(*) FROM parent").fetch_one(&pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(rows, 0);
    }

    #[tokio::test]
    async fn a_clean_commit_returns_the_connection() {
        let dir = tempfile::tempdir().unwrap();
        let pool = one_connection(dir.path()).await;
        let mut write = Write::begin(&pool, Backend::Sqlite).await.unwrap();
        write.conn().execute("PRAGMA cache_size = -333").await.unwrap();
        write.commit().await.unwrap();
        let mut next = Write::begin(&pool, Backend::Sqlite).await.unwrap();
        assert_eq!(marker(next.conn()).await, -333, "a healthy connection is reused");
        next.commit().await.unwrap();
    }
}
