//! What can go wrong with the state file, worded for the user: the path, the cause, and what
//! happens or what to do. None of these stop the reader; it carries on with saving disabled.

use std::io;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StateError {
    #[error(
        "cannot read state from {}: {} — check its permissions, or pass another file with --state",
        .path.display(), reason(.source)
    )]
    Read { path: PathBuf, source: io::Error },

    #[error(
        "cannot save state to {}: {} — bookmarks are kept for this session only",
        .path.display(), reason(.source)
    )]
    Save { path: PathBuf, source: io::Error },

    /// A broken file is never overwritten before a copy of it is safe.
    #[error(
        "state file {} cannot be used ({problem}) and could not be copied aside: {} — it was left \
         untouched; move or fix it to save state again",
        .path.display(), reason(.source)
    )]
    Preserve {
        path: PathBuf,
        problem: String,
        source: io::Error,
    },
}

/// The cause in words, without Rust's "(os error 13)".
fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        // Creating folders reports a file standing where a folder is needed as AlreadyExists.
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists => {
            "a file is in the way of a folder in its path".into()
        }
        io::ErrorKind::IsADirectory => "a folder is in the way of the file".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        _ => error.to_string(),
    }
}
