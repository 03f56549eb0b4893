//! The non-interactive subcommands' output: aligned text for people, one JSON array for
//! scripts.

use super::json::{JsonArray, ROWS_AT_ONCE, print_json};
use super::table::{Fit, READABLE_COLUMN, print_table};
use crate::index::{DigestInfo, ItemView};
use crate::library::{Library, MIN_ID_START, Missing, Unknown};
use crate::model::date_label;
use crate::text::{TextOptions, plural};
use crate::tui::ui;
use anyhow::bail;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::IsTerminal;
use std::process::ExitCode;

#[derive(Serialize)]
struct DigestRow<'a> {
    id: &'a str,
    date: Option<String>,
    source: &'a str,
    title: &'a str,
    path: String,
    items: usize,
    /// Of its items, those listed under another digest (a copy of it, or another edition of
    /// the day), as `items` and searches list each story once.
    elsewhere: usize,
    categories: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct ItemRow<'a> {
    pub id: &'a str,
    /// None for a story known only by its bookmark.
    pub digest: Option<&'a str>,
    pub date: Option<String>,
    pub source: &'a str,
    /// The outlet the story names (`来源：量子位`), which `--source` and `source:` find it
    /// by too.
    pub outlet: Option<&'a str>,
    pub category: Option<&'a str>,
    /// The part of the digest the story is in, where the publication has parts (AI News
    /// Hub's 中国媒体聚焦 / 美国媒体聚焦), as `show` prints it.
    pub region: Option<&'a str>,
    /// The unified category, and whether it was inferred by keywords.
    pub unified: Option<&'a str>,
    pub unified_inferred: bool,
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub path: String,
    /// The reader's marks on it (tester BK: a script could not ask for the stories unread).
    pub read: bool,
    pub bookmarked: bool,
}

/// The reader's marks on stories, from the state file, for the JSON of `items`, `search` and
/// `show`.
#[derive(Default)]
pub struct Marks {
    read: crate::state::ReadMarks,
    bookmarked: std::collections::HashSet<String>,
    /// The state file could not be used: the JSON marks nothing, and the command exits 2
    /// once it has printed it, as `bookmarks` does (tester CO: 0, and a script took the
    /// marks for true).
    unusable: bool,
}

impl Marks {
    /// The marks the state file at `path` holds: none where there is no such file or it
    /// cannot be read, which is said, as a state file found broken is (tester BO: the
    /// marks were what could be read of it, unsaid). A story of `library` retitled since it
    /// was marked has its marks under its new id too, as the reader finds them (tester DC:
    /// they were false until a reader had run).
    pub fn of(path: Option<&std::path::Path>, library: &Library) -> Marks {
        let state = path.map(crate::state::StateFile::open);
        let loaded = match state {
            Some(Ok((_, loaded))) => loaded,
            Some(Err(e)) => {
                warn(format_args!("{e}; no story is marked read or bookmarked"));
                return Marks {
                    unusable: true,
                    ..Marks::default()
                };
            }
            None => return Marks::default(),
        };
        for notice in &loaded.notices {
            warn(notice);
        }
        // Read in part, with no backup of its last save to make it whole, as `bookmarks`
        // counts it (a review).
        let short = loaded.notices.iter().any(|n| n.backup.is_none());
        // As the reader takes them at its start: bookmarks, with their stories' read marks,
        // to the ids their stories have now, then the read marks of stories retitled.
        let mut state = loaded.state;
        state.apply_all(&super::bookmarks::moves(&state, library));
        for id in library.ids_now(state.read.iter()) {
            state.read.insert(&id);
        }
        Marks {
            bookmarked: state.bookmarks.into_iter().map(|b| b.id).collect(),
            read: state.read,
            unusable: short,
        }
    }

    /// The exit status of a command that printed these marks and ended with `code`.
    pub fn status(&self, code: ExitCode) -> ExitCode {
        match self.unusable && code == ExitCode::SUCCESS {
            true => ExitCode::from(2),
            false => code,
        }
    }
}

impl<'a> ItemRow<'a> {
    pub fn new(d: &'a DigestInfo, i: &ItemView<'a>, marks: &Marks) -> Self {
        ItemRow {
            id: i.id,
            digest: Some(&d.id),
            date: d.date.map(|d| d.to_string()),
            source: &d.source,
            outlet: i.outlet,
            category: i.category,
            region: i.region,
            unified: i.unified,
            unified_inferred: i.unified_inferred,
            title: i.title,
            url: i.url,
            path: d.path.display().to_string(),
            read: marks.read.contains(i.id),
            bookmarked: marks.bookmarked.contains(i.id),
        }
    }

    /// A story its digest no longer has, as its bookmark kept it.
    fn kept_in(mark: &'a crate::state::Bookmark, marks: &Marks) -> Self {
        ItemRow {
            id: &mark.id,
            digest: None,
            date: mark.date.clone(),
            source: &mark.source,
            outlet: mark.outlet.as_deref(),
            category: mark.category.as_deref(),
            region: None,
            unified: None,
            unified_inferred: false,
            title: &mark.title,
            url: mark.url.as_deref(),
            path: mark.path.clone(),
            read: marks.read.contains(&mark.id),
            bookmarked: true,
        }
    }
}

/// What `items` narrows to. Category and source are matched as the search's `category:` and
/// `source:` match them: folded, any part of the name.
pub struct ItemFilter {
    /// Each kind: any of them, or every one when empty.
    date: Vec<String>,
    category: Vec<String>,
    source: Vec<String>,
    /// A digest's id, as `ribao list` gives it.
    digest: Option<String>,
}

impl ItemFilter {
    pub fn new(date: Vec<String>, category: &[String], source: &[String]) -> Self {
        let fold = |names: &[String]| names.iter().map(|s| crate::search::fold(s)).collect();
        ItemFilter {
            date,
            category: fold(category),
            source: fold(source),
            digest: None,
        }
    }

    /// Only the stories of the digest with id `digest`.
    pub fn of_digest(self, digest: Option<&str>) -> Self {
        ItemFilter {
            digest: digest.map(|d| crate::model::id_as_typed(d).into_owned()),
            ..self
        }
    }

    fn narrows(&self) -> bool {
        !(self.date.is_empty() && self.category.is_empty() && self.source.is_empty())
            || self.digest.is_some()
    }

    /// A story of digest `d`. Its source is its publication's name or the outlet it names
    /// (来源：量子位), as for `search`'s `source:`.
    fn accepts_item(&self, d: &DigestInfo, i: &ItemView) -> bool {
        let names = |name: Option<&str>, want: &str| {
            name.is_some_and(|name| crate::search::names(name, want))
        };
        let any = |wanted: &[String], fits: &dyn Fn(&str) -> bool| {
            wanted.is_empty() || wanted.iter().any(|want| fits(want))
        };
        let category = i.category.unwrap_or(crate::categories::UNCATEGORIZED);
        any(&self.category, &|want| {
            names(Some(category), want) || names(i.unified, want)
        }) && any(&self.source, &|want| {
            names(Some(&d.source), want) || names(i.outlet, want)
        })
    }

    fn accepts_digest(&self, d: &DigestInfo) -> bool {
        (self.date.is_empty()
            || (self.date.iter()).any(|want| crate::model::date_within(d.date, want)))
            && self.digest.as_ref().is_none_or(|id| d.id == *id)
    }
}

/// The story `typed` names: by its id, else by the start of the id of one story alone.
pub(super) fn find_story<'a>(library: &'a Library, typed: &str) -> Option<ItemView<'a>> {
    library.find(typed).or_else(|| {
        let mut starting = library.ids_starting(typed);
        (starting.len() == 1).then(|| starting.remove(0))
    })
}

/// The id of the digest `typed` (an id as typed) names: its own, else that of the one digest
/// whose id starts with it ([`MIN_ID_START`] characters or more); Err says which several
/// do. One no digest has is given back, for the list to say so.
fn digest_named(library: &Library, typed: String) -> Result<String, String> {
    let ids = || library.digests().iter().map(|d| d.id.as_str());
    if typed.len() < MIN_ID_START || ids().any(|id| id == typed) {
        return Ok(typed);
    }
    let starting: Vec<&str> = ids().filter(|id| id.starts_with(&typed)).collect();
    match starting[..] {
        [] => Ok(typed),
        [one] => Ok(one.to_string()),
        _ => Err(ids_starting_said("digests'", &typed, &starting)),
    }
}

/// Why no story has the id `typed`: none was given, it is too short to be the start of one,
/// it starts several, it is a digest's (copied from `ribao list`), or none has it.
pub(super) fn unknown_id(library: &Library, typed: &str) -> String {
    // As typed, what is invisible in it written out (tester DB: `\e[2J\e]0;T\a` was said as
    // `;`).
    let shown = crate::text::visible(typed.trim());
    let typed = crate::model::id_as_typed(typed);
    let starting = library.ids_starting(&typed);
    if typed.is_empty() {
        "no story id given; `ribao items` lists the ids".into()
    } else if typed.len() < MIN_ID_START {
        format!(
            "{shown} is too short to name a story: give its whole id, or {MIN_ID_START} \
             characters or more that start it; `ribao items` lists the ids"
        )
    } else if starting.len() > 1 {
        let ids: Vec<&str> = starting.iter().map(|v| v.id).collect();
        ids_starting_said("stories'", &shown, &ids)
    } else if library.digests().iter().any(|d| d.id == typed) {
        format!(
            "{shown} is a digest's id (from `ribao list`); `ribao items --digest {shown}` lists its stories"
        )
    } else {
        format!("no story with id {shown}; `ribao items` lists the ids")
    }
}

/// `3 stories' ids start with ab (ab12…, ab34…, …): give more of the id`: `ids`, of
/// `whose` (`stories'`), start with what was `typed`.
pub(super) fn ids_starting_said(whose: &str, typed: &str, ids: &[&str]) -> String {
    let more = if ids.len() > 3 { ", …" } else { "" };
    format!(
        "{} {whose} ids start with {typed} ({}{more}): give more of the id",
        ids.len(),
        ids[..ids.len().min(3)].join(", ")
    )
}

/// A message for the user on stderr, made safe for the terminal: it can hold file names
/// and text from files. A stderr that is gone (the reader's window closed) is no reason to
/// panic: the message had no one to read it.
pub(super) fn warn(message: impl std::fmt::Display) {
    let message = message.to_string();
    say(format_args!("ribao: {}", crate::text::sanitize(&message)));
}

/// Writes to stderr, a line unless `text` is a progress line (`\r…`). A stderr that cannot
/// be written is let go: eprintln! would panic there, after a bookmark was saved or before
/// the index was.
pub(super) fn say(text: impl std::fmt::Display) {
    use std::io::Write;
    let text = text.to_string();
    let mut stderr = std::io::stderr();
    let _ = if text.starts_with('\r') {
        write!(stderr, "{text}")
    } else {
        writeln!(stderr, "{text}")
    };
}

/// What [`emit`] fails with when the reader of the output closed it (`ribao items | head`):
/// the program ends quietly, as other Unix tools do, with the status its command had
/// (`check` still says 1 when files failed).
#[derive(Debug, thiserror::Error)]
#[error("the output was closed")]
pub struct Closed;

/// Write to stdout. Any failure but [`Closed`] (a full disk) is an error: output cut short
/// must not pass for the whole.
pub(super) fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Closed.into()),
        Err(e) => Err(anyhow::anyhow!(
            "cannot write the output: {}",
            crate::io_error::in_words(&e)
        )),
    }
}

pub fn list(library: &Library, json: bool, opts: TextOptions) -> anyhow::Result<ExitCode> {
    let rows: Vec<DigestRow> = library
        .digests()
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let listed = library.listed_items(n).count();
            DigestRow {
                id: &d.id,
                date: d.date.map(|d| d.to_string()),
                source: &d.source,
                title: &d.title,
                path: d.path.display().to_string(),
                items: d.items.len(),
                elsewhere: d.items.len() - listed,
                categories: library.categories_of(n),
            }
        })
        .collect();
    if json {
        print_json(&rows)?;
    } else {
        // The count is kept whole however narrow the terminal; what it says of stories
        // listed elsewhere is a column of its own, which gives way (`20000 i…` was the count).
        let elsewhere = rows.iter().any(|r| r.elsewhere > 0);
        // Numbers right-aligned, as they are read (tester CF: `35 stories` over `150 stories`).
        let digits = rows
            .iter()
            .map(|r| r.items.to_string().len())
            .max()
            .unwrap_or(0);
        let number = |r: &DigestRow| format!("{:>digits$}", r.items);
        let counted = |r: &DigestRow| match r.items {
            1 => format!("{} story", number(r)),
            _ => format!("{} stories", number(r)),
        };
        let dated = |r: &DigestRow| r.date.clone().unwrap_or_else(|| date_label(None));
        let widest = |cell: &dyn Fn(&DigestRow) -> String| {
            rows.iter().map(|r| cell(r).len()).max().unwrap_or(0)
        };
        let kept = widest(&|r| r.id.to_string()) + widest(&dated) + widest(&counted) + 3 * 2;
        // Too narrow a terminal for a readable title beside them, the counts are numbers
        // alone (tester V: at 43 columns a title kept 2 or 3 characters).
        let bare = terminal_room().is_some_and(|room| room < kept + READABLE_COLUMN);
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                // The file last, as the store names it: two digests of a day (a copy
                // beside its raw digest) can have the same source and title.
                let file = named_in_store(library, std::path::Path::new(&r.path));
                let mut row = vec![
                    r.id.to_string(),
                    dated(r),
                    r.source.to_string(),
                    match bare {
                        true => number(r),
                        false => counted(r),
                    },
                ];
                if elsewhere {
                    row.push(match r.elsewhere {
                        0 => String::new(),
                        n => format!("({n} listed under another digest)"),
                    });
                }
                row.push(r.title.to_string());
                row.push(file);
                row
            })
            .collect();
        use Fit::{Droppable, End, Keep, Spare, Start, Yielding};
        let fits: &[Fit] = match elsewhere {
            true => &[Keep, Yielding, Droppable, Keep, Spare, End, Start],
            false => &[Keep, Yielding, Droppable, Keep, End, Start],
        };
        print_table(&table, fits, opts)?;
    }
    warn_about_store(library);
    Ok(ExitCode::SUCCESS)
}

/// What a list leaves out needs a word: files that could not be read (a store of nothing
/// else holds digest files, just none readable), or a store with no digest file at all.
fn warn_about_store(library: &Library) {
    let store = library.origin.store().display();
    let empty = library.digests().is_empty();
    match library.skipped_files() {
        0 if empty => warn(format_args!(
            "no digest files (.md, .markdown, .txt) in {store}"
        )),
        0 => {}
        n => {
            let none = if empty {
                format!("no readable digest in {store}: ")
            } else {
                String::new()
            };
            // One is named, with why, as the reader names it (tester DS: a store of one
            // unreadable file printed nothing and named nothing).
            match library.skipped().collect::<Vec<_>>().as_slice() {
                [one] => warn(format_args!(
                    "{none}{} skipped: {}",
                    named_in_store(library, &one.path),
                    one.message
                        .strip_suffix("; skipped")
                        .unwrap_or(&one.message)
                )),
                _ => warn(format_args!(
                    "{none}{} skipped — `ribao check` says why",
                    plural(n, "file", "files")
                )),
            }
        }
    }
}

/// `marks`: the reader's, for the JSON.
pub fn items(
    library: &Library,
    mut filter: ItemFilter,
    json: bool,
    opts: TextOptions,
    marks: &Marks,
) -> anyhow::Result<ExitCode> {
    let digests = library.digests();
    // A digest's id given by its start, as a story's is to `show` (tester CI).
    if let Some(typed) = filter.digest.take() {
        match digest_named(library, typed) {
            Ok(id) => filter.digest = Some(id),
            Err(said) => {
                warn(said);
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    // One digest asked for: all its stories, those listed under another digest too (a copy
    // of another file listed none).
    let repeats = filter.digest.is_some();
    let found: Vec<(&DigestInfo, ItemView)> = (0..digests.len())
        .filter(|&d| filter.accepts_digest(&digests[d]))
        .flat_map(|d| {
            library
                .stories_of(d, repeats)
                .map(move |i| (&digests[d], library.item(i)))
        })
        .filter(|(d, i)| filter.accepts_item(d, i))
        .collect();
    if json {
        print_json(
            &found
                .iter()
                .map(|(d, i)| ItemRow::new(d, i, marks))
                .collect::<Vec<_>>(),
        )?;
    } else {
        let table: Vec<Vec<String>> = found
            .iter()
            .map(|(d, i)| {
                vec![
                    i.id.to_string(),
                    date_label(d.date),
                    d.source.clone(),
                    i.category.unwrap_or_default().to_string(),
                    i.title.to_string(),
                ]
            })
            .collect();
        use Fit::{Droppable, End, Keep, Yielding};
        print_table(&table, &[Keep, Yielding, Droppable, Droppable, End], opts)?;
    }
    warn_about_store(library);
    if let Some(id) = filter.digest.as_ref()
        && !library.digests().iter().any(|d| d.id == *id)
    {
        // Too short to be taken for the start of one, as a story's (tester CO).
        let short = match id.len() < MIN_ID_START {
            true => format!(" (its start names one with {MIN_ID_START} characters or more)"),
            false => String::new(),
        };
        warn(format_args!(
            "no digest with id {}{short}; `ribao list` gives each digest's id",
            crate::text::visible(id)
        ));
        return Ok(ExitCode::FAILURE);
    }
    // A date no digest has is the likeliest reason (tester BE: today's date, where the
    // archive ends months before).
    if let Some(none) = found
        .is_empty()
        .then(|| no_digest_dated(library, &filter.date))
        .flatten()
    {
        warn(format_args!("{none}; `ribao list` shows the dates"));
        return Ok(ExitCode::FAILURE);
    }
    // A name nothing has, said as `search` says it (tester BH: the same words as for
    // filters that exclude each other), beside the stories of the other names too.
    if let Some(unknown) = library.unknown_among(&filter.source, &filter.category) {
        if !found.is_empty() {
            warn(unknown.beside_results());
        } else if let Some(why) = unknown.why_none() {
            warn(format_args!("{why}"));
            return Ok(ExitCode::FAILURE);
        }
    }
    if found.is_empty() && filter.narrows() {
        warn(format_args!(
            "no story matches these filters; `ribao list` shows the dates and sources, \
             `ribao items` each story's category and `ribao categories` the unified ones"
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// What to say when no digest has a date among `dates` (as [`crate::model::date_prefix`]
/// writes them), with the dates there are; None when one has, or none is asked for.
fn no_digest_dated(library: &Library, dates: &[String]) -> Option<String> {
    let digests = library.digests();
    let had = |want: &String| (digests.iter()).any(|d| crate::model::date_within(d.date, want));
    if dates.is_empty() || dates.iter().any(had) {
        return None;
    }
    // Each date asked for said, `undated` as a word (it said only the first's).
    let asked: Vec<String> = (dates.iter())
        .map(|d| match d.as_str() {
            crate::model::UNDATED => d.clone(),
            _ => format!("dated {d}"),
        })
        .collect();
    // The dates there are help only where a date was asked for (tester CB: `no digest is
    // undated (the newest is …)`); both ends, for a date before them too (tester CC).
    let dated = || digests.iter().filter_map(|d| d.date);
    let span = match (dated().min(), dated().max()) {
        (Some(oldest), Some(newest)) if dates.iter().any(|d| d != crate::model::UNDATED) => {
            match oldest == newest {
                true => format!(" (every digest is dated {newest})"),
                false => format!(" (the dates run from {oldest} to {newest})"),
            }
        }
        _ => String::new(),
    };
    Some(format!("no digest is {}{span}", asked.join(" or ")))
}

/// A bookmarked story its digest no longer has: what the bookmark kept of it.
fn show_bookmark(
    library: &Library,
    mark: &crate::state::Bookmark,
    json: bool,
    width: Option<u16>,
    opts: TextOptions,
    marks: &Marks,
) -> anyhow::Result<ExitCode> {
    if json {
        // The shape of a story shown from its file; what the bookmark did not keep is null.
        let row = StoryRow {
            item: ItemRow::kept_in(mark, marks),
            body: mark.text.as_deref().filter(|b| !b.is_empty()),
        };
        emit(&(super::json::pretty(&row)? + "\n"))?;
    } else {
        let meta = mark.meta();
        // As the reader shows it: what is invisible in it percent-encoded, not dropped to
        // show another address (tester AW).
        let link = mark
            .url
            .as_deref()
            .map(|u| format!("🔗 {}\n", crate::text::address(u)))
            .unwrap_or_default();
        // Its title and what it came from each on one line, as a story's (tester CA: a hand
        // edit's took two); an untitled one says so.
        emit(&format!(
            "{}\n{}\n{link}",
            crate::text::single_line(mark.shown_title()),
            crate::text::single_line(&meta)
        ))?;
        // The text it kept, as a story's is shown.
        if let Some(body) = &mark.text {
            emit("\n")?;
            print_story(width, opts, |width, opts| {
                crate::text::render_story(body, mark.url.as_deref(), width, opts).lines
            })?;
        }
    }
    // As the reader says it.
    let missing = library.why_missing(&mark.path);
    let file = match missing {
        Missing::Unnamed => "the bookmark".into(),
        _ => crate::text::visible(&mark.path),
    };
    let why = match missing {
        Missing::Sample => {
            "is a built-in sample, not shown now that the store has digests of its own".into()
        }
        Missing::Story => "no longer has this story".into(),
        Missing::Unreadable(why) => format!("could not be read ({why})"),
        Missing::File => "is gone".into(),
        Missing::Elsewhere => "is not in this store (--store its folder to read it)".into(),
        Missing::Unnamed => "names no digest file".into(),
    };
    let kept = match mark.text {
        Some(_) => "",
        None => ", which kept none of its text",
    };
    warn(format_args!(
        "{file} {why}; the story is shown as its bookmark kept it{kept}"
    ));
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct SearchRow<'a> {
    #[serde(flatten)]
    item: ItemRow<'a>,
    /// None for a story with no text (tester DC: `""`, where a field without a value is
    /// null).
    snippet: Option<Cow<'a, str>>,
}

/// `marks`: the reader's, for the JSON.
pub fn search(
    library: &Library,
    query: &str,
    json: bool,
    opts: TextOptions,
    marks: &Marks,
) -> anyhow::Result<ExitCode> {
    let q = crate::search::Query::parse(query);
    if q.is_empty() {
        bail!("the query “{query}” has nothing to search for");
    }
    if let Some(problem) = q.problem() {
        bail!("{problem}");
    }
    if let Some(advice) = library.quoting_advice(query) {
        warn(advice);
    }
    let snippets = crate::search::Snippets::new(&q.words());
    let found = library.search(&q, None);
    // Snippets made a batch at a time, each written before the next is made.
    let hits = found.chunks(ROWS_AT_ONCE).map(|batch| {
        batch
            .par_iter()
            .map(|&n| {
                let i = library.item(n);
                let snippet = snippets.of(library.index().text_of(n));
                (&library.digests()[i.digest], i, snippet)
            })
            .collect::<Vec<_>>()
    });
    if json {
        let mut array = JsonArray::new(emit);
        for batch in hits {
            let rows: Vec<SearchRow> = batch
                .iter()
                .map(|(d, i, snippet)| SearchRow {
                    item: ItemRow::new(d, i, marks),
                    // A script printing it passes nothing to the terminal that the digest's
                    // text held (C1 controls, bidi overrides); emoji stay as written, the
                    // terminal forms being the text output's.
                    snippet: Some(crate::text::clean_text(&snippet.text)).filter(|s| !s.is_empty()),
                })
                .collect();
            array.push(&rows)?;
        }
        array.finish()?;
    } else {
        // On a terminal a story and its snippet take a row each, as in the reader (wrapped
        // by the terminal, every other snippet took two); piped, they are whole.
        let room = terminal_room();
        let marks = crate::search::Highlighter::new(&q.words());
        for batch in hits {
            let mut out = String::new();
            for (d, i, snippet) in &batch {
                let (id, date) = (i.id, date_label(d.date));
                let (source, title) = (
                    crate::text::sanitize(&d.source),
                    crate::text::sanitize(i.title),
                );
                let head = format!("{id}  {date}  {source}  {title}");
                match room {
                    Some(width) => {
                        // The publication gives way before the title is cut short, then the
                        // date, as in `items` (tester U: `…  Bubble's Brain…` and no title at
                        // 43 columns; tester CN: one character of it at 30).
                        let title_w = crate::text::str_width(&title, opts);
                        let befores = [
                            format!("{id}  {date}  {source}  "),
                            format!("{id}  {date}  "),
                            format!("{id}  "),
                        ];
                        let readable = |before: &&String| {
                            let w = crate::text::str_width(before, opts);
                            w + title_w <= width || w + READABLE_COLUMN <= width
                        };
                        let before = befores.iter().find(readable).unwrap_or(&befores[2]);
                        // As the reader's results show them: the terms marked, and what leads
                        // up to a match cut so that it stays in sight, in the title where the
                        // snippet shows none (tester DG: a title's only match was cut off).
                        let room = width.saturating_sub(crate::text::str_width(before, opts));
                        let keep_match = !ui::is_marked(snippet, &marks);
                        let plain = Style::default();
                        let title = ui::marked_title(&title, &marks, plain, room, keep_match, opts);
                        let head = std::iter::once(Span::raw(before.clone())).chain(title.spans);
                        let head = ui::truncate_line(&Line::from_iter(head), width, opts);
                        let snippet = ui::snippet_line(snippet, &marks, width, opts);
                        out.push_str(&printed(&[head, snippet]));
                    }
                    None => {
                        let text = match snippet.text.trim() {
                            "" => crate::article::NO_TEXT,
                            _ => &snippet.text,
                        };
                        let text = crate::text::sanitize(text);
                        let indent = crate::tui::ui::SNIPPET_INDENT;
                        out.push_str(&format!("{head}\n{indent}{text}\n"));
                    }
                }
            }
            emit(&out)?;
        }
    }
    // Stories in files that could not be read are not found: said as `list` says it.
    warn_about_store(library);
    let unknown = library.unknown_name(&q);
    if let Some(unknown) = unknown.as_ref().filter(|_| !found.is_empty()) {
        warn(unknown.beside_results());
    }
    if found.is_empty() {
        // A shell-quoted argument with a space is one phrase: say so, since quoting a whole
        // query is a common way to type one.
        // (A quoted filter, `source:"AI 日报"`, is no phrase.)
        let phrase = if q.words().iter().chain(&q.excluded).any(|t| t.contains(' ')) {
            "; a quoted argument is searched as one phrase: leave the quotes off to search its words apart"
        } else {
            ""
        };
        // As `items` says it (tester BI: `--date today` said only that nothing matched).
        let named = match (unknown.and_then(Unknown::why_none))
            .or_else(|| no_digest_dated(library, &q.dates))
            .or_else(|| q.unknown_filter())
        {
            Some(why) => format!(": {why}"),
            None => String::new(),
        };
        let query = crate::search::said_query(query, TextOptions::default());
        let query = crate::search::quoted(&query);
        warn(format_args!("no story matches {query}{phrase}{named}"));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// A story with its text, for `show --json`.
#[derive(Serialize)]
struct StoryRow<'a> {
    #[serde(flatten)]
    item: ItemRow<'a>,
    /// The story's text as the digest has it (Markdown); None for a story without any
    /// (tester DC: `""`, where a field without a value is null).
    body: Option<&'a str>,
}

/// `state`: the state file, where a story gone from its digest may still be bookmarked;
/// `marks`: the reader's, for the JSON.
pub fn show(
    library: &Library,
    id: &str,
    width: Option<u16>,
    json: bool,
    opts: TextOptions,
    state: Option<&std::path::Path>,
    marks: &Marks,
) -> anyhow::Result<ExitCode> {
    let typed = crate::model::id_as_typed(id);
    // No id at all is a usage error, as clap's are (exit 2), not a story not found.
    if typed.is_empty() {
        warn(unknown_id(library, id));
        return Ok(ExitCode::from(2));
    }
    // By the start of its id too, as a story's, where no story's id starts so (tester CQ: a
    // bookmark's whole id showed it, its start did not; tester CT: of several stories', the
    // one bookmarked was shown, unsaid).
    let kept = || {
        let (_, loaded) = crate::state::StateFile::open(state?).ok()?;
        super::bookmarks::bookmark_not_in(library, &loaded.state, &typed).cloned()
    };
    let view = match find_story(library, id) {
        Some(view) => view,
        // A bookmarked story retitled since is found by its bookmark.
        None => match kept() {
            Some(mark) => match library.find_bookmarked(&mark) {
                Some(view) => view,
                None => return show_bookmark(library, &mark, json, width, opts, marks),
            },
            None => {
                warn(unknown_id(library, id));
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    let digest = &library.digests()[view.digest];
    let item = library.story(view.index).map_err(anyhow::Error::msg)?;
    if json {
        let row = StoryRow {
            item: ItemRow::new(digest, &view, marks),
            body: Some(item.body.as_str()).filter(|b| !b.is_empty()),
        };
        emit(&(super::json::pretty(&row)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    print_story(width, opts, |width, opts| {
        crate::article::lines(digest, &item, width, opts)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A story's `lines`, made for `width` columns (the terminal's when not given, 20 at
/// least) with addresses kept whole, printed and ended with a newline.
fn print_story(
    width: Option<u16>,
    opts: TextOptions,
    lines: impl FnOnce(usize, TextOptions) -> Vec<ratatui::text::Line<'static>>,
) -> anyhow::Result<()> {
    let width = width.map_or_else(terminal_width, usize::from).max(20);
    let opts = TextOptions {
        whole_urls: true,
        ..opts
    };
    let out = printed(&lines(width, opts));
    emit(&out)?;
    if !out.ends_with('\n') {
        emit("\n")?;
    }
    Ok(())
}

/// `lines` as text, styled for a terminal unless the user asked for no colour or the
/// terminal cannot show it.
fn printed(lines: &[ratatui::text::Line<'_>]) -> String {
    let styled = std::io::stdout().is_terminal() && colours_wanted();
    match styled {
        true => crate::text::lines_to_ansi(lines),
        false => crate::text::lines_to_plain(lines),
    }
}

/// Unless the user asked for none (https://no-color.org: `NO_COLOR` set and not empty) or
/// the terminal has none.
pub(super) fn colours_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal_has_colours()
}

/// Whether the terminal draws colours, as its terminfo entry counts them (`vt100`, `dumb`
/// and `-mono` entries have none). `COLORTERM` says it has; a terminal with no entry found
/// is taken to have them, as nearly every one in use does.
fn terminal_has_colours() -> bool {
    if std::env::var_os("COLORTERM").is_some_and(|v| !v.is_empty()) {
        return true;
    }
    let term = std::env::var("TERM").unwrap_or_default();
    // Named for systems without a terminfo database.
    if term == "dumb" || term.ends_with("-mono") {
        return false;
    }
    match termini::TermInfo::from_name(&term) {
        Ok(entry) => entry
            .number_cap(termini::NumberCapability::MaxColors)
            .is_some_and(|n| n >= 8),
        Err(_) => true,
    }
}

/// The columns a line printed may take: the terminal's width when the output goes to one
/// (at least 20), None when it is piped.
pub(super) fn terminal_room() -> Option<usize> {
    std::io::stdout()
        .is_terminal()
        .then(|| terminal_width().max(20))
}

/// The width to print to: `COLUMNS` where it is set to a number, as `ls` and `git` take it
/// (tester DC: it was taken piped but not at a terminal, unsaid), up to what `--width`
/// takes (a review: 999999 drew rules of a megabyte; and crossterm, asked, read it by
/// `tput` into a number it overflowed), else the terminal's, else 80 where there is none or
/// it says 0 (some CI and container terminals do).
fn terminal_width() -> usize {
    let set = std::env::var("COLUMNS").ok();
    let set = set.and_then(|c| c.trim().parse::<u64>().ok());
    let set = set.map(|w| w.min(u64::from(u16::MAX)) as usize);
    let terminal = || {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
    };
    set.filter(|&w| w > 0)
        .or_else(|| terminal().filter(|&w| w > 0))
        .unwrap_or(80)
}

#[derive(Serialize)]
struct CheckRow<'a> {
    path: String,
    ok: bool,
    items: usize,
    date: Option<String>,
    format: Option<&'a str>,
    source: Option<&'a str>,
    warnings: Vec<&'a str>,
    error: Option<&'a str>,
    /// Not read: a failure, which `error` names (binary, empty, unreadable), or, when `ok`,
    /// left alone on purpose (a link back up the store, a pipe).
    skipped: bool,
}

pub fn check(library: &Library, json: bool) -> anyhow::Result<ExitCode> {
    // A date still to come (see `model::has_come`): said of the day, not kept in the index.
    let ahead: Vec<Option<String>> = library
        .digests()
        .iter()
        .map(|d| {
            let date = d.date.filter(|&date| !crate::model::has_come(date))?;
            Some(format!(
                "dated {date}, which has not come: the reader opens on the newest date that \
                 has, and counts its recent days from it"
            ))
        })
        .collect();
    let mut rows: Vec<CheckRow> = library
        .digests()
        .iter()
        .zip(&ahead)
        .map(|(d, ahead)| CheckRow {
            path: d.path.display().to_string(),
            ok: !d.items.is_empty(),
            items: d.items.len(),
            date: d.date.map(|d| d.to_string()),
            format: Some(d.format.label()),
            source: Some(&d.source),
            // Why it failed is its error, not a warning (tester DC: `error` was null).
            warnings: (d.warnings.iter().map(String::as_str))
                .filter(|&w| w != crate::parse::NO_STORY)
                .chain(ahead.as_deref())
                .collect(),
            error: d.items.is_empty().then_some(crate::parse::NO_STORY),
            skipped: false,
        })
        .chain(library.problems.iter().map(|p| CheckRow {
            path: p.path.display().to_string(),
            ok: p.left_alone,
            items: 0,
            date: None,
            format: None,
            source: None,
            warnings: if p.left_alone {
                vec![&p.message]
            } else {
                Vec::new()
            },
            error: (!p.left_alone).then_some(p.message.as_str()),
            skipped: true,
        }))
        .collect();
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    let failed = rows.iter().filter(|r| !r.ok).count();
    let code = if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    match print_check(library, &rows, failed, json) {
        Err(e) if e.is::<Closed>() => Ok(code),
        printed => printed.map(|()| code),
    }
}

fn print_check(
    library: &Library,
    rows: &[CheckRow],
    failed: usize,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        print_json(rows)?;
    } else {
        // As `list` names them (tester CI: `check` wrote them whole).
        let named = |path: &str| named_in_store(library, std::path::Path::new(path));
        for r in rows {
            match (r.skipped, r.error) {
                (true, Some(e)) => emit(&crate::text::sanitize(&format!(
                    "FAIL  {}: {e}\n",
                    named(&r.path)
                )))?,
                (true, None) => emit(&crate::text::sanitize(&format!(
                    "skip  {}: {}\n",
                    named(&r.path),
                    r.warnings.join("; ")
                )))?,
                (false, error) => {
                    let date = r.date.as_deref().unwrap_or(crate::model::UNDATED);
                    let status = if r.ok { "ok  " } else { "FAIL" };
                    let mut line = format!(
                        "{status}  {}: {}, {date}, {}",
                        named(&r.path),
                        plural(r.items, "story", "stories"),
                        r.format.unwrap_or_default()
                    );
                    // Why it failed first, then what reading it had to guess or mend.
                    for w in error.iter().chain(&r.warnings) {
                        line.push_str("; ");
                        line.push_str(w);
                    }
                    emit(&crate::text::sanitize(&(line + "\n")))?;
                }
            }
        }
        let total = rows.iter().filter(|r| !(r.skipped && r.ok)).count();
        let items: usize = rows.iter().map(|r| r.items).sum();
        // Stories kept in two files are listed once (see `Index::is_repeat`); counted
        // without reading each story.
        let listed: usize = (0..library.digests().len())
            .map(|d| library.listed_items(d).count())
            .sum();
        let repeats = match items.saturating_sub(listed) {
            0 => String::new(),
            n => format!(" ({n} listed under another digest)"),
        };
        emit(&format!(
            "{}, {}{repeats}, {failed} failed\n",
            plural(total, "file", "files"),
            plural(items, "story", "stories")
        ))?;
    }
    Ok(())
}

/// A file as the commands name it: in the store, by its path there; what is invisible in it
/// written out (`\u{1b}`), so the name is one that can be found.
fn named_in_store(library: &Library, path: &std::path::Path) -> String {
    let named = path.strip_prefix(library.origin.store()).unwrap_or(path);
    crate::text::visible(&named.display().to_string()).into_owned()
}

/// On stderr, before any output: the stories are the built-in samples, not the user's.
pub(super) fn print_origin_notice(library: &Library) {
    if let crate::library::Origin::Samples { store } = &library.origin {
        say(format_args!(
            "(built-in sample digests: put your digest files in {} or pass --store DIR)",
            store.display()
        ));
    }
}
