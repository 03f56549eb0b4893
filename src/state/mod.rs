//! Bookmarks, read marks and the last reading position, kept in one JSON file.
//!
//! The file is pretty-printed JSON, format version 1:
//! `{"version": 1, "bookmarks": [{"id", "date", "source", "category", "title", "url", "outlet",
//! "path", "added", "text"}], "read": [ids], "position": {"date", "category", "item", "scroll"} | null}`.
//! A bookmark carries its own copy of what is needed to list and open it, and of the story's
//! text, so it outlives its digest file. Fields this version does not know (from a newer ribao) are kept on save, at
//! the top level, in bookmarks and in the position.
//!
//! - [`State`] is plain data; [`Change`]s apply to it purely ([`State::apply`]), so the reader
//!   updates its view at once. Adding an existing bookmark and removing a missing one are
//!   no-ops.
//! - [`StateFile`] is the file (default `<data dir>/state.json`, see
//!   [`StateFile::default_path`]). [`StateFile::apply`] locks `state.json.lock` (never
//!   deleted), re-reads the file, replays the changes on it and replaces it atomically (temp
//!   file, fsync, rename, fsync of the folder): changes from other ribaos running at the same
//!   time are merged, never lost, and a crash or `kill -9` leaves the old or the new file.
//!   Temporary files left by killed writers are removed by the next save.
//! - A file that cannot be used as it is (not JSON, not an object, no format version, fields
//!   of the wrong type) is never overwritten before its exact bytes are copied to
//!   `state.json.broken-<UTC time>`; a [`Notice`] names the copy and the problem, and ribao
//!   carries on with what could be read of it: of a version-1 object, every bookmark, read
//!   mark and position that is whole (a hand edit that spoils one bookmark costs only that
//!   one), else nothing. The next save then writes a good file. This holds too when the file
//!   turns bad while ribao runs.
//! - Each save that holds something, over a whole file, is also copied to `state.json.bak`
//!   (not synced: the file itself is). A file found empty, which a full disk or another
//!   program can leave but ribao's saves never do, or not there beside that copy (moved
//!   away), gives way to the copy, with a [`Notice`]; a reader that has the file open saves
//!   what it holds again.
//! - A newer ribao's file (a higher format version) is neither read nor written:
//!   [`StateError::Newer`].
//! - Errors ([`StateError`]) name the file, the cause and what happens; the reader keeps
//!   working with saving disabled. A state file the user made read-only is not replaced.
//!   What such a reader could not save is kept in a file of its own at quit, and added to
//!   the state file by the next reader that can write it ([`unsaved`]).

mod atomic;
mod broken;
mod change;
mod codec;
mod error;
mod file;
mod model;
mod read_marks;
pub mod unsaved;

pub use broken::{GaveWay, Notice};
pub use change::Change;
pub use error::StateError;
pub use file::{Loaded, Stamp, StateFile};
pub use model::{Bookmark, Extra, PLACES_KEPT, Place, Position, State, UNTITLED, timestamp_now};
pub use read_marks::ReadMarks;
