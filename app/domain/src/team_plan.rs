//! Team decisions on a plan. The decision's owner fixes the workloads (names
//! and kinds); each member answers the system questions and each workload's
//! questions. System answers combine per question as for a single system
//! (median, most common, majority set; see [`crate::team`]), and each
//! workload's answers combine per workload, over the members who answered
//! for that workload (matched by name, whatever the letter case).

use crate::answer::{Answer, Answers};
use crate::plan::{assess_plan, PlanAssessment};
use crate::question::Scope;
use crate::questionnaire::Questionnaire;
use crate::team::{combine_one, lenient, weigh, Discussion, QuestionSpread};
use crate::workload::{PlanAnswers, Workload};
use serde::{Deserialize, Serialize};

/// A workload of a team decision, as its owner set it up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionWorkload {
    pub name: String,
    pub kind: String,
}

/// How the team's answers for one workload spread, and what to discuss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadSpread {
    pub workload: String,
    pub spreads: Vec<QuestionSpread>,
    /// Most consequential first.
    pub discuss_first: Vec<Discussion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPlanAssessment {
    pub combined: PlanAnswers,
    pub assessment: PlanAssessment,
    /// The system questions.
    pub spreads: Vec<QuestionSpread>,
    pub discuss_first: Vec<Discussion>,
    /// Per workload, in the decision's order.
    pub workloads: Vec<WorkloadSpread>,
}

/// Member `m`'s answers for the workload called `name`, if they gave any.
fn answers_for<'a>(member: &'a PlanAnswers, name: &str) -> Option<&'a Answers> {
    let name = name.trim().to_lowercase();
    member.workloads.iter().find(|w| w.name.trim().to_lowercase() == name).map(|w| &w.answers)
}

/// Combines members' plans into the team's plan for the decision's workloads.
pub fn combine_plan(questionnaire: &Questionnaire, workloads: &[DecisionWorkload], members: &[PlanAnswers]) -> PlanAnswers {
    let n = workloads.len();
    let mut system = Answers::new();
    for question in questionnaire.questions_in(Scope::System) {
        if !questionnaire.is_asked(question, &system, n) {
            continue;
        }
        let given: Vec<&Answer> = members.iter().filter_map(|m| m.system.get(&question.id)).collect();
        if let Some(answer) = combine_one(question, &given) {
            system.set(question.id.clone(), answer);
        }
    }
    let workloads = workloads
        .iter()
        .map(|w| {
            let mut context = system.clone();
            let mut own = Answers::new();
            for question in questionnaire.questions_in(Scope::Workload) {
                if !questionnaire.is_asked(question, &context, n) {
                    continue;
                }
                let given: Vec<&Answer> = members.iter().filter_map(|m| answers_for(m, &w.name)?.get(&question.id)).collect();
                if let Some(answer) = combine_one(question, &given) {
                    context.set(question.id.clone(), answer.clone());
                    own.set(question.id.clone(), answer);
                }
            }
            Workload { name: w.name.clone(), kind: w.kind.clone(), answers: own }
        })
        .collect();
    PlanAnswers { system, workloads }
}

/// Only the answers each part of the plan still shows.
fn prune(questionnaire: &Questionnaire, plan: &PlanAnswers) -> PlanAnswers {
    let n = plan.workloads.len();
    let system = questionnaire.prune_for(&plan.system, n);
    let workloads = plan
        .workloads
        .iter()
        .map(|w| {
            let kept = questionnaire.prune_for(&crate::workload::merged(&system, &w.answers), n);
            let answers = Answers(kept.0.into_iter().filter(|(id, _)| w.answers.get(id).is_some()).collect());
            Workload { answers, ..w.clone() }
        })
        .collect();
    PlanAnswers { system, workloads }
}

/// Scores the team's plan: combined answers, spread per question (system and
/// per workload), and the disagreements that would change the organisation
/// or any workload's platform, most consequential first. `None` without
/// members, or when the decision's workloads are not a valid plan.
pub fn assess_team_plan(questionnaire: &Questionnaire, workloads: &[DecisionWorkload], members: &[PlanAnswers]) -> Option<TeamPlanAssessment> {
    if members.is_empty() {
        return None;
    }
    let relaxed = lenient(questionnaire);
    let combined = combine_plan(questionnaire, workloads, members);
    let assessment = assess_plan(&relaxed, &combined).ok()?;
    let outcome = |a: &PlanAssessment| (a.organisation.winner.clone(), a.workloads.iter().map(|w| w.platform.clone()).collect::<Vec<_>>());
    let base = outcome(&assessment);
    // The team plan with one answer changed: its headline, if the outcome moves.
    let rescore = |place: Option<usize>, question: &str, answer: &Answer| -> Option<String> {
        let mut changed = combined.clone();
        match place {
            None => changed.system.set(question, answer.clone()),
            Some(w) => changed.workloads[w].answers.set(question, answer.clone()),
        }
        let result = assess_plan(&relaxed, &prune(questionnaire, &changed)).ok()?;
        (outcome(&result) != base).then_some(result.headline)
    };
    let sort = |d: &mut Vec<Discussion>| d.sort_by(|a, b| b.members.cmp(&a.members).then(b.spread.total_cmp(&a.spread)));

    let (mut spreads, mut discuss_first) = (Vec::new(), Vec::new());
    for question in questionnaire.questions_in(Scope::System) {
        let given: Vec<&Answer> = members.iter().filter_map(|m| m.system.get(&question.id)).collect();
        let Some((spread, discussion)) = weigh(question, &given, combined.system.get(&question.id), |a| rescore(None, &question.id, a)) else {
            continue;
        };
        spreads.push(spread);
        discuss_first.extend(discussion);
    }
    sort(&mut discuss_first);
    let per_workload = combined
        .workloads
        .iter()
        .enumerate()
        .map(|(w, workload)| {
            let (mut spreads, mut discuss_first) = (Vec::new(), Vec::new());
            for question in questionnaire.questions_in(Scope::Workload) {
                let given: Vec<&Answer> = members.iter().filter_map(|m| answers_for(m, &workload.name)?.get(&question.id)).collect();
                let team = workload.answers.get(&question.id);
                let Some((spread, discussion)) = weigh(question, &given, team, |a| rescore(Some(w), &question.id, a)) else { continue };
                spreads.push(spread);
                discuss_first.extend(discussion);
            }
            sort(&mut discuss_first);
            WorkloadSpread { workload: workload.name.clone(), spreads, discuss_first }
        })
        .collect();
    Some(TeamPlanAssessment { combined, assessment, spreads, discuss_first, workloads: per_workload })
}
