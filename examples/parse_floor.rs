//! Every file of a store read and run through a CommonMark parser (pulldown-cmark, on every
//! core), nothing kept or written: for scale beside a first index. It was meant as the least
//! an index costs, but ribao's index parses with its own line parser, so it is no floor.
//! `scripts/bench.sh` times it beside `ribao list` on a first run and `cat` of the files.
//!
//!   cargo run --release --example parse_floor -- STORE

mod support;

use rayon::prelude::*;

fn main() {
    let all = support::store_files("parse_floor STORE");
    let events: usize = all
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            pulldown_cmark::Parser::new(&String::from_utf8_lossy(&bytes)).count()
        })
        .sum();
    println!("{} files, {events} Markdown events", all.len());
}
