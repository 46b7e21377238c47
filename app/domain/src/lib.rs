//! The questionnaire model and the explainable scoring engine.
//!
//! Pure: no IO, no web framework, deterministic. Input is a [`Questionnaire`] and
//! a set of [`Answers`]; output is an [`Assessment`] in which every number is the
//! sum of visible [`Term`]s, hard constraints are reported apart from points, and
//! tipping points are computed by re-scoring, never written by hand.
//!
//! A plan ([`PlanAnswers`], scored by [`assess_plan`]) decides per workload:
//! the organisation once for the system, the execution model for each
//! workload, and the set of platforms that serves them best once the price of
//! mixing platforms is paid. A plan of one workload is a single system. The records
//! that are stored and sent over the API ([`StoredResult`]) and the weightless
//! outline the wizard shows ([`WizardModel`]) live here too, so the server and
//! the pages take them from one place.

mod answer;
mod assessment;
mod candidate;
mod compiled;
pub mod draft;
mod facts;
mod fingerprint;
pub mod guide;
mod load;
mod load_error;
mod lifecycle;
mod load_plan;
pub mod outline;
mod plan;
mod plan_compiled;
mod plan_content;
mod plan_flat;
mod plan_score;
mod plan_search;
mod plan_tipping;
mod plan_validate;
mod question;
mod questionnaire;
mod rank;
mod raw;
mod record;
pub mod skip;
mod snapshot;
mod team;
mod team_plan;
mod team_workloads;
pub mod text;
mod tipping;
mod validate;
mod wizard_flow;
mod wizard_workloads;
mod workload;

pub use answer::{Answer, Answers};
pub use assessment::{
    assess, Assessment, AxisResult, CandidateScore, Exclusion, Recommendation, Term, TermSource,
};
pub use candidate::{Axis, Candidate};
pub use load_error::{LoadError, LoadErrors};
pub use outline::{WizardKind, WizardModel, WizardOption, WizardQuestion, WizardSection};
pub use wizard_flow::Step;
pub use wizard_workloads::{FieldError, WorkloadsAction};
pub use plan::{assess_plan, Assignment, PlanMixing, PlanAssessment, PlanChoice, PlanExclusion, WorkloadAssessment};
pub use plan_content::{ChainRule, FactTest, MixingExtra, MixingPrice, WorkloadFact, WorkloadKind};
pub use question::{Choice, Condition, Constraint, HybridRule, OptionPoints, Question, QuestionKind, Scope};
pub use questionnaire::{Questionnaire, Section};
pub use record::StoredResult;
pub use facts::{read_facts, rescore_flat, rescore_plan, FactError, OutcomeChange};
pub use lifecycle::{check_link, check_transition, LinkError, Status, TransitionError};
pub use snapshot::{AnswerLine, PlanSnapshot, ResultSnapshot, WorkloadLines};
pub use team::{assess_team, combine, Discussion, OptionCount, QuestionSpread, TeamAssessment};
pub use team_plan::{assess_team_plan, combine_plan, DecisionWorkload, TeamPlanAssessment, WorkloadSpread};
pub use plan_validate::{PlanAnswerError, PlanAnswerErrors, PlanProblem, MAX_NAME_CHARS, MAX_WORKLOADS, MIN_WORKLOADS};
pub use tipping::{FollowUp, PlatformChange, ReviewTrigger, TippingPoint, WinnerChange, WorkloadMove};
pub use validate::{AnswerError, AnswerErrors};
pub use workload::{PlanAnswers, Workload};
