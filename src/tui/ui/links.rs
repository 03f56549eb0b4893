//! The links view: the story's links one per row (its text, then its address), and the
//! selected one's whole address below them (a row shows what fits of it).

use super::super::app::App;
use super::super::links::Listed;
use super::layout::PopupArea;
use super::list::{self, Rows, marker};
use super::{DIM, draw_block, fit_row, pane_block, put_line};
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

/// Rows at most given to the selected link's whole address.
const ADDRESS_ROWS: usize = 4;

pub(crate) fn draw(buf: &mut Buffer, at: &PopupArea, app: &mut App) {
    let opts = app.text_options();
    let Some(view) = app.links_view() else {
        return;
    };
    let area = at.area;
    // A hundred columns, or as wide as its longest row where the terminal has the room
    // (tester R: on 200 columns long addresses were cut at 100).
    let widest = view.links.iter().map(|link| {
        let lead = text::str_width(&format!("› {} ", link.mark), opts);
        lead + text::str_width(&shown(link), opts) + 2
    });
    let room = area.width.saturating_sub(4).max(1);
    let wanted = (widest.max().unwrap_or(0) as u16).clamp(room.min(100), room);
    let width = at.width(wanted);
    let content_w = usize::from(width.saturating_sub(2));
    // The address a column in from the border on each side, as the article's text is
    // (tester AU: flush against it, it read as part of the frame).
    let address = text::wrap(
        &[Span::raw(text::address(
            view.selected_url().unwrap_or_default(),
        ))],
        content_w.saturating_sub(2),
        opts,
    );
    let address: Vec<_> = address.into_iter().take(ADDRESS_ROWS).collect();
    // The list, a blank row, the address; all inside the border.
    let wanted = view.links.len() + 1 + address.len() + 2;
    let height = at.height(wanted as u16);
    let popup = super::popup(buf, area, width, height);
    let title = format!(
        "链接 Links · {} · {}",
        view.links.len(),
        text::single_line(&view.story)
    );
    let inner = draw_block(buf, popup, pane_block(&title, true, width, opts));
    let list_h = inner
        .height
        .saturating_sub(address.len() as u16 + 1)
        .max(1)
        .min(inner.height);
    let list_area = Rect {
        height: list_h,
        ..inner
    };
    let rows = Rows {
        len: view.links.len(),
        selected: view.selected,
        focused: true,
        centred: false,
    };
    let mut offset = view.offset;
    list::draw(buf, list_area, rows, &mut offset, opts, |i, w| {
        let link = &view.links[i];
        fit_row(
            vec![
                marker(i == view.selected),
                Span::styled(format!("{} ", link.mark), DIM),
            ],
            &shown(link),
            Style::new(),
            Vec::new(),
            w,
            opts,
        )
    });
    for (line, y) in address.iter().zip(list_area.bottom() + 1..inner.bottom()) {
        put_line(
            buf,
            inner.x + 1,
            y,
            line,
            inner.width.saturating_sub(2),
            opts,
        );
    }
    if let Some(view) = app.links_view_mut() {
        view.offset = offset;
        view.height = usize::from(list_h);
    }
}

/// A link's row: its text first, as the article shows it, then where it goes, as it is
/// opened (an invisible character percent-encoded, not dropped to show another address;
/// tester X).
fn shown(link: &Listed) -> String {
    let url = text::address(&link.url);
    match link.text.as_str() {
        "" => url,
        words => format!("{} · {url}", text::single_line(words)),
    }
}
