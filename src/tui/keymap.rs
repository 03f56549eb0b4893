//! The one table of the reader's command keys. Key handling and the help overlay both read
//! it, so the help can never disagree with what the keys do. (A text line being typed in
//! takes the line-editing keys of [`super::line_edit::LineEdit::key`] first.)

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key with its modifiers (Shift is part of the character for letters and symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(c: char) -> KeyBinding {
    KeyBinding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> KeyBinding {
    KeyBinding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> KeyBinding {
    KeyBinding {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

/// Every key the reader knows, in the order the help lists them. Rows with the same action
/// are shown together; the first row's description is used.
pub const KEYMAP: &[(KeyBinding, Action, &str)] = &[
    (key('j'), Action::Down, "move down / scroll down"),
    (code(KeyCode::Down), Action::Down, "move down / scroll down"),
    // Emacs's and less's keys for a line and a page, as many programs take them.
    (ctrl('n'), Action::Down, "move down / scroll down"),
    (key('k'), Action::Up, "move up / scroll up"),
    (code(KeyCode::Up), Action::Up, "move up / scroll up"),
    (ctrl('p'), Action::Up, "move up / scroll up"),
    (key('h'), Action::Left, "pane to the left"),
    (code(KeyCode::Left), Action::Left, "pane to the left"),
    (key('l'), Action::Right, "pane to the right"),
    (code(KeyCode::Right), Action::Right, "pane to the right"),
    (
        code(KeyCode::Tab),
        Action::NextPane,
        "next pane (wraps); search line: next scope",
    ),
    (
        code(KeyCode::BackTab),
        Action::PrevPane,
        "previous pane (wraps); search line: previous scope",
    ),
    (
        code(KeyCode::Enter),
        Action::Open,
        "open: date › categories › stories › article",
    ),
    (
        code(KeyCode::Esc),
        Action::Back,
        "back one level; closes help and search",
    ),
    (
        code(KeyCode::Backspace),
        Action::Back,
        "back one level; closes help and search",
    ),
    (key('g'), Action::First, "first entry / top of article"),
    (
        code(KeyCode::Home),
        Action::First,
        "first entry / top of article",
    ),
    (key('G'), Action::Last, "last entry / end of article"),
    (
        code(KeyCode::End),
        Action::Last,
        "last entry / end of article",
    ),
    (ctrl('d'), Action::PageDown, "page down"),
    (code(KeyCode::PageDown), Action::PageDown, "page down"),
    (key(' '), Action::PageDown, "page down"),
    (ctrl('f'), Action::PageDown, "page down"),
    (
        ctrl('u'),
        Action::PageUp,
        "page up; in a text line: clear it",
    ),
    (code(KeyCode::PageUp), Action::PageUp, "page up"),
    (ctrl('b'), Action::PageUp, "page up"),
    (key('['), Action::OlderDate, "older date"),
    (key(']'), Action::NewerDate, "newer date"),
    (
        key('J'),
        Action::NextStory,
        "next story, opened (or result, bookmark)",
    ),
    (
        key('K'),
        Action::PrevStory,
        "previous story, opened (or result, bookmark)",
    ),
    (key('c'), Action::Categories, "jump to the categories"),
    (
        key('i'),
        Action::Overview,
        "the date's overview: its digests' front pages",
    ),
    (
        key('a'),
        Action::Scope,
        "scope: the date › 7 days › 30 days › archive",
    ),
    (
        key(':'),
        Action::GoToDate,
        "go to a date typed: 2025-10-19, 2025-10 or 2025",
    ),
    (key('r'), Action::ToggleRead, "mark the story read / unread"),
    (
        key('R'),
        Action::LookAtStore,
        "look for new, changed or removed files now",
    ),
    (
        key('A'),
        Action::MarkAllRead,
        "mark every story listed read (press it twice)",
    ),
    (
        key('b'),
        Action::ToggleBookmark,
        "bookmark the story / remove its bookmark",
    ),
    (
        key('B'),
        Action::Bookmarks,
        "bookmarks (last made first); B, Esc or q closes it",
    ),
    (
        key('d'),
        Action::RemoveBookmark,
        "bookmarks view: remove the selected one (b too)",
    ),
    (
        key('u'),
        Action::Undo,
        "undo the last A, or the last bookmark removed",
    ),
    (
        key('/'),
        Action::Search,
        "search (bookmarks view: filter, read as a query)",
    ),
    (
        key('n'),
        Action::NextMatch,
        "next match / result, or the last search again",
    ),
    (
        key('N'),
        Action::PrevMatch,
        "previous match / result, or the last search again",
    ),
    (
        key('y'),
        Action::CopyLink,
        "copy the story's link (terminal clipboard, OSC 52)",
    ),
    (
        key('o'),
        Action::OpenLink,
        "open the story's link in the browser",
    ),
    (
        key('L'),
        Action::Links,
        "the story's links, to open or copy; 0-9 picks [n]",
    ),
    (
        key('v'),
        Action::ViewFile,
        "the digest's file as written, whole",
    ),
    (key('?'), Action::Help, "show / close this help"),
    // Where many programs have their help (tester P: it did nothing).
    (code(KeyCode::F(1)), Action::Help, "show / close this help"),
    (
        key('q'),
        Action::Quit,
        "quit; reading, or in a view or popup: back a level",
    ),
    (ctrl('c'), Action::ForceQuit, "quit at once"),
    (
        ctrl('z'),
        Action::Suspend,
        "suspend to the shell (fg comes back)",
    ),
    (
        ctrl('l'),
        Action::Redraw,
        "redraw the screen (another program wrote on it)",
    ),
];

/// The action bound to a key press, if any. Releases are ignored; Shift is ignored for
/// characters (it is already in the character) and for Shift-Tab.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let mut modifiers = event.modifiers;
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    KEYMAP
        .iter()
        .find(|(k, _, _)| k.code == event.code && k.modifiers == modifiers)
        .map(|&(_, action, _)| action)
}

/// How a key is written in the help and the status bar.
pub fn label(binding: &KeyBinding) -> String {
    let name = match binding.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    // (No key with Alt comes here: one is Esc and the key, see `tui::handle`.)
    let prefixes = [
        (KeyModifiers::CONTROL, "Ctrl-"),
        (KeyModifiers::SHIFT, "Shift-"),
    ];
    for (modifier, prefix) in prefixes {
        if binding.modifiers.contains(modifier) {
            out.push_str(prefix);
        }
    }
    out + &name
}

/// How a pressed key bound to nothing is named to the user (`Ctrl-x`, `F5`); None for a key
/// no one presses to get something done (a modifier alone, Caps Lock, a media key) and for
/// releases.
pub fn unbound_name(event: &KeyEvent) -> Option<String> {
    if event.kind == KeyEventKind::Release || action_for(event).is_some() {
        return None;
    }
    match event.code {
        KeyCode::Modifier(_)
        | KeyCode::Media(_)
        | KeyCode::CapsLock
        | KeyCode::ScrollLock
        | KeyCode::NumLock
        | KeyCode::PrintScreen
        | KeyCode::Pause
        | KeyCode::Menu
        | KeyCode::KeypadBegin
        | KeyCode::Null => None,
        code => {
            let mut modifiers = event.modifiers & KeyModifiers::CONTROL;
            // Shift is in a character already (`X`, not `Shift-x`).
            if !matches!(code, KeyCode::Char(_)) {
                modifiers |= event.modifiers & KeyModifiers::SHIFT;
            }
            Some(label(&KeyBinding { code, modifiers }))
        }
    }
}

/// One help entry per action: its keys and description, in table order.
pub fn help_entries() -> Vec<(Vec<String>, &'static str)> {
    let mut out: Vec<(Action, Vec<String>, &'static str)> = Vec::new();
    for (binding, action, description) in KEYMAP {
        match out.iter_mut().find(|(a, _, _)| a == action) {
            Some((_, keys, _)) => keys.push(label(binding)),
            None => out.push((*action, vec![label(binding)], description)),
        }
    }
    out.into_iter().map(|(_, keys, d)| (keys, d)).collect()
}

/// The first key of an action, for the status bar's hints.
pub fn first_key(action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|(_, a, _)| *a == action)
        .map(|(k, _, _)| label(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_is_bound_once() {
        for (i, (a, _, _)) in KEYMAP.iter().enumerate() {
            for (b, _, _) in &KEYMAP[i + 1..] {
                assert_ne!(a, b, "{} is bound twice", label(a));
            }
        }
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&shifted), Some(Action::Last));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&back_tab), Some(Action::PrevPane));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c), Some(Action::ForceQuit));
        let plain_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(&plain_c), Some(Action::Categories));
        let mut release = plain_c;
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&release), None);
    }

    #[test]
    fn help_groups_keys_by_action() {
        let entries = help_entries();
        let page_down = entries
            .iter()
            .find(|(_, d)| *d == "page down")
            .expect("page down is listed");
        assert_eq!(page_down.0, ["Ctrl-d", "PgDn", "Space", "Ctrl-f"]);
        let search = KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!(action_for(&search), Some(Action::Search));
        let prev = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&prev), Some(Action::PrevMatch));
        assert_eq!(first_key(Action::Down).as_deref(), Some("j"));
    }
}
