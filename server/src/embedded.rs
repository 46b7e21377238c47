//! What the binary carries, so that one file is a whole deployment: the
//! default content folder, and in release builds the built site (wasm, JS, CSS,
//! their precompressed copies and cargo-leptos' `hash.txt`).
//!
//! Leptos and the static file service read the site from a folder, and the
//! content loader reads a folder too; so at start-up what is needed is written
//! into a private temporary folder (removed again when the server stops).
//! `CROSSROADS_CONTENT_DIR` and `LEPTOS_SITE_ROOT` override either.

use rust_embed::RustEmbed;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

#[derive(RustEmbed)]
#[folder = "../content"]
struct DefaultContent;

#[cfg(feature = "embedded-site")]
#[derive(RustEmbed)]
#[folder = "$CROSSROADS_EMBED_SITE"]
struct Site;

/// cargo-leptos' list of the hashed file names.
#[cfg(feature = "embedded-site")]
const HASHES: &str = include_str!(env!("CROSSROADS_EMBED_HASHES"));

/// Writes the built-in content into `dir` (created if missing); refuses to
/// overwrite a file that is there already. Returns how many files it wrote.
pub fn export_content(dir: &Path) -> std::io::Result<usize> {
    write_all::<DefaultContent>(dir, false)
}

fn write_all<E: RustEmbed>(dir: &Path, overwrite: bool) -> std::io::Result<usize> {
    let mut written = 0;
    for name in E::iter() {
        let file = E::get(&name).expect("listed by iter");
        let path = dir.join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if !overwrite && path.exists() {
            return Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, format!("{} exists already", path.display())));
        }
        std::fs::write(&path, file.data.as_ref())?;
        written += 1;
    }
    Ok(written)
}

/// A folder unpacked from the binary; removed when dropped.
pub struct Unpacked {
    dir: TempDir,
}

impl Unpacked {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn new(label: &str) -> std::io::Result<Unpacked> {
        Ok(Unpacked { dir: tempfile::Builder::new().prefix(&format!("crossroads-{label}-")).tempdir()? })
    }
}

/// The built-in content, unpacked.
pub fn content() -> std::io::Result<Unpacked> {
    let unpacked = Unpacked::new("content")?;
    write_all::<DefaultContent>(unpacked.path(), true)?;
    Ok(unpacked)
}

/// The built site, unpacked, and the path of its `hash.txt`; `None` in a
/// build that does not carry it (tests, `cargo run`).
pub fn site() -> std::io::Result<Option<(Unpacked, PathBuf)>> {
    #[cfg(feature = "embedded-site")]
    {
        let unpacked = Unpacked::new("site")?;
        write_all::<Site>(unpacked.path(), true)?;
        let hashes = unpacked.path().join("hash.txt");
        std::fs::write(&hashes, HASHES)?;
        Ok(Some((unpacked, hashes)))
    }
    #[cfg(not(feature = "embedded-site"))]
    Ok(None)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_content_is_carried_and_exported_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let written = super::export_content(dir.path()).unwrap();
        assert!(written >= 14, "questionnaire, examples and the guide pages: {written}");
        assert!(dir.path().join("questionnaire.toml").is_file());
        assert!(dir.path().join("guide").read_dir().unwrap().count() >= 12);
        let again = super::export_content(dir.path()).unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
    }
}
