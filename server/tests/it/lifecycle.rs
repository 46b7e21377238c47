//! Decisions over time: status moves, supersede links both ways, watched
//! facts that make a decision due for review, review dates passing, and a
//! person's own result made a decision. Each change writes its event in the
//! outbox in the same transaction; a refused change writes nothing.

use crate::support::{accept, body_text, draft, enc, get, invite_path, post, Jar, TestApp};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_domain::Status;
use sqlx::Row;

/// Creates a decision as the owner's browser; returns its id and that browser.
async fn create(app: &TestApp, title: &str) -> (String, Jar) {
    let (status, response) = app.send(post("/t", format!("title={}", enc(title)), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = Jar::default();
    owner.absorb(&response);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    (location.split('/').nth(2).unwrap().to_string(), owner)
}

/// A member joins with the invite and submits `answers` (draft form).
async fn answer(app: &TestApp, id: &str, owner: &Jar, name: &str, answers: &str) {
    let invite = invite_path(app, id, owner).await;
    let mut jar = Jar::default();
    assert_eq!(accept(app, &invite, &mut jar).await, StatusCode::SEE_OTHER);
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    jar.absorb(&response);
    accept(app, &format!("/t/{id}/answer"), &mut jar).await;
    let (status, _) = app.send(post("/assessments", format!("answers={}", enc(answers)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the answers are recorded");
}

/// An owner action on the decision over time; the status and the body.
async fn life(app: &TestApp, id: &str, owner: &Jar, form: &str) -> (StatusCode, String) {
    let (status, response) = app.send(post(&format!("/t/{id}/owner/lifecycle"), form.to_string(), owner)).await;
    (status, body_text(response).await)
}

async fn status_of(app: &TestApp, id: &str) -> Status {
    app.state.db.decision(id).await.unwrap().unwrap().status
}

/// How many events of `kind` the outbox holds for the decision, read with a
/// connection of the test's own.
async fn events(app: &TestApp, id: &str, kind: &str) -> i64 {
    let pool = sqlx::AnyPool::connect(&app.state.config.database_url).await.unwrap();
    let row = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE decision_id = $1 AND kind = $2").bind(id).bind(kind).fetch_one(&pool).await.unwrap();
    let n = row.try_get::<i64, _>("n").unwrap();
    pool.close().await;
    n
}

/// The owner token, from the owner's cookie (an API client has it from the owner link).
pub(crate) fn owner_token(owner: &Jar, id: &str) -> String {
    owner.0.iter().find(|(name, _)| name.ends_with(&format!("crossroads_owner_{id}"))).map(|(_, v)| v.clone()).expect("the owner cookie")
}

pub(crate) async fn post_facts(app: &TestApp, id: &str, token: &str, body: &str) -> (StatusCode, serde_json::Value) {
    let request = Request::post(format!("/api/v1/decisions/{id}/facts"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, response) = app.send(request).await;
    (status, serde_json::from_str(&body_text(response).await).unwrap_or(serde_json::Value::Null))
}

/// An accepted decision one member answered as the start-up.
pub(crate) async fn accepted(app: &TestApp, title: &str) -> (String, Jar) {
    let (id, owner) = create(app, title).await;
    answer(app, &id, &owner, "Ada", &draft(&[])).await;
    assert_eq!(life(app, &id, &owner, "action=status&to=accepted").await.0, StatusCode::SEE_OTHER);
    (id, owner)
}

#[tokio::test]
async fn accept_reject_and_deprecate_follow_the_rules_and_say_why_not() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Checkout").await;
    // Nobody answered: not yet, with the reason, and nothing written.
    let (status, page) = life(&app, &id, &owner, "action=status&to=accepted").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Nobody has answered yet"), "{page}");
    assert_eq!((status_of(&app, &id).await, events(&app, &id, "decision.status_changed").await), (Status::Proposed, 0));

    answer(&app, &id, &owner, "Ada", &draft(&[])).await;
    let (status, page) = life(&app, &id, &owner, "action=status&to=deprecated").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("A proposed decision cannot become deprecated: a proposed decision can be accepted or rejected"), "{page}");
    assert_eq!(life(&app, &id, &owner, "action=status&to=accepted").await.0, StatusCode::SEE_OTHER);
    let decision = app.state.db.decision(&id).await.unwrap().unwrap();
    assert_eq!(decision.status, Status::Accepted);
    let expected = crossroads_server::decision_settings::DecisionSettings::default().review_date(crossroads_server::decision_settings::today());
    assert_eq!(decision.review_by.as_deref(), Some(expected.to_string().as_str()), "12 months from today, from the content");
    assert_eq!(events(&app, &id, "decision.status_changed").await, 1);
    let history = app.state.db.events(&id).await.unwrap();
    assert!(history.iter().any(|e| e.action.starts_with("marked the decision accepted, to be reviewed by")), "{history:?}");

    assert_eq!(life(&app, &id, &owner, "action=status&to=deprecated").await.0, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &id).await, Status::Deprecated);
    // Deprecated is final.
    let (status, page) = life(&app, &id, &owner, "action=status&to=accepted").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("it is final"), "{page}");
    assert_eq!((status_of(&app, &id).await, events(&app, &id, "decision.status_changed").await), (Status::Deprecated, 2));

    let (other, other_owner) = create(&app, "Search").await;
    answer(&app, &other, &other_owner, "Grace", &draft(&[])).await;
    assert_eq!(life(&app, &other, &other_owner, "action=status&to=rejected").await.0, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &other).await, Status::Rejected);
    // Only the owner moves it.
    assert_eq!(life(&app, &other, &owner, "action=status&to=accepted").await.0, StatusCode::FORBIDDEN);
    // The JSON, the ADR and the page say so.
    let (_, json) = app.get(&format!("/api/v1/decisions/{other}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["lifecycle"]["status"], "rejected");
    let (_, adr) = app.get(&format!("/t/{other}/adr.md")).await;
    assert!(adr.starts_with("---\nstatus: rejected\n"), "{adr}");
    assert!(app.get(&format!("/t/{other}")).await.1.contains("Status: rejected"));
}

#[tokio::test]
async fn supersede_links_show_both_ways_allow_several_and_refuse_cycles_and_itself() {
    let app = TestApp::new().await;
    let (old, owner) = accepted(&app, "Old stack").await;
    let (newer, newer_owner) = accepted(&app, "New stack").await;
    let (third, _) = create(&app, "Third stack").await;
    assert_eq!(life(&app, &old, &owner, &format!("action=supersede&by={newer}")).await.0, StatusCode::SEE_OTHER);
    // An address of the team page names it as well as its id.
    assert_eq!(life(&app, &old, &owner, &format!("action=supersede&by={}", enc(&format!("http://crossroads.test/t/{third}")))).await.0, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &old).await, Status::Superseded);
    assert_eq!(events(&app, &old, "decision.status_changed").await, 2, "accepted, then superseded once, not once per link");
    let links = app.state.db.links(&old).await.unwrap();
    let mut by: Vec<&str> = links.superseded_by.iter().map(|l| l.id.as_str()).collect();
    let mut expected = [newer.as_str(), third.as_str()];
    // Both linked within the same second: listed by time, then id.
    by.sort_unstable();
    expected.sort_unstable();
    assert_eq!(by, expected, "several supersede one");
    assert_eq!(app.state.db.links(&newer).await.unwrap().supersedes[0].id, old, "and the other way round");
    let (_, json) = app.get(&format!("/api/v1/decisions/{old}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["lifecycle"]["status"], "superseded");
    assert!(json["lifecycle"]["superseded_by"].as_array().unwrap().iter().any(|l| l["title"] == "New stack"), "{json}");
    let doc = crate::openapi::document(&app).await;
    let schema = &doc["paths"]["/api/v1/decisions/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let errors = crate::schema_check::Validator { doc: &doc }.errors(schema, &json);
    assert!(errors.is_empty(), "the JSON is valid against its schema: {errors:?}");
    let (_, adr) = app.get(&format!("/t/{newer}/adr.md")).await;
    assert!(adr.contains(&format!("supersedes: [\"http://crossroads.test/t/{old}\"]")), "{adr}");
    assert!(app.get(&format!("/t/{newer}")).await.1.contains("Supersedes"));

    let before = app.state.db.links(&newer).await.unwrap();
    // A cycle: the newer decision superseded by the old one, which it supersedes.
    let (status, page) = life(&app, &newer, &newer_owner, &format!("action=supersede&by={old}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("cycle"), "{page}");
    // Itself, and a decision that does not exist.
    let (status, page) = life(&app, &newer, &newer_owner, &format!("action=supersede&by={newer}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("cannot supersede itself"), "{page}");
    let (status, page) = life(&app, &newer, &newer_owner, "action=supersede&by=N0suchDec1s1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("no decision “N0suchDec1s1”"), "{page}");
    assert_eq!(app.state.db.links(&newer).await.unwrap(), before, "nothing stored");
    assert_eq!((status_of(&app, &newer).await, events(&app, &newer, "decision.status_changed").await), (Status::Accepted, 1));
}

#[tokio::test]
async fn a_fact_that_flips_the_winner_makes_the_decision_due_and_one_that_changes_nothing_does_not() {
    let app = TestApp::new().await;
    let (id, owner) = accepted(&app, "Payments").await;
    let token = owner_token(&owner, &id);
    let (status, body) = post_facts(&app, &id, &token, r#"{"compliance": "on_premises"}"#).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["triggered"], true);
    let execution = body["changes"].as_array().unwrap().iter().find(|c| c["subject"] == "Execution").unwrap().clone();
    assert_eq!(execution["after"], "Self-managed servers", "{body}");
    assert_ne!(execution["before"], execution["after"]);
    let decision = app.state.db.decision(&id).await.unwrap().unwrap();
    assert!(decision.review_due && decision.review_reason.as_deref().unwrap().contains("→ Self-managed servers"), "{decision:?}");
    assert_eq!(events(&app, &id, "decision.trigger_fired").await, 1);
    let facts = app.state.db.facts(&id).await.unwrap();
    assert_eq!(facts.len(), 1);
    assert!(facts[0].triggered && facts[0].changes.iter().any(|c| c.changed()), "the difference is stored");
    let page = app.get(&format!("/t/{id}")).await.1;
    assert!(page.contains("Review due"), "the team page says so");
    assert!(page.contains(&format!("Execution: {} → Self-managed servers", execution["before"].as_str().unwrap())), "{page}");

    // The start-up has one team already: that changes nothing, raises nothing, and is still recorded.
    let (status, body) = post_facts(&app, &id, &token, r#"{"teams": "one"}"#).await;
    assert_eq!((status, body["triggered"].clone()), (StatusCode::OK, serde_json::json!(false)));
    assert_eq!(events(&app, &id, "decision.trigger_fired").await, 1);
    assert_eq!(app.state.db.facts(&id).await.unwrap().len(), 2);

    // Unknown question or option, no token, someone else's token: refused, nothing recorded.
    let (status, body) = post_facts(&app, &id, &token, r#"{"teams": "dozens", "headcount": "many"}"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"].as_array().unwrap().len(), 2, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("“dozens” is not an option of “teams”"), "{body}");
    assert_eq!(post_facts(&app, &id, &token, "[1]").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(post_facts(&app, &id, "", r#"{"teams": "many"}"#).await.0, StatusCode::FORBIDDEN);
    assert_eq!(post_facts(&app, &id, &"x".repeat(22), r#"{"teams": "many"}"#).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.state.db.facts(&id).await.unwrap().len(), 2);
    assert_eq!(events(&app, &id, "decision.trigger_fired").await, 1);

    // A proposed decision has nothing to watch yet.
    let (proposed, proposed_owner) = create(&app, "Later").await;
    assert_eq!(post_facts(&app, &proposed, &owner_token(&proposed_owner, &proposed), r#"{"teams": "many"}"#).await.0, StatusCode::CONFLICT);

    // The owner page records one as well (one list: question:option).
    let (status, _) = life(&app, &id, &owner, &format!("action=fact&fact={}", enc("compliance:none"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.state.db.facts(&id).await.unwrap().len(), 3);
    // Reviewing clears "due" and sets the next date.
    assert_eq!(life(&app, &id, &owner, "action=reviewed&date=2030-01-31").await.0, StatusCode::SEE_OTHER);
    let decision = app.state.db.decision(&id).await.unwrap().unwrap();
    assert_eq!((decision.review_due, decision.review_by.as_deref()), (false, Some("2030-01-31")));
}

#[tokio::test]
async fn a_passing_review_date_raises_one_event_per_date_and_is_listed_as_due() {
    let app = TestApp::new().await;
    let (id, owner) = accepted(&app, "Queue").await;
    let (status, page) = life(&app, &id, &owner, "action=review-date&date=2026-02-30").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("is not a date"), "{page}");
    assert_eq!(life(&app, &id, &owner, "action=review-date&date=2027-03-31").await.0, StatusCode::SEE_OTHER);
    let day = |text: &str| crossroads_server::decision_settings::parse_date(text).unwrap();
    crossroads_server::maintain_once(&app.state, day("2027-03-30")).await;
    assert_eq!(events(&app, &id, "decision.review_due").await, 0, "not yet");
    assert!(app.state.db.due_for_review().await.unwrap().is_empty());
    crossroads_server::maintain_once(&app.state, day("2027-03-31")).await;
    assert_eq!(events(&app, &id, "decision.review_due").await, 1);
    crossroads_server::maintain_once(&app.state, day("2027-04-01")).await;
    assert_eq!(events(&app, &id, "decision.review_due").await, 1, "once per date, not once per hour");
    let due = app.state.db.due_for_review().await.unwrap();
    assert_eq!(crossroads_server::cli::due_lines(&due), format!("{id}\tQueue\t2027-03-31\tits review date (2027-03-31) has passed"));
    // Reviewed with a new date: no longer due, and that date raises its own event once it passes.
    assert_eq!(life(&app, &id, &owner, "action=reviewed&date=2028-03-31").await.0, StatusCode::SEE_OTHER);
    assert!(app.state.db.due_for_review().await.unwrap().is_empty());
    crossroads_server::maintain_once(&app.state, day("2028-04-01")).await;
    assert_eq!(events(&app, &id, "decision.review_due").await, 2);
}

#[tokio::test]
async fn a_personal_result_becomes_a_decision_its_creator_owns() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": crate::support::answers_json(crate::support::STARTUP) });
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap();
    let (status, response) = app.send(request).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let (result, token) = (created["id"].as_str().unwrap().to_string(), created["delete_token"].as_str().unwrap().to_string());
    // Someone else cannot.
    let before = app.state.db.counts().await.unwrap();
    assert_eq!(app.send(post(&format!("/r/{result}/decide"), String::new(), &Jar::default())).await.0, StatusCode::FORBIDDEN);
    let stranger = Jar(vec![("crossroads_mine".into(), "y".repeat(22))]);
    assert_eq!(app.send(post(&format!("/r/{result}/decide"), String::new(), &stranger)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.state.db.counts().await.unwrap(), before, "nothing stored");
    // Its creator's browser holds the delete token.
    let creator = Jar(vec![("crossroads_mine".into(), token)]);
    assert!(app.send(get(&format!("/r/{result}"), &creator)).await.1.status().is_success());
    let (status, response) = app.send(post(&format!("/r/{result}/decide"), String::new(), &creator)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = creator.clone();
    owner.absorb(&response);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let members = app.state.db.members_with_results(&id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].0.assessment_id.as_deref(), Some(result.as_str()), "their result is their answers");
    let decision = app.state.db.decision(&id).await.unwrap().unwrap();
    assert_eq!(decision.title, created["result"]["snapshot"]["assessment"]["recommendation"]["headline"].as_str().unwrap());
    assert_eq!(app.send(get(&format!("/t/{id}/owner"), &owner)).await.0, StatusCode::OK, "they own it");
    assert_eq!(life(&app, &id, &owner, "action=status&to=accepted").await.0, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &id).await, Status::Accepted);
}
