//! Character classes used by line breaking and Markdown preparation.

/// Closing punctuation that must not start a line (kinsoku).
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '〕'
            | '〗'
            | '］'
            | '｝'
            | '．'
            | '…'
            | '‥'
            // A range's wave dash (`第二～第三`, tester Y).
            | '～'
            | '〜'
            // Between the parts of a name (萨提亚·纳德拉) and between metadata fields.
            | '·'
            | '・'
            | '‧'
            // The same between metadata fields written with a bar (`量子位 | 🔗 原文链接`,
            // tester BG: a row began with the bar).
            | '|'
            | '｜'
            | '’'
            | '”'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
    )
}

/// Opening punctuation that must not end a line (kinsoku).
pub(super) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '【'
            | '〈'
            | '〔'
            | '〖'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Han, kana, bopomofo, CJK punctuation and full-width forms: scripts written without spaces,
/// so a source line break between two of them means nothing.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han_or_kana(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}'   // radicals
            | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
            | '\u{3100}'..='\u{312F}' // bopomofo
            | '\u{FE30}'..='\u{FE4F}' // vertical/compatibility forms
            | '\u{FF00}'..='\u{FFEF}') // full-width forms
}

/// Han and kana, the scripts of words written without a space between them: one there
/// (`**英伟达** 发布`) is no part of the words.
pub(crate) fn is_han_or_kana(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // kana
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Hangul: Korean is written with spaces between words, and is broken there, not between
/// the syllables of a word as UAX #14 allows (tester U, Y: `발 / 표했습니다`).
pub(super) fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{D7B0}'..='\u{D7FF}')
}

/// Punctuation in the CommonMark sense (Unicode punctuation and symbols, as pulldown-cmark
/// reads it), by block and generously: ASCII, Latin-1, general, CJK and full-width
/// punctuation, currency and letter-like symbols, arrows, technical and geometric symbols,
/// dingbats, and emoji (`其**⭐2.9k的Star**` had shown its asterisks).
pub(crate) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_pictograph(c)
        || matches!(c,
            '\u{A1}'..='\u{BF}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{20A0}'..='\u{214F}'
            | '\u{2190}'..='\u{22FF}'
            | '\u{2500}'..='\u{25FF}'
            | '\u{2900}'..='\u{2AFF}'
            | '\u{3001}'..='\u{303F}'
            | '\u{FE10}'..='\u{FE6F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}

/// An emoji or pictographic symbol, by block (misc. technical, misc. symbols and dingbats,
/// the arrows and stars after them, and the emoji planes): two side by side may be the
/// parts of one emoji whose joiner [`super::sanitize`] took out (`🏳🌈`), so kept on one line.
pub(super) fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{2300}'..='\u{23FF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// A grapheme that is blank space: dropped where a line is broken.
pub(super) fn is_space(g: &str) -> bool {
    matches!(g, " " | "\u{3000}")
}
