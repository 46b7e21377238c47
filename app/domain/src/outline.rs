//! The questionnaire as the wizard shows it: sections, questions, options,
//! skip logic and the kinds of workload, without weights. The steps a person
//! walks through, and how a step's form changes the draft, are in
//! [`crate::wizard_flow`].

use crate::answer::Answers;
use crate::question::{Condition, Question, QuestionKind, Scope};
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardModel {
    pub sections: Vec<WizardSection>,
    /// The kinds of workload offered, in the content's order.
    #[serde(default)]
    pub kinds: Vec<WizardKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardSection {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub questions: Vec<WizardQuestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardQuestion {
    pub id: String,
    pub prompt: String,
    /// Help text, already rendered from markdown to safe HTML.
    pub help_html: String,
    /// `/guide/{page}#{anchor}`.
    pub guide_href: String,
    pub kind: QuestionKind,
    pub required: bool,
    pub show_if: Vec<Condition>,
    pub options: Vec<WizardOption>,
    /// Asked once for the system, or once per workload.
    #[serde(default)]
    pub scope: Scope,
    /// Asked only when the plan has several workloads.
    #[serde(default)]
    pub only_with_several: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardOption {
    pub id: String,
    pub label: String,
}

/// A kind of workload as the wizard offers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardKind {
    pub id: String,
    pub label: String,
    pub summary: String,
    /// The kind of the one workload a new draft starts with ("The whole system").
    pub default: bool,
    /// Answers pre-selected for a workload of this kind; each can be changed.
    pub suggest: Answers,
}

impl WizardModel {
    /// The outline of `q`: its sections, questions without weights, and kinds
    /// of workload. `help_html` renders a question's help (markdown) to safe HTML.
    pub fn from_questionnaire(q: &Questionnaire, mut help_html: impl FnMut(&Question) -> String) -> WizardModel {
        let sections = q
            .sections
            .iter()
            .map(|s| WizardSection {
                id: s.id.clone(),
                title: s.title.clone(),
                intro: s.intro.clone(),
                // Every question of the section, those asked only with several
                // workloads included: the wizard decides when to show them.
                questions: q
                    .questions
                    .iter()
                    .filter(|question| question.section == s.id)
                    .map(|question| WizardQuestion {
                        id: question.id.clone(),
                        prompt: question.prompt.clone(),
                        help_html: help_html(question),
                        guide_href: format!("/guide/{}", question.guide),
                        kind: question.kind,
                        required: question.required,
                        show_if: question.show_if.clone(),
                        options: question.options.iter().map(|o| WizardOption { id: o.id.clone(), label: o.label.clone() }).collect(),
                        scope: question.scope,
                        only_with_several: question.only_with_several,
                    })
                    .collect(),
            })
            .collect();
        let kinds = q
            .workload_kinds
            .iter()
            .map(|k| WizardKind { id: k.id.clone(), label: k.label.clone(), summary: k.summary.clone(), default: k.default, suggest: k.suggest.clone() })
            .collect();
        WizardModel { sections, kinds }
    }

    pub fn questions(&self) -> impl Iterator<Item = &WizardQuestion> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&WizardQuestion> {
        self.questions().find(|q| q.id == id)
    }

    pub fn kind(&self, id: &str) -> Option<&WizardKind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub fn default_kind(&self) -> Option<&WizardKind> {
        self.kinds.iter().find(|k| k.default)
    }

    /// The section a question sits in (its title heads it on a workload's step).
    pub fn section_of(&self, question: &str) -> Option<&WizardSection> {
        self.sections.iter().find(|s| s.questions.iter().any(|q| q.id == question))
    }

    /// The questions of one scope, in order.
    pub fn questions_in(&self, scope: Scope) -> impl Iterator<Item = &WizardQuestion> {
        self.questions().filter(move |q| q.scope == scope)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn question(id: &str, kind: QuestionKind, scope: Scope, show_if: Vec<Condition>) -> WizardQuestion {
        WizardQuestion {
            id: id.into(),
            prompt: format!("{id}?"),
            help_html: String::new(),
            guide_href: String::new(),
            kind,
            required: true,
            show_if,
            options: ["a", "b"].iter().map(|o| WizardOption { id: o.to_string(), label: o.to_uppercase() }).collect(),
            scope,
            only_with_several: false,
        }
    }

    /// Two system sections (the second with a follow-up), and a section that
    /// mixes a system question with two workload questions.
    pub(crate) fn model() -> WizardModel {
        let only_if_b = vec![Condition { question: "first".into(), any_of: vec!["b".into()] }];
        let mut waits = question("waits", QuestionKind::Single, Scope::Workload, vec![]);
        waits.only_with_several = true;
        let section = |id: &str, questions| WizardSection { id: id.into(), title: id.to_uppercase(), intro: String::new(), questions };
        let mut suggest = Answers::new();
        suggest.set("load", crate::Answer::One("b".into()));
        WizardModel {
            sections: vec![
                section("one", vec![question("first", QuestionKind::Single, Scope::System, vec![])]),
                section(
                    "two",
                    vec![question("many", QuestionKind::Multiple, Scope::System, vec![]), question("later", QuestionKind::Single, Scope::System, only_if_b)],
                ),
                section(
                    "work",
                    vec![
                        question("load", QuestionKind::Single, Scope::Workload, vec![]),
                        question("shared", QuestionKind::Single, Scope::System, vec![]),
                        waits,
                    ],
                ),
            ],
            kinds: vec![
                WizardKind { id: "whole".into(), label: "The whole system".into(), summary: String::new(), default: true, suggest: Answers::new() },
                WizardKind { id: "api".into(), label: "HTTP API".into(), summary: "Answers requests.".into(), default: false, suggest },
            ],
        }
    }

    #[test]
    fn questions_and_kinds_are_found() {
        let m = model();
        assert_eq!(m.section_of("load").map(|s| s.id.as_str()), Some("work"));
        assert_eq!(m.questions_in(Scope::Workload).count(), 2);
        assert_eq!(m.default_kind().map(|k| k.id.as_str()), Some("whole"));
        assert!(m.kind("api").is_some() && m.kind("nope").is_none());
    }
}
