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
/// inside stays: `wiki/Hilbert's_problems`). Linear in `text`: a scheme found inside the
/// run of another that was no address shares its end, rather than scanning on again
/// (tester AL: 16,000 `](http://a)` in a row took 15 s to show, Ctrl-c unheard).
pub fn bare_urls(text: &str) -> Vec<Range<usize>> {
    // Lowered for finding the scheme: ASCII lowering keeps every byte where it is.
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let (mut from, mut run_end) = (0, 0);
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
        if at >= run_end {
            run_end = at + rest.find(|c: char| !in_address(c)).unwrap_or(rest.len());
        }
        // The host as written, then as left once the sentence's punctuation is off: trimming
        // only shortens it, so a host without a dot is passed over untrimmed.
        if !is_host(&text[at + scheme..run_end]) {
            continue;
        }
        let url = trimmed(&text[at..run_end]);
        if is_host(&url[scheme.min(url.len())..]) {
            found.push(at..at + url.len());
            from = at + url.len();
        }
    }
    found
}

/// Whether the address after its scheme starts with a host of letters with a dot in it:
/// `http://` alone, or `https://.`, is no address.
fn is_host(after_scheme: &str) -> bool {
    let named = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    named.contains('.') && named.chars().any(|c| c.is_ascii_alphanumeric())
}

/// `url` without the punctuation after it that belongs to the sentence: `.`, `,`, `:`, `;`,
/// `!`, `?`, `*`, `_`, `~`, `'`, and closing brackets it has no opening one for.
fn trimmed(url: &str) -> &str {
    // How many more closing brackets than opening ones: counted once, not per one dropped.
    let unopened = |open: char, close: char| {
        url.matches(close).count() as isize - url.matches(open).count() as isize
    };
    let (mut parens, mut brackets) = (unopened('(', ')'), unopened('[', ']'));
    let mut end = url.len();
    while let Some(last) = url[..end].chars().next_back() {
        let drop = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '\'' => true,
            ')' => parens > 0,
            ']' => brackets > 0,
            _ => false,
        };
        if !drop {
            break;
        }
        parens -= isize::from(last == ')');
        brackets -= isize::from(last == ']');
        end -= 1;
    }
    &url[..end]
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

    /// The rules as first written, a scan and a count per address, position by position:
    /// what [`bare_urls`] must still find.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let scheme = (text.is_char_boundary(i)
                && !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric()))
            .then(|| web_scheme_len(&text[i..]))
            .flatten();
            let Some(scheme) = scheme else {
                i += 1;
                continue;
            };
            let mut url = text[i..]
                .split(|c| !in_address(c))
                .next()
                .unwrap_or_default();
            while let Some(last) = url.chars().next_back() {
                let more_closed = |open| url.matches(open).count() < url.matches(last).count();
                let drop = match last {
                    ')' => more_closed('('),
                    ']' => more_closed('['),
                    c => ".,:;!?*_~'".contains(c),
                };
                if !drop {
                    break;
                }
                url = &url[..url.len() - 1];
            }
            let host = url[scheme.min(url.len())..].split(['/', '?', '#']).next();
            if host.is_some_and(|h| h.contains('.') && h.chars().any(|c| c.is_ascii_alphanumeric()))
            {
                found.push(i..i + url.len());
                i += url.len();
            } else {
                i += 1;
            }
        }
        found
    }

    #[test]
    fn brackets_and_schemes_in_a_row_are_read_once() {
        // No address in a long run of schemes without a host (tester AL's story that took
        // 15 s to show); one whose host has a dot runs to the end, less what closes nothing.
        let run = format!("x{}", "](http://a)".repeat(20_000));
        assert_eq!(urls(&run), Vec::<&str>::new());
        let run = format!("see http://a.example{}", ")".repeat(20_000));
        assert_eq!(urls(&run), ["http://a.example"]);
    }

    proptest::proptest! {
        /// Reading each run once finds what the rules as first written found.
        #[test]
        fn found_as_the_first_rules_found(
            text in "(https?://|HTTP://|[a-z]|[.()\\[\\]/:?#'，])*"
        ) {
            proptest::prop_assert_eq!(bare_urls(&text), reference(&text));
        }

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
