//! A team decision with workloads on the team page: the organisation once,
//! then one row per workload with the team's platform for it and what the
//! members disagree on about that workload.

use crate::team::{TeamPlanView, TeamWorkloadRow};
use leptos::prelude::*;

#[component]
pub fn TeamPlanRows(plan: TeamPlanView) -> impl IntoView {
    view! {
        <section aria-labelledby="team-plan-heading" class="team-plan">
            <h2 id="team-plan-heading">"Per workload"</h2>
            <p>
                <strong>"Organisation, for the whole system: "</strong>
                {plan.organisation.clone().unwrap_or_else(|| "every option is ruled out".into())}
            </p>
            <table class="team-workloads">
                <thead><tr>
                    <th scope="col">"Workload"</th>
                    <th scope="col">"Execution"</th>
                    <th scope="col">"Where the team disagrees"</th>
                </tr></thead>
                <tbody>{plan.workloads.into_iter().map(|row| view! { <WorkloadRow row/> }).collect_view()}</tbody>
            </table>
        </section>
    }
}

#[component]
fn WorkloadRow(row: TeamWorkloadRow) -> impl IntoView {
    // Questions the members answered differently, beyond those that change the outcome.
    let others: Vec<String> = row
        .spreads
        .iter()
        .filter(|s| s.spread > 0.0 && !row.discuss_first.iter().any(|d| d.question == s.question))
        .map(|s| s.prompt.clone())
        .collect();
    let agreed = row.discuss_first.is_empty() && others.is_empty();
    view! {
        <tr class="team-workload" data-workload=row.name.clone() class:disagree=!agreed>
            <th scope="row">{row.name.clone()}<span class="meta">{format!(" ({})", row.kind_label)}</span></th>
            <td>{row.platform.clone().unwrap_or_else(|| "No platform fits".into())}</td>
            <td>
                {agreed.then(|| view! { <span class="meta">"The team agrees."</span> })}
                {(!row.discuss_first.is_empty()).then(|| view! {
                    <ol class="discuss">
                        {row.discuss_first.iter().map(|d| view! {
                            <li class="disagreement"><strong>{d.prompt.clone()}</strong><span class="effect">{d.effect.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                })}
                {(!others.is_empty()).then(|| view! {
                    <p class="meta">"Answered differently, without changing the outcome: "
                        {others.into_iter().map(|p| view! { <span class="disagreement">{p}</span>" " }).collect_view()}
                    </p>
                })}
            </td>
        </tr>
    }
}
