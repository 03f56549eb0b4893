//! Markdown tables: columns aligned by display width, shrunk to fit by wrapping cells.

use pulldown_cmark::Alignment;
use ratatui::text::{Line, Span};

use super::TextOptions;
use super::chars::is_cjk;
use super::theme::{MARK, TABLE_HEADER};
use super::width::{line_width, str_width};
use super::wrap::wrap;

/// A word of Latin letters or digits in a cell up to this wide keeps its column at least as
/// wide (`ExampleCloud`, `1,000,000` are not cut); a longer one (a link) may be cut.
const MAX_KEPT_WORD: usize = 14;

/// Narrowest a column is shrunk to: three CJK characters or a short word.
const MIN_COLUMN: usize = 6;

/// A table collected from parser events; the first row is the header.
#[derive(Default)]
pub(super) struct Table {
    pub(super) aligns: Vec<Alignment>,
    pub(super) rows: Vec<Vec<Vec<Span<'static>>>>,
}

impl Table {
    /// Lines of the table, each at most `width` columns. Boxed when every column can keep
    /// [`MIN_COLUMN`] columns (or its natural width if less); otherwise each row is listed as
    /// `header：value` lines, which reads better than slivers of cells.
    pub(super) fn render(mut self, width: usize, opts: TextOptions) -> Vec<Line<'static>> {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return Vec::new();
        }
        if let Some(header) = self.rows.first_mut() {
            for cell in header.iter_mut().flatten() {
                cell.style = TABLE_HEADER.patch(cell.style);
            }
        }
        for row in &mut self.rows {
            row.resize(cols, Vec::new());
        }
        match self.column_widths(cols, width, opts) {
            Some(widths) => self.boxed(&widths, opts),
            None => self.stacked(width, opts),
        }
    }

    /// Column content widths that fit `width` with borders, or `None` if even the narrowest
    /// do not. A column is no narrower than [`MIN_COLUMN`], its header's widest word (see
    /// [`word_ends`]) or its cells' widest Latin word up to [`MAX_KEPT_WORD`]: a header cut
    /// mid-word (`代表模` over `型`) reads worse than
    /// the `header：value` lines. Ambiguous-wide mode draws `─` 2 columns wide, so columns
    /// get even widths there.
    fn column_widths(&self, cols: usize, width: usize, opts: TextOptions) -> Option<Vec<usize>> {
        let step = str_width("─", opts);
        let border = str_width("│", opts);
        let round = |w: usize| w.div_ceil(step) * step;
        let header = &self.rows[0];
        let (mut widths, floors): (Vec<usize>, Vec<usize>) = (0..cols)
            .map(|c| {
                let natural = self
                    .rows
                    .iter()
                    .map(|row| cell_natural_width(&row[c], opts))
                    .max()
                    .unwrap_or(0);
                let natural = round(natural.max(1));
                let body_word = self.rows[1..]
                    .iter()
                    .map(|row| widest_latin_word(&row[c], opts))
                    .max()
                    .unwrap_or(0)
                    .min(MAX_KEPT_WORD);
                let floor = MIN_COLUMN.max(widest_word(&header[c], opts)).max(body_word);
                (natural, round(floor).min(natural))
            })
            .unzip();
        // Each cell is "│ " + content + " ", plus the closing "│".
        let budget = width.checked_sub(cols * (border + 2) + border)?;
        while widths.iter().sum::<usize>() > budget {
            // Shrink the widest column that may still shrink: long cells wrap, short ones
            // stay on one line.
            let (widest, _) = widths
                .iter()
                .zip(&floors)
                .enumerate()
                .filter(|(_, (w, floor))| *w > *floor)
                .max_by_key(|&(i, (&w, _))| (w, usize::MAX - i))?;
            widths[widest] -= step;
        }
        Some(widths)
    }

    fn boxed(&self, widths: &[usize], opts: TextOptions) -> Vec<Line<'static>> {
        let rule = |left: &str, mid: &str, right: &str| {
            let step = str_width("─", opts);
            let mut s = left.to_string();
            for (i, w) in widths.iter().enumerate() {
                s.push_str(&"─".repeat((w + 2) / step));
                s.push_str(if i + 1 == widths.len() { right } else { mid });
            }
            Line::from(Span::styled(s, MARK))
        };
        // An address in a cell is broken to fit its column even where printed text keeps
        // addresses whole: one past it pushed the row's later cells and border out of line.
        let in_cell = TextOptions {
            whole_urls: false,
            ..opts
        };
        let cells: Vec<Vec<Vec<Line<'static>>>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .zip(widths)
                    .map(|(cell, &w)| match r {
                        0 => wrap(&between_words(cell, w, opts), w, in_cell),
                        _ => wrap(cell, w, in_cell),
                    })
                    .collect()
            })
            .collect();
        let multiline = cells
            .iter()
            .skip(1)
            .any(|row| row.iter().any(|c| c.len() > 1));

        let mut out = vec![rule("┌", "┬", "┐")];
        for (r, row) in cells.iter().enumerate() {
            if r == 1 || (r > 1 && multiline) {
                out.push(rule("├", "┼", "┤"));
            }
            let height = row.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut spans = vec![Span::styled("│", MARK)];
                for (c, cell) in row.iter().enumerate() {
                    let content = cell.get(k).cloned().unwrap_or_default();
                    let pad = widths[c].saturating_sub(line_width(&content, opts));
                    let (before, after) = match self.aligns.get(c) {
                        Some(Alignment::Right) => (pad, 0),
                        Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                        _ => (0, pad),
                    };
                    spans.push(Span::raw(" ".repeat(before + 1)));
                    spans.extend(content.spans);
                    spans.push(Span::raw(" ".repeat(after + 1)));
                    spans.push(Span::styled("│", MARK));
                }
                out.push(Line::from(spans));
            }
        }
        out.push(rule("└", "┴", "┘"));
        out
    }

    /// Too many columns for the width: each body row becomes `header：value` lines.
    fn stacked(&self, width: usize, opts: TextOptions) -> Vec<Line<'static>> {
        let (header, body) = self.rows.split_first().expect("render checked for rows");
        if body.is_empty() {
            return header
                .iter()
                .flat_map(|cell| wrap(cell, width, opts))
                .collect();
        }
        let mut out = Vec::new();
        for (r, row) in body.iter().enumerate() {
            if r > 0 {
                out.push(Line::from(Span::styled(
                    "─".repeat(width / str_width("─", opts)),
                    MARK,
                )));
            }
            for (name, value) in header.iter().zip(row) {
                let mut spans = name.clone();
                let cjk = spans
                    .last()
                    .and_then(|s| s.content.chars().next_back())
                    .is_some_and(is_cjk);
                spans.push(Span::styled(if cjk { "：" } else { ": " }, TABLE_HEADER));
                spans.extend(value.iter().cloned());
                out.extend(wrap(&spans, width, opts));
            }
        }
        out
    }
}

/// A header cell with line breaks put between its words where it is wider than `width`, so
/// that no word is cut ([`Table::column_widths`] keeps every column as wide as its header's
/// widest word); wrapping would cut a CJK run anywhere.
fn between_words(cell: &[Span<'static>], width: usize, opts: TextOptions) -> Vec<Span<'static>> {
    let text = cell_text(cell);
    // Where lines break, packing words greedily: a space there becomes the line break, else
    // one goes in.
    let mut breaks: Vec<(usize, bool)> = Vec::new();
    let (mut line, mut start) = (0, 0);
    for end in word_ends(&text) {
        let word = &text[start..end];
        if line > 0 && line + str_width(word.trim_end(), opts) > width {
            breaks.push(match text[..start].ends_with(' ') {
                true => (start - 1, true),
                false => (start, false),
            });
            line = 0;
        }
        line += str_width(word, opts);
        start = end;
    }
    let mut at = 0;
    cell.iter()
        .map(|span| {
            let end = at + span.content.len();
            let mut content = String::with_capacity(span.content.len() + 1);
            let mut copied = at;
            for &(b, space) in breaks.iter().filter(|(b, _)| (at..end).contains(b)) {
                content.push_str(&text[copied..b]);
                content.push('\n');
                copied = b + usize::from(space);
            }
            content.push_str(&text[copied..end]);
            at = end;
            Span::styled(content, span.style)
        })
        .collect()
}

/// Where the words of a cell end: the line break opportunities of Unicode's line breaking
/// rules, but for those inside a run of CJK letters, which is one word here (`输入价格（元/`
/// ends after `格` and after `/`).
fn word_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let letter = |c: Option<char>| c.is_some_and(|c| is_cjk(c) && c.is_alphanumeric());
    unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !(letter(text[..at].chars().next_back()) && letter(text[at..].chars().next()))
        })
}

/// Width of the widest word of a cell (see [`word_ends`]).
fn widest_word(cell: &[Span<'_>], opts: TextOptions) -> usize {
    let text = cell_text(cell);
    let mut start = 0;
    word_ends(&text)
        .map(|end| {
            let word = &text[start..end];
            start = end;
            str_width(word.trim_end(), opts)
        })
        .max()
        .unwrap_or(0)
}

/// Width of the widest run of a cell without a space or a CJK character (which lines may
/// break between).
fn widest_latin_word(cell: &[Span<'_>], opts: TextOptions) -> usize {
    let text = cell_text(cell);
    text.split(|c: char| c.is_whitespace() || is_cjk(c))
        .map(|w| str_width(w, opts))
        .max()
        .unwrap_or(0)
}

/// A cell's text, its spans one after another.
fn cell_text(cell: &[Span<'_>]) -> String {
    cell.iter().map(|s| s.content.as_ref()).collect()
}

/// Width of a cell's longest hard line (`<br>` inside cells becomes `'\n'`).
fn cell_natural_width(cell: &[Span<'_>], opts: TextOptions) -> usize {
    let text = cell_text(cell);
    text.split('\n')
        .map(|l| str_width(l, opts))
        .max()
        .unwrap_or(0)
}
