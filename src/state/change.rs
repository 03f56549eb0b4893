//! Changes to the state, applied purely in memory. The TUI applies them to its own copy at
//! once; [`StateFile::apply`](super::StateFile::apply) replays the same changes on the file's
//! current content, so two writers merge instead of overwriting each other.

use super::model::{Bookmark, PLACES_KEPT, Place, Position, State};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// No-op if a bookmark with this id exists (its original `added` is kept). Boxed, as the
    /// position is: a change is mostly a read mark, a whole archive's at once (tester BP's
    /// 248,696 took 67 MB held each at a bookmark's size).
    AddBookmark(Box<Bookmark>),
    /// By id; no-op if there is none.
    RemoveBookmark(String),
    MarkRead(String),
    MarkUnread(String),
    /// Replaces the position; unknown fields of the old one that the new one lacks are kept.
    SetPosition(Box<Position>),
    /// Where this reader left stories, the last left at the end: each replaces the place
    /// saved for its story (one left at its top, `at` 0, takes it away) and comes after the
    /// others; the oldest go past [`PLACES_KEPT`].
    SetPlaces(Vec<Place>),
    /// The newest date (`YYYY-MM-DD`) a reader had in a store, put on the place saved there
    /// (see [`Position::NEWEST`]) when it is later than the one that place holds.
    SawNewest {
        store: String,
        date: String,
    },
}

impl Change {
    /// The changes that give bookmarks their story's new id (see
    /// `Library::bookmark_moves`): each `(old id, bookmark)` keeps when it was made, and a
    /// read mark (`is_read`) goes with it.
    pub fn bookmark_moves(
        moves: Vec<(String, Bookmark)>,
        is_read: impl Fn(&str) -> bool,
    ) -> Vec<Change> {
        let mut changes = Vec::with_capacity(moves.len() * 3);
        for (old, bookmark) in moves {
            if is_read(&old) {
                changes.push(Change::MarkRead(bookmark.id.clone()));
            }
            changes.push(Change::RemoveBookmark(old));
            changes.push(Change::AddBookmark(Box::new(bookmark)));
        }
        changes
    }
}

impl State {
    /// Whether this state, as its file holds it now, was saved since a reader read `known`
    /// from it: another ribao's changes, removals too, are in it then, and what the reader
    /// held is not to be put back over them (tester CH: a bookmark removed came back). At
    /// least the first save: a backup from before saves were counted says nothing.
    pub fn saved_since(&self, known: &State) -> bool {
        self.saves > known.saves.max(1)
    }

    /// Changes that put what `self` holds into another state: every bookmark and read mark,
    /// the positions (other stores' first, so that this store's is the one in place) and
    /// the places left in stories (tester BJ: a state file deleted under a running reader
    /// got its bookmarks back, and lost the rest).
    pub fn as_changes(&self) -> Vec<Change> {
        let bookmarks = self
            .bookmarks
            .iter()
            .cloned()
            .map(Box::new)
            .map(Change::AddBookmark);
        let read = self.read.iter().map(|id| Change::MarkRead(id.to_string()));
        let positions = self.elsewhere.values().chain(&self.position);
        let places =
            Some(Change::SetPlaces(self.places.clone())).filter(|_| !self.places.is_empty());
        bookmarks
            .chain(read)
            .chain(positions.cloned().map(Box::new).map(Change::SetPosition))
            .chain(places)
            .collect()
    }

    /// Applies one change; true if the state changed.
    pub fn apply(&mut self, change: &Change) -> bool {
        match change {
            Change::AddBookmark(bookmark) => {
                let new = !self.is_bookmarked(&bookmark.id);
                if new {
                    self.bookmarks.push(bookmark.as_ref().clone());
                }
                new
            }
            Change::RemoveBookmark(id) => {
                let before = self.bookmarks.len();
                self.bookmarks.retain(|b| &b.id != id);
                self.bookmarks.len() != before
            }
            Change::MarkRead(id) => self.read.insert(id),
            Change::MarkUnread(id) => self.read.remove(id),
            Change::SetPosition(position) => {
                let mut position = position.as_ref().clone();
                // The place in another store is kept for going back there; this store's own,
                // kept before, is the one built on.
                let left = self
                    .position
                    .take_if(|old| old.store().is_some() && old.store() != position.store());
                // What was kept aside for this store is this position's now (kept on, after
                // a position that named no store, it was another, stale, of the same store).
                let kept = position.store().and_then(|s| self.elsewhere.remove(s));
                let moved = left.is_some() || kept.is_some();
                if let Some(left) = left {
                    let key = left.store().unwrap_or_default().to_string();
                    self.elsewhere.insert(key, left);
                    self.position = kept;
                }
                if let Some(old) = &self.position {
                    for (key, value) in &old.extra {
                        position.extra.entry(key).or_insert_with(|| value.clone());
                    }
                }
                let changed = moved || self.position.as_ref() != Some(&position);
                self.position = Some(position);
                changed
            }
            Change::SetPlaces(left) => {
                let ids: std::collections::HashSet<&str> =
                    left.iter().map(|p| p.id.as_str()).collect();
                let mut places: Vec<Place> = (self.places.iter())
                    .filter(|p| !ids.contains(p.id.as_str()))
                    .chain(left.iter().filter(|p| p.at > 0))
                    .cloned()
                    .collect();
                places.drain(..places.len().saturating_sub(PLACES_KEPT));
                let changed = places != self.places;
                self.places = places;
                changed
            }
            Change::SawNewest { store, date } => {
                let place = match &mut self.position {
                    Some(p) if p.store().is_none_or(|s| s == store) => Some(p),
                    _ => self.elsewhere.get_mut(store),
                };
                let Some(place) = place else {
                    return false;
                };
                let saved = place.extra.get(Position::NEWEST).and_then(|v| v.as_str());
                if saved.is_some_and(|saved| saved >= date.as_str()) {
                    return false;
                }
                place
                    .extra
                    .insert(Position::NEWEST.into(), date.clone().into());
                true
            }
        }
    }

    /// Applies changes in order; true if any changed the state.
    pub fn apply_all(&mut self, changes: &[Change]) -> bool {
        changes
            .iter()
            .fold(false, |changed, change| self.apply(change) | changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The newest date seen goes on the place saved in its store, this one's or one kept
    /// aside, only ever later; a store with no place saved gets none.
    #[test]
    fn the_newest_date_seen_goes_on_its_stores_place_only_forward() {
        let place = |store: &str| {
            let mut p = Position::default();
            p.extra.insert(Position::STORE.into(), store.into());
            Box::new(p)
        };
        let mut state = State::default();
        state.apply(&Change::SetPosition(place("/other")));
        state.apply(&Change::SetPosition(place("/digests")));
        let saw = |store: &str, date: &str| Change::SawNewest {
            store: store.into(),
            date: date.into(),
        };
        let newest = |state: &State, store: &str| {
            let p = state.position_in(store).unwrap();
            p.extra
                .get(Position::NEWEST)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        assert!(state.apply(&saw("/other", "2026-01-19")));
        assert_eq!(newest(&state, "/other").as_deref(), Some("2026-01-19"));
        assert_eq!(newest(&state, "/digests"), None);
        assert!(!state.apply(&saw("/other", "2026-01-05")));
        assert!(state.apply(&saw("/digests", "2026-01-20")));
        assert_eq!(newest(&state, "/digests").as_deref(), Some("2026-01-20"));
        assert!(!state.apply(&saw("samples", "2026-01-20")));
        assert!(state.position_in("samples").is_none());
    }
}
