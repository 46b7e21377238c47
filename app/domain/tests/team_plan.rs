//! Team decisions on a plan: the owner fixes the workloads; system answers
//! combine per question, each workload's per workload; disagreements that
//! move the plan are reported per workload.

mod common;

use common::{answers, questionnaire, STARTUP};
use crossroads_domain::{assess_team_plan, combine_plan, Answer, DecisionWorkload, PlanAnswers, Workload};

fn decision() -> Vec<DecisionWorkload> {
    vec![
        DecisionWorkload { name: "API".into(), kind: "http-api".into() },
        DecisionWorkload { name: "Worker".into(), kind: "queue-worker".into() },
    ]
}

/// A member's plan: STARTUP's system answers, and the two workloads with changes.
fn member(system: &[(&str, &str)], api: &[(&str, &str)], worker: &[(&str, &str)]) -> PlanAnswers {
    let q = questionnaire();
    let mut flat = answers(STARTUP);
    for (k, v) in system {
        flat.set(*k, Answer::One(v.to_string()));
    }
    let base = PlanAnswers::from_flat(&q, &flat);
    let with = |name: &str, kind: &str, waits: &str, changes: &[(&str, &str)]| {
        let mut own = base.workloads[0].answers.clone();
        own.set("waits", Answer::One(waits.into()));
        for (k, v) in changes {
            own.set(*k, Answer::One(v.to_string()));
        }
        Workload { name: name.into(), kind: kind.into(), answers: own }
    };
    PlanAnswers { system: base.system, workloads: vec![with("api", "http-api", "person", api), with("Worker", "queue-worker", "nobody", worker)] }
}

#[test]
fn system_answers_combine_per_question_and_workload_answers_per_workload() {
    let q = questionnaire();
    let members = [
        member(&[("teams", "one")], &[("latency", "interactive")], &[("latency", "tolerant")]),
        member(&[("teams", "many")], &[("latency", "realtime")], &[("latency", "tolerant")]),
        member(&[("teams", "few")], &[("latency", "interactive")], &[("latency", "interactive")]),
    ];
    let combined = combine_plan(&q, &decision(), &members);
    assert_eq!(combined.system.get("teams"), Some(&Answer::One("few".into())), "median");
    assert_eq!(combined.workloads[0].name, "API", "the owner's names; members matched whatever the case");
    assert_eq!(combined.workloads[0].answers.get("latency"), Some(&Answer::One("interactive".into())));
    assert_eq!(combined.workloads[1].answers.get("latency"), Some(&Answer::One("tolerant".into())));
    assert!(combined.system.get("latency").is_none() && combined.workloads[0].answers.get("teams").is_none());
}

/// System answers that leave the platforms close, so one workload's answers decide.
const BALANCED: &[(&str, &str)] = &[
    ("ops", "some"), ("budget", "moderate"), ("lock_in", "cautious"), ("time_to_market", "important"),
    ("control", "some"), ("ecosystem", "neutral"),
];

#[test]
fn disagreements_that_move_a_workload_are_reported_on_that_workload() {
    let q = questionnaire();
    // Two members find the worker's response time uncritical; one says every
    // response must be fast, which rules functions out for it.
    let members = [
        member(BALANCED, &[], &[("latency", "tolerant")]),
        member(BALANCED, &[], &[("latency", "tolerant")]),
        member(BALANCED, &[], &[("latency", "realtime")]),
    ];
    let team = assess_team_plan(&q, &decision(), &members).unwrap();
    let platforms: Vec<_> = team.assessment.workloads.iter().map(|w| w.platform.clone().unwrap()).collect();
    assert_eq!(platforms, ["serverless-functions", "serverless-functions"]);
    assert!(team.discuss_first.is_empty(), "they agree on the system");
    assert!(team.workloads[0].discuss_first.is_empty(), "and on the API");
    let worker = &team.workloads[1];
    assert_eq!(worker.workload, "Worker");
    let latency = worker.spreads.iter().find(|s| s.question == "latency").unwrap();
    assert!(latency.spread > 0.0);
    let first = &worker.discuss_first[0];
    assert_eq!((first.question.as_str(), first.members), ("latency", 1));
    assert!(first.effect.contains("Real-time") && first.effect.contains("managed containers"), "{}", first.effect);
}

#[test]
fn agreement_has_no_spread_and_nothing_to_discuss() {
    let q = questionnaire();
    let same = member(&[], &[], &[]);
    let team = assess_team_plan(&q, &decision(), &[same.clone(), same.clone(), same]).unwrap();
    assert!(team.spreads.iter().chain(team.workloads.iter().flat_map(|w| &w.spreads)).all(|s| s.spread == 0.0));
    assert!(team.discuss_first.is_empty() && team.workloads.iter().all(|w| w.discuss_first.is_empty()));
    assert!(assess_team_plan(&q, &decision(), &[]).is_none());
}
