//! Finding digest files under the store folder. Reads only: nothing under the store is ever
//! written.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// File endings that hold digests.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];
/// Larger files are not digests (the largest real one is ~0.5 MB); refusing them keeps a
/// stray dump from stalling start-up.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One digest file as seen on disk: what the index cache is keyed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    pub mtime: Option<SystemTime>,
}

/// A file or folder that could not be read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub message: String,
}

/// Every digest file under `root` (following links, stopping at loops), sorted by path. The
/// walk reads folders only; the files' sizes and times are then read on every core, which is
/// most of the time on a large archive.
pub fn scan(root: &Path) -> (Vec<FileEntry>, Vec<FileProblem>) {
    use rayon::prelude::*;
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_digest_name(e.path()) => {
                paths.push(e.into_path())
            }
            Ok(_) => {}
            Err(err) => problems.push(walk_problem(root, err)),
        }
    }
    let stats: Vec<Result<FileEntry, FileProblem>> = paths
        .into_par_iter()
        .map(|path| match std::fs::metadata(&path) {
            Ok(m) => Ok(FileEntry {
                size: m.len(),
                mtime: m.modified().ok(),
                path,
            }),
            Err(e) => Err(FileProblem {
                message: format!("cannot read: {}", crate::io_error::in_words(&e)),
                path,
            }),
        })
        .collect();
    let mut files = Vec::with_capacity(stats.len());
    for s in stats {
        match s {
            Ok(f) => files.push(f),
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}

fn is_digest_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn walk_problem(root: &Path, err: walkdir::Error) -> FileProblem {
    let path = err.path().unwrap_or(root).to_path_buf();
    let message = if let Some(ancestor) = err.loop_ancestor() {
        format!("symbolic link loop back to {}; skipped", ancestor.display())
    } else if let Some(io) = err.io_error() {
        format!("cannot read: {}", crate::io_error::in_words(io))
    } else {
        err.to_string()
    };
    FileProblem { path, message }
}
