//! Checking answers against a questionnaire: every problem at once.

use crate::answer::{Answer, Answers};
use crate::question::{Question, QuestionKind};
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// One problem with a set of answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerError {
    UnknownQuestion { question: String },
    UnknownOption { question: String, option: String },
    /// A list given to a single-choice question, or one id to a multiple-choice one.
    WrongShape { question: String, expected: String },
    DuplicateOption { question: String, option: String },
    /// More options than the question has: some must be repeated.
    TooManyOptions { question: String, most: usize },
    /// The question is not shown for these answers (its `show_if` does not hold).
    HiddenQuestion { question: String },
    MissingAnswer { question: String },
}

impl AnswerError {
    pub fn question(&self) -> &str {
        match self {
            AnswerError::UnknownQuestion { question }
            | AnswerError::UnknownOption { question, .. }
            | AnswerError::WrongShape { question, .. }
            | AnswerError::DuplicateOption { question, .. }
            | AnswerError::TooManyOptions { question, .. }
            | AnswerError::HiddenQuestion { question }
            | AnswerError::MissingAnswer { question } => question,
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::UnknownQuestion { question } => write!(f, "there is no question \"{question}\""),
            AnswerError::UnknownOption { question, option } => {
                write!(f, "\"{option}\" is not an option of question \"{question}\"")
            }
            AnswerError::WrongShape { question, expected } => {
                write!(f, "question \"{question}\" takes {expected}")
            }
            AnswerError::DuplicateOption { question, option } => {
                write!(f, "option \"{option}\" is given twice for question \"{question}\"")
            }
            AnswerError::TooManyOptions { question, most } => {
                write!(f, "question \"{question}\" has {most} options; a list of more repeats some")
            }
            AnswerError::HiddenQuestion { question } => write!(
                f,
                "question \"{question}\" is not asked for these answers; remove its answer"
            ),
            AnswerError::MissingAnswer { question } => write!(f, "question \"{question}\" needs an answer"),
        }
    }
}

/// Every problem found in a set of answers (never just the first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerErrors(pub Vec<AnswerError>);

impl fmt::Display for AnswerErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("; "))
    }
}

impl std::error::Error for AnswerErrors {}

impl Questionnaire {
    /// Checks answers against the questionnaire, reporting every problem.
    pub fn validate(&self, answers: &Answers) -> Result<(), AnswerErrors> {
        let mut errors = Vec::new();
        for (question_id, _) in answers.iter() {
            if self.question(question_id).is_none() {
                errors.push(AnswerError::UnknownQuestion { question: question_id.clone() });
            }
        }
        check_answers(self.questions.iter(), answers, |q| self.is_visible(q, answers), &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AnswerErrors(errors))
        }
    }
}

/// Checks the answers to `questions`: shown ones (by `shown`) must be
/// answered when required and answered with real options in the right shape;
/// hidden ones must not be answered.
pub(crate) fn check_answers<'a>(
    questions: impl Iterator<Item = &'a Question>,
    answers: &Answers,
    shown: impl Fn(&Question) -> bool,
    errors: &mut Vec<AnswerError>,
) {
    for question in questions {
        let visible = shown(question);
        let Some(answer) = answers.get(&question.id) else {
            if visible && question.required {
                errors.push(AnswerError::MissingAnswer { question: question.id.clone() });
            }
            continue;
        };
        if !visible {
            errors.push(AnswerError::HiddenQuestion { question: question.id.clone() });
            continue;
        }
        match (question.kind, answer) {
            (QuestionKind::Multiple, Answer::One(_)) => errors.push(AnswerError::WrongShape {
                question: question.id.clone(),
                expected: "a list of option ids".into(),
            }),
            (QuestionKind::Single | QuestionKind::Scale, Answer::Many(_)) => errors.push(AnswerError::WrongShape {
                question: question.id.clone(),
                expected: "exactly one option id".into(),
            }),
            _ => {}
        }
        // A list longer than the options must repeat one: say so once, instead
        // of once per surplus entry.
        if answer.selected().len() > question.options.len() {
            errors.push(AnswerError::TooManyOptions { question: question.id.clone(), most: question.options.len() });
            continue;
        }
        let mut seen: HashSet<&String> = HashSet::new();
        for option in answer.selected() {
            if question.option(option).is_none() {
                errors.push(AnswerError::UnknownOption { question: question.id.clone(), option: option.clone() });
            } else if !seen.insert(option) {
                errors.push(AnswerError::DuplicateOption { question: question.id.clone(), option: option.clone() });
            }
        }
        if question.required && question.kind == QuestionKind::Multiple && answer.selected().is_empty() {
            errors.push(AnswerError::MissingAnswer { question: question.id.clone() });
        }
    }
}
