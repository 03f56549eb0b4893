//! What a key asks the reader to do, independent of which key it was.

/// Every command of the reader. Keys map to these in [`crate::tui::keymap::KEYMAP`]; the app
/// interprets them by the focused pane in [`crate::tui::app::App::update`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    /// The pane to the left (stops at the first).
    Left,
    /// The pane to the right (stops at the last).
    Right,
    /// The next pane, wrapping around.
    NextPane,
    /// The previous pane, wrapping around.
    PrevPane,
    /// Go deeper: date → categories → stories → article.
    Open,
    /// Go back one level; closes the help first.
    Back,
    First,
    Last,
    PageDown,
    PageUp,
    /// The next older date.
    OlderDate,
    /// The next newer date.
    NewerDate,
    /// The next story of the list, opened in the article (reading on without the list);
    /// in the search view, the next result.
    NextStory,
    /// The previous story, likewise.
    PrevStory,
    /// Focus the category pane.
    Categories,
    /// Read the date's front pages in the article pane, closing the story open.
    Overview,
    ToggleRead,
    /// Mark every story listed (the stories pane, or the search results) read.
    MarkAllRead,
    /// Bookmark the story, or remove its bookmark.
    ToggleBookmark,
    /// Open (or close) the bookmarks view.
    Bookmarks,
    /// In the bookmarks view: remove the selected bookmark.
    RemoveBookmark,
    /// Mark unread again the stories the last [`Action::MarkAllRead`] marked; in the
    /// bookmarks view, put back the bookmarks removed, the last first.
    Undo,
    /// Open the search line (in the bookmarks view: type a filter).
    Search,
    /// Search: the next match in the article (past the last, the next result); in the
    /// results, the next result.
    NextMatch,
    /// Search: the previous match / result.
    PrevMatch,
    /// The next scope of the categories: the date › 7 days › 30 days › the whole archive.
    Scope,
    /// Type a date to go to.
    GoToDate,
    /// Look at the store for new, changed and removed files now.
    LookAtStore,
    CopyLink,
    OpenLink,
    /// Open (or close) the list of the story's links.
    Links,
    /// Show (or close) the digest's file as written, whole.
    ViewFile,
    Help,
    /// Quit (closes the help when it is open).
    Quit,
    /// Quit at once, whatever is open.
    ForceQuit,
    /// Stop the reader and go back to the shell (`fg` brings it back), as Ctrl-Z does.
    Suspend,
    /// Paint every cell of the screen again: another program may have written over it.
    Redraw,
}

impl Action {
    /// How far a moving action moves a selection or a scroll, in rows: `page` for a page,
    /// `isize::MIN`/`MAX` to the first/last; None for other actions.
    pub fn step(self, page: isize) -> Option<isize> {
        match self {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(page),
            Action::PageUp => Some(-page),
            Action::First => Some(isize::MIN),
            Action::Last => Some(isize::MAX),
            _ => None,
        }
    }
}
