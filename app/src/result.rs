//! A stored result as the pages see it.

use crossroads_domain::StoredResult;

/// What changed between an earlier result and one re-scored from the same answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rescored {
    pub from_id: String,
    pub from_version: String,
    pub from_headline: String,
}

/// Everything the result page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultView {
    pub result: StoredResult,
    /// Absolute link to this result.
    pub share_url: String,
    /// The questionnaire now in use; differs from the result's when content changed.
    pub current_version: String,
    pub current_fingerprint: String,
    pub rescored: Option<Rescored>,
    /// The viewer is the signed-in person who created it (shown to them only).
    pub created_by_you: bool,
    /// This browser created it and may delete it.
    pub can_delete: bool,
}

impl ResultView {
    pub fn is_outdated(&self) -> bool {
        self.current_fingerprint != self.result.questionnaire_fingerprint
    }
}
