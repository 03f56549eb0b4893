//! The archive as the reader and the CLI see it: the index (every digest, newest first, and
//! its stories without their bodies), the files that could not be read, and story bodies
//! parsed on demand. No terminal code.

use crate::categories::Categorizer;
pub use crate::index::cache::Progress;
use crate::index::cache::{self, Cache, Plan};
use crate::index::{DigestInfo, FileRecord, Index, ItemView, Outcome};
use crate::model::{Digest, Item};
use crate::parse;
use crate::search::Query;
use crate::store::{self, FileEntry, FileProblem, Scan};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Where the digests came from: what the status bar and `--help` tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Store(PathBuf),
    /// The built-in samples, shown because this store folder has no digests yet.
    Samples {
        store: PathBuf,
    },
}

impl Origin {
    /// The folder the files' paths start from: the store, or the samples' own name.
    fn files_root(&self) -> PathBuf {
        match self {
            Origin::Store(root) => root.clone(),
            Origin::Samples { .. } => PathBuf::from(SAMPLES_DIR),
        }
    }

    /// The store folder: the one read, or the one the samples stand in for.
    pub fn store(&self) -> &Path {
        match self {
            Origin::Store(dir) | Origin::Samples { store: dir } => dir,
        }
    }

    pub fn is_samples(&self) -> bool {
        matches!(self, Origin::Samples { .. })
    }
}

/// How many parsed digests are kept for opening their stories again.
const PARSED_KEPT: usize = 4;

/// The fewest characters of an id that name its story (see [`Library::ids_starting`]): fewer
/// start too many.
pub const MIN_ID_START: usize = 4;

pub struct Library {
    pub origin: Origin,
    pub problems: Vec<FileProblem>,
    index: Index,
    /// What is listed, newest first: the index's digests, or while the index is being
    /// brought up to date, those of unchanged files plus the new files by date alone.
    digests: Vec<DigestInfo>,
    /// Per digest of the index, its place in `digests` (`u32::MAX`: not listed); None when
    /// they are the same list.
    slots: Option<Vec<u32>>,
    /// Each listed file's place in `digests`, by its path as a bookmark keeps it; made at the
    /// first look (tester CH: 5,000 bookmarks each looked through 10,000 digests, 5 s).
    by_path: std::sync::OnceLock<HashMap<String, usize>>,
    /// Digests parsed lately for their bodies, most recent last.
    parsed: Mutex<Vec<(usize, Digest)>>,
    /// A file listed could not be read for a story's text, or a bookmark's file is not
    /// listed (renamed or deleted since the store was looked at): see
    /// [`Library::take_file_missed`].
    file_missed: AtomicBool,
    /// Digests that exist only in memory (the samples, tests), by path: their bodies come
    /// from here rather than from a file.
    resident: HashMap<PathBuf, Digest>,
    /// The store's files when it was opened for the reader ([`crate::store::listing`]), so
    /// the reader's watch sees any change since.
    pub listing: Option<u64>,
    /// Listed after a look at the store's folders only ([`Look::Folders`]): a file rewritten
    /// in place since the index was made is not seen yet.
    pub files_unseen: bool,
    /// Why the index cache could not be written, when indexing for the reader (the index
    /// was built in memory): the reader says so.
    pub cache_warning: Option<String>,
}

/// Indexing left to do before the library is complete: the reader shows what it has and
/// calls [`Pending::step`] on another thread.
pub struct Pending {
    root: PathBuf,
    scan: Scan,
    cache_root: Option<PathBuf>,
    categorizer: Arc<Categorizer>,
    pub progress: Arc<Progress>,
    /// New and changed files left for the next steps, after the newest ones this step takes
    /// (empty: this is the last step).
    later: HashSet<PathBuf>,
    /// How many files the step after this one takes.
    next_step: usize,
    /// The files the index had that changed since, read again (no new digests).
    pub changed_in_place: Vec<PathBuf>,
}

/// How much of the store is looked at before the reader lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Every file's size and change time (ten thousand files take tens of milliseconds).
    Files,
    /// Only the folders' change times, when the index was found to match the files under
    /// them and no folder changed since (no file added, removed or renamed); else every
    /// file. The reader then looks at every file just after its first screen.
    Folders,
}

/// How many of the newest files are indexed first on a first run (no index yet, or one a
/// stopped first run left) when there are more: the dates on the first screen get their
/// stories in a moment, not when a large archive is all done. Each step after takes
/// [`STEP_GROWTH`] times as many, and writes the index: the dates fill in as it goes, and
/// a reader stopped midway keeps all but its last step. With an index, what changed is
/// usually a few days' files: one step.
const FIRST_STEP: usize = 64;
/// How much larger each step is than the one before: every step rewrites the whole index
/// so far, so growing steps keep that work to about twice the last write.
const STEP_GROWTH: usize = 4;

impl Pending {
    /// Indexes the newest new files when there are many, else all: the library as far as it
    /// is indexed, and what is left (None: the library is complete).
    pub fn step(mut self) -> (Library, Option<Pending>) {
        let Some(cache_root) = self.cache_root.clone().filter(|_| !self.later.is_empty()) else {
            return (self.finish(), None);
        };
        let cache = Cache::new(&cache_root, &self.root);
        let plan = cache.plan(&self.root, self.scan.files.clone(), &self.categorizer);
        if let Err(e) = cache.update(
            &self.root,
            plan,
            &self.categorizer,
            &self.progress,
            &self.later,
        ) {
            // Nothing to open the next step from: the whole index is built in memory, once
            // (as without a cache), counted from the start.
            self.progress.again_in_memory(self.scan.files.len());
            self.cache_root = None;
            let mut library = self.finish();
            library.cache_warning = Some(unwritable(&cache, &e));
            return (library, None);
        }
        let (library, rest) = Library::open_listed(
            &self.root,
            Some(&cache_root),
            self.categorizer.clone(),
            self.next_step,
        );
        let rest = rest.map(|mut rest| {
            // One count from the start: what this step parsed stays counted.
            let left = rest.progress.counts().1;
            let done = self.progress.counts().0;
            self.progress.total.store(done + left, Ordering::Relaxed);
            rest.progress = self.progress;
            rest
        });
        (library, rest)
    }

    /// Parses what changed and writes the index; the complete library.
    pub fn finish(self) -> Library {
        let cache = self
            .cache_root
            .as_deref()
            .map(|c| Cache::new(c, &self.root));
        let mut warning = None;
        let index = index_files(
            &self.root,
            cache.as_ref(),
            None,
            &self.scan,
            &self.categorizer,
            &self.progress,
            &mut |w| warning = Some(w),
        );
        let origin = Origin::Store(self.root);
        let mut library = Library::with_index(origin, index, self.scan.problems);
        library.cache_warning = warning;
        library
    }
}

impl Library {
    /// Scans `root` and brings its index up to date: the cache in `cache_root` when given
    /// (only new and changed files are parsed), else an index built in memory. A cache that
    /// cannot be written is reported through `warn` and the index is built in memory.
    pub fn load_dir(
        root: &Path,
        cache_root: Option<&Path>,
        categorizer: &Categorizer,
        warn: &mut dyn FnMut(String),
    ) -> Library {
        Library::load_dir_counting(root, cache_root, categorizer, &Progress::default(), warn)
    }

    /// [`Library::load_dir`], counting the files it parses in `progress` (for a progress
    /// line on another thread).
    pub fn load_dir_counting(
        root: &Path,
        cache_root: Option<&Path>,
        categorizer: &Categorizer,
        progress: &Progress,
        warn: &mut dyn FnMut(String),
    ) -> Library {
        let cache = cache_root.map(|c| Cache::new(c, root));
        let (scan, plan) = scan(root, cache.as_ref(), categorizer);
        let total = plan.as_ref().map_or(scan.files.len(), |p| {
            if p.is_fresh() { 0 } else { p.changed().count() }
        });
        progress.total.store(total, Ordering::Relaxed);
        let index = index_files(
            root,
            cache.as_ref(),
            plan,
            &scan,
            categorizer,
            progress,
            warn,
        );
        Library::with_index(Origin::Store(root.to_path_buf()), index, scan.problems)
    }

    /// For the reader, which must not wait for parsing: the library as far as the index
    /// knows it already, with files that are new or changed since listed by their date
    /// (read from their first lines), and the indexing left to do.
    pub fn open_dir(
        root: &Path,
        cache_root: Option<&Path>,
        categorizer: Arc<Categorizer>,
        look: Look,
    ) -> (Library, Option<Pending>) {
        if look == Look::Folders
            && let Some(cache) = cache_root.map(|c| Cache::new(c, root))
            && let Some((index, listing)) = cache.trusted(root, &categorizer)
        {
            let origin = Origin::Store(root.to_path_buf());
            let mut library = Library::with_index(origin, index, Vec::new());
            library.listing = Some(listing);
            library.files_unseen = true;
            return (library, None);
        }
        Library::open_listed(root, cache_root, categorizer, FIRST_STEP)
    }

    /// [`Library::open_dir`], indexing the newest `first` new files in a step of their own
    /// when there are more, and there is no index yet or many files are new to it.
    fn open_listed(
        root: &Path,
        cache_root: Option<&Path>,
        categorizer: Arc<Categorizer>,
        first: usize,
    ) -> (Library, Option<Pending>) {
        let cache = cache_root.map(|c| Cache::new(c, root));
        let (scan, plan) = scan(root, cache.as_ref(), &categorizer);
        let listing = Some(crate::store::listing(&scan.files, &scan.problems));
        let (old, kept, indexed) = match plan {
            Some(p) if p.is_fresh() => {
                let index = p.old.expect("a fresh plan has an index");
                if let Some(cache) = &cache {
                    cache.vouch(root, &index, &scan);
                }
                let origin = Origin::Store(root.to_path_buf());
                let mut library = Library::with_index(origin, index, scan.problems);
                library.listing = listing;
                return (library, None);
            }
            Some(p) => (p.old, p.kept, p.indexed),
            None => (
                None,
                vec![None; scan.files.len()],
                vec![None; scan.files.len()],
            ),
        };
        let has_index = old.is_some();
        let mut index = old.unwrap_or_else(|| cache::from_digests(root, Vec::new(), &categorizer));
        let mut listed: Vec<(DigestInfo, Option<usize>)> = Vec::new();
        let mut changed = Vec::new();
        let mut new_files = Vec::new();
        let mut changed_in_place = Vec::new();
        let digest_of = |record: usize| match index.files[record].outcome {
            Outcome::Digest(d) => Some(d as usize),
            Outcome::Problem(_) => None,
        };
        for ((f, k), i) in scan.files.iter().zip(&kept).zip(&indexed) {
            if let Some(k) = k {
                listed.extend(digest_of(*k).map(|d| (index.digests[d].clone(), Some(d))));
                continue;
            }
            changed.push(f);
            // A file changed in place stays listed as the index has it until it is read
            // again: listed as a new file, its date and open story were gone for a moment.
            match i.and_then(digest_of) {
                Some(d) => {
                    listed.push((index.digests[d].clone(), Some(d)));
                    changed_in_place.push(f.path.clone());
                }
                None => new_files.push(f),
            }
        }
        let sniffed: Vec<DigestInfo> = {
            use rayon::prelude::*;
            new_files
                .par_iter()
                .map(|f| {
                    DigestInfo::pending(
                        f.path.clone(),
                        sniff_date(&f.path),
                        source_guess(root, &f.path),
                    )
                })
                .collect()
        };
        listed.extend(sniffed.into_iter().map(|d| (d, None)));
        listed.sort_by(|a, b| {
            newest_first(
                (a.0.date, &a.0.source, &a.0.path),
                (b.0.date, &b.0.source, &b.0.path),
            )
        });
        let mut slots = vec![u32::MAX; index.digests.len()];
        for (n, (_, old)) in listed.iter().enumerate() {
            if let Some(d) = old {
                slots[*d] = n as u32;
            }
        }
        let gone: Vec<usize> = (0..slots.len()).filter(|&d| slots[d] == u32::MAX).collect();
        index.lift_repeats(&gone);
        // A few days' files changed since the index: one step.
        let first = if has_index && changed.len() <= FIRST_STEP * STEP_GROWTH {
            usize::MAX
        } else {
            first
        };
        let later = listed
            .iter()
            .filter(|(_, old)| old.is_none())
            .skip(first)
            .map(|(d, _)| d.path.clone())
            .collect();
        let progress = Arc::new(Progress::of(changed.len()));
        let problems = scan.problems.clone();
        let pending = Pending {
            later,
            next_step: first.saturating_mul(STEP_GROWTH),
            root: root.to_path_buf(),
            scan,
            cache_root: cache_root.map(Path::to_path_buf),
            categorizer,
            progress,
            changed_in_place,
        };
        let mut library = Library::with_index(Origin::Store(root.to_path_buf()), index, problems);
        library.digests = listed.into_iter().map(|(d, _)| d).collect();
        library.by_path = std::sync::OnceLock::new();
        library.slots = Some(slots);
        library.listing = listing;
        (library, Some(pending))
    }

    /// Files that could not be read as digests: the problems but for link loops, which are
    /// left alone on purpose.
    pub fn skipped_files(&self) -> usize {
        self.skipped().count()
    }

    /// The files [`Library::skipped_files`] counts.
    pub fn skipped(&self) -> impl Iterator<Item = &FileProblem> {
        self.problems.iter().filter(|p| !p.left_alone)
    }

    /// Digests listed by date only, their stories still being indexed.
    pub fn pending_count(&self) -> usize {
        self.digests.iter().filter(|d| d.pending).count()
    }

    /// The library over an index; its problem files join `scan_problems`.
    pub fn with_index(origin: Origin, mut index: Index, mut problems: Vec<FileProblem>) -> Library {
        let root = origin.files_root();
        problems.extend(index.files.iter().filter_map(|f| match &f.outcome {
            Outcome::Problem(message) => Some(FileProblem {
                path: root.join(&f.rel),
                message: message.clone(),
                left_alone: false,
            }),
            Outcome::Digest(_) => None,
        }));
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        let digests = std::mem::take(&mut index.digests);
        Library {
            origin,
            problems,
            index,
            digests,
            slots: None,
            by_path: std::sync::OnceLock::new(),
            parsed: Mutex::new(Vec::new()),
            file_missed: AtomicBool::new(false),
            resident: HashMap::new(),
            listing: None,
            files_unseen: false,
            cache_warning: None,
        }
    }

    /// The built-in samples; `store` is where the user should put real digests.
    pub fn samples(store: PathBuf, categorizer: &Categorizer) -> Library {
        let digests = crate::samples::SAMPLES
            .iter()
            .filter_map(|(name, text)| sample_digest(name, text))
            .collect();
        Library::from_digests(Origin::Samples { store }, digests, Vec::new(), categorizer)
    }

    /// A library of digests parsed already (tests, the samples), indexed in memory.
    pub fn from_digests(
        origin: Origin,
        digests: Vec<Digest>,
        problems: Vec<FileProblem>,
        categorizer: &Categorizer,
    ) -> Library {
        let root = origin.files_root();
        // Keyed by the path the index will give the digest.
        let resident: HashMap<PathBuf, Digest> = digests
            .iter()
            .map(|d| (root.join(record_for(&root, d).rel), d.clone()))
            .collect();
        let index = cache::from_digests(&root, digests, categorizer);
        let mut library = Library::with_index(origin, index, problems);
        library.resident = resident;
        library
    }

    /// Newest first; undated digests last.
    pub fn digests(&self) -> &[DigestInfo] {
        &self.digests
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Item `i` (a global item number, as in `DigestInfo::items`); its `digest` is its
    /// place in [`Library::digests`].
    pub fn item(&self, i: usize) -> ItemView<'_> {
        let mut view = self.index.item(i);
        view.digest = self.listed(view.digest);
        view
    }

    /// The place in [`Library::digests`] of the index's digest `d`.
    fn listed(&self, d: usize) -> usize {
        match &self.slots {
            Some(slots) => slots.get(d).map_or(usize::MAX, |&s| s as usize),
            None => d,
        }
    }

    /// The place in [`Library::digests`] of item `i`'s digest: the index's own number for
    /// it is another while files changed since are read again (tester CC: counted by that
    /// number, the reader panicked). `usize::MAX` when its digest is not listed (gone).
    pub fn digest_of(&self, i: usize) -> usize {
        self.listed(self.index.digest_of(i))
    }

    /// (listed digest, position in it) of item `i`, as the reader addresses stories. Reads
    /// only the item's digest: it runs for every search result, and the titles are spread
    /// over the whole index.
    pub fn item_ref(&self, i: usize) -> (usize, usize) {
        let d = self.digest_of(i);
        let start = self.digests.get(d).map_or(i, |info| info.items.start);
        (d, i - start)
    }

    /// The global item number of (listed digest, position in it).
    pub fn global(&self, r: (usize, usize)) -> usize {
        self.digests[r.0].items.start + r.1
    }

    /// The item with this id, if it is listed: also by an id it had before (see
    /// `index::aliases`), so a read mark, bookmark or `ribao show` made then still finds it.
    /// A story kept in two files has its id twice: the copy in a file still listed (tester
    /// AW: the file it was read from deleted, it was said gone though the other held it).
    pub fn find(&self, id: &str) -> Option<ItemView<'_>> {
        self.find_typed(&crate::model::id_as_typed(id))
    }

    /// Whether a story had `id` (in the form ids have) before it got another, which
    /// [`Library::find`] finds it by. Most ids are no story's old one: asked first, it spares
    /// finding a whole archive's read marks one by one at every start.
    pub fn was_retitled(&self, id: &str) -> bool {
        self.index.alias_of(id).is_some()
    }

    /// The ids now of the stories among `ids` that had another id then (see
    /// `index::aliases`): where read marks made under the old ids go.
    pub fn ids_now<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Vec<String> {
        ids.filter(|id| self.was_retitled(id))
            .filter_map(|id| self.find(id).filter(|v| v.id != id))
            .map(|v| v.id.to_string())
            .collect()
    }

    fn find_typed(&self, id: &str) -> Option<ItemView<'_>> {
        let listed = |id: &str| {
            (self.index.with_id(id).map(|i| self.item(i))).find(|v| v.digest < self.digests.len())
        };
        listed(id).or_else(|| listed(self.index.alias_of(id)?))
    }

    /// `mark` with each field it lacks (one a damaged state file lost, or a hand edit left
    /// out) taken from its story, when the story still has its id; None when it lacks
    /// nothing or the story is not here. Its text too, read from the story's file: then kept
    /// empty for a story without any, so it is not read again at every start (tester CM: a
    /// bookmark written in by hand had none when its file went).
    pub fn refilled(&self, mark: &crate::state::Bookmark) -> Option<crate::state::Bookmark> {
        let view = self.find(&mark.id).filter(|v| v.id == mark.id)?;
        let digest = &self.digests()[view.digest];
        let mut story = crate::state::Bookmark::for_item(digest, &view, None);
        if mark.text.is_none()
            && let Ok(read) = self.story(view.index)
        {
            story.text = Some(crate::state::Bookmark::kept_text(&read.body));
        }
        mark.refilled_from(story)
    }

    /// What `marks` (newest first) become where their stories have moved: each `(old id,
    /// bookmark)` whose story now has another id (see [`Library::find_bookmarked`]) with its
    /// id, title, date, source, category, link and file as they are now (when it was made
    /// and the text it kept as they were), or whose story's file was renamed, with its name.
    /// A story that has a bookmark under its id now, or that an earlier of `marks` moved to,
    /// takes the old one into it: the moved bookmark adds nothing where one is (tester DL: a
    /// state file put back from before the story was retitled listed it twice; tester DP:
    /// retitled once more, twice until the next look).
    pub fn bookmark_moves(
        &self,
        marks: Vec<crate::state::Bookmark>,
    ) -> Vec<(String, crate::state::Bookmark)> {
        let mut moves = Vec::new();
        for mark in marks {
            let Some(view) = self.find_bookmarked(&mark) else {
                continue;
            };
            let digest = &self.digests[view.digest];
            let path = digest.path.to_string_lossy();
            if view.id == mark.id {
                // Its file renamed: the bookmark names the file the story is in now. Not
                // where its file is still there, unlisted: in another store (a copy of this
                // one), the bookmark stays that store's (tester AR: opening a copy moved
                // every bookmark into it); in this one, emptied as it is written, it stays.
                let elsewhere = self.there_unlisted(&mark.path).is_some();
                if !mark.path.is_empty() && mark.path != path && !elsewhere {
                    let path = path.into_owned();
                    moves.push((mark.id.clone(), crate::state::Bookmark { path, ..mark }));
                }
                continue;
            }
            let moved = crate::state::Bookmark {
                added: mark.added.clone(),
                text: mark.text.clone(),
                extra: mark.extra.clone(),
                ..crate::state::Bookmark::for_item(digest, &view, None)
            };
            moves.push((mark.id, moved));
        }
        moves
    }

    /// A bookmark for story `i`, made now, keeping its text (read from its file).
    pub fn bookmark(&self, i: usize) -> crate::state::Bookmark {
        let view = self.item(i);
        let text = self.story(i).ok().map(|story| story.body);
        crate::state::Bookmark::for_item(&self.digests()[view.digest], &view, text.as_deref())
    }

    /// The story a bookmark was made for: by its id, else the one story of the same digest
    /// file with its link (or, for a bookmark without one, its title). Ids are made from
    /// titles, so a story retitled since (by the digest's author, or by a ribao that makes
    /// titles better) has a new id, and the bookmark still finds it. Its file gone (renamed
    /// as the story was retitled: tester CJ), the one story with its link in the digests of
    /// its date and publication: not while the file is there unlisted (emptied as it is
    /// written, or in another store), where the bookmark stays (a review).
    pub fn find_bookmarked(&self, mark: &crate::state::Bookmark) -> Option<ItemView<'_>> {
        if let Some(view) = self.find(&mark.id) {
            return Some(view);
        }
        if let Some(d) = self.digest_at(&mark.path) {
            let same = |v: &ItemView| match &mark.url {
                Some(url) => v.url == Some(url.as_str()),
                None => v.title == mark.title,
            };
            return crate::index::only(self.listed_items(d).map(|i| self.item(i)).filter(same));
        }
        let url = mark.url.as_deref()?;
        let date = mark
            .date
            .as_deref()
            .and_then(crate::model::parse_date_label)?;
        // Listed newest first: the date's digests are side by side, found without a look
        // through them all (thousands of bookmarks are looked for at each new index).
        let after = |d: &DigestInfo| d.date.is_some_and(|x| x > date);
        let from = self.digests.partition_point(after);
        let to = from + self.digests[from..].partition_point(|d| d.date == Some(date));
        let found = crate::index::only(
            (from..to)
                .filter(|&d| self.digests[d].source == mark.source)
                .flat_map(|d| self.listed_items(d))
                .map(|i| self.item(i))
                .filter(|v| v.url == Some(url)),
        )?;
        (!Path::new(&mark.path).exists()).then_some(found)
    }

    /// Whether `path`, a bookmark's file, is there but not in this store: a bookmark of
    /// another store, which a copy of it holds the story of too. A file of this store's
    /// folder that could not be read is no other store's (tester DL: `outside_store`).
    pub fn in_another_store(&self, path: &str) -> bool {
        self.there_unlisted(path)
            .is_some_and(|real| !real.starts_with(self.origin.store()))
    }

    /// Where `path`, a bookmark's file, is as the file system resolves it, when it is there
    /// but no digest listed: in another store, or in this one and unreadable (emptied as it
    /// is written).
    fn there_unlisted(&self, path: &str) -> Option<PathBuf> {
        // As named, and as the file system resolves it (a bookmark saved under a link's name).
        let real = std::fs::canonicalize(path).ok()?;
        let listed =
            self.digest_at(path).is_some() || self.digest_at(&real.to_string_lossy()).is_some();
        (!listed).then_some(real)
    }

    /// The listed digest of the file at `path`, written as a bookmark keeps it.
    pub fn digest_at(&self, path: &str) -> Option<usize> {
        let by_path = self.by_path.get_or_init(|| {
            let mut by_path = HashMap::with_capacity(self.digests.len());
            for (n, d) in self.digests.iter().enumerate() {
                by_path
                    .entry(d.path.to_string_lossy().into_owned())
                    .or_insert(n);
            }
            by_path
        });
        by_path.get(path).copied()
    }

    /// Whether digest `d`'s file is gone since the store was last looked at; the reader then
    /// looks again at once (see [`Library::take_file_missed`]).
    pub fn file_gone(&self, d: usize) -> bool {
        let path = &self.digests[d].path;
        let gone = !self.is_resident(d) && !path.exists();
        if gone {
            self.file_missed.store(true, Ordering::Relaxed);
        }
        gone
    }

    /// Whether a bookmark's file `path` is none of this store's: a built-in sample's, or a
    /// file outside its folder. Its story, not found, is not one the store no longer holds:
    /// it never held it.
    pub fn not_of_this_store(&self, path: &str) -> bool {
        is_sample_path(path)
            || !Path::new(path).starts_with(self.origin.store()) && Path::new(path).is_file()
    }

    /// Why the story a bookmark of the file at `path` names is not in the library.
    pub fn why_missing(&self, path: &str) -> Missing<'_> {
        if path.trim().is_empty() {
            Missing::Unnamed
        } else if is_sample_path(path) {
            Missing::Sample
        } else if self.digest_at(path).is_some_and(|d| !self.file_gone(d)) {
            Missing::Story
        } else if let Some(p) = self.problems.iter().find(|p| {
            // Or a folder it is in (tester DH: one made unreadable had its files called gone).
            !p.left_alone && std::path::Path::new(path).starts_with(&p.path)
        }) {
            Missing::Unreadable(&p.message)
        } else if self.not_of_this_store(path) {
            Missing::Elsewhere
        } else {
            self.file_missed.store(true, Ordering::Relaxed);
            Missing::File
        }
    }

    /// Whether a file was missed since the last call: the reader then looks at the store at
    /// once, so a file renamed while it runs is found under its new name in a moment, not
    /// at the next look.
    pub fn take_file_missed(&self) -> bool {
        self.file_missed.swap(false, Ordering::Relaxed)
    }

    /// The listed stories whose ids start with `typed` (trimmed, in any case), when it has
    /// [`MIN_ID_START`] characters or more: an id given in part, as git takes a commit's.
    pub fn ids_starting(&self, typed: &str) -> Vec<ItemView<'_>> {
        let typed = crate::model::id_as_typed(typed);
        if typed.len() < MIN_ID_START {
            return Vec::new();
        }
        let mut found: Vec<ItemView> = self
            .items()
            .filter(|v| v.id.starts_with(typed.as_ref()))
            .collect();
        found.dedup_by(|a, b| a.id == b.id);
        found
    }

    /// Every listed item, newest digest first.
    pub fn items(&self) -> impl Iterator<Item = ItemView<'_>> {
        (0..self.digests.len())
            .flat_map(|d| self.listed_items(d))
            .map(|i| self.item(i))
    }

    /// Per label: whether a story names it as its outlet, and whether as its category (its
    /// publication's or the unified one).
    fn label_kinds(&self) -> (Vec<bool>, Vec<bool>) {
        let n = self.index.labels().len();
        let (mut outlets, mut categories) = (vec![false; n], vec![false; n]);
        let mark = |of: &mut Vec<bool>, id: u32| {
            if let Some(is) = of.get_mut(id as usize) {
                *is = true;
            }
        };
        for i in self.digests.iter().flat_map(|d| d.items.clone()) {
            mark(&mut outlets, self.index.outlet_id(i));
            let (own, unified) = self.index.category_ids(i);
            mark(&mut categories, own);
            mark(&mut categories, unified);
        }
        (outlets, categories)
    }

    /// The global numbers of the stories digest `d` lists: its items but those another
    /// digest holds (see [`crate::index::Index::is_repeat`]).
    pub fn listed_items(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        self.stories_of(d, false)
    }

    /// The global numbers of digest `d`'s stories; those another digest holds too only when
    /// `repeats`.
    pub fn stories_of(&self, d: usize, repeats: bool) -> impl Iterator<Item = usize> + '_ {
        self.digests[d]
            .items
            .clone()
            .filter(move |&i| repeats || !self.index.is_repeat(i))
    }

    /// A digest's categories in first-seen order, without repeats.
    pub fn categories_of(&self, digest: usize) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for i in self.digests[digest].items.clone() {
            if let Some(c) = self
                .index
                .labels()
                .get(self.index.category_ids(i).0 as usize)
                && !seen.contains(&c.as_str())
            {
                seen.push(c);
            }
        }
        seen
    }

    /// The digest's own summary (Markdown), shown before a story is opened.
    pub fn front_page(&self, digest: usize) -> &str {
        self.digests
            .get(digest)
            .map_or("", |d| self.index.front_page(d))
    }

    /// The whole story, body included, parsed again from its file. Err says, in words, why
    /// the story cannot be shown (the file is gone, or changed so the story is no longer in
    /// it).
    pub fn story(&self, i: usize) -> Result<Item, String> {
        let view = self.item(i);
        let d = view.digest;
        let info = self
            .digests
            .get(d)
            .ok_or_else(|| "this story's file changed; it is being indexed again".to_string())?;
        let mut parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        if !parsed.iter().any(|(k, _)| *k == d) {
            let digest = self.parse_again(info)?;
            if parsed.len() == PARSED_KEPT {
                parsed.remove(0);
            }
            parsed.push((d, digest));
        }
        let (_, digest) = parsed.iter().find(|(k, _)| *k == d).expect("just added");
        let found = digest
            .items
            .get(i - info.items.start)
            .filter(|item| item.id == view.id)
            .or_else(|| digest.items.iter().find(|item| item.id == view.id));
        let Some(item) = found else {
            return Err(format!(
                "{} changed since it was indexed and no longer holds this story; its new \
                 content shows once it is indexed again (by the next ribao command, or the \
                 reader within 15 s)",
                info.path.display()
            ));
        };
        Ok(Item {
            body: item.body.clone(),
            ..view.without_text()
        })
    }

    fn parse_again(&self, info: &DigestInfo) -> Result<Digest, String> {
        if let Some(d) = self.resident.get(&info.path) {
            return Ok(d.clone());
        }
        let size = std::fs::metadata(&info.path).map_or(0, |m| m.len());
        read_digest(&FileEntry {
            path: info.path.clone(),
            size,
            changed: None,
        })
        .map_err(|e| {
            self.file_missed.store(true, Ordering::Relaxed);
            format!("{}: {e}", info.path.display())
        })
    }

    /// Whether digest `d` was made in memory (a built-in sample), with no file of its own.
    pub fn is_resident(&self, d: usize) -> bool {
        self.resident.contains_key(&self.digests[d].path)
    }

    /// The text of digest `d`'s file as written (decoded), to show it whole: what its
    /// stories leave out too (audio editions, ads, sections no story was found in).
    pub fn file_text(&self, d: usize) -> Result<String, String> {
        let info = &self.digests[d];
        if self.is_resident(d) {
            let name = info.path.file_name().unwrap_or_default();
            return crate::samples::SAMPLES
                .iter()
                .find(|(sample, _)| name == std::ffi::OsStr::new(sample))
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| {
                    format!("{} has no file: it was made in memory", info.path.display())
                });
        }
        let failed = |why: String| {
            self.file_missed.store(true, Ordering::Relaxed);
            format!("{}: {why}", info.path.display())
        };
        let bytes = crate::regular_file::read(&info.path)
            .map_err(|e| failed(format!("cannot read: {}", crate::io_error::in_words(&e))))?;
        parse::text_of(&bytes).map_err(|e| failed(e.to_string()))
    }

    /// Every item matching `query` among the digests `within` (indices into `digests`, in
    /// the order wanted; None: the whole archive), as global item numbers.
    pub fn search(&self, query: &Query, within: Option<&[usize]>) -> Vec<usize> {
        crate::search::run(&self.index, &self.digests, query, within)
    }

    /// What to say of a `source:` or `category:` in `query` whose name goes on, unquoted, in
    /// the words after it (see [`crate::search::unquoted_name`]), by the names this library
    /// has.
    pub fn quoting_advice(&self, query: &str) -> Option<String> {
        // Which labels name outlets and which categories: found once, and only when a filter
        // has words after it.
        let kinds = std::cell::OnceCell::new();
        let (typed, quoted) = crate::search::unquoted_name(query, |prefix, value| {
            self.names_any(prefix == "source:", value, &kinds)
        })?;
        Some(format!(
            "“{typed}” is read as a filter of its first word and words to find; for the name \
             with spaces, quote it: {quoted}"
        ))
    }

    /// The `source:` and `category:` names of `query` that name nothing here (see
    /// [`Library::unknown_among`]).
    pub fn unknown_name(&self, query: &crate::search::Query) -> Option<Unknown> {
        self.unknown_among(&query.sources, &query.categories)
    }

    /// The names among `sources` and `categories` asked for (folded as a query folds them)
    /// that name nothing here, each said (tester CY: of two, one was), and whether nothing
    /// can match for it: every name of a kind names nothing (tester D: `source:nosuch` was
    /// advised fewer words; tester CY: beside names that did, one was said to be why).
    pub fn unknown_among(&self, sources: &[String], categories: &[String]) -> Option<Unknown> {
        let kinds = std::cell::OnceCell::new();
        let unknown = |names: &[String], source: bool| -> Vec<String> {
            (names.iter())
                .filter(|n| !self.names_any(source, n, &kinds))
                .map(|n| format!("“{}”", crate::text::visible(n)))
                .collect()
        };
        let (s, c) = (unknown(sources, true), unknown(categories, false));
        let mut said = Vec::new();
        if !s.is_empty() {
            said.push(format!(
                "no publication or outlet is named {}",
                s.join(" or ")
            ));
        }
        // Said of the stories: a category of the table may have none here (tester BT).
        if !c.is_empty() {
            said.push(format!(
                "no story here is in a category named {}",
                c.join(" or ")
            ));
        }
        (!said.is_empty()).then(|| Unknown {
            said: said.join("; "),
            nothing_can_match: !s.is_empty() && s.len() == sources.len()
                || !c.is_empty() && c.len() == categories.len(),
        })
    }

    /// Whether `value` names (a part of) a publication or outlet (`source`), else a
    /// category. `kinds`: which labels are of which, found once.
    fn names_any(
        &self,
        source: bool,
        value: &str,
        kinds: &std::cell::OnceCell<(Vec<bool>, Vec<bool>)>,
    ) -> bool {
        use crate::search::names;
        let (outlets, categories) = kinds.get_or_init(|| self.label_kinds());
        let labels = self.index.labels();
        let named = |of: &Vec<bool>| labels.iter().zip(of).any(|(l, &is)| is && names(l, value));
        match source {
            true => self.digests.iter().any(|d| names(&d.source, value)) || named(outlets),
            false => names(crate::categories::UNCATEGORIZED, value) || named(categories),
        }
    }
}

/// Names a search or filter asks for that name nothing (see [`Library::unknown_among`]).
pub struct Unknown {
    /// Which, in words.
    pub said: String,
    /// Every name of a kind is one: that is why nothing matches.
    pub nothing_can_match: bool,
}

impl Unknown {
    /// Why nothing matches, where that is why.
    pub fn why_none(self) -> Option<String> {
        self.nothing_can_match.then_some(self.said)
    }

    /// What to say beside the stories the other names found (tester CU:
    /// `source:量子位|zzqq` was read as `source:量子位`, unsaid).
    pub fn beside_results(&self) -> String {
        format!(
            "{}; these are the stories of the other names given",
            self.said
        )
    }
}

/// The store's files, the problems met finding them, and how they compare with the cache's
/// index when there is a cache. The folders are read while the index is opened: one is
/// file system calls, the other decoding.
fn scan(root: &Path, cache: Option<&Cache>, categorizer: &Categorizer) -> (Scan, Option<Plan>) {
    let Some(cache) = cache else {
        return (store::scan(root), None);
    };
    let (scan, old) = rayon::join(|| store::scan(root), || cache.open(root));
    let plan = cache.compare(old, root, scan.files.clone(), categorizer);
    (scan, Some(plan))
}

/// The digests and problems of the files `scan` found, through the cache when there is one
/// (only new and changed files are parsed; `plan` is the comparison when already made), else
/// in memory; a cache that cannot be written is reported through `warn` and the index is
/// built in memory.
fn index_files(
    root: &Path,
    cache: Option<&Cache>,
    plan: Option<Plan>,
    scan: &Scan,
    categorizer: &Categorizer,
    progress: &Progress,
    warn: &mut dyn FnMut(String),
) -> Index {
    let files = || scan.files.clone();
    let Some(cache) = cache else {
        return cache::build_in_memory(root, files(), categorizer, &progress.done);
    };
    let plan = plan.unwrap_or_else(|| cache.plan(root, files(), categorizer));
    let update = match plan.old {
        Some(old) if plan.is_fresh() => Ok(old),
        _ => cache.update(root, plan, categorizer, progress, &HashSet::new()),
    };
    match update {
        Ok(index) => {
            cache.vouch(root, &index, scan);
            index
        }
        Err(e) => {
            warn(unwritable(cache, &e));
            progress.again_in_memory(scan.files.len());
            cache::build_in_memory(root, files(), categorizer, &progress.done)
        }
    }
}

/// What is said when the index cache cannot be written.
fn unwritable(cache: &Cache, e: &std::io::Error) -> String {
    format!(
        "cannot write the index cache in {}: {}; reading every file instead",
        cache.dir().display(),
        crate::io_error::in_words_at(e, cache.dir())
    )
}

/// The date a file is listed under until it is parsed: the one in its name (which real
/// digests agree with), else from its first lines as the parser finds it. The name comes
/// first so that a first start on a large archive opens no file before its first screen; a
/// file whose contents give another date moves to it once parsed.
fn sniff_date(path: &Path) -> Option<NaiveDate> {
    use std::io::Read;
    if let Some(date) = path
        .file_name()
        .and_then(|n| parse::find_date(&n.to_string_lossy()))
    {
        return Some(date);
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let read = crate::regular_file::open(path)
        .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head));
    match read {
        Ok(_) => parse::sniff_date(&head, path),
        Err(_) => parse::find_date(&path.to_string_lossy()),
    }
}

/// Enough for front matter and the first headings.
const SNIFF_BYTES: usize = 8 * 1024;

/// The folder a new file sits in under the store: its publication, in most stores.
fn source_guess(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .ok()
        .and_then(|r| r.components().next())
        .filter(|_| path.parent() != Some(root))
        .map_or_else(
            || "…".to_string(),
            |c| c.as_os_str().to_string_lossy().into_owned(),
        )
}

/// Where the built-in samples say they come from.
const SAMPLES_DIR: &str = "samples";

/// Why a bookmarked story is not in the library ([`Library::why_missing`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Missing<'a> {
    /// A built-in sample's, while the store has digests of its own.
    Sample,
    /// Its file is listed: the story is what is gone from it (removed, or retitled past
    /// finding).
    Story,
    /// Its file is there but was skipped: why.
    Unreadable(&'a str),
    /// Its file is gone.
    File,
    /// Its file is there, outside this store.
    Elsewhere,
    /// It names no file (edited by hand: tester CD was shown an empty name).
    Unnamed,
}

impl Missing<'_> {
    /// Its file is there to be shown as written (`v`).
    pub fn file_is_there(&self) -> bool {
        matches!(self, Missing::Story | Missing::Elsewhere)
    }
}

/// Whether a digest path (a bookmark's) is one of the built-in samples': they have no file,
/// only this relative path.
pub fn is_sample_path(path: &str) -> bool {
    let path = Path::new(path);
    path.is_relative()
        && path.parent() == Some(Path::new(SAMPLES_DIR))
        && crate::samples::SAMPLES
            .iter()
            .any(|(name, _)| path.file_name() == Some(std::ffi::OsStr::new(name)))
}

fn sample_digest(name: &str, text: &str) -> Option<Digest> {
    parse::parse(text.as_bytes(), &Path::new(SAMPLES_DIR).join(name)).ok()
}

/// Library order: newest date first, then by source and path; undated digests last.
pub fn newest_first(
    a: (Option<NaiveDate>, &str, &Path),
    b: (Option<NaiveDate>, &str, &Path),
) -> std::cmp::Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => y
            .cmp(&x)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| a.2.cmp(b.2)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.2.cmp(b.2),
    }
}

/// Why a file of `size` bytes is not read as a digest.
pub fn too_large(size: u64) -> String {
    let max = store::MAX_FILE_BYTES;
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
    // Just past the limit, in bytes: `4.0 MB is too large (at most 4.0 MB)` read as a
    // contradiction (tester EJ).
    let (size, max) = match mb(size) == mb(max) {
        true => (format!("{size} bytes"), format!("{max} bytes")),
        false => (mb(size), mb(max)),
    };
    format!("{size} is too large for a digest (at most {max}; a real one is well under 1 MB)")
}

/// Reads and parses one digest file; Err says why not, in words.
pub fn read_digest(entry: &FileEntry) -> Result<Digest, String> {
    if entry.size > store::MAX_FILE_BYTES {
        return Err(format!("{}; skipped", too_large(entry.size)));
    }
    let bytes = crate::regular_file::read(&entry.path)
        .map_err(|e| format!("cannot read: {}", crate::io_error::in_words(&e)))?;
    parse::parse(&bytes, &entry.path).map_err(|e| format!("{e}; skipped"))
}

/// A file record for a digest made without a file scan (tests, samples).
pub(crate) fn record_for(root: &Path, digest: &Digest) -> FileRecord {
    FileRecord {
        rel: digest
            .path
            .strip_prefix(root)
            .unwrap_or(&digest.path)
            .to_path_buf(),
        size: 0,
        changed: i64::MIN,
        outcome: Outcome::Digest(0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_size_just_past_the_limit_is_said_in_bytes() {
        let max = crate::store::MAX_FILE_BYTES;
        assert!(
            super::too_large(max + 1)
                .starts_with("4000001 bytes is too large for a digest (at most 4000000 bytes;")
        );
        assert!(
            super::too_large(52_400_000)
                .starts_with("52.4 MB is too large for a digest (at most 4.0 MB;")
        );
    }
}
