//! Writing markdown records (ADRs) safely and alike: user text made inert,
//! and the sentence that justifies an axis's winner.

use crossroads_domain::AxisResult;

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
