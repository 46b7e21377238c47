//! What the binary carries, so that one file is a whole deployment: the
//! default content folder, and in release builds the built site (wasm, JS, CSS,
//! their precompressed copies and cargo-leptos' `hash.txt`).
//!
//! Leptos and the static file service read the site from a folder, and the
//! content loader reads a folder too; so at start-up what is needed is written
//! into a private temporary folder (removed again when the server stops).
//! `CROSSROADS_CONTENT_DIR` and `LEPTOS_SITE_ROOT` override either.
//!
//! `export-content` writes through folders opened without following symbolic
//! links, into files created new: where it was told, never where a link
//! planted in the target points.

use rust_embed::RustEmbed;
use rustix::fs::{AtFlags, FileType, Mode, OFlags, CWD};
use rustix::io::Errno;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
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

/// Modes of what is exported: ordinary folders and files.
#[derive(Clone, Copy)]
struct Modes {
    folder: u32,
    file: u32,
}

const EXPORTED: Modes = Modes { folder: 0o755, file: 0o644 };

/// Writes the built-in content into `dir` (created if missing). Refuses
/// before writing anything when a file is there already, or when `dir` or a
/// folder in it is a symbolic link; each file is then created new, in folders
/// opened without following links. Returns how many files it wrote.
pub fn export_content(dir: &Path) -> io::Result<usize> {
    let names: Vec<String> = DefaultContent::iter().map(|name| name.into_owned()).collect();
    check_free(dir, &names)?;
    let root = open_target(dir)?;
    write_new::<DefaultContent>(root.as_fd(), dir, EXPORTED)
}

/// Whether every name can be written into `dir` as a new file, without
/// following a link: the first thing in the way, named.
fn check_free(dir: &Path, names: &[String]) -> io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) if meta.file_type().is_symlink() => return Err(is_link(dir)),
        Ok(meta) if !meta.is_dir() => return Err(not_a_folder(dir)),
        Ok(_) => {}
    }
    for name in names {
        let mut path = dir.to_path_buf();
        let parts: Vec<&str> = name.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            let last = i + 1 == parts.len();
            match std::fs::symlink_metadata(&path) {
                // Nothing there: nothing below it either.
                Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                Err(e) => return Err(e),
                Ok(meta) if meta.file_type().is_symlink() => return Err(is_link(&path)),
                Ok(_) if last => return Err(exists(&path)),
                Ok(meta) if !meta.is_dir() => return Err(not_a_folder(&path)),
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

/// `dir`, opened without following a link at it; created (with the folders
/// above it) when missing.
fn open_target(dir: &Path) -> io::Result<OwnedFd> {
    match open_folder(CWD, dir, dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            folder_in(CWD, dir, dir, EXPORTED.folder)
        }
        other => other,
    }
}

/// Writes every file of `E` into the folder `root` (shown as `shown` in
/// errors), creating folders as needed; a file or link already there is an
/// error, and no link is followed.
fn write_new<E: RustEmbed>(root: BorrowedFd<'_>, shown: &Path, modes: Modes) -> io::Result<usize> {
    let mut written = 0;
    for name in E::iter() {
        let file = E::get(&name).expect("listed by iter");
        let mut parts: Vec<&str> = name.split('/').collect();
        let file_name = parts.pop().expect("a file name");
        let mut path = shown.to_path_buf();
        let mut folder: Option<OwnedFd> = None;
        for part in parts {
            path.push(part);
            let at = folder.as_ref().map_or(root, |f| f.as_fd());
            let next = folder_in(at, Path::new(part), &path, modes.folder)?;
            folder = Some(next);
        }
        path.push(file_name);
        let at = folder.as_ref().map_or(root, |f| f.as_fd());
        let mut out = new_file_in(at, file_name, &path, modes.file)?;
        out.write_all(file.data.as_ref())?;
        written += 1;
    }
    Ok(written)
}

/// The folder `name` in `at`, opened without following a link; `shown` names
/// it in errors.
fn open_folder(at: BorrowedFd<'_>, name: &Path, shown: &Path) -> io::Result<OwnedFd> {
    match rustix::fs::openat(at, name, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty()) {
        Ok(fd) => Ok(fd),
        Err(Errno::NOENT) => Err(io::Error::new(io::ErrorKind::NotFound, format!("{} does not exist", shown.display()))),
        Err(e) => Err(what_is_in_the_way(at, name, shown).unwrap_or_else(|| e.into())),
    }
}

/// The folder `name` in `at`, created (with `mode`) when missing, opened
/// without following a link.
fn folder_in(at: BorrowedFd<'_>, name: &Path, shown: &Path, mode: u32) -> io::Result<OwnedFd> {
    match rustix::fs::mkdirat(at, name, Mode::from_raw_mode(mode)) {
        Ok(()) | Err(Errno::EXIST) => open_folder(at, name, shown),
        Err(e) => Err(io::Error::from(e)),
    }
}

/// A new file `name` in `at`; an error when anything, a link included, is
/// there already.
fn new_file_in(at: BorrowedFd<'_>, name: &str, shown: &Path, mode: u32) -> io::Result<File> {
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    match rustix::fs::openat(at, name, flags, Mode::from_raw_mode(mode)) {
        Ok(fd) => Ok(File::from(fd)),
        Err(Errno::EXIST) => Err(what_is_in_the_way(at, Path::new(name), shown).unwrap_or_else(|| exists(shown))),
        Err(e) => Err(io::Error::from(e)),
    }
}

/// Says what `name` in `at` is, when it is a link or not a folder.
fn what_is_in_the_way(at: BorrowedFd<'_>, name: &Path, shown: &Path) -> Option<io::Error> {
    let stat = rustix::fs::statat(at, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::Symlink => Some(is_link(shown)),
        FileType::Directory => None,
        _ => Some(exists(shown)),
    }
}

fn is_link(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} is a symbolic link: nothing is written through one (name the real folder, or a new path)", path.display()),
    )
}

fn exists(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::AlreadyExists, format!("{} exists already", path.display()))
}

fn not_a_folder(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::AlreadyExists, format!("{} is not a folder", path.display()))
}

fn write_all<E: RustEmbed>(dir: &Path) -> io::Result<usize> {
    let mut written = 0;
    for name in E::iter() {
        let file = E::get(&name).expect("listed by iter");
        let path = dir.join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
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

    fn new(label: &str) -> io::Result<Unpacked> {
        Ok(Unpacked { dir: tempfile::Builder::new().prefix(&format!("crossroads-{label}-")).tempdir()? })
    }
}

/// The built-in content, unpacked.
pub fn content() -> io::Result<Unpacked> {
    let unpacked = Unpacked::new("content")?;
    write_all::<DefaultContent>(unpacked.path())?;
    Ok(unpacked)
}

/// The built site, unpacked, and the path of its `hash.txt`; `None` in a
/// build that does not carry it (tests, `cargo run`).
pub fn site() -> io::Result<Option<(Unpacked, PathBuf)>> {
    #[cfg(feature = "embedded-site")]
    {
        let unpacked = Unpacked::new("site")?;
        write_all::<Site>(unpacked.path())?;
        let hashes = unpacked.path().join("hash.txt");
        std::fs::write(&hashes, HASHES)?;
        Ok(Some((unpacked, hashes)))
    }
    #[cfg(not(feature = "embedded-site"))]
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn export_refuses_links_before_writing_anything() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("x.md"), dir.path().join("examples.toml")).unwrap();
        let error = export_content(dir.path()).unwrap_err().to_string();
        assert!(error.contains("examples.toml is a symbolic link"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        // A folder swapped for a link after the check is refused as well:
        // files are created in folders opened without following links.
        let target = tempfile::tempdir().unwrap();
        let root = open_target(target.path()).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), target.path().join("guide")).unwrap();
        let error = write_new::<DefaultContent>(root.as_fd(), target.path(), EXPORTED).unwrap_err().to_string();
        assert!(error.contains("guide is a symbolic link"), "{error}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
