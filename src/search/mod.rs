//! Finding stories again. Chinese is matched as substrings (no word segmentation), Latin
//! case-insensitively, full-width forms as half-width, and zero-width characters are
//! ignored. The search reads the index's text, one digest's stories at a time, on every core.

mod matcher;
mod query;
mod text;

pub use matcher::Matcher;
pub use query::{Query, fold};
pub use text::searchable;

use crate::index::{DigestInfo, Index};
use crate::library::SearchHit;
use rayon::prelude::*;
use std::ops::Range;

/// A one-line snippet around the first match (`match_range` in bytes of `text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub match_range: Option<Range<usize>>,
}

/// Chars of context kept on each side of the match.
const SNIPPET_CONTEXT: usize = 24;

/// Every place in `text` where one of `terms` (folded, as in [`Query::terms`]) occurs,
/// sorted and merged: what the reader highlights.
pub fn highlights(terms: &[String], text: &str) -> Vec<Range<usize>> {
    merge_ranges(
        terms
            .iter()
            .filter(|t| !t.is_empty())
            .flat_map(|t| Matcher::across_invisibles(t).find_all(text.as_bytes()))
            .collect(),
    )
}

/// Sorted, with overlapping or touching ranges joined.
pub fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The search: `digests[within]` (None: all) in that order, their items in order.
pub fn run(
    index: &Index,
    digests: &[DigestInfo],
    query: &Query,
    within: Option<&[usize]>,
) -> Vec<SearchHit> {
    let terms: Vec<Matcher> = query.terms.iter().map(|t| Matcher::new(t)).collect();
    let excluded: Vec<Matcher> = query.excluded.iter().map(|t| Matcher::new(t)).collect();
    // Scope prefixes are decided once per label and per digest, not per item.
    let category_ok: Option<Vec<bool>> = query.category.as_ref().map(|c| {
        index
            .labels()
            .iter()
            .map(|l| fold(l).contains(c.as_str()))
            .collect()
    });
    let label_ok = |id: u32| {
        category_ok
            .as_ref()
            .is_none_or(|ok| ok.get(id as usize).copied().unwrap_or(false))
    };
    let digest_ok = |info: &DigestInfo| {
        query.date.as_ref().is_none_or(|want| {
            crate::model::date_label(info.date).starts_with(want.as_str()) && info.date.is_some()
        }) && query
            .source
            .as_ref()
            .is_none_or(|s| fold(&info.source).contains(s.as_str()))
    };
    let all: Vec<usize>;
    let within = match within {
        Some(w) => w,
        None => {
            all = (0..digests.len()).collect();
            &all
        }
    };
    let per_digest: Vec<Vec<SearchHit>> = within
        .par_iter()
        .map_init(Vec::new, |buf, &d| {
            let Some(info) = digests.get(d).filter(|info| digest_ok(info)) else {
                return Vec::new();
            };
            let mut hits = Vec::new();
            let (region, base) = index.digest_text(info, buf);
            let items = info.items.clone();
            let mut next = 0;
            let item_slice = |i: usize| {
                let (off, len) = index.text_range(i);
                let start = (off - base) as usize;
                region.get(start..start + len as usize).unwrap_or(&[])
            };
            let accept = |i: usize, text: &[u8]| {
                let (category, unified) = index.category_ids(i);
                // The first term is where the scan found the story; the others are checked.
                (label_ok(category) || label_ok(unified))
                    && terms.iter().skip(1).all(|t| t.is_in(text))
                    && !excluded.iter().any(|t| t.is_in(text))
            };
            match terms.first() {
                None => {
                    for i in items {
                        let text = item_slice(i);
                        if accept(i, text) {
                            hits.push(hit(i, text, None));
                        }
                    }
                }
                Some(first) => {
                    // One scan of the whole digest for the first term; the other terms are
                    // checked only in the stories where it occurs.
                    let starts: Vec<(usize, u64)> = items
                        .clone()
                        .map(|i| (i, index.text_range(i).0 - base))
                        .collect();
                    while let Some(m) = first.find_from(region, next) {
                        let k = starts.partition_point(|&(_, s)| s <= m.start as u64);
                        let Some(&(i, start)) = k.checked_sub(1).and_then(|k| starts.get(k)) else {
                            break;
                        };
                        let text = item_slice(i);
                        let end = start as usize + text.len();
                        if m.end <= end && accept(i, text) {
                            let local = m.start - start as usize..m.end - start as usize;
                            // The title is shown anyway: a match in the body says more.
                            let body = memchr::memchr(b'\n', text).map_or(text.len(), |n| n + 1);
                            let local = if local.start < body {
                                first.find_from(text, body).unwrap_or(local)
                            } else {
                                local
                            };
                            hits.push(hit(i, text, Some(local)));
                        }
                        next = end.max(m.start + 1);
                    }
                }
            }
            hits
        })
        .collect();
    per_digest.into_iter().flatten().collect()
}

fn hit(item: usize, text: &[u8], found: Option<Range<usize>>) -> SearchHit {
    let text = std::str::from_utf8(text).unwrap_or("");
    SearchHit {
        item,
        snippet: snippet(text, found),
    }
}

/// Up to [`SNIPPET_CONTEXT`] chars each side of the match, on one line.
fn snippet(text: &str, found: Option<Range<usize>>) -> Snippet {
    let (start, end) = match &found {
        Some(m) => (
            back_chars(text, m.start, SNIPPET_CONTEXT),
            forward_chars(text, m.end, SNIPPET_CONTEXT),
        ),
        None => {
            // No term: the start of the body (after the title line).
            let body = text.find('\n').map_or(0, |n| n + 1);
            (body, forward_chars(text, body, SNIPPET_CONTEXT * 3))
        }
    };
    let mut out = String::new();
    if start > 0 && found.is_some() {
        out.push('…');
    }
    let offset = out.len();
    out.push_str(&text[start..end].replace('\n', " "));
    if end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        match_range: found.map(|m| m.start - start + offset..m.end - start + offset),
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_original_text_of_the_match() {
        let text = "标题\n前文很长很长很长很长很长很长很长很长很长很长很长很长很长很长 ＯｐｅｎＡＩ 发布新模型";
        let m = Matcher::new("openai")
            .find_from(text.as_bytes(), 0)
            .unwrap();
        let s = snippet(text, Some(m));
        let r = s.match_range.clone().unwrap();
        assert_eq!(&s.text[r], "ＯｐｅｎＡＩ");
        assert!(s.text.starts_with('…'));
        assert!(!s.text.contains('\n'));
    }

    #[test]
    fn highlights_merge_overlapping_terms() {
        let q = Query::parse("英伟 伟达 gpu");
        assert_eq!(highlights(&q.terms, "英伟达的GPU"), vec![0..9, 12..15]);
    }
}
