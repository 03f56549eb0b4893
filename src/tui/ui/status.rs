//! The status bar: scope, bookmarks and store on the first row; key hints for the focused
//! pane, or a message, on the second (a long message takes both rows; one row in short
//! terminals: the message or the scope).

use super::super::action::Action;
use super::super::app::{App, Pane, date_jump};
use super::super::keymap;
use super::super::line_edit::LineEdit;
use super::super::scope;
use super::super::search::SearchFocus;
use super::{DIM, ERROR, FOCUS, OK, fit_row, put_line};
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

/// `2026-01-20 · 技术前沿解读 · 4 items`; in the search view `搜索 “英伟达” · 全部存档 · 9
/// results`.
fn scope(app: &App, unread: bool) -> String {
    let text = scope_only(app, unread, None);
    match app.loading() {
        Some(progress) => format!("{text} · {progress}…"),
        None => text,
    }
}

/// `unread`: with how many of the stories are unread (`8 stories, 3 unread`). `room`: the
/// columns it may take, which its category's name gives way to (the stories pane's title
/// shows it), down to a few: the count was cut in the middle of its number.
fn scope_only(app: &App, unread: bool, room: Option<usize>) -> String {
    // One pane at a time and short of room: the path above says the query or category.
    let narrow = room.filter(|_| !app.view.wide);
    if let Some(view) = app.search_view() {
        return super::search::summary(app, view, unread, room);
    }
    if let Some(said) = bookmarks_scope(app) {
        return said;
    }
    let Some(group) = app.current_date() else {
        return crate::tui::app::NO_DIGESTS.to_string();
    };
    let n = app.items().len();
    let scope = if app.scope().is_multi_date() {
        app.scope_label()
    } else {
        App::date_label(group)
    };
    let count = pending_count(n, app.scope_pending());
    // Counted for the categories pane; said here too, where a narrow screen shows no pane
    // of counts.
    let unread = match app.listed_unread() {
        Some(u) if unread && !app.scope_pending() => unread_words(n, u),
        _ => String::new(),
    };
    let counted = format!(
        "{count} {}{unread}",
        if n == 1 { "story" } else { "stories" }
    );
    let category = text::single_line(&app.category().describe()).into_owned();
    let opts = app.text_options();
    let around = text::str_width(&scope, opts) + text::str_width(&counted, opts) + 6;
    let category = match room {
        Some(room) if around + text::str_width(&category, opts) > room => {
            // One pane at a time, the path above it names the category: left out rather
            // than cut; then the scope's dates go (tester C: `近7天 (08-17–08-23) · 35
            // stories`, no unread count).
            if let Some(room) = narrow {
                return scope_and_count(app, app.scope(), scope, &counted, room);
            }
            text::truncate(
                &category,
                room.saturating_sub(around).max(CATEGORY_LEAST),
                opts,
            )
            .into_owned()
        }
        _ => category,
    };
    format!("{scope} · {category} · {counted}")
}

/// `书签 Bookmarks · 5` (`2 of 5` under a filter): the bookmarks listed while their view is
/// open; `书签 Bookmarks · reading 2 of 5`: which of them is read, in a story opened from it
/// or one the store no longer holds (tester AU: the date's counts said nothing of them).
fn bookmarks_scope(app: &App) -> Option<String> {
    const NAME: &str = "书签 Bookmarks";
    let (view, reading) = match (app.bookmarks_view(), app.bookmarks_read_from()) {
        (Some(view), _) => (view, view.missing.as_ref().map(|m| m.id.as_str())),
        (None, Some(view)) => (view, view.reading.as_deref()),
        (None, None) => return None,
    };
    // Those kept still: `b` may have just removed the one read.
    let listed: Vec<&str> = (view.visible().into_iter())
        .map(|b| b.id.as_str())
        .filter(|id| app.session().is_bookmarked(id))
        .collect();
    let all = app.session().bookmark_count();
    let at = reading.and_then(|id| listed.iter().position(|&b| b == id));
    Some(match (at, reading) {
        (Some(at), _) => format!("{NAME} · reading {} of {}", at + 1, listed.len()),
        (None, None) if listed.len() < all => format!("{NAME} · {} of {all}", listed.len()),
        (None, _) => format!("{NAME} · {}", listed.len()),
    })
}

/// `label · counted` in `room` columns, the scope named without its dates (`近7天`) when
/// they do not fit: a narrow status bar's, one pane at a time.
pub(super) fn scope_and_count(
    app: &App,
    scope: scope::Scope,
    label: String,
    counted: &str,
    room: usize,
) -> String {
    let opts = app.text_options();
    let too_wide = text::str_width(&label, opts) + text::str_width(counted, opts) + 3 > room;
    let label = match app.name_of(scope) {
        Some(name) if too_wide => name,
        // One date: its year gives way (the path above or the dates pane shows it whole).
        None if too_wide => without_year(&label).unwrap_or(&label).to_string(),
        _ => label,
    };
    format!("{label} · {counted}")
}

/// `01-24` of `2026-01-24`; None for any other label (`undated`).
pub(super) fn without_year(label: &str) -> Option<&str> {
    let (year, rest) = label.split_at_checked(4)?;
    let day = rest.strip_prefix('-')?;
    (year.bytes().all(|b| b.is_ascii_digit()) && day.len() == 5).then_some(day)
}

/// `26-01-24` of `2026-01-24`; None for any other label.
pub(super) fn without_century(label: &str) -> Option<&str> {
    without_year(label).and(label.get(2..))
}

/// What follows the count of `listed` stories when `unread` of them are: `, 3 unread`, or
/// `, all read`; nothing when none is listed.
pub(super) fn unread_words(listed: usize, unread: usize) -> String {
    match unread {
        0 if listed > 0 => ", all read".to_string(),
        0 => String::new(),
        u => format!(", {u} unread"),
    }
}

/// The fewest columns a category's name is cut to in the status bar.
const CATEGORY_LEAST: usize = 4;

type Hints = &'static [(&'static [Action], &'static str)];

/// The links view's numbers, typed to go to a link: keys no action has, so the hint names
/// them itself (its first word, styled as keys are).
const DIGITS_HINT: &str = "0-9 pick [n]";

/// The actions worth a hint in each pane, with the word shown after their keys.
fn hints(app: &App) -> Hints {
    // A notice is over every view until closed, and takes the keys meanwhile.
    if app.notice().is_some() {
        return &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Back, Action::Open, Action::Quit], "close"),
        ];
    }
    if app.help_scroll().is_some() {
        return &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Back, Action::Help, Action::Quit], "close"),
        ];
    }
    if app.date_line().is_some() {
        return &[(&[Action::Open], "go"), (&[Action::Back], "cancel")];
    }
    if app.file_view().is_some() {
        return &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::PageDown], "page"),
            (&[Action::ViewFile, Action::Back, Action::Quit], "close"),
        ];
    }
    if app.links_view().is_some() {
        return &[
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open, Action::OpenLink], "open"),
            (&[], DIGITS_HINT),
            (&[Action::CopyLink], "copy"),
            (&[Action::Back, Action::Links, Action::Quit], "close"),
        ];
    }
    if let Some(view) = app.bookmarks_view() {
        return match &view.missing {
            // What it has to act on is taken from these by `has_to_act_on`.
            Some(_) => &[
                (&[Action::OpenLink], "open link"),
                (&[Action::CopyLink], "copy link"),
                (&[Action::Links], "links"),
                (&[Action::ViewFile], "file"),
                (
                    &[Action::NextStory, Action::PrevStory],
                    "next/prev bookmark",
                ),
                (&[Action::RemoveBookmark], "remove"),
                (&[Action::Back], "back"),
            ],
            None if view.typing => &[(&[Action::Open], "done"), (&[Action::Back], "clear")],
            // Esc clears the filter first, then closes.
            // `d` works under a filter too (tester R: it was not named here).
            None if !view.filter.is_empty() => &[
                (&[Action::Down, Action::Up], "move"),
                (&[Action::Open], "read"),
                (&[Action::RemoveBookmark], "remove"),
                (&[Action::Search], "edit filter"),
                // Short: at 60 columns `d remove` had no room beside it (tester CT).
                (&[Action::Back], "clear"),
                (&[Action::Quit], "close"),
                (&[Action::Help], "help"),
            ],
            // Removing before the link: at 60 columns it was left out (tester CM).
            None => &[
                (&[Action::Down, Action::Up], "move"),
                (&[Action::Open], "read"),
                (&[Action::RemoveBookmark], "remove"),
                (&[Action::OpenLink], "open link"),
                (&[Action::Undo], "undo"),
                (&[Action::Search], "filter"),
                (&[Action::Back, Action::Quit], "close"),
                (&[Action::Help], "help"),
            ],
        };
    }
    if let Some(view) = app.search_view() {
        return match view.focus {
            SearchFocus::Line if view.back_to_results.is_some() => &[
                (&[Action::Open], "results"),
                (&[Action::NextPane], "scope"),
                (&[Action::PageUp], "clear"),
                (&[Action::Back], "cancel edit"),
            ],
            SearchFocus::Line => &[
                (&[Action::Open], "results"),
                (&[Action::NextPane], "scope"),
                (&[Action::PageUp], "clear"),
                (&[Action::Back], "close search"),
            ],
            SearchFocus::Results => &[
                (&[Action::Down, Action::Up], "move"),
                (&[Action::Open], "read"),
                (&[Action::NextMatch, Action::PrevMatch], "result"),
                (&[Action::Search], "edit"),
                (&[Action::Scope], "scope"),
                (&[Action::Back, Action::Quit], "close search"),
                (&[Action::Help], "help"),
            ],
            // The links before the results and scrolling: at 80 columns they were left out
            // (tester O), and `n/N` and `J/K` read as the results list says them.
            SearchFocus::Article => &[
                (&[Action::NextMatch, Action::PrevMatch], "match"),
                (&[Action::OpenLink], "open link"),
                (&[Action::Links], "links"),
                (&[Action::NextStory, Action::PrevStory], "result"),
                (&[Action::Down, Action::Up], "scroll"),
                (&[Action::Back], "results"),
                (&[Action::Help], "help"),
            ],
        };
    }
    match app.focus() {
        Pane::Dates => &[
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "open"),
            (&[Action::Categories], "categories"),
            (&[Action::Search], "search"),
            (&[Action::Scope], "scope"),
            (&[Action::Help], "help"),
            (&[Action::Quit], "quit"),
        ],
        Pane::Categories => &[
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "stories"),
            (&[Action::Overview], "overview"),
            (&[Action::Scope], "scope"),
            (&[Action::Back], "back"),
            (&[Action::OlderDate, Action::NewerDate], "date"),
            (&[Action::Help], "help"),
            (&[Action::Search], "search"),
        ],
        Pane::Items => &[
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "read"),
            // Before marking: at 80 columns the way to the front pages was left out (tester
            // BG), and opening a story marks it anyway.
            (&[Action::Overview], "overview"),
            (&[Action::ToggleRead], "read/unread"),
            (&[Action::OpenLink], "open link"),
            (&[Action::Back], "back"),
            (&[Action::Help], "help"),
            (&[Action::Search], "search"),
        ],
        // The day's front pages, before a story is opened: no story's link to act on.
        Pane::Article if app.opened().is_none() => &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::PageDown], "page"),
            (&[Action::Back], "back"),
            (&[Action::OlderDate, Action::NewerDate], "date"),
            (&[Action::Help], "help"),
        ],
        // A story with no link: nothing for `o` and `L` to act on.
        Pane::Article if !app.article_has_links() => &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::PageDown], "page"),
            (&[Action::NextStory, Action::PrevStory], "next/prev story"),
            (&[Action::Back], "back"),
            (&[Action::Help], "help"),
        ],
        // The links before scrolling and paging, which every reader knows: at 80 columns
        // those took the links' room, and nothing else names them (testers L, O).
        Pane::Article => &[
            (&[Action::NextStory, Action::PrevStory], "next/prev story"),
            (&[Action::OpenLink], "open link"),
            (&[Action::Links], "links"),
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::PageDown], "page"),
            (&[Action::Back], "back"),
            (&[Action::Help], "help"),
        ],
    }
}

/// Whether what `actions` act on is there: in the view of a bookmark whose story is not in
/// the store, a link to open or copy, its file to show (where it is, in another store); in
/// the stories, a link of the story previewed. Other views' hints are theirs whole.
fn has_to_act_on(app: &App, actions: &[Action]) -> bool {
    let Some(view) = app.bookmarks_view() else {
        // A story previewed without a link: nothing for `o` (tester CQ); nor for `o` and `L`
        // in a result read without one (tester DJ).
        let previewing = app.focus() == Pane::Items && app.search_view().is_none();
        let reading_result = app
            .search_view()
            .is_some_and(|v| v.focus == SearchFocus::Article);
        return match actions {
            [Action::OpenLink] if previewing => app.article_has_links(),
            [Action::OpenLink] | [Action::Links] if reading_result => app.article_has_links(),
            _ => true,
        };
    };
    let Some(mark) = &view.missing else {
        return true;
    };
    match actions {
        [Action::OpenLink] | [Action::CopyLink] => view.missing_link().is_some(),
        // The links of the copy it kept (tester AX: `L` worked, unnamed here).
        [Action::Links] => view.missing_has_links(),
        [Action::ViewFile] => app.library().why_missing(&mark.path).file_is_there(),
        _ => true,
    }
}

/// The hints that fit in `width` columns, whole ones only.
fn hint_line(app: &App, width: usize, opts: text::TextOptions) -> Line<'static> {
    let key_style = Style::new().fg(Color::Cyan);
    let groups: Vec<(bool, [Span<'static>; 2])> = hints(app)
        .iter()
        .filter(|(actions, _)| has_to_act_on(app, actions))
        .map(|&(actions, word)| {
            // A story opened from the bookmarks view goes back to it, and reads on through
            // them (tester AI: "next/prev story" there).
            let word = match actions {
                [Action::Back] if app.returns_to_bookmarks() => "bookmarks",
                [Action::NextStory, _] if app.returns_to_bookmarks() => "next/prev bookmark",
                _ => word,
            };
            let mut keys: Vec<String> = actions
                .iter()
                .filter_map(|&a| keymap::first_key(a))
                .collect();
            let word = match (keys.is_empty(), word.split_once(' ')) {
                (true, Some((own_keys, rest))) => {
                    keys.push(own_keys.to_string());
                    rest
                }
                _ => word,
            };
            // `[/]` read as one key: keys that are marks themselves are set apart by a space.
            let marks = keys.iter().any(|k| matches!(k.as_str(), "/" | "[" | "]"));
            let keys = keys.join(if marks { " " } else { "/" });
            // The way back and to the help are kept however narrow the bar: without them
            // a small terminal never shows how to leave a view or that `?` exists.
            let kept = actions.contains(&Action::Back) || actions.contains(&Action::Help);
            let spans = [Span::styled(keys, key_style), Span::raw(format!(" {word}"))];
            (kept, spans)
        })
        .collect();
    const GAP: usize = 3;
    let width_of = |spans: &[Span]| -> usize {
        spans
            .iter()
            .map(|s| text::str_width(&s.content, opts))
            .sum()
    };
    let kept_width: usize = groups
        .iter()
        .filter(|(kept, _)| *kept)
        .map(|(_, spans)| width_of(spans) + GAP)
        .sum();
    // Too narrow even for those: as many as fit, in order.
    let reserve = if kept_width <= width + GAP {
        kept_width
    } else {
        0
    };
    let (mut used, mut full) = (reserve, false);
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (kept, group) in groups {
        let w = width_of(&group) + GAP;
        let shown = if kept && reserve > 0 {
            true
        } else {
            // The others in order of use, up to the first that does not fit.
            full |= used + w > width + GAP;
            used += w;
            !full
        };
        if shown {
            if !spans.is_empty() {
                spans.push(Span::styled(" · ", DIM));
            }
            spans.extend(group);
        }
    }
    Line::from(spans)
}

/// The message in `width` columns: a link's cut in the middle to fit, any other whole (the
/// bar wraps it).
fn message_line(app: &App, width: usize, opts: text::TextOptions) -> Option<Line<'static>> {
    // A notice takes the keys until closed: its hints, not a word about the view behind it.
    if app.notice().is_some() {
        return None;
    }
    let m = app.message()?;
    let style = if m.error { ERROR } else { OK };
    let text = text::single_line(&m.text).into_owned();
    let shorter = (m.shorter.as_deref()).map(|s| text::single_line(s).into_owned());
    // A problem may take both rows (see `draw`): its shorter form is for when it does not
    // fit in them (tester BJ: a file skipped, why cut, and not where to read it).
    let problem = m.held_until.is_some();
    let fits = |text: &str| match problem {
        true => text::wrap(&[Span::raw(text)], width, opts).len() <= 2,
        false => text::str_width(text, opts) <= width,
    };
    let text = match (m.ends_with_link, shorter) {
        (true, _) => cut_middle(&text, width, opts),
        (false, Some(s)) if problem && !fits(&text) => s,
        // The shorter form is there to keep one row: cut where even it is wider (tester
        // AX: at 60 columns a long category's name took the status row).
        (false, Some(s)) if !fits(&text) => text::truncate(&s, width, opts).into_owned(),
        (false, _) => text,
    };
    Some(Line::styled(text, style))
}

/// Columns of the store's path (and the ` · ` before it; a shorter path, its own) the status
/// bar keeps, when the panes show how many stories are unread, before it says so too (at 75
/// columns a short path and the count fitted, and the count went). One pane at a time,
/// nothing else shows it: the count goes before the path (the help says where the digests
/// come from).
const PATH_BEFORE_UNREAD: usize = 24;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    // Counted now if no pane of counts was drawn (a narrow screen): the scope says them.
    app.category_unread();
    let opts = app.text_options();
    let width = usize::from(area.width);
    let label = app.store_label();
    let store = text::single_line(&label);
    // While saving is off, say so for as long as it lasts, next to what it concerns.
    let bookmarks = match app.session().saving_off() {
        false => format!("★ {}", app.session().bookmark_count()),
        true => format!("★ {} (saving off)", app.session().bookmark_count()),
    };
    let fits = |scope: &str, beside: usize| {
        text::str_width(scope, opts) + text::str_width(&bookmarks, opts) + 4 + beside <= width
    };
    // Too narrow for it all: the unread count goes first (before the store's path would
    // where the panes show the counts), then the indexing progress goes first and the rest
    // is cut.
    let room = width.saturating_sub(text::str_width(&bookmarks, opts) + 4);
    let mut scope_text = scope(app, true);
    // The search view shows no pane of counts either.
    let counts_shown = app.view.wide && app.search_view().is_none();
    let path = match counts_shown {
        true => PATH_BEFORE_UNREAD.min(text::str_width(&format!(" · {store}"), opts)),
        false => 0,
    };
    // The samples keep room to say they are (`· samples`, a first look at ribao) while
    // the category's name can give way for it, not the unread count (tester P).
    let samples = match app.library().origin.is_samples() && !counts_shown {
        true => text::str_width(" · samples", opts),
        false => 0,
    };
    // One pane at a time, no pane shows the counts: the category's name gives way before
    // them (tester A: at 40 columns `全部 /…` was kept and the unread count dropped).
    // Searching, the query gives way too, the search line above saying it (tester J).
    if !fits(&scope_text, path.max(samples)) && !counts_shown && app.loading().is_none() {
        scope_text = scope_only(app, true, Some(room.saturating_sub(samples)));
    }
    if !fits(&scope_text, path) {
        scope_text = scope(app, false);
    }
    if let Some(progress) = app.loading()
        && !fits(&scope_text, 0)
    {
        scope_text = format!("{progress} · {}", scope_only(app, false, None));
    }
    // Still too long: the category's name gives way, not the count after it.
    if !fits(&scope_text, 0) && app.loading().is_none() {
        scope_text = scope_only(app, false, Some(room));
    }
    // At most what `fit_row` keeps on the right (two thirds of the row, less a gap), so a
    // long store path is cut rather than dropped with the bookmark count.
    let kept = width.saturating_sub(1) - width.saturating_sub(1) / 3;
    let room = width
        .saturating_sub(text::str_width(&scope_text, opts) + 3)
        .min(kept.saturating_sub(2));
    let lead = format!("{bookmarks} · ");
    let path_room = room.saturating_sub(text::str_width(&lead, opts));
    // A path cut to a few columns says nothing: then only the bookmark count. That the
    // stories are the samples is said while `samples` fits (tester P: at 60 columns nothing
    // said so).
    let right = if app.library().origin.is_samples() {
        // "built-in samples — put digests in …" whole, else as many words of it as fit
        // whole: `built-in sampl…` said less than `samples`.
        let said = [store.as_ref(), crate::tui::app::SAMPLES_LABEL, "samples"]
            .into_iter()
            .find(|s| text::str_width(s, opts) <= path_room);
        said.map_or(bookmarks, |said| lead + said)
    } else if path_room < 12 {
        bookmarks
    } else {
        // A path: its end says the most, from a whole word of it on (`…/shared/corpus`,
        // not `…ork/shared/corpus`) when one fits.
        let end = text::truncate_left(&store, path_room, opts).into_owned();
        let whole = match end.strip_prefix('…') {
            Some(rest) => match rest.find(['/', '-', '_', ' ', '.']) {
                Some(at) if rest[at..].starts_with('/') => format!("…{}", &rest[at..]),
                Some(at) if at + 1 < rest.len() => format!("…{}", &rest[at + 1..]),
                _ => end,
            },
            None => end,
        };
        lead + &whole
    };
    let scope_row = match app.date_line() {
        Some(line) => date_line_row(line, width, opts),
        None => fit_row(
            vec![Span::raw(" ")],
            &scope_text,
            Style::new(),
            vec![Span::styled(right, DIM), Span::raw(" ")],
            width,
            opts,
        ),
    };
    let text_width = width.saturating_sub(1);
    let message = message_line(app, text_width, opts);
    // A message too long for one row takes both (a problem's file and what to do are often
    // at its end); the scope is back with the hints when it goes.
    if let Some(m) = message
        .as_ref()
        .filter(|m| area.height >= 2 && text::line_width(m, opts) > text_width)
    {
        let rows = text::wrap(&m.spans, text_width, opts);
        for (y, row) in (area.y..area.y + 2).zip([rows.first(), rows.get(1)]) {
            let row = match (y > area.y, rows.len() > 2, row) {
                (true, true, Some(row)) => {
                    let mut cut = row.clone();
                    cut.spans.push(Span::raw("…"));
                    cut
                }
                (_, _, row) => row.cloned().unwrap_or_default(),
            };
            let mut line = Line::from(Span::raw(" ")).style(m.style);
            line.spans
                .extend(truncate_line(&row, text_width, opts).spans);
            put_line(buf, area.x, y, &line, area.width, opts);
        }
        return;
    }
    let mut second = Line::from(Span::raw(" "));
    second.spans.extend(match message {
        Some(m) => truncate_line(&m, text_width, opts).spans,
        None => hint_line(app, text_width, opts).spans,
    });
    if area.height >= 2 {
        put_line(buf, area.x, area.y, &scope_row, area.width, opts);
        put_line(buf, area.x, area.y + 1, &second, area.width, opts);
    } else if app.message().is_some() {
        put_line(buf, area.x, area.y, &second, area.width, opts);
        return;
    } else {
        put_line(buf, area.x, area.y, &scope_row, area.width, opts);
    }
    if app.date_line().is_some()
        && let Some(cell) = caret_cell(&scope_row, (area.x, area.y), width, opts)
    {
        app.view.caret = Some(cell);
    }
}

/// The cell of the caret `▏` drawn in `line`, put at `at` in `width` columns: where the
/// terminal's cursor goes.
pub(super) fn caret_cell(
    line: &Line,
    at: (u16, u16),
    width: usize,
    opts: text::TextOptions,
) -> Option<(u16, u16)> {
    let mut column = 0;
    for span in &line.spans {
        if let Some(caret) = span.content.find('▏') {
            column += text::str_width(&span.content[..caret], opts);
            return Some((at.0 + column.min(width.saturating_sub(1)) as u16, at.1));
        }
        column += text::str_width(&span.content, opts);
    }
    None
}

/// The date being typed to go to, in place of the scope, and what it may be.
fn date_line_row(line: &LineEdit, width: usize, opts: text::TextOptions) -> Line<'static> {
    let typed = format!(
        "{}▏{}",
        text::single_line(line.before_cursor()),
        text::single_line(line.after_cursor())
    );
    // What is typed before the words about it, on a narrow bar (tester CQ: at 20 columns
    // the label left one character of it in sight).
    let label = " 日期 go to date: ";
    let label = match text::str_width(label, opts) + text::str_width(&typed, opts) > width {
        true => " 日期: ",
        false => label,
    };
    // Its end, the cursor's side, where even that is too long (tester CZ: `2026-08-19ab…`).
    let room = width.saturating_sub(text::str_width(label, opts));
    if text::str_width(&typed, opts) > room {
        let typed = text::truncate_left(&typed, room, opts).into_owned();
        return Line::from(vec![Span::styled(label, FOCUS), Span::raw(typed)]);
    }
    // The forms it takes, as many as fit whole (tester DW: at 80 columns `… or und…`), a
    // comma and a space between two.
    let mut room = (room + 2).saturating_sub(text::str_width(&typed, opts) + 3);
    let forms: Vec<&str> = (date_jump::FORMS.iter())
        .map_while(|form| {
            room = room.checked_sub(text::str_width(form, opts) + 2)?;
            Some(*form)
        })
        .collect();
    Line::from(vec![
        Span::styled(label, FOCUS),
        Span::raw(typed),
        Span::styled(format!("   {}", forms.join(", ")), DIM),
    ])
}

/// `s` in at most `max` columns: its start, `…`, and as much of its end.
pub(crate) fn cut_middle(s: &str, max: usize, opts: text::TextOptions) -> String {
    if text::str_width(s, opts) <= max {
        return s.to_string();
    }
    let end = text::truncate_left(s, max / 2, opts);
    let ellipsis = text::str_width("…", opts);
    let start = text::cut_with_ellipsis(s, max - text::str_width(&end, opts) + ellipsis, opts);
    format!("{}{end}", start.strip_suffix('…').unwrap_or(&start))
}

/// A styled line cut to `max` columns, the last span ending with `…` when anything was cut.
pub(crate) fn truncate_line(
    line: &Line<'static>,
    max: usize,
    opts: text::TextOptions,
) -> Line<'static> {
    let mut left = max;
    let total = text::line_width(line, opts);
    if total <= max {
        return line.clone();
    }
    let mut spans = Vec::new();
    for span in &line.spans {
        let w = text::str_width(&span.content, opts);
        let ellipsis = text::str_width("…", opts);
        if w + ellipsis <= left {
            spans.push(span.clone());
            left -= w;
        } else {
            // Cut here, the `…` with it: a span that fits with no room for the `…` after it
            // is cut too, or the line would end without one though more of it is left out.
            let cut = text::cut_with_ellipsis(&span.content, left, opts);
            spans.push(Span::styled(cut.into_owned(), span.style));
            break;
        }
    }
    Line::from(spans)
}

/// A count of stories where files are still being indexed (`pending`): `…` with none
/// counted yet, `12+` with some, as they are not all counted.
pub(super) fn pending_count(n: usize, pending: bool) -> String {
    match (pending, n) {
        (true, 0) => "…".to_string(),
        (true, n) => format!("{n}+"),
        (false, n) => n.to_string(),
    }
}

#[cfg(test)]
mod truncate_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A line cut to fit ends with `…`, whatever span the cut falls in or after.
        #[test]
        fn a_cut_line_fits_and_ends_with_an_ellipsis(
            pieces in prop::collection::vec("[a-z中]{1,6}", 1..6),
            max in 1usize..30,
        ) {
            let opts = text::TextOptions::default();
            let line = Line::from(pieces.iter().map(|p| Span::raw(p.clone())).collect::<Vec<_>>());
            let cut = truncate_line(&line, max, opts);
            prop_assert!(text::line_width(&cut, opts) <= max);
            if text::line_width(&line, opts) > max {
                let shown: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
                prop_assert!(shown.ends_with('…'), "{:?} → {:?}", pieces, shown);
            }
        }
    }
}
