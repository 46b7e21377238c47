//! Durable storage of results and team decisions, behind one interface for
//! both back ends, chosen by the database URL:
//!
//! - `sqlite://PATH` (the default): one file, WAL, full sync; the folder and
//!   file are created on first run.
//! - `postgres://USER:PASSWORD@HOST:PORT/DATABASE`: for several instances
//!   sharing one database.
//!
//! Queries are written once, in the SQL both understand (`$1` parameters);
//! each back end has its own migrations. Each record type sits beside its
//! queries: results in `results.rs`, team decisions in `decisions.rs`.

mod decision_log;
mod decisions;
mod deliveries;
mod drafts;
mod lifecycle;
mod members;
pub mod outbox;
mod deletions;
mod reach;
mod results;
mod backup;
mod space;
mod tokens;
mod webhooks;
mod workloads;
mod write;

pub use decision_log::{LogEntry, LogFilter, LogSettings};
pub use decisions::{Decision, Event};
pub use deliveries::{Claimed, Next, Target};
pub use webhooks::{Attempt, DecisionWebhook};
pub use lifecycle::{Changed, Due, Fact, LinkedDecision, Links};
pub use tokens::{hash_token, new_token};
pub use members::{Joined, Member, Submitted};
pub use results::{Custody, Deletion, Standing};
pub use deletions::Forget;
pub use space::Readiness;
pub use workloads::WorkloadsSet;

use reach::Reach;
use space::SpaceWatch;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor, Row};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// The URL with any password replaced, for logs and error messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
    let authority = match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{credentials}@{host}"),
        },
        None => authority.to_string(),
    };
    match path {
        Some(path) => format!("{scheme}://{authority}/{path}"),
        None => format!("{scheme}://{authority}"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// The disk holding the database (or PostgreSQL's) is full: nothing was
    /// written, and writes resume by themselves once space is freed.
    #[error("out of storage space: {0}")]
    Full(String),
    #[error("stored data is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("the database writer has stopped")]
    WriterGone,
    /// The database server is known to be out of reach: refused at once,
    /// without waiting for a connection.
    #[error("the database cannot be reached: {0}")]
    Unreachable(String),
}

impl StorageError {
    pub fn is_full(&self) -> bool {
        matches!(self, StorageError::Full(_))
    }

    /// Failed the way a lost server fails: no connection, a connection cut,
    /// or the server shutting down (SQLSTATE classes 08 and 57P). A query
    /// the server refused says nothing about whether it is there.
    pub fn is_connection(&self) -> bool {
        match self {
            StorageError::Database(error) => match error {
                sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => db.code().is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
                _ => false,
            },
            _ => false,
        }
    }

    /// Known to be out of reach (answered at once, already logged).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, StorageError::Unreachable(_))
    }
}

/// SQLite's `SQLITE_FULL` and PostgreSQL's `disk_full` (SQLSTATE 53100).
fn is_disk_full(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => matches!(db.code().as_deref(), Some("13") | Some("53100")),
        _ => false,
    }
}

impl From<sqlx::Error> for StorageError {
    fn from(error: sqlx::Error) -> StorageError {
        if is_disk_full(&error) {
            StorageError::Full(error.to_string())
        } else {
            StorageError::Database(error)
        }
    }
}

/// Why the database could not be opened; wiring names the setting.
#[derive(Debug, thiserror::Error)]
#[error("database {url}: {message}")]
pub struct OpenError {
    /// The URL with any password replaced.
    pub url: String,
    pub message: String,
}

/// How to open the database, beyond its URL.
#[derive(Clone, Copy, Debug)]
pub struct OpenOptions {
    /// A request for a connection gives up after this long; callers keep it
    /// below the request timeout so a busy database answers 503, not a timeout.
    pub acquire_timeout: Duration,
    /// SQLite only: the most pages the file may grow to (`PRAGMA
    /// max_page_count`). It fails writes exactly as a full disk does, so tests
    /// use it to fill the database on purpose.
    pub sqlite_max_pages: Option<u32>,
}

impl OpenOptions {
    pub fn new(acquire_timeout: Duration) -> OpenOptions {
        OpenOptions { acquire_timeout, sqlite_max_pages: None }
    }
}

/// How many rows each table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub results: i64,
    pub decisions: i64,
    pub members: i64,
}

#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
    /// New results go through one writer task that commits them in batches
    /// (group commit): one fsync for many results, each caller answered only
    /// after its row is durably committed.
    writer: results::Writer,
    /// Whether the last write found the disk full.
    space: Arc<SpaceWatch>,
    /// Whether the database server is known to be out of reach.
    reach: Arc<Reach>,
    /// PostgreSQL: the URL, for the connection that listens for deletions.
    url: Arc<str>,
    /// See [`Database::uses`].
    uses: Arc<std::sync::atomic::AtomicU64>,
}

impl Database {
    /// Opens (creating a SQLite file when needed) and migrates.
    pub async fn open(url: &str, options: OpenOptions) -> Result<Self, OpenError> {
        let fail = |message: String| OpenError { url: redacted(url), message };
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)
            .ok_or_else(|| fail("unsupported database URL: use sqlite://PATH or postgres://USER:PASSWORD@HOST/DATABASE".into()))?;
        let pool = match backend {
            Backend::Sqlite => open_sqlite(url, options).await,
            Backend::Postgres => open_postgres(url, options.acquire_timeout).await,
        }
        .map_err(fail)?;
        let migrations = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // Migrations take a database lock, so instances starting together are safe.
        migrations.run(&pool).await.map_err(|e| fail(format!("migration failed: {e}")))?;
        decisions::hash_plain_invites(&pool).await.map_err(|e| fail(format!("hashing stored invites failed: {e}")))?;
        let space = Arc::new(SpaceWatch::new(storage_place(url, backend)));
        let reach = Arc::new(Reach::new(storage_place(url, backend)));
        if backend == Backend::Postgres {
            let options = AnyConnectOptions::from_str(url).map_err(|e| fail(e.to_string()))?.disable_statement_logging();
            reach::start_probe(options, reach.clone());
        }
        let writer = results::start_writer(pool.clone(), backend, space.clone(), reach.clone());
        Ok(Database { pool, writer, backend, space, reach, url: url.into(), uses: Arc::default() })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, unless the database is known to be out of reach: then
    /// every read and write is refused at once instead of waiting for a
    /// connection that will not come.
    pub(crate) fn pool(&self) -> Result<&AnyPool, StorageError> {
        self.reach.gate()?;
        self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(&self.pool)
    }

    /// How many times storage was asked for anything (a read, a write, a new
    /// result), so tests can tell an answer from memory from one that queried.
    pub fn uses(&self) -> u64 {
        self.uses.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Rows in every table users can fill: to check that a refused request
    /// stored nothing, anywhere.
    pub async fn counts(&self) -> Result<Counts, StorageError> {
        let count = |table: &'static str| async move {
            let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(self.pool()?).await?;
            Ok::<i64, StorageError>(row.try_get("n")?)
        };
        Ok(Counts { results: count("assessments").await?, decisions: count("decisions").await?, members: count("decision_members").await? })
    }

    /// True when the database answers a trivial query within a second (a
    /// load balancer's readiness probe waits a few seconds at most). False
    /// at once while it is known to be out of reach.
    pub async fn is_reachable(&self) -> bool {
        let Ok(pool) = self.pool() else { return false };
        let outcome = tokio::time::timeout(READY_WITHIN, sqlx::query("SELECT 1").execute(pool)).await;
        match outcome {
            Ok(answer) => self.seen(answer.map_err(StorageError::from)).is_ok(),
            Err(_) => {
                self.seen::<()>(Err(StorageError::Database(sqlx::Error::PoolTimedOut))).ok();
                false
            }
        }
    }

    /// A write transaction that closes its connection on any failure.
    pub(crate) async fn write(&self) -> Result<write::Write, StorageError> {
        let begun = write::Write::begin(self.pool()?, self.backend).await;
        self.seen(begun)
    }

    /// Notes what a write came to: a full disk is logged once and reported by
    /// [`Database::readiness`] until a write succeeds again.
    pub(crate) fn noted<T>(&self, outcome: Result<T, StorageError>) -> Result<T, StorageError> {
        self.space.note(&outcome);
        self.seen(outcome)
    }

    /// Notes what a read came to: a lost connection makes the reach probe
    /// look at once.
    pub(crate) fn seen<T>(&self, outcome: Result<T, StorageError>) -> Result<T, StorageError> {
        self.reach.note(&outcome);
        outcome
    }
}

/// `/readyz` says "unreachable" when the database has not answered by then.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_millis(900);

/// What to name in logs when storage is full: the SQLite file, or the
/// PostgreSQL server (password hidden).
fn storage_place(url: &str, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => sqlite_path(url).to_string(),
        Backend::Postgres => redacted(url),
    }
}

fn sqlite_path(url: &str) -> &str {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    path.split('?').next().unwrap_or_default()
}

async fn open_sqlite(url: &str, options: OpenOptions) -> Result<AnyPool, String> {
    let path = sqlite_path(url);
    if path.is_empty() || path == ":memory:" {
        return Err("give a file: sqlite://PATH".into());
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create folder {}: {e}", dir.display()))?;
        }
    }
    let url = if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
    let connect = AnyConnectOptions::from_str(&url).map_err(|e| e.to_string())?.disable_statement_logging();
    let max_pages = options.sqlite_max_pages;
    AnyPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(options.acquire_timeout)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL",
                    "PRAGMA busy_timeout = 5000",
                    "PRAGMA foreign_keys = ON",
                ] {
                    conn.execute(pragma).await?;
                }
                if let Some(pages) = max_pages {
                    conn.execute(format!("PRAGMA max_page_count = {pages}").as_str()).await?;
                }
                Ok(())
            })
        })
        .connect_with(connect)
        .await
        .map_err(|e| e.to_string())
}

async fn open_postgres(url: &str, acquire_timeout: Duration) -> Result<AnyPool, String> {
    let options = AnyConnectOptions::from_str(url).map_err(|e| e.to_string())?.disable_statement_logging();
    // One direct connection first: a pool would only report a timeout, this
    // names the cause (refused, unknown database, wrong password).
    let probe = options.connect().await.map_err(|e| e.to_string())?;
    let _ = sqlx::Connection::close(probe).await;
    AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(acquire_timeout)
        .connect_with(options)
        .await
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redacted("postgres://app:s3cret@db:5432/crossroads"), "postgres://app:***@db:5432/crossroads");
        assert_eq!(redacted("postgres://app@db/crossroads"), "postgres://app@db/crossroads");
        assert_eq!(redacted("sqlite://data/crossroads.db"), "sqlite://data/crossroads.db");
    }

    #[test]
    fn backend_follows_the_url() {
        assert_eq!(Backend::of("sqlite://x.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::of("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of("mysql://h/db"), None);
    }
}
