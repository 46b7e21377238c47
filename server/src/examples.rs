//! Example results for the home page, read from `content/examples.toml` and
//! stored like any other result. Their ids derive from the questionnaire's
//! fingerprint, so a changed questionnaire gets fresh examples while links to
//! earlier ones keep working.

use crate::error::StartupError;
use crate::state::AppState;
use crate::{clock, ids};
use app::page::Example;
use app::result::StoredResult;
use crossroads_domain::{assess, Answers, ResultSnapshot};
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
pub async fn seed(state: &AppState) -> Result<Vec<Example>, StartupError> {
    let path = state.config.content_dir.join(EXAMPLES_FILE);
    let file = path.display().to_string();
    let Ok(source) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let parsed: ExamplesFile = toml::from_str(&source).map_err(|e| {
        let line = e.span().map(|s| source[..s.start].matches('\n').count() + 1).unwrap_or(1);
        StartupError::Content(format!("{file}:{line}: {}", e.message()))
    })?;
    let questionnaire = &state.content.questionnaire;
    let mut examples = Vec::new();
    for (n, example) in parsed.examples.into_iter().enumerate() {
        let assessment = assess(questionnaire, &example.answers).map_err(|e| {
            StartupError::Content(format!("{file}: example \"{}\": {e}", example.title))
        })?;
        let id = example_id(&questionnaire.fingerprint, n);
        let headline = assessment.recommendation.headline.clone();
        let db_error = |e: crate::storage::StorageError| StartupError::Database {
            url: crate::storage::redacted(&state.config.database_url),
            message: e.to_string(),
        };
        if state.db.get(&id).await.map_err(db_error)?.is_none() {
            let result = StoredResult {
                id: id.clone(),
                created_at: clock::now_rfc3339(),
                questionnaire_version: questionnaire.version.clone(),
                questionnaire_fingerprint: questionnaire.fingerprint.clone(),
                snapshot: ResultSnapshot::new(questionnaire, assessment),
            };
            // Another instance may have stored it a moment ago: that is fine.
            if let Err(e) = state.db.insert(&result).await {
                if state.db.get(&id).await.map_err(db_error)?.is_none() {
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
