//! Example results for the home page, read from `content/examples.toml` and
//! stored like any other result. Their ids derive from the questionnaire's
//! fingerprint, so a changed questionnaire gets fresh examples while links to
//! earlier ones keep working.

use crate::config::Config;
use crate::content::Content;
use crate::db::{redacted, Database, StorageError};
use crate::startup::StartupError;
use crate::{clock, ids};
use app::page::Example;
use crossroads_domain::text::line_of;
use crossroads_domain::{assess, Answers, ResultSnapshot, StoredResult};
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


/// Scores every example and stores those not stored yet.
pub async fn seed(config: &Config, content: &Content, db: &Database) -> Result<Vec<Example>, StartupError> {
    let path = config.content_dir.join(EXAMPLES_FILE);
    let file = path.display().to_string();
    let Ok(source) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let parsed: ExamplesFile = toml::from_str(&source).map_err(|e| {
        let line = e.span().map(|s| line_of(&source, s.start)).unwrap_or(1);
        StartupError::Content(format!("{file}:{line}: {}", e.message()))
    })?;
    let questionnaire = &content.questionnaire;
    let mut examples = Vec::new();
    for (n, example) in parsed.examples.into_iter().enumerate() {
        let assessment = assess(questionnaire, &example.answers).map_err(|e| {
            StartupError::Content(format!("{file}: example \"{}\": {e}", example.title))
        })?;
        let id = example_id(&questionnaire.fingerprint, n);
        let headline = assessment.recommendation.headline.clone();
        let db_error = |e: StorageError| StartupError::Database {
            url: redacted(&config.database_url),
            message: e.to_string(),
        };
        if db.get(&id).await.map_err(db_error)?.is_none() {
            let result = StoredResult {
                id: id.clone(),
                created_at: clock::now_rfc3339(),
                questionnaire_version: questionnaire.version.clone(),
                questionnaire_fingerprint: questionnaire.fingerprint.clone(),
                snapshot: ResultSnapshot::new(questionnaire, assessment),
            };
            // Another instance may have stored it a moment ago: that is fine.
            if let Err(e) = db.insert(&result, None).await {
                if db.get(&id).await.map_err(db_error)?.is_none() {
                    return Err(db_error(e));
                }
            }
        }
        examples.push(Example { id, title: example.title, blurb: example.blurb, headline });
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
