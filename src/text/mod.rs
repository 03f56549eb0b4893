//! Pure text handling: every string reaches the screen or `ribao show` through here.
//!
//! No terminal IO. The pieces, in the order text flows through them:
//!
//! - [`sanitize`]: untrusted text loses escapes, controls, bidi overrides and zero-width junk.
//! - [`str_width`] / [`grapheme_width`]: display width per grapheme cluster.
//! - [`truncate`]: cut to a width with `…`.
//! - [`wrap`] / [`wrap_with_prefix`]: UAX #14 line breaking of styled spans with kinsoku rules.
//! - [`render_markdown`]: Markdown to one [`Line`](ratatui::text::Line) per screen row, plus a
//!   [`RenderCache`].
//! - [`lines_to_plain`] / [`lines_to_ansi`]: output for `ribao show`.
//! - [`pad_line`] / [`widen_ambiguous_cells`]: ambiguous-wide support in the ratatui buffer;
//!   [`mark_composed_cells`]: graphemes of two narrow characters side by side (Thai `คำ`)
//!   written over whole by the next frame.
//!
//! # Ambiguous-width characters end to end
//!
//! East Asian "ambiguous" characters (`“ ” … — ① · │ •` …) are one cell wide in most terminals
//! but two cells in terminals configured for CJK. [`TextOptions::ambiguous_wide`] selects the
//! latter, and then:
//!
//! 1. every measurement here (wrapping, truncation, tables, rules) counts them as 2 columns, so
//!    logical [`Line`](ratatui::text::Line)s never exceed the width, and `ribao show` output
//!    (which has no padding) fits the terminal;
//! 2. right before handing text to ratatui, the UI passes it through [`pad_line`] (or
//!    [`pad_ambiguous`] for plain strings), which puts a space after each ambiguous grapheme, so
//!    ratatui — which always measures them as 1 — reserves the same 2 cells we counted;
//! 3. after drawing the frame, the UI calls [`widen_ambiguous_cells`] on the frame buffer. It
//!    marks each ambiguous glyph's cell `CellDiffOption::ForcedWidth(2)`, so the diff treats it
//!    as a 2-cell glyph: the padding cell is never written and the crossterm backend moves the
//!    cursor explicitly to the next cell, instead of printing a space that the terminal would
//!    put one column too far right.

mod autolink;
pub use autolink::bare_urls;
mod cache;
mod chars;
mod emphasis;
mod html;
mod markdown;
mod output;
pub mod place;
mod sanitize;
mod screen;
mod table;
mod theme;
mod truncate;
mod width;
mod wrap;

pub use autolink::web_scheme_len;
pub use cache::RenderCache;
pub(crate) use chars::{is_cjk, is_closing, is_han_or_kana, is_punctuation};
pub(crate) use emphasis::{Helped, underscore_run};
pub(crate) use html::before_cut_off_tag;
pub use html::decode_entity;
pub use markdown::{LinkTarget, Rendered, render_markdown, render_story};
pub use output::{lines_to_ansi, lines_to_plain};
pub use sanitize::{
    TAB_STOP, address, clean_text, escape_sequence_len, is_hidden, percent_encoded, sanitize,
    single_line, visible,
};
pub(crate) use sanitize::{is_lone_joiner, link_destinations_encoded, may_start_hidden};
pub use screen::{mark_composed_cells, pad_ambiguous, pad_line, widen_ambiguous_cells};
pub use truncate::{after_cut, cut_with_ellipsis, truncate, truncate_left};
pub use width::{grapheme_width, line_width, str_width};
pub use wrap::{MIN_WRAP_WIDTH, wrap, wrap_with_prefix};

/// How text is measured; threaded through every function of this module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextOptions {
    /// Count East Asian ambiguous-width characters as 2 columns (CJK terminal setting).
    pub ambiguous_wide: bool,
    /// A URL longer than the line is left whole, past the width, on a line of its own:
    /// printed text (`ribao show`), where the terminal shows it whole and it stays one to
    /// click or copy. In a pane it is broken to fit, as the pane would cut it.
    pub whole_urls: bool,
}

/// A count and its noun: `1 story`, `2 stories`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Parts said in a row: `a`, `a and b`, `a, b and c`.
pub fn and_list(parts: &[String]) -> String {
    listed(parts, "and")
}

/// Choices said in a row: `a`, `a or b`, `a, b or c`.
pub fn or_list(parts: &[&str]) -> String {
    listed(parts, "or")
}

fn listed(parts: &[impl AsRef<str>], word: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", rest.join(", "), last.as_ref())
        }
    }
}
