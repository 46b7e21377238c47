//! The whole questionnaire: candidates, sections, questions, hybrid rules.

use crate::answer::Answers;
use crate::candidate::{Axis, Candidate};
use crate::question::{HybridRule, Question};
use crate::skip;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
}

/// A loaded, validated questionnaire. Build one with [`Questionnaire::from_toml`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub version: String,
    /// A winner whose lead is smaller than this many points is flagged as a close call.
    pub close_call_margin: i32,
    pub candidates: Vec<Candidate>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub hybrids: Vec<HybridRule>,
    /// SHA-256 of the normalised questionnaire (see [`crate::fingerprint`]).
    pub fingerprint: String,
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    pub fn candidates_on(&self, axis: Axis) -> impl Iterator<Item = &Candidate> {
        self.candidates.iter().filter(move |c| c.axis == axis)
    }

    pub fn section_questions<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.section == section)
    }

    /// Whether `question` is shown, given the answers to earlier questions.
    pub fn is_visible(&self, question: &Question, answers: &Answers) -> bool {
        skip::is_shown(&question.show_if, answers)
    }

    /// Only the answers to questions that are shown (see [`skip::prune`]).
    pub fn prune(&self, answers: &Answers) -> Answers {
        skip::prune(self.questions.iter().map(|q| (q.id.as_str(), q.show_if.as_slice())), answers)
    }

    /// The questions shown for these answers, in order.
    pub fn visible_questions<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| self.is_visible(q, answers))
    }
}
