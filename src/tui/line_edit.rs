//! A one-line text field: insert anywhere (several chars at once, as an IME commits them),
//! delete and move by grapheme cluster, so a CJK character or an emoji with modifiers goes
//! away whole.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// What a key did to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Text,
    Cursor,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Byte offset of the cursor: right after what was typed last, which may be inside a
    /// grapheme while one is being typed (a joiner before an emoji joins them); moves and
    /// deletions go by the graphemes on each side of it.
    cursor: usize,
    /// The whole text is selected (a line recalled): typing, pasting or deleting replaces
    /// it, and any other key of the line keeps it as text.
    selected: bool,
}

impl LineEdit {
    /// A line holding `text`, all of it selected, the cursor at its end.
    pub fn recalled(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.len(),
            selected: !text.is_empty(),
        }
    }

    /// The line-editing keys every text line of the reader takes: characters, Backspace and
    /// Delete, Ctrl-w or Alt-Backspace (the word before), Alt-d (the word after), Ctrl-u
    /// (all), ← → Home End and Ctrl-a / Ctrl-e, and a word at a time Alt-b / Alt-f or ← → with
    /// Ctrl or Alt, as in a shell. None: not one.
    pub fn key(&mut self, key: &KeyEvent) -> Option<Edited> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let by_word = ctrl || alt;
        let deletes = matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
            || ctrl && key.code == KeyCode::Char('w')
            || alt && key.code == KeyCode::Char('d');
        if self.selected && deletes {
            self.clear();
            return Some(Edited::Text);
        }
        match key.code {
            KeyCode::Char('u') if ctrl => self.clear(),
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Backspace if alt => self.delete_word(),
            KeyCode::Char('d') if alt => self.delete_next_word(),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c.encode_utf8(&mut [0u8; 4])),
            KeyCode::Backspace => {
                self.backspace();
            }
            KeyCode::Delete => {
                self.delete();
            }
            _ => {
                let to = match key.code {
                    KeyCode::Char('a') if ctrl => 0,
                    KeyCode::Char('e') if ctrl => self.text.len(),
                    KeyCode::Char('b') if alt => self.word_start_before(),
                    KeyCode::Char('f') if alt => self.word_end_after(),
                    KeyCode::Left if by_word => self.word_start_before(),
                    KeyCode::Right if by_word => self.word_end_after(),
                    KeyCode::Left => self.prev_boundary().unwrap_or(self.cursor),
                    KeyCode::Right => self.next_boundary().unwrap_or(self.cursor),
                    KeyCode::Home => 0,
                    KeyCode::End => self.text.len(),
                    _ => return None,
                };
                self.cursor = to;
                self.selected = false;
                return Some(Edited::Cursor);
            }
        };
        self.selected = false;
        Some(Edited::Text)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the whole text is selected (see [`LineEdit::recalled`]).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// The text after the cursor.
    pub fn after_cursor(&self) -> &str {
        &self.text[self.cursor..]
    }

    pub fn insert(&mut self, s: &str) {
        if self.selected {
            self.clear();
        }
        self.text.insert_str(self.cursor, s);
        // Right after it, even where it joins what follows: a family emoji typed a
        // character at a time before another emoji is joined to it after its first joiner,
        // and the cursor moved past that emoji put the rest after it.
        self.cursor += s.len();
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
        let start = self.word_start_before();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the word after the cursor (and the blanks before it).
    fn delete_next_word(&mut self) {
        let end = self.word_end_after();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Where the word before the cursor starts, blanks between them skipped: a word is a
    /// run of anything but blanks, as for a shell's Ctrl-w.
    fn word_start_before(&self) -> usize {
        let trimmed = self.text[..self.cursor].trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Where the word after the cursor ends, blanks between them skipped.
    fn word_end_after(&self) -> usize {
        let after = &self.text[self.cursor..];
        let word = after.len() - after.trim_start().len();
        after[word..]
            .find(char::is_whitespace)
            .map_or(self.text.len(), |end| self.cursor + word + end)
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// The cursor at the end, the text kept (no longer selected).
    pub fn end(&mut self) {
        self.cursor = self.text.len();
        self.selected = false;
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_edit_and_move_and_say_which() {
        let press = |l: &mut LineEdit, code: KeyCode, modifiers: KeyModifiers| {
            l.key(&KeyEvent::new(code, modifiers))
        };
        let mut l = LineEdit::default();
        for c in "英伟达 gpu".chars() {
            assert_eq!(
                press(&mut l, KeyCode::Char(c), KeyModifiers::NONE),
                Some(Edited::Text)
            );
        }
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            press(&mut l, KeyCode::Char('a'), ctrl),
            Some(Edited::Cursor)
        );
        press(&mut l, KeyCode::Char('新'), KeyModifiers::NONE);
        assert_eq!(l.text(), "新英伟达 gpu");
        assert_eq!(
            press(&mut l, KeyCode::Char('e'), ctrl),
            Some(Edited::Cursor)
        );
        assert_eq!(press(&mut l, KeyCode::Char('w'), ctrl), Some(Edited::Text));
        assert_eq!(l.text(), "新英伟达 ");
        assert_eq!(
            press(&mut l, KeyCode::Left, KeyModifiers::NONE),
            Some(Edited::Cursor)
        );
        assert_eq!(
            press(&mut l, KeyCode::Backspace, KeyModifiers::NONE),
            Some(Edited::Text)
        );
        assert_eq!(l.text(), "新英伟 ");
        assert_eq!(press(&mut l, KeyCode::Char('u'), ctrl), Some(Edited::Text));
        assert!(l.is_empty());
        assert_eq!(press(&mut l, KeyCode::Enter, KeyModifiers::NONE), None);
        assert_eq!(press(&mut l, KeyCode::Char('j'), KeyModifiers::ALT), None);
    }

    #[test]
    fn a_recalled_line_is_replaced_by_an_edit_and_kept_by_a_move() {
        let press = |l: &mut LineEdit, code: KeyCode| l.key(&KeyEvent::from(code));
        let mut l = LineEdit::recalled("英伟达 gpu");
        assert!(l.is_selected());
        assert_eq!(press(&mut l, KeyCode::Tab), None, "not a line key");
        assert!(l.is_selected());
        press(&mut l, KeyCode::Char('新'));
        assert_eq!((l.text(), l.is_selected()), ("新", false));

        let mut l = LineEdit::recalled("英伟达");
        assert_eq!(press(&mut l, KeyCode::Backspace), Some(Edited::Text));
        assert!(l.is_empty());

        let mut l = LineEdit::recalled("英伟达");
        l.insert("pasted");
        assert_eq!(l.text(), "pasted");

        let mut l = LineEdit::recalled("英伟达");
        assert_eq!(press(&mut l, KeyCode::End), Some(Edited::Cursor));
        press(&mut l, KeyCode::Char('x'));
        assert_eq!(l.text(), "英伟达x");
        assert!(!LineEdit::recalled("").is_selected());
    }

    #[test]
    fn edits_by_grapheme() {
        let mut l = LineEdit::default();
        l.insert("英伟达");
        l.insert("👍🏽");
        assert_eq!(l.text(), "英伟达👍🏽");
        assert!(l.backspace());
        assert_eq!(l.text(), "英伟达", "the emoji and its modifier go together");
        l.key(&KeyEvent::from(KeyCode::Left));
        l.insert("A");
        assert_eq!(l.text(), "英伟A达");
        l.key(&KeyEvent::from(KeyCode::Home));
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

    /// Typed a character at a time before `😀` (as a terminal sends a family emoji), the
    /// family stays whole and before it, and one Backspace removes it (its first joiner
    /// took the 😀 in, and the rest went after it: `👨‍😀👩‍👧`, tester H).
    #[test]
    fn an_emoji_typed_a_character_at_a_time_before_another_stays_whole() {
        let mut l = LineEdit::default();
        l.insert("😀");
        l.key(&KeyEvent::from(KeyCode::Home));
        for c in "👨\u{200d}👩\u{200d}👧".chars() {
            l.insert(&c.to_string());
        }
        assert_eq!(l.text(), "👨\u{200d}👩\u{200d}👧😀");
        assert!(l.backspace());
        assert_eq!(l.text(), "😀");
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
