//! The core journey over HTTP: wizard steps as plain forms, submission, the
//! stored result, its exports, and the JSON API.



use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crate::support::{answers_json, body_text, get, post, startup_form, walk_wizard, Jar, TestApp, STARTUP};

fn post_form(path: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn the_whole_wizard_works_as_plain_forms() {
    let app = TestApp::new().await;
    let (status, response) = app.send(Request::get("/wizard").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/wizard/situation");
    let mut jar = Jar::default();
    let visited = walk_wizard(&app, &mut jar, &startup_form()).await;
    // The system's sections, the workloads, the one workload (the whole system), then the review.
    assert_eq!(visited, ["/wizard/situation", "/wizard/people", "/wizard/workload", "/wizard/constraints", "/wizard/priorities", "/wizard/workloads", "/wizard/w/1"]);
    assert!(jar.header().contains("crossroads_draft_id="), "the draft is kept on the server under an id");
    // The review step lists the answers kept.
    let (status, response) = app.send(get("/wizard/review", &jar)).await;
    assert_eq!(status, StatusCode::OK);
    let html = body_text(response).await;
    assert!(html.contains("Review your answers"));
    assert!(html.contains("Up to five people"));
    // Submitting with only the draft's cookie creates a result and redirects to it.
    let (status, response) = app.send(post("/assessments", String::new(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    let id = location.strip_prefix("/r/").unwrap();
    assert_eq!(id.len(), 12);
    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()));
    let (status, html) = app.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Modular monolith on serverless functions</h1>"), "{html}");
    assert!(html.contains("Modular monolith on serverless functions — Crossroads result"));
    assert!(html.contains(&format!("http://crossroads.test/r/{id}")));
    assert!(html.contains("class=\"axis-chart\""));
    assert!(html.contains("<desc id=\"chart-desc\">"));
    // One workload left as the whole system is stored as a single system, as before workloads.
    let stored = app.state.db.get(id).await.unwrap().unwrap();
    assert!(stored.snapshot.plan.is_none());
}

#[tokio::test]
async fn a_step_with_a_missing_answer_comes_back_with_422_and_keeps_what_was_entered() {
    let app = TestApp::new().await;
    let req = post_form("/wizard/situation", "q.stage=grown&nav=next".into(), None);
    let (status, response) = app.send(req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_text(response).await;
    assert!(html.contains("Choose an answer to continue."));
    assert!(html.contains(r#"value="grown" checked"#), "the answer given is kept");
}

#[tokio::test]
async fn skip_logic_shows_a_question_only_when_its_condition_holds() {
    let app = TestApp::new().await;
    let mut jar = Jar::default();
    let (_, response) = app.send(get("/wizard/w/1", &jar)).await;
    jar.absorb(&response);
    let html = body_text(response).await;
    // The follow-up is in the page (the island shows it in place) but hidden,
    // with the in-step condition the island re-checks.
    let at = html.find(r#"id="q-steady_volume""#).expect("the follow-up question is rendered");
    let tag = &html[at..at + html[at..].find('>').unwrap()];
    assert!(tag.split_whitespace().any(|attribute| attribute == "hidden" || attribute.starts_with("hidden=")), "{tag}");
    assert!(tag.contains(r#"data-show-if="load_shape="#), "{tag}");
    // Answering the workload's step with a steady load makes the follow-up required.
    let body = "q.load_shape=steady&q.latency=tolerant&q.availability=tolerant&q.state=stateless&q.runtime=mainstream&nav=next";
    let (status, response) = app.send(post("/wizard/w/1", body.into(), &jar)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    jar.absorb(&response);
    assert!(body_text(response).await.contains("q-steady_volume-error"));
    // A variable load does not ask it.
    let body = "q.load_shape=variable&q.latency=tolerant&q.availability=tolerant&q.state=stateless&q.runtime=mainstream&nav=next";
    let (status, response) = app.send(post("/wizard/w/1", body.into(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/wizard/review");
}

#[tokio::test]
async fn incomplete_answers_come_back_to_review_with_422_and_nothing_stored() {
    let app = TestApp::new().await;
    let mut jar = Jar::default();
    let (_, response) = app.send(post("/wizard/situation", "q.stage=new&nav=next".into(), &jar)).await;
    jar.absorb(&response);
    let (status, response) = app.send(post("/assessments", String::new(), &jar)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_text(response).await;
    assert!(html.contains("Review your answers"));
    assert!(html.contains("Starting from scratch"), "the answers given are kept");
    assert!(html.contains("“How long should the system live?” needs an answer."), "{html}");
    assert_eq!(app.state.db.count().await.unwrap(), app.state.examples.len() as i64, "nothing stored");
}

#[tokio::test]
async fn results_are_immutable_and_exportable() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let req = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = app.send(req).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["url"], format!("http://crossroads.test/r/{id}"));
    assert_eq!(created["result"]["snapshot"]["assessment"]["recommendation"]["headline"], "Modular monolith on serverless functions");

    let (first, page1) = app.get(&format!("/r/{id}")).await;
    let (_, page2) = app.get(&format!("/r/{id}")).await;
    assert_eq!(first, StatusCode::OK);
    assert_eq!(crate::support::without_nonces(&page1), crate::support::without_nonces(&page2));

    let (status, json) = app.get(&format!("/api/v1/assessments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let stored: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stored, created["result"]);

    let (status, response) = app.send(Request::get(format!("/r/{id}/adr.md")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().contains("attachment"));
    let adr = body_text(response).await;
    for heading in ["## Context and Problem Statement", "## Decision Drivers", "## Considered Options", "## Decision Outcome", "### Consequences", "## Pros and Cons of the Options"] {
        assert!(adr.contains(heading), "ADR has {heading}");
    }
    assert!(adr.contains("Chosen option: \"Modular monolith on serverless functions\""));
}

#[tokio::test]
async fn change_answers_prefills_the_wizard_and_makes_a_new_link() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let req = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (_, response) = app.send(req).await;
    let id = serde_json::from_str::<serde_json::Value>(&body_text(response).await).unwrap()["id"].as_str().unwrap().to_string();
    let (_, before) = app.get(&format!("/r/{id}")).await;

    let mut jar = Jar::default();
    let (status, response) = app.send(post(&format!("/wizard/from/{id}"), String::new(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/wizard/review");
    jar.absorb(&response);
    let (_, review) = app.send(get("/wizard/review", &jar)).await;
    assert!(body_text(review).await.contains("Up to five people"), "the review shows the result's answers");
    // Change one answer and submit: a new result, the old one untouched.
    let (status, response) = app.send(post("/wizard/people", "q.teams=many&q.team_size=small&q.ops=none&q.experience=none&q.tech_diversity=one_stack&nav=next".into(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    jar.absorb(&response);
    let (status, response) = app.send(post("/assessments", String::new(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let new_location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    assert_ne!(new_location, format!("/r/{id}"));
    let changed = app.state.db.get(new_location.trim_start_matches("/r/")).await.unwrap().unwrap();
    assert_eq!(changed.snapshot.assessment.answers.get("teams"), Some(&crossroads_domain::Answer::One("many".into())));
    let (_, after) = app.get(&format!("/r/{id}")).await;
    assert_eq!(crate::support::without_nonces(&before), crate::support::without_nonces(&after));
}

#[tokio::test]
async fn api_errors_are_problem_details() {
    let app = TestApp::new().await;
    let post = |body: &'static str| Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = app.send(post("{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
    let (status, response) = app.send(post(r#"{"answers":{"stage":"nope","teams":["one"]}}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"stage"));
    assert!(fields.contains(&"teams"));
    assert!(fields.contains(&"risk"));
    let (status, _) = app.send(post(r#"{"answers":{"stage":5}}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = app.get("/api/v1/assessments/doesnotexist").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("\"status\":404"));
    assert_eq!(app.state.db.count().await.unwrap(), app.state.examples.len() as i64, "nothing stored");
}

#[tokio::test]
async fn the_questionnaire_and_openapi_documents_are_served() {
    let app = TestApp::new().await;
    let (status, json) = app.get("/api/v1/questionnaire").await;
    assert_eq!(status, StatusCode::OK);
    let q: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(q["version"], app.state.content.questionnaire.version);
    let (status, json) = app.get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    for path in ["/api/v1/questionnaire", "/api/v1/assessments", "/api/v1/assessments/{id}"] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

#[tokio::test]
async fn unknown_result_ids_get_the_404_page() {
    let app = TestApp::new().await;
    for path in ["/r/AAAAAAAAAAAA", "/r/short", "/r/..%2F..%2Fetc"] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Page not found"));
    }
}
