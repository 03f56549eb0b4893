//! Making `**` work next to CJK punctuation before Markdown is parsed.
//!
//! CommonMark's flanking rules treat `**` that has punctuation on one side and a letter on the
//! other as unable to close (or open), so Chinese like `**视频代理（Agent）**的` or
//! `**核心洞察：**正文` would show literal asterisks. Putting a zero-width space between the
//! delimiter run and the punctuation makes the run flanking; every string coming out of the
//! parser is sanitised afterwards, which removes those zero-width spaces again.

use std::borrow::Cow;

use super::chars::is_punctuation;

const ZWSP: char = '\u{200B}';

/// The run of underscores `s` starts with, `before` coming before it: its length, and
/// whether it is text, inside a word (`@shao__meng`, `a___b`), where CommonMark reads no
/// emphasis, as the reader shows it.
pub(crate) fn underscore_run(before: Option<char>, s: &str) -> (usize, bool) {
    let len = s.bytes().take_while(|&b| b == b'_').count();
    let after = s[len..].chars().next();
    let text =
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
    (len, text)
}

/// The side of a delimiter run of `len` between `prev` and `next` that [`fix_cjk_flanking`]
/// puts a zero-width space on, where it puts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Helped {
    Before,
    After,
}

impl Helped {
    /// Where a run of `len` between `prev` and `next` is helped: before it where punctuation
    /// is before it and a letter that is not ASCII after, after it the other way round; runs
    /// of two or more only. The letter beside the run not ASCII: a Chinese one (tester CY:
    /// `4.5**，…**不` set the words between in bold).
    pub(crate) fn at(prev: Option<char>, next: Option<char>, len: usize) -> Option<Helped> {
        let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && !is_punctuation(c));
        let punct = |c: Option<char>| c.is_some_and(is_punctuation);
        let cjk_word = |c: Option<char>| word(c) && c.is_some_and(|c| !c.is_ascii());
        if len < 2 {
            None
        } else if punct(prev) && cjk_word(next) {
            Some(Helped::Before)
        } else if cjk_word(prev) && punct(next) {
            Some(Helped::After)
        } else {
            None
        }
    }

    /// What the run's neighbours are once helped: the zero-width space in place of the one
    /// on the helped side.
    pub(crate) fn neighbours(
        helped: Option<Helped>,
        prev: Option<char>,
        next: Option<char>,
    ) -> (Option<char>, Option<char>) {
        match helped {
            Some(Helped::Before) => (Some(ZWSP), next),
            Some(Helped::After) => (prev, Some(ZWSP)),
            None => (prev, next),
        }
    }
}

/// Inserts a zero-width space between a `**`/`~~` delimiter run and adjacent punctuation when
/// the other side of the run is a letter that is not ASCII (pure ASCII keeps strict
/// CommonMark behaviour, and so does a digit: `4.5**，`). A single `*` or `~` is left as it
/// is: it is more often a mark than emphasis (`评分4.5*，`, `1~3`), and made to open, it took
/// a later one to close (tester CW: `4.5*，官方称*不含税` lost both, the words between set in
/// italics). Expects sanitised input, which has no zero-width spaces of its own.
pub(super) fn fix_cjk_flanking(md: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let bytes = md.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let d = bytes[i];
        if d != b'*' && d != b'~' {
            i += 1;
            continue;
        }
        let run_end = i + bytes[i..].iter().take_while(|&&b| b == d).count();
        let prev = md[..i].chars().next_back();
        let next = md[run_end..].chars().next();
        let split_at = match Helped::at(prev, next, run_end - i) {
            Some(Helped::Before) => Some(i),
            Some(Helped::After) => Some(run_end),
            None => None,
        };
        if let Some(at) = split_at {
            let s = out.get_or_insert_with(|| String::with_capacity(md.len() + 64));
            s.push_str(&md[copied..at]);
            s.push(ZWSP);
            copied = at;
        }
        i = run_end;
    }
    match out {
        None => Cow::Borrowed(md),
        Some(mut s) => {
            s.push_str(&md[copied..]);
            Cow::Owned(s)
        }
    }
}
