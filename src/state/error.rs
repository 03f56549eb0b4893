//! What can go wrong with the state file, worded for the user: the path, the cause, and what
//! to do. None of these stop the reader; it carries on with saving disabled and says so. The
//! io error is `cause`, not `source`: said in words in the message, it is not chained after it
//! again (`permission denied: Permission denied (os error 13)`).

use std::io;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StateError {
    #[error(
        "cannot read state from {}: {} — {}pass another file with --state",
        .path.display(), crate::io_error::in_words_at(.cause, .path),
        if .cause.kind() == io::ErrorKind::PermissionDenied { "check its permissions, or " } else { "" }
    )]
    Read { path: PathBuf, cause: io::Error },

    /// A save makes a new file beside the old one and renames it over: a folder that cannot
    /// be written denies it too (tester AR: the file alone was named, and it was writable).
    #[error(
        "cannot save state to {}: {}{}",
        .path.display(), crate::io_error::in_words_at(.cause, .path),
        if .cause.kind() == io::ErrorKind::PermissionDenied { " — saving needs the file and the folder it is in to be writable" } else { "" }
    )]
    Save { path: PathBuf, cause: io::Error },

    /// The lock beside the file, which every save takes first, could not be had.
    #[error(
        "cannot save state to {}: its lock file {}: {}{}",
        .path.display(), .lock.display(), crate::io_error::in_words_at(.cause, .lock),
        // The lock is made beside the file: a folder that cannot be written is the reason
        // (tester Z: the lock file alone was named).
        if .cause.kind() == io::ErrorKind::PermissionDenied { " — saving needs the folder it is in to be writable" } else { "" }
    )]
    Lock {
        path: PathBuf,
        lock: PathBuf,
        cause: io::Error,
    },

    /// A device, pipe or folder given as the state file (`--state /dev/null`): reading it
    /// could block and saving would replace it, so neither is done.
    #[error(
        "state file {} is {kind}, not a regular file — nothing is read from or saved to it; \
         pass a file with --state",
        .path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },

    /// A newer ribao's file is neither misread nor written over.
    #[error(
        "state file {} is neither read nor written by this ribao: {problem} — use the newer \
         ribao, or pass another file with --state",
        .path.display()
    )]
    Newer { path: PathBuf, problem: String },

    /// Some other file given as the state file is left as it is.
    #[error(
        "state file {} is left as it is: {problem} — pass another file with --state, or move \
         this one away (ribao then carries on with the last save's backup, when there is one)",
        .path.display()
    )]
    Foreign { path: PathBuf, problem: String },

    /// A broken file is never overwritten before a copy of it is safe.
    #[error(
        "state file {} cannot be used ({problem}) and could not be copied aside: {} — it was left \
         untouched; move or fix it to save state again",
        .path.display(), crate::io_error::in_words(.cause)
    )]
    Preserve {
        path: PathBuf,
        problem: String,
        cause: io::Error,
    },
}

impl StateError {
    /// Another program held the lock past the save's patience: it is saving, so a later try
    /// will most likely work.
    pub fn is_busy(&self) -> bool {
        matches!(self, StateError::Lock { cause, .. } if cause.kind() == io::ErrorKind::WouldBlock)
    }
}
