//! The landing page.

use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Decide how to structure and run your system"</h1>
            <p class="lead">
                "Monolith, modular monolith or microservices? Serverless functions, managed containers or "
                "your own servers? Answer a short questionnaire and get a recommendation on both axes, "
                "with every point of the score explained."
            </p>
            <p class="actions">
                <a class="button primary" href="/wizard">"Start the questionnaire"</a>
                <a class="button" href="/guide">"Read the guide"</a>
            </p>
        </section>
    }
}
