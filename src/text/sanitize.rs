//! Making untrusted text safe to put on a terminal.

use std::borrow::Cow;
use std::str::Chars;

use super::TextOptions;
use super::width::str_width;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Tabs expand to the next multiple of this many display columns, counted from the start of the
/// line. 4 is also CommonMark's tab stop, so expanding before parsing keeps Markdown structure.
pub const TAB_STOP: usize = 4;

/// Removes everything that could drive the terminal or corrupt layout: [`clean_text`], and
/// the joiners and emoji selectors terminals draw at different widths.
///
/// Joiners and emoji selectors stay only where terminals agree on the width: U+FE0F after a
/// character that is one column on its own (`🏷️`, `❤️`) is two columns to `unicode-width` and
/// to some terminals, one to others (tmux, xterm), and where they differ a stale column is
/// left on screen; so it goes, and the emoji shows in its one-column text form. After one two
/// columns wide already (`☕️`) it changes nothing but tmux 3.3's count, a column more: it
/// goes there too. A ZWJ
/// (U+200D) stays only where it draws the joined characters in the first one's columns, as a
/// terminal that joins them does (`👨‍👩‍👧`); elsewhere (`❤‍🔥` once its selector is gone,
/// `中‍文`) the characters show side by side.
///
/// Returns `Borrowed` when nothing changes, the common case. Markdown is sanitised again after
/// parsing because entities like `&#27;` decode to real control characters.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    match clean_text(s) {
        Cow::Borrowed(clean) => terminal_emoji(clean),
        Cow::Owned(clean) => Cow::Owned(terminal_emoji(&clean).into_owned()),
    }
}

/// A single-line, sanitised copy of untrusted text: a row of a list or a table, a title.
/// Borrowed when nothing changes, as [`sanitize`].
pub fn single_line(s: &str) -> Cow<'_, str> {
    match sanitize(s) {
        s if s.contains('\n') => Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        s => s,
    }
}

/// A link's address made safe to show and to hand on: its control characters (an ESC that
/// `&#27;` decoded to) and the invisible ones text loses (a bidi override, a zero-width
/// space, a joiner) percent-encoded as browsers send them, then [`sanitize`]d. Removed
/// whole, an escape sequence took the address's tail with it (`?q=&#27;[31m` opened
/// `?q=`; tester N), and a removed override made another address of it (`/\u{202E}txt.exe`
/// opened `/txt.exe`; tester T).
pub fn address(raw: &str) -> String {
    sanitize(&percent_encoded(raw, encoded_in_address)).into_owned()
}

/// What [`address`] percent-encodes: what text removes or breaks a line at.
fn encoded_in_address(c: char) -> bool {
    is_removed(c) || matches!(c, '\u{200D}' | '\u{2028}' | '\u{2029}')
}

/// Markdown `md` with its addresses as the story's header shows them and `o` opens them, for
/// the text around them to be [`sanitize`]d before it is parsed: what [`address`] encodes is
/// encoded in its links' destinations (`](…)`), and an address written out ends, a blank
/// after it, where such a character follows it, as the story's own link ends there. Removed,
/// a bidi override made another address (tester CJ: `…/\u{202E}gnp.exe` listed, and opened
/// from `L`, as `…/gnp.exe`; tester CK: written out, as `…/ffdp.exe` beside `…/f`).
pub fn addresses_kept(md: &str) -> Cow<'_, str> {
    let encoded = link_destinations_encoded(md);
    // A line's end or a tab ends an address as it is; what else `address` encodes (a CR
    // too, which text drops) does not. (Most text has none: then no address is looked for.)
    let hidden =
        |c: char| encoded_in_address(c) && !matches!(c, '\n' | '\t' | '\u{2028}' | '\u{2029}');
    if !encoded.contains(hidden) {
        return encoded;
    }
    // Where the blank goes: where the address's run stops, at the hidden character, past
    // the punctuation the address was cut before (`…/report.\u{202E}x`: a review). Not where
    // Markdown reads the address as more than text: a link's (`](…`), an autolink's
    // (`<…>`) or a reference definition's (`[x]: …`), which a blank would break.
    let ends: Vec<usize> = super::bare_urls(&encoded)
        .into_iter()
        .filter(|r| {
            let before = &encoded[..r.start];
            let line = &before[before.rfind('\n').map_or(0, |at| at + 1)..];
            !before.ends_with(['(', '<']) && !line.trim_end().ends_with("]:")
        })
        .map(|r| {
            let run = &encoded[r.start..];
            r.start
                + run
                    .find(|c| !super::autolink::in_address(c))
                    .unwrap_or(run.len())
        })
        .filter(|&at| encoded[at..].starts_with(hidden))
        .collect();
    if ends.is_empty() {
        return encoded;
    }
    let mut out = String::with_capacity(encoded.len() + ends.len());
    let mut copied = 0;
    for end in ends {
        out.push_str(&encoded[copied..end]);
        out.push(' ');
        copied = end;
    }
    out.push_str(&encoded[copied..]);
    Cow::Owned(out)
}

/// [`addresses_kept`]'s links: an inline link's destination up to its first `)`, blank or
/// `>`. Past them (a destination in `<…>` with a blank in it, one with brackets of its own),
/// in an autolink (`<https://…>`) and in a reference definition (`[x]: url`), such a
/// character is still dropped, as in the text.
pub(crate) fn link_destinations_encoded(md: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for open in memchr::memmem::find_iter(md.as_bytes(), b"](") {
        let start = open + 2;
        if start < copied {
            continue;
        }
        let dest = &md[start..];
        let end = start + dest.find([')', '>', ' ', '\n']).unwrap_or(dest.len());
        if md[start..end].contains(encoded_in_address) {
            out.push_str(&md[copied..start]);
            out.push_str(&percent_encoded(&md[start..end], encoded_in_address));
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(md);
    }
    out.push_str(&md[copied..]);
    Cow::Owned(out)
}

/// `s` with each character `encode` picks written as its UTF-8 bytes in `%XX` form, as a
/// URL carries what it cannot hold as it is.
pub fn percent_encoded(s: &str, encode: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if encode(c) {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text made safe, as titles, ids and search text are kept (the emoji as written; the
/// terminal's form is [`sanitize`]'s, when it is shown).
///
/// Escape sequences (`ESC [ … m`, `ESC ] … BEL`, C1 CSI/OSC) are removed whole, so their
/// parameters do not show up as text.
///
/// Removed: ESC and other C0 controls except `'\n'` (`'\t'` becomes spaces up to the next
/// [`TAB_STOP`], `'\r'` is dropped), DEL, C1 controls (U+0080–U+009F, including the 8-bit CSI
/// U+009B), bidi embeddings/overrides/isolates/marks (U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C), zero-width junk (U+200B, U+200C, U+FEFF, U+2060–U+2064), and soft hyphens
/// (U+00AD, drawn by some terminals and not by others). A ZWJ (U+200D) is kept
/// only between two non-ASCII, non-space characters (emoji sequences, Indic conjuncts).
/// U+2028/U+2029 become `'\n'`. Returns `Borrowed` when nothing changes.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    let Some(first) = first_change(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    // Column bookkeeping for tabs: `col` is the width of out[line_start..measured].
    let mut measured = out.rfind('\n').map_or(0, |i| i + 1);
    let mut col = 0;
    let mut chars = s[first..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                measured = out.len();
                col = 0;
            }
            '\t' => {
                col += str_width(&out[measured..], TextOptions::default());
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                measured = out.len();
            }
            c if is_escape_introducer(c) => skip_escape_sequence(c, &mut chars),
            '\u{200D}' => {
                if joins(out.chars().next_back(), chars.clone().next()) {
                    out.push(c);
                }
            }
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`sanitize`]'s second part: emoji selectors and joiners as terminals agree to draw them,
/// flags as their letters, skin tones left out, and wide characters newer than Unicode 14 as
/// a stand-in.
fn terminal_emoji(s: &str) -> Cow<'_, str> {
    // The first bytes every regional indicator's UTF-8 starts with.
    let regional = memchr::memmem::find(s.as_bytes(), &[0xF0, 0x9F, 0x87]).is_some();
    let drawn_apart = !s.is_ascii() && {
        let mut marks = Marks::default();
        s.chars()
            .any(|c| marks.too_many(c) || is_skin_tone(c) || is_newer_wide(c) || is_undrawn(c))
    };
    if !regional && !drawn_apart && !s.contains(['\u{FE0F}', '\u{FE0E}', '\u{200D}']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // Letters of flags in a row so far: flags side by side, or a word right after one, are
    // told apart by a space (tester BM: 🇨🇳🇺🇸 read `CNUS`).
    let mut flag_letters = 0;
    let mut marks = Marks::default();
    while let Some(c) = chars.next() {
        if marks.too_many(c) || is_undrawn(c) {
            continue;
        }
        if let Some(letter) = regional_letter(c) {
            if flag_letters % 2 == 0 && flag_letters > 0 {
                out.push(' ');
            }
            out.push(letter);
            flag_letters += 1;
            continue;
        }
        if flag_letters > 0 && c.is_alphanumeric() {
            out.push(' ');
        }
        flag_letters = 0;
        if is_newer_wide(c) {
            out.push(NEWER_WIDE_STAND_IN);
            continue;
        }
        let keep = match c {
            '\u{200D}' => {
                // What comes next as it will be shown: a stand-in or nothing joins on.
                let next = chars.peek().copied();
                let next = next.filter(|&c| !is_newer_wide(c) && !is_skin_tone(c));
                keeps_zwj(last_cluster(&out), next)
            }
            '\u{FE0F}' => false,
            '\u{FE0E}' => keeps_text_selector(out.chars().next_back()),
            c => !is_skin_tone(c),
        };
        if keep {
            out.push(c);
        }
    }
    // (Not by length: a three-byte character's stand-in is three bytes too.)
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// Skips the rest of an escape sequence so its parameters do not show as text: CSI
/// (`ESC [` or U+009B) up to its final byte, OSC/DCS/APC/PM strings (`ESC ]`, U+009D, …) up to
/// BEL or ST, and two-character escapes like `ESC c`. A string with no BEL or ST on its line
/// loses only its introducer: the text after it stays (a stray `ESC ]`, or one whose BEL
/// was left out or written as `&#7;`, took the rest of the paragraph with it).
fn skip_escape_sequence(introducer: char, chars: &mut Chars) {
    let kind = match introducer {
        '\x1b' => match next_if(chars, |c| ('\x20'..='\x7e').contains(c)) {
            Some('[') => '[',
            Some(']' | 'P' | '_' | '^' | 'X') => ']',
            Some('\x20'..='\x2f') => {
                // nF escape: intermediates, then one final byte.
                while next_if(chars, |c| ('\x20'..='\x2f').contains(c)).is_some() {}
                next_if(chars, |c| ('\x30'..='\x7e').contains(c));
                return;
            }
            _ => return,
        },
        '\u{9b}' => '[',
        _ => ']',
    };
    if kind == '[' {
        while next_if(chars, |c| ('\x20'..='\x3f').contains(c)).is_some() {}
        next_if(chars, |c| ('\x40'..='\x7e').contains(c));
    } else {
        // Looked for up to the next C1 introducer too, which is no end: a line of many was
        // read to its end for each (39 s for 200,000 of them).
        let mut ahead = chars
            .clone()
            .take_while(|&c| c != '\n' && !matches!(c, '\u{9b}' | '\u{9d}'));
        if !ahead.any(|c| matches!(c, '\x07' | '\u{9c}' | '\x1b')) {
            return;
        }
        while let Some(c) = next_if(chars, |&c| c != '\n') {
            match c {
                '\x07' | '\u{9c}' => return,
                '\x1b' => {
                    next_if(chars, |&c| c == '\\');
                    return;
                }
                _ => {}
            }
        }
    }
}

/// The next char when it passes `wanted`, taken; else none taken.
fn next_if(chars: &mut Chars, wanted: impl Fn(&char) -> bool) -> Option<char> {
    let mut ahead = chars.clone();
    let c = ahead.next().filter(wanted)?;
    *chars = ahead;
    Some(c)
}

/// ESC, and the C1 CSI and OSC: the characters that open an escape sequence.
fn is_escape_introducer(c: char) -> bool {
    matches!(c, '\x1b' | '\u{9b}' | '\u{9d}')
}

/// How many bytes at the start of `rest` belong to the escape sequence `c` opens, as
/// [`sanitize`] removes it; None when `c` opens none. For text made searchable without the
/// sequence's parameters, as the reader shows it.
pub fn escape_sequence_len(c: char, rest: &str) -> Option<usize> {
    if !is_escape_introducer(c) {
        return None;
    }
    let mut chars = rest.chars();
    skip_escape_sequence(c, &mut chars);
    // What was taken, by what is left: summing what was left read the rest of the line
    // for each escape (a line of 50,000 took 4 s to index).
    Some(rest.len() - chars.as_str().len())
}

/// Byte offset of the first character [`clean_text`] would change.
fn first_change(s: &str) -> Option<usize> {
    // Only bytes that can start a changed character need a closer look. This keeps the
    // clean, common case a plain byte scan.
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|&b| b != b'\n' && may_start_hidden(b))
    {
        let i = from + found;
        let c = s[i..].chars().next()?;
        let changes = match c {
            '\t' | '\u{2028}' | '\u{2029}' => true,
            '\u{200D}' => is_lone_joiner(s, i),
            c => is_removed(c),
        };
        if changes {
            return Some(i);
        }
        from = i + c.len_utf8();
    }
    None
}

/// `s` with each [`is_hidden`] character written as a visible escape, `\u{1b}`: for a file's
/// name, which must stay recognisable. Removed, a file named `bin\e[31m.md` would be shown as
/// `bin.md`, a file that does not exist.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether byte `b` may start an [`is_hidden`] character: an ASCII control, DEL, or the UTF-8
/// lead byte of U+0080–U+00AD (C2), U+061C (D8), U+2000–U+206F (E2), U+FEFF (EF) or a tag
/// (F3). Text without one is looked at no closer.
pub(crate) fn may_start_hidden(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF | 0xF3)
}

/// A character a terminal acts on or lays out without showing it: what [`clean_text`]
/// removes (a tab and a line break among them, as controls) or makes a line break, and the
/// tag characters, which it keeps for the emoji tag sequences they end (a region's flag) but
/// which alone hide text (tester CG).
pub fn is_hidden(c: char) -> bool {
    is_removed(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{E0000}'..='\u{E007F}')
}

fn is_removed(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(c,
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}' | '\u{200F}' | '\u{061C}'
            | '\u{200B}' | '\u{200C}' | '\u{FEFF}' | '\u{00AD}'
            | '\u{2060}'..='\u{2064}')
}

/// Whether the zero-width joiner at byte `at` of `s` joins nothing (an ASCII character, a
/// blank or nothing beside it): [`clean_text`] drops it.
pub(crate) fn is_lone_joiner(s: &str, at: usize) -> bool {
    !joins(s[..at].chars().next_back(), s[at + 3..].chars().next())
}

/// A joiner is only meaningful between two characters that can join.
fn joins(prev: Option<char>, next: Option<char>) -> bool {
    let joinable = |c: Option<char>| {
        c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !is_removed(c) && c != '\u{200D}')
    };
    joinable(prev) && joinable(next)
}

/// A joiner stays where `unicode-width` gives the cluster it ends (`prev`) the same width
/// with the next character joined on: what a terminal draws that puts that character in the
/// cells before it.
fn keeps_zwj(prev: Option<&str>, next: Option<char>) -> bool {
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    let joinable = |c: char| {
        !c.is_ascii()
            && !c.is_whitespace()
            && !is_removed(c)
            && !matches!(c, '\u{200D}' | '\u{FE0F}')
    };
    if !prev
        .chars()
        .next_back()
        .is_some_and(|c| joinable(c) || c == '\u{FE0F}')
        || !joinable(next)
    {
        return false;
    }
    let joined = format!("{prev}\u{200D}{next}");
    joined.width() == prev.width()
}

/// The letter a regional indicator stands for. A pair of them is a flag (`🇨🇳`), drawn in
/// two columns by some terminals and as two letters in two or four by others (tmux among
/// them), leaving stale cells where they differ: the letters (`CN`) read the same everywhere.
fn regional_letter(c: char) -> Option<char> {
    let n = (c as u32).checked_sub(0x1F1E6).filter(|&n| n < 26)?;
    char::from_u32('A' as u32 + n)
}

/// The text selector (U+FE0E) stays where it changes no width: after `👍`, `unicode-width`
/// counts the pair one column, where terminals that take the selector for no character
/// (tmux) draw the emoji in two.
fn keeps_text_selector(prev: Option<char>) -> bool {
    prev.is_some_and(|c| format!("{c}\u{FE0E}").width() == c.width().unwrap_or(0))
}

/// A skin tone (U+1F3FB–U+1F3FF) after an emoji: a terminal that joins them draws the pair
/// in the emoji's columns, one that does not (tmux) draws the tone's swatch beside it, two
/// columns more (`👍🏻` is four columns in tmux, two to `unicode-width`). The emoji alone is
/// drawn alike everywhere.
fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Marks drawn on one character, at most: a terminal keeps a few in a cell (tmux some 20
/// bytes' worth) and draws the rest apart, or not at all, leaving what the cell showed
/// before (tester DO: a run of 500 accents was copied onto the next line).
const MARKS_KEPT: usize = 4;

/// The marks on one character so far, to leave out those past [`MARKS_KEPT`].
#[derive(Default)]
struct Marks(usize);

impl Marks {
    /// Whether `c`, the next character, is a mark past the most kept. One that takes a
    /// column starts the count again; one that takes none and is no mark (a selector, a
    /// joiner, one left out) leaves it as it is (a review: a selector after every four let
    /// any number through).
    fn too_many(&mut self, c: char) -> bool {
        let mark = is_mark(c);
        if mark {
            self.0 += 1;
        } else if takes_a_column(c) {
            self.0 = 0;
        }
        mark && self.0 > MARKS_KEPT
    }
}

/// A character drawn in no column of its own on another (a combining accent, a Hangul
/// vowel), but no joiner, emoji selector or tag, which [`terminal_emoji`] deals with.
fn is_mark(c: char) -> bool {
    // The ideographs and Hangul syllables most text is made of are none, looked up or not.
    c >= '\u{300}'
        && !matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{FF9E}' | '\u{FF9F}')
        && !matches!(c, '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E01EF}')
        && c.width() == Some(0)
}

/// Whether a terminal draws `c` in a column or more: the halfwidth sound marks (ﾞ ﾟ) too,
/// which the pinned `unicode-width` counts as none (see `Cargo.toml`).
fn takes_a_column(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}') || c.width().is_some_and(|w| w > 0)
}

/// A character that is none to draw: a noncharacter (U+FFFE, U+FDD0…), or an interlinear
/// annotation mark (U+FFF9–U+FFFB), which terminals draw in their own ways or not at all,
/// leaving what the cell showed before (tester DO).
fn is_undrawn(c: char) -> bool {
    let c = u32::from(c);
    (0xFFF9..=0xFFFB).contains(&c) || (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// Shown for a [`is_newer_wide`] character: the geta mark, the typesetter's sign for a
/// character there is no type for, two columns wide since Unicode 1.1.
const NEWER_WIDE_STAND_IN: char = '〓';

/// A character `unicode-width` counts as two columns that Unicode 14.0 (2021) had not
/// assigned: a terminal whose width tables are older draws it in no columns (tmux on Debian
/// 12 does, for `🩷` and `🫨` of Unicode 15), and the columns ribao counted for it show
/// whatever was there before.
fn is_newer_wide(c: char) -> bool {
    let c = u32::from(c);
    // Most text is below the first range or between it and the next planes: one compare.
    if c < 0x2FFC || (0xFB00..0x16FF2).contains(&c) {
        return false;
    }
    let at = NEWER_WIDE.partition_point(|&(_, last)| last < c);
    NEWER_WIDE.get(at).is_some_and(|&(first, _)| first <= c)
}

/// The ranges [`is_newer_wide`] holds: every character two columns wide to `unicode-width`
/// 0.2.3 (Unicode 18.0) and unassigned in Python 3.11's `unicodedata` (Unicode 14.0). The
/// version ribao pins (0.2.2, Unicode 17.0; see `Cargo.toml`) counts Unicode 18's one
/// column: all are shown as the stand-in, two columns, whatever it counts.
const NEWER_WIDE: &[(u32, u32)] = &[
    (0x2FFC, 0x2FFF),
    (0x31E4, 0x31E5),
    (0x31EF, 0x31EF),
    (0xFA6E, 0xFA6F),
    (0xFADA, 0xFAFF),
    (0x16FF2, 0x16FF6),
    (0x187F8, 0x187FF),
    (0x18CD6, 0x18CDA),
    (0x18CFF, 0x18CFF),
    (0x18D09, 0x18D20),
    (0x18D80, 0x18DF2),
    (0x18E00, 0x19191),
    (0x191A0, 0x191D2),
    (0x1B123, 0x1B128),
    (0x1B132, 0x1B132),
    (0x1B155, 0x1B155),
    (0x1B168, 0x1B168),
    (0x1F1AE, 0x1F1AE),
    (0x1F6D8, 0x1F6D9),
    (0x1F6DC, 0x1F6DC),
    (0x1F7DA, 0x1F7DA),
    (0x1FA75, 0x1FA77),
    (0x1FA87, 0x1FA8F),
    (0x1FAAD, 0x1FAAF),
    (0x1FABB, 0x1FABF),
    (0x1FAC6, 0x1FAC6),
    (0x1FAC8, 0x1FAC8),
    (0x1FACC, 0x1FACF),
    (0x1FADA, 0x1FADD),
    (0x1FADF, 0x1FADF),
    (0x1FAE8, 0x1FAEB),
    (0x1FAEF, 0x1FAEF),
    (0x1FAF7, 0x1FAFA),
    (0x2A6E0, 0x2A6FF),
    (0x2B739, 0x2B73F),
    (0x2B81E, 0x2B81F),
    (0x2CEA2, 0x2CEAF),
    (0x2EBE1, 0x2F7FF),
    (0x2FA1E, 0x2FFFD),
    (0x3134B, 0x3FFFD),
];

/// The last grapheme cluster of `s`, what a joiner after it joins onto: of its last bytes
/// only, so a long run of joined characters costs no more than a short one.
fn last_cluster(s: &str) -> Option<&str> {
    const LOOK_BACK: usize = 64;
    let mut from = s.len().saturating_sub(LOOK_BACK);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    s[from..].graphemes(true).next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is in order, and every character in it is shown as the stand-in.
    #[test]
    fn newer_wide_ranges_are_ordered_and_shown_as_the_stand_in() {
        for pair in NEWER_WIDE.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{pair:x?}");
        }
        for &(first, last) in NEWER_WIDE {
            for c in (first..=last).filter_map(char::from_u32) {
                let shown = terminal_emoji(c.encode_utf8(&mut [0; 4])).into_owned();
                assert_eq!(
                    shown,
                    NEWER_WIDE_STAND_IN.to_string(),
                    "U+{:X}",
                    u32::from(c)
                );
            }
            for outside in [first - 1, last + 1].into_iter().filter_map(char::from_u32) {
                assert!(!is_newer_wide(outside), "U+{:X}", u32::from(outside));
            }
        }
    }
}
