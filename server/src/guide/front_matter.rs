//! TOML front matter between `+++` lines at the top of a guide page.

use crossroads_domain::text::line_of;
use super::ContentError;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub order: u32,
    pub slug: String,
}

/// Splits `source` into front matter, the markdown body, and the body's first line number.
pub fn split<'a>(file: &str, source: &'a str) -> Result<(FrontMatter, &'a str, usize), ContentError> {
    let error = |line: usize, message: String| ContentError { file: file.to_string(), line, message };
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))
        .ok_or_else(|| error(1, "a guide page must start with TOML front matter between `+++` lines".into()))?;
    let end = rest
        .find("\n+++")
        .ok_or_else(|| error(1, "the front matter is not closed with a `+++` line".into()))?;
    let toml_text = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    let meta: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        let line = e.span().map(|s| line_of(toml_text, s.start) + 1).unwrap_or(2);
        error(line, format!("front matter: {}", e.message()))
    })?;
    for (name, value) in [("title", &meta.title), ("summary", &meta.summary), ("slug", &meta.slug)] {
        if value.trim().is_empty() {
            return Err(error(2, format!("front matter: `{name}` must not be empty")));
        }
    }
    if !meta.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(error(2, format!("front matter: slug \"{}\" may only use a-z, 0-9 and -", meta.slug)));
    }
    let body_line = line_of(source, source.len() - body.len());
    Ok((meta, body, body_line))
}
