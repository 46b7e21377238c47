//! The guide carries every fact of the source articles: a checklist kept as data
//! (`guide_facts.toml`) is checked against each page's rendered text.



use serde::Deserialize;
use crate::support::TestApp;
use axum::http::StatusCode;

#[derive(Deserialize)]
struct Checklist {
    facts: Vec<Fact>,
}

#[derive(Deserialize)]
struct Fact {
    page: String,
    fact: String,
    phrases: Vec<String>,
}

/// Rendered HTML as plain, lower-case text with straight quotes.
fn text_of(html: &str) -> String {
    let text = crate::support::markup_text(html);
    text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace(['’', '‘'], "'").replace(['“', '”'], "\"").to_lowercase()
}

/// The checklist's facts missing from the guide, given each page's text.
fn missing(checklist: &Checklist, text: impl Fn(&str) -> String) -> Vec<String> {
    let mut missing = Vec::new();
    for fact in &checklist.facts {
        let text = text(&fact.page);
        for phrase in &fact.phrases {
            if !text.contains(&phrase.to_lowercase()) {
                missing.push(format!("{}: {} — missing \"{phrase}\"", fact.page, fact.fact));
            }
        }
    }
    missing
}

fn checklist() -> Checklist {
    toml::from_str(include_str!("guide_facts.toml")).unwrap()
}

/// Each guide page's text as the checklist reads it: its title and its
/// rendered body.
fn page_text(app: &TestApp, slug: &str) -> String {
    let page = app.state.content.guide.page(slug).unwrap_or_else(|| panic!("page {slug}"));
    text_of(&format!("{} {}", page.title, page.html))
}

#[tokio::test]
async fn every_fact_of_the_sources_is_in_the_guide() {
    let checklist = checklist();
    let app = TestApp::new().await;
    let missing = missing(&checklist, |slug| page_text(&app, slug));
    assert!(missing.is_empty(), "facts missing from the guide:\n{}", missing.join("\n"));
    assert!(checklist.facts.len() >= 40);
}

#[tokio::test]
async fn the_checklist_catches_a_phrase_missing_from_a_real_page() {
    let checklist = checklist();
    let app = TestApp::new().await;
    let fact = checklist.facts.iter().find(|f| f.phrases.iter().any(|p| p == "vendor lock-in")).expect("a fact names vendor lock-in");
    // The text checked is the text served: the page's body is in its HTML page as is.
    let body = &app.state.content.guide.page(&fact.page).unwrap().html;
    let (status, served) = app.get(&format!("/guide/{}", fact.page)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(served.contains(body.as_str()), "/guide/{} serves the rendered body", fact.page);

    let real = page_text(&app, &fact.page);
    assert!(real.contains("vendor lock-in"), "the real page names it");
    assert!(!real.contains('<') && !real.contains("href="), "tags are gone from the text");
    // The same page with the phrase taken out: the check reports it, and nothing else.
    let without = real.replace("vendor lock-in", "");
    let reported = missing(&checklist, |slug| if slug == fact.page { without.clone() } else { page_text(&app, slug) });
    let expected: Vec<String> = checklist
        .facts
        .iter()
        .filter(|f| f.page == fact.page)
        .flat_map(|f| f.phrases.iter().filter(|p| p.to_lowercase().contains("vendor lock-in")).map(move |p| format!("{}: {} — missing \"{p}\"", f.page, f.fact)))
        .collect();
    assert!(expected.contains(&format!("{}: {} — missing \"vendor lock-in\"", fact.page, fact.fact)));
    assert_eq!(reported, expected);
    // And a phrase of one page is not found on a page that does not carry it.
    let elsewhere = checklist.facts.iter().map(|f| f.page.as_str()).find(|p| !page_text(&app, p).contains("vendor lock-in")).expect("a page without it");
    assert!(!missing(&checklist, |slug| if slug == fact.page { page_text(&app, elsewhere) } else { page_text(&app, slug) }).is_empty());
}

#[test]
fn text_of_reads_entities_and_drops_tags() {
    let text = text_of("<p class=\"lead\">Cold starts &amp; <em>vendor</em>\nlock-in&#39;s <a href=\"/guide/x\">cost</a></p>");
    assert_eq!(text, "cold starts & vendor lock-in's cost");
}
