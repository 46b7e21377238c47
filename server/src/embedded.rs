//! What the binary carries, so that one file is a whole deployment: the
//! default content folder, and in release builds the built site (wasm, JS, CSS,
//! their precompressed copies and cargo-leptos' `hash.txt`).
//!
//! The site is served from memory as the binary carries it (see `site.rs`).
//! The content loader reads a folder, with every problem named by file and
//! line; so at start-up the default content is written into a private
//! temporary folder (mode 0700, removed again when the server stops). Each
//! running instance holds a lock on its folder, so that a later start-up can
//! tell the folders of a crashed instance from those in use and remove them.
//! `CROSSROADS_CONTENT_DIR` and `LEPTOS_SITE_ROOT` override either.
//!
//! Everything is written through folders opened without following symbolic
//! links, into files created new: `export-content` writes where it was told,
//! never where a link planted in the target points.

use rust_embed::RustEmbed;
use rustix::fs::{Mode, OFlags, CWD};
use rustix::io::Errno;
use std::fs::File;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;
use std::time::{Duration, SystemTime};
use tempfile::TempDir;

use crate::site::Site;
#[cfg(feature = "embedded-site")]
use axum::body::Bytes;

use crate::no_follow::{check_free, open_folder, open_target, write_new, EXPORTED, PRIVATE};

#[derive(RustEmbed)]
#[folder = "../content"]
struct DefaultContent;

#[cfg(feature = "embedded-site")]
#[derive(RustEmbed)]
#[folder = "$CROSSROADS_EMBED_SITE"]
struct SiteFiles;

/// cargo-leptos' list of the hashed file names.
#[cfg(feature = "embedded-site")]
const HASHES: &str = include_str!(env!("CROSSROADS_EMBED_HASHES"));

/// What the unpacked folders are called: `crossroads-{label}-{random}`.
/// Versions before the site was served from memory unpacked it too: their
/// `crossroads-site-` folders left by a crash are still cleaned up.
const LABELS: [&str; 2] = ["content", "site"];

/// A folder this young is never taken for stale: one being unpacked right now
/// exists for a moment before its owner locks it.
const SETTLE: Duration = Duration::from_secs(60);

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

/// A folder unpacked from the binary, readable by this user only and locked
/// for as long as this value lives; removed when dropped.
pub struct Unpacked {
    // Dropped first: the folder goes while its lock is still held.
    dir: TempDir,
    /// The folder itself, opened and locked (`flock`): start-ups leave it
    /// alone, and so does the age-based clean-up of temporary folders
    /// (systemd-tmpfiles). Files are written relative to it.
    lock: File,
}

impl Unpacked {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn new(label: &str) -> io::Result<Unpacked> {
        Unpacked::new_in(&std::env::temp_dir(), label)
    }

    /// A new private folder in `parent`, locked; then the stale folders of
    /// earlier runs of this user in `parent` are removed.
    fn new_in(parent: &Path, label: &str) -> io::Result<Unpacked> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("crossroads-{label}-"))
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir_in(parent)?;
        let lock = File::from(open_folder(CWD, dir.path(), dir.path())?);
        lock.lock()?;
        let owner = lock.metadata()?.uid();
        let unpacked = Unpacked { dir, lock };
        remove_stale_in(parent, owner);
        Ok(unpacked)
    }

    /// Writes every file of `E` into the folder.
    fn fill<E: RustEmbed>(&self) -> io::Result<()> {
        write_new::<E>(self.lock.as_fd(), self.path(), PRIVATE).map(|_| ())
    }
}

/// Removes the folders in `parent` that an earlier run of this user unpacked
/// and left behind (it crashed or was killed): named as ours, owned by
/// `owner`, not a link, older than a minute, and not locked by a running
/// instance. Returns how many it removed; what cannot be removed is logged.
fn remove_stale_in(parent: &Path, owner: u32) -> usize {
    let Ok(entries) = std::fs::read_dir(parent) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|name| LABELS.iter().any(|label| name.starts_with(&format!("crossroads-{label}-"))));
        if !ours {
            continue;
        }
        let path = entry.path();
        match stale(&path, owner) {
            Ok(Some(_lock)) => match std::fs::remove_dir_all(&path) {
                Ok(()) => {
                    tracing::info!(folder = %path.display(), "removed a folder a stopped instance left behind");
                    removed += 1;
                }
                Err(error) => tracing::warn!(folder = %path.display(), %error, "cannot remove a folder a stopped instance left behind"),
            },
            Ok(None) => {}
            Err(error) => tracing::debug!(folder = %path.display(), %error, "left alone"),
        }
    }
    removed
}

/// The folder at `path`, locked by us, when it is stale: a real folder (not
/// a link) owned by `owner`, settled, and locked by no one else.
fn stale(path: &Path, owner: u32) -> io::Result<Option<File>> {
    let folder = match rustix::fs::openat(CWD, path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty()) {
        Ok(fd) => File::from(fd),
        // A link, or not a folder: never ours to remove.
        Err(Errno::LOOP | Errno::NOTDIR) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let meta = folder.metadata()?;
    let age = SystemTime::now().duration_since(meta.modified()?).unwrap_or_default();
    if meta.uid() != owner || age < SETTLE {
        return Ok(None);
    }
    match folder.try_lock() {
        Ok(()) => Ok(Some(folder)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// The built-in content, unpacked.
pub fn content() -> io::Result<Unpacked> {
    let unpacked = Unpacked::new("content")?;
    unpacked.fill::<DefaultContent>()?;
    Ok(unpacked)
}

/// The built site the binary carries, in memory and with its hashed names;
/// `None` in a build that does not carry it (tests, `cargo run`). Nothing is
/// copied: the bytes stay where the binary holds them.
pub fn site() -> Option<Site> {
    #[cfg(feature = "embedded-site")]
    {
        let files = SiteFiles::iter().filter_map(|name| {
            let file = SiteFiles::get(&name)?;
            let bytes = match file.data {
                std::borrow::Cow::Borrowed(data) => Bytes::from_static(data),
                std::borrow::Cow::Owned(data) => Bytes::from(data),
            };
            Some((name.into_owned(), bytes))
        });
        Some(Site::from_files(files, Some(HASHES.to_string())))
    }
    #[cfg(not(feature = "embedded-site"))]
    None
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

    fn mode(path: &Path) -> String {
        format!("{:o}", std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777)
    }

    /// A folder as a crashed instance leaves it: named as ours, with files,
    /// last changed `age` ago.
    fn left_behind(parent: &Path, name: &str, age: Duration) -> PathBuf {
        let path = parent.join(name);
        std::fs::create_dir_all(path.join("guide")).unwrap();
        std::fs::write(path.join("guide/a.md"), "a").unwrap();
        File::open(&path).unwrap().set_modified(SystemTime::now() - age).unwrap();
        path
    }

    const OLD: Duration = Duration::from_secs(3600);

    #[test]
    fn unpacked_folders_are_private() {
        let parent = tempfile::tempdir().unwrap();
        let unpacked = Unpacked::new_in(parent.path(), "content").unwrap();
        unpacked.fill::<DefaultContent>().unwrap();
        assert_eq!(mode(unpacked.path()), "700", "only this user may read or change what is served");
        assert_eq!(mode(&unpacked.path().join("questionnaire.toml")), "600");
        assert_eq!(mode(&unpacked.path().join("guide")), "700");
        assert!(crate::content::Content::load(unpacked.path()).is_ok(), "the content loads from it");
        let path = unpacked.path().to_path_buf();
        drop(unpacked);
        assert!(!path.exists(), "removed when dropped");
    }

    #[test]
    fn start_up_removes_what_a_crashed_instance_left_behind() {
        let parent = tempfile::tempdir().unwrap();
        let content = left_behind(parent.path(), "crossroads-content-crashed", OLD);
        let site = left_behind(parent.path(), "crossroads-site-crashed", OLD);
        let unrelated = left_behind(parent.path(), "someone-elses-folder", OLD);
        let unpacked = Unpacked::new_in(parent.path(), "content").unwrap();
        assert!(!content.exists() && !site.exists(), "stale folders are removed at start-up");
        assert!(unrelated.exists(), "only folders named as ours");
        assert!(unpacked.path().exists());
    }

    #[test]
    fn a_folder_in_use_by_a_running_instance_is_kept() {
        let parent = tempfile::tempdir().unwrap();
        let running = Unpacked::new_in(parent.path(), "site").unwrap();
        running.fill::<DefaultContent>().unwrap();
        File::open(running.path()).unwrap().set_modified(SystemTime::now() - OLD).unwrap();
        let _second = Unpacked::new_in(parent.path(), "content").unwrap();
        assert!(running.path().join("questionnaire.toml").is_file(), "a locked folder is in use: kept");
        assert_eq!(remove_stale_in(parent.path(), std::fs::metadata(running.path()).unwrap().uid()), 0);

        // Locked by any other holder (another process, the temporary files clean-up): kept too.
        let held = left_behind(parent.path(), "crossroads-content-held", OLD);
        let holder = File::open(&held).unwrap();
        holder.lock().unwrap();
        let owner = std::fs::metadata(&held).unwrap().uid();
        assert_eq!(remove_stale_in(parent.path(), owner), 0);
        assert!(held.exists());
        drop(holder);
        assert_eq!(remove_stale_in(parent.path(), owner), 1, "once its holder is gone, it is stale");
        assert!(!held.exists());
    }

    #[test]
    fn young_foreign_and_linked_folders_are_kept() {
        let parent = tempfile::tempdir().unwrap();
        let owner = std::fs::metadata(parent.path()).unwrap().uid();
        // Being unpacked right now, not locked yet.
        let young = left_behind(parent.path(), "crossroads-content-young", Duration::ZERO);
        // A link named as ours, to an old folder elsewhere.
        let elsewhere = tempfile::tempdir().unwrap();
        let target = left_behind(elsewhere.path(), "folder", OLD);
        std::os::unix::fs::symlink(&target, parent.path().join("crossroads-site-link")).unwrap();
        // Another user's (only root can make one).
        let foreign = left_behind(parent.path(), "crossroads-site-foreign", OLD);
        let foreign_owner = if owner == 0 { 65534 } else { owner + 1 };
        let can_chown = std::os::unix::fs::chown(&foreign, Some(foreign_owner), None).is_ok();
        if can_chown {
            File::open(&foreign).unwrap().set_modified(SystemTime::now() - OLD).unwrap();
        }

        assert_eq!(remove_stale_in(parent.path(), owner), usize::from(!can_chown));
        assert!(young.exists(), "a folder being unpacked is kept");
        assert!(target.join("guide/a.md").exists() && parent.path().join("crossroads-site-link").exists(), "a link is not followed");
        assert_eq!(foreign.exists(), can_chown, "another user's folder is kept");
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
