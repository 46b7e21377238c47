//! Pieces of a result page that flat results and plans share: an axis's
//! scores with every term, the notices above a result, and sharing.

use crate::controls::{CopyLink, PrintButton};
use crate::result::Rescored;
use crossroads_domain::AxisResult;
use leptos::prelude::*;

#[component]
pub fn AxisScores(axis: AxisResult) -> impl IntoView {
    let max = axis.scores.iter().map(|s| s.total.abs()).max().unwrap_or(1).max(1);
    let winner = axis.winner.clone();
    view! {
        <div class="axis card">
            <h3>{format!("{}: {}", axis.axis.label(), axis.axis.question())}</h3>
            <p class="axis-summary">
                {match (&axis.winner, axis.margin) {
                    (Some(_), Some(m)) => format!("{} leads by {m} point{}.", axis.winner_label().unwrap_or_default(), if m == 1 { "" } else { "s" }),
                    (Some(_), None) => format!("{} is the only candidate left.", axis.winner_label().unwrap_or_default()),
                    _ => "Every candidate is ruled out by a hard constraint.".to_string(),
                }}
                {axis.close_call.then_some(" A close call.")}
            </p>
            <ul class="scores">
                {axis.scores.iter().map(|s| {
                    let is_winner = winner.as_deref() == Some(s.candidate.as_str());
                    let width = (s.total.max(0) * 100 / max).clamp(0, 100);
                    view! {
                        <li class="score" class:winner=is_winner class:excluded=s.is_excluded()>
                            <details>
                                <summary>
                                    <span class="score-name">{s.label.clone()}{is_winner.then_some(" (recommended)")}{s.is_excluded().then_some(" (ruled out)")}</span>
                                    <span class="score-total">{format!("{} pts", s.total)}</span>
                                    <span class="bar" aria-hidden="true"><span style=format!("width:{width}%")></span></span>
                                </summary>
                                {(!s.excluded_by.is_empty()).then(|| view! {
                                    <ul class="exclusions">
                                        {s.excluded_by.iter().map(|e| view! {
                                            <li><strong>"Ruled out: "</strong>{e.because.clone()}<span class="source">{format!(" (“{}” — {})", e.option_label, e.prompt)}</span></li>
                                        }).collect_view()}
                                    </ul>
                                })}
                                <table class="terms">
                                    <caption class="visually-hidden">{format!("Score terms for {}", s.label)}</caption>
                                    <thead><tr><th scope="col">"Answer"</th><th scope="col">"Points"</th><th scope="col">"Because"</th></tr></thead>
                                    <tbody>
                                        {s.terms.iter().map(|t| view! {
                                            <tr>
                                                <td><span class="term-q">{t.prompt.clone()}</span><br/>{t.option_label.clone()}</td>
                                                <td class="num">{if t.points > 0 { format!("+{}", t.points) } else { t.points.to_string() }}</td>
                                                <td>{t.because.clone()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                    <tfoot><tr><th scope="row">"Total"</th><td class="num">{s.total}</td><td></td></tr></tfoot>
                                </table>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Who made the result, where it was re-scored from, and whether a newer
/// questionnaire exists: the notices under every result's headline.
#[component]
pub fn Notices(id: String, created_by_you: bool, rescored: Option<Rescored>, outdated: bool, version: String, current_version: String) -> impl IntoView {
    view! {
        {created_by_you.then(|| view! {
            <p class="meta" role="note">"You created this result. Only you see this line; the shared page does not say who made it."</p>
        })}
        {rescored.map(|r| view! {
            <div class="banner info" role="note">
                "Re-scored with the current questionnaire from "
                <a href=format!("/r/{}", r.from_id)>"an earlier result"</a>
                {format!(" (version {}), which recommended “{}”.", r.from_version, r.from_headline)}
            </div>
        })}
        {outdated.then(|| {
            let id = id.clone();
            view! {
                <div class="banner info" role="note">
                    <p>
                        {format!("This result was scored with questionnaire version {}; the current version is {current_version}. ", version)}
                        "It is shown exactly as it was computed."
                    </p>
                    <form method="post" action=format!("/r/{id}/rescore")>
                        <button type="submit" class="secondary">"Re-score with the current questionnaire"</button>
                    </form>
                </div>
            }
        })}
    }
}

/// The link to share, the downloads, and deleting the result.
#[component]
pub fn ShareAndKeep(id: String, share_url: String, version: String, created_at: String, can_delete: bool, #[prop(optional)] can_decide: bool) -> impl IntoView {
    view! {
        <section class="card actions-card no-print-partial" aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Share and keep"</h2>
            <CopyLink url=share_url/>
            <div class="actions">
                <form method="post" action=format!("/wizard/from/{id}")>
                    <button type="submit" class="secondary">"Change answers"</button>
                </form>
                <a class="button" href=format!("/r/{id}/adr.md") download=format!("crossroads-{id}-adr.md")>"Download ADR"</a>
                <a class="button" href=format!("/api/v1/assessments/{id}") download=format!("crossroads-{id}.json")>"Download JSON"</a>
                <PrintButton/>
            </div>
            <p class="meta">
                {format!("Result {id} · questionnaire version {} · created {}", version, created_at)}
            </p>
            {can_decide.then(|| view! {
                <form method="post" action=format!("/r/{id}/decide") class="stack" id="decide-form">
                    <p class="meta">"Record it as a decision you own: accept it, set a review date, and see when a changed fact would change it."</p>
                    <div class="actions"><button type="submit" class="secondary">"Make it a decision"</button></div>
                </form>
            })}
            {can_delete.then(|| view! {
                <form method="post" action=format!("/r/{id}/delete") class="stack danger">
                    <label class="check"><input type="checkbox" name="confirm" value="yes" required/>" Delete this result for good (you created it in this browser; its link will say it was deleted)"</label>
                    <div class="actions"><button type="submit" class="secondary">"Delete"</button></div>
                </form>
            })}
        </section>
    }
}
