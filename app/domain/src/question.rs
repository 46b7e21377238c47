//! Questions, their options, the points each option gives, and skip logic.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick exactly one option.
    Single,
    /// Pick any number of options (none included, unless required).
    Multiple,
    /// Pick one option of an ordered scale; the order carries meaning
    /// ("grows past …"), and team answers are combined by their median.
    Scale,
}

/// Whom a question is about: the whole system, or one workload of it.
///
/// The organisation of a system is one decision, so its questions are asked
/// once; how each workload runs is decided per workload, so questions about
/// load, response time, state and the like are asked once per workload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    System,
    Workload,
}

impl Scope {
    pub fn is_system(&self) -> bool {
        *self == Scope::System
    }
}

/// A question of the questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: String,
    pub section: String,
    /// Asked once for the system, or once per workload. Left out of the
    /// serialised form (and so of the fingerprint) when it is the default.
    #[serde(default, skip_serializing_if = "Scope::is_system")]
    pub scope: Scope,
    /// Asked only when a plan has two or more workloads: a question such as
    /// "who waits for it?" means nothing when the one workload is the whole
    /// system, and leaving it out keeps the single-system questionnaire as it was.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_with_several: bool,
    pub prompt: String,
    /// Markdown shown under the prompt.
    pub help: String,
    /// The guide page and anchor that explains the question, such as `factors#latency-sensitivity`.
    pub guide: String,
    pub kind: QuestionKind,
    pub required: bool,
    /// Shown only when every condition holds. Conditions refer to earlier questions.
    pub show_if: Vec<Condition>,
    /// The review trigger's situation, with `{to}` where the new answer goes:
    /// "the number of teams becomes {to}" reads "Revisit if the number of
    /// teams becomes “Four or more”". A whole sentence per question, so each
    /// reads right whatever its grammar.
    pub revisit: String,
    pub options: Vec<Choice>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}

/// One option of a question. (Named `Choice` so as not to clash with `Option`.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub points: Vec<OptionPoints>,
    pub excludes: Vec<Constraint>,
}

/// Points an option gives one candidate, with the reason in one sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionPoints {
    pub candidate: String,
    pub points: i32,
    pub because: String,
}

/// A hard constraint: choosing the option rules a candidate out, whatever its points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Constraint {
    pub candidate: String,
    pub because: String,
}

/// "Show this question if the answer to `question` includes any of `any_of`."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

/// A note added to the recommendation when the winners and the answers call for
/// a hybrid ("add serverless functions for the bursty parts").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HybridRule {
    pub id: String,
    /// Applies only when the winner on its axis is one of these (empty: any).
    pub when_organisation: Vec<String>,
    pub when_execution: Vec<String>,
    /// And every one of these conditions holds on the answers.
    pub conditions: Vec<Condition>,
    /// The candidates the note recommends; the note is left out when a hard
    /// constraint rules any of them out.
    pub suggests: Vec<String>,
    pub note: String,
}

impl Condition {
    /// The answer to `question` includes one of `any_of`.
    pub fn holds(&self, answers: &crate::Answers) -> bool {
        answers.get(&self.question).is_some_and(|a| a.selected().iter().any(|o| self.any_of.contains(o)))
    }
}
