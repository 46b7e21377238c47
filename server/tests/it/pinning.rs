//! Version pinning: a result renders from its snapshot even after the
//! questionnaire changes, and can be re-scored with the current one.



use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_server::config::Config;
use crossroads_server::state::AppState;
use crate::support::{body_text, content_copy};

#[tokio::test]
async fn a_result_renders_identically_after_the_questionnaire_changes() {
    let content = content_copy();
    let data = tempfile::tempdir().unwrap();
    let config = Config::for_tests(content.path().to_path_buf(), data.path());
    let state = AppState::load(config.clone()).await.unwrap();
    let version = state.content.questionnaire.version.clone();
    let router = crossroads_server::routes::router(state);
    let answers = r#"{"answers":{"stage":"new","lifetime":"experiment","complexity":"simple","growth":"stable","teams":"one","team_size":"small","ops":"none","experience":"none","tech_diversity":"one_stack","load_shape":"variable","scaling_differences":"alike","latency":"tolerant","availability":"tolerant","state":"stateless","deployment":"together","budget":"tight","cost_model":["usage"],"lock_in":"comfortable","compliance":"none","runtime":"mainstream","legacy":"none","time_to_market":"urgent","control":"hands_off","ecosystem":"important","tech_debt":"simplicity","risk":"moderate"}}"#;
    let req = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(answers)).unwrap();
    let response = tower::ServiceExt::oneshot(router.clone(), req).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let id = serde_json::from_str::<serde_json::Value>(&body_text(response).await).unwrap()["id"].as_str().unwrap().to_string();
    let get = |path: String| Request::get(path).body(Body::empty()).unwrap();
    let before = body_text(tower::ServiceExt::oneshot(router.clone(), get(format!("/r/{id}"))).await.unwrap()).await;

    // New questionnaire: a weight changes and the version is bumped.
    let path = content.path().join("questionnaire.toml");
    let source = std::fs::read_to_string(&path).unwrap()
        .replace(&format!("version = \"{version}\""), "version = \"2099.1.0\"")
        .replace("{ candidate = \"monolith\", points = 3, because = \"An experiment needs speed and simplicity, not structure.\" }",
                 "{ candidate = \"monolith\", points = -9, because = \"Changed weight.\" }");
    std::fs::write(&path, source).unwrap();
    let state = AppState::load(config).await.unwrap();
    let router = crossroads_server::routes::router(state);
    let after = body_text(tower::ServiceExt::oneshot(router.clone(), get(format!("/r/{id}"))).await.unwrap()).await;

    let main = |html: &str| {
        let page = crate::support::without_nonces(html);
        page[page.find("<main").unwrap()..page.find("</main>").unwrap()].to_string()
    };
    // Everything below the header (chart, scores, tipping points, answers) must be identical.
    let body = |html: String| html[html.find("<div class=\"result-grid\"").unwrap()..].to_string();
    assert!(after.contains(&format!("version {version}")));
    assert!(after.contains("the current version is 2099.1.0"));
    assert_eq!(body(main(&before)), body(main(&after)), "the result itself is unchanged");
    assert!(!before.contains("the current version is"));
    assert!(after.contains("Monolith on serverless functions"));

    // Re-score: a new result with the new weights, linked to the old one.
    let response = tower::ServiceExt::oneshot(router.clone(), Request::post(format!("/r/{id}/rescore")).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    assert!(location.ends_with(&format!("?from={id}")));
    let rescored = body_text(tower::ServiceExt::oneshot(router, get(location)).await.unwrap()).await;
    assert!(rescored.contains("Re-scored with the current questionnaire"));
    assert!(rescored.contains("<h1>Modular monolith on serverless functions</h1>"), "the changed weight changes the winner");
}
