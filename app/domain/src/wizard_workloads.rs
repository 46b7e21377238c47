//! The wizard's "Workloads" step: naming the parts of the system, picking
//! their kinds, adding and removing them. A new workload, or one whose kind
//! changes, gets its kind's suggested answers, each of which can be changed.

use crate::outline::WizardModel;
use crate::plan_validate::{MAX_NAME_CHARS, MAX_WORKLOADS};
use crate::question::Scope;
use crate::workload::{PlanAnswers, Workload};
use crate::Answers;

/// What the person asked for with the step's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkloadsAction {
    /// Keep the names and kinds and go on (or back).
    Save,
    Add,
    Remove(usize),
}

impl WorkloadsAction {
    /// From the button's `nav` value: `add`, `remove.{n}`, anything else saves.
    pub fn from_nav(nav: &str) -> WorkloadsAction {
        match nav {
            "add" => WorkloadsAction::Add,
            _ => match nav.strip_prefix("remove.").and_then(|n| n.parse().ok()) {
                Some(index) => WorkloadsAction::Remove(index),
                None => WorkloadsAction::Save,
            },
        }
    }
}

/// One problem with the workloads form: the field (`w.{n}.name`) and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl WizardModel {
    /// Applies the workloads form (`w.{n}.name`, `w.{n}.kind` for each
    /// workload of the draft) and `action` to the draft. Nothing changes
    /// when a name or kind is not acceptable: the errors say why. With
    /// `fixed` (a team decision's owner set the workloads), names and kinds
    /// stay as they are.
    pub fn edit_workloads(&self, form: &[(String, String)], action: WorkloadsAction, draft: &mut PlanAnswers, fixed: bool) -> Vec<FieldError> {
        let value = |key: String| form.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());
        if fixed {
            // The fixed form shows names read-only and no kinds: anything
            // else was made by hand, and is refused rather than ignored.
            let changed = draft.workloads.iter().enumerate().any(|(i, w)| {
                value(format!("w.{i}.name")).is_some_and(|n| n.trim() != w.name) || value(format!("w.{i}.kind")).is_some_and(|k| k != w.kind)
            });
            let extra = value(format!("w.{}.name", draft.workloads.len())).is_some();
            return if action == WorkloadsAction::Save && !changed && !extra {
                Vec::new()
            } else {
                vec![FieldError { field: "workloads".into(), message: "The team decision's owner set these workloads: they cannot be added, removed or renamed here.".into() }]
            };
        }
        let removed = match action {
            WorkloadsAction::Remove(index) if draft.workloads.len() > 1 && index < draft.workloads.len() => Some(index),
            _ => None,
        };
        let mut errors = Vec::new();
        let mut edited = Vec::with_capacity(draft.workloads.len());
        for (i, workload) in draft.workloads.iter().enumerate() {
            if Some(i) == removed {
                continue;
            }
            let name = value(format!("w.{i}.name")).map_or(workload.name.clone(), |n| n.trim().to_string());
            let kind = value(format!("w.{i}.kind")).map_or(workload.kind.clone(), str::to_string);
            let taken: Vec<&str> = edited.iter().map(|w: &Workload| w.name.as_str()).collect();
            if let Some(message) = name_problem(&name, &taken) {
                errors.push(FieldError { field: format!("w.{i}.name"), message });
            }
            if self.kind(&kind).is_none() {
                errors.push(FieldError { field: format!("w.{i}.kind"), message: "Choose one of the kinds offered.".into() });
            }
            let answers = if kind != workload.kind { self.suggested(&kind) } else { workload.answers.clone() };
            edited.push(Workload { name, kind, answers });
        }
        if !errors.is_empty() {
            return errors;
        }
        if action == WorkloadsAction::Add {
            if edited.len() >= MAX_WORKLOADS {
                return vec![FieldError { field: "workloads".into(), message: format!("A plan has at most {MAX_WORKLOADS} workloads.") }];
            }
            edited.push(self.new_workload(&edited));
        }
        draft.workloads = edited;
        *draft = self.prune(draft);
        Vec::new()
    }

    /// A kind's suggested answers to workload questions.
    pub(crate) fn suggested(&self, kind: &str) -> Answers {
        let mut answers = Answers::new();
        if let Some(kind) = self.kind(kind) {
            for (question, answer) in kind.suggest.iter() {
                if self.question(question).is_some_and(|q| q.scope == Scope::Workload) {
                    answers.set(question.clone(), answer.clone());
                }
            }
        }
        answers
    }

    /// A workload to add: the first kind that is not the whole system, with
    /// its suggestions, under a name no other workload has.
    fn new_workload(&self, existing: &[Workload]) -> Workload {
        let kind = self.kinds.iter().find(|k| !k.default).or(self.kinds.first());
        let kind_id = kind.map(|k| k.id.clone()).unwrap_or_default();
        let taken = |name: &str| existing.iter().any(|w| w.name.to_lowercase() == name.to_lowercase());
        let name = (existing.len() + 1..).map(|n| format!("Workload {n}")).find(|n| !taken(n)).expect("some number is free");
        Workload { name, answers: self.suggested(&kind_id), kind: kind_id }
    }
}

/// What is wrong with a workload's (trimmed) name, given the names before it:
/// the rules of the wizard and of a team decision's owner alike.
pub(crate) fn name_problem(name: &str, taken: &[&str]) -> Option<String> {
    if name.is_empty() {
        Some("Give this workload a name.".into())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Some(format!("A name has at most {MAX_NAME_CHARS} characters."))
    } else if name.chars().any(|c| c.is_control() || crate::text::is_invisible(c)) {
        Some("A name cannot hold control or invisible characters (such as text-direction marks).".into())
    } else if taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        Some(format!("Another workload is called “{name}”: give each its own name."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::tests::model;
    use crate::Answer;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn names_that_hide_characters_or_turn_text_around_are_refused() {
        for bad in ["A\u{202E}exe.txt", "\u{200B}", "Api\u{200B}", "\u{FEFF}X"] {
            assert!(super::name_problem(bad, &[]).is_some_and(|m| m.contains("invisible")), "{bad:?}");
        }
        assert_eq!(super::name_problem("Public API", &[]), None);
    }

    #[test]
    fn workloads_are_renamed_added_and_removed() {
        let m = model();
        let mut draft = m.new_draft();
        let errors = m.edit_workloads(&form(&[("w.0.name", "  Checkout API "), ("w.0.kind", "api")]), WorkloadsAction::Add, &mut draft, false);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(draft.workloads.len(), 2);
        assert_eq!(draft.workloads[0].name, "Checkout API", "trimmed");
        assert_eq!(draft.workloads[0].answers.get("load"), Some(&Answer::One("b".into())), "a new kind brings its suggestions");
        assert_eq!((draft.workloads[1].name.as_str(), draft.workloads[1].kind.as_str()), ("Workload 2", "api"));
        m.edit_workloads(&form(&[]), WorkloadsAction::Remove(0), &mut draft, false);
        assert_eq!(draft.workloads.len(), 1);
        assert_eq!(draft.workloads[0].name, "Workload 2");
        m.edit_workloads(&form(&[]), WorkloadsAction::Remove(0), &mut draft, false);
        assert_eq!(draft.workloads.len(), 1, "the last workload stays");
    }

    #[test]
    fn bad_names_and_kinds_change_nothing_and_say_why() {
        let m = model();
        let mut draft = m.new_draft();
        m.edit_workloads(&form(&[]), WorkloadsAction::Add, &mut draft, false);
        let before = draft.clone();
        let long = "x".repeat(61);
        let cases = [
            (vec![("w.0.name", " "), ("w.1.name", "B")], "w.0.name", "a name"),
            (vec![("w.0.name", long.as_str()), ("w.1.name", "B")], "w.0.name", "at most 60"),
            (vec![("w.0.name", "Api"), ("w.1.name", "API")], "w.1.name", "its own name"),
            (vec![("w.0.name", "A\u{7}"), ("w.1.name", "B")], "w.0.name", "control"),
            (vec![("w.0.name", "A"), ("w.1.kind", "nope")], "w.1.kind", "kinds offered"),
        ];
        for (pairs, field, says) in cases {
            let errors = m.edit_workloads(&form(&pairs), WorkloadsAction::Save, &mut draft, false);
            assert_eq!(errors.len(), 1, "{pairs:?}: {errors:?}");
            assert_eq!(errors[0].field, field);
            assert!(errors[0].message.contains(says), "{}", errors[0].message);
            assert_eq!(draft, before);
        }
    }

    #[test]
    fn at_most_eight_and_fixed_workloads_stay() {
        let m = model();
        let mut draft = m.new_draft();
        for _ in 0..7 {
            assert!(m.edit_workloads(&form(&[]), WorkloadsAction::Add, &mut draft, false).is_empty());
        }
        let names: Vec<&str> = draft.workloads.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names.len(), 8);
        assert!(m.edit_workloads(&form(&[]), WorkloadsAction::Add, &mut draft, false)[0].message.contains("at most 8"));
        let before = draft.clone();
        let refused = m.edit_workloads(&form(&[("w.0.name", "Renamed")]), WorkloadsAction::Remove(0), &mut draft, true);
        assert_eq!(draft, before, "a team's workloads are the owner's");
        assert!(refused[0].message.contains("owner set"), "{refused:?}");
        let names: Vec<(String, String)> = before.workloads.iter().enumerate().map(|(i, w)| (format!("w.{i}.name"), w.name.clone())).collect();
        assert!(m.edit_workloads(&names, WorkloadsAction::Save, &mut draft, true).is_empty(), "the fixed form as shown goes on");
        assert!(!m.edit_workloads(&form(&[("w.0.kind", "nope")]), WorkloadsAction::Save, &mut draft, true).is_empty());
        assert_eq!(WorkloadsAction::from_nav("remove.3"), WorkloadsAction::Remove(3));
        assert_eq!(WorkloadsAction::from_nav("next"), WorkloadsAction::Save);
    }
}
