//! The owner's page of a team decision: links, members, controls, history.

use crate::decision_log::LogSettingsView;
use crate::pages::team_webhook::WebhookControls;
use crate::pages::decision_life::LifecycleForms;
use crate::team::{InviteView, OwnerView};
use crossroads_domain::MAX_WORKLOADS;
use leptos::prelude::*;

#[component]
pub fn OwnerPage(view: OwnerView) -> impl IntoView {
    let id = view.decision.id.clone();
    let action = format!("/t/{id}/owner");
    let closed = view.decision.closed;
    view! {
        <section class="narrow owner">
            <p class="eyebrow">"Owner controls"</p>
            <h1>{view.decision.title.clone()}</h1>
            {view.error.clone().map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
            <p>"The team page, to follow the decision: " <a href=view.member_url.clone()>{view.member_url.clone()}</a></p>
            {match view.invite.clone() {
                InviteView::Link(invite) => view! {
                    <div class="banner info" role="note">
                        <p>"Share this invite link with the people who should answer; the team page alone does not let anyone join:"</p>
                        <p><a id="invite-url" href=invite.clone()>{invite.clone()}</a></p>
                    </div>
                }.into_any(),
                InviteView::Hidden => view! {
                    <p class="meta">"The invite link is shown in the browser that holds the owner link. To share it from here, replace it below: the old one stops working."</p>
                }.into_any(),
                InviteView::SignIn => view! { <p class="meta">"People sign in here: anyone signed in who has the team page's address can join, once."</p> }.into_any(),
            }}
            {view.owner_url.clone().map(|owner| view! {
                <div class="banner warn" role="note">
                    <p>"Your owner link opens these controls in another browser. Anyone who has it can change or delete the decision: keep it private."</p>
                    <p><a id="owner-url" href=owner.clone()>{owner.clone()}</a></p>
                </div>
            })}

            <LifecycleForms id=id.clone() life=view.lifecycle.clone() fact_questions=view.fact_questions.clone()/>

            <h2>"Members"</h2>
            {if view.members.is_empty() {
                view! { <p>"Nobody has joined yet."</p> }.into_any()
            } else {
                view! {
                    <table class="members">
                        <thead><tr><th scope="col">"Member"</th><th scope="col">"Answered"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                        <tbody>
                            {view.members.iter().map(|m| view! {
                                <tr>
                                    <td>{m.name.clone()}{m.identity.clone().map(|who| view! { " " <span class="meta">{format!("({who})")}</span> })}</td>
                                    <td>{if m.answered { "Yes" } else { "Not yet" }}</td>
                                    <td>
                                        <form method="post" action=action.clone()>
                                            <input type="hidden" name="action" value="remove"/>
                                            <input type="hidden" name="member" value=m.id.clone()/>
                                            <button type="submit" class="secondary" aria-label=format!("Remove {}", m.name)>"Remove"</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="meta">"A removed member's answers leave the team result; their links stop working."</p>
                }.into_any()
            }}

            <h2>"Decision"</h2>
            <form method="post" action=action.clone() class="stack">
                <input type="hidden" name="action" value="rename"/>
                <label for="new-title">"Title"</label>
                <input id="new-title" name="title" type="text" maxlength="120" required value=view.decision.title.clone()/>
                <div class="actions"><button type="submit" class="secondary">"Rename"</button></div>
            </form>
            <WorkloadsForm view=view.clone() action=action.clone()/>
            <form method="post" action=action.clone()>
                <input type="hidden" name="action" value=if closed { "reopen" } else { "close" }/>
                <button type="submit" class="secondary">{if closed { "Reopen for answers" } else { "Close: accept no more answers" }}</button>
            </form>
            {view.log.clone().map(|log| view! { <LogSettingsForm log action=format!("/t/{id}/owner/log")/> })}
            <h2>"Links"</h2>
            <div class="actions">
                {(view.invite != InviteView::SignIn).then(|| view! {
                    <form method="post" action=action.clone()>
                        <input type="hidden" name="action" value="rotate-invite"/>
                        <button type="submit" class="secondary">"Replace the invite link"</button>
                    </form>
                })}
                <form method="post" action=action.clone()>
                    <input type="hidden" name="action" value="rotate-owner"/>
                    <button type="submit" class="secondary">"Replace the owner link"</button>
                </form>
            </div>
            <p class="meta">"A replaced link stops working at once; this browser keeps its access."</p>
            <form method="post" action=action.clone() class="stack danger">
                <input type="hidden" name="action" value="delete"/>
                <label class="check"><input type="checkbox" name="confirm" value="yes" required/>" Yes, delete this decision and its member list (results stay reachable by their own links)"</label>
                <div class="actions"><button type="submit" class="secondary">"Delete"</button></div>
            </form>

            <WebhookControls view=view.webhook.clone() action=action.clone()/>

            <h2>"History"</h2>
            <ol class="history">
                {view.history.iter().map(|(at, what)| view! { <li><time datetime=at.clone()>{at.replace('T', " ").replace('Z', " UTC")}</time>" — "{what.clone()}</li> }).collect_view()}
            </ol>
        </section>
    }
}

/// Whether the decision shows in the decision log, and its tags.
#[component]
fn LogSettingsForm(log: LogSettingsView, action: String) -> impl IntoView {
    view! {
        <h2>"Decision log"</h2>
        <form method="post" action=action class="stack log-settings">
            <label class="check"><input type="checkbox" name="listed" value="yes" checked=log.listed/>" List this decision in the decision log"</label>
            <label for="log-tags">"Tags, one per line or separated by commas"</label>
            <textarea id="log-tags" name="tags" rows="3">{log.tags}</textarea>
            <p class="meta">"At most 10 tags of up to 40 characters; people filter the log by them."</p>
            <div class="actions"><button type="submit" class="secondary">"Save the log settings"</button></div>
        </form>
    }
}

/// The decision's workloads: names and kinds every member answers for, with
/// spare rows up to the most a decision has. Once anyone has answered they
/// are shown, not edited.
#[component]
fn WorkloadsForm(view: OwnerView, action: String) -> impl IntoView {
    let set = view.decision.workloads.clone();
    let locked = view.workloads_locked;
    let kind_label = |id: &str| view.kinds.iter().find(|(k, _)| k == id).map_or(id.to_string(), |(_, l)| l.clone());
    let listed: Vec<String> = set.iter().map(|w| format!("{} ({})", w.name, kind_label(&w.kind))).collect();
    let rows = (0..MAX_WORKLOADS)
        .map(|i| {
            let (name, kind) = set.get(i).map_or((String::new(), String::new()), |w| (w.name.clone(), w.kind.clone()));
            let kinds = view.kinds.clone();
            view! {
                <fieldset class="workload-row">
                    <legend>{format!("Workload {}", i + 1)}</legend>
                    <label for=format!("w-{i}-name")>"Name"</label>
                    <input id=format!("w-{i}-name") name=format!("w.{i}.name") type="text" maxlength="60" value=name/>
                    <label for=format!("w-{i}-kind")>"Kind"</label>
                    <select id=format!("w-{i}-kind") name=format!("w.{i}.kind")>
                        <option value="" selected=kind.is_empty()>"(not used)"</option>
                        {kinds.into_iter().map(|(id, label)| {
                            let selected = id == kind;
                            view! { <option value=id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>"Workloads"</h2>
        <p>{if listed.is_empty() {
            "Members answer for the whole system, as one. Name the parts of the system (an API, a queue worker...) to have everyone answer for each of them.".to_string()
        } else {
            format!("Members answer for: {}.", listed.join(", "))
        }}</p>
        {if locked {
            view! { <p class="meta">"Members have answered for these workloads, so they can no longer change."</p> }.into_any()
        } else {
            view! {
                <form method="post" action=action class="stack workloads">
                    <input type="hidden" name="action" value="workloads"/>
                    {rows}
                    <p class="meta">{format!("From 1 to {MAX_WORKLOADS} workloads; leave a row empty and \u{201c}(not used)\u{201d} to skip it. They can change until someone answers.")}</p>
                    <div class="actions"><button type="submit" class="secondary">"Save the workloads"</button></div>
                </form>
            }.into_any()
        }}
    }
}
