//! What a terminal below the minimum size shows instead of the reader.

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::{ACCENT, put_line};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

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
    // Too few rows for the whole sentence: that it is too small and the size needed (tester
    // DS: at 12×4 the size alone said nothing of why), else the size, which says the most.
    let rows = usize::from(area.height);
    let size = format!("≥ {MIN_WIDTH}×{MIN_HEIGHT}");
    let mut lines = wrap(message);
    if lines.len() > rows {
        // Said short only with the size on one row of it.
        let whole = |l: &Line| l.spans.iter().map(|s| &*s.content).collect::<String>();
        let short = wrap(format!("too small: need {size}"));
        lines = match short.len() <= rows && short.iter().any(|l| whole(l).contains(&size)) {
            true => short,
            false => wrap(size),
        };
    }
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (line, y) in lines.iter().zip(area.y + top..area.bottom()) {
        let w = text::line_width(line, opts) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put_line(buf, x, y, line, area.right() - x, opts);
    }
}
