//! Durable storage of results and team decisions, behind one interface for
//! both back ends, chosen by the database URL:
//!
//! - `sqlite://PATH` (the default): one file, WAL, full sync; the folder and
//!   file are created on first run.
//! - `postgres://USER:PASSWORD@HOST:PORT/DATABASE`: for several instances
//!   sharing one database.
//!
//! Queries are written once, in the SQL both understand (`$1` parameters);
//! each back end has its own migrations. Results are only ever inserted.

use crate::error::StartupError;
use app::result::StoredResult;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor, Row};
use std::str::FromStr;
use tokio::sync::{mpsc, oneshot};

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
    Database(#[from] sqlx::Error),
    #[error("stored data is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("the database writer has stopped")]
    WriterGone,
}

#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
    /// New results go through one writer task that commits them in batches
    /// (group commit): one fsync for many results, each caller answered only
    /// after its row is durably committed.
    writer: mpsc::Sender<(StoredResult, oneshot::Sender<Result<(), StorageError>>)>,
}

/// Most results committed in one transaction.
const BATCH: usize = 128;

async fn write_batches(pool: AnyPool, mut queue: mpsc::Receiver<(StoredResult, oneshot::Sender<Result<(), StorageError>>)>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        match insert_all(&pool, batch.iter().map(|(r, _)| r)).await {
            Ok(()) => {
                for (_, reply) in batch {
                    let _ = reply.send(Ok(()));
                }
            }
            // One bad row must not fail the others: retry them one by one.
            Err(_) => {
                for (result, reply) in batch {
                    let _ = reply.send(insert_all(&pool, std::iter::once(&result)).await);
                }
            }
        }
    }
}

async fn insert_all<'a>(pool: &AnyPool, results: impl Iterator<Item = &'a StoredResult>) -> Result<(), StorageError> {
    let mut tx = pool.begin().await?;
    for result in results {
        let answers = serde_json::to_string(&result.snapshot.assessment.answers)?;
        let snapshot = serde_json::to_string(&result.snapshot)?;
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, questionnaire_hash, answers_json, result_json, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&result.id)
        .bind(&result.questionnaire_version)
        .bind(&result.questionnaire_fingerprint)
        .bind(answers)
        .bind(snapshot)
        .bind(&result.created_at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

impl Database {
    pub async fn open(url: &str) -> Result<Self, StartupError> {
        let fail = |message: String| StartupError::Database { url: redacted(url), message };
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)
            .ok_or_else(|| fail("unsupported database URL: use sqlite://PATH or postgres://USER:PASSWORD@HOST/DATABASE".into()))?;
        let pool = match backend {
            Backend::Sqlite => open_sqlite(url).await,
            Backend::Postgres => open_postgres(url).await,
        }
        .map_err(fail)?;
        let migrations = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // Migrations take a database lock, so instances starting together are safe.
        migrations.run(&pool).await.map_err(|e| fail(format!("migration failed: {e}")))?;
        let (writer, queue) = mpsc::channel(4096);
        tokio::spawn(write_batches(pool.clone(), queue));
        Ok(Database { pool, writer, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Stores a new result. Returns only once the row is durably committed.
    pub async fn insert(&self, result: &StoredResult) -> Result<(), StorageError> {
        let (reply, answer) = oneshot::channel();
        self.writer.send((result.clone(), reply)).await.map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }

    pub async fn get(&self, id: &str) -> Result<Option<StoredResult>, StorageError> {
        let row = sqlx::query(
            "SELECT id, questionnaire_version, questionnaire_hash, result_json, created_at FROM assessments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let snapshot: String = row.try_get("result_json")?;
        Ok(Some(StoredResult {
            id: row.try_get("id")?,
            questionnaire_version: row.try_get("questionnaire_version")?,
            questionnaire_fingerprint: row.try_get("questionnaire_hash")?,
            created_at: row.try_get("created_at")?,
            snapshot: serde_json::from_str(&snapshot)?,
        }))
    }

    pub async fn count(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM assessments").fetch_one(&self.pool).await?.try_get("n")?)
    }
}

async fn open_sqlite(url: &str) -> Result<AnyPool, String> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err("give a file: sqlite://PATH".into());
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create folder {}: {e}", dir.display()))?;
        }
    }
    let url = if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
    let options = AnyConnectOptions::from_str(&url).map_err(|e| e.to_string())?.disable_statement_logging();
    AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL",
                    "PRAGMA busy_timeout = 5000",
                    "PRAGMA foreign_keys = ON",
                ] {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| e.to_string())
}

async fn open_postgres(url: &str) -> Result<AnyPool, String> {
    let options = AnyConnectOptions::from_str(url).map_err(|e| e.to_string())?.disable_statement_logging();
    // One direct connection first: a pool would only report a timeout, this
    // names the cause (refused, unknown database, wrong password).
    let probe = options.connect().await.map_err(|e| e.to_string())?;
    let _ = sqlx::Connection::close(probe).await;
    AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(std::time::Duration::from_secs(10))
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
