//! A plan's answers are checked all at once, each problem with the field path
//! an API reports.

mod common;

use common::{answers, questionnaire, STARTUP};
use crossroads_domain::{assess_plan, AnswerError, Answer, PlanAnswers, PlanProblem, Scope, Workload};

/// STARTUP split into system answers and one workload's.
fn split() -> (crossroads_domain::Answers, crossroads_domain::Answers) {
    let q = questionnaire();
    let plan = PlanAnswers::from_flat(&q, &answers(STARTUP));
    (plan.system, plan.workloads[0].answers.clone())
}

fn workload(name: &str, kind: &str, own: &crossroads_domain::Answers) -> Workload {
    let mut own = own.clone();
    own.set("waits", Answer::One("nobody".into()));
    Workload { name: name.into(), kind: kind.into(), answers: own }
}

fn problems(plan: &PlanAnswers) -> Vec<(String, PlanProblem)> {
    match assess_plan(&questionnaire(), plan) {
        Ok(_) => panic!("the plan must be refused"),
        Err(e) => e.0.into_iter().map(|e| (e.path, e.problem)).collect(),
    }
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let (system, own) = split();
    let mut system_with_workload_answer = system.clone();
    system_with_workload_answer.set("load_shape", Answer::One("steady".into()));
    let mut missing_latency = own.clone();
    missing_latency.remove("latency");
    missing_latency.set("teams", Answer::One("one".into()));
    missing_latency.set("state", Answer::One("sometimes".into()));
    let plan = PlanAnswers {
        system: system_with_workload_answer,
        workloads: vec![
            workload("  API  ", "http-api", &own),
            workload("aPi", "event-handler", &own),
            workload("", "queue-worker", &own),
            workload(&"x".repeat(61), "batch", &own),
            workload("Tab\there", "nightly", &missing_latency),
        ],
    };
    let found = problems(&plan);
    let expect = [
        ("answers.load_shape", PlanProblem::WorkloadQuestion { question: "load_shape".into() }),
        ("workloads[1].name", PlanProblem::DuplicateName { name: "API".into() }),
        ("workloads[2].name", PlanProblem::EmptyName),
        ("workloads[3].name", PlanProblem::NameTooLong { most: 60 }),
        ("workloads[4].name", PlanProblem::ControlCharacter),
        ("workloads[4].kind", PlanProblem::UnknownKind { id: "nightly".into() }),
        ("workloads[4].answers.teams", PlanProblem::SystemQuestion { question: "teams".into() }),
        ("workloads[4].answers.latency", PlanProblem::Answer { error: AnswerError::MissingAnswer { question: "latency".into() } }),
        (
            "workloads[4].answers.state",
            PlanProblem::Answer { error: AnswerError::UnknownOption { question: "state".into(), option: "sometimes".into() } },
        ),
    ];
    for (path, problem) in &expect {
        assert!(found.iter().any(|(p, x)| p == path && x == problem), "missing {path}: {problem:?} in {found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
}

#[test]
fn one_to_eight_workloads() {
    let (system, own) = split();
    let none = PlanAnswers { system: system.clone(), workloads: vec![] };
    assert_eq!(problems(&none), [("workloads".to_string(), PlanProblem::WorkloadCount { count: 0, least: 1, most: 8 })]);
    let nine = PlanAnswers { system: system.clone(), workloads: (0..9).map(|i| workload(&format!("W{i}"), "http-api", &own)).collect() };
    assert!(problems(&nine).iter().any(|(p, x)| p == "workloads" && matches!(x, PlanProblem::WorkloadCount { count: 9, .. })));
    let eight = PlanAnswers { system, workloads: (0..8).map(|i| workload(&format!("W{i}"), "http-api", &own)).collect() };
    assert!(assess_plan(&questionnaire(), &eight).is_ok());
}

#[test]
fn who_waits_is_asked_only_with_several_workloads() {
    let q = questionnaire();
    let (system, own) = split();
    let one = PlanAnswers { system: system.clone(), workloads: vec![workload("Everything", "whole-system", &own)] };
    assert_eq!(
        problems(&one),
        [("workloads[0].answers.waits".to_string(), PlanProblem::Answer { error: AnswerError::HiddenQuestion { question: "waits".into() } })]
    );
    let mut silent = own.clone();
    silent.remove("waits");
    let two = PlanAnswers { system, workloads: vec![workload("A", "http-api", &own), Workload { name: "B".into(), kind: "batch".into(), answers: silent }] };
    assert_eq!(
        problems(&two),
        [("workloads[1].answers.waits".to_string(), PlanProblem::Answer { error: AnswerError::MissingAnswer { question: "waits".into() } })]
    );
    // The flat questionnaire never asks it.
    assert!(q.questions_in(Scope::Workload).any(|x| x.id == "waits"));
    let mut flat = answers(STARTUP);
    flat.set("waits", Answer::One("nobody".into()));
    assert!(crossroads_domain::assess(&q, &flat).is_err());
}

#[test]
fn names_are_trimmed_and_errors_serialise_for_an_api() {
    let (system, own) = split();
    let plan = PlanAnswers { system, workloads: vec![workload("  API ", "http-api", &own), workload("Worker", "queue-worker", &own)] };
    let a = assess_plan(&questionnaire(), &plan).unwrap();
    assert_eq!(a.workloads[0].name, "API");
    assert_eq!(a.workloads[0].kind_label, "HTTP API");

    let broken = PlanAnswers { system: Default::default(), workloads: vec![] };
    let errors = assess_plan(&questionnaire(), &broken).unwrap_err();
    let json = serde_json::to_value(&errors.0[0]).unwrap();
    assert_eq!(json["path"], "workloads");
    assert_eq!(json["problem"]["kind"], "workload_count");
    let missing = errors.0.iter().find(|e| e.path == "answers.teams").unwrap();
    assert_eq!(serde_json::to_value(missing).unwrap()["problem"]["error"]["kind"], "missing_answer");
    assert_eq!(missing.to_string(), "answers.teams: question \"teams\" needs an answer");
}

#[test]
fn the_api_json_shape_maps_onto_a_plan() {
    let json = r#"{"answers": {"teams": "one"}, "workloads": [{"name": "API", "kind": "http-api", "answers": {"latency": "interactive"}}]}"#;
    let plan: PlanAnswers = serde_json::from_str(json).unwrap();
    assert_eq!(plan.system.get("teams"), Some(&Answer::One("one".into())));
    assert_eq!(plan.workloads[0].answers.get("latency"), Some(&Answer::One("interactive".into())));
    assert!(serde_json::from_str::<PlanAnswers>(r#"{"answers": {"teams": "one"}}"#).is_err(), "the flat shape is not a plan");
}

#[test]
fn names_with_invisible_or_direction_characters_are_refused() {
    let (system, own) = split();
    // A right-to-left override would turn "…: Serverless functions" around on
    // the card; a zero-width space makes "Api" and "Api\u{200B}" two names that look alike.
    for bad in ["A\u{202E}exe.txt", "\u{200B}", "Api\u{200B}", "\u{FEFF}X", "a\u{2066}b"] {
        let plan = PlanAnswers { system: system.clone(), workloads: vec![workload("Api", "http-api", &own), workload(bad, "queue-worker", &own)] };
        let found = problems(&plan);
        assert!(found.contains(&("workloads[1].name".to_string(), PlanProblem::ControlCharacter)), "{bad:?}: {found:?}");
    }
}
