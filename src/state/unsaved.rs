//! Bookmarks and read marks a reader could not save (its state file read-only, a newer
//! ribao's, unreadable), kept at quit in a state file of their own and added to the state
//! file by the next reader that can write it: nothing is lost to a file that could not be
//! written, nor to a closed terminal that never showed the error (tester Z).

use std::path::{Path, PathBuf};

use super::{Change, State, StateFile, atomic, codec};

/// Where they are kept, the first that can be written: the data folder
/// (`~/.local/share/ribao/unsaved`), else the user's own in the system's temporary folder
/// (`ribao-unsaved-<uid>`: one folder for all users was whoever made it first's, and showed
/// their bookmarks to all; tester AD).
pub fn folders() -> Vec<PathBuf> {
    let data =
        directories::ProjectDirs::from("", "", "ribao").map(|d| d.data_dir().join("unsaved"));
    #[cfg(unix)]
    // SAFETY: getuid takes nothing and cannot fail.
    let user = unsafe { libc::getuid() }.to_string();
    #[cfg(not(unix))]
    let user = std::env::var("USERNAME").unwrap_or_default();
    let temp = std::env::temp_dir().join(format!("ribao-unsaved-{user}"));
    data.into_iter().chain([temp]).collect()
}

/// The bookmarks and read marks removed, which a state file of what was added cannot hold:
/// kept beside it, under these keys.
const REMOVED: &str = "removed_bookmarks";
const UNREAD: &str = "marked_unread";
/// What a reader held of a state file another program removed or emptied, which it could
/// not write again: kept beside its changes, a state file of its own, and put back only
/// where no other ribao has saved since (see [`State::saved_since`]).
const LOST: &str = "lost_state_file";

/// What the names of the files kept for the state file at `state` start with: a hash of
/// its path, so another state file's are left alone; the path as the state file's links
/// and its folder resolve, so the state file named another way (relative, with `..`, by a
/// link to it or its folder) finds them (tester DB: `--state work/s` left what `--state
/// /tmp/…/work/s` kept waiting, unsaid; a review: a link to the file, of a dotfiles setup).
fn prefix(state: &Path) -> String {
    let state = super::file::resolve_symlink(state.to_path_buf());
    let folder = state.parent().filter(|f| !f.as_os_str().is_empty());
    let resolved = match (
        std::fs::canonicalize(folder.unwrap_or(Path::new("."))),
        state.file_name(),
    ) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => absolute(&state),
    };
    hashed(&resolved)
}

/// `path` made absolute, as it is written otherwise: how [`prefix`] names a state file
/// whose folder is not there (yet).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// [`prefix`] of `path` as it is written: what earlier readers named their files by.
fn hashed(path: &Path) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(path.as_os_str().as_encoded_bytes());
    format!("{hash:016x}-")
}

/// What `changes` came to for bookmarks and read marks, kept in the first of `folders`
/// that takes it: a state file of what they added, with what they removed beside it (see
/// [`REMOVED`]), and what the reader `had` of a state file that was lost (see [`LOST`]);
/// its path. None when they came to nothing; Err: each folder tried, and why it did not
/// take them.
pub fn keep(
    state: &Path,
    changes: &[Change],
    had: Option<&State>,
    folders: &[PathBuf],
) -> Result<Option<PathBuf>, String> {
    let mut kept = State::default();
    let (mut removed, mut unread) = (Vec::new(), Vec::new());
    for change in netted(changes) {
        match change {
            Change::RemoveBookmark(id) => removed.push(id),
            Change::MarkUnread(id) => unread.push(id),
            added => {
                kept.apply(&added);
            }
        }
    }
    for (key, ids) in [(REMOVED, removed), (UNREAD, unread)] {
        if !ids.is_empty() {
            kept.extra.insert(key.into(), ids.into());
        }
    }
    let had = had.and_then(|had| serde_json::from_slice(&codec::encode(had)).ok());
    if let Some(had) = had {
        kept.extra.insert(LOST.into(), had);
    }
    if kept == State::default() {
        return Ok(None);
    }
    let bytes = codec::encode(&kept);
    let time = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let name = format!("{}{time}.json", prefix(state));
    let mut tried = Vec::new();
    for folder in folders {
        let path = folder.join(&name);
        match make_private_folder(folder).and_then(|()| atomic::replace(&path, &bytes)) {
            Ok(()) => return Ok(Some(path)),
            Err(e) => tried.push(format!(
                "{} ({})",
                folder.display(),
                crate::io_error::in_words(&e)
            )),
        }
    }
    Err(tried.join(", "))
}

/// What `changes`, made by a reader that could not read the state file, come to for its
/// bookmarks and read marks: the last change of each, where it undoes the first. A reader
/// adds only what is not there and removes only what is: the first change says what the
/// file had, the last what the reader has. Where they agree (a bookmark taken off and put
/// back) nothing is left, lest it undo a change made elsewhere (tester AE; a review: `b b`
/// on a story bookmarked before took its bookmark off).
pub fn netted(changes: &[Change]) -> Vec<Change> {
    let undoes = |(first, last): &(&Change, &Change)| {
        let had = matches!(first, Change::RemoveBookmark(_) | Change::MarkUnread(_));
        let has = matches!(last, Change::AddBookmark(_) | Change::MarkRead(_));
        had != has
    };
    let net = net(changes).into_iter().filter(undoes);
    net.map(|(_, last)| last.clone()).collect()
}

/// For each bookmark and read mark `changes` touch, in order, its first change and its last.
fn net(changes: &[Change]) -> Vec<(&Change, &Change)> {
    let key = |c: &Change| match c {
        Change::AddBookmark(b) => Some((true, b.id.clone())),
        Change::RemoveBookmark(id) => Some((true, id.clone())),
        Change::MarkRead(id) | Change::MarkUnread(id) => Some((false, id.clone())),
        Change::SetPosition(_) | Change::SetPlaces(_) | Change::SawNewest { .. } => None,
    };
    // (An `A` marks thousands read in one change each: found by key, not by a search.)
    let mut at: std::collections::HashMap<(bool, String), usize> = Default::default();
    let mut out: Vec<(&Change, &Change)> = Vec::new();
    for change in changes {
        let Some(k) = key(change) else { continue };
        match at.get(&k) {
            Some(&i) => out[i].1 = change,
            None => {
                at.insert(k, out.len());
                out.push((change, change));
            }
        }
    }
    out
}

/// `folder`, made if need be, readable by its owner alone (it holds their bookmarks).
fn make_private_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The changes a kept file holds: what it added, and what it removed.
fn changes_of(kept: &State) -> Vec<Change> {
    let ids = |key: &str| -> Vec<String> {
        let listed = kept.extra.get(key).and_then(|v| v.as_array());
        let ids = listed.into_iter().flatten().filter_map(|v| v.as_str());
        ids.map(str::to_string).collect()
    };
    let mut changes = kept.as_changes();
    changes.extend(ids(REMOVED).into_iter().map(Change::RemoveBookmark));
    changes.extend(ids(UNREAD).into_iter().map(Change::MarkUnread));
    changes
}

/// A file a reader kept: where it is, the changes it holds, what it had of a state file
/// that was lost, and whether it was damaged (they are what could be read of it).
struct Kept {
    path: PathBuf,
    changes: Vec<Change>,
    had: Option<State>,
    damaged: bool,
}

impl Kept {
    /// The changes to make to a state file that holds `now`: what was had of it first, where
    /// no other ribao has saved it since (else its removals stand), then the session's own;
    /// and whether what was had is left out so.
    fn changes_over(&self, now: &State) -> (Vec<Change>, bool) {
        let had = self.had.as_ref();
        let (put_back, passed) = match had {
            Some(had) if !now.saved_since(had) => (Some(had), false),
            Some(_) => (None, true),
            None => (None, false),
        };
        let mut changes = put_back.map(State::as_changes).unwrap_or_default();
        changes.extend(self.changes.iter().cloned());
        (changes, passed)
    }
}

/// The files readers kept for the state file at `state` in `folders`, oldest first, with
/// the changes each holds: of a damaged one, what can be read of it (tester CS: one cut
/// short was passed over, unsaid, and its bookmarks lost); one that cannot be read at all,
/// or is no state, is passed over.
fn kept(state: &Path, folders: &[PathBuf]) -> Vec<Kept> {
    // Also as it was named where its folder was not there (a review), and as earlier ribaos
    // named it.
    let prefixes = [prefix(state), hashed(&absolute(state)), hashed(state)];
    let name = |path: &Path| {
        path.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let mut kept: Vec<PathBuf> = folders
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            let name = name(path);
            prefixes.iter().any(|p| name.starts_with(p)) && name.ends_with(".json")
        })
        .collect();
    // By the time in their names, after the prefix.
    kept.sort_by_key(|path| name(path).get(prefixes[0].len()..).map(str::to_string));
    kept.into_iter()
        .filter_map(|path| {
            let bytes = crate::regular_file::read(&path).ok()?;
            let (state, damaged) = match codec::decode(&bytes) {
                Ok(state) => (state, false),
                Err(codec::Unusable::Damaged { salvaged, .. }) => (*salvaged, true),
                Err(codec::Unusable::Refused(_)) => return None,
            };
            let changes = changes_of(&state);
            let had = (state.extra.get(LOST))
                .and_then(|v| serde_json::to_vec(v).ok())
                .and_then(|bytes| match codec::decode(&bytes) {
                    Ok(had) => Some(had),
                    Err(codec::Unusable::Damaged { salvaged, .. }) => Some(*salvaged),
                    Err(codec::Unusable::Refused(_)) => None,
                });
            Some(Kept {
                path,
                changes,
                had,
                damaged,
            })
        })
        .collect()
}

/// What readers kept for the state file at `state`, which holds `now`, and is still waiting
/// (its file could not be written since): the changes, and the files they are kept in.
pub fn waiting(state: &Path, now: &State, folders: &[PathBuf]) -> (Vec<Change>, Vec<PathBuf>) {
    let mut changes = Vec::new();
    let mut files = Vec::new();
    for kept in kept(state, folders) {
        changes.extend(kept.changes_over(now).0);
        files.push(kept.path);
    }
    (changes, files)
}

/// Adds to `file` what readers kept for it in `folders`, each kept file removed once its
/// content is saved; what was done, for the user, and whether that is a problem to show
/// whole (a kept file damaged, set aside: tester CT found its path cut off the status bar).
/// A kept file that cannot be read or saved now stays for the next time.
pub fn take_in(file: &StateFile, folders: &[PathBuf]) -> Option<(String, bool)> {
    let kept = kept(file.path(), folders);
    // What the file held before any was taken in: what was had of a lost one is put back
    // over no save of this taking in (a review).
    let mut now = (!kept.is_empty())
        .then(|| file.apply(&[]).ok())
        .flatten()?
        .state;
    let base = now.clone();
    let (mut bookmarks, mut read) = (0, 0);
    let (mut damaged, mut passed_over) = (Vec::new(), Vec::new());
    for kept in kept {
        let (changes, passed) = kept.changes_over(&base);
        let Ok(after) = file.apply(&changes) else {
            continue;
        };
        // What the file holds now that it did not, or the other way round: a change that
        // changed nothing is none.
        let (b, r) = differences(&now, &after.state);
        (bookmarks, read) = (bookmarks + b, read + r);
        now = after.state;
        // A damaged one's bytes stay, for what could not be read of them, and what a reader
        // had of a lost file and was not put back (another ribao saved there since) stays
        // too, nothing lost: under names no later look takes in again.
        let path = kept.path;
        let aside = match (kept.damaged, passed) {
            (true, _) => Some((".broken", &mut damaged)),
            (false, true) => Some((".passed-over", &mut passed_over)),
            (false, false) => None,
        };
        match aside {
            Some((ending, list)) => {
                let mut name = path.clone().into_os_string();
                name.push(ending);
                if std::fs::rename(&path, &name).is_ok() {
                    list.push(PathBuf::from(name));
                }
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let counts = [
        (bookmarks, "bookmark change", "bookmark changes"),
        (read, "read mark change", "read mark changes"),
    ];
    let counts: Vec<String> = counts
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| crate::text::plural(n, one, many))
        .collect();
    let aside: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
    let aside = crate::text::and_list(&aside);
    let mut said = match (counts.is_empty(), damaged.is_empty()) {
        (false, true) => Some(format!(
            "{} now has the {} an earlier session could not save",
            file.path().display(),
            crate::text::and_list(&counts),
        )),
        (false, false) => Some(format!(
            "{} now has the {} an earlier session could not save (kept damaged: what could be \
             read was taken, and the file left as {aside})",
            file.path().display(),
            crate::text::and_list(&counts),
        )),
        // Nothing of it could be read: said all the same (tester CT: set aside unsaid).
        (true, false) => Some(format!(
            "changes an earlier session could not save to {} were kept damaged, and none that \
             could be read was new to it: the file is left as {aside}",
            file.path().display(),
        )),
        (true, true) => None,
    };
    if !passed_over.is_empty() {
        let kept: Vec<String> = passed_over
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let passed = format!(
            "what a reader had of {} when another program removed or emptied it was not put \
             back, another ribao having saved there since: it is kept in {}",
            file.path().display(),
            crate::text::and_list(&kept)
        );
        said = Some(match said {
            Some(said) => format!("{said}; {passed}"),
            None => passed,
        });
    }
    said.map(|said| (said, !damaged.is_empty() || !passed_over.is_empty()))
}

/// How many bookmarks and how many read marks one state has that the other has not.
fn differences(before: &State, after: &State) -> (usize, usize) {
    let ids = |s: &State| -> std::collections::HashSet<String> {
        s.bookmarks.iter().map(|b| b.id.clone()).collect()
    };
    let bookmarks = ids(before).symmetric_difference(&ids(after)).count();
    let only = |a: &State, b: &State| a.read.iter().filter(|id| !b.is_read(id)).count();
    (bookmarks, only(before, after) + only(after, before))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one reader kept is found by the next whichever way it names the state file
    /// (tester DB), and so is what an earlier ribao kept under the name as it was written.
    #[test]
    fn kept_changes_are_found_under_any_name_of_the_state_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let (plain, roundabout) = (
            dir.path().join("state.json"),
            dir.path().join("sub/../state.json"),
        );
        let folders = [dir.path().join("unsaved")];
        let changes = [Change::MarkRead("a".into())];
        let kept = keep(&plain, &changes, None, &folders).unwrap().unwrap();
        assert_eq!(
            waiting(&roundabout, &State::default(), &folders).1,
            std::slice::from_ref(&kept)
        );
        let name = kept.file_name().unwrap().to_str().unwrap();
        let earlier = folders[0].join(format!("{}{}", hashed(&roundabout), &name[17..]));
        std::fs::rename(&kept, &earlier).unwrap();
        assert_eq!(
            waiting(&roundabout, &State::default(), &folders).1,
            std::slice::from_ref(&earlier)
        );
        std::fs::remove_file(earlier).unwrap();
        // Kept under a link to the state file (a dotfiles setup), found under the file it
        // leads to, as the next reader opens it (a review).
        #[cfg(unix)]
        {
            let link = dir.path().join("sub/link.json");
            std::os::unix::fs::symlink(&plain, &link).unwrap();
            let kept = keep(&link, &changes, None, &folders).unwrap().unwrap();
            assert_eq!(
                waiting(&plain, &State::default(), &folders).1,
                std::slice::from_ref(&kept)
            );
        }
    }
}
