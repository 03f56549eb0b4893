//! Snapshots of rendered Markdown fixtures, as plain text so they read like the screen.

use ribao::text::{TextOptions, lines_to_plain, render_markdown};

fn render(name: &str, width: usize) -> String {
    let path = format!(
        "{}/tests/fixtures/text/{name}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let md = std::fs::read_to_string(&path).expect("fixture");
    let rendered = render_markdown(&md, width, TextOptions::default());
    lines_to_plain(&rendered.lines)
}

#[test]
fn digest_zh() {
    for width in [30, 60, 100] {
        insta::assert_snapshot!(format!("digest_zh_{width}"), render("digest_zh", width));
    }
}

#[test]
fn digest_en() {
    for width in [30, 60, 100] {
        insta::assert_snapshot!(format!("digest_en_{width}"), render("digest_en", width));
    }
}

#[test]
fn digest_zh_ambiguous_wide() {
    let path = format!(
        "{}/tests/fixtures/text/digest_zh.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let md = std::fs::read_to_string(&path).expect("fixture");
    let opts = TextOptions {
        ambiguous_wide: true,
        whole_urls: false,
    };
    let rendered = render_markdown(&md, 60, opts);
    insta::assert_snapshot!(
        "digest_zh_60_ambiguous_wide",
        lines_to_plain(&rendered.lines)
    );
}
