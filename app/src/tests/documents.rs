//! The document around every page: landmarks, headings, the head, and which
//! scripts a page may run.

use super::fixtures::*;
use super::html::*;
use crate::controls::PAGE_SCRIPT;
use crate::Page;

/// Pages with islands: the only ones that load the wasm bundle.
fn has_islands(page: &Page) -> bool {
    matches!(page, Page::Wizard(_) | Page::Team(_))
}

#[test]
fn every_page_has_its_landmarks_and_one_h1_inside_main() {
    for (name, page) in every_page() {
        let (html, _) = document(page);
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{name}: a document in English");
        assert_eq!(elements(head_of(&html), "title"), 1, "{name}: one title in the head");
        assert_eq!(elements(&html, "main"), 1, "{name}: one main");
        assert_eq!(count(&html, "<main id=\"main\""), 1, "{name}: the skip link's target is main");
        assert_eq!(elements(&html, "h1"), 1, "{name}: one h1");
        assert_eq!(elements(main(&html), "h1"), 1, "{name}: the h1 is in main");
        let skip = html.find("<a href=\"#main\" class=\"skip-link\">").unwrap_or_else(|| panic!("{name}: a skip link"));
        let header = html.find("<header class=\"site-header\">").unwrap_or_else(|| panic!("{name}: the site header"));
        assert!(skip < header, "{name}: the skip link comes first");
        assert_eq!(count(&html, "<nav aria-label=\"Main\">"), 1, "{name}: the main navigation, named");
        assert_eq!(count(&html, "<footer class=\"site-footer\">"), 1, "{name}: a footer");
        assert!(html.find("</main>").unwrap() < html.find("<footer").unwrap(), "{name}: the footer follows main");
    }
}

#[test]
fn headings_start_at_h1_and_never_skip_a_level() {
    for (name, page) in every_page() {
        let (html, _) = document(page);
        let levels = heading_levels(main(&html));
        assert_eq!(levels.first(), Some(&1), "{name}: main starts with its h1: {levels:?}");
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{name}: h{} follows h{}: {levels:?}", pair[1], pair[0]);
        }
    }
}

#[test]
fn the_head_names_the_page_and_links_to_it() {
    for (name, page) in every_page() {
        let head = page.head(BASE);
        let (html, _) = document(page);
        assert_eq!(as_text(inner(head_of(&html), "title")), head.title, "{name}");
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{}\">", head.canonical_url.replace('<', "&lt;").replace('>', "&gt;"))), "{name}: canonical link");
        assert!(head.canonical_url.starts_with(BASE), "{name}: canonical links are absolute");
        assert_eq!(count(&html, "property=\"og:image\""), usize::from(head.image.is_some()), "{name}: a share card when the page has one");
    }
}

#[test]
fn pages_without_islands_run_only_the_small_inline_scripts() {
    for (name, page) in every_page().into_iter().filter(|(_, p)| !has_islands(p)) {
        let (html, _) = document(page);
        let scripts = scripts(&html);
        assert_eq!(scripts.len(), 2, "{name}: the theme script and the page script, nothing else: {scripts:#?}");
        for (attributes, _) in &scripts {
            assert_eq!(attributes, &format!("nonce=\"{NONCE}\""), "{name}: inline, with the page's nonce, no src or type");
        }
        assert!(scripts[0].1.contains("localStorage.getItem('theme')"), "{name}: the theme comes first, in the head");
        assert!(html.find(&scripts[0].1).unwrap() < html.find("</head>").unwrap(), "{name}: before first paint");
        assert_eq!(scripts[1].1, PAGE_SCRIPT, "{name}: the page script, last in the body");
        for loader in ["<script src", ".wasm", "modulepreload", "<leptos-island", "/pkg/crossroads.js", "type=\"module\""] {
            assert!(!html.contains(loader), "{name}: loads no wasm or module script ({loader})");
        }
        assert!(html.contains("<link id=\"crossroads\" rel=\"stylesheet\" href=\"/pkg/crossroads.css\">"), "{name}: the stylesheet");
    }
}

#[test]
fn pages_with_islands_load_the_bundle_and_every_script_carries_the_nonce() {
    for (name, page) in every_page().into_iter().filter(|(_, p)| has_islands(p)) {
        let (html, _) = document(page);
        assert!(html.contains("<leptos-island"), "{name}: an island");
        assert!(html.contains("/pkg/crossroads.js"), "{name}: the bundle's script");
        assert!(html.contains("/pkg/crossroads.wasm") || html.contains("/pkg/crossroads_bg.wasm"), "{name}: the bundle's wasm");
        // Data blocks (the wizard's model) are not run, so the policy does not ask them for the nonce.
        for (attributes, body) in scripts(&html).into_iter().filter(|(a, _)| !a.contains("type=\"application/json\"")) {
            assert!(attributes.contains(&format!("nonce=\"{NONCE}\"")), "{name}: a script without the nonce: <script {attributes}>{body}");
        }
    }
}

#[test]
fn the_policy_admits_only_scripts_with_this_pages_nonce() {
    for (name, page) in every_page() {
        let (_, headers) = document(page);
        let policy = headers.get(http::header::CONTENT_SECURITY_POLICY).unwrap_or_else(|| panic!("{name}: a policy")).to_str().unwrap();
        assert_eq!(policy, crate::csp(NONCE), "{name}");
        let script_src = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src ")).expect("a script-src directive");
        assert!(script_src.contains(&format!("'nonce-{NONCE}'")) && !script_src.contains("unsafe-inline"), "{name}: {script_src}");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{name}: {policy}");
    }
}

#[test]
fn the_signed_in_viewer_is_named_in_the_header_only_when_there_is_one() {
    let html = app(not_found_page(), None);
    assert!(!html.contains("Signed in as"));
    let html = app(not_found_page(), Some("Ada Lovelace".into()));
    assert!(text(&html).contains("Signed in as Ada Lovelace"));
    assert!(html.find("Signed in as").unwrap() < html.find("</header>").unwrap(), "in the header");
}
