//! Line breaking of styled text: UAX #14 opportunities, kinsoku, URLs and paths kept whole.
//!
//! Break opportunities come from `unicode-linebreak` (UAX #14), restricted to grapheme
//! boundaries. Two rules are layered on top:
//!
//! - URLs and file paths are not broken at their internal `/` `.` `?` opportunities (nor at
//!   all, longer than the line, with [`TextOptions::whole_urls`]);
//! - Korean breaks between words, at its spaces, not between the syllables of one;
//! - kinsoku: no break before closing punctuation (`，。）」…”` …) or after opening punctuation
//!   (`（「“` …), looking through spaces. UAX #14 forbids most of these already, but not all
//!   (e.g. after `“` next to CJK), and the explicit rule is what we promise.
//!
//! Lines are filled greedily. When the next grapheme does not fit, the line ends at the last
//! allowed opportunity, which moves forbidden breaks earlier (the character before a `，` is
//! pulled down with it). Only when a line has no allowed opportunity at all (a word or URL
//! longer than the line) is it broken between graphemes, still preferring boundaries kinsoku
//! allows; a line starts with closing punctuation only when every boundary available on the
//! previous line was forbidden.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::TextOptions;
use super::chars::{is_cjk, is_closing, is_hangul, is_opening, is_pictograph, is_space};
use super::width::{grapheme_width, graphemes, str_width};

/// Widths below this are treated as this: a 2-column CJK character or emoji must fit on a
/// line, so nothing is ever dropped and no line is wider than `max(width, MIN_WRAP_WIDTH)`.
/// The one remaining overflow is a single grapheme wider than 2 columns (exotic clusters),
/// which is put alone on its line.
pub const MIN_WRAP_WIDTH: usize = 2;

/// Wraps styled text to `width` columns; `'\n'` forces a line break.
///
/// Spaces at a break are dropped; styles are carried across breaks. Expects sanitised text.
pub fn wrap(spans: &[Span<'_>], width: usize, opts: TextOptions) -> Vec<Line<'static>> {
    wrap_with_prefix(spans, width, &[], &[], opts)
}

/// Like [`wrap`], with `first_prefix` before the first line and `rest_prefix` before the others
/// (list markers with hanging indents, quote bars). The prefixes count towards `width`; the
/// text gets at least [`MIN_WRAP_WIDTH`] columns even if the prefix leaves less.
pub fn wrap_with_prefix(
    spans: &[Span<'_>],
    width: usize,
    first_prefix: &[Span<'_>],
    rest_prefix: &[Span<'_>],
    opts: TextOptions,
) -> Vec<Line<'static>> {
    let text = Styled::new(spans);
    let avail = |prefix: &[Span<'_>]| {
        let used: usize = prefix.iter().map(|s| str_width(&s.content, opts)).sum();
        width.saturating_sub(used).max(MIN_WRAP_WIDTH)
    };
    let (first_avail, rest_avail) = (avail(first_prefix), avail(rest_prefix));

    let mut ranges = Vec::new();
    let mut base = 0;
    for paragraph in text.text.split('\n') {
        let first = if ranges.is_empty() {
            first_avail
        } else {
            rest_avail
        };
        for (a, b) in break_paragraph(paragraph, first, rest_avail, opts) {
            ranges.push((base + a, base + b));
        }
        base += paragraph.len() + 1;
    }

    ranges
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let prefix = if i == 0 { first_prefix } else { rest_prefix };
            let mut spans: Vec<Span<'static>> = prefix.iter().map(owned).collect();
            spans.extend(text.slice(a, b));
            Line::from(spans)
        })
        .collect()
}

/// Breaks a line of code into pieces of at most `width` (min [`MIN_WRAP_WIDTH`]) columns,
/// at the last place that fits: after a space, or where prose may break beside a CJK
/// character (digests keep their summaries' prose in code blocks: `支持1000+格式` is not cut
/// inside its number, nor a row begun with `，`); else between graphemes. Code's own
/// hyphens and brackets are no place to cut (`--max-batch-size` stays whole). Every space
/// is kept: in code whitespace is content.
pub(super) fn break_code_line(s: &str, width: usize, opts: TextOptions) -> Vec<&str> {
    let width = width.max(MIN_WRAP_WIDTH);
    let gs = classify(s, opts);
    let cjk = |k: usize, last: bool| {
        let g = &s[gs[k].start..gs.get(k + 1).map_or(s.len(), |g| g.start)];
        let c = if last {
            g.chars().next_back()
        } else {
            g.chars().next()
        };
        c.is_some_and(is_cjk)
    };
    let mut pieces = Vec::new();
    let (mut start, mut used) = (0, 0);
    // The last place to cut in the piece being built, and the columns before it; none
    // before its second grapheme of content (an indent, or the space after a `#` or `//`
    // that would be left alone on its line).
    let mut last_break: Option<(usize, usize)> = None;
    let mut content = 0;
    for i in 0..gs.len() {
        let g = &gs[i];
        if i > start && content > 1 && g.can_break && (cjk(i, false) || cjk(i - 1, true)) {
            last_break = Some((i, used));
        }
        // A cut may leave too little room still: then one here as well.
        while used + g.width > width && i > start {
            let (cut, before) = last_break
                .take()
                .unwrap_or_else(|| emergency_break(&gs, start, i, used));
            pieces.push(&s[gs[start].start..gs[cut].start]);
            (start, used) = (cut, used - before);
            content = gs[cut..i].iter().filter(|g| !g.space).count();
        }
        used += g.width;
        if !g.space {
            content += 1;
        } else if content > 1 && i + 1 < gs.len() {
            last_break = Some((i + 1, used));
        }
    }
    pieces.push(&s[gs.get(start).map_or(s.len(), |g| g.start)..]);
    pieces
}

fn owned(span: &Span<'_>) -> Span<'static> {
    Span::styled(span.content.to_string(), span.style)
}

/// The spans' text concatenated, with the style of each byte range.
struct Styled {
    text: String,
    /// (end byte, style) of consecutive runs.
    runs: Vec<(usize, Style)>,
}

impl Styled {
    fn new(spans: &[Span<'_>]) -> Self {
        let mut text = String::new();
        let mut runs = Vec::with_capacity(spans.len());
        for span in spans.iter().filter(|s| !s.content.is_empty()) {
            text.push_str(&span.content);
            runs.push((text.len(), span.style));
        }
        Self { text, runs }
    }

    fn slice(&self, a: usize, b: usize) -> Vec<Span<'static>> {
        let first = self.runs.partition_point(|&(end, _)| end <= a);
        let mut spans = Vec::new();
        let mut start = a;
        for &(end, style) in &self.runs[first..] {
            if start >= b {
                break;
            }
            spans.push(Span::styled(
                self.text[start..end.min(b)].to_string(),
                style,
            ));
            start = end;
        }
        spans
    }
}

struct Grapheme {
    start: usize,
    width: usize,
    space: bool,
    closing: bool,
    /// Kinsoku allows a break before this grapheme.
    kinsoku_ok: bool,
    /// A line may end before this grapheme: UAX #14, not inside a URL, kinsoku.
    can_break: bool,
    /// Inside a URL, after its first grapheme.
    in_url: bool,
    /// Inside a URL, after a `/`, `?`, `&`, `=` or `#` (not one of a pair, as `//`), or at a
    /// `.` or `-`: where one too long for its line is best cut.
    url_joint: bool,
    /// Inside a label kept whole (see [`keep_labels_whole`]), or its bracket bound to the
    /// text before it: a forced break goes elsewhere when kinsoku allows one.
    in_label: bool,
}

/// Byte ranges of the lines of one paragraph (no `'\n'` inside).
fn break_paragraph(
    text: &str,
    first_avail: usize,
    rest_avail: usize,
    opts: TextOptions,
) -> Vec<(usize, usize)> {
    let gs = classify(text, opts);
    let end_of = |i: usize| gs.get(i).map_or(text.len(), |g| g.start);
    let mut lines = Vec::new();
    // Emits [start, end) without trailing spaces; empty lines only for an empty paragraph.
    let emit = |start: usize, end: usize, lines: &mut Vec<(usize, usize)>| {
        let mut end = end;
        while end > start && gs[end - 1].space {
            end -= 1;
        }
        if end > start {
            lines.push((end_of(start), end_of(end)));
        }
    };

    let mut avail = first_avail;
    let (mut start, mut line_w, mut has_content) = (0, 0, false);
    // Latest allowed break in the current line: (grapheme index, width before it).
    let mut last_break: Option<(usize, usize)> = None;
    for i in 0..gs.len() {
        let g = &gs[i];
        if i > start && g.can_break {
            last_break = Some((i, line_w));
        }
        if g.space {
            line_w += g.width; // spaces may hang past the edge: they are dropped there
            continue;
        }
        while line_w + g.width > avail {
            if !has_content {
                // Only leading spaces so far: drop them rather than emit an empty line.
                (start, line_w, last_break) = (i, 0, None);
                break;
            }
            if last_break.is_none() && opts.whole_urls && gs[start..=i].iter().any(|g| g.in_url) {
                // A URL too long for its line is left whole, past the width, with what is
                // bound to it (a closing bracket) up to where a line may end.
                break;
            }
            let (b, width_before) = last_break
                .take()
                .unwrap_or_else(|| emergency_break(&gs, start, i, line_w));
            emit(start, b, &mut lines);
            avail = rest_avail;
            (start, line_w) = (b, line_w - width_before);
            while start < i && gs[start].space {
                line_w -= gs[start].width;
                start += 1;
            }
            has_content = start < i;
        }
        line_w += g.width;
        has_content = true;
    }
    emit(start, gs.len(), &mut lines);
    if lines.is_empty() {
        lines.push((0, 0));
    }
    lines
}

/// Whether an address is best cut between `before` and `next`: after a mark that parts its
/// path or query (not the first of two, as `//`), or before a dot or a hyphen (one that
/// ends a row reads as a word broken there).
fn url_joint(before: Option<char>, next: char) -> bool {
    const PARTS: &str = "/?&=#";
    matches!(next, '.' | '-') || before.is_some_and(|b| PARTS.contains(b)) && !PARTS.contains(next)
}

/// Where to break a line that has no allowed break before grapheme `i`: in an address, its
/// latest joint that leaves the line at least half full (tester DM: cut where the line
/// ran out, `…/segments/i` over `ndex.html`); else the latest grapheme boundary kinsoku
/// allows that leaves content on the line, outside a label if one is; else right before `i`.
fn emergency_break(gs: &[Grapheme], start: usize, i: usize, line_w: usize) -> (usize, usize) {
    let first_content = (start..i).find(|&k| !gs[k].space).unwrap_or(i);
    let latest = |fits: &dyn Fn(&Grapheme) -> bool| {
        let mut width_before = line_w;
        for b in (first_content + 1..=i).rev() {
            if fits(&gs[b]) {
                return Some((b, width_before));
            }
            width_before -= gs[b - 1].width;
        }
        None
    };
    latest(&|g| g.url_joint && g.kinsoku_ok)
        .filter(|&(_, before)| before * 2 >= line_w)
        .or_else(|| latest(&|g| g.kinsoku_ok && !g.in_label))
        .or_else(|| latest(&|g| g.kinsoku_ok))
        .unwrap_or((i, line_w))
}

/// Whether a hyphen after `before` holds on to `after`, what follows it: one that opens a
/// word (`-category:`, `--store`; UAX #14's LB20a, of Unicode 15.1) when a letter follows,
/// one joining a key to its modifier (`Ctrl-w`, `Ctrl-←`), or one inside a name with a digit
/// in it (`DeepSeek-V3.2-Exp`, `GPT-4o-mini`, `COVID-19`), a model's or product's, whole as a
/// word is. Lines had ended `(also -`, `Alt-` and `Ctrl-` (testers AF, AH, AI), and
/// `DeepSeek-` (tester DM); a hyphen inside other words (`well-known`) is a place to break
/// still.
fn hyphen_holds(before: &str, after: &str) -> bool {
    // A name's letters; looked at up to a name's length on either side, so that a run of
    // hyphens costs no more than one.
    const NAME_MOST: usize = 40;
    let in_name = |b: &&u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+');
    let head = before
        .as_bytes()
        .iter()
        .rev()
        .take_while(in_name)
        .take(NAME_MOST);
    let tail = after.as_bytes().iter().take_while(in_name).take(NAME_MOST);
    if head.chain(tail).any(u8::is_ascii_digit) {
        return true;
    }
    let letter = after.starts_with(char::is_alphabetic);
    let lead = before.trim_end_matches('-');
    let opens = lead
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([{“‘「『（".contains(c));
    let word = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next();
    let modifier = matches!(
        word,
        Some("Ctrl" | "Alt" | "Shift" | "Cmd" | "Meta" | "Super")
    );
    opens && letter || modifier
}

fn classify(text: &str, opts: TextOptions) -> Vec<Grapheme> {
    let mut breaks = linebreaks(text)
        .filter(|&(_, kind)| kind == BreakOpportunity::Allowed)
        .map(|(i, _)| i)
        .peekable();
    let paths = path_ranges(text);
    // A line may end before a path (UAX #14 keeps `/` with the word before it, even across
    // a space: `to /tmp/…` went whole to the next line).
    let starts: Vec<usize> = paths.iter().map(|&(start, _)| start).collect();
    let mut path_starts = starts.into_iter().peekable();
    // Addresses as links are found, so what shows as a link is what is kept whole.
    let mut urls: Vec<(usize, usize)> = super::autolink::bare_urls(text)
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect();
    urls.extend(paths);
    urls.sort_unstable();
    let mut url = urls.iter().peekable();
    let mut gs: Vec<Grapheme> = Vec::with_capacity(text.len() / 2);
    // Kinsoku looks through spaces: the last non-space grapheme before this one.
    let mut after_opening = false;
    let mut prev: Option<char> = None;
    let mut after_pictograph = false;
    for (start, g) in graphemes(text) {
        while breaks.next_if(|&b| b < start).is_some() {}
        let first = g.chars().next();
        while path_starts.next_if(|&p| p < start).is_some() {}
        let path_start = path_starts.peek() == Some(&start)
            && prev.is_some_and(|p| p.is_whitespace() || is_cjk(p));
        // Inside a Korean word, its Latin letters and digits included (`Claude는`, tester AD).
        let word = |c: char| is_hangul(c) || c.is_alphanumeric() && !is_cjk(c);
        let korean = prev
            .zip(first)
            .is_some_and(|(p, f)| (is_hangul(p) || is_hangul(f)) && word(p) && word(f));
        let held_hyphen = prev == Some('-')
            && first.is_some_and(|c| !c.is_whitespace())
            && hyphen_holds(&text[..start - 1], &text[start..]);
        // Emoji side by side, one of them a symbol of one column: one whose joiner was taken
        // out, as it is only where such a symbol is in it (tester CW: `🏳` ended a line,
        // `🌈` started the next). Other emoji side by side part as UAX #14 has them.
        let width = grapheme_width(g, opts);
        let pictograph = g.chars().any(is_pictograph);
        let narrow = |w: usize| w == 1;
        let emoji_pair = pictograph
            && gs
                .last()
                .is_some_and(|p: &Grapheme| narrow(p.width) || narrow(width))
            && after_pictograph;
        after_pictograph = pictograph;
        let uax = breaks.peek() == Some(&start) && !korean && !held_hyphen && !emoji_pair
            || cjk_quote_break(prev, first)
            || path_start;
        let before = std::mem::replace(&mut prev, g.chars().next_back());
        let first = first.unwrap_or(' ');
        while url.next_if(|&&(_, end)| end <= start).is_some() {}
        let in_url = url.peek().is_some_and(|&&(a, _)| a < start);
        let space = is_space(g);
        gs.push(Grapheme {
            start,
            width,
            space,
            closing: is_closing(first),
            kinsoku_ok: !after_opening,
            can_break: uax && !in_url,
            in_url,
            url_joint: in_url && url_joint(before, first),
            in_label: false,
        });
        if !space {
            after_opening = is_opening(first);
        }
    }
    // Second pass, backwards: no break before a closing mark, looking through spaces.
    let mut before_closing = false;
    for g in gs.iter_mut().rev() {
        if !g.space {
            before_closing = g.closing;
        }
        // An address too long for its line is cut where the line is full, as the links
        // list cuts it: a `.` of its own starts a row as well as a letter does (tester CF:
        // `…/READM` then `E.md`, a column left empty).
        g.kinsoku_ok &= !before_closing || g.in_url;
        g.can_break &= g.kinsoku_ok;
    }
    keep_labels_whole(text, &mut gs);
    keep_icons_with_labels(text, &mut gs);
    gs
}

/// An icon standing before its label (`🔗 原文`, `📰 The Decoder`) goes to the next line
/// with it (tester AU: `🔗` ended a row, its label under it). Held as a label is: a line
/// too full for any other break still breaks there before it breaks kinsoku.
fn keep_icons_with_labels(text: &str, gs: &mut [Grapheme]) {
    // Emoji and the symbol blocks icons are drawn from (`📰 🔗 ⭐ ☀`).
    let icon = |g: &Grapheme| {
        let c = text[g.start..].chars().next().map_or(0, u32::from);
        matches!(c, 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
    };
    for i in 0..gs.len() {
        let alone = i == 0 || gs[i - 1].space;
        if !icon(&gs[i]) || !alone || gs.get(i + 1).is_none_or(|g| !g.space) {
            continue;
        }
        if let Some(label) = gs[i + 1..].iter_mut().find(|g| !g.space) {
            (label.can_break, label.in_label) = (false, true);
        }
    }
}

/// The most graphemes between the brackets of a label kept whole.
const LABEL_MAX: usize = 16;

/// A short bracketed label (`[视频]`, `[图片: 架构图]`, a link's `[3]`) is not broken, nor
/// parted from the text it follows: a number at a line's start reads as an entry of the
/// links list. A link's number takes at least two graphemes of its text along (`原文[1]`,
/// never `原` over `文[1]`), unless punctuation comes before them: then the first is where
/// the link's text starts (`，甲[10]`), and a list of links may break before it. A line too
/// full for any allowed break splits a label only where kinsoku allows no other break.
/// A number never starts a line, even a space apart from what it follows.
fn keep_labels_whole(text: &str, gs: &mut [Grapheme]) {
    let first = |g: &Grapheme| text[g.start..].chars().next();
    for i in 0..gs.len() {
        if first(&gs[i]) != Some('[') || gs.get(i + 1).is_none_or(|g| g.space) {
            continue;
        }
        let end = gs.len().min(i + LABEL_MAX + 2);
        let Some(close) = (i + 1..end)
            .take_while(|&k| first(&gs[k]) != Some('['))
            .find(|&k| first(&gs[k]) == Some(']'))
        else {
            continue;
        };
        for g in &mut gs[i + 1..=close] {
            (g.can_break, g.in_label) = (false, true);
        }
        let number = gs[i + 1..close]
            .iter()
            .all(|g| first(g).is_some_and(|c| c.is_ascii_digit()));
        if i > 0 && !gs[i - 1].space {
            (gs[i].can_break, gs[i].in_label) = (false, true);
            if number && i > 1 && !gs[i - 2].space && !gs[i - 2].closing {
                gs[i - 1].can_break = false;
            }
        } else if number && i > 0 {
            // A space apart (after an address shown as itself), it still never starts a line.
            gs[i].can_break = false;
        }
    }
}

/// UAX #14 (Unicode 15.0) never breaks next to `“ ” ‘ ’`, as it cannot tell opening from
/// closing quotes. In CJK text they are used as opening/closing marks, so, like Unicode
/// 15.1's LB19a, allow a break before an opening quote after CJK and after a closing quote
/// before CJK.
fn cjk_quote_break(prev: Option<char>, next: Option<char>) -> bool {
    match (prev, next) {
        (Some(p), Some('“' | '‘')) => is_cjk(p),
        (Some('”' | '’'), Some(n)) => is_cjk(n),
        _ => false,
    }
}

/// Byte ranges of file paths written out (`/tmp/a/state.json`, `~/notes/x.md`,
/// `src/text/wrap.rs`, `github.com/openai/openai-python`), kept whole as URLs are: a message
/// naming a file broke it at a `/` across its two rows (tester G), which no one can copy,
/// and so did a story's text (tester CF: `src/` then `tui/app.rs`). A path starts a word or
/// follows a CJK character (`路径/usr/local/bin`), and ends at a space, a CJK character,
/// anything else but letters, digits and ASCII marks (`…`, an emoji), or trailing sentence
/// punctuation.
fn path_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut prev = None;
    for (i, c) in text.char_indices() {
        let after_cjk = prev.is_some_and(|p| is_cjk(p) && !is_cjk(c));
        let starts_word =
            prev.is_none_or(|p: char| p.is_whitespace() || matches!(p, '(' | '“')) || after_cjk;
        prev = Some(c);
        if !starts_word {
            continue;
        }
        let rest = &text[i..];
        let outside = |c: char| is_cjk(c) || !(c.is_alphanumeric() || c.is_ascii_punctuation());
        let len = rest.find(outside).unwrap_or(rest.len());
        let path = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '”', '\'']);
        if path.contains('/') && is_path(path, after_cjk) {
            ranges.push((i, i + path.len()));
        }
    }
    ranges
}

/// Whether a word is a file path: from the root or home (`/x`, `~/x`), or relative with a
/// host or a file's extension to say so (`a.com/x`, `src/x.rs`); not words joined by `/`
/// (`and/or`, `Windows/macOS/Linux`), which break as words. Right `after_cjk`, a `/` may be a
/// word's (`中文/English`, `2美元/M`): a path there has folders or an extension to say so
/// (`路径/usr/local/bin`).
fn is_path(word: &str, after_cjk: bool) -> bool {
    let named =
        |s: &str| s.starts_with(|n: char| n.is_alphanumeric() || matches!(n, '.' | '_' | '~'));
    let parts: Vec<&str> = word.split('/').collect();
    let dotted = |s: &str| s.split_once('.').is_some_and(|(_, ext)| named(ext));
    let last = parts.last().copied().unwrap_or_default();
    if let Some(after) = word.strip_prefix("~/").or_else(|| word.strip_prefix('/')) {
        return named(after) && (!after_cjk || parts.len() > 3 || dotted(last));
    }
    // A `/` at its end is a folder's (`src/tui/`); two together are no path's (`https://`).
    let folders = &parts[..parts.len() - 1];
    match parts.as_slice() {
        [first, ..] if named(first) && !folders.contains(&"") => dotted(first) || dotted(last),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::str_width;
    use proptest::prelude::*;

    /// A no-break space holds its two sides on one row (the overview's `35 stories`).
    #[test]
    fn a_no_break_space_is_no_place_to_break() {
        let rows = |text: &str| -> Vec<String> {
            let lines = wrap(&[Span::raw(text.to_string())], 20, TextOptions::default());
            lines
                .iter()
                .map(|l| l.to_string().trim_end().to_string())
                .collect()
        };
        assert_eq!(
            rows("Bubble's Brain · 35 stories"),
            ["Bubble's Brain · 35", "stories"]
        );
        assert_eq!(
            rows("Bubble's Brain · 35\u{a0}stories"),
            ["Bubble's Brain ·", "35\u{a0}stories"]
        );
    }

    /// A bar between fields starts no row, as a middle dot does not: the word before it comes
    /// down with it.
    #[test]
    fn a_bar_between_fields_starts_no_row() {
        let lines = wrap(
            &[Span::raw("来源：量子位 | 🔗 原文链接")],
            13,
            TextOptions::default(),
        );
        let rows: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert!(rows.iter().all(|r| !r.starts_with('|')), "{rows:?}");
        assert_eq!(rows.concat().replace(' ', ""), "来源：量子位|🔗原文链接");
    }

    #[test]
    fn an_indent_is_no_place_to_cut_a_code_line() {
        let pieces = break_code_line("        verylongtoken", 12, TextOptions::default());
        assert_eq!(pieces, ["        very", "longtoken"]);
    }

    #[test]
    fn prose_in_a_code_block_starts_no_line_with_closing_punctuation() {
        let opts = TextOptions::default();
        // Ten columns: `。` would start the second piece, `「` end the first.
        assert_eq!(
            break_code_line("盈利能力增。强阿里发布", 10, opts),
            ["盈利能力", "增。强阿里", "发布"]
        );
        assert_eq!(
            break_code_line("一二三四「五六」", 10, opts),
            ["一二三四", "「五六」"]
        );
    }

    /// Korean wraps at its spaces, keeping words whole (tester Y: `발 / 표했습니다`); a word
    /// longer than the line is still cut to fit.
    #[test]
    fn korean_wraps_between_words() {
        let opts = TextOptions::default();
        let rows = |text: &str, width: usize| -> Vec<String> {
            wrap(&[Span::raw(text)], width, opts)
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        assert_eq!(
            rows("회사가 새 모델을 발표했습니다", 20),
            ["회사가 새 모델을", "발표했습니다"]
        );
        assert_eq!(rows("발표했습니다", 6), ["발표했", "습니다"]);
        // A Latin name or a number a Korean ending is joined to is one word with it.
        assert_eq!(
            rows("새 모델 Claude는 좋다", 14),
            ["새 모델", "Claude는 좋다"]
        );
        // A range's wave dash stays with what it joins.
        assert_eq!(rows("一二三四五六～七", 12), ["一二三四五", "六～七"]);
    }

    /// Emoji side by side stay on one line, as the parts of one emoji whose joiner was taken
    /// out are (tester CW: `🏳` ended a line and `🌈` started the next).
    #[test]
    fn emoji_side_by_side_are_not_parted() {
        let text = "心❤与❤🔥、彩虹旗🏳🌈、海盗旗🏴☠、新表情";
        for width in 6..=40 {
            let rows: Vec<String> = wrap(&[Span::raw(text)], width, TextOptions::default())
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            for pair in ["❤🔥", "🏳🌈", "🏴☠"] {
                assert!(rows.iter().any(|r| r.contains(pair)), "{width}: {rows:?}");
            }
        }
        // Emoji of two columns each, side by side, part where the row is full, as Chinese
        // does (a review: a run of them became one word, its row left short before it).
        let run = "开头".to_string() + &"😀".repeat(20);
        let rows = wrap(&[Span::raw(run.as_str())], 20, TextOptions::default());
        let first: String = rows[0].spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(first, format!("开头{}", "😀".repeat(8)), "{rows:?}");
    }

    proptest! {
        /// A code line's pieces are the line, each fits, and a piece is cut inside a word
        /// (not beside a CJK character) only when it has no space to be cut after (one
        /// after its first character of content, as in `# `, does not count).
        #[test]
        fn code_lines_break_after_spaces_or_beside_cjk_where_they_can(
            line in "[a-z中，。「」 ]{0,60}",
            width in 1usize..30,
        ) {
            let opts = TextOptions::default();
            let pieces = break_code_line(&line, width, opts);
            prop_assert_eq!(pieces.concat(), line.clone());
            let width = width.max(MIN_WRAP_WIDTH);
            for (n, piece) in pieces.iter().enumerate() {
                prop_assert!(str_width(piece, opts) <= width, "{:?}", pieces);
                let last = n + 1 == pieces.len();
                let beside_cjk = !last
                    && (piece.chars().next_back().is_some_and(is_cjk)
                        || pieces[n + 1].chars().next().is_some_and(is_cjk));
                if !last && !piece.ends_with(' ') && !beside_cjk {
                    let body = piece.trim_start();
                    let cuttable = body.char_indices().any(|(i, c)| {
                        c == ' ' && body[..i].chars().filter(|&c| c != ' ').count() > 1
                    });
                    prop_assert!(!cuttable, "{:?}", pieces);
                }
            }
        }
    }
}
