//! The real binary in a real terminal (tmux): what a user sees, that borders stay in their
//! columns with CJK and emoji on screen, and that the terminal is restored after quitting.
//! `.ci/run` installs tmux; without it these tests say they skipped.

mod common;
use common::tmux::{Tmux, cells};
use std::path::{Path, PathBuf};

fn start(name: &str, width: u16, height: u16, home: &Path) -> Option<Tmux> {
    let t = Tmux::start(name, width, height, home)?;
    run_reader(&t, Some(&common::fixtures().join("store")), home);
    // Indexed (no count still to come): keys sent before would find no stories yet.
    t.wait_for("the indexed date list", |s| {
        s.contains("Dates") && !s.contains("/…")
    });
    Some(t)
}

/// Runs the reader on `store` (else its built-in samples) with its state in `home`; once it
/// quits, the shell prints its exit status and the terminal's mode for [`assert_restored`].
fn run_reader(t: &Tmux, store: Option<&Path>, home: &Path) {
    let store = store.map_or_else(String::new, |s| format!("--store {}", s.display()));
    t.run(&format!(
        "{} {store} --state {}/state.json; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo",
        env!("CARGO_BIN_EXE_ribao"),
        home.display()
    ));
}

/// Box drawing and block characters: what may stand above or below a vertical border.
fn is_frame(c: char) -> bool {
    ('\u{2500}'..='\u{259f}').contains(&c)
}

/// Every vertical border `│`/`┃` has a frame character in the same display column on the
/// rows above and below it: a CJK or emoji line that shifted it would put text there (or
/// split a wide character across the column).
fn assert_borders_aligned(screen: &str) {
    let rows = cells(screen);
    let at = |row: &Vec<(usize, char)>, col: usize| {
        row.iter().find(|(c, _)| *c == col).map(|(_, ch)| *ch)
    };
    let mut checked = 0;
    for (r, row) in rows.iter().enumerate() {
        for &(col, c) in row.iter().filter(|(_, c)| *c == '│' || *c == '┃') {
            for n in [r.wrapping_sub(1), r + 1] {
                let Some(neighbour) = rows.get(n) else {
                    continue;
                };
                let above_or_below = at(neighbour, col);
                assert!(
                    above_or_below.is_some_and(is_frame),
                    "border {c:?} at row {r} column {col} has {above_or_below:?} on row {n}:\n{screen}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "no bordered panes on screen:\n{screen}");
}

fn assert_restored(t: &Tmux) {
    assert_restored_with(t, "exit=0");
}

/// The terminal is restored, and the reader ended with `exit` (`exit=STATUS`).
fn assert_restored_with(t: &Tmux, exit: &str) -> String {
    let screen = t.wait_for("the shell after quitting", |s| s.contains(exit));
    assert_eq!(
        t.pane_format("#{alternate_on}"),
        "0",
        "alternate screen left"
    );
    assert_eq!(t.pane_format("#{cursor_flag}"), "1", "cursor shown");
    // Both lines of the report: grep prints them one at a time.
    let after = t.wait_for("stty report", |s| {
        let has = |words: [&str; 2]| s.lines().any(|l| words.contains(&l.trim()));
        has(["icanon", "-icanon"]) && has(["echo", "-echo"])
    });
    assert!(
        after.lines().any(|l| l.trim() == "icanon") && after.lines().any(|l| l.trim() == "echo"),
        "raw mode off:\n{after}"
    );
    assert!(
        !screen.contains("Dates"),
        "the reader's screen is gone:\n{screen}"
    );
    screen
}

/// Another program cutting a cache file short under the reader's map of it makes the
/// reader's next read of it a SIGBUS: the terminal is put back and the user told (the reader
/// died in raw mode on the alternate screen), and the next start rebuilds the cache.
#[test]
fn a_cache_file_cut_short_under_the_reader_stops_it_with_the_terminal_restored() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("buserror", 100, 30, home.path()) else {
        return;
    };
    let texts: Vec<_> = walk(home.path())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("text-")
        })
        .collect();
    assert!(!texts.is_empty(), "no cache text file under {home:?}");
    for text in &texts {
        std::fs::OpenOptions::new()
            .write(true)
            .open(text)
            .unwrap()
            .set_len(0)
            .unwrap();
    }
    // A search reads every story's text.
    t.keys(&["/"]);
    t.type_text("模型");
    let screen = assert_restored_with(&t, "exit=135");
    // Which cache it was: the folder holding the file cut short. (Compared without
    // whitespace: the terminal wraps the message.)
    let folder = texts[0].parent().unwrap().to_string_lossy().into_owned();
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        bare(&screen).contains(&bare(&format!(
            "cut short a file of ribao's index cache in {folder} while"
        ))),
        "{screen}"
    );
    t.run("clear");
    run_reader(&t, Some(&common::fixtures().join("store")), home.path());
    t.wait_for("the reader again, on a rebuilt index", |s| {
        s.contains("Dates") && !s.contains("/…")
    });
    t.keys(&["q"]);
    assert_restored(&t);
}

/// An abort (an allocation past `ulimit -v` is one; here the signal is sent) ends the reader
/// with the terminal put back and the user told (tester EB: the alternate screen was left,
/// with no cursor, and what the abort printed went with it).
#[test]
fn an_abort_ends_the_reader_with_the_terminal_restored() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("abort", 100, 30, home.path()) else {
        return;
    };
    signal_reader(&t, "-ABRT");
    let screen = assert_restored_with(&t, "exit=134");
    assert!(screen.contains("ribao: aborted"), "{screen}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn wide_terminal_browse_read_and_quit() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("wide", 120, 40, home.path()) else {
        return;
    };
    let screen = t.screen();
    assert!(
        screen.contains("2026-02-06")
            && screen.contains("2026-02-03")
            && screen.contains("undated"),
        "{screen}"
    );
    assert!(screen.contains("分类 · 2026-02-06") && screen.contains("Stories"));
    assert_borders_aligned(&screen);

    // To the stories of 2026-02-03 (the industry brief), open the first one.
    t.keys(&["[", "[", "["]);
    let screen = t.wait_for("2026-02-03 selected", |s| {
        s.contains("星河模型发布长上下文版本")
    });
    assert_borders_aligned(&screen);
    t.keys(&["Tab", "Tab", "Enter"]);
    let screen = t.wait_for("the article", |s| s.contains("核心洞察"));
    assert!(
        screen.contains("技术前沿解读")
            && screen.contains("🔗 https://example.com/news/xinghe-long-context"),
        "{screen}"
    );
    assert_borders_aligned(&screen);
    t.keys(&["b"]);
    t.wait_for("the bookmark message", |s| {
        s.contains("★ bookmarked") && s.contains("★ 1")
    });

    // Esc then q in one burst reads as Alt-q in a terminal; step back pane by pane.
    for _ in 0..3 {
        t.keys(&["Escape"]);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    t.keys(&["q"]);
    assert_restored(&t);
    // The opened story was marked read in the state file, and the position kept.
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.path().join("state.json")).unwrap()).unwrap();
    assert_eq!(state["read"].as_array().map(Vec::len), Some(1), "{state}");
    assert_eq!(state["position"]["item"], state["read"][0]);
    // The bookmark made in the reader is there for scripts.
    let out = common::command(home.path())
        .args(["bookmarks", "--json", "--state"])
        .arg(home.path().join("state.json"))
        .output()
        .unwrap();
    let marks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        marks[0]["title"],
        "星河模型发布长上下文版本：百万 Token 窗口与更低推理成本"
    );
    assert_eq!(
        marks[0]["url"],
        "https://example.com/news/xinghe-long-context"
    );
}

#[test]
fn narrow_terminal_shows_one_pane_with_a_breadcrumb() {
    let home = tempfile::tempdir().unwrap();
    // (Below 70 columns: at 80 the dates and the categories are side by side.)
    let Some(t) = start("narrow", 64, 24, home.path()) else {
        return;
    };
    let screen = t.screen();
    assert!(
        screen.contains("Dates") && !screen.contains("Categories"),
        "one pane at a time:\n{screen}"
    );
    assert_borders_aligned(&screen);
    t.keys(&["Enter"]);
    let screen = t.wait_for("the categories of the first date", |s| {
        s.contains("2026-02-06") && s.contains("›")
    });
    assert_borders_aligned(&screen);
    t.keys(&["q"]);
    assert_restored(&t);
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("ctrlc", 100, 30, home.path()) else {
        return;
    };
    t.keys(&["C-c"]);
    assert_restored(&t);
}

/// Text another program writes over the reader (a `wall` message, a background job) stays
/// on screen until Ctrl-L paints every cell again, as in most terminal programs.
#[test]
fn ctrl_l_paints_over_what_another_program_wrote() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("ctrll", 100, 30, home.path()) else {
        return;
    };
    let tty = t.pane_format("#{pane_tty}");
    std::fs::write(&tty, "\x1b[12;30HSTRAY-WRITE-FROM-ELSEWHERE").unwrap();
    t.wait_for("the stray text", |s| s.contains("STRAY-WRITE"));
    t.keys(&["C-l"]);
    let screen = t.wait_for("the screen painted again", |s| !s.contains("STRAY-WRITE"));
    assert!(screen.contains("Dates"), "{screen}");
    assert_borders_aligned(&screen);
    t.keys(&["q"]);
    assert_restored(&t);
}

/// The reader's process: the pane's shell's child that is the reader (one the shell forks
/// meanwhile is none).
fn reader_pid(t: &Tmux) -> String {
    let shell = t.pane_format("#{pane_pid}");
    let children = std::process::Command::new("ps")
        .args(["-o", "pid=,comm=", "--ppid", &shell])
        .output()
        .expect("ps");
    let listed = String::from_utf8_lossy(&children.stdout).to_string();
    // (`ps` pads a short pid with blanks before it.)
    let reader = listed
        .lines()
        .filter_map(|l| l.trim().split_once(char::is_whitespace))
        .find(|(_, name)| name.trim() == "ribao")
        .map(|(pid, _)| pid.to_string());
    reader.unwrap_or_else(|| panic!("the reader's process among {listed:?}"))
}

/// The reader moved to its second date, the position the signal tests expect saved.
fn on_the_second_date(name: &str, home: &Path) -> Option<Tmux> {
    let t = start(name, 100, 30, home)?;
    t.keys(&["["]);
    t.wait_for("the second date", |s| s.contains("人工智能简报"));
    Some(t)
}

fn assert_second_date_saved(home: &Path) {
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.join("state.json")).unwrap()).unwrap();
    assert_eq!(state["position"]["date"], "2026-02-05", "{state}");
}

/// `kill -SIGNAL` from outside quits as `q` does: SIGINT and SIGQUIT too, which raw mode
/// keeps the keyboard from sending but `kill` can (they left the alternate screen on). The
/// exit status tells the shell a signal ended it, 128 + its number, as for any program (a
/// script's loop can stop on it).
#[test]
fn a_signal_to_end_quits_as_q_does_restoring_the_terminal_and_saving_the_position() {
    for (signal, status) in [("TERM", 143), ("INT", 130), ("QUIT", 131)] {
        let home = tempfile::tempdir().unwrap();
        let Some(t) = on_the_second_date(&format!("sig{signal}"), home.path()) else {
            return;
        };
        signal_reader(&t, &format!("-{signal}"));
        assert_restored_with(&t, &format!("exit={status}"));
        assert_second_date_saved(home.path());
    }
}

/// Ended by a signal with saving off, the reader says where it kept what it could not save,
/// and still tells the shell the signal ended it (tester DV: exit status 2).
#[test]
fn a_signal_with_saving_off_keeps_the_changes_and_exits_as_signalled() {
    let home = tempfile::tempdir().unwrap();
    // A folder where the state file goes: saving is off from the start.
    std::fs::create_dir(home.path().join("state.json")).unwrap();
    let Some(t) = start("sigoff", 100, 30, home.path()) else {
        return;
    };
    t.keys(&["Escape", "Enter", "Enter", "b"]);
    t.wait_for("the bookmark kept unsaved", |s| s.contains("not saved yet"));
    signal_reader(&t, "-TERM");
    let screen = assert_restored_with(&t, "exit=143");
    assert!(screen.contains("could not be saved"), "{screen}");
}

#[test]
fn closing_the_terminal_ends_the_reader_saving_the_position() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = on_the_second_date("hangup", home.path()) else {
        return;
    };
    let pid = reader_pid(&t);
    t.close();
    // Gone (or a zombie no one reaps, in a container), not left running with no terminal.
    let stat = || std::fs::read_to_string(format!("/proc/{pid}/stat")).ok();
    let running = || stat().is_some_and(|s| !s.rsplit(')').next().unwrap_or("").starts_with(" Z"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while running() {
        assert!(
            std::time::Instant::now() < deadline,
            "the reader still runs after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A zombie still tells how it ended: not by a panic (exit status 101).
    if let Some(zombie) = stat() {
        let status = zombie.split_whitespace().last().unwrap();
        assert_ne!(status, (101 << 8).to_string(), "{zombie}");
    }
    assert_second_date_saved(home.path());
}

/// Started from a script, the reader stops with it: the shell gets the terminal back, as
/// it does with vim (the script, left running, waited on a stopped reader for good).
#[test]
fn ctrl_z_stops_a_script_that_started_the_reader_too() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("wrapped", 100, 30, home.path()) else {
        return;
    };
    t.run(&format!(
        "sh -c '{} --store {} --state {}/state.json; echo script-ends'",
        env!("CARGO_BIN_EXE_ribao"),
        common::fixtures().join("store").display(),
        home.path().display()
    ));
    t.wait_for("the reader", |s| s.contains("Dates") && !s.contains("/…"));
    t.keys(&["C-z"]);
    t.wait_for("the shell's job report", |s| s.contains("Stopped"));
    t.run("fg");
    t.wait_for("the reader again", |s| s.contains("Dates"));
    t.keys(&["q"]);
    t.wait_for("the script's end", |s| s.contains("script-ends"));
}

/// Stopped by `stop`, the reader gives the shell the terminal back whole (alternate screen
/// left, cursor shown), and `fg` returns to it in full, not only the cells that changed.
fn stops_and_comes_back(name: &str, stop: impl Fn(&Tmux)) {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start(name, 100, 30, home.path()) else {
        return;
    };
    stop(&t);
    let shell = t.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert!(!shell.contains("Dates"), "{shell}");
    assert_eq!(
        t.pane_format("#{alternate_on}"),
        "0",
        "alternate screen left"
    );
    assert_eq!(t.pane_format("#{cursor_flag}"), "1", "cursor shown");
    t.run("fg");
    let screen = t.wait_for("the reader again", |s| {
        s.contains("Dates") && s.contains("Stories")
    });
    assert!(!screen.contains("Stopped"), "{screen}");
    assert_borders_aligned(&screen);
    t.keys(&["q"]);
    t.wait_for("the shell", |s| !s.contains("Dates"));
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_returns_to_the_reader() {
    stops_and_comes_back("suspend", |t| t.keys(&["C-z"]));
}

/// Sends `signal` (`-TERM`) to the reader running in `t`'s shell.
fn signal_reader(t: &Tmux, signal: &str) {
    let sent = std::process::Command::new("kill")
        .args([signal, &reader_pid(t)])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// SIGTSTP from another program (`kill -TSTP`) suspends the reader as Ctrl-Z does (tester
/// AB: the prompt was drawn over the reader's screen, the terminal left raw).
#[cfg(unix)]
#[test]
fn a_stop_signal_from_outside_gives_the_shell_back_as_ctrl_z_does() {
    stops_and_comes_back("tstp", |t| signal_reader(t, "-TSTP"));
}

/// Stopped by SIGSTOP, which no program can catch, the reader takes the terminal back when
/// `fg` continues it: its screen whole, its keys read as keys (tester CH: the terminal was
/// left as the shell set it, keys echoed and the old screen stayed).
#[cfg(unix)]
#[test]
fn a_reader_stopped_from_outside_takes_the_terminal_back_at_fg() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("sigstop", 100, 30, home.path()) else {
        return;
    };
    signal_reader(&t, "-STOP");
    t.wait_for("the shell's job report", |s| s.contains("Stopped"));
    t.run("fg");
    t.keys(&["?"]);
    let screen = t.wait_for("the help, the key read at once", |s| {
        s.contains("按键 Keys")
    });
    assert!(!screen.contains("Stopped"), "{screen}");
    assert_borders_aligned(&screen);
    t.keys(&["?", "q"]);
    t.wait_for("the shell", |s| !s.contains("Dates"));
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

/// Continued from outside while the shell has the terminal (`kill -STOP`, then `kill
/// -CONT`), the reader gives the shell its screen back and waits, stopped, for `fg` (tester
/// DH: it drew over the prompt, the shell left in the alternate screen, the cursor hidden).
#[cfg(unix)]
#[test]
fn a_reader_continued_in_the_background_waits_for_fg() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("sigcont", 100, 30, home.path()) else {
        return;
    };
    signal_reader(&t, "-STOP");
    t.wait_for("the shell's job report", |s| s.contains("Stopped"));
    signal_reader(&t, "-CONT");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while t.pane_format("#{alternate_on}") != "0" {
        assert!(
            std::time::Instant::now() < deadline,
            "alternate screen left"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(t.pane_format("#{cursor_flag}"), "1", "cursor shown");
    // Continued again meanwhile: signal-hook gives continues that came together as one,
    // which left a count off and the next stop's `fg` unanswered (a review).
    signal_reader(&t, "-CONT");
    t.run("clear; jobs");
    t.wait_for("the reader stopped again", |s| s.contains("Stopped"));
    t.run("fg");
    t.keys(&["?"]);
    let screen = t.wait_for("the help", |s| s.contains("按键 Keys"));
    assert_borders_aligned(&screen);
    t.keys(&["?"]);
    t.wait_for("the help closed", |s| !s.contains("按键 Keys"));
    // Stopped and brought back once more, the reader takes the terminal back as before.
    signal_reader(&t, "-STOP");
    t.wait_for("the shell's job report", |s| s.contains("Stopped"));
    t.run("fg");
    t.keys(&["?"]);
    t.wait_for("the help, the key read at once", |s| {
        s.contains("按键 Keys")
    });
    t.keys(&["?", "q"]);
    t.wait_for("the shell", |s| !s.contains("Dates"));
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

/// A Thai word ending in SARA AM (`คำ`: two characters side by side, one grapheme) leaves
/// nothing behind when the story beside it changes (tester CN: its `ำ` stayed on blank rows
/// until Ctrl-L).
#[test]
fn a_thai_word_leaves_nothing_behind() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    std::fs::create_dir(&store).unwrap();
    std::fs::write(
        store.join("2026-09-01.md"),
        "# 测试日报 2026-09-01\n\n## 1. 泰文故事\n\n泰文：ภาษาไทยไม่มีช่องว่างระหว่างคำ\n\n\
         ## 2. 第二个故事\n\n短。\n",
    )
    .unwrap();
    let Some(t) = Tmux::start("thai", 100, 20, home.path()) else {
        return;
    };
    run_reader(&t, Some(&store), home.path());
    t.wait_for("the stories", |s| s.contains("泰文故事"));
    t.keys(&["Tab", "Tab"]);
    t.wait_for("the Thai story's preview", |s| s.contains("ระหว่างคำ"));
    t.keys(&["j"]);
    let screen = t.wait_for("the next story's preview", |s| s.contains("短。"));
    assert!(!screen.contains('\u{0e33}'), "{screen}");
    t.keys(&["q"]);
    assert_restored(&t);
}

#[test]
fn popups_over_chinese_text_keep_their_borders() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("popup", 80, 24, home.path()) else {
        return;
    };
    // An article of Chinese text behind the popup's left edge.
    t.keys(&["[", "[", "[", "Tab", "Tab", "Enter"]);
    t.wait_for("the article", |s| s.contains("核心洞察"));
    t.keys(&["?"]);
    assert_borders_aligned(&t.wait_for("the help", |s| s.contains("按键 Keys")));
    t.keys(&["?", "b", "B"]);
    assert_borders_aligned(&t.wait_for("the bookmarks", |s| s.contains("书签 Bookmarks")));
    // Reading, `q` goes back a level; then it quits.
    t.keys(&["B", "q", "q"]);
    assert_restored(&t);
}

/// A state file named in a folder that is not there is said to be new, its folder to be
/// made, before anything is saved in it (tester DS: a mistyped `--state` showed no
/// bookmarks, and made its folders unsaid).
#[test]
fn a_state_file_named_in_no_folder_is_said_to_be_new() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("newstate", 100, 30, home.path()) else {
        return;
    };
    let state = home.path().join("typo/x/state.json");
    t.run(&format!(
        "{} --store {} --state {}",
        env!("CARGO_BIN_EXE_ribao"),
        common::fixtures().join("store").display(),
        state.display()
    ));
    let screen = t.wait_for("the notice", |s| s.contains("注意 Notice"));
    let joined = common::unframed(&screen);
    let folder = home.path().join("typo");
    assert!(
        joined.contains(&format!("noritsfolder{}:", folder.display())),
        "{screen}"
    );
    assert!(!folder.exists());
    t.keys(&["Escape", "q"]);
}

#[test]
fn a_dumb_terminal_is_told_the_reader_needs_another() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("dumb", 100, 30, home.path()) else {
        return;
    };
    t.run(&format!(
        "TERM=dumb {} --store {}; echo \"exit=$?\"",
        env!("CARGO_BIN_EXE_ribao"),
        common::fixtures().join("store").display(),
    ));
    let screen = t.wait_for("the exit status", |s| s.contains("exit="));
    let joined = common::unframed(&screen);
    assert!(
        joined.contains("(TERM=dumb)cannotmoveitscursor"),
        "{screen}"
    );
    assert!(screen.contains("exit=2"), "{screen}");
}

#[test]
fn a_broken_categories_table_is_reported_on_the_reader_screen() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/ribao");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("categories.toml"), "[[group]\nname = 1\n").unwrap();
    let Some(t) = start("table", 100, 30, home.path()) else {
        return;
    };
    // Said whole in a notice, to close: what ribao does, the file, then the problem.
    let screen = t.wait_for("the problem", |s| {
        s.contains("using the built-in categories")
    });
    let joined = common::unframed(&screen);
    assert!(
        joined.contains("categories.toml:notavalidcategoriestable"),
        "{screen}"
    );
    assert!(screen.contains("注意 Notice"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("the notice closed", |s| !s.contains("注意 Notice"));
    t.keys(&["q"]);
    assert_restored(&t);
}

/// A shell script at `path` running `body`, made executable: a browser for the tests.
fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

/// The shell line that writes `what` to `file` whole, then moves it in place: a test never
/// reads it half-written.
fn written(what: &str, file: &Path) -> String {
    format!(
        "echo \"{what}\" > {0}.tmp && mv {0}.tmp {0}",
        file.display()
    )
}

/// A browser drawn in the terminal (`w3m`) gets the screen and the keys while it runs, and
/// the reader its own back after (tester DJ: it drew over the reader, and both read keys).
#[test]
fn a_browser_of_the_terminal_gets_the_terminal_and_gives_it_back() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("w3m", 100, 30, home.path()) else {
        return;
    };
    let browser = home.path().join("w3m");
    let typed = home.path().join("typed");
    script(
        &browser,
        &format!(
            "echo \"IN THE BROWSER $1\"\nread line\n{}",
            written("$line", &typed)
        ),
    );
    // One not installed before it in the list is passed over, as for a browser beside.
    t.run(&format!(
        "export BROWSER={}/gone/lynx:{}",
        home.path().display(),
        browser.display()
    ));
    run_reader(&t, Some(&common::fixtures().join("store")), home.path());
    t.wait_for("the date list", |s| {
        s.contains("Dates") && !s.contains("/…")
    });
    t.keys(&["[", "[", "[", "Tab", "Tab", "Enter"]);
    t.wait_for("the article", |s| s.contains("核心洞察"));
    t.keys(&["o"]);
    let screen = t.wait_for("the browser", |s| s.contains("IN THE BROWSER https://"));
    assert!(!screen.contains("Dates"), "{screen}");
    assert_eq!(t.pane_format("#{alternate_on}"), "0", "{screen}");
    t.type_text("hello");
    t.keys(&["Enter"]);
    t.wait_for("the reader again", |s| {
        s.contains("文章 Article") && s.contains("核心洞察")
    });
    assert_eq!(std::fs::read_to_string(&typed).unwrap().trim(), "hello");
    t.keys(&["q", "q"]);
    assert_restored(&t);
}

#[test]
fn o_opens_the_link_with_the_users_browser() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("browser", 100, 30, home.path()) else {
        return;
    };
    let browser = home.path().join("browser");
    let opened = home.path().join("opened");
    script(&browser, &written("$@", &opened));
    t.run(&format!(
        "BROWSER='{} --new-tab' {} --store {} --state {}/state.json",
        browser.display(),
        env!("CARGO_BIN_EXE_ribao"),
        common::fixtures().join("store").display(),
        home.path().display()
    ));
    t.wait_for("the date list", |s| s.contains("Dates"));
    t.keys(&["[", "[", "[", "Tab", "Tab", "Enter"]);
    t.wait_for("the article", |s| s.contains("核心洞察"));
    t.keys(&["o"]);
    t.wait_for("the note", |s| s.contains("opening https://"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the browser was not run"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let args = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(
        args.trim(),
        "--new-tab https://example.com/news/xinghe-long-context"
    );
    // One it cannot run is said in words, not in the system's (`os error 13`).
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    t.keys(&["o"]);
    t.wait_for("why not", |s| {
        s.contains("permission denied") && !s.contains("os error")
    });
    t.keys(&["q", "q"]);
    t.wait_for("the shell", |s| !s.contains("文章 Article"));
}

#[test]
fn a_paste_goes_into_the_search_line_and_never_runs_as_keys() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start("paste", 120, 30, home.path()) else {
        return;
    };
    t.keys(&["/"]);
    t.wait_for("the search line", |s| s.contains("输入关键词"));
    // `a` would change the scope and `q` quit, were they taken as keys.
    t.paste("星河\naq");
    let screen = t.wait_for("the pasted query's results", |s| s.contains("星河 aq"));
    assert!(screen.contains("结果 Results · 2026-02-06"), "{screen}");
    // Pasted while browsing: nothing happens but a note.
    t.keys(&["Escape"]);
    t.wait_for("the search closed", |s| !s.contains("星河 aq"));
    t.paste("aaq");
    let screen = t.wait_for("the note", |s| s.contains("a paste goes into a text line"));
    assert!(
        screen.contains("分类 · 2026-02-06"),
        "scope unchanged:\n{screen}"
    );
    t.keys(&["q"]);
    assert_restored(&t);
}

#[test]
fn search_the_samples_for_a_chinese_word_and_come_back() {
    // No store set up in this HOME: the reader shows its built-in samples.
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("search", 120, 40, home.path()) else {
        return;
    };
    run_reader(&t, None, home.path());
    // Where the user's own digests go is said at once, until a key (tester W: at 80
    // columns the status bar had no room for it).
    let first = t.wait_for("the built-in samples", |s| {
        s.contains("built-in samples") && s.contains("分类 · 2026-01-24")
    });
    assert!(
        first.contains("These are ribao's built-in samples. Put your digests"),
        "{first}"
    );
    t.keys(&["g"]);
    let before = t.wait_for("the key hints", |s| s.contains("j/k move"));
    t.keys(&["/"]);
    t.wait_for("the search line", |s| s.contains("输入关键词"));
    // Typed as UTF-8 text, as an input method commits it.
    t.type_text("英伟达");
    let screen = t.wait_for("the day's results", |s| {
        s.contains("结果 Results · 2026-01-24 · 2 results")
    });
    assert!(screen.contains(" / 英伟达"), "{screen}");
    assert!(screen.contains("算力供给：英伟达"), "{screen}");
    assert_borders_aligned(&screen);
    // Tab widens the scope while typing: the whole archive.
    t.keys(&["Tab", "Tab", "Tab"]);
    let screen = t.wait_for("the archive's results", |s| {
        s.contains("结果 Results · 全部存档 · 8 results")
    });
    assert_borders_aligned(&screen);
    // Enter: to the results; Enter: the first result's article, its matches counted.
    t.keys(&["Enter"]);
    t.wait_for("the results focused", |s| s.contains("n/N result"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the article", |s| {
        s.contains("文章 Article · ") && s.contains("matches")
    });
    assert!(
        screen.contains("算力供给：英伟达、北辰芯与云厂商同步扩产"),
        "{screen}"
    );
    t.keys(&["n"]);
    t.wait_for("the first match", |s| s.contains("match 1 of"));
    // Esc back to the results, Esc closes the search: the reader as it was.
    t.keys(&["Escape"]);
    t.wait_for("the results again", |s| s.contains("n/N result"));
    std::thread::sleep(std::time::Duration::from_millis(150));
    t.keys(&["Escape"]);
    // The opened result is read now (✓, one unread less on its date and in its categories);
    // nothing else changed.
    // (Waiting for the whole screen: a capture may catch the terminal mid-frame.)
    let as_unread = |s: &str| common::without_read_marks(&s.replace("1/11  10", "1/11  11"));
    let after = t.wait_for("the reader as it was", |s| {
        as_unread(s) == as_unread(&before)
    });
    assert!(after.contains("概览 Overview") && after.contains("分类 · 2026-01-24"));
    assert!(
        before.contains("1/11  11") && after.contains("1/11  10"),
        "one unread less on the date:\n{after}"
    );
    assert!(
        before.contains("全部 / All                    11  11")
            && after.contains("全部 / All                    11  10"),
        "one unread less in the category pane:\n{after}"
    );
    std::thread::sleep(std::time::Duration::from_millis(150));
    t.keys(&["q"]);
    assert_restored(&t);
}

#[test]
fn show_styles_its_text_on_a_terminal_unless_no_color_is_set_or_it_has_none() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("color", 100, 40, home.path()) else {
        return;
    };
    let store = common::fixtures().join("store");
    let items = common::json(&common::ribao(&[
        "items",
        "--store",
        store.to_str().unwrap(),
        "--json",
    ]));
    let id = items[0]["id"].as_str().unwrap();
    let show = |env: &str| {
        t.run(&format!(
            "clear; {env} {} show {id} --store {} --width 60; echo done-{env:.2}",
            env!("CARGO_BIN_EXE_ribao"),
            store.display()
        ));
        t.wait_for("the story", |s| s.contains(&format!("done-{env:.2}")));
        t.styled_screen()
    };
    // The title is bold (SGR 1) on a terminal…
    assert!(show("X=1").contains("\u{1b}[1m"), "styled");
    // …and plain with NO_COLOR, or on a terminal without colours.
    let plain = show("NO_COLOR=1");
    assert!(!plain.contains("\u{1b}[1m"), "{plain}");
    let mono = show("TERM=xterm-mono");
    assert!(!mono.contains("\u{1b}[1m"), "{mono}");
    // vt100's terminfo entry has no colours, though its name does not say so.
    let vt100 = show("COLORTERM= TERM=vt100");
    assert!(!vt100.contains("\u{1b}[1m"), "{vt100}");
}

/// A command that waits for another ribao's indexing says so, then clears the line.
#[test]
fn a_command_waiting_for_another_ribaos_indexing_says_so() {
    let home = tempfile::tempdir().unwrap();
    let store = common::generated_store(home.path(), 3, 2, "英伟达发布新一代推理芯片。");
    let cache = home.path().join("cache");
    let list = format!(
        "{} list --store {} --cache-dir {}",
        env!("CARGO_BIN_EXE_ribao"),
        store.display(),
        cache.display()
    );
    assert!(
        std::process::Command::new("sh")
            .args(["-c", &list])
            .output()
            .unwrap()
            .status
            .success()
    );
    // The lock another ribao takes while it indexes the store.
    let index = std::fs::read_dir(cache.join("index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let held = std::fs::File::open(index.path().join("lock")).unwrap();
    held.lock().unwrap();
    // A new file: the index must be brought up to date, which waits for the lock.
    std::fs::write(
        store.join("2026-03-09.md"),
        "# 日报 2026-03-09\n\n## 新闻\n\n1. 甲。\n",
    )
    .unwrap();
    let Some(t) = Tmux::start("waiting", 100, 12, home.path()) else {
        return;
    };
    t.run(&format!("{list} | tail -1; echo \"exit=$?\""));
    t.wait_for("the waiting line", |s| {
        s.contains("ribao: another ribao is indexing…")
    });
    held.unlock().unwrap();
    let done = t.wait_for("the listing", |s| s.contains("exit=0"));
    assert!(!done.contains("another ribao"), "line left:\n{done}");
}

#[test]
fn a_first_run_of_a_command_shows_indexing_progress_then_clears_it() {
    let home = tempfile::tempdir().unwrap();
    // Enough files that indexing them (a debug build, held to one core so a many-core
    // machine is no quicker) outlasts the progress line's first tick.
    let story = "英伟达发布新一代推理芯片，云厂商宣布合作。".repeat(20);
    let store = common::generated_store(home.path(), 1500, 12, &story);
    let Some(t) = Tmux::start("progress", 100, 12, home.path()) else {
        return;
    };
    t.run(&format!(
        "taskset -c 0 {} list --store {} --cache-dir {}/cache | tail -1; echo \"exit=$?\"",
        env!("CARGO_BIN_EXE_ribao"),
        store.display(),
        home.path().display()
    ));
    t.wait_for("the progress line", |s| {
        s.contains("ribao: indexing") && s.contains("/1500 files…")
    });
    let done = t.wait_for("the listing", |s| s.contains("exit=0"));
    assert!(!done.contains("indexing"), "progress line left:\n{done}");
    assert!(done.contains("12 stories"), "{done}");
}

#[test]
fn an_emoji_that_terminals_draw_at_different_widths_leaves_no_stale_column() {
    let home = tempfile::tempdir().unwrap();
    let digest = |date: &str, title: &str| {
        format!("# 测试日报 {date}\n\n## 新闻\n\n1. **{title}** — 正文。\n")
    };
    let store = store_of(
        home.path(),
        &[
            (
                "2026-03-02.md",
                &digest("2026-03-02", "Xyzzy plain title here"),
            ),
            // U+1F3F7 U+FE0F: two columns to unicode-width, one to tmux.
            (
                "2026-03-01.md",
                &digest("2026-03-01", "🏷\u{fe0f} Tagged title here"),
            ),
            // U+2615 U+FE0F: two columns to unicode-width, three to tmux 3.3 (tester BP:
            // every row drawn after it was out by one until Ctrl-L).
            (
                "2026-02-28.md",
                &digest("2026-02-28", "☕\u{fe0f} Coffee title here"),
            ),
        ],
    );
    let Some(t) = Tmux::start("emoji", 100, 20, home.path()) else {
        return;
    };
    run_reader(&t, Some(&store), home.path());
    t.wait_for("the newest date's story", |s| {
        s.contains("Xyzzy plain title here")
    });
    // Each older date's title is drawn over the one before, in the same cells.
    let next_row = |title: &str| {
        t.keys(&["j"]);
        let screen = t.wait_for(title, |s| s.contains(title));
        screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap()
            .to_string()
    };
    let row = next_row("Tagged title here");
    assert!(
        row.contains("🏷 Tagged title here"),
        "the column after the emoji is left as it was: {row:?}"
    );
    let row = next_row("Coffee title here");
    assert!(
        row.contains("☕ Coffee title here"),
        "a column more after the emoji: {row:?}"
    );
    t.keys(&["q"]);
    assert_restored(&t);
}

/// On a terminal, `ribao search` gives each snippet one row, cut with an ellipsis, as the
/// reader does; piped, a snippet is whole.
/// A store folder in `home` holding `files` (name, text).
fn store_of(home: &Path, files: &[(&str, &str)]) -> PathBuf {
    let store = home.join("store");
    std::fs::create_dir(&store).unwrap();
    for (name, text) in files {
        std::fs::write(store.join(name), text).unwrap();
    }
    store
}

/// The screen after `ribao ARGS` ran on `store` (its cache in `home`) in a cleared terminal
/// and succeeded, and the rows it printed that are not blank (stderr left out).
fn printed_rows(t: &Tmux, args: &str, store: &Path, home: &Path) -> (String, Vec<String>) {
    let command = format!(
        "{} {args} --store {} --cache-dir {}/cache 2>/dev/null",
        env!("CARGO_BIN_EXE_ribao"),
        store.display(),
        home.display()
    );
    // Numbered, so the last run's end, still on screen until `clear`, is not taken for
    // this one's.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    t.run(&format!("clear; {command}; echo exit=$? run={run}"));
    let done = format!("exit=0 run={run}");
    let screen = t.wait_for("the rows printed", |s| s.contains(&done));
    let rows = screen
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take_while(|l| !l.starts_with("exit="))
        .map(String::from)
        .collect();
    (screen, rows)
}

/// On a narrow terminal `list` keeps each digest's count whole; the title and the path give
/// way (`120 ite…` at 55 columns; tester T).
#[test]
fn list_keeps_the_counts_whole_on_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let store = common::generated_store(home.path(), 2, 120, "英伟达发布新芯片。");
    let Some(t) = Tmux::start("narrowlist", 55, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "list", &store, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(rows.iter().all(|r| r.contains(" 120 stories ")), "{screen}");
    // Narrower, the counts are numbers alone, so the title can be read (tester V: at 43
    // columns it kept 2 or 3 characters).
    t.resize(43);
    let (screen, rows) = printed_rows(&t, "list", &store, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(
        rows.iter()
            .all(|r| r.contains(" 120  ") && !r.contains("stories")),
        "{screen}"
    );
    let title_room = |r: &String| r.split(" 120  ").nth(1).map_or(0, |t| t.chars().count());
    assert!(rows.iter().all(|r| title_room(r) >= 10), "{screen}");
    // Narrower still, the date goes before the title has no room left (at 30 columns a row
    // was its id, its date, its count and `…`).
    for width in [32, 30] {
        t.resize(width);
        let (screen, rows) = printed_rows(&t, "list", &store, home.path());
        assert_eq!(rows.len(), 2, "{screen}");
        let count_after_id = |r: &String| r.split_whitespace().nth(1) == Some("120");
        assert!(rows.iter().all(count_after_id), "{screen}");
        assert!(rows.iter().all(|r| title_room(r) >= 8), "{screen}");
    }
    t.resize(55);
    // A cell cut, the row cut right after it: one `…`, not `AI每日……` (tester AB).
    let titled = home.path().join("titled");
    std::fs::create_dir(&titled).unwrap();
    for day in ["01", "02"] {
        std::fs::write(
            titled.join(format!("2026-07-{day}-index.md")),
            format!("# AI每日热点 · 2026年07月{day}日\n\n## 新闻\n\n1. **一条新闻**：内容。\n"),
        )
        .unwrap();
    }
    let (screen, rows) = printed_rows(&t, "list", &titled, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(rows.iter().all(|r| !r.contains("……")), "{screen}");
    // A note few rows have is left out whole, not cut to `(1 lis…` in columns taken from
    // every row (tester AI).
    let copies = home.path().join("copies");
    for dir in ["a", "b"] {
        std::fs::create_dir_all(copies.join(dir)).unwrap();
        std::fs::write(
            copies.join(dir).join("2026-03-02.md"),
            "# 测试日报 · 2026年03月02日\n\n## 产品\n\n1. 甲公司发布新模型，推理成本下降一半。\n",
        )
        .unwrap();
    }
    let (screen, rows) = printed_rows(&t, "list", &copies, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(
        !screen.contains("(1 ") && !screen.contains("lis"),
        "{screen}"
    );
}

/// A store of one digest with a long title, dated 2026-03-02, whose one section
/// (`产品与商业模式`) holds `stories`.
fn observer_store(home: &Path, stories: &str) -> std::path::PathBuf {
    let digest =
        format!("# 人工智能产业观察日报 · 2026年03月02日\n\n## 产品与商业模式\n\n{stories}");
    store_of(home, &[("2026-03-02.md", &digest)])
}

/// On a 40-column terminal `items` shows each story's title: the source and category are
/// left out rather than cut until no title was left in sight (tester B); on a wider one they
/// are back.
#[test]
fn items_keep_the_title_in_sight_on_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let store = observer_store(
        home.path(),
        "1. 甲公司发布新模型，推理成本下降一半。\n2. 乙公司发布新芯片，功耗下降三成。\n",
    );
    let Some(t) = Tmux::start("narrowitems", 40, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "items", &store, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(
        rows[0].contains("2026-03-02  甲公司发布") && rows[1].contains("2026-03-02  乙公司发布"),
        "{screen}"
    );
    t.resize(100);
    let (screen, rows) = printed_rows(&t, "items", &store, home.path());
    assert!(
        rows[0].contains("产品与商业模式  甲公司发布新模型"),
        "{screen}"
    );
    // `COLUMNS` set is the width, as `ls` and `git` take it (tester DC: taken piped only).
    t.run(&format!(
        "clear; COLUMNS=40 {} items --store {} --cache-dir {}/cache; echo set=$?",
        env!("CARGO_BIN_EXE_ribao"),
        store.display(),
        home.path().display()
    ));
    let screen = t.wait_for("the rows at 40", |s| s.contains("set=0"));
    assert!(
        screen.contains("2026-03-02  甲公司发布") && !screen.contains("产品"),
        "{screen}"
    );
}

/// At 80 columns a long title has the room its category took: cut to a few words each
/// (tester CB: 9 Chinese characters of a title beside 9 of its category), the category
/// gives way first; the source stays.
#[test]
fn items_give_the_title_the_room_at_80_columns() {
    let home = tempfile::tempdir().unwrap();
    let store = observer_store(
        home.path(),
        "1. 甲公司发布新模型，推理成本下降一半，开源权重与技术报告同步发布。\n",
    );
    let Some(t) = Tmux::start("items80", 80, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "items", &store, home.path());
    assert!(
        rows[0].contains("2026-03-02  人工智能产业观察日报  甲公司发布新模型，推理成本下降")
            && !rows[0].contains("产品"),
        "{screen}"
    );
}

/// An [`observer_store`] of `story` in `home`, and a state file there with it bookmarked:
/// (store, state file, its id).
fn bookmarked(home: &Path, story: &str) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let store = observer_store(home, story);
    let state = home.join("s.json");
    let run = |args: &[&str]| {
        common::command(home)
            .args(args)
            .args(["--store", &store.display().to_string()])
            .args(["--state", &state.display().to_string()])
            .output()
            .unwrap()
    };
    let id = common::ids_of(&common::json(&run(&["items", "--json"])))[0].clone();
    assert!(run(&["bookmark", "add", &id]).status.success());
    (store, state, id)
}

/// On a narrow terminal a bookmark takes one row, its title cut at the edge as `list`'s
/// rows are; its link below stays whole (tester M: the row wrapped at 40 columns).
#[test]
fn bookmarks_keep_one_row_each_on_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let (store, state, id) = bookmarked(
        home.path(),
        "1. [甲公司发布新模型，推理成本下降一半，云厂商随即宣布降价](https://example.com/a)\n",
    );
    let Some(t) = Tmux::start("narrowmarks", 40, 12, home.path()) else {
        return;
    };
    let args = format!("bookmarks --state {}", state.display());
    let (screen, rows) = printed_rows(&t, &args, &store, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(
        rows[0].starts_with(&id) && rows[0].ends_with('…'),
        "{screen}"
    );
    // The source and category give way to the title, the date kept as `items` keeps it
    // (tester CN: the title kept 3 characters).
    assert!(
        rows[0].starts_with(&format!("{id}  2026-03-02  甲公司发布新")),
        "{screen}"
    );
    assert_eq!(rows[1].trim(), "https://example.com/a", "{screen}");
}

/// At 80 columns a bookmark's long source and category give way to its title (tester BX:
/// the title kept 8 columns, the label's padding more).
#[test]
fn bookmarks_give_the_title_the_room_at_80_columns() {
    let home = tempfile::tempdir().unwrap();
    let (store, state, id) = bookmarked(
        home.path(),
        "1. [甲公司发布新模型推理成本下降](https://example.com/a)\n",
    );
    let Some(t) = Tmux::start("marks80", 80, 12, home.path()) else {
        return;
    };
    let args = format!("bookmarks --state {}", state.display());
    let (screen, rows) = printed_rows(&t, &args, &store, home.path());
    assert!(
        rows[0].starts_with(&id) && rows[0].ends_with("甲公司发布新模型推理成本下降"),
        "{screen}"
    );
}

/// `y` inside tmux says whether tmux passes the copy on: with its default `set-clipboard`
/// (`external`) it drops a program's OSC 52, and that is said with what passes it on (tester
/// DA: "sent to the clipboard", and the paste was empty); with `on`, the link reaches it.
#[test]
fn copying_a_link_inside_tmux_says_whether_tmux_passes_it_on() {
    let home = tempfile::tempdir().unwrap();
    let store = observer_store(
        home.path(),
        "1. [甲公司发布新模型](https://example.com/a)\n",
    );
    let Some(t) = Tmux::start("copy", 100, 20, home.path()) else {
        return;
    };
    let copy = |said: &str| {
        run_reader(&t, Some(&store), home.path());
        t.wait_for("the reader", |s| s.contains("甲公司发布新模型"));
        t.keys(&["Enter", "Enter", "Enter"]);
        t.wait_for("the story", |s| s.contains("🔗 https://example.com/a"));
        t.keys(&["y"]);
        t.wait_for(said, |s| s.contains(said));
    };
    // `$TMUX` alone, as a terminal window started from a tmux pane inherits it, whose
    // `TERM` is its own: no tmux to ask (a review).
    let inside = t.pane_format("#{socket_path},#{pid},0");
    t.run(&format!("export TMUX={inside}"));
    copy("sent to the clipboard");
    t.keys(&["q", "q"]);
    t.wait_for("the shell", |s| s.contains("exit=0"));
    // The test's shell starts with no environment: told it runs in tmux, as a pane is.
    t.run("clear; export TERM=screen-256color");
    copy("could not copy the link");
    t.wait_for("what tmux does with it", |s| {
        s.contains("could not copy the link: tmux drops it (set-clipboard external; set -g")
    });
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.keys(&["y"]);
    t.wait_for("the link sent", |s| s.contains("sent to the clipboard"));
    assert_eq!(t.tmux(&["show-buffer"]), "https://example.com/a");
}

/// At 70 columns a bookmark's source and category are left out before its title is cut
/// short, as `items`' are (tester DC: cut to `人工智能产业观察日报 ·…`, the title cut too).
#[test]
fn bookmarks_leave_the_source_out_before_the_title_is_cut_short() {
    let home = tempfile::tempdir().unwrap();
    let title = "甲公司发布新模型推理成本下降一半云厂商随即宣布降价开发者迎来新一轮机会";
    let (store, state, id) = bookmarked(
        home.path(),
        &format!("1. [{title}](https://example.com/a)\n"),
    );
    let Some(t) = Tmux::start("marks70", 70, 12, home.path()) else {
        return;
    };
    let args = format!("bookmarks --state {}", state.display());
    let (screen, rows) = printed_rows(&t, &args, &store, home.path());
    assert!(
        rows[0].starts_with(&format!("{id}  2026-03-02  甲公司发布新模型")),
        "{screen}"
    );
    assert!(!rows[0].contains("人工智能"), "{screen}");
}

/// On a narrow terminal `search` leaves the publication out rather than cut the title to
/// nothing (tester U: `…  Bubble's Brain…` at 43 columns, no title), as `items` does; on a
/// wider one it is back.
#[test]
fn search_keeps_the_title_in_sight_on_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let store = observer_store(home.path(), "1. 甲公司发布新模型，推理成本下降一半。\n");
    let Some(t) = Tmux::start("narrowsearch", 43, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "search 甲公司", &store, home.path());
    assert!(rows[0].contains("2026-03-02  甲公司发布"), "{screen}");
    // Narrower, the date goes too (tester CN: one character of the title at 30 columns).
    t.resize(30);
    let (screen, rows) = printed_rows(&t, "search 甲公司", &store, home.path());
    assert!(
        !rows[0].contains("2026-03-02") && rows[0].contains("  甲公司发布新"),
        "{screen}"
    );
    t.resize(100);
    let (screen, rows) = printed_rows(&t, "search 甲公司", &store, home.path());
    assert!(
        rows[0].contains("2026-03-02  人工智能产业观察日报  甲公司发布新模型"),
        "{screen}"
    );
}

/// A match only a long title holds is kept in sight where the title is cut, and marked, as
/// the reader's results show it (tester DG: nothing on the row held `优于`, nor was marked).
#[test]
fn search_keeps_a_match_in_the_title_in_sight_and_marks_it() {
    let home = tempfile::tempdir().unwrap();
    let digest = "# 测试日报 2026-03-02\n\n## 新闻\n\n\
        ### 1. 研究发现两种新的优化器在大批次训练中的稳定性优于常用的那一种\n\n\
        该研究证明批次大小达到一亿个词元时性能下降。\n";
    let store = store_of(home.path(), &[("2026-03-02.md", digest)]);
    let Some(t) = Tmux::start("titlematch", 60, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "search 优于", &store, home.path());
    assert!(
        rows[0].contains("  …") && rows[0].contains("优于"),
        "{screen}"
    );
    let styled = t.styled_screen();
    assert!(styled.contains("43m优于"), "{styled}");
}

#[test]
fn search_snippets_take_one_row_of_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let text = "英伟达发布新一代推理芯片，云厂商宣布合作，价格与功耗都有明显变化。".repeat(4);
    // A match near the end of its text: the snippet then starts well before it.
    let late = format!(
        "{}最后，英伟达也表态。",
        "云厂商宣布合作，价格与功耗都有明显变化。".repeat(6)
    );
    let digest = format!(
        "# 测试日报 2026-03-02\n\n## 新闻\n\n### 1. 芯片新闻\n\n{text}\n\n### 2. 合作新闻\n\n{late}\n"
    );
    let store = store_of(home.path(), &[("2026-03-02.md", &digest)]);
    let Some(t) = Tmux::start("snippet", 60, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "search 英伟达", &store, home.path());
    assert_eq!(
        rows.len(),
        4,
        "a row for each story, one for each snippet:\n{screen}"
    );
    assert!(
        rows[1].starts_with("    英伟达") && rows[1].ends_with('…'),
        "{screen}"
    );
    // What leads up to a late match is cut, not the match (it was cut off the row).
    assert!(
        rows[3].starts_with("    …") && rows[3].contains("英伟达"),
        "{screen}"
    );
    let piped = common::ribao(&[
        "search",
        "英伟达",
        "--store",
        store.to_str().unwrap(),
        "--cache-dir",
        &format!("{}/cache", home.path().display()),
    ]);
    let printed = common::stdout(&piped);
    assert!(
        printed.lines().nth(1).unwrap().chars().count() > 60,
        "{printed}"
    );
}

/// On a terminal `list` and `items` give each digest and story one row, the widest columns
/// cut with `…` (wrapped, a row of `list` took two lines at 80 columns); piped, the rows
/// are whole.
#[test]
fn list_and_items_rows_take_one_row_of_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("rows", 80, 30, home.path()) else {
        return;
    };
    let store = common::fixtures().join("store");
    for command in ["list", "items"] {
        let (screen, rows) = printed_rows(&t, command, &store, home.path());
        let piped = common::ribao(&[command, "--store", store.to_str().unwrap()]);
        let whole: Vec<String> = common::stdout(&piped).lines().map(String::from).collect();
        assert_eq!(rows.len(), whole.len(), "one row each:\n{screen}");
        assert!(
            whole
                .iter()
                .any(|l| ribao::text::str_width(l, Default::default()) > 80),
            "piped rows are whole: {whole:?}"
        );
        // Each row begins with its id, as the piped one does; each cell it shows is the
        // piped row's whole, or says where it was cut (a column left out is left out whole).
        let cells = |s: &str| -> Vec<String> {
            s.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        for (row, line) in rows.iter().zip(&whole) {
            assert_eq!(row.get(..12), line.get(..12), "{screen}");
            let whole_cells = cells(line);
            for cell in cells(row) {
                assert!(
                    whole_cells.contains(&cell) || cell.contains('…'),
                    "{cell:?} of {row:?}"
                );
            }
            // Short of room for a readable title, `list` leaves the path out before the
            // source (tester AS: the source went, and a path cut to its end was the date).
            if command == "list" {
                assert!(cells(row).contains(&whole_cells[2]), "{row:?}");
            }
        }
    }
}

/// A state file not there beside its backup: the reader says it carries on with the backup,
/// and after quitting the shell shows no word of it, whose counts were the start's (tester
/// AS: "carries on with its backup (4 bookmarks)" stood there after five were saved).
#[test]
fn what_the_state_file_was_found_as_is_said_in_the_reader_not_left_after_it() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state.json");
    let (file, _) = ribao::state::StateFile::open(&state).unwrap();
    file.apply(&[ribao::state::Change::MarkRead("x".into())])
        .unwrap();
    std::fs::rename(&state, home.path().join("moved.json")).unwrap();
    let Some(t) = start("backup", 120, 30, home.path()) else {
        return;
    };
    t.wait_for("the notice", |s| {
        s.contains("is not there; ribao carries on")
    });
    t.keys(&["Escape", "q"]);
    let after = assert_restored_with(&t, "exit=0");
    assert!(!after.contains("carries on"), "{after}");
}

/// Where the path could keep only its file's name (here the date again), `list` leaves it
/// out and the title is whole (tester AT: at 100 columns `06-02-Daily AI New…` beside
/// `…5-06/2025-06-02.md`; these rows, at 88); with room, the path is back.
#[test]
fn list_leaves_out_a_path_cut_to_its_file_name_for_the_title() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    for (lang, title) in [("en", "Daily AI News Daily"), ("cn", "日报-AI资讯日报")] {
        let dir = store.join(format!("Some-Daily/content/{lang}/2025-06"));
        std::fs::create_dir_all(&dir).unwrap();
        let text =
            format!("# 06-01-{title}\n\n## 新闻\n\n1. 甲公司发布新模型，推理成本下降一半。\n");
        std::fs::write(dir.join("2025-06-01.md"), text).unwrap();
    }
    let Some(t) = Tmux::start("pathlist", 88, 12, home.path()) else {
        return;
    };
    let (screen, rows) = printed_rows(&t, "list", &store, home.path());
    assert_eq!(rows.len(), 2, "{screen}");
    assert!(
        rows.iter()
            .all(|r| !r.contains('…') && !r.contains(".md") && r.contains("06-01-")),
        "{screen}"
    );
    t.resize(140);
    let (screen, rows) = printed_rows(&t, "list", &store, home.path());
    assert!(
        rows.iter()
            .all(|r| r.trim_end().ends_with("/2025-06/2025-06-01.md")),
        "{screen}"
    );
}
