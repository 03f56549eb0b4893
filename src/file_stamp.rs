//! Which version of a file is on disk: its size, change time and (on Unix) inode. A file
//! replaced by a rename (every save of the state file, every write of the index) has a new
//! inode, so a stamp changes with each; shared by the store's scan, the index cache and the
//! state file.

use std::fs::Metadata;
use std::path::Path;
use std::time::SystemTime;

/// (size, change time, inode); None when there is no file or no time.
pub fn of(path: &Path) -> Option<(u64, SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some((m.len(), changed(&m)?, inode))
}

/// When the file last changed. On Unix its status change time: every write sets it, and no
/// tool sets it back, while an edit that keeps the size and puts the modification time back
/// (`touch -r`, some sync tools) would pass for no change. Elsewhere the modification time.
pub fn changed(m: &Metadata) -> Option<SystemTime> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let since = std::time::Duration::new(
            u64::try_from(m.ctime()).ok()?,
            u32::try_from(m.ctime_nsec()).ok()?,
        );
        SystemTime::UNIX_EPOCH.checked_add(since)
    }
    #[cfg(not(unix))]
    {
        m.modified().ok()
    }
}

/// A change time in nanoseconds since the epoch, as the index keeps it; `i64::MIN` when
/// there is none.
pub fn nanos(time: Option<SystemTime>) -> i64 {
    time.and_then(|t| match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(e) => i64::try_from(e.duration().as_nanos()).ok().map(|n| -n),
    })
    .unwrap_or(i64::MIN)
}
