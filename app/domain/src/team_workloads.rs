//! A team decision's workloads as its owner sets them (names and kinds, by
//! the wizard's rules), and a member's draft held to them: every member
//! answers for the same workloads, so their answers combine per workload.

use crate::outline::WizardModel;
use crate::plan_validate::{MAX_WORKLOADS, MIN_WORKLOADS};
use crate::team_plan::DecisionWorkload;
use crate::wizard_workloads::{name_problem, FieldError};
use crate::workload::{PlanAnswers, Workload};

impl WizardModel {
    /// The owner's rows (name, kind), in order, as the decision's workloads;
    /// else every problem, each with its field (`w.{n}.name`, `w.{n}.kind`,
    /// or `workloads` for their number).
    pub fn decision_workloads(&self, rows: &[(String, String)]) -> Result<Vec<DecisionWorkload>, Vec<FieldError>> {
        if !(MIN_WORKLOADS..=MAX_WORKLOADS).contains(&rows.len()) {
            let message = format!("A decision has from {MIN_WORKLOADS} to {MAX_WORKLOADS} workloads; this form named {}.", rows.len());
            return Err(vec![FieldError { field: "workloads".into(), message }]);
        }
        let mut errors = Vec::new();
        let mut workloads: Vec<DecisionWorkload> = Vec::with_capacity(rows.len());
        for (i, (name, kind)) in rows.iter().enumerate() {
            let name = name.trim();
            let taken: Vec<&str> = workloads.iter().map(|w| w.name.as_str()).collect();
            if let Some(message) = name_problem(name, &taken) {
                errors.push(FieldError { field: format!("w.{i}.name"), message: format!("Workload {}: {message}", i + 1) });
            }
            if self.kind(kind).is_none() {
                errors.push(FieldError { field: format!("w.{i}.kind"), message: format!("Workload {}: choose one of the kinds offered.", i + 1) });
            }
            workloads.push(DecisionWorkload { name: name.to_string(), kind: kind.clone() });
        }
        if errors.is_empty() {
            Ok(workloads)
        } else {
            Err(errors)
        }
    }

    /// `draft` with exactly the decision's workloads: a workload of the
    /// same name and kind keeps its answers, any other starts from its
    /// kind's suggestions; the system answers stay.
    pub fn with_decision_workloads(&self, draft: &PlanAnswers, fixed: &[DecisionWorkload]) -> PlanAnswers {
        let workloads = fixed
            .iter()
            .map(|f| {
                let same = draft.workloads.iter().find(|w| w.name.trim().to_lowercase() == f.name.to_lowercase() && w.kind == f.kind);
                let answers = same.map_or_else(|| self.suggested(&f.kind), |w| w.answers.clone());
                Workload { name: f.name.clone(), kind: f.kind.clone(), answers }
            })
            .collect();
        self.prune(&PlanAnswers { system: draft.system.clone(), workloads })
    }
}

impl PlanAnswers {
    /// Whether this plan's workloads are exactly `fixed`: names and kinds, in order.
    pub fn has_workloads(&self, fixed: &[DecisionWorkload]) -> bool {
        self.workloads.len() == fixed.len() && self.workloads.iter().zip(fixed).all(|(w, f)| w.name.trim() == f.name && w.kind == f.kind)
    }
}

#[cfg(test)]
mod tests {
    use crate::outline::tests::model;

    fn rows(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, k)| (n.to_string(), k.to_string())).collect()
    }

    #[test]
    fn the_owner_names_workloads_by_the_wizard_rules() {
        let m = model();
        let ok = m.decision_workloads(&rows(&[(" Public API ", "api"), ("Uploads", "api")])).expect("valid");
        assert_eq!(ok[0].name, "Public API", "trimmed");
        let long = "x".repeat(61);
        let nine = vec![("A", "api"); 9];
        for (given, field) in [
            (rows(&[("API", "api"), ("api", "api")]), "w.1.name"),
            (rows(&[("  ", "api")]), "w.0.name"),
            (rows(&[(long.as_str(), "api")]), "w.0.name"),
            (rows(&[("A", "nope")]), "w.0.kind"),
            (rows(&[]), "workloads"),
            (rows(&nine), "workloads"),
        ] {
            let errors = m.decision_workloads(&given).expect_err("refused");
            assert_eq!(errors[0].field, field, "{given:?}: {errors:?}");
        }
    }

    #[test]
    fn a_members_draft_takes_the_decisions_workloads() {
        let m = model();
        let fixed = m.decision_workloads(&rows(&[("Checkout", "api"), ("Reports", "api")])).unwrap();
        let mut draft = m.new_draft();
        draft.workloads[0].name = "checkout".into();
        draft.workloads[0].kind = "api".into();
        draft.workloads[0].answers.set("load", crate::Answer::One("a".into()));
        let held = m.with_decision_workloads(&draft, &fixed);
        assert!(held.has_workloads(&fixed));
        assert!(!draft.has_workloads(&fixed));
        assert_eq!(held.workloads[0].answers.get("load"), Some(&crate::Answer::One("a".into())), "same name and kind keeps its answers");
    }
}
