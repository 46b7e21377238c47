//! A submission with workloads: the system answers once, and per workload its
//! name, kind and own answers. JSON: `{"answers": {...}, "workloads": [{"name",
//! "kind", "answers"}]}`.

use crate::answer::Answers;
use crate::question::Scope;
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

/// The name a flat answer set's one workload gets when the content names no default kind.
const WHOLE_SYSTEM: &str = "The whole system";

/// One part of the system with its own pattern of work: an API, a queue worker...
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workload {
    /// Shown everywhere the workload is named; trimmed, 1 to 60 characters,
    /// unique within the plan whatever the letter case.
    pub name: String,
    /// A workload kind's id from the questionnaire.
    pub kind: String,
    /// Answers to workload questions only.
    pub answers: Answers,
}

/// Everything a person answers for a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanAnswers {
    /// Answers to system questions only.
    #[serde(rename = "answers")]
    pub system: Answers,
    /// One to eight workloads.
    pub workloads: Vec<Workload>,
}

impl PlanAnswers {
    /// Today's flat answers as a plan of one workload, the whole system, of the
    /// default kind: answers to workload questions go to it, the rest (unknown
    /// ids included, so validation reports them) stay with the system. Used to
    /// re-score results stored as flat answers and for the API's flat shape.
    pub fn from_flat(questionnaire: &Questionnaire, answers: &Answers) -> PlanAnswers {
        let mut system = Answers::new();
        let mut workload = Answers::new();
        for (id, answer) in answers.iter() {
            let is_workload = questionnaire.question(id).is_some_and(|q| q.scope == Scope::Workload);
            if is_workload { &mut workload } else { &mut system }.set(id.clone(), answer.clone());
        }
        let kind = questionnaire.default_kind();
        PlanAnswers {
            system,
            workloads: vec![Workload {
                name: kind.map_or(WHOLE_SYSTEM, |k| k.label.as_str()).to_string(),
                kind: kind.map(|k| k.id.clone()).unwrap_or_default(),
                answers: workload,
            }],
        }
    }

    /// The answers of a one-workload plan as one flat set (the inverse of
    /// [`PlanAnswers::from_flat`]); `None` with several workloads.
    pub fn to_flat(&self) -> Option<Answers> {
        let [only] = self.workloads.as_slice() else { return None };
        Some(merged(&self.system, &only.answers))
    }

    /// The same plan with every workload name trimmed, as it is scored and shown.
    pub fn tidied(&self) -> PlanAnswers {
        let mut tidy = self.clone();
        for w in &mut tidy.workloads {
            w.name = w.name.trim().to_string();
        }
        tidy
    }

    /// The system answers together with workload `index`'s: what that
    /// workload's skip logic and execution scores read.
    pub fn context(&self, index: usize) -> Answers {
        merged(&self.system, &self.workloads[index].answers)
    }
}

/// System and workload answers in one set (their questions never overlap in a valid plan).
pub(crate) fn merged(system: &Answers, workload: &Answers) -> Answers {
    let mut all = system.clone();
    for (id, answer) in workload.iter() {
        all.set(id.clone(), answer.clone());
    }
    all
}
