//! `v`: a digest's file as written, whole, over the panes. What its stories leave out (audio
//! editions, ads, sections no story was found in) can be read there too.

use super::{App, Effect};
use crate::tui::action::Action;
use ratatui::text::Line;

pub struct FileView {
    /// The file as the store names it (`source/2026/2026-08-19.md`).
    pub name: String,
    pub text: String,
    /// Rows scrolled past.
    pub scroll: usize,
    /// The text laid out at a width, kept while the width is.
    pub rows: Option<(usize, Vec<Line<'static>>)>,
    /// Rows the last frame showed at once, for paging and the last scroll position.
    pub height: usize,
}

impl App {
    /// The file of the story being read or highlighted, else of the date's first digest.
    pub(super) fn open_file_view(&mut self) {
        let digest = match self.target() {
            Some(r) => Some(self.item_at(r).1.digest),
            None => self.current_date().and_then(|g| g.digests.first().copied()),
        };
        let Some(d) = digest else {
            self.notify("no digest here to show the file of", false);
            return;
        };
        let path = &self.library.digests()[d].path;
        let name = path
            .strip_prefix(self.library.origin.store())
            .unwrap_or(path)
            .display()
            .to_string();
        match self.library.file_text(d) {
            Ok(text) => {
                self.file = Some(FileView {
                    name,
                    text,
                    scroll: 0,
                    rows: None,
                    height: 0,
                })
            }
            Err(why) => self.notify(format!("cannot show the file: {why}"), true),
        }
    }

    /// Keys while the file is shown: they scroll it; `v`, Esc and `q` close it.
    pub(super) fn update_file_view(&mut self, action: Action) -> Option<Effect> {
        let view = self.file.as_mut()?;
        let len = view.rows.as_ref().map_or(0, |(_, rows)| rows.len());
        let max = len.saturating_sub(view.height);
        let page = view.height.max(2) as isize - 1;
        match action.step(page) {
            Some(by) => view.scroll = view.scroll.saturating_add_signed(by).min(max),
            None if matches!(action, Action::ViewFile | Action::Back | Action::Quit) => {
                self.file = None
            }
            None => self.notify("v or Esc closes the file first", false),
        }
        None
    }

    /// The file shown, when it is.
    pub fn file_view(&self) -> Option<&FileView> {
        self.file.as_ref()
    }

    pub(crate) fn file_view_mut(&mut self) -> Option<&mut FileView> {
        self.file.as_mut()
    }
}
