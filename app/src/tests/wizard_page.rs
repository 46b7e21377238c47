//! The questionnaire page: its island, the model it reads, and a form that
//! works without JavaScript.

use super::fixtures::*;
use super::html::*;
use crate::pages::wizard::WizardView;
use crate::wizard::{SharedModel, MODEL_ELEMENT_ID};
use crate::Page;
use crossroads_domain::WizardModel;

#[test]
fn the_wizard_carries_its_island_and_its_model_once() {
    let (html, _) = document(wizard(0, None));
    assert_eq!(count(&html, "<leptos-island"), 1, "one island");
    let island = html.split("<leptos-island").nth(1).unwrap();
    assert!(island[..island.find('>').unwrap()].to_lowercase().contains("wizard"), "the wizard's island");
    let models: Vec<_> = scripts(&html).into_iter().filter(|(a, _)| a.contains(&format!("id=\"{MODEL_ELEMENT_ID}\""))).collect();
    assert_eq!(models.len(), 1, "the model once per page");
    assert!(models[0].0.contains("type=\"application/json\""), "data, not a script: {}", models[0].0);
    let model: WizardModel = serde_json::from_str(&models[0].1).expect("the model is JSON");
    assert_eq!(model, wizard_model(), "the whole model, as the server built it");
}

#[test]
fn the_first_step_is_a_form_that_works_without_javascript() {
    let model = wizard_model();
    let (html, _) = document(wizard(0, None));
    let island = &html[html.find("<leptos-island").unwrap()..html.find("</leptos-island>").expect("the island is closed")];
    assert!(island.contains("<form") && island.contains("method=\"post\""), "a form that posts");
    let shown = text(island);
    let step = &model.sections[0];
    assert!(shown.contains(&step.title), "the step's title");
    for question in step.questions.iter().filter(|q| q.show_if.is_empty()) {
        assert!(shown.contains(&words(&question.prompt)), "{}", question.prompt);
        for option in &question.options {
            assert!(island.contains(&format!("value=\"{}\"", option.id)), "{}: {}", question.id, option.id);
        }
    }
    assert!(island.contains("type=\"submit\""), "a button to go on");
}

#[test]
fn the_review_step_lists_every_section() {
    let model = wizard_model();
    let (html, _) = document(wizard(model.review_step(), None));
    let shown = text(main(&html));
    for section in &model.sections {
        assert!(shown.contains(&section.title), "{}", section.title);
    }
}

#[test]
fn a_model_with_markup_cannot_close_its_element() {
    let mut model = wizard_model();
    model.sections[0].title = "</script><script>alert('model')</script>".into();
    let page = Page::Wizard(WizardView { model: SharedModel::new(model.clone()), answers: Default::default(), step: 1, errors: vec![], team: None });
    let (html, _) = document(page);
    assert!(!html.contains(INJECTED));
    let block = scripts(&html).into_iter().find(|(a, _)| a.contains(MODEL_ELEMENT_ID)).unwrap().1;
    assert_eq!(serde_json::from_str::<WizardModel>(&block).unwrap(), model, "read back whole");
}
