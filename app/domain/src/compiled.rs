//! The questionnaire compiled to indexes and bitmasks, so that re-scoring every
//! alternative answer (for tipping points) stays cheap. It applies the same
//! skip logic and ranking as the engine, on numbers instead of names.

use crate::answer::Answers;
use crate::candidate::Axis;
use crate::questionnaire::Questionnaire;
use crate::rank::rank;

/// Buffers one re-scoring fills: totals per candidate, the selection that
/// counted per question, and whether each question was shown.
#[derive(Default)]
pub(crate) struct Scratch {
    pub totals: Vec<i32>,
    pub effective: Vec<u64>,
    pub shown: Vec<bool>,
}

/// The questionnaire as indexes and bitmasks, for fast re-scoring.
pub(crate) struct Compiled {
    pub(crate) axis_of: Vec<Axis>,
    pub(crate) questions: Vec<CompiledQuestion>,
}

pub(crate) struct CompiledQuestion {
    /// (earlier question index, bitmask of options): all must hold.
    pub(crate) conditions: Vec<(usize, u64)>,
    /// Per option: points per candidate, and a bitmask of excluded candidates.
    pub(crate) options: Vec<(Vec<i32>, u64)>,
    /// Asked only in plans of several workloads: never shown to a single system.
    pub(crate) several_only: bool,
}

impl CompiledQuestion {
    /// Whether the question is shown, given the effective selections so far.
    pub(crate) fn shown(&self, effective: &[u64], several: bool) -> bool {
        (several || !self.several_only) && self.conditions.iter().all(|&(dep, mask)| effective[dep] & mask != 0)
    }

    /// Adds the points of the options in `selection` (a bit per option) to
    /// `totals`; returns the candidates they rule out (a bit per candidate).
    #[inline]
    pub(crate) fn add_selection(&self, selection: u64, totals: &mut [i32]) -> u64 {
        let mut excluded = 0;
        let mut bits = selection;
        while bits != 0 {
            let oi = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let (points, excludes) = &self.options[oi];
            for (t, p) in totals.iter_mut().zip(points) {
                *t += p;
            }
            excluded |= excludes;
        }
        excluded
    }
}

impl Compiled {
    pub(crate) fn new(q: &Questionnaire) -> Self {
        let candidate_index = |id: &str| q.candidates.iter().position(|c| c.id == id);
        let questions = q
            .questions
            .iter()
            .map(|question| CompiledQuestion {
                several_only: question.only_with_several,
                conditions: question
                    .show_if
                    .iter()
                    .filter_map(|c| {
                        let index = q.question_index(&c.question)?;
                        let target = &q.questions[index];
                        let mask = c.any_of.iter().filter_map(|o| target.option_index(o)).fold(0u64, |m, i| m | 1 << i);
                        Some((index, mask))
                    })
                    .collect(),
                options: question
                    .options
                    .iter()
                    .map(|option| {
                        let mut points = vec![0; q.candidates.len()];
                        for p in &option.points {
                            if let Some(i) = candidate_index(&p.candidate) {
                                points[i] += p.points;
                            }
                        }
                        let excluded = option
                            .excludes
                            .iter()
                            .filter_map(|c| candidate_index(&c.candidate))
                            .fold(0u64, |m, i| m | 1 << i);
                        (points, excluded)
                    })
                    .collect(),
            })
            .collect();
        Compiled { axis_of: q.candidates.iter().map(|c| c.axis).collect(), questions }
    }

    /// Answers as one option bitmask per question.
    pub(crate) fn selections(&self, q: &Questionnaire, answers: &Answers) -> Vec<u64> {
        q.questions.iter().map(|question| answers.get(&question.id).map_or(0, |a| mask_of(question, a))).collect()
    }

    /// The winning candidate index per axis, applying skip logic in order.
    /// `scratch` is reused between calls, and tells which questions were shown.
    pub(crate) fn winners(&self, selections: &[u64], scratch: &mut Scratch) -> [Option<usize>; 2] {
        let Scratch { totals, effective, shown } = scratch;
        totals.clear();
        totals.resize(self.axis_of.len(), 0);
        effective.clear();
        shown.clear();
        let mut excluded = 0u64;
        for (qi, question) in self.questions.iter().enumerate() {
            let visible = question.shown(effective, false);
            let selection = if visible { selections[qi] } else { 0 };
            effective.push(selection);
            shown.push(visible);
            excluded |= question.add_selection(selection, totals);
        }
        Axis::ALL.map(|axis| {
            let on_axis = self.axis_of.iter().enumerate().filter(|(_, a)| **a == axis);
            let indexes: Vec<usize> = on_axis.map(|(i, _)| i).collect();
            let (best, _) = rank(indexes.iter().map(|&i| (totals[i], excluded & (1 << i) != 0)));
            best.map(|b| indexes[b])
        })
    }
}


/// An answer as a bitmask of its options' indexes.
pub(crate) fn mask_of(question: &crate::question::Question, answer: &crate::answer::Answer) -> u64 {
    answer.selected().iter().filter_map(|o| question.option_index(o)).fold(0u64, |m, i| m | 1 << i)
}
