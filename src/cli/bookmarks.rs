//! `ribao bookmarks` and `ribao bookmark add|remove`: the state file from the command line.

use super::report::{emit, say, unknown_id, warn};
use super::table::{Fit, lay_out};
use crate::library::{Library, MIN_ID_START, Missing};
use crate::state::{Bookmark, Change, StateFile};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// The state file, its state, and what was said of it on opening.
fn open(path: &Path) -> anyhow::Result<(StateFile, crate::state::State, Vec<String>)> {
    let (file, mut loaded) = StateFile::open(path)?;
    let told: Vec<String> = loaded.notices.iter().map(ToString::to_string).collect();
    tell(std::mem::take(&mut loaded.notices));
    // What this command does comes after it (tester AE: `bookmark add` called a bookmark a
    // reader had removed there already, and the next reader removed it).
    let state = with_unsaved(&file, loaded.state)?;
    let file = file.telling_waits(|lock, patience| {
        warn(format_args!(
            "waiting for {}, which another program holds (at most {} s)",
            lock.display(),
            patience.as_secs()
        ))
    });
    Ok((file, state, told))
}

/// `state` with what a reader could not save taken in, as the next reader would take it
/// (said, and saved when the file can be written; tester AR: `bookmarks` listed none of
/// it).
fn with_unsaved(
    file: &StateFile,
    state: crate::state::State,
) -> anyhow::Result<crate::state::State> {
    let folders = crate::state::unsaved::folders();
    let mut state = match crate::state::unsaved::take_in(file, &folders) {
        Some((said, _)) => {
            warn(said);
            file.apply(&[])?.state
        }
        None => state,
    };
    // What the state file cannot take yet (read-only, its lock held) is counted all the
    // same, as the reader it was made in showed it (tester AS: the list left it out); said
    // in words that fit `bookmark add` too (tester CH: "listed" where nothing was).
    let (changes, kept) = crate::state::unsaved::waiting(file.path(), &state, &folders);
    if state.apply_all(&changes) {
        let files: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
        warn(format_args!(
            "what a reader could not save to {} is taken in too: it is kept in {} until that \
             file can be written",
            file.path().display(),
            crate::text::and_list(&files)
        ));
    }
    Ok(state)
}

/// A state file found broken (at open, or changed under us before a save) was copied aside:
/// say where.
fn tell(notices: Vec<crate::state::Notice>) {
    for notice in notices {
        warn(notice);
    }
}

/// What a save found, but what opening said already (a file still found empty, its backup
/// read again: tester M saw it twice).
fn tell_new(notices: Vec<crate::state::Notice>, told: &[String]) {
    tell(
        notices
            .into_iter()
            .filter(|n| !told.contains(&n.to_string()))
            .collect(),
    );
}

/// Each bookmark with what the store holds of it now, as the reader's bookmarks view says:
/// its file could be gone (or its story moved to another) since the reader last ran, which
/// is when a bookmark's saved path follows its story (tester AD). `named`: the state file was
/// named (`--state`, `RIBAO_STATE`), not the default one a new user has not yet made.
pub fn list<'a>(
    state_path: &Path,
    named: bool,
    format: Format,
    library: impl FnOnce() -> anyhow::Result<&'a Library>,
    opts: crate::text::TextOptions,
) -> anyhow::Result<ExitCode> {
    let (file, loaded) = StateFile::open(state_path)?;
    // A list waits little for another program's lock: what it would save is counted anyway.
    let file = file.with_patience(std::time::Duration::from_secs(1));
    // A state file that could not be read whole lists what could be read of it, and the exit
    // status says the list may be short: an export must not pass for complete (tester AF).
    // Unless its last save's backup was read with it.
    let short = loaded.notices.iter().any(|n| n.backup.is_none());
    let restored = !short && !loaded.notices.is_empty();
    tell(loaded.notices);
    // What its backup gave back is written back, as a reader writes it, so it is said once
    // (tester DV: said at every run, the file left without it).
    if restored {
        let _ = file.apply(&[]);
    }
    let state = with_unsaved(&file, loaded.state)?;
    // Read only when there is a bookmark to look for; a store that cannot be read leaves
    // each as its saved path says, and is said (tester B: a missing store went unsaid, and
    // the JSON's flags all said false).
    let (library, store_unusable) = match state.bookmarks.is_empty() {
        true => (None, false),
        false => match library() {
            Ok(library) => (Some(library), false),
            // Listed all the same, and the exit status says the store could not be used, as
            // every other command's does (tester DX: 0, the flags all false).
            Err(e) => {
                warn(format_args!(
                    "{e:#} — each bookmark is listed as it was saved, its story not looked up \
                     (exit status 2)"
                ));
                (None, true)
            }
        },
    };
    let state = match library {
        Some(library) => followed(&file, state, library),
        None => state,
    };
    let marks = state.bookmarks_newest_first();
    let found: Vec<Found> = marks.iter().map(|m| Found::of(m, library)).collect();
    // A field a damaged state file lost is taken from the story, as the reader takes it
    // (tester M: `(untitled)` for a story the store holds).
    let marks: Vec<Bookmark> = marks
        .into_iter()
        .map(|m| {
            library
                .and_then(|l| l.refilled(m))
                .unwrap_or_else(|| m.clone())
        })
        .collect();
    let out = match format {
        Format::Json => {
            let rows: Vec<JsonRow> = marks
                .iter()
                .zip(&found)
                .map(|(mark, found)| JsonRow {
                    id: &mark.id,
                    date: mark.date.as_deref(),
                    source: &mark.source,
                    outlet: mark.outlet.as_deref(),
                    category: mark.category.as_deref(),
                    title: &mark.title,
                    url: mark.url.as_deref(),
                    path: &mark.path,
                    // A bookmark written in by hand may not say (tester CM).
                    added: Some(mark.added.as_str()).filter(|a| !a.is_empty()),
                    // None for a story without any, as `show` and `search` give it (tester
                    // DE: `""`).
                    text: mark.text.as_deref().filter(|t| !t.is_empty()),
                    extra: &mark.extra,
                    in_store: matches!(found.now, Some(Ok(_))),
                    moved_to: found.moved_to(mark),
                    file_gone: found.file_gone,
                    outside_store: found.elsewhere
                        || matches!(found.now, Some(Err(Missing::Elsewhere))),
                })
                .collect();
            super::json::pretty(&rows)? + "\n"
        }
        Format::Markdown => marks.iter().map(|b| markdown_line(b) + "\n").collect(),
        Format::Text => text_list(&marks, &found, opts)?,
    };
    emit(&out)?;
    if short {
        // The notice above says the file went on from empty: what that leaves, and why the
        // exit status is not 0 (tester AF: nothing more was said).
        warn(match marks.len() {
            0 => "no bookmark could be read from the state file (exit status 2)".to_string(),
            n => format!(
                "{n} bookmark{} read from the state file; it may have held more (exit status 2)",
                if n == 1 { "" } else { "s" }
            ),
        });
        return Ok(ExitCode::from(2));
    }
    if marks.is_empty() && format != Format::Json {
        // Said on stderr: the output stays empty for scripts. A state file named that is not
        // there is named (tester DV: a mistyped --state said only "no bookmarks yet").
        let missing = match named && !state_path.exists() {
            false => String::new(),
            true => format!(
                " (the state file {} is not there{}{})",
                state_path.display(),
                super::folder_to_make(state_path)
                    .map(|folder| format!(", nor its folder {}", folder.display()))
                    .unwrap_or_default(),
                super::paths::unexpanded_tilde(state_path)
            ),
        };
        warn(format_args!(
            "no bookmarks yet{missing} — b on a story in the reader, or ribao bookmark add ID"
        ));
    }
    Ok(match store_unusable {
        true => ExitCode::from(2),
        false => ExitCode::SUCCESS,
    })
}

/// The changes that take `state`'s bookmarks whose stories have new ids, with their read
/// marks, to those ids, as a reader does when it starts.
pub(super) fn moves(state: &crate::state::State, library: &Library) -> Vec<Change> {
    let marks = state
        .bookmarks_newest_first()
        .into_iter()
        .cloned()
        .collect();
    let moves = library.bookmark_moves(marks);
    // A file renamed is said (`moved_to`), the bookmark left naming it for a reader.
    let moves = moves
        .into_iter()
        .filter(|(old, mark)| *old != mark.id)
        .collect();
    Change::bookmark_moves(moves, |id| state.is_read(id))
}

/// `state` with the bookmarks whose stories have new ids following them, as a reader does
/// when it starts, and saved so (tester AY: a story retitled while no reader ran was listed
/// under its old title and id); listed so when the file cannot take it, which is said.
fn followed(
    file: &StateFile,
    mut state: crate::state::State,
    library: &Library,
) -> crate::state::State {
    let changes = moves(&state, library);
    if changes.is_empty() {
        return state;
    }
    if let Err(e) = file.apply(&changes) {
        warn(format_args!(
            "{e:#} — bookmarks whose stories have moved are listed as they are now; a reader \
             saves that when it can"
        ));
    }
    state.apply_all(&changes);
    state
}

/// The bookmarks as text: a row each (id, date, publication and category, title), its link
/// below, and what became of its story where something did.
fn text_list(
    marks: &[Bookmark],
    found: &[Found],
    opts: crate::text::TextOptions,
) -> anyhow::Result<String> {
    // In columns laid out as `items`' are (tester BG: the titles in one column): the
    // category, then the source, give way before the titles are cut short (tester DC: at 70
    // columns both were cut, `AI每日热点 ·…` beside a title cut too).
    let rows: Vec<Vec<String>> = (marks.iter())
        .map(|b| {
            let date = b.date.as_deref().unwrap_or(crate::model::UNDATED);
            let category = b.category.clone().unwrap_or_default();
            let title = b.shown_title().to_string();
            vec![b.id.clone(), date.into(), b.source.clone(), category, title]
        })
        .collect();
    use Fit::{Droppable, End, Keep, Yielding};
    let mut out = String::new();
    lay_out(
        &rows,
        &[Keep, Yielding, Droppable, Droppable, End],
        opts,
        |n, line| {
            let (b, found) = (&marks[n], &found[n]);
            // As the reader shows and opens it: what is invisible in it percent-encoded, not
            // dropped to show another address (tester AV: `/\u{202E}gnp.exe` was listed as
            // `/gnp.exe`). The link below its row stays whole to copy.
            let url = (b.url.as_deref())
                .map(|u| format!("\n    {}", crate::text::address(u)))
                .unwrap_or_default();
            // Said here, not only by `show`: the list is where one looks for what is
            // left of a story.
            let kept = format!("ribao show {} shows what the bookmark kept of it", b.id);
            // One line too (a review: a line break in a hand-edited path broke it), what is
            // invisible in it written out, as `list` and `check` name files: left out, it
            // named a file that is not there (tester CJ: `2026-10-03esc.md`).
            let file = crate::text::visible(&b.path);
            let note = match &found.now {
                Some(Ok(_)) if found.elsewhere => format!(
                    "    (its digest file {file} is in another store; this one holds its story \
                     too)\n"
                ),
                Some(Ok(_)) => match found.moved_to(b) {
                    Some(now) => {
                        format!("    (its story is now in {})\n", crate::text::visible(now))
                    }
                    None => String::new(),
                },
                // (tester CD: "its digest file  is gone").
                Some(Err(Missing::Unnamed)) => format!("    (it names no digest file; {kept})\n"),
                _ if found.file_gone => {
                    format!("    (its digest file {file} is gone; {kept})\n")
                }
                // Said only where the store could be read: else nothing is known of it.
                None => String::new(),
                Some(Err(Missing::Sample)) => {
                    "    (a built-in sample's, not in this store)\n".to_string()
                }
                Some(Err(Missing::Unreadable(why))) => {
                    format!("    (its digest file {file} could not be read: {why}; {kept})\n")
                }
                Some(Err(Missing::File | Missing::Elsewhere)) => format!(
                    "    (its digest file {file} is not in this store: --store its folder to \
                     read it; {kept})\n"
                ),
                Some(Err(Missing::Story)) => {
                    format!("    (its digest file {file} no longer holds it; {kept})\n")
                }
            };
            out.push_str(line);
            out.push_str(&crate::text::sanitize(&format!("{url}\n{note}")));
            Ok(())
        },
    )?;
    Ok(out)
}

/// What the store holds of a bookmark's story now.
struct Found<'a> {
    /// The file the store holds its story in (found by its id, else as the bookmark says),
    /// or why it holds none; None when the store could not be read.
    now: Option<Result<String, Missing<'a>>>,
    /// The file the bookmark names is gone.
    file_gone: bool,
    /// The file the bookmark names is there, in another store (this one a copy of it).
    elsewhere: bool,
}

impl<'a> Found<'a> {
    fn of(mark: &Bookmark, library: Option<&'a Library>) -> Found<'a> {
        let now = library.map(|library| match library.find_bookmarked(mark) {
            Some(v) => Ok(library.digests()[v.digest]
                .path
                .to_string_lossy()
                .into_owned()),
            None => Err(library.why_missing(&mark.path)),
        });
        // The file the story is found in, named as the bookmark names it, is not gone: a
        // name not in UTF-8 is kept changed, and is no file's (tester CJ: `in_store` and
        // `file_gone` both said).
        let found_there = matches!(&now, Some(Ok(path)) if *path == mark.path);
        Found {
            now,
            file_gone: !found_there && file_gone(&mark.path),
            elsewhere: library.is_some_and(|l| l.in_another_store(&mark.path)),
        }
    }

    /// The file the store holds the story in, when not the one `mark` names (by way of `..`
    /// too, as a hand edit may: tester R; or of a link, as a store named by one was).
    fn moved_to(&self, mark: &Bookmark) -> Option<&str> {
        if self.elsewhere {
            return None;
        }
        let named = std::fs::canonicalize(&mark.path)
            .unwrap_or_else(|_| super::paths::without_dots(PathBuf::from(&mark.path)));
        match &self.now {
            Some(Ok(now)) if Path::new(now) != named => Some(now),
            _ => None,
        }
    }
}

/// A bookmark as `--json` gives it: as saved, and what the store holds of it now, as the
/// text says. Every field is there, null when the bookmark has none, as `items --json` gives
/// them (tester BA: the state file leaves out an empty `outlet`, and so did this).
#[derive(serde::Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    date: Option<&'a str>,
    source: &'a str,
    outlet: Option<&'a str>,
    category: Option<&'a str>,
    title: &'a str,
    url: Option<&'a str>,
    path: &'a str,
    added: Option<&'a str>,
    text: Option<&'a str>,
    /// Fields a newer ribao saved, kept as they are.
    #[serde(flatten)]
    extra: &'a crate::state::Extra,
    /// The store holds its story now (false too when the store could not be read).
    in_store: bool,
    /// The digest file its story is in now, when not the one the bookmark names.
    moved_to: Option<&'a str>,
    file_gone: bool,
    /// Its file is there, in another store.
    outside_store: bool,
}

/// Whether a bookmark's digest file is gone from where it was saved (a sample's is no
/// file, so never gone): known to be, not in a folder that cannot be read (tester DK: such
/// a file was said to be gone, the reader saying it could not be read).
fn file_gone(path: &str) -> bool {
    let named = !path.trim().is_empty();
    let gone = match Path::new(path).try_exists() {
        Ok(there) => !there,
        Err(e) => e.kind() == std::io::ErrorKind::NotADirectory,
    };
    named && !crate::library::is_sample_path(path) && gone
}

/// `- [title](url) — source, date`, ready to paste into Markdown notes. Each field is made
/// safe before it is escaped (a state file edited by hand can hold anything): escaping first
/// split escape sequences (`\e]52;…` with its `]` escaped), which then showed as text.
fn markdown_line(b: &Bookmark) -> String {
    // Emoji as written: the list is pasted into documents, not shown on this terminal.
    let clean = |s: &str| crate::text::clean_text(s).into_owned();
    // On one line: a line break would end the list item.
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Text whose brackets and tags are text: `[x](javascript:…)` in a title or a folder's
    // name is no link; nor do its `*`, `_` and backquotes emphasise (`*ST元道`: tester BE).
    let text = |s: &str| {
        let mut out = String::new();
        for c in one_line(&clean(s)).chars() {
            if matches!(c, '\\' | '[' | ']' | '<' | '*' | '_' | '`') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    };
    let (title, source) = (text(&b.title), text(&b.source));
    let date = text(b.date.as_deref().unwrap_or(crate::model::UNDATED));
    let title = (!title.is_empty()).then_some(title);
    let untitled = |title: Option<String>| title.unwrap_or_else(|| crate::state::UNTITLED.into());
    // A link's target with what would end it early (parentheses, angle brackets, spaces and
    // line breaks) percent-encoded.
    let target = |url: String| {
        crate::text::percent_encoded(&url, |c| {
            matches!(c, '(' | ')' | '<' | '>') || c.is_ascii_whitespace()
        })
    };
    match (b.url.as_deref().map(crate::text::address), title) {
        // Only a web address is made a link: another (`javascript:…`, put in by a hand
        // edit) would run where the list is pasted, so it is shown as code, not a link.
        (Some(url), title) if crate::text::web_scheme_len(&url).is_none() => format!(
            "- {} `{}` — {source}, {date}",
            untitled(title),
            one_line(&url).replace('`', "'")
        ),
        (Some(url), Some(title)) => format!("- [{title}]({}) — {source}, {date}", target(url)),
        // No title to link (a state file edited by hand): the address is its own text.
        (Some(url), None) => format!("- <{}> — {source}, {date}", target(url)),
        (None, title) => format!("- {} — {source}, {date}", untitled(title)),
    }
}

/// Bookmarks the stories with these ids, in one save. An unknown id is said and the others
/// are still added; the exit code is then 1.
pub fn add(library: &Library, state_path: &Path, ids: &[String]) -> anyhow::Result<ExitCode> {
    let mut code = ExitCode::SUCCESS;
    let (file, state, told) = open(state_path)?;
    let mut said = Vec::new();
    let items: Vec<_> = ids
        .iter()
        .filter_map(|id| {
            let item = super::report::find_story(library, id);
            if item.is_none() {
                // A story of another store bookmarked there is so (tester DV: "no story
                // with id", where `show` showed it by its bookmark).
                match bookmark_not_in(library, &state, id) {
                    Some(mark) => said.push(format!(
                        "already bookmarked, a story this store does not hold: {}",
                        crate::text::sanitize(&mark.title)
                    )),
                    None => {
                        warn(unknown_id(library, id));
                        code = ExitCode::FAILURE;
                    }
                }
            }
            item
        })
        .collect();
    // The stories bookmarked already, whatever id each bookmark was saved under (the one a
    // story had before it was retitled); those added here join them.
    let mut marked: std::collections::HashSet<String> = state
        .bookmarks
        .iter()
        .filter_map(|b| library.find_bookmarked(b))
        .map(|v| v.id.to_string())
        .collect();
    let mut changes = Vec::new();
    for item in &items {
        let title = crate::text::sanitize(item.title);
        let now = library.bookmark(item.index);
        // A bookmark a hand edit spoiled a field of takes it from its story, as the reader
        // has it (tester B: its empty title stayed).
        if let Some(refilled) = state
            .bookmark(item.id)
            .and_then(|b| b.refilled_from(now.clone()))
        {
            changes.push(Change::RemoveBookmark(refilled.id.clone()));
            changes.push(Change::AddBookmark(Box::new(refilled)));
            said.push(format!(
                "already bookmarked, what it lacked taken from the story: {title}"
            ));
            continue;
        }
        if state.is_bookmarked(item.id) || !marked.insert(item.id.to_string()) {
            said.push(format!("already bookmarked: {title}"));
            continue;
        }
        changes.push(Change::AddBookmark(Box::new(now)));
        said.push(format!("bookmarked: {title}"));
    }
    if !changes.is_empty() {
        tell_new(file.apply(&changes)?.notices, &told);
    }
    for line in said {
        say(line);
    }
    Ok(code)
}

/// Removes the bookmarks with these ids, in one save. An id no bookmark has may be known to
/// the library (read only then) as a story's before or after it was retitled, and its
/// bookmark goes; else it is said, the others are still removed, and the exit code is 1.
pub fn remove<'a>(
    state_path: &Path,
    ids: &[String],
    library: impl FnOnce() -> anyhow::Result<&'a Library>,
) -> anyhow::Result<ExitCode> {
    let (file, state, told) = open(state_path)?;
    let mut library = Some(library);
    let mut read: Option<&Library> = None;
    let mut code = ExitCode::SUCCESS;
    let mut marks: Vec<&Bookmark> = Vec::new();
    for given in ids {
        let id = &crate::model::id_as_typed(given);
        let mut found = match bookmark_named(&state, given) {
            Ok(found) => found,
            Err(several) => {
                warn(several);
                code = ExitCode::FAILURE;
                continue;
            }
        };
        if found.is_none() {
            // Read once, when first needed; a store that cannot be read only means no other
            // id is known.
            if let Some(load) = library.take() {
                read = load().ok();
            }
            found = read.and_then(|library| {
                let story = super::report::find_story(library, id)?.id.to_string();
                bookmark_of(library, &state, &story)
            });
        }
        match found {
            Some(mark) if !marks.iter().any(|m| m.id == mark.id) => marks.push(mark),
            Some(_) => {}
            None => {
                warn(format_args!(
                    "no bookmark with id {}; `ribao bookmarks` lists them",
                    crate::text::visible(id)
                ));
                code = ExitCode::FAILURE;
            }
        }
    }
    if marks.is_empty() {
        return Ok(code);
    }
    let changes: Vec<Change> = marks
        .iter()
        .map(|m| Change::RemoveBookmark(m.id.clone()))
        .collect();
    tell_new(file.apply(&changes)?.notices, &told);
    for mark in marks {
        say(format_args!(
            "removed bookmark: {}",
            crate::text::sanitize(&mark.title)
        ));
    }
    Ok(code)
}

/// The bookmark `given` names: by its id, as given first (a hand edit may have written one in
/// capitals: tester BS), else by the start of one bookmark's id alone, as a story's is
/// (tester BC: `bookmark remove 81ba` said no bookmark had it). Err when it starts several:
/// what to say of them.
pub(super) fn bookmark_named<'s>(
    state: &'s crate::state::State,
    given: &str,
) -> Result<Option<&'s Bookmark>, String> {
    let id = crate::model::id_as_typed(given);
    let starting: Vec<&Bookmark> = (state.bookmarks.iter())
        .filter(|b| !id.is_empty() && b.id.starts_with(id.as_ref()))
        .collect();
    let exact = state.bookmark(given.trim()).or(state.bookmark(&id));
    match (exact, &starting[..]) {
        (Some(mark), _) => Ok(Some(mark)),
        (None, []) => Ok(None),
        // As a story's, a start names one with enough characters to mean it (tester DY:
        // `bookmark remove a` removed one).
        (None, _) if id.len() < MIN_ID_START => Err(format!(
            "{} is too short to name a bookmark: give its whole id, or {MIN_ID_START} \
             characters or more that start it; `ribao bookmarks` lists them",
            crate::text::visible(&id)
        )),
        (None, [one]) => Ok(Some(one)),
        (None, several) => {
            let ids: Vec<&str> = several.iter().map(|b| b.id.as_str()).collect();
            Err(super::report::ids_starting_said("bookmarks'", &id, &ids))
        }
    }
}

/// The bookmark `given` names where no story of this store does: by its whole id, else by its
/// start where no story's id starts so (a story of another store, or gone from its digest).
pub(super) fn bookmark_not_in<'s>(
    library: &Library,
    state: &'s crate::state::State,
    given: &str,
) -> Option<&'s Bookmark> {
    let typed = crate::model::id_as_typed(given);
    match typed.len() >= MIN_ID_START && library.ids_starting(&typed).is_empty() {
        true => bookmark_named(state, given).ok().flatten(),
        false => state.bookmark(&typed),
    }
}

/// The bookmark made for the story with id `story`, whatever id it was saved under (see
/// [`Library::find_bookmarked`]).
fn bookmark_of<'s>(
    library: &Library,
    state: &'s crate::state::State,
    story: &str,
) -> Option<&'s Bookmark> {
    state
        .bookmarks
        .iter()
        .find(|b| library.find_bookmarked(b).is_some_and(|v| v.id == story))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gone is said only where the file is known to be gone: a file that cannot be looked
    /// at (its folder unreadable; here a name too long to look up) is not (tester DK).
    #[test]
    fn a_file_that_cannot_be_looked_at_is_not_gone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2026-03-02.md");
        std::fs::write(&file, "x").unwrap();
        let at = |p: &Path| p.to_str().unwrap().to_string();
        assert!(!file_gone(&at(&file)));
        assert!(file_gone(&at(&dir.path().join("missing.md"))));
        assert!(file_gone(&at(&file.join("under-a-file.md"))));
        assert!(!file_gone(&at(&dir.path().join("x".repeat(300)))));
    }
}
