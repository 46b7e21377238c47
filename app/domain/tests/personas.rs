//! Golden personas taken from the source articles' guidance. Each states what the
//! articles imply and checks the engine agrees.

mod common;

use common::{answers, questionnaire};
use crossroads_domain::{assess, Assessment, Axis};

fn run(pairs: &[(&str, &str)]) -> Assessment {
    assess(&questionnaire(), &answers(pairs)).unwrap_or_else(|e| panic!("persona answers are valid: {e}"))
}

fn winners(a: &Assessment) -> (String, String) {
    (
        a.axis(Axis::Organisation).winner.clone().unwrap_or_default(),
        a.axis(Axis::Execution).winner.clone().unwrap_or_default(),
    )
}

/// A two-person proof of concept with spiky traffic: the articles say functions are
/// ideal for prototypes, small teams, variable load and tight budgets, and that
/// splitting early is the costliest mistake.
#[test]
fn two_person_proof_of_concept_with_spiky_traffic() {
    let a = run(&[
        ("stage", "new"), ("lifetime", "experiment"), ("complexity", "simple"), ("growth", "stable"),
        ("teams", "one"), ("team_size", "small"), ("ops", "none"), ("experience", "none"), ("tech_diversity", "one_stack"),
        ("load_shape", "variable"), ("scaling_differences", "alike"), ("latency", "tolerant"), ("availability", "tolerant"), ("state", "stateless"),
        ("deployment", "together"), ("budget", "tight"), ("cost_model", "usage"), ("lock_in", "comfortable"),
        ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"), ("time_to_market", "urgent"),
        ("control", "hands_off"), ("ecosystem", "important"), ("tech_debt", "simplicity"), ("risk", "moderate"),
    ]);
    assert_eq!(winners(&a), ("monolith".into(), "serverless-functions".into()));
    assert!(!a.close_call);
}

/// Many teams, very different scaling needs, deep legacy integration, components
/// best deployed separately: every one of the articles' reasons for services.
/// A steady core with bursty parts: containers plus functions for the bursts.
#[test]
fn many_teams_with_different_scaling_needs_and_legacy() {
    let a = run(&[
        ("stage", "grown"), ("lifetime", "long"), ("complexity", "complex"), ("growth", "major"),
        ("teams", "many"), ("team_size", "large"), ("ops", "dedicated"), ("experience", "deep"), ("tech_diversity", "some"),
        ("load_shape", "mixed"), ("steady_volume", "moderate"), ("scaling_differences", "very"), ("latency", "interactive"), ("availability", "isolation"),
        ("state", "some"), ("deployment", "many"), ("budget", "comfortable"), ("cost_model", "per_part"),
        ("lock_in", "cautious"), ("compliance", "certified"), ("runtime", "mainstream"), ("legacy", "deep"),
        ("time_to_market", "relaxed"), ("control", "fine"), ("ecosystem", "neutral"), ("tech_debt", "upfront"), ("risk", "high"),
    ]);
    assert_eq!(winners(&a), ("microservices".into(), "managed-containers".into()));
    assert!(a.recommendation.hybrid_notes.iter().any(|n| n.contains("serverless functions for the event-driven")));
}

/// Heavy, steady load under a tight budget: steady loads favour always-on models
/// and functions cost more under constant load; one team should not split.
#[test]
fn heavy_steady_load_under_tight_costs() {
    let a = run(&[
        ("stage", "early"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
        ("teams", "one"), ("team_size", "medium"), ("ops", "dedicated"), ("experience", "some"), ("tech_diversity", "one_stack"),
        ("load_shape", "steady"), ("steady_volume", "heavy"), ("scaling_differences", "alike"), ("latency", "interactive"), ("availability", "failover"),
        ("state", "some"), ("deployment", "together"), ("budget", "tight"), ("cost_model", "predictable,volume"),
        ("lock_in", "cautious"), ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"),
        ("time_to_market", "important"), ("control", "some"), ("ecosystem", "neutral"), ("tech_debt", "simplicity"), ("risk", "low"),
    ]);
    let (organisation, execution) = winners(&a);
    assert_eq!(organisation, "modular-monolith");
    assert_ne!(execution, "serverless-functions");
    let functions = a.axis(Axis::Execution).score("serverless-functions").unwrap().total;
    assert!(functions < 0, "functions should score badly under heavy constant load, got {functions}");
}

/// A start-up with limited resources racing to market with variable traffic: the
/// articles' typical case for functions, with a simple, well-organised codebase.
#[test]
fn startup_racing_to_market() {
    let a = run(common::STARTUP);
    assert_eq!(winners(&a), ("modular-monolith".into(), "serverless-functions".into()));
}

/// Hard real-time responses: cold starts rule functions out, whatever else favours them.
#[test]
fn real_time_system_excludes_functions() {
    let a = run(&[
        ("stage", "new"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
        ("teams", "one"), ("team_size", "small"), ("ops", "some"), ("experience", "some"), ("tech_diversity", "one_stack"),
        ("load_shape", "variable"), ("scaling_differences", "alike"), ("latency", "realtime"), ("availability", "isolation"), ("state", "core"),
        ("deployment", "together"), ("budget", "moderate"), ("cost_model", ""), ("lock_in", "comfortable"),
        ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"), ("time_to_market", "important"),
        ("control", "fine"), ("ecosystem", "neutral"), ("tech_debt", "upfront"), ("risk", "low"),
    ]);
    let execution = a.axis(Axis::Execution);
    assert!(execution.score("serverless-functions").unwrap().is_excluded());
    assert_ne!(execution.winner.as_deref(), Some("serverless-functions"));
    assert_eq!(a.axis(Axis::Organisation).winner.as_deref(), Some("modular-monolith"));
}

/// Data that must stay on the organisation's own hardware: only servers remain.
#[test]
fn on_premises_rules_leave_only_servers() {
    let a = run(&[
        ("stage", "early"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
        ("teams", "few"), ("team_size", "medium"), ("ops", "some"), ("experience", "some"), ("tech_diversity", "one_stack"),
        ("load_shape", "variable"), ("scaling_differences", "alike"), ("latency", "tolerant"), ("availability", "failover"), ("state", "stateless"),
        ("deployment", "together"), ("budget", "tight"), ("cost_model", "usage"), ("lock_in", "comfortable"),
        ("compliance", "on_premises"), ("runtime", "mainstream"), ("legacy", "some"), ("time_to_market", "urgent"),
        ("control", "hands_off"), ("ecosystem", "important"), ("tech_debt", "simplicity"), ("risk", "moderate"),
    ]);
    assert_eq!(winners(&a), ("modular-monolith".into(), "servers".into()));
    let excluded: Vec<&str> = a.axis(Axis::Execution).scores.iter().filter(|s| s.is_excluded()).map(|s| s.candidate.as_str()).collect();
    assert_eq!(excluded, ["serverless-functions", "managed-containers"]);
}

/// A team that must be able to change providers: functions are ruled out and
/// portable containers win for a steady web application.
#[test]
fn portability_requirement_rules_out_functions() {
    let a = run(&[
        ("stage", "early"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
        ("teams", "few"), ("team_size", "medium"), ("ops", "some"), ("experience", "some"), ("tech_diversity", "one_stack"),
        ("load_shape", "steady"), ("steady_volume", "moderate"), ("scaling_differences", "some"), ("latency", "interactive"), ("availability", "failover"),
        ("state", "some"), ("deployment", "few"), ("budget", "moderate"), ("cost_model", "predictable"),
        ("lock_in", "must_move"), ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "some"),
        ("time_to_market", "important"), ("control", "some"), ("ecosystem", "neutral"), ("tech_debt", "upfront"), ("risk", "low"),
    ]);
    assert_eq!(winners(&a), ("modular-monolith".into(), "managed-containers".into()));
    assert!(a.axis(Axis::Execution).score("serverless-functions").unwrap().is_excluded());
}

/// A small team processing uploaded files and other events, idle in between:
/// event-driven, stateless work is what functions are built for.
#[test]
fn event_driven_processing_for_a_small_team() {
    let a = run(&[
        ("stage", "new"), ("lifetime", "short"), ("complexity", "simple"), ("growth", "stable"),
        ("teams", "one"), ("team_size", "small"), ("ops", "none"), ("experience", "some"), ("tech_diversity", "one_stack"),
        ("load_shape", "event"), ("scaling_differences", "alike"), ("latency", "tolerant"), ("availability", "tolerant"), ("state", "stateless"),
        ("deployment", "together"), ("budget", "moderate"), ("cost_model", "usage"), ("lock_in", "comfortable"),
        ("compliance", "none"), ("runtime", "mainstream"), ("legacy", "none"), ("time_to_market", "important"),
        ("control", "hands_off"), ("ecosystem", "important"), ("tech_debt", "simplicity"), ("risk", "moderate"),
    ]);
    assert_eq!(winners(&a), ("monolith".into(), "serverless-functions".into()));
}

/// A grown system with many teams, heavy steady core and event-driven side jobs,
/// run by a platform team on its own hardware budget: services on servers.
#[test]
fn grown_platform_with_heavy_steady_core() {
    let a = run(&[
        ("stage", "grown"), ("lifetime", "long"), ("complexity", "complex"), ("growth", "major"),
        ("teams", "many"), ("team_size", "large"), ("ops", "dedicated"), ("experience", "deep"), ("tech_diversity", "many"),
        ("load_shape", "mixed"), ("steady_volume", "heavy"), ("scaling_differences", "very"), ("latency", "realtime"), ("availability", "isolation"),
        ("state", "core"), ("deployment", "many"), ("budget", "moderate"), ("cost_model", "volume,predictable"),
        ("lock_in", "must_move"), ("compliance", "certified"), ("runtime", "special"), ("legacy", "deep"),
        ("time_to_market", "relaxed"), ("control", "fine"), ("ecosystem", "neutral"), ("tech_debt", "upfront"), ("risk", "high"),
    ]);
    assert_eq!(winners(&a), ("microservices".into(), "servers".into()));
    // Hard real time and a must-move requirement rule functions out, so the
    // note for bursty side jobs must not suggest them.
    assert!(a.axis(crossroads_domain::Axis::Execution).score("serverless-functions").unwrap().is_excluded());
    assert!(a.recommendation.hybrid_notes.iter().all(|n| !n.contains("serverless functions")), "{:?}", a.recommendation.hybrid_notes);
}
