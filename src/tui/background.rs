//! Work done off the run loop, so typing never waits for it: indexing, searching, and
//! watching the store for new files. A worker sends its result over a channel and then wakes
//! the loop through a [`Waker`]; the app picks results up in
//! [`crate::tui::App::poll_background`]. Each search request carries a generation number, and
//! a result for an older generation is dropped.

use super::scope::ItemRef;
use crate::library::{Library, Pending};
use crate::search::Query;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

type WakeFn = Box<dyn Fn() + Send>;

/// Wakes the run loop from another thread (on a real terminal: an event into the input
/// channel). Clones share the function, so one set after a worker started still reaches it.
#[derive(Clone, Default)]
pub struct Waker(Arc<Mutex<Option<WakeFn>>>);

impl Waker {
    pub fn set(&self, wake: impl Fn() + Send + 'static) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(Box::new(wake));
        }
    }

    pub fn wake(&self) {
        if let Ok(slot) = self.0.lock()
            && let Some(wake) = slot.as_ref()
        {
            wake();
        }
    }
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waker")
    }
}

/// The indexing the reader started with still under way: its progress, the library with
/// the newest files when there are many, and the complete library when it is done. The
/// loop's tick (four times a second) redraws the count.
pub struct Loader {
    pub progress: Arc<crate::library::Progress>,
    result: Receiver<Loaded>,
    /// Progress last shown (its words: the count, or that another ribao is indexing), to
    /// redraw only when it changed.
    shown: std::cell::Cell<String>,
}

impl Loader {
    pub fn spawn(pending: crate::library::Pending, waker: Waker) -> std::io::Result<Loader> {
        let (send, result) = mpsc::channel();
        let progress = pending.progress.clone();
        // The progress is shown as the loop's tick finds it moved: no thread of its own.
        std::thread::Builder::new()
            .name("ribao-index".into())
            .spawn(move || {
                let mut next = Some(pending);
                while let Some(pending) = next.take() {
                    let loaded = match super::terminal::caught(|| pending.step()) {
                        Ok((library, None)) => Loaded::Complete(library),
                        Ok((library, Some(rest))) => {
                            next = Some(rest);
                            Loaded::Step(library)
                        }
                        Err(why) => Loaded::Failed(why),
                    };
                    if send.send(loaded).is_err() {
                        return;
                    }
                    waker.wake();
                }
            })?;
        Ok(Loader {
            progress,
            result,
            shown: std::cell::Cell::default(),
        })
    }

    /// Whether what is shown of the progress changed since it was last asked for: the count
    /// moved, or waiting for another ribao began or ended.
    pub fn moved(&self) -> bool {
        let now = self.progress.label();
        let before = self.shown.replace(now.clone());
        now != before
    }

    pub fn try_take(&self) -> Option<Loaded> {
        self.result.try_recv().ok()
    }

    /// Waits for the next library (tests).
    pub fn wait(&self, timeout: Duration) -> Option<Loaded> {
        self.result.recv_timeout(timeout).ok()
    }
}

/// What the indexing thread sends.
pub enum Loaded {
    /// The library with the newest files; the rest is being indexed.
    Step(Library),
    /// The complete library.
    Complete(Library),
    /// The indexing stopped: why.
    Failed(String),
}

/// Search `query` among the digests `within` (None: the whole archive).
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub within: Option<Vec<usize>>,
}

pub struct SearchResponse {
    pub generation: u64,
    /// Err: the search failed, and why.
    pub hits: Result<Vec<ItemRef>, String>,
    /// With no hits in a narrower scope: how many stories the whole archive has that match,
    /// for the no-match page to say (tester W: a first search of the date found nothing,
    /// and nothing said that the archive had 34).
    pub in_archive: Option<usize>,
}

/// A thread that answers search requests, newest first: requests that queued up while it was
/// busy are skipped, since only the latest one is still wanted. It ends when the app (the
/// request sender) is dropped.
pub struct SearchWorker {
    requests: Sender<SearchRequest>,
    responses: Receiver<SearchResponse>,
}

impl SearchWorker {
    pub fn spawn(library: Arc<Library>, waker: Waker) -> std::io::Result<SearchWorker> {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, responses) = mpsc::channel();
        std::thread::Builder::new()
            .name("ribao-search".into())
            .spawn(move || {
                while let Ok(mut request) = inbox.recv() {
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let hits = super::terminal::caught(|| {
                        library
                            .search(&request.query, request.within.as_deref())
                            .into_iter()
                            .map(|n| library.item_ref(n))
                            .collect::<Vec<_>>()
                    });
                    let narrower = request.within.is_some();
                    let in_archive = match &hits {
                        Ok(hits) if hits.is_empty() && narrower => {
                            super::terminal::caught(|| library.search(&request.query, None).len())
                                .ok()
                        }
                        _ => None,
                    };
                    let response = SearchResponse {
                        generation: request.generation,
                        hits,
                        in_archive,
                    };
                    if outbox.send(response).is_err() {
                        return;
                    }
                    waker.wake();
                }
            })?;
        Ok(SearchWorker {
            requests,
            responses,
        })
    }

    /// Queues a request; false when the worker is gone.
    pub fn request(&self, request: SearchRequest) -> bool {
        self.requests.send(request).is_ok()
    }

    /// A response that is already there.
    pub fn try_recv(&self) -> Option<SearchResponse> {
        self.responses.try_recv().ok()
    }

    /// Waits up to `timeout` for a response; None on timeout or when the worker is gone.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResponse> {
        self.responses.recv_timeout(timeout).ok()
    }
}

/// The store opened again (and what of it is left to index), or why it cannot be (its
/// folder deleted or unreadable).
pub type Reopened = Result<(Library, Option<Pending>), String>;

/// Opens the store again, as it is now: what the reader started from, or why it cannot.
pub type Reopen = Box<dyn Fn() -> Reopened + Send>;

/// Watches the store folder so that digests added while the reader runs show up: when the
/// system tells of a change under it, and every so often, its files are listed (names,
/// sizes, times: a few milliseconds for thousands), and when they changed since the last
/// look the store is opened again and sent to the loop.
pub struct StoreWatch {
    result: Receiver<Reopened>,
    /// Brings the next look forward ([`StoreWatch::look_now`]).
    pokes: Sender<Poke>,
    /// Indexing is under way: a store opened now would be the index before it, so the
    /// watch waits (and sees the change when it is done).
    busy: Arc<AtomicBool>,
    /// Looks asked for ([`StoreWatch::look_now`]), and of those the last a finished look
    /// answered (its change, if any, sent before).
    asked: Arc<std::sync::atomic::AtomicU64>,
    answered: Arc<std::sync::atomic::AtomicU64>,
}

impl StoreWatch {
    /// `since`: the listing the reader's library was opened from, if known; else the
    /// first look, a second after start, is the starting point. `unseen`: the library was
    /// listed by its folders alone ([`crate::library::Look::Folders`]), so the first look
    /// comes just after the first screen.
    pub fn spawn(
        root: PathBuf,
        since: Option<u64>,
        unseen: bool,
        every: Duration,
        reopen: Reopen,
        busy: bool,
        waker: Waker,
    ) -> std::io::Result<StoreWatch> {
        let (send, result) = mpsc::channel();
        let (pokes, poked) = mpsc::channel();
        let told_to = pokes.clone();
        let busy = Arc::new(AtomicBool::new(busy));
        let waiting = busy.clone();
        let asked = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let answered = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let (asks, answers) = (asked.clone(), answered.clone());
        let watched = root.clone();
        // The listing, and whether the store's own folder could be read.
        let look = move || {
            let scan = crate::store::scan(&root);
            let listing = crate::store::listing(&scan.files, &scan.problems);
            let readable = !scan.problems.iter().any(|p| p.path == root);
            (listing, readable, scan.folders)
        };
        let watch = move || {
            // Set up here, not beside the first screen: it lists every folder of the store
            // (tens of milliseconds on a large archive). Held while the watch runs.
            let mut told = ChangesTold::new(&watched, told_to.clone());
            // Which folder is watched: another put in its place (or one made again) is
            // watched in its turn. (One that could not be watched may be unreadable yet:
            // tried again once it is read.)
            let mut watching = told.as_ref().and_then(|_| folder_id(&watched));
            // Where the system has told of a change, the looks are only in case it missed one:
            // rarer (tester DT: 10,000 files listed every 15 s kept an idle reader at 0.45 %
            // of a core). Not before: a network file system takes the watch and tells of
            // nothing another machine changes (a review).
            let mut heard = false;
            let between = |told: &Option<ChangesTold>, heard: bool| match told {
                Some(_) if heard => every * TOLD_LOOKS_RARER,
                _ => every,
            };
            let (mut last, mut wait) = match since {
                Some(listing) if unseen => (listing, UNSEEN_LOOK.min(every)),
                Some(listing) => (listing, every),
                None => {
                    // Not beside the first screen, which reads the same folders.
                    std::thread::sleep(FIRST_LOOK.min(every));
                    (look().0, every)
                }
            };
            let mut looked = std::time::Instant::now();
            // A look was brought forward while indexing held it back: it comes once that is
            // done, not at the next look, answering what was asked meanwhile.
            let (mut owed, mut owed_ask) = (false, Ask::default());
            loop {
                let poke = poked.recv_timeout(wait);
                owed |= poke.is_ok();
                heard |= matches!(poke, Ok(Poke::Told));
                let ask = match poke {
                    // The reader is gone: so is the watch.
                    Err(mpsc::RecvTimeoutError::Disconnected) | Ok(Poke::Stop) => return,
                    // Asked for (a story's file was missed, or the user pressed `R`): the next
                    // look comes now, though no sooner than a moment after the last, as a
                    // view of a gone file may ask at every frame.
                    Ok(Poke::Asked { user }) => {
                        std::thread::sleep(POKED_GAP.saturating_sub(looked.elapsed()));
                        Ask::by(user)
                    }
                    // Told of a change: once the changes have stopped coming (files copied
                    // in one by one are said as one change), unless asked meanwhile.
                    Ok(Poke::Told) => {
                        let Some(ask) = quiet(&poked) else { return };
                        std::thread::sleep(POKED_GAP.saturating_sub(looked.elapsed()));
                        ask
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => Ask::default(),
                };
                owed_ask = owed_ask.and(ask);
                wait = between(&told, heard);
                if waiting.load(Ordering::Relaxed) {
                    if owed {
                        wait = POKED_GAP;
                    }
                    continue;
                }
                owed = false;
                let mut ask = std::mem::take(&mut owed_ask);
                // Asks made from here on get a look of their own; those before, this one.
                while let Ok(poke) = poked.try_recv() {
                    match poke {
                        Poke::Stop => return,
                        Poke::Asked { user } => ask = ask.and(Ask::by(user)),
                        Poke::Told => {}
                    }
                }
                let answering = asks.load(Ordering::Acquire);
                let (now, readable, folders) = look();
                looked = std::time::Instant::now();
                let changed = now != last;
                // The store's folder made again, or another put in its place (tester CC: the
                // old one was still watched, and new files waited for the next look).
                let now_watched = folder_id(&watched);
                if now_watched.is_some() && now_watched != watching {
                    told = ChangesTold::new(&watched, told_to.clone());
                }
                watching = now_watched;
                if let Some(told) = told.as_mut() {
                    told.cover(&folders);
                }
                // A store that cannot be read is said again when the user asks for a look:
                // no change since the last is no news then (tester CA: `R` said "up to date"
                // of a store folder deleted). Not when a view missed a file, which asks
                // again at each frame the news is drawn.
                if changed || ask.user && !readable {
                    last = now;
                    // The reader is gone: so is the watch.
                    if send.send(reopen()).is_err() {
                        return;
                    }
                }
                answers.store(answering, Ordering::Release);
                // A look asked for is answered, a change or none.
                if changed || ask.asked {
                    waker.wake();
                }
            }
        };
        std::thread::Builder::new()
            .name("ribao-watch".into())
            // A watch that fails ends; the reader goes on with what it has.
            .spawn(move || super::terminal::caught(watch))?;
        Ok(StoreWatch {
            result,
            pokes,
            busy,
            asked,
            answered,
        })
    }

    /// Looks at the store now rather than at the next look: a story's file could not be
    /// found where the reader last saw it, or the `user` asked (`R`). The ask's number, for
    /// [`StoreWatch::answered`].
    pub fn look_now(&self, user: bool) -> u64 {
        let ask = self.asked.fetch_add(1, Ordering::AcqRel) + 1;
        let _ = self.pokes.send(Poke::Asked { user });
        ask
    }

    /// Whether a look that began after ask `ask` is done: its change, if it found one, is
    /// there to take.
    pub fn answered(&self, ask: u64) -> bool {
        self.answered.load(Ordering::Acquire) >= ask
    }

    /// Indexing started or ended.
    pub fn set_busy(&self, busy: bool) {
        self.busy.store(busy, Ordering::Relaxed);
    }

    /// What the watch found since it was last asked, when the store changed.
    pub fn try_take(&self) -> Option<Reopened> {
        self.result.try_recv().ok()
    }
}

/// Pokes the watch whenever a digest's file or a folder under `root` changes, so a file
/// added, edited, renamed or deleted shows within a second, not at the next look (tester AY:
/// a deletion took 10 to 17 s).
struct ChangesTold {
    watcher: notify::RecommendedWatcher,
    /// The folders watched each on its own, when the store's whole tree could not be (one
    /// folder in it unreadable failed all of it, tester CA): those found since are added.
    each: Option<HashSet<PathBuf>>,
}

impl ChangesTold {
    /// None where the system tells of no changes (a network file system, a watch limit
    /// reached): the looks every so often remain.
    fn new(root: &std::path::Path, pokes: Sender<Poke>) -> Option<ChangesTold> {
        use notify::Watcher;
        let mut watcher = Self::telling(pokes.clone())?;
        match watcher.watch(root, notify::RecursiveMode::Recursive) {
            Ok(()) => Some(ChangesTold {
                watcher,
                each: None,
            }),
            // The watches it took hold the limit whole; dropped, they are let go.
            Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => None,
            // A new watcher: the failed one keeps the watches it had added.
            Err(_) => {
                let mut told = ChangesTold {
                    watcher: Self::telling(pokes)?,
                    each: Some(HashSet::new()),
                };
                (told.cover(&crate::store::scan(root).folders) > 0).then_some(told)
            }
        }
    }

    /// A watcher that pokes of each change to a digest's file or a folder.
    fn telling(pokes: Sender<Poke>) -> Option<notify::RecommendedWatcher> {
        // A folder has no extension; a lock or the state file beside digests is no change.
        let counts =
            |p: &std::path::Path| crate::store::is_digest_name(p) || p.extension().is_none();
        notify::recommended_watcher(move |told: notify::Result<notify::Event>| {
            // Events the system dropped (its queue full) or a watch that failed: a look.
            let changed = |e: notify::Event| {
                e.need_rescan() || !e.kind.is_access() && e.paths.iter().any(|p| counts(p))
            };
            if told.map_or(true, changed) {
                let _ = pokes.send(Poke::Told);
            }
        })
        .ok()
    }

    /// When watching folder by folder, watches those of `folders` not watched yet (a
    /// folder made since) and forgets those gone; how many are watched.
    fn cover(&mut self, folders: &crate::store::Folders) -> usize {
        use notify::Watcher;
        let ChangesTold { watcher, each } = self;
        let Some(watched) = each else { return 0 };
        let now: HashSet<&std::path::Path> = folders.paths().collect();
        watched.retain(|f| now.contains(f.as_path()));
        for folder in now {
            if !watched.contains(folder)
                && watcher
                    .watch(folder, notify::RecursiveMode::NonRecursive)
                    .is_ok()
            {
                watched.insert(folder.to_path_buf());
            }
        }
        watched.len()
    }
}

/// What brings the watch's next look forward.
enum Poke {
    /// The reader asked ([`StoreWatch::look_now`]); the user, or a view that missed a file.
    Asked { user: bool },
    /// The system told of a change under the store (see [`ChangesTold`]).
    Told,
    /// The reader is gone (the told changes keep the channel open): so is the watch.
    Stop,
}

impl Drop for StoreWatch {
    fn drop(&mut self) {
        let _ = self.pokes.send(Poke::Stop);
    }
}

/// Which folder `path` is (its device and number), so that another put in its place is
/// told from it; None when it cannot be read.
fn folder_id(path: &std::path::Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    // (Elsewhere only a folder coming back is seen.)
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// A look asked for, and whether the user asked it (`R`): told again what it finds.
#[derive(Clone, Copy, Default)]
struct Ask {
    asked: bool,
    user: bool,
}

impl Ask {
    /// A look asked for, by the `user` or not.
    fn by(user: bool) -> Ask {
        Ask { asked: true, user }
    }

    /// Both asks answered by one look.
    fn and(self, other: Ask) -> Ask {
        Ask {
            asked: self.asked || other.asked,
            user: self.user || other.user,
        }
    }
}

/// Waits until no change has been told for [`QUIET`], [`QUIET_MOST`] at most; at once when
/// the reader asks for a look meanwhile, with that ask; None when it is gone.
fn quiet(poked: &Receiver<Poke>) -> Option<Ask> {
    let began = std::time::Instant::now();
    while began.elapsed() < QUIET_MOST {
        match poked.recv_timeout(QUIET) {
            Ok(Poke::Told) => {}
            Ok(Poke::Asked { user }) => return Some(Ask::by(user)),
            Ok(Poke::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(mpsc::RecvTimeoutError::Timeout) => break,
        }
    }
    Some(Ask::default())
}

/// How long the changes told must stop before the watch looks, and the longest it waits.
const QUIET: Duration = Duration::from_millis(300);
const QUIET_MOST: Duration = Duration::from_secs(3);

/// When the watch first lists the store when it does not know what the reader started from.
const FIRST_LOOK: Duration = Duration::from_secs(1);
/// The least time between two looks when the reader asks for one.
const POKED_GAP: Duration = Duration::from_millis(500);
/// How many times longer the looks are apart where the system has told of a change (see
/// [`ChangesTold`]) than where it has not.
const TOLD_LOOKS_RARER: u32 = 4;

/// When the watch first looks at every file of a store listed by its folders alone: after
/// the first screen (drawn in tens of milliseconds), not beside it.
const UNSEEN_LOOK: Duration = Duration::from_millis(100);

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    /// Watched folder by folder, a folder that cannot be watched costs only itself: a file
    /// added to another is told (tester CA: one unreadable folder, and no change was told).
    #[test]
    fn folders_watched_one_by_one_tell_of_changes_beside_one_that_cannot_be() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a", "b", "c"] {
            std::fs::create_dir(root.join(folder)).unwrap();
        }
        let folders = crate::store::scan(root).folders;
        // Gone before it is watched.
        std::fs::remove_dir(root.join("b")).unwrap();
        let (pokes, poked) = mpsc::channel();
        let mut told = ChangesTold {
            watcher: ChangesTold::telling(pokes).unwrap(),
            each: Some(HashSet::new()),
        };
        assert_eq!(told.cover(&folders), 3, "the store's folder, a and c");
        let told_of = |change: &dyn Fn()| {
            while poked.try_recv().is_ok() {}
            change();
            matches!(poked.recv_timeout(Duration::from_secs(10)), Ok(Poke::Told))
        };
        assert!(told_of(&|| std::fs::write(
            root.join("c/2026-01-01.md"),
            "# 日报"
        )
        .unwrap()));
        // A folder made since is watched once a look has found it (the review: only when the
        // files listed had changed).
        std::fs::create_dir(root.join("d")).unwrap();
        assert_eq!(told.cover(&crate::store::scan(root).folders), 4);
        assert!(told_of(&|| std::fs::write(
            root.join("d/2026-01-02.md"),
            "# 日报"
        )
        .unwrap()));
    }

    /// The status bar is redrawn when the count moves, and when waiting for another ribao
    /// begins or ends, though the count stays where it was.
    #[test]
    fn progress_moves_with_its_count_and_with_waiting() {
        let progress = Arc::new(crate::library::Progress::of(3));
        let loader = Loader {
            progress: progress.clone(),
            result: mpsc::channel().1,
            shown: std::cell::Cell::default(),
        };
        assert!(loader.moved(), "the first look shows it");
        assert!(!loader.moved());
        progress.waiting.store(true, Ordering::Relaxed);
        assert!(loader.moved(), "waiting began");
        assert!(!loader.moved());
        progress.waiting.store(false, Ordering::Relaxed);
        progress.done.store(1, Ordering::Relaxed);
        assert!(loader.moved(), "waiting ended, a file parsed");
        assert!(!loader.moved());
    }
}
