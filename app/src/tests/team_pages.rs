//! The team page, its live part and the owner's page.

use super::fixtures::*;
use super::html::*;
use crate::pages::team::{TeamLive, TeamLiveProps};
use crate::team::Joining;
use crate::Page;
use leptos::prelude::{Owner, RenderHtml};

#[test]
fn the_team_page_shows_the_combined_result_and_each_member() {
    let view = team_view();
    let (html, _) = document(Page::Team(view.clone()));
    let shown = text(&html);
    let team = view.team.as_ref().unwrap();
    assert!(html.contains(&format!("<p class=\"team-headline\">{}</p>", team.assessment.recommendation.headline)));
    assert!(shown.contains("From the combined answers of 2 members"), "the count of answers, not of members");
    assert!(shown.contains("3 of at most 12 members have joined."));
    let table = &html[html.find("<table class=\"members\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(elements(table, "tr"), 1 + view.members.len(), "a header row and one row per member");
    for m in &view.members {
        let row = match (&m.result_id, &m.headline) {
            (_, Some(h)) => format!("{} {h}", m.name),
            _ => format!("{} Not answered yet", m.name),
        };
        assert!(shown.contains(&row), "{row}");
        if let Some(id) = &m.result_id {
            assert!(html.contains(&format!("<a href=\"/r/{id}\">")), "a link to {}'s result", m.name);
        }
    }
    assert!(!team.discuss_first.is_empty(), "the fixture's members disagree on something that matters");
    for d in &team.discuss_first {
        assert!(shown.contains(&words(&format!("{} {}", d.prompt, d.effect))), "{}", d.prompt);
    }
    for s in &team.spreads {
        assert!(shown.contains(&words(&s.prompt)), "{}", s.prompt);
    }
    assert!(html.contains("<div class=\"prose\"><p>We must pick <strong>one</strong> stack.</p></div>"), "the owner's context, rendered");
}

#[test]
fn an_anonymous_team_page_links_to_no_members_answers() {
    let mut view = team_view();
    view.decision.anonymous = true;
    view.me = None;
    for (i, m) in view.members.iter_mut().enumerate() {
        m.name = format!("Member {}", i + 1);
        m.result_id = None;
    }
    view.weak_anonymity = true;
    let (html, _) = document(Page::Team(view));
    assert!(!html.contains("href=\"/r/"), "no link to anyone's answers");
    assert!(!html.contains("Mallory") && !html.contains("Zoë"), "no names");
    assert!(text(&html).contains("names are hidden, but with so few answers"), "the weak-anonymity warning");
}

#[test]
fn the_team_page_carries_the_live_refresh_island_for_this_revision() {
    let (html, _) = document(team_page());
    let island = html.split("<leptos-island").nth(1).expect("an island");
    let island = &island[..island.find('>').unwrap()];
    assert!(island.contains("live_refresh") || island.contains("LiveRefresh"), "{island}");
    assert!(decode(island).contains("\"decision\":\"Dec1s10nId01\"") && decode(island).contains("\"revision\":7"), "{island}");
    assert!(html.contains("<div id=\"team-live\">"), "the part the island replaces");
}

#[test]
fn joining_is_offered_as_the_decision_allows() {
    let mut view = team_view();
    view.me = None;
    let cases = [
        (Joining::Open, "<form method=\"post\" action=\"/t/Dec1s10nId01/join\""),
        (Joining::AsSignedIn { name: "Ada".into() }, "You join as Ada, the name your sign-in gives."),
        (Joining::NeedsInvite, "To join, open the invite link the owner shared with the team."),
        (Joining::Full, "This decision has reached its member limit"),
        (Joining::Closed, "The decision is closed."),
    ];
    for (joining, expected) in cases {
        view.joining = joining.clone();
        let html = app(Page::Team(view.clone()), None);
        assert!(html.contains(expected), "{joining:?}: {expected}");
        assert_eq!(html.contains("/join\""), matches!(joining, Joining::Open | Joining::AsSignedIn { .. }), "{joining:?}: a join form only when one may join");
    }
}

#[test]
fn the_live_part_alone_has_no_frame_and_no_script() {
    let view = team_view();
    let html = Owner::new().with(|| TeamLive(TeamLiveProps { view: view.clone() }).to_html());
    assert!(html.contains(&view.team.unwrap().assessment.recommendation.headline));
    assert!(!html.contains("<script") && !html.contains("<main") && !html.contains("<h1"), "a fragment to put into the page");
    assert!(!html.contains(INJECTED) && text(&html).contains(NAME));
}

#[test]
fn the_owner_page_has_a_remove_button_per_member_and_its_links() {
    let (html, _) = document(owner_page());
    assert_eq!(count(&html, "<input type=\"hidden\" name=\"action\" value=\"remove\">"), 2);
    assert!(html.contains("<input type=\"hidden\" name=\"member\" value=\"Memb3r0000a1\">"));
    assert!(html.contains(&format!("<a id=\"invite-url\" href=\"{BASE}/t/Dec1s10nId01/invite?k=1nv1te\">")));
    assert!(html.contains(&format!("<a id=\"owner-url\" href=\"{BASE}/t/Dec1s10nId01/owner?k=0wnerT0ken\">")));
    assert!(opening_tag(&html, "class=\"error-summary\"").contains("role=\"alert\""), "the error is announced");
    for action in ["rename", "close", "rotate-invite", "rotate-owner", "delete"] {
        assert!(html.contains(&format!("name=\"action\" value=\"{action}\"")), "{action}");
    }
}
