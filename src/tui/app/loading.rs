//! Libraries arriving while the reader runs: indexing at start on its own thread, the store
//! watched for new files, and taking a new library without losing the reader's place.

use super::{App, ItemRef, Scope, WhenIndexed};
use crate::index::ContentKey;
use crate::library::Missing;
use crate::state::{Bookmark, Position};
use crate::tui::background::{Loaded, Loader, Reopen, StoreWatch};
use crate::tui::scope;
use crate::tui::search::{Reselect, SearchFocus, SearchView};
use crate::tui::ui::article::{ArticleCache, Content};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

impl App {
    /// Starts the indexing `pending` on its own thread; until it is done the reader shows
    /// what it has, with the progress in the status bar.
    pub fn start_loading(&mut self, pending: crate::library::Pending) {
        if pending.progress.counts().1 == 0 && self.library.pending_count() == 0 {
            // Only removed files: finished at once, no thread needed.
            self.loaded(Loaded::Complete(pending.finish()));
            return;
        }
        match Loader::spawn(pending, self.waker.clone()) {
            Ok(loader) => {
                self.loader = Some(loader);
                if let Some(watch) = &self.watch {
                    watch.set_busy(true);
                }
            }
            Err(e) => self.notify(
                format!("cannot start indexing: {}", crate::io_error::in_words(&e)),
                true,
            ),
        }
    }

    /// The indexing under way has a library: it replaces this one, and when it is complete
    /// the indexing is done.
    pub(super) fn loaded(&mut self, loaded: Loaded) {
        let mut complete = false;
        let mut library = match loaded {
            Loaded::Step(library) => library,
            Loaded::Complete(library) => {
                self.indexing_ended();
                complete = true;
                library
            }
            Loaded::Failed(why) => {
                self.indexing_ended();
                self.show_problem(
                    &format!(
                        "indexing stopped, so new files show no stories (please report this): \
                         {why}"
                    ),
                    None,
                );
                return;
            }
        };
        if let Some(warning) = library.cache_warning.take() {
            self.show_problem(&warning, None);
        }
        // Before the library is taken: what it says of files skipped is added after.
        if complete
            && let Some(m) = &mut self.message
            && let Some(WhenIndexed::NewFiles(arrivals)) = m.when_indexed.take()
        {
            m.text = arrivals.said(&library);
        }
        self.replace_library(library);
        // What indexing held is freed by now: a reader left open all day never reuses it
        // (on a 10,000-file archive it kept 120 MB, against 38 MB given back).
        if complete {
            crate::memory::give_back_freed();
        }
    }

    pub(super) fn indexing_ended(&mut self) {
        self.loader = None;
        if let Some(m) = &mut self.message
            && let Some(WhenIndexed::Says(done)) = m
                .when_indexed
                .take_if(|w| matches!(w, WhenIndexed::Says(_)))
        {
            m.text = done;
        }
        if let Some(watch) = &self.watch {
            watch.set_busy(false);
        }
    }

    /// Looks at the store folder `root` every `every`, and when its files changed, opens it
    /// again with `reopen` and shows what is new (indexing it as at start).
    pub fn watch_store(&mut self, root: std::path::PathBuf, every: Duration, reopen: Reopen) {
        let (since, busy) = (self.library.listing, self.loader.is_some());
        let unseen = self.library.files_unseen;
        match StoreWatch::spawn(root, since, unseen, every, reopen, busy, self.waker.clone()) {
            Ok(watch) => self.watch = Some(watch),
            Err(e) => self.notify(
                format!(
                    "cannot watch the store for new files: {}",
                    crate::io_error::in_words(&e)
                ),
                true,
            ),
        }
    }

    /// `R`: the store is looked at now, not at the watch's next look; what it finds is said,
    /// nothing found too (tester AG: a file copied in took up to 15 s to show, and no key
    /// hurried it).
    pub(super) fn look_at_store(&mut self) {
        let Some(watch) = &self.watch else {
            self.notify(
                "the store is not watched: start ribao again to read it anew",
                true,
            );
            return;
        };
        self.look_asked = Some(watch.look_now(true));
        self.notify("looking at the store…", false);
    }

    /// The store opened again after it changed: listed at once, new files indexed beside.
    pub(super) fn store_changed(
        &mut self,
        library: crate::library::Library,
        pending: Option<crate::library::Pending>,
    ) {
        // Where they went: a file is listed by the date written in it, which its name may
        // not say (tester L: a copy named for a new day went under its own old date). Said
        // once they are read, which tells that date.
        // A file skipped before (emptied, as `generator > file` leaves it for a moment) is
        // read again, no new digest (testers CO, CP: "1 new digest" for one written back).
        let skipped: std::collections::HashSet<&std::path::Path> =
            self.library.skipped().map(|f| f.path.as_path()).collect();
        let (read_again, new): (Vec<_>, Vec<_>) = (new_paths(&self.library, &library).into_iter())
            .partition(|p| skipped.contains(p.as_path()));
        // Files gone are said too, beside what came (tester AH: "the list is up to date"),
        // and those that came back under another name or folder as moved (tester AV).
        let gone = content_keys(&self.library, &new_paths(&library, &self.library));
        // Files changed in place are listed as they were until they are read again.
        let rereading = pending.as_ref().map_or(0, |p| p.progress.counts().1);
        let plural = crate::text::plural;
        let in_place = pending
            .iter()
            .flat_map(|p| p.changed_in_place.iter().cloned());
        let mut arrivals = Arrivals {
            new,
            gone,
            again: in_place.chain(read_again).collect(),
        };
        if let Some(before) = self.arrived.take() {
            arrivals = before.and(arrivals);
        }
        let added = arrivals.new.len();
        self.arrived = Some(arrivals.clone());
        // What it says now, and once the indexing under way is done.
        let from_samples = self.library.origin.is_samples() && !library.origin.is_samples();
        let (said, when_indexed) = match (added, rereading) {
            // The user's own digests, where the samples said to put them.
            _ if from_samples => (
                format!(
                    "{} in {}: the built-in samples give way to {}",
                    plural(library.digests().len(), "digest", "digests"),
                    super::under_home(library.origin.store()),
                    match library.digests().len() {
                        1 => "it",
                        _ => "them",
                    }
                ),
                None,
            ),
            // Still none (its folder not made yet: each look is a change; tester CI). Not
            // where the user's digests have all gone: that is said as any digest gone.
            _ if self.library.origin.is_samples() && library.origin.is_samples() => {
                (self.samples_note(), None)
            }
            (0, 0) => (arrivals.said(&library), None),
            (0, n) => {
                let files = plural(n, "file", "files");
                let more = gone_said(arrivals.gone.len(), &arrivals.gone_dates());
                (
                    format!("the store changed: reading {files} again{more}"),
                    Some(WhenIndexed::Says(format!(
                        "the store changed: {files} read again{more}"
                    ))),
                )
            }
            // Still to be read, some may turn out to be no digest (an empty or binary
            // file), or a digest moved: files, until they are.
            (n, _) if pending.is_some() => (
                format!(
                    "{} in the store{}{}",
                    plural(n, "new file", "new files"),
                    arrivals.again_said(),
                    gone_said(arrivals.gone.len(), &arrivals.gone_dates())
                ),
                Some(WhenIndexed::NewFiles(arrivals)),
            ),
            (_, _) => (arrivals.said(&library), None),
        };
        // A file skipped before and gone now is named (tester BK: the list was said to be
        // up to date, nothing more). Asked of the file system: the library listed until the
        // new files are indexed still has what the index had.
        let skipped_gone: Vec<String> = (self.library.skipped())
            .filter(|f| !f.path.exists())
            .map(|f| self.file_name(&f.path))
            .collect();
        let said = match said.strip_prefix(UP_TO_DATE) {
            Some(rest) if !skipped_gone.is_empty() => format!(
                "the store changed: {} gone, skipped before{rest}",
                skipped_gone.join(", ")
            ),
            _ => said,
        };
        self.notify_until_key(said, false);
        if let Some(m) = &mut self.message {
            m.when_indexed = when_indexed;
        }
        // After: what it says of the place (a date gone) matters more.
        self.replace_library(library);
        if let Some(pending) = pending {
            self.start_loading(pending);
        }
    }

    /// What a look at the store finds while the built-in samples are shown: none of the
    /// user's digests yet, and where they go (tester CI: `R` said the store changed).
    pub(super) fn samples_note(&self) -> String {
        format!(
            "no digests in {} yet: these are the built-in samples",
            super::under_home(self.library.origin.store())
        )
    }

    /// Whether indexing is writing a step it has parsed: quitting now would lose the step.
    pub fn saving_index(&self) -> bool {
        (self.loader.as_ref()).is_some_and(|l| l.progress.saving.load(Ordering::Relaxed))
    }

    /// Waits until indexing has written the step it parsed, `at_most` so long.
    pub fn wait_for_index_saved(&self, at_most: Duration) {
        let deadline = std::time::Instant::now() + at_most;
        while self.saving_index() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// How far indexing is (see [`crate::library::Progress::label`]) while new files are
    /// being indexed.
    pub fn loading(&self) -> Option<String> {
        self.loader.as_ref().map(|l| l.progress.label())
    }

    /// Takes a new library (indexing done, or the store changed): the reader stays where it
    /// was (date, scope, category, story, scroll), and an open search is asked again.
    pub(super) fn replace_library(&mut self, library: crate::library::Library) {
        // `A` asked over the stories listed before: asked again over those listed now
        // (tester DN: asked for 3, it marked the 4 a new file had listed by then).
        self.mark_all_asked = false;
        // The samples give way to the user's own digests: another store, opened at its
        // newest date, not at the samples' place (tester P: the sample story open was said
        // to be removed, and its date was kept).
        if self.library.origin.is_samples() && !library.origin.is_samples() {
            self.unrestored = None;
            self.gone_place = None;
            self.gone_result = None;
            self.vanishing = None;
            let search = self.search_aside();
            self.swap_library(library);
            self.search_again(search);
            let skipped = self.library.skipped().cloned().collect();
            self.tell_skipped(skipped, "");
            return;
        }
        // A file skipped before is said again when it is skipped for another reason (an
        // empty file turned binary went unsaid).
        let before: std::collections::HashSet<(std::path::PathBuf, String)> =
            (self.library.skipped())
                .map(|p| (p.path.clone(), p.message.clone()))
                .collect();
        let open = self.opened.map(|r| {
            let (digest, item) = self.item_at(r);
            (item.title.to_string(), digest.path.clone())
        });
        let open = open.or(self.vanishing.take());
        // The search result being read, or to be read again once its file is indexed: gone,
        // it is said so as the reader's open story is, and the keys go back to the results
        // (tester AV: the next result took its place in the article, as if opened).
        let read_result = self.search.as_ref().and_then(|view| {
            let (digest, item) = match &view.reselect {
                Some(r) if r.read => {
                    let item = self.library.find(&r.id)?;
                    (&self.library.digests()[item.digest], item)
                }
                _ => self.item_at(view.shown.filter(|_| view.focus == SearchFocus::Article)?),
            };
            Some((
                item.id.to_string(),
                item.title.to_string(),
                digest.path.clone(),
            ))
        });
        let top = self.top_date();
        // The reader's own place: a story read from the search results is found again
        // among the new results, not taken for the place under them.
        let position = self.reader_position();
        // The open story's place, to come back to should it be gone now and back soon.
        // (By the open story's id: the place names the highlighted one, which may be
        // another; a review.)
        let place = self
            .opened
            .map(|r| (position.clone(), self.id_at(r).to_string()));
        // Where it is read to, for when it is opened again: from the bookmarks view, should
        // its file bring it back (tester CO: at its top).
        self.leave_story();
        self.take_library(library, position);
        self.put_date_on_top(top);
        let mut named_file = None;
        if self.opened.is_none()
            && let Some((title, path)) = open
        {
            if self.unrestored.is_some() {
                self.vanishing = Some((title, path));
            } else {
                self.tell_gone(&title, &path);
                named_file = Some(path);
                self.show_gone_bookmark();
                // Its file written again after a pause (`generator > file`) brings it back:
                // gone back to then, unless a key is pressed first (tester CJ: the reader
                // stayed at the date before for good). Not from the bookmarks view, which
                // shows the bookmark's copy of it.
                if self.bookmarks.is_none() {
                    self.gone_place = place;
                }
            }
        }
        if let Some((id, title, path)) = read_result
            && self.library.find(&id).is_none()
        {
            if let Some(view) = self.search.as_mut() {
                view.focus = SearchFocus::Results;
                // Read again if its file brings it back before a key is pressed (tester
                // CO: the first result was selected).
                let asked = view.line.text().to_string();
                self.gone_result = Some(Reselect {
                    asked,
                    id,
                    read: true,
                    ..Default::default()
                });
            }
            self.tell_gone(&title, &path);
            named_file = Some(path);
        }
        // A file that became unreadable is gone from the lists: said (after what the change
        // did to the place shown), not passed over; the open story's file once (tester AM:
        // its skipping was said twice).
        let now = (self.library.skipped())
            .filter(|p| {
                !before.contains(&(p.path.clone(), p.message.clone()))
                    && Some(&p.path) != named_file.as_ref()
            })
            .cloned()
            .collect();
        let more = if before.is_empty() { "" } else { "more " };
        self.tell_skipped(now, more);
        self.reopen_missing_bookmark();
    }

    /// Says that the story `title`, open until now, is gone for good: which story and file,
    /// and what became of the file (an editor that empties a file before writing it would
    /// otherwise close it unexplained; tester AK: "changed or was removed" left it open).
    fn tell_gone(&mut self, title: &str, path: &std::path::Path) {
        let file = self.file_name(path);
        let what = match self.library.why_missing(&path.to_string_lossy()) {
            Missing::Story => format!("{file} no longer has it"),
            Missing::Unreadable(why) => format!("{file}: {why}"),
            Missing::Sample | Missing::File | Missing::Elsewhere | Missing::Unnamed => {
                format!("{file} is gone")
            }
        };
        self.notify_until_key(
            format!("{} is no longer in the store: {what}", self.quoted(title)),
            true,
        );
    }

    /// [`App::replace_library`]'s work, the open story aside; `position` is the reader's
    /// place before it.
    fn take_library(&mut self, library: crate::library::Library, position: Position) {
        let back = (self
            .gone_place
            .take_if(|(_, id)| library.find(id).is_some()))
        .map(|(place, _)| place);
        let waiting = self.unrestored.take();
        let waited = waiting.is_some();
        if let Some(saved) = waiting.or(back) {
            // Nothing was done since the start (or since the open story went): the saved
            // place, now that more is indexed, and the search reopened there asked again.
            let search = self.search_aside_for(&library);
            self.swap_library(library);
            // What going to it said stands, not said again alone (its news dropped).
            let said = waited.then(|| self.message.take()).flatten();
            self.restore(&saved);
            if said.is_some() {
                self.message = said;
            }
            self.tell_newer_since();
            self.wait_for_place(saved);
            self.search_again(search);
            return;
        }
        let id_of = |app: &App, r: Option<ItemRef>| r.map(|r| app.id_at(r).to_string());
        let opened = id_of(self, self.opened);
        let highlighted = id_of(self, self.items.get(self.item).copied());
        // Its neighbours, nearest first after it then before it: where the keys go when it
        // is gone (tester L: they kept its row, a dozen stories down another digest).
        let near = |range: &mut dyn Iterator<Item = usize>| -> Vec<String> {
            range
                .take(NEIGHBOURS)
                .map(|i| self.id_at(self.items[i]).to_string())
                .collect()
        };
        let item = self.item.min(self.items.len());
        let neighbours: Vec<String> = near(&mut (item + 1..self.items.len()))
            .into_iter()
            .chain(near(&mut (0..item).rev()))
            .collect();
        let (scroll, item) = (self.scroll, self.item);
        let top_rows = (self.opened).and_then(|r| self.article.rows_at(&Content::Story(r), scroll));
        // By its date: its place among the dates may move (a review: it was lost).
        let category_day = self.category_date.map(|g| self.dates[g].date);
        let search = self.search_aside_for(&library);
        self.swap_library(library);
        let before = self.message.clone();
        let gone = self.restore(&position);
        // Not said while files are read: a file renamed is listed under the date its name
        // has until then, and the date may come back (tester DN: said gone, for good).
        if gone.is_some() && self.library.pending_count() > 0 {
            self.message = before;
        }
        // The same date, else the nearest, as restoring a place goes; the undated digests
        // (no date to be near) only as themselves.
        self.category_date = category_day.and_then(|day| match day {
            Some(day) => self.date_nearest(day),
            None => self.dates.iter().position(|g| g.date.is_none()),
        });
        // The story's file changed and is being indexed again: back to it when it is.
        if search.is_none() {
            self.wait_for_place(position);
        }
        // The open story and the highlighted one stay as they were (found again by id:
        // their places in the lists may have moved); the keys are where `restore` put them,
        // in the pane they were in, or the stories list when the open story is gone.
        let find = |app: &App, id: Option<String>| app.position_in(&app.items, &id?);
        self.opened = find(self, opened).map(|p| self.items[p]);
        if self.opened.is_some() {
            self.scroll = scroll;
            self.top_rows = top_rows;
        }
        self.item = find(self, highlighted)
            .or_else(|| neighbours.into_iter().find_map(|id| find(self, Some(id))))
            .unwrap_or(item.min(self.items.len().saturating_sub(1)));
        self.follow_item_date();
        // Over several dates the keys stay among the stories beside, which may be of
        // another date than the one `restore` named (tester CD): the one shown is named.
        if let Some((want, said)) = gone
            && self.date_index() != said
            && self.library.pending_count() == 0
        {
            self.say_date_gone(want, self.date_index());
        }
        self.search_again(search);
        self.tell_newer_since();
    }

    /// The open search, set aside while the library is replaced. Its results are places in
    /// the old lists: nothing of them is kept but the query and which story was selected,
    /// found again among the new results by id (the one still to be selected, when no
    /// answer had it yet).
    fn search_aside(&mut self) -> Option<SearchView> {
        let mut view = self.search.take()?;
        view.leave_shown(&mut self.places, &self.library);
        let at = view.selected;
        let near = (view.hits.iter().skip(at + 1).take(NEIGHBOURS)).chain(
            view.hits[..at.min(view.hits.len())]
                .iter()
                .rev()
                .take(NEIGHBOURS),
        );
        let selected = view.selected_hit().map(|r| Reselect {
            asked: view.line.text().to_string(),
            id: self.id_at(r).to_string(),
            read: view.focus == SearchFocus::Article,
            near: near.map(|&h| self.id_at(h).to_string()).collect(),
        });
        view.reselect = view.reselect.take().or(selected);
        view.hits.clear();
        view.missing = None;
        view.shown = None;
        view.marked = None;
        view.snippets.clear();
        view.requested = None;
        Some(view)
    }

    /// [`App::search_aside`] for `library` to take its place: the result read when its file
    /// took it away, back in it, is read again (see `gone_result`).
    fn search_aside_for(&mut self, library: &crate::library::Library) -> Option<SearchView> {
        let mut search = self.search_aside();
        if let Some(view) = search.as_mut()
            && let Some(back) = self.gone_result.take_if(|r| library.find(&r.id).is_some())
        {
            view.reselect = Some(back);
        }
        search
    }

    /// A search set aside by [`App::search_aside`] open again, asked over this library.
    fn search_again(&mut self, view: Option<SearchView>) {
        if let Some(view) = view {
            self.search = Some(view);
            self.request_search();
        }
    }

    /// `library` in place of this one, at its newest date that has come.
    pub(super) fn swap_library(&mut self, library: crate::library::Library) {
        self.library = Arc::new(library);
        // Places in the old lists.
        self.scope_anchor = None;
        // The search thread holds the old library.
        self.worker = None;
        self.article = ArticleCache::default();
        self.dates = scope::group_dates(&self.library);
        self.group_of = scope::group_of_digests(&self.dates, self.library.digests().len());
        self.scope = Scope::Day;
        self.opened = None;
        self.select_date(scope::newest_come(&self.dates).unwrap_or(0));
        self.refind_bookmarks();
    }

    /// A bookmark that lacks a field (repaired from a damaged state file, at start or while
    /// the reader runs) takes it from its story, when the story still has its id.
    pub(super) fn refill_bookmarks(&mut self) {
        let refills: Vec<(String, Bookmark)> = self
            .session
            .bookmarks()
            .into_iter()
            .filter_map(|mark| Some((mark.id.clone(), self.library.refilled(&mark)?)))
            .collect();
        self.session.move_bookmarks(refills);
    }

    /// Bookmarks whose story has moved follow it (see [`Library::bookmark_moves`]), after
    /// those that lack a field are refilled. Read marks made under an old id mark the story
    /// under its new one.
    pub(super) fn refind_bookmarks(&mut self) {
        self.refill_bookmarks();
        let moves = self.library.bookmark_moves(self.session.bookmarks());
        self.session.move_bookmarks(moves);
        // Read marks made under an id a story had before go to the id it has now.
        let moved: Vec<String> = (self.library.ids_now(self.session.state().read.iter()))
            .into_iter()
            .filter(|id| !self.session.is_read(id))
            .collect();
        self.session.mark(moved, true);
        // An open bookmarks view shows them as they are now.
        self.bookmarks_changed();
    }
}

/// How many stories on each side of the highlighted one are looked for when it is gone.
const NEIGHBOURS: usize = 200;

/// What a look at the store that found nothing new to list says.
const UP_TO_DATE: &str = "the store changed: the list is up to date";

/// What a look at the store found changed: files new to it, what those gone held (None for
/// one not indexed yet), and how many others are read again. Every kind of change is said,
/// now and once the new files are read (testers AH, AI: of new, changed and gone files,
/// only the new were).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrivals {
    new: Vec<std::path::PathBuf>,
    gone: Vec<Option<ContentKey>>,
    /// Files read again: changed, or skipped before.
    again: Vec<std::path::PathBuf>,
}

impl Arrivals {
    /// These and `later`'s, as one look would have found them: a file new in these and
    /// read again in `later` (written in two goes, `generator > file`) is one new file (a
    /// review: it was counted as both).
    fn and(mut self, later: Arrivals) -> Arrivals {
        let known: std::collections::HashSet<std::path::PathBuf> =
            self.new.iter().chain(&self.again).cloned().collect();
        (self.new).extend(later.new.into_iter().filter(|p| !known.contains(p)));
        (self.again).extend(later.again.into_iter().filter(|p| !known.contains(p)));
        self.gone.extend(later.gone);
        self
    }

    /// What it says once the new files are read in `library`: a new file holding what a gone
    /// one held is that file moved or renamed; the others are new digests, named by the
    /// dates they are listed under.
    fn said(&self, library: &crate::library::Library) -> String {
        let mut gone: std::collections::HashMap<ContentKey, usize> = Default::default();
        for key in self.gone.iter().flatten() {
            *gone.entry(*key).or_default() += 1;
        }
        let mut new = Vec::new();
        let mut moved = 0;
        for (path, key) in self.new.iter().zip(content_keys(library, &self.new)) {
            match key.and_then(|k| gone.get_mut(&k).filter(|n| **n > 0)) {
                Some(left) => {
                    *left -= 1;
                    moved += 1;
                }
                None => new.push(path.clone()),
            }
        }
        // Those not found moved, by the dates they were listed under (tester BB: "1 digest
        // gone" said no more).
        let gone_dates = dates_named(
            (gone.into_iter())
                .flat_map(|(key, n)| std::iter::repeat_n(key.2, n))
                .collect(),
        );
        let gone = self.gone.len() - moved;
        let moved = match moved {
            0 => String::new(),
            n => crate::text::plural(n, "digest moved or renamed", "digests moved or renamed"),
        };
        let said: Vec<String> = [new_digests(library, &new), moved]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let rest = format!("{}{}", self.again_said(), gone_said(gone, &gone_dates));
        match said.is_empty() {
            false => said.join("; ") + &rest,
            true if self.new.is_empty() && self.again.is_empty() && gone > 0 => format!(
                "{} gone from the store{}",
                crate::text::plural(gone, "digest", "digests"),
                of_dates(&gone_dates)
            ),
            // None of the new files a digest: not "new files" left standing (their skipping
            // is said after).
            true => format!("{UP_TO_DATE}{rest}"),
        }
    }

    /// The dates the digests gone were listed under (see [`dates_named`]).
    fn gone_dates(&self) -> String {
        dates_named(self.gone.iter().flatten().map(|key| key.2).collect())
    }

    /// `; 2 changed files read again`, when some are.
    fn again_said(&self) -> String {
        match self.again.len() {
            0 => String::new(),
            n => format!(
                "; {} read again",
                crate::text::plural(n, "changed file", "changed files")
            ),
        }
    }
}

/// `; 3 digests gone, of 2026-01-24`, when `n` are (`dates`: see [`dates_named`]).
fn gone_said(n: usize, dates: &str) -> String {
    match n {
        0 => String::new(),
        n => format!(
            "; {} gone{}",
            crate::text::plural(n, "digest", "digests"),
            of_dates(dates)
        ),
    }
}

/// `, of 2026-01-24`, when `dates` names some.
fn of_dates(dates: &str) -> String {
    match dates.is_empty() {
        true => String::new(),
        false => format!(", of {dates}"),
    }
}

/// `2026-01-24, 2025-10-10 and 2 more dates`: `dates` newest first, each once, the first
/// few named and the rest counted.
pub(super) fn dates_named(mut dates: Vec<Option<chrono::NaiveDate>>) -> String {
    const NAMED: usize = 3;
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.dedup();
    let named: Vec<String> = (dates.iter().take(NAMED))
        .map(|&d| crate::model::date_label(d))
        .collect();
    let more = match dates.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {}", crate::text::plural(n, "more date", "more dates")),
    };
    named.join(", ") + &more
}

/// What each of `paths` holds (see [`ContentKey`]): None for a file `library` lists no
/// indexed digest of.
fn content_keys(
    library: &crate::library::Library,
    paths: &[std::path::PathBuf],
) -> Vec<Option<ContentKey>> {
    let at: std::collections::HashMap<&std::path::Path, &crate::index::DigestInfo> =
        (library.digests().iter())
            .map(|d| (d.path.as_path(), d))
            .collect();
    (paths.iter())
        .map(|p| at.get(p.as_path()).and_then(|d| d.content_key()))
        .collect()
}

/// The files of the digests `now` lists that `before` did not.
fn new_paths(
    before: &crate::library::Library,
    now: &crate::library::Library,
) -> Vec<std::path::PathBuf> {
    let known: std::collections::HashSet<&std::path::Path> =
        before.digests().iter().map(|d| d.path.as_path()).collect();
    (now.digests().iter())
        .filter(|d| !known.contains(d.path.as_path()))
        .map(|d| d.path.clone())
        .collect()
}

/// `2 new digests in the store, under 2026-01-24, 2025-10-10`: the digests of `library`
/// read from the files `paths`, with the dates they are listed under, newest first (the
/// first few, the rest counted); empty when none of the files is a digest.
fn new_digests(library: &crate::library::Library, paths: &[std::path::PathBuf]) -> String {
    let paths: std::collections::HashSet<&std::path::Path> =
        paths.iter().map(|p| p.as_path()).collect();
    let dates: Vec<Option<chrono::NaiveDate>> = (library.digests().iter())
        .filter(|d| paths.contains(d.path.as_path()))
        .map(|d| d.date)
        .collect();
    let digests = crate::text::plural(dates.len(), "new digest", "new digests");
    match dates.is_empty() {
        true => String::new(),
        false => format!("{digests} in the store, under {}", dates_named(dates)),
    }
}
