//! The guide carries every fact of the source articles: a checklist kept as data
//! (`guide_facts.toml`) is checked against each page's rendered text.



use serde::Deserialize;
use crate::support::TestApp;

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
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[tokio::test]
async fn every_fact_of_the_sources_is_in_the_guide() {
    let checklist: Checklist = toml::from_str(include_str!("guide_facts.toml")).unwrap();
    let app = TestApp::new().await;
    let mut missing = Vec::new();
    for fact in &checklist.facts {
        let page = app.state.content.guide.page(&fact.page).unwrap_or_else(|| panic!("page {}", fact.page));
        let text = text_of(&format!("{} {}", page.title, page.html));
        for phrase in &fact.phrases {
            if !text.contains(&phrase.to_lowercase()) {
                missing.push(format!("{}: {} — missing \"{phrase}\"", fact.page, fact.fact));
            }
        }
    }
    assert!(missing.is_empty(), "facts missing from the guide:\n{}", missing.join("\n"));
    assert!(checklist.facts.len() >= 40);
}

#[test]
fn the_checklist_itself_catches_a_missing_phrase() {
    let text = text_of("<p>Cold starts &amp; more</p>");
    assert!(text.contains("cold starts & more"));
    assert!(!text.contains("vendor lock-in"));
}
