//! The built site (wasm, JS, CSS under `pkg/`, the favicon and robots.txt at
//! the root) held in memory: read once at start-up, from the binary or from
//! the folder `LEPTOS_SITE_ROOT` names, then served without touching the disk.
//! Each file keeps its precompressed brotli and gzip copies (`NAME.br`,
//! `NAME.gz` beside it), its content type and a strong ETag.

use crate::http::encoding::Coding;
use axum::body::Bytes;
use axum::http::HeaderValue;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// cargo-leptos' list of hashed names. In the site folder, it describes the
/// site rather than being part of it, so it is never served.
pub const HASH_FILE: &str = "hash.txt";

/// One file of the site, in each encoding it was built in.
pub struct Asset {
    pub content_type: HeaderValue,
    /// Stored copies: the file itself first, then its compressed ones.
    copies: Vec<(Coding, Bytes, HeaderValue)>,
}

impl Asset {
    /// The encodings this file is stored in besides `identity`.
    pub fn compressed(&self) -> Vec<Coding> {
        self.copies.iter().map(|(coding, ..)| *coding).filter(|c| *c != Coding::Identity).collect()
    }

    /// The bytes and ETag of the file in `coding`, or as it is when that
    /// encoding is not stored. Each encoding has a tag of its own: they are
    /// different bytes (RFC 9110 §8.8.3).
    pub fn copy(&self, coding: Coding) -> (Coding, &Bytes, &HeaderValue) {
        let (coding, bytes, etag) = self.copies.iter().find(|(c, ..)| *c == coding).unwrap_or(&self.copies[0]);
        (*coding, bytes, etag)
    }
}

/// Every file of the site by its path (`pkg/crossroads.abc.js`, `robots.txt`),
/// and cargo-leptos' list of hashed names when there is one.
#[derive(Default)]
pub struct Site {
    files: HashMap<String, Asset>,
    pub hashes: Option<String>,
}

impl Site {
    /// The file at `path` (without the leading `/`).
    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A site from `(path, bytes)` pairs, the compressed copies among them.
    pub fn from_files(files: impl IntoIterator<Item = (String, Bytes)>, hashes: Option<String>) -> Site {
        let mut plain = HashMap::new();
        let mut packed = Vec::new();
        for (path, bytes) in files {
            match compressed_name(&path) {
                Some((base, coding)) => packed.push((base.to_string(), coding, path, bytes)),
                None => {
                    plain.insert(path, bytes);
                }
            }
        }
        let mut files: HashMap<String, Asset> = plain
            .into_iter()
            .map(|(path, bytes)| {
                let etag = etag(&bytes, Coding::Identity);
                let asset = Asset { content_type: content_type(&path), copies: vec![(Coding::Identity, bytes, etag)] };
                (path, asset)
            })
            .collect();
        for (base, coding, path, bytes) in packed {
            match files.get_mut(&base) {
                Some(asset) => {
                    let etag = etag(&asset.copies[0].1, coding);
                    asset.copies.push((coding, bytes, etag));
                }
                // A compressed file without its original is a file of its own.
                None => {
                    let etag = etag(&bytes, Coding::Identity);
                    files.insert(path.clone(), Asset { content_type: content_type(&path), copies: vec![(Coding::Identity, bytes, etag)] });
                }
            }
        }
        Site { files, hashes }
    }

    /// Reads every file under `root` into memory, and its `hash.txt` (else
    /// `hashes_beside`, where cargo-leptos writes it, beside the binary).
    /// A file that cannot be read is named in the error.
    pub fn read(root: &Path, hashes_beside: Option<&Path>) -> Result<Site, (PathBuf, std::io::Error)> {
        let mut files = Vec::new();
        let mut folders = vec![root.to_path_buf()];
        while let Some(folder) = folders.pop() {
            let entries = std::fs::read_dir(&folder).map_err(|e| (folder.clone(), e))?;
            for entry in entries {
                let entry = entry.map_err(|e| (folder.clone(), e))?;
                let path = entry.path();
                let kind = entry.file_type().map_err(|e| (path.clone(), e))?;
                if kind.is_dir() {
                    folders.push(path);
                    continue;
                }
                // A linked file is read; a linked folder is not entered, so a
                // link loop cannot keep start-up reading for ever.
                if kind.is_symlink() && std::fs::metadata(&path).map_err(|e| (path.clone(), e))?.is_dir() {
                    tracing::warn!(folder = %path.display(), "not served: a link to a folder");
                    continue;
                }
                let relative = path.strip_prefix(root).expect("found under the root");
                let Some(name) = relative.to_str().map(|name| name.replace(std::path::MAIN_SEPARATOR, "/")) else {
                    tracing::warn!(file = %path.display(), "not served: its name is not UTF-8");
                    continue;
                };
                let bytes = std::fs::read(&path).map_err(|e| (path.clone(), e))?;
                files.push((name, Bytes::from(bytes)));
            }
        }
        let own = files.iter().position(|(name, _)| name == HASH_FILE).map(|at| files.swap_remove(at).1);
        let hashes = match (own, hashes_beside) {
            (Some(bytes), _) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            (None, Some(path)) => Some(std::fs::read_to_string(path).map_err(|e| (path.to_path_buf(), e))?),
            (None, None) => None,
        };
        Ok(Site::from_files(files, hashes))
    }
}

/// `("pkg/a.js", Brotli)` for `pkg/a.js.br`.
fn compressed_name(path: &str) -> Option<(&str, Coding)> {
    if let Some(base) = path.strip_suffix(".br") {
        return Some((base, Coding::Brotli));
    }
    path.strip_suffix(".gz").map(|base| (base, Coding::Gzip))
}

fn content_type(path: &str) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    HeaderValue::from_str(mime.as_ref()).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// A strong validator of the file's own bytes and the encoding they are sent in.
fn etag(original: &[u8], coding: Coding) -> HeaderValue {
    let digest = Sha256::digest(original);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let tag = match coding {
        Coding::Identity => format!("\"{hex}\""),
        other => format!("\"{hex}-{}\"", other.name()),
    };
    HeaderValue::from_str(&tag).expect("hex digits and quotes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (String, Bytes) {
        (path.to_string(), Bytes::from(text.to_string()))
    }

    #[test]
    fn compressed_copies_belong_to_their_file() {
        let site = Site::from_files(
            [file("pkg/a.js", "plain"), file("pkg/a.js.br", "b"), file("pkg/a.js.gz", "g"), file("lonely.gz", "x"), file("robots.txt", "r")],
            None,
        );
        assert_eq!(site.len(), 3, "a.js, robots.txt and the .gz without an original");
        let js = site.get("pkg/a.js").unwrap();
        assert_eq!(js.content_type, "text/javascript");
        assert_eq!(js.compressed(), vec![Coding::Brotli, Coding::Gzip]);
        let (coding, bytes, br_tag) = js.copy(Coding::Brotli);
        assert_eq!((coding, &bytes[..]), (Coding::Brotli, &b"b"[..]));
        let (_, _, plain_tag) = js.copy(Coding::Identity);
        assert_ne!(br_tag, plain_tag, "each encoding has its own tag");
        assert!(site.get("pkg/a.js.br").is_none(), "a compressed copy is not a file of its own");
        assert_eq!(site.get("robots.txt").unwrap().copy(Coding::Gzip).0, Coding::Identity, "no gzip stored: as it is");
    }
}
