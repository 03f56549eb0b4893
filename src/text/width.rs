//! Display width of grapheme clusters, in terminal columns.

use ratatui::buffer::CellWidth;
use ratatui::text::Line;
use unicode_segmentation::GraphemeCursor;
use unicode_width::UnicodeWidthStr;

use super::TextOptions;

/// Width of one grapheme cluster.
///
/// Narrow mode uses ratatui's own cell measure, so our layout and the buffer always agree:
/// CJK and full-width forms 2, emoji ZWJ sequences, flags and VS16 emoji 2, combining marks 0.
/// Ambiguous-wide mode adds the extra column that `width_cjk` gives ambiguous characters.
/// Clusters containing control characters are 0: ratatui never draws them.
pub fn grapheme_width(g: &str, opts: TextOptions) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(w) = simple_width(c)
    {
        return w;
    }
    if g.contains(char::is_control) {
        return 0;
    }
    let narrow = usize::from(g.cell_width());
    if opts.ambiguous_wide && !g.is_ascii() {
        let extra = g.width_cjk().saturating_sub(g.width());
        let letter = narrow == 1 && g.chars().next().is_some_and(is_ambiguous_letter);
        narrow + extra.max(usize::from(letter))
    } else {
        narrow
    }
}

/// Whether `c` is a letter or modifier symbol East Asian Width calls ambiguous (`é`, `ω`,
/// `Ж`, `´`). `width_cjk` counts these narrow, but a terminal set to draw ambiguous
/// characters wide (xterm's `-cjk_width`, VTE, iTerm2) draws them wide like the rest.
fn is_ambiguous_letter(c: char) -> bool {
    let at = AMBIGUOUS_LETTERS.partition_point(|&(_, last)| last < c);
    AMBIGUOUS_LETTERS
        .get(at)
        .is_some_and(|&(first, _)| first <= c)
}

/// The ranges [`is_ambiguous_letter`] holds: East_Asian_Width `A` with a General_Category
/// of a letter or `Sk`, from Python's `unicodedata` (Unicode 14.0).
const AMBIGUOUS_LETTERS: [(char, char); 61] = [
    ('\u{00A8}', '\u{00A8}'),
    ('\u{00AA}', '\u{00AA}'),
    ('\u{00B4}', '\u{00B4}'),
    ('\u{00B8}', '\u{00B8}'),
    ('\u{00BA}', '\u{00BA}'),
    ('\u{00C6}', '\u{00C6}'),
    ('\u{00D0}', '\u{00D0}'),
    ('\u{00D8}', '\u{00D8}'),
    ('\u{00DE}', '\u{00E1}'),
    ('\u{00E6}', '\u{00E6}'),
    ('\u{00E8}', '\u{00EA}'),
    ('\u{00EC}', '\u{00ED}'),
    ('\u{00F0}', '\u{00F0}'),
    ('\u{00F2}', '\u{00F3}'),
    ('\u{00F8}', '\u{00FA}'),
    ('\u{00FC}', '\u{00FC}'),
    ('\u{00FE}', '\u{00FE}'),
    ('\u{0101}', '\u{0101}'),
    ('\u{0111}', '\u{0111}'),
    ('\u{0113}', '\u{0113}'),
    ('\u{011B}', '\u{011B}'),
    ('\u{0126}', '\u{0127}'),
    ('\u{012B}', '\u{012B}'),
    ('\u{0131}', '\u{0133}'),
    ('\u{0138}', '\u{0138}'),
    ('\u{013F}', '\u{0142}'),
    ('\u{0144}', '\u{0144}'),
    ('\u{0148}', '\u{014B}'),
    ('\u{014D}', '\u{014D}'),
    ('\u{0152}', '\u{0153}'),
    ('\u{0166}', '\u{0167}'),
    ('\u{016B}', '\u{016B}'),
    ('\u{01CE}', '\u{01CE}'),
    ('\u{01D0}', '\u{01D0}'),
    ('\u{01D2}', '\u{01D2}'),
    ('\u{01D4}', '\u{01D4}'),
    ('\u{01D6}', '\u{01D6}'),
    ('\u{01D8}', '\u{01D8}'),
    ('\u{01DA}', '\u{01DA}'),
    ('\u{01DC}', '\u{01DC}'),
    ('\u{0251}', '\u{0251}'),
    ('\u{0261}', '\u{0261}'),
    ('\u{02C4}', '\u{02C4}'),
    ('\u{02C7}', '\u{02C7}'),
    ('\u{02C9}', '\u{02CB}'),
    ('\u{02CD}', '\u{02CD}'),
    ('\u{02D0}', '\u{02D0}'),
    ('\u{02D8}', '\u{02DB}'),
    ('\u{02DD}', '\u{02DD}'),
    ('\u{02DF}', '\u{02DF}'),
    ('\u{0391}', '\u{03A1}'),
    ('\u{03A3}', '\u{03A9}'),
    ('\u{03B1}', '\u{03C1}'),
    ('\u{03C3}', '\u{03C9}'),
    ('\u{0401}', '\u{0401}'),
    ('\u{0410}', '\u{044F}'),
    ('\u{0451}', '\u{0451}'),
    ('\u{207F}', '\u{207F}'),
    ('\u{2113}', '\u{2113}'),
    ('\u{2126}', '\u{2126}'),
    ('\u{212B}', '\u{212B}'),
];

/// Width of a string: the sum of its grapheme widths.
pub fn str_width(s: &str, opts: TextOptions) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    graphemes(s).map(|(_, g)| grapheme_width(g, opts)).sum()
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

/// Extended grapheme clusters of `text` with their byte offsets, as
/// `UnicodeSegmentation::grapheme_indices(text, true)` gives them. Two adjacent "simple"
/// characters are always separate clusters, so runs of ASCII or CJK skip the segmentation
/// rules; it is most of the cost of wrapping.
pub(super) fn graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    // The character after a simple one, already decoded.
    let mut lookahead: Option<char> = None;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        let c = lookahead.take().or_else(|| rest.chars().next())?;
        let next = rest[c.len_utf8()..].chars().next();
        let end = if simple_width(c).is_some() && next.is_none_or(|n| simple_width(n).is_some()) {
            lookahead = next;
            at + c.len_utf8()
        } else {
            GraphemeCursor::new(at, text.len(), true)
                .next_boundary(text, 0)
                .ok()
                .flatten()
                .unwrap_or(text.len())
        };
        let start = std::mem::replace(&mut at, end);
        Some((start, &text[start..end]))
    })
}

/// Width of characters that form a cluster of their own next to each other and whose width
/// does not depend on the options: printable ASCII, CJK ideographs and punctuation, kana,
/// Hangul syllables and full-width forms. Checked exhaustively against the general path in
/// the tests below.
fn simple_width(c: char) -> Option<usize> {
    match c {
        ' '..='~' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303E}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{FF01}'..='\u{FF60}' => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    fn simple_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| simple_width(c).is_some())
    }

    /// The halfwidth sound marks take a column each, as terminals draw them, in this measure
    /// and in ratatui's buffer alike (tester DM: counted twice, each left a column the
    /// terminal never drew, showing what an earlier screen had there).
    #[test]
    fn halfwidth_sound_marks_take_a_column() {
        assert_eq!(str_width("ｶﾞｷﾞ(ﾟдﾟ；)", TextOptions::default()), 4 + 7);
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "ｶﾞx", ratatui::style::Style::default());
        assert_eq!(buf[(2, 0)].symbol(), "x");
    }

    #[test]
    fn simple_widths_match_the_general_measure() {
        for c in simple_chars() {
            let s = c.to_string();
            for ambiguous_wide in [false, true] {
                let general = usize::from(s.cell_width())
                    + if ambiguous_wide {
                        s.width_cjk() - s.width()
                    } else {
                        0
                    };
                assert_eq!(
                    simple_width(c),
                    Some(general),
                    "{c:?} wide={ambiguous_wide}"
                );
            }
        }
    }

    #[test]
    fn simple_pairs_are_separate_clusters() {
        let simple: Vec<char> = simple_chars().step_by(7).collect();
        let mut text = String::new();
        for pair in simple.windows(2) {
            text.push(pair[0]);
            text.push(pair[1]);
        }
        // Also the classes next to characters that do join.
        text.push_str("e\u{301}中\u{302a}a\u{200d}👨‍👩‍👧🇨🇳🇯🇵❤️ｶﾞ한\u{11a8}\r\n");
        let fast: Vec<_> = graphemes(&text).collect();
        let reference: Vec<_> = text.grapheme_indices(true).collect();
        assert_eq!(fast, reference);
    }
}
