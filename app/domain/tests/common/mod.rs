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

/// A valid answer to `question` picked by a random number.
pub fn pick(question: &crossroads_domain::Question, pick: u64) -> Answer {
    let n = question.options.len();
    match question.kind {
        crossroads_domain::QuestionKind::Multiple => {
            let mut chosen: Vec<String> = (0..n).filter(|i| pick & (1 << i) != 0).map(|i| question.options[i].id.clone()).collect();
            if chosen.is_empty() && question.required {
                chosen.push(question.options[0].id.clone());
            }
            Answer::Many(chosen)
        }
        _ => Answer::One(question.options[(pick as usize) % n].id.clone()),
    }
}

/// A valid flat answer set from random numbers: each shown question gets an
/// option (or a set of options) picked by the next number.
pub fn answers_from(q: &Questionnaire, picks: &[u64]) -> Answers {
    let mut answers = Answers::new();
    for (question, p) in q.questions.iter().zip(picks.iter().cycle()) {
        if q.is_visible(question, &answers) {
            answers.set(question.id.clone(), pick(question, *p));
        }
    }
    answers
}

/// A valid plan from random numbers: system answers from `system`, and one
/// workload per list in `workloads` (named "W1", "W2"..., kinds in turn).
pub fn plan_from(q: &Questionnaire, system: &[u64], workloads: &[Vec<u64>]) -> crossroads_domain::PlanAnswers {
    use crossroads_domain::{PlanAnswers, Scope, Workload};
    let n = workloads.len();
    let mut plan = PlanAnswers { system: Answers::new(), workloads: Vec::new() };
    for (question, p) in q.questions_in(Scope::System).zip(system.iter().cycle()) {
        if q.is_asked(question, &plan.system, n) {
            plan.system.set(question.id.clone(), pick(question, *p));
        }
    }
    for (i, picks) in workloads.iter().enumerate() {
        let mut context = plan.system.clone();
        let mut own = Answers::new();
        for (question, p) in q.questions_in(Scope::Workload).zip(picks.iter().cycle()) {
            if q.is_asked(question, &context, n) {
                let answer = pick(question, *p);
                context.set(question.id.clone(), answer.clone());
                own.set(question.id.clone(), answer);
            }
        }
        let kind = q.workload_kinds[i % q.workload_kinds.len()].id.clone();
        plan.workloads.push(Workload { name: format!("W{}", i + 1), kind, answers: own });
    }
    plan
}

/// A plan of named workloads: `(name, kind, answers)` on top of system answers.
/// A workload as `(name, kind, answers)`.
pub type Named<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

pub fn plan(system: &[(&str, &str)], workloads: &[Named<'_>]) -> crossroads_domain::PlanAnswers {
    crossroads_domain::PlanAnswers {
        system: answers(system),
        workloads: workloads
            .iter()
            .map(|(name, kind, pairs)| crossroads_domain::Workload { name: name.to_string(), kind: kind.to_string(), answers: answers(pairs) })
            .collect(),
    }
}
