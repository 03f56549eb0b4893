//! The category pane: `全部 / All` and each category of the current date with its count.

use super::super::app::{App, Pane};
use super::{DIM, clean, draw_block, fit_row, list, pane_block};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Categories;
    let inner = draw_block(
        buf,
        area,
        pane_block("分类 Categories", focused, area.width, opts),
    );
    app.view.categories_height = usize::from(inner.height);
    let mut offset = app.view.offsets[1];
    let app_ref = &*app;
    let rows = list::Rows {
        len: app_ref.categories().len(),
        selected: app_ref.category_index(),
        focused,
    };
    list::draw(buf, inner, rows, &mut offset, opts, |i, width| {
        let (filter, count) = &app_ref.categories()[i];
        fit_row(
            vec![list::marker(i == app_ref.category_index())],
            &clean(filter.label()),
            Style::new(),
            vec![Span::styled(count.to_string(), DIM)],
            width,
            opts,
        )
    });
    app.view.offsets[1] = offset;
}
