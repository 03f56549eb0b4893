//! What any first index of a store costs at least: every file read and run through a
//! Markdown parser (pulldown-cmark, on every core), nothing kept or written.
//! `scripts/bench.sh` times it beside `ribao list` on a first run and `cat` of the files.
//!
//!   cargo run --release --example parse_floor -- STORE

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => files(&path, out),
            Ok(_) => out.push(path),
            Err(_) => {}
        }
    }
}

fn main() {
    let Some(store) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_floor STORE");
        std::process::exit(2);
    };
    let mut all = Vec::new();
    files(Path::new(&store), &mut all);
    let events: usize = all
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            pulldown_cmark::Parser::new(&String::from_utf8_lossy(&bytes)).count()
        })
        .sum();
    println!("{} files, {events} Markdown events", all.len());
}
