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

/// One match on screen: its row and display columns, and the rows it goes on to when
/// wrapping split it (the current match was marked as current on its first row only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchPos {
    pub line: usize,
    pub cols: Range<usize>,
    pub more: Vec<(usize, Range<usize>)>,
}

impl MatchPos {
    /// Each row the match is on, with its columns there.
    pub fn rows(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        std::iter::once((self.line, self.cols.clone())).chain(self.more.iter().cloned())
    }
}

/// Rows with every occurrence of the terms styled, and where the occurrences are.
#[derive(Debug, Clone, Default)]
pub struct Marked {
    pub lines: Vec<Line<'static>>,
    pub matches: Vec<MatchPos>,
}

/// Marks `terms` in `lines` (wrapped to `width` columns), but for the `unsearched` rows
/// (taken as blank). Rows that wrapping made of one paragraph are searched as one text, so
/// an occurrence split over rows is marked on each and counted once, where it starts: the
/// count and the marks do not depend on the width.
pub fn mark(
    lines: &[Line<'static>],
    unsearched: Range<usize>,
    terms: &[String],
    style: Style,
    width: usize,
    opts: TextOptions,
) -> Marked {
    let highlighter = crate::search::Highlighter::new(terms);
    let rows: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            if unsearched.contains(&n) {
                return String::new();
            }
            line.spans.iter().map(|s| s.content.as_ref()).collect()
        })
        .collect();
    let mut styled: Vec<Vec<Range<usize>>> = vec![Vec::new(); rows.len()];
    let mut matches = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let end = (start..rows.len())
            .find(|&n| rows[n].trim().is_empty())
            .unwrap_or(rows.len())
            .max(start + 1);
        let paragraph = Paragraph::join(&rows[start..end], width, opts);
        for found in highlighter.ranges(&paragraph.text) {
            let mut at: Option<MatchPos> = None;
            for (n, part) in paragraph.parts(found) {
                let row = start + n;
                let cols = text::str_width(&rows[row][..part.start], opts)
                    ..text::str_width(&rows[row][..part.end], opts);
                match &mut at {
                    None => {
                        at = Some(MatchPos {
                            line: row,
                            cols,
                            more: Vec::new(),
                        })
                    }
                    Some(pos) => pos.more.push((row, cols)),
                }
                styled[row].push(part);
            }
            matches.extend(at);
        }
        start = end;
    }
    let lines = lines
        .iter()
        .zip(&styled)
        .map(|(line, r)| {
            if r.is_empty() {
                line.clone()
            } else {
                style_ranges(line, r, style)
            }
        })
        .collect();
    Marked { lines, matches }
}

/// Rows joined back into the text they were wrapped from: a continuation row's indent is the
/// wrap's, not text, and a break between two Latin letters stood for the space it took, but
/// where a word longer than the row was cut: its row is full and has no space of its own
/// (a shorter word goes whole to the next row first). Read as two words, each row of a long
/// run of letters began one, and matched (a match count that changed with the width).
struct Paragraph {
    text: String,
    /// Per row: where its text starts in `text`, where in the row it starts, and its length.
    rows: Vec<(usize, usize, usize)>,
}

impl Paragraph {
    fn join(rows: &[String], width: usize, opts: TextOptions) -> Paragraph {
        let mut p = Paragraph {
            text: String::new(),
            rows: Vec::with_capacity(rows.len()),
        };
        let mut word_cut = false;
        for (n, row) in rows.iter().enumerate() {
            let skip = if n == 0 {
                0
            } else {
                row.len() - row.trim_start().len()
            };
            let own = &row[skip..];
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(p.text.chars().next_back()) && latin(own.chars().next()) && !word_cut {
                p.text.push(' ');
            }
            // Only a word longer than a row is cut, and it starts a row of its own: a row
            // with a space or a Chinese character in it (`接入Gemini`) ended at a break
            // (tester BK: `Gemini` at a row's end was no match beside a Latin next row).
            word_cut = !own.contains(|c: char| c.is_whitespace() || text::is_cjk(c))
                && text::str_width(row, opts) >= width;
            p.rows.push((p.text.len(), skip, own.len()));
            p.text.push_str(own);
        }
        p
    }

    /// The pieces of `found` (a range of `text`) in each row it touches: (row, byte range in
    /// the row). The rows are found by halving, not by a walk from the first: a paragraph of
    /// 200,000 rows may hold 100,000 matches.
    fn parts(&self, found: Range<usize>) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let first = self
            .rows
            .partition_point(|&(at, _, len)| at + len <= found.start);
        self.rows[first..]
            .iter()
            .zip(first..)
            .take_while(move |&(&(at, _, _), _)| at < found.end)
            .filter_map(move |(&(at, skip, len), n)| {
                let start = found.start.max(at);
                let end = found.end.min(at + len);
                (start < end).then(|| (n, skip + start - at..skip + end - at))
            })
    }
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
            0..0,
            &terms(&["英伟达", "open source"]),
            hl,
            80,
            TextOptions::default(),
        );
        let lines: Vec<usize> = marked.matches.iter().map(|m| m.line).collect();
        assert_eq!(lines, [0, 2, 3]);
        assert_eq!(marked.matches[0].cols, 10..12);
        let rows: Vec<_> = marked.matches[0].rows().collect();
        assert_eq!(
            rows,
            [(0, 10..12), (1, 0..4)],
            "where the current one is drawn"
        );
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

    #[test]
    fn unsearched_rows_are_not_marked_and_part_paragraphs() {
        let rows = [
            Line::from("英伟达发布新卡，英"),
            Line::from("2026-01-20 · 英伟达动态"),
            Line::from("伟达称"),
        ];
        let marked = mark(
            &rows,
            1..2,
            &terms(&["英伟达"]),
            Style::new().bg(Color::Yellow),
            80,
            TextOptions::default(),
        );
        // The meta row is not looked in, and `英` + `伟达` across it is no occurrence.
        let lines: Vec<usize> = marked.matches.iter().map(|m| m.line).collect();
        assert_eq!(lines, [0]);
        assert_eq!(marked.lines[1], rows[1]);
    }

    /// `text`'s marks wrapped to `width`, and on one row.
    fn wrapped_and_whole(text: &str, width: usize, words: &[&str]) -> (Marked, Marked) {
        let opts = TextOptions::default();
        let terms = terms(words);
        let rows = text::wrap(&[Span::raw(text.to_string())], width, opts);
        let hl = Style::new().bg(Color::Yellow);
        let wrapped = mark(&rows, 0..0, &terms, hl, width, opts);
        let whole = mark(&[Line::from(text.to_string())], 0..0, &terms, hl, 200, opts);
        (wrapped, whole)
    }

    proptest::proptest! {
        /// However a paragraph wraps, it has the matches it has on one row.
        #[test]
        fn the_count_does_not_depend_on_the_width(
            text in "[英伟达的，。]{0,80}",
            width in 3usize..40,
        ) {
            let (wrapped, whole) = wrapped_and_whole(&text, width, &["英伟达", "伟达的"]);
            proptest::prop_assert_eq!(wrapped.matches.len(), whole.matches.len());
            // And the same characters are marked, whichever rows they fell on.
            let marked = |m: &Marked| -> String {
                m.lines
                    .iter()
                    .flat_map(|l| &l.spans)
                    .filter(|s| s.style.bg == Some(Color::Yellow))
                    .map(|s| s.content.as_ref())
                    .collect()
            };
            proptest::prop_assert_eq!(marked(&wrapped), marked(&whole));
        }

        /// Latin words too, where a word longer than the row is cut (`see https://…aaaa`
        /// had a match at every row of its `a`s). Rows cannot tell a word that ends just
        /// at the row's end from one cut there, so none does here.
        #[test]
        fn the_count_of_latin_words_does_not_depend_on_the_width(
            text in "(ab|ba|a|b| ){0,40}",
            width in 3usize..40,
        ) {
            proptest::prop_assume!(
                text.split(' ').all(|w| w.is_empty() || w.len() % width != 0)
            );
            let (wrapped, whole) = wrapped_and_whole(&text, width, &["ab", "ba"]);
            proptest::prop_assert_eq!(wrapped.matches.len(), whole.matches.len());
        }

        /// And Latin words among Chinese, where a row full of Chinese ends with a word.
        #[test]
        fn the_count_of_latin_words_among_chinese_does_not_depend_on_the_width(
            text in "(ab|ba|英伟|a|b| ){0,40}",
            width in 3usize..40,
        ) {
            let words = text.split(|c: char| c == ' ' || text::is_cjk(c));
            proptest::prop_assume!(words.into_iter().all(|w| w.is_empty() || w.len() % width != 0));
            let (wrapped, whole) = wrapped_and_whole(&text, width, &["ab", "ba", "英伟"]);
            proptest::prop_assert_eq!(wrapped.matches.len(), whole.matches.len());
        }
    }

    #[test]
    fn overlapping_terms_merge() {
        let found = crate::search::Highlighter::new(&terms(&["英伟", "伟达"])).ranges("英伟达发布");
        assert_eq!(found, vec![Range { start: 0, end: 9 }]);
    }

    /// Occurrences side by side are matches of their own, each a stop for `n` (tester N:
    /// `英伟达英伟达英伟达` was one).
    #[test]
    fn occurrences_side_by_side_count_apart() {
        let found =
            crate::search::Highlighter::new(&terms(&["英伟达"])).ranges("英伟达英伟达英伟达，");
        assert_eq!(found, vec![0..9, 9..18, 18..27]);
    }

    #[test]
    fn styles_across_span_boundaries() {
        let line = Line::from(vec![
            Span::raw("前文英"),
            Span::styled("伟达后文", Style::new().add_modifier(Modifier::BOLD)),
        ]);
        let hl = Style::new().bg(Color::Yellow);
        let marked = mark(
            &[line],
            0..0,
            &terms(&["英伟达"]),
            hl,
            80,
            TextOptions::default(),
        );
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
                cols: 4..10,
                more: Vec::new(),
            }]
        );
    }
}
