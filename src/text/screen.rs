//! Getting ambiguous-width glyphs onto a ratatui buffer with columns aligned.
//!
//! ratatui measures every ambiguous character as 1 cell; a CJK-configured terminal draws it in
//! 2. Text is therefore padded with one space per ambiguous grapheme before drawing, so ratatui
//! reserves the 2 cells, and after drawing the glyph's cell is marked as 2 wide so the padding
//! cell is never written (see the module docs of [`crate::text`]).

use std::borrow::Cow;
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::TextOptions;
use super::width::{graphemes, is_ambiguous};

/// `s` with a padding space after every ambiguous grapheme, in ambiguous-wide mode; otherwise
/// `s` unchanged (borrowed).
pub fn pad_ambiguous(s: &str, opts: TextOptions) -> Cow<'_, str> {
    if !opts.ambiguous_wide || !graphemes(s).any(|(_, g)| is_ambiguous(g, opts)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (_, g) in graphemes(s) {
        out.push_str(g);
        if is_ambiguous(g, opts) {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

/// A line ready for a ratatui buffer: [`pad_ambiguous`] applied to each span, styles kept.
pub fn pad_line<'a>(line: &Line<'a>, opts: TextOptions) -> Line<'a> {
    let spans: Vec<Span<'a>> = line
        .spans
        .iter()
        .map(|span| match pad_ambiguous(&span.content, opts) {
            Cow::Borrowed(_) => span.clone(),
            Cow::Owned(padded) => Span::styled(padded, span.style),
        })
        .collect();
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

const TWO_CELLS: CellDiffOption = CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap());

/// After a frame is drawn from padded text, marks each ambiguous glyph in `area` as 2 cells
/// wide (`CellDiffOption::ForcedWidth(2)`), so the buffer diff skips the cell it covers and the
/// backend positions the next cell explicitly. No-op unless `opts.ambiguous_wide`.
///
/// The covered cell is normally the padding space from [`pad_line`]. Text that skipped padding
/// loses the one cell the wide glyph covers, but columns stay aligned. A glyph in the last
/// column of `area` has no room to be wide; it is replaced by an ASCII look-alike for box
/// drawing (`-`, `|`, `+`) or a space.
pub fn widen_ambiguous_cells(buf: &mut Buffer, area: Rect, opts: TextOptions) {
    if !opts.ambiguous_wide {
        return;
    }
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &mut buf[(x, y)];
            if cell.diff_option != CellDiffOption::None || !is_ambiguous(cell.symbol(), opts) {
                x += 1;
                continue;
            }
            if x + 1 < area.right() {
                cell.set_diff_option(TWO_CELLS);
                x += 2;
            } else {
                let narrow = narrow_fallback(cell.symbol());
                cell.set_symbol(narrow);
                x += 1;
            }
        }
    }
}

/// Stands in the cell a [composed](mark_composed_cells) two-column grapheme covers: never
/// drawn, and unlike what any frame puts there.
const COVERED: &str = "\u{200B}";

/// After a frame is drawn, marks the cell each grapheme of narrow characters drawn side by
/// side covers (Thai `คำ`, a consonant and SARA AM, two columns), so that the next frame's
/// diff writes over it. ratatui takes such a grapheme for a wide glyph, which a terminal
/// erases whole when its first column is written; the second character stays instead, left on
/// screen until a full repaint (tester CN: a `ำ` on blank rows).
pub fn mark_composed_cells(buf: &mut Buffer, area: Rect) {
    use unicode_width::UnicodeWidthChar;
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let symbol = buf[(x, y)].symbol();
            // (Not an emoji's presentation form, U+FE0F: ratatui's diff writes the cell
            // after it, and the marker would be drawn; the reader's text has none.)
            let composed = symbol.chars().nth(1).is_some()
                && !symbol.contains('\u{FE0F}')
                && symbol.chars().all(|c| c.width().unwrap_or(0) <= 1)
                && ratatui::buffer::CellWidth::cell_width(symbol) >= 2;
            if composed && buf[(x + 1, y)].symbol() == " " {
                buf[(x + 1, y)].set_symbol(COVERED);
            }
        }
    }
}

fn narrow_fallback(symbol: &str) -> &'static str {
    match symbol.chars().next() {
        Some('─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═') => "-",
        Some('│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║') => "|",
        Some('\u{2500}'..='\u{257F}') => "+",
        _ => " ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cell a Thai `คำ` covers is written by the next frame's diff, where a plain
    /// blank would leave its `ำ` on screen.
    #[test]
    fn the_cell_a_composed_grapheme_covers_is_written_over() {
        let area = Rect::new(0, 0, 6, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "aคำb", ratatui::style::Style::new());
        assert_eq!(before[(1, 0)].symbol(), "คำ");
        mark_composed_cells(&mut before, area);
        let mut after = Buffer::empty(area);
        after.set_string(0, 0, "a", ratatui::style::Style::new());
        let written: Vec<u16> = before.diff(&after).iter().map(|&(x, _, _)| x).collect();
        assert!(written.contains(&2), "{written:?}");
        // A wide glyph of its own (`中`) is erased whole by the terminal: nothing marked.
        let mut wide = Buffer::empty(area);
        wide.set_string(0, 0, "a中b", ratatui::style::Style::new());
        mark_composed_cells(&mut wide, area);
        assert_eq!(wide[(2, 0)].symbol(), " ");
    }
}
