//! The view model of the decision log: the listed decisions as the server
//! found them, and the filter that found them (sent back into the form).

/// One page of the decision log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionLogView {
    pub rows: Vec<LogRow>,
    pub filter: LogFilterView,
    /// The statuses to filter by: (value, label).
    pub statuses: Vec<(String, String)>,
    /// Page number, from 1.
    pub page: usize,
    /// Links to the neighbouring pages of the same list, when there are any.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The Atom feed of the same list (path and query).
    pub feed: String,
}

/// The filter as the person typed it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogFilterView {
    pub q: String,
    pub status: String,
    pub tag: String,
    /// `""` (newest first) or `"due"`.
    pub sort: String,
}

/// One decision in the log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub status_label: String,
    /// The review date (`YYYY-MM-DD`), if one is set.
    pub review_by: Option<String>,
    /// The review date has come, or a change asks for a review.
    pub review_due: bool,
    pub anonymous: bool,
    /// The owner's name; always `None` for an anonymous decision.
    pub owner: Option<String>,
    pub tags: Vec<String>,
}

/// Whether the owner lists the decision in the log, and its tags; on the
/// owner page while the log is on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogSettingsView {
    pub listed: bool,
    /// One tag per line, as the form shows them.
    pub tags: String,
}
