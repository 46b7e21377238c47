//! A result snapshot: the assessment plus everything needed to show it (labels of
//! the answers given, the candidates), so a stored result renders the same forever,
//! whatever later happens to the questionnaire.

use crate::answer::Answers;
use crate::assessment::Assessment;
use crate::candidate::Candidate;
use crate::plan::PlanAssessment;
use crate::questionnaire::Questionnaire;
use crate::workload::{PlanAnswers, Workload};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerLine {
    pub section: String,
    pub question: String,
    pub prompt: String,
    pub labels: Vec<String>,
}

/// A stored result.
///
/// `assessment` is always a single-system assessment, so pages and records
/// that only read it (home page examples, team members' headlines) keep
/// working. For a result scored as a plan ([`ResultSnapshot::from_plan`]),
/// `plan` holds the plan and `assessment` is the plan as a single system
/// ([`PlanAssessment::to_assessment`]): with one workload exactly the flat
/// result; with several, the system answers, the organisation axis, an
/// execution axis comparing single-platform plans (one term per workload),
/// the plan's headline, no hybrid notes, and the plan's tipping points and
/// triggers, each naming its workload. `answers_given` lists the answers in
/// `assessment.answers`; each workload's own answers are in `plan`.
///
/// Snapshots stored before plans existed have no `plan`, and it is left out
/// of the JSON when absent, so they read and write back byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultSnapshot {
    pub assessment: Assessment,
    pub answers_given: Vec<AnswerLine>,
    pub candidates: Vec<Candidate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanSnapshot>,
}

/// The plan part of a snapshot: the plan, and each workload as it is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSnapshot {
    pub assessment: PlanAssessment,
    pub workloads: Vec<WorkloadLines>,
}

/// A workload's name, kind and answers, with the labels shown for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadLines {
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub answers_given: Vec<AnswerLine>,
}

impl ResultSnapshot {
    pub fn new(questionnaire: &Questionnaire, assessment: Assessment) -> Self {
        let answers_given = answer_lines(questionnaire, &assessment.answers);
        ResultSnapshot { assessment, answers_given, candidates: questionnaire.candidates.clone(), plan: None }
    }

    /// A snapshot of a plan (see the type's notes for what `assessment` holds then).
    pub fn from_plan(questionnaire: &Questionnaire, plan: PlanAssessment) -> Self {
        let workloads = plan
            .workloads
            .iter()
            .map(|w| WorkloadLines {
                name: w.name.clone(),
                kind: w.kind.clone(),
                kind_label: w.kind_label.clone(),
                answers_given: answer_lines(questionnaire, &w.answers),
            })
            .collect();
        let mut snapshot = ResultSnapshot::new(questionnaire, plan.to_assessment(questionnaire));
        snapshot.plan = Some(PlanSnapshot { assessment: plan, workloads });
        snapshot
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// The answers this result was scored from, as a plan: its workloads, or
    /// for a result without them the whole system as one workload. To
    /// re-score it, or to start the wizard from it.
    pub fn plan_answers(&self, questionnaire: &Questionnaire) -> PlanAnswers {
        match &self.plan {
            Some(plan) => PlanAnswers {
                system: plan.assessment.system.clone(),
                workloads: plan
                    .assessment
                    .workloads
                    .iter()
                    .map(|w| Workload { name: w.name.clone(), kind: w.kind.clone(), answers: w.answers.clone() })
                    .collect(),
            },
            None => PlanAnswers::from_flat(questionnaire, &self.assessment.answers),
        }
    }
}

/// The answers with their section, prompt and option labels, in question order.
fn answer_lines(questionnaire: &Questionnaire, answers: &Answers) -> Vec<AnswerLine> {
    questionnaire
        .questions
        .iter()
        .filter_map(|q| {
            let answer = answers.get(&q.id)?;
            let labels = answer.selected().iter().filter_map(|o| q.option(o).map(|o| o.label.clone())).collect();
            let section = questionnaire.sections.iter().find(|s| s.id == q.section).map(|s| s.title.clone()).unwrap_or_default();
            Some(AnswerLine { section, question: q.id.clone(), prompt: q.prompt.clone(), labels })
        })
        .collect()
}
