//! Scoring: from a questionnaire and valid answers to an explained assessment.
//!
//! The explanation *is* the arithmetic: a candidate's total is the sum of its
//! terms, one per (question, option, candidate) with the option's "because".
//! Hard constraints are kept apart: an excluded candidate keeps its points for
//! the record but cannot win.

use crate::answer::Answers;
use crate::candidate::Axis;
use crate::question::Question;
use crate::questionnaire::Questionnaire;
use crate::rank::rank;
use crate::text::lower_first;
use crate::tipping::{self, ReviewTrigger, TippingPoint};
use crate::validate::AnswerErrors;
use serde::{Deserialize, Serialize};

/// One contribution to a candidate's score.
///
/// Most terms come from an answer: `question` and `option` name it. Plans add
/// terms of other sources (see [`TermSource`]); the two fields below are left
/// out of the JSON when they have their defaults, so results stored before
/// plans existed read and write back unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub question: String,
    pub prompt: String,
    pub option: String,
    pub option_label: String,
    pub points: i32,
    pub because: String,
    #[serde(default, skip_serializing_if = "TermSource::is_answer")]
    pub source: TermSource,
    /// In a plan of several workloads: the workloads whose answers gave the
    /// term (a workload question's organisation points, a chain's callers, a
    /// fact's workloads). Empty otherwise: with one workload there is nothing
    /// to tell apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<String>,
}

/// Where a term's points come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TermSource {
    /// An answer: `question` and `option` name it.
    #[default]
    Answer,
    /// A fact about a plan's workloads: `question` is the fact's id, `prompt`
    /// its label, `option_label` what was found (e.g. "3 workloads").
    Fact,
    /// An answer carried along a synchronous chain: `question` and `option`
    /// are the callers' answer, `workloads` the callers.
    Chain,
    /// A part of the price of mixing platforms: the base price (empty
    /// `question`), or a system answer that makes it larger or smaller.
    Mixing,
    /// One workload's total for a candidate, where single-platform plans are
    /// compared: `prompt` is the workload's name, `option_label` its kind.
    Workload,
}

impl TermSource {
    pub fn is_answer(&self) -> bool {
        *self == TermSource::Answer
    }
}

/// Why a candidate was ruled out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exclusion {
    pub question: String,
    pub prompt: String,
    pub option: String,
    pub option_label: String,
    pub because: String,
    /// In a plan of several workloads, when the answer is another workload's
    /// carried along a synchronous chain: those workloads. Left out of the JSON
    /// when empty, as in every result stored before plans existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateScore {
    pub candidate: String,
    pub label: String,
    pub total: i32,
    pub terms: Vec<Term>,
    /// Empty unless a hard constraint ruled the candidate out.
    pub excluded_by: Vec<Exclusion>,
}

impl CandidateScore {
    pub fn is_excluded(&self) -> bool {
        !self.excluded_by.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AxisResult {
    pub axis: Axis,
    /// Every candidate of the axis, in the questionnaire's order.
    pub scores: Vec<CandidateScore>,
    /// `None` only when hard constraints rule out every candidate.
    pub winner: Option<String>,
    pub runner_up: Option<String>,
    /// The winner's lead over the runner-up, in points.
    pub margin: Option<i32>,
    /// The lead is smaller than the questionnaire's close-call margin.
    pub close_call: bool,
}

impl AxisResult {
    pub fn score(&self, candidate: &str) -> Option<&CandidateScore> {
        self.scores.iter().find(|s| s.candidate == candidate)
    }

    pub fn winner_label(&self) -> Option<&str> {
        let winner = self.winner.as_deref()?;
        self.score(winner).map(|s| s.label.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    pub organisation: Option<String>,
    pub execution: Option<String>,
    /// "Modular monolith on managed containers".
    pub headline: String,
    /// Hybrid notes whose rules apply to these winners and answers.
    pub hybrid_notes: Vec<String>,
}

/// The complete, self-contained result of scoring one set of answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub questionnaire_version: String,
    pub questionnaire_fingerprint: String,
    pub answers: Answers,
    pub axes: Vec<AxisResult>,
    pub recommendation: Recommendation,
    pub close_call: bool,
    pub tipping_points: Vec<TippingPoint>,
    pub review_triggers: Vec<ReviewTrigger>,
}

impl Assessment {
    pub fn axis(&self, axis: Axis) -> &AxisResult {
        self.axes.iter().find(|a| a.axis == axis).expect("an assessment has both axes")
    }
}

/// Validates and scores `answers`. Every problem with the answers is reported at once.
pub fn assess(questionnaire: &Questionnaire, answers: &Answers) -> Result<Assessment, AnswerErrors> {
    questionnaire.validate(answers)?;
    let axes: Vec<AxisResult> = Axis::ALL.iter().map(|&axis| score_axis(questionnaire, answers, axis)).collect();
    let recommendation = recommend(questionnaire, answers, &axes);
    let tipping_points = tipping::tipping_points(questionnaire, answers);
    let review_triggers = tipping::review_triggers(questionnaire, &tipping_points);
    Ok(Assessment {
        questionnaire_version: questionnaire.version.clone(),
        questionnaire_fingerprint: questionnaire.fingerprint.clone(),
        answers: answers.clone(),
        close_call: axes.iter().any(|a| a.close_call),
        axes,
        recommendation,
        tipping_points,
        review_triggers,
    })
}

fn score_axis(questionnaire: &Questionnaire, answers: &Answers, axis: Axis) -> AxisResult {
    let mut scores = empty_scores(questionnaire, axis);
    for question in questionnaire.visible_questions(answers) {
        if let Some(answer) = answers.get(&question.id) {
            add_answer(&mut scores, question, answer.selected(), &[]);
        }
    }
    finish_axis(questionnaire, axis, scores)
}

/// Every candidate of `axis` with no points yet, in the questionnaire's order.
pub(crate) fn empty_scores(questionnaire: &Questionnaire, axis: Axis) -> Vec<CandidateScore> {
    questionnaire
        .candidates_on(axis)
        .map(|c| CandidateScore {
            candidate: c.id.clone(),
            label: c.label.clone(),
            total: 0,
            terms: Vec::new(),
            excluded_by: Vec::new(),
        })
        .collect()
}

/// Adds the terms and exclusions the chosen `options` of `question` give
/// the candidates in `scores`; `workloads` names who chose them (see [`Term::workloads`]).
pub(crate) fn add_answer(scores: &mut [CandidateScore], question: &Question, options: &[String], workloads: &[String]) {
    for option_id in options {
        let Some(option) = question.option(option_id) else { continue };
        for p in &option.points {
            if let Some(score) = scores.iter_mut().find(|s| s.candidate == p.candidate) {
                score.total += p.points;
                score.terms.push(Term {
                    question: question.id.clone(),
                    prompt: question.prompt.clone(),
                    option: option.id.clone(),
                    option_label: option.label.clone(),
                    points: p.points,
                    because: p.because.clone(),
                    source: TermSource::Answer,
                    workloads: workloads.to_vec(),
                });
            }
        }
        for c in &option.excludes {
            if let Some(score) = scores.iter_mut().find(|s| s.candidate == c.candidate) {
                score.excluded_by.push(exclusion(question, &option.id, &option.label, &c.because));
            }
        }
    }
}

/// Ranks scored candidates: winner, runner-up, margin and close call.
pub(crate) fn finish_axis(questionnaire: &Questionnaire, axis: Axis, scores: Vec<CandidateScore>) -> AxisResult {
    let (winner, runner_up) = rank(scores.iter().map(|s| (s.total, s.is_excluded())));
    let margin = match (winner, runner_up) {
        (Some(w), Some(r)) => Some(scores[w].total - scores[r].total),
        _ => None,
    };
    AxisResult {
        axis,
        winner: winner.map(|i| scores[i].candidate.clone()),
        runner_up: runner_up.map(|i| scores[i].candidate.clone()),
        close_call: margin.is_some_and(|m| m < questionnaire.close_call_margin),
        margin,
        scores,
    }
}

pub(crate) fn exclusion(question: &Question, option: &str, option_label: &str, because: &str) -> Exclusion {
    Exclusion {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        option: option.to_string(),
        option_label: option_label.to_string(),
        because: because.to_string(),
        workloads: Vec::new(),
    }
}

pub(crate) fn recommend(questionnaire: &Questionnaire, answers: &Answers, axes: &[AxisResult]) -> Recommendation {
    let organisation = axes.iter().find(|a| a.axis == Axis::Organisation).and_then(|a| a.winner.clone());
    let execution = axes.iter().find(|a| a.axis == Axis::Execution).and_then(|a| a.winner.clone());
    let label = |id: &Option<String>| {
        id.as_deref().and_then(|id| questionnaire.candidate(id)).map(|c| c.label.clone())
    };
    let headline = match (label(&organisation), label(&execution)) {
        (Some(o), Some(e)) => format!("{o} on {}", lower_first(&e)),
        (Some(o), None) => format!("{o}; no execution model fits every constraint"),
        (None, Some(e)) => format!("No organisation fits every constraint; run on {}", lower_first(&e)),
        (None, None) => "No candidate fits every constraint".to_string(),
    };
    let matches = |allowed: &[String], winner: &Option<String>| {
        allowed.is_empty() || winner.as_ref().is_some_and(|w| allowed.contains(w))
    };
    // A note that recommends a candidate a hard constraint rules out would
    // contradict the result: it is left out.
    let excluded = |id: &String| axes.iter().filter_map(|a| a.score(id)).any(CandidateScore::is_excluded);
    let hybrid_notes = questionnaire
        .hybrids
        .iter()
        .filter(|h| matches(&h.when_organisation, &organisation) && matches(&h.when_execution, &execution))
        .filter(|h| h.conditions.iter().all(|c| c.holds(answers)))
        .filter(|h| !h.suggests.iter().any(excluded))
        .map(|h| h.note.clone())
        .collect();
    Recommendation { organisation, execution, headline, hybrid_notes }
}
