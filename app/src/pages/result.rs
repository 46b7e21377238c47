//! The result page: recommendation, chart, every score term, exclusions, tipping
//! points, review triggers, the answers given, and what to do next.

use crate::result::ResultView;
use super::plan::PlanResult;
use super::result_parts::{AxisScores, Notices, ShareAndKeep};
use super::chart::AxisChart;
use crossroads_domain::Axis;
use leptos::prelude::*;

#[component]
pub fn ResultPage(view: ResultView) -> impl IntoView {
    // A result scored as a plan shows the plan; every other result (all those
    // stored before plans, and a plan left as the whole system) reads as it always did.
    if let Some(plan) = view.result.snapshot.plan.clone() {
        return view! { <PlanResult view plan/> }.into_any();
    }
    let outdated = view.is_outdated();
    let ResultView { result, share_url, current_version, rescored, created_by_you, can_delete, .. } = view;
    let snapshot = result.snapshot.clone();
    let a = &snapshot.assessment;
    let rec = a.recommendation.clone();
    let close_call = a.close_call;
    let organisation = a.axis(Axis::Organisation).clone();
    let execution = a.axis(Axis::Execution).clone();
    let id = result.id.clone();
    view! {
        <article class="result">
            <header class="result-head">
                <p class="eyebrow">"Recommendation"</p>
                <h1>{rec.headline.clone()}</h1>
                {rec.hybrid_notes.iter().map(|n| view! { <p class="hybrid-note"><strong>"Hybrid: "</strong>{n.clone()}</p> }).collect_view()}
                {close_call.then(|| view! {
                    <div class="banner warn" role="note">
                        <strong>"Close call. "</strong>
                        "The winner leads by less than the questionnaire's close-call margin on at least one axis. "
                        "Read the tipping points below and discuss them as a team before deciding."
                    </div>
                })}
                <Notices id=id.clone() created_by_you rescored outdated version=result.questionnaire_version.clone() current_version/>
            </header>

            <div class="result-grid">
                <section class="card chart-card" aria-labelledby="chart-heading">
                    <h2 id="chart-heading">"Where this lands"</h2>
                    <AxisChart snapshot=snapshot.clone()/>
                </section>
                <ShareAndKeep id=id.clone() share_url version=result.questionnaire_version.clone() created_at=result.created_at.clone() can_delete can_decide=created_by_you || can_delete/>
            </div>

            <section aria-labelledby="scores-heading">
                <h2 id="scores-heading">"How the scores add up"</h2>
                <p>"Each answer gives points to candidates, each with its reason. A score is the sum of its terms; nothing else counts. Hard constraints are listed apart: an excluded candidate cannot win, whatever its points."</p>
                <div class="axes">
                    <AxisScores axis=organisation/>
                    <AxisScores axis=execution/>
                </div>
            </section>

            <section aria-labelledby="tipping-heading">
                <h2 id="tipping-heading">"What would change the recommendation"</h2>
                {if a.tipping_points.is_empty() {
                    view! { <p>"No single changed answer would change either winner: the recommendation is robust to any one answer."</p> }.into_any()
                } else {
                    view! {
                        <ul class="tipping">
                            {a.tipping_points.iter().map(|t| {
                                let effects = t.changes.iter().map(|c| {
                                    let name = |id: &Option<String>| id.as_deref().and_then(|i| snapshot.candidate(i)).map(|c| c.label.clone()).unwrap_or_else(|| "nothing".into());
                                    format!("{}: {} → {}", c.axis.label(), name(&c.from), name(&c.to))
                                }).collect::<Vec<_>>().join("; ");
                                view! {
                                    <li>
                                        <strong>{t.prompt.clone()}</strong>
                                        <span class="change">{t.change.clone()}</span>
                                        <span class="effect">{effects}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!a.review_triggers.is_empty()).then(|| view! {
                    <h3>"Review triggers"</h3>
                    <ul class="triggers">
                        {a.review_triggers.iter().map(|t| view! { <li>{t.text.clone()}</li> }).collect_view()}
                    </ul>
                })}
            </section>

            <section aria-labelledby="answers-heading">
                <h2 id="answers-heading">"The answers given"</h2>
                <dl class="review-list">
                    {snapshot.answers_given.iter().map(|l| view! {
                        <div class="review-row">
                            <dt>{l.prompt.clone()}</dt>
                            <dd>{if l.labels.is_empty() { "None of these".to_string() } else { l.labels.join("; ") }}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </section>
        </article>
    }
    .into_any()
}
