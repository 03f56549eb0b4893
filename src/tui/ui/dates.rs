//! The date list: each date with its weekday, digests / items, and unread count.

use super::super::app::{App, Pane};
use super::{ACCENT, BOLD, DIM, OK, draw_block, fit_row, list, pane_block, put_line};
use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/// `2026-01-20 周二`, or `undated`.
pub(crate) fn date_with_weekday(date: Option<NaiveDate>) -> String {
    match date {
        Some(d) => format!(
            "{d} {}",
            WEEKDAYS[d.weekday().num_days_from_monday() as usize]
        ),
        None => crate::model::UNDATED.to_string(),
    }
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    if app.scope().is_multi_date() {
        return draw_spans(buf, area, app);
    }
    let opts = app.text_options();
    let focused = app.focus() == Pane::Dates;
    let block = pane_block("日期 Dates · 份/条 · 未读", focused, area.width, opts);
    let inner = draw_block(buf, area, block);
    let resized = list::resized(&mut app.view.dates_height, inner);
    if app.dates().is_empty() {
        let line = Line::styled(crate::tui::app::NO_DIGESTS, DIM);
        put_line(buf, inner.x, inner.y, &line, inner.width, opts);
        return;
    }
    let mut offset = app.view.offsets[0];
    let centred = std::mem::take(&mut app.view.centre_date) || resized;
    let app_ref = &*app;
    let rows = list::Rows {
        len: app_ref.dates().len(),
        selected: app_ref.date_index(),
        focused,
        centred,
    };
    list::draw(buf, inner, rows, &mut offset, opts, |i, width| {
        let group = &app_ref.dates()[i];
        let (items, unread) = app_ref.date_counts(group);
        // A date with files still being indexed has no story count yet.
        let pending = app_ref.date_pending(group);
        let items = if pending {
            "…".to_string()
        } else {
            items.to_string()
        };
        let counts = format!("{:>6}", format!("{}/{items}", group.digests.len()));
        let unread = (!pending).then_some(unread);
        date_row(
            group.date,
            i == app_ref.date_index(),
            counts,
            unread,
            width,
            opts,
        )
    });
    app.view.offsets[0] = offset;
}

/// A multi-date scope: only the dates with stories in the category, with their counts.
fn draw_spans(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Dates;
    let block = pane_block("日期 Dates · 条 · 未读", focused, area.width, opts);
    let inner = draw_block(buf, area, block);
    let resized = list::resized(&mut app.view.dates_height, inner);
    if app.date_spans().is_empty() {
        let line = Line::styled("no stories in scope", DIM);
        put_line(buf, inner.x, inner.y, &line, inner.width, opts);
        return;
    }
    let selected = app.span_index();
    let mut offset = app.view.offsets[0];
    let centred = std::mem::take(&mut app.view.centre_date) || resized;
    let app_ref = &*app;
    let rows = list::Rows {
        len: app_ref.date_spans().len(),
        selected: selected.unwrap_or(0),
        focused,
        centred,
    };
    list::draw(buf, inner, rows, &mut offset, opts, |i, width| {
        let span = app_ref.date_spans()[i];
        let (items, unread) = app_ref.span_counts(&span);
        let group = &app_ref.dates()[span.group];
        // A date with files still being indexed: its stories so far, as the other counts
        // say them (tester BQ: `9` grew to 39 unmarked).
        let pending = app_ref.date_pending(group);
        date_row(
            group.date,
            Some(i) == selected,
            format!("{:>6}", super::status::pending_count(items, pending)),
            (!pending).then_some(unread),
            width,
            opts,
        )
    });
    app.view.offsets[0] = offset;
}

/// `› 2026-01-24 周六   1/11  10`
fn date_row(
    date: Option<chrono::NaiveDate>,
    selected: bool,
    counts: String,
    unread: Option<usize>,
    width: usize,
    opts: crate::text::TextOptions,
) -> Line<'static> {
    // None: not counted yet (being indexed).
    let unread_span = match unread {
        Some(0) => Span::styled("  ✓", OK),
        Some(n) => Span::styled(format!("{n:>3}"), ACCENT),
        None => Span::raw("   "),
    };
    let style = if unread != Some(0) || selected {
        BOLD
    } else {
        DIM
    };
    let marker = list::marker(selected);
    let width_of = |spans: &[Span]| -> usize {
        let w = |s: &Span| crate::text::str_width(&s.content, opts);
        w(&marker) + spans.iter().map(w).sum::<usize>()
    };
    // Large counts take the weekday's room before the date is cut; on a very narrow
    // pane the counts give way, then the unread count, and the date stays whole (tester U:
    // every row read `2026-01-…` at 24 columns).
    let (full, short) = (date_with_weekday(date), crate::model::date_label(date));
    let fits = |spans: &[Span], label: &str| {
        width_of(spans) + 1 + crate::text::str_width(label, opts) <= width
    };
    let rights = [
        vec![
            Span::styled(counts, DIM),
            Span::raw(" "),
            unread_span.clone(),
        ],
        vec![unread_span],
        Vec::new(),
    ];
    let right = rights
        .iter()
        .find(|r| fits(r, &short))
        .unwrap_or(&rights[2])
        .clone();
    let label = if fits(&right, &full) { full } else { short };
    fit_row(vec![marker], &label, style, right, width, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn large_counts_take_the_weekday_not_part_of_it() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 29);
        let opts = crate::text::TextOptions::default();
        let small = text(&date_row(date, true, "3/129".into(), Some(129), 28, opts));
        assert_eq!(small, "› 2026-07-29 周三  3/129 129");
        let large = text(&date_row(date, true, "3/1417".into(), Some(1417), 28, opts));
        assert_eq!(large, "› 2026-07-29     3/1417 1417");
    }

    /// On a very narrow pane the counts give way, then the unread count: the date stays
    /// whole (tester U: every row read `2026-01-…` at 24 columns).
    #[test]
    fn a_narrow_pane_keeps_the_date_whole() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 24);
        let opts = crate::text::TextOptions::default();
        let row = |width| {
            text(&date_row(
                date,
                false,
                "  2/18".into(),
                Some(18),
                width,
                opts,
            ))
        };
        assert_eq!(row(28), "  2026-01-24 周六   2/18  18");
        assert_eq!(row(22), "  2026-01-24 周六   18");
        assert_eq!(row(20), "  2026-01-24      18");
        assert_eq!(row(14), "  2026-01-24");
    }
}
