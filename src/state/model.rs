//! What the state file holds: bookmarks, read marks and the last position. Plain data plus
//! queries; changes go through [`Change`](super::Change).

use super::read_marks::ReadMarks;
use crate::index::{DigestInfo, ItemView};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};

/// What a bookmark whose title a hand edit blanked is shown as, not nothing.
pub const UNTITLED: &str = "(untitled)";

/// Fields written by a newer ribao that this one does not know; kept and written back as is.
pub type Extra = Map<String, Value>;

/// A saved item. It carries its own copy of everything needed to list and open it, so it
/// outlives its digest file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The item id (as in `ribao items`).
    pub id: String,
    /// The digest's date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The publication.
    pub source: String,
    #[serde(default)]
    pub category: Option<String>,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    /// The outlet the story names (量子位, TechCrunch AI), shown in its meta line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The digest file the reader last found the item in (it may be gone since).
    pub path: String,
    /// When the bookmark was made, RFC 3339.
    pub added: String,
    /// The story's text (Markdown) when it was bookmarked, cut at [`Bookmark::TEXT_MAX`]
    /// characters: what is left to read once its digest file is gone (tester Z: a story
    /// without a link kept only its title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Bookmark {
    /// The most characters of a story's text a bookmark keeps.
    pub const TEXT_MAX: usize = 20_000;

    /// A bookmark for `item` of `digest`, made now, keeping `text`, the story's.
    pub fn for_item(digest: &DigestInfo, item: &ItemView, text: Option<&str>) -> Bookmark {
        let text = text.filter(|t| !t.trim().is_empty()).map(Self::kept_text);
        Bookmark {
            id: item.id.to_string(),
            date: digest.date.map(|d| d.format("%Y-%m-%d").to_string()),
            source: digest.source.clone(),
            category: item.category.map(str::to_string),
            title: item.title.to_string(),
            url: item.url.map(str::to_string),
            outlet: item.outlet.map(str::to_string),
            // Lossy only for non-UTF-8 paths; the JSON file must stay text.
            path: digest.path.to_string_lossy().into_owned(),
            added: timestamp_now(),
            text,
            extra: Extra::new(),
        }
    }

    /// `量子位 · 技术前沿解读`: the publication, and the category when there is one (as
    /// written: shown, it is sanitised).
    pub fn where_from(&self) -> String {
        match &self.category {
            Some(c) => format!("{} · {c}", self.source),
            None => self.source.clone(),
        }
    }

    /// The title to show: [`UNTITLED`] for one a hand edit blanked.
    pub fn shown_title(&self) -> &str {
        match self.title.trim() {
            "" => UNTITLED,
            _ => &self.title,
        }
    }

    /// `2026-01-20 · AI 日报 · 技术前沿解读 · 量子位`: date, publication, category and outlet,
    /// those it has.
    pub fn meta(&self) -> String {
        [
            self.date.as_deref(),
            Some(self.source.as_str()),
            self.category.as_deref(),
            self.outlet.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }

    /// What a bookmark keeps of its story's text: its start.
    pub fn kept_text(text: &str) -> String {
        match text.char_indices().nth(Self::TEXT_MAX) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        }
    }

    /// This bookmark with each field it lacks (one a damaged state file lost) taken from
    /// `story`, a bookmark of its story made now; None when it lacks nothing the story has.
    /// What it has stays as saved.
    pub fn refilled_from(&self, story: Bookmark) -> Option<Bookmark> {
        let mut out = self.clone();
        let mut changed = false;
        for (have, from) in [
            (&mut out.title, story.title),
            (&mut out.source, story.source),
            (&mut out.path, story.path),
        ] {
            if have.is_empty() && !from.is_empty() {
                *have = from;
                changed = true;
            }
        }
        for (have, from) in [
            (&mut out.date, story.date),
            (&mut out.category, story.category),
            (&mut out.url, story.url),
            (&mut out.outlet, story.outlet),
            (&mut out.text, story.text),
        ] {
            if have.is_none() && from.is_some() {
                *have = from;
                changed = true;
            }
        }
        changed.then_some(out)
    }

    /// `added` as a time; None when a hand-edited file holds something else.
    pub fn added_at(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.added)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// The current time in the form `added` uses: `2026-11-23T10:15:00.123Z`. To the
/// millisecond, and never the same twice in one process (a millisecond later than the last
/// when the clock has not moved on), so bookmarks made at once (`ribao bookmark add A B C`)
/// keep their order, also when one is removed and put back (files of earlier versions say
/// whole seconds, read the same way).
pub fn timestamp_now() -> String {
    static LAST: AtomicI64 = AtomicI64::new(i64::MIN);
    let now = Utc::now().timestamp_millis();
    let next = |last: i64| now.max(last.saturating_add(1));
    let last = LAST
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |last| {
            Some(next(last))
        })
        .unwrap_or(now);
    DateTime::from_timestamp_millis(next(last))
        .unwrap_or_else(Utc::now)
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Where the reader was, so the next start resumes there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    /// The item id.
    #[serde(default)]
    pub item: Option<String>,
    /// Lines scrolled within the item.
    #[serde(default)]
    pub scroll: usize,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Position {
    /// The field naming the store the place is in: its folder, or `samples` for the
    /// built-in samples. A place saved in another is not looked for in this one (another
    /// store's date was said to be gone from it, and the nearest date shown).
    pub const STORE: &'static str = "store";
    /// The field holding the newest date the store had when the place was saved
    /// (`YYYY-MM-DD`): digests dated after it are new to the reader.
    pub const NEWEST: &'static str = "newest";

    /// The store the place is in; None for one saved before places named theirs.
    pub fn store(&self) -> Option<&str> {
        self.extra.get(Self::STORE).and_then(Value::as_str)
    }
}

/// Where a story was left, as [`crate::text::place`] counts it (characters from its start):
/// opened again, after a restart too, it opens there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub at: usize,
}

/// How many stories' places are kept: a day's reading, many times.
pub const PLACES_KEPT: usize = 512;

/// Everything the state file holds (its format version aside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// How many saves ribao has made of the file: one with more than its backup is a save
    /// not copied to the backup yet (ribao was stopped in between), not another program's.
    #[serde(default)]
    pub saves: u64,
    /// In the order they were made (oldest first); see [`State::bookmarks_newest_first`].
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// Ids of items marked read.
    #[serde(default)]
    pub read: ReadMarks,
    #[serde(default)]
    pub position: Option<Position>,
    /// The places left in other stores, by store: the samples' place no longer replaces
    /// that of one's own digests (tester AD).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elsewhere: BTreeMap<String, Position>,
    /// Where stories were left, the one left last at the end (at most [`PLACES_KEPT`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl State {
    pub fn bookmark(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmark(id).is_some()
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// The place last left in `store`: the last place saved when it is that store's (or names
    /// none), else the one kept for it.
    pub fn position_in(&self, store: &str) -> Option<&Position> {
        match &self.position {
            Some(p) if p.store().is_none_or(|s| s == store) => Some(p),
            _ => self.elsewhere.get(store),
        }
    }

    /// This state with what `more` holds besides: its bookmarks not here (as made after
    /// these), its read marks, the places of stories this one has none for, its position, and
    /// its fields this one lacks.
    pub fn joined(mut self, more: State) -> State {
        for mark in more.bookmarks {
            if !self.is_bookmarked(&mark.id) {
                self.bookmarks.push(mark);
            }
        }
        self.read.join(more.read);
        for place in more.places {
            if !self.places.iter().any(|p| p.id == place.id) {
                self.places.push(place);
            }
        }
        if more.position.is_some() {
            self.position = more.position;
        }
        for (key, value) in more.extra {
            self.extra.entry(key).or_insert(value);
        }
        self
    }

    /// Newest `added` first; equal times keep the later-made one first, and
    /// bookmarks whose time does not parse come last.
    pub fn bookmarks_newest_first(&self) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self.bookmarks.iter().rev().collect();
        list.sort_by_key(|b| std::cmp::Reverse(b.added_at()));
        list
    }
}

#[cfg(test)]
mod tests {
    /// Times made in a row are all different and in order, though the clock says the same
    /// millisecond: bookmarks made at once kept no order of their own.
    #[test]
    fn each_time_made_is_later_than_the_last() {
        let times: Vec<String> = (0..2000).map(|_| super::timestamp_now()).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    }
}
