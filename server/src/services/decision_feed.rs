//! The decision log as an Atom feed (RFC 4287): the same list, the same
//! query, one entry per decision. Written by `atom_syndication`, so every
//! piece of people's text is escaped by the XML writer, not by hand.

use super::decision_log::{self, LogQuery};
use super::ServiceError;
use crate::clock;
use crate::db::LogEntry;
use crate::state::AppState;
use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};

/// The feed of the list `query` asks for, as XML.
pub async fn feed(state: &AppState, query: &LogQuery) -> Result<String, ServiceError> {
    let listing = decision_log::list(state, query).await?;
    let base = state.config.base_url();
    let today = clock::now_rfc3339()[..10].to_string();
    let entries: Vec<Entry> = listing.entries.iter().map(|e| entry(&base, e, &today)).collect();
    let mut feed = Feed::default();
    feed.set_title(Text::plain("Crossroads decision log"));
    // The feed is the list its query asks for: its address names it.
    feed.set_id(format!("{base}/decisions.atom{}", query.query_string(query.page)));
    feed.set_updated(entries.iter().map(|e| *e.updated()).max().unwrap_or_else(|| instant(&clock::now_rfc3339())));
    // Atom wants an author for every entry; an anonymous decision's is the site.
    feed.set_authors(vec![Person { name: "Crossroads".into(), ..Person::default() }]);
    feed.set_links(vec![
        link(format!("{base}/decisions.atom{}", query.query_string(query.page)), "self", "application/atom+xml"),
        link(format!("{base}/decisions{}", query.query_string(query.page)), "alternate", "text/html"),
    ]);
    feed.set_entries(entries);
    Ok(feed.to_string())
}

fn entry(base: &str, decision: &LogEntry, today: &str) -> Entry {
    let url = format!("{base}/t/{}", decision.id);
    let mut entry = Entry::default();
    entry.set_id(url.clone());
    entry.set_title(Text::plain(decision.title.clone()));
    entry.set_published(Some(instant(&decision.created_at)));
    entry.set_updated(instant(decision.status_at.as_deref().unwrap_or(&decision.created_at)));
    entry.set_links(vec![link(url, "alternate", "text/html")]);
    if let Some(owner) = decision_log::owner_of(decision) {
        entry.set_authors(vec![Person { name: owner, ..Person::default() }]);
    }
    let mut summary = decision_log::status_label(&decision.status);
    match (&decision.review_by, decision_log::review_due(decision, today)) {
        (Some(date), true) => summary.push_str(&format!("; review due ({date})")),
        (None, true) => summary.push_str("; review due"),
        (Some(date), false) => summary.push_str(&format!("; review by {date}")),
        (None, false) => {}
    }
    if !decision.tags.is_empty() {
        summary.push_str(&format!("; tags: {}", decision.tags.join(", ")));
    }
    entry.set_summary(Some(Text::plain(summary)));
    let status = Category { term: decision.status.clone(), label: Some(decision_log::status_label(&decision.status)), ..Category::default() };
    let tags = decision.tags.iter().map(|tag| Category { term: tag.clone(), ..Category::default() });
    entry.set_categories(std::iter::once(status).chain(tags).collect::<Vec<_>>());
    if !decision.context.is_empty() {
        let mut content = Content::default();
        content.set_content_type(Some("text".to_string()));
        content.set_value(Some(decision.context.clone()));
        entry.set_content(Some(content));
    }
    entry
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link { href, rel: rel.into(), mime_type: Some(mime.into()), ..Link::default() }
}

/// A stored RFC 3339 time; the epoch for one that does not read (never
/// expected: the server writes them all).
fn instant(text: &str) -> FixedDateTime {
    text.parse().unwrap_or_default()
}
