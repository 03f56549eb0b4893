//! Read marks and undo: `r`, `A` twice, and `u`.

use super::{App, ItemRef};

impl App {
    pub(super) fn toggle_read(&mut self) {
        let Some(r) = self.targeted() else {
            return;
        };
        let (_, item) = self.item_at(r);
        let (id, title) = (item.id.to_string(), item.title.to_string());
        self.toggle_read_of(&id, &title);
    }

    /// The story `id`, titled `title`, marked read, or unread when it was read.
    pub(super) fn toggle_read_of(&mut self, id: &str, title: &str) {
        let read = !self.session.is_read(id);
        self.session.set_read(id, read);
        // Named, as `b` names what it bookmarks.
        let state = if read { "read" } else { "unread" };
        self.notify_change(&format!("marked {} {state}", self.quoted(title)));
    }

    /// `A` twice: the stories listed (`listed`, of the category `of` when one narrows them)
    /// read, in one save; says how many. The first `A` only says what the second will do (a
    /// whole archive is one key away otherwise).
    pub(super) fn mark_all_read(&mut self, listed: Vec<ItemRef>, of: Option<String>) {
        let none_listed = listed.is_empty();
        let unread: Vec<String> = listed
            .into_iter()
            .map(|r| self.id_at(r).to_string())
            .filter(|id| !self.session.is_read(id))
            .collect();
        let mut stories = crate::text::plural(unread.len(), "story", "stories");
        if let Some(category) = of {
            stories = format!("{stories} of {category}");
        }
        let text = if unread.is_empty() {
            let why = if none_listed {
                "no stories listed here"
            } else {
                "every story listed is read already"
            };
            why.to_string()
        } else if !std::mem::replace(&mut self.mark_all_asked, true) {
            return self.notify_until_key(format!("A again marks {stories} read"), false);
        } else {
            self.mark_all_asked = false;
            self.session.mark(unread.iter().cloned(), true);
            self.undo.push(Undoable::MarkedRead(unread));
            return self.notify_change(&format!("marked {stories} read — u undoes"));
        };
        self.notify(text, false);
    }

    /// `u`, anywhere: the last undoable change undone. A bookmark removed comes back as it
    /// was made (its place among the others kept); the stories an `A` marked read are unread
    /// again, those read before it staying read, in one save.
    pub(super) fn undo(&mut self) {
        self.keep_read_elsewhere();
        match self.undo.pop() {
            None => self.notify(
                "nothing to undo (u undoes A, mark all read, and a bookmark removed)",
                false,
            ),
            Some(Undoable::MarkedRead(marked)) => {
                let stories = crate::text::plural(marked.len(), "story", "stories");
                self.session.mark(marked, false);
                self.notify_change(&format!("marked {stories} unread again"));
            }
            Some(Undoable::BookmarkRemoved(mark)) => {
                let mark = *mark;
                let (id, said) = (
                    mark.id.clone(),
                    format!("put back {}", self.quoted(&mark.title)),
                );
                self.session.restore_bookmark(mark);
                if let Some(v) = self.bookmarks_changed() {
                    v.select(&id);
                }
                self.notify_change(&said);
            }
        }
    }
}

/// A change `u` undoes (see [`App::undo`]).
pub(super) enum Undoable {
    BookmarkRemoved(Box<crate::state::Bookmark>),
    MarkedRead(Vec<String>),
}
