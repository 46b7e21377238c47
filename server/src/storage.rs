//! Durable storage of results. SQLite by default; the database folder and file are
//! created on first run.

use crate::error::StartupError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

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
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| fail(e.to_string()))?;
        SQLITE_MIGRATIONS.run(&pool).await.map_err(|e| fail(format!("migration failed: {e}")))?;
        Ok(Database { pool })
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
