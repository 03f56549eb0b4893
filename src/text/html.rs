//! Reducing raw HTML (blocks and inline tags inside Markdown) to its text.

use std::collections::VecDeque;

/// Stands in the text for the address of a picture, video or link, for the renderer to
/// number: the object replacement character, which the text never holds otherwise (see
/// `push_text`).
pub(super) const ADDRESS: char = '\u{FFFC}';
/// Stands in the text where a link with an address begins, for the renderer to take the
/// link's text from there to its [`ADDRESS`] mark: the interlinear annotation terminator,
/// which the text never holds otherwise (see `push_text`).
pub(super) const ANCHOR: char = '\u{FFFB}';

/// Streaming HTML-to-text state, fed chunk by chunk as pulldown-cmark emits HTML events, since
/// comments, tags and `<script>` elements can span several chunks.
#[derive(Default)]
pub(super) struct HtmlText {
    mode: Mode,
    /// Inside `<script>` or `<style>`: everything up to the closing tag is dropped.
    raw: Option<String>,
    /// The addresses whose [`ADDRESS`] marks are in the text given out and not yet taken, in
    /// order, each with the label of the picture or video that points there (none for a
    /// link, whose label is its text).
    addresses: VecDeque<(String, Option<String>)>,
    /// The `href` of each `<a>` open: its address follows the link's text.
    anchors: Vec<Option<String>>,
    /// The words pictures and videos are shown with.
    pub(super) words: Words,
}

#[derive(Default)]
enum Mode {
    #[default]
    Text,
    /// Collecting a tag's text between `<` and `>`; the flag is "inside a quoted value".
    Tag(String, Option<char>),
    Comment,
}

/// Elements that start a new line of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
];

impl HtmlText {
    /// Whether text outside HTML events should be dropped (inside `<script>`/`<style>`).
    pub(super) fn suppressing(&self) -> bool {
        self.raw.is_some()
    }

    /// The address the next [`ADDRESS`] mark of the text stands for, and the label of the
    /// picture or video that points there.
    pub(super) fn next_address(&mut self) -> Option<(String, Option<String>)> {
        self.addresses.pop_front()
    }

    /// The addresses of `<a>` elements never closed (a summary cut off inside one): they
    /// are numbered where the text they were in ends.
    pub(super) fn take_unclosed_links(&mut self) -> Vec<String> {
        std::mem::take(&mut self.anchors)
            .into_iter()
            .flatten()
            .collect()
    }

    fn address(&mut self, out: &mut String, address: Option<String>, media: Option<&str>) {
        if let Some(address) = address {
            out.push(ADDRESS);
            self.addresses
                .push_back((address, media.map(ToString::to_string)));
        }
    }

    /// Appends the text of `html` to `out`: tags removed, comments and script/style dropped,
    /// entities decoded, whitespace runs collapsed to one space, `'\n'` where `<br>` or a
    /// block element breaks the line, and an [`ADDRESS`] mark after a picture, a video or a
    /// link's text. The result still needs sanitising.
    pub(super) fn feed(&mut self, html: &str, out: &mut String) {
        let mut rest = html;
        while let Some(c) = rest.chars().next() {
            let after = &rest[c.len_utf8()..];
            match &mut self.mode {
                Mode::Comment => match rest.find("-->") {
                    Some(end) => {
                        self.mode = Mode::Text;
                        rest = &rest[end + 3..];
                        continue;
                    }
                    None => return,
                },
                Mode::Tag(tag, quote) => {
                    match (c, *quote) {
                        ('>', None) => {
                            let tag = std::mem::take(tag);
                            self.mode = Mode::Text;
                            self.tag(&tag, out);
                        }
                        ('"' | '\'', None) => *quote = Some(c),
                        (c, Some(q)) if c == q => *quote = None,
                        _ => {}
                    }
                    if let Mode::Tag(tag, _) = &mut self.mode {
                        tag.push(c);
                    }
                }
                Mode::Text if rest.starts_with("<!--") => {
                    self.mode = Mode::Comment;
                    rest = &rest[4..];
                    continue;
                }
                Mode::Text
                    if c == '<'
                        && after.starts_with(|n: char| {
                            n.is_ascii_alphabetic() || n == '/' || n == '!'
                        }) =>
                {
                    self.mode = Mode::Tag(String::new(), None);
                }
                Mode::Text if self.raw.is_some() => {}
                Mode::Text if c == '&' => {
                    if let Some((decoded, len)) = decode_entity(after) {
                        push_text(out, decoded);
                        rest = &after[len..];
                        continue;
                    }
                    push_text(out, '&');
                }
                Mode::Text => push_text(out, c),
            }
            rest = after;
        }
    }

    fn tag(&mut self, tag: &str, out: &mut String) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(raw) = &self.raw {
            if closing && *raw == name {
                self.raw = None;
            }
            return;
        }
        match name.as_str() {
            "script" | "style" if !closing => self.raw = Some(name),
            "br" => push_break(out),
            "img" if !closing => {
                let label = self
                    .words
                    .picture(&attribute(tag, "alt").unwrap_or_default());
                out.push_str(&label);
                self.address(out, attribute(tag, "src"), Some(&label));
            }
            "video" if !closing => {
                let label = self.words.video();
                out.push_str(label);
                self.address(out, attribute(tag, "src"), Some(label));
            }
            // A video's sources, when it names them inside rather than in `src`.
            "source" if !closing => {
                let label = self.words.video();
                self.address(out, attribute(tag, "src"), Some(label));
            }
            "a" if !closing => {
                let href = attribute(tag, "href");
                if href.is_some() {
                    out.push(ANCHOR);
                }
                self.anchors.push(href);
            }
            "a" => {
                let href = self.anchors.pop().flatten();
                self.address(out, href, None);
            }
            name if BLOCK_TAGS.contains(&name) => push_break(out),
            _ => {}
        }
    }
}

/// The words a story's pictures and videos are shown with: Chinese (`[图片: 架构图]`,
/// `[视频]`), or English in a story written in English (`[Image: diagram]`, `[Video]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Words {
    #[default]
    Chinese,
    English,
}

/// The fewest Latin letters that make a story English.
const ENGLISH_LEAST: usize = 40;

impl Words {
    /// English for text of Latin letters with at most a name or two in Chinese in it: a
    /// Chinese story names many things in English (`Anthropic 发布 Claude Opus`), one CJK
    /// character for about as many words as five letters make. Web addresses are no words.
    pub(super) fn of(text: &str) -> Words {
        let (mut cjk, mut latin) = (0, 0);
        let mut count = |s: &str| {
            for c in s.chars() {
                if c.is_ascii_alphabetic() {
                    latin += 1;
                } else if super::chars::is_cjk(c) {
                    cjk += 1;
                }
            }
        };
        let mut rest = text;
        while let Some(at) = rest.find("://") {
            count(&rest[..at]);
            let address = &rest[at..];
            let end = address
                .find(|c: char| {
                    c.is_whitespace()
                        || matches!(c, ')' | ']' | '>' | '"' | '\'')
                        || super::chars::is_cjk(c)
                })
                .unwrap_or(address.len());
            rest = &address[end..];
        }
        count(rest);
        // A sentence of English at least: a story of a picture alone is the app's.
        match cjk * 20 < latin && latin >= ENGLISH_LEAST {
            true => Words::English,
            false => Words::Chinese,
        }
    }

    /// How a picture shows: `[图片: alt]`, or `[图片]` when its text says no more than that.
    pub(super) fn picture(self, alt: &str) -> String {
        let alt = alt.trim();
        let says_nothing = ["", "图片", "图像", "image", "img", "picture", "photo"]
            .iter()
            .any(|w| alt.eq_ignore_ascii_case(w));
        let word = match self {
            Words::Chinese => "图片",
            Words::English => "Image",
        };
        match says_nothing {
            true => format!("[{word}]"),
            false => format!("[{word}: {alt}]"),
        }
    }

    pub(super) fn video(self) -> &'static str {
        match self {
            Words::Chinese => "[视频]",
            Words::English => "[Video]",
        }
    }
}

/// Text outside HTML: source whitespace (including newlines) is one space, as a browser shows it.
fn push_text(out: &mut String, c: char) {
    if c == ADDRESS || c == ANCHOR {
        return;
    }
    if c.is_whitespace() && c != '\u{A0}' {
        if !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
    } else {
        out.push(c);
    }
}

fn push_break(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
    out.push('\n');
}

/// How much of `text` (the end of a paragraph, list item or cell) to keep: all of it, or all
/// before a tag cut off with its text (`<a href="https://static.exa` at the end of a clipped
/// summary), which is neither a tag nor text anyone wrote. A `<` starts one when a tag name,
/// a space and an attribute's `=` follow it and no `>` comes after.
pub(crate) fn before_cut_off_tag(text: &str) -> usize {
    let Some(at) = text.rfind('<') else {
        return text.len();
    };
    let tag = &text[at + 1..];
    let name = tag
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let after = &tag[name..];
    let attribute = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let attribute_name = attribute
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
        .count();
    let cut = tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && attribute.len() < after.len()
        && attribute_name > 0
        && attribute[attribute_name..].starts_with('=')
        && !tag.contains('>');
    if cut { at } else { text.len() }
}

/// The decoded value of a quoted or bare attribute, e.g. `alt` of an `<img>`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    let value_start = loop {
        let at = from + lower[from..].find(name)?;
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let after = lower[at + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            break tag.len() - after[1..].trim_start().len();
        }
        from = at + name.len();
    };
    let value = &tag[value_start..];
    let raw = match value.chars().next()? {
        q @ ('"' | '\'') => value[1..].split(q).next()?,
        // Unquoted, up to a space; the tag's text ends before its `>`, and a value last in
        // a self-closing tag (`<img src=a.png/>`) loses that slash.
        _ => {
            let raw = value.split(|c: char| c.is_ascii_whitespace()).next()?;
            match raw.len() == value.trim_end().len() {
                true => raw.strip_suffix('/').unwrap_or(raw),
                false => raw,
            }
        }
    };
    let mut decoded = String::new();
    let mut html = HtmlText::default();
    html.feed(raw, &mut decoded);
    // An address or a link of markup inside the value is none of this tag's.
    decoded.retain(|c| c != ADDRESS && c != ANCHOR);
    Some(decoded)
}

/// Decodes the entity whose text follows a `&` (`amp;`, `#27;`, `#x9b;`): the character and the
/// bytes consumed. Unknown names are left as text.
pub fn decode_entity(after_amp: &str) -> Option<(char, usize)> {
    let end = after_amp
        .get(..32.min(after_amp.len()))
        .unwrap_or(after_amp)
        .find(';')?;
    let name = &after_amp[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        named_entity(name)?
    };
    Some((c, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        _ => return None,
    })
}
