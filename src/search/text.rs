//! The text a story is searched in.

/// A story's searchable text, and whether it holds other forms of ASCII characters that a
/// Latin query must still find (full-width `ＡＩ`, the ideographic space, the Kelvin sign,
/// the long s): text without them can be searched with its ASCII letters lowered, by plain
/// byte search. The full-width forms of everyday Chinese punctuation are not counted (they
/// are in almost every story); a query with one of those is matched by expression.
/// Whether it has a space between two Chinese characters is kept too: a Chinese term is a
/// byte search only in text without one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    pub text: String,
    pub other_forms: bool,
    pub spaced: bool,
}

/// What the index keeps of a story for search: the title on the first line, then the body
/// as text on one line. Markup is stripped by a byte scan rather than a Markdown parse (which
/// would be most of the indexing time): link targets, emphasis marks, tags, quote, heading
/// and list markers go; zero-width characters go too, since queries ignore them.
pub fn searchable(title: &str, body_md: &str) -> SearchText {
    let mut out = SearchText {
        text: String::with_capacity(title.len() + body_md.len() + 1),
        other_forms: false,
        spaced: false,
    };
    push_visible(&title.replace('\n', " "), &mut out);
    out.text.push('\n');
    let mut lines = body_md.lines().peekable();
    let mut stars = Stars::default();
    let mut in_code = false;
    // What joins a line to the text before it: a space within a paragraph, where the
    // reader joins its lines; [`APART`] after a block's end.
    let mut joint = ' ';
    while let Some(line) = lines.next() {
        let fence = crate::parse::doc::fence(line).is_some();
        in_code ^= fence;
        // Code is searched as the reader shows it, as written (tester BY: `<a href=' +
        // url + '>` was taken for a tag).
        if in_code || fence {
            let code = line.trim();
            if !fence && !code.is_empty() {
                if !out.text.ends_with('\n') {
                    out.text.push(APART);
                }
                push_visible(code, &mut out);
            }
            joint = APART;
            continue;
        }
        let mut text = line_content(line);
        // A tag cut off at a block's end is no text, as the reader shows it (tester BW: a
        // result's line read `a href="https://static.politic`).
        let ends = ends_block(line, lines.peek().copied());
        if ends {
            text = text[..before_cut_off_tag(text)].trim_end();
        }
        if !text.is_empty() {
            // Lines of Chinese are joined as the reader joins them, with nothing between
            // (tester CP: the snippet read `英伟达 发布`, the article `英伟达发布`).
            let cjk = |c: Option<char>| c.is_some_and(crate::text::is_cjk);
            let joined =
                joint == ' ' && cjk(out.text.chars().next_back()) && cjk(text.chars().next());
            if !out.text.ends_with('\n') && !joined {
                out.text.push(joint);
            }
            push_inline(text, &mut out, &mut stars);
        }
        // (A blank line leaves it: the line before it ended its block.)
        if !line.trim().is_empty() {
            joint = if ends { APART } else { ' ' };
        }
    }
    out.spaced = spaced_between_words(&out.text, out.other_forms);
    out
}

/// Whether `text` has a space between two characters of words written without one (see
/// [`crate::text::is_han_or_kana`]); the ideographic and the no-break space only where it
/// has [other forms](is_other_form), as they are.
fn spaced_between_words(text: &str, other_forms: bool) -> bool {
    let unspaced = |c: Option<char>| c.is_some_and(crate::text::is_han_or_kana);
    let between = |at: usize, len: usize| {
        unspaced(text[..at].chars().next_back()) && unspaced(text[at + len..].chars().next())
    };
    let b = text.as_bytes();
    // Told by the bytes around it first: most spaces are between Latin words.
    memchr::memchr_iter(b' ', b).any(|at| {
        at > 0 && b[at - 1] >= 0x80 && b.get(at + 1).is_some_and(|&n| n >= 0xe3) && between(at, 1)
    }) || other_forms
        && text
            .match_indices(['\u{3000}', '\u{a0}'])
            .any(|(at, s)| between(at, s.len()))
}

/// What stands in the text where the reader shows words apart by more than a space (a
/// block's end, a link's number, a table's rule, a picture): a space to read, which no
/// query's space matches, so that a phrase or Chinese words a space may part are not found
/// across it (a review: `英伟达` ending a list item and `发布` starting the next were found
/// as `英伟达发布`).
const APART: char = '\u{2002}';

/// Whether `line` is the last of its block (a paragraph, list item, heading or quote line),
/// `next` being the line after it: where the reader looks for a tag cut off.
fn ends_block(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next.map(str::trim_start) else {
        return true;
    };
    let numbered = next.bytes().take_while(u8::is_ascii_digit).count();
    line.trim_start().starts_with('#')
        || next.is_empty()
        || next.starts_with(['#', '>', '-', '*', '+'])
        || numbered > 0 && next[numbered..].starts_with(['.', ')'])
}

/// How much of a block's last line the reader shows: all but a tag cut off at its end (see
/// [`crate::text::before_cut_off_tag`]), which it finds only in plain text: one followed by
/// code, emphasis, a link or another table cell is shown as text.
fn before_cut_off_tag(line: &str) -> usize {
    let at = crate::text::before_cut_off_tag(line);
    match line[at..].contains(['`', '*', '[', '|']) {
        true => line.len(),
        false => at,
    }
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

/// Inline text as the reader shows it: without link targets, emphasis marks and tags, with
/// entities (`&#x26;`) and backslash escapes (`\[54\]`) decoded.
fn push_inline(text: &str, out: &mut SearchText, stars: &mut Stars) {
    stars.find_runs(text);
    let mut stars = stars.runs.iter().peekable();
    let mut rest = text;
    while let Some(at) = next_mark(rest.as_bytes()) {
        push_visible(&rest[..at], out);
        let tail = &rest[at..];
        let skip = if let Some(after) = tail.strip_prefix("](") {
            // A link target: up to its closing parenthesis (or the line's end). Where the
            // reader shows its number, a word after it is another word; punctuation or a
            // space follows the link's text as it is written (`量子位，机器之心`, not
            // `量子位 ，机器之心`, which a phrase with the comma did not find).
            let len = target_len(after).map_or(tail.len(), |e| e + 3);
            if tail[len..].starts_with(char::is_alphanumeric) {
                out.text.push(APART);
            }
            len
        } else if let Some(url) = tail
            .strip_prefix('<')
            .filter(|rest| crate::text::web_scheme_len(rest).is_some())
            .and_then(|rest| Some(&rest[..rest.find('>')?]))
            .filter(|url| !url.contains([' ', '<']))
        {
            // An autolink (`<https://…>`): its address is its text, as the reader shows it.
            push_visible(url, out);
            url.len() + 2
        } else if tail.starts_with('<')
            && tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            tail.find('>').map_or(1, |e| e + 1)
        } else if tail.starts_with("![") || tail.starts_with('|') {
            out.text.push(APART);
            1
        } else if tail.starts_with('[') && !opens_link(tail) || tail.starts_with(']') {
            // Brackets that are not a link's are text, as the reader shows them (`[研究]`);
            // a link's closing one was taken with its target above.
            out.text.push_str(&tail[..1]);
            1
        } else if tail.starts_with('*') {
            // A run of them: those the reader shows, kept (tester CZ: `4.5*` lost its star).
            let at = text.len() - tail.len();
            while stars.next_if(|r| r.at < at).is_some() {}
            match stars.next_if(|r| r.at == at) {
                Some(run) => {
                    out.text.extend(std::iter::repeat_n('*', run.shown));
                    run.len
                }
                None => 1,
            }
        } else if tail.starts_with(['[', '`']) {
            1
        } else if tail.starts_with("__") {
            // Strong emphasis's, but inside a word (`@shao__meng`), which is text.
            let before = text[..text.len() - tail.len()].chars().next_back();
            match crate::text::underscore_run(before, tail) {
                (len, true) => {
                    out.text.push_str(&tail[..len]);
                    len
                }
                _ => 2,
            }
        } else if let Some(sequence) = tail
            .strip_prefix('\x1b')
            .and_then(|rest| crate::text::escape_sequence_len('\x1b', rest))
        {
            // An escape sequence is gone whole from what the reader shows, parameters too.
            1 + sequence
        } else if let Some((c, len)) = tail.strip_prefix('&').and_then(crate::text::decode_entity) {
            // Decoded, an escape character opens a sequence as a raw one does (`&#27;[2J`).
            match decoded_sequence_len(c, &tail[1 + len..]) {
                Some(sequence) => 1 + len + sequence,
                // Another control character (`&#7;`) is no text to find.
                None if c.is_control() => 1 + len,
                None => {
                    push_visible(c.encode_utf8(&mut [0; 4]), out);
                    1 + len
                }
            }
        } else if let Some(escaped) = tail
            .strip_prefix('\\')
            .and_then(|t| t.bytes().next())
            .filter(u8::is_ascii_punctuation)
        {
            out.text.push(char::from(escaped));
            2
        } else {
            out.text.push_str(&tail[..1]);
            1
        };
        rest = &tail[skip..];
    }
    push_visible(rest, out);
}

/// How many bytes of `rest` the escape sequence `c`, decoded from an entity, opens takes,
/// as the reader finds it: in the text as its parser gives it, the raw escapes taken out
/// before and the entities decoded (tester CW: a bell written `&#7;` ended a title
/// sequence there, where here the sequence ran on over the words after it).
fn decoded_sequence_len(c: char, rest: &str) -> Option<usize> {
    // Most entities open none (`&amp;`), and are passed at once.
    crate::text::escape_sequence_len(c, "")?;
    // Decoded only so far: a line of many escapes would be decoded to its end for each.
    let mut end = rest.len().min(SEQUENCE_LOOK);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &rest[..end];
    // The text as the parser gives it, and where in `rest` each of its bytes came from.
    let (mut decoded, mut from) = (String::new(), Vec::new());
    let mut at = 0;
    while let Some(ch) = rest[at..].chars().next() {
        let after = &rest[at + ch.len_utf8()..];
        let (shown, len) = match ch {
            '&' => {
                crate::text::decode_entity(after).map_or((Some(ch), 1), |(d, n)| (Some(d), 1 + n))
            }
            // Gone before the parser reads the text, a sequence whole.
            c if c.is_control() => (
                None,
                1 + crate::text::escape_sequence_len(c, after).unwrap_or(0),
            ),
            c => (Some(c), c.len_utf8()),
        };
        if let Some(shown) = shown {
            decoded.push(shown);
            from.resize(decoded.len(), at);
        }
        at += len;
    }
    from.push(rest.len());
    let taken = crate::text::escape_sequence_len(c, &decoded)?;
    Some(from[taken])
}

/// How far past its start an escape sequence written with entities is looked for in a
/// story's text: further than any title a terminal takes.
const SEQUENCE_LOOK: usize = 4096;

/// A run of `*` in a line, and how many of them the reader shows: those no emphasis takes.
struct StarRun {
    at: usize,
    len: usize,
    shown: usize,
    opens: bool,
    closes: bool,
}

/// The runs of `*` of a line, and the openers met while pairing them: kept from line to line,
/// not made anew for each (a line of `**` in four took the search text 15 % longer).
#[derive(Default)]
struct Stars {
    runs: Vec<StarRun>,
    openers: Vec<usize>,
}

impl Stars {
    /// The runs of `*` in `text` (not escaped), paired as CommonMark pairs emphasis
    /// delimiters (their flanking, the rule of three, two at a time where both have two),
    /// beside Chinese punctuation as the reader helps a `**` there (see `text::emphasis`):
    /// what is left of a run, the reader shows as it is written.
    fn find_runs(&mut self, text: &str) {
        self.runs.clear();
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(found) = memchr::memchr(b'*', &b[i..]) {
            let at = i + found;
            let len = b[at..].iter().take_while(|&&c| c == b'*').count();
            i = at + len;
            let escapes = b[..at].iter().rev().take_while(|&&c| c == b'\\').count();
            if !escapes.is_multiple_of(2) {
                continue;
            }
            let (prev, next) = (text[..at].chars().next_back(), text[i..].chars().next());
            // As the reader has them, a `**` beside Chinese punctuation helped.
            let helped = crate::text::Helped::at(prev, next, len);
            let (prev, next) = crate::text::Helped::neighbours(helped, prev, next);
            let punct = |c: Option<char>| c.is_some_and(crate::text::is_punctuation);
            let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
            self.runs.push(StarRun {
                at,
                len,
                shown: len,
                opens: !space(next) && (!punct(next) || space(prev) || punct(prev)),
                closes: !space(prev) && (!punct(prev) || space(next) || punct(next)),
            });
        }
        let (runs, openers) = (&mut self.runs, &mut self.openers);
        openers.clear();
        for k in 0..runs.len() {
            while runs[k].closes && runs[k].shown > 0 {
                let closer = &runs[k];
                let fits = |o: &StarRun| {
                    let both = o.opens && o.closes || closer.opens && closer.closes;
                    !(both && (o.len + closer.len).is_multiple_of(3))
                        || o.len.is_multiple_of(3) && closer.len.is_multiple_of(3)
                };
                let Some(pos) = openers.iter().rposition(|&o| fits(&runs[o])) else {
                    break;
                };
                let o = openers[pos];
                let used = if runs[o].shown >= 2 && runs[k].shown >= 2 {
                    2
                } else {
                    1
                };
                runs[o].shown -= used;
                runs[k].shown -= used;
                openers.truncate(pos + usize::from(runs[o].shown > 0));
            }
            if runs[k].opens && runs[k].shown > 0 {
                openers.push(k);
            }
        }
    }
}

/// Where a link target's closing parenthesis is in `after` (what follows `](`): parentheses
/// inside it come in pairs, as CommonMark has it (`wiki/GPT_(language_model)`).
fn target_len(after: &str) -> Option<usize> {
    let b = after.as_bytes();
    let (mut depth, mut at) = (0usize, 0);
    // Only the parentheses and escapes are looked at: this runs for every link's target.
    while let Some(found) = b
        .get(at..)
        .and_then(|rest| memchr::memchr3(b'(', b')', b'\\', rest))
    {
        let i = at + found;
        match b[i] {
            b'\\' => {
                at = i + 2;
                continue;
            }
            b'(' => depth += 1,
            _ if depth == 0 => return Some(i),
            _ => depth -= 1,
        }
        at = i + 1;
    }
    None
}

/// Whether `tail` (starting with `[`) opens a link: its first `]` is followed by `(`.
fn opens_link(tail: &str) -> bool {
    tail.find(']')
        .is_some_and(|close| tail[close + 1..].starts_with('('))
}

/// Where the next byte that may start markup is. The marks are ASCII, so a byte search finds
/// them (a char search decodes every char); a table says which bytes they are, and eight
/// bytes at a time are passed over while none is ASCII (Chinese text, mostly).
fn next_mark(b: &[u8]) -> Option<usize> {
    const MARK: [bool; 256] = {
        let mut table = [false; 256];
        let marks = b"[]*`<|!_&\\\x1b";
        let mut i = 0;
        while i < marks.len() {
            table[marks[i] as usize] = true;
            i += 1;
        }
        table
    };
    let mut at = 0;
    while at < b.len() {
        if let Some(word) = b.get(at..at + 8) {
            let word = u64::from_ne_bytes(word.try_into().expect("eight bytes"));
            if word & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080 {
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(b.len());
        if let Some(i) = b[at..end].iter().position(|&c| MARK[c as usize]) {
            return Some(at + i);
        }
        at = end;
    }
    None
}

fn push_visible(s: &str, out: &mut SearchText) {
    // Zero-width characters and the other forms all start with one of these bytes, which
    // only ever start a char; Chinese text has many of them (its punctuation), so each is
    // looked at where it is rather than every char decoded.
    let b = s.as_bytes();
    let mut zero_width = false;
    let two_byte = memchr::memchr2_iter(0xc2, 0xc5, b);
    for at in memchr::memchr3_iter(0xe2, 0xe3, 0xef, b).chain(two_byte) {
        if let Some(c) = s[at..].chars().next() {
            out.other_forms |= is_other_form(c);
            zero_width |= is_zero_width(c);
        }
    }
    if zero_width {
        out.text.extend(s.chars().filter(|&c| !is_zero_width(c)));
    } else {
        out.text.push_str(s);
    }
}

/// ASCII punctuation whose full-width forms are everyday Chinese punctuation (`，` `：` `（`…).
pub(super) const EVERYDAY_WIDE: &str = ",:;!?()|";

/// A char a case- and width-insensitive query matches for an ASCII char: a full-width form
/// (but for [`EVERYDAY_WIDE`]), the ideographic and the no-break space, the Unicode hyphens,
/// and the two chars Unicode case folding equates with `k` and `s`.
pub(super) fn is_other_form(c: char) -> bool {
    match c {
        '\u{ff01}'..='\u{ff5e}' => {
            char::from_u32(c as u32 - 0xfee0).is_some_and(|ascii| !EVERYDAY_WIDE.contains(ascii))
        }
        '\u{3000}' | '\u{a0}' | '\u{2010}' | '\u{2011}' | '\u{212a}' | '\u{17f}' => true,
        _ => false,
    }
}

/// Characters that take no room and that queries ignore; the soft hyphen too (`Open\u{ad}AI`
/// is OpenAI, a hyphen only where a line breaks).
pub(super) const ZERO_WIDTH: [char; 6] = [
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
];

pub(super) fn is_zero_width(c: char) -> bool {
    ZERO_WIDTH.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_space_between_chinese_characters_is_told() {
        for (body, spaced) in [
            ("**英伟达** 发布", true),
            // (A line break in the source is joined as the reader joins it.)
            ("英伟达\n发布", false),
            ("英伟达\u{3000}发布", true),
            ("そして 発表", true),
            ("英伟达发布", false),
            ("英伟达 GPU 发布", false),
            ("英伟达， 发布", false),
            ("Open AI", false),
            ("한국 기업", false),
        ] {
            assert_eq!(searchable("t", body).spaced, spaced, "{body:?}");
        }
        assert_eq!(searchable("t", "英伟达\n发布").text, "t\n英伟达发布");
        // The title is its own line: its end and the body's start are not one text.
        assert!(!searchable("英伟达", "发布").spaced);
        assert!(searchable("英伟达 发布", "").spaced);
    }

    /// A `__` inside a word is its text, as the reader shows it; around words it is strong
    /// emphasis's (tester DI: `viktor__com` found nothing, `viktorcom` found it).
    #[test]
    fn underscores_inside_a_word_are_searched() {
        let found = searchable("t", "感谢 @viktor__com 和 __粗体__ 以及 a___b");
        assert_eq!(found.text, "t\n感谢 @viktor__com 和 粗体 以及 a___b");
    }

    /// A code span opening a story's text is searched, as a paragraph's (tester DI: the
    /// story was found by none of its words).
    #[test]
    fn a_code_span_opening_the_text_is_searched() {
        let found = searchable("t", "```排除了 node_modules 等``` 一个月没管");
        assert!(found.text.contains("一个月没管"), "{:?}", found.text);
    }

    #[test]
    fn a_tag_cut_off_at_a_paragraphs_end_is_not_searched() {
        let cut = "**摘要**: <a href=\"https:&#x2F;&#x2F;e.org\">e.org</a><p><a href=\"https:&#x2F;&#x2F;st";
        assert_eq!(searchable("t", cut).text, "t\n摘要: e.org");
        assert_eq!(
            searchable("t", &format!("{cut}\n\nnext")).text,
            "t\n摘要: e.org\u{2002}next"
        );
        // Within a paragraph, the line after it may close it: kept, as the reader keeps it.
        assert!(
            searchable("t", &format!("{cut}\nmore"))
                .text
                .contains("a href")
        );
        // At a list item's end too.
        let item = "- 摘要 <a href=\"https://st\n- 下一条";
        assert_eq!(searchable("t", item).text, "t\n摘要\u{2002}下一条");
        // In code, or followed by code, emphasis or a link, it is text the reader shows.
        let code = "```\nhtml = '<a href=' + url + '>link</a>'\n\nprint(html)\n```";
        assert_eq!(
            searchable("t", code).text,
            "t\nhtml = '<a href=' + url + '>link</a>'\u{2002}print(html)"
        );
        let span = "用 `<img src=` 属性";
        assert!(searchable("t", span).text.ends_with("img src= 属性"));
    }

    #[test]
    fn entities_and_escapes_are_searched_as_the_reader_shows_them() {
        let found = searchable(
            "t",
            "用Record &#x26; Replay操作 &amp; task execution \\[54\\]\n- a &#27;[2J b \\q &nosuch;",
        );
        assert_eq!(
            found.text,
            "t\n用Record & Replay操作 & task execution [54]\u{2002}a  b \\q &nosuch;"
        );
        assert!(searchable("t", "&#xff21;I").other_forms, "full-width Ａ");
        // A string sequence without its end on the line keeps the text after it (tester B).
        let unended = searchable("t", "A &#27;]0;t&#7; B tail3.").text;
        assert!(unended.ends_with(" B tail3."), "{unended}");
    }

    /// The search text of a story of `md` is the text the reader shows of it (but for a
    /// bell, which no query holds).
    fn assert_searched_as_shown(md: &str) {
        let shown = crate::text::render_markdown(md, 200, crate::text::TextOptions::default());
        let shown = crate::text::lines_to_plain(&shown.lines);
        let searched = searchable("t", md).text.replace('\x07', "");
        assert_eq!(searched, format!("t\n{}", shown.trim_end()), "{md:?}");
    }

    /// Escape sequences go as the reader takes them out: raw ones before entities are
    /// decoded, then those written with entities (tester CW: a bell written `&#7;` did not
    /// end a title sequence here, which ran on over the words after it).
    #[test]
    fn escape_sequences_go_as_the_reader_takes_them_out() {
        for md in [
            "a \x1b[31mred\x1b[0m b &#x1b;]0;pwned\x07 c",
            "开头 &#x1b;]0;T&#7; 乙乙乙 \x1b[31m丁丁丁",
            "甲 \x1b]0;TITLE&#7;乙丙丁",
            "甲 &#x1b;]0;T\x07 乙",
            "A &#27;]0;t&#7; B tail3.",
        ] {
            assert_searched_as_shown(md);
        }
    }

    /// Asterisks the reader shows are searched, those it reads as emphasis not (tester CZ:
    /// `4.5*，` lost its star in a result's line).
    #[test]
    fn asterisks_are_searched_as_the_reader_shows_them() {
        for md in [
            "该机型评分4.5*，官方称*不含税价格为2999元。",
            "该机型评分4.5**，官方称**不含税",
            "**核心洞察：**正文",
            "受控的**高斯溅射（GS）**和智能",
            "价格**€20**起，A * B = C，*斜体*与***粗斜***",
            "a*b*c 与 2*3=6，指针*ptr，**未闭合",
            "其**⭐2.9k的Star数证明了认可，为AI**舆情",
        ] {
            assert_searched_as_shown(md);
        }
    }

    #[test]
    fn brackets_that_are_not_a_links_are_kept_as_the_reader_shows_them() {
        assert_eq!(
            searchable(
                "t",
                "[研究] cycle \\[3]\\[5]. 见[原文](https://a.example/x)。"
            )
            .text,
            "t\n[研究] cycle [3][5]. 见原文。"
        );
    }

    /// A link target with parentheses in it goes whole, as the reader shows the link: none
    /// of it is left in a snippet (`条目 )`).
    #[test]
    fn a_link_target_with_parentheses_goes_whole() {
        assert_eq!(
            searchable(
                "t",
                "见 [条目](https://w.example/wiki/GPT_(language_model)) 与 [b](https://w.example/a\\)b) 完"
            )
            .text,
            "t\n见 条目 与 b 完"
        );
        assert_eq!(
            searchable("t", "见 <https://w.example/quokka_(x)> 与 <b>粗</b>").text,
            "t\n见 https://w.example/quokka_(x) 与 粗"
        );
    }

    /// Punctuation after a link's text follows it as written; a word after it is another
    /// word (the reader shows the link's number between them).
    #[test]
    fn a_link_target_leaves_a_space_only_before_a_word() {
        assert_eq!(
            searchable(
                "t",
                "相关报道：[量子位](https://a/1)，[机器之心](https://a/2)，[x](https://a/3)y"
            )
            .text,
            "t\n相关报道：量子位，机器之心，x\u{2002}y"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_next_mark_is_the_first_markup_byte(s in "[a-z英伟达，*_\\[\\]`<|!&\\\\ \x1b]{0,40}") {
            let first = s.bytes().position(|b| b"[]*`<|!_&\\\x1b".contains(&b));
            proptest::prop_assert_eq!(next_mark(s.as_bytes()), first);
        }
    }
}
