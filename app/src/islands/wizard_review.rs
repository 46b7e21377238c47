//! The wizard's last step: every shown question with the answer given, each
//! linking back to its step, and the form that submits the answers.

use crate::wizard::{encode_draft, WizardModel};
use crossroads_domain::Answers;
use leptos::prelude::*;
use std::sync::Arc;

pub(super) fn review_step(
    model: StoredValue<Arc<WizardModel>>,
    answers: RwSignal<Answers>,
    heading: NodeRef<leptos::html::H2>,
    go: impl Fn(usize) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let rows = move || {
        let a = answers.get();
        model.with_value(|m| {
            m.sections
                .iter()
                .enumerate()
                .flat_map(|(i, s)| {
                    s.questions
                        .iter()
                        .filter(|q| m.is_visible(q, &a))
                        .map(|q| {
                            let shown = match a.get(&q.id) {
                                None => "Not answered yet".to_string(),
                                Some(ans) if ans.selected().is_empty() => "None of these".to_string(),
                                Some(ans) => ans
                                    .selected()
                                    .iter()
                                    .filter_map(|o| q.options.iter().find(|x| x.id == *o).map(|x| x.label.clone()))
                                    .collect::<Vec<_>>()
                                    .join("; "),
                            };
                            (i, s.id.clone(), q.id.clone(), q.prompt.clone(), shown, a.get(&q.id).is_none() && q.required)
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
    };
    let incomplete = move || model.with_value(|m| m.first_incomplete_step(&answers.get()));
    let back_to = model.with_value(|m| m.sections.len().saturating_sub(1));
    let go_back = go.clone();
    view! {
        <section class="wizard-step review">
            <h2 node_ref=heading tabindex="-1">"Review your answers"</h2>
            <p class="lead">"Check each answer; change any of them before you get your recommendation."</p>
            <dl class="review-list">
                {move || {
                    rows()
                        .into_iter()
                        .map(|(i, section, qid, prompt, shown, missing)| {
                            let go = go.clone();
                            view! {
                                <div class="review-row" class:missing=missing>
                                    <dt>{prompt.clone()}</dt>
                                    <dd>
                                        <span>{shown}</span>
                                        <a
                                            href=format!("/wizard/{section}#q-{qid}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                go(i);
                                            }
                                        >
                                            "Change"
                                            <span class="visually-hidden">{format!(": {prompt}")}</span>
                                        </a>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            <form method="post" action="/assessments" class="wizard-nav">
                <input type="hidden" name="answers" prop:value=move || encode_draft(&answers.get()) value=move || encode_draft(&answers.get())/>
                <button type="submit" class="primary" disabled=move || incomplete().is_some()>
                    "Get my recommendation"
                </button>
                <a
                    class="button"
                    href=model.with_value(|m| m.step_path(back_to))
                    on:click=move |ev| {
                        ev.prevent_default();
                        go_back(back_to);
                    }
                >
                    "Back"
                </a>
            </form>
            {move || incomplete().map(|s| view! {
                <p class="field-error">
                    "Some required questions are not answered yet. "
                    <a href=model.with_value(|m| m.step_path(s))>"Go to the first one"</a>
                </p>
            })}
        </section>
    }
}
