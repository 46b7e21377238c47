//! Tipping points, computed: for each answered question, the smallest change of
//! answer that changes a winner, found by re-scoring every alternative answer.
//!
//! Re-scoring runs on a compact, index-based copy of the questionnaire
//! ([`Compiled`]) so that trying every alternative stays cheap.

use crate::answer::{Answer, Answers};
use crate::candidate::Axis;
use crate::compiled::{Compiled, Scratch};
use crate::question::{Question, QuestionKind};
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WinnerChange {
    pub axis: Axis,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// "If question Q were answered `to` instead of `from`, these winners would change."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// When the new answer brings up a question that was hidden, the answer to
    /// it that completes the change (a hidden question is never scored blank).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<FollowUp>,
    /// In a plan of several workloads: the workload whose answer changes
    /// (`None`: a system answer). The fields below are plans' only, and left
    /// out of the JSON when empty, as in every result stored before plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    /// In a plan of several workloads: the workloads whose platform would
    /// change. `changes` then lists the same moves as execution changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<WorkloadMove>,
    /// In a plan of several workloads, when the set of platforms changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platforms: Option<PlatformChange>,
}

/// A workload whose platform a changed answer would change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadMove {
    pub workload: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The platforms a plan runs on before and after a change (candidate ids, content order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformChange {
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// An answer to a question that a changed answer brings up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub question: String,
    pub prompt: String,
    pub answer: Answer,
}

/// A sentence telling the team when to look at the decision again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewTrigger {
    pub question: String,
    pub text: String,
    /// In a plan of several workloads: the workload whose answer it watches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
}

/// One alternative answer to try: the new selection and its distance.
pub(crate) struct Alternative {
    pub(crate) selection: u64,
    pub(crate) distance: usize,
    /// For scale questions: +1 when moving up the scale, -1 when moving down.
    pub(crate) direction: i8,
}

pub(crate) fn alternatives(kind: QuestionKind, required: bool, option_count: usize, selection: u64) -> Vec<Alternative> {
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
    let mut scratch = Scratch::default();
    let base = compiled.winners(&selections, &mut scratch);
    let base_shown = scratch.shown.clone();
    // An empty multiple-choice answer ("none of these") is an answer too.
    let answered: Vec<bool> = q.questions.iter().map(|question| answers.get(&question.id).is_some()).collect();
    let mut points = Vec::new();
    for (qi, question) in q.questions.iter().enumerate() {
        let original = selections[qi];
        if !base_shown[qi] || !answered[qi] {
            continue; // hidden or unanswered: nothing to change
        }
        // Per direction, the nearest alternatives that change a winner.
        let mut best: Vec<(Alternative, [Option<usize>; 2], Option<(usize, u64)>)> = Vec::new();
        for alt in alternatives(question.kind, question.required, question.options.len(), original) {
            selections[qi] = alt.selection;
            let Some((winners, then)) = flip(q, &compiled, &mut selections, &mut scratch, base, &base_shown, &answered) else {
                continue;
            };
            match best.iter().position(|(b, _, _)| b.direction == alt.direction) {
                Some(i) if question.kind == QuestionKind::Scale => {
                    if alt.distance < best[i].0.distance {
                        best[i] = (alt, winners, then);
                    }
                }
                _ => best.push((alt, winners, then)),
            }
        }
        selections[qi] = original;
        for (alt, winners, then) in best {
            points.push(tipping_point(q, qi, original, &alt, base, winners, then));
        }
    }
    points
}

/// The winners `selections` lead to, if they differ from `base`. When the
/// change shows a question that was hidden and is unanswered, that question
/// is scored with each of its options in turn (blank too, if it is optional):
/// the first that changes a winner is the follow-up answer reported with it.
fn flip(
    q: &Questionnaire,
    compiled: &Compiled,
    selections: &mut [u64],
    scratch: &mut Scratch,
    base: [Option<usize>; 2],
    base_shown: &[bool],
    answered: &[bool],
) -> Option<([Option<usize>; 2], Option<(usize, u64)>)> {
    let winners = compiled.winners(selections, scratch);
    let revealed = (0..q.questions.len()).find(|&i| scratch.shown[i] && !base_shown[i] && !answered[i]);
    let Some(ri) = revealed else {
        return (winners != base).then_some((winners, None));
    };
    let question = &q.questions[ri];
    if !question.required && winners != base {
        return Some((winners, None));
    }
    let saved = selections[ri];
    let mut found = None;
    for oi in 0..question.options.len() {
        selections[ri] = 1 << oi;
        let winners = compiled.winners(selections, scratch);
        if winners != base {
            found = Some((winners, Some((ri, 1u64 << oi))));
            break;
        }
    }
    selections[ri] = saved;
    found
}

/// The options of `question` in `mask`, as an answer.
pub(crate) fn as_answer(question: &Question, mask: u64) -> Answer {
    let ids: Vec<String> =
        (0..question.options.len()).filter(|i| mask & (1 << i) != 0).map(|i| question.options[i].id.clone()).collect();
    match question.kind {
        QuestionKind::Multiple => Answer::Many(ids),
        _ => Answer::One(ids.into_iter().next().unwrap_or_default()),
    }
}

/// "“A” + “B”", or "nothing" for an empty answer.
pub(crate) fn labels(question: &Question, answer: &Answer) -> String {
    let names: Vec<String> = answer.selected().iter().filter_map(|id| question.option(id)).map(|o| format!("“{}”", o.label)).collect();
    if names.is_empty() { "nothing".to_string() } else { names.join(" + ") }
}

fn tipping_point(
    q: &Questionnaire,
    qi: usize,
    from: u64,
    alt: &Alternative,
    base: [Option<usize>; 2],
    winners: [Option<usize>; 2],
    then: Option<(usize, u64)>,
) -> TippingPoint {
    let candidate_id = |i: Option<usize>| i.map(|i| q.candidates[i].id.clone());
    let changes = Axis::ALL
        .iter()
        .enumerate()
        .filter(|(ai, _)| base[*ai] != winners[*ai])
        .map(|(ai, &axis)| WinnerChange { axis, from: candidate_id(base[ai]), to: candidate_id(winners[ai]) })
        .collect();
    worded(q, qi, from, alt, changes, then)
}

/// A tipping point for question `qi` moving from `from` to `alt`, with the
/// winner changes it causes and the follow-up answer, if any.
pub(crate) fn worded(q: &Questionnaire, qi: usize, from: u64, alt: &Alternative, changes: Vec<WinnerChange>, then: Option<(usize, u64)>) -> TippingPoint {
    let question = &q.questions[qi];
    let (from, to) = (as_answer(question, from), as_answer(question, alt.selection));
    let then = then.map(|(ri, mask)| {
        let revealed = &q.questions[ri];
        FollowUp { question: revealed.id.clone(), prompt: revealed.prompt.clone(), answer: as_answer(revealed, mask) }
    });
    let mut change = format!("{} → {}", labels(question, &from), labels(question, &to));
    if let Some(then) = &then {
        let revealed = q.question(&then.question).expect("a question of this questionnaire");
        change.push_str(&format!(", then {} to “{}”", labels(revealed, &then.answer), then.prompt));
    }
    TippingPoint {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        from,
        to,
        change,
        distance: alt.distance,
        changes,
        then,
        workload: None,
        moves: Vec::new(),
        platforms: None,
    }
}

/// "If …, then …": the situation a review trigger watches for.
pub(crate) fn situation(q: &Questionnaire, point: &TippingPoint) -> Option<String> {
    let question = q.question(&point.question)?;
    let mut situation = question.revisit.replace("{to}", &labels(question, &point.to));
    if let Some(then) = &point.then {
        let revealed = q.question(&then.question)?;
        situation = format!("{situation} and {}", revealed.revisit.replace("{to}", &labels(revealed, &then.answer)));
    }
    Some(situation)
}

/// One review trigger per tipping point, worded from the question's own
/// `revisit` sentence.
pub(crate) fn review_triggers(q: &Questionnaire, points: &[TippingPoint]) -> Vec<ReviewTrigger> {
    points
        .iter()
        .filter_map(|point| {
            let situation = situation(q, point)?;
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
            Some(ReviewTrigger { question: point.question.clone(), text: format!("Revisit if {situation}: {}.", effects.join(", and ")), workload: None })
        })
        .collect()
}
