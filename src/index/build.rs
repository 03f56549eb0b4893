//! Writing an index: parsed digests and digests kept from the previous index, newest first,
//! with their items as columns and their text appended to the text part.

use super::codec::{Dec, Enc};
use super::scratch::Scratch;
use super::{
    DigestInfo, FileRecord, HEADER_LEN, ID_LEN, INFERRED, Index, MAGIC, NO_LABEL, OTHER_FORMS,
    Outcome, REPEAT, SPACED, VERSION,
};
use crate::categories::Categorizer;
use crate::model::{Digest, Format, Item};
use crate::search::SearchText;
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// One file of the store, as the new index will hold it.
pub enum Entry<'a> {
    /// Parsed now: what places it in the list; the rest waits in the scratch.
    Parsed { file: FileRecord, digest: Spilled },
    /// Could not be read or parsed (`file.outcome` holds why).
    Problem(FileRecord),
    /// Unchanged since `old` indexed it: its record is copied.
    Kept { old: &'a Index, file: usize },
}

/// A parsed digest waiting for the index to be written: what sorts it and names its series,
/// held; its own fields and its packed items, in a [`Scratch`] (a first run of a
/// 10,000-file archive held them all, 110 MB, until the last was parsed).
pub struct Spilled {
    date: Option<NaiveDate>,
    source: String,
    series: Option<String>,
    path: PathBuf,
    at: u64,
    len: usize,
    /// Its items, and the bytes of their titles and links: what the columns are sized by.
    items: usize,
    shown: usize,
}

/// A spilled digest read back: what [`Spilled`] does not hold.
struct Unspilled {
    id: String,
    title: String,
    format: Format,
    warnings: Vec<String>,
    front_page: String,
    text_sum: u64,
    items: PackedItems,
}

impl Spilled {
    /// Puts `digest` (its items taken out), its packed `items` and the checksum of their text
    /// in `scratch`.
    pub fn put(
        digest: Digest,
        items: &PackedItems,
        text_sum: u64,
        scratch: &mut Scratch,
    ) -> std::io::Result<Spilled> {
        let mut e = Enc::default();
        e.str(&digest.id);
        e.str(&digest.title);
        e.u8(format_to_u8(digest.format));
        e.strs(&digest.warnings);
        e.str(&digest.front_page);
        e.u64(text_sum);
        e.str(&items.strings);
        e.u32(items.items.len() as u32);
        for item in &items.items {
            for end in item.ends {
                e.u32(end);
            }
            e.u8(item.present);
            let text = &item.text;
            e.u8(u8::from(item.inferred)
                | u8::from(text.other_forms) << 1
                | u8::from(text.spaced) << 2);
            e.u64(item.text.at);
            e.u32(item.text.len);
            e.u64(item.text.story);
        }
        Ok(Spilled {
            at: scratch.put(&e.buf)?,
            len: e.buf.len(),
            items: items.len(),
            shown: items.shown(),
            date: digest.date,
            source: digest.source,
            series: digest.series,
            path: digest.path,
        })
    }

    /// Reads the rest back from `scratch` (through `buf`).
    fn read(&self, scratch: &mut Scratch, buf: &mut Vec<u8>) -> std::io::Result<Unspilled> {
        scratch.read_at(self.at, self.len, buf)?;
        Self::decode(buf).map_err(std::io::Error::other)
    }

    fn decode(buf: &[u8]) -> Result<Unspilled, super::Corrupt> {
        let mut d = Dec::new(buf, 0);
        let id = d.str()?.to_string();
        let title = d.str()?.to_string();
        let format = format_from_u8(d.u8()?).unwrap_or(Format::Generic);
        let warnings = d.strs()?;
        let front_page = d.str()?.to_string();
        let text_sum = d.u64()?;
        let strings = d.str()?.to_string();
        let count = d.u32()? as usize;
        let mut items = Vec::with_capacity(count);
        let mut last = 0;
        for _ in 0..count {
            let mut ends = [0; FIELDS];
            for end in &mut ends {
                *end = d.u32()?;
                // Fields are read as slices of `strings`: a bad end must not panic.
                if *end < last || !strings.is_char_boundary(*end as usize) {
                    return Err(super::Corrupt("a spilled story's fields are out of place"));
                }
                last = *end;
            }
            let present = d.u8()?;
            let flags = d.u8()?;
            items.push(PackedItem {
                ends,
                present,
                inferred: flags & 1 != 0,
                text: TextAt {
                    at: d.u64()?,
                    len: d.u32()?,
                    other_forms: flags & 2 != 0,
                    spaced: flags & 4 != 0,
                    story: d.u64()?,
                },
            });
        }
        Ok(Unspilled {
            id,
            title,
            format,
            warnings,
            front_page,
            text_sum,
            items: PackedItems { strings, items },
        })
    }
}

/// Where an item's searchable text was written, what [`SearchText`] said of it, and its
/// [`story_key`](super::story_key).
#[derive(Debug, Clone, Copy)]
pub struct TextAt {
    pub at: u64,
    pub len: u32,
    pub other_forms: bool,
    pub spaced: bool,
    pub story: u64,
}

/// A parsed digest's items as the index takes them, their fields in one buffer: as [`Item`]s,
/// a string per field, holding them cost three times the memory, and their freeing 0.2 s.
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

/// Kept digests read between letting the old index's pages go.
const RELEASE_EVERY: usize = 256;

/// id, title, then the optional fields.
const FIELDS: usize = 7;

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
                spaced: text.spaced,
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

/// One digest as the writer takes it, whichever way it came.
struct Row<'a> {
    file: FileRecord,
    /// The name of its series when that is not its own (set once every row is in).
    series_name: Option<String>,
    source_digest: Source<'a>,
}

enum Source<'a> {
    Parsed(Spilled),
    Kept(&'a Index, &'a DigestInfo),
}

/// A row's digest as it is written: a parsed one read back from the scratch.
enum Written<'a> {
    Parsed(Unspilled),
    Kept(&'a Index, &'a DigestInfo),
}

impl Row<'_> {
    fn date(&self) -> Option<NaiveDate> {
        match &self.source_digest {
            Source::Parsed(s) => s.date,
            Source::Kept(_, info) => info.date,
        }
    }

    fn own_source(&self) -> &str {
        match &self.source_digest {
            Source::Parsed(s) => &s.source,
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
            Source::Parsed(s) => s.series.as_deref(),
            Source::Kept(_, info) => info.series.as_deref(),
        }
    }

    fn path(&self) -> &Path {
        match &self.source_digest {
            Source::Parsed(s) => &s.path,
            Source::Kept(_, info) => &info.path,
        }
    }
}

/// The entries' files, and their digests in the order the index lists them (newest first),
/// each with its series' name.
fn ordered_rows(entries: Vec<Entry<'_>>) -> (Vec<FileRecord>, Vec<Row<'_>>) {
    let mut files: Vec<FileRecord> = Vec::with_capacity(entries.len());
    let mut rows: Vec<Row> = Vec::new();
    for e in entries {
        match e {
            Entry::Parsed { file, digest } => rows.push(Row {
                file,
                series_name: None,
                source_digest: Source::Parsed(digest),
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
    (files, rows)
}

/// Writes the index to `out`: parsed digests are read back from `spill`; kept items keep
/// their text where it is when `same_text` (the sink appends to the old index's text file),
/// else it is copied to `sink`. The columns wait where `spill` does until the labels ahead of
/// them are known.
pub fn build<W: Write + Seek>(
    entries: Vec<Entry>,
    mut spill: Scratch,
    sink: &mut dyn TextSink,
    same_text: bool,
    categorizer: &Categorizer,
    blob: &str,
    out: W,
) -> std::io::Result<W> {
    let (mut files, rows) = ordered_rows(entries);
    let mut labels = Labels::default();
    let mut digests = Enc::default();
    // In memory, sized for every item at once: doubling as they come held the largest
    // columns twice over. Kept items' strings are not counted (their digests are not
    // decoded twice).
    let (items, shown) = rows
        .iter()
        .fold((0, 0), |(n, shown), row| match &row.source_digest {
            Source::Parsed(s) => (n + s.items, shown + s.shown),
            Source::Kept(_, info) => (n + info.items.len(), shown),
        });
    let mut cols = ItemColumns::new(items, &spill)?;
    let mut fronts = spill.beside(0)?;
    let mut strings = spill.beside(shown)?;
    let mut text_sums: Vec<u8> = Vec::new();
    let mut record = Vec::new();
    let mut kept = 0;
    let digest_count = rows.len();
    for (d, row) in rows.into_iter().enumerate() {
        let file_index = files.len() as u32;
        let mut file = row.file.clone();
        file.outcome = Outcome::Digest(d as u32);
        files.push(file);
        let written = match row.source_digest {
            Source::Parsed(ref s) => Written::Parsed(s.read(&mut spill, &mut record)?),
            Source::Kept(old, info) => Written::Kept(old, info),
        };
        // The digest's own fields, whichever way it came, written in one place.
        let (id, title, format, warnings, front) = match &written {
            Written::Parsed(p) => (
                p.id.as_str(),
                p.title.as_str(),
                p.format,
                p.warnings.as_slice(),
                p.front_page.as_str(),
            ),
            Written::Kept(old, info) => (
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
        let front_off = fronts.put(front.as_bytes())?;
        let count;
        match &written {
            Written::Parsed(p) => {
                let items = &p.items;
                count = items.len();
                for (n, item) in items.items.iter().enumerate() {
                    let (id, title, [category, region, outlet, url, unified]) = items.fields(n);
                    let label = |name: Option<&str>| name.map_or(NO_LABEL, |l| labels.id(l));
                    cols.push(
                        &mut strings,
                        ItemFields {
                            id: id.as_bytes(),
                            title: title.as_bytes(),
                            url: url.unwrap_or_default().as_bytes(),
                            labels: [category, region, outlet, unified].map(label),
                            inferred: item.inferred,
                            other_forms: item.text.other_forms,
                            spaced: item.text.spaced,
                            known: format != Format::Generic,
                            text: (item.text.at, item.text.len),
                            story: item.text.story,
                            date,
                            digest: d as u32,
                        },
                    )?;
                }
            }
            Written::Kept(old, info) => {
                // The old index is read through once: what was read of it need not stay
                // resident beside what is written (37 MB in the last step of a first run
                // of a 10,000-file archive).
                kept += 1;
                if kept % RELEASE_EVERY == 0 {
                    old.release_pages();
                }
                count = info.items.len();
                for i in info.items.clone() {
                    let (title, url) = old.shown_bytes(i);
                    let text = if same_text {
                        old.text_range(i)
                    } else {
                        let t = old.text_of(i);
                        (sink.put(t)?, t.len() as u32)
                    };
                    cols.push(
                        &mut strings,
                        ItemFields {
                            id: old.id_bytes(i),
                            title,
                            url,
                            labels: old.label_ids(i).map(|l| labels.kept(old, l)),
                            inferred: old.inferred(i),
                            other_forms: old.other_forms(i),
                            spaced: old.spaced(i),
                            known: format != Format::Generic,
                            text,
                            story: old.story_key(i),
                            date,
                            digest: d as u32,
                        },
                    )?;
                }
            }
        }
        digests.u32(count as u32);
        digests.u64(front_off);
        digests.u32(front.len() as u32);
        // Kept text is the same bytes, where it stays or copied.
        let sum = match written {
            Written::Parsed(p) => p.text_sum,
            Written::Kept(_, info) => info.text_sum,
        };
        text_sums.extend_from_slice(&sum.to_le_bytes());
    }
    drop(spill);

    let mut head = index_head(categorizer, blob, sink.len(), &labels.names, &files);
    head.u32(digest_count as u32);
    head.buf.extend_from_slice(&digests.buf);
    drop(digests);
    let count = cols.count as u32;
    let sorted = cols.flag_repeats();
    let by_id = Scratch::Memory(cols.by_id(&sorted));
    drop(sorted);
    let [category, region, outlet, unified] = cols.labels;
    let parts = [
        Scratch::Memory(cols.ids),
        category,
        region,
        outlet,
        unified,
        Scratch::Memory(cols.flags),
        cols.str_off,
        cols.title_len,
        cols.url_len,
        cols.text_off,
        cols.text_len,
        cols.story,
        cols.digest,
        by_id,
        strings,
        fronts,
        Scratch::Memory(text_sums),
    ];
    write_index(out, &head.buf, count, parts)
}

/// The index's head: what it was built with (the categories table, the store's blob and
/// text length), the labels, and every file with what came of it; the digests follow it.
fn index_head(
    categorizer: &Categorizer,
    blob: &str,
    text_len: u64,
    labels: &[String],
    files: &[FileRecord],
) -> Enc {
    let mut head = Enc::default();
    head.u64(categorizer.fingerprint());
    head.str(blob);
    head.u64(text_len);
    head.strs(labels);
    head.strs(&categorizer.names().collect::<Vec<_>>());
    head.u32(files.len() as u32);
    for f in files {
        head.bytes(&path_to_bytes(&f.rel));
        head.u64(f.size);
        head.i64(f.changed);
        match &f.outcome {
            Outcome::Digest(d) => {
                head.u8(0);
                head.u32(*d);
            }
            Outcome::Problem(m) => {
                head.u8(1);
                head.str(m);
            }
        }
    }
    head
}

/// Writes `head` and the counted `parts` after room for the header, then the header, once
/// the checksums are known: the index is written as it goes, never held whole.
fn write_index<W: Write + Seek, const N: usize>(
    mut out: W,
    head: &[u8],
    count: u32,
    parts: [Scratch; N],
) -> std::io::Result<W> {
    out.write_all(&[0; HEADER_LEN])?;
    let mut body = Summed {
        out: &mut out,
        sum: xxhash_rust::xxh3::Xxh3::new(),
        len: 0,
    };
    body.write_all(head)?;
    let head_sum = body.sum.digest();
    body.write_all(&count.to_le_bytes())?;
    for part in parts {
        part.write_counted(&mut body)?;
    }
    let (sum, len) = (body.sum.digest(), body.len);
    let mut header = Enc::default();
    header.buf.extend_from_slice(MAGIC);
    header.u32(VERSION);
    header.u64(head_sum);
    header.u64(sum);
    header.u64(len);
    header.u64(head.len() as u64);
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&header.buf)?;
    Ok(out)
}

/// A writer that sums and counts what goes through it.
struct Summed<'w, W> {
    out: &'w mut W,
    sum: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: Write> Write for Summed<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sum.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The name each series of digests goes by: the one most of them give, on a tie the one
/// the newest gives. One archive names the same publication `AI News Daily`, `AI Daily
/// Briefing` and a dozen more in its headings, day by day, under one front-matter title.
fn series_names(rows: &[Row]) -> HashMap<String, String> {
    let mut counts: HashMap<(&str, &str), (usize, Option<NaiveDate>)> = HashMap::new();
    for row in rows {
        if let Some(series) = row.series() {
            let (n, newest) = counts.entry((series, row.own_source())).or_default();
            *n += 1;
            *newest = (*newest).max(row.date());
        }
    }
    let mut best: HashMap<&str, (usize, Option<NaiveDate>, &str)> = HashMap::new();
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

/// An item as a column row takes it: kept items' strings as the old index holds them, not
/// read as text again, and its labels as ids of the new index's table.
struct ItemFields<'a> {
    id: &'a [u8],
    title: &'a [u8],
    /// Empty for none.
    url: &'a [u8],
    /// Category, region, outlet, unified category.
    labels: [u32; 4],
    inferred: bool,
    other_forms: bool,
    spaced: bool,
    /// Its digest is of a publication format ribao knows (not a generic Markdown digest).
    known: bool,
    text: (u64, u32),
    story: u64,
    date: Option<NaiveDate>,
    digest: u32,
}

/// How fit a copy of a story is to hold it: (has a category of its own, is in a publication
/// format ribao knows); see [`ItemColumns::flag_repeats`].
type Rank = (bool, bool);

struct ItemColumns {
    count: usize,
    /// Each item's story on its date, and its rank as a copy of it: repeats are flagged from
    /// them once every item is written (see [`ItemColumns::flag_repeats`]).
    stories: Vec<(Option<NaiveDate>, u64)>,
    ranks: Vec<Rank>,
    /// Held: repeats are flagged and the lookup by id sorted from them.
    ids: Vec<u8>,
    flags: Vec<u8>,
    /// Category, region, outlet, unified category.
    labels: [Scratch; 4],
    str_off: Scratch,
    title_len: Scratch,
    url_len: Scratch,
    text_off: Scratch,
    text_len: Scratch,
    story: Scratch,
    digest: Scratch,
}

impl ItemColumns {
    /// Columns for `n` items, waiting where `spill` does.
    fn new(n: usize, spill: &Scratch) -> std::io::Result<ItemColumns> {
        let column = |width: usize| spill.beside(n * width);
        Ok(ItemColumns {
            count: 0,
            stories: Vec::with_capacity(n),
            ranks: Vec::with_capacity(n),
            ids: Vec::with_capacity(n * ID_LEN),
            flags: Vec::with_capacity(n),
            labels: [column(4)?, column(4)?, column(4)?, column(4)?],
            str_off: column(8)?,
            title_len: column(4)?,
            url_len: column(4)?,
            text_off: column(8)?,
            text_len: column(4)?,
            story: column(8)?,
            digest: column(4)?,
        })
    }

    fn push(&mut self, strings: &mut Scratch, f: ItemFields) -> std::io::Result<()> {
        self.count += 1;
        // Ids are 12 hex digits (the parser makes them so); a shorter one is padded with
        // NULs, which the reader trims, so the column stays fixed-width.
        let mut id = [0u8; ID_LEN];
        for (slot, &b) in id.iter_mut().zip(f.id) {
            *slot = b;
        }
        self.ids.extend_from_slice(&id);
        self.stories.push((f.date, f.story));
        self.ranks.push((f.labels[0] != NO_LABEL, f.known));
        for (col, id) in self.labels.iter_mut().zip(f.labels) {
            col.put(&id.to_le_bytes())?;
        }
        let flag = |set: bool, bit: u8| if set { bit } else { 0 };
        self.flags.push(
            flag(f.inferred, INFERRED) | flag(f.other_forms, OTHER_FORMS) | flag(f.spaced, SPACED),
        );
        // Title and link side by side: a screen of items reads one stretch of the table.
        self.str_off.put(&strings.len().to_le_bytes())?;
        self.title_len.put(&(f.title.len() as u32).to_le_bytes())?;
        self.url_len.put(&(f.url.len() as u32).to_le_bytes())?;
        strings.put(f.title)?;
        strings.put(f.url)?;
        self.text_off.put(&f.text.0.to_le_bytes())?;
        self.text_len.put(&f.text.1.to_le_bytes())?;
        self.story.put(&f.story.to_le_bytes())?;
        self.digest.put(&f.digest.to_le_bytes())?;
        Ok(())
    }

    /// Flags each item that repeats a story another item holds on its date (see
    /// [`Index::is_repeat`](super::Index::is_repeat)). Of a story's copies, the first with a
    /// category of its own holds it (a site's copy may keep the sections the raw digest
    /// lacks); between those alike, the first in a publication's known format (a raw copy
    /// names itself after a heading, `AI资讯`, where the site's copy says whose it is); else
    /// the first. A copy whose id an earlier item has (the same name) repeats it unless a
    /// copy before it holds the story, which it may still take over. Sorted, not hashed:
    /// a quarter of a million lookups in tables of that size waited on memory most of their
    /// time (a fifth of bringing a 10,000-file index up to date for one new file). Gives the
    /// items sorted by id, then number, for [`ItemColumns::by_id`].
    fn flag_repeats(&mut self) -> Vec<([u8; ID_LEN], u32)> {
        let n = self.count;
        let mut by_id: Vec<([u8; ID_LEN], u32)> = (0..n)
            .map(|i| {
                let id = self.ids[i * ID_LEN..(i + 1) * ID_LEN].try_into();
                (id.expect("ids are ID_LEN bytes each"), i as u32)
            })
            .collect();
        by_id.sort_unstable();
        let mut id_seen = vec![false; n];
        for pair in by_id.windows(2) {
            id_seen[pair[1].1 as usize] = pair[0].0 == pair[1].0;
        }
        let mut copies: Vec<_> = std::mem::take(&mut self.stories)
            .into_iter()
            .zip(0u32..)
            .collect();
        copies.sort_unstable();
        for story in copies.chunk_by(|a, b| a.0 == b.0) {
            let mut holder: Option<(usize, Rank)> = None;
            for &(_, i) in story {
                let (i, rank) = (i as usize, self.ranks[i as usize]);
                match holder {
                    None if id_seen[i] => self.flags[i] |= REPEAT,
                    None => holder = Some((i, rank)),
                    Some((_, held)) if rank <= held => self.flags[i] |= REPEAT,
                    Some((was, _)) => {
                        self.flags[was] |= REPEAT;
                        holder = Some((i, rank));
                    }
                }
            }
        }
        self.ranks = Vec::new();
        by_id
    }

    /// Item numbers ordered by id, for lookup by binary search; of items with one id, the
    /// ones listed (not repeats) first, each kind in item order. From `sorted`, the items
    /// by id and number that [`ItemColumns::flag_repeats`] sorted: not sorted again.
    fn by_id(&self, sorted: &[([u8; ID_LEN], u32)]) -> Vec<u8> {
        let repeat = |&&(_, i): &&([u8; ID_LEN], u32)| self.flags[i as usize] & REPEAT != 0;
        let mut order = Vec::with_capacity(sorted.len() * 4);
        for same in sorted.chunk_by(|a, b| a.0 == b.0) {
            let listed = same.iter().filter(|p| !repeat(p));
            for (_, i) in listed.chain(same.iter().filter(repeat)) {
                order.extend_from_slice(&i.to_le_bytes());
            }
        }
        order
    }
}

#[derive(Default)]
struct Labels {
    names: Vec<String>,
    ids: HashMap<String, u32>,
    /// The old index's label ids to these, as they are met (the old index named by its
    /// checksum): a kept item's labels are not looked up by name again.
    old_ids: Option<(u64, Vec<u32>)>,
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

    /// The id here of label `id` of the `old` index.
    fn kept(&mut self, old: &Index, id: u32) -> u32 {
        if id == NO_LABEL {
            return NO_LABEL;
        }
        if self.old_ids.as_ref().is_none_or(|(sum, _)| *sum != old.sum) {
            self.old_ids = Some((old.sum, vec![NO_LABEL; old.labels().len()]));
        }
        let mapped = (self.old_ids.as_ref()).and_then(|(_, map)| map.get(id as usize).copied());
        match mapped {
            Some(NO_LABEL) => {
                let new = old
                    .labels()
                    .get(id as usize)
                    .map_or(NO_LABEL, |l| self.id(l));
                if let Some((_, map)) = &mut self.old_ids {
                    map[id as usize] = new;
                }
                new
            }
            Some(new) => new,
            // A label beyond the old table (damage) reads as none, as `Index::item` has it.
            None => NO_LABEL,
        }
    }
}

fn put_date(e: &mut Enc, date: Option<NaiveDate>) {
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
            spaced: false,
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
