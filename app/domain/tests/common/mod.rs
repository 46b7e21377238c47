//! Shared helpers for the domain tests: the real questionnaire and answer builders.
#![allow(dead_code)]

use crossroads_domain::{Answer, Answers, Questionnaire};

pub const SOURCE: &str = include_str!("../../../../content/questionnaire.toml");

pub fn questionnaire() -> Questionnaire {
    Questionnaire::from_toml(SOURCE, "content/questionnaire.toml").expect("the shipped questionnaire loads")
}

/// A start-up with limited resources racing to market with variable traffic:
/// an answer to every question, the base most tests vary.
pub const STARTUP: &[(&str, &str)] = &[
    ("stage", "new"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
    ("teams", "one"), ("team_size", "small"), ("ops", "none"), ("experience", "none"), ("tech_diversity", "one_stack"),
    ("load_shape", "variable"), ("scaling_differences", "alike"), ("latency", "tolerant"), ("state", "stateless"),
    ("deployment", "together"), ("budget", "tight"), ("cost_model", "usage"), ("lock_in", "comfortable"),
    ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"), ("time_to_market", "urgent"),
    ("control", "hands_off"), ("ecosystem", "important"), ("tech_debt", "simplicity"), ("risk", "moderate"),
];

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
