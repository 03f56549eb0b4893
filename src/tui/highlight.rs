//! Marking a search's terms in text already laid out for the screen, one rendered row at a
//! time, found as search finds them ([`crate::search::Highlighter`]).

use crate::text::{self, TextOptions};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

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

/// Marks `terms` in `lines`, including an occurrence that wrapping split over two rows (it
/// counts once, where it starts): the count and the marks do not depend on the width, for
/// rows at least as wide as a term.
pub fn mark(lines: &[Line<'static>], terms: &[String], style: Style, opts: TextOptions) -> Marked {
    let highlighter = crate::search::Highlighter::new(terms);
    let rows: Vec<String> = lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    // Each row's own occurrences (counted there), and what is styled in it.
    let own: Vec<Vec<Range<usize>>> = rows.iter().map(|r| highlighter.ranges(r)).collect();
    let mut styled = own.clone();
    let mut matches = Vec::new();
    let pos = |n: usize, r: Range<usize>| MatchPos {
        line: n,
        cols: text::str_width(&rows[n][..r.start], opts)..text::str_width(&rows[n][..r.end], opts),
    };
    for n in 0..rows.len() {
        matches.extend(own[n].iter().map(|r| pos(n, r.clone())));
        let Some(next) = rows.get(n + 1) else {
            continue;
        };
        for (head, tail) in across(&highlighter, &rows[n], next) {
            matches.push(pos(n, head.clone()));
            styled[n].push(head);
            styled[n + 1].push(tail);
        }
    }
    let lines = lines
        .iter()
        .zip(&styled)
        .map(|(line, r)| {
            if r.is_empty() {
                line.clone()
            } else {
                style_ranges(line, &merged(r), style)
            }
        })
        .collect();
    Marked { lines, matches }
}

/// Occurrences that start in `row` and end in `next`, the row wrapping continued it on: as
/// (the part in `row`, the part in `next`). The next row's indent is the wrap's, not text; a
/// break between two Latin letters stood for the space the wrap took.
fn across(
    highlighter: &crate::search::Highlighter,
    row: &str,
    next: &str,
) -> Vec<(Range<usize>, Range<usize>)> {
    let indent = next.len() - next.trim_start().len();
    let (Some(last), Some(first)) = (row.chars().next_back(), next[indent..].chars().next()) else {
        return Vec::new();
    };
    let gap = if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
        " "
    } else {
        ""
    };
    let joined = format!("{row}{gap}{}", &next[indent..]);
    let second = row.len() + gap.len();
    highlighter
        .ranges(&joined)
        .into_iter()
        .filter(|r| r.start < row.len() && r.end > second)
        .map(|r| (r.start..row.len(), indent..indent + r.end - second))
        .collect()
}

/// `ranges` sorted, with overlapping ones joined: what [`style_ranges`] takes.
fn merged(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold;
    use ratatui::style::{Color, Modifier};

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| fold(s)).collect()
    }

    #[test]
    fn finds_folded_terms_in_the_original_text() {
        let text = "ＯｐｅｎＡＩ 与 Open\u{200b}AI、openai 以及英伟达";
        let found = crate::search::Highlighter::new(&terms(&["OpenAI", "英伟达"])).ranges(text);
        let hits: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, ["ＯｐｅｎＡＩ", "Open\u{200b}AI", "openai", "英伟达"]);
        assert!(crate::search::Highlighter::new(&[]).ranges(text).is_empty());
        assert!(
            crate::search::Highlighter::new(&terms(&["a"]))
                .ranges("")
                .is_empty()
        );
    }

    #[test]
    fn an_occurrence_split_by_wrapping_counts_once_and_is_marked_on_both_rows() {
        let hl = Style::new().bg(Color::Yellow);
        let rows = [
            Line::from("工程师加入英"),
            Line::from("伟达的团队"),
            Line::from("  open"),
            Line::from("  source 英伟达"),
        ];
        let marked = mark(
            &rows,
            &terms(&["英伟达", "open source"]),
            hl,
            TextOptions::default(),
        );
        let lines: Vec<usize> = marked.matches.iter().map(|m| m.line).collect();
        assert_eq!(lines, [0, 2, 3]);
        assert_eq!(marked.matches[0].cols, 10..12);
        let marks = |n: usize| -> Vec<String> {
            marked.lines[n]
                .spans
                .iter()
                .filter(|s| s.style.bg == Some(Color::Yellow))
                .map(|s| s.content.to_string())
                .collect()
        };
        assert_eq!(marks(0), ["英"]);
        assert_eq!(marks(1), ["伟达"]);
        assert_eq!(marks(2), ["open"]);
        assert_eq!(marks(3), ["source", "英伟达"]);
    }

    proptest::proptest! {
        /// However a paragraph wraps (rows at least as wide as the term), each occurrence
        /// is found once.
        #[test]
        fn the_count_does_not_depend_on_the_width(
            text in "[英伟达的，。]{0,80}",
            width in 6usize..40,
        ) {
            let opts = TextOptions::default();
            let rows = text::wrap(&[Span::raw(text.clone())], width, opts);
            let marked = mark(&rows, &terms(&["英伟达"]), Style::new(), opts);
            proptest::prop_assert_eq!(marked.matches.len(), text.matches("英伟达").count());
        }
    }

    #[test]
    fn overlapping_terms_merge() {
        let found = crate::search::Highlighter::new(&terms(&["英伟", "伟达"])).ranges("英伟达发布");
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
