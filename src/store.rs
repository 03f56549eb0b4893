//! Finding digest files under the store folder. Reads only: nothing under the store is ever
//! written.

use rayon::prelude::*;
use std::collections::HashSet;
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

/// Every digest file under `root` (following links, stopping at loops), sorted by path.
/// This runs at every start, so it reads each folder once, then asks for the files' sizes
/// and times relative to their folder on every core. (Walking the folders themselves on
/// several threads measured slower on two cores.)
pub fn scan(root: &Path) -> (Vec<FileEntry>, Vec<FileProblem>) {
    let visited = Visited::default();
    let mut found = match std::fs::metadata(root) {
        Ok(m) => {
            remember(&visited, &m);
            walk(root, &visited)
        }
        Err(e) => Found {
            problems: vec![cannot_read(root.to_path_buf(), &e)],
            ..Found::default()
        },
    };
    let looked: Vec<Result<Looked, FileProblem>> = found
        .unread
        .into_par_iter()
        .with_min_len(64)
        .map(|entry| {
            let path = entry.path();
            match entry.metadata() {
                Ok(m) => Ok(file_entry(path, &m)),
                Err(e) => Err(cannot_read(path, &e)),
            }
        })
        .collect();
    for r in looked {
        match r {
            Ok(f) if f.is_file => found.files.push(f.entry),
            Ok(_) => {}
            Err(p) => found.problems.push(p),
        }
    }
    found
        .files
        .sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    (found.files, found.problems)
}

#[derive(Default)]
struct Found {
    files: Vec<FileEntry>,
    /// Files with a digest's name whose size and time are still to be read.
    unread: Vec<std::fs::DirEntry>,
    problems: Vec<FileProblem>,
}

/// A file's entry, and whether it is a regular file (a name can also be a socket or such).
struct Looked {
    entry: FileEntry,
    is_file: bool,
}

fn file_entry(path: PathBuf, m: &std::fs::Metadata) -> Looked {
    Looked {
        is_file: m.is_file(),
        entry: FileEntry {
            size: m.len(),
            mtime: m.modified().ok(),
            path,
        },
    }
}

/// Folders already walked, by device and inode: a link back to one is a loop.
type Visited = std::cell::RefCell<HashSet<(u64, u64)>>;

fn walk(dir: &Path, visited: &Visited) -> Found {
    let mut found = Found::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.problems.push(cannot_read(dir.to_path_buf(), &e));
            return found;
        }
    };
    let mut folders = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.problems.push(cannot_read(dir.to_path_buf(), &e));
                continue;
            }
        };
        // The type comes with the folder listing; only links need a look at their target.
        let path = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path(),
            Ok(t) if t.is_dir() => {
                folders.push(entry.path());
                continue;
            }
            Ok(_) => {
                if is_digest_name(Path::new(&entry.file_name())) {
                    found.unread.push(entry);
                }
                continue;
            }
            Err(e) => {
                found.problems.push(cannot_read(entry.path(), &e));
                continue;
            }
        };
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => folders.push(path),
            Ok(m) if is_digest_name(&path) => {
                let looked = file_entry(path, &m);
                if looked.is_file {
                    found.files.push(looked.entry);
                }
            }
            Ok(_) => {}
            Err(e) => found.problems.push(cannot_read(path, &e)),
        }
    }
    for folder in folders {
        match std::fs::metadata(&folder) {
            Ok(m) if !remember(visited, &m) => found.problems.push(FileProblem {
                message: "a link back to a folder already read (a loop); skipped".into(),
                path: folder,
            }),
            Ok(_) => {
                let below = walk(&folder, visited);
                found.files.extend(below.files);
                found.unread.extend(below.unread);
                found.problems.extend(below.problems);
            }
            Err(e) => found.problems.push(cannot_read(folder, &e)),
        }
    }
    found
}

/// Notes a folder as walked; false when it already was.
#[cfg(unix)]
fn remember(visited: &Visited, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    visited.borrow_mut().insert((meta.dev(), meta.ino()))
}

/// Elsewhere links to folders are rare and need privileges; none is taken for a loop.
#[cfg(not(unix))]
fn remember(_: &Visited, _: &std::fs::Metadata) -> bool {
    true
}

fn cannot_read(path: PathBuf, e: &std::io::Error) -> FileProblem {
    FileProblem {
        message: format!("cannot read: {}", crate::io_error::in_words(e)),
        path,
    }
}

fn is_digest_name(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.as_encoded_bytes()) else {
        return false;
    };
    let ext = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
    !name.starts_with(b".")
        && ext.len() < name.len()
        && EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
}
