//! Finding one folded query term in unfolded text, so the index keeps the text as written
//! (for snippets) and is never folded as a whole. Terms of CJK and other caseless characters
//! are plain byte searches (SIMD `memmem`); a term with Latin letters, digits, ASCII
//! punctuation or spaces becomes a small regular expression that accepts each of its
//! characters in either case and in full width, which is what folding would have matched.
//!
//! A term of ASCII (and caseless characters) is also a plain byte search in text whose ASCII
//! letters were lowered, when the text holds no other forms of its characters (see
//! [`super::SearchText`]): several times faster than the expression, and exactly as exact.
//!
//! Three things are written more than one way and a term matches each way: a space between
//! Chinese and a Latin word or number (`GPU 沙盒`, `GPU沙盒`: writers differ, and so do
//! readers typing a query) or between two Chinese characters (`**英伟达** 发布`, where bold
//! text ends; tester CL: `英伟达发布` missed it), a hyphen or space between letters and
//! digits (`GPT-5`, `GPT5`, `GPT 5`; `Qwen3`, `Qwen-3`), and the apostrophe (`OpenAI’s`,
//! `OpenAI's`). A Chinese term stays a byte search in text without such a space, as most is
//! (see [`Matcher::for_text`]).
//!
//! A Latin term matches whole words: where a word starts, and ending where one ends, its
//! last word in any of its forms (`agent` finds `agents`, `companies` `company`, `release`
//! `released`, but `Intel` not `Intelligence`: tester AA), by the Snowball English stemmer,
//! but not the words made from it (`token` not `tokenizer`: tester BA);
//! a number ends where its digits do (`GPT-5` is not in `GPT-50`). A term ending in `*` is a
//! prefix (`Claud*` finds `Claude`), and so is one ending in a word of one letter (`e`, as
//! typed first).

use memchr::memmem::Finder;
use regex::bytes::Regex;
use std::ops::Range;

#[derive(Debug)]
pub struct Matcher {
    kind: Kind,
    /// The term as bytes, for text with ASCII letters lowered (see the module's note).
    lowered: Option<Box<Finder<'static>>>,
    /// The term is this one ASCII letter (small): its cases are found in text without other
    /// forms as written.
    letter: Option<u8>,
    /// The term starts with a Latin letter or digit: it matches only where a word starts
    /// (see [`begins_word`]), not inside one (`mit` in `limit`).
    word_start: bool,
    /// Where a match may end.
    end: End,
    /// For a byte-search term of Chinese words, itself as an expression that takes a space
    /// between two characters: for text that has one there (see [`Matcher::for_text`]).
    spaced: Option<Box<Matcher>>,
}

/// Where a match of a term may end (see the module's note).
#[derive(Debug, Clone)]
enum End {
    /// Anywhere: the term ends in Chinese or a sign, or is a prefix (`Claud*`).
    Anywhere,
    /// Where digits end: the term ends in one.
    Number,
    /// Where a word ends, the word there being a form of the term's last word. What is
    /// searched for is the term with that word cut to the letters its forms share
    /// (`compan` for `companies`, which finds `company`); the rest is read from the text.
    Word {
        last: String,
        stem: String,
        /// How many letters of `last` what is searched for holds (`compan` of
        /// `companies`; all of them, most often): the word's part in a match (`opensourc`
        /// is `open-source` without its hyphen, `sourc` its last word's).
        cut: usize,
    },
}

/// The English stemmer: what a word is, whatever its ending (`agents`, `agent` → `agent`).
static ENGLISH: std::sync::LazyLock<rust_stemmers::Stemmer> =
    std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

/// A word of Latin letters where a match ends: its letters in the match, then on in the
/// text to where it ends, at what is no letter (`Open` is no word of its own in `OpenAI`,
/// where `AI` is: tester BC, `open` found 2,180 stories for their OpenAI), in full width or
/// not; held without allocating, as a search meets many.
struct WholeWord {
    /// Its letters, narrow (`Ａ` → `A`), case kept.
    letters: [u8; WholeWord::MAX],
    len: usize,
    lowered: [u8; WholeWord::MAX],
}

impl WholeWord {
    /// A word longer than this is no form of a term's: longer than words are, but for
    /// chemistry's (tester CW: at 48, a 62-letter word typed whole was not found).
    const MAX: usize = 128;

    /// The word where match `m` in `text` ends, its last `cut` letters in the match, and
    /// where it ends; None for one too long.
    fn at(text: &[u8], m: Range<usize>, cut: usize) -> Option<(WholeWord, usize)> {
        let matched = std::str::from_utf8(text.get(m.clone())?).ok()?;
        let letter = |c: char| narrow(c).filter(char::is_ascii_alphabetic);
        let mut word = WholeWord {
            letters: [0; Self::MAX],
            len: 0,
            lowered: [0; Self::MAX],
        };
        // Back over the match's last letters (text as written may hold zero-width
        // characters inside the word).
        let visible = |c: &char| !super::text::is_zero_width(*c);
        for c in matched
            .chars()
            .rev()
            .filter(visible)
            .map_while(letter)
            .take(cut)
        {
            word.push(c)?;
        }
        word.letters[..word.len].reverse();
        let mut end = m.end;
        let window = &text[m.end..text.len().min(m.end + 4 * Self::MAX)];
        let rest = window.utf8_chunks().next().map_or("", |c| c.valid());
        for (c, l) in rest.chars().map_while(|c| Some((c, letter(c)?))) {
            word.push(l)?;
            end += c.len_utf8();
        }
        for (low, l) in word.lowered.iter_mut().zip(&word.letters[..word.len]) {
            *low = l.to_ascii_lowercase();
        }
        Some((word, end))
    }

    fn push(&mut self, c: char) -> Option<()> {
        *self.letters.get_mut(self.len)? = c as u8;
        self.len += 1;
        Some(())
    }

    /// In small letters.
    fn lowered(&self) -> &str {
        // ASCII letters only.
        std::str::from_utf8(&self.lowered[..self.len]).unwrap_or_default()
    }

    /// The length of the acronym it is, or is the plural of (`GPU`, `GPUs`): capitals only,
    /// two or more, and an `s`.
    fn acronym(&self) -> Option<usize> {
        let letters = &self.letters[..self.len];
        let base = letters.strip_suffix(b"s").unwrap_or(letters);
        (base.len() > 1 && base.iter().all(u8::is_ascii_uppercase)).then_some(base.len())
    }
}

/// The term to search for and where its matches may end: a term ending in a Latin word
/// searches for the letters all the word's forms share (see [`End::Word`]).
fn searched(term: &str) -> (std::borrow::Cow<'_, str>, End) {
    if let Some(prefix) = term.strip_suffix('*').filter(|p| !p.is_empty()) {
        return (prefix.into(), End::Anywhere);
    }
    // A possessive is its word (tester AC: `Anthropic's` missed every other `Anthropic`).
    let term = term
        .strip_suffix("'s")
        .filter(|t| t.ends_with(|c: char| c.is_ascii_alphanumeric()))
        .unwrap_or(term);
    let last_start = term
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| {
            i + term[i..].chars().next().map_or(1, char::len_utf8)
        });
    let last = &term[last_start..];
    // A word of one letter is a word's start, as typed first (and one whole would mean
    // reading the text of every story to its end for a word hardly any has).
    if last.len() == 1 {
        return (term.into(), End::Anywhere);
    }
    if last.is_empty() {
        let number = term.ends_with(|c: char| c.is_ascii_digit());
        return (
            term.into(),
            if number { End::Number } else { End::Anywhere },
        );
    }
    let stem = ENGLISH.stem(last).into_owned();
    let shared = last
        .bytes()
        .zip(stem.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    // A `y` the stemmer made `i` (`company`, `companies` → `compani`) is not in every form,
    // nor an `e` it kept (`use`, `using`; tester AC), nor the `s` of an acronym's plural,
    // which it keeps (`gpus`, `GPU`).
    let kept_end = stem.ends_with(['i', 'e']) && shared == stem.len() || last.ends_with('s');
    let shared = match kept_end && shared == last.len().min(stem.len()) && shared > 2 {
        true => shared - 1,
        false => shared,
    };
    let shared = shared.max(1);
    let cut = format!("{}{}", &term[..last_start], &last[..shared]);
    let end = End::Word {
        last: last.to_string(),
        stem,
        cut: shared,
    };
    (cut.into(), end)
}

/// Whether `a` and `b` (lowered), which share a stem, are forms of one word, not one word
/// and another made from it: they meet once an inflection is taken off either (`agents`,
/// `agent`; `companies`, `company`; `released`, `releasing`; `stopped`, `stop`), where the
/// stemmer also takes `tokenizer` to `token` and `transformer` to `transform` (tester BA:
/// `tokenizer` found 828 stories, most of them of tokens).
fn inflected_alike(a: &str, b: &str) -> bool {
    let (a, b) = (bases(a), bases(b));
    a.iter().any(|x| b.contains(x))
}

/// `word` and what it is without one inflection: a plural's or a verb's `s`/`es`, `ies`
/// (`y`), `ed`/`d`, `ing`, a possessive, with an `e` the ending took (`using`: `use`) or a
/// consonant it doubled (`stopped`: `stop`).
fn bases(word: &str) -> Vec<String> {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let mut out = vec![word.to_string()];
    for (ending, back) in [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
    ] {
        let Some(stem) = word.strip_suffix(ending).filter(|s| s.len() >= 2) else {
            continue;
        };
        out.push(format!("{stem}{back}"));
        if matches!(ending, "ed" | "ing") {
            out.push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_string());
            }
        }
    }
    out
}

#[derive(Debug)]
enum Kind {
    Bytes(Box<Finder<'static>>),
    Pattern(Regex),
}

/// Text as a search reads it (see the module's note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hay {
    /// As written, which may hold other forms of Latin letters (`Ａ`).
    AsWritten,
    /// As written, holding no other forms of Latin letters.
    Plain,
    /// [`Hay::Plain`] text with its ASCII letters lowered.
    Lowered,
}

fn finder(term: &str) -> Box<Finder<'static>> {
    Box::new(Finder::new(term.as_bytes()).into_owned())
}

impl Matcher {
    /// `term` is folded (as [`super::fold`] makes it) and not empty.
    pub fn new(term: &str) -> Matcher {
        let word_start = term.starts_with(|c: char| c.is_ascii_alphanumeric());
        let (term, end) = searched(term);
        let term = &term[..];
        if !term.chars().any(has_variants) {
            let spaced =
                (!written_one_way(term)).then(|| Matcher::new_in(term, "", word_start, &end));
            return Matcher {
                kind: Kind::Bytes(finder(term)),
                lowered: None,
                letter: None,
                word_start,
                end,
                spaced: spaced.flatten().map(Box::new),
            };
        }
        let lowered = (term.chars().all(|c| {
            !has_variants(c)
                || c.is_ascii()
                    && !c.is_ascii_uppercase()
                    && !super::text::EVERYDAY_WIDE.contains(c)
        }) && written_one_way(term))
        .then(|| finder(term));
        // Cannot fail for escaped input; a byte search is the safe fallback.
        let kind = expression(term, "").map_or_else(|| Kind::Bytes(finder(term)), Kind::Pattern);
        let letter = match term.as_bytes() {
            &[b] if b.is_ascii_lowercase() => Some(b),
            _ => None,
        };
        Matcher {
            kind,
            lowered,
            letter,
            word_start,
            end,
            spaced: None,
        }
    }

    /// Like [`Matcher::new`], also across zero-width characters between the term's
    /// characters: for text as written (the index's text has none).
    pub fn across_invisibles(term: &str) -> Matcher {
        let between = format!("[{}]*", String::from_iter(super::text::ZERO_WIDTH));
        let word_start = term.starts_with(|c: char| c.is_ascii_alphanumeric());
        let (cut, end) = searched(term);
        Matcher::new_in(&cut, &between, word_start, &end).unwrap_or_else(|| Matcher::new(term))
    }

    /// `term` (as [`searched`] makes it) as an expression, `between` allowed between its
    /// characters.
    fn new_in(term: &str, between: &str, word_start: bool, end: &End) -> Option<Matcher> {
        Some(Matcher {
            kind: Kind::Pattern(expression(term, between)?),
            lowered: None,
            letter: None,
            word_start,
            end: end.clone(),
            spaced: None,
        })
    }

    /// The matcher for text that has (`spaced`) or has not a space between two Chinese
    /// characters: the byte search, where there is none, is several times faster.
    pub(super) fn for_text(&self, spaced: bool) -> &Matcher {
        match &self.spaced {
            Some(m) if spaced => m,
            _ => self,
        }
    }

    /// Whether searching text with ASCII letters lowered makes this term a byte search (and
    /// it is none already in text as written: see [`Hay::Plain`]).
    pub fn wants_lowered(&self) -> bool {
        self.lowered.is_some() && self.letter.is_none()
    }

    /// The first match at or after `from` where a word starts (see [`Matcher::starts_word`]).
    pub fn find_from(&self, hay: &[u8], from: usize) -> Option<Range<usize>> {
        self.for_text(true).find_in(hay, hay, from, Hay::AsWritten)
    }

    /// Like [`Matcher::find_from`], in `hay`: `text` as `form` says (the same bytes, but
    /// for ASCII letters lowered).
    pub(super) fn find_in(
        &self,
        hay: &[u8],
        text: &[u8],
        from: usize,
        form: Hay,
    ) -> Option<Range<usize>> {
        let mut at = from;
        loop {
            let m = self.find_anywhere(hay, at, form)?;
            if self.starts_word(text, m.start)
                && let Some(end) = self.word_end(text, m.clone())
            {
                return Some(m.start..end);
            }
            at = m.start + 1;
        }
    }

    /// Where a match `m` of what is searched for in `text` (as written) ends, taken whole
    /// (see [`End`]); None when it may not end there.
    pub fn word_end(&self, text: &[u8], m: Range<usize>) -> Option<usize> {
        let following = || {
            let rest = text.get(m.end..text.len().min(m.end + 4))?;
            rest.utf8_chunks().next()?.valid().chars().next()
        };
        match &self.end {
            End::Anywhere => Some(m.end),
            End::Number => match following().map(narrow) {
                Some(Some(c)) if c.is_ascii_digit() => None,
                _ => Some(m.end),
            },
            End::Word {
                last,
                stem: wanted,
                cut,
            } => {
                let whole = *cut == last.len();
                // Told by the next byte alone, as most places are: the term's word whole
                // before what is no letter; a longer word where a term of one or two letters
                // has no other form (see below), unless an acronym's plural `s` follows.
                match text.get(m.end) {
                    None if whole => return Some(m.end),
                    // (A full-width letter's UTF-8 starts with 0xEF; any other byte but
                    // an ASCII letter starts what is no letter of a Latin word.)
                    Some(&b) if !b.is_ascii_alphabetic() && b != 0xEF && whole => {
                        return Some(m.end);
                    }
                    Some(&b) if wanted.len() <= 2 && b.is_ascii_lowercase() && b != b's' => {
                        return None;
                    }
                    _ => {}
                }
                let (word, end) = WholeWord::at(text, m, *cut)?;
                let lowered = word.lowered();
                // An acronym's plural (`LLMs`, `GPUs`) is no English word to the stemmer.
                let acronym = word.acronym().map(|a| &lowered[..a]);
                // A word of one or two letters is its own only form (the stemmer leaves them
                // be), which spares stemming every word a one-letter term starts.
                let same = lowered == last
                    || acronym.is_some_and(|a| last.strip_suffix('s').unwrap_or(last) == a)
                    || wanted.len() > 2
                        && lowered.len() >= wanted.len()
                        && ENGLISH.stem(lowered) == wanted.as_str()
                        && inflected_alike(lowered, last);
                same.then_some(end)
            }
        }
    }

    /// The first match at or after `from` in `hay` (read as `form` says), whether a word
    /// starts there or not.
    pub(super) fn find_anywhere(&self, hay: &[u8], from: usize, form: Hay) -> Option<Range<usize>> {
        let rest = hay.get(from..)?;
        match (self.letter, &self.lowered, &self.kind) {
            (Some(b), _, _) if form == Hay::Lowered => {
                memchr::memchr(b, rest).map(|s| from + s..from + s + 1)
            }
            (Some(b), _, _) if form == Hay::Plain => {
                memchr::memchr2(b, b.to_ascii_uppercase(), rest).map(|s| from + s..from + s + 1)
            }
            // (The expression of `k` and `s` also finds the Kelvin sign and the long s.)
            (Some(b), _, _) if !matches!(b, b'k' | b's') => {
                any_width(b, rest).map(|m| from + m.start..from + m.end)
            }
            (_, Some(f), _) if form == Hay::Lowered => bytes_match(f, rest, from),
            (_, _, Kind::Bytes(f)) => bytes_match(f, rest, from),
            (_, _, Kind::Pattern(re)) => re.find(rest).map(|m| from + m.start()..from + m.end()),
        }
    }

    /// Whether a match at `at` in `text` (as written) may be taken: a word starts there, or
    /// the term does not start with a Latin letter or digit.
    pub fn starts_word(&self, text: &[u8], at: usize) -> bool {
        !self.word_start || begins_word(text, at)
    }

    /// Every match, left to right, not overlapping.
    pub fn find_all(&self, hay: &[u8]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = self.find_from(hay, at) {
            at = m.end.max(m.start + 1);
            out.push(m);
        }
        out
    }
}

/// The first of ASCII letter `b` (small) in `hay` in either case and width.
fn any_width(b: u8, hay: &[u8]) -> Option<Range<usize>> {
    let upper = b.to_ascii_uppercase();
    // `ａ` is U+FF41 and `Ａ` U+FF21: 0xEF, then two more bytes.
    let wide = [
        [0xEF, 0xBD, 0x81 + (b - b'a')],
        [0xEF, 0xBC, 0xA1 + (b - b'a')],
    ];
    let mut at = 0;
    while let Some(s) = memchr::memchr3(b, upper, 0xEF, &hay[at..]).map(|s| at + s) {
        if hay[s] != 0xEF {
            return Some(s..s + 1);
        }
        if wide.iter().any(|w| hay[s..].starts_with(w)) {
            return Some(s..s + 3);
        }
        at = s + 1;
    }
    None
}

/// `c` as the ASCII letter or digit it is in full width or not (`Ａ` → `A`); None for any
/// other character.
fn narrow(c: char) -> Option<char> {
    let ascii = match c {
        '\u{ff10}'..='\u{ff5a}' => char::from_u32(c as u32 - 0xfee0)?,
        c => c,
    };
    ascii.is_ascii_alphanumeric().then_some(ascii)
}

/// `term` as an expression that takes each of its characters in any case and width, as
/// folding would match (`(?i:[oｏ][pｐ]…)`), with `between` allowed between them, and a
/// space or none where Chinese meets a Latin word, a hyphen, a space or none where letters
/// meet digits (see the module's note).
fn expression(term: &str, between: &str) -> Option<Regex> {
    let optional = |class: &str| format!("(?:{class}{between})?");
    let space = optional("[ \u{3000}\u{a0}]");
    let separator = optional("[ \u{3000}\u{a0}\\-－\u{2010}\u{2011}]");
    let mut pattern = String::from("(?i:");
    for (n, (c, gap)) in letters(term).into_iter().enumerate() {
        if n > 0 {
            pattern.push_str(between);
            match gap {
                Gap::None => {}
                Gap::Space => pattern.push_str(&space),
                Gap::Separator => pattern.push_str(&separator),
            }
        }
        push_char(c, &mut pattern);
    }
    pattern.push(')');
    Regex::new(&pattern).ok()
}

/// What text may have before a character of a term, or not, meaning the same.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    None,
    /// A space: Chinese (or Japanese) next to a Latin letter or a digit, or to Chinese (a
    /// space where bold text ends, `**英伟达** 发布`).
    Space,
    /// A hyphen or a space: a Latin letter next to a digit, or words the term parts.
    Separator,
}

/// The term's characters as its expression takes them, each with what may come or go
/// before it: the space of `GPU 沙盒` and the hyphen of `GPT-5` are left out, and `沙`
/// takes a space or none, `5` a hyphen, a space or none. So do words a hyphen or a space
/// parts (`open-source`, `"open source"`, `opensource`; tester AC: each missed most of the
/// others).
fn letters(term: &str) -> Vec<(char, Gap)> {
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<(char, Gap)> = Vec::with_capacity(chars.len());
    let mut parted = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.last().map(|&(p, _)| p);
        if let (Some(a), Some(&b)) = (prev, chars.get(i + 1)) {
            let words = a.is_ascii_alphabetic() && b.is_ascii_alphabetic();
            if matches!(c, ' ' | '-') && words {
                parted = true;
                continue;
            }
            if c == ' ' && gap(a, b) != Gap::None || c == '-' && gap(a, b) == Gap::Separator {
                continue;
            }
        }
        let gap = match std::mem::take(&mut parted) {
            true => Gap::Separator,
            false => prev.map_or(Gap::None, |a| gap(a, c)),
        };
        out.push((c, gap));
    }
    out
}

/// What may come between `a` and `b` in text meaning the same (see [`Gap`]).
fn gap(a: char, b: char) -> Gap {
    let cjk = crate::text::is_cjk;
    let unspaced = crate::text::is_han_or_kana;
    let (letter, digit) = (char::is_ascii_alphabetic, char::is_ascii_digit);
    if a.is_ascii_alphanumeric() && cjk(b)
        || cjk(a) && b.is_ascii_alphanumeric()
        || unspaced(a) && unspaced(b)
    {
        Gap::Space
    } else if letter(&a) && digit(&b) || digit(&a) && letter(&b) {
        Gap::Separator
    } else {
        Gap::None
    }
}

/// Whether every match of `term` is the term's own bytes (in some case): no apostrophe or
/// double quote, and no place where a space or hyphen may come or go.
fn written_one_way(term: &str) -> bool {
    !term.contains(['\'', '"']) && letters(term).iter().all(|&(_, gap)| gap == Gap::None)
}

/// Whether a word starts at `at` in `text`: after a character that is no letter or digit
/// (a space, punctuation, Chinese), where capitals follow a small letter (`ChatGPT`,
/// `OpenAI`; see [`capitals_part`]), or where digits follow letters or letters digits
/// (`RTX5090`, `Qwen3`).
fn begins_word(text: &[u8], at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    // ASCII characters, the common case, told without decoding: a one-letter term meets
    // millions of places inside words.
    if let (Some(&prev), Some(&next)) = (before.last(), text.get(at))
        && prev.is_ascii()
        && next.is_ascii()
        && text.get(at + 1).is_none_or(u8::is_ascii)
    {
        let capitals = text.get(at + 1).is_some_and(u8::is_ascii_uppercase);
        return !prev.is_ascii_alphanumeric()
            || prev.is_ascii_lowercase() && next.is_ascii_uppercase() && capitals
            || prev.is_ascii_alphabetic() && next.is_ascii_digit()
            || prev.is_ascii_digit() && next.is_ascii_alphabetic();
    }
    // The character before `at`: back over UTF-8 continuation bytes to its start.
    let start = before.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
    let Some(prev) = std::str::from_utf8(&before[start..])
        .ok()
        .and_then(|s| s.chars().next())
    else {
        return true;
    };
    // Chinese and Japanese characters are not letters of a Latin word; full-width ones are.
    let word = |c: char| {
        c.is_alphanumeric() && (!crate::text::is_cjk(c) || ('\u{FF10}'..='\u{FF5A}').contains(&c))
    };
    if !word(prev) {
        return true;
    }
    // (From the next eight bytes only: two characters' are at most eight.)
    let mut next = text
        .get(at..text.len().min(at + 8))
        .and_then(|next| next.utf8_chunks().next())
        .map(|chunk| chunk.valid().chars())
        .into_iter()
        .flatten();
    let (next, after) = (next.next(), next.next());
    next.is_some_and(|next| {
        capitals_part(prev, next, after)
            || prev.is_alphabetic() && next.is_numeric()
            || prev.is_numeric() && next.is_alphabetic()
    })
}

/// Whether `next` (then `after`) starts a part of capitals after a small letter `prev`:
/// `GPT` in `ChatGPT`, `AI` in `OpenAI`, where a word starts (the letters before it end none:
/// see [`WholeWord`]). A part of one capital (`GitHub`, `DeepSeek`, `iPhone`) is no word of
/// its own (tester AC: `git` found every GitHub, `seek` DeepSeek).
fn capitals_part(prev: char, next: char, after: Option<char>) -> bool {
    prev.is_lowercase() && next.is_uppercase() && after.is_some_and(char::is_uppercase)
}

fn bytes_match(f: &Finder, rest: &[u8], from: usize) -> Option<Range<usize>> {
    f.find(rest).map(|s| from + s..from + s + f.needle().len())
}

/// Whether the text may hold `c` in another form that folds to it.
fn has_variants(c: char) -> bool {
    c.is_ascii_graphic()
        || c == ' '
        || c.to_uppercase().ne(std::iter::once(c))
        || wide_sign(c).is_some()
}

/// The full-width form of a sign outside the ASCII block (`¥` → `￥`).
fn wide_sign(c: char) -> Option<char> {
    super::query::WIDE_SIGNS
        .iter()
        .find(|(narrow, _)| *narrow == c)
        .map(|&(_, wide)| wide)
}

/// `c` (folded) as a pattern: itself or its full-width form; a space also matches the
/// ideographic and the no-break space, an apostrophe the typographic one, a hyphen the
/// Unicode hyphens (U+2010, U+2011), a double quote the full-width and curly ones.
fn push_char(c: char, out: &mut String) {
    let escape = |c: char| regex::escape(c.encode_utf8(&mut [0; 4]));
    match (c, char::from_u32(c as u32 + 0xfee0)) {
        (' ', _) => out.push_str("[ \u{3000}\u{a0}]"),
        ('\'', _) => out.push_str("['＇’]"),
        ('"', _) => out.push_str("[\"＂“”]"),
        ('-', _) => out.push_str("[\\-－\u{2010}\u{2011}]"),
        (c, _) if let Some(wide) = wide_sign(c) => {
            out.push('[');
            out.push(c);
            out.push(wide);
            out.push(']');
        }
        (c, Some(wide)) if c.is_ascii_graphic() => {
            out.push('[');
            out.push_str(&escape(c));
            out.push_str(&escape(wide));
            out.push(']');
        }
        (c, _) => out.push_str(&escape(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(term: &str, text: &str) -> Option<String> {
        let m = Matcher::new(&super::super::fold(term)).find_from(text.as_bytes(), 0)?;
        Some(text[m].to_string())
    }

    #[test]
    fn latin_matches_any_case_and_full_width() {
        assert_eq!(
            found("openai", "据ＯｐｅｎＡＩ称").as_deref(),
            Some("ＯｐｅｎＡＩ")
        );
        assert_eq!(found("OpenAI", "the OPENAI api").as_deref(), Some("OPENAI"));
        assert_eq!(
            found("gpt-5", "ＧＰＴ－５ 发布").as_deref(),
            Some("ＧＰＴ－５")
        );
        assert_eq!(found("gpt-5", "Ｇpt-５ 发布").as_deref(), Some("Ｇpt-５"));
        assert_eq!(found("a.b", "axb"), None);
    }

    #[test]
    fn cjk_is_a_substring_search() {
        assert_eq!(found("英伟达", "据英伟达称").as_deref(), Some("英伟达"));
        // A term of one character is the byte search in any text.
        assert!(Matcher::new("英").spaced.is_none());
    }

    /// A space between two Chinese characters may come or go, as where bold text ends
    /// (tester CL: `英伟达发布` missed `**英伟达** 发布`); the byte search is kept for text
    /// without one.
    #[test]
    fn a_space_between_chinese_characters_may_come_or_go() {
        for text in [
            "英伟达 发布",
            "英伟达发布",
            "英伟达　发布",
            "英 伟 达 发 布",
        ] {
            assert!(found("英伟达发布", text).is_some(), "{text:?}");
            assert!(found("英伟达 发布", text).is_some(), "{text:?}");
        }
        assert_eq!(found("英伟达发布", "英伟达  发布"), None);
        assert_eq!(found("英伟达发布", "英伟达，发布"), None);
        let m = Matcher::new("英伟达发布");
        let find = |spaced, text: &str| {
            let m = m.for_text(spaced);
            m.find_anywhere(text.as_bytes(), 0, Hay::Plain)
        };
        assert_eq!(find(false, "英伟达 发布"), None);
        assert_eq!(find(true, "英伟达 发布"), Some(0..16));
        assert_eq!(find(false, "英伟达发布"), Some(0..15));
    }

    #[test]
    fn spaces_match_the_ideographic_space() {
        assert_eq!(
            found("open source", "Open　Source").as_deref(),
            Some("Open　Source")
        );
    }

    #[test]
    fn a_space_between_chinese_and_latin_may_come_or_go() {
        for text in ["新 GPU 沙盒", "新GPU沙盒", "新ＧＰＵ　沙盒"] {
            for term in ["gpu沙盒", "GPU 沙盒", "新gpu"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
        // One space, not two.
        assert_eq!(found("gpu 沙盒", "gpu  沙盒"), None);
        // The place in the text is found whole, with its space.
        assert_eq!(found("gpu沙盒", "新 GPU 沙盒").as_deref(), Some("GPU 沙盒"));
    }

    #[test]
    fn letters_and_digits_meet_with_a_hyphen_a_space_or_none() {
        for text in [
            "GPT-5 发布",
            "GPT5 发布",
            "GPT 5 发布",
            "ＧＰＴ－５ 发布",
            "GPT‑5 发布",
        ] {
            for term in ["gpt5", "GPT-5", "gpt 5"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
        assert_eq!(
            found("qwen3max", "Qwen3-Max 上线").as_deref(),
            Some("Qwen3-Max")
        );
        assert_eq!(
            found("llama3", "Meta 的 Llama 3.1").as_deref(),
            Some("Llama 3")
        );
        // Between digits a hyphen stays as typed.
        assert_eq!(found("2025-12", "202512"), None);
        assert_eq!(found("gpt5", "gpt--5"), None);
    }

    /// `¥` and `￥` (as Chinese text writes prices) find each other, as `$` and `＄` do.
    #[test]
    fn full_width_signs_find_their_half_width_forms() {
        for text in ["售价￥2.0起", "售价¥2.0起"] {
            for term in ["¥2.0", "￥2.0"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
        assert_eq!(found("¥2.0", "售价￥2.0起").as_deref(), Some("￥2.0"));
    }

    #[test]
    fn either_apostrophe_finds_both() {
        for text in ["OpenAI’s model", "OpenAI's model"] {
            for term in ["openai's", "OpenAI’s"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
    }

    #[test]
    fn any_double_quote_finds_the_others() {
        for text in [
            "企业微信\"大圆\"内测",
            "企业微信“大圆”内测",
            "企业微信＂大圆＂内测",
        ] {
            for term in ["微信\"大圆\"", "微信“大圆”"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
        assert!(!Matcher::new("\"a\"").wants_lowered());
    }

    /// A Latin term matches where a word starts, not inside one: `MIT` is not in `limit`.
    /// Words start after what is no letter (Chinese too), at a capital after a small letter
    /// and where digits meet letters.
    #[test]
    fn latin_terms_match_where_a_word_starts() {
        // The long s and the Kelvin sign typed are their letters, found where words start.
        assert_eq!(found("ſ", "just"), None);
        assert_eq!(found("ſ", "a song").as_deref(), Some("s"));
        assert_eq!(found("\u{212a}", "like"), None);
        assert_eq!(found("\u{212a}", "a kit").as_deref(), Some("k"));
        for text in ["limit", "submit", "permitted", "SUBMIT", "said"] {
            assert_eq!(found("mit", text), None, "{text}");
            assert_eq!(found("ai", text), None, "{text}");
        }
        for (term, text) in [
            ("mit", "MIT 发布"),
            ("gpt", "ChatGPT"),
            ("ai", "OpenAI"),
            ("5090", "RTX5090"),
            ("b", "Llama 70B"),
            ("gpu", "新GPU"),
            ("gpu", "新ＧＰＵ"),
            ("agent", "multi-agent"),
            ("open source", "(open source)"),
        ] {
            assert!(found(term, text).is_some(), "{term:?} in {text:?}");
        }
        // The first match inside a word does not hide a later one at a word's start.
        assert_eq!(found("mit", "limit MIT").as_deref(), Some("MIT"));
        // Terms of Chinese are found anywhere.
        assert!(found("伟达", "英伟达").is_some());
    }

    /// A Latin term ends where a word does, the word there being any form of the term's
    /// last word (tester AA: `Intel` found `Intelligence`, `agents` not `agent`); the match
    /// is the whole word. A number ends where its digits do; `*` asks for a prefix.
    #[test]
    fn latin_terms_match_whole_words_in_any_form() {
        for (term, text, whole) in [
            ("agent", "two agents", "agents"),
            ("agents", "an agent", "agent"),
            ("company", "AI companies", "companies"),
            ("companies", "a company", "company"),
            ("release", "OpenAI released", "released"),
            ("released", "OpenAI releasing", "releasing"),
            ("stop", "it stopped", "stopped"),
            ("launch", "Google launches", "launches"),
            ("openai's", "OpenAI’s model", "OpenAI"),
            ("anthropic's", "Anthropic 发布", "Anthropic"),
            ("use", "using it", "using"),
            ("code", "AI coding", "coding"),
            ("intel", "Intel's chips", "Intel"),
            (
                "open source",
                "open-sourcing (open sources)",
                "open-sourcing",
            ),
            ("ｌｌｍ", "ＬＬＭｓ", "ＬＬＭｓ"),
            ("gpus", "新 GPU 集群", "GPU"),
            ("apis", "the APIs", "APIs"),
            ("news", "AI News", "News"),
            ("gpt-5", "GPT-5.1 发布", "GPT-5"),
            ("claud*", "Claude Code", "Claud"),
            ("e", "an example", "e"),
        ] {
            assert_eq!(
                found(term, text).as_deref(),
                Some(whole),
                "{term:?} in {text:?}"
            );
        }
        for (term, text) in [
            ("git", "GitHub"),
            ("hub", "GitHub"),
            ("seek", "DeepSeek"),
            ("phone", "iPhone"),
            ("intel", "Intelligence"),
            ("meta", "metadata"),
            ("mit", "Mitigation"),
            ("gpt-5", "GPT-50"),
            ("claud", "Claudia"),
            ("ai", "AIGC"),
            ("news", "new model"),
            // A word made from another is not one of its forms (tester BA).
            ("tokenizer", "the tokens"),
            ("token", "a tokenizer"),
            ("transformer", "transformed"),
            ("agent", "agentic"),
            // Letters before a part of capitals are no word of their own (tester BC).
            ("open", "OpenAI"),
            ("chat", "ChatGPT"),
        ] {
            assert_eq!(found(term, text), None, "{term:?} in {text:?}");
        }
        // The first place that is not a whole word does not hide a later one that is.
        assert_eq!(found("meta", "metadata of Meta").as_deref(), Some("Meta"));
    }

    /// Words a term parts with a hyphen or a space are found parted either way or not at
    /// all (tester AC: `open-source` and `"open source"` each missed most of the other's);
    /// a term that does not part them finds them whole only.
    #[test]
    fn words_a_hyphen_or_a_space_parts_are_written_any_of_three_ways() {
        for text in [
            "open-source 模型",
            "open source 模型",
            "opensource 模型",
            "Open‑Source",
        ] {
            for term in ["open-source", "open source"] {
                assert!(found(term, text).is_some(), "{term:?} in {text:?}");
            }
        }
        assert_eq!(
            found("pre-training", "pretraining").as_deref(),
            Some("pretraining")
        );
        assert_eq!(found("opensource", "open-source"), None);
        assert_eq!(found("multiagent", "multi-agent"), None);
    }

    #[test]
    fn terms_written_more_than_one_way_are_not_byte_searches() {
        for term in [
            "gpu沙盒",
            "gpu 沙盒",
            "o'brien",
            "gpt-5",
            "qwen3",
            "open source",
        ] {
            assert!(!Matcher::new(term).wants_lowered(), "{term:?}");
        }
        for term in ["gpu", "agent", "2025-12"] {
            assert!(Matcher::new(term).wants_lowered(), "{term:?}");
        }
    }

    /// Every match of `m` in `hay` read as `form`, left to right.
    fn every_match(m: &Matcher, hay: &[u8], form: Hay) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        while let Some(found) =
            m.find_anywhere(hay, out.last().map_or(0, |r: &Range<_>| r.end), form)
        {
            out.push(found);
        }
        out
    }

    proptest::proptest! {
        /// A term of one letter, searched for without its expression, is found where the
        /// expression finds it, in each form of text it is read in.
        #[test]
        fn a_letter_is_found_where_its_expression_finds_it(
            letter in 0u8..26,
            text in "[eEｅＥkKsS\u{212a}\u{17f}ｋＳ，中 x-]{0,40}",
        ) {
            let letter = char::from(b'a' + letter).to_string();
            let m = Matcher::new(&letter);
            let expected: Vec<_> = expression(&letter, "")
                .unwrap()
                .find_iter(text.as_bytes())
                .map(|f| f.range())
                .collect();
            let wide = text.chars().any(super::super::text::is_other_form);
            proptest::prop_assert_eq!(&every_match(&m, text.as_bytes(), Hay::AsWritten), &expected);
            if !wide {
                let lowered = text.to_ascii_lowercase();
                proptest::prop_assert_eq!(&every_match(&m, text.as_bytes(), Hay::Plain), &expected);
                proptest::prop_assert_eq!(&every_match(&m, lowered.as_bytes(), Hay::Lowered), &expected);
            }
        }
    }

    #[test]
    fn other_scripts_ignore_case() {
        assert_eq!(found("ΑΙ", "η αι σήμερα").as_deref(), Some("αι"));
    }
}
