//! Web addresses written out in text (`来源：https://example.com/a`), which Markdown leaves as
//! text: found as GitHub finds them, so the article numbers and lists them as links.

use std::ops::Range;

/// The length of the `http://` or `https://` (in any case) `s` starts with; None when it
/// starts with no web address's scheme.
pub fn web_scheme_len(s: &str) -> Option<usize> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        s.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
            .then_some(scheme.len())
    })
}

/// Whether `c` may be part of an address written out: ASCII but for spaces, controls, double
/// quotes, backticks and angle brackets, and letters and digits of scripts other than CJK
/// (`/статья`, `/λόγος`). CJK text and punctuation outside ASCII end it: Chinese text runs
/// right after an address (`https://a.example/x，见…`, `…/x中文`).
pub fn in_address(c: char) -> bool {
    match c.is_ascii() {
        true => c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`'),
        false => c.is_alphanumeric() && !super::chars::is_cjk(c),
    }
}

/// Where each bare `http://` or `https://` address (the scheme in any case) in `text` is.
/// One starts after anything but an ASCII letter or digit (Chinese text may run right up to
/// it: `可访问https://…`) and runs while [`in_address`]; the punctuation that ends a
/// sentence is not part of it, nor a `)` or `]` it does not open, nor a closing `'` (one
/// inside stays: `wiki/Hilbert's_problems`).
pub fn bare_urls(text: &str) -> Vec<Range<usize>> {
    // Lowered for finding the scheme: ASCII lowering keeps every byte where it is.
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("http").map(|i| from + i) {
        from = at + 4;
        let after_word = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let rest = &text[at..];
        let Some(scheme) = web_scheme_len(rest) else {
            continue;
        };
        if after_word {
            continue;
        }
        let len = rest.find(|c: char| !in_address(c)).unwrap_or(rest.len());
        let url = trimmed(&rest[..len]);
        // A host of letters with a dot in it: `http://` alone, or `https://.`, is no address.
        let host = &url[scheme.min(url.len())..];
        let named = host.split(['/', '?', '#']).next().unwrap_or_default();
        if named.contains('.') && named.chars().any(|c| c.is_ascii_alphanumeric()) {
            found.push(at..at + url.len());
            from = at + url.len();
        }
    }
    found
}

/// `url` without the punctuation after it that belongs to the sentence: `.`, `,`, `:`, `;`,
/// `!`, `?`, `*`, `_`, `~`, `'`, and closing brackets it has no opening one for.
fn trimmed(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let unopened = |open: char| url.matches(open).count() < url.matches(last).count();
        let drop = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '\'' => true,
            ')' => unopened('('),
            ']' => unopened('['),
            _ => false,
        };
        if !drop {
            return url;
        }
        url = &url[..url.len() - 1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        bare_urls(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn addresses_in_prose_end_where_the_sentence_goes_on() {
        assert_eq!(
            urls("来源：https://a.example/x?q=1&b=2，见官网。"),
            ["https://a.example/x?q=1&b=2"]
        );
        assert_eq!(
            urls("See https://a.example/page. And (http://b.example/wiki/X_(y)) too!"),
            ["https://a.example/page", "http://b.example/wiki/X_(y)"]
        );
        assert_eq!(
            urls("[图片: https://img.example/p.png] 后文"),
            ["https://img.example/p.png"]
        );
        assert_eq!(urls("<https://c.example/3>"), ["https://c.example/3"]);
        assert_eq!(
            urls("见 HTTPS://Big.example/A。"),
            ["HTTPS://Big.example/A"]
        );
        assert_eq!(
            urls("中文用户可访问https://cursor.com/zh/docs获取资料"),
            ["https://cursor.com/zh/docs"]
        );
        // A quote inside the address is its own; one closing it is the sentence's.
        assert_eq!(
            urls(
                "详见 https://en.wikipedia.org/wiki/Hilbert's_tenth_problem 页面，或 'https://d.example/q'。"
            ),
            [
                "https://en.wikipedia.org/wiki/Hilbert's_tenth_problem",
                "https://d.example/q"
            ]
        );
    }

    #[test]
    fn what_only_looks_like_one_is_none() {
        for text in [
            "http:// alone",
            "https://.",
            "xhttps://a.example/glued",
            "the https protocol",
            "httpsx://a.example",
            "",
        ] {
            assert_eq!(urls(text), Vec::<&str>::new(), "{text}");
        }
    }

    proptest::proptest! {
        /// Whatever surrounds it, an address found starts with its scheme, holds no space or
        /// character outside ASCII, and does not end in a sentence's punctuation.
        #[test]
        fn found_addresses_are_whole_and_clean(
            text in "[a-z ，。.()/:]{0,12}(https?://[a-z]{1,5}\\.[a-z]{2,3}[a-z/()_.?]{0,12})?[ ，。.,)a-z]{0,8}"
        ) {
            for r in bare_urls(&text) {
                let url = &text[r];
                proptest::prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
                proptest::prop_assert!(url.is_ascii() && !url.contains(' '));
                proptest::prop_assert!(!url.ends_with(['.', ',', ':', '?']), "{url}");
            }
        }
    }
}
