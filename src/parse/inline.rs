//! Inline Markdown → plain text, links and headline-like leads: the pieces titles are made of.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Longest title kept, in columns (80 Chinese characters, 160 Latin letters: an English
/// headline of 80 letters was cut in most of one publication's stories, tester BE); longer
/// first clauses are cut with `…`.
const MAX_TITLE_COLUMNS: usize = 160;

/// A character's columns, as titles are measured (whatever the terminal's ambiguous width).
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}
/// A first clause shorter than this is not a headline (`据报道，`), so the next clause joins it.
const MIN_CLAUSE_CHARS: usize = 6;
/// A Chinese clause before a comma or colon this short is a hook or a scene
/// (`你有没有想过，`, `图像编辑界风云再起，`), not yet the news: the next clause joins it.
const MIN_PAUSE_CLAUSE_CHARS: usize = 12;
/// Nor is a clause of Latin text shorter than this many words.
const MIN_CLAUSE_WORDS: usize = 4;
/// In Latin text a comma ends the first clause only after this many words: before, it sets
/// off a phrase (`Looking for a secure, reliable…`, `Atlas is an open-source, …`).
const MIN_COMMA_CLAUSE_WORDS: usize = 8;

/// Plain text of inline Markdown: emphasis, code and links reduced to their text, HTML tags
/// dropped, entities decoded, whitespace collapsed, stray `**`/`__` removed.
pub fn plain(md: &str) -> String {
    // Most titles hold no Markdown at all; parsing them would be the parser's main cost.
    if !has_markup(md) {
        return tidy(md);
    }
    let md = without_invisibles(md);
    if let Some(text) = simple_inline(&md) {
        return tidy(&text);
    }
    plain_by_parser(&md)
}

/// Whether `s` is a thematic break as the Markdown parser reads one: three or more of one of
/// `-`, `*`, `_`, and blanks (wider than the three forms that end a story's text).
fn is_thematic_break(s: &str) -> bool {
    let mut marks = s.chars().filter(|c| !matches!(c, ' ' | '\t'));
    let Some(first) = marks.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut n = 1;
    marks.all(|c| {
        n += 1;
        c == first
    }) && n >= 3
}

/// [`plain`] the long way: every event of the Markdown parser. A leading `1. `, `- ` or
/// `+ ` is text, as it is where [`plain`] needs no parser: a heading `## 1. Hello &amp;
/// world` keeps its number as `## 1. 你好` does, not made a list item by the entity that
/// called the parser.
fn plain_by_parser(md: &str) -> String {
    let b = md.as_bytes();
    // Up to three columns of blanks may come before a list marker; four make code (a tab
    // reaches the next multiple of four: `\t- --` is code, not a rule to escape).
    let lead = b.iter().take_while(|&&c| matches!(c, b' ' | b'\t')).count();
    let indent = b[..lead].iter().fold(0, |col, &c| match c {
        b'\t' => col / 4 * 4 + 4,
        _ => col + 1,
    });
    let digits = b[lead..].iter().take_while(|c| c.is_ascii_digit()).count();
    let marker = match b.get(lead) {
        _ if indent > 3 => None,
        Some(b'-' | b'+') => Some(lead),
        _ if (1..=9).contains(&digits) && matches!(b.get(lead + digits), Some(b'.' | b')')) => {
            Some(lead + digits)
        }
        _ => None,
    };
    // A rule (`---`) is text as well, as it is where no parser is needed.
    let at = match marker {
        Some(at) if matches!(b.get(at + 1), None | Some(b' ' | b'\t')) => Some(at),
        _ if indent <= 3 && is_thematic_break(&md[lead..]) => Some(lead),
        _ => None,
    };
    let escaped;
    let md = match at {
        Some(at) => {
            escaped = format!("{}\\{}", &md[..at], &md[at..]);
            escaped.as_str()
        }
        // A line starting with a script or style is read as a heading's text, which is
        // inline: at the start of a block, `<script>` opens an HTML block that swallows the
        // line, and the title was nothing (its story dropped).
        None if opens_code(&md[lead..], false) && !md.contains('\n') => {
            escaped = format!("# {md}");
            escaped.as_str()
        }
        None => md,
    };
    let mut out = String::with_capacity(md.len());
    // Inside a `<script>` or `<style>` element: code, not words, dropped as the article
    // drops it (tester BM: a title read `alert(1) 标题`).
    let mut code = false;
    // Struck-through text reads as the article shows it, without its `~~` (tester AE).
    for event in Parser::new_ext(md, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::InlineHtml(tag) | Event::Html(tag) => code = opens_code(&tag, code),
            Event::Text(_) | Event::Code(_) if code => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // Breaks and block ends separate words; `tidy` collapses the spaces.
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => out.push(' '),
            _ => {}
        }
    }
    tidy(&out)
}

/// Whether text after the HTML `tag` is inside a `<script>` or `<style>` element, `code`
/// being whether the text before it was.
fn opens_code(tag: &str, code: bool) -> bool {
    let name = |t: &str| {
        let name = t.split(|c: char| !c.is_ascii_alphanumeric()).next();
        name.is_some_and(|n| n.eq_ignore_ascii_case("script") || n.eq_ignore_ascii_case("style"))
    };
    match tag.trim().strip_prefix('<') {
        Some(closing) if closing.starts_with('/') => code && !name(&closing[1..]),
        Some(opening) => code || name(opening) && !tag.trim_end().ends_with("/>"),
        None => code,
    }
}

/// The first link that is not an image, nor a picture's (a link around a picture alone, or
/// with no text at all): (text, url).
pub fn first_link(md: &str) -> Option<(String, String)> {
    if !has_pair(md.as_bytes(), b']', b'(') {
        return None;
    }
    if let Some((text, url)) = simple_link(md) {
        return is_web_url(url).then(|| (tidy(text), url.to_string()));
    }
    if let Some((text, url, _)) = leading_link(md).or_else(|| unhidden_link(md))
        && is_web_url(url)
    {
        return Some((tidy(text), url.to_string()));
    }
    // A control character makes a destination no link to Markdown (`](https://x/b\x1b[2J)`),
    // and the next link was taken for the story's (tester CO). Encoded as the reader encodes
    // it, it is one, the address the reader shows and opens.
    if has_control(md)
        && let Cow::Owned(encoded) = crate::text::link_destinations_encoded(md)
    {
        return first_link(&encoded);
    }
    // Bodies are long and their first link is usually early. Block structure is decided
    // line by line, so the text up to the blank line after the first `](` parses the same as
    // it does in the whole text, as long as no link definition (`[x]: url`) later on could
    // turn earlier brackets into links. A link found there is the first one.
    if !has_pair(md.as_bytes(), b']', b':')
        && let Some(open) = find_pair(md.as_bytes(), b']', b'(')
        && let Some(blank) = memchr::memmem::find(&md.as_bytes()[open..], b"\n\n")
        && open + blank + 2 < md.len()
        && let Some(found) = first_link_in(&md[..open + blank + 1])
    {
        return Some(found);
    }
    first_link_in(md)
}

/// [`plain`] of `md`, given the text [`first_link`] found in it: when `md` is that one link
/// and nothing else (every `链接：` line), its plain text is the link's text, tidied already.
pub fn plain_of_link(md: &str, link_text: String) -> String {
    if simple_link(md).is_some() && !has_invisibles(md) {
        link_text
    } else {
        plain(md)
    }
}

fn first_link_in(md: &str) -> Option<(String, String)> {
    let mut current: Option<(String, String)> = None;
    let mut in_image = false;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            Event::Start(Tag::Link { dest_url, .. }) if !in_image => {
                current = Some((String::new(), dest_url.to_string()));
            }
            // A picture's words are not the link's: a link around a picture alone
            // (`[![图片](x.avif)](x.avif)`) is the picture's link, not the story's.
            Event::Text(t) | Event::Code(t) if !in_image => {
                if let Some((text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, url)) = current.take()
                    && is_web_url(&url)
                    && !text.trim().is_empty()
                {
                    return Some((tidy(&text), url));
                }
            }
            _ => {}
        }
    }
    None
}

/// Bytes that may start Markdown inline syntax (or a line break), so text without any of them
/// parses to itself. Plain comparisons, not `matches!`, so that scans compile to vector code.
#[inline(always)]
const fn is_markup(b: u8) -> bool {
    (b == b'*')
        | (b == b'_')
        | (b == b'`')
        | (b == b'[')
        | (b == b'<')
        | (b == b'&')
        | (b == b'\\')
        | (b == b'!')
        | (b == b'#')
        | (b == b'>')
        | (b == b'~')
        | (b == b'|')
        | (b == b'\n')
}

/// [`is_markup`] as a table, for byte loops that look up each byte.
const MARKUP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = is_markup(b as u8);
        b += 1;
    }
    t
};

fn has_markup(md: &str) -> bool {
    find_byte(md.as_bytes(), is_markup).is_some()
}

/// Where the first byte of `b` that is `special` is. Blocks of 16 bytes are checked without
/// branches, which compiles to vector compares when `special` is a few comparisons, and
/// skipped when none is special; most text has long runs without markup.
fn find_byte(b: &[u8], special: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for block in b.chunks_exact(16) {
        if block.iter().fold(false, |any, &c| any | special(c)) {
            break;
        }
        at += 16;
    }
    b[at..].iter().position(|&c| special(c)).map(|i| at + i)
}

/// `first` immediately followed by `second` somewhere in `hay`.
fn has_pair(hay: &[u8], first: u8, second: u8) -> bool {
    find_pair(hay, first, second).is_some()
}

fn find_pair(hay: &[u8], first: u8, second: u8) -> Option<usize> {
    memchr::memchr_iter(first, hay).find(|&i| hay.get(i + 1) == Some(&second))
}

/// `md` is exactly `[text](url)` with nothing in text or url that Markdown would read as
/// syntax: then it is one inline link whose events are `text` verbatim, to `url` verbatim.
/// Anything else (and anything unsure) is `None`, for the real parser.
fn simple_link(md: &str) -> Option<(&str, &str)> {
    let inner = md.strip_prefix('[')?.strip_suffix(')')?;
    let mid = find_pair(inner.as_bytes(), b']', b'(')?;
    let (text, url) = (&inner[..mid], &inner[mid + 2..]);
    (plain_link_text(text) && plain_link_url(url)).then_some((text, url))
}

/// Link text with no syntax in it: its text events are itself. Blank text is left to the
/// parser too, which [`first_link`] needs to pass over such a link as it does there.
fn plain_link_text(text: &str) -> bool {
    !text.trim().is_empty()
        && text.len() <= 256
        && text.bytes().all(|b| {
            b >= 0x20 && b != 0x7f && !MARKUP[b as usize] && !matches!(b, b']' | b'(' | b')')
        })
}

/// A destination of printable ASCII with no syntax: the event's url is itself. Entities
/// need a `;`, so without one a `&` in a query string is literal.
fn plain_link_url(url: &str) -> bool {
    !url.is_empty()
        && url.len() <= 4096
        && url.bytes().all(|b| {
            (0x21..0x7f).contains(&b)
                && !matches!(
                    b,
                    b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'\\' | b'`' | b'"' | b'\''
                )
        })
        && !(url.contains('&') && url.contains(';'))
}

/// Plain text (before [`tidy`]) of a one-line paragraph whose only Markdown is `**` runs of
/// exactly two stars, plain links and images (`[text](url)`, `![alt](url)`, as in
/// [`simple_link`]) and `<br>` tags: what most titles and list items hold, without the
/// parser. The parser drops the `**` it pairs and keeps the others, and `tidy` drops every
/// `**` left, so dropping them all gives the same text; a link or an image gives its text,
/// a tag nothing, the paragraph end a space. Anything else is `None`, for the parser; so is
/// anything `clean_text` treats by context (controls, tabs, escapes, zero-width joiners) that
/// a removed run could have been next to.
fn simple_inline(md: &str) -> Option<String> {
    let b = md.as_bytes();
    if !starts_paragraph(b) {
        return None;
    }
    let mut out = String::with_capacity(md.len() + 1);
    // `md[copied..i]` is plain text not yet in `out`.
    let (mut copied, mut i) = (0, 0);
    while let Some(found) = find_byte(&b[i..], is_inline_special) {
        i += found;
        let (text, len) = match b[i] {
            b'*' if b[i..].iter().take_while(|&&c| c == b'*').count() == 2 => ("", 2),
            b'[' => leading_link(&md[i..]).map(|(text, _, len)| (text, len))?,
            b'!' if b.get(i + 1) == Some(&b'[') => {
                leading_link(&md[i + 1..]).map(|(alt, _, len)| (alt, len + 1))?
            }
            b'!' => {
                i += 1;
                continue;
            }
            b'<' if i > 0 => (
                "",
                ["<br>", "<br/>", "<br />"]
                    .iter()
                    .find(|tag| md[i..].starts_with(*tag))?
                    .len(),
            ),
            // U+0080–U+009F (C1 controls) and U+200D (zero-width joiner); other characters
            // with these lead bytes are text.
            0xC2 if !(0x80..0xA0).contains(&b.get(i + 1).copied().unwrap_or(0)) => {
                i += 1;
                continue;
            }
            0xE2 if b.get(i + 1..i + 3) != Some(&[0x80, 0x8D]) => {
                i += 1;
                continue;
            }
            _ => return None,
        };
        out.push_str(&md[copied..i]);
        out.push_str(text);
        i += len;
        copied = i;
    }
    out.push_str(&md[copied..]);
    out.push(' ');
    Some(out)
}

/// Bytes [`simple_inline`] stops at: every byte that may start Markdown, controls, DEL, and
/// the lead bytes of C1 controls (C2) and of the zero-width joiner (E2).
#[inline(always)]
fn is_inline_special(c: u8) -> bool {
    is_markup(c) | (c < 0x20) | (c == 0x7f) | (c == 0xc2) | (c == 0xe2)
}

/// Text starting here is a paragraph: no indent, no `-`/`+`/`*␠` bullet, `1.`/`1)` item,
/// `=` or `-` underline, `:`; a `#`, `>` or fence would stop [`simple_inline`] anyway.
fn starts_paragraph(b: &[u8]) -> bool {
    let Some(&first) = b.first() else {
        return false;
    };
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    !(first.is_ascii_whitespace()
        || matches!(first, b'-' | b'+' | b'=' | b':')
        || (digits > 0 && matches!(b.get(digits), Some(b'.' | b')'))))
}

/// Whether `md` is one plain link (as [`leading_link`] reads them) and nothing else.
pub fn is_link_alone(md: &str) -> bool {
    let md = md.trim();
    leading_link(md).is_some_and(|(_, _, len)| len == md.len())
}

/// `[text](url)` or `[text](<url>)` opening `md`, text and url plain as in [`simple_link`]:
/// nothing before it can hide it, so it is the first link event of `md` whatever follows.
/// Returns (text, url, length of the link's Markdown).
pub(super) fn leading_link(md: &str) -> Option<(&str, &str, usize)> {
    let rest = md.strip_prefix('[')?;
    let close = memchr::memchr(b']', rest.as_bytes())?;
    let text = &rest[..close];
    let after = rest[close + 1..].strip_prefix('(')?;
    // `after` starts at byte `close + 3` of `md`.
    let (url, len) = match after.strip_prefix('<') {
        Some(a) => {
            let end = memchr::memchr(b'>', a.as_bytes())?;
            a[end + 1..].strip_prefix(')')?;
            (&a[..end], close + 3 + end + 3)
        }
        None => {
            let end = memchr::memchr(b')', after.as_bytes())?;
            (&after[..end], close + 3 + end + 1)
        }
    };
    (plain_link_text(text) && plain_link_url(url)).then_some((text, url, len))
}

/// The first `[text](url)` of `md` (plain as in [`simple_link`]) when nothing before it can
/// hide it or make it part of something else: before its `[` there is no other bracket, no
/// code (`` ` ``, `~~~`), no HTML or autolink (`<`), no escape (`\\`), no `!` making it an
/// image; and its own line is not indented code (no tab, no run of four spaces before it).
/// Then the parser's first link event is this one, whatever follows.
fn unhidden_link(md: &str) -> Option<(&str, &str, usize)> {
    let b = md.as_bytes();
    let open = b
        .iter()
        .position(|c| matches!(c, b'[' | b']' | b'`' | b'~' | b'<' | b'\\'))?;
    if b[open] != b'[' || open.checked_sub(1).is_some_and(|i| b[i] == b'!') {
        return None;
    }
    let line_start = memchr::memrchr(b'\n', &b[..open]).map_or(0, |i| i + 1);
    let before = &md[line_start..open];
    if before.contains('\t') || before.contains("    ") {
        return None;
    }
    leading_link(&md[open..])
}

/// Whether `md` holds a control character but for a tab or a line's end: first by a pass the
/// compiler makes SIMD (it has no early exit) for an ASCII one or the first byte of a C1 one
/// (U+0080 to U+009F, tester CP: `\u{9b}`), as bodies are long and most have neither.
fn has_control(md: &str) -> bool {
    let maybe = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0x7f || b == 0xc2;
    md.bytes().fold(false, |found, b| found | maybe(b))
        && md.contains(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// An http(s) link with no control character: Markdown decodes `&#27;` in a link target into
/// a real ESC, and a link is printed and handed to the browser.
fn is_web_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_control)
}

/// A bold run that opens the text and stands as a headline: `**谷歌发布 X**，…` or
/// `**Headline** — outlet`. A bold name inside a sentence (`**rtk** 是…`) is not one.
pub fn bold_lead(md: &str) -> Option<String> {
    let s = without_invisibles(md);
    let rest = s.trim_start().strip_prefix("**")?;
    let end = find_pair(rest.as_bytes(), b'*', b'*')?;
    let after = rest[end + 2..].trim_start();
    let stands_alone = after.is_empty()
        || after.starts_with(['，', ',', '：', ':', '—', '–', '-', '。', '|', '｜']);
    let lead = plain(&rest[..end]);
    (stands_alone && lead.chars().count() >= 2).then_some(lead)
}

/// What follows a leading bold run, from its first non-blank character.
fn after_bold_lead_raw(md: &str) -> Option<&str> {
    let rest = md.trim_start().strip_prefix("**")?;
    let end = find_pair(rest.as_bytes(), b'*', b'*')?;
    Some(rest[end + 2..].trim_start())
}

/// The text after a bold headline and its colon or hyphen (`**Headline**: text`,
/// `**Headline** - text` → `text`), when the headline is the story's `title` (its
/// [`derive_title`]): shown above the text, not again at its start. A headline with a link
/// in it stays: the link may be the story's. (A dash, ` — `, leads to an outlet.)
pub fn after_headline<'a>(md: &'a str, title: &str) -> Option<&'a str> {
    let after = after_bold_lead_raw(md)?;
    let rest = after
        .strip_prefix([':', '：'])
        .or_else(|| after.strip_prefix("- "))?;
    if md[..md.len() - rest.len()].contains("](") {
        return None;
    }
    bold_lead(md)
        .is_some_and(|lead| lead == title)
        .then(|| rest.trim_start())
        .filter(|rest| !rest.is_empty())
}

/// A title for a story that has none: its bold lead, else the first clause of its text, but
/// never a part of a bold run it opens with: `**A $2T AI bet: DeepSeek reaches Nature?** The
/// industry…` is titled by the whole run (tester AG: cut at its colon or comma, a title could
/// say the opposite of the story's).
pub fn derive_title(md: &str) -> String {
    if let Some(lead) = bold_lead(md).filter(|lead| !is_topic_label(md, lead)) {
        return lead;
    }
    let text = plain(md);
    let clause = first_clause(past_hooks(&text));
    match opening_bold(md) {
        Some(run) if run.len() > clause.len() && run.starts_with(&clause) => cap(&run),
        _ => clause,
    }
}

/// `text` past the hooks it opens with: a short English question or exclamation that names
/// nothing (`Tired of slow builds?`, `Alarm bells are ringing!`) only draws the reader in, and
/// the sentence after it is the headline (tester AU). An emoji between goes with the hook.
fn past_hooks(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..MAX_HOOKS {
        let Some(len) = hook_len(rest) else { break };
        let next = rest[len..]
            .trim_start_matches(|c: char| !c.is_alphanumeric() && !"\"“‘'(（「『【[".contains(c));
        if !can_lead(next) {
            break;
        }
        rest = next;
    }
    rest
}

/// Whether the sentence after a hook can stand as the headline: it starts with a word that
/// does not lean back on the sentence before (`They've unveiled…` after `Google just dropped
/// a bombshell!`, which named it) nor only lead in (`According to…`); not with a number.
fn can_lead(text: &str) -> bool {
    const LEANS_BACK: &[&str] = &[
        "He",
        "She",
        "It",
        "They",
        "His",
        "Her",
        "Its",
        "Their",
        "But",
        "And",
        "So",
        "Yet",
        "According",
    ];
    let word = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    !word.is_empty() && !LEANS_BACK.contains(&word)
}

/// Hooks passed before the headline: `Tired of X? Want Y? **Z** does it.`
const MAX_HOOKS: usize = 2;

/// The length of the hook `text` opens with, if it does: its first sentence ends in `?` or
/// `!`, is Latin text, and opens as hooks do (see [`HOOK_OPENERS`]), or has a few words
/// without a digit or colon and names nothing — no word after the first has a capital (but
/// `I`: `vLLM` does), and the first is a plain word (`Whoa`; not `StreamDiT` or
/// `wireguard-fpga`) that the text does not use again as a name (`Xiaomi`).
fn hook_len(text: &str) -> Option<usize> {
    let (end, mark) = text.char_indices().find(|&(i, c)| {
        matches!(c, '.' | '?' | '!') && text[i + 1..].starts_with(char::is_whitespace)
    })?;
    let hook = &text[..end];
    if mark == '.' || hook.contains(crate::text::is_cjk) {
        return None;
    }
    let count = hook.split_whitespace().count();
    let mut words = hook.split_whitespace();
    let first = words
        .next()?
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    // A question such hooks open with, whatever it names (tester BA: `Tired of battling
    // PDF formats?` stayed a title).
    if mark == '?' && HOOK_OPENERS.contains(&first) && count <= MAX_OPENER_WORDS {
        return Some(end + 1);
    }
    if hook.contains(|c: char| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let mut letters = first.chars();
    let plain_word = letters.next().is_some_and(|c| c.is_ascii_uppercase())
        && letters.all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '’'));
    let stem = first.split(['\'', '’']).next().unwrap_or(first);
    let rest = &text[end + 1..];
    let named_again = rest
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word == stem);
    let a_name = |word: &str| {
        let pronoun = word == "I" || word.starts_with("I'") || word.starts_with("I’");
        !pronoun && word.contains(char::is_uppercase)
    };
    let few = count <= MAX_HOOK_WORDS;
    (plain_word && !named_again && few && !words.any(a_name)).then_some(end + 1)
}

/// The most words a hook has; one that opens as hooks do, more.
const MAX_HOOK_WORDS: usize = 8;
const MAX_OPENER_WORDS: usize = 14;

/// The first words of questions that only draw the reader in (`Tired of…?`, `Still…?`,
/// `Want to…?`).
const HOOK_OPENERS: &[&str] = &[
    "Tired",
    "Sick",
    "Fed",
    "Bored",
    "Annoyed",
    "Frustrated",
    "Worried",
    "Struggling",
    "Stuck",
    "Still",
    "Want",
    "Wanna",
    "Ever",
    "Dreaming",
    "Curious",
    "Looking",
];

/// The bold run a text opens with, as plain text, when it reads as a headline: not a label
/// (`**注意：**`), nor a lede set in bold (a sentence with its full stop, or more than one),
/// nor cut short by a bold run inside it (`**revenue hit **$13 billion**…`).
fn opening_bold(md: &str) -> Option<String> {
    let rest = md.trim_start().strip_prefix("**")?;
    let end = find_pair(rest.as_bytes(), b'*', b'*')?;
    if rest[end + 2..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '$')
    {
        return None;
    }
    let run = plain(&rest[..end]);
    (!run.ends_with([':', '：', '。', '.']) && is_one_sentence(&run)).then_some(run)
}

/// Whether nothing but closing quotes and brackets follows `s`'s first sentence end.
fn is_one_sentence(s: &str) -> bool {
    let closing = |c: char| c.is_whitespace() || "\"”'’)）」』".contains(c);
    for (i, c) in s.char_indices() {
        let after = &s[i + c.len_utf8()..];
        let ends = matches!(c, '。' | '！' | '？')
            || matches!(c, '.' | '!' | '?') && after.starts_with(char::is_whitespace);
        if ends {
            return after.trim_matches(closing).is_empty();
        }
    }
    true
}

/// A bold lead of a few Latin words before a colon or comma is the topic the text is about
/// (`**GPT-5**: The release of…`), not a headline, and so is one that a dash joins to the
/// sentence it begins (`**Gemini 3 Pro** – a brilliant creator…`; tester AY: titled
/// `Gemini 3 Pro`). Chinese is read as it is, and so is a lead before an outlet.
fn is_topic_label(md: &str, lead: &str) -> bool {
    let short_latin = !lead.chars().any(crate::text::is_cjk)
        && lead.split_whitespace().count() < MIN_CLAUSE_WORDS;
    // An outlet follows ` — ` (`**Dwell** — newest submissions`), in lower case too.
    let sentence_goes_on = |rest: &str| {
        let lower = |s: &str| s.starts_with(|c: char| c.is_lowercase());
        rest.starts_with([':', '：', ',', '，'])
            || rest
                .strip_prefix('–')
                .is_some_and(|s| lower(s.trim_start()))
            || rest.strip_prefix('—').is_some_and(lower)
    };
    short_latin && after_bold_lead_raw(md).is_some_and(sentence_goes_on)
}

/// The text up to the first clause-ending punctuation, long enough to read as a headline:
/// more than a few characters, and in text without Chinese a few words (`Heads up,` and
/// `However,` open a sentence; they are no headline), more before a comma.
pub fn first_clause(text: &str) -> String {
    let (mut count, mut words, mut cjk) = (0, 0, false);
    let mut chars = text.char_indices().peekable();
    let mut after_space = true;
    // Where the clause being read starts (after the last mark that could have ended one).
    let mut clause_start = 0;
    let mut width = 0;
    while let Some((i, c)) = chars.next() {
        count += 1;
        width += columns(c);
        cjk |= crate::text::is_cjk(c);
        words += usize::from(after_space && !c.is_whitespace());
        after_space = c.is_whitespace();
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends = matches!(c, '，' | '。' | '；' | '！' | '？' | '：' | '…')
            || (matches!(c, ',' | '.' | ';' | '!' | '?' | ':') && next_is_space);
        let min_words = if c == ',' {
            MIN_COMMA_CLAUSE_WORDS
        } else {
            MIN_CLAUSE_WORDS
        };
        let pause = matches!(c, '，' | '：' | ',' | ':');
        let leads_in = cjk
            && pause
            && (count <= MIN_PAUSE_CLAUSE_CHARS || is_lead_in(text[clause_start..i].trim()));
        if ends && count > MIN_CLAUSE_CHARS && (cjk || words >= min_words) && !leads_in {
            // A question or an exclamation keeps its mark, when the clause is not cut:
            // `免费午餐要结束了` said the opposite of `免费午餐要结束了？` (tester F).
            let mut clause = cap(without_citations(&text[..i]));
            // So does an ellipsis (`jokes...`; tester BE read `jokes..`).
            let ellipsis = c == '.' && clause.ends_with("..");
            if (matches!(c, '？' | '！' | '?' | '!') || ellipsis) && !clause.ends_with('…') {
                clause.push(c);
            }
            return clause;
        }
        if ends {
            clause_start = i + c.len_utf8();
        }
        if width > MAX_TITLE_COLUMNS {
            break;
        }
    }
    cap(without_citations(text.trim_start()))
}

/// `text` without the citation marks it ends with (`…across the board [1][323]`): the
/// numbers of the sources a summary draws on say nothing in a headline (tester DD).
fn without_citations(text: &str) -> &str {
    let mut rest = text.trim_end();
    while let Some((before, number)) = rest.strip_suffix(']').and_then(|r| r.rsplit_once('[')) {
        // (Four digits are a year's: `[2025]`.)
        let cited = (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
        if !cited || before.trim().is_empty() {
            break;
        }
        rest = before.trim_end();
    }
    rest
}

/// A Chinese clause that only leads into the news, so the headline goes on past it: who
/// tells it (`据报道`, `最新报告显示`, `阿里通义千问宣布`), or when or where (`12月20日`,
/// `当地时间12月21日晚`, `截至2025年10月`, `在火山引擎Force原动力大会上`, `收购完成后`), or under
/// what (`在AI生成内容泛滥的背景下`).
fn is_lead_in(clause: &str) -> bool {
    const TELLS: &[&str] = &[
        "宣布", "显示", "指出", "报道", "表示", "透露", "称", "介绍", "认为", "消息", "获悉",
        "发文", "撰文", "提到", "强调",
    ];
    const WHEN: &[&str] = &[
        "近日", "今天", "今日", "日前", "昨日", "昨天", "本周", "上周", "近期", "目前", "此前",
    ];
    const WHEN_LEADS: &[&str] = &["当地时间", "北京时间", "截至", "截止"];
    let short = clause.chars().count() <= 16;
    let dated =
        clause.contains(|c: char| c.is_ascii_digit()) && clause.contains(['年', '月', '日']);
    TELLS.iter().any(|t| clause.ends_with(t))
        || WHEN.contains(&clause)
        || short && (dated || WHEN_LEADS.iter().any(|w| clause.starts_with(w)))
        || clause.starts_with('在')
            && ["上", "中", "下", "期间", "之际"]
                .iter()
                .any(|e| clause.ends_with(e))
        || short && ["后", "时", "前夕"].iter().any(|e| clause.ends_with(e))
}

/// `s` cut to [`MAX_TITLE_COLUMNS`] with `…`; a Latin word is not cut in two (`…walls
/// i…`): the cut goes back to the space before it, unless that loses a third of the title.
fn cap(s: &str) -> String {
    let width = |s: &str| s.chars().map(columns).sum::<usize>();
    if width(s) <= MAX_TITLE_COLUMNS {
        return s.to_string();
    }
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !crate::text::is_cjk(c));
    // What fits with the `…`.
    let mut room = MAX_TITLE_COLUMNS - 1;
    let fits = s
        .char_indices()
        .find(|&(_, c)| match room.checked_sub(columns(c)) {
            Some(left) => {
                room = left;
                false
            }
            None => true,
        });
    let mut t = s[..fits.map_or(s.len(), |(i, _)| i)].to_string();
    if latin(t.chars().next_back())
        && latin(s[t.len()..].chars().next())
        && let Some(space) = t.rfind(char::is_whitespace)
        && width(&t[..space]) >= MAX_TITLE_COLUMNS * 2 / 3
    {
        t.truncate(space);
    }
    t.truncate(t.trim_end().len());
    t.push('…');
    t
}

/// Zero-width characters that break Markdown's emphasis rules and mean nothing on screen.
fn without_invisibles(s: &str) -> Cow<'_, str> {
    if has_invisibles(s) {
        s.replace(['\u{200b}', '\u{feff}', '\u{2060}'], "").into()
    } else {
        s.into()
    }
}

/// U+200B (E2 80 8B), U+2060 (E2 81 A0) or U+FEFF (EF BB BF), found by their lead bytes.
fn has_invisibles(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(0xE2, 0xEF, b).any(|i| {
        matches!(
            b.get(i..i + 3),
            Some([0xE2, 0x80, 0x8B] | [0xE2, 0x81, 0xA0] | [0xEF, 0xBB, 0xBF])
        )
    })
}

/// `[text](url)` left over from malformed Markdown (`**[text]**(url)`) → `text`.
fn without_link_syntax(s: &str) -> Cow<'_, str> {
    if !has_pair(s.as_bytes(), b']', b'(') {
        // Nothing to cut: the loop below would copy `s` unchanged.
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// No whitespace but single spaces between words: what `split_whitespace` + join would give.
/// Non-ASCII whitespace (U+0085 … U+3000) starts with one of the lead bytes C2, E1, E2, E3.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if prev_space => return false,
            b' ' => {
                prev_space = true;
                continue;
            }
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 if s[i..].starts_with(char::is_whitespace) => return false,
            _ => {}
        }
        prev_space = false;
    }
    true
}

/// Whether [`tidy`] returns `s` unchanged: nothing `clean_text` changes, no whitespace but
/// single spaces between words, no `**`, `__` or `](`, no leading `#`. A character it is
/// unsure of (any in U+2000–U+200F, say) makes it say no, and `tidy` does the full work.
fn is_tidy(s: &str) -> bool {
    let b = s.as_bytes();
    if matches!(b.first(), Some(b' ' | b'#')) || b.last() == Some(&b' ') {
        return false;
    }
    // Every place with the two bytes after it; the last two places see zeros past the end.
    let (next, third) = (
        b.get(1..).unwrap_or_default(),
        b.get(2..).unwrap_or_default(),
    );
    let inside = b.iter().zip(next).zip(third);
    let untidy = inside.fold(false, |any, ((&x, &y), &z)| any | untidy_at(x, y, z));
    let byte = |i: usize| b.get(i).copied().unwrap_or(0);
    let end =
        (b.len().saturating_sub(2)..b.len()).any(|i| untidy_at(b[i], byte(i + 1), byte(i + 2)));
    !(untidy || end)
}

/// Whether the character or pair starting with byte `x` (then `y`, `z`) keeps text from
/// being tidy: a control, a doubled space, `**`, `__` or `](`, or a character that is
/// whitespace or that `clean_text` changes (U+0080–U+00A0, U+061C, U+1680, U+2000–U+200F,
/// U+2028–U+202F, U+205F–U+206F, U+3000, U+FEFF). No branches and no early exit, so the
/// compiler checks many places at once.
#[inline(always)]
fn untidy_at(x: u8, y: u8, z: u8) -> bool {
    let within = |v: u8, lo: u8, hi: u8| v.wrapping_sub(lo) <= hi - lo;
    let general_punctuation = (y == 0x80) & (within(z, 0x80, 0x8f) | within(z, 0xa8, 0xaf))
        | (y == 0x81) & within(z, 0x9f, 0xaf);
    (x < 0x20)
        | (x == 0x7f)
        | (x == b' ') & (y == b' ')
        | (x == b'*') & (y == b'*')
        | (x == b'_') & (y == b'_')
        | (x == b']') & (y == b'(')
        | (x == 0xc2) & (y <= 0xa0)
        | (x == 0xd8) & (y == 0x9c)
        | (x == 0xe1) & (y == 0x9a)
        | (x == 0xe2) & general_punctuation
        | (x == 0xe3) & (y == 0x80) & (z == 0x80)
        | (x == 0xef) & (y == 0xbb) & (z == 0xbf)
}

/// Collapse whitespace, drop control characters and leftover emphasis markers.
pub fn tidy(s: &str) -> String {
    match tidy_prefix(s) {
        Some(len) => s[..len].to_string(),
        None => tidy_fully(s),
    }
}

/// A link's own word: what a link may say in place of a name.
pub(super) const LINK_WORDS: [&str; 7] =
    ["Link", "link", "链接", "原文", "Source", "source", "来源"];

/// A tidy title made a headline: without a link's own word in brackets (`tensorzero
/// ([Link](…)) 是…` read `tensorzero (Link) 是…`: tester BC) nor a name of its publication's,
/// `own` (see [`own_names`]), put in as one (`Qwen3-Coder - AI News`, `(AI资讯)`: tester BE),
/// which say nothing of the story, and without the full stop a sentence given as its title
/// ends with (`…带宽。`).
pub fn headline_in_place(title: &mut String, own: &OwnNames) {
    if title.contains(['(', '（', '-']) {
        // Each with whether it is the publication's, and whether it is put in after a dash
        // too (a link's word only in brackets: `Open - Source …`), where a tag ends the
        // words before a bracket or a stop (`- AI News (⭐8.6k) is`, not `- The AI features`).
        let words = LINK_WORDS.iter().map(|w| (*w, false, None));
        let names = own.names.iter().map(|w| (*w, true, Some(false)));
        let tags = own.tags.iter().map(|w| (w.as_str(), true, Some(true)));
        for (word, own, after_dash) in words.chain(names).chain(tags) {
            if !title.contains(word) {
                continue;
            }
            let dashed = after_dash.map(|_| ("- ", ""));
            let ends_words = after_dash == Some(true);
            for (open, close) in [("(", ")"), ("（", "）")].into_iter().chain(dashed) {
                let bracketed = format!("{open}{word}{close}");
                let mut from = 0;
                while let Some(at) = title[from..].find(&bracketed).map(|at| from + at) {
                    let end = at + bracketed.len();
                    // A dash's name ends where a word does (`- AI Newsletter` is another).
                    let next = if ends_words {
                        title[end..].trim_start()
                    } else {
                        &title[end..]
                    };
                    // A lowercase link word is a link's only at the end (`… ([source](…))`),
                    // a word of the title before it (`Why open (source) matters`: tester DU).
                    let lowercase = word.starts_with(char::is_lowercase) && !own;
                    let closes = title[end..].trim().is_empty();
                    if close.is_empty() && next.starts_with(char::is_alphanumeric)
                        || lowercase && !closes
                    {
                        from = end;
                        continue;
                    }
                    let mut start = title[..at].trim_end_matches(' ').len();
                    // `Discussion - (AI News)`, `Models – (AI Weekly)`: the dash goes with
                    // the name it put in (tester DU: an en dash stayed).
                    let dash = [" -", " –", " —"]
                        .iter()
                        .find(|d| title[..start].ends_with(**d));
                    if let Some(dash) = dash.filter(|_| own && !close.is_empty()) {
                        start = title[..start - dash.len()].trim_end_matches(' ').len();
                    }
                    title.replace_range(start..end, "");
                    from = start;
                }
            }
        }
    }
    // A `.` only after a small letter, a digit or a Chinese character: not an ellipsis's,
    // nor an abbreviation's (`U.S.`).
    let mut end = title.chars().rev();
    match (end.next(), end.next()) {
        (Some('。'), _) => title.truncate(title.trim_end_matches('。').len()),
        (Some('.'), Some(before))
            if before.is_lowercase() || before.is_ascii_digit() || crate::text::is_cjk(before) =>
        {
            title.pop();
        }
        _ => {}
    }
}

/// The names a publication may give itself in a title (see [`own_names`]).
pub struct OwnNames<'a> {
    /// Put in after a dash or in brackets: its name and its name's starts. Longest first.
    names: Vec<&'a str>,
    /// Put in in brackets only: two words of a name of it in their order.
    tags: Vec<String>,
}

/// The names a publication `source` may give itself in a title: its name, and its name's
/// starts of four characters or more that end where a word does, of two words or Chinese
/// (`AI News` of `AI News Daily`, `AI资讯` of `AI资讯日报`): not shorter, as `(AI)` in
/// `人工智能(AI)` is no name, nor one Latin word (`Google` of `Google AI Blog` names the
/// company as often). As tags in brackets, two words in their order of a Latin name of
/// three to six words, the source's or `titled`'s, its front matter's title without the date
/// (`(AI News)` of `AI Daily News Digest` titled `08-15-Daily AI News Daily`: tester DR).
pub fn own_names<'a>(source: &'a str, titled: Option<&str>) -> OwnNames<'a> {
    const WORDS_MOST: usize = 6;
    let names = name_starts(source);
    let mut tags = Vec::new();
    for name in std::iter::once(source).chain(titled) {
        let words: Vec<&str> = name.split_whitespace().collect();
        if !(3..=WORDS_MOST).contains(&words.len()) || !name.is_ascii() {
            continue;
        }
        for (at, first) in words.iter().enumerate() {
            for second in &words[at + 1..] {
                let tag = format!("{first} {second}");
                if !names.contains(&tag.as_str()) && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
    }
    OwnNames { names, tags }
}

/// [`own_names`]' starts of `source`.
fn name_starts(source: &str) -> Vec<&str> {
    let ends = source
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain([source.len()]);
    let mut names: Vec<&str> = ends
        .filter(|&end| {
            let next = source[end..].chars().next();
            let last = source[..end].chars().next_back();
            let name = &source[..end];
            name.chars().count() >= 4
                && (name.contains(' ') || name.chars().any(crate::text::is_cjk))
                && next.is_none_or(|n| n == ' ' || crate::text::is_cjk(n))
                && last.is_some_and(|l| l != ' ')
        })
        .map(|end| &source[..end])
        .collect();
    names.reverse();
    names
}

/// [`tidy`] in place: text that is tidy already, the common case, is not copied.
pub fn tidy_in_place(s: &mut String) {
    match tidy_prefix(s) {
        Some(len) => s.truncate(len),
        None => *s = tidy_fully(s),
    }
}

/// When `tidy(s)` is a prefix of `s`, its length. Most text is tidy already: one byte scan
/// instead of the passes of [`tidy_fully`]. Trailing spaces (every parsed paragraph ends
/// with one) go in its collapse whatever comes before them.
fn tidy_prefix(s: &str) -> Option<usize> {
    let trimmed = s.trim_end_matches(' ');
    is_tidy(trimmed).then_some(trimmed.len())
}

/// `s` without the `__` of strong emphasis; those inside a word are its text, as CommonMark
/// reads them (tester DI: the outlet `Twitter (@shao__meng)` read `@shaomeng`).
fn without_strong_underscores(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    while let Some(at) = s[from..].find("__").map(|at| from + at) {
        out.push_str(&s[from..at]);
        let (len, text) = crate::text::underscore_run(s[..at].chars().next_back(), &s[at..]);
        // Else each pair goes, as `__` ever did: `___` leaves `_`.
        let kept = if text { len } else { len % 2 };
        out.push_str(&s[at..at + kept]);
        from = at + len;
    }
    out.push_str(&s[from..]);
    out
}

/// [`tidy`] step by step.
fn tidy_fully(s: &str) -> String {
    let mut cleaned = crate::text::clean_text(s);
    // `replace` always allocates; most labels have no marker to remove.
    if has_pair(cleaned.as_bytes(), b'*', b'*') {
        cleaned = Cow::Owned(cleaned.replace("**", ""));
    }
    if has_pair(cleaned.as_bytes(), b'_', b'_') {
        cleaned = Cow::Owned(without_strong_underscores(&cleaned));
    }
    let cleaned = match without_link_syntax(&cleaned) {
        Cow::Borrowed(_) => cleaned,
        Cow::Owned(o) => Cow::Owned(o),
    };
    let out = if is_collapsed(&cleaned) {
        cleaned.into_owned()
    } else {
        let mut out = String::with_capacity(cleaned.len());
        for word in cleaned.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    };
    let kept = out.trim_start_matches('#').trim();
    if kept.len() == out.len() {
        return out;
    }
    kept.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A title is a headline: no link's own word in brackets, no closing full stop (tester
    /// BC); an ellipsis, an abbreviation and other marks stay.
    #[test]
    fn titles_leave_out_scripts_and_styles() {
        assert_eq!(
            plain("<script>alert(1)</script> 标题 <b>bold</b>"),
            "标题 bold"
        );
        assert_eq!(plain("<STYLE>p {}</STYLE>甲<scripts>乙</scripts>"), "甲乙");
    }

    #[test]
    fn titles_are_headlines() {
        let google = own_names("Google AI Blog", None);
        assert_eq!(google.names, ["Google AI Blog", "Google AI"]);
        assert_eq!(google.tags, ["Google Blog", "AI Blog"]);
        // (title, its publication, the headline)
        for (title, source, headline) in [
            (
                "讽刺性网站（AI资讯）意外引爆了辩论",
                "AI资讯日报",
                "讽刺性网站意外引爆了辩论",
            ),
            // Two words of a name, in brackets only (a review: `- The AI` of `The Rundown
            // AI` was cut out of a title).
            (
                "Apple WWDC recap - The AI features that matter",
                "The Rundown AI",
                "Apple WWDC recap - The AI features that matter",
            ),
            (
                "Models – (AI Daily) out",
                "AI Daily News Digest",
                "Models out",
            ),
            (
                "Qwen3-Coder - AI News (⭐8.6k) is",
                "AI Daily News Digest",
                "Qwen3-Coder (⭐8.6k) is",
            ),
            (
                "A blogger posed a sharp reflection (AI News)",
                "AI Daily News Digest",
                "A blogger posed a sharp reflection",
            ),
        ] {
            let mut t = title.to_string();
            headline_in_place(&mut t, &own_names(source, None));
            assert_eq!(t, headline, "{title:?} of {source:?}");
        }
        for (title, headline) in [
            (
                "tensorzero (Link) 是一款拥有4869个Star的项目",
                "tensorzero 是一款拥有4869个Star的项目",
            ),
            (
                "the development of \"wise AI\" (Link), which",
                "the development of \"wise AI\", which",
            ),
            ("项目（链接）拥有2940个Star", "项目拥有2940个Star"),
            (
                "团队重新采用Linear以释放核心工作带宽。",
                "团队重新采用Linear以释放核心工作带宽",
            ),
            ("It is completely free.", "It is completely free"),
            ("Released in 2026.", "Released in 2026"),
            ("Made in the U.S.", "Made in the U.S."),
            ("To be continued...", "To be continued..."),
            ("Is it over?", "Is it over?"),
            ("A link (Linked) stays", "A link (Linked) stays"),
            ("OpenAI ships a model (source)", "OpenAI ships a model"),
            ("Why open (source) matters", "Why open (source) matters"),
            (
                "Qwen3-Coder - AI News (⭐8.6k) is",
                "Qwen3-Coder (⭐8.6k) is",
            ),
            (
                "Cursor has launched Bugbot - AI News, a system",
                "Cursor has launched Bugbot, a system",
            ),
            (
                "A blogger posed a sharp reflection (AI News)",
                "A blogger posed a sharp reflection",
            ),
            ("Read it - AI Newsletter", "Read it - AI Newsletter"),
            (
                "A new paper from Read Paper - (AI News) reveals",
                "A new paper from Read Paper reveals",
            ),
            ("人工智能(AI)安全", "人工智能(AI)安全"),
            ("Open - Source models", "Open - Source models"),
        ] {
            let mut t = title.to_string();
            headline_in_place(&mut t, &own_names("AI News Daily", None));
            assert_eq!(t, headline, "{title:?}");
        }
    }

    #[test]
    fn plain_strips_markup() {
        assert_eq!(
            plain("**OpenAI** 发布 [GPT](https://x.y) `API` &amp; <b>更多</b>"),
            "OpenAI 发布 GPT API & 更多"
        );
        assert_eq!(plain("前\u{200b}**加粗**后"), "前加粗后");
        assert_eq!(plain("未闭合 **粗体"), "未闭合 粗体");
        assert_eq!(plain("~~删除~~ 保留，1~2 周"), "删除 保留，1~2 周");
        assert_eq!(
            plain("**[Qwen3-Coder]**(https://g.example/q) (⭐8.6k) is"),
            "Qwen3-Coder (⭐8.6k) is"
        );
    }

    #[test]
    fn bold_lead_only_when_it_stands_as_headline() {
        assert_eq!(
            bold_lead("**谷歌推出 D4RT 模型**，将 4D 时空理解"),
            Some("谷歌推出 D4RT 模型".into())
        );
        assert_eq!(
            bold_lead("**How GPT-5 helped** — openai · 2026"),
            Some("How GPT-5 helped".into())
        );
        assert_eq!(bold_lead("**rtk** 是一个 Rust 工具"), None);
        assert_eq!(bold_lead("小米宣布 **MiMo**，"), None);
    }

    #[test]
    fn first_clause_cuts_at_punctuation_after_a_minimum() {
        assert_eq!(
            first_clause("据报道，微软正鼓励员工使用 Claude Code。其他"),
            "据报道，微软正鼓励员工使用 Claude Code"
        );
        assert_eq!(
            first_clause("Venture capital remains hot, particularly in AI. More."),
            "Venture capital remains hot, particularly in AI"
        );
        // A comma in Latin text sets off a phrase before eight words; after, it may end one.
        assert_eq!(
            first_clause("Looking for a secure, reliable AI tool? Try this."),
            "Looking for a secure, reliable AI tool?"
        );
        assert_eq!(
            first_clause("免费午餐要结束了？ChatGPT可能很快就要加广告。"),
            "免费午餐要结束了？"
        );
        assert_eq!(
            first_clause("When AI tries to understand human jokes... things get awkward."),
            "When AI tries to understand human jokes..."
        );
        // A short Chinese clause before a comma is a hook or a scene, not yet the news
        // (tester H: `你有没有想过`, `图像编辑界风云再起` for titles).
        assert_eq!(
            first_clause("你有没有想过，未来的AI可能会比你自己更了解你？后文。"),
            "你有没有想过，未来的AI可能会比你自己更了解你？"
        );
        assert_eq!(
            first_clause("图像编辑界风云再起，nano-banana 横空出世。后文。"),
            "图像编辑界风云再起，nano-banana 横空出世"
        );
        assert_eq!(
            first_clause("阿里云发布新一代通义千问大模型，性能提升。"),
            "阿里云发布新一代通义千问大模型"
        );
        // Under what, however long (tester I).
        assert_eq!(
            first_clause("在AI生成内容泛滥的背景下，一款新应用上线。"),
            "在AI生成内容泛滥的背景下，一款新应用上线"
        );
        assert_eq!(
            first_clause("Research teams from six top universities released a model, and more."),
            "Research teams from six top universities released a model"
        );
        assert_eq!(first_clause("GPT-5.2 Pro 发布"), "GPT-5.2 Pro 发布");
        // A summary's citation marks are no part of its headline (tester DD).
        assert_eq!(
            first_clause("Prices are rising for drives across the board [1][323]. More."),
            "Prices are rising for drives across the board"
        );
        assert_eq!(first_clause("芯片价格普遍上涨 [7]"), "芯片价格普遍上涨");
        assert_eq!(first_clause("[7]"), "[7]");
        assert_eq!(first_clause("十大模型盘点 [2025]"), "十大模型盘点 [2025]");
        assert_eq!(
            first_clause("Model [v2] ships today, as planned"),
            "Model [v2] ships today, as planned"
        );
        assert_eq!(
            first_clause("Heads up, there's a new AI threat on the block: more."),
            "Heads up, there's a new AI threat on the block"
        );
        assert_eq!(
            first_clause("Hold up! Are we testing AI the right way? Maybe not."),
            "Hold up! Are we testing AI the right way?"
        );
        assert_eq!(
            first_clause("然而，这次发布的模型更快。"),
            "然而，这次发布的模型更快"
        );
        // A clause that only says who tells it, or when or where, leads into the headline.
        for (text, title) in [
            (
                "11月18日，蚂蚁集团发布AI助手。其他",
                "11月18日，蚂蚁集团发布AI助手",
            ),
            (
                "据报道，截至2025年10月，用户破亿。",
                "据报道，截至2025年10月，用户破亿",
            ),
            (
                "中国信通院数据显示，产业规模突破9000亿元。",
                "中国信通院数据显示，产业规模突破9000亿元",
            ),
            (
                "在2025云栖大会上，斑马智行推出方案。",
                "在2025云栖大会上，斑马智行推出方案",
            ),
        ] {
            assert_eq!(first_clause(text), title);
        }
        assert_eq!(
            derive_title("**GPT-5**: The release of **GPT-5** has sent waves, and more."),
            "GPT-5: The release of GPT-5 has sent waves"
        );
        assert_eq!(
            derive_title("**谷歌发布 Gemini 3**，速度更快。"),
            "谷歌发布 Gemini 3"
        );
        // A bold run opening the text is its headline whole, however punctuated (tester AG).
        for (text, title) in [
            (
                "**A $2T AI bet: DeepSeek reaches Nature while Meta lags?** The industry grew.",
                "A $2T AI bet: DeepSeek reaches Nature while Meta lags?",
            ),
            (
                "**Anthropic 估值飙升至3500亿美元，领跑大模型竞赛** 据报道，融资进入最后阶段。",
                "Anthropic 估值飙升至3500亿美元，领跑大模型竞赛",
            ),
            (
                "**A new essay says model progress is now bottlenecked by ideas, not compute**. \
                 The author argues.",
                "A new essay says model progress is now bottlenecked by ideas, not compute",
            ),
            // A label is no headline: the clause goes on past it; nor is a sentence.
            (
                "**注意：**这是一次重要的更新，速度更快。",
                "注意：这是一次重要的更新",
            ),
            (
                "**据报道，苹果已启动首款自研服务器芯片项目。**项目代号 Baltra。",
                "据报道，苹果已启动首款自研服务器芯片项目",
            ),
            (
                "**Still training one model per task? Researchers dropped a fix.** It works.",
                "Researchers dropped a fix",
            ),
            (
                "**Revenue is blowing minds, with sales up to **$13 billion** this year.** More.",
                "Revenue is blowing minds, with sales up to $13 billion this year",
            ),
            // A dash joins a short bold lead to the sentence it begins; not an outlet's.
            (
                "**Gemini 3 Pro** – a brilliant creator, but a terrible editor? More.",
                "Gemini 3 Pro – a brilliant creator, but a terrible editor?",
            ),
            (
                "**Prompts**—could they be the new technical debt? A view.",
                "Prompts—could they be the new technical debt?",
            ),
            ("**Dwell** — newest submissions", "Dwell"),
            // A bold word inside the first clause leaves the clause as it is.
            (
                "**rtk** 是一个 Rust 工具，速度很快。",
                "rtk 是一个 Rust 工具",
            ),
        ] {
            assert_eq!(derive_title(text), title, "{text}");
        }
        let long = "字".repeat(200);
        assert_eq!(first_clause(&long).chars().count(), MAX_TITLE_COLUMNS / 2);
    }

    #[test]
    fn a_hook_that_names_nothing_gives_the_title_to_the_sentence_after_it() {
        for (text, title) in [
            (
                "Sirens are wailing! 🚨 **Acme** says its robots learned to juggle.",
                "Acme says its robots learned to juggle",
            ),
            (
                "Sick of slow builds? Want more? The **Zap** compiler halves them.",
                "The Zap compiler halves them",
            ),
            // The hook named its subject: the next sentence leans back on it.
            (
                "Globex just dropped a bombshell! They released a model.",
                "Globex just dropped a bombshell!",
            ),
            (
                "Initech is finally here! Initech makes staplers smarter.",
                "Initech is finally here!",
            ),
            (
                "Is vLLM too slow for you? Try this instead.",
                "Is vLLM too slow for you?",
            ),
            // A question opening as hooks do is one, whatever it names.
            (
                "Tired of battling PDF formats in 2025? **Docling** reads them all.",
                "Docling reads them all",
            ),
            // No sentence after it that could lead.
            (
                "Good news! 42 models shipped today.",
                "Good news! 42 models shipped today",
            ),
            (
                "What a week it has been for robots!",
                "What a week it has been for robots!",
            ),
            (
                "重磅！谷歌发布新模型，速度更快。",
                "重磅！谷歌发布新模型，速度更快",
            ),
        ] {
            assert_eq!(derive_title(text), title, "{text}");
        }
        // A Latin word is not cut: the title ends before it.
        let words = "Small and medium enterprises keep hitting walls in adopting AI tools for their \
                     daily work as they face the costs of training staff and the lack of data they \
                     can trust enough to build on";
        assert_eq!(
            first_clause(words),
            "Small and medium enterprises keep hitting walls in adopting AI tools for their \
             daily work as they face the costs of training staff and the lack of data they…"
        );
        let word = "x".repeat(200);
        assert_eq!(
            first_clause(&format!("A {word}")).chars().count(),
            MAX_TITLE_COLUMNS
        );
        // An English headline of a sentence is kept whole where 80 letters cut it (tester BE).
        let sentence = "Anthropic's AI assistant, Claude, has announced a deep integration with \
                        global payment networks";
        assert_eq!(first_clause(sentence), sentence);
    }

    /// Pieces of inline Markdown that the fast paths take.
    const PLAIN_PIECES: &[&str] = &[
        "**",
        "!",
        " ",
        "  ",
        "，",
        "。",
        "：",
        "🤖",
        "é",
        "\u{3000}",
        "\u{a0}",
        "\u{200b}",
        "-",
        "1.",
        "(",
        ")",
        "]",
        "[链接](https://a.example/x)",
        "![图](https://i.example/p.png)",
        "[a](<https://b.example/y>)",
        "[b](javascript:x)",
        "[c](https://c.example/a_b*c)",
        "<br/>",
        "<br>",
        "<br />",
    ];
    /// Pieces that make them hand over to the parser (or must not change what it would do).
    /// No `\r`: text reaching these functions has LF line endings (decoding sees to it).
    const OTHER_PIECES: &[&str] = &[
        "*",
        "***",
        "****",
        "_",
        "__",
        "`",
        "[",
        "](",
        "]:",
        "#",
        ">",
        "<",
        "&",
        "&amp;",
        "\\",
        "~",
        "~~~",
        "```",
        "|",
        "- ",
        "+ ",
        "1. ",
        "2)",
        "=",
        ":",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "\u{1b}[1m",
        "\u{85}",
        "\u{9b}",
        "\u{200d}",
        "\u{2028}",
        "\u{feff}",
        "<b>",
        "</b>",
        "[d](https://d.example/(x))",
        "[e f](https://e.example \"t\")",
    ];

    fn inline_md() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            1 => proptest::sample::select(&["1. ", "12) ", "- ", "+ ", "3."][..]).prop_map(String::from),
            6 => proptest::sample::select(PLAIN_PIECES).prop_map(String::from),
            1 => proptest::sample::select(OTHER_PIECES).prop_map(String::from),
            3 => "[a-zA-Z0-9]{1,6}",
            3 => "[\u{4e00}-\u{4e10}]{1,3}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    /// A `__` inside a word is its text, as the reader shows it (tester DI: the outlet
    /// `@shao__meng` read `@shaomeng`); around words it marks strong emphasis.
    #[test]
    fn underscores_inside_a_word_are_kept() {
        assert_eq!(tidy("Twitter (@shao__meng)"), "Twitter (@shao__meng)");
        assert_eq!(
            tidy("__重磅__ 发布 snake__case a___b"),
            "重磅 发布 snake__case a___b"
        );
        assert_eq!(
            plain("感谢 @shao__meng 和 **大家**"),
            "感谢 @shao__meng 和 大家"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Each shortcut gives what the long way gives, whenever it is taken.
        #[test]
        fn fast_paths_agree_with_the_parser(md in inline_md()) {
            let visible = without_invisibles(&md);
            if !has_markup(&md) {
                prop_assert_eq!(tidy(&md), plain_by_parser(&md));
            }
            if let Some(text) = simple_inline(&visible) {
                prop_assert_eq!(tidy(&text), plain_by_parser(&visible));
            }
            prop_assert_eq!(first_link(&md), first_link_in(&md));
            if let Some((text, _)) = first_link(&md) {
                prop_assert_eq!(plain_of_link(&md, text), plain(&md));
            }
            prop_assert_eq!(tidy(&md), tidy_fully(&md));
        }
    }

    proptest! {
        #[test]
        fn a_lone_link_reads_as_its_text(
            md in "\\[[a-z字 \u{200b}\u{200d}\u{9b}\t*_&;]{0,6}\\]\\((https?://)?[a-z./_&;*]{0,8}\\)"
        ) {
            if let Some((text, _)) = first_link(&md) {
                prop_assert_eq!(plain_of_link(&md, text), plain(&md));
            }
        }
    }

    /// A control character in a destination is encoded, as the reader shows and opens it:
    /// Markdown reads no link there, and the next one was taken (tester CO).
    #[test]
    fn a_link_with_a_control_character_is_found_encoded() {
        let url = |md| first_link(md).map(|(_, url)| url);
        let md = "[故事](https://e.example/b\x1b[2Jclear) 另见 [内](https://inner.example/x)";
        assert_eq!(url(md).as_deref(), Some("https://e.example/b%1B[2Jclear"));
        let md = "见 [故事](https://e.example/\x7f) 和 [内](https://inner.example/x)";
        assert_eq!(url(md).as_deref(), Some("https://e.example/%7F"));
        // A C1 one too (tester CP).
        let md = "[故事](https://e.example/c1\u{9b}2Jz) 另见 [内](https://inner.example/x)";
        assert_eq!(url(md).as_deref(), Some("https://e.example/c1%C2%9B2Jz"));
    }

    #[test]
    fn first_link_skips_images_and_non_web_links() {
        let md = "![图](https://img/x.png) 见 [公告](https://a.b/c) 和 [d](https://e.f)";
        assert_eq!(
            first_link(md),
            Some(("公告".into(), "https://a.b/c".into()))
        );
        assert_eq!(first_link("[x](javascript:alert(1))"), None);
        assert_eq!(first_link("[x](https://a.b/&#27;]0;t&#7;)"), None);
        // A link around a picture alone, or with no text, is the picture's: passed over.
        let md = "某公司发布新模型。\n\n[![图片](https://i.b/x.avif)](https://i.b/x.avif)\n\n\
                  [ ](https://i.b/y) ['更多详情'](https://x.com/a/1)";
        assert_eq!(
            first_link(md),
            Some(("'更多详情'".into(), "https://x.com/a/1".into()))
        );
        // Words beside the picture make it the story's link.
        let md = "[![图](https://i.b/x.png) 原文](https://a.b/c)";
        assert_eq!(
            first_link(md),
            Some(("原文".into(), "https://a.b/c".into()))
        );
    }
}
