//! Plans taken from the sources' guidance: decide per component; functions
//! for variable and event-driven work, containers for steady work; a rule on
//! where data lives binds every part; cold starts add up along a chain.

mod common;

use common::{plan, questionnaire};
use crossroads_domain::{assess_plan, PlanAnswers, PlanAssessment, TermSource};

/// A small team with some DevOps practice, a moderate budget and some caution
/// about depending on one provider: neither platform wins on system answers alone.
const SMALL_TEAM: &[(&str, &str)] = &[
    ("stage", "new"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
    ("teams", "one"), ("team_size", "small"), ("ops", "some"), ("experience", "none"), ("tech_diversity", "one_stack"),
    ("scaling_differences", "some"), ("deployment", "together"), ("budget", "moderate"), ("cost_model", "usage"),
    ("lock_in", "cautious"), ("compliance", "none"), ("legacy", "none"), ("time_to_market", "important"),
    ("control", "some"), ("ecosystem", "neutral"), ("tech_debt", "simplicity"), ("risk", "moderate"),
];

/// Steady, interactive, stateless: people wait on every request.
const STEADY_API: &[(&str, &str)] = &[
    ("load_shape", "steady"), ("steady_volume", "moderate"), ("waits", "person"), ("latency", "interactive"),
    ("availability", "failover"), ("state", "stateless"), ("runtime", "mainstream"),
];

/// Bursty, event-driven, stateless: runs when a file arrives, nobody waits.
const UPLOAD_HANDLER: &[(&str, &str)] = &[
    ("load_shape", "event"), ("waits", "nobody"), ("latency", "tolerant"), ("availability", "tolerant"),
    ("state", "stateless"), ("runtime", "mainstream"),
];

fn run(plan: &PlanAnswers) -> PlanAssessment {
    assess_plan(&questionnaire(), plan).unwrap_or_else(|e| panic!("the persona's answers are valid: {e}"))
}

fn platforms(a: &PlanAssessment) -> Vec<(&str, &str)> {
    a.workloads.iter().map(|w| (w.name.as_str(), w.platform.as_deref().unwrap_or("none"))).collect()
}

fn with(base: &[(&'static str, &'static str)], changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<_> = base.iter().map(|(q, o)| (*q, changes.iter().find(|(c, _)| c == q).map_or(*o, |(_, v)| *v))).collect();
    out.extend(changes.iter().filter(|(c, _)| !base.iter().any(|(q, _)| q == c)));
    out
}

#[test]
fn a_steady_api_on_containers_and_a_bursty_upload_handler_on_functions() {
    let a = run(&plan(SMALL_TEAM, &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER)]));
    assert_eq!(platforms(&a), [("Public API", "managed-containers"), ("Upload handler", "serverless-functions")]);
    assert_eq!(a.headline, "Modular monolith; Public API on managed containers, Upload handler on serverless functions");
    let chosen = a.plan.as_ref().unwrap();
    assert_eq!(chosen.platforms, ["serverless-functions", "managed-containers"]);
    // The price of the second platform is visible, and it is paid.
    assert_eq!(a.mixing.per_platform, a.mixing.terms.iter().map(|t| t.points).sum::<i32>());
    assert!(a.mixing.terms.iter().all(|t| t.source == TermSource::Mixing));
    assert!(a.mixing.terms.iter().any(|t| t.question == "team_size"), "a small team pays more: {:?}", a.mixing.terms);
    assert_eq!(chosen.mixing_cost, a.mixing.per_platform);
    assert_eq!(chosen.value, chosen.points - chosen.mixing_cost);
    // Beside it, the best single-platform plan and what mixing gains over it.
    let single = a.single.as_ref().unwrap();
    assert_eq!(single.platforms.len(), 1);
    assert_eq!(a.single_difference, Some(chosen.value - single.value));
    assert!(a.single_difference.unwrap() > 0);
}

#[test]
fn when_the_gain_is_small_both_workloads_share_one_platform_and_the_headline_is_plain() {
    // A team that wants no infrastructure work pays more for a second platform,
    // and leans towards functions: the API's own lead for containers is smaller
    // than what a second platform would cost.
    let system = with(SMALL_TEAM, &[("ops", "none")]);
    let a = run(&plan(&system, &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER)]));
    assert_eq!(platforms(&a), [("Public API", "serverless-functions"), ("Upload handler", "serverless-functions")]);
    assert_eq!(a.headline, "Modular monolith on serverless functions");
    assert_eq!(a.single_difference, Some(0));
    let api = a.workload("Public API").unwrap();
    assert_eq!(api.execution.winner.as_deref(), Some("managed-containers"), "its own best differs: the plan weighed the price of mixing");
}

#[test]
fn data_on_our_own_hardware_puts_every_workload_on_servers_and_says_why_once() {
    let system = with(SMALL_TEAM, &[("compliance", "on_premises")]);
    let a = run(&plan(&system, &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER)]));
    assert_eq!(platforms(&a), [("Public API", "servers"), ("Upload handler", "servers")]);
    assert_eq!(a.headline, "Modular monolith on self-managed servers");
    let ruled_out: Vec<&str> = a.ruled_out_everywhere.iter().map(|e| e.candidate.as_str()).collect();
    assert_eq!(ruled_out, ["serverless-functions", "managed-containers"], "each reason once, at plan level");
    for e in &a.ruled_out_everywhere {
        assert_eq!((e.by.question.as_str(), e.by.option.as_str()), ("compliance", "on_premises"));
        assert!(e.by.because.contains("forbid"), "{}", e.by.because);
    }
    for w in &a.workloads {
        for id in ["serverless-functions", "managed-containers"] {
            let score = w.execution.score(id).unwrap();
            assert!(score.is_excluded() && score.excluded_by.iter().all(|x| a.is_plan_wide(x)), "{}: {id}", w.name);
        }
    }
}

#[test]
fn a_workload_an_interactive_one_waits_on_carries_its_response_time() {
    let worker = with(UPLOAD_HANDLER, &[("waits", "caller")]);
    let a = run(&plan(SMALL_TEAM, &[("Public API", "http-api", STEADY_API), ("Thumbnails", "queue-worker", &worker)]));
    let functions = a.workload("Thumbnails").unwrap().execution.score("serverless-functions").unwrap();
    let carried: Vec<_> = functions.terms.iter().filter(|t| t.source == TermSource::Chain).collect();
    assert_eq!(carried.len(), 1, "{:?}", functions.terms);
    assert_eq!((carried[0].question.as_str(), carried[0].option.as_str(), carried[0].points), ("latency", "interactive", -1));
    assert_eq!(carried[0].workloads, ["Public API"]);
    assert!(carried[0].because.contains("waits for this one"), "{}", carried[0].because);
    assert_eq!(functions.total, functions.terms.iter().map(|t| t.points).sum::<i32>());
    // The API waits on nobody: nothing is carried to it.
    let api = a.workload("Public API").unwrap();
    assert!(api.execution.scores.iter().flat_map(|s| &s.terms).all(|t| t.source != TermSource::Chain));

    // A caller that needs every response fast rules cold starts out down the chain.
    let realtime = with(STEADY_API, &[("latency", "realtime")]);
    let a = run(&plan(SMALL_TEAM, &[("Public API", "http-api", &realtime), ("Thumbnails", "queue-worker", &worker)]));
    let thumbnails = a.workload("Thumbnails").unwrap();
    let functions = thumbnails.execution.score("serverless-functions").unwrap();
    assert!(functions.is_excluded());
    assert_eq!(functions.excluded_by[0].workloads, ["Public API"]);
    assert!(!a.is_plan_wide(&functions.excluded_by[0]));
    assert_ne!(thumbnails.platform.as_deref(), Some("serverless-functions"));
}

#[test]
fn of_several_waiting_workloads_the_most_demanding_answer_is_carried() {
    let worker = with(UPLOAD_HANDLER, &[("waits", "caller")]);
    let relaxed = with(STEADY_API, &[("latency", "tolerant")]);
    let a = run(&plan(
        SMALL_TEAM,
        &[("Admin pages", "web-front-end", &relaxed), ("Public API", "http-api", STEADY_API), ("Thumbnails", "queue-worker", &worker)],
    ));
    let functions = a.workload("Thumbnails").unwrap().execution.score("serverless-functions").unwrap();
    let carried: Vec<_> = functions.terms.iter().filter(|t| t.source == TermSource::Chain).collect();
    assert_eq!(carried.len(), 1, "one answer is carried, not one per caller: {carried:?}");
    assert_eq!((carried[0].option.as_str(), carried[0].points), ("interactive", -1), "the stricter of “tolerant” and “interactive”");
    assert_eq!(carried[0].workloads, ["Public API"], "the callers who gave it");
}

#[test]
fn facts_about_the_workloads_are_organisation_terms_naming_them() {
    let batch = with(UPLOAD_HANDLER, &[("load_shape", "variable")]);
    let a = run(&plan(
        SMALL_TEAM,
        &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER), ("Reports", "batch", &batch)],
    ));
    let facts: Vec<_> = a.organisation.scores.iter().flat_map(|s| &s.terms).filter(|t| t.source == TermSource::Fact).collect();
    assert!(facts.iter().any(|t| t.question == "three_or_more_workloads" && t.option_label == "3 workloads"), "{facts:?}");
    let differ = facts.iter().find(|t| t.question == "load_shapes_differ").expect("three different load shapes");
    assert_eq!(differ.workloads, ["Public API", "Upload handler", "Reports"]);
    // A workload option counts once on the organisation axis, naming who chose it.
    let stateless: Vec<_> = a.organisation.scores.iter().flat_map(|s| &s.terms).filter(|t| t.question == "availability").collect();
    assert!(stateless.iter().all(|t| !t.workloads.is_empty()));
    for score in &a.organisation.scores {
        assert_eq!(score.total, score.terms.iter().map(|t| t.points).sum::<i32>());
    }
}

#[test]
fn review_triggers_name_the_workload() {
    let a = run(&plan(SMALL_TEAM, &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER)]));
    let handler = a.workload("Upload handler").unwrap();
    let trigger = handler.review_triggers.iter().find(|t| t.question == "waits").expect("a synchronous caller would move it");
    assert_eq!(trigger.workload.as_deref(), Some("Upload handler"));
    assert!(trigger.text.starts_with("Revisit if, for “Upload handler”, who waits for it becomes"), "{}", trigger.text);
    assert!(trigger.text.contains("“Upload handler” would move from serverless functions to managed containers"), "{}", trigger.text);
    let compliance = a.review_triggers.iter().find(|t| t.question == "compliance").unwrap();
    assert!(compliance.workload.is_none() && compliance.text.contains("the plan would run on self-managed servers"), "{}", compliance.text);
}
