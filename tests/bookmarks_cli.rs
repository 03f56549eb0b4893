//! Bookmarks from the command line, including two ribao processes saving at the same time.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn ribao_with(store: &Path, state: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "--store".to_string(),
        store.display().to_string(),
        "--state".into(),
        state.display().to_string(),
    ];
    all.extend(args.iter().map(|s| s.to_string()));
    // The state's folder is the test's own: home for the rest. The index cache is not under
    // it, where the store often is (ribao writes nothing under the store).
    let cache = tempfile::tempdir().unwrap();
    command(state.parent().unwrap())
        .args(&all)
        .arg("--cache-dir")
        .arg(cache.path())
        .output()
        .unwrap()
}

/// A store with one digest of `n` numbered stories, each with a link.
fn store_with_items(dir: &Path, n: usize) -> Vec<String> {
    let mut md = String::from("## 测试日报 2026-03-01\n\n### 产品更新\n\n");
    for i in 0..n {
        md.push_str(&format!(
            "{}.  第{i}号新闻：示例公司发布产品。[原文](https://example.com/{i})\n\n",
            i + 1
        ));
    }
    std::fs::write(dir.join("2026-03-01.md"), md).unwrap();
    let out = ribao_with(dir, &dir.join("unused.json"), &["items", "--json"]);
    ids_of(&json(&out))
}

/// The state file at `state` as `edit` leaves its JSON, as another program (or a hand) writes
/// it.
fn edit_state(state: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    edit(&mut saved);
    std::fs::write(state, saved.to_string()).unwrap();
}

/// A folder `store` in a new temporary folder, with one digest of `n` stories (their ids),
/// and where the state file goes beside it.
fn store_folder(n: usize) -> (tempfile::TempDir, PathBuf, Vec<String>, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let ids = store_with_items(&store, n);
    let state = dir.path().join("state.json");
    (dir, store, ids, state)
}

#[test]
fn add_list_markdown_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 3);
    let state = dir.path().join("nested/folders/state.json");
    // None yet: said on stderr, and the output stays empty for scripts.
    let none = ribao_with(dir.path(), &state, &["bookmarks"]);
    assert!(none.status.success() && none.stdout.is_empty());
    // The file not there is named, and the folder it would be made in (tester DV: a
    // mistyped --state said only "no bookmarks yet").
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(
        said.contains(&format!(
            "no bookmarks yet (the state file {} is not there, nor its folder {})",
            state.display(),
            dir.path().join("nested").display()
        )),
        "{said}"
    );
    // The default state file, which a new user has not made yet, is no mistake to name.
    let default = ribao(&["--store", dir.path().to_str().unwrap(), "bookmarks"]);
    let said = String::from_utf8_lossy(&default.stderr);
    assert!(
        said.starts_with("ribao: no bookmarks yet — b on a story"),
        "{said}"
    );
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[1]]);
    assert!(added.status.success());
    assert!(state.is_file(), "parent folders are created");
    // And said, as a mistyped path would make them (tester CQ).
    let said = String::from_utf8_lossy(&added.stderr);
    let made = dir.path().join("nested");
    assert!(
        said.contains(&format!(
            "made the folder {} for the state file",
            made.display()
        )),
        "{said}"
    );
    assert!(!said.contains("`~`"), "{said}");
    // A `~` the shell left as it is is named as such (tester DU: a folder named `~` was
    // made, unexplained).
    let work = tempfile::tempdir().unwrap();
    let tilde = command(work.path())
        .current_dir(work.path())
        .args(["--store", &dir.path().display().to_string()])
        .args(["--state=~/s.json", "bookmark", "add", &ids[1]])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&tilde.stderr);
    assert!(said.contains("a `~` the shell left as it is"), "{said}");
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["title"], "第1号新闻：示例公司发布产品");
    assert_eq!(v[0]["url"], "https://example.com/1");
    assert_eq!(v[0]["date"], "2026-03-01");
    // Every field there for a script to read, null when the story has none (tester BA:
    // `outlet` was left out, where `items --json` gives null).
    assert_eq!(
        v[0].as_object().unwrap().get("outlet"),
        Some(&serde_json::Value::Null),
        "{v}"
    );
    let md = stdout(&ribao_with(
        dir.path(),
        &state,
        &["bookmarks", "--markdown"],
    ));
    assert_eq!(
        md,
        "- [第1号新闻：示例公司发布产品](https://example.com/1) — 测试日报, 2026-03-01\n"
    );

    let unknown = ribao_with(dir.path(), &state, &["bookmark", "remove", "nosuchid"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no bookmark with id nosuchid"));
    let unknown = ribao_with(dir.path(), &state, &["bookmark", "add", "nosuchid"]);
    assert_eq!(unknown.status.code(), Some(1));

    // Pasted in capitals with a space: still the same id.
    let pasted = format!(" {}", ids[1].to_uppercase());
    assert!(
        ribao_with(dir.path(), &state, &["bookmark", "remove", &pasted])
            .status
            .success()
    );
    assert_eq!(
        json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"])),
        serde_json::json!([])
    );
}

/// A store of two stories (their ids) and a state file (its path) bookmarking the first.
/// Ids piped from `items` or `search` are added in one go; an unknown one among them is
/// said and makes the exit code 1, the others are still saved; remove takes several too.
#[test]
fn several_ids_at_once_unknown_ones_said_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 4);
    let state = dir.path().join("state.json");
    let marked = |state: &Path| -> Vec<String> {
        let mut saved = ids_of(&json(&ribao_with(
            dir.path(),
            state,
            &["bookmarks", "--json"],
        )));
        saved.sort();
        saved
    };
    let add = ribao_with(
        dir.path(),
        &state,
        &["bookmark", "add", &ids[0], "0000deadbeef", &ids[2], &ids[3]],
    );
    assert_eq!(add.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&add.stderr).contains("0000deadbeef"));
    let mut want = vec![ids[0].clone(), ids[2].clone(), ids[3].clone()];
    want.sort();
    assert_eq!(marked(&state), want);

    let remove = ribao_with(
        dir.path(),
        &state,
        &["bookmark", "remove", &ids[0], &ids[3]],
    );
    assert!(remove.status.success());
    assert_eq!(marked(&state), [ids[2].clone()]);
}

/// The start of a bookmark's id, four characters or more, removes it where no other
/// bookmark's starts so (tester BC: `bookmark remove 81ba` said no bookmark had it); where two
/// bookmarks' do, it says so; a shorter one names none (tester DY: `remove a` removed one).
#[test]
fn the_start_of_an_id_removes_the_one_bookmark_it_starts() {
    let (_dir, store, ids, state) = store_folder(3);
    let start = &ids[0][..4];
    let add = ribao_with(&store, &state, &["bookmark", "add", &ids[0]]);
    assert!(add.status.success());
    let short = ribao_with(&store, &state, &["bookmark", "remove", &ids[0][..1]]);
    assert_eq!(short.status.code(), Some(1));
    let marked = || ids_of(&json(&ribao_with(&store, &state, &["bookmarks", "--json"])));
    assert_eq!(marked(), [ids[0].clone()]);
    let removed = ribao_with(&store, &state, &["bookmark", "remove", start]);
    assert!(removed.status.success(), "{removed:?}");
    assert!(marked().is_empty());

    // A second bookmark's id, written by hand, starts alike.
    ribao_with(&store, &state, &["bookmark", "add", &ids[0], &ids[1]]);
    edit_state(&state, |saved| {
        saved["bookmarks"][1]["id"] = format!("{start}zzzzzzzz").into()
    });
    let unsure = ribao_with(&store, &state, &["bookmark", "remove", start]);
    assert_eq!(unsure.status.code(), Some(1));
    let err = String::from_utf8_lossy(&unsure.stderr);
    assert!(
        err.contains("2 bookmarks' ids start with") && err.contains("give more of the id"),
        "{err}"
    );
    assert_eq!(marked().len(), 2);
}

/// A state file another program left without a bookmark, given back from its backup by
/// `bookmarks`, is written back so: it is said once (tester DV: said at every run).
#[test]
fn a_bookmark_given_back_from_the_backup_is_said_once() {
    let (_dir, store, ids, state) = store_folder(2);
    let add = ribao_with(&store, &state, &["bookmark", "add", &ids[0], &ids[1]]);
    assert!(add.status.success(), "{add:?}");
    edit_state(&state, |saved| {
        saved["bookmarks"].as_array_mut().unwrap().pop();
    });
    for (run, told) in [(1, true), (2, false)] {
        let out = ribao_with(&store, &state, &["bookmarks", "--json"]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(said.contains("from its backup"), told, "run {run}: {said}");
        assert_eq!(json(&out).as_array().unwrap().len(), 2, "run {run}");
    }
}

/// A bookmark whose id a hand edit wrote in capitals is removed by that id as written
/// (tester BS: `bookmark remove ZZZ` said no bookmark had it, the id sought in lower case).
#[test]
fn a_bookmark_with_an_id_written_by_hand_is_removed_by_it() {
    let (_dir, store, ids, state) = store_folder(2);
    let add = ribao_with(&store, &state, &["bookmark", "add", &ids[0], &ids[1]]);
    assert!(add.status.success(), "{add:?}");
    edit_state(&state, |saved| saved["bookmarks"][0]["id"] = "ZZZ".into());
    // The last save's copy would give the bookmark under its own id back beside it.
    std::fs::remove_file(state.with_extension("json.bak")).unwrap();
    let removed = ribao_with(&store, &state, &["bookmark", "remove", "ZZZ"]);
    assert!(removed.status.success(), "{removed:?}");
    let left = ids_of(&json(&ribao_with(&store, &state, &["bookmarks", "--json"])));
    assert_eq!(left, [ids[1].clone()]);
}

/// A stderr that cannot be written (a full disk) does not undo or fail what was asked:
/// the bookmark is saved, the exit code says so, and nothing panics.
#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_does_not_fail_a_saved_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 2);
    let state = dir.path().join("state.json");
    for args in [
        &["bookmark", "add", &ids[1]][..],
        &["bookmark", "remove", &ids[1]],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = command(dir.path())
            .args(["--store", &dir.path().display().to_string()])
            .args(["--state", &state.display().to_string()])
            .args(args)
            .stderr(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let saved = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
        assert_eq!(
            saved.as_array().unwrap().len(),
            usize::from(args[1] == "add")
        );
    }
}

fn first_of_two_bookmarked(dir: &Path) -> (Vec<String>, std::path::PathBuf) {
    let ids = store_with_items(dir, 2);
    let state = dir.join("state.json");
    assert!(
        ribao_with(dir, &state, &["bookmark", "add", &ids[0]])
            .status
            .success()
    );
    (ids, state)
}

/// The digest's author retitles the first story (bookmarked): its id is made from the
/// title, so it changes.
fn retitle_the_first(dir: &Path) {
    let file = dir.join("2026-03-01.md");
    let md = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, md.replace("第0号新闻", "第0号快讯")).unwrap();
}

/// A state file that holds a story's bookmark twice, under the id it had before it was
/// retitled and the one it has now (a file from before put back, joined with the last
/// save), lists it once, under its id now (tester DL: both were listed, `★ 27` for 23).
#[test]
fn a_bookmark_under_a_storys_old_id_beside_its_new_one_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    let before: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    retitle_the_first(dir.path());
    assert!(
        ribao_with(dir.path(), &state, &["bookmarks"])
            .status
            .success()
    );
    let mut now: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let new_id = now["bookmarks"][0]["id"].as_str().unwrap().to_string();
    assert_ne!(new_id, ids[0]);
    let old = before["bookmarks"][0].clone();
    now["bookmarks"].as_array_mut().unwrap().push(old);
    std::fs::write(&state, serde_json::to_vec(&now).unwrap()).unwrap();
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    let listed: Vec<&str> = (v.as_array().unwrap().iter())
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [new_id.as_str()]);
    std::fs::write(&state, serde_json::to_vec(&now).unwrap()).unwrap();
    // Retitled once more, both find it under its third id: one bookmark at the first look
    // (tester DP: two until the next).
    let file = dir.path().join("2026-03-01.md");
    let md = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, md.replace("第0号快讯", "第0号要闻")).unwrap();
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert!(v[0]["title"].as_str().unwrap().contains("第0号要闻"), "{v}");
}

/// [`first_of_two_bookmarked`], then that bookmark removed by a reader that could not save
/// (kept where `ribao_with`'s home keeps it): the ids, the state file and the kept folder.
fn removed_where_it_could_not_save(dir: &Path) -> (Vec<String>, PathBuf, PathBuf) {
    let (ids, state) = first_of_two_bookmarked(dir);
    let kept = dir.join("data/ribao/unsaved");
    let removed = [ribao::state::Change::RemoveBookmark(ids[0].clone())];
    ribao::state::unsaved::keep(&state, &removed, None, std::slice::from_ref(&kept))
        .unwrap()
        .expect("kept");
    (ids, state, kept)
}

/// `bookmark add` takes in what a reader could not save first, as the next reader would, so
/// the command's own change is the last (tester AE: it called a bookmark a reader had
/// removed "already bookmarked", and the next reader removed it).
#[test]
fn bookmark_add_comes_after_what_a_reader_could_not_save() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state, kept) = removed_where_it_could_not_save(dir.path());
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert!(added.status.success(), "{added:?}");
    let err = String::from_utf8_lossy(&added.stderr);
    assert!(err.contains("an earlier session could not save"), "{err}");
    assert!(
        !String::from_utf8_lossy(&added.stdout).contains("already"),
        "{added:?}"
    );
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(listed[0]["id"], ids[0].as_str());
    assert_eq!(std::fs::read_dir(&kept).unwrap().count(), 0);
}

/// `bookmarks` lists what a reader could not save too, taken in as the next reader would
/// take it, and says so (tester AR: it listed none of it until a reader or `bookmark add`
/// ran).
#[test]
fn bookmarks_lists_what_a_reader_could_not_save() {
    let dir = tempfile::tempdir().unwrap();
    let (_, state, kept) = removed_where_it_could_not_save(dir.path());
    let out = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("an earlier session could not save"), "{err}");
    assert_eq!(json(&out).as_array().unwrap().len(), 0, "{out:?}");
    assert_eq!(std::fs::read_dir(&kept).unwrap().count(), 0);
}

/// What a reader could not save, while the state file still cannot take it (another
/// program holds its lock here), is listed all the same, and where it is kept is said; it
/// stays kept for the next that can write (tester AS: the list left it out).
#[test]
fn bookmarks_lists_what_waits_to_be_saved_while_the_file_cannot_take_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, state, kept) = removed_where_it_could_not_save(dir.path());
    let lock = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
    lock.lock().unwrap();
    let out = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    drop(lock);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("what a reader could not save to")
            && err.contains("is taken in too")
            && err.contains(&kept.display().to_string()),
        "{err}"
    );
    assert_eq!(json(&out).as_array().unwrap().len(), 0, "{out:?}");
    assert_eq!(std::fs::read_dir(&kept).unwrap().count(), 1, "still kept");
}

/// A store that is a copy of the bookmark's: its story is there too, and the bookmark's file
/// is still in the other store, so nothing moved (tester AT: `moved_to` named the copy).
#[test]
fn a_bookmark_listed_with_a_copy_of_its_store_is_not_moved() {
    let (dir, store, ids, state) = store_folder(1);
    assert!(
        ribao_with(&store, &state, &["bookmark", "add", &ids[0]])
            .status
            .success()
    );
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(store.join("2026-03-01.md"), copy.join("2026-03-01.md")).unwrap();
    let out = ribao_with(&copy, &state, &["bookmarks", "--json"]);
    let v = json(&out);
    assert_eq!(v[0]["moved_to"], serde_json::Value::Null, "{v}");
    assert_eq!(
        (&v[0]["in_store"], &v[0]["outside_store"]),
        (&true.into(), &true.into()),
        "{v}"
    );
    let text = stdout(&ribao_with(&copy, &state, &["bookmarks"]));
    assert!(
        text.contains("is in another store; this one holds its story too"),
        "{text}"
    );
}

/// A bookmark keeps its story's text: its file deleted, `show` prints the text it kept, and
/// `show --json` gives it as the body (tester Z: only the title was left).
#[test]
fn a_bookmark_keeps_its_storys_text_for_when_the_file_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    let body = json(&ribao_with(
        dir.path(),
        &state,
        &["show", &ids[0], "--json"],
    ))["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!body.trim().is_empty());
    std::fs::remove_file(dir.path().join("2026-03-01.md")).unwrap();
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0], "--width", "200"]);
    assert!(shown.status.success());
    // As a story's text is shown: its link numbered.
    let text = stdout(&shown);
    assert!(
        text.contains("\n第0号新闻：示例公司发布产品。原文[1]\n"),
        "{text}"
    );
    let v = json(&ribao_with(
        dir.path(),
        &state,
        &["show", &ids[0], "--json"],
    ));
    assert_eq!(v["body"].as_str(), Some(body.as_str()));
}

/// Its file still there but no longer readable (here: overwritten with binary bytes):
/// `show` names the file and why, not that the story left it.
#[test]
fn a_bookmark_of_a_file_that_cannot_be_read_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    std::fs::write(dir.path().join("2026-03-01.md"), [0u8, 1, 2, 0xFF, 0, 3]).unwrap();
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0]]);
    assert!(shown.status.success());
    let err = String::from_utf8_lossy(&shown.stderr);
    assert!(
        err.contains("2026-03-01.md could not be read (the file looks binary"),
        "{err}"
    );
    assert!(!err.contains("no longer has this story"), "{err}");
    // Nor is it another store's (tester DL: `outside_store` said so).
    let listed = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    let v = json(&listed);
    assert_eq!(
        (
            &v[0]["in_store"],
            &v[0]["outside_store"],
            &v[0]["file_gone"]
        ),
        (&false.into(), &false.into(), &false.into())
    );
}

/// The list says what the store holds of each bookmark now, as the reader's view does,
/// though no reader ran since: its story moved to another file, or gone from its own
/// (tester AD: a moved file was said gone, and a story gone from its file said nothing).
#[test]
fn bookmarks_say_where_their_stories_are_now() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    let listed = |args: &[&str]| ribao_with(dir.path(), &state, args);
    let v = json(&listed(&["bookmarks", "--json"]));
    assert_eq!(
        (&v[0]["in_store"], &v[0]["moved_to"]),
        (&true.into(), &serde_json::Value::Null)
    );
    std::fs::create_dir(dir.path().join("old")).unwrap();
    let moved = dir.path().join("old/2026-03-01.md");
    std::fs::rename(dir.path().join("2026-03-01.md"), &moved).unwrap();
    let v = json(&listed(&["bookmarks", "--json"]));
    assert_eq!(v[0]["in_store"], true, "{v}");
    assert_eq!(v[0]["moved_to"], moved.display().to_string(), "{v}");
    assert_eq!(v[0]["file_gone"], true, "{v}");
    let text = String::from_utf8_lossy(&listed(&["bookmarks"]).stdout).into_owned();
    assert!(
        text.contains(&format!("(its story is now in {})", moved.display())),
        "{text}"
    );
    assert!(!text.contains("is gone"), "{text}");
    // Its story taken out of the file: the file is there, the story is not.
    let md = std::fs::read_to_string(&moved).unwrap();
    let kept: String = md
        .lines()
        .filter(|l| !l.contains("第0号"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&moved, kept).unwrap();
    std::fs::rename(&moved, dir.path().join("2026-03-01.md")).unwrap();
    let v = json(&listed(&["bookmarks", "--json"]));
    assert_eq!(
        (&v[0]["in_store"], &v[0]["file_gone"]),
        (&false.into(), &false.into()),
        "{v}"
    );
    let text = String::from_utf8_lossy(&listed(&["bookmarks"]).stdout).into_owned();
    assert!(
        text.contains(&format!(
            "2026-03-01.md no longer holds it; ribao show {} shows",
            ids[0]
        )),
        "{text}"
    );
    // Listed over another store, its file is there, outside it (tester AG: said to no
    // longer hold its story).
    std::fs::write(dir.path().join("2026-03-01.md"), md).unwrap();
    let other = tempfile::tempdir().unwrap();
    let other_md = "## 另一份 2026-04-01\n\n1. 别的新闻。\n";
    std::fs::write(other.path().join("2026-04-01.md"), other_md).unwrap();
    let elsewhere = ribao_with(other.path(), &state, &["bookmarks", "--json"]);
    assert_eq!(json(&elsewhere)[0]["outside_store"], true);
    let text = ribao_with(other.path(), &state, &["bookmarks"]).stdout;
    let text = String::from_utf8_lossy(&text);
    assert!(
        text.contains(&format!(
            "2026-03-01.md is not in this store: --store its folder to read it; ribao show {} \
             shows what the bookmark kept of it)",
            ids[0]
        )),
        "{text}"
    );
    // `show` says so too, not that the file is gone (tester G, of the reader).
    let shown = ribao_with(other.path(), &state, &["show", &ids[0]]);
    let said = String::from_utf8_lossy(&shown.stderr);
    assert!(
        said.contains("2026-03-01.md is not in this store (--store its folder"),
        "{said}"
    );
    // A file that cannot be read says why.
    std::fs::write(dir.path().join("2026-03-01.md"), [0u8, 1, 2, 0xFF, 0, 3]).unwrap();
    let text = String::from_utf8_lossy(&listed(&["bookmarks"]).stdout).into_owned();
    assert!(text.contains("2026-03-01.md could not be read: "), "{text}");
}

#[test]
fn a_bookmark_outlives_its_digest_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(v[0]["file_gone"], false, "{v}");
    std::fs::remove_file(dir.path().join("2026-03-01.md")).unwrap();
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(v[0]["title"], "第0号新闻：示例公司发布产品");
    assert_eq!(v[0]["url"], "https://example.com/0");
    assert_eq!(v[0]["file_gone"], true, "{v}");
    // The list says so too, where one looks for what is left of a story.
    let listed = ribao_with(dir.path(), &state, &["bookmarks"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains(&format!(
            "2026-03-01.md is gone; ribao show {} shows",
            ids[0]
        )),
        "{listed}"
    );
    // `show` gives what the bookmark kept, and says why; named by the start of its id too,
    // as a story is (tester CQ).
    for id in [&ids[0][..], &ids[0][..6]] {
        let shown = ribao_with(dir.path(), &state, &["show", id]);
        assert!(shown.status.success(), "{id}");
        let out = String::from_utf8_lossy(&shown.stdout);
        assert!(
            out.contains("第0号新闻：示例公司发布产品") && out.contains("https://example.com/0"),
            "{out}"
        );
        let err = String::from_utf8_lossy(&shown.stderr);
        assert!(err.contains("2026-03-01.md is gone"), "{err}");
    }
    // As JSON, the keys of a story shown from its file; what the bookmark lacks is null.
    let shown = json(&ribao_with(
        dir.path(),
        &state,
        &["show", &ids[0], "--json"],
    ));
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let store = tempfile::tempdir().unwrap();
    let live_ids = store_with_items(store.path(), 1);
    let live = json(&ribao_with(
        store.path(),
        &store.path().join("s.json"),
        &["show", &live_ids[0], "--json"],
    ));
    assert_eq!(keys(&shown), keys(&live));
    assert_eq!(shown["body"], live["body"], "the text the bookmark kept");
    assert_eq!(shown["url"], "https://example.com/0");
    // A story neither listed nor bookmarked is not found.
    let gone = ribao_with(dir.path(), &state, &["show", &ids[1]]);
    assert_eq!(gone.status.code(), Some(1));
}

#[test]
fn a_bookmark_finds_its_story_retitled_since_by_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    retitle_the_first(dir.path());
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0]]);
    assert!(shown.status.success());
    let out = String::from_utf8_lossy(&shown.stdout);
    assert!(out.contains("第0号快讯：示例公司发布产品"), "{out}");
    let err = String::from_utf8_lossy(&shown.stderr);
    assert!(!err.contains("no longer has"), "{err}");
}

/// A story retitled as its file was renamed is found by its link among the stories of its
/// date and publication (tester CJ: the bookmark said its file was gone, the story in the
/// store under the new name).
#[test]
fn a_bookmark_finds_its_story_retitled_in_a_renamed_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    retitle_the_first(dir.path());
    let renamed = dir.path().join("2026-03-01-renamed.md");
    std::fs::rename(dir.path().join("2026-03-01.md"), &renamed).unwrap();
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(listed[0]["in_store"], true, "{listed}");
    assert!(
        (listed[0]["title"].as_str()).is_some_and(|t| t.contains("第0号快讯")),
        "{listed}"
    );
    assert_eq!(
        listed[0]["path"],
        renamed.to_string_lossy().as_ref(),
        "{listed}"
    );
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0]]);
    let err = String::from_utf8_lossy(&shown.stderr);
    assert!(!err.contains("is gone"), "{err}");
    // Its file there but holding no story now (emptied as a generator writes it again), the
    // bookmark is not taken to another file's story of that link (a review: it was, for
    // good).
    let copy = std::fs::read_to_string(&renamed).unwrap();
    let copy = copy.replace("第0号快讯", "第0号要闻");
    std::fs::write(dir.path().join("2026-03-01-copy.md"), copy).unwrap();
    std::fs::write(&renamed, "").unwrap();
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(listed[0]["in_store"], false, "{listed}");
    assert_eq!(
        listed[0]["path"],
        renamed.to_string_lossy().as_ref(),
        "{listed}"
    );
}

/// A bookmark of a digest whose file name is not UTF-8 (saved changed, as JSON must be text)
/// is in the store and its file not gone: both were said (tester CJ).
#[cfg(unix)]
#[test]
fn a_bookmark_of_a_file_named_in_no_utf8_is_not_said_gone() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"2026-03-01-\xff\xfe.md"));
    std::fs::rename(dir.path().join("2026-03-01.md"), &odd).unwrap();
    let state = dir.path().join("state.json");
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert!(added.status.success(), "{added:?}");
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(
        (&listed[0]["in_store"], &listed[0]["file_gone"]),
        (&true.into(), &false.into()),
        "{listed}"
    );
}

/// A story retitled while no reader ran is listed as it is now, under its new id and
/// title, and the state file follows it, as a reader's start would make it (tester AY: the
/// list gave the old title, and the export pasted a headline the store no longer held).
#[test]
fn bookmarks_list_a_retitled_story_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    retitle_the_first(dir.path());
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    let items = json(&ribao_with(dir.path(), &state, &["items", "--json"]));
    let new_id = items[0]["id"].as_str().unwrap();
    assert_ne!(new_id, ids[0]);
    assert_eq!(
        (
            &listed[0]["id"],
            &listed[0]["title"],
            &listed[0]["in_store"]
        ),
        (&new_id.into(), &items[0]["title"], &true.into()),
        "{listed}"
    );
    let markdown = ribao_with(dir.path(), &state, &["bookmarks", "--markdown"]).stdout;
    assert!(String::from_utf8_lossy(&markdown).contains("第0号快讯"));
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains(new_id) && !saved.contains(&ids[0]),
        "{saved}"
    );
}

/// A story without a link retitled and then given its first title back keeps its bookmark:
/// the id it has again is no old id of another (tester BA: the bookmark went round the
/// loop of old ids and was said gone, its story in its file).
#[test]
fn a_bookmark_follows_a_story_retitled_back_to_its_first_title() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2026-03-01.md");
    let titles = ["首例案件和解", "案件达成和解", "两家公司就首例案件和解"];
    let md = |title: &str| {
        format!(
            "## 测试日报 2026-03-01\n\n### 产品更新\n\n1. **{title}**：双方已达成和解。\n\n2. **另一条**：机器人会叠衣服了。\n"
        )
    };
    std::fs::write(&file, md(titles[0])).unwrap();
    // One cache for every run: the old ids are kept there.
    let (home, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let state = home.path().join("state.json");
    let ribao = |args: &[&str]| {
        let (store, state) = (dir.path().as_os_str(), state.as_os_str());
        command(home.path())
            .args(["--store".as_ref(), store, "--state".as_ref(), state])
            .args(["--cache-dir".as_ref(), cache.path().as_os_str()])
            .args(args)
            .output()
            .unwrap()
    };
    let ids = ids_of(&json(&ribao(&["items", "--json"])));
    assert!(ribao(&["bookmark", "add", &ids[0]]).status.success());
    for title in [titles[1], titles[2], titles[0], titles[1]] {
        std::fs::write(&file, md(title)).unwrap();
        let listed = json(&ribao(&["bookmarks", "--json"]));
        assert_eq!(
            (&listed[0]["title"], &listed[0]["in_store"]),
            (&title.into(), &true.into()),
            "{listed}"
        );
    }
}

/// `bookmark add` and `bookmark remove` know a retitled story by either id: adding it under
/// its new id does not bookmark it twice, and either id removes its bookmark.
#[test]
fn bookmark_add_and_remove_know_a_retitled_story_by_either_id() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, state) = first_of_two_bookmarked(dir.path());
    retitle_the_first(dir.path());
    let items = json(&ribao_with(dir.path(), &state, &["items", "--json"]));
    let new_id = items[0]["id"].as_str().unwrap().to_string();
    assert_ne!(new_id, ids[0]);
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &new_id]);
    assert!(added.status.success());
    let said = String::from_utf8_lossy(&added.stderr);
    assert!(said.contains("already bookmarked"), "{said}");
    let saved = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(saved.as_array().unwrap().len(), 1, "{saved}");
    // Saved under the old id: the new one removes it.
    let removed = ribao_with(dir.path(), &state, &["bookmark", "remove", &new_id]);
    let said = String::from_utf8_lossy(&removed.stderr);
    assert!(removed.status.success(), "{said}");
    let saved = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(saved, serde_json::json!([]));
}

/// `bookmark add` of a story bookmarked in another store, which this one does not hold, says
/// it is bookmarked already (tester DV: "no story with id", exit 1, where `show` showed it).
#[test]
fn adding_a_bookmark_of_another_store_says_it_is_one_already() {
    let (dir, ids, state) = one_story_bookmarked();
    let elsewhere = tempfile::tempdir().unwrap();
    let other = elsewhere.path();
    let added = ribao_with(other, &state, &["bookmark", "add", &ids[0][..6]]);
    let said = String::from_utf8_lossy(&added.stderr);
    assert!(added.status.success(), "{said}");
    assert!(
        said.contains("already bookmarked, a story this store does not hold: 第0号新闻"),
        "{said}"
    );
    let unknown = ribao_with(other, &state, &["bookmark", "add", "abcdef123456"]);
    assert_eq!(unknown.status.code(), Some(1));
    // A start too short to name a story names no bookmark either (tester DY: `add a` said
    // it was bookmarked, and `remove a` removed it).
    let short = &ids[0][..1];
    for command in ["add", "remove"] {
        let out = ribao_with(other, &state, &["bookmark", command, short]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {said}");
        assert!(said.contains("is too short to name a"), "{command}: {said}");
    }
    let saved = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(saved.as_array().unwrap().len(), 1, "{saved}");
}

/// The JSON of `items`, `search` and `show` says a story retitled since it was read and
/// bookmarked is both, under its new id, as the reader finds it, before any reader has run
/// (tester DC: both were false until one had).
#[test]
fn json_marks_follow_a_story_retitled_since() {
    let (dir, store, ids, state) = store_folder(2);
    let cache = std::cell::RefCell::new(dir.path().join("cache"));
    let run = |args: &[&str]| {
        let out = command(dir.path())
            .args(["--store", store.to_str().unwrap()])
            .args(["--state", state.to_str().unwrap()])
            .args(["--cache-dir", cache.borrow().to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out
    };
    // The index is made with the story as it was.
    run(&["bookmark", "add", &ids[0]]);
    edit_state(&state, |saved| saved["read"] = serde_json::json!([ids[0]]));
    retitle_the_first(&store);
    let items = json(&run(&["items", "--json"]));
    let row = &items[0];
    assert_ne!(row["id"], ids[0].as_str(), "{items}");
    let marks = |row: &serde_json::Value| (row["read"].clone(), row["bookmarked"].clone());
    assert_eq!(marks(row), (true.into(), true.into()), "{items}");
    assert_eq!(marks(&items[1]), (false.into(), false.into()), "{items}");
    let new_id = row["id"].as_str().unwrap();
    assert_eq!(marks(&json(&run(&["show", new_id, "--json"]))), marks(row));
    let found = json(&run(&["search", "第0号快讯", "--json"]));
    assert_eq!(marks(&found[0]), marks(row));
    // With an index made anew, which knows no old ids, the bookmark finds its story by its
    // link and takes its read mark along, as the reader's start does (a review).
    *cache.borrow_mut() = dir.path().join("new cache");
    let items = json(&run(&["items", "--json"]));
    assert_eq!(marks(&items[0]), (true.into(), true.into()), "{items}");
}

/// The JSON of a bookmark of a story without text has `text` null, as `show` and `search`
/// give a field without a value (tester DE: `""`).
#[test]
fn a_bookmark_of_a_story_without_text_has_none_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let digest = "# 日报 2026-03-01\n\n## [甲公司发布新模型](https://example.com/a)\n";
    std::fs::write(dir.path().join("2026-03-01.md"), digest).unwrap();
    let state = dir.path().join("state.json");
    let items = json(&ribao_with(dir.path(), &state, &["items", "--json"]));
    let id = items[0]["id"].as_str().unwrap();
    assert!(
        ribao_with(dir.path(), &state, &["bookmark", "add", id])
            .status
            .success()
    );
    let listed = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(listed[0]["text"], serde_json::Value::Null, "{listed}");
}

#[test]
fn two_processes_adding_100_bookmarks_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 200);
    assert_eq!(ids.len(), 200);
    let state = dir.path().join("state.json");
    let (a, b) = ids.split_at(100);
    std::thread::scope(|s| {
        for half in [a, b] {
            let (store, state) = (dir.path(), &state);
            s.spawn(move || {
                for id in half {
                    let out = ribao_with(store, state, &["bookmark", "add", id]);
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let mut saved = ids_of(&json(&ribao_with(
        dir.path(),
        &state,
        &["bookmarks", "--json"],
    )));
    saved.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(saved, want);
}

#[test]
fn a_bookmark_made_with_a_relative_store_keeps_its_files_full_path() {
    let (dir, store, ids, state) = store_folder(1);
    let out = command(dir.path())
        .current_dir(dir.path())
        .args(["--store", "store", "--state"])
        .arg(&state)
        .args(["bookmark", "add", &ids[0]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    let path = saved[0]["path"].as_str().unwrap();
    assert!(
        Path::new(path).is_absolute() && Path::new(path).is_file(),
        "{path}"
    );
    // Listed from `from` with the store named `named`: the bookmark, not said to be moved.
    let listed_as_it_is = |from: &Path, named: &str| {
        let out = command(dir.path())
            .current_dir(from)
            .args(["--store", named, "--state"])
            .arg(&state)
            .args(["bookmarks"])
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&out.stdout);
        assert!(
            listed.contains(&ids[0]) && !listed.contains("now in"),
            "{listed}"
        );
    };
    // Named by way of `..`, the store's files have the paths they have under its own name:
    // every bookmark seemed moved, and the reader rewrote them (tester Q).
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    listed_as_it_is(&dir.path().join("elsewhere"), "../store");
    assert_eq!(path, store.join("2026-03-01.md").display().to_string());
    // A path a hand edit wrote by way of `..` names the same file: not said to be moved.
    let text = std::fs::read_to_string(&state).unwrap();
    let edited = text.replace(
        path,
        &format!("{}/elsewhere/../store/2026-03-01.md", dir.path().display()),
    );
    assert_ne!(edited, text);
    std::fs::write(&state, edited).unwrap();
    listed_as_it_is(dir.path(), &store.display().to_string());
}

#[test]
fn a_state_file_that_cannot_be_reached_is_said_once_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    // A file stands where the state file's folder should be (works even as root).
    std::fs::write(dir.path().join("blocked"), "in the way").unwrap();
    let state = dir.path().join("blocked/state.json");
    let out = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // The file in the way is named (tester BD: only the path it blocked was).
    let blocked = dir.path().join("blocked");
    assert!(
        err.contains(&format!(
            "{} is a file, where a folder is needed",
            blocked.display()
        )),
        "{err}"
    );
    assert!(
        !err.contains("os error"),
        "the cause is said once, in words: {err}"
    );
}

#[test]
fn a_newer_ribaos_state_file_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let state = dir.path().join("state.json");
    let newer = br#"{"version": 2, "marks": []}"#;
    std::fs::write(&state, newer).unwrap();
    let out = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newer ribao") && err.contains(&state.display().to_string()),
        "{err}"
    );
    assert_eq!(std::fs::read(&state).unwrap(), newer);
    // Listing reads nothing of it either, and says so in those words (tester CQ: "not
    // changed" for a command that only reads).
    let out = ribao_with(dir.path(), &state, &["bookmarks"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is neither read nor written by this ribao"),
        "{err}"
    );
}

/// A store of one story in a new folder, with a state file beside it that bookmarks it.
fn one_story_bookmarked() -> (tempfile::TempDir, Vec<String>, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let state = dir.path().join("state.json");
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert!(added.status.success());
    (dir, ids, state)
}

/// `bookmark add` on a story whose bookmark a hand edit spoiled (its title emptied) fills
/// in what the bookmark lacks from the story, keeping what it has (tester B).
#[test]
fn adding_a_spoiled_bookmark_again_fills_it_in_from_its_story() {
    let (dir, ids, state) = one_story_bookmarked();
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let mut spoiled = saved.clone();
    spoiled["bookmarks"][0]["title"] = "".into();
    std::fs::write(&state, serde_json::to_vec_pretty(&spoiled).unwrap()).unwrap();
    let out = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("what it lacked taken from the story"),
        "{said}"
    );
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(
        now["bookmarks"], saved["bookmarks"],
        "as first saved, its time too"
    );
}

/// A bookmark written into the state file by hand, its id alone, takes its story's text
/// with the rest, so that it outlives the story's file; `added` is null, not `""` (tester
/// CM: it never had text, and its file gone, `show` gave the title alone, unsaid).
#[test]
fn a_bookmark_written_in_by_hand_takes_its_storys_text() {
    let (dir, ids, state) = one_story_bookmarked();
    let by_hand = serde_json::json!({"bookmarks": [{"id": ids[0]}], "read": []});
    std::fs::write(&state, by_hand.to_string()).unwrap();
    std::fs::remove_file(dir.path().join("state.json.bak")).unwrap();
    // (Said as a state file not used as it was: exit status 2.)
    let out = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["added"], serde_json::Value::Null, "{v}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("title, source, path, added, taken from its story"),
        "{said}"
    );
    assert!(v[0]["text"].as_str().unwrap().contains("第0号新闻"), "{v}");
    let digest = dir.path().join("2026-03-01.md");
    let kept = std::fs::read(&digest).unwrap();
    // Listing saves nothing: its file gone now, it is said to have kept no text.
    std::fs::remove_file(&digest).unwrap();
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0]]);
    let said = String::from_utf8_lossy(&shown.stderr);
    assert!(said.contains("which kept none of its text"), "{said}");
    // Added again while the story is there (as the reader refills it), it keeps the text.
    std::fs::write(&digest, kept).unwrap();
    assert!(
        ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]])
            .status
            .success()
    );
    std::fs::remove_file(&digest).unwrap();
    let shown = ribao_with(dir.path(), &state, &["show", &ids[0], "--width", "200"]);
    let said = String::from_utf8_lossy(&shown.stderr);
    assert!(!said.contains("which kept none"), "{said}");
    assert!(
        stdout(&shown).contains("第0号新闻：示例公司发布产品。原文[1]"),
        "{}",
        stdout(&shown)
    );
}

/// A state file found empty is said once, though the save reads it again (tester M: twice).
#[test]
fn a_state_file_found_empty_is_said_once_by_bookmark_add() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 2);
    let state = dir.path().join("state.json");
    assert!(
        ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]])
            .status
            .success()
    );
    std::fs::write(&state, "").unwrap();
    let out = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[1]]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("was found empty").count(), 1, "{said}");
    let v = json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]));
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "the backup's and the new one"
    );
}

/// A bookmark whose title a damaged state file lost is listed with its story's title, as
/// the reader lists it, in every form: it said `(untitled)` of a story in the store
/// (tester M).
#[test]
fn bookmarks_list_a_lost_title_as_the_story_has_it() {
    let (dir, _, state) = one_story_bookmarked();
    let mut spoiled: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    spoiled["bookmarks"][0]["title"] = serde_json::json!(["x"]);
    std::fs::write(&state, serde_json::to_vec_pretty(&spoiled).unwrap()).unwrap();
    // No backup to give the title back.
    std::fs::remove_file(dir.path().join("state.json.bak")).unwrap();
    let title = "第0号新闻：示例公司发布产品";
    let text = stdout(&ribao_with(dir.path(), &state, &["bookmarks"]));
    assert!(text.contains(title) && !text.contains("untitled"), "{text}");
    let md = stdout(&ribao_with(
        dir.path(),
        &state,
        &["bookmarks", "--markdown"],
    ));
    assert!(md.starts_with(&format!("- [{title}](")), "{md}");
    let out = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["title"], title);
}

/// A store that cannot be opened leaves the bookmarks listed as they were saved, and says
/// so: it went unsaid (tester B); the exit status says so too, as every command's does
/// (tester DX: 0).
#[test]
fn bookmarks_over_a_missing_store_say_it_is_missing() {
    let (dir, _, state) = one_story_bookmarked();
    let gone = dir.path().join("gone");
    let out = ribao_with(&gone, &state, &["bookmarks"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("第0号新闻"), "{}", stdout(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&gone.display().to_string()) && err.contains("listed as it was saved"),
        "{err}"
    );
}

/// Another program's JSON given as `--state` (its `package.json`, a list) is no state file
/// either: it was moved aside and replaced by ribao's state.
#[test]
fn another_programs_json_given_as_the_state_file_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    for (name, json) in [
        (
            "package.json",
            &br#"{"name": "my-app", "version": "1.0.0", "dependencies": {}}"#[..],
        ),
        ("tsconfig.json", br#"{"compilerOptions": {}}"#),
        ("list.json", b"[1, 2]"),
        // A version number of its own, as a browser's bookmarks have (tester CP: it was
        // taken for ribao's, and written over).
        (
            "Bookmarks",
            br#"{"checksum": "ab12", "roots": {"bookmark_bar": {"children": []}}, "version": 1}"#,
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, json).unwrap();
        let out = ribao_with(dir.path(), &file, &["bookmark", "add", &ids[0]]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is JSON, but not a ribao state file") && err.contains(name),
            "{err}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), json, "{name}");
        let beside = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(name) && n != name)
            .count();
        assert_eq!(beside, 0, "no copy, no lock beside {name}");
    }
}

#[test]
fn a_digest_given_as_the_state_file_is_left_where_and_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let digest = dir.path().join("2026-03-01.md");
    let before = std::fs::read(&digest).unwrap();
    let out = ribao_with(dir.path(), &digest, &["bookmark", "add", &ids[0]]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a ribao state file") && err.contains("2026-03-01.md"),
        "{err}"
    );
    assert_eq!(std::fs::read(&digest).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-03-01.md"))
        .collect();
    assert_eq!(names, ["2026-03-01.md"], "no copy, no lock beside it");
    let out = ribao_with(dir.path(), &dir.path().join("unused.json"), &["list"]);
    assert!(stdout(&out).contains("1 story"), "{}", stdout(&out));
}

#[test]
fn a_broken_state_file_is_kept_and_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let state = dir.path().join("state.json");
    std::fs::write(&state, b"{\"version\":1, \"bookmarks\": [oops").unwrap();
    let out = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("could not be used") && err.contains("state.json.broken-"),
        "{err}"
    );
    let copy = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.json.broken-")
        })
        .expect("the broken file is copied aside");
    assert_eq!(
        std::fs::read(copy).unwrap(),
        b"{\"version\":1, \"bookmarks\": [oops"
    );
    assert_eq!(
        json(&ribao_with(dir.path(), &state, &["bookmarks", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn bookmarks_listed_from_a_broken_state_file_exit_2_not_as_none() {
    // An export from a file that could not be read must not pass for an empty list
    // (tester AF: "no bookmarks yet", exit 0).
    let dir = tempfile::tempdir().unwrap();
    store_with_items(dir.path(), 1);
    let state = dir.path().join("state.json");
    std::fs::write(&state, b"{\"version\":1, \"bookmarks\": [oops").unwrap();
    for args in [&["bookmarks"][..], &["bookmarks", "--json"]] {
        let out = ribao_with(dir.path(), &state, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("could not be used"), "{err}");
        assert!(!err.contains("no bookmarks yet"), "{err}");
        // What the exit status means is said (tester AF: nothing after the notice).
        assert!(
            err.contains("no bookmark could be read from the state file (exit status 2)"),
            "{err}"
        );
    }
}

/// A state file in `dir` holding `bookmarks` (as written by hand: anything may be in them).
fn state_with(dir: &Path, bookmarks: serde_json::Value) -> std::path::PathBuf {
    let state = dir.join("state.json");
    let value = serde_json::json!({
        "version": 1,
        "bookmarks": bookmarks,
        "read": [],
        "position": null
    });
    std::fs::write(&state, value.to_string()).unwrap();
    state
}

/// One bookmark of `title` and `url` (id `a1`, its file gone) in a new state file:
/// `bookmarks`, `bookmarks --markdown` and `show a1` as they print it.
fn listed_alone(title: &str, url: &str) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let state = state_with(
        dir.path(),
        serde_json::json!([{
            "id": "a1", "date": "2026-03-01", "source": "日报", "category": null,
            "title": title, "url": url, "path": "/gone.md", "added": "2026-03-01T10:00:00Z"
        }]),
    );
    let list = |args: &[&str]| stdout(&ribao_with(dir.path(), &state, args));
    (
        list(&["bookmarks"]),
        list(&["bookmarks", "--markdown"]),
        list(&["show", "a1"]),
    )
}

/// The Markdown list is for pasting elsewhere: emoji stay as written, where the list on
/// the terminal shows the forms every terminal draws alike.
#[test]
fn the_markdown_list_keeps_emoji_as_written() {
    let (text, markdown, _) = listed_alone("粉色🩷手机 🇨🇳 👍🏻", "https://a.example/p");
    assert_eq!(
        markdown.trim_end(),
        "- [粉色🩷手机 🇨🇳 👍🏻](https://a.example/p) — 日报, 2026-03-01"
    );
    assert!(text.contains("粉色〓手机 CN 👍"), "{text}");
}

/// Marks of emphasis and code in a title are text in the Markdown list (tester BE: the `*`
/// of `*ST元道` was left to start emphasis).
#[test]
fn the_markdown_list_escapes_emphasis_marks() {
    let (_, markdown, _) = listed_alone("*ST元道 and __init__ `x`", "https://a.example/p");
    assert_eq!(
        markdown.trim_end(),
        "- [\\*ST元道 and \\_\\_init\\_\\_ \\`x\\`](https://a.example/p) — 日报, 2026-03-01"
    );
}

/// An address holding an invisible character is listed as the reader shows and opens it,
/// the character percent-encoded: dropped, it was another address (tester AV:
/// `/\u{202E}gnp.exe` listed as `/gnp.exe`).
#[test]
fn a_bookmark_address_keeps_its_invisible_characters_percent_encoded() {
    let (text, markdown, shown) = listed_alone("标题", "https://example.com/\u{202E}gnp.exe");
    let encoded = "https://example.com/%E2%80%AEgnp.exe";
    assert!(text.contains(&format!("\n    {encoded}\n")), "{text}");
    // `show` of what the bookmark kept, too (tester AW).
    assert!(shown.contains(&format!("🔗 {encoded}\n")), "{shown}");
    assert_eq!(
        markdown.trim_end(),
        format!("- [标题]({encoded}) — 日报, 2026-03-01")
    );
}

#[test]
fn a_hand_edited_bookmark_prints_without_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let state = state_with(
        dir.path(),
        serde_json::json!([{
            "id": "a1", "date": "2026-03-01", "source": "日报\u{1b}[2J", "category": null,
            "title": "标题\u{1b}]0;x\u{7}", "url": "https://a.example/\u{1b}]52;c;eA==\u{7}",
            "path": "/gone.md", "added": "2026-03-01T10:00:00Z"
        }, {
            "id": "a2", "date": "2026-03-02", "source": "周报", "category": null,
            "title": "EVIL\u{1b}]52;c;cm0gLXJm\u{7} \u{1b}[2J title <b>[x]",
            "url": "https://x.example/a(b)", "path": "/gone.md",
            "added": "2026-03-02T10:00:00Z"
        }, {
            "id": "a3", "date": "2026-02-28", "source": "周报", "category": null,
            "title": " ", "url": "https://y.example/p", "path": "/gone.md",
            "added": "2026-02-28T10:00:00Z"
        }, {
            "id": "a4", "date": "2026-02-27", "source": "周报", "category": null,
            "title": "  ", "url": null, "path": "/gone.md",
            "added": "2026-02-27T10:00:00Z"
        }, {
            "id": "a6", "date": "2026-02-25", "source": "[x](javascript:alert(1)) <b>",
            "category": null, "title": "New\nline\n- [evil](http://evil)",
            "url": "https://example.com/a\nb>c", "path": "/gone.md",
            "added": "2026-02-25T10:00:00Z"
        }, {
            "id": "a5", "date": "2026-02-26", "source": "周报", "category": null,
            "title": "点我", "url": "javascript:alert(`1`)", "path": "/gone.md",
            "added": "2026-02-26T10:00:00Z"
        }, {
            "id": "a7", "date": "2026-02-24", "source": "周报", "category": null,
            "title": "断行", "url": null, "path": "/gone\nnote\u{1b}[2J.md",
            "added": "2026-02-24T10:00:00Z"
        }, {
            "id": "a8", "date": "2026-02-23", "source": "周报", "category": null,
            "title": "无路径", "url": null, "path": "", "added": "2026-02-23T10:00:00Z"
        }]),
    );
    for args in [&["bookmarks", "--markdown"][..], &["bookmarks"]] {
        let out = ribao_with(dir.path(), &state, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        let text = stdout(&out);
        assert!(text.contains("标题"), "{args:?}: {text}");
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{args:?}: {text:?}");
        assert!(!text.contains("52;c;cm0g"), "{args:?}: {text:?}");
        // In an address, as the reader shows it: percent-encoded, the address left whole.
        assert!(
            text.contains("https://a.example/%1B]52;c;eA==%07"),
            "{args:?}: {text:?}"
        );
    }
    // Escape sequences go whole before the link's brackets are escaped.
    let markdown = stdout(&ribao_with(
        dir.path(),
        &state,
        &["bookmarks", "--markdown"],
    ));
    assert_eq!(
        markdown.lines().next().unwrap(),
        r"- [EVIL title \<b>\[x\]](https://x.example/a%28b%29) — 周报, 2026-03-02"
    );
    // Without a title, the link is not left with no text to click, nor the line empty; an
    // address that is no web page's is no link.
    // Nor does a line break or a link in a title or source end the item or make a link.
    let last: Vec<&str> = markdown.lines().rev().skip(2).take(4).collect();
    assert_eq!(
        last,
        [
            r"- [New line - \[evil\](http://evil)](https://example.com/a%0Ab%3Ec) — \[x\](javascript:alert(1)) \<b>, 2026-02-25",
            "- 点我 `javascript:alert('1')` — 周报, 2026-02-26",
            "- (untitled) — 周报, 2026-02-27",
            "- <https://y.example/p> — 周报, 2026-02-28"
        ]
    );
    let text = stdout(&ribao_with(dir.path(), &state, &["bookmarks"]));
    let untitled: Vec<&str> = text.lines().filter(|l| l.ends_with("(untitled)")).collect();
    assert_eq!(untitled.len(), 2, "{text}");
    assert!(untitled[0].starts_with("a3  2026-02-28  周报"), "{text}");
    // Line breaks in a title break neither its row nor the title `show` prints (tester CA).
    let row = text.lines().find(|l| l.starts_with("a6")).unwrap();
    assert!(row.ends_with("New line - [evil](http://evil)"), "{text}");
    let shown = stdout(&ribao_with(dir.path(), &state, &["show", "a6"]));
    assert!(
        shown.starts_with("New line - [evil](http://evil)\n"),
        "{shown}"
    );
    // A line break in a hand-edited path does not break the note under its row (a review),
    // nor is it, or an escape, left out, which named another file (tester CJ); a bookmark
    // naming no file says so, not "its digest file  is gone" (tester CD).
    let notes: Vec<&str> = text.lines().filter(|l| l.starts_with("    (")).collect();
    assert!(
        notes.contains(&r"    (its digest file /gone\u{a}note\u{1b}[2J.md is gone; ribao show a7 shows what the bookmark kept of it)"),
        "{text}"
    );
    assert!(
        notes.contains(
            &"    (it names no digest file; ribao show a8 shows what the bookmark kept of it)"
        ),
        "{text}"
    );
    let shown = ribao_with(dir.path(), &state, &["show", "a8"]);
    let said = String::from_utf8_lossy(&shown.stderr);
    assert!(
        said.contains("ribao: the bookmark names no digest file; the story is shown"),
        "{said}"
    );
    // One without a title says so, as the list does (a review: its first line was empty).
    let shown = stdout(&ribao_with(dir.path(), &state, &["show", "a4"]));
    assert!(shown.starts_with("(untitled)\n"), "{shown}");
}

/// `bookmark add` kept waiting by another program's lock says so after a second, naming the
/// lock, rather than sit silent (tester G: 11 s with no output, then an error), and saves
/// once the lock is let go.
#[test]
fn a_bookmark_kept_waiting_by_a_lock_says_so_and_then_saves() {
    let dir = tempfile::tempdir().unwrap();
    let ids = store_with_items(dir.path(), 1);
    let state = dir.path().join("state.json");
    let held = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
    held.lock().unwrap();
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(2500));
        held.unlock().unwrap();
    });
    let added = ribao_with(dir.path(), &state, &["bookmark", "add", &ids[0]]);
    letting_go.join().unwrap();
    let said = String::from_utf8_lossy(&added.stderr);
    assert!(added.status.success(), "{said}");
    assert!(
        said.contains("waiting for") && said.contains("state.json.lock"),
        "{said}"
    );
    assert_eq!(said.matches("waiting for").count(), 1, "{said}");
    let listed = ribao_with(dir.path(), &state, &["bookmarks", "--json"]);
    assert_eq!(json(&listed).as_array().unwrap().len(), 1);
}

/// A store named by a link is the folder it leads to: a bookmark made under one name is in
/// its place under the other, neither moved nor rewritten (tester AR: each start under the
/// other name listed every bookmark as `now in` the other).
#[cfg(unix)]
#[test]
fn a_store_named_by_a_link_is_one_store_with_the_folder_it_leads_to() {
    let (dir, store, ids, state) = store_folder(2);
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&store, &link).unwrap();
    assert!(
        ribao_with(&link, &state, &["bookmark", "add", &ids[0]])
            .status
            .success()
    );
    let real = std::fs::canonicalize(&store).unwrap();
    for named in [&link, &store] {
        let v = json(&ribao_with(named, &state, &["bookmarks", "--json"]));
        assert_eq!(
            v[0]["path"],
            real.join("2026-03-01.md").display().to_string()
        );
        assert_eq!(v[0]["moved_to"], serde_json::Value::Null, "{v}");
        let listed = json(&ribao_with(named, &state, &["list", "--json"]));
        assert_eq!(listed[0]["path"], v[0]["path"]);
    }
}

/// `bookmarks` puts the titles in one column, whatever the width of the publication and
/// category before them, Chinese or not (tester BG: they started wherever those ended), a
/// long one cut.
#[test]
fn bookmarks_list_their_titles_in_one_column() {
    let dir = tempfile::tempdir().unwrap();
    let md = "## 测试日报 2026-03-01\n\n### 产品\n\n1. 第一条新闻：示例公司发布产品。[原文](https://example.com/1)\n\n\
              ### Research and Open Models\n\n1. 第二条新闻：示例实验室发布模型。[原文](https://example.com/2)\n\n\
              ### AI Industry Outlook and Social Impact of Open Models\n\n1. 第三条新闻：示例机构发布报告。[原文](https://example.com/3)\n";
    std::fs::write(dir.path().join("2026-03-01.md"), md).unwrap();
    let state = dir.path().join("state.json");
    let items = json(&ribao_with(dir.path(), &state, &["items", "--json"]));
    let ids = ids_of(&items);
    let mut args = vec!["bookmark", "add"];
    args.extend(ids.iter().map(String::as_str));
    assert!(ribao_with(dir.path(), &state, &args).status.success());
    let out = ribao_with(dir.path(), &state, &["bookmarks"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let titles: Vec<&str> = (items.as_array().unwrap().iter())
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    let columns: Vec<usize> = titles
        .iter()
        .map(|title| {
            let line = text.lines().find(|l| l.contains(title)).unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..line.find(title).unwrap()])
        })
        .collect();
    // The third's long category cut rather than pushing its title on (tester BI).
    assert_eq!(columns.len(), 3);
    assert!(columns.iter().all(|&c| c == columns[0]), "{text}");
}

/// The start of an id that several stories' ids start with names none, a bookmarked one
/// among them too (tester CT: the bookmarked one was shown, unsaid).
#[test]
fn show_of_an_id_start_several_stories_share_names_none_of_them() {
    let (_dir, store, ids, state) = store_folder(600);
    let start = (ids.iter())
        .map(|id| &id[..4])
        .find(|s| ids.iter().filter(|id| id.starts_with(s)).count() > 1)
        .expect("600 ids share a start of four characters");
    let sharing: Vec<&String> = ids.iter().filter(|id| id.starts_with(start)).collect();
    let added = ribao_with(&store, &state, &["bookmark", "add", sharing[0]]);
    assert!(added.status.success());
    let shown = ribao_with(&store, &state, &["show", start]);
    assert_eq!(shown.status.code(), Some(1));
    let err = String::from_utf8_lossy(&shown.stderr);
    assert!(err.contains("stories' ids start with"), "{err}");
}
