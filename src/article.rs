//! One story laid out for reading. Its header (title, meta line, link) is shared by the
//! reader's article view and `ribao show`, so both head a story alike; [`lines`] is the whole
//! story as `show` prints it (the reader renders bodies through its cache).

use crate::index::DigestInfo;
use crate::model::Item;
use crate::text::{self, TextOptions};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// What stands for the text of a story that has none (a link alone).
pub const NO_TEXT: &str = "（没有正文 / no text）";

/// `2026-01-20 · AI行业速递 · 技术前沿解读 · 量子位`: the parts the story has.
pub fn meta(digest: &DigestInfo, item: &Item) -> String {
    let date = crate::model::date_label(digest.date);
    [
        Some(date.as_str()),
        Some(digest.source.as_str()),
        item.category.as_deref(),
        item.region.as_deref(),
        item.outlet.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A story's header as screen rows: the title, then the meta line and link.
pub struct Header {
    pub rows: Vec<Line<'static>>,
    /// The meta line's and link's rows: not the story's text, which search looks in, so
    /// the reader marks no match there.
    pub about: std::ops::Range<usize>,
}

/// Title, meta line and link as screen rows of `width` columns.
pub fn header(digest: &DigestInfo, item: &Item, width: usize, opts: TextOptions) -> Header {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = Style::new().add_modifier(Modifier::DIM);
    let row = |text: &str, style: Style| {
        text::wrap(
            &[Span::styled(text::sanitize(text).into_owned(), style)],
            width,
            opts,
        )
    };
    let mut rows = row(&item.title, bold);
    let title = rows.len();
    rows.extend(row(&meta(digest, item), dim));
    if let Some(url) = &item.url {
        rows.extend(link_rows(url, dim, width, opts));
    }
    let about = title..rows.len();
    Header { rows, about }
}

/// A story's own link after a `🔗`, as screen rows of `width` columns: the address goes on
/// beside the 🔗 and hangs under itself, not under the 🔗 (a long one had left the 🔗 alone
/// on its row). It is the address `o` opens and `y` copies, what no one sees
/// percent-encoded (tester V: a dropped override showed another address than the one
/// opened).
pub fn link_rows(url: &str, style: Style, width: usize, opts: TextOptions) -> Vec<Line<'static>> {
    const MARK: &str = "🔗 ";
    let indent = " ".repeat(text::str_width(MARK, opts));
    text::wrap_with_prefix(
        &[Span::styled(text::address(url), style)],
        width,
        &[Span::styled(MARK, style)],
        &[Span::raw(indent)],
        opts,
    )
}

/// The whole story as screen rows of `width` columns: the header, then the rendered body.
pub fn lines(
    digest: &DigestInfo,
    item: &Item,
    width: usize,
    opts: TextOptions,
) -> Vec<Line<'static>> {
    let mut out = header(digest, item, width, opts).rows;
    out.push(Line::default());
    let own = item.url.as_deref();
    let body = (!item.body.trim().is_empty())
        .then(|| text::render_story(&item.body, own, width, opts).lines)
        .filter(|lines| holds_text(lines));
    match body {
        Some(lines) => out.extend(lines),
        None => {
            let dim = Style::new().add_modifier(Modifier::DIM);
            out.extend(text::wrap(&[Span::styled(NO_TEXT, dim)], width, opts));
        }
    }
    out
}

/// Whether a story's laid-out text shows anything: one of HTML alone, which is left out
/// (20,000 `<div>`s), shows nothing, and is said to have no text (tester DO: a blank page).
pub fn holds_text(lines: &[Line<'_>]) -> bool {
    lines
        .iter()
        .any(|l| l.spans.iter().any(|s| !s.content.trim().is_empty()))
}
