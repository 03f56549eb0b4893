//! Cutting a string to a display width.

use std::borrow::Cow;

use super::TextOptions;
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
    Cow::Owned(format!("{}{ELLIPSIS}", s[..end].trim_end()))
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
