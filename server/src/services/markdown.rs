//! Writing markdown records (ADRs) safely and alike: user text made inert,
//! and the sentence that justifies an axis's winner.

use crossroads_domain::text::lower_first;
use crossroads_domain::{AxisResult, CandidateScore, Exclusion};
use std::fmt::Write;

/// Text written by a user, made inert in markdown: HTML's special characters
/// become entities and markdown's punctuation is escaped, so a title like
/// `<img onerror=…>` or `[x](javascript:…)` shows as the characters it is,
/// whatever renders the record.
pub fn md_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|' | '~' | ':' | '"' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn axis_justification(axis: &AxisResult) -> String {
    let name = axis.axis.label();
    match (axis.winner_label(), axis.margin) {
        (Some(w), Some(m)) => format!("{name}: {w}, ahead by {m} point{}", if m == 1 { "" } else { "s" }),
        (Some(w), None) => format!("{name}: {w}, the only option left"),
        _ => format!("{name}: every option is ruled out by a hard constraint"),
    }
}

/// One option's rule-outs (those `shown`) and terms, as MADR's good and bad.
pub fn pros_and_cons(md: &mut String, s: &CandidateScore, shown: impl Fn(&Exclusion) -> bool) {
    for e in s.excluded_by.iter().filter(|e| shown(e)) {
        let _ = writeln!(md, "* Ruled out, because {}", lower_first(&e.because));
    }
    for t in &s.terms {
        let verdict = if t.points >= 0 { "Good" } else { "Bad" };
        let _ = writeln!(md, "* {verdict}, because {} ({:+})", lower_first(&t.because), t.points);
    }
    if s.terms.is_empty() && s.excluded_by.is_empty() {
        let _ = writeln!(md, "* Neutral: no answer speaks for or against it");
    }
    md.push('\n');
}
