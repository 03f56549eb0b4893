//! The bookmarks view's state: the saved stories (newest first), a filter typed after `/`,
//! the selection, and the saved details of a story its digest file no longer has (or that is
//! gone).

use super::line_edit::{Edited, LineEdit};
use crate::search::{Matcher, Query, names};
use crate::state::{Bookmark, Position};
use crossterm::event::{KeyCode, KeyEvent};

/// What the library holds of a bookmarked story now, for the filter to find it by as search
/// finds stories: its outlet (`source:`), its unified category (`category:`) and its text.
#[derive(Debug, Clone, Default)]
pub struct StoryNow {
    pub outlet: Option<String>,
    pub unified: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct BookmarksView {
    /// Each bookmark, with its story as the library holds it now (None when it is gone).
    all: Vec<(Bookmark, Option<StoryNow>)>,
    pub filter: LineEdit,
    /// The filter line has the keyboard.
    pub typing: bool,
    pub selected: usize,
    /// First visible row, kept between draws so the list scrolls only when the selection
    /// leaves it.
    pub offset: usize,
    /// Shown instead of the list: a bookmark whose digest file no longer has the story.
    pub missing: Option<Bookmark>,
    /// Rows of the shown [`BookmarksView::missing`] scrolled past (its kept text may be
    /// longer than the view); kept within its rows as it is drawn.
    pub missing_scroll: usize,
    /// The link `o` takes over the [`BookmarksView::missing`] shown, when it can be opened.
    missing_link: Option<String>,
    /// Whether `L` has links to list over the [`BookmarksView::missing`] shown.
    missing_listed: bool,
    /// Where the reader was before a bookmark was first opened from the view: closing the
    /// view goes back there (opening a bookmark is a look at it, not a move), with the
    /// search open as it was there (opening a story from the view closes it; tester BB: it
    /// went back to the stories).
    pub came_from: Option<Position>,
    /// The bookmark whose story is being read, opened from the view: `J`/`K` go on from
    /// its place, though `b` removed it from the list.
    pub reading: Option<String>,
}

impl BookmarksView {
    pub fn new(all: Vec<(Bookmark, Option<StoryNow>)>) -> BookmarksView {
        BookmarksView {
            all,
            ..BookmarksView::default()
        }
    }

    /// The list as it is now (a bookmark removed or added): the selection stays on its
    /// bookmark wherever that is listed now (tester DZ: it stayed on its row after another
    /// ribao added one above, and `d` would have removed another), else on its row, in range.
    pub fn refresh(&mut self, all: Vec<(Bookmark, Option<StoryNow>)>) {
        let selected = (self.visible().get(self.selected)).map(|b| b.id.clone());
        self.all = all;
        if let Some(at) = selected.and_then(|id| self.visible().iter().position(|b| b.id == id)) {
            self.selected = at;
        }
        self.clamp();
    }

    /// The filter's words and phrases to mark, folded as search folds a query.
    pub fn words(&self) -> Vec<String> {
        Query::parse(self.filter.text()).words()
    }

    /// The bookmarks the filter lets through, read as a search query is: every word or
    /// `"phrase"` in the title, source, category, date or (while the library holds the
    /// story) text, found as search finds words (case, full-width forms, the space between
    /// Chinese and Latin), none of the `-words`, and `source:` (the publication or the
    /// outlet), `category:` (the publication's or the unified one) and `date:` (and
    /// `-source:`…) as they narrow a search.
    pub fn visible(&self) -> Vec<&Bookmark> {
        self.listed().into_iter().map(|(b, _)| b).collect()
    }

    /// [`Self::visible`], each with whether the library holds its story now.
    pub fn visible_held(&self) -> Vec<(&Bookmark, bool)> {
        self.listed()
            .into_iter()
            .map(|(b, now)| (b, now.is_some()))
            .collect()
    }

    fn listed(&self) -> Vec<&(Bookmark, Option<StoryNow>)> {
        let q = Query::parse(self.filter.text());
        // As a search finds nothing, and says why (a prefix with no value too).
        if q.problem().is_some() {
            return Vec::new();
        }
        let matchers =
            |words: &[String]| -> Vec<Matcher> { words.iter().map(|w| Matcher::new(w)).collect() };
        let (terms, excluded) = (matchers(&q.terms), matchers(&q.excluded));
        let any_of: Vec<Vec<Matcher>> = q.any_of.iter().map(|g| matchers(g)).collect();
        let named = |labels: &[Option<&str>], wanted: &[String]| {
            labels
                .iter()
                .flatten()
                .any(|l| wanted.iter().any(|w| names(l, w)))
        };
        let dated = |date: Option<&str>, wanted: &[String]| {
            let date = date.and_then(crate::model::parse_date_label);
            wanted.iter().any(|w| crate::model::date_within(date, w))
        };
        let wants = |list: &[String], ok: bool| list.is_empty() || ok;
        self.all
            .iter()
            .filter(|(b, now)| {
                let now = now.as_ref();
                let hay = format!(
                    "{}\n{}\n{}\n{}\n{}",
                    b.title,
                    b.source,
                    b.category.as_deref().unwrap_or(""),
                    b.date.as_deref().unwrap_or(""),
                    now.map_or("", |n| n.text.as_str()),
                );
                let found = |m: &Matcher| m.find_from(hay.as_bytes(), 0).is_some();
                let sources = [
                    Some(b.source.as_str()),
                    now.and_then(|n| n.outlet.as_deref()),
                ];
                // One without a category of its own is found by what the reader calls it,
                // as a search finds it (`category:other`).
                let categories = [
                    Some(
                        b.category
                            .as_deref()
                            .unwrap_or(crate::categories::UNCATEGORIZED),
                    ),
                    now.and_then(|n| n.unified.as_deref()),
                ];
                terms.iter().all(found)
                    && any_of.iter().all(|group| group.iter().any(found))
                    && !excluded.iter().any(found)
                    && wants(&q.sources, named(&sources, &q.sources))
                    && wants(&q.categories, named(&categories, &q.categories))
                    && wants(&q.dates, dated(b.date.as_deref(), &q.dates))
                    && !named(&sources, &q.not_sources)
                    && !named(&categories, &q.not_categories)
                    && !dated(b.date.as_deref(), &q.not_dates)
            })
            .collect()
    }

    pub fn selected(&self) -> Option<&Bookmark> {
        self.visible().get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        let len = self.visible().len();
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// A line-editing key for the filter; false when it is not one. A changed filter
    /// selects its first bookmark.
    pub fn filter_key(&mut self, key: &KeyEvent) -> bool {
        // Backspace on an empty filter closes it as Esc does, as on the search line (tester
        // DU: it did nothing).
        let closes = key.code == KeyCode::Backspace && key.modifiers.is_empty();
        if closes && self.filter.is_empty() {
            return false;
        }
        match self.filter.key(key) {
            Some(Edited::Text) => self.selected = 0,
            Some(Edited::Cursor) => {}
            None => return false,
        }
        true
    }

    /// Shows `mark`, whose story is gone, from the top; `link`: the one `o` takes there,
    /// when it can be opened; `listed`: whether `L` has links to list.
    pub fn show_missing(&mut self, mark: Bookmark, link: Option<String>, listed: bool) {
        self.missing = Some(mark);
        self.missing_scroll = 0;
        self.missing_link = link;
        self.missing_listed = listed;
    }

    /// The link `o` takes over the gone bookmark shown (its own, else its kept text's
    /// first), when it is one that can be opened.
    pub fn missing_link(&self) -> Option<&str> {
        self.missing.as_ref().and(self.missing_link.as_deref())
    }

    /// Whether `L` has links to list over the bookmark shown whose story is gone: its own,
    /// or its kept text's.
    pub fn missing_has_links(&self) -> bool {
        self.missing.is_some() && self.missing_listed
    }

    /// Clears the filter; the selected bookmark stays selected in the whole list.
    pub fn clear_filter(&mut self) {
        let id = self.selected().map(|b| b.id.clone());
        self.filter.clear();
        self.selected = 0;
        if let Some(id) = id {
            self.select(&id);
        }
    }

    /// Selects the bookmark with this id, when the filter lets it through.
    pub fn select(&mut self, id: &str) {
        if let Some(at) = self.visible().iter().position(|b| b.id == id) {
            self.selected = at;
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }
}
