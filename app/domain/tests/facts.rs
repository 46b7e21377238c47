//! Watched facts: a changed fact re-scores the team's answers and says what moved.

mod common;

use common::{answers, questionnaire, startup_with as with};
use crossroads_domain::{read_facts, rescore_flat, rescore_plan, DecisionWorkload, PlanAnswers};

fn facts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(q, o)| (q.to_string(), o.to_string())).collect()
}

#[test]
fn a_fact_that_changes_the_winner_shows_before_and_after() {
    let q = questionnaire();
    let members = [answers(common::STARTUP), answers(&with(&[("ecosystem", "neutral")]))];
    let fact = read_facts(&q, &facts(&[("compliance", "on_premises")])).unwrap();
    let changes = rescore_flat(&q, &members, &fact);
    assert_eq!(changes.len(), 2, "{changes:?}");
    let execution = changes.iter().find(|c| c.subject == "Execution").unwrap();
    assert!(execution.changed(), "{changes:?}");
    assert_eq!(execution.after.as_deref(), Some("Self-managed servers"), "{changes:?}");
}

#[test]
fn a_fact_that_holds_already_changes_nothing() {
    let q = questionnaire();
    let members = [answers(common::STARTUP)];
    let fact = read_facts(&q, &facts(&[("teams", "one")])).unwrap();
    let changes = rescore_flat(&q, &members, &fact);
    assert!(!changes.is_empty() && changes.iter().all(|c| !c.changed()), "{changes:?}");
    assert!(rescore_flat(&q, &[], &fact).is_empty(), "nobody answered: nothing to compare");
}

#[test]
fn unknown_questions_and_options_are_named() {
    let q = questionnaire();
    let problems = read_facts(&q, &facts(&[("headcount", "many"), ("teams", "dozens")])).unwrap_err();
    assert_eq!(problems.len(), 2);
    assert!(problems[0].message.contains("no question “headcount”"), "{problems:?}");
    assert!(problems[1].message.contains("“dozens” is not an option of “teams”") && problems[1].message.contains("many"), "{problems:?}");
    assert!(read_facts(&q, &[]).is_err(), "no fact at all");
}

#[test]
fn a_plan_compares_the_organisation_and_every_workload() {
    let q = questionnaire();
    let member = PlanAnswers::from_flat(&q, &answers(common::STARTUP));
    let workloads: Vec<DecisionWorkload> = member.workloads.iter().map(|w| DecisionWorkload { name: w.name.clone(), kind: w.kind.clone() }).collect();
    let fact = read_facts(&q, &facts(&[("compliance", "on_premises")])).unwrap();
    let changes = rescore_plan(&q, &workloads, &[member], &fact);
    assert_eq!(changes.len(), 1 + workloads.len());
    assert_eq!(changes[0].subject, "Organisation");
    assert!(changes[1..].iter().any(|c| c.changed()), "{changes:?}");
}
