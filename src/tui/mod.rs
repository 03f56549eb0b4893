//! The interactive reader.
//!
//! `keys → keymap → Action → App::update → state → ui::draw`, with outside effects (open a
//! link, copy it) returned by the app and carried out here through a [`Host`]. Work that must
//! not hold up typing (search) runs on its own thread and wakes the loop with
//! [`Event::Wake`] when it has a result. The loop ([`run_app`]) is generic over the ratatui
//! backend, so tests drive the whole reader on `TestBackend` with scripted events.

pub mod action;
pub mod app;
pub mod background;
pub mod bookmarks;
pub mod event;
pub mod highlight;
pub mod keymap;
pub mod line_edit;
pub mod link;
pub mod links;
pub mod places;
pub mod scope;
pub mod search;
pub mod session;
pub mod terminal;
pub mod ui;

pub use action::Action;
pub use app::{App, Effect, Pane};
pub use event::{Event, EventSource, Scripted};
pub use scope::{CategoryFilter, Scope};
pub use search::SearchFocus;
pub use session::Session;

use crate::library::Library;
use crate::text::TextOptions;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// How the reader is set up.
pub struct Options {
    pub text: TextOptions,
    /// Read marks, bookmarks and the last position.
    pub session: Session,
    /// Indexing left to do (new or changed files): done while the reader runs.
    pub pending: Option<crate::library::Pending>,
    /// The store folder, and how to open it again: files added while the reader runs show up.
    pub watch: Option<(std::path::PathBuf, background::Reopen)>,
    /// Problems found before the reader started (a broken categories table), for a notice:
    /// what was printed before the reader took the screen is hidden until it quits.
    pub problems: Vec<String>,
    /// Colours on the screen (see [`App::set_colours`]).
    pub colours: bool,
}

/// How often the store folder is looked at for new files.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(15);
/// How long quitting waits for indexing to write a step it parsed (a second or two on a
/// large archive): longer, and a stuck disk would hold the quit.
const INDEX_SAVE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl Default for Options {
    fn default() -> Options {
        Options {
            text: TextOptions::default(),
            session: Session::in_memory(crate::state::State::default()),
            pending: None,
            watch: None,
            problems: Vec::new(),
            colours: true,
        }
    }
}

/// Runs the reader on the real terminal until the user quits. Load the library (and report
/// its errors) before calling this: anything printed after it starts is hidden by the
/// alternate screen. The session is flushed before the terminal is restored, so nothing is
/// lost if that fails (a closed window). Returns how it ended, and what saving at the end
/// said (Err: what was lost). The library may be shared (`Arc<Library>`) with other work.
pub fn run(
    library: impl Into<Arc<Library>>,
    options: Options,
) -> anyhow::Result<(Ending, anyhow::Result<()>)> {
    let mut app = App::new(library, options.text, options.session);
    app.set_colours(options.colours);
    app.say_where_digests_go();
    app.relay_session_message();
    for problem in &options.problems {
        app.show_notice(problem);
    }
    let mut guard = terminal::Guard::enter()?;
    let mut events = event::InputThread::spawn();
    let wake = events.sender();
    app.set_waker(move || {
        let _ = wake.send(Event::Wake);
    });
    if let Some(pending) = options.pending {
        app.start_loading(pending);
    }
    if let Some((root, reopen)) = options.watch {
        app.watch_store(root, WATCH_EVERY, reopen);
    }
    terminal::forward_signals(events.sender())?;
    let mut host = SystemHost {
        notices: events.sender(),
    };
    let result = run_app(guard.terminal(), &mut app, &mut events, &mut host);
    let flushed = app.save_on_quit();
    drop(events);
    drop(guard);
    Ok((result?, flushed))
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit (or the events ended).
    Quit,
    /// A signal asked it to: its number.
    Signal(i32),
}

/// Where a link was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// In a browser beside the reader.
    Beside,
    /// In a browser that had the terminal, and is done: the reader's screen is to be drawn
    /// whole again.
    InTerminal,
}

/// What the loop needs from the world outside the app.
pub trait Host {
    /// Opens a validated http(s) URL in the browser; Err says why not, in words.
    fn open_url(&mut self, url: &str) -> Result<Opened, String>;
    /// Puts a validated URL on the clipboard; Err says why not.
    fn copy_url(&mut self, url: &str) -> Result<(), String>;
    /// Gives the terminal back to the shell until the user brings the reader back (`fg`);
    /// Err says why it could not.
    fn suspend(&mut self) -> Result<(), String>;
    /// Takes the terminal back after the reader was stopped from outside (see
    /// [`Event::Continued`]).
    fn reenter(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// Called around each frame (synchronized updates on a real terminal).
    fn begin_frame(&mut self) {}
    fn end_frame(&mut self) {}
}

/// The loop: handle every waiting event, take what background work has finished, then draw
/// once. Returns how it ended when the app quits or the events end. While idle it waits for events
/// (background work sends [`Event::Wake`]) and the tick that expires messages and moves the
/// indexing count, four times a second; it draws only when something changed.
pub fn run_app<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
    host: &mut impl Host,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    /// A burst longer than this is drawn in parts, so the screen never freezes.
    const MAX_BATCH: usize = 512;
    // A key's change is shown, then saved: with a whole archive's read marks, the save takes
    // longer than the frame (a bookmark's is saved first: see below).
    app.hold_saves();
    draw(terminal, app, host)?;
    while let Some(first) = events.next() {
        let (mut redraw, mut repaint) = (false, false);
        let mut next = Some(first);
        let mut handled = 0;
        while let Some(event) = next {
            match handle(app, event, host)? {
                Step::Quit(ending) => {
                    if app.saving_index() {
                        app.notify("saving the index…", false);
                        // A terminal gone (the window closed) has nothing to show it on.
                        let _ = draw(terminal, app, host);
                        app.wait_for_index_saved(INDEX_SAVE_WAIT);
                    }
                    return Ok(ending);
                }
                Step::Redraw => redraw = true,
                Step::Repaint => repaint = true,
                Step::Nothing => {}
            }
            handled += 1;
            next = if handled < MAX_BATCH {
                events.try_next()
            } else {
                None
            };
        }
        redraw |= app.poll_background();
        // A bookmark is saved before it is shown: one shown as made is never lost to a crash
        // in the save's milliseconds (tester CH: 20–30 ms of a 10 MB state file).
        if app.bookmark_held() {
            redraw |= app.save_held();
        }
        if repaint {
            terminal.clear()?;
        }
        if redraw || repaint {
            draw(terminal, app, host)?;
        }
        if app.save_held() {
            draw(terminal, app, host)?;
        }
    }
    Ok(Ending::Quit)
}

enum Step {
    Quit(Ending),
    Redraw,
    /// Redraw every cell: the screen was used by something else.
    Repaint,
    Nothing,
}

impl Step {
    /// What two events handled one after the other ask for, `self` first.
    fn and(self, then: Step) -> Step {
        match (self, then) {
            (_, Step::Quit(ending)) | (Step::Quit(ending), _) => Step::Quit(ending),
            (Step::Repaint, _) | (_, Step::Repaint) => Step::Repaint,
            (Step::Redraw, _) | (_, Step::Redraw) => Step::Redraw,
            (Step::Nothing, Step::Nothing) => Step::Nothing,
        }
    }
}

fn handle(app: &mut App, event: Event, host: &mut impl Host) -> anyhow::Result<Step> {
    // Ctrl-h is Backspace where a terminal sends ^H for that key (`stty erase ^H`, some
    // PuTTY set-ups; tester DJ: a search line's text could not be deleted).
    let event = match event {
        Event::Key(key)
            if key.code == KeyCode::Char('h') && key.modifiers == KeyModifiers::CONTROL =>
        {
            Event::Key(KeyEvent {
                code: KeyCode::Backspace,
                modifiers: KeyModifiers::NONE,
                ..key
            })
        }
        event => event,
    };
    Ok(match event {
        // What cannot be seen is not done: below the minimum size only quitting, suspending
        // and redrawing are taken (tester AL: `A A` at 10×3 marked 10,018 stories read).
        Event::Key(key)
            if app.view.too_small
                && !matches!(
                    keymap::action_for(&key),
                    Some(Action::Quit | Action::ForceQuit | Action::Suspend | Action::Redraw)
                ) =>
        {
            Step::Nothing
        }
        // A text line's word keys (Alt-b, Alt-d, …) are its own (tester AA: Alt-b went on
        // as Esc and `b`, and removed a bookmark).
        Event::Key(key) if key.modifiers.contains(KeyModifiers::ALT) && app.line_key(&key) => {
            Step::Redraw
        }
        // A terminal sends Esc with a key typed right after it as that key with Alt (`Esc`
        // `h` comes as Alt-h); no other key with Alt is bound, so it is taken as the two
        // keys (tester W: Alt-h was said to be no key, and the Esc was lost).
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT) && key.kind != KeyEventKind::Release =>
        {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            let plain = KeyEvent {
                modifiers: key.modifiers - KeyModifiers::ALT,
                ..key
            };
            match handle(app, Event::Key(esc), host)? {
                Step::Quit(ending) => Step::Quit(ending),
                first => first.and(handle(app, Event::Key(plain), host)?),
            }
        }
        Event::Key(key) if app.text_key(&key) => Step::Redraw,
        Event::Key(key) => match keymap::action_for(&key) {
            Some(action) => match relayed(app, action) {
                Some(Effect::Quit) => Step::Quit(Ending::Quit),
                Some(Effect::Suspend) => suspended(app, host),
                Some(Effect::Repaint) => Step::Repaint,
                Some(Effect::OpenUrl(url)) => match host.open_url(&url) {
                    Ok(Opened::Beside) => {
                        app.notify_link("opening", &url);
                        Step::Redraw
                    }
                    Ok(Opened::InTerminal) => Step::Repaint,
                    // What else can be done with it (tester K: a dead end); the screen whole
                    // again where a browser had it.
                    Err(why) => {
                        app.notify(
                            format!("could not open the link: {why}; y copies it instead"),
                            true,
                        );
                        Step::Repaint
                    }
                },
                Some(Effect::CopyUrl(url)) => {
                    match host.copy_url(&url) {
                        // Sent, not known to have arrived: OSC 52 has no answer, and a
                        // terminal or tmux may drop it (tester AF).
                        Ok(()) => app.notify_link("sent to the clipboard:", &url),
                        Err(why) => app.notify(format!("could not copy the link: {why}"), true),
                    }
                    Step::Redraw
                }
                None => Step::Redraw,
            },
            // A key that is none: said, rather than nothing happening without a word.
            None => match keymap::unbound_name(&key) {
                Some(name) => {
                    app.notify(
                        format!("{name} is no key here — {}", app.where_keys_are()),
                        false,
                    );
                    Step::Redraw
                }
                None => Step::Nothing,
            },
        },
        Event::Paste(text) => {
            app.paste(&text);
            Step::Redraw
        }
        Event::Resize(..) => Step::Redraw,
        Event::Tick(elapsed) => {
            if app.tick(elapsed) {
                Step::Redraw
            } else {
                Step::Nothing
            }
        }
        Event::Notice { text, error } => {
            app.notify(text, error);
            Step::Redraw
        }
        // The results are taken after the batch (see run_app).
        Event::Wake => Step::Nothing,
        Event::InputClosed(why) => anyhow::bail!("lost the terminal's input: {why}"),
        Event::Terminate(signal) => Step::Quit(Ending::Signal(signal)),
        Event::Suspend => suspended(app, host),
        // Whatever the shell left on the screen is painted over.
        Event::Continued => match host.reenter() {
            Ok(()) => Step::Repaint,
            Err(why) => {
                app.notify(format!("could not take the terminal back: {why}"), true);
                Step::Redraw
            }
        },
    })
}

/// The reader suspended (Ctrl-Z, or SIGTSTP from another program), and what then to draw.
fn suspended(app: &mut App, host: &mut impl Host) -> Step {
    match host.suspend() {
        // Whatever the shell left on the screen is painted over.
        Ok(()) => Step::Repaint,
        Err(why) => {
            app.notify(format!("could not suspend: {why}"), true);
            Step::Redraw
        }
    }
}

/// The action's effect, after any message from the session (e.g. a failed save) is shown.
fn relayed(app: &mut App, action: Action) -> Option<Effect> {
    let effect = app.update(action);
    app.relay_session_message();
    effect
}

fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    host: &mut impl Host,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    host.begin_frame();
    let result = terminal.draw(|frame| ui::draw(frame, app));
    host.end_frame();
    result?;
    Ok(())
}

/// The real world: a browser opener process and the terminal's clipboard.
struct SystemHost {
    notices: Sender<Event>,
}

impl Host for SystemHost {
    fn open_url(&mut self, url: &str) -> Result<Opened, String> {
        let url = link::safe_url(url).map_err(|why| format!("the link is {why}"))?;
        // The first of the openers that is installed; the first one's error if none is.
        let mut first_error = None;
        let mut started = None;
        let why_not = |program: &str, e: &std::io::Error| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("{program} is not installed (set $BROWSER to a browser)")
            }
            _ => format!("cannot run {program}: {}", crate::io_error::in_words(e)),
        };
        for (program, args) in link::openers(std::env::var("BROWSER").ok().as_deref(), &url) {
            // One not installed is passed over for the next, as one run beside is.
            if link::takes_the_terminal(&program) {
                match terminal::run_in_foreground(Command::new(&program).args(&args)) {
                    Ok(status) if status.success() => return Ok(Opened::InTerminal),
                    Ok(status) => return Err(format!("{program} failed ({status})")),
                    Err(e) => {
                        first_error.get_or_insert(why_not(&program, &e));
                        continue;
                    }
                }
            }
            let spawned = Command::new(&program)
                .args(&args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            match spawned {
                Ok(child) => {
                    started = Some((program, child));
                    break;
                }
                Err(e) => {
                    first_error.get_or_insert(why_not(&program, &e));
                }
            }
        }
        let Some((program, mut child)) = started else {
            return Err(first_error.expect("there is always an opener to try"));
        };
        // Wait off the loop, so a slow opener never blocks keys; report a failure later.
        let notices = self.notices.clone();
        std::thread::spawn(move || {
            if let Ok(status) = child.wait()
                && !status.success()
            {
                let _ = notices.send(Event::Notice {
                    text: format!("could not open the link: {program} failed ({status})"),
                    error: true,
                });
            }
        });
        Ok(Opened::Beside)
    }

    fn suspend(&mut self) -> Result<(), String> {
        terminal::suspend()
    }

    fn reenter(&mut self) -> Result<(), String> {
        terminal::reenter()
    }

    fn copy_url(&mut self, url: &str) -> Result<(), String> {
        let url = link::safe_url(url).map_err(|why| format!("the link is {why}"))?;
        terminal::write_escape(&link::osc52(&url)).map_err(|e| e.to_string())?;
        // Sent all the same: a tmux asked wrongly loses nothing by it.
        match link::tmux_drops_copies() {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }

    fn begin_frame(&mut self) {
        terminal::begin_frame();
    }

    fn end_frame(&mut self) {
        terminal::end_frame();
    }
}
