//! cargo-leptos' list of hashed file names, given to Leptos as a file that
//! exists only in memory.
//!
//! Leptos 0.8 takes the list only as a path: the stylesheet link and the
//! island scripts read `hash.txt` from disk each time they render (joined to
//! the binary's folder, so an absolute path names any other). Rather than
//! writing a folder for it, the list goes into an anonymous memory file
//! (`memfd_create`), which the process reaches as `/proc/self/fd/N` for as
//! long as this value lives. Nothing is left on disk, even after a crash.

use rustix::fs::MemfdFlags;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Arc;

/// The list in memory; cheap to clone, closed when the last clone goes.
#[derive(Clone)]
pub struct HashFile {
    fd: Arc<OwnedFd>,
}

impl HashFile {
    pub fn new(hashes: &str) -> io::Result<HashFile> {
        let fd = rustix::fs::memfd_create("crossroads-hashes", MemfdFlags::CLOEXEC)?;
        let mut file = std::fs::File::from(fd);
        file.write_all(hashes.as_bytes())?;
        Ok(HashFile { fd: Arc::new(OwnedFd::from(file)) })
    }

    /// Where Leptos reads it.
    pub fn path(&self) -> String {
        format!("/proc/self/fd/{}", self.fd.as_raw_fd())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_back_through_its_path_while_it_lives() {
        let file = HashFile::new("js: abc\ncss: def\n").unwrap();
        let path = file.path();
        // Read twice: each reader opens it anew from the start, as Leptos does.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "js: abc\ncss: def\n");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "js: abc\ncss: def\n");
        drop(file);
        assert!(std::fs::read_to_string(&path).map_or(true, |text| text != "js: abc\ncss: def\n"), "closed with its last clone");
    }
}
