//! The reader's per-keystroke work on a large archive: a search over every digest, the
//! category pane and story list over the whole archive, and one redraw.
//!
//! Needs an archive: `RIBAO_BENCH_STORE=/tmp/big` (made by `../shared/tools/make-store.py`;
//! `scripts/bench.sh` makes it and sets this). Its index is built in `RIBAO_BENCH_CACHE`
//! (default: a folder under the system's temporary folder) before measuring.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::search::Query;
use ribao::state::{Change, StateFile};
use ribao::tui::{Action, App, Session};
use std::hint::black_box;
use std::path::PathBuf;

fn library() -> Option<Library> {
    let Some(store) = std::env::var_os("RIBAO_BENCH_STORE").map(PathBuf::from) else {
        eprintln!("SKIPPED: set RIBAO_BENCH_STORE to an archive (scripts/bench.sh does)");
        return None;
    };
    let cache = std::env::var_os("RIBAO_BENCH_CACHE").map_or_else(
        || std::env::temp_dir().join("ribao-bench-cache"),
        PathBuf::from,
    );
    let library = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |w| {
        eprintln!("{w}")
    });
    eprintln!(
        "archive: {} digests, {} stories",
        library.digests().len(),
        library.items().count()
    );
    Some(library)
}

fn benches(c: &mut Criterion) {
    let Some(library) = library() else { return };
    let library = std::sync::Arc::new(library);
    let mut group = c.benchmark_group("archive");
    group.sample_size(20);
    // The last is the worst case known: a letter that starts words everywhere, and a common
    // character excluded, so most English stories are read to their end.
    for word in ["英伟达", "openai", "agent 开源", "e -的"] {
        let query = Query::parse(word);
        group.bench_function(format!("search {word}"), |b| {
            b.iter(|| black_box(library.search(&query, None).len()))
        });
    }

    let mut app = App::new(
        library.clone(),
        Default::default(),
        Session::in_memory(Default::default()),
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    let mut draw = |app: &mut App| {
        terminal
            .draw(|f| ribao::tui::ui::draw(f, app))
            .expect("draw");
    };
    group.bench_function("redraw, one date", |b| b.iter(|| draw(&mut app)));
    // The whole archive in scope, a unified category selected: what a key press then costs.
    for _ in 0..3 {
        app.update(Action::Scope);
    }
    app.update(Action::Categories);
    app.update(Action::Last);
    draw(&mut app);
    group.bench_function("redraw, a category over the whole archive", |b| {
        b.iter(|| draw(&mut app))
    });
    group.bench_function("key j then redraw, whole archive", |b| {
        b.iter(|| {
            app.update(Action::Down);
            app.update(Action::Up);
            draw(&mut app)
        })
    });
    group.bench_function("choose another category over the whole archive", |b| {
        b.iter(|| {
            app.update(Action::Up);
            app.update(Action::Down);
            draw(&mut app)
        })
    });
    // A mark changed: the category pane counts the archive's unread stories again.
    app.update(Action::Right);
    group.bench_function("mark a story read then redraw, whole archive", |b| {
        b.iter(|| {
            app.update(Action::ToggleRead);
            draw(&mut app)
        })
    });
    // Down the stories, each a new one previewed: laid out, and its digest read again from
    // its file at each new digest.
    group.bench_function("key j in the stories then redraw, whole archive", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut app)
        })
    });
    // Every story of the archive read (a whole-archive `A`), the marks in a state file:
    // a mark changed is counted again and saved with the quarter of a million others.
    let dir = std::env::temp_dir().join(format!("ribao-bench-state-{}", std::process::id()));
    let file = StateFile::open(dir.join("state.json"))
        .expect("state file")
        .0;
    let all_read: Vec<Change> = (library.items())
        .map(|i| Change::MarkRead(i.id.to_string()))
        .collect();
    let loaded = file.apply(&all_read).expect("state saved");
    eprintln!("{} read marks saved", loaded.state.read.len());
    let mut app = App::new(
        library.clone(),
        Default::default(),
        Session::open(file, loaded, Vec::new()),
    );
    for _ in 0..3 {
        app.update(Action::Scope);
    }
    app.update(Action::Categories);
    app.update(Action::Right);
    // As the reader's loop does it: the mark drawn, then saved.
    app.hold_saves();
    group.bench_function("mark a story read then redraw, whole archive read", |b| {
        b.iter_custom(|n| {
            let mut shown = std::time::Duration::ZERO;
            for _ in 0..n {
                let started = std::time::Instant::now();
                app.update(Action::ToggleRead);
                draw(&mut app);
                shown += started.elapsed();
                app.save_held();
            }
            shown
        })
    });
    // Named to be listed after the row above.
    group.bench_function(
        "mark a story read, redraw and save, whole archive read",
        |b| {
            b.iter(|| {
                app.update(Action::ToggleRead);
                draw(&mut app);
                app.save_held()
            })
        },
    );
    let _ = std::fs::remove_dir_all(dir);
    group.finish();
}

criterion_group!(archive, benches);
criterion_main!(archive);
