//! Finding stories again. Chinese is matched as substrings (no word segmentation), Latin
//! case-insensitively, full-width forms as half-width, and zero-width characters are
//! ignored. The search reads the index's text, one digest's stories at a time, on every core.

mod matcher;
mod query;
mod text;

use matcher::Hay;
pub use matcher::Matcher;
pub use query::{Query, argument_token, fold, names, quoted, unquoted_name};
pub use text::{SearchText, searchable};

use crate::index::{DigestInfo, Index};
use rayon::prelude::*;
use std::ops::Range;

/// A one-line snippet around the first match (`match_range` in bytes of `text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub match_range: Option<Range<usize>>,
}

/// Chars of a snippet before and after its match.
const SNIPPET_BEFORE: usize = 20;
const SNIPPET_AFTER: usize = 100;

/// Digests read per task; the pages a task read are let go when it is done. Each letting go
/// stops every core to flush its address cache, so not too often: 256 digests are a few MB of
/// text on a large archive, and a search over 10,000 is 10% faster than with 32.
const BATCH: usize = 256;
/// The stretch around a page read that the kernel maps with it (its `fault_around_bytes`),
/// aligned to its size.
const FAULT_AROUND: usize = 64 << 10;

/// What the reader highlights: the query's terms, made into expressions once for all the
/// text a screen shows.
pub struct Highlighter {
    terms: Vec<Matcher>,
}

impl Highlighter {
    /// `terms` folded, as [`Query::words`] gives them.
    pub fn new(terms: &[String]) -> Highlighter {
        Highlighter {
            terms: matchers(terms, Matcher::across_invisibles),
        }
    }

    /// Every place in `text` where one of the terms occurs, sorted, overlapping ones joined:
    /// occurrences side by side stay apart (`英伟达英伟达` is two matches, not one; tester N).
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        merge_ranges(
            self.terms
                .iter()
                .flat_map(|m| m.find_all(text.as_bytes()))
                .collect(),
            Join::Overlapping,
        )
    }
}

/// The query's terms that have something to find, as matchers made by `make`.
fn matchers(terms: &[String], make: fn(&str) -> Matcher) -> Vec<Matcher> {
    terms
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| make(t))
        .collect()
}

/// A query as a message says it again: cut to 80 columns, not whole (tester M: a query of
/// thousands of words made a 45 KB line, and in the reader 14 rows; tester O).
pub fn said_query(query: &str, opts: crate::text::TextOptions) -> std::borrow::Cow<'_, str> {
    crate::text::truncate(query, 80, opts)
}

/// Which ranges [`merge_ranges`] joins.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Those that share a byte: matches, each its own however close.
    Overlapping,
    /// Those that share a byte or meet: spans of pages, let go in as few calls as may be.
    Touching,
}

/// Sorted, with the ranges `join` names joined.
pub fn merge_ranges(mut ranges: Vec<Range<usize>>, join: Join) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end || join == Join::Touching && r.start == last.end => {
                last.end = last.end.max(r.end)
            }
            _ => out.push(r),
        }
    }
    out
}

/// The search: the items of `digests[within]` (None: all) that match, in that order, as
/// global item numbers. Snippets are made apart ([`Snippets`]), for the results shown.
pub fn run(
    index: &Index,
    digests: &[DigestInfo],
    query: &Query,
    within: Option<&[usize]>,
) -> Vec<usize> {
    if query.problem().is_some() {
        return Vec::new();
    }
    let mut terms: Vec<Matcher> = query.terms.iter().map(|t| Matcher::new(t)).collect();
    let excluded: Vec<Matcher> = query.excluded.iter().map(|t| Matcher::new(t)).collect();
    let alternatives: Vec<Vec<Matcher>> = (query.any_of.iter())
        .map(|group| group.iter().map(|t| Matcher::new(t)).collect())
        .collect();
    // The scan term goes first: one that reads the text as written when there is one (a
    // Chinese word), so the text need not be lowered; the others are checked only in the
    // stories it finds.
    if let Some(plain) = terms.iter().position(|t| !t.wants_lowered()) {
        terms.swap(0, plain);
    }
    let wants_lowered = match terms.first() {
        Some(scan) => scan.wants_lowered(),
        None => (excluded.iter().chain(alternatives.iter().flatten())).any(Matcher::wants_lowered),
    };
    // Scope prefixes are decided once per label and per digest, not per item.
    let per_label = |pick: &dyn Fn(&str) -> bool| -> Vec<bool> {
        index.labels().iter().map(|l| pick(l)).collect()
    };
    let any_of = |list: &[String]| {
        (!list.is_empty()).then(|| per_label(&|l| list.iter().any(|c| names(l, c))))
    };
    // Whether a label (by id) is one of a prefix's; none when the query has no such prefix.
    let named = |set: &Option<Vec<bool>>, id: u32| {
        set.as_ref()
            .is_some_and(|s| s.get(id as usize).copied().unwrap_or(false))
    };
    let wanted = any_of(&query.categories);
    let unwanted = any_of(&query.not_categories);
    // Stories without a category of their own are found by what the reader calls them.
    let no_category = |list: &[String]| {
        list.iter()
            .any(|c| names(crate::categories::UNCATEGORIZED, c))
    };
    let (none_wanted, none_unwanted) = (
        no_category(&query.categories),
        no_category(&query.not_categories),
    );
    // A story comes from a source by its publication's name or by the outlet it names
    // (`source:量子位`).
    let (outlets, not_outlets) = (any_of(&query.sources), any_of(&query.not_sources));
    let some_outlet = outlets.as_ref().is_some_and(|s| s.contains(&true));
    // A story is in a category by its own label or its unified one.
    let labels_ok = |ids: [u32; 2]| {
        let none = ids[0] == crate::index::NO_LABEL;
        let any = |set, no_label| ids.iter().any(|&id| named(set, id)) || none && no_label;
        (wanted.is_none() || any(&wanted, none_wanted)) && !any(&unwanted, none_unwanted)
    };
    // Whether the digest's stories may match, and whether its publication is a source
    // wanted (its stories then need no outlet to be).
    let digest_ok = |info: &DigestInfo| {
        let dated = |want: &String| crate::model::date_within(info.date, want);
        let from = |s: &String| names(&info.source, s);
        let wanted_source = query.sources.is_empty() || query.sources.iter().any(from);
        let ok = (query.dates.is_empty() || query.dates.iter().any(dated))
            && (wanted_source || some_outlet)
            && !query.not_dates.iter().any(dated)
            && !query.not_sources.iter().any(from);
        ok.then_some(wanted_source)
    };
    let all: Vec<usize>;
    let within = match within {
        Some(w) => w,
        None => {
            all = (0..digests.len()).collect();
            &all
        }
    };
    let per_batch: Vec<Vec<usize>> = within
        .par_chunks(BATCH)
        .map_init(Vec::new, |lowered, batch| {
            let mut hits = Vec::new();
            let mut read = Vec::with_capacity(batch.len());
            for info in batch.iter().filter_map(|&d| digests.get(d)) {
                // A copy of another digest has nothing to find that is not found there; an
                // empty one has nothing at all.
                let Some(wanted_source) = digest_ok(info) else {
                    continue;
                };
                if info.items.is_empty() || index.is_copy(info) {
                    continue;
                }
                let span = index.digest_span(info);
                let region = index.text_bytes(span.clone());
                let spaced = info.items.clone().any(|i| index.spaced(i));
                let form = match info.items.clone().any(|i| index.other_forms(i)) {
                    true => Hay::AsWritten,
                    false if wants_lowered => Hay::Lowered,
                    false => Hay::Plain,
                };
                let hay = if form == Hay::Lowered {
                    // Copied, then lowered in place: both at memory speed, not byte by byte
                    // into the copy.
                    lowered.clear();
                    lowered.extend_from_slice(region);
                    lowered.make_ascii_lowercase();
                    lowered.as_slice()
                } else {
                    region
                };
                let digest = DigestText {
                    index,
                    hay,
                    text: region,
                    base: span.start,
                    form,
                    spaced,
                };
                digest.scan(info.items.clone(), terms.first(), &mut hits, |i, text| {
                    let (category, unified) = index.category_ids(i);
                    let outlet = index.outlet_id(i);
                    // The first term is where the scan found the story; the others are
                    // checked. A story another digest holds is found there.
                    !index.is_repeat(i)
                        && labels_ok([category, unified])
                        && (wanted_source || named(&outlets, outlet))
                        && !named(&not_outlets, outlet)
                        && terms
                            .iter()
                            .skip(1)
                            .all(|t| digest.contains(t, text.clone()))
                        && (alternatives.iter())
                            .all(|group| group.iter().any(|t| digest.contains(t, text.clone())))
                        && !excluded.iter().any(|t| digest.contains(t, text.clone()))
                });
                // With what the kernel mapped around it: skipped digests' pages between
                // read ones would otherwise stay mapped until the search ends.
                read.push(
                    span.start / FAULT_AROUND * FAULT_AROUND
                        ..span.end.next_multiple_of(FAULT_AROUND),
                );
            }
            for span in merge_ranges(read, Join::Touching) {
                index.release(span);
            }
            hits
        })
        .collect();
    // Reading maps a little around each page read (the kernel's fault-around), beyond what
    // the batches let go: let the whole text go once all are done.
    index.release(0..usize::MAX);
    per_batch.concat()
}

/// One digest's stories' text as the search reads it: as written, or with ASCII letters
/// lowered (see [`Hay`]).
struct DigestText<'a> {
    index: &'a Index,
    hay: &'a [u8],
    /// The same text as written, where a word's start is seen (`ChatGPT`).
    text: &'a [u8],
    /// Where `hay` starts in the text part.
    base: usize,
    form: Hay,
    /// A story's text has a space between two Chinese characters (see [`Matcher::for_text`]).
    spaced: bool,
}

impl DigestText<'_> {
    /// Whether `m` occurs in the text at `span` of `hay` (a story's).
    fn contains(&self, m: &Matcher, span: Range<usize>) -> bool {
        let (hay, text) = (&self.hay[span.clone()], &self.text[span]);
        let m = m.for_text(self.spaced);
        m.find_in(hay, text, 0, self.form).is_some()
    }

    /// Where item `i`'s text is in `hay`.
    fn item(&self, i: usize) -> Range<usize> {
        let (off, len) = self.index.text_range(i);
        let start = (off as usize).saturating_sub(self.base).min(self.hay.len());
        start..(start + len as usize).min(self.hay.len())
    }

    /// Pushes the items in `items` that `first` occurs in and `accept` takes. One scan of
    /// the whole digest for the first term; the other terms are checked only in the stories
    /// where it occurs.
    fn scan(
        &self,
        items: Range<usize>,
        first: Option<&Matcher>,
        hits: &mut Vec<usize>,
        accept: impl Fn(usize, Range<usize>) -> bool,
    ) {
        let Some(first) = first.map(|m| m.for_text(self.spaced)) else {
            hits.extend(items.filter(|&i| accept(i, self.item(i))));
            return;
        };
        let starts: Vec<usize> = items.clone().map(|i| self.item(i).start).collect();
        let (mut next, mut k) = (0, 0);
        while let Some(m) = first.find_anywhere(self.hay, next, self.form) {
            // Matches come in order, so the story they are in only moves forward.
            if starts.first().is_none_or(|&s| m.start < s) {
                break;
            }
            while starts.get(k + 1).is_some_and(|&s| s <= m.start) {
                k += 1;
            }
            // A story's text starts a word, whatever the story before it ends with; the
            // word the match ends in ends in the story.
            if m.start != starts[k] && !first.starts_word(self.text, m.start) {
                next = m.start + 1;
                continue;
            }
            let i = items.start + k;
            let span = self.item(i);
            let Some(end) = first.word_end(&self.text[..span.end], m.clone()) else {
                next = m.start + 1;
                continue;
            };
            if end <= span.end && accept(i, span.clone()) {
                hits.push(i);
            }
            next = span.end.max(m.start + 1);
        }
    }
}

/// Snippets for a query's results: a line of a story's text around the first place one of
/// the terms occurs in it, else its beginning. Made for the results shown, not for every
/// result the search finds.
#[derive(Debug, Default)]
pub struct Snippets {
    terms: Vec<Matcher>,
}

/// Where what leads up to a match at `at` starts, from `start`: after the last label a
/// digest marks with an emoji (`⭐ 重要性: 59/100 🔗 原文 🏷 AI资讯 英伟达…`), and after a
/// tag's or a link's own word, which are no text to read before it; every AI每日热点
/// snippet opened with its score and tags (testers F, H: then with `AI资讯`; S: `原文`).
fn after_labels(body: &[u8], start: usize, at: usize) -> usize {
    let Some(before) = std::str::from_utf8(&body[start..at]).ok() else {
        return start;
    };
    let Some((i, mark)) = before.char_indices().rev().find(|&(_, c)| is_label_mark(c)) else {
        return start;
    };
    let after = &before[i + mark.len_utf8()..];
    let tag = after.trim_start_matches(['\u{FE0F}', ' ']);
    let rest = match (mark, tag.find(' ')) {
        (TAG | LINK, Some(space)) => &tag[space + 1..],
        _ => after,
    };
    at - rest.len()
}

/// The mark before a tag (`🏷 AI资讯`).
const TAG: char = '\u{1F3F7}';

/// The mark before a link's word (`🔗 原文`, the text of `🔗 [原文](…)`).
const LINK: char = '\u{1F517}';

/// The emoji digests mark their labels with (`📰` `⭐` `🔗` `🏷`).
fn is_label_mark(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B50}'..='\u{2B55}')
}

impl Snippets {
    /// `terms` folded, as [`Query::words`] gives them.
    pub fn new(terms: &[String]) -> Snippets {
        Snippets {
            terms: matchers(terms, Matcher::new),
        }
    }

    /// The snippet of a story's searchable text (its title line, then its body): from the
    /// body, as the title is shown beside it anyway. Only the snippet's own bytes are
    /// decoded, so a long story costs no more than a short one.
    pub fn of(&self, text: &[u8]) -> Snippet {
        let body = memchr::memchr(b'\n', text).map_or(text, |n| &text[n + 1..]);
        let found = self
            .terms
            .iter()
            .filter_map(|m| m.find_from(body, 0))
            .min_by_key(|m| m.start);
        let (start, end) = match &found {
            Some(m) => {
                let end = forward_chars(body, m.end, SNIPPET_AFTER);
                // A match near the body's end takes the room it leaves there before it:
                // a wide row was left half empty.
                let after = body[m.end..end]
                    .iter()
                    .filter(|&&b| is_char_start(b))
                    .count();
                let before = SNIPPET_BEFORE + SNIPPET_AFTER - after;
                (
                    after_labels(body, back_chars(body, m.start, before), m.start),
                    end,
                )
            }
            // No word to show (filters only, a match in the title): the text from its start,
            // past the title where the text opens with it (tester BE: a filter's results
            // said each title twice) and the labels a body opens with.
            None => {
                let told = told_title(text, body);
                let window = forward_chars(body, told, SNIPPET_BEFORE + SNIPPET_AFTER);
                let labelled = std::str::from_utf8(&body[told..window])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .is_some_and(is_label_mark);
                let start = if labelled {
                    after_labels(body, told, window)
                } else {
                    told
                };
                (
                    start,
                    forward_chars(body, start, SNIPPET_BEFORE + SNIPPET_AFTER),
                )
            }
        };
        // A cut reads on cleanly (see `text::after_cut`): not inside a character's sequence
        // (a lone mark after `…` is garbage), nor after punctuation that closes what was cut
        // off (`…，初创公司`), nor inside a Latin word (`…st Labs`).
        let limit = found.as_ref().map_or(end, |m| m.start);
        let start = match start {
            // The body's own start is no cut.
            0 => 0,
            _ => {
                let before = &body[start.saturating_sub(4)..start];
                let prev = before
                    .utf8_chunks()
                    .last()
                    .and_then(|chunk| chunk.valid().chars().next_back());
                start
                    + std::str::from_utf8(&body[start..limit])
                        .map_or(0, |rest| crate::text::after_cut(prev, rest))
            }
        };
        // Nor does it end in a word cut in two, when the words before it are kept.
        let floor = found.as_ref().map_or(start, |m| m.end);
        let end = match body.get(end) {
            Some(b) if b.is_ascii_alphanumeric() => {
                let word = body[floor..end]
                    .iter()
                    .rev()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if end - word > floor { end - word } else { end }
            }
            _ => end,
        };
        // A cut is marked with `…`, but for one the text itself makes there.
        let piece = String::from_utf8_lossy(&body[start..end]);
        let piece = match end < body.len() {
            true => piece.trim_end(),
            false => &piece,
        };
        let mut out = String::new();
        if start > 0 && !piece.starts_with('…') {
            out.push('…');
        }
        let lead = out.len();
        out.push_str(piece);
        if end < body.len() && !piece.ends_with('…') {
            out.push('…');
        }
        Snippet {
            text: out,
            match_range: found.map(|m| m.start - start + lead..m.end - start + lead),
        }
    }
}

fn is_char_start(b: u8) -> bool {
    b & 0xc0 != 0x80
}

/// Where the char `n` chars before `from` starts (or 0).
fn back_chars(text: &[u8], from: usize, n: usize) -> usize {
    let mut seen = 0;
    for at in (0..from).rev() {
        if is_char_start(text[at]) {
            seen += 1;
            if seen == n {
                return at;
            }
        }
    }
    0
}

/// Where the char `n` chars after `from` starts (or the end).
fn forward_chars(text: &[u8], from: usize, n: usize) -> usize {
    let mut seen = 0;
    for (at, &b) in text.iter().enumerate().skip(from) {
        if is_char_start(b) {
            if seen == n {
                return at;
            }
            seen += 1;
        }
    }
    text.len()
}

/// Where `body`, after the title line of `text`, goes on past that title when it opens
/// with it (a title taken from its first sentence), and past the marks and spaces after it;
/// 0 when it does not, or nothing follows.
fn told_title(text: &[u8], body: &[u8]) -> usize {
    let title = &text[..text.len() - body.len()];
    let title = title.strip_suffix(b"\n").unwrap_or(title);
    let title = title.strip_suffix("…".as_bytes()).unwrap_or(title);
    if title.is_empty() || !body.starts_with(title) {
        return 0;
    }
    // (Only the few bytes after it decoded: a story may be megabytes long.)
    let rest = &body[title.len()..];
    let head = rest[..rest.len().min(64)]
        .utf8_chunks()
        .next()
        .map_or("", |c| c.valid());
    let after = head.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | '。' | '!' | '！' | '?' | '？' | ',' | '，' | ':' | '：'
            )
    });
    let skipped = head.len() - after.len();
    match skipped == rest.len() {
        true => 0,
        false => title.len() + skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_original_text_of_the_match() {
        let text = format!(
            "OpenAI 标题\n前文很长很长很长很长很长很长很长很长很长很长很长很长很长很长 ＯｐｅｎＡＩ 发布新模型{}",
            "尾".repeat(SNIPPET_AFTER)
        );
        let s = Snippets::new(&["openai".into()]).of(text.as_bytes());
        let r = s.match_range.clone().unwrap();
        assert_eq!(
            &s.text[r], "ＯｐｅｎＡＩ",
            "the body's match, not the title's"
        );
        assert!(s.text.starts_with('…'));
        assert!(!s.text.contains('\n'));
    }

    #[test]
    fn a_cut_at_an_ellipsis_of_the_text_gets_no_second_one() {
        let body = format!(
            "{}gpu{}…{}",
            "前".repeat(19),
            "后".repeat(99),
            "余".repeat(9)
        );
        let s = Snippets::new(&["gpu".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.ends_with("后…"), "{}", s.text);
        let body = format!(
            "{}…{}gpu{}",
            "前".repeat(9),
            "前".repeat(19),
            "后".repeat(SNIPPET_AFTER)
        );
        let s = Snippets::new(&["gpu".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…前"), "{}", s.text);
        assert!(!s.text.starts_with("……"), "{}", s.text);
    }

    #[test]
    fn a_snippet_never_starts_inside_a_characters_sequence() {
        let tail = format!(" {}", "尾".repeat(SNIPPET_AFTER - 1));
        let body = format!("🏷\u{fe0f}{} gpu{tail}", "a".repeat(SNIPPET_BEFORE - 2));
        let s = Snippets::new(&["gpu".into()]).of(format!("标题\n{body}").as_bytes());
        assert_eq!(
            s.text,
            format!("…{} gpu{tail}", "a".repeat(SNIPPET_BEFORE - 2))
        );
        assert_eq!(&s.text[s.match_range.unwrap()], "gpu");
    }

    /// Cut right before the punctuation that closed what came before, the snippet starts
    /// after it (and after spaces): `…初创公司`, never `…，初创公司`.
    #[test]
    fn a_snippet_never_starts_with_closing_punctuation() {
        for lead in ["，", "。", "」，", " ", "）"] {
            let body = format!(
                "前文{lead}{}融资{}",
                "初".repeat(SNIPPET_BEFORE - lead.chars().count()),
                "尾".repeat(SNIPPET_AFTER)
            );
            let s = Snippets::new(&["融资".into()]).of(format!("标题\n{body}").as_bytes());
            assert!(s.text.starts_with("…初"), "{lead:?}: {}", s.text);
            assert_eq!(&s.text[s.match_range.unwrap()], "融资");
        }
    }

    /// Cut inside a Latin word, a snippet starts after it and ends before it: `…Labs合作`,
    /// never `…s Labs合作`.
    #[test]
    fn a_snippet_never_starts_or_ends_inside_a_word() {
        let body = format!(
            "Black Forests Labs合作开发的模型Krea1已开放公测{} modelname rest",
            "后".repeat(97)
        );
        let s = Snippets::new(&["公测".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…Labs合作"), "{}", s.text);
        assert!(s.text.ends_with("后…"), "{}", s.text);
        assert_eq!(&s.text[s.match_range.unwrap()], "公测");
        // A word longer than the whole snippet is cut all the same.
        let s = Snippets::new(&["x".into()]).of(format!("标题\n{}", "a".repeat(300)).as_bytes());
        assert_eq!(s.text, format!("{}…", "a".repeat(120)));
    }

    /// What leads up to a match starts after the last label the digest marks with an emoji,
    /// and after a tag's word: its score and tags are no text to read before it (testers
    /// H, W and Y; F).
    #[test]
    fn a_snippet_starts_after_the_labels_before_its_match() {
        let body = "📰 The Decoder | ⭐ 重要性: 59/100 | 🔗 原文 🔑 关键信息: 🏷 新闻 🏷 AI资讯 \
                    英伟达斥资60亿美元收购初创公司。";
        let s = Snippets::new(&["英伟达".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…英伟达斥资"), "{}", s.text);
        assert_eq!(&s.text[s.match_range.unwrap()], "英伟达");
        // A tag looked for is shown.
        let s = Snippets::new(&["ai资讯".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…AI资讯 英伟达斥资"), "{}", s.text);
        // With no word to show (a filter alone): the text after the labels it opens with
        // (tester AB); a body that opens with words keeps its start.
        let s = Snippets::new(&[]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…英伟达斥资"), "{}", s.text);
        let s = Snippets::new(&[]).of("标题\n正文 🚀 之后".as_bytes());
        assert_eq!(s.text, "正文 🚀 之后");
        // A link's word too (tester S: `…原文 Kimi推出`).
        let body = "⭐ 重要性: 59/100 | 🔗 原文 Kimi推出K2.5开源模型。";
        let s = Snippets::new(&["k2.5".into()]).of(format!("标题\n{body}").as_bytes());
        assert!(s.text.starts_with("…Kimi推出"), "{}", s.text);
    }

    /// A match near the body's end takes the room it leaves after it before it, so a
    /// snippet is as long as its text allows wherever the match is.
    #[test]
    fn a_match_near_the_end_shows_more_before_it() {
        let body = format!("{}监管走向。", "前".repeat(200));
        let s = Snippets::new(&["监管".into()]).of(format!("标题\n{body}").as_bytes());
        let before = s.text[..s.match_range.unwrap().start].trim_start_matches('…');
        assert_eq!(before.chars().count(), SNIPPET_BEFORE + SNIPPET_AFTER - 3);
        assert!(s.text.ends_with("监管走向。"), "{}", s.text);
    }

    #[test]
    fn snippet_without_a_match_in_the_body_is_its_beginning() {
        let s = Snippets::new(&["英伟达".into()]).of("英伟达发布\n正文第一句。".as_bytes());
        assert_eq!(s.text, "正文第一句。");
        assert_eq!(s.match_range, None);
        // Past its title where the text opens with it (tester BE).
        let told = "Robots fold shirts\nRobots fold shirts. The lab says so.";
        let s = Snippets::new(&[]).of(told.as_bytes());
        assert!(s.text.ends_with("The lab says so."), "{}", s.text);
        assert!(!s.text.contains("fold"), "{}", s.text);
        let cut = "Robots fold…\nRobots fold shirts. The lab says so.";
        assert!(
            Snippets::new(&[])
                .of(cut.as_bytes())
                .text
                .contains("shirts")
        );
        let alone = "Robots fold shirts\nRobots fold shirts.";
        assert_eq!(
            Snippets::new(&[]).of(alone.as_bytes()).text,
            "Robots fold shirts."
        );
    }

    proptest::proptest! {
        /// A snippet is a piece of the body, on char boundaries, with its match marked.
        #[test]
        fn snippets_are_pieces_of_the_body(
            before in "[a-z英伟达 ，]{0,60}",
            after in "[a-z英伟达 ，]{0,200}",
        ) {
            // (Between a space and a comma: `gpu` next to a letter is inside a word, and
            // no match.)
            let body = format!("{before} gpu，{after}");
            let s = Snippets::new(&["gpu".into()]).of(format!("标题\n{body}").as_bytes());
            let r = s.match_range.clone().unwrap();
            proptest::prop_assert_eq!(&s.text[r], "gpu");
            let inner = s.text.trim_start_matches('…').trim_end_matches('…');
            proptest::prop_assert!(body.contains(inner));
            proptest::prop_assert!(inner.chars().count() <= SNIPPET_BEFORE + 3 + SNIPPET_AFTER);
        }
    }

    /// A Chinese term found across a space between two characters (`**英伟达** 发布`) is
    /// marked there, in the article and in the result's snippet.
    #[test]
    fn a_match_across_a_space_between_chinese_characters_is_marked() {
        let terms = Query::parse("英伟达发布").terms;
        let text = "据报道英伟达 发布了新芯片";
        assert_eq!(Highlighter::new(&terms).ranges(text), vec![9..25]);
        let s = Snippets::new(&terms).of(format!("标题\n{text}").as_bytes());
        assert_eq!(&s.text[s.match_range.unwrap()], "英伟达 发布");
    }

    #[test]
    fn highlights_merge_overlapping_terms() {
        let q = Query::parse("英伟 伟达 gpu");
        assert_eq!(
            Highlighter::new(&q.terms).ranges("英伟达的GPU"),
            vec![0..9, 12..15]
        );
    }
}
