//! Tipping points of a plan, computed as for a single system: for each
//! answered question (each system question, and each workload question of
//! each workload), the nearest different answer that changes the
//! recommendation: the organisation winner, or the platform of some workload
//! in the plan. Re-scoring runs on [`PlanCompiled`].

use crate::candidate::Axis;
use crate::compiled::mask_of;
use crate::plan_compiled::{Outcome, PlanCompiled, SystemState, WorkloadState};
use crate::question::{QuestionKind, Scope};
use crate::questionnaire::Questionnaire;
use crate::tipping::{alternatives, situation, worded, Alternative, PlatformChange, ReviewTrigger, TippingPoint, WinnerChange, WorkloadMove};
use crate::workload::PlanAnswers;

/// The tipping points of the system answers, and of each workload's answers.
pub(crate) fn plan_tipping_points(q: &Questionnaire, plan: &PlanAnswers) -> (Vec<TippingPoint>, Vec<Vec<TippingPoint>>) {
    let n = plan.workloads.len();
    let pc = PlanCompiled::new(q, n);
    let selections = |answers: &crate::Answers| -> Vec<u64> {
        q.questions.iter().map(|x| answers.get(&x.id).map_or(0, |a| mask_of(x, a))).collect()
    };
    let answered = |answers: &crate::Answers| -> Vec<bool> { q.questions.iter().map(|x| answers.get(&x.id).is_some()).collect() };
    let system = selections(&plan.system);
    let workloads: Vec<Vec<u64>> = plan.workloads.iter().map(|w| selections(&w.answers)).collect();
    let base_system = pc.system(&system);
    let base_workloads: Vec<WorkloadState> = workloads.iter().map(|s| pc.workload(&base_system, s)).collect();
    let base = pc.outcome(&base_system, &base_workloads);
    let mut search = Search {
        q,
        pc: &pc,
        system,
        workloads,
        system_answered: answered(&plan.system),
        workload_answered: plan.workloads.iter().map(|w| answered(&w.answers)).collect(),
        names: plan.workloads.iter().map(|w| w.name.clone()).collect(),
        base_system,
        base_workloads,
        base,
    };

    let mut system_points = Vec::new();
    let mut workload_points = vec![Vec::new(); n];
    for (qi, question) in q.questions.iter().enumerate() {
        if question.scope == Scope::System {
            if search.base_system.shown[qi] && search.system_answered[qi] {
                system_points.extend(search.question(qi, None));
            }
            continue;
        }
        for (w, points) in workload_points.iter_mut().enumerate() {
            if search.base_workloads[w].shown[qi] && search.workload_answered[w][qi] {
                points.extend(search.question(qi, Some(w)));
            }
        }
    }
    (system_points, workload_points)
}

/// An alternative answer, what it leads to, and the follow-up answer it needs.
type Nearest = (Alternative, Outcome, Option<(usize, u64)>);

struct Rescored {
    /// The system answers scored again, after a system change.
    system: Option<SystemState>,
    /// The workloads scored again: all after a system change, else the one changed.
    changed: Vec<(usize, WorkloadState)>,
    outcome: Outcome,
}

struct Search<'a> {
    q: &'a Questionnaire,
    pc: &'a PlanCompiled,
    system: Vec<u64>,
    workloads: Vec<Vec<u64>>,
    system_answered: Vec<bool>,
    workload_answered: Vec<Vec<bool>>,
    names: Vec<String>,
    base_system: SystemState,
    base_workloads: Vec<WorkloadState>,
    base: Outcome,
}

impl Search<'_> {
    fn selection(&mut self, qi: usize, workload: Option<usize>) -> &mut u64 {
        match workload {
            None => &mut self.system[qi],
            Some(w) => &mut self.workloads[w][qi],
        }
    }

    /// The nearest alternatives of question `qi` (of the system, or of one
    /// workload) that change the outcome: one per direction on a scale.
    fn question(&mut self, qi: usize, workload: Option<usize>) -> Vec<TippingPoint> {
        let q = self.q;
        let question = &q.questions[qi];
        let original = *self.selection(qi, workload);
        let mut best: Vec<Nearest> = Vec::new();
        for alt in alternatives(question.kind, question.required, question.options.len(), original) {
            *self.selection(qi, workload) = alt.selection;
            let Some((outcome, then)) = self.flip(workload) else { continue };
            match best.iter().position(|(b, _, _)| b.direction == alt.direction) {
                Some(i) if question.kind == QuestionKind::Scale => {
                    if alt.distance < best[i].0.distance {
                        best[i] = (alt, outcome, then);
                    }
                }
                _ => best.push((alt, outcome, then)),
            }
        }
        *self.selection(qi, workload) = original;
        best.into_iter().map(|(alt, outcome, then)| self.point(qi, workload, original, &alt, &outcome, then)).collect()
    }

    /// Re-scores after a change to the system (`None`: everything again) or
    /// to one workload (only that workload's own answers again).
    fn rescore(&mut self, workload: Option<usize>) -> Rescored {
        match workload {
            None if !self.pc.workloads_read_system => {
                // The workloads' own answers score the same whatever the system answers.
                let system = self.pc.system(&self.system);
                let outcome = self.pc.outcome(&system, &self.base_workloads);
                Rescored { system: Some(system), changed: Vec::new(), outcome }
            }
            None => {
                let system = self.pc.system(&self.system);
                let states: Vec<WorkloadState> = self.workloads.iter().map(|s| self.pc.workload(&system, s)).collect();
                let outcome = self.pc.outcome(&system, &states);
                Rescored { system: Some(system), changed: states.into_iter().enumerate().collect(), outcome }
            }
            Some(w) => {
                let state = self.pc.workload(&self.base_system, &self.workloads[w]);
                let base = std::mem::replace(&mut self.base_workloads[w], state);
                let outcome = self.pc.outcome(&self.base_system, &self.base_workloads);
                let state = std::mem::replace(&mut self.base_workloads[w], base);
                Rescored { system: None, changed: vec![(w, state)], outcome }
            }
        }
    }

    /// The outcome the current selections lead to, if it differs from the
    /// base. A change that shows a hidden, unanswered question is scored with
    /// each of its options in turn (blank too, if it is optional), in every
    /// place it appears: the first that changes the outcome is the follow-up.
    fn flip(&mut self, workload: Option<usize>) -> Option<(Outcome, Option<(usize, u64)>)> {
        let rescored = self.rescore(workload);
        let newly = |ri: usize, place: Option<usize>| match place {
            None => rescored.system.as_ref().is_some_and(|s| s.shown[ri] && !self.base_system.shown[ri] && !self.system_answered[ri]),
            Some(w) => rescored
                .changed
                .iter()
                .any(|(v, s)| *v == w && s.shown[ri] && !self.base_workloads[w].shown[ri] && !self.workload_answered[w][ri]),
        };
        let places = |ri: usize| -> Vec<Option<usize>> {
            match self.q.questions[ri].scope {
                Scope::System => Some(None).into_iter().filter(|&p| newly(ri, p)).collect(),
                Scope::Workload => (0..self.workloads.len()).map(Some).filter(|&p| newly(ri, p)).collect(),
            }
        };
        // After a workload's change only that workload can show more; after a
        // system change, the system and the workloads scored again.
        let anywhere = |ri: usize| match workload {
            Some(w) => newly(ri, Some(w)),
            None => newly(ri, None) || rescored.changed.iter().any(|(w, _)| newly(ri, Some(*w))),
        };
        let revealed = (0..self.q.questions.len()).find(|&ri| anywhere(ri)).map(|ri| (ri, places(ri)));
        let outcome = rescored.outcome;
        let Some((ri, places)) = revealed else {
            return (outcome != self.base).then_some((outcome, None));
        };
        let q = self.q;
        let question = &q.questions[ri];
        if !question.required && outcome != self.base {
            return Some((outcome, None));
        }
        let saved: Vec<u64> = places.iter().map(|&p| *self.selection(ri, p)).collect();
        let mut found = None;
        for oi in 0..question.options.len() {
            for &p in &places {
                *self.selection(ri, p) = 1 << oi;
            }
            let rescored = self.rescore(workload).outcome;
            if rescored != self.base {
                found = Some((rescored, Some((ri, 1u64 << oi))));
                break;
            }
        }
        for (&p, s) in places.iter().zip(saved) {
            *self.selection(ri, p) = s;
        }
        found
    }

    fn point(&self, qi: usize, workload: Option<usize>, from: u64, alt: &Alternative, outcome: &Outcome, then: Option<(usize, u64)>) -> TippingPoint {
        let q = self.q;
        let several = self.names.len() > 1;
        let id = |c: Option<usize>| c.map(|c| q.candidates[c].id.clone());
        let platform = |o: &Outcome, w: usize| o.assignment.as_ref().map(|a| self.pc.execution[a[w]]);
        let mut changes = Vec::new();
        if self.base.organisation != outcome.organisation {
            changes.push(WinnerChange { axis: Axis::Organisation, from: id(self.base.organisation), to: id(outcome.organisation) });
        }
        let mut moves = Vec::new();
        for (w, name) in self.names.iter().enumerate() {
            let (before, after) = (platform(&self.base, w), platform(outcome, w));
            if before != after {
                changes.push(WinnerChange { axis: Axis::Execution, from: id(before), to: id(after) });
                moves.push(WorkloadMove { workload: name.clone(), from: id(before), to: id(after) });
            }
        }
        let mut point = worded(q, qi, from, alt, changes, then);
        if several {
            let set = |o: &Outcome| -> Vec<String> {
                let mut used: Vec<usize> = o.assignment.iter().flatten().map(|&k| self.pc.execution[k]).collect();
                used.sort_unstable();
                used.dedup();
                used.into_iter().map(|c| q.candidates[c].id.clone()).collect()
            };
            let (before, after) = (set(&self.base), set(outcome));
            point.platforms = (before != after).then_some(PlatformChange { from: before, to: after });
            point.moves = moves;
            point.workload = workload.map(|w| self.names[w].clone());
            if let Some(name) = &point.workload {
                point.change = format!("{name}: {}", point.change);
            }
        }
        point
    }
}

/// Review triggers for a plan's tipping points, worded from each question's
/// `revisit` sentence and naming the workload. With one workload, exactly the
/// single-system wording.
pub(crate) fn plan_review_triggers(q: &Questionnaire, points: &[TippingPoint], several: bool) -> Vec<ReviewTrigger> {
    if !several {
        return crate::tipping::review_triggers(q, points);
    }
    let name = |id: &Option<String>| id.as_deref().and_then(|id| q.candidate(id)).map(|c| c.label.to_lowercase()).unwrap_or_else(|| "nothing".into());
    points
        .iter()
        .filter_map(|point| {
            let situation = situation(q, point)?;
            let mut effects: Vec<String> = point
                .changes
                .iter()
                .filter(|c| c.axis == Axis::Organisation)
                .map(|c| format!("organisation would move from {} to {}", name(&c.from), name(&c.to)))
                .collect();
            effects.extend(point.moves.iter().map(|m| format!("“{}” would move from {} to {}", m.workload, name(&m.from), name(&m.to))));
            if let Some(p) = &point.platforms {
                let list = |ids: &[String]| and_list(&ids.iter().map(|id| name(&Some(id.clone()))).collect::<Vec<_>>());
                effects.push(format!("the plan would run on {} instead of {}", list(&p.to), list(&p.from)));
            }
            let whose = point.workload.as_ref().map(|w| format!(", for “{w}”,")).unwrap_or_default();
            Some(ReviewTrigger {
                question: point.question.clone(),
                text: format!("Revisit if{whose} {situation}: {}.", effects.join(", and ")),
                workload: point.workload.clone(),
            })
        })
        .collect()
}

/// "a, b and c".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => "nothing".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
