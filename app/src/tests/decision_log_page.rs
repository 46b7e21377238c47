//! The decision log page: people's text as text, anonymous rows without a
//! name, the feed announced in the head, and the navigation link only when
//! the server turns the log on.

use super::fixtures::*;
use super::html::*;

#[test]
fn titles_owners_and_tags_are_shown_as_text() {
    let (html, _) = document(decision_log_page());
    let shown = text(main(&html));
    assert!(shown.contains(TITLE), "the title, whole");
    assert!(shown.contains(NAME), "the owner's name, whole");
    assert!(shown.contains(OTHER), "a tag, whole");
    assert!(main(&html).contains("href=\"/t/Dec1s10nId01\""), "each row links to its decision");
    assert_eq!(attribute(&html, "<input id=\"log-q\""), TITLE, "the search is sent back as typed");
    assert_eq!(attribute(&html, "<input id=\"log-tag\""), OTHER, "the tag filter too");
}

#[test]
fn an_anonymous_decision_names_nobody() {
    let (html, _) = document(decision_log_page());
    let rows: Vec<&str> = main(&html).split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2);
    assert!(text(rows[0]).contains(NAME));
    assert!(text(rows[1]).contains("Anonymous") && !text(rows[1]).contains(NAME), "no name in the anonymous row: {}", text(rows[1]));
    assert!(text(rows[1]).contains("Review due (2026-01-31)"), "a due review says so");
}

#[test]
fn the_head_announces_the_feed_of_the_same_list() {
    let (html, _) = document(decision_log_page());
    assert!(
        head_of(&html).contains(&format!("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Decision log (Atom)\" href=\"{BASE}/decisions.atom?status=accepted&amp;sort=due\">")),
        "{}",
        head_of(&html)
    );
    for (name, page) in every_page().into_iter().filter(|(name, _)| *name != "decision log") {
        assert!(!document(page).0.contains("rel=\"alternate\""), "{name}: no feed");
    }
}

#[test]
fn the_navigation_links_to_the_log_only_when_it_is_on() {
    assert!(frame::with_log(Some(true)).contains("<a href=\"/decisions\">Decision log</a>"));
    assert!(!frame::with_log(Some(false)).contains("/decisions"));
    assert!(!frame::with_log(None).contains("/decisions"));
}

/// The page frame as the server renders it, told (or not) that the log is on.
mod frame {
    use super::super::fixtures::not_found_page;
    use super::super::html::ssr_owner;
    use crate::{App, DecisionLogOn};
    use leptos::prelude::*;

    pub fn with_log(on: Option<bool>) -> String {
        ssr_owner().with(|| {
            if let Some(on) = on {
                provide_context(DecisionLogOn(on));
            }
            view! { <App page=not_found_page() viewer=None/> }.to_html()
        })
    }
}

/// The decoded `value` of the element that starts with `marker`.
fn attribute(html: &str, marker: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} in the page"));
    let start = at + html[at..].find("value=\"").expect("a value") + "value=\"".len();
    decode(&html[start..start + html[start..].find('"').unwrap()])
}
