//! The tricky cases of the text module, one by one.

use std::borrow::Cow;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ribao::text::*;

const NARROW: TextOptions = TextOptions {
    ambiguous_wide: false,
    whole_urls: false,
};
const WIDE: TextOptions = TextOptions {
    ambiguous_wide: true,
    whole_urls: false,
};

fn plain(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    wrap(&[Span::raw(text)], width, NARROW)
        .iter()
        .map(plain)
        .collect()
}

fn render_plain(md: &str, width: usize) -> Vec<String> {
    render_markdown(md, width, NARROW)
        .lines
        .iter()
        .map(plain)
        .collect()
}

// --- width ---

/// A hyphen opening a word (`-category:`, `--store`) or joining a key to its modifier
/// (`Ctrl-w`) stays with what follows: no line ends in it (testers AF, AH: `(also -` /
/// `category:`, `Alt-` / `Backspace`). One inside another word may.
#[test]
fn a_hyphen_opening_a_word_stays_with_it() {
    let text = "leave out (also -category:, -date:) (-source: too), ribao --store DIR, Ctrl-w or \
                Alt-Backspace or Ctrl-← a word, and well-known words";
    for width in 8..text.len() {
        let lines = wrap_plain(text, width);
        for line in &lines {
            let line = line.trim_end();
            assert!(
                !line.ends_with('-') || line.ends_with("well-"),
                "{width}: {lines:?}"
            );
        }
    }
    assert!(
        (8..text.len()).any(|w| wrap_plain(text, w)
            .iter()
            .any(|l| l.trim_end().ends_with("well-"))),
        "a hyphen inside a word is a place to break"
    );
}

/// A name with a digit in it, a model's or product's, is kept whole as a word is where its
/// row can hold it (tester DM: `DeepSeek-` ended a line, `V3.2-Exp` began the next).
#[test]
fn a_model_name_is_kept_whole() {
    let names = [
        "DeepSeek-V3.2-Exp",
        "GPT-4o-mini",
        "Qwen2.5-VL-72B-Instruct",
        "COVID-19",
    ];
    let text = format!(
        "The release called {} beats {} and {} on well-known tests, as {} did",
        names[0], names[1], names[2], names[3]
    );
    for width in 23..text.len() {
        let lines = wrap_plain(&text, width);
        for name in names {
            assert!(
                lines.iter().any(|l| l.contains(name)),
                "{width}: {name} in {lines:?}"
            );
        }
    }
}

#[test]
fn emoji_sequences_are_two_columns() {
    for opts in [NARROW, WIDE] {
        assert_eq!(str_width("👨‍👩‍👧", opts), 2, "ZWJ family");
        assert_eq!(str_width("🇨🇳", opts), 2, "flag");
        assert_eq!(str_width("❤️", opts), 2, "VS16 heart");
        assert_eq!(str_width("中", opts), 2);
        assert_eq!(str_width("ＯｐｅｎＡＩ", opts), 12, "full-width forms");
        assert_eq!(
            str_width("e\u{301}", opts),
            1,
            "combining acute accent adds nothing"
        );
    }
}

#[test]
fn ambiguous_characters_follow_the_option() {
    // Letters too (`é`, Greek, Cyrillic, `´`), which unicode-width's CJK measure counts
    // narrow and an ambiguous-wide terminal draws wide (tester M).
    for c in ["①", "“", "…", "—", "·", "é", "ω", "Ж", "´"] {
        assert_eq!(str_width(c, NARROW), 1, "{c}");
        assert_eq!(str_width(c, WIDE), 2, "{c}");
    }
    assert_eq!(str_width("a①b", WIDE), 4);
    let line = Line::from(vec![Span::raw("①"), Span::raw("中a")]);
    assert_eq!(line_width(&line, NARROW), 4);
    assert_eq!(line_width(&line, WIDE), 5);
}

#[test]
fn control_characters_have_no_width() {
    assert_eq!(str_width("a\u{7}b", NARROW), 2);
    assert_eq!(grapheme_width("\u{1b}", NARROW), 0);
}

// --- truncation ---

#[test]
fn truncate_fits_or_borrows() {
    assert!(matches!(truncate("中文", 4, NARROW), Cow::Borrowed("中文")));
    assert_eq!(truncate("中文标题", 5, NARROW), "中文…");
    assert_eq!(truncate("中文标题", 6, NARROW), "中文…", "never splits 标");
    assert_eq!(
        truncate("hello world", 7, NARROW),
        "hello…",
        "space before … dropped"
    );
    assert_eq!(truncate("👨‍👩‍👧👨‍👩‍👧", 3, NARROW), "👨‍👩‍👧…");
}

#[test]
fn truncate_tiny_widths() {
    assert_eq!(truncate("中文", 0, NARROW), "");
    assert_eq!(truncate("中文", 1, NARROW), "…");
    assert_eq!(
        truncate("中文", 1, WIDE),
        "",
        "a 2-wide … does not fit in 1"
    );
    assert_eq!(truncate("中文标题", 3, WIDE), "…");
    assert_eq!(truncate("①②③", 5, WIDE), "①…");
}

// --- sanitising ---

#[test]
fn sanitize_borrows_clean_text() {
    let s = "中文 English 👨‍👩‍👧 ⌚ ❤\n第二行";
    assert!(matches!(sanitize(s), Cow::Borrowed(_)));
}

#[test]
fn sanitize_removes_escape_sequences_whole() {
    assert_eq!(sanitize("a\x1b]0;title\x07b"), "ab");
    assert_eq!(sanitize("a\x1b[2Jb"), "ab");
    assert_eq!(sanitize("\x1b[31mred\x1b[0m"), "red");
    assert_eq!(sanitize("a\u{9b}2Jb"), "ab", "C1 CSI");
    assert_eq!(sanitize("a\x1b"), "a");
}

/// A string sequence (`ESC ]`) with no BEL or ST on its line is no sequence a terminal would
/// finish: only its introducer goes, and the text after it stays (it took the rest of the
/// paragraph: `&#27;]0;t&#7; B` shown, or searched, as `A`; tester B).
#[test]
fn an_unended_string_sequence_takes_no_text_with_it() {
    assert_eq!(sanitize("A \x1b]0;t B tail.\nnext"), "A 0;t B tail.\nnext");
    assert_eq!(sanitize("A \u{9d}0;t B tail."), "A 0;t B tail.");
    // A C1 introducer is no end of the one before it.
    assert_eq!(sanitize("\u{9d}ab\u{9d}cd\u{9d}ef\x07gh"), "abcdgh");
    assert_eq!(
        sanitize("A \x1b]0;t\x1b\\ B tail."),
        "A  B tail.",
        "ended by ST"
    );
    let rendered = render_markdown("A &#x1b;]0;t B tail1.", 80, NARROW);
    assert!(lines_to_plain(&rendered.lines).contains("B tail1."));
}

#[test]
fn sanitize_removes_controls_bidi_and_junk() {
    assert_eq!(sanitize("a\r\nb\x7fc\u{85}d\0e"), "a\nbcde");
    assert_eq!(
        sanitize("x\u{202e}y\u{2066}z\u{2069}\u{200e}\u{200f}\u{61c}"),
        "xyz"
    );
    // A zero-width non-joiner too, as the space is (testers DM, DO: it alone stayed).
    assert_eq!(sanitize("前\u{200b}后\u{feff}\u{2060}!\u{200c}"), "前后!");
    // A soft hyphen is drawn by some terminals, in a column the layout did not count, and
    // by others not at all (tester J: lines 5 columns over the width).
    assert_eq!(sanitize("Soft\u{ad}hyphen\u{ad}ated"), "Softhyphenated");
    assert_eq!(sanitize("line\u{2028}next"), "line\nnext");
    // Drawn by terminals in their own ways or not at all, the cell's old text left in view
    // (tester DO): noncharacters, interlinear annotation marks, and marks past a few on one
    // character; a few marks, a Hangul vowel, and a subdivision flag's tags stay.
    assert_eq!(
        sanitize("a\u{fffe}b\u{ffff}c\u{fff9}d\u{fdd0}e\u{1fffe}"),
        "abcde"
    );
    let zalgo = format!("o{}x", "\u{301}".repeat(500));
    assert_eq!(sanitize(&zalgo), format!("o{}x", "\u{301}".repeat(4)));
    // Nor by selectors between them (a review).
    let selected = format!("o{}x", "\u{301}\u{301}\u{301}\u{301}\u{fe0f}".repeat(125));
    assert_eq!(sanitize(&selected), format!("o{}x", "\u{301}".repeat(4)));
    for kept in [
        "ｶﾞｶﾞｶﾞｶﾞｶﾞｶﾞ",
        "e\u{323}\u{302}",
        "\u{1100}\u{1161}\u{11a8}",
        "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
    ] {
        assert_eq!(sanitize(kept), kept);
    }
}

#[test]
fn sanitize_keeps_emoji_joiners_and_selectors_only_where_terminals_agree() {
    // After a two-column emoji the selector changes no width but tmux 3.3's (tester BP).
    assert_eq!(sanitize("👨‍👩‍👧 ⌚️ ☕️"), "👨‍👩‍👧 ⌚ ☕");
    assert_eq!(
        sanitize("🏷️ ❤️"),
        "🏷 ❤",
        "a selector that widens a one-column character is drawn one or two columns wide"
    );
    assert_eq!(
        sanitize("❤️‍🔥 🏳️‍🌈"),
        "❤🔥 🏳🌈",
        "a joiner after a one-column character goes with its selector"
    );
    assert_eq!(sanitize("中\u{200d}文"), "中文");
    // Flags are drawn one way by some terminals and another by others (tmux left stray
    // halves of them on screen): their letters read the same everywhere.
    assert_eq!(sanitize("Manus 🇨🇳➡️🇸🇬"), "Manus CN➡SG");
    assert_eq!(sanitize("🇺"), "U");
    assert_eq!(sanitize("🇨🇳🇺🇸🇯🇵 Flags, 🇨🇳AI"), "CN US JP Flags, CN AI");
    // tmux draws a skin tone as a swatch beside its emoji, two columns more.
    assert_eq!(sanitize("👍🏻 ✌🏻️ 👩🏽‍💻"), "👍 ✌ 👩‍💻");
    // Emoji newer than a terminal's tables are drawn in no columns there: a stand-in.
    assert_eq!(sanitize("粉色爱心🩷测试 🛜 🫨"), "粉色爱心〓测试 〓 〓");
    assert_eq!(
        sanitize("a\u{200d}**b"),
        "a**b",
        "a joiner next to ASCII joins nothing"
    );
}

#[test]
fn tabs_expand_to_stops_of_four_display_columns() {
    assert_eq!(TAB_STOP, 4);
    assert_eq!(sanitize("\tx"), "    x");
    assert_eq!(sanitize("ab\tx"), "ab  x");
    assert_eq!(sanitize("中\tx"), "中  x", "中 is 2 columns");
    assert_eq!(sanitize("abcd\tx\n\ty"), "abcd    x\n    y");
}

// --- wrapping ---

#[test]
fn closing_punctuation_never_starts_a_line() {
    let text = "中文中文，中文";
    for width in 4..=14 {
        let lines = wrap_plain(text, width);
        assert!(
            lines.iter().all(|l| !l.starts_with('，')),
            "width {width}: {lines:?}"
        );
        assert_eq!(lines.concat(), text);
    }
    // The character before the comma is pulled down with it.
    assert_eq!(wrap_plain(text, 8), ["中文中", "文，中文"]);
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    assert_eq!(wrap_plain("中文中（文）", 8), ["中文中", "（文）"]);
    assert_eq!(wrap_plain("他说“你好”", 6), ["他说", "“你好”"]);
}

/// An icon before its label goes to the next line with it (tester AU: `|  🔗` over `原文`);
/// one inside a sentence is a word like any other.
#[test]
fn an_icon_stays_with_its_label() {
    assert_eq!(
        wrap_plain("📰 The Decoder  |  🔗 原文", 22),
        ["📰 The Decoder  |", "🔗 原文"]
    );
    assert_eq!(wrap_plain("⭐ 重要性: 59", 4), ["⭐", "重要", "性:", "59"]);
    assert_eq!(wrap_plain("好消息🎉 今天", 8), ["好消息🎉", "今天"]);
}

#[test]
fn forbidden_runs_break_only_when_forced() {
    // Nothing but closing punctuation: the width forces breaks between them.
    assert_eq!(wrap_plain("，，，", 2), ["，", "，", "，"]);
    // One 2-column character per line leaves the comma nowhere else to go.
    assert_eq!(wrap_plain("中文，", 2), ["中", "文", "，"]);
}

#[test]
fn latin_words_stay_whole() {
    assert_eq!(
        wrap_plain("hello wonderful world", 10),
        ["hello", "wonderful", "world"]
    );
    assert_eq!(
        wrap_plain("version 3.14159 ok", 8),
        ["version", "3.14159", "ok"]
    );
}

/// A file path written out is not broken at its `/`: a message naming a state file broke
/// it across its two rows (tester G: `… /tmp/` then `utG/state.json`), which no one can copy
/// whole. Other slashes break as before.
#[test]
fn file_paths_stay_whole() {
    assert_eq!(
        wrap_plain("cannot save state to /tmp/utG/state.json: disk full", 30),
        ["cannot save state to", "/tmp/utG/state.json: disk full"]
    );
    assert_eq!(
        wrap_plain("见 ~/notes/ai/today.md。", 22),
        ["见", "~/notes/ai/today.md。"]
    );
    assert_eq!(
        wrap_plain("and/or either/or", 8),
        ["and/or", "either/", "or"]
    );
    // Relative paths and addresses without their scheme, and a path right after Chinese
    // (tester CF: `src/` then `tui/app.rs`, `路径/usr/local/bin/` then `ribao`).
    assert_eq!(
        wrap_plain("源码在 src/text/wrap.rs 和 src/tui/app.rs 两个文件", 32),
        ["源码在 src/text/wrap.rs 和", "src/tui/app.rs 两个文件"]
    );
    assert_eq!(
        wrap_plain("访问 github.com/openai/openai-python 获取", 32),
        ["访问", "github.com/openai/openai-python", "获取"]
    );
    assert_eq!(
        wrap_plain("路径/usr/local/bin/ribao，邮箱", 24),
        ["路径", "/usr/local/bin/ribao，邮", "箱"]
    );
    // Words joined by `/` are no path, nor is a `/` between Chinese and a word (a review:
    // a row had ended `中文` before `/English界面`, and a list of systems was held whole).
    assert_eq!(
        wrap_plain("支持 Windows/macOS/Linux/iOS 等平台", 20),
        ["支持 Windows/macOS/", "Linux/iOS 等平台"]
    );
    assert_eq!(
        wrap_plain("支持中文/English界面", 11),
        ["支持中文/", "English界面"]
    );
}

#[test]
fn mixed_cjk_and_latin_break_between_scripts() {
    assert_eq!(
        wrap_plain("中文English中文", 10),
        ["中文", "English中", "文"]
    );
}

/// An address longer than its line fills it, though a `.` then starts the next row: kinsoku
/// is for text, not for the inside of an address (tester CF: a column was left empty).
#[test]
fn a_long_address_fills_its_row_before_a_dot() {
    assert_eq!(
        wrap_plain("见 https://ab.com/abcde.md 完", 20),
        ["见", "https://ab.com/abcde", ".md 完"]
    );
}

#[test]
fn long_url_wraps_by_grapheme_and_only_when_longer_than_the_line() {
    let url = format!("https://example.com/{}", "abcdefghij/".repeat(26));
    assert!(url.len() > 300);
    let lines = wrap_plain(&format!("见 {url} 完"), 80);
    assert_eq!(lines[0], "见", "the URL starts on a fresh line");
    assert_eq!(lines[1..].concat(), format!("{url} 完"));
    assert!(lines.iter().all(|l| str_width(l, NARROW) <= 80));
    // Cut after a slash, a row at least half full (tester DM: where the row ran out).
    assert!(
        (lines[1..lines.len() - 1].iter()).all(|l| l.ends_with('/') && l.len() >= 40),
        "{lines:?}"
    );
    // A URL that fits is never split at its slashes.
    let short = "https://example.com/a/b/c/d/e";
    assert_eq!(wrap_plain(&format!("see {short}"), 30), ["see", short]);
}

/// An address too long for its row is cut at a joint of it, after a slash or a query's mark
/// or before a dot, where one leaves the row at least half full; else where the row ends.
#[test]
fn a_long_address_is_cut_at_its_joints() {
    let url = "https://example.com/very/long/path/to/some/resource/index.html?query=string&another=parameter";
    assert_eq!(
        wrap_plain(url, 30),
        [
            "https://example.com/very/long/",
            "path/to/some/resource/index",
            ".html?query=string&another=",
            "parameter"
        ]
    );
    let unjointed = format!("https://a.b/{}", "x".repeat(50));
    assert_eq!(wrap_plain(&unjointed, 30)[0], &unjointed[..30]);
}

#[test]
fn spaces_at_breaks_are_dropped_but_leading_indent_kept() {
    assert_eq!(wrap_plain("aaa   bbb", 4), ["aaa", "bbb"]);
    assert_eq!(wrap_plain("  ab cd", 5), ["  ab", "cd"]);
}

#[test]
fn newline_forces_a_break_and_empty_lines_survive() {
    assert_eq!(wrap_plain("a\n\nb", 10), ["a", "", "b"]);
}

#[test]
fn styles_survive_breaks() {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let spans = [
        Span::raw("前文"),
        Span::styled("加粗的文字", bold),
        Span::raw("后"),
    ];
    let lines = wrap(&spans, 6, NARROW);
    let styled: Vec<Vec<(String, Style)>> = lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| (s.content.to_string(), s.style))
                .collect()
        })
        .collect();
    assert_eq!(
        styled,
        [
            vec![("前文".into(), Style::new()), ("加".into(), bold)],
            vec![("粗的文".into(), bold)],
            vec![("字".into(), bold), ("后".into(), Style::new())],
        ]
    );
}

#[test]
fn hanging_indent_prefixes() {
    let lines = wrap_with_prefix(
        &[Span::raw("一二三四五六七八")],
        10,
        &[Span::raw("• ")],
        &[Span::raw("  ")],
        NARROW,
    );
    let lines: Vec<String> = lines.iter().map(plain).collect();
    assert_eq!(lines, ["• 一二三四", "  五六七八"]);
}

#[test]
fn tiny_widths_are_treated_as_two() {
    assert_eq!(MIN_WRAP_WIDTH, 2);
    for width in [0, 1] {
        assert_eq!(wrap_plain("中a文", width), ["中", "a", "文"]);
        assert_eq!(wrap_plain("abc", width), ["ab", "c"]);
    }
}

#[test]
fn ambiguous_wide_wraps_narrower() {
    let text = "①②③④";
    assert_eq!(wrap(&[Span::raw(text)], 4, NARROW).len(), 1);
    let wide: Vec<String> = wrap(&[Span::raw(text)], 4, WIDE)
        .iter()
        .map(plain)
        .collect();
    assert_eq!(wide, ["①②", "③④"]);
}

// --- Markdown ---

#[test]
fn cjk_table_columns_line_up_by_display_width() {
    let md = "| 模型 | 分数 | 说明 |\n|---|---:|:-:|\n| 通义千问 | 88.5 | 中文能力强 |\n| GPT-5 | 91 | 通用 |\n| Ｌｌａｍａ | 7 | 开源，可自行部署的模型 |\n";
    for (width, opts) in [(80, NARROW), (30, NARROW), (40, WIDE), (80, WIDE)] {
        let lines = render_markdown(md, width, opts).lines;
        let bar = if opts.ambiguous_wide { 2 } else { 1 };
        // Display columns of every border character, per row.
        let columns: Vec<Vec<usize>> = lines
            .iter()
            .map(|line| {
                let text = plain(line);
                let mut col = 0;
                let mut found = Vec::new();
                for g in unicode_segmentation::UnicodeSegmentation::graphemes(text.as_str(), true) {
                    if "│┌┐└┘├┤┬┴┼".contains(g) {
                        found.push(col);
                    }
                    col += grapheme_width(g, opts);
                }
                found
            })
            .collect();
        assert!(columns.len() >= 7, "{lines:?}");
        assert!(
            columns.iter().all(|c| c.len() == 4 && c == &columns[0]),
            "width {width}: {columns:?}"
        );
        assert!(columns[0][3] + bar <= width);
        assert!(
            lines
                .iter()
                .all(|l| line_width(l, opts) == columns[0][3] + bar)
        );
    }
}

/// A header is never cut inside a word (a CJK run is one): its words go on lines of their
/// own, and where even that does not fit, each row is listed as `header：value` lines.
#[test]
fn table_headers_keep_their_words_whole() {
    let md = "| 厂商 | 代表模型 | 百万 Token 输入价 | 最长上下文 |\n|---|---|---|---|\n| 示例云 | 通用旗舰版 | ¥7.2 | 100 万 |\n";
    let boxed = render_plain(md, 43);
    assert_eq!(
        boxed,
        [
            "┌────────┬──────────┬────────┬────────────┐",
            "│ 厂商   │ 代表模型 │ 百万   │ 最长上下文 │",
            "│        │          │ Token  │            │",
            "│        │          │ 输入价 │            │",
            "├────────┼──────────┼────────┼────────────┤",
            "│ 示例云 │ 通用旗舰 │ ¥7.2   │ 100 万     │",
            "│        │ 版       │        │            │",
            "└────────┴──────────┴────────┴────────────┘",
        ],
        "{boxed:#?}"
    );
    let stacked = render_plain(md, 42);
    assert_eq!(
        stacked,
        [
            "厂商：示例云",
            "代表模型：通用旗舰版",
            "百万 Token 输入价：¥7.2",
            "最长上下文：100 万",
        ]
    );
}

/// Nor is a cell's Latin word or number cut (`ExampleCloud`, `1,000,000`) to fit the grid:
/// such tables go to `header: value` lines sooner.
#[test]
fn table_cells_keep_their_latin_words_whole() {
    let md =
        "| Vendor | Model | Context |\n|---|---|---|\n| ExampleCloud | Flagship | 1,000,000 |\n";
    let boxed = render_plain(md, 40);
    assert!(
        boxed.iter().any(|l| l.contains("ExampleCloud")),
        "{boxed:#?}"
    );
    assert!(boxed.iter().any(|l| l.contains("1,000,000")), "{boxed:#?}");
    let narrow = render_plain(md, 30);
    assert_eq!(
        narrow,
        [
            "Vendor: ExampleCloud",
            "Model: Flagship",
            "Context: 1,000,000"
        ]
    );
}

/// An address with letters of other scripts in its path is printed whole as any other
/// (tester O: `…/статья-про-ии` went to a line of its own); Chinese text after an address,
/// with no space between, is not part of it.
#[test]
fn a_printed_address_keeps_its_letters_of_other_scripts() {
    let printed = TextOptions {
        whole_urls: true,
        ..NARROW
    };
    let md = "[ссылка](https://example.com/abcdefghijklmnop/статья-про-ии) 和 \
              https://example.org/λόγος/abcdefghij 以及https://example.net/a中文说明";
    let lines: Vec<String> = render_markdown(md, 30, printed)
        .lines
        .iter()
        .map(plain)
        .collect();
    for address in [
        "https://example.com/abcdefghijklmnop/статья-про-ии",
        "https://example.org/λόγος/abcdefghij",
    ] {
        assert!(lines.iter().any(|l| l.contains(address)), "{lines:#?}");
    }
    assert!(
        lines.iter().any(|l| l.ends_with("https://example.net/a")),
        "{lines:#?}"
    );
}

/// Printed text keeps a long address whole, past the width; in a table's cell it is broken
/// to fit its column, or the row's later cells and border are pushed out of line (tester J:
/// a row 111 columns wide at 57 in `ribao show`).
#[test]
fn an_address_in_a_table_cell_fits_its_column_in_printed_text() {
    let md = "| Name | Link | 说明 |\n|---|---|---|\n| Supercalifragilistic | \
              https://huggingface.co/organization/very-long-model-repository-name | 中文说明很长很长 |\n";
    let printed = TextOptions {
        whole_urls: true,
        ..NARROW
    };
    let lines: Vec<String> = render_markdown(md, 57, printed)
        .lines
        .iter()
        .map(plain)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(lines[0].starts_with('┌'), "boxed: {lines:#?}");
    for line in &lines {
        assert_eq!(
            str_width(line, printed),
            str_width(&lines[0], printed),
            "{lines:#?}"
        );
        assert!(str_width(line, printed) <= 57, "{lines:#?}");
    }
}

#[test]
fn nested_lists_have_hanging_indents() {
    let md = "- 第一项内容比较长需要换行显示\n  - 第二层的内容也比较长\n    - 第三层\n- 第二项\n\n3. 三\n4. 四的内容比较长需要换行\n";
    assert_eq!(
        render_plain(md, 20),
        [
            "• 第一项内容比较长需",
            "  要换行显示",
            "  ◦ 第二层的内容也比",
            "    较长",
            "    ▪ 第三层",
            "• 第二项",
            "",
            "3. 三",
            "4. 四的内容比较长需",
            "   要换行",
        ]
    );
}

/// A numbered list's numbers are aligned on the right, so the text after ` 9.` and `10.`
/// starts in one column, its wrapped lines too; a list written `1)` shows `1)`.
#[test]
fn a_numbered_lists_text_lines_up_and_its_numbers_keep_their_sign() {
    let md: String = (1..=10).map(|n| format!("{n}. 第{n}项\n")).collect();
    let lines = render_plain(&md, 20);
    assert_eq!(lines.len(), 10, "{lines:?}");
    assert_eq!(
        [&lines[0], &lines[8], &lines[9]],
        [" 1. 第1项", " 9. 第9项", "10. 第10项"]
    );
    assert_eq!(
        render_plain("9. 甲乙丙丁戊己庚辛\n10. 十\n", 12),
        [" 9. 甲乙丙丁", "    戊己庚辛", "10. 十"]
    );
    assert_eq!(
        render_plain("1) 甲\n2) 乙\n   1. 内\n\n- 点\n", 20),
        ["1) 甲", "2) 乙", "   1. 内", "", "• 点"]
    );
}

/// Deep nesting gives way whole containers at a time, outermost first: a list's number is
/// never cut to another number, nor a quote's bar to half of it; a number wider than a
/// very narrow screen leaves for its text is cut, and says so.
#[test]
fn deep_nesting_gives_way_a_whole_container_at_a_time() {
    let md = "123456789. 第一项文字\n123456790. second\n";
    assert_eq!(
        render_plain(md, 20),
        ["123456789. 第一项文", "           字", "123456790. second"]
    );
    assert_eq!(render_plain("> > > > 1. 一项\n", 20), ["│ │ │ 1. 一项"]);
    assert_eq!(
        render_plain("> > > > 123456. 引用深处的编号项\n", 30),
        ["│ │ │ 123456. 引用深处的编号项"]
    );
    let cut = render_plain(md, 12);
    assert!(cut[0].starts_with("…789. 第"), "{cut:?}");
    assert!(cut.iter().all(|l| str_width(l, NARROW) <= 12), "{cut:?}");
}

#[test]
fn loose_lists_keep_blank_lines_between_items() {
    assert_eq!(render_plain("- 甲\n\n- 乙\n", 20), ["• 甲", "", "• 乙"]);
}

#[test]
fn block_quotes_have_a_bar() {
    assert_eq!(
        render_plain("> 引用的内容很长很长很长\n>\n> > 嵌套", 14),
        ["│ 引用的内容很", "│ 长很长很长", "│", "│ │ 嵌套"]
    );
}

fn bold_texts(md: &str) -> Vec<String> {
    let lines = render_markdown(md, 80, NARROW).lines;
    lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
        .map(|s| s.content.to_string())
        .collect()
}

#[test]
fn zero_width_space_before_strong_renders_bold() {
    let md = "前\u{200b}**加粗**后";
    assert_eq!(render_plain(md, 80), ["前加粗后"]);
    assert_eq!(bold_texts(md), ["加粗"]);
}

#[test]
fn strong_next_to_cjk_punctuation_renders_bold() {
    assert_eq!(bold_texts("**核心洞察：**正文"), ["核心洞察："]);
    assert_eq!(
        bold_texts("受控的**高斯溅射（GS）**和智能"),
        ["高斯溅射（GS）"]
    );
    assert_eq!(bold_texts("的**（GS）高斯**和"), ["（GS）高斯"]);
    assert_eq!(render_plain("**核心洞察：**正文", 80), ["核心洞察：正文"]);
    // Symbols and emoji are punctuation to CommonMark too.
    assert_eq!(
        bold_texts("其**⭐2.9k的Star数证明了认可，为AI**舆情"),
        ["⭐2.9k的Star数证明了认可，为AI"]
    );
    assert_eq!(bold_texts("发布**新功能🚀**后"), ["新功能🚀"]);
    assert_eq!(bold_texts("价格**€20**起"), ["€20"]);
    // Pure ASCII keeps strict CommonMark behaviour.
    assert_eq!(render_plain("**foo.**bar", 80), ["**foo.**bar"]);
    // A single mark is read as CommonMark reads it: one that cannot open opens nothing
    // (tester CW: both were lost, the words between in italics).
    let marked = "该机型评分4.5*，官方称*不含税价格为2999元。";
    assert_eq!(render_plain(marked, 80), [marked]);
    // Nor is a pair after a digit helped to open (tester CY: the words between in bold).
    let marked = "该机型评分4.5**，官方称**不含税";
    assert_eq!(render_plain(marked, 80), [marked]);
}

/// A footnote's text is shown where it is written, after its mark, and referred to as
/// written (tester CW: `[^1]: text` was read as a link's definition, its text never shown).
#[test]
fn footnotes_show_their_text() {
    assert_eq!(
        render_plain("正文有脚注[^1]。\n\n[^1]: 脚注内容，\n    续行。\n", 40),
        ["正文有脚注[^1]。", "", "[^1] 脚注内容，续行。"]
    );
}

#[test]
fn escape_sequences_in_markdown_never_reach_the_output() {
    let md = "标题\x1b]0;title\x07正文\x1b[2J结束 &#27;[2J 与 &#x9b;31m 和 <span>&#27;</span>\n\n```\ncode\x1b[31m\n```\n";
    let rendered = render_markdown(md, 40, NARROW);
    let text = lines_to_plain(&rendered.lines);
    assert!(!text.contains(['\x1b', '\u{9b}', '\x07']), "{text:?}");
    assert!(text.starts_with("标题正文结束  与  和\n"), "{text:?}");
    // The ANSI output has escapes, but only well-formed SGR sequences from styles.
    let ansi = lines_to_ansi(&rendered.lines);
    for seq in ansi.split('\x1b').skip(1) {
        let end = seq.find('m').expect("SGR ends with m");
        assert!(
            seq.starts_with('[') && seq[1..end].bytes().all(|b| b.is_ascii_digit() || b == b';'),
            "{seq:?}"
        );
    }
}

#[test]
fn soft_breaks_join_cjk_and_space_latin() {
    assert_eq!(
        render_plain("中文\n中文\nEnglish\nwords\n中文", 80),
        ["中文中文 English words 中文"]
    );
}

/// Full-width punctuation holds its own space: a line break beside it is no space either
/// (`赢麻了。 Flask` read as a slip).
#[test]
fn soft_breaks_beside_full_width_punctuation_join() {
    assert_eq!(
        render_plain("赢麻了。\nFlask 作者说，\nAI 不会（\nGPT-5\n）来", 80),
        ["赢麻了。Flask 作者说，AI 不会（GPT-5）来"]
    );
    // A Latin full stop keeps its space.
    assert_eq!(render_plain("It ships.\n中文", 80), ["It ships. 中文"]);
}

/// A line all in bold over the text under it is a label or headline: it keeps its own row
/// (Markdown would run it into the text); bold inside a line, or across lines, still joins.
#[test]
fn a_bold_line_over_its_text_keeps_its_row() {
    assert_eq!(
        render_plain("**1. 核心趋势总结**\n今日资讯揭示了。", 80),
        ["1. 核心趋势总结", "今日资讯揭示了。"]
    );
    assert_eq!(render_plain("- **标签**：\n  正文", 80), ["• 标签：正文"]);
    assert_eq!(
        render_plain("这是**粗体**\n续行。**跨\n行**。", 80),
        ["这是粗体续行。跨行。"]
    );
}

/// Lines each opening with a bold label keep their rows, as written (tester BF: the three
/// of a story ran into one paragraph); a bold word starting a line of running text joins.
#[test]
fn labelled_lines_one_under_another_keep_their_rows() {
    assert_eq!(
        render_plain(
            "**这解决什么痛点？** 换个游戏就变智障。\n**这东西是啥？** 英伟达的模型。\n**犀利点评：** 别只看。",
            80
        ),
        [
            "这解决什么痛点？ 换个游戏就变智障。",
            "这东西是啥？ 英伟达的模型。",
            "犀利点评： 别只看。"
        ]
    );
    assert_eq!(
        render_plain("**Why:** it is fast\nand **cheap** too.", 80),
        ["Why: it is fast and cheap too."]
    );
}

#[test]
fn front_matter_is_never_shown() {
    let md = "---\ntitle: 秘密标题\ntags: [a]\n---\n\n正文\n";
    assert_eq!(render_plain(md, 40), ["正文"]);
    assert_eq!(
        render_plain("+++\ntitle = \"x\"\n+++\n正文\n", 40),
        ["正文"]
    );
}

/// Whether row `row` has `text` as a span of its own, underlined as links are.
fn is_underlined(rendered: &ribao::text::Rendered, row: usize, text: &str) -> bool {
    rendered.lines[row]
        .spans
        .iter()
        .find(|s| s.content == text)
        .is_some_and(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
}

/// An escape in a link's address (`&#27;`) is percent-encoded where it is listed and where
/// it leads: removed with the sequence it seemed to start, the address lost its tail
/// (tester N).
#[test]
fn an_escape_in_a_links_address_is_percent_encoded() {
    let md = "[hostile](https://example.com/hostile?q=&#27;[31m) and <a href=\"https://e.example/&#27;x\">a</a>\n";
    let rendered = render_markdown(md, 60, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.com/hostile?q=%1B[31m",
            "https://e.example/%1Bx"
        ]
    );
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert!(
        lines.contains(&"[1] https://example.com/hostile?q=%1B[31m".to_string()),
        "{lines:?}"
    );
}

#[test]
fn links_are_numbered_and_listed() {
    let md = "见[官网](https://a.example/x)和[博客](https://b.example/y)，再看[官网](https://a.example/x)。\n";
    let rendered = render_markdown(md, 40, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/x", "https://b.example/y"]);
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(
        lines,
        [
            "见官网[1]和博客[2]，再看官网[1]。",
            "",
            "链接 / Links",
            "[1] https://a.example/x",
            "[2] https://b.example/y",
        ]
    );
    assert!(is_underlined(&rendered, 0, "官网"));
}

/// The story's own link, shown in its header, is not written out again in the list at the
/// end: its number points up to it (an AI每日热点 story's `原文链接[1]` took four rows more for
/// the address above it; tester S). The popup still lists it by its number.
#[test]
fn the_list_points_up_to_the_stories_own_link() {
    let md =
        "正文。\n\n[原文链接](https://a.example/long/path)，另见[博客](https://b.example/y)。\n";
    let rendered = ribao::text::render_story(md, Some("https://a.example/long/path"), 40, NARROW);
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "[1] 🔗 见上 / the story's link, above",
            "[2] https://b.example/y"
        ]
    );
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/long/path", "https://b.example/y"]);
}

/// A link holding a bidi override or a control character is listed as the story's header
/// shows it and `o` opens it, the character percent-encoded, not dropped: another address
/// (tester CJ: `…/gnp.exe` listed beside `…/%E2%80%AEgnp.exe`).
#[test]
fn a_link_with_an_invisible_character_is_the_address_shown_above() {
    let own = "https://e.example/\u{202e}gnp.exe";
    let md = format!("正文[链接]({own})，另见[别处](https://e.example/\u{1b}[31mx)。\n");
    let rendered = ribao::text::render_story(&md, Some(own), 60, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://e.example/%E2%80%AEgnp.exe",
            "https://e.example/%1B[31mx"
        ]
    );
    assert_eq!(urls[0], ribao::text::address(own));
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert!(
        lines.contains(&"[1] 🔗 见上 / the story's link, above".to_string()),
        "{lines:#?}"
    );
    // Written out, the address ends where the override stands, as the story's own link
    // (found so in its text) does: not run on past it (tester CK: `…/ffdp.exe` beside
    // `…/f`).
    let md = "正文 https://e.example/f\u{202e}fdp.exe 和 https://e.example/g\u{1b}[31mred 完。\n";
    let rendered = ribao::text::render_story(md, Some("https://e.example/f"), 80, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://e.example/f", "https://e.example/g"]);
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert!(
        lines[0].starts_with("正文 https://e.example/f [1] fdp.exe"),
        "{lines:#?}"
    );
    // So where the address ends in punctuation its end was cut before (a review).
    let md = "见 https://e.example/report.\u{202e}fdp.exe 完。\n";
    let rendered = ribao::text::render_story(md, None, 80, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://e.example/report"]);
    // A reference definition and an autolink are left as Markdown reads them (a blank
    // broke them: a review).
    let md = "见[一][1]与<https://e.example/a\u{200b}b>。\n\n[1]: https://e.example/x\u{200b}y\n";
    let rendered = ribao::text::render_story(md, None, 80, NARROW);
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(
        lines[0], "见一[1]与https://e.example/ab [2]。",
        "{lines:#?}"
    );
}

/// A story's link in its heading with a control character in it (`\x1b[2J`) is the story's
/// link, encoded as the reader shows and opens it: Markdown reads no link there, and the
/// next link in the text had been taken for the story's (tester CO).
#[test]
fn a_headings_link_with_a_control_character_is_the_storys_link() {
    let md = "# 日报 2026-05-06\n\n## 1. [故事一](https://e.example/b\u{1b}[2Jclear)\n\
              正文，另见[文内](https://inner.example/x)。\n\n\
              ## 2. [故事二](https://e.example/c\u{1b}clear)\n正文二。\n";
    let digest = ribao::parse::parse(md.as_bytes(), std::path::Path::new("2026-05-06.md")).unwrap();
    let urls: Vec<Option<&str>> = digest.items.iter().map(|i| i.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("https://e.example/b%1B[2Jclear"),
            Some("https://e.example/c%1Bclear")
        ]
    );
    let first = &digest.items[0];
    let rendered = ribao::text::render_story(&first.body, first.url.as_deref(), 60, NARROW);
    let listed: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(listed, ["https://inner.example/x"]);
}

/// An address written out in the text is a link as `[text](url)` is: numbered, listed, and
/// the same number where it is linked too; in a link's own text it is that link. Its number
/// stands a space apart, so a terminal picking addresses off the screen takes no `[1]`
/// along, and never starts a line.
#[test]
fn addresses_written_out_are_links_too() {
    let md = "来源：https://d.example/4，另见[官网](https://a.example/x)与 https://a.example/x 。\n\n\
              [https://e.example/5](https://e.example/5)\n\n`https://code.example/no`\n";
    let rendered = render_markdown(md, 60, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://d.example/4",
            "https://a.example/x",
            "https://e.example/5"
        ]
    );
    let lines: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(
        lines[..5],
        [
            "来源：https://d.example/4 [1]，另见官网[2]与",
            "https://a.example/x [2] 。",
            "",
            "https://e.example/5 [3]",
            "",
        ]
    );
    assert!(is_underlined(&rendered, 0, "https://d.example/4"));
}

/// Links one after another between commas (`[甲](…)，[乙](…)，…`) wrap between them, each
/// number kept whole with its text: no break before a one-character link once blocked the
/// whole list, and the line's forced break then split `[10]`.
#[test]
fn a_list_of_links_breaks_between_them_and_never_inside_a_number() {
    let names = "甲乙丙丁戊己庚辛壬癸子丑寅卯";
    let md: Vec<String> = names
        .chars()
        .enumerate()
        .map(|(n, c)| format!("[{c}](https://x.example/{n})"))
        .collect();
    let md = format!("相关链接：{}。\n", md.join("，"));
    for width in [30, 41] {
        let lines = render_plain(&md, width);
        let text: Vec<&String> = lines.iter().take_while(|l| !l.is_empty()).collect();
        assert!(text.len() >= 2, "{width}: {lines:?}");
        for (n, line) in text.iter().enumerate() {
            let opened = line.matches('[').count();
            assert_eq!(opened, line.matches(']').count(), "{width}: {line:?}");
            assert!(!line.starts_with('['), "{width}: {line:?}");
            // Each line but the last is full to within one link (`，甲[10]` is 9 columns).
            if n + 1 < text.len() {
                let w = ribao::text::str_width(line, NARROW);
                assert!(w + 9 > width, "{width}: a short line {line:?} ({w})");
            }
        }
    }
}

/// A link with no target (`[乙]()`) leads nowhere, and one that is no web address
/// (`javascript:`, `file:`, `data:`) never opens: its text shows as text, not looking like
/// a link, with no number and nothing listed.
#[test]
fn a_link_with_no_web_target_is_its_text_alone() {
    let md = "见[乙]()和[丙](https://c.example/)、[丁](javascript:alert(1))、[戊](file:///etc/passwd)、[己](data:text/html,x)、[庚](HTTPS://g.example/)。\n";
    let rendered = render_markdown(md, 80, NARROW);
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://c.example/", "HTTPS://g.example/"]);
    assert_eq!(
        plain(&rendered.lines[0]),
        "见乙和丙[1]、丁、戊、己、庚[2]。"
    );
    for (text, link) in [("乙", false), ("丙", true), ("丁", false), ("戊", false)] {
        assert_eq!(is_underlined(&rendered, 0, text), link, "{text}");
    }
    assert!(is_underlined(&rendered, 0, "己") || is_underlined(&rendered, 0, "庚"));
    assert!(!is_underlined(&rendered, 0, "己"));
}

/// A story written in English shows its pictures and videos in English (tester H: `[图片]`
/// in every English digest), a name in Chinese in it notwithstanding; a Chinese story keeps
/// Chinese however many English names and addresses it holds.
#[test]
fn pictures_and_videos_are_named_in_the_storys_language() {
    let english = "Researchers at the lab, led by 张三, released a model that reads charts.\n\n![diagram](https://i.example/a.png) ![image](https://i.example/b.png)\n\n<video src=\"https://v.example/c.mp4\"></video>\n";
    assert_eq!(
        render_plain(english, 80)[2..5],
        ["[Image: diagram][1] [Image][2]", "", "[Video][3]"]
    );
    let chinese = "Anthropic 发布 Claude Opus 4.5，在 SWE-bench Verified 上领先。\n\n![架构图](https://images.example.com/very/long/path/to/the/picture/of/the/architecture.png)\n";
    assert_eq!(render_plain(chinese, 80)[2], "[图片: 架构图][1]");
    let addresses_only =
        "见图\n\n![](https://images.example.com/a/very/long/address/of/one/picture/alone.png)\n";
    assert_eq!(render_plain(addresses_only, 80)[2], "[图片][1]");
}

#[test]
fn a_link_target_is_a_pictures_only_when_nothing_else_links_it() {
    let md = "![图](https://a.example/p.png) [原图](https://a.example/p.png) ![图二](https://a.example/q.png)\n";
    let links = render_markdown(md, 40, NARROW).links;
    let pictures: Vec<(&str, bool)> = links.iter().map(|l| (l.url.as_str(), l.image)).collect();
    assert_eq!(
        pictures,
        [
            ("https://a.example/p.png", false),
            ("https://a.example/q.png", true)
        ]
    );
}

#[test]
fn images_and_html_are_reduced_to_text() {
    let md = "![架构图](https://x/a.png)\n\n<div align=\"center\">\n<!-- 注释 -->\n<p>甲 &amp; 乙&#x26;丙</p>\n<script>alert(1)</script><style>p{}</style>\n<details><summary>展开</summary>内容</details>\n</div>\n\n一<br>二<br/>三 <b>粗</b>\n";
    // The image's address is listed with the links.
    assert_eq!(
        render_plain(md, 40),
        [
            "[图片: 架构图][1]",
            "",
            "甲 & 乙&丙",
            "展开",
            "内容",
            "",
            "一",
            "二",
            "三 粗",
            "",
            "链接 / Links",
            "[1] https://x/a.png"
        ]
    );
}

/// A short label (`[视频]`, a link's number) is never broken nor left to start a line, where
/// a number would read as an entry of the links list; a number takes two characters of its
/// text along.
#[test]
fn link_numbers_and_short_labels_stay_whole_and_with_their_text() {
    for width in 10..40 {
        let rows = wrap_plain(
            "再来一张图片和一个单引号链接[6]。 [图片][7] [视频][8] 重复的链接[12]",
            width,
        );
        for row in &rows {
            assert!(
                !row.starts_with("[6]") && !row.starts_with("[12]"),
                "{width}: {rows:?}"
            );
            // Nor with one character of its text.
            assert!(
                !row.starts_with("接[6]") && !row.starts_with("接[12]"),
                "{width}: {rows:?}"
            );
            for part in ["[视", "[图", "[1"] {
                if let Some(at) = row.find(part) {
                    assert!(row[at..].contains(']'), "{width}: {rows:?}");
                }
            }
        }
    }
    // A longer one, with a space, goes whole to the next row when it fits there.
    for width in 24..40 {
        let rows = wrap_plain(
            "这是一段比较长的正文，结尾有一张图片。 [图片: AI资讯图片][13]",
            width,
        );
        assert!(
            rows.iter().any(|r| r.contains("[图片: AI资讯图片][13]")),
            "{width}: {rows:?}"
        );
    }
}

/// Pictures, videos and links written in HTML are numbered and listed as Markdown's are: a
/// digest's `<video src>` can be opened or copied from the article. Only web addresses count,
/// and an object replacement character in the text moves no number.
#[test]
fn html_pictures_videos_and_links_are_numbered_and_listed() {
    let md = "1. 一段介绍。<br/><video src=\"https://v.example/a.mp4\" controls=\"controls\"></video><br/>\n\
              2. 见<a href=\"https://a.example/\">原文</a>和<a href=\"javascript:alert(1)\">坏链接</a>。\n\n\
              <div>\n<img src=\"https://i.example/p.png\" alt=\"架构图\">\n<video><source src=\"https://v.example/b.mp4\"></video>\n<p>甲&#xFFFC;乙\u{FFFC}丙</p>\n</div>\n\n\
              [末](https://z.example/)\n";
    let rendered = render_markdown(md, 60, NARROW);
    let text: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(
        text[..6],
        [
            "1. 一段介绍。",
            "   [视频][1]",
            "2. 见原文[2]和坏链接。",
            "",
            "[图片: 架构图][3] [视频][4]",
            "甲乙丙",
        ],
        "{text:#?}"
    );
    let links: Vec<(&str, bool)> = rendered
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.image))
        .collect();
    assert_eq!(
        links,
        [
            ("https://v.example/a.mp4", true),
            ("https://a.example/", false),
            ("https://i.example/p.png", true),
            ("https://v.example/b.mp4", true),
            ("https://z.example/", false),
        ]
    );
    // An HTML link's text is its label in the links view, as a Markdown link's is.
    let labels: Vec<&str> = rendered.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["[视频]", "原文", "[图片: 架构图]", "[视频]", "末"]);
    // Markup inside a picture's text marks no link of its own in its label.
    let md = "<img src=\"https://i.example/p.png\" alt=\"<a href=https://x.example/>图</a>\">\n";
    let rendered = render_markdown(md, 60, NARROW);
    assert_eq!(plain(&rendered.lines[0]), "[图片: 图][1]");
    assert_eq!(rendered.links[0].label, "[图片: 图]");
}

/// What real digests write around their links: a picture linking to itself, an HTML link
/// whose text is its address, a summary cut off inside `<a …>`, an unquoted `src`, a space
/// after `<br/>`. Each address is numbered once, where it is, and none is lost.
#[test]
fn each_address_is_numbered_once_and_none_is_lost() {
    let cases: [(&str, &str, &[&str]); 7] = [
        (
            "[![图片](https://p.example/a.png)](https://p.example/a.png)",
            "[图片][1]",
            &["https://p.example/a.png"],
        ),
        (
            "![Image](https://p.example/b.png) ![架构](https://p.example/c.png)",
            "[图片][1] [图片: 架构][2]",
            &["https://p.example/b.png", "https://p.example/c.png"],
        ),
        (
            "正文 <a href=\"https://l.example/\">https://l.example/</a> 结束。",
            "正文 https://l.example/ [1] 结束。",
            &["https://l.example/"],
        ),
        (
            "论文：<a href=\"https:&#x2F;&#x2F;n.example&#x2F;articles&#x2F;x\" target=\"_blank\">https:&#x2F;&#x2F;n.example&#x2F;",
            "论文：https://n.example/ [1][2]",
            &["https://n.example/", "https://n.example/articles/x"],
        ),
        (
            "<img src=https://e.example/p.gif> <img src=https://e.example/q.png/>",
            "[图片][1] [图片][2]",
            &["https://e.example/p.gif", "https://e.example/q.png"],
        ),
        (
            "摘要：<a href=\"https://l.example/\">原文</a> 见 a<b 与 x < y=1。<p><a href=\"https:&#x2F;&#x2F;static.exa",
            "摘要：原文[1] 见 a<b 与 x < y=1。",
            &["https://l.example/"],
        ),
        (
            "一段。<br/> <video src=\"https://v.example/c.mp4\"></video>",
            "一段。\n[视频][1]",
            &["https://v.example/c.mp4"],
        ),
    ];
    for (md, shown, listed) in cases {
        let rendered = render_markdown(&format!("{md}\n"), 60, NARROW);
        let text: Vec<String> = rendered.lines.iter().map(plain).collect();
        let lines = shown.lines().count();
        assert_eq!(text[..lines].join("\n"), shown, "{md}");
        let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, listed, "{md}");
    }
}

/// Code is shown as written: `<a href=` in a code block is no tag cut off (the block showed
/// `html = '` and lost the rest).
#[test]
fn code_with_an_unclosed_tag_in_it_is_shown_whole() {
    let md = "```\nhtml = '<a href=' + url\nprint(html)\n```\n";
    let rendered = render_markdown(md, 60, NARROW);
    let text: Vec<String> = rendered.lines.iter().map(plain).collect();
    let all = text.join("\n");
    assert!(all.contains("html = '<a href=' + url"), "{all}");
    assert!(all.contains("print(html)"), "{all}");
}

/// A code line too long for the width is broken after a space where it can be, else hard,
/// and goes on under its own indent and two more columns, marked `↪` there (tester AE: the
/// rest read as a line of its own), so the code keeps its shape; a `#` is not left alone on
/// its line.
#[test]
fn code_blocks_keep_lines_and_break_long_ones_at_a_space_else_hard() {
    let md = "```\nfn main() {\n    let x = 1;\n    # 这是一条很长的注释\n}\na super efficient one\n0123456789abcdef\n```\n";
    assert_eq!(
        render_plain(md, 14),
        [
            "  fn main() {",
            "      let x =",
            "      ↪ 1;",
            "      # 这是一",
            "      ↪ 条很长",
            "      ↪ 的注释",
            "  }",
            "  a super",
            "  ↪ efficient",
            "  ↪ one",
            "  0123456789ab",
            "  ↪ cdef"
        ]
    );
}

/// Prose kept in a code block (the summaries of some digests) breaks as prose does: between
/// CJK characters, never inside a number or a Latin word, never before a `，`; so its rows
/// are full, not cut at the last space or in the middle of `1000`; and they go on as a
/// paragraph's do, not marked `↪` as code's (testers P, W: mid-phrase).
#[test]
fn prose_in_a_code_block_breaks_where_prose_does() {
    let prose = "谷歌发布Gemini 3 Flash，性能超越2.5 Pro、速度提升3倍。ConvertX文件转换器支持1000+格式、Chatterbox开源TTS系统获15785星标。";
    let md = format!("```\n今日摘要\n{prose}\n```\n");
    for width in 16..60 {
        let rows = render_plain(&md, width);
        // Each row's piece, found in the prose in turn: what is on both sides of its end.
        let mut at = 0;
        for row in &rows[1..] {
            let piece = row.trim_start().trim_start_matches("↪ ");
            at += prose[at..].find(piece).expect("rows follow the prose") + piece.len();
            let before = prose[..at].chars().next_back();
            let after = prose[at..].trim_start().chars().next();
            let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let inside = alnum(before) && alnum(after) && !prose[at..].starts_with(' ');
            assert!(!inside, "{width}: {rows:#?}");
            assert!(
                !matches!(after, Some('，' | '、' | '。')),
                "{width}: {rows:#?}"
            );
        }
    }
    assert_eq!(
        render_plain(&md, 24)[1..4],
        [
            "  谷歌发布Gemini 3",
            "  Flash，性能超越2.5",
            "  Pro、速度提升3倍。",
        ]
    );
    // English sentences a line, as another digest boxes its summary.
    let english = "```\nAlipay launches an AI bidding manager to assist small businesses.\nResearch has given birth to ultra-small AI models.\n```\n";
    let rows = render_plain(english, 30);
    assert!(rows.iter().all(|r| !r.contains('↪')), "{rows:#?}");
    assert_eq!(
        rows[..2],
        ["  Alipay launches an AI", "  bidding manager to assist"]
    );
    // Code, or a block naming its language, keeps its shape and its marks.
    for code in [
        "```\nlet total = items.iter().map(|i| i.len()).sum::<usize>();\n```\n",
        "```text\n谷歌发布Gemini 3 Flash，性能超越2.5 Pro、速度提升3倍。\n```\n",
    ] {
        let rows = render_plain(code, 30);
        assert!(rows.iter().any(|r| r.contains('↪')), "{rows:#?}");
    }
}

#[test]
fn rules_span_the_width() {
    assert_eq!(
        render_plain("上\n\n---\n\n下", 10),
        ["上", "", "─".repeat(10).as_str(), "", "下"]
    );
    let wide = render_markdown("---", 10, WIDE);
    assert_eq!(plain(&wide.lines[0]), "─".repeat(5));
}

#[test]
fn headings_are_styled_distinctly() {
    let rendered = render_markdown("# 一级\n\n## 二级\n\n### 三级", 40, NARROW);
    // Told by their style, without the `#` marks (read as Markdown left unrendered).
    let rows: Vec<String> = rendered.lines.iter().map(plain).collect();
    assert_eq!(rows, ["一级", "", "二级", "", "三级"]);
    let styles: Vec<Style> = rendered
        .lines
        .iter()
        .filter(|l| !l.spans.is_empty())
        .map(|l| l.spans[0].style)
        .collect();
    assert_eq!(styles.len(), 3);
    // Without colours the two top levels are still more than bold (tester AA).
    for top in &styles[..2] {
        assert!(top.add_modifier.contains(Modifier::UNDERLINED), "{top:?}");
    }
    assert_ne!(styles[0], styles[1]);
    assert_ne!(styles[1], styles[2]);
    assert!(
        styles
            .iter()
            .all(|s| s.add_modifier.contains(Modifier::BOLD))
    );
}

#[test]
fn ansi_output_reflects_styles() {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let lines = [
        Line::from(vec![
            Span::raw("a"),
            Span::styled("b", bold),
            Span::raw("c"),
        ]),
        Line::from("d"),
    ];
    assert_eq!(lines_to_ansi(&lines), "a\x1b[0;1mb\x1b[0mc\nd\n");
    assert_eq!(lines_to_plain(&lines), "abc\nd\n");
}

// --- cache ---

#[test]
fn render_cache_reuses_and_bounds() {
    let mut cache = RenderCache::new(2);
    let first = cache.get_or_render("a", "甲", None, 40, NARROW).clone();
    assert_eq!(first, render_markdown("甲", 40, NARROW));
    cache.get_or_render("a", "甲", None, 40, NARROW);
    assert_eq!(cache.len(), 1, "same key is served from the cache");
    cache.get_or_render("a", "甲", None, 20, NARROW);
    cache.get_or_render("b", "乙", None, 40, NARROW);
    assert_eq!(cache.len(), 2, "bounded by capacity");
    let changed = cache.get_or_render("b", "丙", None, 40, NARROW);
    assert_eq!(
        plain(&changed.lines[0]),
        "丙",
        "changed text under the same id re-renders"
    );
}

/// A story of tens of thousands of rows is held once, at the width last asked for, not at
/// every width a resize passed through, nor beside the next stories (tester DO: a wide table
/// held gigabytes); stories of a usual size stay beside one another.
#[test]
fn render_cache_holds_a_huge_story_once() {
    let huge: String = (0..26_000).map(|i| format!("- row {i}\n\n")).collect();
    let mut cache = RenderCache::default();
    for width in [100, 90, 80] {
        cache.get_or_render("huge", &huge, None, width, NARROW);
    }
    assert_eq!(cache.len(), 1);
    cache.get_or_render("a", "甲", None, 80, NARROW);
    cache.get_or_render("b", "乙", None, 80, NARROW);
    assert_eq!(cache.len(), 2, "the huge one let go for the next");
    cache.get_or_render("c", "丙", None, 80, NARROW);
    assert_eq!(cache.len(), 3);
}

/// Lists in lists and quotes in quotes deeper than the width allows: the nesting keeps at
/// most half the width, its innermost containers, so no line is wider than the width, each
/// level's text is all there, and a wrapped item's lines stay in line with its first.
#[test]
fn deep_nesting_keeps_to_the_width() {
    let list: String = (0..14)
        .map(|d| {
            format!(
                "{}- 第{d}层的列表项，内容是一段中文文字。\n",
                "  ".repeat(d)
            )
        })
        .collect();
    let quote = format!("{} deep text here that wraps around\n", ">".repeat(40));
    for (md, width) in [(&list, 20), (&list, 40), (&quote, 20), (&quote, 80)] {
        let lines = render_plain(md, width);
        for line in &lines {
            assert!(
                str_width(line, TextOptions::default()) <= width,
                "{width}: {line:?}"
            );
        }
        let text: Vec<&str> = lines
            .iter()
            .map(|l| l.trim_start_matches([' ', '│']))
            .collect();
        let text = text.join(" ");
        assert!(
            text.contains("deep text here that wraps around") || text.contains("第13层"),
            "{lines:#?}"
        );
    }
    // The deepest item at width 20: its marker and its wrapped text start where the
    // shallower ones do once the nesting is cut, ten columns in.
    let lines = render_plain(&list, 20);
    let deepest = lines.iter().position(|l| l.contains("第13层")).unwrap();
    assert!(
        lines[deepest].starts_with(&format!("{}◦ 第13层", " ".repeat(8))),
        "{lines:#?}"
    );
    assert!(
        lines[deepest + 1].starts_with(&format!("{}表项", " ".repeat(10))),
        "{lines:#?}"
    );
}
