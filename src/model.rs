//! Plain data shared by every layer: digests, items and their ids. No IO, no terminal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The publication family a file was recognised as; decides which parser ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `# 🤖 AI行业速递 - YYYY年MM月DD日` with `> **分类：**` quotes per story.
    IndustryBrief,
    /// Front matter + `## story` sections + `## 更多动态` bullets (AI 日报).
    FrontMatterDaily,
    /// Copied page text of AI News Hub: two regions, Insights and Focus paragraphs.
    NewsHub,
    /// Hugo files of Bubble's Brain: numbered stories or timed batch updates.
    BubbleBrain,
    /// Any other Markdown: the repeated story unit is found by shape.
    Generic,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::IndustryBrief => "industry-brief",
            Format::FrontMatterDaily => "front-matter-daily",
            Format::NewsHub => "news-hub",
            Format::BubbleBrain => "bubble-brain",
            Format::Generic => "generic-markdown",
        }
    }
}

/// One story: what a user picks, reads and bookmarks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Short stable id: hash of source + date (for an undated file, its name) + title
    /// (de-duplicated within the digest).
    pub id: String,
    pub title: String,
    /// The category as the publication names it.
    pub category: Option<String>,
    /// A sub-scope some publications have (News Hub: 中国媒体聚焦 / 美国媒体聚焦).
    pub region: Option<String>,
    /// Name of the outlet the story came from (量子位, openai-newsroom, …).
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Markdown body; rendered by the text module.
    pub body: String,
    /// The cross-publication category (set by the library from the categories table).
    pub unified: Option<Unified>,
}

/// A unified category and whether it was inferred from keywords rather than the source's own
/// category name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unified {
    pub name: String,
    pub inferred: bool,
}

/// One file: one day of one publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    /// Of its file's path in the store (see [`digest_id`]): given when it is indexed, empty
    /// before.
    pub id: String,
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    /// The publication's name as this file gives it; the index names a series (below) by
    /// the name most of its digests give.
    pub source: String,
    /// What tells the digests of one publication: its dated front-matter title with the
    /// digits taken out (`08-19-Daily AI News Daily` → `--Daily AI News Daily`). It stays the
    /// same from day to day where the name in a heading may not.
    pub series: Option<String>,
    pub title: String,
    pub format: Format,
    /// The digest's own summary/overview (Markdown): its front page, not an item.
    pub front_page: String,
    pub items: Vec<Item>,
    /// Problems worth telling the user that did not stop parsing.
    pub warnings: Vec<String>,
}

/// Whether a digest's date has come: today's or earlier, or tomorrow's (a digest may be
/// dated in a time zone ahead). One still to come is a slip more often than news from the
/// future (tester AB: `2100/06/06` in a title).
pub fn has_come(date: NaiveDate) -> bool {
    let today = chrono::Local::now().date_naive();
    today
        .checked_add_days(chrono::Days::new(1))
        .is_none_or(|tomorrow| date <= tomorrow)
}

/// `today` or `yesterday` (`今天`, `昨天`), in any case, as the day it names on this
/// machine's calendar: what a daily reader asks for most.
pub fn named_day(text: &str) -> Option<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    match text.trim().to_lowercase().as_str() {
        "today" | "今天" => Some(today),
        "yesterday" | "昨天" => today.pred_opt(),
        _ => None,
    }
}

/// The days a typed date names: a day, a month or a year, and how to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub label: String,
}

/// `2025-10-19`, `2025/10/19`, `20251019`, `2025年10月19日`, `2025-10`, `2025`, a month
/// and day of `year` where one is given (`10-19`, `1019`), `today` or `yesterday`. None: no date of
/// the calendar.
pub fn period(typed: &str, year: Option<i32>) -> Option<Period> {
    if let Some(day) = named_day(typed) {
        return Some(Period {
            first: day,
            last: day,
            label: day.to_string(),
        });
    }
    let typed = half_width(typed);
    let groups: Vec<&str> = typed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let rest_is_separators = typed
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-/.年月日".contains(c));
    if !rest_is_separators {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    // Four digits that are no year a digest is dated in but a month and day (`1231`) are
    // those (tester DT: `1231` went to the year 1231).
    let month_day = |md: &str| {
        let (whole, month) = (num(md).unwrap_or(0), num(&md[..2]).unwrap_or(0));
        !crate::parse::YEARS.contains(&whole) && (1..=12).contains(&month)
    };
    let (y, m, d) = match groups.as_slice() {
        [all] if all.len() == 8 => (num(&all[..4])?, Some(num(&all[4..6])?), num(&all[6..])),
        [all] if all.len() == 6 => (num(&all[..4])?, Some(num(&all[4..])?), None),
        [md] if md.len() == 4 && year.is_some() && month_day(md) => (
            u32::try_from(year?).ok()?,
            Some(num(&md[..2])?),
            num(&md[2..]),
        ),
        [y] if y.len() == 4 => (num(y)?, None, None),
        [m, d] if m.len() <= 2 => (u32::try_from(year?).ok()?, Some(num(m)?), num(d)),
        [y, m] if y.len() == 4 => (num(y)?, Some(num(m)?), None),
        [y, m, d] if y.len() == 4 => (num(y)?, Some(num(m)?), num(d)),
        _ => return None,
    };
    let y = i32::try_from(y).ok()?;
    match (m, d) {
        (None, _) => Some(Period {
            first: NaiveDate::from_ymd_opt(y, 1, 1)?,
            last: NaiveDate::from_ymd_opt(y, 12, 31)?,
            label: format!("{y:04}"),
        }),
        (Some(m), None) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some(Period {
                first,
                last: next.pred_opt()?,
                label: format!("{y:04}-{m:02}"),
            })
        }
        (Some(m), Some(d)) => {
            let day = NaiveDate::from_ymd_opt(y, m, d)?;
            Some(Period {
                first: day,
                last: day,
                label: day.to_string(),
            })
        }
    }
}

/// A date's digits and marks as ASCII where an input method gave them full width (tester
/// AH: `２０２５-１０`).
fn half_width(typed: &str) -> String {
    let ascii = |c: char| match c {
        '０'..='９' | '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '　' => ' ',
        c => c,
    };
    typed.chars().map(ascii).collect()
}

/// A digest date as shown and saved: `2026-01-20`, or `undated`.
pub fn date_label(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| UNDATED.to_string(), |d| d.to_string())
}

/// The date a [`date_label`] shows; None for `undated` (or anything else).
pub fn parse_date_label(label: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()
}

/// How a digest without a date is listed, and asked for (`--date undated`, `date:undated`).
pub const UNDATED: &str = "undated";

/// A date or the start of one as a user types it (`2026`, `2026-8`, `2026-08-23`, `today`,
/// `yesterday`: see [`named_day`]), or `undated`, written as [`date_label`] writes dates, so
/// it is a prefix of the labels it means; or a span of them, both ends in
/// (`2026-08-01..2026-08-23`, `2026-07..2026-08`), one of them open (`2026-08-20..`,
/// `..2025`). None when it is none of these (`2026-13`, `garbage`, an end before the start).
pub fn date_prefix(text: &str) -> Option<String> {
    // A span's dots typed full width are its dots too (a review: `2026-08．．` was August
    // alone).
    let text = &half_width(text);
    if !text.contains("..") {
        return one_date(text);
    }
    let (from, to) = span_ends(text)?;
    let ordered = to.is_empty() || from <= to || from.starts_with(&to);
    ((!from.is_empty() || !to.is_empty()) && ordered).then(|| format!("{from}..{to}"))
}

/// The ends of a span `A..B` as [`date_prefix`] writes dates, an open one empty; None when
/// `text` is no span or an end is no date.
fn span_ends(text: &str) -> Option<(String, String)> {
    let (from, to) = text.split_once("..")?;
    let end = |t: &str| match t.trim() {
        "" => Some(String::new()),
        t => one_date(t).filter(|d| d != UNDATED),
    };
    Some((end(from)?, end(to)?))
}

/// [`date_prefix`] of one date or its start: as the reader's `:` line takes one, as typed
/// with slashes or in full-width digits too (tester DG: `date:２０２６－０８－０３` and
/// `date:2026/08/03` were no dates), but for a month and day without a year.
fn one_date(text: &str) -> Option<String> {
    if text.eq_ignore_ascii_case(UNDATED) {
        return Some(UNDATED.to_string());
    }
    period(text, None).map(|p| p.label)
}

/// Whether `date` is one of those `prefix` (from [`date_prefix`]) means: `undated` means
/// the undated, a date, its start or a span of them never them.
pub fn date_within(date: Option<NaiveDate>, prefix: &str) -> bool {
    let label = date_label(date);
    match prefix.split_once("..") {
        None => label.starts_with(prefix),
        Some(_) if date.is_none() => false,
        // Labels sort as their dates do; an end given as a month takes in its days.
        Some((from, to)) => {
            *label >= *from && (to.is_empty() || *label <= *to || label.starts_with(to))
        }
    }
}

/// What to type instead of a `text` that [`date_prefix`] refused (`date:` and all, as
/// typed).
pub fn not_a_date(text: &str) -> String {
    // Named as typed, what is invisible in it written out (tester DB: `2026\e[31m` was said
    // as `2026`; tester DE: `2026\u{202e}-01` as `2026-01`, a date).
    let text = crate::text::visible(text);
    // Refused with both ends dates: the end comes before the start.
    if let Some((from, to)) = span_ends(text.strip_prefix("date:").unwrap_or(&text))
        && !from.is_empty()
        && !to.is_empty()
    {
        return format!(
            "“{text}” ends before it starts: write the earlier date first, {to}..{from}"
        );
    }
    format!(
        "“{text}” is not a date: use 2026, 2026-08, 2026-08-23, today, yesterday, a span \
         such as 2026-08-01..2026-08-23 (an end may be left open: 2026-08-20..), or undated"
    )
}

/// Bytes of the ids [`short_hash`] makes: 12 hex digits.
pub const ID_LEN: usize = 12;

/// A digest's id: of its file's path in its store (as bytes: two names that are not UTF-8
/// read alike, tester DB: `\xff\xfe` and `\xfe\xff` had one id), so a store moved or synced
/// elsewhere keeps its digests' ids (tester DX: they were of the whole path).
pub fn digest_id(path: &Path) -> String {
    short_hash(&[path.as_os_str().as_encoded_bytes()])
}

/// 48 bits of a stable hash as 12 lowercase hex digits: short to type, and collisions stay
/// unlikely even across a million items.
pub fn short_hash(parts: &[impl AsRef<[u8]>]) -> String {
    // Written out by hand: `format!` was a twentieth of indexing an archive.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let h = hash_of(parts) >> 16;
    (0..ID_LEN)
        .rev()
        .map(|i| char::from(HEX[(h >> (i * 4)) as usize & 0xf]))
        .collect()
}

/// The hash [`short_hash`] shows 48 bits of, for sets that only tell parts apart.
pub fn hash_of(parts: &[impl AsRef<[u8]>]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p.as_ref());
        h.update(&[0x1f]);
    }
    h.digest()
}

/// An item id as a user typed or pasted it, made the form ids have: lower-case hex, and a
/// copied one may bring spaces. Borrowed when it has that form already, as a whole
/// archive's read marks do.
pub fn id_as_typed(id: &str) -> std::borrow::Cow<'_, str> {
    let id = id.trim();
    match id.bytes().any(|b| b.is_ascii_uppercase()) {
        true => id.to_ascii_lowercase().into(),
        false => id.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn date_prefixes_as_typed() {
        for (typed, want) in [
            ("2026", Some("2026")),
            ("2026-8", Some("2026-08")),
            ("2026-08-3", Some("2026-08-03")),
            ("2024-02-29", Some("2024-02-29")),
            ("2026-13", None),
            ("2026-02-30", None),
            ("26-08", None),
            ("2026-", Some("2026")),
            ("2026-08-23-1", None),
            ("garbage", None),
            // As the reader's `:` line takes them (tester DG: these were no dates).
            ("２０２６", Some("2026")),
            ("２０２６－０８－０３", Some("2026-08-03")),
            ("2026/08/03", Some("2026-08-03")),
            ("2026年8月", Some("2026-08")),
            ("20260803", Some("2026-08-03")),
            ("08-03", None),
            ("2026/08/03..2026/08/05", Some("2026-08-03..2026-08-05")),
            ("2026-08．．", Some("2026-08..")),
            ("undated", Some("undated")),
            ("Undated", Some("undated")),
            ("undated-1", None),
            ("2026-08-01..2026-08-23", Some("2026-08-01..2026-08-23")),
            ("2026-7..2026-8", Some("2026-07..2026-08")),
            ("2026-08-20..", Some("2026-08-20..")),
            ("..2025", Some("..2025")),
            ("2026-08..2026-08-05", Some("2026-08..2026-08-05")),
            ("2026-08-23..2026-08-01", None),
            ("..", None),
            ("2026..undated", None),
            ("2026-13..2027", None),
        ] {
            assert_eq!(date_prefix(typed).as_deref(), want, "{typed}");
        }
    }

    /// `today` and `yesterday`, in English or Chinese and any case, are the days they name,
    /// alone or as a span's ends (`ribao items --date today`, `date:yesterday..`).
    #[test]
    fn today_and_yesterday_are_the_days_they_name() {
        let today = chrono::Local::now().date_naive();
        let yesterday = today.pred_opt().unwrap();
        for (typed, want) in [
            ("today", today.to_string()),
            ("Today", today.to_string()),
            ("今天", today.to_string()),
            ("YESTERDAY", yesterday.to_string()),
            ("昨天", yesterday.to_string()),
            ("yesterday..today", format!("{yesterday}..{today}")),
            ("2026-01-01..today", format!("2026-01-01..{today}")),
        ] {
            assert_eq!(date_prefix(typed), Some(want), "{typed}");
        }
        for typed in ["tomorrow", "today-1", "todays", "today..yesterday"] {
            assert_eq!(date_prefix(typed), None, "{typed}");
        }
    }

    /// A span takes in both its ends, whole months and years at an end given so, and never
    /// the undated (the reader's 日期 filters and `--date` read spans so; tester AF).
    #[test]
    fn a_span_takes_in_the_dates_between_its_ends() {
        let within = |date: &str, span: &str| {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
            date_within(date, &date_prefix(span).unwrap())
        };
        assert!(within("2026-08-01", "2026-08-01..2026-08-23"));
        assert!(within("2026-08-23", "2026-08-01..2026-08-23"));
        assert!(!within("2026-08-24", "2026-08-01..2026-08-23"));
        assert!(!within("2026-07-31", "2026-08-01..2026-08-23"));
        assert!(within("2026-08-31", "2026-07..2026-08"));
        assert!(!within("2026-09-01", "2026-07..2026-08"));
        assert!(within("2099-01-01", "2026-08-20.."));
        assert!(within("2025-12-31", "..2025"));
        assert!(!within("2026-01-01", "..2025"));
        assert!(!within("undated", "2026-08-20.."));
        // Backwards, it says so (tester AG: "is not a date").
        assert_eq!(
            not_a_date("date:2026-01-23..2026-01-21"),
            "“date:2026-01-23..2026-01-21” ends before it starts: write the earlier date \
             first, 2026-01-21..2026-01-23"
        );
    }

    proptest! {
        /// However a real date is typed, padded or not, it means the dates it starts.
        #[test]
        fn a_typed_date_is_a_prefix_of_the_labels_it_means(days in 0i64..200_000) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let label = date_label(Some(date));
            use chrono::Datelike;
            let (y, m, d) = (date.year(), date.month(), date.day());
            for typed in [format!("{y}"), format!("{y}-{m}"), format!("{y}-{m}-{d}"), label.clone()] {
                let prefix = date_prefix(&typed).unwrap();
                prop_assert!(label.starts_with(&prefix), "{typed} → {prefix} for {label}");
            }
        }

        /// Ids are written as they always were (bookmarks and read marks are kept by them).
        #[test]
        fn short_hashes_are_the_hash_in_twelve_hex_digits(a in ".*", b in ".*") {
            prop_assert_eq!(short_hash(&[&a, &b]), format!("{:012x}", hash_of(&[&a, &b]) >> 16));
        }
    }
}
