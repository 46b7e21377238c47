//! Shared helpers for the domain tests: the real questionnaire and answer builders.
#![allow(dead_code)]

use crossroads_domain::{Answer, Answers, Questionnaire};

pub const SOURCE: &str = include_str!("../../../../content/questionnaire.toml");

pub fn questionnaire() -> Questionnaire {
    Questionnaire::from_toml(SOURCE, "content/questionnaire.toml").expect("the shipped questionnaire loads")
}

include!("startup.rs");

/// `STARTUP` with some answers changed.
pub fn startup_with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    STARTUP.iter().map(|(q, o)| (*q, changes.iter().find(|(c, _)| c == q).map(|(_, v)| *v).unwrap_or(*o))).collect()
}

/// Answers from `(question, option)` pairs; `a,b` makes a multiple-choice answer.
pub fn answers(pairs: &[(&str, &str)]) -> Answers {
    let q = questionnaire();
    let mut answers = Answers::new();
    for (question, option) in pairs {
        let multiple = q.question(question).is_some_and(|q| q.kind == crossroads_domain::QuestionKind::Multiple);
        let answer = if multiple {
            Answer::Many(option.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
        } else {
            Answer::One(option.to_string())
        };
        answers.set(*question, answer);
    }
    answers
}
