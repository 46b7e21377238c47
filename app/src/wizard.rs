//! What the questionnaire wizard needs in the browser: the questions without their
//! weights, the skip logic, and the draft format kept in a cookie.

pub use crossroads_domain::draft::{decode_draft, encode_draft};
use crossroads_domain::{Answers, Condition, QuestionKind};
use serde::{Deserialize, Serialize};

/// The cookie holding the answers given so far.
pub const DRAFT_COOKIE: &str = "crossroads_draft";

/// The id of the `<script type="application/json">` block that carries the
/// model to the browser, once per page, outside the island's props.
pub const MODEL_ELEMENT_ID: &str = "wizard-model";

/// The model as pages carry it: shared, with its JSON written once at start-up
/// instead of serialised into island props on every request.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedModel {
    pub model: std::sync::Arc<WizardModel>,
    /// JSON safe inside a script element (`<` is escaped).
    pub json: std::sync::Arc<str>,
}

impl SharedModel {
    pub fn new(model: WizardModel) -> SharedModel {
        let json = serde_json::to_string(&model).expect("the model serialises").replace('<', "\\u003c");
        SharedModel { model: std::sync::Arc::new(model), json: json.into() }
    }
}

impl std::ops::Deref for SharedModel {
    type Target = WizardModel;
    fn deref(&self) -> &WizardModel {
        &self.model
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardModel {
    pub version: String,
    pub sections: Vec<WizardSection>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardSection {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub questions: Vec<WizardQuestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardQuestion {
    pub id: String,
    pub prompt: String,
    /// Help text, rendered from markdown on the server.
    pub help_html: String,
    /// `/guide/{page}#{anchor}`.
    pub guide_href: String,
    pub kind: QuestionKind,
    pub required: bool,
    pub show_if: Vec<Condition>,
    pub options: Vec<WizardOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardOption {
    pub id: String,
    pub label: String,
}

impl WizardModel {
    pub fn questions(&self) -> impl Iterator<Item = &WizardQuestion> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// Index of the review step (one past the last section).
    pub fn review_step(&self) -> usize {
        self.sections.len()
    }

    pub fn step_of(&self, section: &str) -> Option<usize> {
        if section == "review" {
            return Some(self.review_step());
        }
        self.sections.iter().position(|s| s.id == section)
    }

    pub fn step_path(&self, step: usize) -> String {
        match self.sections.get(step) {
            Some(section) => format!("/wizard/{}", section.id),
            None => "/wizard/review".to_string(),
        }
    }

    /// Shown questions given the answers (skip logic), in order.
    pub fn visible<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a WizardQuestion> {
        self.questions().filter(move |q| q.show_if.iter().all(|c| c.holds(answers)))
    }

    pub fn is_visible(&self, question: &WizardQuestion, answers: &Answers) -> bool {
        question.show_if.iter().all(|c| c.holds(answers))
    }

    /// Keeps only answers to questions that are shown, re-checking in order.
    pub fn prune(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        for q in self.questions() {
            if let Some(a) = answers.get(&q.id) {
                if self.is_visible(q, &kept) {
                    kept.set(q.id.clone(), a.clone());
                }
            }
        }
        kept
    }

    /// Required, shown questions of a section that have no answer.
    pub fn missing_in(&self, step: usize, answers: &Answers) -> Vec<String> {
        let Some(section) = self.sections.get(step) else { return Vec::new() };
        section
            .questions
            .iter()
            .filter(|q| q.required && self.is_visible(q, answers))
            .filter(|q| answers.get(&q.id).is_none_or(|a| a.selected().is_empty()))
            .map(|q| q.id.clone())
            .collect()
    }

    /// The first step with a required, shown, unanswered question.
    pub fn first_incomplete_step(&self, answers: &Answers) -> Option<usize> {
        (0..self.sections.len()).find(|&s| !self.missing_in(s, answers).is_empty())
    }
}
