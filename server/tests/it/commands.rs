//! The maintenance commands refuse what the server refuses.

use crate::support::{answers_json, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_server::cli::{run_command, Command};

#[tokio::test]
async fn purge_refuses_zero_days_as_the_server_does() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::CREATED);
    let before = app.state.db.counts().await.unwrap();
    for dry_run in [false, true] {
        let error = run_command(&app.state.config, Command::Purge { older_than: 0, dry_run }).await.unwrap_err();
        assert!(error.contains("--older-than") && error.contains("must be at least 1"), "{error}");
    }
    assert_eq!(app.state.db.counts().await.unwrap(), before, "nothing removed");
    assert!(run_command(&app.state.config, Command::Purge { older_than: 1, dry_run: true }).await.is_ok());
}
