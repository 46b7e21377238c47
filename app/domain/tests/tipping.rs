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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// "None of these" on a multiple-choice question is an answer: if ticking
    /// one option would change a winner, the result says so.
    #[test]
    fn an_empty_list_is_searched_like_any_answer(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let answers = answers_from(&q, &picks);
        let base = winners(&q, &answers);
        let a = assess(&q, &answers).unwrap();
        for question in q.questions.iter().filter(|x| x.kind == QuestionKind::Multiple && answers.get(&x.id).is_some()) {
            let flips = question.options.iter().any(|o| {
                let mut changed = answers.clone();
                changed.set(question.id.clone(), Answer::Many(vec![o.id.clone()]));
                winners(&q, &q.prune(&changed)) != base
            });
            let reported = a.tipping_points.iter().any(|t| t.question == question.id);
            prop_assert_eq!(flips, reported, "{}: a flip is reported exactly when one exists", question.id);
        }
    }

    /// A change that brings up a hidden required question is never scored
    /// with that question blank: the follow-up answer is part of the change.
    #[test]
    fn a_revealed_question_is_answered_in_the_change(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let answers = answers_from(&q, &picks);
        let a = assess(&q, &answers).unwrap();
        for point in &a.tipping_points {
            let mut changed = answers.clone();
            changed.set(point.question.clone(), point.to.clone());
            let changed = q.prune(&changed);
            let revealed = q.questions.iter().find(|x| x.required && q.is_visible(x, &changed) && changed.get(&x.id).is_none());
            match (revealed, &point.then) {
                (Some(r), Some(then)) => prop_assert_eq!(&r.id, &then.question),
                (Some(r), None) => prop_assert!(false, "{} reveals {} but scores it blank", point.question, r.id),
                (None, then) => prop_assert!(then.is_none()),
            }
        }
    }
}

#[test]
fn moving_to_a_steady_load_names_how_steady() {
    let q = questionnaire();
    // A load that is not steady hides the "how heavy is the steady load" question.
    let mut answers = Answers::new();
    for (question, option) in common::STARTUP.iter() {
        let answer = if q.question(question).unwrap().kind == QuestionKind::Multiple {
            Answer::Many(option.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
        } else {
            Answer::One(option.to_string())
        };
        answers.set(question.to_string(), answer);
    }
    let a = assess(&q, &answers).unwrap();
    for point in a.tipping_points.iter().filter(|t| t.question == "load_shape" && t.to == Answer::One("steady".into())) {
        let then = point.then.as_ref().expect("a steady load brings up its follow-up question");
        assert_eq!(then.question, "steady_volume");
        assert!(point.change.contains("then"), "{}", point.change);
        let trigger = a.review_triggers.iter().find(|t| t.question == "load_shape").unwrap();
        assert!(trigger.text.contains(" and "), "the trigger names both answers: {}", trigger.text);
    }
}
