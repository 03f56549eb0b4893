//! Bytes → text: BOMs, UTF-16, GB18030, line endings. Real archives carry all of them.

use std::borrow::Cow;

/// Why a file's bytes cannot be read as a digest at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (NUL byte at offset {0}), not a text digest")]
    Binary(usize),
    #[error(
        "the file looks binary: {0}% of its characters are bytes neither UTF-8 nor GB18030 \
         reads, or control characters"
    )]
    NotText(usize),
}

/// The share of a file (in percent of its characters) that may be unreadable bytes or
/// control characters before it is taken for binary: a text file cut mid-character, or
/// with a few stray bytes, is still read.
const MAX_UNREADABLE_PERCENT: usize = 10;

/// Decoded text with LF line endings, plus a note when a fallback decoding was needed.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warning: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    // A UTF-16 BOM explains its NUL bytes; anything else with NULs is binary.
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: Cow::Owned(normalize_newlines(&text).into_owned()),
            warning: Some(format!("decoded as {}", enc.name())),
        });
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary(at));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Validation reads every byte of the archive: the SIMD validator is several times faster
    // than `std::str::from_utf8` on CJK text, and says only *whether* the bytes are UTF-8,
    // which is all that is needed here.
    let (text, warning) = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => decode_legacy(bytes)?,
    };
    Ok(Decoded {
        text: match text {
            Cow::Borrowed(s) => normalize_newlines(s),
            Cow::Owned(s) => Cow::Owned(normalize_newlines(&s).into_owned()),
        },
        warning,
    })
}

/// Chinese files that are not UTF-8 are almost always GBK/GB18030; if that fails too, keep
/// what is readable rather than dropping the file, unless too little of it is.
fn decode_legacy(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<String>), DecodeError> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok((
            Cow::Owned(text.into_owned()),
            Some("not UTF-8; decoded as GB18030".into()),
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (mut chars, mut unreadable) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        unreadable += usize::from(c == '\u{FFFD}' || c.is_control() && !c.is_whitespace());
    }
    let percent = unreadable * 100 / chars.max(1);
    if percent > MAX_UNREADABLE_PERCENT {
        return Err(DecodeError::NotText(percent));
    }
    Ok((
        Cow::Owned(text),
        Some("not valid UTF-8 or GB18030; unreadable bytes replaced with �".into()),
    ))
}

/// CRLF and lone CR become LF, so every parser sees one kind of line ending.
fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_bom_and_gb18030_decode() {
        let d = decode(b"\xEF\xBB\xBF# a\r\nb\rc").unwrap();
        assert_eq!(d.text, "# a\nb\nc");
        let (gbk, _, _) = encoding_rs::GB18030.encode("# 人工智能日报\n");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, "# 人工智能日报\n");
        assert!(d.warning.unwrap().contains("GB18030"));
    }

    #[test]
    fn utf16_with_bom_is_text_not_binary() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "日报".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "日报");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b" \n\t").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b"ab\0cd").err(), Some(DecodeError::Binary(2)));
    }

    #[test]
    fn bytes_mostly_unreadable_are_binary_but_text_with_a_few_is_read() {
        // Bytes no encoding reads, without a NUL among them.
        let noise: Vec<u8> = (0..400u32)
            .map(|i| [0xFF, 0x01, 0x80, 0xC3, 0x1B, b'a'][(i * 7 % 6) as usize])
            .collect();
        assert!(matches!(decode(&noise).err(), Some(DecodeError::NotText(p)) if p > 50));
        let mut cut = "# 日报 2026-01-20\n\n1. 某公司发布新模型，成本下降。\n"
            .as_bytes()
            .to_vec();
        cut.extend_from_slice(&[0xE6, 0x96]);
        let d = decode(&cut).unwrap();
        assert!(
            d.text.starts_with("# 日报") && d.text.ends_with('�'),
            "{}",
            d.text
        );
    }
}
