//! Where a first index's time goes, phase by phase, on one core: reading each file, parsing
//! it into stories, placing them in categories, making their search text and story keys.
//! Beside `examples/parse_floor.rs`, it says which phase a faster first run must come from.
//!
//!   cargo run --release --example index_phases -- STORE

mod support;

use std::time::{Duration, Instant};

/// Runs `f`, adding its time to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    *total += started.elapsed();
    out
}

fn main() {
    let all = support::store_files("index_phases STORE");
    let categorizer = ribao::categories::Categorizer::builtin();
    let phases = ["read", "parse", "categories", "search text", "story keys"];
    let mut spent = [Duration::ZERO; 5];
    let mut bytes = 0;
    for path in &all {
        let [read, parse, categories, search, keys] = &mut spent;
        let file = timed(read, || std::fs::read(path).unwrap_or_default());
        bytes += file.len();
        let Ok(mut digest) = timed(parse, || ribao::parse::parse(&file, path)) else {
            continue;
        };
        timed(categories, || {
            for item in &mut digest.items {
                item.unified = Some(categorizer.classify(item));
            }
        });
        let texts: Vec<_> = timed(search, || {
            let items = digest.items.iter();
            items
                .map(|i| ribao::search::searchable(&i.title, &i.body))
                .collect()
        });
        let key = timed(keys, || {
            let pairs = texts.iter().zip(&digest.items);
            pairs.fold(0, |k, (t, i)| {
                k ^ ribao::index::story_key(t, i.url.as_deref())
            })
        });
        std::hint::black_box(key);
    }
    println!("{} files, {} MB, one core:", all.len(), bytes >> 20);
    for (phase, time) in phases.iter().zip(spent) {
        println!("  {phase:<12} {:>8.1} ms", time.as_secs_f64() * 1e3);
    }
}
