//! Watched facts: a fact ("we now have many teams") replaces one question's
//! answer for every member of a team decision, and the team's answers are
//! scored again with the same engine as the team page. What moved (per axis,
//! or the organisation and each workload of a plan) says whether the decision
//! must be reviewed.

use crate::answer::{Answer, Answers};
use crate::candidate::Axis;
use crate::question::{QuestionKind, Scope};
use crate::questionnaire::Questionnaire;
use crate::team::assess_team;
use crate::team_plan::{assess_team_plan, DecisionWorkload};
use crate::workload::PlanAnswers;
use serde::{Deserialize, Serialize};

/// A problem with a fact: it names no question, or no option of its question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactError {
    pub question: String,
    pub message: String,
}

/// Reads facts given as question id -> option id into answers, one problem per bad fact.
pub fn read_facts(questionnaire: &Questionnaire, facts: &[(String, String)]) -> Result<Answers, Vec<FactError>> {
    let (mut answers, mut problems) = (Answers::new(), Vec::new());
    if facts.is_empty() {
        problems.push(FactError { question: String::new(), message: "give at least one fact: a question id and the option that now holds".into() });
    }
    for (question, option) in facts {
        let fail = |message: String| FactError { question: question.clone(), message };
        let Some(q) = questionnaire.question(question) else {
            problems.push(fail(format!("there is no question “{question}”")));
            continue;
        };
        if q.option(option).is_none() {
            let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            problems.push(fail(format!("“{option}” is not an option of “{question}”; use one of: {}", options.join(", "))));
            continue;
        }
        let answer = match q.kind {
            QuestionKind::Multiple => Answer::Many(vec![option.clone()]),
            _ => Answer::One(option.clone()),
        };
        answers.set(question.clone(), answer);
    }
    if problems.is_empty() { Ok(answers) } else { Err(problems) }
}

/// One part of the outcome before and after the facts: an axis, or the
/// organisation or a workload of a plan. Labels, as people read them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeChange {
    /// "Organisation", "Execution", or the workload's name.
    pub subject: String,
    /// `null` when every candidate is ruled out.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub before: Option<String>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub after: Option<String>,
}

impl OutcomeChange {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

fn label(questionnaire: &Questionnaire, id: Option<&String>) -> Option<String> {
    id.map(|id| questionnaire.candidate(id).map_or_else(|| id.clone(), |c| c.label.clone()))
}

fn apply(answers: &Answers, facts: &Answers, questionnaire: &Questionnaire, scope: Scope) -> Answers {
    let mut changed = answers.clone();
    for (question, answer) in facts.iter() {
        if questionnaire.question(question).is_some_and(|q| q.scope == scope) {
            changed.set(question.clone(), answer.clone());
        }
    }
    changed
}

/// The team's outcome per axis before and after `facts` replace those
/// answers for every member. Empty before anyone answered.
pub fn rescore_flat(questionnaire: &Questionnaire, members: &[Answers], facts: &Answers) -> Vec<OutcomeChange> {
    let with_facts: Vec<Answers> = members.iter().map(|m| apply(&apply(m, facts, questionnaire, Scope::System), facts, questionnaire, Scope::Workload)).collect();
    let (Some(before), Some(after)) = (assess_team(questionnaire, members), assess_team(questionnaire, &with_facts)) else { return Vec::new() };
    Axis::ALL
        .iter()
        .map(|&axis| OutcomeChange {
            subject: axis_name(axis).into(),
            before: label(questionnaire, before.assessment.axis(axis).winner.as_ref()),
            after: label(questionnaire, after.assessment.axis(axis).winner.as_ref()),
        })
        .collect()
}

fn axis_name(axis: Axis) -> &'static str {
    match axis {
        Axis::Organisation => "Organisation",
        Axis::Execution => "Execution",
    }
}

/// The team plan's organisation and each workload's platform before and
/// after `facts` (a workload question's fact holds for every workload).
pub fn rescore_plan(questionnaire: &Questionnaire, workloads: &[DecisionWorkload], members: &[PlanAnswers], facts: &Answers) -> Vec<OutcomeChange> {
    let with_facts: Vec<PlanAnswers> = members
        .iter()
        .map(|m| {
            let mut plan = m.clone();
            plan.system = apply(&plan.system, facts, questionnaire, Scope::System);
            for workload in &mut plan.workloads {
                workload.answers = apply(&workload.answers, facts, questionnaire, Scope::Workload);
            }
            plan
        })
        .collect();
    let (Some(before), Some(after)) =
        (assess_team_plan(questionnaire, workloads, members), assess_team_plan(questionnaire, workloads, &with_facts))
    else {
        return Vec::new();
    };
    let mut changes = vec![OutcomeChange {
        subject: "Organisation".into(),
        before: label(questionnaire, before.assessment.organisation.winner.as_ref()),
        after: label(questionnaire, after.assessment.organisation.winner.as_ref()),
    }];
    for (b, a) in before.assessment.workloads.iter().zip(&after.assessment.workloads) {
        changes.push(OutcomeChange { subject: b.name.clone(), before: label(questionnaire, b.platform.as_ref()), after: label(questionnaire, a.platform.as_ref()) });
    }
    changes
}
