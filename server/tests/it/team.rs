//! Team decisions over HTTP: every rule of creating, joining, answering,
//! replacing, owning, closing, limits, anonymity and escaping.



use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crate::support::{accept, body_text, draft, enc, get, invite_path, post, Jar, TestApp};
use std::collections::HashMap;
use std::sync::Mutex;


fn location(response: &axum::http::Response<Body>) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

/// Creates a decision; returns its id and the owner's browser (the owner
/// cookie is set by the answer, never put in an address).
async fn create(app: &TestApp, title: &str, anonymous: bool) -> (String, Jar) {
    let body = format!("title={}&context={}{}", enc(title), enc("We must pick **one** stack."), if anonymous { "&anonymous=yes" } else { "" });
    let (status, response) = app.send(post("/t", body, &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let owner = location(&response);
    assert!(owner.ends_with("/owner"), "{owner}");
    let mut jar = Jar::default();
    jar.absorb(&response);
    let id = owner.split('/').nth(2).unwrap().to_string();
    let invite = invite_path(app, &id, &jar).await;
    INVITES.lock().unwrap().insert(id.clone(), invite);
    (id, jar)
}

/// Each decision's invite, read from its owner's page when it was created.
static INVITES: std::sync::LazyLock<Mutex<HashMap<String, String>>> = std::sync::LazyLock::new(Default::default);

/// A browser that accepted the decision's invite link.
async fn invited(app: &TestApp, id: &str) -> Jar {
    let invite = INVITES.lock().unwrap()[id].clone();
    let mut jar = Jar::default();
    assert_eq!(accept(app, &invite, &mut jar).await, StatusCode::SEE_OTHER);
    jar
}

async fn join(app: &TestApp, id: &str, name: &str, jar: &mut Jar) -> StatusCode {
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), jar)).await;
    jar.absorb(&response);
    status
}

/// A member joins with the invite and submits answers; returns their cookie jar.
async fn member_answers(app: &TestApp, id: &str, name: &str, answers: &str) -> Jar {
    let mut jar = invited(app, id).await;
    assert_eq!(join(app, id, name, &mut jar).await, StatusCode::SEE_OTHER, "join");
    submit_as(app, id, &mut jar, answers).await;
    jar
}

fn owner_action(id: &str, body: &str, owner: &Jar) -> Request<Body> {
    post(&format!("/t/{id}/owner"), body.to_string(), owner)
}

async fn member_rows(app: &TestApp, id: &str) -> Vec<crossroads_server::db::Member> {
    app.state.db.members_with_results(id).await.unwrap().into_iter().map(|(m, _)| m).collect()
}

async fn submit_as(app: &TestApp, id: &str, jar: &mut Jar, answers: &str) -> StatusCode {
    accept(app, &format!("/t/{id}/answer"), jar).await;
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(answers)), jar)).await;
    jar.absorb(&response);
    if status == StatusCode::SEE_OTHER {
        assert_eq!(location(&response), format!("/t/{id}"));
    }
    status
}

#[tokio::test]
async fn the_owner_token_lives_in_a_cookie_and_the_owner_link_leaves_the_address() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Billing platform", false).await;
    let (status, html) = app.send(get(&format!("/t/{id}/owner"), &owner)).await;
    assert_eq!(status, StatusCode::OK);
    let html = body_text(html).await;
    assert!(html.contains(&format!("http://crossroads.test/t/{id}")));
    let start = html.find(&format!("http://crossroads.test/t/{id}/owner/")).expect("the owner link is shown to the owner");
    let link = &html[start + "http://crossroads.test".len()..];
    let link = link[..link.find('"').unwrap()].to_string();
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 22 && token.bytes().all(|b| b.is_ascii_alphanumeric()), "{token}");
    // The owner link, opened in another browser: it asks first; then a cookie,
    // and an address without the token.
    let (status, _) = app.get_response(&link).await;
    assert_eq!(status, StatusCode::OK, "a confirmation, no cookie yet");
    let (status, response) = app.send(post(&link, String::new(), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("/t/{id}/owner"));
    let cookie = crate::support::set_cookies(&response).join("; ");
    assert!(cookie.contains(&token) && response.headers()[header::SET_COOKIE].to_str().unwrap().contains("HttpOnly"));
    let (status, html) = app.get(&format!("/t/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Billing platform"));
    assert!(html.contains("<strong>one</strong>"), "context is markdown");
    assert!(!html.contains(&token), "the team page never shows the owner token");
    // Without the cookie, or with a wrong token, nothing opens and nothing changes.
    assert_eq!(app.get(&format!("/t/{id}/owner/{}", "x".repeat(22))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/t/{id}/owner")).await.0, StatusCode::FORBIDDEN);
    let stranger = Jar(vec![(format!("crossroads_owner_{id}"), "x".repeat(22))]);
    let (status, _) = app.send(owner_action(&id, "action=close", &stranger)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!app.state.db.decision(&id).await.unwrap().unwrap().closed);
}

#[tokio::test]
async fn three_members_disagree_and_the_page_shows_where() {
    let app = TestApp::new().await;
    let (id, _) = create(&app, "Checkout", false).await;
    let revision = app.state.db.decision(&id).await.unwrap().unwrap().revision;
    member_answers(&app, &id, "Ada", &draft(&[("ecosystem", "neutral")])).await;
    member_answers(&app, &id, "Grace", &draft(&[("latency", "realtime")])).await;
    member_answers(&app, &id, "Linus", &draft(&[("latency", "realtime"), ("ecosystem", "neutral")])).await;
    assert!(app.state.db.decision(&id).await.unwrap().unwrap().revision > revision, "the revision moves");
    let (_, html) = app.get(&format!("/t/{id}")).await;
    for name in ["Ada", "Grace", "Linus"] {
        assert!(html.contains(name));
    }
    assert!(html.contains("Team recommendation"));
    assert!(html.contains("Discuss these first"));
    let discuss = &html[html.find("Discuss these first").unwrap()..html.find("Each member").unwrap()];
    assert!(discuss.contains("How sensitive is the system to response time?"), "{discuss}");
    // The live fragment carries the same content without the page frame.
    let (status, fragment) = app.get(&format!("/t/{id}/live")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(fragment.contains("Discuss these first") && !fragment.contains("<html"));
    // Exports.
    let (_, adr) = app.get(&format!("/t/{id}/adr.md")).await;
    assert!(adr.contains(r#"decision-makers: ["Ada", "Grace", "Linus"]"#), "{adr}");
    let (_, json) = app.get(&format!("/api/v1/decisions/{id}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["members"].as_array().unwrap().len(), 3);
    assert!(json["team"]["discuss_first"].as_array().unwrap().len() >= 1);
}

#[tokio::test]
async fn a_member_replaces_their_own_submission_but_never_anyone_elses() {
    let app = TestApp::new().await;
    let (id, _) = create(&app, "Search", false).await;
    let mut ada = member_answers(&app, &id, "Ada", &draft(&[])).await;
    let grace = member_answers(&app, &id, "Grace", &draft(&[])).await;
    let members = member_rows(&app, &id).await;
    let (ada_first, grace_result) = (members[0].assessment_id.clone().unwrap(), members[1].assessment_id.clone().unwrap());

    assert_eq!(submit_as(&app, &id, &mut ada, &draft(&[("teams", "many")])).await, StatusCode::SEE_OTHER);
    let members = member_rows(&app, &id).await;
    assert_eq!(members.len(), 2, "replacing does not add a member");
    assert_ne!(members[0].assessment_id.as_ref().unwrap(), &ada_first);
    assert_eq!(members[1].assessment_id.as_ref().unwrap(), &grace_result);
    assert!(app.state.db.get(&ada_first).await.unwrap().is_some(), "the earlier result stays");

    // Ada forges a cookie naming Grace's member id with Ada's own token: not recognised.
    let ada_cookie = ada.0.iter().find(|(n, _)| n.starts_with("crossroads_member_")).unwrap().clone();
    let ada_token = ada_cookie.1.split_once('.').unwrap().1.to_string();
    let mut forged = Jar(vec![(ada_cookie.0.clone(), format!("{}.{ada_token}", members[1].id))]);
    let (_, response) = app.send(post(&format!("/t/{id}/answer"), String::new(), &forged)).await;
    assert_eq!(location(&response), format!("/t/{id}"), "not a member: sent back to the team page");
    forged.absorb(&response);
    forged.0.push(("crossroads_team".into(), id.clone()));
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(&draft(&[("risk", "high")]))), &forged)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/r/"), "stored as a personal result, not Grace's");
    assert_eq!(member_rows(&app, &id).await[1].assessment_id.as_ref().unwrap(), &grace_result);
    // The private link with a wrong token opens nothing.
    let (status, _) = app.get(&format!("/t/{id}/m/{}/{}", members[1].id, "y".repeat(22))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    drop(grace);
}

#[tokio::test]
async fn the_private_member_link_lets_a_member_continue_elsewhere() {
    let app = TestApp::new().await;
    let (id, _) = create(&app, "Mobile", false).await;
    let ada = member_answers(&app, &id, "Ada", &draft(&[])).await;
    let (_, html) = app.send(get(&format!("/t/{id}"), &ada)).await;
    let html = body_text(html).await;
    let start = html.find(&format!("http://crossroads.test/t/{id}/m/")).expect("private link shown to the member");
    let link = &html[start + "http://crossroads.test".len()..];
    let link = &link[..link.find('"').unwrap()];
    let mut other_browser = Jar::default();
    assert_eq!(accept(&app, link, &mut other_browser).await, StatusCode::SEE_OTHER);
    let (_, html) = app.send(get(&format!("/t/{id}"), &other_browser)).await;
    assert!(body_text(html).await.contains("You joined as Ada."));
}

#[tokio::test]
async fn closed_decisions_accept_nothing_and_the_owner_can_reopen() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Reports", false).await;
    let mut ada = member_answers(&app, &id, "Ada", &draft(&[])).await;
    let (status, _) = app.send(owner_action(&id, "action=close", &owner)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut bob = invited(&app, &id).await;
    let (status, response) = app.send(post(&format!("/t/{id}/join"), "name=Bob".into(), &bob)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body_text(response).await.contains("This decision is closed"));
    // A submission that arrives after closing: 409, kept as Ada's own result, linked.
    let submitted = member_rows(&app, &id).await[0].assessment_id.clone();
    let before = app.state.db.count().await.unwrap();
    ada.0.push(("crossroads_team".into(), id.clone()));
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(&draft(&[("teams", "many")]))), &ada)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let html = body_text(response).await;
    assert!(html.contains("closed before your answers arrived"), "{html}");
    assert_eq!(app.state.db.count().await.unwrap(), before + 1, "the answers are kept as a result");
    let link = &html[html.find("href=\"/r/").unwrap() + 6..];
    let result = &link[3..link.find('"').unwrap()];
    assert_eq!(app.get(&format!("/r/{result}")).await.0, StatusCode::OK);
    assert_eq!(member_rows(&app, &id).await[0].assessment_id, submitted, "the team keeps Ada's earlier submission");
    app.send(owner_action(&id, "action=reopen", &owner)).await;
    assert_eq!(join(&app, &id, "Bob", &mut bob).await, StatusCode::SEE_OTHER);
    let (_, html) = app.send(get(&format!("/t/{id}/owner"), &owner)).await;
    let html = body_text(html).await;
    assert!(html.contains("closed the decision") && html.contains("reopened the decision"), "the history lists owner actions");
}

#[tokio::test]
async fn the_owner_renames_and_deletes_results_survive() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Old title", false).await;
    member_answers(&app, &id, "Ada", &draft(&[])).await;
    let result = member_rows(&app, &id).await[0].assessment_id.clone().unwrap();
    app.send(owner_action(&id, "action=rename&title=New+title", &owner)).await;
    assert!(app.get(&format!("/t/{id}")).await.1.contains("New title"));
    let (status, _) = app.send(owner_action(&id, "action=delete", &owner)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "deleting needs the confirmation");
    let (status, _) = app.send(owner_action(&id, "action=delete&confirm=yes", &owner)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/t/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/r/{result}")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_member_limit_is_enforced_with_a_clear_message() {
    let app = TestApp::with_config(crate::support::content_dir(), |c| c.max_members = 2).await;
    let (id, _) = create(&app, "Small", false).await;
    for name in ["A", "B"] {
        let mut jar = invited(&app, &id).await;
        assert_eq!(join(&app, &id, name, &mut jar).await, StatusCode::SEE_OTHER);
    }
    let (status, response) = app.send(post(&format!("/t/{id}/join"), "name=C".into(), &invited(&app, &id).await)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body_text(response).await.contains("already has 2 members"));
    assert_eq!(member_rows(&app, &id).await.len(), 2);
}

#[tokio::test]
async fn anonymous_decisions_hide_names_everywhere() {
    let app = TestApp::new().await;
    let (id, _) = create(&app, "Anonymous", true).await;
    member_answers(&app, &id, "Secret Sam", &draft(&[])).await;
    let (_, html) = app.get(&format!("/t/{id}")).await;
    assert!(!html.contains("Secret Sam"));
    assert!(html.contains("Member 1"));
    assert!(!app.get(&format!("/t/{id}/adr.md")).await.1.contains("Secret Sam"));
    assert!(!app.get(&format!("/api/v1/decisions/{id}")).await.1.contains("Secret Sam"));
}

#[tokio::test]
async fn user_text_is_escaped_and_length_limited() {
    let app = TestApp::new().await;
    let (id, _) = create(&app, "<script>alert(1)</script>", false).await;
    let (_, html) = app.get(&format!("/t/{id}")).await;
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", "n".repeat(61)), &invited(&app, &id).await)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(response).await.contains("at most 60 characters"));
    let (status, response) = app.send(post("/t", format!("title=&context={}", "c".repeat(4001)), &Jar::default())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_text(response).await;
    assert!(html.contains("must not be empty") && html.contains("at most 4000"));
    member_answers(&app, &id, "<img src=x onerror=alert(1)>", &draft(&[])).await;
    let (_, html) = app.get(&format!("/t/{id}")).await;
    assert!(!html.contains("<img src=x"));
}
