//! `v`: a digest's file as written, whole, over the panes. What its stories leave out (audio
//! editions, ads, sections no story was found in) can be read there too.

use super::{App, Effect};
use crate::tui::action::Action;
use ratatui::text::Line;
use std::path::Path;

pub struct FileView {
    /// The file as the store names it (`source/2026/2026-08-19.md`).
    pub name: String,
    /// Where it is; None for a built-in sample, which has no file.
    path: Option<std::path::PathBuf>,
    pub text: String,
    /// It could not be read when the store last changed (gone): its text is as it was, and
    /// its title says so.
    pub gone: bool,
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

/// The title is looked for this many lines above the link: a story's heading stands over
/// its text, its outlet's line and its link (`### 1. Title`, …, `[原文](…)`).
const TITLE_ABOVE: usize = 40;

/// How much of a title is looked for first: enough to tell it from the summary's mention
/// of the same subject (`Google Search integrating…` over `Google Search is rolling…`).
const TITLE_LONG: usize = 40;

/// How much of a title is looked for when it is not written whole (made from the text, or
/// tidied): its first words.
const TITLE_SHORT: usize = 12;

/// The text of the file at `path`, to show: only a file of a digest's size is read (a path
/// a hand edit put in the state file can name a pipe, which would wait forever, or
/// `/dev/zero`, which never ends; and the file shown can become one). Err says why not.
fn read_shown(path: &Path) -> Result<String, String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err("not a file".to_string()),
        Ok(m) if m.len() > crate::store::MAX_FILE_BYTES => Err(crate::library::too_large(m.len())),
        Ok(_) => crate::regular_file::read(path)
            .map_err(|e| crate::io_error::in_words(&e))
            .and_then(|bytes| crate::parse::text_of(&bytes).map_err(|e| e.to_string())),
        Err(e) => Err(crate::io_error::in_words(&e)),
    }
}

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

/// What finds a story in its file: its link and its title.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    url: Option<String>,
    title: String,
}

impl Marks {
    pub(super) fn of(title: &str, url: Option<&str>) -> Marks {
        Marks {
            url: url.filter(|u| !u.is_empty()).map(str::to_string),
            title: title.to_string(),
        }
    }

    /// The story's marks, from the index.
    pub(super) fn of_story(item: &crate::index::ItemView) -> Marks {
        Marks::of(item.title, item.url)
    }

    /// The line of `lines` the story starts on: the nearest holding its title above a line
    /// holding its link (tester AM: at the link, a story's last line, the heading was out
    /// of sight), the link's whose title line is a heading where several have one (tester
    /// BW: five stories linked to their digest's own page, and all opened at the first; a
    /// list of the titles above the first link is no heading); with its title beside no
    /// link, the first holding its link; with its link nowhere, the first heading holding its
    /// title, else the first holding it outside a link's words (a list of contents names
    /// each title first, as a link to its place; tester ED), else the first holding it; else
    /// the top. Never in the front matter, whose description may repeat the
    /// first story.
    fn line_in(&self, lines: &[&str]) -> usize {
        let body = front_matter_end(lines);
        // A title is plain text; its line may bold or code some of its words
        // (`大模型**MiMo V2 Flash API**正式上线`).
        let holds = |i: usize, mark: &str| {
            let line = lines[i];
            line.contains(mark)
                || line.contains(['*', '`']) && line.replace(['*', '`'], "").contains(mark)
        };
        // The title looked for, and the first line holding it.
        let title = [TITLE_LONG, TITLE_SHORT]
            .map(|n| self.title.chars().take(n).collect::<String>())
            .into_iter()
            .filter(|mark| !mark.is_empty())
            .find_map(|mark| {
                (body..lines.len())
                    .find(|&i| holds(i, &mark))
                    .map(|i| (mark, i))
            });
        let links: Vec<usize> = (self.url.as_deref())
            .map(|url| {
                (body..lines.len())
                    .filter(|&i| lines[i].contains(url))
                    .collect()
            })
            .unwrap_or_default();
        // Above each link, back to the one before it, the nearest line with the title.
        let titled: Vec<usize> = match &title {
            Some((mark, _)) => (links.iter().enumerate())
                .filter_map(|(n, &at)| {
                    let after_previous = n.checked_sub(1).map_or(body, |p| links[p] + 1);
                    (at.saturating_sub(TITLE_ABOVE).max(after_previous)..=at)
                        .rev()
                        .find(|&i| holds(i, mark))
                })
                .collect(),
            None => Vec::new(),
        };
        let heading = |&&i: &&usize| lines[i].trim_start().starts_with('#');
        match (
            titled.iter().find(heading).or(titled.first()),
            links.first(),
            title,
        ) {
            (Some(&at), _, _) => at,
            (None, Some(&at), _) => at,
            (None, None, Some((mark, first))) => {
                let named = |i: &usize| holds(*i, &mark);
                let linked = format!("[{mark}");
                let in_link = |i: &usize| lines[*i].contains(&linked);
                let mut later = (first..lines.len()).filter(named);
                (later.clone().find(|i| heading(&i)))
                    .or_else(|| later.find(|i| !in_link(i)))
                    .unwrap_or(first)
            }
            (None, None, None) => 0,
        }
    }
}

impl App {
    /// The file of the story being read or highlighted, else (outside a search) of the
    /// date's first digest.
    pub(super) fn open_file_view(&mut self) {
        match self.target() {
            Some(r) => {
                let item = self.item_at(r).1;
                let (d, near, id) = (item.digest, Marks::of_story(&item), item.id.to_string());
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
                    self.show_file(d, &Marks::default());
                }
                None => self.notify("no digest here to show the file of", false),
            },
        }
    }

    /// Shows digest `d`'s file, from the line of the story `near` finds, else from its top;
    /// false (and the user told) when it cannot be read.
    pub(super) fn show_file(&mut self, d: usize, near: &Marks) -> bool {
        let path = &self.library.digests()[d].path;
        let name = path
            .strip_prefix(self.library.origin.store())
            .unwrap_or(path)
            .display()
            .to_string();
        let text = self.library.file_text(d);
        let file = (!self.library.is_resident(d)).then(|| path.clone());
        self.show_text(name, file, text, near)
    }

    /// Shows the file at `path`, which the store does not list (a bookmark's, in another
    /// store), as [`App::show_file`] does. Only a file of a digest's size is read: a path a
    /// hand edit put in the state file can name a pipe, which would wait forever, or
    /// `/dev/zero`, which never ends.
    pub(super) fn show_file_at(&mut self, path: &Path, near: &Marks) {
        let text = read_shown(path).map_err(|why| format!("{}: {why}", path.display()));
        let name = path.display().to_string();
        self.show_text(name, Some(path.to_path_buf()), text, near);
    }

    /// Shows `text`, a file named `name` at `path`, from the line of the story `near` finds;
    /// false (and the user told why) when the file could not be read.
    fn show_text(
        &mut self,
        name: String,
        path: Option<std::path::PathBuf>,
        text: Result<String, String>,
        near: &Marks,
    ) -> bool {
        match text {
            Ok(text) => {
                let line = near.line_in(&text.lines().collect::<Vec<_>>());
                self.file = Some(FileView {
                    name,
                    path,
                    gone: false,
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

    /// After the store changed: the file shown is read again, and shown as it is now from the
    /// line at its top, or titled gone, its text as it was (tester CJ: it stayed as it was,
    /// unsaid). Not said in the status bar, where what the change did to the reader's place
    /// is said (a review: this took its place).
    pub(super) fn refresh_file_view(&mut self) {
        let Some(view) = self.file.as_mut() else {
            return;
        };
        let Some(path) = &view.path else {
            return;
        };
        match read_shown(path) {
            Ok(text) if text == view.text => view.gone = false,
            Ok(text) => {
                view.text = text;
                view.gone = false;
                // Laid out again at the next frame, from the line at its top.
                if let Some((width, _)) = view.rows.as_mut() {
                    *width = 0;
                }
            }
            Err(_) => view.gone = true,
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
        let (d, near) = (item.digest, Marks::of_story(&item));
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
            // Over the file, which it leaves as it is (tester BY: refused).
            None if action == Action::Help => self.help = Some(0),
            None => self.notify("v, Esc or q closes the file first", false),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(title: &str, url: Option<&str>, text: &str) -> usize {
        Marks::of(title, url).line_in(&text.lines().collect::<Vec<_>>())
    }

    #[test]
    fn a_story_is_found_at_its_heading_not_its_link_or_a_mention() {
        // The link is the story's last line, many lines under its heading.
        let body = "正文。\n".repeat(15);
        let text = format!("# 日报\n\n### 1. 第一条新闻的标题\n{body}[原文](https://e.com/1)\n");
        assert_eq!(line("第一条新闻的标题", Some("https://e.com/1"), &text), 2);
        // No link: the title whole, not the summary that starts as it does.
        let text =
            "Google Search integrating AI calls.\n\n3. **Google Search** is rolling out AI.\n";
        assert_eq!(line("Google Search is rolling out AI", None, text), 2);
        // A title not written whole in the file: its first words.
        let text = "intro\n### 合成的标题，后面还有很多字\n";
        assert_eq!(line("合成的标题，后面还有很多字（整理）", None, text), 1);
        // A link stories share (their digest's page): the one with the title above it.
        let story = |n: usize| format!("### {n}. 第{n}条\n正文。\n[原文](https://e.com/day)\n");
        let day = format!("# 日报\n{}{}{}", story(1), story(2), story(3));
        assert_eq!(line("第2条", Some("https://e.com/day"), &day), 4);
        // A list of the titles above the first: the heading, not the list's line.
        let listed = format!("# 日报\n- 第1条\n- 第2条\n{}{}", story(1), story(2));
        assert_eq!(line("第2条", Some("https://e.com/day"), &listed), 6);
        // Its title beside none of them: the first holding the link.
        assert_eq!(line("第9条", Some("https://e.com/day"), &day), 3);
        // Neither: the top.
        assert_eq!(line("不在文件里", Some("https://e.com/none"), text), 0);
        // No link, and a list of contents naming it first: its heading, else the first line
        // naming it outside a link (tester ED: `v` opened at the contents).
        let contents = "# 日报\n- [第1条](#第1条)\n- [第2条](#第2条)\n\n### 第1条\n正文。\n\n### 第2条\n正文。\n";
        assert_eq!(line("第2条", None, contents), 7);
        let bold =
            "# 日报\n- [第1条](#a)\n- [第2条](#b)\n\n**第1条**\n正文。\n\n**第2条**\n正文。\n";
        assert_eq!(line("第2条", None, bold), 7);
    }
}
