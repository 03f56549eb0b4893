//! A publication's digest kept twice (a site's copy beside the raw one, as real archives do):
//! each story is listed, counted and found once, while each file still lists as itself.

#[path = "tui_support.rs"]
mod support;

mod common;

use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::text::TextOptions;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use support::{Harness, app_with};

const SHARED: &str =
    "1. 甲公司发布新模型，推理成本下降一半。\n2. 乙公司开源语音模型，支持方言识别。\n";

/// `mirror/`, `raw/` and `site/` copies of one day's digest, listed in that order; the
/// site's has a story more.
fn store() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    for dir in ["mirror", "raw", "site"] {
        fs::create_dir_all(store.join(dir)).unwrap();
    }
    let head = "# 测试日报 · 2026年03月02日\n\n## 产品\n\n";
    fs::write(
        store.join("mirror/2026-03-02.md"),
        format!("{head}{SHARED}"),
    )
    .unwrap();
    fs::write(store.join("raw/2026-03-02.md"), format!("{head}{SHARED}")).unwrap();
    fs::write(
        store.join("site/2026-03-02.md"),
        format!("{head}{SHARED}3. 丙实验室公布机器人数据集。\n"),
    )
    .unwrap();
    (tmp, store, cache)
}

fn run(args: &[&str], store: &Path, cache: &Path) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend([
        "--store",
        store.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
        "--json",
    ]);
    common::json(&common::ribao(&all))
}

/// One field of each row of a `--json` answer (`id` of `ribao items`, `source` of `list`).
fn column<'a>(rows: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap())
        .collect()
}

#[test]
fn the_cli_lists_and_finds_a_repeated_story_once() {
    let (_tmp, store, cache) = store();
    let items = run(&["items"], &store, &cache);
    let ids = column(&items, "id");
    assert_eq!(ids.len(), 3, "{items}");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 3);

    let found = run(&["search", "方言"], &store, &cache);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let shared_id = found[0]["id"].as_str().unwrap();
    let shown = common::ribao(&[
        "show",
        shared_id,
        "--store",
        store.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
    ]);
    assert!(common::stdout(&shown).contains("乙公司开源语音模型"));
    // The second copy's own story is found in it.
    let own = run(&["search", "机器人数据集"], &store, &cache);
    assert_eq!(own.as_array().unwrap().len(), 1, "{own}");

    // Each file is still a digest with its own stories.
    let list = run(&["list"], &store, &cache);
    let mut counts: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["items"].as_u64().unwrap())
        .collect();
    counts.sort();
    assert_eq!(counts, [2, 2, 3]);
    // And says how many of them are listed under another digest: what `items` leaves out.
    let elsewhere: u64 = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["elsewhere"].as_u64().unwrap())
        .sum();
    assert_eq!(elsewhere, 7 - 3);
    // One digest asked for by its id lists all its stories, those listed under another
    // digest too: a copy listed none (tester AB).
    for digest in list.as_array().unwrap() {
        let id = digest["id"].as_str().unwrap();
        let own = run(&["items", "--digest", id], &store, &cache);
        assert_eq!(
            own.as_array().unwrap().len() as u64,
            digest["items"].as_u64().unwrap(),
            "{own}"
        );
    }
    // `check` reports each file's own count, and says how many are repeats.
    let check = common::ribao(&[
        "check",
        "--store",
        store.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
    ]);
    let summary = common::stdout(&check);
    assert!(
        summary.contains("3 files, 7 stories (4 listed under another digest), 0 failed"),
        "{summary}"
    );
}

#[test]
fn the_reader_counts_and_lists_a_repeated_story_once() {
    let (_tmp, store, cache) = store();
    let library = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = Harness::new(app_with(library, TextOptions::default()), 120, 30);
    let screen = h.text();
    // Three files, three stories on the date; each story once in the story list.
    assert!(screen.contains("3/3"), "{screen}");
    let in_list = screen
        .lines()
        .filter(|l| l.contains("乙公司开源语音模型") && !l.contains('•'))
        .count();
    assert_eq!(in_list, 1, "{screen}");
    assert_eq!(h.app.items().len(), 3);
    // The overview beside it shows the first file's headlines (marked `•`), says the plain
    // copy is one, and shows the site's copy, which has a story of its own, whole.
    let headlines = screen.matches("• 乙公司开源语音模型").count();
    assert_eq!(headlines, 2, "{screen}");
    // The copy after the others (tester S: its note opened the date).
    let copy = screen.find("与本日另一份相同");
    assert!(copy > screen.find("• 丙实验室"), "{screen}");
}

#[test]
fn a_copy_under_another_publication_name_is_listed_once_but_other_tellings_stay() {
    // A site republishes a raw digest with front matter naming it otherwise; another
    // publication tells one of the stories in its own words the same day.
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let body = "## 资讯 2026/3/2\n\n### 今日要闻\n\n".to_string() + SHARED;
    fs::write(store.join("raw.md"), &body).unwrap();
    fs::write(
        store.join("site.md"),
        format!("---\ntitle: 某站阅读手册 - 2026-03-02\n---\n\n{body}"),
    )
    .unwrap();
    fs::write(
        store.join("other.md"),
        "# 另一日报 · 2026年03月02日\n\n## 产品\n\n1. 乙公司开源语音模型，支持粤语和闽南语。\n",
    )
    .unwrap();
    let list = run(&["list"], &store, &cache);
    let sources: HashSet<&str> = column(&list, "source").into_iter().collect();
    assert_eq!(sources.len(), 3, "three names: {list:#}");
    let items = run(&["items"], &store, &cache);
    assert_eq!(
        column(&items, "id").len(),
        3,
        "two shared stories once, and the other telling: {items:#}"
    );
    let found = run(&["search", "乙公司"], &store, &cache);
    assert_eq!(found.as_array().unwrap().len(), 2, "{found:#}");
}

#[test]
fn an_earlier_copy_with_a_story_worded_otherwise_is_listed_once() {
    // An earlier download of the same day's digest beside the later one: a story since
    // reworded keeps its title, so its id, and is one story.
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    let day = |first: &str| {
        format!(
            "# 测试日报 · 2026年03月02日\n\n## 产品\n\n### 甲公司发布新模型\n\n{first}\n\n\
             ### 乙公司开源工具\n\n支持方言识别。\n"
        )
    };
    for (dir, first) in [
        ("earlier", "推理成本下降一半。"),
        ("later", "推理成本下降一半，定价另行公布。"),
    ] {
        fs::create_dir_all(store.join(dir)).unwrap();
        fs::write(store.join(dir).join("2026-03-02.md"), day(first)).unwrap();
    }
    let items = run(&["items"], &store, &cache);
    let ids = column(&items, "id");
    assert_eq!(ids.len(), 2, "each story once: {items:#}");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 2, "{items:#}");
}

#[test]
fn undated_notes_with_a_title_in_common_are_not_copies() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("notes"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    fs::write(store.join("a.md"), "## 总结\n\n甲方案的要点。\n").unwrap();
    fs::write(store.join("b.md"), "## 总结\n\n乙方案的要点。\n").unwrap();
    let items = run(&["items"], &store, &cache);
    let ids: HashSet<&str> = column(&items, "id").into_iter().collect();
    assert_eq!(ids.len(), 2, "both stories, each its own: {items:#}");
    for word in ["甲方案", "乙方案"] {
        let found = run(&["search", word], &store, &cache);
        assert_eq!(found.as_array().unwrap().len(), 1, "{word}: {found:#}");
    }
}

#[test]
fn a_story_a_digest_lists_twice_shows_once_but_namesakes_stay() {
    // A digest updated in batches lists its morning story again in the evening batch; two
    // different stories may still share a headline (here, different links).
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let story = "## 甲公司发布新模型\n\n推理成本下降一半。\n\n";
    let namesake = |url: &str| format!("## 一周回顾\n\n本周要闻。[原文]({url})\n\n");
    fs::write(
        store.join("2026-03-02.md"),
        format!(
            "# 测试日报 · 2026年03月02日\n\n{story}{}## 乙公司开源语音模型\n\n支持方言。\n\n{story}{}",
            namesake("https://a.example/1"),
            namesake("https://b.example/2"),
        ),
    )
    .unwrap();
    let items = run(&["items"], &store, &cache);
    let titles = column(&items, "title");
    assert_eq!(
        titles,
        [
            "甲公司发布新模型",
            "一周回顾",
            "乙公司开源语音模型",
            "一周回顾"
        ],
        "{items}"
    );
    // One post under two links, its headline and summary the same, is one story (tester
    // DI: listed twice).
    let posted = |n: u32| {
        format!(
            "- [丙公司发布新芯片](<https://x.example/status/{n}>) — 某人\n  - 摘要：性能翻倍。\n"
        )
    };
    fs::write(
        store.join("2026-03-03.md"),
        format!(
            "# 测试日报 · 2026年03月03日\n\n## 新闻\n\n{}{}",
            posted(1),
            posted(2)
        ),
    )
    .unwrap();
    let items = run(&["items", "--date", "2026-03-03"], &store, &cache);
    assert_eq!(column(&items, "title"), ["丙公司发布新芯片"], "{items}");
}

#[test]
fn dropping_a_repeat_leaves_the_other_stories_ids_as_they_were() {
    // The same headline three times: once repeated whole, once a story of its own. That
    // story's id (the key of its read mark and bookmark) is the one it has when the second
    // is a different story, not a repeat.
    let story = |url: &str| format!("## 一周回顾\n\n本周要闻。[原文]({url})\n\n");
    let file = |second: &str| {
        format!(
            "# 测试日报 · 2026年03月02日\n\n{}{}{}",
            story("https://a.example/1"),
            story(second),
            story("https://b.example/2")
        )
    };
    let ids = |text: String| -> Vec<(String, String)> {
        ribao::parse::parse(text.as_bytes(), Path::new("/store/2026-03-02.md"))
            .unwrap()
            .items
            .into_iter()
            .map(|i| (i.url.unwrap_or_default(), i.id))
            .collect()
    };
    let with_repeat = ids(file("https://a.example/1"));
    let without = ids(file("https://c.example/3"));
    assert_eq!(with_repeat.len(), 2, "{with_repeat:?}");
    assert_eq!(with_repeat[0], without[0]);
    assert_eq!(with_repeat[1], without[2], "{with_repeat:?} {without:?}");
}

#[test]
fn of_two_copies_the_one_with_categories_is_kept_whichever_lists_first() {
    // One copy files its stories under a section, the other does not; either name may sort
    // first, or both copies have one name (and so their stories one id).
    for (plain, sorted) in [
        ("乙日报", "甲日报"),
        ("甲日报", "乙日报"),
        ("甲日报", "甲日报"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
        fs::create_dir_all(&store).unwrap();
        let head = |name: &str| format!("# {name} · 2026年03月02日\n\n");
        fs::write(store.join("plain.md"), head(plain) + SHARED).unwrap();
        fs::write(
            store.join("sorted.md"),
            head(sorted) + "## 产品\n\n" + SHARED,
        )
        .unwrap();
        let items = run(&["items"], &store, &cache);
        assert_eq!(column(&items, "source"), [sorted, sorted], "{items:#}");
        assert_eq!(column(&items, "category"), ["产品", "产品"], "{items:#}");
        // Its id opens the copy listed.
        for id in column(&items, "id") {
            let shown = run(&["show", id], &store, &cache);
            assert_eq!(shown["category"], "产品", "{shown:#}");
        }
    }
}

#[test]
fn of_two_copies_alike_the_one_in_a_known_format_is_kept_whichever_lists_first() {
    // A raw digest names itself after its first heading (`AI资讯`); the site's copy, with
    // front matter, is a publication ribao knows (Bubble's Brain). Either may sort first.
    for raw_name in ["AI资讯", "ZZ资讯"] {
        let tmp = tempfile::tempdir().unwrap();
        let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
        fs::create_dir_all(&store).unwrap();
        let body = format!("## {raw_name} 2026/3/2\n\n### 今日AI资讯\n\n{SHARED}");
        fs::write(store.join("raw.md"), &body).unwrap();
        fs::write(
            store.join("site.md"),
            format!("---\ntitle: \"Bubble's Brain 阅读手册 - 2026-03-02\"\n---\n\n{body}"),
        )
        .unwrap();
        let items = run(&["items"], &store, &cache);
        assert_eq!(
            column(&items, "source"),
            ["Bubble's Brain", "Bubble's Brain"],
            "{items:#}"
        );
    }
}
