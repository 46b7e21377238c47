//! The plan table: one row per workload (its platform, points, lead and the
//! platforms ruled out for it), each opening to every platform's terms for
//! that workload and the rule-outs that are its own.

use crate::plan::{plan_rows, quoted, PlanRow};
use crossroads_domain::{CandidateScore, Exclusion, PlanAssessment, Term, TermSource, WorkloadAssessment};
use leptos::prelude::*;

#[component]
pub fn PlanTable(plan: PlanAssessment) -> impl IntoView {
    let rows = plan_rows(&plan);
    view! {
        <div class="table-scroll">
            <table class="plan-table">
                <caption>"The plan, workload by workload"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Workload"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"Runs on"</th>
                        <th scope="col">"Points"</th>
                        <th scope="col" class="plan-lead">"Lead over its own next-best platform"</th>
                        <th scope="col">"Ruled out for it"</th>
                    </tr>
                </thead>
                {rows.into_iter().zip(plan.workloads.clone()).map(|(row, w)| view! { <WorkloadRows row workload=w plan=plan.clone()/> }).collect_view()}
            </table>
        </div>
    }
}

/// A workload's row, and the row under it that opens to its terms.
#[component]
fn WorkloadRows(row: PlanRow, workload: WorkloadAssessment, plan: PlanAssessment) -> impl IntoView {
    let PlanRow { name, kind_label, platform, lead, ruled_out } = row;
    let chosen = platform.as_ref().map(|(id, _, _)| id.clone());
    view! {
        <tbody class="plan-workload">
            <tr>
                <th scope="row">{name.clone()}</th>
                <td>{kind_label}</td>
                <td class="plan-platform">{platform.as_ref().map_or_else(|| "Nothing fits".to_string(), |(_, label, _)| label.clone())}</td>
                <td class="num">{platform.as_ref().map_or_else(|| "—".to_string(), |(_, _, points)| points.to_string())}</td>
                <td class="plan-lead">{lead.text()}</td>
                <td class=(!ruled_out.is_empty()).then_some("ruled-out")>{if ruled_out.is_empty() { "None".to_string() } else { ruled_out.join(", ") }}</td>
            </tr>
            <tr class="plan-detail">
                <td colspan="6">
                    <details>
                        <summary>{format!("How “{name}” scores on each platform")}</summary>
                        <WorkloadScores workload plan chosen/>
                    </details>
                </td>
            </tr>
        </tbody>
    }
}

/// Every platform for one workload, each opening to its terms; rule-outs that
/// apply to every workload are listed once above the table.
#[component]
fn WorkloadScores(workload: WorkloadAssessment, plan: PlanAssessment, chosen: Option<String>) -> impl IntoView {
    let scores = workload.execution.scores.clone();
    let max = scores.iter().map(|s| s.total.abs()).max().unwrap_or(1).max(1);
    let best = workload.execution.winner.clone();
    let name = workload.name.clone();
    view! {
        <ul class="scores">
            {scores.into_iter().map(|s| {
                let runs_here = chosen.as_deref() == Some(s.candidate.as_str());
                let own_best = !runs_here && best.as_deref() == Some(s.candidate.as_str());
                let width = (s.total.max(0) * 100 / max).clamp(0, 100);
                let (everywhere, own): (Vec<Exclusion>, Vec<Exclusion>) = s.excluded_by.iter().cloned().partition(|e| plan.is_plan_wide(e));
                let CandidateScore { label, total, terms, .. } = s.clone();
                view! {
                    <li class="score" class:winner=runs_here class:excluded=s.is_excluded()>
                        <details>
                            <summary>
                                <span class="score-name">
                                    {label.clone()}
                                    {runs_here.then_some(" (runs here)")}
                                    {own_best.then_some(" (its own best)")}
                                    {s.is_excluded().then_some(" (ruled out)")}
                                </span>
                                <span class="score-total">{format!("{total} pts")}</span>
                                <span class="bar" aria-hidden="true"><span style=format!("width:{width}%")></span></span>
                            </summary>
                            {(!everywhere.is_empty()).then(|| view! {
                                <p class="exclusions">"Ruled out for every workload: see the reasons above the table."</p>
                            })}
                            {(!own.is_empty()).then(|| view! {
                                <ul class="exclusions">
                                    {own.iter().map(|e| view! {
                                        <li>
                                            <strong>"Ruled out: "</strong>{e.because.clone()}
                                            <span class="source">{exclusion_source(e)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            <TermsTable terms caption=format!("Score terms for {label} for “{name}”") total_label="Total".to_string() total/>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// " (“Interactive” — How sensitive…?)", naming the callers when the answer
/// was carried along a chain.
fn exclusion_source(e: &Exclusion) -> String {
    if e.workloads.is_empty() {
        format!(" (“{}” — {})", e.option_label, e.prompt)
    } else {
        format!(" (“{}” — {}, answered for {}, which waits for it)", e.option_label, e.prompt, quoted(&e.workloads))
    }
}

/// Where a term comes from: a small line above, and the answer or fact itself.
pub fn term_source(t: &Term) -> (String, String) {
    let from = if t.workloads.is_empty() { String::new() } else { format!(" ({})", quoted(&t.workloads)) };
    match t.source {
        TermSource::Answer => (t.prompt.clone(), format!("{}{from}", t.option_label)),
        TermSource::Fact => ("A fact about the workloads".to_string(), format!("{}: {}", t.prompt, t.option_label)),
        TermSource::Chain => (format!("An interactive caller waits for it: {}", quoted(&t.workloads)), format!("{} — {}", t.option_label, t.prompt)),
        TermSource::Mixing if t.question.is_empty() => ("The price of a platform".to_string(), t.prompt.clone()),
        TermSource::Mixing => (t.prompt.clone(), t.option_label.clone()),
        TermSource::Workload => (t.prompt.clone(), t.option_label.clone()),
    }
}

/// Terms with where each comes from, its points and its reason, and their sum.
#[component]
pub fn TermsTable(terms: Vec<Term>, caption: String, total_label: String, total: i32) -> impl IntoView {
    view! {
        <table class="terms">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr><th scope="col">"From"</th><th scope="col">"Points"</th><th scope="col">"Because"</th></tr></thead>
            <tbody>
                {terms.into_iter().map(|t| {
                    let (small, main) = term_source(&t);
                    view! {
                        <tr>
                            <td><span class="term-q">{small}</span><br/>{main}</td>
                            <td class="num">{if t.points > 0 { format!("+{}", t.points) } else { t.points.to_string() }}</td>
                            <td>{t.because}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot><tr><th scope="row">{total_label}</th><td class="num">{total}</td><td></td></tr></tfoot>
        </table>
    }
}
