//! The index on disk, one folder per store under the cache folder:
//!
//! - `index.bin`: the metadata, replaced whole by rename (readers never see half a file);
//! - `text-*.bin`: items' text, only ever appended to, so every byte an index refers to stays
//!   as it was; a new one is started when more than half of it is stale;
//! - `verified`: the size, time and inode of the `index.bin` whose every byte was checked
//!   (by writing it, or reading it once): opening that same file checks only its head;
//! - `folders`: the store's folders when the index last matched its files (see
//!   [`super::folders`]);
//! - `lock`: held while updating, so two ribaos never build at once (the second one finds
//!   the index fresh and uses it).
//!
//! The cache is disposable: anything missing, damaged, of another version or built with
//! another categories table is rebuilt. Files are keyed by path, size and change time (see
//! [`crate::file_stamp::changed`]), so an edited, added, removed or renamed digest is re-read
//! at the next start.

use super::build::{Entry, PackedItems, Spilled, TextSink, build};
use super::scratch::Scratch;
use super::{Bytes, FileRecord, Index, Outcome};
use crate::categories::Categorizer;
use crate::model::Digest;
use crate::store::{FileEntry, Scan};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Cursor, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

const META: &str = "index.bin";
const LOCK: &str = "lock";
const VERIFIED: &str = "verified";

/// The cache folder of one store.
pub struct Cache {
    dir: PathBuf,
}

/// What changed since the index was built: known before anything is parsed.
pub struct Plan {
    pub old: Option<Index>,
    /// Per scanned file: its position in the old index when unchanged.
    pub kept: Vec<Option<usize>>,
    /// Per scanned file: the old index's record of the same path, changed since or not.
    pub indexed: Vec<Option<usize>>,
    files: Vec<FileEntry>,
    /// Whether files the old index holds are gone.
    removed: bool,
}

impl Plan {
    /// Every file new: no index to compare with.
    fn all_new(files: Vec<FileEntry>) -> Plan {
        Plan {
            old: None,
            kept: vec![None; files.len()],
            indexed: vec![None; files.len()],
            files,
            removed: false,
        }
    }

    /// Files that must be parsed.
    pub fn changed(&self) -> impl Iterator<Item = &FileEntry> {
        self.files
            .iter()
            .zip(&self.kept)
            .filter(|(_, k)| k.is_none())
            .map(|(f, _)| f)
    }

    pub fn is_fresh(&self) -> bool {
        self.old.is_some() && !self.removed && self.kept.iter().all(Option::is_some)
    }

    /// The plan without the new and changed files in `later` (left for a later step): they
    /// are neither parsed nor listed now. Unchanged ones stay, whatever the step.
    fn postponing(mut self, later: &HashSet<PathBuf>) -> Plan {
        if later.is_empty() {
            return self;
        }
        let ((files, kept), indexed) = self
            .files
            .into_iter()
            .zip(self.kept)
            .zip(self.indexed)
            .filter(|((f, k), _)| k.is_some() || !later.contains(&f.path))
            .unzip();
        (self.files, self.kept, self.indexed) = (files, kept, indexed);
        self
    }
}

impl Cache {
    /// The folder for `store` under `cache_root` (one per store, named by a hash of its path).
    pub fn new(cache_root: &Path, store: &Path) -> Cache {
        let canonical = fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf());
        let key = crate::model::short_hash(&[canonical.as_os_str().as_encoded_bytes()]);
        let dir = cache_root.join("index").join(key);
        crate::fault::name_cache(&dir);
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The index as last written, if it can be used (no check against the store).
    pub fn open(&self, root: &Path) -> Option<Index> {
        let meta = map(&self.dir.join(META)).ok()?;
        let blob = blob_name(&meta)?;
        let text = map(&self.dir.join(&blob)).ok()?;
        let stamp = self.stamp(&blob);
        let noted = crate::regular_file::read(&self.dir.join(VERIFIED)).ok();
        let vouched = stamp.is_some() && noted.map(String::from_utf8).and_then(Result::ok) == stamp;
        let mut index = Index::open(meta, text, root, !vouched).ok()?;
        index.aliases = super::aliases::load(&self.dir);
        if !vouched && let Some(stamp) = stamp {
            // Best effort: without it the next start checks every byte again.
            let _ = replace_beside_index(&self.dir, VERIFIED, stamp.as_bytes());
        }
        Some(index)
    }

    /// Notes that `index` lists exactly the files `scan` found, so that a later start may
    /// go by the folders' times ([`Cache::trusted`]). Best effort: without it the next start
    /// looks at every file.
    pub fn vouch(&self, root: &Path, index: &Index, scan: &Scan) {
        let _ = super::folders::save(&self.dir, root, index.sum, scan);
    }

    /// The index and the listing ([`crate::store::listing`]) of the files it was last found
    /// to match, when no folder changed since and it was made with `categorizer`. A file
    /// rewritten in place is not seen here: the caller looks at every file soon after.
    pub fn trusted(&self, root: &Path, categorizer: &Categorizer) -> Option<(Index, u64)> {
        let record = super::folders::load(&self.dir)?;
        if !record.unchanged(root) {
            return None;
        }
        let index = self.open(root)?;
        (index.sum == record.index && index.fingerprint == categorizer.fingerprint())
            .then_some((index, record.listing))
    }

    /// What identifies the current `index.bin` and its text file `blob`: any rewrite of
    /// either changes it.
    fn stamp(&self, blob: &str) -> Option<String> {
        let mut stamp = String::new();
        for name in [META, blob] {
            let (len, time, inode) = crate::file_stamp::of(&self.dir.join(name))?;
            let time = time.duration_since(UNIX_EPOCH).ok()?.as_nanos();
            stamp += &format!("{len} {time} {inode}\n");
        }
        Some(stamp)
    }

    /// Compares the store's files with the index.
    pub fn plan(&self, root: &Path, files: Vec<FileEntry>, categorizer: &Categorizer) -> Plan {
        self.compare(self.open(root), root, files, categorizer)
    }

    /// Compares the store's files with `old`, the index as [`Cache::open`] read it.
    pub fn compare(
        &self,
        old: Option<Index>,
        root: &Path,
        files: Vec<FileEntry>,
        categorizer: &Categorizer,
    ) -> Plan {
        let old = old.filter(|i| i.fingerprint == categorizer.fingerprint());
        // Keyed by the path's bytes: hashing a `Path` walks its components, ten times slower.
        let known: HashMap<&[u8], usize, Xxh3DefaultBuilder> = old
            .iter()
            .flat_map(|o| o.files.iter().enumerate())
            .map(|(i, f)| (f.rel.as_os_str().as_encoded_bytes(), i))
            .collect();
        let indexed: Vec<Option<usize>> = files
            .iter()
            .map(|f| known.get(relative_bytes(root, &f.path)).copied())
            .collect();
        let kept: Vec<Option<usize>> = files
            .iter()
            .zip(&indexed)
            .map(|(f, &i)| {
                let i = i?;
                let old = &old.as_ref()?.files[i];
                (old.size == f.size && old.changed == f.changed_ns()).then_some(i)
            })
            .collect();
        let still = kept.iter().flatten().count();
        let removed = old.as_ref().is_some_and(|o| o.files.len() != still);
        Plan {
            old,
            kept,
            indexed,
            files,
            removed,
        }
    }

    /// Brings the index up to date: parses what changed (in parallel; `progress` counts
    /// parsed files) and writes the new index. Holds the lock throughout, and plans again
    /// under it, since another ribao may have just done the work; while another holds it,
    /// `progress` says so. New and changed files in `later` are left out, for a later step
    /// (files another ribao indexed meanwhile are kept all the same).
    pub fn update(
        &self,
        root: &Path,
        plan: Plan,
        categorizer: &Categorizer,
        progress: &Progress,
        later: &HashSet<PathBuf>,
    ) -> std::io::Result<Index> {
        // The store is the user's (a synced folder, a repository): nothing of ribao's goes
        // there, not even a cache folder named under it (tester AR).
        if resolved(&self.dir).starts_with(resolved(root)) {
            return Err(std::io::Error::other(
                "it is inside the store, which ribao never writes to",
            ));
        }
        fs::create_dir_all(&self.dir)?;
        // A pipe in its place is refused, not waited on (as the state file's lock; a review).
        let lock = crate::regular_file::open_with(
            &self.dir.join(LOCK),
            OpenOptions::new().create(true).truncate(true).write(true),
        )
        // Named, the folder being what the message names (tester DF: "it is a pipe" read
        // as the folder's).
        .map_err(|e| std::io::Error::new(e.kind(), format!("its file `{LOCK}`: {e}")))?;
        if let Err(fs::TryLockError::WouldBlock) = lock.try_lock() {
            progress.waiting.store(true, Ordering::Relaxed);
            let locked = lock.lock();
            progress.waiting.store(false, Ordering::Relaxed);
            locked?;
        }
        let plan = self.plan(root, plan.files, categorizer);
        if plan.is_fresh()
            && let Some(old) = plan.old
        {
            return Ok(old);
        }
        let mut plan = plan.postponing(later);
        // What the stories' ids were: the index being replaced, or one an earlier ribao
        // wrote (read before it is replaced); and which files may have changed them.
        let earlier = match plan.old {
            Some(_) => None,
            None => map(&self.dir.join(META)).ok().and_then(Index::earlier),
        };
        let changed: Option<HashSet<PathBuf>> = plan.old.as_ref().map(|_| {
            plan.files
                .iter()
                .zip(&plan.kept)
                .filter(|(_, k)| k.is_none())
                .map(|(f, _)| relative(root, &f.path).to_path_buf())
                .collect()
        });
        let old = plan.old.as_ref();
        // Append to the old text file unless most of it is stale by now.
        let kept_live: u64 = plan
            .kept
            .iter()
            .flatten()
            .filter_map(|&file| {
                let old = old?;
                match old.files[file].outcome {
                    Outcome::Digest(d) => {
                        Some(old.digest_span(&old.digests[d as usize]).len() as u64)
                    }
                    Outcome::Problem(_) => None,
                }
            })
            .sum();
        let reuse = old.filter(|o| {
            let stale = o.blob_used.saturating_sub(kept_live);
            stale <= kept_live.max(8 << 20) && self.dir.join(&o.blob).is_file()
        });
        // What an update that failed (a full disk) or was killed left: before this one
        // needs the room.
        self.remove_leftovers(old.map(|o| o.blob.as_str()));
        let mut unfinished = Unfinished::default();
        let (blob, file) = match reuse {
            Some(o) => {
                let file = OpenOptions::new()
                    .append(true)
                    .open(self.dir.join(&o.blob))?;
                // Texts a ribao stopped while indexing appended (no index refers to them):
                // cut off, or every interrupted run left the file larger for good.
                if file.metadata()?.len() > o.blob_used {
                    file.set_len(o.blob_used)?;
                }
                unfinished.cut = Some((file.try_clone()?, o.blob_used));
                (o.blob.clone(), file)
            }
            None => {
                let name = format!(
                    "text-{}-{}.bin",
                    std::process::id(),
                    std::time::SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_nanos())
                );
                let f = File::create(self.dir.join(&name))?;
                unfinished.made.push(self.dir.join(&name));
                (name, f)
            }
        };
        let mut sink = Scratch::appending(file, &self.dir)?;
        let spill = Scratch::new(Some(&self.dir), 0)?;
        let (parsed, spill) =
            parse_changed(root, &plan, categorizer, &progress.done, &mut sink, spill)?;
        // What the parsing let go, in every thread's arena, is handed back before the index
        // is written beside it.
        crate::memory::give_back_freed();
        let saving = Saving::start(&progress.saving);
        let mut entries: Vec<Entry> = Vec::with_capacity(plan.files.len());
        let mut parsed = parsed.into_iter();
        for k in &plan.kept {
            match (k, old) {
                (Some(file), Some(old)) => entries.push(Entry::Kept { old, file: *file }),
                _ => entries.extend(parsed.next()),
            }
        }
        let tmp = self.dir.join(format!("{META}.{}.tmp", std::process::id()));
        unfinished.made.push(tmp.clone());
        // Written a megabyte at a time: one write of the whole index (80 MB for 10,000
        // digests) took 20 times as long here (Linux 6.18) as the same bytes in pieces.
        let out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        let out = build(
            entries,
            spill,
            &mut sink,
            reuse.is_some(),
            categorizer,
            &blob,
            out,
        )?;
        out.into_inner().map_err(|e| e.into_error())?;
        sink.flush()?;
        drop(sink);
        fs::rename(&tmp, self.dir.join(META))?;
        unfinished.done();
        if let Some(stamp) = self.stamp(&blob) {
            let _ = replace_beside_index(&self.dir, VERIFIED, stamp.as_bytes());
        }
        drop(saving);
        let mut index = Index::open(
            map(&self.dir.join(META))?,
            map(&self.dir.join(&blob))?,
            root,
            false,
        )
        .map_err(std::io::Error::other)?;
        // The old ids kept so far: those the index being replaced read, else the file's.
        index.aliases = match plan.old.as_mut() {
            Some(old) => std::mem::take(&mut old.aliases),
            None => super::aliases::load(&self.dir),
        };
        if let Some(before) = plan.old.as_ref().or(earlier.as_ref()) {
            let found = super::aliases::found_again(before, changed.as_ref(), &index);
            if !found.is_empty() {
                index.aliases.extend(found);
                // Best effort: without it, marks made under the old ids stay where they were.
                let _ = super::aliases::save(&self.dir, &index.aliases);
            }
        }
        drop(plan);
        drop(earlier);
        self.remove_leftovers(Some(&blob));
        drop(lock);
        Ok(index)
    }

    /// Text files but `current` (the one `index.bin` refers to), and index files
    /// half-written by a ribao that was killed (no other is writing: this one holds the
    /// lock). A ribao still reading an old text file keeps its copy (the file system frees it
    /// when the last mapping goes).
    fn remove_leftovers(&self, current: Option<&str>) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let temp = format!("{META}.");
        for e in dir.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let stale_text = name.starts_with("text-") && Some(name.as_ref()) != current;
            let stale_temp = name.starts_with(&temp) && name.ends_with(".tmp");
            if stale_text || stale_temp {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Replaces `file` in the cache folder `dir` whole: written beside it, then renamed. Its
/// temporary file is named as the index's half-written ones (`index.bin.*.tmp`), so a killed
/// ribao's is cleared with them, and it is removed when the renaming fails (a folder where
/// the file goes left one at every run).
pub(super) fn replace_beside_index(dir: &Path, file: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!("{META}.{file}.{}.tmp", std::process::id()));
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, dir.join(file)));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// What an update has written that no index refers to yet: removed (files it made) or cut
/// back (the text file it appends to) unless it completes. A full disk, or a folder where
/// the index goes, left a text file and an index of hundreds of megabytes behind, run
/// after run.
#[derive(Default)]
struct Unfinished {
    made: Vec<PathBuf>,
    cut: Option<(File, u64)>,
}

impl Unfinished {
    fn done(&mut self) {
        self.made.clear();
        self.cut = None;
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        for path in &self.made {
            let _ = fs::remove_file(path);
        }
        if let Some((file, len)) = &self.cut {
            let _ = file.set_len(*len);
        }
    }
}

/// How far indexing is: the files to parse and how many are parsed, whether it waits for
/// another ribao indexing the same store, and whether it is writing what it parsed.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
    pub waiting: AtomicBool,
    /// Parsing is done and the index is being written: a reader quitting now waits for it,
    /// or every file of the step would be parsed again.
    pub saving: AtomicBool,
    /// The cache could not be written: every file is parsed again, in memory, counted from
    /// the start (tester EB: the count went back from 3032 to 499, unsaid until the end).
    pub in_memory: AtomicBool,
}

/// Sets [`Progress::saving`] while it lives, whichever way writing ends.
struct Saving<'a>(&'a AtomicBool);

impl<'a> Saving<'a> {
    fn start(flag: &'a AtomicBool) -> Saving<'a> {
        flag.store(true, Ordering::Relaxed);
        Saving(flag)
    }
}

impl Drop for Saving<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

impl Progress {
    pub fn of(total: usize) -> Progress {
        Progress {
            total: AtomicUsize::new(total),
            ..Progress::default()
        }
    }

    /// (parsed, to parse). Parsed is capped, as a count is set back when parsing starts
    /// again in memory.
    pub fn counts(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }

    /// What the user is told: `indexing 12/300 files`, or that another ribao is indexing the
    /// store (its index is awaited, then taken as it is).
    pub fn label(&self) -> String {
        if self.waiting.load(Ordering::Relaxed) {
            return "another ribao is indexing".into();
        }
        let (done, total) = self.counts();
        match self.in_memory.load(Ordering::Relaxed) {
            true => {
                format!("indexing {done}/{total} files in memory (the cache cannot be written)")
            }
            false => format!("indexing {done}/{total} files"),
        }
    }

    /// Parsing starts again, in memory, as the cache cannot be written: `files` of them.
    pub fn again_in_memory(&self, files: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(files, Ordering::Relaxed);
        self.in_memory.store(true, Ordering::Relaxed);
    }
}

/// Builds an index in memory (no cache folder, or the built-in samples).
pub fn build_in_memory(
    root: &Path,
    files: Vec<FileEntry>,
    categorizer: &Categorizer,
    progress: &AtomicUsize,
) -> Index {
    let plan = Plan::all_new(files);
    let mut text: Vec<u8> = Vec::new();
    let (entries, spill) = parse_changed(
        root,
        &plan,
        categorizer,
        progress,
        &mut text,
        Scratch::Memory(Vec::new()),
    )
    .expect("writing to memory cannot fail");
    in_memory(root, entries, spill, text, categorizer)
}

/// An index in memory of digests parsed already (tests, the samples).
pub fn from_digests(root: &Path, digests: Vec<Digest>, categorizer: &Categorizer) -> Index {
    let mut text: Vec<u8> = Vec::new();
    let mut spill = Scratch::Memory(Vec::new());
    let entries: Vec<Entry> = digests
        .into_iter()
        .map(|digest| {
            let file = crate::library::record_for(root, &digest);
            Prepared::new(file, digest, categorizer).store(&mut text, &mut spill)
        })
        .collect::<std::io::Result<_>>()
        .expect("writing to memory cannot fail");
    in_memory(root, entries, spill, text, categorizer)
}

fn in_memory(
    root: &Path,
    entries: Vec<Entry>,
    spill: Scratch,
    mut text: Vec<u8>,
    categorizer: &Categorizer,
) -> Index {
    let meta = build(
        entries,
        spill,
        &mut text,
        false,
        categorizer,
        "",
        Cursor::default(),
    )
    .expect("writing to memory cannot fail")
    .into_inner();
    Index::open(Bytes::Owned(meta), Bytes::Owned(text), root, false)
        .expect("an index just built in memory reads back")
}

/// Files parsed at once: their texts are written and their bodies dropped before the next
/// ones are parsed, so indexing a large archive holds a few hundred digests, not all.
const PARSE_BATCH: usize = 256;

/// Parses the plan's changed files in parallel, in scan order, writing their items' text to
/// `sink` and the rest to `spill`. A batch is written on a thread of its own while the next
/// batch is parsed, so no core waits on the writing.
fn parse_changed<'a>(
    root: &Path,
    plan: &Plan,
    categorizer: &Categorizer,
    progress: &AtomicUsize,
    sink: &mut dyn TextSink,
    mut spill: Scratch,
) -> std::io::Result<(Vec<Entry<'a>>, Scratch)> {
    let changed: Vec<&FileEntry> = plan.changed().collect();
    let (batches, parsed) = std::sync::mpsc::sync_channel::<Vec<Result<Prepared, FileRecord>>>(1);
    let count = changed.len();
    std::thread::scope(|s| {
        let writer = s.spawn(move || {
            let mut entries = Vec::with_capacity(count);
            for batch in parsed {
                for p in batch {
                    entries.push(match p {
                        Ok(prepared) => prepared.store(sink, &mut spill)?,
                        Err(problem) => Entry::Problem(problem),
                    });
                }
            }
            Ok((entries, spill))
        });
        for batch in changed.chunks(PARSE_BATCH) {
            let batch = batch
                .par_iter()
                .filter_map(|f| {
                    let parsed = parse_file(root, f, categorizer);
                    progress.fetch_add(1, Ordering::Relaxed);
                    parsed
                })
                .collect();
            // The writer stops at its first error, which its result gives.
            if batches.send(batch).is_err() {
                break;
            }
        }
        drop(batches);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The file parsed, or why it could not be; None for one removed since the store was listed,
/// which is no file of the store (tester DX: `check` beside a sync failed on the files the
/// sync had just removed).
fn parse_file(
    root: &Path,
    f: &FileEntry,
    categorizer: &Categorizer,
) -> Option<Result<Prepared, FileRecord>> {
    let record = |outcome| FileRecord {
        rel: relative(root, &f.path).to_path_buf(),
        size: f.size,
        changed: f.changed_ns(),
        outcome,
    };
    match crate::library::read_digest(f) {
        Ok(digest) => Some(Ok(Prepared::new(
            record(Outcome::Digest(0)),
            digest,
            categorizer,
        ))),
        Err(_) if fs::symlink_metadata(&f.path).is_err_and(|e| e.kind() == ErrorKind::NotFound) => {
            None
        }
        Err(message) => Some(Err(record(Outcome::Problem(message)))),
    }
}

/// A parsed digest ready for the index: its items placed in unified categories, their
/// searchable text and story keys made (where the parsing happens, on every core), and
/// packed, their bodies dropped.
struct Prepared {
    file: FileRecord,
    digest: Digest,
    items: PackedItems,
    /// The items' searchable text, to write.
    texts: Vec<String>,
    /// Checksum of the texts, one after another as they are written.
    text_sum: u64,
}

impl Prepared {
    fn new(file: FileRecord, mut digest: Digest, categorizer: &Categorizer) -> Prepared {
        let mut items = PackedItems::with_capacity(digest.items.len());
        let mut texts = Vec::with_capacity(digest.items.len());
        let mut sum = xxhash_rust::xxh3::Xxh3::new();
        digest.id = crate::model::digest_id(&file.rel);
        for mut item in std::mem::take(&mut digest.items) {
            item.unified = Some(categorizer.classify(&item));
            let text = crate::search::searchable(&item.title, &item.body);
            sum.update(text.text.as_bytes());
            let story = super::story_key(&text, item.url.as_deref());
            items.push(&item, &text, story);
            texts.push(text.text);
        }
        Prepared {
            file,
            digest,
            items,
            texts,
            text_sum: sum.digest(),
        }
    }

    /// Writes the texts to `sink` and the rest to `spill`: the index's entry for the digest.
    fn store<'a>(
        mut self,
        sink: &mut dyn TextSink,
        spill: &mut Scratch,
    ) -> std::io::Result<Entry<'a>> {
        for (at, text) in self.items.texts_mut().zip(&self.texts) {
            at.at = sink.put(text.as_bytes())?;
        }
        Ok(Entry::Parsed {
            file: self.file,
            digest: Spilled::put(self.digest, &self.items, self.text_sum, spill)?,
        })
    }
}

/// `path` as the file system resolves it (links, `..`), as far as it exists: the rest is
/// put after its nearest folder that does.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (
        fs::canonicalize(&absolute),
        absolute.parent(),
        absolute.file_name(),
    ) {
        (Ok(real), _, _) => real,
        (Err(_), Some(parent), Some(name)) => resolved(parent).join(name),
        _ => absolute,
    }
}

fn relative<'p>(root: &Path, path: &'p Path) -> &'p Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// [`relative`] as bytes, comparing bytes where it can: the scan made each path by joining
/// onto `root`, and this runs for every file at every start (`Path::strip_prefix` compares
/// component by component).
fn relative_bytes<'p>(root: &Path, path: &'p Path) -> &'p [u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .strip_prefix(root.as_os_str().as_encoded_bytes())
        .and_then(|rest| rest.strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes()))
        .unwrap_or_else(|| relative(root, path).as_os_str().as_encoded_bytes())
}

/// Maps a cache file. Safe to treat as immutable: the index file is only ever replaced by
/// rename and text files only grow past what any index refers to.
fn map(path: &Path) -> std::io::Result<Bytes> {
    // A pipe put in its place is refused, not waited on (tester DF: every command hung).
    let file = crate::regular_file::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(Bytes::Owned(Vec::new()));
    }
    // SAFETY: see above; ribao never truncates or rewrites a cache file in place.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Bytes::Mapped(map))
}

/// The text file's name, read from the metadata's fixed place right after the header.
fn blob_name(meta: &[u8]) -> Option<String> {
    let mut d = super::codec::Dec::new(meta, super::HEADER_LEN);
    d.u64().ok()?;
    let name = d.str().ok()?.to_string();
    // Only a plain file name in this folder.
    (name.starts_with("text-") && !name.contains(['/', '\\'])).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Seek;

    /// A store of one digest, and its cache folder made (in a folder of its own).
    fn a_store_of_one_digest() -> (tempfile::TempDir, tempfile::TempDir, Cache) {
        let store = tempfile::tempdir().unwrap();
        let cache_root = tempfile::tempdir().unwrap();
        std::fs::write(
            store.path().join("2026-03-01.md"),
            "# 日报 2026-03-01\n\n1. 示例公司发布新产品，面向开发者开放。\n",
        )
        .unwrap();
        let cache = Cache::new(cache_root.path(), store.path());
        fs::create_dir_all(&cache.dir).unwrap();
        (store, cache_root, cache)
    }

    /// A pipe in the lock file's place is refused at once, not waited on (a review: as the
    /// state file's lock froze the reader, tester DB).
    #[cfg(unix)]
    #[test]
    fn a_pipe_for_the_lock_file_is_refused() {
        let (store, _cache_root, cache) = a_store_of_one_digest();
        let made = std::process::Command::new("mkfifo")
            .arg(cache.dir.join(LOCK))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let (sent, built) = std::sync::mpsc::channel();
        let (root, dir) = (store.path().to_path_buf(), cache.dir.clone());
        std::thread::spawn(move || {
            let cache = Cache { dir };
            let categorizer = Categorizer::builtin();
            let files = crate::store::scan(&root).files;
            let plan = cache.plan(&root, files, &categorizer);
            let progress = Progress::of(1);
            let built = cache.update(&root, plan, &categorizer, &progress, &HashSet::new());
            sent.send(built.map(|_| ()).map_err(|e| e.to_string()))
                .unwrap();
        });
        let built = built.recv_timeout(std::time::Duration::from_secs(10));
        let why = built.expect("the index waited on the pipe").unwrap_err();
        assert_eq!(why, "its file `lock`: it is a pipe, not a regular file");
    }

    /// While another ribao holds the lock, the progress says so (the reader's status bar and
    /// the command line's progress line show it); once it is let go, the index is built.
    #[test]
    fn waiting_for_another_ribaos_lock_is_told_then_indexing_goes_on() {
        let (store, _cache_root, cache) = a_store_of_one_digest();
        let other = File::create(cache.dir.join(LOCK)).unwrap();
        other.lock().unwrap();
        let categorizer = Categorizer::builtin();
        let progress = Progress::of(1);
        let files = crate::store::scan(store.path()).files;
        std::thread::scope(|s| {
            let update = s.spawn(|| {
                let plan = cache.plan(store.path(), files, &categorizer);
                cache.update(store.path(), plan, &categorizer, &progress, &HashSet::new())
            });
            let started = std::time::Instant::now();
            while !progress.waiting.load(Ordering::Relaxed) {
                assert!(started.elapsed().as_secs() < 10, "never said it waits");
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            assert_eq!(progress.label(), "another ribao is indexing");
            other.unlock().unwrap();
            let index = update.join().unwrap().unwrap();
            assert_eq!(index.digests.len(), 1);
        });
        assert!(!progress.waiting.load(Ordering::Relaxed));
        assert_eq!(progress.label(), "indexing 1/1 files");
    }

    /// An index written through scratch files in the cache folder (what a first run of a
    /// large archive does) is the same, byte for byte, as one written in memory.
    #[test]
    fn an_index_written_through_scratch_files_is_the_one_written_in_memory() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
        let folder = tempfile::tempdir().unwrap();
        let categorizer = Categorizer::builtin();
        let written = [None, Some(folder.path())].map(|place| {
            let files = crate::store::scan(&root).files;
            let plan = Plan::all_new(files);
            let mut text: Vec<u8> = Vec::new();
            let spill = Scratch::new(place, 0).unwrap();
            let (entries, spill) = parse_changed(
                &root,
                &plan,
                &categorizer,
                &AtomicUsize::new(0),
                &mut text,
                spill,
            )
            .unwrap();
            let parsed = entries
                .iter()
                .filter(|e| matches!(e, Entry::Parsed { .. }))
                .count();
            assert!(parsed >= 4, "{parsed} digests parsed");
            let out = tempfile::tempfile_in(folder.path()).unwrap();
            let mut out = build(entries, spill, &mut text, false, &categorizer, "", out).unwrap();
            let mut index = Vec::new();
            out.seek(std::io::SeekFrom::Start(0)).unwrap();
            std::io::Read::read_to_end(&mut out, &mut index).unwrap();
            let read = Index::open(Bytes::Owned(index.clone()), Bytes::Owned(text), &root, true);
            assert!(read.is_ok(), "{:?}", read.err());
            index
        });
        assert_eq!(written[0], written[1]);
    }

    /// The test store, and a cache folder for it.
    fn fixture_store() -> (PathBuf, tempfile::TempDir) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
        (root, tempfile::tempdir().unwrap())
    }

    /// A file removed after the store was listed, before it was read, is left out, not said
    /// to be unreadable (tester DX: `check` beside a sync failed on the files it removed).
    #[test]
    fn a_file_removed_before_it_is_read_is_left_out() {
        let (store, _cache_root, cache) = a_store_of_one_digest();
        let categorizer = Categorizer::builtin();
        let mut files = crate::store::scan(store.path()).files;
        files.push(FileEntry {
            path: store.path().join("2026-03-02.md"),
            size: 40,
            changed: None,
        });
        let plan = cache.plan(store.path(), files, &categorizer);
        let progress = Progress::of(0);
        let index =
            (cache.update(store.path(), plan, &categorizer, &progress, &HashSet::new())).unwrap();
        assert_eq!(index.files.len(), 1, "{:?}", index.files);
        assert_eq!(index.digests.len(), 1);
    }

    /// Brings the index of every file in `root` up to date.
    fn update_all(cache: &Cache, root: &Path) -> std::io::Result<Index> {
        let categorizer = Categorizer::builtin();
        let plan = cache.plan(root, crate::store::scan(root).files, &categorizer);
        cache.update(root, plan, &categorizer, &Progress::of(0), &HashSet::new())
    }

    /// An update that fails leaves none of what it wrote behind (a folder where the index
    /// goes left a text file and an index, 265 MB for 10,000 files, at every run), and the
    /// next removes what one before it left, before it needs the room (a full disk stayed
    /// full of them).
    #[test]
    fn a_failed_update_leaves_nothing_behind_and_the_next_clears_what_others_left() {
        let (root, cache_root) = fixture_store();
        let cache = Cache::new(cache_root.path(), &root);
        let update = || update_all(&cache, &root);
        let names = || -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(cache.dir())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        fs::create_dir_all(cache.dir().join(META)).unwrap();
        for left in ["text-1-2.bin", "index.bin.3.tmp"] {
            fs::write(cache.dir().join(left), "left by a run that failed").unwrap();
        }
        assert!(update().is_err(), "a folder is where the index goes");
        assert_eq!(names(), ["index.bin", "lock"]);
        fs::remove_dir(cache.dir().join(META)).unwrap();
        let index = update().unwrap();
        assert_eq!(names(), ["index.bin", "lock", &index.blob, "verified"]);
    }

    /// A cache file replaced whole leaves no temporary file behind when it cannot be (a
    /// folder where it goes).
    #[test]
    fn a_cache_file_that_cannot_be_replaced_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let names = || fs::read_dir(dir.path()).unwrap().count();
        fs::create_dir(dir.path().join("folders")).unwrap();
        assert!(replace_beside_index(dir.path(), "folders", b"x").is_err());
        assert_eq!(names(), 1);
        replace_beside_index(dir.path(), "aliases.json", b"{}").unwrap();
        assert_eq!(fs::read(dir.path().join("aliases.json")).unwrap(), b"{}");
        assert_eq!(names(), 2);
    }

    /// An index whose pages were let go ([`Index::release_pages`]) reads the same after.
    #[test]
    fn an_index_reads_the_same_after_its_pages_are_let_go() {
        let (root, cache_root) = fixture_store();
        let index = update_all(&Cache::new(cache_root.path(), &root), &root).unwrap();
        assert!(matches!(index.meta, Bytes::Mapped(_)));
        let read = |index: &Index| -> Vec<String> {
            (0..index.items)
                .map(|i| format!("{:?} {:?}", index.item(i), index.text_of(i)))
                .collect()
        };
        let before = read(&index);
        assert!(before.len() > 10, "{before:?}");
        index.release_pages();
        assert_eq!(read(&index), before);
    }

    #[test]
    fn relative_bytes_are_the_relative_path() {
        for (root, name) in [
            ("/tmp/big", "a/2026-01-01.md"),
            ("/tmp/big/", "a/2026-01-01.md"),
            ("/tmp/./big", "b.md"),
            ("store", "x/y/z.md"),
            ("/tmp/bi", "../big/c.md"),
        ] {
            let root = Path::new(root);
            let path = root.join(name);
            assert_eq!(
                relative_bytes(root, &path),
                relative(root, &path).as_os_str().as_encoded_bytes(),
                "{}",
                path.display()
            );
        }
        let outside = Path::new("/tmp/big/c.md");
        assert_eq!(
            relative_bytes(Path::new("/tmp/bi"), outside),
            outside.as_os_str().as_encoded_bytes()
        );
    }
}
