//! Drawing a list of rows with a highlighted, always visible selection.

use super::{FOCUS, MATCH, put_line};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

/// The selection marker in front of every row (blank when not selected), so the selection
/// shows without colour.
pub(crate) fn marker(selected: bool) -> Span<'static> {
    if selected {
        Span::styled("› ", FOCUS.add_modifier(Modifier::BOLD))
    } else {
        Span::raw("  ")
    }
}

/// The style laid over the selected row: its text in full, not faint where it is secondary
/// (a read title), as it was in white over grey (a review).
pub(crate) fn highlight(focused: bool) -> Style {
    let bar = match focused {
        true => Color::Blue,
        false => Color::DarkGray,
    };
    Style::new()
        .bg(bar)
        .fg(Color::White)
        .remove_modifier(Modifier::DIM)
}

/// A list to draw: how many rows, which one is selected, whether its pane has the focus.
pub(crate) struct Rows {
    pub len: usize,
    pub selected: usize,
    pub focused: bool,
    /// The selection, when out of sight, is shown mid-list rather than at its edge.
    pub centred: bool,
}

/// Stores `area`'s height in `stored`, the pane's height at its last draw, saying whether it
/// changed since a draw before: a pane made shorter around a selection that goes out of
/// sight shows it mid-list, not on its last row with nothing after it.
pub(crate) fn resized(stored: &mut usize, area: Rect) -> bool {
    let height = usize::from(area.height);
    let changed = *stored != 0 && *stored != height;
    *stored = height;
    changed
}

/// Draws the visible rows of a list into `area`, moving `offset` (the first visible row) so
/// that the selection is visible. `row(i, width)` builds row `i`; only visible rows are built.
/// When the rows do not all fit, a scrollbar runs down the column right of `area` (its pane's
/// border), so rows out of sight are not taken for none.
pub(crate) fn draw(
    buf: &mut Buffer,
    area: Rect,
    rows: Rows,
    offset: &mut usize,
    opts: TextOptions,
    mut row: impl FnMut(usize, usize) -> Line<'static>,
) {
    let Rows {
        len,
        selected,
        focused,
        centred,
    } = rows;
    let height = usize::from(area.height);
    if height == 0 || area.width == 0 || len == 0 {
        return;
    }
    let out_of_sight = selected < *offset || selected >= *offset + height;
    if out_of_sight && centred {
        *offset = selected.saturating_sub(height / 2);
    } else if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
    *offset = (*offset).min(len.saturating_sub(height));
    let track = Rect {
        x: area.right(),
        width: 1,
        ..area
    };
    super::scroll_thumb(buf, track, len, height, *offset, opts);
    for (i, y) in (*offset..len.min(*offset + height)).zip(area.y..) {
        let line = row(i, usize::from(area.width));
        put_line(buf, area.x, y, &line, area.width, opts);
        if i == selected {
            highlight_row(buf, area.x, y, area.width, &line, focused, opts);
        }
    }
}

/// Whether a span is a search match (see [`MATCH`]).
pub(crate) fn is_match(span: &Span<'_>) -> bool {
    span.style.bg == MATCH.bg
}

/// Lays the selection's style over a drawn row, then the match style again over its matches
/// (so the marks stay visible on the selected result).
pub(crate) fn highlight_row(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    line: &Line<'_>,
    focused: bool,
    opts: TextOptions,
) {
    buf.set_style(
        Rect {
            x,
            y,
            width,
            height: 1,
        },
        highlight(focused),
    );
    let mut col = 0usize;
    for span in &line.spans {
        let w = text::str_width(&span.content, opts);
        if is_match(span) && col < usize::from(width) {
            let start = x + col as u16;
            let w = w.min(usize::from(width) - col) as u16;
            buf.set_style(
                Rect {
                    x: start,
                    y,
                    width: w,
                    height: 1,
                },
                MATCH,
            );
        }
        col += w;
    }
}
