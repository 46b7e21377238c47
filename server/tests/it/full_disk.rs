//! A full disk: every write answered 201 (or reported done) is stored, the
//! writes that cannot be stored get 507 within a second, readiness says so,
//! reads keep working, and writes resume once space is freed. SQLite's
//! `max_page_count` fails writes with the same `SQLITE_FULL` a full disk
//! gives; the real filesystem case is `server/tests/full_disk.py`.

use crate::support::{answers_json, body_text, content_dir, on_postgres, post, Jar, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sqlx::Row;
use std::time::{Duration, Instant};

fn create() -> Request<Body> {
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()
}

/// Pages the app's SQLite file holds now, read over a connection of its own.
async fn pages(app: &TestApp) -> u32 {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&app.state.config.database_url).await.unwrap();
    let row = sqlx::query("PRAGMA page_count").fetch_one(&mut connection).await.unwrap();
    row.try_get::<i64, _>(0).unwrap() as u32
}

/// Posts results, eight at a time, until every one of a round is refused.
/// Returns the acknowledged results (id, JSON, delete token) and the refusals' statuses.
async fn fill(app: &TestApp) -> (Vec<(String, serde_json::Value, String)>, Vec<StatusCode>) {
    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    for _round in 0..200 {
        let requests = (0..8).map(|_| async {
            let started = Instant::now();
            let (status, response) = app.send(create()).await;
            let retry_after = response.headers().get(header::RETRY_AFTER).is_some();
            let body = body_text(response).await;
            (status, started.elapsed(), retry_after, body)
        });
        // Polled together, so the writes share group commits.
        let answers = futures::future::join_all(requests).await;
        let mut refused_this_round = 0;
        for (status, took, retry_after, body) in answers {
            assert!(took < Duration::from_secs(1), "a write took {took:?} ({status})");
            match status {
                StatusCode::CREATED => {
                    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
                    acknowledged.push((json["id"].as_str().unwrap().to_string(), json["result"].clone(), json["delete_token"].as_str().unwrap().to_string()));
                }
                StatusCode::INSUFFICIENT_STORAGE => {
                    assert!(retry_after, "a 507 says when to retry");
                    assert!(body.contains("out of storage space"), "{body}");
                    refused_this_round += 1;
                    refused.push(status);
                }
                other => panic!("a write while filling answered {other}: {body}"),
            }
        }
        if refused_this_round == 8 {
            return (acknowledged, refused);
        }
    }
    panic!("the database never filled up");
}

async fn every_result_reads_back(app: &TestApp, acknowledged: &[(String, serde_json::Value, String)]) {
    for (id, result, _) in acknowledged {
        let (status, body) = app.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(status, StatusCode::OK, "acknowledged result {id} is missing");
        assert_eq!(&serde_json::from_str::<serde_json::Value>(&body).unwrap(), result, "result {id} changed");
    }
}

#[tokio::test]
async fn a_full_database_refuses_writes_fast_and_loses_nothing_acknowledged() {
    if on_postgres() {
        eprintln!("skipped on PostgreSQL: its disk cannot be filled from a test; the SQLite run covers the write path");
        return;
    }
    // Start once to learn the size of an empty, migrated database with its
    // examples, then again with room for a few dozen results only.
    let app = TestApp::new().await;
    let empty = pages(&app).await;
    let data = app.into_data();
    let app = TestApp::on_data(data, content_dir(), |config| config.sqlite_max_pages = Some(empty + 200)).await;

    // Ballast to free space with later: results whose creator may delete them.
    let mut ballast = Vec::new();
    for _ in 0..4 {
        let (status, response) = app.send(create()).await;
        assert_eq!(status, StatusCode::CREATED);
        let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        ballast.push((json["id"].as_str().unwrap().to_string(), json["delete_token"].as_str().unwrap().to_string()));
    }

    let (acknowledged, refused) = fill(&app).await;
    assert!(acknowledged.len() >= 4 && !refused.is_empty(), "{} stored, {} refused", acknowledged.len(), refused.len());

    // While full: readiness says why, reads work, every other write path refuses cleanly.
    let (status, body) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("out of storage") && body.contains("crossroads.db"), "{body}");
    every_result_reads_back(&app, &acknowledged).await;
    let (status, _) = app.get(&format!("/r/{}", acknowledged[0].0)).await;
    assert_eq!(status, StatusCode::OK, "result pages still render");
    // Team decisions are small: fill what room is left with them too. Each
    // is either created (and stays) or refused whole, within a second.
    let long_context = crate::support::enc(&"Why we decide. ".repeat(250));
    let mut created_decisions = 0;
    let mut refused_decision = None;
    for n in 0..500 {
        let started = Instant::now();
        let (status, response) = app.send(post("/t", format!("title=Full+disk+{n}&context={long_context}"), &Jar::default())).await;
        assert!(started.elapsed() < Duration::from_secs(1), "creating a decision took {:?}", started.elapsed());
        match status {
            StatusCode::SEE_OTHER => created_decisions += 1,
            StatusCode::INSUFFICIENT_STORAGE => {
                refused_decision = Some(body_text(response).await);
                break;
            }
            other => panic!("creating a decision while full answered {other}: {}", body_text(response).await),
        }
    }
    let page = refused_decision.expect("a decision is refused once nothing fits");
    assert!(page.contains("out of storage space"), "the page says why: {page}");
    let decisions = app.state.db.counts().await.unwrap().decisions;
    assert_eq!(decisions, created_decisions, "every decision reported created exists, and no refused one was half-written");

    // Free space (the creator deletes the ballast): writes resume by themselves.
    for (id, token) in &ballast {
        let request = Request::delete(format!("/api/v1/assessments/{id}")).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
        let (status, response) = app.send(request).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "deleting frees space even when full: {}", body_text(response).await);
    }
    let (status, body) = app.get("/readyz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"), "readiness recovers by itself");
    let (status, response) = app.send(create()).await;
    assert_eq!(status, StatusCode::CREATED, "{}", body_text(response).await);

    // A clean restart without the limit: everything acknowledged is there.
    let data = app.into_data();
    let app = TestApp::on_data(data, content_dir(), |_| {}).await;
    every_result_reads_back(&app, &acknowledged).await;
    assert_eq!(app.state.db.counts().await.unwrap().decisions, created_decisions);
    let (status, _) = app.send(create()).await;
    assert_eq!(status, StatusCode::CREATED);
}
