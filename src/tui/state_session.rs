//! The reader's session kept in the state file: every bookmark and read mark is saved when it
//! is made (locked, merged, atomic), so a crash or a second ribao loses nothing. When the
//! file cannot be written, the reader keeps going with saving disabled and says so.

use super::session::Session;
use crate::state::{Change, Loaded, State, StateFile};

pub struct StateSession {
    /// None once saving failed: the session then lives in memory only.
    file: Option<StateFile>,
    state: State,
    last_item: Option<String>,
    message: Option<(String, bool)>,
}

impl StateSession {
    /// Opens the state file; a broken one has been copied aside by then, and the notice is
    /// shown in the status bar (the caller also prints it, to be seen after quitting).
    pub fn open(file: StateFile, loaded: Loaded) -> StateSession {
        let message = loaded.notices.first().map(|n| (n.to_string(), true));
        let last_item = loaded.state.position.as_ref().and_then(|p| p.item.clone());
        StateSession {
            file: Some(file),
            state: loaded.state,
            last_item,
            message,
        }
    }

    /// Saving disabled from the start (the state file could not be read).
    pub fn in_memory(why: String) -> StateSession {
        StateSession {
            file: None,
            state: State::default(),
            last_item: None,
            message: Some((why, true)),
        }
    }

    fn save(&mut self, change: Change) {
        self.state.apply(&change);
        let Some(file) = &self.file else { return };
        match file.apply(&[change]) {
            // Take the merged state: another ribao's changes show up too.
            Ok(loaded) => {
                self.state = loaded.state;
                if let Some(n) = loaded.notices.first() {
                    self.message = Some((n.to_string(), true));
                }
            }
            Err(e) => {
                self.message = Some((format!("saving disabled: {e}"), true));
                self.file = None;
            }
        }
    }
}

impl Session for StateSession {
    fn is_read(&self, item_id: &str) -> bool {
        self.state.is_read(item_id)
    }

    fn set_read(&mut self, item_id: &str, read: bool) {
        if self.state.is_read(item_id) != read {
            let id = item_id.to_string();
            self.save(if read {
                Change::MarkRead(id)
            } else {
                Change::MarkUnread(id)
            });
        }
    }

    fn is_bookmarked(&self, item_id: &str) -> bool {
        self.state.is_bookmarked(item_id)
    }

    fn bookmark_count(&self) -> usize {
        self.state.bookmarks.len()
    }

    fn last_item(&self) -> Option<String> {
        self.last_item.clone()
    }

    fn set_last_item(&mut self, item_id: &str) {
        self.last_item = Some(item_id.to_string());
    }

    fn take_message(&mut self) -> Option<(String, bool)> {
        self.message.take()
    }

    /// The position is saved once, on quit: losing it in a crash costs little.
    fn flush(&mut self) -> anyhow::Result<()> {
        let Some(item) = self.last_item.clone() else {
            return Ok(());
        };
        let mut position = self.state.position.clone().unwrap_or_default();
        position.item = Some(item);
        self.save(Change::SetPosition(position));
        match self.message.take() {
            Some((text, true)) => anyhow::bail!(text),
            _ => Ok(()),
        }
    }
}
