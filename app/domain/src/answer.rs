//! Answers to a questionnaire: plain data, checked by [`crate::validate`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer: an option id, or a list of them for multiple-choice questions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

impl Answer {
    pub fn selected(&self) -> &[String] {
        match self {
            Answer::One(id) => std::slice::from_ref(id),
            Answer::Many(ids) => ids,
        }
    }

    /// The same choice: for lists, the same options in any order.
    pub fn same_as(&self, other: &Answer) -> bool {
        match (self, other) {
            (Answer::One(a), Answer::One(b)) => a == b,
            (Answer::Many(a), Answer::Many(b)) => {
                let (mut a, mut b) = (a.clone(), b.clone());
                a.sort_unstable();
                b.sort_unstable();
                a == b
            }
            _ => false,
        }
    }
}

/// Answers keyed by question id. Ordered, so equal answers serialise equally.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    pub fn set(&mut self, question: impl Into<String>, answer: Answer) {
        self.0.insert(question.into(), answer);
    }

    pub fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Answer;

    #[test]
    fn lists_are_the_same_choice_in_any_order() {
        let a = Answer::Many(vec!["usage".into(), "volume".into()]);
        assert!(a.same_as(&Answer::Many(vec!["volume".into(), "usage".into()])));
        assert!(!a.same_as(&Answer::Many(vec!["usage".into()])));
        assert!(!Answer::One("usage".into()).same_as(&Answer::Many(vec!["usage".into()])));
    }
}
