//! A plan on the grid of the two axes: organisation across, execution down.
//! The organisation is one for the system, so the plan's cells share its
//! column; each cell the plan uses lists the workloads that run there.
//! Cells ruled out for the whole system are marked.

use super::card::shorten;
use crossroads_domain::{PlanAssessment, ResultSnapshot};
use leptos::prelude::*;

/// Names drawn in one cell, at most; more are counted instead.
const NAMES_PER_CELL: usize = 4;

/// A sentence saying what the chart shows, for screen readers.
fn describe(plan: &PlanAssessment) -> String {
    let org = &plan.organisation;
    let platforms: Vec<String> = plan.workloads.first().map(|w| w.execution.scores.iter().map(|s| s.label.clone()).collect()).unwrap_or_default();
    let runs: Vec<String> = plan
        .workloads
        .iter()
        .map(|w| {
            let on = w.platform.as_deref().and_then(|p| w.execution.score(p)).map_or_else(|| "no platform fits".to_string(), |s| s.label.to_lowercase());
            format!("“{}” on {on}", w.name)
        })
        .collect();
    let out: Vec<String> = org
        .scores
        .iter()
        .filter(|s| s.is_excluded())
        .map(|s| s.label.clone())
        .chain(plan.ruled_out_everywhere.iter().map(|e| e.label.clone()))
        .collect();
    format!(
        "Organisation across: {}. Execution down: {}. Recommended: {} for the whole system; {}. Ruled out for the whole system: {}.",
        org.scores.iter().map(|s| format!("{} {} points", s.label, s.total)).collect::<Vec<_>>().join(", "),
        platforms.join(", "),
        org.winner_label().unwrap_or("no organisation"),
        runs.join("; "),
        if out.is_empty() { "none".to_string() } else { out.join(", ") }
    )
}

/// The plan's chart in the page, with its description for screen readers.
#[component]
pub fn PlanChart(snapshot: ResultSnapshot, plan: PlanAssessment) -> impl IntoView {
    let description = describe(&plan);
    let org = plan.organisation.clone();
    let platforms = plan.workloads.first().map(|w| w.execution.scores.clone()).unwrap_or_default();
    let (cell, left, top) = (135, 110, 30);
    let width = left + cell * org.scores.len() as i32 + 10;
    let height = top + cell * platforms.len() as i32 + 10;
    let org_winner = org.winner.clone().unwrap_or_default();
    let short = |candidate: &str, label: &str| snapshot.candidate(candidate).map_or(label, |c| c.short_label()).to_string();
    let mut cells = Vec::new();
    for (row, e) in platforms.iter().enumerate() {
        let everywhere = plan.ruled_out_everywhere.iter().any(|x| x.candidate == e.candidate);
        for (col, o) in org.scores.iter().enumerate() {
            let (x, y) = (left + col as i32 * cell, top + row as i32 * cell);
            let names: Vec<String> = if o.candidate == org_winner {
                plan.workloads.iter().filter(|w| w.platform.as_deref() == Some(e.candidate.as_str())).map(|w| w.name.clone()).collect()
            } else {
                Vec::new()
            };
            let chosen = !names.is_empty();
            let out = o.is_excluded() || everywhere;
            let class = if chosen { "cell chosen" } else if out { "cell out" } else { "cell" };
            let lines = cell_lines(&names);
            let first = y + cell / 2 + 5 - 8 * (lines.len() as i32 - 1);
            cells.push(view! {
                <g>
                    <rect class=class x=x + 4 y=y + 4 width=cell - 8 height=cell - 8 rx="8"></rect>
                    {lines.into_iter().enumerate().map(|(i, line)| view! {
                        <text class="cell-label" x=x + cell / 2 y=first + 16 * i as i32 text-anchor="middle">{line}</text>
                    }).collect_view()}
                    {(out && !chosen).then(|| view! { <text class="cell-out" x=x + cell / 2 y=y + cell / 2 + 5 text-anchor="middle">"ruled out"</text> })}
                </g>
            });
        }
    }
    view! {
        <svg class="axis-chart plan-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="chart-title chart-desc">
            <title id="chart-title">{format!("Plan: {}", plan.headline)}</title>
            <desc id="chart-desc">{description.clone()}</desc>
            {org.scores.iter().enumerate().map(|(i, s)| view! {
                <text class="axis-label" x=left + i as i32 * cell + cell / 2 y=top - 10 text-anchor="middle">{short(&s.candidate, &s.label)}</text>
            }).collect_view()}
            {platforms.iter().enumerate().map(|(i, s)| view! {
                <text class="axis-label" x=left - 8 y=top + i as i32 * cell + cell / 2 + 5 text-anchor="end">{short(&s.candidate, &s.label)}</text>
            }).collect_view()}
            {cells}
        </svg>
        <p class="visually-hidden">{description}</p>
    }
}

/// The names drawn in a cell, each shortened to fit; past the limit, a count.
fn cell_lines(names: &[String]) -> Vec<String> {
    let fit = |n: &String| shorten(n, 15);
    if names.len() <= NAMES_PER_CELL {
        return names.iter().map(fit).collect();
    }
    let mut lines: Vec<String> = names.iter().take(NAMES_PER_CELL - 1).map(fit).collect();
    lines.push(format!("+{} more", names.len() - (NAMES_PER_CELL - 1)));
    lines
}

#[cfg(test)]
mod tests {
    use super::cell_lines;

    #[test]
    fn a_cell_lists_up_to_four_names_then_counts_the_rest() {
        let names: Vec<String> = ["API", "A very long workload name indeed", "C", "D", "E"].iter().map(|s| s.to_string()).collect();
        assert_eq!(cell_lines(&names[..2]), ["API", "A very long w…"]);
        assert_eq!(cell_lines(&names[..4]).len(), 4);
        assert_eq!(cell_lines(&names), ["API", "A very long w…", "C", "+2 more"]);
    }
}
