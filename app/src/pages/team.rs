//! Team decision pages: start one, the shared team page, the owner's controls.

use crate::controls::CopyLink;
use crate::islands::LiveRefresh;
use crate::pages::chart::AxisChart;
use crate::pages::decision_life::DecisionLife;
use crate::pages::result_parts::AxisScores;
use crate::pages::team_plan::TeamPlanRows;
use crate::personal::or_slot;
use crate::team::{Joining, Me, NewDecisionForm, TeamView};
use crossroads_domain::Axis;
use leptos::prelude::*;

#[component]
pub fn NewDecisionPage(form: NewDecisionForm) -> impl IntoView {
    view! {
        <section class="narrow">
            <h1>"Decide as a team"</h1>
            <p class="lead">
                "Everyone answers the questionnaire on their own. Crossroads combines the answers, scores them "
                "with the same engine, and shows where you disagree, starting with the disagreements that change the outcome."
            </p>
            {(!form.errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <ul>{form.errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            <form method="post" action="/t" class="stack">
                <label for="title">"Title"</label>
                <input id="title" name="title" type="text" maxlength="120" required value=form.title.clone()/>
                <label for="context">"Context " <span class="optional">"(optional, markdown)"</span></label>
                // A textarea's children are written as they are, so text holding
                // "</textarea>" would close it: escape it here.
                <textarea id="context" name="context" rows="5" maxlength="4000" inner_html=html_escape::encode_text(&form.context).into_owned()></textarea>
                <label class="check">
                    <input type="checkbox" name="anonymous" value="yes" checked=form.anonymous/>
                    " Anonymous: hide member names on the team page and in exports"
                </label>
                <div class="actions"><button type="submit" class="primary">"Create the team decision"</button></div>
            </form>
        </section>
    }
}

#[component]
pub fn TeamPage(view: TeamView) -> impl IntoView {
    let id = view.decision.id.clone();
    let closed = view.decision.closed;
    let revision = view.decision.revision;
    let (you_id, me, joining, join_error) = (id.clone(), view.me.clone(), view.joining.clone(), view.join_error.clone());
    view! {
        <article class="team">
            <header class="result-head">
                <p class="eyebrow">"Team decision" {closed.then_some(" · closed")}</p>
                <h1>{view.decision.title.clone()}</h1>
                {(!view.decision.context_html.is_empty()).then(|| view! {
                    <div class="prose" inner_html=view.decision.context_html.clone()></div>
                })}
                {closed.then(|| view! {
                    <div class="banner warn" role="note">"This decision is closed: it accepts no new or changed answers."</div>
                })}
                <DecisionLife life=view.lifecycle.clone()/>
            </header>
            <div class="result-grid">
                <section class="card" aria-labelledby="share-heading">
                    <h2 id="share-heading">"Invite the team"</h2>
                    <CopyLink url=view.member_url.clone()/>
                    <p class="meta">{format!("{} of at most {} members have joined.", view.members.len(), view.max_members)}</p>
                    <div class="actions">
                        <a class="button" href=format!("/t/{id}/adr.md") download=format!("crossroads-team-{id}-adr.md")>"Download ADR"</a>
                        <a class="button" href=format!("/api/v1/decisions/{id}") download=format!("crossroads-team-{id}.json")>"Download JSON"</a>
                    </div>
                </section>
                {or_slot(view.you_slot.clone(), move || view! { <YourAnswers id=you_id closed me joining join_error/> })}
            </div>
            <LiveRefresh decision=id.clone() revision/>
            <div id="team-live">
                <TeamLive view=view/>
            </div>
        </article>
    }
}

/// The visitor's own card: who they joined as, or how to join. The only part
/// of the team page that depends on who is asking (see `crate::personal`).
#[component]
pub fn YourAnswers(id: String, closed: bool, me: Option<Me>, joining: Joining, join_error: Option<String>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="you-heading">
            <h2 id="you-heading">"Your answers"</h2>
            {match (me, joining) {
                (Some(me), _) => view! {
                    <p>{format!("You joined as {}.", me.name)}</p>
                    {(!closed).then(|| view! {
                        <form method="post" action=format!("/t/{id}/answer")>
                            <button type="submit" class="primary">
                                {if me.submitted { "Change your answers" } else { "Answer the questionnaire" }}
                            </button>
                        </form>
                    })}
                    {me.private_url.map(|url| view! {
                        <p class="meta">"Your private link, to change your answers from another browser (keep it to yourself): "
                            <a href=url.clone()>{url.clone()}</a></p>
                    })}
                }.into_any(),
                (None, Joining::Closed) => view! { <p>"The decision is closed."</p> }.into_any(),
                (None, Joining::Full) => view! { <p>"This decision has reached its member limit; no one else can join."</p> }.into_any(),
                (None, Joining::NeedsInvite) => view! {
                    <p>"To join, open the invite link the owner shared with the team. This page alone lets you follow the decision."</p>
                }.into_any(),
                (None, Joining::Open) => view! {
                    <form method="post" action=format!("/t/{id}/join") class="stack">
                        <label for="member-name">"Your name"</label>
                        {join_error.clone().map(|e| view! { <p class="field-error" id="member-name-error">{e}</p> })}
                        <input id="member-name" name="name" type="text" maxlength="60" required autocomplete="nickname"/>
                        <div class="actions"><button type="submit" class="primary">"Join and answer"</button></div>
                    </form>
                }.into_any(),
                (None, Joining::AsSignedIn { name }) => view! {
                    <form method="post" action=format!("/t/{id}/join") class="stack">
                        <p>{format!("You join as {name}, the name your sign-in gives.")}</p>
                        {join_error.clone().map(|e| view! { <p class="field-error">{e}</p> })}
                        <div class="actions"><button type="submit" class="primary">"Join and answer"</button></div>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// The part of the team page that changes as members answer; also served alone
/// so the page can refresh it in place.
#[component]
pub fn TeamLive(view: TeamView) -> impl IntoView {
    let Some(team) = view.team.clone() else {
        let names: Vec<String> = view.decision.workloads.iter().map(|w| w.name.clone()).collect();
        return view! {
            <section><h2>"Team recommendation"</h2><p>"Nobody has answered yet. The team recommendation appears with the first answers."</p>
                {(!names.is_empty()).then(|| view! { <p class="meta">{format!("Everyone answers for these workloads: {}.", names.join(", "))}</p> })}
            </section>
        }.into_any();
    };
    let snapshot = view.snapshot.clone().expect("a snapshot accompanies a team assessment");
    let a = &team.assessment;
    let answered = view.members.iter().filter(|m| m.answered).count();
    view! {
        <section aria-labelledby="team-heading">
            <h2 id="team-heading">"Team recommendation"</h2>
            {view.weak_anonymity.then(|| view! {
                <div class="banner warn" role="note">"Fewer than three members have answered: names are hidden, but with so few answers each person's can still be guessed."</div>
            })}
            <p class="team-headline">{a.recommendation.headline.clone()}</p>
            <p class="meta">{format!("From the combined answers of {answered} member{}: the median on scales, the most common answer otherwise, options chosen by at least half on multiple-choice questions.", if answered == 1 { "" } else { "s" })}</p>
            {a.recommendation.hybrid_notes.iter().map(|n| view! { <p class="hybrid-note"><strong>"Hybrid: "</strong>{n.clone()}</p> }).collect_view()}
            {a.close_call.then(|| view! {
                <div class="banner warn" role="note"><strong>"Close call. "</strong>"The team's winner leads by less than the close-call margin on at least one axis."</div>
            })}
        </section>

        {view.plan.clone().map(|plan| view! { <TeamPlanRows plan/> })}

        <section aria-labelledby="discuss-heading">
            <h2 id="discuss-heading">"Discuss these first"</h2>
            {if team.discuss_first.is_empty() {
                view! { <p>"No disagreement changes the team's outcome."</p> }.into_any()
            } else {
                view! {
                    <ol class="discuss">
                        {team.discuss_first.iter().map(|d| view! {
                            <li><strong>{d.prompt.clone()}</strong><span class="effect">{d.effect.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="members-heading">
            <h2 id="members-heading">"Each member's recommendation"</h2>
            <table class="members">
                <thead><tr><th scope="col">"Member"</th><th scope="col">"Recommendation"</th></tr></thead>
                <tbody>
                    {view.members.iter().map(|m| {
                        view! {
                            <tr>
                                <td>{m.name.clone()}</td>
                                <td>{match (&m.result_id, &m.headline) {
                                    (Some(id), Some(h)) => view! { <a href=format!("/r/{id}")>{h.clone()}</a> }.into_any(),
                                    // Anonymous: the recommendation, without the link to the answers.
                                    (None, Some(h)) => view! { <span>{h.clone()}</span> }.into_any(),
                                    _ => view! { <span class="meta">"Not answered yet"</span> }.into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <div class="result-grid">
            <section class="card chart-card" aria-labelledby="team-chart-heading">
                <h2 id="team-chart-heading">"Where the team lands"</h2>
                <AxisChart snapshot=snapshot.clone()/>
            </section>
            <section class="card" aria-labelledby="team-axes-heading">
                <h2 id="team-axes-heading">"How the team's scores add up"</h2>
                <div class="axes stacked">
                    <AxisScores axis=a.axis(Axis::Organisation).clone()/>
                    <AxisScores axis=a.axis(Axis::Execution).clone()/>
                </div>
            </section>
        </div>

        <section aria-labelledby="spread-heading">
            <h2 id="spread-heading">"How the team answered"</h2>
            <table class="spread">
                <thead><tr><th scope="col">"Question"</th><th scope="col">"Answers"</th><th scope="col">"Team answer"</th><th scope="col">"Spread"</th></tr></thead>
                <tbody>
                    {team.spreads.iter().map(|s| {
                        let pct = (s.spread * 100.0).round() as i64;
                        view! {
                            <tr class:disagree={s.spread > 0.0}>
                                <th scope="row">{s.prompt.clone()}</th>
                                <td><ul class="distribution">
                                    {s.distribution.iter().filter(|d| d.count > 0).map(|d| view! { <li>{format!("{} × {}", d.count, d.label)}</li> }).collect_view()}
                                </ul></td>
                                <td>{if s.team_answer.is_empty() { "None of these".to_string() } else { s.team_answer.join("; ") }}</td>
                                <td class="num"><span class="spread-bar" aria-hidden="true"><span style=format!("width:{pct}%")></span></span>{format!("{pct}%")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }.into_any()
}
