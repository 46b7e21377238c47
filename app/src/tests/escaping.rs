//! People's own text (decision titles, member names, addresses, form input)
//! reaches the page as text: shown whole, never as markup.

use super::fixtures::*;
use super::html::*;

/// The value of the first `attribute="…"` after `marker`, decoded.
fn attribute_after(html: &str, marker: &str, attribute: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} in the page"));
    let open = format!("{attribute}=\"");
    let start = at + html[at..].find(&open).unwrap_or_else(|| panic!("{attribute} after {marker}")) + open.len();
    let end = start + html[start..].find('"').unwrap();
    decode(&html[start..end])
}

#[test]
fn no_page_turns_peoples_text_into_markup() {
    for (name, page) in every_page() {
        let (html, _) = document(page);
        assert!(!html.contains(INJECTED), "{name}: a script from people's text runs");
        assert!(!html.contains("<b>bold</b>"), "{name}: markup from a name");
        assert!(!html.contains(NAME) && !html.contains(TITLE), "{name}: people's text written as it came, unescaped");
    }
}

#[test]
fn a_decision_title_with_a_script_is_shown_as_text() {
    for page in [team_page(), owner_page(), message_page(), new_decision_page()] {
        let (html, _) = document(page);
        assert!(html.contains("Checkout &lt;script&gt;alert("), "escaped in the page");
        assert!(text(&html).contains(TITLE), "shown whole");
    }
    let (html, _) = document(team_page());
    assert_eq!(as_text(inner(&html, "h1")), TITLE, "the team page's heading is the title, as typed");
    assert_eq!(attribute_after(&html, "property=\"og:title\"", "content"), format!("{TITLE} — team decision — Crossroads"));
    let (html, _) = document(owner_page());
    assert_eq!(attribute_after(&html, "<input id=\"new-title\"", "value"), TITLE, "the rename field holds the title as typed");
}

#[test]
fn a_member_name_with_markup_is_shown_as_text() {
    let (html, _) = document(team_page());
    let shown = text(&html);
    assert!(shown.contains(NAME), "the member's name is shown whole, as text");
    assert!(shown.contains(&format!("You joined as {OTHER}.")), "the visitor's own name");
    let (html, _) = document(owner_page());
    assert!(text(&html).contains(NAME));
    assert_eq!(attribute_after(&html, "aria-label=\"Remove Mallory", "aria-label"), format!("Remove {NAME}"), "the remove button names the member");
    assert!(text(&html).contains(&format!("({OTHER})")), "who signed in as them");
    assert!(text(&html).contains(&format!("{NAME} joined")), "the history");
}

#[test]
fn form_input_sent_back_is_kept_in_its_fields() {
    let (html, _) = document(new_decision_page());
    assert_eq!(attribute_after(&html, "<input id=\"title\"", "value"), TITLE);
    assert!(text(&html).contains(&format!("“{TITLE}” is too long")), "the error names it as typed");
    assert_eq!(textarea(&html), CONTEXT);
}

/// What the context field holds, as a browser reads it.
fn textarea(html: &str) -> String {
    let field = html.split("<textarea").nth(1).expect("a textarea");
    as_text(&field[field.find('>').unwrap() + 1..field.find("</textarea>").unwrap()])
}

#[test]
fn context_sent_back_cannot_close_its_field() {
    let hostile = "</textarea><script>alert('context')</script>";
    let page = crate::Page::TeamNew(crate::team::NewDecisionForm { title: String::new(), context: hostile.into(), anonymous: false, errors: vec!["Give the decision a title.".into()] });
    let (html, _) = document(page);
    assert!(!html.contains("</textarea><script"), "the context closed its field: {}", &html[html.find("<textarea").unwrap()..][..200]);
    assert!(!html.contains(INJECTED));
    assert_eq!(textarea(&html), hostile);
}

#[test]
fn an_unknown_address_is_shown_as_text() {
    let (html, _) = document(not_found_page());
    assert!(text(main(&html)).contains("Nothing lives at /<script>alert('path')</script> ."), "{}", text(main(&html)));
    assert!(html.contains("<code>/&lt;script&gt;alert("), "escaped in the page");
    assert_eq!(attribute_after(&html, "<link rel=\"canonical\"", "href"), format!("{BASE}/<script>alert('path')</script>"));
}

#[test]
fn a_signed_in_name_with_markup_is_shown_as_text() {
    let html = app(not_found_page(), Some(NAME.into()));
    assert!(!html.contains(INJECTED));
    assert!(text(&html).contains(&format!("Signed in as {NAME}")));
}

#[test]
fn a_team_title_in_the_wizard_banner_is_shown_as_text() {
    let (html, _) = document(wizard(Some(("Dec1s10nId01".into(), TITLE.into()))));
    assert!(!html.contains(INJECTED));
    assert!(text(&html).contains(&format!("You are answering for the team decision “{TITLE}”.")));
}

#[test]
fn message_and_confirm_pages_show_their_text_as_text() {
    let (html, _) = document(message_page());
    assert!(text(main(&html)).contains(&format!("{NAME} left.")));
    let (html, _) = document(confirm_page());
    assert_eq!(as_text(inner(&html, "h1")), format!("Join “{TITLE}”?"));
    assert!(html.contains("<form method=\"post\" action=\"/t/Dec1s10nId01/join\">"), "the change is a POST, never a link");
}
