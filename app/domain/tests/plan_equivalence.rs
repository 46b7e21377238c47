//! A plan of one workload is today's single-system result: the same winners,
//! terms, exclusions, tipping points and wording, on any valid answers.

mod common;

use common::{answers_from, questionnaire};
use crossroads_domain::{assess, assess_plan, Axis, PlanAnswers};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn one_workload_scores_exactly_as_a_single_system(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let flat = answers_from(&q, &picks);
        let today = assess(&q, &flat).unwrap();
        let plan = assess_plan(&q, &PlanAnswers::from_flat(&q, &flat)).unwrap();
        prop_assert_eq!(&plan.organisation, today.axis(Axis::Organisation));
        prop_assert_eq!(&plan.workloads[0].execution, today.axis(Axis::Execution));
        prop_assert_eq!(plan.workloads[0].platform.as_ref(), today.axis(Axis::Execution).winner.as_ref());
        prop_assert_eq!(plan.to_assessment(&q), today);
    }
}

#[test]
fn a_flat_answer_set_becomes_the_whole_system_and_back() {
    let q = questionnaire();
    let flat = common::answers(common::STARTUP);
    let plan = PlanAnswers::from_flat(&q, &flat);
    assert_eq!(plan.workloads.len(), 1);
    assert_eq!(plan.workloads[0].name, "The whole system");
    assert_eq!(plan.workloads[0].kind, q.default_kind().unwrap().id);
    assert!(plan.workloads[0].answers.get("latency").is_some() && plan.system.get("latency").is_none());
    assert!(plan.system.get("teams").is_some() && plan.workloads[0].answers.get("teams").is_none());
    assert_eq!(plan.to_flat(), Some(flat));
    let json = serde_json::to_value(&plan).unwrap();
    assert!(json["answers"]["teams"].is_string() && json["workloads"][0]["answers"]["latency"].is_string(), "{json}");
}
