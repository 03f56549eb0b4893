//! Reading state the reader shows and changes: read marks now, bookmarks and the last
//! position through the same trait once the state module provides them.
//!
//! The app only talks to [`Session`]; [`MemorySession`] keeps everything in memory, and a
//! persistent implementation (the state file) can replace it without touching the UI.

use std::collections::HashSet;

/// What the reader needs to know and change about the user's reading.
pub trait Session {
    fn is_read(&self, item_id: &str) -> bool;
    fn set_read(&mut self, item_id: &str, read: bool);
    fn is_bookmarked(&self, _item_id: &str) -> bool {
        false
    }
    fn bookmark_count(&self) -> usize {
        0
    }
    /// The story the reader showed when it last quit, to select it again on start.
    fn last_item(&self) -> Option<String> {
        None
    }
    /// Called whenever a story is opened.
    fn set_last_item(&mut self, _item_id: &str) {}
    /// Something the user must be told (a save that failed, a broken state file kept aside):
    /// (text, is_error). Taken once; the reader shows it in the status bar.
    fn take_message(&mut self) -> Option<(String, bool)> {
        None
    }
    /// Called once when the reader quits, after the terminal is restored, so errors print
    /// normally.
    fn flush(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Reading state kept in memory only: what the reader uses until the state file exists, and
/// what tests use.
#[derive(Debug, Default, Clone)]
pub struct MemorySession {
    pub read: HashSet<String>,
    pub bookmarks: HashSet<String>,
    pub last_item: Option<String>,
}

impl Session for MemorySession {
    fn is_read(&self, item_id: &str) -> bool {
        self.read.contains(item_id)
    }

    fn set_read(&mut self, item_id: &str, read: bool) {
        if read {
            self.read.insert(item_id.to_string());
        } else {
            self.read.remove(item_id);
        }
    }

    fn is_bookmarked(&self, item_id: &str) -> bool {
        self.bookmarks.contains(item_id)
    }

    fn bookmark_count(&self) -> usize {
        self.bookmarks.len()
    }

    fn last_item(&self) -> Option<String> {
        self.last_item.clone()
    }

    fn set_last_item(&mut self, item_id: &str) {
        self.last_item = Some(item_id.to_string());
    }
}
