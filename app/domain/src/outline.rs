//! The questionnaire as the wizard shows it: sections, questions, options and
//! skip logic, without weights, so it can be sent to the browser.

use crate::answer::Answers;
use crate::question::{Condition, QuestionKind};
use crate::skip;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardModel {
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
    /// Help text, already rendered from markdown to safe HTML.
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
        self.questions().filter(move |q| self.is_visible(q, answers))
    }

    pub fn is_visible(&self, question: &WizardQuestion, answers: &Answers) -> bool {
        skip::is_shown(&question.show_if, answers)
    }

    /// Keeps only answers to questions that are shown (see [`skip::prune`]).
    pub fn prune(&self, answers: &Answers) -> Answers {
        skip::prune(self.questions().map(|q| (q.id.as_str(), q.show_if.as_slice())), answers)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Answer;

    fn question(id: &str, kind: QuestionKind, show_if: Vec<Condition>) -> WizardQuestion {
        WizardQuestion {
            id: id.into(),
            prompt: String::new(),
            help_html: String::new(),
            guide_href: String::new(),
            kind,
            required: true,
            show_if,
            options: ["a", "b"].iter().map(|o| WizardOption { id: o.to_string(), label: o.to_string() }).collect(),
        }
    }

    fn model() -> WizardModel {
        let only_if_b = vec![Condition { question: "first".into(), any_of: vec!["b".into()] }];
        WizardModel {
            sections: vec![
                WizardSection { id: "one".into(), title: String::new(), intro: String::new(), questions: vec![question("first", QuestionKind::Single, vec![])] },
                WizardSection {
                    id: "two".into(),
                    title: String::new(),
                    intro: String::new(),
                    questions: vec![question("many", QuestionKind::Multiple, vec![]), question("later", QuestionKind::Single, only_if_b)],
                },
            ],
        }
    }

    #[test]
    fn steps_and_paths() {
        let m = model();
        assert_eq!(m.step_of("two"), Some(1));
        assert_eq!(m.step_of("review"), Some(2));
        assert_eq!(m.step_of("nope"), None);
        assert_eq!(m.step_path(0), "/wizard/one");
        assert_eq!(m.step_path(2), "/wizard/review");
    }

    #[test]
    fn missing_answers_follow_skip_logic_and_empty_lists() {
        let m = model();
        let mut answers = Answers::new();
        answers.set("first", Answer::One("a".into()));
        assert_eq!(m.missing_in(1, &answers), vec!["many".to_string()], "`later` is hidden");
        answers.set("many", Answer::Many(vec![]));
        assert_eq!(m.missing_in(1, &answers), vec!["many".to_string()], "an empty list is no answer to a required question");
        answers.set("first", Answer::One("b".into()));
        answers.set("many", Answer::Many(vec!["a".into()]));
        assert_eq!(m.missing_in(1, &answers), vec!["later".to_string()]);
        assert_eq!(m.first_incomplete_step(&answers), Some(1));
        answers.set("later", Answer::One("a".into()));
        assert_eq!(m.first_incomplete_step(&answers), None);
    }

    #[test]
    fn pruning_drops_answers_to_hidden_questions() {
        let m = model();
        let mut answers = Answers::new();
        answers.set("first", Answer::One("a".into()));
        answers.set("later", Answer::One("a".into()));
        answers.set("stray", Answer::One("a".into()));
        let kept = m.prune(&answers);
        assert_eq!(kept.len(), 1);
        assert!(kept.get("first").is_some());
    }
}
