//! The questionnaire wizard. The same component renders every step on the server
//! as a plain HTML form (works with JavaScript off: each step posts to the server,
//! which keeps the answers in a cookie); once hydrated, steps change in place,
//! the draft cookie is updated in the browser, and Back / Forward move between steps.

use crate::wizard::{WizardModel, WizardQuestion};
#[cfg(feature = "hydrate")]
use crate::wizard::encode_draft;
use super::wizard_review::review_step;
use crossroads_domain::{Answer, Answers, QuestionKind};
use std::sync::Arc;
use leptos::either::Either;
use leptos::prelude::*;

#[island(lazy)]
pub fn Wizard(
    answers: Answers,
    step: usize,
    /// (question id, message) pairs from the server, e.g. a required answer missing.
    errors: Vec<(String, String)>,
) -> impl IntoView {
    let model = StoredValue::new(shared_model());
    let answers = RwSignal::new(answers);
    let step = RwSignal::new(step);
    let errors = RwSignal::new(errors);
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus moves to the step heading after in-place navigation, not on first load.
    let navigated = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let path = window().location().pathname().unwrap_or_default();
            let section = path.trim_start_matches("/wizard").trim_matches('/').to_string();
            let target = if section.is_empty() { Some(0) } else { model.with_value(|m| m.step_of(&section)) };
            if let Some(target) = target {
                errors.set(Vec::new());
                navigated.set(true);
                step.set(target);
            }
        });
        on_cleanup(move || handle.remove());
        Effect::new(move |_| {
            step.track();
            if navigated.get_untracked() {
                if let Some(h) = heading.get() {
                    let _ = h.focus();
                }
            }
        });
    }

    let go = move |target: usize| {
        errors.set(Vec::new());
        navigated.set(true);
        step.set(target);
        #[cfg(feature = "hydrate")]
        {
            save_draft(&answers.get_untracked());
            let path = model.with_value(|m| m.step_path(target));
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    };

    let next = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let current = step.get_untracked();
        // A multiple-choice question left empty is an answer too: "none of these".
        answers.update(|a| {
            model.with_value(|m| {
                if let Some(section) = m.sections.get(current) {
                    for q in &section.questions {
                        if q.kind == QuestionKind::Multiple && a.get(&q.id).is_none() && m.is_visible(q, a) {
                            a.set(q.id.clone(), Answer::Many(Vec::new()));
                        }
                    }
                }
                *a = m.prune(a);
            })
        });
        let missing = model.with_value(|m| m.missing_in(current, &answers.get_untracked()));
        if missing.is_empty() {
            go(current + 1);
        } else {
            #[cfg(feature = "hydrate")]
            focus_question(&missing[0]);
            errors.set(missing.into_iter().map(|q| (q, "Choose an answer to continue.".to_string())).collect());
        }
    };
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        go(step.get_untracked().saturating_sub(1));
    };

    let progress = move || {
        let a = answers.get();
        model.with_value(|m| {
            let visible: Vec<&WizardQuestion> = m.visible(&a).collect();
            let answered = visible.iter().filter(|q| a.get(&q.id).is_some()).count();
            (answered, visible.len())
        })
    };

    view! {
        <div class="wizard" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <nav aria-label="Questionnaire steps">
                <ol class="steps">
                    {model
                        .with_value(|m| {
                            let mut names: Vec<(usize, String, String)> = m
                                .sections
                                .iter()
                                .enumerate()
                                .map(|(i, s)| (i, s.title.clone(), m.step_path(i)))
                                .collect();
                            names.push((m.review_step(), "Review".to_string(), m.step_path(m.review_step())));
                            names
                        })
                        .into_iter()
                        .map(|(i, title, href)| {
                            view! {
                                <li
                                    class:done=move || {
                                        i < step.get()
                                            && model.with_value(|m| answers.with(|a| i < m.review_step() && m.missing_in(i, a).is_empty()))
                                    }
                                    aria-current=move || (i == step.get()).then_some("step")
                                >
                                    <a href=href>{title}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <div class="progress">
                <progress max=move || progress().1 value=move || progress().0></progress>
                <span>{move || { let (a, v) = progress(); format!("{a} of {v} questions answered") }}</span>
            </div>
            {move || {
                let current = step.get();
                let review = model.with_value(|m| m.review_step());
                // `Either`, not `into_any()`: type erasure would pull every
                // rendering path of both branches into the wasm.
                if current >= review {
                    Either::Left(review_step(model, answers, heading, go))
                } else {
                    Either::Right(section_step(model, answers, errors, current, heading, next, back))
                }
            }}
        </div>
    }
}

fn section_step(
    model: StoredValue<Arc<WizardModel>>,
    answers: RwSignal<Answers>,
    errors: RwSignal<Vec<(String, String)>>,
    current: usize,
    heading: NodeRef<leptos::html::H2>,
    next: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    back: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let section = model.with_value(|m| m.sections[current].clone());
    let last = model.with_value(|m| current + 1 == m.sections.len());
    let count = model.with_value(|m| m.sections.len());
    view! {
        <form class="wizard-step" method="post" action=format!("/wizard/{}", section.id) novalidate>
            <p class="step-count">{format!("Step {} of {}", current + 1, count)}</p>
            <h2 node_ref=heading tabindex="-1">{section.title.clone()}</h2>
            <p class="lead">{section.intro.clone()}</p>
            {(!errors.get_untracked().is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>"Some questions need an answer before you continue."</p>
                </div>
            })}
            {section
                .questions
                .into_iter()
                .map(|q| question_view(model, answers, errors, q))
                .collect_view()}
            <div class="wizard-nav">
                <button type="submit" class="primary" name="nav" value="next" on:click=next>
                    {if last { "Review answers" } else { "Next" }}
                </button>
                {(current > 0).then(|| view! {
                    <button type="submit" class="secondary" name="nav" value="back" formnovalidate on:click=back>
                        "Back"
                    </button>
                })}
            </div>
        </form>
    }
}

fn question_view(
    model: StoredValue<Arc<WizardModel>>,
    answers: RwSignal<Answers>,
    errors: RwSignal<Vec<(String, String)>>,
    q: WizardQuestion,
) -> impl IntoView {
    let id = q.id.clone();
    let visible = {
        let q = q.clone();
        move || model.with_value(|m| answers.with(|a| m.is_visible(&q, a)))
    };
    let error = {
        let id = id.clone();
        Signal::derive(move || errors.with(|e| e.iter().find(|(q, _)| *q == id).map(|(_, m)| m.clone())))
    };
    let error_id = format!("q-{id}-error");
    let multiple = q.kind == QuestionKind::Multiple;
    let input_type = if multiple { "checkbox" } else { "radio" };
    let name = format!("q.{id}");
    let help_id = format!("q-{id}-help");
    view! {
        <fieldset
            id=format!("q-{id}")
            class="question"
            class:has-error=move || error.get().is_some()
            hidden=move || !visible()
            aria-describedby=help_id.clone()
        >
            <legend>
                {q.prompt.clone()}
                {(!q.required).then(|| view! { <span class="optional">" (optional)"</span> })}
            </legend>
            <div class="help" id=help_id.clone()>
                <div inner_html=q.help_html.clone()></div>
                <a class="learn-more" href=q.guide_href.clone()>"Learn more in the guide"</a>
            </div>
            {
                let error_id = error_id.clone();
                move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })
            }
            <div class="options">
                {q
                    .options
                    .into_iter()
                    .map(|o| {
                        let checked = {
                            let (qid, oid) = (id.clone(), o.id.clone());
                            Signal::derive(move || answers.with(|a| a.get(&qid).is_some_and(|x| x.selected().contains(&oid))))
                        };
                        let on_change = {
                            let (qid, oid) = (id.clone(), o.id.clone());
                            move |_| {
                                answers.update(|a| {
                                    if multiple {
                                        let mut chosen: Vec<String> =
                                            a.get(&qid).map(|x| x.selected().to_vec()).unwrap_or_default();
                                        if let Some(i) = chosen.iter().position(|c| *c == oid) {
                                            chosen.remove(i);
                                        } else {
                                            chosen.push(oid.clone());
                                        }
                                        a.set(qid.clone(), Answer::Many(chosen));
                                    } else {
                                        a.set(qid.clone(), Answer::One(oid.clone()));
                                    }
                                });
                                errors.update(|e| e.retain(|(q, _)| *q != qid));
                            }
                        };
                        view! {
                            <label class="option">
                                <input type=input_type name=name.clone() value=o.id.clone() prop:checked=checked checked=checked on:change=on_change/>
                                <span>{o.label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}


/// The model: provided by the page on the server; in the browser, read from
/// the page's JSON block.
fn shared_model() -> Arc<WizardModel> {
    #[cfg(feature = "hydrate")]
    {
        let json = document()
            .get_element_by_id(crate::wizard::MODEL_ELEMENT_ID)
            .and_then(|element| element.text_content());
        match json.map(|json| serde_json::from_str::<WizardModel>(&json)) {
            Some(Ok(model)) => return Arc::new(model),
            Some(Err(e)) => leptos::logging::error!("the wizard model is unreadable: {e}"),
            None => leptos::logging::error!("the page has no wizard model"),
        }
    }
    use_context::<Arc<WizardModel>>().unwrap_or_else(|| {
        Arc::new(WizardModel { sections: Vec::new() })
    })
}

#[cfg(feature = "hydrate")]
fn save_draft(answers: &Answers) {
    use wasm_bindgen::JsCast;
    // Over https the server names its cookies `__Host-…` and marks them Secure
    // (see the server's cookie policy); the draft written here follows suit.
    let secure = window().location().protocol().is_ok_and(|p| p == "https:");
    let (prefix, flags) = if secure { ("__Host-", "; Secure") } else { ("", "") };
    let cookie = format!(
        "{prefix}{}={}; Path=/; Max-Age=2592000; SameSite=Lax{flags}",
        crate::wizard::DRAFT_COOKIE,
        encode_draft(answers)
    );
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&cookie);
    }
}

#[cfg(feature = "hydrate")]
fn focus_question(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(&format!("q-{id}")) {
        if let Some(input) = el.query_selector("input").ok().flatten() {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        }
        el.scroll_into_view();
    }
}
