//! Tipping points that must not be missed: an empty list is an answer, and an
//! answer that brings up a hidden question is scored with that question answered.

mod common;

use common::questionnaire;
use crossroads_domain::{assess, Answer, Answers, Axis, QuestionKind, Questionnaire};
use proptest::prelude::*;

fn answers_from(q: &Questionnaire, picks: &[u64]) -> Answers {
    let mut answers = Answers::new();
    for (question, pick) in q.questions.iter().zip(picks.iter().cycle()) {
        if !q.is_visible(question, &answers) {
            continue;
        }
        let answer = match question.kind {
            QuestionKind::Multiple => Answer::Many(Vec::new()),
            _ => Answer::One(question.options[(*pick as usize) % question.options.len()].id.clone()),
        };
        answers.set(question.id.clone(), answer);
    }
    answers
}

fn winners(q: &Questionnaire, answers: &Answers) -> (Option<String>, Option<String>) {
    let a = assess(q, answers).unwrap();
    (a.axis(Axis::Organisation).winner.clone(), a.axis(Axis::Execution).winner.clone())
}

/// Runs `check` on `cases` random answer sets and returns how many cases it
/// said found what it looks for: a property checked on no case proves nothing.
fn run(cases: u32, check: impl Fn(&Questionnaire, &Answers) -> Result<bool, TestCaseError>) -> u32 {
    let q = questionnaire();
    let found = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    let outcome = runner.run(&prop::collection::vec(any::<u64>(), 32), |picks| {
        if check(&q, &answers_from(&q, &picks))? {
            found.set(found.get() + 1);
        }
        Ok(())
    });
    if let Err(error) = outcome {
        panic!("{error}");
    }
    found.get()
}

/// "None of these" on a multiple-choice question is an answer: if ticking
/// one option would change a winner, the result says so.
#[test]
fn an_empty_list_is_searched_like_any_answer() {
    let multiple = questionnaire().questions.iter().filter(|x| x.kind == QuestionKind::Multiple).count();
    assert!(multiple > 0, "the questionnaire has multiple-choice questions");
    let flipping = run(128, |q, answers| {
        let base = winners(q, answers);
        let a = assess(q, answers).unwrap();
        let mut checked = 0;
        let mut any_flip = false;
        for question in q.questions.iter().filter(|x| x.kind == QuestionKind::Multiple && answers.get(&x.id).is_some()) {
            prop_assert_eq!(answers.get(&question.id), Some(&Answer::Many(Vec::new())), "the list is empty");
            checked += 1;
            let flips = question.options.iter().any(|o| {
                let mut changed = answers.clone();
                changed.set(question.id.clone(), Answer::Many(vec![o.id.clone()]));
                winners(q, &q.prune(&changed)) != base
            });
            let reported = a.tipping_points.iter().any(|t| t.question == question.id);
            prop_assert_eq!(flips, reported, "{}: a flip is reported exactly when one exists", question.id);
            any_flip |= flips;
        }
        prop_assert_eq!(checked, multiple, "every multiple-choice question was answered with an empty list and checked");
        Ok(any_flip)
    });
    // Both sides of the rule were exercised: cases where ticking an option flips a winner.
    assert!(flipping > 0, "no case had an empty list that one ticked option would flip");
}

/// A change that brings up a hidden required question is never scored
/// with that question blank: the follow-up answer is part of the change.
#[test]
fn a_revealed_question_is_answered_in_the_change() {
    let points = std::cell::Cell::new(0);
    let revealing = run(128, |q, answers| {
        let a = assess(q, answers).unwrap();
        let mut revealing = false;
        for point in &a.tipping_points {
            points.set(points.get() + 1);
            let mut changed = answers.clone();
            changed.set(point.question.clone(), point.to.clone());
            let changed = q.prune(&changed);
            let revealed = q.questions.iter().find(|x| x.required && q.is_visible(x, &changed) && changed.get(&x.id).is_none());
            match (revealed, &point.then) {
                (Some(r), Some(then)) => {
                    prop_assert_eq!(&r.id, &then.question);
                    revealing = true;
                }
                (Some(r), None) => prop_assert!(false, "{} reveals {} but scores it blank", point.question, r.id),
                (None, then) => prop_assert!(then.is_none()),
            }
        }
        Ok(revealing)
    });
    assert!(points.get() > 0, "no tipping point was checked");
    assert!(revealing > 0, "no case had a tipping point that brings up a hidden question ({} points checked)", points.get());
}

#[test]
fn moving_to_a_steady_load_names_how_steady() {
    let q = questionnaire();
    // The start-up's variable load favours functions by too much for any
    // single change of load to tip it; a start-up whose work keeps state, that
    // is cautious about one provider and can take on some operations is close
    // enough that a steady load would change its platform.
    let answers = common::answers(&common::startup_with(&[("state", "core"), ("lock_in", "cautious"), ("ops", "some")]));
    assert_eq!(answers.get("load_shape"), Some(&Answer::One("variable".into())));
    assert!(answers.get("steady_volume").is_none(), "a variable load hides the question of how heavy the steady load is");
    let a = assess(&q, &answers).unwrap();
    let steady: Vec<_> = a.tipping_points.iter().filter(|t| t.question == "load_shape" && t.to == Answer::One("steady".into())).collect();
    assert_eq!(steady.len(), 1, "moving to a steady load is a tipping point: {:#?}", a.tipping_points);
    let point = steady[0];
    let then = point.then.as_ref().expect("a steady load brings up its follow-up question");
    assert_eq!(then.question, "steady_volume");
    let volume = q.question("steady_volume").unwrap().option(then.answer.selected().first().expect("one option")).expect("an option of the follow-up question");
    assert!(point.change.contains("then") && point.change.contains(&volume.label), "{}", point.change);
    let triggers: Vec<_> = a.review_triggers.iter().filter(|t| t.question == "load_shape").collect();
    assert_eq!(triggers.len(), 1, "the load's tipping point has its review trigger: {:#?}", a.review_triggers);
    let text = &triggers[0].text;
    assert!(text.contains("“Steady and predictable” and ") && text.contains(&format!("“{}”", volume.label)), "the trigger names both answers: {text}");
}
