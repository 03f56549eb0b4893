//! `kill -9` of a writer at any moment leaves a state file that parses and holds every
//! bookmark whose save was reported done. Uses the `state_writer` example, which must be built
//! first (`cargo build --examples`, or a plain `cargo test`); skipped with a message otherwise.
#![cfg(unix)]

use ribao::state::StateFile;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `target/<profile>/examples/state_writer`; this test runs from `target/<profile>/deps/`.
fn writer() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe
        .parent()?
        .parent()?
        .join("examples")
        .join(format!("state_writer{}", std::env::consts::EXE_SUFFIX));
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: {} is missing; run `cargo build --examples` first",
            path.display()
        );
        None
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
    let Some(writer) = writer() else { return };
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
        let mut child = Command::new(&writer)
            .arg(&path)
            .arg(format!("r{run}-"))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut printed = String::new();
        // Every other run times the kill from the first finished save rather than from the
        // start, so that kills land mid-save even when starting up is slow.
        if run % 2 == 1 {
            out.read_line(&mut printed).unwrap();
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
        done.extend(printed.lines().map(String::from));

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
    assert_eq!(names, ["state.json", "state.json.lock"]);
}
