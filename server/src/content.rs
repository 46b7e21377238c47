//! Everything under the content folder: the guide and the questionnaire, loaded
//! and cross-checked once at start-up.

use crate::startup::StartupError;
use crate::guide::{self, ContentError, Guide};
use app::wizard::SharedModel;
use crossroads_domain::{Questionnaire, WizardModel, WizardOption, WizardQuestion, WizardSection};
use std::path::Path;
use std::sync::Arc;

pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";

pub struct Content {
    pub guide: Guide,
    pub questionnaire: Arc<Questionnaire>,
    /// The questions as the wizard shows them (no weights), help already rendered.
    pub wizard: SharedModel,
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
        let wizard = wizard_model(&questionnaire_file, &questionnaire).map_err(report)?;
        Ok(Content { guide, questionnaire: Arc::new(questionnaire), wizard: SharedModel::new(wizard) })
    }
}

fn wizard_model(file: &str, q: &Questionnaire) -> Result<WizardModel, Vec<ContentError>> {
    let mut errors = Vec::new();
    let sections = q
        .sections
        .iter()
        .map(|s| WizardSection {
            id: s.id.clone(),
            title: s.title.clone(),
            intro: s.intro.clone(),
            questions: q
                .section_questions(&s.id)
                .map(|question| WizardQuestion {
                    id: question.id.clone(),
                    prompt: question.prompt.clone(),
                    help_html: guide::render_snippet(&format!("{file} (help of \"{}\")", question.id), &question.help)
                        .unwrap_or_else(|mut e| {
                            errors.append(&mut e);
                            String::new()
                        }),
                    guide_href: format!("/guide/{}", question.guide),
                    kind: question.kind,
                    required: question.required,
                    show_if: question.show_if.clone(),
                    options: question
                        .options
                        .iter()
                        .map(|o| WizardOption { id: o.id.clone(), label: o.label.clone() })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    if errors.is_empty() {
        Ok(WizardModel { sections })
    } else {
        Err(errors)
    }
}

fn report(errors: Vec<ContentError>) -> StartupError {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    StartupError::Content(lines.join("\n"))
}
