//! A plan result in words and rows, as its page and its record show it: the
//! rows of the plan table, the plan beside the best single-platform plan, what
//! a tipping point changes, and where cold starts add up along a chain. Every
//! number is the engine's; these only choose which to show and how to say it.

use crossroads_domain::text::lower_first;
use crossroads_domain::{Axis, CandidateScore, PlanAssessment, PlanChoice, TermSource, TippingPoint};

/// "1 point", "6 points".
pub fn points(n: i32) -> String {
    format!("{n} point{}", if n.abs() == 1 { "" } else { "s" })
}

/// A workload's lead in the plan table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lead {
    /// Points ahead of the best other platform not ruled out for the
    /// workload (negative: behind it, when the plan weighed the price of mixing).
    Over { points: i32, other: String },
    /// Every other platform is ruled out for it.
    Alone,
    /// No plan fits, so it runs nowhere.
    Nowhere,
}

impl Lead {
    pub fn text(&self) -> String {
        match self {
            Lead::Over { points: p, other } if *p > 0 => format!("+{p} over {}", lower_first(other)),
            Lead::Over { points: 0, other } => format!("Level with {}", lower_first(other)),
            Lead::Over { points: p, other } => format!("{} behind {}, its own best", points(-p), lower_first(other)),
            Lead::Alone => "Every other platform is ruled out".to_string(),
            Lead::Nowhere => "None".to_string(),
        }
    }
}

/// One workload in the plan table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    pub name: String,
    pub kind_label: String,
    /// The platform the plan gives it (candidate id and label) and its
    /// points there; `None` when no plan fits.
    pub platform: Option<(String, String, i32)>,
    pub lead: Lead,
    /// Labels of the platforms ruled out for it, plan-wide ones included.
    pub ruled_out: Vec<String>,
}

/// The plan table's rows, one per workload, in the plan's order.
pub fn plan_rows(plan: &PlanAssessment) -> Vec<PlanRow> {
    plan.workloads
        .iter()
        .map(|w| {
            let assigned = plan.plan.as_ref().and_then(|p| p.assignments.iter().find(|a| a.workload == w.name));
            let lead = match assigned {
                None => Lead::Nowhere,
                Some(a) => {
                    // The first of the best wins a tie, as in the content's order.
                    let other = w.execution.scores.iter().filter(|s| s.candidate != a.candidate && !s.is_excluded()).fold(None, |best: Option<&CandidateScore>, s| match best {
                        Some(b) if b.total >= s.total => Some(b),
                        _ => Some(s),
                    });
                    match other {
                        Some(o) => Lead::Over { points: a.points - o.total, other: o.label.clone() },
                        None => Lead::Alone,
                    }
                }
            };
            PlanRow {
                name: w.name.clone(),
                kind_label: w.kind_label.clone(),
                platform: assigned.map(|a| (a.candidate.clone(), a.label.clone(), a.points)),
                lead,
                ruled_out: w.execution.scores.iter().filter(|s| s.is_excluded()).map(|s| s.label.clone()).collect(),
            }
        })
        .collect()
}

/// "serverless functions and managed containers".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Names as a sentence shows them: “Public API” and “Upload handler”.
pub fn quoted(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    and_list(&quoted)
}

/// The labels of a plan's platforms, lower case, to continue a sentence.
pub fn platform_labels(plan: &PlanAssessment, choice: &PlanChoice) -> String {
    let labels: Vec<String> = choice
        .platforms
        .iter()
        .map(|id| {
            let label = plan.workloads.iter().find_map(|w| w.execution.score(id)).map_or(id.as_str(), |s| s.label.as_str());
            lower_first(label)
        })
        .collect();
    and_list(&labels)
}

/// "the second platform", "the second and third platforms", "the 4 extra platforms".
pub fn extra_platforms(n: u32) -> String {
    match n {
        1 => "the second platform".into(),
        2 => "the second and third platforms".into(),
        n => format!("the {n} extra platforms"),
    }
}

/// The plan beside the best single-platform plan, for people.
pub fn mixing_comparison(plan: &PlanAssessment) -> String {
    let Some(chosen) = &plan.plan else {
        return "No plan fits: some workload has every platform ruled out.".to_string();
    };
    if chosen.extra_platforms == 0 {
        let on = platform_labels(plan, chosen);
        return if plan.workloads.len() == 1 {
            format!("With one workload there is nothing to mix: it runs on {on}.")
        } else {
            format!(
                "Mixing platforms would not pay: every workload runs on {on}. No mix of platforms gains the workloads more than its extra platforms cost ({} each).",
                points(plan.mixing.per_platform)
            )
        };
    }
    let paying = format!("after paying {} for {}", points(chosen.mixing_cost), extra_platforms(chosen.extra_platforms));
    match (&plan.single, plan.single_difference) {
        (Some(single), Some(difference)) => {
            let than = match difference {
                0 => "as much as this plan".to_string(),
                d if d > 0 => format!("{} less than this plan", points(d)),
                d => format!("{} more than this plan", points(-d)),
            };
            format!("Running everything on {} would score {}, {than} {paying}.", platform_labels(plan, single), single.value)
        }
        _ => format!(
            "No single platform can run every workload: each one is ruled out for at least one of them. This plan scores {} {paying}.",
            chosen.value
        ),
    }
}

/// What a tipping point of a plan changes: the organisation, the workloads
/// that would move, and the set of platforms. `label` names a candidate.
pub fn plan_effects(t: &TippingPoint, label: impl Fn(&Option<String>) -> String) -> String {
    let mut effects: Vec<String> = t
        .changes
        .iter()
        .filter(|c| c.axis == Axis::Organisation || t.moves.is_empty())
        .map(|c| format!("{}: {} → {}", c.axis.label(), label(&c.from), label(&c.to)))
        .collect();
    effects.extend(t.moves.iter().map(|m| format!("“{}”: {} → {}", m.workload, label(&m.from), label(&m.to))));
    if let Some(platforms) = &t.platforms {
        let names = |ids: &[String]| and_list(&ids.iter().map(|id| label(&Some(id.clone()))).collect::<Vec<_>>());
        effects.push(format!("Platforms: {} → {}", names(&platforms.from), names(&platforms.to)));
    }
    effects.join("; ")
}

/// Workloads on a platform that starts cold, which an interactive caller
/// waits for: the engine marks each with chain terms on that platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColdChain {
    /// The interactive workload whose users wait.
    pub caller: String,
    /// The platform that starts cold (its label).
    pub platform: String,
    /// The workloads it waits for that the plan puts on that platform.
    pub callees: Vec<String>,
    /// The caller runs on that platform too, so it can start cold as well.
    pub caller_too: bool,
    /// Why the engine carried the caller's answer (the chain's own reason).
    pub because: String,
}

impl ColdChain {
    /// More than one workload on the way can start cold: the delays add up.
    pub fn adds_up(&self) -> bool {
        self.callees.len() + usize::from(self.caller_too) > 1
    }

    /// "“Public API” waits for “Thumbnails”, which runs on serverless functions: …"
    pub fn sentence(&self) -> String {
        let caller = quoted(std::slice::from_ref(&self.caller));
        let on = lower_first(&self.platform);
        let (callees, runs) = (quoted(&self.callees), if self.callees.len() == 1 { "runs" } else { "run" });
        match (self.caller_too, self.adds_up()) {
            (true, _) => format!(
                "{caller} runs on {on} and waits for {callees}, which {runs} there too: a request can meet a cold start at each of them, one after the other, and the delays add up for the people using {caller}."
            ),
            (false, true) => format!(
                "{caller} waits for {callees}, which {runs} on {on}: each can start cold, and the delays add up for the people using {caller}."
            ),
            (false, false) => format!("{caller} waits for {callees}, which {runs} on {on}: a cold start there is a delay the people using {caller} sit through."),
        }
    }
}

/// Every caller that waits on workloads the plan runs where they start cold,
/// in the workloads' order. Read from the chain terms on each workload's own
/// platform, so a callee kept off that platform (by its points or a rule-out)
/// adds no delay and is not listed.
pub fn cold_chains(plan: &PlanAssessment) -> Vec<ColdChain> {
    let platform_of = |name: &str| plan.workloads.iter().find(|w| w.name == name).and_then(|w| w.platform.clone());
    let mut chains: Vec<ColdChain> = Vec::new();
    for w in &plan.workloads {
        let Some(score) = w.platform.as_deref().and_then(|p| w.execution.score(p)) else { continue };
        for t in score.terms.iter().filter(|t| t.source == TermSource::Chain) {
            for caller in &t.workloads {
                match chains.iter_mut().find(|c| &c.caller == caller && c.platform == score.label) {
                    Some(c) if !c.callees.contains(&w.name) => c.callees.push(w.name.clone()),
                    Some(_) => {}
                    None => chains.push(ColdChain {
                        caller: caller.clone(),
                        platform: score.label.clone(),
                        callees: vec![w.name.clone()],
                        caller_too: platform_of(caller).as_deref() == Some(score.candidate.as_str()),
                        because: t.because.clone(),
                    }),
                }
            }
        }
    }
    chains
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossroads_domain::{assess_plan, PlanAnswers, Questionnaire};

    const SMALL_TEAM: &str = r#""stage": "new", "lifetime": "long", "complexity": "moderate", "growth": "steady",
        "teams": "one", "team_size": "small", "ops": "some", "experience": "none", "tech_diversity": "one_stack",
        "scaling_differences": "some", "deployment": "together", "budget": "moderate", "cost_model": ["usage"],
        "lock_in": "cautious", "compliance": "none", "legacy": "none", "time_to_market": "important",
        "control": "some", "ecosystem": "neutral", "tech_debt": "simplicity", "risk": "moderate""#;
    const API: &str = r#"{"name": "Public API", "kind": "http-api", "answers": {"load_shape": "steady", "steady_volume": "moderate",
        "waits": "person", "latency": "interactive", "availability": "failover", "state": "stateless", "runtime": "mainstream"}}"#;
    const UPLOADS: &str = r#"{"name": "Upload handler", "kind": "event-handler", "answers": {"load_shape": "event", "waits": "nobody",
        "latency": "tolerant", "availability": "tolerant", "state": "stateless", "runtime": "mainstream"}}"#;

    fn plan_with(system: &str, workloads: &[&str]) -> PlanAssessment {
        let q = Questionnaire::from_toml(include_str!("../../content/questionnaire.toml"), "questionnaire.toml").unwrap();
        let json = format!(r#"{{"answers": {{{system}}}, "workloads": [{}]}}"#, workloads.join(","));
        let answers: PlanAnswers = serde_json::from_str(&json).unwrap();
        assess_plan(&q, &answers).unwrap()
    }

    fn plan(workloads: &[&str]) -> PlanAssessment {
        plan_with(SMALL_TEAM, workloads)
    }

    /// Called by the API while its users wait; bursty and forgiving on its own.
    const THUMBNAILS: &str = r#"{"name": "Thumbnails", "kind": "event-handler", "answers": {"load_shape": "event", "waits": "caller",
        "latency": "tolerant", "availability": "tolerant", "state": "stateless", "runtime": "mainstream"}}"#;
    /// A person waits on it, but it is bursty and forgiving: it runs where it starts cold.
    const WEBHOOK: &str = r#"{"name": "Webhook", "kind": "http-api", "answers": {"load_shape": "event", "waits": "person",
        "latency": "tolerant", "availability": "tolerant", "state": "stateless", "runtime": "mainstream"}}"#;

    #[test]
    fn callees_that_start_cold_are_listed_under_the_caller_that_waits_for_them() {
        let geo = THUMBNAILS.replace("Thumbnails", "Geo lookup");
        let p = plan(&[API, THUMBNAILS, &geo, UPLOADS]);
        let on = |name: &str| p.workload(name).unwrap().platform.clone();
        assert_eq!(on("Public API").as_deref(), Some("managed-containers"), "{}", p.headline);
        assert_eq!(on("Thumbnails").as_deref(), Some("serverless-functions"), "{}", p.headline);
        assert_eq!(on("Geo lookup").as_deref(), Some("serverless-functions"), "{}", p.headline);
        let chains = cold_chains(&p);
        assert_eq!(chains.len(), 1, "{chains:?}");
        let c = &chains[0];
        assert_eq!((c.caller.as_str(), c.platform.as_str(), c.caller_too), ("Public API", "Serverless functions", false));
        assert_eq!(c.callees, ["Thumbnails", "Geo lookup"]);
        assert!(c.adds_up());
        assert_eq!(
            c.sentence(),
            "“Public API” waits for “Thumbnails” and “Geo lookup”, which run on serverless functions: each can start cold, and the delays add up for the people using “Public API”."
        );
        // One callee alone adds no second cold start.
        let one = cold_chains(&plan(&[API, THUMBNAILS, UPLOADS]));
        assert_eq!(one.len(), 1, "{one:?}");
        assert!(!one[0].adds_up());
    }

    #[test]
    fn a_caller_that_starts_cold_itself_adds_its_own_cold_start() {
        let p = plan(&[WEBHOOK, THUMBNAILS]);
        assert!(p.workloads.iter().all(|w| w.platform.as_deref() == Some("serverless-functions")), "{}", p.headline);
        let chains = cold_chains(&p);
        assert_eq!(chains.len(), 1, "{chains:?}");
        assert!(chains[0].caller_too && chains[0].adds_up());
        assert!(chains[0].sentence().starts_with("“Webhook” runs on serverless functions and waits for “Thumbnails”, which runs there too"));
    }

    #[test]
    fn nothing_is_listed_when_no_callee_runs_where_it_starts_cold() {
        // The callee is interactive itself and runs on containers, where chain terms give nothing.
        let called = THUMBNAILS.replace(r#""latency": "tolerant""#, r#""latency": "realtime""#);
        let p = plan(&[API, &called, UPLOADS]);
        assert_ne!(p.workload("Thumbnails").unwrap().platform.as_deref(), Some("serverless-functions"), "{}", p.headline);
        assert_eq!(cold_chains(&p), []);
        assert_eq!(cold_chains(&plan(&[API, UPLOADS])), []);
    }

    #[test]
    fn each_row_leads_over_its_own_next_best_platform() {
        let p = plan(&[API, UPLOADS]);
        let rows = plan_rows(&p);
        assert_eq!(rows.len(), 2);
        for (row, w) in rows.iter().zip(&p.workloads) {
            let (candidate, _, points) = row.platform.clone().unwrap();
            assert_eq!(Some(&candidate), w.platform.as_ref());
            let runner_up = w.execution.runner_up.as_deref().and_then(|r| w.execution.score(r)).unwrap();
            assert_eq!(row.lead, Lead::Over { points: points - runner_up.total, other: runner_up.label.clone() }, "{}", row.name);
        }
        assert_eq!(rows[0].lead.text(), format!("+{} over serverless functions", p.workloads[0].execution.margin.unwrap()));
    }

    #[test]
    fn a_workload_kept_off_its_own_best_platform_trails_it() {
        // A team that wants no infrastructure work pays more for a second
        // platform: the API shares the upload handler's, behind its own best.
        let p = plan_with(&SMALL_TEAM.replace(r#""ops": "some""#, r#""ops": "none""#), &[API, UPLOADS]);
        let api = &p.workloads[0];
        assert_eq!(api.platform.as_deref(), Some("serverless-functions"));
        assert_eq!(api.execution.winner.as_deref(), Some("managed-containers"));
        let behind = api.execution.score("serverless-functions").unwrap().total - api.execution.score("managed-containers").unwrap().total;
        assert!(behind < 0);
        let row = &plan_rows(&p)[0];
        assert_eq!(row.lead, Lead::Over { points: behind, other: "Managed containers".into() });
        assert_eq!(row.lead.text(), format!("{} behind managed containers, its own best", points(-behind)));
        assert!(mixing_comparison(&p).starts_with("Mixing platforms would not pay: every workload runs on serverless functions."), "{}", mixing_comparison(&p));
    }

    #[test]
    fn the_single_platform_plan_is_worded_for_people() {
        let p = plan(&[API, UPLOADS]);
        let (chosen, single) = (p.plan.clone().unwrap(), p.single.clone().unwrap());
        assert_eq!(
            mixing_comparison(&p),
            format!(
                "Running everything on serverless functions would score {}, {} less than this plan after paying {} for the second platform.",
                single.value,
                points(p.single_difference.unwrap()),
                points(chosen.mixing_cost)
            )
        );
        // Alone, nobody else can wait for it: the question is not asked.
        let one = plan(&[&API.replace(r#""waits": "person", "#, "")]);
        assert_eq!(mixing_comparison(&one), "With one workload there is nothing to mix: it runs on managed containers.");
    }
}
