//! Scopes and categories across dates: `a` cycles the category pane's scope (the date, the
//! last 7 / 30 days up to the newest digest, the whole archive); the pane lists the
//! publications' own categories and the unified ones; a category over several dates groups
//! the stories by date and the date list shows only the dates that have some.

#[path = "tui_support.rs"]
mod support;

use ribao::library::Library;
use ribao::state::{Change, State};
use ribao::text::TextOptions;
use ribao::tui::{App, CategoryFilter, Pane, Scope, Session};
use support::{Harness, app_of_saving_to, app_with, scope_app, scope_library};

/// The dates the date list shows, as labels.
fn listed_dates(h: &mut Harness) -> Vec<String> {
    let app = &h.app;
    if app.scope() == Scope::Day {
        return app
            .dates()
            .iter()
            .map(|g| ribao::model::date_label(g.date))
            .collect();
    }
    app.date_spans()
        .iter()
        .map(|s| ribao::model::date_label(app.dates()[s.group].date))
        .collect()
}

/// The first category listed (but all) of which `test`, run with it chosen, gives something.
fn first_category_with<T>(
    h: &mut Harness,
    mut test: impl FnMut(&mut Harness) -> Option<T>,
) -> Option<(CategoryFilter, T)> {
    let filters: Vec<CategoryFilter> = (h.app.categories().iter())
        .map(|c| c.filter.clone())
        .filter(|f| *f != CategoryFilter::All)
        .collect();
    filters.into_iter().find_map(|filter| {
        select_category(h, &filter);
        test(h).map(|t| (filter, t))
    })
}

/// Presses `j` in the category pane until the category is `wanted`.
fn select_category(h: &mut Harness, wanted: &CategoryFilter) {
    h.keys("c");
    let position = h
        .app
        .categories()
        .iter()
        .position(|c| &c.filter == wanted)
        .unwrap_or_else(|| panic!("{wanted:?} is not among {:?}", h.app.categories()));
    h.keys("g");
    for _ in 0..position {
        h.keys("j");
    }
    assert_eq!(h.app.category(), wanted);
}

#[test]
fn a_cycles_the_scope_and_the_category_title_says_which() {
    let mut h = Harness::new(scope_app(), 120, 30);
    let mut seen = String::new();
    let expected = [
        (
            Scope::Day,
            "分类 · 2026-01-20",
            8,
            vec![
                "2026-01-20",
                "2026-01-19",
                "2026-01-05",
                "2025-11-30",
                "undated",
            ],
        ),
        (
            Scope::Week,
            "分类 · 近7天 (01-14–01-20)",
            10,
            vec!["2026-01-20", "2026-01-19"],
        ),
        (
            Scope::Month,
            "分类 · 近30天 (2025-12-22–01-20)",
            12,
            vec!["2026-01-20", "2026-01-19", "2026-01-05"],
        ),
        (
            Scope::All,
            "分类 · 全部存档",
            15,
            vec![
                "2026-01-20",
                "2026-01-19",
                "2026-01-05",
                "2025-11-30",
                "undated",
            ],
        ),
    ];
    for (i, (scope, title, items, dates)) in expected.into_iter().enumerate() {
        if i > 0 {
            h.keys("a");
        }
        assert_eq!(h.app.scope(), scope);
        let rows = h.rows();
        assert!(rows[0].contains(title), "{title} not in {}", rows[0]);
        assert_eq!(h.app.items().len(), items, "{scope:?}");
        // "All" counts every story of the scope.
        assert_eq!(h.app.categories()[0].count, items);
        assert_eq!(listed_dates(&mut h), dates, "{scope:?}");
        let status = &rows[rows.len() - 2];
        seen.push_str(&format!(
            "{}\n{}\n{}\n\n",
            rows[0],
            rows[1],
            status.trim_end()
        ));
    }
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Day, "a wraps around");
    // The scope is said when it changes (the category pane is hidden in narrow terminals).
    assert!(
        h.app.message().unwrap().text.contains("2026-01-20"),
        "{:?}",
        h.app.message()
    );
    insta::assert_snapshot!("scope_titles", seen);
}

#[test]
fn last_days_count_back_from_the_newest_digest_not_from_today() {
    // The newest digest is years away from whenever this runs: the window follows it.
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("a");
    assert!(h.rows()[0].contains("近7天 (01-14–01-20)"));
    // Stories of the 2026-01-05 digest are in the 30 days, not in the 7.
    let in_scope = |h: &Harness, title: &str| {
        h.app
            .items()
            .iter()
            .any(|&r| h.app.item_at(r).1.title.contains(title))
    };
    assert!(!in_scope(&h, "中文推理评测集"));
    h.keys("a");
    assert!(in_scope(&h, "中文推理评测集"));
    assert!(!in_scope(&h, "芯片出口新规生效"));
    h.keys("a");
    assert!(in_scope(&h, "芯片出口新规生效"));
    assert!(
        in_scope(&h, "切块越小越好"),
        "the whole archive has undated ones"
    );
}

/// A digest dated years ahead (a slip in its title) neither opens the reader nor ends its
/// recent days: the newest date that has come does (tester AB: a file dated 2100 hid every
/// real digest from the 7 days). It is still listed, first.
#[test]
fn a_date_still_to_come_does_not_take_over_the_reader() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, date) in [
        ("a.md", "2026-03-01"),
        ("b.md", "2026-03-02"),
        ("c.md", "2100/06/06"),
    ] {
        let text = format!("# 科技早报 {date}\n\n1. 某公司在 {date} 发布新模型。\n");
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let library = Library::load_dir(
        tmp.path(),
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    let mut h = Harness::new(
        App::new(
            library,
            TextOptions::default(),
            Session::in_memory(State::default()),
        ),
        120,
        30,
    );
    assert!(h.rows()[0].contains("2026-03-02"), "{}", h.rows()[0]);
    assert!(h.rows()[1].contains("2100-06-06"), "{}", h.text());
    h.keys("a");
    assert!(
        h.rows()[0].contains("近7天 (02-24–03-02)"),
        "{}",
        h.rows()[0]
    );
    // `]` from the days chosen from an older date moves them on to the last days, not on
    // to the date still to come.
    h.keys(":2026-03-01<Enter>]]");
    assert_eq!(h.app.scope_label(), "近7天 (02-24–03-02)");
}

#[test]
fn both_kinds_of_categories_are_listed_with_counts() {
    let mut h = Harness::new(scope_app(), 120, 40);
    let app = &h.app;
    let source: Vec<String> = app
        .categories()
        .iter()
        .filter(|c| matches!(c.filter, CategoryFilter::Source(_)))
        .map(|c| c.filter.label().to_string())
        .collect();
    assert_eq!(
        source,
        ["更多动态", "技术前沿解读", "市场动态", "其他相关资讯"]
    );
    let unified: Vec<(String, usize, usize)> = app
        .categories()
        .iter()
        .filter(|c| c.filter.is_unified())
        .map(|c| (c.filter.label().to_string(), c.count, c.inferred))
        .collect();
    // Every story is in exactly one unified category.
    let total: usize = unified.iter().map(|u| u.1).sum();
    assert_eq!(total, app.items().len());
    // Each count is what the filter lets through, and the inferred count is right.
    for c in app.categories() {
        let items: Vec<_> = app
            .items()
            .iter()
            .map(|&r| app.item_at(r))
            .filter(|(d, i)| accepts(&c.filter, &d.source, i))
            .map(|(_, i)| i)
            .collect();
        assert_eq!(items.len(), c.count, "{:?}", c.filter);
        if c.filter.is_unified() {
            let inferred = items.iter().filter(|i| i.unified_inferred).count();
            assert_eq!(inferred, c.inferred, "{:?}", c.filter);
        }
    }
    let screen = h.text();
    // The two groups are apart under their headings, the sources first.
    let sources_at = screen.find("来源分类 Sources").expect("sources heading");
    let unified_at = screen.find("统一分类 Unified").expect("unified heading");
    assert!(sources_at < unified_at);
    // An inferred count shows as ~N beside the count, two columns wide at least: `~1 1`
    // read as one number (tester A).
    let (name, count, inferred) = unified.iter().find(|u| u.2 > 0).expect("an inferred one");
    let row = screen
        .lines()
        .find(|l| l.contains(&format!("  {name} ")))
        .unwrap();
    assert!(row.contains(&format!("~{inferred} {count:>2}")), "{row}");
}

/// Each category says how many of its stories are unread (✓ when none), as the date list
/// does, in every scope, and counts again as stories are read and marked unread.
#[test]
fn each_category_counts_its_unread_stories_as_they_are_read() {
    // Tall enough for the archive's publications and categories at once.
    let mut h = Harness::new(scope_app(), 120, 50);
    // The category pane's row of `name`, from the name on: its name, then its counts up to
    // the pane's border (an article's text may name the category too).
    let row = |h: &mut Harness, name: &str| -> String {
        let counts = regex::Regex::new(&format!(
            r"{}(\s+~?\d+)?\s+\d+\s+(\d+|✓)\s*[│┃█]",
            regex::escape(name)
        ))
        .unwrap();
        let rows = h.rows();
        let found = rows
            .iter()
            .find_map(|r| counts.find(r))
            .unwrap_or_else(|| panic!("no row for {name}: {rows:#?}"));
        found
            .as_str()
            .trim_end_matches(['│', '┃', '█'])
            .trim()
            .to_string()
    };
    let squeeze = |r: String| r.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squeeze(row(&mut h, "全部 / All")), "全部 / All 8 8");
    assert_eq!(squeeze(row(&mut h, "技术前沿解读")), "技术前沿解读 2 2");
    select_category(&mut h, &CategoryFilter::Source("技术前沿解读".into()));
    h.keys("<Enter><Enter>");
    assert_eq!(squeeze(row(&mut h, "技术前沿解读")), "技术前沿解读 2 1");
    assert_eq!(squeeze(row(&mut h, "全部 / All")), "全部 / All 8 7");
    // Another date's stories are all unread.
    h.keys("[");
    assert_eq!(squeeze(row(&mut h, "全部 / All")), "全部 / All 2 2");
    h.keys("]");
    select_category(&mut h, &CategoryFilter::Source("技术前沿解读".into()));
    h.keys("<Enter>j<Enter>");
    assert_eq!(squeeze(row(&mut h, "技术前沿解读")), "技术前沿解读 2 ✓");
    // The whole archive: the two read stories are read there too.
    h.keys("aaa");
    assert_eq!(h.app.scope(), Scope::All);
    let all = h.app.categories()[0].count;
    assert_eq!(
        squeeze(row(&mut h, "全部 / All")),
        format!("全部 / All {all} {}", all - 2)
    );
    assert_eq!(squeeze(row(&mut h, "技术前沿解读")), "技术前沿解读 2 ✓");
    // Marked unread again.
    h.keys("c");
    select_category(&mut h, &CategoryFilter::Source("技术前沿解读".into()));
    h.keys("<Enter>r");
    assert_eq!(squeeze(row(&mut h, "技术前沿解读")), "技术前沿解读 2 1");
    // Every story of the archive marked read (more marks than a day has stories: counted
    // the other way round), then put back.
    select_category(&mut h, &CategoryFilter::All);
    h.keys("<Enter>AA");
    assert_eq!(
        squeeze(row(&mut h, "全部 / All")),
        format!("全部 / All {all} ✓")
    );
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Day);
    assert_eq!(squeeze(row(&mut h, "全部 / All")), "全部 / All 8 ✓");
    h.keys("u");
    assert_eq!(squeeze(row(&mut h, "全部 / All")), "全部 / All 8 7");
}

/// What a category filter should let through, decided from the item's own fields and its
/// digest's publication (the app decides by label ids).
fn accepts(filter: &CategoryFilter, source: &str, item: &ribao::index::ItemView) -> bool {
    match filter {
        CategoryFilter::Publication(name) => source == name,
        CategoryFilter::All => true,
        CategoryFilter::Unified(name) => item.unified == Some(name.as_str()),
        CategoryFilter::Source(name) => item.category == Some(name.as_str()),
        CategoryFilter::Uncategorized => item.category.is_none(),
    }
}

#[test]
fn a_unified_category_over_the_archive_groups_stories_by_date() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("aaa");
    assert_eq!(h.app.scope(), Scope::All);
    let wanted = CategoryFilter::Unified("技术与研究 / Research".into());
    select_category(&mut h, &wanted);
    let app = &h.app;
    assert!(app.items().len() > 2);
    for &r in app.items() {
        assert_eq!(app.item_at(r).1.unified.unwrap(), "技术与研究 / Research");
    }
    // The date list: only dates with such stories, each with its count; the spans cover the
    // list in order.
    let spans = app.date_spans().to_vec();
    assert!(spans.len() >= 2, "{spans:?}");
    assert_eq!(
        spans.iter().map(|s| s.len).sum::<usize>(),
        app.items().len()
    );
    for s in &spans {
        let date = app.dates()[s.group].date;
        for &r in &app.items()[s.start..s.start + s.len] {
            assert_eq!(app.item_at(r).0.date, date);
        }
    }
    let items = app.items().to_vec();
    let dates: Vec<_> = app.dates().iter().map(|g| g.date).collect();
    let inferred = items
        .iter()
        .filter(|&&r| app.item_at(r).1.unified_inferred)
        .count();
    let screen = h.text();
    insta::assert_snapshot!("unified_category_whole_archive", screen);
    for s in &spans {
        let day = dates[s.group].map_or("undated".into(), |d| d.to_string());
        // A separator row in the story list…
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("── {day}")) && l.contains(&format!("· {} ─", s.len))),
            "no separator for {day}:\n{screen}"
        );
        // …and the date in the date list with the count.
        let row = screen
            .lines()
            .find(|l| l.contains(&format!(" {day} ")))
            .unwrap();
        assert!(row.contains(&format!(" {} ", s.len)), "{row}");
    }
    // Inferred placements are marked in the list.
    let marked = screen
        .lines()
        .filter(|l| l.contains("│    ~") || l.contains("│›   ~"))
        .count();
    assert_eq!(marked, inferred);
    assert!(screen.contains("全部存档 · 技术与研究 / Research（统一）"));
}

#[test]
fn moving_in_a_grouped_list_moves_the_date_and_the_date_list_jumps() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("aaa");
    h.keys("<Tab><Tab>"); // the story list
    assert_eq!(h.app.focus(), Pane::Items);
    let spans = h.app.date_spans().to_vec();
    assert_eq!(h.app.date_index(), spans[0].group);
    // Down past the first date's stories: the date list follows.
    for _ in 0..spans[0].len {
        h.keys("j");
    }
    assert_eq!(h.app.item_index(), spans[1].start);
    assert_eq!(h.app.date_index(), spans[1].group);
    assert_eq!(h.app.span_index(), Some(1));
    // In the date list, moving jumps the stories to the date's first one.
    h.keys("<S-Tab><S-Tab>");
    assert_eq!(h.app.focus(), Pane::Dates);
    h.keys("j");
    assert_eq!(h.app.span_index(), Some(2));
    assert_eq!(h.app.item_index(), spans[2].start);
    h.keys("[");
    assert_eq!(h.app.span_index(), Some(3));
    h.keys("]]");
    assert_eq!(h.app.span_index(), Some(1));
    h.keys("G");
    assert_eq!(h.app.span_index(), Some(spans.len() - 1));
    h.keys("[");
    assert_eq!(
        h.app.message().unwrap().text,
        "already at the oldest date in 全部存档"
    );
}

/// Over several dates, another category keeps the date chosen when it has stories there,
/// else goes to the nearest older date that has (tester CG: it went to the newest, and so
/// did going back to all).
#[test]
fn a_category_chosen_over_several_dates_keeps_the_date() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("aaaG");
    assert_eq!(h.app.focus(), Pane::Dates);
    let oldest = h.app.date_index();
    assert!(oldest > 0);
    h.keys("cjk");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    assert_eq!(h.app.date_index(), oldest, "{}", h.text());
    // Each category from the date chosen, not from where the one before went.
    h.keys("<S-Tab>gj");
    let second = h.app.date_index();
    h.keys("c");
    let mut passed_over = 0;
    for _ in 1..h.app.categories().len() {
        h.keys("j");
        let groups: Vec<usize> = h.app.date_spans().iter().map(|s| s.group).collect();
        let expected = groups.iter().find(|&&g| g >= second).or(groups.last());
        assert_eq!(
            Some(&h.app.date_index()),
            expected,
            "{:?}",
            h.app.category()
        );
        // At the date's first story.
        let span = h
            .app
            .date_spans()
            .iter()
            .find(|s| s.group == h.app.date_index());
        assert_eq!(Some(h.app.item_index()), span.map(|s| s.start));
        passed_over += usize::from(!groups.contains(&second));
    }
    assert!(
        passed_over > 0,
        "a category without the date was passed over"
    );
}

/// One pane at a time, over the whole archive: the breadcrumb names the selected story's
/// date, since the date rows above it scroll away and no date list is beside it.
#[test]
fn a_narrow_breadcrumb_names_the_selected_storys_date_over_several_dates() {
    let mut h = Harness::new(scope_app(), 69, 24);
    h.keys("aaa<Enter><Enter>");
    assert_eq!(h.app.focus(), Pane::Items);
    let spans = h.app.date_spans().to_vec();
    for _ in 0..spans[0].len {
        h.keys("j");
    }
    assert_eq!(h.app.span_index(), Some(1));
    let crumb = h.rows()[0].clone();
    assert!(
        crumb.contains("全部存档 · 2026-01-19 周一 › 全部 / All"),
        "{crumb}"
    );
    // With the story open, its title takes the room: the scope keeps its name (tester P:
    // the row read as one date's).
    h.keys("<Enter>");
    let crumb = h.rows()[0].clone();
    assert!(crumb.starts_with(" 全部存档 · 2026-01-19 › "), "{crumb}");
}

/// One pane at a time on a narrow terminal, the status bar keeps the counts over several
/// dates: the category goes, then the scope's dates (tester C: `近7天 (08-17–08-23) · 35
/// stories`, the unread count dropped); searching, the query goes (the path above says it).
#[test]
fn a_narrow_status_bar_keeps_the_counts_over_several_dates_and_in_a_search() {
    let mut h = Harness::new(scope_app(), 42, 16);
    // (A key after `a` closes what it says of the scope, over the status bar.)
    h.keys("ajk");
    let status = |h: &mut Harness| h.rows()[h.rows().len() - 2].trim_end().to_string();
    let n = h.app.items().len();
    let said = status(&mut h);
    assert!(
        said.starts_with(&format!(" 近7天 · {n} stories, {n} unread")),
        "{said}"
    );
    h.keys("/推理");
    h.settle();
    let said = status(&mut h);
    let found = h.app.search_view().unwrap().hits.len();
    assert!(
        said.starts_with(&format!(" 近7天 · {found} results, {found} unread")),
        "{said}"
    );
}

#[test]
fn category_and_story_stay_when_the_scope_widens() {
    let mut h = Harness::new(scope_app(), 120, 40);
    let wanted = CategoryFilter::Source("技术前沿解读".into());
    select_category(&mut h, &wanted);
    h.keys("<Enter>j<Enter>");
    let opened = h.app.opened().unwrap().1.id.to_string();
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Week);
    assert_eq!(h.app.category(), &wanted);
    assert_eq!(h.app.opened().unwrap().1.id, opened);
    assert_eq!(h.app.selected_item().unwrap().1.id, opened);
    // Back to one date: the selected story's, with the category; the 7 days from it
    // end there, and keep it.
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("aaa");
    let only_old = CategoryFilter::Source("开源生态".into());
    select_category(&mut h, &only_old);
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Day);
    assert_eq!(h.app.category(), &only_old);
    assert!(h.rows()[0].contains("分类 · 2026-01-05"));
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Week);
    assert_eq!(h.app.category(), &only_old);
    assert!(
        h.rows()[0].contains("分类 · 7天 (2025-12-30–01-05)"),
        "{}",
        h.rows()[0]
    );
}

/// A category the 7 days lack falls back to All, said, and is followed on to a scope that
/// has it (tester AZ: dropped for good at the week): from the undated digests, the last 7
/// days are the newest.
#[test]
fn a_category_the_scope_lacks_comes_back_in_a_wider_one() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("G");
    assert_eq!(h.app.current_date().unwrap().date, None);
    let own = h.app.categories()[1].filter.clone();
    select_category(&mut h, &own);
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Week);
    assert_eq!(h.app.category(), &CategoryFilter::All);
    let screen = h.rows().join("\n");
    let name = own.describe();
    assert!(
        screen.contains(&format!("no {name} in it: all shown")),
        "{screen}"
    );
    h.keys("aa");
    assert_eq!(h.app.scope(), Scope::All);
    assert_eq!(h.app.category(), &own);
}

/// A story read and left, then another selected: a change of scope keeps the selected one,
/// not the one read before.
#[test]
fn the_selected_story_stays_when_the_scope_changes_after_another_was_read() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("ll<Enter><Esc>jj");
    let selected = h.app.selected_item().unwrap().1.id.to_string();
    assert_ne!(h.app.opened().unwrap().1.id, selected);
    for scope in [Scope::Week, Scope::Month, Scope::All, Scope::Day] {
        h.keys("a");
        assert_eq!(h.app.scope(), scope);
        assert_eq!(h.app.selected_item().unwrap().1.id, selected, "{scope:?}");
    }
}

#[test]
fn scope_and_unified_category_are_where_the_reader_reopens() {
    let mut h = Harness::new(scope_app(), 120, 40);
    h.keys("aa");
    let wanted = CategoryFilter::Unified("技术与研究 / Research".into());
    select_category(&mut h, &wanted);
    h.keys("<Enter>");
    while !h
        .app
        .selected_item()
        .unwrap()
        .1
        .title
        .starts_with("长江实验室")
    {
        h.keys("j");
    }
    h.keys("<Enter>jj");
    let position = h.app.position();
    assert_eq!(position.scroll, 2);
    let opened = h.app.opened().unwrap().1.id.to_string();
    let app = reopened(position);
    assert_eq!(app.scope(), Scope::Month);
    assert_eq!(app.category(), &wanted);
    assert_eq!(app.opened().unwrap().1.id, opened);
    assert_eq!(app.focus(), Pane::Article);
    assert_eq!(app.scroll(), 2);
    // Saved by a ribao whose unified categories had Chinese names only.
    let app = reopened(ribao::state::Position {
        category: Some("技术与研究".into()),
        ..h.app.position()
    });
    assert_eq!(app.category(), &wanted);
}

#[test]
fn a_scope_without_the_open_story_closes_it() {
    let mut h = Harness::new(scope_app(), 120, 30);
    let november = chrono::NaiveDate::from_ymd_opt(2025, 11, 30);
    while h.app.dates()[h.app.date_index()].date != november {
        h.keys("[");
    }
    h.keys("<Enter><Enter><Enter>");
    assert!(h.app.opened().is_some());
    // Over the archive, a story of the newest date highlighted: the date alone is its.
    h.keys("aaahg");
    assert_eq!(h.app.scope(), Scope::All);
    assert!(h.app.opened().is_some(), "the archive has November");
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Day);
    assert!(
        h.app.opened().is_none(),
        "November is not in the newest date"
    );
    assert!(h.text().contains("预览 Preview"), "{}", h.text());
}

/// A reader started over the scope library with `position` saved.
fn reopened(position: ribao::state::Position) -> App {
    let state = State {
        position: Some(position),
        ..State::default()
    };
    App::new(
        scope_library(),
        TextOptions::default(),
        Session::in_memory(state),
    )
}

/// Digests dated after the newest the reader had when it was left are said at start, with
/// their dates (tester BQ: the reader came back to yesterday's story, the newer dates out of
/// view above it, unsaid); none, nothing is said.
#[test]
fn digests_newer_than_the_reader_last_had_are_said_at_start() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys(":2026-01-05<Enter>");
    let left = h.app.position();
    let mut h = Harness::new(reopened(left.clone()), 120, 30);
    assert!(
        !h.text().contains("since you were last here"),
        "{}",
        h.text()
    );
    // As if left when 2026-01-05 was the newest date.
    let mut earlier = left;
    earlier.extra.insert("newest".into(), "2026-01-05".into());
    let mut h = Harness::new(reopened(earlier.clone()), 120, 30);
    let said = h.rows().last().unwrap().clone();
    assert!(
        said.contains("3 new digests since you were last here, under 2026-01-20, 2026-01-19"),
        "{said}"
    );
    assert_eq!(
        h.app.current_date().unwrap().date,
        ribao::model::parse_date_label("2026-01-05"),
        "the place is kept"
    );
    // Its date gone from the store since: both are said (tester CV: the newer digests were
    // not).
    let mut gone = earlier;
    gone.date = Some("2026-01-10".into());
    gone.item = None;
    let mut h = Harness::new(reopened(gone), 120, 30);
    let said = h.app.message().unwrap().text.clone();
    assert_eq!(
        said,
        "2026-01-10 is no longer in the store: 2026-01-05 is shown; 3 new digests since you \
         were last here, under 2026-01-20, 2026-01-19",
        "{}",
        h.text()
    );
}

#[test]
fn a_date_chosen_in_a_many_day_scope_is_where_the_reader_reopens() {
    let mut h = Harness::new(scope_app(), 120, 30);
    while h.app.scope() != Scope::Month {
        h.keys("a");
    }
    h.keys("hhG");
    assert_eq!(h.app.focus(), Pane::Dates);
    let (date, category) = (h.app.date_index(), h.app.category().clone());
    assert_ne!(date, 0, "an older date than the newest");
    let app = reopened(h.app.position());
    assert_eq!(app.scope(), Scope::Month);
    assert_eq!(app.category(), &category);
    assert_eq!(app.date_index(), date);
    assert_eq!(app.focus(), Pane::Dates);
}

#[test]
fn unified_categories_follow_the_users_own_table() {
    // The user's table: their own group first, the built-in names in another order.
    let table = r#"
[[group]]
name = "我的关注"
match = ["技术前沿"]

[[group]]
name = "市场与资本"
match = ["市场"]

[[group]]
name = "其他"
fallback = true
"#;
    let categorizer = ribao::categories::Categorizer::from_toml(table).unwrap();
    let library = ribao::library::Library::from_digests(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        support::scope_digests(),
        Vec::new(),
        &categorizer,
    );
    let app = app_with(library, TextOptions::default());
    let unified: Vec<&str> = app
        .categories()
        .iter()
        .filter(|c| c.filter.is_unified())
        .map(|c| c.filter.label())
        .collect();
    assert_eq!(unified, ["我的关注", "市场与资本", "其他"]);
}

/// The 7 or 30 days chosen from an older date end there, not at the newest digest (tester
/// BH: `a` went from the date read to the newest week), whichever story of them is
/// highlighted, in a search's scope too, and after a restart; from the newest date they are
/// the last 7 days, which follow newer digests.
#[test]
fn the_days_chosen_from_an_older_date_end_at_it() {
    let mut h = Harness::new(scope_app(), 120, 30);
    while h.app.current_date().unwrap().date != chrono::NaiveDate::from_ymd_opt(2026, 1, 5) {
        h.keys("j");
    }
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Week);
    let said = h.rows().last().unwrap().clone();
    assert!(
        said.contains("范围 scope: 7天 (2025-12-30–01-05), 7 days · "),
        "{said}"
    );
    assert_eq!(listed_dates(&mut h), ["2026-01-05"]);
    h.keys("a");
    assert!(
        h.rows()[0].contains("分类 · 30天 (2025-12-07–01-05)"),
        "{}",
        h.rows()[0]
    );
    assert_eq!(listed_dates(&mut h), ["2026-01-05"]);
    h.keys("lG");
    assert!(
        h.rows()[0].contains("30天 (2025-12-07–01-05)"),
        "{}",
        h.rows()[0]
    );
    // A search over the 7 days (Tab from the 30) ends where they do.
    h.keys("/的<Tab><Tab><Tab>");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.scope, Scope::Week);
    assert!(!view.hits.is_empty());
    let newest = ribao::model::parse_date_label("2026-01-05");
    let dates: std::collections::BTreeSet<_> = view
        .hits
        .iter()
        .map(|&(d, _)| h.app.library().digests()[d].date)
        .collect();
    assert_eq!(dates, [newest].into(), "the results' dates");
    h.keys("<Esc>");
    let app = reopened(h.app.position());
    assert_eq!(app.scope(), Scope::Month);
    assert_eq!(app.scope_label(), "30天 (2025-12-07–01-05)");
    // From the newest date: the last 7 days.
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("a");
    assert_eq!(h.app.scope_label(), "近7天 (01-14–01-20)");
    let app = reopened(h.app.position());
    assert_eq!(app.scope_label(), "近7天 (01-14–01-20)");
}

/// `]` past the newest date of the days chosen from an older date moves them on to the next
/// newer date, up to the newest digest's, where they are the last days again (tester BQ:
/// newer digests were out of reach of `]`, after a restart too).
#[test]
fn newer_dates_move_the_days_chosen_on() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys(":2026-01-05<Enter>a");
    assert_eq!(h.app.scope_label(), "7天 (2025-12-30–01-05)");
    h.keys("]");
    assert_eq!(h.app.scope_label(), "7天 (01-13–01-19)");
    assert_eq!(
        h.app.current_date().unwrap().date,
        ribao::model::parse_date_label("2026-01-19")
    );
    assert!(
        h.rows()
            .last()
            .unwrap()
            .contains("范围 scope: 7天 (01-13–01-19)")
    );
    h.keys("]");
    assert_eq!(h.app.scope_label(), "近7天 (01-14–01-20)");
    h.keys("]");
    assert!(
        h.rows()
            .last()
            .unwrap()
            .contains("already at the newest date"),
        "{:?}",
        h.rows().last()
    );
}

/// A date typed in the last 7 or 30 days moves them to end at it (tester BK: `:` left them
/// for the one date, and no key went back a week); `undated` is a date of its own.
#[test]
fn a_date_typed_in_the_days_chosen_moves_them_to_end_there() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("aa");
    assert_eq!(h.app.scope_label(), "近30天 (2025-12-22–01-20)");
    h.keys(":2026-01-05<Enter>");
    assert_eq!(h.app.scope(), Scope::Month);
    assert_eq!(h.app.scope_label(), "30天 (2025-12-07–01-05)");
    assert_eq!(
        h.app.current_date().unwrap().date,
        ribao::model::parse_date_label("2026-01-05")
    );
    assert_eq!(h.app.focus(), Pane::Dates);
    h.keys(":2026-01-19<Enter>");
    assert_eq!(h.app.scope_label(), "30天 (2025-12-21–01-19)");
    assert_eq!(listed_dates(&mut h), ["2026-01-19", "2026-01-05"]);
    assert_eq!(
        h.app.current_date().unwrap().date,
        ribao::model::parse_date_label("2026-01-19")
    );
    h.keys(":2026-01-20<Enter>");
    assert_eq!(h.app.scope_label(), "近30天 (2025-12-22–01-20)");
    h.keys(":undated<Enter>");
    assert_eq!(h.app.scope(), Scope::Day);
    assert_eq!(h.app.current_date().unwrap().date, None);
}

/// A date typed in the whole archive goes to its stories there, as moving in the date list
/// does (tester BS: `:` left the archive for the one date, unsaid).
#[test]
fn a_date_typed_in_the_whole_archive_goes_to_its_stories_there() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("aaa");
    assert_eq!(h.app.scope(), Scope::All);
    h.keys(":2026-01-05<Enter>");
    assert_eq!(h.app.scope(), Scope::All);
    let day = ribao::model::parse_date_label("2026-01-05");
    assert_eq!(h.app.current_date().unwrap().date, day);
    assert_eq!(h.app.selected_item().map(|(d, _)| d.date), Some(day));
    assert_eq!(h.app.focus(), Pane::Dates);
}

/// A date typed in the whole archive with a category chosen that the date lacks goes to the
/// nearest older date that has it, there, and says so (tester BU: it left the archive for the
/// one date, the category with it).
#[test]
fn a_date_typed_in_the_whole_archive_keeps_the_category_chosen() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("aaa");
    let every_date = listed_dates(&mut h);
    let found = first_category_with(&mut h, |h| {
        let has = listed_dates(h);
        // Newest first: a date without it, with one older that has it.
        let lacking = every_date
            .iter()
            .find(|d| *d != "undated" && !has.contains(d) && has.iter().any(|older| older < d))?;
        let older = has.iter().find(|o| *o < lacking)?;
        Some((lacking.clone(), older.clone()))
    });
    let (filter, (lacking, older)) = found.expect("a category some date lacks");
    h.keys(&format!(":{lacking}<Enter>"));
    assert_eq!(h.app.scope(), Scope::All);
    assert_eq!(h.app.category(), &filter);
    let shown = h
        .app
        .current_date()
        .map(|g| ribao::model::date_label(g.date));
    assert_eq!(shown.as_deref(), Some(older.as_str()));
    let said = h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    let want = format!(
        "no {} on {lacking}: the nearest older date with it, {older}",
        filter.describe()
    );
    assert_eq!(said, want);
}

/// A date typed in the last 7 days with a category chosen that the days ending there lack
/// says so, as a date without it does (tester BU: all categories were shown, unsaid); the
/// category comes back with days that have it.
#[test]
fn days_moved_to_without_the_category_chosen_say_so() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("a");
    assert_eq!(h.app.scope(), Scope::Week);
    let said = first_category_with(&mut h, |h| {
        let chosen = h.app.category().clone();
        h.keys(":2025-11-30<Enter>");
        let lacking = h.app.category() != &chosen;
        let said = h.app.message().map(|m| m.text.clone());
        h.keys(":2026-01-20<Enter>");
        lacking.then_some(said)
    });
    let (filter, said) = said.expect("a category of the newest days that 2025-11-30 lacks");
    let want = format!("no {} in 7天 (", filter.describe());
    let said = said.unwrap_or_default();
    assert!(
        said.starts_with(&want) && said.contains("–11-30): all categories shown"),
        "{said:?}"
    );
    assert_eq!(h.app.category(), &filter);
}

/// A date typed where the category chosen is not: the nearest older date that has it is
/// marked in the days chosen, and in the whole archive what is said of the date typed and of
/// the category go together; a month that has the category says nothing of it (tester BV:
/// no date was marked, the category went unsaid after "no digest on", and a month that had
/// it was said not to).
#[test]
fn a_date_typed_where_the_category_is_not_goes_to_the_nearest_that_has_it() {
    let digest = |date: &str, category: &str| {
        let text = format!(
            "# 🤖 AI行业速递 - {date}\n\n## 甲公司发布{category}新品\n\n> **分类：** {category}\n\n正文。\n"
        );
        let name = format!("store/brief/{date}.md");
        ribao::parse::parse(text.as_bytes(), std::path::Path::new(&name)).unwrap()
    };
    let library = support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![
            digest("2026-02-20", "产品应用"),
            digest("2026-02-18", "开源生态"),
            digest("2026-01-05", "开源生态"),
        ],
    );
    let mut h = Harness::new(app_with(library, TextOptions::default()), 120, 30);
    let on = |h: &Harness| ribao::model::date_label(h.app.current_date().unwrap().date);
    let said = |h: &Harness| h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    h.keys("a");
    let open_source = (h.app.categories().iter())
        .find(|c| c.filter.describe() == "开源生态")
        .expect("开源生态 in the last 7 days")
        .filter
        .clone();
    select_category(&mut h, &open_source);
    h.keys(":2026-02-20<Enter>");
    assert_eq!(h.app.category(), &open_source);
    assert_eq!(on(&h), "2026-02-18");
    assert_eq!(h.app.span_index(), Some(0), "its row marked");
    h.keys("aa");
    assert_eq!(h.app.scope(), Scope::All);
    h.keys(":2026-02-25<Enter>");
    assert_eq!(on(&h), "2026-02-18");
    assert_eq!(
        said(&h),
        "no digest on 2026-02-25: the nearest older date, 2026-02-20; no 开源生态 on \
         2026-02-20: the nearest older date with it, 2026-02-18"
    );
    h.keys(":2026-01-05<Enter>:2026-02<Enter>");
    assert_eq!(on(&h), "2026-02-18");
    assert_eq!(said(&h), "");
}

/// A publication's copy in another language keeps its `(EN)` where the category pane cuts
/// its name (tester BL: both were `Bubble's Brain…`).
#[test]
fn a_cut_publication_name_keeps_its_language() {
    let digest = |name: &str, story: &str| {
        let text =
            format!("# Bubble's Brain Daily Briefing · 2026年01月20日\n\n## 产品\n\n1. {story}\n");
        ribao::parse::parse(text.as_bytes(), std::path::Path::new(name)).unwrap()
    };
    let library = support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![
            digest(
                "store/Bubble's Brain Daily Briefing/2026-01-20.md",
                "甲公司发布新模型。",
            ),
            digest(
                "store/Bubble's Brain Daily Briefing/2026-01-20.en.md",
                "Company A releases a model.",
            ),
        ],
    );
    let mut h = Harness::new(app_with(library, TextOptions::default()), 40, 16);
    h.keys("<Enter>");
    let rows = h.rows();
    let named: Vec<&String> = rows.iter().filter(|r| r.contains("Bubble")).collect();
    assert_eq!(named.len(), 2, "{rows:#?}");
    assert!(named.iter().any(|r| r.contains("… (EN)")), "{rows:#?}");
}

#[test]
fn cycling_the_scope_round_comes_back_to_the_date_it_started_from() {
    let mut h = Harness::new(scope_app(), 120, 30);
    let on = |h: &Harness| ribao::model::date_label(h.app.current_date().unwrap().date);
    while on(&h) != "2026-01-05" {
        h.keys("j");
    }
    // The 7 days from it end at it; the 30 days, the archive and the date again have it.
    h.keys("a");
    assert_eq!(on(&h), "2026-01-05", "7 days");
    h.keys("a");
    assert_eq!(on(&h), "2026-01-05", "30 days");
    h.keys("a");
    assert_eq!(on(&h), "2026-01-05", "the archive");
    h.keys("a");
    assert_eq!(on(&h), "2026-01-05", "the date again");
    assert_eq!(h.app.scope(), Scope::Day);
}

#[test]
fn stepping_through_dates_keeps_the_category_where_the_date_has_it() {
    let mut h = Harness::new(scope_app(), 120, 30);
    let filters = |h: &Harness| -> Vec<CategoryFilter> {
        h.app
            .categories()
            .iter()
            .map(|c| c.filter.clone())
            .collect()
    };
    h.keys("[");
    let older = filters(&h);
    h.keys("]");
    let newer = filters(&h);
    let shared = newer
        .iter()
        .find(|f| **f != CategoryFilter::All && older.contains(f))
        .expect("a category both dates have")
        .clone();
    let newer_only = newer
        .iter()
        .find(|f| !older.contains(f))
        .expect("a category only the newer date has")
        .clone();

    select_category(&mut h, &shared);
    h.keys("[");
    assert_eq!(h.app.category(), &shared, "`[` keeps it");
    h.keys("]");
    assert_eq!(h.app.category(), &shared, "`]` keeps it");
    // Moving in the date list does the same.
    h.keys("h");
    assert_eq!(h.app.focus(), Pane::Dates);
    h.keys("j");
    assert_eq!(h.app.category(), &shared, "j in the dates keeps it");
    h.keys("k");

    select_category(&mut h, &newer_only);
    h.keys("[");
    assert_eq!(h.app.category(), &CategoryFilter::All);
    let screen = h.rows().join("\n");
    let said = format!("no {} on 2026-01-19", newer_only.describe());
    assert!(screen.contains(&said), "{said:?} in\n{screen}");
    // Back at a date that has it, it is shown again: passing one date without it did not
    // drop it for good (tester AC).
    h.keys("]");
    assert_eq!(h.app.category(), &newer_only, "shown again");
    // All read by choice where it is missing: it is followed no more (tester AY).
    h.keys("[c<Enter>");
    assert_eq!(h.app.focus(), Pane::Items);
    h.keys("]");
    assert_eq!(h.app.category(), &CategoryFilter::All, "All was read");
    select_category(&mut h, &newer_only);
    // All chosen, nothing is followed any more.
    select_category(&mut h, &CategoryFilter::All);
    h.keys("[]");
    assert_eq!(h.app.category(), &CategoryFilter::All);
}

/// At 40 columns one date's status keeps its unread count, the date giving way to its day
/// (tester E: `2026-01-20 · 13 stories`, the count one column short); and what `a` says of
/// the new scope takes one row, without the dates the dates pane shows, not both rows;
/// wider, it says the scope in English too.
#[test]
fn a_forty_column_status_keeps_one_dates_unread_count_and_says_the_scope_in_one_row() {
    let store = std::path::PathBuf::from("/home/reader/digests");
    let samples = Library::samples(store, &ribao::categories::Categorizer::builtin());
    let mut h = Harness::new(app_with(samples, TextOptions::default()), 40, 16);
    let n = h.app.items().len();
    assert!(n >= 10, "a two-digit count: {n}");
    let rows = h.rows();
    let status = rows[rows.len() - 2].trim_end();
    assert_eq!(status, format!(" 01-24 · {n} stories, {n} unread      ★ 0"));
    h.keys("a");
    let rows = h.rows();
    let n = h.app.items().len();
    let said = [&rows[rows.len() - 2], &rows[rows.len() - 1]].map(|r| r.trim_end().to_string());
    assert!(said[0].contains("unread"), "{said:?}");
    assert_eq!(said[1], format!(" 范围 scope: 近7天 · {n} stories"));
    // Where it fits, the scope's dates are said too, and what it is in English (tester
    // BH: `近7天` and `全部存档` went unexplained).
    h.resize(80, 16);
    let said = h.rows().last().unwrap().clone();
    assert!(said.contains("范围 scope: 近7天 (01-"), "{said}");
    assert!(said.contains("), the last 7 days · "), "{said}");
    h.keys("aa");
    let said = h.rows().last().unwrap().clone();
    assert!(
        said.contains("范围 scope: 全部存档, the whole archive · "),
        "{said}"
    );
}

/// A date of several publications lists them in the category pane (刊物 Publications), each
/// with its stories and those unread; choosing one lists its stories alone, the choice holds
/// over the whole archive, and the reader reopens on it (testers BB, BC: no way to read one
/// publication's stories alone). A date of one publication lists none.
#[test]
fn a_publication_chosen_lists_its_stories_alone() {
    let mut h = Harness::new(scope_app(), 120, 30);
    let publication = |name: &str| CategoryFilter::Publication(name.to_string());
    let counts: Vec<(CategoryFilter, usize)> = (h.app.categories().iter())
        .map(|c| (c.filter.clone(), c.count))
        .filter(|(f, _)| matches!(f, CategoryFilter::Publication(_)))
        .collect();
    assert_eq!(
        counts,
        [(publication("AI 日报"), 3), (publication("AI行业速递"), 5)]
    );
    assert!(h.text().contains("刊物 Publications"), "{}", h.text());
    let wanted = publication("AI行业速递");
    select_category(&mut h, &wanted);
    let sources = |h: &Harness| -> Vec<String> {
        let items = h.app.items().iter();
        items.map(|&r| h.app.item_at(r).0.source.clone()).collect()
    };
    assert_eq!(sources(&h), vec!["AI行业速递"; 5]);
    // Its front page alone, read from the categories (tester BG: the date's first one's came
    // first), and Esc back there.
    h.keys("i");
    let text = h.text();
    assert!(text.contains("AI行业速递 - 2026年01月20日"), "{text}");
    assert!(!text.contains("AI 日报：模型变小"), "{text}");
    h.keys("<Esc>");
    assert_eq!(h.app.focus(), Pane::Categories);
    // One read: its row counts one unread fewer.
    h.keys("<Enter>r");
    let row = |h: &mut Harness| {
        let text = h.text();
        let row = text
            .lines()
            .find(|l| l.contains("› AI行业速递"))
            .map(str::to_string);
        row.unwrap_or_else(|| panic!("no row of the publication chosen:\n{text}"))
    };
    assert!(row(&mut h).contains("5   4"), "{}", row(&mut h));
    // Over the whole archive: still its stories alone, of every date it has.
    while h.app.scope() != Scope::All {
        h.keys("a");
    }
    assert_eq!(h.app.category(), &wanted);
    let over_all = sources(&h);
    assert!(over_all.len() > 5, "{over_all:?}");
    assert!(over_all.iter().all(|s| s == "AI行业速递"), "{over_all:?}");
    let app = reopened(h.app.position());
    assert_eq!(app.category(), &wanted);
    assert_eq!(app.items().len(), over_all.len());
    // A date of one publication: the row would say what "all" says.
    let mut h = Harness::new(scope_app(), 120, 30);
    let november = chrono::NaiveDate::from_ymd_opt(2025, 11, 30);
    while h.app.dates()[h.app.date_index()].date != november {
        h.keys("[");
    }
    let listed = h.app.categories().iter();
    assert!(
        listed
            .map(|c| &c.filter)
            .all(|f| !matches!(f, CategoryFilter::Publication(_))),
        "{:?}",
        h.app.categories()
    );
    assert!(!h.text().contains("刊物 Publications"));
}

/// The unread counts of the category pane are the stories of each category not marked
/// read, however they are counted: with no marks, a few, most of a date's, all of them, and
/// as many again of stories not in the library (a state file shared with another store),
/// over one date and over every date.
#[test]
fn unread_counts_are_the_stories_not_marked_read() {
    use ribao::state::ReadMarks;
    use ribao::tui::scope;
    let library = scope_library();
    let everything: Vec<usize> = (0..library.digests().len()).collect();
    let first_date: Vec<usize> = (0..library.digests().len())
        .filter(|&d| library.digests()[d].date == library.digests()[0].date)
        .collect();
    let ids: Vec<String> = (library.items()).map(|i| i.id.to_string()).collect();
    let strangers: Vec<String> = (0..ids.len()).map(|n| format!("{n:012x}")).collect();
    let mark_sets: Vec<Vec<&String>> = vec![
        Vec::new(),
        ids.iter().step_by(7).collect(),
        ids.iter().take(ids.len() / 2).collect(),
        ids.iter().collect(),
        ids.iter().chain(&strangers).collect(),
        strangers.iter().collect(),
    ];
    for digests in [&first_date, &everything] {
        let categories = scope::categories(&library, digests, false);
        for marks in &mark_sets {
            let read: ReadMarks = marks.iter().collect();
            let plain: Vec<usize> = categories
                .iter()
                .map(|c| {
                    let listed = scope::items(&library, digests, &c.filter);
                    let unread = listed
                        .iter()
                        .filter(|&&r| !read.contains(scope::id(&library, r)));
                    unread.count()
                })
                .collect();
            let counted = scope::unread_counts(&library, digests, &categories, &read);
            assert_eq!(
                counted,
                plain,
                "{} digests, {} marks",
                digests.len(),
                read.len()
            );
        }
    }
}

/// New digests are said once, and stay said until a key: a reader quit without a key saves
/// the newest date it had beside the place left as it was (tester DW: said again at every
/// start, and gone in 3 s before it was read).
#[test]
fn new_digests_are_said_once_and_stay_until_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let reader =
        |path: &std::path::Path| Harness::new(app_of_saving_to(scope_library(), path), 120, 30);
    let mut h = reader(&path);
    h.keys(":2026-01-05<Enter>");
    // As if left when 2026-01-05 was the newest date.
    let mut left = h.app.position();
    left.extra.insert("newest".into(), "2026-01-05".into());
    let (file, _) = ribao::state::StateFile::open(&path).unwrap();
    file.apply(&[Change::SetPosition(Box::new(left.clone()))])
        .unwrap();

    let mut h = reader(&path);
    let said = "3 new digests since you were last here";
    h.app.tick(std::time::Duration::from_secs(30));
    assert!(h.text().contains(said), "{}", h.text());
    // Another reader saves its place, unseen by this one, which quits without a key: that
    // place stays (tester DQ), with the newest date this one had.
    let mut other = reader(&path);
    other.keys(":2026-01-19<Enter>");
    let other = other.app.position();
    file.apply(&[Change::SetPosition(Box::new(other))]).unwrap();
    h.app.save_on_quit().unwrap();
    let (_, loaded) = ribao::state::StateFile::open(&path).unwrap();
    let saved = loaded.state.position.unwrap();
    assert_eq!(saved.date.as_deref(), Some("2026-01-19"));
    assert_eq!(saved.extra.get("newest").unwrap(), "2026-01-20");
    let mut h = reader(&path);
    assert!(!h.text().contains(said), "said again:\n{}", h.text());
    assert_eq!(
        h.app.current_date().unwrap().date,
        ribao::model::parse_date_label("2026-01-19"),
        "the other reader's place is kept"
    );
}
