//! A one-line text field: insert anywhere (several chars at once, as an IME commits them),
//! delete and move by grapheme cluster, so a CJK character or an emoji with modifiers goes
//! away whole.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
        // An inserted combining mark joins the grapheme before it: stay on a boundary.
        self.cursor = self.boundary_at_or_after(self.cursor);
    }

    /// Deletes the grapheme before the cursor; false when there is none.
    pub fn backspace(&mut self) -> bool {
        let Some(start) = self.prev_boundary() else {
            return false;
        };
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        true
    }

    /// Deletes the grapheme at the cursor; false when the cursor is at the end.
    pub fn delete(&mut self) -> bool {
        let Some(end) = self.next_boundary() else {
            return false;
        };
        self.text.replace_range(self.cursor..end, "");
        true
    }

    /// Deletes the word before the cursor (and the blanks after it).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn left(&mut self) {
        if let Some(i) = self.prev_boundary() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        if let Some(i) = self.next_boundary() {
            self.cursor = i;
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        let mut pos = 0;
        for g in self.text.graphemes(true) {
            if pos >= at {
                return pos;
            }
            pos += g.len();
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut l = LineEdit::default();
        l.insert("英伟达");
        l.insert("👍🏽");
        assert_eq!(l.text(), "英伟达👍🏽");
        assert!(l.backspace());
        assert_eq!(l.text(), "英伟达", "the emoji and its modifier go together");
        l.left();
        l.insert("A");
        assert_eq!(l.text(), "英伟A达");
        l.home();
        assert!(l.delete());
        assert_eq!(l.text(), "伟A达");
        l.end();
        l.insert(" 开源 芯片");
        l.delete_word();
        assert_eq!(l.text(), "伟A达 开源 ");
        l.clear();
        assert!(l.is_empty());
        assert!(!l.backspace());
        assert!(!l.delete());
    }

    #[test]
    fn a_combining_mark_joins_the_char_before() {
        let mut l = LineEdit::default();
        l.insert("e");
        l.insert("\u{301}");
        assert_eq!(l.before_cursor(), "e\u{301}");
        assert!(l.backspace());
        assert!(l.is_empty());
    }
}
