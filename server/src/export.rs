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
