//! The decision log in storage: listed decisions filtered by status and tag,
//! searched with the database's own full-text search (SQLite FTS5, PostgreSQL
//! `tsvector`), and the owner's log settings (listed or not, tags).

use super::decisions::record;
use super::{Backend, Database, StorageError};
use crate::ids;
use sqlx::Row;

/// What to list. Words are searched as words: never as query syntax.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    pub status: Option<String>,
    /// One tag, as stored (lower case).
    pub tag: Option<String>,
    /// Every word must occur in the title, the context or the tags.
    pub words: Vec<String>,
    /// Most due first instead of newest first; `today` (`YYYY-MM-DD`) decides
    /// which review dates have come.
    pub by_due: bool,
    pub today: String,
    pub offset: i64,
    pub limit: i64,
}

/// One listed decision, as stored; the service decides what of it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub id: String,
    pub title: String,
    pub context: String,
    pub anonymous: bool,
    pub status: String,
    pub status_at: Option<String>,
    pub review_by: Option<String>,
    pub review_due: bool,
    pub tags: Vec<String>,
    pub created_at: String,
    pub owner_identity: Option<String>,
    /// The owner's display name, when they joined their own decision.
    pub owner_name: Option<String>,
}

/// Whether a decision is listed, and its tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSettings {
    pub listed: bool,
    pub tags: Vec<String>,
}

pub fn tags_of(stored: &str) -> Vec<String> {
    stored.lines().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// An FTS5 query in which every word is a quoted string (quotes doubled), so
/// `*`, `-`, `NEAR(`, `AND` or a lone quote are text to find, never syntax.
fn fts5_query(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

/// `%` and `_` in a tag match themselves.
fn like_escaped(text: &str) -> String {
    text.replace('!', "!!").replace('%', "!%").replace('_', "!_")
}

impl Database {
    /// Listed decisions matching `filter`, at most `filter.limit`.
    pub async fn decision_log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, StorageError> {
        let mut conditions = vec!["d.listed = 1".to_string()];
        let mut values: Vec<String> = Vec::new();
        let mut bind = |value: String| {
            values.push(value);
            format!("${}", values.len())
        };
        if let Some(status) = &filter.status {
            conditions.push(format!("d.status = {}", bind(status.clone())));
        }
        if let Some(tag) = &filter.tag {
            // Tags are stored one per line: match a whole line.
            let newline = bind("\n".into());
            let pattern = bind(format!("%\n{}\n%", like_escaped(tag)));
            conditions.push(format!("({newline} || d.tags || {newline}) LIKE {pattern} ESCAPE '!'"));
        }
        if !filter.words.is_empty() {
            conditions.push(match self.backend() {
                Backend::Sqlite => format!(
                    "d.id IN (SELECT decision_id FROM decision_search WHERE decision_search MATCH {})",
                    bind(fts5_query(&filter.words))
                ),
                // The same expression as the index (migration 0014), so it is used.
                Backend::Postgres => format!(
                    "to_tsvector('simple', d.title || ' ' || d.context || ' ' || d.tags) @@ plainto_tsquery('simple', {})",
                    bind(filter.words.join(" "))
                ),
            });
        }
        let order = if filter.by_due {
            let today = bind(filter.today.clone());
            format!(
                "CASE WHEN d.review_due = 1 OR d.review_by <= {today} THEN 0 ELSE 1 END, \
                 CASE WHEN d.review_by IS NULL THEN 1 ELSE 0 END, d.review_by, d.created_at DESC, d.id"
            )
        } else {
            "d.created_at DESC, d.id".to_string()
        };
        let sql = format!(
            "SELECT d.id, d.title, d.context, d.anonymous, d.status, d.status_at, d.review_by, d.review_due, d.tags,
                    d.created_at, d.owner_identity, m.name AS owner_name
             FROM decisions d
             LEFT JOIN decision_members m ON m.decision_id = d.id AND m.identity = d.owner_identity
             WHERE {}
             ORDER BY {order}
             LIMIT {} OFFSET {}",
            conditions.join(" AND "),
            filter.limit.max(0),
            filter.offset.max(0),
        );
        let mut query = sqlx::query(&sql);
        for value in values {
            query = query.bind(value);
        }
        let rows = query.fetch_all(self.pool()?).await?;
        rows.iter().map(entry_from).collect::<Result<_, sqlx::Error>>().map_err(StorageError::from)
    }

    pub async fn log_settings(&self, id: &str) -> Result<Option<LogSettings>, StorageError> {
        if !ids::is_valid(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT listed, tags FROM decisions WHERE id = $1").bind(id).fetch_optional(self.pool()?).await?;
        let settings = row
            .map(|r| Ok::<_, sqlx::Error>(LogSettings { listed: r.try_get::<i64, _>("listed")? != 0, tags: tags_of(&r.try_get::<String, _>("tags")?) }))
            .transpose()?;
        Ok(settings)
    }

    /// The owner's log settings, each change a line in the history, with a
    /// new revision; nothing changes when nothing differs.
    pub async fn set_log_settings(&self, id: &str, settings: &LogSettings) -> Result<(), StorageError> {
        let Some(before) = self.log_settings(id).await? else { return Ok(()) };
        let mut actions = Vec::new();
        if before.listed != settings.listed {
            actions.push(if settings.listed { "listed the decision in the decision log".to_string() } else { "kept the decision out of the decision log".to_string() });
        }
        if before.tags != settings.tags {
            actions.push(if settings.tags.is_empty() {
                "removed the tags".to_string()
            } else {
                format!("set the tags to {}", settings.tags.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join(", "))
            });
        }
        if actions.is_empty() {
            return Ok(());
        }
        let apply = async {
            let mut write = self.write().await?;
            sqlx::query("UPDATE decisions SET listed = $1, tags = $2, revision = revision + 1 WHERE id = $3")
                .bind(i64::from(settings.listed))
                .bind(settings.tags.join("\n"))
                .bind(id)
                .execute(write.conn())
                .await?;
            for action in &actions {
                record(write.conn(), id, action).await?;
            }
            write.commit().await
        };
        self.noted(apply.await)
    }
}

fn entry_from(row: &sqlx::any::AnyRow) -> Result<LogEntry, sqlx::Error> {
    Ok(LogEntry {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        context: row.try_get("context")?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        status: row.try_get("status")?,
        status_at: row.try_get("status_at")?,
        review_by: row.try_get("review_by")?,
        review_due: row.try_get::<i64, _>("review_due")? != 0,
        tags: tags_of(&row.try_get::<String, _>("tags")?),
        created_at: row.try_get("created_at")?,
        owner_identity: row.try_get("owner_identity")?,
        owner_name: row.try_get("owner_name")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_a_quoted_string() {
        let words = ["NEAR(".to_string(), "a\"b".to_string(), "*".to_string()];
        assert_eq!(fts5_query(&words), "\"NEAR(\" \"a\"\"b\" \"*\"");
    }

    #[test]
    fn like_patterns_match_themselves() {
        assert_eq!(like_escaped("50%_off!"), "50!%!_off!!");
    }
}
