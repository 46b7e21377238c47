//! Properties of the engine over random, valid answer sets.

mod common;

use common::{questionnaire, SOURCE};
use crossroads_domain::{assess, Answer, Answers, Axis, QuestionKind, Questionnaire};
use proptest::prelude::*;

/// Builds a valid answer set from random numbers: each shown question gets an
/// option (or a set of options) picked by the next number.
fn answers_from(q: &Questionnaire, picks: &[u64]) -> Answers {
    let mut answers = Answers::new();
    for (question, pick) in q.questions.iter().zip(picks.iter().cycle()) {
        if !q.is_visible(question, &answers) {
            continue;
        }
        let n = question.options.len();
        let answer = match question.kind {
            QuestionKind::Multiple => {
                let mut chosen: Vec<String> =
                    (0..n).filter(|i| pick & (1 << i) != 0).map(|i| question.options[i].id.clone()).collect();
                if chosen.is_empty() && question.required {
                    chosen.push(question.options[0].id.clone());
                }
                Answer::Many(chosen)
            }
            _ => Answer::One(question.options[(*pick as usize) % n].id.clone()),
        };
        answers.set(question.id.clone(), answer);
    }
    answers
}

fn apply(answers: &Answers, question: &str, answer: &Answer, q: &Questionnaire) -> Answers {
    let mut changed = answers.clone();
    changed.set(question, answer.clone());
    q.prune(&changed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_total_is_the_sum_of_its_terms(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let a = assess(&q, &answers_from(&q, &picks)).unwrap();
        for axis in &a.axes {
            for score in &axis.scores {
                prop_assert_eq!(score.total, score.terms.iter().map(|t| t.points).sum::<i32>());
            }
        }
    }

    #[test]
    fn every_reported_tipping_point_changes_the_winner(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let answers = answers_from(&q, &picks);
        let base = assess(&q, &answers).unwrap();
        for point in &base.tipping_points {
            // Re-scoring without the questions the change hides; newly shown ones stay unanswered,
            // so score leniently by assessing only the answered part.
            let mut changed = apply(&answers, &point.question, &point.to, &q);
            if let Some(then) = &point.then {
                changed = apply(&changed, &then.question, &then.answer, &q);
            }
            let rescored = score_leniently(&q, &changed);
            for change in &point.changes {
                prop_assert_eq!(&rescored[axis_index(change.axis)], &change.to, "tipping point {:?}", point);
            }
            prop_assert!(!point.changes.is_empty());
        }
    }

    #[test]
    fn the_winner_is_never_an_excluded_candidate(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let a = assess(&q, &answers_from(&q, &picks)).unwrap();
        for axis in &a.axes {
            if let Some(winner) = &axis.winner {
                prop_assert!(!axis.score(winner).unwrap().is_excluded());
                for s in axis.scores.iter().filter(|s| !s.is_excluded()) {
                    prop_assert!(s.total <= axis.score(winner).unwrap().total);
                }
            }
        }
    }

    #[test]
    fn no_hybrid_note_suggests_an_excluded_candidate(picks in prop::collection::vec(any::<u64>(), 32)) {
        let q = questionnaire();
        let a = assess(&q, &answers_from(&q, &picks)).unwrap();
        for note in &a.recommendation.hybrid_notes {
            let rule = q.hybrids.iter().find(|h| &h.note == note).unwrap();
            for suggested in &rule.suggests {
                let excluded = a.axes.iter().filter_map(|axis| axis.score(suggested)).any(|s| s.is_excluded());
                prop_assert!(!excluded, "{} suggests {} which is ruled out", rule.id, suggested);
            }
        }
    }

    /// Scores do not depend on the order answers arrive in: JSON with its keys
    /// shuffled, a draft with its parts shuffled, and multiple-choice lists
    /// with their options in another order all score like the original.
    #[test]
    fn answer_order_does_not_matter(
        picks in prop::collection::vec(any::<u64>(), 32),
        seed in any::<u64>(),
        lists in any::<u64>(),
    ) {
        let q = questionnaire();
        let mut answers = answers_from(&q, &picks);
        // At least two options on every multiple-choice question, so that their
        // order can differ.
        let mut multiple = Vec::new();
        let asked: Vec<_> = q.questions.iter().filter(|x| x.kind == QuestionKind::Multiple && answers.get(&x.id).is_some()).collect();
        for question in asked {
            let mut chosen: Vec<String> = question.options.iter().enumerate().filter(|(i, _)| lists & (1 << i) != 0).map(|(_, o)| o.id.clone()).collect();
            for option in &question.options {
                if chosen.len() < 2 && !chosen.contains(&option.id) {
                    chosen.push(option.id.clone());
                }
            }
            answers.set(question.id.clone(), Answer::Many(chosen));
            multiple.push(question.id.clone());
        }
        prop_assert!(!multiple.is_empty(), "a multiple-choice question is asked");
        let base = assess(&q, &answers).unwrap();

        // The same answers, every list reversed and the questions in a shuffled order.
        let mut entries: Vec<(String, Answer)> = answers.iter().map(|(k, v)| (k.clone(), reversed(v))).collect();
        shuffle(&mut entries, seed);
        prop_assert_ne!(&entries.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), &answers.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), "the keys were shuffled");

        let json: Vec<String> = entries.iter().map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), serde_json::to_string(v).unwrap())).collect();
        let from_json: Answers = serde_json::from_str(&format!("{{{}}}", json.join(","))).unwrap();
        let draft: Vec<String> = entries.iter().map(|(k, v)| match v {
            Answer::One(o) => format!("{k}:{o}"),
            Answer::Many(os) => format!("{k}:{}+", os.join("+")),
        }).collect();
        let from_draft = crossroads_domain::draft::decode_draft(&draft.join("|"));

        for (source, reordered) in [("JSON", &from_json), ("draft", &from_draft)] {
            // The reordering reached the engine: the lists really are in another order.
            for id in &multiple {
                prop_assert_ne!(reordered.get(id), answers.get(id), "{}: the list order differs", source);
                prop_assert!(reordered.get(id).unwrap().same_as(answers.get(id).unwrap()));
            }
            let other = assess(&q, reordered).unwrap();
            prop_assert_eq!(scores(&base), scores(&other), "{} with its keys and options in another order", source);
        }
    }
}

/// A multiple-choice answer with its options in the opposite order.
fn reversed(answer: &Answer) -> Answer {
    match answer {
        Answer::One(o) => Answer::One(o.clone()),
        Answer::Many(os) => Answer::Many(os.iter().rev().cloned().collect()),
    }
}

/// Another order, driven by `seed`: rotated by at least one place, and
/// reversed too for half the seeds.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let len = items.len();
    items.rotate_left(1 + (seed as usize) % (len - 1));
    if seed >> 63 == 1 {
        items.reverse();
    }
}

/// Everything an assessment scores, with lists whose order follows the order
/// of the answers (terms, exclusions, the answers echoed back) made into sets.
fn scores(a: &crossroads_domain::Assessment) -> String {
    let sorted = |items: Vec<String>| {
        let mut items = items;
        items.sort();
        items
    };
    let axes: Vec<serde_json::Value> = a.axes.iter().map(|axis| serde_json::json!({
        "axis": axis.axis,
        "winner": axis.winner,
        "runner_up": axis.runner_up,
        "margin": axis.margin,
        "close_call": axis.close_call,
        "scores": axis.scores.iter().map(|s| serde_json::json!({
            "candidate": s.candidate,
            "total": s.total,
            "terms": sorted(s.terms.iter().map(json).collect()),
            "excluded_by": sorted(s.excluded_by.iter().map(json).collect()),
        })).collect::<Vec<_>>(),
    })).collect();
    let tipping: Vec<String> = a.tipping_points.iter().map(|t| {
        let mut t = t.clone();
        t.from = sorted_answer(&t.from);
        t.to = sorted_answer(&t.to);
        json(&t)
    }).collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "axes": axes,
        "recommendation": a.recommendation,
        "close_call": a.close_call,
        "tipping_points": sorted(tipping),
        "review_triggers": sorted(a.review_triggers.iter().map(json).collect()),
    })).unwrap()
}

fn sorted_answer(answer: &Answer) -> Answer {
    match answer {
        Answer::One(o) => Answer::One(o.clone()),
        Answer::Many(os) => {
            let mut os = os.clone();
            os.sort();
            Answer::Many(os)
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn axis_index(axis: Axis) -> usize {
    Axis::ALL.iter().position(|a| *a == axis).unwrap()
}

/// Winners for answers that may leave newly shown questions unanswered: the engine
/// requires every shown question, so fill nothing and compare against a full
/// assessment only when the answers are complete.
fn score_leniently(q: &Questionnaire, answers: &Answers) -> [Option<String>; 2] {
    match assess(q, answers) {
        Ok(a) => [a.axis(Axis::Organisation).winner.clone(), a.axis(Axis::Execution).winner.clone()],
        Err(errors) => {
            // Only missing answers to newly shown questions are acceptable here:
            // give them a neutral answer-free score by building a questionnaire copy
            // in which they are optional.
            let mut relaxed = q.clone();
            for e in &errors.0 {
                if let crossroads_domain::AnswerError::MissingAnswer { question } = e {
                    if let Some(i) = relaxed.question_index(question) {
                        relaxed.questions[i].required = false;
                    }
                } else {
                    panic!("unexpected error after applying a tipping point: {e}");
                }
            }
            let a = assess(&relaxed, answers).unwrap();
            [a.axis(Axis::Organisation).winner.clone(), a.axis(Axis::Execution).winner.clone()]
        }
    }
}

#[test]
fn loading_the_same_file_twice_gives_the_same_fingerprint() {
    let a = Questionnaire::from_toml(SOURCE, "a.toml").unwrap();
    let b = Questionnaire::from_toml(SOURCE, "b.toml").unwrap();
    assert_eq!(a.fingerprint, b.fingerprint);
    assert_eq!(a.fingerprint.len(), 64);
}

#[test]
fn comments_and_blank_lines_do_not_change_the_fingerprint() {
    let stripped: String = SOURCE
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let a = Questionnaire::from_toml(SOURCE, "a.toml").unwrap();
    let b = Questionnaire::from_toml(&stripped, "b.toml").unwrap();
    assert_eq!(a.fingerprint, b.fingerprint);
}

#[test]
fn a_changed_weight_changes_the_fingerprint() {
    let changed = SOURCE.replacen("points = 3, because", "points = 2, because", 1);
    let a = Questionnaire::from_toml(SOURCE, "a.toml").unwrap();
    let b = Questionnaire::from_toml(&changed, "b.toml").unwrap();
    assert_ne!(a.fingerprint, b.fingerprint);
}

/// Every question answered with its last option: data must stay on premises
/// (functions ruled out) and the load is mixed; no note may still recommend functions.
#[test]
fn the_last_option_everywhere_gets_no_note_for_an_excluded_candidate() {
    let q = questionnaire();
    let mut answers = Answers::new();
    for question in &q.questions {
        if !q.is_visible(question, &answers) {
            continue;
        }
        let last = question.options.last().unwrap().id.clone();
        let answer = if question.kind == QuestionKind::Multiple { Answer::Many(vec![last]) } else { Answer::One(last) };
        answers.set(question.id.clone(), answer);
    }
    let a = assess(&q, &answers).unwrap();
    assert!(a.axis(Axis::Execution).score("serverless-functions").unwrap().is_excluded(), "the case the issue names");
    assert!(a.recommendation.hybrid_notes.iter().all(|n| !n.contains("serverless functions")), "{:?}", a.recommendation.hybrid_notes);
}
