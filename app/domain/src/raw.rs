//! The questionnaire file as it is written: the shapes TOML is read into,
//! before [`crate::load`] checks them and builds the model.

use crate::candidate::Axis;
use crate::question::QuestionKind;
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub(crate) version: String,
    pub(crate) close_call_margin: i32,
    pub(crate) candidates: Vec<Spanned<RawCandidate>>,
    pub(crate) sections: Vec<Spanned<RawSection>>,
    pub(crate) questions: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    pub(crate) hybrids: Vec<Spanned<RawHybrid>>,
    #[serde(default)]
    pub(crate) workload_kinds: Vec<Spanned<RawKind>>,
    pub(crate) mixing: Option<Spanned<RawMixing>>,
    #[serde(default)]
    pub(crate) workload_facts: Vec<Spanned<RawFact>>,
    #[serde(default)]
    pub(crate) chains: Vec<Spanned<RawChain>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCandidate {
    pub(crate) id: String,
    pub(crate) axis: Axis,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) short: String,
    pub(crate) summary: String,
    pub(crate) guide: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) intro: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    pub(crate) id: String,
    pub(crate) section: String,
    pub(crate) prompt: String,
    #[serde(default)]
    pub(crate) help: String,
    pub(crate) guide: String,
    pub(crate) kind: QuestionKind,
    /// "system" or "workload"; checked by the loader so the error names the question.
    pub(crate) scope: Option<String>,
    #[serde(default)]
    pub(crate) only_with_several: bool,
    #[serde(default = "yes")]
    pub(crate) required: bool,
    #[serde(default)]
    pub(crate) show_if: Vec<RawCondition>,
    pub(crate) revisit: String,
    pub(crate) options: Vec<Spanned<RawOption>>,
}

pub(crate) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    pub(crate) id: String,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) points: Vec<RawPoints>,
    #[serde(default)]
    pub(crate) excludes: Vec<RawConstraint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPoints {
    pub(crate) candidate: String,
    pub(crate) points: i32,
    pub(crate) because: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConstraint {
    pub(crate) candidate: String,
    pub(crate) because: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub(crate) question: String,
    pub(crate) any_of: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHybrid {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) when_organisation: Vec<String>,
    #[serde(default)]
    pub(crate) when_execution: Vec<String>,
    #[serde(default)]
    pub(crate) conditions: Vec<RawCondition>,
    pub(crate) suggests: Vec<String>,
    pub(crate) note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKind {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) summary: String,
    #[serde(default)]
    pub(crate) default: bool,
    pub(crate) suggest: Option<Spanned<crate::answer::Answers>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMixing {
    pub(crate) label: String,
    pub(crate) points: i32,
    pub(crate) because: String,
    #[serde(default)]
    pub(crate) extras: Vec<RawMixingExtra>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMixingExtra {
    pub(crate) question: String,
    pub(crate) any_of: Vec<String>,
    pub(crate) points: i32,
    pub(crate) because: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) at_least: Option<usize>,
    pub(crate) differ: Option<String>,
    #[serde(default)]
    pub(crate) points: Vec<RawPoints>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChain {
    pub(crate) id: String,
    pub(crate) callee: RawCondition,
    pub(crate) callers: RawCondition,
    pub(crate) carries: String,
    pub(crate) candidates: Vec<String>,
    pub(crate) because: String,
}
