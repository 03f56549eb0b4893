//! The reader's whole-archive computations, in one place: the dates, which digests a scope
//! covers, the categories of those digests with their counts, the items a category filter lets
//! through, and those items grouped by date. Each runs once when the scope or the category
//! changes (never per frame); they take the library and digest indices only, so an
//! index-backed library can replace their bodies without touching the app.

use crate::index::{DigestInfo, Index, ItemView};
use crate::library::Library;
use crate::state::ReadMarks;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// (digest index, item index) in the library.
pub type ItemRef = (usize, usize);

/// All digests of one date (or all undated ones), in library order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateGroup {
    pub date: Option<NaiveDate>,
    pub digests: Vec<usize>,
}

/// Which dates the category pane (and a search) covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// The date selected in the date list.
    #[default]
    Day,
    /// The 7 days up to a date (both included): the date selected when the scope was
    /// chosen, or the newest dated digest of the archive.
    Week,
    /// The 30 days up to a date, as for the 7.
    Month,
    /// Every digest, undated ones too.
    All,
}

impl Scope {
    pub const ORDER: [Scope; 4] = [Scope::Day, Scope::Week, Scope::Month, Scope::All];

    /// Its place in [`Scope::ORDER`].
    fn at(self) -> usize {
        Scope::ORDER.iter().position(|&s| s == self).unwrap_or(0)
    }

    /// The next scope, wrapping around (`a`, Tab in the search line).
    pub fn next(self) -> Scope {
        Scope::ORDER[(self.at() + 1) % Scope::ORDER.len()]
    }

    /// How many [`Scope::next`] steps lead from this scope to `to`.
    pub fn steps_to(self, to: Scope) -> usize {
        (to.at() + Scope::ORDER.len() - self.at()) % Scope::ORDER.len()
    }

    pub fn prev(self) -> Scope {
        Scope::ORDER[(self.at() + Scope::ORDER.len() - 1) % Scope::ORDER.len()]
    }

    /// How the scope is saved in the position.
    pub fn key(self) -> &'static str {
        match self {
            Scope::Day => "day",
            Scope::Week => "7d",
            Scope::Month => "30d",
            Scope::All => "all",
        }
    }

    pub fn from_key(key: &str) -> Option<Scope> {
        Scope::ORDER.into_iter().find(|s| s.key() == key)
    }

    /// Days counted back from the date the scope ends at; None for the one-day and
    /// whole-archive scopes.
    pub fn days(self) -> Option<u64> {
        match self {
            Scope::Week => Some(7),
            Scope::Month => Some(30),
            Scope::Day | Scope::All => None,
        }
    }

    /// Whether the scope can span several dates (then lists are grouped by date).
    pub fn is_multi_date(self) -> bool {
        self != Scope::Day
    }
}

/// The digests grouped by date, in library order (newest first, undated last).
pub fn group_dates(library: &Library) -> Vec<DateGroup> {
    let mut out: Vec<DateGroup> = Vec::new();
    for (i, digest) in library.digests().iter().enumerate() {
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

/// For each digest, the index of its date group.
pub fn group_of_digests(dates: &[DateGroup], digests: usize) -> Vec<usize> {
    let mut out = vec![0; digests];
    for (g, group) in dates.iter().enumerate() {
        for &d in &group.digests {
            out[d] = g;
        }
    }
    out
}

/// The newest date group whose date has come (see [`crate::model::has_come`]): where the
/// reader opens and recent scopes end; a file dated years ahead by a slip took them over.
/// The newest date when every one is ahead; None when none has a date.
pub fn newest_come(dates: &[DateGroup]) -> Option<usize> {
    let come = dates
        .iter()
        .position(|g| g.date.is_some_and(crate::model::has_come));
    come.or_else(|| dates.iter().position(|g| g.date.is_some()))
}

/// The first and last date of an N-days scope ending at the date of group `at`, both ends
/// included; at an undated group (or none), the newest dated digest that has come (see
/// [`newest_come`]). None when no digest has a date.
pub fn window(dates: &[DateGroup], days: u64, at: usize) -> Option<(NaiveDate, NaiveDate)> {
    let last = match dates.get(at).and_then(|g| g.date) {
        Some(date) => date,
        None => dates[newest_come(dates)?].date?,
    };
    let first = last.checked_sub_days(Days::new(days.saturating_sub(1)))?;
    Some((first, last))
}

/// Whether an N-days scope ending at group `at` ends at the newest digest: the last N days.
fn is_latest(dates: &[DateGroup], days: u64, at: usize) -> bool {
    let newest = newest_come(dates).and_then(|n| dates[n].date);
    window(dates, days, at).is_none_or(|(_, last)| Some(last) == newest)
}

/// The date groups a scope covers, as a range of indices into `dates` (which are newest
/// first, so every scope is a contiguous run of them). `at` is the group the scope is at:
/// the date selected for one day, the date N days end at (see [`window`]).
pub fn groups_in(dates: &[DateGroup], scope: Scope, at: usize) -> std::ops::Range<usize> {
    match scope {
        Scope::Day if at < dates.len() => at..at + 1,
        Scope::Day => 0..0,
        Scope::All => 0..dates.len(),
        Scope::Week | Scope::Month => {
            let Some((first, last)) = scope.days().and_then(|n| window(dates, n, at)) else {
                return 0..0;
            };
            let inside = |g: &DateGroup| g.date.is_some_and(|d| d >= first && d <= last);
            let start = dates.iter().position(inside).unwrap_or(0);
            let len = dates[start..].iter().take_while(|g| inside(g)).count();
            start..start + len
        }
    }
}

/// The digests of a scope at group `at` (see [`groups_in`]), in library order.
pub fn digests_in(dates: &[DateGroup], scope: Scope, at: usize) -> Vec<usize> {
    dates[groups_in(dates, scope, at)]
        .iter()
        .flat_map(|g| g.digests.iter().copied())
        .collect()
}

/// A scope over several dates at group `at` without its dates: `近7天` (the last 7 days),
/// `7天` (7 days up to an older date), `近30天`, `全部存档` (a narrow status bar's); None for
/// one date.
pub fn name(dates: &[DateGroup], scope: Scope, at: usize) -> Option<String> {
    names(dates, scope, at).map(|(chinese, _)| chinese)
}

/// [`name`], and what it is in English (`the last 7 days`, `7 days`, `the whole archive`) for
/// the message that names it once when `a` chooses it (tester BH: the Chinese names went
/// unexplained).
pub fn names(dates: &[DateGroup], scope: Scope, at: usize) -> Option<(String, String)> {
    match scope {
        Scope::Day => None,
        Scope::All => Some(("全部存档".into(), "the whole archive".into())),
        Scope::Week | Scope::Month => {
            let days = scope.days().unwrap_or(0);
            Some(match is_latest(dates, days, at) {
                true => (format!("近{days}天"), format!("the last {days} days")),
                false => (format!("{days}天"), format!("{days} days")),
            })
        }
    }
}

/// How a scope is named in titles: `2026-01-24`, `近7天 (01-18–01-24)`, `7天 (06-25–07-01)`,
/// `全部存档`.
pub fn label(dates: &[DateGroup], scope: Scope, at: usize) -> String {
    let Some(name) = name(dates, scope, at) else {
        return dates.get(at).map_or_else(
            || crate::tui::app::NO_DIGESTS.to_string(),
            |g| crate::model::date_label(g.date),
        );
    };
    match scope {
        Scope::Day | Scope::All => name,
        Scope::Week | Scope::Month => {
            let n = scope.days().unwrap_or(0);
            match window(dates, n, at) {
                Some((first, last)) => {
                    // The start's year only when it is not the end's (kept short for titles).
                    let start = if first.format("%Y").to_string() == last.format("%Y").to_string() {
                        first.format("%m-%d")
                    } else {
                        first.format("%Y-%m-%d")
                    };
                    format!("{name} ({start}–{})", last.format("%m-%d"))
                }
                None => format!("{name} (no dated digests)"),
            }
        }
    }
}

/// Which items the item list shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CategoryFilter {
    All,
    /// A unified category (`市场与资本`, `开源` …), given or inferred.
    Unified(String),
    /// A category as the publication names it.
    Source(String),
    /// Items whose publication gave no category.
    Uncategorized,
    /// The stories of one publication (a digest's source).
    Publication(String),
}

/// What "all categories" is called in the category pane.
const ALL_LABEL: &str = "全部 / All";

impl CategoryFilter {
    /// The test by label ids (see [`crate::index::Index::category_ids`]): what a filter over
    /// the whole archive runs, with no text compared per item.
    fn accepts_ids(&self, library: &Library) -> impl Fn((u32, u32)) -> bool + use<> {
        let id = |name: &str| library.index().label_id(name).unwrap_or(u32::MAX - 1);
        let (kind, want) = match self {
            // A publication's digests are chosen whole (see [`CategoryFilter::takes_digest`]).
            CategoryFilter::All | CategoryFilter::Publication(_) => (0, 0),
            CategoryFilter::Unified(name) => (1, id(name)),
            CategoryFilter::Source(name) => (2, id(name)),
            CategoryFilter::Uncategorized => (3, crate::index::NO_LABEL),
        };
        move |(category, unified)| match kind {
            0 => true,
            1 => unified == want,
            _ => category == want,
        }
    }

    /// Whether digest `d`'s stories may pass: all but another publication's.
    pub fn takes_digest(&self, library: &Library, d: usize) -> bool {
        match self {
            CategoryFilter::Publication(name) => library.digests()[d].source == *name,
            _ => true,
        }
    }

    /// The name shown in the category pane (unsanitised for named ones).
    pub fn label(&self) -> &str {
        match self {
            CategoryFilter::All => ALL_LABEL,
            CategoryFilter::Unified(name)
            | CategoryFilter::Source(name)
            | CategoryFilter::Publication(name) => name,
            CategoryFilter::Uncategorized => crate::categories::UNCATEGORIZED,
        }
    }

    /// The name shown where the group is not visible (status bar, breadcrumb, list titles):
    /// a unified category says so, since a publication may use the same name.
    pub fn describe(&self) -> String {
        match self {
            CategoryFilter::Unified(name) => format!("{name}（统一）"),
            CategoryFilter::Publication(name) => format!("{name}（刊物）"),
            other => other.label().to_string(),
        }
    }

    /// The group a saved position names beside the label: `unified`, `publication`, or
    /// `source` (a publication's own category, "all", "other").
    pub fn group(&self) -> &'static str {
        match self {
            CategoryFilter::Unified(_) => "unified",
            CategoryFilter::Publication(_) => "publication",
            _ => "source",
        }
    }

    /// The filter a saved position names by its label and [`CategoryFilter::group`].
    pub fn saved(label: &str, group: &str) -> CategoryFilter {
        match (label, group) {
            (_, "unified") => CategoryFilter::Unified(label.to_string()),
            (_, "publication") => CategoryFilter::Publication(label.to_string()),
            (ALL_LABEL, _) => CategoryFilter::All,
            (crate::categories::UNCATEGORIZED, _) => CategoryFilter::Uncategorized,
            _ => CategoryFilter::Source(label.to_string()),
        }
    }

    pub fn is_unified(&self) -> bool {
        matches!(self, CategoryFilter::Unified(_))
    }
}

/// One selectable row of the category pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    pub filter: CategoryFilter,
    /// Items in scope in this category.
    pub count: usize,
    /// Of those, how many ribao placed in a unified category itself (by keywords, or in the
    /// fallback group when none matched).
    pub inferred: usize,
}

/// The global numbers of the items of `digests`, in order.
pub fn items_of<'a>(
    library: &'a Library,
    digests: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    digests.iter().flat_map(move |&d| library.listed_items(d))
}

/// The categories of the items of `digests`: "All" first, then the publications when there
/// are several (see [`publications`]); then the publications' own
/// categories (first seen first) and "Other" for items without one — the latter only when some
/// item has one; then the unified categories (in the table's order, with how many were
/// inferred). `unified_first` (a scope of several dates): the unified ones come before the
/// publications', which grow to dozens over an archive (tester AZ: 76 of them above).
pub fn categories(library: &Library, digests: &[usize], unified_first: bool) -> Vec<CategoryCount> {
    let index = library.index();
    let labels = index.labels();
    let mut all = 0;
    let mut none = 0;
    // Counted by label id, so the whole archive costs a few array reads per item:
    // (count, inferred, first seen)
    let mut unified_by_id: Vec<(usize, usize, usize)> = vec![(0, 0, usize::MAX); labels.len()];
    let mut source_by_id: Vec<(usize, usize)> = vec![(0, usize::MAX); labels.len()];
    for (n, i) in items_of(library, digests).enumerate() {
        all += 1;
        let (category, unified) = index.category_ids(i);
        if let Some(e) = unified_by_id.get_mut(unified as usize) {
            e.0 += 1;
            e.1 += usize::from(index.inferred(i));
            e.2 = e.2.min(n);
        }
        match source_by_id.get_mut(category as usize) {
            Some(e) => {
                e.0 += 1;
                e.1 = e.1.min(n);
            }
            None => none += 1,
        }
    }
    let unified: HashMap<&str, (usize, usize, usize)> = unified_by_id
        .iter()
        .enumerate()
        .filter(|(_, e)| e.0 > 0)
        .map(|(id, &e)| (labels[id].as_str(), e))
        .collect();
    let source: HashMap<&str, (usize, usize)> = source_by_id
        .iter()
        .enumerate()
        .filter(|(_, e)| e.0 > 0)
        .map(|(id, &e)| (labels[id].as_str(), e))
        .collect();
    // In the categories table's order (the one the index was built with).
    let rank: HashMap<&str, usize> = index
        .unified_groups
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut unified: Vec<_> = unified.into_iter().collect();
    unified.sort_by_key(|(name, (_, _, seen))| {
        (rank.get(*name).copied().unwrap_or(usize::MAX), *seen)
    });
    let mut source: Vec<_> = source.into_iter().collect();
    source.sort_by_key(|(_, (_, seen))| *seen);

    let any_source = !source.is_empty();
    let mut sources: Vec<CategoryCount> = source
        .into_iter()
        .map(|(name, (count, _))| CategoryCount {
            filter: CategoryFilter::Source(name.to_string()),
            count,
            inferred: 0,
        })
        .collect();
    if any_source && none > 0 {
        sources.push(CategoryCount {
            filter: CategoryFilter::Uncategorized,
            count: none,
            inferred: 0,
        });
    }
    let unified = unified
        .into_iter()
        .map(|(name, (count, inferred, _))| CategoryCount {
            filter: CategoryFilter::Unified(name.to_string()),
            count,
            inferred,
        });
    let all = CategoryCount {
        filter: CategoryFilter::All,
        count: all,
        inferred: 0,
    };
    let mut out = vec![all];
    out.extend(publications(library, digests));
    if unified_first {
        out.extend(unified);
        out.extend(sources);
    } else {
        out.extend(sources);
        out.extend(unified);
    }
    out
}

/// The publications of `digests` with their stories, first seen first: none when they are
/// all one publication's (the row would say what "all" says).
fn publications(library: &Library, digests: &[usize]) -> Vec<CategoryCount> {
    let mut out: Vec<CategoryCount> = Vec::new();
    // Each publication's place in `out`, found by name rather than a look along it.
    let mut at: HashMap<&str, usize> = HashMap::new();
    for &d in digests {
        let source = library.digests()[d].source.as_str();
        let count = library.listed_items(d).count();
        match at.get(source) {
            Some(&n) => out[n].count += count,
            None => {
                at.insert(source, out.len());
                out.push(CategoryCount {
                    filter: CategoryFilter::Publication(source.to_string()),
                    count,
                    inferred: 0,
                });
            }
        }
    }
    out.retain(|c| c.count > 0);
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// How many of the items of `digests` in each of `categories` (as [`categories`] gave them)
/// are unread, in the same order.
pub fn unread_counts(
    library: &Library,
    digests: &[usize],
    categories: &[CategoryCount],
    read: &ReadMarks,
) -> Vec<usize> {
    let index = library.index();
    let labels = index.labels().len();
    // The category each label id counts for, as a publication's category or a unified one.
    let mut source_slot: Vec<Option<usize>> = vec![None; labels];
    let mut unified_slot: Vec<Option<usize>> = vec![None; labels];
    let mut all = None;
    let mut uncategorized = None;
    let mut publication_slot: HashMap<&str, usize> = HashMap::new();
    for (slot, c) in categories.iter().enumerate() {
        let (slots, name) = match &c.filter {
            CategoryFilter::All => {
                all = Some(slot);
                continue;
            }
            CategoryFilter::Uncategorized => {
                uncategorized = Some(slot);
                continue;
            }
            CategoryFilter::Publication(name) => {
                publication_slot.insert(name, slot);
                continue;
            }
            CategoryFilter::Source(name) => (&mut source_slot, name),
            CategoryFilter::Unified(name) => (&mut unified_slot, name),
        };
        if let Some(id) = index.label_id(name) {
            slots[id as usize] = Some(slot);
        }
    }
    // The publication each digest in scope counts for, in one pass over them (not one a
    // publication).
    let mut digest_slot: Vec<Option<usize>> = vec![None; library.digests().len()];
    if !publication_slot.is_empty() {
        for &d in digests {
            let source = library.digests()[d].source.as_str();
            digest_slot[d] = publication_slot.get(source).copied();
        }
    }
    let slots_of = |i: usize| {
        let (category, unified) = index.category_ids(i);
        let source = match source_slot.get(category as usize) {
            Some(&slot) => slot,
            None => uncategorized,
        };
        [
            all,
            source,
            unified_slot.get(unified as usize).copied().flatten(),
            digest_slot.get(library.digest_of(i)).copied().flatten(),
        ]
    };
    // Whichever costs least: each mark looked for among the stories (a binary search over
    // their ids), each story of the scope looked for among the marks, or one walk beside them
    // all (a whole archive's marks over a whole archive).
    let (stories, marks) = (index.item_count(), read.len());
    let search = |n: usize| n.max(1).ilog2() as usize + 1;
    let in_scope = all.map_or(0, |a| categories[a].count);
    let by_mark = marks * search(stories);
    let by_story = in_scope * search(marks);
    if by_mark <= by_story.min(stories + marks) {
        let mut covered = vec![false; library.digests().len()];
        for &d in digests {
            covered[d] = true;
        }
        let mut out: Vec<usize> = categories.iter().map(|c| c.count).collect();
        for i in read.iter().flat_map(|id| index.with_id(id)) {
            if covered.get(library.digest_of(i)) == Some(&true) && !index.is_repeat(i) {
                for slot in slots_of(i).into_iter().flatten() {
                    out[slot] = out[slot].saturating_sub(1);
                }
            }
        }
        return out;
    }
    let walked = (by_story > stories + marks).then(|| read_items(index, read));
    let is_read = |i: usize| match &walked {
        Some(flags) => flags[i],
        None => read.contains(index.id(i)),
    };
    let mut out = vec![0; categories.len()];
    for i in items_of(library, digests).filter(|&i| !is_read(i)) {
        for slot in slots_of(i).into_iter().flatten() {
            out[slot] += 1;
        }
    }
    out
}

/// Whether each item of the library is read: its ids and the marks walked side by side,
/// both in order (a quarter of a million marks looked up one by one took most of a key's
/// time).
fn read_items(index: &Index, read: &ReadMarks) -> Vec<bool> {
    let mut out = vec![false; index.item_count()];
    let mut marks = read.story_ids().peekable();
    for (id, i) in index.by_id() {
        while marks.next_if(|&m| m < id).is_some() {}
        match marks.peek() {
            Some(&m) if m == id => out[i] = true,
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// The items of `digests` that `filter` lets through, in library order (so sorted).
pub fn items(library: &Library, digests: &[usize], filter: &CategoryFilter) -> Vec<ItemRef> {
    let accepts = filter.accepts_ids(library);
    let index = library.index();
    digests
        .iter()
        .filter(|&&d| filter.takes_digest(library, d))
        .flat_map(|&d| {
            let start = library.digests()[d].items.start;
            library
                .listed_items(d)
                .filter(|&i| accepts(index.category_ids(i)))
                .map(move |i| (d, i - start))
        })
        .collect()
}

/// A run of `items` of one date: `items[start..start + len]` are of `dates[group]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub group: usize,
    pub start: usize,
    pub len: usize,
}

/// `items` (in library order) cut into runs of one date each.
pub fn date_spans(items: &[ItemRef], group_of: &[usize]) -> Vec<DateSpan> {
    let mut out: Vec<DateSpan> = Vec::new();
    for (i, &(d, _)) in items.iter().enumerate() {
        let group = group_of[d];
        match out.last_mut() {
            Some(span) if span.group == group => span.len += 1,
            _ => out.push(DateSpan {
                group,
                start: i,
                len: 1,
            }),
        }
    }
    out
}

/// A header row of the story list, above the story `start` (an index into the items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub start: usize,
    pub kind: HeaderKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
    /// The date of a multi-date scope's span (an index into its date spans).
    Date(usize),
    /// The publication of the `len` stories from `start` on, in a list holding several: a
    /// row of its own rather than a column, which narrow panes cut to `AI每日热…` while
    /// taking room from every title.
    Source { digest: usize, len: usize },
}

/// The header rows of `items` (in library order, cut into `spans` in a multi-date scope):
/// each date's, then, under a date whose stories are of more than one publication, a
/// publication's wherever the publication changes (the date's first one too). A date of one
/// publication has no such row: under every date of a sparse category, it made two of
/// three rows headings.
pub fn headers(library: &Library, items: &[ItemRef], spans: &[DateSpan]) -> Vec<Header> {
    let name = |d: usize| library.digests()[d].source.as_str();
    // A single-date scope has no spans: its list is one date's.
    let whole = [DateSpan {
        group: 0,
        start: 0,
        len: items.len(),
    }];
    let dated = !spans.is_empty();
    let mut out = Vec::new();
    for (s, span) in if dated { spans } else { &whole }.iter().enumerate() {
        if dated {
            out.push(Header {
                start: span.start,
                kind: HeaderKind::Date(s),
            });
        }
        let date = &items[span.start..span.start + span.len];
        // Names are compared where the digest changes: a digest's stories are of one
        // publication.
        let several = date
            .windows(2)
            .any(|w| w[0].0 != w[1].0 && name(w[0].0) != name(w[1].0));
        if !several {
            continue;
        }
        for (i, &(d, _)) in date.iter().enumerate() {
            let continues = i > 0 && (date[i - 1].0 == d || name(date[i - 1].0) == name(d));
            match out.last_mut() {
                Some(Header {
                    kind: HeaderKind::Source { len, .. },
                    ..
                }) if continues => *len += 1,
                _ => out.push(Header {
                    start: span.start + i,
                    kind: HeaderKind::Source { digest: d, len: 1 },
                }),
            }
        }
    }
    out
}

/// The story `r` and its digest.
pub fn item(library: &Library, r: ItemRef) -> (&DigestInfo, ItemView<'_>) {
    (&library.digests()[r.0], library.item(library.global(r)))
}

/// The id of the story at `r`, its other fields not read (a whole archive's titles read for
/// their ids stayed in the reader's memory).
pub fn id(library: &Library, r: ItemRef) -> &str {
    library.index().id(library.global(r))
}
