//! Team decision pages as the views see them.

use crossroads_domain::{ResultSnapshot, TeamAssessment};

#[derive(Clone, Debug, PartialEq)]
pub struct DecisionInfo {
    pub id: String,
    pub title: String,
    /// Rendered from the owner's markdown; raw HTML in it is shown as text.
    pub context_html: String,
    pub anonymous: bool,
    pub closed: bool,
    pub revision: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    /// The member's name, or "Member N" in anonymous mode.
    pub name: String,
    pub result_id: Option<String>,
    pub headline: Option<String>,
}

/// The visitor's own membership, recognised by their cookie.
#[derive(Clone, Debug, PartialEq)]
pub struct Me {
    pub name: String,
    pub private_url: String,
    pub submitted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TeamView {
    pub decision: DecisionInfo,
    pub member_url: String,
    pub me: Option<Me>,
    pub members: Vec<MemberRow>,
    pub max_members: usize,
    /// The combined recommendation, once anyone has answered.
    pub team: Option<TeamAssessment>,
    /// The team assessment as a result snapshot, for the shared result views.
    pub snapshot: Option<ResultSnapshot>,
    /// Shown next to the join form (e.g. a name that is too long).
    pub join_error: Option<String>,
}

/// The owner's page: everything on the team page plus the controls.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerView {
    pub decision: DecisionInfo,
    pub member_url: String,
    pub owner_url: String,
    pub members: usize,
    pub error: Option<String>,
}

/// The form that starts a team decision.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewDecisionForm {
    pub title: String,
    pub context: String,
    pub anonymous: bool,
    pub errors: Vec<String>,
}
