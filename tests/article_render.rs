//! Stories from the built-in samples (one per publication format) laid out as `ribao show`
//! and the article view lay them out, at 30, 60 and 100 columns.

use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::model::Format;
use ribao::text::{TextOptions, lines_to_plain, str_width};

fn story(format: Format, nth: usize) -> String {
    let lib = Library::samples("digests".into(), &Categorizer::builtin());
    let digest = lib.digests().iter().find(|d| d.format == format).unwrap();
    let item = &lib.story(digest.items.start + nth).unwrap();
    let mut out = String::new();
    for width in [30, 60, 100] {
        let lines = ribao::article::lines(digest, item, width, TextOptions::default());
        for line in &lines {
            let w = ribao::text::line_width(line, TextOptions::default());
            assert!(w <= width, "a row of {w} columns at width {width}");
        }
        let text = lines_to_plain(&lines);
        for row in text.lines() {
            assert!(
                !row.starts_with(['，', '。', '、', '；', '：', '！', '？', '）', '》', '」']),
                "row starts with closing punctuation: {row}"
            );
            assert!(str_width(row, TextOptions::default()) <= width);
            assert_ne!(row.trim(), "🔗", "the link's mark alone on its row");
        }
        out.push_str(&format!("──── width {width} ────\n{text}"));
    }
    out
}

#[test]
fn industry_brief_story() {
    insta::assert_snapshot!(story(Format::IndustryBrief, 1));
}

#[test]
fn ai_daily_story_with_table() {
    insta::assert_snapshot!(story(Format::FrontMatterDaily, 1));
}

#[test]
fn news_hub_story() {
    insta::assert_snapshot!(story(Format::NewsHub, 0));
}

#[test]
fn bubble_brain_story_with_long_unspaced_sentence() {
    insta::assert_snapshot!(story(Format::BubbleBrain, 4));
}
