//! Team decision pages as the views see them.

use crossroads_domain::{DecisionWorkload, Discussion, QuestionSpread, ResultSnapshot, TeamAssessment};
use serde::Serialize;
pub use crate::lifecycle::LifecycleView;

/// What every visitor of one revision of a decision sees alike.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamData {
    pub members: Vec<MemberRow>,
    pub answered: usize,
    pub team: Option<TeamAssessment>,
    pub snapshot: Option<ResultSnapshot>,
    /// With workloads set by the owner: the team's plan, one row per workload.
    pub plan: Option<TeamPlanView>,
}

/// The team's plan: the organisation once, then one row per workload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamPlanView {
    /// The organisation's label; `None` when every option is ruled out.
    pub organisation: Option<String>,
    pub workloads: Vec<TeamWorkloadRow>,
}

/// One workload of the team's plan, with the team's disagreements about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamWorkloadRow {
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    /// The platform's label; `None` when every platform is ruled out for it.
    pub platform: Option<String>,
    /// Disagreements that would change the outcome, most consequential first.
    pub discuss_first: Vec<Discussion>,
    /// How the members' answers for this workload spread, per question.
    pub spreads: Vec<QuestionSpread>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DecisionInfo {
    pub id: String,
    pub title: String,
    /// Rendered from the owner's markdown; raw HTML in it is shown as text.
    pub context_html: String,
    pub anonymous: bool,
    pub closed: bool,
    pub revision: i64,
    /// The workloads the owner set; empty: the whole system, as one.
    pub workloads: Vec<DecisionWorkload>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    /// The member's name, or "Member N" in anonymous mode.
    pub name: String,
    /// Their result's id; never set in anonymous mode (it would show their answers).
    pub result_id: Option<String>,
    /// They submitted answers (known in anonymous mode too).
    pub answered: bool,
    pub headline: Option<String>,
}

/// The visitor's own membership, recognised by their sign-in or their cookie.
#[derive(Clone, Debug, PartialEq)]
pub struct Me {
    pub name: String,
    /// The private link to continue in another browser (none with sign-in:
    /// signing in there is enough).
    pub private_url: Option<String>,
    pub submitted: bool,
}

/// Whether the visitor may join, and if not, why.
#[derive(Clone, Debug, PartialEq)]
pub enum Joining {
    /// The join form, asking for a name.
    Open,
    /// Signed in: they join under the name the sign-in gives.
    AsSignedIn { name: String },
    /// Without sign-in, joining needs the owner's invite link.
    NeedsInvite,
    Full,
    Closed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TeamView {
    pub decision: DecisionInfo,
    pub member_url: String,
    pub me: Option<Me>,
    pub joining: Joining,
    /// In join order, or in a stable shuffled order when anonymous.
    pub members: Vec<MemberRow>,
    pub max_members: usize,
    /// Anonymous, and fewer than three members have answered: names are
    /// hidden, but answers could still be told apart.
    pub weak_anonymity: bool,
    /// The combined recommendation, once anyone has answered.
    pub team: Option<TeamAssessment>,
    /// The team assessment as a result snapshot, for the shared result views.
    pub snapshot: Option<ResultSnapshot>,
    /// With workloads set by the owner: one row per workload.
    pub plan: Option<TeamPlanView>,
    /// Shown next to the join form (e.g. a name that is too long).
    pub join_error: Option<String>,
    /// Status, supersede links, review date and recorded facts.
    pub lifecycle: LifecycleView,
    /// In a page rendered once for everyone: the marker where each visitor's
    /// own card (`me`, `joining`, `join_error`) goes; see `crate::personal`.
    pub you_slot: Option<String>,
}

impl TeamView {
    /// Takes the visitor's own card out of the page: `slot` gets its data
    /// (me, joining, join_error) and gives the marker left in its place.
    /// What is left is the same for every visitor of this revision.
    pub fn take_you(&mut self, slot: impl FnOnce(Option<Me>, Joining, Option<String>) -> String) {
        let (me, joining, error) = (self.me.take(), std::mem::replace(&mut self.joining, Joining::NeedsInvite), self.join_error.take());
        self.you_slot = Some(slot(me, joining, error));
    }
}

/// A member as the owner sees them: to remove one.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerMemberRow {
    pub id: String,
    pub name: String,
    /// Who signed in as them, when people sign in: a name alone proves nothing.
    pub identity: Option<String>,
    pub answered: bool,
}

/// The owner's page: the controls, the links, the members and the history.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerView {
    pub decision: DecisionInfo,
    pub member_url: String,
    /// The owner link, when this browser holds the owner token.
    pub owner_url: Option<String>,
    /// How people join: sign-in, the invite link, or an invite this browser cannot show.
    pub invite: InviteView,
    pub members: Vec<OwnerMemberRow>,
    /// (time, action), oldest first.
    pub history: Vec<(String, String)>,
    pub error: Option<String>,
    /// The workloads form: the kinds to choose from (id, label), and whether
    /// a submission already fixes the workloads.
    pub kinds: Vec<(String, String)>,
    pub workloads_locked: bool,
    /// Listed in the decision log, and its tags; `None` while the log is off.
    pub log: Option<crate::decision_log::LogSettingsView>,
    /// The decision's own webhook and its delivery log.
    pub webhook: WebhookView,
    /// Status, supersede links, review date and recorded facts.
    pub lifecycle: LifecycleView,
    /// The questions a fact may name, with their options (id, label), for the facts form.
    pub fact_questions: Vec<(String, String, Vec<(String, String)>)>,
}

/// The owner's webhook controls: where the decision's events go (only under
/// an address the server allows), the secret to verify them with, and what
/// became of the latest attempts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebhookView {
    /// Address prefixes the server allows; none: decisions have no webhooks here.
    pub allowed: Vec<String>,
    pub url: Option<String>,
    /// `whsec_…`, made by the server.
    pub secret: Option<String>,
    /// Newest first.
    pub log: Vec<DeliveryRow>,
}

/// One delivery attempt as the owner reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveryRow {
    pub at: String,
    /// The event's type and id.
    pub event: String,
    /// The HTTP status, or why there was none.
    pub outcome: String,
    /// "delivered", "given up" or the next try's time.
    pub next: String,
}

/// How the owner's page shows the way in.
#[derive(Clone, Debug, PartialEq)]
pub enum InviteView {
    /// People sign in; the team page's address is enough.
    SignIn,
    /// The invite link to share.
    Link(String),
    /// An invite exists, but this browser does not hold the owner link that
    /// opens its sealed copy (or it predates sealing): replacing it shows one.
    Hidden,
}

/// The form that starts a team decision.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewDecisionForm {
    pub title: String,
    pub context: String,
    pub anonymous: bool,
    pub errors: Vec<String>,
}
