//! Bookmarks and read marks a reader could not save (its state file read-only, a newer
//! ribao's, unreadable), kept at quit in a state file of their own and added to the state
//! file by the next reader that can write it: nothing is lost to a file that could not be
//! written, nor to a closed terminal that never showed the error (tester Z).

use std::path::{Path, PathBuf};

use super::{Change, State, StateFile, atomic, codec};

/// Where they are kept, the first that can be written: the data folder
/// (`~/.local/share/ribao/unsaved`), else the system's temporary folder.
pub fn folders() -> Vec<PathBuf> {
    let data =
        directories::ProjectDirs::from("", "", "ribao").map(|d| d.data_dir().join("unsaved"));
    data.into_iter()
        .chain([std::env::temp_dir().join("ribao-unsaved")])
        .collect()
}

/// What the names of the files kept for the state file at `state` start with: a hash of
/// its path, so another state file's are left alone.
fn prefix(state: &Path) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(state.as_os_str().as_encoded_bytes());
    format!("{hash:016x}-")
}

/// What `changes` add (bookmarks, read marks) kept as a state file in the first of
/// `folders` that takes it; its path. None when they add nothing, or no folder takes it.
pub fn keep(state: &Path, changes: &[Change], folders: &[PathBuf]) -> Option<PathBuf> {
    let mut added = State::default();
    for change in changes {
        if !matches!(change, Change::SetPosition(_)) {
            added.apply(change);
        }
    }
    if added == State::default() {
        return None;
    }
    let bytes = codec::encode(&added);
    let time = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let name = format!("{}{time}.json", prefix(state));
    folders.iter().find_map(|folder| {
        let path = folder.join(&name);
        std::fs::create_dir_all(folder).ok()?;
        atomic::replace(&path, &bytes).ok()?;
        Some(path)
    })
}

/// Adds to `file` what readers kept for it in `folders`, each kept file removed once its
/// content is saved; what was added, for the user. A kept file that cannot be read or
/// saved now stays for the next time.
pub fn take_in(file: &StateFile, folders: &[PathBuf]) -> Option<String> {
    let prefix = prefix(file.path());
    let mut kept: Vec<PathBuf> = folders
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".json")
        })
        .collect();
    kept.sort();
    let (mut bookmarks, mut read) = (0, 0);
    for path in kept {
        let Some(state) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| codec::decode(&bytes).ok())
        else {
            continue;
        };
        if file.apply(&state.as_changes()).is_ok() {
            bookmarks += state.bookmarks.len();
            read += state.read.len();
            let _ = std::fs::remove_file(&path);
        }
    }
    let counts = [
        (
            bookmarks,
            crate::text::plural(bookmarks, "bookmark", "bookmarks"),
        ),
        (read, crate::text::plural(read, "read mark", "read marks")),
    ];
    let counts: Vec<String> = counts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, said)| said)
        .collect();
    (!counts.is_empty()).then(|| {
        format!(
            "{} now holds {} an earlier session could not save",
            file.path().display(),
            crate::text::and_list(&counts),
        )
    })
}
