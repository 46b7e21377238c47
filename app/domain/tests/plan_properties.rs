//! Properties of plans over random, valid answers: totals are sums of terms,
//! the plan is the exact best, a second platform is used only when it earns
//! its price, system rule-outs hold for every workload, and tipping points
//! agree with re-scoring by brute force.

mod common;

use common::{plan_from, questionnaire};
use crossroads_domain::{assess_plan, Answer, PlanAnswers, PlanAssessment, Questionnaire, Scope, TippingPoint};
use proptest::prelude::*;

fn plans() -> impl Strategy<Value = (Vec<u64>, Vec<Vec<u64>>)> {
    (prop::collection::vec(any::<u64>(), 24), prop::collection::vec(prop::collection::vec(any::<u64>(), 8), 1..=4))
}

fn lenient(q: &Questionnaire) -> Questionnaire {
    let mut relaxed = q.clone();
    for question in &mut relaxed.questions {
        question.required = false;
    }
    relaxed
}

/// Only the answers each part of the plan still shows.
fn prune(q: &Questionnaire, plan: &PlanAnswers) -> PlanAnswers {
    let n = plan.workloads.len();
    let mut pruned = plan.clone();
    pruned.system = q.prune_for(&plan.system, n);
    for (w, original) in pruned.workloads.iter_mut().zip(&plan.workloads) {
        let mut context = pruned.system.clone();
        for (id, a) in original.answers.iter() {
            context.set(id.clone(), a.clone());
        }
        let kept = q.prune_for(&context, n);
        w.answers = crossroads_domain::Answers(kept.0.into_iter().filter(|(id, _)| original.answers.get(id).is_some()).collect());
    }
    pruned
}

type Outcome = (Option<String>, Vec<Option<String>>);

fn outcome(a: &PlanAssessment) -> Outcome {
    (a.organisation.winner.clone(), a.workloads.iter().map(|w| w.platform.clone()).collect())
}

/// The plan with `question` answered `answer` in the system (`None`) or one
/// workload, pruned, and the follow-up answer set wherever it is now asked blank.
fn changed(q: &Questionnaire, plan: &PlanAnswers, place: Option<usize>, question: &str, answer: &Answer, then: Option<(&str, &Answer)>) -> PlanAnswers {
    let mut next = plan.clone();
    match place {
        None => next.system.set(question, answer.clone()),
        Some(w) => next.workloads[w].answers.set(question, answer.clone()),
    }
    let mut next = prune(q, &next);
    if let Some((id, answer)) = then {
        let n = next.workloads.len();
        let target = q.question(id).unwrap();
        if target.scope == Scope::System {
            next.system.set(id, answer.clone());
        } else {
            for w in 0..n {
                if q.is_asked(target, &next.context(w), n) && next.workloads[w].answers.get(id).is_none() {
                    next.workloads[w].answers.set(id, answer.clone());
                }
            }
        }
        next = prune(q, &next);
    }
    next
}

fn rescore(relaxed: &Questionnaire, plan: &PlanAnswers) -> Outcome {
    outcome(&assess_plan(relaxed, plan).unwrap_or_else(|e| panic!("a changed plan scores leniently: {e}")))
}

/// Every (place, tipping point) of a plan.
fn points(a: &PlanAssessment) -> Vec<(Option<usize>, &TippingPoint)> {
    let system = a.tipping_points.iter().map(|p| (None, p));
    system.chain(a.workloads.iter().enumerate().flat_map(|(w, x)| x.tipping_points.iter().map(move |p| (Some(w), p)))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn every_number_is_the_sum_of_its_terms((system, workloads) in plans()) {
        let q = questionnaire();
        let a = assess_plan(&q, &plan_from(&q, &system, &workloads)).unwrap();
        let flat = a.to_assessment(&q);
        let axes = std::iter::once(&a.organisation).chain(a.workloads.iter().map(|w| &w.execution)).chain(flat.axes.iter());
        for axis in axes {
            for score in &axis.scores {
                prop_assert_eq!(score.total, score.terms.iter().map(|t| t.points).sum::<i32>());
            }
        }
        prop_assert_eq!(a.mixing.per_platform, a.mixing.terms.iter().map(|t| t.points).sum::<i32>());
        for choice in a.plan.iter().chain(a.single.iter()) {
            prop_assert_eq!(choice.points, choice.assignments.iter().map(|x| x.points).sum::<i32>());
            prop_assert_eq!(choice.mixing_cost, a.mixing.per_platform * choice.extra_platforms as i32);
            prop_assert_eq!(choice.value, choice.points - choice.mixing_cost);
        }
    }

    /// The plan is the best over every set of platforms, found here by brute
    /// force; it mixes platforms only when that beats every single platform
    /// by more than the price, so a single-platform plan within the mixing
    /// price is always chosen.
    #[test]
    fn a_plan_mixes_platforms_only_when_it_earns_the_price((system, workloads) in plans()) {
        let q = questionnaire();
        let a = assess_plan(&q, &plan_from(&q, &system, &workloads)).unwrap();
        let candidates: Vec<&str> = a.workloads[0].execution.scores.iter().map(|s| s.candidate.as_str()).collect();
        let mut best: Option<(i32, usize)> = None;
        let mut best_single: Option<i32> = None;
        for set in 1u32..(1 << candidates.len()) {
            let size = set.count_ones() as usize;
            let picks: Option<Vec<i32>> = a.workloads.iter().map(|w| {
                w.execution.scores.iter().enumerate().filter(|(k, s)| set & (1 << k) != 0 && !s.is_excluded()).map(|(_, s)| s.total).max()
            }).collect();
            let Some(picks) = picks else { continue };
            let value = picks.iter().sum::<i32>() - a.mixing.per_platform * (size as i32 - 1);
            if best.is_none_or(|(v, n)| value > v || (value == v && size < n)) {
                best = Some((value, size));
            }
            if size == 1 && best_single.is_none_or(|v| value > v) {
                best_single = Some(value);
            }
        }
        prop_assert_eq!(a.plan.as_ref().map(|p| (p.value, p.platforms.len())), best);
        prop_assert_eq!(a.single.as_ref().map(|p| p.value), best_single);
        if let (Some(plan), Some(single)) = (&a.plan, &a.single) {
            if plan.platforms.len() > 1 {
                prop_assert!(plan.points - single.points > plan.mixing_cost, "mixing gains {} for a price of {}", plan.points - single.points, plan.mixing_cost);
            }
            if best.is_some_and(|(v, _)| single.value >= v) {
                prop_assert_eq!(plan.platforms.len(), 1);
            }
        }
    }

    #[test]
    fn a_system_rule_out_holds_for_every_workload((system, workloads) in plans(), forced in 0usize..3) {
        let q = questionnaire();
        let mut plan = plan_from(&q, &system, &workloads);
        // Make the constraints common: a must-move rule, an on-premises rule, or both.
        if forced != 1 { plan.system.set("lock_in", Answer::One("must_move".into())); }
        if forced != 0 { plan.system.set("compliance", Answer::One("on_premises".into())); }
        let a = assess_plan(&q, &plan).unwrap();
        let mut expected = Vec::new();
        for question in q.questions_in(Scope::System) {
            for option in plan.system.get(&question.id).map(|x| x.selected().to_vec()).unwrap_or_default() {
                for rule in &question.option(&option).unwrap().excludes {
                    expected.push((rule.candidate.clone(), question.id.clone()));
                }
            }
        }
        let reported: Vec<(String, String)> = a.ruled_out_everywhere.iter().map(|e| (e.candidate.clone(), e.by.question.clone())).collect();
        prop_assert_eq!(&reported, &expected, "each system rule-out once at plan level");
        for (candidate, question) in &expected {
            for w in &a.workloads {
                let score = w.execution.score(candidate).unwrap();
                prop_assert!(score.excluded_by.iter().any(|x| &x.question == question), "{} on {}", candidate, w.name);
                prop_assert_ne!(w.platform.as_deref(), Some(candidate.as_str()));
            }
        }
    }

    /// Each reported tipping point changes exactly what it says when the plan
    /// is re-scored with the changed answer; and every single-option change
    /// of an answer that moves the recommendation is reported.
    #[test]
    fn tipping_points_agree_with_brute_force((system, workloads) in plans()) {
        let q = questionnaire();
        let relaxed = lenient(&q);
        let plan = plan_from(&q, &system, &workloads);
        let a = assess_plan(&q, &plan).unwrap();
        let base = outcome(&a);
        let several = plan.workloads.len() > 1;
        for (place, point) in points(&a) {
            let then = point.then.as_ref().map(|t| (t.question.as_str(), &t.answer));
            let after = rescore(&relaxed, &changed(&q, &plan, place, &point.question, &point.to, then));
            prop_assert_ne!(&after, &base, "{:?}", point);
            let mut expected = Vec::new();
            if after.0 != base.0 {
                expected.push((crossroads_domain::Axis::Organisation, base.0.clone(), after.0.clone()));
            }
            for (b, x) in base.1.iter().zip(&after.1) {
                if b != x {
                    expected.push((crossroads_domain::Axis::Execution, b.clone(), x.clone()));
                }
            }
            let reported: Vec<_> = point.changes.iter().map(|c| (c.axis, c.from.clone(), c.to.clone())).collect();
            prop_assert_eq!(reported, expected, "{:?}", point);
            prop_assert_eq!(point.workload.is_some(), several && place.is_some());
        }
        // Completeness, for single-choice and scale questions: any other option that moves the outcome is reported.
        let n = plan.workloads.len();
        let places = std::iter::once(None).chain((0..n).map(Some));
        for place in places {
            let (own, scope) = match place { None => (&plan.system, Scope::System), Some(w) => (&plan.workloads[w].answers, Scope::Workload) };
            for question in q.questions_in(scope).filter(|x| x.kind != crossroads_domain::QuestionKind::Multiple) {
                let Some(current) = own.get(&question.id) else { continue };
                for option in question.options.iter().filter(|o| !current.selected().contains(&o.id)) {
                    let next = changed(&q, &plan, place, &question.id, &Answer::One(option.id.clone()), None);
                    let asks_more = q.questions.iter().any(|x| x.required && {
                        let ctx = |w: usize| next.context(w);
                        if x.scope == Scope::System { q.is_asked(x, &next.system, n) && next.system.get(&x.id).is_none() }
                        else { (0..n).any(|w| q.is_asked(x, &ctx(w), n) && next.workloads[w].answers.get(&x.id).is_none()) }
                    });
                    if asks_more || rescore(&relaxed, &next) == base { continue; }
                    let reported = points(&a).iter().any(|(p, t)| *p == place && t.question == question.id);
                    prop_assert!(reported, "{:?} {}: {} moves the outcome but is not reported", place, question.id, option.id);
                }
            }
        }
    }
}
