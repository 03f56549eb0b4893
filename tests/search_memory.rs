//! A search over the whole archive reads every story's text through the index's mapping,
//! and must not leave it in the reader's memory: a 10,000-digest archive has ~260 MB of it.
//! (Linux: reads the process's resident file pages from /proc.)

#![cfg(target_os = "linux")]

use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::search::Query;
use std::fmt::Write as _;

/// Resident pages of mapped files, in kB.
fn resident_file_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssFile:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("RssFile line")
}

#[test]
fn a_search_lets_the_text_it_read_go() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    // 40 digests of 60 stories of ~4 KB each: ~10 MB of text in the index.
    let paragraph = "英伟达发布新一代推理芯片，OpenAI 与多家云厂商宣布合作。".repeat(40);
    for day in 1..=40 {
        let mut text = format!("# AI 日报 2026-03-{:02}\n\n", day % 28 + 1);
        for n in 1..=60 {
            writeln!(text, "## {n}. 第{day}天的第{n}条新闻\n\n{paragraph}\n").unwrap();
        }
        std::fs::write(store.join(format!("{day:02}.md")), text).unwrap();
    }
    let cache = dir.path().join("cache");
    let categorizer = Categorizer::builtin();
    // Indexed in the cache folder, so the text is mapped rather than in memory.
    let library = Library::load_dir(&store, Some(&cache), &categorizer, &mut |w| panic!("{w}"));
    let before = resident_file_kb();
    let hits = library.search(&Query::parse("openai"), None);
    assert_eq!(hits.len(), 40 * 60);
    let grown = resident_file_kb().saturating_sub(before);
    assert!(
        grown < 2_000,
        "the search left {grown} kB of mapped text resident"
    );
}
