//! A result snapshot: the assessment plus everything needed to show it (labels of
//! the answers given, the candidates), so a stored result renders the same forever,
//! whatever later happens to the questionnaire.

use crate::assessment::Assessment;
use crate::candidate::Candidate;
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerLine {
    pub section: String,
    pub question: String,
    pub prompt: String,
    pub labels: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSnapshot {
    pub assessment: Assessment,
    pub answers_given: Vec<AnswerLine>,
    pub candidates: Vec<Candidate>,
}

impl ResultSnapshot {
    pub fn new(questionnaire: &Questionnaire, assessment: Assessment) -> Self {
        let answers_given = questionnaire
            .questions
            .iter()
            .filter_map(|q| {
                let answer = assessment.answers.get(&q.id)?;
                let labels = answer
                    .selected()
                    .iter()
                    .filter_map(|o| q.option(o).map(|o| o.label.clone()))
                    .collect();
                let section = questionnaire
                    .sections
                    .iter()
                    .find(|s| s.id == q.section)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                Some(AnswerLine { section, question: q.id.clone(), prompt: q.prompt.clone(), labels })
            })
            .collect();
        ResultSnapshot { assessment, answers_given, candidates: questionnaire.candidates.clone() }
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }
}
