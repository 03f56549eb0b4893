//! Display width of grapheme clusters, in terminal columns.

use ratatui::buffer::CellWidth;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::TextOptions;

/// Width of one grapheme cluster.
///
/// Narrow mode uses ratatui's own cell measure, so our layout and the buffer always agree:
/// CJK and full-width forms 2, emoji ZWJ sequences, flags and VS16 emoji 2, combining marks 0.
/// Ambiguous-wide mode adds the extra column that `width_cjk` gives ambiguous characters.
/// Clusters containing control characters are 0: ratatui never draws them.
pub fn grapheme_width(g: &str, opts: TextOptions) -> usize {
    if g.contains(char::is_control) {
        return 0;
    }
    let narrow = usize::from(g.cell_width());
    if opts.ambiguous_wide && !g.is_ascii() {
        narrow + g.width_cjk().saturating_sub(g.width())
    } else {
        narrow
    }
}

/// Width of a string: the sum of its grapheme widths.
pub fn str_width(s: &str, opts: TextOptions) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(|g| grapheme_width(g, opts)).sum()
}

/// Width of a line: the sum of its spans' widths.
pub fn line_width(line: &Line<'_>, opts: TextOptions) -> usize {
    line.spans.iter().map(|s| str_width(&s.content, opts)).sum()
}

/// Whether ambiguous-wide mode makes this grapheme wider than ratatui draws it.
pub(super) fn is_ambiguous(g: &str, opts: TextOptions) -> bool {
    opts.ambiguous_wide
        && !g.is_ascii()
        && grapheme_width(g, opts) > grapheme_width(g, TextOptions::default())
}
