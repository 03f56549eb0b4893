//! Inline Markdown → plain text, links and headline-like leads: the pieces titles are made of.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Longest title kept, in chars; longer first clauses are cut with `…`.
const MAX_TITLE_CHARS: usize = 80;
/// A first clause shorter than this is not a headline (`据报道，`), so the next clause joins it.
const MIN_CLAUSE_CHARS: usize = 6;

/// Plain text of inline Markdown: emphasis, code and links reduced to their text, HTML tags
/// dropped, entities decoded, whitespace collapsed, stray `**`/`__` removed.
pub fn plain(md: &str) -> String {
    // Most titles hold no Markdown at all; parsing them would be the parser's main cost.
    if !has_markup(md) {
        return tidy(md);
    }
    let md = without_invisibles(md);
    // A lone `[text](url)` (every `链接：` line) parses to its text and a paragraph end.
    if let Some((text, _)) = simple_link(&md) {
        let mut out = String::with_capacity(text.len() + 1);
        out.push_str(text);
        out.push(' ');
        return tidy(&out);
    }
    // One line of text whose only markup is `**` bold: the parser drops the delimiters it
    // pairs and keeps the others, and `tidy` drops every `**` left; so does dropping them all.
    if only_bold_markup(&md) {
        let mut out = String::with_capacity(md.len() + 1);
        out.push_str(&md);
        out.push(' ');
        return tidy(&out);
    }
    let mut out = String::with_capacity(md.len());
    for event in Parser::new(&md) {
        match event {
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

/// The first link that is not an image: (text, url).
pub fn first_link(md: &str) -> Option<(String, String)> {
    if !has_pair(md.as_bytes(), b']', b'(') {
        return None;
    }
    if let Some((text, url)) = simple_link(md) {
        return is_web_url(url).then(|| (tidy(text), url.to_string()));
    }
    if let Some((text, url)) = leading_link(md)
        && is_web_url(url)
    {
        return Some((tidy(text), url.to_string()));
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
            Event::Text(t) | Event::Code(t) => {
                if let Some((text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, url)) = current.take()
                    && is_web_url(&url)
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
/// parses to itself.
const MARKUP: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"*_`[<&\\!#>~|\n";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

fn has_markup(md: &str) -> bool {
    md.bytes().any(|b| MARKUP[b as usize])
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

/// Link text with no syntax in it: its text events are itself.
fn plain_link_text(text: &str) -> bool {
    !text.is_empty()
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

/// A single-line paragraph (not a heading, list item, rule or code) whose only Markdown is
/// `**` runs of exactly two stars, with nothing `sanitize` treats by context (controls, tabs,
/// escapes, zero-width joiners) that the removed stars could have been next to.
fn only_bold_markup(md: &str) -> bool {
    let b = md.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    // Paragraph starts only: no indent, no `-`/`+`/`*␠` bullet, `1.`/`1)` item, `=`, etc.
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if first.is_ascii_whitespace()
        || matches!(first, b'-' | b'+' | b'=' | b':')
        || (digits > 0 && matches!(b.get(digits), Some(b'.' | b')')))
    {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'*' {
            let run = b[i..].iter().take_while(|&&c| c == b'*').count();
            if run != 2 {
                return false;
            }
            i += run;
            continue;
        }
        if c < 0x20
            || c == 0x7f
            || MARKUP[c as usize]
            || (c == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)))
            || (c == 0xE2 && b.get(i + 1..i + 3) == Some(&[0x80, 0x8D]))
        {
            return false;
        }
        i += 1;
    }
    true
}

/// `[text](url)` or `[text](<url>)` opening `md`, text and url plain as in [`simple_link`]:
/// nothing before it can hide it, so it is the first link event of `md` whatever follows.
fn leading_link(md: &str) -> Option<(&str, &str)> {
    let rest = md.strip_prefix('[')?;
    let close = memchr::memchr(b']', rest.as_bytes())?;
    let text = &rest[..close];
    let after = rest[close + 1..].strip_prefix('(')?;
    let url = match after.strip_prefix('<') {
        Some(a) => {
            let end = memchr::memchr(b'>', a.as_bytes())?;
            a[end + 1..].strip_prefix(')')?;
            &a[..end]
        }
        None => &after[..memchr::memchr(b')', after.as_bytes())?],
    };
    (plain_link_text(text) && plain_link_url(url)).then_some((text, url))
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
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

/// A title for a story that has none: its bold lead, else the first clause of its text.
pub fn derive_title(md: &str) -> String {
    bold_lead(md).unwrap_or_else(|| first_clause(&plain(md)))
}

/// The text up to the first clause-ending punctuation, long enough to read as a headline.
pub fn first_clause(text: &str) -> String {
    let mut count = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        count += 1;
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends = matches!(c, '，' | '。' | '；' | '！' | '？' | '：' | '…')
            || (matches!(c, ',' | '.' | ';' | '!' | '?' | ':') && next_is_space);
        if ends && count > MIN_CLAUSE_CHARS {
            return cap(text[..i].trim_end());
        }
        if count > MAX_TITLE_CHARS {
            break;
        }
    }
    cap(text.trim())
}

fn cap(s: &str) -> String {
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s.to_string();
    }
    let mut t: String = s.chars().take(MAX_TITLE_CHARS - 1).collect();
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

/// Collapse whitespace, drop control characters and leftover emphasis markers.
pub fn tidy(s: &str) -> String {
    let mut cleaned = crate::text::sanitize(s);
    // `replace` always allocates; most labels have no marker to remove.
    if has_pair(cleaned.as_bytes(), b'*', b'*') {
        cleaned = Cow::Owned(cleaned.replace("**", ""));
    }
    if has_pair(cleaned.as_bytes(), b'_', b'_') {
        cleaned = Cow::Owned(cleaned.replace("__", ""));
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

    #[test]
    fn plain_strips_markup() {
        assert_eq!(
            plain("**OpenAI** 发布 [GPT](https://x.y) `API` &amp; <b>更多</b>"),
            "OpenAI 发布 GPT API & 更多"
        );
        assert_eq!(plain("前\u{200b}**加粗**后"), "前加粗后");
        assert_eq!(plain("未闭合 **粗体"), "未闭合 粗体");
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
            first_clause("Venture capital remains hot, particularly in AI."),
            "Venture capital remains hot"
        );
        assert_eq!(first_clause("GPT-5.2 Pro 发布"), "GPT-5.2 Pro 发布");
        let long = "字".repeat(200);
        assert_eq!(first_clause(&long).chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn first_link_skips_images_and_non_web_links() {
        let md = "![图](https://img/x.png) 见 [公告](https://a.b/c) 和 [d](https://e.f)";
        assert_eq!(
            first_link(md),
            Some(("公告".into(), "https://a.b/c".into()))
        );
        assert_eq!(first_link("[x](javascript:alert(1))"), None);
    }
}
