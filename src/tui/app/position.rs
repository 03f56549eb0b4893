//! Where the reader is, as the state file keeps it: the saved position made of the app's
//! state, and going back to one (at start, after a new index, leaving the bookmarks view).

use super::{App, ItemRef, Pane, Scope, searching};
use crate::state::Position;
use crate::tui::scope::{self, CategoryFilter, DateGroup};
use crate::tui::search::SearchFocus;

impl App {
    /// Where the reader is: scope, date, category, the highlighted or open story and how far
    /// it is scrolled.
    pub fn position(&self) -> Position {
        // With the search as it is now: one may be typed while the place waits.
        if let Some(saved) = &self.unrestored {
            let mut saved = saved.clone();
            if let Some(search) = self.search_to_save() {
                let (key, value) = search_entry(&search);
                saved.extra.insert(key, value);
                saved.extra.insert(
                    POSITION_SEARCH_OPEN.to_string(),
                    self.search_open_as().into(),
                );
            }
            return saved;
        }
        // A bookmark read from the bookmarks view is a look at it, not a move: the place is
        // the one closing the view goes back to (tester BX: a restart opened at the
        // bookmark's date, the search open before lost).
        let view = self.bookmarks.as_ref().or(self.return_to.as_ref());
        if let Some(came_from) = view.and_then(|v| v.came_from.as_ref()) {
            return came_from.clone();
        }
        let mut p = self.reader_position();
        // Written when closed too: a saved position keeps the keys it is not given.
        p.extra.insert(
            POSITION_SEARCH_OPEN.to_string(),
            self.search_open_as().into(),
        );
        p
    }

    /// How the search is open over the reader, to open it so again (see
    /// [`POSITION_SEARCH_OPEN`]); None when it is closed or holds no query.
    fn search_open_as(&self) -> Option<&'static str> {
        let view = self.search.as_ref().filter(|v| !v.line.is_empty())?;
        Some(match view.focus {
            SearchFocus::Article => "article",
            // A result to be read once the answer comes is being read.
            SearchFocus::Results if view.reselect.as_ref().is_some_and(|r| r.read) => "article",
            SearchFocus::Line | SearchFocus::Results => "results",
        })
    }

    /// Opens the last search again as `p` says it was open over the reader: at its results,
    /// or reading the result that was selected once the answer has it.
    pub(super) fn reopen_search(&mut self, p: &Position) {
        let how = p.extra.get(POSITION_SEARCH_OPEN).and_then(|v| v.as_str());
        if how.is_none() || self.last_search.is_none() {
            return;
        }
        self.resume_search();
        if how == Some("article")
            && let Some(result) = self.search.as_mut().and_then(|v| v.reselect.as_mut())
        {
            result.read = true;
        }
    }

    /// Where the reader is under any search: what closing the search brings back.
    pub(super) fn reader_position(&self) -> Position {
        // The story is the one open in the article pane, else the highlighted one (whatever
        // pane has the focus: in a many-day scope it is also what says the date).
        let highlighted = self.items.get(self.item).copied();
        // The category followed, though this date lacks it and shows them all (tester AR:
        // it was saved as all, and the next date that has it showed all after a restart).
        let category = self.chosen_category().unwrap_or(CategoryFilter::All);
        let group = category.group();
        let (pane, story) = match self.focus {
            Pane::Dates => ("dates", highlighted),
            Pane::Categories => ("categories", highlighted),
            Pane::Items => ("stories", highlighted),
            Pane::Article if self.opened.is_some() => ("article", self.opened),
            Pane::Article => ("overview", highlighted),
        };
        let open = self.opened.map(|r| self.id_at(r));
        // The article pane's scroll, whatever it shows and wherever the focus is; and the
        // words at its top, which hold at another size.
        let place = self.article_place(&self.article_content());
        Position {
            date: self
                .dates
                .get(self.date)
                .map(|g| crate::model::date_label(g.date)),
            category: Some(category.label().to_string()),
            item: story.map(|r| self.id_at(r).to_string()),
            scroll: self.scroll,
            extra: self.in_this_store(position_extra(
                (
                    self.scope,
                    self.window_end.filter(|_| self.scope.days().is_some()),
                ),
                group,
                pane,
                open,
                place,
                Some(Lists {
                    dates_top: self.view.offsets[0],
                    stories_top: self.view.offsets[2],
                    stories_row: self.item,
                }),
                self.search_to_save().as_ref(),
            )),
        }
    }

    /// Saves what quitting keeps: the place, when a key went somewhere in this session, else
    /// the newest date seen, once new digests were said (so they are not said at every start:
    /// tester DW); Err says what was lost (see [`Session::flush`](crate::tui::Session::flush)).
    pub fn save_on_quit(&mut self) -> anyhow::Result<()> {
        if !self.touched {
            // The new digests said: only the newest date, onto whatever place is saved by
            // then (another reader's, maybe newer: tester DQ).
            if self.untold_since.is_none()
                && let Some(newest) = self.newest_date()
            {
                self.session
                    .save_newest_seen(&self.store_key(), &newest.to_string());
            }
        } else {
            let position = self.position();
            self.session.set_position(position);
            // The story open, and the search's, are left where they are.
            self.leave_story();
            if let Some(view) = &self.search {
                view.leave_shown(&mut self.places, &self.library);
            }
            self.session.set_places(self.places.to_save());
        }
        self.session.flush()
    }

    /// The last search to save with the place: None when none was opened in this session,
    /// so that the one saved (maybe by another reader since) stays.
    fn search_to_save(&self) -> Option<Option<searching::LastSearch>> {
        self.searched.then(|| self.search_kept())
    }

    /// Goes back to where the reader was when it last quit; whatever is gone since (a date,
    /// a category, a story) is skipped.
    pub(super) fn restore_position(&mut self) {
        if let Some(mut p) = self.session.position_in(&self.store_key()).cloned() {
            self.last_search = p
                .extra
                .get(POSITION_SEARCH)
                .and_then(searching::LastSearch::from_json);
            // A story retitled since has another id now (see `index::aliases`).
            let now = |id: &str| self.library.find(id).map(|v| v.id.to_string());
            if let Some(id) = p.item.as_deref().and_then(now) {
                p.item = Some(id);
            }
            if let Some(id) = p
                .extra
                .get(POSITION_OPEN)
                .and_then(|v| v.as_str())
                .and_then(now)
            {
                p.extra.insert(POSITION_OPEN.to_string(), id.into());
            }
            let seen = p.extra.get(Position::NEWEST).and_then(|v| v.as_str());
            self.untold_since = seen.and_then(crate::model::parse_date_label);
            self.restore(&p);
            self.tell_newer_since();
            self.reopen_search(&p);
            self.wait_for_place(p);
        }
    }

    /// A saved position's keys with [`Position::STORE`]'s, and the newest date the store
    /// had then.
    fn in_this_store(&self, mut extra: crate::state::Extra) -> crate::state::Extra {
        extra.insert(Position::STORE.to_string(), self.store_key().into());
        // Digests still untold (being indexed at quit) are said at the next start.
        let newest = match self.newer_since_pending() {
            true => self.untold_since,
            false => self.newest_date(),
        };
        let newest = newest.map(|d| d.to_string());
        extra.insert(Position::NEWEST.to_string(), newest.into());
        extra
    }

    fn newest_date(&self) -> Option<chrono::NaiveDate> {
        scope::newest_come(&self.dates).and_then(|at| self.dates[at].date)
    }

    /// The digests dated after the newest the reader had when it was left, said with their
    /// dates (tester BQ: the reader came back to yesterday's story, the newer dates out of
    /// view above it, unsaid), once, after what going back to the saved place said (tester
    /// CV: its date gone from the store was said in their place).
    pub(super) fn tell_newer_since(&mut self) {
        let Some(seen) = self.untold_since else {
            return;
        };
        if self.newer_since_pending() {
            return;
        }
        let newer: Vec<Option<chrono::NaiveDate>> = (self.dates_after(seen))
            .flat_map(|g| g.digests.iter().map(|_| g.date))
            .collect();
        if newer.is_empty() {
            // Nothing new, and no more to come of indexing: nothing to tell, here on (a
            // review: kept through a key, it said a digest that came later a second time).
            if self.library.pending_count() == 0 {
                self.untold_since = None;
            }
        } else {
            let digests = crate::text::plural(newer.len(), "new digest", "new digests");
            let dates = super::loading::dates_named(newer);
            let said = format!("{digests} since you were last here, under {dates}");
            // Held until a key (tester DW: gone in 3 s, before a start's first look).
            match &self.message {
                // Said after the error, not over it.
                Some(m) if m.error => return,
                Some(m) => self.notify_until_key(format!("{}; {said}", m.text), false),
                None => self.notify_until_key(said, false),
            }
            self.untold_since = None;
        }
    }

    /// The dates after `seen` that have come.
    fn dates_after(&self, seen: chrono::NaiveDate) -> impl Iterator<Item = &DateGroup> {
        (self.dates.iter()).filter(move |g| {
            g.date
                .is_some_and(|d| d > seen && crate::model::has_come(d))
        })
    }

    /// Whether a digest new since the last visit, still untold, is still being indexed: it
    /// is listed under the date its file's name gives, which its text may not, so it is said
    /// once read (tester EB: with the cache deleted, dates no digest had were said new).
    pub(super) fn newer_since_pending(&self) -> bool {
        let digests = self.library.digests();
        self.untold_since.is_some_and(|seen| {
            (self.dates_after(seen)).any(|g| g.digests.iter().any(|&d| digests[d].pending))
        })
    }

    /// What [`Position::STORE`] says of the digests shown.
    fn store_key(&self) -> String {
        match &self.library.origin {
            // Canonical: `--store ./x` and `--store /home/me/x` are one store.
            crate::library::Origin::Store(root) => std::fs::canonicalize(root)
                .unwrap_or_else(|_| root.clone())
                .to_string_lossy()
                .into_owned(),
            crate::library::Origin::Samples { .. } => "samples".into(),
        }
    }

    /// While files are being indexed, a place whose story is not found (yet) waits for them,
    /// and is gone back to when they are, unless the user goes elsewhere first.
    pub(super) fn wait_for_place(&mut self, p: Position) {
        let found = p.item.as_deref().is_none_or(|id| {
            let at = |r: Option<ItemRef>| r.is_some_and(|r| self.position_in(&[r], id).is_some());
            at(self.opened) || at(self.items.get(self.item).copied())
        });
        self.unrestored = (!found && self.library.pending_count() > 0).then_some(p);
    }

    /// The date group of `want`, else of the nearest older date (where the reader was
    /// going), else of the nearest newer one; never the undated digests.
    pub(super) fn date_nearest(&self, want: chrono::NaiveDate) -> Option<usize> {
        let dates = || self.dates.iter();
        let at_or_older = dates().position(|g| g.date.is_some_and(|d| d <= want));
        let newer = || dates().rposition(|g| g.date.is_some_and(|d| d > want));
        at_or_older.or_else(newer)
    }

    /// Goes to a saved position; whatever is gone (a date, a category, a story) is skipped.
    /// The saved date, when it is gone from the store, and the date group said to be shown
    /// instead.
    pub(super) fn restore(&mut self, p: &Position) -> Option<(chrono::NaiveDate, usize)> {
        let saved = |key: &str| p.extra.get(key).and_then(|v| v.as_str());
        let scope = saved(POSITION_SCOPE)
            .and_then(Scope::from_key)
            .unwrap_or(Scope::Day);
        // Older files name no group: a publication's own category, or all.
        let group = saved(POSITION_GROUP).unwrap_or("source");
        let unified = group == "unified";
        let by_date = p.date.as_deref().and_then(|d| {
            self.dates
                .iter()
                .position(|g| crate::model::date_label(g.date) == d)
        });
        let by_item = || self.date_of_item(p.item.as_deref()?);
        let mut date = by_date.or_else(by_item);
        let same_date = date.is_some();
        let mut gone = None;
        // The date's files are gone from the store: the next older date (where the reader
        // was going), else the next newer one (tester CJ: the oldest gone, the newest was
        // gone to, the other end of the archive).
        if date.is_none()
            && let Some(want) = p.date.as_deref().and_then(crate::model::parse_date_label)
            && !self.dates.is_empty()
        {
            let at = self.date_nearest(want).unwrap_or(0);
            self.say_date_gone(want, at);
            gone = Some((want, at));
            date = Some(at);
        }
        if date.is_none() && scope == Scope::Day {
            return gone;
        }
        let window_end = saved(POSITION_SCOPE_END).and_then(crate::model::parse_date_label);
        // Newer digests moved the last N days past the date (since the reader was left, or
        // while it runs): that day alone, so the place and the open story stay.
        let scope = match (date, self.window_at(window_end)) {
            (Some(d), Some(at))
                if scope.days().is_some()
                    && !scope::groups_in(&self.dates, scope, at).contains(&d) =>
            {
                self.notify(
                    format!(
                        "{} does not reach {} any more: that day is shown (a changes the scope)",
                        scope::label(&self.dates, scope, at),
                        crate::model::date_label(self.dates[d].date)
                    ),
                    false,
                );
                Scope::Day
            }
            _ => scope,
        };
        self.scope = scope;
        self.window_end = window_end;
        self.select_date(date.unwrap_or(0));
        if scope.is_multi_date() {
            self.refresh_scope(None, None);
        }
        // A unified category saved before the built-in ones had English names too
        // (`技术与研究`, now `技术与研究 / Research`) is the one it names.
        let groups = &self.library.index().unified_groups;
        let category = p.category.as_deref().map(|c| match unified {
            true => (groups.iter())
                .find(|g| g.split_once(" / ").is_some_and(|(zh, _)| zh == c))
                .map_or(c, String::as_str),
            false => c,
        });
        if let Some(c) = category.and_then(|c| {
            self.categories
                .iter()
                .position(|k| k.filter.label() == c && k.filter.group() == group)
        }) {
            self.select_category(c);
            self.focus = Pane::Items;
        } else if let Some(label) = category {
            // Not at this date: followed to the next that has it, as before the restart.
            self.followed =
                Some(CategoryFilter::saved(label, group)).filter(|f| *f != CategoryFilter::All);
        }
        let number = |key: &str| {
            p.extra
                .get(key)
                .and_then(|v| v.as_u64())
                .map(|n| n as usize)
        };
        let found = p
            .item
            .as_deref()
            .and_then(|id| self.position_in(&self.items, id));
        if let Some(pos) = found {
            self.item = pos;
            self.follow_item_date();
        } else if let Some(date) = date
            && scope.is_multi_date()
        {
            // Refreshing the list selected its first story, the newest date's.
            self.select_date(date);
        } else if let Some(row) = number(POSITION_STORIES_ROW)
            && same_date
            && !self.items.is_empty()
        {
            // The story is gone from its file: the one now in its row (of its date: on
            // another, the row says nothing).
            self.item = row.min(self.items.len() - 1);
        }
        // Positions saved before the pane was kept say "article" for an open story.
        match (saved(POSITION_PANE), found) {
            (Some("dates"), _) => self.focus = Pane::Dates,
            (Some("categories"), _) => self.focus = Pane::Categories,
            // Earlier readers said `preview` for a story previewed beside the stories.
            (Some("stories" | "preview"), _) => self.focus = Pane::Items,
            (Some("overview"), _) => self.focus = Pane::Article,
            (_, Some(pos)) => {
                self.opened = Some(self.items[pos]);
                self.focus = Pane::Article;
            }
            // The open story is gone: the list it was in has the keys.
            (Some("article"), None) if !self.items.is_empty() => self.focus = Pane::Items,
            (_, None) => {}
        }
        // A story open beside another highlighted one.
        if let Some(pos) = saved(POSITION_OPEN).and_then(|id| self.position_in(&self.items, id)) {
            self.opened = Some(self.items[pos]);
        }
        // The article pane as it was, when it shows what it showed: its scroll (clamped on
        // the first draw), and the words at its top, found at whatever size this is.
        let was_open = match saved(POSITION_PANE) {
            Some("article") | None => p.item.as_deref(),
            _ => saved(POSITION_OPEN),
        };
        let shows_it = match (was_open, self.opened) {
            (Some(id), Some(r)) => self.position_in(&[r], id).is_some(),
            (None, None) => true,
            _ => false,
        };
        if shows_it {
            self.scroll = p.scroll;
            self.place = number(POSITION_PLACE);
        }
        // The dates and the stories lists scrolled as they were (the first draw moves them
        // only as far as the highlighted row needs to be seen; tester AN: the dates came
        // back a row off).
        if let Some(top) = number(POSITION_DATES_TOP) {
            self.view.offsets[0] = top;
        }
        if let Some(top) = number(POSITION_STORIES_TOP) {
            self.view.offsets[2] = top;
        }
        gone
    }

    /// Says that the date `want` is gone from the store, and that the date group `shown` is
    /// shown instead.
    pub(super) fn say_date_gone(&mut self, want: chrono::NaiveDate, shown: usize) {
        let shown = self.dates.get(shown).map(|g| g.date);
        let shown = shown.map_or_else(String::new, |d| {
            format!(": {} is shown", crate::model::date_label(d))
        });
        self.notify(format!("{want} is no longer in the store{shown}"), false);
    }

    /// The date group of the story with this id (one id lookup, not a search per date).
    pub(super) fn date_of_item(&self, id: &str) -> Option<usize> {
        let digest = self.library.find(id)?.digest;
        self.group_of.get(digest).copied()
    }
}

/// Where the lists were scrolled, and the highlighted story's row.
#[derive(Clone, Copy)]
struct Lists {
    dates_top: usize,
    stories_top: usize,
    stories_row: usize,
}

/// The saved position's key for the last search, and `search` as it saves it.
fn search_entry(search: &Option<searching::LastSearch>) -> (String, serde_json::Value) {
    let json = search.as_ref().map(searching::LastSearch::to_json);
    (POSITION_SEARCH.to_string(), json.into())
}

/// The saved position's keys beside date, category, story and scroll. Every key is written
/// each time, but the last search when `search` is None (no search in this session): a
/// saved position keeps the keys it is not given, so another reader's stays.
fn position_extra(
    (scope, window_end): (Scope, Option<chrono::NaiveDate>),
    group: &str,
    pane: &str,
    open: Option<&str>,
    place: Option<usize>,
    lists: Option<Lists>,
    search: Option<&Option<searching::LastSearch>>,
) -> crate::state::Extra {
    let search = search.map(search_entry);
    crate::state::Extra::from_iter(
        [
            (POSITION_SCOPE.to_string(), scope.key().into()),
            (
                POSITION_SCOPE_END.to_string(),
                window_end.map(|d| d.to_string()).into(),
            ),
            (POSITION_GROUP.to_string(), group.into()),
            (POSITION_PANE.to_string(), pane.into()),
            (POSITION_OPEN.to_string(), open.into()),
            (POSITION_PLACE.to_string(), place.into()),
            (
                POSITION_DATES_TOP.to_string(),
                lists.map(|l| l.dates_top).into(),
            ),
            (
                POSITION_STORIES_TOP.to_string(),
                lists.map(|l| l.stories_top).into(),
            ),
            (
                POSITION_STORIES_ROW.to_string(),
                lists.map(|l| l.stories_row).into(),
            ),
        ]
        .into_iter()
        .chain(search),
    )
}

/// Keys of [`Position::extra`] the reader saves beside the standard fields: the scope
/// (`day`, `7d`, `30d`, `all`) and the category's group (see [`CategoryFilter::group`]).
const POSITION_SCOPE: &str = "scope";
/// The date the last 7 or 30 days end at, when not the newest digest's (see
/// [`App::window_end`](crate::tui::App)).
const POSITION_SCOPE_END: &str = "scope_end";
const POSITION_GROUP: &str = "category_group";
/// The pane with the focus: `dates`, `categories`, `stories` (the saved story highlighted,
/// and previewed beside unless it is the one open), `article` (the saved story open) or
/// `overview` (the front pages); older files say only `stories` or `article`, or `preview`
/// for `stories`.
const POSITION_PANE: &str = "pane";
/// The id of the story open in the article pane, when one is (it may differ from the
/// highlighted one).
const POSITION_OPEN: &str = "open";
/// The words at the top of the article pane (see [`crate::text::place`]).
const POSITION_PLACE: &str = "place";
/// The first row the dates list showed.
const POSITION_DATES_TOP: &str = "dates_top";
/// The first row the stories list showed.
const POSITION_STORIES_TOP: &str = "stories_top";
/// The highlighted story's row: where the highlight stays when that story is gone.
const POSITION_STORIES_ROW: &str = "stories_row";
/// What `/` brings back: the last search's query, scope and selected result.
const POSITION_SEARCH: &str = "search";
/// Whether that search was open over the reader, and how: `results`, or `article` (the
/// selected result being read); null when it was closed. A restart opens it so again
/// (tester BU: quitting while reading a result lost the place under the search).
const POSITION_SEARCH_OPEN: &str = "search_open";
