//! The wizard's drafts: the answers given so far, kept under a random id the
//! browser holds in a cookie. A draft is only ever the visitor's own working
//! copy; a stored result never depends on one.

use super::tokens::{is_token, new_token};
use super::{Database, StorageError};
use crate::clock;
use crossroads_domain::PlanAnswers;
use sqlx::Row;

impl Database {
    /// The draft `id`, if it exists and reads (an unreadable one is as good as none).
    pub async fn draft(&self, id: &str) -> Result<Option<PlanAnswers>, StorageError> {
        if !is_token(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT body FROM drafts WHERE id = $1").bind(id).fetch_optional(self.pool()?).await?;
        Ok(row.and_then(|row| row.try_get::<String, _>("body").ok()).and_then(|body| serde_json::from_str(&body).ok()))
    }

    /// Saves `draft` under `id` (a new id when `None` or not a draft's id);
    /// returns the id it is kept under.
    pub async fn save_draft(&self, id: Option<&str>, draft: &PlanAnswers) -> Result<String, StorageError> {
        let body = serde_json::to_string(draft)?;
        let now = clock::now_rfc3339();
        let save = async {
            let mut write = self.write().await?;
            let id = match id.filter(|id| is_token(id)) {
                Some(id) => {
                    let updated = sqlx::query("UPDATE drafts SET body = $1, updated_at = $2 WHERE id = $3")
                        .bind(&body)
                        .bind(&now)
                        .bind(id)
                        .execute(write.conn())
                        .await?
                        .rows_affected();
                    (updated == 1).then(|| id.to_string())
                }
                None => None,
            };
            let id = match id {
                Some(id) => id,
                None => {
                    let id = new_token();
                    sqlx::query("INSERT INTO drafts (id, body, updated_at) VALUES ($1, $2, $3)").bind(&id).bind(&body).bind(&now).execute(write.conn()).await?;
                    id
                }
            };
            write.commit().await?;
            Ok(id)
        };
        self.noted(save.await)
    }

    /// Removes drafts untouched since `cutoff` (RFC 3339); returns how many.
    pub async fn purge_drafts(&self, cutoff: &str) -> Result<u64, StorageError> {
        let purge = async {
            let mut write = self.write().await?;
            let removed = sqlx::query("DELETE FROM drafts WHERE updated_at < $1").bind(cutoff).execute(write.conn()).await?.rows_affected();
            write.commit().await?;
            Ok(removed)
        };
        self.noted(purge.await)
    }
}
