//! Finding a digest's date in the forms publications write it.

use chrono::NaiveDate;

/// The first date in `s`: `YYYY年M月D日`, `YYYY-MM-DD` (also with a time after it),
/// `YYYY/M/D` or `YYYY.M.D`. Years 1990–2199 only, so version numbers are not taken for dates.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && let Some(d) = date_at(&s[i..])
        {
            return Some(d);
        }
        i += 1;
    }
    None
}

fn date_at(s: &str) -> Option<NaiveDate> {
    let (year, rest) = number(s, 4)?;
    if !(1990..=2199).contains(&year) {
        return None;
    }
    let (sep, rest) = separator(rest)?;
    let (month, rest) = number(rest, 2)?;
    let rest = match sep {
        Sep::Cjk => rest.strip_prefix('月')?,
        Sep::Ascii(c) => rest.strip_prefix(c)?,
    };
    let (day, rest) = number(rest, 2)?;
    if matches!(sep, Sep::Cjk) && !rest.starts_with('日') && !rest.starts_with('号') {
        return None;
    }
    if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
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
        assert_eq!(
            find_date("# 🤖 AI行业速递 - 2026年01月20日"),
            d(2026, 1, 20)
        );
        assert_eq!(find_date("2026年1月20日星期二"), d(2026, 1, 20));
        assert_eq!(find_date("2026-01-01T09:00:00+08:00"), d(2026, 1, 1));
        assert_eq!(find_date("## AI资讯 2026/1/1"), d(2026, 1, 1));
        assert_eq!(find_date("content/daily/2025-10-28.en.md"), d(2025, 10, 28));
        assert_eq!(find_date("2026-02-18-index.md"), d(2026, 2, 18));
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(find_date("GPT-5.2 Pro 与 Qwen3-8B"), None);
        assert_eq!(find_date("12025-01-01"), None);
        assert_eq!(find_date("2026-13-01"), None);
        assert_eq!(find_date("2026年1月"), None);
        assert_eq!(find_date("3000-01-01"), None);
    }
}
