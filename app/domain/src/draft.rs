//! The draft format: answers given so far as one cookie-safe string,
//! `stage:new|cost_model:usage+volume`. Browsers send it back in a cookie or a
//! form field, so reading it must accept any text.

use crate::text::is_id;
use crate::{Answer, Answers};

/// Most answers read from one draft.
const MAX_PARTS: usize = 256;

/// Answers as a cookie-safe string: `stage:new|cost_model:usage+volume`.
/// Multiple-choice answers always end with `+`, so one chosen option stays a list.
pub fn encode_draft(answers: &Answers) -> String {
    answers
        .iter()
        .map(|(q, a)| match a {
            Answer::One(o) => format!("{q}:{o}"),
            Answer::Many(os) => format!("{q}:{}+", os.join("+")),
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Reads a draft; anything malformed is skipped, never an error.
pub fn decode_draft(text: &str) -> Answers {
    let mut answers = Answers::new();
    for part in text.split('|').take(MAX_PARTS) {
        let Some((q, value)) = part.split_once(':') else { continue };
        if !is_id(q) {
            continue;
        }
        if value.ends_with('+') {
            let options: Vec<String> = value.split('+').filter(|o| !o.is_empty()).map(str::to_string).collect();
            if options.iter().all(|o| is_id(o)) {
                answers.set(q, Answer::Many(options));
            }
        } else if is_id(value) {
            answers.set(q, Answer::One(value.to_string()));
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Answer;

    #[test]
    fn drafts_round_trip() {
        let mut a = Answers::new();
        a.set("stage", Answer::One("new".into()));
        a.set("cost_model", Answer::Many(vec!["usage".into()]));
        a.set("empty", Answer::Many(vec![]));
        assert_eq!(decode_draft(&encode_draft(&a)), a);
    }

    #[test]
    fn malformed_drafts_are_ignored_piece_by_piece() {
        let a = decode_draft("stage:new|<script>:x|teams:ONE|bad|risk:low");
        assert_eq!(a.len(), 2);
        assert_eq!(a.get("risk"), Some(&Answer::One("low".into())));
    }
}
