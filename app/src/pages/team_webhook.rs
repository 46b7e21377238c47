//! The owner page's webhook part: the decision's address and secret, and
//! the delivery log.

use crate::team::WebhookView;
use leptos::prelude::*;

#[component]
pub fn WebhookControls(view: WebhookView, action: String) -> impl IntoView {
    if view.allowed.is_empty() {
        return view! {
            <h2>"Webhook"</h2>
            <p class="meta">"This server sends no decision webhooks: its administrator allows no address for them."</p>
        }
        .into_any();
    }
    let allowed = view.allowed.join(", ");
    view! {
        <h2>"Webhook"</h2>
        <p>"Status changes, review dates and fired triggers of this decision are sent, signed, to this address (Standard Webhooks). Addresses this server allows start with: " {allowed}</p>
        {view.secret.clone().map(|secret| view! {
            <div class="banner warn" role="note">
                <p>"Verify deliveries with this secret; keep it private. Setting the address again makes a new one."</p>
                <p><code id="webhook-secret">{secret}</code></p>
            </div>
        })}
        <form method="post" action=action.clone() class="stack">
            <input type="hidden" name="action" value="webhook"/>
            <label for="webhook-url">"Address"</label>
            <input id="webhook-url" name="url" type="url" maxlength="2000" required value=view.url.clone().unwrap_or_default()/>
            <div class="actions"><button type="submit" class="secondary">"Save the webhook"</button></div>
        </form>
        {view.url.is_some().then(|| view! {
            <form method="post" action=action.clone()>
                <input type="hidden" name="action" value="webhook-remove"/>
                <button type="submit" class="secondary">"Remove the webhook"</button>
            </form>
        })}
        <h3>"Delivery log"</h3>
        {if view.log.is_empty() {
            view! { <p class="meta">"Nothing sent yet."</p> }.into_any()
        } else {
            view! {
                <table class="deliveries">
                    <thead><tr><th scope="col">"Time"</th><th scope="col">"Event"</th><th scope="col">"Answer"</th><th scope="col">"Next"</th></tr></thead>
                    <tbody>
                        {view.log.iter().map(|row| view! {
                            <tr>
                                <td><time datetime=row.at.clone()>{row.at.replace('T', " ").replace('Z', " UTC")}</time></td>
                                <td>{row.event.clone()}</td>
                                <td>{row.outcome.clone()}</td>
                                <td>{row.next.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
    .into_any()
}
