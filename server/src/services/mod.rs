//! What routes call to get work done: create and find results, who the
//! visitor is in a team decision, what the team pages show, share cards,
//! exports. Each answers with data or a [`ServiceError`], never an HTTP
//! response; the routes turn both into responses (failures in one place,
//! `routes/failures.rs`).

pub mod assess;
pub mod card_png;
pub mod cards;
pub mod decision_feed;
pub mod decision_log;
pub mod drafts;
pub mod export;
pub mod lifecycle;
mod known_results;
mod export_plan;
mod markdown;
pub mod membership;
pub mod own_decision;
pub mod results;
pub use known_results::KnownResults;
pub mod team_plan_rows;
pub mod team_view;
pub mod team_workloads;
pub mod webhook_body;
pub mod webhook_delivery;
pub mod webhooks;

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
    /// The decision log is off (no sign-in, and the setting does not turn it on).
    #[error("the decision log is not shown here")]
    LogHidden,
    /// A decision log query that cannot be answered: the message says why.
    #[error("{0}")]
    BadLogQuery(String),
    /// A decision webhook address the server does not send to; nothing stored.
    #[error("webhook address refused: {0}")]
    WebhookRefused(String),
    /// Turning a result into a decision, asked by someone who did not create it.
    #[error("only the result's creator may make it a decision")]
    NotResultCreator,
    /// A title that cannot be used: why.
    #[error("{0}")]
    BadTitle(String),
    /// A status change, review or fact the lifecycle does not allow now.
    #[error("not allowed: {reason}")]
    NotAllowed { id: String, reason: String },
    /// A supersede link refused: the reason.
    #[error("not linked: {0}")]
    LinkRefused(String),
    /// Facts naming no question or no option of it: (question, problem) each.
    #[error("facts refused")]
    BadFacts(Vec<(String, String)>),
    /// Not a date as YYYY-MM-DD.
    #[error("not a date: {0}")]
    BadDate(String),
    #[error("drawing a card failed: {0}")]
    Drawing(String),
}
