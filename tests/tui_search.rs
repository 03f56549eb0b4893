//! Searching in the reader: the search line (CJK typing, editing), results from the search
//! thread as one types, the snippets and the article with the matches marked, n/N, and Esc
//! back to exactly where the reader was.

mod common;
#[path = "tui_support.rs"]
mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ribao::search::fold;
use ribao::text::TextOptions;
use ribao::tui::{Event, Pane, Scope, Scripted, SearchFocus, run_app};
use std::sync::mpsc;
use support::{Harness, RecordingHost, app, app_with, ctrl, parse_keys, scope_app, scope_library};

/// Every result holds every word of the query (folded, in title or text).
/// The reader at 120 columns and `height` rows, searching the whole archive for `query`.
fn archive_search(query: &str, height: u16) -> Harness {
    let mut h = Harness::new(scope_app(), 120, height);
    h.keys("aaa/");
    h.search_for(query);
    h
}

fn assert_results_hold(h: &Harness, words: &[&str]) {
    let view = h.app.search_view().unwrap();
    assert!(!view.hits.is_empty(), "no results");
    for hit in &view.hits {
        let item = h.app.item_at(*hit).1;
        let story = h.app.library().story(item.index).unwrap();
        let text = fold(&format!("{} {}", story.title, story.body));
        for w in words {
            assert!(text.contains(&fold(w)), "{} lacks {w}", item.title);
        }
    }
}

/// The cells where `needle` is on screen: (x, y) of each of its characters.
fn cells_of(buf: &Buffer, needle: &str) -> Vec<Vec<(u16, u16)>> {
    let want: Vec<String> = needle.chars().map(String::from).collect();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        // Each character once, at its first cell (a wide one's second cell is skipped).
        let mut cells: Vec<(u16, &str)> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            cells.push((x, symbol));
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        for start in 0..cells.len() {
            if cells[start..].len() >= want.len()
                && cells[start..start + want.len()]
                    .iter()
                    .zip(&want)
                    .all(|((_, s), w)| s == w)
            {
                out.push(
                    cells[start..start + want.len()]
                        .iter()
                        .map(|&(x, _)| (x, y))
                        .collect(),
                );
            }
        }
    }
    out
}

/// Moves down the results (`n`) to the first whose title starts with `start`.
fn select_result_titled(h: &mut Harness, start: &str) {
    while !h
        .app
        .search_view()
        .unwrap()
        .selected_hit()
        .is_some_and(|hit| h.app.item_at(hit).1.title.starts_with(start))
    {
        h.keys("n");
    }
}

fn is_marked(buf: &Buffer, cells: &[(u16, u16)]) -> bool {
    cells
        .iter()
        .all(|&(x, y)| buf[(x, y)].bg == Color::Yellow && buf[(x, y)].fg == Color::Black)
}

#[test]
fn slash_opens_the_search_line_with_a_hint() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("/");
    let view = h.app.search_view().expect("search is open");
    assert_eq!(view.focus, SearchFocus::Line);
    assert_eq!(
        view.scope,
        Scope::Day,
        "the search starts in the reader's scope"
    );
    let screen = h.text();
    assert!(
        screen.contains("输入关键词搜索 / type to search · 2026-01-20"),
        "{screen}"
    );
    assert!(
        screen.contains("-传闻"),
        "the hint shows the query language"
    );
    assert!(screen.contains(" / 输入关键词 / type to search"));
    // Enter on an empty line stays in it and says why.
    h.keys("<Enter>");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Line);
    assert_eq!(
        h.app.message().unwrap().text,
        "type what to search for first"
    );
    // The terminal's cursor is in the line, right after the prompt.
    h.terminal
        .draw(|f| ribao::tui::ui::draw(f, &mut h.app))
        .unwrap();
    let cursor = h.terminal.get_cursor_position().unwrap();
    assert_eq!((cursor.x, cursor.y), (3, 27));
}

#[test]
fn results_come_from_the_search_thread_as_one_types() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("aaa/");
    // One character: the search is asked for, and the screen says it is under way.
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert!(h.app.text_key(&key('推')));
    assert!(h.app.background_pending());
    let screen = h.text();
    assert!(
        screen.contains("结果 Results · 全部存档 · searching…"),
        "{screen}"
    );
    h.settle();
    assert_results_hold(&h, &["推"]);
    let first = h.app.search_view().unwrap().hits.len();
    assert!(h.text().contains(&format!("全部存档 · {first} results")));
    // The next character narrows the results; the line never waited for them.
    h.keys("理");
    h.settle();
    assert_results_hold(&h, &["推理"]);
    let second = h.app.search_view().unwrap().hits.len();
    assert!(second <= first && second >= 3, "{first} then {second}");
    assert_eq!(h.app.search_view().unwrap().answered, "推理");
    // Two words: both must match.
    h.keys(" 模型");
    h.settle();
    assert_results_hold(&h, &["推理", "模型"]);
}

#[test]
fn only_the_answer_to_the_latest_query_is_shown() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("aaa/");
    // Know when the search thread has answered, without taking the answer.
    let (woke, answered) = mpsc::channel();
    h.app.set_waker(move || {
        let _ = woke.send(());
    });
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    h.app.text_key(&key('芯'));
    answered
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the search thread answers");
    // The answer for 芯 is waiting; the query changes before the app takes it.
    h.app.text_key(&ctrl('u'));
    for c in "澄明".chars() {
        h.app.text_key(&key(c));
    }
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.line.text(), "澄明");
    assert_eq!(view.answered, "澄明");
    // The stale answer (stories with 芯 but not 澄明) never showed.
    assert_results_hold(&h, &["澄明"]);
    assert_eq!(h.app.search_view().unwrap().hits.len(), 1);
    // The same query again (a blank added) asks nothing new.
    h.keys(" ");
    assert!(!h.app.background_pending());
}

#[test]
fn the_loop_wakes_up_for_search_results() {
    // The real loop's way: the search thread wakes the loop through the app's waker, which
    // here sends into the same channel the "terminal" events come from.
    let (tx, rx) = mpsc::channel::<Event>();
    struct Channel<'a>(&'a mpsc::Receiver<Event>, bool);
    impl ribao::tui::EventSource for Channel<'_> {
        fn next(&mut self) -> Option<Event> {
            // End the loop once the wake-up has been handled.
            if self.1 {
                return None;
            }
            let event = self.0.recv().ok()?;
            self.1 = event == Event::Wake;
            Some(event)
        }
        fn try_next(&mut self) -> Option<Event> {
            None
        }
    }
    let mut app = scope_app();
    let wake = tx.clone();
    app.set_waker(move || {
        let _ = wake.send(Event::Wake);
    });
    for key in parse_keys("aaa/推理") {
        tx.send(Event::Key(key)).unwrap();
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    // Each run ends at a wake-up: that of a query typed on the way (`推`) may come first,
    // and while an answer is still due another wake-up will come.
    loop {
        run_app(
            &mut terminal,
            &mut app,
            &mut Channel(&rx, false),
            &mut RecordingHost::default(),
        )
        .unwrap();
        if !app.search_view().unwrap().pending {
            break;
        }
    }
    let view = app.search_view().unwrap();
    assert!(!view.pending && !view.hits.is_empty());
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("results"), "the results were drawn");
}

/// The status bar says how many of the results are unread, as it says of the stories of a
/// scope, and that they are all read once `A` marked them.
#[test]
fn the_status_bar_counts_the_unread_results() {
    let mut h = archive_search("推理", 30);
    let n = h.app.search_view().unwrap().hits.len();
    let status_says = |h: &mut Harness, said: String| {
        let rows = h.rows();
        let status = &rows[rows.len() - 2];
        assert!(status.contains(&said), "{said}: {status}");
    };
    status_says(&mut h, format!("{n} results, {n} unread"));
    // A long query on a wide screen: the count goes before the store's path, as one pane
    // at a time, since no pane beside the results counts them (tester G).
    h.resize(100, 30);
    h.keys("<Esc>/");
    h.search_for("推理 -没有这个词 -也没有那个词 -更没有别的词");
    let found = h.app.search_view().unwrap().hits.len();
    status_says(&mut h, format!("{found} results, {found} unread"));
    h.resize(120, 30);
    h.keys("<Esc>/");
    h.search_for("推理");
    h.keys("<Enter>AA");
    status_says(&mut h, format!("{n} results, all read"));
}

#[test]
fn results_show_date_source_title_and_a_snippet_with_the_match_marked() {
    let mut h = archive_search("推理", 30);
    let screen = h.text();
    insta::assert_snapshot!("search_results", h.marked_text());
    let buf = h.buffer();
    // Every "推理" in the results pane is marked, in titles and snippets, the selected
    // result's too (its row is highlighted, the match stays marked).
    let in_results: Vec<_> = cells_of(&buf, "推理")
        .into_iter()
        .filter(|cells| cells[0].0 < 68 && cells[0].1 < 26)
        .collect();
    assert!(in_results.len() >= 4, "{in_results:?}");
    for cells in &in_results {
        assert!(
            is_marked(&buf, cells),
            "unmarked match at {:?}\n{screen}",
            cells[0]
        );
    }
    let selected_row = 1;
    assert!(
        in_results.iter().any(|c| c[0].1 == selected_row),
        "the selected result has a marked match"
    );
    assert_eq!(
        buf[(1, selected_row)].symbol(),
        "›",
        "the first result is selected"
    );
    // Text next to a match is not marked.
    let first = &in_results[0];
    let (x, y) = first[first.len() - 1];
    assert_ne!(buf[(x + 2, y)].bg, Color::Yellow);
    assert!(screen.contains("结果 Results · 全部存档 · "));
}

#[test]
fn full_width_and_case_fold_in_the_marks() {
    let mut h = archive_search("ｇｐｕ", 30);
    assert_results_hold(&h, &["GPU"]);
    let buf = h.buffer();
    let marks = cells_of(&buf, "GPU");
    assert!(!marks.is_empty());
    assert!(marks.iter().all(|c| is_marked(&buf, c)));
}

#[test]
fn the_article_marks_every_match_and_n_walks_through_them() {
    let mut h = archive_search("推理", 24);
    // Down to the long story about 澄明, then open it.
    h.keys("<Enter>");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Results);
    select_result_titled(&mut h, "长江实验室");
    let index = h.app.search_view().unwrap().selected;
    h.keys("<Enter>");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.focus, SearchFocus::Article);
    let id = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    assert!(h.app.session().is_read(&id), "opening a result reads it");
    insta::assert_snapshot!("search_article", h.marked_text());
    let buf = h.buffer();
    let in_article: Vec<_> = cells_of(&buf, "推理")
        .into_iter()
        .filter(|c| c[0].0 > 40)
        .collect();
    assert!(in_article.len() >= 2);
    assert!(in_article.iter().all(|c| is_marked(&buf, c)));
    // n: the first match is the current one (its own colour), then on down the article,
    // scrolling to matches below the pane.
    h.keys("n");
    insta::assert_snapshot!("search_article_current_match", h.marked_text());
    let buf = h.buffer();
    let current: Vec<_> = cells_of(&buf, "推理")
        .into_iter()
        .filter(|c| buf[c[0]].bg == Color::LightRed)
        .collect();
    assert_eq!(current.len(), 1, "one current match");
    assert!(h.text().contains("文章 Article · match 1 of"));
    let total = {
        let title = h.rows()[0].clone();
        let after = title.split("match 1 of ").nth(1).unwrap();
        after
            .split_whitespace()
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    assert!(total >= 4, "{total}");
    let mut scrolled = false;
    for m in 2..=total {
        h.keys("n");
        assert!(h.text().contains(&format!("match {m} of {total}")));
        scrolled |= h.app.search_view().unwrap().scroll > 0;
        // The current match is on screen.
        let buf = h.buffer();
        assert!(
            (0..buf.area.height)
                .any(|y| (40..buf.area.width).any(|x| buf[(x, y)].bg == Color::LightRed)),
            "match {m} is not on screen"
        );
    }
    assert!(scrolled, "a match below the pane was scrolled to");
    // Past the last match: the next result, its first match, said as leaving the story.
    h.keys("n");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.selected, index + 1);
    assert_eq!(view.current, Some(0));
    let said = &h.app.message().unwrap().text;
    assert!(
        said.starts_with(&format!(
            "past the last match of the story: result {} of",
            index + 2
        )),
        "{said}"
    );
    // N from the first match: back to the previous result, at its last match.
    h.keys("N");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.selected, index);
    assert_eq!(view.current, Some(total - 1));
    assert!(h.text().contains(&format!("match {total} of {total}")));
}

/// A match that wrapping split over two rows is the current one on both: its second row
/// was marked as the other matches are (tester A).
#[test]
fn a_current_match_split_by_wrapping_is_current_on_both_rows() {
    // At 50 columns a row of the article holds 24 characters: the second 推理 is split.
    let body = format!("{}推理芯片。", "芯".repeat(23));
    let text = format!("# 日报 2026-01-20\n\n## 新闻\n\n### 1. 推理芯片\n\n{body}\n");
    let library = || {
        let digest =
            ribao::parse::parse(text.as_bytes(), std::path::Path::new("store/2026-01-20.md"));
        support::library_of(
            ribao::library::Origin::Store("/home/reader/digests".into()),
            vec![digest.unwrap()],
        )
    };
    let mut split = 0;
    for width in [52, 60] {
        let mut h = Harness::new(app_with(library(), TextOptions::default()), width, 30);
        h.keys("/");
        h.search_for("推理");
        h.keys("<Enter><Enter>");
        for _ in 0..2 {
            h.keys("n");
            let buf = h.buffer();
            let current: Vec<(u16, u16)> = (0..buf.area.height)
                .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
                .filter(|&c| buf[c].bg == Color::LightRed)
                .collect();
            // 推理: two wide characters (a wide one's second cell is not drawn on its own),
            // on one row or two.
            assert_eq!(current.len(), 2, "at {width} columns: {current:?}");
            split += usize::from(current[0].1 != current[1].1);
        }
    }
    assert_eq!(split, 1, "the match split by wrapping at 52 columns");
}

#[test]
fn n_and_shift_n_move_between_results_in_the_list() {
    let mut h = archive_search("推理", 30);
    h.keys("<Enter>");
    let len = h.app.search_view().unwrap().hits.len();
    h.keys("nn");
    assert_eq!(h.app.search_view().unwrap().selected, 2);
    h.keys("N");
    assert_eq!(h.app.search_view().unwrap().selected, 1);
    h.keys("G");
    assert_eq!(h.app.search_view().unwrap().selected, len - 1);
    h.keys("n");
    assert_eq!(h.app.message().unwrap().text, "already at the last result");
    // The preview follows the selection.
    let title = h
        .app
        .item_at(h.app.search_view().unwrap().selected_hit().unwrap())
        .1
        .title
        .to_string();
    let preview: String = title.chars().take(8).collect();
    assert!(h.text().contains(&preview));
}

/// A result read part-way shows where it was left when the selection comes back to it, as
/// a story does in the stories list (tester AO: it started at its top again).
#[test]
fn a_result_read_part_way_is_shown_where_it_was_left() {
    let mut h = archive_search("推理", 10);
    h.keys("<Enter>j");
    h.keys("<Enter>");
    h.keys("jjj");
    // Back in the results, the article is narrower: the same words, more rows down.
    h.keys("<Esc>");
    h.text();
    let left_at = h.app.search_view().unwrap().scroll;
    assert!(left_at > 0, "{}", h.text());
    h.keys("j");
    assert_eq!(
        h.app.search_view().unwrap().scroll,
        0,
        "another starts at its top"
    );
    h.keys("k");
    assert_eq!(h.app.search_view().unwrap().scroll, left_at);
}

/// Another query starts at its first result. The search reopened with `/` selects the
/// result selected when it closed, but only in the answer to that query: one typed over it
/// straight away jumped to that story, deep in its results, which looked out of order
/// (tester A). The same query in another scope keeps the selected story.
#[test]
fn another_query_starts_at_its_first_result() {
    let mut h = archive_search("模型", 30);
    h.keys("<Enter>nnn");
    let read = h.app.search_view().unwrap().selected_hit().unwrap();
    h.keys("<Esc>/");
    h.settle();
    assert_eq!(h.app.search_view().unwrap().selected_hit(), Some(read));
    h.keys("<Tab>");
    h.settle();
    assert_eq!(h.app.search_view().unwrap().selected_hit(), Some(read));
    h.keys("<Esc>/<C-u>的");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert!(view.hits[1..].contains(&read), "found again, not first");
    assert_eq!((view.selected, view.offset), (0, 0));
}

/// A source's name with a space, unquoted, is what the no-match page advises about.
#[test]
fn no_match_for_a_spaced_name_unquoted_shows_it_quoted() {
    let mut h = archive_search("source:AI 日报 zzzz", 30);
    let screen = common::unframed(&h.text());
    assert!(screen.contains("quoteit:source:\"AI日报\""), "{}", h.text());
    // With results too (the second word is in a story's text): said as they come (tester V).
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("2026-03-02.md"),
        "# AI 日报 2026-03-02\n\n## 新闻\n\n1. **日报改版**：今天的日报换了版式。\n",
    )
    .unwrap();
    let categorizer = ribao::categories::Categorizer::builtin();
    let library = ribao::library::Library::load_dir(tmp.path(), None, &categorizer, &mut |_| {});
    let mut h = Harness::new(app_with(library, TextOptions::default()), 120, 30);
    h.keys("/");
    h.search_for("source:AI 日报");
    assert_eq!(h.app.search_view().unwrap().hits.len(), 1);
    let said = &h.app.message().expect("the advice").text;
    assert!(said.contains("quote it: source:\"AI 日报\""), "{said}");
}

/// `J` / `K` read the next / previous result in the article, from the list or the article.
#[test]
fn j_and_k_in_capitals_read_the_next_and_previous_result() {
    let mut h = archive_search("推理", 30);
    h.keys("<Enter>");
    let hits = h.app.search_view().unwrap().hits.clone();
    assert!(hits.len() >= 2);
    let id = |h: &Harness, n: usize| h.app.item_at(hits[n]).1.id.to_string();
    h.keys("J");
    let view = h.app.search_view().unwrap();
    assert_eq!((view.selected, view.focus), (1, SearchFocus::Article));
    assert!(h.app.session().is_read(&id(&h, 1)));
    h.keys("K");
    assert_eq!(h.app.search_view().unwrap().selected, 0);
    h.keys("K");
    assert_eq!(h.app.message().unwrap().text, "already at the first result");
}

/// A key that would go before the results or past a result's article says so, as in the
/// reader's panes (tester DE: `h` in the results, `l` and Enter in the article, nothing).
#[test]
fn keys_past_the_results_or_the_article_say_so() {
    let mut h = archive_search("推理", 30);
    h.keys("<Enter>h");
    assert_eq!(
        h.app.message().map(|m| m.text.as_str()),
        Some("the results are the first level: Esc closes the search")
    );
    h.keys("<Enter>");
    for key in ["l", "<Enter>"] {
        h.keys(key);
        let view = h.app.search_view().unwrap();
        assert_eq!(view.focus, SearchFocus::Article, "{key}");
        assert_eq!(
            h.app.message().map(|m| m.text.as_str()),
            Some(
                "the article is the last level: o opens its link, h or Esc goes back to the results"
            ),
            "{key}"
        );
    }
    h.keys("h");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Results);
    // q in a result's story goes back to the results, as in the bookmarks view, then
    // closes the search (tester DW: it closed the search from the story).
    h.keys("<Enter>q");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Results);
    h.keys("q");
    assert!(h.app.search_view().is_none());
}

/// `v` over search results with none (or none selected) shows no file: it showed the file
/// of the date behind the search, unrelated to it (tester K).
#[test]
fn v_with_no_search_result_shows_no_file() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("zzzzqqq");
    h.keys("<Enter>v");
    assert!(h.app.file_view().is_none());
    assert_eq!(
        h.app.message().unwrap().text,
        "no story selected to show the file of"
    );
}

/// A bookmark opened from the bookmarks view over a search leaves the search for `/` and
/// `n` to bring back, as Esc does (it was dropped: `n` then said to press `/`).
#[test]
fn a_bookmark_opened_over_a_search_keeps_the_search_for_n() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("<Enter><Enter>b");
    h.keys("aaa/");
    h.search_for("推理");
    h.keys("<Enter>B<Enter>");
    assert!(
        h.app.search_view().is_none(),
        "the bookmark's story is shown"
    );
    h.keys("<Esc><Esc><Esc>n");
    let view = h.app.search_view().expect("n brings the search back");
    assert_eq!(view.line.text(), "推理");
}

#[test]
fn esc_restores_exactly_the_view_before_the_search() {
    let mut h = Harness::new(scope_app(), 120, 30);
    // Somewhere particular: last 7 days, a category, a story open and scrolled.
    h.keys("ac");
    while h.app.category().label() != "技术前沿解读" {
        h.keys("j");
    }
    h.keys("<Enter><Enter>jjj");
    let before_screen = h.text();
    let before = (
        h.app.scope(),
        h.app.date_index(),
        h.app.category().clone(),
        h.app.item_index(),
        h.app.opened().map(|(_, i)| i.id.to_string()),
        h.app.focus(),
        h.app.scroll(),
    );
    assert_eq!(before.5, Pane::Article);
    assert!(before.6 > 0);
    h.keys("/");
    h.search_for("模型");
    h.keys("<Tab>"); // another scope for the search only
    h.settle();
    // To the first result not read yet (the story open before is one of them).
    h.keys("<Enter>");
    let selected = |h: &Harness| {
        let hit = h.app.search_view().unwrap().selected_hit().unwrap();
        h.app.item_at(hit).1.id.to_string()
    };
    for _ in 0..5 {
        if !h.app.session().is_read(&selected(&h)) {
            break;
        }
        h.keys("j");
    }
    let opened = selected(&h);
    assert!(!h.app.session().is_read(&opened));
    h.keys("<Enter>nnjN");
    h.keys("<Esc>");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Results);
    h.keys("<Esc>");
    assert!(h.app.search_view().is_none());
    let after = (
        h.app.scope(),
        h.app.date_index(),
        h.app.category().clone(),
        h.app.item_index(),
        h.app.opened().map(|(_, i)| i.id.to_string()),
        h.app.focus(),
        h.app.scroll(),
    );
    assert_eq!(after, before);
    // Read marks are the only change: the stories opened from the search are read now, and
    // the category pane counts fewer unread ones.
    assert_eq!(
        common::without_read_marks(&h.text()),
        common::without_read_marks(&before_screen)
    );
    assert!(
        h.app.session().is_read(&opened),
        "the result opened is read"
    );

    // Esc in the search line closes it too, from the narrow layout as well.
    h.resize(70, 24);
    let narrow_before = h.text();
    h.keys("/推理<Esc>");
    assert!(h.app.search_view().is_none());
    assert_eq!(h.text(), narrow_before);
}

#[test]
fn the_search_line_edits_cjk_by_character() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("/");
    let line = |h: &Harness| h.app.search_view().unwrap().line.text().to_string();
    h.keys("英伟达");
    assert_eq!(line(&h), "英伟达");
    h.keys("<BS>");
    assert_eq!(line(&h), "英伟");
    // An input method commits several characters at once: one burst of key events.
    let burst = parse_keys("推理芯片").into_iter().map(Event::Key);
    run_app(
        &mut h.terminal,
        &mut h.app,
        &mut Scripted::new(burst),
        &mut h.host,
    )
    .unwrap();
    assert_eq!(line(&h), "英伟推理芯片");
    // An emoji with a skin tone goes in one Backspace.
    h.keys("👍🏽<BS>");
    assert_eq!(line(&h), "英伟推理芯片");
    // Left/Right/Home/End move by character; typing inserts at the cursor.
    h.keys("<Home><Right><Right> <End><Left><Left>·");
    assert_eq!(line(&h), "英伟 推理·芯片");
    h.keys("<Home><Del>");
    assert_eq!(line(&h), "伟 推理·芯片");
    assert!(h.text().contains(" / 伟 推理·芯片"));
    // Ctrl-W drops the last word, Ctrl-U the whole line.
    h.keys("<End><C-w>");
    assert_eq!(line(&h), "伟 ");
    h.keys("<C-u>");
    assert_eq!(line(&h), "");
    // Letters are text here, not keys: q does not quit, ? does not open the help.
    h.keys("q?j");
    assert_eq!(line(&h), "q?j");
    assert!(h.app.help_scroll().is_none());
    // Ctrl-h is Backspace, as a terminal set to send ^H for it sends it (tester DJ).
    h.keys("<C-h>");
    assert_eq!(line(&h), "q?");
}

/// A paste is one line of the text as a reader sees it: an escape sequence in it goes whole,
/// breaks and tabs are spaces (tester BM: `[31m` was left of `ESC[31m`).
#[test]
fn a_paste_into_the_search_line_leaves_out_escape_sequences_whole() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("/");
    h.app.paste("agent\rmodel\x1b[31m\tX\x07 \u{9b}2J推理");
    assert_eq!(
        h.app.search_view().unwrap().line.text(),
        "agent model X 推理"
    );
}

/// The search line's word keys are a shell's: Alt-b / Alt-f and Ctrl-← / Ctrl-→ move a word,
/// Alt-Backspace and Alt-d delete one; with results showing, none of them is Esc and a
/// command (tester AA: Alt-b removed the selected result's bookmark).
#[test]
fn the_search_line_moves_and_deletes_by_word_with_alt_and_ctrl() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("/英伟达 推理 芯片");
    let line = |h: &Harness| h.app.search_view().unwrap().line.text().to_string();
    h.keys("<A-b><A-b>新");
    assert_eq!(line(&h), "英伟达 新推理 芯片");
    h.keys("<C-Left><C-Left><C-Right>·");
    assert_eq!(line(&h), "英伟达· 新推理 芯片");
    h.keys("<A-f><A-BS>");
    assert_eq!(line(&h), "英伟达·  芯片");
    h.keys("<Home><A-d>");
    assert_eq!(line(&h), "  芯片");
    // A result bookmarked, then the query edited again over the results.
    let mut h = archive_search("澄明", 30);
    h.keys("<Enter>b/<End>");
    assert_eq!(h.app.session().bookmark_count(), 1);
    for alt in ["<A-b>", "<A-f>", "<A-BS>", "<A-d>"] {
        h.keys(alt);
        assert!(h.app.search_typing(), "{alt} left the line");
    }
    assert_eq!(h.app.session().bookmark_count(), 1);
}

/// The status bar and the breadcrumb say the query without the spaces typed around it
/// (tester AC: `搜索 “alpha ”` while the next word was coming).
#[test]
fn the_query_is_said_without_the_spaces_around_it() {
    for width in [120, 60] {
        let mut h = Harness::new(app(), width, 30);
        h.keys("/");
        h.search_for(" 英伟达 ");
        let shown = h.text();
        assert!(shown.contains("搜索 “英伟达”"), "{shown}");
        assert!(
            !shown.contains("“ 英伟达") && !shown.contains("英伟达 ”"),
            "{shown}"
        );
    }
}

#[test]
fn tab_changes_the_search_scope_and_the_title_says_it() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("模型");
    let day = h.app.search_view().unwrap().hits.len();
    assert!(h.text().contains("结果 Results · 2026-01-20 · "));
    let mut counts = vec![day];
    for (scope, label) in [
        (Scope::Week, "近7天 (01-14–01-20)"),
        (Scope::Month, "近30天 (2025-12-22–01-20)"),
        (Scope::All, "全部存档"),
    ] {
        h.keys("<Tab>");
        h.settle();
        let view = h.app.search_view().unwrap();
        assert_eq!(view.scope, scope);
        assert_eq!(view.focus, SearchFocus::Line, "still typing");
        let n = view.hits.len();
        counts.push(n);
        let screen = h.text();
        assert!(
            screen.contains(&format!("结果 Results · {label} · {n} results")),
            "{screen}"
        );
        assert!(screen.contains(&format!("范围 scope: {label}")), "{screen}");
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(counts[3] > counts[0], "{counts:?}");
    // The whole archive includes undated digests.
    h.keys("<C-u>检索");
    h.settle();
    let undated = h
        .app
        .search_view()
        .unwrap()
        .hits
        .iter()
        .any(|hit| h.app.item_at(*hit).0.date.is_none());
    assert!(undated);
    h.keys("<S-Tab>");
    h.settle();
    assert_eq!(h.app.search_view().unwrap().scope, Scope::Month);
    // From the results, `a` changes it.
    h.keys("<Enter>a");
    h.settle();
    assert_eq!(h.app.search_view().unwrap().scope, Scope::All);
    // The reader's own scope did not change.
    assert_eq!(h.app.scope(), Scope::Day);
}

/// A result read, then a scope without it (`a` in its article): the keys go back to the
/// results, which say there are none here; back in a scope that has it, it is selected again
/// (tester BU: the article's keys stayed offered over "no result to show", and the first
/// result was selected).
#[test]
fn a_result_read_is_selected_again_after_a_scope_without_it() {
    let mut h = archive_search("检索", 30);
    h.keys("<Enter>j<Enter>");
    let view = h.app.search_view().unwrap();
    assert!(view.hits.len() >= 2, "{}", h.text());
    assert_eq!(view.focus, SearchFocus::Article);
    let read = view.selected_hit();
    h.keys("a");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.scope, Scope::Day);
    assert!(view.hits.is_empty(), "{}", h.text());
    assert_eq!(view.focus, SearchFocus::Results);
    h.keys("aaa");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.scope, Scope::All);
    assert_eq!(view.selected_hit(), read);
}

/// A phrase's closing quote asks nothing new (the query is the same), but the message says
/// the query as it is on the line, quote and all.
#[test]
fn no_match_says_the_query_as_typed() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("\"量子 纠缠\"");
    let screen = h.text();
    // Quoted already, in no second pair of quotes (tester CO: `““…””` where a Chinese
    // keyboard typed them).
    assert!(screen.contains("no match for \"量子 纠缠\" in"), "{screen}");
    h.keys("<C-u>");
    h.search_for("“量子 纠缠”");
    let screen = h.text();
    assert!(screen.contains("no match for “量子 纠缠” in"), "{screen}");
    assert!(screen.contains("搜索 “量子 纠缠” ·"), "{screen}");
    assert!(!screen.contains("““"), "{screen}");
}

#[test]
fn a_query_without_results_says_so() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("量子纠缠");
    let screen = h.text();
    assert!(
        screen.contains("没有匹配 / no match for “量子纠缠” in 2026-01-20"),
        "{screen}"
    );
    // A wider scope would find nothing either: said, rather than sent there.
    assert!(
        screen.contains("Nothing in the whole archive (全部存档) matches either"),
        "{screen}"
    );
    assert!(screen.contains("0 results"));
    h.keys("<Enter><Enter>");
    assert_eq!(h.app.message().unwrap().text, "no result to open");
    // Nor one to act on; there are no stories to go to (tester AK: it sent the reader there).
    for key in ["L", "b", "y"] {
        h.keys(key);
        assert_eq!(h.app.message().unwrap().text, "no result to act on");
    }
    // Nor one to move to (tester AM: it said "already at the last result").
    for key in ["n", "J", "K"] {
        h.keys(key);
        assert_eq!(h.app.message().unwrap().text, "no result to move to");
    }
    // A word of another date: how many the archive has, and the key that widens the scope
    // (tester W: a first search of the date found nothing, and nothing said there were
    // stories elsewhere).
    h.keys("/<C-u>");
    h.search_for("一万两千");
    let screen = h.text();
    // A column in from the frame, as text is (tester BB: it touched it).
    assert!(screen.contains("│ 没有匹配 / no match"), "{screen}");
    assert!(
        common::unframed(&screen)
            .contains("Thewholearchive(全部存档)has1matchingstory:pressTab3times"),
        "{screen}"
    );
    // With the results focused, Tab is not the key: the advice names the one that is, and
    // how many steps are left (tester AU: the first led to the newest week, not the archive).
    h.keys("<Enter>");
    let screen = h.text();
    assert!(screen.contains("press a 3 times"), "{screen}");
    h.keys("a");
    h.settle();
    let screen = h.text();
    assert!(
        screen.contains("no match for “一万两千” in 近7天"),
        "{screen}"
    );
    assert!(screen.contains("press a 2 times"), "{screen}");
    h.keys("a");
    h.settle();
    assert!(
        h.text().contains("近30天 (2025-12-22–01-20) · 1 result"),
        "{}",
        h.text()
    );
    // A query of hundreds of words is said cut, and the advice stays in sight (tester O:
    // 14 rows of it pushed the advice off the pane).
    h.keys("/<C-u>");
    h.search_for(&"zzqx ".repeat(60));
    let screen = h.text();
    assert!(screen.contains("no match for “zzqx zzqx"), "{screen}");
    assert!(screen.contains("Nothing in the whole archive"), "{screen}");
    assert!(screen.contains("zzqx…” in 近30天"), "{screen}");
}

/// A `source:` or `category:` that names nothing is the reason given, not fewer words or a
/// wider scope (tester D).
#[test]
fn a_filter_naming_nothing_is_the_reason_given_for_no_match() {
    for (query, said) in [
        (
            "推理 source:nosuch",
            "no publication or outlet is named “nosuch”",
        ),
        (
            "推理 category:nosuch",
            "no story here is in a category named “nosuch”",
        ),
    ] {
        let mut h = Harness::new(scope_app(), 120, 30);
        h.keys("/");
        h.search_for(query);
        let screen = h.text();
        assert!(
            screen.contains(&format!("Nothing can match: {said}.")) && !screen.contains("wider"),
            "{screen}"
        );
    }
    // A word typed as a filter that is none is said to be text (tester DG).
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("tag:推理");
    let screen = h.text();
    assert!(
        screen.contains("“tag:” is no filter (source:, category:"),
        "{screen}"
    );
}

/// A name nothing has beside one that finds results is said with them (tester CU: it was
/// dropped unsaid).
#[test]
fn a_filter_name_naming_nothing_beside_one_that_finds_is_said() {
    let mut h = archive_search("推理 source:nosuch|日报", 30);
    assert!(!h.app.search_view().unwrap().hits.is_empty());
    h.settle();
    let said = "no publication or outlet is named “nosuch”; these are the stories of the other \
                names given";
    assert_eq!(h.app.message().map(|m| m.text.as_str()), Some(said));
    // Where nothing matches for another reason, it is not given as the reason (tester CY).
    let mut none = archive_search("不存在的词 source:nosuch|日报", 30);
    assert!(
        !none.text().contains("Nothing can match"),
        "{}",
        none.text()
    );
    assert_eq!(
        archive_search("推理 source:nosuch|日报", 30)
            .app
            .search_view()
            .unwrap()
            .hits,
        archive_search("推理 source:日报", 30)
            .app
            .search_view()
            .unwrap()
            .hits,
    );
}

#[test]
fn a_date_outside_the_scope_is_named_as_the_reason_for_no_match() {
    // A date no digest has, from the date's scope: said so, not "fewer words" (a review).
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("机器人 date:2024-05");
    assert!(
        h.text().contains("No digest is dated 2024-05."),
        "{}",
        h.text()
    );
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    // The test library's day is 2026-01-20; 2026-01-19 has stories with 机器人 in them.
    h.search_for("机器人 date:2026-01-19");
    let screen = h.text();
    // With how many the whole archive has, and the presses to reach it (tester CL: "press
    // Tab", and a Tab found nothing).
    assert!(
        common::unframed(&screen).contains(
            "2026-01-19isoutside2026-01-20.Thewholearchive(全部存档)has1matchingstory:pressTab3timestosearchit."
        ),
        "{screen}"
    );
    for _ in 0..3 {
        h.keys("<Tab>");
        h.settle();
    }
    assert_eq!(h.app.search_view().unwrap().answered_scope, Scope::All);
    assert!(h.text().contains("1 result"), "{}", h.text());
    h.run([ribao::tui::Event::Key(ctrl('u'))]);
    h.search_for("机器人 date:2024-05");
    assert!(
        h.text().contains("No digest is dated 2024-05."),
        "{}",
        h.text()
    );
}

#[test]
fn a_date_that_is_not_one_is_named_in_the_results() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("模型 date:2026-13");
    let screen = h.text();
    assert!(
        screen.contains("“date:2026-13” is not a date: use 2026, 2026-08,"),
        "{screen}"
    );
    assert!(!screen.contains("没有匹配"), "{screen}");
}

#[test]
fn links_marks_and_bookmarks_work_on_results() {
    let mut h = archive_search("澄明", 30);
    h.keys("<Enter>");
    h.keys("b");
    assert_eq!(h.app.session().bookmark_count(), 1);
    h.keys("o");
    assert_eq!(h.host.opened, ["https://example.com/news/chengming"]);
    h.keys("r");
    let hit = h.app.search_view().unwrap().selected_hit().unwrap();
    assert!(h.app.session().is_read(h.app.item_at(hit).1.id));
    // `[` and `c` belong to the main view.
    h.keys("[");
    assert_eq!(h.app.message().unwrap().text, "Esc closes the search first");
}

/// `a` in a result's article, to a scope whose results do not hold it: the keys go back to
/// the results, and the reader says why (tester CQ: another was read in its place, unsaid).
#[test]
fn a_scope_without_the_result_read_reads_no_other_in_its_place() {
    let mut h = archive_search("模型", 30);
    let read = |h: &Harness| {
        let view = h.app.search_view().unwrap();
        (view.focus == SearchFocus::Article).then(|| view.selected_hit())
    };
    // The last result, of an older date than the reader's.
    h.keys("<Enter>G<Enter>");
    let was = read(&h).expect("a result read");
    h.keys("a");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert!(!view.hits.is_empty(), "{}", h.text());
    assert_eq!(read(&h), None, "{}", h.text());
    assert_eq!(
        h.app.message().unwrap().text,
        "the story read is not among this scope's results: a goes on to the next scope"
    );
    h.keys("aaa");
    h.settle();
    assert_eq!(h.app.search_view().unwrap().selected_hit(), was);
    // Another result read meanwhile is the one kept through the scopes (a review: the
    // first came back in its place).
    h.keys("a");
    h.settle();
    h.keys("<Enter>");
    let other = read(&h).expect("another result read");
    assert_ne!(other, was);
    h.keys("aaa");
    h.settle();
    assert_eq!(read(&h), Some(other), "{}", h.text());
}

#[test]
fn the_search_view_renders_at_every_size() {
    let mut h = archive_search("模型", 30);
    h.keys("<Enter><Enter>n");
    for width in 1..=130u16 {
        for height in 1..=40u16 {
            h.terminal.backend_mut().resize(width, height);
            h.terminal
                .draw(|frame| ribao::tui::ui::draw(frame, &mut h.app))
                .unwrap_or_else(|e| panic!("{width}×{height}: {e}"));
        }
    }
}

#[test]
fn quitting_while_reading_a_result_reopens_the_search_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = Harness::new(support::app_saving_to(&path), 100, 10);
    // The whole archive browsed, a story highlighted in it, then a result read.
    h.keys("aaajj");
    let (scope, browsed) = (
        h.app.scope(),
        h.app.selected_item().unwrap().1.id.to_string(),
    );
    h.keys("/");
    h.search_for("推理");
    h.keys("<Enter>");
    select_result_titled(&mut h, "长江实验室");
    h.keys("<Enter>jj");
    let view = h.app.search_view().unwrap();
    let read = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    let (top, screen) = (view.scroll, h.text());
    assert!(top > 0, "the story is scrolled");
    h.app.save_on_quit().unwrap();

    let mut again = Harness::new(support::app_saving_to(&path), 100, 10);
    again.settle();
    assert_eq!(again.text(), screen, "the same screen");
    let view = again.app.search_view().expect("the search is open again");
    assert_eq!(view.focus, SearchFocus::Article);
    let shown = again
        .app
        .item_at(view.selected_hit().unwrap())
        .1
        .id
        .to_string();
    assert_eq!((shown, view.scroll), (read.clone(), top));
    // Under it, the place browsing had.
    again.keys("<Esc><Esc>");
    assert!(again.app.search_view().is_none());
    assert_eq!(again.app.scope(), scope);
    assert_eq!(again.app.selected_item().unwrap().1.id, browsed);

    // The line gone to before the answer came: the keys stay there, to type.
    let mut typing = Harness::new(support::app_saving_to(&path), 100, 10);
    typing.keys("/");
    typing.settle();
    let view = typing.app.search_view().unwrap();
    assert_eq!(view.focus, SearchFocus::Line);
    // Quit before the answer comes, the result to read is kept for the next start.
    let mut early = Harness::new(support::app_saving_to(&path), 100, 10);
    early.app.save_on_quit().unwrap();
    let mut late = Harness::new(support::app_saving_to(&path), 100, 10);
    late.settle();
    let view = late.app.search_view().unwrap();
    let shown = late
        .app
        .item_at(view.selected_hit().unwrap())
        .1
        .id
        .to_string();
    assert_eq!((view.focus, shown), (SearchFocus::Article, read));
}

/// The story read under a search left open keeps its place over a restart: the search
/// reopened before the first draw put it back at its top.
#[test]
fn the_story_under_a_search_left_open_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = Harness::new(support::app_saving_to(&path), 100, 10);
    h.keys("<Enter><Enter><Enter>jjj");
    assert_eq!(h.app.focus(), Pane::Article);
    let (scroll, screen) = (h.app.scroll(), h.text());
    assert!(scroll > 0, "the story is scrolled:\n{screen}");
    h.keys("/");
    h.search_for("推理");
    h.keys("<Enter>");
    h.app.save_on_quit().unwrap();

    let mut again = Harness::new(support::app_saving_to(&path), 100, 10);
    again.settle();
    assert!(again.app.search_view().is_some());
    again.keys("<Esc>");
    assert_eq!(again.app.scroll(), scroll);
    assert_eq!(again.text(), screen);
    // And after a second restart, the place not lost for good.
    again.app.save_on_quit().unwrap();
    let mut third = Harness::new(support::app_saving_to(&path), 100, 10);
    third.settle();
    assert_eq!(third.text(), screen);
}

/// The whole archive searched for 推理, the result from 长江实验室 open in a 120-column
/// terminal `height` rows high.
fn a_result_article_open(height: u16) -> Harness {
    let mut h = Harness::new(scope_app(), 120, height);
    h.keys("aaa/");
    h.search_for("推理");
    h.keys("<Enter>");
    select_result_titled(&mut h, "长江实验室");
    h.keys("<Enter>");
    h
}

#[test]
fn a_resize_keeps_the_place_in_a_search_result_article() {
    let mut h = a_result_article_open(12);
    let end = |h: &Harness| h.app.search_view().unwrap().max_scroll();
    let wide_end = end(&h);
    let down = wide_end / 2;
    h.keys(&"j".repeat(down));
    assert_eq!(h.app.search_view().unwrap().scroll, down);
    h.resize(220, 12);
    let (other_end, scroll) = (end(&h), h.app.search_view().unwrap().scroll);
    assert!(other_end < wide_end, "{other_end} vs {wide_end}");
    assert!(
        scroll.abs_diff(other_end / 2) <= 3,
        "{scroll} rows down of {other_end}; was {down} of {wide_end}"
    );
    // Back and forth: where it was, exactly.
    for _ in 0..3 {
        h.resize(73, 12);
        h.resize(120, 12);
    }
    assert_eq!(h.app.search_view().unwrap().scroll, down);
    // So after a size the whole story fits in, as in the reader (tester CN: at its top).
    h.resize(250, 80);
    assert_eq!(h.app.search_view().unwrap().scroll, 0);
    h.resize(120, 12);
    assert_eq!(h.app.search_view().unwrap().scroll, down);
}

/// After a resize the current match (the one `n` went to) is still on screen, marked, even
/// where keeping the words at the top would have left it below.
#[test]
fn a_resize_keeps_the_current_match_in_view() {
    let mut h = a_result_article_open(40);
    h.keys("n");
    let title = h.text();
    let after = title.split("match 1 of ").nth(1).expect("a match count");
    let total: usize = after.split_whitespace().next().unwrap().parse().unwrap();
    assert!(total >= 3, "{total}");
    h.keys(&"n".repeat(total - 1));
    let last = format!("match {total} of {total}");
    assert!(h.text().contains(&last), "{}", h.text());
    for (w, rows) in [(60, 12), (45, 9), (120, 40)] {
        h.resize(w, rows);
        let buf = h.buffer();
        let on_screen = (0..buf.area.height)
            .any(|y| (0..buf.area.width).any(|x| buf[(x, y)].bg == Color::LightRed));
        assert!(
            on_screen,
            "{w}x{rows}: the current match is off screen\n{}",
            h.text()
        );
        assert!(h.text().contains(&last), "{}", h.text());
    }
}

#[test]
fn the_meta_line_is_not_marked_since_search_does_not_look_there() {
    let mut h = Harness::new(scope_app(), 120, 24);
    h.keys("aaa/");
    // Every story's meta line names its publication, AI行业速递 or AI 日报; search looks
    // in the title and text only.
    h.search_for("ai");
    h.keys("<Enter><Enter>");
    assert_eq!(h.app.search_view().unwrap().focus, SearchFocus::Article);
    let buf = h.buffer();
    let rows = h.rows();
    let meta_row = rows
        .iter()
        .position(|r| r.contains(" · AI"))
        .expect("the meta line is on screen");
    let on_meta: Vec<_> = cells_of(&buf, "AI")
        .into_iter()
        .filter(|c| c[0].1 as usize == meta_row && c[0].0 > 40)
        .collect();
    assert!(!on_meta.is_empty());
    assert!(
        on_meta.iter().all(|c| !is_marked(&buf, c)),
        "{}",
        h.marked_text()
    );
    // The story's own text is still marked.
    let marked_elsewhere = cells_of(&buf, "AI")
        .into_iter()
        .chain(cells_of(&buf, "ai"))
        .any(|c| c[0].1 as usize != meta_row && c[0].0 > 40 && is_marked(&buf, &c));
    assert!(marked_elsewhere, "{}", h.marked_text());
}

/// The reader after searching 推理 over the last 7 days: and the results.
fn searched_the_week() -> (Harness, Vec<ribao::tui::app::ItemRef>) {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("推理");
    h.keys("<Tab>");
    h.settle();
    let found = h.app.search_view().unwrap().hits.clone();
    (h, found)
}

#[test]
fn the_last_search_comes_back_after_a_restart() {
    let (mut h, found) = searched_the_week();
    // The second result selected; the reader quits with the search still open.
    h.keys("<Enter>j");
    let state = ribao::state::State {
        position: Some(h.app.position()),
        ..Default::default()
    };
    let restarted = ribao::tui::App::new(
        scope_library(),
        TextOptions::default(),
        ribao::tui::Session::in_memory(state),
    );
    let mut h = Harness::new(restarted, 120, 30);
    h.settle();
    // Open as it was left, at its results.
    let view = h.app.search_view().expect("the search is open again");
    assert_eq!(view.line.text(), "推理");
    assert_eq!(view.scope, Scope::Week);
    assert_eq!(view.hits, found);
    assert_eq!(
        (view.focus, view.selected),
        (ribao::tui::SearchFocus::Results, 1),
        "the result that was selected"
    );
    // Closed, `/` brings it back, and `n` in the main view too, ready to step through.
    h.keys("<Esc>");
    assert!(h.app.search_view().is_none());
    h.keys("/");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!((view.line.text(), view.selected), ("推理", 1));
    h.keys("<Esc><Esc>");
    assert!(h.app.search_view().is_none());
    h.keys("n");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(
        (view.line.text(), view.focus, view.selected),
        ("推理", ribao::tui::SearchFocus::Results, 1)
    );
}

#[test]
fn slash_brings_back_the_last_query_selected_in_its_scope() {
    let (mut h, found) = searched_the_week();
    assert!(found.len() >= 2);
    // The second result selected, then the search closed from the results.
    h.keys("<Enter>j<Esc>");
    assert!(h.app.search_view().is_none());

    h.keys("/");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.line.text(), "推理");
    assert!(view.line.is_selected());
    assert_eq!(view.scope, Scope::Week);
    assert_eq!(view.hits, found, "its results");
    assert_eq!(view.selected, 1, "and the one that was selected");
    // Drawn selected: the query in reverse video.
    let buf = h.buffer();
    let cells = cells_of(&buf, "推理");
    let line = cells
        .iter()
        .find(|c| buf[c[0]].modifier.contains(Modifier::REVERSED));
    assert!(line.is_some(), "{}", h.text());

    // Typing replaces it.
    h.search_for("模型");
    assert_eq!(h.app.search_view().unwrap().line.text(), "模型");
    // End keeps it, to add to.
    h.keys("<Esc>/<End>");
    h.search_for(" 开源");
    assert_eq!(h.app.search_view().unwrap().line.text(), "模型 开源");
    // Backspace clears it whole.
    h.keys("<Esc>/<BS>");
    assert!(h.app.search_view().unwrap().line.is_empty());
    // A search closed empty leaves the last query as it was.
    h.keys("<Esc>/");
    assert_eq!(h.app.search_view().unwrap().line.text(), "模型 开源");
    // So does one closed on a query that found nothing (tester DJ: `n` then found nothing).
    h.search_for("zzqx");
    assert!(h.app.search_view().unwrap().hits.is_empty());
    h.keys("<Esc>/");
    assert_eq!(h.app.search_view().unwrap().line.text(), "模型 开源");
}

/// `/` from the results edits the query (a search brought back, its query selected, too):
/// the cursor at its end, the first key adding to it; Enter takes the change; Esc goes back
/// to the results as they were, the query and the result selected, as the footer says
/// (tester CX: the edit stayed and the result chosen was lost), and from there closes the
/// search.
#[test]
fn slash_from_the_results_edits_the_query_and_esc_goes_back_to_them() {
    let (mut h, _) = searched_the_week();
    h.keys("<Enter>j<Esc>/");
    h.settle();
    assert!(h.app.search_view().unwrap().line.is_selected());
    h.keys("<Enter>j");
    let chosen = h.app.search_view().unwrap().selected;
    assert!(chosen > 0);
    h.keys("/");
    h.search_for(" 开源");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.line.text(), "推理 开源");
    assert!(h.text().contains("Esc cancel edit"), "{}", h.text());
    h.keys("<Esc>");
    h.settle();
    let view = h.app.search_view().expect("still searching");
    assert_eq!(view.focus, ribao::tui::SearchFocus::Results);
    assert_eq!((view.line.text(), view.selected), ("推理", chosen));
    // A word typed and taken back, or the scope changed, come back as they were too (a
    // review; tester CY: the scope stayed changed).
    let scope = view.scope;
    h.search_for("/x");
    h.keys("<BS>");
    h.settle();
    h.keys("<Tab>");
    h.settle();
    h.keys("<Esc>");
    h.settle();
    let view = h.app.search_view().unwrap();
    assert_eq!((view.selected, view.scope), (chosen, scope));
    h.keys("/");
    h.search_for(" 开源<Enter>");
    assert_eq!(h.app.search_view().unwrap().line.text(), "推理 开源");
    h.keys("<Esc>");
    assert!(h.app.search_view().is_none());
}

/// A query of filters only lists the stories it lets through; the preview counts no matches,
/// as there are no words to match.
#[test]
fn a_filter_only_query_previews_without_a_match_count() {
    let mut h = Harness::new(scope_app(), 120, 30);
    h.keys("/");
    h.search_for("date:2026-01-20");
    assert!(!h.app.search_view().unwrap().hits.is_empty());
    let screen = h.text();
    assert!(screen.contains("预览 Preview ─"), "{screen}");
    assert!(!screen.contains("matches"), "{screen}");
}

/// A copy in another language keeps its `(EN)` in a result's source when the source is cut
/// to make room for the title, after its name cut at the end as another name is (`AI行…递`
/// read as two names, tester A; `Bubble's…in (EN)` cut a word, tester S).
#[test]
fn a_cut_source_keeps_its_language() {
    for (name, width, end) in [
        ("store/brief/2026-01-20.en.md", 50, "AI行… (EN)│"),
        ("store/brief/2026-01-20.md", 44, "AI行业…│"),
    ] {
        let copy = ribao::parse::parse(support::BRIEF_0120.as_bytes(), std::path::Path::new(name))
            .unwrap();
        let library = support::library_of(
            ribao::library::Origin::Store("/home/reader/digests".into()),
            vec![copy],
        );
        let mut h = Harness::new(app_with(library, TextOptions::default()), width, 16);
        // Over the archive: over one date the rows leave out its date.
        h.keys("aaa/");
        h.search_for("推理");
        let rows = h.rows();
        assert!(
            rows.iter()
                .any(|r| r.contains("› 2026-01-20") && r.ends_with(end)),
            "{rows:#?}"
        );
    }
}

/// At 40 columns a result's row is its date and title, its source giving way, and the
/// results pane's title keeps its count whole (tester G: seven characters of title beside
/// `AI每日…`, and `376 resul…`); wide, the source is there.
#[test]
fn a_narrow_result_row_gives_its_room_to_the_title() {
    let mut h = archive_search("推理", 30);
    let n = h.app.search_view().unwrap().hits.len();
    let (_, item) = h.app.item_at(h.app.search_view().unwrap().hits[0]);
    let title = item.title.to_string();
    let source = h
        .app
        .item_at(h.app.search_view().unwrap().hits[0])
        .0
        .source
        .clone();
    h.keys("<Enter>");
    let row = |h: &mut Harness| {
        h.rows()
            .into_iter()
            .find(|r| r.contains('›'))
            .expect("the selected result")
    };
    assert!(row(&mut h).contains(&source), "{}", row(&mut h));
    h.resize(40, 16);
    let narrow = row(&mut h);
    assert!(!narrow.contains(&source), "{narrow}");
    let shown: String = title.chars().take(9).collect();
    assert!(narrow.contains(&shown), "{narrow}");
    h.resize(34, 16);
    assert!(
        h.rows()[1].contains(&format!("结果 · 全部存档 · {n} results ")),
        "{:#?}",
        h.rows()
    );
}

/// A query too long for the status bar beside its count is cut there, the search line above
/// saying it whole: the count and how many are unread stay (tester J: at 100 columns a
/// 75-column query pushed them out).
#[test]
fn a_long_query_is_cut_in_the_status_bar_not_the_count() {
    let mut h = archive_search(
        "推理 -没有这个词 -也没有那个词 -更没有别的词 -还有一个很长的词 -最后一个很长很长的词",
        30,
    );
    h.resize(100, 30);
    let n = h.app.search_view().unwrap().hits.len();
    assert!(n > 0);
    let rows = h.rows();
    let status = &rows[rows.len() - 2];
    assert!(
        status.contains(&format!("· {n} results, {n} unread")) && status.contains("搜索 “推理 -没"),
        "{status}"
    );
    assert!(status.contains('…'), "the query cut: {status}");
}

/// The search line open over a store of one digest, `text`, at `width`×20.
fn searching_one_digest(text: &str, width: u16) -> Harness {
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-03-02.md"))
        .expect("parses");
    let library = support::library_of(
        ribao::library::Origin::Store(std::path::PathBuf::from("/store")),
        vec![digest],
    );
    let mut h = Harness::new(app_with(library, TextOptions::default()), width, 20);
    h.keys("/");
    h
}

/// At every width a result's snippet reads cleanly: what leads up to the match, cut, starts
/// after `…` with no closing punctuation or piece of a word (`…）宣布`, `…-5 均使用`), and a
/// match the row's end would cut is left out whole, never half marked or its `…` marked
/// (tester U).
#[test]
fn snippets_are_cut_cleanly_and_mark_only_whole_matches() {
    let lead = "据报道（消息人士称）宣布其GPT-5均使用其芯片，出货量在2026年第一季度大增。";
    let text = format!(
        "# 日报 2026-03-02\n\n## 新闻\n\n### 1. 监管新闻\n\n{lead}{lead}监管部门也在同步推进生成式人工智能服务备案工作，多家企业已完成备案。\n"
    );
    let mut h = searching_one_digest(&text, 120);
    h.search_for("人工智能 备案");
    for width in 30..=120 {
        h.resize(width, 20);
        let screen = h.marked_text();
        let snippet = screen
            .lines()
            .find(|l| l.contains("⟦") && !l.contains("监管新闻"))
            .unwrap_or_else(|| panic!("{width}: no snippet\n{screen}"));
        for marked in snippet.split('⟦').skip(1) {
            let marked = marked.split('⟧').next().unwrap();
            assert!(
                ["人工智能", "备案"].contains(&marked),
                "{width}: {marked:?} marked in {snippet}"
            );
        }
        if let Some((_, after)) = snippet.split_once('…') {
            let first = after.chars().next().unwrap();
            assert!(
                !"，。）】:;-5 ".contains(first),
                "{width}: starts at {first:?}: {snippet}"
            );
        }
    }
}

/// A long match that fits the row is shown whole and marked, the text before it cut shorter
/// for it (tester CW: at 60 and 120 columns the row showed what led up to it, and no match).
#[test]
fn a_long_match_that_fits_the_row_is_kept_in_it() {
    let word = "verylongvaluewithoutanybreaksatall0123456789abcdef";
    let text = format!(
        "# 日报 2026-03-02\n\n## 新闻\n\n### 1. 监管新闻\n\n{}地址见 https://e.example/q?p=1&param4={word}#section 以及更多。\n",
        "很长的前文。".repeat(20)
    );
    let mut h = searching_one_digest(&text, 120);
    h.search_for(word);
    for width in [60, 120, 160] {
        h.resize(width, 20);
        let screen = h.marked_text();
        assert!(screen.contains(&format!("⟦{word}⟧")), "{width}\n{screen}");
    }
}

/// A match a result's title is cut inside keeps its mark up to the cut, and the `…` after
/// it is not marked (tester CW: `Superc…` was marked whole).
#[test]
fn a_title_cut_inside_a_match_does_not_mark_its_ellipsis() {
    let word = &"Supercalifragilisticexpialidocious".repeat(2);
    let text = format!(
        "# 日报 2026-03-02\n\n## 新闻\n\n### 1. {}{word}\n\n正文。\n",
        "前".repeat(10)
    );
    let mut h = searching_one_digest(&text, 60);
    h.search_for(word);
    let screen = h.marked_text();
    let row = screen
        .lines()
        .find(|l| l.contains("前前前"))
        .expect("the result");
    assert!(row.contains("⟦Superc") && row.contains('…'), "{screen}");
    assert!(!row.contains("…⟧"), "{row}");
}

/// A title whose match the row's end would cut off keeps it in sight, what comes before it
/// cut instead (tester CZ: at 60 columns a title's only match was left out).
#[test]
fn a_titles_match_past_the_rows_end_is_kept_in_sight() {
    let title = "这是一个非常非常长的标题被截断的位置是否恰好落在匹配的关键词之内";
    let text = format!("# 日报 2026-03-02\n\n## 新闻\n\n### 1. {title}\n\n正文很短。\n");
    let mut h = searching_one_digest(&text, 60);
    h.search_for("关键词之内");
    let screen = h.marked_text();
    let row = screen
        .lines()
        .find(|l| l.contains('›'))
        .expect("the result");
    assert!(
        row.contains("⟦关键词之内⟧") && row.contains('…'),
        "{screen}"
    );
}

/// The empty preview's note wraps in a narrow preview, not cut (tester AI: `…is show` at 72
/// columns).
#[test]
fn the_empty_previews_note_wraps() {
    let mut h = Harness::new(app(), 72, 24);
    h.keys("/");
    let text = h.text();
    assert!(text.contains("shown") && text.contains("here"), "{text}");
}

/// Beside the story read below 100 columns, the results' dates leave out the year for the
/// titles (tester AI: 4 to 8 characters of title at 70 columns), or its century where they
/// are of several years.
#[test]
fn narrow_results_leave_out_the_year() {
    let mut h = Harness::new(app(), 96, 24);
    h.keys("aaa/");
    h.search_for("模型");
    h.keys("<Enter><Enter>");
    let text = h.text();
    assert!(text.contains("› 01-20"), "{text}");
    assert!(!text.contains("› 2026-"), "{text}");
    // Results of several years keep the year's last two digits (tester BJ: `12-31` came
    // after `01-04`).
    let mut h = Harness::new(scope_app(), 96, 24);
    h.keys("aaa/");
    h.search_for("的");
    h.keys("<Enter><Enter>");
    let text = h.text();
    assert!(text.contains("› 26-01-20"), "{text}");
    assert!(text.contains("  25-11-30"), "{text}");
    // Narrower, the date gives way to the title, as the stories list has none (tester CN:
    // at 80 columns a character of each title was left).
    h.resize(80, 24);
    let text = h.text();
    assert!(
        !text.contains("› 26-01-20") && !text.contains("25-11-30"),
        "{text}"
    );
    assert!(text.contains("│›  ✓ 小模型进入更…"), "{text}");
}

/// A library of one digest of 2026-03-02 whose text after its heading is `body`.
fn one_digest(body: &str) -> ribao::library::Library {
    let text = format!("# 测试日报 · 2026年03月02日\n\n{body}");
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("d/2026-03-02.md"));
    support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![digest.unwrap()],
    )
}

/// Too narrow for the count's word beside a story, the results' title keeps the number
/// whole (tester BK: `结果 · 998 resu…` at 80 columns).
#[test]
fn a_narrow_results_title_keeps_the_number_whole() {
    let stories: String = (1..=12)
        .map(|n| format!("{n}. 第{n}家公司发布新模型，推理成本下降。\n"))
        .collect();
    let library = one_digest(&format!("## 产品\n\n{stories}"));
    let mut h = Harness::new(app_with(library, TextOptions::default()), 70, 24);
    h.keys("/");
    h.search_for("模型");
    h.keys("<Enter><Enter>");
    let n = h.app.search_view().unwrap().hits.len();
    assert_eq!(n, 12);
    let top = h.rows()[0].clone();
    assert!(top.starts_with(&format!("┌ 结果 · {n} ─")), "{top}");
}

/// A preview whose only match is below its end shows it; the story opened reads from its
/// top (tester BL: the match went unseen in the preview).
#[test]
fn a_preview_shows_a_match_below_its_end() {
    let body: String = (1..=30)
        .map(|n| format!("第{n}段没有要找的词。\n\n"))
        .collect();
    let library = one_digest(&format!(
        "## 一家公司发布新品\n\n{body}最后一段说到量子计算。\n"
    ));
    let mut h = Harness::new(app_with(library, TextOptions::default()), 100, 20);
    h.keys("/");
    h.search_for("量子计算");
    assert_eq!(h.app.search_view().unwrap().hits.len(), 1);
    let text = h.text();
    assert!(text.contains("最后一段说到量子计算"), "{text}");
    assert!(!text.contains("第1段没有"), "{text}");
    h.keys("<Enter><Enter>");
    let text = h.text();
    assert!(text.contains("第1段没有"), "{text}");
}

/// Over one date the results leave out their date, which the scope says, for their titles
/// (tester BB: 15 characters of a title at 100 columns); over several they show it.
#[test]
fn results_over_one_date_leave_out_its_date() {
    let mut h = Harness::new(app(), 100, 24);
    h.keys("/");
    h.search_for("模型");
    let text = h.text();
    assert!(text.contains("›    小模型进入更多办公场景"), "{text}");
    assert!(!text.contains("› 2026-01-20"), "{text}");
    h.keys("<Tab><Tab><Tab>");
    h.settle();
    assert!(h.text().contains("› 2026-01-20"), "{}", h.text());
}

/// The syntax help, longer than the results pane, says it goes on (tester AJ: cut
/// mid-sentence at 80×24).
#[test]
fn the_search_help_cut_by_the_pane_says_so() {
    let mut h = Harness::new(app(), 80, 24);
    h.keys("/");
    let rows = h.rows();
    // The results pane's last row, above its border.
    let last = &rows[rows.len() - 5];
    let pane = last.split("││").next().unwrap_or_default();
    assert!(pane.trim_end().ends_with('…'), "{rows:#?}");
}

/// The words at the top of the article pane.
fn article_top(rows: &[String]) -> String {
    let row = rows[1].rsplit(['│', '┃']).nth(1).unwrap_or_default();
    row.trim().to_string()
}

/// A story read part-way in the reader is shown where it was left among a search's results,
/// and one read on there opens where it was read to back in the reader: one place per story
/// (tester AP: each started at its top in the other).
#[test]
fn the_reader_and_the_search_keep_one_place_per_story() {
    let mut h = Harness::new(app(), 120, 10);
    h.keys("<Enter><Enter>jjj<Enter>");
    h.keys("jjjj");
    let read_to = article_top(&h.rows());
    let title = h.app.opened().unwrap().1.title.to_string();
    h.keys("/");
    h.search_for("推理模型");
    h.keys("<Enter>");
    select_result_titled(&mut h, &title);
    // The results' article is narrower: the same words start its top row.
    let shown = article_top(&h.rows());
    assert!(
        !shown.is_empty() && read_to.starts_with(&shown),
        "shown at {shown:?}, read to {read_to:?}"
    );
    h.keys("<Enter>");
    h.keys("jjjj");
    let read_on = article_top(&h.rows());
    assert_ne!(read_on, shown);
    h.keys("<Esc><Esc>");
    assert!(h.app.search_view().is_none());
    let back = article_top(&h.rows());
    assert!(
        back.starts_with(&read_on),
        "back at {back:?}, read on to {read_on:?}"
    );
}

/// Backspace on an empty search line goes back as Esc does, as the help says (tester DQ:
/// it did nothing there); on a line with text it deletes.
#[test]
fn backspace_on_an_empty_search_line_closes_it() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("/");
    h.search_for("ab");
    h.keys("<BS><BS>");
    assert!(h.app.search_view().unwrap().line.is_empty());
    h.keys("<BS>");
    assert!(h.app.search_view().is_none(), "{}", h.text());
}

/// A search reopened over a later start's other days, where the result read is no longer
/// among them, says why: its date is outside the scope, not that its file changed (tester
/// EG: the place moved back by another build, the last 30 days were others).
#[test]
fn a_result_read_outside_a_reopened_searchs_days_is_said_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = Harness::new(
        support::app_of_saving_to(support::scope_library(), &path),
        100,
        10,
    );
    h.keys("aa/");
    assert_eq!(h.app.scope(), Scope::Month);
    h.search_for("推理");
    h.keys("<Enter>");
    select_result_titled(&mut h, "长江实验室");
    h.keys("<Enter>");
    h.app.save_on_quit().unwrap();
    // As another build saved the place: an earlier date, the 30 days up to it.
    let saved = std::fs::read_to_string(&path).unwrap();
    let moved = saved
        .replace("\"date\": \"2026-01-20\"", "\"date\": \"2026-01-05\"")
        .replace("\"scope_end\": null", "\"scope_end\": \"2026-01-05\"");
    assert_ne!(moved, saved);
    std::fs::write(&path, moved).unwrap();
    let mut again = Harness::new(
        support::app_of_saving_to(support::scope_library(), &path),
        100,
        10,
    );
    again.settle();
    let said = again
        .app
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("is not among the results: its date is outside 30天 (2025-12-07–01-05)"),
        "{said}: {}",
        again.text()
    );
}

/// Keys pressed in the results before the answer to the query typed has come move through
/// that answer, and Enter reads the result they reach, once it comes (tester EL:
/// `/openai⏎jjj` typed fast left the first result selected, and an early Enter was lost).
#[test]
fn moves_made_before_the_answer_comes_are_made_in_it() {
    let tmp = tempfile::tempdir().unwrap();
    // Large enough that its search takes longer than the keys after it.
    let store = common::generated_store(tmp.path(), 400, 50, "推理芯片的新进展。");
    let cache = tmp.path().join("cache");
    let library = ribao::library::Library::load_dir(
        &store,
        Some(&cache),
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    let mut h = Harness::new(support::app_with(library, TextOptions::default()), 100, 30);
    h.keys("aaa/");
    h.keys("推理<Enter>jjj<Enter>");
    h.settle();
    let screen = h.text();
    let view = h.app.search_view().unwrap();
    assert!(view.hits.len() > 3, "{screen}");
    assert_eq!(
        (view.selected, view.focus),
        (3, SearchFocus::Article),
        "{screen}"
    );
}
