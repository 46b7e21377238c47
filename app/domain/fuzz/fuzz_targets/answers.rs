//! Any text, read as answers the two ways users send them (JSON to the API, the
//! draft format in a cookie or form), then validated and scored against the
//! shipped questionnaire. Nothing may panic; whatever is accepted must score
//! with totals equal to the sum of their terms and no excluded winner.

#![no_main]

use crossroads_domain::draft::{decode_draft, encode_draft};
use crossroads_domain::{assess, Answers, Questionnaire};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn questionnaire() -> &'static Questionnaire {
    static QUESTIONNAIRE: OnceLock<Questionnaire> = OnceLock::new();
    QUESTIONNAIRE.get_or_init(|| {
        Questionnaire::from_toml(include_str!("../../../../content/questionnaire.toml"), "questionnaire.toml")
            .expect("the shipped questionnaire loads")
    })
}

fn check(answers: &Answers) {
    let questionnaire = questionnaire();
    let validated = questionnaire.validate(answers);
    match assess(questionnaire, answers) {
        Ok(assessment) => {
            assert!(validated.is_ok(), "assess accepted what validate refused");
            for axis in &assessment.axes {
                for score in &axis.scores {
                    let sum: i64 = score.terms.iter().map(|t| i64::from(t.points)).sum();
                    assert_eq!(sum, i64::from(score.total), "total of {} is the sum of its terms", score.candidate);
                }
                if let Some(winner) = &axis.winner {
                    let score = axis.score(winner).expect("the winner is scored");
                    assert!(!score.is_excluded(), "{winner} wins although excluded");
                }
            }
        }
        Err(errors) => assert!(!errors.0.is_empty(), "a refusal names at least one problem"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(answers) = serde_json::from_str::<Answers>(text) {
        check(&answers);
    }
    let draft = decode_draft(text);
    assert_eq!(decode_draft(&encode_draft(&draft)), draft, "drafts round-trip");
    check(&draft);
});
