//! Search finds a word in every form folding equates (case, full width, the ideographic
//! space), whichever way the search reads a digest: as written, or with ASCII letters
//! lowered when the digest's text holds no other forms.

use chrono::NaiveDate;
use proptest::prelude::*;
use ribao::categories::Categorizer;
use ribao::library::{Library, Origin};
use ribao::model::{Digest, Format, Item};
use ribao::search::{Query, fold};
use std::path::PathBuf;

fn item(title: &str, body: &str) -> Item {
    Item {
        id: String::new(),
        title: title.into(),
        category: None,
        region: None,
        outlet: None,
        url: None,
        body: body.into(),
        unified: None,
    }
}

fn digest(n: usize, items: Vec<Item>) -> Digest {
    // Ids are unique per digest, as the parser makes them.
    let items = items
        .into_iter()
        .enumerate()
        .map(|(k, mut i)| {
            i.id = format!("{n:04}{k:08}");
            i
        })
        .collect();
    Digest {
        id: format!("d{n}"),
        path: PathBuf::from(format!("/store/{n}.md")),
        date: NaiveDate::from_ymd_opt(2026, 1, 1 + n as u32 % 28),
        source: "测试".into(),
        series: None,
        title: format!("digest {n}"),
        format: Format::Generic,
        front_page: String::new(),
        items,
        warnings: Vec::new(),
    }
}

fn library(digests: Vec<Digest>) -> Library {
    Library::from_digests(
        Origin::Store(PathBuf::from("/store")),
        digests,
        Vec::new(),
        &Categorizer::builtin(),
    )
}

fn titles(library: &Library, query: &str) -> Vec<String> {
    library
        .search(&Query::parse(query), None)
        .into_iter()
        .map(|i| library.item(i).title.to_string())
        .collect()
}

#[test]
fn latin_words_are_found_in_every_width_and_case() {
    let lib = library(vec![
        digest(
            1,
            vec![
                item("plain", "OpenAI ships GPT-5 as open source"),
                item(
                    "wide",
                    "据ＯｐｅｎＡＩ称，ＧＰＴ－５将以Ｏｐｅｎ　Ｓｏｕｒｃｅ发布",
                ),
            ],
        ),
        // A digest whose text has no other forms: read with its letters lowered.
        digest(2, vec![item("upper", "OPENAI AND gpt-5, OPEN SOURCE")]),
    ]);
    // Newest digest first.
    assert_eq!(titles(&lib, "openai"), ["upper", "plain", "wide"]);
    assert_eq!(titles(&lib, "ＯＰＥＮａｉ"), ["upper", "plain", "wide"]);
    assert_eq!(titles(&lib, "gpt-5"), ["upper", "plain", "wide"]);
    assert_eq!(titles(&lib, "\"open source\""), ["upper", "plain", "wide"]);
    assert_eq!(titles(&lib, "\"open  source\""), ["upper", "plain", "wide"]);
    assert_eq!(titles(&lib, "openai -gpt-5"), Vec::<String>::new());
    // `OR` between words takes either; beside another word, with it.
    assert_eq!(titles(&lib, "ships OR 据"), ["plain", "wide"]);
    assert_eq!(titles(&lib, "ＳＨＩＰＳ|and"), ["upper", "plain"]);
    assert_eq!(
        titles(&lib, "openai ships OR 据 OR and"),
        ["upper", "plain", "wide"]
    );
    assert_eq!(titles(&lib, "(ships OR 据) -gpt-5"), Vec::<String>::new());
    // A comma typed after a word ends it, as a blank does: lists are typed so (tester CL:
    // `Anthropic,` found only the stories with a comma after it).
    assert_eq!(titles(&lib, "gpt-5,"), ["upper", "plain", "wide"]);
    assert_eq!(
        titles(&lib, "（gpt-5）、openai，"),
        ["upper", "plain", "wide"]
    );
    assert_eq!(Query::parse("openai,-gpt-5").excluded, ["gpt-5"]);
    // A Chinese word is scanned for first; the Latin one is checked in what it finds.
    assert_eq!(titles(&lib, "openai 据"), ["wide"]);
    // Text from the web: a no-break space is a space, a soft hyphen nothing.
    let web = library(vec![digest(
        3,
        vec![item(
            "web",
            "The Future of\u{a0}Work report, Open\u{ad}AI news",
        )],
    )]);
    for query in [
        "\"future of work\"",
        "\"future of\u{a0}work\"",
        "openai",
        "open\u{ad}ai",
    ] {
        assert_eq!(titles(&web, query), ["web"], "{query:?}");
    }
    // A Latin word is found where a word starts, not inside another (`MIT` in `limit`),
    // and a story's title starts one whatever the story before it ends with.
    let words = library(vec![digest(
        5,
        vec![
            item("limits", "submit a PERMIT"),
            item("MIT news", "ChatGPT and RTX5090"),
        ],
    )]);
    assert_eq!(titles(&words, "mit"), ["MIT news"]);
    assert_eq!(titles(&words, "gpt"), ["MIT news"]);
    assert_eq!(titles(&words, "5090"), ["MIT news"]);
    assert_eq!(titles(&words, "permit"), ["limits"]);
    let dashes = library(vec![digest(
        4,
        vec![item("dash", "GPT\u{2010}5 and GPT\u{2011}5o")],
    )]);
    for query in ["gpt-5", "gpt\u{2010}5", "\"gpt-5o\""] {
        assert_eq!(titles(&dashes, query), ["dash"], "{query:?}");
    }
    // Where letters meet digits a hyphen or a space may be there or not: `GPT5` finds
    // `GPT-5`, `llama3` finds `Llama 3`, in text read as written or lowered.
    let models = library(vec![
        digest(6, vec![item("hyphen", "OpenAI 发布 GPT-5 与 Qwen3")]),
        digest(7, vec![item("spaced", "Meta 的 Llama 3 与 ＧＰＴ ５")]),
        digest(8, vec![item("none", "gpt5 beats llama3")]),
    ]);
    assert_eq!(titles(&models, "gpt5"), ["none", "spaced", "hyphen"]);
    assert_eq!(titles(&models, "GPT-5"), ["none", "spaced", "hyphen"]);
    assert_eq!(titles(&models, "llama3"), ["none", "spaced"]);
    assert_eq!(titles(&models, "qwen-3"), ["hyphen"]);
    // A long word typed whole is found, as a short one is (tester CW: past 48 letters one
    // whose ending the stemmer takes off was not).
    let long = "Supercalifragilisticexpialidociousantidisestablishmentarianism";
    let words = library(vec![digest(
        9,
        vec![item("long", &format!("超长单词{long}测试，又见 {long}s。"))],
    )]);
    for query in [long, &format!("{long}s")] {
        assert_eq!(titles(&words, query), ["long"], "{query}");
    }
}

/// Characters of the generated text: ASCII in both cases, their other forms, everyday
/// Chinese punctuation, both apostrophes, CJK, the no-break space, the soft hyphen and the
/// Unicode hyphens.
const ALPHABET: &[char] = &[
    'a', 'A', 'b', 'B', 'k', '1', '-', ' ', ',', 'ａ', 'Ａ', 'ｂ', 'Ｂ', '１', '－', '　', '，',
    'K', '\'', '’', '英', '伟', '\u{a0}', '\u{ad}', '\u{2010}', '\u{2011}',
];

/// The ways a folded term may stand in folded text: a space between Chinese and a Latin
/// letter or digit, or between two Chinese characters, there or not (`GPU 沙盒`, `GPU沙盒`,
/// `英伟达 发布`), a hyphen, a space or none between a
/// Latin letter and a digit (`GPT-5`, `GPT 5`, `GPT5`), and between words the term parts
/// with either (`open-source`, `open source`, `opensource`).
fn writings(term: &str) -> Vec<String> {
    let cjk = |c: char| matches!(c, '英' | '伟');
    let latin = |c: char| c.is_ascii_alphanumeric();
    let letter_digit = |a: char, b: char| {
        a.is_ascii_alphabetic() && b.is_ascii_digit()
            || a.is_ascii_digit() && b.is_ascii_alphabetic()
    };
    let gaps = |a: char, b: char| -> &[&str] {
        if cjk(a) && latin(b) || latin(a) && cjk(b) || cjk(a) && cjk(b) {
            &["", " "]
        } else if letter_digit(a, b) {
            &["", " ", "-"]
        } else {
            &[""]
        }
    };
    let chars: Vec<char> = term.chars().collect();
    let mut out = vec![String::new()];
    let mut prev: Option<char> = None;
    // Words the term parts with a hyphen or a space: parted either way, or not at all.
    let mut parted = false;
    for (i, &c) in chars.iter().enumerate() {
        if let (Some(a), Some(&b)) = (prev, chars.get(i + 1)) {
            if matches!(c, ' ' | '-') && a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
                parted = true;
                continue;
            }
            if c == ' ' && gaps(a, b).len() > 1 || c == '-' && letter_digit(a, b) {
                continue;
            }
        }
        let between = match std::mem::take(&mut parted) {
            true => &["", " ", "-"][..],
            false => prev.map_or(&[""][..], |a| gaps(a, c)),
        };
        out = out
            .into_iter()
            .flat_map(|w| between.iter().map(move |g| format!("{w}{g}{c}")))
            .collect();
        prev = Some(c);
    }
    out
}

/// Whether the folded `text` holds some writing of the folded `term`; one that starts
/// with a Latin letter or digit, where a word of `text` starts (see [`begins_word`]); one
/// that ends with a number or a word of two letters or more, where a word of `text` ends
/// (see [`ends_word`]). (A word of this
/// alphabet's letters is its own stem: no form of it is another word.)
fn holds(text: &str, term: &str) -> bool {
    // Folded char by char, with the char of `text` each folded byte came from.
    let chars: Vec<char> = text.chars().collect();
    let (mut folded, mut origin) = (String::new(), Vec::new());
    for (o, c) in chars.iter().enumerate() {
        let f = fold(&c.to_string());
        origin.extend(std::iter::repeat_n(o, f.len()));
        folded.push_str(&f);
    }
    let word_start = term.starts_with(|c: char| c.is_ascii_alphanumeric());
    // (A word of one letter at the end is a word's start.)
    let last_word = term
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let word_end = term.ends_with(|c: char| c.is_ascii_digit()) || last_word > 1;
    writings(term).iter().any(|w| {
        folded.char_indices().any(|(p, _)| {
            let end = p + w.len();
            folded[p..].starts_with(w.as_str())
                && (!word_start || begins_word(&chars, origin[p]))
                && (!word_end || ends_word(&folded, end))
        })
    })
}

/// Whether a word ends at byte `end` of `folded` (`text` folded): before what is no letter
/// of the kind the word ends in (a digit for a number, a letter for a word). Two capitals
/// after small letters start a word, but the small letters before them are none.
fn ends_word(folded: &str, end: usize) -> bool {
    let (Some(next), Some(last)) = (
        folded[end..].chars().next(),
        folded[..end].chars().next_back(),
    ) else {
        return true;
    };
    if last.is_ascii_digit() {
        return !next.is_ascii_digit();
    }
    !next.is_ascii_alphabetic()
}

/// Whether a word starts at `chars[o]`: after no letter or digit (Chinese is none), at two
/// capitals after a small letter, or where digits and letters meet.
fn begins_word(chars: &[char], o: usize) -> bool {
    let Some(&prev) = o.checked_sub(1).and_then(|p| chars.get(p)) else {
        return true;
    };
    let word = |c: char| c.is_alphanumeric() && !matches!(c, '英' | '伟');
    let next = chars[o];
    let capitals = chars.get(o + 1).is_some_and(|c| c.is_uppercase());
    !word(prev)
        || prev.is_lowercase() && next.is_uppercase() && capitals
        || prev.is_alphabetic() && next.is_numeric()
        || prev.is_numeric() && next.is_alphabetic()
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    /// The stories found are exactly those whose text, folded, holds the folded word (see
    /// [`writings`]), where a word starts when the word starts with a Latin letter or digit.
    #[test]
    fn search_finds_what_folding_finds(
        bodies in prop::collection::vec(prop::collection::vec(text(24), 1..4), 1..4),
        word in text(4).prop_filter("a word", |w| !w.trim().is_empty()),
    ) {
        let digests = bodies
            .iter()
            .enumerate()
            .map(|(n, items)| {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(k, body)| item(&format!("t{n}-{k}"), body))
                    .collect();
                digest(n, items)
            })
            .collect();
        let lib = library(digests);
        let query = Query::parse(&format!("\"{word}\""));
        prop_assume!(query.terms.len() == 1);
        let term = &query.terms[0];
        let found: Vec<usize> = lib.search(&query, None);
        let expected: Vec<usize> = lib
            .digests()
            .iter()
            .flat_map(|d| d.items.clone())
            .filter(|&i| holds(&String::from_utf8_lossy(lib.index().text_of(i)), term))
            .collect();
        prop_assert_eq!(found, expected, "word {:?}", word);

        // With a Chinese word as well, which the search scans for first.
        let both = Query::parse(&format!("\"{word}\" 英"));
        let found: Vec<usize> = lib.search(&both, None);
        let expected: Vec<usize> = lib
            .digests()
            .iter()
            .flat_map(|d| d.items.clone())
            .filter(|&i| {
                let text = String::from_utf8_lossy(lib.index().text_of(i));
                both.terms.iter().all(|t| holds(&text, t))
            })
            .collect();
        prop_assert_eq!(found, expected, "words {:?} and 英", word);
    }
}

/// A space between two Chinese characters is no part of the words: bold text ends with one
/// (`**英伟达** 发布`), and so does a line of the source (tester CL: `英伟达发布` missed them).
/// Text without one is searched as before, in the same archive.
#[test]
fn chinese_words_are_found_across_a_space_between_them() {
    let lib = library(vec![
        digest(1, vec![item("bold", "**英伟达** 发布新芯片")]),
        digest(2, vec![item("line", "据报道英伟达\n发布了新芯片")]),
        digest(
            3,
            vec![
                item("none", "英伟达发布新芯片"),
                item("apart", "英伟达，发布"),
            ],
        ),
        digest(4, vec![item("wide", "英伟达\u{3000}发布 ＧＰＵ")]),
    ]);
    assert_eq!(titles(&lib, "英伟达发布"), ["wide", "none", "line", "bold"]);
    // Spaces in a row are one (tester CP: `"英伟达   发布"` found nothing).
    for phrase in ["\"英伟达 发布\"", "\"英伟达   发布\""] {
        assert_eq!(titles(&lib, phrase), ["wide", "none", "line", "bold"]);
    }
    assert_eq!(titles(&lib, "伟达发"), ["wide", "none", "line", "bold"]);
    assert_eq!(titles(&lib, "英伟达发布 -伟达发"), Vec::<String>::new());
    // Not across what the reader shows between them: a block's end, a link's number (a
    // review: `英伟达` ending a list item and `发布` starting the next were found).
    let apart = library(vec![digest(
        5,
        vec![
            item("items", "- 英伟达\n- 发布会"),
            item("link", "据[英伟达](https://n.example)发布"),
            item("heading", "### 英伟达\n\n发布会"),
        ],
    )]);
    assert_eq!(titles(&apart, "英伟达发布"), Vec::<String>::new());
    assert_eq!(titles(&apart, "英伟达 发布"), ["items", "link", "heading"]);
    // Each word alone is found where they are apart too.
    assert_eq!(
        titles(&lib, "英伟达 发布"),
        ["wide", "none", "apart", "line", "bold"]
    );
}

/// `source:` takes the outlet a story names (`来源：量子位`) as well as its publication's
/// name, as the help's example `source:量子位` has it; `-source:` leaves out either.
#[test]
fn a_source_filter_finds_the_outlet_a_story_names_and_its_publication() {
    let from = |title: &str, outlet: Option<&str>| Item {
        outlet: outlet.map(str::to_string),
        ..item(title, "英伟达发布新芯片")
    };
    let mut other = digest(2, vec![from("别家", Some("量子位"))]);
    other.source = "AI 日报".into();
    let lib = library(vec![
        digest(
            1,
            vec![
                from("量子位报道", Some("量子位")),
                from("机器之心报道", Some("机器之心")),
                from("无来源", None),
            ],
        ),
        other,
    ]);
    assert_eq!(titles(&lib, "source:量子位"), ["别家", "量子位报道"]);
    assert_eq!(titles(&lib, "英伟达 source:量子位"), ["别家", "量子位报道"]);
    assert_eq!(
        titles(&lib, "source:测试"),
        ["量子位报道", "机器之心报道", "无来源"]
    );
    assert_eq!(
        titles(&lib, "英伟达 -source:量子位"),
        ["机器之心报道", "无来源"]
    );
    assert_eq!(
        titles(&lib, "英伟达 -source:日报"),
        ["量子位报道", "机器之心报道", "无来源"]
    );
}
