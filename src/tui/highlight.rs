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

/// Marks `terms` in each row of `lines`.
pub fn mark(lines: &[Line<'static>], terms: &[String], style: Style, opts: TextOptions) -> Marked {
    let mut out = Marked {
        lines: Vec::with_capacity(lines.len()),
        matches: Vec::new(),
    };
    let highlighter = crate::search::Highlighter::new(terms);
    for (n, line) in lines.iter().enumerate() {
        let joined: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let ranges = highlighter.ranges(&joined);
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
