//! Tipping points, computed: for each answered question, the smallest change of
//! answer that changes a winner, found by re-scoring every alternative answer.
//!
//! Re-scoring runs on a compact, index-based copy of the questionnaire
//! ([`Compiled`]) so that trying every alternative stays cheap.

use crate::answer::{Answer, Answers};
use crate::rank::rank;
use crate::candidate::Axis;
use crate::question::QuestionKind;
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinnerChange {
    pub axis: Axis,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// "If question Q were answered `to` instead of `from`, these winners would change."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TippingPoint {
    pub question: String,
    pub prompt: String,
    /// The answer given, and the smallest different answer that changes a winner.
    pub from: Answer,
    pub to: Answer,
    /// A short human description of the change, such as `"One team" → "Four or more teams"`.
    pub change: String,
    /// Steps along the scale for scale questions; 1 otherwise.
    pub distance: usize,
    pub changes: Vec<WinnerChange>,
}

/// A sentence telling the team when to look at the decision again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewTrigger {
    pub question: String,
    pub text: String,
}

/// The questionnaire as indexes and bitmasks, for fast re-scoring.
pub(crate) struct Compiled {
    axis_of: Vec<Axis>,
    questions: Vec<CompiledQuestion>,
}

struct CompiledQuestion {
    /// (earlier question index, bitmask of options): all must hold.
    conditions: Vec<(usize, u64)>,
    /// Per option: points per candidate, and a bitmask of excluded candidates.
    options: Vec<(Vec<i32>, u64)>,
}

impl Compiled {
    pub(crate) fn new(q: &Questionnaire) -> Self {
        let candidate_index = |id: &str| q.candidates.iter().position(|c| c.id == id);
        let questions = q
            .questions
            .iter()
            .map(|question| CompiledQuestion {
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
        q.questions
            .iter()
            .map(|question| match answers.get(&question.id) {
                Some(answer) => answer
                    .selected()
                    .iter()
                    .filter_map(|o| question.option_index(o))
                    .fold(0u64, |m, i| m | 1 << i),
                None => 0,
            })
            .collect()
    }

    /// The winning candidate index per axis, applying skip logic in order.
    pub(crate) fn winners(&self, selections: &[u64], totals: &mut Vec<i32>, effective: &mut Vec<u64>) -> [Option<usize>; 2] {
        totals.clear();
        totals.resize(self.axis_of.len(), 0);
        effective.clear();
        let mut excluded = 0u64;
        for (qi, question) in self.questions.iter().enumerate() {
            let visible = question.conditions.iter().all(|&(dep, mask)| effective[dep] & mask != 0);
            let selection = if visible { selections[qi] } else { 0 };
            effective.push(selection);
            let mut bits = selection;
            while bits != 0 {
                let oi = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (points, excludes) = &question.options[oi];
                for (t, p) in totals.iter_mut().zip(points) {
                    *t += p;
                }
                excluded |= excludes;
            }
        }
        Axis::ALL.map(|axis| {
            let on_axis = self.axis_of.iter().enumerate().filter(|(_, a)| **a == axis);
            let indexes: Vec<usize> = on_axis.map(|(i, _)| i).collect();
            let (best, _) = rank(indexes.iter().map(|&i| (totals[i], excluded & (1 << i) != 0)));
            best.map(|b| indexes[b])
        })
    }
}

/// One alternative answer to try: the new selection and its distance.
struct Alternative {
    selection: u64,
    distance: usize,
    /// For scale questions: +1 when moving up the scale, -1 when moving down.
    direction: i8,
}

fn alternatives(kind: QuestionKind, required: bool, option_count: usize, selection: u64) -> Vec<Alternative> {
    let mut out = Vec::new();
    match kind {
        QuestionKind::Single | QuestionKind::Scale => {
            let current = selection.trailing_zeros() as usize;
            for i in 0..option_count {
                if i == current {
                    continue;
                }
                let (distance, direction) = match kind {
                    QuestionKind::Scale => (current.abs_diff(i), if i > current { 1 } else { -1 }),
                    _ => (1, 0),
                };
                out.push(Alternative { selection: 1 << i, distance, direction });
            }
        }
        QuestionKind::Multiple => {
            for i in 0..option_count {
                let toggled = selection ^ (1 << i);
                if required && toggled == 0 {
                    continue;
                }
                out.push(Alternative { selection: toggled, distance: 1, direction: 0 });
            }
        }
    }
    out
}

pub(crate) fn tipping_points(q: &Questionnaire, answers: &Answers) -> Vec<TippingPoint> {
    let compiled = Compiled::new(q);
    let mut selections = compiled.selections(q, answers);
    let (mut totals, mut effective) = (Vec::new(), Vec::new());
    let base = compiled.winners(&selections, &mut totals, &mut effective);
    let base_effective = effective.clone();
    let mut points = Vec::new();
    for (qi, question) in q.questions.iter().enumerate() {
        let original = selections[qi];
        if base_effective[qi] == 0 {
            continue; // hidden or unanswered: nothing to change
        }
        // Per direction, the nearest alternatives that change a winner.
        let mut best: Vec<(Alternative, [Option<usize>; 2])> = Vec::new();
        for alt in alternatives(question.kind, question.required, question.options.len(), original) {
            selections[qi] = alt.selection;
            let winners = compiled.winners(&selections, &mut totals, &mut effective);
            if winners == base {
                continue;
            }
            match best.iter().position(|(b, _)| b.direction == alt.direction) {
                Some(i) if question.kind == QuestionKind::Scale => {
                    if alt.distance < best[i].0.distance {
                        best[i] = (alt, winners);
                    }
                }
                _ => best.push((alt, winners)),
            }
        }
        selections[qi] = original;
        for (alt, winners) in best {
            points.push(tipping_point(q, qi, original, &alt, base, winners));
        }
    }
    points
}

fn tipping_point(
    q: &Questionnaire,
    qi: usize,
    from: u64,
    alt: &Alternative,
    base: [Option<usize>; 2],
    winners: [Option<usize>; 2],
) -> TippingPoint {
    let question = &q.questions[qi];
    let ids = |mask: u64| -> Vec<String> {
        (0..question.options.len()).filter(|i| mask & (1 << i) != 0).map(|i| question.options[i].id.clone()).collect()
    };
    let labels = |mask: u64| -> String {
        let names: Vec<String> = (0..question.options.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| format!("“{}”", question.options[i].label))
            .collect();
        if names.is_empty() { "nothing".to_string() } else { names.join(" + ") }
    };
    let as_answer = |mask: u64| match question.kind {
        QuestionKind::Multiple => Answer::Many(ids(mask)),
        _ => Answer::One(ids(mask).into_iter().next().unwrap_or_default()),
    };
    let candidate_id = |i: Option<usize>| i.map(|i| q.candidates[i].id.clone());
    let changes = Axis::ALL
        .iter()
        .enumerate()
        .filter(|(ai, _)| base[*ai] != winners[*ai])
        .map(|(ai, &axis)| WinnerChange { axis, from: candidate_id(base[ai]), to: candidate_id(winners[ai]) })
        .collect();
    TippingPoint {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        from: as_answer(from),
        to: as_answer(alt.selection),
        change: format!("{} → {}", labels(from), labels(alt.selection)),
        distance: alt.distance,
        changes,
    }
}

/// One review trigger per tipping point, worded from the question's subject.
pub(crate) fn review_triggers(q: &Questionnaire, points: &[TippingPoint]) -> Vec<ReviewTrigger> {
    points
        .iter()
        .filter_map(|point| {
            let question = q.question(&point.question)?;
            let label = |id: &str| question.option(id).map(|o| o.label.clone()).unwrap_or_default();
            let subject = &question.subject;
            let situation = match (&point.from, &point.to) {
                (Answer::One(_), Answer::One(to)) => format!("{subject} changes to “{}”", label(to)),
                (Answer::Many(from), Answer::Many(to)) => {
                    if let Some(added) = to.iter().find(|o| !from.contains(o)) {
                        format!("{subject} comes to include “{}”", label(added))
                    } else if let Some(removed) = from.iter().find(|o| !to.contains(o)) {
                        format!("{subject} no longer includes “{}”", label(removed))
                    } else {
                        return None;
                    }
                }
                _ => return None,
            };
            let effects: Vec<String> = point
                .changes
                .iter()
                .map(|c| {
                    let name = |id: &Option<String>| {
                        id.as_deref().and_then(|id| q.candidate(id)).map(|c| c.label.to_lowercase()).unwrap_or_else(|| "nothing".into())
                    };
                    format!("{} would move from {} to {}", c.axis.label().to_lowercase(), name(&c.from), name(&c.to))
                })
                .collect();
            Some(ReviewTrigger {
                question: point.question.clone(),
                text: format!("Revisit if {situation}: {}.", effects.join(", and ")),
            })
        })
        .collect()
}
