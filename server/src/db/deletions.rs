//! Telling every instance that a result was deleted, so each may keep the
//! results it knows exist in memory and answer their pages without a query.
//!
//! On PostgreSQL, a deletion (or a purge) sends `pg_notify` inside its own
//! transaction, so the notification is delivered exactly when the change is
//! committed, and every instance listens on a connection of its own. An
//! instance that loses that connection has stopped hearing: it is told so
//! ([`Forget::Deaf`]), and once it listens again ([`Forget::Listening`]) it
//! forgets everything it kept, since it may have missed deletions meanwhile.
//!
//! On SQLite one process serves the file and forgets its own deletions.

use super::write::Write;
use super::{Backend, Database, StorageError};
use sqlx::postgres::PgListener;
use std::time::Duration;
use tokio::sync::mpsc;

/// The channel deletions are announced on.
const CHANNEL: &str = "crossroads_results_deleted";
/// How long connecting and starting to listen may take before trying again,
/// and the pause between attempts.
const CONNECT_WITHIN: Duration = Duration::from_secs(2);
const RETRY_AFTER: Duration = Duration::from_millis(250);

/// What an instance must forget of the results it keeps in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Forget {
    /// This result was deleted.
    Result(String),
    /// Results were purged: forget every one kept.
    Everything,
    /// Deletions are no longer heard: trust nothing kept until listening again.
    Deaf,
    /// Listening (again): forget everything kept, which may include a result
    /// deleted while nobody listened, and trust what is kept from now on.
    Listening,
}

impl Database {
    /// Announces, inside `write`'s transaction, that results were removed:
    /// one (`Forget::Result`) or any number (`Forget::Everything`).
    pub(super) async fn announce(&self, write: &mut Write, forget: Forget) -> Result<(), StorageError> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        // An empty payload means every result (a purge may remove thousands,
        // more than one notification's 8000 bytes can name).
        let payload = match forget {
            Forget::Result(id) => id,
            _ => String::new(),
        };
        sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(write.conn()).await?;
        Ok(())
    }

    /// What this instance must forget, as other instances (and this one)
    /// delete results; `None` on SQLite, where this process makes every
    /// deletion itself. The first message is [`Forget::Listening`] once the
    /// listening connection is up.
    pub fn deletions(&self) -> Option<mpsc::UnboundedReceiver<Forget>> {
        if self.backend != Backend::Postgres {
            return None;
        }
        let (tell, heard) = mpsc::unbounded_channel();
        tokio::spawn(listen(self.url.clone(), tell));
        Some(heard)
    }
}

/// Listens until nobody reads what it hears, reconnecting whenever the
/// connection is lost.
async fn listen(url: std::sync::Arc<str>, tell: mpsc::UnboundedSender<Forget>) {
    let mut deaf_since_start = true;
    loop {
        if let Some(mut listener) = connect(&url).await {
            if !deaf_since_start {
                tracing::info!("listening for deleted results again; results kept in memory were forgotten");
            }
            if tell.send(Forget::Listening).is_err() {
                return;
            }
            deaf_since_start = false;
            // `None` is a lost connection; an error is too, for this purpose.
            while let Ok(Some(notification)) = listener.try_recv().await {
                let forget = match notification.payload() {
                    "" => Forget::Everything,
                    id => Forget::Result(id.to_string()),
                };
                if tell.send(forget).is_err() {
                    return;
                }
            }
            tracing::warn!("the connection that hears deleted results was lost: result pages query the database until it is back");
            if tell.send(Forget::Deaf).is_err() {
                return;
            }
        } else if tell.is_closed() {
            return;
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
}

async fn connect(url: &str) -> Option<PgListener> {
    let attempt = async {
        let mut listener = PgListener::connect(url).await?;
        // A lost connection is reported at once and replaced here, not
        // silently re-established inside the listener.
        listener.eager_reconnect(false);
        listener.listen(CHANNEL).await?;
        Ok::<_, sqlx::Error>(listener)
    };
    tokio::time::timeout(CONNECT_WITHIN, attempt).await.ok()?.ok()
}
