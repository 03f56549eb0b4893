//! The notice popup: what the user must read before going on (a broken state file kept
//! aside, saving stopped), whole and wrapped (scrolled with the moving keys when it does not
//! fit), until Esc, Enter or q closes it.

use super::super::app::App;
use super::layout::PopupArea;
use super::{draw_block, pane_block, scrolled_rows};
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

pub(crate) fn draw(buf: &mut Buffer, at: &PopupArea, app: &mut App) {
    let Some(notice) = app.notice() else {
        return;
    };
    let opts = app.text_options();
    let area = at.area;
    let width = at.width(area.width.saturating_sub(4).min(74));
    let content_w = super::text_width(width);
    let clean = text::sanitize(notice);
    let rows: Vec<Line> = clean
        .split('\n')
        .flat_map(|paragraph| match paragraph {
            "" => vec![Line::default()],
            _ => text::wrap(&[Span::raw(paragraph)], content_w, opts),
        })
        .collect();
    let height = at.height(rows.len() as u16 + 2);
    let popup = super::popup(buf, area, width, height);
    let inner = draw_block(
        buf,
        popup,
        pane_block("注意 Notice — Esc Enter q close", true, width, opts),
    );
    let height = usize::from(inner.height);
    let scroll = app.notice_scroll(rows.len().saturating_sub(height));
    scrolled_rows(buf, (popup, inner), &rows, scroll, opts);
}
