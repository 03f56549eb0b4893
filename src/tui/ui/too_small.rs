//! What a terminal below the minimum size shows instead of the reader.

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::{ACCENT, put_line};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, opts: TextOptions) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let message = format!(
        "enlarge the terminal (need ≥ {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{})",
        area.width, area.height
    );
    let wrap = |message: String| {
        text::wrap(
            &[Span::styled(message, ACCENT)],
            usize::from(area.width),
            opts,
        )
    };
    let mut lines = wrap(message);
    // Too few rows for the whole sentence: the size needed, which says the most.
    if lines.len() > usize::from(area.height) {
        lines = wrap(format!("≥ {MIN_WIDTH}×{MIN_HEIGHT}"));
    }
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (line, y) in lines.iter().zip(area.y + top..area.bottom()) {
        let w = text::line_width(line, opts) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put_line(buf, x, y, line, area.right() - x, opts);
    }
}
