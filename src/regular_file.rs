//! Reading a file that is to be a regular one (a digest, the state file, its backup): opened
//! without waiting, then looked at, so that a pipe put in its place (`mkfifo` over a digest
//! or the state file) is refused, not waited on until something writes to it (tester CS: the
//! reader froze, deaf to Ctrl-C), and a device (`/dev/zero`) is not read without end. A look
//! at the path before opening it would leave a moment for the swap.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The file at `path`, opened to read, when it is a regular file; else an error saying what
/// it is.
pub fn open(path: &Path) -> io::Result<File> {
    open_with(path, OpenOptions::new().read(true))
}

/// The file at `path` opened with `options` (to write a lock file: tester DB's pipe in its
/// place froze the reader at its first save, deaf to SIGTERM), when it is a regular file.
pub fn open_with(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // (Taken off again below; a terminal device is not made the process's.)
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| {
        // A pipe opened to write without waiting, with no reader, is refused as no device.
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ENXIO)
            && let Some(kind) = std::fs::metadata(path).ok().as_ref().and_then(kind)
        {
            return not_regular(kind);
        }
        e
    })?;
    if let Some(kind) = kind(&file.metadata()?) {
        return Err(not_regular(kind));
    }
    // Reads wait as they would have: some file systems take the flag on a regular file's
    // reads too, and answer "try again" (a review).
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns, open for its whole call.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    Ok(file)
}

fn not_regular(kind: &str) -> io::Error {
    io::Error::other(format!("it is {kind}, not a regular file"))
}

/// Every byte of the regular file at `path` (see [`open`]).
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a path's metadata says it is, in words, when it is no regular file: `a pipe`, `a
/// device`, `a socket`, `a folder`; None for a regular file.
pub fn kind(meta: &Metadata) -> Option<&'static str> {
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        } else if t.is_fifo() {
            return Some("a pipe");
        } else if t.is_socket() {
            return Some("a socket");
        }
    }
    Some(match meta.is_dir() {
        true => "a folder",
        false => "something else",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("d.md");
        std::fs::write(&file, "# 日报").unwrap();
        assert_eq!(read(&file).unwrap(), "# 日报".as_bytes());
        // Opened without waiting, read as any file is (a review).
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let opened = open(&file).unwrap();
            // SAFETY: fcntl on a descriptor held open here.
            let flags = unsafe { libc::fcntl(opened.as_raw_fd(), libc::F_GETFL) };
            assert_eq!(flags & libc::O_NONBLOCK, 0);
        }
        let why = |path: &Path| read(path).unwrap_err().to_string();
        assert_eq!(why(dir.path()), "it is a folder, not a regular file");
        #[cfg(unix)]
        {
            // A pipe nothing writes to is refused at once, not waited on.
            let pipe = dir.path().join("pipe.md");
            let made = std::process::Command::new("mkfifo").arg(&pipe).status();
            if made.is_ok_and(|s| s.success()) {
                assert_eq!(why(&pipe), "it is a pipe, not a regular file");
                // Nor is one opened to write waited on.
                let to_write = open_with(&pipe, OpenOptions::new().write(true).create(true));
                let why = to_write.unwrap_err().to_string();
                assert_eq!(why, "it is a pipe, not a regular file");
            }
            assert_eq!(
                why(Path::new("/dev/zero")),
                "it is a device, not a regular file"
            );
        }
    }
}
