//! The questionnaire page: one island that only swaps steps, every step a
//! form that works without JavaScript, workloads named by people shown as
//! text, and a review grouped per workload.

use super::fixtures::*;
use super::html::*;
use crossroads_domain::{PlanAnswers, Step, Workload};

fn island(html: &str) -> &str {
    &html[html.find("<leptos-island").expect("an island")..html.find("</leptos-island>").expect("the island is closed")]
}

#[test]
fn the_wizard_carries_one_island_and_no_model_of_its_own() {
    let (html, _) = document(wizard(None));
    assert_eq!(count(&html, "<leptos-island"), 1, "one island");
    let island = html.split("<leptos-island").nth(1).unwrap();
    assert!(island[..island.find('>').unwrap()].to_lowercase().contains("wizard"), "the wizard's island");
    // The server decides the steps: the page carries no copy of the questionnaire.
    let data: Vec<_> = scripts(&html).into_iter().filter(|(a, _)| a.contains("application/json")).collect();
    assert!(data.is_empty(), "no data block: {data:?}");
}

#[test]
fn the_first_step_is_a_form_that_works_without_javascript() {
    let model = wizard_model();
    let (html, _) = document(wizard(None));
    let island = island(&html);
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

/// A draft with two workloads, one with a hostile name.
fn two_workloads() -> PlanAnswers {
    let model = wizard_model();
    let mut draft = model.new_draft();
    let kind = model.kinds.last().unwrap().id.clone();
    draft.workloads.push(Workload { name: "<script>alert('workload')</script>".into(), kind, answers: Default::default() });
    draft
}

#[test]
fn the_progress_lists_every_workload_as_a_step() {
    let model = wizard_model();
    let draft = two_workloads();
    let (html, _) = document(wizard_at(&model, &draft, Step::Workloads, None));
    let shown = text(main(&html));
    for section in &model.sections {
        assert!(shown.contains(&section.title), "{}", section.title);
    }
    assert!(shown.contains(&draft.workloads[0].name), "the first workload's step");
    assert!(shown.contains("<script>alert('workload')</script>"), "the second, as text");
    assert!(!html.contains(INJECTED) && !html.contains("<script>alert('workload')"), "never as markup");
}

#[test]
fn the_workloads_step_offers_every_kind_for_every_row() {
    let model = wizard_model();
    let draft = two_workloads();
    let (html, _) = document(wizard_at(&model, &draft, Step::Workloads, None));
    let island = island(&html);
    for n in 0..draft.workloads.len() {
        assert!(island.contains(&format!("name=\"w.{n}.name\"")), "row {n} has a name field");
        assert!(island.contains(&format!("name=\"w.{n}.kind\"")), "row {n} has a kind field");
    }
    for kind in &model.kinds {
        assert_eq!(count(island, &format!("value=\"{}\"", kind.id)), draft.workloads.len(), "{} in every row", kind.id);
    }
}

#[test]
fn the_review_step_groups_answers_per_workload() {
    let model = wizard_model();
    let draft = two_workloads();
    let (html, _) = document(wizard_at(&model, &draft, Step::Review, None));
    let main = main(&html);
    let headings: Vec<String> = main.split("<h3").skip(1).map(|h| text(&h[h.find('>').unwrap() + 1..h.find("</h3>").unwrap()])).collect();
    assert!(headings.iter().any(|h| h.contains(&draft.workloads[0].name)), "{headings:?}");
    assert!(headings.iter().any(|h| h.contains("<script>alert('workload')</script>")), "{headings:?}");
    assert!(!html.contains(INJECTED));
}

#[test]
fn a_section_title_with_markup_stays_text() {
    let mut model = wizard_model();
    model.sections[0].title = "</h2><script>alert('model')</script>".into();
    let draft = model.new_draft();
    let (html, _) = document(wizard_at(&model, &draft, Step::Section(0), None));
    assert!(!html.contains(INJECTED));
    assert!(text(main(&html)).contains("</h2><script>alert('model')</script>"));
}
