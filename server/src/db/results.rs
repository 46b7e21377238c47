//! Stored results: written once through a group-commit writer, read by id.
//! Results are only ever inserted.

use super::{Database, StorageError};
use crate::ids;
use crossroads_domain::StoredResult;
use sqlx::{AnyPool, Row};
use tokio::sync::{mpsc, oneshot};

/// New results go through one writer task that commits them in batches
/// (group commit): one fsync for many results, each caller answered only
/// after its row is durably committed.
pub(super) type Writer = mpsc::Sender<Pending>;

/// A result to store, who created it (when signed in), and whom to tell.
pub(super) type Pending = (StoredResult, Option<String>, oneshot::Sender<Result<(), StorageError>>);

pub(super) fn start_writer(pool: AnyPool) -> Writer {
    let (writer, queue) = mpsc::channel(4096);
    tokio::spawn(write_batches(pool, queue));
    writer
}

/// Most results committed in one transaction.
const BATCH: usize = 128;

async fn write_batches(pool: AnyPool, mut queue: mpsc::Receiver<Pending>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        match insert_all(&pool, batch.iter().map(|(r, by, _)| (r, by.as_deref()))).await {
            Ok(()) => {
                for (_, _, reply) in batch {
                    let _ = reply.send(Ok(()));
                }
            }
            // One bad row must not fail the others: retry them one by one.
            Err(_) => {
                for (result, by, reply) in batch {
                    let _ = reply.send(insert_all(&pool, std::iter::once((&result, by.as_deref()))).await);
                }
            }
        }
    }
}

async fn insert_all<'a>(pool: &AnyPool, results: impl Iterator<Item = (&'a StoredResult, Option<&'a str>)>) -> Result<(), StorageError> {
    let mut tx = pool.begin().await?;
    for (result, created_by) in results {
        let snapshot = serde_json::to_string(&result.snapshot)?;
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, questionnaire_hash, result_json, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&result.id)
        .bind(&result.questionnaire_version)
        .bind(&result.questionnaire_fingerprint)
        .bind(snapshot)
        .bind(&result.created_at)
        .bind(created_by)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

impl Database {
    /// Stores a new result, with who created it when someone is signed in.
    /// Returns only once the row is durably committed.
    pub async fn insert(&self, result: &StoredResult, created_by: Option<&str>) -> Result<(), StorageError> {
        let (reply, answer) = oneshot::channel();
        self.writer.send((result.clone(), created_by.map(str::to_string), reply)).await.map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }

    pub async fn get(&self, id: &str) -> Result<Option<StoredResult>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
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

    /// Who created result `id`, if it was created signed in.
    pub async fn created_by(&self, id: &str) -> Result<Option<String>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT created_by FROM assessments WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get::<Option<String>, _>("created_by")).transpose()?.flatten())
    }

    pub async fn count(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM assessments").fetch_one(&self.pool).await?.try_get("n")?)
    }
}
