//! Keeping a state file that cannot be used: its exact bytes go to
//! `state.json.broken-<UTC time>` beside it before anything may replace it.

use super::atomic::{folder_of, keep_permissions, sync_folder, write_synced};
use chrono::Utc;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Tells the user that a state file could not be used and where its content was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The state file.
    pub path: PathBuf,
    /// Where its bytes are kept, unchanged; for a file that gave way to its backup, the
    /// backup (see `gave_way`).
    pub copy: PathBuf,
    /// The file was found empty or was not there, and ribao carries on with its backup,
    /// `copy`: a copy of the last save.
    pub gave_way: Option<GaveWay>,
    /// The backup of the last save that was read too (for a file that gave way, `copy`).
    pub backup: Option<PathBuf>,
    /// What is wrong with it (with line and column for JSON errors).
    pub problem: String,
    /// What ribao carries on with (what could be read of it, and its backup's), in words
    /// (`2 bookmarks and 5 read marks`); None when nothing.
    pub recovered: Option<String>,
}

/// Why a state file gave way to its backup: what a full disk or another program leaves, or
/// a hand that moved it away, never ribao's own saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaveWay {
    Empty,
    /// No file, where its backup is (tester AR: a start without it saved over the backup,
    /// and ten bookmarks went).
    Missing,
    /// A file no ribao saved, without bookmarks or read marks its backup holds (tester BN: a
    /// program wrote an empty state, and 48 bookmarks went from the file and the backup).
    /// Ribao carries on with them; the file as it was is kept aside (`copy`).
    Replaced,
}

impl GaveWay {
    /// What is wrong with the file, in words.
    pub fn problem(self) -> &'static str {
        match self {
            GaveWay::Empty => "it is empty",
            GaveWay::Missing => "it is not there",
            GaveWay::Replaced => "another program replaced it, without some of the last save",
        }
    }
}

impl Notice {
    /// The notice for a file that broke while a reader had it open: the reader saves what it
    /// holds again, so nothing starts from empty.
    pub fn while_open(&self) -> String {
        if let Some(why) = self.gave_way {
            let what = match why {
                GaveWay::Empty => "emptied",
                GaveWay::Missing => "removed",
                GaveWay::Replaced => return self.replaced("saved there again"),
            };
            return format!(
                "state file {} was {what} by another program; your bookmarks and read marks \
                 are saved again",
                self.path.display()
            );
        }
        format!(
            "state file {} was broken by another program; its content is kept unchanged in \
             {} and your bookmarks and read marks are saved again ({})",
            self.path.display(),
            self.copy.display(),
            self.problem
        )
    }

    /// The notice for a file [`GaveWay::Replaced`], saying what became of what it lacked
    /// (`done`: `saved there again`).
    fn replaced(&self, done: &str) -> String {
        let what = self.recovered.as_deref().unwrap_or("nothing");
        // One thing is `it` (tester CG: "without 1 bookmark …: they are kept").
        let they = match what.starts_with("1 ") && !what.contains(" and ") {
            true => "it is",
            false => "they are",
        };
        format!(
            "state file {} was replaced by another program without {what} of ribao's last \
             save: {they} {done}, and the file it left is kept unchanged in {}",
            self.path.display(),
            self.copy.display()
        )
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(why) = self.gave_way {
            let what = self.recovered.as_deref().unwrap_or("nothing");
            let (found, afresh) = match why {
                GaveWay::Empty => ("was found empty", ""),
                GaveWay::Missing => (
                    "is not there",
                    " (to start afresh, move the backup away too)",
                ),
                GaveWay::Replaced => {
                    let kept = self.backup.as_deref().unwrap_or(&self.copy).display();
                    return f.write_str(&self.replaced(&format!("kept, from its backup {kept}")));
                }
            };
            return write!(
                f,
                "state file {} {found}; ribao carries on with its backup {} ({what}), a copy of \
                 the last save{afresh}",
                self.path.display(),
                self.copy.display()
            );
        }
        let carries_on = match (&self.backup, &self.recovered) {
            (Some(backup), Some(what)) => format!(
                "ribao carries on with its last save's backup {} and what could be read of it \
                 ({what})",
                backup.display()
            ),
            (None, Some(what)) => {
                format!("ribao carries on with what could be read of it ({what})")
            }
            (_, None) => "ribao carries on from empty state".to_string(),
        };
        write!(
            f,
            "state file {} could not be used as it was; its content is kept unchanged in {} and \
             {carries_on}: {}",
            self.path.display(),
            self.copy.display(),
            self.problem
        )
    }
}

fn copy_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!("{name}.broken-")
}

/// Makes sure a copy of `bytes` exists beside `path`. Returns the copy and whether it was made
/// now (false: an identical copy was kept earlier, by this or another process).
pub fn keep_copy(path: &Path, bytes: &[u8]) -> io::Result<(PathBuf, bool)> {
    if let Some(existing) = identical_copy(path, bytes) {
        return Ok((existing, false));
    }
    let stem = format!(
        "{}{}",
        copy_prefix(path),
        Utc::now().format("%Y%m%dT%H%M%SZ")
    );
    let folder = folder_of(path);
    let mut copy = folder.join(&stem);
    // Never clobber a copy kept earlier in the same second: number the new one.
    for n in 2.. {
        match write_synced(&copy, bytes) {
            Ok(()) => break,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                copy = folder.join(format!("{stem}-{n}"));
            }
            Err(e) => {
                let _ = fs::remove_file(&copy);
                return Err(e);
            }
        }
    }
    // A private state file keeps private copies.
    keep_permissions(path, &copy)?;
    sync_folder(folder)?;
    Ok((copy, true))
}

fn identical_copy(path: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let prefix = copy_prefix(path);
    fs::read_dir(folder_of(path))
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.metadata().is_ok_and(|m| m.len() == bytes.len() as u64))
        .map(|e| e.path())
        .find(|copy| crate::regular_file::read(copy).is_ok_and(|kept| kept == bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One thing lacked is `it`, more `they` (tester CG: "1 bookmark …: they are kept").
    #[test]
    fn a_replaced_file_lacking_one_thing_says_it() {
        let notice = |recovered: &str| Notice {
            path: "state.json".into(),
            copy: "state.json.bak".into(),
            gave_way: Some(GaveWay::Replaced),
            backup: None,
            problem: String::new(),
            recovered: Some(recovered.into()),
        };
        let one = notice("1 bookmark").to_string();
        assert!(
            one.contains("without 1 bookmark of ribao's last save: it is kept"),
            "{one}"
        );
        let two = notice("1 bookmark and 1 read mark").to_string();
        assert!(two.contains("save: they are kept"), "{two}");
        let saved = notice("1 read mark").while_open();
        assert!(saved.contains("it is saved there again"), "{saved}");
    }
}
