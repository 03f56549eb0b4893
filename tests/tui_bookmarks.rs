//! Bookmarks and the saved position in the reader, driven by keys on TestBackend.

mod common;
mod tui_support;
use ribao::state::{Bookmark, Change, Position, State};
use ribao::text::TextOptions;
use ribao::tui::{App, Pane, Scope, Session};
use tui_support::{Harness, library};

fn app_with_state(state: State) -> App {
    App::new(library(), TextOptions::default(), Session::in_memory(state))
}

/// The session's bookmarks, in id order (to compare sets whatever order they were made in).
fn bookmarks_by_id(h: &Harness) -> Vec<Bookmark> {
    let mut all = h.app.session().bookmarks();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// The id of the bookmark selected in the bookmarks view.
fn selected_id(h: &Harness) -> String {
    let view = h.app.bookmarks_view().expect("the bookmarks view is open");
    view.selected().expect("a bookmark is selected").id.clone()
}

/// What the status bar says now.
fn said(h: &Harness) -> String {
    h.app.message().expect("a message").text.clone()
}

#[test]
fn b_bookmarks_the_highlighted_story_and_b_again_removes_it() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>j");
    let (id, title) = {
        let item = h.app.selected_item().unwrap().1;
        (item.id.to_string(), item.title.to_string())
    };
    h.keys("b");
    assert!(h.app.session().is_bookmarked(&id));
    let screen = h.text();
    // Named: `b` in the story list acts on the highlighted story, not the one shown.
    let named: String = title.chars().take(8).collect();
    assert!(
        screen.contains(&format!("★ bookmarked “{named}")),
        "{screen}"
    );
    assert!(
        screen.contains("★ 1"),
        "bookmark count in the status bar:\n{screen}"
    );
    h.keys("b");
    assert!(!h.app.session().is_bookmarked(&id));
    assert!(h.text().contains("bookmark removed"));
}

/// The story read says whether it is bookmarked, one pane at a time too (tester CM: only
/// the count in the status bar said anything).
#[test]
fn the_article_read_says_it_is_bookmarked() {
    for width in [120, 50] {
        let mut h = Harness::new(app_with_state(State::default()), width, 30);
        h.keys("<Enter><Enter><Enter>");
        assert!(h.app.opened().is_some(), "{}", h.text());
        let title_row = |h: &mut Harness| {
            let rows = h.rows();
            rows.into_iter()
                .find(|r| r.contains("文章 Article"))
                .unwrap()
        };
        assert!(!title_row(&mut h).contains('★'), "{}", h.text());
        h.keys("b");
        assert!(
            title_row(&mut h).contains("文章 Article · ★"),
            "{}",
            h.text()
        );
        h.keys("b");
        assert!(!title_row(&mut h).contains('★'), "{}", h.text());
    }
    // A search result read, as well.
    let mut h = Harness::new(app_with_state(State::default()), 120, 30);
    h.keys("<Enter><Enter><Enter>b");
    let title = h.app.opened().unwrap().1.title.to_string();
    h.keys("/");
    h.search_for(&format!("\"{title}\""));
    h.keys("<Enter><Enter>");
    let rows = h.rows();
    let row = rows.iter().find(|r| r.contains("文章 Article")).unwrap();
    assert!(row.contains("文章 Article · ★ · 1 match"), "{}", h.text());
    // Before the count, which a narrow pane cuts first (tester CP).
    h.resize(28, 30);
    let rows = h.rows();
    let row = rows.iter().find(|r| r.contains("文章 Article")).unwrap();
    assert!(row.contains("文章 Article · ★"), "{}", h.text());
}

/// The terminal's own cursor is where the caret of the line being typed is drawn: in the
/// bookmarks' filter, and in the `:` date line, as in the search's (tester EE: hidden in a
/// corner, where an input method showed what was being composed).
#[test]
fn the_cursor_is_at_the_caret_of_a_line_being_typed() {
    use unicode_width::UnicodeWidthStr;
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>b<Esc><Esc>");
    // A filter longer than its line keeps the caret and what is typed last in sight, as the
    // search line does (tester EJ: both were past the pane's edge); so does one moved back.
    let long = format!("B/{}", "模型".repeat(40));
    let back = format!("B/{}<Home><Right><Right>", "长的".repeat(40));
    for keys in ["B/新闻", ":2026", &long, &back] {
        h.keys(keys);
        h.terminal
            .draw(|f| ribao::tui::ui::draw(f, &mut h.app))
            .unwrap();
        let rows = h.rows();
        let y = rows.iter().position(|r| r.contains('▏')).unwrap();
        let x = rows[y][..rows[y].find('▏').unwrap()].width();
        let cursor = h.terminal.get_cursor_position().unwrap();
        assert_eq!((cursor.x as usize, cursor.y as usize), (x, y), "{keys}");
        h.keys("<Esc><Esc>");
    }
}

#[test]
fn bookmarks_view_lists_filters_removes_and_opens() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    // Bookmark two stories of the first date, then one of the next date.
    h.keys("<Enter><Enter>bjb<Esc><Esc>[<Enter><Enter>b");
    assert_eq!(h.app.session().bookmark_count(), 3);
    let newest = h.app.selected_item().unwrap().1.title.to_string();
    h.keys("B");
    let screen = h.text();
    assert!(screen.contains("书签 Bookmarks · 3"), "{screen}");
    insta::assert_snapshot!("bookmarks_view", screen);
    // The view's own key stays named on a narrower terminal (tester CM: not at 60 columns).
    h.resize(60, 40);
    let footer = h.rows().last().cloned().unwrap();
    assert!(footer.contains("d remove"), "{footer}");
    h.resize(120, 40);
    // Newest first.
    assert_eq!(
        h.app.bookmarks_view().unwrap().selected().unwrap().title,
        newest
    );

    // Filter by a word of one title (typed as a user would, CJK included).
    let wanted = h.app.session().bookmarks()[2].title.clone();
    let word: String = wanted.chars().take(3).collect();
    h.keys("/");
    // The line edits as the search line does: a word typed and taken back with Ctrl-w.
    h.keys("zzz<C-w>");
    assert_eq!(h.app.bookmarks_view().unwrap().visible().len(), 3);
    h.keys(&word);
    h.keys("<Enter>");
    let view = h.app.bookmarks_view().unwrap();
    assert!(view.visible().iter().all(|b| b.title.contains(&word)));
    let chosen = selected_id(&h);
    assert!(h.text().contains(&format!("/ {word}")));
    h.keys("<Esc>");
    let view = h.app.bookmarks_view().unwrap();
    assert_eq!(view.visible().len(), 3, "Esc clears the filter first");
    assert_eq!(selected_id(&h), chosen, "still on the one found");

    // d removes the selected bookmark, saying which; u puts it back as it was (made when it
    // was made: among bookmarks of other times, in its place).
    let before = bookmarks_by_id(&h);
    h.keys("d");
    assert_eq!(h.app.session().bookmark_count(), 2);
    assert_eq!(h.app.bookmarks_view().unwrap().visible().len(), 2);
    // In the words `b` uses in the stories (tester CM).
    assert!(said(&h).starts_with("bookmark removed: "), "{}", said(&h));
    assert!(said(&h).contains("u puts it back"), "{}", said(&h));
    h.keys("u");
    assert_eq!(bookmarks_by_id(&h), before, "the same bookmark");
    assert_eq!(selected_id(&h), chosen);
    h.keys("u");
    assert!(said(&h).contains("nothing to undo"));
    h.keys("d");
    assert_eq!(h.app.session().bookmark_count(), 2);
    // ? shows the help over the view; closing it comes back to the view.
    h.keys("?");
    assert!(h.app.help_scroll().is_some());
    h.keys("?");
    // Backspace on an empty filter closes it as Esc does, the view staying (tester DU: it
    // did nothing).
    h.keys("/ab<BS><BS>");
    assert!(h.app.bookmarks_view().unwrap().typing);
    h.keys("<BS>");
    assert!(!h.app.bookmarks_view().unwrap().typing, "{}", h.text());
    assert!(h.app.bookmarks_view().is_some());
    // q closes the view, as Esc does, and does not quit (it did, which surprised).
    assert_eq!(h.app.update(ribao::tui::action::Action::Quit), None);
    assert!(h.app.bookmarks_view().is_none());
    h.keys("B");

    // Enter opens the story in the article view and marks it read.
    let target = selected_id(&h);
    h.keys("<Enter>");
    assert!(h.app.bookmarks_view().is_none());
    assert_eq!(h.app.focus(), Pane::Article);
    let (_, opened) = h.app.opened().unwrap();
    assert_eq!(opened.id, target);
    assert!(h.app.session().is_read(&target));
}

/// `r` marks the selected bookmark's story read, or unread again, from the list: a reading
/// list is read down without opening each story (tester BN: `r` was no key here).
#[test]
fn r_in_the_bookmarks_view_marks_the_selected_one_read_and_unread() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>b<Esc><Esc>B");
    let id = selected_id(&h);
    assert!(!h.app.session().is_read(&id));
    h.keys("r");
    assert!(h.app.session().is_read(&id));
    assert!(said(&h).contains("read"), "{}", said(&h));
    assert!(
        h.rows().iter().any(|r| r.contains("› ✓ ")),
        "{:#?}",
        h.rows()
    );
    h.keys("r");
    assert!(!h.app.session().is_read(&id));
    assert!(h.app.bookmarks_view().is_some(), "still in the view");
}

/// The reader at 120×40 having bookmarked stories of the first date with `marking` (keys in
/// its stories list), back at the dates; and where it is.
fn bookmarked_then_back(marking: &str) -> (Harness, Position) {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys(&format!("<Enter><Enter>{marking}<Esc><Esc>"));
    let browsing = h.app.position();
    (h, browsing)
}

#[test]
fn esc_in_a_story_opened_from_the_bookmarks_goes_back_to_them() {
    let (mut h, browsing) = bookmarked_then_back("bjb");
    h.keys("B");
    // The bookmarks' own keys in the status bar, not the panes' behind them.
    let hints = h.text().lines().last().unwrap().to_string();
    assert!(
        hints.contains("d remove") && hints.contains("/ filter"),
        "{hints}"
    );
    assert!(!hints.contains("categories"), "{hints}");
    // The second bookmark, read and scrolled: Esc is back in the list, on it.
    h.keys("j<Enter>jj");
    assert_eq!(h.app.focus(), Pane::Article);
    assert!(
        h.text().lines().last().unwrap().contains("Esc bookmarks")
            && h.text().contains("J/K next/prev bookmark"),
        "{}",
        h.text()
    );
    // (`v`, the story's file, keeps the way back: here the story has no file to show.)
    h.keys("v<Esc>");
    let view = h.app.bookmarks_view().expect("the bookmarks again");
    assert_eq!(view.selected, 1);
    // Read now, and marked so in the list.
    assert!(h.text().contains("› ✓ "), "{}", h.text());
    // Esc closes them: back where the reader was before the bookmarks.
    h.keys("<Esc>");
    assert!(h.app.bookmarks_view().is_none());
    assert_eq!(h.app.position(), browsing);
    // A bookmark removed while reading its story is gone from the list Esc returns to.
    h.keys("B<Enter>b<Esc>");
    assert_eq!(h.app.bookmarks_view().unwrap().visible().len(), 1);
    h.keys("<Esc>");
    // Gone elsewhere (another date), Esc goes back as it always does.
    h.keys("B<Enter>[<Enter><Enter><Esc>");
    assert!(h.app.bookmarks_view().is_none());
    assert_eq!(h.app.focus(), Pane::Items);
    // `q` goes back too, as it closes the bookmarks view itself (tester AC: it quit).
    h.keys("B<Enter>q");
    assert!(h.app.bookmarks_view().is_some());
    h.keys("q");
    assert!(h.app.bookmarks_view().is_none());
    // And `h`, a level up (tester DE: it went to the date's stories, the place before `B`
    // lost).
    let before = h.app.position();
    h.keys("B<Enter>h");
    assert!(h.app.bookmarks_view().is_some());
    h.keys("<Esc>");
    assert_eq!(h.app.position(), before);
}

/// `J` / `K` in a story opened from the bookmarks read the next / previous bookmark, and Esc
/// still goes back to them and then to where the reader was (J had read on through the
/// date's stories, leaving the bookmarks for good; tester W).
#[test]
fn j_and_k_in_capitals_read_on_through_the_bookmarks() {
    let (mut h, browsing) = bookmarked_then_back("bjjb");
    h.keys("B<Enter>");
    let marks: Vec<String> = h
        .app
        .session()
        .bookmarks()
        .iter()
        .map(|b| b.id.clone())
        .collect();
    let opened = |h: &Harness| h.app.opened().unwrap().1.id.to_string();
    // The status bar says which bookmark is read (tester AU: it said the date's counts).
    let status = |h: &mut Harness| h.rows().into_iter().rev().nth(1).unwrap();
    let said = status(&mut h);
    assert!(said.contains("书签 Bookmarks · reading 1 of 2"), "{said}");
    let first = opened(&h);
    h.keys("J");
    let said = status(&mut h);
    assert!(said.contains("书签 Bookmarks · reading 2 of 2"), "{said}");
    let second = opened(&h);
    assert_ne!(first, second);
    assert!(
        marks.contains(&first) && marks.contains(&second),
        "{marks:?}"
    );
    h.keys("J");
    assert_eq!(
        h.app.message().unwrap().text,
        "already at the last bookmark"
    );
    h.keys("K");
    assert_eq!(opened(&h), first);
    h.keys("<Esc>");
    assert_eq!(
        h.app
            .bookmarks_view()
            .expect("the bookmarks again")
            .selected,
        0
    );
    h.keys("<Esc>");
    assert_eq!(h.app.position(), browsing);
}

/// The bookmarks list takes `J` / `K` and `l` as the search's results do: the bookmark below
/// / above opened, the one selected opened (tester DJ: each was said to be no key there).
#[test]
fn j_k_and_l_in_the_bookmarks_list_open_a_bookmark() {
    let (mut h, _) = bookmarked_then_back("bjjb");
    h.keys("B");
    let marks: Vec<String> = (h.app.bookmarks_view().unwrap().visible().iter())
        .map(|b| b.id.clone())
        .collect();
    let opened = |h: &Harness| h.app.opened().map(|(_, v)| v.id.to_string());
    h.keys("J");
    assert_eq!(
        opened(&h).as_ref(),
        Some(&marks[1]),
        "{:?}",
        h.app.message()
    );
    h.keys("<Esc>K");
    assert_eq!(
        opened(&h).as_ref(),
        Some(&marks[0]),
        "{:?}",
        h.app.message()
    );
    h.keys("<Esc>K");
    assert_eq!(
        h.app.message().unwrap().text,
        "already at the first bookmark"
    );
    h.keys("jl");
    assert_eq!(
        opened(&h).as_ref(),
        Some(&marks[1]),
        "{:?}",
        h.app.message()
    );
    h.keys("<Esc>h");
    assert!(
        h.app
            .message()
            .unwrap()
            .text
            .starts_with("the bookmarks are the first level")
    );
}

/// `b` on a bookmark's story read from the bookmarks removes it; `J` then reads the one
/// after it, and `K` the one before (tester O: `J` said it was the last).
#[test]
fn j_and_k_after_removing_the_bookmark_read_go_on_from_its_place() {
    for (step, next) in [("J", 2), ("K", 0)] {
        let (mut h, _) = bookmarked_then_back("bjbjb");
        h.keys("B");
        let marks: Vec<String> = (h.app.bookmarks_view().unwrap().visible().iter())
            .map(|b| b.id.clone())
            .collect();
        assert_eq!(marks.len(), 3);
        h.keys("j<Enter>");
        let opened = |h: &Harness| h.app.opened().unwrap().1.id.to_string();
        assert_eq!(opened(&h), marks[1]);
        h.keys("b");
        // Removed, it has no place among them.
        assert!(h.text().contains("书签 Bookmarks · 2 "), "{}", h.text());
        h.keys(step);
        assert_eq!(opened(&h), marks[next], "{step}: {:?}", h.app.message());
    }
    // Removed at an end, the way on from it is the other way, and skips none (tester Q:
    // after `already at the last`, `K` skipped one).
    for (open, there, back, next) in [("G", "J", "K", 1), ("", "K", "J", 1)] {
        let (mut h, _) = bookmarked_then_back("bjbjb");
        h.keys("B");
        let marks: Vec<String> = (h.app.bookmarks_view().unwrap().visible().iter())
            .map(|b| b.id.clone())
            .collect();
        h.keys(&format!("{open}<Enter>b{there}"));
        assert!(h.app.message().unwrap().text.starts_with("already at the"));
        h.keys(back);
        let opened = h.app.opened().unwrap().1.id.to_string();
        assert_eq!(opened, marks[next], "{open}{there}{back}");
    }
}

/// At 80 columns a story read from the bookmarks names its links in the key bar: the longer
/// `next/prev bookmark` took their room (tester O).
#[test]
fn a_bookmarks_story_names_its_links_at_80_columns() {
    let mut h = Harness::new(app_with_state(State::default()), 80, 24);
    h.keys("<Enter>");
    while h.app.selected_item().unwrap().1.url.is_none() {
        h.keys("j");
    }
    h.keys("<Enter>b<Esc><Esc>B<Enter>");
    assert!(
        h.app.opened().unwrap().1.url.is_some(),
        "a story with a link"
    );
    let bar = h.rows().last().unwrap().clone();
    assert!(
        bar.contains("o open link") && bar.contains("L links") && bar.contains("bookmark"),
        "{bar}"
    );
}

/// Under a filter, the last bookmark `J` reaches is the last the filter lets through: the
/// message says so, or the bookmarks it hides seemed gone (tester K).
#[test]
fn the_end_of_the_bookmarks_names_the_filter_that_ends_them() {
    let (mut h, _) = bookmarked_then_back("bjb");
    let title = h.app.session().bookmarks()[0].title.clone();
    let word: String = title.chars().take(3).collect();
    h.keys(&format!("B/{word}<Enter><Enter>J"));
    assert_eq!(
        h.app.message().unwrap().text,
        format!("already at the last bookmark matching “{word}”")
    );
}

/// The only bookmark is of a story whose digest file is gone; it is opened from the view.
fn gone_bookmark_opened(title: &str, url: Option<&str>) -> Harness {
    bookmark_opened_in("/store/2025-12-31.md", title, url)
}

/// The only bookmark is of a story no digest has, in the file `path`; opened from the view.
fn bookmark_opened_in(path: &str, title: &str, url: Option<&str>) -> Harness {
    opened_alone(gone_mark(path, title, url))
}

/// A bookmark of a story no digest has, in the file `path`.
fn gone_mark(path: &str, title: &str, url: Option<&str>) -> Bookmark {
    Bookmark {
        id: "000000000000".into(),
        date: Some("2025-12-31".into()),
        source: "旧日报".into(),
        category: Some("观点洞察".into()),
        title: title.into(),
        url: url.map(Into::into),
        path: path.into(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        extra: Default::default(),
    }
}

/// The reader with `mark` its only bookmark, opened from the bookmarks view.
fn opened_alone(mark: Bookmark) -> Harness {
    let state = State {
        bookmarks: vec![mark],
        ..State::default()
    };
    let mut h = Harness::new(app_with_state(state), 100, 30);
    h.keys("B<Enter>");
    h
}

/// Over a gone bookmark's page the help opens and `r` marks it read, as in the list; `L` is
/// not offered where its copy has no link (tester CG: each said "Esc goes back to the
/// bookmarks", and the hints offered `L` for none).
#[test]
fn a_gone_bookmarks_page_takes_help_and_read_keys() {
    // (An address with no web scheme in the text is no link either: a review.)
    let mark = Bookmark {
        text: Some("正文没有链接，只有 s3://bucket/key。".into()),
        ..gone_mark("/store/2025-12-31.md", "旧新闻", None)
    };
    let mut h = opened_alone(mark);
    assert!(!h.text().contains("L lists the links"), "{}", h.text());
    let hints = h.rows().last().unwrap().clone();
    assert!(!hints.contains("L links"), "{hints}");
    h.keys("r");
    assert!(h.app.session().is_read("000000000000"), "{}", h.text());
    h.keys("?");
    assert!(h.app.help_scroll().is_some(), "{}", h.text());
}

/// `L` over a bookmark whose story is gone lists the links of the copy it kept, as over a
/// story, shown or from the list (tester AW: it did nothing, or said the file "does not hold
/// it" of a file gone).
#[test]
fn l_lists_the_links_a_gone_bookmark_kept() {
    let mark = Bookmark {
        text: Some("正文见[原文](https://a.example/kept)。".into()),
        ..gone_mark(
            "/store/2025-12-31.md",
            "旧新闻",
            Some("https://a.example/own"),
        )
    };
    let mut h = opened_alone(mark);
    assert!(h.text().contains("L lists the links"), "{}", h.text());
    // Named in the hints too; no file to show, said as such (tester AX: the system's words).
    let hints = h.rows().last().unwrap().clone();
    assert!(
        hints.contains("L links") && !hints.contains("v file"),
        "{hints}"
    );
    h.keys("v");
    let said = &h.app.message().unwrap().text;
    assert!(said.starts_with("no file to show"), "{said}");
    for back_to_list in [false, true] {
        if back_to_list {
            h.keys("<Esc>");
            assert!(h.app.bookmarks_view().unwrap().missing.is_none());
        }
        h.keys("L");
        let shown = h.text();
        let links = h.app.links_view().unwrap_or_else(|| panic!("{shown}"));
        let urls: Vec<&str> = links.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://a.example/own", "https://a.example/kept"]);
        assert_eq!(links.story, "旧新闻");
        h.keys("<Esc>");
    }
}

/// `o` and `y` over a gone bookmark whose link cannot be opened (a hand edit's
/// `javascript:`), or that has none, say so, as over a story (tester CA: nothing happened).
#[test]
fn a_gone_bookmarks_link_that_cannot_be_opened_is_said() {
    for (url, said) in [
        (Some("javascript:alert(1)"), "this bookmark's link is not"),
        (None, "this bookmark has no link"),
    ] {
        let mut h = gone_bookmark_opened("旧新闻", url);
        // `L` says it of the bookmark too (tester CK: "this story has no link").
        if url.is_none() {
            h.keys("L");
            let message = h.app.message().map(|m| m.text.clone());
            assert_eq!(message.as_deref(), Some(said), "L");
        }
        for key in ["o", "y"] {
            h.keys(key);
            let message = h.app.message().map(|m| m.text.clone());
            assert!(
                message.as_deref().is_some_and(|m| m.starts_with(said)),
                "{key}: {message:?}"
            );
        }
    }
    // Without a link of its own, the first of the text it kept, as a story's (a review).
    let mut h = opened_alone(Bookmark {
        text: Some("正文见[原文](https://a.example/kept)。".into()),
        ..gone_mark("/store/2025-12-31.md", "旧新闻", None)
    });
    // Named where it is shown, and in the hints (tester CD: only `L` was).
    let hints = h.rows().last().unwrap().clone();
    assert!(hints.contains("o open link"), "{hints}");
    assert!(
        h.text().contains("o opens the link, y copies it"),
        "{}",
        h.text()
    );
    h.keys("oy");
    assert_eq!(h.host.opened, ["https://a.example/kept"]);
    assert_eq!(h.host.copied, ["https://a.example/kept"]);
    // From the list too, as `L` lists it there (tester CD).
    h.keys("<Esc>oy");
    assert!(h.app.bookmarks_view().is_some_and(|v| v.missing.is_none()));
    assert_eq!(h.host.opened, ["https://a.example/kept"; 2]);
    assert_eq!(h.host.copied, ["https://a.example/kept"; 2]);
}

/// A bookmark whose story is gone shows the text it kept, rendered as a story's, and it
/// scrolls (tester Z: only the title and the link were left).
#[test]
fn a_gone_bookmark_shows_the_text_it_kept() {
    let paragraphs: Vec<String> = (1..=40)
        .map(|n| format!("第{n}段：保存下来的正文。"))
        .collect();
    let mut h = opened_alone(Bookmark {
        text: Some(paragraphs.join("\n\n")),
        ..gone_mark("/store/2025-12-31.md", "旧新闻", None)
    });
    let screen = h.text();
    assert!(
        screen.contains("its text too") && screen.contains("第1段：保存下来的正文。"),
        "{screen}"
    );
    assert!(!screen.contains("第40段"), "{screen}");
    // A column in from the frame, as an article's text is (tester AU: flush against it).
    let row = h.rows().into_iter().find(|r| r.contains("第1段")).unwrap();
    assert!(row.contains("┃ 第1段"), "{row}");
    // Which bookmark is read, as for one whose story is there (tester AW).
    assert!(
        screen.contains("书签 Bookmarks · reading 1 of 1"),
        "{screen}"
    );
    h.keys("G");
    let screen = h.text();
    assert!(screen.contains("第40段：保存下来的正文。"), "{screen}");
    assert!(!screen.contains("第1段："), "{screen}");
    h.keys("g");
    assert!(h.text().contains("第1段："));
}

/// Over a bookmark whose story is not in the store, `J`/`K` read on through the bookmarks
/// and `d` or `b` removes it, as over a story read from them (tester Q: they did nothing).
#[test]
fn a_missing_bookmarks_view_steps_on_and_removes() {
    let mut h = gone_bookmark_opened("旧新闻", None);
    let bar = h.rows().last().unwrap().clone();
    assert!(
        bar.contains("next/prev bookmark") && bar.contains("remove"),
        "{bar}"
    );
    h.keys("J");
    assert_eq!(said(&h), "already at the last bookmark");
    // Another bookmark, of a story the store has, beside it: J or K reads it.
    h.keys("<Esc><Esc><Enter><Enter>bB");
    let order: Vec<String> = (h.app.bookmarks_view().unwrap().visible().iter())
        .map(|b| b.id.clone())
        .collect();
    let gone_at = order.iter().position(|id| id == "000000000000").unwrap();
    h.keys(&format!("{}<Enter>", "j".repeat(gone_at)));
    assert!(h.app.bookmarks_view().unwrap().missing.is_some());
    let (step, other) = if gone_at == 0 { ("J", 1) } else { ("K", 0) };
    h.keys(step);
    assert_eq!(h.app.opened().unwrap().1.id.to_string(), order[other]);
    // Back at it, `d` removes it, and the list is there again.
    h.keys(&format!("<Esc>g{}<Enter>d", "j".repeat(gone_at)));
    assert_eq!(h.app.session().bookmark_count(), 1);
    assert!(said(&h).contains("u puts it back"), "{}", said(&h));
    assert!(h.app.bookmarks_view().unwrap().missing.is_none());
}

/// A bookmark of a story whose file was deleted since the store was read shows its saved
/// copy in the view, as once the store is read again: Enter had left the view for another
/// date, saying the story was no longer in the store (tester R).
#[test]
fn a_bookmark_whose_file_was_just_deleted_shows_its_copy_in_the_view() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    for day in ["2026-03-01", "2026-03-02"] {
        let text = format!("# 日报 {day}\n\n1. {day} 示例公司发布新产品，面向开发者开放。\n");
        std::fs::write(store.join(format!("{day}.md")), text).unwrap();
    }
    let library = ribao::library::Library::load_dir(
        &store,
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    let older = library.digests().len() - 1;
    let story = library.item(library.digests()[older].items.start);
    let state = State {
        bookmarks: vec![Bookmark::for_item(&library.digests()[older], &story, None)],
        ..State::default()
    };
    let app = App::new(library, TextOptions::default(), Session::in_memory(state));
    let mut h = Harness::new(app, 100, 30);
    std::fs::remove_file(store.join("2026-03-01.md")).unwrap();
    h.keys("B<Enter>");
    let view = h.app.bookmarks_view().expect("still in the bookmarks view");
    assert!(view.missing.is_some(), "its saved copy is shown");
    let screen = h.text();
    assert!(screen.contains("the digest file is gone"), "{screen}");
    h.keys("<Esc><Esc>");
    let date = h
        .app
        .current_date()
        .and_then(|g| g.date)
        .map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2026-03-02"), "the date stays");
}

/// A bookmark whose title a hand edit blanked is `(untitled)` in the list and on its page,
/// as on the command line, not a blank row.
#[test]
fn a_blanked_bookmark_title_shows_as_untitled() {
    let mut h = bookmark_opened_in("/gone/2025-12-31.md", " ", None);
    assert!(h.text().contains("(untitled)"), "{}", h.text());
    h.keys("<Esc>");
    let rows = h.rows();
    assert!(
        rows.iter().any(|r| r.contains("2025-12-31  (untitled)")),
        "{rows:#?}"
    );
}

/// A bookmark a hand edit left naming no file says so, with no empty name where the file's
/// would be (tester CD: `ribao bookmarks` printed "its digest file  is gone").
#[test]
fn a_bookmark_naming_no_file_says_so() {
    let mut h = bookmark_opened_in("", "无路径的书签", None);
    let screen = h.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        screen.contains("the bookmark names no digest file — this is what the bookmark kept"),
        "{screen}"
    );
}

#[test]
fn a_bookmark_whose_file_is_gone_shows_its_saved_title_and_link() {
    let mut h = gone_bookmark_opened("已删除文件里的一篇文章", Some("https://example.com/gone"));
    let screen = h.text();
    assert!(screen.contains("已删除文件里的一篇文章"), "{screen}");
    assert!(screen.contains("https://example.com/gone"));
    assert!(screen.contains("the digest file is gone"));
    // Narrow, the breadcrumb names it under the view (tester DV: only the view).
    h.resize(60, 24);
    assert!(
        h.rows()[0].contains("书签 Bookmarks › 已删除文件里的一篇文章"),
        "{}",
        h.text()
    );
    h.resize(100, 30);
    h.keys("<Esc>");
    assert!(h.app.bookmarks_view().unwrap().missing.is_none());
    h.keys("<Esc>");
    assert!(h.app.bookmarks_view().is_none());
}

/// A gone bookmark's link with an escape sequence in it is shown as `o` opens and `y`
/// copies it, percent-encoded, not cut where the sequence was (tester AL: it showed
/// `https://e.com/` and opened `https://e.com/%1B]52;…`).
#[test]
fn a_gone_bookmarks_link_is_shown_as_it_is_opened() {
    let url = "https://e.com/\u{1b}]52;c;cHduZWQ=\u{7}";
    let mut h = gone_bookmark_opened("链接里有转义", Some(url));
    let screen = h.text();
    assert!(
        screen.contains("https://e.com/%1B]52;c;cHduZWQ=%07"),
        "{screen}"
    );
    h.keys("y");
    assert_eq!(h.host.copied, ["https://e.com/%1B]52;c;cHduZWQ=%07"]);
}

#[test]
fn a_bookmark_whose_story_left_its_file_says_so_not_that_the_file_is_gone() {
    let path = library().digests()[0].path.to_string_lossy().into_owned();
    let mut h = bookmark_opened_in(&path, "改写后找不到的一篇", None);
    let screen = h.text();
    assert!(
        screen.contains("the digest no longer has this story"),
        "{screen}"
    );
    assert!(!screen.contains("file is gone"), "{screen}");
    // In the list it is marked before it is opened (it looked like any other: tester I);
    // one the store holds is not.
    h.keys("<Esc>");
    let rows = h.rows();
    assert!(
        rows.iter()
            .any(|r| r.contains("⚠ 2025-12-31  改写后找不到的一篇")),
        "{rows:#?}"
    );
    h.keys("<Esc><Enter><Enter>bB");
    let rows = h.rows();
    assert_eq!(
        rows.iter().filter(|r| r.contains('⚠')).count(),
        1,
        "{rows:#?}"
    );
}

/// A bookmark made on a built-in sample, once the store has digests of its own (and the
/// samples are no longer shown): said so, not that a file is gone.
#[test]
fn a_bookmark_of_a_built_in_sample_says_so_not_that_its_file_is_gone() {
    let mut h = bookmark_opened_in("samples/2026-01-24-ai-daily.md", "示例里的一篇", None);
    let screen = h.text();
    assert!(screen.contains("a built-in sample"), "{screen}");
    assert!(!screen.contains("file is gone"), "{screen}");
    // In the list it is no bookmark the store no longer holds: it never held it, and `v`
    // says so (tester CI: marked ⚠, and `v` said the store no longer held it).
    h.keys("<Esc>");
    let rows = h.rows();
    assert!(
        rows.iter()
            .any(|r| r.contains("· 2025-12-31  示例里的一篇")),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| !r.contains('⚠')), "{rows:#?}");
    h.keys("v");
    assert!(h.text().contains("not this store's"), "{}", h.text());
}

/// A bookmark of a file that is there, in another store: said so, with how to read it, not
/// that the file is gone (tester G; `ribao bookmarks` said it already).
#[test]
fn a_bookmark_of_a_file_in_another_store_says_so_not_that_it_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("2025-12-31.md");
    std::fs::write(&elsewhere, "# 别处的日报\n\n1. 别处的一篇。\n").unwrap();
    let mut h = bookmark_opened_in(&elsewhere.to_string_lossy(), "别处的一篇", None);
    let screen = h.text();
    assert!(
        screen.contains("the digest file is not in this store (--store its folder to read"),
        "{screen}"
    );
    assert!(!screen.contains("file is gone"), "{screen}");
    // Its file is there: `v` shows it (tester I: it did nothing), and Esc goes back to the
    // bookmark's copy.
    assert!(screen.contains("v shows the file"), "{screen}");
    // The key bar offers it too (tester J).
    let rows = h.rows();
    assert!(rows.last().unwrap().contains("v file"), "{rows:#?}");
    h.keys("v");
    let shown = h.app.file_view().expect("the file shown");
    assert!(shown.text.contains("别处的一篇"), "{}", shown.text);
    h.keys("<Esc>");
    assert!(h.app.file_view().is_none());
    assert!(h.app.bookmarks_view().unwrap().missing.is_some());
    // Another key says how to go back, rather than nothing.
    h.keys("c");
    assert!(
        h.text().contains("Esc goes back to the bookmarks"),
        "{}",
        h.text()
    );
    // In the list it is marked as not this store's, and `v` shows its file there too
    // (it said the store no longer held its story).
    h.keys("<Esc>");
    let rows = h.rows();
    assert!(
        rows.iter().any(|r| r.contains("· 2025-12-31  别处的一篇")),
        "{rows:#?}"
    );
    h.keys("v");
    assert!(h.app.file_view().is_some(), "{}", h.text());
}

/// `v` on a bookmark whose path a hand edit pointed at no file (`/dev/zero`, which never
/// ends) says so rather than read it.
#[test]
fn v_on_a_bookmark_of_no_file_says_so() {
    let mut h = bookmark_opened_in("/dev/zero", "无尽", None);
    h.keys("v");
    assert!(h.app.file_view().is_none());
    let text = h.text();
    assert!(text.contains("no file to show"), "{text}");
}

/// A long link of a gone story's bookmark goes on beside its 🔗 and hangs under itself, as
/// an article's does (tester G: the 🔗 alone on its row, the address under it unindented).
#[test]
fn a_gone_bookmarks_long_link_goes_on_beside_its_mark() {
    let url = format!("https://example.com/{}", "a".repeat(150));
    let mut h = gone_bookmark_opened("链接很长的文章", Some(&url));
    let rows = h.rows();
    let at = rows
        .iter()
        .position(|r| r.contains("🔗"))
        .expect("a link row");
    assert!(rows[at].contains("🔗 https://example.com/aaa"), "{rows:#?}");
    let mark = rows[at].chars().position(|c| c == '🔗').unwrap();
    let under: String = rows[at + 1].chars().skip(mark).collect();
    assert!(
        under.starts_with("   aaa"),
        "hangs under the address: {rows:#?}"
    );
}

#[test]
fn a_gone_bookmark_without_a_link_offers_no_link_keys() {
    let mut h = gone_bookmark_opened("没有链接的文章", None);
    let screen = h.text();
    assert!(screen.contains("the digest file is gone"), "{screen}");
    assert!(
        !screen.contains("o opens") && !screen.contains("open link"),
        "{screen}"
    );
    assert!(
        screen.lines().last().unwrap().contains("Esc back"),
        "{screen}"
    );
}

#[test]
fn the_reader_reopens_at_the_saved_date_category_story_and_scroll() {
    // Short enough that the article scrolls.
    let mut h = Harness::new(app_with_state(State::default()), 100, 10);
    // Second date, its second category, first story, scrolled.
    h.keys("[<Enter>j<Enter><Enter>jj");
    let position = h.app.position();
    assert!(
        position.item.is_some() && position.scroll == 2,
        "{position:?}"
    );
    let (date, category, item) = (
        h.app.date_index(),
        h.app.category_index(),
        h.app.opened().unwrap().1.id.to_string(),
    );

    let saved = State {
        position: Some(position.clone()),
        ..State::default()
    };
    let mut again = Harness::new(app_with_state(saved), 100, 10);
    again.text();
    assert_eq!(
        (again.app.date_index(), again.app.category_index()),
        (date, category)
    );
    assert_eq!(again.app.opened().unwrap().1.id, item);
    assert_eq!(again.app.focus(), Pane::Article);
    assert_eq!(again.app.scroll(), 2);
    assert_eq!(again.app.position(), position);
}

#[test]
fn a_story_highlighted_beside_an_open_one_is_where_the_reader_reopens() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 30);
    h.keys("<Enter><Enter><Enter><Esc>jj");
    let highlighted = h.app.selected_item().unwrap().1.id.to_string();
    let open = h.app.opened().unwrap().1.id.to_string();
    assert_ne!(open, highlighted);
    let saved = State {
        position: Some(h.app.position()),
        ..State::default()
    };
    let again = Harness::new(app_with_state(saved), 120, 30);
    assert_eq!(again.app.focus(), Pane::Items);
    assert_eq!(again.app.selected_item().unwrap().1.id, highlighted);
    assert_eq!(
        again.app.opened().unwrap().1.id,
        open,
        "still open beside it"
    );
}

#[test]
fn a_start_at_another_size_opens_at_the_same_words() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 12);
    h.keys("<Enter><Enter>jjj<Enter>");
    h.keys(&"j".repeat(h.app.max_scroll() / 2));
    let position = h.app.position();
    let place = |p: &Position| p.extra["place"].as_u64().unwrap();
    let saved = State {
        position: Some(position.clone()),
        ..State::default()
    };
    let mut again = Harness::new(app_with_state(saved), 200, 12);
    again.text();
    let now = again.app.position();
    assert_eq!(now.item, position.item);
    // The row at the top holds the saved place: it starts at or before it, by less than a
    // row (a row of 200 columns holds fewer than 200 characters).
    assert!(
        place(&now) <= place(&position) && place(&position) - place(&now) < 200,
        "{now:?} vs {position:?}"
    );
    assert!(
        again.app.scroll() < position.scroll,
        "fewer rows down when wider"
    );
}

#[test]
fn the_front_pages_scrolled_beside_a_highlighted_story_are_where_the_reader_reopens() {
    // Short enough that the front pages scroll.
    let mut h = Harness::new(app_with_state(State::default()), 120, 12);
    // The stories, the first highlighted, then the front pages (`i`) and down.
    h.keys("<Enter><Enter>ijjj");
    assert!(h.app.opened().is_none(), "nothing opened");
    let highlighted = h.app.selected_item().unwrap().1.id.to_string();
    let saved = State {
        position: Some(h.app.position()),
        ..State::default()
    };
    let mut again = Harness::new(app_with_state(saved), 120, 12);
    again.text();
    assert_eq!(again.app.selected_item().unwrap().1.id, highlighted);
    assert!(again.app.opened().is_none(), "still the front pages");
    assert_eq!(again.app.focus(), Pane::Article);
    assert_eq!(again.app.scroll(), 3);
}

#[test]
fn the_pane_with_the_focus_is_where_the_reader_reopens() {
    for (keys, pane) in [
        ("<Enter><Enter>jj<Esc><Esc>", Pane::Dates),
        ("<Enter><Enter>jj<Esc>", Pane::Categories),
    ] {
        let mut h = Harness::new(app_with_state(State::default()), 120, 30);
        h.keys("]");
        h.keys(keys);
        assert_eq!(h.app.focus(), pane);
        let (date, category) = (h.app.date_index(), h.app.category_index());
        let saved = State {
            position: Some(h.app.position()),
            ..State::default()
        };
        let again = Harness::new(app_with_state(saved), 120, 30);
        assert_eq!(again.app.focus(), pane, "{keys}");
        assert_eq!(
            (again.app.date_index(), again.app.category_index()),
            (date, category),
            "{keys}"
        );
    }
}

#[test]
fn bookmarks_keep_their_publication_in_one_column_when_narrow() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 30);
    h.keys("<Enter><Enter>bjb<Esc><Esc>[<Enter><Enter>b");
    h.resize(60, 20);
    h.keys("B");
    let rows: Vec<String> = h
        .rows()
        .into_iter()
        .filter(|r| r.contains("┃") && r.contains("2026-01-"))
        .collect();
    assert_eq!(rows.len(), 3, "{rows:#?}");
    let columns: Vec<usize> = rows
        .iter()
        .map(|r| {
            let at = r
                .find("AI")
                .unwrap_or_else(|| panic!("no publication: {r}"));
            ribao::text::str_width(&r[..at], TextOptions::default())
        })
        .collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{rows:#?}");
}

#[test]
fn an_undated_bookmarks_title_starts_in_the_dated_ones_column() {
    let mark = |id: &str, date: Option<&str>, title: &str| Bookmark {
        id: id.into(),
        date: date.map(Into::into),
        source: "某刊".into(),
        title: title.into(),
        path: "/gone.md".into(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    let state = State {
        bookmarks: vec![
            mark("00000000000a", None, "无日期的收藏"),
            mark("00000000000b", Some("2026-01-02"), "有日期的收藏"),
        ],
        ..State::default()
    };
    let mut h = Harness::new(app_with_state(state), 100, 30);
    h.keys("B");
    let columns: Vec<usize> = ["无日期", "有日期"]
        .iter()
        .map(|title| {
            let row = h.rows().into_iter().find(|r| r.contains(title)).unwrap();
            let at = row.find(title).unwrap();
            ribao::text::str_width(&row[..at], TextOptions::default())
        })
        .collect();
    assert_eq!(columns[0], columns[1], "{}", h.text());
}

/// Its date gone, older than any left: the nearest, the oldest dated one (tester CJ: the
/// newest, the other end of the archive).
#[test]
fn a_saved_position_that_no_longer_exists_is_skipped() {
    let stale = Position {
        date: Some("1999-01-01".into()),
        item: Some("nosuchid0000".into()),
        scroll: 9,
        ..Position::default()
    };
    let app = app_with_state(State {
        position: Some(stale),
        ..State::default()
    });
    let oldest = app.dates().iter().rposition(|g| g.date.is_some()).unwrap();
    assert!(oldest > 0);
    assert_eq!((app.date_index(), app.focus()), (oldest, Pane::Dates));
}

/// The reader over the multi-date test library, started at `position`.
fn scope_reader_at(position: Position) -> Harness {
    let state = State {
        position: Some(position),
        ..State::default()
    };
    let app = App::new(
        tui_support::scope_library(),
        TextOptions::default(),
        Session::in_memory(state),
    );
    Harness::new(app, 120, 30)
}

/// A position saved at `date`, with one key of its own beside.
fn saved_on(date: &str, key: &str, value: &str) -> Position {
    let mut saved = Position {
        date: Some(date.into()),
        ..Position::default()
    };
    saved.extra.insert(key.into(), value.into());
    saved
}

/// A saved date the store no longer has, in the whole-archive scope: the next older date
/// is shown, as the message says, its first story selected; not the newest date's.
#[test]
fn a_saved_date_gone_from_the_archive_scope_gives_way_to_the_next_older_one() {
    let mut h = scope_reader_at(saved_on("2026-01-10", "scope", "all"));
    let shown = h.app.dates()[h.app.date_index()]
        .date
        .map(|d| d.to_string());
    assert_eq!(shown.as_deref(), Some("2026-01-05"));
    let (digest, _) = h.app.items()[h.app.item_index()];
    assert_eq!(
        h.app.library().digests()[digest]
            .date
            .map(|d| d.to_string()),
        shown
    );
    assert!(
        h.text()
            .contains("2026-01-10 is no longer in the store: 2026-01-05 is shown"),
        "{}",
        h.text()
    );
}

/// A place saved among other digests (the built-in samples, before the store had its own)
/// is not looked for: the newest date, and no word of a date gone (it named the samples'
/// date gone from the store and showed the nearest one; tester Y).
#[test]
fn a_place_saved_in_another_store_is_not_looked_for() {
    let mut h = scope_reader_at(saved_on("2026-01-10", "store", "samples"));
    assert_eq!(h.app.date_index(), 0);
    assert!(!h.text().contains("no longer in the store"), "{}", h.text());
    // Saved now, it names this store: found again at the next start.
    let saved = h.app.position();
    assert_eq!(saved.extra["store"], "/home/reader/digests");
}

/// A saved date the store no longer has, with a story row saved in its list: the date shown
/// instead has its first story selected, not the one in that row (tester I: row 2).
#[test]
fn the_story_row_of_a_date_gone_is_not_applied_to_the_date_shown_instead() {
    let mut gone = Position {
        date: Some("2026-01-10".into()),
        item: Some("nosuchid0000".into()),
        ..Position::default()
    };
    gone.extra.insert("pane".into(), "stories".into());
    gone.extra.insert("stories_row".into(), 2.into());
    let h = scope_reader_at(gone);
    assert_eq!(h.app.item_index(), 0);
}

/// The reader on the test library, the state file at `path` not to be opened: saving off
/// from the start (what changes kept in `kept` at quit), its message relayed; and why.
fn reader_that_cannot_open(
    path: &std::path::Path,
    kept: Vec<std::path::PathBuf>,
) -> (Harness, String) {
    let why = ribao::state::StateFile::open(path).unwrap_err().to_string();
    let session = Session::saving_disabled(why.clone(), path.to_path_buf(), kept);
    let mut h = Harness::new(
        App::new(library(), TextOptions::default(), session),
        120,
        30,
    );
    h.app.relay_session_message();
    (h, why)
}

#[test]
fn when_the_state_cannot_be_saved_the_reader_works_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // A state path under a regular file can never be written.
    std::fs::write(dir.path().join("not-a-folder"), "x").unwrap();
    let unwritable = dir.path().join("not-a-folder/state.json");
    let (mut h, err) = reader_that_cannot_open(&unwritable, Vec::new());
    // Told in a popup, whole, for as long as it takes to read it.
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(60))]);
    let screen = h.text();
    let notice = h.app.notice().unwrap_or_default().to_string();
    assert!(
        notice.contains("Saving is off")
            && notice.contains("not-a-folder")
            && notice.contains("kept for this session"),
        "{notice}"
    );
    // Whole, wrapped over as many rows as it takes.
    assert!(
        screen.contains("注意 Notice") && screen.contains("takes in."),
        "{screen}"
    );
    // Why first, what to do about it with it; then what that means (tester AZ: the reason
    // came last, after two lines of consequences).
    assert!(
        notice.find("not-a-folder") < notice.find("Saving is off"),
        "{notice}"
    );
    // The footer says what the keys do while it is up.
    let footer = screen.lines().last().unwrap_or_default().to_string();
    assert!(
        footer.contains("scroll") && footer.contains("close") && !footer.contains("search"),
        "{footer}"
    );
    // Keys but those that close it do nothing meanwhile.
    h.keys("jb");
    assert_eq!(h.app.session().bookmark_count(), 0);
    h.keys("<Esc>");
    assert!(!h.text().contains("注意 Notice"), "{}", h.text());
    // Bookmarks still work for the session, and the status bar keeps saying saving is off.
    h.keys("<Enter><Enter>b");
    assert_eq!(h.app.session().bookmark_count(), 1);
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
    assert!(h.text().contains("★ 1 (saving off)"));
    // Quitting says the bookmark is lost; with nothing changed there is nothing to say.
    let lost = h.app.session_mut().flush().unwrap_err().to_string();
    assert!(
        lost.contains("were not saved") && lost.contains("not-a-folder"),
        "{lost}"
    );
    let mut untouched = Session::saving_disabled(err.clone(), unwritable.clone(), Vec::new());
    assert!(untouched.flush().is_ok());
    // Only the place moved: that is what was not saved.
    untouched.set_position(ribao::state::Position::default());
    let lost = untouched.flush().unwrap_err().to_string();
    assert!(
        lost.contains("the reading position was not saved"),
        "{lost}"
    );
}

/// Another ribao's bookmark, `elsewhere1234`, saved in the state file at `path`.
fn bookmarked_elsewhere(path: &std::path::Path) {
    let (other, _) = ribao::state::StateFile::open(path).unwrap();
    let taken = Bookmark {
        id: "elsewhere1234".into(),
        ..gone_mark("/store/2025-12-31.md", "另一个阅读器加的", None)
    };
    other
        .apply(&[ribao::state::Change::AddBookmark(Box::new(taken))])
        .unwrap();
}

/// A state file that could not be read at start is opened once it can be: its bookmarks
/// taken in, and one made meanwhile saved in it (tester CS: it was never read, and its
/// bookmarks looked gone until a restart).
#[test]
fn a_state_file_unreadable_at_start_is_taken_in_once_it_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::create_dir(&path).unwrap();
    let (mut h, _) = reader_that_cannot_open(&path, Vec::new());
    h.keys("<Esc><Enter><Enter>b");
    // A story bookmarked and unbookmarked meanwhile: its bookmark in the file, which the
    // reader could not see, stays (a review: it was taken off).
    h.keys("j");
    let (digest, story) = h.app.selected_item().unwrap();
    let earlier = Bookmark::for_item(digest, &story, None);
    h.keys("bb");
    h.app.tick(std::time::Duration::from_secs(5));
    assert!(h.text().contains("★ 1 (saving off)"), "{}", h.text());
    // The folder goes, a file with two bookmarks of other readers' in its place.
    std::fs::remove_dir(&path).unwrap();
    bookmarked_elsewhere(&path);
    let (other, _) = ribao::state::StateFile::open(&path).unwrap();
    other
        .apply(&[Change::AddBookmark(Box::new(earlier))])
        .unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    assert_eq!(h.app.session().bookmark_count(), 3);
    assert!(!h.app.session().saving_off());
    assert_eq!(saved_ids(&path).len(), 3);
    assert!(h.text().contains("saving works again"), "{}", h.text());
}

/// A bookmark made while the state file cannot be written is kept in a file of its own at
/// quit, named in what quitting says; the next reader that can write the state file adds it
/// there, says so, and removes the kept file (tester Z: it was lost, the error printed on a
/// terminal already closed).
#[test]
fn a_bookmark_made_while_saving_is_off_is_saved_by_the_next_reader() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("unsaved");
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let path = blocker.join("state.json");
    let (mut h, _) = reader_that_cannot_open(&path, vec![kept.clone()]);
    h.keys("<Esc><Enter><Enter>b");
    let id = h.app.session().bookmarks()[0].id.clone();
    let said = h.app.session_mut().flush().unwrap_err().to_string();
    let files: Vec<_> = std::fs::read_dir(&kept).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    assert!(
        said.contains(&files[0].path().display().to_string()) && said.contains("blocker"),
        "{said}"
    );
    // The state file's folder can be made now.
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir(&blocker).unwrap();
    let (file, loaded) = ribao::state::StateFile::open(&path).unwrap();
    let mut next = Session::open(file, loaded, vec![kept.clone()]);
    assert!(next.is_bookmarked(&id));
    let (told, _) = next.take_message().unwrap();
    assert!(told.contains("now has the 1 bookmark change"), "{told}");
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert!(on_disk.state.is_bookmarked(&id));
    assert_eq!(std::fs::read_dir(&kept).unwrap().count(), 0);
}

/// What a reader takes in at start is said beside what opening the state file said: a file
/// gone, put back from its backup, hid it (tester DP).
#[test]
fn what_is_taken_in_at_start_is_said_beside_the_backups_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let kept = dir.path().join("unsaved");
    let (file, _) = ribao::state::StateFile::open(&path).unwrap();
    let mark = ribao::state::Bookmark {
        id: "a".into(),
        title: "a".into(),
        ..Default::default()
    };
    file.apply(&[ribao::state::Change::AddBookmark(Box::new(mark))])
        .unwrap();
    let read = [ribao::state::Change::MarkRead("r".into())];
    ribao::state::unsaved::keep(&path, &read, None, std::slice::from_ref(&kept)).unwrap();
    std::fs::remove_file(&path).unwrap();
    let (file, loaded) = ribao::state::StateFile::open(&path).unwrap();
    assert!(!loaded.notices.is_empty());
    let mut session = Session::open(file, loaded, vec![kept]);
    let (told, _) = session.take_message().unwrap();
    assert!(
        told.contains("state.json.bak") && told.contains("now has the 1 read mark change"),
        "{told}"
    );
}

/// Where even the folders for unsaved changes take nothing, quitting names each, and why
/// (tester CS: it said only that the changes were lost).
#[test]
fn where_unsaved_changes_could_not_be_kept_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let folders = vec![blocker.join("unsaved"), blocker.join("tmp")];
    let (mut h, _) = reader_that_cannot_open(&blocker.join("state.json"), folders.clone());
    h.keys("<Esc><Enter><Enter>b");
    let said = h.app.session_mut().flush().unwrap_err().to_string();
    assert!(said.contains("were not saved"), "{said}");
    for folder in folders {
        assert!(said.contains(&format!("{} (", folder.display())), "{said}");
    }
}

/// One pane at a time, the row above it names the bookmarks view, and a story read from it
/// as the bookmark's (tester CI: it named the date and category under the view).
#[test]
fn a_narrow_breadcrumb_names_the_bookmarks() {
    let mut h = Harness::new(app_with_state(State::default()), 60, 15);
    h.keys("<Enter><Enter>bB");
    let crumb = |h: &mut Harness| h.rows()[0].trim().to_string();
    assert_eq!(crumb(&mut h), "书签 Bookmarks", "{}", h.text());
    h.keys("<Enter>");
    let title = h.app.opened().unwrap().1.title.to_string();
    let row = crumb(&mut h);
    let shown = row
        .strip_prefix("书签 Bookmarks › ")
        .map(|t| t.trim_end_matches('…'));
    assert!(
        shown.is_some_and(|t| t.chars().count() >= 3 && title.starts_with(t)),
        "{row}"
    );
    h.keys("<Esc><Esc>");
    assert!(!crumb(&mut h).starts_with("书签"), "{}", h.text());
}

#[test]
fn a_notice_on_a_narrow_screen_takes_the_panes_place() {
    let session = Session::saving_disabled("没有写入权限".into(), "state.json".into(), Vec::new());
    let mut h = Harness::new(App::new(library(), TextOptions::default(), session), 40, 12);
    h.app.relay_session_message();
    let screen = h.text();
    let rows: Vec<&str> = screen.lines().collect();
    // Below the breadcrumb, in the pane's place: not a box inside the pane's box.
    assert!(rows[1].starts_with("┏ 注意 Notice"), "{screen}");
    assert!(!screen.contains("┃ ┃"), "{screen}");
}

/// A notice that opens over a message (the last key's, or files skipped) has its own keys
/// in the bar: the message hid them, so a key typed next seemed lost (tester U).
#[test]
fn a_notice_shows_its_keys_over_any_message() {
    let session = Session::saving_disabled("没有写入权限".into(), "state.json".into(), Vec::new());
    let mut h = Harness::new(
        App::new(library(), TextOptions::default(), session),
        100,
        20,
    );
    h.app.notify("2 files skipped", false);
    h.app.relay_session_message();
    let bar = h.rows().last().unwrap().clone();
    assert!(bar.contains("close") && !bar.contains("skipped"), "{bar}");
    h.keys("<Esc>");
    assert!(h.app.notice().is_none());
}

/// An error shown before a view opens (the help, the bookmarks) is about what the user
/// left: the view's keys take the bar. An error stays its time over a key that opens none.
#[test]
fn a_view_opened_shows_its_keys_over_an_earlier_error() {
    let mut h = Harness::new(app_with_state(State::default()), 100, 20);
    let bar = |h: &mut Harness| h.rows().last().unwrap().clone();
    h.app
        .notify("this link is not an http(s) URL; not opened", true);
    h.keys("j");
    assert!(bar(&mut h).contains("not opened"), "{}", bar(&mut h));
    h.keys("?");
    assert!(!bar(&mut h).contains("not opened"), "{}", bar(&mut h));
    h.keys("<Esc>");
    h.app
        .notify("this link is not an http(s) URL; not opened", true);
    h.keys("B");
    let shown = bar(&mut h);
    assert!(
        !shown.contains("not opened") && shown.contains("Esc"),
        "{shown}"
    );
}

#[test]
fn a_notice_longer_than_the_screen_scrolls() {
    let why = format!("{} END-OF-NOTICE", "没有写入权限。".repeat(40));
    let session = Session::saving_disabled(why, "state.json".into(), Vec::new());
    let mut h = Harness::new(App::new(library(), TextOptions::default(), session), 50, 14);
    h.app.relay_session_message();
    let joined = |h: &mut Harness| -> String {
        h.text()
            .lines()
            .map(|l| l.replace(['│', '┃', '█', ' '], ""))
            .collect()
    };
    assert!(!joined(&mut h).contains("END-OF-NOTICE"));
    h.keys("G");
    assert!(joined(&mut h).contains("END-OF-NOTICE"), "{}", h.text());
    assert!(h.app.notice().is_some(), "scrolling does not close it");
    h.keys("g");
    assert!(joined(&mut h).contains("没有写入权限"), "{}", h.text());
}

#[test]
fn a_broken_state_file_is_told_whole_in_a_popup_until_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(&path, "{ \"version\": 1, \"bookmarks\": [").unwrap();
    let mut h = Harness::new(saving_to(&path).app, 60, 20);
    // What could be read is written back: the next start has nothing to say.
    let (_, again) = ribao::state::StateFile::open(&path).unwrap();
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    h.app.relay_session_message();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(60))]);
    let screen = h.text();
    let copy = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.contains(".broken-"))
        .expect("the broken file is kept");
    // The copy's name, wrapped over rows as need be, and why the file could not be used.
    let joined = common::unframed(&screen);
    assert!(joined.contains(&copy), "{copy} not on screen:\n{screen}");
    assert!(joined.contains("notvalidJSON"), "{screen}");
    h.keys("q");
    assert!(h.app.notice().is_none());
    assert!(!h.text().contains("注意 Notice"));
}

/// A bookmark read from the view, back in it after another ribao added one above it, is
/// still the one selected (tester DZ: the selection stayed on its row, and `d` would have
/// removed another).
#[test]
fn the_bookmark_read_stays_selected_when_another_ribao_changes_the_list() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    h.keys("<Esc><Esc>B");
    let read = h.app.bookmarks_view().unwrap().visible()[1].id.clone();
    h.keys("j<Enter>");
    // Made after the two: listed first.
    let (other, _) = ribao::state::StateFile::open(&path).unwrap();
    let newer = Bookmark {
        id: "elsewhere1234".into(),
        added: "2099-01-01T00:00:00Z".into(),
        ..gone_mark("/store/2025-12-31.md", "另一个阅读器加的", None)
    };
    other
        .apply(&[Change::AddBookmark(Box::new(newer))])
        .unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    assert_eq!(h.app.session().bookmark_count(), 3);
    h.keys("<Esc>");
    let view = h.app.bookmarks_view().unwrap();
    assert_eq!(view.visible()[view.selected].id, read);
}

/// The reader over the test library, saving its state to `path`.
fn saving_to(path: &std::path::Path) -> Harness {
    Harness::new(tui_support::app_saving_to(path), 120, 40)
}

/// The reader saving to a state file in a new folder, with two stories bookmarked.
fn two_bookmarks_saved() -> (tempfile::TempDir, std::path::PathBuf, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>bjb");
    (dir, path, h)
}

#[test]
fn a_state_file_broken_while_reading_keeps_every_bookmark_made_before() {
    let (dir, path, mut h) = two_bookmarks_saved();
    std::fs::write(&path, "{ torn by another program").unwrap();
    h.keys("jb");
    assert_eq!(h.app.session().bookmark_count(), 3);
    assert!(
        h.text().contains("was broken by another program"),
        "the user is told:\n{}",
        h.text()
    );
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(reopened.state.bookmarks.len(), 3, "all three are on disk");
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".broken-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(
        kept,
        ["{ torn by another program"],
        "the broken bytes are kept"
    );
}

/// The reader saving to `sub/state.json` in a new folder, with two stories bookmarked;
/// then `sub` is replaced by a file, so that the state file is gone and cannot be written
/// (root can write where permissions say no). Removing the file (`sub`) lets it be again.
fn two_bookmarks_then_the_folder_blocked() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    Harness,
) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sub");
    let path = folder.join("state.json");
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>bjb");
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "in the way").unwrap();
    (dir, folder, path, h)
}

/// While saving is off, a new reason is said as the first was: the notice does not keep a
/// reason that is no longer so (tester CH: a pipe, then another program's file, was still
/// "a pipe").
#[test]
fn saving_off_for_another_reason_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>b");
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_file(path.with_extension("json.bak")).unwrap();
    std::fs::create_dir(&path).unwrap();
    h.keys("jb");
    assert!(
        h.app
            .notice()
            .is_some_and(|n| n.contains("not a regular file")),
        "{:?}",
        h.app.notice()
    );
    h.keys("<Esc>");
    std::fs::remove_dir(&path).unwrap();
    std::fs::write(&path, "[1, 2]").unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    let notice = h.app.notice().unwrap_or_default().to_string();
    assert!(notice.contains("not a ribao state file"), "{notice}");
}

/// A save that failed is tried again, at the next look at the file or on quit: once the
/// file can be written, what was changed meanwhile is saved, and saving is on again.
#[test]
fn saving_that_failed_comes_back_when_the_file_can_be_written_again() {
    for on_quit in [false, true] {
        let (_dir, folder, path, mut h) = two_bookmarks_then_the_folder_blocked();
        h.keys("jb");
        assert!(h.app.notice().is_some_and(|n| n.contains("Saving is off")));
        h.keys("<Esc>");
        h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
        assert!(h.text().contains("★ 3 (saving off)"), "{}", h.text());
        // It can be written again.
        std::fs::remove_file(&folder).unwrap();
        if on_quit {
            h.app.session_mut().flush().unwrap();
        } else {
            h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
            assert!(!h.text().contains("saving off"), "{}", h.text());
        }
        let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
        assert_eq!(reopened.state.bookmarks.len(), 3, "on_quit {on_quit}");
    }
}

/// The notice that saving is off, left open, goes when saving works again (the status bar
/// says so): it would tell the user something no longer true.
#[test]
fn the_saving_off_notice_goes_once_saving_works_again() {
    let (_dir, folder, _path, mut h) = two_bookmarks_then_the_folder_blocked();
    h.keys("jb");
    assert!(h.app.notice().is_some_and(|n| n.contains("Saving is off")));
    std::fs::remove_file(&folder).unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
    assert!(h.app.notice().is_none(), "{}", h.text());
    assert!(h.text().contains("saving works again"), "{}", h.text());
}

/// A folder for a state file whose lock this test holds: (folder, file, the lock held).
fn state_file_locked() -> (tempfile::TempDir, std::path::PathBuf, std::fs::File) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let held = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
    held.lock().unwrap();
    (dir, path, held)
}

/// A lock another program holds (a ribao saving a large state) is waited for, unsaid, over
/// two looks at the file: no notice takes the keys meanwhile (tester BN: those after it went
/// to the notice, and were lost), and no key is held up by it. Lasting longer, saving is
/// said to be off. What the keys changed is saved once the lock is let go.
#[test]
fn a_held_lock_holds_up_no_key_and_is_said_only_when_it_lasts() {
    let (_dir, path, held) = state_file_locked();
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>b");
    assert!(h.app.notice().is_none(), "{}", h.text());
    // Four saves that each waited for the lock (100 ms) would take 400 ms.
    let started = std::time::Instant::now();
    h.keys("jbjbjbjb");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(h.app.session().bookmark_count(), 5);
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert!(!h.app.session().saving_off(), "{}", h.text());
    assert!(h.app.notice().is_none(), "{}", h.text());
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert!(h.app.session().saving_off());
    assert!(h.app.notice().is_some_and(|n| n.contains("Saving is off")));
    held.unlock().unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
    assert!(!h.app.session().saving_off(), "{}", h.text());
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(reopened.state.bookmarks.len(), 5);
}

/// A reader of a state file whose lock this test holds, keeping what it cannot save in a
/// folder of its own: (the state file's folder, the lock, the folder for what it keeps, the
/// reader).
fn reader_under_a_held_lock() -> (
    tempfile::TempDir,
    std::fs::File,
    std::path::PathBuf,
    Harness,
) {
    let (dir, path, held) = state_file_locked();
    let (file, loaded) = ribao::state::StateFile::open(&path).unwrap();
    let folder = dir.path().join("unsaved");
    let session = Session::open(file, loaded, vec![folder.clone()]);
    let h = Harness::new(
        App::new(library(), TextOptions::default(), session),
        120,
        40,
    );
    (dir, held, folder, h)
}

/// Quitting while another program holds the lock waits for it a little longer, then keeps
/// the changes in a file of their own, and says so: none are lost unsaid.
#[test]
fn quitting_under_a_held_lock_keeps_the_changes() {
    let (_dir, _held, folder, mut h) = reader_under_a_held_lock();
    h.keys("<Enter><Enter>b");
    let said = h.app.save_on_quit().unwrap_err().to_string();
    assert!(said.contains("could not be saved"), "{said}");
    // The place read is not kept with them: said (tester DV: it went unsaid).
    assert!(
        said.ends_with("; where you were reading was not saved"),
        "{said}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "{said}");
}

/// A bookmark put on and taken off again while another program holds the lock is no change
/// to lose: `q` quits at once, and quitting says only that the place read was not saved
/// (tester DH: both said the bookmarks and read marks were not saved, and nothing was kept).
#[test]
fn a_change_undone_under_a_held_lock_is_none_to_lose() {
    use ribao::tui::{Effect, action::Action};
    let (_dir, _held, folder, mut h) = reader_under_a_held_lock();
    h.keys("<Enter><Enter>b");
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert!(h.app.session().saving_off(), "{}", h.text());
    h.keys("<Esc>b");
    assert_eq!(h.app.update(Action::Quit), Some(Effect::Quit));
    let said = h.app.save_on_quit().unwrap_err().to_string();
    assert!(
        said.starts_with("the reading position was not saved"),
        "{said}"
    );
    assert!(!folder.exists(), "{said}");
}

/// The lock let go before the next look: the changes are saved then, and nothing is said.
#[test]
fn a_lock_held_a_moment_is_never_said() {
    let (_dir, path, held) = state_file_locked();
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>bjb");
    held.unlock().unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert!(
        h.app.notice().is_none() && !h.text().contains("saving"),
        "{}",
        h.text()
    );
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(reopened.state.bookmarks.len(), 2);
}

/// While saving is off, a change says it is not saved yet, and `q` does not lose it
/// unasked: it tries the save once more, says what would be lost, and quits when pressed
/// again. Once the file can be written, `q` saves and quits at once.
#[test]
fn quitting_with_changes_unsaved_asks_first() {
    use ribao::tui::{Effect, action::Action};
    let (_dir, folder, path, mut h) = two_bookmarks_then_the_folder_blocked();
    h.keys("jb");
    assert!(h.app.notice().is_some_and(|n| n.contains("Saving is off")));
    h.keys("<Esc>jr");
    assert!(h.text().contains("not saved yet"), "{}", h.text());
    assert_eq!(h.app.update(Action::Quit), None);
    assert!(h.text().contains("q again quits"), "{}", h.text());
    // The question stays until it is answered, however long that takes (tester T: it went
    // after 3 s, and the q that answered it only asked again).
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(30))]);
    assert!(h.text().contains("q again quits"), "{}", h.text());
    assert_eq!(h.app.update(Action::Quit), Some(Effect::Quit));
    // Another key in between, and q asks again.
    h.keys("j");
    assert_eq!(h.app.update(Action::Quit), None);
    // The file can be written again: q saves everything and quits at once.
    std::fs::remove_file(&folder).unwrap();
    h.keys("j");
    assert_eq!(h.app.update(Action::Quit), Some(Effect::Quit));
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(reopened.state.bookmarks.len(), 3);
}

/// Deleted, and its folder no longer writable (here a file in its place): the reader says
/// saving is off, keeps every bookmark, and writes them all once it can.
#[test]
fn a_state_file_deleted_where_it_cannot_be_written_again_keeps_its_bookmarks_waiting() {
    let (_dir, folder, path, mut h) = two_bookmarks_then_the_folder_blocked();
    h.app.tick(std::time::Duration::from_secs(5));
    assert!(h.app.notice().is_some_and(|n| n.contains("Saving is off")));
    h.keys("<Esc>");
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
    assert!(h.text().contains("★ 2 (saving off)"), "{}", h.text());
    std::fs::remove_file(&folder).unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(10))]);
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(reopened.state.bookmarks.len(), 2);
}

/// A state file deleted while the reader runs (by hand, by a sync tool) is not taken for a
/// wish to start from empty: the reader writes its bookmarks and read marks back, at its
/// next look at the file as at its next save, and says so.
#[test]
fn a_state_file_deleted_while_reading_gets_every_bookmark_back() {
    for then_save in [false, true] {
        let (_dir, path, mut h) = two_bookmarks_saved();
        std::fs::remove_file(&path).unwrap();
        if then_save {
            h.keys("jb");
        } else {
            h.app.tick(std::time::Duration::from_secs(5));
        }
        let want = 2 + usize::from(then_save);
        assert_eq!(h.app.session().bookmark_count(), want);
        assert!(
            h.text().contains("was deleted by another program"),
            "the user is told:\n{}",
            h.text()
        );
        let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
        assert_eq!(reopened.state.bookmarks.len(), want, "all are on disk");
    }
}

/// The ids of the bookmarks the state file at `path` holds.
fn saved_ids(path: &std::path::Path) -> Vec<String> {
    let (_, loaded) = ribao::state::StateFile::open(path).unwrap();
    loaded.state.bookmarks.into_iter().map(|b| b.id).collect()
}

/// A bookmark another ribao removed stays removed when the file is then deleted or damaged
/// under this reader, which still held it: the backup, the other's last save, is what is
/// come back to (tester CH: the reader saved its own copy, and the bookmark came back).
#[test]
fn a_bookmark_removed_elsewhere_stays_removed_when_the_file_is_lost() {
    for damage in ["deleted", "cut short"] {
        let (_dir, path, mut h) = two_bookmarks_saved();
        let (other, loaded) = ribao::state::StateFile::open(&path).unwrap();
        let gone = loaded.state.bookmarks[0].id.clone();
        other
            .apply(&[ribao::state::Change::RemoveBookmark(gone.clone())])
            .unwrap();
        match damage {
            "deleted" => std::fs::remove_file(&path).unwrap(),
            _ => {
                let bytes = std::fs::read(&path).unwrap();
                std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
            }
        }
        h.app.tick(std::time::Duration::from_secs(5));
        let ids = saved_ids(&path);
        assert!(!ids.contains(&gone), "{damage}: {ids:?}");
        assert_eq!(ids.len(), 1, "{damage}: {ids:?}");
        assert_eq!(h.app.session().bookmark_count(), 1, "{damage}");
    }
}

/// A state file emptied with no backup to come back to gets back what the reader holds, as a
/// deleted one does (a review: it was taken as a wish to start from empty).
#[test]
fn a_state_file_emptied_with_no_backup_gets_every_bookmark_back() {
    // Whitespace alone too (a review: it was taken for a state).
    for left in ["", "\n  \n"] {
        let (_dir, path, mut h) = two_bookmarks_saved();
        std::fs::remove_file(path.with_extension("json.bak")).unwrap();
        std::fs::write(&path, left).unwrap();
        h.app.tick(std::time::Duration::from_secs(5));
        assert_eq!(h.app.session().bookmark_count(), 2, "{left:?}");
        assert_eq!(saved_ids(&path).len(), 2, "{left:?}");
    }
}

/// A save that fails after the file was lost (its lock held) does not bring back, once it
/// works, a bookmark another ribao removed before (a review: what the reader held was made
/// its changes).
#[test]
fn a_lost_file_saved_late_keeps_another_ribaos_removal() {
    let (dir, path, mut h) = two_bookmarks_saved();
    let (other, loaded) = ribao::state::StateFile::open(&path).unwrap();
    let gone = loaded.state.bookmarks[0].id.clone();
    other
        .apply(&[ribao::state::Change::RemoveBookmark(gone.clone())])
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let lock = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
    lock.lock().unwrap();
    for _ in 0..10 {
        h.app.tick(std::time::Duration::from_secs(5));
    }
    lock.unlock().unwrap();
    for _ in 0..2 {
        h.app.tick(std::time::Duration::from_secs(5));
    }
    let ids = saved_ids(&path);
    assert!(!ids.contains(&gone), "{ids:?}");
    assert_eq!(ids.len(), 1, "{ids:?}");
}

/// A backup older than the save the reader last read (its copy cut off by a crash) is not
/// what a deleted file comes back to: a bookmark the reader took in from that save stays (a
/// review: trusting the backup lost it).
#[test]
fn a_backup_older_than_the_file_loses_no_bookmark_the_reader_holds() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    let backup = path.with_extension("json.bak");
    let older = std::fs::read(&backup).unwrap();
    bookmarked_elsewhere(&path);
    h.app.tick(std::time::Duration::from_secs(5));
    assert_eq!(h.app.session().bookmark_count(), 3, "taken in");
    std::fs::write(&backup, older).unwrap();
    std::fs::remove_file(&path).unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    let ids = saved_ids(&path);
    assert!(ids.contains(&"elsewhere1234".to_string()), "{ids:?}");
    assert_eq!(h.app.session().bookmark_count(), 3);
}

#[test]
fn each_quit_saves_the_whole_position_over_the_one_before() {
    let mut state = State::default();
    // First session: the whole archive, a unified category, a story highlighted in the list.
    let mut h = Harness::new(app_with_state(state.clone()), 120, 30);
    h.keys("aaac");
    while !h.app.category().is_unified() {
        h.keys("j");
    }
    h.keys("<Enter>");
    assert_eq!((h.app.scope(), h.app.focus()), (Scope::All, Pane::Items));
    state.apply(&Change::SetPosition(Box::new(h.app.position())));
    // Second session: back to one date and its first category, a story open in the article.
    let mut again = Harness::new(app_with_state(state.clone()), 120, 30);
    assert_eq!(again.app.scope(), Scope::All);
    again.keys("acg<Enter><Enter>");
    assert_eq!(
        (again.app.scope(), again.app.focus()),
        (Scope::Day, Pane::Article)
    );
    assert!(!again.app.category().is_unified());
    let position = again.app.position();
    state.apply(&Change::SetPosition(Box::new(position.clone())));
    // The third opens where the second left, not with what the first had set.
    let third = Harness::new(app_with_state(state), 120, 30);
    assert_eq!(
        (third.app.scope(), third.app.focus()),
        (Scope::Day, Pane::Article)
    );
    assert_eq!(third.app.position(), position);
}

#[test]
fn the_bookmarks_list_scrolls_only_when_the_selection_leaves_it() {
    let marks = (0..30)
        .map(|n| Bookmark {
            id: format!("{n:012}"),
            date: Some("2026-01-01".into()),
            source: "日报".into(),
            category: None,
            title: format!("书签第{n:02}条"),
            url: None,
            path: "/store/2026-01-01.md".into(),
            added: format!("2026-01-01T00:00:{n:02}Z"),
            outlet: None,
            text: None,
            extra: Default::default(),
        })
        .collect();
    let mut h = Harness::new(
        app_with_state(State {
            bookmarks: marks,
            ..State::default()
        }),
        80,
        16,
    );
    let row_of_selection = |h: &mut Harness| {
        h.rows()
            .iter()
            .position(|r| r.contains("› ⚠ 2026-01-01"))
            .expect("the selected bookmark is on screen")
    };
    h.keys("BG");
    let bottom = row_of_selection(&mut h);
    // Up one: the selection moves up a row and the list stays where it is.
    h.keys("k");
    assert_eq!(row_of_selection(&mut h), bottom - 1, "{}", h.text());
    h.keys("kk");
    assert_eq!(row_of_selection(&mut h), bottom - 3, "{}", h.text());
}

/// The ids of the stories listed.
fn listed_ids(h: &Harness) -> Vec<String> {
    let items = h.app.items().iter();
    items.map(|&r| h.app.item_at(r).1.id.to_string()).collect()
}

#[test]
fn capital_a_marks_every_story_listed_read_and_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    let date = h.app.current_date().unwrap().clone();
    let (_, unread) = h.app.date_counts(&date);
    // One category of the date: its stories only.
    h.keys("<Enter>j<Enter>");
    let listed = listed_ids(&h);
    assert!(
        !listed.is_empty() && listed.len() < unread,
        "{}",
        listed.len()
    );
    // The first A says what the second does, naming the category (tester K: from the dates
    // pane it is out of sight); another key in between calls it off.
    h.keys("A");
    let asked = format!(
        "A again marks {} stories of {} read",
        listed.len(),
        h.app.category().describe()
    );
    assert!(h.text().contains(&asked), "{}", h.text());
    assert!(listed.iter().all(|id| !h.app.session().is_read(id)));
    h.keys("jA");
    assert!(listed.iter().all(|id| !h.app.session().is_read(id)));
    // Esc calls it off, and does no more (tester DJ: it went back a level too).
    let focus = h.app.focus();
    h.keys("<Esc>");
    assert_eq!(h.app.focus(), focus);
    assert!(h.text().contains("marking read called off"), "{}", h.text());
    h.keys("A");
    // The question stays until it is answered, however long that takes.
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(60))]);
    assert!(h.text().contains(&asked), "{}", h.text());
    assert!(listed.iter().all(|id| !h.app.session().is_read(id)));
    h.keys("A");
    let said = format!(
        "marked {} stories of {} read",
        listed.len(),
        h.app.category().describe()
    );
    assert!(h.text().contains(&said), "{}", h.text());
    assert!(listed.iter().all(|id| h.app.session().is_read(id)));
    assert_eq!(h.app.date_counts(&date).1, unread - listed.len());
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert!(listed.iter().all(|id| on_disk.state.read.contains(id)));
    h.keys("A");
    assert!(
        h.text().contains("every story listed is read already"),
        "{}",
        h.text()
    );
    // In a search (of the whole archive), the results are what is listed.
    h.keys("aaa/");
    h.search_for("AI");
    h.keys("<Enter>AA");
    let hits = h.app.search_view().unwrap().hits.clone();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|&r| h.app.session().is_read(h.app.item_at(r).1.id))
    );
}

/// `u` after `A A`: the stories it marked are unread again, on disk too, while one read
/// before it stays read; a second `u` has nothing to undo.
#[test]
fn u_marks_unread_again_what_the_last_capital_a_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    // One category of the date; its first story read (opened) before `A`.
    h.keys("<Enter>j<Enter>");
    let listed = listed_ids(&h);
    assert!(listed.len() > 1, "{}", h.text());
    h.keys("<Enter><Esc>");
    assert!(h.app.session().is_read(&listed[0]), "{}", h.text());
    h.keys("AA");
    assert!(listed.iter().all(|id| h.app.session().is_read(id)));
    h.keys("u");
    let said = match listed.len() - 1 {
        1 => "marked 1 story unread again".to_string(),
        n => format!("marked {n} stories unread again"),
    };
    assert!(h.text().contains(&said), "{}", h.text());
    assert!(h.app.session().is_read(&listed[0]));
    assert!(listed[1..].iter().all(|id| !h.app.session().is_read(id)));
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert!(on_disk.state.read.contains(&listed[0]));
    assert!(
        listed[1..]
            .iter()
            .all(|id| !on_disk.state.read.contains(id))
    );
    h.keys("u");
    assert!(h.text().contains("nothing to undo"), "{}", h.text());
}

/// `u` after `A A` leaves read a story another reader marked read before this one's `A` was
/// saved, this reader not knowing it yet (tester BS: it was unread again in both readers).
#[test]
fn u_after_capital_a_leaves_read_what_another_reader_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    let mut other = saving_to(&path);
    h.keys("<Enter>j<Enter>");
    let listed = listed_ids(&h);
    assert!(listed.len() > 2, "{}", h.text());
    // The other reader reads the second story of them, this one not looking at the file.
    other.keys("<Enter>j<Enter>j<Enter>");
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert!(on_disk.state.read.contains(&listed[1]));
    assert!(!h.app.session().is_read(&listed[1]));
    h.keys("AAu");
    assert!(h.app.session().is_read(&listed[1]), "{}", h.text());
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert!(on_disk.state.read.contains(&listed[1]));
    assert!(!on_disk.state.read.contains(&listed[0]));
    let said = format!("marked {} stories unread again", listed.len() - 1);
    assert!(h.text().contains(&said), "{}", h.text());
}

#[test]
fn u_puts_back_every_bookmark_removed_the_last_first() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>bjb<Esc><Esc>[<Enter><Enter>b");
    let before = bookmarks_by_id(&h);
    h.keys("B");
    let first = selected_id(&h);
    h.keys("dd");
    assert_eq!(h.app.session().bookmark_count(), 1);
    // Closed and opened again, the view still knows what was removed.
    h.keys("<Esc>B");
    assert!(h.app.bookmarks_view().is_some());
    h.keys("u");
    assert_eq!(h.app.session().bookmark_count(), 2);
    assert!(
        !h.app.session().is_bookmarked(&first),
        "the last removed comes back first"
    );
    h.keys("u");
    assert_eq!(bookmarks_by_id(&h), before);
    h.keys("u");
    assert!(said(&h).contains("nothing to undo"));
}

/// `b` taking a story's bookmark off is undone by `u` as `d` in the bookmarks view is: the
/// bookmark comes back as it was made, in its place (tester Z: `b` again made it anew), and
/// `u` undoes the latest of that and an `A`.
#[test]
fn u_puts_back_a_bookmark_b_removed_as_it_was() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>bjb");
    let before = h.app.session().bookmarks();
    h.keys("k");
    let id = h.app.session().bookmarks()[1].id.clone();
    h.keys("b");
    assert!(!h.app.session().is_bookmarked(&id));
    assert!(said(&h).contains("u puts it back"), "{}", said(&h));
    h.keys("AAu");
    assert!(said(&h).contains("unread again"), "{}", said(&h));
    assert!(!h.app.session().is_bookmarked(&id));
    h.keys("u");
    assert_eq!(h.app.session().bookmarks(), before);
    h.keys("u");
    assert!(said(&h).contains("nothing to undo"));
}

#[test]
fn closing_the_bookmarks_after_reading_one_goes_back_to_where_the_reader_was() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    // A bookmark on the older date; then back to the newest, in the 7-day scope, a
    // category chosen and its second story highlighted.
    h.keys("[<Enter><Enter>b<Esc><Esc>]");
    h.keys("a");
    h.keys("cj<Enter>j");
    let before = h.app.position();
    assert_eq!(h.app.scope(), Scope::Week);
    h.keys("B<Enter>");
    assert_eq!(h.app.scope(), Scope::Day, "the bookmark opens on its date");
    // A look, not a move: the place saved is still the one to go back to.
    assert_eq!(h.app.position(), before);
    // Enter and l, which do nothing in an article, keep the way back (testers BY, BZ).
    h.keys("<Enter>l<Esc>");
    assert!(
        h.app.bookmarks_view().is_some(),
        "Esc goes back to the bookmarks"
    );
    h.keys("<Esc>");
    assert!(h.app.bookmarks_view().is_none());
    assert_eq!(h.app.position(), before);
    assert_eq!(h.app.scope(), Scope::Week);
    // Closing the view without opening one leaves the reader where it is.
    h.keys("B<Esc>");
    assert_eq!(h.app.position(), before);
}

#[test]
fn the_filter_marks_its_words_in_the_titles_and_finds_them_as_search_does() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    // The story `云计算厂商下调 GPU 租用价格…`, and the one before it.
    h.keys("<Enter><Enter>");
    for _ in 0..30 {
        if h.app.selected_item().unwrap().1.title.contains(" GPU ") {
            break;
        }
        h.keys("j");
    }
    h.keys("bkb<Esc><Esc>");
    assert_eq!(h.app.session().bookmark_count(), 2);
    // `gpu租用`, typed without the space the title has: search finds it so, and the filter
    // does too.
    h.keys("B/gpu租用");
    let view = h.app.bookmarks_view().unwrap();
    let shown: Vec<&str> = view.visible().iter().map(|b| b.title.as_str()).collect();
    assert_eq!(shown.len(), 1);
    assert!(shown[0].contains("下调 GPU 租用价格"), "{shown:?}");
    // Its cells are marked on screen, the space between them too.
    let buf = h.buffer();
    let marked: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == ratatui::style::Color::Yellow)
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(marked, "GPU 租用", "{}", h.text());
}

#[test]
fn the_stories_list_reopens_scrolled_as_it_was() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 14);
    // The whole archive's stories in a short list: down past its bottom, then up a little,
    // so the highlighted story is neither the first nor the last row shown.
    h.keys("aaac<Enter>");
    assert_eq!(h.app.focus(), Pane::Items);
    h.keys(&"j".repeat(12));
    h.keys("kk");
    h.text();
    let position = h.app.position();
    let top = position.extra.get("stories_top").and_then(|v| v.as_u64());
    assert!(
        top.is_some_and(|t| t > 0),
        "the list scrolled: {position:?}"
    );
    let highlighted = h.app.selected_item().unwrap().1.id.to_string();
    let screen = h.text();

    let again = reopened(app_with_state, &position, (&screen, (120, 14)));
    assert_eq!(again.app.selected_item().unwrap().1.id, highlighted);
    assert_eq!(again.app.position(), position);
}

/// The dates too (tester AN: they came back a row off): down past the list's bottom, then
/// up, so the date highlighted is not where a fresh list would show it.
#[test]
fn the_dates_list_reopens_scrolled_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::generated_store(dir.path(), 10, 2, "正文。");
    let app_with_state = |state| {
        let categorizer = ribao::categories::Categorizer::builtin();
        let library = ribao::library::Library::load_dir(&store, None, &categorizer, &mut |_| {});
        App::new(library, TextOptions::default(), Session::in_memory(state))
    };
    let mut h = Harness::new(app_with_state(State::default()), 120, 8);
    h.keys("G");
    h.keys("kk");
    let position = h.app.position();
    let screen = h.text();
    assert!(
        position.extra.get("dates_top").and_then(|v| v.as_u64()) > Some(0),
        "the list scrolled: {position:?}\n{screen}"
    );
    reopened(app_with_state, &position, (&screen, (120, 8)));
}

/// A reader made by `make` from a state holding `position`, `size` columns and rows, after
/// checking that it shows `screen` again.
fn reopened(
    make: impl Fn(State) -> App,
    position: &Position,
    (screen, size): (&str, (u16, u16)),
) -> Harness {
    let saved = State {
        position: Some(position.clone()),
        ..State::default()
    };
    let mut again = Harness::new(make(saved), size.0, size.1);
    assert_eq!(
        again.text(),
        screen,
        "the same rows, the same one highlighted"
    );
    again
}

#[test]
fn bookmarks_made_within_a_second_come_back_in_their_order() {
    // Made in one second, as `j b j b j b` does; `added` is to the millisecond.
    let mark = |id: &str, ms: u32| Bookmark {
        id: id.into(),
        title: format!("标题 {id}"),
        source: "量子位".into(),
        date: Some("2026-11-23".into()),
        path: "/gone.md".into(),
        added: format!("2026-11-23T10:15:00.{ms:03}Z"),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    let state = State {
        bookmarks: vec![mark("a", 100), mark("b", 200), mark("c", 300)],
        ..State::default()
    };
    let mut h = Harness::new(app_with_state(state), 120, 30);
    let order = |h: &Harness| -> Vec<String> {
        let view = h.app.bookmarks_view().unwrap();
        view.visible().iter().map(|b| b.id.clone()).collect()
    };
    h.keys("B");
    assert_eq!(order(&h), ["c", "b", "a"], "newest first");
    h.keys("jdd");
    assert_eq!(order(&h), ["c"]);
    h.keys("uu");
    assert_eq!(order(&h), ["c", "b", "a"], "each back in its place");
    // New bookmarks are stamped to the millisecond.
    assert!(
        ribao::state::timestamp_now().contains('.'),
        "{}",
        ribao::state::timestamp_now()
    );
}

/// A bookmark of the test library's first story with a link, made when the story had
/// another title (so another id), and read then.
fn retitled_bookmark() -> (State, String, Bookmark) {
    let lib = library();
    let (digest, item) = lib
        .items()
        .find(|v| v.url.is_some())
        .map(|v| (lib.digests()[v.digest].clone(), v))
        .expect("a story with a link");
    let now = Bookmark::for_item(&digest, &item, None);
    let then = Bookmark {
        id: "000000000000".into(),
        title: "改标题之前".into(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        ..now.clone()
    };
    let state = State {
        bookmarks: vec![then.clone()],
        read: vec![then.id.clone()].into_iter().collect(),
        ..State::default()
    };
    (state, item.id.to_string(), then)
}

#[test]
fn a_bookmark_of_a_story_retitled_since_finds_it_by_its_link() {
    let (state, id, then) = retitled_bookmark();
    let mut h = Harness::new(app_with_state(state), 100, 30);
    let marks = h.app.session().bookmarks();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0].id, id, "the bookmark takes the story's id now");
    assert_ne!(marks[0].title, then.title, "and its title now");
    assert_eq!(marks[0].added, then.added, "made when it was");
    assert!(h.app.session().is_read(&id), "the read mark goes with it");
    h.keys("B<Enter>");
    assert!(h.app.bookmarks_view().is_none(), "{}", h.text());
    assert_eq!(h.app.opened().unwrap().1.id, id);
    assert!(h.text().contains("★"), "shown as bookmarked:\n{}", h.text());
}

#[test]
fn a_bookmark_repaired_without_its_title_takes_it_from_its_story() {
    let lib = library();
    let item = lib.items().next().unwrap();
    let repaired = Bookmark {
        id: item.id.to_string(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    let (title, path) = (
        item.title.to_string(),
        lib.digests()[item.digest]
            .path
            .to_string_lossy()
            .into_owned(),
    );
    let state = State {
        bookmarks: vec![repaired],
        ..State::default()
    };
    let h = Harness::new(app_with_state(state), 100, 30);
    let marks = h.app.session().bookmarks();
    assert_eq!(
        (marks[0].title.as_str(), marks[0].path.as_str()),
        (title.as_str(), path.as_str())
    );
    assert_eq!(marks[0].added, "2026-01-01T00:00:00Z", "made when it was");
}

/// A publication with a short name and no category (`AI 日报`) is shown in its column like
/// any other: the column is left out only when the terminal is too narrow for it.
#[test]
fn a_short_publication_name_is_shown_in_the_bookmarks_list() {
    let mark = Bookmark {
        id: "0123456789ab".into(),
        date: Some("2026-01-24".into()),
        source: "AI 日报".into(),
        title: "芯片自主化加速".into(),
        path: "/gone/2026-01-24.md".into(),
        added: "2026-01-24T08:00:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    let state = State {
        bookmarks: vec![mark],
        ..State::default()
    };
    let mut h = Harness::new(app_with_state(state.clone()), 100, 20);
    h.keys("B");
    let screen = h.text();
    let row = screen
        .lines()
        .find(|l| l.contains("芯片自主化加速"))
        .unwrap();
    assert!(row.contains("AI 日报"), "{screen}");
    let mut narrow = Harness::new(app_with_state(state), 30, 20);
    narrow.keys("B");
    assert!(!narrow.text().contains("AI 日报"), "{}", narrow.text());
}

/// The same while the reader runs: a hand edit that spoils a title is reported, and the
/// bookmark takes its title from its story again, on screen and in the file.
#[test]
fn a_title_spoiled_while_reading_is_filled_in_from_the_story() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    let titles = |marks: Vec<Bookmark>| {
        let mut t: Vec<String> = marks.into_iter().map(|b| b.title).collect();
        t.sort();
        t
    };
    let before = titles(h.app.session().bookmarks());
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["bookmarks"][0]["title"] = serde_json::json!(12345);
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    assert!(h.text().contains("without its title"), "{}", h.text());
    assert_eq!(titles(h.app.session().bookmarks()), before);
    let (_, reopened) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(titles(reopened.state.bookmarks), before, "saved so");
}

#[test]
fn a_bookmark_repaired_without_its_date_takes_it_from_its_story_and_keeps_what_it_has() {
    let lib = library();
    let item = lib.items().find(|v| v.url.is_some()).unwrap();
    let digest = &lib.digests()[item.digest];
    let date = digest.date.unwrap().format("%Y-%m-%d").to_string();
    let repaired = Bookmark {
        id: item.id.to_string(),
        title: "我存下的标题".into(),
        source: digest.source.clone(),
        path: digest.path.to_string_lossy().into_owned(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    let state = State {
        bookmarks: vec![repaired],
        ..State::default()
    };
    let h = Harness::new(app_with_state(state), 100, 30);
    let marks = h.app.session().bookmarks();
    assert_eq!(marks[0].date.as_deref(), Some(date.as_str()));
    assert_eq!(marks[0].url.as_deref(), item.url);
    assert_eq!(marks[0].title, "我存下的标题", "what it has stays as saved");
}

#[test]
fn read_marks_and_bookmarks_follow_a_story_retitled_in_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    std::fs::create_dir(&store).unwrap();
    let file = store.join("2026-03-01.md");
    let digest = |title: &str| {
        format!(
            "# 日报 2026-03-01\n\n## 产品\n\n### 1. 另一条新闻\n正文二。\n\n### 2. {title}\n正文。[原文](https://a.example/1)\n"
        )
    };
    std::fs::write(&file, digest("旧的标题写法")).unwrap();
    let categorizer = ribao::categories::Categorizer::builtin();
    let load =
        || ribao::library::Library::load_dir(&store, Some(&cache), &categorizer, &mut |_| {});
    let lib = load();
    let old = lib.items().find(|v| v.title == "旧的标题写法").unwrap();
    let digest_info = lib.digests()[old.digest].clone();
    let mark = Bookmark::for_item(&digest_info, &old, None);
    let old_id = old.id.to_string();
    // The author retitles it; the index is brought up to date.
    std::fs::write(&file, digest("新的标题写法")).unwrap();
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(120))
        .unwrap();
    let lib = load();
    let new_id = lib
        .items()
        .find(|v| v.title == "新的标题写法")
        .unwrap()
        .id
        .to_string();
    assert_ne!(new_id, old_id);
    let read = State {
        read: [&old_id].into_iter().collect(),
        ..State::default()
    };
    let app = App::new(lib, TextOptions::default(), Session::in_memory(read));
    assert!(app.session().is_read(&new_id), "the read mark follows it");
    let bookmarked = State {
        bookmarks: vec![mark],
        ..State::default()
    };
    let app = App::new(
        load(),
        TextOptions::default(),
        Session::in_memory(bookmarked),
    );
    assert!(app.session().is_bookmarked(&new_id), "and the bookmark");
    let placed = State {
        position: Some(ribao::state::Position {
            date: Some("2026-03-01".into()),
            item: Some(old_id.clone()),
            ..Default::default()
        }),
        ..State::default()
    };
    let app = App::new(load(), TextOptions::default(), Session::in_memory(placed));
    assert_eq!(
        app.selected_item().map(|(_, v)| v.id.to_string()),
        Some(new_id),
        "and the place the reader was"
    );
}

#[test]
fn a_bookmark_whose_link_two_stories_share_is_not_guessed() {
    let text = "# 日报 2026-01-20\n\n## 新闻\n\n### 1. 第一篇\n正文一 [原文](https://example.com/a)\n\n### 2. 第二篇\n正文二 [原文](https://example.com/a)\n";
    let digest = ribao::parse::parse(text.as_bytes(), std::path::Path::new("x/2026-01-20.md"))
        .expect("parses");
    let lib = tui_support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![digest],
    );
    let then = Bookmark {
        id: "000000000000".into(),
        date: Some("2026-01-20".into()),
        source: "日报".into(),
        category: None,
        title: "改标题之前".into(),
        url: Some("https://example.com/a".into()),
        path: lib.digests()[0].path.to_string_lossy().into_owned(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        extra: Default::default(),
    };
    assert_eq!(
        lib.items().filter(|v| v.url == then.url.as_deref()).count(),
        2
    );
    let state = State {
        bookmarks: vec![then],
        ..State::default()
    };
    let app = App::new(lib, TextOptions::default(), Session::in_memory(state));
    let marks = app.session().bookmarks();
    assert_eq!(marks[0].id, "000000000000", "left as it was: {marks:?}");
}

#[test]
fn bookmarks_and_read_marks_saved_by_another_ribao_show_within_seconds() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    assert_eq!(h.app.session().bookmark_count(), 2);
    let first = bookmarks_by_id(&h)[0].id.clone();
    // `ribao bookmark remove` in another terminal, and a read mark from another reader.
    let (other, _) = ribao::state::StateFile::open(&path).unwrap();
    other
        .apply(&[
            Change::RemoveBookmark(first.clone()),
            Change::MarkRead("0123456789ab".into()),
        ])
        .unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert_eq!(h.app.session().bookmark_count(), 1, "{}", h.text());
    assert!(!h.app.session().is_bookmarked(&first));
    assert!(h.app.session().is_read("0123456789ab"));
    assert!(h.text().contains("★ 1"), "{}", h.text());
    // Nothing this reader holds is lost by taking them in.
    h.keys("jb");
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(on_disk.state.bookmarks.len(), 2);
}

/// A bookmark removed in the bookmarks view the moment another ribao adds one: the view
/// lists it as soon as the removal is saved (tester CV: it lacked it until reopened, the
/// status bar counting it).
#[test]
fn a_bookmark_added_elsewhere_as_one_is_removed_here_is_listed() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    h.keys("B");
    bookmarked_elsewhere(&path);
    h.keys("d");
    let listed: Vec<String> = (h.app.bookmarks_view().unwrap().visible().iter())
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.contains(&"elsewhere1234".to_string()), "{listed:?}");
    assert!(h.text().contains("书签 Bookmarks · 2"), "{}", h.text());
}

#[test]
fn a_state_file_unreadable_at_a_look_for_changes_leaves_saving_on() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    let saved = std::fs::read_to_string(&path).unwrap();
    // A newer ribao's file: neither read nor written by this one.
    std::fs::write(
        &path,
        saved.replacen("\"version\": 1", "\"version\": 99", 1),
    )
    .unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    assert!(!h.app.session().saving_off(), "{}", h.text());
    assert_eq!(h.app.session().bookmark_count(), 2);
    // The older file back: the next bookmark is saved with the others.
    std::fs::write(&path, &saved).unwrap();
    h.keys("jb");
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(on_disk.state.bookmarks.len(), 3);
}

/// A story read part-way, then another: after a restart the first opens where it was left,
/// as it did before the quit (tester AU: it opened at its top), and one read back to its top
/// opens there; a reader that did not read it keeps another's place for it.
#[test]
fn a_story_read_part_way_opens_where_it_was_left_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let short = |path: &std::path::Path| Harness::new(tui_support::app_saving_to(path), 120, 10);
    // The words at the top of the article pane (framed in heavy lines: it is read), its
    // scrollbar left out.
    let top = |h: &mut Harness| {
        let row = h.rows()[1].clone();
        let article = row.split_once('┃').map_or("", |(_, a)| a);
        article.trim_end_matches(['┃', '█']).trim().to_string()
    };
    let mut h = short(&path);
    let mut idle = short(&path);
    h.keys("<Enter><Enter>jjj<Enter>");
    let title = h.app.opened().unwrap().1.title.to_string();
    let at_top = top(&mut h);
    h.keys("jjjj");
    let read_to = top(&mut h);
    assert_ne!(read_to, at_top);
    h.keys("<Esc>j<Enter>");
    assert_ne!(h.app.opened().unwrap().1.title, title);
    h.app.save_on_quit().unwrap();
    // Another reader, moved but not over that story, quits after it.
    idle.keys("j");
    idle.app.save_on_quit().unwrap();

    // (The idle reader quit last: its place, the next date, is where the reader opens.)
    let mut h = short(&path);
    h.keys("k<Enter><Enter>jjj<Enter>");
    assert_eq!(h.app.opened().unwrap().1.title, title);
    assert_eq!(top(&mut h), read_to);
    // Read back to its top: it opens there after the next restart.
    h.keys("gg");
    assert_eq!(top(&mut h), at_top);
    h.keys("<Esc>j<Enter>");
    h.app.save_on_quit().unwrap();
    let mut h = short(&path);
    h.keys("<Esc>k<Enter>");
    assert_eq!(h.app.opened().unwrap().1.title, title);
    assert_eq!(top(&mut h), at_top);
}

/// Two readers on one state file: the one the user moved in saves its place on quit; the one
/// left idle beside it does not put back the place it started from, whichever quits last.
#[test]
fn a_reader_left_idle_does_not_overwrite_the_place_another_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut moved = saving_to(&path);
    let mut idle = saving_to(&path);
    moved.keys("j<Enter>");
    let place = moved.app.position();
    moved.app.save_on_quit().unwrap();
    // The help looked at, and scrolled, is no going anywhere (tester DZ).
    idle.keys("?j?");
    idle.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    idle.app.save_on_quit().unwrap();
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(on_disk.state.position.as_ref(), Some(&place));
    // Once a key went somewhere, its place is saved, last quit last.
    idle.keys("j");
    let other = idle.app.position();
    assert_ne!(other, place);
    idle.app.save_on_quit().unwrap();
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    assert_eq!(on_disk.state.position, Some(other));
}

/// An open bookmarks view takes in what another ribao saved too: a bookmark removed there
/// leaves the list (Enter cannot open it any more), and the selection stays on its bookmark.
#[test]
fn an_open_bookmarks_view_shows_what_another_ribao_saved() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    h.keys("B");
    assert!(h.text().contains("书签 Bookmarks · 2"), "{}", h.text());
    let shown: Vec<String> = h
        .app
        .bookmarks_view()
        .unwrap()
        .visible()
        .iter()
        .map(|b| b.id.clone())
        .collect();
    h.keys("j");
    let (kept, gone) = (shown[1].clone(), shown[0].clone());
    assert_eq!(selected_id(&h), kept);
    let (other, _) = ribao::state::StateFile::open(&path).unwrap();
    other
        .apply(&[Change::RemoveBookmark(gone.clone())])
        .unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    let screen = h.text();
    assert!(screen.contains("书签 Bookmarks · 1"), "{screen}");
    assert!(screen.contains("★ 1"), "{screen}");
    assert_eq!(selected_id(&h), kept);
}

/// In the bookmarks view `o` and `y` open and copy the selected bookmark's link; a key that
/// only means something on an open story says so rather than doing nothing.
#[test]
fn the_bookmarks_view_opens_and_copies_links_and_says_what_other_keys_need() {
    let (_dir, path, mut h) = two_bookmarks_saved();
    // A third, with a link, saved by another ribao (the newest: listed first).
    let url = "https://example.com/saved";
    let (other, _) = ribao::state::StateFile::open(&path).unwrap();
    let linked = Bookmark {
        id: "00000000abcd".into(),
        title: "存下的一条".into(),
        url: Some(url.into()),
        path: "/gone.md".into(),
        added: "2099-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        ..Bookmark::default()
    };
    other
        .apply(&[Change::AddBookmark(Box::new(linked))])
        .unwrap();
    h.run([ribao::tui::Event::Tick(std::time::Duration::from_secs(3))]);
    h.keys("B");
    assert_eq!(selected_id(&h), "00000000abcd");
    assert!(h.text().contains("o open link"), "{}", h.text());
    h.keys("oy");
    assert_eq!(h.host.opened, [url]);
    assert_eq!(h.host.copied, [url]);
    // The test library's stories have no link of their own.
    h.keys("jo");
    assert!(
        h.text().contains("this bookmark has no link"),
        "{}",
        h.text()
    );
    h.keys("i");
    assert!(
        h.text()
            .contains("the bookmarks list does not take that key: Enter opens the story"),
        "{}",
        h.text()
    );
    assert!(h.app.bookmarks_view().is_some());
}

/// In a narrow terminal a bookmark's title keeps most of its row: the publication column
/// takes at most a third of what the date leaves (it had taken a third of the whole row).
#[test]
fn a_narrow_bookmarks_view_gives_the_title_the_room() {
    let (_dir, _path, mut h) = two_bookmarks_saved();
    h.resize(40, 12);
    h.keys("B");
    let screen = h.text();
    assert!(screen.contains("推理芯片出货"), "{screen}");
    assert!(screen.contains("小模型进入更"), "{screen}");
    assert!(
        screen.contains("2026-01-"),
        "the dates, with room: {screen}"
    );
    // Narrower, the date gives way to the title (tester CN: 4 or 5 characters of each).
    h.resize(30, 12);
    let screen = h.text();
    assert!(!screen.contains("2026-01-"), "{screen}");
    assert!(screen.contains("小模型进入更多办公"), "{screen}");
}

/// How many bookmarks the bookmarks view lists with `filter` typed after `/`.
fn shown(h: &mut Harness, filter: &str) -> usize {
    h.keys("/<C-u>");
    h.keys(filter);
    h.keys("<Enter>");
    h.app.bookmarks_view().unwrap().visible().len()
}

/// The bookmarks filter reads as a search query: a quoted phrase, `-word`, and `source:`,
/// `category:` and `date:` narrow the list as they narrow a search.
#[test]
fn the_bookmarks_filter_reads_as_a_search_query() {
    let (_dir, _path, mut h) = two_bookmarks_saved();
    h.keys("B");
    assert_eq!(shown(&mut h, "\"推理芯片\""), 1);
    assert_eq!(shown(&mut h, "-推理"), 1);
    // With a filter set, the hints say Esc clears it (it said "Esc close": tester G), and
    // that d still removes (tester R), at 60 columns too (tester CT: it was left out).
    let hints = h.rows().last().cloned().unwrap();
    assert!(
        hints.contains("Esc clear") && hints.contains("q close"),
        "{hints}"
    );
    assert!(hints.contains("d remove"), "{hints}");
    h.resize(60, 30);
    let hints = h.rows().last().cloned().unwrap();
    assert!(
        hints.contains("d remove") && hints.contains("Esc clear"),
        "{hints}"
    );
    h.resize(120, 30);
    assert_eq!(shown(&mut h, "source:日报"), 2);
    // A filter that leaves none out says none of `of`, in the title as in the status bar
    // (tester CX: `2 of 2` over `2`).
    assert!(!h.text().contains("2 of 2"), "{}", h.text());
    assert_eq!(shown(&mut h, "-source:日报"), 0);
    assert_eq!(shown(&mut h, "date:2026-01"), 2);
    assert_eq!(shown(&mut h, "date:2025"), 0);
    assert_eq!(shown(&mut h, "模型 -date:2025"), 1);
    // One word or the other.
    assert_eq!(shown(&mut h, "推理芯片"), 1);
    assert_eq!(shown(&mut h, "推理芯片 OR 模型"), 2);
    assert_eq!(shown(&mut h, "推理芯片 OR 模型 -模型"), 1);
    // A filter that cannot match says why, as the search line does.
    assert_eq!(shown(&mut h, "date:2026-13"), 0);
    let screen = h.text();
    assert!(
        screen.contains("no bookmark matches:") && screen.contains("is not a date"),
        "{screen}"
    );
    // So does a prefix with no value, beside other words too (tester CL: `模型 source:`
    // was `模型`, unsaid).
    assert_eq!(shown(&mut h, "模型 source:"), 0);
    let screen = h.text();
    assert!(
        screen.contains("“source:” needs a value after it"),
        "{screen}"
    );
}

/// As in a search, `category:other` (or `未分类`) finds the bookmarks without a category of
/// their own, and `-category:other` leaves them out (tester P: they found none, left none
/// out).
#[test]
fn the_bookmarks_filter_finds_the_uncategorised_as_search_does() {
    let mark = |id: &str, category: Option<&str>| Bookmark {
        id: id.into(),
        date: Some("2026-01-01".into()),
        source: "日报".into(),
        category: category.map(Into::into),
        title: format!("书签{id}"),
        url: None,
        path: "/store/2026-01-01.md".into(),
        added: "2026-01-01T00:00:00Z".into(),
        outlet: None,
        text: None,
        extra: Default::default(),
    };
    let state = State {
        bookmarks: vec![
            mark("000000000001", None),
            mark("000000000002", Some("产品")),
        ],
        ..State::default()
    };
    let mut h = Harness::new(app_with_state(state), 100, 30);
    h.keys("B");
    for (filter, n) in [
        ("category:other", 1),
        ("category:未分类", 1),
        ("-category:other", 1),
        ("category:产品", 1),
        ("-category:产品 -category:other", 0),
    ] {
        assert_eq!(shown(&mut h, filter), n, "{filter}");
    }
}

/// As in a search, the bookmarks filter's `source:` finds a story's outlet too,
/// `category:` its unified category, and its words the story's text: they found only the
/// publication, its own category and the title (tester H).
#[test]
fn the_bookmarks_filter_finds_the_outlet_unified_category_and_text_as_search_does() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    let unified = |h: &Harness| {
        h.app
            .selected_item()
            .unwrap()
            .1
            .unified
            .unwrap()
            .to_string()
    };
    // 长江实验室… (from 示例新闻) and 开源社区… (from 样例开源周刊), both 技术前沿解读.
    h.keys("<Enter><Enter>jjjb");
    let first = unified(&h);
    h.keys("jb");
    let second = unified(&h);
    assert_ne!(
        first, "技术前沿解读",
        "the unified category is not the publication's"
    );
    h.keys("B");
    assert_eq!(shown(&mut h, "source:示例新闻"), 1);
    assert_eq!(shown(&mut h, "-source:样例开源周刊"), 1);
    assert_eq!(shown(&mut h, "验证器"), 1, "a word of the text alone");
    assert_eq!(shown(&mut h, "category:技术前沿解读"), 2);
    let same = 1 + usize::from(first == second);
    assert_eq!(shown(&mut h, &format!("category:\"{first}\"")), same);
}

/// A reader that moved but never searched saves its place on quit, not the last search it
/// read at start: the search another reader saved since stays.
#[test]
fn a_reader_that_never_searched_keeps_the_search_another_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut searcher = saving_to(&path);
    let mut mover = saving_to(&path);
    searcher.keys("/");
    searcher.search_for("模型");
    searcher.keys("<Esc>");
    searcher.app.save_on_quit().unwrap();
    mover.keys("jj");
    mover.app.save_on_quit().unwrap();
    let (_, on_disk) = ribao::state::StateFile::open(&path).unwrap();
    let position = on_disk.state.position.unwrap();
    assert_eq!(position.extra["search"]["query"], "模型", "{position:?}");
    assert_eq!(
        position.item,
        mover.app.position().item,
        "the mover's place"
    );
}

/// What `b` says over the one story of a digest titled `title`, `width` columns wide.
fn said_bookmarking(title: &str, width: u16) -> String {
    let digest = ribao::parse::parse(
        format!("# 日报 2026-03-01\n\n## 1. {title}\n\n正文。\n").as_bytes(),
        std::path::Path::new("store/2026-03-01.md"),
    )
    .unwrap();
    let library = tui_support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![digest],
    );
    let app = App::new(
        library,
        TextOptions::default(),
        Session::in_memory(State::default()),
    );
    let mut h = Harness::new(app, width, 30);
    h.keys("<Enter><Enter>b");
    said(&h)
}

/// A bookmark read from the view opened over a search's results: closing the view goes
/// back to the results, as it goes back to where the reader was otherwise (tester BB: it
/// went back to the stories of the date).
#[test]
fn closing_the_bookmarks_goes_back_to_the_search_it_was_opened_over() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    h.keys("<Enter><Enter>b<Esc><Esc>/");
    h.search_for("模型");
    h.keys("<Enter>");
    let selected = h.app.search_view().unwrap().selected;
    h.keys("B<Enter>");
    assert!(h.app.returns_to_bookmarks());
    assert!(
        h.app.search_view().is_none(),
        "the story is read in the reader"
    );
    h.keys("<Esc><Esc>");
    let view = h.app.search_view().expect("the search is back");
    assert_eq!(
        (view.focus, view.selected),
        (ribao::tui::SearchFocus::Results, selected)
    );
}

/// A search opened and closed (or `n`) while reading a bookmark's story leaves the reader
/// reading it from the bookmarks: Esc goes back to them, to the place before them (tester CX:
/// the way back was forgotten, and the place with it).
#[test]
fn a_search_over_a_bookmarks_story_keeps_the_way_back() {
    for keys in ["/<Esc>", "/模型<Enter><Esc>", "n<Esc>"] {
        let mut h = Harness::new(app_with_state(State::default()), 120, 40);
        h.keys("<Enter><Enter>bjb<Esc><Esc>/");
        h.search_for("模型");
        h.keys("<Esc><Esc>]");
        let before = h.app.position();
        h.keys("B<Enter>");
        assert!(h.app.returns_to_bookmarks());
        // Over it, the search's own hints (a review: Esc was said to go to the bookmarks).
        h.keys(&keys[..1]);
        let footer = h.rows().last().cloned().unwrap();
        assert!(!footer.contains("bookmark"), "{keys}: {footer}");
        h.keys(&keys[1..]);
        assert!(h.app.search_view().is_none(), "{keys}: {}", h.text());
        assert!(h.app.returns_to_bookmarks(), "{keys}: {}", h.text());
        h.keys("<Esc>");
        assert!(h.app.bookmarks_view().is_some(), "{keys}: {}", h.text());
        h.keys("<Esc>");
        assert_eq!(h.app.position().date, before.date, "{keys}");
    }
}

/// The bookmarks opened while a result was read: closing them goes back to reading it, and
/// under the search the reader is where it was, not at the result's date.
#[test]
fn closing_the_bookmarks_goes_back_to_the_result_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>b<Esc><Esc>");
    let date = h.app.current_date().unwrap().date;
    // Over the whole archive, a result of another date.
    h.keys("/");
    h.search_for("AI");
    h.keys("<Tab><Tab><Tab>");
    h.settle();
    h.keys("<Enter>");
    let view = h.app.search_view().unwrap();
    let other = (0..view.hits.len())
        .find(|&n| h.app.item_at(view.hits[n]).0.date != date)
        .expect("a result of another date");
    h.keys(&"j".repeat(other));
    let read = h.app.search_view().unwrap().selected_hit();
    let back_at_the_result = |h: &mut Harness| {
        h.settle();
        let view = h.app.search_view().expect("the search is back");
        assert_eq!(
            (view.focus, view.selected_hit()),
            (ribao::tui::SearchFocus::Article, read)
        );
        h.keys("<Esc><Esc>");
        assert!(h.app.search_view().is_none());
        assert_eq!(h.app.current_date().unwrap().date, date);
    };
    // The bookmark read: closed with Esc twice, with B and Esc (tester BX: B opened a new
    // view, which went back to the bookmark's date), and over a restart.
    h.keys("<Enter>B<Enter><Esc><Esc>");
    back_at_the_result(&mut h);
    h.keys("/");
    h.settle();
    h.keys("<Enter><Enter>B<Enter>B<Esc>");
    back_at_the_result(&mut h);
    h.keys("/");
    h.settle();
    h.keys("<Enter><Enter>B<Enter>");
    h.app.save_on_quit().unwrap();
    back_at_the_result(&mut saving_to(&path));
}

/// A title that quotes something itself is quoted in 「」 in messages, not in “” around “”.
#[test]
fn a_title_with_quotes_in_it_is_quoted_apart() {
    assert_eq!(
        said_bookmarking("夸克上线“深度研究”功能", 120),
        "★ bookmarked 「夸克上线“深度研究”功能」"
    );
}

/// A message quotes as much of a title as the status row has room for (tester AY: at 120
/// columns it was cut at 40, half the row empty).
#[test]
fn a_message_quotes_a_title_as_far_as_the_row_allows() {
    let title = "Acme ships a world model that plans household chores for a week ahead";
    assert_eq!(
        said_bookmarking(title, 120),
        format!("★ bookmarked “{title}”")
    );
    assert_eq!(
        said_bookmarking(title, 80),
        "★ bookmarked “Acme ships a world model that plans hou…”"
    );
}

/// `L` in the bookmarks view lists the selected bookmark's links over it, as in the story;
/// Esc closes the list, back to the bookmarks.
#[test]
fn l_lists_a_bookmarks_links_from_the_list() {
    let mut h = Harness::new(app_with_state(State::default()), 120, 40);
    // The story of the third category, whose text links a paper and code.
    h.keys("cjj<Enter>bB");
    let title = h
        .app
        .bookmarks_view()
        .unwrap()
        .selected()
        .unwrap()
        .title
        .clone();
    h.keys("L");
    let screen = h.text();
    let links = h.app.links_view().unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(links.story, title);
    assert!(links.links.len() > 1, "{screen}");
    let shown = format!("链接 Links · {}", links.links.len());
    let screen = h.text();
    assert!(screen.contains(&shown), "{screen}");
    h.keys("<Esc>");
    assert!(h.app.links_view().is_none());
    assert!(h.app.bookmarks_view().is_some(), "back to the bookmarks");
}

/// A mark is on the screen before it is saved (a whole archive's read marks take longer to
/// save than a frame), and saved before the next key is read: the file holds it then. A
/// bookmark is saved first.
#[test]
fn a_mark_is_shown_then_saved_before_the_next_key() {
    use ribao::tui::{Event, EventSource, Host, run_app};
    use std::cell::RefCell;
    use std::rc::Rc;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut h = saving_to(&path);
    h.keys("<Enter><Enter>");
    let saved_read = || {
        ribao::state::StateFile::open(&path)
            .unwrap()
            .1
            .state
            .read
            .len()
    };
    let before = saved_read();
    // What the file held at each frame's end, and when each next key was asked for.
    let seen = Rc::new(RefCell::new(Vec::new()));
    struct Watching<F: Fn() -> usize>(F, Rc<RefCell<Vec<(&'static str, usize)>>>, Vec<Event>);
    impl<F: Fn() -> usize> Host for Watching<F> {
        fn open_url(&mut self, _: &str) -> Result<ribao::tui::Opened, String> {
            Ok(ribao::tui::Opened::Beside)
        }
        fn copy_url(&mut self, _: &str) -> Result<(), String> {
            Ok(())
        }
        fn suspend(&mut self) -> Result<(), String> {
            Ok(())
        }
        fn end_frame(&mut self) {
            self.1.borrow_mut().push(("frame", (self.0)()));
        }
    }
    impl<F: Fn() -> usize> EventSource for Watching<F> {
        fn next(&mut self) -> Option<Event> {
            self.1.borrow_mut().push(("next key", (self.0)()));
            self.2.pop()
        }
        fn try_next(&mut self) -> Option<Event> {
            None
        }
    }
    let j = Event::Key(tui_support::key(crossterm::event::KeyCode::Char('j')));
    let r = Event::Key(tui_support::key(crossterm::event::KeyCode::Char('r')));
    let mut events = Watching(saved_read, seen.clone(), vec![r, j]);
    let mut host = Watching(saved_read, seen.clone(), Vec::new());
    run_app(&mut h.terminal, &mut h.app, &mut events, &mut host).unwrap();
    let n = before;
    assert_eq!(
        *seen.borrow(),
        [
            ("frame", n),
            ("next key", n),
            ("frame", n),
            ("next key", n),
            // `r` marked the story read: shown, then saved.
            ("frame", n),
            ("next key", n + 1)
        ]
    );
    assert!(h.text().contains("marked “"), "{}", h.text());

    // A bookmark is saved before the frame that shows it (tester CH: killed in the save's
    // milliseconds, one shown as made was lost).
    let saved_marks = || {
        (ribao::state::StateFile::open(&path).unwrap().1.state)
            .bookmarks
            .len()
    };
    let marks = saved_marks();
    let b = Event::Key(tui_support::key(crossterm::event::KeyCode::Char('b')));
    seen.borrow_mut().clear();
    let mut events = Watching(saved_marks, seen.clone(), vec![b]);
    let mut host = Watching(saved_marks, seen.clone(), Vec::new());
    run_app(&mut h.terminal, &mut h.app, &mut events, &mut host).unwrap();
    assert_eq!(
        *seen.borrow(),
        [
            ("frame", marks),
            ("next key", marks),
            ("frame", marks + 1),
            ("next key", marks + 1)
        ]
    );
}

/// A mark held for the end of the frame is not lost to a look at the file that comes first,
/// another ribao having saved meanwhile: both marks are kept, on the screen and on disk.
#[test]
fn a_look_at_the_file_keeps_a_mark_not_saved_yet() {
    use ribao::state::StateFile;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (file, loaded) = StateFile::open(&path).unwrap();
    let mut session = Session::open(file, loaded, Vec::new());
    session.hold_saves();
    session.set_read("aaaaaaaaaaaa", true);
    let other = StateFile::open(&path).unwrap().0;
    other
        .apply(&[Change::MarkRead("bbbbbbbbbbbb".into())])
        .unwrap();
    assert!(session.catch_up());
    let both = |read: &dyn Fn(&str) -> bool| read("aaaaaaaaaaaa") && read("bbbbbbbbbbbb");
    assert!(both(&|id| session.is_read(id)));
    let on_disk = StateFile::open(&path).unwrap().1.state;
    assert!(both(&|id| on_disk.read.contains(id)), "{:?}", on_disk.read);
}

/// A reader that went nowhere saves no position over one another reader saved after it
/// started (tester DQ: a terminal closed and a reader opened at once, the one opened wrote
/// the place it had read back over the newer one when it quit).
#[test]
fn a_reader_that_went_nowhere_leaves_a_newer_position_as_it_is() {
    use ribao::state::StateFile;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let at = |date: &str| {
        Change::SetPosition(Box::new(Position {
            date: Some(date.into()),
            ..Position::default()
        }))
    };
    StateFile::open(&path)
        .unwrap()
        .0
        .apply(&[at("2026-02-03")])
        .unwrap();
    let (file, loaded) = StateFile::open(&path).unwrap();
    let session = Session::open(file, loaded, Vec::new());
    let mut h = Harness::new(
        App::new(library(), TextOptions::default(), session),
        120,
        40,
    );
    // The other reader's save, seen by this one.
    let (other, _) = StateFile::open(&path).unwrap();
    other.apply(&[at("2026-02-05")]).unwrap();
    h.app.tick(std::time::Duration::from_secs(5));
    h.app.save_on_quit().unwrap();
    let (_, saved) = StateFile::open(&path).unwrap();
    let date = saved.state.position.and_then(|p| p.date);
    assert_eq!(date.as_deref(), Some("2026-02-05"));
}
