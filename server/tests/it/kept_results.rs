//! Results known to exist are answered from memory (a page, its `304 Not
//! Modified`, the API), yet a deleted or purged one answers 410 (or 404) at
//! once: kept pages, conditional requests with the old ETag and cards too.

use crate::support::{answers_json, body_text, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::time::Duration;

async fn created(app: &TestApp) -> (String, String) {
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = app.send(request).await;
    assert_eq!(status, StatusCode::CREATED);
    let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    (json["id"].as_str().unwrap().to_string(), json["delete_token"].as_str().unwrap().to_string())
}

/// On PostgreSQL results are kept only once the instance hears deletions.
async fn hearing(app: &TestApp) {
    for _ in 0..250 {
        if app.state.known.ticket().is_some() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the instance never started hearing deletions");
}

async fn conditional(app: &TestApp, path: &str, etag: &str) -> StatusCode {
    app.send(Request::get(path).header(header::IF_NONE_MATCH, etag).body(Body::empty()).unwrap()).await.0
}

#[tokio::test]
async fn a_known_result_is_answered_without_a_query_even_a_304() {
    let app = TestApp::new().await;
    hearing(&app).await;
    let (id, _) = created(&app).await;
    let page = format!("/r/{id}");
    let (status, first) = app.get_response(&page).await;
    assert_eq!(status, StatusCode::OK);
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();

    let before = app.state.db.uses();
    assert_eq!(app.get(&page).await.0, StatusCode::OK);
    assert_eq!(conditional(&app, &page, &etag).await, StatusCode::NOT_MODIFIED);
    assert_eq!(app.get(&format!("/api/v1/assessments/{id}")).await.0, StatusCode::OK);
    assert_eq!(app.get_response(&format!("/r/{id}/card.png")).await.0, StatusCode::OK);
    assert_eq!(app.state.db.uses(), before, "a known result's page, 304, JSON and card asked storage nothing");
}

#[tokio::test]
async fn a_deleted_result_answers_410_at_once_from_a_kept_page_and_to_its_old_etag() {
    let app = TestApp::new().await;
    hearing(&app).await;
    let (id, token) = created(&app).await;
    let page = format!("/r/{id}");
    for _ in 0..2 {
        assert_eq!(app.get(&page).await.0, StatusCode::OK);
    }
    let (_, response) = app.get_response(&page).await;
    let etag = response.headers()[header::ETAG].to_str().unwrap().to_string();
    assert_eq!(conditional(&app, &page, &etag).await, StatusCode::NOT_MODIFIED);
    assert_eq!(app.get_response(&format!("/r/{id}/card.png")).await.0, StatusCode::OK);

    let delete = Request::delete(format!("/api/v1/assessments/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(delete).await.0, StatusCode::NO_CONTENT);

    assert_eq!(app.get(&page).await.0, StatusCode::GONE, "the kept page is not served");
    assert_eq!(conditional(&app, &page, &etag).await, StatusCode::GONE, "the old ETag gets 410, not 304");
    assert_eq!(app.get(&format!("/api/v1/assessments/{id}")).await.0, StatusCode::GONE);
    assert_eq!(app.get_response(&format!("/r/{id}/card.png")).await.0, StatusCode::GONE);
}

#[tokio::test]
async fn a_purged_result_is_forgotten_at_once() {
    let app = TestApp::new().await;
    hearing(&app).await;
    let (id, _) = created(&app).await;
    let page = format!("/r/{id}");
    assert_eq!(app.get(&page).await.0, StatusCode::OK);
    let before = app.state.db.uses();
    assert_eq!(app.get(&page).await.0, StatusCode::OK);
    assert_eq!(app.state.db.uses(), before, "kept");
    // What the hourly retention does.
    let removed = crossroads_server::services::results::purge(&app.state, "9999-01-01T00:00:00Z").await.map_err(|e| e.to_string()).unwrap();
    assert!(removed.contains(&id));
    assert_eq!(app.get(&page).await.0, StatusCode::NOT_FOUND, "purged: no longer there");
}
