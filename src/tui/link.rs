//! Checking a story's link before it leaves the reader: to the browser (as one argument of a
//! process, never through a shell) or to the clipboard (inside an OSC 52 escape).

use crate::text;

/// Longer links are not real story links, and some terminals cap OSC 52 payloads.
const MAX_URL_BYTES: usize = 4096;

/// The link, cleaned, when it is a plain http(s) URL: sanitised (no escapes or controls),
/// trimmed, with a host, and without whitespace, quotes or angle brackets. Anything else
/// (`javascript:`, `file:`, `-flag`, text with spaces) is refused.
pub fn safe_url(raw: &str) -> Option<String> {
    let clean = text::sanitize(raw);
    let url = clean.trim();
    if url.is_empty() || url.len() > MAX_URL_BYTES {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let forbidden = |c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '`' | '<' | '>' | '\\')
    };
    if host.is_empty() || host.starts_with('@') || url.chars().any(forbidden) {
        return None;
    }
    Some(url.to_string())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_only() {
        assert_eq!(
            safe_url(" https://example.com/a?b=1 ").as_deref(),
            Some("https://example.com/a?b=1")
        );
        assert!(safe_url("HTTP://example.com").is_some());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "-oProxyCommand=x",
            "https://",
            "https://exa mple.com",
            "https://example.com/$(rm -rf ~)",
            "https://example.com/\"; rm -rf ~",
            "ftp://example.com",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn escapes_are_removed_before_checking() {
        assert_eq!(
            safe_url("https://example.com/\x1b[31mred").as_deref(),
            Some("https://example.com/red")
        );
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }
}
