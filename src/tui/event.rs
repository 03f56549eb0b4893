//! Input: what the run loop reacts to, and where it comes from — a thread reading the
//! terminal in real use, a script in tests.

use crossterm::event::{self as ct, KeyEvent, KeyEventKind};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How often time is reported to the app (for fading messages).
pub const TICK: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): it goes into a text line whole, and
    /// is never taken as keys.
    Paste(String),
    /// The terminal changed size; the next draw measures the new size.
    Resize(u16, u16),
    /// This much time passed.
    Tick(Duration),
    /// A message for the status bar from work done outside the loop (an opener that failed).
    Notice {
        text: String,
        error: bool,
    },
    /// Background work has something for the app (see [`crate::tui::App::poll_background`]).
    Wake,
    /// The terminal's input failed for good.
    InputClosed(String),
    /// The system asks the reader to end with this signal (SIGTERM, SIGINT or SIGQUIT, or
    /// SIGHUP when the terminal closes): it quits as `q` does, saving where it was.
    Terminate(i32),
    /// Another program asks the reader to stop (SIGTSTP): it suspends as Ctrl-Z does.
    Suspend,
    /// The reader goes on after another program stopped it (SIGSTOP, then SIGCONT): the
    /// shell had the terminal meanwhile.
    Continued,
}

/// Where the run loop gets events.
pub trait EventSource {
    /// The next event, waiting for it; None ends the loop.
    fn next(&mut self) -> Option<Event>;
    /// An event that is already waiting, without waiting. The loop handles all waiting events
    /// before it draws, so a burst (a resize drag, key repeat) costs one frame.
    fn try_next(&mut self) -> Option<Event>;
}

/// Events given up front (tests): all of them count as already waiting.
#[derive(Debug, Default)]
pub struct Scripted(pub VecDeque<Event>);

impl Scripted {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Scripted {
        Scripted(events.into_iter().collect())
    }
}

impl EventSource for Scripted {
    fn next(&mut self) -> Option<Event> {
        self.0.pop_front()
    }
    fn try_next(&mut self) -> Option<Event> {
        self.0.pop_front()
    }
}

/// Reads the terminal on its own thread; ticks every [`TICK`].
pub struct InputThread {
    rx: Receiver<Event>,
    tx: Sender<Event>,
    stop: Arc<AtomicBool>,
    last_tick: Instant,
}

impl InputThread {
    pub fn spawn() -> InputThread {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let (thread_tx, thread_stop) = (tx.clone(), stop.clone());
        let spawned = std::thread::Builder::new()
            .name("ribao-input".into())
            .spawn(move || {
                let read = super::terminal::caught(|| read_terminal(&thread_tx, &thread_stop));
                if let Err(why) = read {
                    let _ = thread_tx.send(Event::InputClosed(why));
                }
            });
        if let Err(e) = spawned {
            // No keys would ever come: the loop ends as when the input fails.
            let _ = tx.send(Event::InputClosed(e.to_string()));
        }
        InputThread {
            rx,
            tx,
            stop,
            last_tick: Instant::now(),
        }
    }

    /// For work outside the loop that reports back (see [`Event::Notice`]).
    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }
}

fn read_terminal(tx: &Sender<Event>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        if !super::terminal::input_may_read() {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        match ct::poll(Duration::from_millis(100)) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(e) => {
                let _ = tx.send(Event::InputClosed(e.to_string()));
                return;
            }
        }
        let event = match ct::read() {
            Ok(ct::Event::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
            Ok(ct::Event::Resize(w, h)) => Event::Resize(w, h),
            Ok(ct::Event::Paste(text)) => Event::Paste(text),
            Ok(_) => continue,
            Err(e) => {
                let _ = tx.send(Event::InputClosed(e.to_string()));
                return;
            }
        };
        if tx.send(event).is_err() {
            return;
        }
    }
}

impl EventSource for InputThread {
    fn next(&mut self) -> Option<Event> {
        loop {
            let since = self.last_tick.elapsed();
            if since >= TICK {
                self.last_tick = Instant::now();
                return Some(Event::Tick(since));
            }
            match self.rx.recv_timeout(TICK - since) {
                Ok(event) => return Some(event),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn try_next(&mut self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
}

/// The thread is told to stop, not waited for: once the terminal is gone (its window
/// closed), crossterm's read spins inside `poll` and never returns
/// (crossterm-rs/crossterm#793), and waiting would keep the reader alive for ever, a core
/// busy. It ends with the process.
impl Drop for InputThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
