//! Candidates: the possible answers to "how should we organise it?" and "how
//! should we run it?" — two independent axes.

use serde::{Deserialize, Serialize};

/// The two independent decisions: how the system is divided, and where it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Organisation,
    Execution,
}

impl Axis {
    pub const ALL: [Axis; 2] = [Axis::Organisation, Axis::Execution];

    pub fn label(self) -> &'static str {
        match self {
            Axis::Organisation => "Organisation",
            Axis::Execution => "Execution",
        }
    }

    pub fn question(self) -> &'static str {
        match self {
            Axis::Organisation => "How is the system divided?",
            Axis::Execution => "Where and how does the code run?",
        }
    }
}

/// One option on one axis, such as "modular monolith" or "managed containers".
/// Candidates earlier in the file are the simpler ones and win ties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub id: String,
    pub axis: Axis,
    pub label: String,
    /// A shorter label for tight places such as the chart's row names; empty
    /// means the label is short enough (left out of the fingerprint then, so
    /// questionnaires without it keep theirs).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// One sentence saying what choosing it means.
    pub summary: String,
    /// A link into the guide that explains it.
    pub guide: String,
}

impl Candidate {
    /// The short label, or the label when no short one is given.
    pub fn short_label(&self) -> &str {
        if self.short.is_empty() { &self.label } else { &self.short }
    }
}
