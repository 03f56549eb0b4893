//! The bookmarks view's state: the saved stories (newest first), a filter typed after `/`,
//! the selection, and the saved details of a story whose digest file is gone.

use crate::search::fold;
use crate::state::Bookmark;

#[derive(Debug, Clone, Default)]
pub struct BookmarksView {
    all: Vec<Bookmark>,
    pub filter: String,
    /// The filter line has the keyboard.
    pub typing: bool,
    pub selected: usize,
    /// Shown instead of the list: a bookmark whose digest file no longer has the story.
    pub missing: Option<Bookmark>,
}

impl BookmarksView {
    pub fn new(all: Vec<Bookmark>) -> BookmarksView {
        BookmarksView {
            all,
            ..BookmarksView::default()
        }
    }

    /// The list after a bookmark was removed (selection kept in range).
    pub fn refresh(&mut self, all: Vec<Bookmark>) {
        self.all = all;
        self.clamp();
    }

    /// The bookmarks the filter lets through: every word of it in the title, source,
    /// category or date (folded like search: case, full-width forms).
    pub fn visible(&self) -> Vec<&Bookmark> {
        let words: Vec<String> = fold(&self.filter)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.all
            .iter()
            .filter(|b| {
                let hay = fold(&format!(
                    "{} {} {} {}",
                    b.title,
                    b.source,
                    b.category.as_deref().unwrap_or(""),
                    b.date.as_deref().unwrap_or("")
                ));
                words.iter().all(|w| hay.contains(w.as_str()))
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

    pub fn push_filter(&mut self, c: char) {
        self.filter.push(c);
        self.selected = 0;
    }

    pub fn pop_filter(&mut self) {
        self.filter.pop();
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }
}
