//! Replacing a file so that a crash at any moment leaves the old or the new content, never a
//! mix: write a temporary file beside it, sync, rename over, sync the folder.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files are named `.<name>.tmp-<pid>-<n>`: unique across threads and processes.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.tmp-")
}

/// The folder holding `path` ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A new temporary file's name beside `path`.
fn temp_for(path: &Path) -> std::path::PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!("{}{}-{n}", temp_prefix(path), std::process::id());
    folder_of(path).join(name)
}

pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_if_read_only(path)?;
    let folder = folder_of(path);
    let temp = temp_for(path);
    let written = write_synced(&temp, bytes)
        .and_then(|()| keep_permissions(path, &temp))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_folder(folder)
}

/// Writes `bytes` to `copy`, replacing it at once, without waiting for the disk: a second
/// copy of the file at `path`, made after `path` was saved and synced. Its temporary file is
/// named as `path`'s, so a killed writer's is removed as theirs are.
pub fn write_copy(path: &Path, copy: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_for(path);
    let made = fs::write(&temp, bytes)
        .and_then(|()| keep_permissions(path, &temp))
        .and_then(|()| fs::rename(&temp, copy));
    if made.is_err() {
        let _ = fs::remove_file(&temp);
    }
    made
}

/// Renaming needs only the folder to be writable; a file the user made read-only is still
/// meant to stay as it is.
fn refuse_if_read_only(path: &Path) -> io::Result<()> {
    match OpenOptions::new().write(true).open(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A user who made the file private (mode 600) expects it to stay so.
pub fn keep_permissions(old: &Path, new: &Path) -> io::Result<()> {
    match fs::metadata(old) {
        Ok(meta) => fs::set_permissions(new, meta.permissions()),
        Err(_) => Ok(()),
    }
}

/// Creates `path` (which must not exist) with `bytes`, on disk before returning.
pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename or a new name in `folder` durable.
#[cfg(unix)]
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

/// Windows cannot sync a folder; the rename is as durable as the file system makes it.
#[cfg(not(unix))]
pub fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

/// Deletes temporary files left by writers that were killed mid-save. Only call while holding
/// the lock: every writer creates its temporary file under it, so any found then is stray.
pub fn remove_stray_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            // Best effort: a leftover is harmless, it is never read.
            let _ = fs::remove_file(entry.path());
        }
    }
}
