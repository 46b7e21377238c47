//! The page for any address Crossroads does not know (served with status 404).

use leptos::prelude::*;

#[component]
pub fn NotFound(path: String) -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at " <code>{path}</code> "."</p>
            <p>
                "Try the " <a href="/">"home page"</a> ", the " <a href="/guide">"guide"</a>
                " or " <a href="/wizard">"start the questionnaire"</a> "."
            </p>
        </section>
    }
}
