//! A publication names itself differently from day to day in its headings (`AI News Daily`,
//! `AI Daily Briefing`, …) under one dated front-matter title: it is listed under one name,
//! the one most of its digests give, while each story keeps its id.

mod common;

use std::fs;
use std::path::Path;

/// A digest of `series` (its front-matter title, dated `day`) whose heading names it `name`.
fn write(store: &Path, series: &str, day: u32, name: &str) {
    let text = format!(
        "---\ntitle: 03-{day:02}-{series}\n---\n## {name} 2026/3/{day}\n\n### 新闻\n\n1. 第{day}号新闻：示例公司发布新产品。\n"
    );
    fs::write(store.join(format!("{series}-2026-03-{day:02}.md")), text).unwrap();
}

/// (date, source) of each digest, and every story id.
fn listed(store: &Path, cache: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let run = |command: &str| {
        common::json(
            &common::command(cache)
                .args([command, "--json", "--store"])
                .arg(store)
                .arg("--cache-dir")
                .arg(cache)
                .output()
                .unwrap(),
        )
    };
    let field = |row: &serde_json::Value, key: &str| row[key].as_str().unwrap().to_string();
    let digests = run("list")
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (field(d, "date"), field(d, "source")))
        .collect();
    let ids = run("items")
        .as_array()
        .unwrap()
        .iter()
        .map(|i| field(i, "id"))
        .collect();
    (digests, ids)
}

#[test]
fn a_publication_goes_by_the_name_most_of_its_digests_give() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir(&store).unwrap();
    write(&store, "Daily", 1, "AI News Daily");
    write(&store, "Daily", 2, "AI Daily Briefing");
    write(&store, "Daily", 3, "AI News Daily");
    // Another publication in the same folder keeps its own name.
    write(&store, "Brief", 3, "Tech Brief");
    let (digests, ids) = listed(&store, &cache);
    let names = |digests: &[(String, String)]| -> Vec<String> {
        digests.iter().map(|(_, s)| s.clone()).collect()
    };
    assert_eq!(
        names(&digests),
        [
            "AI News Daily",
            "Tech Brief",
            "AI News Daily",
            "AI News Daily"
        ]
    );
    // Two more days named another way: that name is most digests' now, and the index
    // (kept digests included) follows. The stories' ids stay as they were.
    write(&store, "Daily", 4, "AI Daily Briefing");
    write(&store, "Daily", 5, "AI Daily Briefing");
    let (digests, again) = listed(&store, &cache);
    assert!(
        names(&digests)
            .iter()
            .filter(|n| *n != "Tech Brief")
            .all(|n| n == "AI Daily Briefing"),
        "{digests:?}"
    );
    assert_eq!(again[again.len() - ids.len()..], ids[..]);
}
