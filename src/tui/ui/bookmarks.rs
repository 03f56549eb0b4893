//! The bookmarks view: every saved story, newest first, with a filter line; or the saved
//! title and link of a story its digest file no longer has (or that is gone).

use super::super::app::App;
use super::layout::PopupArea;
use super::list::{self, Rows, marker};
use super::{DIM, ERROR, FOCUS, MATCH, OK, draw_block, fit_row, pad_to, pane_block, put_line};
use crate::library::Missing;
use crate::search::Highlighter;
use crate::state::Bookmark;
use crate::text::{self, TextOptions};
use crate::tui::highlight;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub(crate) fn draw(buf: &mut Buffer, at: &PopupArea, app: &mut App) {
    let opts = app.text_options();
    let Some(view) = app.bookmarks_view() else {
        return;
    };
    let area = at.area;
    let width = at.width(area.width.saturating_sub(4).clamp(1, 110));
    let height = at.height(area.height.saturating_sub(2).max(3));
    let popup = super::popup(buf, area, width, height);
    // Each bookmark listed, with whether the store holds its story now.
    let held = view.visible_held();
    let visible: Vec<&Bookmark> = held.iter().map(|&(mark, _)| mark).collect();
    // `of` them all where a filter leaves some out, as the status bar says it (tester CX:
    // `2 of 2` over `2`).
    let all = app.session().bookmark_count();
    let title = match visible.len() < all {
        true => format!("书签 Bookmarks · {} of {all}", visible.len()),
        false => format!("书签 Bookmarks · {}", visible.len()),
    };
    let inner = draw_block(buf, popup, pane_block(&title, true, width, opts));
    // Text (not the list's rows, which start with their marker) a column in from the border
    // on each side, as the article's is (tester AU: flush against it).
    let text_area = inner.inner(Margin::new(1, 0));
    let content_w = usize::from(text_area.width);
    if let Some(mark) = &view.missing {
        let linked = view.missing_link().is_some();
        let why = app.library().why_missing(&mark.path);
        let listed = view.missing_has_links();
        let lines = missing_lines(mark, linked, listed, why, content_w, opts);
        let rows = usize::from(inner.height);
        let scroll = view.missing_scroll.min(lines.len().saturating_sub(rows));
        for (line, y) in lines.iter().skip(scroll).zip(inner.y..inner.bottom()) {
            put_line(buf, text_area.x, y, line, text_area.width, opts);
        }
        if let Some(v) = app.bookmarks_mut() {
            v.missing_scroll = scroll;
        }
        return;
    }
    // The last row is the filter line while there is one (the keys are in the status bar).
    let filtering = view.typing || !view.filter.is_empty();
    let list_area = Rect {
        height: inner.height.saturating_sub(u16::from(filtering)),
        ..inner
    };
    if visible.is_empty() {
        // A filter that cannot match (`date:2026-13`) says why, as the search line does.
        let problem = crate::search::Query::parse(view.filter.text()).problem();
        let empty = match problem {
            _ if app.session().bookmark_count() == 0 => {
                "还没有书签 / no bookmarks yet — press b on a story to keep it here".to_string()
            }
            Some(why) => format!("没有匹配的书签 / no bookmark matches: {why}"),
            None => "没有匹配的书签 / no bookmark matches the filter".to_string(),
        };
        for (line, y) in text::wrap(&[Span::styled(empty, DIM)], content_w, opts)
            .iter()
            .zip(list_area.y..list_area.bottom())
        {
            put_line(buf, text_area.x, y, line, text_area.width, opts);
        }
    }
    let rows = Rows {
        len: visible.len(),
        selected: view.selected,
        focused: true,
        centred: false,
    };
    let mut offset = view.offset;
    // One column for the publications, as wide as the widest shown, at most a third of what
    // the date leaves: each row's starts where the others' do, and none is dropped for its
    // length. Too narrow to tell one from another, there is none: the title comes first
    // (a short name such as `AI 日报` is shown whole wherever there is room).
    let room = usize::from(list_area.width).saturating_sub(ROW_PREFIX) / 3;
    let where_w = match room {
        0..8 => 0,
        _ => visible
            .iter()
            .map(|m| text::str_width(&text::single_line(&m.where_from()), opts))
            .max()
            .unwrap_or(0)
            .min(room),
    };
    // Too narrow for a date and a readable title, the date gives way (tester CN: at 30
    // columns 4 or 5 characters of each title were left).
    let dated = usize::from(list_area.width) >= ROW_PREFIX + LEAST_TITLE;
    let terms = Highlighter::new(&view.words());
    // While the store is being indexed, a story not found yet may still come.
    let indexed = app.loading().is_none();
    list::draw(buf, list_area, rows, &mut offset, opts, |i, w| {
        let state = match (held[i].1, app.session().is_read(&visible[i].id)) {
            (false, _) if app.library().not_of_this_store(&visible[i].path) => Held::Elsewhere,
            (false, _) if indexed => Held::Gone,
            (_, true) => Held::Read,
            _ => Held::Unread,
        };
        let shown = Shown {
            selected: i == view.selected,
            dated,
            where_w,
        };
        row(visible[i], shown, state, &terms, w, opts)
    });
    if filtering {
        let cursor = if view.typing { "▏" } else { "" };
        // The caret kept in sight, as in the search line (tester EJ: a filter longer than
        // the line hid it, and its end).
        let room = content_w.saturating_sub(2 + text::str_width(cursor, opts));
        let (before, after) = super::around_caret(&view.filter, room, opts);
        let line = Line::from(vec![
            Span::styled("/ ", FOCUS),
            Span::raw(format!("{before}{cursor}{after}")),
        ]);
        let y = inner.bottom().saturating_sub(1);
        put_line(buf, text_area.x, y, &line, text_area.width, opts);
        if let Some(cell) = super::status::caret_cell(&line, (text_area.x, y), content_w, opts) {
            app.view.caret = Some(cell);
        }
    }
    if let Some(view) = app.bookmarks_mut() {
        view.offset = offset;
    }
}

/// Columns before a row's title: the marker, ✓ and the date with its gap.
const ROW_PREFIX: usize = 16;

/// The fewest columns of a title beside its date, which gives way below them.
const LEAST_TITLE: usize = 16;

/// How a row is shown: selected, with its date, and the publication's column's width.
struct Shown {
    selected: bool,
    dated: bool,
    where_w: usize,
}

/// A bookmark's story as the store has it now.
enum Held {
    Read,
    Unread,
    /// Its digest file no longer has it, or is gone: Enter shows the saved copy.
    Gone,
    /// A built-in sample's, or another store's: never in this one (tester CI: marked ⚠,
    /// as if gone from it).
    Elsewhere,
}

/// `› ✓ 2026-01-20  title   量子位 · 技术前沿解读` (✓: read; ⚠: no longer in the store; ·:
/// not this store's; the date left out where [`Shown`] says),
/// the publication in a column `where_w` wide, the filter's `terms` marked in as much of
/// the title as is shown.
fn row(
    mark: &Bookmark,
    shown: Shown,
    held: Held,
    terms: &Highlighter,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let Shown {
        selected,
        dated,
        where_w,
    } = shown;
    let date = match (dated, mark.date.as_deref()) {
        (false, _) => String::new(),
        // `undated` padded to a date's width, so every title starts in one column.
        (true, date) => format!("{:<10}  ", date.unwrap_or(crate::model::UNDATED)),
    };
    let read = match held {
        Held::Read => Span::styled("✓ ", OK),
        Held::Unread => Span::raw("  "),
        Held::Gone => Span::styled("⚠ ", ERROR),
        Held::Elsewhere => Span::styled("· ", DIM),
    };
    let prefix = vec![marker(selected), read, Span::styled(date, DIM)];
    let place = pad_to(
        &text::truncate(&text::single_line(&mark.where_from()), where_w, opts),
        where_w,
        opts,
    );
    let title_span = prefix.len();
    let title_at: usize = prefix.iter().map(|s| s.content.len()).sum();
    // A column short of the border, which the publication's column ran into (tester CW).
    let line = fit_row(
        prefix,
        &text::single_line(mark.shown_title()),
        Style::new(),
        vec![Span::styled(place, DIM)],
        width.saturating_sub(1),
        opts,
    );
    let ranges: Vec<_> = terms
        .ranges(&line.spans[title_span].content)
        .into_iter()
        .map(|r| r.start + title_at..r.end + title_at)
        .collect();
    highlight::style_ranges(&line, &ranges, MATCH)
}

/// `linked`: its link can be opened; `listed`: `L` has links to list; `why`: why the story
/// is not shown from its file.
fn missing_lines(
    mark: &Bookmark,
    linked: bool,
    listed: bool,
    why: Missing,
    width: usize,
    opts: TextOptions,
) -> Vec<Line<'static>> {
    let meta = mark.meta();
    let mut out = text::wrap(
        &[Span::styled(
            text::single_line(mark.shown_title()),
            super::ACCENT,
        )],
        width,
        opts,
    );
    out.extend(text::wrap(
        &[Span::styled(text::single_line(&meta), DIM)],
        width,
        opts,
    ));
    if let Some(url) = &mark.url {
        out.extend(crate::article::link_rows(
            url,
            Style::default(),
            width,
            opts,
        ));
    }
    out.push(Line::default());
    let keys = [
        (linked, "o opens the link, y copies it"),
        (listed, "L lists the links"),
        (why.file_is_there(), "v shows the file"),
        (true, "Esc goes back"),
    ];
    let keys: Vec<&str> = (keys.iter())
        .filter(|(on, _)| *on)
        .map(|(_, k)| *k)
        .collect();
    let keys = keys.join(", ");
    let named = why != Missing::Unnamed;
    let gone = match why {
        Missing::Sample => {
            "内置示例 / a built-in sample, not shown now that the store has digests of its own"
                .to_string()
        }
        Missing::Story => "日报里已没有这篇 / the digest no longer has this story (removed, or \
                           retitled past finding)"
            .to_string(),
        Missing::Unreadable(why) => {
            format!("日报文件读不了 / the digest file could not be read ({why})")
        }
        Missing::File => "日报文件已不在 / the digest file is gone".to_string(),
        Missing::Unnamed => "书签没有记下日报文件 / the bookmark names no digest file".to_string(),
        Missing::Elsewhere => "日报文件不在这个存储里 / the digest file is not in this store \
                               (--store its folder to read it)"
            .to_string(),
    };
    let kept = match mark.text {
        Some(_) => "this is what the bookmark kept of it, its text too",
        None => "this is what the bookmark kept of it",
    };
    let file = match named {
        true => format!(": {}", text::visible(&mark.path)),
        false => String::new(),
    };
    let note = format!("{gone}{file} — {kept}. {keys}.");
    out.extend(text::wrap(&[Span::styled(note, ERROR)], width, opts));
    if let Some(body) = &mark.text {
        out.push(Line::default());
        out.extend(text::render_story(body, mark.url.as_deref(), width, opts).lines);
    }
    out
}
