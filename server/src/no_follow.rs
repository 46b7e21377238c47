//! Writing files without following symbolic links: into folders opened
//! relative to each other (`openat`), into files created new, so a link
//! planted in a target folder is an error and never a way to write elsewhere.

use rust_embed::RustEmbed;
use rustix::fs::{AtFlags, FileType, Mode, OFlags, CWD};
use rustix::io::Errno;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// Modes of what is written: exported content is ordinary files; what is
/// unpacked is private.
#[derive(Clone, Copy)]
pub(crate) struct Modes {
    pub folder: u32,
    pub file: u32,
}

pub(crate) const EXPORTED: Modes = Modes { folder: 0o755, file: 0o644 };
pub(crate) const PRIVATE: Modes = Modes { folder: 0o700, file: 0o600 };

/// Whether every name can be written into `dir` as a new file, without
/// following a link: the first thing in the way, named.
pub(crate) fn check_free(dir: &Path, names: &[String]) -> io::Result<()> {
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
pub(crate) fn open_target(dir: &Path) -> io::Result<OwnedFd> {
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
pub(crate) fn write_new<E: RustEmbed>(root: BorrowedFd<'_>, shown: &Path, modes: Modes) -> io::Result<usize> {
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
pub(crate) fn open_folder(at: BorrowedFd<'_>, name: &Path, shown: &Path) -> io::Result<OwnedFd> {
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
