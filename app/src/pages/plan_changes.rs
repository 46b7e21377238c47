//! What would change a plan: the tipping points and review triggers of the
//! system's answers, then those of each workload's, each under its name.

use crate::plan::plan_effects;
use crossroads_domain::{PlanAssessment, ResultSnapshot, ReviewTrigger, TippingPoint};
use leptos::prelude::*;

#[component]
pub fn PlanChanges(snapshot: ResultSnapshot, plan: PlanAssessment) -> impl IntoView {
    view! {
        <section aria-labelledby="tipping-heading">
            <h2 id="tipping-heading">"What would change the recommendation"</h2>
            <p>"For each answer, the nearest different answer that would change the organisation or move some workload to another platform, found by scoring the plan again."</p>
            <h3>"The system's answers"</h3>
            <Changes snapshot=snapshot.clone() points=plan.tipping_points.clone() triggers=plan.review_triggers.clone() whose="the system".to_string()/>
            {plan.workloads.iter().map(|w| view! {
                <h3>{format!("“{}” ({})", w.name, w.kind_label)}</h3>
                <Changes snapshot=snapshot.clone() points=w.tipping_points.clone() triggers=w.review_triggers.clone() whose=format!("“{}”", w.name)/>
            }).collect_view()}
        </section>
    }
}

/// One group's tipping points and review triggers; `whose` names the group in sentences.
#[component]
fn Changes(snapshot: ResultSnapshot, points: Vec<TippingPoint>, triggers: Vec<ReviewTrigger>, whose: String) -> impl IntoView {
    let label = move |id: &Option<String>| id.as_deref().and_then(|i| snapshot.candidate(i)).map(|c| c.label.clone()).unwrap_or_else(|| "nothing".into());
    view! {
        {if points.is_empty() {
            view! { <p>{format!("No single changed answer for {whose} would change the plan.")}</p> }.into_any()
        } else {
            view! {
                <ul class="tipping">
                    {points.iter().map(|t| view! {
                        <li>
                            <strong>{t.prompt.clone()}</strong>
                            <span class="change">{t.change.clone()}</span>
                            <span class="effect">{plan_effects(t, &label)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!triggers.is_empty()).then(|| view! {
            <h4>{format!("Review triggers for {whose}")}</h4>
            <ul class="triggers">
                {triggers.iter().map(|t| view! { <li>{t.text.clone()}</li> }).collect_view()}
            </ul>
        })}
    }
}
