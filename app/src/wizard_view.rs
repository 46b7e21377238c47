//! What a wizard page shows for a draft and a step: the step list, the
//! progress, and the step's questions with their answers, or the workloads,
//! or the review. The steps themselves are the domain's (`wizard_flow`).

use crate::wizard::{QuestionView, QuestionsStep, ReviewGroup, ReviewStep, StepLink, StepView, WizardView, WorkloadRow, WorkloadsStep};
use crossroads_domain::{Answer, FieldError, PlanAnswers, Step, WizardModel, WizardQuestion, MAX_WORKLOADS};

/// What went wrong on the step being shown, if anything.
pub enum StepErrors {
    None,
    /// Required questions left unanswered.
    Missing(Vec<String>),
    /// The workloads form.
    Workloads(Vec<FieldError>),
    /// A refused submission: (question, message).
    Review(Vec<(String, String)>),
}

/// The page for `step` of `draft`. `fixed`: a team decision set the workloads.
pub fn view(model: &WizardModel, draft: &PlanAnswers, step: Step, errors: StepErrors, team: Option<(String, String)>, fixed: bool) -> WizardView {
    let steps = model.steps(draft);
    let at = steps.iter().position(|s| *s == step).unwrap_or(0);
    let numbered = steps.len() - 1;
    let links = steps
        .iter()
        .enumerate()
        .map(|(i, &s)| StepLink {
            title: model.title(s, draft),
            href: model.path(s),
            current: i == at,
            done: i < at && s != Step::Workloads && model.missing_in(s, draft).is_empty(),
        })
        .collect();
    let position = (at + 1, numbered);
    let step_view = match step {
        Step::Section(_) | Step::Workload(_) => {
            let missing = match &errors {
                StepErrors::Missing(ids) => ids.clone(),
                _ => Vec::new(),
            };
            StepView::Questions(questions_step(model, draft, step, position, &missing, at == 0))
        }
        Step::Workloads => StepView::Workloads(WorkloadsStep {
            action: model.path(step),
            position,
            rows: draft.workloads.iter().map(|w| WorkloadRow { name: w.name.clone(), kind: w.kind.clone() }).collect(),
            kinds: model.kinds.iter().map(|k| (k.id.clone(), k.label.clone(), k.summary.clone())).collect(),
            errors: match errors {
                StepErrors::Workloads(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
                _ => Vec::new(),
            },
            fixed,
            can_add: draft.workloads.len() < MAX_WORKLOADS,
            most: MAX_WORKLOADS,
            guide_href: "/guide/per-workload".into(),
        }),
        Step::Review => StepView::Review(review(model, draft, match errors {
            StepErrors::Review(errors) => errors,
            _ => Vec::new(),
        })),
    };
    WizardView { steps: links, progress: model.progress(draft), step: step_view, team }
}

fn questions_step(model: &WizardModel, draft: &PlanAnswers, step: Step, position: (usize, usize), missing: &[String], first: bool) -> QuestionsStep {
    let questions = model.questions_of(step, draft);
    let in_step: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let answers = match step {
        Step::Workload(i) => &draft.workloads[i].answers,
        _ => &draft.system,
    };
    let mut last_section = None;
    let views = questions
        .iter()
        .map(|q| {
            // A workload's step gathers questions from several sections: each new one gets a subheading.
            let section = match step {
                Step::Workload(_) => model.section_of(&q.id).filter(|s| last_section != Some(s.id.as_str())).map(|s| {
                    last_section = Some(s.id.as_str());
                    s.title.clone()
                }),
                _ => None,
            };
            let chosen = |option: &str| answers.get(&q.id).is_some_and(|a| a.selected().iter().any(|o| o == option));
            QuestionView {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                help_html: q.help_html.clone(),
                guide_href: q.guide_href.clone(),
                kind: q.kind,
                required: q.required,
                options: q.options.iter().map(|o| (o.id.clone(), o.label.clone(), chosen(&o.id))).collect(),
                hidden: !model.is_shown(q, step, draft),
                show_if: in_step_rule(q, &in_step, model.is_shown(q, step, draft) || settled_elsewhere_hold(model, q, step, draft, &in_step)),
                error: missing.contains(&q.id).then(|| "Choose an answer to continue.".to_string()),
                section,
                chosen_slots: Vec::new(),
            }
        })
        .collect();
    let (title, intro, kind) = match step {
        Step::Workload(i) => {
            let w = &draft.workloads[i];
            let kind = model.kind(&w.kind).map(|k| k.label.clone());
            (w.name.clone(), "How this part of the system runs: its load, who waits for it, what it keeps.".to_string(), kind)
        }
        Step::Section(i) => (model.sections[i].title.clone(), model.sections[i].intro.clone(), None),
        _ => (String::new(), String::new(), None),
    };
    QuestionsStep {
        action: model.path(step),
        position,
        title,
        intro,
        kind,
        questions: views,
        has_errors: !missing.is_empty(),
        first,
        last: model.next(step, draft) == Step::Review,
    }
}

/// Whether every condition on answers outside this step holds (those the
/// browser cannot re-check: they are settled here).
fn settled_elsewhere_hold(model: &WizardModel, q: &WizardQuestion, step: Step, draft: &PlanAnswers, in_step: &[&str]) -> bool {
    if q.only_with_several && draft.workloads.len() < 2 {
        return false;
    }
    let own = match step {
        Step::Workload(i) => Some(&draft.workloads[i].answers),
        _ => None,
    };
    q.show_if.iter().filter(|c| !in_step.contains(&c.question.as_str())).all(|c| {
        let answer = own.and_then(|a| a.get(&c.question)).or_else(|| draft.system.get(&c.question));
        answer.is_some_and(|a| a.selected().iter().any(|o| c.any_of.contains(o)))
    }) && model.question(&q.id).is_some()
}

/// The conditions the browser re-checks: those on this step's own answers,
/// as `question=option,option;…`. When a condition on another step fails,
/// the question cannot show here at all: it gets an empty rule and stays hidden.
fn in_step_rule(q: &WizardQuestion, in_step: &[&str], elsewhere_hold: bool) -> String {
    if !elsewhere_hold {
        return String::new();
    }
    q.show_if
        .iter()
        .filter(|c| in_step.contains(&c.question.as_str()))
        .map(|c| format!("{}={}", c.question, c.any_of.join(",")))
        .collect::<Vec<_>>()
        .join(";")
}

fn review(model: &WizardModel, draft: &PlanAnswers, errors: Vec<(String, String)>) -> ReviewStep {
    let steps = model.steps(draft);
    let shown = |step: Step, answers: &crossroads_domain::Answers| -> Vec<(String, String, bool, String)> {
        model
            .questions_of(step, draft)
            .into_iter()
            .filter(|q| model.is_shown(q, step, draft))
            .map(|q| {
                let answer = answers.get(&q.id);
                let text = match answer {
                    None => "Not answered yet".to_string(),
                    Some(a) if a.selected().is_empty() => "None of these".to_string(),
                    Some(a) => labels(q, a),
                };
                (q.prompt.clone(), text, answer.is_none() && q.required, format!("{}#q-{}", model.path(step), q.id))
            })
            .collect()
    };
    let mut system_rows = Vec::new();
    for &step in steps.iter().filter(|s| matches!(s, Step::Section(_))) {
        system_rows.extend(shown(step, &draft.system));
    }
    let first_section = steps.first().copied().unwrap_or(Step::Review);
    let mut groups = vec![ReviewGroup { title: "The system".into(), href: model.path(first_section), rows: system_rows }];
    for (i, w) in draft.workloads.iter().enumerate() {
        let kind = model.kind(&w.kind).map_or(String::new(), |k| format!(" ({})", k.label));
        groups.push(ReviewGroup { title: format!("{}{kind}", w.name), href: model.path(Step::Workload(i)), rows: shown(Step::Workload(i), &w.answers) });
    }
    ReviewStep { groups, incomplete: model.first_incomplete(draft).map(|s| model.path(s)), errors }
}

fn labels(q: &WizardQuestion, answer: &Answer) -> String {
    answer.selected().iter().filter_map(|o| q.options.iter().find(|x| x.id == *o).map(|x| x.label.clone())).collect::<Vec<_>>().join("; ")
}
