//! The text a story is searched in.

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
