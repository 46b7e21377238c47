//! Checking a plan's answers: every problem at once, each with the path of
//! the field at fault as an API reports it (`workloads[2].name`,
//! `workloads[0].answers.latency`, `answers.load_shape`).

use crate::answer::Answers;
use crate::question::Scope;
use crate::questionnaire::Questionnaire;
use crate::validate::{check_answers, AnswerError};
use crate::workload::{PlanAnswers, Workload};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Fewest and most workloads a plan may have.
pub const MIN_WORKLOADS: usize = 1;
pub const MAX_WORKLOADS: usize = 8;
/// Most characters in a workload's name, after trimming.
pub const MAX_NAME_CHARS: usize = 60;

/// What is wrong at one place of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanProblem {
    WorkloadCount { count: usize, least: usize, most: usize },
    EmptyName,
    NameTooLong { most: usize },
    ControlCharacter,
    /// The same name as an earlier workload, whatever the letter case.
    DuplicateName { name: String },
    UnknownKind { id: String },
    /// A workload question answered among the system answers.
    WorkloadQuestion { question: String },
    /// A system question answered among a workload's answers.
    SystemQuestion { question: String },
    /// Any of the checks a flat answer set gets.
    Answer { error: AnswerError },
}

/// One problem with a plan, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAnswerError {
    pub path: String,
    pub problem: PlanProblem,
}

impl fmt::Display for PlanAnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match &self.problem {
            PlanProblem::WorkloadCount { count, least, most } => write!(f, "a plan has {least} to {most} workloads, not {count}"),
            PlanProblem::EmptyName => write!(f, "a workload needs a name"),
            PlanProblem::NameTooLong { most } => write!(f, "a workload's name has at most {most} characters"),
            PlanProblem::ControlCharacter => write!(f, "a workload's name cannot contain control or invisible characters (such as text-direction marks)"),
            PlanProblem::DuplicateName { name } => write!(f, "another workload is already called \"{name}\""),
            PlanProblem::UnknownKind { id } => write!(f, "there is no workload kind \"{id}\""),
            PlanProblem::WorkloadQuestion { question } => {
                write!(f, "question \"{question}\" is asked per workload; answer it in each workload's answers")
            }
            PlanProblem::SystemQuestion { question } => {
                write!(f, "question \"{question}\" is asked once for the system; answer it in the system answers")
            }
            PlanProblem::Answer { error } => write!(f, "{error}"),
        }
    }
}

/// Every problem found in a plan (never just the first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAnswerErrors(pub Vec<PlanAnswerError>);

impl fmt::Display for PlanAnswerErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("; "))
    }
}

impl std::error::Error for PlanAnswerErrors {}

impl Questionnaire {
    /// Checks a plan against the questionnaire, reporting every problem with its path.
    pub fn validate_plan(&self, plan: &PlanAnswers) -> Result<(), PlanAnswerErrors> {
        let mut errors = Vec::new();
        let n = plan.workloads.len();
        if !(MIN_WORKLOADS..=MAX_WORKLOADS).contains(&n) {
            let problem = PlanProblem::WorkloadCount { count: n, least: MIN_WORKLOADS, most: MAX_WORKLOADS };
            errors.push(PlanAnswerError { path: "workloads".into(), problem });
        }
        let at = |prefix: &str, problems: Vec<AnswerError>| -> Vec<PlanAnswerError> {
            problems
                .into_iter()
                .map(|error| PlanAnswerError { path: format!("{prefix}.{}", error.question()), problem: PlanProblem::Answer { error } })
                .collect()
        };
        let system = own_answers(self, &plan.system, Scope::System, "answers", &mut errors);
        let mut found = Vec::new();
        check_answers(self.questions_in(Scope::System), &system, |q| self.is_asked(q, &system, n), &mut found);
        errors.extend(at("answers", found));

        for (i, workload) in plan.workloads.iter().enumerate() {
            let prefix = format!("workloads[{i}]");
            self.check_identity(&plan.workloads[..i], workload, &prefix, &mut errors);
            let own = own_answers(self, &workload.answers, Scope::Workload, &format!("{prefix}.answers"), &mut errors);
            let mut found = Vec::new();
            check_answers(self.questions_in(Scope::Workload), &own, |q| self.is_asked_in(q, &system, &own, n), &mut found);
            errors.extend(at(&format!("{prefix}.answers"), found));
        }
        if errors.is_empty() { Ok(()) } else { Err(PlanAnswerErrors(errors)) }
    }

    /// Name and kind of one workload; `earlier` are the workloads before it.
    fn check_identity(&self, earlier: &[Workload], workload: &Workload, prefix: &str, errors: &mut Vec<PlanAnswerError>) {
        let name = workload.name.trim();
        let mut name_problem = |problem| errors.push(PlanAnswerError { path: format!("{prefix}.name"), problem });
        if name.is_empty() {
            name_problem(PlanProblem::EmptyName);
        } else if name.chars().count() > MAX_NAME_CHARS {
            name_problem(PlanProblem::NameTooLong { most: MAX_NAME_CHARS });
        }
        if name.chars().any(|c| c.is_control() || crate::text::is_invisible(c)) {
            name_problem(PlanProblem::ControlCharacter);
        }
        let folded = name.to_lowercase();
        if !name.is_empty() {
            if let Some(first) = earlier.iter().find(|w| w.name.trim().to_lowercase() == folded) {
                name_problem(PlanProblem::DuplicateName { name: first.name.trim().to_string() });
            }
        }
        // With no kinds in the content, only the empty kind is known.
        let known = if self.workload_kinds.is_empty() { workload.kind.is_empty() } else { self.workload_kind(&workload.kind).is_some() };
        if !known {
            errors.push(PlanAnswerError { path: format!("{prefix}.kind"), problem: PlanProblem::UnknownKind { id: workload.kind.clone() } });
        }
    }
}

/// The answers that belong in this part of a plan; the others are reported
/// (unknown questions, and questions of the other scope) and left out.
fn own_answers(q: &Questionnaire, answers: &Answers, scope: Scope, prefix: &str, errors: &mut Vec<PlanAnswerError>) -> Answers {
    let mut own = Answers::new();
    for (id, answer) in answers.iter() {
        let problem = match q.question(id) {
            None => Some(PlanProblem::Answer { error: AnswerError::UnknownQuestion { question: id.clone() } }),
            Some(question) if question.scope == scope => None,
            Some(_) if scope == Scope::System => Some(PlanProblem::WorkloadQuestion { question: id.clone() }),
            Some(_) => Some(PlanProblem::SystemQuestion { question: id.clone() }),
        };
        match problem {
            Some(problem) => errors.push(PlanAnswerError { path: format!("{prefix}.{id}"), problem }),
            None => own.set(id.clone(), answer.clone()),
        }
    }
    own
}
