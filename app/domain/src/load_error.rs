//! The problems found in a content file, each with the file and line it is
//! on, and the checker that collects them while loading.

use crate::text::{is_id, line_of, ID_RULE};
use std::fmt;

/// One problem in a questionnaire file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    /// The question the problem belongs to, when there is one.
    pub question: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(q) = &self.question {
            write!(f, "question \"{q}\": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Every problem found in a questionnaire file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// Collects errors while checking; knows how to turn byte offsets into lines.
pub(crate) struct Checker<'a> {
    pub(crate) file: &'a str,
    pub(crate) source: &'a str,
    pub(crate) errors: Vec<LoadError>,
}

impl Checker<'_> {
    pub(crate) fn error(&mut self, offset: usize, question: Option<&str>, message: impl Into<String>) {
        self.errors.push(LoadError {
            file: self.file.to_string(),
            line: line_of(self.source, offset),
            question: question.map(str::to_string),
            message: message.into(),
        });
    }

    /// Every id must follow [`ID_RULE`]: the draft cookie and URLs carry them.
    pub(crate) fn id(&mut self, offset: usize, question: Option<&str>, what: &str, id: &str) {
        if !is_id(id) {
            self.error(offset, question, format!("{what} id \"{id}\" must be {ID_RULE}"));
        }
    }
}
