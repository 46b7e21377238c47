//! `POST /api/v1/assessments` with workloads: a plan is scored and stored;
//! every bad plan is refused with one entry per problem, each naming the path
//! of the field at fault, and nothing is stored; the flat shape is unchanged.

use crate::support::{answers_json, body_text, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_domain::Scope;
use serde_json::{json, Value};

/// One workload's answers: an HTTP API people wait for.
const API: &[(&str, &str)] =
    &[("load_shape", "variable"), ("waits", "person"), ("latency", "interactive"), ("availability", "tolerant"), ("state", "stateless"), ("runtime", "mainstream")];
/// A nightly job nobody waits for, with a steady heavy load.
const REPORT: &[(&str, &str)] = &[
    ("load_shape", "steady"), ("steady_volume", "heavy"), ("waits", "nobody"), ("latency", "tolerant"),
    ("availability", "tolerant"), ("state", "some"), ("runtime", "mainstream"),
];

fn post(body: &Value) -> Request<Body> {
    post_text(&body.to_string())
}

fn post_text(body: &str) -> Request<Body> {
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

/// The start-up's answers to the system questions only.
fn system(app: &TestApp) -> Value {
    let q = &app.state.content.questionnaire;
    let pairs: Vec<(&str, &str)> = STARTUP.iter().copied().filter(|(id, _)| q.question(id).is_some_and(|x| x.scope == Scope::System)).collect();
    answers_json(&pairs)
}

fn workload(name: &str, kind: &str, answers: &[(&str, &str)]) -> Value {
    json!({ "name": name, "kind": kind, "answers": answers_json(answers) })
}

fn plan(app: &TestApp, workloads: Vec<Value>) -> Value {
    json!({ "answers": system(app), "workloads": workloads })
}

async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, Value, Option<String>) {
    let (status, response) = app.send(request).await;
    let content_type = response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string());
    let text = body_text(response).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null), content_type)
}

/// `(field, kind)` of every problem in a 422.
fn problems(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| errors.iter().map(|e| (e["field"].as_str().unwrap().to_string(), e["kind"].as_str().unwrap().to_string())).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_plan_of_two_workloads_is_scored_with_a_platform_each_and_stored() {
    let app = TestApp::new().await;
    let before = app.state.db.counts().await.unwrap();
    let body = plan(&app, vec![workload("Public API", "http-api", API), workload("Nightly report", "scheduled-job", REPORT)]);
    let (status, response) = app.send(post(&body)).await;
    assert_eq!(status, StatusCode::CREATED);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    let created: Value = serde_json::from_str(&body_text(response).await).unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(location, format!("/api/v1/assessments/{id}"));
    assert!(created["delete_token"].as_str().is_some_and(|t| !t.is_empty()));

    let plan = &created["result"]["snapshot"]["plan"];
    let workloads = plan["assessment"]["workloads"].as_array().expect("the snapshot carries the plan's workloads");
    assert_eq!(workloads.len(), 2);
    let candidates: Vec<&str> = app.state.content.questionnaire.candidates.iter().map(|c| c.id.as_str()).collect();
    for (w, (name, kind)) in workloads.iter().zip([("Public API", "http-api"), ("Nightly report", "scheduled-job")]) {
        assert_eq!((w["name"].as_str().unwrap(), w["kind"].as_str().unwrap()), (name, kind));
        let platform = w["platform"].as_str().unwrap_or_else(|| panic!("{name} has a platform: {w}"));
        assert!(candidates.contains(&platform), "{platform}");
        assert!(!w["execution"]["scores"].as_array().unwrap().is_empty());
    }
    assert_eq!(plan["workloads"].as_array().unwrap().len(), 2, "each workload's answers as shown");
    assert!(created["result"]["snapshot"]["assessment"]["recommendation"]["headline"].as_str().is_some());

    let after = app.state.db.counts().await.unwrap();
    assert_eq!(after.results, before.results + 1, "stored once");
    let (status, stored) = app.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&stored).unwrap(), created["result"], "read back as created");
}

#[tokio::test]
async fn every_bad_plan_is_refused_with_the_path_of_each_problem_and_nothing_stored() {
    let app = TestApp::new().await;
    let before = app.state.db.counts().await.unwrap();
    let api = || workload("API", "http-api", API);
    let report = || workload("Report", "scheduled-job", REPORT);
    let with_system = |answers: Value, workloads: Vec<Value>| json!({ "answers": answers, "workloads": workloads });
    let mut system_with_latency = system(&app);
    system_with_latency["latency"] = json!("tolerant");
    let mut stage_in_workload = api();
    stage_in_workload["answers"]["stage"] = json!("new");
    let mut latency_missing = api();
    latency_missing["answers"].as_object_mut().unwrap().remove("latency");
    let mut extra_field = api();
    extra_field["workload"] = json!("Report");
    let mut no_answers = api();
    no_answers.as_object_mut().unwrap().remove("answers");
    let mut numeric_name = api();
    numeric_name["name"] = json!(5);
    let mut waits_alone = api();
    waits_alone["name"] = json!("The only one");
    let mut waits_missing = report();
    waits_missing["answers"].as_object_mut().unwrap().remove("waits");
    let nine: Vec<Value> = (1..=9).map(|i| workload(&format!("Worker {i}"), "queue-worker", REPORT)).collect();
    let by_name = json!({ "answers": system(&app), "workloads": { "API": answers_json(API) } });

    // (case, body, every (field, kind) expected)
    let cases: Vec<(&str, Value, Vec<(&str, &str)>)> = vec![
        ("more than eight workloads", plan(&app, nine), vec![("workloads", "workload_count")]),
        ("no workload", plan(&app, vec![]), vec![("workloads", "workload_count")]),
        ("an empty name", plan(&app, vec![api(), workload("", "batch", REPORT)]), vec![("workloads[1].name", "empty_name")]),
        ("a blank name", plan(&app, vec![workload("   ", "batch", REPORT), report()]), vec![("workloads[0].name", "empty_name")]),
        ("an over-long name", plan(&app, vec![api(), workload(&"n".repeat(61), "batch", REPORT)]), vec![("workloads[1].name", "name_too_long")]),
        ("a control character", plan(&app, vec![api(), workload("Re\u{7}port", "batch", REPORT)]), vec![("workloads[1].name", "control_character")]),
        ("a duplicate name", plan(&app, vec![api(), report(), workload(" api ", "batch", REPORT)]), vec![("workloads[2].name", "duplicate_name")]),
        ("an unknown kind", plan(&app, vec![workload("API", "mainframe", API), report()]), vec![("workloads[0].kind", "unknown_kind")]),
        ("a system question in a workload", plan(&app, vec![stage_in_workload, report()]), vec![("workloads[0].answers.stage", "system_question")]),
        ("a workload question in the system answers", with_system(system_with_latency, vec![api(), report()]), vec![("answers.latency", "workload_question")]),
        ("a missing system answer", with_system(json!({}), vec![api(), report()]), vec![("answers.stage", "missing_answer"), ("answers.risk", "missing_answer")]),
        ("a missing workload answer", plan(&app, vec![latency_missing, report()]), vec![("workloads[0].answers.latency", "missing_answer")]),
        ("an unknown option", plan(&app, vec![api(), workload("Report", "scheduled-job", &[("latency", "glacial")])]), vec![("workloads[1].answers.latency", "unknown_option"), ("workloads[1].answers.load_shape", "missing_answer")]),
        ("asked only of several workloads", plan(&app, vec![waits_alone]), vec![("workloads[0].answers.waits", "hidden_question")]),
        ("not answered with several", plan(&app, vec![api(), waits_missing]), vec![("workloads[1].answers.waits", "missing_answer")]),
        ("a hidden question answered", plan(&app, vec![api(), workload("Report", "batch", &[("load_shape", "event"), ("steady_volume", "heavy"), ("waits", "nobody"), ("latency", "tolerant"), ("availability", "tolerant"), ("state", "some"), ("runtime", "mainstream")])]), vec![("workloads[1].answers.steady_volume", "hidden_question")]),
        ("an unknown field in a workload", plan(&app, vec![extra_field, report()]), vec![("workloads[0].workload", "unknown_field")]),
        ("a workload without answers", plan(&app, vec![api(), no_answers]), vec![("workloads[1].answers", "missing_field")]),
        ("a name that is not text", plan(&app, vec![numeric_name]), vec![("workloads[0].name", "invalid_type")]),
        ("answers keyed by workload name", by_name, vec![("workloads", "invalid_type")]),
        ("several problems at once", plan(&app, vec![workload("", "mainframe", &[]), report()]), vec![
            ("workloads[0].name", "empty_name"), ("workloads[0].kind", "unknown_kind"), ("workloads[0].answers.latency", "missing_answer"),
        ]),
    ];
    for (case, body, expected) in cases {
        let (status, problem, content_type) = send(&app, post(&body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{case}: {problem}");
        assert_eq!(content_type.as_deref(), Some("application/problem+json"), "{case}");
        let found = problems(&problem);
        for (field, kind) in &expected {
            assert!(found.iter().any(|(f, k)| f == field && k == kind), "{case}: expected {field} ({kind}) among {found:?}");
        }
        if expected.len() == 1 {
            assert_eq!(found.len(), 1, "{case}: one problem, one entry: {found:?}");
        }
        for error in problem["errors"].as_array().unwrap() {
            assert!(!error["message"].as_str().unwrap().is_empty(), "{case}: every problem is told in words");
        }
        assert_eq!(problem["status"], 422, "{case}");
    }
    let (status, problem, _) = send(&app, post_text(r#"{"answers": {}, "workloads": [{"name": "API", "kind": "#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "malformed JSON: {problem}");
    assert_eq!(app.state.db.counts().await.unwrap(), before, "nothing stored on any refusal");
}

#[tokio::test]
async fn the_flat_shape_is_answered_as_before() {
    let app = TestApp::new().await;
    let before = app.state.db.counts().await.unwrap();
    // As in the journey test: the same 201 body.
    let (status, created, _) = send(&app, post(&json!({ "answers": answers_json(STARTUP) }))).await;
    assert_eq!(status, StatusCode::CREATED);
    let keys: Vec<&str> = created.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["delete_token", "id", "result", "url"]);
    assert_eq!(created["result"]["snapshot"]["assessment"]["recommendation"]["headline"], "Modular monolith on serverless functions");
    assert!(created["result"]["snapshot"].get("plan").is_none(), "a flat result carries no plan");

    // The same 422s: `field` is the question id.
    let (status, problem, content_type) = send(&app, post_text(r#"{"answers":{"stage":"nope","teams":["one"]}}"#)).await;
    assert_eq!((status, content_type.as_deref()), (StatusCode::UNPROCESSABLE_ENTITY, Some("application/problem+json")));
    let found = problems(&problem);
    for expected in [("stage", "unknown_option"), ("teams", "wrong_shape"), ("risk", "missing_answer")] {
        assert!(found.iter().any(|(f, k)| (f.as_str(), k.as_str()) == expected), "{expected:?} among {found:?}");
    }
    assert!(found.iter().all(|(f, _)| !f.contains('.')), "question ids, not paths: {found:?}");
    assert_eq!(problem["title"], "The answers are not valid");
    // JSON of the wrong shape: a 422 with no field, as before.
    let (status, problem, _) = send(&app, post_text(r#"{"answers":{"stage":5}}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem.get("errors").is_none(), "{problem}");
    assert!(problem["detail"].as_str().unwrap().starts_with("Expected {\"answers\": {…}}: "), "{problem}");
    let (status, _, _) = send(&app, post_text(r#"{"answers":{"waits":"person"}}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a flat answer set is one workload: no question for several");

    // A plan of one workload, the whole system, is the flat result.
    let q = &app.state.content.questionnaire;
    let kind = q.default_kind().expect("the content has a default kind");
    let own: Vec<(&str, &str)> = STARTUP.iter().copied().filter(|(id, _)| q.question(id).is_some_and(|x| x.scope == Scope::Workload)).collect();
    let (status, as_plan, _) = send(&app, post(&plan(&app, vec![workload(&kind.label, &kind.id, &own)]))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(as_plan["result"]["snapshot"], created["result"]["snapshot"]);
    assert_eq!(app.state.db.counts().await.unwrap().results, before.results + 2);
}
