//! The non-interactive subcommands, run as a user would run them.

mod common;
use common::*;

fn store() -> String {
    fixtures().join("store").display().to_string()
}

/// A store of one file, `name` holding `text`, and its path as an argument.
fn store_of(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let store = dir.path().display().to_string();
    (dir, store)
}

#[test]
fn list_json_is_one_array_newest_first_with_undated_last() {
    let v = json(&ribao(&["list", "--json", "--store", &store()]));
    let rows = v.as_array().unwrap();
    let dates: Vec<_> = rows.iter().map(|r| r["date"].as_str()).collect();
    assert_eq!(
        dates,
        [
            Some("2026-02-06"),
            Some("2026-02-05"),
            Some("2026-02-04"),
            Some("2026-02-03"),
            None
        ]
    );
    let brief = rows.iter().find(|r| r["source"] == "AI行业速递").unwrap();
    assert_eq!(brief["items"], 4);
    assert_eq!(
        brief["categories"],
        serde_json::json!(["技术前沿解读", "市场动态", "其他相关资讯"])
    );
    for key in ["id", "title", "path"] {
        assert!(brief[key].is_string(), "{key} missing");
    }
}

#[test]
fn store_option_works_before_and_after_the_subcommand_and_from_env() {
    let after = stdout(&ribao(&["list", "--store", &store()]));
    let before = stdout(&ribao(&["--store", &store(), "list"]));
    assert_eq!(after, before);
    let env = ribao_with(&["list"], &[("RIBAO_STORE", &store())]);
    assert_eq!(stdout(&env), after);
    // Given twice (a wrapper script's, then the user's), the last is taken (tester AF).
    let twice = ribao(&["--store", "/no/such/folder", "--store", &store(), "list"]);
    assert_eq!(
        stdout(&twice),
        after,
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );
}

/// Each row ends with the digest's file as the store names it: two digests of one day (a
/// copy beside its raw digest) may share their source and title.
#[test]
fn list_names_each_digests_file_in_the_store() {
    let listed = stdout(&ribao(&["list", "--store", &store()]));
    let files: Vec<&str> = listed
        .lines()
        .map(|row| row.rsplit("  ").next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "misc/bad-front-matter.md",
            "misc/2026-02-05-gbk.md",
            "misc/2026-02-04-crlf-daily.md",
            "brief/2026-02-03.md",
            "misc/no-date-notes.md",
        ],
        "{listed}"
    );
}

/// Counts are numbers, lined up at their right as numbers are read (tester CF: `35 stories`
/// over `150 stories`).
#[test]
fn list_lines_its_counts_up_at_the_right() {
    let digest = |day: u32, n: usize| {
        let stories: String = (1..=n).map(|k| format!("{k}. 第{k}条新闻。\n")).collect();
        format!("# 测试日报 2026-03-{day:02}\n\n## 产品\n\n{stories}")
    };
    let (dir, store) = store_of("2026-03-01.md", &digest(1, 9));
    std::fs::write(dir.path().join("2026-03-02.md"), digest(2, 10)).unwrap();
    let listed = stdout(&ribao(&["list", "--store", &store]));
    let counts: Vec<&str> = listed
        .lines()
        .map(|r| &r[26..r.find("stories").unwrap()])
        .collect();
    assert_eq!(counts, ["测试日报  10 ", "测试日报   9 "], "{listed}");
}

#[test]
fn items_filters_by_date_category_and_source() {
    let v = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--category",
        "市场动态",
        "--json",
    ]));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["title"], "云端芯片初创公司完成新一轮融资，估值翻倍");
    assert_eq!(rows[0]["url"], "https://example.org/finance/chip-round");
    assert_eq!(rows[0]["date"], "2026-02-03");

    let v = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--date",
        "2026-02-04",
        "--json",
    ]));
    let titles: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "办公智能体进入大规模试点",
            "示例公司发布语音助手",
            "某大学开源机器人数据集"
        ]
    );

    let v = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--source",
        "AI 日报",
        "--json",
    ]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    // Part of a name in any case, as the search's `source:` and `category:` take it.
    let count = |option: &str, value: &str| {
        let v = json(&ribao(&[
            "items",
            "--store",
            &store(),
            option,
            value,
            "--json",
        ]));
        v.as_array().unwrap().len()
    };
    assert_eq!(count("--source", "ai"), 3 + 4);
    // The outlet a story names (来源：示例科技) is its source too, as for `search source:`:
    // AI 日报's three, and AI行业速递's story told by 示例日报.
    assert_eq!(count("--source", "日报"), 3 + 1);
    assert_eq!(count("--source", "示例科技"), 1);
    // The JSON says which outlet that is, so a script sees why the story matched.
    let told = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--source",
        "示例科技",
        "--json",
    ]));
    assert_eq!(told[0]["outlet"], "示例科技", "{told}");
    // 产品更新 (a publication's own) twice, 产品与商业 (unified) on two more.
    assert_eq!(count("--category", "产品"), 4);

    // A month as typed, unpadded: every story of February 2026.
    let month = |date: &str| {
        json(&ribao(&[
            "items",
            "--store",
            &store(),
            "--date",
            date,
            "--json",
        ]))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
    };
    let feb = month("2026-2");
    assert!(
        feb.len() > 3 && feb.iter().all(|d| d.starts_with("2026-02-")),
        "{feb:?}"
    );
    assert_eq!(feb, month("2026-02"));
}

/// A table larger than is written at once (a megabyte) comes out whole and in order, each
/// row once: piped, rows are written as they come.
#[test]
fn a_long_table_is_written_whole_and_in_order() {
    let mut day = String::from("# 日报 2026-03-01\n\n");
    for n in 1..=20_000 {
        day +=
            &format!("{n}. 示例公司今天发布了第{n}号重要新闻，面向开发者开放了新的模型与工具。\n");
    }
    let (_dir, store) = store_of("2026-03-01.md", &day);
    let out = ribao(&["items", "--store", &store]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() > 1 << 20, "{} bytes", out.stdout.len());
    let rows: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(rows.len(), 20_000);
    for (n, row) in rows.iter().enumerate() {
        assert!(
            row.ends_with(&format!("  示例公司今天发布了第{}号重要新闻", n + 1)),
            "row {n}: {row}"
        );
    }
}

/// A story's id may be given in part, as git takes a commit's: four characters or more that
/// start one story's id alone; a start several ids share is said, with some of them.
#[test]
fn an_id_may_be_given_by_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = generated_store(dir.path(), 20, 100, "正文。");
    let store = store.display().to_string();
    let all = ids_of(&json(&ribao(&["items", "--json", "--store", &store])));
    let mut sorted = all.clone();
    sorted.sort();
    let shared = sorted
        .windows(2)
        .find(|w| w[0][..4] == w[1][..4])
        .map(|w| w[0][..4].to_string())
        .expect("2,000 ids share a start of four somewhere");
    let alone = all
        .iter()
        .find(|id| all.iter().filter(|o| o.starts_with(&id[..6])).count() == 1)
        .unwrap();
    let shown = ribao(&["show", &alone[..6], "--json", "--store", &store]);
    assert!(shown.status.success(), "{shown:?}");
    assert_eq!(json(&shown)["id"], alone.as_str());
    let several = ribao(&["show", &shared, "--store", &store]);
    assert_eq!(several.status.code(), Some(1));
    let err = String::from_utf8_lossy(&several.stderr);
    assert!(err.contains(&format!("ids start with {shared} (")), "{err}");
    assert!(err.contains("give more of the id"), "{err}");
    // Bookmarked so too, under its whole id.
    let state = dir.path().join("state.json").display().to_string();
    let added = ribao(&[
        "bookmark",
        "add",
        &alone[..6],
        "--state",
        &state,
        "--store",
        &store,
    ]);
    assert!(added.status.success(), "{added:?}");
    let marks = json(&ribao(&[
        "bookmarks",
        "--json",
        "--state",
        &state,
        "--store",
        &store,
    ]));
    assert_eq!(marks[0]["id"], alone.as_str());
}

/// `search` takes `items`' filters as options: each is its `prefix:` in the query (tester AA:
/// `--source` was refused as an unknown option).
#[test]
fn search_takes_the_filters_as_options_too() {
    let ids = |args: &[&str]| {
        let out = ribao(&[args, &["--json", "--store", &store()][..]].concat());
        assert!(out.status.success(), "{args:?}: {out:?}");
        ids_of(&json(&out))
    };
    let all = ids(&["search", "发布"]);
    let options = ids(&["search", "发布", "--source", "AI 日报", "--date", "2026-02"]);
    assert_eq!(
        options,
        ids(&["search", "发布", "source:\"AI 日报\"", "date:2026-02"])
    );
    assert!(
        !options.is_empty() && options.len() < all.len(),
        "{options:?} of {all:?}"
    );
    let bad = ribao(&["search", "发布", "--date", "2026-13", "--store", &store()]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A filter given twice takes either, in `items` and in `search` as in the query (tester
/// CB: the last one alone was kept).
#[test]
fn a_filter_option_given_twice_takes_either() {
    let ids = |args: &[&str]| {
        let out = ribao(&[args, &["--json", "--store", &store()][..]].concat());
        assert!(out.status.success(), "{args:?}: {out:?}");
        let mut ids = ids_of(&json(&out));
        ids.sort();
        ids
    };
    for (option, one, other) in [
        ("--date", "2026-02-03", "2026-02-04"),
        ("--source", "日报", "速递"),
        ("--category", "市场", "产品"),
    ] {
        let mut either = ids(&["items", option, one]);
        let second = ids(&["items", option, other]);
        assert!(!either.is_empty() && !second.is_empty(), "{option}");
        // Once each, a story of both kinds too.
        either.extend(second);
        either.sort();
        either.dedup();
        assert_eq!(
            ids(&["items", option, one, option, other]),
            either,
            "{option}"
        );
    }
    let options = ids(&["search", "发布", "--source", "日报", "--source", "速递"]);
    assert_eq!(
        options,
        ids(&["search", "发布", "source:日报", "source:速递"])
    );
    assert!(options.len() > ids(&["search", "发布", "--source", "速递"]).len());
}

#[test]
fn a_filter_that_is_not_a_date_or_matches_nothing_says_so() {
    let bad = ribao(&["items", "--store", &store(), "--date", "2026-13-45"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("“2026-13-45” is not a date"),
        "{bad:?}"
    );
    let bad = ribao(&["search", "英伟达", "date:garbage", "--store", &store()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("“date:garbage” is not a date"),
        "{bad:?}"
    );
    // Names nothing has are said to be none, as `search` says it (tester BH: the same words
    // as for filters each of which matches).
    for (option, said) in [
        ("--source", "no publication or outlet is named “nope”"),
        ("--category", "no story here is in a category named “nope”"),
    ] {
        let none = ribao(&["items", "--store", &store(), option, "nope"]);
        assert_eq!(none.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&none.stderr).contains(said),
            "{none:?}"
        );
    }
    // Beside a name that finds stories, they are listed, and the other said (tester CU: it
    // was dropped unsaid); each of several (tester CY: only the first was).
    let one = "no publication or outlet is named “nope”; these are the stories of the other \
               names given";
    let two = "no publication or outlet is named “nope” or “nope2”; these are the stories";
    for (args, said) in [
        (&["items", "--source", "nope", "--source", "日报"][..], one),
        (&["search", "发布 source:nope|日报"], one),
        (&["search", "发布 source:nope|nope2|日报"], two),
    ] {
        let found = ribao(&[args, &["--store", &store()]].concat());
        assert_eq!(found.status.code(), Some(0), "{found:?}");
        assert!(!stdout(&found).is_empty(), "{found:?}");
        assert!(
            String::from_utf8_lossy(&found.stderr).contains(said),
            "{found:?}"
        );
    }
    // Where nothing matches for another reason, it is not given as the reason (tester CY).
    let none = ribao(&[
        "search",
        "不存在的词语 source:nope|日报",
        "--store",
        &store(),
    ]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        !String::from_utf8_lossy(&none.stderr).contains("named"),
        "{none:?}"
    );
    let none = ribao(&[
        "items",
        "--store",
        &store(),
        "--source",
        "AI 日报",
        "--category",
        "市场动态",
    ]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no story matches these filters"));
    // `search` says so too (tester BI: it said only that nothing matched).
    let none = ribao(&["search", "智能体", "date:2030", "--store", &store()]);
    assert_eq!(none.status.code(), Some(1));
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(
        said.contains(
            "no story matches “智能体 date:2030”: no digest is dated 2030 (the dates run from 20"
        ),
        "{said}"
    );
    // A word typed as a filter that is none is said to be text (tester DG: `title:` was not).
    let none = ribao(&["search", "title:OpenAI", "--store", &store()]);
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(
        said.contains("“title:OpenAI”: “title:” is no filter (source:, category: and date: are)"),
        "{said}"
    );
    // No undated digest, in words (tester BH: "no digest is dated undated").
    let (_dir, dated) = store_of(
        "2026-01-02.md",
        "# 日报 2026-01-02\n\n## 新闻\n\n1. 一条新闻：内容。\n",
    );
    let none = ribao(&["items", "--store", &dated, "--date", "undated"]);
    assert_eq!(none.status.code(), Some(1));
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(
        said.contains("no digest is undated;") && !said.contains("newest"),
        "{said}"
    );
    // A date no digest has says so, and which is the newest (tester BE: today's date).
    let none = ribao(&["items", "--store", &store(), "--date", "2030-01-01"]);
    assert_eq!(none.status.code(), Some(1));
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(
        said.contains(
            "no digest is dated 2030-01-01 (the dates run from 2026-02-03 to 2026-02-06)"
        ),
        "{said}"
    );
    // One before them all names the oldest too (tester CC: it named the newest alone).
    let none = ribao(&["items", "--store", &store(), "--date", "..1999-01-01"]);
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(said.contains("(the dates run from 2026-02-03 to"), "{said}");
    // A filter left blank would match everything, or be searched as a word nothing has.
    let store = store();
    for args in [
        &["search", "英伟达", "date:"][..],
        &["search", "Source:"],
        &["items", "--category", " "],
    ] {
        let mut all = args.to_vec();
        all.extend(["--store", &store]);
        let blank = ribao(&all);
        assert_eq!(blank.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&blank.stderr);
        assert!(
            err.contains("needs a value") || err.contains("blank"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn show_prints_title_meta_link_and_wrapped_body() {
    let v = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--category",
        "技术前沿解读",
        "--json",
    ]));
    let id = v[0]["id"].as_str().unwrap();
    let out = ribao(&["show", id, "--width", "40", "--store", &store()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("星河模型发布长上下文版本"), "{text}");
    assert!(
        text.contains("2026-02-03")
            && text.contains("AI行业速递")
            && text.contains("技术前沿解读")
            && text.contains("示例科技")
    );
    // At 40 columns the link is broken across rows; joined it is whole.
    assert!(
        text.replace('\n', "")
            .contains("https://example.com/news/xinghe-long-context")
    );
    assert!(text.contains("英伟达"));
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes when stdout is not a terminal"
    );
    // A width too narrow to read is refused, not quietly widened.
    let narrow = ribao(&["show", id, "--width", "5", "--store", &store()]);
    assert_eq!(narrow.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&narrow.stderr).contains("a width of 20 columns or more"));
    let wide = ribao(&["show", id, "--width", "99999999999", "--store", &store()]);
    assert!(
        String::from_utf8_lossy(&wide.stderr).contains("at most 65535"),
        "{wide:?}"
    );
    // For scripts: the same story as one object, its row and its Markdown text.
    let story = json(&ribao(&["show", id, "--json", "--store", &store()]));
    assert_eq!(story["id"], id);
    assert_eq!(story["title"], v[0]["title"]);
    assert_eq!(story["url"], "https://example.com/news/xinghe-long-context");
    assert!(
        story["body"].as_str().unwrap().contains("英伟达"),
        "{story}"
    );
}

#[test]
fn a_story_that_is_a_link_alone_says_it_has_no_text() {
    let (_dir, store) = store_of(
        "2026-03-01.md",
        "# 日报 2026-03-01\n\n## 要闻\n\n### [示例公司发布新模型](https://example.com/a)\n\n### [示例公司开源推理框架](https://example.com/b)\n\n推理更快。\n",
    );
    let found = ribao(&["--store", &store, "search", "示例"]);
    let rows: Vec<&str> = std::str::from_utf8(&found.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].ends_with("示例公司发布新模型"), "{rows:?}");
    assert_eq!(rows[1].trim(), "（没有正文 / no text）");
    assert_eq!(rows[3].trim(), "推理更快。");
    let id = rows[0].split_whitespace().next().unwrap();
    let shown = stdout(&ribao(&["--store", &store, "show", id, "--width", "60"]));
    assert!(
        shown.trim_end().ends_with("（没有正文 / no text）"),
        "{shown}"
    );
    // So does one whose text is HTML alone, which is not shown (tester DO: a blank page).
    let (_dir, store) = store_of(
        "2026-03-01.md",
        &format!(
            "# 日报 2026-03-01\n\n## 1. 空白\n\n{}\n",
            "<div></div>".repeat(50)
        ),
    );
    let items = stdout(&ribao(&["--store", &store, "items"]));
    let id = items.split_whitespace().next().unwrap();
    let shown = stdout(&ribao(&["--store", &store, "show", id, "--width", "60"]));
    assert!(
        shown.trim_end().ends_with("（没有正文 / no text）"),
        "{shown}"
    );
}

#[test]
fn unknown_item_id_is_a_clear_error_with_nonzero_exit() {
    let out = ribao(&["show", "nosuchid", "--store", &store()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no story with id nosuchid"));
    // A digest's id (from `ribao list`) or none at all is told as such, by show and bookmark.
    let digests = json(&ribao(&["list", "--store", &store(), "--json"]));
    let digest = digests[0]["id"].as_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state.json");
    let state = state.to_str().unwrap();
    for args in [vec!["show", digest], vec!["bookmark", "add", digest]] {
        let out = ribao(&[&args[..], &["--store", &store(), "--state", state]].concat());
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("{digest} is a digest's id")),
            "{said}"
        );
    }
    // …and its stories are listed by it, as many as `list` counts (tester T).
    let of_digest = json(&ribao(&[
        "items",
        "--digest",
        digest,
        "--store",
        &store(),
        "--json",
    ]));
    let of_digest = of_digest.as_array().unwrap();
    assert_eq!(
        of_digest.len() as u64,
        digests[0]["items"].as_u64().unwrap()
    );
    assert!(
        of_digest.iter().all(|i| i["digest"] == digest),
        "{of_digest:?}"
    );
    // By the start of its id too, as `show` takes a story's (tester CI).
    let by_start = json(&ribao(&[
        "items",
        "--digest",
        &digest[..5],
        "--store",
        &store(),
        "--json",
    ]));
    assert_eq!(by_start.as_array().unwrap(), of_digest);
    let none = ribao(&["items", "--digest", "nosuchid", "--store", &store()]);
    assert_eq!(none.status.code(), Some(1));
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(said.contains("no digest with id nosuchid;"), "{said}");
    // Too short a start is said to be so (tester CO).
    let short = ribao(&["items", "--digest", &digest[..3], "--store", &store()]);
    let said = String::from_utf8_lossy(&short.stderr);
    assert!(said.contains("with 4 characters or more"), "{said}");
    let blank = ribao(&["items", "--digest", " ", "--store", &store()]);
    assert_eq!(blank.status.code(), Some(2), "{blank:?}");
    let out = ribao(&["show", "", "--store", &store()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no story id given"));
    assert_eq!(out.status.code(), Some(2), "a usage error (tester T)");
    // A real id pasted with spaces around it, or in capitals, is found.
    let items = json(&ribao(&["items", "--store", &store(), "--json"]));
    let id = items[0]["id"].as_str().unwrap();
    for pasted in [format!(" {id}\n"), id.to_uppercase()] {
        let out = ribao(&["show", &pasted, "--json", "--store", &store()]);
        assert!(out.status.success(), "{pasted:?}");
        assert_eq!(json(&out)["id"], id);
    }
    // The start of an id too short to name one is said to be so, not that no story has it
    // (tester BT: `show 362`, where several ids start with 362).
    let out = ribao(&["show", &id[..3], "--store", &store()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("{} is too short", &id[..3])) && said.contains("4 characters"),
        "{said}"
    );
}

#[test]
fn missing_store_folder_is_reported_not_panicked() {
    let out = ribao(&["list", "--store", "/nonexistent/ribao-store"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // Why, in words (tester BT: it ended "No such file or directory (os error 2)").
    assert!(
        err.contains("/nonexistent/ribao-store cannot be opened: no such file or folder; check"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert!(!err.contains("`~`"), "{err}");
    // A `~` the shell did not expand is named as such (tester DS: `--store=~/x`).
    let out = ribao(&["list", "--store=~/nonexistent-ribao-store"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a `~` the shell left as it is"), "{err}");
}

/// A digest's id is of its file's path in the store: a store moved elsewhere (or synced to
/// another machine) keeps its digests' ids, and `--digest` takes them there (tester DX: the
/// ids were of the whole path).
#[test]
fn a_moved_store_keeps_its_digests_ids() {
    let places = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let ids: Vec<Vec<String>> = places
        .iter()
        .enumerate()
        .map(|(n, place)| {
            let store = place.path().join(format!("store-{n}"));
            std::fs::create_dir_all(store.join("brief")).unwrap();
            std::fs::copy(
                fixtures().join("store/brief/2026-02-03.md"),
                store.join("brief/2026-02-03.md"),
            )
            .unwrap();
            let out = ribao(&["list", "--json", "--store", &store.display().to_string()]);
            ids_of(&json(&out))
        })
        .collect();
    assert_eq!(ids[0].len(), 1);
    assert_eq!(ids[0], ids[1]);
    let moved = places[1].path().join("store-1").display().to_string();
    let out = ribao(&["items", "--digest", &ids[0][0], "--store", &moved]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_empty_store_is_listed_with_a_note_not_silence() {
    let empty = tempfile::tempdir().unwrap();
    for command in ["list", "items"] {
        let out = ribao(&[command, "--store", &empty.path().display().to_string()]);
        assert!(out.status.success());
        assert_eq!(stdout(&out), "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no digest files"), "{command}: {err}");
    }
    // A store of files none of which can be read holds digest files, just none readable;
    // one is named, with why (tester DS: nothing was named).
    std::fs::write(
        empty.path().join("2026-03-01.md"),
        [0xFFu8, 0, 1, 2, 0, 0xFE],
    )
    .unwrap();
    for command in [
        "list",
        "items",
        "list --json",
        "items --json",
        "search 模型",
        "search 模型 --json",
    ] {
        let mut args: Vec<&str> = command.split(' ').collect();
        let store = empty.path().display().to_string();
        args.extend(["--store", &store]);
        let out = ribao(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("no readable digest in")
                && err.contains("2026-03-01.md skipped: the file looks binary")
                && !err.contains("no digest files"),
            "{command}: {err}"
        );
    }
}

#[test]
fn check_reports_each_file_and_fails_on_unreadable_ones() {
    let out = ribao(&["check", "--store", &store()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("binary.txt: the file looks binary"));
    assert!(text.contains("empty.md: the file holds no text (it is empty or blank)"));
    assert!(text.contains("2026-02-05-gbk.md: 2 stories, 2026-02-05") && text.contains("GB18030"));
    assert!(
        text.contains("bad-front-matter.md: 1 story, 2026-02-06")
            && text.contains("not valid YAML")
    );
    assert!(text.contains("no-date-notes.md: 2 stories, undated"));
    // A file far larger than any digest, a log named like one, is not read (tester EF: a
    // 50 MB one froze the reader a minute at a time).
    let (_dir, big) = store_of(
        "2026-01-01.md",
        &"2026-01-01 INFO a line of a log\n".repeat(150_000),
    );
    let out = ribao(&["check", "--store", &big]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("2026-01-01.md: 4.8 MB is too large for a digest (at most 4.0 MB"),
        "{}",
        stdout(&out)
    );
    // Named as `list` names them, by their paths in the store (tester CI: whole).
    assert!(
        text.lines()
            .any(|l| l.starts_with("ok    misc/no-date-notes.md: ")),
        "{text}"
    );
    // The list says that some files are missing from it, and where to look.
    let listed = ribao(&["list", "--store", &store()]);
    assert!(listed.status.success());
    let said = String::from_utf8_lossy(&listed.stderr);
    assert!(
        said.contains("2 files skipped — `ribao check` says why"),
        "{said}"
    );

    let v = json(&ribao(&[
        "check",
        "--json",
        "--store",
        &fixtures().join("store/brief").display().to_string(),
    ]));
    assert_eq!(v[0]["format"], "industry-brief");
    assert_eq!(v[0]["ok"], true);

    // A file of markup alone has no story with a title: its failure says so.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2026-03-01.md"),
        "<html><body><p>hi</p></body></html>\n",
    )
    .unwrap();
    // Front matter with a date that is none, and front matter left open: each named.
    std::fs::write(
        dir.path().join("2026-03-02.md"),
        "---\ntitle: 日报\ndate: 2026-13-45\n---\n\n1. 甲公司发布新模型。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2026-03-03.md"),
        "---\ntitle: 日报\n\n1. 乙公司发布新模型。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2026-03-04.md"),
        "---\ntitle: 日报\ndate: 1899-12-31\n---\n\n1. 丙公司发布新模型。\n",
    )
    .unwrap();
    // No story, and dated ahead: why it failed comes first (a review: last).
    let ahead = "---\ntitle: 日报 2100-01-01\n---\n";
    std::fs::write(dir.path().join("2100-01-01.md"), ahead).unwrap();
    // Named for one day, dated another in its text (tester BQ: unsaid).
    std::fs::write(
        dir.path().join("2026-03-05.md"),
        "# 日报 2025/12/5\n\n1. 丁公司发布新模型。\n",
    )
    .unwrap();
    let out = ribao(&["check", "--store", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("no story found in the file"), "{text}");
    assert!(
        text.contains("front matter date “2026-13-45” is not a date; 2026-03-02"),
        "{text}"
    );
    assert!(
        text.contains(
            "date “1899-12-31” is outside the years a digest is dated in (1990–2199); \
             2026-03-04, found"
        ),
        "{text}"
    );
    assert!(
        text.contains("its text is dated 2025-12-05 and its file name 2026-03-05: it is listed under 2025-12-05"),
        "{text}"
    );
    assert!(text.contains("never closed"), "{text}");
    assert!(
        text.contains("no story found in the file; dated 2100-01-01, which has not come"),
        "{text}"
    );
    // In the JSON, why it failed is its `error` (tester DC: null, the reason a warning).
    let out = ribao(&[
        "check",
        "--json",
        "--store",
        &dir.path().display().to_string(),
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<_> = (rows.as_array().unwrap().iter())
        .filter(|r| r["ok"] == false)
        .map(|r| (r["error"].clone(), r["warnings"].clone()))
        .collect();
    assert_eq!(failed.len(), 2, "{rows}");
    // A web page, said to be one (tester EF).
    assert_eq!(
        failed[0],
        (
            "no story found in the file".into(),
            serde_json::json!(["it is a web page (HTML), not Markdown or text"])
        ),
        "{rows}"
    );
}

/// `check` tells of a digest dated ahead of today, and what the reader does about it; the
/// file is no failure.
#[test]
fn check_tells_of_a_date_still_to_come() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("y2100.md"),
        "# AI资讯 2100/06/06\n\n1. 甲公司发布新模型。\n",
    )
    .unwrap();
    let out = ribao(&["check", "--store", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("2100-06-06, which has not come: the reader opens on the newest date"),
        "{text}"
    );
}

/// A date in a title that is none is named as such, not said to be missing (tester AB): a
/// day not in the calendar, or a year ribao does not read.
#[test]
fn check_names_a_title_date_that_is_none() {
    let dir = tempfile::tempdir().unwrap();
    for (name, date) in [
        ("a.md", "2026/02/29"),
        ("b.md", "9999/12/31"),
        ("c.md", "2025年02月29日"),
    ] {
        let text = format!("# AI资讯 {date}\n\n1. 甲公司发布新模型。\n");
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = ribao(&["check", "--store", &dir.path().display().to_string()]);
    let text = stdout(&out);
    assert!(
        text.contains("title date “2026/02/29” is not a day of the calendar: listed as undated"),
        "{text}"
    );
    assert!(
        text.contains("title date “9999/12/31” is outside the years ribao reads (1990 to 2199)"),
        "{text}"
    );
    // Quoted whole, its 日 too (tester AS: “2026年02月29”).
    assert!(
        text.contains("title date “2025年02月29日” is not a day of the calendar"),
        "{text}"
    );
}

/// A link back up the store is not followed, and `check` says so, but nothing failed: not a
/// file skipped in `list`, and `check` exits 0.
#[cfg(unix)]
#[test]
fn a_link_loop_is_told_by_check_but_is_no_failure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("2026")).unwrap();
    std::fs::write(
        dir.path().join("2026/2026-03-01.md"),
        "# 日报 2026-03-01\n\n1. 甲公司发布新模型。\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("2026/up")).unwrap();
    let store = dir.path().display().to_string();
    let out = ribao(&["check", "--store", &store]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("skip  ") && text.contains("up: a link back to a folder it is in (a loop)"),
        "{text}"
    );
    assert!(text.ends_with("1 file, 1 story, 0 failed\n"), "{text}");
    let v = json(&ribao(&["check", "--json", "--store", &store]));
    let looped = &v[1];
    assert_eq!(
        (&looped["ok"], &looped["skipped"]),
        (&true.into(), &true.into())
    );
    assert_eq!(v[0]["skipped"], false);
    let listed = ribao(&["list", "--store", &store]);
    assert!(listed.status.success());
    assert!(
        !String::from_utf8_lossy(&listed.stderr).contains("skipped"),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
}

/// A binary or empty file fails `check` and is skipped by the reader and `list`: its JSON
/// row says both, as its message does, and the text's count of files still holds it.
#[test]
fn check_json_marks_a_failed_file_skipped_as_its_message_says() {
    let (dir, store) = store_of(
        "2026-03-01.md",
        "# 日报 2026-03-01\n\n1. 甲公司发布新模型。\n",
    );
    std::fs::write(dir.path().join("2026-03-02.md"), "").unwrap();
    let out = ribao(&["check", "--json", "--store", &store]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let empty = &v[1];
    assert!(
        empty["error"].as_str().unwrap().ends_with("skipped"),
        "{empty}"
    );
    assert_eq!(
        (&empty["ok"], &empty["skipped"]),
        (&false.into(), &true.into())
    );
    assert_eq!(v[0]["skipped"], false);
    let out = ribao(&["check", "--store", &store]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).ends_with("2 files, 1 story, 1 failed\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_a_store_the_built_in_samples_are_used_and_say_where_digests_go() {
    let out = ribao(&["list"]);
    assert!(out.status.success());
    assert!(stdout(&out).lines().count() >= 5, "samples listed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("built-in sample digests"));
    // Every command that prints stories says so, JSON too: a cron job whose store went
    // unset must not pass the samples on as news (tester AF).
    for args in [
        &["list", "--json"][..],
        &["items", "--json"],
        &["search", "推理"],
        &["check"],
    ] {
        let out = ribao(args);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("built-in sample digests"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let help = stdout(&ribao(&["--help"]));
    assert!(help.contains("Default store:") && help.contains("digests"));
    // A variable not set reads as a name, not as set to nothing (tester Y).
    assert!(
        help.contains("RIBAO_STORE]") && !help.contains("RIBAO_STORE="),
        "{help}"
    );
    assert!(!help.contains("is set:"), "{help}");
    // Named by a variable, the file in use is said beside the default (tester AU); one set
    // to nothing is unset.
    let help = stdout(&ribao_with(
        &["--help"],
        &[("RIBAO_STATE", "/tmp/mine.json"), ("RIBAO_STORE", "")],
    ));
    let state = help
        .lines()
        .skip_while(|l| !l.starts_with("Default state file:"));
    let said: Vec<&str> = state.take(2).map(str::trim).collect();
    assert_eq!(
        said[1], "RIBAO_STATE is set: /tmp/mine.json is used",
        "{help}"
    );
    assert!(!help.contains("RIBAO_STORE is set"), "{help}");
}

/// Something else where the default store's folder is to be (a file) is said, not passed
/// over for the samples with advice to put digests in it (tester CS).
#[test]
fn a_file_where_the_default_store_goes_is_said() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("data/ribao/digests");
    std::fs::create_dir_all(store.parent().unwrap()).unwrap();
    std::fs::write(&store, "x").unwrap();
    // Said with what stands in the way: the folder itself, or one above it (tester CT).
    let said = |home: &std::path::Path| {
        let out = common::command(home).arg("list").output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let in_the_way = |path: &std::path::Path| format!("{} is not a folder", path.display());
    let first = said(home.path());
    assert!(first.contains(&in_the_way(&store)), "{first}");
    let data = home.path().join("data");
    std::fs::remove_dir_all(&data).unwrap();
    std::fs::write(&data, "x").unwrap();
    let above = said(home.path());
    assert!(above.contains(&in_the_way(&data)), "{above}");
}

#[test]
fn nothing_under_the_store_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2026-01-01.md"),
        "## 日报 2026-01-01\n\n1.  一条新闻，内容。\n",
    )
    .unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for args in [&["list"][..], &["items"], &["check"]] {
        let mut a = args.to_vec();
        let s = dir.path().display().to_string();
        a.extend(["--store", &s]);
        assert!(ribao(&a).status.success());
    }
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

/// A cache file that would pass `ulimit -f` is said not to be written, as on a full disk,
/// and the store is read all the same (tester EB: SIGXFSZ killed ribao unsaid, at every run).
#[cfg(unix)]
#[test]
fn a_file_size_limit_is_said_and_the_store_read_all_the_same() {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 2 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_ribao"))
        .args(["list", "--store", &store(), "--cache-dir"])
        .arg(home.path().join("cache"))
        .arg("--state")
        .arg(home.path().join("state.json"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(stdout(&out).contains("2026-02-06"), "{said}");
    assert!(
        said.contains("the file would be larger than the system allows; reading every file"),
        "{said}"
    );
}

#[test]
fn search_finds_exactly_the_seed_items_that_mention_the_word() {
    let Some(seeds) = shared("seeds") else { return };
    let seeds = seeds.display().to_string();
    let v = json(&ribao(&["search", "英伟达", "--store", &seeds, "--json"]));
    let mut found = ids_of(&v);
    // Independently: every item the parser finds in the seed files whose title or body
    // holds the word.
    let mut expected: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .flat_map(|p| {
            ribao::parse::parse(&std::fs::read(&p).unwrap(), &p)
                .unwrap()
                .items
        })
        .filter(|i| i.title.contains("英伟达") || i.body.contains("英伟达"))
        .map(|i| i.id)
        .collect();
    found.sort();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
    for row in v.as_array().unwrap() {
        assert!(row["snippet"].as_str().unwrap().contains("英伟达"), "{row}");
    }
}

#[test]
fn search_query_rules_and_exit_status() {
    let s = store();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["search", "--store", &s, "--json"];
        a.extend_from_slice(args);
        json(&ribao(&a))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Full-width query finds half-width text, case-insensitively; several words all match.
    assert_eq!(
        ids(&["ＡＰＩ", "星河"]),
        ["星河模型发布长上下文版本：百万 Token 窗口与更低推理成本"]
    );
    // -word excludes; date: narrows.
    assert_eq!(
        ids(&["英伟达", "-星河", "date:2026-02-03"]),
        ["云端芯片初创公司完成新一轮融资，估值翻倍"]
    );
    // The whole query in one argument (a script's "$query") reads as the words apart, led
    // by an exclusion or a filter too.
    assert_eq!(
        ids(&["-星河 英伟达 date:2026-02-03"]),
        ids(&["-星河", "英伟达", "date:2026-02-03"])
    );
    assert_eq!(ids(&["-星河 英伟达"]), ids(&["英伟达", "-星河"]));
    // Words and -words are read in the order typed, as the reader reads them: an OR beside
    // -星河 joins nothing (review: the exclusion was read last, so the OR joined 模型).
    let typed = ids(&["英伟达", "OR", "-星河", "模型"]);
    assert_eq!(typed, ids(&["英伟达 OR -星河 模型"]));
    assert_ne!(typed, ids(&["英伟达 OR 模型 -星河"]));
    assert!(!ids(&["-星河 英伟达"]).is_empty());
    // A quoted phrase must occur as written, quoted in the query or by the shell.
    assert_eq!(ids(&["\"5 万条\""]), ["某大学开源机器人数据集"]);
    let phrase = "星河模型发布长上下文版本：百万 Token 窗口与更低推理成本";
    assert_eq!(ids(&["Token 窗口"]), [phrase]);
    let reversed = ribao(&["search", "窗口 Token", "--store", &s]);
    assert_eq!(reversed.status.code(), Some(1), "{reversed:?}");
    // Quoting a whole query is common: the user is told what the quotes did.
    let said = String::from_utf8_lossy(&reversed.stderr);
    assert!(
        said.contains("no story matches \"窗口 Token\";") && said.contains("one phrase"),
        "{said}"
    );
    // An exclusion the same way after `--`, and alone: every story without the word.
    let all = ids(&["-zzzz"]);
    assert!(all.len() > 5, "{all:?}");
    assert_eq!(ids(&["--", "-zzzz"]), all);
    let without = ids(&["--", "-星河"]);
    assert_eq!(without.len(), all.len() - 1, "{without:?}");
    assert!(without.iter().all(|t| !t.contains("星河")));
    assert_eq!(ids(&["--", "英伟达", "-星河"]), ids(&["英伟达", "-星河"]));
    let none = ribao(&["search", "不存在的词语", "--store", &s]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no story matches"));
    // A query of thousands of words is cut where it is said again (tester M: 45 KB).
    let long = "不存在的词语 ".repeat(2000);
    let said = ribao(&["search", &long, "--store", &s]).stderr;
    let said = String::from_utf8_lossy(&said);
    assert!(
        said.contains("no story matches “\"不存在的词语 不存在") && said.contains('…'),
        "{said}"
    );
    assert!(said.len() < 1000, "{} bytes", said.len());
    // A source's name with a space, unquoted: the filter takes its first word, and the user
    // is shown the name quoted (tester T). A filter of one word is told nothing.
    let spaced = ribao(&["search", "source:AI 日报", "--store", &s]);
    assert!(
        String::from_utf8_lossy(&spaced.stderr).contains("quote it: source:\"AI 日报\""),
        "{spaced:?}"
    );
    assert!(!ids(&["source:\"AI 日报\""]).is_empty());
    let plain = ribao(&["search", "source:AI", "英伟达", "--store", &s]);
    let told = String::from_utf8_lossy(&plain.stderr);
    assert!(!told.contains("quote"), "{told}");
    // Left out the same way, and said alike; a name of the other kind is no reason (AI 日报
    // is a source, no category), and a quoted filter finding nothing is no phrase (tester AB).
    let negated = ribao(&["search", "英伟达 -source:AI 日报", "--store", &s]);
    assert!(
        String::from_utf8_lossy(&negated.stderr).contains("quote it: -source:\"AI 日报\""),
        "{negated:?}"
    );
    let other_kind = ribao(&["search", "category:AI 日报", "--store", &s]);
    assert!(
        !String::from_utf8_lossy(&other_kind.stderr).contains("quote it"),
        "{other_kind:?}"
    );
    let quoted = ribao(&["search", "category:\"AI 日报\"", "--store", &s]);
    assert!(
        !String::from_utf8_lossy(&quoted.stderr).contains("one phrase"),
        "{quoted:?}"
    );
    // A script's "$query": spaces around it are dropped, filters in it read as filters, and
    // one of spaces alone is refused as an empty one is.
    assert_eq!(
        ids(&["英伟达 -星河 date:2026-02-03"]),
        ids(&["英伟达", "-星河", "date:2026-02-03"])
    );
    assert_eq!(ids(&[" 星河  "]), ids(&["星河"]));
    for blank in ["", " ", "\u{3000}"] {
        let refused = ribao(&["search", blank, "--store", &s]);
        assert_eq!(refused.status.code(), Some(2), "{blank:?}: {refused:?}");
    }
}

#[test]
fn a_minus_before_source_category_or_date_leaves_those_out() {
    let s = store();
    let rows = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec!["search", "--store", &s, "--json", "--", "发布"];
        a.extend_from_slice(args);
        let out = ribao(&a);
        if out.status.code() == Some(1) {
            return Vec::new();
        }
        json(&out).as_array().unwrap().clone()
    };
    let all = rows(&[]);
    assert!(all.len() >= 3, "{all:?}");
    for (prefix, field, value) in [
        ("source:", "source", "AI行业速递"),
        ("category:", "category", "产品更新"),
        ("date:", "date", "2026-02-03"),
    ] {
        let kept = rows(&[&format!("{prefix}{value}")]);
        let left = rows(&[&format!("-{prefix}{value}")]);
        assert!(!kept.is_empty() && !left.is_empty(), "{prefix}");
        // Each story is on exactly one side.
        assert_eq!(kept.len() + left.len(), all.len(), "{prefix}");
        assert!(left.iter().all(|r| r[field] != value), "{prefix}: {left:?}");
        // In any case.
        let upper = rows(&[&format!("{}{value}", prefix.to_uppercase())]);
        assert_eq!(upper.len(), kept.len(), "{prefix}");
    }
    // Two of one prefix: stories of either.
    let one = rows(&["source:AI行业速递"]).len();
    let other = rows(&["source:人工智能简报"]).len();
    let both = rows(&["source:AI行业速递", "source:人工智能简报"]).len();
    assert!(one > 0 && other > 0);
    assert_eq!(both, one + other);
}

/// The reader lists stories their publication gave no category as 未分类 / Other: the
/// command line finds them by that name too (it found none).
#[test]
fn stories_without_a_category_are_found_by_what_the_reader_calls_them() {
    let s = store();
    // Stories listed, and how many of them have no category.
    let counts = |args: &[&str]| {
        let rows = json(&ribao(args));
        let rows = rows.as_array().unwrap();
        let without = rows.iter().filter(|r| r["category"].is_null()).count();
        (rows.len(), without)
    };
    let (all, none) = counts(&["items", "--store", &s, "--json"]);
    assert!(none > 0);
    for name in ["未分类", "Other"] {
        let items = ["items", "--store", &s, "--category", name, "--json"];
        assert_eq!(counts(&items), (none, none), "{name}");
    }
    let search = |query| counts(&["search", "--store", &s, "--json", "--", query]);
    assert_eq!(search("category:未分类"), (none, none));
    assert_eq!(search("-category:other"), (all - none, 0));
}

#[test]
fn items_accept_unified_categories_and_mark_inferred_ones() {
    let v = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--category",
        "市场与资本",
        "--json",
    ]));
    let rows = v.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["category"] == "市场动态" && r["unified_inferred"] == false)
    );
    assert!(rows.iter().all(|r| r["unified"] == "市场与资本 / Markets"));
    // Named in English too (tester BC: an English reader's `category:research` found few).
    let english = json(&ribao(&[
        "items",
        "--store",
        &store(),
        "--category",
        "markets",
        "--json",
    ]));
    assert_eq!(english, v);
    let all = json(&ribao(&["items", "--store", &store(), "--json"]));
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|r| r["unified"].is_string()),
        "no item is left without a category"
    );
}

#[test]
fn control_characters_in_names_and_links_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // An undated file takes its source from its folder, here one with tabs and an escape
    // sequence in its name; its story's only link hides an escape sequence in an entity.
    let folder = dir.path().join("周报\tA\tB\u{1b}[2J");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("notes.md"),
        "## 要闻\n\n1. 示例公司今天发布了新一代的大模型，性能提升。[原文](https://a.example/&#27;]0;pwned&#7;)\n",
    )
    .unwrap();
    // A file that cannot be read as text, named to set the terminal's title.
    std::fs::write(
        folder.join("x\u{1b}]0;owned\u{7}.md"),
        b"PK\x03\x04\0\0\0\0",
    )
    .unwrap();
    let store = dir.path().display().to_string();
    for args in [&["list"][..], &["items"], &["check"], &["search", "示例"]] {
        let out = ribao(&[&["--store", &store][..], args].concat());
        let (text, errors) = (stdout(&out), String::from_utf8_lossy(&out.stderr));
        // `check` names files, and a name must stay one that can be found: what cannot be
        // shown is written as an escape, not dropped.
        let named = match args[0] {
            "check" => r"周报\u{9}A\u{9}B\u{1b}[2J",
            _ => "周报 ",
        };
        assert!(text.contains(named), "{args:?}: {text}");
        if args[0] == "check" {
            assert!(text.contains(r"x\u{1b}]0;owned\u{7}.md"), "{text}");
        }
        if args[0] == "list" {
            assert!(
                text.contains(r"周报\u{9}A\u{9}B\u{1b}[2J/notes.md"),
                "{text}"
            );
        }
        for printed in [&text[..], &errors[..]] {
            assert!(
                !printed.contains(['\t', '\u{1b}', '\u{7}']),
                "{args:?}: {printed:?}"
            );
        }
    }
    let items = json(&ribao(&["--store", &store, "items", "--json"]));
    assert_eq!(items[0]["title"], "示例公司今天发布了新一代的大模型");
    assert_eq!(
        items[0]["url"],
        serde_json::Value::Null,
        "not a usable link"
    );
}

/// JSON keeps a story's Markdown and file names as they are, but what a terminal would act on
/// without showing (bidi overrides, the 8-bit CSI, DEL, zero-width characters) is written as
/// an escape: printed to a terminal, it is seen, not obeyed.
/// A JSON snippet keeps emoji as written: the terminal forms (`CN` for a flag) are the
/// text output's.
#[test]
fn json_snippets_keep_emoji_as_written() {
    let (_dir, store) = store_of(
        "2026-02-02.md",
        "# 日报 2026-02-02\n\n## 1. 示例公司\n\n出海 🇨🇳 新品🩷发布 👍🏻。\n",
    );
    let found = json(&ribao(&["--store", &store, "search", "出海", "--json"]));
    let snippet = found[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("出海 🇨🇳 新品🩷发布 👍🏻"), "{snippet:?}");
    let text = stdout(&ribao(&["--store", &store, "search", "出海"]));
    assert!(text.contains("出海 CN 新品〓发布 👍"), "{text:?}");
}

#[test]
fn json_output_escapes_what_a_terminal_would_act_on() {
    let (_dir, store) = store_of(
        "2026-02-01 \u{202e}dm.md",
        "# 日报 2026-02-01\n\n## 1. 示例公司发布新模型\n\n正文\u{202e}翻转\u{9b}31m红\u{7f}，零\u{200b}宽。\n",
    );
    let hidden = ['\u{202e}', '\u{9b}', '\u{7f}', '\u{200b}'];
    let items = ribao(&["--store", &store, "items", "--json"]);
    let printed = stdout(&items);
    assert!(printed.contains(r"\u202edm.md"), "{printed}");
    let id = json(&items)[0]["id"].as_str().unwrap().to_string();
    for args in [
        &["list", "--json"][..],
        &["items", "--json"],
        &["check", "--json"],
        &["search", "正文", "--json"],
        &["show", &id, "--json"],
    ] {
        let out = ribao(&[&["--store", &store][..], args].concat());
        let printed = stdout(&out);
        assert!(printed.contains("日报"), "{args:?}: {printed}");
        assert!(!printed.contains(hidden), "{args:?}: {printed:?}");
    }
    // A search's snippet is an excerpt to show, cleaned as the text output's is; the
    // story's data is escaped, not removed.
    let found = json(&ribao(&["--store", &store, "search", "正文", "--json"]));
    let snippet = found[0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("正文翻转红") && !snippet.contains(hidden),
        "{snippet:?}"
    );
    let shown = json(&ribao(&["--store", &store, "show", &id, "--json"]));
    let body = shown["body"].as_str().unwrap();
    assert!(
        body.contains("正文\u{202e}翻转\u{9b}31m红\u{7f}"),
        "{body:?}"
    );
}

/// Output that could not be written (a full disk) is an error, not a silent success; the
/// help and the version too.
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error() {
    for args in [
        &["items"][..],
        &["list", "--json"],
        &["check"],
        &["--help"],
        &["search", "--help"],
        &["--version"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = common::command(tempfile::tempdir().unwrap().path())
            .args([&["--store", &store()][..], args].concat())
            .stdout(full)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains("cannot write the output"), "{args:?}: {said}");
    }
}

/// A search whose `source:` names nothing says so (tester D).
#[test]
fn a_search_whose_source_names_nothing_says_so() {
    let out = ribao(&["search", "模型", "source:nosuch", "--store", &store()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "no story matches “模型 source:nosuch”: no publication or outlet is named “nosuch”"
        ),
        "{err}"
    );
}

/// Output whose reader closed it (`ribao check | head -1`) ends quietly, with the status the
/// command had: `check` still says that files failed.
#[test]
fn a_closed_output_ends_quietly_with_the_commands_own_status() {
    for (args, status) in [
        (&["check"][..], 1),
        (&["check", "--json"], 1),
        (&["list"], 0),
        (&["items", "--json"], 0),
    ] {
        let mut child = common::command(tempfile::tempdir().unwrap().path())
            .args([&["--store", &store()][..], args].concat())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before anything is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(status), "{args:?}: {said}");
        assert!(!said.contains("cannot write"), "{args:?}: {said}");
    }
}

#[test]
fn categories_prints_the_built_in_table_ready_to_save_and_edit() {
    let out = ribao(&["categories"]);
    assert!(out.status.success());
    let table = stdout(&out);
    let builtin = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/categories.toml"),
    )
    .unwrap();
    assert_eq!(table, builtin);
    // Saved with one change, it is the table ribao uses.
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("ribao");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("categories.toml"),
        table.replace("name = \"开源 / Open Source\"", "name = \"开源项目\""),
    )
    .unwrap();
    let items = command(config.path())
        .args(["items", "--store", &store(), "--json"])
        .env("XDG_CONFIG_HOME", config.path())
        .output()
        .unwrap();
    let names: Vec<String> = json(&items)
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["unified"].as_str().map(String::from))
        .collect();
    assert!(names.iter().any(|n| n == "开源项目"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("开源 ")), "{names:?}");
}

#[test]
fn ambiguous_width_is_set_by_the_flag_or_a_yes_like_variable() {
    let s = store();
    // A story with “quotes” and …, which wrap differently when counted as two columns.
    let items = json(&ribao(&["items", "--store", &s, "--json"]));
    let show = |extra: &[&str], vars: &[(&str, &str)]| {
        let rows = items.as_array().unwrap().iter();
        let ids: Vec<&str> = rows.map(|r| r["id"].as_str().unwrap()).collect();
        ids.iter()
            .map(|id| {
                let mut args = vec!["show", id, "--width", "30", "--store", &s];
                args.extend_from_slice(extra);
                stdout(&ribao_with(&args, vars))
            })
            .collect::<Vec<_>>()
    };
    let narrow = show(&[], &[]);
    let wide = show(&["--ambiguous-wide"], &[]);
    assert_ne!(narrow, wide, "the setting changes some story's wrapping");
    for yes in ["1", "yes", "on", "true"] {
        assert_eq!(show(&[], &[("RIBAO_AMBIGUOUS_WIDE", yes)]), wide, "{yes}");
    }
    for no in ["0", "no", "off", "false"] {
        assert_eq!(show(&[], &[("RIBAO_AMBIGUOUS_WIDE", no)]), narrow, "{no}");
    }
    // Another value is named as the variable it came from, not as a flag never typed.
    let bad = ribao_with(
        &["list", "--store", &s],
        &[("RIBAO_AMBIGUOUS_WIDE", "maybe")],
    );
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains("RIBAO_AMBIGUOUS_WIDE is “maybe”") && !said.contains("--ambiguous-wide"),
        "{said}"
    );
}

#[test]
fn a_variable_set_to_nothing_counts_as_not_set() {
    let s = store();
    let plain = ribao(&["list", "--store", &s]);
    let empty = [
        ("RIBAO_STATE", ""),
        ("RIBAO_CACHE_DIR", ""),
        ("RIBAO_AMBIGUOUS_WIDE", ""),
    ];
    let out = ribao_with(&["list", "--store", &s], &empty);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), stdout(&plain));
    // An empty store setting reads the default store (empty in this home), not an error.
    let out = ribao_with(&["list"], &[("RIBAO_STORE", "")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("a value is required"), "{err}");
    assert!(
        err.contains("ribao/digests"),
        "names the default store: {err}"
    );
}

#[test]
fn the_reader_without_a_terminal_says_what_to_use_instead() {
    // No terminal here: stdin and stdout are pipes.
    let out = ribao(&["--store", &store()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn into the pipe");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("the reader needs a terminal") && said.contains("items, search"),
        "{said}"
    );
}

#[test]
fn undated_stories_are_asked_for_as_undated() {
    let s = store();
    let dates = |args: &[&str]| -> Vec<Option<String>> {
        let mut a = vec![args[0], "--store", &s, "--json"];
        a.extend(&args[1..]);
        json(&ribao(&a))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["date"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(dates(&["items", "--date", "undated"]), [None, None]);
    assert_eq!(dates(&["items", "--date", "Undated"]), [None, None]);
    let year = dates(&["items", "--date", "2026"]);
    assert!(
        !year.is_empty() && year.iter().all(Option::is_some),
        "{year:?}"
    );
    let all = dates(&["search", "--", "-zzzz"]).len();
    let found = dates(&["search", "--", "-zzzz", "date:undated"]);
    assert_eq!(found, [None, None]);
    assert_eq!(
        dates(&["search", "--", "-zzzz", "-date:undated"]).len(),
        all - 2
    );
}

/// `show` prints a link longer than the width whole, on a line of its own: cut in two it
/// could be neither clicked nor copied. The prose around it still wraps to the width.
#[test]
fn show_prints_long_links_whole() {
    let url = "https://example.com/2026/02/01/a-very-long-story-address-that-goes-on-and-on";
    let (_dir, store) = store_of(
        "2026-02-01.md",
        &format!(
            "# 日报 2026-02-01\n\n## 1. 示例公司发布新模型\n\n示例公司今天发布了新模型，性能提升明显，详见 [原文]({url}) 与官方博客的介绍。\n\n原文地址 ({url}/x) 另见。\n"
        ),
    );
    let items = json(&ribao(&["--store", &store, "items", "--json"]));
    let id = items[0]["id"].as_str().unwrap().to_string();
    let shown = stdout(&ribao(&["--store", &store, "show", &id, "--width", "40"]));
    assert!(
        shown.lines().any(|l| l.contains(url)),
        "the link whole on one line:\n{shown}"
    );
    // Written out in brackets, the closing one goes with it, the link still whole; it is
    // numbered and listed as a link too.
    assert!(
        shown.lines().any(|l| l.contains(&format!("({url}/x [2])"))),
        "{shown}"
    );
    assert!(shown.contains(&format!("[2] {url}/x\n")), "{shown}");
    for line in shown.lines().filter(|l| !l.contains(url)) {
        assert!(
            ribao::text::str_width(line, Default::default()) <= 40,
            "{line:?}\n{shown}"
        );
    }
}

#[test]
fn help_says_a_search_needs_a_query_and_a_source_may_be_an_outlet() {
    let search = stdout(&ribao(&["search", "--help"]));
    assert!(
        search.contains("Usage: ribao search [OPTIONS] <QUERY>..."),
        "{search}"
    );
    // Where the arguments are listed too (tester CQ: `[QUERY]...`, optional).
    assert!(search.contains("  <QUERY>...  e.g."), "{search}");
    let items = stdout(&ribao(&["items", "--help"]));
    assert!(items.contains("or stories from this outlet"), "{items}");
}

/// A story with no text has no snippet and no body in the JSON: null, as every field
/// without a value is (tester DC: `""`).
#[test]
fn a_story_without_text_has_a_null_snippet_and_body() {
    let (_dir, store) = store_of(
        "2026-03-01.md",
        "# 日报 2026-03-01\n\n## [甲公司发布新模型](https://example.com/a)\n\n## [乙公司发布新芯片](https://example.com/b)\n\n乙公司的芯片功耗下降三成。\n",
    );
    let found = json(&ribao(&["search", "公司", "--json", "--store", &store]));
    let snippets: Vec<_> = (found.as_array().unwrap().iter())
        .map(|r| (r["title"].clone(), r["snippet"].clone()))
        .collect();
    assert_eq!(
        snippets,
        [
            ("甲公司发布新模型".into(), serde_json::Value::Null),
            (
                "乙公司发布新芯片".into(),
                "乙公司的芯片功耗下降三成。".into()
            ),
        ],
        "{found}"
    );
    let id = found[0]["id"].as_str().unwrap();
    let shown = json(&ribao(&["show", id, "--json", "--store", &store]));
    assert_eq!(shown["body"], serde_json::Value::Null, "{shown}");
}

/// A value typed that is not what was wanted is named as typed, what is invisible in it
/// written out, as `check` names files: taken out, it named something else (tester DB:
/// `2026\e[31m` was said as `2026`, an id `\e[2J\e]0;T\a` as `;`), and nothing of it
/// reaches the terminal.
#[test]
fn a_value_typed_is_named_with_what_is_invisible_in_it_written_out() {
    let home = tempfile::tempdir().unwrap();
    let nowhere = home.path().join("nope\x1b[2J");
    for (args, named) in [
        (
            vec!["items", "--date", "2026\x1b[31m"],
            "“2026\\u{1b}[31m” is not a date",
        ),
        (
            vec!["items", "--date", "20\u{202e}26"],
            "“20\\u{202e}26” is not a date",
        ),
        (
            vec!["show", "\x1b[2J\x1b]0;T\x07"],
            "no story with id \\u{1b}[2J\\u{1b}]0;T\\u{7};",
        ),
        (
            vec!["list", "--store", nowhere.to_str().unwrap()],
            "nope\\u{1b}[2J cannot be opened",
        ),
        // In a query, a filter's name, a digest's or a bookmark's id too (tester DE).
        (
            vec!["search", "date:2026\u{202e}-01", "x"],
            "“date:2026\\u{202e}-01” is not a date",
        ),
        (
            vec!["items", "--source", "foo\u{202e}bar"],
            "named “foo\\u{202e}bar”",
        ),
        (
            vec!["items", "--digest", "abcd\u{202e}"],
            "no digest with id abcd\\u{202e}",
        ),
        (
            vec!["bookmark", "remove", "\x1b[31mabcd"],
            "no bookmark with id \\u{1b}[31mabcd",
        ),
    ] {
        let out = command(home.path())
            .args(&args)
            .args(["--cache-dir", home.path().join("cache").to_str().unwrap()])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(named), "{args:?}: {said}");
        assert!(
            !said.contains(['\x1b', '\u{202e}', '\x07']),
            "{args:?}: {said:?}"
        );
    }
}

/// Two digests whose file names are not UTF-8, and read alike once made text, have ids of
/// their own (tester DB: `\xff\xfe` and `\xfe\xff` had one, and `items --digest` listed
/// both files' stories).
#[cfg(unix)]
#[test]
fn digests_named_in_no_utf8_have_ids_of_their_own() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for (name, story) in [
        (&b"d-\xff\xfe.md"[..], "甲公司发布新模型。"),
        (b"d-\xfe\xff.md", "乙公司发布新芯片。"),
    ] {
        let text = format!("# 日报 2026-03-01\n\n1. {story}\n");
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let store = dir.path().display().to_string();
    let listed = json(&ribao(&["list", "--json", "--store", &store]));
    let ids: Vec<&str> = (listed.as_array().unwrap().iter())
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() == 2 && ids[0] != ids[1], "{listed}");
    let items = json(&ribao(&[
        "items", "--digest", ids[0], "--json", "--store", &store,
    ]));
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
}

/// `COLUMNS` is the width `show` wraps to where `--width` is not given, up to what
/// `--width` takes (tester DC: read only by way of crossterm's fallback; a review: 999999
/// drew a rule a million columns wide).
#[test]
fn show_wraps_to_columns_where_it_is_set() {
    let (_dir, store) = store_of(
        "2026-03-01.md",
        "# 日报 2026-03-01\n\n## 甲公司发布新模型\n\n第一段说明了模型的推理成本下降一半，云厂商随即宣布降价。\n\n***\n\n第二段。\n",
    );
    let items = json(&ribao(&["items", "--json", "--store", &store]));
    let id = items[0]["id"].as_str().unwrap();
    let home = tempfile::tempdir().unwrap();
    let widest = |columns: &str| {
        let out = command(home.path())
            .env("COLUMNS", columns)
            .args(["show", id, "--store", &store])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let width = |l: &str| ribao::text::str_width(l, Default::default());
        text.lines().map(width).max().unwrap()
    };
    assert!(widest("30") <= 30);
    assert_eq!(widest("999999"), usize::from(u16::MAX));
}

/// A usage error's usage names only what the command needs, not the options set by a
/// variable or typed (tester DA: `ribao show` with RIBAO_STATE set said `Usage: ribao show
/// --store <DIR> --state <FILE> --cache-dir <DIR> <ITEM_ID>`, as if they were needed).
#[test]
fn a_usage_error_gives_the_commands_usage_whatever_is_set() {
    let home = tempfile::tempdir().unwrap();
    for (args, usage) in [
        (&["show"][..], "Usage: ribao show [OPTIONS] <ITEM_ID>\n"),
        (
            &["--store", "list", "bookmark", "add"],
            "Usage: ribao bookmark add [OPTIONS] <ID>...\n",
        ),
        (&["list", "--width", "20"], "Usage: ribao list [OPTIONS]\n"),
    ] {
        let out = command(home.path())
            .env("RIBAO_STORE", home.path())
            .env("RIBAO_STATE", home.path().join("state.json"))
            .env("RIBAO_CACHE_DIR", home.path().join("cache"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(usage), "{args:?}: {said}");
    }
    // An option's value not in UTF-8 is its value still, not taken for nothing (a review:
    // the command after it was taken for the value).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"\xff");
        let out = command(home.path())
            .arg("--store")
            .arg(odd)
            .arg("show")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("Usage: ribao show [OPTIONS] <ITEM_ID>"),
            "{said}"
        );
    }
}

#[test]
fn json_stories_name_the_part_of_the_digest_they_are_in() {
    // AI News Hub tells China's media and America's apart; `show` says which, and so must
    // the JSON, or a script cannot (tester AF).
    let v = json(&ribao(&["items", "--json"]));
    let rows = v.as_array().unwrap();
    let regions = |hub: bool| -> std::collections::BTreeSet<String> {
        rows.iter()
            .filter(|r| (r["source"] == "AI News Hub") == hub)
            .map(|r| r["region"].to_string())
            .collect()
    };
    assert_eq!(
        regions(true).into_iter().collect::<Vec<_>>(),
        ["\"中国媒体聚焦\"", "\"美国媒体聚焦\""]
    );
    assert_eq!(regions(false).into_iter().collect::<Vec<_>>(), ["null"]);
}

#[test]
fn a_span_of_dates_narrows_items_and_search() {
    // A cron job's "this week" (tester AF: a span was refused as no date).
    let dates = |out: &std::process::Output| -> std::collections::BTreeSet<String> {
        json(out)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["date"].as_str().unwrap().to_string())
            .collect()
    };
    let all = dates(&ribao(&["items", "--json"]));
    let span = dates(&ribao(&[
        "items",
        "--json",
        "--date",
        "2026-01-21..2026-01-23",
    ]));
    let want: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|d| ("2026-01-21".."2026-01-24").contains(&d.as_str()))
        .cloned()
        .collect();
    assert!(want.len() >= 2, "{all:?}");
    assert_eq!(span, want);
    let open = dates(&ribao(&["items", "--json", "--date", "2026-01-23.."]));
    assert!(open.iter().all(|d| d.as_str() >= "2026-01-23") && !open.is_empty());
    let found = ribao(&["search", "--json", "AI", "date:2026-01-21..2026-01-23"]);
    assert!(!dates(&found).is_empty() && dates(&found).is_subset(&want));
    let backwards = ribao(&["items", "--date", "2026-01-23..2026-01-21"]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("ends before it starts"));
}

/// The JSON of `items`, `search` and `show` says which stories are read and bookmarked, as
/// the state file has them (tester BK: a script could not ask for the stories unread).
#[test]
fn json_stories_say_whether_they_are_read_and_bookmarked() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state.json");
    let state = state.to_str().unwrap();
    let items = json(&ribao(&["items", "--store", &store(), "--json"]));
    let id = |n: usize| items[n]["id"].as_str().unwrap().to_string();
    let (marked, read) = (id(0), id(1));
    let added = ribao(&[
        "bookmark",
        "add",
        &marked,
        "--store",
        &store(),
        "--state",
        state,
    ]);
    assert!(added.status.success(), "{added:?}");
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    // One written by hand, in capitals with spaces, is read as the reader reads it (tester
    // BS: the reader counted it read, the command line did not).
    let by_hand = format!(" {} ", id(3).to_uppercase());
    saved["read"] = serde_json::json!([read, by_hand]);
    std::fs::write(state, saved.to_string()).unwrap();
    let with_state = |args: &[&str]| {
        json(&ribao(
            &[args, &["--store", &store(), "--state", state, "--json"]].concat(),
        ))
    };
    let items = with_state(&["items"]);
    let marks = |rows: &serde_json::Value, id: &str| {
        let row = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap();
        (
            row["read"].as_bool().unwrap(),
            row["bookmarked"].as_bool().unwrap(),
        )
    };
    assert_eq!(marks(&items, &marked), (false, true));
    assert_eq!(marks(&items, &read), (true, false));
    assert_eq!(marks(&items, &id(2)), (false, false));
    assert_eq!(marks(&items, &id(3)), (true, false));
    let shown = with_state(&["show", &read]);
    assert_eq!(
        (shown["read"].as_bool(), shown["bookmarked"].as_bool()),
        (Some(true), Some(false))
    );
    let title = items[1]["title"].as_str().unwrap();
    let word = title.chars().take(2).collect::<String>();
    let found = with_state(&["search", &word]);
    assert_eq!(marks(&found, &read), (true, false));
    // A state file found broken is said, on stderr, as `bookmarks` says it (tester BO).
    let whole = std::fs::read(state).unwrap();
    std::fs::write(state, &whole[..whole.len() / 2]).unwrap();
    let out = ribao(&["items", "--store", &store(), "--state", state, "--json"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("could not be used as it was"), "{said}");
    // Without the backup of its last save to make it whole, it is read in part: exit 2,
    // as `bookmarks` says it (a review).
    let _ = std::fs::remove_file(format!("{state}.bak"));
    std::fs::write(state, &whole[..whole.len() / 2]).unwrap();
    let out = ribao(&["items", "--store", &store(), "--state", state, "--json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // One that is no ribao state file marks nothing, and says so in its exit status too,
    // as `bookmarks` does, the JSON printed still (tester CO: 0, as if nothing was read).
    std::fs::write(state, r#"{"name": "some-package", "version": "1.0.0"}"#).unwrap();
    for args in [vec!["items"], vec!["show", &read], vec!["search", &word]] {
        let out = ribao(
            &[
                &args[..],
                &["--store", &store(), "--state", state, "--json"],
            ]
            .concat(),
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!v.to_string().contains("\"read\":true"), "{v}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("no story is marked read or bookmarked"),
            "{said}"
        );
    }
}

/// Each subcommand's help fits the columns it is wrapped to, its Chinese examples counted
/// two columns each (tester DQ: `(e.g. 市场与资本 /` ran to 105 columns, and a terminal of
/// 80 broke `f` / `rom`).
#[test]
fn help_fits_its_columns_with_chinese_in_it() {
    for columns in ["60", "100"] {
        for command in ["items", "search", "list", "show", "bookmarks", "check"] {
            let help = stdout(&ribao_with(&[command, "--help"], &[("COLUMNS", columns)]));
            for line in help.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= columns.parse().unwrap(),
                    "{command} at {columns}: {line}"
                );
            }
        }
    }
}

/// `ribao args` with `home` as its home, as a user folder permissions bind: as nobody where
/// the tests run as root (CI), who reads any folder. None, said, where that cannot be done.
fn as_a_user(home: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    let id = std::process::Command::new("id").arg("-u").output().ok()?;
    let mut run = match String::from_utf8_lossy(&id.stdout).trim() {
        "0" => {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_ribao"));
            c
        }
        _ => std::process::Command::new(env!("CARGO_BIN_EXE_ribao")),
    };
    let out = run
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .ok()
        .filter(|o| !String::from_utf8_lossy(&o.stderr).contains("setpriv:"));
    if out.is_none() {
        eprintln!("SKIPPED: cannot run ribao as a user other than root here");
    }
    out
}

/// A default store that cannot be read is named, and why, not taken for an empty one (the
/// samples shown, their advice to put digests there); a folder in a store that cannot be
/// read is said to be a folder (tester DS: `FAIL  : cannot read`, a file of no name).
#[test]
fn an_unreadable_store_or_folder_is_named_as_one() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let open = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let store = home.path().join(".local/share/ribao/digests");
    let locked = store.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    let digest = fixtures().join("store/misc/2026-02-04-crlf-daily.md");
    std::fs::copy(digest, store.join("a.md")).unwrap();
    // Each folder down to the store open to the user, and the home's own files to write.
    for dir in store.ancestors().take_while(|d| d.starts_with(home.path())) {
        open(dir, 0o777);
    }
    open(&locked, 0o000);
    let Some(out) = as_a_user(home.path(), &["check"]) else {
        return;
    };
    let said = stdout(&out);
    assert!(
        said.contains("locked: folder cannot be read: permission denied"),
        "{said}"
    );
    // The store, or a folder above it (tester DU: the samples were shown in its place).
    for closed in [store.clone(), store.join("..")] {
        open(&closed, 0o000);
        let out = as_a_user(home.path(), &["list"]).unwrap();
        open(&closed, 0o777);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!(
                "the default store {} cannot be read: permission denied",
                store.display()
            )),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    open(&locked, 0o777);
}
