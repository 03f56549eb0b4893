//! Bytes → [`Digest`]. Pure: no IO, never panics on any input. Decoding and front matter are
//! shared; the publication format is detected and its parser finds the stories; the generic
//! story finder handles every other Markdown digest.

mod ai_daily;
mod date;
mod decode;
pub(crate) mod doc;
mod front_matter;
mod industry_brief;
mod inline;
mod news_hub;
mod stories;

pub use date::{YEARS, find_date};
pub use decode::DecodeError as ParseError;
pub use inline::plain as plain_text;

use crate::model::{Digest, Format, Item, hash_of, short_hash};
use chrono::NaiveDate;
use doc::Doc;
use front_matter::FrontMatter;
use std::path::Path;
use std::sync::LazyLock;

const BUBBLE_SOURCE: &str = "Bubble's Brain";

/// What a digest file in which no story was found says: why `ribao check` fails it.
pub const NO_STORY: &str = "no story found in the file";

/// A file's text as it is read for parsing: decoded whatever its encoding, control
/// characters and all (for showing the file as written).
pub fn text_of(bytes: &[u8]) -> Result<String, ParseError> {
    decode::decode(bytes).map(|d| d.text.into_owned())
}

pub fn parse(bytes: &[u8], path: &Path) -> Result<Digest, ParseError> {
    let decoded = decode::decode(bytes)?;
    let split = front_matter::split(&decoded.text);
    let fm = &split.fields;
    let doc = Doc::new(split.body);
    let mut warnings: Vec<String> = decoded
        .warning
        .into_iter()
        .chain(split.error.clone())
        .collect();

    let format = detect(fm, &doc, split.body);
    let h1 = doc
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| inline::plain(h.text));
    let (items, front_page, title, source) = match format {
        Format::IndustryBrief => {
            let title = h1.clone().unwrap_or_else(|| industry_brief::SOURCE.into());
            (
                industry_brief::items(&doc),
                String::new(),
                title,
                industry_brief::SOURCE.into(),
            )
        }
        Format::FrontMatterDaily => {
            let title = fm
                .title
                .clone()
                .or(h1.clone())
                .unwrap_or_else(|| ai_daily::SOURCE.into());
            let front = fm.summary.clone().unwrap_or_default();
            (ai_daily::items(&doc), front, title, ai_daily::SOURCE.into())
        }
        Format::NewsHub => {
            let hub = news_hub::parse(split.body);
            let title = match &hub.subtitle {
                Some(sub) => format!("{} · {sub}", news_hub::SOURCE),
                None => news_hub::SOURCE.into(),
            };
            (hub.items, hub.front_page, title, news_hub::SOURCE.into())
        }
        Format::BubbleBrain | Format::Generic => {
            let found = stories::find(&doc);
            // A site's page name (`11-27-Daily AI News Daily`) is no title: the file's dated
            // heading says more (tester DI: front pages were headed by the page name).
            let page_name = |t: &String| {
                let b = t.as_bytes();
                let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
                b.len() > 6 && digits(0..2) && b[2] == b'-' && digits(3..5) && b[5] == b'-'
            };
            let title = match fm.title.clone() {
                Some(name) if page_name(&name) => (h1.clone())
                    .or_else(|| dated_heading(&doc).map(inline::plain))
                    .unwrap_or(name),
                title => (title.or(h1.clone()))
                    .or_else(|| first_heading(&doc))
                    .unwrap_or_else(|| file_stem(path)),
            };
            let source = if format == Format::BubbleBrain {
                BUBBLE_SOURCE.into()
            } else {
                generic_source(fm, &doc, path)
            };
            (found.items, found.front_page.join("\n\n"), title, source)
        }
    };
    let date = find_digest_date(fm, &doc, path);
    // A date written but not a real one (`2026-13-45`) is a slip worth naming; a real one
    // of another age is named as such (tester BM: `1899-12-31` was "not a date").
    if let Some(written) = fm.date.as_deref().filter(|d| find_date(d).is_none()) {
        let calendar = written.trim().get(..10).map(|d| d.replace('/', "-"));
        let slip = match calendar.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            Some(_) => format!(
                "front matter date “{written}” is outside the years a digest is dated in \
                 ({}–{})",
                date::YEARS.start(),
                date::YEARS.end()
            ),
            None => format!("front matter date “{written}” is not a date"),
        };
        warnings.push(match date {
            Some(used) => format!("{slip}; {used}, found in the title or file name, is used"),
            None => slip,
        });
    }
    // The file's name dated otherwise: the text's date is used, and said (tester BQ: a
    // digest named for one day went under another, unsaid).
    if let (Some(used), Some(named)) = (date, file_name_date(path))
        && used != named
    {
        warnings.push(format!(
            "its text is dated {used} and its file name {named}: it is listed under {used}"
        ));
    }
    if date.is_none() {
        warnings.push(match unreal_title_date(fm, &doc) {
            Some(why) => format!("{why}: listed as undated"),
            None => "no date found in front matter, title or file name: listed as undated".into(),
        });
    }
    // The names its stories' titles may tag them with: the publication's, and its front
    // matter title's without the date (`08-15-Daily AI News Daily` over `## AI Daily Digest
    // 2025/8/15`, its links tagged `(AI News)`: tester DR).
    let mut series_name = series(fm.title.as_deref());
    let titled = series_name
        .as_deref()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()));
    let own = inline::own_names(&source, titled);
    // After the ids: stories without a title are dropped there.
    let (mut items, cut) = with_ids(items, &source, &own, &day_key(date, path));
    for item in &mut items {
        if repeats_title(&item.body, &item.title) {
            item.body.clear();
        }
    }
    if cut > 0 {
        warnings.push(match cut {
            1 => format!("a story title longer than {MAX_TITLE_CHARS} characters was cut there"),
            n => {
                format!("{n} story titles longer than {MAX_TITLE_CHARS} characters were cut there")
            }
        });
    }
    if items.is_empty() {
        warnings.push(NO_STORY.into());
        // Why, where it is a web page saved under a digest's name (tester EF: only "no
        // story").
        if is_web_page(split.body) {
            warnings.push("it is a web page (HTML), not Markdown or text".into());
        }
    }
    // The digest's names, as its stories' titles, are cut (after the ids, which stay as they
    // were): a title of megabytes (a file of one line) padded every row of `ribao list`.
    let (mut source, mut title) = (source, inline::plain(&title));
    let names = [Some(&mut source), series_name.as_mut(), Some(&mut title)];
    if names
        .into_iter()
        .flatten()
        .fold(false, |any, name| cut_long(name) | any)
    {
        warnings.push(format!(
            "the digest's title or publication name is longer than {MAX_TITLE_CHARS} \
             characters: cut there"
        ));
    }
    // After the ids, which stay as they were before copies in other languages were told.
    let language = language_of(path);
    let in_language = |name: String| match &language {
        Some(code) => format!("{name} ({code})"),
        None => name,
    };
    Ok(Digest {
        // Given when it is indexed, by its path in the store.
        id: String::new(),
        path: path.to_path_buf(),
        date,
        source: in_language(source),
        series: series_name.map(in_language),
        title,
        format,
        front_page,
        items,
        warnings,
    })
}

/// The date [`parse`] would give a file, from its first bytes only: the reader lists a new
/// file by date before it is parsed.
pub fn sniff_date(head: &[u8], path: &Path) -> Option<NaiveDate> {
    // Decoded as the whole file is: read as UTF-8, a UTF-16 digest gave no date, and a first
    // start opened at an older one (tester BT).
    let text = decode::decode(head).map_or_else(|_| String::from_utf8_lossy(head), |d| d.text);
    let split = front_matter::split(&text);
    find_digest_date(&split.fields, &Doc::new(split.body), path)
}

fn detect(fm: &FrontMatter, doc: &Doc, body: &str) -> Format {
    let head: String = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    let heading_has = |s: &str| doc.headings.iter().any(|h| h.text.contains(s));
    if head.contains("AI News Hub") {
        Format::NewsHub
    } else if doc
        .headings
        .iter()
        .any(|h| h.level == 1 && h.text.contains(industry_brief::SOURCE))
    {
        Format::IndustryBrief
    } else if fm
        .title
        .as_deref()
        .is_some_and(|t| t.contains(BUBBLE_SOURCE))
    {
        Format::BubbleBrain
    } else if fm.category.as_deref() == Some(ai_daily::SOURCE)
        || heading_has(ai_daily::MORE_SECTION) && fm.summary.is_some()
    {
        Format::FrontMatterDaily
    } else {
        Format::Generic
    }
}

/// Front matter, then the title and first headings, then the file name, then the first
/// lines: a date in a sentence there is no date of the file's when its name has one (tester
/// EF: "Released on 2025-11-11" put a digest named 2026-02-13 under 2025-11-11).
fn find_digest_date(fm: &FrontMatter, doc: &Doc, path: &Path) -> Option<NaiveDate> {
    let candidates = fm.date.iter().chain(fm.title.iter()).map(String::as_str);
    let headings = doc.headings.iter().take(3).map(|h| h.text);
    let mut lines = doc.lines.iter().take(8).copied();
    candidates
        .chain(headings)
        .find_map(find_date)
        .or_else(|| file_name_date(path))
        .or_else(|| lines.find_map(date::find_numeric_date))
}

/// Whether `text` is a whole web page: it opens as HTML documents do (compared as bytes: a
/// character may end anywhere after the opening).
fn is_web_page(text: &str) -> bool {
    let start = text.trim_start().as_bytes();
    let opens = |with: &str| {
        (start.get(..with.len())).is_some_and(|s| s.eq_ignore_ascii_case(with.as_bytes()))
    };
    opens("<!doctype html") || opens("<html")
}

/// The date in `path`'s file name, else in its folder's, if one holds one: a repository of
/// a folder a day keeps each day's digest as its `README.md` (a review: each was undated,
/// and stories of one title in two of them one story).
fn file_name_date(path: &Path) -> Option<NaiveDate> {
    let named = |p: Option<&std::ffi::OsStr>| p.and_then(|n| find_date(&n.to_string_lossy()));
    named(path.file_name()).or_else(|| named(path.parent().and_then(Path::file_name)))
}

/// What is wrong with a date written in the title or a first heading that is none
/// (`2026/02/29`, `9999/12/31`): tester AB was told no date was found.
fn unreal_title_date(fm: &FrontMatter, doc: &Doc) -> Option<String> {
    static SHAPE: LazyLock<regex::Regex> = LazyLock::new(|| {
        // (`日` after the day is the date's too: quoted without it, it looked cut.)
        regex::Regex::new(r"(\d{4}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2})日?")
            .expect("a valid expression")
    });
    let candidates = fm.title.iter().map(String::as_str);
    let headings = doc.headings.iter().take(3).map(|h| h.text);
    let found = candidates.chain(headings).find_map(|t| SHAPE.captures(t))?;
    let year: u32 = found[1].parse().ok()?;
    let written = &found[0];
    Some(match date::YEARS.contains(&year) {
        true => format!("title date “{written}” is not a day of the calendar"),
        false => format!(
            "title date “{written}” is outside the years ribao reads ({} to {})",
            date::YEARS.start(),
            date::YEARS.end()
        ),
    })
}

/// The first of a file's first three headings that holds a date: its own title, where it
/// has one.
fn dated_heading<'a>(doc: &Doc<'a>) -> Option<&'a str> {
    let mut headings = doc.headings.iter().take(3).map(|h| h.text);
    headings.find(|t| find_date(t).is_some())
}

/// A publication name from the front-matter title or the first dated heading, with its date
/// cut out (`AI每日热点 · 2026年05月02日` → `AI每日热点`); else the folder it sits in.
fn generic_source(fm: &FrontMatter, doc: &Doc, path: &Path) -> String {
    fm.title
        .iter()
        .map(String::as_str)
        .chain(dated_heading(doc))
        .filter(|t| find_date(t).is_some())
        .map(|t| name_without_date(&inline::plain(t)))
        .find(|n| !n.is_empty() && n.chars().count() <= 24)
        .unwrap_or_else(|| folder_name(path))
}

/// Whether `body` only says `title` again (a short post, titled by all of it), maybe with
/// the full stop the title goes without: then it is no text, which shown repeated the
/// headline under itself. Only a body about as short as the title, holding its first
/// words, can be one, so few are made plain (this runs for every story).
fn repeats_title(body: &str, title: &str) -> bool {
    fn bare(s: &str) -> &str {
        s.trim_end_matches(['.', '。', '!', '！', '?', '？'])
    }
    let head = title
        .char_indices()
        .nth(6)
        .map_or(title, |(at, _)| &title[..at]);
    body.len() >= head.len()
        && body.len() <= title.len() * 2 + 16
        && memchr::memmem::find(body.as_bytes(), head.as_bytes()).is_some()
        && bare(&inline::plain(body)) == bare(title)
}

fn name_without_date(title: &str) -> String {
    let mark = |c: char| c.is_whitespace() || "-–—·|:：,，".contains(c);
    let Some((at, _)) = date::find_date_at(title, true) else {
        return title.trim_matches(mark).to_string();
    };
    // `AI 周报 第 12 期（2026-03-02）`: the bracket the date was in goes with it (tester AH).
    let before = title[..at]
        .trim_start_matches(mark)
        .trim_end_matches(|c: char| mark(c) || "（([【「《".contains(c));
    if !before.is_empty() {
        return before.to_string();
    }
    // A heading that opens with its date (`2026-01-03 Foo Daily`, `2026年1月3日 · AI 早报`):
    // the name follows it.
    let after = title[at..]
        .trim_start_matches(|c: char| c.is_ascii_digit() || "年月日号/.".contains(c) || mark(c));
    after.trim_matches(mark).to_string()
}

/// A front-matter title with a date in it, without its digits: the same for every digest
/// of a publication that titles them so. A title of digits and marks alone is none.
fn series(title: Option<&str>) -> Option<String> {
    let title = title?;
    let undated = title.replace(|c: char| c.is_ascii_digit(), "");
    // A title that is a date and nothing else (`2025-08-12`) tells no publication.
    (undated.len() < title.len() && undated.contains(char::is_alphabetic)).then_some(undated)
}

/// The language a file's name gives it (`2025-12-16.en.md` → `EN`). A publication's copy in
/// another language is a publication of its own: listed as a second file of the same one,
/// its stories were counted twice and mixed with the originals under one name.
fn language_of(path: &Path) -> Option<String> {
    const CODES: &[&str] = &["en", "zh", "ja", "ko", "fr", "de", "es", "pt", "ru", "it"];
    let code = Path::new(path.file_stem()?).extension()?.to_str()?;
    let (language, region) = code.split_once(['-', '_']).unwrap_or((code, ""));
    let is_region =
        (2..=4).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphabetic());
    (CODES.contains(&language.to_ascii_lowercase().as_str()) && (region.is_empty() || is_region))
        .then(|| code.to_ascii_uppercase())
}

/// The nearest enclosing folder whose name is not a date or a generic word like `content`.
fn folder_name(path: &Path) -> String {
    const GENERIC: &[&str] = &[
        "content", "daily", "posts", "_posts", "digests", "news", "en", "cn", "zh", "docs",
    ];
    path.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .filter_map(|p| p.file_name()?.to_str())
        .find(|n| {
            !GENERIC.contains(&n.to_lowercase().as_str())
                && !n.starts_with(|c: char| c.is_ascii_digit())
        })
        .unwrap_or("unknown")
        .to_string()
}

fn first_heading(doc: &Doc) -> Option<String> {
    doc.headings.first().map(|h| inline::plain(h.text))
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// What tells one day's stories of a publication from another's in their ids: the date, or
/// for an undated file its name (undated notes in one folder are not copies of each other).
fn day_key(date: Option<NaiveDate>, path: &Path) -> String {
    date.map_or_else(
        || {
            format!(
                "undated {}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )
        },
        |d| d.to_string(),
    )
}

/// Labels tidied (whatever parser made them), then ids from source + day + title, so they
/// are stable across runs and untouched by other files; a repeated title gets a counter.
/// A story the file repeats (a digest updated in batches lists it again: the same title with
/// the same link, or the same text when it has none; or the same link and text under a title
/// translated anew) is kept once.
/// Longer titles are a heading gone wrong (a paragraph marked up as one), not a headline:
/// cut, so lists stay lists.
const MAX_TITLE_CHARS: usize = 300;

/// Cuts `name` to [`MAX_TITLE_CHARS`] and `…` when it is longer; whether it was.
fn cut_long(name: &mut String) -> bool {
    let Some((at, _)) = name.char_indices().nth(MAX_TITLE_CHARS) else {
        return false;
    };
    name.truncate(at);
    name.push('…');
    true
}

/// The items with their ids, and how many titles were cut to [`MAX_TITLE_CHARS`].
fn with_ids(
    items: Vec<Item>,
    source: &str,
    own: &inline::OwnNames,
    day: &str,
) -> (Vec<Item>, usize) {
    use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
    let mut seen = HashSet::new();
    let mut counters = HashMap::new();
    let mut stories = HashSet::new();
    let mut linked = HashSet::new();
    let mut cut = 0;
    let items = items
        .into_iter()
        .map(|mut item| {
            inline::tidy_in_place(&mut item.title);
            inline::headline_in_place(&mut item.title, own);
            cut += usize::from(cut_long(&mut item.title));
            for label in [&mut item.category, &mut item.region, &mut item.outlet] {
                if let Some(l) = label {
                    inline::tidy_in_place(l);
                }
                label.take_if(|l| l.is_empty());
            }
            item
        })
        .filter(|i| !i.title.is_empty())
        .map(|mut item| {
            let counted = |n: u32| short_hash(&[source, day, &item.title, &n.to_string()]);
            let base = short_hash(&[source, day, &item.title]);
            item.id = if seen.insert(base.clone()) {
                base
            } else {
                // A namesake's counter goes on from where the last one's stopped: ids are
                // only ever added, so every smaller one is still taken (trying them again
                // made a file of thousands of namesakes take seconds).
                let n = counters.entry(base).or_insert(1u32);
                let mut id = counted(*n);
                while !seen.insert(id.clone()) {
                    *n += 1;
                    id = counted(*n);
                }
                *n += 1;
                id
            };
            item
        })
        // After the ids: a namesake after a repeat keeps the id (and the read mark and
        // bookmark) it had when repeats were listed.
        .filter(|i| {
            // A link with a `/` at its end is the same page (the same story listed again
            // from another outlet wrote it so).
            let url = i.url.as_deref().map(|u| u.trim_end_matches('/'));
            let told_by = url.unwrap_or(&i.body);
            // Both sets take the story whatever the first says: a later repeat may match either.
            let new_title = stories.insert(hash_of(&[&i.title, told_by]));
            let new_text = match url {
                Some(url) if !i.body.is_empty() => linked.insert(hash_of(&[url, &i.body])),
                _ => true,
            };
            // The same headline and text under two links is one story posted twice (tester
            // DI: a post's summary listed under each of its links): in the same set, which
            // a story without a link entered so above.
            let new_telling =
                url.is_none() || i.body.is_empty() || stories.insert(hash_of(&[&i.title, &i.body]));
            new_title && new_text && new_telling
        })
        .collect();
    (items, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        parse(text.as_bytes(), Path::new("x/2026-07-01.md"))
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.title)
            .collect()
    }

    /// A heading that is a whole paragraph (or a megabyte) is cut to a title's length, and
    /// `check` says so.
    #[test]
    fn an_overlong_title_is_cut_and_named() {
        let long = "长".repeat(1000);
        let d = parse(
            format!("# 日报\n\n### 1. {long}\n正文。\n\n### 2. 短标题\n正文。\n").as_bytes(),
            Path::new("x/2026-07-01.md"),
        )
        .unwrap();
        let titles: Vec<usize> = d.items.iter().map(|i| i.title.chars().count()).collect();
        assert_eq!(titles, [MAX_TITLE_CHARS + 1, 3]);
        assert!(d.items[0].title.ends_with('…'));
        assert!(
            d.warnings
                .iter()
                .any(|w| w.contains("a story title longer than 300")),
            "{:?}",
            d.warnings
        );
    }

    /// A digest's title and publication name are cut as its stories' titles are: a file of
    /// one line of megabytes padded every row of `ribao list` to its width (tester T).
    #[test]
    fn an_overlong_digest_title_and_name_are_cut_and_named() {
        let long = "x".repeat(2000);
        for text in [
            format!("# One Line Daily - 2026-10-02 {long}\n\n## A story\n\ntext\n"),
            format!("---\ntitle: {long} 2026-10-02\n---\n\n## A story\n\ntext\n"),
        ] {
            let d = parse(text.as_bytes(), Path::new("x/y.md")).unwrap();
            let names = [Some(&d.title), Some(&d.source), d.series.as_ref()];
            for name in names.into_iter().flatten() {
                assert!(name.chars().count() <= MAX_TITLE_CHARS + 1, "{name}");
            }
            assert!(d.title.ends_with('…'));
            let said = "the digest's title or publication name is longer than 300 characters";
            assert!(
                d.warnings.iter().any(|w| w.contains(said)),
                "{:?}",
                d.warnings
            );
            assert_eq!(d.items.len(), 1);
        }
    }

    /// A front matter's title that is a site's page name (`MM-DD-…`) gives way to the file's
    /// heading (tester DI); one of its own stays.
    #[test]
    fn a_page_name_is_no_digest_title() {
        let titled = |title: &str| {
            let text = format!(
                "---\ntitle: {title}\n---\n## AI Daily News Digest 2025/11/27\n\n### 1. A story\n\ntext\n"
            );
            parse(text.as_bytes(), Path::new("x/2025-11-27.md"))
                .unwrap()
                .title
        };
        assert_eq!(
            titled("11-27-Daily AI News Daily"),
            "AI Daily News Digest 2025/11/27"
        );
        assert_eq!(titled("2025-11-27 AI 日报"), "2025-11-27 AI 日报");
        // Without a dated heading, the page name stays: `今日摘要` says less.
        let text = "---\ntitle: 01-10-日报-AI资讯日报\n---\n## 今日摘要\n\n摘要。\n";
        let d = parse(text.as_bytes(), Path::new("x/2026-01-10.md")).unwrap();
        assert_eq!(d.title, "01-10-日报-AI资讯日报");
    }

    /// A short post whose title is all of it has no text besides: the reader and `show` say
    /// so rather than print the headline twice. A body that says more keeps all of it.
    #[test]
    fn a_body_that_only_repeats_the_title_is_no_text() {
        let d = parse(
            "# 日报\n\n### 1. 甲方说我皮肤变好了\n**甲方说我皮肤变好了**\n\n### 2. 短标题\n短标题，还有后文。\n\n### 3. Google launches Gemini 4\nGoogle launches Gemini 4.\n"
                .as_bytes(),
            Path::new("x/2026-07-01.md"),
        )
        .unwrap();
        let bodies: Vec<&str> = d.items.iter().map(|i| i.body.as_str()).collect();
        assert_eq!(bodies, ["", "短标题，还有后文。", ""]);
    }

    /// A date in a sentence of a digest's first lines is its date only when neither its
    /// title nor its file's name gives one (tester EF: "Released on 2025-11-11" put a
    /// digest named 2026-02-13 under 2025-11-11).
    #[test]
    fn a_date_in_a_first_sentence_gives_way_to_the_file_name() {
        let text = "# Weekly roundup\n\n## 1. OpenAI ships\n\nReleased on 2025-11-11 to all.\n\n## 2. Google ships\n\nText.\n";
        let date = |name: &str| parse(text.as_bytes(), Path::new(name)).unwrap().date;
        assert_eq!(
            date("x/2026-02-13.md"),
            NaiveDate::from_ymd_opt(2026, 2, 13)
        );
        assert_eq!(date("x/roundup.md"), NaiveDate::from_ymd_opt(2025, 11, 11));
    }

    /// A web page saved under a digest's name is said to be one (tester EF: only "no story
    /// found"); a Markdown digest with HTML in it is read.
    #[test]
    fn a_web_page_saved_as_a_digest_is_said_to_be_one() {
        let page =
            "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>hi</p></body></html>\n";
        let warnings = parse(page.as_bytes(), Path::new("2026-02-20.md"))
            .unwrap()
            .warnings;
        assert!(
            warnings.contains(&"it is a web page (HTML), not Markdown or text".to_string()),
            "{warnings:?}"
        );
        // Short, or with a character across its 14th byte (both were missed).
        for page in ["<html></html>", "<html>中文页面</html>"] {
            let warnings = parse(page.as_bytes(), Path::new("2026-02-20.md"))
                .unwrap()
                .warnings;
            assert!(warnings.len() == 2, "{page}: {warnings:?}");
        }
        let digest = "# 日报 2026-02-20\n\n## 1. 甲\n\n<p>正文</p>\n";
        let warnings = parse(digest.as_bytes(), Path::new("2026-02-20.md"))
            .unwrap()
            .warnings;
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_publication_is_named_by_its_dated_heading_whichever_side_the_date_is() {
        for (heading, name) in [
            ("Foo Daily 2026-01-02", "Foo Daily"),
            ("2026-01-03 Foo Daily", "Foo Daily"),
            ("2026年1月3日 · AI 早报", "AI 早报"),
            ("AI 早报 | 2026/1/3", "AI 早报"),
            ("2026-01-03", ""),
            // The bracket the date was in goes with it (tester AH: `AI 周报 第 12 期（`).
            ("AI 周报 第 12 期（2026-03-02）", "AI 周报 第 12 期"),
            (
                "Paper & Product Digest (2026-03-15)",
                "Paper & Product Digest",
            ),
            ("【AI日报】2026-03-02", "【AI日报】"),
        ] {
            assert_eq!(name_without_date(heading), name, "{heading}");
        }
    }

    /// Namesakes (different stories under one title) take the title's id, then its id
    /// counted on: the ids bookmarks were saved under, however many namesakes there are.
    #[test]
    fn namesakes_have_counted_ids() {
        let items = (0..4)
            .map(|n| stories::story("同名".into(), &format!("正文 {n}"), None))
            .collect();
        let (items, _) = with_ids(items, "S", &inline::own_names("S", None), "2026-07-01");
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let counted = |n: &str| short_hash(&["S", "2026-07-01", "同名", n]);
        assert_eq!(
            ids,
            [
                short_hash(&["S", "2026-07-01", "同名"]),
                counted("1"),
                counted("2"),
                counted("3")
            ]
        );
    }

    /// `2025-12-16.en.md` beside `2025-12-16.md`: the English copy is a publication of its
    /// own, under its language's code; its stories keep their ids.
    #[test]
    fn a_copy_in_another_language_is_a_publication_of_its_own() {
        let text = "---\ntitle: \"Bubble's Brain - 2025-12-16\"\n---\n\n## 1. Title\n\nText.\n";
        let read = |name: &str| parse(text.as_bytes(), Path::new(name)).unwrap();
        let (original, english) = (read("d/2025-12-16.md"), read("d/2025-12-16.en.md"));
        assert_eq!(original.source, "Bubble's Brain");
        assert_eq!(english.source, "Bubble's Brain (EN)");
        assert_ne!(original.series, english.series);
        assert_eq!(original.items[0].id, english.items[0].id);
        assert_eq!(
            read("d/2025-12-16.zh-tw.md").source,
            "Bubble's Brain (ZH-TW)"
        );
        // Other dotted names are no language.
        for name in ["d/2025-12-16.v2.md", "d/notes.final.md", "d/2025.12.16.md"] {
            assert_eq!(read(name).source, "Bubble's Brain", "{name}");
        }
    }

    #[test]
    fn a_story_a_batch_lists_again_is_kept_once() {
        let story = |n: u32, title: &str, link: &str, text: &str| {
            format!(
                "{n}. **{title}** — reddit\n   - 链接：[r](https://r.example/{link})\n   - 摘要：{text}\n\n"
            )
        };
        let text = format!(
            "# 日报 2026-07-01\n\n### 10:00 更新\n\n{}{}\n### 14:00 更新\n\n{}{}{}",
            story(1, "Dwell", "dwell", "The house, told straight."),
            story(2, "Lumen", "lumen", "A model."),
            // The same link and text under a title translated anew; the same title again.
            story(1, "停留", "dwell", "The house, told straight."),
            story(2, "Lumen", "lumen", "A model."),
            // Another story behind the same link is another story.
            story(3, "Dwell 2", "dwell", "A sequel."),
        );
        // The same title and link, the link ending in `/`, told by another outlet.
        let text = format!(
            "{text}{}",
            story(4, "Lumen", "lumen/", "Told again elsewhere.")
        );
        assert_eq!(titles(&text), ["Dwell", "Lumen", "Dwell 2"]);
    }

    /// A link in a story's heading that is not the whole heading is the story's link, over
    /// its text's first but not one its text labels as its source, and its word (`(source)`)
    /// is no part of the title (tester DM: the link was lost, there being none in the text).
    #[test]
    fn a_link_in_a_storys_heading_is_its_link() {
        let d = parse(
            "# Daily 2026-01-05\n\n## 1. OpenAI ships a model ([source](https://a.example/1))\n\nText.\n\n## 2. Google [announces](https://a.example/2) Gemini\n\nMore, [a mention](https://b.example/).\n\n## 3. 阿里发布 [Qwen3](https://a.example/3) 模型\n\n来源：[机器之心](https://c.example/3)\n\n正文。\n\n## 4. [OpenAI](https://a.example/o) releases o3 ([source](https://a.example/4))\n\nText.\n".as_bytes(),
            Path::new("x/2026-01-05.md"),
        )
        .unwrap();
        let got: Vec<(&str, Option<&str>)> = d
            .items
            .iter()
            .map(|i| (i.title.as_str(), i.url.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("OpenAI ships a model", Some("https://a.example/1")),
                ("Google announces Gemini", Some("https://a.example/2")),
                // One its text labels as its source is the story's still (a review).
                ("阿里发布 Qwen3 模型", Some("https://c.example/3")),
                // Of two in the heading, the one labelled as the source (tester DU).
                ("OpenAI releases o3", Some("https://a.example/4")),
            ]
        );
    }

    /// A tag the front matter's title names the publication by (`(AI News)` of `AI News
    /// Daily`) is no part of a story's title, though the digest's heading names it
    /// otherwise, and a dash before it goes with it (tester DR: 45 titles kept it).
    #[test]
    fn a_tag_of_the_front_matter_titles_name_is_no_part_of_a_title() {
        let got = titles(
            "---\ntitle: 08-15-Daily AI News Daily\n---\n## AI Daily Digest 2025/8/15\n\n### News\n\n1.  A [new paper (AI News)](https://a.example/1) tackles games.\n2.  A CEO shared it in a [Reddit Discussion - (AI News)](https://a.example/2).\n",
        );
        assert_eq!(
            got,
            [
                "A new paper tackles games",
                "A CEO shared it in a Reddit Discussion"
            ]
        );
    }

    /// A digest with no date in its text nor its file's name is of the day its folder is
    /// named by (`2026-01-21/README.md`), so two such are two days, their stories two (a
    /// review: both were undated, a title in both one story).
    #[test]
    fn a_digest_in_a_days_folder_is_of_that_day() {
        let text = "# AI 日报\n\n## 1. 今日要闻\n\n正文。\n".as_bytes();
        let a = parse(text, Path::new("s/2026-01-21/README.md")).unwrap();
        let b = parse(text, Path::new("s/2026-01-22/README.md")).unwrap();
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2026-01-21"));
        assert_ne!(a.items[0].id, b.items[0].id);
    }

    #[test]
    fn a_series_is_a_dated_title_with_words() {
        assert_eq!(
            series(Some("08-19-Daily AI News Daily")).as_deref(),
            Some("--Daily AI News Daily")
        );
        assert_eq!(series(Some("2025-08-12")), None);
        assert_eq!(series(Some("Weekly notes")), None);
    }
}
