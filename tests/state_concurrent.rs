//! Many writers at once in one process: every change lands, nothing is torn.

use ribao::state::{Bookmark, Change, StateFile, timestamp_now};
use std::collections::BTreeSet;
use std::fs;

fn bookmark(id: String) -> Bookmark {
    Bookmark {
        title: format!("title of {id}"),
        id,
        source: "s".into(),
        path: "/p.md".into(),
        added: timestamp_now(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    }
}

#[test]
fn eight_threads_adding_fifty_bookmarks_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/state.json");
    std::thread::scope(|s| {
        for t in 0..8 {
            let path = &path;
            s.spawn(move || {
                for n in 0..50 {
                    // Each add opens afresh, as separate `ribao bookmark add` runs would.
                    let (file, loaded) = StateFile::open(path).unwrap();
                    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
                    let saved = file
                        .apply(&[
                            Change::AddBookmark(Box::new(bookmark(format!("t{t}-{n}")))),
                            Change::MarkRead(format!("t{t}-{n}")),
                        ])
                        .unwrap();
                    assert!(saved.state.is_bookmarked(&format!("t{t}-{n}")));
                }
            });
        }
    });

    let (_, loaded) = StateFile::open(&path).unwrap();
    let ids: BTreeSet<String> = loaded
        .state
        .bookmarks
        .iter()
        .map(|b| b.id.clone())
        .collect();
    let expected: BTreeSet<String> = (0..8)
        .flat_map(|t| (0..50).map(move |n| format!("t{t}-{n}")))
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(loaded.state.bookmarks.len(), 400, "no duplicates");
    assert_eq!(loaded.state.read, expected.iter().collect());
    let names: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        BTreeSet::from_iter(names.iter().map(String::as_str)),
        BTreeSet::from(["state.json", "state.json.bak", "state.json.lock"]),
        "no temporary files left behind"
    );
}

#[test]
fn a_shared_handle_merges_adds_and_removes_from_many_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = StateFile::open(dir.path().join("state.json")).unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let file = &file;
            s.spawn(move || {
                for n in 0..30 {
                    let id = format!("t{t}-{n}");
                    file.apply(&[Change::AddBookmark(Box::new(bookmark(id.clone())))])
                        .unwrap();
                    if n % 3 == 0 {
                        file.apply(&[Change::RemoveBookmark(id)]).unwrap();
                    }
                }
            });
        }
    });
    let state = file.apply(&[]).unwrap().state;
    let ids: BTreeSet<String> = state.bookmarks.into_iter().map(|b| b.id).collect();
    let expected: BTreeSet<String> = (0..4)
        .flat_map(|t| {
            (0..30)
                .filter(|n| n % 3 != 0)
                .map(move |n| format!("t{t}-{n}"))
        })
        .collect();
    assert_eq!(ids, expected);
}
