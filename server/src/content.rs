//! Everything under the content folder: the guide and the questionnaire, loaded
//! and cross-checked once at start-up.

use crate::error::StartupError;
use crate::guide::{self, ContentError, Guide};
use crossroads_domain::Questionnaire;
use std::path::Path;
use std::sync::Arc;

pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";

pub struct Content {
    pub guide: Guide,
    pub questionnaire: Arc<Questionnaire>,
}

impl Content {
    pub fn load(dir: &Path) -> Result<Content, StartupError> {
        let questionnaire_path = dir.join(QUESTIONNAIRE_FILE);
        let questionnaire_file = questionnaire_path.display().to_string();
        let source = std::fs::read_to_string(&questionnaire_path)
            .map_err(|e| StartupError::Content(format!("{questionnaire_file}: cannot read: {e}")))?;
        let questionnaire = Questionnaire::from_toml(&source, &questionnaire_file)
            .map_err(|e| StartupError::Content(e.to_string()))?;
        let (guide, links) = Guide::load(&dir.join("guide")).map_err(report)?;
        let mut errors = guide::check_guide_links(&links, &guide, &questionnaire);
        errors.extend(guide::check_questionnaire_refs(&questionnaire_file, &source, &guide, &questionnaire));
        if !errors.is_empty() {
            return Err(report(errors));
        }
        Ok(Content { guide, questionnaire: Arc::new(questionnaire) })
    }
}

fn report(errors: Vec<ContentError>) -> StartupError {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    StartupError::Content(lines.join("\n"))
}
