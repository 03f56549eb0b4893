//! Entering and leaving the full-screen terminal. Leaving always happens — on quit, on error
//! (the guard's drop) and on a panic of the reader's own thread (the hook) — so the user's
//! shell is never left in raw mode or the alternate screen; a worker's panic is reported on
//! the screen instead ([`caught`]).

use super::Event;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is in reader mode (so restoring twice does nothing).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// The terminal in reader mode; dropping it restores the terminal.
pub struct Guard {
    /// Taken only by the drop.
    terminal: Option<Terminal<CrosstermBackend<Stdout>>>,
}

impl Guard {
    /// Raw mode, alternate screen, hidden cursor; a panic hook that restores them first.
    pub fn enter() -> anyhow::Result<Guard> {
        install_panic_hook();
        enter_reader_mode()?;
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(Guard {
                terminal: Some(terminal),
            }),
            Err(e) => {
                restore();
                anyhow::bail!("cannot use the terminal: {e}");
            }
        }
    }

    pub fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Stdout>> {
        self.terminal
            .as_mut()
            .expect("the terminal is taken only when the guard is dropped")
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        // ratatui's own drop shows the cursor and, when it cannot (the terminal is gone, its
        // window closed), says so with eprintln!, which panics on a dead stderr: then the
        // terminal is let go of without it.
        if let Some(mut terminal) = self.terminal.take()
            && terminal.show_cursor().is_err()
        {
            std::mem::forget(terminal);
        }
    }
}

fn enter_reader_mode() -> anyhow::Result<()> {
    #[cfg(unix)]
    remember_cooked_mode();
    enable_raw_mode()
        .map_err(|e| anyhow::anyhow!("cannot switch the terminal to raw mode: {e}"))?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide) {
        restore();
        anyhow::bail!("cannot enter the alternate screen: {e}");
    }
    Ok(())
}

/// Ctrl-Z: the terminal restored, the job stopped as the shell's job control expects, and
/// reader mode entered again when the shell continues it. The whole process group stops, as
/// with vim: a wrapper script that started the reader would otherwise keep the terminal,
/// waiting on a stopped reader that nothing can continue.
#[cfg(unix)]
pub fn suspend() -> Result<(), String> {
    restore();
    // SAFETY: kill takes no pointers; pid 0 is this process's group.
    let stopped = match unsafe { libc::kill(0, libc::SIGTSTP) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    };
    enter_reader_mode().map_err(|e| e.to_string())?;
    stopped.map_err(|e| format!("cannot stop the process: {e}"))
}

#[cfg(not(unix))]
pub fn suspend() -> Result<(), String> {
    Err("this system has no job control".into())
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT (the last two from `kill`: raw mode reads Ctrl-C and
/// Ctrl-\ as keys) end the reader as `q` does (terminal restored, position saved) by
/// sending [`Event::Terminate`] to its loop; it then exits with 128 + the signal's number,
/// as the shell reports a program the signal ended. Another one a second or more later (the loop
/// did not answer) restores the terminal and exits at once; those within the second are the
/// same request (a closing window hangs the reader up twice: the system and the shell).
#[cfg(unix)]
pub fn forward_signals(events: std::sync::mpsc::Sender<Event>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("ribao-signals".into())
        .spawn(move || {
            let mut signals = signals.forever();
            if let Some(signal) = signals.next() {
                let _ = events.send(Event::Terminate(signal));
            }
            let first = std::time::Instant::now();
            for signal in signals {
                if first.elapsed() >= std::time::Duration::from_secs(1) {
                    restore();
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn forward_signals(_: std::sync::mpsc::Sender<Event>) -> anyhow::Result<()> {
    Ok(())
}

/// Leaves reader mode: raw mode off, cursor shown, alternate screen left. Safe to call more
/// than once and from a panic.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            stdout(),
            EndSynchronizedUpdate,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        );
    }
}

/// The terminal's settings before reader mode, for [`restore_from_signal`].
#[cfg(unix)]
static COOKED: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

#[cfg(unix)]
fn remember_cooked_mode() {
    use std::os::fd::AsRawFd;
    if COOKED.get().is_some() {
        return;
    }
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return;
    };
    // SAFETY: tcgetattr fills the zeroed termios it is given, from an open descriptor.
    unsafe {
        let mut cooked: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(tty.as_raw_fd(), &mut cooked) == 0 {
            let _ = COOKED.set(cooked);
        }
    }
}

/// [`restore`] from a signal handler, with async-signal-safe calls only (write, open,
/// tcsetattr): the sequences that leave reader mode, then the settings from before it.
#[cfg(unix)]
pub fn restore_from_signal() {
    const LEAVE: &[u8] = b"\x1b[?2026l\x1b[?2004l\x1b[?1049l\x1b[?25h";
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // SAFETY: each call takes a static buffer or a descriptor it opened; a failed one is
    // left, as nothing more can be done from the handler.
    unsafe {
        libc::write(libc::STDOUT_FILENO, LEAVE.as_ptr().cast(), LEAVE.len());
        if let Some(cooked) = COOKED.get() {
            let tty = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
            if tty >= 0 {
                libc::tcsetattr(tty, libc::TCSANOW, cooked);
                libc::close(tty);
            }
        }
    }
}

/// The thread the reader draws from: a panic anywhere else is a worker's.
static UI_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();
/// A worker's panic (where, and what), kept for [`caught`] to report.
static WORKER_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let _ = UI_THREAD.set(std::thread::current().id());
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic off the reader's thread while it runs (indexing, search, their rayon
            // helpers) is reported by the worker on the status bar (see `caught`); printed,
            // it would scribble over a screen the reader goes on drawing.
            let worker = UI_THREAD.get() != Some(&std::thread::current().id());
            if worker && ACTIVE.load(Ordering::SeqCst) {
                if let Ok(mut kept) = WORKER_PANIC.lock() {
                    kept.get_or_insert_with(|| info.to_string());
                }
                return;
            }
            restore();
            previous(info);
        }));
    });
}

/// Runs a worker's `work` (on its own thread, or on rayon's threads under it), a panic in
/// it becoming its message, so the reader reports it and goes on in reader mode.
pub fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let kept = WORKER_PANIC.lock().ok().and_then(|mut kept| kept.take());
        kept.unwrap_or_else(|| {
            // The hook kept nothing (the reader is not on a terminal): the payload says what.
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string())
        })
    })
}

/// Starts a synchronized update: the terminal shows the frame only when it is complete.
pub fn begin_frame() {
    let _ = queue!(stdout(), BeginSynchronizedUpdate);
}

/// Ends the synchronized update started by [`begin_frame`].
pub fn end_frame() {
    let mut out = stdout();
    let _ = queue!(out, EndSynchronizedUpdate);
    let _ = out.flush();
}

/// Writes an escape sequence (OSC 52) straight to the terminal.
pub fn write_escape(sequence: &str) -> std::io::Result<()> {
    let mut out = stdout();
    out.write_all(sequence.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_workers_parallel_work_is_its_message_and_leaves_the_screen() {
        install_panic_hook();
        // As while the reader runs (the test's thread stands for the reader's).
        ACTIVE.store(true, Ordering::SeqCst);
        let why = std::thread::spawn(|| {
            caught(|| {
                use rayon::prelude::*;
                (0..64)
                    .into_par_iter()
                    .map(|i| {
                        if i == 63 {
                            panic!("index {i} out of range")
                        } else {
                            i
                        }
                    })
                    .sum::<i32>()
            })
        })
        .join()
        .unwrap()
        .unwrap_err();
        // Nothing restored the terminal: the reader is still in reader mode.
        assert!(ACTIVE.swap(false, Ordering::SeqCst));
        // Where (from the hook) and what.
        assert!(
            why.contains("index 63 out of range") && why.contains("terminal.rs"),
            "{why}"
        );
        assert_eq!(caught(|| 7), Ok(7));
    }
}
