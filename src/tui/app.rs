//! The reader's state and how actions change it. Pure: no terminal, no files, no processes —
//! anything with an outside effect is returned as an [`Effect`] for the run loop to carry out.

use super::action::Action;
use super::bookmarks::BookmarksView;
use super::link;
use super::session::Session;
use super::ui::article::ArticleCache;
use crate::library::{Library, Origin};
use crate::model::{Digest, Item};
use crate::state::Position;
use crate::text::TextOptions;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Duration;

/// How long a status message stays.
pub const MESSAGE_TTL: Duration = Duration::from_secs(3);
/// The start-up notice about unreadable files stays a little longer.
const PROBLEMS_TTL: Duration = Duration::from_secs(6);

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
}

/// (digest index, item index) in the library.
pub type ItemRef = (usize, usize);

/// All digests of one date (or all undated ones), in library order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateGroup {
    pub date: Option<NaiveDate>,
    pub digests: Vec<usize>,
}

/// Which items of a date the item list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryFilter {
    All,
    Named(String),
    /// Items whose publication gave no category.
    Uncategorized,
}

impl CategoryFilter {
    fn accepts(&self, item: &Item) -> bool {
        match self {
            CategoryFilter::All => true,
            CategoryFilter::Named(name) => item.category.as_deref() == Some(name.as_str()),
            CategoryFilter::Uncategorized => item.category.is_none(),
        }
    }

    /// The label shown in the category pane, the status bar and the breadcrumb (unsanitised
    /// for `Named`).
    pub fn label(&self) -> &str {
        match self {
            CategoryFilter::All => "全部 / All",
            CategoryFilter::Named(name) => name,
            CategoryFilter::Uncategorized => "未分类 / Other",
        }
    }
}

/// A status-bar message and when it goes away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub until: Duration,
}

/// What the last drawn frame looked like: pane heights for paging and scroll limits. Written
/// by the UI on every draw.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub wide: bool,
    pub dates_height: usize,
    pub categories_height: usize,
    pub items_height: usize,
    pub article_height: usize,
    pub article_width: usize,
    /// Rows of the article shown last (for scroll limits between draws).
    pub article_len: usize,
    pub help_height: usize,
    pub help_len: usize,
    /// First visible row of each list (dates, categories, items).
    pub offsets: [usize; 3],
}

pub struct App {
    pub(crate) library: Library,
    pub(crate) text: TextOptions,
    session: Session,
    dates: Vec<DateGroup>,
    date: usize,
    categories: Vec<(CategoryFilter, usize)>,
    category: usize,
    items: Vec<ItemRef>,
    item: usize,
    opened: Option<ItemRef>,
    focus: Pane,
    scroll: usize,
    help: Option<usize>,
    bookmarks: Option<BookmarksView>,
    message: Option<Message>,
    clock: Duration,
    pub(crate) view: ViewState,
    pub(crate) article: ArticleCache,
    frames: u64,
}

impl App {
    pub fn new(library: Library, text: TextOptions, session: Session) -> App {
        let dates = group_dates(&library);
        let mut app = App {
            library,
            text,
            session,
            dates,
            date: 0,
            categories: Vec::new(),
            category: 0,
            items: Vec::new(),
            item: 0,
            opened: None,
            focus: Pane::Dates,
            scroll: 0,
            help: None,
            bookmarks: None,
            message: None,
            clock: Duration::ZERO,
            view: ViewState {
                wide: true,
                ..ViewState::default()
            },
            article: ArticleCache::default(),
            frames: 0,
        };
        app.select_date(0);
        app.restore_position();
        let problems = app.library.problems.len();
        if problems > 0 {
            let files = if problems == 1 { "file" } else { "files" };
            app.message = Some(Message {
                text: format!("{problems} {files} could not be read — run `ribao check`"),
                error: true,
                until: PROBLEMS_TTL,
            });
        }
        app
    }

    /// Handles one action; what must happen outside the app comes back as an effect.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if action == Action::ForceQuit {
            return Some(Effect::Quit);
        }
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
                _ => Some(scroll),
            };
            return None;
        }
        if self.bookmarks.is_some() {
            return self.update_bookmarks(action);
        }
        match action {
            Action::Quit | Action::ForceQuit => return Some(Effect::Quit),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::Bookmarks => {
                self.bookmarks = Some(BookmarksView::new(self.session.bookmarks()))
            }
            Action::RemoveBookmark | Action::Filter => {
                self.notify("d and / work in the bookmarks view: press B", false)
            }
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
            Action::Categories => self.focus = Pane::Categories,
            Action::ToggleRead => self.toggle_read(),
            Action::CopyLink => return self.link().map(Effect::CopyUrl),
            Action::OpenLink => return self.link().map(Effect::OpenUrl),
        }
        None
    }

    /// The bookmarks view, when open.
    pub fn bookmarks_view(&self) -> Option<&BookmarksView> {
        self.bookmarks.as_ref()
    }

    /// A key typed into a text line (the bookmarks filter); false when no text line has the
    /// keyboard or the key is not for it, so the keymap handles it.
    pub fn text_key(&mut self, key: &KeyEvent) -> bool {
        let Some(view) = self.bookmarks.as_mut().filter(|v| v.typing) else {
            return false;
        };
        if key.kind == KeyEventKind::Release {
            return false;
        }
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                view.push_filter(c)
            }
            KeyCode::Backspace => view.pop_filter(),
            KeyCode::Enter => view.typing = false,
            KeyCode::Esc => {
                view.typing = false;
                view.filter.clear();
            }
            _ => return false,
        }
        true
    }

    fn update_bookmarks(&mut self, action: Action) -> Option<Effect> {
        let view = self.bookmarks.as_mut()?;
        if let Some(mark) = &view.missing {
            let url = || mark.url.as_deref().and_then(link::safe_url);
            match action {
                Action::Back | Action::Open | Action::Quit | Action::Bookmarks => {
                    view.missing = None
                }
                Action::OpenLink => return url().map(Effect::OpenUrl),
                Action::CopyLink => return url().map(Effect::CopyUrl),
                _ => {}
            }
            return None;
        }
        let page = self.view.article_height.max(2) as isize - 1;
        match action {
            Action::Down => view.move_by(1),
            Action::Up => view.move_by(-1),
            Action::PageDown => view.move_by(page),
            Action::PageUp => view.move_by(-page),
            Action::First => view.move_by(isize::MIN),
            Action::Last => view.move_by(isize::MAX),
            Action::Filter => view.typing = true,
            Action::Back if !view.filter.is_empty() => {
                view.filter.clear();
                view.selected = 0;
            }
            Action::Back | Action::Quit | Action::Bookmarks => self.bookmarks = None,
            Action::RemoveBookmark | Action::ToggleBookmark => {
                let id = view.selected()?.id.clone();
                self.session.remove_bookmark(&id);
                let all = self.session.bookmarks();
                if let Some(v) = self.bookmarks.as_mut() {
                    v.refresh(all);
                }
                self.notify("bookmark removed", false);
            }
            Action::Open => {
                let mark = view.selected()?.clone();
                if self.go_to(&mark.id) {
                    self.bookmarks = None;
                } else if let Some(v) = self.bookmarks.as_mut() {
                    v.missing = Some(mark);
                }
            }
            _ => {}
        }
        None
    }

    /// Opens the story with this id in the article view; false when no digest has it.
    fn go_to(&mut self, id: &str) -> bool {
        let holds = |g: &DateGroup| {
            g.digests
                .iter()
                .any(|&d| self.library.digests[d].items.iter().any(|i| i.id == id))
        };
        let Some(date) = self.dates.iter().position(holds) else {
            return false;
        };
        self.select_date(date);
        let Some(pos) = self.items.iter().position(|&r| self.item_at(r).1.id == id) else {
            return false;
        };
        self.item = pos;
        self.focus = Pane::Items;
        self.open();
        true
    }

    fn toggle_bookmark(&mut self) {
        let Some(r) = self.target() else {
            self.notify("select a story first (Enter on a story)", true);
            return;
        };
        let (d, i) = r;
        let digest = &self.library.digests[d];
        let now = self.session.toggle_bookmark(digest, &digest.items[i]);
        self.notify(
            if now {
                "★ bookmarked"
            } else {
                "bookmark removed"
            },
            false,
        );
    }

    /// Time passes (from the event loop's tick); true when the screen must be redrawn because
    /// a message went away.
    pub fn tick(&mut self, elapsed: Duration) -> bool {
        self.clock += elapsed;
        if self.message.as_ref().is_some_and(|m| self.clock >= m.until) {
            self.message = None;
            return true;
        }
        false
    }

    /// Shows a message in the status bar for [`MESSAGE_TTL`].
    /// Shows what the session has to say (failed saves, a broken state file kept aside).
    pub fn relay_session_message(&mut self) {
        if let Some((text, error)) = self.session.take_message() {
            self.notify(text, error);
        }
    }

    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
            until: self.clock + MESSAGE_TTL,
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
    /// The categories of the current date with their item counts; the first is "All".
    pub fn categories(&self) -> &[(CategoryFilter, usize)] {
        &self.categories
    }
    pub fn category_index(&self) -> usize {
        self.category
    }
    pub fn category(&self) -> &CategoryFilter {
        &self.categories[self.category].0
    }
    /// The items of the current date and category.
    pub fn items(&self) -> &[ItemRef] {
        &self.items
    }
    pub fn item_index(&self) -> usize {
        self.item
    }
    pub fn item_at(&self, r: ItemRef) -> (&Digest, &Item) {
        let digest = &self.library.digests[r.0];
        (digest, &digest.items[r.1])
    }
    /// The highlighted item of the item list.
    pub fn selected_item(&self) -> Option<(&Digest, &Item)> {
        self.items.get(self.item).map(|&r| self.item_at(r))
    }
    /// The item the article view shows; None shows the date's front page.
    pub fn opened(&self) -> Option<(&Digest, &Item)> {
        self.opened.map(|r| self.item_at(r))
    }
    pub(crate) fn opened_ref(&self) -> Option<ItemRef> {
        self.opened
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
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn is_read(&self, item: &Item) -> bool {
        self.session.is_read(&item.id)
    }
    pub fn is_bookmarked(&self, item: &Item) -> bool {
        self.session.is_bookmarked(&item.id)
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
    pub fn store_label(&self) -> String {
        match &self.library.origin {
            Origin::Store(path) => path.display().to_string(),
            Origin::Samples { store } => {
                format!("built-in samples — put digests in {}", store.display())
            }
        }
    }
    /// Number of items and unread items of a date.
    pub fn date_counts(&self, group: &DateGroup) -> (usize, usize) {
        let items = group
            .digests
            .iter()
            .flat_map(|&d| self.library.digests[d].items.iter());
        items.fold((0, 0), |(all, unread), item| {
            (all + 1, unread + usize::from(!self.is_read(item)))
        })
    }

    /// Clamps the article scroll to what the last frame can show (called by the UI after it
    /// measured the article at the current size).
    pub(crate) fn set_article_metrics(&mut self, len: usize, height: usize) {
        self.view.article_len = len;
        self.view.article_height = height;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub(crate) fn set_help_metrics(&mut self, len: usize, height: usize) {
        self.view.help_len = len;
        self.view.help_height = height;
        if let Some(s) = self.help.as_mut() {
            *s = (*s).min(len.saturating_sub(height));
        }
    }

    // ----- changes -----

    fn select_date(&mut self, index: usize) {
        self.date = index.min(self.dates.len().saturating_sub(1));
        self.categories = self.compute_categories();
        self.category = 0;
        self.items = self.compute_items();
        self.item = 0;
        self.opened = None;
        self.scroll = 0;
    }

    fn select_category(&mut self, index: usize) {
        self.category = index.min(self.categories.len().saturating_sub(1));
        self.items = self.compute_items();
        self.item = 0;
    }

    fn compute_categories(&self) -> Vec<(CategoryFilter, usize)> {
        let mut named: Vec<(CategoryFilter, usize)> = Vec::new();
        let (mut all, mut none) = (0, 0);
        for item in self.date_items() {
            all += 1;
            match &item.category {
                Some(c) => match named
                    .iter_mut()
                    .find(|(f, _)| matches!(f, CategoryFilter::Named(n) if n == c))
                {
                    Some((_, n)) => *n += 1,
                    None => named.push((CategoryFilter::Named(c.clone()), 1)),
                },
                None => none += 1,
            }
        }
        let mut out = vec![(CategoryFilter::All, all)];
        let any_named = !named.is_empty();
        out.extend(named);
        if any_named && none > 0 {
            out.push((CategoryFilter::Uncategorized, none));
        }
        out
    }

    fn date_items(&self) -> impl Iterator<Item = &Item> {
        self.dates
            .get(self.date)
            .into_iter()
            .flat_map(|g| g.digests.iter())
            .flat_map(|&d| self.library.digests[d].items.iter())
    }

    fn compute_items(&self) -> Vec<ItemRef> {
        let Some(group) = self.dates.get(self.date) else {
            return Vec::new();
        };
        let filter = self
            .categories
            .get(self.category)
            .map_or(CategoryFilter::All, |(f, _)| f.clone());
        group
            .digests
            .iter()
            .flat_map(|&d| {
                let digest = &self.library.digests[d];
                (0..digest.items.len()).map(move |i| (d, i))
            })
            .filter(|&(d, i)| filter.accepts(&self.library.digests[d].items[i]))
            .collect()
    }

    /// Where the reader is: date, category, the open story and how far it is scrolled.
    pub fn position(&self) -> Position {
        Position {
            date: self
                .dates
                .get(self.date)
                .map(|g| crate::model::date_label(g.date)),
            category: self
                .categories
                .get(self.category)
                .map(|(f, _)| f.label().to_string()),
            item: self.opened.map(|r| self.item_at(r).1.id.clone()),
            scroll: if self.opened.is_some() {
                self.scroll
            } else {
                0
            },
            ..Position::default()
        }
    }

    /// Goes back to where the reader was when it last quit; whatever is gone since (a date,
    /// a category, a story) is skipped.
    fn restore_position(&mut self) {
        let Some(p) = self.session.position().cloned() else {
            return;
        };
        let by_date = p.date.as_deref().and_then(|d| {
            self.dates
                .iter()
                .position(|g| crate::model::date_label(g.date) == d)
        });
        let by_item = || {
            let id = p.item.as_deref()?;
            self.dates.iter().position(|g| {
                g.digests
                    .iter()
                    .any(|&d| self.library.digests[d].items.iter().any(|i| i.id == id))
            })
        };
        let Some(date) = by_date.or_else(by_item) else {
            return;
        };
        self.select_date(date);
        if let Some(c) = p
            .category
            .as_deref()
            .and_then(|c| self.categories.iter().position(|(f, _)| f.label() == c))
        {
            self.select_category(c);
            self.focus = Pane::Items;
        }
        let Some(id) = p.item.as_deref() else {
            return;
        };
        if let Some(pos) = self.items.iter().position(|&r| self.item_at(r).1.id == id) {
            self.item = pos;
            self.opened = Some(self.items[pos]);
            self.focus = Pane::Article;
            // Clamped to the article's length on the first draw.
            self.scroll = p.scroll;
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
            Pane::Dates => {
                let next = step(self.date, self.dates.len());
                if next != self.date {
                    self.select_date(next);
                }
            }
            Pane::Categories => {
                let next = step(self.category, self.categories.len());
                if next != self.category {
                    self.select_category(next);
                }
            }
            Pane::Items => self.item = step(self.item, self.items.len()),
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
        self.focus = Pane::ORDER[i as usize];
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Dates => {
                if self.dates.is_empty() {
                    self.notify("no digests to open", true);
                } else {
                    self.focus = Pane::Categories;
                }
            }
            Pane::Categories => self.focus = Pane::Items,
            Pane::Items => match self.items.get(self.item).copied() {
                Some(r) => {
                    self.opened = Some(r);
                    self.scroll = 0;
                    self.focus = Pane::Article;
                    let id = self.item_at(r).1.id.clone();
                    self.session.set_read(&id, true);
                }
                None => self.notify("no stories here", true),
            },
            Pane::Article => {}
        }
    }

    fn back(&mut self) {
        self.focus = match self.focus {
            Pane::Article => Pane::Items,
            Pane::Items => Pane::Categories,
            Pane::Categories | Pane::Dates => Pane::Dates,
        };
    }

    fn step_date(&mut self, delta: isize) {
        let next = self.date.saturating_add_signed(delta);
        if next >= self.dates.len() || next == self.date {
            let which = if delta > 0 { "oldest" } else { "newest" };
            self.notify(format!("already at the {which} date"), false);
            return;
        }
        self.select_date(next);
    }

    /// The story `r`, `y` and `o` act on: the open article, or the highlighted story.
    fn target(&self) -> Option<ItemRef> {
        match self.focus {
            Pane::Article => self.opened,
            Pane::Items => self.items.get(self.item).copied(),
            Pane::Dates | Pane::Categories => None,
        }
    }

    fn toggle_read(&mut self) {
        let Some(r) = self.target() else {
            self.notify("select a story first (Enter on a story)", true);
            return;
        };
        let id = self.item_at(r).1.id.clone();
        let read = !self.session.is_read(&id);
        self.session.set_read(&id, read);
        self.notify(if read { "marked read" } else { "marked unread" }, false);
    }

    fn link(&mut self) -> Option<String> {
        let Some(r) = self.target() else {
            self.notify("select a story first (Enter on a story)", true);
            return None;
        };
        let (_, item) = self.item_at(r);
        let own = item.url.clone();
        let width = self.view.article_width.max(20);
        let id = item.id.clone();
        let body = item.body.clone();
        let candidates = own
            .into_iter()
            .chain(self.article.body_links(&id, &body, width, self.text));
        let mut refused = false;
        for url in candidates {
            match link::safe_url(&url) {
                Some(url) => return Some(url),
                None => refused = true,
            }
        }
        let why = if refused {
            "this story's link is not an http(s) URL; not opened"
        } else {
            "this story has no link"
        };
        self.notify(why, true);
        None
    }
}

fn group_dates(library: &Library) -> Vec<DateGroup> {
    let mut out: Vec<DateGroup> = Vec::new();
    for (i, digest) in library.digests.iter().enumerate() {
        match out.last_mut() {
            Some(group) if group.date == digest.date => group.digests.push(i),
            _ => out.push(DateGroup {
                date: digest.date,
                digests: vec![i],
            }),
        }
    }
    out
}
