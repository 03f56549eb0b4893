//! The state file: round trip, format, unknown fields, merge semantics, errors a user sees.

use chrono::NaiveDate;
use ribao::model::{Digest, Format, Item};
use ribao::state::{Bookmark, Change, PLACES_KEPT, Place, Position, State, StateError, StateFile};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

fn bookmark(id: &str, added: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        date: Some("2026-11-23".into()),
        source: "量子位".into(),
        category: Some("大模型".into()),
        title: format!("标题 {id}"),
        url: Some(format!("https://example.com/{id}")),
        path: "/digests/2026-11-23.md".into(),
        added: added.into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    }
}

fn raw(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn changes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(loaded.state, State::default());
    assert!(loaded.notices.is_empty());
    assert!(!path.exists(), "opening must not create the file");

    let position = Position {
        date: Some("2026-11-23".into()),
        category: Some("大模型".into()),
        item: Some("a1".into()),
        scroll: 42,
        ..Position::default()
    };
    let saved = file
        .apply(&[
            Change::AddBookmark(Box::new(bookmark("a1", "2026-11-23T10:15:00Z"))),
            Change::MarkRead("a1".into()),
            Change::MarkRead("b2".into()),
            Change::SetPosition(Box::new(position.clone())),
        ])
        .unwrap();
    assert!(saved.notices.is_empty());

    let (_, reopened) = StateFile::open(&path).unwrap();
    assert_eq!(reopened.state, saved.state);
    let state = reopened.state;
    assert_eq!(
        state.bookmarks,
        vec![bookmark("a1", "2026-11-23T10:15:00Z")]
    );
    assert!(state.is_bookmarked("a1") && !state.is_bookmarked("b2"));
    assert!(state.is_read("a1") && state.is_read("b2") && !state.is_read("c3"));
    assert_eq!(state.position, Some(position));
}

#[test]
fn file_is_pretty_versioned_json_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let mut b = bookmark("a1", "2026-11-23T10:15:00Z");
    b.date = None;
    b.url = None;
    file.apply(&[
        Change::AddBookmark(Box::new(b)),
        Change::MarkRead("a1".into()),
    ])
    .unwrap();

    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("\n  \"version\": 1,\n"), "{text}");
    assert!(
        text.contains("量子位"),
        "CJK stays readable, not escaped: {text}"
    );
    assert_eq!(
        raw(&path),
        json!({
            "version": 1,
            "saves": 1,
            "bookmarks": [{
                "id": "a1", "date": null, "source": "量子位", "category": "大模型",
                "title": "标题 a1", "url": null, "path": "/digests/2026-11-23.md",
                "added": "2026-11-23T10:15:00Z"
            }],
            "read": ["a1"],
            "position": null
        })
    );
}

/// A file of a version alone, as a hand may write one, is an empty state: no damage said,
/// nothing copied aside (tester CS: it was said to lack fields, naming none).
#[test]
fn a_version_alone_is_an_empty_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, r#"{"version": 1}"#).unwrap();
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.state.bookmarks.len(), 0);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing copied aside"
    );
}

#[test]
fn saving_creates_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::MarkRead("x".into())]).unwrap();
    assert!(StateFile::open(&path).unwrap().1.state.is_read("x"));
}

#[test]
fn bookmark_outlives_its_digest_file() {
    let dir = tempfile::tempdir().unwrap();
    let digest_path = dir.path().join("store/2026-11-23.md");
    fs::create_dir_all(digest_path.parent().unwrap()).unwrap();
    fs::write(&digest_path, "# AI 日报\n").unwrap();
    let item = Item {
        id: "i7".into(),
        title: "OpenAI 发布新模型".into(),
        category: Some("大模型".into()),
        region: None,
        outlet: Some("量子位".into()),
        url: Some("https://openai.com/news".into()),
        body: "正文".into(),
        unified: None,
    };
    let digest = Digest {
        id: "d1".into(),
        path: digest_path.clone(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23),
        source: "AI 日报".into(),
        series: None,
        title: "AI 日报 2026-11-23".into(),
        format: Format::FrontMatterDaily,
        front_page: String::new(),
        items: vec![item.clone()],
        warnings: Vec::new(),
    };
    let state_path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&state_path).unwrap();
    let library = ribao::library::Library::from_digests(
        ribao::library::Origin::Store(dir.path().join("store")),
        vec![digest],
        Vec::new(),
        &ribao::categories::Categorizer::builtin(),
    );
    let mark = Bookmark::for_item(&library.digests()[0], &library.item(0), Some(&item.body));
    file.apply(&[Change::AddBookmark(Box::new(mark))]).unwrap();

    fs::remove_dir_all(dir.path().join("store")).unwrap();

    let (_, loaded) = StateFile::open(&state_path).unwrap();
    let kept = loaded.state.bookmark("i7").expect("bookmark kept");
    assert_eq!(kept.title, "OpenAI 发布新模型");
    assert_eq!(kept.source, "AI 日报");
    assert_eq!(kept.date.as_deref(), Some("2026-11-23"));
    assert_eq!(kept.category.as_deref(), Some("大模型"));
    assert_eq!(kept.url.as_deref(), Some("https://openai.com/news"));
    assert_eq!(kept.text.as_deref(), Some("正文"));
    // Its meta line as the story's, outlet included (tester AE: it was left out).
    assert_eq!(kept.meta(), "2026-11-23 · AI 日报 · 大模型 · 量子位");
    assert_eq!(Path::new(&kept.path), digest_path);
    assert!(
        kept.added_at().is_some(),
        "added is RFC 3339: {}",
        kept.added
    );
}

#[test]
fn fields_from_a_newer_version_are_kept_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let newer = json!({
        "version": 1,
        "theme": {"name": "solarized"},
        "bookmarks": [{
            "id": "a1", "date": "2026-11-23", "source": "s", "category": null, "title": "t",
            "url": null, "path": "/p.md", "added": "2026-11-23T10:15:00Z",
            "note": "读完再看", "tags": ["x", "y"]
        }],
        "read": ["a1"],
        "position": {"date": "2026-11-23", "category": null, "item": "a1", "scroll": 3,
                     "column": 17}
    });
    fs::write(&path, serde_json::to_vec_pretty(&newer).unwrap()).unwrap();

    let (file, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.notices.is_empty());
    assert_eq!(loaded.state.bookmarks[0].extra["note"], "读完再看");
    file.apply(&[
        Change::AddBookmark(Box::new(bookmark("b2", "2026-11-24T08:00:00Z"))),
        Change::SetPosition(Box::new(Position {
            item: Some("b2".into()),
            scroll: 9,
            ..Position::default()
        })),
    ])
    .unwrap();

    let saved = raw(&path);
    assert_eq!(saved["theme"], json!({"name": "solarized"}));
    assert_eq!(saved["bookmarks"][0]["note"], "读完再看");
    assert_eq!(saved["bookmarks"][0]["tags"], json!(["x", "y"]));
    assert_eq!(saved["bookmarks"][1]["id"], "b2");
    assert_eq!(saved["position"]["item"], "b2");
    assert_eq!(saved["position"]["scroll"], 9);
    assert_eq!(saved["position"]["column"], 17);
}

#[test]
fn adding_twice_keeps_the_first_and_removing_a_missing_one_changes_nothing() {
    let mut state = State::default();
    assert!(state.apply(&Change::AddBookmark(Box::new(bookmark(
        "a",
        "2026-01-01T00:00:00Z"
    )))));
    assert!(!state.apply(&Change::AddBookmark(Box::new(bookmark(
        "a",
        "2026-02-02T00:00:00Z"
    )))));
    assert!(!state.apply(&Change::RemoveBookmark("zzz".into())));
    assert_eq!(state.bookmarks, vec![bookmark("a", "2026-01-01T00:00:00Z")]);
    assert!(state.apply(&Change::RemoveBookmark("a".into())));
    assert!(state.bookmarks.is_empty());
    assert!(state.apply(&Change::MarkRead("a".into())));
    assert!(!state.apply(&Change::MarkRead("a".into())));
    assert!(state.apply(&Change::MarkUnread("a".into())));
    assert!(!state.is_read("a"));
}

#[test]
fn bookmarks_list_newest_first() {
    let mut state = State::default();
    state.apply_all(&[
        Change::AddBookmark(Box::new(bookmark("mid", "2026-05-01T00:00:00Z"))),
        Change::AddBookmark(Box::new(bookmark("old", "2026-01-01T00:00:00+08:00"))),
        Change::AddBookmark(Box::new(bookmark("new", "2026-05-01T09:00:00+08:00"))),
        Change::AddBookmark(Box::new(bookmark("garbled", "yesterday"))),
        Change::AddBookmark(Box::new(bookmark("mid-later", "2026-05-01T00:00:00Z"))),
    ]);
    let ids: Vec<&str> = state
        .bookmarks_newest_first()
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    // 09:00+08:00 is 01:00Z; equal times list the later-made first.
    assert_eq!(ids, ["new", "mid-later", "mid", "old", "garbled"]);
}

#[test]
fn leftover_temporary_files_are_ignored_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::MarkRead("a".into())]).unwrap();
    let stray = dir.path().join(".state.json.tmp-99999-0");
    fs::write(&stray, "{\"version\":1,\"read\":[\"torn").unwrap();

    let (file, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.notices.is_empty() && loaded.state.is_read("a"));
    file.apply(&[Change::MarkRead("b".into())]).unwrap();
    assert!(
        !stray.exists(),
        "the next save cleans up after a killed writer"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dotfiles/state.json");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (file, _) = StateFile::open(&link).unwrap();
    file.apply(&[Change::MarkRead("a".into())]).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(raw(&target)["read"], json!(["a"]));
}

#[test]
fn a_path_under_a_file_gives_clear_errors_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "just a file").unwrap();
    let path = blocker.join("state.json");

    // The reader carries on with an empty state and saving disabled.
    let err = StateFile::open(&path).unwrap_err();
    assert!(matches!(err, StateError::Read { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("--state"), "says what to do: {message}");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "just a file");
}

#[test]
fn a_folder_that_cannot_be_created_gives_a_clear_save_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/state.json");
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert_eq!(loaded.state, State::default());
    // Something else takes the folder's place while ribao runs (works even as root).
    fs::write(dir.path().join("data"), "in the way").unwrap();

    let err = file.apply(&[Change::MarkRead("a".into())]).unwrap_err();
    assert!(matches!(err, StateError::Save { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("cannot save state to {}: ", path.display())),
        "{message}"
    );
    assert!(!message.contains("os error"), "{message}");
    assert_eq!(
        fs::read_to_string(dir.path().join("data")).unwrap(),
        "in the way"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("state.json");
    StateFile::open(&path)
        .unwrap()
        .0
        .apply(&[Change::MarkRead("old".into())])
        .unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = fs::write(folder.join("probe"), "").is_ok();
    if privileged {
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("SKIPPED: running as root, folder permissions do not stop writes");
        return;
    }
    let (file, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.state.is_read("old"));
    let err = file.apply(&[Change::MarkRead("new".into())]).unwrap_err();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save state to {}: permission denied — saving needs the file and the folder \
             it is in to be writable",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_private_state_file_stays_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::MarkRead("a".into())]).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    file.apply(&[Change::MarkRead("b".into())]).unwrap();
    assert_eq!(raw(&path)["read"], json!(["a", "b"]));
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[cfg(unix)]
#[test]
fn a_read_only_state_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[Change::MarkRead("old".into())]).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    if fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("SKIPPED: running as root, file permissions do not stop writes");
        return;
    }
    let err = file.apply(&[Change::MarkRead("new".into())]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save state to {}: permission denied — saving needs the file and the folder \
             it is in to be writable",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// `--state /dev/null` (or a pipe, or a folder) is refused by name: reading a pipe would block,
/// and a save would put a regular file where the device or pipe was.
#[cfg(unix)]
#[test]
fn a_device_pipe_or_folder_is_refused_and_left_as_it_is() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    for (path, kind) in [
        (Path::new("/dev/null").to_path_buf(), "a device"),
        (pipe.clone(), "a pipe"),
        (dir.path().to_path_buf(), "a folder"),
    ] {
        let err = StateFile::open(&path).unwrap_err();
        let said = err.to_string();
        assert!(
            said.contains(&path.display().to_string())
                && said.contains(&format!("is {kind}, not a regular file")),
            "{said}"
        );
    }
    // A path that became a pipe after it was opened is not saved into either.
    let later = dir.path().join("later.json");
    let file = StateFile::open(&later).unwrap().0;
    let made = std::process::Command::new("mkfifo")
        .arg(&later)
        .status()
        .unwrap();
    assert!(made.success());
    let change = Change::AddBookmark(Box::new(bookmark("a1", "2026-11-23T08:00:00Z")));
    let err = file.apply(&[change]).unwrap_err();
    assert!(matches!(err, StateError::NotAFile { .. }), "{err:?}");
    assert!(fs::metadata(&later).unwrap().file_type().is_fifo());
    // Nor waited on by the reader's look at it (tester CS: the reader froze on the pipe, deaf
    // to Ctrl-C, until something wrote to it).
    let (sent, looked) = std::sync::mpsc::channel();
    std::thread::spawn(move || sent.send(file.lost()).unwrap());
    let lost = looked.recv_timeout(std::time::Duration::from_secs(10));
    assert_eq!(lost, Ok(None), "the look waited on the pipe");
    let mut name = pipe.clone().into_os_string();
    name.push(".lock");
    assert!(
        !Path::new(&name).exists(),
        "no lock file beside a refused path"
    );
    assert!(fs::metadata(&pipe).unwrap().file_type().is_fifo());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A pipe in the lock file's place is refused at the save, not waited on (tester DB: the
    // reader froze at its first save, deaf to SIGTERM).
    let locked = dir.path().join("locked.json");
    let file = StateFile::open(&locked).unwrap().0;
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("locked.json.lock"))
        .status()
        .unwrap();
    assert!(made.success());
    let (sent, saved) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let change = Change::AddBookmark(Box::new(bookmark("a1", "2026-11-23T08:00:00Z")));
        sent.send(file.apply(&[change]).map(|_| ())).unwrap()
    });
    let said = saved.recv_timeout(std::time::Duration::from_secs(10));
    let said = said
        .expect("the save waited on the pipe")
        .unwrap_err()
        .to_string();
    assert!(said.contains("is a pipe, not a regular file"), "{said}");
}

#[test]
fn a_save_gives_up_on_a_lock_held_too_long_and_saves_once_it_is_let_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let file = file.with_patience(std::time::Duration::from_millis(200));
    // Another program's lock (a separate open file holds its own lock).
    let held = fs::File::create(dir.path().join("state.json.lock")).unwrap();
    held.lock().unwrap();
    let started = std::time::Instant::now();
    let err = file
        .apply(&[Change::AddBookmark(Box::new(bookmark(
            "a",
            "2026-11-23T08:00:00Z",
        )))])
        .unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let said = err.to_string();
    assert!(
        said.contains("state.json.lock") && said.contains("holds it (waited 0.2 s)"),
        "{said}"
    );
    assert!(!path.exists(), "nothing saved while the lock was held");
    held.unlock().unwrap();
    let saved = file
        .apply(&[Change::AddBookmark(Box::new(bookmark(
            "a",
            "2026-11-23T08:00:00Z",
        )))])
        .unwrap();
    assert_eq!(saved.state.bookmarks.len(), 1);
}

#[test]
fn a_lock_that_cannot_be_had_is_named_not_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    fs::create_dir(dir.path().join("state.json.lock")).unwrap();
    let said = file
        .apply(&[Change::AddBookmark(Box::new(bookmark(
            "a",
            "2026-11-23T08:00:00Z",
        )))])
        .unwrap_err()
        .to_string();
    assert!(
        said.contains("its lock file") && said.contains("state.json.lock: a folder is in the way"),
        "{said}"
    );
}

/// What a session could not save is kept whole, what it removed too: the next reader that
/// can write the state file takes in the bookmark added, and the bookmark and read mark
/// taken off stay off (tester AD: they came back); the kept file's folder is its owner's.
#[test]
fn kept_changes_take_removals_in_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    file.apply(&[
        Change::AddBookmark(Box::new(bookmark("a", "2026-11-23T08:00:00Z"))),
        Change::MarkRead("r".into()),
    ])
    .unwrap();
    let folders = vec![dir.path().join("unsaved")];
    // A bookmark taken off and put back, a read mark made and taken off: nothing to keep,
    // lest a later change elsewhere be undone (tester AE).
    let undone = [
        Change::RemoveBookmark("a".into()),
        Change::AddBookmark(Box::new(bookmark("a", "2026-11-23T08:00:00Z"))),
        Change::MarkRead("s".into()),
        Change::MarkUnread("s".into()),
    ];
    assert_eq!(
        ribao::state::unsaved::keep(&path, &undone, None, &folders),
        Ok(None)
    );
    let changes = [
        Change::RemoveBookmark("a".into()),
        Change::MarkUnread("r".into()),
        Change::AddBookmark(Box::new(bookmark("b", "2026-11-23T09:00:00Z"))),
        Change::RemoveBookmark("c".into()),
        Change::AddBookmark(Box::new(bookmark("c", "2026-11-23T07:00:00Z"))),
    ];
    let kept = ribao::state::unsaved::keep(&path, &changes, None, &folders)
        .unwrap()
        .expect("kept");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&folders[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let (said, problem) = ribao::state::unsaved::take_in(&file, &folders).expect("taken in");
    assert!(
        said.contains("2 bookmark changes and 1 read mark change") && !problem,
        "{said}"
    );
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.state.is_bookmarked("b") && !loaded.state.is_bookmarked("a"));
    assert!(!loaded.state.is_read("r"));
    assert!(!kept.exists());
}

/// What a reader had of a state file another program removed, kept when it could not be
/// written again, is put back by the next reader, but not over another ribao's save since:
/// a bookmark that one took off stays off; the session's own changes are made either way
/// (tester DL: a bookmark removed came back, kept as though the session had made it).
#[test]
fn a_lost_state_file_is_put_back_only_where_none_saved_since() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let folders = vec![dir.path().join("unsaved")];
    let mark = |id: &str| Change::AddBookmark(Box::new(bookmark(id, "2026-11-23T08:00:00Z")));
    let had = (file.apply(&[mark("a"), mark("b"), Change::MarkRead("r".into())]))
        .unwrap()
        .state;
    let own = [mark("c")];
    ribao::state::unsaved::keep(&path, &own, Some(&had), &folders).unwrap();
    file.apply(&[Change::RemoveBookmark("b".into())]).unwrap();
    let (said, problem) = ribao::state::unsaved::take_in(&file, &folders).expect("taken in");
    let now = file.apply(&[]).unwrap().state;
    let marks: Vec<&str> = now.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(marks, ["a", "c"]);
    // What was had and not put back is kept aside all the same, and said; the count is of
    // what changed (a review: every mark had was counted).
    let aside: Vec<_> = fs::read_dir(&folders[0])
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        aside.len() == 1 && aside[0].to_string_lossy().ends_with(".passed-over"),
        "{aside:?}"
    );
    assert!(
        problem
            && said.contains("now has the 1 bookmark change ")
            && said.contains(&format!("kept in {}", aside[0].display())),
        "{said}"
    );
    fs::remove_file(&aside[0]).unwrap();
    // Lost still, backup and all: put back whole, with the session's own.
    ribao::state::unsaved::keep(&path, &own, Some(&had), &folders).unwrap();
    fs::remove_file(&path).unwrap();
    fs::remove_file(dir.path().join("state.json.bak")).unwrap();
    let (file, _) = StateFile::open(&path).unwrap();
    let (said, _) = ribao::state::unsaved::take_in(&file, &folders).expect("taken in");
    let now = file.apply(&[]).unwrap().state;
    let marks: Vec<&str> = now.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(marks, ["a", "b", "c"], "{said}");
    assert!(
        said.contains("now has the 3 bookmark changes and 1 read mark change "),
        "{said}"
    );
    assert!(now.is_read("r"));
    // Lost, its backup there and no other ribao since: put back from the backup, which is
    // no save of another's, so what was had is put back too, the session's removal made
    // (tester DP: passed over, said to be another ribao's doing).
    let had = file.apply(&[]).unwrap().state;
    let own = [Change::RemoveBookmark("a".into())];
    ribao::state::unsaved::keep(&path, &own, Some(&had), &folders).unwrap();
    fs::remove_file(&path).unwrap();
    let (file, _) = StateFile::open(&path).unwrap();
    let (said, _) = ribao::state::unsaved::take_in(&file, &folders).expect("taken in");
    let now = file.apply(&[]).unwrap().state;
    let marks: Vec<&str> = now.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(marks, ["b", "c"], "{said}");
    assert!(!said.contains("another ribao"), "{said}");
    assert_eq!(fs::read_dir(&folders[0]).unwrap().count(), 0);
}

/// A file larger than any state file grows is left as it is, neither read nor copied aside
/// (tester DO: 300 MB of zeros was read whole, then copied, by `ribao bookmarks`).
#[test]
fn a_file_larger_than_a_state_file_grows_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::File::create(&path)
        .unwrap()
        .set_len(256 * 1024 * 1024)
        .unwrap();
    let Err(said) = StateFile::open(&path).map(|_| ()) else {
        panic!("read as a state file");
    };
    let said = said.to_string();
    assert!(
        said.contains("is left as it is: at 256 MB it is larger than a state file grows (under"),
        "{said}"
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing copied"
    );
}

/// A kept file cut short gives what can still be read of it, said, and its bytes stay aside
/// (tester CS: it was passed over at every start, unsaid, and its bookmarks lost).
#[test]
fn a_kept_file_cut_short_gives_what_can_be_read_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let folders = vec![dir.path().join("unsaved")];
    let changes = [
        Change::AddBookmark(Box::new(bookmark("first", "2026-11-23T08:00:00Z"))),
        Change::AddBookmark(Box::new(bookmark("second", "2026-11-23T09:00:00Z"))),
    ];
    let kept = ribao::state::unsaved::keep(&path, &changes, None, &folders)
        .unwrap()
        .expect("kept");
    let bytes = fs::read(&kept).unwrap();
    let first_whole = String::from_utf8_lossy(&bytes).find("\"second\"").unwrap();
    fs::write(&kept, &bytes[..first_whole + 3]).unwrap();
    let (said, problem) = ribao::state::unsaved::take_in(&file, &folders).expect("taken in");
    let mut aside = kept.clone().into_os_string();
    aside.push(".broken");
    // Shown whole, as a problem (tester CT: the path was cut off the status bar).
    assert!(problem);
    assert!(
        said.contains("1 bookmark change")
            && said.contains(&format!("left as {}", Path::new(&aside).display())),
        "{said}"
    );
    let (_, loaded) = StateFile::open(&path).unwrap();
    assert!(loaded.state.is_bookmarked("first") && !loaded.state.is_bookmarked("second"));
    assert!(!kept.exists() && Path::new(&aside).exists());
    // Taken in once.
    assert_eq!(ribao::state::unsaved::take_in(&file, &folders), None);
    // One of which nothing can be read is set aside all the same, and said (tester CT).
    let kept = ribao::state::unsaved::keep(&path, &changes, None, &folders)
        .unwrap()
        .expect("kept");
    fs::write(&kept, b"{\"vers").unwrap();
    let (said, problem) = ribao::state::unsaved::take_in(&file, &folders).expect("said");
    assert!(
        said.contains("none that could be read was new") && problem,
        "{said}"
    );
}

/// What to do about a state file that cannot be read or locked fits the cause: a loop of
/// links is no matter of permissions, and a lock refused for permission is the folder's
/// (tester Z: "check its permissions" for a loop; the lock file alone named).
#[cfg(unix)]
#[test]
fn the_advice_for_an_unusable_state_file_fits_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let said = StateFile::open(&a).unwrap_err().to_string();
    assert!(
        said.contains("pass another file") && !said.contains("permissions"),
        "{said}"
    );
    let refused = StateError::Lock {
        path: dir.path().join("state.json"),
        lock: dir.path().join("state.json.lock"),
        cause: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    let said = refused.to_string();
    assert!(said.contains("folder it is in to be writable"), "{said}");
}

/// A place saved in one store does not replace the place left in another: each is kept by
/// its store, and going back to a store finds its own (tester AD: a start on the samples
/// lost the place in one's own digests).
#[test]
fn each_store_keeps_its_own_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let place = |store: &str, date: &str| {
        let mut p = Position {
            date: Some(date.into()),
            ..Position::default()
        };
        p.extra.insert(Position::STORE.into(), store.into());
        p
    };
    let mut searched = place("/digests", "2026-01-20");
    searched.extra.insert("search".into(), "英伟达".into());
    file.apply(&[Change::SetPosition(Box::new(searched))])
        .unwrap();
    file.apply(&[Change::SetPosition(Box::new(place(
        "samples",
        "2026-01-24",
    )))])
    .unwrap();
    let state = StateFile::open(&path).unwrap().1.state;
    let date_in = |state: &State, store| state.position_in(store).and_then(|p| p.date.clone());
    assert_eq!(date_in(&state, "/digests").as_deref(), Some("2026-01-20"));
    assert_eq!(date_in(&state, "samples").as_deref(), Some("2026-01-24"));
    assert_eq!(date_in(&state, "/elsewhere"), None);
    // Back in the store, its place moves on from its own, fields it kept and all.
    let state = file
        .apply(&[Change::SetPosition(Box::new(place(
            "/digests",
            "2026-01-21",
        )))])
        .unwrap()
        .state;
    let here = state.position_in("/digests").unwrap();
    assert_eq!(here.date.as_deref(), Some("2026-01-21"));
    assert_eq!(here.extra["search"], "英伟达");
    assert_eq!(date_in(&state, "samples").as_deref(), Some("2026-01-24"));
    assert_eq!(raw(&path)["elsewhere"]["samples"]["date"], "2026-01-24");
}

/// Where stories were left: a reader's places replace those saved for the same stories and
/// come last, one left at its top takes its saved place away, the others stay (another
/// reader's), and the oldest go past what is kept.
#[test]
fn places_saved_by_two_readers_merge_story_by_story() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, _) = StateFile::open(&path).unwrap();
    let at = |id: &str, at| Place { id: id.into(), at };
    let saved = |state: &State| -> Vec<(String, usize)> {
        state.places.iter().map(|p| (p.id.clone(), p.at)).collect()
    };
    file.apply(&[Change::SetPlaces(vec![
        at("a", 10),
        at("b", 20),
        at("c", 30),
    ])])
    .unwrap();
    let state = file
        .apply(&[Change::SetPlaces(vec![at("b", 0), at("a", 15), at("d", 5)])])
        .unwrap()
        .state;
    assert_eq!(
        saved(&state),
        [("c".into(), 30), ("a".into(), 15), ("d".into(), 5)]
    );
    assert_eq!(raw(&path)["places"][0], json!({"id": "c", "at": 30}));
    let many: Vec<Place> = (0..PLACES_KEPT + 3)
        .map(|i| at(&i.to_string(), 1))
        .collect();
    let state = file.apply(&[Change::SetPlaces(many)]).unwrap().state;
    assert_eq!(state.places.len(), PLACES_KEPT);
    assert_eq!(state.places[0].id, "3", "the oldest go first");
}
