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
    let dir = seeds_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: the source articles are not beside the project ({})", dir.display());
        return;
    };
    let mut theirs = HashSet::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            theirs.extend(runs(&words(&std::fs::read_to_string(&path).unwrap())).collect::<Vec<_>>());
        }
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
    let Ok(entries) = std::fs::read_dir(seeds_dir()) else { return };
    let source = entries.map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|e| e == "txt")).unwrap();
    let theirs: HashSet<String> = runs(&words(&std::fs::read_to_string(source).unwrap())).collect();
    let sample: Vec<String> = theirs.iter().next().unwrap().split(' ').map(str::to_string).collect();
    let pasted = format!("Intro. {}! End.", sample.join(", "));
    assert!(runs(&words(&pasted)).any(|run| theirs.contains(&run)));
}
