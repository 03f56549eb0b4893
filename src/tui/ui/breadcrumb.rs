//! Narrow terminals: where one is, `2026-01-20 › 技术前沿解读 › 标题`, above the one pane.

use super::super::app::{App, Pane};
use super::status::truncate_line;
use super::{BOLD, DIM, FOCUS, clean, put_line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The path down to the focused pane.
pub(crate) fn parts(app: &App) -> Vec<String> {
    if let Some(view) = app.search_view() {
        return super::search::breadcrumb(app, view);
    }
    let mut parts = Vec::new();
    let Some(group) = app.current_date() else {
        return vec!["日期 Dates".to_string()];
    };
    if app.focus() == Pane::Dates {
        return vec!["日期 Dates".to_string()];
    }
    let date = super::dates::date_with_weekday(group.date);
    // Over several dates, the selected story's too: the date rows above it scroll away,
    // and one pane has no date list beside it.
    parts.push(if app.scope().is_multi_date() {
        format!("{} · {date}", app.scope_label())
    } else {
        date
    });
    if app.focus() == Pane::Categories {
        return parts;
    }
    parts.push(clean(&app.category().describe()));
    if app.focus() == Pane::Article {
        parts.push(match app.opened() {
            Some((_, item)) => clean(item.title),
            None => "概览 Overview".to_string(),
        });
    }
    parts
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let parts = parts(app);
    if parts.is_empty() {
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let last = parts.len() - 1;
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", DIM));
        }
        spans.push(Span::styled(
            part,
            if i == last { FOCUS.patch(BOLD) } else { BOLD },
        ));
    }
    let line = truncate_line(&Line::from(spans), usize::from(area.width), opts);
    put_line(buf, area.x, area.y, &line, area.width, opts);
}
