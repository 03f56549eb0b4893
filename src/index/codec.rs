//! The index's byte encoding: little-endian integers and length-prefixed strings. Reading
//! is bounds-checked everywhere, so a damaged file is an error, never a panic.

use std::ops::Range;

/// Why an index file could not be read; the cache is rebuilt when this happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("index cache is damaged: {0}")]
pub struct Corrupt(pub &'static str);

#[derive(Default)]
pub struct Enc {
    pub buf: Vec<u8>,
}

impl Enc {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// A counted list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, list: &[S]) {
        self.u32(list.len() as u32);
        for s in list {
            self.str(s.as_ref());
        }
    }
    /// A length-prefixed run of bytes (also how columns are written).
    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
}

pub struct Dec<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Dec<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Dec<'a> {
        Dec { buf, pos }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        let end = self.pos.checked_add(n).ok_or(Corrupt("length overflow"))?;
        let b = self.buf.get(self.pos..end).ok_or(Corrupt("truncated"))?;
        self.pos = end;
        Ok(b)
    }
    pub fn u8(&mut self) -> Result<u8, Corrupt> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, Corrupt> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn u64(&mut self) -> Result<u64, Corrupt> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn i64(&mut self) -> Result<i64, Corrupt> {
        Ok(i64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn str(&mut self) -> Result<&'a str, Corrupt> {
        let b = self.bytes()?;
        // The SIMD check: an index's strings are mostly Chinese, which std's check reads
        // several times slower (a quarter of writing a first index's last, serial step).
        simdutf8::basic::from_utf8(&self.buf[b]).map_err(|_| Corrupt("text is not UTF-8"))
    }
    /// A list [`Enc::strs`] wrote.
    pub fn strs(&mut self) -> Result<Vec<String>, Corrupt> {
        let n = self.u32()? as usize;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }
    /// A length-prefixed run of bytes, as a range of the whole buffer (columns stay in place).
    pub fn bytes(&mut self) -> Result<Range<usize>, Corrupt> {
        let len = usize::try_from(self.u64()?).map_err(|_| Corrupt("length overflow"))?;
        let start = self.pos;
        self.take(len)?;
        Ok(start..start + len)
    }
    /// A column of `n` fixed-size values.
    pub fn column(&mut self, n: usize, width: usize) -> Result<Range<usize>, Corrupt> {
        let r = self.bytes()?;
        if r.len() != n * width {
            return Err(Corrupt("column has the wrong length"));
        }
        Ok(r)
    }
}

/// Value `i` of a column of little-endian u32s (0 for an index past the end, which the
/// loader's length checks rule out).
pub fn u32_at(col: &[u8], i: usize) -> u32 {
    col.get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap_or_default()))
}

pub fn u64_at(col: &[u8], i: usize) -> u64 {
    col.get(i * 8..i * 8 + 8)
        .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
}
