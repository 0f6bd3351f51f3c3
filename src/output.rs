//! Writing files safely: outputs appear whole or not at all (a temporary file in the same
//! folder, synced, then renamed), and files holding originals are owner-only.
//!
//! A batch stages its files, [`sync`]s them together, then publishes them: one sync of
//! the file system for a group of files, where a sync per file cost a tenth of a redact.

use std::fs::{File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use tempfile::NamedTempFile;

/// A written but not yet published output file.
pub struct Pending(NamedTempFile);

/// Writes `bytes` to a temporary file beside `path`, ready to [`sync`], then [`publish`].
pub fn stage(path: &Path, bytes: &[u8], mode: u32) -> io::Result<Pending> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".veil-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Created owner-only; a published output is opened up only once it is whole.
    tmp.as_file()
        .set_permissions(Permissions::from_mode(mode))?;
    Ok(Pending(tmp))
}

/// Makes the contents of `staged` durable, so that a crash after they are published cannot
/// leave an empty or partial output. On Linux, one `syncfs` per file system they are on
/// first writes them all and commits the file system's journal once; the `fdatasync` of
/// each file after it then finds little left to do, but still reports a write error of
/// that file, and is what reaches the disk on file systems whose `syncfs` does not (FUSE).
pub fn sync<'a>(staged: impl IntoIterator<Item = &'a Pending>) -> io::Result<()> {
    let staged: Vec<&Pending> = staged.into_iter().collect();
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::MetadataExt;
        let mut synced = Vec::new();
        for Pending(tmp) in &staged {
            let dev = tmp.as_file().metadata()?.dev();
            if !synced.contains(&dev) {
                // SAFETY: the descriptor is open for as long as `tmp` lives.
                if unsafe { libc::syncfs(tmp.as_file().as_raw_fd()) } != 0 {
                    return Err(io::Error::last_os_error());
                }
                synced.push(dev);
            }
        }
    }
    staged
        .into_iter()
        .try_for_each(|Pending(tmp)| tmp.as_file().sync_data())
}

/// Renames a staged (and synced) file into place.
pub fn publish(pending: Pending, path: &Path) -> io::Result<()> {
    pending.0.persist(path).map(drop).map_err(|e| e.error)
}

/// Whether `name` is one of [`stage`]'s temporary files.
fn is_staged(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(".veil-") && name.ends_with(".tmp")
}

/// Removes the temporary files a killed run left in the folder `out` (and below it, without
/// following symbolic links). Call it only while holding [`lock_out`], so that no other
/// run's files are taken for stale ones.
pub fn remove_stale(out: &Path) -> io::Result<()> {
    let mut folders = vec![out.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() && is_staged(&entry.file_name()) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically with mode `mode`.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let pending = stage(path, bytes, mode)?;
    pending.0.as_file().sync_data()?;
    publish(pending, path)
}

/// Creates or truncates `path` for writing, readable and writable by its owner only,
/// tightening the mode of an existing file too.
pub fn create_private(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(0o600))?;
    Ok(file)
}

/// `<OUT><suffix>` beside the output folder (`redacted` → `redacted.audit.jsonl`), named
/// after the folder's absolute path so that `--out .` does not put it inside.
pub fn beside(out: &Path, suffix: &str) -> std::path::PathBuf {
    let abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let abs: std::path::PathBuf = abs.components().collect();
    let name = abs
        .file_name()
        .map_or_else(|| "veil".into(), |n| n.to_string_lossy().into_owned());
    abs.with_file_name(format!("{name}{suffix}"))
}

/// Holds `<OUT>.veil-lock` (beside the output folder) for as long as it lives, so that a
/// second `veil redact` into the same folder refuses instead of interleaving its outputs
/// and audit log with the first. The operating system releases the lock if veil dies.
pub fn lock_out(out: &Path) -> crate::Result<File> {
    let path = beside(out, ".veil-lock");
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::Error::io(dir, "create the output's parent folder", e))?;
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .map_err(|e| crate::Error::io(&path, "create lock file", e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(crate::Error::file(
            out,
            format!("another veil redact is writing to this folder (it holds {}); wait for it to finish", path.display()),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(crate::Error::io(&path, "lock", e)),
    }
}
