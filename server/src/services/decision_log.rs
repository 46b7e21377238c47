//! The decision log: which listed decisions a query asks for, read from the
//! address's query string and checked here, and what each row shows. Anonymity
//! is applied here: an anonymous decision's row names nobody.

use super::ServiceError;
use crate::db::{LogEntry, LogFilter, LogSettings};
use crate::state::AppState;
use crate::{clock, text};
use app::decision_log::{DecisionLogView, LogFilterView, LogRow, LogSettingsView};

/// Decisions per page (of the page and of the feed).
pub const PAGE_SIZE: usize = 50;
/// The longest search, in characters.
pub const QUERY_MAX: usize = 200;
/// The longest tag, in characters, and the most a decision has.
pub const TAG_MAX: usize = 40;
pub const TAGS_MAX: usize = 10;
/// Pages beyond this are refused rather than scanned for.
const PAGE_MAX: usize = 10_000;

/// A decision's statuses (as stored) and their labels.
pub const STATUSES: [(&str, &str); 5] =
    [("proposed", "Proposed"), ("accepted", "Accepted"), ("rejected", "Rejected"), ("deprecated", "Deprecated"), ("superseded", "Superseded")];

/// Whether the log is shown: to signed-in people when people sign in (the
/// sign-in layer already turns everyone else away), else only when the
/// setting turns it on.
pub fn is_on(state: &AppState) -> bool {
    state.config.decision_log || state.sign_in.is_on()
}

/// A checked query: what to list, and the filter as typed, for the form and
/// for links to other pages of the same list.
#[derive(Clone, Debug)]
pub struct LogQuery {
    pub filter: LogFilterView,
    pub page: usize,
    /// The search's words; `None` when the search has text but no word (only
    /// punctuation), which matches nothing.
    words: Option<Vec<String>>,
}

impl LogQuery {
    /// Reads `q`, `status`, `tag`, `sort` and `page` from a query string (the
    /// first of each counts; others are ignored).
    pub fn parse(query: Option<&str>) -> Result<LogQuery, ServiceError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
        let bad = |message: String| Err(ServiceError::BadLogQuery(message));
        let q: String = get("q").chars().filter(|c| !c.is_control()).collect();
        if q.chars().count() > QUERY_MAX {
            return bad(format!("The search may be at most {QUERY_MAX} characters (it has {}).", q.chars().count()));
        }
        let status = get("status");
        if !status.is_empty() && !STATUSES.iter().any(|(value, _)| *value == status) {
            let known = STATUSES.iter().map(|(value, _)| *value).collect::<Vec<_>>().join(", ");
            return bad(format!("There is no status “{status}”: use one of {known}, or none."));
        }
        let sort = get("sort");
        let sort = match sort.as_str() {
            "" | "new" => String::new(),
            "due" => sort,
            _ => return bad(format!("There is no order “{sort}”: use “due” (most due for review first) or “new” (newest first).")),
        };
        let tag = get("tag");
        let tag = if tag.is_empty() { tag } else { text::clean_line(&tag, "The tag", TAG_MAX).map_err(ServiceError::BadLogQuery)?.to_lowercase() };
        let page = match get("page").as_str() {
            "" => 1,
            number => match number.parse::<usize>() {
                Ok(page) if (1..=PAGE_MAX).contains(&page) => page,
                _ => return bad(format!("The page must be a number from 1 to {PAGE_MAX}.")),
            },
        };
        // Words are what has a letter or a digit: the rest is punctuation
        // neither search would find.
        let words: Vec<String> = q.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).map(str::to_string).collect();
        let words = if words.is_empty() && !q.trim().is_empty() { None } else { Some(words) };
        Ok(LogQuery { filter: LogFilterView { q, status, tag, sort }, page, words })
    }

    /// The query string of this list at `page` (empty parameters left out).
    pub fn query_string(&self, page: usize) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        let f = &self.filter;
        for (name, value) in [("q", &f.q), ("status", &f.status), ("tag", &f.tag), ("sort", &f.sort)] {
            if !value.is_empty() {
                out.append_pair(name, value);
            }
        }
        if page > 1 {
            out.append_pair("page", &page.to_string());
        }
        let query = out.finish();
        if query.is_empty() { query } else { format!("?{query}") }
    }
}

/// One page of the log: the rows, and whether another page follows.
pub struct Listing {
    pub rows: Vec<LogRow>,
    pub more: bool,
    /// Each row's decision as stored, for the feed.
    pub entries: Vec<LogEntry>,
}

/// The decisions `query` asks for; the log must be on.
pub async fn list(state: &AppState, query: &LogQuery) -> Result<Listing, ServiceError> {
    if !is_on(state) {
        return Err(ServiceError::LogHidden);
    }
    let Some(words) = &query.words else { return Ok(Listing { rows: Vec::new(), more: false, entries: Vec::new() }) };
    let today = clock::now_rfc3339()[..10].to_string();
    let filter = LogFilter {
        status: Some(query.filter.status.clone()).filter(|s| !s.is_empty()),
        tag: Some(query.filter.tag.clone()).filter(|t| !t.is_empty()),
        words: words.clone(),
        by_due: query.filter.sort == "due",
        today: today.clone(),
        offset: ((query.page - 1) * PAGE_SIZE) as i64,
        // One more than shown: whether another page follows.
        limit: PAGE_SIZE as i64 + 1,
    };
    let mut entries = state.db.decision_log(&filter).await?;
    let more = entries.len() > PAGE_SIZE;
    entries.truncate(PAGE_SIZE);
    let rows = entries.iter().map(|entry| row(entry, &today)).collect();
    Ok(Listing { rows, more, entries })
}

/// The page's view.
pub async fn page(state: &AppState, query: &LogQuery) -> Result<DecisionLogView, ServiceError> {
    let listing = list(state, query).await?;
    Ok(DecisionLogView {
        rows: listing.rows,
        filter: query.filter.clone(),
        statuses: STATUSES.iter().map(|(value, label)| (value.to_string(), label.to_string())).collect(),
        page: query.page,
        previous: (query.page > 1).then(|| format!("/decisions{}", query.query_string(query.page - 1))),
        next: listing.more.then(|| format!("/decisions{}", query.query_string(query.page + 1))),
        feed: format!("/decisions.atom{}", query.query_string(query.page)),
    })
}

pub fn status_label(status: &str) -> String {
    STATUSES.iter().find(|(value, _)| *value == status).map_or_else(|| status.to_string(), |(_, label)| label.to_string())
}

/// The name shown for the owner: none for an anonymous decision; else the
/// name they joined under, or the identity they signed in with.
pub fn owner_of(entry: &LogEntry) -> Option<String> {
    if entry.anonymous {
        return None;
    }
    entry.owner_name.clone().or_else(|| entry.owner_identity.clone())
}

/// A review is due when a change asked for one or its date has come.
pub fn review_due(entry: &LogEntry, today: &str) -> bool {
    entry.review_due || entry.review_by.as_deref().is_some_and(|date| date <= today)
}

fn row(entry: &LogEntry, today: &str) -> LogRow {
    LogRow {
        id: entry.id.clone(),
        title: entry.title.clone(),
        status: entry.status.clone(),
        status_label: status_label(&entry.status),
        review_by: entry.review_by.clone(),
        review_due: review_due(entry, today),
        anonymous: entry.anonymous,
        owner: owner_of(entry),
        tags: entry.tags.clone(),
    }
}

/// The owner page's log settings; `None` while the log is off.
pub async fn owner_settings(state: &AppState, id: &str) -> Result<Option<LogSettingsView>, ServiceError> {
    if !is_on(state) {
        return Ok(None);
    }
    Ok(state.db.log_settings(id).await?.map(|s| LogSettingsView { listed: s.listed, tags: s.tags.join("\n") }))
}

/// Saves whether decision `id` is listed and its tags (`tags` as typed: one
/// per line or separated by commas). `Ok(Err(message))`: the tags are refused
/// and nothing changed.
pub async fn save_settings(state: &AppState, id: &str, listed: bool, tags: &str) -> Result<Result<(), String>, ServiceError> {
    let tags = match parse_tags(tags) {
        Ok(tags) => tags,
        Err(message) => return Ok(Err(message)),
    };
    state.db.set_log_settings(id, &LogSettings { listed, tags }).await?;
    Ok(Ok(()))
}

/// Tags as typed: lower case, each once, in the order given.
pub fn parse_tags(input: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for piece in input.split([',', '\n']).filter(|p| !p.trim().is_empty()) {
        let tag = text::clean_line(piece, "A tag", TAG_MAX)?.to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > TAGS_MAX {
        return Err(format!("A decision may have at most {TAGS_MAX} tags (there are {}).", tags.len()));
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_lower_case_each_once() {
        assert_eq!(parse_tags("Platform, checkout\n\nplatform\r\n Payments  team ").unwrap(), ["platform", "checkout", "payments team"]);
        assert!(parse_tags(&"x,".repeat(11)).is_ok(), "the same tag eleven times is one tag");
        let many: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        assert!(parse_tags(&many.join(",")).unwrap_err().contains("at most 10"));
        assert!(parse_tags(&"a".repeat(41)).unwrap_err().contains("40"));
    }

    #[test]
    fn queries_are_checked_and_sent_back_as_typed() {
        let query = LogQuery::parse(Some("q=NEAR(+%22x&status=accepted&sort=due&tag=Platform&page=2")).unwrap();
        assert_eq!(query.filter.q, "NEAR( \"x");
        assert_eq!(query.filter.tag, "platform");
        assert_eq!(query.words, Some(vec!["NEAR(".to_string(), "\"x".to_string()]));
        assert_eq!(query.query_string(3), "?q=NEAR%28+%22x&status=accepted&tag=platform&sort=due&page=3");
        assert_eq!(LogQuery::parse(Some("q=*+-")).unwrap().words, None, "punctuation alone matches nothing");
        for bad in ["status=done", "sort=oldest", "page=0", "page=x", &format!("q={}", "a".repeat(201))] {
            assert!(matches!(LogQuery::parse(Some(bad)), Err(ServiceError::BadLogQuery(_))), "{bad}");
        }
    }
}
