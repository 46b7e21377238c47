//! A team decision with workloads: the members' plans combined per workload
//! by the engine, and the one-row-per-workload view of it that the team page,
//! the JSON, the ADR and the card show. A decision without workloads never
//! comes here: it stays exactly as flat decisions always were.

use crate::services::markdown::md_escaped;
use app::team::{TeamPlanView, TeamView, TeamWorkloadRow};
use crossroads_domain::{assess_team_plan, DecisionWorkload, PlanAnswers, Questionnaire, ResultSnapshot, TeamAssessment};
use std::fmt::Write;

/// The team's plan, as the shared team views read it: a team assessment of
/// the plan as a single system (its headline names every workload), its
/// snapshot, and the rows. `None` before anyone answered.
pub fn assess(questionnaire: &Questionnaire, workloads: &[DecisionWorkload], members: &[PlanAnswers]) -> Option<(TeamAssessment, ResultSnapshot, TeamPlanView)> {
    let team = assess_team_plan(questionnaire, workloads, members)?;
    let snapshot = ResultSnapshot::from_plan(questionnaire, team.assessment.clone());
    let label = |id: &Option<String>| id.as_deref().and_then(|id| snapshot.candidate(id)).map(|c| c.label.clone());
    let rows = team
        .assessment
        .workloads
        .iter()
        .zip(&team.workloads)
        .map(|(scored, spread)| TeamWorkloadRow {
            name: scored.name.clone(),
            kind: scored.kind.clone(),
            kind_label: scored.kind_label.clone(),
            platform: label(&scored.platform),
            discuss_first: spread.discuss_first.clone(),
            spreads: spread.spreads.clone(),
        })
        .collect();
    let plan = TeamPlanView { organisation: label(&team.assessment.organisation.winner), workloads: rows };
    let flat = TeamAssessment {
        combined: snapshot.assessment.answers.clone(),
        assessment: snapshot.assessment.clone(),
        spreads: team.spreads,
        discuss_first: team.discuss_first,
    };
    Some((flat, snapshot, plan))
}

/// The ADR's section on the workloads (empty for a decision without them).
pub fn madr(view: &TeamView) -> String {
    let Some(plan) = &view.plan else { return String::new() };
    let mut md = String::from("\n### Per workload\n\n");
    let organisation = plan.organisation.as_deref().unwrap_or("none fits");
    let _ = writeln!(md, "Organisation, for the whole system: {}\n", md_escaped(organisation));
    let _ = writeln!(md, "| Workload | Kind | Execution | Disagreements that change the outcome |\n|---|---|---|---|");
    for row in &plan.workloads {
        let discuss: Vec<String> = row.discuss_first.iter().map(|d| format!("{} — {}", md_escaped(&d.prompt), md_escaped(&d.effect))).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            md_escaped(&row.name),
            md_escaped(&row.kind_label),
            md_escaped(row.platform.as_deref().unwrap_or("no platform fits")),
            if discuss.is_empty() { "none".to_string() } else { discuss.join("; ") }
        );
    }
    md
}

