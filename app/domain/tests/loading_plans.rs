//! Loading the content plans use: scopes, workload kinds and their suggestions,
//! the mixing price, workload facts and chains are checked with file and line.

mod common;

use common::SOURCE;
use crossroads_domain::{FactTest, Questionnaire, Scope};

fn errors_for(source: &str) -> Vec<String> {
    match Questionnaire::from_toml(source, "q.toml") {
        Ok(_) => panic!("a broken questionnaire must not load"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

fn line_of(source: &str, needle: &str) -> usize {
    source[..source.find(needle).unwrap_or_else(|| panic!("{needle}"))].matches('\n').count() + 1
}

fn line_in(error: &str) -> usize {
    error.split(':').nth(1).unwrap().parse().unwrap()
}

/// The one error containing `needle`, whose line must be within a few lines of `near`.
fn expect(source: &str, needle: &str, near: &str) {
    let errors = errors_for(source);
    let error = errors.iter().find(|e| e.contains(needle)).unwrap_or_else(|| panic!("no error with {needle:?} in {errors:?}"));
    assert!(error.starts_with("q.toml:"), "{error}");
    let (line, expected) = (line_in(error), line_of(source, near));
    assert!(line.abs_diff(expected) <= 3, "{error}: line {line}, expected near {expected}");
}

#[test]
fn the_shipped_questionnaire_has_scopes_kinds_a_price_facts_and_a_chain() {
    let q = common::questionnaire();
    let workload: Vec<&str> = q.questions.iter().filter(|x| x.scope == Scope::Workload).map(|x| x.id.as_str()).collect();
    assert_eq!(workload, ["load_shape", "steady_volume", "waits", "latency", "availability", "state", "runtime"]);
    let several: Vec<&str> = q.questions.iter().filter(|x| x.only_with_several).map(|x| x.id.as_str()).collect();
    assert_eq!(several, ["waits"]);
    assert_eq!(q.workload_kinds.len(), 8);
    assert_eq!(q.default_kind().unwrap().label, "The whole system");
    assert!(q.default_kind().unwrap().suggest.is_empty());
    assert!(q.mixing.points > 0 && !q.mixing.extras.is_empty());
    assert!(q.workload_facts.iter().any(|f| matches!(f.test, FactTest::Differ { .. })));
    assert_eq!(q.chains.len(), 1);
    // A single system is asked exactly the questions it was asked before plans existed.
    let flat: usize = q.sections.iter().map(|s| q.section_questions(&s.id).count()).sum();
    assert_eq!(flat, q.questions.len() - 1);
    assert_eq!(q.questions_for(1).count(), flat);
    assert_eq!(q.questions_for(2).count(), q.questions.len());
}

#[test]
fn an_unknown_scope_names_the_question_and_line() {
    let broken = SOURCE.replacen("id = \"latency\"\nsection = \"workload\"\nscope = \"workload\"", "id = \"latency\"\nsection = \"workload\"\nscope = \"team\"", 1);
    expect(&broken, "unknown scope \"team\"", "scope = \"team\"");
    assert!(errors_for(&broken).iter().any(|e| e.contains("question \"latency\"")));
}

#[test]
fn only_with_several_is_for_workload_questions() {
    let broken = SOURCE.replacen("id = \"stage\"\nsection = \"situation\"", "id = \"stage\"\nsection = \"situation\"\nonly_with_several = true", 1);
    expect(&broken, "`only_with_several` is for workload questions", "id = \"stage\"");
}

#[test]
fn a_system_question_cannot_depend_on_a_workload_answer() {
    let broken = SOURCE.replacen(
        "id = \"deployment\"\nsection = \"workload\"",
        "id = \"deployment\"\nsection = \"workload\"\nshow_if = [{ question = \"latency\", any_of = [\"realtime\"] }]",
        1,
    );
    expect(&broken, "\"latency\", a workload question", "id = \"deployment\"");
}

#[test]
fn kind_suggestions_must_name_workload_questions_and_their_options() {
    let unknown_question = SOURCE.replacen("suggest = { waits = \"person\", latency = \"interactive\", state = \"stateless\" }", "suggest = { waits = \"person\", speed = \"fast\" }", 1);
    expect(&unknown_question, "unknown question \"speed\"", "speed = \"fast\"");
    let unknown_option = SOURCE.replacen("latency = \"realtime\", state = \"core\" }", "latency = \"instant\", state = \"core\" }", 1);
    expect(&unknown_option, "\"instant\", which is not an option of \"latency\"", "latency = \"instant\"");
    let system = SOURCE.replacen("suggest = { waits = \"nobody\", latency = \"tolerant\", state = \"some\" }", "suggest = { waits = \"nobody\", teams = \"one\" }", 1);
    expect(&system, "\"teams\", a system question", "teams = \"one\"");
}

#[test]
fn kind_ids_are_unique_and_one_is_the_default() {
    let duplicate = SOURCE.replacen("id = \"web-front-end\"", "id = \"http-api\"", 1);
    expect(&duplicate, "workload kind \"http-api\" is defined twice", "label = \"Web front end\"");
    let no_default = SOURCE.replacen("default = true\n", "", 1);
    assert!(errors_for(&no_default).iter().any(|e| e.contains("exactly one workload kind must be the default")));
    let suggesting_default = SOURCE.replacen("default = true\n", "default = true\nsuggest = { waits = \"person\" }\n", 1);
    assert!(errors_for(&suggesting_default).iter().any(|e| e.contains("is the default kind")));
}

#[test]
fn mixing_extras_name_system_questions_and_the_price_never_pays_for_mixing() {
    let workload = SOURCE.replacen("{ question = \"team_size\", any_of = [\"small\"], points = 1", "{ question = \"latency\", any_of = [\"realtime\"], points = 1", 1);
    expect(&workload, "mixing extra for \"latency\" refers to \"latency\", which is not a system question", "[mixing]");
    let negative = SOURCE.replacen("{ question = \"ops\", any_of = [\"dedicated\"], points = -1", "{ question = \"ops\", any_of = [\"dedicated\"], points = -9", 1);
    expect(&negative, "it must stay zero or more", "[mixing]");
    let unknown = SOURCE.replacen("{ question = \"ops\", any_of = [\"none\"], points = 2", "{ question = \"ops\", any_of = [\"nothing\"], points = 2", 1);
    expect(&unknown, "\"nothing\" is not an option of \"ops\"", "[mixing]");
}

#[test]
fn facts_name_known_workload_questions_and_organisation_candidates() {
    let unknown = SOURCE.replacen("differ = \"load_shape\"", "differ = \"load_curve\"", 1);
    expect(&unknown, "workload fact \"load_shapes_differ\" refers to unknown question \"load_curve\"", "id = \"load_shapes_differ\"");
    let system = SOURCE.replacen("differ = \"load_shape\"", "differ = \"teams\"", 1);
    expect(&system, "\"teams\", a system question", "id = \"load_shapes_differ\"");
    let one = SOURCE.replacen("at_least = 3", "at_least = 1", 1);
    expect(&one, "`at_least` must be 2 or more", "id = \"three_or_more_workloads\"");
    let both = SOURCE.replacen("at_least = 6", "at_least = 6\ndiffer = \"latency\"", 1);
    expect(&both, "needs exactly one test", "id = \"six_or_more_workloads\"");
    let execution = SOURCE.replacen(
        "{ candidate = \"microservices\", points = 1, because = \"Many workloads",
        "{ candidate = \"servers\", points = 1, because = \"Many workloads",
        1,
    );
    expect(&execution, "\"servers\" is not a candidate on the organisation axis", "id = \"six_or_more_workloads\"");
}

#[test]
fn chains_carry_a_single_answer_to_execution_candidates() {
    let unknown = SOURCE.replacen("carries = \"latency\"", "carries = \"speed\"", 1);
    expect(&unknown, "chain \"cold-starts-add-up\" carries unknown question \"speed\"", "[[chains]]");
    let organisation = SOURCE.replacen("candidates = [\"serverless-functions\"]", "candidates = [\"microservices\"]", 1);
    expect(&organisation, "\"microservices\" is not a candidate on the execution axis", "[[chains]]");
    let option = SOURCE.replacen("callee = { question = \"waits\", any_of = [\"caller\"] }", "callee = { question = \"waits\", any_of = [\"callee\"] }", 1);
    expect(&option, "\"callee\" is not an option of \"waits\"", "[[chains]]");
}

#[test]
fn every_plan_problem_is_reported_at_once() {
    let broken = SOURCE
        .replacen("carries = \"latency\"", "carries = \"speed\"", 1)
        .replacen("differ = \"load_shape\"", "differ = \"load_curve\"", 1)
        .replacen("id = \"web-front-end\"", "id = \"http-api\"", 1);
    assert_eq!(errors_for(&broken).len(), 3, "{:?}", errors_for(&broken));
}
