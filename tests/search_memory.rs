//! A search over the whole archive reads every story's text through the index's mapping,
//! and must not leave it in the reader's memory: a 10,000-digest archive has ~260 MB of it.
//! (Linux: reads the process's resident file pages from /proc.)

#![cfg(target_os = "linux")]

mod common;

use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::search::Query;

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
    // 40 digests of 60 stories of ~4 KB each: ~10 MB of text in the index.
    let paragraph = "英伟达发布新一代推理芯片，OpenAI 与多家云厂商宣布合作。".repeat(40);
    let store = common::generated_store(dir.path(), 40, 60, &paragraph);
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
