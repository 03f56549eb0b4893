//! `v`: a digest's file as written, whole, over the panes. What its stories leave out (audio
//! editions, ads, sections no story was found in) can be read there too.

use super::{App, Effect};
use crate::tui::action::Action;
use ratatui::text::Line;
use std::path::Path;

pub struct FileView {
    /// The file as the store names it (`source/2026/2026-08-19.md`).
    pub name: String,
    pub text: String,
    /// The file's line at the top when it is next laid out (opened at a story, resized):
    /// the same line stays at the top, whatever rows it wraps to.
    pub top_line: usize,
    /// Rows scrolled past.
    pub scroll: usize,
    /// The text laid out at a width, kept while the width is: the rows, and where each of
    /// the file's lines starts among them.
    pub rows: Option<(usize, FileRows)>,
    /// Rows the last frame showed at once, for paging and the last scroll position.
    pub height: usize,
}

/// A file laid out: its rows, and the first row of each of its lines.
pub struct FileRows {
    pub rows: Vec<Line<'static>>,
    pub starts: Vec<usize>,
}

/// The title's words are looked for this many lines above the link too: a story's heading
/// stands over its outlet's line and its link (`### 1. Title`, `> 📰 …`, `[原文](…)`).
const TITLE_ABOVE: usize = 8;

/// The first line after a file's front matter (`---` … `---` at its top), else 0.
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |end| end + 2)
}

/// What finds a story in its file: its link, else its title's first words (a title made
/// from the text, or tidied, is not in the file whole).
pub(super) fn story_marks(item: &crate::index::ItemView) -> Vec<String> {
    marks_of(item.title, item.url)
}

/// [`story_marks`] of a title and link.
pub(super) fn marks_of(title: &str, url: Option<&str>) -> Vec<String> {
    let title: String = title.chars().take(12).collect();
    url.map(str::to_string).into_iter().chain([title]).collect()
}

impl App {
    /// The file of the story being read or highlighted, else (outside a search) of the
    /// date's first digest.
    pub(super) fn open_file_view(&mut self) {
        match self.target() {
            Some(r) => {
                let item = self.item_at(r).1;
                let (d, near, id) = (item.digest, story_marks(&item), item.id.to_string());
                if !self.show_file(d, &near) {
                    // Its file may have been renamed: the store is looked at now (the
                    // failed read asked for it), and the file shown once the story is found.
                    self.file_wanted = Some(id);
                }
            }
            // Search results with none selected: no story, and no date of their own.
            None if self.search.is_some() => {
                self.notify("no story selected to show the file of", false)
            }
            // The front pages: the digest whose page is at the top of the article pane.
            None => match self
                .article
                .digest_at(&self.article_content(), self.scroll())
                .or_else(|| self.current_date().and_then(|g| g.digests.first().copied()))
            {
                Some(d) => {
                    self.show_file(d, &[]);
                }
                None => self.notify("no digest here to show the file of", false),
            },
        }
    }

    /// Shows digest `d`'s file, from the first line holding one of `near` (a story's link
    /// or title), else from its top; false (and the user told) when it cannot be read.
    pub(super) fn show_file(&mut self, d: usize, near: &[String]) -> bool {
        let path = &self.library.digests()[d].path;
        let name = path
            .strip_prefix(self.library.origin.store())
            .unwrap_or(path)
            .display()
            .to_string();
        let text = self.library.file_text(d);
        self.show_text(name, text, near)
    }

    /// Shows the file at `path`, which the store does not list (a bookmark's, in another
    /// store), as [`App::show_file`] does. Only a file of a digest's size is read: a path a
    /// hand edit put in the state file can name a pipe, which would wait forever, or
    /// `/dev/zero`, which never ends.
    pub(super) fn show_file_at(&mut self, path: &Path, near: &[String]) {
        let text = match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => Err("not a file".to_string()),
            Ok(m) if m.len() > crate::store::MAX_FILE_BYTES => Err(format!(
                "{} MB is too large for a digest",
                m.len() / 1_000_000
            )),
            Ok(_) => std::fs::read(path)
                .map_err(|e| crate::io_error::in_words(&e))
                .and_then(|bytes| crate::parse::text_of(&bytes).map_err(|e| e.to_string())),
            Err(e) => Err(crate::io_error::in_words(&e)),
        }
        .map_err(|why| format!("{}: {why}", path.display()));
        self.show_text(path.display().to_string(), text, near);
    }

    /// Shows `text`, a file named `name`, from the first line holding one of `near`; false
    /// (and the user told why) when the file could not be read.
    fn show_text(&mut self, name: String, text: Result<String, String>, near: &[String]) -> bool {
        match text {
            Ok(text) => {
                let lines: Vec<&str> = text.lines().collect();
                let marks = near.iter().filter(|s| !s.is_empty());
                // A title is plain text; its line may bold or code some of its words
                // (`大模型**MiMo V2 Flash API**正式上线`).
                let holds = |i: &usize, mark: &String| {
                    let line = lines[*i];
                    line.contains(mark.as_str())
                        || line.contains(['*', '`'])
                            && line.replace(['*', '`'], "").contains(mark.as_str())
                };
                // Not in the front matter, whose description may repeat the first story.
                let body = front_matter_end(&lines);
                // The nearest mark a few lines above the first one found (the title over
                // the link) is where the story starts.
                let line = marks
                    .clone()
                    .find_map(|mark| (body..lines.len()).find(|i| holds(i, mark)))
                    .map(|at| {
                        (at.saturating_sub(TITLE_ABOVE).max(body)..at)
                            .rev()
                            .find(|i| marks.clone().any(|mark| holds(i, mark)))
                            .unwrap_or(at)
                    })
                    .unwrap_or(0);
                self.file = Some(FileView {
                    name,
                    text,
                    top_line: line,
                    scroll: 0,
                    rows: None,
                    height: 0,
                });
                true
            }
            Err(why) => {
                self.notify(format!("cannot show the file: {why}"), true);
                false
            }
        }
    }

    /// After the store was read again: the file `v` could not show, when its story is found
    /// now (its file renamed), unless a key was pressed since.
    pub(super) fn show_file_wanted(&mut self) {
        let Some(id) = self.file_wanted.take() else {
            return;
        };
        let Some(item) = self.library.find(&id) else {
            return;
        };
        let (d, near) = (item.digest, story_marks(&item));
        self.show_file(d, &near);
    }

    /// Keys while the file is shown: they scroll it; `v`, Esc and `q` close it.
    pub(super) fn update_file_view(&mut self, action: Action) -> Option<Effect> {
        let view = self.file.as_mut()?;
        let len = view.rows.as_ref().map_or(0, |(_, laid)| laid.rows.len());
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
