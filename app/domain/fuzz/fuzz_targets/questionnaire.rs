//! Any text as a questionnaire file. Loading must never panic, and every error
//! must point at a line that exists in the text.

#![no_main]

use crossroads_domain::{assess, Answers, Questionnaire};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.lines().count().max(1);
    match Questionnaire::from_toml(text, "fuzz.toml") {
        Ok(questionnaire) => {
            // A questionnaire that loads can score what its users may send.
            let _ = assess(&questionnaire, &Answers::new());
        }
        Err(errors) => {
            for error in &errors.0 {
                assert!(error.line >= 1 && error.line <= lines + 1, "line {} of {lines}: {error}", error.line);
            }
        }
    }
});
