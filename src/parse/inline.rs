//! Inline Markdown → plain text, links and headline-like leads: the pieces titles are made of.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Longest title kept, in chars; longer first clauses are cut with `…`.
const MAX_TITLE_CHARS: usize = 80;
/// A first clause shorter than this is not a headline (`据报道，`), so the next clause joins it.
const MIN_CLAUSE_CHARS: usize = 6;

/// Plain text of inline Markdown: emphasis, code and links reduced to their text, HTML tags
/// dropped, entities decoded, whitespace collapsed, stray `**`/`__` removed.
pub fn plain(md: &str) -> String {
    // Most titles hold no Markdown at all; parsing them would be the parser's main cost.
    if !md.contains([
        '*', '_', '`', '[', '<', '&', '\\', '!', '#', '>', '~', '|', '\n',
    ]) {
        return tidy(md);
    }
    let mut out = String::with_capacity(md.len());
    for event in Parser::new(&without_invisibles(md)) {
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
    if !md.contains("](") {
        return None;
    }
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

fn is_web_url(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// A bold run that opens the text and stands as a headline: `**谷歌发布 X**，…` or
/// `**Headline** — outlet`. A bold name inside a sentence (`**rtk** 是…`) is not one.
pub fn bold_lead(md: &str) -> Option<String> {
    let s = without_invisibles(md);
    let rest = s.trim_start().strip_prefix("**")?;
    let end = rest.find("**")?;
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
fn without_invisibles(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\u{200b}', '\u{feff}', '\u{2060}']) {
        s.replace(['\u{200b}', '\u{feff}', '\u{2060}'], "").into()
    } else {
        s.into()
    }
}

/// `[text](url)` left over from malformed Markdown (`**[text]**(url)`) → `text`.
fn without_link_syntax(s: &str) -> String {
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
    out
}

/// Collapse whitespace, drop control characters and leftover emphasis markers.
pub fn tidy(s: &str) -> String {
    let cleaned = crate::text::sanitize(s);
    let cleaned = without_link_syntax(&cleaned.replace("**", "").replace("__", ""));
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_start_matches('#').trim().to_string()
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
