//! Saving through the file is the same as applying in memory, whatever the changes and however
//! they are split between saves and between two handles on the file; a file cut off
//! anywhere gives back every bookmark whose fields it still holds whole; and stray bytes
//! inside one bookmark cost none of the others.

use proptest::prelude::*;
use ribao::state::{Bookmark, Change, Extra, Place, Position, State, StateFile};
use serde_json::json;

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(String::from)
}

fn bookmark() -> impl Strategy<Value = Bookmark> {
    (id(), 0u8..3, any::<bool>(), "[a-z日报 ]{0,8}").prop_map(|(id, day, with_url, title)| {
        Bookmark {
            url: with_url.then(|| format!("https://example.com/{id}")),
            date: (day > 0).then(|| format!("2026-11-2{day}")),
            id,
            source: "源".into(),
            category: None,
            title,
            path: "/digests/x.md".into(),
            added: format!("2026-11-2{day}T10:00:00Z"),
            outlet: None,
            text: None,
            extra: Extra::new(),
        }
    })
}

fn position() -> impl Strategy<Value = Position> {
    (
        prop::option::of(id()),
        0usize..500,
        prop::option::of(0u8..4),
        prop::option::of(prop::sample::select(vec!["/digests", "/other", "samples"])),
    )
        .prop_map(|(item, scroll, column, store)| {
            let column = column.map(|c| ("column".to_string(), json!(c)));
            let store = store.map(|s| (Position::STORE.to_string(), json!(s)));
            Position {
                date: Some("2026-11-23".into()),
                category: None,
                item,
                scroll,
                extra: Extra::from_iter(column.into_iter().chain(store)),
            }
        })
}

fn places() -> impl Strategy<Value = Vec<Place>> {
    prop::collection::vec(
        (id(), 0usize..3).prop_map(|(id, at)| Place { id, at }),
        0..4,
    )
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        bookmark().prop_map(|x| Change::AddBookmark(Box::new(x))),
        id().prop_map(Change::RemoveBookmark),
        id().prop_map(Change::MarkRead),
        id().prop_map(Change::MarkUnread),
        position().prop_map(|x| Change::SetPosition(Box::new(x))),
        places().prop_map(Change::SetPlaces),
        (
            prop::sample::select(vec!["/digests", "/other", "samples"]),
            prop::sample::select(vec!["2026-01-19", "2026-11-23"]),
        )
            .prop_map(|(store, date)| Change::SawNewest {
                store: store.into(),
                date: date.into()
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saving_equals_applying_in_memory(
        batches in prop::collection::vec(
            (any::<bool>(), prop::collection::vec(change(), 0..6)),
            0..8,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (first, _) = StateFile::open(&path).unwrap();
        let (second, _) = StateFile::open(&path).unwrap();
        let mut expected = State::default();
        for (use_second, changes) in &batches {
            let handle = if *use_second { &second } else { &first };
            let saved = handle.apply(changes).unwrap().state;
            // A save that changes something is counted.
            expected.saves += u64::from(expected.apply_all(changes));
            prop_assert_eq!(&saved, &expected);
        }
        let (_, reopened) = StateFile::open(&path).unwrap();
        prop_assert!(reopened.notices.is_empty());
        prop_assert_eq!(reopened.state, expected);
    }

    /// What a state holds, given to an empty one (a state file deleted, or found broken,
    /// under a running reader), is all of it again: the places left in stories and the
    /// positions in each store too (tester BJ: they were lost).
    #[test]
    fn a_state_given_again_is_the_same_state(changes in prop::collection::vec(change(), 0..12)) {
        let mut state = State::default();
        state.apply_all(&changes);
        let mut again = State::default();
        again.apply_all(&state.as_changes());
        prop_assert_eq!(again, state);
    }

    #[test]
    fn a_file_cut_anywhere_keeps_the_bookmarks_whose_fields_it_holds_whole(
        bookmarks in prop::collection::vec(bookmark(), 1..6),
        cut in 0.0f64..1.0,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let adds: Vec<Change> = bookmarks.into_iter().map(Box::new).map(Change::AddBookmark).collect();
        let saved = StateFile::open(&path).unwrap().0.apply(&adds).unwrap().state;
        let text = std::fs::read_to_string(&path).unwrap();
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let kept = &text[..at];
        std::fs::write(&path, kept).unwrap();
        // With the last save's backup, nothing is lost wherever the cut.
        let (_, joined) = StateFile::open(&path).unwrap();
        prop_assert_eq!(&joined.state.bookmarks, &saved.bookmarks);
        // Without it, what the file still holds whole.
        let backup = dir.path().join("state.json.bak");
        let last_save = std::fs::read(&backup).unwrap();
        std::fs::remove_file(&backup).unwrap();
        let (_, loaded) = StateFile::open(&path).unwrap();
        std::fs::write(&backup, last_save).unwrap();
        // Cut to nothing: the copy of the last save is used, and the user told.
        if kept.trim().is_empty() {
            prop_assert_eq!(&joined.state, &saved);
            prop_assert!(joined.notices.iter().any(|n| n.gave_way.is_some()));
            return Ok(());
        }
        // Whole in the prefix: every field of it is, up to the line of its closing brace
        // (the file's only ones at this indent).
        let ends: Vec<usize> = text.match_indices("\n    }").map(|(i, _)| i).collect();
        prop_assert_eq!(ends.len(), saved.bookmarks.len());
        let whole: Vec<&Bookmark> = saved
            .bookmarks
            .iter()
            .zip(&ends)
            .filter(|(_, end)| **end <= at)
            .map(|(b, _)| b)
            .collect();
        let got: Vec<&Bookmark> = loaded.state.bookmarks.iter().collect();
        prop_assert_eq!(got, whole);
    }
    #[test]
    fn stray_bytes_in_one_bookmark_cost_none_of_the_others(
        bookmarks in prop::collection::vec(bookmark(), 2..6),
        which in 0usize..6,
        from in 0.0f64..1.0,
        len in 0usize..40,
        // No letters: stray bytes never spell another bookmark's id.
        stray in "[\"{}\\[\\]:,@#\n 0-9]{0,12}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let adds: Vec<Change> = bookmarks.into_iter().map(Box::new).map(Change::AddBookmark).collect();
        let saved = StateFile::open(&path).unwrap().0.apply(&adds).unwrap().state;
        std::fs::remove_file(dir.path().join("state.json.bak")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        // Each bookmark's text, from its line's `{` to its `}` (the file's only ones at
        // these indents); the stray bytes go somewhere inside one of them.
        let starts: Vec<usize> = text.match_indices("\n    {").map(|(i, _)| i + 5).collect();
        let ends: Vec<usize> = text.match_indices("\n    }").map(|(i, _)| i).collect();
        let k = which % saved.bookmarks.len();
        let (open, close) = (starts[k] + 1, ends[k]);
        let mut at = open + ((close - open) as f64 * from) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut to = (at + len).min(close);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        std::fs::write(&path, format!("{}{stray}{}", &text[..at], &text[to..])).unwrap();
        let (_, loaded) = StateFile::open(&path).unwrap();
        let others: Vec<&Bookmark> = saved
            .bookmarks
            .iter()
            .enumerate()
            .filter(|&(n, _)| n != k)
            .map(|(_, b)| b)
            .collect();
        // Every other one as it was, and the spoiled one at most (its id may be spoiled).
        let got = &loaded.state.bookmarks;
        for other in &others {
            prop_assert!(got.contains(other), "{:?} lost: {:?}", other, got);
        }
        prop_assert!(got.len() <= others.len() + 1, "{:?}", got);
    }
    /// Whatever a state file holds, opening it gives a state and never panics: JSON-like
    /// text with Chinese in it went through the salvage of a spoiled bookmark, where a cut
    /// inside a character once did.
    #[test]
    fn any_text_opens_without_a_panic(
        text in "[{}\\[\\]\":, a-z0-9报源\n]{0,300}",
        bookmark in bookmark(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (file, _) = StateFile::open(&path).unwrap();
        file.apply(&[Change::AddBookmark(Box::new(bookmark))]).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        // Alone, and put inside a file ribao wrote.
        for spoiled in [text.clone(), saved.replacen("\"source\"", &text, 1)] {
            std::fs::write(&path, spoiled).unwrap();
            let _ = StateFile::open(&path);
        }
    }
}
