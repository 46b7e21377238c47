//! `crossroads backup`: a consistent copy of a SQLite database, written
//! as a new private file and never through a symbolic link.

use super::{Backend, Database};

impl Database {
    /// A consistent copy of a SQLite database in `file`, taken while the
    /// server runs (`VACUUM INTO`), readable by its owner only (mode 0600).
    /// PostgreSQL has its own tools.
    ///
    /// `file` must be new: it is created first (never through a symbolic
    /// link, never over a file), SQLite writes the copy into a private folder
    /// beside it, and the finished copy then takes its name in one rename, so
    /// a link swapped in meanwhile is replaced, not followed.
    pub async fn backup(&self, file: &std::path::Path) -> Result<(), String> {
        if self.backend != Backend::Sqlite {
            return Err("backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)".into());
        }
        let _reserved = reserve_new_file(file)?;
        let written = self.backup_beside(file).await;
        if written.is_err() {
            let _ = std::fs::remove_file(file);
        }
        written
    }

    async fn backup_beside(&self, file: &std::path::Path) -> Result<(), String> {
        let failed = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", file.display());
        let folder = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => std::path::Path::new("."),
        };
        // Only this user may add to it or swap what is in it; removed with what is left in it.
        let staging = tempfile::Builder::new()
            .prefix(".crossroads-backup-")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .tempdir_in(folder)
            .map_err(|e| failed(&e))?;
        let copy = staging.path().join("copy.db");
        // SQLite fills an empty file that exists, keeping its mode.
        new_private_file(&copy).map_err(|e| failed(&e))?;
        sqlx::query("VACUUM INTO $1").bind(copy.to_string_lossy().to_string()).execute(&self.pool).await.map_err(|e| failed(&e))?;
        std::fs::File::open(&copy).and_then(|f| f.sync_all()).map_err(|e| failed(&e))?;
        std::fs::rename(&copy, file).map_err(|e| failed(&e))?;
        std::fs::File::open(folder).and_then(|f| f.sync_all()).map_err(|e| failed(&e))
    }
}

/// Creates `file` empty with mode 0600; refuses when anything is there, a
/// symbolic link (even one pointing nowhere) included.
fn reserve_new_file(file: &std::path::Path) -> Result<std::fs::File, String> {
    new_private_file(file).map_err(|e| match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => {
            format!("{} is a symbolic link: the backup is never written through one; name a new file", file.display())
        }
        Ok(_) => format!("{} exists already; name a new file", file.display()),
        Err(_) => format!("cannot create {}: {e}", file.display()),
    })
}

/// A new, empty file only its owner may read (`O_CREAT | O_EXCL`, which
/// also refuses a symbolic link).
fn new_private_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}
