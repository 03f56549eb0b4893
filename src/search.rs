//! Finding stories again: the query language and matching. Chinese is matched as substrings
//! (no word segmentation), Latin case-insensitively, full-width forms as half-width, and
//! zero-width characters are ignored.

use crate::model::{Digest, Item};

/// A parsed query: every term must match (AND), no excluded term may; prefixes narrow the
/// scope. `英伟达 "open source" -传闻 source:AI date:2026-01 category:开源`
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
    pub excluded: Vec<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    pub date: Option<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        for token in tokens(input) {
            let (negated, word) = match token.strip_prefix('-') {
                Some(rest) if !rest.is_empty() && !token.quoted => (true, rest.to_string()),
                _ => (false, token.text.clone()),
            };
            let prefixed = |p: &str| {
                (!token.quoted)
                    .then(|| word.strip_prefix(p))
                    .flatten()
                    .filter(|v| !v.is_empty())
            };
            if let Some(v) = prefixed("source:") {
                q.source = Some(fold(v));
            } else if let Some(v) = prefixed("category:") {
                q.category = Some(fold(v));
            } else if let Some(v) = prefixed("date:") {
                q.date = Some(v.to_string());
            } else if !fold(&word).is_empty() {
                if negated {
                    q.excluded.push(fold(&word))
                } else {
                    q.terms.push(fold(&word))
                }
            }
        }
        q
    }

    pub fn is_empty(&self) -> bool {
        self == &Query::default()
    }

    /// Whether the digest and item are in the query's scope (source / category / date).
    pub fn in_scope(&self, digest: &Digest, item: &Item) -> bool {
        let date = digest.date.map(|d| d.to_string()).unwrap_or_default();
        self.date
            .as_ref()
            .is_none_or(|d| date.starts_with(d.as_str()))
            && self
                .source
                .as_ref()
                .is_none_or(|s| fold(&digest.source).contains(s.as_str()))
            && self.category.as_ref().is_none_or(|c| {
                let own = item
                    .category
                    .as_deref()
                    .is_some_and(|x| fold(x).contains(c.as_str()));
                own || item
                    .unified
                    .as_ref()
                    .is_some_and(|u| fold(&u.name).contains(c.as_str()))
            })
    }

    /// A hit when the item is in scope and its title and text hold every term and no
    /// excluded one.
    pub fn find(&self, digest: &Digest, item: &Item) -> Option<Hit> {
        if !self.in_scope(digest, item) {
            return None;
        }
        let text = searchable_text(item);
        let folded = fold(&text);
        if !self.terms.iter().all(|t| folded.contains(t.as_str()))
            || self.excluded.iter().any(|t| folded.contains(t.as_str()))
        {
            return None;
        }
        Some(Hit {
            snippet: snippet(&text, self.terms.first().map(String::as_str)),
        })
    }
}

/// A match, with a one-line snippet around the first term (`match_range` in bytes of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub match_range: Option<std::ops::Range<usize>>,
}

struct Token {
    text: String,
    quoted: bool,
}

impl std::ops::Deref for Token {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// Words split on whitespace; `"a phrase"` (straight or curly quotes) stays one token.
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' || c == '“' {
            chars.next();
            let text: String = chars
                .by_ref()
                .take_while(|&c| c != '"' && c != '”')
                .collect();
            out.push(Token { text, quoted: true });
        } else {
            let mut text = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                text.push(c);
                chars.next();
            }
            out.push(Token {
                text,
                quoted: false,
            });
        }
    }
    out
}

/// The text a story is searched in: its title and its body as plain text.
pub fn searchable_text(item: &Item) -> String {
    format!("{} {}", item.title, crate::parse::plain_text(&item.body))
}

/// What the index keeps of a story for search: the title on the first line, then the body
/// as text on one line. Markup is stripped by a byte scan rather than a Markdown parse (which
/// would be most of the indexing time): link targets, emphasis marks, tags, quote, heading
/// and list markers go; zero-width characters go too, since queries ignore them.
pub fn searchable(title: &str, body_md: &str) -> String {
    let mut out = String::with_capacity(title.len() + body_md.len() + 1);
    push_visible(&title.replace('\n', " "), &mut out);
    out.push('\n');
    for line in body_md.lines() {
        let text = line_content(line);
        if !text.is_empty() {
            if !out.ends_with('\n') {
                out.push(' ');
            }
            push_inline(text, &mut out);
        }
    }
    out
}

/// The line without block markers (`#`, `>`, list bullets and numbers, table rules).
fn line_content(line: &str) -> &str {
    let mut t = line.trim();
    loop {
        let before = t.len();
        t = t
            .trim_start_matches('#')
            .trim_start_matches('>')
            .trim_start();
        for bullet in ["- ", "* ", "+ "] {
            t = t.strip_prefix(bullet).unwrap_or(t);
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && t[digits..].starts_with(". ") {
            t = &t[digits + 2..];
        }
        if t.len() == before {
            break;
        }
    }
    if t.bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'=' | b'*' | b'_'))
    {
        return "";
    }
    t
}

/// Inline text without link targets, emphasis marks and tags.
fn push_inline(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']', '*', '`', '<', '|', '!', '_']) {
        push_visible(&rest[..at], out);
        let tail = &rest[at..];
        let skip = if let Some(after) = tail.strip_prefix("](") {
            // A link target: up to its closing parenthesis (or the line's end).
            out.push(' ');
            after.find(')').map_or(tail.len(), |e| e + 3)
        } else if tail.starts_with('<')
            && tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            tail.find('>').map_or(1, |e| e + 1)
        } else if tail.starts_with("![") || tail.starts_with('|') {
            out.push(' ');
            1
        } else if tail.starts_with(['[', ']', '*', '`']) {
            1
        } else if tail.starts_with("__") {
            2
        } else {
            out.push_str(&tail[..1]);
            1
        };
        rest = &tail[skip..];
    }
    push_visible(rest, out);
}

fn push_visible(s: &str, out: &mut String) {
    // Zero-width characters all start with 0xE2 or 0xEF; most text has neither byte.
    if memchr::memchr2(0xe2, 0xef, s.as_bytes()).is_some() && s.contains(is_zero_width) {
        out.extend(s.chars().filter(|&c| !is_zero_width(c)));
    } else {
        out.push_str(s);
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// One char folded: lower case, full-width ASCII forms and the ideographic space as their
/// half-width forms; zero-width characters dropped.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
        '\u{3000}' => out.push(' '),
        '\u{ff01}'..='\u{ff5e}' => out.extend(
            char::from_u32(c as u32 - 0xfee0)
                .into_iter()
                .flat_map(char::to_lowercase),
        ),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Chars of context kept on each side of the match.
const SNIPPET_CONTEXT: usize = 24;

fn snippet(text: &str, term: Option<&str>) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let found = term.and_then(|t| find_folded(&chars, t));
    let (start, end) = match found {
        Some((s, e)) => (
            s.saturating_sub(SNIPPET_CONTEXT),
            (e + SNIPPET_CONTEXT).min(chars.len()),
        ),
        None => (0, (SNIPPET_CONTEXT * 3).min(chars.len())),
    };
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let body_start = out.len();
    out.push_str(&text[byte(start)..byte(end)]);
    let match_range =
        found.map(|(s, e)| body_start + byte(s) - byte(start)..body_start + byte(e) - byte(start));
    if end < chars.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        match_range,
    }
}

/// The first place `term` (already folded) occurs in the folded chars: (start, end) char
/// indices into the original.
fn find_folded(chars: &[(usize, char)], term: &str) -> Option<(usize, usize)> {
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, &(_, c)) in chars.iter().enumerate() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    let at = folded.find(term)?;
    let end = origin
        .get(at + term.len() - 1)
        .map_or(chars.len(), |&i| i + 1);
    Some((origin[at], end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_rules() {
        assert_eq!(fold("ＯｐｅｎＡＩ"), "openai");
        assert_eq!(fold("Open\u{200b}AI　英伟达"), "openai 英伟达");
        assert_eq!(fold("GPU"), "gpu");
    }

    #[test]
    fn query_language() {
        let q = Query::parse("英伟达 \"open source\" -传闻 source:AI date:2026-01 category:开源");
        assert_eq!(q.terms, ["英伟达", "open source"]);
        assert_eq!(q.excluded, ["传闻"]);
        assert_eq!(
            (
                q.source.as_deref(),
                q.date.as_deref(),
                q.category.as_deref()
            ),
            (Some("ai"), Some("2026-01"), Some("开源"))
        );
        assert_eq!(Query::parse("ＯｐｅｎＡＩ").terms, ["openai"]);
        assert!(Query::parse("   ").is_empty());
        assert_eq!(Query::parse("\"-not excluded\"").terms, ["-not excluded"]);
    }

    #[test]
    fn snippet_marks_the_original_text_of_the_match() {
        let s = snippet(
            "前文很长很长很长很长很长很长很长很长很长很长很长很长很长很长 ＯｐｅｎＡＩ 发布新模型",
            Some("openai"),
        );
        let r = s.match_range.clone().unwrap();
        assert_eq!(&s.text[r], "ＯｐｅｎＡＩ");
        assert!(s.text.starts_with('…'));
    }
}
