//! Test support for `tests/state_kill.rs`: adds bookmarks `<prefix>0`, `<prefix>1`, … to a state
//! file, one save each, and prints each id (flushed) only after its save returned. Runs until
//! killed.
//!
//! Usage: `state_writer STATE_FILE [PREFIX]` (PREFIX defaults to `w-`).

use ribao::state::{Bookmark, Change, StateFile, timestamp_now};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: state_writer STATE_FILE [PREFIX]");
        return ExitCode::FAILURE;
    };
    let prefix = args
        .next()
        .map_or("w-".into(), |p| p.to_string_lossy().into_owned());
    let file = match StateFile::open(path) {
        Ok((file, _)) => file,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    for n in 0u64.. {
        let id = format!("{prefix}{n}");
        let bookmark = Bookmark {
            id: id.clone(),
            source: "state-writer".into(),
            title: format!("Bookmark {n}"),
            path: "/nonexistent/digest.md".into(),
            added: timestamp_now(),
            ..Bookmark::default()
        };
        if let Err(e) = file.apply(&[Change::AddBookmark(bookmark)]) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        if writeln!(stdout, "{id}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
