//! The guide and the questionnaire say the sources' facts in their own words:
//! no run of 12 words (lower-cased, punctuation dropped) is shared with the
//! source articles kept beside the project (`../shared/seeds/`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

const RUN: usize = 12;

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '\''], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn runs(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words.windows(RUN).map(|w| w.join(" "))
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// Variables CI services set: `CI` on most, only their own name on a few.
const CI_VARIABLES: &[&str] =
    &["CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TRAVIS", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION"];

/// Running under CI: one of [`CI_VARIABLES`] is set to something other than
/// nothing, `false` or `0`.
fn in_ci(var: impl Fn(&str) -> Option<String>) -> bool {
    CI_VARIABLES.iter().any(|name| var(name).is_some_and(|v| !matches!(v.trim().to_lowercase().as_str(), "" | "false" | "0")))
}

/// The source articles (`*.txt` in `dir`). Without them the check is skipped
/// with a message on a developer's machine, and fails under CI, where a
/// missing folder would otherwise pass without checking anything.
fn source_files(dir: &Path, ci: bool) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    files.sort();
    if !files.is_empty() {
        return Some(files);
    }
    let why = format!("the source articles are not beside the project ({})", dir.display());
    assert!(!ci, "{why}: under CI the originality check must run, so they must be there");
    eprintln!("skipped: {why}");
    None
}

fn sources() -> Option<Vec<PathBuf>> {
    source_files(&seeds_dir(), in_ci(|name| std::env::var(name).ok()))
}

fn our_files() -> Vec<PathBuf> {
    let content = crate::support::content_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(content.join("guide")).unwrap().map(|e| e.unwrap().path()).collect();
    files.push(content.join("questionnaire.toml"));
    files.push(content.join("examples.toml"));
    files.sort();
    files
}

#[test]
fn no_run_of_twelve_words_is_copied_from_the_sources() {
    let Some(sources) = sources() else { return };
    let mut theirs = HashSet::new();
    for path in &sources {
        theirs.extend(runs(&words(&std::fs::read_to_string(path).unwrap())).collect::<Vec<_>>());
    }
    assert!(theirs.len() > 1000, "the sources were read ({} runs)", theirs.len());
    let mut copied = Vec::new();
    for file in our_files() {
        let ours = words(&std::fs::read_to_string(&file).unwrap());
        for run in runs(&ours) {
            if theirs.contains(&run) {
                copied.push(format!("{}: \"{run}\"", file.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(copied.is_empty(), "runs of {RUN} words taken from the sources:\n{}", copied.join("\n"));
}

#[test]
fn the_check_finds_a_copied_run() {
    // The same comparison, on a sentence made of a source's own words.
    let Some(sources) = sources() else { return };
    let theirs: HashSet<String> = runs(&words(&std::fs::read_to_string(&sources[0]).unwrap())).collect();
    let sample: Vec<String> = theirs.iter().next().unwrap().split(' ').map(str::to_string).collect();
    let pasted = format!("Intro. {}! End.", sample.join(", "));
    assert!(runs(&words(&pasted)).any(|run| theirs.contains(&run)));
}

#[test]
fn a_missing_source_folder_is_skipped_only_outside_ci() {
    let nowhere = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-folder");
    assert_eq!(source_files(&nowhere, false), None, "skipped on a developer's machine");
    let failed = std::panic::catch_unwind(|| source_files(&nowhere, true));
    let message = failed.expect_err("under CI a missing folder fails");
    let message = message.downcast_ref::<String>().expect("a message");
    assert!(message.contains("under CI the originality check must run"), "{message}");
}

#[test]
fn ci_is_recognised_by_its_variables() {
    let with = |pairs: &'static [(&'static str, &'static str)]| move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
    assert!(in_ci(with(&[("CI", "true")])));
    assert!(in_ci(with(&[("CI", "1")])));
    assert!(in_ci(with(&[("GITHUB_ACTIONS", "true")])));
    assert!(in_ci(with(&[("GITLAB_CI", "true")])));
    assert!(in_ci(with(&[("JENKINS_URL", "https://ci.example/")])));
    assert!(!in_ci(with(&[])));
    assert!(!in_ci(with(&[("CI", "false")])));
    assert!(!in_ci(with(&[("CI", "")])));
}
