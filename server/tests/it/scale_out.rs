//! Several instances on one database (PostgreSQL when the test run provides
//! one, else one SQLite file): what one creates, the other serves.

use crate::support::{answers_json, body_text, TestApp, STARTUP};
use axum::body::Body;
use crossroads_server::db::{Backend, Joined};
use crossroads_server::text::name_key;
use axum::http::{header, Request, StatusCode};

/// A second instance: its own state, pools and caches, the same database.
async fn instance_beside(first: &TestApp) -> TestApp {
    let url = first.state.config.database_url.clone();
    TestApp::with_config(crate::support::content_dir(), move |c| c.database_url = url).await
}

#[tokio::test]
async fn a_result_created_on_one_instance_opens_on_the_other() {
    let first = TestApp::new().await;
    let second = instance_beside(&first).await;
    let expected = if crate::support::on_postgres() { Backend::Postgres } else { Backend::Sqlite };
    assert_eq!(first.state.db.backend(), expected);
    assert_eq!(second.state.examples, first.state.examples, "examples are seeded once and shared");

    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = first.send(request).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let id = created["id"].as_str().unwrap();

    let (status, json) = second.get(&format!("/api/v1/assessments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), created["result"], "identical content");
    let (status, page) = second.get(&format!("/r/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page_on_first) = first.get(&format!("/r/{id}")).await;
    assert_eq!(crate::support::without_nonces(&page), crate::support::without_nonces(&page_on_first));
}

fn joined(outcome: Joined) -> crossroads_server::db::Member {
    match outcome {
        Joined::Member(member, _) => member,
        other => panic!("not joined: {other:?}"),
    }
}

#[tokio::test]
async fn team_decisions_are_shared_between_instances() {
    let first = TestApp::new().await;
    let second = instance_beside(&first).await;
    let (decision, _owner) = first.state.db.create_decision("Shared", "", false, None).await.unwrap();
    let ada = joined(second.state.db.join(&decision.id, "Ada", None, 10, name_key).await.unwrap());
    let grace = joined(first.state.db.join(&decision.id, "Grace", None, 10, name_key).await.unwrap());
    let names: Vec<String> = second.state.db.members_with_results(&decision.id).await.unwrap().into_iter().map(|(m, _)| m.name).collect();
    assert_eq!(names, ["Ada", "Grace"], "join order is kept");
    assert_eq!([ada.name, grace.name], ["Ada", "Grace"]);
    let (status, page) = second.get(&format!("/t/{}", decision.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("2 of at most"), "the other instance counts both members");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_joins_on_two_instances_never_exceed_the_member_limit() {
    let first = TestApp::new().await;
    let second = instance_beside(&first).await;
    let (decision, _) = first.state.db.create_decision("Crowded", "", false, None).await.unwrap();
    let mut joins = Vec::new();
    for n in 0..24 {
        let db = if n % 2 == 0 { first.state.db.clone() } else { second.state.db.clone() };
        let id = decision.id.clone();
        joins.push(tokio::spawn(async move { matches!(db.join(&id, &format!("Member {n}"), None, 5, name_key).await.unwrap(), Joined::Member(..)) }));
    }
    let mut admitted = 0;
    for join in joins {
        admitted += usize::from(join.await.unwrap());
    }
    assert_eq!(admitted, 5);
    assert_eq!(first.state.db.member_count(&decision.id).await.unwrap(), 5);
}
