//! `ribao bookmarks` and `ribao bookmark add|remove`: the state file from the command line.

use super::report::{emit, unknown_id, warn};
use crate::library::Library;
use crate::state::{Bookmark, Change, StateFile};
use std::path::Path;
use std::process::ExitCode;

#[derive(PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

fn open(path: &Path) -> anyhow::Result<(StateFile, crate::state::State)> {
    let (file, loaded) = StateFile::open(path)?;
    tell(loaded.notices);
    Ok((file, loaded.state))
}

/// A state file found broken (at open, or changed under us before a save) was copied aside:
/// say where.
fn tell(notices: Vec<crate::state::Notice>) {
    for notice in notices {
        warn(notice);
    }
}

pub fn list(state_path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let (_, state) = open(state_path)?;
    let marks = state.bookmarks_newest_first();
    let out = match format {
        Format::Json => super::json::pretty(&marks)? + "\n",
        Format::Markdown => marks.iter().map(|b| markdown_line(b) + "\n").collect(),
        Format::Text => marks
            .iter()
            .map(|b| {
                let date = b.date.as_deref().unwrap_or(crate::model::UNDATED);
                let category = b
                    .category
                    .as_deref()
                    .map(|c| format!(" · {c}"))
                    .unwrap_or_default();
                let url = b
                    .url
                    .as_deref()
                    .map(|u| format!("\n    {u}"))
                    .unwrap_or_default();
                let line = format!(
                    "{}  {date:<10}  {}{category}  {}{url}\n",
                    b.id, b.source, b.title
                );
                crate::text::sanitize(&line).into_owned()
            })
            .collect(),
    };
    emit(&out)?;
    if marks.is_empty() && format != Format::Json {
        // Said on stderr: the output stays empty for scripts.
        warn(format_args!(
            "no bookmarks yet — b on a story in the reader, or ribao bookmark add ID"
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// `- [title](url) — source, date`, ready to paste into Markdown notes. Each field is made
/// safe before it is escaped (a state file edited by hand can hold anything): escaping first
/// split escape sequences (`\e]52;…` with its `]` escaped), which then showed as text.
fn markdown_line(b: &Bookmark) -> String {
    let clean = |s: &str| crate::text::sanitize(s).into_owned();
    let title = clean(&b.title)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "\\<");
    let source = clean(&b.source);
    let date = b.date.as_deref().unwrap_or(crate::model::UNDATED);
    match &b.url {
        Some(url) => format!(
            "- [{title}]({}) — {source}, {}",
            clean(url)
                .replace('(', "%28")
                .replace(')', "%29")
                .replace(' ', "%20"),
            clean(date)
        ),
        None => format!("- {title} — {source}, {}", clean(date)),
    }
}

pub fn add(library: &Library, state_path: &Path, id: &str) -> anyhow::Result<ExitCode> {
    let Some(item) = library.find(id) else {
        warn(unknown_id(library, id));
        return Ok(ExitCode::FAILURE);
    };
    let (file, state) = open(state_path)?;
    // Bookmarked already, maybe under the id it had before it was retitled.
    if state.is_bookmarked(item.id) || bookmark_of(library, &state, item.id).is_some() {
        eprintln!("already bookmarked: {}", crate::text::sanitize(item.title));
        return Ok(ExitCode::SUCCESS);
    }
    tell(
        file.apply(&[Change::AddBookmark(Bookmark::for_item(
            &library.digests()[item.digest],
            &item,
        ))])?
        .notices,
    );
    eprintln!("bookmarked: {}", crate::text::sanitize(item.title));
    Ok(ExitCode::SUCCESS)
}

/// Removes the bookmark with this id; else, the library (read only then) may know the id as
/// a story's before or after it was retitled, and its bookmark goes.
pub fn remove<'a>(
    state_path: &Path,
    id: &str,
    library: impl FnOnce() -> anyhow::Result<&'a Library>,
) -> anyhow::Result<ExitCode> {
    let id = &crate::model::id_as_typed(id);
    let (file, state) = open(state_path)?;
    let mark = match state.bookmark(id) {
        Some(mark) => mark,
        None => {
            // A store that cannot be read only means no other id is known.
            let found = library().ok().and_then(|library| {
                let story = library.find(id)?.id.to_string();
                bookmark_of(library, &state, &story)
            });
            match found {
                Some(mark) => mark,
                None => {
                    warn(format_args!(
                        "no bookmark with id {id}; `ribao bookmarks` lists them"
                    ));
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    };
    let title = mark.title.clone();
    tell(
        file.apply(&[Change::RemoveBookmark(mark.id.clone())])?
            .notices,
    );
    eprintln!("removed bookmark: {}", crate::text::sanitize(&title));
    Ok(ExitCode::SUCCESS)
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
