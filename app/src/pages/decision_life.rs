//! A decision over time on the team and owner pages: its status, supersede
//! links, review date, and the facts recorded with what they changed; and
//! the owner's forms for them.

use crate::lifecycle::{LifecycleView, LinkView};
use crossroads_domain::Status;
use leptos::prelude::*;

fn links(label: &'static str, links: Vec<LinkView>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <p class="meta">{label} " "
                {links.into_iter().enumerate().map(|(n, l)| view! {
                    {(n > 0).then_some(", ")}<a href=l.url.clone()>{l.title.clone()}</a>
                }).collect_view()}
            </p>
        }
    })
}

fn change(value: Option<String>) -> String {
    value.unwrap_or_else(|| "nothing (every option ruled out)".into())
}

/// Status, links, review and facts, as everyone sees them.
#[component]
pub fn DecisionLife(life: LifecycleView) -> impl IntoView {
    let status = life.status.as_str();
    view! {
        <section class="decision-life" aria-labelledby="lifecycle-heading" id="lifecycle">
            <h2 id="lifecycle-heading" class="visually-hidden">"Status"</h2>
            <p>
                <span class=format!("status status-{status}")>{format!("Status: {status}")}</span>
                {life.review_by.clone().map(|date| view! { <span class="meta">{format!(" · review by {date}")}</span> })}
            </p>
            {life.review_due.then(|| view! {
                <div class="banner warn" role="note" id="review-due">
                    <strong>"Review due"</strong>
                    {life.review_reason.clone().map(|why| format!(": {why}."))}
                </div>
            })}
            {links("Superseded by", life.superseded_by.clone())}
            {links("Supersedes", life.supersedes.clone())}
            {(!life.facts.is_empty()).then(|| view! {
                <h3>"Facts recorded"</h3>
                <ul class="facts">
                    {life.facts.iter().map(|fact| view! {
                        <li>
                            <span class="meta">{fact.at.clone()}</span> " "
                            {fact.described.join("; ")}
                            {if fact.triggered {
                                view! {
                                    <span>" — changes the recommendation:"</span>
                                    <ul class="fact-changes">
                                        {fact.changes.iter().filter(|c| c.changed()).map(|c| view! {
                                            <li>{format!("{}: {} → {}", c.subject, change(c.before.clone()), change(c.after.clone()))}</li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            } else {
                                view! { <span>" — changes no recommendation."</span> }.into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// The owner's controls for the decision over time.
#[component]
pub fn LifecycleForms(id: String, life: LifecycleView, fact_questions: Vec<(String, String, Vec<(String, String)>)>) -> impl IntoView {
    let action = format!("/t/{id}/owner/lifecycle");
    let status_button = |to: &'static str, label: &'static str| {
        let action = action.clone();
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="action" value="status"/>
                <input type="hidden" name="to" value=to/>
                <button type="submit">{label}</button>
            </form>
        }
    };
    let status = life.status;
    view! {
        <section class="card" aria-labelledby="life-heading">
            <h2 id="life-heading">"Status and review"</h2>
            <DecisionLife life=life.clone()/>
            <div class="actions">
                {(status == Status::Proposed).then(|| view! { {status_button("accepted", "Accept")} {status_button("rejected", "Reject")} })}
                {(status == Status::Accepted).then(|| status_button("deprecated", "Deprecate"))}
            </div>
            {matches!(status, Status::Accepted | Status::Superseded).then(|| view! {
                <form method="post" action=action.clone() class="stack">
                    <input type="hidden" name="action" value="supersede"/>
                    <label for="superseded-by">"Superseded by (the other decision's id or team page address)"</label>
                    <input id="superseded-by" name="by" type="text" maxlength="200" required/>
                    <div class="actions"><button type="submit">"Mark superseded"</button></div>
                </form>
            })}
            {(status == Status::Accepted).then(|| view! {
                <form method="post" action=action.clone() class="stack">
                    <input type="hidden" name="action" value="review-date"/>
                    <label for="review-by">"Review by"</label>
                    <input id="review-by" name="date" type="date" required value=life.review_by.clone().unwrap_or_default()/>
                    <div class="actions"><button type="submit">"Change the review date"</button></div>
                </form>
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value="reviewed"/>
                    <button type="submit">"Mark reviewed"</button>
                </form>
                <form method="post" action=action.clone() class="stack" id="fact-form">
                    <input type="hidden" name="action" value="fact"/>
                    <label for="fact">"A fact has changed: it is now"</label>
                    <select id="fact" name="fact">
                        {fact_questions.iter().map(|(q, prompt, options)| view! {
                            <optgroup label=prompt.clone()>
                                {options.iter().map(|(o, label)| view! { <option value=format!("{q}:{o}")>{label.clone()}</option> }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    <div class="actions"><button type="submit">"Record the fact"</button></div>
                </form>
            })}
        </section>
    }
}
