//! Snapshots are stored as JSON forever: every snapshot written before results
//! could hold several workloads must still read, and write back byte for byte.
//! The fixtures were serialised by the engine before that change.

use crossroads_domain::ResultSnapshot;

const STORED: &[(&str, &str)] = &[
    ("startup", include_str!("fixtures/snapshot-2026.11.2-startup.json")),
    ("on premises", include_str!("fixtures/snapshot-2026.11.2-on-premises.json")),
];

#[test]
fn snapshots_stored_before_workloads_round_trip_byte_for_byte() {
    for (name, json) in STORED {
        let snapshot: ResultSnapshot = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&serde_json::to_string(&snapshot).unwrap(), json, "{name}");
    }
}

mod common;

use crossroads_domain::{assess, assess_plan, Axis, PlanAnswers, TermSource};

#[test]
fn a_plan_of_one_workload_stores_todays_assessment_and_its_workload() {
    let q = common::questionnaire();
    let flat = common::answers(common::STARTUP);
    let today = ResultSnapshot::new(&q, assess(&q, &flat).unwrap());
    let snapshot = ResultSnapshot::from_plan(&q, assess_plan(&q, &PlanAnswers::from_flat(&q, &flat)).unwrap());
    assert_eq!(snapshot.assessment, today.assessment);
    assert_eq!(snapshot.answers_given, today.answers_given);
    let plan = snapshot.plan.as_ref().unwrap();
    assert_eq!(plan.workloads[0].name, "The whole system");
    assert_eq!(plan.workloads[0].kind_label, "The whole system");
    assert!(plan.workloads[0].answers_given.iter().any(|l| l.question == "latency"));
    let json = serde_json::to_string(&snapshot).unwrap();
    assert_eq!(serde_json::to_string(&serde_json::from_str::<ResultSnapshot>(&json).unwrap()).unwrap(), json);
}

#[test]
fn a_plan_of_several_workloads_stores_an_assessment_single_system_readers_understand() {
    let q = common::questionnaire();
    let mut api = PlanAnswers::from_flat(&q, &common::answers(common::STARTUP));
    api.workloads[0].answers.set("waits", crossroads_domain::Answer::One("person".into()));
    let mut worker = api.workloads[0].clone();
    worker.name = "Worker".into();
    worker.kind = "queue-worker".into();
    worker.answers.set("waits", crossroads_domain::Answer::One("nobody".into()));
    api.workloads[0].name = "API".into();
    api.workloads[0].kind = "http-api".into();
    api.workloads.push(worker);
    let plan = assess_plan(&q, &api).unwrap();
    let snapshot = ResultSnapshot::from_plan(&q, plan.clone());
    let a = &snapshot.assessment;
    assert_eq!(a.answers, api.system, "the system answers");
    assert!(snapshot.answers_given.iter().all(|l| l.question != "latency"));
    assert_eq!(snapshot.plan.as_ref().unwrap().workloads.len(), 2);
    assert_eq!(a.axis(Axis::Organisation), &plan.organisation);
    let execution = a.axis(Axis::Execution);
    for score in &execution.scores {
        assert_eq!(score.terms.len(), 2, "one term per workload");
        assert!(score.terms.iter().all(|t| t.source == TermSource::Workload));
        let sum: i32 = plan.workloads.iter().map(|w| w.execution.score(&score.candidate).unwrap().total).sum();
        assert_eq!(score.total, sum);
    }
    assert_eq!(execution.winner.as_ref(), plan.single.as_ref().map(|s| &s.platforms[0]), "the best single-platform plan");
    assert_eq!(a.recommendation.headline, plan.headline);
    assert!(a.recommendation.hybrid_notes.is_empty());
    let count = plan.tipping_points.len() + plan.workloads.iter().map(|w| w.tipping_points.len()).sum::<usize>();
    assert_eq!(a.tipping_points.len(), count);
    assert_eq!(a.review_triggers.len(), count);
    let json = serde_json::to_string(&snapshot).unwrap();
    assert_eq!(serde_json::to_string(&serde_json::from_str::<ResultSnapshot>(&json).unwrap()).unwrap(), json);
}
