//! Properties of wrapping, truncation, sanitising and rendering over mixed CJK/Latin/emoji text.

use proptest::prelude::*;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ribao::text::*;
use unicode_segmentation::UnicodeSegmentation;

/// The kinsoku sets as the issue states them; the generator uses only these punctuation marks.
const CLOSING: &str = "，。、；：！？）》」』】…’”,.;:!?)]}·・";
const OPENING: &str = "（《「『【“‘([{";

fn is_closing(g: &str) -> bool {
    g.chars().next().is_some_and(|c| CLOSING.contains(c))
}
fn is_opening(g: &str) -> bool {
    g.chars().next().is_some_and(|c| OPENING.contains(c))
}
fn is_space(g: &str) -> bool {
    matches!(g, " " | "\u{3000}")
}

/// Width as tmux 3.3 on Debian 12 draws text: each character its own width, except that
/// U+FE0F adds none, a character after a ZWJ goes in the cells before it, and emoji of
/// Unicode 15 (which its tables lack) take no columns.
fn joining_terminal_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut joined = false;
    s.chars()
        .map(|c| match c {
            '\u{200D}' => {
                joined = true;
                0
            }
            '\u{FE0F}' | '🩷' | '🫨' | '🛜' => 0,
            _ if std::mem::take(&mut joined) => 0,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

fn piece() -> impl Strategy<Value = String> {
    let chars = |s: &'static str| {
        proptest::sample::select(s.chars().collect::<Vec<_>>()).prop_map(String::from)
    };
    prop_oneof![
        4 => "[\u{4e00}-\u{4e40}]{1,8}",
        3 => "[a-zA-Z]{1,12}",
        1 => "[0-9]{1,5}(\\.[0-9]{1,2})?",
        3 => chars(CLOSING),
        2 => chars(OPENING),
        3 => prop_oneof![Just(" ".to_string()), Just("  ".to_string()), Just("\u{3000}".to_string())],
        1 => proptest::sample::select(vec!["👨‍👩‍👧", "🇨🇳", "❤️", "🚀", "①", "—", "·", "ＯｐｅｎＡＩ", "e\u{301}", "カタカナ"])
            .prop_map(String::from),
        1 => "https://[a-z]{2,8}\\.com/[a-z0-9/_.?=&-]{0,120}",
        1 => "(~/|/|src/)[a-z]{1,8}(/[a-z_.]{1,10}){0,4}\\.(md|rs)",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

fn opts() -> impl Strategy<Value = TextOptions> {
    any::<bool>().prop_map(|ambiguous_wide| TextOptions {
        ambiguous_wide,
        whole_urls: false,
    })
}

/// The text split into spans of random lengths and random styles.
fn styled() -> impl Strategy<Value = Vec<Span<'static>>> {
    (text(), prop::collection::vec((1usize..12, 0u8..4), 1..20)).prop_map(|(text, cuts)| {
        let graphemes: Vec<&str> = text.graphemes(true).collect();
        let mut spans = Vec::new();
        let mut at = 0;
        for (len, color) in cuts.iter().cycle() {
            if at >= graphemes.len() {
                break;
            }
            let end = (at + len).min(graphemes.len());
            let style = Style::new().fg(Color::Indexed(*color));
            spans.push(Span::styled(graphemes[at..end].concat(), style));
            at = end;
        }
        spans
    })
}

fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// (grapheme, style) sequence of spans.
fn styled_graphemes<'a>(spans: impl IntoIterator<Item = &'a Span<'a>>) -> Vec<(String, Style)> {
    spans
        .into_iter()
        .flat_map(|s| {
            s.content
                .graphemes(true)
                .map(move |g| (g.to_string(), s.style))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn lines_never_exceed_the_width(spans in styled(), width in 1usize..200, opts in opts()) {
        for line in wrap(&spans, width, opts) {
            prop_assert!(line_width(&line, opts) <= width.max(MIN_WRAP_WIDTH), "{line:?}");
        }
    }

    /// Concatenated lines are the input minus blank space at the breaks, grapheme by grapheme
    /// with the same style.
    #[test]
    fn wrapping_loses_nothing_visible(spans in styled(), width in 1usize..200, opts in opts()) {
        let input = styled_graphemes(&spans);
        let lines = wrap(&spans, width, opts);
        let blank = |g: &(String, Style)| is_space(&g.0) || g.0 == "\n";
        let mut at = 0;
        for (i, line) in lines.iter().enumerate() {
            let got = styled_graphemes(&line.spans);
            // Blank space and newlines between lines are dropped; a line keeps leading
            // space only at the start of the text or of a hard-broken paragraph.
            let run = input[at..].iter().take_while(|g| blank(g)).count();
            if got.first().is_some_and(|g| is_space(&g.0)) {
                let newline = input[at..at + run].iter().rposition(|g| g.0 == "\n");
                prop_assert!(at == 0 || newline.is_some(), "line {} starts blank mid-paragraph", i);
                at += newline.map_or(0, |n| n + 1);
            } else {
                at += run;
            }
            prop_assert!(got.last().is_none_or(|g| !is_space(&g.0)), "line {i} ends blank: {got:?}");
            prop_assert_eq!(&input[at..(at + got.len()).min(input.len())], &got[..], "line {}", i);
            at += got.len();
        }
        prop_assert!(input[at..].iter().all(blank), "lost {:?}", &input[at..]);
    }

    /// A line starts with closing punctuation (or the previous one ends with opening
    /// punctuation) only if the width forced it: no boundary on the previous line, including
    /// the break itself, was allowed by kinsoku. Inside an address or a path too long for its
    /// line, the line is filled: kinsoku is for text.
    #[test]
    fn kinsoku_holds_unless_forced(text in text(), width in 1usize..200, opts in opts()) {
        let lines: Vec<String> = wrap(&[Span::raw(text.as_str())], width, opts).iter().map(line_text).collect();
        // Where each line starts in the text, when it is found there as it is.
        let mut at = 0;
        let starts: Vec<Option<usize>> = lines
            .iter()
            .map(|line| {
                let start = text[at..].find(line.as_str()).map(|p| at + p);
                at = start.map_or(at, |s| s + line.len());
                start
            })
            .collect();
        // Inside an address, or a word with a `/` (a path), a space or a wide character
        // ending it, the break's own grapheme part of it.
        let urls = bare_urls(&text);
        let ends_word = |c: char| {
            unicode_width::UnicodeWidthChar::width(c) == Some(2)
                || !(c.is_alphanumeric() || c.is_ascii_punctuation())
        };
        let inside_address = |p: usize| {
            let before = text[..p].char_indices().rfind(|&(_, c)| ends_word(c));
            let word_start = before.map_or(0, |(i, c)| i + c.len_utf8());
            let word_end = text[p..].find(ends_word).map_or(text.len(), |i| p + i);
            urls.iter().any(|r| r.start < p && p < r.end)
                || word_start < p && p < word_end && text[word_start..word_end].contains('/')
        };
        for (k, pair) in lines.windows(2).enumerate() {
            let next_first = pair[1].graphemes(true).next().unwrap_or("");
            let prev_last = pair[0].graphemes(true).next_back().unwrap_or("");
            if !is_closing(next_first) && !is_opening(prev_last)
                || starts[k + 1].is_some_and(inside_address)
            {
                continue;
            }
            let visible: Vec<&str> = pair[0]
                .graphemes(true)
                .chain([next_first])
                .filter(|g| !is_space(g))
                .collect();
            let forced = visible.windows(2).all(|w| is_opening(w[0]) || is_closing(w[1]));
            prop_assert!(forced, "avoidable break {:?} / {:?} at width {}", pair[0], pair[1], width);
        }
    }

    #[test]
    fn truncation_fits_and_is_a_prefix(text in text(), max in 0usize..60, opts in opts()) {
        let cut = truncate(&text, max, opts);
        prop_assert!(str_width(&cut, opts) <= max);
        if cut != text {
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            prop_assert!(cut.is_empty() || cut.ends_with('…'));
            prop_assert!(text.starts_with(kept));
            // Nothing that fits was given up: the next visible grapheme, with the blank space
            // and the opening marks before it (a cut does not end on one), would not have fit
            // before the ellipsis.
            let rest = &text[kept.len()..];
            let visible = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || "（《「『【〈〔〖［｛“‘([{\"'".contains(c)
            });
            if !cut.is_empty() && let Some(next) = visible.graphemes(true).next() {
                let upto = &rest[..rest.len() - visible.len() + next.len()];
                prop_assert!(str_width(&cut, opts) + str_width(upto, opts) > max);
            }
        }
    }

    #[test]
    fn sanitized_text_is_inert(s in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}\u{1b}\\[\\]])*") {
        let clean = sanitize(&s);
        let forbidden = |c: char| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | '\u{61c}')
        };
        prop_assert!(!clean.contains(forbidden), "{clean:?}");
        prop_assert_eq!(sanitize(&clean), clean.clone(), "idempotent");
    }

    /// Terminals disagree on emoji selectors and joiners: some (tmux, xterm) give U+FE0F no
    /// width and draw a character after a ZWJ in the cells before, others follow
    /// `unicode-width`. Once sanitised, both measures agree, so no column is left stale.
    #[test]
    fn sanitized_emoji_are_as_wide_as_a_joining_terminal_draws_them(
        parts in prop::collection::vec(prop::sample::select(vec![
            "a", " ", "1", "中", "🏷", "❤", "⚠", "™", "😀", "👨", "👩", "🔥", "🌈", "🏳",
            "\u{FE0F}", "\u{FE0E}", "\u{200D}", "\u{20E3}", "क", "\u{94D}", "ष", "✌",
            "👍", "🏻", "🏿", "🩷", "🫨", "🛜",
        ]), 0..12),
    ) {
        let clean = sanitize(&parts.concat()).into_owned();
        prop_assert_eq!(str_width(&clean, TextOptions::default()), joining_terminal_width(&clean), "{:?}", clean);
    }

    #[test]
    fn markdown_lines_never_exceed_the_width(
        blocks in prop::collection::vec((0u8..8, text()), 1..12),
        width in 16usize..160,
        opts in opts(),
    ) {
        let md: String = blocks
            .iter()
            .map(|(kind, t)| {
                let t = t.replace(['\n', '|', '*', '_', '`', '[', ']', '<', '#'], " ");
                match kind {
                    0 => format!("{t}\n\n"),
                    1 => format!("## {t}\n\n"),
                    2 => format!("- {t}\n  - {t}\n    - {t}\n\n"),
                    3 => format!("> {t}\n>\n> > {t}\n\n"),
                    4 => format!("1. {t}\n2. [{t}](https://example.com/{})\n\n", t.len()),
                    5 => format!("| a | {t} | c |\n|---|---|--:|\n| {t} | 中文 | {t} |\n\n"),
                    6 => format!("```\n{t}\n```\n\n"),
                    _ => format!("<div>{t}<br/>{t}</div>\n\n"),
                }
            })
            .collect();
        for line in render_markdown(&md, width, opts).lines {
            prop_assert!(line_width(&line, opts) <= width, "{line:?}");
        }
    }
}
