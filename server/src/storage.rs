//! Durable storage of results. SQLite by default (WAL, full sync); the database
//! folder and file are created on first run. Results are only ever inserted.

use crate::error::StartupError;
use app::result::StoredResult;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use tokio::sync::{mpsc, oneshot};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

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
    pool: SqlitePool,
    /// New results go through one writer task that commits them in batches
    /// (group commit): one fsync for many results, each caller answered only
    /// after its row is durably committed.
    writer: mpsc::Sender<(StoredResult, oneshot::Sender<Result<(), StorageError>>)>,
}

/// Most results committed in one transaction.
const BATCH: usize = 128;

async fn write_batches(pool: SqlitePool, mut queue: mpsc::Receiver<(StoredResult, oneshot::Sender<Result<(), StorageError>>)>) {
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

async fn insert_all<'a>(pool: &SqlitePool, results: impl Iterator<Item = &'a StoredResult>) -> Result<(), StorageError> {
    let mut tx = pool.begin().await?;
    for result in results {
        let answers = serde_json::to_string(&result.snapshot.assessment.answers)?;
        let snapshot = serde_json::to_string(&result.snapshot)?;
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, questionnaire_hash, answers_json, result_json, created_at)
             VALUES (?, ?, ?, ?, ?, ?)",
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
        let fail = |message: String| StartupError::Database { url: url.to_string(), message };
        let Some(path) = url.strip_prefix("sqlite://") else {
            return Err(fail("unsupported database URL: use sqlite://PATH".into()));
        };
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| fail(format!("cannot create folder {}: {e}", dir.display())))?;
            }
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| fail(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(std::time::Duration::from_secs(5))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| fail(e.to_string()))?;
        SQLITE_MIGRATIONS.run(&pool).await.map_err(|e| fail(format!("migration failed: {e}")))?;
        let (writer, queue) = mpsc::channel(4096);
        tokio::spawn(write_batches(pool.clone(), queue));
        Ok(Database { pool, writer })
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
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
            "SELECT id, questionnaire_version, questionnaire_hash, result_json, created_at FROM assessments WHERE id = ?",
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
