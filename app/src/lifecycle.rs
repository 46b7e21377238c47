//! A decision over time as the pages see it: status, supersede links, review
//! date, and recorded facts with what they changed.

use crossroads_domain::{OutcomeChange, Status};

#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleView {
    pub status: Status,
    pub status_at: Option<String>,
    pub review_by: Option<String>,
    pub review_due: bool,
    pub review_reason: Option<String>,
    pub superseded_by: Vec<LinkView>,
    pub supersedes: Vec<LinkView>,
    /// Oldest first.
    pub facts: Vec<FactView>,
}

impl Default for LifecycleView {
    fn default() -> Self {
        LifecycleView {
            status: Status::Proposed,
            status_at: None,
            review_by: None,
            review_due: false,
            review_reason: None,
            superseded_by: Vec::new(),
            supersedes: Vec::new(),
            facts: Vec::new(),
        }
    }
}

/// Another decision, linked.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkView {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// A recorded fact: question id -> option id, what it reads as, and what it changed.
#[derive(Clone, Debug, PartialEq)]
pub struct FactView {
    pub at: String,
    pub facts: Vec<(String, String)>,
    /// "Number of teams: Four or more", for people.
    pub described: Vec<String>,
    pub changes: Vec<OutcomeChange>,
    pub triggered: bool,
}
