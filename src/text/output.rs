//! Rendered lines as text for `ribao show`: plain, or with ANSI colours for a terminal.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use super::sanitize::sanitize;

/// The lines' text, each line ending in `'\n'`. Content is sanitised again, so no control
/// sequence can reach the output whatever built the lines.
pub fn lines_to_plain(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        for span in &line.spans {
            out.push_str(&sanitize(&span.content));
        }
        out.push('\n');
    }
    out
}

/// Like [`lines_to_plain`], with SGR escape sequences for the styles. Escapes come only from
/// the styles, never from content (which is sanitised); every styled line ends with a reset.
pub fn lines_to_ansi(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        let mut current = Style::default();
        for span in &line.spans {
            let style = line.style.patch(span.style);
            if style != current {
                out.push_str("\x1b[0");
                push_sgr(&mut out, style);
                out.push('m');
                current = style;
            }
            out.push_str(&sanitize(&span.content));
        }
        if current != Style::default() {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// `;`-prefixed SGR parameters for `style` (after a reset).
fn push_sgr(out: &mut String, style: Style) {
    const MODIFIERS: [(Modifier, u8); 9] = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    let modifiers = style.add_modifier - style.sub_modifier;
    for (modifier, code) in MODIFIERS {
        if modifiers.contains(modifier) {
            let _ = write!(out, ";{code}");
        }
    }
    if let Some(fg) = style.fg {
        push_color(out, fg, 30);
    }
    if let Some(bg) = style.bg {
        push_color(out, bg, 40);
    }
}

/// `base` is 30 for foreground, 40 for background.
fn push_color(out: &mut String, color: Color, base: u8) {
    let bright = base + 60;
    let _ = match color {
        Color::Reset => write!(out, ";{}", base + 9),
        Color::Black => write!(out, ";{base}"),
        Color::Red => write!(out, ";{}", base + 1),
        Color::Green => write!(out, ";{}", base + 2),
        Color::Yellow => write!(out, ";{}", base + 3),
        Color::Blue => write!(out, ";{}", base + 4),
        Color::Magenta => write!(out, ";{}", base + 5),
        Color::Cyan => write!(out, ";{}", base + 6),
        Color::Gray => write!(out, ";{}", base + 7),
        Color::DarkGray => write!(out, ";{bright}"),
        Color::LightRed => write!(out, ";{}", bright + 1),
        Color::LightGreen => write!(out, ";{}", bright + 2),
        Color::LightYellow => write!(out, ";{}", bright + 3),
        Color::LightBlue => write!(out, ";{}", bright + 4),
        Color::LightMagenta => write!(out, ";{}", bright + 5),
        Color::LightCyan => write!(out, ";{}", bright + 6),
        Color::White => write!(out, ";{}", bright + 7),
        Color::Indexed(i) => write!(out, ";{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => write!(out, ";{};2;{r};{g};{b}", base + 8),
    };
}
