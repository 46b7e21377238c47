//! A result as an Architecture Decision Record in MADR 4.0 form.

use app::result::StoredResult;
use crossroads_domain::{Axis, AxisResult};
use std::fmt::Write;

pub fn madr(result: &StoredResult, url: &str) -> String {
    let snapshot = &result.snapshot;
    let a = &snapshot.assessment;
    let rec = &a.recommendation;
    let mut md = String::new();
    let date = result.created_at.get(..10).unwrap_or(&result.created_at);
    let _ = writeln!(md, "---\nstatus: proposed\ndate: {date}\n---\n");
    let _ = writeln!(md, "# {}\n", rec.headline);
    let _ = writeln!(md, "## Context and Problem Statement\n");
    let _ = writeln!(
        md,
        "How should the system be organised (monolith, modular monolith or microservices), and how should it run \
         (serverless functions, managed containers or self-managed servers)? The two are independent decisions. \
         This record was produced by Crossroads from the answers below (questionnaire version {}; result <{url}>).\n",
        result.questionnaire_version
    );
    let _ = writeln!(md, "## Decision Drivers\n");
    for line in &snapshot.answers_given {
        let answer = if line.labels.is_empty() { "none of these".to_string() } else { line.labels.join("; ") };
        let _ = writeln!(md, "* {} — {answer}", line.prompt);
    }
    let _ = writeln!(md, "\n## Considered Options\n");
    for axis in &a.axes {
        for s in &axis.scores {
            let _ = writeln!(md, "* {} ({})", s.label, axis.axis.label().to_lowercase());
        }
    }
    let _ = writeln!(md, "\n## Decision Outcome\n");
    let _ = writeln!(md, "Chosen option: \"{}\", because it has the highest score on each axis among the options no hard constraint rules out.\n", rec.headline);
    for axis in &a.axes {
        let _ = writeln!(md, "* {}", axis_justification(axis));
    }
    for note in &rec.hybrid_notes {
        let _ = writeln!(md, "* Hybrid: {note}");
    }
    if a.close_call {
        let _ = writeln!(md, "* This is a close call: the lead is below the questionnaire's margin on at least one axis.");
    }
    let _ = writeln!(md, "\n### Consequences\n");
    for axis in &a.axes {
        if let Some(winner) = axis.winner.as_deref().and_then(|w| axis.score(w)) {
            for t in winner.terms.iter().filter(|t| t.points > 0) {
                let _ = writeln!(md, "* Good, because {}", lower_first(&t.because));
            }
            for t in winner.terms.iter().filter(|t| t.points < 0) {
                let _ = writeln!(md, "* Bad, because {}", lower_first(&t.because));
            }
        }
    }
    if !a.review_triggers.is_empty() {
        let _ = writeln!(md, "\n### Confirmation\n\nRevisit this decision when any of these becomes true:\n");
        for t in &a.review_triggers {
            let _ = writeln!(md, "* {}", t.text);
        }
    }
    let _ = writeln!(md, "\n## Pros and Cons of the Options\n");
    for axis in &a.axes {
        for s in &axis.scores {
            let _ = writeln!(md, "### {} ({} points)\n", s.label, s.total);
            for e in &s.excluded_by {
                let _ = writeln!(md, "* Ruled out, because {}", lower_first(&e.because));
            }
            for t in &s.terms {
                let verdict = if t.points >= 0 { "Good" } else { "Bad" };
                let _ = writeln!(md, "* {verdict}, because {} ({:+})", lower_first(&t.because), t.points);
            }
            if s.terms.is_empty() && s.excluded_by.is_empty() {
                let _ = writeln!(md, "* Neutral: no answer speaks for or against it");
            }
            md.push('\n');
        }
    }
    md
}

fn axis_justification(axis: &AxisResult) -> String {
    let name = match axis.axis {
        Axis::Organisation => "Organisation",
        Axis::Execution => "Execution",
    };
    match (axis.winner_label(), axis.margin) {
        (Some(w), Some(m)) => format!("{name}: {w}, ahead by {m} point{}", if m == 1 { "" } else { "s" }),
        (Some(w), None) => format!("{name}: {w}, the only option left"),
        _ => format!("{name}: every option is ruled out by a hard constraint"),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A team decision as a MADR 4.0 record; decision makers are the members
/// (unless the decision is anonymous).
pub fn team_madr(view: &app::team::TeamView, url: &str) -> String {
    let mut md = String::new();
    let decision = &view.decision;
    let makers: Vec<String> = view
        .members
        .iter()
        .filter(|m| m.result_id.is_some())
        .enumerate()
        .map(|(i, m)| if decision.anonymous { format!("Member {}", i + 1) } else { m.name.clone() })
        .collect();
    let status = if decision.closed { "accepted" } else { "proposed" };
    let _ = writeln!(md, "---\nstatus: {status}\ndecision-makers: {}\n---\n", makers.join(", "));
    let Some(team) = &view.team else {
        let _ = writeln!(md, "# {}\n\nNo member has answered yet (<{url}>).", decision.title);
        return md;
    };
    let a = &team.assessment;
    let _ = writeln!(md, "# {}: {}\n", decision.title, a.recommendation.headline);
    let _ = writeln!(md, "## Context and Problem Statement\n");
    if !view.decision.context_html.is_empty() {
        let _ = writeln!(md, "See the team page for the owner's context: <{url}>.\n");
    }
    let _ = writeln!(
        md,
        "{} member(s) answered the Crossroads questionnaire. Their answers were combined per question (median on scales, most common answer otherwise, options chosen by at least half on multiple-choice questions) and scored with the same engine as single results.\n",
        makers.len()
    );
    let _ = writeln!(md, "## Decision Drivers\n");
    for s in &team.spreads {
        let answer = if s.team_answer.is_empty() { "none of these".to_string() } else { s.team_answer.join("; ") };
        let disagreement = if s.spread > 0.0 { format!(" (spread {:.0}%)", s.spread * 100.0) } else { String::new() };
        let _ = writeln!(md, "* {} — {answer}{disagreement}", s.prompt);
    }
    let _ = writeln!(md, "\n## Considered Options\n");
    for axis in &a.axes {
        for s in &axis.scores {
            let _ = writeln!(md, "* {} ({}, {} points{})", s.label, axis.axis.label().to_lowercase(), s.total, if s.is_excluded() { ", ruled out" } else { "" });
        }
    }
    let _ = writeln!(md, "\n## Decision Outcome\n");
    let _ = writeln!(md, "Chosen option: \"{}\", because it has the highest team score on each axis among the options no hard constraint rules out.\n", a.recommendation.headline);
    for axis in &a.axes {
        let _ = writeln!(md, "* {}", axis_justification(axis));
    }
    for note in &a.recommendation.hybrid_notes {
        let _ = writeln!(md, "* Hybrid: {note}");
    }
    if !team.discuss_first.is_empty() {
        let _ = writeln!(md, "\n### Consequences\n\nThe team disagreed in ways that change the outcome:\n");
        for d in &team.discuss_first {
            let _ = writeln!(md, "* {} — {}", d.prompt, d.effect);
        }
    }
    let _ = writeln!(md, "\n## More Information\n\nTeam page: <{url}>");
    md
}
