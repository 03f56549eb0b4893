//! Cutting a string to a display width.

use std::borrow::Cow;

use super::TextOptions;
use super::chars::is_opening;
use super::width::{grapheme_width, graphemes, str_width};

const ELLIPSIS: &str = "…";

/// Cuts `s` to at most `max_width` columns, ending with `…` when anything was cut.
///
/// Never splits a grapheme cluster and never exceeds `max_width`: the ellipsis counts with its
/// own width under `opts` (2 in ambiguous-wide mode), and when not even the ellipsis fits the
/// result is empty. Blank space before the ellipsis is dropped.
pub fn truncate(s: &str, max_width: usize, opts: TextOptions) -> Cow<'_, str> {
    if str_width(s, opts) <= max_width {
        return Cow::Borrowed(s);
    }
    cut_with_ellipsis(s, max_width, opts)
}

/// `s` cut to at most `max_width` columns with `…` at its end, whether or not all of it
/// would fit: for a piece of a line whose rest is left out.
pub fn cut_with_ellipsis(s: &str, max_width: usize, opts: TextOptions) -> Cow<'_, str> {
    let ellipsis = str_width(ELLIPSIS, opts);
    let Some(budget) = max_width.checked_sub(ellipsis) else {
        return Cow::Borrowed("");
    };
    let mut used = 0;
    let mut end = 0;
    for (i, g) in graphemes(s) {
        used += grapheme_width(g, opts);
        if used > budget {
            break;
        }
        end = i + g.len();
    }
    Cow::Owned(format!("{}{ELLIPSIS}", without_open_end(&s[..end])))
}

/// `s` without the blank space and opening marks it ends with: a cut right after `“`, `（`
/// or a `"` that opens a quote left the mark open before the `…` (tester AU: `表示，"…`).
fn without_open_end(s: &str) -> &str {
    let mut s = s.trim_end();
    while let Some(last) = s.chars().next_back() {
        let rest = &s[..s.len() - last.len_utf8()];
        // A straight quote opens one where no word is before it.
        let opens_quote = matches!(last, '"' | '\'')
            && !rest.chars().next_back().is_some_and(char::is_alphanumeric);
        if !is_opening(last) && !opens_quote {
            break;
        }
        s = rest.trim_end();
    }
    s
}

/// How many bytes of `rest`, text read on after a cut (after `…`), to leave out so that it
/// reads cleanly: the rest of a Latin word cut in two (`…st Labs`; `GPT-5` cut to `…-5`),
/// then what closes what was cut off, marks drawn with the character before and spaces
/// (`…，初创公司`, `…: 针对`). `prev` is the character before the cut.
pub fn after_cut(prev: Option<char>, rest: &str) -> usize {
    let word = |c: char| c.is_ascii_alphanumeric();
    let in_word = |c: char| word(c) || matches!(c, '-' | '_' | '.' | '\'' | '’');
    let inside = prev.is_some_and(|p| word(p) || in_word(p) && rest.starts_with(word));
    let read = match inside {
        true => rest.trim_start_matches(in_word),
        false => rest,
    };
    let lead = |c: char| {
        unicode_width::UnicodeWidthChar::width(c) == Some(0)
            || super::is_closing(c)
            || c.is_whitespace()
    };
    rest.len() - read.trim_start_matches(lead).len()
}

/// The last `max_width` columns of `s`, starting with `…` when cut: for text whose end says
/// the most (a path, what leads up to a match).
pub fn truncate_left(s: &str, max_width: usize, opts: TextOptions) -> Cow<'_, str> {
    if str_width(s, opts) <= max_width {
        return Cow::Borrowed(s);
    }
    let budget = max_width.saturating_sub(str_width(ELLIPSIS, opts));
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in graphemes(s).collect::<Vec<_>>().into_iter().rev() {
        used += grapheme_width(g, opts);
        if used > budget {
            break;
        }
        start = i;
    }
    match start == s.len() {
        true => Cow::Borrowed(""),
        false => Cow::Owned(format!("{ELLIPSIS}{}", &s[start..])),
    }
}

#[cfg(test)]
mod tests {
    use super::{after_cut, without_open_end};

    /// A cut line does not end on a quote or bracket it opened: `…` stands after a word.
    #[test]
    fn a_cut_does_not_end_on_an_opening_mark() {
        assert_eq!(
            without_open_end("门施在达沃斯表示，\""),
            "门施在达沃斯表示，"
        );
        assert_eq!(without_open_end("他说 “（"), "他说");
        assert_eq!(without_open_end("the \"Agent"), "the \"Agent");
        // A straight quote after a word closes it.
        assert_eq!(without_open_end("called \"Atlas\""), "called \"Atlas\"");
        assert_eq!(without_open_end("“"), "");
        let cut = super::truncate("门施在达沃斯表示，\"AI is", 20, Default::default());
        assert_eq!(cut, "门施在达沃斯表示，…");
    }

    /// Text read on after a cut starts at a word, never with what closes what was cut off
    /// or the rest of a word cut in two.
    #[test]
    fn a_cut_reads_on_at_a_word() {
        let read_on = |prev: char, rest: &str| rest[after_cut(Some(prev), rest)..].to_string();
        assert_eq!(read_on('式', "，初创公司"), "初创公司");
        assert_eq!(read_on('道', "）宣布"), "宣布");
        assert_eq!(read_on('容', ": 针对LLM"), "针对LLM");
        assert_eq!(read_on('T', "-5 均使用"), "均使用");
        assert_eq!(read_on('a', "st Labs合作"), "Labs合作");
        assert_eq!(read_on('2', ".5 发布"), "发布");
        // At a word's start there is nothing to leave out.
        assert_eq!(read_on('，', "GPT-5 发布"), "GPT-5 发布");
        assert_eq!(read_on(' ', "Labs"), "Labs");
        assert_eq!(after_cut(None, "，正文"), "，".len());
    }
}
