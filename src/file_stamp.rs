//! Which version of a file is on disk: its size, modification time and (on Unix) inode. A
//! file replaced by a rename (every save of the state file, every write of the index) has a
//! new inode, so a stamp changes with each; shared by the index cache and the state file.

use std::path::Path;
use std::time::SystemTime;

/// (size, modification time, inode); None when there is no file or no time.
pub fn of(path: &Path) -> Option<(u64, SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some((m.len(), m.modified().ok()?, inode))
}
