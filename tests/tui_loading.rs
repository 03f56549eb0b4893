//! The reader starts before new files are indexed: they are listed by date at once, marked
//! as being indexed, and their stories arrive without the reader losing its place.

#[path = "tui_support.rs"]
mod support;

use ribao::categories::Categorizer;
use ribao::library::{Library, Look, Pending};
use ribao::text::TextOptions;
use ribao::tui::{App, CategoryFilter, SearchFocus, Session};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;
use support::Harness;

fn sample(i: usize) -> &'static str {
    ribao::samples::SAMPLES[i].1
}

/// A store in `tmp` with one digest, indexed in its cache: (store, cache, its library).
fn indexed_store(tmp: &tempfile::TempDir) -> (PathBuf, PathBuf, Library) {
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    fs::write(store.join("2026-01-21-a.md"), sample(0)).unwrap();
    let indexed = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    (store, cache, indexed)
}

/// [`indexed_store`] with a second digest, `name` holding sample `i`, both indexed and
/// open in the reader: (store, cache, the reader).
fn reading_two(tmp: &tempfile::TempDir, name: &str, i: usize) -> (PathBuf, PathBuf, Harness) {
    let (store, cache, _) = indexed_store(tmp);
    fs::write(store.join(name), sample(i)).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let (library, pending) = open(&store, &cache);
    assert!(pending.is_none());
    let h = Harness::new(reader(library), 120, 30);
    (store, cache, h)
}

fn reader(library: Library) -> App {
    App::new(
        library,
        TextOptions::default(),
        Session::in_memory(Default::default()),
    )
}

/// The store as the reader opens it when it looks at every file.
fn open(store: &Path, cache: &Path) -> (Library, Option<Pending>) {
    let categorizer = Categorizer::builtin().into();
    Library::open_dir(store, Some(cache), categorizer, Look::Files)
}

/// The reader on `store` as it opens it at start (every file looked at), at 120×30.
fn reading(store: &Path, cache: &Path) -> Harness {
    let (library, _) = open(store, cache);
    Harness::new(reader(library), 120, 30)
}

/// The reader watches `store` as it does when run, looking every 20 ms.
fn watch(h: &mut Harness, store: &Path, cache: &Path) {
    watch_every(h, store, cache, Duration::from_millis(20));
}

fn watch_every(h: &mut Harness, store: &Path, cache: &Path, every: Duration) {
    let reopen = {
        let (store, cache) = (store.to_path_buf(), cache.to_path_buf());
        move || Ok(open(&store, &cache))
    };
    h.app
        .watch_store(store.to_path_buf(), every, Box::new(reopen));
}

/// Lets the reader's loop run until `text` is on the screen (20 s at most).
fn wait_for(h: &mut Harness, text: &str) {
    wait_until(h, |h| {
        h.text()
            .contains(text)
            .then_some(())
            .ok_or_else(|| h.text())
    });
}

/// Lets the reader's loop run until it shows `dates` dates, every file indexed.
fn wait_for_dates(h: &mut Harness, dates: usize) {
    wait_until(h, |h| {
        let indexed = h.app.dates().len() == dates && h.app.library().pending_count() == 0;
        indexed.then_some(()).ok_or_else(|| h.text())
    });
}

/// Lets the reader's loop run until `done` is Ok (20 s at most; its Err says what was seen).
fn wait_until(h: &mut Harness, done: impl Fn(&mut Harness) -> Result<(), String>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while let Err(seen) = done(h) {
        assert!(std::time::Instant::now() < deadline, "{seen}");
        std::thread::sleep(Duration::from_millis(20));
        h.run([ribao::tui::Event::Wake]);
    }
}

#[test]
fn new_files_are_listed_at_once_and_filled_in_when_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    assert!(indexed.items().count() > 0);
    // New since: two more, named by date.
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    fs::write(store.join("2026-03-01-c.md"), sample(2)).unwrap();

    let (library, pending) = open(&store, &cache);
    let pending = pending.expect("two files to index");
    assert_eq!(pending.progress.counts(), (0, 2));
    assert_eq!(library.pending_count(), 2);
    let app = reader(library);
    let mut h = Harness::new(app, 120, 30);
    // (The overview keeps a count and its word together with a no-break space.)
    let screen = h.text().replace('\u{a0}', " ");
    // Listed by their dates from the first frame, newest first, without story counts yet.
    let new_date = screen.find("2026-03-02").expect("new file's date listed");
    let old_date = screen.find("2026-01-21").expect("indexed date listed");
    assert!(new_date < old_date);
    assert!(screen.contains("1/…"), "{screen}");
    assert!(screen.contains("being indexed"), "{screen}");
    // The new date's stories are not counted yet: the status bar and overview say so
    // rather than "0 stories".
    assert!(!screen.contains("0 stories"), "{screen}");
    assert_eq!(screen.matches("· … stories").count(), 2, "{screen}");
    // Move to the indexed date, open a story there, and highlight the next one.
    h.keys("G<Enter><Enter><Enter><Esc>j");
    let opened = h.app.opened().map(|(_, i)| i.id.to_string());
    let highlighted = h.app.selected_item().map(|(_, i)| i.id.to_string());
    assert!(opened.is_some() && highlighted.is_some() && opened != highlighted);
    let focus = h.app.focus();
    // The indexing runs now, so that its library arrives after those moves.
    assert_eq!(h.app.library().pending_count(), 2);
    h.app.start_loading(pending);

    assert!(
        h.app.wait_background(Duration::from_secs(20)),
        "indexing finished"
    );
    let screen = h.text();
    assert!(!screen.contains("1/…"), "{screen}");
    assert!(!screen.contains("indexing"), "{screen}");
    assert_eq!(h.app.library().pending_count(), 0);
    // Still where the reader was.
    assert_eq!(h.app.opened().map(|(_, i)| i.id.to_string()), opened);
    assert_eq!(
        h.app.selected_item().map(|(_, i)| i.id.to_string()),
        highlighted
    );
    assert_eq!(h.app.focus(), focus);
    // The new digests have their stories now, and the index on disk has them too.
    let again = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    assert_eq!(again.digests().len(), 3);
    assert_eq!(
        h.app.library().items().count(),
        again.items().count(),
        "the reader's library is the complete one"
    );
}

/// A new file named without a date is listed under the date its text gives before it is
/// indexed, in UTF-16 or GB18030 as in UTF-8: a first start opens at the newest date (tester
/// BT: a UTF-16 digest was listed as undated, and the reader opened at an older one).
#[test]
fn a_new_file_in_another_encoding_is_listed_under_its_own_date() {
    let text = "# AI 日报 2026年3月5日\n\n## 甲发布新模型\n\n正文。\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    for (name, bytes) in [("gb18030", gbk.into_owned()), ("utf16", utf16)] {
        let tmp = tempfile::tempdir().unwrap();
        let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
        fs::create_dir_all(&store).unwrap();
        fs::write(store.join("2026-01-20.md"), sample(0)).unwrap();
        fs::write(store.join("daily.md"), bytes).unwrap();
        let (library, pending) = open(&store, &cache);
        assert_eq!(library.pending_count(), 2, "{name}: nothing indexed yet");
        let h = Harness::new(reader(library), 120, 30);
        let date = h.app.current_date().and_then(|g| g.date);
        assert_eq!(
            date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-05"),
            "{name}"
        );
        drop(pending);
    }
}

#[test]
fn a_scope_with_files_being_indexed_counts_its_stories_with_a_plus() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    let counted = indexed.items().count();
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    // The indexing is not started, so the new file stays uncounted while the keys run.
    let (library, _pending) = open(&store, &cache);
    let app = reader(library);
    let mut h = Harness::new(app, 120, 30);
    // The whole archive: the indexed stories, and more to come.
    h.keys("aaa");
    let screen = h.text();
    assert!(
        screen.contains(&format!("· {counted}+ stories")),
        "{screen}"
    );
    // So do `a`'s message, as a count so far, and the unread counts (tester BP: `41211
    // stories`, `1393+  1393`; tester CG: the message's stayed as the status bar's grew).
    assert!(
        screen.contains(&format!("the whole archive · {counted}+ stories so far")),
        "{screen}"
    );
    let all = screen.lines().find(|l| l.contains("› 全部 / All")).unwrap();
    assert_eq!(all.matches(&format!("{counted}+")).count(), 2, "{all}");
    // And a date of the scope with a file of its own still to index (tester BQ).
    fs::write(
        store.join("2026-01-21-c.md"),
        sample(0).replace("2026", "2026 "),
    )
    .unwrap();
    let (library, _pending) = open(&store, &cache);
    let mut h = Harness::new(reader(library), 120, 30);
    h.keys("aaa");
    let row = h
        .rows()
        .into_iter()
        .find(|r| r.contains("2026-01-21"))
        .unwrap();
    // The dates pane's part of the row, before the category pane's.
    let date = row
        .split(['┃', '│'])
        .find(|p| p.contains("2026-01-21"))
        .unwrap();
    assert!(date.contains(&format!("{counted}+")), "{row}");
}

#[test]
fn a_digest_added_while_the_reader_runs_shows_up() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    // Opened as the reader opens it: the library knows what the folder held.
    let (library, pending) = open(&store, &cache);
    assert!(pending.is_none() && library.listing.is_some());
    let mut h = Harness::new(reader(library), 120, 30);
    watch(&mut h, &store, &cache);
    assert!(!h.text().contains("2026-03-02"));
    // At once: a file added before the watch's first look is seen too.
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    wait_for(&mut h, "2026-03-02");
    assert!(h.text().contains("1 new file in the store"), "{}", h.text());
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    let again = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    assert_eq!(h.app.library().items().count(), again.items().count());
    assert_eq!(again.digests().len(), 2);
}

/// Files that come in batches are said together until a key: a sync's whole delivery, not
/// its last batch (tester EB: 411 came, "11 new digests" was said).
#[test]
fn digests_that_come_in_batches_are_said_together_until_a_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let mut h = reading(&store, &cache);
    watch(&mut h, &store, &cache);
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    wait_for(&mut h, "1 new digest in the store");
    fs::write(store.join("2026-03-03-c.md"), sample(2)).unwrap();
    wait_for(&mut h, "2 new digests in the store");
    // One of them written again (a generator's second go): still one new digest, not also
    // a changed file (a review).
    let again = "# AI 日报 2026-03-03\n\n## 1. 又写一遍的新闻\n\n内容。\n";
    fs::write(store.join("2026-03-03-c.md"), again).unwrap();
    wait_until(&mut h, |h| {
        let read = h.app.library().items().any(|i| i.title == "又写一遍的新闻");
        read.then_some(()).ok_or_else(|| h.text())
    });
    let said = h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        said.starts_with("2 new digests in the store") && !said.contains("read again"),
        "{said}"
    );
    h.keys("j");
    let text = "# AI 日报 2026-03-04\n\n## 1. 一条新闻\n\n内容。\n";
    fs::write(store.join("2026-03-04-d.md"), text).unwrap();
    wait_for(&mut h, "1 new digest in the store, under 2026-03-04");
}

/// Files added while the reader runs are told as files until they are read: an empty or
/// binary one among them is then said to be skipped, not counted as a digest first.
#[test]
fn files_added_while_the_reader_runs_are_counted_as_files_until_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let mut h = reading(&store, &cache);
    watch(&mut h, &store, &cache);
    // All four appear at once, as a folder moved into the store.
    let batch = tmp.path().join("batch");
    fs::create_dir_all(&batch).unwrap();
    fs::write(batch.join("2026-02-01.md"), sample(1)).unwrap();
    fs::write(batch.join("2026-02-02.md"), sample(2)).unwrap();
    fs::write(batch.join("2026-02-03.md"), "").unwrap();
    fs::write(
        batch.join("2026-02-04.md"),
        [0xFFu8, 0, 1, 2, 0, 0xFE].repeat(50),
    )
    .unwrap();
    fs::rename(&batch, store.join("batch")).unwrap();
    wait_for(&mut h, "4 new files in the store");
    // Once read: the digests among them, by the date written in them that they are listed
    // under, not their names' (testers L, O), and the files that are none.
    wait_for(&mut h, "2 new digests in the store, under 2026-01-22");
    wait_for(&mut h, "batch/2026-02-04.md skipped");
    assert!(h.text().contains("batch/2026-02-03.md,"), "{}", h.text());
    assert_eq!(h.app.library().digests().len(), 3);
}

/// A file that turns binary while the reader runs leaves the lists, and the reader says
/// a file was skipped rather than only that the store changed.
#[test]
fn a_file_turned_unreadable_while_reading_is_said_to_be_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_two(&tmp, "2026-01-22-b.md", 1);
    assert!(h.text().contains("2026-01-22"));
    watch(&mut h, &store, &cache);
    fs::write(
        store.join("2026-01-22-b.md"),
        [0xFFu8, 0, 1, 2, 0, 0xFE].repeat(50),
    )
    .unwrap();
    // One file is said with why, as `check` says it; where that does not fit, where to read
    // why (tester BJ: cut, it said neither).
    wait_for(&mut h, "2026-01-22-b.md skipped: the file looks binary");
    assert_eq!(h.app.library().digests().len(), 1);
    h.resize(64, 20);
    let said = h.rows().last().unwrap().clone();
    assert!(
        said.trim_end()
            .ends_with("2026-01-22-b.md skipped — `ribao check` says why"),
        "{said}"
    );
    // Deleted then, it is said to be gone (tester BK: the list was said to be up to date).
    h.resize(120, 30);
    fs::remove_file(store.join("2026-01-22-b.md")).unwrap();
    wait_for(
        &mut h,
        "the store changed: 2026-01-22-b.md gone, skipped before",
    );
}

#[test]
fn a_search_keeps_its_selected_story_when_a_newer_digest_arrives() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_two(&tmp, "2026-01-22-brief.md", 2);
    // The last result of the whole archive: a story of the oldest digest, listed last.
    h.keys("aaa/");
    h.search_for("AI");
    h.keys("<Enter>G");
    let selected = |h: &Harness| {
        let view = h.app.search_view().unwrap();
        let (digest, item) = h.app.item_at(view.selected_hit().unwrap());
        (digest.date, item.id.to_string())
    };
    let (date, chosen) = selected(&h);
    assert_eq!(date.unwrap().to_string(), "2026-01-21");

    watch(&mut h, &store, &cache);
    // A newer digest is listed first: every older digest moves down one place.
    fs::write(store.join("2026-01-24-daily.md"), sample(5)).unwrap();
    wait_for(&mut h, "2026-01-24");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    assert_eq!(selected(&h), (date, chosen));
}

#[test]
fn a_search_while_files_are_being_indexed_says_its_results_are_so_far() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    // The indexing is not started: the new file stays pending while the search runs.
    let (library, _pending) = open(&store, &cache);
    let mut h = Harness::new(reader(library), 120, 30);
    h.keys("aaa/");
    h.search_for("zzzz");
    let screen = h.text();
    assert!(
        screen.contains("no match yet for “zzzz”") && screen.contains("1 file is still being"),
        "{screen}"
    );
    h.keys("<C-u>");
    h.search_for("AI");
    assert!(h.text().contains("results so far"), "{}", h.text());
    // A date whose files are all indexed has its answer, whatever other dates wait for
    // (tester D).
    h.keys("<Esc><Esc>");
    while h.app.scope() != ribao::tui::Scope::Day {
        h.keys("a");
    }
    h.keys("gj/");
    h.search_for("zzzz");
    while h.app.search_view().unwrap().scope != ribao::tui::Scope::Day {
        h.keys("<Tab>");
    }
    h.settle();
    let screen = h.text();
    assert!(
        screen.contains("没有匹配 / no match for “zzzz” in 2026-")
            && !screen.contains("being indexed")
            && !screen.contains("no match yet"),
        "{screen}"
    );
    // What it says of the whole archive is of the files indexed so far (tester AZ: the
    // count was said as the archive's).
    assert!(
        screen.contains("Nothing in the whole archive (全部存档) matches either so far"),
        "{screen}"
    );
}

/// One-story digests of one publication for days `days` counted from 2026-01-01, in
/// `store`; the first day.
fn write_days(store: &Path, days: std::ops::Range<u64>) -> chrono::NaiveDate {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    fs::create_dir_all(store).unwrap();
    for n in days {
        let day = first + chrono::Days::new(n);
        let text = format!("# 测试日报 {day}\n\n## 产品\n\n1. 甲公司发布第{n}个模型。\n");
        fs::write(store.join(format!("{day}.md")), text).unwrap();
    }
    first
}

/// A store of the days `days` in `tmp` (see [`write_days`]), indexed and open in the reader:
/// (store, cache, the first day, the reader).
fn reading_days(
    tmp: &tempfile::TempDir,
    days: std::ops::Range<u64>,
) -> (PathBuf, PathBuf, chrono::NaiveDate, Harness) {
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    let first = write_days(&store, days);
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let h = reading(&store, &cache);
    (store, cache, first, h)
}

/// A date come or gone above those shown leaves the dates pane showing the same dates, not
/// each row moved down one (tester CE: the rows jumped when a new day arrived).
#[test]
fn a_new_date_leaves_the_dates_shown_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    let first = write_days(&store, 0..60);
    let mut h = reading(&store, &cache);
    h.keys(&"j".repeat(40));
    let top = |h: &mut Harness| h.rows()[1].split_whitespace().nth(1).map(str::to_string);
    let shown = top(&mut h);
    assert_eq!(shown.as_deref(), Some("2026-02-14"), "{}", h.text());
    watch(&mut h, &store, &cache);
    write_days(&store, 60..61);
    wait_for(&mut h, "1 new digest");
    assert_eq!(top(&mut h), shown, "{}", h.text());
    fs::remove_file(store.join(format!("{}.md", first + chrono::Days::new(59)))).unwrap();
    wait_for(&mut h, "1 digest gone");
    assert_eq!(top(&mut h), shown, "{}", h.text());
    // At the top, a date come is shown there (a review: it was hidden above the pane).
    h.keys("g");
    write_days(&store, 61..62);
    wait_for(&mut h, "1 new digest");
    assert_eq!(top(&mut h).as_deref(), Some("2026-03-03"), "{}", h.text());
}

/// Categories gone through over several dates keep the date chosen when new files arrive
/// meanwhile: each is still shown from that date, not from where the last one went (a
/// review: the date was lost when the indexed library replaced the reader's).
#[test]
fn categories_keep_the_date_chosen_when_new_files_arrive() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    let first = write_days(&store, 0..10);
    // Research only on the first three days.
    for n in 0..3 {
        let day = first + chrono::Days::new(n);
        let mut text = fs::read_to_string(store.join(format!("{day}.md"))).unwrap();
        text.push_str(&format!("\n## 研究\n\n1. 乙实验室发表第{n}篇论文。\n"));
        fs::write(store.join(format!("{day}.md")), text).unwrap();
    }
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    let date = |h: &Harness| h.app.dates()[h.app.date_index()].date.unwrap().to_string();
    // The whole archive, from 2026-01-06.
    h.keys("aaag");
    h.keys(&"j".repeat(4));
    assert_eq!(date(&h), "2026-01-06", "{}", h.text());
    let to = |h: &mut Harness, name: &str| {
        h.keys("cg");
        while h.app.category() != &CategoryFilter::Source(name.into()) {
            h.keys("j");
        }
    };
    to(&mut h, "研究");
    assert_eq!(date(&h), "2026-01-03", "{}", h.text());
    watch(&mut h, &store, &cache);
    write_days(&store, 10..11);
    wait_for(&mut h, "1 new digest");
    h.keys("gj");
    while h.app.category() != &CategoryFilter::Source("产品".into()) {
        h.keys("j");
    }
    assert_eq!(date(&h), "2026-01-06", "{}", h.text());
}

/// A digest written again after a pause (emptied, then filled: `generator > file`) takes
/// the reader from its open story, as gone; it comes back to it when the file brings the
/// story back before a key is pressed, and stays where the keys went after one (tester CJ:
/// the reader stayed on the date before for good). Its file is said to be read again.
#[test]
fn an_open_story_whose_file_comes_back_is_gone_back_to() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..3);
    h.keys("<Enter><Enter><Enter>");
    let title = |h: &Harness| h.app.opened().map(|(_, i)| i.title.to_string());
    let date = |h: &Harness| h.app.dates()[h.app.date_index()].date.unwrap();
    let newest = first + chrono::Days::new(2);
    assert_eq!(
        title(&h).as_deref(),
        Some("甲公司发布第2个模型"),
        "{}",
        h.text()
    );
    let file = store.join(format!("{newest}.md"));
    let text = fs::read_to_string(&file).unwrap();
    watch(&mut h, &store, &cache);
    for keys_between in [false, true] {
        emptied_then_written_back(&mut h, &file, &text, |h| {
            assert_eq!((title(h), date(h)), (None, newest - chrono::Days::new(1)));
            if keys_between {
                h.keys("<Esc>");
            }
        });
        // A file changed, read again: no new digest (testers CO, CP).
        let said = h.text();
        assert!(
            said.contains("the store changed: 1 file read again"),
            "{said}"
        );
        assert!(!said.contains("new digest"), "{said}");
        match keys_between {
            false => {
                assert_eq!(
                    (title(&h).as_deref(), date(&h)),
                    (Some("甲公司发布第2个模型"), newest),
                    "{}",
                    h.text()
                );
                // Said gone no more: it is back.
                assert!(!h.text().contains("no longer in the store"), "{}", h.text());
            }
            true => assert_eq!(date(&h), newest - chrono::Days::new(1), "{}", h.text()),
        }
    }
}

/// `file` emptied, as `generator > file` leaves it for a moment, until its story is said
/// gone; `meanwhile` then; its `text` written back, and every file indexed again (three
/// dates listed).
fn emptied_then_written_back(
    h: &mut Harness,
    file: &Path,
    text: &str,
    meanwhile: impl FnOnce(&mut Harness),
) {
    fs::write(file, "").unwrap();
    wait_for(h, "no longer in the store");
    h.settle();
    meanwhile(h);
    fs::write(file, text).unwrap();
    wait_for_dates(h, 3);
    h.settle();
}

/// The title of the search result selected.
fn result_selected(h: &Harness) -> Option<String> {
    let hit = h.app.search_view()?.selected_hit()?;
    Some(h.app.item_at(hit).1.title.to_string())
}

/// The title of the search result read in the article, if one is.
fn result_read(h: &Harness) -> Option<String> {
    let reading = h.app.search_view()?.focus == SearchFocus::Article;
    result_selected(h).filter(|_| reading)
}

/// So does a search result being read: selected and read again, at its place in the story,
/// when it comes back before a key is pressed (tester CO: the first result was selected,
/// the article closed).
#[test]
fn a_search_result_whose_file_comes_back_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..3);
    h.keys("aaa/");
    h.search_for("甲公司");
    h.keys("<Enter>j<Enter>");
    assert_eq!(
        result_read(&h).as_deref(),
        Some("甲公司发布第1个模型"),
        "{}",
        h.text()
    );
    let file = store.join(format!("{}.md", first + chrono::Days::new(1)));
    let text = fs::read_to_string(&file).unwrap();
    watch(&mut h, &store, &cache);
    for keys_between in [false, true] {
        emptied_then_written_back(&mut h, &file, &text, |h| {
            assert_eq!(result_read(h), None, "{}", h.text());
            if keys_between {
                h.keys("k");
            }
        });
        let back = (!keys_between).then_some("甲公司发布第1个模型");
        assert_eq!(result_read(&h).as_deref(), back, "{}", h.text());
    }
}

/// A file whose name has another date than its text, renamed under the story read, is not
/// said to take its date away while it is read again: the reader goes back to the story,
/// and says the file moved (tester DN: "2026-01-03 is no longer in the store: 2026-01-02 is
/// shown" stayed, the story shown all along).
#[test]
fn a_file_renamed_under_the_story_read_takes_no_date_away() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, _) = reading_days(&tmp, 0..2);
    let named = store.join(format!("{}.md", first + chrono::Days::new(1)));
    let text = "# 晚间简报 2026-01-03\n\n## 产品\n\n1. 乙公司发布晚间模型。\n";
    fs::write(&named, text).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter><Enter>");
    assert!(h.text().contains("乙公司发布晚间模型"), "{}", h.text());
    watch(&mut h, &store, &cache);
    let renamed = format!("{}-evening.md", first + chrono::Days::new(1));
    fs::rename(&named, store.join(renamed)).unwrap();
    wait_for(&mut h, "moved or renamed");
    assert!(!h.text().contains("no longer in the store"), "{}", h.text());
    assert!(
        h.app
            .opened()
            .is_some_and(|(_, v)| v.title.contains("乙公司")),
        "{}",
        h.text()
    );
}

/// `A` asked, then a story added to the date by its file: the next `A` asks again, over the
/// stories listed now, marking none (tester DN: asked for 3, it marked 4).
#[test]
fn a_change_to_the_store_asks_a_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..2);
    h.keys("<Enter><Enter>A");
    assert_eq!(h.app.message().unwrap().text, "A again marks 1 story read");
    watch(&mut h, &store, &cache);
    let file = store.join(format!("{}.md", first + chrono::Days::new(1)));
    let text = fs::read_to_string(&file).unwrap() + "2. 丙公司发布新模型。\n";
    fs::write(&file, text).unwrap();
    wait_for(&mut h, "1 file read again");
    h.keys("A");
    assert_eq!(
        h.app.message().unwrap().text,
        "A again marks 2 stories read"
    );
}

/// A story read part way down, its file changed above the place read, shows the same text
/// at the top, not the same row (tester DN: ten paragraphs put in above moved the view back
/// five, and taken out, on five).
#[test]
fn an_edit_above_the_place_read_leaves_the_text_read_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let file = store.join("2026-01-01.md");
    let story = |extra: usize| -> String {
        let paras: Vec<String> = (0..extra)
            .map(|n| format!("新增段落{n}。"))
            .chain((0..40).map(|n| format!("第{n}段，长文的内容。")))
            .collect();
        format!(
            "# 测试日报 2026-01-01\n\n## 1. 长文\n\n{}\n",
            paras.join("\n\n")
        )
    };
    fs::write(&file, story(0)).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter><Enter><C-d><C-d>");
    // The first paragraph in sight: `第24段`.
    let top = |h: &mut Harness| -> String {
        let text = h.text();
        let at = text.find("段，长文").unwrap_or(0);
        let from = text[..at].rfind('第').unwrap_or(at);
        text[from..at].to_string()
    };
    let before = top(&mut h);
    assert!(
        before.len() > 3 && before != "第0",
        "{before}: {}",
        h.text()
    );
    watch(&mut h, &store, &cache);
    for extra in [10, 0] {
        fs::write(&file, story(extra)).unwrap();
        wait_for(&mut h, "1 file read again");
        h.settle();
        assert_eq!(top(&mut h), before, "{extra}: {}", h.text());
        h.keys("<Esc>");
    }
}

/// A search result read whose file is removed, or changed so that it no longer matches, gives
/// way to the result beside it, not the first; one changed is said to match no longer
/// (tester DN: the first result was selected, and an edit closed the story unsaid).
#[test]
fn a_result_read_that_goes_gives_way_to_the_one_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..5);
    h.keys("aaa/");
    h.search_for("甲公司");
    h.keys("<Enter>jj<Enter>");
    let titles: Vec<String> = (h.app.search_view().unwrap().hits.iter())
        .map(|&r| h.app.item_at(r).1.title.to_string())
        .collect();
    assert_eq!(result_read(&h).as_ref(), Some(&titles[2]));
    watch(&mut h, &store, &cache);
    let day = |n| store.join(format!("{}.md", first + chrono::Days::new(n)));
    let read = day(titles[2].chars().find_map(|c| c.to_digit(10)).unwrap() as u64);
    fs::remove_file(&read).unwrap();
    wait_for(&mut h, "no longer in the store");
    wait_until(&mut h, |h| match result_selected(h) {
        Some(t) if t == titles[3] => Ok(()),
        other => Err(format!("{other:?}: {}", h.text())),
    });
    h.keys("<Enter>");
    assert_eq!(result_read(&h).as_ref(), Some(&titles[3]));
    let read = day(titles[3].chars().find_map(|c| c.to_digit(10)).unwrap() as u64);
    let text = fs::read_to_string(&read).unwrap();
    fs::write(&read, text.replace("甲公司", "乙公司")).unwrap();
    wait_for(&mut h, "no longer matches the search: its file changed");
    assert_eq!(
        result_selected(&h).as_ref(),
        Some(&titles[4]),
        "{}",
        h.text()
    );
}

/// So when the story open under the search is in the same file, and comes back with it
/// (a review: the reader's place was gone back to, and the result left unread until a
/// later change).
#[test]
fn a_search_result_read_over_a_story_of_its_file_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..3);
    h.keys("<Enter><Enter><Enter>/");
    h.search_for("第2个");
    h.keys("<Enter><Enter>");
    assert_eq!(
        result_read(&h).as_deref(),
        Some("甲公司发布第2个模型"),
        "{}",
        h.text()
    );
    let file = store.join(format!("{}.md", first + chrono::Days::new(2)));
    let text = fs::read_to_string(&file).unwrap();
    watch(&mut h, &store, &cache);
    emptied_then_written_back(&mut h, &file, &text, |_| {});
    assert_eq!(
        result_read(&h).as_deref(),
        Some("甲公司发布第2个模型"),
        "{}",
        h.text()
    );
}

/// A bookmarked story read from the bookmarks view, its file written again (emptied, then
/// filled), is read again where it was read to, not from its top (tester CO).
#[test]
fn a_bookmark_read_whose_file_comes_back_is_read_again_where_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let paragraphs: String = (1..=40).map(|n| format!("第{n}段正文。\n\n")).collect();
    let text = format!("# 测试日报 2026-01-01\n\n## 1. 长故事\n\n{paragraphs}");
    let file = store.join("2026-01-01.md");
    fs::write(&file, &text).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>bB<Enter>");
    h.keys(&"j".repeat(20));
    let scroll = h.app.scroll();
    assert!(scroll >= 20 && h.app.opened().is_some(), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::write(&file, "").unwrap();
    wait_for(&mut h, "no longer in the store");
    fs::write(&file, &text).unwrap();
    wait_until(&mut h, |h| {
        h.app.opened().map(|_| ()).ok_or_else(|| h.text())
    });
    assert_eq!(h.app.scroll(), scroll, "{}", h.text());
}

/// The oldest date's file deleted while its story is read: the reader goes on at the date
/// after it, not at the other end of the archive (tester CJ).
#[test]
fn the_oldest_date_gone_leaves_the_reader_at_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..5);
    h.keys("G<Enter><Enter><Enter>");
    assert!(h.app.opened().is_some(), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join(format!("{first}.md"))).unwrap();
    wait_for(&mut h, "no longer in the store");
    let date = h.app.dates()[h.app.date_index()].date.unwrap();
    assert_eq!(date, first + chrono::Days::new(1), "{}", h.text());
}

/// The file `v` shows is shown as it is after it changes, and said gone when it goes, its
/// text left as it was (tester CJ: it stayed as it was, unsaid).
#[test]
fn the_file_shown_follows_its_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, first, mut h) = reading_days(&tmp, 0..2);
    h.keys("<Enter><Enter>v");
    let shown = |h: &Harness| h.app.file_view().map(|v| v.text.clone());
    assert!(
        shown(&h).is_some_and(|t| t.contains("第1个模型")),
        "{}",
        h.text()
    );
    watch(&mut h, &store, &cache);
    let file = store.join(format!("{}.md", first + chrono::Days::new(1)));
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("2. 乙公司补记的新闻。\n");
    fs::write(&file, &text).unwrap();
    wait_for(&mut h, "乙公司补记的新闻");
    assert_eq!(shown(&h).as_deref(), Some(text.as_str()));
    // Gone, it says so in its title, and the status bar says what became of the story
    // (a review: a note on the file took its place).
    fs::remove_file(&file).unwrap();
    wait_for(&mut h, "no longer in the store");
    assert!(h.text().contains("(gone: as it was)"), "{}", h.text());
    assert_eq!(shown(&h).as_deref(), Some(text.as_str()));
}

/// A first run indexes in growing steps, each writing the index: a reader stopped after
/// two steps leaves their files indexed, and the next start goes on with the rest.
#[test]
fn a_first_run_stopped_midway_keeps_the_steps_it_finished() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    write_days(&store, 0..400);
    let (_, pending) = open(&store, &cache);
    let (library, rest) = pending.unwrap().step();
    assert_eq!(library.pending_count(), 400 - 64);
    let (library, rest) = rest.unwrap().step();
    assert_eq!(library.pending_count(), 400 - 64 - 256);
    // Stopped here, the last step not taken.
    drop((library, rest));
    let (library, pending) = open(&store, &cache);
    assert_eq!(library.pending_count(), 80);
    let pending = pending.unwrap();
    assert_eq!(pending.progress.counts(), (0, 80));
    let (library, rest) = pending.step();
    assert!(rest.is_none());
    assert_eq!(library.pending_count(), 0);
    assert_eq!(library.digests().len(), 400);
}

#[test]
fn on_a_large_first_run_the_newest_dates_get_their_stories_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    // 100 days of one publication, none indexed yet.
    let first = write_days(&store, 0..100);
    let (library, pending) = open(&store, &cache);
    assert_eq!(library.pending_count(), 100);
    // The first step: the newest days are indexed, the oldest still to come.
    let (library, rest) = pending.unwrap().step();
    let rest = rest.expect("a second step");
    let left: Vec<_> = library.digests().iter().filter(|d| d.pending).collect();
    assert!(!left.is_empty() && left.len() < 100, "{}", left.len());
    let newest = &library.digests()[0];
    assert!(!newest.pending && newest.date.unwrap().to_string() == "2026-04-10");
    let oldest = library.digests().last().unwrap();
    assert!(oldest.pending && oldest.date.unwrap().to_string() == "2026-01-01");
    // One count from start to end.
    assert_eq!(rest.progress.counts(), (100 - left.len(), 100));
    let (library, rest) = rest.step();
    assert!(rest.is_none());
    assert_eq!(library.pending_count(), 0);
    assert_eq!(library.digests().len(), 100);
    // With an index, many new files are still one step (no index written twice).
    write_days(&store, 100..180);
    let (_, pending) = open(&store, &cache);
    let (library, rest) = pending.unwrap().step();
    assert!(rest.is_none());
    assert_eq!(library.digests().len(), 180);
    for n in 100..180 {
        fs::remove_file(store.join(format!("{}.md", first + chrono::Days::new(n)))).unwrap();
    }

    // In the reader: the first step's library does not end the indexing.
    fs::remove_dir_all(&cache).unwrap();
    let (library, pending) = open(&store, &cache);
    let mut h = Harness::new(reader(library), 120, 30);
    assert!(h.text().contains("being indexed"), "{}", h.text());
    // Its categories are not counted yet, nor all read.
    let screen = h.text();
    let all = screen.lines().find(|l| l.contains("› 全部 / All")).unwrap();
    assert!(all.contains('…') && !all.contains('✓'), "{screen}");
    h.app.start_loading(pending.unwrap());
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    assert_eq!(h.app.library().pending_count(), 0);
    h.keys("G");
    assert!(h.text().contains("甲公司发布第0个模型"), "{}", h.text());
}

#[test]
fn an_index_cache_that_cannot_be_written_is_said_on_the_reader_screen() {
    // One file (one step), and enough for a first step of their newest (two steps).
    for files in [1, 70] {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        write_days(&store, 0..files);
        // A file where the cache folder should be: not even root can write there.
        let cache = tmp.path().join("cache");
        fs::write(&cache, "not a folder").unwrap();
        let (library, pending) = open(&store, &cache);
        let pending = pending.expect("files to index");
        let progress = pending.progress.clone();
        let mut h = Harness::new(reader(library), 120, 30);
        h.app.start_loading(pending);
        assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
        // The stories are there all the same, read into memory once.
        assert_eq!(h.app.library().pending_count(), 0);
        assert_eq!(h.app.library().items().count(), files as usize);
        assert_eq!(
            progress.done.load(std::sync::atomic::Ordering::Relaxed),
            files as usize
        );
        // While parsing went again in memory, the count said why it began again (tester EB).
        assert!(
            progress
                .label()
                .ends_with("files in memory (the cache cannot be written)"),
            "{}",
            progress.label()
        );
        let screen = h.text();
        assert!(
            screen.contains("cannot write the index cache") && screen.contains("reading every"),
            "{files} files: {screen}"
        );
    }
}

/// A saved date gone from the store, and a newer digest in a file indexed at start: both
/// are said once the file is indexed, the news once (tester CV: it was not said; a review:
/// this path was untested).
#[test]
fn a_gone_date_and_a_newer_digest_indexed_at_start_are_both_said() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    let mut saved = Harness::new(reader(indexed), 120, 30).app.position();
    saved.date = Some("2026-01-20".into());
    saved.item = Some("000000000000".into());
    // Its date in its text alone: not known until it is indexed.
    fs::write(store.join("brief.md"), sample(2)).unwrap();
    let said = said_once_indexed(&store, &cache, saved, "");
    assert!(
        said.starts_with("2026-01-20 is no longer in the store: 2026-01-21 is shown; ")
            && said.matches("since you were last here").count() == 1
            && said.ends_with("1 new digest since you were last here, under 2026-01-22"),
        "{said}"
    );
}

/// What the reader started at the place `saved` says once the files it is to index are,
/// `keys` pressed before.
fn said_once_indexed(
    store: &Path,
    cache: &Path,
    saved: ribao::state::Position,
    keys: &str,
) -> String {
    let (library, pending) = open(store, cache);
    let newest = saved.extra.get("newest").cloned();
    let state = ribao::state::State {
        position: Some(saved),
        ..Default::default()
    };
    let app = App::new(library, TextOptions::default(), Session::in_memory(state));
    let mut h = Harness::new(app, 120, 30);
    // Pressed while the files are still to be indexed (not started yet: no race with it).
    h.keys(keys);
    h.app.start_loading(pending.unwrap());
    // Quit now, the newest date seen would stay the one before: what is new is untold.
    assert_eq!(h.app.position().extra.get("newest"), newest.as_ref());
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.app.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// Digests newer than the reader had when left are said once read: one whose file's name
/// is newer than its text's date is not (tester EB: with the cache deleted, "new digests
/// since you were last here, under 2026-08-25", a date no digest had). With the place
/// left found at once, and with the cache deleted, so that it waits for its story; a key
/// pressed meanwhile loses none of it (a review).
#[test]
fn new_digests_since_last_time_are_said_by_their_dates_once_read() {
    for (cache_deleted, keys) in [(false, ""), (true, ""), (true, "j")] {
        let tmp = tempfile::tempdir().unwrap();
        let (store, cache, indexed) = indexed_store(&tmp);
        let mut h = Harness::new(reader(indexed), 120, 30);
        h.keys("<Enter>");
        let mut saved = h.app.position();
        saved.extra.insert("newest".into(), "2026-01-21".into());
        let digest = |date: &str| format!("# AI 日报 {date}\n\n## 1. 一条新闻\n\n内容，{date}。\n");
        fs::write(store.join("2026-08-25.md"), digest("2026-01-20")).unwrap();
        fs::write(store.join("2026-08-26.md"), digest("2026-08-26")).unwrap();
        if cache_deleted {
            fs::remove_dir_all(&cache).unwrap();
        }
        let said = said_once_indexed(&store, &cache, saved, keys);
        assert!(
            said.ends_with("1 new digest since you were last here, under 2026-08-26"),
            "cache deleted: {cache_deleted}, keys {keys}: {said}"
        );
    }
}

#[test]
fn the_saved_story_is_gone_back_to_once_a_full_reindex_reaches_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    // Reading the older digest's second story when the reader last quit.
    let mut h = Harness::new(reader(indexed), 120, 30);
    h.keys("<Enter><Enter>j<Enter>");
    let saved = h.app.position();
    let story = h.app.opened().unwrap().1.id.to_string();
    assert_eq!(saved.item.as_deref(), Some(story.as_str()));
    let state = ribao::state::State {
        position: Some(saved.clone()),
        ..Default::default()
    };

    // The index is gone (a new version of ribao): every file is indexed again.
    fs::remove_dir_all(&cache).unwrap();
    let start = || {
        let (library, pending) = open(&store, &cache);
        let app = App::new(
            library,
            TextOptions::default(),
            Session::in_memory(state.clone()),
        );
        (Harness::new(app, 120, 30), pending.unwrap())
    };
    let (mut h, pending) = start();
    assert!(h.app.opened().is_none(), "not indexed yet");
    // Quitting before the story arrives keeps the saved place, not the fallback.
    assert_eq!(h.app.position(), saved);
    h.app.start_loading(pending);
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    assert_eq!(
        h.app.opened().map(|(_, i)| i.id.to_string()),
        Some(story.clone())
    );
    assert_eq!(h.app.focus(), ribao::tui::Pane::Article);

    // A key pressed while indexing: the user's own place wins.
    fs::remove_dir_all(&cache).unwrap();
    let (mut h, pending) = start();
    h.keys("j");
    let moved = h.app.position();
    h.app.start_loading(pending);
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    assert!(h.app.opened().is_none());
    assert_eq!(h.app.position().date, moved.date);

    // The search and the help, opened and closed meanwhile, stand over the reader and leave
    // it be (tester CR: `/` at start left the reader at the date shown meanwhile, and saved
    // it).
    fs::remove_dir_all(&cache).unwrap();
    let (mut h, pending) = start();
    h.keys("/");
    h.search_for("模型");
    h.keys("<Enter>j<Esc>?<Esc>");
    // `n` opens the last search again over the reader too (a review).
    h.keys("n<Esc>");
    assert!(h.app.search_view().is_none() && h.app.help_scroll().is_none());
    // Quitting keeps the place waiting, not the one shown meanwhile (tester CT: `?`, Esc,
    // `q` lost the story saved).
    h.keys("q");
    let kept = h.app.position();
    assert_eq!((&kept.date, &kept.item), (&saved.date, &saved.item));
    // With the search typed meanwhile, for the next `/`.
    assert_eq!(kept.extra["search"]["query"], "模型");
    h.app.start_loading(pending);
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    assert_eq!(h.app.opened().map(|(_, i)| i.id.to_string()), Some(story));
}

/// `h`'s last search result read, the reader quit, and started again with the index gone
/// (every file to be indexed again): the new reader, its indexing not started, and the id
/// of the result read.
fn last_result_read_then_reindexed(
    mut h: Harness,
    store: &Path,
    cache: &Path,
) -> (Harness, Pending, String) {
    h.keys("<Enter>G<Enter>");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.focus, ribao::tui::SearchFocus::Article);
    let read = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    let state = ribao::state::State {
        position: Some(h.app.position()),
        ..Default::default()
    };
    fs::remove_dir_all(cache).unwrap();
    let (library, pending) = open(store, cache);
    let app = App::new(library, TextOptions::default(), Session::in_memory(state));
    (Harness::new(app, 120, 30), pending.unwrap(), read)
}

/// A search left open, reopened at a start that indexes every file again: asked again once
/// the files are indexed, its answer about the new lists, the result read selected and
/// read again (its answer from the first files stayed, pointing into lists since replaced).
#[test]
fn a_search_reopened_while_every_file_is_indexed_again_is_asked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    fs::write(store.join("2026-03-02-b.md"), sample(1)).unwrap();
    let mut h = Harness::new(reader(indexed), 120, 30);
    h.keys("<Enter><Enter>j<Enter>/");
    h.search_for("AI");
    h.keys("<Tab><Tab><Tab>");
    h.settle();
    let (mut h, pending, read) = last_result_read_then_reindexed(h, &store, &cache);
    h.app.start_loading(pending);
    h.settle();
    let view = h.app.search_view().expect("the search is open");
    assert!(!view.pending, "answered");
    let shown = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    assert_eq!(
        (view.focus, shown),
        (ribao::tui::SearchFocus::Article, read)
    );
    for &hit in &view.hits {
        let id = h.app.item_at(hit).1.id.to_string();
        assert!(
            h.app.library().find(&id).is_some(),
            "a result of these lists"
        );
    }
}

/// The result read when the reader quit, in a file indexed late at the next start (every
/// file indexed again): selected and read once indexing reaches it, though the answers
/// before did not have it (tester BY: the first result was selected, and saved so).
#[test]
fn a_result_read_is_read_again_once_indexing_reaches_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    write_days(&store, 0..100);
    let library = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = Harness::new(reader(library), 120, 30);
    h.keys("/");
    h.search_for("模型");
    h.keys("<Tab><Tab><Tab>");
    h.settle();
    // The oldest result, read.
    let (mut h, pending, read) = last_result_read_then_reindexed(h, &store, &cache);
    // Answered before any file is indexed: nothing found yet.
    h.settle();
    h.app.start_loading(pending);
    h.settle();
    let view = h.app.search_view().expect("the search is open");
    let shown = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    assert_eq!(
        (view.focus, shown),
        (ribao::tui::SearchFocus::Article, read)
    );
}

/// A store whose folders are as they were when its index was made is listed from the index
/// without looking at every file; a digest rewritten in place since (which moves no
/// folder's time) then shows its new text just after the first screen, not at the watch's
/// next look a minute later.
#[test]
fn a_digest_rewritten_in_place_since_the_index_is_seen_just_after_start() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let file = store.join("2026-01-21.md");
    let digest = |story: &str| format!("# 测试日报 2026-01-21\n\n## 产品\n\n1. {story}\n");
    fs::write(&file, digest("旧的故事标题。")).unwrap();
    // A folder's time is gone by only once it is two seconds old.
    std::thread::sleep(Duration::from_millis(2100));
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    fs::write(&file, digest("新的故事标题。")).unwrap();
    let folders = Categorizer::builtin().into();
    let (library, pending) = Library::open_dir(&store, Some(&cache), folders, Look::Folders);
    assert!(library.files_unseen && pending.is_none());
    let mut h = Harness::new(reader(library), 120, 30);
    assert!(h.text().contains("旧的故事标题"), "{}", h.text());
    watch_every(&mut h, &store, &cache, Duration::from_secs(60));
    wait_for(&mut h, "新的故事标题");
    assert!(h.text().contains("the store changed"), "{}", h.text());
    // Looking at every file, the reader sees the same.
    let (again, _) = open(&store, &cache);
    assert!(!again.files_unseen);
    assert_eq!(again.items().count(), 1);
}

#[test]
fn a_digest_changed_on_disk_leaves_the_reader_in_its_category_and_story() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let (library, pending) = open(&store, &cache);
    assert!(pending.is_none());
    let mut h = Harness::new(reader(library), 120, 30);
    h.keys("<Enter>j<Enter>j<Enter>");
    let place = |h: &Harness| {
        let opened = h.app.opened().map(|(_, v)| v.id.to_string());
        (h.app.category().label().to_string(), opened)
    };
    let before = place(&h);
    assert!(
        before.1.is_some() && h.app.category_index() > 0,
        "{}",
        h.text()
    );
    watch(&mut h, &store, &cache);
    // Its file edited (a paragraph added at the end) while it is read.
    let file = store.join("2026-01-21-a.md");
    fs::write(&file, format!("{}\n补充的一段文字。\n", sample(0))).unwrap();
    wait_for(&mut h, "the store changed");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    assert_eq!(place(&h), before, "{}", h.text());
}

/// The author retitles the story being read (its id, made from the title, changes): the
/// reader stays in it, found again by its link, under its new title.
#[test]
fn a_story_retitled_while_it_is_read_stays_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir(&store).unwrap();
    let file = store.join("2026-03-01.md");
    let digest = |title: &str| {
        format!(
            "# 日报 2026-03-01\n\n## 产品\n\n### 1. 另一条新闻\n正文一。[原文](https://a.example/0)\n\n\
             ### 2. {title}\n正文二。[原文](https://a.example/1)\n\n\
             ### 3. 第三条新闻\n正文三。[原文](https://a.example/2)\n"
        )
    };
    fs::write(&file, digest("旧的标题写法")).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>j<Enter>");
    let opened = |h: &Harness| h.app.opened().map(|(_, v)| v.title.to_string());
    assert_eq!(opened(&h).as_deref(), Some("旧的标题写法"), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::write(&file, digest("新的标题写法")).unwrap();
    wait_for(&mut h, "the store changed");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    assert_eq!(opened(&h).as_deref(), Some("新的标题写法"), "{}", h.text());
    let highlighted = h.app.selected_item().map(|(_, v)| v.title.to_string());
    assert_eq!(highlighted.as_deref(), Some("新的标题写法"));
}

/// A bookmarked story retitled while the bookmarks view is open: the view shows it under
/// its new title without being closed and opened again.
#[test]
fn the_bookmarks_view_shows_a_story_retitled_while_it_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("s"), tmp.path().join("c"));
    fs::create_dir(&store).unwrap();
    let file = store.join("2026-03-01.md");
    let digest = |title: &str| {
        format!(
            "# 日报 2026-03-01\n\n## 产品\n\n### 1. {title}\n正文。[原文](https://a.example/1)\n"
        )
    };
    fs::write(&file, digest("旧的标题写法")).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>bB");
    assert!(h.text().contains("旧的标题写法"), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::write(&file, digest("新的标题写法")).unwrap();
    wait_for(&mut h, "新的标题写法");
    assert!(h.app.bookmarks_view().is_some());
    assert!(!h.text().contains("旧的标题写法"), "{}", h.text());
}

/// A store in `tmp` of a digest of 2026-03-01 holding `text` and an older one, indexed:
/// (store, cache, the 2026-03-01 file).
fn beside_an_older_day(tmp: &tempfile::TempDir, text: &str) -> (PathBuf, PathBuf, PathBuf) {
    let (store, cache) = (tmp.path().join("s"), tmp.path().join("c"));
    fs::create_dir(&store).unwrap();
    let file = store.join("2026-03-01.md");
    fs::write(&file, text).unwrap();
    fs::write(
        store.join("2026-02-28.md"),
        "# 日报 2026-02-28\n\n### 1. 旧闻\n正文。\n",
    )
    .unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    (store, cache, file)
}

/// A story read from the bookmarks view whose file goes: the view comes back with the
/// bookmark's kept copy, as Enter on it would show it now (tester BN: the view closed, on
/// another digest's stories).
#[test]
fn a_bookmark_read_from_the_view_stays_as_its_copy_when_its_file_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, file) = beside_an_older_day(
        &tmp,
        "# 日报 2026-03-01\n\n### 1. 要留下的一条\n正文留着。\n",
    );
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>bB<Enter>");
    assert!(h.app.returns_to_bookmarks(), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::remove_file(&file).unwrap();
    wait_for(&mut h, "“要留下的一条” is no longer in the store");
    let view = h.app.bookmarks_view().expect("the bookmarks view is back");
    assert_eq!(
        view.missing.as_ref().map(|m| m.title.as_str()),
        Some("要留下的一条")
    );
    let screen = h.text();
    assert!(screen.contains("正文留着"), "{screen}");
    // Esc goes back to the list, and from there to where the reader was.
    h.keys("<Esc>");
    assert!(h.app.bookmarks_view().is_some_and(|v| v.missing.is_none()));
}

/// The story being read is gone after its file changed (an editor emptied it before
/// writing it): the reader says which story and which file, rather than closing it
/// unexplained.
#[test]
fn a_story_gone_while_it_is_read_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, file) = beside_an_older_day(
        &tmp,
        "# 日报 2026-03-01\n\n## 产品\n\n### 1. 第一条\n正文一。\n\n### 2. 第二条\n正文二。\n",
    );
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>j<Enter>");
    let opened = h.app.opened().map(|(_, v)| v.title.to_string());
    assert_eq!(opened.as_deref(), Some("第二条"), "{}", h.text());
    watch(&mut h, &store, &cache);
    // What became of the file is said (tester AK: "changed or was removed" left it open).
    fs::write(
        &file,
        "# 日报 2026-03-01\n\n## 产品\n\n### 1. 第一条\n正文一。\n",
    )
    .unwrap();
    wait_for(&mut h, "“第二条” is no longer in the store");
    assert!(
        h.text().contains("2026-03-01.md no longer has it"),
        "{}",
        h.text()
    );
    h.keys("<Enter>");
    assert_eq!(h.app.opened().unwrap().1.title, "第一条");
    fs::write(&file, "").unwrap();
    wait_for(&mut h, "“第一条” is no longer in the store");
    assert!(
        h.text()
            .contains("store: 2026-03-01.md: the file holds no text"),
        "{}",
        h.text()
    );
    // Said once (tester AM: the skipping was said again after it).
    assert_eq!(h.text().matches("skipped").count(), 1, "{}", h.text());
    // Found while the user may be reading: it stays until the next key.
    h.run([ribao::tui::Event::Tick(Duration::from_secs(60))]);
    assert!(
        h.text().contains("is no longer in the store"),
        "{}",
        h.text()
    );
    h.keys("j");
    assert!(
        !h.text().contains("is no longer in the store"),
        "{}",
        h.text()
    );
}

/// A search result being read whose file is deleted: said as the reader's open story is,
/// and the keys back in the results; the next result is not shown as if it were opened
/// (tester AV: it took the gone one's place in the article, left unread).
#[test]
fn a_search_result_gone_while_it_is_read_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("s"), tmp.path().join("c"));
    fs::create_dir(&store).unwrap();
    let day = |n: u32, title: &str| {
        fs::write(
            store.join(format!("2026-03-0{n}.md")),
            format!("# 日报 2026-03-0{n}\n\n### 1. {title}\n关键词甲。\n"),
        )
        .unwrap();
    };
    day(2, "要删的一条");
    day(1, "留下的一条");
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("aaa/");
    h.search_for("关键词甲");
    h.keys("<Enter><Enter>");
    let view = h.app.search_view().unwrap();
    assert_eq!(view.focus, SearchFocus::Article);
    assert_eq!(
        h.app.item_at(view.selected_hit().unwrap()).1.title,
        "要删的一条"
    );
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join("2026-03-02.md")).unwrap();
    wait_for(&mut h, "“要删的一条” is no longer in the store");
    assert!(h.text().contains("2026-03-02.md is gone"), "{}", h.text());
    h.settle();
    let shown = h.text();
    let view = h.app.search_view().unwrap();
    assert_eq!(view.focus, SearchFocus::Results, "{shown}");
    assert_eq!(view.hits.len(), 1);
    let left = h.app.item_at(view.selected_hit().unwrap()).1.id.to_string();
    assert!(!h.app.session().is_read(&left), "{shown}");
}

/// A story kept in two files (a site's copy beside the raw digest) is not gone when the
/// file it was read from is deleted: the other copy holds it (tester AW: said gone).
#[test]
fn a_story_read_from_one_of_two_copies_stays_when_that_copy_is_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("s"), tmp.path().join("c"));
    let day = "# 日报 2026-03-02\n\n### 1. 甲公司发布新模型\n关键词乙。\n";
    for dir in ["raw", "site"] {
        fs::create_dir_all(store.join(dir)).unwrap();
        fs::write(store.join(dir).join("2026-03-02.md"), day).unwrap();
    }
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    for searching in [false, true] {
        let mut h = reading(&store, &cache);
        match searching {
            true => {
                h.keys("/");
                h.search_for("关键词乙");
                h.keys("<Enter><Enter>");
            }
            false => h.keys("<Enter><Enter><Enter>"),
        }
        // The file and title of the story read.
        let read = |h: &Harness| {
            let (digest, item) = match searching {
                true => {
                    let view = h.app.search_view().unwrap();
                    let r = view
                        .selected_hit()
                        .filter(|_| view.focus == SearchFocus::Article);
                    h.app.item_at(r?)
                }
                false => h.app.opened()?,
            };
            Some((digest.path.clone(), item.title.to_string()))
        };
        let (file, _) = read(&h).expect("a story read");
        watch(&mut h, &store, &cache);
        fs::remove_file(&file).unwrap();
        wait_until(&mut h, |h| match h.app.library().digests().len() {
            1 => Ok(()),
            _ => Err(h.text()),
        });
        h.settle();
        let shown = h.text();
        assert!(!shown.contains("no longer in the store"), "{shown}");
        let (now, title) = read(&h).unwrap_or_else(|| panic!("still read: {shown}"));
        assert_eq!(title, "甲公司发布新模型");
        assert_ne!(now, file);
        // Put back for the next round.
        fs::write(&file, day).unwrap();
        Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    }
}

#[test]
fn a_date_whose_files_are_deleted_gives_way_to_the_next_older_one_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    // Dated 2026-01-23, 01-22 and (the first) 01-21.
    fs::write(store.join("2026-01-23-b.md"), sample(3)).unwrap();
    fs::write(store.join("2026-01-22-c.md"), sample(2)).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("j");
    let date = |h: &Harness| {
        h.app.dates()[h.app.date_index()]
            .date
            .map(|d| d.to_string())
    };
    assert_eq!(date(&h).as_deref(), Some("2026-01-22"));
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join("2026-01-22-c.md")).unwrap();
    wait_for(
        &mut h,
        "2026-01-22 is no longer in the store: 2026-01-21 is shown",
    );
    assert_eq!(date(&h).as_deref(), Some("2026-01-21"));
}

/// The store's folder deleted while the reader runs: it says so, and the stories read before
/// stay on screen (the store cannot be opened as the reader opens it at start).
#[test]
fn a_store_folder_deleted_while_reading_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let mut h = reading(&store, &cache);
    let reopen = {
        let (store, cache) = (store.clone(), cache.clone());
        move || match store.is_dir() {
            true => Ok(open(&store, &cache)),
            false => Err(format!("store folder {} cannot be opened", store.display())),
        }
    };
    h.app
        .watch_store(store.clone(), Duration::from_millis(20), Box::new(reopen));
    let listed = h.app.items().len();
    h.keys("<Enter><Enter>b");
    assert_eq!(h.app.session().bookmarks().len(), 1, "{}", h.text());
    fs::remove_dir_all(&store).unwrap();
    wait_for(&mut h, "cannot be opened — showing the stories read before");
    assert_eq!(h.app.items().len(), listed);
    // The bookmark's file is gone: its view asks for a look at each frame it is drawn,
    // and the store is not said again for those (a review: it came back every half second).
    h.keys("j");
    h.keys("B<Enter>");
    assert!(h.text().contains("the digest file is gone"), "{}", h.text());
    let until = std::time::Instant::now() + Duration::from_millis(1500);
    while std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
        h.run([ribao::tui::Event::Wake]);
        assert!(!h.text().contains("cannot be opened"), "{}", h.text());
    }
    // Looked at again when the user asks, it is said again, not that the list is up to
    // date (tester CA).
    h.keys("R");
    wait_until(&mut h, |h| {
        let seen = h.text();
        match seen.contains("cannot be opened — showing the stories read before") {
            true => Ok(()),
            false if seen.contains("up to date") => panic!("{seen}"),
            false => Err(seen),
        }
    });
}

/// In a narrow terminal the indexing progress comes first in the status bar; it had been
/// cut off behind the date and category. (Another ribao holds the index's lock, so the
/// indexing waits at 0 while the screen is looked at.)
#[test]
fn a_narrow_status_bar_keeps_the_indexing_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_days(&store, 0..3);
    let cache = tmp.path().join("cache");
    let dir = ribao::index::cache::Cache::new(&cache, &store)
        .dir()
        .to_path_buf();
    fs::create_dir_all(&dir).unwrap();
    let lock = fs::File::create(dir.join("lock")).unwrap();
    lock.lock().unwrap();
    let (library, pending) = open(&store, &cache);
    let mut h = Harness::new(reader(library), 40, 12);
    h.app.start_loading(pending.expect("files to index"));
    // Indexing starts from 0, and as soon as it finds another ribao holding the index, says
    // so first, in words.
    let screen = h.text();
    assert!(
        screen.contains("indexing 0/3 files · ") || screen.contains("another ribao is indexing · "),
        "{screen}"
    );
    let asked = std::time::Instant::now();
    while !h.text().contains("another ribao is indexing · ") {
        assert!(asked.elapsed() < Duration::from_secs(20), "{}", h.text());
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(lock);
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.run([]);
    assert!(!h.text().contains("indexing"), "{}", h.text());
}

/// A story whose folder cannot be read is said to be unreadable, as its folder is, not gone
/// (tester DH: a folder made unreadable had its stories' files called gone).
#[test]
fn a_file_in_a_folder_that_cannot_be_read_is_unreadable_not_gone() {
    let problem = ribao::store::FileProblem {
        path: PathBuf::from("/store/a"),
        message: "cannot read: permission denied".into(),
        left_alone: false,
    };
    let library = Library::from_digests(
        ribao::library::Origin::Store(PathBuf::from("/store")),
        Vec::new(),
        vec![problem],
        &Categorizer::builtin(),
    );
    assert!(matches!(
        library.why_missing("/store/a/2026-01-21.md"),
        ribao::library::Missing::Unreadable("cannot read: permission denied")
    ));
    assert!(matches!(
        library.why_missing("/store/ab/2026-01-21.md"),
        ribao::library::Missing::File
    ));
}

/// A story whose file turned binary since it was indexed is still headed by its title and
/// date from the index, with why its text cannot be read where the text would be.
#[test]
fn a_story_whose_file_became_unreadable_keeps_its_header_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _, indexed) = indexed_store(&tmp);
    let title = indexed.item(0).title.to_string();
    fs::write(
        store.join("2026-01-21-a.md"),
        [0xFFu8, 0, 1, 2, 0, 0xFE].repeat(50),
    )
    .unwrap();
    let mut h = Harness::new(reader(indexed), 120, 30);
    h.keys("<Enter><Enter><Enter>");
    let screen = h.text();
    let article_head: String = title.chars().take(12).collect();
    assert!(
        screen.contains(&format!("┃ {article_head}")) && screen.contains("2026-01-21 · "),
        "{screen}"
    );
    assert!(
        screen.contains("its text cannot be read") && screen.contains("looks binary"),
        "{screen}"
    );
    // Not marked read: it is still to be read (tester CS).
    let (_, story) = h.app.opened().unwrap();
    assert!(!h.app.session().is_read(story.id));
}

/// The open story's date and title.
fn open_story(h: &Harness) -> (String, String) {
    let (digest, item) = h.app.opened().expect("a story is open");
    (digest.date.unwrap().to_string(), item.title.to_string())
}

/// The reader on [`indexed_store`], its stories listed, with a watch that would not look
/// again on its own while a test runs; then the digest's file is renamed (its new path).
fn renamed_while_reading(tmp: &tempfile::TempDir) -> (Harness, PathBuf) {
    let (store, cache, _) = indexed_store(tmp);
    let mut h = reading(&store, &cache);
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    // The categories: the stories would preview the first, reading its file before it moved.
    h.keys("<Tab>");
    let renamed = store.join("2026-01-21-renamed.md");
    fs::rename(store.join("2026-01-21-a.md"), &renamed).unwrap();
    (h, renamed)
}

/// Waits until a story of the file `path` is open, and the screen no longer says `not`.
fn wait_open_in(h: &mut Harness, path: &Path, not: &str) {
    wait_until(h, |h| {
        let screen = h.text();
        let found = h.app.opened().is_some_and(|(d, _)| d.path == path);
        (found && !screen.contains(not)).then_some(()).ok_or(screen)
    });
}

/// A story whose file was renamed while the reader runs is found under the new name in a
/// moment: the reader looks at the store when it cannot read a file, rather than at its next
/// look (15 s later; until then it said the text could not be read, or the file was gone).
#[test]
fn a_file_renamed_while_reading_is_found_again_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut h, renamed) = renamed_while_reading(&tmp);
    h.keys("<Tab><Enter>");
    let before = open_story(&h);
    wait_open_in(&mut h, &renamed, "正文读不到");
    assert_eq!(open_story(&h), before);
}

/// A bookmark opened a moment after its story's file was renamed, shown as gone, opens its
/// story under the file's new name once the store was read again (tester T: it stayed
/// "gone" until Esc and Enter).
#[test]
fn a_bookmark_opened_just_after_its_file_was_renamed_opens_when_the_store_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let mut h = reading(&store, &cache);
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    h.keys("<Tab><Tab>b");
    let marked = h.app.session().bookmarks()[0].title.clone();
    let renamed = store.join("2026-01-21-renamed.md");
    fs::rename(store.join("2026-01-21-a.md"), &renamed).unwrap();
    h.keys("B<Enter>");
    wait_open_in(&mut h, &renamed, "日报文件已不在");
    assert_eq!(open_story(&h).1, marked);
}

/// `v` on a story whose file was renamed a moment before shows the file once the store was
/// read again: the first press failed, and only a second one showed it.
#[test]
fn v_on_a_story_whose_file_was_just_renamed_shows_it_under_its_new_name() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut h, _) = renamed_while_reading(&tmp);
    h.keys("<Tab>v");
    wait_until(&mut h, |h| {
        let shown = h.app.file_view().map(|f| f.name.clone());
        (shown.as_deref() == Some("2026-01-21-renamed.md"))
            .then_some(())
            .ok_or_else(|| format!("{shown:?}\n{}", h.text()))
    });
}

/// With the reader watching the store, adds a one-story digest dated by its file `name`,
/// waits for `shown` and for the indexing.
fn add_while_watching(h: &mut Harness, (store, cache): (&Path, &Path), name: &str, shown: &str) {
    watch(h, store, cache);
    let digest = "# 日报\n\n1. [一条新闻](https://example.com/a)：内容。\n";
    fs::write(store.join(name), digest).unwrap();
    wait_for(h, shown);
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
}

/// A last-7-days scope that a newer digest moves past the open story's date keeps the
/// story: its day is shown alone, and the reader says why, not that the story was removed.
#[test]
fn a_newer_digest_moving_the_week_past_the_open_story_keeps_it_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_two(&tmp, "2026-01-22-b.md", 1);
    h.keys("a<Tab><Tab>G<Enter>");
    let before = open_story(&h);
    add_while_watching(
        &mut h,
        (&store, &cache),
        "2026-03-02-c.md",
        "近7天 (02-24–03-02) does not reach 2026-01-21 any more",
    );
    let screen = h.text();
    assert_eq!(open_story(&h), before, "{screen}");
    assert!(!screen.contains("no longer in the store"), "{screen}");
}

/// A search result being read when the store changes stays the search's: the story open
/// under the search is neither said to be gone nor lost when the search closes.
#[test]
fn a_store_change_while_reading_a_search_result_keeps_the_story_under_the_search() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_two(&tmp, "2026-01-22-b.md", 1);
    h.keys("<Tab><Tab><Enter>");
    let under = open_story(&h);
    assert_eq!(under.0, "2026-01-22");
    // A result of the other date, read.
    h.keys("/");
    h.search_for("date:2026-01-21");
    // Tab asks again in the next scope: its results are waited for before one is opened.
    h.keys("<Tab><Tab><Tab>");
    h.settle();
    h.keys("<Enter><Enter>");
    assert!(h.text().contains("2026-01-21 · "), "{}", h.text());
    add_while_watching(
        &mut h,
        (&store, &cache),
        "2026-01-23-c.md",
        "1 new file in the store",
    );
    assert!(!h.text().contains("no longer in the store"), "{}", h.text());
    h.keys("<Esc><Esc>");
    assert!(h.app.search_view().is_none(), "{}", h.text());
    assert_eq!(open_story(&h), under, "{}", h.text());
}

/// A file changed in place is listed as the index has it while it is read again, with its
/// stories: listed as a new file, its date and the story open in it went for a moment.
#[test]
fn a_file_changed_in_place_keeps_its_stories_listed_while_it_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, indexed) = indexed_store(&tmp);
    let stories = indexed.digests()[0].items.len();
    let path = store.join("2026-01-21-a.md");
    let edited = sample(0).replacen("OpenAI", "OpenAI 公司", 1);
    fs::write(&path, edited).unwrap();
    let (library, pending) = open(&store, &cache);
    let pending = pending.expect("the file is read again");
    assert_eq!(pending.progress.counts(), (0, 1));
    assert_eq!(library.pending_count(), 0);
    let listed = &library.digests()[0];
    assert_eq!(listed.date.unwrap().to_string(), "2026-01-21");
    assert!(stories > 0);
    assert_eq!(listed.items.len(), stories);
}

/// A file changed in place is listed as it was until it is read again: the reader says it
/// is being read, not that the list is up to date; once it is read, that it was.
#[test]
fn a_file_changed_in_place_is_said_to_be_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_two(&tmp, "2026-01-22-b.md", 1);
    watch(&mut h, &store, &cache);
    let path = store.join("2026-01-22-b.md");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replacen("OpenAI", "OpenAI 公司", 1);
    fs::write(&path, edited).unwrap();
    wait_for(&mut h, "the store changed: reading 1 file again");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    assert!(
        h.text().contains("the store changed: 1 file read again"),
        "{}",
        h.text()
    );
}

/// Five link stories, `skip` left out, as a digest dated by its file name.
fn five_stories(skip: usize) -> String {
    let stories: String = (1..=5)
        .filter(|&n| n != skip)
        .map(|n| format!("{n}. [新闻标题第{n}条](https://example.com/{n})：内容。\n"))
        .collect();
    format!("# 日报\n\n{stories}")
}

/// A store of [`five_stories`] in each of `names`, indexed, open in the reader: (store,
/// cache, the reader).
fn reading_five(tmp: &tempfile::TempDir, names: &[&str]) -> (PathBuf, PathBuf, Harness) {
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    for name in names {
        fs::write(store.join(name), five_stories(0)).unwrap();
    }
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let h = reading(&store, &cache);
    (store, cache, h)
}

/// A highlighted story taken out of its file leaves the highlight where it was, on the
/// story after it, not at the top of the list.
#[test]
fn a_highlighted_story_removed_from_its_file_leaves_the_highlight_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    let path = store.join("2026-01-21.md");
    h.keys("<Tab><Tab>jj");
    let highlighted = |h: &Harness| h.app.selected_item().unwrap().1.title.to_string();
    assert_eq!(highlighted(&h), "新闻标题第3条");
    watch(&mut h, &store, &cache);
    fs::write(&path, five_stories(3)).unwrap();
    wait_for(&mut h, "reading 1 file again");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    assert_eq!(highlighted(&h), "新闻标题第4条", "{}", h.text());
}

/// A bookmark follows its story's file when it is renamed, and takes the story's new date
/// when the file's front matter moves it to another day.
#[test]
fn a_bookmark_follows_its_file_renamed_and_redated() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    h.keys("<Tab><Tab>jb");
    watch(&mut h, &store, &cache);
    let bookmark = |h: &Harness| {
        let marks = h.app.session().bookmarks();
        assert_eq!(marks.len(), 1, "{marks:?}");
        let mark = &marks[0];
        let file = Path::new(&mark.path).file_name().unwrap().to_string_lossy();
        (mark.date.clone().unwrap(), file.into_owned())
    };
    let until = |h: &mut Harness, want: (&str, &str)| {
        let want = (want.0.to_string(), want.1.to_string());
        wait_until(h, |h| {
            let now = bookmark(h);
            (now == want)
                .then_some(())
                .ok_or_else(|| format!("{now:?}"))
        });
    };
    let renamed = store.join("2026-01-21-renamed.md");
    fs::rename(store.join("2026-01-21.md"), &renamed).unwrap();
    until(&mut h, ("2026-01-21", "2026-01-21-renamed.md"));
    let redated = format!("---\ndate: 2026-01-25\n---\n{}", five_stories(0));
    fs::write(&renamed, redated).unwrap();
    until(&mut h, ("2026-01-25", "2026-01-21-renamed.md"));
    let title = h.app.session().bookmarks()[0].title.clone();
    assert_eq!(title, "新闻标题第2条");
}

/// A bookmark whose file is still there stays that file's when the reader opens a copy of
/// the store: its path is not moved into the copy (tester AR: opening a copy moved every
/// bookmark into it, and with the copy deleted each said "now in" it).
#[test]
fn a_bookmark_stays_its_stores_when_a_copy_of_the_store_is_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    h.keys("<Tab><Tab>jb");
    let saved = h.app.session().state().clone();
    let path = saved.bookmarks[0].path.clone();
    // Under the same folder name: a publication without a name of its own is named by it.
    let copy = tmp.path().join("copy/store");
    fs::create_dir_all(&copy).unwrap();
    fs::copy(store.join("2026-01-21.md"), copy.join("2026-01-21.md")).unwrap();
    let cache = tmp.path().join("cache2");
    let library = Library::load_dir(&copy, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let again = Harness::new(
        App::new(library, TextOptions::default(), Session::in_memory(saved)),
        120,
        30,
    );
    assert_eq!(again.app.session().bookmarks()[0].path, path);
}

/// The open story's file deleted leaves the stories list of the date shown instead with the
/// keys, not an overview that `j` cannot move in.
#[test]
fn the_open_story_deleted_with_its_file_leaves_the_list_with_the_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md", "2026-01-22.md"]);
    h.keys("<Tab><Tab>jj<Enter>");
    assert_eq!(open_story(&h).0, "2026-01-22");
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join("2026-01-22.md")).unwrap();
    wait_for(&mut h, "no longer in the store");
    h.settle();
    assert!(h.app.opened().is_none());
    assert_eq!(h.app.focus(), ribao::tui::Pane::Items, "{}", h.text());
    let (digest, _) = h.app.selected_item().unwrap();
    assert_eq!(digest.date.unwrap().to_string(), "2026-01-21");
}

/// `R` that finds nothing new says the files still skipped too: "up to date" alone read as
/// if the store were read whole (tester CD: a folder made unreadable).
#[test]
fn r_finding_nothing_new_names_what_is_still_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md", "2026-01-22.md"]);
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    fs::write(store.join("2026-01-23.md"), "").unwrap();
    h.keys("R");
    wait_for(&mut h, "2026-01-23.md skipped");
    h.keys("j");
    h.keys("R");
    wait_for(
        &mut h,
        "up to date; 2026-01-23.md still skipped — `ribao check` says why",
    );
    fs::write(store.join("2026-01-24.md"), "").unwrap();
    h.keys("R");
    wait_for(&mut h, "2026-01-24.md skipped");
    h.keys("j");
    h.keys("R");
    wait_for(
        &mut h,
        "up to date; 2 files still skipped — `ribao check` says why",
    );
}

/// `R` looks at the store now, not at the watch's next look, and says what it found, or
/// that it found nothing (tester AG: a file copied in took up to 15 s to show).
#[test]
fn r_looks_at_the_store_now() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    // A watch that would not look for an hour of its own accord.
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    h.keys("R");
    wait_for(
        &mut h,
        "up to date: no file new, changed or removed since the last look",
    );
    // In the bookmarks view too, and over a story read from it (tester AW: "not in the
    // bookmarks view").
    h.keys("<Enter><Enter>bB");
    for keys in ["R", "<Enter>R"] {
        h.keys(keys);
        wait_for(
            &mut h,
            "up to date: no file new, changed or removed since the last look",
        );
        h.settle();
    }
    assert!(h.app.returns_to_bookmarks(), "{}", h.text());
    h.keys("<Esc><Esc><Esc><Esc>");
    fs::write(store.join("2026-01-22.md"), five_stories(0)).unwrap();
    h.keys("R");
    assert!(h.text().contains("looking at the store…"), "{}", h.text());
    wait_for(&mut h, "1 new digest");
    assert!(!h.text().contains("no file in the store"), "{}", h.text());
    // A file gone is said as such (tester AH: "the store changed: the list is up to date").
    h.settle();
    fs::remove_file(store.join("2026-01-22.md")).unwrap();
    h.keys("R");
    // Named by its date (tester BB: it said no more).
    wait_for(&mut h, "1 digest gone from the store, of 2026-01-22");
    // New and changed at once: both said, and still once the new ones are read (tester AI:
    // only the new digests were).
    h.settle();
    fs::write(store.join("2026-01-23.md"), five_stories(0)).unwrap();
    fs::write(store.join("2026-01-21.md"), five_stories(2)).unwrap();
    fs::write(store.join("2026-01-18.md"), five_stories(0)).unwrap();
    h.keys("R");
    // Said to have changed (tester BC: "…; 1043 files read again" read as a riddle).
    wait_for(&mut h, "; 1 changed file read again");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    wait_for(&mut h, "new digests in the store");
    assert!(
        h.text().contains("; 1 changed file read again"),
        "{}",
        h.text()
    );
}

/// A digest added, and one deleted, show without `R` and long before the watch's own next
/// look: the system tells of the change (tester AY: a deletion took 10 to 17 s to show).
/// Three files copied in one after another are said as one change.
#[test]
fn changes_to_the_store_show_as_the_system_tells_of_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    // The watch has taken its first look (an empty store has no file to look at).
    h.keys("R");
    wait_for(
        &mut h,
        "up to date: no file new, changed or removed since the last look",
    );
    h.settle();
    for day in ["2026-01-22.md", "2026-01-23.md", "2026-01-24.md"] {
        fs::write(store.join(day), five_stories(1)).unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_for(&mut h, "3 new digests in the store");
    h.settle();
    fs::remove_file(store.join("2026-01-21.md")).unwrap();
    wait_for(&mut h, "2026-01-21 is no longer in the store");
}

/// Files moved to another folder or renamed are said to be so once read, not as new digests
/// and as many gone (tester AV: "31 new digests …; 32 digests gone" for a folder moved).
#[test]
fn files_moved_or_renamed_are_said_so() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &[]);
    for (n, name) in ["2026-01-21.md", "2026-01-22.md", "2026-01-23.md"]
        .iter()
        .enumerate()
    {
        fs::write(store.join(name), five_stories(n + 1)).unwrap();
    }
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    h.keys("R");
    wait_for(&mut h, "3 new digests in the store");
    // At a date that stays (a date gone would be said instead).
    h.keys("G");
    fs::create_dir(store.join("old")).unwrap();
    fs::rename(store.join("2026-01-21.md"), store.join("old/2026-01-21.md")).unwrap();
    fs::rename(
        store.join("2026-01-22.md"),
        store.join("2026-01-22-daily.md"),
    )
    .unwrap();
    fs::remove_file(store.join("2026-01-23.md")).unwrap();
    fs::write(store.join("2026-01-24.md"), five_stories(5)).unwrap();
    h.keys("R");
    wait_for(
        &mut h,
        "1 new digest in the store, under 2026-01-24; 2 digests moved or renamed; 1 digest gone, \
         of 2026-01-23",
    );
}

/// An empty file turned binary is said to be skipped for that, not left standing as "1 new
/// file in the store".
#[test]
fn a_skipped_file_skipped_for_another_reason_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, mut h) = reading_five(&tmp, &["2026-01-21.md"]);
    fs::write(store.join("empty.md"), "").unwrap();
    watch_every(&mut h, &store, &cache, Duration::from_secs(3600));
    h.keys("R");
    wait_for(&mut h, "empty.md skipped");
    h.settle();
    fs::write(
        store.join("empty.md"),
        [0u8, 159, 146, 150, 0, 1, 2, 255].repeat(64),
    )
    .unwrap();
    h.keys("R");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    wait_for(&mut h, "the file looks binary");
    let said = h.app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(!said.contains("new file"), "{said}");
    assert!(said.contains("1 file read again"), "{said}");
    assert!(said.contains("empty.md skipped"), "{said}");
    assert_eq!(
        said.matches("skipped").count(),
        1,
        "said once (tester AP): {said}"
    );
}

/// A digest kept twice (a site's copy in another folder): the copy listed gone, the story
/// open stays open from the other, not said to be gone (tester AG).
#[test]
fn the_open_storys_file_deleted_beside_its_copy_keeps_it_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("s"), tmp.path().join("c"));
    let text =
        "# 日报 2026-03-01\n\n## 产品\n\n### 1. 第一条\n正文一。\n\n### 2. 第二条\n正文二。\n";
    for folder in ["content", "daily"] {
        fs::create_dir_all(store.join(folder)).unwrap();
        fs::write(store.join(folder).join("2026-03-01.md"), text).unwrap();
    }
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Enter><Enter>j<Enter>");
    let listed = h
        .app
        .opened()
        .map(|(d, v)| (d.path.clone(), v.title.to_string()));
    let (path, title) = listed.expect("a story is open");
    assert_eq!(title, "第二条");
    watch(&mut h, &store, &cache);
    fs::remove_file(&path).unwrap();
    wait_until(&mut h, |h| {
        let paths: Vec<_> = h
            .app
            .library()
            .digests()
            .iter()
            .map(|d| d.path.clone())
            .collect();
        (!paths.contains(&path))
            .then_some(())
            .ok_or_else(|| h.text())
    });
    h.settle();
    let open = h
        .app
        .opened()
        .map(|(d, v)| (d.path.clone(), v.title.to_string()));
    let (now, title) = open.unwrap_or_else(|| panic!("closed: {}", h.text()));
    assert_eq!(title, "第二条");
    assert_ne!(now, path);
    assert!(!h.text().contains("no longer in the store"), "{}", h.text());
}

/// The open story's file deleted beside another digest of its date leaves the keys on the
/// story after the deleted ones, not on the row it was at (tester L: a dozen stories down
/// the other digest).
#[test]
fn the_open_storys_file_deleted_leaves_the_keys_on_the_story_after_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = reading_five(&tmp, &["2026-01-21-a.md"]);
    let other: String = (1..=5)
        .map(|n| format!("{n}. [另一则第{n}条](https://example.org/{n})：内容。\n"))
        .collect();
    fs::write(store.join("2026-01-21-b.md"), format!("# 周报\n\n{other}")).unwrap();
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("<Tab><Tab>");
    let titles: Vec<String> = (h.app.items().iter())
        .map(|&r| h.app.item_at(r).1.title.to_string())
        .collect();
    let third = titles.iter().position(|t| t == "新闻标题第3条").unwrap();
    let after = titles[third + 1..]
        .iter()
        .find(|t| t.starts_with("另一则"))
        .cloned()
        .unwrap();
    h.keys(&format!("{}<Enter>", "j".repeat(third)));
    assert_eq!(open_story(&h).1, "新闻标题第3条");
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join("2026-01-21-a.md")).unwrap();
    wait_for(&mut h, "no longer in the store");
    h.settle();
    let selected = h.app.selected_item().unwrap().1.title.to_string();
    assert_eq!(selected, after, "{}", h.text());
}

/// The reader watches `store` as it watches the default store, every 20 ms: the samples
/// while it has no digest.
fn watch_default_store(h: &mut Harness, store: &Path, cache: &Path) {
    let reopen = {
        let (store, cache) = (store.to_path_buf(), cache.to_path_buf());
        move || {
            let (library, pending) = open(&store, &cache);
            Ok(match library.digests().is_empty() {
                true => (
                    Library::samples(store.clone(), &Categorizer::builtin()),
                    None,
                ),
                false => (library, pending),
            })
        }
    };
    h.app.watch_store(
        store.to_path_buf(),
        Duration::from_millis(20),
        Box::new(reopen),
    );
}

/// Digests put in the store while the reader shows the samples take their place, opened at
/// their newest date: the sample story open was said to be removed, and its date kept
/// (tester P).
#[test]
fn the_users_first_digests_replace_the_samples_at_their_newest_date() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    // Opened as the reader opens an empty default store: the samples, and what it held.
    let mut samples = Library::samples(store.clone(), &Categorizer::builtin());
    samples.listing = open(&store, &cache).0.listing;
    let mut h = Harness::new(reader(samples), 120, 30);
    h.keys("<Tab><Tab><Enter>");
    assert!(h.app.opened().is_some());
    watch_default_store(&mut h, &store, &cache);
    fs::write(store.join("2026-03-01.md"), five_stories(0)).unwrap();
    fs::write(store.join("2026-03-02.md"), five_stories(1)).unwrap();
    wait_for(&mut h, "the built-in samples give way to them");
    assert!(h.app.wait_background(Duration::from_secs(20)), "indexed");
    h.settle();
    let screen = h.text();
    assert!(!screen.contains("no longer in the store"), "{screen}");
    assert!(h.app.opened().is_none(), "{screen}");
    let (digest, _) = h.app.selected_item().unwrap();
    assert_eq!(digest.date.unwrap().to_string(), "2026-03-02", "{screen}");
}

/// `R` over the samples says the default store has no digests yet, and where it is, its
/// folder made or not (tester CI: "the store changed: the list is up to date", nothing
/// having changed); the first digest put there takes their place.
#[test]
fn r_over_the_samples_says_where_digests_go() {
    for made in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
        if made {
            fs::create_dir_all(&store).unwrap();
        }
        let samples = || Library::samples(store.clone(), &Categorizer::builtin());
        let mut h = Harness::new(reader(samples()), 120, 30);
        watch_default_store(&mut h, &store, &cache);
        for _ in 0..2 {
            h.keys("R");
            wait_for(&mut h, "no digests in");
            let screen = h.text();
            assert!(
                screen.contains("yet: these are the built-in samples"),
                "{screen}"
            );
            assert!(!screen.contains("store changed"), "{screen}");
            h.keys("j");
        }
        fs::create_dir_all(&store).unwrap();
        fs::write(store.join("2026-03-01.md"), five_stories(0)).unwrap();
        wait_for(&mut h, "1 digest in");
        assert!(h.text().contains("the built-in samples give way to it"));
    }
}

/// Quitting while indexing writes a step it has parsed waits for the write (a bounded
/// time), saying so: quit at once, the next start parsed the whole step again.
#[test]
fn quitting_while_a_parsed_step_is_written_waits_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    fs::write(store.join("2026-01-22-b.md"), sample(1)).unwrap();
    let (library, pending) = open(&store, &cache);
    let pending = pending.unwrap();
    let progress = pending.progress.clone();
    let mut h = Harness::new(reader(library), 120, 30);
    h.app.start_loading(pending);
    // The step written; the reader has not taken it yet, so its indexing is still under way.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while progress.counts() != (1, 1) || progress.saving.load(Ordering::Relaxed) {
        assert!(std::time::Instant::now() < deadline, "indexed");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    // A write under way, as the test holds it.
    progress.saving.store(true, Ordering::Relaxed);
    let written = {
        let progress = progress.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            progress.saving.store(false, Ordering::Relaxed);
        })
    };
    let quit = std::time::Instant::now();
    h.keys("q");
    assert!(
        quit.elapsed() >= Duration::from_millis(300),
        "{:?}",
        quit.elapsed()
    );
    assert!(h.text().contains("saving the index…"), "{}", h.text());
    written.join().unwrap();
}

/// Files gone beside one changed in place (another folder put where the store was, holding
/// one of its files): the changed one is listed as the index had it until it is read again,
/// and its stories are counted where it is listed now (tester CC: the reader panicked, a
/// digest's place in the old list past the end of the new one).
#[test]
fn files_gone_beside_one_changed_in_place_are_counted_where_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir_all(&store).unwrap();
    let day = |date: &str, more: &str| {
        format!(
            "# 测试日报 {date}\n\n## 产品\n\n1. 甲公司发布新模型。\n2. 乙公司发布新芯片。\n{more}"
        )
    };
    for date in ["2026-01-21", "2026-01-22", "2026-01-23"] {
        fs::write(store.join(format!("{date}.md")), day(date, "")).unwrap();
    }
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    // A story of the oldest date read: the last in the old list.
    h.keys("jj<Enter><Enter><Enter><Esc><Esc>");
    assert_eq!(h.app.session().state().read.len(), 1, "{}", h.text());
    watch(&mut h, &store, &cache);
    for date in ["2026-01-22", "2026-01-23"] {
        fs::remove_file(store.join(format!("{date}.md"))).unwrap();
    }
    let changed = day("2026-01-21", "3. 丙公司发布新平台。\n");
    fs::write(store.join("2026-01-21.md"), changed).unwrap();
    wait_for(&mut h, "丙公司发布新平台");
}

/// Another folder put where the store was is watched in its turn: a file added to it shows
/// at once, not at the next look (tester CC: the old folder was still watched).
#[test]
fn a_folder_put_in_the_stores_place_is_watched() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache, _) = indexed_store(&tmp);
    let mut h = reading(&store, &cache);
    // Looks every minute: what shows sooner was told by the system.
    watch_every(&mut h, &store, &cache, Duration::from_secs(60));
    let day = |date: &str, story: &str| format!("# 测试日报 {date}\n\n## 产品\n\n1. {story}\n");
    let add = |h: &mut Harness, store: &Path, date: &str, story: &str| {
        fs::write(store.join(format!("{date}.md")), day(date, story)).unwrap();
        wait_for(h, &format!("1 new digest in the store, under {date}"));
        // Indexed and looked at once more: what comes next is the system's to tell.
        let settled = std::time::Instant::now() + Duration::from_secs(1);
        while std::time::Instant::now() < settled {
            std::thread::sleep(Duration::from_millis(20));
            h.run([ribao::tui::Event::Wake]);
        }
    };
    // Past the watch's first look, its starting point; then told, so the store is watched.
    std::thread::sleep(Duration::from_millis(1500));
    add(&mut h, &store, "2026-02-01", "甲公司发布新模型。");
    fs::rename(&store, tmp.path().join("old")).unwrap();
    fs::create_dir(&store).unwrap();
    h.keys("R");
    wait_for(&mut h, "digests gone");
    add(&mut h, &store, "2026-02-02", "乙公司发布新芯片。");
}

/// In the whole archive, a date gone from the store is said gone, with the date of the story
/// the keys stay on, beside the gone one's (tester CD: it named the newest date while a
/// story of another was highlighted).
#[test]
fn a_date_gone_from_the_whole_archive_names_the_date_the_keys_are_on() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    // 2026-01-21 to 01-23.
    write_days(&store, 20..23);
    Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    let mut h = reading(&store, &cache);
    h.keys("aaa<Enter><Enter>G");
    assert!(h.text().contains("全部存档"), "{}", h.text());
    watch(&mut h, &store, &cache);
    fs::remove_file(store.join("2026-01-21.md")).unwrap();
    wait_for(
        &mut h,
        "2026-01-21 is no longer in the store: 2026-01-22 is shown",
    );
    let (digest, _) = h.app.items()[h.app.item_index()];
    let date = h.app.library().digests()[digest]
        .date
        .map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2026-01-22"));
}
