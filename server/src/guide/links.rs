//! Internal links: every `/guide/…` and `/wizard/…` link in the guide, and every
//! guide reference in the questionnaire, must lead somewhere.

use crossroads_domain::text::line_of;
use super::{ContentError, Guide};
use crossroads_domain::Questionnaire;

/// An internal link found while rendering, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    pub file: String,
    pub line: usize,
    pub target: String,
}

/// Checks links written in guide pages.
pub fn check_guide_links(links: &[FoundLink], guide: &Guide, questionnaire: &Questionnaire) -> Vec<ContentError> {
    links
        .iter()
        .filter_map(|link| {
            resolve(&link.target, guide, questionnaire).err().map(|message| ContentError {
                file: link.file.clone(),
                line: link.line,
                message: format!("broken link \"{}\": {message}", link.target),
            })
        })
        .collect()
}

/// Checks that every question's and candidate's `guide` reference exists.
pub fn check_questionnaire_refs(file: &str, source: &str, guide: &Guide, questionnaire: &Questionnaire) -> Vec<ContentError> {
    let line_at = |needle: &str| source.find(needle).map(|at| line_of(source, at)).unwrap_or(1);
    let mut errors = Vec::new();
    let refs = questionnaire
        .questions
        .iter()
        .map(|q| (format!("question \"{}\"", q.id), format!("id = \"{}\"", q.id), &q.guide))
        .chain(questionnaire.candidates.iter().map(|c| (format!("candidate \"{}\"", c.id), format!("id = \"{}\"", c.id), &c.guide)));
    for (what, needle, reference) in refs {
        let (slug, anchor) = match reference.split_once('#') {
            Some((s, a)) => (s, Some(a)),
            None => (reference.as_str(), None),
        };
        if !guide.has_target(slug, anchor) {
            errors.push(ContentError {
                file: file.to_string(),
                line: line_at(&needle),
                message: format!("{what}: guide reference \"{reference}\" does not lead to a guide page and heading"),
            });
        }
    }
    errors
}

fn resolve(target: &str, guide: &Guide, questionnaire: &Questionnaire) -> Result<(), String> {
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    match path.trim_end_matches('/').split('/').collect::<Vec<_>>().as_slice() {
        [""] | ["", "guide"] | ["", "wizard"] if anchor.is_none() => Ok(()),
        ["", "guide", slug] => {
            if guide.has_target(slug, anchor) {
                Ok(())
            } else if guide.page(slug).is_none() {
                Err(format!("there is no guide page \"{slug}\""))
            } else {
                Err(format!("page \"{slug}\" has no heading \"{}\"", anchor.unwrap_or_default()))
            }
        }
        ["", "wizard", section] => {
            if !questionnaire.sections.iter().any(|s| s.id == *section) {
                return Err(format!("there is no questionnaire section \"{section}\""));
            }
            match anchor {
                None => Ok(()),
                Some(a) => {
                    let question = a.strip_prefix("q-").unwrap_or(a);
                    match questionnaire.question(question) {
                        Some(q) if q.section == *section => Ok(()),
                        _ => Err(format!("section \"{section}\" has no question \"{question}\"")),
                    }
                }
            }
        }
        _ => Err("not a guide or questionnaire address".into()),
    }
}
