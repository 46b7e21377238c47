//! Assessing a plan: one organisation for the system, one execution
//! recommendation per workload, and the set of platforms that serves the
//! workloads best once the price of mixing platforms is paid.
//!
//! With one workload, a plan reads exactly like a single system's result:
//! same winners, terms, tipping points and wording (see
//! [`PlanAssessment::to_assessment`]). Workload names appear in terms,
//! tipping points and triggers only when there are several to tell apart.

use crate::assessment::{recommend, AxisResult, Exclusion, Term};
use crate::plan_score::{execution, mixing_terms, organisation, ruled_out_by_system, Prepared};
use crate::plan_search::{search, Found};
use crate::plan_tipping::{and_list, plan_review_triggers, plan_tipping_points};
use crate::plan_validate::PlanAnswerErrors;
use crate::questionnaire::Questionnaire;
use crate::text::lower_first;
use crate::tipping::{ReviewTrigger, TippingPoint};
use crate::workload::PlanAnswers;
use crate::Answers;
use serde::{Deserialize, Serialize};

/// The complete, self-contained result of scoring a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanAssessment {
    pub questionnaire_version: String,
    pub questionnaire_fingerprint: String,
    /// The system answers.
    pub system: Answers,
    /// Scored once: system answers, workload options chosen by at least one
    /// workload (each once), and the workload facts that hold.
    pub organisation: AxisResult,
    pub workloads: Vec<WorkloadAssessment>,
    /// Execution candidates a system answer rules out for every workload,
    /// each reason once. They are also in each workload's `excluded_by`, so
    /// each workload's axis stands on its own; a page can show these once
    /// and skip them per workload with [`PlanAssessment::is_plan_wide`].
    pub ruled_out_everywhere: Vec<PlanExclusion>,
    /// What each platform beyond the first costs: the sum of its terms.
    pub mixing: PlanMixing,
    /// The best plan; `None` when some workload has every platform ruled out.
    pub plan: Option<PlanChoice>,
    /// The best plan that runs every workload on one platform.
    pub single: Option<PlanChoice>,
    /// `plan.value - single.value`: what mixing platforms gains over starting simple.
    pub single_difference: Option<i32>,
    /// "Modular monolith; API on managed containers, Upload handler on serverless functions".
    pub headline: String,
    /// Hybrid notes, as for a single system; only for a plan of one workload.
    pub hybrid_notes: Vec<String>,
    /// The organisation, or some workload's execution, is a close call.
    pub close_call: bool,
    /// Tipping points of the system answers (each workload's are on the workload).
    pub tipping_points: Vec<TippingPoint>,
    pub review_triggers: Vec<ReviewTrigger>,
}

/// One workload's part of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadAssessment {
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    /// Its own answers (workload questions only).
    pub answers: Answers,
    /// Its execution axis: system answers, its answers, and what synchronous chains carry to it.
    pub execution: AxisResult,
    /// The platform the plan gives it (not always its own winner: mixing has a price).
    pub platform: Option<String>,
    /// Tipping points of its own answers; the changes they cause may be anywhere in the plan.
    pub tipping_points: Vec<TippingPoint>,
    pub review_triggers: Vec<ReviewTrigger>,
}

/// A candidate ruled out for every workload by a system answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanExclusion {
    pub candidate: String,
    pub label: String,
    pub by: Exclusion,
}

/// The price of each platform beyond the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanMixing {
    /// The sum of `terms`.
    pub per_platform: i32,
    pub terms: Vec<Term>,
}

/// A set of platforms and the platform each workload runs on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanChoice {
    /// Candidate ids, in the content's order.
    pub platforms: Vec<String>,
    /// One per workload, in the workloads' order.
    pub assignments: Vec<Assignment>,
    /// The sum of the assignments' points.
    pub points: i32,
    /// Platforms beyond the first.
    pub extra_platforms: u32,
    /// `extra_platforms` times the mixing price.
    pub mixing_cost: i32,
    /// `points - mixing_cost`.
    pub value: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    pub workload: String,
    pub candidate: String,
    pub label: String,
    /// The workload's total for this candidate.
    pub points: i32,
}

impl PlanAssessment {
    /// Whether `exclusion` is one of the system answers that rule a candidate
    /// out for every workload.
    pub fn is_plan_wide(&self, exclusion: &Exclusion) -> bool {
        self.ruled_out_everywhere.iter().any(|e| &e.by == exclusion)
    }

    pub fn workload(&self, name: &str) -> Option<&WorkloadAssessment> {
        self.workloads.iter().find(|w| w.name == name)
    }
}

/// Validates and scores a plan. Every problem with the answers is reported at
/// once, each with its field path. Workload names are trimmed.
pub fn assess_plan(questionnaire: &Questionnaire, answers: &PlanAnswers) -> Result<PlanAssessment, PlanAnswerErrors> {
    questionnaire.validate_plan(answers)?;
    Ok(score_plan(questionnaire, &answers.tidied()))
}

/// Scores a plan whose answers are known to be valid.
pub(crate) fn score_plan(q: &Questionnaire, plan: &PlanAnswers) -> PlanAssessment {
    let n = plan.workloads.len();
    let prepared = Prepared::new(plan);
    let organisation = organisation(q, &prepared);
    let executions: Vec<AxisResult> = (0..n).map(|i| execution(q, &prepared, i)).collect();
    let terms = mixing_terms(q, &plan.system, n);
    let mixing = PlanMixing { per_platform: terms.iter().map(|t| t.points).sum(), terms };

    let totals: Vec<i32> = executions.iter().flat_map(|a| a.scores.iter().map(|s| s.total)).collect();
    let excluded: Vec<u64> =
        executions.iter().map(|a| a.scores.iter().enumerate().filter(|(_, s)| s.is_excluded()).fold(0u64, |m, (k, _)| m | 1 << k)).collect();
    let (best, single) = search(&totals, executions[0].scores.len(), &excluded, mixing.per_platform);
    let choice = |found: Found| {
        let first = &executions[0];
        PlanChoice {
            platforms: (0..first.scores.len()).filter(|k| found.set & (1 << k) != 0).map(|k| first.scores[k].candidate.clone()).collect(),
            assignments: found
                .assignment
                .iter()
                .zip(&executions)
                .zip(&plan.workloads)
                .map(|((&k, axis), w)| Assignment {
                    workload: w.name.clone(),
                    candidate: axis.scores[k].candidate.clone(),
                    label: axis.scores[k].label.clone(),
                    points: axis.scores[k].total,
                })
                .collect(),
            points: found.points,
            extra_platforms: found.platforms() - 1,
            mixing_cost: mixing.per_platform * (found.platforms() as i32 - 1),
            value: found.value,
        }
    };
    let (best, single) = (best.map(choice), single.map(choice));

    let (system_points, workload_points) = plan_tipping_points(q, plan);
    let several = n > 1;
    let (headline, hybrid_notes) = match plan.to_flat() {
        Some(flat) => {
            let r = recommend(q, &flat, &[organisation.clone(), executions[0].clone()]);
            (r.headline, r.hybrid_notes)
        }
        None => (headline(q, &organisation, best.as_ref(), &executions, plan), Vec::new()),
    };
    let workloads: Vec<WorkloadAssessment> = plan
        .workloads
        .iter()
        .zip(executions)
        .zip(workload_points)
        .enumerate()
        .map(|(i, ((w, execution), points))| WorkloadAssessment {
            name: w.name.clone(),
            kind: w.kind.clone(),
            kind_label: q.workload_kind(&w.kind).map(|k| k.label.clone()).unwrap_or_default(),
            answers: w.answers.clone(),
            platform: best.as_ref().map(|b| b.assignments[i].candidate.clone()),
            review_triggers: plan_review_triggers(q, &points, several),
            tipping_points: points,
            execution,
        })
        .collect();
    PlanAssessment {
        questionnaire_version: q.version.clone(),
        questionnaire_fingerprint: q.fingerprint.clone(),
        system: plan.system.clone(),
        close_call: organisation.close_call || workloads.iter().any(|w| w.execution.close_call),
        organisation,
        ruled_out_everywhere: ruled_out_by_system(q, &plan.system, n)
            .into_iter()
            .map(|(candidate, by)| PlanExclusion { label: q.candidate(&candidate).map(|c| c.label.clone()).unwrap_or_default(), candidate, by })
            .collect(),
        mixing,
        single_difference: best.as_ref().zip(single.as_ref()).map(|(b, s)| b.value - s.value),
        plan: best,
        single,
        headline,
        hybrid_notes,
        review_triggers: plan_review_triggers(q, &system_points, several),
        tipping_points: system_points,
        workloads,
    }
}

/// "Modular monolith on managed containers" when every workload shares a
/// platform; "Modular monolith; API on managed containers, Upload handler on
/// serverless functions" when they do not.
fn headline(q: &Questionnaire, organisation: &AxisResult, best: Option<&PlanChoice>, executions: &[AxisResult], plan: &PlanAnswers) -> String {
    let label = |id: &str| q.candidate(id).map(|c| lower_first(&c.label)).unwrap_or_default();
    let running = match best {
        None => {
            let stuck: Vec<String> = executions
                .iter()
                .zip(&plan.workloads)
                .filter(|(a, _)| a.scores.iter().all(|s| s.is_excluded()))
                .map(|(_, w)| format!("“{}”", w.name))
                .collect();
            return match organisation.winner_label() {
                Some(o) => format!("{o}; no execution model fits every constraint of {}", and_list(&stuck)),
                None => "No candidate fits every constraint".to_string(),
            };
        }
        Some(choice) if choice.platforms.len() == 1 => {
            let on = label(&choice.platforms[0]);
            return match organisation.winner_label() {
                Some(o) => format!("{o} on {on}"),
                None => format!("No organisation fits every constraint; run on {on}"),
            };
        }
        Some(choice) => choice,
    };
    // Platforms in the order the workloads first use them.
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for a in &running.assignments {
        match groups.iter_mut().find(|(c, _)| *c == a.candidate) {
            Some((_, names)) => names.push(a.workload.clone()),
            None => groups.push((&a.candidate, vec![a.workload.clone()])),
        }
    }
    let parts: Vec<String> = groups.iter().map(|(c, names)| format!("{} on {}", and_list(names), label(c))).collect();
    let organisation = organisation.winner_label().unwrap_or("No organisation fits every constraint");
    format!("{organisation}; {}", parts.join(", "))
}

