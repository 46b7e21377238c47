//! The questionnaire page: a frame around the wizard island.

use crate::islands::Wizard;
use crate::wizard::{SharedModel, MODEL_ELEMENT_ID};
use crossroads_domain::Answers;
use leptos::prelude::*;

/// One wizard step as the server renders it.
#[derive(Clone, Debug, PartialEq)]
pub struct WizardView {
    pub model: SharedModel,
    pub answers: Answers,
    pub step: usize,
    pub errors: Vec<(String, String)>,
    /// Set while a member answers for a team decision: (decision id, title).
    pub team: Option<(String, String)>,
}

#[component]
pub fn WizardPage(view: WizardView) -> impl IntoView {
    let WizardView { model, answers, step, errors, team } = view;
    let json = model.json.clone();
    // The island reads the model from context on the server, from the JSON
    // block in the browser.
    provide_context(model.model);
    view! {
        <section class="wizard-page">
            <h1>"Questionnaire"</h1>
            <p class="lead">
                "Answer for the system you are deciding about. Every answer is weighed in the open: "
                "the result shows each point it gave and why."
            </p>
            {team.map(|(id, title)| view! {
                <div class="banner info" role="note">
                    {format!("You are answering for the team decision “{title}”. Your result joins the team page when you submit. ")}
                    <a href=format!("/t/{id}")>"Back to the team page"</a>
                    <form method="post" action="/wizard/solo" class="inline">
                        <button type="submit" class="secondary">"Answer for yourself instead"</button>
                    </form>
                </div>
            })}
            <script type="application/json" id=MODEL_ELEMENT_ID inner_html=json></script>
            <Wizard answers step errors/>
        </section>
    }
}
