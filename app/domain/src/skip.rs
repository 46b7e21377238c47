//! Skip logic, written once: whether a question is shown, and which answers
//! survive when an earlier answer changes. The engine, the wizard outline and
//! the server all call these two functions.

use crate::answer::Answers;
use crate::question::Condition;

/// A question is shown when every one of its conditions holds.
pub fn is_shown(show_if: &[Condition], answers: &Answers) -> bool {
    show_if.iter().all(|c| c.holds(answers))
}

/// The same, for a workload: its own answers first, then the system answers
/// (the two never answer the same question), without merging them.
pub fn is_shown_over(show_if: &[Condition], own: &Answers, system: &Answers) -> bool {
    show_if.iter().all(|c| {
        let answer = own.get(&c.question).or_else(|| system.get(&c.question));
        answer.is_some_and(|a| a.selected().iter().any(|o| c.any_of.contains(o)))
    })
}

/// Keeps only the answers to questions that are shown, checking in question
/// order against the answers kept so far (a hidden question hides what
/// depends on it too). `questions` yields each question's id and conditions.
pub fn prune<'a>(questions: impl IntoIterator<Item = (&'a str, &'a [Condition])>, answers: &Answers) -> Answers {
    let mut kept = Answers::new();
    for (id, show_if) in questions {
        if let Some(answer) = answers.get(id) {
            if is_shown(show_if, &kept) {
                kept.set(id, answer.clone());
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Answer;

    fn condition(question: &str, any_of: &[&str]) -> Condition {
        Condition { question: question.into(), any_of: any_of.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn a_hidden_question_hides_what_depends_on_it() {
        let a = [condition("first", &["yes"])];
        let b = [condition("second", &["on"])];
        let questions = [("first", &[][..]), ("second", &a[..]), ("third", &b[..])];
        let mut answers = Answers::new();
        answers.set("first", Answer::One("yes".into()));
        answers.set("second", Answer::One("on".into()));
        answers.set("third", Answer::One("x".into()));
        assert_eq!(prune(questions, &answers).len(), 3);
        answers.set("first", Answer::One("no".into()));
        let kept = prune(questions, &answers);
        assert_eq!(kept.len(), 1, "second is hidden, so third is too: {kept:?}");
        assert!(!is_shown(&b, &kept));
    }
}
