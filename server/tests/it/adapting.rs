//! Content is data: a company adds a fourth execution candidate and a question
//! that favours it, in its own content folder, and every output shows it with
//! no code change.

use crate::support::{answers_json, body_text, content_copy, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

const PLATFORM: &str = r#"
[[candidates]]
id = "company-platform"
axis = "execution"
label = "Company platform"
short = "Platform"
summary = "The company's own internal platform: deployment, scaling and on-call run by a platform team."
guide = "organisation-vs-execution#the-execution-axis"
"#;

const QUESTION: &str = r#"
[[questions]]
id = "platform_team"
section = "priorities"
prompt = "Does a platform team offer you a ready way to deploy and run services?"
help = "Some companies run an internal platform with deployment, scaling and on-call included."
guide = "factors#infrastructure-management"
kind = "single"
required = false
revisit = "the company's platform becomes {to}"

[[questions.options]]
id = "yes"
label = "Yes, and it is supported"
points = [
  { candidate = "company-platform", points = 30, because = "A supported internal platform takes the operations work off the team." },
]

[[questions.options]]
id = "no"
label = "No"
points = [
  { candidate = "company-platform", points = -9, because = "Without a platform team there is nothing to run on." },
]
"#;

/// The shipped content with the candidate and the question added, as a
/// company would change its copy. The question's points are decisive on
/// purpose, so the new candidate wins and the outputs must show a winner that
/// no code knows.
fn company_content() -> tempfile::TempDir {
    let dir = content_copy();
    let path = dir.path().join("questionnaire.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    // The candidate goes after the last candidate, the question at the end.
    let at = source.find("\n[[sections]]").expect("candidates come before sections");
    let source = format!("{}{PLATFORM}{}{QUESTION}", &source[..at], &source[at..]).replace("version = \"", "version = \"company-");
    std::fs::write(&path, source).unwrap();
    dir
}

#[tokio::test]
async fn a_fourth_candidate_shows_in_the_wizard_the_page_the_adr_and_the_json() {
    let content = company_content();
    let app = TestApp::with_content(content.path().to_path_buf()).await;
    let (status, wizard) = app.get("/wizard/priorities").await;
    assert_eq!(status, StatusCode::OK);
    assert!(wizard.contains("Does a platform team offer you a ready way"), "the wizard asks the new question");

    let mut answers = answers_json(STARTUP);
    answers["platform_team"] = serde_json::json!("yes");
    let body = serde_json::json!({ "answers": answers }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = app.send(request).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let id = created["id"].as_str().unwrap();
    let execution = created["result"]["snapshot"]["assessment"]["axes"].as_array().unwrap().iter().find(|a| a["axis"] == "execution").unwrap().clone();
    assert_eq!(execution["scores"].as_array().unwrap().len(), 4, "four execution candidates in the JSON");
    assert_eq!(execution["winner"], "company-platform");

    let (_, page) = app.get(&format!("/r/{id}")).await;
    assert!(page.contains("Company platform"), "the result page names it");
    let chart = &page[page.find("class=\"axis-chart\"").expect("a chart")..page.find("</svg>").unwrap()];
    assert_eq!(chart.matches("class=\"axis-label\"").count(), 3 + 4, "three columns and four rows: {chart}");
    assert!(chart.contains(">Platform</text>"), "the row uses the short label from the content");
    assert!(page.contains("Revisit if the company&#x27;s platform becomes") || page.contains("Revisit if the company's platform becomes"), "the trigger comes from the content's sentence");

    let (_, adr) = app.get(&format!("/r/{id}/adr.md")).await;
    assert!(adr.contains("* Company platform (execution)"), "the ADR lists it among the options");
    assert!(adr.contains("company platform)?"), "the ADR's question names the content's candidates: {adr}");
    let (_, home) = app.get("/").await;
    assert!(home.contains("Company platform"), "the home page lists the content's candidates");
}
