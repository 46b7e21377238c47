//! The content's settings for decisions over time (`decisions.toml`): how
//! long an accepted decision stands before it is due for review. The file is
//! optional; a folder made before it existed gets the default.

use chrono::{Months, NaiveDate};
use serde::Deserialize;
use std::path::Path;

pub const FILE: &str = "decisions.toml";
const DEFAULT_MONTHS: u32 = 12;
const MOST_MONTHS: u32 = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSettings {
    #[serde(default = "default_months")]
    pub review_after_months: u32,
}

fn default_months() -> u32 {
    DEFAULT_MONTHS
}

impl Default for DecisionSettings {
    fn default() -> Self {
        DecisionSettings { review_after_months: DEFAULT_MONTHS }
    }
}

impl DecisionSettings {
    /// Reads `dir/decisions.toml` (the default without one); a problem names the file and line.
    pub fn load(dir: &Path) -> Result<DecisionSettings, String> {
        let path = dir.join(FILE);
        let name = path.display().to_string();
        let source = match std::fs::read_to_string(&path) {
            Ok(source) => source,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DecisionSettings::default()),
            Err(e) => return Err(format!("{name}: cannot read: {e}")),
        };
        let line = |offset: usize| source[..offset.min(source.len())].matches('\n').count() + 1;
        let settings: DecisionSettings = toml::from_str(&source).map_err(|e| match e.span() {
            Some(span) => format!("{name}:{}: {}", line(span.start), e.message()),
            None => format!("{name}: {}", e.message()),
        })?;
        if !(1..=MOST_MONTHS).contains(&settings.review_after_months) {
            let at = source.find("review_after_months").map_or(1, line);
            return Err(format!("{name}:{at}: review_after_months must be 1 to {MOST_MONTHS} (months), not {}", settings.review_after_months));
        }
        Ok(settings)
    }

    /// The review date of a decision accepted on `day`.
    pub fn review_date(&self, day: NaiveDate) -> NaiveDate {
        day.checked_add_months(Months::new(self.review_after_months)).unwrap_or(NaiveDate::MAX)
    }
}

/// Today's date (UTC).
pub fn today() -> NaiveDate {
    let now = crate::clock::now_rfc3339();
    parse_date(&now[..10]).unwrap_or(NaiveDate::MIN)
}

/// A date as `YYYY-MM-DD`, or `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    (text.len() == 10).then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_dates_follow_the_calendar() {
        let settings = DecisionSettings { review_after_months: 12 };
        assert_eq!(settings.review_date(parse_date("2024-02-29").unwrap()), parse_date("2025-02-28").unwrap());
        assert_eq!(DecisionSettings { review_after_months: 1 }.review_date(parse_date("2026-01-31").unwrap()).to_string(), "2026-02-28");
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-1-1"), None);
    }

    #[test]
    fn the_setting_is_checked_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(DecisionSettings::load(dir.path()), Ok(DecisionSettings::default()), "no file: the default");
        std::fs::write(dir.path().join(FILE), "# x\nreview_after_months = 0\n").unwrap();
        let problem = DecisionSettings::load(dir.path()).unwrap_err();
        assert!(problem.ends_with("decisions.toml:2: review_after_months must be 1 to 120 (months), not 0"), "{problem}");
        std::fs::write(dir.path().join(FILE), "review_after = 3\n").unwrap();
        assert!(DecisionSettings::load(dir.path()).unwrap_err().contains("decisions.toml:1:"));
        std::fs::write(dir.path().join(FILE), "review_after_months = 6\n").unwrap();
        assert_eq!(DecisionSettings::load(dir.path()).unwrap().review_after_months, 6);
    }
}
