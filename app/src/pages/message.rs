//! Short pages that say one thing (closed, full, deleted, a failure), or ask
//! one thing before a link changes what this browser holds.

use crate::page::Confirm;
use leptos::prelude::*;

#[component]
pub fn MessagePage(title: String, body: String, link: Option<(String, String)>) -> impl IntoView {
    view! {
        <section class="narrow">
            <h1>{title}</h1>
            <p>{body}</p>
            {link.map(|(href, label)| view! { <p><a class="button" href=href>{label}</a></p> })}
        </section>
    }
}

#[component]
pub fn ConfirmPage(confirm: Confirm) -> impl IntoView {
    view! {
        <section class="narrow">
            <h1>{confirm.title}</h1>
            <p>{confirm.body}</p>
            <form method="post" action=confirm.action>
                <div class="actions"><button type="submit" class="primary">{confirm.button}</button></div>
            </form>
        </section>
    }
}
