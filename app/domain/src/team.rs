//! Team decisions: combine several members' answers into one team answer set,
//! measure where they disagree, and find the disagreements that move the outcome.
//!
//! Combining, per question, over the members who answered it:
//! - scale questions: the median option (the lower one of the two middle
//!   options when the count is even, so ties lean to the start of the scale);
//! - single-choice questions: the most common option (ties go to the option
//!   listed first);
//! - multiple-choice questions: every option chosen by at least half of them.
//! Questions the combined answers hide are dropped; a shown question nobody
//! answered stays unanswered and scores nothing.

use crate::answer::{Answer, Answers};
use crate::assessment::{assess, Assessment};
use crate::question::{Question, QuestionKind};
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

/// How one option was chosen across the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionCount {
    pub option: String,
    pub label: String,
    pub count: usize,
}

/// The team's answers to one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionSpread {
    pub question: String,
    pub prompt: String,
    pub answered: usize,
    pub distribution: Vec<OptionCount>,
    /// 0 = everyone agrees, 1 = as split as the question allows.
    pub spread: f64,
    /// The combined answer's option labels.
    pub team_answer: Vec<String>,
}

/// A disagreement worth discussing: switching the team answer to what some
/// members said would change a winner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Discussion {
    pub question: String,
    pub prompt: String,
    /// How many members gave an answer that would change the team's outcome.
    pub members: usize,
    /// E.g. "“Four or more teams” (2 members) would make it Microservices on managed containers".
    pub effect: String,
    pub spread: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamAssessment {
    pub combined: Answers,
    pub assessment: Assessment,
    pub spreads: Vec<QuestionSpread>,
    /// Most consequential first.
    pub discuss_first: Vec<Discussion>,
}

/// A copy of the questionnaire in which no question is required, so partial
/// (combined) answers can be scored.
pub(crate) fn lenient(questionnaire: &Questionnaire) -> Questionnaire {
    let mut q = questionnaire.clone();
    for question in &mut q.questions {
        question.required = false;
    }
    q
}

/// Combines members' answers question by question (see the module notes).
pub fn combine(questionnaire: &Questionnaire, members: &[Answers]) -> Answers {
    let mut combined = Answers::new();
    for question in &questionnaire.questions {
        if !questionnaire.is_visible(question, &combined) {
            continue;
        }
        let given: Vec<&Answer> = members.iter().filter_map(|m| m.get(&question.id)).collect();
        if let Some(answer) = combine_one(question, &given) {
            combined.set(question.id.clone(), answer);
        }
    }
    combined
}

pub(crate) fn combine_one(question: &Question, given: &[&Answer]) -> Option<Answer> {
    if given.is_empty() {
        return None;
    }
    let counts = |id: &str| given.iter().filter(|a| a.selected().iter().any(|s| s == id)).count();
    match question.kind {
        QuestionKind::Scale => {
            let mut positions: Vec<usize> =
                given.iter().filter_map(|a| a.selected().first()).filter_map(|o| question.option_index(o)).collect();
            if positions.is_empty() {
                return None;
            }
            positions.sort_unstable();
            let median = positions[(positions.len() - 1) / 2];
            Some(Answer::One(question.options[median].id.clone()))
        }
        QuestionKind::Single => {
            let best = question
                .options
                .iter()
                .map(|o| (counts(&o.id), o))
                .filter(|(n, _)| *n > 0)
                .fold(None::<(usize, &crate::question::Choice)>, |best, (n, o)| match best {
                    Some((b, _)) if b >= n => best,
                    _ => Some((n, o)),
                })?;
            Some(Answer::One(best.1.id.clone()))
        }
        QuestionKind::Multiple => Some(Answer::Many(
            question.options.iter().filter(|o| counts(&o.id) * 2 >= given.len()).map(|o| o.id.clone()).collect(),
        )),
    }
}

fn spread_of(question: &Question, distribution: &[OptionCount], answered: usize, given: &[&Answer]) -> f64 {
    if answered < 2 {
        return 0.0;
    }
    let n = answered as f64;
    match question.kind {
        QuestionKind::Scale => {
            // Mean absolute deviation from the median, relative to the scale's length.
            let mut positions: Vec<f64> = given
                .iter()
                .filter_map(|a| a.selected().first())
                .filter_map(|o| question.option_index(o))
                .map(|p| p as f64)
                .collect();
            positions.sort_by(f64::total_cmp);
            let median = positions[(positions.len() - 1) / 2];
            let span = (question.options.len().max(2) - 1) as f64;
            let mad = positions.iter().map(|p| (p - median).abs()).sum::<f64>() / positions.len() as f64;
            (mad / (span / 2.0)).min(1.0)
        }
        QuestionKind::Single => {
            let top = distribution.iter().map(|d| d.count).max().unwrap_or(0) as f64;
            let k = question.options.len().min(answered) as f64;
            if k <= 1.0 { 0.0 } else { ((1.0 - top / n) / (1.0 - 1.0 / k)).clamp(0.0, 1.0) }
        }
        QuestionKind::Multiple => {
            let per_option: f64 = distribution
                .iter()
                .map(|d| {
                    let p = d.count as f64 / n;
                    2.0 * p.min(1.0 - p)
                })
                .sum();
            (per_option / distribution.len().max(1) as f64).clamp(0.0, 1.0)
        }
    }
}

/// Scores the team: combined answers, per-question spread, and the
/// disagreements that would change the outcome, most consequential first.
pub fn assess_team(questionnaire: &Questionnaire, members: &[Answers]) -> Option<TeamAssessment> {
    if members.is_empty() {
        return None;
    }
    let relaxed = lenient(questionnaire);
    let combined = combine(questionnaire, members);
    let assessment = assess(&relaxed, &combined).ok()?;
    let winners = |a: &Assessment| (a.recommendation.organisation.clone(), a.recommendation.execution.clone());
    let base = winners(&assessment);

    let mut spreads = Vec::new();
    let mut discussions = Vec::new();
    for question in &questionnaire.questions {
        let given: Vec<&Answer> = members.iter().filter_map(|m| m.get(&question.id)).collect();
        let Some((spread, discussion)) = weigh(question, &given, combined.get(&question.id), |answer| {
            let mut changed = combined.clone();
            changed.set(question.id.clone(), answer.clone());
            let changed = questionnaire.prune(&changed);
            let result = assess(&relaxed, &changed).ok()?;
            (winners(&result) != base).then_some(result.recommendation.headline)
        }) else {
            continue;
        };
        spreads.push(spread);
        discussions.extend(discussion);
    }
    discussions.sort_by(|a, b| b.members.cmp(&a.members).then(b.spread.total_cmp(&a.spread)));
    Some(TeamAssessment { combined, assessment, spreads, discuss_first: discussions })
}

/// One question across the team: how its answers spread, and the members'
/// answers that would change the outcome as the team answer. `outcome`
/// re-scores with another team answer and gives the new headline when the
/// outcome changes. `None` when nobody answered.
pub(crate) fn weigh(
    question: &Question,
    given: &[&Answer],
    combined: Option<&Answer>,
    mut outcome: impl FnMut(&Answer) -> Option<String>,
) -> Option<(QuestionSpread, Option<Discussion>)> {
    if given.is_empty() {
        return None;
    }
    let distribution: Vec<OptionCount> = question
        .options
        .iter()
        .map(|o| OptionCount {
            option: o.id.clone(),
            label: o.label.clone(),
            count: given.iter().filter(|a| a.selected().contains(&o.id)).count(),
        })
        .collect();
    let spread = spread_of(question, &distribution, given.len(), given);
    let team_answer = combined
        .map(|a| a.selected().iter().filter_map(|o| question.option(o).map(|c| c.label.clone())).collect())
        .unwrap_or_default();

    // Would any member's own answer, as the team answer, change a winner?
    let mut alternatives: Vec<(Answer, usize)> = Vec::new();
    for answer in given {
        // Multiple-choice answers are sets: the order they were ticked in is no disagreement.
        if combined.is_some_and(|c| c.same_as(answer)) {
            continue;
        }
        match alternatives.iter_mut().find(|(a, _)| a.same_as(answer)) {
            Some((_, n)) => *n += 1,
            None => alternatives.push(((*answer).clone(), 1)),
        }
    }
    let mut moving = 0;
    let mut effects = Vec::new();
    for (answer, n) in alternatives {
        let Some(headline) = outcome(&answer) else { continue };
        moving += n;
        let labels: Vec<String> = answer.selected().iter().filter_map(|o| question.option(o).map(|c| format!("“{}”", c.label))).collect();
        let labels = if labels.is_empty() { "none of these".to_string() } else { labels.join(" + ") };
        effects.push(format!("{labels} ({n} member{}) would make it {headline}", if n == 1 { "" } else { "s" }));
    }
    let discussion = (moving > 0).then(|| Discussion {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        members: moving,
        effect: effects.join("; "),
        spread,
    });
    let spread = QuestionSpread {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        answered: given.len(),
        distribution,
        spread,
        team_answer,
    };
    Some((spread, discussion))
}
