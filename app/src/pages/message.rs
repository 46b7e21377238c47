//! A short page that says one thing (closed, full, deleted, a failure).

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
