//! The reader's whole-archive computations, in one place: the dates, which digests a scope
//! covers, the categories of those digests with their counts, the items a category filter lets
//! through, and those items grouped by date. Each runs once when the scope or the category
//! changes (never per frame); they take the library and digest indices only, so an
//! index-backed library can replace their bodies without touching the app.

use crate::library::Library;
use crate::model::{Digest, Item};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;
use std::sync::OnceLock;

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
    /// The 7 days up to the newest dated digest of the archive (inclusive).
    Week,
    /// The 30 days up to the newest dated digest.
    Month,
    /// Every digest, undated ones too.
    All,
}

impl Scope {
    pub const ORDER: [Scope; 4] = [Scope::Day, Scope::Week, Scope::Month, Scope::All];

    /// The next scope, wrapping around (`a`, Tab in the search line).
    pub fn next(self) -> Scope {
        let i = Scope::ORDER.iter().position(|&s| s == self).unwrap_or(0);
        Scope::ORDER[(i + 1) % Scope::ORDER.len()]
    }

    pub fn prev(self) -> Scope {
        let i = Scope::ORDER.iter().position(|&s| s == self).unwrap_or(0);
        Scope::ORDER[(i + Scope::ORDER.len() - 1) % Scope::ORDER.len()]
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

    /// Days counted back from the newest dated digest; None for the one-day and whole-archive
    /// scopes.
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

/// The first and last date of a "last N days" scope: N days back from the newest dated
/// digest, both ends included. None when no digest has a date.
pub fn window(dates: &[DateGroup], days: u64) -> Option<(NaiveDate, NaiveDate)> {
    let newest = dates.iter().find_map(|g| g.date)?;
    let first = newest.checked_sub_days(Days::new(days.saturating_sub(1)))?;
    Some((first, newest))
}

/// The date groups a scope covers, as a range of indices into `dates` (which are newest
/// first, so every scope is a contiguous run of them).
pub fn groups_in(dates: &[DateGroup], scope: Scope, selected: usize) -> std::ops::Range<usize> {
    match scope {
        Scope::Day if selected < dates.len() => selected..selected + 1,
        Scope::Day => 0..0,
        Scope::All => 0..dates.len(),
        Scope::Week | Scope::Month => {
            let Some((first, last)) = scope.days().and_then(|n| window(dates, n)) else {
                return 0..0;
            };
            let inside = |g: &DateGroup| g.date.is_some_and(|d| d >= first && d <= last);
            let start = dates.iter().position(inside).unwrap_or(0);
            let len = dates[start..].iter().take_while(|g| inside(g)).count();
            start..start + len
        }
    }
}

/// The digests of a scope, in library order.
pub fn digests_in(dates: &[DateGroup], scope: Scope, selected: usize) -> Vec<usize> {
    dates[groups_in(dates, scope, selected)]
        .iter()
        .flat_map(|g| g.digests.iter().copied())
        .collect()
}

/// How a scope is named in titles: `2026-01-24`, `近7天 (01-18–01-24)`, `全部存档`.
pub fn label(dates: &[DateGroup], scope: Scope, selected: usize) -> String {
    match scope {
        Scope::Day => dates.get(selected).map_or_else(
            || "no digests".to_string(),
            |g| crate::model::date_label(g.date),
        ),
        Scope::All => "全部存档".to_string(),
        Scope::Week | Scope::Month => {
            let n = scope.days().unwrap_or(0);
            match window(dates, n) {
                Some((first, last)) => {
                    // The start's year only when it is not the end's (kept short for titles).
                    let start = if first.format("%Y").to_string() == last.format("%Y").to_string() {
                        first.format("%m-%d")
                    } else {
                        first.format("%Y-%m-%d")
                    };
                    format!("近{n}天 ({start}–{})", last.format("%m-%d"))
                }
                None => format!("近{n}天 (no dated digests)"),
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
}

impl CategoryFilter {
    pub fn accepts(&self, item: &Item) -> bool {
        match self {
            CategoryFilter::All => true,
            CategoryFilter::Unified(name) => item.unified.as_ref().is_some_and(|u| &u.name == name),
            CategoryFilter::Source(name) => item.category.as_deref() == Some(name.as_str()),
            CategoryFilter::Uncategorized => item.category.is_none(),
        }
    }

    /// The name shown in the category pane (unsanitised for named ones).
    pub fn label(&self) -> &str {
        match self {
            CategoryFilter::All => "全部 / All",
            CategoryFilter::Unified(name) | CategoryFilter::Source(name) => name,
            CategoryFilter::Uncategorized => "未分类 / Other",
        }
    }

    /// The name shown where the group is not visible (status bar, breadcrumb, list titles):
    /// a unified category says so, since a publication may use the same name.
    pub fn describe(&self) -> String {
        match self {
            CategoryFilter::Unified(name) => format!("{name}（统一）"),
            other => other.label().to_string(),
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
    /// Of those, how many were placed in a unified category by keywords.
    pub inferred: usize,
}

/// The unified group names in the built-in table's order (the order the pane lists them).
fn unified_rank() -> &'static HashMap<String, usize> {
    static RANK: OnceLock<HashMap<String, usize>> = OnceLock::new();
    RANK.get_or_init(|| {
        crate::categories::Categorizer::builtin()
            .names()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i))
            .collect()
    })
}

/// The items of `digests`, in order.
pub fn items_of<'a>(library: &'a Library, digests: &'a [usize]) -> impl Iterator<Item = &'a Item> {
    digests
        .iter()
        .flat_map(move |&d| library.digests[d].items.iter())
}

/// The categories of the items of `digests`: "All" first; then the publications' own
/// categories (first seen first) and "Other" for items without one — the latter only when some
/// item has one; then the unified categories (in the table's order, with how many were
/// inferred).
pub fn categories(library: &Library, digests: &[usize]) -> Vec<CategoryCount> {
    let mut all = 0;
    let mut none = 0;
    // name → (count, inferred, first seen)
    let mut unified: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut source: HashMap<&str, (usize, usize)> = HashMap::new();
    for item in items_of(library, digests) {
        all += 1;
        if let Some(u) = &item.unified {
            let seen = unified.len();
            let entry = unified.entry(u.name.as_str()).or_insert((0, 0, seen));
            entry.0 += 1;
            entry.1 += usize::from(u.inferred);
        }
        match &item.category {
            Some(c) => {
                let seen = source.len();
                source.entry(c.as_str()).or_insert((0, seen)).0 += 1;
            }
            None => none += 1,
        }
    }
    let rank = unified_rank();
    let mut unified: Vec<_> = unified.into_iter().collect();
    unified.sort_by_key(|(name, (_, _, seen))| {
        (rank.get(*name).copied().unwrap_or(usize::MAX), *seen)
    });
    let mut source: Vec<_> = source.into_iter().collect();
    source.sort_by_key(|(_, (_, seen))| *seen);

    let mut out = vec![CategoryCount {
        filter: CategoryFilter::All,
        count: all,
        inferred: 0,
    }];
    let any_source = !source.is_empty();
    out.extend(source.into_iter().map(|(name, (count, _))| CategoryCount {
        filter: CategoryFilter::Source(name.to_string()),
        count,
        inferred: 0,
    }));
    if any_source && none > 0 {
        out.push(CategoryCount {
            filter: CategoryFilter::Uncategorized,
            count: none,
            inferred: 0,
        });
    }
    out.extend(
        unified
            .into_iter()
            .map(|(name, (count, inferred, _))| CategoryCount {
                filter: CategoryFilter::Unified(name.to_string()),
                count,
                inferred,
            }),
    );
    out
}

/// The items of `digests` that `filter` lets through, in library order (so sorted).
pub fn items(library: &Library, digests: &[usize], filter: &CategoryFilter) -> Vec<ItemRef> {
    digests
        .iter()
        .flat_map(|&d| {
            library.digests[d]
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| filter.accepts(item))
                .map(move |(i, _)| (d, i))
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

/// The widest source name among the digests of `items`, in display columns (for the item
/// list's source column).
pub fn widest_source(library: &Library, items: &[ItemRef], width: impl Fn(&str) -> usize) -> usize {
    let mut widest = 0;
    let mut last = usize::MAX;
    for &(d, _) in items {
        if d != last {
            last = d;
            widest = widest.max(width(&library.digests[d].source));
        }
    }
    widest
}

/// The story `r` and its digest.
pub fn item(library: &Library, r: ItemRef) -> (&Digest, &Item) {
    let digest = &library.digests[r.0];
    (digest, &digest.items[r.1])
}

/// Whether any digest of `digests` has the item `id`; where it is.
pub fn find_item(library: &Library, digests: &[usize], id: &str) -> Option<ItemRef> {
    digests.iter().find_map(|&d| {
        library.digests[d]
            .items
            .iter()
            .position(|i| i.id == id)
            .map(|i| (d, i))
    })
}
