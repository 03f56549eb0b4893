//! The digest's file as written (`v`): its lines numbered, wrapped to the box, nothing
//! rendered or left out.

use super::super::app::{App, FileRows};
use super::layout::PopupArea;
use super::{DIM, draw_block, pane_block, scrolled_rows};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

/// Widest the box gets: source lines read best at a text's width, not a wide screen's.
const MAX_WIDTH: u16 = 104;

/// The file's rows at `width` columns: each line numbered in a dim gutter, its indent kept
/// on the rows it wraps onto.
pub(crate) fn lines(source: &str, width: usize, opts: TextOptions) -> FileRows {
    let count = source.lines().count().max(1);
    let gutter = count.to_string().len() + 1;
    let mut out = Vec::with_capacity(count);
    let mut starts = Vec::with_capacity(count);
    for (n, line) in source.lines().enumerate() {
        starts.push(out.len());
        let line = text::sanitize(&control_pictures(line)).into_owned();
        let words = line.trim_start_matches(' ');
        // Indent past half the box is a code block's, kept as far as the box allows.
        let indent = " ".repeat((line.len() - words.len()).min(width / 2));
        let number = format!("{:>w$} ", n + 1, w = gutter - 1);
        let first = [Span::styled(number, DIM), Span::raw(indent.clone())];
        let rest = [Span::raw(" ".repeat(gutter)), Span::raw(indent)];
        if words.is_empty() {
            out.push(Line::from(first[0].clone()));
            continue;
        }
        let words = [Span::raw(words.to_string())];
        out.extend(text::wrap_with_prefix(&words, width, &first, &rest, opts));
    }
    FileRows { rows: out, starts }
}

/// `line` with each control character but a tab shown: C0 and DEL as their pictures (`␛`
/// for ESC, `␇` for BEL), C1 (which have none) as `\u{9b}`: the file as written, where the
/// article drops them (tester N: `bell\x07` showed as `bell`; tester O: U+009B took the
/// text after it too). An escape sequence so shows as text, and does nothing. The other
/// characters a terminal would not show (a bidi override, a zero-width space) are written
/// as C1's are (tester CF: an override's spoof was invisible here too), and so is a joiner
/// that joins nothing (between two letters of ASCII: gone without a trace).
fn control_pictures(line: &str) -> std::borrow::Cow<'_, str> {
    let shown = |at: usize, c: char| match c {
        '\t' => false,
        '\u{200d}' => text::is_lone_joiner(line, at),
        c => text::is_hidden(c),
    };
    if !line.char_indices().any(|(at, c)| shown(at, c)) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    for (at, c) in line.char_indices() {
        match c {
            '\x7f' => out.push('\u{2421}'),
            c if c < ' ' && shown(at, c) => out.extend(char::from_u32(0x2400 + u32::from(c))),
            c if shown(at, c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

pub(crate) fn draw(buf: &mut Buffer, at: &PopupArea, app: &mut App) {
    let opts = app.text_options();
    let area = at.area;
    let width = at.width(area.width.saturating_sub(4).min(MAX_WIDTH));
    let height = at.height(area.height);
    let content_w = super::text_width(width);
    let Some(view) = app.file_view_mut() else {
        return;
    };
    if view.rows.as_ref().is_none_or(|(w, _)| *w != content_w) {
        // Laid out again (a resize): the file's line at the top stays there; at the end,
        // the end stays in sight (tester AQ: a resize and back left it rows short).
        let mut at_end = false;
        if let Some((_, old)) = &view.rows {
            let after = old.starts.partition_point(|&row| row <= view.scroll);
            view.top_line = after.saturating_sub(1);
            at_end = view.scroll + view.height >= old.rows.len();
        }
        let laid = lines(&view.text, content_w, opts);
        view.scroll = match at_end {
            // (Held to the last screen below.)
            true => usize::MAX,
            false => laid.starts.get(view.top_line).copied().unwrap_or(0),
        };
        view.rows = Some((content_w, laid));
    }
    let popup = super::popup(buf, area, width, height);
    // The file's name cut from its start: its end names the file. Narrower, the keys go
    // first (the hint line says them), then the words: the name stays (tester A: at 30
    // columns `文件 File ·  — v/Esc/q close`, no name left).
    let outer = usize::from(width.saturating_sub(4));
    // A file's name is the store's to choose: a bidi override or a line break in it must
    // not reach the terminal (tester AL), and is written out, as the commands name files:
    // left out, the name was one of no file (tester CK: `2026-10-03\e.md` read `2026-10-03d`).
    let name = match view.gone {
        true => format!("{} (gone: as it was)", view.name),
        false => view.name.clone(),
    };
    let name = text::visible(&name);
    let wanted = text::str_width(&name, opts).min(FILE_NAME_LEAST);
    let words =
        |(lead, tail): (&str, &str)| text::str_width(lead, opts) + text::str_width(tail, opts);
    let (lead, tail) = [
        ("文件 File · ", " — v/Esc/q close"),
        ("文件 File · ", ""),
        ("", ""),
    ]
    .into_iter()
    .find(|&parts| outer.saturating_sub(words(parts)) >= wanted)
    .unwrap_or(("", ""));
    let name = text::truncate_left(&name, outer.saturating_sub(words((lead, tail))), opts);
    let title = format!("{lead}{name}{tail}");
    let inner = draw_block(buf, popup, pane_block(&title, true, width, opts));
    let rows = view
        .rows
        .as_ref()
        .map_or(&[][..], |(_, laid)| &laid.rows[..]);
    view.height = usize::from(inner.height);
    // A resize may leave the last scroll past the end.
    view.scroll = view.scroll.min(rows.len().saturating_sub(view.height));
    scrolled_rows(buf, (popup, inner), rows, view.scroll, opts);
}

/// The columns of a file's name its box's title keeps before leaving out its words.
const FILE_NAME_LEAST: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(source: &str, width: usize) -> Vec<String> {
        lines(source, width, TextOptions::default())
            .rows
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// Numbered in a gutter as wide as the last number; a wrapped line goes on under its
    /// indent; an escape in the file never reaches the terminal.
    #[test]
    fn lines_are_numbered_wrapped_under_their_indent_and_cleaned() {
        let source = format!(
            "# 标题\n\n  - 一条很长的新闻，写得足够长以便换行\x1b]0;x\x07\n{}",
            "x\n".repeat(8)
        );
        let got = rows(&source, 20);
        assert_eq!(got[0], " 1 # 标题");
        assert_eq!(got[1], " 2 ");
        assert!(got[2].starts_with(" 3   - 一条"), "{got:?}");
        assert!(got[3].starts_with("     闻"), "under its indent: {got:?}");
        assert!(
            got.iter()
                .all(|r| !r.contains('\x1b') && !r.contains('\x07')),
            "{got:?}"
        );
        // Shown as their pictures, as the file has them (tester N: dropped without a trace).
        let joined = got.concat().replace(' ', "");
        assert!(joined.contains("换行␛]0;x␇"), "{got:?}");
        let c1 = rows("前\u{9b}2J后\u{85}", 40);
        assert_eq!(c1, [r"1 前\u{9b}2J后\u{85}"]);
        // So are the invisible characters the article drops, a spoofing override among them
        // (tester CF: `用户名 exe.txt`, its U+202E gone without a trace).
        let hidden = rows("用户名\u{202e}txt.exe 零\u{200b}宽 tag\u{e0041}", 60);
        assert_eq!(
            hidden,
            [r"1 用户名\u{202e}txt.exe 零\u{200b}宽 tag\u{e0041}"]
        );
        // A joiner between letters joins nothing: shown; one in an emoji is the emoji's.
        let joiners = rows("a\u{200d}b 👩\u{200d}💻", 40);
        assert_eq!(joiners, ["1 a\\u{200d}b 👩\u{200d}💻"]);
        assert_eq!(got.last().map(String::as_str), Some("11 x"));
    }
}
