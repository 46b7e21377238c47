//! Data a company can remove: a creator deletes their result (410 Gone after),
//! retention purges old results that no open decision uses, and the commands
//! say clearly when they cannot work.

use crate::support::{answers_json, body_text, draft, Jar, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_server::cli::{run_command, Command};

fn api_create() -> Request<Body> {
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()
}

async fn created(app: &TestApp) -> (String, String) {
    let (status, response) = app.send(api_create()).await;
    assert_eq!(status, StatusCode::CREATED);
    let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    (json["id"].as_str().unwrap().to_string(), json["delete_token"].as_str().unwrap().to_string())
}

fn delete(id: &str, token: Option<&str>) -> Request<Body> {
    let request = Request::delete(format!("/api/v1/assessments/{id}"));
    let request = match token {
        Some(token) => request.header(header::AUTHORIZATION, format!("Bearer {token}")),
        None => request,
    };
    request.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_browser_that_made_a_result_may_delete_it_and_its_link_answers_410() {
    let app = TestApp::new().await;
    let form = format!("answers={}", form_urlencoded::byte_serialize(draft(&[]).as_bytes()).collect::<String>());
    let request = Request::post("/assessments").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
    let (status, response) = app.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    let id = location.trim_start_matches("/r/").to_string();
    let cookie = response.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).find(|c| c.starts_with("crossroads_mine=")).expect("a delete cookie");
    assert!(cookie.contains(&format!("Path=/r/{id}")) && cookie.contains("HttpOnly"), "{cookie}");
    let mut mine = Jar::default();
    mine.absorb(&response);

    // Everyone else sees the shared page without the button; the creator sees it.
    let (_, page) = app.get(&location).await;
    assert!(!page.contains(&format!("/r/{id}/delete")));
    let (_, page) = app.send(Request::get(&location).header(header::COOKIE, mine.header()).body(Body::empty()).unwrap()).await;
    assert!(body_text(page).await.contains(&format!("/r/{id}/delete")));

    let post = |jar: &Jar, body: &str| {
        Request::post(format!("/r/{id}/delete"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, jar.header())
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    assert_eq!(app.send(post(&Jar::default(), "confirm=yes")).await.0, StatusCode::FORBIDDEN, "someone else cannot");
    assert_eq!(app.send(post(&mine, "")).await.0, StatusCode::UNPROCESSABLE_ENTITY, "the confirmation is needed");
    assert_eq!(app.get(&location).await.0, StatusCode::OK, "still there");
    let (status, _) = app.send(post(&mine, "confirm=yes")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = app.get(&location).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("deleted by the person who created it"));
    assert_eq!(app.get(&format!("/api/v1/assessments/{id}")).await.0, StatusCode::GONE);
    assert_eq!(app.get(&format!("/r/{id}/adr.md")).await.0, StatusCode::GONE);
    assert_eq!(app.send(post(&mine, "confirm=yes")).await.0, StatusCode::GONE, "deleting twice: 410, never 500");
}

#[tokio::test]
async fn an_api_client_deletes_with_the_token_from_the_201() {
    let app = TestApp::new().await;
    let (id, token) = created(&app).await;
    let (other, _) = created(&app).await;
    assert_eq!(app.send(delete(&id, None)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.send(delete(&id, Some(&"x".repeat(22)))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.send(delete("AAAAAAAAAAAA", Some(&token))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(delete(&id, Some(&token))).await.0, StatusCode::NO_CONTENT);
    let (status, response) = app.send(delete(&id, Some(&token))).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(
        problem,
        serde_json::json!({
            "type": "about:blank",
            "title": "Deleted",
            "status": 410,
            "detail": format!("The result “{id}” was deleted by the person who created it."),
        }),
        "deleting twice says it was deleted"
    );
    assert_eq!(app.get(&format!("/r/{other}")).await.0, StatusCode::OK, "only that result");
}

/// What retention inside the server does: purge, and forget what is kept.
async fn purge(app: &TestApp, cutoff: &str) -> usize {
    crossroads_server::services::results::purge(&app.state, cutoff).await.map_err(|e| e.to_string()).unwrap().len()
}

#[tokio::test]
async fn retention_removes_old_results_but_keeps_examples_and_open_decisions_answers() {
    let app = TestApp::new().await;
    let (free, _) = created(&app).await;
    // A member's answers in an open decision.
    let (decision, _) = app.state.db.create_decision("Open", "", false, None).await.unwrap();
    let crossroads_server::db::Joined::Member(member, _) =
        app.state.db.join(&decision.id, "Ada", None, 10, crossroads_server::text::name_key).await.unwrap()
    else {
        panic!("joined")
    };
    let (teamed, _) = created(&app).await;
    app.state.db.submit(&decision.id, &member.id, &teamed).await.unwrap();

    // Everything is "older" than a cutoff in the future.
    let future = "2999-01-01T00:00:00Z";
    assert_eq!(app.state.db.purge(future, true).await.unwrap().len(), 1, "a dry run counts the free result only");
    assert_eq!(app.get(&format!("/r/{free}")).await.0, StatusCode::OK, "a dry run removes nothing");
    assert_eq!(purge(&app, future).await, 1);
    assert_eq!(app.get(&format!("/api/v1/assessments/{free}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/r/{teamed}")).await.0, StatusCode::OK, "an open decision keeps its answers");
    for example in app.state.examples.iter() {
        assert_eq!(app.get(&format!("/r/{}", example.id)).await.0, StatusCode::OK, "examples are kept");
    }
    // Once the decision is closed, its answers may go too; the decision stays.
    app.state.db.set_closed(&decision.id, true).await.unwrap();
    assert_eq!(purge(&app, future).await, 1);
    assert_eq!(app.get(&format!("/r/{teamed}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/t/{}", decision.id)).await.0, StatusCode::OK);
    assert_eq!(purge(&app, "1970-01-01T00:00:00Z").await, 0, "nothing is older than 1970");
}

#[tokio::test]
async fn commands_against_an_unreachable_database_fail_clearly() {
    let mut config = crossroads_server::config::Config::for_tests(crate::support::content_dir(), std::path::Path::new("unused"));
    config.database_url = "postgres://crossroads:secret@127.0.0.1:1/crossroads".into();
    // The message names the database, without its password, and why it failed.
    let prefix = "database postgres://crossroads:***@127.0.0.1:1/crossroads: ";
    let purge = run_command(&config, Command::Purge { older_than: 30, dry_run: false }).await.unwrap_err();
    assert!(purge.starts_with(prefix), "{purge}");
    assert!(purge[prefix.len()..].contains("Connection refused"), "{purge}");
    assert!(!purge.contains("secret"), "no password in messages: {purge}");
    // A backup fails the same way, before it writes anything.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let backup = run_command(&config, Command::Backup { file: file.clone() }).await.unwrap_err();
    assert_eq!(backup, purge);
    assert!(!file.exists(), "nothing was written");
}

#[tokio::test]
async fn a_backup_is_a_sqlite_file_with_the_results() {
    if crate::support::on_postgres() {
        return; // PostgreSQL is backed up with its own tools (README).
    }
    let app = TestApp::new().await;
    let (id, _) = created(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    app.state.db.backup(&file).await.unwrap();
    assert!(app.state.db.backup(&file).await.unwrap_err().contains("exists already"), "never overwrites");
    let copy = crossroads_server::db::Database::open(&format!("sqlite://{}", file.display()), crossroads_server::db::OpenOptions::new(std::time::Duration::from_secs(5))).await.unwrap();
    assert!(copy.get(&id).await.unwrap().is_some(), "the copy holds the result");
}
