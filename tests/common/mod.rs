//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `../shared/<name>` beside the repository, when present (CI has it; a fresh clone may not).
pub fn shared(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} is not present", dir.display());
        None
    }
}

/// Run the real binary with a private state file and no inherited store setting.
pub fn ribao(args: &[&str]) -> Output {
    ribao_with(args, &[])
}

/// [`ribao`] with these environment variables set.
pub fn ribao_with(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().unwrap();
    command(home.path())
        .args(args)
        .envs(vars.iter().copied())
        .output()
        .expect("run ribao")
}

/// The real binary with `home` as its home (its data, cache and config folders inside) and
/// no `RIBAO_*` setting of the environment the tests run in: nothing of the user's is read
/// or written.
pub fn command(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ribao"));
    for setting in [
        "RIBAO_STORE",
        "RIBAO_STATE",
        "RIBAO_CACHE_DIR",
        "RIBAO_AMBIGUOUS_WIDE",
        "COLUMNS",
    ] {
        command.env_remove(setting);
    }
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    command
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// The `id` of each row of a JSON array (`items`, `search`, `bookmarks --json`), in order.
pub fn ids_of(rows: &serde_json::Value) -> Vec<String> {
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

pub fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.success(),
        "ribao failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("stdout is one JSON document")
}
pub mod tmux;

/// A store of `files` generated digests (dated in February 2026) of `stories` numbered
/// stories each, every story's text `paragraph`: for tests that need an archive of some size.
pub fn generated_store(dir: &Path, files: usize, stories: usize, paragraph: &str) -> PathBuf {
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    for n in 0..files {
        let mut text = format!("# 日报 2026-02-{:02}\n\n", n % 28 + 1);
        for k in 1..=stories {
            text.push_str(&format!("## {k}. 第{n}期第{k}条\n\n{paragraph}\n\n"));
        }
        std::fs::write(store.join(format!("{n:04}.md")), text).unwrap();
    }
    store
}

/// A screen of the reader (three panes, the categories in characters 30 to 70) with what
/// reading a story changes hidden: its `✓` mark, and the counts of the category pane under
/// the titles' row.
pub fn without_read_marks(screen: &str) -> Vec<String> {
    screen
        .lines()
        .enumerate()
        .map(|(row, line)| {
            line.chars()
                .enumerate()
                .map(|(col, c)| match (row, col, c) {
                    (1.., 30..70, '0'..='9') | (.., '✓') => ' ',
                    _ => c,
                })
                .collect()
        })
        .collect()
}

/// A screen's rows joined without pane borders and spaces: text a popup wrapped over rows
/// reads as one run, to look for whole.
pub fn unframed(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.replace(['│', '┃', ' '], ""))
        .collect()
}
