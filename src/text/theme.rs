//! Styles of rendered Markdown, in one place.

use ratatui::style::{Color, Modifier, Style};

pub(super) const H1: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// Underlined too: without colours (`NO_COLOR`) the two top levels are still told from bold
/// text, now that headings have no `#` marks.
pub(super) const H2: Style = Style::new()
    .fg(Color::Cyan)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
pub(super) const H3: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub(super) const STRONG: Style = Style::new().add_modifier(Modifier::BOLD);
pub(super) const EMPHASIS: Style = Style::new().add_modifier(Modifier::ITALIC);
pub(super) const STRIKETHROUGH: Style = Style::new().add_modifier(Modifier::CROSSED_OUT);
pub(super) const INLINE_CODE: Style = Style::new().fg(Color::LightYellow);
pub(super) const CODE_BLOCK: Style = Style::new().fg(Color::LightGreen);
pub(super) const LINK: Style = Style::new()
    .fg(Color::LightBlue)
    .add_modifier(Modifier::UNDERLINED);
/// `[1]` after a link, bullets, quote bars, rules and table borders: faint, as the reader's
/// secondary text is.
pub(super) const MARK: Style = Style::new().add_modifier(Modifier::DIM);
pub(super) const BULLET: Style = Style::new().fg(Color::Magenta);
pub(super) const IMAGE: Style = Style::new().fg(Color::Magenta);
pub(super) const TABLE_HEADER: Style = Style::new().add_modifier(Modifier::BOLD);
