//! A fingerprint of the normalised questionnaire: the same content gives the same
//! fingerprint whatever the file's layout, comments or key order.

use crate::questionnaire::Questionnaire;
use sha2::{Digest, Sha256};

/// Hex SHA-256 of the questionnaire's canonical JSON form (fingerprint field left out).
/// The content only plans use is added only when there is some, so a
/// questionnaire written before plans existed keeps its fingerprint.
pub(crate) fn fingerprint(questionnaire: &Questionnaire) -> String {
    let mut canonical = serde_json::to_vec(&(
        &questionnaire.version,
        questionnaire.close_call_margin,
        &questionnaire.candidates,
        &questionnaire.sections,
        &questionnaire.questions,
        &questionnaire.hybrids,
    ))
    .expect("plain data always serialises");
    let plans = (&questionnaire.workload_kinds, &questionnaire.mixing, &questionnaire.workload_facts, &questionnaire.chains);
    if !plans.0.is_empty() || *plans.1 != Default::default() || !plans.2.is_empty() || !plans.3.is_empty() {
        canonical.extend(serde_json::to_vec(&plans).expect("plain data always serialises"));
    }
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
