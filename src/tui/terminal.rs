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
use std::io::{Write, stdout};
use std::process::ExitStatus;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Whether the terminal is in reader mode, and whether the reader is writing to it.
static MODE: Mode = Mode::new();
static PANIC_HOOK: Once = Once::new();

/// Reader mode, and the writes made in it. Leaving it from another thread (a fault in a
/// worker) waits for a write under way to end, and no write starts after: the reader's
/// thread drew its next frame over the terminal put back and the message saying why.
struct Mode {
    active: AtomicBool,
    writing: AtomicBool,
}

impl Mode {
    /// How long leaving waits for a write under way: the fault may be in the write itself.
    const WRITE_WAIT: Duration = Duration::from_millis(100);

    const fn new() -> Mode {
        Mode {
            active: AtomicBool::new(false),
            writing: AtomicBool::new(false),
        }
    }

    fn enter(&self) {
        self.active.store(true, Ordering::SeqCst);
    }

    fn is_active(&self) -> bool {
        self.active.load(Ordering::SeqCst)
    }

    /// Leaves reader mode once a write under way has ended: whether it was in it (so
    /// leaving twice does nothing). No allocation or lock (`sleep` is a nanosleep), so a
    /// signal handler may call it.
    fn leave(&self) -> bool {
        if !self.active.swap(false, Ordering::SeqCst) {
            return false;
        }
        let step = Duration::from_millis(1);
        let mut waited = Duration::ZERO;
        while self.writing.load(Ordering::SeqCst) && waited < Self::WRITE_WAIT {
            std::thread::sleep(step);
            waited += step;
        }
        true
    }

    /// `write` made only in reader mode. Both sides mark first and check the other's mark
    /// second, so either [`Mode::leave`] sees this write or this write sees it left.
    fn write<T>(&self, write: impl FnOnce() -> T) -> Option<T> {
        self.writing.store(true, Ordering::SeqCst);
        let written = self.is_active().then(write);
        self.writing.store(false, Ordering::SeqCst);
        written
    }
}

/// Standard output in reader mode: what is written once reader mode is left is dropped.
pub struct Screen;

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        MODE.write(|| stdout().write(buf)).unwrap_or(Ok(buf.len()))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        MODE.write(|| stdout().flush()).unwrap_or(Ok(()))
    }
}

/// The terminal in reader mode; dropping it restores the terminal. ratatui's own drop then
/// shows the cursor again, a write [`Screen`] drops: on a terminal gone (its window closed)
/// it failed and was printed with `eprintln!`, which panics on a dead stderr.
pub struct Guard {
    terminal: Terminal<CrosstermBackend<Screen>>,
}

impl Guard {
    /// Raw mode, alternate screen, hidden cursor; a panic hook that restores them first.
    pub fn enter() -> anyhow::Result<Guard> {
        install_panic_hook();
        enter_reader_mode()?;
        match Terminal::new(CrosstermBackend::new(Screen)) {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(e) => {
                restore();
                anyhow::bail!("cannot use the terminal: {e}");
            }
        }
    }

    pub fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Screen>> {
        &mut self.terminal
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter_reader_mode() -> anyhow::Result<()> {
    #[cfg(unix)]
    remember_cooked_mode();
    enable_raw_mode()
        .map_err(|e| anyhow::anyhow!("cannot switch the terminal to raw mode: {e}"))?;
    MODE.enter();
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
    // The group's SIGTSTP reaches this process too, where `forward_signals` takes it: it is
    // told this one is ours, and the process stops itself with SIGSTOP, which none can catch.
    OWN_STOPS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    OWN_CONTINUES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    // SAFETY: kill and raise take no pointers; pid 0 is this process's group.
    let stopped = match unsafe { libc::kill(0, libc::SIGTSTP) } {
        0 if unsafe { libc::raise(libc::SIGSTOP) } == 0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    };
    // No continue comes of a stop that failed: the next one from outside is not ours.
    if stopped.is_err() {
        take_own(&OWN_CONTINUES);
    }
    enter_reader_mode().map_err(|e| e.to_string())?;
    stopped.map_err(|e| format!("cannot stop the process: {e}"))
}

/// Runs `program` in the foreground with the terminal as the shell had it, then takes the
/// terminal back: a browser drawn in the terminal gets the screen and the keys. Meanwhile
/// the keys' signals are its: Ctrl-C and Ctrl-\ do not end the reader, and Ctrl-Z stops the
/// reader with it, so the shell gets the terminal back (see `forward_signals`).
pub fn run_in_foreground(program: &mut std::process::Command) -> std::io::Result<ExitStatus> {
    HANDED_OVER.store(true, Ordering::SeqCst);
    // The keys are the program's: the input thread stops reading first (it reads for a
    // tenth of a second at a time).
    let (step, mut waited) = (Duration::from_millis(5), Duration::ZERO);
    while !INPUT_PAUSED.load(Ordering::SeqCst) && waited < Duration::from_millis(300) {
        std::thread::sleep(step);
        waited += step;
    }
    restore();
    let ran = program.status();
    HANDED_OVER.store(false, Ordering::SeqCst);
    enter_reader_mode().map_err(std::io::Error::other)?;
    ran
}

/// Whether a program run by [`run_in_foreground`] has the terminal.
static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Whether the input thread has stopped reading the terminal for such a program.
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);

/// Whether the input thread may read the terminal now: not while a program has it (tester
/// DJ: the reader took the line typed to a browser).
pub fn input_may_read() -> bool {
    let handed_over = HANDED_OVER.load(Ordering::SeqCst);
    INPUT_PAUSED.store(handed_over, Ordering::SeqCst);
    !handed_over
}

/// SIGTSTPs [`suspend`] sent this process's group, not yet seen by `forward_signals`.
#[cfg(unix)]
static OWN_STOPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// SIGCONTs that end a [`suspend`], which enters reader mode again itself.
#[cfg(unix)]
static OWN_CONTINUES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts off one of the reader's own signals in `own` ([`OWN_STOPS`], [`OWN_CONTINUES`]):
/// false when none was left, the signal being another program's.
#[cfg(unix)]
fn take_own(own: &std::sync::atomic::AtomicUsize) -> bool {
    let one_less = |n: usize| n.checked_sub(1);
    own.fetch_update(Ordering::SeqCst, Ordering::SeqCst, one_less)
        .is_ok()
}

/// Reader mode entered again over what the shell did to the terminal while another program
/// kept the reader stopped (`kill -STOP`, which none can catch, then `fg`): raw mode, the
/// alternate screen, the cursor hidden (tester CH: the terminal was left cooked, keys echoed).
#[cfg(unix)]
pub fn reenter() -> Result<(), String> {
    // Only over reader mode still on, or left for the shell while in the background: a
    // terminal given back (a suspend that could not enter it again, the reader ending) is
    // not taken again (a review).
    let left = LEFT_IN_THE_BACKGROUND.swap(false, Ordering::SeqCst);
    if !MODE.is_active() && !left {
        return Ok(());
    }
    // crossterm takes raw mode for on while it remembers turning it on: let go first.
    let _ = disable_raw_mode();
    enter_reader_mode().map_err(|e| e.to_string())
}

#[cfg(not(unix))]
pub fn reenter() -> Result<(), String> {
    Ok(())
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
/// SIGTSTP from another program (`kill -TSTP`) suspends the reader as Ctrl-Z does, by
/// [`Event::Suspend`]: stopped as it was, it left the shell's prompt over its screen, the
/// terminal raw (tester AB). SIGCONT after a stop it did not make itself is
/// [`Event::Continued`].
#[cfg(unix)]
pub fn forward_signals(events: std::sync::mpsc::Sender<Event>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("ribao-signals".into())
        .spawn(move || {
            let mut first: Option<std::time::Instant> = None;
            for signal in signals.forever() {
                // The keys' signals while a program has the terminal are its; the reader
                // stops with it (the continue that ends the stop is taken as any other is).
                if HANDED_OVER.load(Ordering::SeqCst) {
                    match signal {
                        SIGINT | SIGQUIT => continue,
                        SIGTSTP => {
                            // SAFETY: raise takes no pointers.
                            unsafe { libc::raise(libc::SIGSTOP) };
                            continue;
                        }
                        _ => {}
                    }
                }
                // A stop or continue of the reader's own (see `suspend`) is passed over.
                let job = match signal {
                    SIGTSTP => Some((&OWN_STOPS, Event::Suspend)),
                    SIGCONT => Some((&OWN_CONTINUES, Event::Continued)),
                    _ => None,
                };
                if let Some((own, event)) = job {
                    match signal {
                        _ if take_own(own) => {}
                        SIGCONT => continued(&events),
                        _ => {
                            let _ = events.send(event);
                        }
                    }
                    continue;
                }
                match first {
                    None => {
                        first = Some(std::time::Instant::now());
                        let _ = events.send(Event::Terminate(signal));
                    }
                    Some(at) if at.elapsed() >= std::time::Duration::from_secs(1) => {
                        restore();
                        std::process::exit(128 + signal);
                    }
                    Some(_) => {}
                }
            }
        })?;
    Ok(())
}

/// After a continue the reader did not make itself: [`Event::Continued`], on which the loop
/// takes the terminal back (see [`reenter`]), once the reader is in the foreground. Where the
/// shell has the terminal (`kill -CONT` after a `kill -STOP` the shell took for the job
/// stopping), the reader first stops drawing, gives the shell its screen back and stops
/// again until `fg` (tester DH: it drew over the prompt, the shell left in the alternate
/// screen). The terminal's modes are left as the shell set them. Nothing is counted:
/// signal-hook gives continues that came together as one (a review).
#[cfg(unix)]
fn continued(events: &std::sync::mpsc::Sender<Event>) {
    while !in_the_foreground() {
        if MODE.leave() {
            leave_screen();
            LEFT_IN_THE_BACKGROUND.store(true, Ordering::SeqCst);
        }
        // `fg` may have come meanwhile, or a write stopped the reader (`stty tostop`).
        // SAFETY: raise takes no pointers.
        if in_the_foreground() || unsafe { libc::raise(libc::SIGSTOP) } != 0 {
            break;
        }
    }
    let _ = events.send(Event::Continued);
}

/// Whether reader mode was left for the shell by [`continued`], to be entered again.
#[cfg(unix)]
static LEFT_IN_THE_BACKGROUND: AtomicBool = AtomicBool::new(false);

/// Whether the reader's process group has the terminal; true where it cannot be told.
#[cfg(unix)]
fn in_the_foreground() -> bool {
    // SAFETY: neither call takes a pointer.
    let (terminal, own) = unsafe { (libc::tcgetpgrp(libc::STDOUT_FILENO), libc::getpgrp()) };
    terminal == -1 || terminal == own
}

#[cfg(not(unix))]
pub fn forward_signals(_: std::sync::mpsc::Sender<Event>) -> anyhow::Result<()> {
    Ok(())
}

/// Leaves reader mode: raw mode off, cursor shown, alternate screen left. Safe to call more
/// than once and from a panic.
pub fn restore() {
    if MODE.leave() {
        let _ = disable_raw_mode();
        leave_screen();
    }
}

/// The sequences that leave reader mode's screen: synchronized updates ended, bracketed paste
/// off, the alternate screen left, the cursor shown.
fn leave_screen() {
    let _ = execute!(
        stdout(),
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
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

/// [`restore`] from a signal handler, with async-signal-safe calls only (nanosleep, write,
/// open, tcsetattr): the sequences that leave reader mode, then the settings from before it.
/// Whether the terminal was in reader mode.
#[cfg(unix)]
pub fn restore_from_signal() -> bool {
    const LEAVE: &[u8] = b"\x1b[?2026l\x1b[?2004l\x1b[?1049l\x1b[?25h";
    if !MODE.leave() {
        return false;
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
    true
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
            if worker && MODE.is_active() {
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
    let _ = queue!(Screen, BeginSynchronizedUpdate);
}

/// Ends the synchronized update started by [`begin_frame`].
pub fn end_frame() {
    let _ = queue!(Screen, EndSynchronizedUpdate);
    let _ = Screen.flush();
}

/// Writes an escape sequence (OSC 52) straight to the terminal.
pub fn write_escape(sequence: &str) -> std::io::Result<()> {
    Screen.write_all(sequence.as_bytes())?;
    Screen.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fault in a worker leaves reader mode while the reader's thread writes a frame: the
    /// leaving waits for that write to end, and the reader's next write is dropped, not drawn
    /// over the terminal put back and the message saying why.
    #[test]
    fn leaving_reader_mode_waits_for_a_write_under_way_and_stops_the_next() {
        use std::time::Instant;
        let mode: &'static Mode = Box::leak(Box::new(Mode::new()));
        mode.enter();
        let (started_tx, started) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let first = mode.write(|| {
                started_tx.send(()).unwrap();
                // Still writing when reader mode is left, and for a while after.
                while mode.is_active() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                std::thread::sleep(Duration::from_millis(20));
                Instant::now()
            });
            (first, mode.write(|| "drawn"))
        });
        started.recv().unwrap();
        assert!(mode.leave());
        let left = Instant::now();
        let (first, second) = reader.join().unwrap();
        let ended = first.expect("the write under way is made");
        assert!(
            ended <= left,
            "reader mode was left before the write under way ended"
        );
        assert_eq!(second, None, "a write after leaving reader mode was made");
        assert!(!mode.leave(), "left twice");
    }

    #[test]
    fn a_panic_in_a_workers_parallel_work_is_its_message_and_leaves_the_screen() {
        install_panic_hook();
        // As while the reader runs (the test's thread stands for the reader's).
        MODE.enter();
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
        assert!(MODE.leave());
        // Where (from the hook) and what.
        assert!(
            why.contains("index 63 out of range") && why.contains("terminal.rs"),
            "{why}"
        );
        assert_eq!(caught(|| 7), Ok(7));
    }
}
