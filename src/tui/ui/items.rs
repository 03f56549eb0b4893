//! The story list of the scope and category: marks and title, under a header row per date
//! (in a multi-date scope) and per publication (when the list holds several).

use super::super::app::{App, Pane};
use super::super::scope::HeaderKind;
use super::{
    ACCENT, BOLD, DIM, FOCUS, INFERRED_MARK, OK, draw_block, fit_row, list, pane_block, put_line,
};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// What a row of the list is: a header (index into the app's headers) or a story (index
/// into the items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemRow {
    Header(usize),
    Item(usize),
}

/// Rows of the list: the items and their headers.
pub(crate) fn row_count(app: &App) -> usize {
    app.items().len() + app.headers().len()
}

/// The row showing item `item`.
pub(crate) fn row_of_item(app: &App, item: usize) -> usize {
    item + app.headers().partition_point(|h| h.start <= item)
}

/// The row of the first header above item `item`, or its own row when it has none.
pub(crate) fn first_header_row(app: &App, item: usize) -> usize {
    item + app.headers().partition_point(|h| h.start < item)
}

/// What row `row` shows.
pub(crate) fn row_at(app: &App, row: usize) -> ItemRow {
    let headers = app.headers();
    // Header `k` is on row `start + k`, rising with `k`: a binary search for the last one at
    // or above `row`.
    let (mut lo, mut hi) = (0, headers.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if headers[mid].start + mid <= row {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    match lo.checked_sub(1) {
        None => ItemRow::Item(row),
        Some(k) if headers[k].start + k == row => ItemRow::Header(k),
        Some(k) => ItemRow::Item(row - k - 1),
    }
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Items;
    let title = format!(
        "新闻 Stories · {}",
        text::single_line(&app.category().describe())
    );
    let inner = draw_block(buf, area, pane_block(&title, focused, area.width, opts));
    let resized = list::resized(&mut app.view.items_height, inner);
    if app.items().is_empty() {
        let empty = if app.dates().is_empty() {
            "还没有新闻 / no stories yet".to_string()
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
    let show_inferred = app.category().is_unified();
    let selected = row_of_item(app, app.item_index());
    let mut offset = app.view.offsets[2];
    // The headers right above the selected story stay in view with it.
    if offset >= selected {
        offset = first_header_row(app, app.item_index());
    }
    let app_ref = &*app;
    let rows = list::Rows {
        len: row_count(app_ref),
        selected,
        focused,
        centred: resized,
    };
    list::draw(
        buf,
        inner,
        rows,
        &mut offset,
        opts,
        |row, width| match row_at(app_ref, row) {
            ItemRow::Header(k) => match app_ref.headers()[k].kind {
                HeaderKind::Date(s) => separator(app_ref, s, width, opts),
                HeaderKind::Source { digest, len } => {
                    source_header(app_ref, digest, len, width, opts)
                }
            },
            ItemRow::Item(i) => item_row(app_ref, i, show_inferred, width, opts),
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

/// `AI每日热点 · 35`: whose stories follow.
fn source_header(
    app: &App,
    digest: usize,
    len: usize,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let source = text::single_line(&app.library().digests()[digest].source);
    let count = format!(" · {len}");
    let room = width.saturating_sub(text::str_width(&count, opts) + 1);
    Line::from(vec![
        Span::raw(" "),
        Span::styled(
            text::truncate(&source, room, opts).into_owned(),
            FOCUS.add_modifier(Modifier::BOLD),
        ),
        Span::styled(count, DIM),
    ])
}

fn item_row(
    app: &App,
    i: usize,
    show_inferred: bool,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let (_, item) = app.item_at(app.items()[i]);
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
    fit_row(
        vec![
            list::marker(i == app.item_index()),
            bookmark,
            read_mark,
            inferred_mark,
        ],
        &text::single_line(item.title),
        if read { DIM } else { BOLD },
        Vec::new(),
        width,
        opts,
    )
}
