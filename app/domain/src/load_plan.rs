//! Loading the content plans use (question scopes, workload kinds, the mixing
//! price, workload facts, synchronous chains), with errors that name the file
//! and line like every other loading error.

use crate::answer::Answer;
use crate::candidate::{Axis, Candidate};
use crate::load_error::Checker;
use crate::plan_content::{ChainRule, FactTest, MixingExtra, MixingPrice, WorkloadFact, WorkloadKind};
use crate::question::{Condition, OptionPoints, Question, QuestionKind, Scope};
use crate::raw::{RawChain, RawCondition, RawFact, RawKind, RawMixing};
use std::collections::HashSet;
use toml::Spanned;

/// A plan is searched over every set of execution candidates: 2^n sets.
const MAX_EXECUTION_CANDIDATES: usize = 12;

pub(crate) struct RawPlan {
    pub(crate) kinds: Vec<Spanned<RawKind>>,
    pub(crate) mixing: Option<Spanned<RawMixing>>,
    pub(crate) facts: Vec<Spanned<RawFact>>,
    pub(crate) chains: Vec<Spanned<RawChain>>,
}

pub(crate) struct PlanContent {
    pub(crate) kinds: Vec<WorkloadKind>,
    pub(crate) mixing: MixingPrice,
    pub(crate) facts: Vec<WorkloadFact>,
    pub(crate) chains: Vec<ChainRule>,
}

/// A system question is asked once, before any workload exists, so it may only
/// depend on system questions; only a workload question can be limited to
/// plans with several workloads.
pub(crate) fn check_question_scope(
    check: &mut Checker<'_>,
    at: usize,
    here: Option<&str>,
    scope: Scope,
    only_with_several: bool,
    show_if: &[RawCondition],
    earlier: &[Question],
) {
    if scope == Scope::System {
        if only_with_several {
            check.error(at, here, "`only_with_several` is for workload questions: a system question is asked once, whatever the workloads");
        }
        for condition in show_if {
            if earlier.iter().any(|q| q.id == condition.question && q.scope == Scope::Workload) {
                check.error(at, here, format!("show_if refers to \"{}\", a workload question, but this question is about the system", condition.question));
            }
        }
    }
}

pub(crate) fn load_plan_content(check: &mut Checker<'_>, raw: RawPlan, candidates: &[Candidate], questions: &[Question]) -> PlanContent {
    let executions = candidates.iter().filter(|c| c.axis == Axis::Execution).count();
    if executions > MAX_EXECUTION_CANDIDATES {
        check.error(0, None, format!("at most {MAX_EXECUTION_CANDIDATES} execution candidates: a plan is searched over every set of them"));
    }
    PlanContent {
        kinds: kinds(check, raw.kinds, questions),
        mixing: raw.mixing.map(|m| mixing(check, m, questions)).unwrap_or_default(),
        facts: facts(check, raw.facts, candidates, questions),
        chains: chains(check, raw.chains, candidates, questions),
    }
}

fn kinds(check: &mut Checker<'_>, raw: Vec<Spanned<RawKind>>, questions: &[Question]) -> Vec<WorkloadKind> {
    let mut kinds: Vec<WorkloadKind> = Vec::new();
    let mut first_at = 0;
    for (n, spanned) in raw.into_iter().enumerate() {
        let at = spanned.span().start;
        if n == 0 {
            first_at = at;
        }
        let k = spanned.into_inner();
        let what = format!("workload kind \"{}\"", k.id);
        check.id(at, None, "workload kind", &k.id);
        if kinds.iter().any(|earlier| earlier.id == k.id) {
            check.error(at, None, format!("{what} is defined twice"));
        }
        if k.label.trim().is_empty() || k.summary.trim().is_empty() {
            check.error(at, None, format!("{what} needs a `label` and a one-line `summary`"));
        }
        if k.summary.contains('\n') {
            check.error(at, None, format!("{what}: the `summary` is one line"));
        }
        let (suggest_at, suggest) = match k.suggest {
            Some(spanned) => (spanned.span().start, spanned.into_inner()),
            None => (at, Default::default()),
        };
        if k.default && !suggest.is_empty() {
            check.error(suggest_at, None, format!("{what} is the default kind (the whole system) and suggests nothing"));
        }
        let at = suggest_at;
        for (question_id, answer) in suggest.iter() {
            let Some(question) = questions.iter().find(|q| &q.id == question_id) else {
                check.error(at, None, format!("{what} suggests an answer to unknown question \"{question_id}\""));
                continue;
            };
            if question.scope != Scope::Workload {
                check.error(at, None, format!("{what} suggests an answer to \"{question_id}\", a system question: suggestions are for workload questions"));
            }
            let shape_ok = matches!((question.kind, answer), (QuestionKind::Multiple, Answer::Many(_)) | (QuestionKind::Single | QuestionKind::Scale, Answer::One(_)));
            if !shape_ok {
                check.error(at, None, format!("{what}: the suggestion for \"{question_id}\" must be {}", if question.kind == QuestionKind::Multiple { "a list of options" } else { "one option" }));
            }
            for option in answer.selected() {
                if question.option(option).is_none() {
                    check.error(at, None, format!("{what} suggests \"{option}\", which is not an option of \"{question_id}\""));
                }
            }
        }
        kinds.push(WorkloadKind { id: k.id, label: k.label, summary: k.summary, default: k.default, suggest });
    }
    let defaults = kinds.iter().filter(|k| k.default).count();
    if !kinds.is_empty() && defaults != 1 {
        check.error(first_at, None, format!("exactly one workload kind must be the default (the whole system); found {defaults}"));
    }
    kinds
}

/// A condition on a question of the given scope, with real options.
fn condition(check: &mut Checker<'_>, at: usize, place: &str, raw: &RawCondition, questions: &[Question], scope: Scope) -> Condition {
    match questions.iter().find(|q| q.id == raw.question) {
        None => check.error(at, None, format!("{place} refers to unknown question \"{}\"", raw.question)),
        Some(q) => {
            if q.scope != scope {
                let want = if scope == Scope::System { "system" } else { "workload" };
                check.error(at, None, format!("{place} refers to \"{}\", which is not a {want} question", raw.question));
            }
            if raw.any_of.is_empty() {
                check.error(at, None, format!("{place}: `any_of` must list at least one option"));
            }
            for option in raw.any_of.iter().filter(|o| q.option(o).is_none()) {
                check.error(at, None, format!("{place}: \"{option}\" is not an option of \"{}\"", raw.question));
            }
        }
    }
    Condition { question: raw.question.clone(), any_of: raw.any_of.clone() }
}

fn because(check: &mut Checker<'_>, at: usize, place: &str, text: &str) {
    if text.trim().is_empty() {
        check.error(at, None, format!("{place} needs a `because` sentence"));
    }
}

fn mixing(check: &mut Checker<'_>, spanned: Spanned<RawMixing>, questions: &[Question]) -> MixingPrice {
    let at = spanned.span().start;
    let m = spanned.into_inner();
    if m.points < 0 {
        check.error(at, None, "mixing: the base price must be zero or more");
    }
    because(check, at, "mixing", &m.because);
    let mut extras = Vec::new();
    for e in &m.extras {
        let place = format!("mixing extra for \"{}\"", e.question);
        let when = condition(check, at, &place, &RawCondition { question: e.question.clone(), any_of: e.any_of.clone() }, questions, Scope::System);
        because(check, at, &place, &e.because);
        extras.push(MixingExtra { when, points: e.points, because: e.because.clone() });
    }
    // The price is a sum of terms; it must never pay a plan for mixing.
    let lowest = m.points + m.extras.iter().map(|e| e.points.min(0)).sum::<i32>();
    if lowest < 0 {
        check.error(at, None, format!("mixing: the base price plus every negative extra is {lowest}; it must stay zero or more"));
    }
    MixingPrice { label: m.label, points: m.points, because: m.because, extras }
}

fn points(check: &mut Checker<'_>, at: usize, place: &str, raw: Vec<crate::raw::RawPoints>, candidates: &[Candidate], axis: Axis) -> Vec<OptionPoints> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in raw {
        match candidates.iter().find(|c| c.id == p.candidate) {
            None => check.error(at, None, format!("{place} gives points to unknown candidate \"{}\"", p.candidate)),
            Some(c) if c.axis != axis => {
                check.error(at, None, format!("{place}: \"{}\" is not a candidate on the {} axis", p.candidate, axis.label().to_lowercase()))
            }
            Some(_) => {}
        }
        if !seen.insert(p.candidate.clone()) {
            check.error(at, None, format!("{place} scores candidate \"{}\" twice", p.candidate));
        }
        let because_text = p.because.unwrap_or_default();
        because(check, at, &format!("{place}: the points for \"{}\"", p.candidate), &because_text);
        out.push(OptionPoints { candidate: p.candidate, points: p.points, because: because_text });
    }
    out
}

fn facts(check: &mut Checker<'_>, raw: Vec<Spanned<RawFact>>, candidates: &[Candidate], questions: &[Question]) -> Vec<WorkloadFact> {
    let mut facts: Vec<WorkloadFact> = Vec::new();
    for spanned in raw {
        let at = spanned.span().start;
        let f = spanned.into_inner();
        let place = format!("workload fact \"{}\"", f.id);
        check.id(at, None, "workload fact", &f.id);
        if facts.iter().any(|earlier| earlier.id == f.id) {
            check.error(at, None, format!("{place} is defined twice"));
        }
        // Its terms are shown beside answer terms, keyed by id.
        if questions.iter().any(|q| q.id == f.id) {
            check.error(at, None, format!("{place} has the id of a question"));
        }
        if f.label.trim().is_empty() {
            check.error(at, None, format!("{place} needs a `label`"));
        }
        let test = match (f.at_least, f.differ) {
            (Some(n), None) => {
                if n < 2 {
                    check.error(at, None, format!("{place}: `at_least` must be 2 or more, so one workload scores as a single system"));
                }
                FactTest::AtLeast { workloads: n }
            }
            (None, Some(question)) => {
                match questions.iter().find(|q| q.id == question) {
                    None => check.error(at, None, format!("{place} refers to unknown question \"{question}\"")),
                    Some(q) if q.scope != Scope::Workload => {
                        check.error(at, None, format!("{place} refers to \"{question}\", a system question: only workload answers can differ"))
                    }
                    Some(_) => {}
                }
                FactTest::Differ { question }
            }
            _ => {
                check.error(at, None, format!("{place} needs exactly one test: `at_least = N` or `differ = \"question\"`"));
                FactTest::AtLeast { workloads: usize::MAX }
            }
        };
        let points = points(check, at, &place, f.points, candidates, Axis::Organisation);
        if points.is_empty() {
            check.error(at, None, format!("{place} gives no points"));
        }
        facts.push(WorkloadFact { id: f.id, label: f.label, test, points });
    }
    facts
}

fn chains(check: &mut Checker<'_>, raw: Vec<Spanned<RawChain>>, candidates: &[Candidate], questions: &[Question]) -> Vec<ChainRule> {
    let mut chains: Vec<ChainRule> = Vec::new();
    for spanned in raw {
        let at = spanned.span().start;
        let c = spanned.into_inner();
        let place = format!("chain \"{}\"", c.id);
        check.id(at, None, "chain", &c.id);
        if chains.iter().any(|earlier| earlier.id == c.id) {
            check.error(at, None, format!("{place} is defined twice"));
        }
        let callee = condition(check, at, &format!("{place}: `callee`"), &c.callee, questions, Scope::Workload);
        let callers = condition(check, at, &format!("{place}: `callers`"), &c.callers, questions, Scope::Workload);
        match questions.iter().find(|q| q.id == c.carries) {
            None => check.error(at, None, format!("{place} carries unknown question \"{}\"", c.carries)),
            Some(q) if q.scope != Scope::Workload => check.error(at, None, format!("{place} carries \"{}\", a system question", c.carries)),
            Some(q) if q.kind == QuestionKind::Multiple => {
                check.error(at, None, format!("{place} carries \"{}\": a carried answer must be one option", c.carries))
            }
            Some(_) => {}
        }
        if c.candidates.is_empty() {
            check.error(at, None, format!("{place}: `candidates` must name the platforms the chain bears on"));
        }
        for id in &c.candidates {
            if candidates.iter().find(|x| &x.id == id).is_none_or(|x| x.axis != Axis::Execution) {
                check.error(at, None, format!("{place}: \"{id}\" is not a candidate on the execution axis"));
            }
        }
        because(check, at, &place, &c.because);
        chains.push(ChainRule { id: c.id, callee, callers, carries: c.carries, candidates: c.candidates, because: c.because });
    }
    chains
}
