//! The reader's state and how actions change it. Pure: no terminal, no files, no processes —
//! anything with an outside effect is returned as an [`Effect`] for the run loop to carry out.

mod bookmarking;
pub(crate) mod date_jump;
mod dates;
mod file_view;
mod links;
mod loading;
mod marks;
mod position;
mod searching;

use super::action::Action;
use super::background::{Loader, SearchWorker, StoreWatch, Waker};
use super::bookmarks::BookmarksView;
use super::links::LinksView;
use super::places::Places;
use super::scope;
use super::search::{Reselect, SearchView};
use super::session::Session;
use super::ui::article::{ArticleCache, Content};
use crate::index::{DigestInfo, ItemView};
use crate::library::{Library, Origin};
use crate::state::Position;
use crate::text::TextOptions;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How long a status message stays.
pub const MESSAGE_TTL: Duration = Duration::from_secs(3);
/// How long a problem stays whatever keys come (it then goes with the next).
const PROBLEM_HELD: Duration = Duration::from_secs(3);
/// How often the reader looks whether another ribao saved bookmarks or read marks (one
/// `stat` of the state file).
const STATE_LOOK: Duration = Duration::from_secs(2);
/// Rows a page key scrolls the notice by.
const NOTICE_PAGE: isize = 5;

/// The panes, left to right; in narrow terminals also the levels one goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Dates,
    Categories,
    Items,
    Article,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Dates, Pane::Categories, Pane::Items, Pane::Article];

    fn index(self) -> usize {
        Pane::ORDER.iter().position(|&p| p == self).unwrap_or(0)
    }
}

/// What the run loop does for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Open this (already validated http/https) URL in the browser.
    OpenUrl(String),
    /// Put this (already validated) URL on the clipboard.
    CopyUrl(String),
    /// Give the terminal back to the shell until the user brings the reader back.
    Suspend,
    /// Paint the whole screen again.
    Repaint,
}

pub use super::scope::{CategoryCount, CategoryFilter, DateGroup, DateSpan, ItemRef, Scope};
pub use file_view::FileRows;
use marks::Undoable;

/// A row of the category pane: a group heading, or a selectable category (an index into
/// [`App::categories`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryRow {
    Heading(&'static str),
    Entry(usize),
}

/// The heading above the unified categories in the category pane.
pub const UNIFIED_HEADING: &str = "统一分类 Unified";
/// The heading above the publications' own categories.
pub const SOURCE_HEADING: &str = "来源分类 Sources";
/// The heading above the publications themselves, where the scope has several.
pub const PUBLICATION_HEADING: &str = "刊物 Publications";
/// What the status bar calls the built-in samples.
pub const SAMPLES_LABEL: &str = "built-in samples";
/// What the panes say of a store with no digest.
pub const NO_DIGESTS: &str = "没有日报 / no digests";

/// A status-bar message and when it goes away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// When it goes; None: at the next key (it came from no key, and may have come while
    /// the user looked away).
    pub until: Option<Duration>,
    /// Before this time, keys leave it: a problem is not gone with a key already on its
    /// way when it came.
    pub held_until: Option<Duration>,
    /// It ends with a link's address, whose end names the page as much as its start does:
    /// cut in the middle to one row rather than wrapped.
    pub ends_with_link: bool,
    /// It says what the indexing under way does (`reading 1 file again`): what it says
    /// instead once that is done (`1 file read again`), rather than stay on unchanged.
    pub when_indexed: Option<WhenIndexed>,
    /// What it says where a row is too narrow for `text`, rather than take two rows.
    pub shorter: Option<String>,
}

/// What a message says once the indexing under way is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenIndexed {
    Says(String),
    /// What changed in the store, new files among it: said once they are read (see
    /// [`loading::Arrivals`]).
    NewFiles(loading::Arrivals),
}

/// What the last drawn frame looked like: pane heights for paging and scroll limits. Written
/// by the UI on every draw.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub wide: bool,
    /// The terminal's width: what a message has for the title it quotes.
    pub width: usize,
    /// Below the minimum size: nothing but the notice to enlarge the terminal is shown.
    pub too_small: bool,
    pub dates_height: usize,
    pub categories_height: usize,
    pub items_height: usize,
    pub article_height: usize,
    pub article_width: usize,
    /// Rows of the article shown last (for scroll limits between draws), and the width it was
    /// laid out at.
    pub article_len: usize,
    pub article_wrap: usize,
    /// Where the last relayout of the article scrolled to, and what it showed.
    pub(crate) article_anchor: Option<(Content, crate::text::place::Anchor)>,
    pub help_height: usize,
    pub help_len: usize,
    /// First visible row of each list (dates, categories, items).
    pub offsets: [usize; 3],
    /// The selected date, when out of sight at the next draw, is to be shown mid-pane (a
    /// date gone to): drawn on the pane's last row, with nothing around it, it was taken
    /// for not shown (tester BW).
    pub centre_date: bool,
    /// Results the search list shows at once.
    pub results_height: usize,
    /// Where the caret of a line being typed outside the search (the `:` date, the
    /// bookmarks' filter) was drawn: the terminal's own cursor goes there, where an input
    /// method shows what is being composed (tester EE: it sat in a corner).
    pub caret: Option<(u16, u16)>,
}

pub struct App {
    pub(crate) library: Arc<Library>,
    pub(crate) text: TextOptions,
    /// Whether the screen is drawn in colour (see [`App::set_colours`]).
    colours: bool,
    session: Session,
    dates: Vec<DateGroup>,
    /// The date group of each digest.
    group_of: Vec<usize>,
    scope: Scope,
    /// The date the last 7 or 30 days end at: the one selected when they were chosen (tester
    /// BH: from an older date, `a` went to the newest week); None: the newest digest's.
    window_end: Option<chrono::NaiveDate>,
    /// The digests the scope covers, in library order.
    scope_digests: Vec<usize>,
    /// The selected date group (in a multi-date scope: the date of the selected story).
    date: usize,
    categories: Vec<CategoryCount>,
    /// Unread stories of each category, and the marks' version they were counted at.
    unread: Option<(u64, Vec<usize>)>,
    category: usize,
    /// The items of the scope the category lets through, in library order.
    items: Vec<ItemRef>,
    /// `items` by date, in a multi-date scope (empty for one date).
    spans: Vec<DateSpan>,
    /// The list's header rows (dates, publications), by the story they stand above.
    headers: Vec<scope::Header>,
    item: usize,
    opened: Option<ItemRef>,
    /// The story Esc last closed, from which `J` and `K` go on while it is highlighted.
    closed: Option<ItemRef>,
    focus: Pane,
    /// The pane `i` was pressed in, for Esc to go back to from the front pages.
    overview_from: Option<Pane>,
    scroll: usize,
    help: Option<usize>,
    /// The links of the story being read, listed to open or copy.
    links: Option<LinksView>,
    /// A digest's file shown whole (`v`).
    file: Option<file_view::FileView>,
    /// The story whose file `v` could not read, until the store is read again or a key is
    /// pressed (see [`App::show_file_wanted`]).
    file_wanted: Option<String>,
    /// What the user must read before going on (a broken state file kept aside, saving
    /// stopped): shown whole in a popup until dismissed, not cut to the status bar.
    notice: Option<String>,
    /// What `u` undoes, the last done on top: bookmarks removed (kept whole, put back as
    /// they were made) and the stories an `A` marked read.
    undo: Vec<Undoable>,
    /// The notice says only that saving is off: it goes when saving works again.
    notice_until_saved: bool,
    /// Rows of the notice scrolled past (it may not fit a small terminal).
    notice_scroll: usize,
    bookmarks: Option<BookmarksView>,
    /// The date being typed to go to (`:`), while its line is open.
    date_line: Option<super::line_edit::LineEdit>,
    /// The last key was `A`, which asked to be pressed again to mark a list read.
    mark_all_asked: bool,
    /// `q` was pressed once while changes waited unsaved (see [`App::quit`]).
    quit_asked: bool,
    /// A key was pressed that went somewhere: the place is the user's to save on quit. A
    /// reader left idle beside another does not put back the place it started from.
    touched: bool,
    /// A search was opened in this session: the last search is saved with the place.
    searched: bool,
    /// The story the `a` presses in a row started from: a scope that lacks it (the last 7
    /// days, from an older date) does not lose it for the next.
    scope_anchor: Option<ItemRef>,
    /// The date (group) the categories were moved through from, over several dates: each
    /// category's stories are shown from there, not from the date the last one went to.
    category_date: Option<usize>,
    /// The saved position, while its story is still being indexed and no key was pressed:
    /// it is gone to when the story arrives, and is what quitting saves meanwhile.
    unrestored: Option<Position>,
    /// The newest date the reader had when it was last left, until the digests newer than
    /// it have been said (see [`App::tell_newer_since`]): at start, or once the files being
    /// indexed then bring them.
    untold_since: Option<chrono::NaiveDate>,
    /// What the looks at the store found since the last key, said as one: a sync that
    /// brings files in batches is said whole (tester EB: 411 files came, "11 new digests"
    /// was said, the last batch's).
    arrived: Option<loading::Arrivals>,
    /// The place of the story that was open when the store's change took it away (its file
    /// emptied, gone), and its id, while no key was pressed: gone back to if the story comes
    /// back (a digest written again after a pause; tester CJ).
    gone_place: Option<(Position, String)>,
    /// So for the search result being read, to select and read again.
    gone_result: Option<Reselect>,
    /// The story that was open when its file changed, while that file is indexed again:
    /// its title and file, to say so if it does not come back.
    vanishing: Option<(String, std::path::PathBuf)>,
    /// The bookmarks view a story was opened from: Esc in its article goes back to it.
    return_to: Option<BookmarksView>,
    /// The search closed last, for the next `/`.
    last_search: Option<searching::LastSearch>,
    /// Where each story read this session was left (in the search's results too).
    places: Places,
    /// Per date stepped away from (one date at a time): the stories selected and open there,
    /// by id, opened again on coming back.
    visits: std::collections::HashMap<Option<chrono::NaiveDate>, Visit>,
    /// The category chosen in the categories pane, followed from date to date: a date that
    /// lacks it shows them all, and the next that has it shows it again.
    followed: Option<CategoryFilter>,
    /// Where in the article to scroll to at the next draw, in [`crate::text::place`]
    /// characters: a saved position's, so a start at another size opens at the same words.
    place: Option<usize>,
    /// The rows at the top of the open story before its file changed (see
    /// [`ArticleCache::rows_at`]): found again at the next draw, where the text above them
    /// grew or shrank (tester DN: the view moved by the size of an edit above it).
    top_rows: Option<String>,
    search: Option<SearchView>,
    worker: Option<SearchWorker>,
    /// Indexing still under way (at start, or of files added since); the complete library
    /// replaces this one.
    loader: Option<Loader>,
    /// Looks for files added to the store while the reader runs.
    watch: Option<StoreWatch>,
    /// The look at the store the user asked for (`R`), until it is answered.
    look_asked: Option<u64>,
    waker: Waker,
    message: Option<Message>,
    clock: Duration,
    /// When to look next whether another ribao saved the state file.
    next_state_look: Duration,
    pub(crate) view: ViewState,
    pub(crate) article: ArticleCache,
    frames: u64,
}

/// What the reader left at a date: the stories selected and open, by id.
#[derive(Debug, Clone)]
struct Visit {
    selected: Option<String>,
    opened: Option<String>,
}

/// `path` as [`with_tilde`] writes it, under this user's home folder.
fn under_home(path: &std::path::Path) -> String {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    with_tilde(path, home.as_deref())
}

/// `path` with the home folder written `~`, as a shell takes it: the status bar has little
/// room, and the end of a path says the most.
fn with_tilde(path: &std::path::Path, home: Option<&std::path::Path>) -> String {
    // A home of `/` would make every path `~/…`.
    let home = home.filter(|h| h.parent().is_some());
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => std::path::Path::new("~").join(rest).display().to_string(),
        None => path.display().to_string(),
    }
}

impl App {
    /// The reader over `library` (a `Library` or an `Arc<Library>` shared with other work).
    pub fn new(library: impl Into<Arc<Library>>, text: TextOptions, session: Session) -> App {
        let library = library.into();
        let dates = scope::group_dates(&library);
        let group_of = scope::group_of_digests(&dates, library.digests().len());
        let places = Places::saved(&session.state().places);
        let mut app = App {
            library,
            text,
            colours: true,
            session,
            dates,
            group_of,
            scope: Scope::Day,
            window_end: None,
            scope_digests: Vec::new(),
            date: 0,
            categories: Vec::new(),
            unread: None,
            category: 0,
            items: Vec::new(),
            spans: Vec::new(),
            headers: Vec::new(),
            item: 0,
            opened: None,
            closed: None,
            focus: Pane::Dates,
            overview_from: None,
            scroll: 0,
            help: None,
            notice: None,
            undo: Vec::new(),
            notice_until_saved: false,
            notice_scroll: 0,
            links: None,
            file: None,
            file_wanted: None,
            bookmarks: None,
            mark_all_asked: false,
            quit_asked: false,
            touched: false,
            searched: false,
            scope_anchor: None,
            category_date: None,
            unrestored: None,
            untold_since: None,
            arrived: None,
            gone_place: None,
            gone_result: None,
            vanishing: None,
            place: None,
            top_rows: None,
            places,
            visits: std::collections::HashMap::new(),
            followed: None,
            return_to: None,
            last_search: None,
            search: None,
            date_line: None,
            look_asked: None,
            worker: None,
            loader: None,
            watch: None,
            waker: Waker::default(),
            message: None,
            clock: Duration::ZERO,
            next_state_look: STATE_LOOK,
            view: ViewState {
                wide: true,
                ..ViewState::default()
            },
            article: ArticleCache::default(),
            frames: 0,
        };
        app.refind_bookmarks();
        app.select_date(scope::newest_come(&app.dates).unwrap_or(0));
        app.restore_position();
        let skipped = app.library.skipped().cloned().collect();
        app.tell_skipped(skipped, "");
        app
    }

    /// A file as messages name it: in the store, by its path there; elsewhere (a test's
    /// library) by its name; what is invisible in it written out (`\u{202e}`).
    fn file_name(&self, path: &Path) -> String {
        let root = self.library.origin.store();
        let named = path
            .strip_prefix(root)
            .ok()
            .or(path.file_name().map(Path::new));
        crate::text::visible(&named.unwrap_or(path).display().to_string()).into_owned()
    }

    /// The files skipped, when some are: the one by name, else how many (`3 files`). A look
    /// that found nothing new says so beside its "up to date" (tester CD: a folder made
    /// unreadable went unsaid after `R`).
    fn still_skipped(&self) -> Option<String> {
        match self.library.skipped().collect::<Vec<_>>().as_slice() {
            [] => None,
            [one] => Some(self.file_name(&one.path)),
            many => Some(crate::text::plural(many.len(), "file", "files")),
        }
    }

    /// Says which files were skipped (`more` of them, once the reader runs), if any: by
    /// name when there are a few, else how many.
    /// One file is said with why (tester AB: a 73 MB file was said "unreadable, empty or not
    /// text", as `check` said it was too large).
    fn tell_skipped(&mut self, skipped: Vec<crate::store::FileProblem>, more: &str) {
        const NAMED: usize = 3;
        let name = |f: &crate::store::FileProblem| self.file_name(&f.path);
        let said = match skipped.as_slice() {
            [] => return,
            // (What `check` says ends "; skipped", which this says first.)
            [one] => {
                let why = one.message.strip_suffix("; skipped");
                format!("{} skipped: {}", name(one), why.unwrap_or(&one.message))
            }
            // Not why: files are skipped for many reasons (tester AV: links to nothing were
            // said to be "unreadable, empty or not text").
            named if named.len() <= NAMED => {
                let names: Vec<String> = named.iter().map(name).collect();
                format!("{} skipped — `ribao check` says why", names.join(", "))
            }
            many => format!(
                "{} skipped — `ribao check` says why",
                crate::text::plural(many.len(), &format!("{more}file"), &format!("{more}files"))
            ),
        };
        // Too long for the row, one file's why gives way to where to read it (tester BJ:
        // cut, it said neither).
        let shorter = match skipped.as_slice() {
            [one] => Some(format!("{} skipped — `ribao check` says why", name(one))),
            _ => None,
        };
        self.show_problem(&said, shorter);
    }

    /// A problem found as the reader starts or by the indexing it started: shown after any
    /// other, until a key after [`PROBLEM_HELD`] (tester AK: gone after 6 s, a file skipped
    /// at the start went unseen by whoever looked at the screen later).
    /// `shorter` is said instead where `text` does not fit.
    pub fn show_problem(&mut self, text: &str, shorter: Option<String>) {
        let (text, shorter) = match self.message.take() {
            // The same said again (a store read again): once (tester AB saw it twice).
            Some(m) if m.text.contains(text) => (m.text, m.shorter),
            Some(m) => {
                let before = m.shorter.as_ref().unwrap_or(&m.text);
                let shorter = shorter.map(|s| format!("{before} · {s}"));
                (format!("{} · {text}", m.text), shorter)
            }
            None => (text.to_string(), shorter),
        };
        self.message = Some(Message {
            text,
            error: true,
            until: None,
            held_until: Some(self.clock + PROBLEM_HELD),
            ends_with_link: false,
            when_indexed: None,
            shorter,
        });
    }

    /// Handles one action; what must happen outside the app comes back as an effect.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let views = self.views_open();
        let before = self.message.clone();
        let effect = self.handle(action);
        // A message left from before a view opened is about what the user left, and it hid
        // the view's keys in the status bar until it timed out (tester K).
        if self.views_open() > views && self.message == before {
            self.message = None;
        }
        effect
    }

    /// How many views stand over the panes: the help, a file, the bookmarks, the links, the
    /// search, a notice.
    fn views_open(&self) -> usize {
        [
            self.help.is_some(),
            self.file.is_some(),
            self.bookmarks.is_some(),
            self.links.is_some(),
            self.search.is_some(),
            self.notice.is_some(),
        ]
        .into_iter()
        .filter(|&open| open)
        .count()
    }

    /// [`App::update`] but for the message a view's opening drops.
    fn handle(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ForceQuit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Redraw => return Some(Effect::Repaint),
            _ => {}
        }
        // Reading a story or a date's front pages, `q` goes back a level as Esc does, as it
        // does reading a search's result or a bookmark, and in other readers (tester EI:
        // here it quit, the one place but the panes above where it did).
        let action = match action {
            // (Not on a screen too small to show it: there `q` quits, as every other key
            // does nothing; a review.)
            Action::Quit
                if self.focus == Pane::Article
                    && self.views_open() == 0
                    && !self.view.too_small =>
            {
                Action::Back
            }
            action => action,
        };
        // A note about the last key goes with the next one (`already at the oldest date`
        // would outlive the `]` that worked); errors stay their time.
        if self.message.as_ref().is_some_and(|m| {
            (!m.error || m.until.is_none()) && m.held_until.is_none_or(|t| self.clock >= t)
        }) {
            self.message = None;
        }
        // Esc calls off a question asked, and does no more (tester DJ: after `A` it went
        // back a level too).
        if action == Action::Back && (self.mark_all_asked || self.quit_asked) {
            let asked = if self.mark_all_asked {
                "marking read"
            } else {
                "quitting"
            };
            (self.mark_all_asked, self.quit_asked) = (false, false);
            self.notify(format!("{asked} called off"), false);
            return None;
        }
        if action != Action::MarkAllRead {
            self.mark_all_asked = false;
        }
        self.file_wanted = None;
        if action != Action::Quit {
            self.quit_asked = false;
        }
        if action != Action::Scope {
            self.scope_anchor = None;
        }
        if self.focus != Pane::Categories {
            self.category_date = None;
        }
        // (Before the place is taken as where the user went: closing a notice is not going
        // anywhere, and the saved place may still be waiting for its date to be indexed.)
        if self.notice.is_some() {
            if let Some(by) = action.step(NOTICE_PAGE) {
                // Past the end is cut back where it is drawn.
                self.notice_scroll = self.notice_scroll.saturating_add_signed(by);
            } else if matches!(action, Action::Back | Action::Quit | Action::Open) {
                self.notice = None;
                self.notice_scroll = 0;
            }
            return None;
        }
        // The user has gone somewhere: that is the place now. Not by the search or the help,
        // which stand over the reader and leave it as it is (tester CR: `/` pressed while the
        // saved place waited to be indexed left the reader at the date shown meanwhile, and
        // saved that).
        let over_reader = self.search.is_some() || self.help.is_some();
        // (Nor is quitting going anywhere: tester CT lost the saved story to `?`, Esc, `q`.)
        let opens_over = [
            Action::Search,
            Action::NextMatch,
            Action::PrevMatch,
            Action::Help,
            Action::Quit,
        ];
        if !over_reader && !opens_over.contains(&action) {
            self.unrestored = None;
        }
        self.gone_place = None;
        self.gone_result = None;
        self.vanishing = None;
        // Digests that come after a key are new in the store, as indexing says them; those
        // new since the last visit still being indexed are said once they are (a review:
        // a key pressed before lost them for good).
        if !self.newer_since_pending() {
            self.untold_since = None;
        }
        self.arrived = None;
        // What only looks (the help, and keys in it; a look at the store) leaves the place
        // another reader may have saved since (tester DZ: `?` `?` and q put this one's back).
        let looks = matches!(action, Action::Quit | Action::Help | Action::LookAtStore);
        self.touched |= !looks && self.help.is_none();
        if let Some(scroll) = self.help {
            let max = self.view.help_len.saturating_sub(self.view.help_height);
            let page = self.view.help_height.max(2) - 1;
            self.help = match action {
                Action::Help | Action::Back | Action::Quit => None,
                Action::Down => Some((scroll + 1).min(max)),
                Action::Up => Some(scroll.saturating_sub(1)),
                Action::PageDown => Some((scroll + page).min(max)),
                Action::PageUp => Some(scroll.saturating_sub(page)),
                Action::First => Some(0),
                Action::Last => Some(max),
                // As the file view and the links list say it (tester CQ: the help took keys
                // unsaid).
                _ => {
                    self.notify("the help is open: Esc, ? or q closes it", false);
                    Some(scroll)
                }
            };
            return None;
        }
        if self.file.is_some() {
            return self.update_file_view(action);
        }
        // Before the bookmarks view: `L` there lists a bookmark's links over it.
        if self.links.is_some() {
            return self.update_links(action);
        }
        if self.bookmarks.is_some() {
            return self.update_bookmarks(action);
        }
        if self.search.is_some() {
            return self.update_search(action);
        }
        // Reading the story a bookmark opened (scrolling, marking it, its link) keeps the way
        // back to the bookmarks; going anywhere else forgets it.
        if let Some(view) = self.return_to.take() {
            match action {
                // `q` too: the story was opened in the bookmarks view, which `q` closes
                // (tester AC: it quit the reader); `h`, a level up, as in the reader's panes
                // (tester DE: it left for the date's stories, the place before `B` lost);
                // `B` from any pane, which opens the view (tester BX: a new one took the
                // story's date for the place to go back to).
                Action::Back | Action::Quit | Action::Left | Action::Bookmarks
                    if self.focus == Pane::Article || action == Action::Bookmarks =>
                {
                    // As they are now: `b` may have changed them while reading.
                    let mut view = view;
                    view.refresh(self.bookmarks_now());
                    self.bookmarks = Some(view);
                    return None;
                }
                // Reading on through the bookmarks, as through search results.
                Action::NextStory => return self.step_bookmark(view, 1),
                Action::PrevStory => return self.step_bookmark(view, -1),
                // Enter and `l` do nothing in an article: no reason to forget the way
                // back (testers BY, BZ); nor a search, which closes onto the story as it
                // was (tester CX).
                Action::Open
                | Action::Search
                | Action::Right
                | Action::Down
                | Action::Up
                | Action::PageDown
                | Action::PageUp
                | Action::First
                | Action::Last
                | Action::Help
                | Action::ToggleBookmark
                | Action::ToggleRead
                | Action::CopyLink
                | Action::OpenLink
                | Action::Links
                | Action::ViewFile
                | Action::NextMatch
                | Action::PrevMatch
                | Action::LookAtStore => self.return_to = Some(view),
                _ => {}
            }
        }
        match action {
            Action::Quit => return self.quit(),
            // Taken before any view (see the top of `update`).
            Action::ForceQuit | Action::Suspend | Action::Redraw => {}
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::Bookmarks => self.open_bookmarks(),
            Action::RemoveBookmark => self.notify("d works in the bookmarks view: press B", false),
            Action::Undo => self.undo(),
            Action::Search => self.open_search(),
            Action::NextMatch | Action::PrevMatch => self.resume_search(),
            Action::Scope => self.cycle_scope(),
            Action::GoToDate => self.open_date_line(""),
            Action::LookAtStore => self.look_at_store(),
            Action::Help => self.help = Some(0),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::First => self.move_by(isize::MIN),
            Action::Last => self.move_by(isize::MAX),
            Action::Left => self.focus_step(-1, false),
            Action::Right => self.focus_step(1, false),
            Action::NextPane => self.focus_step(1, true),
            Action::PrevPane => self.focus_step(-1, true),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::OlderDate => self.step_date(1),
            Action::NewerDate => self.step_date(-1),
            Action::NextStory => self.step_story(1),
            Action::PrevStory => self.step_story(-1),
            Action::Categories => self.focus = Pane::Categories,
            Action::Overview => self.show_overview(),
            Action::ToggleRead => self.toggle_read(),
            Action::MarkAllRead => {
                // Named when a category narrows them: from the dates pane it is out of sight
                // (tester K read a date's stories marked where a category's were).
                let of = match self.category() {
                    scope::CategoryFilter::All => None,
                    chosen => Some(chosen.describe()),
                };
                self.mark_all_read(self.items.clone(), of)
            }
            Action::CopyLink | Action::OpenLink => return self.on_link(action),
            Action::Links => self.open_links(),
            Action::ViewFile => self.open_file_view(),
        }
        None
    }

    /// The bookmarks view, when open.
    pub fn bookmarks_view(&self) -> Option<&BookmarksView> {
        self.bookmarks.as_ref()
    }

    /// Whether Esc goes back to the bookmarks view (the open story came from it).
    pub fn returns_to_bookmarks(&self) -> bool {
        self.bookmarks_read_from().is_some()
    }

    /// The bookmarks view the story read was opened from, while Esc goes back to it: not
    /// while a search over it has the keys (a review: its hints were the bookmarks').
    pub fn bookmarks_read_from(&self) -> Option<&BookmarksView> {
        self.return_to
            .as_ref()
            .filter(|_| self.focus == Pane::Article && self.search.is_none())
    }

    pub(crate) fn bookmarks_mut(&mut self) -> Option<&mut BookmarksView> {
        self.bookmarks.as_mut()
    }

    /// A key typed into a text line (the search line, the bookmarks filter); false when no
    /// text line has the keyboard or the key is not for it, so the keymap handles it.
    /// A key the text line that has the keyboard takes as an edit or a move, before any
    /// other meaning it has (see [`crate::tui::line_edit::LineEdit::key`]).
    pub fn line_key(&mut self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release || self.help.is_some() || self.notice.is_some() {
            return false;
        }
        if self.date_line.is_some() {
            return self.date_line_key(key);
        }
        if self.bookmarks.is_none() && self.search_typing() {
            return self.search_line_key(key);
        }
        self.bookmarks
            .as_mut()
            .filter(|v| v.typing)
            .is_some_and(|v| v.filter_key(key))
    }

    pub fn text_key(&mut self, key: &KeyEvent) -> bool {
        if self.line_key(key) {
            return true;
        }
        if key.kind == KeyEventKind::Release || self.help.is_some() || self.notice.is_some() {
            return false;
        }
        if self.bookmarks.is_none() && self.search_typing() {
            return self.search_key(key);
        }
        // In the links view a link's number goes to it.
        if let Some(view) = self.links.as_mut()
            && let KeyCode::Char(digit @ '0'..='9') = key.code
        {
            // Said each time: a number of the link selected already moved nothing (tester AS).
            let said = match view.number_key(digit, self.clock) {
                true => format!("[{}] selected: Enter opens it, y copies it", view.typed),
                false => format!("no link [{digit}] here"),
            };
            self.notify(said, false);
            return true;
        }
        // A date typed in the dates pane goes to it (see `date_jump`).
        if let KeyCode::Char(digit @ ('0'..='9' | '０'..='９')) = key.code
            && key.modifiers.is_empty()
            && self.focus == Pane::Dates
            && self.bookmarks.is_none()
            && self.search.is_none()
            && self.file.is_none()
        {
            self.open_date_line(digit.encode_utf8(&mut [0; 4]));
            return true;
        }
        let Some(view) = self.bookmarks.as_mut().filter(|v| v.typing) else {
            return false;
        };
        match key.code {
            KeyCode::Enter => view.typing = false,
            KeyCode::Esc | KeyCode::Backspace => {
                view.typing = false;
                view.clear_filter();
            }
            _ => return false,
        }
        true
    }

    /// Pasted text: into the text line that has the keyboard, as one line (escape sequences
    /// and other controls removed as from a file's text, line breaks become spaces); with
    /// no line open the user is told where a paste goes, and no key of it is run as a
    /// command.
    pub fn paste(&mut self, text: &str) {
        // A tab is one space here, not the columns to a tab stop it is in a file, and a
        // carriage return a line break (terminals paste lines with it), not nothing.
        let line: String = crate::text::clean_text(&text.replace(['\t', '\r'], " "))
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let line = line.trim();
        if self.help.is_none() && self.notice.is_none() {
            if let Some(date) = self.date_line.as_mut() {
                date.insert(line);
                return;
            }
            if let Some(view) = self.bookmarks.as_mut().filter(|v| v.typing) {
                view.filter.insert(line);
                view.selected = 0;
                return;
            }
            if self.bookmarks.is_none()
                && self.search_typing()
                && let Some(view) = self.search.as_mut()
            {
                view.line.insert(line);
                self.request_search();
                return;
            }
        }
        self.notify("a paste goes into a text line: press / to search", false);
    }

    /// Time passes (from the event loop's tick); true when the screen must be redrawn because
    /// a message went away.
    pub fn tick(&mut self, elapsed: Duration) -> bool {
        self.clock += elapsed;
        // What is taken in is not moved to other ids here: a ribao whose index is older would
        // move them back.
        let mut redraw = false;
        if self.clock >= self.next_state_look {
            self.next_state_look = self.clock + STATE_LOOK;
            redraw = self.session.catch_up();
            if redraw {
                self.show_taken_in();
            }
            self.relay_session_message();
        }
        if self
            .message
            .as_ref()
            .is_some_and(|m| m.until.is_some_and(|t| self.clock >= t))
        {
            self.message = None;
            // A question (`A again marks…`, `q again…`), which stays until answered, goes
            // with a message put in its place: with no question on screen, a key asks again.
            self.mark_all_asked = false;
            self.quit_asked = false;
            redraw = true;
        }
        redraw
    }

    /// A problem the user must read whole before going on (a categories table that could
    /// not be used, naming its file and the problem): the notice popup, after any shown
    /// already. The status bar cut such a message to its rows, and then it went.
    pub fn show_notice(&mut self, text: &str) {
        self.notice = Some(match self.notice.take() {
            Some(shown) => format!("{shown}\n\n{text}"),
            None => text.to_string(),
        });
    }

    /// Shows what the session has to say (failed saves, a broken state file kept aside): an
    /// error in the notice popup, after any shown already.
    pub fn relay_session_message(&mut self) {
        match self.session.take_message() {
            Some((text, true)) => {
                self.notice_until_saved = self.notice.is_none() && self.session.saving_off();
                self.show_notice(&text);
            }
            Some((text, false)) => {
                if self.notice_until_saved && !self.session.saving_off() {
                    self.notice = None;
                    self.notice_until_saved = false;
                }
                self.notify(text, false);
            }
            None => {}
        }
    }

    /// From now on, changes to bookmarks and read marks are saved at [`App::save_held`].
    pub fn hold_saves(&mut self) {
        self.session.hold_saves();
    }

    /// Whether a bookmark made or taken off is held, not saved yet.
    pub fn bookmark_held(&self) -> bool {
        self.session.bookmark_held()
    }

    /// Saves the changes held since the last call; true when the screen has something new
    /// to say of that.
    pub fn save_held(&mut self) -> bool {
        let said = self.session.save_held();
        // (Another ribao's change saved in the same moment is taken in here, not at the next
        // look: tester CV's bookmarks view lacked it.)
        if said {
            self.show_taken_in();
        }
        self.relay_session_message();
        self.keep_read_elsewhere();
        said
    }

    /// What another ribao saved, taken in: bookmarks lacking a field refilled, and an open
    /// bookmarks view listing them as they are now, on the bookmark it was on.
    fn show_taken_in(&mut self) {
        self.refill_bookmarks();
        let selected = self
            .bookmarks
            .as_ref()
            .and_then(|v| Some(v.selected()?.id.clone()));
        if let Some(view) = self.bookmarks_changed()
            && let Some(id) = selected
        {
            view.select(&id);
        }
    }

    /// Leaves out of what `u` marks unread again the stories another ribao had marked read
    /// before this one's `A` was saved (tester BS: `u` made them unread in both readers).
    fn keep_read_elsewhere(&mut self) {
        let theirs: std::collections::HashSet<String> =
            self.session.take_read_elsewhere().into_iter().collect();
        if theirs.is_empty() {
            return;
        }
        for undo in &mut self.undo {
            if let Undoable::MarkedRead(ids) = undo {
                ids.retain(|id| !theirs.contains(id));
            }
        }
        self.undo
            .retain(|u| !matches!(u, Undoable::MarkedRead(ids) if ids.is_empty()));
    }

    /// Says what a change to bookmarks or read marks did, and, while saving is off, that it
    /// waits unsaved.
    pub(super) fn notify_change(&mut self, said: &str) {
        if self.session.saving_off() {
            self.notify(format!("{said} · not saved yet (saving off)"), true);
        } else {
            self.notify(said, false);
        }
    }

    /// Quits; unless changes wait unsaved (saving is off): then `q` tries to save them once
    /// more and, that failing, says they would be lost, and quits only when pressed again.
    fn quit(&mut self) -> Option<Effect> {
        if !self.quit_asked && self.session.unsaved() > 0 {
            self.session.catch_up();
            self.relay_session_message();
            let n = self.session.unsaved();
            if n > 0 {
                self.quit_asked = true;
                let changes = if n == 1 { "1 change" } else { "changes" };
                // Said as it is: quitting keeps them in a file of their own (see
                // `state::unsaved`; tester AD: "loses them" was not so).
                self.notify_until_key(
                    format!(
                        "{changes} to bookmarks and read marks not saved (saving off): q again \
                         quits, keeping {} in a file of its own for the next reader that can \
                         save",
                        if n == 1 { "it" } else { "them" }
                    ),
                    true,
                );
                return None;
            }
        }
        Some(Effect::Quit)
    }

    /// Where the keys that work now are said: the help, or over a popup that has the keys
    /// meanwhile, the key that closes it (tester K: `?` lists nothing over the links).
    pub fn where_keys_are(&self) -> &'static str {
        if self.help_scroll().is_some() {
            "Esc closes the help"
        } else if self.file.is_some() {
            "v, Esc or q closes the file"
        } else if self.links.is_some() {
            "Esc closes the links"
        } else {
            "? lists the keys"
        }
    }

    /// Shows a message in the status bar for [`MESSAGE_TTL`].
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
            until: Some(self.clock + MESSAGE_TTL),
            held_until: None,
            ends_with_link: false,
            when_indexed: None,
            shorter: None,
        });
    }

    /// [`App::notify`] `text`, or `shorter` where the status row has no room for it.
    fn notify_or_shorter(&mut self, text: String, shorter: String, error: bool) {
        self.notify(text, error);
        if let Some(m) = &mut self.message {
            m.shorter = Some(shorter);
        }
    }

    /// Says what was done with a link (`opening https://…`) for [`MESSAGE_TTL`].
    pub fn notify_link(&mut self, done: &str, url: &str) {
        self.notify(format!("{done} {url}"), false);
        if let Some(m) = &mut self.message {
            m.ends_with_link = true;
        }
    }

    /// Shows a message in the status bar until the next key: what the reader found on its
    /// own (the store changed), so it is not missed by a user reading, or a question the
    /// next key answers (`q again quits…`; tester T: gone after 3 s, the `q` that answered
    /// it only asked again).
    pub(super) fn notify_until_key(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
            until: None,
            held_until: None,
            ends_with_link: false,
            when_indexed: None,
            shorter: None,
        });
    }

    // ----- what the UI and tests read -----

    pub fn library(&self) -> &Library {
        &self.library
    }
    pub fn session(&self) -> &Session {
        &self.session
    }
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }
    pub fn text_options(&self) -> TextOptions {
        self.text
    }
    /// Off when the user asked for no colour (`NO_COLOR`) or the terminal has none: the
    /// screen is then drawn in reverse video, bold and dim alone.
    pub fn set_colours(&mut self, on: bool) {
        self.colours = on;
    }
    pub fn colours(&self) -> bool {
        self.colours
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn dates(&self) -> &[DateGroup] {
        &self.dates
    }
    pub fn date_index(&self) -> usize {
        self.date
    }
    pub fn current_date(&self) -> Option<&DateGroup> {
        self.dates.get(self.date)
    }
    /// `2026-01-20`, or `undated`.
    pub fn date_label(group: &DateGroup) -> String {
        crate::model::date_label(group.date)
    }
    /// The scope of the category pane.
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// The scope as titles show it: `2026-01-24`, `近7天 (01-18–01-24)`, `全部存档`.
    pub fn scope_label(&self) -> String {
        self.label_of(self.scope)
    }
    pub(crate) fn label_of(&self, scope: Scope) -> String {
        scope::label(&self.dates, scope, self.scope_at(scope))
    }
    /// The scope without its dates (`近7天`, see [`scope::name`]); None for one date.
    pub(crate) fn name_of(&self, scope: Scope) -> Option<String> {
        scope::name(&self.dates, scope, self.scope_at(scope))
    }
    /// The date group `scope` is at (see [`scope::groups_in`]): in the last N days chosen,
    /// where they end; else the selected date (N days asked for from it end there).
    pub(crate) fn scope_at(&self, scope: Scope) -> usize {
        if scope.days().is_none() || self.scope.days().is_none() {
            return self.date;
        }
        self.window_at(self.window_end).unwrap_or(self.date)
    }
    /// The date group N days ending at `end` end at: the newest digest's when `end` is
    /// None, or older than every digest.
    fn window_at(&self, end: Option<chrono::NaiveDate>) -> Option<usize> {
        end.and_then(|end| (self.dates.iter()).position(|g| g.date.is_some_and(|d| d <= end)))
            .or_else(|| scope::newest_come(&self.dates))
    }
    /// The dates `scope` covers from the selected date.
    fn dates_in(&self, scope: Scope) -> &[DateGroup] {
        &self.dates[scope::groups_in(&self.dates, scope, self.scope_at(scope))]
    }
    /// Whether the dated digests `scope` covers are all of one year (its dates, newest first,
    /// are of the year of its first and of its last).
    pub(crate) fn scope_in_one_year(&self, scope: Scope) -> bool {
        use chrono::Datelike;
        let mut years = self
            .dates_in(scope)
            .iter()
            .filter_map(|g| g.date.map(|d| d.year()));
        let first = years.next();
        first == years.next_back().or(first)
    }
    /// Whether `scope` has a date that a query's `date:` (a day, month or year) takes.
    pub(crate) fn scope_has_date(&self, scope: Scope, prefix: &str) -> bool {
        self.dates_in(scope)
            .iter()
            .any(|g| crate::model::date_within(g.date, prefix))
    }
    /// How many of `scope`'s files are still being indexed.
    pub(crate) fn pending_in(&self, scope: Scope) -> usize {
        let digests = self.library.digests();
        let groups = self.dates_in(scope).iter();
        groups
            .flat_map(|g| &g.digests)
            .filter(|&&d| digests[d].pending)
            .count()
    }
    /// Whether the scope has files still being indexed, so its stories are not all counted.
    pub fn scope_pending(&self) -> bool {
        self.pending_in(self.scope) > 0
    }
    /// Whether a date has files still being indexed.
    pub fn date_pending(&self, group: &DateGroup) -> bool {
        let digests = self.library.digests();
        group.digests.iter().any(|&d| digests[d].pending)
    }
    /// The categories of the scope with their item counts: "All", the publications' own, then
    /// the unified ones.
    pub fn categories(&self) -> &[CategoryCount] {
        &self.categories
    }
    /// The unread stories listed (of the category selected), when counted for the state
    /// as it is now ([`App::category_unread`] counts them).
    pub(crate) fn listed_unread(&self) -> Option<usize> {
        let (version, counts) = self.unread.as_ref()?;
        (*version == self.session.version())
            .then(|| counts.get(self.category).copied())
            .flatten()
    }

    /// How many stories of each category are unread, counted again when a mark changed.
    pub(crate) fn category_unread(&mut self) -> &[usize] {
        let version = self.session.version();
        if self.unread.as_ref().is_none_or(|(v, _)| *v != version) {
            let counts = scope::unread_counts(
                &self.library,
                &self.scope_digests,
                &self.categories,
                &self.session.state().read,
            );
            self.unread = Some((version, counts));
        }
        self.unread.as_ref().map_or(&[], |(_, counts)| counts)
    }
    /// The category pane's rows: the categories with a heading above each group.
    pub fn category_rows(&self) -> Vec<CategoryRow> {
        let mut out = Vec::with_capacity(self.categories.len() + 2);
        let mut last_heading = None;
        for (i, c) in self.categories.iter().enumerate() {
            let heading = match c.filter {
                CategoryFilter::All => None,
                CategoryFilter::Unified(_) => Some(UNIFIED_HEADING),
                CategoryFilter::Source(_) | CategoryFilter::Uncategorized => Some(SOURCE_HEADING),
                CategoryFilter::Publication(_) => Some(PUBLICATION_HEADING),
            };
            if heading.is_some() && heading != last_heading {
                out.push(CategoryRow::Heading(heading.unwrap_or_default()));
                last_heading = heading;
            }
            out.push(CategoryRow::Entry(i));
        }
        out
    }
    pub fn category_index(&self) -> usize {
        self.category
    }
    pub fn category(&self) -> &CategoryFilter {
        self.categories
            .get(self.category)
            .map_or(&CategoryFilter::All, |c| &c.filter)
    }
    /// The items of the scope and category.
    pub fn items(&self) -> &[ItemRef] {
        &self.items
    }
    /// In a multi-date scope, the items grouped by date (the date list shows these dates).
    pub fn date_spans(&self) -> &[DateSpan] {
        &self.spans
    }
    /// The date span of the selected date (multi-date scopes).
    pub fn span_index(&self) -> Option<usize> {
        self.spans
            .binary_search_by_key(&self.date, |s| s.group)
            .ok()
    }
    pub fn item_index(&self) -> usize {
        self.item
    }
    pub fn item_at(&self, r: ItemRef) -> (&DigestInfo, ItemView<'_>) {
        scope::item(&self.library, r)
    }
    /// The story at `r`, opened, marked read: unless its text cannot be read, to come back to
    /// (tester CS: one whose file had become unreadable was marked read).
    pub(super) fn mark_opened(&mut self, r: ItemRef) {
        if self.library.story(self.item_at(r).1.index).is_ok() {
            let id = self.id_at(r).to_string();
            self.session.set_read(&id, true);
        }
    }

    /// The id of the story at `r` (see [`scope::id`]).
    pub fn id_at(&self, r: ItemRef) -> &str {
        scope::id(&self.library, r)
    }
    /// Where the story with this id is in `refs` (a list of the current library's stories);
    /// a story retitled since has a new id, and is found by its old one too (see
    /// [`crate::library::Library::find`]).
    pub(crate) fn position_in(&self, refs: &[ItemRef], id: &str) -> Option<usize> {
        let at = |id: &str| refs.iter().position(|&r| self.id_at(r) == id);
        at(id).or_else(|| at(self.library.find(id)?.id))
    }
    /// The highlighted item of the item list.
    pub fn selected_item(&self) -> Option<(&DigestInfo, ItemView<'_>)> {
        self.items.get(self.item).map(|&r| self.item_at(r))
    }
    /// The item the article view shows; None shows the date's front page.
    pub fn opened(&self) -> Option<(&DigestInfo, ItemView<'_>)> {
        self.opened.map(|r| self.item_at(r))
    }

    /// Whether the story in the article pane, open or previewed, has a link for `o` and `L`
    /// (true until it is laid out: the article pane is drawn before the hints).
    pub(crate) fn article_has_links(&self) -> bool {
        // In the search view, the result selected.
        let result = self.search.as_ref().and_then(|v| v.selected_hit());
        let story = result.or_else(|| self.previewed());
        let shown = story.map_or_else(|| self.article_content(), Content::Story);
        self.article.has_links(&shown).unwrap_or(true)
    }

    /// The story the article pane previews: the one highlighted in the stories while they
    /// have the keyboard, when it is not the one open (not marked read until it is opened).
    /// From the moment they are entered: a highlighted story beside the front pages read as
    /// the story's (testers AZ, BA, BE); `i` brings the front pages back.
    pub(crate) fn previewed(&self) -> Option<ItemRef> {
        let highlighted = self.items.get(self.item).copied()?;
        (self.focus == Pane::Items && Some(highlighted) != self.opened).then_some(highlighted)
    }

    /// The place at the top of `content` in the article pane, when it is what was laid out
    /// last: the one a relayout kept while the reader stayed there, else where the top row
    /// starts (a narrower layout's row starts before it: the story came back a row up,
    /// tester AP).
    pub(crate) fn article_place(&self, content: &Content) -> Option<usize> {
        let kept = (self.view.article_anchor.as_ref())
            .filter(|(c, _)| c == content)
            .map(|(_, a)| *a);
        crate::text::place::Anchor::kept_at(kept, self.scroll)
            .or_else(|| self.article.place(content, self.scroll))
    }

    /// Where story `r` was left when it was last open (see [`App::leave_story`]).
    pub(crate) fn left_at(&self, r: ItemRef) -> Option<usize> {
        self.places.peek(self.id_at(r))
    }

    /// What the article pane shows: the open story, else the date's front pages.
    pub(crate) fn article_content(&self) -> Content {
        match (self.opened, self.current_date()) {
            (Some(r), _) => Content::Story(r),
            (None, Some(group)) => {
                // A publication chosen: its front pages, not the date's first one's (tester BG:
                // Bubble's Brain's came after scrolling past another's).
                let chosen = |&&d: &&usize| self.category().takes_digest(&self.library, d);
                let digests: Vec<usize> = group.digests.iter().filter(chosen).copied().collect();
                Content::FrontPage(match digests.is_empty() {
                    true => group.digests.clone(),
                    false => digests,
                })
            }
            (None, None) => Content::Empty,
        }
    }
    /// The place a restored position asked for, once.
    pub(crate) fn take_place(&mut self) -> Option<usize> {
        self.place.take()
    }
    pub(crate) fn take_top_rows(&mut self) -> Option<String> {
        self.top_rows.take()
    }
    pub(crate) fn set_scroll(&mut self, row: usize) {
        self.scroll = row;
    }
    /// The story list's header rows (see [`scope::headers`]).
    pub(crate) fn headers(&self) -> &[scope::Header] {
        &self.headers
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    /// The largest scroll position the last drawn frame allows.
    pub fn max_scroll(&self) -> usize {
        self.view
            .article_len
            .saturating_sub(self.view.article_height)
    }
    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
    /// The notice's rows scrolled past, kept within `max` (what the drawing found).
    pub(crate) fn notice_scroll(&mut self, max: usize) -> usize {
        self.notice_scroll = self.notice_scroll.min(max);
        self.notice_scroll
    }
    pub fn links_view(&self) -> Option<&LinksView> {
        self.links.as_ref()
    }
    pub(crate) fn links_view_mut(&mut self) -> Option<&mut LinksView> {
        self.links.as_mut()
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn is_read(&self, item: &ItemView) -> bool {
        self.session.is_read(item.id)
    }
    pub fn is_bookmarked(&self, item: &ItemView) -> bool {
        self.session.is_bookmarked(item.id)
    }
    pub fn is_wide(&self) -> bool {
        self.view.wide
    }
    /// Frames drawn so far (tests check that bursts are coalesced).
    pub fn frames(&self) -> u64 {
        self.frames
    }
    pub(crate) fn count_frame(&mut self) {
        self.frames += 1;
    }
    /// Where the digests shown come from: the store's path, or the samples and where to put
    /// real digests (the start, [`SAMPLES_LABEL`], is what is kept when room is short).
    pub fn store_label(&self) -> String {
        match &self.library.origin {
            Origin::Store(path) => under_home(path),
            Origin::Samples { store } => {
                format!("{SAMPLES_LABEL} — put digests in {}", under_home(store))
            }
        }
    }
    /// On the samples, where the user's own digests go, said at start until a key: the
    /// status bar's word on it is the first thing a narrow terminal cuts (tester W).
    pub fn say_where_digests_go(&mut self) {
        if self.library.origin.is_samples() {
            self.notify_until_key(self.store_note(), false);
        }
    }

    /// The help's word on where the digests come from, and how to read others.
    pub fn store_note(&self) -> String {
        match &self.library.origin {
            Origin::Store(path) => format!(
                "Digests: {} (ribao --store DIR, or RIBAO_STORE, reads another folder).",
                under_home(path)
            ),
            // The folder, then the other way, before the kinds of file: cut short, the note
            // keeps them (tester CQ: at 60 columns it was cut off before the folder; tester
            // DA: at 80, before `--store`).
            Origin::Samples { store } => format!(
                "These are ribao's built-in samples. Put your digests in {}, or run ribao \
                 --store DIR (.md, .markdown, .txt files, in any sub-folders).",
                under_home(store)
            ),
        }
    }
    /// Number of items and unread items of a date.
    pub fn date_counts(&self, group: &DateGroup) -> (usize, usize) {
        let items = scope::items_of(&self.library, &group.digests);
        items.fold((0, 0), |(all, unread), i| {
            let read = self.session.is_read(self.library.index().id(i));
            (all + 1, unread + usize::from(!read))
        })
    }
    /// Number of items and unread items of a date span (the items the category shows).
    pub fn span_counts(&self, span: &DateSpan) -> (usize, usize) {
        let unread = self.items[span.start..span.start + span.len]
            .iter()
            .filter(|&&r| !self.session.is_read(self.id_at(r)))
            .count();
        (span.len, unread)
    }

    /// Clamps the article scroll to what the last frame can show (called by the UI after it
    /// measured the article at the current size).
    pub(crate) fn set_article_metrics(&mut self, len: usize, width: usize, height: usize) {
        self.view.article_wrap = width;
        self.view.article_len = len;
        self.view.article_height = height;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub(crate) fn set_help_metrics(&mut self, len: usize, height: usize) {
        let old_max = self.view.help_len.saturating_sub(self.view.help_height);
        self.view.help_len = len;
        self.view.help_height = height;
        let max = len.saturating_sub(height);
        if let Some(s) = self.help.as_mut() {
            // Read to its end before the terminal was resized: still at its end.
            *s = if *s > 0 && *s == old_max {
                max
            } else {
                (*s).min(max)
            };
        }
    }

    fn page(&self) -> usize {
        let height = match self.focus {
            Pane::Dates => self.view.dates_height,
            Pane::Categories => self.view.categories_height,
            Pane::Items => self.view.items_height,
            Pane::Article => self.view.article_height,
        };
        height.saturating_sub(1).max(1)
    }

    fn move_by(&mut self, delta: isize) {
        let step = |current: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            current.saturating_add_signed(delta).min(last)
        };
        match self.focus {
            Pane::Dates if self.scope.is_multi_date() => {
                let Some(current) = self.span_index() else {
                    if let Some(first) = self.spans.first() {
                        self.select_date(first.group);
                    }
                    return;
                };
                let next = step(current, self.spans.len());
                if next != current {
                    self.move_to_span(next);
                }
            }
            Pane::Dates => {
                let next = step(self.date, self.dates.len());
                if next != self.date {
                    self.move_to_date(next);
                }
            }
            Pane::Categories => {
                let next = step(self.category, self.categories.len());
                if next != self.category {
                    self.select_category(next);
                }
            }
            Pane::Items => {
                let next = step(self.item, self.items.len());
                self.item = next;
                self.follow_item_date();
            }
            Pane::Article => {
                self.scroll = self
                    .scroll
                    .saturating_add_signed(delta)
                    .min(self.max_scroll());
            }
        }
    }

    fn focus_step(&mut self, delta: isize, wrap: bool) {
        let n = Pane::ORDER.len() as isize;
        let i = self.focus.index() as isize + delta;
        let i = if wrap {
            i.rem_euclid(n)
        } else {
            i.clamp(0, n - 1)
        };
        let next = Pane::ORDER[i as usize];
        if next == self.focus {
            return self.say_no_pane_beyond();
        }
        self.overview_from = None;
        // Into the article from the stories, the story it previewed is the one meant: opened
        // (and marked read) as Enter would, not the one opened before.
        if next == Pane::Article && self.previewed().is_some() {
            self.open();
        } else {
            self.focus = next;
        }
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Dates => {
                if self.dates.is_empty() {
                    self.notify("no digests to open", false);
                } else {
                    self.focus = Pane::Categories;
                }
            }
            Pane::Categories => {
                // All read by choice: the category followed is followed no more (tester AY:
                // one left at a date without it came back at the next that had it).
                if *self.category() == CategoryFilter::All {
                    self.followed = None;
                }
                self.focus = Pane::Items;
            }
            Pane::Items => match self.items.get(self.item).copied() {
                Some(r) => {
                    self.leave_story();
                    self.opened = Some(r);
                    self.scroll = 0;
                    self.focus = Pane::Article;
                    let id = self.id_at(r).to_string();
                    self.place = self.places.get(&id);
                    self.mark_opened(r);
                }
                None => self.notify("no stories here", false),
            },
            Pane::Article => self.say_no_pane_beyond(),
        }
    }

    /// Said where a key would go before the first pane or past the last (tester CQ: Esc in
    /// the dates did nothing, unsaid; tester DA: nor did `h` there, nor `l` and Enter in the
    /// article).
    fn say_no_pane_beyond(&mut self) {
        let said = match (self.focus, self.opened) {
            (Pane::Dates, _) => "the dates are the first level: q quits",
            (_, Some(_)) => "the article is the last level: o opens its link, h or Esc goes back",
            (_, None) => "the front pages are the last level: h or Esc goes back",
        };
        self.notify(said, false);
    }

    /// `J` / `K`: the story after / before the one shown in the article, previewed or open
    /// (the selected one when none is), opened in the article.
    fn step_story(&mut self, delta: isize) {
        // The story closed still highlighted, from the panes before (tester DJ: `J` there
        // opened it again).
        let highlighted = self.items.get(self.item).copied();
        let closed = self.closed.filter(|&c| Some(c) == highlighted);
        let shown = self.previewed().or(self.opened).or(closed);
        let open = shown.and_then(|r| self.items.binary_search(&r).ok());
        let next = match open {
            Some(at) => at.checked_add_signed(delta),
            None => Some(self.item),
        };
        match next.filter(|&n| n < self.items.len()) {
            Some(n) => {
                self.item = n;
                self.follow_item_date();
                self.focus = Pane::Items;
                self.open();
            }
            None if self.items.is_empty() => self.notify("no stories here", false),
            None if self.read_into_next_date(delta) => {}
            None => {
                let which = if delta > 0 { "last" } else { "first" };
                self.notify(format!("already at the {which} story listed"), false);
            }
        }
    }

    /// Past a date's last story `J` reads on into the next older date's first one, and
    /// before its first `K` into the newer date's last, as an archive is read day after day
    /// (tester AC); with a category shown, into the next date that has it, passing over
    /// those without (tester S: `J` went on into every story of a date without it). On a
    /// date that shows all for lack of the category followed, what is read is all: it reads
    /// on into the next date's, and stops following (tester AK: dates were passed over under
    /// 全部 / All). False over several dates, whose list ends where the scope does, and at
    /// the archive's ends.
    fn read_into_next_date(&mut self, delta: isize) -> bool {
        if self.scope.is_multi_date() {
            return false;
        }
        let chosen = Some(self.category().clone()).filter(|f| *f != CategoryFilter::All);
        let onward = std::iter::successors(self.date.checked_add_signed(delta), |d| {
            d.checked_add_signed(delta)
        })
        .take_while(|&d| d < self.dates.len());
        let has_it = |d: usize| {
            chosen.as_ref().is_none_or(|filter| {
                let digests = scope::digests_in(&self.dates, self.scope, d);
                scope::categories(&self.library, &digests, false)
                    .iter()
                    .any(|c| c.filter == *filter)
            })
        };
        let mut onward = onward.peekable();
        let any_date = onward.peek().is_some();
        let Some(next) = onward.find(|&d| has_it(d)) else {
            if let Some(filter) = chosen.filter(|_| any_date) {
                let which = if delta > 0 { "older" } else { "newer" };
                self.notify(
                    format!("no {which} date has {} stories", filter.describe()),
                    false,
                );
                return true;
            }
            return false;
        };
        self.message = None;
        if chosen.is_none() {
            self.followed = None;
        }
        self.move_to_date(next);
        if let Some(last) = self.items.len().checked_sub(1) {
            self.item = if delta > 0 { 0 } else { last };
            self.focus = Pane::Items;
            self.open();
        }
        if self.message.is_none() {
            let which = if delta > 0 { "first" } else { "last" };
            let story = match &chosen {
                Some(filter) => format!("{} story", filter.describe()),
                None => "story".to_string(),
            };
            self.notify(
                format!("on to {}: its {which} {story}", self.scope_label()),
                false,
            );
        }
        true
    }

    /// The category chosen, that follows the reader from date to date (None: all).
    fn chosen_category(&self) -> Option<CategoryFilter> {
        self.followed
            .clone()
            .or_else(|| Some(self.category().clone()).filter(|f| *f != CategoryFilter::All))
    }

    /// Keeps where the open story was left, for when it is opened again; one not laid out
    /// since it was opened keeps the place it had (a search reopened at start, before any
    /// draw, put the story under it back at its top).
    fn leave_story(&mut self) {
        let Some(r) = self.opened else { return };
        if let Some(place) = self.article_place(&Content::Story(r)) {
            self.places.leave(scope::id(&self.library, r), place);
        }
    }

    /// `i`: the date's front pages to read, the story open closed as backing out of the
    /// stories closes it; Esc goes back to the pane it was pressed in.
    fn show_overview(&mut self) {
        if self.current_date().is_none() {
            return self.notify("no digests to show", false);
        }
        self.leave_story();
        self.opened = None;
        self.scroll = 0;
        if self.focus != Pane::Article {
            self.overview_from = Some(self.focus);
        }
        self.focus = Pane::Article;
    }

    fn back(&mut self) {
        let from = self.overview_from.take();
        self.focus = match self.focus {
            // Back where `i` was pressed (tester BG: from the dates, Esc went to the stories).
            Pane::Article if self.opened.is_none() => from.unwrap_or(Pane::Items),
            Pane::Article => Pane::Items,
            Pane::Items => {
                // Backing out of the stories closes the one open: the article pane holds
                // the day's front pages again, the way back to them.
                self.leave_story();
                self.closed = self.opened.take();
                self.scroll = 0;
                Pane::Categories
            }
            Pane::Categories => Pane::Dates,
            Pane::Dates => {
                self.say_no_pane_beyond();
                Pane::Dates
            }
        };
    }

    /// The story `r`, `b`, `y` and `o` act on: the open article, or the highlighted story (in
    /// the search view: the selected result).
    fn target(&self) -> Option<ItemRef> {
        if let Some(view) = &self.search {
            return view.selected_hit();
        }
        match self.focus {
            Pane::Article => self.opened,
            Pane::Items => self.items.get(self.item).copied(),
            Pane::Dates | Pane::Categories => None,
        }
    }

    /// [`App::target`]; None, said, where there is none. Said that `r`, `b`, `o`, `y` and
    /// `L` act on a story, from a pane that has none (the dates, the categories): it said to
    /// select one with Enter, which it was, highlighted in the stories beside, and Enter was
    /// not what was needed (tester P). In the search view or an empty list there is none to
    /// go to (tester AK: with no result, it sent the reader to the stories).
    pub(super) fn targeted(&mut self) -> Option<ItemRef> {
        let r = self.target();
        if r.is_none() {
            let said = if self.search.is_some() {
                "no result to act on"
            } else if self.focus == Pane::Items || self.items.is_empty() {
                "no story here to act on"
            } else if self.focus == Pane::Dates {
                // Two panes on (tester CX: "l or Enter" led to the categories).
                "r, b, o, y and L act on a story: go to the stories first (l twice, or Enter twice)"
            } else if self.focus == Pane::Article {
                // The front pages, which are beside the stories (tester DA: it said l or Enter;
                // a review: Esc goes back where `i` was pressed, not always to them).
                "r, b, o, y and L act on a story: go to the stories (h) first"
            } else {
                "r, b, o, y and L act on a story: go to the stories (l or Enter) first"
            };
            self.notify(said, false);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::with_tilde;
    use std::path::Path;

    #[test]
    fn the_home_folder_is_written_as_a_tilde() {
        let home = Some(Path::new("/home/reader"));
        assert_eq!(
            with_tilde(Path::new("/home/reader/.local/share/ribao/digests"), home),
            "~/.local/share/ribao/digests"
        );
        assert_eq!(
            with_tilde(Path::new("/home/readers/x"), home),
            "/home/readers/x"
        );
        assert_eq!(
            with_tilde(Path::new("/srv/x"), Some(Path::new("/"))),
            "/srv/x"
        );
        assert_eq!(with_tilde(Path::new("/srv/x"), None), "/srv/x");
    }
}
