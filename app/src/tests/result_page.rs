//! The result page shows every point of the score and where it came from.

use super::fixtures::*;
use super::html::*;
use crate::Page;
use crossroads_domain::Axis;

fn rendered(pairs: &[(&str, &str)]) -> (crate::result::ResultView, String) {
    let view = result_view(pairs);
    let (html, _) = document(Page::Result(view.clone()));
    (view, html)
}

#[test]
fn every_score_term_is_shown_with_its_reason_and_points() {
    for pairs in [STARTUP.to_vec(), on_premises()] {
        let (view, html) = rendered(&pairs);
        let shown = text(&html);
        let a = &view.result.snapshot.assessment;
        let mut terms = 0;
        for axis in &a.axes {
            for score in &axis.scores {
                assert!(!score.terms.is_empty(), "{} has terms", score.candidate);
                for term in &score.terms {
                    terms += 1;
                    let points = if term.points > 0 { format!("+{}", term.points) } else { term.points.to_string() };
                    let row = words(&format!("{} {} {points} {}", term.prompt, term.option_label, term.because));
                    assert!(shown.contains(&row), "the term “{}” of {} is shown as a row: {row}", term.because, score.candidate);
                }
                assert!(shown.contains(&format!("{} pts", score.total)), "{}'s total", score.candidate);
                assert!(shown.contains(&format!("Score terms for {}", score.label)), "{}'s table is captioned", score.label);
            }
        }
        assert!(terms > 20, "the fixture scores many terms ({terms})");
        assert_eq!(count(&html, "<span class=\"term-q\">"), terms, "one row per term, none left out, none added");
    }
}

#[test]
fn the_recommendation_is_the_heading_and_the_winners_are_marked() {
    let (view, html) = rendered(STARTUP);
    let a = &view.result.snapshot.assessment;
    assert_eq!(as_text(inner(&html, "h1")), a.recommendation.headline);
    for axis in &a.axes {
        let winner = axis.winner_label().expect("a winner");
        assert!(text(&html).contains(&format!("{winner} (recommended)")), "{winner} is marked");
    }
    assert!(html.contains(&format!("<title id=\"chart-title\">Recommendation: {}</title>", a.recommendation.headline)), "the chart says what it shows");
    assert_eq!(count(&html, "class=\"cell chosen\""), 1, "one cell of the chart is the recommendation");
}

#[test]
fn exclusions_tipping_points_and_review_triggers_are_shown() {
    let (view, html) = rendered(&on_premises());
    let shown = text(&html);
    let a = &view.result.snapshot.assessment;
    let exclusions: Vec<_> = a.axes.iter().flat_map(|x| &x.scores).flat_map(|s| &s.excluded_by).collect();
    assert!(!exclusions.is_empty(), "the on-premises fixture rules candidates out");
    for e in &exclusions {
        assert!(shown.contains(&words(&format!("Ruled out: {} (“{}” — {})", e.because, e.option_label, e.prompt))), "{}", e.because);
    }
    let ruled_out = a.axes.iter().flat_map(|x| &x.scores).filter(|s| s.is_excluded()).count();
    assert_eq!(count(&shown, "(ruled out)"), ruled_out);
    assert!(!a.tipping_points.is_empty() && !a.review_triggers.is_empty(), "the fixture has tipping points and triggers");
    for t in &a.tipping_points {
        assert!(shown.contains(&words(&format!("{} {}", t.prompt, t.change))), "tipping point {}", t.change);
    }
    for t in &a.review_triggers {
        assert!(shown.contains(&words(&t.text)), "{}", t.text);
    }
}

#[test]
fn each_axis_says_by_how_much_its_winner_leads() {
    for pairs in [STARTUP.to_vec(), on_premises()] {
        let (view, html) = rendered(&pairs);
        let shown = text(&html);
        for axis in [Axis::Organisation, Axis::Execution] {
            let result = view.result.snapshot.assessment.axis(axis);
            let winner = result.winner_label().expect("a winner");
            let summary = match result.margin {
                Some(1) => format!("{winner} leads by 1 point."),
                Some(m) => format!("{winner} leads by {m} points."),
                None => format!("{winner} is the only candidate left."),
            };
            assert!(shown.contains(&summary), "{axis:?}: {summary}");
        }
    }
}

#[test]
fn the_answers_given_are_listed() {
    let (view, html) = rendered(&on_premises());
    let shown = text(&html);
    let given = &view.result.snapshot.answers_given;
    assert_eq!(given.len(), view.result.snapshot.assessment.answers.len());
    for line in given {
        assert!(shown.contains(&words(&format!("{} {}", line.prompt, line.labels.join("; ")))), "{}", line.prompt);
    }
    assert_eq!(count(&html, "<div class=\"review-row\">"), given.len());
}

#[test]
fn only_the_creator_sees_the_delete_form_and_the_created_by_you_line() {
    let mut view = result_view(STARTUP);
    let (html, _) = document(Page::Result(view.clone()));
    assert!(!html.contains("/delete") && !html.contains("You created this result"));
    view.can_delete = true;
    view.created_by_you = true;
    let (html, _) = document(Page::Result(view.clone()));
    assert!(html.contains(&format!("<form method=\"post\" action=\"/r/{}/delete\"", view.result.id)));
    assert!(text(&html).contains("You created this result."));
}

#[test]
fn an_outdated_result_offers_to_rescore_and_says_it_is_shown_as_computed() {
    let mut view = result_view(STARTUP);
    let (html, _) = document(Page::Result(view.clone()));
    assert!(!html.contains("/rescore"), "current results offer nothing");
    view.current_fingerprint = "another".into();
    view.current_version = "2099.1".into();
    let (html, _) = document(Page::Result(view.clone()));
    assert!(html.contains(&format!("action=\"/r/{}/rescore\"", view.result.id)));
    assert!(text(&html).contains(&format!("scored with questionnaire version {}; the current version is 2099.1", view.result.questionnaire_version)));
}

#[test]
fn the_share_link_and_downloads_point_at_this_result() {
    let (view, html) = rendered(STARTUP);
    let id = &view.result.id;
    assert!(html.contains(&format!("value=\"{}\"", view.share_url)) && html.contains(&format!("data-copy=\"{}\"", view.share_url)));
    assert!(html.contains(&format!("href=\"/r/{id}/adr.md\"")) && html.contains(&format!("href=\"/api/v1/assessments/{id}\"")));
    assert!(html.contains(&format!("action=\"/wizard/from/{id}\"")), "change answers starts from these");
}
