//! Scoring a plan, explained: the organisation axis once for the system, an
//! execution axis per workload, and the price of mixing platforms, each total
//! the sum of its terms. The fast re-scoring in [`crate::plan_compiled`]
//! applies the same rules on numbers; a property test keeps the two in step.

use crate::answer::{Answer, Answers};
use crate::assessment::{add_answer, empty_scores, finish_axis, AxisResult, CandidateScore, Exclusion, Term, TermSource};
use crate::candidate::Axis;
use crate::plan_content::{ChainRule, FactTest};
use crate::question::Scope;
use crate::questionnaire::Questionnaire;
use crate::workload::PlanAnswers;

/// A plan's answers as the scoring reads them.
pub(crate) struct Prepared<'a> {
    pub(crate) plan: &'a PlanAnswers,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(plan: &'a PlanAnswers) -> Self {
        Prepared { plan }
    }

    /// Whether `question` is asked of workload `i` (system questions: of the system).
    fn asked(&self, q: &Questionnaire, question: &crate::question::Question, i: usize) -> bool {
        q.is_asked_in(question, &self.plan.system, &self.plan.workloads[i].answers, self.n())
    }

    fn n(&self) -> usize {
        self.plan.workloads.len()
    }

    /// Names for [`Term::workloads`]: none when the plan has one workload.
    fn names(&self, indexes: &[usize]) -> Vec<String> {
        if self.n() < 2 {
            return Vec::new();
        }
        indexes.iter().map(|&i| self.plan.workloads[i].name.clone()).collect()
    }

    /// Workload `i`'s answer to workload question `id`, if the question is asked there.
    fn workload_answer(&self, q: &Questionnaire, i: usize, id: &str) -> Option<&'a Answer> {
        let question = q.question(id)?;
        let answer = self.plan.workloads[i].answers.get(id)?;
        self.asked(q, question, i).then_some(answer)
    }
}

/// The organisation axis: system answers; each option of a workload question
/// counted once if at least one workload chose it, naming those workloads;
/// then the workload facts that hold. With one workload this is exactly the
/// single-system organisation axis.
pub(crate) fn organisation(q: &Questionnaire, p: &Prepared<'_>) -> AxisResult {
    let n = p.n();
    let mut scores = empty_scores(q, Axis::Organisation);
    for question in q.questions_for(n) {
        if question.scope == Scope::System {
            if let Some(answer) = p.plan.system.get(&question.id).filter(|_| q.is_asked(question, &p.plan.system, n)) {
                add_answer(&mut scores, question, answer.selected(), &[]);
            }
            continue;
        }
        // Options in the order the workloads first chose them.
        let mut chosen: Vec<(&String, Vec<usize>)> = Vec::new();
        for i in 0..n {
            for option in p.workload_answer(q, i, &question.id).map(Answer::selected).unwrap_or_default() {
                match chosen.iter_mut().find(|(o, _)| *o == option) {
                    Some((_, who)) => who.push(i),
                    None => chosen.push((option, vec![i])),
                }
            }
        }
        for (option, who) in chosen {
            add_answer(&mut scores, question, std::slice::from_ref(option), &p.names(&who));
        }
    }
    for fact in &q.workload_facts {
        let Some((found, who)) = fact_holds(q, p, &fact.test) else { continue };
        for points in &fact.points {
            if let Some(score) = scores.iter_mut().find(|s| s.candidate == points.candidate) {
                score.total += points.points;
                score.terms.push(Term {
                    question: fact.id.clone(),
                    prompt: fact.label.clone(),
                    option: String::new(),
                    option_label: found.clone(),
                    points: points.points,
                    because: points.because.clone(),
                    source: TermSource::Fact,
                    workloads: p.names(&who),
                });
            }
        }
    }
    finish_axis(q, Axis::Organisation, scores)
}

/// What a fact found ("3 workloads", the differing answers) and which workloads, when it holds.
fn fact_holds(q: &Questionnaire, p: &Prepared<'_>, test: &FactTest) -> Option<(String, Vec<usize>)> {
    let n = p.n();
    match test {
        FactTest::AtLeast { workloads } => (n >= *workloads).then(|| (format!("{n} workloads"), (0..n).collect())),
        FactTest::Differ { question } => {
            let target = q.question(question)?;
            let mut answered = Vec::new();
            let mut distinct: Vec<&Answer> = Vec::new();
            for i in 0..n {
                // An empty answer says nothing about how a workload behaves.
                let Some(answer) = p.workload_answer(q, i, question).filter(|a| !a.selected().is_empty()) else { continue };
                answered.push(i);
                if !distinct.iter().any(|d| d.same_as(answer)) {
                    distinct.push(answer);
                }
            }
            (distinct.len() >= 2).then(|| {
                let labels: Vec<String> = distinct
                    .iter()
                    .map(|a| a.selected().iter().filter_map(|o| target.option(o)).map(|o| format!("“{}”", o.label)).collect::<Vec<_>>().join(" + "))
                    .collect();
                (labels.join(" / "), answered)
            })
        }
    }
}

/// Workload `i`'s execution axis: the system answers, its own answers, then
/// what synchronous chains carry to it. With one workload this is exactly
/// the single-system execution axis.
pub(crate) fn execution(q: &Questionnaire, p: &Prepared<'_>, i: usize) -> AxisResult {
    let n = p.n();
    let mut scores = empty_scores(q, Axis::Execution);
    for question in q.questions_for(n) {
        let own = if question.scope == Scope::System { &p.plan.system } else { &p.plan.workloads[i].answers };
        if let Some(answer) = own.get(&question.id).filter(|_| p.asked(q, question, i)) {
            add_answer(&mut scores, question, answer.selected(), &[]);
        }
    }
    for chain in &q.chains {
        carry(q, p, i, chain, &mut scores);
    }
    finish_axis(q, Axis::Execution, scores)
}

/// Applies `chain` to workload `i` if other workloads wait on it (see [`ChainRule`]).
fn carry(q: &Questionnaire, p: &Prepared<'_>, i: usize, chain: &ChainRule, scores: &mut [CandidateScore]) {
    let holds = |j: usize, c: &crate::question::Condition| {
        p.workload_answer(q, j, &c.question).is_some_and(|a| a.selected().iter().any(|o| c.any_of.contains(o)))
    };
    if !holds(i, &chain.callee) {
        return;
    }
    let Some(carried) = q.question(&chain.carries) else { return };
    // The callers' answers, most demanding first; ties keep the first caller's.
    let mut best: Option<(&crate::question::Choice, (bool, i32))> = None;
    let mut callers: Vec<(usize, &str)> = Vec::new();
    for j in (0..p.n()).filter(|&j| j != i && holds(j, &chain.callers)) {
        let Some(option) = p.workload_answer(q, j, &chain.carries).and_then(|a| a.selected().first()).and_then(|o| carried.option(o)) else {
            continue;
        };
        callers.push((j, option.id.as_str()));
        let demand = chain.demand(option);
        let more = best.is_none_or(|(_, (excludes, points))| (demand.0 && !excludes) || (demand.0 == excludes && demand.1 < points));
        if more {
            best = Some((option, demand));
        }
    }
    let Some((option, _)) = best else { return };
    let who: Vec<usize> = callers.iter().filter(|(_, o)| *o == option.id).map(|(j, _)| *j).collect();
    let names = p.names(&who);
    for points in option.points.iter().filter(|x| chain.candidates.contains(&x.candidate)) {
        if let Some(score) = scores.iter_mut().find(|s| s.candidate == points.candidate) {
            score.total += points.points;
            score.terms.push(Term {
                question: carried.id.clone(),
                prompt: carried.prompt.clone(),
                option: option.id.clone(),
                option_label: option.label.clone(),
                points: points.points,
                because: chain.because.clone(),
                source: TermSource::Chain,
                workloads: names.clone(),
            });
        }
    }
    for rule in option.excludes.iter().filter(|x| chain.candidates.contains(&x.candidate)) {
        if let Some(score) = scores.iter_mut().find(|s| s.candidate == rule.candidate) {
            score.excluded_by.push(Exclusion {
                question: carried.id.clone(),
                prompt: carried.prompt.clone(),
                option: option.id.clone(),
                option_label: option.label.clone(),
                because: format!("{} {}", chain.because, rule.because),
                workloads: names.clone(),
            });
        }
    }
}

/// The price of each platform beyond the first, as terms: the base price,
/// then each extra whose system answer holds.
pub(crate) fn mixing_terms(q: &Questionnaire, system: &Answers, n: usize) -> Vec<Term> {
    let m = &q.mixing;
    let mut terms = Vec::new();
    if m.points != 0 || !m.because.is_empty() {
        terms.push(Term {
            question: String::new(),
            prompt: m.label.clone(),
            option: String::new(),
            option_label: String::new(),
            points: m.points,
            because: m.because.clone(),
            source: TermSource::Mixing,
            workloads: Vec::new(),
        });
    }
    for extra in &m.extras {
        let Some(question) = q.question(&extra.when.question).filter(|x| q.is_asked(x, system, n)) else { continue };
        let Some(answer) = system.get(&question.id) else { continue };
        let Some(option) = answer.selected().iter().find(|o| extra.when.any_of.contains(o)).and_then(|o| question.option(o)) else {
            continue;
        };
        terms.push(Term {
            question: question.id.clone(),
            prompt: question.prompt.clone(),
            option: option.id.clone(),
            option_label: option.label.clone(),
            points: extra.points,
            because: extra.because.clone(),
            source: TermSource::Mixing,
            workloads: Vec::new(),
        });
    }
    terms
}

/// Execution candidates a system answer rules out, for every workload: each
/// (candidate, answer) once.
pub(crate) fn ruled_out_by_system(q: &Questionnaire, system: &Answers, n: usize) -> Vec<(String, Exclusion)> {
    let mut out = Vec::new();
    for question in q.questions_in(Scope::System).filter(|x| q.is_asked(x, system, n)) {
        let Some(answer) = system.get(&question.id) else { continue };
        for option in answer.selected().iter().filter_map(|o| question.option(o)) {
            for rule in &option.excludes {
                if q.candidate(&rule.candidate).is_some_and(|c| c.axis == Axis::Execution) {
                    out.push((rule.candidate.clone(), crate::assessment::exclusion(question, &option.id, &option.label, &rule.because)));
                }
            }
        }
    }
    out
}
