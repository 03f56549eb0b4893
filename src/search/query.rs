//! The query language: words that must all match, words joined by `OR` of which one must,
//! "phrases", -exclusions and source:/category:/date: prefixes; and the folding that makes
//! matching forgiving.

/// A parsed query: every term must match (AND), one of each `OR` group's, no excluded term
/// may; prefixes narrow the scope, and after `-` leave theirs out.
/// `英伟达 "open source" -传闻 source:AI date:2026-01 category:开源 -category:融资`,
/// `英伟达 OR NVIDIA 财报`
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
    /// Terms typed with `OR` (or `|`) between them, each group of two or more: one of a
    /// group's must match (a story names a company in Chinese or in English).
    pub any_of: Vec<Vec<String>>,
    pub excluded: Vec<String>,
    /// Sources wanted (any of them), by any part of their name.
    pub sources: Vec<String>,
    /// Categories wanted (any of them), by any part of their name.
    pub categories: Vec<String>,
    /// The starts of the dates wanted (any of them), as dates are shown (`date:2026-8` →
    /// `2026-08`).
    pub dates: Vec<String>,
    /// A `date:` that is not a date, as typed: nothing matches, and the user is told.
    pub bad_date: Option<String>,
    /// A scope prefix given without a value (`date:`), which would otherwise be searched as
    /// a word no story has, and an example of it with a value.
    pub bare_prefix: Option<(&'static str, &'static str)>,
    /// What `-source:`, `-category:` and `-date:` leave out.
    pub not_sources: Vec<String>,
    pub not_categories: Vec<String>,
    pub not_dates: Vec<String>,
}

/// The most words (or phrases) a query looks for or leaves out, and names its filters take,
/// all together: each is looked for in every story the others leave (tester DO: 5,000
/// words joined by `OR`, pasted, took minutes).
pub const WORDS_MOST: usize = 64;

/// The scope prefixes, each with an example of a value for it.
const SCOPES: [(&str, &str); 3] = [
    ("source:", "source:量子位"),
    ("category:", "category:开源"),
    ("date:", "date:2026-08"),
];

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        // The words looked for, each with those `OR` joined to it.
        let mut groups: Vec<Vec<String>> = Vec::new();
        // Whether the token before was a word looked for, and whether an `OR` followed it: an
        // `OR` anywhere else (at either end, beside a filter) joins nothing and is dropped, as
        // while it is being typed (`英伟达 OR`).
        let (mut after_word, mut or_pending) = (false, false);
        for token in tokens(input) {
            if !token.quoted && is_or(&token) {
                or_pending = after_word;
                continue;
            }
            let (joins, was_after) = (std::mem::take(&mut or_pending), after_word);
            after_word = false;
            // `--json` is a word (an option's name, after `--` on the command line): no one
            // means to leave out `-json`.
            let (negated, word) = match token.strip_prefix('-') {
                // (Its brackets, kept with it, left out: `-（传闻）` leaves out 传闻.)
                Some(rest) if !rest.is_empty() && !rest.starts_with('-') && !token.quoted => {
                    (true, rest.trim_matches(is_bracket).to_string())
                }
                _ => (false, token.text.clone()),
            };
            // A lone `-` excludes nothing and is no word to look for (`英伟达 -`).
            if !token.quoted && word == "-" {
                continue;
            }
            // (Without a closing bracket it did not open: `（source:量子位）`, a review.)
            let prefixed = |p: &str| {
                let value = (!token.quoted).then(|| strip_scope(&word, p)).flatten();
                value.map(unopened_closings_cut)
            };
            if let Some(&bare) = SCOPES.iter().find(|(p, _)| prefixed(p) == Some("")) {
                q.bare_prefix = Some(bare);
                continue;
            }
            let (sources, categories, dates) = match negated {
                true => (&mut q.not_sources, &mut q.not_categories, &mut q.not_dates),
                false => (&mut q.sources, &mut q.categories, &mut q.dates),
            };
            // A filter's names a bar parts are its alternatives, as two of a kind are
            // (`source:量子位|机器之心`), and an exclusion's each left out (`-传闻|谣言`;
            // a review: the bar made the second a word to look for).
            let alternatives = |v: &str| -> Vec<String> {
                let named = v.split(is_bar).filter(|s| !s.trim().is_empty());
                named.map(str::to_string).collect()
            };
            // (A name's spaces in a row are one, as a phrase's: `source:"AI  日报"`.)
            let names = |v: &str| alternatives(v).into_iter().map(|s| one_spaced(&fold(&s)));
            if let Some(v) = prefixed("source:") {
                sources.extend(names(v));
            } else if let Some(v) = prefixed("category:") {
                categories.extend(names(v));
            } else if let Some(v) = prefixed("date:") {
                for v in alternatives(v) {
                    match crate::model::date_prefix(&v) {
                        Some(date) => dates.push(date),
                        None => q.bad_date = Some(v),
                    }
                }
            } else {
                let words = match negated {
                    true => alternatives(&word),
                    false => vec![word],
                };
                for word in words {
                    // Spaces around a phrase's words find nothing more, and a phrase of
                    // spaces alone would find nearly every story (`" "`); spaces in a row
                    // are one, as the text has them (tester CP: `"open  source"` found
                    // nothing). A `*` before a word asks for the words it ends, which no
                    // word is found by: it is left out, and the word's own rules find it at
                    // the end of others' (`*AI` finds OpenAI; tester CL: nothing, unsaid).
                    let term = fold(&word);
                    // A phrase's edges likewise (tester DK: `"OpenAI said."` found nothing).
                    let term = match token.quoted {
                        true => without_edge_marks(&term),
                        false => without_edge_marks(&term).trim_start_matches('*'),
                    };
                    let term = one_spaced(term);
                    match negated {
                        _ if term.is_empty() => {}
                        true => q.excluded.push(term),
                        false => {
                            after_word = true;
                            match groups.last_mut() {
                                Some(group) if joins && was_after => group.push(term),
                                _ => groups.push(vec![term]),
                            }
                        }
                    }
                }
            }
        }
        for mut group in groups {
            dedup(&mut group);
            match group.len() {
                1 => q.terms.append(&mut group),
                _ if !q.any_of.contains(&group) => q.any_of.push(group),
                _ => {}
            }
        }
        for list in [
            &mut q.terms,
            &mut q.excluded,
            &mut q.sources,
            &mut q.not_sources,
            &mut q.categories,
            &mut q.not_categories,
            &mut q.dates,
            &mut q.not_dates,
        ] {
            dedup(list);
        }
        q
    }

    /// The words a story found is marked by: the terms and every `OR` group's.
    pub fn words(&self) -> Vec<String> {
        let groups = self.any_of.iter().flatten();
        self.terms.iter().chain(groups).cloned().collect()
    }

    pub fn is_empty(&self) -> bool {
        self == &Query::default()
    }

    /// Said where nothing is found and a word looked for reads as a filter whose name is
    /// none (`title:OpenAI`, `tag:AI`): it was searched for as text (tester DG: a guessed
    /// `title:` was told only that nothing matched). Not an address (`https://…`).
    pub fn unknown_filter(&self) -> Option<String> {
        let named = |word: &String| -> Option<String> {
            let (name, value) = word.split_once(':')?;
            let filter_like = (2..=12).contains(&name.len())
                && name.bytes().all(|b| b.is_ascii_lowercase())
                && !value.is_empty()
                && !value.starts_with("//");
            filter_like.then(|| name.to_string())
        };
        let name = self.words().iter().find_map(named)?;
        Some(format!(
            "“{name}:” is no filter (source:, category: and date: are), so it was searched for as text"
        ))
    }

    /// What is wrong with the query, for the user.
    pub fn problem(&self) -> Option<String> {
        let bare = self
            .bare_prefix
            .map(|(p, example)| format!("“{p}” needs a value after it, as in {example}"));
        let groups: usize = self.any_of.iter().map(Vec::len).sum();
        // Filters' names too (tester DP: 3,000 sources joined by `|` took seconds each).
        let names = [
            &self.sources,
            &self.not_sources,
            &self.categories,
            &self.not_categories,
        ]
        .iter()
        .map(|list| list.len())
        .sum::<usize>()
            + self.dates.len()
            + self.not_dates.len();
        let words = self.terms.len() + groups + self.excluded.len() + names;
        bare.or_else(|| {
            self.bad_date
                .as_deref()
                .map(|d| crate::model::not_a_date(&format!("date:{d}")))
        })
        .or_else(|| {
            (words > WORDS_MOST).then(|| {
                format!(
                    "a query takes at most {WORDS_MOST} words, phrases and names; this one has {words}"
                )
            })
        })
    }
}

/// A `source:` or `category:` (or `-source:`, `-category:`) whose name goes on in the words
/// after it, unquoted (`category:AI Agent`): the filter takes its first word alone and the
/// others are searched for. `holds` says whether some name of the prefix's kind holds a
/// (folded) value. The filter as typed and as it is to be written, quoted, for the longest
/// run of words such a name holds.
pub fn unquoted_name(input: &str, holds: impl Fn(&str, &str) -> bool) -> Option<(String, String)> {
    let tokens = tokens(input);
    tokens.iter().enumerate().find_map(|(at, token)| {
        let (not, word) = match token.strip_prefix('-') {
            Some(rest) if !token.quoted => ("-", rest),
            _ => ("", &token[..]),
        };
        let (prefix, value) = ["source:", "category:"]
            .into_iter()
            .filter(|_| !token.quoted)
            .find_map(|p| Some((p, strip_scope(word, p).filter(|v| !v.is_empty())?)))?;
        let mut words = vec![value];
        let mut longest = None;
        for next in tokens[at + 1..].iter().take_while(|t| !t.quoted) {
            words.push(next);
            let name = words.join(" ");
            if !holds(prefix, &fold(&name)) {
                break;
            }
            longest = Some(name);
        }
        let name = longest?;
        Some((
            format!("{not}{prefix}{name}"),
            format!("{not}{prefix}\"{name}\""),
        ))
    })
}

/// Whether a source or category name is the one a `source:`/`category:` asks for: the
/// name from the start of any of its words on (anywhere in Chinese, which runs its words
/// together), folded as [`Query::parse`] folds the wanted text, a hyphen or underscore read
/// as a space and spaces in a row as one (`open source` names `Top Open-Source Projects`, as a word search finds it
/// either way; tester BA). `en` names `Bubble's Brain (EN)`, not `OpenAI Blog` (tester BH:
/// 411 of 453 results were other sources'). A space where Chinese meets a Latin letter or a
/// digit may be there or not, as a search takes it (`AI日报` names `AI 日报`: tester DX).
pub fn names(label: &str, wanted: &str) -> bool {
    let spaced = |s: &str| cjk_joined(&one_spaced(&s.replace(['-', '_'], " ")));
    let wanted = spaced(wanted);
    if !wanted.starts_with(latin) {
        return spaced(&fold(label)).contains(&wanted);
    }
    word_starts(label).any(|at| spaced(&fold(&label[at..])).starts_with(&wanted))
}

/// `text` without the spaces between Chinese (or Japanese) and a Latin letter or a digit.
fn cjk_joined(text: &str) -> String {
    let meets =
        |a: char, b: char| crate::text::is_cjk(a) && latin(b) || latin(a) && crate::text::is_cjk(b);
    let chars: Vec<char> = text.chars().collect();
    (chars.iter().enumerate())
        .filter(|&(at, &c)| {
            let around = (at.checked_sub(1).map(|b| chars[b]), chars.get(at + 1));
            !(c == ' ' && matches!(around, (Some(a), Some(&b)) if meets(a, b)))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// A letter or digit that is not Chinese (or Japanese).
fn latin(c: char) -> bool {
    c.is_alphanumeric() && !crate::text::is_cjk(c)
}

/// Where the words of a name start: after anything not a letter or digit, and where a
/// capital follows a small letter (`AI` of `OpenAI`; `Hub` of `GitHub` too, which a word
/// search reads as one word: its rule is `matcher::begins_word`'s).
fn word_starts(label: &str) -> impl Iterator<Item = usize> + '_ {
    let mut before: Option<char> = None;
    label.char_indices().filter_map(move |(at, c)| {
        let starts = c.is_alphanumeric()
            && before.is_none_or(|b| {
                !b.is_alphanumeric()
                    || crate::text::is_cjk(b)
                    || (b.is_lowercase() && c.is_uppercase())
            });
        before = Some(c);
        starts.then_some(at)
    })
}

/// `text` with its spaces in a row as one, none at its ends.
fn one_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `list` with each value once: a word given twice asks nothing more, and each costs a pass
/// over every story (tester M: 3,000 of one word took 15 s).
fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|v| seen.insert(v.clone()));
}

/// Whether `token` (unquoted) is the `OR` between two words: in capitals, as search engines
/// take it (a lower-case `or` is a word), or a bar, `|` or `｜`.
fn is_or(token: &str) -> bool {
    matches!(token, "OR" | "ＯＲ" | "|" | "｜")
}

/// One command-line argument as one token of a query: the shell took its quotes, so an
/// argument with a space in it is a phrase (`open source` → `"open source"`, also after `-`
/// or a prefix, beside other arguments: `OpenAI "-open source"`). Unless it holds an `OR` or
/// a bar, a filter or an exclusion after its first word, starts with a date (which has no
/// spaces), or is the whole query (`alone`) and starts with one: `"英伟达 date:2026-07"` or
/// `"-GPT OpenAI"` (a script's `"$query"`) is query text, read as the reader reads it. Spaces
/// around an argument are slips, and an argument of spaces is none. An ideographic space is no
/// shell's: an argument split by one alone was not quoted (`英伟达　翻倍`, typed with a
/// Chinese input method; tester U), and its words are words.
pub fn argument_token(arg: &str, alone: bool) -> String {
    let arg = &ascii_operators(arg.trim().to_string());
    // `-x` or `source:x`; a bare `-` or `date:` is a word (`Claude 3.5 - Sonnet`).
    let lead_of = |word: &str| {
        let word = ascii_operators(word.to_string());
        std::iter::once("-")
            .chain(SCOPES.iter().map(|(p, _)| *p))
            .find(|p| strip_scope(&word, p).is_some_and(|value| !value.is_empty()))
    };
    // A list (`OpenAI, Anthropic`) is words, as the reader reads it, not a phrase (a review).
    let quoted = arg.contains(|c| is_opening_quote(c) || is_closing_quote(c));
    // So is one with `OR` or a bar (`"英伟达 OR NVIDIA"`, `"NVIDIA GPU|TPU"`), which no phrase
    // means (tester CT).
    let or = arg.split_whitespace().any(is_or) || arg.contains(is_bar);
    if !arg.contains([' ', '\t']) || quoted || or || arg.contains(is_list_mark) {
        return arg.to_string();
    }
    let lead = lead_of(arg);
    if lead == Some("date:")
        || (alone && lead.is_some())
        || arg.split_whitespace().skip(1).any(|w| lead_of(w).is_some())
    {
        return arg.to_string();
    }
    let lead = lead.unwrap_or("");
    format!("{lead}\"{}\"", &arg[lead.len()..])
}

/// `word` after the prefix `p` (`source:`), which may be typed in any case (`Source:`: a
/// capital is easy to type at the start of a word).
fn strip_scope<'a>(word: &'a str, p: &str) -> Option<&'a str> {
    word.get(..p.len())
        .filter(|head| head.eq_ignore_ascii_case(p))
        .map(|_| &word[p.len()..])
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

/// `query` in quotes, as a message says it (`“英伟达”`): not in a second pair where it is
/// quoted already, as a Chinese keyboard types a phrase (tester CO: `““英伟达 发布””`).
pub fn quoted(query: &str) -> String {
    let mut chars = query.chars();
    match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) if is_opening_quote(a) && is_closing_quote(b) => query.to_string(),
        _ => format!("“{query}”"),
    }
}

/// The quotes a phrase opens with: straight, full-width (as a Chinese keyboard types it) or
/// curly; it closes with the same or `”`.
fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '＂' | '“')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '＂' | '”')
}

/// Whether `c` ends a word typed, as a blank does: the marks a list of names is written with
/// (`OpenAI, Anthropic`, `英伟达、OpenAI`, `（OpenAI）`), which a word keeping them was not
/// found without (tester CL: `Anthropic,` found 69 stories of 1,218). Not `.`, `-`, `:`,
/// `+`, `#` or `'`, which names hold (`node.js`, `GPT-5`, `C++`, `C#`, `OpenAI's`), nor a
/// prefix's colon. After a prefix, brackets are the name's (`source:(EN)`).
fn ends_word(c: char, after_prefix: bool) -> bool {
    c.is_whitespace() || is_bracket(c) && !after_prefix || is_list_mark(c)
}

/// A word typed without the marks a sentence sets at a word's edges, of which no name is
/// made: a full stop, colon, dash or wave after it (`OpenAI.`, `英伟达：`, copied out of a
/// sentence) and single or angle quotes around it (`'OpenAI'`, `«英伟达»`) (tester DG: each
/// found few stories or none). Within a word they stay its text (`node.js`, `OpenAI's`).
/// Takes a folded word: `：` is `:` and `～` `~` by then.
fn without_edge_marks(word: &str) -> &str {
    word.trim_start_matches(['\'', '‘', '<', '«', '‹'])
        .trim_end_matches(['.', ':', '~', '-', '—', '–', '\'', '>', '»', '›'])
}

/// A bar, which is `OR` between the words beside it (`英伟达|NVIDIA`).
fn is_bar(c: char) -> bool {
    matches!(c, '|' | '｜')
}

/// The marks a list is written with, `…` too: each ends a word (see [`ends_word`]).
fn is_list_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '!' | '?' | '，' | '、' | '､' | '；' | '！' | '？' | '。' | '｡' | '…'
    )
}

/// Brackets, half and full width, that end a word but a name's (see [`ends_word`]), and
/// are no part of a word left out after `-` (`-（传闻）` leaves out 传闻).
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '（'
            | '）'
            | '［'
            | '］'
            | '｛'
            | '｝'
            | '【'
            | '】'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
    )
}

/// `value` without the closing brackets at its end that it opens none of: a filter typed in
/// brackets (`（source:量子位）`) keeps its name's own (`source:(en)`).
fn unopened_closings_cut(value: &str) -> &str {
    const PAIRS: [(char, char); 6] = [
        ('(', ')'),
        ('（', '）'),
        ('[', ']'),
        ('【', '】'),
        ('「', '」'),
        ('《', '》'),
    ];
    let mut value = value;
    while let Some(&(open, close)) = PAIRS.iter().find(|(_, close)| value.ends_with(*close)) {
        if value.matches(close).count() <= value.matches(open).count() {
            break;
        }
        value = &value[..value.len() - close.len_utf8()];
    }
    value
}

/// Whether `text`, a word as typed so far, is a scope prefix and its value (`source:…`,
/// `-date：…`).
fn after_prefix(text: &str) -> bool {
    // A `-` leaves out the word in brackets after it, not the brackets alone.
    if matches!(text, "-" | "－") {
        return true;
    }
    let text = text.trim_start_matches(['-', '－']);
    SCOPES.iter().any(|(p, _)| {
        let name = &p[..p.len() - 1];
        text.get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
            && text[name.len()..].starts_with([':', '：'])
    })
}

/// Words split on whitespace and the marks lists are written with (see [`ends_word`]);
/// `"a phrase"` (straight, full-width or curly quotes) stays one token, and so does a
/// phrase after `-` or a prefix. A quote that nothing closes opens no phrase: it is
/// dropped, as a lone one is (tester U: `“这是 date:2026-03` looked for all of it, the
/// filter too, as one phrase).
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    let closed =
        |rest: &std::iter::Peekable<std::str::Chars>| rest.clone().skip(1).any(is_closing_quote);
    while let Some(&c) = chars.peek() {
        if is_bar(c) {
            chars.next();
            out.push(Token {
                text: c.to_string(),
                quoted: false,
            });
        } else if ends_word(c, false) || is_opening_quote(c) && !closed(&chars) {
            chars.next();
        } else if is_opening_quote(c) {
            chars.next();
            let text: String = chars
                .by_ref()
                .take_while(|&c| !is_closing_quote(c))
                .collect();
            out.push(Token { text, quoted: true });
        } else {
            let mut text = String::new();
            // A bar ends a word looked for, not an exclusion or a filter, whose alternatives it
            // parts (see [`Query::parse`]).
            let filter = |text: &str| text.starts_with(['-', '－']) || after_prefix(text);
            let goes_on = |c: char, text: &str| {
                !(ends_word(c, after_prefix(text)) || is_bar(c) && !filter(text))
            };
            while let Some(c) = chars.next_if(|&c| goes_on(c, &text)) {
                let quote = is_opening_quote(c) || is_closing_quote(c);
                let leads = matches!(&text[..], "-" | "－") || text.ends_with([':', '：']);
                if is_opening_quote(c) && leads && chars.clone().any(is_closing_quote) {
                    // A phrase after `-` or a prefix: `-"a phrase"`, `source:"AI 日报"`.
                    text.extend(chars.by_ref().take_while(|&c| !is_closing_quote(c)));
                } else if !quote
                    || !leads
                        && !text.is_empty()
                        && chars
                            .peek()
                            .is_some_and(|&n| !ends_word(n, after_prefix(&text)))
                {
                    // Quotes within a word are its text (`企业微信"大圆"内测上线`, as titles
                    // write it); one before or after a word is dropped, as a lone one is.
                    text.push(c);
                }
            }
            out.push(Token {
                text: ascii_operators(text),
                quoted: false,
            });
        }
    }
    out
}

/// A word's `-` and prefix colon as ASCII when a Chinese keyboard typed them full width
/// (`－传闻`, `source：量子位`; tester AA: the filter was searched for as a word).
fn ascii_operators(text: String) -> String {
    let text = match text.strip_prefix('－') {
        Some(rest) => format!("-{rest}"),
        None => text,
    };
    let name_at = usize::from(text.starts_with('-'));
    let colon = SCOPES.iter().find_map(|(p, _)| {
        let end = name_at + p.len() - 1;
        let name = text.get(name_at..end)?;
        (name.eq_ignore_ascii_case(&p[..p.len() - 1]) && text[end..].starts_with('：'))
            .then_some(end)
    });
    match colon {
        Some(at) => format!("{}:{}", &text[..at], &text[at + '：'.len_utf8()..]),
        None => text,
    }
}

/// One char folded: lower case, full-width ASCII forms, the ideographic and no-break spaces
/// and the Unicode hyphens as their ASCII forms; zero-width characters (and the soft hyphen)
/// dropped.
fn fold_char(c: char, out: &mut String) {
    match c {
        c if super::text::is_zero_width(c) => {}
        '\u{3000}' | '\u{a0}' => out.push(' '),
        '\u{2010}' | '\u{2011}' => out.push('-'),
        // The typographic apostrophe: `OpenAI’s` is searched as `OpenAI's` (the matcher
        // takes either in the text).
        '’' => out.push('\''),
        // Double quotes likewise: `“大圆”` is searched as `"大圆"`, which takes any of them.
        '“' | '”' => out.push('"'),
        // The long s is an s, as the Kelvin sign lowered is a k (tester AO: `ſ` was a term
        // of no Latin letter, found inside words).
        '\u{17f}' => out.push('s'),
        c if let Some(&(narrow, _)) = WIDE_SIGNS.iter().find(|(_, wide)| *wide == c) => {
            out.push(narrow);
        }
        '\u{ff01}'..='\u{ff5e}' => out.extend(
            char::from_u32(c as u32 - 0xfee0)
                .into_iter()
                .flat_map(char::to_lowercase),
        ),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// The signs with a full-width form outside the ASCII block's (`￥`, as Chinese text writes
/// prices, is `¥`), each with it.
pub(super) const WIDE_SIGNS: [(char, char); 7] = [
    ('¢', '￠'),
    ('£', '￡'),
    ('¬', '￢'),
    ('¯', '￣'),
    ('¦', '￤'),
    ('¥', '￥'),
    ('₩', '￦'),
];

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks a list of names is typed with end a word, as a blank does; those names hold
    /// do not (tester CL: `OpenAI, Anthropic` looked for `openai,`).
    #[test]
    fn list_marks_end_words() {
        let terms = |q: &str| Query::parse(q).terms;
        assert_eq!(terms("OpenAI, Anthropic"), ["openai", "anthropic"]);
        assert_eq!(
            terms("英伟达、OpenAI；（谷歌）"),
            ["英伟达", "openai", "谷歌"]
        );
        assert_eq!(
            terms("node.js C++ C# GPT-5 OpenAI's"),
            ["node.js", "c++", "c#", "gpt-5", "openai's"]
        );
        // A `*` before a word is left out; after it, it asks for the words it starts.
        assert_eq!(terms("*AI claud*"), ["ai", "claud*"]);
        // A sentence's marks at a word's edges are not looked for (tester DG).
        assert_eq!(
            terms(
                "OpenAI. GPT-5... 英伟达： 'Claude' ‘Gemini’ «Kimi» ＜Qwen＞ 谷歌— U.S. 阿里- '*AI'"
            ),
            [
                "openai",
                "gpt-5",
                "英伟达",
                "claude",
                "gemini",
                "kimi",
                "qwen",
                "谷歌",
                "u.s",
                "阿里",
                "ai"
            ]
        );
        assert_eq!(terms("... '"), Vec::<String>::new());
        assert_eq!(
            terms("\"OpenAI said.\" \"'Claude Code'\""),
            ["openai said", "claude code"]
        );
        assert_eq!(Query::parse("-传闻. date:2026-08..").excluded, ["传闻"]);
        assert_eq!(Query::parse("date:2026-08..").dates, ["2026-08.."]);
        let q = Query::parse("source:量子位, -传闻!");
        assert_eq!(
            (q.sources, q.excluded),
            (vec!["量子位".to_string()], vec!["传闻".to_string()])
        );
        // After `-`, the word in brackets is left out, not asked for (a review).
        let q = Query::parse("OpenAI -（传闻） -(rumor)");
        assert_eq!(
            (q.terms, q.excluded),
            (
                vec!["openai".to_string()],
                vec!["传闻".to_string(), "rumor".to_string()]
            )
        );
        // An argument of the command line that is a list is its words, as the reader
        // reads it, not a phrase (a review).
        assert_eq!(
            argument_token("OpenAI, Anthropic", false),
            "OpenAI, Anthropic"
        );
        assert_eq!(argument_token("open source", false), "\"open source\"");
        // A name's own brackets stay its (`Bubble's Brain (EN)`).
        let q = Query::parse("source:(en), -category:开源(Open");
        assert_eq!(
            (q.sources, q.not_categories),
            (vec!["(en)".to_string()], vec!["开源(open".to_string()])
        );
        // A filter typed in brackets is the name without them.
        let q = Query::parse("（source:量子位） (date:2026-08)");
        assert_eq!(
            (q.sources, q.dates),
            (vec!["量子位".to_string()], vec!["2026-08".to_string()])
        );
    }

    /// A category or source asked for with a space names one written with a hyphen, and
    /// the other way round (tester BA: `--category "open source"` missed `Open-Source`).
    #[test]
    fn a_name_asked_for_reads_a_hyphen_as_a_space() {
        assert!(names("Top Open-Source Projects", &fold("open source")));
        assert!(names("Open Source 开源", &fold("open-source")));
        assert!(names("AI 日报", &fold("日报")));
        assert!(!names("Opensource", &fold("open source")));
        // A space where Chinese meets Latin may be there or not (tester DX).
        assert!(names("AI 日报", &fold("ai日报")));
        assert!(names("AI日报", &fold("ai 日报")));
        assert!(names("Bubble's Brain 中文版", &fold("brain中文")));
        // Spaces in a row are one (tester DZ: `AI  日报` named nothing).
        assert!(names("AI 日报", &fold("ai  日报")));
        assert!(names("Open  Source", &fold("open source")));
    }

    /// A name is asked for from the start of one of its words, not from inside one (tester
    /// BH: `source:EN` took in OpenAI's and openai-newsroom's stories); in Chinese, from
    /// anywhere.
    #[test]
    fn a_name_is_asked_for_from_the_start_of_a_word() {
        assert!(names("Bubble's Brain (EN)", &fold("en")));
        assert!(names("Bubble's Brain (EN)", &fold("brain (en)")));
        assert!(names("Bubble's Brain (EN)", &fold("(en)")));
        assert!(!names("OpenAI Blog", &fold("en")));
        assert!(!names("openai-newsroom", &fold("en")));
        assert!(names("OpenAI Blog", &fold("ai")));
        assert!(names("openai-newsroom", &fold("news")));
        assert!(names("技术与研究 / Research", &fold("research")));
        assert!(names("技术与研究 / Research", &fold("研究")));
        assert!(names("AI资讯日报", &fold("资讯")));
        assert!(names("开源Open", &fold("open")));
    }

    #[test]
    fn a_command_line_argument_with_spaces_is_one_phrase() {
        let words = [
            "open source",
            "-传闻 一则",
            "source:AI 日报",
            "英伟达",
            "\"a b\"",
            "Category:开源 模型",
        ];
        let line: Vec<String> = words.iter().map(|w| argument_token(w, false)).collect();
        let q = Query::parse(&line.join(" "));
        assert_eq!(q.terms, ["open source", "英伟达", "a b"]);
        assert_eq!(q.excluded, ["传闻 一则"]);
        assert_eq!(q.sources, ["ai 日报"]);
        assert_eq!(q.categories, ["开源 模型"]);
    }

    /// `OR` (in capitals) or a bar between two words: one of them must match. Anywhere else
    /// it joins nothing, as while it is typed; a lower-case `or` and one in quotes are words.
    #[test]
    fn or_between_words_takes_either() {
        let q = Query::parse("英伟达 OR NVIDIA 财报 GPU|TPU｜NPU");
        assert_eq!(q.terms, ["财报"]);
        assert_eq!(
            q.any_of,
            [vec!["英伟达", "nvidia"], vec!["gpu", "tpu", "npu"]]
        );
        assert_eq!(q.words(), ["财报", "英伟达", "nvidia", "gpu", "tpu", "npu"]);
        for alone in [
            "OR 英伟达",
            "英伟达 OR",
            "英伟达 OR OR",
            "| 英伟达 |",
            "英伟达 OR 英伟达",
        ] {
            let q = Query::parse(alone);
            assert_eq!(
                (q.terms, q.any_of),
                (vec!["英伟达".into()], vec![]),
                "{alone}"
            );
        }
        let q = Query::parse("英伟达 OR -传闻 OR source:量子位 OR date:2026");
        assert_eq!(q.terms, ["英伟达"]);
        assert!(q.any_of.is_empty());
        assert_eq!(
            (q.excluded, q.sources, q.dates),
            (
                vec!["传闻".into()],
                vec!["量子位".into()],
                vec!["2026".into()]
            )
        );
        // After a filter or `-`, a bar parts the alternatives (a review: `-传闻|谣言` left out
        // 传闻 and looked for 谣言).
        let q = Query::parse("-传闻|谣言 source:量子位|机器之心 date:2026-01｜2026-03");
        assert!(q.terms.is_empty() && q.any_of.is_empty(), "{q:?}");
        assert_eq!(q.excluded, ["传闻", "谣言"]);
        assert_eq!(q.sources, ["量子位", "机器之心"]);
        assert_eq!(q.dates, ["2026-01", "2026-03"]);
        // A name's spaces in a row are one, as a phrase's (a review).
        assert_eq!(Query::parse("source:\"AI  日报\"").sources, ["ai 日报"]);
        // A group given twice is asked once; a full-width ＯＲ is OR.
        let q = Query::parse("GPU OR TPU gpu ＯＲ tpu");
        assert_eq!(q.any_of, [vec!["gpu", "tpu"]]);
        assert_eq!(Query::parse("cats or dogs").terms, ["cats", "or", "dogs"]);
        assert_eq!(Query::parse("\"a OR b\"").terms, ["a or b"]);
        // A script's whole query in one argument is query text, not a phrase.
        let arg = argument_token("英伟达 OR NVIDIA", true);
        assert_eq!(Query::parse(&arg).any_of, [vec!["英伟达", "nvidia"]]);
        let arg = argument_token("英伟达 OR NVIDIA", false);
        assert_eq!(Query::parse(&arg).any_of, [vec!["英伟达", "nvidia"]]);
        // So is one with a bar (tester CT: `"NVIDIA GPU|TPU"` was one phrase).
        let q = Query::parse(&argument_token("NVIDIA GPU|TPU", true));
        assert_eq!(
            (q.terms, q.any_of),
            (
                vec!["nvidia".into()],
                vec![vec!["gpu".into(), "tpu".into()]]
            )
        );
    }

    #[test]
    fn an_argument_holding_filters_is_query_text_and_spaces_around_one_are_dropped() {
        for alone in [true, false] {
            let q = Query::parse(&argument_token("英伟达 芯片 date:2026-07 -传闻", alone));
            assert_eq!(q.terms, ["英伟达", "芯片"]);
            assert_eq!(q.excluded, ["传闻"]);
            assert_eq!(q.dates, ["2026-07"]);
            let q = Query::parse(&argument_token("date:2026-07 英伟达", alone));
            assert_eq!(
                (q.terms, q.dates),
                (vec!["英伟达".into()], vec!["2026-07".into()])
            );
            // A dash or a prefix without a value is a word of the phrase.
            for phrase in ["Claude 3.5 - Sonnet", "release date: TBD"] {
                assert_eq!(argument_token(phrase, alone), format!("\"{phrase}\""));
            }
            assert_eq!(argument_token(" OpenAI  ", alone), "OpenAI");
            assert_eq!(argument_token("  open source ", alone), "\"open source\"");
            assert_eq!(argument_token(" \u{3000}", alone), "");
            let q = Query::parse(&argument_token("英伟达\u{3000}翻倍", alone));
            assert_eq!(q.terms, ["英伟达", "翻倍"]);
        }
        // The whole query in one argument, led by an exclusion or a filter, reads as typed in
        // the reader; beside other arguments it is a phrase.
        let q = Query::parse(&argument_token("-GPT OpenAI", true));
        assert_eq!(
            (q.terms, q.excluded),
            (vec!["openai".into()], vec!["gpt".into()])
        );
        let q = Query::parse(&argument_token("source:bubble OpenAI", true));
        assert_eq!(
            (q.terms, q.sources),
            (vec!["openai".into()], vec!["bubble".into()])
        );
        let q = Query::parse(&argument_token("-GPT OpenAI", false));
        assert_eq!(q.excluded, ["gpt openai"]);
    }

    /// A Chinese keyboard's full-width `－` and `：` are the operators (tester AA: `OpenAI
    /// source：bubble` found nothing), in the reader's line and in one argument alike; a
    /// colon after no prefix is no operator, and the word before it is looked for.
    #[test]
    fn full_width_minus_and_colon_are_operators() {
        for q in [
            Query::parse("OpenAI source：bubble －传闻 －Date：2026-07 注意："),
            Query::parse(&argument_token(
                "OpenAI source：bubble －传闻 －Date：2026-07 注意：",
                true,
            )),
        ] {
            assert_eq!(q.terms, ["openai", "注意"]);
            assert_eq!(q.sources, ["bubble"]);
            assert_eq!(q.excluded, ["传闻"]);
            assert_eq!(q.not_dates, ["2026-07"]);
        }
        let q = Query::parse(&argument_token("－open source", false));
        assert_eq!(q.excluded, ["open source"]);
        let q = Query::parse("source：“AI 日报” 模型");
        assert_eq!(
            (q.sources, q.terms),
            (vec!["ai 日报".into()], vec!["模型".into()])
        );
    }

    /// A word or filter given again is kept once, in its first place (tester M: a query of
    /// one word 3,000 times took 15 s).
    #[test]
    fn a_word_given_again_is_kept_once() {
        let q = Query::parse(
            "英伟达 芯片 英伟达 -传闻 -传闻 source:甲 source:甲 date:2026-07 date:2026-07 芯片",
        );
        assert_eq!(q.terms, ["英伟达", "芯片"]);
        assert_eq!(q.excluded, ["传闻"]);
        assert_eq!(q.sources, ["甲"]);
        assert_eq!(q.dates, ["2026-07"]);
    }

    #[test]
    fn a_stray_closing_quote_is_no_text_to_look_for() {
        for lone in ["”", "“", "\"", "＂", " ” ", "”“"] {
            assert!(Query::parse(lone).is_empty(), "{lone}");
        }
        assert_eq!(Query::parse("英伟达” 芯片").terms, ["英伟达", "芯片"]);
        assert_eq!(Query::parse("“开源 模型”").terms, ["开源 模型"]);
        assert_eq!(Query::parse("＂开源 模型＂").terms, ["开源 模型"]);
    }

    /// A phrase of spaces found any story with a space in it.
    #[test]
    fn spaces_around_a_phrase_are_no_text_to_look_for() {
        for blank in ["\" \"", "-\"  \"", "“\u{3000}”"] {
            assert!(Query::parse(blank).is_empty(), "{blank}");
        }
        let q = Query::parse("OpenAI \" \" -\" open source \" \"英伟达 \t\u{3000}发布\"");
        assert_eq!(
            (q.terms, q.excluded),
            (
                vec!["openai".into(), "英伟达 发布".into()],
                vec!["open source".into()]
            )
        );
    }

    /// Titles write quotes inside words (`企业微信"大圆"内测上线`): a query copied from one
    /// keeps them, and any double quote matches any other.
    #[test]
    fn quotes_inside_a_word_are_its_text_and_a_lone_dash_is_nothing() {
        assert_eq!(
            Query::parse("企业微信\"大圆\"内测上线").terms,
            ["企业微信\"大圆\"内测上线"]
        );
        assert_eq!(
            Query::parse("企业微信“大圆”内测").terms,
            ["企业微信\"大圆\"内测"]
        );
        // Before or after a word they are the query's, and dropped.
        assert_eq!(Query::parse("大圆\" 内测").terms, ["大圆", "内测"]);
        assert_eq!(
            Query::parse("-\"a b\" source:\"AI 日报\"").excluded,
            ["a b"]
        );
        let q = Query::parse("英伟达 -");
        assert_eq!((q.terms, q.excluded), (vec!["英伟达".into()], vec![]));
        let q = Query::parse("--json -h");
        assert_eq!(
            (q.terms, q.excluded),
            (vec!["--json".into()], vec!["h".into()])
        );
    }

    /// A quote nothing closes opens no phrase: the words and filters after it are read as
    /// they would be without it (tester U).
    #[test]
    fn an_unclosed_quote_opens_no_phrase() {
        let q = Query::parse("“这是 date:2026-03");
        assert_eq!(q.terms, ["这是"]);
        assert_eq!(q.dates, ["2026-03"]);
        assert_eq!(Query::parse("\"open source").terms, ["open", "source"]);
        assert_eq!(Query::parse("source:\"AI 日报").terms, ["日报"]);
        // After a prefix or `-` too (tester CG: `source:"AI 日报` named the source `"ai`).
        let q = Query::parse("source:\"AI 日报 -“传闻");
        assert_eq!(
            (q.sources, q.excluded),
            (vec!["ai".to_string()], vec!["传闻".to_string()])
        );
        // Closed, a phrase as before.
        assert_eq!(
            Query::parse("“开源 模型” 发布").terms,
            ["开源 模型", "发布"]
        );
    }

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
            (q.sources, q.dates, q.categories),
            (
                vec!["ai".to_string()],
                vec!["2026-01".to_string()],
                vec!["开源".to_string()]
            )
        );
        assert_eq!(Query::parse("ＯｐｅｎＡＩ").terms, ["openai"]);
        assert!(Query::parse("   ").is_empty());
        assert_eq!(Query::parse("\"-not excluded\"").terms, ["-not excluded"]);
        assert_eq!(Query::parse("date:2026-8").dates, ["2026-08"]);
        // Any of several; a prefix in any case.
        let q = Query::parse("Source:bubble SOURCE:AI每日热点 x");
        assert_eq!(
            (q.sources, q.terms),
            (
                vec!["bubble".to_string(), "ai每日热点".to_string()],
                vec!["x".to_string()]
            )
        );
        let q = Query::parse("-\"open source\" source:\"AI 日报\" x");
        assert_eq!(
            (q.excluded, q.sources, q.terms),
            (
                vec!["open source".to_string()],
                vec!["ai 日报".to_string()],
                vec!["x".to_string()]
            )
        );
        let q = Query::parse("x -source:Bubble -category:融资 -date:2026-8");
        assert_eq!(
            (q.sources, q.not_sources, q.not_categories, q.not_dates),
            (
                vec![],
                vec!["bubble".to_string()],
                vec!["融资".to_string()],
                vec!["2026-08".to_string()]
            )
        );
        // Words past the most a search takes are said, and nothing is looked for.
        let many = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>();
        let most = Query::parse(&many(WORDS_MOST).join(" OR "));
        assert_eq!(most.problem(), None);
        let more = format!("{} -x", many(WORDS_MOST).join(" OR "));
        let sources = format!("source:{} x", many(WORDS_MOST).join("|"));
        assert!(Query::parse(&sources).problem().is_some());
        assert_eq!(
            Query::parse(&more).problem().unwrap(),
            "a query takes at most 64 words, phrases and names; this one has 65"
        );
        let bad = Query::parse("openai date:garbage");
        assert!(!bad.is_empty());
        assert!(bad.dates.is_empty());
        assert!(
            bad.problem()
                .unwrap()
                .contains("“date:garbage” is not a date")
        );
    }
}
