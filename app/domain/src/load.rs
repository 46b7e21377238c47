//! Loading a questionnaire from TOML, with errors that name the file, the line
//! and the question at fault.

use crate::candidate::{Axis, Candidate};
use crate::fingerprint::fingerprint;
use crate::question::{Choice, Condition, Constraint, HybridRule, OptionPoints, Question, Scope};
use crate::questionnaire::{Questionnaire, Section};
use crate::load_error::{Checker, LoadError, LoadErrors};
use crate::text::line_of;
use crate::raw::{RawCondition, RawFile};
use std::collections::HashSet;

/// Most options a question may have (answers are kept as 64-bit masks when re-scoring).
const MAX_OPTIONS: usize = 64;

impl Questionnaire {
    /// Parses and checks a questionnaire. `file` is only used in error messages.
    pub fn from_toml(source: &str, file: &str) -> Result<Questionnaire, LoadErrors> {
        let raw: RawFile = toml::from_str(source).map_err(|e| {
            let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(1);
            LoadErrors(vec![LoadError {
                file: file.to_string(),
                line,
                question: None,
                message: e.message().to_string(),
            }])
        })?;
        let mut check = Checker { file, source, errors: Vec::new() };
        if raw.version.trim().is_empty() {
            check.error(0, None, "`version` must not be empty");
        }
        if raw.close_call_margin < 0 {
            check.error(0, None, "`close_call_margin` must be zero or more");
        }

        let mut candidates = Vec::new();
        let mut seen = HashSet::new();
        for spanned in raw.candidates {
            let at = spanned.span().start;
            let c = spanned.into_inner();
            check.id(at, None, "candidate", &c.id);
            if !seen.insert(c.id.clone()) {
                check.error(at, None, format!("candidate \"{}\" is defined twice", c.id));
            }
            candidates.push(Candidate { id: c.id, axis: c.axis, label: c.label, short: c.short, summary: c.summary, guide: c.guide });
        }
        for axis in Axis::ALL {
            if !candidates.iter().any(|c| c.axis == axis) {
                check.error(0, None, format!("no candidate on the {} axis", axis.label().to_lowercase()));
            }
        }
        let candidate_ids: HashSet<String> = candidates.iter().map(|c| c.id.clone()).collect();

        let mut sections = Vec::new();
        let mut section_ids = HashSet::new();
        for spanned in raw.sections {
            let at = spanned.span().start;
            let s = spanned.into_inner();
            check.id(at, None, "section", &s.id);
            if !section_ids.insert(s.id.clone()) {
                check.error(at, None, format!("section \"{}\" is defined twice", s.id));
            }
            sections.push(Section { id: s.id, title: s.title, intro: s.intro });
        }

        let mut questions: Vec<Question> = Vec::new();
        for spanned in raw.questions {
            let at = spanned.span().start;
            let q = spanned.into_inner();
            let qid = q.id.clone();
            let here = Some(qid.as_str());
            check.id(at, here, "question", &q.id);
            if questions.iter().any(|earlier| earlier.id == q.id) {
                check.error(at, here, "this id is used by an earlier question");
            }
            if !section_ids.contains(&q.section) {
                check.error(at, here, format!("unknown section \"{}\"", q.section));
            }
            if !q.guide.contains('#') {
                check.error(at, here, "`guide` must be a page and an anchor, like \"factors#latency-sensitivity\"");
            }
            if !q.revisit.contains("{to}") {
                check.error(at, here, "`revisit` must say where the new answer goes with {to}, like \"the number of teams becomes {to}\"");
            }
            if q.options.len() < 2 {
                check.error(at, here, "a question needs at least two options");
            }
            if q.options.len() > MAX_OPTIONS {
                check.error(at, here, format!("a question may have at most {MAX_OPTIONS} options"));
            }
            for condition in &q.show_if {
                check_condition(&mut check, at, here, condition, &questions, "show_if");
            }
            let scope = match q.scope.as_deref() {
                None | Some("system") => Scope::System,
                Some("workload") => Scope::Workload,
                Some(other) => {
                    check.error(at, here, format!("unknown scope \"{other}\": a question is about the \"system\" or one \"workload\""));
                    Scope::System
                }
            };
            crate::load_plan::check_question_scope(&mut check, at, here, scope, q.only_with_several, &q.show_if, &questions);
            let mut options = Vec::new();
            let mut option_ids = HashSet::new();
            for spanned_option in q.options {
                let oat = spanned_option.span().start;
                let o = spanned_option.into_inner();
                check.id(oat, here, "option", &o.id);
                if !option_ids.insert(o.id.clone()) {
                    check.error(oat, here, format!("option \"{}\" is defined twice", o.id));
                }
                let mut points = Vec::new();
                let mut scored = HashSet::new();
                for p in o.points {
                    if !candidate_ids.contains(&p.candidate) {
                        check.error(oat, here, format!("option \"{}\" gives points to unknown candidate \"{}\"", o.id, p.candidate));
                    }
                    if !scored.insert(p.candidate.clone()) {
                        check.error(oat, here, format!("option \"{}\" scores candidate \"{}\" twice", o.id, p.candidate));
                    }
                    let because = p.because.unwrap_or_default();
                    if because.trim().is_empty() {
                        check.error(oat, here, format!("option \"{}\": the points for \"{}\" need a `because` sentence", o.id, p.candidate));
                    }
                    points.push(OptionPoints { candidate: p.candidate, points: p.points, because });
                }
                let mut excludes = Vec::new();
                for c in o.excludes {
                    if !candidate_ids.contains(&c.candidate) {
                        check.error(oat, here, format!("option \"{}\" excludes unknown candidate \"{}\"", o.id, c.candidate));
                    }
                    let because = c.because.unwrap_or_default();
                    if because.trim().is_empty() {
                        check.error(oat, here, format!("option \"{}\": excluding \"{}\" needs a `because` sentence", o.id, c.candidate));
                    }
                    excludes.push(Constraint { candidate: c.candidate, because });
                }
                options.push(Choice { id: o.id, label: o.label, points, excludes });
            }
            questions.push(Question {
                id: q.id,
                section: q.section,
                scope,
                only_with_several: q.only_with_several,
                prompt: q.prompt,
                help: q.help,
                guide: q.guide,
                kind: q.kind,
                required: q.required,
                show_if: q.show_if.into_iter().map(|c| Condition { question: c.question, any_of: c.any_of }).collect(),
                revisit: q.revisit,
                options,
            });
        }
        // The wizard asks section by section, so questions must come grouped by
        // section, in the sections' order; otherwise skip logic could point forward.
        let mut last_section = 0;
        for q in &questions {
            let Some(index) = sections.iter().position(|s| s.id == q.section) else { continue };
            if index < last_section {
                let at = source.find(&format!("id = \"{}\"", q.id)).unwrap_or(0);
                check.error(at, Some(&q.id), format!("questions of section \"{}\" must come together, in the order of the sections", q.section));
            }
            last_section = last_section.max(index);
        }
        for section in &sections {
            if !questions.iter().any(|q| q.section == section.id) {
                check.error(0, None, format!("section \"{}\" has no questions", section.id));
            }
        }

        let mut hybrids = Vec::new();
        for spanned in raw.hybrids {
            let at = spanned.span().start;
            let h = spanned.into_inner();
            check.id(at, None, "hybrid", &h.id);
            for (axis, ids) in [(Axis::Organisation, &h.when_organisation), (Axis::Execution, &h.when_execution)] {
                for id in ids {
                    if candidates.iter().find(|c| &c.id == id).is_none_or(|c| c.axis != axis) {
                        check.error(at, None, format!("hybrid \"{}\": \"{id}\" is not a candidate on the {} axis", h.id, axis.label().to_lowercase()));
                    }
                }
            }
            for condition in &h.conditions {
                check_condition(&mut check, at, None, condition, &questions, &format!("hybrid \"{}\"", h.id));
            }
            if h.suggests.is_empty() {
                check.error(at, None, format!("hybrid \"{}\": `suggests` must name the candidates its note recommends", h.id));
            }
            for id in &h.suggests {
                if !candidate_ids.contains(id) {
                    check.error(at, None, format!("hybrid \"{}\" suggests unknown candidate \"{id}\"", h.id));
                }
            }
            hybrids.push(HybridRule {
                id: h.id,
                when_organisation: h.when_organisation,
                when_execution: h.when_execution,
                conditions: h.conditions.into_iter().map(|c| Condition { question: c.question, any_of: c.any_of }).collect(),
                suggests: h.suggests,
                note: h.note,
            });
        }

        let plan = crate::load_plan::load_plan_content(
            &mut check,
            crate::load_plan::RawPlan { kinds: raw.workload_kinds, mixing: raw.mixing, facts: raw.workload_facts, chains: raw.chains },
            &candidates,
            &questions,
        );

        if !check.errors.is_empty() {
            return Err(LoadErrors(check.errors));
        }
        let mut questionnaire = Questionnaire {
            version: raw.version,
            close_call_margin: raw.close_call_margin,
            candidates,
            sections,
            questions,
            hybrids,
            workload_kinds: plan.kinds,
            mixing: plan.mixing,
            workload_facts: plan.facts,
            chains: plan.chains,
            fingerprint: String::new(),
        };
        questionnaire.fingerprint = fingerprint(&questionnaire);
        Ok(questionnaire)
    }
}

/// A condition may only look at an *earlier* question and at its real options.
pub(crate) fn check_condition(
    check: &mut Checker<'_>,
    at: usize,
    here: Option<&str>,
    condition: &RawCondition,
    earlier: &[Question],
    place: &str,
) {
    match earlier.iter().find(|q| q.id == condition.question) {
        None => check.error(
            at,
            here,
            format!("{place} refers to \"{}\", which is not an earlier question", condition.question),
        ),
        Some(target) => {
            if condition.any_of.is_empty() {
                check.error(at, here, format!("{place}: `any_of` must list at least one option"));
            }
            for option in &condition.any_of {
                if target.option(option).is_none() {
                    check.error(at, here, format!("{place}: \"{option}\" is not an option of \"{}\"", condition.question));
                }
            }
        }
    }
}
