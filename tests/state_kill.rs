//! `kill -9` of a writer at any moment leaves a state file that parses and holds every
//! bookmark whose save was reported done. The writer is this test binary run again with
//! `RIBAO_STATE_WRITER` set, so it is always there to run.
#![cfg(unix)]

use ribao::state::{Bookmark, Change, StateFile, timestamp_now};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The writer, when this binary runs as one: adds bookmarks `<prefix>0`, `<prefix>1`, … to
/// the state file, one save each, and prints each id (flushed) only after its save returned,
/// until killed. In a normal test run it does nothing.
#[test]
fn writer() {
    let Some(path) = std::env::var_os("RIBAO_STATE_WRITER") else {
        return;
    };
    let prefix = std::env::var("RIBAO_STATE_WRITER_PREFIX").unwrap();
    let (file, _) = StateFile::open(path).unwrap();
    let mut stdout = std::io::stdout().lock();
    for n in 0u64.. {
        let id = format!("{prefix}{n}");
        let bookmark = Bookmark {
            id: id.clone(),
            source: "state-writer".into(),
            title: format!("Bookmark {n}"),
            path: "/nonexistent/digest.md".into(),
            added: timestamp_now(),
            outlet: None,
            text: None,
            ..Bookmark::default()
        };
        file.apply(&[Change::AddBookmark(Box::new(bookmark))])
            .unwrap();
        writeln!(stdout, "{id}").unwrap();
        stdout.flush().unwrap();
    }
}

/// xorshift64: enough to spread the kill times, no extra dependency.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn killing_a_writer_at_any_moment_loses_no_finished_save() {
    let this = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("seed {seed}");
    let mut done = BTreeSet::new();
    for run in 0..200 {
        let prefix = format!("r{run}-");
        let mut child = Command::new(&this)
            .args(["writer", "--exact", "--nocapture", "--quiet"])
            .env("RIBAO_STATE_WRITER", &path)
            .env("RIBAO_STATE_WRITER_PREFIX", &prefix)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut printed = String::new();
        // Every other run times the kill from the first finished save rather than from the
        // start, so that kills land mid-save even when starting up is slow.
        if run % 2 == 1 {
            // Up to the first id: the harness prints a line of its own first.
            loop {
                let start = printed.len();
                let read = out.read_line(&mut printed).unwrap();
                if read == 0 || printed[start..].starts_with(&prefix) {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(next(&mut seed) % 31));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "run {run}: the writer failed: {status}"
        );
        out.read_to_string(&mut printed).unwrap();
        // The test harness prints lines of its own.
        done.extend(
            printed
                .lines()
                .filter(|l| l.starts_with(&prefix))
                .map(String::from),
        );

        let (_, loaded) = StateFile::open(&path).unwrap();
        assert!(loaded.notices.is_empty(), "run {run}: {:?}", loaded.notices);
        let missing: Vec<&String> = done
            .iter()
            .filter(|id| !loaded.state.is_bookmarked(id))
            .collect();
        assert!(missing.is_empty(), "run {run}: lost {missing:?}");
    }
    // At least the first save of every waited-for run.
    assert!(
        done.len() >= 100,
        "writers saved too little: {}",
        done.len()
    );

    // The next save cleans up what the killed writers left.
    StateFile::open(&path).unwrap().0.apply(&[]).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["state.json", "state.json.bak", "state.json.lock"]);
}
