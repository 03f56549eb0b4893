//! A state file that cannot be used is never lost: its bytes are copied aside, the user is told
//! where, and only then may a save replace it.

use chrono::{TimeDelta, Utc};
use ribao::state::{Bookmark, Change, GaveWay, Notice, State, StateFile};
use std::fs;
use std::path::{Path, PathBuf};

fn bookmark(id: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        source: "s".into(),
        title: id.into(),
        path: "/p.md".into(),
        added: "2026-11-23T10:15:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    }
}

fn bookmark_ids(state: &State) -> Vec<&str> {
    state.bookmarks.iter().map(|b| b.id.as_str()).collect()
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

    let saved = file
        .apply(&[Change::AddBookmark(Box::new(bookmark("n")))])
        .unwrap();
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
fn a_newer_format_version_is_neither_misread_nor_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let newer = br#"{"version": 2, "bookmarks": {"a": {"title": "t"}}}"#;
    fs::write(&path, newer).unwrap();
    let message = StateFile::open(&path).unwrap_err().to_string();
    assert!(
        message.contains("newer ribao")
            && message.contains("version 2")
            && message.contains(&path.display().to_string()),
        "{message}"
    );
    // Another ribao of this version that had the file open before cannot save over it either.
    let file = StateFile::open(dir.path().join("other.json")).unwrap().0;
    fs::rename(dir.path().join("state.json"), dir.path().join("other.json")).unwrap();
    let refused = file.apply(&[Change::AddBookmark(Box::new(bookmark("n")))]);
    assert!(refused.unwrap_err().to_string().contains("newer ribao"));
    assert_eq!(fs::read(dir.path().join("other.json")).unwrap(), newer);
    assert!(copies(dir.path()).is_empty(), "nothing to copy aside");
}

#[test]
fn what_can_be_read_of_a_damaged_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // A hand edit dropped one bookmark's `added`; the rest is as ribao wrote it.
    let damaged = br#"{"version": 1,
      "bookmarks": [
        {"id": "a", "source": "s", "title": "a", "path": "/p.md", "added": "2026-11-23T10:15:00Z"},
        {"id": "b", "source": "s", "title": "b", "path": "/p.md"},
        {"id": "c", "source": "s", "title": "c", "path": "/p.md", "added": "2026-11-23T10:15:00Z"}
      ],
      "read": ["x", 7, "y"],
      "position": {"date": "2026-11-23", "item": "a", "scroll": 3},
      "theme": "dark"}"#;
    fs::write(&path, damaged).unwrap();
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b", "c"]);
    assert_eq!(loaded.state.bookmarks[1].added, "", "its time is unknown");
    assert_eq!(loaded.state.read, ["x", "y"].into_iter().collect());
    assert_eq!(loaded.state.position.as_ref().unwrap().scroll, 3);
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(
        fs::read(&notice.copy).unwrap(),
        damaged,
        "the copy is exact"
    );
    let message = notice.to_string();
    assert!(
        message.contains("carries on with what could be read of it (3 bookmarks, 2 read marks and the reading position)")
            && message.contains("bookmark 2 (“b”, id b) is kept without its added"),
        "{message}"
    );

    file.apply(&[Change::AddBookmark(Box::new(bookmark("n")))])
        .unwrap();
    let (_, reopened) = StateFile::open(&path).unwrap();
    assert!(reopened.notices.is_empty(), "a good file was written");
    assert_eq!(bookmark_ids(&reopened.state), ["a", "b", "c", "n"]);
    assert_eq!(
        reopened.state.extra["theme"], "dark",
        "unknown fields are kept"
    );
}

/// Stray bytes typed into one bookmark's field (its closing quote lost, so the file is no
/// JSON) cost that field, not the bookmark: its id, title and the rest are kept (tester M:
/// the whole bookmark went, its id and title readable in the file).
#[test]
fn stray_bytes_in_a_field_cost_only_that_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let marks: Vec<Change> = ["a", "b", "c"]
        .map(|id| Change::AddBookmark(Box::new(bookmark(id))))
        .into();
    let saved = file.apply(&marks).unwrap().state;
    fs::remove_file(dir.path().join("state.json.bak")).unwrap();
    let pretty = fs::read_to_string(&path).unwrap();
    // Written on one line too: the bookmark after the spoiled one was lost (tester O).
    let compact =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&pretty).unwrap())
            .unwrap();
    let mut without_source = saved.bookmarks[1].clone();
    without_source.source = String::new();
    let kept = [
        saved.bookmarks[0].clone(),
        without_source,
        saved.bookmarks[2].clone(),
    ];
    // Its closing quote lost; and a quote typed into it (`"s "x"`), which reads as a value
    // cut short (tester O).
    for (text, colon) in [(&pretty, ": "), (&compact, ":")] {
        for by in ["s@@#$%garbage", "s \"x\""] {
            let source = format!("\"source\"{colon}\"s\"");
            let b = text.find(&format!("\"id\"{colon}\"b\"")).unwrap();
            let at = b + text[b..].find(&source).unwrap();
            let spoiled = format!(
                "{}\"source\"{colon}\"{by}{}",
                &text[..at],
                &text[at + source.len()..]
            );
            fs::write(&path, &spoiled).unwrap();
            let (_, loaded) = StateFile::open(&path).unwrap();
            assert_eq!(loaded.state.bookmarks, kept, "{spoiled}");
            let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
            assert!(notice.to_string().contains("(3 bookmarks)"), "{notice}");
        }
    }
}

/// Well-formed JSON with what ribao never writes: a bookmark listed twice, a date that is no
/// date, a blank id. The file is kept aside like any damaged one; the first of the two is
/// kept, the date is left out (the reader takes it from the story again), the bookmark
/// without an id is left out; the notice names each.
#[test]
fn a_bookmark_listed_twice_or_a_date_that_is_no_date_is_named_and_mended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let edited = br#"{"version": 1,
      "bookmarks": [
        {"id": "a", "source": "s", "title": "a", "path": "/p.md", "added": "2026-11-23T10:15:00Z"},
        {"id": "b", "date": "not-a-date", "source": "s", "title": "b", "path": "/p.md", "added": "2026-11-23T10:15:00Z"},
        {"id": "a", "source": "s", "title": "DUP", "path": "/p.md", "added": "2026-11-23T10:15:00Z"},
        {"id": "  ", "source": "s", "title": "blank", "path": "/p.md", "added": "2026-11-23T10:15:00Z"}
      ],
      "read": []}"#;
    fs::write(&path, edited).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b"]);
    assert_eq!(loaded.state.bookmarks[0].title, "a", "the first is kept");
    assert_eq!(loaded.state.bookmarks[1].date, None);
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    let message = notice.to_string();
    assert!(
        message.contains("bookmark 2 (“b”, id b) is kept without its date")
            && message.contains("bookmark 3 (id a) is listed twice: the first is kept")
            && message.contains("bookmark 4 (“blank”) has no id: not read"),
        "{message}"
    );
    assert_eq!(fs::read(&notice.copy).unwrap(), edited, "the copy is exact");
}

#[test]
fn other_unusable_shapes_are_kept_too() {
    for (bytes, says) in [
        (&b"{\"bookmarks\": []}"[..], "no \"version\""),
        (
            b"{\"version\": \"one\", \"bookmarks\": []}",
            "not a known format version",
        ),
        (
            b"{\"version\": 1,\n\"bookmarks\": \"many\"}",
            "expected fields: \"bookmarks\" is not a list",
        ),
    ] {
        let (_dir, _file, notice) = open_broken(bytes);
        assert!(notice.problem.contains(says), "{says}: {}", notice.problem);
    }
}

/// Bookmarks written as bare ids and read marks as ids marked true, as a file written by
/// hand may hold them, are kept, the rest of each bookmark taken from its story; a bookmark
/// of no shape is named with a space before what is wrong (tester DL: all were lost, and it
/// read `bookmark 3is not an object`).
#[test]
fn bare_ids_and_read_marks_marked_true_are_kept() {
    let bytes = br#"{"bookmarks": ["c4c83edae475", "64fbe16f383c", 7], "read": {"87b7": true, "99aa": false}}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, bytes).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    let (state, [notice]) = (
        loaded.state,
        <[Notice; 1]>::try_from(loaded.notices).unwrap(),
    );
    assert_eq!(bookmark_ids(&state), ["c4c83edae475", "64fbe16f383c"]);
    assert!(state.is_read("87b7") && !state.is_read("99aa"));
    assert!(
        notice
            .problem
            .contains("bookmark 3 is not an object: not read"),
        "{}",
        notice.problem
    );
}

/// An empty file (made with `touch`, say) is a state with nothing in it yet: nothing to
/// keep a copy of or to tell.
#[test]
fn an_empty_file_is_an_empty_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, " \n").unwrap();
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(loaded.state, State::default());
    assert!(loaded.notices.is_empty());
    let saved = file
        .apply(&[Change::AddBookmark(Box::new(bookmark("a")))])
        .unwrap();
    assert!(saved.notices.is_empty());
    assert!(copies(dir.path()).is_empty());
}

/// A state file in a new folder, saved once with bookmark `a`.
fn saved_with_a() -> (tempfile::TempDir, PathBuf, StateFile) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::AddBookmark(Box::new(bookmark("a")))])
        .unwrap();
    (dir, path, file)
}

/// A save over a damaged file is backed up too: a bookmark it removed does not come back
/// from an older backup when the file is emptied later (tester CH: it did, said to be "a
/// copy of the last save").
#[test]
fn a_save_over_a_damaged_file_is_its_backup() {
    let (_dir, path, _) = saved_with_a();
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[
        Change::AddBookmark(Box::new(bookmark("b"))),
        Change::AddBookmark(Box::new(bookmark("c"))),
    ])
    .unwrap();
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() - 40]).unwrap();
    let (other, _) = StateFile::open(&path).unwrap();
    let removed = other.apply(&[Change::RemoveBookmark("a".into())]).unwrap();
    assert_eq!(bookmark_ids(&removed.state), ["b", "c"]);
    fs::write(&path, "").unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["b", "c"]);
}

/// A ribao stopped between a save and its copy to the backup (killed) left a file newer
/// than the backup: it is taken as it is, removals and all, with no word of another program
/// (tester BS: a bookmark removed, and 25,666 stories marked unread, came back so). An older
/// copy put over the file is still said, and what it lacks given back.
#[test]
fn a_save_killed_before_its_backup_is_taken_as_it_is() {
    let (_dir, path, file) = saved_with_a();
    let first = fs::read(&path).unwrap();
    file.apply(&[
        Change::AddBookmark(Box::new(bookmark("b"))),
        Change::MarkRead("r1".into()),
    ])
    .unwrap();
    let backup = path.with_extension("json.bak");
    let before = fs::read(&backup).unwrap();
    file.apply(&[
        Change::RemoveBookmark("b".into()),
        Change::MarkUnread("r1".into()),
    ])
    .unwrap();
    fs::write(&backup, &before).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(loaded.notices, []);
    assert_eq!(bookmark_ids(&loaded.state), ["a"]);
    assert!(!loaded.state.is_read("r1"));

    fs::write(&path, &first).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(notice.gave_way, Some(GaveWay::Replaced));
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b"]);
}

/// A file emptied behind ribao's back (a full disk, another program) gives way to the copy
/// of the last save, and says so; before, it was an empty state, and the next save made
/// every bookmark gone for good.
#[test]
fn a_file_found_empty_gives_way_to_the_copy_of_the_last_save() {
    let (dir, path, file) = saved_with_a();
    let saved = file
        .apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let backup = dir.path().join("state.json.bak");
    for emptied in [&b""[..], b"\n  \n"] {
        fs::write(&path, emptied).unwrap();
        let (_, loaded) = StateFile::open(&path).unwrap();
        assert_eq!(loaded.state, saved.state);
        let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
        assert_eq!(notice.gave_way, Some(GaveWay::Empty));
        assert_eq!(notice.copy, backup);
        let message = notice.to_string();
        for says in [
            &path.display().to_string(),
            &backup.display().to_string(),
            "2 bookmarks",
        ] {
            assert!(message.contains(says), "{says}: {message}");
        }
    }
    // A save on the emptied file (a reader had it open) builds on the copy: nothing is lost.
    let after = file
        .apply(&[Change::AddBookmark(Box::new(bookmark("c")))])
        .unwrap();
    assert_eq!(bookmark_ids(&after.state), ["a", "b", "c"]);
    assert!(after.notices[0].while_open().contains("emptied"));
    assert_eq!(StateFile::open(&path).unwrap().1.state, after.state);
    assert!(copies(dir.path()).is_empty(), "nothing broken to keep");
    // That save is backed up: emptied again, the file gives back `c` too (tester O: the
    // backup still held the save before it, and `c` was lost).
    fs::write(&path, "").unwrap();
    assert_eq!(StateFile::open(&path).unwrap().1.state, after.state);
}

/// The copy is the last save: over a broken file, what could be read of it joined to the copy
/// before, so it keeps all the last whole save had; and with no copy an empty file is still
/// a new, empty state.
#[test]
fn the_copy_keeps_the_last_whole_save() {
    let (dir, path, file) = saved_with_a();
    let backup = dir.path().join("state.json.bak");
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    file.apply(&[Change::RemoveBookmark("b".into())]).unwrap();
    let (_, kept) = StateFile::open(&backup).unwrap();
    assert_eq!(bookmark_ids(&kept.state), ["a"], "the last save");
    fs::write(&path, b"{\"version\": 1, \"bookmarks\": [{\"id\": \"x\"").unwrap();
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let (_, kept) = StateFile::open(&backup).unwrap();
    assert_eq!(
        bookmark_ids(&kept.state),
        ["a", "b"],
        "the save, the copy before in it"
    );

    fs::remove_file(&backup).unwrap();
    fs::write(&path, b"").unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(loaded.state, State::default());
    assert!(loaded.notices.is_empty());
}

/// A file another program replaced, whole and readable but without bookmarks or read marks
/// of the last save, gives them back, with the file it left kept aside and the user told
/// (tester BN: an empty state written over the file took 48 bookmarks, and the next save
/// copied it to the backup too). What ribaos change is theirs to change: removing every
/// bookmark, here or in another ribao, is taken as it is.
#[test]
fn a_file_replaced_without_bookmarks_gives_them_back() {
    let (dir, path, file) = saved_with_a();
    file.apply(&[
        Change::AddBookmark(Box::new(bookmark("b"))),
        Change::MarkRead("r1".into()),
    ])
    .unwrap();
    let other = br#"{"version": 1, "bookmarks": [], "read": [], "position": null}"#;
    fs::write(&path, other).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b"]);
    assert!(loaded.state.is_read("r1"));
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(notice.gave_way, Some(GaveWay::Replaced));
    assert_eq!(copies(dir.path()), std::slice::from_ref(&notice.copy));
    assert_eq!(fs::read(&notice.copy).unwrap(), other, "the file it left");
    let message = notice.to_string();
    for says in [
        "replaced by another program",
        "2 bookmarks and 1 read mark of ribao's last save: they are kept",
        &notice.copy.display().to_string(),
    ] {
        assert!(message.contains(says), "{says}: {message}");
    }
    // A reader that had the file open saves them in it again, and says so.
    let after = file.apply(&[]).unwrap();
    assert_eq!(bookmark_ids(&after.state), ["a", "b"]);
    assert!(after.notices.is_empty(), "told once, by the open");
    assert_eq!(StateFile::open(&path).unwrap().1.notices, []);

    // What another program adds is taken as it is.
    let mut added: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    added["read"] = serde_json::json!(["r1", "r2"]);
    fs::write(&path, serde_json::to_vec(&added).unwrap()).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.notices.is_empty() && loaded.state.is_read("r2"));

    // Removals by ribaos, down to nothing and from another ribao too, are no loss.
    let (elsewhere, _) = StateFile::open(&path).unwrap();
    elsewhere
        .apply(&[Change::RemoveBookmark("a".into())])
        .unwrap();
    let seen = file.apply(&[Change::RemoveBookmark("b".into())]).unwrap();
    assert!(seen.notices.is_empty() && seen.state.bookmarks.is_empty());
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.notices.is_empty() && loaded.state.bookmarks.is_empty());
    assert_eq!(copies(dir.path()).len(), 1);
}

/// File and backup both cut short: what can be read of each is joined, and the backup's
/// bytes are kept aside before a save replaces them (tester BN: the broken backup was
/// written over unkept).
#[test]
fn a_backup_cut_short_is_read_and_kept_too() {
    let (dir, path, file) = saved_with_a();
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let whole = fs::read(&path).unwrap();
    let cut = &whole[..whole.len() * 2 / 3];
    let backup = dir.path().join("state.json.bak");
    fs::write(&backup, cut).unwrap();
    fs::write(&path, b"{\"version\": 1, \"bookmarks\": [").unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a"]);
    let kept: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.json.bak.broken-"))
        .collect();
    let [kept] = <[PathBuf; 1]>::try_from(kept).unwrap();
    assert_eq!(fs::read(&kept).unwrap(), cut);
    file.apply(&[Change::AddBookmark(Box::new(bookmark("c")))])
        .unwrap();
    assert_eq!(fs::read(&kept).unwrap(), cut, "kept as it was");
}

/// A file written twice over itself (`cat state.json >> state.json`) gives each bookmark
/// once, and the next save writes them so (tester BO: 14 of 7, saved, then said to be
/// broken by another program).
#[test]
fn a_file_written_after_itself_gives_each_bookmark_once() {
    let (dir, path, file) = saved_with_a();
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let whole = fs::read(&path).unwrap();
    fs::write(&path, [whole.clone(), whole].concat()).unwrap();
    // Without the backup, which has them once.
    fs::remove_file(dir.path().join("state.json.bak")).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b"]);
    file.apply(&[Change::AddBookmark(Box::new(bookmark("c")))])
        .unwrap();
    let (_, again) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&again.state), ["a", "b", "c"]);
    assert!(again.notices.is_empty());
    assert_eq!(copies(dir.path()).len(), 1);
}

/// With no copy yet, the first save after a broken file is copied: emptied right after, the
/// file had nothing to come back to (tester T).
#[test]
fn the_first_save_after_a_broken_file_with_no_copy_is_copied() {
    let (dir, file, _) = open_broken(b"{\"version\": 1, \"bookmarks\": [{\"id\": \"x\"");
    let backup = dir.path().join("state.json.bak");
    assert!(!backup.exists());
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    fs::write(dir.path().join("state.json"), b"").unwrap();
    let (_, loaded) = StateFile::open(dir.path().join("state.json")).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["b"]);
}

#[test]
fn a_file_broken_by_someone_else_while_running_is_kept_before_the_save() {
    let (_dir, path, file) = saved_with_a();
    let garbage = b"\x00\x01 not json at all";
    fs::write(&path, garbage).unwrap();

    let saved = file
        .apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let [notice] = <[Notice; 1]>::try_from(saved.notices).unwrap();
    assert_eq!(fs::read(&notice.copy).unwrap(), garbage);
    // The last save's backup still had `a`.
    assert_eq!(bookmark_ids(&saved.state), ["a", "b"]);
    assert_eq!(StateFile::open(&path).unwrap().1.state, saved.state);
}

/// A file cut short (a hand edit, a copy that stopped) keeps what could be read of it, and
/// the last save's backup gives back the rest: before, the next two saves made the backup
/// the rest too, and 20 of 25 bookmarks were gone for good (tester AD).
#[test]
fn a_file_cut_short_is_joined_with_the_last_saves_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let ids: Vec<String> = (0..25).map(|n| format!("id{n:02}")).collect();
    let changes: Vec<Change> = ids
        .iter()
        .map(|id| Change::AddBookmark(Box::new(bookmark(id))))
        .chain([Change::MarkRead("r1".into())])
        .collect();
    file.apply(&changes).unwrap();
    let whole = fs::read(&path).unwrap();
    // By hand, a bookmark the backup does not have yet, then the file cut short.
    let edited = String::from_utf8(whole)
        .unwrap()
        .replacen("\"id00\"", "\"new\"", 1);
    fs::write(&path, &edited.as_bytes()[..edited.len() / 4]).unwrap();

    let (_, loaded) = StateFile::open(&path).unwrap();
    let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
    want.push("new");
    assert_eq!(bookmark_ids(&loaded.state), want);
    assert!(loaded.state.is_read("r1"));
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    let backup = dir.path().join("state.json.bak");
    assert_eq!(notice.backup.as_ref(), Some(&backup));
    let message = notice.to_string();
    for says in [&backup.display().to_string(), "26 bookmarks", "1 read mark"] {
        assert!(message.contains(says), "{says}: {message}");
    }
    // Saves from here on keep them all, in the file and in its backup.
    file.apply(&[Change::AddBookmark(Box::new(bookmark("later")))])
        .unwrap();
    file.apply(&[Change::MarkRead("r2".into())]).unwrap();
    for kept in [&path, &backup] {
        let state = StateFile::open(kept).unwrap().1.state;
        assert_eq!(state.bookmarks.len(), 27, "{}", kept.display());
    }
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
    fs::write(&path, "{garbage one").unwrap();
    let first = StateFile::open(&path).unwrap().1.notices.remove(0).copy;
    fs::write(&path, "{garbage two").unwrap();
    let second = StateFile::open(&path).unwrap().1.notices.remove(0).copy;

    assert_eq!(fs::read_to_string(&first).unwrap(), "{garbage one");
    assert_eq!(fs::read_to_string(&second).unwrap(), "{garbage two");
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

/// A good file of three bookmarks and three read marks, as ribao writes it.
fn good_file() -> String {
    let state = State {
        bookmarks: ["a", "b", "c"].map(bookmark).to_vec(),
        read: ["x", "y", "z"].into_iter().collect(),
        ..State::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let file = StateFile::open(&path).unwrap().0;
    file.apply(&state.as_changes()).unwrap();
    fs::read_to_string(&path).unwrap()
}

/// Opens a state file holding `text`: what it gives, and its one notice's problem.
fn open_damaged(text: &str) -> (State, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, text).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(fs::read_to_string(&notice.copy).unwrap(), text);
    (loaded.state, notice.problem)
}

#[test]
fn a_quoted_version_costs_nothing_that_the_file_holds() {
    let text = good_file().replacen("\"version\": 1", "\"version\": \"1\"", 1);
    let (state, problem) = open_damaged(&text);
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
    assert_eq!(state.read.len(), 3);
    assert_eq!(problem, "its \"version\" is not a known format version");
}

#[test]
fn a_cut_off_file_keeps_every_bookmark_it_holds_whole() {
    let text = good_file();
    // Cut inside the second bookmark.
    let cut = text.find("\"b\"").unwrap() + 4;
    let (state, problem) = open_damaged(&text[..cut]);
    assert_eq!(bookmark_ids(&state), ["a"]);
    assert!(problem.contains("not valid JSON"), "{problem}");
    // Cut just before its closing brace: it is whole.
    let cut = text.find("\n    },\n    {\n      \"id\": \"c\"").unwrap();
    let (state, _) = open_damaged(&text[..cut]);
    assert_eq!(bookmark_ids(&state), ["a", "b"]);
    // A bookmark titled "read" is not taken for the list of read marks.
    let titled = text.replacen("\"title\": \"a\"", "\"title\": \"read\"", 1);
    let cut = titled.find("\"z\"").unwrap() + 1;
    let (state, _) = open_damaged(&titled[..cut]);
    assert_eq!(state.read, ["x", "y"].into_iter().collect());
    // Cut inside the read marks: all bookmarks, and the read marks before the cut.
    let cut = text.find("\"z\"").unwrap() + 1;
    let (state, _) = open_damaged(&text[..cut]);
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
    assert_eq!(state.read, ["x", "y"].into_iter().collect());
}

#[test]
fn the_problem_names_each_entry_that_could_not_be_read() {
    let text = good_file()
        .replacen("\"title\": \"b\"", "\"title\": 123", 1)
        .replacen("\"y\"", "42", 1);
    let (state, problem) = open_damaged(&text);
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
    assert_eq!(
        state.bookmarks[1].title, "",
        "the reader fills it in from the story"
    );
    assert!(
        problem.contains("bookmark 2 (id b) is kept without its title")
            && problem.contains("read mark 2 (42) is not an id"),
        "{problem}"
    );
    // Without an id there is no telling which story it was.
    let (state, problem) = open_damaged(&good_file().replacen("\"id\": \"c\"", "\"id\": 7", 1));
    assert_eq!(bookmark_ids(&state), ["a", "b"]);
    assert!(
        problem.contains("bookmark 3 (“c”) has an id ribao does not make (7): not read"),
        "{problem}"
    );
}

/// A note written above the object (`// my notes` on the first line) makes the file damaged,
/// not another program's: its bookmarks are kept (tester V: all were lost to saving
/// disabled).
#[test]
fn a_note_above_the_object_costs_no_bookmark() {
    let (state, problem) = open_damaged(&format!("// my notes\n{}", good_file()));
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
    assert!(problem.contains("not valid JSON"), "{problem}");
    // Nor the reader's places, here and in another store (tester X).
    let placed = good_file().replacen(
        "\"read\"",
        "\"position\": {\"date\": \"2026-04-02\", \"item\": \"b\", \"scroll\": 7},\n  \
         \"elsewhere\": {\"samples\": {\"date\": \"2026-01-24\"}},\n  \"read\"",
        1,
    );
    let (state, _) = open_damaged(&format!("// my notes\n{placed}"));
    let position = state.position.as_ref().expect("the place is kept");
    assert_eq!(
        (
            position.date.as_deref(),
            position.item.as_deref(),
            position.scroll
        ),
        (Some("2026-04-02"), Some("b"), 7)
    );
    assert_eq!(
        state.elsewhere["samples"].date.as_deref(),
        Some("2026-01-24")
    );
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
}

/// A file of valid JSON with one field spoiled keeps the places it holds as places, and the
/// next save reads back whole (tester BD: `elsewhere` was kept as an unknown field beside
/// itself, written twice, and every start after fell back on the backup, undoing removals).
#[test]
fn places_in_a_spoiled_file_are_saved_once() {
    let text = good_file().replacen(
        "\"read\": [",
        "\"elsewhere\": {\"samples\": {\"date\": \"2026-01-24\"}},\n  \
         \"places\": [{\"id\": \"b\", \"at\": 12}],\n  \"read\": [42, ",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, &text).unwrap();
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert!(
        loaded.notices[0]
            .problem
            .contains("read mark 1 (42) is not an id"),
        "{:?}",
        loaded.notices
    );
    let state = loaded.state;
    assert_eq!(
        state.elsewhere["samples"].date.as_deref(),
        Some("2026-01-24")
    );
    assert_eq!((state.places.len(), state.extra.len()), (1, 0), "{state:?}");
    file.apply(&[Change::RemoveBookmark("a".into())]).unwrap();
    let (_, reopened) = StateFile::open(&path).unwrap();
    assert!(reopened.notices.is_empty(), "{:?}", reopened.notices);
    assert_eq!(bookmark_ids(&reopened.state), ["b", "c"]);
    assert_eq!(reopened.state.places.len(), 1);
}

/// One place that does not read costs only itself (tester CC: every place was lost).
#[test]
fn a_spoiled_place_costs_only_itself() {
    let text = good_file().replacen(
        "\"read\": [",
        "\"places\": [{\"id\": \"p\", \"at\": 12}, {\"id\": \"q\", \"at\": \"x\"}],\n  \"read\": [",
        1,
    );
    let (state, problem) = open_damaged(&text);
    assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
    let places: Vec<(&str, usize)> = (state.places.iter())
        .map(|p| (p.id.as_str(), p.at))
        .collect();
    assert_eq!(places, [("p", 12)]);
    assert!(
        problem.contains("where one story was left could not be read"),
        "{problem}"
    );
}

/// In a file that is not JSON, where stories were left stay places: none becomes a bookmark
/// (tester CA: a stray byte at the end, and every story scrolled in came back bookmarked,
/// then saved so); and stray bytes among the read marks cost only themselves.
#[test]
fn places_in_text_that_is_not_json_are_no_bookmarks() {
    let text = good_file().replacen(
        "\"read\": [",
        "\"places\": [\n    {\"id\": \"p\", \"at\": 12},\n    {\"id\": \"q\", \"at\": 3}\n  ],\n  \"read\": [",
        1,
    );
    for damaged in [
        format!("{text}x"),
        text.trim_end().trim_end_matches('}').to_string(),
    ] {
        let (state, problem) = open_damaged(&damaged);
        assert!(problem.contains("not valid JSON"), "{problem}");
        assert_eq!(bookmark_ids(&state), ["a", "b", "c"]);
        let places: Vec<(&str, usize)> = (state.places.iter())
            .map(|p| (p.id.as_str(), p.at))
            .collect();
        assert_eq!(places, [("p", 12), ("q", 3)]);
        assert_eq!(state.read.len(), 3);
    }
    // A place whose `at` does not read is no bookmark either (a review).
    for spoiled in ["12x", "-1", "\"12\"", "null"] {
        let damaged = format!(
            "{}x",
            text.replacen("\"at\": 3", &format!("\"at\": {spoiled}"), 1)
        );
        let (state, _) = open_damaged(&damaged);
        assert_eq!(bookmark_ids(&state), ["a", "b", "c"], "{spoiled}");
        assert_eq!(state.places.len(), 1, "{spoiled}");
    }
    // Stray bytes among the read marks, a quote out of place too, cost only themselves.
    for (read, ids) in [
        ("\"read\": [ ,,, garbage 7 ", &["x", "y", "z"][..]),
        ("\"read\": [\"w\", q\", ", &["w", "x", "y", "z"]),
    ] {
        let garbled = format!("{}x", good_file().replacen("\"read\": [", read, 1));
        let (state, _) = open_damaged(&garbled);
        assert_eq!(state.read, ids.iter().copied().collect(), "{read}");
    }
}

/// In a file that is not JSON (a comment a hand edit added), a bookmark read whole but not
/// kept is named as in valid JSON, not left out unsaid (tester T).
#[test]
fn a_bookmark_not_kept_from_text_that_is_not_json_is_named() {
    let text = good_file()
        .replacen("{", "{\n// my bookmarks\n", 1)
        .replacen("\"id\": \"c\"", "\"id\": 7", 1);
    let (state, problem) = open_damaged(&text);
    assert_eq!(bookmark_ids(&state), ["a", "b"]);
    assert!(
        problem.contains("not valid JSON")
            && problem.contains("a bookmark (“c”) has an id ribao does not make (7): not read"),
        "{problem}"
    );
}

/// A state file that is not there where its backup is (moved away, as ribao's advice for a
/// file not its own says, or removed by hand) gives way to the backup, and says how to start
/// afresh; before, the start was empty and its first save replaced the backup too (tester AR:
/// 11 bookmarks became 1).
#[test]
fn a_missing_file_gives_way_to_the_copy_of_the_last_save() {
    let (dir, path, file) = saved_with_a();
    file.apply(&[Change::AddBookmark(Box::new(bookmark("b")))])
        .unwrap();
    let backup = dir.path().join("state.json.bak");
    fs::rename(&path, dir.path().join("moved.json")).unwrap();
    let (reopened, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(bookmark_ids(&loaded.state), ["a", "b"]);
    let [notice] = <[Notice; 1]>::try_from(loaded.notices).unwrap();
    assert_eq!(notice.gave_way, Some(GaveWay::Missing));
    let message = notice.to_string();
    for says in [
        &path.display().to_string(),
        &backup.display().to_string(),
        "2 bookmarks",
        "move the backup away too",
    ] {
        assert!(message.contains(says), "{says}: {message}");
    }
    // A save builds on the backup, and backs up all three.
    let saved = reopened
        .apply(&[Change::AddBookmark(Box::new(bookmark("c")))])
        .unwrap();
    assert_eq!(bookmark_ids(&saved.state), ["a", "b", "c"]);
    let (_, kept) = StateFile::open(&backup).unwrap();
    assert_eq!(bookmark_ids(&kept.state), ["a", "b", "c"]);
    // With the backup moved away too, the start is empty, as a first one.
    fs::remove_file(&path).unwrap();
    fs::remove_file(&backup).unwrap();
    let (_, fresh) = StateFile::open(&path).unwrap();
    assert_eq!(fresh.state, State::default());
    assert!(fresh.notices.is_empty());
}
