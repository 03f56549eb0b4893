//! The state file on disk. Every save takes an exclusive lock on `<file>.lock`, re-reads the
//! file, replays the caller's changes on what it found and replaces the file atomically, so
//! concurrent ribaos merge rather than overwrite each other. A file that cannot be used is
//! copied aside before anything replaces it.

use super::atomic::{self, folder_of, remove_stray_temps};
use super::broken::{GaveWay, Notice, keep_copy};
use super::change::Change;
use super::codec::{self, Refusal, Unusable};
use super::error::StateError;
use super::model::State;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// Which version of the state file is on disk (see [`crate::file_stamp`]).
/// Every save replaces the file, so each changes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp(Option<(u64, SystemTime, u64)>);

/// A state file. Shareable between threads; every call looks at the disk, and reads the file
/// again when it is not the one this process last read or wrote.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
    /// The state this process last read from the file or wrote to it, with the file's stamp
    /// then: while the stamp is the same, it is what the file holds (a whole archive's read
    /// marks took most of each save to read back).
    last: Arc<Mutex<Option<(Stamp, State)>>>,
    /// How long a save waits for another process's lock before it gives up.
    patience: Duration,
    /// Told the lock file's path, and how long a save waits for it in all, once a save has
    /// waited [`WAIT_NOTICE`] for it.
    on_wait: Option<fn(&Path, Duration)>,
}

/// How long a save waits on another program's lock before it says so (see
/// [`StateFile::telling_waits`]).
const WAIT_NOTICE: Duration = Duration::from_secs(1);

/// A save takes milliseconds: a lock held this long is held by something stuck, and a
/// script's `ribao bookmark` should fail rather than hang.
const PATIENCE: Duration = Duration::from_secs(10);

/// A state as read or saved, and what the user must be told about the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub state: State,
    pub notices: Vec<Notice>,
    /// The file this state was read from or written to.
    pub stamp: Stamp,
    /// Ids a save marked read that the file had read already: another ribao marked them
    /// since this one last read it (an undo of the save leaves them read).
    pub read_already: Vec<String>,
}

/// A broken file's copy, and whether this call made it (false: it was already kept).
type Kept = (Notice, bool);

impl StateFile {
    /// `<data dir>/state.json`, e.g. `~/.local/share/ribao/state.json`; None without a home.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "ribao").map(|d| d.data_dir().join("state.json"))
    }

    /// Reads the state at `path`. A missing file is an empty state; a broken one is what could
    /// be read of it and its backup, after its bytes were copied aside (named in the notice);
    /// a file found empty gives way to its backup (named too). Writes nothing else.
    pub fn open(path: impl Into<PathBuf>) -> Result<(StateFile, Loaded), StateError> {
        let file = StateFile {
            path: resolve_symlink(path.into()),
            last: Arc::default(),
            patience: PATIENCE,
            on_wait: None,
        };
        file.ensure_regular()?;
        // Taken before the read: a save in between only makes a look for changes read again.
        let stamp = file.stamp();
        let bytes = file.read_bytes()?;
        let decoded = bytes.as_deref().map(codec::decode);
        let gives_way = bytes.as_deref().is_none_or(codec::is_blank) && file.backup().is_some()
            || matches!((&bytes, &decoded), (Some(b), Some(Ok(s))) if file.dropped(s, b).is_some());
        let loaded = match decoded {
            None if !gives_way => Loaded {
                stamp,
                ..Loaded::default()
            },
            Some(Ok(state)) if !gives_way => {
                file.remember(stamp, &state);
                Loaded {
                    state,
                    stamp,
                    ..Loaded::default()
                }
            }
            Some(Err(Unusable::Refused(why))) => return Err(file.refused(why)),
            unusable => {
                let problem = match unusable {
                    Some(Err(Unusable::Damaged { problem, .. })) => problem,
                    None => GaveWay::Missing.problem().into(),
                    Some(Ok(_)) => GaveWay::Replaced.problem().into(),
                    _ => GaveWay::Empty.problem().into(),
                };
                // Under the lock, so that ribaos starting together keep one copy, and read
                // again there: the file may have been saved since.
                let _lock = file.lock().map_err(|cause| StateError::Preserve {
                    path: file.path.clone(),
                    problem,
                    cause,
                })?;
                let (state, kept) = file.current()?;
                Loaded {
                    state,
                    notices: kept.map(|(notice, _)| notice).into_iter().collect(),
                    stamp: file.stamp(),
                    read_already: Vec::new(),
                }
            }
        };
        Ok((file, loaded))
    }

    /// The same file, its saves giving up on a held lock after `patience` (the reader saves
    /// as keys are pressed, and tries again later).
    pub fn with_patience(self, patience: Duration) -> StateFile {
        StateFile { patience, ..self }
    }

    /// The same file, `tell` given the lock file's path and the patience when a save has
    /// waited a second for another program's lock: a command should not sit silent for its
    /// whole patience.
    pub fn telling_waits(self, tell: fn(&Path, Duration)) -> StateFile {
        StateFile {
            on_wait: Some(tell),
            ..self
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How the file was lost, when it is: `deleted`, or `emptied` (blank, as a full disk or
    /// another program leaves it; a review: one of whitespace alone was taken for a state).
    pub fn lost(&self) -> Option<&'static str> {
        /// Longer, a file is no blank one a disk or a program left.
        const BLANK_MOST: u64 = 4096;
        // One look at the file: its size is in its stamp.
        let Stamp(Some((size, ..))) = self.stamp() else {
            return Some("deleted");
        };
        // (A folder's size may be small: it reads as no file, so not as blank.)
        let blank = size <= BLANK_MOST && read(&self.path).is_ok_and(|b| codec::is_blank(&b));
        blank.then_some("emptied")
    }

    /// The file as it is on disk now (nothing when there is none).
    pub fn stamp(&self) -> Stamp {
        Stamp(crate::file_stamp::of(&self.path))
    }

    /// Applies `changes` to the file's current content (not to what `open` returned: another
    /// ribao may have saved since) and saves, creating missing folders. Returns the state now
    /// on disk; `apply(&[])` just re-reads. Notices name a broken file found and copied aside
    /// during the call; an error leaves the file as it was.
    pub fn apply(&self, changes: &[Change]) -> Result<Loaded, StateError> {
        let save_error = |cause| StateError::Save {
            path: self.path.clone(),
            cause,
        };
        self.ensure_regular()?;
        fs::create_dir_all(folder_of(&self.path)).map_err(save_error)?;
        let _lock = self.lock().map_err(|cause| StateError::Lock {
            path: self.path.clone(),
            lock: self.lock_path(),
            cause,
        })?;
        remove_stray_temps(&self.path);
        let (mut state, kept) = self.current()?;
        let mut read_already = Vec::new();
        let mut changed = false;
        for change in changes {
            let did = state.apply(change);
            if let (false, Change::MarkRead(id)) = (did, change) {
                read_already.push(id.clone());
            }
            changed |= did;
        }
        // A broken file is replaced even without changes: its copy is safe by now.
        if changed || kept.is_some() {
            // A file put back as it was (from its backup, or what could be read of it) is no
            // new save: one that counted itself passed for another ribao's save over what a
            // lost file's reader had, and that was not put back (tester DP).
            if changed {
                state.saves += 1;
            }
            let bytes = codec::encode(&state);
            atomic::replace(&self.path, &bytes).map_err(save_error)?;
            // The backup is what to come back to: every save, over a broken file too, which
            // was read joined to the backup, so nothing of it is lost (tester CH: a save that
            // left it behind let a bookmark removed there come back from it). A file found
            // empty was read whole from the backup: its save is backed up, or what it added
            // was lost when the file was emptied again (tester O); so is an empty state right
            // after one that left nothing to come back to (tester T). The save matters more
            // than its backup, so one that cannot be written is left as it is.
            let _ = atomic::write_copy(&self.path, &self.backup_path(), &bytes);
        }
        let notices = kept
            .filter(|(_, made_now)| *made_now)
            .map(|(notice, _)| notice)
            .into_iter()
            .collect();
        // Under the lock: no other save can come between the write and this look.
        let stamp = self.stamp();
        self.remember(stamp, &state);
        Ok(Loaded {
            state,
            notices,
            stamp,
            read_already,
        })
    }

    /// Keeps `state` as what the file stamped `stamp` holds; not for no file, which may give
    /// way to its backup when it is looked at again.
    fn remember(&self, stamp: Stamp, state: &State) {
        let known = (stamp != Stamp::default()).then(|| (stamp, state.clone()));
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = known;
    }

    /// The state kept by [`StateFile::remember`], when the file is still the one it was.
    fn remembered(&self) -> Option<State> {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        last.take()
            .and_then(|(stamp, state)| (stamp == self.stamp()).then_some(state))
    }

    /// The error for a file left as it is.
    fn refused(&self, why: Refusal) -> StateError {
        let path = self.path.clone();
        match why {
            Refusal::Newer(problem) => StateError::Newer { path, problem },
            Refusal::Foreign(problem) => StateError::Foreign { path, problem },
        }
    }

    /// Refuses a path that is there but is not a regular file.
    fn ensure_regular(&self) -> Result<(), StateError> {
        let Ok(meta) = fs::metadata(&self.path) else {
            return Ok(());
        };
        let Some(kind) = crate::regular_file::kind(&meta) else {
            return Ok(());
        };
        Err(StateError::NotAFile {
            path: self.path.clone(),
            kind,
        })
    }

    /// The file's bytes; None if there is no file.
    fn read_bytes(&self) -> Result<Option<Vec<u8>>, StateError> {
        match read(&self.path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
                Err(self.refused(Refusal::Foreign(e.to_string())))
            }
            Err(cause) => Err(StateError::Read {
                path: self.path.clone(),
                cause,
            }),
        }
    }

    /// The state to build on; a damaged file is copied aside and what could be read of it is
    /// used, with its backup's, and a file found empty gives way to its backup. Call only while holding the
    /// lock.
    fn current(&self) -> Result<(State, Option<Kept>), StateError> {
        if let Some(state) = self.remembered() {
            return Ok((state, None));
        }
        let bytes = self.read_bytes()?;
        // Empty or not there is what a full disk, a careless program or a hand moving it
        // away leaves, never ribao's own saves: the last save's copy is what the user has.
        let gave_way = match &bytes {
            None => Some(GaveWay::Missing),
            Some(bytes) if codec::is_blank(bytes) => Some(GaveWay::Empty),
            Some(_) => None,
        };
        if let Some(why) = gave_way
            && let Some(state) = self.backup()
        {
            let notice = Notice {
                path: self.path.clone(),
                copy: self.backup_path(),
                gave_way: Some(why),
                backup: Some(self.backup_path()),
                problem: why.problem().into(),
                recovered: recovered(&state),
            };
            return Ok((state, Some((notice, true))));
        }
        let Some(bytes) = bytes else {
            return Ok((State::default(), None));
        };
        match codec::decode(&bytes) {
            Ok(state) => match self.dropped(&state, &bytes) {
                None => Ok((state, None)),
                Some(dropped) => {
                    let why = GaveWay::Replaced;
                    let (copy, made_now) =
                        keep_copy(&self.path, &bytes).map_err(|cause| StateError::Preserve {
                            path: self.path.clone(),
                            problem: why.problem().into(),
                            cause,
                        })?;
                    let notice = Notice {
                        path: self.path.clone(),
                        copy,
                        gave_way: Some(why),
                        backup: Some(self.backup_path()),
                        problem: why.problem().into(),
                        recovered: recovered(&dropped),
                    };
                    Ok((state.joined(dropped), Some((notice, made_now))))
                }
            },
            Err(Unusable::Refused(why)) => Err(self.refused(why)),
            Err(Unusable::Damaged { problem, salvaged }) => match keep_copy(&self.path, &bytes) {
                Ok((copy, made_now)) => {
                    // What could be read of a file cut short is a part of it: the last save's
                    // backup has the rest, which the next save would otherwise replace for
                    // good (tester AD lost 20 of 25 bookmarks so).
                    let backup = self.backup();
                    let from_backup = backup.is_some().then(|| self.backup_path());
                    let state = match backup {
                        Some(last_save) => last_save.joined(*salvaged),
                        None => *salvaged,
                    };
                    let notice = Notice {
                        path: self.path.clone(),
                        copy,
                        gave_way: None,
                        backup: from_backup,
                        problem,
                        recovered: recovered(&state),
                    };
                    Ok((state, Some((notice, made_now))))
                }
                Err(cause) => Err(StateError::Preserve {
                    path: self.path.clone(),
                    problem,
                    cause,
                }),
            },
        }
    }

    /// `<file>.lock`.
    fn lock_path(&self) -> PathBuf {
        self.beside(".lock")
    }

    /// `<file>.bak`: a copy of the last save made over a whole file, unless it saved
    /// nothing at all.
    fn backup_path(&self) -> PathBuf {
        self.beside(".bak")
    }

    fn beside(&self, suffix: &str) -> PathBuf {
        let mut name = OsString::from(self.path.as_os_str());
        name.push(suffix);
        PathBuf::from(name)
    }

    /// The bookmarks and read marks of the last save that `state`, read from `bytes`, lacks,
    /// when its file is not that save: every ribao save is copied to the backup, so a file
    /// unlike it, and not saved after it, was written by another program. None when nothing
    /// of it is missing.
    fn dropped(&self, state: &State, bytes: &[u8]) -> Option<State> {
        let last = read(&self.backup_path()).ok().filter(|b| b != bytes)?;
        let last = codec::decode(&last)
            .ok()
            .filter(|l| l.saves >= state.saves)?;
        let dropped = State {
            bookmarks: last
                .bookmarks
                .into_iter()
                .filter(|b| !state.is_bookmarked(&b.id))
                .collect(),
            read: last
                .read
                .iter()
                .filter(|id| !state.read.contains(id))
                .collect(),
            ..State::default()
        };
        (dropped != State::default()).then_some(dropped)
    }

    /// The backup's state: whole, or what could be read of it when it is damaged, its bytes
    /// kept aside first (the next save replaces it; tester BN: file and backup both broken,
    /// the backup went unkept). None when there is none, or it holds nothing.
    fn backup(&self) -> Option<State> {
        let bytes = read(&self.backup_path()).ok()?;
        let state = match codec::decode(&bytes) {
            Ok(state) => state,
            Err(Unusable::Damaged { salvaged, .. })
                if keep_copy(&self.backup_path(), &bytes).is_ok() =>
            {
                *salvaged
            }
            Err(_) => return None,
        };
        (state != State::default()).then_some(state)
    }

    /// Waits up to its patience for this process to hold the lock; released when the
    /// returned file is dropped (also when the process dies). The lock file is never
    /// deleted: deleting it would let a late-comer lock a new file while another holds the
    /// old one.
    fn lock(&self) -> io::Result<File> {
        let file = crate::regular_file::open_with(
            &self.lock_path(),
            OpenOptions::new().create(true).truncate(false).write(true),
        )?;
        let started = Instant::now();
        let mut told = self.on_wait.is_none();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::Error(e)) => return Err(e),
                Err(TryLockError::WouldBlock) if started.elapsed() >= self.patience => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!(
                            // What was waited, not how long it was held (tester CH: "0.1 s"
                            // of a lock held for seconds).
                            "another program holds it (waited {} s)",
                            self.patience.as_secs_f32()
                        ),
                    ));
                }
                Err(TryLockError::WouldBlock) => {
                    if !told && started.elapsed() >= WAIT_NOTICE {
                        told = true;
                        if let Some(tell) = self.on_wait {
                            tell(&self.lock_path(), self.patience);
                        }
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }
    }
}

/// What was read of a damaged file, in words; None when nothing was.
fn recovered(state: &State) -> Option<String> {
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        count(state.bookmarks.len(), "bookmark", "bookmarks"),
        count(state.read.len(), "read mark", "read marks"),
        state
            .position
            .as_ref()
            .map(|_| "the reading position".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| crate::text::and_list(&parts))
}

/// Saving replaces the file by renaming; done on a symlink (a dotfiles setup) that would turn
/// the link into a plain file, so the link's target is used instead, even one not created yet.
pub(super) fn resolve_symlink(mut path: PathBuf) -> PathBuf {
    // Bounded: a cycle of links is left for the file system to report.
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => path = folder_of(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

/// The size a state file (or its backup) stays under: a whole archive's read marks and
/// thousands of bookmarks with their text come to tens of megabytes (tester DO: 300 MB of
/// zeros was read whole, then copied aside, by `ribao bookmarks`; tester DP: 256 MB too).
const STATE_BYTES_UNDER: u64 = 256 * 1024 * 1024;

/// Every byte of the state file (or backup) at `path`, unless there are as many as no state
/// file holds (`FileTooLarge`, saying so).
fn read(path: &Path) -> io::Result<Vec<u8>> {
    let size = fs::metadata(path)?.len();
    if size >= STATE_BYTES_UNDER {
        const MB: u64 = 1024 * 1024;
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "at {} MB it is larger than a state file grows (under {} MB)",
                size / MB,
                STATE_BYTES_UNDER / MB
            ),
        ));
    }
    crate::regular_file::read(path)
}
