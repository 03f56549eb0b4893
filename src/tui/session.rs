//! The user's reading state as the reader sees and changes it: read marks, bookmarks and the
//! last position. Every bookmark and read mark is saved to the state file when it is made
//! (locked, merged, atomic), or in the reader's loop as soon as the screen shows it (see
//! [`Session::hold_saves`]), so a crash or a second ribao loses nothing; when the file cannot
//! be written, the reader keeps going in memory, says so, and tries again at every change,
//! every look at the file and on quit. Tests use it without a file.

use crate::state::{
    Bookmark, Change, Loaded, Place, Position, Stamp, State, StateError, StateFile, unsaved,
};
use std::path::{Path, PathBuf};

/// Looks at the state file (every two seconds) a lock held by another ribao is waited for,
/// unsaid, before saving is said to be off.
const BUSY_LOOKS: u32 = 2;

pub struct Session {
    /// None: kept in memory only (tests, or a state file that could not be read).
    file: Option<StateFile>,
    /// The state file's path and the folders where what cannot be saved in it is kept at
    /// quit (see [`crate::state::unsaved`]); none in tests without a file.
    unsaved: Option<(PathBuf, Vec<PathBuf>)>,
    /// Why saving, wanted, failed: the user is told for as long as it lasts.
    saving_off: Option<String>,
    /// The last save found another ribao holding the file's lock longer than a key may
    /// wait (it was saving a large state): the changes wait for the next try, unsaid; the
    /// number is the looks at the file since that found it so. Past [`BUSY_LOOKS`] saving
    /// is off, and said (tester BN: the notice that said so took the keys after it).
    busy: Option<u32>,
    /// Saving on quit: no later look will try again.
    quitting: bool,
    /// The state file could not be read at start: each look tries to open it again, and
    /// takes it over once it can (tester CS: a file made readable was never read, and the
    /// bookmarks in it looked gone).
    unopened: bool,
    /// Changes wait for [`Session::save_held`]: the reader's loop shows a key's change
    /// before it saves it (a whole archive's read marks take two frames to save).
    hold: bool,
    /// Changes made while saving was off, in order: written with the next save that works,
    /// else lost at quit, which says so.
    pending: Vec<Change>,
    /// Stories this reader's saves marked read that another ribao had marked read first
    /// (see [`Session::take_read_elsewhere`]).
    read_elsewhere: Vec<String>,
    state: State,
    /// The state file as this reader last read or wrote it.
    on_disk: Stamp,
    /// The file was found deleted or emptied, and no save has worked since (see
    /// `save_pending`).
    file_lost: bool,
    /// Where the reader went in this session; saved on quit. None while it went nowhere: the
    /// place it opened at, saved again, went over one another reader saved after it started
    /// (tester DQ).
    position: Option<Position>,
    /// Where the reader left stories; saved on quit with the position.
    places: Option<Vec<Place>>,
    message: Option<(String, bool)>,
    /// Counts the changes to the marks and bookmarks held, however they came (this reader,
    /// another one): what is counted from them knows when to count again.
    version: u64,
}

impl Session {
    /// The state file's session; a broken file (already copied aside) is said in the
    /// notice. What earlier readers could not save in it and kept in `unsaved` folders is
    /// added to it now, and said: in the notice too where a kept file was found damaged.
    pub fn open(file: StateFile, mut loaded: Loaded, unsaved: Vec<PathBuf>) -> Session {
        // Saves happen as keys are pressed: a lock someone holds too long turns saving off
        // (tried again every few seconds) rather than freeze the screen.
        let file = file.with_patience(std::time::Duration::from_millis(100));
        let mut message = loaded.notices.first().map(|n| (n.to_string(), true));
        // What could be read of a broken file (copied aside by now) is written back, so the
        // notice is given once, not at every start. A failure shows at the next save.
        if !loaded.notices.is_empty() {
            let _ = file.apply(&[]);
        }
        // Said beside what opening it said (tester DP: a backup's notice hid it).
        if let Some(taken) = unsaved::take_in(&file, &unsaved) {
            message = Some(match message {
                Some((said, _)) => (format!("{said}\n\n{}", taken.0), true),
                None => taken,
            });
            if let Ok(now) = file.apply(&[]) {
                loaded = now;
            }
        }
        Session {
            on_disk: loaded.stamp,
            unsaved: Some((file.path().to_path_buf(), unsaved)),
            file: Some(file),
            message,
            ..Session::in_memory(loaded.state)
        }
    }

    /// A session with no file behind it, starting from `state`.
    pub fn in_memory(state: State) -> Session {
        Session {
            file: None,
            unsaved: None,
            saving_off: None,
            busy: None,
            quitting: false,
            unopened: false,
            hold: false,
            pending: Vec::new(),
            read_elsewhere: Vec::new(),
            state,
            on_disk: Stamp::default(),
            file_lost: false,
            position: None,
            places: None,
            message: None,
            version: 0,
        }
    }

    /// Saving disabled from the start (the state file at `path` could not be read): says
    /// why. What changes is kept in `unsaved` folders at quit.
    pub fn saving_disabled(why: String, path: PathBuf, unsaved: Vec<PathBuf>) -> Session {
        Session {
            message: Some((
                // Why first: it is what to act on (tester AZ: it came last, after the rest).
                format!(
                    "{why}. Saving is off: your changes are kept for this session, and at quit \
                     in a file of their own, which the next ribao that can write the state file \
                     takes in."
                ),
                true,
            )),
            saving_off: Some(why),
            unsaved: Some((path, unsaved)),
            unopened: true,
            ..Session::in_memory(State::default())
        }
    }

    /// True when saving to the state file failed and changes are kept in memory only.
    pub fn saving_off(&self) -> bool {
        self.saving_off.is_some()
    }

    /// Changes with every change to the marks and bookmarks held.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// How many changes to bookmarks and read marks wait unsaved while saving is off: what
    /// they come to, a bookmark put on and taken off again none (tester DH: `b b` was said
    /// to be lost on quitting).
    pub fn unsaved(&self) -> usize {
        if self.saving_off.is_some() {
            unsaved::netted(&self.pending).len()
        } else {
            0
        }
    }

    fn save(&mut self, change: Change) {
        self.save_all(vec![change]);
    }

    /// Saves changes together: one write of the file.
    fn save_all(&mut self, changes: Vec<Change>) {
        self.state.apply_all(&changes);
        self.version += 1;
        self.pending.extend(changes);
        // While saving is off, or the lock is held, changes wait for the next try (every few
        // seconds, and on quitting): a key pressed meanwhile is not held up by a file that
        // cannot be written.
        if self.saving_off.is_none() && self.busy.is_none() && !self.hold {
            self.save_pending();
        }
    }

    /// From now on, changes are saved at [`Session::save_held`], not as they are made.
    pub fn hold_saves(&mut self) {
        self.hold = true;
    }

    /// Whether a bookmark made or taken off waits among the changes held.
    pub fn bookmark_held(&self) -> bool {
        (self.pending.iter())
            .any(|c| matches!(c, Change::AddBookmark(_) | Change::RemoveBookmark(_)))
    }

    /// Saves the changes held since the last call; true when that has something new to
    /// show: another ribao's changes taken in with it, or a message (see
    /// [`Session::take_message`]).
    pub fn save_held(&mut self) -> bool {
        let waiting = self.saving_off.is_some() || self.busy.is_some();
        if self.pending.is_empty() || waiting {
            return false;
        }
        self.save_pending() || self.message.is_some()
    }

    /// Writes the changes not saved yet, over what is on disk. While that fails they wait in
    /// memory (the user told once); the save that works says so. A file deleted since this
    /// reader last saw it is not taken for a wish to start from empty (no other ribao deletes
    /// it): it comes back from its backup, or with everything the reader holds (see
    /// [`write`]). True when the bookmarks or read marks held changed with it: another
    /// ribao's were taken in.
    fn save_pending(&mut self) -> bool {
        let Some(file) = &self.file else {
            if self.saving_off.is_none() {
                self.pending.clear();
            }
            return false;
        };
        let lost = (self.on_disk != Stamp::default())
            .then(|| file.lost())
            .flatten();
        // Until a save after it works: a save that failed is no wish to start from empty
        // either, and what the reader holds is not folded into its changes, which would bring
        // back another ribao's removals at the next try (a review).
        self.file_lost |= lost.is_some();
        match write(
            file,
            &self.state,
            &self.pending,
            &mut self.message,
            self.file_lost,
        ) {
            // Take the merged state: another ribao's changes show up too.
            Ok(mut loaded) => {
                self.file_lost = false;
                if let Some(how) = lost {
                    self.message = Some((
                        format!(
                            "state file {} was {how} by another program; your bookmarks, read \
                             marks and places are saved in it again",
                            file.path().display()
                        ),
                        false,
                    ));
                }
                // A broken file found on the way is the thing to say.
                if self.saving_off.take().is_some() && !self.message.as_ref().is_some_and(|m| m.1) {
                    self.message = Some((saving_works_again(file.path()), false));
                }
                // Let go of, not kept empty: a whole archive marked read left its room held.
                self.pending = Vec::new();
                self.busy = None;
                let others = (&loaded.state.bookmarks, &loaded.state.read)
                    != (&self.state.bookmarks, &self.state.read);
                self.read_elsewhere.append(&mut loaded.read_already);
                self.state = loaded.state;
                self.version += 1;
                self.on_disk = loaded.stamp;
                others
            }
            // Another ribao saving a moment longer than a key may wait: tried again at the
            // next change or look, as long as that does not last.
            Err(e) if e.is_busy() && !self.quitting && self.busy.is_none_or(|l| l < BUSY_LOOKS) => {
                self.busy.get_or_insert(0);
                false
            }
            Err(e) => {
                // Said again for a new reason (tester CH: a pipe, then another program's
                // file, was still "a pipe").
                let why = e.to_string();
                if self.saving_off.as_ref() != Some(&why) {
                    self.message = Some((saving_off_because(&e), true));
                }
                self.saving_off = Some(why);
                self.busy = None;
                false
            }
        }
    }

    /// Takes in what another ribao (or `ribao bookmark`) saved since this reader last read
    /// or wrote the state file; true when there is something new to show: its bookmarks or
    /// read marks changed, or a message (the file was found broken).
    /// While saving is off, it is tried again instead (what is on disk is taken in with it).
    pub fn catch_up(&mut self) -> bool {
        if self.unopened {
            return self.open_again();
        }
        if self.saving_off.is_some() {
            self.save_pending();
            return self.saving_off.is_none() || self.message.is_some();
        }
        if let Some(looks) = self.busy {
            self.busy = Some(looks + 1);
            self.save_pending();
            return true;
        }
        // Changes held are saved first: what is on disk is then taken in with them.
        if !self.pending.is_empty() {
            self.save_pending();
            return true;
        }
        let Some(file) = &self.file else {
            return false;
        };
        let now = file.stamp();
        if now == self.on_disk {
            return false;
        }
        // Deleted or emptied: everything this reader holds is saved again (see
        // `save_pending`); if that fails, it waits as changes do while saving is off, and the
        // user is told.
        if file.lost().is_some() {
            self.save_pending();
            return true;
        }
        // A file that cannot be read now is tried again at the next look; saving goes on.
        let Ok(loaded) = write(file, &self.state, &[], &mut self.message, false) else {
            return false;
        };
        let changed = (&loaded.state.bookmarks, &loaded.state.read)
            != (&self.state.bookmarks, &self.state.read);
        self.state = loaded.state;
        self.version += 1;
        self.on_disk = loaded.stamp;
        changed || self.message.is_some()
    }

    /// The state file that could not be read at start, opened if it can be now: what earlier
    /// readers kept for it taken in first, then what this one changed meanwhile, as they are
    /// (see [`unsaved::netted`]: they were made not knowing what it held), and what it holds
    /// shown; said, as saving that works again is; true then. Until it can be opened and
    /// saved to, the reader goes on as it was, nothing said again.
    fn open_again(&mut self) -> bool {
        let Some((path, folders)) = &self.unsaved else {
            return false;
        };
        let Ok((file, loaded)) = StateFile::open(path) else {
            return false;
        };
        let file = file.with_patience(std::time::Duration::from_millis(100));
        let taken = unsaved::take_in(&file, folders);
        let Ok(now) = file.apply(&unsaved::netted(&self.pending)) else {
            return false;
        };
        let said = (loaded.notices.first().map(|n| (n.to_string(), true)))
            .or(taken)
            .unwrap_or_else(|| (saving_works_again(file.path()), false));
        self.message = Some(said);
        self.unopened = false;
        self.saving_off = None;
        self.file = Some(file);
        self.pending = Vec::new();
        self.state = now.state;
        self.on_disk = now.stamp;
        self.version += 1;
        true
    }

    pub fn is_read(&self, item_id: &str) -> bool {
        self.state.is_read(item_id)
    }

    pub fn set_read(&mut self, item_id: &str, read: bool) {
        if self.state.is_read(item_id) != read {
            let id = item_id.to_string();
            self.save(if read {
                Change::MarkRead(id)
            } else {
                Change::MarkUnread(id)
            });
        }
    }

    /// Marks these stories read (or unread), in one save.
    pub fn mark(&mut self, item_ids: impl IntoIterator<Item = String>, read: bool) {
        let change = if read {
            Change::MarkRead
        } else {
            Change::MarkUnread
        };
        let changes: Vec<Change> = item_ids.into_iter().map(change).collect();
        if !changes.is_empty() {
            self.save_all(changes);
        }
    }

    pub fn is_bookmarked(&self, item_id: &str) -> bool {
        self.state.is_bookmarked(item_id)
    }

    pub fn bookmark_count(&self) -> usize {
        self.state.bookmarks.len()
    }

    /// Newest first.
    pub fn bookmarks(&self) -> Vec<Bookmark> {
        self.state
            .bookmarks_newest_first()
            .into_iter()
            .cloned()
            .collect()
    }

    /// Bookmarks story `i` of `library` (keeping its text), or removes its bookmark; true
    /// when it is bookmarked now.
    pub fn toggle_bookmark(&mut self, library: &crate::library::Library, i: usize) -> bool {
        let id = library.item(i).id;
        if self.is_bookmarked(id) {
            self.remove_bookmark(id);
            false
        } else {
            self.save(Change::AddBookmark(Box::new(library.bookmark(i))));
            true
        }
    }

    /// Keeps `bookmark` as it is (a removed one put back, with the time it was made).
    pub fn restore_bookmark(&mut self, bookmark: Bookmark) {
        self.save(Change::AddBookmark(Box::new(bookmark)));
    }

    /// Gives bookmarks their story's new id, in one save: each `(old id, bookmark)` keeps
    /// when it was made, and a read mark goes with it.
    pub fn move_bookmarks(&mut self, moves: Vec<(String, Bookmark)>) {
        let changes = Change::bookmark_moves(moves, |id| self.is_read(id));
        if !changes.is_empty() {
            self.save_all(changes);
        }
    }

    pub fn remove_bookmark(&mut self, item_id: &str) {
        self.save(Change::RemoveBookmark(item_id.to_string()));
    }

    /// Where the reader was when it last quit in `store` (see [`Position::STORE`]).
    pub fn position_in(&self, store: &str) -> Option<&Position> {
        self.state.position_in(store)
    }

    /// Saves `date` as the newest a reader that went nowhere had in `store` (see
    /// [`Change::SawNewest`]), at once, over what the file holds now: best effort, a quit that
    /// moved nowhere failing for none of it.
    pub fn save_newest_seen(&mut self, store: &str, date: &str) {
        let change = Change::SawNewest {
            store: store.to_string(),
            date: date.to_string(),
        };
        if self.saving_off.is_none()
            && self.state.apply(&change)
            && let Some(file) = &self.file
        {
            let _ = file.apply(&[change]);
        }
    }

    pub fn set_position(&mut self, position: Position) {
        self.position = Some(position);
    }

    /// Where stories were left (see [`Change::SetPlaces`]), to save on quit.
    pub fn set_places(&mut self, places: Vec<Place>) {
        self.places = Some(places);
    }

    /// The stories this reader's saves since the last call marked read that another ribao
    /// had marked read first, not knowing it: theirs, which an undo leaves read.
    pub fn take_read_elsewhere(&mut self) -> Vec<String> {
        std::mem::take(&mut self.read_elsewhere)
    }

    /// Something the user must be told (a failed save, a broken state file kept aside):
    /// (text, whether it is a problem, said whole in the notice). Taken once.
    pub fn take_message(&mut self) -> Option<(String, bool)> {
        self.message.take()
    }

    /// Saves the position; called once on quit, before the terminal is let go (a closed
    /// window loses nothing), its error printed after. Losing only the position in a crash
    /// costs little.
    /// Bookmarks or read marks changed while saving was off are tried once more, and lost
    /// now if that fails: that is the error.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        // Quitting waits for no later look: it waits longer for the lock, and one still held
        // then is a save that failed.
        self.busy = None;
        self.quitting = true;
        self.hold = false;
        self.file = (self.file.take()).map(|f| f.with_patience(std::time::Duration::from_secs(2)));
        let position = self
            .position
            .clone()
            .filter(|p| self.state.position.as_ref() != Some(p));
        let places = self.places.take().map(Change::SetPlaces);
        // Written only when they change what is saved: a quit writes nothing new otherwise.
        let places = places.filter(|c| self.state.clone().apply(c));
        let changes: Vec<Change> = (position.map(Box::new).map(Change::SetPosition).into_iter())
            .chain(places)
            .collect();
        match changes.is_empty() {
            false => self.save_all(changes),
            // A file lost and not saved again since: all the reader holds is saved again.
            true if self.pending.is_empty() && !self.file_lost => return Ok(()),
            true => {
                self.save_pending();
            }
        }
        if let Some(why) = &self.saving_off {
            // What the file lost is kept apart from this session's changes: put back only
            // where no other ribao saved since (tester DL: a bookmark another reader removed
            // came back, kept as though this session had made it).
            let holds = |s: &&State| !s.bookmarks.is_empty() || !s.read.is_empty();
            let had = self.file_lost.then_some(&self.state).filter(holds);
            let position = |c: &Change| matches!(c, Change::SetPosition(_) | Change::SetPlaces(_));
            // Only the marks are kept for the next reader: the place is said lost with them
            // (tester DV: it went unsaid).
            let place = match self.pending.iter().any(position) {
                true => "; where you were reading was not saved",
                false => "",
            };
            if self.unsaved() > 0 || had.is_some() {
                let lost = match had {
                    Some(_) => "your bookmarks and read marks were not saved again",
                    None => "the bookmarks and read marks changed in this session were not saved",
                };
                let Some((path, folders)) = self.unsaved.as_ref() else {
                    anyhow::bail!("{lost}: {why}{place}");
                };
                match unsaved::keep(path, &self.pending, had, folders) {
                    Ok(Some(kept)) if had.is_some() => anyhow::bail!(
                        "your bookmarks and read marks could not be saved again to the state \
                         file another program removed or emptied: {why}. They are kept in {}, \
                         and the reader puts them back in {} when it next starts and can write \
                         it (what this session changed in any case, the rest unless another \
                         ribao has saved there since){place}",
                        kept.display(),
                        path.display()
                    ),
                    Ok(Some(kept)) => anyhow::bail!(
                        "the bookmarks and read marks made in this session could not be saved: \
                         {why}. They are kept in {}, and the reader adds them to {} when it \
                         next starts and can write it{place}",
                        kept.display(),
                        path.display()
                    ),
                    // Where they could not be kept either, so the user can make room there
                    // (tester CS: it was not said).
                    Err(tried) if !tried.is_empty() => anyhow::bail!(
                        "{lost}: {why}; nor could they be kept for the next reader in \
                         {tried}{place}"
                    ),
                    _ => anyhow::bail!("{lost}: {why}{place}"),
                }
            }
            if !place.is_empty() {
                anyhow::bail!("the reading position was not saved: {why}");
            }
        }
        match self.message.take() {
            Some((text, true)) => anyhow::bail!(text),
            _ => Ok(()),
        }
    }
}

/// `changes` saved to `file` over what is there, the reader holding `state`, its file
/// `deleted` (or emptied) since it last saw it; what the file had to come back from is told
/// in `message`. A file that had to come back to its backup (deleted, emptied, broken) keeps
/// what the backup says when that save is at least as new as the one the reader last read:
/// another ribao's removals in it stand (tester CH: a bookmark removed came back). Else (a
/// backup whose copy a crash cut off, a file another program put back, nothing to come back
/// to) everything the reader holds is saved again, so nothing it had is lost (a review).
fn write(
    file: &StateFile,
    state: &State,
    changes: &[Change],
    message: &mut Option<(String, bool)>,
    deleted: bool,
) -> Result<Loaded, StateError> {
    let loaded = file.apply(changes)?;
    // (A save over what it came back to counts one more than that: one as new as what the
    // reader read is "saved since" once this save is made on it.)
    match loaded.notices.first() {
        None if deleted => file.apply(&state.as_changes()),
        None => Ok(loaded),
        Some(notice) => {
            *message = Some((notice.while_open(), true));
            match notice.backup.is_some() && loaded.state.saved_since(state) {
                true => Ok(loaded),
                false => file.apply(&state.as_changes()),
            }
        }
    }
}

/// What the reader says when a save works after saving was off (the state file at `path`
/// unwritable or unreadable).
fn saving_works_again(path: &Path) -> String {
    format!(
        "saving works again: your bookmarks and read marks are saved in {}",
        path.display()
    )
}

/// What the reader says when a save fails: why, and what that means for the user.
fn saving_off_because(why: impl std::fmt::Display) -> String {
    format!(
        "{why}. Saving is off: your changes are kept, and saved as soon as the file can be \
         written (in a file of their own if ribao quits before)."
    )
}
