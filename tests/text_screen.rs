//! Ambiguous-wide text on a ratatui buffer: padded lines plus `widen_ambiguous_cells` keep
//! columns aligned on a terminal that draws ambiguous characters 2 cells wide.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ribao::text::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const WIDE: TextOptions = TextOptions {
    ambiguous_wide: true,
    whole_urls: false,
};

/// What a CJK-configured terminal shows after receiving `updates` the way the crossterm
/// backend sends them: an explicit cursor move unless the cell is right after the previous
/// one, then the symbol printed at the cursor, which advances by the terminal's own width.
/// The screen starts out showing `previous`.
fn terminal_screen(previous: &Buffer, updates: &[(u16, u16, String)]) -> Vec<String> {
    let (width, height) = (previous.area.width as usize, previous.area.height as usize);
    let mut screen: Vec<Vec<String>> = (0..height)
        .map(|y| {
            (0..width)
                .map(|x| previous[(x as u16, y as u16)].symbol().to_string())
                .collect()
        })
        .collect();
    let (mut last, mut cursor) = (None::<(u16, u16)>, (0usize, 0usize));
    for (x, y, symbol) in updates {
        if last != Some((x.wrapping_sub(1), *y)) {
            cursor = (*x as usize, *y as usize);
        }
        last = Some((*x, *y));
        let w = symbol.width_cjk().max(1);
        if cursor.0 + w <= width {
            screen[cursor.1][cursor.0] = symbol.clone();
            for k in 1..w {
                screen[cursor.1][cursor.0 + k] = String::new(); // covered by the wide glyph
            }
        }
        cursor.0 += w;
    }
    screen.into_iter().map(|row| row.concat()).collect()
}

/// Draws padded `lines` over a screen that was full of `#`, returns the buffer and what the
/// terminal then shows.
fn draw(lines: &[Line<'static>], area: Rect, widen: bool) -> (Buffer, Vec<String>) {
    let mut buf = Buffer::empty(area);
    let padded: Vec<Line> = lines.iter().map(|l| pad_line(l, WIDE)).collect();
    ratatui::widgets::Widget::render(Paragraph::new(padded), area, &mut buf);
    if widen {
        widen_ambiguous_cells(&mut buf, area, WIDE);
    }
    let previous = Buffer::filled(area, ratatui::buffer::Cell::new("#"));
    let updates: Vec<(u16, u16, String)> = previous
        .diff(&buf)
        .into_iter()
        .map(|(x, y, cell)| (x, y, cell.symbol().to_string()))
        .collect();
    let screen = terminal_screen(&previous, &updates);
    (buf, screen)
}

/// (column, grapheme) of every visible grapheme, measuring like a CJK-configured terminal.
fn layout(row: &str) -> Vec<(usize, String)> {
    let mut col = 0;
    let mut found = Vec::new();
    for g in row.graphemes(true) {
        if g != " " {
            found.push((col, g.to_string()));
        }
        col += g.width_cjk();
    }
    found
}

fn logical_layout(lines: &[Line<'_>]) -> Vec<Vec<(usize, String)>> {
    lines
        .iter()
        .map(|l| {
            layout(
                &l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>(),
            )
        })
        .collect()
}

fn table_lines(width: usize) -> Vec<Line<'static>> {
    let md = "| 项目 | 说明 |\n|---|---|\n| ①号 | “引号”与…省略 |\n| abc | 中文 |\n";
    render_markdown(md, width, WIDE).lines
}

#[test]
fn widened_cells_put_every_glyph_where_it_was_measured() {
    let lines = table_lines(40);
    let area = Rect::new(0, 0, 40, lines.len() as u16);
    let (buf, screen) = draw(&lines, area, true);
    let shown: Vec<_> = screen.iter().map(|r| layout(r)).collect();
    assert_eq!(shown, logical_layout(&lines), "{screen:#?}");
    // The glyph cell is marked 2 wide; nothing is written to the cell it covers.
    let x = (0..40)
        .find(|&x| buf[(x, 3)].symbol() == "①")
        .expect("① drawn");
    assert!(matches!(buf[(x, 3)].diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2));
    assert!(
        !Buffer::empty(area)
            .diff(&buf)
            .iter()
            .any(|&(cx, cy, _)| (cx, cy) == (x + 1, 3))
    );
}

#[test]
fn without_widening_the_terminal_shifts_glyphs() {
    // The control case: same padded text, no post-draw pass.
    let lines = table_lines(40);
    let (_, screen) = draw(&lines, Rect::new(0, 0, 40, lines.len() as u16), false);
    let shown: Vec<_> = screen.iter().map(|r| layout(r)).collect();
    assert_ne!(shown, logical_layout(&lines));
}

#[test]
fn plain_text_after_ambiguous_glyphs_lands_where_measured() {
    let lines = [Line::from(vec![Span::raw("①②…"), Span::raw("中x")])];
    assert_eq!(line_width(&lines[0], WIDE), 9);
    let expected = logical_layout(&lines);
    let (_, screen) = draw(&lines, Rect::new(0, 0, 12, 1), true);
    assert_eq!(layout(&screen[0]), expected[0]);
    let (_, unwidened) = draw(&lines, Rect::new(0, 0, 12, 1), false);
    assert_ne!(layout(&unwidened[0]), expected[0]);
}

#[test]
fn narrow_mode_changes_nothing() {
    let line = Line::from("①“”…");
    assert_eq!(pad_line(&line, TextOptions::default()), line);
    let area = Rect::new(0, 0, 6, 1);
    let mut buf = Buffer::empty(area);
    buf.set_line(0, 0, &line, 6);
    let before = buf.clone();
    widen_ambiguous_cells(&mut buf, area, TextOptions::default());
    assert_eq!(buf, before);
}

#[test]
fn glyph_in_the_last_column_becomes_narrow() {
    let area = Rect::new(0, 0, 3, 1);
    let mut buf = Buffer::empty(area);
    buf.set_string(0, 0, "ab│", ratatui::style::Style::default());
    widen_ambiguous_cells(&mut buf, area, WIDE);
    assert_eq!(buf[(2, 0)].symbol(), "|");
}

#[test]
fn works_through_a_terminal_frame() {
    let mut terminal = Terminal::new(TestBackend::new(20, 2)).unwrap();
    terminal
        .draw(|frame| {
            let lines: Vec<Line> = [Line::from("①②③ end")]
                .iter()
                .map(|l| pad_line(l, WIDE))
                .collect();
            frame.render_widget(Paragraph::new(lines), frame.area());
            let area = frame.area();
            widen_ambiguous_cells(frame.buffer_mut(), area, WIDE);
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    assert_eq!(
        buf[(6, 0)].symbol(),
        " ",
        "padding after ③ stays in the buffer"
    );
    assert_eq!(buf[(7, 0)].symbol(), "e");
}
