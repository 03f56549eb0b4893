//! How the reader behaves: moving through dates, categories and stories, reading, scrolling,
//! resizing, links, messages — the whole app driven through its event loop on `TestBackend`.

mod common;
#[path = "tui_support.rs"]
mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ribao::library::{Library, Origin};
use ribao::model::{Digest, Format, Item};
use ribao::text::TextOptions;
use ribao::tui::keymap::{self, KEYMAP};
use ribao::tui::{App, CategoryFilter, Event, Pane, Scripted, Session, run_app};
use std::path::PathBuf;
use std::time::Duration;
use support::{Harness, RecordingHost, app, app_with, library, parse_keys};

fn titles(app: &App) -> Vec<String> {
    app.items()
        .iter()
        .map(|&r| app.item_at(r).1.title.to_string())
        .collect()
}

fn category_labels(app: &App) -> Vec<String> {
    app.categories()
        .iter()
        .map(|c| c.filter.label().to_string())
        .collect()
}

#[test]
fn moving_through_dates_changes_categories_and_items() {
    let mut h = Harness::new(app(), 120, 40);
    assert_eq!(h.app.focus(), Pane::Dates);
    assert_eq!(
        h.app.current_date().unwrap().date.unwrap().to_string(),
        "2026-01-20"
    );
    assert!(category_labels(&h.app).contains(&"技术前沿解读".to_string()));
    assert_eq!(h.app.items().len(), 8);

    h.keys("j");
    assert_eq!(
        h.app.current_date().unwrap().date.unwrap().to_string(),
        "2026-01-19"
    );
    // The publication's own categories, then the unified ones.
    assert_eq!(
        category_labels(&h.app),
        [
            "全部 / All",
            "产品与应用",
            "其他相关资讯",
            "产品与商业 / Products"
        ]
    );
    assert_eq!(h.app.items().len(), 2);
    assert!(h.text().contains("机器人公司展示家庭整理助手"));

    h.keys("j");
    assert_eq!(h.app.current_date().unwrap().date, None);
    assert!(h.text().contains("undated"));
    h.keys("j"); // stays on the last date
    assert_eq!(h.app.date_index(), 2);
    h.keys("g");
    assert_eq!(h.app.date_index(), 0);
    h.keys("G");
    assert_eq!(h.app.date_index(), 2);
    h.keys("<Home>");
    assert_eq!(h.app.date_index(), 0);
}

/// `:undated` goes to the files no date was found in, as G does; where every file has a
/// date it says so (tester AK: “undated” was said to be no date).
#[test]
fn undated_typed_goes_to_the_undated_files() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys(":undated<Enter>");
    let shown = h.app.current_date().map(|g| g.date);
    assert_eq!(shown, Some(None), "{}", h.text());
    assert_eq!(h.app.focus(), Pane::Dates);
    let (_tmp, mut h) = reader_on_files(&[("2026-03-01.md", &day(&[("政策", &["丁"])]))]);
    h.keys(":Undated<Enter>");
    assert_eq!(
        h.app.message().unwrap().text,
        "every digest has a date: none is undated"
    );
    assert!(h.app.date_line().is_none());
}

/// A date gone to out of sight is shown with the dates around it, not on the pane's last
/// row (tester BW took one drawn there for not shown).
#[test]
fn a_date_gone_to_out_of_sight_is_shown_among_its_neighbours() {
    let mut h = february(14);
    h.keys(":2026-02-08<Enter>");
    assert_shown_among_neighbours(&h.text());
    // Narrow, from the stories: the dates pane, not drawn until then, too.
    h.resize(50, 14);
    h.keys("]]]]]]]]]]]]]]]]]]]]<Enter><Enter>");
    assert_ne!(h.app.focus(), Pane::Dates);
    h.keys(":2026-02-08<Enter>");
    assert_shown_among_neighbours(&h.text());
}

/// A pane made shorter around its selection shows it among its neighbours, not on its last
/// row with nothing after it (a tester: the date seemed the last there was).
#[test]
fn a_shorter_pane_shows_its_selection_among_its_neighbours() {
    let mut h = february(30);
    h.keys(":2026-02-08<Enter>");
    h.resize(100, 14);
    assert_shown_among_neighbours(&h.text());
}

/// A reader 100 columns wide and `height` rows high over 28 digests, one a day of 2026-02.
fn february(height: u16) -> Harness {
    let digests = (1..=28)
        .map(|d| {
            let text = format!("# AI 日报\n\n## 第{d}条新闻\n\n正文。\n");
            let name = format!("store/2026-02-{d:02}.md");
            ribao::parse::parse(text.as_bytes(), std::path::Path::new(&name)).unwrap()
        })
        .collect();
    let library = support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        digests,
    );
    Harness::new(app_with(library, TextOptions::default()), 100, height)
}

/// `screen` shows 2026-02-08 selected with two dates either side of it.
fn assert_shown_among_neighbours(screen: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    let at = (rows.iter())
        .position(|r| r.contains("› 2026-02-08"))
        .unwrap_or_else(|| panic!("the date is shown:\n{screen}"));
    for (row, date) in [
        (at - 2, "10"),
        (at - 1, "09"),
        (at + 1, "07"),
        (at + 2, "06"),
    ] {
        assert!(
            rows[row].contains(&format!("2026-02-{date}")),
            "2026-02-{date} beside it:\n{screen}"
        );
    }
}

#[test]
fn brackets_step_dates_from_any_pane() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("c[");
    assert_eq!(h.app.focus(), Pane::Categories);
    assert_eq!(h.app.date_index(), 1);
    h.keys("]]");
    assert_eq!(h.app.date_index(), 0);
    assert_eq!(h.app.message().unwrap().text, "already at the newest date");
}

/// On a narrow terminal what is no date is said in one row, the line typed in kept in sight
/// to mend (tester CI: at 40 columns the message took both rows, the line hidden).
#[test]
fn a_date_line_error_leaves_the_line_in_sight_when_narrow() {
    let mut h = Harness::new(support::scope_app(), 40, 12);
    h.keys(":foo<Enter>");
    let rows = h.rows();
    let bottom = &rows[rows.len() - 2..];
    assert!(
        bottom.iter().any(|r| r.contains("“foo” is not a date")),
        "{bottom:#?}"
    );
    assert!(
        bottom
            .iter()
            .any(|r| r.contains("foo") && !r.contains("not a date")),
        "{bottom:#?}"
    );
}

/// `:` goes to a date typed: a day, a month or a year. A period without a digest goes to the
/// nearest older date, and says so; a digit typed in the dates pane opens the line too
/// (tester AG: only `[` and `]`, a date a press, crossed a years-long archive).
#[test]
fn a_date_typed_is_gone_to() {
    let mut h = Harness::new(support::scope_app(), 120, 40);
    let date = |h: &Harness| {
        h.app
            .current_date()
            .and_then(|g| g.date)
            .map(|d| d.to_string())
    };
    let said = |h: &Harness| h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    h.keys(":2025-11");
    assert!(h.text().contains("go to date: 2025-11▏"), "{}", h.text());
    // The forms it takes, as many as fit whole (tester DW: at 80 columns `… or und…`).
    h.resize(80, 40);
    let hint = "2025-11▏   2025-10-19, 2025-10, 2025, 10-19, today, yesterday";
    assert!(
        h.rows().iter().any(|r| r.trim_end().ends_with(hint)),
        "{}",
        h.text()
    );
    h.resize(120, 40);
    // On a narrow bar, what is typed before the words about it (tester CQ: at 20 columns
    // one character of it was in sight).
    h.resize(20, 40);
    h.keys("-30");
    assert!(h.text().contains(" 日期: 2025-11-30▏"), "{}", h.text());
    // Longer, its end and the cursor stay (tester CZ).
    h.keys("abcdef");
    assert!(h.text().contains("30abcdef▏"), "{}", h.text());
    h.keys("<BS><BS><BS><BS><BS><BS>");
    h.resize(120, 40);
    h.keys("<BS><BS><BS>");
    h.keys("<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2025-11-30"));
    assert_eq!(said(&h), "");
    h.keys(":2026-01-10<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-05"));
    assert_eq!(
        said(&h),
        "no digest on 2026-01-10: the nearest older date, 2026-01-05"
    );
    // Typed in the dates pane; a month and day are of the year shown when it has them.
    h.keys("01-19<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    // Full-width digits, as an input method types them, open the line too (tester AI).
    h.keys("２０２６０１０５<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-05"));
    h.keys(":2020<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2025-11-30"));
    assert_eq!(said(&h), "no digest in 2020: the oldest date, 2025-11-30");
    // A month and day with a digest in another year are that year's (tester AK: from
    // 2025-11-30, `01-19` named 2025-01-19, before the archive).
    h.keys("01-19<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    assert_eq!(said(&h), "");
    h.keys(":2025-11<Enter>");
    // A day the year shown has not is of the nearest year that has it, and four digits
    // that are no year a digest is dated in a month and day (tester DT: `02-29` was "not a
    // date", `1231` the year 1231).
    h.keys(":02-29<Enter>");
    assert_eq!(
        said(&h),
        "no digest on 2024-02-29: the oldest date, 2025-11-30"
    );
    h.keys(":0119<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    h.keys(":2025-11<Enter>");
    // What is no date is said, the line left open to mend; Esc closes it where it was.
    h.keys(":2026-13<Enter>");
    assert!(said(&h).contains("“2026-13” is not a date"), "{}", said(&h));
    assert!(h.app.date_line().is_some());
    // What is invisible in it written out (tester DF: `2025\u{202e}-10` was said as
    // `2025-10`, a date).
    h.keys(":2025\u{202e}-10<Enter>");
    assert!(
        said(&h).contains("“2025\\u{202e}-10” is not a date"),
        "{}",
        said(&h)
    );
    // `:` again starts the line anew, as it opens it (tester CE: typed into the text left,
    // it made `2026-13:01-19`).
    h.keys(":01-19<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    h.keys(":2026-13<Enter>");
    h.keys("<Esc>");
    assert!(h.app.date_line().is_none());
    // What was said goes with the line (tester AH: "is no date" stayed over the next date).
    assert_eq!(said(&h), "");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    // In the whole archive's scope, the date's stories are gone to there.
    h.keys("aaa");
    assert!(h.app.scope().is_multi_date());
    // A digit typed opens the line over what the scope's key said (tester AH).
    h.keys("2");
    assert_eq!(said(&h), "");
    assert!(h.text().contains("Enter go · Esc cancel"), "{}", h.text());
    h.keys("<Esc>");
    h.keys(":20260119<Enter>");
    assert_eq!(date(&h).as_deref(), Some("2026-01-19"));
    assert!(h.app.scope().is_multi_date());
    let highlighted = h.app.selected_item().and_then(|(d, _)| d.date);
    assert_eq!(
        highlighted.map(|d| d.to_string()).as_deref(),
        Some("2026-01-19")
    );
}

#[test]
fn selecting_a_category_filters_items() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("c");
    assert_eq!(h.app.focus(), Pane::Categories);
    // Past all and the date's two publications, its first publication's second category.
    h.keys("jjjj");
    assert_eq!(h.app.category().label(), "技术前沿解读");
    let shown = titles(&h.app);
    assert_eq!(shown.len(), 2);
    for &r in h.app.items() {
        assert_eq!(h.app.item_at(r).1.category, Some("技术前沿解读"));
    }
    let screen = h.text();
    assert!(screen.contains("开源社区推出轻量多模态"));
    assert!(!screen.contains("云计算厂商下调 GPU 租…"));
    assert!(screen.contains("2026-01-20 · 技术前沿解读 · 2 stories"));

    // "Other" holds the stories without a category; the unified categories follow it.
    while h.app.category().label() != "未分类 / Other" {
        h.keys("j");
    }
    assert_eq!(titles(&h.app), ["小模型进入更多办公场景"]);
    h.keys("j");
    assert!(h.app.category().is_unified(), "{:?}", h.app.category());
}

#[test]
fn opening_an_item_marks_it_read_and_r_toggles() {
    let mut h = Harness::new(app(), 120, 40);
    let unread_before = h.app.date_counts(h.app.current_date().unwrap()).1;
    h.keys("<Enter><Enter>jjj");
    assert_eq!(h.app.focus(), Pane::Items);
    let (_, item) = h.app.selected_item().unwrap();
    let id = item.id.to_string();
    assert!(!h.app.session().is_read(&id));
    h.keys("<Enter>");
    assert_eq!(h.app.focus(), Pane::Article);
    assert_eq!(h.app.opened().unwrap().1.id, id);
    assert!(h.app.session().is_read(&id));
    assert_eq!(
        h.app.date_counts(h.app.current_date().unwrap()).1,
        unread_before - 1
    );
    assert!(h.text().contains("文章 Article"));

    h.keys("r");
    assert!(!h.app.session().is_read(&id));
    let said = h.app.message().unwrap().text.clone();
    assert!(
        said.starts_with("marked “") && said.ends_with("” unread"),
        "{said}"
    );
    h.keys("<Esc>r");
    assert!(h.app.session().is_read(&id));
}

/// `J` / `K` read on from the article: the next / previous story of the list opens (and is
/// read), its place kept; past the ends the reader says so.
#[test]
fn j_and_k_in_capitals_open_the_next_and_previous_story() {
    let mut h = Harness::new(app(), 120, 9);
    let ids: Vec<String> = h
        .app
        .items()
        .iter()
        .map(|&r| h.app.item_at(r).1.id.to_string())
        .collect();
    // With none open, the selected story.
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.id, ids[0]);
    assert_eq!(h.app.focus(), Pane::Article);
    h.keys("jj");
    let place = h.app.scroll();
    assert!(place > 0, "the story is taller than its pane");
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.id, ids[1]);
    assert_eq!(h.app.scroll(), 0);
    assert!(h.app.session().is_read(&ids[1]));
    // Back to the first where it was left.
    h.keys("K");
    assert_eq!(h.app.opened().unwrap().1.id, ids[0]);
    assert_eq!(h.app.scroll(), place);
    h.keys("K");
    assert_eq!(h.app.opened().unwrap().1.id, ids[0]);
    assert_eq!(
        h.app.message().unwrap().text,
        "already at the first story listed"
    );
    // Closed, and still highlighted: from the panes before, `J` goes on from it, as from
    // the article (tester DJ: it opened the same story again).
    h.keys("<Esc><Esc><Esc>J");
    assert_eq!(h.app.opened().unwrap().1.id, ids[1]);
    h.keys("K");
    h.keys("G");
    for _ in 1..ids.len() {
        h.keys("J");
    }
    assert_eq!(h.app.opened().unwrap().1.id, *ids.last().unwrap());
    assert_eq!(h.app.item_index(), ids.len() - 1);
    // Past the date's last story, on into the next older date's first (tester AC), and
    // back.
    h.keys("J");
    assert_eq!(h.app.date_index(), 1);
    assert_eq!(h.app.item_index(), 0);
    assert_eq!(h.app.focus(), Pane::Article);
    let said = &h.app.message().unwrap().text;
    assert!(
        said.starts_with("on to ") && said.ends_with(": its first story"),
        "{said}"
    );
    h.keys("K");
    assert_eq!(h.app.date_index(), 0);
    assert_eq!(h.app.opened().unwrap().1.id, *ids.last().unwrap());
    // The archive's oldest date ends it.
    let oldest = h.app.dates().len() - 1;
    for _ in 0..oldest {
        h.keys("[");
    }
    assert_eq!(h.app.date_index(), oldest);
    h.keys("<Esc><Esc>lG");
    let last = h.app.items().len() - 1;
    assert_eq!(h.app.item_index(), last);
    h.keys("JJ");
    assert_eq!(
        h.app.message().unwrap().text,
        "already at the last story listed"
    );
    // The article's hints say so.
    let mut h = Harness::new(app(), 120, 40);
    h.keys("J");
    assert!(h.text().contains("J/K next/prev story"), "{}", h.text());
}

/// A digest of `sections`, each a heading over its numbered stories.
fn day(sections: &[(&str, &[&str])]) -> String {
    let mut text = String::from("# 日报\n\n");
    for (section, titles) in sections {
        text += &format!("## {section}\n\n");
        for title in *titles {
            text += &format!("### 1. {title}\n{title}的正文。\n\n");
        }
    }
    text
}

/// With a category chosen, `J` past a date's last story reads on into the next date that
/// has the category, passing over one without it (tester S: it went on into every story of
/// such a date); past the last such date it says so and stays.
#[test]
fn j_reads_a_chosen_category_on_into_the_next_date_that_has_it() {
    let (_tmp, mut h) = reader_on_files(&[
        (
            "2026-03-03.md",
            &day(&[("市场", &["甲", "乙"]), ("政策", &["丙"])]),
        ),
        ("2026-03-02.md", &day(&[("政策", &["丁"])])),
        (
            "2026-03-01.md",
            &day(&[("市场", &["戊"]), ("政策", &["己"])]),
        ),
        ("2026-02-28.md", &day(&[("政策", &["庚"])])),
    ]);
    h.keys("<Enter>");
    while h.app.category().describe() != "市场" {
        h.keys("j");
    }
    h.keys("<Enter>G<Enter>");
    assert_eq!(h.app.opened().unwrap().1.title, "乙");
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.title, "戊");
    assert_eq!(h.app.category().describe(), "市场");
    assert_eq!(
        h.app.message().unwrap().text,
        "on to 2026-03-01: its first 市场 story"
    );
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.title, "戊");
    assert_eq!(
        h.app.message().unwrap().text,
        "no older date has 市场 stories"
    );
    // And back, past the date without it.
    h.keys("K");
    assert_eq!(h.app.opened().unwrap().1.title, "乙");
    assert_eq!(h.app.category().describe(), "市场");
}

/// Three dates, the middle one without 市场, and the reader on the newest's 市场.
fn following_a_category_one_date_lacks() -> (tempfile::TempDir, Harness) {
    let (tmp, mut h) = reader_on_files(&[
        (
            "2026-03-03.md",
            &day(&[("市场", &["甲"]), ("政策", &["丙"])]),
        ),
        ("2026-03-02.md", &day(&[("政策", &["丁"])])),
        (
            "2026-03-01.md",
            &day(&[("政策", &["己"]), ("市场", &["戊"])]),
        ),
    ]);
    h.keys("<Enter>");
    while h.app.category().describe() != "市场" {
        h.keys("j");
    }
    (tmp, h)
}

/// On a date without the chosen category, which shows them all, `J` reads on in what is
/// shown: into the next date, all of its stories, not the next date with the category
/// (tester AK: five dates with digests were passed over under 全部 / All).
#[test]
fn j_reads_on_in_all_categories_where_the_chosen_one_was_missing() {
    let (_tmp, mut h) = following_a_category_one_date_lacks();
    h.keys("[");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    // What brings the category back is said: [ and ], not J (tester AM).
    assert_eq!(
        h.app.message().unwrap().text,
        "no 市场 on 2026-03-02: all categories shown, and 市场 again at the next date that has it"
    );
    // Where that is more than a row, a shorter form keeps the bar's two rows (tester AW).
    h.resize(60, 24);
    let rows = h.rows();
    assert_eq!(
        rows[rows.len() - 1].trim(),
        "no 市场 on 2026-03-02: all shown",
        "{rows:#?}"
    );
    // Narrower than even that, it is cut to its row (tester AX: it took the status row).
    h.resize(28, 24);
    let rows = h.rows();
    assert_eq!(
        rows[rows.len() - 1].trim(),
        "no 市场 on 2026-03-02: all…",
        "{rows:#?}"
    );
    h.resize(120, 40);
    h.keys("<Enter>G<Enter>");
    assert_eq!(h.app.opened().unwrap().1.title, "丁");
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.title, "己");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    assert_eq!(
        h.app.message().unwrap().text,
        "on to 2026-03-01: its first story"
    );
}

/// The category followed, back at a date that has it after one that showed all, says so
/// (tester BI: after dates of all, it came back unasked).
#[test]
fn the_category_followed_says_so_when_it_comes_back() {
    let (_tmp, mut h) = following_a_category_one_date_lacks();
    h.keys("[[");
    assert_eq!(h.app.category().describe(), "市场");
    assert_eq!(
        h.app.message().unwrap().text,
        "市场 again, followed from date to date: Enter on 全部 / All stops it"
    );
    // Each time it comes back.
    h.keys("]]");
    h.keys("[");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    h.keys("]");
    assert!(h.app.message().unwrap().text.starts_with("市场 again"));
}

/// `[` then `]` from a story: back at its date, the story is open again where it was left
/// (it showed the day's front pages, the list back at its first story; tester S).
#[test]
fn a_date_stepped_away_from_has_its_story_open_again_on_coming_back() {
    let mut h = Harness::new(app(), 120, 9);
    h.keys("<Enter><Enter>jjj<Enter>jj");
    let (id, place) = (h.app.opened().unwrap().1.id.to_string(), h.app.scroll());
    assert!(place > 0, "the story is taller than its pane");
    h.keys("[");
    assert!(h.app.opened().is_none());
    h.keys("]");
    assert_eq!(h.app.focus(), Pane::Article);
    assert_eq!(h.app.opened().unwrap().1.id, id);
    assert_eq!(h.app.item_index(), 3);
    assert!(h.app.scroll() > 0, "opened at its top");
    // Through the dates pane too; a date never left open shows its front pages.
    h.keys("hhhjk");
    assert_eq!(h.app.opened().unwrap().1.id, id);
    h.keys("jj");
    assert!(h.app.opened().is_none());
}

/// So in a scope of many dates: `[` `]` and the dates pane come back to the story left open
/// at a date, not to the date's first (tester CX).
#[test]
fn a_date_of_many_stepped_away_from_has_its_story_open_again() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("aaa");
    assert!(h.app.scope().is_multi_date());
    h.keys("lljj<Enter><Esc>");
    let id = h.app.opened().unwrap().1.id.to_string();
    let row = h.app.item_index();
    h.keys("[]");
    assert_eq!(
        (
            h.app.opened().map(|o| o.1.id.to_string()),
            h.app.item_index()
        ),
        (Some(id.clone()), row)
    );
    h.keys("hhjk");
    assert_eq!(
        (
            h.app.opened().map(|o| o.1.id.to_string()),
            h.app.item_index()
        ),
        (Some(id), row)
    );
}

/// In a scope of many dates, the story open stays its own date's when the list is moved on
/// into the next: not open there, open again back at its date (a review: it came back open
/// under the other, and not under its own).
#[test]
fn a_story_open_in_a_scope_of_many_dates_stays_its_own_dates() {
    let mut h = Harness::new(support::scope_app(), 120, 30);
    h.keys("aaall<Enter><Esc>");
    let opened = |h: &Harness| h.app.opened().map(|o| o.1.id.to_string());
    let id = opened(&h).expect("a story open");
    let date = h.app.date_index();
    while h.app.date_index() == date {
        h.keys("j");
    }
    h.keys("[]");
    assert_eq!(opened(&h), None);
    h.keys("]");
    assert_eq!((h.app.date_index(), opened(&h)), (date, Some(id)));
}

#[test]
fn moving_right_into_the_article_shows_the_highlighted_story() {
    let mut h = Harness::new(app(), 120, 9);
    h.keys("<Enter><Enter><Enter>jj");
    let first = h.app.opened().unwrap().1.id.to_string();
    let place = h.app.scroll();
    assert!(place > 0, "the story is taller than its pane");
    // Back and right again on the same story keeps the place in it.
    h.keys("<Esc>l");
    assert_eq!(h.app.opened().unwrap().1.id, first);
    assert_eq!(h.app.scroll(), place);

    h.keys("<Esc>j");
    let (_, item) = h.app.selected_item().unwrap();
    let (second, title) = (item.id.to_string(), item.title.to_string());
    assert_ne!(first, second);
    h.keys("l");
    assert_eq!(h.app.focus(), Pane::Article);
    assert_eq!(h.app.opened().unwrap().1.id, second);
    assert_eq!(h.app.scroll(), 0, "a new story starts at its top");
    assert!(h.app.session().is_read(&second));
    assert!(h.text().contains(&title[..title.floor_char_boundary(12)]));
    h.keys("b");
    assert!(h.app.session().is_bookmarked(&second));
    assert!(!h.app.session().is_bookmarked(&first));
}

#[test]
fn scroll_never_passes_the_end() {
    let mut h = Harness::new(app(), 69, 24);
    h.keys("<Enter>jj<Enter><Enter>");
    assert_eq!(h.app.focus(), Pane::Article);
    let max = h.app.max_scroll();
    assert!(max > 10, "the test article must be longer than the screen");
    h.run(std::iter::repeat_n(Event::Key(parse_keys("j")[0]), 300));
    assert_eq!(h.app.scroll(), max);
    let screen = h.text();
    assert!(screen.contains("[3] https://example.org/code/chengming-eval"));
    h.keys("<Space><PgDn><C-d>");
    assert_eq!(h.app.scroll(), max);
    h.keys("g");
    assert_eq!(h.app.scroll(), 0);
    h.keys("<C-d>");
    assert_eq!(h.app.scroll(), 18); // a page: the pane's 19 rows less one
    h.keys("<C-u>k");
    assert_eq!(h.app.scroll(), 0);
    h.keys("G");
    assert_eq!(h.app.scroll(), max);
}

#[test]
fn resize_clamps_scroll_and_switches_layout_live() {
    let mut h = Harness::new(app(), 69, 24);
    assert!(!h.app.is_wide());
    h.keys("<Enter>jj<Enter><Enter>G");
    let narrow_max = h.app.max_scroll();
    assert_eq!(h.app.scroll(), narrow_max);

    h.resize(130, 45);
    assert!(h.app.is_wide());
    assert!(h.app.scroll() <= h.app.max_scroll());
    assert_eq!(h.app.scroll(), h.app.max_scroll());
    assert!(
        h.text()
            .contains("[3] https://example.org/code/chengming-eval")
    );
    // The article being read takes the dates' column.
    assert!(!h.text().contains("日期 Dates"));

    h.resize(50, 16);
    assert!(!h.app.is_wide());
    assert!(h.app.scroll() <= h.app.max_scroll());
    h.keys("G");
    assert!(h.text().contains("chengming-eval"));
    assert!(
        h.text().contains(" › "),
        "narrow layout shows the breadcrumb"
    );

    h.resize(300, 100);
    assert_eq!(h.app.scroll(), 0, "everything fits: nothing to scroll");
}

#[test]
fn narrow_enter_goes_deeper_and_esc_back() {
    let mut h = Harness::new(app(), 69, 24);
    let crumb = |h: &mut Harness| h.rows()[0].trim().to_string();
    assert_eq!(crumb(&mut h), "日期 Dates");
    h.keys("<Enter>");
    assert_eq!(h.app.focus(), Pane::Categories);
    assert_eq!(crumb(&mut h), "2026-01-20 周二");
    h.keys("jjjj<Enter>");
    assert_eq!(crumb(&mut h), "2026-01-20 周二 › 技术前沿解读");
    h.keys("j<Enter>");
    assert!(
        crumb(&mut h).starts_with("2026-01-20 周二 › 技术前沿解读 › 开源社区推出轻量多模态模型"),
        "{}",
        crumb(&mut h)
    );
    h.keys("<Esc>");
    assert_eq!(h.app.focus(), Pane::Items);
    h.keys("<Esc><Esc>");
    assert_eq!(h.app.focus(), Pane::Dates);
    h.keys("<Esc>");
    assert_eq!(h.app.focus(), Pane::Dates);
    // Panes change with h/l and arrows too.
    h.keys("ll<Right>");
    assert_eq!(h.app.focus(), Pane::Article);
    h.keys("l");
    assert_eq!(h.app.focus(), Pane::Article);
    h.keys("<Tab>");
    assert_eq!(h.app.focus(), Pane::Dates);
    h.keys("<S-Tab>");
    assert_eq!(h.app.focus(), Pane::Article);
    h.keys("h<Left>");
    assert_eq!(h.app.focus(), Pane::Categories);
}

/// Read to its end, the help stays at its end when the terminal gets smaller (its lines
/// wrap into more rows).
#[test]
fn help_read_to_its_end_stays_there_after_a_resize() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("?G");
    let last = "Esc, ? or q closes this help";
    assert!(h.text().contains(last), "{}", h.text());
    h.resize(80, 24);
    assert!(h.text().contains(last), "{}", h.text());
    h.resize(60, 20);
    assert!(h.text().contains(last), "{}", h.text());
}

#[test]
fn help_lists_every_key_and_closes() {
    let mut h = Harness::new(app(), 130, 45);
    h.keys("?");
    assert!(h.app.help_scroll().is_some());
    // The help scrolls when it is longer than the screen: read it page by page.
    let mut screen = h.text();
    for _ in 0..5 {
        h.keys("<PgDn>");
        screen.push_str(&h.text());
    }
    h.keys("g");
    for (binding, _, description) in KEYMAP {
        let label = keymap::label(binding);
        assert!(screen.contains(&label), "help lacks {label}");
        assert!(screen.contains(description), "help lacks {description}");
    }
    // Below the keys: where the digests come from.
    h.keys("G");
    assert!(
        h.text().contains("Digests: /home/reader/digests"),
        "{}",
        h.text()
    );
    for close in ["<Esc>", "?", "q", "<F1>"] {
        h.keys(close);
        assert!(h.app.help_scroll().is_none(), "{close} closes help");
        h.keys("?");
    }
    // F1 opens it too, where many programs have their help (tester P).
    h.keys("<Esc><F1>");
    assert!(h.app.help_scroll().is_some(), "F1 opens the help");
    // Another key says how to close it, as the file view does (tester CQ).
    h.keys("J");
    assert!(h.app.help_scroll().is_some());
    assert!(
        h.text().contains("the help is open: Esc, ? or q closes it"),
        "{}",
        h.text()
    );
    h.keys("<Esc>");
    // Esc on the first level says how to quit (tester CQ: it did nothing, unsaid).
    while h.app.focus() != ribao::tui::Pane::Dates {
        h.keys("<Esc>");
    }
    h.keys("<Esc>");
    assert!(h.text().contains("the dates are the first level: q quits"));
    // The help explains the marks and the search language below the keys.
    assert!(screen.contains("~ placed in its unified category"));
    for said in ["(英伟达 OR NVIDIA: either)", "its words in that order"] {
        assert!(screen.contains(said), "{screen}");
    }
    // Keys of features that do not exist yet are not bound.
    for key in ["x", "z"] {
        let event = parse_keys(key)[0];
        assert_eq!(keymap::action_for(&event), None, "{key} is bound");
    }
}

/// The reader on a `width`×`height` terminal fed `events` until they run out or it stops:
/// the reader, and how many events were left unread.
fn run_until_stopped(
    width: u16,
    height: u16,
    events: impl IntoIterator<Item = Event>,
) -> (App, usize) {
    let mut app = support::app();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    let mut events = Scripted::new(events);
    run_app(
        &mut terminal,
        &mut app,
        &mut events,
        &mut RecordingHost::default(),
    )
    .unwrap();
    (app, events.0.len())
}

/// How many events of `keys` and a resize are left unread when the reader, on a
/// `width`×`height` terminal, stops: 1 when the last key quit it.
fn events_left_after(keys: &str, width: u16, height: u16) -> usize {
    let keys = parse_keys(keys).into_iter().map(Event::Key);
    run_until_stopped(width, height, keys.chain([Event::Resize(width, height)])).1
}

#[test]
fn q_quits_and_ctrl_c_quits_even_from_help_and_q_closes_a_view_first() {
    let mut h = Harness::new(app(), 80, 24);
    let quit_after = |keys: &str| events_left_after(keys, 80, 24);
    assert_eq!(quit_after("q"), 1, "q quits: the resize is never read");
    assert_eq!(quit_after("?<C-c>"), 1);
    assert_eq!(quit_after("?q"), 0, "q closes the help instead");
    // And the bookmarks view and the search (it quit from them: tester G).
    assert_eq!(quit_after("Bq"), 0, "q closes the bookmarks view");
    assert_eq!(quit_after("/x<Enter>q"), 0, "q closes the search");
    assert_eq!(quit_after("Bqq"), 1, "then q quits");
    // Reading a story or a date's front pages, q goes back a level, as reading a result
    // or a bookmark (tester EI: it quit from here alone).
    assert_eq!(
        quit_after("<Enter><Enter><Enter>q"),
        0,
        "q goes back to the stories"
    );
    assert_eq!(quit_after("<Enter><Enter><Enter>qq"), 1, "then q quits");
    assert_eq!(quit_after("iq"), 0, "q leaves the front pages");
    h.keys("?");
    assert_eq!(
        h.app.update(ribao::tui::Action::ForceQuit),
        Some(ribao::tui::Effect::Quit)
    );
}

#[test]
fn l_lists_every_link_of_the_story_to_open_or_copy_any() {
    let mut h = Harness::new(app(), 100, 30);
    h.keys("cjjjj<Enter>L");
    let view = h.app.links_view().expect("the links view");
    let marks: Vec<&str> = view.links.iter().map(|l| l.mark.as_str()).collect();
    let texts: Vec<&str> = view.links.iter().map(|l| l.text.as_str()).collect();
    let urls: Vec<String> = view.links.iter().map(|l| l.url.clone()).collect();
    // The story's own link, then its text's in the article's [n] order, each with the text
    // the article shows for it.
    assert_eq!(marks, ["🔗", "[1]", "[2]", "[3]"]);
    assert_eq!(texts, ["", "价格说明", "技术报告", "评测脚本"]);
    assert_eq!(
        urls,
        [
            "https://example.com/news/chengming",
            "https://example.com/news/chengming/pricing",
            "https://example.com/papers/chengming.pdf",
            "https://example.org/code/chengming-eval"
        ]
    );
    insta::assert_snapshot!("links_view", h.text());
    h.keys("jj<Enter>");
    assert_eq!(h.host.opened, [urls[2].as_str()]);
    h.keys("jy");
    assert_eq!(h.host.copied, [urls[3].as_str()]);
    // A link's number goes to it; one no link has says so.
    h.keys("1y");
    assert_eq!(h.host.copied, [urls[3].as_str(), urls[1].as_str()]);
    // Said each time, where the link was selected already too (tester AS: nothing moved).
    h.keys("1");
    assert!(
        h.text()
            .contains("[1] selected: Enter opens it, y copies it"),
        "{}",
        h.text()
    );
    h.keys("9");
    assert!(h.text().contains("no link [9] here"), "{}", h.text());
    assert_eq!(h.app.links_view().unwrap().selected, 1);
    // Another view's key says what the list takes instead of doing nothing.
    h.keys("B");
    assert!(h.app.links_view().is_some() && h.app.bookmarks_view().is_none());
    assert!(
        h.text().contains("the links list is open: Enter opens"),
        "{}",
        h.text()
    );
    // The help opens over it, and closes back to it (tester BY: refused).
    h.keys("?");
    assert!(h.app.help_scroll().is_some() && h.app.links_view().is_some());
    h.keys("?");
    assert!(h.app.help_scroll().is_none() && h.app.links_view().is_some());
    h.keys("<Esc>");
    assert!(h.app.links_view().is_none());
    assert!(!h.text().contains("链接 Links"));
}

#[test]
fn backing_out_of_the_stories_brings_the_days_front_pages_back() {
    for (width, height) in [(120, 40), (60, 24)] {
        let mut h = Harness::new(app(), width, height);
        h.keys("<Enter><Enter><Enter>");
        let (_, story) = h.app.opened().expect("a story is open");
        let title = story.title.to_string();
        assert!(h.text().contains(&title));
        // One step back, the story is still there to go back into.
        h.keys("<Esc>");
        assert!(h.app.opened().is_some());
        h.keys("<Esc>");
        assert_eq!(h.app.focus(), Pane::Categories);
        assert!(h.app.opened().is_none(), "{width} columns");
        // Into the stories again, the highlighted one is previewed beside them (where they
        // have room beside); `i` reads the front pages.
        h.keys("l");
        assert_eq!(
            h.text().contains("预览 Preview"),
            width == 120,
            "{width} columns"
        );
        h.keys("i");
        assert_eq!(h.app.focus(), Pane::Article);
        assert!(h.app.opened().is_none(), "{width} columns");
        assert!(h.text().contains("概览 Overview"), "{width} columns");
        // Esc goes back where `i` was pressed (tester BG: from the dates, to the stories).
        h.keys("<Esc>");
        assert_eq!(h.app.focus(), Pane::Items);
        h.keys("<Esc><Esc>i<Esc>");
        assert_eq!(h.app.focus(), Pane::Dates, "{width} columns");
    }
}

/// A date of several publications lists each one's stories under a row naming it, not
/// beside every title in a column the titles lose room to; moving skips those rows, and
/// the row stays above its first story when the list scrolls back to it.
#[test]
fn each_publications_stories_are_listed_under_its_name() {
    let mut h = Harness::new(app(), 120, 13);
    h.keys("<Enter><Enter>");
    let rows = h.rows();
    let at = |rows: &[String], text: &str| rows.iter().position(|r| r.contains(text));
    let daily = at(&rows, "┃ AI 日报 · 3 ").unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        rows[daily + 1].contains("┃›    小模型进入更多办公场景  "),
        "{rows:#?}"
    );
    assert!(!rows[daily + 1].contains("AI 日报"), "no source column");
    // To the last story and back up to AI行业速递's first: its name is above it.
    h.keys("Gkkkk");
    assert_eq!(h.app.item_index(), 3);
    let rows = h.rows();
    let selected = at(&rows, "┃›").expect("a story is selected");
    assert!(
        rows[selected - 1].contains("┃ AI行业速递 · 5 "),
        "{rows:#?}"
    );
}

#[test]
fn o_opens_the_storys_own_link_also_when_its_text_links_it_after_another() {
    let text = "## 技术前沿解读\n\n### 某模型发布\n> **来源：** [示例新闻](https://example.com/own)\n\n详见 [论文](https://example.com/paper) 与 [原文](https://example.com/own)。\n";
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-01-20.md"))
        .expect("parses");
    let lib = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    let mut h = Harness::new(app_with(lib, TextOptions::default()), 100, 30);
    h.keys("<Enter><Enter><Enter>o");
    assert_eq!(h.host.opened, ["https://example.com/own"]);
    // The list names it once, where the text numbers it.
    h.keys("L");
    let urls: Vec<&str> = h
        .app
        .links_view()
        .unwrap()
        .links
        .iter()
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(
        urls,
        ["https://example.com/paper", "https://example.com/own"]
    );
}

/// The reader `width` columns wide over one story whose link is `url`.
fn one_linked_story(url: &str, width: u16) -> Harness {
    let text =
        format!("## 技术前沿解读\n\n### 某模型发布\n> **来源：** [示例新闻]({url})\n\n正文。\n");
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-01-20.md"))
        .expect("parses");
    let lib = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    Harness::new(app_with(lib, TextOptions::default()), width, 30)
}

#[test]
fn opening_a_link_names_as_much_of_its_address_as_the_status_bar_holds() {
    let url = "https://example.com/research/2026/01/20/a-long-report-on-inference-chips-and-export-rules-in-full";
    let mut h = one_linked_story(url, 160);
    h.keys("<Enter><Enter><Enter>o");
    assert_eq!(h.host.opened, [url]);
    let rows = h.rows();
    assert!(
        rows.iter().any(|r| r.trim() == format!("opening {url}")),
        "{rows:#?}"
    );
    // Narrower than the address: its start and end, on one row.
    h.resize(70, 30);
    h.keys("y");
    let rows = h.rows();
    let status = rows.last().unwrap().trim();
    assert!(
        status.starts_with("sent to the clipboard: https://exam"),
        "{rows:#?}"
    );
    assert!(status.ends_with("-export-rules-in-full"), "{rows:#?}");
    assert!(status.contains('…'), "{rows:#?}");
    assert_eq!(ribao::text::str_width(status, TextOptions::default()), 69);
}

/// On a wide terminal the links view is as wide as its longest row needs: a long address
/// is whole in its row (tester R: it was cut at 100 columns on 200).
#[test]
fn the_links_view_widens_for_long_addresses_where_there_is_room() {
    let url = format!(
        "https://example.com/research/{}/full-report",
        "long-path-".repeat(12)
    );
    let mut h = one_linked_story(&url, 200);
    h.keys("<Enter><Enter><Enter>L");
    let rows = h.rows();
    assert!(
        rows.iter().any(|r| r.contains(&url) && r.contains("› 🔗")),
        "{rows:#?}"
    );
    // Where the room is short, the row is cut as before, the address whole below it.
    h.resize(100, 30);
    let rows = h.rows();
    assert!(
        !rows.iter().any(|r| r.contains(&url) && r.contains("› 🔗")),
        "{rows:#?}"
    );
}

#[test]
fn o_never_takes_a_pictures_address_for_the_storys_link() {
    let text =
        "## 技术前沿解读\n\n### 某模型发布\n\n![架构图](https://example.com/arch.png)\n\n正文。\n";
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-01-20.md"))
        .expect("parses");
    assert_eq!(digest.items[0].url, None);
    let lib = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    let mut h = Harness::new(app_with(lib, TextOptions::default()), 100, 30);
    h.keys("<Enter><Enter><Enter>o");
    assert!(h.host.opened.is_empty(), "{:?}", h.host.opened);
    assert!(
        h.text()
            .contains("this story links only its pictures: L lists them")
    );
    // A note on the key: gone with the next, which may leave the story (tester CI: after
    // `[` it stayed over a date with no story open).
    h.keys("k");
    assert!(
        !h.text().contains("links only its pictures"),
        "{}",
        h.text()
    );
    h.keys("<Esc><Enter><Enter>");
    // L still lists the picture's address, to open on purpose.
    h.keys("L<Enter>");
    assert_eq!(h.host.opened, ["https://example.com/arch.png"]);
}

#[test]
fn links_open_and_copy_through_the_host_only_when_http() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("cjj<Enter>o");
    assert_eq!(h.host.opened, ["https://example.com/news/chengming"]);
    assert!(h.app.message().unwrap().text.starts_with("opening "));
    h.keys("y");
    assert_eq!(h.host.copied, ["https://example.com/news/chengming"]);
    h.host.fail = true;
    h.keys("o");
    let m = h.app.message().unwrap();
    assert!(
        m.error
            && m.text.contains("xdg-open is not installed")
            && m.text.ends_with("; y copies it instead"),
        "{m:?}"
    );
    // Nothing to open from the date list.
    h.keys("<Esc><Esc>o");
    assert_eq!(h.host.opened.len(), 1);
    assert!(
        h.app
            .message()
            .unwrap()
            .text
            .contains("act on a story: go to the stories first (l twice, or Enter twice)")
    );
    // From the categories, one pane on (tester CX: from the dates it led there).
    h.keys("lo");
    assert!(
        h.app
            .message()
            .unwrap()
            .text
            .contains("act on a story: go to the stories (l or Enter) first")
    );
}

fn hostile_library() -> Library {
    let item = |id: &str, title: &str, url: Option<&str>| Item {
        id: id.into(),
        title: title.into(),
        category: Some("安全\x1b[2J测试".into()),
        region: None,
        outlet: Some("\u{202e}evil".into()),
        url: url.map(Into::into),
        body: "正文\x1b]52;c;ZXZpbA==\x07里有转义。\u{9b}31m红色".into(),
        unified: None,
    };
    let digest = Digest {
        id: "d1".into(),
        path: PathBuf::from("hostile.md"),
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 21),
        source: "来源\x07响铃".into(),
        series: None,
        title: "标题\x1b[31m红".into(),
        format: Format::Generic,
        front_page: String::new(),
        items: vec![
            item("a", "脚本链接\x1b[5m", Some("javascript:alert(1)")),
            item(
                "b",
                "带空格的链接",
                Some("https://example.com/a b; rm -rf ~"),
            ),
            item("c", "文件链接", Some("file:///etc/passwd")),
        ],
        warnings: Vec::new(),
    };
    support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest])
}

/// Digits typed in a row in the links view make one number; after a pause a digit starts a
/// number of its own (tester R: `1`, a pause, `1` went to `[11]`).
#[test]
fn a_links_number_typed_after_a_pause_starts_anew() {
    let body: String = (1..=12)
        .map(|n| format!("见[第{n}个](https://example.com/{n})。"))
        .collect();
    let digest = Digest {
        id: "d1".into(),
        path: PathBuf::from("links.md"),
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 21),
        source: "日报".into(),
        series: None,
        title: "日报".into(),
        format: Format::Generic,
        front_page: String::new(),
        items: vec![Item {
            id: "a".into(),
            title: "十二个链接".into(),
            category: None,
            region: None,
            outlet: None,
            url: None,
            body,
            unified: None,
        }],
        warnings: Vec::new(),
    };
    let library = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    let mut h = Harness::new(app_with(library, TextOptions::default()), 100, 30);
    h.keys("ll<Enter>L1");
    let view = |h: &Harness| {
        h.app.links_view().unwrap().links[h.app.links_view().unwrap().selected]
            .mark
            .clone()
    };
    assert_eq!(view(&h), "[1]");
    h.run([ribao::tui::Event::Tick(Duration::from_secs(2))]);
    h.keys("1");
    assert_eq!(view(&h), "[1]", "after a pause, a number of its own");
    h.keys("2");
    assert_eq!(view(&h), "[12]", "in a row, one number");
}

#[test]
fn hostile_text_and_links_never_reach_the_terminal_or_a_process() {
    let mut h = Harness::new(app_with(hostile_library(), TextOptions::default()), 100, 30);
    h.keys("ll");
    for keys in ["o", "jo", "jo", "<Enter>o", "y"] {
        h.keys(keys);
        let screen = h.text();
        assert!(
            !screen
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "control character on screen: {screen:?}"
        );
    }
    assert!(h.host.opened.is_empty(), "{:?}", h.host.opened);
    assert!(h.host.copied.is_empty(), "{:?}", h.host.copied);
    assert!(h.app.message().unwrap().text.contains("not an http(s) URL"));
}

/// A page whose address holds a quote (`wiki/Hilbert's_problems`) opens and copies as that
/// page, the quote percent-encoded; never another link of the story in its place.
#[test]
fn a_link_with_a_quote_opens_that_page_not_another() {
    let text = "## 技术前沿解读\n\n### 希尔伯特问题\n> **来源：** [维基](https://en.wikipedia.org/wiki/Hilbert's_problems)\n\n另见[图灵](https://en.wikipedia.org/wiki/Alan_Turing)。\n";
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-03-14.md"))
        .expect("parses");
    let library = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    let mut h = Harness::new(app_with(library, TextOptions::default()), 100, 30);
    h.keys("<Enter><Enter><Enter>oy");
    let page = "https://en.wikipedia.org/wiki/Hilbert%27s_problems";
    assert_eq!(h.host.opened, [page]);
    assert_eq!(h.host.copied, [page]);
}

/// A link too long to hand on is said to be so, with its length, by `o` as not opened and
/// by `y` as not copied; and an override in a link's address is sent encoded, not dropped
/// to make another address of it (tester T: `/\u{202e}txt.exe` opened `/txt.exe`).
#[test]
fn a_link_refused_says_why_and_what_was_not_done() {
    let long = format!("https://example.com/{}", "b".repeat(5000));
    let text = format!(
        "## 技术前沿解读\n\n### 长链接\n> **来源：** [源]({long})\n\n正文。\n\n### 反转\n> **来源：** [源](https://example.com/\u{202e}txt.exe)\n\n正文。\n"
    );
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-03-14.md"))
        .expect("parses");
    let library = support::library_of(Origin::Store(PathBuf::from("/store")), vec![digest]);
    let mut h = Harness::new(app_with(library, TextOptions::default()), 100, 30);
    h.keys("<Enter><Enter><Enter>o");
    let said = |h: &Harness| h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    let opened =
        "this story's link is 5020 bytes long, more than the 4096 a link may be; not opened";
    assert_eq!(said(&h), opened);
    h.keys("y");
    assert_eq!(said(&h), opened.replace("opened", "copied"));
    assert!(h.host.opened.is_empty() && h.host.copied.is_empty());
    h.keys("Jo");
    assert_eq!(h.host.opened, ["https://example.com/%E2%80%AEtxt.exe"]);
    // The article shows the address opened, not one with the override dropped (tester V).
    assert!(
        h.text().contains("🔗 https://example.com/%E2%80%AEtxt.e"),
        "{}",
        h.text()
    );
    // So do the links view's row and address (tester X), beside the article's.
    h.keys("L");
    let shown = h
        .text()
        .matches("https://example.com/%E2%80%AEtxt.exe")
        .count();
    assert_eq!(shown, 3, "{}", h.text());
}

/// A problem said again while it is still shown (a store read again) is said once, not
/// twice in a row (tester AB); another is said after it.
#[test]
fn a_problem_said_again_is_said_once() {
    let mut h = Harness::new(app(), 100, 30);
    h.app.show_problem("x.md skipped: it is empty", None);
    h.app.show_problem("x.md skipped: it is empty", None);
    assert_eq!(h.app.message().unwrap().text, "x.md skipped: it is empty");
    h.app.show_problem("y.md skipped: it is empty", None);
    assert_eq!(
        h.app.message().unwrap().text,
        "x.md skipped: it is empty · y.md skipped: it is empty"
    );
}

/// Below the minimum size, where only the notice to enlarge the terminal shows, keys do
/// nothing unseen (tester AL: `A A` at 10×3 marked 10,018 stories read); q still quits.
#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut untouched = Harness::new(app(), 120, 40);
    let mut h = Harness::new(app(), 10, 3);
    h.keys("<Enter><Enter>AAbj<Enter>");
    assert!(h.text().contains("≥ 20×6"), "{}", h.text());
    h.resize(120, 40);
    assert_eq!(h.text(), untouched.text());
    assert_eq!(
        events_left_after("jq", 10, 3),
        1,
        "q quits: the resize is never read"
    );
    // Reading a story, too (a review: it went back a level, unseen).
    let mut reading = Harness::new(app(), 120, 40);
    reading.keys("<Enter><Enter><Enter>");
    reading.resize(10, 3);
    assert_eq!(
        reading.app.update(ribao::tui::Action::Quit),
        Some(ribao::tui::Effect::Quit)
    );
}

#[test]
fn messages_fade_after_three_seconds() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("r"); // nothing selected in the date list
    assert!(
        h.text()
            .contains("act on a story: go to the stories first (l twice, or Enter twice)")
    );
    h.run([Event::Tick(Duration::from_millis(2500))]);
    assert!(
        h.text()
            .contains("act on a story: go to the stories first (l twice, or Enter twice)")
    );
    h.run([Event::Tick(Duration::from_millis(600))]);
    assert!(h.app.message().is_none());
    assert!(
        !h.text()
            .contains("act on a story: go to the stories first (l twice, or Enter twice)")
    );
    assert!(h.text().contains("j/k move"), "the hints come back");
}

#[test]
fn a_note_about_one_key_goes_with_the_next_key_and_errors_stay() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("G[");
    assert!(h.text().contains("already at the oldest date"));
    h.keys("]");
    assert!(
        !h.text().contains("already at the oldest date"),
        "{}",
        h.text()
    );
    // Nothing selected in the date list: said, and gone with the next key, which moves on.
    h.keys("r");
    assert!(
        h.text()
            .contains("act on a story: go to the stories first (l twice, or Enter twice)"),
        "{}",
        h.text()
    );
    h.keys("<Enter>");
    assert!(
        !h.text()
            .contains("act on a story: go to the stories first (l twice, or Enter twice)"),
        "{}",
        h.text()
    );
    // A problem stays its time, then goes with the next key, however late it comes.
    h.app
        .show_problem("cannot save state to /x: disk full", None);
    h.keys("j");
    assert!(h.text().contains("disk full"), "{}", h.text());
    h.run([Event::Tick(Duration::from_secs(60))]);
    assert!(h.text().contains("disk full"), "{}", h.text());
    h.keys("k");
    assert!(!h.text().contains("disk full"), "{}", h.text());
}

#[test]
fn file_problems_are_announced_once() {
    let store = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    let library = Library::load_dir(
        &store,
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    assert_eq!(library.problems.len(), 2);
    let mut h = Harness::new(app_with(library, TextOptions::default()), 120, 40);
    assert!(
        h.text()
            .contains("misc/binary.txt, misc/empty.md skipped — `ribao check` says why"),
        "{}",
        h.text()
    );
    // Said until the next key, however long the screen is left (tester AK: gone after 6 s,
    // unseen by whoever looked later).
    h.run([Event::Tick(Duration::from_secs(60))]);
    assert!(h.text().contains("skipped"));
    h.keys("j");
    assert!(!h.text().contains("skipped"));
}

#[test]
fn resize_bursts_are_drawn_once() {
    let (app, _) = run_until_stopped(90, 30, (0..50).map(|i| Event::Resize(60 + i, 30)));
    assert_eq!(
        app.frames(),
        2,
        "the first frame, then one for the whole burst"
    );
}

#[test]
fn the_last_opened_story_is_open_again_on_start() {
    let library = library();
    let id = library
        .item(library.digests()[2].items.start)
        .id
        .to_string();
    let state = ribao::state::State {
        position: Some(ribao::state::Position {
            item: Some(id.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let app = App::new(library, TextOptions::default(), Session::in_memory(state));
    assert_eq!(app.focus(), Pane::Article);
    assert_eq!(app.selected_item().unwrap().1.id, id);
}

#[test]
fn empty_library_is_usable() {
    let library = support::library_of(
        Origin::Samples {
            store: PathBuf::from("/home/reader/digests"),
        },
        Vec::new(),
    );
    let mut h = Harness::new(app_with(library, TextOptions::default()), 120, 30);
    h.keys("jk<Enter><Enter><Enter>rjoy[]c?<Esc>G");
    let screen = h.text();
    assert!(screen.contains("没有日报 / no digests"));
    assert!(screen.contains("还没有新闻 / no stories yet"), "{screen}");
    // Where to put them, the folder named (tester AI: only "no digests").
    h.keys("<Esc><Esc><Esc>");
    let unframed = common::unframed(&h.text());
    // The folder whole on its row, not broken at a `/`.
    assert!(
        unframed.contains("(.md,.markdown,.txt,inanysub-folders)in")
            && unframed.contains("/home/reader/digests:theyshowupinamoment"),
        "{unframed}"
    );
    assert!(!screen.contains("in this digest"), "{screen}");
    assert!(screen.contains("built-in samples — put digests in /home/reader/digests"));
    // Nothing to read is not all read: no ✓ beside a count of none (tester Y).
    assert!(!screen.contains('✓'), "{screen}");
    // The bookmarks view with nothing in it says why d does nothing.
    h.keys("Bd");
    assert!(
        h.text().contains("no bookmark to remove here"),
        "{}",
        h.text()
    );
    h.keys("<Esc>");
    h.resize(60, 20);
    h.keys("<Enter><Enter>l");
}

#[test]
fn samples_say_where_digests_go() {
    let mut library = library();
    library.origin = Origin::Samples {
        store: PathBuf::from("/home/reader/.local/share/ribao/digests"),
    };
    let mut h = Harness::new(app_with(library, TextOptions::default()), 130, 30);
    assert!(h.text().contains(
        "★ 0 · built-in samples — put digests in /home/reader/.local/share/ribao/digests"
    ));
    // Narrower, the words that fit whole, never a word cut (`built-in sampl…`); one pane at
    // a time, after the unread count, which no pane shows then; narrower still, `samples`
    // in the category's place (tester P: nothing said they were the samples).
    for (width, said) in [
        (80, "★ 0 · built-in samples "),
        (69, "8 unread         ★ 0 · samples "),
        (66, "8 unread      ★ 0 · samples "),
        (56, "8 stories, 8 unread         ★ 0 · samples "),
    ] {
        h.resize(width, 24);
        let rows = h.rows();
        assert!(
            rows[rows.len() - 2].ends_with(said) && !rows[rows.len() - 2].contains('…'),
            "{rows:#?}"
        );
    }
    // Where the status bar has no room for it, the help says it (tester G, at 100×30).
    h.resize(100, 30);
    h.keys("?");
    // Every screenful on the way down, its rows joined (the panes beside the popup may come
    // between them).
    let mut help = String::new();
    for _ in 0..40 {
        help += &common::unframed(&h.rows().join("\n"));
        h.keys("j");
    }
    for part in [
        "Putyourdigestsin",
        "/home/reader/.local/share/ribao/digests,orrunribao--storeDIR(.md,.markdown,.txtfiles,inanysub-folders).",
    ] {
        assert!(help.contains(part), "{part}: {help}");
    }
    // At start, in the status bar until a key, its folder in sight at 60 columns too
    // (tester CQ: the note was cut off before it).
    h.keys("<Esc>");
    h.resize(60, 20);
    h.app.say_where_digests_go();
    let bar = common::unframed(&h.rows()[18..].join(""));
    assert!(
        bar.contains("Putyourdigestsin/home/reader/.local/share/ribao/digests"),
        "{bar}"
    );
    // At 80, the other way too (tester DA: cut off before `--store`).
    h.resize(80, 24);
    h.app.say_where_digests_go();
    let bar = common::unframed(&h.rows()[22..].join(""));
    assert!(bar.contains("orrunribao--storeDIR"), "{bar}");
}

#[test]
fn every_size_renders_without_panic() {
    let states: [(&str, TextOptions); 4] = [
        ("cjj<Enter>", TextOptions::default()),
        ("<Enter><Enter><Enter>G", TextOptions::default()),
        ("?", TextOptions::default()),
        (
            "<Enter><Enter><Enter>G",
            TextOptions {
                ambiguous_wide: true,
                whole_urls: false,
            },
        ),
    ];
    for (keys, opts) in states {
        let mut h = Harness::new(app_with(library(), opts), 100, 30);
        h.keys(keys);
        for width in 1..=130u16 {
            for height in 1..=45u16 {
                h.terminal.backend_mut().resize(width, height);
                h.terminal
                    .draw(|frame| ribao::tui::ui::draw(frame, &mut h.app))
                    .unwrap_or_else(|e| panic!("{width}×{height} after {keys:?}: {e}"));
                assert!(h.app.scroll() <= h.app.max_scroll());
            }
        }
    }
}

#[test]
fn too_small_terminal_says_what_is_needed() {
    let mut h = Harness::new(app(), 19, 6);
    let words = h.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("enlarge the terminal (need ≥ 20×6, now 19×6)"),
        "{words}"
    );
    h.resize(20, 6);
    assert!(!h.text().contains("enlarge"));
    h.resize(40, 5);
    assert!(h.text().contains("enlarge"));
    // Too small for the sentence: that it is too small, and the size needed (tester DS: at
    // 12×4 the size alone), else the size alone.
    h.resize(12, 4);
    let words = h.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("too small: need ≥ 20×6"), "{words}");
    h.resize(10, 1);
    assert!(h.text().contains("≥ 20×6"), "{}", h.text());
}

#[test]
fn a_message_longer_than_the_row_takes_both_status_rows() {
    let mut h = Harness::new(app(), 80, 20);
    h.app.show_problem(
        "state file /home/someone/.local/share/ribao/state.json could not be used as it was; \
         its content is kept unchanged in state.json.broken-20261123",
        None,
    );
    let rows = h.rows();
    let (first, second) = (&rows[rows.len() - 2], &rows[rows.len() - 1]);
    assert!(first.starts_with(" state file /home/someone"), "{rows:#?}");
    assert!(second.contains("state.json.broken-20261123"), "{rows:#?}");
    // Gone with a key once it has been read: the scope and the key hints are back.
    h.run([Event::Tick(Duration::from_secs(4))]);
    h.keys("j");
    let rows = h.rows();
    assert!(rows[rows.len() - 1].contains("j/k move"), "{rows:#?}");
}

#[test]
fn a_long_store_path_is_cut_from_the_left_and_the_bookmark_count_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp
        .path()
        .join("a-rather-long-folder-name-for-digests/of-several-publications/store");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::write(store.join("2026-03-02.md"), ribao::samples::SAMPLES[0].1).unwrap();
    for width in [70, 90, 120] {
        let library = Library::load_dir(
            &store,
            None,
            &ribao::categories::Categorizer::builtin(),
            &mut |_| {},
        );
        let mut h = Harness::new(app_with(library, TextOptions::default()), width, 30);
        let text = h.text();
        let row = text.lines().rev().nth(1).unwrap();
        assert!(row.contains("★ 0 · …"), "{width}: {row}");
        assert!(row.trim_end().ends_with("/store"), "{width}: {row}");
    }
}

#[test]
fn a_resize_keeps_the_place_in_the_article_not_the_row_number() {
    // The longest story, in a short terminal.
    let mut h = Harness::new(app(), 120, 10);
    h.keys("<Enter><Enter>jjj<Enter>");
    let wide_end = h.app.max_scroll();
    let down = wide_end / 2;
    h.keys(&"j".repeat(down));
    assert_eq!(h.app.scroll(), down, "scrolled half way");
    // Wider, the story takes fewer rows: the same place is fewer rows down, still half way
    // (give or take the pane's height, which the rows past the end do not count).
    h.resize(200, 10);
    let other_end = h.app.max_scroll();
    assert!(other_end < wide_end, "{other_end} vs {wide_end}");
    let scroll = h.app.scroll();
    assert!(
        scroll.abs_diff(other_end / 2) <= 3,
        "{scroll} rows down of {other_end}; was {down} of {wide_end}"
    );
    // Through a size too small to show it, and back: where it was.
    h.resize(10, 4);
    h.resize(120, 10);
    assert_eq!(h.app.scroll(), down);
    // And back and forth again: it does not creep.
    for _ in 0..3 {
        h.resize(200, 10);
        h.resize(73, 10);
        h.resize(120, 10);
    }
    assert_eq!(h.app.scroll(), down);
    // Through a size where the whole story fits (nothing to scroll), and back.
    h.resize(200, 100);
    assert_eq!(h.app.max_scroll(), 0);
    h.resize(120, 10);
    assert_eq!(h.app.scroll(), down);
}

/// While the stories have the keyboard the article pane previews the highlighted story once
/// one was open or the highlight moved, from its top and not marked read; back on the story
/// open, it is where it was left, and Enter (or moving into the article) opens the one
/// previewed, read (tester AK: at 100×30 a title showed 11 Chinese characters, and the pane
/// beside went on showing another story).
#[test]
fn the_article_pane_previews_the_highlighted_story() {
    // The longest story, in a short terminal.
    let mut h = Harness::new(app(), 120, 10);
    h.keys("<Enter><Enter>jjj<Enter>");
    h.keys("jjj<Esc>");
    let (first, left_at) = (h.app.opened().unwrap().1.id.to_string(), h.app.scroll());
    assert!(left_at > 0);
    assert_eq!(h.app.focus(), Pane::Items);
    assert!(h.rows()[0].contains("文章 Article ─"), "{}", h.rows()[0]);
    h.keys("j");
    let (_, next) = h.app.selected_item().unwrap();
    let (id, title) = (next.id.to_string(), next.title.to_string());
    let rows = h.rows();
    assert!(rows[0].contains("预览 Preview ─"), "{}", rows[0]);
    let head: String = title.chars().take(8).collect();
    assert!(
        rows[1].contains(&head),
        "{head:?} not atop the preview:\n{}",
        rows.join("\n")
    );
    assert!(
        !h.app.is_read(&h.app.selected_item().unwrap().1),
        "previewed, not read"
    );
    assert_eq!(
        h.app.opened().unwrap().1.id,
        first,
        "the story open stays open"
    );
    // Back on the story open: the article, where it was left.
    h.keys("k");
    assert!(h.rows()[0].contains("文章 Article ─"), "{}", h.rows()[0]);
    assert_eq!(h.app.scroll(), left_at);
    // J reads on from the story previewed, not the one open (tester AN: it went back).
    h.keys("jJ");
    assert_eq!(h.app.focus(), Pane::Article);
    let after = h.app.opened().unwrap().1.id.to_string();
    h.keys("<Esc>k");
    assert_eq!(h.app.selected_item().unwrap().1.id, id);
    assert_eq!(
        h.app
            .items()
            .get(h.app.item_index() + 1)
            .map(|&r| h.app.item_at(r).1.id.to_string()),
        Some(after)
    );
    h.keys("<Enter>");
    assert_eq!(h.app.focus(), Pane::Article);
    assert_eq!(h.app.opened().unwrap().1.id, id);
    assert!(h.app.is_read(&h.app.opened().unwrap().1));
    assert!(h.rows()[0].contains("文章 Article ━"), "{}", h.rows()[0]);
    // Back out and into the stories again, the highlighted one is previewed at once (testers
    // AZ, BA, BE: the front pages stayed beside it until the highlight moved), and moving
    // into the article opens it; `i` has the front pages read instead, Esc the stories back.
    h.keys("<Esc><Esc><Enter>");
    assert!(h.app.opened().is_none());
    assert!(h.rows()[0].contains("预览 Preview"), "{}", h.rows()[0]);
    h.keys("i");
    assert_eq!(h.app.focus(), Pane::Article);
    assert!(h.rows()[0].contains("概览 Overview ━"), "{}", h.rows()[0]);
    h.keys("<Esc>j");
    assert!(h.app.opened().is_none());
    assert!(h.rows()[0].contains("预览 Preview"), "{}", h.rows()[0]);
    h.keys("<Tab>");
    assert_eq!(h.app.focus(), Pane::Article);
    let highlighted = h.app.selected_item().unwrap().1.id.to_string();
    assert_eq!(h.app.opened().unwrap().1.id, highlighted);
}

/// The first row of text of the pane on the right, less its borders and margin.
fn article_top(rows: &[String]) -> String {
    let row = rows[1].rsplit(['│', '┃']).nth(1).unwrap_or_default();
    row.trim().to_string()
}

/// Leaving the article for the stories (where it is narrower) and opening it again keeps
/// the words at its top, not a row up (tester AP).
#[test]
fn the_story_left_and_opened_again_is_where_it_was() {
    // Rows down the longest story: the narrower layout's row starts before the place at
    // some of them.
    for down in 1..12 {
        let mut h = Harness::new(app(), 120, 10);
        h.keys("<Enter><Enter>jjj<Enter>");
        h.keys(&"j".repeat(down));
        let top = article_top(&h.rows());
        h.keys("<Esc>");
        h.text();
        h.keys("<Enter>");
        assert_eq!(article_top(&h.rows()), top, "{down} rows down");
    }
}

/// A story left part-way is previewed where it was left, as Enter then opens it (tester
/// AO: the preview showed its top, then Enter its middle); `k` on the first story moves
/// nothing, and it stays previewed.
#[test]
fn a_story_left_part_way_is_previewed_where_it_was_left() {
    let mut h = Harness::new(app(), 120, 10);
    h.keys("<Enter><Enter>k");
    assert_eq!(h.app.item_index(), 0);
    assert!(h.rows()[0].contains("预览 Preview"), "{}", h.rows()[0]);
    h.keys("jjj<Enter>");
    h.keys("jjjj");
    h.keys("<Esc>j<Enter><Esc>k");
    let previewed = h.rows();
    assert!(
        previewed[0].contains("预览 Preview · where it was left"),
        "{}",
        previewed[0]
    );
    let shown = article_top(&previewed);
    // (The article opened is wider: the same words start its first row.)
    h.keys("<Enter>");
    let opened = article_top(&h.rows());
    assert!(
        !shown.is_empty() && opened.starts_with(&shown),
        "opened at {opened:?}, previewed at {shown:?}"
    );
}

/// However narrow the terminal, the hint line keeps the way back and `? help`, dropping the
/// other hints from its end instead: a small terminal still shows how to leave a view.
#[test]
fn the_hint_line_keeps_back_and_help_at_any_width() {
    let mut h = Harness::new(app(), 60, 20);
    let hints = |h: &mut Harness| h.rows().last().unwrap().trim_end().to_string();
    assert!(hints(&mut h).ends_with("? help"), "{}", hints(&mut h));
    h.resize(40, 12);
    h.keys("<Enter><Enter><Enter>");
    let line = hints(&mut h);
    assert!(
        line.starts_with(" j/k scroll") && line.contains("Esc back") && line.ends_with("? help"),
        "{line}"
    );
}

/// A store path cut to fit the status bar starts at a whole folder name (`…/shared/corpus`,
/// not `…ork/shared/corpus`), at any width.
#[test]
fn a_cut_store_path_starts_at_a_folder() {
    let mut library = library();
    library.origin = Origin::Store(PathBuf::from("/srv/archives/work/shared/corpus"));
    let mut h = Harness::new(app_with(library, TextOptions::default()), 60, 20);
    let mut cut = 0;
    for width in 50..=120 {
        h.resize(width, 20);
        let rows = h.rows();
        let status = &rows[rows.len() - 2];
        if let Some((_, path)) = status.split_once('…') {
            assert!(path.starts_with('/'), "{width}: {status}");
            cut += 1;
        }
    }
    assert!(cut > 5, "the path was cut at {cut} widths");
}

/// A letter that is no key says so and where the keys are listed, rather than nothing
/// happening; a key that is one does its work.
#[test]
fn a_letter_that_is_no_key_says_so() {
    let mut h = Harness::new(app(), 100, 30);
    h.keys("x");
    assert_eq!(
        h.app.message().map(|m| m.text.as_str()),
        Some("x is no key here — ? lists the keys")
    );
    h.keys("j");
    assert!(h.app.message().is_none());
    // Over the help, the file or the links, `?` lists nothing: what closes it is said
    // (tester K).
    for (open, said) in [
        ("?", "x is no key here — Esc closes the help"),
        ("cjj<Enter>L", "x is no key here — Esc closes the links"),
    ] {
        let mut h = Harness::new(app(), 100, 30);
        h.keys(open);
        h.keys("x");
        assert_eq!(
            h.app.message().map(|m| m.text.as_str()),
            Some(said),
            "{open}"
        );
    }
    let (_tmp, mut h) = reader_on_one_file("# 日报 2026-03-02\n\n1. 一条新闻的内容写在这里。\n");
    h.keys("vx");
    assert!(h.app.file_view().is_some());
    assert_eq!(
        h.app.message().map(|m| m.text.as_str()),
        Some("x is no key here — v, Esc or q closes the file")
    );
    // The help opens over it, and closes back to it (tester BY: refused).
    h.keys("?");
    assert!(h.app.help_scroll().is_some() && h.app.file_view().is_some());
    h.keys("<Esc>");
    assert!(h.app.help_scroll().is_none() && h.app.file_view().is_some());
}

/// A key that would go before the first pane or past the last says so (tester DA: `h` in
/// the dates, `l` and Enter in the article did nothing, unsaid); over the front pages in the
/// article, a key that acts on a story says the way back to the stories (tester DA: it
/// said `l or Enter`, which do nothing there).
#[test]
fn keys_past_the_first_or_last_pane_say_so() {
    let mut h = Harness::new(app(), 100, 30);
    let said = |h: &Harness| h.app.message().map(|m| m.text.clone());
    h.keys("h");
    assert_eq!(h.app.focus(), Pane::Dates);
    let first = "the dates are the first level: q quits";
    assert_eq!(said(&h).as_deref(), Some(first));
    h.keys("<Enter><Enter><Enter>");
    assert!(h.app.opened().is_some());
    for key in ["l", "<Enter>"] {
        h.keys(key);
        assert_eq!(h.app.focus(), Pane::Article);
        assert_eq!(
            said(&h).as_deref(),
            Some("the article is the last level: o opens its link, h or Esc goes back"),
            "{key}"
        );
    }
    h.keys("i");
    h.keys("o");
    assert_eq!(
        said(&h).as_deref(),
        Some("r, b, o, y and L act on a story: go to the stories (h) first")
    );
    h.keys("l");
    assert_eq!(
        said(&h).as_deref(),
        Some("the front pages are the last level: h or Esc goes back")
    );
    h.keys("h");
    assert_eq!(h.app.focus(), Pane::Items);
}

/// The file view at its end stays at its end through a resize and back (tester AQ: it came
/// back rows short of it).
#[test]
fn the_file_view_at_its_end_stays_there_through_a_resize() {
    let line = "1. 一条新闻的内容写在这里，是很长的一行文字，窄的时候要折成好几行显示。\n";
    let text = format!("# 日报 2026-03-02\n\n{}", line.repeat(40));
    let (_tmp, mut h) = reader_on_one_file(&text);
    h.resize(28, 60);
    h.keys("v");
    h.keys("G");
    let end = h.text();
    for width in [29, 33, 28] {
        h.resize(width, 60);
    }
    assert_eq!(h.text(), end);
}

/// Any other key bound to nothing is named as the help writes keys, with its modifiers;
/// Shift and a modifier key alone say nothing.
#[test]
fn a_key_bound_to_nothing_is_named() {
    for (keys, name) in [
        ("<C-x>", "Ctrl-x"),
        ("<F5>", "F5"),
        ("<Del>", "Delete"),
        ("<S-Down>", "Shift-↓"),
    ] {
        let mut h = Harness::new(app(), 100, 30);
        h.keys(keys);
        let said = format!("{name} is no key here — ? lists the keys");
        assert_eq!(
            h.app.message().map(|m| m.text.as_str()),
            Some(said.as_str())
        );
    }
    let mut h = Harness::new(app(), 100, 30);
    h.run([Event::Key(KeyEvent::new(
        KeyCode::Modifier(crossterm::event::ModifierKeyCode::LeftShift),
        KeyModifiers::SHIFT,
    ))]);
    assert!(h.app.message().is_none());
}

/// Ctrl-n / Ctrl-p move as ↓ / ↑, Ctrl-f / Ctrl-b page as PgDn / PgUp (Emacs's and less's
/// keys), Backspace goes back as Esc, and a key with Alt is Esc and the key: each leaves
/// the screen as its twin does.
#[test]
fn emacs_and_less_keys_and_backspace_do_what_their_twins_do() {
    let screen = |keys: &str| {
        let mut h = Harness::new(app(), 100, 30);
        h.keys(keys);
        h.text()
    };
    // The keys, their twins', and where they were pressed.
    for (keys, twin, before) in [
        ("<C-n><C-n>", "<Down><Down>", "cjj"),
        ("<C-p>", "<Up>", "cjj<Down><Down>"),
        ("<C-f><C-f>", "<PgDn><PgDn>", "cjj<Enter>"),
        ("<C-b>", "<PgUp>", "cjj<Enter><PgDn><PgDn>"),
        ("<BS>", "<Esc>", "cjj<Enter>"),
        // Esc and a key typed right after it come from a terminal as that key with Alt
        // (tester W: `Alt-h is no key here`, the Esc lost).
        ("<A-j>", "<Esc>j", "cjj<Enter>"),
        ("<A-h>", "<Esc>h", "cjj<Enter>"),
    ] {
        let after = screen(&format!("{before}{keys}"));
        assert_eq!(after, screen(&format!("{before}{twin}")), "{keys}");
        assert_ne!(after, screen(before), "{keys} did nothing");
    }
}

/// The reader at 120×30 over a store of one digest, `2026-03-02.md` holding `text` (the
/// folder lives as long as the first value).
fn reader_on_one_file(text: &str) -> (tempfile::TempDir, Harness) {
    reader_on_files(&[("2026-03-02.md", text)])
}

/// The reader at 120×30 over a store of `files` (name, text).
fn reader_on_files(files: &[(&str, &str)]) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    for (name, text) in files {
        std::fs::write(store.join(name), text).unwrap();
    }
    let library = Library::load_dir(
        &store,
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    let h = Harness::new(app_with(library, TextOptions::default()), 120, 30);
    (tmp, h)
}

/// A file named with a bidi override and a line break is shown in the file view's title
/// without them: they would reach the terminal (tester AL). They are written out, as the
/// commands name files: left out, the name was of no file (tester CK).
#[test]
fn v_names_a_file_without_what_would_drive_the_terminal() {
    let (_tmp, mut h) = reader_on_files(&[(
        "new\nline\u{202e}dm.md",
        "# 日报 2026-03-01\n\n### 1. 第一条\n正文。\n",
    )]);
    h.keys("<Enter><Enter><Enter>v");
    assert!(h.text().contains("文件 File · "), "{}", h.text());
    assert!(
        h.text().contains(r"new\u{a}line\u{202e}dm.md"),
        "{}",
        h.text()
    );
    let buf = h.buffer();
    let driving = |c: char| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c);
    assert!(
        !buf.content
            .iter()
            .any(|cell| cell.symbol().chars().any(driving)),
        "{}",
        h.text()
    );
}

/// `v` shows the digest's file as written, numbered, what no story holds included (a
/// section the parser leaves out, here an audio edition); it scrolls, and Esc leaves the
/// reader as it was.
#[test]
fn v_shows_the_digest_file_whole_and_esc_goes_back() {
    let news: String = (1..=30)
        .map(|n| format!("{n}. [第{n}条新闻](https://example.com/{n})：内容。\n"))
        .collect();
    let (_tmp, mut h) = reader_on_one_file(&format!(
        "# 日报 2026-03-02\n\n## 新闻\n\n{news}\n## 语音版\n\n收听今天的音频：小宇宙。\n"
    ));
    h.keys("<Tab><Tab>j<Enter>");
    let before = h.text();
    assert!(
        !before.contains("收听今天的音频"),
        "no story holds it:\n{before}"
    );

    // It opens at the story's line, and g goes to the file's first.
    h.keys("v");
    let shown = h.text();
    assert!(shown.contains("文件 File · 2026-03-02.md"), "{shown}");
    // The first row of the file: the one under its box's title.
    let top = |screen: &str| {
        let mut rows = screen.lines().skip_while(|l| !l.contains("文件 File"));
        rows.nth(1).unwrap_or_default().to_string()
    };
    assert!(top(&shown).contains(" 6 2. [第2条新闻]"), "{shown}");
    // Narrower, its lines wrap to more rows: the same line stays at the top.
    h.resize(60, 20);
    let narrow = h.text();
    assert!(top(&narrow).contains(" 6 2. [第2"), "{narrow}");
    // Narrower still, the title's words give way to the file's name (tester A).
    for (width, title) in [(40, "文件 File · 2026-03-02.md"), (24, "2026-03-02.md")] {
        h.resize(width, 12);
        let screen = h.text();
        assert!(screen.contains(title), "{width}: {screen}");
    }
    h.resize(120, 30);
    h.keys("g");
    assert!(h.text().contains(" 1 # 日报 2026-03-02"), "{}", h.text());
    h.keys("G");
    let end = h.text();
    assert!(end.contains("收听今天的音频：小宇宙。"), "{end}");
    assert!(end.contains("## 语音版"), "as written:\n{end}");
    // Other keys wait for the file to be closed.
    h.keys("B");
    assert!(h.text().contains("v, Esc or q closes the file first"));
    h.keys("<Esc>");
    assert_eq!(h.text(), before);
}

/// A story with no link, its own or in its text, is not hinted `o open link` or `L links`
/// (`o` only said it had none; tester Y); the next story, with one, is.
#[test]
fn a_story_without_a_link_is_not_hinted_o_or_l() {
    let (_tmp, mut h) = reader_on_one_file(
        "# 日报 2026-03-02\n\n## 新闻\n\n### 1. 没有链接的新闻\n\n正文。\n\n\
         ### 2. 有链接的新闻\n\n[原文](https://example.com/a)：正文。\n",
    );
    let bar = |h: &mut Harness| h.rows().last().unwrap().clone();
    h.keys("J");
    assert_eq!(h.app.opened().unwrap().1.title, "没有链接的新闻");
    let none = bar(&mut h);
    assert!(
        !none.contains("open link") && !none.contains("links"),
        "{none}"
    );
    h.keys("J");
    let some = bar(&mut h);
    assert!(
        some.contains("o open link") && some.contains("L links"),
        "{some}"
    );
    // So are the stories, as each previewed beside them has one or none (tester CQ).
    h.keys("<Esc>");
    assert_eq!(h.app.focus(), ribao::tui::Pane::Items);
    assert!(bar(&mut h).contains("o open link"), "{}", bar(&mut h));
    h.keys("k");
    assert!(!bar(&mut h).contains("open link"), "{}", bar(&mut h));
    // A search's result read likewise (tester DJ: it was hinted always).
    h.keys("/");
    h.search_for("新闻");
    h.keys("<Enter>");
    let selected = |h: &Harness| {
        let view = h.app.search_view().unwrap();
        h.app
            .item_at(view.selected_hit().unwrap())
            .1
            .title
            .to_string()
    };
    if selected(&h) != "没有链接的新闻" {
        h.keys("j");
    }
    h.keys("<Enter>");
    assert_eq!(selected(&h), "没有链接的新闻");
    let none = bar(&mut h);
    assert!(
        !none.contains("open link") && !none.contains("links"),
        "{none}"
    );
}

/// One pane at a time, a category chosen stays in the breadcrumb while a story is read,
/// though the title is cut for it: it narrows the stories `J` reads on through (tester DD:
/// left out for the title, nothing said the list was narrowed).
#[test]
fn a_narrow_breadcrumb_keeps_the_category_chosen_while_a_story_is_read() {
    let mut h = Harness::new(app(), 40, 14);
    h.keys("<Enter>j<Enter><Enter>");
    assert_eq!(h.app.focus(), Pane::Article);
    assert_ne!(*h.app.category(), CategoryFilter::All);
    let chosen = h.app.category().describe();
    let short = chosen
        .split_once(" / ")
        .map_or(chosen.as_str(), |(zh, _)| zh);
    let crumb = h.rows()[0].clone();
    assert!(crumb.contains(&format!(" › {short} › ")), "{crumb}");
}

/// `v` over a date's front pages shows the file of the one at the top of the article pane,
/// not always the first digest's.
#[test]
fn v_over_the_front_pages_shows_the_file_of_the_one_in_sight() {
    let page = |name: &str| {
        let summary = "今天的要点。\n\n".repeat(40);
        format!(
            "# {name} 2026-03-02\n\n## 摘要\n\n{summary}## 新闻\n\n1. [一条新闻](https://example.com/{name})：内容。\n"
        )
    };
    let (first, second) = (page("甲报"), page("乙报"));
    let (_tmp, mut h) = reader_on_files(&[("a.md", &first), ("b.md", &second)]);
    let shown_file = |h: &mut Harness| {
        h.keys("v");
        let name = h.app.file_view().expect("the file is shown").name.clone();
        h.keys("<Esc>");
        name
    };
    // The article pane at its top, then at its end: the other digest's page.
    h.keys("i");
    let top = shown_file(&mut h);
    let title = if top == "a.md" { "甲报" } else { "乙报" };
    let pane = h.text();
    assert!(pane.contains(&format!("{title} 2026-03-02")), "{pane}");
    h.keys("G");
    assert_ne!(shown_file(&mut h), top);
    // A blank row at the top, the next page's title under it: that page is in sight, the
    // one before scrolled away (tester DD: `v` opened the file scrolled away).
    let next = if top == "a.md" {
        ("b.md", "乙报")
    } else {
        ("a.md", "甲报")
    };
    h.keys("g");
    let blank_over_title = |h: &mut Harness| {
        let rows = h.rows();
        let pane = |row: &String| row.split('┃').nth(1).unwrap_or("").trim().to_string();
        pane(&rows[1]).is_empty() && rows[2..4].iter().any(|r| pane(r).contains(next.1))
    };
    for _ in 0..200 {
        if blank_over_title(&mut h) {
            break;
        }
        h.keys("j");
    }
    assert!(blank_over_title(&mut h), "{}", h.text());
    assert_eq!(shown_file(&mut h), next.0);
}

/// `v` on a story whose link is a few lines under its heading opens at the heading: the
/// story's first line (it opened at the link's, the heading out of sight; tester G).
#[test]
fn v_opens_at_the_storys_heading_above_its_link() {
    // The sixth story has no link: its title's words find it, after the front matter,
    // whose description repeats them (it opened there: tester K), though its line bolds
    // some of them (it opened at the file's top: tester W).
    let news: String = (1..=12)
        .map(|n| {
            let (link, company) = match n {
                6 => (String::new(), "**公司**"),
                _ => (format!("[原文](https://example.com/{n})\n\n"), "公司"),
            };
            format!(
                "### {n}. 第{n}家{company}发布新模型\n\n> 📰 **TechCrunch AI** | ⭐ 8/10\n\n\
                 {link}内容{n}。\n\n"
            )
        })
        .collect();
    let (_tmp, mut h) = reader_on_one_file(&format!(
        "---\ntitle: 日报\ndescription: 第6家公司发布新模型，还有更多\n---\n\n\
         # 日报 2026-03-02\n\n## 新闻\n\n{news}"
    ));
    let top = |h: &mut Harness| {
        let shown = h.text();
        let top = shown
            .lines()
            .skip_while(|l| !l.contains("文件 File"))
            .nth(1);
        (top.unwrap_or_default().to_string(), shown)
    };
    h.keys("<Tab><Tab>jjjj<Enter>v");
    let (row, shown) = top(&mut h);
    assert!(row.contains("### 5. 第5家公司发布新模型"), "{shown}");
    h.keys("<Esc><Esc>j<Enter>v");
    let (row, shown) = top(&mut h);
    assert!(row.contains("### 6. 第6家**公司**发布新模型"), "{shown}");
}

/// A story opened again opens where it was left, not at its title: after Esc and Enter on
/// it, and after reading another story between.
#[test]
fn a_story_opened_again_opens_where_it_was_left() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("cjj<Enter><Enter>jjjj");
    let (scrolled, story) = (h.app.scroll(), titles_open(&h));
    assert!(scrolled > 0);
    h.keys("<Esc><Enter>");
    assert_eq!((h.app.scroll(), titles_open(&h)), (scrolled, story.clone()));
    h.keys("<Esc>j<Enter>");
    assert_eq!(h.app.scroll(), 0, "another story opens at its title");
    h.keys("<Esc>k<Enter>");
    assert_eq!((h.app.scroll(), titles_open(&h)), (scrolled, story));
}

fn titles_open(h: &Harness) -> Option<String> {
    h.app.opened().map(|(_, item)| item.title.to_string())
}

/// Too narrow for the scope's words, the category's name gives way, not the count after it
/// (tester Q: `… · 3… ★ 0`); one pane at a time, where the path above names it, it is left
/// out rather than cut (tester A: `全部 /…`); then the date's year goes, not the unread
/// count.
#[test]
fn a_narrow_status_bar_cuts_the_category_not_the_count() {
    for (width, said) in [
        (40, "2026-01-20 · 8 stories, 8 unread"),
        (38, "01-20 · 8 stories, 8 unread"),
    ] {
        let mut h = Harness::new(app(), width, 24);
        let rows = h.rows();
        let status = &rows[rows.len() - 2];
        assert!(
            status.starts_with(&format!(" {said} ")) && !status.contains('…'),
            "{width}: {status:?}"
        );
    }
}

/// One pane at a time, nothing else shows how many stories are unread: the status bar
/// does, before the store's path (at 55 columns, without it).
#[test]
fn the_status_bar_counts_the_unread_stories_one_pane_at_a_time() {
    // At 40, the category's name gives way first (tester A: the count went, `全部 /…` stayed).
    for width in [69, 55, 40] {
        let mut h = Harness::new(app(), width, 24);
        let rows = h.rows();
        assert!(
            rows[rows.len() - 2].contains("8 stories, 8 unread"),
            "{rows:#?}"
        );
        h.keys("<Enter><Enter><Enter>");
        let rows = h.rows();
        assert!(
            rows[rows.len() - 2].contains("8 stories, 7 unread"),
            "{rows:#?}"
        );
    }
}

/// Beside panes of counts the status bar says the unread count too where the store's path
/// leaves room for it: a short path keeps only its own width, not the long one's.
#[test]
fn the_status_bar_counts_the_unread_stories_where_a_short_path_leaves_room() {
    for width in [75, 79] {
        let mut h = Harness::new(app(), width, 24);
        let rows = h.rows();
        let status = &rows[rows.len() - 2];
        assert!(
            status.contains("8 stories, 8 unread")
                && status.ends_with("★ 0 · /home/reader/digests "),
            "{rows:#?}"
        );
    }
}

/// A category chosen, and followed to a date that lacks it (which shows them all), is still
/// followed after a restart there: `[` shows it again at the next date that has it, as
/// before (tester AR: the saved position said all categories, and `[` showed all).
#[test]
fn the_category_followed_is_followed_after_a_restart() {
    let files = [
        (
            "2026-03-03.md",
            day(&[("市场", &["甲"]), ("政策", &["丙"])]),
        ),
        ("2026-03-02.md", day(&[("政策", &["丁"])])),
        (
            "2026-03-01.md",
            day(&[("政策", &["己"]), ("市场", &["戊"])]),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (tmp, mut h) = reader_on_files(&files);
    h.keys("<Enter>");
    while h.app.category().describe() != "市场" {
        h.keys("j");
    }
    h.keys("[");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    let state = ribao::state::State {
        position: Some(h.app.position()),
        ..Default::default()
    };
    let library = Library::load_dir(
        &tmp.path().join("store"),
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    let session = Session::in_memory(state);
    let mut again = Harness::new(App::new(library, TextOptions::default(), session), 120, 30);
    assert_eq!(again.app.category(), &CategoryFilter::All);
    again.keys("[");
    assert_eq!(again.app.category().describe(), "市场");
}
