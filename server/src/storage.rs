//! Durable storage of results. SQLite by default (WAL, full sync); the database
//! folder and file are created on first run. Results are only ever inserted.

use crate::error::StartupError;
use app::result::StoredResult;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

#[derive(Clone)]
pub struct Database {
    pool: SqlitePool,
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
        Ok(Database { pool })
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
        .execute(&self.pool)
        .await?;
        Ok(())
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
