//! Stored results: written once through a group-commit writer, read by id.
//! Results are only ever inserted.

use super::tokens::{hash_token, is_token};
use super::reach::Reach;
use super::space::SpaceWatch;
use super::write::Write;
use super::deletions::Forget;
use super::{Backend, Database, StorageError};
use crate::{clock, ids};
use crossroads_domain::StoredResult;
use sqlx::{AnyPool, Row};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// New results go through one writer task that commits them in batches
/// (group commit): one fsync for many results, each caller answered only
/// after its row is durably committed.
pub(super) type Writer = mpsc::Sender<Pending>;

/// A result to store, who may remove it, and whom to tell.
pub(super) type Pending = (StoredResult, Custody, oneshot::Sender<Result<(), StorageError>>);

/// Who stands behind a new result.
#[derive(Clone, Debug, Default)]
pub struct Custody {
    /// The signed-in creator, shown to them alone.
    pub created_by: Option<String>,
    /// The SHA-256 of the token that lets its creator delete it.
    pub delete_token_hash: Option<String>,
    /// Never removed by retention (the home page's examples).
    pub kept: bool,
}

/// What a result page must know before answering.
#[derive(Debug, PartialEq, Eq)]
pub struct Standing {
    /// The signed-in creator, if any.
    pub created_by: Option<String>,
    /// Deleted by its creator: the link answers 410 Gone.
    pub deleted: bool,
}

/// What came of a request to delete a result.
#[derive(Debug, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    /// Deleted before.
    Gone,
    /// The token does not fit (or the result has none).
    Refused,
    Missing,
}

pub(super) fn start_writer(pool: AnyPool, backend: Backend, space: Arc<SpaceWatch>, reach: Arc<Reach>) -> Writer {
    let (writer, queue) = mpsc::channel(4096);
    tokio::spawn(write_batches(pool, backend, space, reach, queue));
    writer
}

/// Most results committed in one transaction.
const BATCH: usize = 128;

async fn write_batches(pool: AnyPool, backend: Backend, space: Arc<SpaceWatch>, reach: Arc<Reach>, mut queue: mpsc::Receiver<Pending>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        // Queued before the database was found out of reach: refused now, not
        // after waiting for a connection.
        let outcome = match reach.gate() {
            Ok(()) => insert_all(&pool, backend, batch.iter().map(|(r, custody, _)| (r, custody))).await,
            Err(refused) => Err(refused),
        };
        space.note(&outcome);
        reach.note(&outcome);
        match outcome {
            Ok(()) => {
                for (_, _, reply) in batch {
                    let _ = reply.send(Ok(()));
                }
            }
            // One bad row must not fail the others: retry them one by one,
            // unless the failure is one no row can get past (a full disk, an
            // unreachable database), which every caller hears at once.
            Err(error) if batch.len() > 1 && !is_shared(&error) => {
                for (result, custody, reply) in batch {
                    let outcome = insert_all(&pool, backend, std::iter::once((&result, &custody))).await;
                    space.note(&outcome);
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                let text = error.to_string();
                let (full, unreachable) = (error.is_full(), error.is_unreachable());
                let mut first = Some(error);
                for (_, _, reply) in batch {
                    let each = first.take().unwrap_or_else(|| match (full, unreachable) {
                        (true, _) => StorageError::Full(text.clone()),
                        (_, true) => StorageError::Unreachable(text.clone()),
                        _ => StorageError::Database(sqlx::Error::Protocol(text.clone())),
                    });
                    let _ = reply.send(Err(each));
                }
            }
        }
    }
}

/// A failure that is not about one row.
fn is_shared(error: &StorageError) -> bool {
    match error {
        StorageError::Full(_) | StorageError::WriterGone | StorageError::Unreachable(_) => true,
        StorageError::Database(e) => !matches!(e, sqlx::Error::Database(_)),
        StorageError::Corrupt(_) => false,
    }
}

/// Inserts results in one transaction, committed before this returns `Ok`.
async fn insert_all<'a>(
    pool: &AnyPool,
    backend: Backend,
    results: impl Iterator<Item = (&'a StoredResult, &'a Custody)>,
) -> Result<(), StorageError> {
    let mut write = Write::begin(pool, backend).await?;
    for (result, custody) in results {
        let snapshot = serde_json::to_string(&result.snapshot)?;
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, questionnaire_hash, result_json, created_at, created_by, delete_token_hash, kept)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&result.id)
        .bind(&result.questionnaire_version)
        .bind(&result.questionnaire_fingerprint)
        .bind(snapshot)
        .bind(&result.created_at)
        .bind(&custody.created_by)
        .bind(&custody.delete_token_hash)
        .bind(i64::from(custody.kept))
        .execute(write.conn())
        .await?;
    }
    write.commit().await
}

impl Database {
    /// Stores a new result. Returns only once the row is durably committed.
    pub async fn insert(&self, result: &StoredResult, custody: Custody) -> Result<(), StorageError> {
        self.pool()?;
        let (reply, answer) = oneshot::channel();
        self.writer.send((result.clone(), custody, reply)).await.map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }

    pub async fn get(&self, id: &str) -> Result<Option<StoredResult>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT id, questionnaire_version, questionnaire_hash, result_json, created_at FROM assessments WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.pool()?)
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

    /// Result `id` with its standing, in one query: `None` if it never
    /// existed; a deleted one has no result.
    pub async fn lookup(&self, id: &str) -> Result<Option<(Standing, Option<StoredResult>)>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT id, questionnaire_version, questionnaire_hash, result_json, created_at, created_by, deleted_at FROM assessments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool()?)
        .await
        .map_err(StorageError::from);
        let row = self.seen(row)?;
        let Some(row) = row else { return Ok(None) };
        let standing = Standing { created_by: row.try_get("created_by")?, deleted: row.try_get::<Option<String>, _>("deleted_at")?.is_some() };
        if standing.deleted {
            return Ok(Some((standing, None)));
        }
        let snapshot: String = row.try_get("result_json")?;
        let result = StoredResult {
            id: row.try_get("id")?,
            questionnaire_version: row.try_get("questionnaire_version")?,
            questionnaire_fingerprint: row.try_get("questionnaire_hash")?,
            created_at: row.try_get("created_at")?,
            snapshot: serde_json::from_str(&snapshot)?,
        };
        Ok(Some((standing, Some(result))))
    }

    /// Whether result `id` exists, was deleted, and who created it: what a
    /// page must know before it may answer from a cache.
    pub async fn standing(&self, id: &str) -> Result<Option<Standing>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT created_by, deleted_at FROM assessments WHERE id = $1").bind(id).fetch_optional(self.pool()?).await?;
        row.map(|r| {
            Ok(Standing {
                created_by: r.try_get("created_by")?,
                deleted: r.try_get::<Option<String>, _>("deleted_at")?.is_some(),
            })
        })
        .transpose()
    }

    /// Whether `token` is the delete token of result `id` (held by whoever created it).
    pub async fn holds_result_token(&self, id: &str, token: &str) -> Result<bool, StorageError> {
        if !ids::is_valid(id) || !is_token(token) {
            return Ok(false);
        }
        let row = sqlx::query("SELECT 1 FROM assessments WHERE id = $1 AND delete_token_hash = $2 AND deleted_at IS NULL")
            .bind(id)
            .bind(hash_token(token))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Deletes result `id` if `token` is its delete token: its content goes,
    /// its id stays so that its link answers 410 Gone; a team leaves it out.
    pub async fn delete_result(&self, id: &str, token: &str) -> Result<Deletion, StorageError> {
        if !ids::is_valid(id) {
            return Ok(Deletion::Missing);
        }
        let row = sqlx::query("SELECT delete_token_hash, deleted_at FROM assessments WHERE id = $1").bind(id).fetch_optional(self.pool()?).await?;
        let Some(row) = row else { return Ok(Deletion::Missing) };
        if row.try_get::<Option<String>, _>("deleted_at")?.is_some() {
            return Ok(Deletion::Gone);
        }
        let expected: Option<String> = row.try_get("delete_token_hash")?;
        if !is_token(token) || expected.as_deref() != Some(hash_token(token).as_str()) {
            return Ok(Deletion::Refused);
        }
        let erase = async {
            let mut write = self.write().await?;
            // The decisions that used it change first: once the members'
            // links are cleared, nothing would find them.
            sqlx::query("UPDATE decisions SET revision = revision + 1 WHERE id IN (SELECT decision_id FROM decision_members WHERE assessment_id = $1)")
                .bind(id)
                .execute(write.conn())
                .await?;
            sqlx::query("UPDATE decision_members SET assessment_id = NULL WHERE assessment_id = $1").bind(id).execute(write.conn()).await?;
            sqlx::query("UPDATE assessments SET result_json = '{}', created_by = NULL, delete_token_hash = NULL, deleted_at = $1 WHERE id = $2")
                .bind(clock::now_rfc3339())
                .bind(id)
                .execute(write.conn())
                .await?;
            self.announce(&mut write, Forget::Result(id.to_string())).await?;
            write.commit().await
        };
        self.noted(erase.await)?;
        Ok(Deletion::Deleted)
    }

    /// Results created before `cutoff` (RFC 3339) that no open decision uses
    /// and that are not kept: with `dry_run` false, removed. Returns their
    /// ids, so the caller can forget anything kept in memory that shows them.
    pub async fn purge(&self, cutoff: &str, dry_run: bool) -> Result<Vec<String>, StorageError> {
        const EXPIRED: &str = "created_at < $1 AND kept = 0 AND id NOT IN (
            SELECT m.assessment_id FROM decision_members m JOIN decisions d ON d.id = m.decision_id
            WHERE d.closed = 0 AND m.assessment_id IS NOT NULL)";
        let remove = async {
            let mut write = self.write().await?;
            let rows = sqlx::query(&format!("SELECT id FROM assessments WHERE {EXPIRED}")).bind(cutoff).fetch_all(write.conn()).await?;
            let ids = rows.iter().map(|row| row.try_get::<String, _>("id")).collect::<Result<Vec<_>, _>>()?;
            if dry_run || ids.is_empty() {
                write.rollback().await?;
                return Ok(ids);
            }
            // Closed decisions keep their members; the expired answers leave
            // them, and the decisions change (their pages are recomputed).
            sqlx::query(&format!(
                "UPDATE decisions SET revision = revision + 1 WHERE id IN (
                    SELECT decision_id FROM decision_members WHERE assessment_id IN (SELECT id FROM assessments WHERE {EXPIRED}))"
            ))
            .bind(cutoff)
            .execute(write.conn())
            .await?;
            sqlx::query(&format!(
                "UPDATE decision_members SET assessment_id = NULL WHERE assessment_id IN (SELECT id FROM assessments WHERE {EXPIRED})"
            ))
            .bind(cutoff)
            .execute(write.conn())
            .await?;
            sqlx::query(&format!("DELETE FROM assessments WHERE {EXPIRED}")).bind(cutoff).execute(write.conn()).await?;
            self.announce(&mut write, Forget::Everything).await?;
            write.commit().await?;
            Ok(ids)
        };
        self.noted(remove.await)
    }

    pub async fn count(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM assessments").fetch_one(self.pool()?).await?.try_get("n")?)
    }
}
