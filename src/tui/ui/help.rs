//! The help overlay: every key, generated from the keymap table.

use super::super::app::App;
use super::super::keymap;
use super::layout::PopupArea;
use super::{DIM, FOCUS, draw_block, pad_to, pane_block, scrolled_rows};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

/// The help's rows at `width` columns: keys in a column, descriptions wrapped beside them,
/// then where the digests come from and the notes.
fn lines(width: usize, opts: TextOptions, store: &str) -> Vec<Line<'static>> {
    let entries = keymap::help_entries();
    let keys: Vec<String> = entries.iter().map(|(k, _)| k.join(" ")).collect();
    // A third of the box at most, so the descriptions keep room: keys longer go on a row
    // of their own, and the column is as wide as the longest of the others.
    let widths = keys.iter().map(|k| text::str_width(k, opts));
    let key_w = widths
        .filter(|&w| w <= width / 3)
        .max()
        .unwrap_or(width / 3);
    let mut out = Vec::new();
    for (keys, (_, description)) in keys.iter().zip(&entries) {
        let first = [Span::styled(pad_to(keys, key_w + 2, opts), FOCUS)];
        let rest = [Span::raw(" ".repeat(key_w + 2))];
        if text::str_width(keys, opts) > key_w {
            // Too long for the column: keys on their own row.
            out.extend(text::wrap(
                &[Span::styled(keys.clone(), FOCUS)],
                width,
                opts,
            ));
            out.extend(text::wrap_with_prefix(
                &[Span::raw(*description)],
                width,
                &rest,
                &rest,
                opts,
            ));
        } else {
            out.extend(text::wrap_with_prefix(
                &[Span::raw(*description)],
                width,
                &first,
                &rest,
                opts,
            ));
        }
    }
    out.push(Line::default());
    out.extend(text::wrap(&[Span::raw(store.to_string())], width, opts));
    for note in NOTES {
        out.extend(text::wrap(&[Span::styled(*note, DIM)], width, opts));
    }
    out
}

/// What the help says below the keys: the marks, the scopes, the search language.
const NOTES: &[&str] = &[
    "Marks: ✓ read · ★ bookmarked · ⚠ (bookmarks view) its story is no longer in the store (· never was) · ~ placed in its unified category by ribao, not by its publication: by keywords, or in 其他 / Misc when none matched (the category pane counts them: ~3 12 7 is 3 of its 12 stories, 7 of them unread).",
    "Scopes (a): the selected date · the 7 or 30 days up to it (近7天, 近30天: the last ones, up to the newest digest) · the whole archive. Categories: the publications, where there are several (刊物), each publication's own (来源分类) and the unified ones (统一分类), with their stories (条) and how many are unread (未读).",
    "Dates: 份/条 is the date's digests / stories (条 alone over several dates), 未读 the stories unread (✓ when all are read). A date's digits typed in the dates pane go to it, as after :.",
    "Search (/): every word must match (英伟达 OR NVIDIA: either); \"a phrase\": its words in that order, in any form; -word excludes; source:, category:, date:2026-01 narrow it (-source: and the others leave out). Tab in the search line changes its scope.",
    "Typing (the search line, the bookmarks filter): ← → Home End or Ctrl-a Ctrl-e move, Alt-b Alt-f or Ctrl-← Ctrl-→ a word; Backspace, Delete, Ctrl-w or Alt-Backspace (a word), Alt-d (the next word) and Ctrl-u (all) remove.",
    "Esc, ? or q closes this help. Stories open as read; the one highlighted in the stories is previewed beside them (预览 Preview), not read until it is opened (Enter, or moving into the article); J and K read on from it; i shows the date's front pages (概览 Overview) instead.",
];

/// Columns of the widest key row: its keys, the gap and its description on one row.
fn widest_row(opts: TextOptions) -> usize {
    let entries = keymap::help_entries();
    let width = |s: &str| text::str_width(s, opts);
    let keys = entries.iter().map(|(k, _)| width(&k.join(" ")));
    let descriptions = entries.iter().map(|(_, d)| width(d));
    keys.max().unwrap_or(0) + 2 + descriptions.max().unwrap_or(0)
}

pub(crate) fn draw(buf: &mut Buffer, at: &PopupArea, app: &mut App) {
    let opts = app.text_options();
    let area = at.area;
    // As wide as a key row needs, where the terminal has room: at 120 columns a box of 74
    // put the page-down keys on a row of their own (tester BI). Borders and margins: 4.
    let natural = u16::try_from(widest_row(opts) + 4).unwrap_or(u16::MAX);
    let width = at.width(area.width.saturating_sub(4).min(natural.max(74)));
    let content_w = super::text_width(width);
    let rows = lines(content_w, opts, &app.store_note());
    let height = at.height(
        (rows.len() as u16 + 2)
            .min(area.height.saturating_sub(2))
            .max(3),
    );
    let popup = super::popup(buf, area, width, height);
    let inner = draw_block(
        buf,
        popup,
        pane_block("按键 Keys — Esc ? q close", true, width, opts),
    );
    app.set_help_metrics(rows.len(), usize::from(inner.height));
    let scroll = app.help_scroll().unwrap_or(0);
    scrolled_rows(buf, (popup, inner), &rows, scroll, opts);
}
