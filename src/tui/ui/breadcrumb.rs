//! Narrow terminals: where one is, `2026-01-20 › 技术前沿解读 › 标题`, above the one pane.

use super::super::app::{App, Pane};
use super::status::truncate_line;
use super::{BOLD, DIM, FOCUS, put_line};
use crate::text::{self, str_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// One step of the path, a shorter form of it for a narrow row, and whether it stays where
/// the steps between the first and the last are left out.
pub(crate) struct Part {
    full: String,
    short: Option<String>,
    kept: bool,
}

impl From<String> for Part {
    fn from(full: String) -> Part {
        Part {
            full,
            short: None,
            kept: false,
        }
    }
}

/// The path down to the focused pane.
pub(crate) fn parts(app: &App) -> Vec<Part> {
    if let Some(view) = app.search_view() {
        return super::search::breadcrumb(app, view)
            .into_iter()
            .map(Part::from)
            .collect();
    }
    // The bookmarks, and a story read from them (tester CI: the date and category under
    // the view were named).
    let bookmarks = || Part::from("书签 Bookmarks".to_string());
    if let Some(view) = app.bookmarks_view() {
        // One whose story the store does not hold, read from it, is named too (tester DV: only
        // the view was, below 70 columns).
        return match &view.missing {
            Some(mark) => vec![
                bookmarks(),
                Part::from(text::single_line(mark.shown_title()).into_owned()),
            ],
            None => vec![bookmarks()],
        };
    }
    if app.returns_to_bookmarks()
        && let Some((_, item)) = app.opened()
    {
        return vec![
            bookmarks(),
            Part::from(text::single_line(item.title).into_owned()),
        ];
    }
    let dates = || vec![Part::from("日期 Dates".to_string())];
    let Some(group) = app.current_date() else {
        return dates();
    };
    if app.focus() == Pane::Dates {
        return dates();
    }
    let (date, short) = (
        super::dates::date_with_weekday(group.date),
        crate::model::date_label(group.date),
    );
    // Over several dates, the selected story's too: the date rows above it scroll away,
    // and one pane has no date list beside it. Shortened, the scope keeps its name (tester
    // P: with a story open, `全部存档` left the row, and the row read as one date's).
    let mut parts = vec![match app.name_of(app.scope()) {
        Some(name) => Part {
            full: format!("{} · {date}", app.scope_label()),
            short: Some(format!("{name} · {short}")),
            kept: false,
        },
        None => Part {
            full: date,
            short: Some(short),
            kept: false,
        },
    }];
    if app.focus() == Pane::Categories {
        return parts;
    }
    let category = text::single_line(&app.category().describe()).into_owned();
    parts.push(Part {
        // `全部 / All`, `未分类 / Other`: the Chinese name alone.
        short: category.split_once(" / ").map(|(zh, _)| zh.to_string()),
        full: category,
        // A category or publication chosen narrows the stories `J` reads on through: said
        // while a story is read (tester DD: at 60 columns it was left out for the title,
        // and nothing said the list was narrowed).
        kept: *app.category() != crate::tui::CategoryFilter::All,
    });
    if app.focus() == Pane::Article {
        parts.push(Part::from(match app.opened() {
            Some((_, item)) => text::single_line(item.title).into_owned(),
            None => "概览 Overview".to_string(),
        }));
    }
    parts
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let parts = parts(app);
    let Some(last) = parts.last() else {
        return;
    };
    let width = usize::from(area.width);
    // The focused part (a story's title) keeps half the row, or all it needs: the parts
    // before it are shortened first (the date without its weekday, `全部 / All` as `全部`),
    // then left out but for the first (tester AE: at 33 columns no word of the title showed).
    let wanted = str_width(&last.full, opts).min(width / 2);
    let line = (0..3)
        .map(|level| shortened(&parts, level))
        .find(|p| {
            let before: usize = p[..p.len() - 1]
                .iter()
                .map(|s| str_width(s, opts) + 3)
                .sum();
            width.saturating_sub(1 + before) >= wanted
        })
        .unwrap_or_else(|| shortened(&parts, 2));
    let mut spans = vec![Span::raw(" ")];
    let last = line.len() - 1;
    for (i, part) in line.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", DIM));
        }
        spans.push(Span::styled(
            part,
            if i == last { FOCUS.patch(BOLD) } else { BOLD },
        ));
    }
    let line = truncate_line(&Line::from(spans), width, opts);
    put_line(buf, area.x, area.y, &line, area.width, opts);
}

/// The parts as a narrower row shows them: at level 1 each in its short form, at level 2
/// those between the first and the last left out too, but for a part [`Part::kept`].
fn shortened(parts: &[Part], level: u8) -> Vec<String> {
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| level < 2 || i == 0 || p.kept || i == last)
        .map(|(_, p)| match (level, &p.short) {
            (1.., Some(short)) => short.clone(),
            _ => p.full.clone(),
        })
        .collect()
}
