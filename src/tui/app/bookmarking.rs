//! Bookmarks from the reader: `b` on a story, the bookmarks view's keys, and going to a
//! bookmarked story.

use super::{App, Effect, Pane, Scope, Undoable};
use crate::library::Missing;
use crate::state::Bookmark;
use crate::tui::action::Action;
use crate::tui::bookmarks::{BookmarksView, StoryNow};
use crate::tui::scope;
use std::sync::Arc;

impl App {
    pub(super) fn open_bookmarks(&mut self) {
        self.bookmarks = Some(BookmarksView::new(self.bookmarks_now()));
    }

    /// The session's bookmarks, each with its story as the library holds it now.
    pub(super) fn bookmarks_now(&self) -> Vec<(Bookmark, Option<StoryNow>)> {
        let index = self.library.index();
        self.session
            .bookmarks()
            .into_iter()
            .map(|mark| {
                let now = self.library.find_bookmarked(&mark).map(|v| StoryNow {
                    outlet: v.outlet.map(str::to_string),
                    unified: v.unified.map(str::to_string),
                    text: String::from_utf8_lossy(index.text_of(v.index)).into_owned(),
                });
                (mark, now)
            })
            .collect()
    }

    /// `J` / `K` while reading a bookmark's story: the next / previous bookmark's opened, as
    /// Enter in the view opens it; Esc still goes back to the view.
    pub(super) fn step_bookmark(
        &mut self,
        mut view: BookmarksView,
        delta: isize,
    ) -> Option<Effect> {
        // Where the story read is in the list: its bookmark's place, or, `b` having removed
        // it, the place it had, the list closed over it (tester O: `J` said it was the last;
        // tester Q: after that, `K` skipped one).
        let at = view.selected;
        view.refresh(self.bookmarks_now());
        let len = view.visible().len();
        let reading = view.reading.clone();
        let listed = reading.and_then(|id| view.visible().iter().position(|b| b.id == id));
        let next = match listed {
            Some(at) => Some(at.saturating_add_signed(delta)).filter(|&n| n != at),
            None => at.checked_add_signed(delta.min(0)),
        };
        let Some(next) = next.filter(|&n| n < len) else {
            // Its place kept for the next `J` or `K`, past the list's end as it may be.
            view.selected = at;
            let filter = view.filter.text().trim().to_string();
            self.say_no_bookmark_beyond(&filter, delta);
            self.return_to = Some(view);
            return None;
        };
        view.selected = next;
        self.bookmarks = Some(view);
        self.update_bookmarks(Action::Open)
    }

    /// `J` / `K` over the bookmarks list or a gone bookmark's copy: the bookmark below / above
    /// the one selected opened, as Enter would open it.
    fn open_next_bookmark(&mut self, action: Action) -> Option<Effect> {
        let view = self.bookmarks.as_mut()?;
        let delta = if action == Action::NextStory { 1 } else { -1 };
        let next = (view.selected.checked_add_signed(delta)).filter(|&n| n < view.visible().len());
        let Some(next) = next else {
            let filter = view.filter.text().trim().to_string();
            self.say_no_bookmark_beyond(&filter, delta);
            return None;
        };
        view.missing = None;
        view.selected = next;
        self.update_bookmarks(Action::Open)
    }

    /// `already at the last bookmark`, naming the `filter` that ends them when there is one:
    /// those it hides are no further on (tester K).
    fn say_no_bookmark_beyond(&mut self, filter: &str, delta: isize) {
        let which = if delta > 0 { "last" } else { "first" };
        let of = match filter.is_empty() {
            true => String::new(),
            false => format!(" matching “{filter}”"),
        };
        self.notify(format!("already at the {which} bookmark{of}"), false);
    }

    /// The bookmark the view shows as gone is opened, as Enter on it would open it now, once
    /// the store has its story again: its file renamed, the store read again after the
    /// bookmark was opened (tester T: it stayed "gone" until Esc and Enter).
    pub(super) fn reopen_missing_bookmark(&mut self) {
        let Some(mark) = self.bookmarks.as_ref().and_then(|v| v.missing.as_ref()) else {
            return;
        };
        let found = self.library.find_bookmarked(mark);
        let Some(id) = found
            .filter(|v| !self.library.file_gone(v.digest))
            .map(|v| v.id.to_string())
        else {
            return;
        };
        if let Some(view) = self.bookmarks.as_mut() {
            view.missing = None;
            view.select(&id);
            self.update_bookmarks(Action::Open);
        }
    }

    /// The story read from the bookmarks view is gone from the store: the view comes back
    /// with its bookmark's kept copy, as Enter on it would show it now (tester BN: the view
    /// closed, leaving another digest's stories).
    pub(super) fn show_gone_bookmark(&mut self) {
        let Some(mut view) = self.return_to.take() else {
            return;
        };
        view.refresh(self.bookmarks_now());
        let reading = view.reading.take();
        let mark = self
            .session
            .bookmarks()
            .into_iter()
            .find(|b| Some(&b.id) == reading.as_ref());
        let mark = mark.inspect(|mark| view.select(&mark.id));
        self.bookmarks = Some(view);
        if let Some(mark) = mark {
            self.show_missing(mark);
        }
    }

    /// The file a bookmark names, whose story is not found in it (or which is another
    /// store's), near where the story was.
    fn show_bookmarks_file(&mut self, mark: &Bookmark) {
        let path = std::path::PathBuf::from(&mark.path);
        let near = super::file_view::Marks::of(&mark.title, mark.url.as_deref());
        self.show_file_at(&path, &near);
    }

    pub(super) fn update_bookmarks(&mut self, action: Action) -> Option<Effect> {
        let view = self.bookmarks.as_mut()?;
        if let Some(mark) = &view.missing {
            match action {
                Action::Back | Action::Open | Action::Quit | Action::Bookmarks => {
                    view.missing = None
                }
                // As over a story read from the bookmarks: its bookmark removed, or the next
                // or previous one read (tester Q: they did nothing here).
                Action::RemoveBookmark | Action::ToggleBookmark => {
                    view.missing = None;
                    return self.update_bookmarks(Action::RemoveBookmark);
                }
                Action::NextStory | Action::PrevStory => return self.open_next_bookmark(action),
                // One that cannot be opened is said so, as a story's (tester CA: a hand-edited
                // `javascript:` link did nothing, and said nothing).
                Action::OpenLink | Action::CopyLink => {
                    let mark = mark.clone();
                    return self.on_kept_link(action, &mark);
                }
                Action::Links => {
                    let mark = mark.clone();
                    self.open_kept_links(&mark);
                }
                // Its kept text scrolls (clamped as it is drawn).
                Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                    let page = self.view.article_height.max(2) - 1;
                    let by = match action {
                        Action::Down | Action::Up => 1,
                        _ => page,
                    };
                    view.missing_scroll = match action {
                        Action::Down | Action::PageDown => view.missing_scroll.saturating_add(by),
                        _ => view.missing_scroll.saturating_sub(by),
                    };
                }
                Action::First => view.missing_scroll = 0,
                Action::Last => view.missing_scroll = usize::MAX,
                // As in the list (tester CG: they were said to be no key here).
                Action::LookAtStore => self.look_at_store(),
                Action::Help => self.help = Some(0),
                Action::ToggleRead => {
                    let (id, title) = (mark.id.clone(), mark.shown_title().to_string());
                    self.toggle_read_of(&id, &title);
                }
                // Its file may be there, outside the store (tester I: `v` did nothing); gone,
                // it is said as from the list (tester AX: the system's "no such file").
                Action::ViewFile if !self.library.why_missing(&mark.path).file_is_there() => self
                    .notify(
                        "no file to show (the note above says why): this is the bookmark's copy",
                        false,
                    ),
                Action::ViewFile => {
                    let mark = mark.clone();
                    self.show_bookmarks_file(&mark);
                }
                _ => self.notify("Esc goes back to the bookmarks", false),
            }
            return None;
        }
        let page = self.view.article_height.max(2) as isize - 1;
        if let Some(by) = action.step(page) {
            view.move_by(by);
            return None;
        }
        match action {
            Action::Search => view.typing = true,
            Action::Back if !view.filter.is_empty() => view.clear_filter(),
            // q closes the view, as it closes a popup: quitting from it surprised.
            Action::Back | Action::Bookmarks | Action::Quit => {
                let view = self.bookmarks.take()?;
                if let Some(place) = view.came_from {
                    self.restore(&place);
                    self.reopen_search(&place);
                }
            }
            Action::Help => self.help = Some(0),
            // As the search's results take them (tester DJ: the list refused them).
            Action::NextStory | Action::PrevStory => return self.open_next_bookmark(action),
            Action::Right => return self.update_bookmarks(Action::Open),
            Action::Left => self.notify(
                "the bookmarks are the first level: Enter or l opens one, Esc closes them",
                false,
            ),
            Action::RemoveBookmark | Action::ToggleBookmark => {
                let Some(mark) = view.selected().cloned() else {
                    self.notify("no bookmark to remove here", false);
                    return None;
                };
                self.session.remove_bookmark(&mark.id);
                // As `b` says it from the stories (tester CM: two wordings).
                let said = format!(
                    "bookmark removed: {} — u puts it back",
                    self.quoted(&mark.title)
                );
                self.undo.push(Undoable::BookmarkRemoved(Box::new(mark)));
                self.bookmarks_changed();
                self.notify_change(&said);
            }
            Action::Undo => self.undo(),
            Action::Open => {
                let mark = view.selected()?.clone();
                let here = self.position();
                // As `ribao show` finds it: by id, else as its bookmark says.
                let found = self.library.find_bookmarked(&mark);
                let id = found
                    .as_ref()
                    .map_or_else(|| mark.id.clone(), |v| v.id.to_string());
                // Its file gone since the store was last looked at: its saved copy, as once
                // the store is looked at again (it left the view for another date).
                let gone = found.is_some_and(|v| self.library.file_gone(v.digest));
                if !gone && self.go_to(&id) {
                    // The reader went to it: a place saved still waiting (the view opened over
                    // the search) is the one to come back to, not to be gone to (a review).
                    self.unrestored = None;
                    let mut view = self.bookmarks.take();
                    if let Some(v) = view.as_mut() {
                        if v.came_from.is_none() {
                            v.came_from = Some(here);
                        }
                        v.reading = Some(mark.id.clone());
                    }
                    self.return_to = view;
                } else {
                    self.show_missing(mark);
                }
            }
            Action::ViewFile => {
                let mark = view.selected()?.clone();
                match self.library.find_bookmarked(&mark) {
                    Some(item) => {
                        let near = super::file_view::Marks::of_story(&item);
                        self.show_file(item.digest, &near);
                    }
                    // Its file there (not holding it now, or outside the store), shown as from
                    // the bookmark's page.
                    None => match self.library.why_missing(&mark.path) {
                        why if why.file_is_there() => self.show_bookmarks_file(&mark),
                        Missing::Sample => self.notify(A_SAMPLES, false),
                        _ => self.notify(NOT_IN_ITS_FILE, false),
                    },
                }
            }
            // Its story's links, as `L` lists them while it is read; those of the copy it
            // kept of a story the store no longer holds.
            Action::Links => {
                let mark = view.selected()?.clone();
                match self.library.find_bookmarked(&mark).map(|v| v.index) {
                    Some(i) => self.open_links_of(self.library.item_ref(i)),
                    None => self.open_kept_links(&mark),
                }
            }
            // The link its story's `o` takes, as `L` lists its links (tester CD: one in its
            // text alone was said to be none).
            Action::OpenLink | Action::CopyLink => {
                let Some(mark) = view.selected().cloned() else {
                    self.notify("no bookmark here", false);
                    return None;
                };
                return match self.library.find_bookmarked(&mark).map(|v| v.index) {
                    Some(i) => self.on_link_of(action, self.library.item_ref(i), "bookmark"),
                    None => self.on_kept_link(action, &mark),
                };
            }
            // As everywhere (tester AW: R was said to be no key here).
            Action::LookAtStore => self.look_at_store(),
            // A reading list is read down from the list too (tester BN).
            Action::ToggleRead => {
                let mark = view.selected()?.clone();
                self.toggle_read_of(&mark.id, mark.shown_title());
            }
            // The story's keys (read on, dates…) work once it is open: said as the key's
            // own, not the view's (tester DD: "not in the bookmarks view", in it).
            _ => self.notify(
                "the bookmarks list does not take that key: Enter opens the story, where it \
                 works; o opens its link; Esc closes the list",
                false,
            ),
        }
        None
    }

    /// The bookmarks view over the session's bookmarks as they are now.
    pub(super) fn bookmarks_changed(&mut self) -> Option<&mut BookmarksView> {
        let all = self.bookmarks_now();
        let view = self.bookmarks.as_mut()?;
        view.refresh(all);
        Some(view)
    }

    /// A story's title cut to what its message leaves of the status row, and quoted: in 「」
    /// when it quotes something itself (`“夸克上线“深度研究”功能”` read as two quotations).
    pub(super) fn quoted(&self, title: &str) -> String {
        let room = self
            .view
            .width
            .saturating_sub(MESSAGE_WORDS)
            .max(MIN_QUOTED);
        let short = crate::text::truncate(title, room, self.text);
        match short.contains(['“', '”']) {
            true => format!("「{short}」"),
            false => format!("“{short}”"),
        }
    }

    /// Opens the story with this id in the article view (closing a search); false when no
    /// digest has it. The scope and category stay when they show the story.
    pub(super) fn go_to(&mut self, id: &str) -> bool {
        let shown = self.position_in(&self.items, id);
        if let Some(pos) = shown {
            self.close_search();
            self.item = pos;
            self.follow_item_date();
            self.focus = Pane::Items;
            self.open();
            return true;
        }
        let Some(date) = self.date_of_item(id) else {
            return false;
        };
        self.close_search();
        self.scope = Scope::Day;
        self.select_date(date);
        let Some(pos) = self.position_in(&self.items, id) else {
            return false;
        };
        self.item = pos;
        self.focus = Pane::Items;
        self.open();
        true
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some(r) = self.targeted() else {
            return;
        };
        let library = Arc::clone(&self.library);
        let (_, item) = scope::item(&library, r);
        // Named: the story `b` acts on (the highlighted one) need not be the one shown.
        let title = self.quoted(item.title);
        let removed = self.session.state().bookmark(item.id).cloned();
        self.session.toggle_bookmark(&library, item.index);
        let said = match removed {
            None => format!("★ bookmarked {title}"),
            Some(mark) => {
                // Whole, so that `u` puts it back made when it was (tester Z: `b` again made
                // it anew, last in the list).
                self.undo.push(Undoable::BookmarkRemoved(Box::new(mark)));
                format!("bookmark removed: {title} — u puts it back")
            }
        };
        self.notify_change(&said);
    }
}

/// The columns a message's own words take beside the title it quotes (`bookmark removed:
/// “…” — u puts it back`), and the least a title keeps, the message wrapping to a second
/// row in a narrow terminal (tester AY: at 120 columns a title was cut at 40).
const MESSAGE_WORDS: usize = 40;
const MIN_QUOTED: usize = 40;

/// Said for what needs a bookmark's story in the store (its file) when the store no longer
/// holds it: its file gone, or not holding it now (tester AW: "does not hold it" was said of a
/// file gone).
const NOT_IN_ITS_FILE: &str =
    "the store no longer holds its story: Enter shows the bookmark's copy";
/// [`NOT_IN_ITS_FILE`] for a bookmark of a built-in sample, which has no file (tester CI: it
/// was said to be no longer held).
const A_SAMPLES: &str = "a built-in sample's, not this store's: Enter shows the bookmark's copy";
