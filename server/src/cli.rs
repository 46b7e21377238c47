//! The command line: serving (no subcommand) and the maintenance commands.
//! Each command prints what it did or every problem it found; a failure
//! exits 1, a command line clap cannot read exits 2 with the usage.

use crate::clock;
use crate::config::Config;
use crate::content::Content;
use crate::db::{redacted, Database, OpenOptions};
use crate::embedded;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(name = "crossroads", version, about = "Decide how to structure and run a system")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a content folder exactly as start-up does; print every problem with its file and line.
    Check {
        /// The folder to check (default: CROSSROADS_CONTENT_DIR, else the built-in content).
        dir: Option<PathBuf>,
    },
    /// Write the built-in content into DIR, as a starting point for your own.
    ExportContent { dir: PathBuf },
    /// Remove results older than DAYS (at least 1) that no open decision uses (examples are kept).
    Purge {
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
        /// Only say how many would go.
        #[arg(long)]
        dry_run: bool,
    },
    /// Copy the SQLite database to FILE consistently, while the server may run.
    Backup { file: PathBuf },
    /// Team decisions over time.
    Decisions {
        #[command(subcommand)]
        command: DecisionsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DecisionsCommand {
    /// List decisions due for review, one a line: id, title, review date, why (tab-separated); nothing when none is due.
    Due,
}

/// Runs a maintenance command; `Err` is the message to print (exit 1).
pub async fn run_command(config: &Config, command: Command) -> Result<String, String> {
    match command {
        Command::Check { dir } => {
            let unpacked;
            let (dir, name) = match dir.or_else(|| config.content_dir.clone()) {
                Some(dir) => (dir.clone(), dir.display().to_string()),
                None => {
                    unpacked = embedded::content().map_err(|e| format!("cannot unpack the built-in content: {e}"))?;
                    (unpacked.path().to_path_buf(), "the built-in content".to_string())
                }
            };
            let content = Content::load(&dir).map_err(|e| e.to_string())?;
            Ok(format!(
                "{name}: ok: questionnaire version {}, {} questions, {} guide pages, {} examples",
                content.questionnaire.version,
                content.questionnaire.questions.len(),
                content.guide.pages().len(),
                content.examples.len()
            ))
        }
        Command::ExportContent { dir } => {
            let written = embedded::export_content(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            Ok(format!("{written} files written to {}; point CROSSROADS_CONTENT_DIR at it", dir.display()))
        }
        Command::Purge { older_than, dry_run } => {
            // As CROSSROADS_RETENTION_DAYS: 0 would remove every result no open decision uses.
            if older_than == 0 {
                return Err("purge --older-than: must be at least 1 (0 would remove every result that no open decision uses)".into());
            }
            let db = open(config).await?;
            let cutoff = days_ago(older_than);
            let count = db.purge(&cutoff, dry_run).await.map(|ids| ids.len()).map_err(|e| format!("database {}: {e}", redacted(&config.database_url)))?;
            Ok(if dry_run {
                format!("{count} result(s) created before {cutoff} would be removed")
            } else {
                format!("{count} result(s) created before {cutoff} removed")
            })
        }
        Command::Backup { file } => {
            let db = open(config).await?;
            db.backup(&file).await?;
            Ok(format!("{} written", file.display()))
        }
        Command::Decisions { command: DecisionsCommand::Due } => {
            let db = open(config).await?;
            let due = db.due_for_review().await.map_err(|e| format!("database {}: {e}", redacted(&config.database_url)))?;
            Ok(due_lines(&due))
        }
    }
}

/// Decisions due for review, one a line, tab-separated (tabs and line
/// breaks in a title become spaces, so every line splits the same way).
pub fn due_lines(due: &[crate::db::Due]) -> String {
    let flat = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    due.iter()
        .map(|d| format!("{}\t{}\t{}\t{}", d.id, flat(&d.title), d.review_by.as_deref().unwrap_or("-"), flat(&d.reason)))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn open(config: &Config) -> Result<Database, String> {
    Database::open(&config.database_url, OpenOptions::new(Duration::from_secs(10))).await.map_err(|e| e.to_string())
}

/// The RFC 3339 time `days` days ago.
pub fn days_ago(days: u32) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    clock::rfc3339(now.saturating_sub(u64::from(days) * 86_400))
}
