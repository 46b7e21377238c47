//! Where cold starts add up: an interactive workload waiting on workloads the
//! plan runs on a platform that starts cold. Each cold start on the way is a
//! delay the caller's users sit through, so the page says so where the
//! engine's chain terms show it, beside the points those terms already give.

use crate::plan::cold_chains;
use crossroads_domain::PlanAssessment;
use leptos::prelude::*;

/// The section, or nothing when no caller waits on a workload that starts cold.
#[component]
pub fn PlanColdStarts(plan: PlanAssessment) -> impl IntoView {
    let chains = cold_chains(&plan);
    (!chains.is_empty()).then(|| view! {
        <section aria-labelledby="cold-starts-heading">
            <h2 id="cold-starts-heading">"Cold starts along a chain"</h2>
            <ul class="cold-starts">
                {chains.into_iter().map(|c| view! {
                    <li class:adds-up=c.adds_up()>
                        <p>{c.sentence()}</p>
                        <p class="meta">{c.because.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}
