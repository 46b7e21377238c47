//! The wizard's steps, written once: which steps a draft has, where each
//! leads, which of its questions are shown, what a step's form changes, and
//! what is still missing. The server uses this for every step, with
//! JavaScript or without; the browser only shows and hides what the server
//! rendered.
//!
//! Steps: the system sections (each with its system questions), then
//! "Workloads" (name the parts, pick their kinds), then one step per
//! workload (its questions, from every section), then the review. A draft
//! is a [`PlanAnswers`]: with one workload left as the whole system it asks
//! exactly the questions a single system always had.

use crate::answer::{Answer, Answers};
use crate::outline::{WizardModel, WizardQuestion};
use crate::question::{QuestionKind, Scope};
use crate::skip;
use crate::workload::{PlanAnswers, Workload};

/// One step of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A section's system questions (the section's index).
    Section(usize),
    /// Naming the workloads and picking their kinds.
    Workloads,
    /// One workload's questions (its index).
    Workload(usize),
    Review,
}

impl WizardModel {
    /// A new draft: one workload, the whole system, of the default kind.
    pub fn new_draft(&self) -> PlanAnswers {
        let kind = self.default_kind();
        PlanAnswers {
            system: Answers::new(),
            workloads: vec![Workload {
                name: kind.map_or("The whole system", |k| k.label.as_str()).to_string(),
                kind: kind.map(|k| k.id.clone()).unwrap_or_default(),
                answers: Answers::new(),
            }],
        }
    }

    /// Sections with at least one system question, as steps.
    fn system_steps(&self) -> impl Iterator<Item = Step> + '_ {
        self.sections.iter().enumerate().filter(|(_, s)| s.questions.iter().any(|q| q.scope == Scope::System)).map(|(i, _)| Step::Section(i))
    }

    /// Every step of this draft, in order.
    pub fn steps(&self, draft: &PlanAnswers) -> Vec<Step> {
        let mut steps: Vec<Step> = self.system_steps().collect();
        steps.push(Step::Workloads);
        steps.extend((0..draft.workloads.len()).map(Step::Workload));
        steps.push(Step::Review);
        steps
    }

    /// The step's address.
    pub fn path(&self, step: Step) -> String {
        match step {
            Step::Section(i) => format!("/wizard/{}", self.sections.get(i).map_or("review", |s| s.id.as_str())),
            Step::Workloads => "/wizard/workloads".into(),
            Step::Workload(i) => format!("/wizard/w/{}", i + 1),
            Step::Review => "/wizard/review".into(),
        }
    }

    /// The step at an address below `/wizard/` (`situation`, `workloads`,
    /// `w/2`, `review`), if this draft has it.
    pub fn step_at(&self, tail: &str, draft: &PlanAnswers) -> Option<Step> {
        let step = match tail {
            "review" => Step::Review,
            "workloads" => Step::Workloads,
            _ => match tail.strip_prefix("w/") {
                Some(n) => Step::Workload(n.parse::<usize>().ok()?.checked_sub(1)?),
                None => Step::Section(self.sections.iter().position(|s| s.id == tail)?),
            },
        };
        self.steps(draft).contains(&step).then_some(step)
    }

    /// The step after `step` (the review is last).
    pub fn next(&self, step: Step, draft: &PlanAnswers) -> Step {
        let steps = self.steps(draft);
        let at = steps.iter().position(|s| *s == step).unwrap_or(0);
        steps.get(at + 1).copied().unwrap_or(Step::Review)
    }

    /// The step before `step` (the first stays first).
    pub fn previous(&self, step: Step, draft: &PlanAnswers) -> Step {
        let steps = self.steps(draft);
        let at = steps.iter().position(|s| *s == step).unwrap_or(0);
        steps[at.saturating_sub(1)]
    }

    /// The questions a step renders, shown or not (skip logic shows and hides
    /// them as answers change).
    pub fn questions_of(&self, step: Step, draft: &PlanAnswers) -> Vec<&WizardQuestion> {
        let several = draft.workloads.len() > 1;
        match step {
            Step::Section(i) => self.sections.get(i).map(|s| s.questions.iter().filter(|q| q.scope == Scope::System).collect()).unwrap_or_default(),
            Step::Workload(_) => self.questions_in(Scope::Workload).filter(|q| several || !q.only_with_several).collect(),
            Step::Workloads | Step::Review => Vec::new(),
        }
    }

    /// Whether `question` is shown on `step` for this draft: its conditions
    /// read the workload's own answers first, then the system's.
    pub fn is_shown(&self, question: &WizardQuestion, step: Step, draft: &PlanAnswers) -> bool {
        if question.only_with_several && draft.workloads.len() < 2 {
            return false;
        }
        match step {
            Step::Workload(i) => match draft.workloads.get(i) {
                Some(w) => skip::is_shown_over(&question.show_if, &w.answers, &draft.system),
                None => false,
            },
            _ => skip::is_shown(&question.show_if, &draft.system),
        }
    }

    /// The answers a step's questions read and write.
    fn answers_of<'a>(&self, step: Step, draft: &'a PlanAnswers) -> Option<&'a Answers> {
        match step {
            Step::Section(_) => Some(&draft.system),
            Step::Workload(i) => draft.workloads.get(i).map(|w| &w.answers),
            Step::Workloads | Step::Review => None,
        }
    }

    /// Required, shown questions of a step that have no answer.
    pub fn missing_in(&self, step: Step, draft: &PlanAnswers) -> Vec<String> {
        let Some(answers) = self.answers_of(step, draft) else { return Vec::new() };
        self.questions_of(step, draft)
            .into_iter()
            .filter(|q| q.required && self.is_shown(q, step, draft))
            .filter(|q| answers.get(&q.id).is_none_or(|a| a.selected().is_empty()))
            .map(|q| q.id.clone())
            .collect()
    }

    /// The first step with a required, shown question left unanswered.
    pub fn first_incomplete(&self, draft: &PlanAnswers) -> Option<Step> {
        self.steps(draft).into_iter().find(|&step| !self.missing_in(step, draft).is_empty())
    }

    /// Replaces the answers to a step's questions with what its form says
    /// (`q.{question}` fields); an unticked multiple-choice question is the
    /// answer "none of these". Unknown questions and options are ignored here;
    /// final validation reports anything left. Then drops what is no longer shown.
    pub fn apply(&self, step: Step, form: &[(String, String)], draft: &mut PlanAnswers) {
        let questions: Vec<WizardQuestion> = self.questions_of(step, draft).into_iter().cloned().collect();
        let answers = match step {
            Step::Section(_) => &mut draft.system,
            Step::Workload(i) => match draft.workloads.get_mut(i) {
                Some(w) => &mut w.answers,
                None => return,
            },
            Step::Workloads | Step::Review => return,
        };
        for q in &questions {
            let key = format!("q.{}", q.id);
            let chosen: Vec<&String> = form.iter().filter(|(k, v)| *k == key && q.options.iter().any(|o| o.id == *v)).map(|(_, v)| v).collect();
            answers.remove(&q.id);
            match q.kind {
                // In the options' order, each once, however the form sent them.
                QuestionKind::Multiple => {
                    let ticked = q.options.iter().filter(|o| chosen.contains(&&o.id)).map(|o| o.id.clone()).collect();
                    answers.set(q.id.clone(), Answer::Many(ticked));
                }
                _ => {
                    if let Some(first) = chosen.first() {
                        answers.set(q.id.clone(), Answer::One((*first).clone()));
                    }
                }
            }
        }
        *draft = self.prune(draft);
    }

    /// Only the answers to questions that are shown: a changed answer hides
    /// its follow-ups, and their answers go.
    pub fn prune(&self, draft: &PlanAnswers) -> PlanAnswers {
        let several = draft.workloads.len() > 1;
        let system = skip::prune(self.questions_in(Scope::System).map(|q| (q.id.as_str(), q.show_if.as_slice())), &draft.system);
        let workloads = draft
            .workloads
            .iter()
            .map(|w| {
                let mut kept = Answers::new();
                for q in self.questions_in(Scope::Workload).filter(|q| several || !q.only_with_several) {
                    if let Some(answer) = w.answers.get(&q.id) {
                        if skip::is_shown_over(&q.show_if, &kept, &system) {
                            kept.set(q.id.clone(), answer.clone());
                        }
                    }
                }
                Workload { name: w.name.clone(), kind: w.kind.clone(), answers: self.known_only(&kept) }
            })
            .collect();
        PlanAnswers { system: self.known_only(&system), workloads }
    }

    /// `answers` without options the questionnaire does not offer: a draft
    /// holds what a person could have chosen, and so stays small whatever a
    /// hand-made request or an old cookie carried.
    fn known_only(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        for (id, answer) in answers.iter() {
            let Some(q) = self.question(id) else { continue };
            let offered = |o: &String| q.options.iter().any(|option| option.id == *o);
            let answer = match answer {
                Answer::One(o) if offered(o) => Answer::One(o.clone()),
                Answer::One(_) => continue,
                Answer::Many(given) => {
                    let list: Vec<String> = given.iter().filter(|o| offered(o)).take(q.options.len()).cloned().collect();
                    // Ticking nothing is an answer; a list of nothing but unknown options is not.
                    if list.is_empty() && !given.is_empty() {
                        continue;
                    }
                    Answer::Many(list)
                }
            };
            kept.set(id.clone(), answer);
        }
        kept
    }

    /// Answered and asked questions over every step, for the progress bar.
    pub fn progress(&self, draft: &PlanAnswers) -> (usize, usize) {
        let (mut answered, mut asked) = (0, 0);
        for step in self.steps(draft) {
            let Some(answers) = self.answers_of(step, draft) else { continue };
            for q in self.questions_of(step, draft).into_iter().filter(|q| self.is_shown(q, step, draft)) {
                asked += 1;
                answered += usize::from(answers.get(&q.id).is_some());
            }
        }
        (answered, asked)
    }

    /// A step's title: the section's, "Workloads", or the workload's name.
    pub fn title(&self, step: Step, draft: &PlanAnswers) -> String {
        match step {
            Step::Section(i) => self.sections.get(i).map(|s| s.title.clone()).unwrap_or_default(),
            Step::Workloads => "Workloads".into(),
            Step::Workload(i) => draft.workloads.get(i).map(|w| w.name.clone()).unwrap_or_default(),
            Step::Review => "Review".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::tests::model;

    fn one(id: &str) -> Answer {
        Answer::One(id.into())
    }

    #[test]
    fn a_new_draft_walks_the_system_sections_then_its_one_workload() {
        let m = model();
        let draft = m.new_draft();
        assert_eq!(draft.workloads[0].name, "The whole system");
        let steps = m.steps(&draft);
        assert_eq!(steps, vec![Step::Section(0), Step::Section(1), Step::Section(2), Step::Workloads, Step::Workload(0), Step::Review]);
        let paths: Vec<String> = steps.iter().map(|&s| m.path(s)).collect();
        assert_eq!(paths, ["/wizard/one", "/wizard/two", "/wizard/work", "/wizard/workloads", "/wizard/w/1", "/wizard/review"]);
        for (step, path) in steps.iter().zip(&paths) {
            assert_eq!(m.step_at(path.trim_start_matches("/wizard/"), &draft), Some(*step));
        }
        assert_eq!(m.step_at("w/2", &draft), None, "a workload the draft does not have");
        assert_eq!(m.step_at("w/0", &draft), None);
        assert_eq!(m.next(Step::Workload(0), &draft), Step::Review);
        assert_eq!(m.previous(Step::Section(0), &draft), Step::Section(0));
        // The mixed section shows only its system question; the workload step every workload question but `waits`.
        let ids = |qs: Vec<&WizardQuestion>| qs.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(m.questions_of(Step::Section(2), &draft)), ["shared"]);
        assert_eq!(ids(m.questions_of(Step::Workload(0), &draft)), ["load"]);
    }

    #[test]
    fn with_several_workloads_each_has_a_step_and_the_several_only_questions() {
        let m = model();
        let mut draft = m.new_draft();
        draft.workloads.push(Workload { name: "API".into(), kind: "api".into(), answers: Answers::new() });
        assert_eq!(m.steps(&draft).iter().filter(|s| matches!(s, Step::Workload(_))).count(), 2);
        let ids: Vec<&str> = m.questions_of(Step::Workload(1), &draft).iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["load", "waits"]);
        assert_eq!(m.missing_in(Step::Workload(1), &draft), ["load", "waits"]);
    }

    #[test]
    fn a_form_sets_its_steps_answers_and_prunes_follow_ups() {
        let m = model();
        let mut draft = m.new_draft();
        let form = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        m.apply(Step::Section(0), &form(&[("q.first", "b"), ("q.stray", "a")]), &mut draft);
        assert_eq!(draft.system.get("first"), Some(&one("b")));
        assert!(draft.system.get("stray").is_none());
        m.apply(Step::Section(1), &form(&[("q.later", "a"), ("q.many", "b"), ("q.many", "a"), ("q.many", "zzz")]), &mut draft);
        assert_eq!(draft.system.get("many"), Some(&Answer::Many(vec!["a".into(), "b".into()])), "options' order, unknown dropped");
        assert!(m.missing_in(Step::Section(1), &draft).is_empty());
        // Answering `first` differently hides `later`: its answer goes.
        m.apply(Step::Section(0), &form(&[("q.first", "a")]), &mut draft);
        assert!(draft.system.get("later").is_none());
        m.apply(Step::Section(1), &form(&[]), &mut draft);
        assert_eq!(draft.system.get("many"), Some(&Answer::Many(vec![])), "nothing ticked is an answer");
        assert_eq!(m.missing_in(Step::Section(1), &draft), ["many"], "but not to a required question");
        m.apply(Step::Workload(0), &form(&[("q.load", "a"), ("q.first", "b")]), &mut draft);
        assert_eq!(draft.workloads[0].answers.get("load"), Some(&one("a")));
        assert!(draft.workloads[0].answers.get("first").is_none(), "a system question is not a workload's answer");
        assert_eq!(m.first_incomplete(&draft), Some(Step::Section(1)));
        assert_eq!(m.progress(&draft), (3, 4));
    }
}
