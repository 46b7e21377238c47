//! The result page of a plan: one organisation for the system, one platform
//! per workload, the price of mixing platforms beside the best single-platform
//! plan, where cold starts add up along a chain, what would change the plan,
//! and the answers given for the system and for each workload. Every number
//! opens to the terms it adds up from.

use super::plan_changes::PlanChanges;
use super::plan_chart::PlanChart;
use super::plan_cold_starts::PlanColdStarts;
use super::plan_table::{PlanTable, TermsTable};
use super::result_parts::{AxisScores, Notices, ShareAndKeep};
use crate::plan::{mixing_comparison, platform_labels, points};
use crate::result::ResultView;
use crossroads_domain::{AnswerLine, PlanAssessment, PlanChoice, PlanSnapshot};
use leptos::prelude::*;

#[component]
pub fn PlanResult(view: ResultView, plan: PlanSnapshot) -> impl IntoView {
    let outdated = view.is_outdated();
    let ResultView { result, share_url, current_version, rescored, created_by_you, can_delete, .. } = view;
    let snapshot = result.snapshot.clone();
    let p = plan.assessment.clone();
    let id = result.id.clone();
    // The system's own answers: with one workload, the stored answers hold its answers too.
    let system_answers: Vec<AnswerLine> = snapshot
        .answers_given
        .iter()
        .filter(|l| !plan.workloads.iter().any(|w| w.answers_given.iter().any(|x| x.question == l.question)))
        .cloned()
        .collect();
    view! {
        <article class="result plan-result">
            <header class="result-head">
                <p class="eyebrow">"Recommendation per workload"</p>
                <h1>{p.headline.clone()}</h1>
                {p.close_call.then(|| view! {
                    <div class="banner warn" role="note">
                        <strong>"Close call. "</strong>
                        "The organisation, or the platform of at least one workload, leads by less than the questionnaire's close-call margin. "
                        "Read the tipping points below and discuss them as a team before deciding."
                    </div>
                })}
                <Notices id=id.clone() created_by_you rescored outdated version=result.questionnaire_version.clone() current_version/>
            </header>

            <div class="result-grid">
                <section class="card chart-card" aria-labelledby="chart-heading">
                    <h2 id="chart-heading">"Where each workload lands"</h2>
                    <PlanChart snapshot=snapshot.clone() plan=p.clone()/>
                </section>
                <ShareAndKeep id=id.clone() share_url version=result.questionnaire_version.clone() created_at=result.created_at.clone() can_delete/>
            </div>

            <section aria-labelledby="organisation-heading">
                <h2 id="organisation-heading">"How the system is divided"</h2>
                <p>"The organisation is decided once, for the whole system: its answers, the workloads' answers that bear on it, and facts about the set of workloads. A score is the sum of its terms; an excluded candidate cannot win, whatever its points."</p>
                <div class="axes stacked">
                    <AxisScores axis=p.organisation.clone()/>
                </div>
            </section>

            <section aria-labelledby="plan-heading">
                <h2 id="plan-heading">"Where each workload runs"</h2>
                <p>
                    "Each workload gets the platform that serves the plan best once the price of every platform beyond the first is paid, so a workload may run on a platform that is not its own best. A workload's lead compares its platform with the best other platform not ruled out for it, whether the plan uses that one or not. Open a workload to see how every platform scores for it, term by term. "
                    <a href="/guide/per-workload">"How Crossroads weighs a plan"</a>
                </p>
                {(!p.ruled_out_everywhere.is_empty()).then(|| view! {
                    <h3>"Ruled out for every workload"</h3>
                    <ul class="exclusions">
                        {p.ruled_out_everywhere.iter().map(|e| view! {
                            <li>
                                <strong>{format!("{}: ", e.label)}</strong>{e.by.because.clone()}
                                <span class="source">{format!(" (“{}” — {})", e.by.option_label, e.by.prompt)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                <PlanTable plan=p.clone()/>
            </section>

            <section aria-labelledby="mixing-heading">
                <h2 id="mixing-heading">"The price of mixing platforms"</h2>
                <Mixing plan=p.clone()/>
            </section>

            <PlanColdStarts plan=p.clone()/>

            <PlanChanges snapshot=snapshot.clone() plan=p.clone()/>

            <section aria-labelledby="answers-heading">
                <h2 id="answers-heading">"The answers given"</h2>
                <h3>"For the whole system"</h3>
                <Answers lines=system_answers/>
                {plan.workloads.iter().map(|w| view! {
                    <h3>{format!("For “{}” ({})", w.name, w.kind_label)}</h3>
                    <Answers lines=w.answers_given.clone()/>
                }).collect_view()}
            </section>
        </article>
    }
}

/// What each platform beyond the first costs, and the plan beside the best
/// single-platform plan.
#[component]
fn Mixing(plan: PlanAssessment) -> impl IntoView {
    let price = plan.mixing.per_platform;
    let compare = match (&plan.plan, &plan.single) {
        (Some(chosen), Some(single)) if chosen.extra_platforms > 0 => Some((chosen.clone(), single.clone())),
        _ => None,
    };
    view! {
        <p>{format!("Every platform beyond the first costs {}: the sum of the terms below.", points(price))}</p>
        <TermsTable terms=plan.mixing.terms.clone() caption="What each platform beyond the first costs".to_string() total_label="Each extra platform".to_string() total=price/>
        <p class="mixing-verdict">{mixing_comparison(&plan)}</p>
        {compare.map(|(chosen, single)| view! { <Comparison plan=plan.clone() chosen single/> })}
    }
}

/// Workload by workload: this plan's points beside those of the best
/// single-platform plan, then the price of the extra platforms.
#[component]
fn Comparison(plan: PlanAssessment, chosen: PlanChoice, single: PlanChoice) -> impl IntoView {
    let single_on = platform_labels(&plan, &single);
    view! {
        <div class="table-scroll">
            <table class="plan-compare">
                <caption>"This plan beside the best single-platform plan"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Workload"</th>
                        <th scope="col">"Its platform in this plan"</th>
                        <th scope="col">{format!("This plan ({})", platform_labels(&plan, &chosen))}</th>
                        <th scope="col">{format!("Everything on {single_on}")}</th>
                    </tr>
                </thead>
                <tbody>
                    {chosen.assignments.iter().zip(&single.assignments).map(|(a, s)| view! {
                        <tr>
                            <th scope="row">{a.workload.clone()}</th>
                            <td>{a.label.clone()}</td>
                            <td class="num">{a.points}</td>
                            <td class="num">{s.points}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">"The workloads' points"</th>
                        <td class="num">{chosen.points}</td>
                        <td class="num">{single.points}</td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="2">"Price of the extra platforms"</th>
                        <td class="num">{minus(chosen.mixing_cost)}</td>
                        <td class="num">{minus(single.mixing_cost)}</td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="2">"Score"</th>
                        <td class="num"><strong>{chosen.value}</strong></td>
                        <td class="num">{single.value}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// A price taken off: "−4", or "0".
fn minus(n: i32) -> String {
    match n {
        0 => "0".to_string(),
        n if n > 0 => format!("−{n}"),
        n => format!("+{}", -n),
    }
}

#[component]
fn Answers(lines: Vec<AnswerLine>) -> impl IntoView {
    view! {
        <dl class="review-list">
            {lines.into_iter().map(|l| view! {
                <div class="review-row">
                    <dt>{l.prompt}</dt>
                    <dd>{if l.labels.is_empty() { "None of these".to_string() } else { l.labels.join("; ") }}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
