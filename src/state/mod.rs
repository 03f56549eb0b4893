//! Bookmarks and reading state (being written).
