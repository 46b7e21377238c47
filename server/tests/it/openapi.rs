//! The OpenAPI document: the records the API sends are typed down to each
//! term's reason, and the request schema built from the content is exact: the
//! examples are valid against it, `{"answers": {}}` is not, and requests
//! generated from the content are accepted by the server exactly when they
//! are valid against it.

use crate::schema_check::{resolve, walk, Validator};
use crate::openapi_generated::{generated_requests_agree, post};
use crate::support::{answers_json, body_text, content_dir, TestApp, STARTUP};
use axum::http::{header, StatusCode};
use crossroads_domain::{Question, QuestionKind, Questionnaire, Scope};
use serde_json::{json, Value};

const SCHEMAS: &str = "#/components/schemas/";

pub async fn document(app: &TestApp) -> Value {
    let (status, response) = app.get_response("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    serde_json::from_str(&body_text(response).await).unwrap()
}

fn ok_body<'a>(doc: &'a Value, path: &str, method: &str, status: &str) -> &'a Value {
    let schema = &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} {status} has a JSON body");
    schema
}

#[tokio::test]
async fn results_decisions_and_the_questionnaire_are_typed_down_to_each_terms_reason() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "JSON Schema 2020-12, for if/then/else");
    // A string, or a string or null for an optional one.
    let string = |schema: &Value| assert!(schema["type"] == "string" || schema["type"] == json!(["string", "null"]), "{schema}");

    // A stored result: scores with their terms, and a plan's workloads with their platform.
    let result = ok_body(&doc, "/api/v1/assessments/{id}", "get", "200");
    assert_eq!(result["$ref"], format!("{SCHEMAS}StoredResult"));
    let to_terms = ["snapshot:ResultSnapshot", "assessment:Assessment", "axes", "[]:AxisResult", "scores", "[]:CandidateScore", "terms", "[]:Term"];
    string(walk(&doc, result, &[&to_terms[..], &["because"]].concat()));
    string(walk(&doc, result, &["snapshot", "assessment", "axes", "[]", "scores", "[]", "excluded_by", "[]:Exclusion", "because"]));
    string(walk(&doc, result, &["snapshot", "assessment", "tipping_points", "[]:TippingPoint", "change"]));
    string(walk(&doc, result, &["snapshot", "assessment", "review_triggers", "[]:ReviewTrigger", "text"]));
    let workload = walk(&doc, result, &["snapshot", "plan:PlanSnapshot", "assessment:PlanAssessment", "workloads", "[]:WorkloadAssessment"]);
    assert!(workload["properties"]["platform"].is_object());
    string(walk(&doc, workload, &["execution:AxisResult", "scores", "[]", "terms", "[]", "because"]));
    string(walk(&doc, result, &["snapshot", "plan", "assessment", "plan:PlanChoice", "assignments", "[]:Assignment", "candidate"]));
    // The same result as the 201 answer to a new assessment.
    let created = ok_body(&doc, "/api/v1/assessments", "post", "201");
    string(walk(&doc, created, &["result:StoredResult", "snapshot", "assessment", "axes", "[]", "scores", "[]", "terms", "[]", "because"]));

    // A decision: its members and the team's scores.
    let decision = ok_body(&doc, "/api/v1/decisions/{id}", "get", "200");
    assert_eq!(decision["$ref"], format!("{SCHEMAS}TeamDecision"));
    string(walk(&doc, decision, &["members", "[]:TeamMember", "recommendation"]));
    string(walk(&doc, decision, &["team:TeamAssessment", "assessment:Assessment", "axes", "[]", "scores", "[]", "terms", "[]", "because"]));
    string(walk(&doc, decision, &["team", "discuss_first", "[]:Discussion", "effect"]));

    // The questionnaire: questions, options and the points each gives, with the reason.
    let questionnaire = ok_body(&doc, "/api/v1/questionnaire", "get", "200");
    assert_eq!(questionnaire["$ref"], format!("{SCHEMAS}Questionnaire"));
    string(walk(&doc, questionnaire, &["questions", "[]:Question", "options", "[]:Choice", "points", "[]:OptionPoints", "because"]));
    string(walk(&doc, questionnaire, &["workload_kinds", "[]:WorkloadKind", "label"]));

    // Problems name their fields.
    let problem = &doc["paths"]["/api/v1/assessments"]["post"]["responses"]["422"]["content"]["application/problem+json"]["schema"];
    string(walk(&doc, problem, &["errors", "[]:FieldProblem", "field"]));

    // No JSON body anywhere is left a bare object, and every reference leads somewhere.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                for (media, content) in response["content"].as_object().into_iter().flatten() {
                    let schema = &content["schema"];
                    assert!(schema["$ref"].is_string(), "{method} {path} {status} {media} is typed: {schema}");
                }
            }
        }
    }
    let mut references = Vec::new();
    collect_refs(&doc, &mut references);
    assert!(references.len() > 40, "{}", references.len());
    for reference in references {
        resolve(&doc, &json!({ "$ref": reference }));
    }
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

fn options(q: &Question) -> Value {
    json!(q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
}

/// The schema of one answer lists the question's options (as a list of
/// distinct ones for a multiple-choice question).
fn assert_lists_options(schema: &Value, q: &Question) {
    match q.kind {
        QuestionKind::Multiple => {
            assert_eq!(schema["type"], "array", "{}", q.id);
            assert_eq!(schema["items"]["enum"], options(q), "{}", q.id);
            assert_eq!(schema["uniqueItems"], true, "{}", q.id);
        }
        _ => {
            assert_eq!(schema["type"], "string", "{}", q.id);
            assert_eq!(schema["enum"], options(q), "{}", q.id);
        }
    }
}

#[tokio::test]
async fn the_answer_schema_names_every_question_with_its_options() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let q: &Questionnaire = &app.state.content.questionnaire;
    let v = Validator { doc: &doc };
    let body = &doc["paths"]["/api/v1/assessments"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["$ref"], format!("{SCHEMAS}AssessmentRequest"));
    assert_eq!(v.component("AssessmentRequest")["oneOf"], json!([{ "$ref": format!("{SCHEMAS}FlatAssessmentRequest") }, { "$ref": format!("{SCHEMAS}PlanAssessmentRequest") }]));

    for (name, scope) in [("SystemAnswers", Scope::System), ("WorkloadAnswers", Scope::Workload)] {
        let schema = v.component(name);
        assert_eq!(schema["additionalProperties"], false, "{name}");
        let properties = schema["properties"].as_object().unwrap();
        let own: Vec<&Question> = q.questions_in(scope).collect();
        assert_eq!(properties.keys().collect::<Vec<_>>().len(), own.len(), "{name}: one property per question");
        for question in &own {
            assert_lists_options(&properties[&question.id], question);
        }
        // Required: the questions always asked that need an answer, and no other.
        let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        let always: Vec<&str> =
            own.iter().filter(|x| x.required && x.show_if.is_empty() && !x.only_with_several).map(|x| x.id.as_str()).collect();
        assert_eq!(required, always, "{name}");
    }
    let system = v.component("SystemAnswers");
    assert!(system["required"].as_array().unwrap().contains(&json!("stage")));
    assert!(!system["required"].as_array().unwrap().contains(&json!("cost_model")), "an optional question");
    let workload = v.component("WorkloadAnswers");
    let required = workload["required"].as_array().unwrap();
    assert!(required.contains(&json!("latency")));
    for conditional in ["steady_volume", "waits"] {
        assert!(workload["properties"][conditional].is_object() && !required.contains(&json!(conditional)), "{conditional} is asked only sometimes");
    }
    // The flat shape: every question a single system is asked.
    let flat = v.component("FlatAnswers");
    let ids: Vec<&String> = flat["properties"].as_object().unwrap().keys().collect();
    let asked: Vec<&Question> = q.questions.iter().filter(|x| !x.only_with_several).collect();
    assert_eq!(ids.len(), asked.len());
    for question in asked {
        assert_lists_options(&flat["properties"][&question.id], question);
    }
    // A workload: its kind, its name and how many.
    let request = v.component("WorkloadRequest");
    let kinds: Vec<&str> = q.workload_kinds.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(request["properties"]["kind"]["enum"], json!(kinds));
    assert_eq!((request["properties"]["name"]["minLength"].as_u64(), request["properties"]["name"]["maxLength"].as_u64()), (Some(1), Some(60)));
    assert_eq!(request["additionalProperties"], false);
    let workloads = &v.component("PlanAssessmentRequest")["properties"]["workloads"];
    assert_eq!((workloads["minItems"].as_u64(), workloads["maxItems"].as_u64()), (Some(1), Some(8)));
}

/// The system answers of the start-up, and a workload's from it.
pub fn startup_part(q: &Questionnaire, scope: Scope) -> Value {
    let pairs: Vec<(&str, &str)> = STARTUP.iter().copied().filter(|(id, _)| q.question(id).is_some_and(|x| x.scope == scope)).collect();
    answers_json(&pairs)
}

#[tokio::test]
async fn the_schema_refuses_what_the_server_refuses() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let q: &Questionnaire = &app.state.content.questionnaire;
    let v = Validator { doc: &doc };
    let request = v.component("AssessmentRequest");
    let flat = |changes: &[(&str, Value)], removed: &[&str]| {
        let mut answers = answers_json(STARTUP);
        for (id, value) in changes {
            answers[*id] = value.clone();
        }
        for id in removed {
            answers.as_object_mut().unwrap().remove(*id);
        }
        json!({ "answers": answers })
    };
    let system = startup_part(q, Scope::System);
    let own = startup_part(q, Scope::Workload);
    let workload = |name: &str, changes: &[(&str, Value)]| {
        let mut answers = own.clone();
        for (id, value) in changes {
            answers[*id] = value.clone();
        }
        json!({ "name": name, "kind": "http-api", "answers": answers })
    };
    let waits = ("waits", json!("person"));
    let plan = |workloads: Vec<Value>| json!({ "answers": system, "workloads": workloads });

    assert!(v.valid(request, &flat(&[], &[])), "{:?}", v.errors(request, &flat(&[], &[])));
    assert!(v.valid(request, &plan(vec![workload("API", &[waits.clone()]), workload("Jobs", &[waits.clone()])])));
    assert!(v.valid(request, &plan(vec![workload("API", &[])])));
    let refused: Vec<(&str, Value)> = vec![
        ("no answers", json!({ "answers": {} })),
        ("no body", json!({})),
        ("an unknown question", flat(&[("colour", json!("blue"))], &[])),
        ("an unknown option", flat(&[("stage", json!("ancient"))], &[])),
        ("a list for a single choice", flat(&[("stage", json!(["new"]))], &[])),
        ("one option for a multiple choice", flat(&[("cost_model", json!("usage"))], &[])),
        ("an option twice", flat(&[("cost_model", json!(["usage", "usage"]))], &[])),
        ("a required answer left out", flat(&[], &["risk"])),
        ("a hidden question answered", flat(&[("steady_volume", json!("heavy"))], &[])),
        ("a shown question left out", flat(&[("load_shape", json!("steady"))], &[])),
        ("a question for several, flat", flat(&[waits.clone()], &[])),
        ("a question for several, alone", plan(vec![workload("API", &[waits.clone()])])),
        ("not answered with several", plan(vec![workload("API", &[waits.clone()]), workload("Jobs", &[])])),
        ("a workload question in the system answers", json!({ "answers": flat(&[], &[])["answers"], "workloads": [workload("API", &[])] })),
        ("a system question in a workload", plan(vec![workload("API", &[("stage", json!("new"))])])),
        ("no workloads", plan(vec![])),
        ("nine workloads", plan((1..=9).map(|i| workload(&format!("W{i}"), &[waits.clone()])).collect())),
        ("an empty name", plan(vec![workload("", &[])])),
        ("a blank name", plan(vec![workload(" \t ", &[])])),
        ("a control character", plan(vec![workload("A\u{1b}PI", &[])])),
        ("a long name", plan(vec![workload(&"x".repeat(61), &[])])),
        ("an unknown kind", json!({ "answers": system, "workloads": [{ "name": "API", "kind": "mainframe", "answers": own }] })),
        ("an unknown field", json!({ "answers": system, "workloads": [{ "name": "API", "kind": "http-api", "answers": own, "workload": "API" }] })),
        ("answers keyed by workload", json!({ "answers": system, "workloads": { "API": own } })),
    ];
    for (case, body) in refused {
        assert!(!v.valid(request, &body), "{case} is not valid against the schema");
        let (status, _) = app.send(post(&body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{case} is refused by the server");
    }
}

#[tokio::test]
async fn the_content_examples_are_valid_against_the_schema() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let v = Validator { doc: &doc };
    let source = std::fs::read_to_string(content_dir().join("examples.toml")).unwrap();
    let examples: toml::Value = toml::from_str(&source).unwrap();
    let examples = examples["examples"].as_array().unwrap();
    assert!(!examples.is_empty());
    for example in examples {
        let answers = serde_json::to_value(&example["answers"]).unwrap();
        let body = json!({ "answers": answers });
        let errors = v.errors(v.component("AssessmentRequest"), &body);
        assert!(errors.is_empty(), "{}: {errors:?}", example["title"]);
    }
}


#[tokio::test]
async fn a_workload_question_shown_by_a_system_answer_is_stated_on_the_plan() {
    // The steady volume asked only of growing systems: a workload question
    // whose condition reads a system answer as well as its own.
    let dir = crate::support::content_copy();
    let file = dir.path().join("questionnaire.toml");
    let source = std::fs::read_to_string(&file).unwrap();
    let shown = r#"show_if = [{ question = "load_shape", any_of = ["steady", "mixed"] }]"#;
    assert_eq!(source.matches(shown).count(), 1, "the content still has the condition this test changes");
    let both = r#"show_if = [{ question = "load_shape", any_of = ["steady", "mixed"] }, { question = "growth", any_of = ["steady", "major"] }]"#;
    std::fs::write(&file, source.replace(shown, both)).unwrap();
    let app = TestApp::with_content(dir.path().to_path_buf()).await;
    let doc = document(&app).await;
    let rules = doc["components"]["schemas"]["PlanAssessmentRequest"]["allOf"].to_string();
    assert!(rules.contains("steady_volume") && rules.contains("growth"), "{rules}");
    generated_requests_agree(&app, 0xfeed_beef_1234_5678, 150).await;
}

#[tokio::test]
async fn what_the_api_sends_is_valid_against_its_schemas() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let v = Validator { doc: &doc };
    let schema = |path: &str, status: &str| ok_body(&doc, path, if status == "201" { "post" } else { "get" }, status).clone();
    let system = startup_part(&app.state.content.questionnaire, Scope::System);
    let own = startup_part(&app.state.content.questionnaire, Scope::Workload);
    let mut waiting = own.clone();
    waiting["waits"] = json!("person");
    let plan = json!({ "answers": system, "workloads": [
        { "name": "API", "kind": "http-api", "answers": waiting },
        { "name": "Jobs", "kind": "queue-worker", "answers": waiting },
    ] });
    for body in [json!({ "answers": answers_json(STARTUP) }), plan] {
        let (status, response) = app.send(post(&body)).await;
        assert_eq!(status, StatusCode::CREATED);
        let created: Value = serde_json::from_str(&body_text(response).await).unwrap();
        let errors = v.errors(&schema("/api/v1/assessments", "201"), &created);
        assert!(errors.is_empty(), "{errors:?}");
        let (_, stored) = app.get(&format!("/api/v1/assessments/{}", created["id"].as_str().unwrap())).await;
        let errors = v.errors(&schema("/api/v1/assessments/{id}", "200"), &serde_json::from_str(&stored).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
    }
    let (_, questionnaire) = app.get("/api/v1/questionnaire").await;
    let errors = v.errors(&schema("/api/v1/questionnaire", "200"), &serde_json::from_str(&questionnaire).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    let (decision, _) = app.state.db.create_decision("Checkout", "", false, None).await.unwrap();
    let (_, json) = app.get(&format!("/api/v1/decisions/{}", decision.id)).await;
    let errors = v.errors(&schema("/api/v1/decisions/{id}", "200"), &serde_json::from_str(&json).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    let (_, problem) = app.send(post(&json!({ "answers": {} }))).await;
    let problem: Value = serde_json::from_str(&body_text(problem).await).unwrap();
    let schema = &doc["paths"]["/api/v1/assessments"]["post"]["responses"]["422"]["content"]["application/problem+json"]["schema"];
    assert!(v.valid(schema, &problem), "{:?}", v.errors(schema, &problem));
}

#[tokio::test]
async fn a_decision_is_sent_with_the_same_fields_as_before() {
    let app = TestApp::new().await;
    let (decision, _) = app.state.db.create_decision("Checkout", "Pick **one**.", false, None).await.unwrap();
    let id = decision.id.clone();
    let key = |name: &str| name.to_lowercase();
    let crossroads_server::db::Joined::Member(ada, _) = app.state.db.join(&id, "Ada", None, 10, key).await.unwrap() else { panic!("Ada joins") };
    let crossroads_server::db::Joined::Member(_, _) = app.state.db.join(&id, "Grace", None, 10, key).await.unwrap() else { panic!("Grace joins") };
    let (_, empty) = app.get(&format!("/api/v1/decisions/{id}")).await;
    assert_eq!(serde_json::from_str::<Value>(&empty).unwrap()["team"], Value::Null, "no team before anyone answers");

    let (status, response) = app.send(post(&json!({ "answers": answers_json(STARTUP) }))).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: Value = serde_json::from_str(&body_text(response).await).unwrap();
    let result = created["id"].as_str().unwrap();
    app.state.db.submit(&id, &ada.id, result).await.unwrap();

    let (status, json) = app.get(&format!("/api/v1/decisions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let json: Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["anonymous", "closed", "context", "created_at", "id", "lifecycle", "members", "team", "title"]);
    assert_eq!(
        (&json["id"], &json["title"], &json["context"], &json["anonymous"], &json["closed"], &json["created_at"]),
        (&json!(id), &json!("Checkout"), &json!("Pick **one**."), &json!(false), &json!(false), &json!(decision.created_at))
    );
    let headline = &created["result"]["snapshot"]["assessment"]["recommendation"]["headline"];
    assert_eq!(
        json["members"],
        json!([
            { "name": "Ada", "result_id": result, "recommendation": headline },
            { "name": "Grace", "result_id": null, "recommendation": null },
        ])
    );
    assert_eq!(json["team"]["assessment"]["recommendation"]["headline"], *headline, "one member: the team answers as they did");
    let doc = document(&app).await;
    let v = Validator { doc: &doc };
    let errors = v.errors(ok_body(&doc, "/api/v1/decisions/{id}", "get", "200"), &json);
    assert!(errors.is_empty(), "as its schema says: {errors:?}");
}
