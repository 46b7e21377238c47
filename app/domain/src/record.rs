//! The stored result: what storage keeps, the API sends and the pages show.

use crate::snapshot::ResultSnapshot;
use serde::{Deserialize, Serialize};

/// One stored, immutable result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredResult {
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub questionnaire_version: String,
    pub questionnaire_fingerprint: String,
    pub snapshot: ResultSnapshot,
}
