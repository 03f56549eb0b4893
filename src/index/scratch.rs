//! Bytes an index being written appends, each piece told where it went: its items' text,
//! in the text file it refers to, and what it holds until it can go to its place in the
//! index: the parsed digests, until all are in and sorted, and the item columns, until the
//! labels ahead of them are known. With a cache folder those wait in unnamed files there
//! (gone when closed, whichever way ribao ends), so a first run of a large archive does not
//! hold the archive's stories in memory; without one, in memory.

use super::build::TextSink;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub enum Scratch {
    Memory(Vec<u8>),
    File {
        out: BufWriter<File>,
        len: u64,
        folder: PathBuf,
    },
}

/// Written a piece at a time by the hundreds of thousands: a small buffer each, as a dozen
/// are filled at once.
const BUFFER: usize = 64 << 10;

impl Scratch {
    /// In an unnamed file in `folder`, else in memory with room for `capacity` bytes.
    pub fn new(folder: Option<&Path>, capacity: usize) -> std::io::Result<Scratch> {
        Ok(match folder {
            Some(folder) => Scratch::File {
                out: BufWriter::with_capacity(BUFFER, tempfile::tempfile_in(folder)?),
                len: 0,
                folder: folder.to_path_buf(),
            },
            None => Scratch::Memory(Vec::with_capacity(capacity)),
        })
    }

    /// Appending to `file`, a file of `folder` open at its end.
    pub fn appending(file: File, folder: &Path) -> std::io::Result<Scratch> {
        Ok(Scratch::File {
            len: file.metadata()?.len(),
            out: BufWriter::with_capacity(BUFFER, file),
            folder: folder.to_path_buf(),
        })
    }

    /// Writes out what waits in its buffer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Scratch::Memory(_) => Ok(()),
            Scratch::File { out, .. } => out.flush(),
        }
    }

    /// Another scratch where this one is.
    pub fn beside(&self, capacity: usize) -> std::io::Result<Scratch> {
        match self {
            Scratch::Memory(_) => Scratch::new(None, capacity),
            Scratch::File { folder, .. } => Scratch::new(Some(folder), capacity),
        }
    }

    /// The `len` bytes from `at` into `buf`.
    pub fn read_at(&mut self, at: u64, len: usize, buf: &mut Vec<u8>) -> std::io::Result<()> {
        buf.clear();
        match self {
            Scratch::Memory(bytes) => {
                let range = usize::try_from(at)
                    .ok()
                    .and_then(|at| bytes.get(at..at.checked_add(len)?))
                    .ok_or_else(|| std::io::Error::other("read past the end of a scratch file"))?;
                buf.extend_from_slice(range);
            }
            Scratch::File { out, .. } => {
                out.flush()?;
                let file = out.get_mut();
                file.seek(SeekFrom::Start(at))?;
                file.take(len as u64).read_to_end(buf)?;
                file.seek(SeekFrom::End(0))?;
                if buf.len() != len {
                    return Err(std::io::Error::other("a scratch file was cut short"));
                }
            }
        }
        Ok(())
    }

    /// Writes every byte held to `out`, after its length (as [`super::codec::Enc::bytes`]
    /// writes a run of bytes).
    pub fn write_counted(self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(&self.len().to_le_bytes())?;
        match self {
            Scratch::Memory(bytes) => out.write_all(&bytes),
            Scratch::File { out: file, len, .. } => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                let copied = std::io::copy(&mut file.take(len), out)?;
                if copied != len {
                    return Err(std::io::Error::other("a scratch file was cut short"));
                }
                Ok(())
            }
        }
    }
}

impl TextSink for Scratch {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<u64> {
        let at = self.len();
        match self {
            Scratch::Memory(v) => v.extend_from_slice(bytes),
            Scratch::File { out, len, .. } => {
                out.write_all(bytes)?;
                *len += bytes.len() as u64;
            }
        }
        Ok(at)
    }

    fn len(&self) -> u64 {
        match self {
            Scratch::Memory(v) => v.len() as u64,
            Scratch::File { len, .. } => *len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes put in a scratch file read back the same wherever they are asked for, between
    /// and after writes, and come out whole after their count, as from memory.
    #[test]
    fn a_scratch_file_gives_back_what_was_put_as_memory_does() {
        let folder = tempfile::tempdir().unwrap();
        let pieces: Vec<Vec<u8>> = (0..300u32)
            .map(|n| n.to_string().repeat(n as usize % 7 + 1).into_bytes())
            .collect();
        let mut outputs = Vec::new();
        for place in [None, Some(folder.path())] {
            let mut scratch = Scratch::new(place, 0).unwrap();
            let mut at = Vec::new();
            let mut buf = Vec::new();
            for (n, piece) in pieces.iter().enumerate() {
                at.push(scratch.put(piece).unwrap());
                // Read back mid-way: later writes still go to the end.
                let back = n / 2;
                scratch
                    .read_at(at[back], pieces[back].len(), &mut buf)
                    .unwrap();
                assert_eq!(buf, pieces[back]);
            }
            assert!(scratch.read_at(scratch.len(), 1, &mut buf).is_err());
            let mut out = Vec::new();
            scratch.write_counted(&mut out).unwrap();
            outputs.push(out);
        }
        let all = pieces.concat();
        assert_eq!(outputs[0][..8], (all.len() as u64).to_le_bytes());
        assert_eq!(outputs[0][8..], all[..]);
        assert_eq!(outputs[0], outputs[1]);
    }
}
