//! The bookmarks view's state: the saved stories (newest first), a filter typed after `/`,
//! the selection, and the saved details of a story its digest file no longer has (or that is
//! gone).

use super::line_edit::{Edited, LineEdit};
use crate::search::{Matcher, fold};
use crate::state::{Bookmark, Position};
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, Default)]
pub struct BookmarksView {
    all: Vec<Bookmark>,
    pub filter: LineEdit,
    /// The filter line has the keyboard.
    pub typing: bool,
    pub selected: usize,
    /// First visible row, kept between draws so the list scrolls only when the selection
    /// leaves it.
    pub offset: usize,
    /// Shown instead of the list: a bookmark whose digest file no longer has the story.
    pub missing: Option<Bookmark>,
    /// The bookmarks removed while the view is open, whole, last on top: `u` puts them back
    /// one by one.
    pub removed: Vec<Bookmark>,
    /// Where the reader was before a bookmark was first opened from the view: closing the
    /// view goes back there (opening a bookmark is a look at it, not a move).
    pub came_from: Option<Position>,
}

impl BookmarksView {
    pub fn new(all: Vec<Bookmark>) -> BookmarksView {
        BookmarksView {
            all,
            ..BookmarksView::default()
        }
    }

    /// The list as it is now (a bookmark removed or added; the selection kept in range).
    pub fn refresh(&mut self, all: Vec<Bookmark>) {
        self.all = all;
        self.clamp();
    }

    /// The filter's words, folded as search folds a query.
    pub fn words(&self) -> Vec<String> {
        fold(self.filter.text())
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// The bookmarks the filter lets through: every word of it in the title, source,
    /// category or date, found as search finds words (case, full-width forms, the space
    /// between Chinese and Latin).
    pub fn visible(&self) -> Vec<&Bookmark> {
        let words: Vec<Matcher> = self.words().iter().map(|w| Matcher::new(w)).collect();
        self.all
            .iter()
            .filter(|b| {
                let hay = format!(
                    "{}\n{}\n{}\n{}",
                    b.title,
                    b.source,
                    b.category.as_deref().unwrap_or(""),
                    b.date.as_deref().unwrap_or("")
                );
                words
                    .iter()
                    .all(|w| w.find_from(hay.as_bytes(), 0).is_some())
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
        match self.filter.key(key) {
            Some(Edited::Text) => self.selected = 0,
            Some(Edited::Cursor) => {}
            None => return false,
        }
        true
    }

    /// The link of the gone bookmark shown, when it is one that can be opened.
    pub fn missing_link(&self) -> Option<String> {
        self.missing
            .as_ref()?
            .url
            .as_deref()
            .and_then(super::link::safe_url)
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
