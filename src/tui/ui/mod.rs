//! Drawing: one module per pane, each reading the app and writing to the frame. Every string
//! from a digest is sanitised, measured and cut by [`crate::text`] before it reaches ratatui;
//! every line goes through [`text::pad_line`] and the frame through
//! [`text::widen_ambiguous_cells`], so ambiguous-wide terminals line up.

pub mod article;
mod bookmarks;
mod breadcrumb;
mod categories;
mod dates;
mod file;
mod help;
pub(crate) mod items;
pub mod layout;
mod links;
mod list;
mod notice;
mod search;
pub(crate) use search::{SNIPPET_INDENT, is_marked, marked_title, snippet_line};
mod status;
pub(crate) use status::truncate_line;
mod too_small;

use super::app::App;
use crate::text::{self, TextOptions};
use layout::Screen;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

/// Secondary text: faint in the terminal's own colour, not bright black, which some themes
/// (Solarized Dark) draw in the background's colour (tester DQ: read titles, counts,
/// snippets and the status bar's store vanished there).
pub(crate) const DIM: Style = Style::new().add_modifier(Modifier::DIM);
pub(crate) const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
pub(crate) const ACCENT: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub(crate) const FOCUS: Style = Style::new().fg(Color::Cyan);
pub(crate) const ERROR: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
pub(crate) const OK: Style = Style::new().fg(Color::Green);
/// A search term found in the text (the colours show it; the underline shows it without).
pub(crate) const MATCH: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::UNDERLINED);
/// The match `n`/`N` went to.
pub(crate) const CURRENT_MATCH: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::UNDERLINED)
    .add_modifier(Modifier::BOLD);
/// The mark of a story whose unified category was inferred from keywords.
pub(crate) const INFERRED_MARK: &str = "~";

/// Draws the whole reader for the frame's size.
pub fn draw(frame: &mut Frame, app: &mut App) {
    app.count_frame();
    let area = frame.area();
    let opts = app.text_options();
    let buf = frame.buffer_mut();
    app.view.width = usize::from(area.width);
    app.view.caret = None;
    let mut cursor = None;
    match layout::split(area, app.category_rows().len(), app.focus()) {
        Screen::TooSmall => too_small::draw(buf, area, opts),
        _ if app.search_view().is_some() => cursor = search::draw(buf, area, app),
        Screen::Wide(a) => {
            app.view.wide = true;
            if a.dates.width > 0 {
                dates::draw(buf, a.dates, app);
            }
            categories::draw(buf, a.categories, app);
            items::draw(buf, a.items, app);
            if a.article.width > 0 {
                article::draw(buf, a.article, app);
            }
            status::draw(buf, a.status, app);
        }
        Screen::Narrow(a) => {
            app.view.wide = false;
            breadcrumb::draw(buf, a.breadcrumb, app);
            match app.focus() {
                super::app::Pane::Dates => dates::draw(buf, a.pane, app),
                super::app::Pane::Categories => categories::draw(buf, a.pane, app),
                super::app::Pane::Items => items::draw(buf, a.pane, app),
                super::app::Pane::Article => article::draw(buf, a.pane, app),
            }
            status::draw(buf, a.status, app);
        }
    }
    let fits = !matches!(
        layout::split(area, 0, super::app::Pane::Dates),
        Screen::TooSmall
    );
    app.view.too_small = !fits;
    // Popups leave the status bar in sight: it says what the keys do and what they did.
    let popups = layout::PopupArea::of(area);
    if app.bookmarks_view().is_some() && fits {
        bookmarks::draw(buf, &popups, app);
    }
    if app.links_view().is_some() && fits {
        links::draw(buf, &popups, app);
    }
    if app.file_view().is_some() && fits {
        file::draw(buf, &popups, app);
    }
    if app.help_scroll().is_some() && fits {
        help::draw(buf, &popups, app);
    }
    if fits {
        notice::draw(buf, &popups, app);
    }
    text::widen_ambiguous_cells(buf, area, opts);
    text::mark_composed_cells(buf, area);
    if !app.colours() {
        without_colours(buf);
    }
    // The terminal's own cursor in the line being typed, where an input method shows what
    // is being composed: the bookmarks' filter over all else, the search's, or the date's.
    let cursor = match app.bookmarks_view() {
        Some(_) => app.view.caret,
        None => cursor.or(app.view.caret),
    };
    if let Some(position) = cursor
        && app.help_scroll().is_none()
        && app.notice().is_none()
        && app.links_view().is_none()
        && app.file_view().is_none()
    {
        frame.set_cursor_position(position);
    }
}

/// The frame without colours: what a background set apart (the focused selection) is in
/// reverse video; bold, dim and underline stay as they are. The selection of a pane without
/// the focus is bold beside its `›`: reversed as well, two selections on screen left the
/// keys' pane to the border alone.
/// Search matches keep their underline alone: reversed, they read as selections; in the
/// focused selection's row they are reversed with it (tester AM: its bar had holes there).
/// The current match is the other way round, reversed but in that row, so it is told from
/// the others (tester DQ: in a bold title both were bold and underlined).
fn without_colours(buf: &mut Buffer) {
    let matched = [MATCH.bg, CURRENT_MATCH.bg];
    let (focused, unfocused) = (list::highlight(true).bg, list::highlight(false).bg);
    let width = usize::from(buf.area.width).max(1);
    let selected_rows: Vec<bool> = (buf.content.chunks(width))
        .map(|row| row.iter().any(|cell| Some(cell.bg) == focused))
        .collect();
    for (i, cell) in buf.content.iter_mut().enumerate() {
        let is_match = matched.contains(&Some(cell.bg));
        let selected = selected_rows[i / width];
        if Some(cell.bg) == unfocused {
            cell.modifier.insert(Modifier::BOLD);
        } else if Some(cell.bg) == CURRENT_MATCH.bg {
            cell.modifier.set(Modifier::REVERSED, !selected);
        } else if cell.bg != Color::Reset && (!is_match || selected) {
            cell.modifier.insert(Modifier::REVERSED);
        }
        (cell.fg, cell.bg) = (Color::Reset, Color::Reset);
    }
}

/// A popup of `width`×`height` centred in `area`, cleared for drawing on.
pub(crate) fn popup(buf: &mut Buffer, area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    // A blank column either side as well: a strip of the panes behind, cut anywhere, reads
    // as part of the popup.
    let x = rect.x.saturating_sub(1).max(area.x);
    let margin = Rect {
        x,
        width: (rect.right() + 1).min(area.right()) - x,
        ..rect
    };
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, margin, buf);
    // A wide character just left of the cleared part would cover its first column on the
    // terminal (its second column is that one): it goes, as a half character cannot show.
    if let Some(left) = margin.x.checked_sub(1).filter(|&x| x >= area.x) {
        for y in rect.top()..rect.bottom() {
            let cell = &mut buf[(left, y)];
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    rect
}

/// `s` followed by spaces up to `width` display columns.
pub(crate) fn pad_to(s: &str, width: usize, opts: TextOptions) -> String {
    let w = text::str_width(s, opts);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The text of a line being typed as it fits `room` columns with the caret in sight: what is
/// before the caret, its start given up first, and as much after it as is left.
pub(crate) fn around_caret(
    line: &crate::tui::line_edit::LineEdit,
    room: usize,
    opts: TextOptions,
) -> (String, String) {
    let before = text::single_line(line.before_cursor());
    let before = text::truncate_left(&before, room, opts).into_owned();
    let left = room.saturating_sub(text::str_width(&before, opts));
    let after = text::single_line(line.after_cursor());
    (before, text::truncate(&after, left, opts).into_owned())
}

/// Writes one row: the line is padded for ambiguous-wide mode and clipped to `width`.
pub(crate) fn put_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    line: &Line<'_>,
    width: u16,
    opts: TextOptions,
) {
    buf.set_line(x, y, &text::pad_line(line, opts), width);
}

/// `name` in `room` columns, cut at its end; a short bracketed end (`(EN)`, a copy in another
/// language) is kept after the cut (`Bubble's… (EN)`: tester S; BL, where two publications
/// were both `Bubble's Brain…`).
pub(crate) fn cut_name<'a>(
    name: &'a str,
    room: usize,
    opts: TextOptions,
) -> std::borrow::Cow<'a, str> {
    const KEPT_END: usize = 8;
    if text::str_width(name, opts) <= room {
        return name.into();
    }
    let end = name.rfind(" (").filter(|_| name.ends_with(')'));
    let end_w = end.map_or(usize::MAX, |at| text::str_width(&name[at..], opts));
    match end {
        // With room for a few characters of the name before it.
        Some(at) if end_w <= KEPT_END && room >= end_w + 4 => {
            let head = text::truncate(&name[..at], room - end_w, opts);
            format!("{head}{}", &name[at..]).into()
        }
        _ => text::truncate(name, room, opts),
    }
}

/// Whether what [`fit_row`] puts on the right, `right_w` columns, is kept in a row of `room`
/// columns after its prefix: it takes at most two thirds, less a gap, else it is left out.
pub(crate) fn right_fits(right_w: usize, room: usize) -> bool {
    right_w < room.saturating_sub(room / 3)
}

/// A row of exactly `width` columns: `prefix`, then `main` (cut with `…` to what is left,
/// as [`cut_name`] cuts it), then `right` flush right. `right` is dropped when it would
/// leave `main` less than a third of the row.
pub(crate) fn fit_row(
    prefix: Vec<Span<'static>>,
    main: &str,
    main_style: Style,
    right: Vec<Span<'static>>,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let w = |spans: &[Span<'_>]| -> usize {
        spans
            .iter()
            .map(|s| text::str_width(&s.content, opts))
            .sum()
    };
    let prefix_w = w(&prefix);
    let mut right_w = w(&right);
    let mut right = right;
    let room = width.saturating_sub(prefix_w);
    if right_w > 0 && !right_fits(right_w, room) {
        right.clear();
        right_w = 0;
    }
    let gap_min = usize::from(right_w > 0);
    let main = cut_name(main, room.saturating_sub(right_w + gap_min), opts).into_owned();
    let main_w = text::str_width(&main, opts);
    let gap = width.saturating_sub(prefix_w + main_w + right_w);
    let mut spans = prefix;
    spans.push(Span::styled(main, main_style));
    if right_w > 0 {
        spans.push(Span::raw(" ".repeat(gap)));
        spans.extend(right);
    }
    Line::from(spans)
}

/// The border of a pane: heavy when focused, so focus shows without colour too. ASCII in
/// ambiguous-wide mode, where box-drawing characters are two columns wide.
pub(crate) fn pane_block(
    title: &str,
    focused: bool,
    width: u16,
    opts: TextOptions,
) -> Block<'static> {
    const ASCII: border::Set = border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    };
    const ASCII_FOCUSED: border::Set = border::Set {
        horizontal_top: "=",
        horizontal_bottom: "=",
        ..ASCII
    };
    let set = match (opts.ambiguous_wide, focused) {
        (true, true) => ASCII_FOCUSED,
        (true, false) => ASCII,
        (false, true) => border::THICK,
        (false, false) => border::PLAIN,
    };
    let (border_style, title_style) = if focused {
        (FOCUS, FOCUS.add_modifier(Modifier::BOLD))
    } else {
        (DIM, Style::new())
    };
    let title = text::truncate(title, usize::from(width).saturating_sub(4), opts);
    let title = if title.is_empty() {
        Line::default()
    } else {
        text::pad_line(&Line::styled(format!(" {title} "), title_style), opts)
    };
    Block::bordered()
        .border_set(set)
        .border_style(border_style)
        .title(title)
}

/// Draws the block and returns its inner area.
pub(crate) fn draw_block(buf: &mut Buffer, area: Rect, block: Block<'_>) -> Rect {
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// `rows` from `scroll` on in the [`text_area`] of `inner`, the inside of the bordered
/// `area`, with the scrollbar they need: a popup's text.
pub(crate) fn scrolled_rows(
    buf: &mut Buffer,
    (area, inner): (Rect, Rect),
    rows: &[Line<'_>],
    scroll: usize,
    opts: TextOptions,
) {
    let inner = text_area(inner);
    for (line, y) in rows.iter().skip(scroll).zip(inner.y..inner.bottom()) {
        put_line(buf, inner.x, y, line, inner.width, opts);
    }
    let height = usize::from(inner.height);
    scrollbar(buf, area, rows.len(), height, scroll, opts);
}

/// A box's inside less a column either side where there is room: a quote's bar beside the
/// border read as a doubled border, and text ran into the scrollbar (tester AK).
pub(crate) fn text_area(inner: Rect) -> Rect {
    if inner.width < 30 {
        return inner;
    }
    Rect {
        x: inner.x + 1,
        width: inner.width - 2,
        ..inner
    }
}

/// The width of [`text_area`] in a box `width` columns wide, borders included.
pub(crate) fn text_width(width: u16) -> usize {
    usize::from(text_area(Rect::new(0, 0, width.saturating_sub(2), 1)).width)
}

/// A scrollbar over the right border of `area` (a bordered pane) when `len` rows do not fit
/// in `height`.
pub(crate) fn scrollbar(
    buf: &mut Buffer,
    area: Rect,
    len: usize,
    height: usize,
    offset: usize,
    opts: TextOptions,
) {
    if area.width < 2 || area.height < 3 {
        return;
    }
    let track = Rect {
        x: area.right() - 1,
        y: area.y + 1,
        width: 1,
        height: area.height - 2,
    };
    scroll_thumb(buf, track, len, height, offset, opts);
}

/// The thumb of a scrollbar running down `track` (one column) for `len` rows of which
/// `height` show from `offset`; nothing when they all fit.
pub(crate) fn scroll_thumb(
    buf: &mut Buffer,
    track: Rect,
    len: usize,
    height: usize,
    offset: usize,
    opts: TextOptions,
) {
    let track = track.intersection(buf.area);
    if len <= height || height == 0 || track.is_empty() {
        return;
    }
    let rows = usize::from(track.height);
    // Never the whole track while rows are hidden: it must show that the list moves.
    let thumb = (rows * height / len).clamp(1, rows.saturating_sub(1).max(1));
    let max_offset = len - height;
    let start = ((rows - thumb) * offset.min(max_offset)).div_ceil(max_offset.max(1));
    let symbol = if opts.ambiguous_wide { "#" } else { "█" };
    for i in start..start + thumb {
        let y = track.y + i as u16;
        buf[(track.x, y)].set_symbol(symbol).set_style(FOCUS);
    }
}
