//! JSON as the commands print it: pretty, and with every character a terminal acts on but
//! does not show written as an escape. serde_json escapes C0 controls only; DEL, the C1
//! controls (U+009B is an 8-bit CSI), bidi overrides and isolates, zero-width characters and
//! line separators in a story's Markdown or a file name would reach the terminal of whoever
//! reads the output, and an overridden direction can make a path or link read as another.

use crate::text::is_hidden;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `value` as pretty JSON, every hidden character escaped (`\u202e`); the same data.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Visible::default());
    value.serialize(&mut ser)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// serde_json's pretty layout; string text goes through [`Formatter::write_string_fragment`],
/// which escapes what [`is_hidden`] names.
#[derive(Default)]
struct Visible(PrettyFormatter<'static>);

impl Formatter for Visible {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        text: &str,
    ) -> io::Result<()> {
        // Most text has no byte a hidden character starts with, and is written as it is.
        let Some(first) = text.bytes().position(crate::text::may_start_hidden) else {
            return w.write_all(text.as_bytes());
        };
        let mut from = 0;
        let rest = text[first..].char_indices().map(|(i, c)| (first + i, c));
        for (i, c) in rest.filter(|&(_, c)| is_hidden(c)) {
            w.write_all(&text.as_bytes()[from..i])?;
            // JSON escapes UTF-16 units: a tag is a pair of them (a review: `\ue0041` read
            // back as U+E004 and a `1`).
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(w, "\\u{unit:04x}")?;
            }
            from = i + c.len_utf8();
        }
        w.write_all(&text.as_bytes()[from..])
    }

    // The layout is PrettyFormatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `rows` printed as one pretty JSON array.
pub(super) fn print_json<T: Serialize + Sync>(rows: &[T]) -> anyhow::Result<()> {
    let mut array = JsonArray::new(super::report::emit);
    array.push(rows)?;
    array.finish()
}

/// A pretty JSON array written a batch of rows at a time, each batch made in pieces on
/// every core: each piece is an array of the same indentation, so its elements are joined
/// as they stand. A large answer (every story mentioning a common word: 124 MB of JSON) was
/// made whole three times over before any of it was written (740 MB; tester D).
pub(super) struct JsonArray<W> {
    write: W,
    started: bool,
}

/// Rows made and written at a time (JSON or a search's text); pieces of them in JSON on
/// each core.
pub(super) const ROWS_AT_ONCE: usize = 8192;
const JSON_PIECE: usize = 512;

impl<W: FnMut(&str) -> anyhow::Result<()>> JsonArray<W> {
    pub(super) fn new(write: W) -> Self {
        JsonArray {
            write,
            started: false,
        }
    }

    pub(super) fn push<T: Serialize + Sync>(&mut self, rows: &[T]) -> anyhow::Result<()> {
        for batch in rows.chunks(ROWS_AT_ONCE) {
            let pieces = batch
                .par_chunks(JSON_PIECE)
                .map(pretty)
                .collect::<Result<Vec<String>, _>>()?;
            for piece in &pieces {
                let elements = piece
                    .strip_prefix("[\n")
                    .and_then(|p| p.strip_suffix("\n]"))
                    .unwrap_or_default();
                (self.write)(if self.started { ",\n" } else { "[\n" })?;
                (self.write)(elements)?;
                self.started = true;
            }
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> anyhow::Result<()> {
        (self.write)(if self.started { "\n]\n" } else { "[]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hidden characters in the output but its own line breaks.
    fn shows_hidden(text: &str) -> bool {
        text.chars().any(|c| c != '\n' && is_hidden(c))
    }

    #[test]
    fn hidden_characters_are_escaped_and_the_rest_is_as_serde_writes_it() {
        let value = serde_json::json!({"path": "a\u{202e}gpj.md", "body": "x\u{9b}31my\u{7f} 中\u{200b}文\u{2028}", "n": [1, 2]});
        let text = pretty(&value).unwrap();
        assert!(text.contains(r"a\u202egpj.md"), "{text}");
        // A tag character, alone or after another, as the pair of units JSON reads back.
        for tagged in ["tag\u{e0041}", "\u{202e}tag\u{e0041}"] {
            let value = serde_json::json!({ "title": tagged });
            let text = pretty(&value).unwrap();
            assert!(text.contains(r"tag\udb40\udc41"), "{text}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                value
            );
        }
        assert!(
            text.contains(r"x\u009b31my\u007f 中\u200b文\u2028"),
            "{text}"
        );
        assert!(!shows_hidden(&text), "{text}");
    }

    proptest! {
        /// Escaping changes how the text is written, never what it says: it parses back to the
        /// same value, laid out as serde_json's pretty printer lays it out.
        #[test]
        fn output_parses_back_to_the_same_value(s in "\\PC*|[\u{0}-\u{a0}\u{200b}-\u{206f}\u{e0000}-\u{e007f}a中]*") {
            let value = serde_json::json!({"text": s, "list": [s.clone()]});
            let text = pretty(&value).unwrap();
            prop_assert!(!shows_hidden(&text));
            prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value.clone());
            if !s.chars().any(is_hidden) {
                prop_assert_eq!(text, serde_json::to_string_pretty(&value).unwrap());
            }
        }
    }

    #[test]
    fn json_written_in_pieces_is_the_whole_array() {
        #[derive(Serialize)]
        struct Row {
            id: usize,
            title: String,
            tags: Vec<&'static str>,
        }
        for n in [0, 1, 511, 512, 513, ROWS_AT_ONCE + 1] {
            let rows: Vec<Row> = (0..n)
                .map(|id| Row {
                    id,
                    title: format!("第{id}条 \"quoted\""),
                    tags: vec!["a", "b"],
                })
                .collect();
            let whole = pretty(&rows).unwrap() + "\n";
            // In one push and in two, as a search writes its batches.
            for split in [0, n / 3] {
                let mut written = String::new();
                let mut array = JsonArray::new(|s: &str| {
                    written.push_str(s);
                    Ok(())
                });
                array.push(&rows[..split]).unwrap();
                array.push(&rows[split..]).unwrap();
                array.finish().unwrap();
                assert_eq!(written, whole, "{n} rows, split at {split}");
            }
        }
    }
}
