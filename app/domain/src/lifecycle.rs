//! How a team decision lives on after it is made: its status, the moves the
//! owner may make between statuses, and supersede links (which must never
//! form a cycle, or "the current decision" would have no answer).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated, Status::Superseded];

    /// The stored and exported word (MADR's `status`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }

    pub fn parse(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// Why the owner may not move a decision to a status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransitionError {
    Same { from: &'static str },
    NotAllowed { from: &'static str, to: &'static str, allowed: &'static str },
    NoAnswers,
    SupersedeByLink,
}

impl std::fmt::Display for TransitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransitionError::Same { from } => write!(f, "the decision is {from} already"),
            TransitionError::NotAllowed { from, to, allowed } => write!(f, "a {from} decision cannot become {to}: {allowed}"),
            TransitionError::NoAnswers => f.write_str("nobody has answered yet: a decision is accepted or rejected once answers are in"),
            TransitionError::SupersedeByLink => f.write_str("a decision becomes superseded when another decision is linked as superseding it"),
        }
    }
}

/// What may follow `from`, in words, for the refusal.
fn allowed_after(from: Status) -> &'static str {
    match from {
        Status::Proposed => "a proposed decision can be accepted or rejected",
        Status::Accepted => "an accepted decision can be deprecated or superseded by another decision",
        Status::Superseded => "a superseded decision can only be superseded by further decisions",
        Status::Rejected | Status::Deprecated => "it is final; start a new decision instead",
    }
}

/// Whether the owner may move a decision from `from` to `to`; `answered` is
/// how many members have answered (accepting or rejecting needs answers).
pub fn check_transition(from: Status, to: Status, answered: usize) -> Result<(), TransitionError> {
    if to == Status::Superseded {
        return Err(TransitionError::SupersedeByLink);
    }
    if from == to {
        return Err(TransitionError::Same { from: from.as_str() });
    }
    let allowed = matches!(
        (from, to),
        (Status::Proposed, Status::Accepted) | (Status::Proposed, Status::Rejected) | (Status::Accepted, Status::Deprecated)
    );
    if !allowed {
        return Err(TransitionError::NotAllowed { from: from.as_str(), to: to.as_str(), allowed: allowed_after(from) });
    }
    if from == Status::Proposed && answered == 0 {
        return Err(TransitionError::NoAnswers);
    }
    Ok(())
}

/// Why a supersede link is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Itself,
    NotAccepted(&'static str),
    Exists,
    Cycle,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Itself => f.write_str("a decision cannot supersede itself"),
            LinkError::NotAccepted(status) => write!(f, "only an accepted (or already superseded) decision can be superseded; this one is {status}"),
            LinkError::Exists => f.write_str("this decision is superseded by that one already"),
            LinkError::Cycle => f.write_str("the link would make a cycle: the superseding decision is itself superseded, directly or through others, by this one"),
        }
    }
}

/// Whether `superseding` may be linked as superseding `superseded` (whose
/// status is `status`), given the existing links as (superseded, superseding) pairs.
pub fn check_link(links: &[(String, String)], superseded: &str, status: Status, superseding: &str) -> Result<(), LinkError> {
    if superseded == superseding {
        return Err(LinkError::Itself);
    }
    if !matches!(status, Status::Accepted | Status::Superseded) {
        return Err(LinkError::NotAccepted(status.as_str()));
    }
    if links.iter().any(|(a, b)| a == superseded && b == superseding) {
        return Err(LinkError::Exists);
    }
    if reaches(links, superseding, superseded) {
        return Err(LinkError::Cycle);
    }
    Ok(())
}

/// Whether following "is superseded by" links from `from` arrives at `to`.
fn reaches(links: &[(String, String)], from: &str, to: &str) -> bool {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in links {
        next.entry(a.as_str()).or_default().push(b.as_str());
    }
    let (mut seen, mut todo) = (BTreeSet::new(), vec![from]);
    while let Some(at) = todo.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            todo.extend(next.get(at).into_iter().flatten());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn statuses_read_back_from_their_words() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn proposed_moves_to_accepted_or_rejected_once_answers_are_in() {
        assert_eq!(check_transition(Status::Proposed, Status::Accepted, 1), Ok(()));
        assert_eq!(check_transition(Status::Proposed, Status::Rejected, 2), Ok(()));
        assert_eq!(check_transition(Status::Proposed, Status::Accepted, 0), Err(TransitionError::NoAnswers));
        assert!(matches!(check_transition(Status::Proposed, Status::Deprecated, 3), Err(TransitionError::NotAllowed { .. })));
    }

    #[test]
    fn accepted_moves_to_deprecated_and_final_statuses_stay() {
        assert_eq!(check_transition(Status::Accepted, Status::Deprecated, 1), Ok(()));
        assert!(matches!(check_transition(Status::Accepted, Status::Rejected, 1), Err(TransitionError::NotAllowed { .. })));
        assert!(matches!(check_transition(Status::Rejected, Status::Accepted, 1), Err(TransitionError::NotAllowed { .. })));
        assert!(matches!(check_transition(Status::Deprecated, Status::Accepted, 1), Err(TransitionError::NotAllowed { .. })));
        assert_eq!(check_transition(Status::Accepted, Status::Accepted, 1), Err(TransitionError::Same { from: "accepted" }));
        assert_eq!(check_transition(Status::Accepted, Status::Superseded, 1), Err(TransitionError::SupersedeByLink));
        let refusal = check_transition(Status::Rejected, Status::Accepted, 1).unwrap_err().to_string();
        assert!(refusal.contains("final"), "{refusal}");
    }

    #[test]
    fn links_refuse_self_duplicates_unaccepted_and_cycles() {
        let existing = links(&[("a", "b"), ("b", "c")]);
        assert_eq!(check_link(&existing, "a", Status::Accepted, "a"), Err(LinkError::Itself));
        assert_eq!(check_link(&existing, "a", Status::Superseded, "b"), Err(LinkError::Exists));
        assert_eq!(check_link(&existing, "x", Status::Proposed, "a"), Err(LinkError::NotAccepted("proposed")));
        // c is superseded by a would close a -> b -> c -> a.
        assert_eq!(check_link(&existing, "c", Status::Accepted, "a"), Err(LinkError::Cycle));
        assert_eq!(check_link(&existing, "b", Status::Superseded, "a"), Err(LinkError::Cycle));
        // Several may supersede one; a second superseder is fine.
        assert_eq!(check_link(&existing, "a", Status::Superseded, "c"), Ok(()));
        assert_eq!(check_link(&existing, "c", Status::Accepted, "d"), Ok(()));
    }
}
