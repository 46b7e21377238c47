//! The server's basic promises: pages, probes, 404s, static files.



use axum::http::StatusCode;
use crate::support::TestApp;

#[tokio::test]
async fn home_page_is_server_rendered() {
    let app = TestApp::new().await;
    let (status, html) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Decide how to structure and run your system</h1>"));
    assert!(html.contains(r#"<meta property="og:url" content="http://crossroads.test/">"#));
}

#[tokio::test]
async fn probes_answer() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await, (StatusCode::OK, "ok".to_string()));
    assert_eq!(app.get("/readyz").await, (StatusCode::OK, "ready".to_string()));
}

#[tokio::test]
async fn unknown_paths_get_a_styled_404() {
    let app = TestApp::new().await;
    for path in ["/nope", "/guide/nope", "/pkg/missing.js", "/a/b/c"] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        if !path.starts_with("/pkg") {
            assert!(html.contains("Page not found"), "{path}");
            assert!(html.contains("site-header"), "{path} should use the page frame");
        }
    }
}

#[tokio::test]
async fn the_database_file_and_its_folder_are_created_on_first_run() {
    let data = tempfile::tempdir().unwrap();
    let nested = data.path().join("a/b");
    let config = crossroads_server::config::Config::for_tests(crate::support::content_dir(), &nested);
    crossroads_server::state::AppState::load(config).await.unwrap();
    assert!(nested.join("crossroads.db").is_file());
}

#[tokio::test]
async fn the_home_page_shows_stored_example_results() {
    let app = TestApp::new().await;
    let (_, html) = app.get("/").await;
    assert_eq!(app.state.examples.len(), 3);
    for example in app.state.examples.iter() {
        assert!(html.contains(&format!("href=\"/r/{}\"", example.id)));
        let (status, page) = app.get(&format!("/r/{}", example.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&example.headline));
    }
    // Seeding again (a restart) neither fails nor duplicates.
    let again = crossroads_server::examples::seed(&app.state.config, &app.state.content.questionnaire, &app.state.content.examples, &app.state.db).await.unwrap();
    assert_eq!(again.len(), 3);
    assert_eq!(app.state.db.count().await.unwrap(), 3);
}

#[tokio::test]
async fn a_bad_database_url_stops_start_up_with_the_cause_and_without_the_password() {
    let data = tempfile::tempdir().unwrap();
    let start = |url: &str| {
        let mut config = crossroads_server::config::Config::for_tests(crate::support::content_dir(), data.path());
        config.database_url = url.to_string();
        async move {
            let url = config.database_url.clone();
            match crossroads_server::state::AppState::load(config).await {
                Ok(_) => panic!("{url} should not start"),
                Err(e) => e.to_string(),
            }
        }
    };
    let refused = start("postgres://app:s3cret@127.0.0.1:1/crossroads").await;
    assert!(refused.contains("postgres://app:***@127.0.0.1:1/crossroads"), "{refused}");
    assert!(refused.contains("refused"), "{refused}");
    assert!(!refused.contains("s3cret"), "{refused}");
    let unsupported = start("mysql://db/crossroads").await;
    assert!(unsupported.contains("unsupported database URL"), "{unsupported}");
}
