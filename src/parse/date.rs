//! Finding a digest's date in the forms publications write it.

use chrono::NaiveDate;

/// The first date in `s`: `YYYY年M月D日`, `YYYY-MM-DD` (also with a time after it),
/// `YYYY/M/D`, `YYYY.M.D`, or in English `August 12, 2025` and `12 August 2025` (months
/// also as `Aug`). Years 1990–2199 only, so version numbers are not taken for dates.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    find_date_at(s, true).map(|(_, date)| date)
}

/// [`find_date`] in numbers only: for a digest's first lines of prose, where an English
/// date is more often the day of something told (`On June 3, 2025, …`) than the digest's.
pub(super) fn find_numeric_date(s: &str) -> Option<NaiveDate> {
    find_date_at(s, false).map(|(_, date)| date)
}

/// [`find_date`] (English dates too when `english`), and where in `s` the date starts.
pub(super) fn find_date_at(s: &str, english: bool) -> Option<(usize, NaiveDate)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let starts = |same: fn(&u8) -> bool| i == 0 || !same(&b[i - 1]);
        let found = if b[i].is_ascii_digit() && starts(u8::is_ascii_digit) {
            date_at(&s[i..]).or_else(|| day_month_year(&s[i..]).filter(|_| english))
        } else if english && b[i].is_ascii_alphabetic() && starts(u8::is_ascii_alphabetic) {
            month_day_year(&s[i..])
        } else {
            None
        };
        if let Some(date) = found {
            return Some((i, date));
        }
        i += 1;
    }
    None
}

/// `August 12, 2025`, `Aug. 12th 2025`.
fn month_day_year(s: &str) -> Option<NaiveDate> {
    let (month, rest) = month_name(s)?;
    let (day, rest) = number(rest.trim_start(), 2)?;
    let rest = without_ordinal(rest);
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let (year, rest) = number(rest, 4)?;
    english_date(year, month, day, rest)
}

/// `12 August 2025`.
fn day_month_year(s: &str) -> Option<NaiveDate> {
    let (day, rest) = number(s, 2)?;
    let (month, rest) = month_name(without_ordinal(rest).trim_start())?;
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let (year, rest) = number(rest, 4)?;
    english_date(year, month, day, rest)
}

fn english_date(year: u32, month: u32, day: u32, rest: &str) -> Option<NaiveDate> {
    if !YEARS.contains(&year) || rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// A month's English name or its abbreviation (`Sept.` too) at the start of `s`, in any
/// case, as a whole word: its number and the rest.
fn month_name(s: &str) -> Option<(u32, &str)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &s[..len];
    let month = MONTHS.iter().position(|m| {
        m.eq_ignore_ascii_case(word)
            || (len == 3 || word.eq_ignore_ascii_case("sept"))
                && m.get(..len)
                    .is_some_and(|start| start.eq_ignore_ascii_case(word))
    })?;
    let rest = &s[len..];
    Some((month as u32 + 1, rest.strip_prefix('.').unwrap_or(rest)))
}

/// `1st`, `2nd`, `3rd`, `12th` → without the ending.
fn without_ordinal(s: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|o| s.strip_prefix(o))
        .unwrap_or(s)
}

/// The years a digest may be dated in: a date outside them is another number that looks
/// like one (a version, a count).
pub const YEARS: std::ops::RangeInclusive<u32> = 1990..=2199;

fn date_at(s: &str) -> Option<NaiveDate> {
    let (year, rest) = number(s, 4)?;
    if !YEARS.contains(&year) {
        return None;
    }
    let (sep, rest) = separator(rest)?;
    let (month, rest) = number(rest, 2)?;
    let rest = match sep {
        Sep::Cjk => rest.strip_prefix('月')?,
        Sep::Ascii(c) => rest.strip_prefix(c)?,
    };
    let (day, after) = number(rest, 2)?;
    if matches!(sep, Sep::Cjk) && !after.starts_with('日') && !after.starts_with('号') {
        return None;
    }
    // A digit right after the day makes a longer number (`2026-01-011`); after a space it
    // starts the time (`2025-10-11 08:00:00`, as YAML and Jekyll write it).
    let spaced = rest[..rest.len() - after.len()].ends_with(' ');
    if !spaced && after.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

enum Sep {
    Cjk,
    Ascii(char),
}

fn separator(s: &str) -> Option<(Sep, &str)> {
    let c = s.chars().next()?;
    let sep = match c {
        '年' => Sep::Cjk,
        '-' | '/' | '.' => Sep::Ascii(c),
        _ => return None,
    };
    Some((sep, &s[c.len_utf8()..]))
}

/// 1 to `max` ASCII digits, allowing one space after CJK separators (`2026年 1月`).
fn number(s: &str, max: usize) -> Option<(u32, &str)> {
    let s = s.strip_prefix(' ').unwrap_or(s);
    let len = s
        .bytes()
        .take(max + 1)
        .take_while(u8::is_ascii_digit)
        .count();
    if len == 0 || len > max {
        return None;
    }
    Some((
        s[..len].parse().ok()?,
        s[len..].strip_prefix(' ').unwrap_or(&s[len..]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn forms_in_the_wild() {
        for (text, date) in [
            ("# 🤖 AI行业速递 - 2026年01月20日", d(2026, 1, 20)),
            ("2026年1月20日星期二", d(2026, 1, 20)),
            ("2026-01-01T09:00:00+08:00", d(2026, 1, 1)),
            ("2025-10-11 08:00:00", d(2025, 10, 11)),
            ("2025-10-11 08:00:00 +0800", d(2025, 10, 11)),
            ("2025-10-11 08:00", d(2025, 10, 11)),
            ("## AI资讯 2026/1/1", d(2026, 1, 1)),
            ("content/daily/2025-10-28.en.md", d(2025, 10, 28)),
            ("2026-02-18-index.md", d(2026, 2, 18)),
            ("## AI Daily Digest: August 12, 2025", d(2025, 8, 12)),
            ("AI Daily Insights: June 1, 2025", d(2025, 6, 1)),
            ("Sept. 3rd 2025 edition", d(2025, 9, 3)),
            ("Weekly · 12 August 2025", d(2025, 8, 12)),
            ("dec 31, 2025", d(2025, 12, 31)),
        ] {
            assert_eq!(find_date(text), date, "{text}");
        }
    }

    #[test]
    fn prose_lines_give_numeric_dates_only() {
        assert_eq!(find_numeric_date("On June 3, 2025, the lab said"), None);
        assert_eq!(find_numeric_date("更新于 2025-06-03"), d(2025, 6, 3));
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(find_date("GPT-5.2 Pro 与 Qwen3-8B"), None);
        assert_eq!(find_date("12025-01-01"), None);
        assert_eq!(find_date("2026-01-011"), None);
        assert_eq!(find_date("2026-13-01"), None);
        assert_eq!(find_date("2026年1月"), None);
        assert_eq!(find_date("3000-01-01"), None);
        assert_eq!(find_date("AI may 12, 20 users"), None);
        assert_eq!(find_date("Marching 12, 2025"), None);
        assert_eq!(find_date("June 31, 2025"), None);
        assert_eq!(find_date("top 5 May releases"), None);
    }
}
