//! The landing page: what Crossroads does, where to start, what a result looks like.

use crossroads_domain::guide::GuideLink;
use crossroads_domain::text::or_list;
use crossroads_domain::Axis;
use crate::page::Example;
use leptos::prelude::*;

#[component]
pub fn HomePage(examples: Vec<Example>, guide: Vec<GuideLink>, axes: Vec<(Axis, Vec<String>)>) -> impl IntoView {
    // The candidates come from the questionnaire: a company's own appear here too.
    let choices: Vec<String> = axes.iter().map(|(_, labels)| format!("{}?", or_list(labels))).collect();
    view! {
        <section class="hero">
            <h1>"Decide how to structure and run your system"</h1>
            <p class="lead">
                {choices.join(" ")}
                " Answer a short questionnaire and get a recommendation on both axes, "
                "with every point of the score explained."
            </p>
            <p class="actions">
                <a class="button primary" href="/wizard">"Start the questionnaire"</a>
                <a class="button" href="/guide">"Read the guide"</a>
            </p>
        </section>

        <section class="home-section" aria-labelledby="how-heading">
            <h2 id="how-heading">"Two questions, not one"</h2>
            <div class="home-grid">
                {axes.iter().map(|(axis, labels)| view! {
                    <div class="card">
                        <h3>{axis.question()}</h3>
                        <p>{format!("{}.", or_list(labels))}</p>
                    </div>
                }).collect_view()}
                <div class="card">
                    <h3>"Why, exactly?"</h3>
                    <p>"Every answer adds or removes points with a stated reason; hard limits rule options out; the result says which answer would change it."</p>
                </div>
            </div>
        </section>

        {(!examples.is_empty()).then(|| view! {
            <section class="home-section" aria-labelledby="examples-heading">
                <h2 id="examples-heading">"Example results"</h2>
                <ul class="card-list">
                    {examples.into_iter().map(|e| view! {
                        <li class="card example">
                            <h3><a href=format!("/r/{}", e.id)>{e.title}</a></h3>
                            <p>{e.blurb}</p>
                            <p class="example-result">{e.headline}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}

        <section class="home-section" aria-labelledby="guide-heading">
            <h2 id="guide-heading">"Read first"</h2>
            <ul class="card-list">
                {guide.into_iter().take(6).map(|g| view! {
                    <li class="card">
                        <h3><a href=format!("/guide/{}", g.slug)>{g.title}</a></h3>
                        <p>{g.summary}</p>
                    </li>
                }).collect_view()}
            </ul>
            <p><a href="/guide">"All guide pages"</a></p>
        </section>
    }
}
