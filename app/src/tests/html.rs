//! Rendering pages to strings without a server, and reading the result.

use crate::{shell, App, Page};
use leptos::prelude::*;

pub const NONCE: &str = "t3stN0nce";

/// The page frame and the page, as `App` renders them inside the document.
pub fn app(page: Page, viewer: Option<String>) -> String {
    ssr_owner().with(|| view! { <App page viewer/> }.to_html())
}

/// A root owner as the server renders under: islands with children need its
/// shared context.
pub fn ssr_owner() -> Owner {
    Owner::new_root(Some(std::sync::Arc::new(hydration_context::SsrSharedContext::new())))
}

/// The whole document, as the server sends it: with a nonce for its scripts,
/// and the response headers the document sets.
pub fn document(page: Page) -> (String, http::HeaderMap) {
    let options = LeptosOptions::builder().output_name("crossroads").build();
    let response = leptos_axum::ResponseOptions::default();
    let html = ssr_owner().with(|| {
        provide_context(leptos::nonce::Nonce::from_value(NONCE));
        provide_context(response.clone());
        shell(options, page, super::fixtures::BASE.to_string(), None).to_html()
    });
    let headers = response.0.read().unwrap().headers.clone();
    (html, headers)
}

/// How often `needle` occurs in `html`.
pub fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// Elements named `tag`, opening tag and all (`<h1`, `<h1 class=…`, not `<header`).
pub fn elements(html: &str, tag: &str) -> usize {
    let open = format!("<{tag}");
    html.match_indices(&open).filter(|(at, _)| matches!(html[at + open.len()..].chars().next(), Some('>' | ' ' | '/'))).count()
}

/// Each `<script …>…</script>`: its attributes and its text.
pub fn scripts(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start + "<script".len()..];
        let open_end = after.find('>').expect("a script tag ends");
        let attributes = after[..open_end].trim().to_string();
        let body = &after[open_end + 1..];
        let close = body.find("</script>").expect("a script element is closed");
        found.push((attributes, body[..close].to_string()));
        rest = &body[close..];
    }
    found
}

/// The text a person reads: tags dropped, character references decoded,
/// white space collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an element's raw content, which must hold no markup at all.
pub fn as_text(raw: &str) -> String {
    assert!(!raw.contains('<'), "markup where text belongs: {raw}");
    decode(raw)
}

/// The raw content of the first `<tag>…</tag>` (no attributes) in `html`.
pub fn inner<'a>(html: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let start = html.find(&open).unwrap_or_else(|| panic!("a {tag}")) + open.len();
    let end = start + html[start..].find(&format!("</{tag}>")).unwrap_or_else(|| panic!("{tag} is closed"));
    &html[start..end]
}

/// Decodes the character references Leptos writes.
pub fn decode(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'").replace("&amp;", "&")
}

/// Text collapsed the way [`text`] collapses it, to look for in its output.
pub fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading levels in document order (`<h2>` → 2).
pub fn heading_levels(html: &str) -> Vec<u8> {
    let mut found = std::collections::BTreeMap::new();
    for level in 1..=6u8 {
        let open = format!("<h{level}");
        for (at, _) in html.match_indices(&open) {
            if matches!(html[at + open.len()..].chars().next(), Some('>' | ' ')) {
                found.insert(at, level);
            }
        }
    }
    found.into_values().collect()
}

/// The whole opening tag that contains `marker`.
pub fn opening_tag<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} in the page"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// The part of `html` inside `<head>…</head>`.
pub fn head_of(html: &str) -> &str {
    &html[html.find("<head>").expect("a head")..html.find("</head>").expect("head is closed")]
}

/// The part of `html` inside `<main …>…</main>`.
pub fn main(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("main is closed");
    &html[start..end]
}
