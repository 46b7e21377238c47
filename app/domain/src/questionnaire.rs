//! The whole questionnaire: candidates, sections, questions, hybrid rules.

use crate::answer::Answers;
use crate::candidate::{Axis, Candidate};
use crate::plan_content::{ChainRule, MixingPrice, WorkloadFact, WorkloadKind};
use crate::question::{HybridRule, Question, Scope};
use crate::skip;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
}

/// A loaded, validated questionnaire. Build one with [`Questionnaire::from_toml`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Questionnaire {
    pub version: String,
    /// A winner whose lead is smaller than this many points is flagged as a close call.
    pub close_call_margin: i32,
    pub candidates: Vec<Candidate>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub hybrids: Vec<HybridRule>,
    /// The kinds of workload a plan's workloads can be; one is the default.
    #[serde(default)]
    pub workload_kinds: Vec<WorkloadKind>,
    /// What each platform beyond the first costs a plan.
    #[serde(default)]
    pub mixing: MixingPrice,
    /// Facts about a plan's set of workloads that give organisation points.
    #[serde(default)]
    pub workload_facts: Vec<WorkloadFact>,
    /// Synchronous chains: what a workload carries from the workloads that wait for it.
    #[serde(default)]
    pub chains: Vec<ChainRule>,
    /// SHA-256 of the normalised questionnaire (see [`crate::fingerprint`]).
    pub fingerprint: String,
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    pub fn candidates_on(&self, axis: Axis) -> impl Iterator<Item = &Candidate> {
        self.candidates.iter().filter(move |c| c.axis == axis)
    }

    /// The questions of a section as a single system is asked them: questions
    /// asked only of plans with several workloads are left out, so a flat
    /// answer set keeps exactly the questions it always had. See
    /// [`Questionnaire::questions_for`] for a plan's questions.
    pub fn section_questions<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.section == section && !q.only_with_several)
    }

    /// The questions a plan with `workloads` workloads may ask, in order:
    /// with one workload, those a single system is asked.
    pub fn questions_for(&self, workloads: usize) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| workloads > 1 || !q.only_with_several)
    }

    /// The questions of one scope, in order.
    pub fn questions_in(&self, scope: Scope) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.scope == scope)
    }

    /// Whether `question` is shown to a single system (one workload), given
    /// the answers to earlier questions.
    pub fn is_visible(&self, question: &Question, answers: &Answers) -> bool {
        self.is_asked(question, answers, 1)
    }

    /// Whether `question` is shown in a plan of `workloads` workloads, given
    /// the answers to earlier questions (for a workload question: the system
    /// answers and that workload's answers together).
    pub fn is_asked(&self, question: &Question, answers: &Answers, workloads: usize) -> bool {
        (workloads > 1 || !question.only_with_several) && skip::is_shown(&question.show_if, answers)
    }

    /// [`Questionnaire::is_asked`] for a workload question, given the system
    /// answers and the workload's own answers apart.
    pub fn is_asked_in(&self, question: &Question, system: &Answers, own: &Answers, workloads: usize) -> bool {
        (workloads > 1 || !question.only_with_several) && skip::is_shown_over(&question.show_if, own, system)
    }

    /// Only the answers to questions that are shown to a single system (see [`skip::prune`]).
    pub fn prune(&self, answers: &Answers) -> Answers {
        self.prune_for(answers, 1)
    }

    /// Only the answers to questions shown in a plan of `workloads` workloads.
    pub fn prune_for(&self, answers: &Answers, workloads: usize) -> Answers {
        skip::prune(self.questions_for(workloads).map(|q| (q.id.as_str(), q.show_if.as_slice())), answers)
    }

    /// The kind a flat answer set's one workload gets.
    pub fn default_kind(&self) -> Option<&WorkloadKind> {
        self.workload_kinds.iter().find(|k| k.default)
    }

    pub fn workload_kind(&self, id: &str) -> Option<&WorkloadKind> {
        self.workload_kinds.iter().find(|k| k.id == id)
    }

    /// The questions shown for these answers, in order.
    pub fn visible_questions<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| self.is_visible(q, answers))
    }
}
