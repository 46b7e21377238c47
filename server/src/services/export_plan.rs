//! A plan's result as an Architecture Decision Record in MADR 4.0 form: the
//! organisation once, the decision for each workload, and what mixing
//! platforms costs and brings.

use super::markdown::{axis_justification, md_escaped, pros_and_cons};
use app::plan::{cold_chains, extra_platforms, mixing_comparison, plan_rows, platform_labels, points};
use crossroads_domain::text::{lower_first, or_list};
use crossroads_domain::{Axis, PlanSnapshot, StoredResult, Term};
use std::fmt::Write;

/// A plan as a MADR 4.0 record: the organisation once, each workload with its
/// platform and the terms that carry it, the price of mixing platforms, and
/// the best single-platform plan among the considered options. Workload
/// names are user text: each is escaped, and so is every text that may hold one.
pub(super) fn plan_madr(result: &StoredResult, plan: &PlanSnapshot, url: &str) -> String {
    let snapshot = &result.snapshot;
    let p = &plan.assessment;
    // Headline and review triggers are worded by the engine around workload
    // names: when some name holds markdown or HTML, the whole text is escaped.
    let unsafe_names = plan.workloads.iter().any(|w| md_escaped(&w.name) != w.name);
    let esc = |text: &str| if unsafe_names { md_escaped(text) } else { text.to_string() };
    let name = |n: &str| format!("“{}”", md_escaped(n));
    let mut md = String::new();
    let date = result.created_at.get(..10).unwrap_or(&result.created_at);
    let _ = writeln!(md, "---\nstatus: proposed\ndate: {date}\n---\n");
    let _ = writeln!(md, "# {}\n", esc(&p.headline));
    let _ = writeln!(md, "## Context and Problem Statement\n");
    let on_axis = |axis: Axis| {
        let labels: Vec<String> = snapshot.candidates.iter().filter(|c| c.axis == axis).map(|c| lower_first(&c.label)).collect();
        or_list(&labels)
    };
    let _ = writeln!(
        md,
        "How should the system be organised ({}), and how should each of its workloads run ({})? The organisation is decided once for the system; \
         the execution per workload, with a price for every platform beyond the first. \
         This record was produced by Crossroads from the answers below (questionnaire version {}; result <{url}>). The workloads:\n",
        on_axis(Axis::Organisation),
        on_axis(Axis::Execution),
        result.questionnaire_version
    );
    for w in &plan.workloads {
        let _ = writeln!(md, "* {} ({})", name(&w.name), w.kind_label);
    }
    let _ = writeln!(md, "\n## Decision Drivers\n");
    let workload_questions = |q: &str| plan.workloads.iter().any(|w| w.answers_given.iter().any(|l| l.question == q));
    let answer = |labels: &[String]| if labels.is_empty() { "none of these".to_string() } else { labels.join("; ") };
    for line in snapshot.answers_given.iter().filter(|l| !workload_questions(&l.question)) {
        let _ = writeln!(md, "* {} — {}", line.prompt, answer(&line.labels));
    }
    for w in &plan.workloads {
        let _ = writeln!(md, "* For {}:", name(&w.name));
        for line in &w.answers_given {
            let _ = writeln!(md, "  * {} — {}", line.prompt, answer(&line.labels));
        }
    }
    let _ = writeln!(md, "\n## Considered Options\n");
    for s in &p.organisation.scores {
        let _ = writeln!(md, "* {} (organisation)", s.label);
    }
    if let Some(chosen) = &p.plan {
        let _ = match chosen.extra_platforms {
            0 => writeln!(md, "* This plan, everything on {}: scores {}", platform_labels(p, chosen), chosen.value),
            n => writeln!(
                md,
                "* This plan, on {}: {} from the workloads, less {} for {}, scores {}",
                platform_labels(p, chosen),
                points(chosen.points),
                points(chosen.mixing_cost),
                extra_platforms(n),
                chosen.value
            ),
        };
    }
    if let (Some(single), Some(difference)) = (p.single.as_ref().filter(|s| p.plan.as_ref() != Some(*s)), p.single_difference) {
        let _ = writeln!(md, "* Everything on {}: scores {}, {} less than this plan", platform_labels(p, single), single.value, points(difference));
    }
    let _ = writeln!(md, "* Each platform beyond the first costs {}:", points(p.mixing.per_platform));
    for t in &p.mixing.terms {
        let _ = writeln!(md, "  * {:+}, because {}", t.points, lower_first(&t.because));
    }
    let _ = writeln!(md, "\n## Decision Outcome\n");
    let _ = writeln!(
        md,
        "Chosen option: \"{}\", because the organisation has the highest score among the options no hard constraint rules out, \
         and these platforms give the workloads the most points once every platform beyond the first is paid for.\n",
        esc(&p.headline)
    );
    let _ = writeln!(md, "* {}", axis_justification(&p.organisation));
    for (w, row) in p.workloads.iter().zip(plan_rows(p)) {
        let Some((candidate, label, total)) = &row.platform else {
            let _ = writeln!(md, "* {}: every platform is ruled out", name(&w.name));
            continue;
        };
        let mut top: Vec<&Term> = w.execution.score(candidate).map(|s| s.terms.iter().filter(|t| t.points > 0).collect()).unwrap_or_default();
        top.sort_by_key(|t| -t.points);
        let why: Vec<String> = top.iter().take(3).map(|t| format!("{} ({:+})", lower_first(t.because.trim_end_matches('.')), t.points)).collect();
        let _ = writeln!(md, "* {}: {label}, {}; {}", name(&w.name), points(*total), lower_first(&row.lead.text()));
        if !why.is_empty() {
            let _ = writeln!(md, "  * Mostly because {}", why.join("; "));
        }
    }
    let _ = writeln!(md, "* {}", mixing_comparison(p));
    if p.close_call {
        let _ = writeln!(md, "* This is a close call: the organisation, or the platform of at least one workload, leads by less than the questionnaire's margin.");
    }
    let _ = writeln!(md, "\n### Consequences\n");
    if let Some(winner) = p.organisation.winner.as_deref().and_then(|w| p.organisation.score(w)) {
        for t in winner.terms.iter().filter(|t| t.points > 0) {
            let _ = writeln!(md, "* Good, because {}", lower_first(&t.because));
        }
        for t in winner.terms.iter().filter(|t| t.points < 0) {
            let _ = writeln!(md, "* Bad, because {}", lower_first(&t.because));
        }
    }
    for w in &p.workloads {
        let Some(score) = w.platform.as_deref().and_then(|c| w.execution.score(c)) else { continue };
        for t in score.terms.iter().filter(|t| t.points < 0) {
            let _ = writeln!(md, "* Bad for {}, because {}", name(&w.name), lower_first(&t.because));
        }
    }
    if p.plan.as_ref().is_some_and(|c| c.extra_platforms > 0) {
        for t in p.mixing.terms.iter().filter(|t| t.points > 0) {
            let _ = writeln!(md, "* Bad, because {}", lower_first(&t.because));
        }
    }
    for chain in cold_chains(p) {
        let _ = writeln!(md, "* Bad, because {}", esc(&chain.sentence()));
    }
    let triggers: Vec<&str> = p.review_triggers.iter().chain(p.workloads.iter().flat_map(|w| &w.review_triggers)).map(|t| t.text.as_str()).collect();
    if !triggers.is_empty() {
        let _ = writeln!(md, "\n### Confirmation\n\nRevisit this decision when any of these becomes true:\n");
        for t in triggers {
            let _ = writeln!(md, "* {}", esc(t));
        }
    }
    let _ = writeln!(md, "\n## Pros and Cons of the Options\n");
    for s in &p.organisation.scores {
        let _ = writeln!(md, "### {} ({} points)\n", s.label, s.total);
        pros_and_cons(&mut md, s, |_| true);
    }
    for w in &p.workloads {
        for s in &w.execution.scores {
            let _ = writeln!(md, "### {} on {} ({} points)\n", name(&w.name), lower_first(&s.label), s.total);
            pros_and_cons(&mut md, s, |e| !p.is_plan_wide(e));
        }
    }
    for e in &p.ruled_out_everywhere {
        let _ = writeln!(md, "### {} for every workload\n\n* Ruled out, because {}\n", e.label, lower_first(&e.by.because));
    }
    let guide = url.rsplit_once("/r/").map_or_else(|| "/guide/per-workload".to_string(), |(base, _)| format!("{base}/guide/per-workload"));
    let _ = writeln!(md, "## More Information\n\nResult: <{url}>. How a plan is weighed: <{guide}>.");
    md
}
