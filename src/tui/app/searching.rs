//! The search view's part of the app: opening and closing it, the search line's keys, asking
//! the search thread and taking its answers, moving through results and through the matches
//! of the shown article.

use super::{App, Effect, Scope};
use crate::search::Query;
use crate::text::place::Anchor;
use crate::tui::action::Action;
use crate::tui::background::{SearchRequest, SearchWorker};
use crate::tui::highlight::{self, Marked};
use crate::tui::line_edit::{Edited, LineEdit};
use crate::tui::scope;
use crate::tui::search::{MarkKey, Reselect, SearchFocus, SearchView};
use crate::tui::ui::MATCH;
use crate::tui::ui::article::Content;
use crossterm::event::{KeyCode, KeyEvent};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(super) use crate::tui::search::LastSearch;

impl LastSearch {
    /// As the saved position keeps it.
    pub(super) fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "query": self.query,
            "scope": self.scope.key(),
            "selected": self.selected,
        })
    }

    /// From the saved position; None for anything else there (a hand edit, say).
    pub(super) fn from_json(saved: &serde_json::Value) -> Option<LastSearch> {
        let query = saved.get("query")?.as_str()?;
        (!query.trim().is_empty()).then(|| LastSearch {
            query: query.to_string(),
            scope: saved
                .get("scope")
                .and_then(serde_json::Value::as_str)
                .and_then(Scope::from_key)
                .unwrap_or(Scope::Day),
            selected: saved
                .get("selected")
                .and_then(serde_json::Value::as_str)
                .map(str::to_string),
        })
    }
}

impl App {
    /// The search view, when open.
    pub fn search_view(&self) -> Option<&SearchView> {
        self.search.as_ref()
    }

    pub(crate) fn search_mut(&mut self) -> Option<&mut SearchView> {
        self.search.as_mut()
    }

    /// True while the search line has the keyboard.
    pub fn search_typing(&self) -> bool {
        self.search
            .as_ref()
            .is_some_and(|v| v.focus == SearchFocus::Line)
    }

    /// `/`: the search line, over the current scope; or the search closed last, its query
    /// selected, in its scope, with its results and the one that was selected (typing
    /// replaces the query, a cursor key keeps it to change).
    pub(super) fn open_search(&mut self) {
        self.searched = true;
        // The story open stays open underneath; where it is read to is kept for the
        // results, which may show it.
        self.leave_story();
        let Some(last) = self.last_search.clone() else {
            self.search = Some(SearchView::new(self.scope));
            return;
        };
        let mut view = SearchView::new(last.scope);
        view.line = LineEdit::recalled(&last.query);
        view.reselect = last.selected.map(|id| Reselect {
            asked: last.query.clone(),
            id,
            ..Default::default()
        });
        self.search = Some(view);
        self.request_search();
    }

    /// `n`/`N` outside a search: the last search's results again (kept over a restart too),
    /// at the result that was selected, to step on from; with none, how to search.
    pub(super) fn resume_search(&mut self) {
        if self.last_search.is_none() {
            self.notify(
                "n and N step through search matches: press / to search",
                false,
            );
            return;
        }
        self.open_search();
        if let Some(view) = self.search.as_mut() {
            view.focus = SearchFocus::Results;
        }
    }

    /// Closes the search: the main view is shown as it was left; the query is kept for the
    /// next `/`.
    pub(super) fn close_search(&mut self) {
        if let Some(kept) = self.search_kept() {
            self.last_search = Some(kept);
        }
        if let Some(view) = self.search.take() {
            view.leave_shown(&mut self.places, &self.library);
        }
        // The story open underneath, where it was left: it may have been read on among the
        // results.
        if let Some(r) = self.opened {
            self.place = Some(self.places.get(scope::id(&self.library, r)).unwrap_or(0));
        }
    }

    /// What `/` is to bring back: the search open now (with a query), else the one closed
    /// last. Saved with the position, so it is brought back after a restart too.
    pub(super) fn search_kept(&self) -> Option<LastSearch> {
        match &self.search {
            Some(view) if !view.line.is_empty() => Some(LastSearch {
                query: view.line.text().to_string(),
                scope: view.scope,
                // The one it is to select once its answer has it, else the one selected.
                selected: (view.reselect.as_ref())
                    .filter(|r| r.asked == view.line.text())
                    .map(|r| r.id.clone())
                    .or_else(|| view.selected_hit().map(|r| self.id_at(r).to_string())),
            }),
            _ => self.last_search.clone(),
        }
    }

    /// Sets what wakes the run loop when background work has finished (see
    /// [`App::poll_background`]).
    pub fn set_waker(&mut self, wake: impl Fn() + Send + 'static) {
        self.waker.set(wake);
    }

    /// True while background work is under way whose result the app still wants.
    pub fn background_pending(&self) -> bool {
        self.search.as_ref().is_some_and(|v| v.pending) || self.loader.is_some()
    }

    /// Takes the results of background work that have arrived; true when the screen changed.
    pub fn poll_background(&mut self) -> bool {
        let mut changed = false;
        let mut swapped = false;
        if let Some(loader) = &self.loader {
            changed |= loader.moved();
            if let Some(loaded) = loader.try_take() {
                self.loaded(loaded);
                (changed, swapped) = (true, true);
            }
        }
        if self.library.take_file_missed()
            && let Some(watch) = &self.watch
        {
            watch.look_now(false);
        }
        // Whether the look the user asked for is done, before what it found is taken: it
        // sends that first, so a look done is never taken for one that found nothing.
        let answered = self.look_asked.is_some_and(|ask| {
            self.loader.is_none() && self.watch.as_ref().is_some_and(|w| w.answered(ask))
        });
        // Taken once any indexing under way is done (that library would replace it).
        let found = match self.loader {
            None => self.watch.as_ref().and_then(|w| w.try_take()),
            Some(_) => None,
        };
        // A look the user asked for that found nothing new is said to be done.
        if answered {
            self.look_asked = None;
            if found.is_none() {
                // Shorter beside what is skipped, to keep to one row of 80 columns.
                let said = match self.still_skipped() {
                    None if self.library.origin.is_samples() => self.samples_note(),
                    None => {
                        "up to date: no file new, changed or removed since the last look".into()
                    }
                    Some(what) => {
                        format!("up to date; {what} still skipped — `ribao check` says why")
                    }
                };
                self.notify(said, false);
                changed = true;
            }
        }
        if let Some(found) = found {
            match found {
                Ok((library, pending)) => {
                    self.store_changed(library, pending);
                    swapped = true;
                }
                // What was read stays on screen, and the user knows it is all there is.
                Err(why) => {
                    self.notify_until_key(format!("{why} — showing the stories read before"), true)
                }
            }
            changed = true;
        }
        while let Some(response) = self.worker.as_ref().and_then(SearchWorker::try_recv) {
            changed |= self.take_response(response);
        }
        // Once the store is read whole again: a file `v` missed may be found renamed.
        if swapped && self.loader.is_none() {
            self.show_file_wanted();
        }
        if swapped {
            self.refresh_file_view();
        }
        changed
    }

    /// Waits (up to `timeout`) until the pending background work has answered and takes the
    /// answer; true when it did. For tests and scripts: the loop never waits like this.
    pub fn wait_background(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while let Some(loader) = &self.loader {
            let left = deadline.saturating_duration_since(Instant::now());
            match loader.wait(left) {
                Some(loaded) => self.loaded(loaded),
                None => return false,
            }
        }
        while self.background_pending() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(response) = self.worker.as_ref().and_then(|w| w.recv_timeout(left)) else {
                return false;
            };
            self.take_response(response);
        }
        true
    }

    fn take_response(&mut self, response: crate::tui::background::SearchResponse) -> bool {
        let Some(view) = self.search.as_mut() else {
            return false;
        };
        if response.generation != view.generation {
            return false;
        }
        let Some((_, scope)) = view.requested else {
            return false;
        };
        let query = std::mem::take(&mut view.requested_text);
        view.pending = false;
        let (hits, failed) = match response.hits {
            Ok(hits) => (hits, None),
            Err(why) => (Vec::new(), Some(why)),
        };
        // Results found by a filter of one word where a name with spaces was meant, or by the
        // other names of a filter one of whose names nothing has (once every file is indexed:
        // a name may be of those still to come): said as the results come (with none, the
        // no-match page says it).
        let advice = match hits.is_empty() {
            true => None,
            false => self.library.quoting_advice(&query).or_else(|| {
                let parsed = Query::parse(&query);
                let names = parsed.sources.len() + parsed.categories.len();
                let indexed = self.library.pending_count() == 0;
                let unknown = (names > 1 && indexed).then(|| self.library.unknown_name(&parsed));
                Some(unknown??.beside_results())
            }),
        };
        // (Said of another scope: the store changing under a search is said as such.)
        let reading = view.focus == SearchFocus::Article && view.answered_scope != scope;
        view.set_hits(hits, &query, scope, &mut self.places, &self.library);
        if reading && view.missing.is_some() && !view.hits.is_empty() {
            self.notify(
                "the story read is not among this scope's results: a goes on to the next scope",
                false,
            );
        }
        let Some(view) = self.search.as_mut() else {
            return false;
        };
        view.in_archive = response.in_archive;
        view.requested_text = query;
        let reselect = view
            .reselect
            .take()
            .filter(|r| r.asked == view.requested_text);
        let hits = (self.search.as_ref()).map_or(&[][..], |v| v.hits.as_slice());
        let at = (reselect.as_ref()).and_then(|r| self.position_in(hits, &r.id));
        // Not among them (its file removed, or changed past matching), the nearest result
        // beside it still found, once the answer is the whole one (tester DN: the first).
        let whole = self.library.pending_count() == 0;
        let near = (reselect.as_ref())
            .filter(|_| at.is_none() && whole)
            .and_then(|r| (r.near.iter()).find_map(|id| self.position_in(hits, id)));
        // One read, its story still there, no longer matches: said, as its going is, and
        // why: its file changed, or the scope's days are others now (tester EG: a search
        // reopened over a later date's last 30 days said its file had changed).
        let unmatched = (reselect.as_ref())
            .filter(|r| at.is_none() && whole && r.read)
            .and_then(|r| self.library.find(&r.id))
            .map(|story| {
                let outside =
                    (self.search_within(scope)).is_some_and(|d| !d.contains(&story.digest));
                (story.title.to_string(), outside)
            });
        if let Some(at) = near {
            self.select_result(at);
        }
        if let Some((title, outside)) = unmatched {
            let title = self.quoted(&title);
            let said = match outside {
                true => format!(
                    "{title} is not among the results: its date is outside {}",
                    self.label_of(scope)
                ),
                false => format!("{title} no longer matches the search: its file changed"),
            };
            self.notify(said, false);
        }
        if let Some(at) = at {
            self.select_result(at);
            // Unless the keys went elsewhere meanwhile (the line, to type).
            if let Some(view) = self.search.as_mut()
                && reselect.is_some_and(|r| r.read)
                && view.focus == SearchFocus::Results
            {
                view.focus = SearchFocus::Article;
            }
        } else if let Some(view) = self.search.as_mut()
            && let Some(r) = reselect
        {
            // The result being read is not among these (its file being indexed again, or
            // emptied): no other is read in its place (tester CO: the first was).
            if r.read && view.focus == SearchFocus::Article {
                view.focus = SearchFocus::Results;
            }
            if self.library.pending_count() > 0 {
                // Not found among the files indexed so far: looked for in the answers to
                // come (tester BY: a fresh index selected the first result, and saved it).
                view.reselect = Some(r);
            }
        }
        if self
            .search
            .as_mut()
            .is_some_and(|v| std::mem::take(&mut v.read_when_answered))
        {
            self.open_result();
        }
        if let Some(advice) = advice {
            self.notify(advice, false);
        }
        if let Some(why) = failed {
            // One message, not one more per keystroke.
            self.notify(
                format!("the search failed (please report this): {why}"),
                true,
            );
        }
        true
    }

    /// The digests a search in `scope` covers; None for the whole archive.
    fn search_within(&self, scope: Scope) -> Option<Vec<usize>> {
        match scope {
            Scope::All => None,
            _ => Some(scope::digests_in(self.dates(), scope, self.scope_at(scope))),
        }
    }

    /// Asks the search thread for the current query and scope (unless that is what was asked
    /// last). An empty query is answered at once: no results, and the hint.
    pub(super) fn request_search(&mut self) {
        let Some(view) = self.search.as_ref() else {
            return;
        };
        let query = view.query();
        let scope = view.scope;
        if view.requested.as_ref() == Some(&(query.clone(), scope)) {
            // The same search written another way (a phrase's closing quote typed): its
            // answer stands, said in the words now on the line.
            let Some(view) = self.search.as_mut() else {
                return;
            };
            view.requested_text = view.line.text().to_string();
            if !view.pending {
                view.answered = view.requested_text.clone();
            }
            return;
        }
        let within = if query.is_empty() {
            None
        } else {
            self.search_within(scope)
        };
        if !query.is_empty() && self.worker.is_none() {
            match SearchWorker::spawn(Arc::clone(&self.library), self.waker.clone()) {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => {
                    self.notify(
                        format!(
                            "cannot start the search thread: {}",
                            crate::io_error::in_words(&e)
                        ),
                        true,
                    );
                    return;
                }
            }
        }
        let Some(view) = self.search.as_mut() else {
            return;
        };
        view.generation += 1;
        (view.early_moves, view.read_when_answered) = (0, false);
        view.requested = Some((query.clone(), scope));
        view.requested_text = view.line.text().to_string();
        if query.is_empty() {
            view.pending = false;
            let text = view.line.text().to_string();
            view.set_hits(Vec::new(), &text, scope, &mut self.places, &self.library);
            return;
        }
        let request = SearchRequest {
            generation: view.generation,
            query,
            within,
        };
        view.pending = self.worker.as_ref().is_some_and(|w| w.request(request));
        if !view.pending {
            self.worker = None;
            self.notify("the search thread stopped; try again", true);
        }
    }

    fn set_search_scope(&mut self, scope: Scope) {
        if let Some(view) = self.search.as_mut() {
            view.scope = scope;
        }
        self.request_search();
    }

    fn cycle_search_scope(&mut self, forward: bool) {
        if let Some(scope) = self.search.as_ref().map(|v| v.scope) {
            self.set_search_scope(if forward { scope.next() } else { scope.prev() });
        }
    }

    /// A key for the search line; false when it is not one (the keymap gets it).
    /// A key of the search line's editing (see [`App::line_key`]).
    pub(super) fn search_line_key(&mut self, key: &KeyEvent) -> bool {
        // Backspace on an empty line goes back as Esc does, as the help says it does
        // (tester DQ: it did nothing).
        let empty = self.search.as_ref().is_some_and(|v| v.line.is_empty());
        if empty && key.code == KeyCode::Backspace && key.modifiers.is_empty() {
            return false;
        }
        let Some(edited) = self.search.as_mut().and_then(|v| v.line.key(key)) else {
            return false;
        };
        if edited == Edited::Text {
            self.request_search();
        }
        true
    }

    pub(super) fn search_key(&mut self, key: &KeyEvent) -> bool {
        let Some(view) = self.search.as_mut() else {
            return false;
        };
        match key.code {
            KeyCode::Up | KeyCode::Down => {
                self.move_search_by(if key.code == KeyCode::Up { -1 } else { 1 });
            }
            KeyCode::Tab => {
                self.cycle_search_scope(true);
                return true;
            }
            KeyCode::BackTab => {
                self.cycle_search_scope(false);
                return true;
            }
            KeyCode::Enter => {
                if view.query().is_empty() {
                    self.notify("type what to search for first", false);
                } else {
                    view.focus = SearchFocus::Results;
                    view.back_to_results = None;
                }
                return true;
            }
            KeyCode::Esc | KeyCode::Backspace if view.back_to_results.is_some() => {
                view.focus = SearchFocus::Results;
                let Some(before) = view.back_to_results.take() else {
                    return true;
                };
                if view.line.text() != before.query {
                    view.line = LineEdit::recalled(&before.query);
                }
                view.scope = before.scope;
                view.reselect = before.selected.map(|id| Reselect {
                    asked: before.query,
                    id,
                    ..Default::default()
                });
                self.request_search();
                self.reselect_answered();
                return true;
            }
            KeyCode::Esc | KeyCode::Backspace => {
                // A query typed that found nothing (or nothing yet) is let go: `/` and `n`
                // bring back the last one that did (tester DJ: one typed and called off
                // replaced it, and `n` found nothing).
                if view.answered != view.line.text() || view.hits.is_empty() {
                    view.line.clear();
                }
                self.close_search();
                return true;
            }
            _ => return false,
        }
        true
    }

    /// An action (from the keymap) while the search view is open and the line does not have
    /// the keyboard.
    pub(super) fn update_search(&mut self, action: Action) -> Option<Effect> {
        let view = self.search.as_mut()?;
        let focus = view.focus;
        let results_page = self.view.results_height.max(2) as isize - 1;
        let article_page = view.article_height.max(2) as isize - 1;
        match (action, focus) {
            // As in the bookmarks view, q in a story goes back to the list, and closes the
            // view from there (tester DW: in a result's story it closed the search whole).
            (Action::Back | Action::Quit, SearchFocus::Article) => {
                view.focus = SearchFocus::Results
            }
            (Action::Quit, _) => self.close_search(),
            // Taken before any view (see the top of `App::update`).
            (Action::ForceQuit | Action::Suspend | Action::Redraw, _) => {}
            (Action::Help, _) => self.help = Some(0),
            (Action::LookAtStore, _) => self.look_at_store(),
            (Action::Bookmarks, _) => self.open_bookmarks(),
            (Action::Links, _) => self.open_links(),
            (Action::ViewFile, _) => self.open_file_view(),
            // The query to edit: the cursor at its end, not replaced by the first key.
            (Action::Search, _) => {
                let before = self.search_kept();
                if let Some(view) = self.search.as_mut() {
                    view.focus = SearchFocus::Line;
                    view.line.end();
                    view.back_to_results = before;
                }
            }
            (Action::Scope, _) => self.cycle_search_scope(true),
            (Action::Back, _) => self.close_search(),
            (Action::ToggleRead, _) => self.toggle_read(),
            (Action::MarkAllRead, _) => {
                let hits = view.hits.clone();
                self.mark_all_read(hits, None);
            }
            (Action::ToggleBookmark, _) => self.toggle_bookmark(),
            (Action::CopyLink | Action::OpenLink, _) => return self.on_link(action),
            (Action::NextMatch, SearchFocus::Article) => self.step_match(true),
            (Action::PrevMatch, SearchFocus::Article) => self.step_match(false),
            (Action::NextMatch, _) => {
                self.step_result(1);
            }
            (Action::PrevMatch, _) => {
                self.step_result(-1);
            }
            (Action::NextStory | Action::PrevStory, _) => {
                let delta = if action == Action::NextStory { 1 } else { -1 };
                if self.step_result(delta) {
                    self.open_result();
                }
            }
            // Nothing beyond, said as in the reader's panes (tester DE: nothing happened).
            (Action::Open | Action::Right, SearchFocus::Article) => self.notify(
                "the article is the last level: o opens its link, h or Esc goes back to the \
                 results",
                false,
            ),
            (Action::Left, SearchFocus::Results) => self.notify(
                "the results are the first level: Esc closes the search",
                false,
            ),
            (Action::Open, _) => self.open_result(),
            (Action::Right | Action::NextPane | Action::PrevPane, SearchFocus::Results) => {
                if view.selected_hit().is_some() {
                    view.read_selected();
                }
            }
            (Action::Left | Action::NextPane | Action::PrevPane, SearchFocus::Article) => {
                view.focus = SearchFocus::Results
            }
            (Action::Down, SearchFocus::Article) => self.scroll_search_article(1),
            (Action::Up, SearchFocus::Article) => self.scroll_search_article(-1),
            (Action::PageDown, SearchFocus::Article) => self.scroll_search_article(article_page),
            (Action::PageUp, SearchFocus::Article) => self.scroll_search_article(-article_page),
            (Action::First, SearchFocus::Article) => self.scroll_search_article(isize::MIN),
            (Action::Last, SearchFocus::Article) => self.scroll_search_article(isize::MAX),
            (Action::Down, _) => self.move_search_by(1),
            (Action::Up, _) => self.move_search_by(-1),
            (Action::PageDown, _) => self.move_search_by(results_page),
            (Action::PageUp, _) => self.move_search_by(-results_page),
            (Action::First, _) => self.move_search_by(isize::MIN),
            (Action::Last, _) => self.move_search_by(isize::MAX),
            (
                Action::OlderDate
                | Action::NewerDate
                | Action::Categories
                | Action::Overview
                | Action::GoToDate,
                _,
            ) => self.notify("Esc closes the search first", false),
            (Action::RemoveBookmark, _) => {
                self.notify("d works in the bookmarks view: press B", false)
            }
            (Action::Undo, _) => self.undo(),
            (Action::Left | Action::Right | Action::NextPane | Action::PrevPane, _) => {}
        }
        None
    }

    /// The result to select again, selected now where its search is answered already (asked
    /// again, the same search gets no answer to select it in).
    fn reselect_answered(&mut self) {
        let Some(view) = self.search.as_ref() else {
            return;
        };
        let answered = !view.pending && view.answered_scope == view.scope;
        let Some(r) = view
            .reselect
            .as_ref()
            .filter(|r| answered && r.asked == view.answered)
        else {
            return;
        };
        if let Some(at) = self.position_in(&view.hits, &r.id) {
            self.select_result(at);
        }
        if let Some(view) = self.search.as_mut() {
            view.reselect = None;
        }
    }

    /// Enter on a result: the article gets the keyboard; the story is read now.
    fn open_result(&mut self) {
        let Some(view) = self.search.as_mut() else {
            return;
        };
        // The answer to come is the one meant, not the results of what was typed before.
        if view.pending {
            view.read_when_answered = true;
            return self.notify("still searching…: it opens once the results come", false);
        }
        let Some(r) = view.selected_hit() else {
            return self.notify("no result to open", false);
        };
        view.read_selected();
        self.mark_opened(r);
    }

    /// `n`/`N` in the results: the selection a result on; false (said) when there is none
    /// there.
    fn step_result(&mut self, delta: isize) -> bool {
        let Some(view) = self.search.as_mut() else {
            return false;
        };
        let target = view.selected.checked_add_signed(delta);
        match target.filter(|&t| t < view.hits.len()) {
            Some(t) => {
                self.select_result(t);
                true
            }
            None if view.hits.is_empty() => {
                self.notify("no result to move to", false);
                false
            }
            None => {
                let which = if delta > 0 { "last" } else { "first" };
                self.notify(format!("already at the {which} result"), false);
                false
            }
        }
    }

    /// The search's selection `delta` results on (see [`SearchView::move_by`]).
    fn move_search_by(&mut self, delta: isize) {
        if let Some(view) = self.search.as_mut() {
            view.move_by(delta, &mut self.places, &self.library);
        }
    }

    /// The search's result `at` selected.
    fn select_result(&mut self, at: usize) {
        if let Some(view) = self.search.as_ref() {
            self.move_search_by(at as isize - view.selected as isize);
        }
    }

    fn scroll_search_article(&mut self, delta: isize) {
        if let Some(view) = self.search.as_mut() {
            view.scroll = view
                .scroll
                .saturating_add_signed(delta)
                .min(view.max_scroll());
        }
    }

    /// The shown result's article rows with the query's terms marked, for `width` columns
    /// (computed again only when the story, the width or the terms change).
    pub(crate) fn search_marked(&mut self, width: usize) -> Option<&Marked> {
        let view = self.search.as_mut()?;
        let item = view.shown?;
        let key = MarkKey {
            item,
            width,
            opts: self.text,
            terms: view.terms.clone(),
        };
        if view.marked.as_ref().is_none_or(|(k, _)| *k != key) {
            let article =
                self.article
                    .composed(&self.library, Content::Story(item), width, self.text);
            let marked = highlight::mark(
                &article.lines,
                article.unsearched.clone(),
                &key.terms,
                MATCH,
                width,
                self.text,
            );
            if view.current.is_some_and(|c| c >= marked.matches.len()) {
                view.current = None;
            }
            // The same story laid out at another width: the same words at the top.
            match &view.marked {
                Some((old, shown)) if old.item == item && old.width != width => {
                    let place = Anchor::kept_at(view.anchor, view.scroll).unwrap_or_else(|| {
                        crate::text::place::chars_before(&shown.lines, view.scroll)
                    });
                    let anchor = Anchor::in_lines(place, &marked.lines);
                    view.scroll = anchor.row;
                    view.anchor = Some(anchor);
                    // The current match is to stay in view, once the new height is known.
                    view.relaid = true;
                }
                _ => view.anchor = None,
            }
            view.article_len = marked.lines.len();
            view.marked = Some((key, marked));
        }
        // Where the story was left, in the results or the reader.
        if let (Some(place), Some((_, marked))) = (view.place, &view.marked) {
            let anchor = Anchor::in_lines(place, &marked.lines);
            (view.scroll, view.anchor, view.place) = (anchor.row, Some(anchor), None);
        }
        view.marked.as_ref().map(|(_, m)| m)
    }

    /// `n`/`N` in the article: the next / previous match, scrolled into view; past the last
    /// (first) one, the first (last) match of the next (previous) result.
    fn step_match(&mut self, forward: bool) {
        let width = self.view.article_width.max(1);
        let Some(lines) = self
            .search_marked(width)
            .map(|m| m.matches.iter().map(|p| p.line).collect::<Vec<usize>>())
        else {
            return;
        };
        let Some(view) = self.search.as_mut() else {
            return;
        };
        let height = view.article_height.max(1);
        let next = match (view.current, forward) {
            (Some(c), true) => Some(c + 1),
            (Some(c), false) => c.checked_sub(1),
            // From no current match: the first one on screen or below / above it.
            (None, true) => Some(lines.partition_point(|&l| l < view.scroll)),
            (None, false) => lines
                .partition_point(|&l| l < view.scroll + height)
                .checked_sub(1),
        };
        if let Some(n) = next.filter(|&n| n < lines.len()) {
            view.current = Some(n);
            self.show_match_line(lines[n]);
            return;
        }
        // Past the ends: the neighbouring result.
        let target = view
            .selected
            .checked_add_signed(if forward { 1 } else { -1 })
            .filter(|&t| t < view.hits.len());
        let Some(t) = target else {
            let which = if forward { "last" } else { "first" };
            self.notify(
                format!("no more matches: this is the {which} result"),
                false,
            );
            return;
        };
        let total = view.hits.len();
        self.select_result(t);
        let r = self.search.as_ref().and_then(|v| v.shown);
        if let Some(r) = r {
            self.mark_opened(r);
        }
        let count = self.search_marked(width).map_or(0, |m| m.matches.len());
        let mut first_line = None;
        if let Some(view) = self.search.as_mut()
            && count > 0
        {
            let n = if forward { 0 } else { count - 1 };
            view.current = Some(n);
            first_line = view
                .marked
                .as_ref()
                .and_then(|(_, m)| m.matches.get(n))
                .map(|p| p.line);
        }
        if let Some(line) = first_line {
            self.show_match_line(line);
        }
        // Said as leaving the story, which `n` in it did without a word but the count.
        let which = if forward { "last" } else { "first" };
        self.notify(
            format!(
                "past the {which} match of the story: result {} of {total}",
                t + 1
            ),
            false,
        );
    }

    /// Scrolls the search article so that row `line` is visible (a third down the pane when
    /// it has to move).
    fn show_match_line(&mut self, line: usize) {
        let Some(view) = self.search.as_mut() else {
            return;
        };
        let height = view.article_height.max(1);
        if line < view.scroll || line >= view.scroll + height {
            view.scroll = line.saturating_sub(height / 3);
        }
        // The article length is known only after a draw at this width; clamp to it when known.
        if view.article_len > 0 {
            view.scroll = view.scroll.min(view.max_scroll());
        }
    }

    /// Called by the UI after it laid out the search article.
    pub(crate) fn set_search_article_metrics(&mut self, len: usize, height: usize) {
        let Some(view) = self.search.as_mut() else {
            return;
        };
        view.article_len = len;
        view.article_height = height;
        // Laid out at another size: the current match stays in view, as it is what `n` was
        // pressed to see, even where the words kept at the top would leave it below.
        if std::mem::take(&mut view.relaid)
            && let Some((_, marked)) = &view.marked
            && let Some(line) = view.current.and_then(|c| Some(marked.matches.get(c)?.line))
            && (line < view.scroll || line >= view.scroll + height.max(1))
        {
            view.scroll = line.saturating_sub(height / 3);
            view.anchor = None;
        }
        // Held short of its place (the story fits, or ends sooner): the place stays the one
        // to go back to at the next size, while the reader is left there, as in the reader's
        // article (tester CN: it went back to the top).
        let held = view.scroll.min(view.max_scroll());
        if let Some(anchor) = view.anchor.as_mut().filter(|a| a.row == view.scroll) {
            anchor.row = held;
        }
        view.scroll = held;
    }
}
