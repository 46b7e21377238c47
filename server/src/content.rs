//! Everything under the content folder: the guide and the questionnaire, loaded
//! and cross-checked once at start-up.

use crate::decision_settings::DecisionSettings;
use crate::examples;
use crate::startup::StartupError;
use crate::guide::{self, ContentError, Guide};
use crossroads_domain::{Questionnaire, WizardModel};
use std::path::Path;
use std::sync::Arc;

pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";

pub struct Content {
    pub guide: Guide,
    pub questionnaire: Arc<Questionnaire>,
    /// The questions as the wizard shows them (no weights), help already rendered.
    pub wizard: Arc<WizardModel>,
    /// The home page's examples, scored (stored at start-up).
    pub examples: Vec<examples::Scored>,
    /// How long an accepted decision stands before its review (`decisions.toml`).
    pub decisions: DecisionSettings,
}

impl Content {
    /// Loads and checks everything under `dir`. Every problem found is
    /// reported at once, each with its file and line, not just the first.
    pub fn load(dir: &Path) -> Result<Content, StartupError> {
        if !dir.is_dir() {
            return Err(StartupError::Content(format!("{} is not a folder (set CROSSROADS_CONTENT_DIR)", dir.display())));
        }
        let questionnaire_path = dir.join(QUESTIONNAIRE_FILE);
        let questionnaire_file = questionnaire_path.display().to_string();
        let mut problems: Vec<String> = Vec::new();
        let source = std::fs::read_to_string(&questionnaire_path)
            .map_err(|e| problems.push(format!("{questionnaire_file}: cannot read: {e}")))
            .ok();
        let questionnaire = source.as_ref().and_then(|source| {
            Questionnaire::from_toml(source, &questionnaire_file)
                .map_err(|errors| problems.extend(errors.0.iter().map(ToString::to_string)))
                .ok()
        });
        let guide = Guide::load(&dir.join("guide")).map_err(|errors| problems.extend(lines(&errors))).ok();
        // Links into the questionnaire, and the examples, can only be checked
        // once both loaded.
        let (Some(questionnaire), Some((guide, links)), Some(source)) = (questionnaire, guide, source) else {
            return Err(report(problems));
        };
        let mut errors = guide::check_guide_links(&links, &guide, &questionnaire);
        errors.extend(guide::check_questionnaire_refs(&questionnaire_file, &source, &guide, &questionnaire));
        problems.extend(lines(&errors));
        let wizard = wizard_model(&questionnaire_file, &questionnaire).map_err(|errors| problems.extend(lines(&errors))).ok();
        let examples = examples::load(dir, &questionnaire).map_err(|errors| problems.extend(errors)).ok();
        let decisions = DecisionSettings::load(dir).map_err(|problem| problems.push(problem)).ok();
        match (wizard, examples, decisions) {
            (Some(wizard), Some(examples), Some(decisions)) if problems.is_empty() => {
                Ok(Content { guide, questionnaire: Arc::new(questionnaire), wizard: Arc::new(wizard), examples, decisions })
            }
            _ => Err(report(problems)),
        }
    }
}

fn wizard_model(file: &str, q: &Questionnaire) -> Result<WizardModel, Vec<ContentError>> {
    let mut errors = Vec::new();
    let model = WizardModel::from_questionnaire(q, |question| {
        guide::render_snippet(&format!("{file} (help of \"{}\")", question.id), &question.help).unwrap_or_else(|mut e| {
            errors.append(&mut e);
            String::new()
        })
    });
    if errors.is_empty() {
        Ok(model)
    } else {
        Err(errors)
    }
}

fn lines(errors: &[ContentError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn report(problems: Vec<String>) -> StartupError {
    StartupError::Content(problems.join("\n"))
}
