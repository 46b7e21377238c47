//! The wizard page as the views see it: the steps, the progress, and the one
//! step shown, all decided on the server (`crossroads_domain::wizard_flow`).
//! The island only swaps steps in place and shows or hides follow-up
//! questions; it builds nothing and decides nothing.

use crossroads_domain::QuestionKind;

pub use crossroads_domain::draft::{decode_draft, encode_draft};

/// The cookie that held the answers before drafts were kept on the server;
/// still read once, so a questionnaire begun before an upgrade goes on.
pub const DRAFT_COOKIE: &str = "crossroads_draft";

/// The cookie holding the id under which the server keeps the visitor's draft.
pub const DRAFT_ID_COOKIE: &str = "crossroads_draft_id";

/// The header the island sends when it wants a step's HTML alone.
pub const FRAGMENT_HEADER: &str = "x-crossroads-fragment";

/// One wizard page: the step list, the progress and the current step.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WizardView {
    pub steps: Vec<StepLink>,
    /// Questions answered, and questions asked, over every step.
    pub progress: (usize, usize),
    pub step: StepView,
    /// Set while a member answers for a team decision: (decision id, title).
    pub team: Option<(String, String)>,
}

/// A step in the list at the top.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StepLink {
    pub title: String,
    pub href: String,
    pub current: bool,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StepView {
    Questions(QuestionsStep),
    Workloads(WorkloadsStep),
    Review(ReviewStep),
}

/// A section of system questions, or one workload's questions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QuestionsStep {
    /// Where the step's form posts (its own address).
    pub action: String,
    /// "Step 2 of 7".
    pub position: (usize, usize),
    pub title: String,
    pub intro: String,
    /// For a workload's step: its kind's label.
    pub kind: Option<String>,
    pub questions: Vec<QuestionView>,
    /// Some shown question needs an answer before going on.
    pub has_errors: bool,
    pub first: bool,
    /// The next step is the review.
    pub last: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QuestionView {
    pub id: String,
    pub prompt: String,
    /// Already safe HTML (rendered from the content's markdown at start-up).
    pub help_html: String,
    pub guide_href: String,
    pub kind: QuestionKind,
    pub required: bool,
    /// (option id, label, chosen)
    pub options: Vec<(String, String, bool)>,
    /// Hidden by skip logic for the answers so far.
    pub hidden: bool,
    /// The conditions on answers in this same step, as `question=option,option;…`,
    /// for the island to re-check as answers change (conditions on other
    /// steps' answers are settled on the server).
    pub show_if: String,
    pub error: Option<String>,
    /// On a workload's step: the section the question comes from, when it
    /// starts a new one (a subheading).
    pub section: Option<String>,
    /// In a page rendered once for everyone: each option's marker, where the
    /// visitor's choice goes (see `crate::personal`); empty otherwise.
    pub chosen_slots: Vec<String>,
}

/// Naming the workloads and picking their kinds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkloadsStep {
    pub action: String,
    pub position: (usize, usize),
    pub rows: Vec<WorkloadRow>,
    /// (id, label, summary) of every kind offered.
    pub kinds: Vec<(String, String, String)>,
    /// (field, message): `w.{n}.name`, `w.{n}.kind`, or `workloads`.
    pub errors: Vec<(String, String)>,
    /// A team decision's owner set the workloads: they are shown, not edited.
    pub fixed: bool,
    pub can_add: bool,
    pub most: usize,
    pub guide_href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkloadRow {
    pub name: String,
    pub kind: String,
}

/// Every answer, per part, before submitting.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReviewStep {
    pub groups: Vec<ReviewGroup>,
    /// The first step with a required question left, if any.
    pub incomplete: Option<String>,
    /// (question, message) from a refused submission.
    pub errors: Vec<(String, String)>,
}

/// The system's answers, or one workload's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReviewGroup {
    pub title: String,
    pub href: String,
    /// (prompt, answer as shown, missing, link to the step)
    pub rows: Vec<(String, String, bool, String)>,
}

impl WizardView {
    /// Takes the visitor's chosen options out of the page: `slot` gets each
    /// option's flag, in order, and gives the marker left in its place. What
    /// is left is the same for everyone on this step with the same questions.
    pub fn take_choices(&mut self, mut slot: impl FnMut(bool) -> String) {
        if let StepView::Questions(step) = &mut self.step {
            for q in &mut step.questions {
                q.chosen_slots = q.options.iter_mut().map(|(_, _, chosen)| slot(std::mem::take(chosen))).collect();
            }
        }
    }
}

impl QuestionView {
    /// The form field name of this question.
    pub fn field(&self) -> String {
        format!("q.{}", self.id)
    }
}
