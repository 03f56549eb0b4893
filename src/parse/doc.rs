//! A digest body as lines with its headings found, aware of fenced code (a `#` inside a code
//! block is not a heading). One linear pass; sections are line ranges into it.

use std::ops::Range;

pub struct Heading<'a> {
    pub line: usize,
    pub level: u8,
    pub text: &'a str,
}

pub struct Doc<'a> {
    pub lines: Vec<&'a str>,
    pub headings: Vec<Heading<'a>>,
    /// Fence lines left unpaired (a stray marker), in order: left out of every text taken,
    /// where the article's Markdown would have made all after it code.
    stray: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub fn new(body: &'a str) -> Self {
        let lines: Vec<&str> = lines(body).collect();
        let (mut fenced, stray) = fenced_lines(&lines);
        // Most files have no comment: one vectorized search says so.
        if memchr::memmem::find(body.as_bytes(), b"<!--").is_some() {
            hide_comments(&lines, &mut fenced);
        }
        let headings = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !fenced[*i])
            .filter_map(|(i, line)| {
                atx_heading(line).map(|(level, text)| Heading {
                    line: i,
                    level,
                    text,
                })
            })
            .collect();
        Doc {
            lines,
            headings,
            stray,
        }
    }

    /// The lines under heading `h` up to the next heading of any level.
    pub fn own(&self, h: usize) -> Range<usize> {
        let end = self
            .headings
            .get(h + 1)
            .map_or(self.lines.len(), |n| n.line);
        self.headings[h].line + 1..end
    }

    /// The lines under heading `h` up to the next heading of the same or a higher level,
    /// and the index of that next heading.
    pub fn subtree(&self, h: usize) -> (Range<usize>, usize) {
        let level = self.headings[h].level;
        let next = (h + 1..self.headings.len())
            .find(|&n| self.headings[n].level <= level)
            .unwrap_or(self.headings.len());
        let end = self.headings.get(next).map_or(self.lines.len(), |n| n.line);
        (self.headings[h].line + 1..end, next)
    }

    /// Each `##` section: its heading text (as plain text) and the lines of its subtree.
    pub fn sections(&self) -> impl Iterator<Item = (String, Range<usize>)> + '_ {
        (0..self.headings.len())
            .filter(|&h| self.headings[h].level == 2)
            .map(|h| {
                (
                    super::inline::plain(self.headings[h].text),
                    self.subtree(h).0,
                )
            })
    }

    /// The headings of the top section level: the shallowest below the title's (`##`, in
    /// most files).
    pub fn top_sections(&self) -> impl Iterator<Item = usize> + '_ {
        let level = self
            .headings
            .iter()
            .map(|h| h.level)
            .filter(|&l| l >= 2)
            .min();
        (0..self.headings.len()).filter(move |&h| Some(self.headings[h].level) == level)
    }

    /// Lines before the first heading.
    pub fn preamble(&self) -> Range<usize> {
        0..self.headings.first().map_or(self.lines.len(), |h| h.line)
    }

    pub fn text(&self, range: Range<usize>) -> String {
        if !self.stray.iter().any(|l| range.contains(l)) {
            return trim_blank_lines(&self.lines[range]).join("\n");
        }
        // A stray marker's line keeps what follows the marker: a code span cut off
        // (tester DK: "```git push --force 之后……" took the story's text with it).
        let kept: Vec<&str> = range
            .filter_map(|l| match self.stray.contains(&l) {
                true => Some(self.lines[l].trim_start().trim_start_matches(['`', '~']))
                    .filter(|rest| !rest.is_empty()),
                false => Some(self.lines[l]),
            })
            .collect();
        trim_blank_lines(&kept).join("\n")
    }
}

/// The lines of `s`, as [`str::lines`] gives them, found with the vectorized `memchr`: the
/// whole text is split this way, so it is worth the faster search.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', s.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || match ends.next() {
        Some(end) => {
            let line = &s[start..end];
            start = end + 1;
            Some(line.strip_suffix('\r').unwrap_or(line))
        }
        None if start < s.len() => {
            let line = &s[start..];
            start = s.len();
            Some(line)
        }
        None => None,
    })
}

/// Marks the lines of HTML comments over several lines as `hidden`: a heading in one is no
/// heading (tester AH: a draft story left in a comment was listed).
fn hide_comments(lines: &[&str], hidden: &mut [bool]) {
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        match open {
            Some(start) if line.contains("-->") => {
                hidden[start..=i].fill(true);
                open = None;
            }
            Some(_) => {}
            None if !hidden[i]
                && let Some(at) = line.trim_start().strip_prefix("<!--")
                && !at.contains("-->") =>
            {
                open = Some(i);
            }
            None => {}
        }
    }
}

/// The markers that open and close fenced code.
const FENCES: [&str; 2] = ["```", "~~~"];

/// The fence `line` opens or closes, if it is one. Not a line whose backticks' info string
/// holds one, as CommonMark reads it: ```` ```a``` more ```` is a code span in a paragraph
/// (tester DI: such a story's text was no text to search).
pub fn fence(line: &str) -> Option<&'static str> {
    let line = line.trim_start();
    let marker = FENCES.into_iter().find(|marker| line.starts_with(marker))?;
    let info = line.trim_start_matches('`');
    (marker == "~~~" || !info.contains('`')).then_some(marker)
}

/// Which lines are inside fenced code, and the fences left unpaired. Fences pair up in
/// order; a fence left open at the end is taken as a stray marker (real files have them),
/// not as code running to the end.
fn fenced_lines(lines: &[&str]) -> (Vec<bool>, Vec<usize>) {
    let mut fenced = vec![false; lines.len()];
    let mut stray = Vec::new();
    for marker in FENCES {
        let fences: Vec<usize> = (0..lines.len())
            .filter(|&i| fence(lines[i]) == Some(marker))
            .collect();
        let pairs = fences.chunks_exact(2);
        stray.extend_from_slice(pairs.remainder());
        for pair in pairs {
            fenced[pair[0]..=pair[1]].fill(true);
        }
    }
    (fenced, stray)
}

/// `## Title ##` → (2, "Title"). Up to three leading spaces, as CommonMark allows.
pub fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim();
    // A closing run of `#` only after a blank, as CommonMark reads it: `## C#` keeps its `#`
    // (tester AE), `## Title ##` does not.
    let text = match text.trim_end_matches('#') {
        "" => "",
        before if before.ends_with([' ', '\t']) => before.trim_end(),
        _ => text,
    };
    Some((level as u8, text))
}

pub fn trim_blank_lines<'s, 'a>(lines: &'s [&'a str]) -> &'s [&'a str] {
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    &lines[start..end]
}

/// A list item's marker: `1.`/`1)`/`1、` (ordered) or `-`/`*`/`+`/`•` (bullet).
pub struct ListMarker<'a> {
    pub ordered: bool,
    pub indent: usize,
    pub content: &'a str,
}

pub fn list_marker(line: &str) -> Option<ListMarker<'_>> {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    // Up to nine digits, as CommonMark (and so the article's rendering) has it: a year's
    // file numbering its items past 9999 keeps each one.
    let (ordered, rest) = if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        let rest = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix(')'))
            .or_else(|| rest.strip_prefix('、'))?;
        (true, rest)
    } else {
        let rest = t
            .strip_prefix(['-', '*', '+'])
            .or_else(|| t.strip_prefix('•'))?;
        (false, rest)
    };
    // `1、` needs no space after it; every other marker does.
    let needs_space = !(ordered && t[digits..].starts_with('、'));
    if needs_space && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let content = rest.trim();
    if content.is_empty() || (!ordered && content.chars().all(|c| c == '-' || c == '*' || c == ' '))
    {
        return None;
    }
    Some(ListMarker {
        ordered,
        indent,
        content,
    })
}

/// `> **分类：** X`, `- 来源：[a](b)`, `- **链接**: …` → ("分类", "X"). Keys are short labels.
pub fn meta_field(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start().trim_start_matches(['>', '-', '*', ' ']);
    // The key is at most 8 chars once whitespace and `**` around it are trimmed, so a line
    // with more than 8 other chars before any colon has no key: stop there, not at its end.
    let mut seen = 0;
    let mut colon = None;
    for (i, c) in t.char_indices() {
        if c == '：' || c == ':' {
            colon = Some(i);
            break;
        }
        if !c.is_whitespace() && c != '*' {
            seen += 1;
            if seen > 8 {
                return None;
            }
        }
    }
    let colon = colon?;
    let (key, value) = (
        &t[..colon],
        &t[colon + t[colon..].chars().next()?.len_utf8()..],
    );
    let key = without_stars_end(key).trim();
    if key.is_empty() || key.chars().count() > 8 || key.contains(['[', '(', '`']) {
        return None;
    }
    let value = without_stars_start(value).trim();
    Some((key, value))
}

/// `s.trim_start_matches("**")`, without setting up a substring search for every line.
fn without_stars_start(mut s: &str) -> &str {
    while let Some(rest) = s.strip_prefix("**") {
        s = rest;
    }
    s
}

/// `s.trim_end_matches("**")`, likewise.
fn without_stars_end(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix("**") {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_skip_fenced_code() {
        let d = Doc::new("# A\n```\n# not\n```\n## B\ntext\n### C\n## D\n");
        let names: Vec<_> = d.headings.iter().map(|h| (h.level, h.text)).collect();
        assert_eq!(names, [(1, "A"), (2, "B"), (3, "C"), (2, "D")]);
        assert_eq!(d.text(d.own(1)), "text");
        assert_eq!(d.subtree(1), (5..7, 3));
    }

    /// A closing run of `#` goes only after a blank, as CommonMark has it: `C#` and `F#`
    /// are names (tester AE).
    #[test]
    fn a_closing_run_of_hashes_needs_a_blank_before_it() {
        let heading = |line| atx_heading(line).map(|(_, text)| text);
        assert_eq!(heading("## 闭合井号标题 ##"), Some("闭合井号标题"));
        assert_eq!(heading("## 标题末尾 C#"), Some("标题末尾 C#"));
        assert_eq!(heading("### F# 与 C## "), Some("F# 与 C##"));
        assert_eq!(heading("## ###"), Some(""));
        assert_eq!(heading("##"), Some(""));
    }

    /// A heading in an HTML comment over several lines is no heading (tester AH: a draft
    /// story left in one was listed); one on a line of its own after a comment is.
    #[test]
    fn headings_in_comments_are_none() {
        let d = Doc::new("## A\n<!--\n## Draft\ntext\n-->\n<!-- one line -->\n## B\n");
        let names: Vec<_> = d.headings.iter().map(|h| h.text).collect();
        assert_eq!(names, ["A", "B"]);
    }

    /// Backticks with a backtick after them on the line open no code: a code span starts
    /// the paragraph (tester DI); tildes may have one.
    #[test]
    fn a_code_span_at_a_lines_start_is_no_fence() {
        assert_eq!(fence("```按口径统计了 lock 文件``` 还行"), None);
        assert_eq!(fence("```rust"), Some("```"));
        assert_eq!(fence("  ````"), Some("```"));
        assert_eq!(fence("~~~ a`b"), Some("~~~"));
        let d = Doc::new("## A\n```统计了``` 还行\n## B\n正文\n");
        let names: Vec<_> = d.headings.iter().map(|h| h.text).collect();
        assert_eq!(names, ["A", "B"]);
    }

    #[test]
    fn an_unclosed_fence_does_not_swallow_the_rest() {
        let d = Doc::new("## A\n```\n## B\n```\n```\n## C\n");
        let names: Vec<_> = d.headings.iter().map(|h| h.text).collect();
        assert_eq!(names, ["A", "C"]);
    }

    /// A stray fence is left out of the text taken, so the article does not show all
    /// after it as code; paired fences stay.
    #[test]
    fn a_stray_fence_is_left_out_of_the_text() {
        let d = Doc::new("## A\n摘要一行，\n```\n\n## B\n正文\n");
        assert_eq!(d.text(d.own(0)), "摘要一行，");
        assert_eq!(d.text(d.own(1)), "正文");
        let d = Doc::new("## A\n```\ncode\n```\n```\nafter\n");
        assert_eq!(d.text(d.own(0)), "```\ncode\n```\nafter");
        // What follows a stray marker stays (tester DK: a cut-off code span's text went).
        let d = Doc::new("## A\n```git push --force 之后……\n\n第二段\n## B\n正文\n");
        assert_eq!(d.text(d.own(0)), "git push --force 之后……\n\n第二段");
    }

    #[test]
    fn lines_split_as_std_does() {
        for s in [
            "",
            "a",
            "a\n",
            "a\n\nb",
            "\n",
            "a\r\nb\r",
            "a\rb\r\n\r\n",
            "x\n\r",
        ] {
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("1.  小米宣布").unwrap().content, "小米宣布");
        assert!(list_marker("1.  x").unwrap().ordered);
        assert!(!list_marker("  • Total: 150").unwrap().ordered);
        assert!(list_marker("2026年1月").is_none());
        assert!(list_marker("---").is_none());
        assert!(list_marker("**bold**").is_none());
        assert!(list_marker("3.5 亿美元").is_none());
    }

    #[test]
    fn meta_fields() {
        assert_eq!(
            meta_field("> **分类：** 技术前沿解读"),
            Some(("分类", "技术前沿解读"))
        );
        assert_eq!(
            meta_field("   - 链接：[a](https://b)"),
            Some(("链接", "[a](https://b)"))
        );
        assert_eq!(meta_field("- 分类：技术突破  "), Some(("分类", "技术突破")));
        assert_eq!(meta_field("see https://x"), None);
    }
}
