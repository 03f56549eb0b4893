//! Finding the digest files: sub-folders and links are followed, a link loop is reported and
//! skipped (never walked forever), a folder reached by two names is read once, and other
//! files, hidden ones (in hidden folders too) and a repository's README and the like are left
//! alone.

use ribao::store::scan;
use std::fs;

/// The problems a scan of `dir`, which holds one readable digest, tells of, by the file's
/// name, in name order.
#[cfg(unix)]
fn problems_beside_one_digest(dir: &std::path::Path) -> Vec<(String, ribao::store::FileProblem)> {
    let ribao::store::Scan {
        files, problems, ..
    } = scan(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let mut named: Vec<_> = problems
        .into_iter()
        .map(|p| {
            (
                p.path.file_name().unwrap().to_string_lossy().into_owned(),
                p,
            )
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named
}

#[cfg(unix)]
#[test]
fn links_are_followed_and_loops_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(store.join("a/b")).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(store.join("a/b/2026-01-01.md"), "# x").unwrap();
    fs::write(store.join("a/notes.pdf"), "x").unwrap();
    fs::write(store.join(".hidden.md"), "x").unwrap();
    // A hidden folder (an editor's trash, a checkout's `.github`) holds no digests.
    fs::create_dir_all(store.join(".trash")).unwrap();
    fs::write(store.join(".trash/2026-01-03.md"), "# x").unwrap();
    std::os::unix::fs::symlink(&elsewhere, store.join(".linked")).unwrap();
    fs::write(elsewhere.join("2026-01-02.txt"), "x").unwrap();
    std::os::unix::fs::symlink(&elsewhere, store.join("linked")).unwrap();
    std::os::unix::fs::symlink(store.join("a/b/2026-01-01.md"), store.join("alias.md")).unwrap();
    // A link from deep inside back up to the store: a loop.
    std::os::unix::fs::symlink(&store, store.join("a/b/up")).unwrap();
    // Another name for a folder in the store (`latest` → `a`): read once, under its own name.
    std::os::unix::fs::symlink(store.join("a"), store.join("latest")).unwrap();

    let ribao::store::Scan {
        files, problems, ..
    } = scan(&store);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.path.strip_prefix(&store).unwrap().display().to_string())
        .collect();
    // `alias.md`, another name for a digest the store lists, is not listed again.
    assert_eq!(names, ["a/b/2026-01-01.md", "linked/2026-01-02.txt"]);
    assert!(files.iter().all(|f| f.size > 0 && f.changed.is_some()));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].path.ends_with("a/b/up") && problems[0].left_alone);
    assert!(
        problems[0].message.contains("loop"),
        "{}",
        problems[0].message
    );
}

/// A folder of the store that a link elsewhere in it leads to is listed under its own name,
/// whichever of the two its parent folder lists first (tester EF: the link read first took
/// the folder's files, and the folder was gone from the list).
#[cfg(unix)]
#[test]
fn a_folder_linked_to_is_listed_under_its_own_name() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // Two pairs, the folder with the link made first in one and its name first in the
    // other, so that in one of them the link is listed first whether the file system lists
    // names in the order they were made, its reverse, or by name.
    fs::create_dir_all(&store).unwrap();
    for (i, (real, linking, link_made_first)) in
        [("a-real", "z-links", true), ("z-real", "a-links", false)]
            .into_iter()
            .enumerate()
    {
        let make_link = || {
            fs::create_dir_all(store.join(linking).join("deeper")).unwrap();
            let link = store.join(linking).join("deeper/to-real");
            std::os::unix::fs::symlink(store.join(real), link).unwrap();
        };
        if link_made_first {
            make_link();
        }
        fs::create_dir_all(store.join(real)).unwrap();
        let digest = store.join(real).join(format!("2026-01-0{}.md", i + 1));
        fs::write(digest, "# x").unwrap();
        if !link_made_first {
            make_link();
        }
    }
    let names: Vec<String> = (scan(&store).files.iter())
        .map(|f| f.path.strip_prefix(&store).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["a-real/2026-01-01.md", "z-real/2026-01-02.md"]);
}

/// A link to a digest of the store (`latest.md`) lists it once, under its own name, and a
/// link to a folder the store passes over (its `node_modules`, a hidden one) or to packages
/// elsewhere lists none of theirs (tester EJ: each was listed); a link to a digest outside
/// the store, or to one in a hidden folder, is its only way in and is listed.
#[cfg(unix)]
#[test]
fn links_to_what_the_store_lists_or_passes_over_add_nothing() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let put = |rel: &str| {
        let path = store.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "# x").unwrap();
    };
    put("zeta/2026-01-06.md");
    put("repo/node_modules/p1/2026-02-02.md");
    put(".hidden/2026-01-12.md");
    put(".drafts/2026-01-13.md");
    let outside = tmp.path().join("elsewhere");
    fs::create_dir_all(outside.join("node_modules/p2")).unwrap();
    fs::write(outside.join("node_modules/p2/2026-02-03.md"), "# x").unwrap();
    fs::write(outside.join("2026-01-14.md"), "# x").unwrap();
    symlink(store.join("zeta/2026-01-06.md"), store.join("latest.md")).unwrap();
    symlink(store.join("repo/node_modules"), store.join("mods")).unwrap();
    symlink(store.join(".hidden"), store.join("visible")).unwrap();
    symlink(outside.join("node_modules"), store.join("packages")).unwrap();
    symlink(outside.join("node_modules/p2"), store.join("one-package")).unwrap();
    // A link to a link of the store, which leads out of it (a review: both were listed).
    fs::write(outside.join("2026-01-21.md"), "# x").unwrap();
    symlink(outside.join("2026-01-21.md"), store.join("2026-01-21.md")).unwrap();
    symlink("2026-01-21.md", store.join("newest.md")).unwrap();
    symlink(store.join(".drafts/2026-01-13.md"), store.join("draft.md")).unwrap();
    symlink(
        outside.join("2026-01-14.md"),
        store.join("from-elsewhere.md"),
    )
    .unwrap();
    let names: Vec<String> = (scan(&store).files.iter())
        .map(|f| f.path.strip_prefix(&store).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "2026-01-21.md",
            "draft.md",
            "from-elsewhere.md",
            "zeta/2026-01-06.md"
        ]
    );
}

/// A store is often a clone of a digest repository: its README and LICENSE were listed as
/// digests, and their headings as stories. A digest whose name only starts with such a word
/// is read.
#[test]
fn a_repositorys_own_documents_are_not_digests() {
    let store = tempfile::tempdir().unwrap();
    // In a folder named by a day, a README is that day's digest (tester DS: a repository of
    // a folder a day was no digest at all); in a month's folder, its index.
    for name in [
        "README.md",
        "readme.zh-CN.md",
        "LICENSE.txt",
        "CHANGELOG.md",
        "CODE_OF_CONDUCT.md",
        "README_CN.md",
        "LICENSE-MIT.txt",
        "HISTORY.md",
        "node_modules/marked/docs/2026-01-05.md",
        "2026-01-01.md",
        "security-2026-01-02.md",
        "2026-01-21/README.md",
        "2026-01/README.md",
    ] {
        let path = store.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "# x").unwrap();
    }
    let mut names: Vec<String> = scan(store.path())
        .files
        .iter()
        .map(|f| {
            let name = f.path.strip_prefix(store.path()).unwrap();
            name.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2026-01-01.md",
            "2026-01-21/README.md",
            "security-2026-01-02.md"
        ]
    );
}

/// A digest's name on something that is no file (a pipe, a link to a device) is not read,
/// and not passed over in silence: told, as left alone.
#[cfg(unix)]
#[test]
fn a_pipe_or_device_with_a_digests_name_is_told_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("2026-01-01.md"), "# x").unwrap();
    std::os::unix::fs::symlink("/dev/zero", tmp.path().join("zero.md")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(tmp.path().join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    let problems = problems_beside_one_digest(tmp.path());
    // Each by what it is, as a digest read says it (a review: in words of its own).
    let told: Vec<(&str, &str)> = problems
        .iter()
        .filter(|(_, p)| p.left_alone)
        .map(|(name, p)| (name.as_str(), p.message.as_str()))
        .collect();
    let pipe = ("pipe.md", "it is a pipe, not a regular file; not read");
    let zero = ("zero.md", "it is a device, not a regular file; not read");
    let expected: &[(&str, &str)] = if made { &[pipe, zero] } else { &[zero] };
    assert_eq!(told, expected, "{problems:?}");
}

/// A broken link is a failed digest when it has a digest's name; under any other name (a
/// link to a folder since removed, one link looping to another) it is no digest, and left
/// out as quietly as a PDF would be.
#[cfg(unix)]
#[test]
fn broken_links_fail_only_under_a_digests_name() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("2026-01-01.md"), "# x").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("gone"), tmp.path().join("old-folder")).unwrap();
    std::os::unix::fs::symlink("loop-b", tmp.path().join("loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", tmp.path().join("loop-b")).unwrap();
    std::os::unix::fs::symlink("missing.md", tmp.path().join("2026-01-02.md")).unwrap();
    // Two digests' names linked to each other: a loop, told and left alone.
    std::os::unix::fs::symlink("b.md", tmp.path().join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", tmp.path().join("b.md")).unwrap();
    let problems = problems_beside_one_digest(tmp.path());
    let told: Vec<_> = problems
        .iter()
        .map(|(name, p)| (name.as_str(), p.left_alone))
        .collect();
    assert_eq!(
        told,
        [("2026-01-02.md", false), ("a.md", true), ("b.md", true)],
        "{problems:?}"
    );
    let (_, missing) = problems.iter().find(|(_, p)| !p.left_alone).unwrap();
    assert!(
        missing.message.starts_with("a link to ")
            && missing.message.ends_with("missing.md, which is not there"),
        "{}",
        missing.message
    );
}

/// A link to a folder the store is in is a loop, not a way out of the store: the files
/// beside the store are not read, and `check` tells of the link.
#[cfg(unix)]
#[test]
fn a_link_to_a_folder_above_the_store_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    fs::create_dir_all(store.join("2026")).unwrap();
    fs::create_dir_all(tmp.path().join("private")).unwrap();
    fs::write(store.join("2026/2026-01-01.md"), "# x").unwrap();
    fs::write(tmp.path().join("private/2026-01-02.md"), "# secret").unwrap();
    std::os::unix::fs::symlink(tmp.path(), store.join("2026/parent")).unwrap();
    let ribao::store::Scan {
        files, problems, ..
    } = scan(&store);
    let names: Vec<_> = files.iter().map(|f| f.path.file_name().unwrap()).collect();
    assert_eq!(names, ["2026-01-01.md"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].path.ends_with("2026/parent") && problems[0].left_alone);
}

#[test]
fn a_missing_store_is_a_problem_not_a_panic() {
    let ribao::store::Scan {
        files, problems, ..
    } = scan(std::path::Path::new("/nonexistent/ribao-store"));
    assert!(files.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.starts_with("cannot read"));
}

/// A store with more folders than the process may have files open: each folder is let go
/// before the next is read (the files' sizes are read while their folder is open), the
/// folders held open so far let go of when a limit is met (tester EB: at 32, whole
/// publications were left out, with exit 0).
#[cfg(unix)]
#[test]
fn a_store_of_more_folders_than_open_files_allowed_is_read_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    for i in 0..200 {
        let dir = store.join(format!("day{i:03}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("2026-01-01.md"),
            format!("# 日报\n\n## 1. 第{i}条\n\n正文\n"),
        )
        .unwrap();
    }
    // The binary under a limit of 16 open files.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 16 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_ribao"))
        .args(["list", "--json", "--store"])
        .arg(&store)
        .arg("--cache-dir")
        .arg(tmp.path().join("cache"))
        .arg("--state")
        .arg(tmp.path().join("state.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 200);
}

/// A digest's file replaced by a pipe after it was indexed: its story's text is refused at
/// once, not waited on (tester CS: `v` froze the reader, deaf to Ctrl-C, until something
/// wrote to the pipe).
#[cfg(unix)]
#[test]
fn a_digest_turned_pipe_is_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir(&store).unwrap();
    let file = store.join("2026-01-01.md");
    fs::write(
        &file,
        "# 日报 2026-01-01\n\n## 新闻\n\n### 1. 标题\n\n正文。\n",
    )
    .unwrap();
    let categories = ribao::categories::Categorizer::builtin();
    let library = ribao::library::Library::load_dir(&store, Some(&cache), &categories, &mut |_| {});
    assert_eq!(library.digests().len(), 1);
    fs::remove_file(&file).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&file).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let (sent, read) = std::sync::mpsc::channel();
    std::thread::spawn(move || sent.send(library.story(0).map(|_| ())).unwrap());
    let why = read.recv_timeout(std::time::Duration::from_secs(10));
    let why = why
        .expect("the story's text waited on the pipe")
        .unwrap_err();
    assert!(why.contains("it is a pipe, not a regular file"), "{why}");
}
