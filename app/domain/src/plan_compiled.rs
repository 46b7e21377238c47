//! A plan compiled to indexes and bitmasks, so that re-scoring every
//! alternative answer of every workload (for tipping points) stays cheap. It
//! applies the rules of [`crate::plan_score`] on numbers: the system answers
//! are scored once per system change, each workload's own answers once per
//! change of that workload, and only the combination is redone each time.

use crate::compiled::Compiled;
use crate::candidate::Axis;
use crate::plan_content::FactTest;
use crate::plan_search::search;
use crate::question::Scope;
use crate::questionnaire::Questionnaire;
use crate::rank::rank;

/// What a recommendation is: the organisation winner and, per workload, the
/// index of its platform among the execution candidates (`None`: no plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) organisation: Option<usize>,
    pub(crate) assignment: Option<Vec<usize>>,
}

/// The system answers, scored: effective selections (hidden questions count
/// as unanswered), totals per candidate, rule-outs and the mixing price.
pub(crate) struct SystemState {
    pub(crate) effective: Vec<u64>,
    pub(crate) shown: Vec<bool>,
    totals: Vec<i32>,
    excluded: u64,
    price: i32,
}

/// One workload's own answers, scored on top of a [`SystemState`].
#[derive(Clone)]
pub(crate) struct WorkloadState {
    pub(crate) effective: Vec<u64>,
    pub(crate) shown: Vec<bool>,
    totals: Vec<i32>,
    excluded: u64,
}

struct CompiledChain {
    callee: (usize, u64),
    callers: (usize, u64),
    carries: usize,
    /// Per option of the carried question: (rules out a listed candidate,
    /// points to listed candidates), points per candidate, rule-out mask.
    options: Vec<((bool, i32), Vec<i32>, u64)>,
}

pub(crate) struct PlanCompiled {
    compiled: Compiled,
    several: bool,
    /// Candidate indexes of each axis, in content order.
    organisation: Vec<usize>,
    pub(crate) execution: Vec<usize>,
    system_questions: Vec<usize>,
    workload_questions: Vec<usize>,
    /// Organisation points of the facts that hold (depending on answers or not).
    facts_by_count: Vec<i32>,
    facts_by_difference: Vec<(usize, Vec<i32>)>,
    chains: Vec<CompiledChain>,
    base_price: i32,
    extras: Vec<(usize, u64, i32)>,
    /// Whether a workload question's skip logic reads a system answer: only
    /// then must a system change score every workload again.
    pub(crate) workloads_read_system: bool,
}

impl PlanCompiled {
    pub(crate) fn new(q: &Questionnaire, workloads: usize) -> Self {
        let compiled = Compiled::new(q);
        let on = |axis: Axis| q.candidates.iter().enumerate().filter(|(_, c)| c.axis == axis).map(|(i, _)| i).collect::<Vec<_>>();
        let scoped = |scope: Scope| q.questions.iter().enumerate().filter(|(_, x)| x.scope == scope).map(|(i, _)| i).collect::<Vec<_>>();
        let candidate = |id: &str| q.candidates.iter().position(|c| c.id == id);
        let points_of = |points: &[crate::question::OptionPoints]| {
            let mut row = vec![0; q.candidates.len()];
            for p in points {
                if let Some(i) = candidate(&p.candidate) {
                    row[i] += p.points;
                }
            }
            row
        };
        let condition = |c: &crate::question::Condition| {
            let index = q.question_index(&c.question).unwrap_or(0);
            let mask = c.any_of.iter().filter_map(|o| q.questions[index].option_index(o)).fold(0u64, |m, i| m | 1 << i);
            (index, mask)
        };
        let mut facts_by_count = vec![0; q.candidates.len()];
        let mut facts_by_difference = Vec::new();
        for fact in &q.workload_facts {
            match &fact.test {
                FactTest::AtLeast { workloads: least } if workloads >= *least => {
                    for (t, p) in facts_by_count.iter_mut().zip(points_of(&fact.points)) {
                        *t += p;
                    }
                }
                FactTest::AtLeast { .. } => {}
                FactTest::Differ { question } => {
                    if let Some(index) = q.question_index(question) {
                        facts_by_difference.push((index, points_of(&fact.points)));
                    }
                }
            }
        }
        let chains = q
            .chains
            .iter()
            .filter_map(|chain| {
                let carries = q.question_index(&chain.carries)?;
                let options = q.questions[carries]
                    .options
                    .iter()
                    .map(|option| {
                        let listed: Vec<_> = option.points.iter().filter(|p| chain.candidates.contains(&p.candidate)).cloned().collect();
                        let excluded = option
                            .excludes
                            .iter()
                            .filter(|c| chain.candidates.contains(&c.candidate))
                            .filter_map(|c| candidate(&c.candidate))
                            .fold(0u64, |m, i| m | 1 << i);
                        (chain.demand(option), points_of(&listed), excluded)
                    })
                    .collect();
                Some(CompiledChain { callee: condition(&chain.callee), callers: condition(&chain.callers), carries, options })
            })
            .collect();
        let workloads_read_system = q.questions.iter().any(|x| {
            x.scope == Scope::Workload && x.show_if.iter().any(|c| q.question(&c.question).is_some_and(|d| d.scope == Scope::System))
        });
        PlanCompiled {
            workloads_read_system,
            several: workloads > 1,
            organisation: on(Axis::Organisation),
            execution: on(Axis::Execution),
            system_questions: scoped(Scope::System),
            workload_questions: scoped(Scope::Workload),
            facts_by_count,
            facts_by_difference,
            chains,
            base_price: q.mixing.points,
            extras: q.mixing.extras.iter().map(|e| (condition(&e.when).0, condition(&e.when).1, e.points)).collect(),
            compiled,
        }
    }

    /// Scores `questions` of `selections` into the state's buffers, in order.
    fn pass(&self, questions: &[usize], selections: &[u64], effective: &mut [u64], shown: &mut [bool], totals: &mut [i32]) -> u64 {
        let mut excluded = 0;
        for &qi in questions {
            let question = &self.compiled.questions[qi];
            let visible = question.shown(effective, self.several);
            let selection = if visible { selections[qi] } else { 0 };
            effective[qi] = selection;
            shown[qi] = visible;
            excluded |= question.add_selection(selection, totals);
        }
        excluded
    }

    pub(crate) fn system(&self, selections: &[u64]) -> SystemState {
        let count = self.compiled.questions.len();
        let (mut effective, mut shown, mut totals) = (vec![0; count], vec![false; count], vec![0; self.compiled.axis_of.len()]);
        let excluded = self.pass(&self.system_questions, selections, &mut effective, &mut shown, &mut totals);
        let price = self.base_price + self.extras.iter().filter(|(qi, mask, _)| effective[*qi] & mask != 0).map(|e| e.2).sum::<i32>();
        SystemState { effective, shown, totals, excluded, price }
    }

    pub(crate) fn workload(&self, system: &SystemState, selections: &[u64]) -> WorkloadState {
        let mut effective = system.effective.clone();
        let mut shown = vec![false; effective.len()];
        let mut totals = vec![0; self.compiled.axis_of.len()];
        let excluded = self.pass(&self.workload_questions, selections, &mut effective, &mut shown, &mut totals);
        WorkloadState { effective, shown, totals, excluded }
    }

    /// The recommendation these states lead to.
    pub(crate) fn outcome(&self, system: &SystemState, workloads: &[WorkloadState]) -> Outcome {
        let mut totals: Vec<i32> = self.organisation.iter().map(|&c| system.totals[c]).collect();
        let mut excluded = system.excluded;
        let add = |totals: &mut [i32], points: &[i32]| {
            for (t, &c) in totals.iter_mut().zip(&self.organisation) {
                *t += points[c];
            }
        };
        // Each workload option counts once on the organisation axis, however many chose it.
        for &qi in &self.workload_questions {
            let mut bits = workloads.iter().fold(0u64, |m, w| m | w.effective[qi]);
            while bits != 0 {
                let oi = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (points, excludes) = &self.compiled.questions[qi].options[oi];
                add(&mut totals, points);
                excluded |= excludes;
            }
        }
        add(&mut totals, &self.facts_by_count);
        for (qi, points) in &self.facts_by_difference {
            let mut answers = workloads.iter().map(|w| w.effective[*qi]).filter(|&s| s != 0);
            if let Some(first) = answers.next() {
                if answers.any(|s| s != first) {
                    add(&mut totals, points);
                }
            }
        }
        let (organisation, _) = rank(self.organisation.iter().zip(&totals).map(|(&c, &t)| (t, excluded & (1 << c) != 0)));

        let m = self.execution.len();
        let mut rows: Vec<i32> = Vec::with_capacity(m * workloads.len());
        let mut ruled_out: Vec<u64> = Vec::with_capacity(workloads.len());
        for (w, state) in workloads.iter().enumerate() {
            let start = rows.len();
            rows.extend(self.execution.iter().map(|&c| system.totals[c] + state.totals[c]));
            let mut excluded = system.excluded | state.excluded;
            for chain in &self.chains {
                if let Some((_, points, excludes)) = self.carried(chain, w, workloads) {
                    for (row, &c) in rows[start..].iter_mut().zip(&self.execution) {
                        *row += points[c];
                    }
                    excluded |= excludes;
                }
            }
            ruled_out.push(self.execution.iter().enumerate().filter(|(_, &c)| excluded & (1 << c) != 0).fold(0u64, |m, (k, _)| m | 1 << k));
        }
        let (best, _) = search(&rows, m, &ruled_out, system.price);
        Outcome { organisation: organisation.map(|i| self.organisation[i]), assignment: best.map(|b| b.assignment) }
    }

    /// The carried answer's entry for workload `w`, if other workloads wait on it.
    fn carried<'a>(&'a self, chain: &'a CompiledChain, w: usize, workloads: &[WorkloadState]) -> Option<&'a ((bool, i32), Vec<i32>, u64)> {
        if workloads[w].effective[chain.callee.0] & chain.callee.1 == 0 {
            return None;
        }
        let mut best: Option<&((bool, i32), Vec<i32>, u64)> = None;
        for (v, caller) in workloads.iter().enumerate() {
            let carried = caller.effective[chain.carries];
            if v == w || caller.effective[chain.callers.0] & chain.callers.1 == 0 || carried == 0 {
                continue;
            }
            let entry = &chain.options[carried.trailing_zeros() as usize];
            let ((excludes, points), _, _) = entry;
            let more = best.is_none_or(|((e, p), _, _)| (*excludes && !e) || (excludes == e && points < p));
            if more {
                best = Some(entry);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::PlanCompiled;
    use crate::compiled::mask_of;
    use crate::plan::score_plan;
    use crate::question::{QuestionKind, Scope};
    use crate::{Answer, Answers, PlanAnswers, Questionnaire, Workload};
    use proptest::prelude::*;

    fn questionnaire() -> Questionnaire {
        Questionnaire::from_toml(include_str!("../../../content/questionnaire.toml"), "questionnaire.toml").unwrap()
    }

    /// A valid plan: every asked question answered with the option a random number picks.
    fn plan(q: &Questionnaire, picks: &[u64], workloads: usize) -> PlanAnswers {
        let mut next = picks.iter().cycle();
        let mut answer = |question: &crate::Question| {
            let pick = *next.next().unwrap() as usize;
            match question.kind {
                QuestionKind::Multiple => Answer::Many(vec![question.options[pick % question.options.len()].id.clone()]),
                _ => Answer::One(question.options[pick % question.options.len()].id.clone()),
            }
        };
        let mut system = Answers::new();
        for question in q.questions_in(Scope::System) {
            if q.is_asked(question, &system, workloads) {
                system.set(question.id.clone(), answer(question));
            }
        }
        let workloads = (0..workloads)
            .map(|i| {
                let mut own = Answers::new();
                for question in q.questions_in(Scope::Workload) {
                    if q.is_asked_in(question, &system, &own, workloads) {
                        own.set(question.id.clone(), answer(question));
                    }
                }
                Workload { name: format!("W{i}"), kind: "http-api".into(), answers: own }
            })
            .collect();
        PlanAnswers { system, workloads }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The fast re-scoring reaches the explained engine's recommendation
        /// (organisation and every workload's platform) on any valid plan.
        #[test]
        fn the_fast_scoring_agrees_with_the_explained_one(picks in prop::collection::vec(any::<u64>(), 64), n in 1usize..=6) {
            let q = questionnaire();
            let plan = plan(&q, &picks, n);
            let explained = score_plan(&q, &plan);
            let pc = PlanCompiled::new(&q, n);
            let selections = |a: &Answers| -> Vec<u64> { q.questions.iter().map(|x| a.get(&x.id).map_or(0, |a| mask_of(x, a))).collect() };
            let system = pc.system(&selections(&plan.system));
            let states: Vec<_> = plan.workloads.iter().map(|w| pc.workload(&system, &selections(&w.answers))).collect();
            let fast = pc.outcome(&system, &states);
            let organisation = explained.organisation.winner.as_ref().and_then(|id| q.candidates.iter().position(|c| &c.id == id));
            prop_assert_eq!(fast.organisation, organisation);
            let platforms: Option<Vec<usize>> = explained
                .workloads
                .iter()
                .map(|w| w.platform.as_ref().and_then(|id| pc.execution.iter().position(|&c| &q.candidates[c].id == id)))
                .collect();
            prop_assert_eq!(fast.assignment, platforms);
        }
    }
}
