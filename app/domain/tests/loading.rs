//! Loading rejects broken questionnaires with the file, line and question at fault.

mod common;

use common::SOURCE;
use crossroads_domain::Questionnaire;

fn errors_for(source: &str) -> Vec<String> {
    match Questionnaire::from_toml(source, "q.toml") {
        Ok(_) => panic!("a broken questionnaire must not load"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

fn line_of(source: &str, needle: &str) -> usize {
    source[..source.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn the_shipped_questionnaire_covers_every_factor_and_the_short_articles_points() {
    let q = common::questionnaire();
    // Each of the fifteen factors of the long article, and the question that asks about it.
    for (factor, question) in [
        ("project complexity", "complexity"), ("development team", "team_size"), ("scaling needs", "scaling_differences"),
        ("resource utilisation", "control"), ("latency sensitivity", "latency"), ("vendor lock-in tolerance", "lock_in"),
        ("cost constraints", "budget"), ("regulatory compliance", "compliance"), ("infrastructure management", "ops"),
        ("time to market", "time_to_market"), ("legacy integration", "legacy"), ("future growth", "growth"),
        ("community and ecosystem", "ecosystem"), ("technical debt", "tech_debt"), ("risk tolerance", "risk"),
    ] {
        assert!(q.question(question).is_some_and(|x| x.options.len() >= 2), "factor {factor} is asked by {question}");
    }
    for id in ["teams", "load_shape", "stage", "scaling_differences", "lifetime"] {
        assert!(q.question(id).is_some(), "{id}");
    }
}

#[test]
fn an_unknown_candidate_names_file_line_and_question() {
    let broken = SOURCE.replacen("candidate = \"servers\", points = 3", "candidate = \"mainframe\", points = 3", 1);
    let errors = errors_for(&broken);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("q.toml:"), "{}", errors[0]);
    assert!(errors[0].contains("question \"compliance\""), "{}", errors[0]);
    assert!(errors[0].contains("unknown candidate \"mainframe\""));
    let line: usize = errors[0].split(':').nth(1).unwrap().parse().unwrap();
    let expected = line_of(&broken, "id = \"on_premises\"");
    assert!(line.abs_diff(expected) <= 1, "line {line}, option starts at {expected}");
}

#[test]
fn duplicate_ids_are_rejected() {
    let broken = SOURCE.replacen("id = \"lifetime\"", "id = \"stage\"", 1);
    assert!(errors_for(&broken).iter().any(|e| e.contains("question \"stage\"") && e.contains("earlier question")));
}

#[test]
fn show_if_must_point_at_an_earlier_question() {
    let broken = SOURCE.replacen(
        "show_if = [{ question = \"load_shape\", any_of = [\"steady\", \"mixed\"] }]",
        "show_if = [{ question = \"risk\", any_of = [\"low\"] }]",
        1,
    );
    assert!(errors_for(&broken).iter().any(|e| e.contains("\"risk\", which is not an earlier question")));
}

#[test]
fn points_without_a_because_sentence_are_rejected() {
    let broken = SOURCE.replacen(
        ", because = \"A light load stays cheap on pay-per-use pricing.\"",
        "",
        1,
    );
    let errors = errors_for(&broken);
    assert!(errors.iter().any(|e| e.contains("question \"steady_volume\"") && e.contains("`because`")), "{errors:?}");
}

#[test]
fn unknown_fields_and_syntax_errors_name_the_line() {
    let broken = SOURCE.replacen("kind = \"single\"", "kind = \"single\"\nweight = 3", 1);
    let errors = errors_for(&broken);
    assert!(errors[0].contains("weight"), "{errors:?}");
    assert_eq!(errors[0].split(':').nth(1).unwrap().parse::<usize>().unwrap(), line_of(&broken, "weight = 3"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let broken = SOURCE
        .replacen("candidate = \"servers\", points = 3", "candidate = \"mainframe\", points = 3", 1)
        .replacen("id = \"lifetime\"", "id = \"stage\"", 1);
    assert!(errors_for(&broken).len() >= 2);
}

#[test]
fn ids_the_draft_cannot_carry_are_refused_with_their_line() {
    for (bad, what) in [("K8s", "option"), ("naïve", "option")] {
        let broken = SOURCE.replacen("id = \"on_premises\"", &format!("id = \"{bad}\""), 1);
        let errors = errors_for(&broken);
        let error = errors.iter().find(|e| e.contains(&format!("{what} id \"{bad}\""))).unwrap_or_else(|| panic!("{errors:?}"));
        assert!(error.contains("a-z, 0-9"), "{error}");
        let line: usize = error.split(':').nth(1).unwrap().parse().unwrap();
        assert!(line.abs_diff(line_of(&broken, &format!("id = \"{bad}\""))) <= 1, "{error}");
    }
}
