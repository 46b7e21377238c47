//! Combining team answers: medians, most common answers, majority sets, and the
//! disagreements that move the outcome.

mod common;

use common::{answers, questionnaire, startup_with as with};
use crossroads_domain::{assess_team, combine, Answer};

#[test]
fn scale_answers_combine_by_median_and_choices_by_most_common() {
    let q = questionnaire();
    let members = [
        answers(&with(&[("teams", "one"), ("compliance", "certified")])),
        answers(&with(&[("teams", "many"), ("compliance", "certified")])),
        answers(&with(&[("teams", "few"), ("compliance", "none")])),
    ];
    let combined = combine(&q, &members);
    assert_eq!(combined.get("teams"), Some(&Answer::One("few".into())), "median of one/few/many");
    assert_eq!(combined.get("compliance"), Some(&Answer::One("certified".into())), "two of three");
    // An even count takes the lower middle: one, one, many, many -> one.
    let four = [&members[0], &members[0], &members[1], &members[1]].map(|m| m.clone());
    assert_eq!(combine(&q, &four).get("teams"), Some(&Answer::One("one".into())));
}

#[test]
fn multiple_choice_keeps_options_chosen_by_at_least_half() {
    let q = questionnaire();
    let members = [
        answers(&with(&[("cost_model", "usage,volume")])),
        answers(&with(&[("cost_model", "usage")])),
        answers(&with(&[("cost_model", "predictable")])),
    ];
    assert_eq!(combine(&q, &members).get("cost_model"), Some(&Answer::Many(vec!["usage".into()])));
}

#[test]
fn agreement_has_no_spread_and_nothing_to_discuss() {
    let q = questionnaire();
    let same = answers(common::STARTUP);
    let team = assess_team(&q, &[same.clone(), same.clone(), same]).unwrap();
    assert!(team.spreads.iter().all(|s| s.spread == 0.0));
    assert!(team.discuss_first.is_empty());
}

#[test]
fn the_disagreement_that_moves_the_outcome_comes_first() {
    let q = questionnaire();
    // Two members tolerate cold starts, one needs hard real time (which rules
    // functions out); they also disagree on the ecosystem, which moves nothing.
    let members = [
        answers(&with(&[("ecosystem", "neutral")])),
        answers(&with(&[("latency", "realtime")])),
        answers(&with(&[("latency", "realtime"), ("ecosystem", "neutral")])),
    ];
    let team = assess_team(&q, &members).unwrap();
    assert_eq!(team.combined.get("latency"), Some(&Answer::One("realtime".into())));
    let first = &team.discuss_first[0];
    assert_eq!(first.question, "latency");
    assert_eq!(first.members, 1);
    assert!(first.effect.contains("Tolerant"), "{}", first.effect);
    let latency = team.spreads.iter().find(|s| s.question == "latency").unwrap();
    assert!(latency.spread > 0.0);
    assert_eq!(latency.distribution.iter().map(|d| d.count).sum::<usize>(), 3);
}
