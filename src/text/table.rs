//! Markdown tables: columns aligned by display width, shrunk to fit by wrapping cells.

use pulldown_cmark::Alignment;
use ratatui::text::{Line, Span};

use super::TextOptions;
use super::chars::is_cjk;
use super::theme::{MARK, TABLE_HEADER};
use super::width::{line_width, str_width};
use super::wrap::wrap;

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

    /// Column content widths that fit `width` with borders, or `None` if even the minimum
    /// does not. Ambiguous-wide mode draws `─` 2 columns wide, so columns get even widths there.
    fn column_widths(&self, cols: usize, width: usize, opts: TextOptions) -> Option<Vec<usize>> {
        let step = str_width("─", opts);
        let border = str_width("│", opts);
        let round = |w: usize| w.div_ceil(step) * step;
        let mut widths: Vec<usize> = (0..cols)
            .map(|c| {
                let natural = self
                    .rows
                    .iter()
                    .map(|row| cell_natural_width(&row[c], opts))
                    .max()
                    .unwrap_or(0);
                round(natural.max(1))
            })
            .collect();
        // Each cell is "│ " + content + " ", plus the closing "│".
        let budget = width.checked_sub(cols * (border + 2) + border)?;
        let min = round(MIN_COLUMN);
        while widths.iter().sum::<usize>() > budget {
            // Shrink the widest column: long cells wrap, short ones stay on one line.
            let (widest, &w) = widths
                .iter()
                .enumerate()
                .max_by_key(|&(i, &w)| (w, usize::MAX - i))?;
            if w < min + step {
                return None;
            }
            widths[widest] = w - step;
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
        let cells: Vec<Vec<Vec<Line<'static>>>> = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(widths)
                    .map(|(cell, &w)| wrap(cell, w, opts))
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

/// Width of a cell's longest hard line (`<br>` inside cells becomes `'\n'`).
fn cell_natural_width(cell: &[Span<'_>], opts: TextOptions) -> usize {
    let text: String = cell.iter().map(|s| s.content.as_ref()).collect();
    text.split('\n')
        .map(|l| str_width(l, opts))
        .max()
        .unwrap_or(0)
}
