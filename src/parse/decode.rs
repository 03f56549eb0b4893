//! Bytes → text: BOMs, UTF-16, GB18030, Big5, Latin-1, line endings. Real archives carry all
//! of them.

use std::borrow::Cow;

/// Why a file's bytes cannot be read as a digest at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file holds no text (it is empty or blank)")]
    Empty,
    #[error("the file looks binary (NUL byte at offset {0}), not a text digest")]
    Binary(usize),
    #[error(
        "the file looks binary: {0}% of its characters are bytes no text encoding ribao knows \
         reads (UTF-8, GB18030, Big5, Latin-1), or control characters"
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
        return utf16(&bytes[bom_len..], enc, format!("decoded as {}", enc.name()));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        if let Some(enc) = utf16_without_bom(bytes)
            && let Ok(read) = utf16(
                bytes,
                enc,
                format!("decoded as {}, which has no byte order mark", enc.name()),
            )
        {
            return Ok(read);
        }
        return without_nuls(bytes, at);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A byte order mark and nothing else is an empty file too.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    // Validation reads every byte of the archive: the SIMD validator is several times faster
    // than `std::str::from_utf8` on CJK text, and says only *whether* the bytes are UTF-8,
    // which is all that is needed here.
    let (text, warning) = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => {
            // Counted once, for both readings that weigh them.
            let counts = utf8_counts(bytes);
            match mostly_utf8(bytes, counts) {
                Some(read) => read,
                None => decode_legacy(bytes, counts)?,
            }
        }
    };
    let controls = match &text {
        Cow::Borrowed(_) => control_bytes(bytes),
        // Read in another encoding: its bytes 0x80–0x9F are its own characters.
        Cow::Owned(text) => text.chars().filter(|&c| is_unshown_control(c)).count(),
    };
    let warning = match controls {
        0 => warning,
        n => {
            let percent = n * 100 / text.chars().count().max(1);
            if percent > MAX_UNREADABLE_PERCENT {
                return Err(DecodeError::NotText(percent));
            }
            let left_out = format!(
                "{} (terminal escapes and the like) left out",
                crate::text::plural(n, "control character", "control characters")
            );
            Some(warning.map_or(left_out.clone(), |w| format!("{left_out}; {w}")))
        }
    };
    Ok(Decoded {
        text: match text {
            Cow::Borrowed(s) => normalize_newlines(s),
            Cow::Owned(s) => Cow::Owned(normalize_newlines(&s).into_owned()),
        },
        warning,
    })
}

/// `bytes` read as UTF-16 in `enc`, told with `note`.
fn utf16(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    note: String,
) -> Result<Decoded<'static>, DecodeError> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    // A BOM before bytes that are no UTF-16 (`FF FE 00`: one odd byte) is no text.
    let percent = unreadable_percent(&text);
    if percent > MAX_UNREADABLE_PERCENT {
        return Err(DecodeError::NotText(percent));
    }
    Ok(Decoded {
        text: Cow::Owned(normalize_newlines(&text).into_owned()),
        warning: Some(note),
    })
}

/// UTF-16 saved without a byte order mark: every ASCII character (Markdown's marks, digits,
/// line ends) has a NUL as its high byte, so NULs fill one side of the byte pairs, and
/// hardly any are on the other (CJK characters such as U+4E00 have a NUL low byte). A
/// file cut short, or binary, has them on both sides.
///
/// Chinese with little ASCII has few NULs, as a text with stray ones does, and in a short
/// one `一` or `开` can put as many on the other side. It is told by its line ends, NUL
/// pairs of their own that outnumber those, and by what is left without the NULs: no UTF-8
/// (a UTF-8 or ASCII text with stray NULs after two line ends is read without them).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let (mut even, mut odd, mut le_lines, mut be_lines) = (0usize, 0usize, 0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
        le_lines += usize::from(pair == b"\n\0");
        be_lines += usize::from(pair == b"\0\n");
    }
    let pairs = bytes.len() / 2;
    let little_ascii = |other_side: usize, lines: usize| {
        lines >= 2 && lines > other_side && {
            let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
            simdutf8::basic::from_utf8(&kept).is_err()
        }
    };
    // NULs on the side of `many`, the high bytes of ASCII characters.
    let is_utf16 = |many: usize, few: usize, lines: usize| {
        few * 10 <= many && many * 5 >= pairs || little_ascii(few, lines)
    };
    if is_utf16(odd, even, le_lines) {
        Some(encoding_rs::UTF_16LE)
    } else if is_utf16(even, odd, be_lines) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A text file with NUL bytes in it (`at` is the first) is read without them: a tail of them
/// (what a crash can leave of a file being written) whatever its length, and a few stray
/// ones. When those in the text are more than a tenth of it, it is binary.
fn without_nuls(bytes: &[u8], at: usize) -> Result<Decoded<'static>, DecodeError> {
    let text_len = bytes
        .iter()
        .rposition(|&b| b != 0)
        .map_or(0, |last| last + 1);
    let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    if text_len == 0 || (text_len - kept.len()) * 100 > text_len * MAX_UNREADABLE_PERCENT {
        return Err(DecodeError::Binary(at));
    }
    let removed = bytes.len() - kept.len();
    let decoded = decode(&kept)?;
    let note = match removed {
        1 => "1 NUL byte removed".to_string(),
        n => format!("{n} NUL bytes removed"),
    };
    Ok(Decoded {
        text: Cow::Owned(decoded.text.into_owned()),
        warning: Some(match decoded.warning {
            Some(w) => format!("{note}; {w}"),
            None => note,
        }),
    })
}

/// UTF-8 with a few places that are not (a file cut mid-character, a stray byte): read as
/// UTF-8, those bytes replaced, when its valid multi-byte characters outnumber them twenty to
/// one. GB18030 reads almost any bytes without error, and would garble every character. GBK
/// text read as UTF-8 fails at most of its characters, so it never passes for this.
/// `(wide, bad)`: [`utf8_counts`] of `bytes`.
fn mostly_utf8(
    bytes: &[u8],
    (wide, bad): (usize, usize),
) -> Option<(Cow<'_, str>, Option<String>)> {
    // Valid up to a character cut at the very end: UTF-8 however few characters it has
    // beyond ASCII (an English file's one `’`).
    if std::str::from_utf8(bytes).is_err_and(|e| e.error_len().is_none()) {
        return Some((
            String::from_utf8_lossy(bytes),
            Some(
                "its last character is cut short; read as UTF-8, the cut bytes replaced with �"
                    .into(),
            ),
        ));
    }
    (bad * 20 <= wide).then(|| {
        let places = match bad {
            1 => "1 place".to_string(),
            n => format!("{n} places"),
        };
        (
            String::from_utf8_lossy(bytes),
            Some(format!(
                "not valid UTF-8 in {places}; read as UTF-8, unreadable bytes replaced with �"
            )),
        )
    })
}

/// How many characters of two bytes or more `bytes` hold as UTF-8, and how many places are
/// not UTF-8.
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut wide, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        // Lead bytes: one per character of two or more bytes.
        wide += chunk.valid().bytes().filter(|b| b & 0xC0 == 0xC0).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    (wide, bad)
}

/// Chinese files that are not UTF-8 are almost always GBK/GB18030, or Big5 for traditional
/// characters; if none reads them whole (a stray or cut byte), keep what the likeliest reads
/// rather than dropping the file, unless too little of it is readable. `(wide, bad)`:
/// [`utf8_counts`] of `bytes`.
fn decode_legacy(
    bytes: &[u8],
    (wide, bad): (usize, usize),
) -> Result<(Cow<'_, str>, Option<String>), DecodeError> {
    if HighRuns::of(bytes).look_western()
        && let Some(read) = latin1(bytes)
    {
        return Ok(read);
    }
    let gb = (encoding_rs::GB18030, "GB18030");
    let big5 = (encoding_rs::BIG5, "Big5");
    let encodings = if looks_big5(bytes) {
        [big5, gb]
    } else {
        [gb, big5]
    };
    for (enc, name) in encodings {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((
                Cow::Owned(text.into_owned()),
                Some(format!("not UTF-8; decoded as {name}")),
            ));
        }
    }
    let (legacy, name) = encodings[0];
    let mut readings = vec![(String::from_utf8_lossy(bytes).into_owned(), "UTF-8")];
    // No encoding reads it whole. More UTF-8 characters than places that are not is UTF-8
    // with stray bytes (a short file fails `mostly_utf8`'s twenty to one), which the other
    // reading would garble whole, however few bytes it could not read; GBK text read as
    // UTF-8 fails at most of its characters.
    if wide <= bad {
        readings.push((
            legacy.decode_without_bom_handling(bytes).0.into_owned(),
            name,
        ));
    }
    let (percent, text, name) = readings
        .into_iter()
        .map(|(text, name)| (unreadable_percent(&text), text, name))
        .min_by_key(|(percent, ..)| *percent)
        .expect("two readings");
    if percent > MAX_UNREADABLE_PERCENT {
        return Err(DecodeError::NotText(percent));
    }
    Ok((
        Cow::Owned(text),
        Some(format!(
            "not valid UTF-8, GB18030 or Big5; read as {name}, unreadable bytes replaced with �"
        )),
    ))
}

/// How many control characters, whitespace aside, `bytes` of UTF-8 hold: C0, DEL and C1
/// (U+0080–U+009F, two bytes each). A file of escape codes read as text (tester DO: half of
/// it BEL; tester DP: of U+0085 and U+009B) is no digest, and a few are left out of what is
/// shown, said.
fn control_bytes(bytes: &[u8]) -> usize {
    let control =
        |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) || b == 0x7f;
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    bytes.iter().filter(|&&b| control(b)).count() + c1
}

/// A control character other than whitespace: what a file's text is weighed by and left
/// out of it (see [`control_bytes`], the same of UTF-8's bytes).
fn is_unshown_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// The share of `text`'s characters (in percent) that are replaced bytes or control
/// characters.
fn unreadable_percent(text: &str) -> usize {
    let (mut chars, mut unreadable) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        unreadable += usize::from(c == '\u{FFFD}' || is_unshown_control(c));
    }
    unreadable * 100 / chars.max(1)
}

/// The bytes read as Latin-1 (windows-1252), unless too little of them is text: Latin-1
/// reads every byte, so a binary file with a few high bytes is still binary.
fn latin1(bytes: &[u8]) -> Option<(Cow<'_, str>, Option<String>)> {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (unreadable_percent(&text) <= MAX_UNREADABLE_PERCENT).then(|| {
        (
            Cow::Owned(text.into_owned()),
            Some("not UTF-8; decoded as Latin-1 (windows-1252)".into()),
        )
    })
}

/// The runs of bytes above ASCII: how many, how many are one byte alone, the longest, and
/// whether every run of two is two Latin-1 letters or windows-1252 marks.
struct HighRuns {
    runs: usize,
    alone: usize,
    longest: usize,
    pairs_are_western: bool,
}

impl HighRuns {
    fn of(bytes: &[u8]) -> HighRuns {
        let mut r = HighRuns {
            runs: 0,
            alone: 0,
            longest: 0,
            pairs_are_western: true,
        };
        // `À`–`ÿ` but `×` and `÷`; windows-1252's quotes, dashes and `…` (80–9F, but the
        // five it leaves undefined), the no-break space and `«»`: `l’été`, `« Oui »`.
        let western = |b: &u8| match b {
            0xC0.. => !matches!(b, 0xD7 | 0xF7),
            0x80..=0x9F => !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D),
            _ => matches!(b, 0xA0 | 0xAB | 0xBB),
        };
        for run in bytes.split(u8::is_ascii).filter(|run| !run.is_empty()) {
            r.runs += 1;
            r.alone += usize::from(run.len() == 1);
            r.longest = r.longest.max(run.len());
            r.pairs_are_western &= run.len() != 2 || run.iter().all(western);
        }
        r
    }

    /// Whether the bytes are Western European text (Latin-1, windows-1252) rather than
    /// Chinese: GBK and Big5 read `café` or `Grüße` without error (`é` and the `s` after
    /// it make one character), but their characters come in runs of bytes above ASCII, where
    /// Latin-1's accented letters stand alone between ASCII ones, or two letters together.
    /// Big5's second byte is ASCII for a third of its characters, so its runs are often one
    /// byte long too, but not nine in ten of them, nor all in a text of any length. GBK's
    /// punctuation in English text (`’` is A1AF) is a pair, but not a western one.
    fn look_western(&self) -> bool {
        self.runs > 0
            && (self.alone * 10 >= self.runs * 9 || self.longest <= 2 && self.pairs_are_western)
    }
}

/// Whether double-byte text is more likely Big5 than GBK: both read most such bytes without
/// error, but GBK text keeps nearly every character in the GB2312 rows (second byte A1–FE),
/// while about a third of Big5's characters have a second byte of 40–7E.
fn looks_big5(bytes: &[u8]) -> bool {
    let (mut pairs, mut low_second) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (first, second) = (bytes[i], bytes[i + 1]);
        if first < 0x81 {
            i += 1;
            continue;
        }
        pairs += 1;
        low_second += usize::from((0x40..=0x7E).contains(&second));
        i += 2;
    }
    pairs > 0 && low_second * 5 > pairs
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

    /// UTF-16 without a byte order mark is read, Chinese (whose U+4E00 has a NUL low byte)
    /// and English, either way round; a file of NULs on both sides is still binary.
    #[test]
    fn utf16_without_a_bom_is_read() {
        let text = "# AI 日报 2026-01-20\n\n1. 一家公司发布新模型 (v2)。\n";
        for enc in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| match enc == encoding_rs::UTF_16LE {
                    true => u.to_le_bytes(),
                    false => u.to_be_bytes(),
                })
                .collect();
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert!(d.warning.unwrap().contains("no byte order mark"));
        }
        // Chinese with no ASCII but its line ends.
        let lines = "今天人工智能领域发布了三个新模型\n开源社区反响热烈\n";
        let bytes: Vec<u8> = lines.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bytes).unwrap().text, lines);
        // English with a NUL after two of its lines is English.
        let stray = b"# Daily news for today\n\0\nGoogle shipped a model.\n\0";
        let d = decode(stray).unwrap();
        assert_eq!(
            d.text,
            "# Daily news for today\n\nGoogle shipped a model.\n"
        );
        assert!(matches!(
            decode(&[b'a', 0, 0, b'b', 0, 0, b'c', 1, 0, 0]).err(),
            Some(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b" \n\t").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b"\xFF\xFE \0\n\0").err(), Some(DecodeError::Empty));
        for half in [&b"\xFF\xFE\0"[..], b"\xFE\xFF\0"] {
            assert_eq!(decode(half).err(), Some(DecodeError::NotText(100)));
        }
        assert_eq!(decode(b"ab\0cd").err(), Some(DecodeError::Binary(2)));
        assert_eq!(decode(b"\0\0\0").err(), Some(DecodeError::Binary(0)));
        assert_eq!(decode(b" \n\0\0").err(), Some(DecodeError::Empty));
    }

    #[test]
    fn a_text_with_a_few_nul_bytes_or_a_tail_of_them_is_read_without_them() {
        let text =
            "# 日报 2026-01-20\n\n1. 某公司发布新模型，推理成本下降一半，开发者可以申请试用。\n";
        let mut stray = text.as_bytes().to_vec();
        stray.insert(20, 0);
        let d = decode(&stray).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.warning.as_deref(), Some("1 NUL byte removed"));
        // A crash left the end of the file zeroed: longer than the text itself.
        let mut tail = text.as_bytes().to_vec();
        tail.extend([0; 4096]);
        let d = decode(&tail).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.warning.as_deref(), Some("4096 NUL bytes removed"));
        // Together with another fallback, both are said.
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let mut gbk = gbk.into_owned();
        gbk.push(0);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(
            d.warning.as_deref(),
            Some("1 NUL byte removed; not UTF-8; decoded as GB18030")
        );
    }

    /// `text` saved in `encoding` and read back: the text read and the warning.
    fn saved_as(encoding: &'static encoding_rs::Encoding, text: &str) -> (String, String) {
        let (bytes, _, _) = encoding.encode(text);
        let d = decode(&bytes).unwrap();
        (d.text.into_owned(), d.warning.unwrap_or_default())
    }

    #[test]
    fn big5_is_told_from_gbk() {
        let text = "# 人工智慧日報 2026-01-20\n\n1. 某公司發佈新模型，推理成本下降一半。\n";
        let (read, warning) = saved_as(encoding_rs::BIG5, text);
        assert_eq!(read, text);
        assert!(warning.contains("Big5"));
        let simplified = "# 人工智能日报 2026-01-20\n\n1. 某公司发布新模型，推理成本下降一半。\n";
        assert_eq!(saved_as(encoding_rs::GB18030, simplified).0, simplified);
    }

    #[test]
    fn latin1_is_told_from_gbk_and_big5() {
        let text = "# Daily AI — 2026-01-20\n\n## Café société\n\n1. Naïve models, Zürich and Señor résumé: «ça marche».\n";
        let (read, warning) = saved_as(encoding_rs::WINDOWS_1252, text);
        assert_eq!(read, text);
        assert!(warning.contains("Latin-1"));
        // Chinese with a character alone between ASCII letters is still Chinese.
        let mixed = "# AI 日报 2026-01-20\n\n1. A股 and B站: 英伟达 (NVDA) 发布\n";
        assert_eq!(saved_as(encoding_rs::GB18030, mixed).0, mixed);
        let traditional = "# AI 日報\n\n1. A股 功能 B站 發佈\n";
        assert_eq!(saved_as(encoding_rs::BIG5, traditional).0, traditional);
        // German puts two such letters together (`Grüße`), which GBK and Big5 cannot
        // both read: still Latin-1, not Big5 (`Gr晧e aus K闤n`).
        let german =
            "# News 2026-07-10\n\n## 1. Grüße aus Köln: Ärger über Éléments\n\nStraße, Größe\n";
        assert_eq!(saved_as(encoding_rs::WINDOWS_1252, german).0, german);
        // French puts a curly quote or a no-break space beside an accented letter.
        let french = "# Revue 2026-07-10\n\n## 1. L’équipe dit « Très bien »\n\nC’est “l’été”.\n";
        assert_eq!(saved_as(encoding_rs::WINDOWS_1252, french).0, french);
        let quoted = "# Daily 2026-07-10\n\n1. Google’s reply — “fine”\n";
        assert_eq!(saved_as(encoding_rs::GB18030, quoted).0, quoted);
        // Control bytes are no text in any encoding.
        let binary: Vec<u8> = (0..400u32)
            .map(|i| [0x01, 0xE9, 0x02, 0x1B][i as usize % 4])
            .collect();
        assert!(matches!(
            decode(&binary).err(),
            Some(DecodeError::NotText(_))
        ));
    }

    proptest::proptest! {
        /// Western text saved as Latin-1 reads back as it was written.
        #[test]
        fn latin1_text_reads_back(words in proptest::collection::vec(("[A-Za-z]{1,8}", "[éèêüöäçñßàÉ]?", "[a-z]{0,5}"), 1..40)) {
            let text: String = words
                .iter()
                .map(|(head, accent, tail)| format!("{head}{accent}{tail}"))
                .collect::<Vec<_>>()
                .join(" ")
                + ".\n";
            proptest::prop_assume!(!text.is_ascii());
            proptest::prop_assert_eq!(saved_as(encoding_rs::WINDOWS_1252, &text).0, text.clone());
        }
    }

    #[test]
    fn bytes_mostly_unreadable_are_binary_but_text_with_a_few_is_read() {
        // Bytes no encoding reads, without a NUL among them.
        let noise: Vec<u8> = (0..400u32)
            .map(|i| [0xFF, 0x01, 0x80, 0xC3, 0x1B, b'a'][i as usize % 6])
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
        // Wherever the cut falls, in whichever character: GB18030 reads most such endings
        // without error (`英` cut to E8 8B is a GB18030 character), and read so, all of the
        // file was garbled.
        let text = "# 日报 2026-01-20\n\n1. 英伟达发布新芯片，成本下降。\n";
        for c in "英伟达新芯片日报成本😀".chars() {
            let mut whole = [0; 4];
            let whole = c.encode_utf8(&mut whole).as_bytes();
            for cut in 1..whole.len() {
                let mut bytes = text.as_bytes().to_vec();
                bytes.extend_from_slice(&whole[..cut]);
                let d = decode(&bytes).unwrap();
                assert_eq!(d.text, format!("{text}�"), "{c} cut to {cut} bytes");
                assert!(d.warning.unwrap().contains("read as UTF-8"));
            }
        }
        // English with one character beyond ASCII, cut in the last one.
        for cut in [&b"\xF0\x9F"[..], b"\xE2\x80"] {
            let mut bytes = b"# Daily 2026-03-10\n\nGoogle\xE2\x80\x99s reply ".to_vec();
            bytes.extend_from_slice(cut);
            let d = decode(&bytes).unwrap();
            assert!(d.text.contains("Google’s reply"), "{}", d.text);
        }
        // A few stray bytes in a short file.
        let mut stray = text.as_bytes().to_vec();
        for at in [30, 20, 10] {
            stray.insert(at, 0xFF);
        }
        let d = decode(&stray).unwrap();
        assert!(d.text.contains("发布新芯片"), "{}", d.text);
        assert_eq!(d.text.matches('�').count(), 3, "{}", d.text);
        // Stray bytes GB18030 reads with fewer errors (`FE` takes the next byte into a
        // character of its own): still UTF-8, not all of it garbled (`AI 鏃ユ姤`; tester T).
        let mut bytes = "# AI 日报 2026-02-02\n\n## 标题".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe");
        bytes.extend_from_slice("坏字节 story one\n\nbody text ".as_bytes());
        bytes.extend_from_slice(b"\xc3\x28 here\n");
        let d = decode(&bytes).unwrap();
        assert!(
            d.text.starts_with("# AI 日报") && d.text.contains("坏字节"),
            "{}",
            d.text
        );
        assert!(d.warning.unwrap().contains("read as UTF-8"));
        // GBK with a stray byte is read as GBK, not as UTF-8 replacing every character.
        let (gbk, _, _) = encoding_rs::GB18030.encode("# 人工智能日报\n\n1. 某公司发布新模型。\n");
        let mut gbk = gbk.into_owned();
        gbk.insert(4, 0xFF);
        let d = decode(&gbk).unwrap();
        assert!(d.text.contains("某公司发布新模型"), "{}", d.text);
        assert!(d.warning.unwrap().contains("read as GB18030"));
    }

    /// Control characters are counted as unreadable bytes are: more than a tenth of a file
    /// valid in UTF-8 is no digest, and fewer are said to be left out (tester DO: half a
    /// file of BEL, and one of escape codes, were read as plain digests, unsaid).
    #[test]
    fn control_characters_in_valid_text_are_weighed_and_said() {
        let story = "# 日报 2026-01-20\n\n1. 某公司发布新模型。\n";
        let bells = format!("{story}{}", "ab\x07\x07".repeat(300));
        assert!(matches!(decode(bells.as_bytes()).err(), Some(DecodeError::NotText(p)) if p >= 40));
        let c1 = format!("{story}{}", "a\u{85}\u{9b}".repeat(300));
        assert!(matches!(
            decode(c1.as_bytes()).err(),
            Some(DecodeError::NotText(_))
        ));
        let escaped = format!("{story}\x1b[31m红\x1b[0m\x1b]0;title\x07\n");
        let d = decode(escaped.as_bytes()).unwrap();
        assert_eq!(
            d.warning.as_deref(),
            Some("4 control characters (terminal escapes and the like) left out")
        );
        assert_eq!(decode(story.as_bytes()).unwrap().warning, None);
    }
}
