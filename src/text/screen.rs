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

fn narrow_fallback(symbol: &str) -> &'static str {
    match symbol.chars().next() {
        Some('─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═') => "-",
        Some('│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║') => "|",
        Some('\u{2500}'..='\u{257F}') => "+",
        _ => " ",
    }
}
