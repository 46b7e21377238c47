//! Example results for the home page, read from `content/examples.toml` and
//! stored like any other result. Their ids derive from the questionnaire's
//! fingerprint, so a changed questionnaire gets fresh examples while links to
//! earlier ones keep working.

use crate::config::Config;
use crate::db::{redacted, Custody, Database, StorageError};
use crate::startup::StartupError;
use crate::{clock, ids};
use app::page::Example;
use crossroads_domain::text::line_of;
use crossroads_domain::{assess, Answers, Assessment, Questionnaire, ResultSnapshot, StoredResult};
use std::path::Path;
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub const EXAMPLES_FILE: &str = "examples.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesFile {
    examples: Vec<ExampleSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleSource {
    title: String,
    blurb: String,
    answers: Answers,
}


/// An example, scored with the questionnaire.
pub struct Scored {
    pub title: String,
    pub blurb: String,
    pub assessment: Assessment,
}

/// Reads and scores `examples.toml` (none: no examples). Every problem is reported.
pub fn load(dir: &Path, questionnaire: &Questionnaire) -> Result<Vec<Scored>, Vec<String>> {
    let path = dir.join(EXAMPLES_FILE);
    let file = path.display().to_string();
    let Ok(source) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let parsed: ExamplesFile = toml::from_str(&source).map_err(|e| {
        let line = e.span().map(|s| line_of(&source, s.start)).unwrap_or(1);
        vec![format!("{file}:{line}: {}", e.message())]
    })?;
    let mut problems = Vec::new();
    let mut scored = Vec::new();
    for example in parsed.examples {
        let line = source.find(&format!("\"{}\"", example.title)).map(|at| line_of(&source, at)).unwrap_or(1);
        match assess(questionnaire, &example.answers) {
            Ok(assessment) => scored.push(Scored { title: example.title, blurb: example.blurb, assessment }),
            Err(e) => problems.push(format!("{file}:{line}: example \"{}\": {e}", example.title)),
        }
    }
    if problems.is_empty() { Ok(scored) } else { Err(problems) }
}

/// Stores the examples not stored yet (kept by retention) and lists them for the home page.
pub async fn seed(config: &Config, questionnaire: &Questionnaire, scored: &[Scored], db: &Database) -> Result<Vec<Example>, StartupError> {
    let db_error = |e: StorageError| StartupError::Database { url: redacted(&config.database_url), message: e.to_string() };
    let mut examples = Vec::new();
    for (n, example) in scored.iter().enumerate() {
        let id = example_id(&questionnaire.fingerprint, n);
        if db.get(&id).await.map_err(db_error)?.is_none() {
            let result = StoredResult {
                id: id.clone(),
                created_at: clock::now_rfc3339(),
                questionnaire_version: questionnaire.version.clone(),
                questionnaire_fingerprint: questionnaire.fingerprint.clone(),
                snapshot: ResultSnapshot::new(questionnaire, example.assessment.clone()),
            };
            // Another instance may have stored it a moment ago: that is fine.
            if let Err(e) = db.insert(&result, Custody { kept: true, ..Custody::default() }).await {
                if db.get(&id).await.map_err(db_error)?.is_none() {
                    // On a full disk the server still starts and serves what
                    // it holds; an example it could not store is not listed.
                    if e.is_full() {
                        tracing::warn!(example = %example.title, "the disk is full: this example is left off the home page");
                        continue;
                    }
                    return Err(db_error(e));
                }
            }
        }
        examples.push(Example {
            id,
            title: example.title.clone(),
            blurb: example.blurb.clone(),
            headline: example.assessment.recommendation.headline.clone(),
        });
    }
    Ok(examples)
}

fn example_id(fingerprint: &str, n: usize) -> String {
    let digest = Sha256::digest(format!("example:{n}:{fingerprint}").as_bytes());
    let alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let id: String = digest.iter().take(ids::ID_LEN).map(|b| alphabet[(*b % 62) as usize] as char).collect();
    debug_assert!(ids::is_valid(&id));
    id
}
