//! A plan as a single-system [`Assessment`], for the pages and records that
//! only know one (home page examples, team members' headlines, the stored
//! snapshot's `assessment`).
//!
//! With one workload it is exactly the assessment of the same answers as a
//! flat set. With several:
//! - `answers` are the system answers;
//! - the organisation axis is the plan's;
//! - the execution axis compares single-platform plans: each candidate's
//!   total is what every workload scores on it, one term per workload, and it
//!   is ruled out when it is ruled out for any workload (so its winner is
//!   the plan's best single platform, [`PlanAssessment::single`]);
//! - the headline is the plan's, and there are no hybrid notes (the plan
//!   itself says which workload runs where);
//! - tipping points and review triggers are the plan's, system and workload
//!   ones merged in question order, each naming its workload.

use crate::assessment::{finish_axis, Assessment, AxisResult, CandidateScore, Recommendation, Term, TermSource};
use crate::candidate::Axis;
use crate::plan::PlanAssessment;
use crate::questionnaire::Questionnaire;
use crate::tipping::{ReviewTrigger, TippingPoint};
use crate::workload::merged;

impl PlanAssessment {
    /// The plan as a single-system assessment (see the module notes).
    pub fn to_assessment(&self, q: &Questionnaire) -> Assessment {
        let (tipping_points, review_triggers) = self.merged_points(q);
        if let [only] = self.workloads.as_slice() {
            let axes = vec![self.organisation.clone(), only.execution.clone()];
            return Assessment {
                questionnaire_version: self.questionnaire_version.clone(),
                questionnaire_fingerprint: self.questionnaire_fingerprint.clone(),
                answers: merged(&self.system, &only.answers),
                close_call: axes.iter().any(|a| a.close_call),
                recommendation: Recommendation {
                    organisation: self.organisation.winner.clone(),
                    execution: only.execution.winner.clone(),
                    headline: self.headline.clone(),
                    hybrid_notes: self.hybrid_notes.clone(),
                },
                axes,
                tipping_points,
                review_triggers,
            };
        }
        let execution = self.single_platform_axis(q);
        Assessment {
            questionnaire_version: self.questionnaire_version.clone(),
            questionnaire_fingerprint: self.questionnaire_fingerprint.clone(),
            answers: self.system.clone(),
            close_call: self.close_call,
            recommendation: Recommendation {
                organisation: self.organisation.winner.clone(),
                execution: execution.winner.clone(),
                headline: self.headline.clone(),
                hybrid_notes: Vec::new(),
            },
            axes: vec![self.organisation.clone(), execution],
            tipping_points,
            review_triggers,
        }
    }

    /// Every candidate as the one platform of every workload.
    fn single_platform_axis(&self, q: &Questionnaire) -> AxisResult {
        let scores = q
            .candidates_on(Axis::Execution)
            .map(|c| {
                let mut score = CandidateScore { candidate: c.id.clone(), label: c.label.clone(), total: 0, terms: Vec::new(), excluded_by: Vec::new() };
                for w in &self.workloads {
                    let Some(own) = w.execution.score(&c.id) else { continue };
                    score.total += own.total;
                    score.terms.push(Term {
                        question: String::new(),
                        prompt: w.name.clone(),
                        option: w.kind.clone(),
                        option_label: w.kind_label.clone(),
                        points: own.total,
                        because: format!("What “{}” scores on {}, the sum of its own terms.", w.name, c.label.to_lowercase()),
                        source: TermSource::Workload,
                        workloads: vec![w.name.clone()],
                    });
                    for exclusion in &own.excluded_by {
                        if !score.excluded_by.contains(exclusion) {
                            score.excluded_by.push(exclusion.clone());
                        }
                    }
                }
                score
            })
            .collect();
        finish_axis(q, Axis::Execution, scores)
    }

    /// System and workload tipping points (and triggers) in question order;
    /// within a question, the system's first, then each workload's in order.
    fn merged_points(&self, q: &Questionnaire) -> (Vec<TippingPoint>, Vec<ReviewTrigger>) {
        let mut all: Vec<(usize, usize, &TippingPoint, &ReviewTrigger)> = Vec::new();
        let sources = std::iter::once((&self.tipping_points, &self.review_triggers))
            .chain(self.workloads.iter().map(|w| (&w.tipping_points, &w.review_triggers)));
        for (place, (points, triggers)) in sources.enumerate() {
            for (point, trigger) in points.iter().zip(triggers) {
                all.push((q.question_index(&point.question).unwrap_or(usize::MAX), place, point, trigger));
            }
        }
        all.sort_by_key(|(question, place, _, _)| (*question, *place));
        all.into_iter().map(|(_, _, p, t)| (p.clone(), t.clone())).unzip()
    }
}
