//! The story list of the selected date and category: marks, title, source.

use super::super::app::{App, Pane};
use super::{
    ACCENT, BOLD, DIM, OK, clean, draw_block, fit_row, list, pad_to, pane_block, put_line,
};
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Items;
    let title = format!("新闻 Stories · {}", clean(app.category().label()));
    let inner = draw_block(buf, area, pane_block(&title, focused, area.width, opts));
    app.view.items_height = usize::from(inner.height);
    if app.items().is_empty() {
        let line = Line::styled("no stories in this digest", DIM);
        put_line(buf, inner.x, inner.y, &line, inner.width, opts);
        return;
    }
    let width = usize::from(inner.width);
    // The source column: as wide as the widest source, at most a quarter of the row.
    let source_w = app
        .items()
        .iter()
        .map(|&r| text::str_width(&clean(&app.item_at(r).0.source), opts))
        .max()
        .unwrap_or(0)
        .min(width / 4);
    let mut offset = app.view.offsets[2];
    let app_ref = &*app;
    let rows = list::Rows {
        len: app_ref.items().len(),
        selected: app_ref.item_index(),
        focused,
    };
    list::draw(buf, inner, rows, &mut offset, opts, |i, width| {
        let (digest, item) = app_ref.item_at(app_ref.items()[i]);
        let read = app_ref.is_read(item);
        let bookmark = if app_ref.is_bookmarked(item) {
            Span::styled("★", ACCENT)
        } else {
            Span::raw(" ")
        };
        let read_mark = if read {
            Span::styled("✓ ", OK)
        } else {
            Span::raw("  ")
        };
        let source = clean(&digest.source);
        let source = pad_to(&text::truncate(&source, source_w, opts), source_w, opts);
        fit_row(
            vec![list::marker(i == app_ref.item_index()), bookmark, read_mark],
            &clean(&item.title),
            if read { DIM } else { BOLD },
            vec![Span::styled(source, DIM)],
            width,
            opts,
        )
    });
    app.view.offsets[2] = offset;
}
