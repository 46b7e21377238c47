//! The questionnaire model and the explainable scoring engine.
//!
//! Pure: no IO, no web framework, deterministic. Input is a [`Questionnaire`] and
//! a set of [`Answers`]; output is an [`Assessment`] in which every number is the
//! sum of visible [`Term`]s, hard constraints are reported apart from points, and
//! tipping points are computed by re-scoring, never written by hand.

mod answer;
mod assessment;
mod candidate;
pub mod draft;
mod fingerprint;
mod load;
mod question;
mod questionnaire;
mod snapshot;
mod team;
mod tipping;

pub use answer::{Answer, AnswerError, AnswerErrors, Answers};
pub use assessment::{
    assess, Assessment, AxisResult, CandidateScore, Exclusion, Recommendation, Term,
};
pub use candidate::{Axis, Candidate};
pub use load::{LoadError, LoadErrors};
pub use question::{Condition, Constraint, HybridRule, OptionPoints, Question, QuestionKind, Choice};
pub use questionnaire::{Questionnaire, Section};
pub use snapshot::{AnswerLine, ResultSnapshot};
pub use team::{assess_team, combine, Discussion, OptionCount, QuestionSpread, TeamAssessment};
pub use tipping::{ReviewTrigger, TippingPoint, WinnerChange};
