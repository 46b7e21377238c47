//! What routes call to get work done: create and find results, who the
//! visitor is in a team decision, what the team pages show, share cards,
//! exports. Each answers with data or a [`ServiceError`], never an HTTP
//! response; the routes turn both into responses (failures in one place,
//! `routes/failures.rs`).

pub mod assess;
pub mod card_png;
pub mod cards;
pub mod drafts;
pub mod export;
mod export_plan;
mod markdown;
pub mod membership;
pub mod results;
pub mod team_plan_rows;
pub mod team_view;
pub mod team_workloads;

use crate::db::StorageError;

/// Why a service could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("there is no result {0}")]
    NoResult(String),
    #[error("result {0} was deleted by its creator")]
    ResultGone(String),
    /// A deletion without the result's delete token.
    #[error("only the result's creator may delete it")]
    NotCreator,
    #[error("there is no team decision {0}")]
    NoDecision(String),
    /// A change asked of a closed decision.
    #[error("the decision \"{title}\" is closed")]
    Closed { id: String, title: String },
    /// The decision closed between a member's start and their submission;
    /// their answers are kept as result `kept`.
    #[error("the decision \"{title}\" closed before the answers arrived")]
    ClosedMeanwhile { title: String, kept: String },
    /// The member was removed (or the decision deleted) meanwhile.
    #[error("no longer a member")]
    NoLongerMember { kept: String },
    /// An owner action by someone who does not own the decision.
    #[error("only the decision's owner may do this")]
    NotOwner,
    /// The owner changed the workloads after a member submitted answers.
    #[error("members have answered for the decision's workloads")]
    WorkloadsAnswered { id: String },
    /// Answers for other workloads than the decision's (set or changed by the owner meanwhile).
    #[error("the answers are not for the decision's workloads")]
    OtherWorkloads { id: String },
    #[error("drawing a card failed: {0}")]
    Drawing(String),
}
