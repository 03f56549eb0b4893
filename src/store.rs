//! Finding digest files under the store folder. Reads only: nothing under the store is ever
//! written.

use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// File endings that hold digests.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];
/// Names of a repository's own documents (`README.md`, `LICENSE.txt`, `README.zh-CN.md`,
/// `README_CN.md`, `LICENSE-MIT`): a store is often a clone of a digest repository, and these
/// are not digests, but in a folder named by a day (`2026-01-21/README.md`), where one is that
/// day's digest.
const REPOSITORY_FILES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CHANGELOG",
    "CONTRIBUTING",
    "CODE_OF_CONDUCT",
    "SECURITY",
    "AUTHORS",
    "CHANGES",
    "HISTORY",
    "NOTICE",
];
/// Larger files are not digests (the largest real one is ~0.5 MB); refusing them keeps a
/// stray dump or log from stalling start-up and every view of it (tester EF: a 50 MB log
/// named like a digest froze the reader for a minute at a time, in 1.6 GB).
pub const MAX_FILE_BYTES: u64 = 4_000_000;

/// One digest file as seen on disk: what the index cache is keyed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    /// When it last changed (see [`crate::file_stamp::changed`]).
    pub changed: Option<SystemTime>,
}

impl FileEntry {
    /// [`FileEntry::changed`] in nanoseconds since the epoch, as the index keeps it;
    /// `i64::MIN` when the file system keeps no time.
    pub fn changed_ns(&self) -> i64 {
        crate::file_stamp::nanos(self.changed)
    }
}

/// A file or folder that could not be read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub message: String,
    /// Left alone on purpose, so `check` tells of it, but nothing failed: a link back to a
    /// folder it is in (it would be walked forever), links that lead to each other, or a
    /// digest's name on something that is no file (a pipe would wait forever, `/dev/zero`
    /// never end).
    pub left_alone: bool,
}

/// What a scan found, as a hash: it changes when a file is added, removed, renamed or
/// rewritten, or a folder becomes readable or not.
pub fn listing(files: &[FileEntry], problems: &[FileProblem]) -> u64 {
    // The paths' bytes, each after its length: hashing a `Path` walks its components, and
    // this runs over every file at each start.
    fn path(h: &mut xxhash_rust::xxh3::Xxh3, p: &Path) {
        let bytes = p.as_os_str().as_encoded_bytes();
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in files {
        path(&mut h, &f.path);
        h.update(&f.size.to_le_bytes());
        h.update(&f.changed_ns().to_le_bytes());
    }
    for p in problems {
        path(&mut h, &p.path);
    }
    h.digest()
}

/// What a scan of the store found.
#[derive(Debug, Clone)]
pub struct Scan {
    /// Every digest file, sorted by path.
    pub files: Vec<FileEntry>,
    pub problems: Vec<FileProblem>,
    pub folders: Folders,
}

/// The folders a scan walked, each with its change time as read before its listing, and
/// when the scan began. While no folder's time has moved, no file was added to, removed
/// from or renamed in any of them (a file rewritten in place moves only its own).
#[derive(Debug, Clone)]
pub struct Folders {
    began: SystemTime,
    /// Paths as walked (starting with the store's), times as [`FileEntry::changed_ns`].
    times: Vec<(PathBuf, i64)>,
}

/// How long before a scan a folder must have last changed for its time to be gone by: a
/// change in the same tick of the file system's clock (up to two seconds, on FAT) as one
/// just read would leave the time as it was. Git's index has the same rule.
const SETTLING: std::time::Duration = std::time::Duration::from_secs(2);

impl Folders {
    /// Every folder walked, the store's first.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.times.iter().map(|(path, _)| path.as_path())
    }

    /// The folders and their times, when every time is older than the scan by
    /// [`SETTLING`]; None when one is not, or has no time.
    pub fn settled(&self) -> Option<&[(PathBuf, i64)]> {
        let before = crate::file_stamp::nanos(self.began.checked_sub(SETTLING));
        self.times
            .iter()
            .all(|&(_, t)| t != i64::MIN && t < before)
            .then_some(&self.times)
    }

    /// The same folders as scanned `later` (tests: the time a folder must settle cannot be
    /// waited out in a unit test).
    #[cfg(test)]
    pub(crate) fn scanned_later(mut self, later: std::time::Duration) -> Folders {
        self.began += later;
        self
    }
}

/// Every digest file under `root` (following links, stopping at loops), sorted by path.
/// This runs at every start, so it reads each folder once and asks for its files' sizes and
/// times relative to it, on every core. (Walking the folders themselves on several threads
/// measured slower on two cores.)
pub fn scan(root: &Path) -> Scan {
    let visited = Visited::default();
    let mut found = Found {
        roots: [Some(root.to_path_buf()), std::fs::canonicalize(root).ok()],
        ..Found::default()
    };
    let began = SystemTime::now();
    match std::fs::metadata(root) {
        Ok(m) => {
            remember(&visited, &m);
            found.folder(root.to_path_buf(), &m);
            walk(root, &visited, &mut found);
            // Linked folders once every folder of the store's own is walked: a folder a link
            // leads to is listed under its own name, wherever the link is (tester EF: a link
            // read first took its folder's files, and the folder was gone from the list).
            let mut next = 0;
            while let Some((dir, folder)) = found.links.get(next).cloned() {
                next += 1;
                enter(&dir, folder, true, &visited, &mut found);
            }
            found.look_at_unread();
        }
        Err(e) => found.problems.push(cannot_read(root.to_path_buf(), &e)),
    }
    found
        .files
        .sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Scan {
        files: found.files,
        problems: found.problems,
        folders: Folders {
            began,
            times: found.folders,
        },
    }
}

#[derive(Default)]
struct Found {
    files: Vec<FileEntry>,
    problems: Vec<FileProblem>,
    /// Files with a digest's name whose size and time are still to be read, and how many
    /// folders they are in.
    unread: Vec<std::fs::DirEntry>,
    unread_folders: usize,
    /// The folders walked and their change times.
    folders: Vec<(PathBuf, i64)>,
    /// Links to folders met, each with the folder it is in: followed after the rest.
    links: Vec<(PathBuf, PathBuf)>,
    /// The store's folder as given, and as the links in it may name it.
    roots: [Option<PathBuf>; 2],
}

/// A project's packages hold their own documents, no digests (tester EF:
/// `node_modules/marked/docs/…` was listed as a publication).
const NO_STORE_FOLDER: &str = "node_modules";

/// Whether a file or folder of this name is no part of a store: hidden ones (`.git`, an
/// editor's `.trash`, `.obsidian`) and, for folders, [`NO_STORE_FOLDER`].
fn is_passed_over(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".") || name == NO_STORE_FOLDER
}

/// Where the link `path` leads, one link followed, its `..` taken back in the path as
/// written: a store of links (git-annex's, each into `.git/annex/objects/…`) is not walked
/// folder by folder for each of its files.
fn one_step(path: &Path) -> Option<PathBuf> {
    let target = path.parent()?.join(std::fs::read_link(path).ok()?);
    let mut at = PathBuf::new();
    for part in target.components() {
        match part {
            std::path::Component::ParentDir => {
                at.pop();
            }
            std::path::Component::CurDir => {}
            part => at.push(part),
        }
    }
    Some(at)
}

/// Folders whose files' sizes are read together. An entry holds its folder open, and a
/// store can have more folders than a process may have files open.
const FOLDERS_AT_ONCE: usize = 32;

impl Found {
    /// A file with a digest's name: listed when it is a regular file, else told, left alone.
    fn take(&mut self, looked: Looked) {
        match looked.kind {
            None => self.files.push(looked.entry),
            Some(kind) => self.problems.push(no_file(looked.entry.path, kind)),
        }
    }

    /// The path in the store of `target`, a path a link leads to; None when outside it.
    fn in_store(&self, target: &Path) -> Option<PathBuf> {
        let mut roots = self.roots.iter().flatten();
        let rel = roots.find_map(|root| target.strip_prefix(root).ok())?;
        Some(rel.to_path_buf())
    }

    /// Whether the link `path`, of a digest's name, leads to an entry of the store that the
    /// walk lists under its own name (a file, or a link of its own that leads on).
    fn listed_itself(&self, path: &Path) -> bool {
        let Some(rel) = one_step(path).and_then(|t| self.in_store(&t)) else {
            return false;
        };
        !rel.iter().any(is_passed_over) && is_digest_name(&rel)
    }

    /// Whether the linked folder `path` is one the walk passes over in the store, or in a
    /// project's packages elsewhere.
    fn passed_over(&self, path: &Path) -> bool {
        let Some(target) = one_step(path) else {
            return false;
        };
        match self.in_store(&target) {
            Some(rel) => rel.iter().any(is_passed_over),
            None => target.iter().any(|c| c == NO_STORE_FOLDER),
        }
    }

    /// Notes a folder about to be listed, with its time as it is before the listing.
    fn folder(&mut self, path: PathBuf, m: &std::fs::Metadata) {
        let time = crate::file_stamp::nanos(crate::file_stamp::changed(m));
        self.folders.push((path, time));
    }

    /// Notes the files of one folder to look at, and looks once enough folders are open.
    fn add_unread(&mut self, entries: Vec<std::fs::DirEntry>) {
        if entries.is_empty() {
            return;
        }
        self.unread.extend(entries);
        self.unread_folders += 1;
        if self.unread_folders >= FOLDERS_AT_ONCE {
            self.look_at_unread();
        }
    }

    /// Reads the size and time of the unread files on every core.
    fn look_at_unread(&mut self) {
        self.unread_folders = 0;
        let looked: Vec<Result<Looked, FileProblem>> = std::mem::take(&mut self.unread)
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
                Ok(looked) => self.take(looked),
                Err(p) => self.problems.push(p),
            }
        }
    }
}

/// A file's entry, and what it is when no regular file (a name can also be a socket or such).
struct Looked {
    entry: FileEntry,
    /// What it is when it is no regular file (see [`crate::regular_file::kind`]).
    kind: Option<&'static str>,
}

fn file_entry(path: PathBuf, m: &std::fs::Metadata) -> Looked {
    Looked {
        kind: crate::regular_file::kind(m),
        entry: FileEntry {
            size: m.len(),
            changed: crate::file_stamp::changed(m),
            path,
        },
    }
}

/// Folders already walked, by device and inode: a link back to one is a loop.
type Visited = std::cell::RefCell<HashSet<(u64, u64)>>;

fn walk(dir: &Path, visited: &Visited, found: &mut Found) {
    let mut listed = std::fs::read_dir(dir);
    if listed
        .as_ref()
        .is_err_and(|e| e.raw_os_error() == Some(libc::EMFILE))
    {
        // The folders held open for their files' sizes let go of, under a low `ulimit -n`
        // (tester EB: at 32, whole publications were left out).
        found.look_at_unread();
        listed = std::fs::read_dir(dir);
    }
    let entries = match listed {
        Ok(entries) => entries,
        Err(e) => {
            found.problems.push(folder_unread(dir, &e));
            return;
        }
    };
    let mut folders = Vec::new();
    let mut unread = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.problems.push(folder_unread(dir, &e));
                continue;
            }
        };
        if is_passed_over(&entry.file_name()) {
            continue;
        }
        // The type comes with the folder listing; only links need a look at their target.
        let path = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path(),
            Ok(t) if t.is_dir() => {
                folders.push(entry.path());
                continue;
            }
            Ok(_) => {
                if is_digest_name_in(dir, &entry.file_name()) {
                    unread.push(entry);
                }
                continue;
            }
            Err(e) => {
                found.problems.push(cannot_read(entry.path(), &e));
                continue;
            }
        };
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => found.links.push((dir.to_path_buf(), path)),
            // A link to a digest of the store (`latest.md`) would list it twice (tester EJ).
            Ok(m) if is_digest_name(&path) && !found.listed_itself(&path) => {
                found.take(file_entry(path, &m))
            }
            Ok(_) => {}
            Err(e) if is_digest_name(&path) => found.problems.push(broken_link(path, &e)),
            // A link to no digest, or a broken one under another name (it may have led to
            // a folder since removed): nothing the store names as a digest is missing.
            _ => {}
        }
    }
    found.add_unread(unread);
    for folder in folders {
        enter(dir, folder, false, visited, found);
    }
}

/// Walks `folder`, in `dir`, unless it was walked already; `linked` when a link leads to it.
fn enter(dir: &Path, folder: PathBuf, linked: bool, visited: &Visited, found: &mut Found) {
    // A link to a folder the store is in leads back to it, as a loop does, and first
    // through folders outside the store: not followed, whether or not walked already.
    if linked && is_loop(dir, &folder) {
        found.problems.push(FileProblem {
            message: "a link back to a folder it is in (a loop); not followed".into(),
            path: folder,
            left_alone: true,
        });
        return;
    }
    match std::fs::metadata(&folder) {
        // Reached again under another name: left out quietly (its files are listed once).
        Ok(m) if !remember(visited, &m) => {}
        // A store's folder it passes over, under another name (tester EJ: a link to the
        // store's own `node_modules` listed its packages' documents).
        Ok(_) if linked && found.passed_over(&folder) => {}
        Ok(m) => {
            found.folder(folder.clone(), &m);
            walk(&folder, visited, found);
        }
        Err(e) => found.problems.push(cannot_read(folder, &e)),
    }
}

/// Whether `folder`, inside `dir`, leads back to `dir` or a folder above it.
fn is_loop(dir: &Path, folder: &Path) -> bool {
    match (std::fs::canonicalize(dir), std::fs::canonicalize(folder)) {
        (Ok(here), Ok(target)) => here.starts_with(target),
        _ => false,
    }
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

/// A digest's name on what is no regular file (`kind`: `a pipe`), said as a file read is.
fn no_file(path: PathBuf, kind: &str) -> FileProblem {
    FileProblem {
        message: format!("it is {kind}, not a regular file; not read"),
        path,
        left_alone: true,
    }
}

/// A link with a digest's name that leads to no file: one of links that lead to each
/// other (left alone, as a loop of folders is), or one to a file that is not there (a
/// digest missing, named).
fn broken_link(path: PathBuf, e: &std::io::Error) -> FileProblem {
    let mut seen = HashSet::new();
    let mut at = path.clone();
    // Followed a link at a time, as the system would (40 links at most on Linux).
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            // Not a link: the end of the chain, there but unreadable, or not there.
            return match at == path || at.symlink_metadata().is_ok() {
                true => cannot_read(path, e),
                false => FileProblem {
                    message: format!("a link to {}, which is not there", at.display()),
                    path,
                    left_alone: false,
                },
            };
        };
        at = at
            .parent()
            .map_or_else(|| target.clone(), |dir| dir.join(&target));
        if !seen.insert(at.clone()) {
            break;
        }
    }
    FileProblem {
        message: "links that lead to each other (a loop), to no file; not read".into(),
        path,
        left_alone: true,
    }
}

/// A folder whose files could not be listed: said as a folder (tester DS: `locked: cannot
/// read` was counted and said as a file).
fn folder_unread(dir: &Path, e: &std::io::Error) -> FileProblem {
    FileProblem {
        message: format!(
            "folder cannot be read: {}; the digests in it are not listed",
            crate::io_error::in_words(e)
        ),
        path: dir.to_path_buf(),
        left_alone: false,
    }
}

fn cannot_read(path: PathBuf, e: &std::io::Error) -> FileProblem {
    FileProblem {
        message: format!("cannot read: {}", crate::io_error::in_words(e)),
        path,
        left_alone: false,
    }
}

pub(crate) fn is_digest_name(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    is_digest_name_in(path.parent().unwrap_or(Path::new("")), name)
}

/// [`is_digest_name`] of the file `name` in the folder `dir`.
fn is_digest_name_in(dir: &Path, name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    let ext = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
    let first = name.split(|&b| b == b'.').next().unwrap_or_default();
    ext.len() < name.len()
        && EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
        && (!REPOSITORY_FILES.iter().any(|r| names_document(first, r)) || is_a_days_folder(dir))
}

/// Whether a file name's `first` part (before any dot) names the repository's document `r`,
/// alone or with a language or kind after `_` or `-` (tester EF: `README_CN.md`), not a date
/// (`security-2026-01-02.md` is a digest).
fn names_document(first: &[u8], r: &str) -> bool {
    let (head, rest) = first.split_at(r.len().min(first.len()));
    let tagged =
        |sep: &u8| matches!(sep, b'_' | b'-') && rest.get(1).is_some_and(u8::is_ascii_alphabetic);
    head.eq_ignore_ascii_case(r.as_bytes()) && rest.first().is_none_or(tagged)
}

/// Whether `dir` is named by a day (`2026-01-21`; tester DS: a digest repository of a
/// folder a day, each digest its `README.md`, was no digest at all).
fn is_a_days_folder(dir: &Path) -> bool {
    let name = dir.file_name();
    name.is_some_and(|f| crate::parse::find_date(&f.to_string_lossy()).is_some())
}
