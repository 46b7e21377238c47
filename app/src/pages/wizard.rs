//! The questionnaire page. Every step is rendered here, on the server, as a
//! plain form that works without JavaScript; the island around it only swaps
//! in the next step the server renders, and shows or hides follow-up
//! questions as answers change.

use crate::islands::Wizard;
use crate::personal::choice;
use crate::wizard::{QuestionView, QuestionsStep, ReviewStep, StepView, WizardView, WorkloadsStep};
use crossroads_domain::QuestionKind;
use leptos::prelude::*;

#[component]
pub fn WizardPage(view: WizardView) -> impl IntoView {
    let team = view.team.clone();
    view! {
        <section class="wizard-page">
            <h1>"Questionnaire"</h1>
            <p class="lead">
                "Answer for the system you are deciding about. Every answer is weighed in the open: "
                "the result shows each point it gave and why."
            </p>
            {team.map(|(id, title)| view! {
                <div class="banner info" role="note">
                    {format!("You are answering for the team decision “{title}”. Your result joins the team page when you submit. ")}
                    <a href=format!("/t/{id}")>"Back to the team page"</a>
                    <form method="post" action="/wizard/solo" class="inline">
                        <button type="submit" class="secondary">"Answer for yourself instead"</button>
                    </form>
                </div>
            })}
            <Wizard>
                <WizardBody view=view/>
            </Wizard>
        </section>
    }
}

/// The part of the page a step changes: the step list, the progress and the
/// step itself. Also served alone, for the island to swap in.
#[component]
pub fn WizardBody(view: WizardView) -> impl IntoView {
    let (answered, asked) = view.progress;
    view! {
        <nav aria-label="Questionnaire steps">
            <ol class="steps">
                {view.steps.into_iter().map(|s| view! {
                    <li class:done=s.done aria-current=s.current.then_some("step")><a href=s.href>{s.title}</a></li>
                }).collect_view()}
            </ol>
        </nav>
        <div class="progress">
            <progress max=asked value=answered></progress>
            <span>{format!("{answered} of {asked} questions answered")}</span>
        </div>
        {match view.step {
            StepView::Questions(step) => questions_step(step).into_any(),
            StepView::Workloads(step) => workloads_step(step).into_any(),
            StepView::Review(step) => review_step(step).into_any(),
        }}
    }
}

fn position((at, of): (usize, usize)) -> String {
    format!("Step {at} of {of}")
}

fn questions_step(step: QuestionsStep) -> impl IntoView {
    view! {
        <form class="wizard-step" method="post" action=step.action.clone() data-inplace="true" novalidate>
            <p class="step-count">{position(step.position)}</p>
            <h2 tabindex="-1">{step.title.clone()}</h2>
            {step.kind.clone().map(|kind| view! { <p class="workload-kind">{kind}</p> })}
            {(!step.intro.is_empty()).then(|| view! { <p class="lead">{step.intro.clone()}</p> })}
            {step.has_errors.then(|| view! {
                <div class="error-summary" role="alert"><p>"Some questions need an answer before you continue."</p></div>
            })}
            {step.questions.into_iter().map(question_view).collect_view()}
            <div class="wizard-nav">
                <button type="submit" class="primary" name="nav" value="next">{if step.last { "Review answers" } else { "Next" }}</button>
                {(!step.first).then(|| view! {
                    <button type="submit" class="secondary" name="nav" value="back" formnovalidate>"Back"</button>
                })}
            </div>
        </form>
    }
}

fn question_view(q: QuestionView) -> impl IntoView {
    let id = q.id.clone();
    let input_type = if q.kind == QuestionKind::Multiple { "checkbox" } else { "radio" };
    let name = q.field();
    let help_id = format!("q-{id}-help");
    let error_id = format!("q-{id}-error");
    let described = if q.error.is_some() { format!("{help_id} {error_id}") } else { help_id.clone() };
    view! {
        {q.section.clone().map(|s| view! { <h3 class="step-section">{s}</h3> })}
        <fieldset
            id=format!("q-{id}")
            class="question"
            class:has-error=q.error.is_some()
            hidden=q.hidden
            data-show-if=(!q.show_if.is_empty()).then(|| q.show_if.clone())
            aria-describedby=described
        >
            <legend>
                {q.prompt.clone()}
                {(!q.required).then(|| view! { <span class="optional">" (optional)"</span> })}
            </legend>
            <div class="help" id=help_id>
                <div inner_html=q.help_html.clone()></div>
                <a class="learn-more" href=q.guide_href.clone()>"Learn more in the guide"</a>
            </div>
            {q.error.clone().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            <div class="options">
                {q.options.into_iter().enumerate().map(|(i, (value, label, chosen))| {
                    let name = name.clone();
                    // Checked or not is the visitor's: a page kept for everyone holds both.
                    let input = move |on: bool| view! { <input type=input_type name=name.clone() value=value.clone() checked=on/> };
                    view! {
                        <label class="option">
                            {choice(chosen, q.chosen_slots.get(i).cloned(), input)}
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

fn workloads_step(step: WorkloadsStep) -> impl IntoView {
    let error = |field: String| step.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone());
    let general = error("workloads".into());
    let kinds = step.kinds.clone();
    let many = step.rows.len() > 1;
    let rows = step
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let name_error = error(format!("w.{i}.name"));
            let kind_error = error(format!("w.{i}.kind"));
            let kinds = kinds.clone();
            let fixed = step.fixed;
            let has_error = name_error.is_some() || kind_error.is_some();
            view! {
                <fieldset class="workload-row" class:has-error=has_error>
                    <legend>{format!("Workload {}", i + 1)}</legend>
                    <label for=format!("w-{i}-name")>"Name"</label>
                    {name_error.map(|m| view! { <p class="field-error" id=format!("w-{i}-name-error")>{m}</p> })}
                    <input id=format!("w-{i}-name") name=format!("w.{i}.name") type="text" maxlength="60" required
                        value=row.name.clone() readonly=fixed/>
                    <label for=format!("w-{i}-kind")>"Kind"</label>
                    {kind_error.map(|m| view! { <p class="field-error">{m}</p> })}
                    <select id=format!("w-{i}-kind") name=format!("w.{i}.kind") disabled=fixed>
                        {kinds.into_iter().map(|(id, label, _)| {
                            let selected = id == row.kind;
                            view! { <option value=id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                    {(many && !fixed).then(|| view! {
                        <button type="submit" class="secondary" name="nav" value=format!("remove.{i}") formnovalidate>
                            {format!("Remove “{}”", row.name)}
                        </button>
                    })}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <form class="wizard-step workloads" method="post" action=step.action.clone() data-inplace="true" novalidate>
            <p class="step-count">{position(step.position)}</p>
            <h2 tabindex="-1">"Workloads"</h2>
            <p class="lead">
                "Parts of a system often run best in different ways: an API people wait on, a worker that drains a queue, a nightly job. "
                "Name each part that behaves differently and pick its kind; each gets its own questions and its own recommendation. "
                "Leave one workload, the whole system, to decide for everything at once. "
                <a href=step.guide_href.clone()>"Deciding per workload, in the guide"</a>
            </p>
            {step.fixed.then(|| view! { <p class="banner info" role="note">"The team decision's owner set these workloads: every member answers for the same ones."</p> })}
            {general.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            {(!step.errors.is_empty()).then(|| view! { <div class="error-summary" role="alert"><p>"Some workloads need a change before you continue."</p></div> })}
            {rows}
            <dl class="kinds">
                {step.kinds.iter().map(|(_, label, summary)| view! { <dt>{label.clone()}</dt><dd>{summary.clone()}</dd> }).collect_view()}
            </dl>
            <div class="wizard-nav">
                <button type="submit" class="primary" name="nav" value="next">"Next"</button>
                {(step.can_add && !step.fixed).then(|| view! {
                    <button type="submit" class="secondary" name="nav" value="add">"Add a workload"</button>
                })}
                <button type="submit" class="secondary" name="nav" value="back" formnovalidate>"Back"</button>
            </div>
            <p class="meta">{format!("From 1 to {} workloads.", step.most)}</p>
        </form>
    }
}

fn review_step(step: ReviewStep) -> impl IntoView {
    view! {
        <section class="wizard-step review">
            <h2 tabindex="-1">"Review your answers"</h2>
            <p class="lead">"Check each answer; change any of them before you get your recommendation."</p>
            {(!step.errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>"These answers need a change:"</p>
                    <ul>{step.errors.iter().map(|(_, m)| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {step.groups.into_iter().map(|g| view! {
                <h3 class="review-group"><a href=g.href>{g.title}</a></h3>
                <dl class="review-list">
                    {g.rows.into_iter().map(|(prompt, shown, missing, href)| view! {
                        <div class="review-row" class:missing=missing>
                            <dt>{prompt.clone()}</dt>
                            <dd><span>{shown}</span><a href=href aria-label=format!("Change: {prompt}")>"Change"</a></dd>
                        </div>
                    }).collect_view()}
                </dl>
            }).collect_view()}
            {match step.incomplete {
                Some(href) => view! {
                    <div class="wizard-nav"><a class="button primary" href=href>"Answer the remaining questions"</a></div>
                }.into_any(),
                None => view! {
                    <form method="post" action="/assessments" class="wizard-nav">
                        <button type="submit" class="primary">"Get my recommendation"</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
