//! Writing an index: parsed digests and digests kept from the previous index, newest first,
//! with their items as columns and their text appended to the text part.

use super::codec::Enc;
use super::{
    DigestInfo, FileRecord, HEADER_LEN, ID_LEN, INFERRED, Index, MAGIC, NO_LABEL, OTHER_FORMS,
    Outcome, REPEAT, VERSION,
};
use crate::categories::Categorizer;
use crate::model::{Digest, Format, Item};
use crate::search::SearchText;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::{Path, PathBuf};

/// One file of the store, as the new index will hold it.
#[allow(clippy::large_enum_variant)] // a few per file, moved once
pub enum Entry<'a> {
    /// Parsed now: the digest without its items, which are packed, their searchable text
    /// already in the sink (`text_sum` is its checksum).
    Parsed {
        file: FileRecord,
        digest: Digest,
        items: PackedItems,
        text_sum: u64,
    },
    /// Could not be read or parsed (`file.outcome` holds why).
    Problem(FileRecord),
    /// Unchanged since `old` indexed it: its record is copied.
    Kept { old: &'a Index, file: usize },
}

/// Where an item's searchable text was written, what [`SearchText`] said of it, and its
/// [`story_key`](super::story_key).
#[derive(Debug, Clone, Copy)]
pub struct TextAt {
    pub at: u64,
    pub len: u32,
    pub other_forms: bool,
    pub story: u64,
}

/// A parsed digest's items as the index takes them, their fields in one buffer. Every changed
/// file's items are held until the index is written: as [`Item`]s, a string per field, they
/// were most of a first run's memory (365 of 437 MB for 10,000 files), and their freeing
/// took 0.2 s.
pub struct PackedItems {
    strings: String,
    items: Vec<PackedItem>,
}

struct PackedItem {
    /// Where each field ends in `strings`, in [`PackedItems::push`]'s order.
    ends: [u32; FIELDS],
    /// Which of the optional fields (category, region, outlet, url, unified; bits 0–4) the
    /// item has: one may be there and empty.
    present: u8,
    inferred: bool,
    text: TextAt,
}

/// id, title, then the optional fields.
const FIELDS: usize = 7;

/// Digests written between handing freed memory back: no slower, in runs with and without.
const GIVE_BACK_EVERY: usize = 256;

impl PackedItems {
    pub fn with_capacity(items: usize) -> PackedItems {
        PackedItems {
            strings: String::new(),
            items: Vec::with_capacity(items),
        }
    }

    /// Adds `item`, with its searchable `text` (written later: see [`Self::texts_mut`]) and
    /// its story key.
    pub fn push(&mut self, item: &Item, text: &SearchText, story: u64) {
        let mut ends = [0; FIELDS];
        let mut present = 0;
        self.strings.push_str(&item.id);
        ends[0] = self.strings.len() as u32;
        self.strings.push_str(&item.title);
        ends[1] = self.strings.len() as u32;
        let optional = [
            item.category.as_deref(),
            item.region.as_deref(),
            item.outlet.as_deref(),
            item.url.as_deref(),
            item.unified.as_ref().map(|u| u.name.as_str()),
        ];
        for (n, field) in optional.into_iter().enumerate() {
            if let Some(s) = field {
                present |= 1 << n;
                self.strings.push_str(s);
            }
            ends[n + 2] = self.strings.len() as u32;
        }
        self.items.push(PackedItem {
            ends,
            present,
            inferred: item.unified.as_ref().is_some_and(|u| u.inferred),
            text: TextAt {
                at: 0,
                len: text.text.len() as u32,
                other_forms: text.other_forms,
                story,
            },
        });
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Bytes of the items' titles and links, which the index keeps as strings.
    fn shown(&self) -> usize {
        (0..self.len())
            .map(|n| {
                let (_, title, [_, _, _, url, _]) = self.fields(n);
                title.len() + url.map_or(0, str::len)
            })
            .sum()
    }

    /// Each item's text, to say where it was written.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut TextAt> {
        self.items.iter_mut().map(|i| &mut i.text)
    }

    /// Item `n`'s fields: its id, its title and the optional ones, None where absent.
    fn fields(&self, n: usize) -> (&str, &str, [Option<&str>; FIELDS - 2]) {
        let item = &self.items[n];
        let mut start = n
            .checked_sub(1)
            .map_or(0, |p| self.items[p].ends[FIELDS - 1] as usize);
        let all = item.ends.map(|end| {
            let field = &self.strings[start..end as usize];
            start = end as usize;
            field
        });
        let optional =
            std::array::from_fn(|f| (item.present & (1 << f) != 0).then_some(all[f + 2]));
        (all[0], all[1], optional)
    }
}

/// Where items' text goes: the cache's text file, or memory. Written on a thread of its own
/// while parsing goes on.
pub trait TextSink: Send {
    /// Appends `text`; returns where it starts.
    fn put(&mut self, text: &[u8]) -> std::io::Result<u64>;
    fn len(&self) -> u64;
}

impl TextSink for Vec<u8> {
    fn put(&mut self, text: &[u8]) -> std::io::Result<u64> {
        let at = self.len() as u64;
        self.extend_from_slice(text);
        Ok(at)
    }
    fn len(&self) -> u64 {
        Vec::len(self) as u64
    }
}

/// One digest as the writer takes it, whichever way it came. Parsed ones are owned, so each
/// is let go once written.
struct Row<'a> {
    file: FileRecord,
    /// The name of its series when that is not its own (set once every row is in).
    series_name: Option<String>,
    source_digest: Source<'a>,
}

#[allow(clippy::large_enum_variant)] // one per digest
enum Source<'a> {
    Parsed {
        digest: Digest,
        items: PackedItems,
        text_sum: u64,
    },
    Kept(&'a Index, &'a DigestInfo),
}

impl Row<'_> {
    fn date(&self) -> Option<chrono::NaiveDate> {
        match &self.source_digest {
            Source::Parsed { digest, .. } => digest.date,
            Source::Kept(_, info) => info.date,
        }
    }

    fn own_source(&self) -> &str {
        match &self.source_digest {
            Source::Parsed { digest, .. } => &digest.source,
            Source::Kept(_, info) => &info.own_source,
        }
    }

    /// The name it goes by: its series', else its own.
    fn source(&self) -> &str {
        self.series_name
            .as_deref()
            .unwrap_or_else(|| self.own_source())
    }

    fn series(&self) -> Option<&str> {
        match &self.source_digest {
            Source::Parsed { digest, .. } => digest.series.as_deref(),
            Source::Kept(_, info) => info.series.as_deref(),
        }
    }

    fn path(&self) -> &Path {
        match &self.source_digest {
            Source::Parsed { digest, .. } => &digest.path,
            Source::Kept(_, info) => &info.path,
        }
    }
}

/// Builds the metadata. Kept items keep their text where it is when `same_text` (the sink
/// appends to the old index's text file), else it is copied to `sink`.
pub fn build(
    entries: Vec<Entry>,
    sink: &mut dyn TextSink,
    same_text: bool,
    categorizer: &Categorizer,
    blob: &str,
) -> std::io::Result<Vec<u8>> {
    let mut files: Vec<FileRecord> = Vec::with_capacity(entries.len());
    let mut rows: Vec<Row> = Vec::new();
    for e in entries {
        match e {
            Entry::Parsed {
                file,
                digest,
                items,
                text_sum,
            } => rows.push(Row {
                file,
                series_name: None,
                source_digest: Source::Parsed {
                    digest,
                    items,
                    text_sum,
                },
            }),
            Entry::Problem(file) => files.push(file),
            Entry::Kept { old, file } => {
                let record = &old.files[file];
                match &record.outcome {
                    Outcome::Problem(_) => files.push(record.clone()),
                    &Outcome::Digest(d) => rows.push(Row {
                        file: record.clone(),
                        series_name: None,
                        source_digest: Source::Kept(old, &old.digests[d as usize]),
                    }),
                }
            }
        }
    }
    let names = series_names(&rows);
    for row in &mut rows {
        row.series_name = row
            .series()
            .and_then(|s| names.get(s))
            .filter(|name| name.as_str() != row.own_source())
            .cloned();
    }
    rows.sort_by(|a, b| {
        crate::library::newest_first(
            (a.date(), a.source(), a.path()),
            (b.date(), b.source(), b.path()),
        )
    });

    let mut labels = Labels::default();
    let mut digests = Enc::default();
    // Sized for every item at once: doubling as they come held the largest columns twice
    // over. Kept items' strings are not counted (their digests are not decoded twice).
    let (items, shown) = rows
        .iter()
        .fold((0, 0), |(n, shown), row| match &row.source_digest {
            Source::Parsed { items, .. } => (n + items.len(), shown + items.shown()),
            Source::Kept(_, info) => (n + info.items.len(), shown),
        });
    let mut cols = ItemColumns::with_capacity(items);
    let mut fronts: Vec<u8> = Vec::new();
    let mut strings: Vec<u8> = Vec::with_capacity(shown);
    let mut text_sums: Vec<u8> = Vec::new();
    let digest_count = rows.len();
    for (d, row) in rows.into_iter().enumerate() {
        // The parsed digests let go so far are handed back as the columns grow: kept for
        // reuse, they stayed beside the columns (a first run of `list` peaked at 315 MB on
        // a 10,000-file archive, against 213 MB).
        if d % GIVE_BACK_EVERY == 0 {
            crate::memory::give_back_freed();
        }
        let file_index = files.len() as u32;
        let mut record = row.file.clone();
        record.outcome = Outcome::Digest(d as u32);
        files.push(record);
        let front_off = fronts.len() as u64;
        // The digest's own fields, whichever way it came, written in one place.
        let (id, title, format, warnings, front) = match &row.source_digest {
            Source::Parsed { digest, .. } => (
                digest.id.as_str(),
                digest.title.as_str(),
                digest.format,
                digest.warnings.as_slice(),
                digest.front_page.as_str(),
            ),
            Source::Kept(old, info) => (
                info.id.as_str(),
                info.title.as_str(),
                info.format,
                info.warnings.as_slice(),
                old.front_page(info),
            ),
        };
        digests.str(id);
        digests.u32(file_index);
        let date = row.date();
        put_date(&mut digests, date);
        digests.u32(labels.id(row.source()));
        digests.u32(labels.id(row.own_source()));
        digests.u32(row.series().map_or(NO_LABEL, |s| labels.id(s)));
        digests.str(title);
        digests.u8(format_to_u8(format));
        digests.strs(warnings);
        fronts.extend_from_slice(front.as_bytes());
        let count;
        match &row.source_digest {
            Source::Parsed { items, .. } => {
                count = items.len();
                for (n, item) in items.items.iter().enumerate() {
                    let (id, title, [category, region, outlet, url, unified]) = items.fields(n);
                    cols.push(
                        &mut labels,
                        &mut strings,
                        ItemFields {
                            id,
                            title,
                            category,
                            region,
                            outlet,
                            url,
                            unified,
                            inferred: item.inferred,
                            other_forms: item.text.other_forms,
                            categorized: category.is_some(),
                            known: format != Format::Generic,
                            text: (item.text.at, item.text.len),
                            story: item.text.story,
                            date,
                            digest: d as u32,
                        },
                    );
                }
            }
            Source::Kept(old, info) => {
                count = info.items.len();
                for i in info.items.clone() {
                    let v = old.item(i);
                    let text = if same_text {
                        old.text_range(i)
                    } else {
                        let t = old.text_of(i);
                        (sink.put(t)?, t.len() as u32)
                    };
                    cols.push(
                        &mut labels,
                        &mut strings,
                        ItemFields {
                            id: v.id,
                            title: v.title,
                            category: v.category,
                            region: v.region,
                            outlet: v.outlet,
                            url: v.url,
                            unified: v.unified,
                            inferred: v.unified_inferred,
                            other_forms: old.other_forms(i),
                            categorized: v.category.is_some(),
                            known: format != Format::Generic,
                            text,
                            story: old.story_key(i),
                            date,
                            digest: d as u32,
                        },
                    );
                }
            }
        }
        digests.u32(count as u32);
        digests.u64(front_off);
        digests.u32((fronts.len() as u64 - front_off) as u32);
        // Kept text is the same bytes, where it stays or copied.
        let sum = match row.source_digest {
            Source::Parsed { text_sum, .. } => text_sum,
            Source::Kept(_, info) => info.text_sum,
        };
        text_sums.extend_from_slice(&sum.to_le_bytes());
    }

    // The header goes in front once the checksums are known: its room is kept, so the
    // finished index is never copied whole.
    let mut body = Enc {
        buf: vec![0; HEADER_LEN],
    };
    body.u64(categorizer.fingerprint());
    body.str(blob);
    body.u64(sink.len());
    body.strs(&labels.names);
    body.strs(&categorizer.names().collect::<Vec<_>>());
    body.u32(files.len() as u32);
    for f in &files {
        body.bytes(&path_to_bytes(&f.rel));
        body.u64(f.size);
        body.i64(f.changed);
        match &f.outcome {
            Outcome::Digest(d) => {
                body.u8(0);
                body.u32(*d);
            }
            Outcome::Problem(m) => {
                body.u8(1);
                body.str(m);
            }
        }
    }
    body.u32(digest_count as u32);
    body.buf.extend_from_slice(&digests.buf);
    let head_len = body.buf.len() - HEADER_LEN;
    body.u32(cols.count as u32);
    let by_id = cols.by_id();
    let ItemColumns {
        count: _,
        seen: _,
        holders: _,
        ids,
        category,
        region,
        outlet,
        unified,
        flags,
        str_off,
        title_len,
        url_len,
        text_off,
        text_len,
        story,
        digest,
    } = cols;
    let parts = [
        ids, category, region, outlet, unified, flags, str_off, title_len, url_len, text_off,
        text_len, story, digest, by_id, strings, fronts, text_sums,
    ];
    body.buf
        .reserve_exact(parts.iter().map(|p| 8 + p.len()).sum());
    // Each part is let go once copied, so the columns are not all held twice.
    for part in parts {
        body.bytes(&part);
    }

    let sums = &body.buf[HEADER_LEN..];
    let mut header = Enc::default();
    header.buf.extend_from_slice(MAGIC);
    header.u32(VERSION);
    header.u64(xxhash_rust::xxh3::xxh3_64(&sums[..head_len]));
    header.u64(xxhash_rust::xxh3::xxh3_64(sums));
    header.u64(sums.len() as u64);
    header.u64(head_len as u64);
    body.buf[..HEADER_LEN].copy_from_slice(&header.buf);
    Ok(body.buf)
}

/// The name each series of digests goes by: the one most of them give, on a tie the one
/// the newest gives. One archive names the same publication `AI News Daily`, `AI Daily
/// Briefing` and a dozen more in its headings, day by day, under one front-matter title.
fn series_names(rows: &[Row]) -> HashMap<String, String> {
    let mut counts: HashMap<(&str, &str), (usize, Option<chrono::NaiveDate>)> = HashMap::new();
    for row in rows {
        if let Some(series) = row.series() {
            let (n, newest) = counts.entry((series, row.own_source())).or_default();
            *n += 1;
            *newest = (*newest).max(row.date());
        }
    }
    let mut best: HashMap<&str, (usize, Option<chrono::NaiveDate>, &str)> = HashMap::new();
    for ((series, name), (n, newest)) in counts {
        let candidate = (n, newest, name);
        best.entry(series)
            .and_modify(|b| *b = (*b).max(candidate))
            .or_insert(candidate);
    }
    best.into_iter()
        .map(|(series, (_, _, name))| (series.to_string(), name.to_string()))
        .collect()
}

struct ItemFields<'a> {
    id: &'a str,
    title: &'a str,
    category: Option<&'a str>,
    region: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    unified: Option<&'a str>,
    inferred: bool,
    other_forms: bool,
    /// Has a category of its own.
    categorized: bool,
    /// Its digest is of a publication format ribao knows (not a generic Markdown digest).
    known: bool,
    text: (u64, u32),
    story: u64,
    date: Option<chrono::NaiveDate>,
    digest: u32,
}

/// How fit a copy of a story is to hold it: (has a category of its own, is in a publication
/// format ribao knows); see [`ItemColumns::flag_repeat`].
type Rank = (bool, bool);

struct ItemColumns {
    count: usize,
    /// The ids written so far, and which item holds each story on each date (see
    /// [`ItemColumns::flag_repeat`]).
    seen: HashSet<[u8; ID_LEN]>,
    holders: HashMap<(Option<chrono::NaiveDate>, u64), (usize, Rank)>,
    ids: Vec<u8>,
    category: Vec<u8>,
    region: Vec<u8>,
    outlet: Vec<u8>,
    unified: Vec<u8>,
    flags: Vec<u8>,
    str_off: Vec<u8>,
    title_len: Vec<u8>,
    url_len: Vec<u8>,
    text_off: Vec<u8>,
    text_len: Vec<u8>,
    story: Vec<u8>,
    digest: Vec<u8>,
}

impl ItemColumns {
    fn with_capacity(n: usize) -> ItemColumns {
        let column = |width: usize| Vec::with_capacity(n * width);
        ItemColumns {
            count: 0,
            seen: HashSet::with_capacity(n),
            holders: HashMap::with_capacity(n),
            ids: column(ID_LEN),
            category: column(4),
            region: column(4),
            outlet: column(4),
            unified: column(4),
            flags: column(1),
            str_off: column(8),
            title_len: column(4),
            url_len: column(4),
            text_off: column(8),
            text_len: column(4),
            story: column(8),
            digest: column(4),
        }
    }

    fn push(&mut self, labels: &mut Labels, strings: &mut Vec<u8>, f: ItemFields) {
        self.count += 1;
        // Ids are 12 hex digits (the parser makes them so); a shorter one is padded with
        // NULs, which the reader trims, so the column stays fixed-width.
        let mut id = [0u8; ID_LEN];
        for (slot, b) in id.iter_mut().zip(f.id.bytes()) {
            *slot = b;
        }
        self.ids.extend_from_slice(&id);
        let id_seen = !self.seen.insert(id);
        // A copy under the same name has the same id: it may still take its story over.
        let repeat = if id_seen && !self.holders.contains_key(&(f.date, f.story)) {
            true
        } else {
            self.flag_repeat(&f)
        };
        for (col, label) in [
            (&mut self.category, f.category),
            (&mut self.region, f.region),
            (&mut self.outlet, f.outlet),
            (&mut self.unified, f.unified),
        ] {
            let id = label.map_or(NO_LABEL, |l| labels.id(l));
            col.extend_from_slice(&id.to_le_bytes());
        }
        let flag = |set: bool, bit: u8| if set { bit } else { 0 };
        self.flags.push(
            flag(f.inferred, INFERRED) | flag(f.other_forms, OTHER_FORMS) | flag(repeat, REPEAT),
        );
        // Title and link side by side: a screen of items reads one stretch of the table.
        let url = f.url.unwrap_or("");
        self.str_off
            .extend_from_slice(&(strings.len() as u64).to_le_bytes());
        self.title_len
            .extend_from_slice(&(f.title.len() as u32).to_le_bytes());
        self.url_len
            .extend_from_slice(&(url.len() as u32).to_le_bytes());
        strings.extend_from_slice(f.title.as_bytes());
        strings.extend_from_slice(url.as_bytes());
        self.text_off.extend_from_slice(&f.text.0.to_le_bytes());
        self.text_len.extend_from_slice(&f.text.1.to_le_bytes());
        self.story.extend_from_slice(&f.story.to_le_bytes());
        self.digest.extend_from_slice(&f.digest.to_le_bytes());
    }

    /// Whether the item being written (`count - 1`) repeats a story an item written before
    /// holds on its date (see [`Index::is_repeat`](super::Index::is_repeat)). Of a story's
    /// copies, the first with a category of its own holds it (a site's copy may keep the
    /// sections the raw digest lacks); between those alike, the first in a publication's
    /// known format (a raw copy names itself after a heading, `AI资讯`, where the site's copy
    /// says whose it is); else the first. One written already is flagged when a later one
    /// takes it over.
    fn flag_repeat(&mut self, f: &ItemFields) -> bool {
        let n = self.count - 1;
        let rank = (f.categorized, f.known);
        let holder = self.holders.entry((f.date, f.story)).or_insert((n, rank));
        if holder.0 == n {
            return false;
        }
        if rank <= holder.1 {
            return true;
        }
        self.flags[holder.0] |= REPEAT;
        *holder = (n, rank);
        false
    }

    /// Item numbers ordered by id, for lookup by binary search; of items with one id, the
    /// one listed (not a repeat) first.
    fn by_id(&self) -> Vec<u8> {
        let mut order: Vec<u32> = (0..self.count as u32).collect();
        order.sort_by_key(|&i| {
            let i = i as usize;
            (
                &self.ids[i * ID_LEN..(i + 1) * ID_LEN],
                self.flags[i] & REPEAT,
            )
        });
        order.iter().flat_map(|i| i.to_le_bytes()).collect()
    }
}

#[derive(Default)]
struct Labels {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Labels {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }
}

fn put_date(e: &mut Enc, date: Option<chrono::NaiveDate>) {
    use chrono::Datelike;
    e.i64(date.map_or(i64::MIN, |d| i64::from(d.num_days_from_ce())));
}

const FORMATS: [Format; 5] = [
    Format::IndustryBrief,
    Format::FrontMatterDaily,
    Format::NewsHub,
    Format::BubbleBrain,
    Format::Generic,
];

fn format_to_u8(f: Format) -> u8 {
    FORMATS.iter().position(|&x| x == f).unwrap_or(4) as u8
}

pub(super) fn format_from_u8(b: u8) -> Option<Format> {
    FORMATS.get(b as usize).copied()
}

/// Paths are kept as their raw bytes on Unix, so names that are not UTF-8 still match.
#[cfg(unix)]
fn path_to_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_to_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
pub(super) fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
pub(super) fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unified;

    fn item(id: &str, title: &str, category: Option<&str>, url: Option<&str>) -> Item {
        Item {
            id: id.into(),
            title: title.into(),
            category: category.map(Into::into),
            region: None,
            outlet: Some("量子位".into()),
            url: url.map(Into::into),
            body: "dropped".into(),
            unified: Some(Unified {
                name: "模型".into(),
                inferred: true,
            }),
        }
    }

    #[test]
    fn packed_items_give_back_each_field_and_tell_an_empty_one_from_none() {
        let mut packed = PackedItems::with_capacity(2);
        let text = |s: &str| SearchText {
            text: s.into(),
            other_forms: false,
        };
        packed.push(&item("a1", "标题一", Some(""), None), &text("t1"), 7);
        packed.push(
            &item("b2", "Title two", None, Some("https://x/2")),
            &text("t22"),
            9,
        );
        assert_eq!(packed.len(), 2);
        assert_eq!(
            packed.fields(0),
            (
                "a1",
                "标题一",
                [Some(""), None, Some("量子位"), None, Some("模型")]
            )
        );
        assert_eq!(
            packed.fields(1),
            (
                "b2",
                "Title two",
                [
                    None,
                    None,
                    Some("量子位"),
                    Some("https://x/2"),
                    Some("模型")
                ]
            )
        );
        assert!(packed.items[1].inferred);
        assert_eq!(
            (packed.items[1].text.len, packed.items[1].text.story),
            (3, 9)
        );
        assert_eq!(
            packed.shown(),
            "标题一".len() + "Title two".len() + "https://x/2".len()
        );
    }
}
