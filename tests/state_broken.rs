//! A state file that cannot be used is never lost: its bytes are copied aside, the user is told
//! where, and only then may a save replace it.

use chrono::{TimeDelta, Utc};
use ribao::state::{Bookmark, Change, Notice, State, StateFile};
use std::fs;
use std::path::{Path, PathBuf};

fn bookmark(id: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        source: "s".into(),
        title: id.into(),
        path: "/p.md".into(),
        added: "2026-11-23T10:15:00Z".into(),
        ..Bookmark::default()
    }
}

fn copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.json.broken-"))
        .collect();
    found.sort();
    found
}

/// Opens a state file holding `bytes`; checks the one notice and the copy; returns the notice.
fn open_broken(bytes: &[u8]) -> (tempfile::TempDir, StateFile, Notice) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, bytes).unwrap();
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(
        loaded.state,
        State::default(),
        "carries on from empty state"
    );
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(notice.path, path);
    assert_eq!(copies(dir.path()), std::slice::from_ref(&notice.copy));
    assert_eq!(fs::read(&notice.copy).unwrap(), bytes, "the copy is exact");
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "opening does not overwrite"
    );
    let message = notice.to_string();
    assert!(
        message.contains(&notice.copy.display().to_string()),
        "{message}"
    );
    assert!(message.contains(&notice.problem), "{message}");
    (dir, file, notice)
}

#[test]
fn invalid_json_is_copied_aside_then_replaced_by_the_next_change() {
    let garbage = b"{\"version\": 1,\n \"bookmarks\": [\n  {\"id\": \"a\"" as &[u8];
    let (dir, file, notice) = open_broken(garbage);
    assert!(
        notice.problem.contains("not valid JSON") && notice.problem.contains("line 3 column"),
        "{}",
        notice.problem
    );

    let saved = file.apply(&[Change::AddBookmark(bookmark("n"))]).unwrap();
    assert!(saved.notices.is_empty(), "already told at open");
    let (_, reopened) = StateFile::open(dir.path().join("state.json")).unwrap();
    assert!(reopened.notices.is_empty(), "a fresh file was written");
    assert_eq!(reopened.state.bookmarks, [bookmark("n")]);
    assert_eq!(
        copies(dir.path()),
        std::slice::from_ref(&notice.copy),
        "no second copy"
    );
    assert_eq!(fs::read(&notice.copy).unwrap(), garbage);
}

#[test]
fn a_newer_format_version_is_kept_and_not_misread() {
    let newer = br#"{"version": 2, "bookmarks": {"a": {"title": "t"}}}"#;
    let (_dir, _file, notice) = open_broken(newer);
    assert!(
        notice.problem.contains("newer ribao") && notice.problem.contains("version 2"),
        "{}",
        notice.problem
    );
}

#[test]
fn other_unusable_shapes_are_kept_too() {
    for (bytes, says) in [
        (&b"[1, 2]"[..], "not a JSON object"),
        (b"", "not valid JSON"),
        (b"{\"bookmarks\": []}", "no \"version\""),
        (b"{\"version\": \"one\"}", "not a known format version"),
        (
            b"{\"version\": 1,\n\"bookmarks\": \"many\"}",
            "expected fields: invalid type",
        ),
    ] {
        let (_dir, _file, notice) = open_broken(bytes);
        assert!(notice.problem.contains(says), "{says}: {}", notice.problem);
    }
}

#[test]
fn a_file_broken_by_someone_else_while_running_is_kept_before_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::AddBookmark(bookmark("a"))]).unwrap();
    let garbage = b"\x00\x01 not json at all";
    fs::write(&path, garbage).unwrap();

    let saved = file.apply(&[Change::AddBookmark(bookmark("b"))]).unwrap();
    let [notice] = <[Notice; 1]>::try_from(saved.notices).unwrap();
    assert_eq!(fs::read(&notice.copy).unwrap(), garbage);
    assert_eq!(saved.state.bookmarks, [bookmark("b")]);
    assert_eq!(StateFile::open(&path).unwrap().1.state, saved.state);
}

#[test]
fn an_earlier_copy_is_never_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // Occupy the names a copy made during this test could take.
    let now = Utc::now();
    let taken: Vec<PathBuf> = (0..5)
        .map(|s| {
            let stamp = (now + TimeDelta::seconds(s)).format("%Y%m%dT%H%M%SZ");
            let copy = dir.path().join(format!("state.json.broken-{stamp}"));
            fs::write(&copy, format!("earlier {s}")).unwrap();
            copy
        })
        .collect();
    fs::write(&path, "garbage one").unwrap();
    let first = StateFile::open(&path).unwrap().1.notices.remove(0).copy;
    fs::write(&path, "garbage two").unwrap();
    let second = StateFile::open(&path).unwrap().1.notices.remove(0).copy;

    assert_eq!(fs::read_to_string(&first).unwrap(), "garbage one");
    assert_eq!(fs::read_to_string(&second).unwrap(), "garbage two");
    for (s, copy) in taken.iter().enumerate() {
        assert_eq!(fs::read_to_string(copy).unwrap(), format!("earlier {s}"));
    }
    assert_eq!(copies(dir.path()).len(), 7);
}

#[test]
fn ribaos_opening_the_same_broken_file_keep_one_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, "{{{").unwrap();
    let notices: Vec<Notice> = std::thread::scope(|s| {
        let opens: Vec<_> = (0..6)
            .map(|_| s.spawn(|| StateFile::open(&path).unwrap().1.notices.remove(0)))
            .collect();
        opens.into_iter().map(|o| o.join().unwrap()).collect()
    });
    assert_eq!(copies(dir.path()).len(), 1);
    assert!(notices.iter().all(|n| n.copy == notices[0].copy));
}
