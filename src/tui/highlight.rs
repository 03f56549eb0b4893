//! Marking a search's terms in text already laid out for the screen: matched the way search
//! matches (Latin case-insensitive, full-width forms as half-width, zero-width characters
//! ignored — [`crate::search::fold`]), one rendered row at a time.

use crate::search::fold;
use crate::text::{self, TextOptions};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Byte ranges of `text` where any of `terms` (already folded, as in
/// [`crate::search::Query::terms`]) occurs; sorted, overlapping ones merged.
pub fn find(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let terms: Vec<&str> = terms
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its bytes the original char it came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let before = folded.len();
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            folded.push_str(&fold(c.encode_utf8(&mut buf)));
        }
        let char_range = i..i + c.len_utf8();
        origin.extend(std::iter::repeat_n(char_range, folded.len() - before));
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for term in terms {
        for (at, m) in folded.match_indices(term) {
            out.push(origin[at].start..origin[at + m.len() - 1].end);
        }
    }
    merge(out)
}

/// Sorted, with overlapping or touching ranges joined.
pub fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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

/// The line with `style` patched over the bytes in `ranges` (byte offsets into the line's
/// text, all spans joined).
pub fn style_ranges(line: &Line<'_>, ranges: &[Range<usize>], style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut offset = 0;
    for span in &line.spans {
        let content: &str = &span.content;
        let span_range = offset..offset + content.len();
        let mut cut = 0;
        for r in ranges {
            let start = r.start.max(span_range.start);
            let end = r.end.min(span_range.end);
            if start >= end {
                continue;
            }
            let (start, end) = (start - offset, end - offset);
            if start > cut {
                spans.push(Span::styled(content[cut..start].to_string(), span.style));
            }
            spans.push(Span::styled(
                content[start..end].to_string(),
                span.style.patch(style),
            ));
            cut = end;
        }
        if cut < content.len() {
            spans.push(Span::styled(content[cut..].to_string(), span.style));
        }
        offset = span_range.end;
    }
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

/// One match on screen: its row and display columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchPos {
    pub line: usize,
    pub cols: Range<usize>,
}

/// Rows with every occurrence of the terms styled, and where the occurrences are.
#[derive(Debug, Clone, Default)]
pub struct Marked {
    pub lines: Vec<Line<'static>>,
    pub matches: Vec<MatchPos>,
}

/// Marks `terms` in each row of `lines`.
pub fn mark(lines: &[Line<'static>], terms: &[String], style: Style, opts: TextOptions) -> Marked {
    let mut out = Marked {
        lines: Vec::with_capacity(lines.len()),
        matches: Vec::new(),
    };
    for (n, line) in lines.iter().enumerate() {
        let joined: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let ranges = find(&joined, terms);
        if ranges.is_empty() {
            out.lines.push(line.clone());
            continue;
        }
        for r in &ranges {
            let start = text::str_width(&joined[..r.start], opts);
            let end = start + text::str_width(&joined[r.clone()], opts);
            out.matches.push(MatchPos {
                line: n,
                cols: start..end,
            });
        }
        out.lines.push(style_ranges(line, &ranges, style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| fold(s)).collect()
    }

    #[test]
    fn finds_folded_terms_in_the_original_text() {
        let text = "ＯｐｅｎＡＩ 与 Open\u{200b}AI、openai 以及英伟达";
        let found = find(text, &terms(&["OpenAI", "英伟达"]));
        let hits: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, ["ＯｐｅｎＡＩ", "Open\u{200b}AI", "openai", "英伟达"]);
        assert!(find(text, &[]).is_empty());
        assert!(find("", &terms(&["a"])).is_empty());
    }

    #[test]
    fn overlapping_terms_merge() {
        let found = find("英伟达发布", &terms(&["英伟", "伟达"]));
        assert_eq!(found, vec![Range { start: 0, end: 9 }]);
    }

    #[test]
    fn styles_across_span_boundaries() {
        let line = Line::from(vec![
            Span::raw("前文英"),
            Span::styled("伟达后文", Style::new().add_modifier(Modifier::BOLD)),
        ]);
        let hl = Style::new().bg(Color::Yellow);
        let marked = mark(&[line], &terms(&["英伟达"]), hl, TextOptions::default());
        let spans = &marked.lines[0].spans;
        let styled: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style.bg == Some(Color::Yellow)))
            .collect();
        assert_eq!(
            styled,
            [
                ("前文", false),
                ("英", true),
                ("伟达", true),
                ("后文", false)
            ]
        );
        assert!(spans[2].style.add_modifier.contains(Modifier::BOLD));
        assert_eq!(
            marked.matches,
            [MatchPos {
                line: 0,
                cols: 4..10
            }]
        );
    }
}
