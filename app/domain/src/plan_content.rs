//! The content only plans use: the kinds of workload a wizard offers, the
//! price of running more than one platform, facts about the set of workloads
//! that bear on the organisation, and synchronous chains. All of it is data
//! from the questionnaire file; no code names a kind, question or candidate.

use crate::answer::Answers;
use crate::question::{Condition, OptionPoints};
use serde::{Deserialize, Serialize};

/// A kind of workload, such as "HTTP API" or "Queue worker".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadKind {
    pub id: String,
    pub label: String,
    /// One line saying what the kind covers.
    pub summary: String,
    /// The kind of the one workload a flat (single-system) answer set becomes.
    /// Exactly one kind is the default; its label names that workload.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
    /// Suggested answers to workload questions, for the wizard to pre-fill.
    /// The engine never scores a suggestion: only answers count.
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub suggest: Answers,
}

/// What one more platform costs a plan, in points: a base price plus extras
/// for system answers that make a second platform heavier (or lighter) to run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MixingPrice {
    /// Names the base price where it is shown, e.g. "Each platform beyond the first".
    pub label: String,
    pub points: i32,
    pub because: String,
    pub extras: Vec<MixingExtra>,
}

/// Extra points on the mixing price when a system answer holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MixingExtra {
    pub when: Condition,
    pub points: i32,
    pub because: String,
}

/// A fact about the set of workloads that gives organisation points, such as
/// "three or more workloads" or "their loads behave differently". A fact
/// never holds for a single workload, so a one-workload plan scores exactly
/// as a single system does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadFact {
    pub id: String,
    /// Shown as the term's prompt, e.g. "The plan has three or more workloads".
    pub label: String,
    pub test: FactTest,
    /// Organisation points given when the fact holds, each with its reason.
    pub points: Vec<OptionPoints>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum FactTest {
    /// The plan has at least this many workloads (two or more).
    AtLeast { workloads: usize },
    /// At least two workloads answer this workload question differently.
    Differ { question: String },
}

/// A synchronous chain: a workload that interactive workloads call and wait
/// for carries their sensitivity to response time.
///
/// For each workload whose answer meets `callee`, the callers are the other
/// workloads whose answers meet `callers`. Their answer to `carries` is
/// applied to the callee once more, but only for `candidates` (the platforms
/// that scale to zero and start cold), as terms of their own with `because`:
/// a cold start in the callee is a delay the callers' users wait through too.
/// When the callers answer differently, the most demanding answer is carried:
/// the one that rules out a listed candidate, or else gives the listed
/// candidates the fewest points (ties: the first caller's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainRule {
    pub id: String,
    pub callee: Condition,
    pub callers: Condition,
    pub carries: String,
    pub candidates: Vec<String>,
    pub because: String,
}

impl ChainRule {
    /// Points and rule-outs `answer` to the carried question gives the listed
    /// candidates: the measure of how demanding a caller's answer is.
    pub(crate) fn demand(&self, option: &crate::question::Choice) -> (bool, i32) {
        let excludes = option.excludes.iter().any(|c| self.candidates.contains(&c.candidate));
        let points = option.points.iter().filter(|p| self.candidates.contains(&p.candidate)).map(|p| p.points).sum();
        (excludes, points)
    }
}
