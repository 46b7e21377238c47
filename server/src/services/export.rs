//! A result as an Architecture Decision Record in MADR 4.0 form.

use super::export_plan::plan_madr;
pub use super::markdown::md_escaped;
use super::markdown::{axis_justification, pros_and_cons};
use crossroads_domain::text::{lower_first, or_list};
use crossroads_domain::{Axis, StoredResult};
use std::fmt::Write;

pub fn madr(result: &StoredResult, url: &str) -> String {
    if let Some(plan) = &result.snapshot.plan {
        return plan_madr(result, plan, url);
    }
    let snapshot = &result.snapshot;
    let a = &snapshot.assessment;
    let rec = &a.recommendation;
    let mut md = String::new();
    let date = result.created_at.get(..10).unwrap_or(&result.created_at);
    let _ = writeln!(md, "---\nstatus: proposed\ndate: {date}\n---\n");
    let _ = writeln!(md, "# {}\n", rec.headline);
    let _ = writeln!(md, "## Context and Problem Statement\n");
    // The candidates come from the questionnaire the result was made with, so a
    // company's own candidates appear here without a code change.
    let on_axis = |axis: Axis| {
        let labels: Vec<String> = snapshot.candidates.iter().filter(|c| c.axis == axis).map(|c| lower_first(&c.label)).collect();
        or_list(&labels)
    };
    let _ = writeln!(
        md,
        "How should the system be organised ({}), and how should it run ({})? The two are independent decisions. \
         This record was produced by Crossroads from the answers below (questionnaire version {}; result <{url}>).\n",
        on_axis(Axis::Organisation),
        on_axis(Axis::Execution),
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
            pros_and_cons(&mut md, s, |_| true);
        }
    }
    md
}


/// A YAML double-quoted scalar holding exactly `text`.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}


/// A team decision as a MADR 4.0 record; decision makers are the members who
/// answered, under the names the team view gives them (anonymised already
/// when the decision is anonymous).
pub fn team_madr(view: &app::team::TeamView, url: &str) -> String {
    let mut md = String::new();
    let decision = &view.decision;
    let makers: Vec<String> = view.members.iter().filter(|m| m.headline.is_some()).map(|m| m.name.clone()).collect();
    let life = &view.lifecycle;
    let quoted: Vec<String> = makers.iter().map(|m| yaml_quoted(m)).collect();
    let _ = writeln!(md, "---\nstatus: {}", life.status.as_str());
    if let Some(date) = life.status_at.as_deref().and_then(|at| at.get(..10)) {
        let _ = writeln!(md, "date: {date}");
    }
    let _ = writeln!(md, "decision-makers: [{}]", quoted.join(", "));
    // Supersede links both ways, as the other decisions' addresses.
    for (key, links) in [("superseded-by", &life.superseded_by), ("supersedes", &life.supersedes)] {
        if !links.is_empty() {
            let urls: Vec<String> = links.iter().map(|l| yaml_quoted(&l.url)).collect();
            let _ = writeln!(md, "{key}: [{}]", urls.join(", "));
        }
    }
    if let Some(date) = &life.review_by {
        let _ = writeln!(md, "review-by: {}", yaml_quoted(date));
    }
    let _ = writeln!(md, "---\n");
    let title = md_escaped(&decision.title);
    let Some(team) = &view.team else {
        let _ = writeln!(md, "# {title}\n\nNo member has answered yet (<{url}>).");
        return md;
    };
    let a = &team.assessment;
    // With workloads set, the headline names them: user text, made inert. A
    // flat headline is the content's own words and stays as it always read.
    let headline = if decision.workloads.is_empty() { a.recommendation.headline.clone() } else { md_escaped(&a.recommendation.headline) };
    let _ = writeln!(md, "# {title}: {headline}\n");
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
    let _ = writeln!(md, "Chosen option: \"{headline}\", because it has the highest team score on each axis among the options no hard constraint rules out.\n");
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
    md.push_str(&super::team_plan_rows::madr(view));
    let _ = writeln!(md, "\n## More Information\n\nTeam page: <{url}>");
    for (label, links) in [("Superseded by", &life.superseded_by), ("Supersedes", &life.supersedes)] {
        for link in links {
            let _ = writeln!(md, "\n{label}: [{}](<{}>)", md_escaped(&link.title), link.url);
        }
    }
    if life.review_due {
        let _ = writeln!(md, "\nReview due: {}.", md_escaped(life.review_reason.as_deref().unwrap_or("")));
    }
    md
}
