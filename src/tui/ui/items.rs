//! The story list of the scope and category: marks, title, source. In a multi-date scope the
//! stories are grouped under a separator row per date.

use super::super::app::{App, Pane};
use super::{
    ACCENT, BOLD, DIM, INFERRED_MARK, OK, clean, draw_block, fit_row, list, pad_to, pane_block,
    put_line,
};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// What a row of the list is: a date separator (index into the date spans) or a story
/// (index into the items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemRow {
    Date(usize),
    Item(usize),
}

/// Rows of the list: the items, plus one separator per date span.
pub(crate) fn row_count(app: &App) -> usize {
    app.items().len() + app.date_spans().len()
}

/// The row showing item `item`.
pub(crate) fn row_of_item(app: &App, item: usize) -> usize {
    item + app.span_of_item(item).map_or(0, |s| s + 1)
}

/// What row `row` shows.
pub(crate) fn row_at(app: &App, row: usize) -> ItemRow {
    let spans = app.date_spans();
    if spans.is_empty() {
        return ItemRow::Item(row);
    }
    // The last span whose separator row (its start plus the separators above it) is at or
    // above `row`: a binary search over the span index.
    let (mut lo, mut hi) = (0, spans.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if spans[mid].start + mid <= row {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let s = lo.saturating_sub(1);
    let separator = spans[s].start + s;
    if row == separator {
        ItemRow::Date(s)
    } else {
        ItemRow::Item(row - s - 1)
    }
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Items;
    let title = format!("新闻 Stories · {}", clean(&app.category().describe()));
    let inner = draw_block(buf, area, pane_block(&title, focused, area.width, opts));
    app.view.items_height = usize::from(inner.height);
    if app.items().is_empty() {
        let empty = if app.dates().is_empty() {
            "no stories yet".to_string()
        } else if app.scope().is_multi_date() {
            format!("no stories in {}", app.scope_label())
        } else if app.current_date().is_some_and(|g| {
            g.digests
                .iter()
                .any(|&d| app.library().digests()[d].pending)
        }) {
            "being indexed — the stories appear in a moment".to_string()
        } else {
            "no stories in this digest".to_string()
        };
        for (line, y) in text::wrap(&[Span::styled(empty, DIM)], usize::from(inner.width), opts)
            .iter()
            .zip(inner.y..inner.bottom())
        {
            put_line(buf, inner.x, y, line, inner.width, opts);
        }
        return;
    }
    let width = usize::from(inner.width);
    // The source column: as wide as the widest source, at most a quarter of the row.
    let source_w = app.source_width().min(width / 4);
    let show_inferred = app.category().is_unified();
    let selected = row_of_item(app, app.item_index());
    let mut offset = app.view.offsets[2];
    // The date separator above the selected story stays in view with it.
    if selected > 0 && matches!(row_at(app, selected - 1), ItemRow::Date(_)) && offset >= selected {
        offset = selected - 1;
    }
    let app_ref = &*app;
    let rows = list::Rows {
        len: row_count(app_ref),
        selected,
        focused,
    };
    list::draw(
        buf,
        inner,
        rows,
        &mut offset,
        opts,
        |row, width| match row_at(app_ref, row) {
            ItemRow::Date(s) => separator(app_ref, s, width, opts),
            ItemRow::Item(i) => item_row(app_ref, i, source_w, show_inferred, width, opts),
        },
    );
    app.view.offsets[2] = offset;
}

/// `── 2026-01-24 周六 · 5 ─────────`
fn separator(app: &App, span: usize, width: usize, opts: TextOptions) -> Line<'static> {
    let span = app.date_spans()[span];
    let date = super::dates::date_with_weekday(app.dates()[span.group].date);
    let rule = if opts.ambiguous_wide { "-" } else { "─" };
    let label = format!("{rule}{rule} {date} · {} ", span.len);
    let label = text::truncate(&label, width, opts).into_owned();
    let n =
        width.saturating_sub(text::str_width(&label, opts)) / text::str_width(rule, opts).max(1);
    Line::from(vec![
        Span::styled(label, ACCENT.remove_modifier(Modifier::BOLD)),
        Span::styled(rule.repeat(n), DIM),
    ])
}

fn item_row(
    app: &App,
    i: usize,
    source_w: usize,
    show_inferred: bool,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let (digest, item) = app.item_at(app.items()[i]);
    let read = app.is_read(&item);
    let bookmark = if app.is_bookmarked(&item) {
        Span::styled("★", ACCENT)
    } else {
        Span::raw(" ")
    };
    let read_mark = if read {
        Span::styled("✓", OK)
    } else {
        Span::raw(" ")
    };
    let inferred = show_inferred && item.unified_inferred;
    let inferred_mark = if inferred {
        Span::styled(INFERRED_MARK, DIM)
    } else {
        Span::raw(" ")
    };
    let source = clean(&digest.source);
    let source = pad_to(&text::truncate(&source, source_w, opts), source_w, opts);
    fit_row(
        vec![
            list::marker(i == app.item_index()),
            bookmark,
            read_mark,
            inferred_mark,
        ],
        &clean(item.title),
        if read { DIM } else { BOLD },
        vec![Span::styled(source, DIM)],
        width,
        opts,
    )
}
