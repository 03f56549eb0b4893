//! Property tests: the parser never panics, on any bytes or on Markdown-shaped garbage, and
//! what it finds is always well-formed.

use proptest::prelude::*;
use std::path::Path;

fn check(bytes: &[u8]) {
    if let Ok(d) = ribao::parse::parse(bytes, Path::new("p/2026-01-02.md")) {
        for item in &d.items {
            assert!(!item.title.is_empty());
            assert!(!item.title.chars().any(char::is_control));
            assert_eq!(item.id.len(), 12);
        }
    }
}

/// Lines built from the pieces digests are made of, so the structure paths are exercised.
fn markdown_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "#{1,6} [^\n]{0,20}",
        "[0-9]{1,3}[.、)] {1,2}[^\n]{0,30}",
        "- \\*\\*[^\n*]{0,10}\\*\\*[，—:]? ?[^\n]{0,20}",
        "> \\*\\*(分类|来源)：\\*\\* [^\n]{0,20}",
        "- \\[[^\n\\]]{0,10}\\]\\(https://e\\.x/[a-z]{0,5}\\)",
        "(```|~~~|---|<div>|<!-- x -->|\u{200b}\\*\\*)",
        "(---\ntitle: [^\n]{0,10}\ndate: 20[0-9]{2}-[0-9]{2}-[0-9]{2}\n---)",
        "[\u{4e00}-\u{4e20}A-Za-z0-9，。：；！？ \t\r\u{1b}]{0,40}",
        "(AI News Hub|🇨🇳中国媒体聚焦|💡 Key Insights|💼 Business Focus|  • [A-Z][a-z]{0,5}: [a-z ]{0,10})",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn markdown_shaped_input_never_panics(lines in proptest::collection::vec(markdown_line(), 0..40)) {
        check(lines.join("\n").as_bytes());
    }
}

#[test]
fn huge_inputs_parse_in_linear_time() {
    let long_line = "长".repeat(100_000);
    let d = ribao::parse::parse(long_line.as_bytes(), Path::new("x.md")).unwrap();
    assert_eq!(d.items.len(), 1);
    let mut big = String::new();
    for n in 0..20_000 {
        big.push_str(&format!(
            "{}.  第{n}条新闻，内容 [链接](https://e.x/{n})。\n\n",
            n % 100 + 1
        ));
    }
    assert!(big.len() > 1_000_000);
    let d = ribao::parse::parse(big.as_bytes(), Path::new("y.md")).unwrap();
    assert_eq!(d.items.len(), 20_000);
}
