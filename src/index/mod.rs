//! The archive index: what start-up, lists, filters and search need, without the digests'
//! bodies. Two parts: the metadata (digests, and items as columns) and the items' searchable
//! text (title, then body as plain text). On disk both are memory-mapped, so opening a
//! 10,000-file archive costs a few milliseconds and only the pages a screen touches are read.
//! Bodies are parsed again from their file when an article is opened.

mod aliases;
mod build;
pub mod cache;
mod codec;
mod folders;
mod scratch;

pub use codec::Corrupt;

use crate::model::{Format, ID_LEN};
use chrono::NaiveDate;
use codec::{Dec, u32_at, u64_at};
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};

/// Bumped whenever the layout or what the parser extracts changes: an index of another
/// version is rebuilt.
const VERSION: u32 = 163;
/// The oldest format whose stories can still be read for their ids (see [`Index::earlier`]);
/// from 17 on, a digest's record also holds its own name and series.
const FIRST_READABLE: u32 = 13;
const WITH_SERIES: u32 = 17;
/// From 25 on, the digests' text checksums follow the columns (an earlier ribao's index,
/// read for its ids, ends before them).
const WITH_TEXT_SUM: u32 = 25;
const MAGIC: &[u8; 8] = b"RIBAOIDX";
/// magic, version, checksum of the head, checksum of all, body length, head length.
const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 8 + 8;
/// The label id of no label: a story without a category, or naming no outlet.
pub const NO_LABEL: u32 = u32::MAX;
/// Bits of an item's flags: its unified category was placed by keywords; its text holds
/// other forms of Latin letters (see [`crate::search::SearchText`]); another digest holds
/// its id or its story (see [`Index::is_repeat`]).
const INFERRED: u8 = 1;
const OTHER_FORMS: u8 = 2;
const REPEAT: u8 = 4;
const SPACED: u8 = 8;

/// What tells one story from another across files: its searchable text (title and body) and
/// its link. Two files of one day holding a story with the same text and link (a site's copy
/// of a raw digest, under another publication name) list it once; the same headline told in
/// other words, or pointing elsewhere, is another story.
pub fn story_key(text: &crate::search::SearchText, url: Option<&str>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(text.text.as_bytes());
    h.update(&[0x1f]);
    h.update(url.unwrap_or_default().as_bytes());
    h.digest()
}

/// The one story `matches` gives, if exactly one.
pub(crate) fn only<T>(matches: impl IntoIterator<Item = T>) -> Option<T> {
    let mut matches = matches.into_iter();
    match (matches.next(), matches.next()) {
        (Some(j), None) => Some(j),
        _ => None,
    }
}

/// Bytes in memory (built now, or the samples) or mapped from the cache.
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl Bytes {
    /// Lets the pages of a mapping read so far leave this process's memory: a large index
    /// read through once (its digests kept while the next is written) stays out of it.
    fn release(&self) {
        #[cfg(unix)]
        if let Bytes::Mapped(map) = self {
            // SAFETY: the mapping is read-only, of a file never written in place (see
            // `cache::map`): dropped pages are read again from the file when next used.
            // Best effort: an error leaves them resident.
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }
}

/// One file of the store as indexed: its key (path, size, change time) and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Relative to the store folder.
    pub rel: PathBuf,
    pub size: u64,
    /// When the file last changed (see [`crate::file_stamp::changed`]), in nanoseconds since
    /// the epoch; `i64::MIN` when the file system keeps no time.
    pub changed: i64,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Index into the digests.
    Digest(u32),
    /// Why the file gave no digest (kept so a broken file is not parsed at every start).
    Problem(String),
}

/// A digest without its stories' bodies: what the date list, the CLI tables and the
/// article header show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestInfo {
    pub id: String,
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    /// The publication: the name its series goes by (see [`crate::model::Digest::series`]).
    pub source: String,
    pub title: String,
    pub format: Format,
    pub warnings: Vec<String>,
    /// Global item numbers of its stories.
    pub items: Range<usize>,
    front: Range<usize>,
    /// The name the file itself gives, and its series: what the series' name is chosen
    /// from again when files come and go.
    own_source: String,
    series: Option<String>,
    /// Checksum of its items' text, which lies in one stretch of the text part.
    text_sum: u64,
    /// Not indexed yet: shown by its date and name while the index is being brought up to
    /// date (its stories come when it is).
    pub pending: bool,
}

/// What a digest's file holds, wherever the file is: the checksum of its stories' text,
/// how many there are, and its date (see [`DigestInfo::content_key`]).
pub type ContentKey = (u64, usize, Option<NaiveDate>);

impl DigestInfo {
    /// What a file moved or renamed keeps; None while it is not indexed.
    pub fn content_key(&self) -> Option<ContentKey> {
        (!self.pending).then_some((self.text_sum, self.items.len(), self.date))
    }

    /// A digest known only by its file so far.
    pub fn pending(path: PathBuf, date: Option<NaiveDate>, source: String) -> DigestInfo {
        let title = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        DigestInfo {
            id: String::new(),
            path,
            date,
            own_source: source.clone(),
            source,
            title,
            format: Format::Generic,
            warnings: Vec::new(),
            items: 0..0,
            front: 0..0,
            series: None,
            text_sum: 0,
            pending: true,
        }
    }
}

/// One story as the index holds it; every field borrows from the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemView<'a> {
    /// Global item number.
    pub index: usize,
    pub digest: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub category: Option<&'a str>,
    pub region: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The unified category and whether keywords placed it there.
    pub unified: Option<&'a str>,
    pub unified_inferred: bool,
}

impl ItemView<'_> {
    /// The story as the index knows it: all but its text, which only its file holds.
    pub fn without_text(&self) -> crate::model::Item {
        let owned = |s: Option<&str>| s.map(str::to_string);
        crate::model::Item {
            id: self.id.to_string(),
            title: self.title.to_string(),
            category: owned(self.category),
            region: owned(self.region),
            outlet: owned(self.outlet),
            url: owned(self.url),
            body: String::new(),
            unified: self.unified.map(|name| crate::model::Unified {
                name: name.to_string(),
                inferred: self.unified_inferred,
            }),
        }
    }
}

/// Where each column lies in the metadata.
#[derive(Debug, Clone, Default)]
struct Columns {
    ids: Range<usize>,
    category: Range<usize>,
    region: Range<usize>,
    outlet: Range<usize>,
    unified: Range<usize>,
    flags: Range<usize>,
    str_off: Range<usize>,
    title_len: Range<usize>,
    url_len: Range<usize>,
    text_off: Range<usize>,
    text_len: Range<usize>,
    story: Range<usize>,
    digest: Range<usize>,
    by_id: Range<usize>,
    strings: Range<usize>,
    fronts: Range<usize>,
}

pub struct Index {
    meta: Bytes,
    text: Bytes,
    /// Interned names: categories, regions, outlets, unified groups, sources.
    labels: Vec<String>,
    pub files: Vec<FileRecord>,
    /// Newest first; undated last.
    pub digests: Vec<DigestInfo>,
    items: usize,
    cols: Columns,
    /// The categories table the items were placed with, and its groups in its order.
    pub fingerprint: u64,
    pub unified_groups: Vec<String>,
    /// The checksum of the whole index file: which index this is.
    pub sum: u64,
    /// The text file's name in the cache folder, and how much of it the items use.
    pub blob: String,
    pub blob_used: u64,
    /// Ids stories had before they got new ones (see `aliases`), to their ids now.
    pub(crate) aliases: std::collections::HashMap<String, String>,
    /// Repeats shown all the same: their stories' holders were in files gone since (see
    /// [`Index::lift_repeats`]).
    lifted: std::collections::HashSet<usize>,
    /// Every item's id with the item, in the ids' order: made at the first walk over them
    /// all, which read them from their column in that order at random.
    in_id_order: std::sync::OnceLock<Vec<([u8; ID_LEN], u32)>>,
}

impl Index {
    /// Reads an index from its two parts; `root` is the store folder its paths are under.
    /// Lets the pages read so far leave this process's memory (see [`Bytes::release`]).
    pub fn release_pages(&self) {
        self.meta.release();
        self.text.release();
    }

    /// `verify_all` checks every byte of the metadata; otherwise only the head (labels,
    /// files, digests) is checked, for an index this process or the marker file vouches for
    /// (see `cache`), so a start does not read the whole file.
    pub fn open(meta: Bytes, text: Bytes, root: &Path, verify_all: bool) -> Result<Index, Corrupt> {
        Index::read(meta, text, root, verify_all, false)
    }

    /// An index an earlier ribao wrote, for its stories' files, ids, titles and links only
    /// (its text part is not read): what finds the stories its ids named among the ones this
    /// ribao finds. None for this version's, or one too old or damaged.
    pub fn earlier(meta: Bytes) -> Option<Index> {
        Index::read(meta, Bytes::Owned(Vec::new()), Path::new(""), true, true).ok()
    }

    fn read(
        meta: Bytes,
        text: Bytes,
        root: &Path,
        verify_all: bool,
        earlier: bool,
    ) -> Result<Index, Corrupt> {
        let head = meta.get(..HEADER_LEN).ok_or(Corrupt("too short"))?;
        let mut d = Dec::new(head, 0);
        if &head[..8] != MAGIC {
            return Err(Corrupt("not an index file"));
        }
        d.u64()?; // magic, read above
        let version = d.u32()?;
        let readable = match earlier {
            false => version == VERSION,
            true => (FIRST_READABLE..VERSION).contains(&version),
        };
        if !readable {
            return Err(Corrupt("made by another version"));
        }
        let head_sum = d.u64()?;
        let full_sum = d.u64()?;
        let len = d.u64()?;
        let head_len = d.u64()?;
        if HEADER_LEN as u64 + len != meta.len() as u64 || head_len > len {
            return Err(Corrupt("wrong length"));
        }
        let body = &meta[HEADER_LEN..];
        if xxhash_rust::xxh3::xxh3_64(&body[..head_len as usize]) != head_sum
            || verify_all && xxhash_rust::xxh3::xxh3_64(body) != full_sum
        {
            return Err(Corrupt("checksum mismatch"));
        }
        let mut d = Dec::new(&meta, HEADER_LEN);
        let fingerprint = d.u64()?;
        let blob = d.str()?.to_string();
        let blob_used = d.u64()?;
        if !earlier && (text.len() as u64) < blob_used {
            return Err(Corrupt("the text file is shorter than the index says"));
        }
        let labels = d.strs()?;
        let unified_groups = d.strs()?;
        let n = d.u32()? as usize;
        let mut files = Vec::with_capacity(n);
        for _ in 0..n {
            let rel = build::path_from_bytes(&meta[d.bytes()?]);
            let size = d.u64()?;
            let changed = d.i64()?;
            let outcome = match d.u8()? {
                0 => Outcome::Digest(d.u32()?),
                _ => Outcome::Problem(d.str()?.to_string()),
            };
            files.push(FileRecord {
                rel,
                size,
                changed,
                outcome,
            });
        }
        let n = d.u32()? as usize;
        let mut digests = Vec::with_capacity(n);
        let label = |i: u32| labels.get(i as usize).cloned().ok_or(Corrupt("bad label"));
        let mut next_item = 0;
        for _ in 0..n {
            let id = d.str()?.to_string();
            let file = files.get(d.u32()? as usize).ok_or(Corrupt("bad file"))?;
            let date = match d.i64()? {
                i64::MIN => None,
                days => Some(
                    i32::try_from(days)
                        .ok()
                        .and_then(NaiveDate::from_num_days_from_ce_opt)
                        .ok_or(Corrupt("bad date"))?,
                ),
            };
            let source = label(d.u32()?)?;
            let (own_source, series) = if version >= WITH_SERIES {
                let own = label(d.u32()?)?;
                let series = match d.u32()? {
                    NO_LABEL => None,
                    id => Some(label(id)?),
                };
                (own, series)
            } else {
                (source.clone(), None)
            };
            let title = d.str()?.to_string();
            let format = build::format_from_u8(d.u8()?).ok_or(Corrupt("bad format"))?;
            let warnings = d.strs()?;
            let count = d.u32()? as usize;
            let front_off = d.u64()? as usize;
            let front_len = d.u32()? as usize;
            digests.push(DigestInfo {
                id,
                path: root.join(&file.rel),
                date,
                source,
                title,
                format,
                warnings,
                items: next_item..next_item + count,
                front: front_off..front_off + front_len,
                own_source,
                series,
                text_sum: 0,
                pending: false,
            });
            next_item += count;
        }
        let items = d.u32()? as usize;
        if items != next_item {
            return Err(Corrupt("item count mismatch"));
        }
        let cols = Columns {
            ids: d.column(items, ID_LEN)?,
            category: d.column(items, 4)?,
            region: d.column(items, 4)?,
            outlet: d.column(items, 4)?,
            unified: d.column(items, 4)?,
            flags: d.column(items, 1)?,
            str_off: d.column(items, 8)?,
            title_len: d.column(items, 4)?,
            url_len: d.column(items, 4)?,
            text_off: d.column(items, 8)?,
            text_len: d.column(items, 4)?,
            story: d.column(items, 8)?,
            digest: d.column(items, 4)?,
            by_id: d.column(items, 4)?,
            strings: d.bytes()?,
            fronts: d.bytes()?,
        };
        if version >= WITH_TEXT_SUM {
            let sums = d.column(digests.len(), 8)?;
            for (i, digest) in digests.iter_mut().enumerate() {
                digest.text_sum = u64_at(&meta[sums.clone()], i);
            }
        }
        let index = Index {
            meta,
            text,
            labels,
            files,
            digests,
            items,
            cols,
            fingerprint,
            unified_groups,
            sum: full_sum,
            blob,
            blob_used,
            aliases: std::collections::HashMap::new(),
            lifted: std::collections::HashSet::new(),
            in_id_order: std::sync::OnceLock::new(),
        };
        if verify_all && !earlier {
            index.verify_text()?;
        }
        Ok(index)
    }

    /// Whether each digest's text is as it was written: search and snippets read it
    /// unchecked, so damage there would find wrong stories or miss them.
    fn verify_text(&self) -> Result<(), Corrupt> {
        for d in &self.digests {
            let span = self.digest_span(d);
            let text = self.text.get(span).ok_or(Corrupt("text beyond its file"))?;
            if xxhash_rust::xxh3::xxh3_64(text) != d.text_sum {
                return Err(Corrupt("text checksum mismatch"));
            }
        }
        Ok(())
    }

    /// The id a story that had `id` before has now (following ids renamed more than once),
    /// when it got another: the first on the way that a story has now (a title edited back
    /// to what it was gives the story an id it had before: tester BA's bookmark went round
    /// such a loop, and was lost).
    pub fn alias_of(&self, id: &str) -> Option<&str> {
        let mut now = self.aliases.get(id)?;
        // A chain is short; a loop in a damaged file is not followed forever.
        for _ in 0..8 {
            if self.with_id(now).next().is_some() {
                break;
            }
            match self.aliases.get(now) {
                Some(next) => now = next,
                None => break,
            }
        }
        Some(now)
    }

    fn u32(&self, col: &Range<usize>, i: usize) -> u32 {
        u32_at(&self.meta[col.clone()], i)
    }

    fn u64(&self, col: &Range<usize>, i: usize) -> u64 {
        u64_at(&self.meta[col.clone()], i)
    }

    fn label(&self, id: u32) -> Option<&str> {
        self.labels.get(id as usize).map(String::as_str)
    }

    /// Text of the index that should be UTF-8; a damaged byte shows as nothing, not a panic.
    fn utf8(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// The id of item `i` (what the reading state knows it by).
    pub fn id(&self, i: usize) -> &str {
        Index::utf8(self.id_bytes(i)).trim_end_matches('\0')
    }

    /// Item `i`'s id as the column holds it ([`ID_LEN`] bytes, NUL-padded).
    fn id_bytes(&self, i: usize) -> &[u8] {
        let start = self.cols.ids.start + i * ID_LEN;
        &self.meta[start..start + ID_LEN]
    }

    /// Item `i`'s title and link as the index holds them (the link empty for none).
    fn shown_bytes(&self, i: usize) -> (&[u8], &[u8]) {
        let c = &self.cols;
        let off = c.strings.start + self.u64(&c.str_off, i) as usize;
        let title_end = off + self.u32(&c.title_len, i) as usize;
        let url_end = title_end + self.u32(&c.url_len, i) as usize;
        let bytes = |r: Range<usize>| self.meta.get(r).unwrap_or(&[]);
        (bytes(off..title_end), bytes(title_end..url_end))
    }

    /// Item `i`'s label ids: category, region, outlet, unified category.
    fn label_ids(&self, i: usize) -> [u32; 4] {
        let c = &self.cols;
        [&c.category, &c.region, &c.outlet, &c.unified].map(|col| self.u32(col, i))
    }

    pub fn item(&self, i: usize) -> ItemView<'_> {
        let c = &self.cols;
        let (title, url) = self.shown_bytes(i);
        let url = Some(Index::utf8(url)).filter(|u| !u.is_empty());
        ItemView {
            index: i,
            digest: self.digest_of(i),
            id: self.id(i),
            title: Index::utf8(title),
            category: self.label(self.u32(&c.category, i)),
            region: self.label(self.u32(&c.region, i)),
            outlet: self.label(self.u32(&c.outlet, i)),
            url,
            unified: self.label(self.u32(&c.unified, i)),
            unified_inferred: self.flag(i, INFERRED),
        }
    }

    /// The index's digest of item `i`.
    pub fn digest_of(&self, i: usize) -> usize {
        self.u32(&self.cols.digest, i) as usize
    }

    /// The searchable text of item `i` (UTF-8 as written; checked by whoever shows it).
    pub fn text_of(&self, i: usize) -> &[u8] {
        let (off, len) = self.text_range(i);
        self.text_bytes(off as usize..off as usize + len as usize)
    }

    /// Where the text of all of digest `d`'s stories lies: they are written together, in
    /// order.
    pub fn digest_span(&self, d: &DigestInfo) -> Range<usize> {
        if d.items.is_empty() {
            return 0..0;
        }
        let (start, _) = self.text_range(d.items.start);
        let (off, len) = self.text_range(d.items.end - 1);
        start as usize..off as usize + len as usize
    }

    /// Bytes of the text part; empty when out of range (a damaged index).
    pub fn text_bytes(&self, span: Range<usize>) -> &[u8] {
        self.text.get(span).unwrap_or(&[])
    }

    /// Lets the pages of `span` (cut to the text part) go from this process's memory once a
    /// search has read them, so a search over the whole archive does not keep it resident.
    /// They stay in the page cache and are mapped again when read.
    pub fn release(&self, span: Range<usize>) {
        #[cfg(unix)]
        if let Bytes::Mapped(map) = &self.text
            && span.start < span.end.min(map.len())
        {
            let span = span.start..span.end.min(map.len());
            // SAFETY: the mapping is shared and read-only, and cache files are never
            // rewritten in place, so dropped pages read back with the same bytes.
            let _ = unsafe {
                map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    span.start,
                    span.len(),
                )
            };
        }
    }

    /// The label id of the outlet item `i` names (`NO_LABEL` for none).
    pub fn outlet_id(&self, i: usize) -> u32 {
        self.u32(&self.cols.outlet, i)
    }

    /// The category label ids of item `i` (source category, unified group): cheap to compare
    /// over the whole archive.
    pub fn category_ids(&self, i: usize) -> (u32, u32) {
        (
            self.u32(&self.cols.category, i),
            self.u32(&self.cols.unified, i),
        )
    }

    /// Whether item `i`'s unified category was placed by keywords.
    pub fn inferred(&self, i: usize) -> bool {
        self.flag(i, INFERRED)
    }

    /// Whether item `i`'s text holds other forms of Latin letters or digits.
    pub fn other_forms(&self, i: usize) -> bool {
        self.flag(i, OTHER_FORMS)
    }

    /// Whether item `i`'s text has a space between two Chinese characters.
    pub fn spaced(&self, i: usize) -> bool {
        self.flag(i, SPACED)
    }

    /// Whether item `i` repeats a story another digest holds: the same id (publication, date
    /// and title) as an earlier one, or on the same date the same [`story_key`] as the copy
    /// kept (the first with a category of its own, else the first). Real archives keep some
    /// digests twice (a site's copy beside the raw one, sometimes under another publication
    /// name); lists and searches show such a story once.
    pub fn is_repeat(&self, i: usize) -> bool {
        self.flag(i, REPEAT) && (self.lifted.is_empty() || !self.lifted.contains(&i))
    }

    /// Shows, of each story a `gone` digest held (its file removed, listed no more until the
    /// index is built again), the first copy another digest keeps: the story stays in the
    /// lists, and open in the reader, meanwhile (tester AG: a site's copy deleted closed the
    /// story with "no longer in the store", the raw digest holding it still).
    pub fn lift_repeats(&mut self, gone: &[usize]) {
        let held = |i: &usize| !self.flag(*i, REPEAT);
        let gone_items = || gone.iter().flat_map(|&d| self.digests[d].items.clone());
        let date = |i: usize| self.digests[self.digest_of(i)].date;
        let mut keys: std::collections::HashSet<_> = gone_items()
            .filter(held)
            .map(|i| (date(i), self.story_key(i)))
            .collect();
        let mut ids: std::collections::HashSet<&str> =
            gone_items().filter(held).map(|i| self.id(i)).collect();
        if keys.is_empty() {
            return;
        }
        let mut lifted = std::collections::HashSet::new();
        for (d, digest) in self.digests.iter().enumerate() {
            if gone.contains(&d) {
                continue;
            }
            for i in digest.items.clone().filter(|&i| self.flag(i, REPEAT)) {
                let by_key = keys.remove(&(digest.date, self.story_key(i)));
                if ids.remove(self.id(i)) || by_key {
                    lifted.insert(i);
                }
            }
        }
        self.lifted = lifted;
    }

    /// Whether digest `d` is a copy: it has stories, and each repeats another digest's.
    pub fn is_copy(&self, d: &DigestInfo) -> bool {
        !d.items.is_empty() && d.items.clone().all(|i| self.is_repeat(i))
    }

    fn flag(&self, i: usize, bit: u8) -> bool {
        self.meta
            .get(self.cols.flags.start + i)
            .is_some_and(|f| f & bit != 0)
    }

    /// Label ids for the interned names, for comparing with [`Index::category_ids`].
    pub fn label_id(&self, name: &str) -> Option<u32> {
        self.labels.iter().position(|l| l == name).map(|p| p as u32)
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The item with this id, by binary search over the id-sorted column: of a story kept
    /// twice, the one lists show.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.with_id(id).next()
    }

    /// Every item with this id (a story kept twice has it twice), the one lists show first.
    pub fn with_id(&self, id: &str) -> impl Iterator<Item = usize> + '_ {
        // No id is longer: then there is nothing to look through.
        let end = if id.len() <= ID_LEN { self.items } else { 0 };
        let mut want = [0u8; ID_LEN];
        if end > 0 {
            want[..id.len()].copy_from_slice(id.as_bytes());
        }
        let key = move |i: usize| self.id_bytes(i);
        let order = &self.meta[self.cols.by_id.clone()];
        // The first place whose id is not below `id`: equal ids are in item order.
        let (mut lo, mut hi) = (0, end);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if key(u32_at(order, mid) as usize) < &want[..] {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..end)
            .map(move |at| u32_at(order, at) as usize)
            .take_while(move |&item| key(item) == &want[..])
    }

    /// How many items the index holds.
    pub fn item_count(&self) -> usize {
        self.items
    }

    /// Every item's id (as the index holds it: [`ID_LEN`] bytes) with the item, in the ids'
    /// order, equal ids in item order.
    pub fn by_id(&self) -> impl Iterator<Item = (&[u8; ID_LEN], usize)> + '_ {
        let all = self.in_id_order.get_or_init(|| {
            let order = &self.meta[self.cols.by_id.clone()];
            (0..self.items)
                .map(|at| {
                    let item = u32_at(order, at);
                    let id = self.id_bytes(item as usize).try_into();
                    (id.expect("ids are ID_LEN bytes"), item)
                })
                .collect()
        });
        all.iter().map(|(id, item)| (id, *item as usize))
    }

    /// The digest's own summary (Markdown), shown before a story is opened.
    pub fn front_page(&self, d: &DigestInfo) -> &str {
        let base = self.cols.fronts.start;
        let front = self.meta.get(base + d.front.start..base + d.front.end);
        front.map_or("", Index::utf8)
    }

    /// Item `i`'s [`story_key`].
    pub(super) fn story_key(&self, i: usize) -> u64 {
        self.u64(&self.cols.story, i)
    }

    /// Where item `i`'s text lies in the text file.
    pub(super) fn text_range(&self, i: usize) -> (u64, u32) {
        (
            self.u64(&self.cols.text_off, i),
            self.u32(&self.cols.text_len, i),
        )
    }
}
