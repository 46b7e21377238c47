//! The guide: every page renders, links hold, content errors stop the start-up.



use axum::http::StatusCode;
use crossroads_server::config::Config;
use crossroads_server::state::AppState;
use crate::support::{content_copy, TestApp};

#[tokio::test]
async fn the_index_lists_every_page_and_every_page_renders() {
    let app = TestApp::new().await;
    let (status, index) = app.get("/guide").await;
    assert_eq!(status, StatusCode::OK);
    let slugs: Vec<String> = app.state.content.guide.pages().iter().map(|p| p.slug.clone()).collect();
    assert_eq!(slugs.len(), 13);
    for slug in &slugs {
        assert!(index.contains(&format!("href=\"/guide/{slug}\"")), "index links {slug}");
        let (status, html) = app.get(&format!("/guide/{slug}")).await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        assert!(html.contains("class=\"prose\""), "{slug}");
        assert!(html.contains("<meta name=\"description\""), "{slug}");
        assert!(html.contains("aria-current=\"page\""), "{slug} marks itself in the navigation");
    }
}

#[tokio::test]
async fn tables_come_out_as_tables() {
    let app = TestApp::new().await;
    let (_, html) = app.get("/guide/pros-and-cons").await;
    assert_eq!(html.matches("<table>").count(), 2);
    assert!(html.contains("<th>"));
    assert!(html.contains("<tbody>"));
}

#[tokio::test]
async fn pages_have_anchors_contents_and_previous_next() {
    let app = TestApp::new().await;
    let (_, html) = app.get("/guide/factors").await;
    assert!(html.contains("<h2 id=\"latency-sensitivity\">"));
    assert!(html.contains("href=\"#latency-sensitivity\""));
    assert!(html.contains("rel=\"prev\""));
    assert!(html.contains("rel=\"next\""));
    let (_, first) = app.get("/guide/serverless").await;
    assert!(!first.contains("rel=\"prev\""));
}

/// Loads a broken copy of the content and returns the start-up error.
async fn start_with(change: impl FnOnce(&std::path::Path)) -> String {
    let content = content_copy();
    change(content.path());
    let data = tempfile::tempdir().unwrap();
    match AppState::load(Config::for_tests(content.path().to_path_buf(), data.path())).await {
        Ok(_) => panic!("broken content must not load"),
        Err(e) => e.to_string(),
    }
}

fn edit(dir: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} contains {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[tokio::test]
async fn a_missing_front_matter_field_names_the_file() {
    let error = start_with(|d| edit(d, "guide/07-cost.md", "order = 7\n", "")).await;
    assert!(error.contains("07-cost.md"), "{error}");
    assert!(error.contains("order"), "{error}");
}

#[tokio::test]
async fn a_duplicate_slug_names_both_files() {
    let error = start_with(|d| edit(d, "guide/08-flexibility.md", "slug = \"flexibility\"", "slug = \"cost\"")).await;
    assert!(error.contains("08-flexibility.md"), "{error}");
    assert!(error.contains("07-cost.md"), "{error}");
}

#[tokio::test]
async fn a_broken_internal_link_names_the_file_and_line() {
    let error = start_with(|d| edit(d, "guide/12-faq.md", "(/wizard/constraints#q-runtime)", "(/guide/nowhere)")).await;
    assert!(error.contains("12-faq.md:"), "{error}");
    assert!(error.contains("/guide/nowhere"), "{error}");
    let line: usize = error.split("12-faq.md:").nth(1).unwrap().split(':').next().unwrap().parse().unwrap();
    let source = std::fs::read_to_string(crate::support::content_dir().join("guide/12-faq.md")).unwrap();
    assert!(source.lines().nth(line - 1).unwrap().contains("#q-runtime"), "line {line} is the link's line");
}

#[tokio::test]
async fn a_link_to_an_unknown_question_is_caught() {
    let error = start_with(|d| edit(d, "guide/12-faq.md", "#q-runtime", "#q-nothing")).await;
    assert!(error.contains("no question \"nothing\""), "{error}");
}

#[tokio::test]
async fn raw_html_in_content_is_refused() {
    let error = start_with(|d| edit(d, "guide/12-faq.md", "## How do", "<script>alert(1)</script>\n\n## How do")).await;
    assert!(error.contains("12-faq.md"), "{error}");
    assert!(error.contains("raw HTML"), "{error}");
}

#[tokio::test]
async fn a_questionnaire_reference_to_a_missing_heading_is_caught() {
    let error = start_with(|d| edit(d, "questionnaire.toml", "guide = \"factors#risk-tolerance\"", "guide = \"factors#appetite\"")).await;
    assert!(error.contains("questionnaire.toml:"), "{error}");
    assert!(error.contains("question \"risk\""), "{error}");
}

#[tokio::test]
async fn a_questionnaire_error_names_file_line_and_question() {
    let error = start_with(|d| edit(d, "questionnaire.toml", "candidate = \"servers\", points = 3", "candidate = \"mainframe\", points = 3")).await;
    assert!(error.contains("questionnaire.toml:"), "{error}");
    assert!(error.contains("unknown candidate \"mainframe\""), "{error}");
    assert!(error.contains("question \"compliance\""), "{error}");
}
