//! The generic story finder: in any Markdown digest, find the repeated story unit — numbered
//! headings (`### 1. title`), link headings (`## [title](url)`), numbered list items, link
//! bullets — and the category headings above them. Summary sections become the front page;
//! boilerplate sections (audio editions, ads, serial fiction) are left out.

use super::doc::{Doc, fence, lines, list_marker, meta_field, trim_blank_lines};
use super::inline::{
    LINK_WORDS, after_headline, bold_lead, derive_title, first_link, is_link_alone, leading_link,
    plain, plain_of_link,
};
use crate::model::Item;
use aho_corasick::AhoCorasick;
use foldhash::{HashMap, HashSet};
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// Headings whose section is the digest's own summary: its front page.
const SUMMARY_WORDS: &[&str] = &[
    "摘要",
    "总览",
    "概览",
    "核心洞察",
    "深度观察",
    "每日分析",
    "一句话",
    "关键词",
    "趋势预测",
    "热门话题",
    "Summary",
    "Overview",
    "Today's Highlights",
    "Key Highlights",
    "Digest",
];
/// Headings of sections that are not news: audio editions, self-promotion, fiction, nav.
const SKIP_WORDS: &[&str] = &[
    "语音",
    "音频版",
    "收听",
    "赞助",
    "自荐",
    "小说",
    "邀请函",
    "常见问题",
    "相关问题",
    "数据来源",
    "账号",
    "Audio",
    "Sponsor",
    "Voice",
    "Listen",
    "Product Spotlight",
    "Self-Recommendation",
    "Sci-Fi",
    "Novel",
    "Invitation",
];
/// Headings of a list of links to the sections after them. Sloppy Markdown puts those
/// sections a level below it, so only its own lines are left out.
const NAV_WORDS: &[&str] = &["快速导航", "Table of Contents", "Quick Navigation"];
/// Headings that only say "the news": no category in them.
const NEWS_WORDS: &[&str] = &["Today's AI News", "今日AI", "今日 AI", "AI资讯", "AI News"];

/// Each word list as one searcher, built once: every heading is checked against them.
static SUMMARY: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(SUMMARY_WORDS));
static SKIP: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(SKIP_WORDS));
static NEWS: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(NEWS_WORDS));
static NAV: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(NAV_WORDS));

fn searcher(words: &[&str]) -> AhoCorasick {
    AhoCorasick::new(words).expect("a few short words make a valid searcher")
}

/// ` — ` before an outlet and ` · ` after it (`**Headline** — outlet · time`).
static DASH: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" — "));
static DOT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" · "));

pub struct Found {
    pub items: Vec<Item>,
    pub front_page: Vec<String>,
}

/// Which bullets [`list_stories`] takes for stories besides those led by a link.
#[derive(Clone, Copy, PartialEq)]
enum Bullets {
    /// Led by a bold headline and holding a link: in most files, a bullet without a link is
    /// a point of the section's prose (`- **更快**，延迟降低一半`).
    Linked,
    /// Led by a bold headline, with a link or without: for a file with no other stories.
    BoldLed,
}

pub fn find(doc: &Doc) -> Found {
    let mut found = find_all(doc);
    found.items = without_repeated_picks(found.items);
    found
}

/// Every story [`find`] finds, picks repeated in their sections too.
fn find_all(doc: &Doc) -> Found {
    let (mut found, seen) = find_by(doc, Bullets::Linked);
    let Seen {
        leaves,
        loose,
        mut origins,
    } = seen;
    // Sections with text and no story in it, as many as the stories found (or the headings
    // under sections), or beside stories of one section that are only a few words each with
    // no link (points of its list: `1. 速度更快`), or two or more beside such a section's
    // list of any length, linked or not (`延伸阅读` links): the sections are the stories,
    // and those few headings or list items parts of one (`## 故事二` over `#### 背景`), not
    // stories of a category each. Taken so, the other sections were lost (testers AD, AE,
    // AG, Y). Else a story with a link is one whatever is beside it.
    let units = match found.items.len() {
        0 => leaves.len(),
        n => n,
    };
    let linked = found.items.iter().any(|i| i.url.is_some());
    let one_section = origins.windows(2).all(|w| w[0] == w[1]);
    let beside_sections = !found.items.is_empty() && one_section && loose.len() >= 2;
    let points = beside_sections
        || !found.items.is_empty() && one_section && found.items.iter().all(is_point);
    let told_alone = !linked && (units <= loose.len() || points);
    if units > 0 && !loose.is_empty() && (beside_sections || told_alone) {
        let sections = section_stories(doc);
        if sections.len() > units || points && sections.len() > 1 {
            return Found {
                items: sections,
                front_page: found.front_page,
            };
        }
    }
    if found.items.is_empty() {
        (found.items, origins) = leaves
            .iter()
            .filter_map(|(h, section)| Some((leaf_story(doc, *h, section)?, Some(*h))))
            .unzip();
    }
    if found.items.is_empty() {
        // Several bold-led bullets are a file's stories when it has no other kind.
        let (bold_led, _) = find_by(doc, Bullets::BoldLed);
        if bold_led.items.len() >= 2 {
            return bold_led;
        }
        found.items = fallback(doc);
        return found;
    }
    // Two or more sections of prose beside linked stories in several sections are stories
    // too (tester AH: beside `## Top links` and `## More links`, they were lost). One alone
    // is more often the file's aside (`## 📊 热门话题`).
    let prose = match linked && loose.len() >= 2 {
        true => loose.as_slice(),
        false => &[],
    };
    found.items = with_untold_sections(doc, found.items, &origins, &leaves, prose);
    found
}

/// A story of a few words, its text no more, with no link: a point of a section's list
/// (`1. 速度更快`), not news of its own.
fn is_point(item: &Item) -> bool {
    const WORDS: usize = 32;
    let short = |s: &str| s.trim().chars().count() <= WORDS;
    item.url.is_none() && short(&item.title) && short(&item.body)
}

/// `items` (found under the headings `origins` give) with the stories of each section of
/// the top level that gave none but has headings with text under it, two or more, in the
/// file's order: a section of a kind the file's other stories are not was lost (tester AH:
/// `## 模型发布` over `###` stories beside `## 快讯` link bullets kept the bullets alone).
/// Summaries, sections left out and the navigation give none. The sections of prose at
/// the headings `prose` are stories too.
fn with_untold_sections(
    doc: &Doc,
    items: Vec<Item>,
    origins: &[Option<usize>],
    leaves: &[(usize, Option<String>)],
    prose: &[usize],
) -> Vec<Item> {
    let mut untold: Vec<(usize, Item)> = prose
        .iter()
        .map(|&h| {
            let body = doc.text(doc.own(h));
            (h, heading_story(doc, h, &body, None))
        })
        .collect();
    for h in doc.top_sections() {
        let next = doc.subtree(h).1;
        let under = |o: &Option<usize>| o.is_some_and(|o| (h..next).contains(&o));
        // Checked cheapest first: this runs for every section of every file.
        let leaves_under = leaves.iter().filter(|(l, _)| (h..next).contains(l)).count();
        if leaves_under < 2 || origins.iter().any(under) {
            continue;
        }
        let title = plain(doc.headings[h].text);
        if is_aside(&title) || title.is_empty() {
            continue;
        }
        let own: Vec<(usize, Item)> = leaves
            .iter()
            .filter(|(l, _)| (h..next).contains(l))
            .filter_map(|(l, section)| Some((*l, leaf_story(doc, *l, section)?)))
            .collect();
        // One heading alone is a part of the section more often than a story (an ad's
        // `### More Than Just a Proxy`).
        if own.len() >= 2 {
            untold.extend(own);
        }
    }
    if untold.is_empty() {
        return items;
    }
    untold.sort_by_key(|(h, _)| *h);
    // Both in the file's order: merged by the heading each was found under.
    let mut found = items.into_iter().zip(origins.iter().copied()).peekable();
    let mut out = Vec::new();
    for (h, item) in untold {
        while let Some((i, _)) = found.next_if(|(_, o)| o.is_none_or(|o| o < h)) {
            out.push(i);
        }
        out.push(item);
    }
    out.extend(found.map(|(i, _)| i));
    out
}

/// Headings of a digest's picks of its own stories, each told again in its section.
const PICKS_WORDS: [&str; 3] = ["编辑精选", "Editor's Picks", "Editors' Picks"];

/// How many of a section's stories, told again in other sections, make it a list of them.
const INDEX_LEAST: usize = 3;

/// The stories without the picks that another story of the file repeats, under a reworded
/// headline with the same link: the file counts each once, and its section's copy, with a
/// topic for a category, is the one kept. A link alone does not make two stories one (a
/// news site's front page is the link of many).
///
/// Picks are the stories of a section named for them (`编辑精选 (Editor's Picks)`), or of a
/// list of the day's news whose stories the sections after it tell again (`《今日全量快讯清单》`
/// over `《分类深度解读》`): at least [`INDEX_LEAST`] of its stories, and a third of them, each
/// sharing its link with one story of a later section, spread over two sections or more (a
/// section whose stories are told again in one other section is not a list of them).
fn without_repeated_picks(items: Vec<Item>) -> Vec<Item> {
    let lists = lists_of_sections(&items);
    let is_pick = |i: &Item| i.category.as_deref().is_some_and(|c| lists.contains(c));
    let told: HashSet<&str> = items
        .iter()
        .filter(|i| !is_pick(i))
        .filter_map(|i| i.url.as_deref())
        .collect();
    let repeated: Vec<bool> = items
        .iter()
        .map(|i| is_pick(i) && i.url.as_deref().is_some_and(|u| told.contains(u)))
        .collect();
    if !repeated.contains(&true) {
        return items;
    }
    items
        .into_iter()
        .zip(repeated)
        .filter_map(|(item, repeated)| (!repeated).then_some(item))
        .collect()
}

/// The sections (categories) that are picks of the others' stories: see
/// [`without_repeated_picks`].
fn lists_of_sections(items: &[Item]) -> HashSet<&str> {
    let mut lists: HashSet<&str> = items
        .iter()
        .filter_map(|i| i.category.as_deref())
        .filter(|c| PICKS_WORDS.iter().any(|w| c.contains(w)))
        .collect();
    let mut by_link: HashMap<&str, Vec<&str>> = HashMap::default();
    let mut sizes: HashMap<&str, usize> = HashMap::default();
    for item in items {
        let Some(category) = item.category.as_deref() else {
            continue;
        };
        *sizes.entry(category).or_default() += 1;
        if let Some(url) = item.url.as_deref() {
            by_link.entry(url).or_default().push(category);
        }
    }
    // Each section's stories told again in one later section, and those sections.
    let mut told_again: HashMap<&str, (usize, HashSet<&str>)> = HashMap::default();
    for sections in by_link.values() {
        if let [first, later] = sections[..]
            && first != later
        {
            let (n, others) = told_again.entry(first).or_default();
            *n += 1;
            others.insert(later);
        }
    }
    lists.extend(
        told_again
            .into_iter()
            .filter(|(section, (n, others))| {
                *n >= INDEX_LEAST && *n * 3 >= sizes[section] && others.len() >= 2
            })
            .map(|(section, _)| section),
    );
    lists
}

/// What [`find_by`] saw besides the stories.
struct Seen {
    /// The leaf headings (see `leaves` there) under a section heading, with their sections'
    /// categories.
    leaves: Vec<(usize, Option<String>)>,
    /// The headings with text but no story in it under none (a `##` under the title).
    loose: Vec<usize>,
    /// For each story, the heading it was found under (None: before the first).
    origins: Vec<Option<usize>>,
}

/// The stories of the kinds the headings' loop knows, and the leaf headings it saw.
fn find_by(doc: &Doc, bullets: Bullets) -> (Found, Seen) {
    let mut found = Found {
        items: Vec::new(),
        front_page: Vec::new(),
    };
    // Text before the first heading is a list of stories in heading-less files, else an intro.
    found.items = list_stories(&doc.lines[doc.preamble()], None, bullets);
    let mut origins = vec![None; found.items.len()];
    let preamble = doc.text(doc.preamble());
    if found.items.is_empty() && !preamble.is_empty() {
        found.front_page.push(preamble);
    }
    // Open container headings: (level, category they give, if any).
    let mut containers: Vec<(u8, Option<String>)> = Vec::new();
    // Where stories written as bold paragraphs went (see `bold_stories`).
    let mut bold: Vec<std::ops::Range<usize>> = Vec::new();
    // Headings with none under them, under a section heading, and their sections'
    // categories: the stories of a file whose stories are headings of no form the loop
    // knows (`### 🔬 技术创新` over `#### Apple picks Gemini to power Siri`). Read only
    // when the file has no other stories.
    let mut leaves: Vec<(usize, Option<String>)> = Vec::new();
    let mut loose = Vec::new();
    let h1_count = doc.headings.iter().filter(|h| h.level == 1).count();
    // Worked out at the first plain heading that needs it: most files have none.
    let mut beside_stories: Option<Vec<bool>> = None;
    let mut h = 0;
    while h < doc.headings.len() {
        let heading = &doc.headings[h];
        containers.retain(|(level, _)| *level < heading.level);
        let category = containers.iter().rev().find_map(|(_, c)| c.clone());
        let (subtree, next) = doc.subtree(h);
        let text = plain(heading.text);
        // The file's only `#` is its title (`# Some digest`, undated): no category, and no
        // summary however it reads.
        let only_top = heading.level == 1 && h1_count == 1;
        // A numbered or link heading is a story whatever its words: `语音`, `Audio` and `摘要`
        // name sections to leave out or summaries, but are common in headlines too.
        if let Some(title) = numbered_title(heading.text) {
            let item = story(title, &doc.text(subtree), category);
            found.items.push(linked_by(heading.text, item));
            origins.push(Some(h));
            h = next;
        } else if let Some((title, _)) = link_heading(heading.text) {
            let item = story(title, &doc.text(subtree), category);
            found.items.push(linked_by(heading.text, item));
            origins.push(Some(h));
            h = next;
        } else if NAV.is_match(&text) {
            h += 1;
        } else if SKIP.is_match(&text) && (category.is_none() || names_a_skipped_section(&text)) {
            // Under a section of news, a heading holding such a word is a headline
            // (`### 乙公司开源语音模型` under `## 产品` was dropped), as in
            // [`fallback`]; the real sections to leave out head the file or follow its
            // dated title (`## 收听语音版AI日报`).
            h = next;
        } else if SUMMARY.is_match(&text) && !is_title_over_news(&text, next > h + 1, only_top) {
            found.front_page.push(format!(
                "{}\n\n{}",
                heading_line(heading.level, &text),
                without_closing_rules(&doc.text(subtree))
            ));
            h = next;
        } else {
            let lines = &doc.lines[doc.own(h)];
            // Under a section heading (a `#` above is the file's title, no category).
            let sections = || containers.iter().rev().filter(|(level, _)| *level >= 2);
            if next == h + 1 && sections().next().is_some() {
                leaves.push((h, sections().find_map(|(_, c)| c.clone())));
            }
            let own = if only_top { None } else { category_of(&text) }.or(category.clone());
            let mut stories = list_stories(lines, own.clone(), bullets);
            if stories.is_empty() {
                stories = bold_stories(lines, own.clone());
                let at = found.items.len();
                bold.push(at..at + stories.len());
            }
            // A plain heading with text among numbered or link headings is a story as they
            // are (`### 普通标题` between `### [标题](url)`s); a dated or timed one, or a
            // plain "news" one, is no headline.
            if stories.is_empty() && next == h + 1 && category_of(&text).is_some() {
                let beside = beside_stories.get_or_insert_with(|| beside_story_headings(doc));
                let body = doc.text(doc.own(h));
                if beside[h] && !body.is_empty() {
                    stories.push(heading_story(doc, h, &body, category));
                }
            }
            let has_text = || lines.iter().any(|l| !l.trim().is_empty());
            if stories.is_empty()
                && next == h + 1
                && heading.level >= 2
                && sections().next().is_none()
                && has_text()
            {
                loose.push(h);
            }
            origins.extend(std::iter::repeat_n(Some(h), stories.len()));
            found.items.extend(stories);
            containers.push((heading.level, own));
            h += 1;
        }
    }
    // One bold paragraph with text under it is a heading written in bold more often than a
    // story (`**加入我们**`); a file of such stories has several.
    if bold.iter().map(ExactSizeIterator::len).sum::<usize>() < 2 {
        for range in bold.into_iter().rev() {
            origins.drain(range.clone());
            found.items.drain(range);
        }
    }
    let seen = Seen {
        leaves,
        loose,
        origins,
    };
    (found, seen)
}

/// Each heading of the top section level (`##`) with all under it, sub-headings too: the
/// stories of a file whose sections are its stories, some with headings of their own.
fn section_stories(doc: &Doc) -> Vec<Item> {
    doc.top_sections()
        .filter_map(|h| {
            let body = doc.text(doc.subtree(h).0);
            let news = !is_aside(&plain(doc.headings[h].text));
            (news && !body.is_empty()).then(|| heading_story(doc, h, &body, None))
        })
        .collect()
}

/// A summary, a section left out or the navigation, by its heading's words: no story.
fn is_aside(title: &str) -> bool {
    [&*SKIP, &*NAV, &*SUMMARY].iter().any(|s| s.is_match(title))
}

/// Leaf heading `h` (see `leaves` in [`find_by`]) as a story of `section`, when it has text.
fn leaf_story(doc: &Doc, h: usize, section: &Option<String>) -> Option<Item> {
    let body = doc.text(doc.own(h));
    (!body.is_empty()).then(|| heading_story(doc, h, &body, section.clone()))
}

/// The story under heading `h` with text `body`, titled by [`story_title`].
fn heading_story(doc: &Doc, h: usize, body: &str, category: Option<String>) -> Item {
    linked_by(
        doc.headings[h].text,
        story(story_title(doc, h, body), body, category),
    )
}

/// `item`, told under a heading written `heading`: a link in the heading is the story's, as
/// a link heading's is (`## 1. OpenAI ships it ([source](…))` had none when its text had
/// none: tester DM), over its text's first link but, unless the heading is the link whole
/// (`### 2. [title](url)`), not one its text labels as its source (`来源：[机器之心](…)`
/// under `## 阿里发布 [Qwen3](…) 模型`: a review).
fn linked_by(heading: &str, mut item: Item) -> Item {
    // Of two, the one it labels as the source (`[OpenAI](…) releases o3 ([source](…))`:
    // tester DU).
    let Some((_, url)) = source_link(heading).or_else(|| first_link(heading)) else {
        return item;
    };
    let whole = || link_heading(after_number(heading).unwrap_or(heading)).is_some();
    let unlabelled = || {
        source_link(&item.body).is_none()
            && item.url == first_link(&item.body).map(|(_, first)| first)
    };
    if item.url.is_none() || whole() || unlabelled() {
        item.url = Some(url);
    }
    item
}

/// The title of the story under heading `h` with text `body`: the heading's words, else, for
/// a heading with none (`## <b></b>`), its text's first clause, as for a story without a
/// heading (the story was lost).
fn story_title(doc: &Doc, h: usize, body: &str) -> String {
    let title = plain(doc.headings[h].text);
    match title.trim().is_empty() {
        true => derive_title(first_paragraph(body)),
        false => title,
    }
}

/// For each heading, whether a heading of its level under the same parent is numbered or a
/// link (a story whatever its words).
fn beside_story_headings(doc: &Doc) -> Vec<bool> {
    // Each heading's parent: the nearest heading above it of a lower level.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(doc.headings.len());
    let mut open: Vec<usize> = Vec::new();
    for (h, heading) in doc.headings.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&p| doc.headings[p].level >= heading.level)
        {
            open.pop();
        }
        parents.push(open.last().copied());
        open.push(h);
    }
    let is_story = |h: usize| {
        let text = doc.headings[h].text;
        numbered_title(text).is_some() || link_heading(text).is_some()
    };
    let with_stories: HashSet<(Option<usize>, u8)> = (0..doc.headings.len())
        .filter(|&h| is_story(h))
        .map(|h| (parents[h], doc.headings[h].level))
        .collect();
    (0..doc.headings.len())
        .map(|h| with_stories.contains(&(parents[h], doc.headings[h].level)))
        .collect()
}

/// When no story unit is found, not even a section of news without headings under it:
/// every section with text is an item, or the whole file.
fn fallback(doc: &Doc) -> Vec<Item> {
    let mut items = Vec::new();
    let mut h = 0;
    while h < doc.headings.len() {
        let heading = &doc.headings[h];
        // An audio edition or a sponsor's section is no news here either (tester DE: they
        // were stories beside plain headlines); a headline with such a word is.
        if heading.level >= 2 && names_a_skipped_section(&plain(heading.text)) {
            h = doc.subtree(h).1;
            continue;
        }
        let body = doc.text(doc.own(h));
        if heading.level >= 2 && !body.is_empty() {
            items.push(heading_story(doc, h, &body, None));
        }
        h += 1;
    }
    if items.is_empty() {
        let all = doc.text(0..doc.lines.len());
        if !all.is_empty() {
            items.push(story(derive_title(first_paragraph(&all)), &all, None));
        }
    }
    items
}

/// Whether a heading is a section's name that [`SKIP_WORDS`] has, and a letter more at the
/// most (`🎧 音频版`, `Sponsors`), not a headline holding one (`乙公司开源语音模型`; tester
/// DF: `小米语音` was dropped, where three letters more were taken for the name's).
fn names_a_skipped_section(text: &str) -> bool {
    let Some(word) = SKIP.find(text) else {
        return false;
    };
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    letters(text) <= letters(&text[word.range()]) + 1
}

fn heading_line(level: u8, text: &str) -> String {
    format!("{} {text}", "#".repeat(level.into()))
}

/// A dated heading over others (`AI Daily Digest 2025/8/4`), or the file's only top heading
/// over others (`# 每周摘要`), is the digest's title over its news, whatever words it has; a
/// summary without sections under it is a summary.
fn is_title_over_news(text: &str, has_sections: bool, only_top: bool) -> bool {
    has_sections && (only_top || super::date::find_date(text).is_some())
}

/// A container heading names a category unless it is a date title or a plain "news" heading.
/// Emoji, counts like `(5条)` and bold markers are dropped: `📚 学术前沿 (5条)` → `学术前沿`.
fn category_of(text: &str) -> Option<String> {
    if super::date::find_date(text).is_some() || NEWS.is_match(text) || has_clock_time(text) {
        return None;
    }
    // Emoji and marks around it go (`📚 学术前沿`, `Social Media Buzz 💬`); brackets stay
    // with the words they hold.
    let t = text
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !"《「『“‘（(【[".contains(c))
        .trim_end_matches(|c: char| {
            !c.is_alphanumeric() && !c.is_ascii_punctuation() && !"》」』”’）】".contains(c)
        });
    let t = match t.rfind(['(', '（']) {
        Some(i) if t[i..].contains('条') => &t[..i],
        _ => t,
    };
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Batch headings (`### 10:00 更新`) say when, not what.
fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        b[i] == b':'
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    })
}

/// `1. title`, `**2、title**` → the title.
fn numbered_title(heading: &str) -> Option<String> {
    let title = plain(after_number(heading)?);
    (!title.is_empty()).then_some(title)
}

/// `1. title`, `**2、title**`, `1000. title` → what follows the number. A date or version
/// (`2025.07.16`, `3.5 发布`) is no number of a story: a digit follows its dot.
fn after_number(heading: &str) -> Option<&str> {
    let t = heading.trim_start_matches("**");
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_STORY_DIGITS {
        return None;
    }
    t[digits..]
        .strip_prefix(['.', '、', ')'])
        .filter(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Digests number their stories into the thousands (a year's file); more digits are an id.
const MAX_STORY_DIGITS: usize = 5;

/// `**1. title**` alone on its line: a numbered story written as a bold line, not a heading.
fn bold_numbered(line: &str) -> Option<String> {
    let t = line.trim();
    if !t.starts_with("**") || !t.as_bytes().get(2).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    if inner.contains("**") {
        return None;
    }
    numbered_title(inner)
}

/// `**🔥 谷歌发布 Gemini 3 Flash！**` alone on its line: a headline written as a bold
/// paragraph, its story the paragraphs under it. Not a label (`**写在最后：**`), a tag
/// (`**[研究]**`) or a numbered story (see [`bold_numbered`]).
fn bold_headline(line: &str) -> Option<String> {
    let inner = bold_alone(line)?;
    let tag = inner.starts_with('[') && inner.ends_with(']');
    if inner.ends_with([':', '：']) || tag || bold_numbered(line).is_some() {
        return None;
    }
    let title = plain(inner);
    (title.chars().count() >= 2).then_some(title)
}

/// `**…**` alone on its line: what is between the stars.
fn bold_alone(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("**")?.strip_suffix("**")?;
    (!inner.contains("**")).then_some(inner)
}

/// Stories written as bold headline paragraphs (see [`bold_headline`]) in a section that has
/// no list of stories: each runs to the next bold paragraph (`**写在最后：**` heads text of
/// its own), a rule or the section's end. A headline with no text under it is none.
fn bold_stories(lines: &[&str], category: Option<String>) -> Vec<Item> {
    let starts: Vec<(usize, String)> = (0..lines.len())
        .filter(|&i| i == 0 || lines[i - 1].trim().is_empty())
        .filter_map(|i| bold_headline(lines[i]).map(|title| (i, title)))
        .collect();
    let mut items = Vec::new();
    for (n, (start, title)) in starts.iter().enumerate() {
        let next = starts.get(n + 1).map_or(lines.len(), |(i, _)| *i);
        let end = (start + 1..next)
            .find(|&j| {
                is_rule(lines[j])
                    || lines[j - 1].trim().is_empty() && bold_alone(lines[j]).is_some()
            })
            .unwrap_or(next);
        let body = &lines[start + 1..end];
        if body.iter().any(|l| !l.trim().is_empty()) {
            items.push(story_of_lines(
                title.clone(),
                body.iter().copied(),
                category.clone(),
            ));
        }
    }
    items
}

/// `text` without the rules (`---`) it ends with: they part it from the section after it,
/// which the front page does not show.
fn without_closing_rules(text: &str) -> &str {
    let mut text = text.trim_end();
    loop {
        let (before, last) = text.rsplit_once('\n').unwrap_or(("", text));
        if !is_rule(last) {
            return text;
        }
        text = before.trim_end();
    }
}

/// A thematic break (`---`), which ends a story's text.
fn is_rule(line: &str) -> bool {
    matches!(line.trim(), "---" | "***" | "___")
}

/// An HTML comment alone on its line.
fn is_comment(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// How a line that opens with a key and a colon reads (see [`meta_field`]).
#[derive(Clone, Copy, PartialEq)]
enum Key {
    /// No short key: `**Epic 喜加一**：…`, or no key at all.
    None,
    /// A field's label, no headline: `**来源**：[a](b)`, `**要点**：…` without a link,
    /// `**Source**: https://…`.
    Label,
    /// A short key with text and a link after it: a field (`**预测依据**：…[a](b)`) under a
    /// story, a story (`**考研加油**：今天考研第一天…[链接](…)`) beside others.
    Either,
}

fn key_of(line: &str) -> Key {
    match meta_field(line) {
        Some((key, value)) if key.chars().count() <= 4 || key.is_ascii() && !key.contains(' ') => {
            if value.starts_with(['[', '<']) || value.starts_with("http") || !has_link(&[line]) {
                Key::Label
            } else {
                Key::Either
            }
        }
        _ => Key::None,
    }
}

fn has_link(lines: &[&str]) -> bool {
    lines.iter().any(|l| l.contains("]("))
}

/// `[title](url)` as a whole heading.
fn link_heading(heading: &str) -> Option<(String, String)> {
    let t = heading.trim().trim_matches('*');
    if !t.starts_with('[') || !t.ends_with(')') {
        return None;
    }
    first_link(t)
}

/// An item from a title and its Markdown body, picking up metadata lines in the body
/// (`分类：`, `来源：`/`链接：` with a link) and otherwise its first link.
pub fn story(title: String, body: &str, category: Option<String>) -> Item {
    story_of_lines(title, lines(body), category)
}

/// [`story`] of a body given as its lines.
fn story_of_lines<'a>(
    title: String,
    lines: impl Iterator<Item = &'a str>,
    category: Option<String>,
) -> Item {
    let mut item = Item {
        id: String::new(),
        title,
        category,
        region: None,
        outlet: None,
        url: None,
        body: String::new(),
        unified: None,
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut before_text = true;
    // Inside fenced code a `Source:` line is code, not the story's link (tester AH).
    let mut in_code = false;
    for line in lines {
        if before_text && !line.trim().is_empty() {
            before_text = false;
            item.outlet = outlet_sign(line);
        }
        in_code ^= fence(line).is_some();
        match meta_field(line).filter(|_| !in_code) {
            Some(("分类" | "Category", value)) if !value.is_empty() => {
                item.category = Some(plain(value));
            }
            Some(("来源" | "链接" | "原文" | "Source" | "Link", value)) => {
                match first_link(value) {
                    // Several sources are listed `[a](u1) 、 [b](u2)`: all names, the first
                    // link; the line stays in the text, where the others are for `L` and to
                    // read (tester AF: only the first source's link was left).
                    Some((text, url)) => {
                        // `来源：[原文](…)` names the link, not an outlet (tester EA: its
                        // article said `2026-01-14 · 测试日报 · 原文`).
                        let name = plain_of_link(value, text);
                        if item.outlet.is_none() && !is_link_word(&name) {
                            item.outlet = Some(name);
                        }
                        item.url.get_or_insert(url);
                        if value.matches("](").count() > 1 {
                            kept.push(line);
                        }
                    }
                    // `链接：https://…`, `Source: <https://…>`: the address alone (tester AH).
                    None => match first_bare_url(value) {
                        Some(url) if item.url.is_none() => item.url = Some(url),
                        _ => kept.push(line),
                    },
                }
            }
            Some(("摘要" | "Summary", value)) => kept.push(value),
            // A bold label alone on its line (`**内容简介：**`) heads what follows; Markdown
            // would run it into the paragraph right above (`…潜力。内容简介：`).
            Some((_, ""))
                if line.trim_start().starts_with("**")
                    && kept.last().is_some_and(|l| !l.trim().is_empty()) =>
            {
                kept.extend(["", line]);
            }
            _ => kept.push(line),
        }
    }
    let mut kept = trim_blank_lines(&kept);
    // A rule closing the story separates it from the next one, and comments around it
    // (`<!-- batch:night:end -->`) mark the file's parts: they are not part of it.
    while let [rest @ .., last] = kept
        && (is_rule(last) || is_comment(last))
    {
        kept = trim_blank_lines(rest);
    }
    while let [first, rest @ ..] = kept
        && is_comment(first)
    {
        kept = trim_blank_lines(rest);
    }
    item.body = kept.join("\n");
    if item.url.is_none() {
        item.url = source_link(&item.body)
            .or_else(|| first_link(&item.body))
            .map(|(_, url)| url)
            .or_else(|| item.body.lines().find_map(url_alone));
    }
    item
}

/// The words a link to a story's source is written with (`[原文](…)`), wherever in its text
/// it is: a link before it is one the text mentions (tester N: `[带参数](…)` was taken).
const SOURCE_LABELS: [&str; 7] = [
    "原文",
    "原文链接",
    "阅读原文",
    "查看原文",
    "来源",
    "Source",
    "source",
];

/// Whether `name` is a link's own word, no outlet's name (`[原文](…)`, `[阅读原文](…)`,
/// `[LINK](…)`).
fn is_link_word(name: &str) -> bool {
    let name = name.trim();
    (SOURCE_LABELS.iter().chain(&LINK_WORDS)).any(|w| w.eq_ignore_ascii_case(name))
}

/// The first link in `text` labelled as the story's source ([`SOURCE_LABELS`]).
fn source_link(text: &str) -> Option<(String, String)> {
    memchr::memmem::find_iter(text.as_bytes(), b"](").find_map(|end| {
        let label = SOURCE_LABELS
            .iter()
            .find(|l| text[..end].ends_with(*l) && text[..end - l.len()].ends_with('['))?;
        first_link(&text[end - label.len() - 1..])
    })
}

/// The first web address written out in `text` (`https://…`, `<https://…>`).
fn first_bare_url(text: &str) -> Option<String> {
    let at = crate::text::bare_urls(text).into_iter().next()?;
    Some(text[at].to_string())
}

/// A line that is a web address and nothing else: a story's link written out under its
/// title (tester AH). Not any address in its text, which is a picture's as often.
fn url_alone(line: &str) -> Option<String> {
    let line = line.trim();
    let bare = line
        .strip_prefix('<')
        .and_then(|l| l.strip_suffix('>'))
        .unwrap_or(line);
    first_bare_url(bare).filter(|url| url.len() == bare.len())
}

/// The outlet the first line of a story's text names, as digests made by one generator head
/// each story: after a newspaper sign, up to the next field (`> 📰 **TechCrunch AI**  |  ⭐
/// **重要性**: 62/100  |  🔗 [原文链接](…)` → `TechCrunch AI`), or in a badge opening it
/// (`<span style='background: #ff6600; …'>Hacker News</span> 🔥 25 upvotes` → `Hacker News`).
fn outlet_sign(line: &str) -> Option<String> {
    let line = line.trim_start();
    let rest = line.strip_prefix('>').unwrap_or(line).trim_start();
    let name = match rest.strip_prefix('📰') {
        Some(signed) => signed.split('|').next()?,
        None => {
            let badge = rest.strip_prefix("<span")?;
            let text = &badge[badge.find('>')? + 1..];
            &text[..text.find("</span>")?]
        }
    };
    let name = plain(name);
    (!name.is_empty() && name.chars().count() <= MAX_OUTLET_CHARS).then_some(name)
}

/// The longest outlet name read: a publication's name, not a sentence.
const MAX_OUTLET_CHARS: usize = 40;

/// Top-level list items of a section: numbered items are stories; bullets that open with a
/// link, or with a bold headline (and have a link, as `bullets` asks), are short stories.
/// Other bullets are prose of the section. A numbered bold line (`**1. 标题**`) is a story
/// too, up to the next one.
fn list_stories(lines: &[&str], mut category: Option<String>, bullets: Bullets) -> Vec<Item> {
    let mut items = Vec::new();
    // Stories from bullets that may be fields (see [`Key::Either`]).
    let mut maybe_fields = 0;
    // Where the last list item's story ended, while only paragraphs follow it: paragraphs
    // after such a story, before the next or the section's end, not indented under it, are
    // its text all the same (testers AG, AH: a Bubble's Brain story's further paragraphs
    // were lost).
    let mut told: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some(title) = bold_numbered(lines[i]) {
            told = None;
            // Its bullets (`- 链接：…`) are its own; a numbered item is the next story.
            let end = (i + 1..lines.len())
                .find(|&j| {
                    bold_numbered(lines[j]).is_some()
                        || list_marker(lines[j]).is_some_and(|m| m.indent == 0 && m.ordered)
                })
                .unwrap_or(lines.len());
            let body = lines[i + 1..end].iter().copied();
            items.push(story_of_lines(title, body, category.clone()));
            i = end;
            continue;
        }
        let Some(marker) = list_marker(lines[i]).filter(|m| m.indent <= 3) else {
            if is_rule(lines[i]) {
                told = None;
            }
            if let Some(label) = bold_label(lines, i) {
                told = None;
                category = Some(label);
                i += 1;
                continue;
            }
            // `**[开源]** [标题](url) - 简介` as a paragraph of its own is a story too, its tag
            // its category.
            let line = lines[i].trim_start();
            if lines[i].len() - line.len() <= 3
                && let Some((tag, link)) = tagged(line)
            {
                let item = link_led_story(link, line, std::iter::empty(), Some(tag.into()));
                if !item.title.is_empty() {
                    items.push(item);
                }
                told = None;
            }
            i += 1;
            continue;
        };
        let end = item_end(lines, i, marker.indent);
        let (tag, link) = match tagged(marker.content) {
            Some((tag, link)) => (Some(tag), link),
            None => (None, marker.content),
        };
        let link_led = link.starts_with('[');
        let bold = !marker.ordered && marker.content.starts_with("**");
        let key = if bold {
            key_of(marker.content)
        } else {
            Key::None
        };
        let headline_led = bold
            && key != Key::Label
            && (bullets == Bullets::BoldLed || has_link(&lines[i..end]))
            && bold_lead(marker.content).is_some();
        if !(marker.ordered || link_led || headline_led) {
            told = None;
        } else {
            if let Some(from) = told
                && let Some(last) = items.last_mut()
            {
                add_paragraphs(last, &lines[from..i]);
            }
            let rest = lines[i + 1..end].iter().map(|l| dedent(l, marker.indent));
            let mut item = if link_led {
                let category = tag.map(str::to_string).or_else(|| category.clone());
                link_led_story(link, marker.content, rest, category)
            } else {
                list_item_story(marker.content, rest, category.clone())
            };
            if item.title.is_empty() {
                item.title = plain(marker.content);
            }
            if !item.title.is_empty() {
                let trimmed = item.body.trim();
                if trimmed.len() != item.body.len() {
                    item.body = trimmed.to_string();
                }
                maybe_fields += usize::from(headline_led && key == Key::Either);
                items.push(item);
            }
            told = (!items.is_empty()).then_some(end);
        }
        i = end;
    }
    if let Some(from) = told
        && let Some(last) = items.last_mut()
    {
        add_paragraphs(last, &lines[from..]);
    }
    // Bullets that may be fields are stories beside others, not on their own.
    if maybe_fields == items.len() {
        items.clear();
    }
    items
}

/// `lines` (paragraphs after `item`'s list item) added to its text, comments left out.
fn add_paragraphs(item: &mut Item, lines: &[&str]) {
    let text: Vec<&str> = lines.iter().copied().filter(|l| !is_comment(l)).collect();
    let text = text.join("\n");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !item.body.is_empty() {
        item.body.push_str("\n\n");
    }
    item.body.push_str(text);
}

/// The longest bold line read as the name of the stories under it.
const MAX_LABEL_CHARS: usize = 30;

/// A line alone in bold over a list (`**AI产品与功能更新**`, then `1. …`): a section without
/// a heading, whose name is the category of the stories after it.
fn bold_label(lines: &[&str], i: usize) -> Option<String> {
    let line = lines[i].trim_end();
    if line.len() - line.trim_start().len() > 3 {
        return None;
    }
    let inner = line.trim_start().strip_prefix("**")?;
    let inner = inner.trim_end_matches([':', '：']).strip_suffix("**")?;
    let inner = inner.trim_end_matches([':', '：']);
    if inner.contains("**") || inner.contains("](") || inner.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty())?;
    list_marker(next).filter(|m| m.indent <= 3)?;
    // `**[开源]**` is named as its tag is.
    let inner = match inner.strip_prefix('[').and_then(|i| i.strip_suffix(']')) {
        Some(tag) => tag,
        None => inner,
    };
    // Named as a heading would be (`✨ 产品与工具` → `产品与工具`).
    category_of(&plain(inner))
}

/// A story led by its link: `link` is its first line from the link on (`[title](url) —
/// outlet`), `first` the whole line (with a tag before the link, kept in the text).
fn link_led_story<'a>(
    link: &str,
    first: &'a str,
    rest: impl Iterator<Item = &'a str>,
    category: Option<String>,
) -> Item {
    let (title, url) = first_link(link).unwrap_or_default();
    // A link alone on its line gives the story's title and address, both shown above its
    // text: the text is what follows, not the headline again.
    let alone = first == link && !title.is_empty() && is_link_alone(first);
    // `[title](url) — outlet`: the outlet after the link's end.
    let outlet = outlet_after(link, |before| before.ends_with(')'));
    let mut item = if alone {
        story_of_lines(title, rest, category)
    } else {
        led_story(title, first, outlet, rest, category)
    };
    item.url = Some(url).filter(|u| !u.is_empty());
    item
}

/// `**[开源]** [title](url) …` → `开源` and `[title](url) …`: a bold bracketed tag before a
/// link, the story's category.
fn tagged(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("**[")?;
    let end = rest.find("]**").filter(|&end| end <= MAX_TAG_BYTES)?;
    let link = rest[end + "]**".len()..].trim_start();
    link.starts_with('[').then_some((rest[..end].trim(), link))
}

/// The longest tag read before a link: a word or two (`开源`, `Open Source`).
const MAX_TAG_BYTES: usize = 24;

/// A numbered item: `**Headline** — outlet · time` leads give title and outlet; a bold
/// headline alone on the first line, with text under it, is the title and no part of the
/// text; otherwise the title is derived from the text and the whole text is the body.
/// `rest` are the lines after the first.
fn list_item_story<'a>(
    first: &'a str,
    rest: impl Iterator<Item = &'a str> + Clone,
    category: Option<String>,
) -> Item {
    let title = derive_title(first);
    if bold_headline(first).is_some() && rest.clone().any(|l| !l.trim().is_empty()) {
        return story_of_lines(title, rest, category);
    }
    // `**Headline**: text`: the text after the title (tester H: the headline twice).
    if let Some(text) = after_headline(first, &title) {
        return story_of_lines(title, std::iter::once(text).chain(rest), category);
    }
    // A lead is a headline: a paragraph with a ` — ` after a link in it is text, and its
    // tail no outlet (tester F: `…](url) — a "mind gym" for idle souls.` lost the story).
    let lead = |before: &str| {
        let bold = before.starts_with("**") && before.ends_with("**");
        let link = leading_link(before).is_some_and(|(_, _, len)| len == before.len());
        bold || link || before.len() <= MAX_LEAD_BYTES
    };
    led_story(title, first, outlet_after(first, lead), rest, category)
}

/// The longest plain headline read before a lead's ` — outlet`, in bytes as written (this
/// runs for every such item); a bold one or a link may be longer.
const MAX_LEAD_BYTES: usize = 160;

/// A story whose first line `first` is a lead that gave its `outlet`, and then not part of
/// its text; or, without one, the start of its text. `rest` are the lines after it.
fn led_story<'a>(
    title: String,
    first: &'a str,
    outlet: Option<String>,
    rest: impl Iterator<Item = &'a str>,
    category: Option<String>,
) -> Item {
    let lead = outlet.is_none().then_some(first);
    let mut item = story_of_lines(title, lead.into_iter().chain(rest), category);
    if outlet.is_some() {
        item.outlet = outlet;
    }
    item
}

/// The outlet a lead names after ` — ` (`**Headline** — outlet · time`), when what comes
/// before the dash passes `before` (a link led line: the link's end).
fn outlet_after(first: &str, before: impl Fn(&str) -> bool) -> Option<String> {
    // `**PrintGuard 2.0 — a model** — outlet`: the dash after the bold headline, not in
    // it; so after a leading link (tester F: `[GPT-Red — improving …](url) — outlet` lost
    // its outlet and showed its lead again as text).
    let from = match first.strip_prefix("**").and_then(|rest| rest.find("**")) {
        Some(end) => end + 4,
        None => leading_link(first).map_or(0, |(_, _, len)| len),
    };
    let at = from + DASH.find(&first.as_bytes()[from..])?;
    if !before(first[..at].trim_end()) {
        return None;
    }
    let rest = &first[at + " — ".len()..];
    let outlet = plain(DOT.find(rest.as_bytes()).map_or(rest, |end| &rest[..end]));
    // `— a new open model.`: a sentence, the story's text, not a name (tester AI).
    let sentence = outlet.ends_with(['.', '。', '!', '！', '?', '？']);
    (!outlet.is_empty() && !sentence && outlet.chars().count() <= MAX_OUTLET_CHARS)
        .then_some(outlet)
}

/// Where a list item starting at `start` ends: at the next line at the same or lesser indent
/// that starts another block (a list marker or unindented text after a blank line).
fn item_end(lines: &[&str], start: usize, indent: usize) -> usize {
    let mut blank = false;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        let this_indent = line.len() - line.trim_start().len();
        if this_indent <= indent && (list_marker(line).is_some() || blank) {
            return j;
        }
        blank = false;
    }
    lines.len()
}

/// Up to `indent + 3` leading spaces or tabs removed. Only ASCII blanks are stripped, so a
/// cut never lands inside a multi-byte whitespace character (U+0085, U+3000).
fn dedent(line: &str, indent: usize) -> &str {
    let strip = line
        .bytes()
        .take(indent + 3)
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    &line[strip..]
}

fn first_paragraph(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each story's (title, text).
    fn titles_and_texts(f: &Found) -> Vec<(&str, &str)> {
        f.items
            .iter()
            .map(|i| (i.title.as_str(), i.body.as_str()))
            .collect()
    }

    /// Each story's (title, category, link).
    fn labelled(f: &Found) -> Vec<(&str, Option<&str>, Option<&str>)> {
        f.items
            .iter()
            .map(|i| (i.title.as_str(), i.category.as_deref(), i.url.as_deref()))
            .collect()
    }

    /// Sections that are stories keep a heading, a list of points or of links of their own
    /// inside them: those are no stories of a category each, and the other sections are not
    /// lost (tester AE: one `####` or one numbered list made the file one or two stories).
    #[test]
    fn sections_with_headings_or_points_inside_stay_the_stories() {
        for inside in [
            "#### 背景\n\n背景说明。",
            "要点如下：\n\n1. 速度更快\n2. 价格更低",
            // More points than the other sections (tester AG), numbered `1)`.
            "Key points:\n\n1) Faster\n2) Video input\n3) New pricing\n4) Longer context",
            // Points of a few words more (tester AJ).
            "主要变化：\n\n1. 上下文扩展到 200 万 token\n2. 工具调用更快\n3. 价格下调 30%",
            // Points of a sentence each (tester Y).
            "三项改进。\n\n1. 推理能力：在数学与代码基准上平均提升二十个百分点，并显著降低了幻觉率，官方称已接近人类专家水平。\n2. 上下文：支持一千万 token 的上下文窗口。\n3. 价格：API 价格下调一半。",
            // Links to read further (tester AD): no stories of their own.
            "延伸阅读：\n\n1. [英伟达官方博客](https://a.example/1)\n2. [发布会回放](https://a.example/2)\n3. [分析师点评](https://a.example/3)",
        ] {
            let doc = format!(
                "# AI 日报 2026-04-02\n\n## 故事一：英伟达发布新芯片\n\n正文一。\n\n\
                 ## 故事二：谷歌发布新模型\n\n正文二。\n\n{inside}\n\n\
                 ## 故事三：苹果发布新系统\n\n正文三。\n"
            );
            let found = find(&Doc::new(&doc));
            let titles: Vec<&str> = found.items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(
                titles,
                [
                    "故事一：英伟达发布新芯片",
                    "故事二：谷歌发布新模型",
                    "故事三：苹果发布新系统"
                ],
                "{inside}"
            );
            assert!(found.items[1].body.contains(inside), "{inside}");
        }
        // Stories under category sections stay stories, a closing section beside them
        // notwithstanding.
        let doc = "## 🔬 技术创新\n\n#### Apple picks Gemini\n\nText.\n\n#### OpenAI ships X\n\n\
                   Text.\n\n## 📦 产品\n\n#### Y launches Z\n\nText.\n\n## 写在最后\n\n再见。\n";
        assert_titled(
            doc,
            &[
                ("Apple picks Gemini", Some("技术创新")),
                ("OpenAI ships X", Some("技术创新")),
                ("Y launches Z", Some("产品")),
            ],
        );
    }

    /// What follows a link's dash is its outlet when it is a name, and the story's text when
    /// it is a sentence (tester AI: `— a new open model.` was the outlet, and no text left).
    #[test]
    fn a_sentence_after_a_links_dash_is_text_not_an_outlet() {
        let doc = "## Top links\n\n1. [Alpha model released](https://a.example/1) — a new open model.\n\
                   2. [Beta ships](https://b.example/2) — Simon Willison's Weblog\n";
        let items = find(&Doc::new(doc)).items;
        assert_eq!(items[0].outlet, None);
        assert!(
            items[0].body.contains("a new open model."),
            "{:?}",
            items[0]
        );
        assert_eq!(items[1].outlet.as_deref(), Some("Simon Willison's Weblog"));
    }

    /// Sections of prose beside sections of linked stories are stories too, in the file's
    /// order (tester AH: only the links were kept).
    #[test]
    fn prose_sections_beside_sections_of_links_are_stories_too() {
        let doc = "# Weekly 2026-03-01\n\n## Top links\n\n1. [A ships X](https://a.example/1)\n\
                   2. [B ships Y](https://b.example/2)\n\n## OpenAI opens a Tokyo office\n\n\
                   The office opens in April.\n\n## More links\n\n- [C ships Z](https://c.example/3)\n\n\
                   ## Nvidia earnings beat estimates\n\nRevenue rose again.\n";
        let found = find(&Doc::new(doc));
        let titles: Vec<&str> = found.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "A ships X",
                "B ships Y",
                "OpenAI opens a Tokyo office",
                "C ships Z",
                "Nvidia earnings beat estimates"
            ]
        );
        assert_eq!(found.items[2].body, "The office opens in April.");
    }

    /// Paragraphs between two linked stories of a list, not indented under the first, are
    /// the first's text still (tester AG: a Bubble's Brain story lost its further paragraphs,
    /// and search did not find their words).
    #[test]
    fn paragraphs_between_list_stories_are_the_storys_text() {
        let doc = "## 08:00 更新\n\n本时段概览。\n\n\
                   - [uv 0.12.0 调整默认结构](<https://a.example/uv>) — Blog\n  - 摘要：默认创建 src 包。\n\n\
                   新版本还配置了 uv_build 后端。\n\n作者此前避免 src 布局。\n\n<!-- 注释 -->\n\n\
                   - [Modal 称平台未被攻破](<https://a.example/modal>) — Blog\n  - 摘要：端点无认证。\n\n\
                   失控智能体利用了该端点。\n\n## 22:00 更新\n\n- [下一条](https://a.example/next)\n";
        let found = find(&Doc::new(doc));
        let bodies: Vec<&str> = found.items.iter().map(|i| i.body.as_str()).collect();
        assert_eq!(bodies.len(), 3, "{bodies:?}");
        assert!(bodies[0].contains("默认创建 src 包"), "{}", bodies[0]);
        assert!(
            bodies[0].ends_with("新版本还配置了 uv_build 后端。\n\n作者此前避免 src 布局。"),
            "{}",
            bodies[0]
        );
        // The section's own text before the first story is none of the stories'.
        assert!(!bodies.iter().any(|b| b.contains("概览")), "{bodies:?}");
        assert!(!bodies[1].contains("uv_build"), "{}", bodies[1]);
        // The last story's, up to its section's end (tester AH).
        assert!(
            bodies[1].ends_with("失控智能体利用了该端点。"),
            "{}",
            bodies[1]
        );
    }

    /// A section of heading stories beside one of link bullets keeps its stories, in the
    /// file's order (tester AH: the bullets alone were kept).
    #[test]
    fn each_section_keeps_its_own_kind_of_story() {
        let doc = "# 智能周报\n\n## 模型发布\n\n### MiniMax 发布 M3\n\n正文。[原文](https://a.example/1)\n\n\
                   ### 阶跃星辰发布 Step-4\n\n正文。\n\n## 快讯\n\n- [谷歌推出 NotebookLM 移动版](https://a.example/2)\n\
                   - [Meta 裁撤部分 AI 团队](https://a.example/3)\n\n## 观点\n\n一段评论。\n";
        assert_titled(
            doc,
            &[
                ("MiniMax 发布 M3", Some("模型发布")),
                ("阶跃星辰发布 Step-4", Some("模型发布")),
                ("谷歌推出 NotebookLM 移动版", Some("快讯")),
                ("Meta 裁撤部分 AI 团队", Some("快讯")),
            ],
        );
    }

    /// Each story's link, as [`find`] finds the stories of `doc`.
    fn urls_of(doc: &str) -> Vec<Option<String>> {
        find(&Doc::new(doc))
            .items
            .into_iter()
            .map(|i| i.url)
            .collect()
    }

    /// A link written out as an address, alone on its line or after `链接：`, is the story's
    /// (tester AH); an address inside its text is not (a picture's as often).
    #[test]
    fn a_link_written_out_alone_is_the_storys() {
        let doc = "## 新闻\n\n### 1. 甲发布模型\n\nhttps://a.example/1\n\n正文。\n\n\
                   ### 2. 乙开源工具\n\n正文。\n\n链接：<https://a.example/2>\n\n\
                   ### 3. 丙推出应用\n\n正文见 https://img.example/p.png 一图。\n";
        let urls = urls_of(doc);
        assert_eq!(
            urls,
            [
                Some("https://a.example/1".into()),
                Some("https://a.example/2".into()),
                None
            ]
        );
    }

    /// A link labelled as the source (`[原文](…)`) is the story's wherever it is; a link its
    /// text mentions before it is not (tester N).
    #[test]
    fn a_link_labelled_as_the_source_is_the_storys() {
        let doc = "## 新闻\n\n### 1. 甲发布模型\n\n参数见[带参数](https://a.example/p?a=1)。\n\n\
                   [原文](https://a.example/original)\n\n\
                   ### 2. 乙开源工具\n\n见[仓库](https://b.example/repo)。\n";
        let urls = urls_of(doc);
        assert_eq!(
            urls,
            [
                Some("https://a.example/original".into()),
                Some("https://b.example/repo".into())
            ]
        );
    }

    /// A story told by several sources names them all, links the first, and keeps every
    /// source's link in its text (tester AF: only the first was left).
    #[test]
    fn every_source_of_a_story_keeps_its_link() {
        let doc = "## 新闻\n\n### 1. 甲发布模型\n\n正文。\n\n\
                   来源： [甲报](https://a.example/1) 、 [乙刊](https://b.example/2) 、 [丙台](https://c.example/3)\n\n\
                   ### 2. 乙开源工具\n\n正文。\n\n来源：[丁报](https://d.example/4)\n";
        let items = find(&Doc::new(doc)).items;
        assert_eq!(items[0].url.as_deref(), Some("https://a.example/1"));
        assert_eq!(items[0].outlet.as_deref(), Some("甲报 、 乙刊 、 丙台"));
        for url in ["https://b.example/2", "https://c.example/3"] {
            assert!(items[0].body.contains(url), "{}", items[0].body);
        }
        // One source is said above the text, not again in it.
        assert_eq!(items[1].body, "正文。");
    }

    /// A source line whose link says only `原文` or `Source` gives the story's link, and no
    /// outlet of that name (tester EA).
    #[test]
    fn a_source_link_of_a_link_word_names_no_outlet() {
        for label in ["原文", "Source", "阅读原文", "原文链接", "LINK"] {
            let doc = format!(
                "## 新闻\n\n### 1. 甲发布模型\n\n正文。\n\n来源：[{label}](https://a.example/1)\n"
            );
            let item = find(&Doc::new(&doc)).items.remove(0);
            assert_eq!(item.url.as_deref(), Some("https://a.example/1"));
            assert_eq!(item.outlet, None, "{label}");
        }
    }

    /// A `Source:` line in fenced code is code, not the story's link (tester AH).
    #[test]
    fn a_source_line_in_code_is_no_link() {
        let doc = "## 新闻\n\n### 1. 甲发布模型\n\n正文。\n\n```\nSource: [x](https://no.example/)\n```\n\n\
                   来源：[甲](https://a.example/1)\n";
        let item = find(&Doc::new(doc)).items.remove(0);
        assert_eq!(item.url.as_deref(), Some("https://a.example/1"));
        assert!(item.body.contains("Source: [x]"), "{}", item.body);
    }

    /// Asserts each story of `doc`'s (title, category).
    fn assert_titled(doc: &str, want: &[(&str, Option<&str>)]) {
        let found = find(&Doc::new(doc));
        let got: Vec<(&str, Option<&str>)> = labelled(&found).iter().map(|l| (l.0, l.1)).collect();
        assert_eq!(got, want);
    }

    /// `> 📰 **TechCrunch AI**  |  ⭐ …` heading a story's text names its outlet, and so does
    /// a badge opening it (`<span style=…>Hacker News</span> 🔥 25 upvotes`; tester H); the
    /// line stays in the text, and a sign later in the text or a sentence is no outlet.
    #[test]
    fn a_newspaper_sign_or_a_badge_names_the_outlet() {
        let doc = "## 深度观察\n\n### 1. 甲公司发布新模型\n\n> 📰 **TechCrunch AI**  |  ⭐ **重要性**: 62/100  |  🔗 [原文链接](https://t.example/a)\n\n**核心内容**: 正文。\n\n### 2. 乙公司融资\n\n正文。\n\n> 📰 **36氪**\n\n### 3. 丙公司上市\n\n📰 这是一整句很长的话，而不是一个媒体的名字，所以它不能被当作这条新闻的来源来读取，无论它写在哪一行里。\n\n#### 丁公司开源模型\n\n<span style='background: #ff6600; color: white;'>Hacker News</span> 🔥 25 upvotes · 💬 3 comments\n\n正文四。\n";
        let found = find(&Doc::new(doc));
        let outlets: Vec<Option<&str>> = found.items.iter().map(|i| i.outlet.as_deref()).collect();
        assert_eq!(
            outlets,
            [Some("TechCrunch AI"), None, None, Some("Hacker News")]
        );
        assert!(found.items[0].body.contains("📰 **TechCrunch AI**"));
        assert_eq!(found.items[0].url.as_deref(), Some("https://t.example/a"));
    }

    /// `**[tag]** [title](url) - what it is`, as a bullet or a paragraph of its own: the
    /// link's text is the title, the tag its category, and stays in the text.
    #[test]
    fn a_link_after_a_bold_tag_is_a_story_in_a_bullet_or_a_paragraph() {
        let doc = Doc::new(
            "## 📌 值得关注\n\n**[产品]** [Pickle 1 AI 眼镜发布](https://a.example/1) - 号称灵魂电脑\n\n\
             **[开源]** [元象开源大模型](https://a.example/2) - 中英双语\n\n\
             - **[工具]** [SpotiFLAC](https://a.example/3) - 无需账号\n\n\
             **[不是链接]** 只是一段话。\n",
        );
        let f = find(&doc);
        assert_eq!(
            labelled(&f),
            [
                (
                    "Pickle 1 AI 眼镜发布",
                    Some("产品"),
                    Some("https://a.example/1")
                ),
                ("元象开源大模型", Some("开源"), Some("https://a.example/2")),
                ("SpotiFLAC", Some("工具"), Some("https://a.example/3")),
            ]
        );
        assert!(
            f.items[1].body.starts_with("**[开源]**"),
            "{}",
            f.items[1].body
        );
    }

    /// `- [title](url)` alone: its title and link are the story's header, and its text is
    /// only what is under it (none here), not the headline again. A link with more on its
    /// line keeps the line as its text.
    #[test]
    fn a_bullet_that_is_only_a_link_has_no_text_of_its_own() {
        let doc = Doc::new(
            "## 模型\n\n- [OpenAI 发布新模型](https://a.example/1)\n\
             - [Anthropic ships](https://a.example/2)\n  More about it.\n\
             - [谷歌更新](https://a.example/3)，速度提升三倍\n",
        );
        let f = find(&doc);
        let bodies: Vec<&str> = f.items.iter().map(|i| i.body.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "",
                "More about it.",
                "[谷歌更新](https://a.example/3)，速度提升三倍"
            ]
        );
        assert_eq!(f.items[0].url.as_deref(), Some("https://a.example/1"));
    }

    /// Sections of bold headline paragraphs after a numbered list: each is a story of its
    /// section, up to the next one or a rule (an advertisement after it is not its text).
    #[test]
    fn bold_headline_paragraphs_are_stories_where_a_section_has_no_list() {
        let doc = Doc::new(
            "# 快讯\n\n1. **甲公司发布新模型** - 简介 - [来源](https://a.example/1)\n\n\
             # 深度解读\n\n## **产品更新**\n\n**🔥 谷歌发布新一代模型！**\n\n\
             谷歌今天发布了[新模型](https://a.example/2)，速度提升三倍。\n\n\
             **🎵 字节发布音视频模型**\n\n新模型实现视听同步。\n\n---\n\n> 广告：去领号！\n\n\
             ## **前沿研究**\n\n**写在最后：**\n\n总结一下。\n\n**🧠 长期记忆新论文**\n\n\
             三种记忆机制各司其职。\n\n**🚀 写在最后：**\n\n感谢阅读。\n\n**没有正文的粗体行**\n",
        );
        let f = find(&doc);
        assert_eq!(
            labelled(&f),
            [
                (
                    "甲公司发布新模型",
                    Some("快讯"),
                    Some("https://a.example/1")
                ),
                (
                    "🔥 谷歌发布新一代模型！",
                    Some("产品更新"),
                    Some("https://a.example/2")
                ),
                ("🎵 字节发布音视频模型", Some("产品更新"), None),
                ("🧠 长期记忆新论文", Some("前沿研究"), None),
            ]
        );
        assert_eq!(f.items[2].body, "新模型实现视听同步。");
        assert_eq!(
            f.items[3].body, "三种记忆机制各司其职。",
            "a bold label ends it"
        );
        // One bold paragraph beside a list of stories is a heading written in bold.
        let doc = Doc::new(
            "## 新闻\n\n1. 甲公司发布新模型。\n\n## 关于我们\n\n**加入我们，你将得到什么？**\n\n\
             成长与机会。\n",
        );
        assert_eq!(find(&doc).items.len(), 1);
    }

    /// A file whose stories are plain headings (no number, no link) under category
    /// headings: the headings with text and none under them are its stories, in the
    /// categories above them; its summary stays its front page and its data sources no story.
    #[test]
    fn plain_heading_stories_under_category_headings() {
        let doc = Doc::new(
            "## 💡 核心洞察\n\n- 苹果牵手 Gemini。\n\n## 🔍 本期热点\n\n### 📈 行业动态\n\n*导语*\n\n\
             #### Apple picks Gemini to power Siri\n\n苹果选用 Gemini。\n\n\
             #### Show HN: AI in SolidWorks\n\nAI 进入 CAD。\n\n### 💼 AI应用\n\n## 📊 数据来源\n\n\
             - **arXiv**: 9 条\n",
        );
        let f = find(&doc);
        assert_eq!(
            labelled(&f),
            [
                ("Apple picks Gemini to power Siri", Some("行业动态"), None),
                ("Show HN: AI in SolidWorks", Some("行业动态"), None),
            ]
        );
        assert!(
            f.front_page.concat().contains("苹果牵手"),
            "{:?}",
            f.front_page
        );
    }

    /// Bullets led by a bold headline, without links, are a file's stories when it has no
    /// other kind; in a file that has, such bullets are its prose.
    #[test]
    fn bold_led_bullets_without_links_are_stories_only_in_a_file_of_them() {
        let doc = Doc::new(
            "# 日报\n\n## 今日要闻\n\n- **英伟达发布新一代推理卡**，性能提升一倍。\n\
             - **谷歌推出 Gemini 4**，支持百万上下文。\n\n## 观点\n\n推理成本在下降。\n",
        );
        assert_eq!(
            labelled(&find(&doc)),
            [
                ("英伟达发布新一代推理卡", Some("今日要闻"), None),
                ("谷歌推出 Gemini 4", Some("今日要闻"), None),
            ]
        );
        let doc = Doc::new(
            "## 新闻\n\n1. [甲公司发布模型](https://a.example/1)\n\n## 解读\n\n\
             - **更快**，延迟降低一半。\n- **更省**，价格下调。\n",
        );
        assert_eq!(
            labelled(&find(&doc)),
            [("甲公司发布模型", Some("新闻"), Some("https://a.example/1"))]
        );
        // One such bullet is a point, not a file of stories.
        let doc = Doc::new("## 今日要闻\n\n- **英伟达发布新一代推理卡**，性能提升一倍。\n");
        assert_eq!(labelled(&find(&doc)).len(), 1);
        assert_eq!(find(&doc).items[0].title, "今日要闻");
    }

    /// A short bold headline before a colon, with its story and link after it, is a story
    /// beside others; alone under a story's heading it is a field of that story.
    #[test]
    fn short_headline_bullets_with_links_are_stories_beside_others() {
        let doc = Doc::new(
            "## 分类速览\n\n**👾 游戏与社区**\n\
             *   **Epic 喜加一**：白送的游戏。[链接](https://e.example/1)\n\
             *   **考研加油**：今天考研第一天。[链接](https://e.example/2)\n",
        );
        assert_eq!(
            labelled(&find(&doc)),
            [
                (
                    "Epic 喜加一",
                    Some("游戏与社区"),
                    Some("https://e.example/1")
                ),
                ("考研加油", Some("游戏与社区"), Some("https://e.example/2")),
            ]
        );
        let doc = Doc::new(
            "## 趋势预测\n\n### 视频理解模型将成为竞争焦点\n\n\
             - **预测依据**：多家发布视频模型 [来源](https://e.example/3)\n\n\
             ### Agent 应用将迎来爆发\n\n- **预测依据**：融资增多 [来源](https://e.example/4)\n",
        );
        assert!(
            !labelled(&find(&doc)).iter().any(|(t, ..)| *t == "预测依据"),
            "{:?}",
            labelled(&find(&doc))
        );
    }

    /// Comments marking a file's parts (`<!-- batch:night:end -->`) are no story's text.
    #[test]
    fn comments_between_stories_are_no_part_of_them() {
        let doc = Doc::new(
            "## 新闻\n\n1. **甲发布** — a\n   - 摘要：甲的内容。\n\n<!-- batch:night:end -->\n\n\
             <!-- batch:lateNight:start -->\n\n### 二\n\n<!-- batch:x:start -->\n乙的内容。\n",
        );
        let bodies: Vec<String> = find(&doc).items.into_iter().map(|i| i.body).collect();
        assert_eq!(bodies, ["甲的内容。"]);
        let doc = Doc::new("### 1. 乙\n\n<!-- batch:x:start -->\n乙的内容。\n\n<!-- end -->\n");
        assert_eq!(find(&doc).items[0].body, "乙的内容。");
    }

    #[test]
    fn numbered_headings_under_category_headings() {
        let doc = Doc::new(
            "## 💡 核心洞察\n- 要点\n## 🔍 分类热点\n### 📚 学术前沿 (5条)\n#### 1. 论文A：新方法\n正文 [原文](https://a.example/1)\n#### 2. 论文B\n正文\n",
        );
        let f = find(&doc);
        let got = labelled(&f);
        assert_eq!(
            got,
            [
                (
                    "论文A：新方法",
                    Some("学术前沿"),
                    Some("https://a.example/1")
                ),
                ("论文B", Some("学术前沿"), None)
            ]
        );
        assert!(f.front_page[0].contains("要点"));
    }

    #[test]
    fn batch_items_with_nested_link_and_summary() {
        let doc = Doc::new(
            "### 10:00 更新\n\n1. **新模型发布** — openai-news · 2026-06-23T17:00:00Z\n   - 链接：[openai-news](https://o.example/a)\n   - 摘要：模型更快。\n\n2. **第二条** — aibase · 2026\n   - 链接：[aibase](https://b.example/2)\n   - 摘要：内容。\n",
        );
        let f = find(&doc);
        assert_eq!(f.items.len(), 2);
        let a = &f.items[0];
        assert_eq!(
            (
                a.title.as_str(),
                a.outlet.as_deref(),
                a.url.as_deref(),
                a.category.as_deref()
            ),
            (
                "新模型发布",
                Some("openai-news"),
                Some("https://o.example/a"),
                None
            )
        );
        assert_eq!(a.body, "模型更快。");
        // A dash inside the bold headline is part of it: the outlet follows the bold.
        let f = find(&Doc::new(
            "1. **PrintGuard 2.0 — 小样本原型网络 [P]** — newest submissions : ML · 2026-06-15T11:47:51.634Z\n   - 链接：[ML](https://r.example/1)\n   - 摘要：Hi everyone.\n\n2. **甲 — 乙**\n   - 链接：[x](https://r.example/2)\n",
        ));
        let got: Vec<(&str, Option<&str>, &str)> = f
            .items
            .iter()
            .map(|i| (i.title.as_str(), i.outlet.as_deref(), i.body.as_str()))
            .collect();
        assert_eq!(
            got[0],
            (
                "PrintGuard 2.0 — 小样本原型网络 [P]",
                Some("newest submissions : ML"),
                "Hi everyone."
            )
        );
        assert_eq!((got[1].0, got[1].1), ("甲 — 乙", Some("x")));
    }

    /// A dash inside a leading link's text is part of it: the outlet follows the link, and
    /// the lead is no text (tester F: the outlet was lost and the lead shown again).
    #[test]
    fn a_dash_inside_a_leading_link_is_the_titles() {
        let f = find(&Doc::new(
            "## 更新\n\n- [甲 — 乙发布新模型](<https://x.example/1>) — twitter-someone\n  - 摘要：模型更快。\n- [丙发布](<https://x.example/2>) — twitter-other\n  - 摘要：内容。\n",
        ));
        let a = &f.items[0];
        assert_eq!(
            (a.title.as_str(), a.outlet.as_deref(), a.body.as_str()),
            ("甲 — 乙发布新模型", Some("twitter-someone"), "模型更快。")
        );
    }

    /// A paragraph item with ` — ` after a link in it is text, not a lead naming an outlet:
    /// the story lost its text and its link (tester F).
    #[test]
    fn a_dash_after_a_link_in_a_paragraph_names_no_outlet() {
        let prose = "Some argue that employment is not only about money but about meaning, \
                     and that a basic income cannot give people the sense of purpose work does, \
                     so the next products may be built around that need.";
        let f = find(&Doc::new(&format!(
            "## Social\n\n1.  {prose} So, [the opportunity (AI News)](https://x.example/1) — a \"mind gym\" for idle souls. ✨\n2.  {prose} [More (AI News)](https://x.example/2) — that's the golden rule! 🎓\n"
        )));
        for (item, n) in f.items.iter().zip(1..) {
            assert_eq!(item.outlet, None, "{item:?}");
            assert!(item.body.starts_with("Some argue"), "{item:?}");
            assert_eq!(item.url, Some(format!("https://x.example/{n}")));
        }
        assert_eq!(f.items.len(), 2);
    }

    #[test]
    fn unicode_whitespace_indents_do_not_panic() {
        let f = find(&Doc::new(
            "## 新闻\n1.  示例公司今天发布了第一条重要新闻，内容。\n\u{85}\u{3000}续行\n \u{85}- 嵌套\n",
        ));
        assert_eq!(f.items[0].title, "示例公司今天发布了第一条重要新闻");
        assert!(f.items[0].body.contains("续行"));
    }

    /// A heading with no words (`## <b></b>`, `## ##`) over text is titled by the text's
    /// first clause, as a story without a heading is: its story was lost, text and all.
    #[test]
    fn a_heading_without_words_is_titled_by_its_text() {
        let sections = "## 甲发布新模型\n\n正文一。\n\n## <b></b>\n\n乙开源了工具，速度更快。\n\n\
                        ## ##\n\nC ships a model. It is fast.\n\n## 丁推出应用\n\n正文四。\n";
        let under_categories = "## 模型\n\n### 甲发布新模型\n\n正文一。\n\n### <b></b>\n\n\
                                乙开源了工具，速度更快。\n\n## 应用\n\n### 丁推出应用\n\n正文四。\n";
        for (doc, want) in [
            (
                sections,
                &[
                    "甲发布新模型",
                    "乙开源了工具，速度更快",
                    "C ships a model",
                    "丁推出应用",
                ][..],
            ),
            (
                under_categories,
                &["甲发布新模型", "乙开源了工具，速度更快", "丁推出应用"],
            ),
        ] {
            let f = find(&Doc::new(doc));
            let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(titles, want, "{doc}");
            assert!(f.items.iter().all(|i| !i.body.is_empty()), "{doc}");
        }
    }

    #[test]
    fn skipped_sections_give_no_items_and_empty_docs_fall_back() {
        let f = find(&Doc::new(
            "## 收听语音版\n1. [播客](https://p.example)\n## 产品更新\n1.  小米宣布将公测延长至明年三月底，价格下调。\n",
        ));
        assert_eq!(f.items.len(), 1);
        assert_eq!(f.items[0].title, "小米宣布将公测延长至明年三月底");
        assert_eq!(f.items[0].category.as_deref(), Some("产品更新"));
        // An audio edition and a sponsor's section are no news: counted as sections with
        // text, they made the sections the stories (tester AH).
        let doc = "## 🚀 产品发布\n\n### 甲发布新模型\n\n正文。\n\n### 乙开源工具\n\n正文。\n\n\
                   ### 丙推出应用\n\n正文。\n\n## 🎧 音频版\n\n本期音频。\n\n## 💰 本期赞助\n\n\
                   某公司。\n\n## 写在最后\n\n再见。\n";
        let titles: Vec<String> = find(&Doc::new(doc))
            .items
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(titles, ["甲发布新模型", "乙开源工具", "丙推出应用"]);
        // Nor where each section is a story of its own (tester DE: both were stories); a
        // headline with such a word is one.
        let doc = "# 日报\n\n## 🎧 音频版\n\n收听本期。\n\n## 甲公司发布新模型\n\n正文一。\n\n\
                   ## 乙公司开源语音模型\n\n正文二。\n\n## 小米语音\n\n正文三。\n\n\
                   ## Sponsors\n\n感谢赞助。\n";
        let titles: Vec<String> = find(&Doc::new(doc))
            .items
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(
            titles,
            ["甲公司发布新模型", "乙公司开源语音模型", "小米语音"]
        );
        // Nor in a section of news, where a headline with such a word is a story too.
        let doc = "# 日报 · 2026年03月02日\n\n## 产品\n\n### 甲公司发布新模型\n\n正文一。\n\n\
                   ### 乙公司开源语音模型\n\n正文二。\n\n### 🎧 音频版\n\n收听本期。\n\n\
                   ## 🎧 收听语音版\n\n本期音频。\n";
        let titles: Vec<String> = find(&Doc::new(doc))
            .items
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(titles, ["甲公司发布新模型", "乙公司开源语音模型"]);
        let f = find(&Doc::new("只有一段文字，没有结构。"));
        assert_eq!(f.items.len(), 1);
    }

    /// A file numbering its stories past 999 loses none; a dated or versioned heading is
    /// no numbered story.
    #[test]
    fn numbered_headings_past_999_are_stories_and_dates_are_not() {
        let f = find(&Doc::new(
            "## 999. 九百九十九\n正文\n## 1000. 一千\n正文一千\n## 12345. 万\n正文\n## 2025.07.16 日报\n正文\n",
        ));
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["九百九十九", "一千", "万"]);
        assert!(f.items[1].body.contains("正文一千"));
    }

    /// A numbered item led by its link is read as a bullet led by its link is: the link's
    /// text the title, what follows the text.
    #[test]
    fn numbered_and_bulleted_link_items_are_read_alike() {
        for marker in ["1.", "-"] {
            let f = find(&Doc::new(&format!(
                "## 资讯\n\n{marker} [Small story](https://example.com/1) - text for one\n{marker} [Other story](https://example.com/2) - text for two\n"
            )));
            let item = &f.items[0];
            assert_eq!(item.title, "Small story", "{marker}");
            assert!(
                item.body.contains("text for one"),
                "{marker}: {}",
                item.body
            );
            assert_eq!(item.url.as_deref(), Some("https://example.com/1"));
        }
    }

    /// A numbered list past 9999 (a year's items in one file) keeps each item a story of its
    /// own, not folded into the one before.
    #[test]
    fn numbered_list_items_past_9999_are_stories() {
        let f = find(&Doc::new(
            "## 全年资讯\n\n9999. 甲公司发布新模型，成本下降。\n10000. 乙公司开源推理框架，速度翻倍。\n",
        ));
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles[1].starts_with("乙公司"), "{titles:?}");
    }

    /// The one-sentence take, the keywords and the trend forecast around a day's stories
    /// are its front page, not lost; a numbered story with such words is still a story.
    #[test]
    fn one_sentence_keywords_and_forecast_sections_are_the_front_page() {
        let f = find(&Doc::new(
            "## 今日AI资讯\n### 👀 只有一句话\n模型降价，智能体上岗。\n### 🔑 3 个关键词\n#告别Opus3 #国产MoE\n## 🔥 重磅 TOP 10\n### 1. [一句话生成网页](https://a.example/1)\n正文\n## 🔮 AI趋势预测\n### Agent应用开始爆发\n预测文本。\n",
        ));
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["一句话生成网页"]);
        let front = f.front_page.join("\n");
        for text in [
            "模型降价，智能体上岗。",
            "#告别Opus3",
            "Agent应用开始爆发",
            "预测文本。",
        ] {
            assert!(front.contains(text), "{text}: {front}");
        }
    }

    /// A table of the day's topics between the story sections is on its front page (tester
    /// AZ: AI每日热点's `📊 热门话题` was in no story and not in the overview).
    #[test]
    fn a_topics_table_among_the_sections_is_on_the_front_page() {
        let f = find(&Doc::new(
            "## 🔥 头条

### 1. 标题一

正文一

## 📊 热门话题

| 话题 | 相关新闻 |
|---|---|
| 智能体 | 12条 |

---

## 🔍 分类热点

### 1. 标题二

正文二
",
        ));
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["标题一", "标题二"]);
        assert_eq!(
            f.front_page,
            ["## 📊 热门话题\n\n| 话题 | 相关新闻 |\n|---|---|\n| 智能体 | 12条 |"]
        );
    }

    /// The rule that parts a summary from the next section does not end the front page.
    #[test]
    fn a_summary_does_not_end_with_the_rule_after_it() {
        let f = find(&Doc::new(
            "## 💡 核心洞察\n\n- 洞察一\n\n---\n\n## ⭐ 编辑精选\n\n### 1. 标题\n正文\n",
        ));
        assert_eq!(f.front_page, ["## 💡 核心洞察\n\n- 洞察一"]);
        assert_eq!(without_closing_rules("---"), "");
        assert_eq!(without_closing_rules("甲\n---\n\n***\n"), "甲");
    }

    /// An editor's pick told again in its section, reworded with the same link, is listed
    /// there only; a pick of its own, and two stories sharing a site's link, stay.
    #[test]
    fn picks_repeated_in_their_sections_are_listed_there_only() {
        let f = find(&Doc::new(
            "## ⭐ 编辑精选 (Editor's Picks)\n### 1. 甲：重写的标题\n> 🔗 [原文链接](https://a.example/1)\n\n核心内容。\n### 2. 只在精选里\n> 🔗 [原文](https://a.example/2)\n\n内容。\n## 🔍 分类热点\n### 产业动态\n#### 1. 甲的原标题\n> 🔗 [原文](https://a.example/1)\n\n摘要。\n#### 2. 乙\n> 🔗 [原文](https://news.example/)\n\n乙。\n#### 3. 丙\n> 🔗 [原文](https://news.example/)\n\n丙。\n",
        ));
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["只在精选里", "甲的原标题", "乙", "丙"]);
    }

    /// A list of the day's news whose stories the sections after it tell again, each in its
    /// own words and with the same link (tester F: 25 stories twice in one file), lists only
    /// those it alone tells; the sections' copies are kept. Sections whose stories are told
    /// again in one other section only stay whole.
    #[test]
    fn a_list_told_again_by_the_sections_after_it_keeps_only_its_own_stories() {
        let list = "# 快讯清单\n\n1. **甲** - 一句话 - [来源](https://a.example/1)\n\n2. **乙** - 一句话 - [来源](https://a.example/2)\n\n3. **丙** - 一句话 - [来源](https://a.example/3)\n\n4. **只在清单** - 一句话 - [来源](https://a.example/4)\n\n";
        let sections = "# 深度解读\n\n## **产品**\n\n**甲的详细报道**\n\n今天[甲发布(来源)](https://a.example/1)，正文。\n\n**乙的详细报道**\n\n今天[乙发布(来源)](https://a.example/2)，正文。\n\n## **研究**\n\n**丙的详细报道**\n\n今天[丙发布(来源)](https://a.example/3)，正文。\n";
        let titles = |md: &str| -> Vec<String> {
            find(&Doc::new(md))
                .items
                .into_iter()
                .map(|i| i.title)
                .collect()
        };
        assert_eq!(
            titles(&format!("{list}{sections}")),
            ["只在清单", "甲的详细报道", "乙的详细报道", "丙的详细报道"]
        );
        // Told again in one section only: both copies stay.
        let one_section = sections.replace("## **研究**\n\n", "");
        assert_eq!(titles(&format!("{list}{one_section}")).len(), 7);
    }

    /// A line alone in bold over a list names the stories under it, as a heading would
    /// (tester H: `**AI产品与功能更新**` over its numbered stories, all left without one; the
    /// bold groups under `## 分类速览` all filed under it); a bold tag before a story's link
    /// is its category (`**[商业]** [标题](url)`). A bold line over prose names nothing.
    #[test]
    fn a_bold_line_over_a_list_and_a_bold_tag_name_their_stories() {
        let f = find(&Doc::new(
            "# 日报 2025/6/19\n\n**AI产品与功能更新**\n1.  甲公司发布了新模型。\n2.  乙公司上线了新功能。\n\n**开源TOP项目：**\n1.  **丙**是一个开源项目。\n",
        ));
        let categories: Vec<Option<&str>> = f.items.iter().map(|i| i.category.as_deref()).collect();
        assert_eq!(
            categories,
            [
                Some("AI产品与功能更新"),
                Some("AI产品与功能更新"),
                Some("开源TOP项目")
            ]
        );
        let f = find(&Doc::new(
            "## 今日\n\n1. 甲公司发布了新模型。\n\n## 📂 分类速览\n\n**✨ 产品与工具**\n*   **[甲公司新品](https://a.example/1)**：介绍。\n\n**[商业]**\n- [乙](https://a.example/2) - 介绍\n\n## 📌 值得关注\n\n**[开源]** [丙](https://a.example/3) - 介绍\n\n**重点提示**\n今天没有别的了。\n\n**[政策]** [丁](https://a.example/4) - 介绍\n",
        ));
        assert_eq!(
            labelled(&f)[1..],
            [
                (
                    "甲公司新品",
                    Some("产品与工具"),
                    Some("https://a.example/1")
                ),
                ("乙", Some("商业"), Some("https://a.example/2")),
                ("丙", Some("开源"), Some("https://a.example/3")),
                ("丁", Some("政策"), Some("https://a.example/4")),
            ]
        );
    }

    /// `1. **Headline**: text` or `**Headline** - text`: the headline is the title, above the
    /// text, and not again at its start (testers H, I: every such story showed it twice). A bold topic before a colon
    /// (`**GPT-5**: The release…`) or a bold start of a sentence (`**谷歌发布**，…`) is text.
    #[test]
    fn a_bold_headline_before_a_colon_is_the_title_and_not_the_texts_start() {
        let f = find(&Doc::new(
            "## News\n\n1. **Ant Digital open-sources Agentar SQL**: At the conference, Ant Digital announced it.\n2. **谷歌升级 Gemini 应用**：新增视频上传与分析功能。\n3. **GPT-5**: The release of the model was delayed by a week.\n4. **谷歌发布新模型**，并开放了接口。\n5. **开源转换工具发布** - 支持上千种格式 - [来源](https://a.example/5)\n",
        ));
        assert_eq!(
            titles_and_texts(&f),
            [
                (
                    "Ant Digital open-sources Agentar SQL",
                    "At the conference, Ant Digital announced it."
                ),
                ("谷歌升级 Gemini 应用", "新增视频上传与分析功能。"),
                (
                    "GPT-5: The release of the model was delayed by a week",
                    "**GPT-5**: The release of the model was delayed by a week."
                ),
                ("谷歌发布新模型", "**谷歌发布新模型**，并开放了接口。"),
                (
                    "开源转换工具发布",
                    "支持上千种格式 - [来源](https://a.example/5)"
                ),
            ]
        );
        assert_eq!(f.items[4].url.as_deref(), Some("https://a.example/5"));
    }

    /// A file's only `#` is its title, undated or not: no category of its stories. Several
    /// `#` headings are sections.
    #[test]
    fn the_files_one_title_heading_is_no_category() {
        let f = find(&Doc::new("# Some digest\n\n## 1. Undated story\n正文\n"));
        assert_eq!(labelled(&f), [("Undated story", None, None)]);
        let f = find(&Doc::new(
            "# 产品\n\n1. 甲发布模型。\n\n# 研究\n\n1. 乙发表论文。\n",
        ));
        let categories: Vec<Option<&str>> = f.items.iter().map(|i| i.category.as_deref()).collect();
        assert_eq!(categories, [Some("产品"), Some("研究")]);
    }

    /// The file's only top heading over its stories is its title, even one that reads as a
    /// summary's; with several top headings, a summary one is the front page.
    #[test]
    fn the_only_top_heading_is_a_title_whatever_its_words() {
        let f = find(&Doc::new(
            "# 每周摘要\n\n## 第一条新闻\n\n正文一。\n\n## 第二条新闻\n\n正文二。\n",
        ));
        assert_eq!(f.items.len(), 2);
        assert!(f.front_page.is_empty(), "{:?}", f.front_page);
        let f = find(&Doc::new(
            "# 今日摘要\n\n## 要点\n\n三件事。\n\n# 新闻\n\n## 第一条新闻\n\n正文一。\n",
        ));
        assert_eq!(f.front_page.len(), 1, "{:?}", f.front_page);
    }

    /// A plain heading with text among link headings is a story too, where it stands; a
    /// plain heading beside only plain ones stays a section.
    #[test]
    fn a_plain_heading_among_link_headings_is_a_story() {
        let f = find(&Doc::new(
            "## 更多\n\n### 普通标题甲\n\n正文甲。\n\n### [标题乙](https://a.example/b)\n\n### [标题丙](https://a.example/c)\n\n丙的正文。\n\n### 普通标题丁\n\n正文丁。\n",
        ));
        let titles: Vec<_> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["普通标题甲", "标题乙", "标题丙", "普通标题丁"]);
        assert_eq!(f.items[3].body, "正文丁。");
        assert_eq!(f.items[0].category.as_deref(), Some("更多"));
    }

    #[test]
    fn a_numbered_or_link_heading_is_a_story_whatever_its_words() {
        let f = find(&Doc::new(
            "## 🎧 收听语音版\n正文\n## 新闻\n### 6. Audio 新模型发布\n正文\n### 7. 论文结构化摘要工具\n正文\n### [开源语音对话框架](https://a.example)\n正文\n",
        ));
        let titles: Vec<_> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Audio 新模型发布", "论文结构化摘要工具", "开源语音对话框架"]
        );
        assert!(f.front_page.is_empty(), "{:?}", f.front_page);
    }

    /// `1. **标题🔥**` over its text: the headline is the title, and the text starts under it
    /// (the article showed the title twice, glued to the text), as after a bold headline and
    /// its colon; a bold headline with no text under it is still the story's text.
    #[test]
    fn a_bold_headline_alone_on_a_numbered_items_first_line_is_no_part_of_its_text() {
        let f = find(&Doc::new(
            "## 今日要闻\n\n1. **快手主体库：一张图解锁多角度角色🔥**  \n快手发布 **主体库** 功能。\n\n2. **只有标题的一条**\n\n3. **标签**：正文三。\n",
        ));
        let got = titles_and_texts(&f);
        assert_eq!(
            got[0],
            (
                "快手主体库：一张图解锁多角度角色🔥",
                "快手发布 **主体库** 功能。"
            )
        );
        assert_eq!(got[1], ("只有标题的一条", "**只有标题的一条**"));
        assert_eq!(got[2], ("标签", "正文三。"));
    }

    #[test]
    fn bold_numbered_lines_and_headline_bullets_with_a_link_are_stories() {
        let f = find(&Doc::new(
            "## 今日必看\n\n**1. 模型正式发布，速度起飞**\n正文一\n[来源链接](https://a.example/1)\n\n**2. 应用商店开放**\n正文二\n\n### 研究进展\n*   **多智能体诊断框架**：减少幻觉。 [来源链接](https://a.example/3)\n*   **一句话**：没有链接的不是。\n### 预测\n- **预测依据**：今日新闻 [报道](https://a.example/4)\n",
        ));
        let got = labelled(&f);
        assert_eq!(
            got,
            [
                (
                    "模型正式发布，速度起飞",
                    Some("今日必看"),
                    Some("https://a.example/1")
                ),
                ("应用商店开放", Some("今日必看"), None),
                (
                    "多智能体诊断框架",
                    Some("研究进展"),
                    Some("https://a.example/3")
                ),
            ]
        );
    }

    #[test]
    fn a_label_alone_on_its_line_starts_a_paragraph_of_its_own() {
        let f = find(&Doc::new(
            "## 产品\n### 1. 新模型发布\n**核心洞察：** 成本下降。\n**内容简介：**\n\n- 要点一\n",
        ));
        assert_eq!(
            f.items[0].body,
            "**核心洞察：** 成本下降。\n\n**内容简介：**\n\n- 要点一"
        );
    }

    #[test]
    fn a_numbered_link_heading_gives_its_link_before_the_texts() {
        let f = find(&Doc::new(
            "## 重磅 TOP 10\n### 2. [某公司断供了](https://x.example/2)\n正文见 [报道](https://y.example/3)。\n",
        ));
        let got: Vec<_> = f
            .items
            .iter()
            .map(|i| (i.title.as_str(), i.url.as_deref()))
            .collect();
        assert_eq!(got, [("某公司断供了", Some("https://x.example/2"))]);
    }

    #[test]
    fn sections_under_a_navigation_heading_or_a_dated_title_are_read() {
        let f = find(&Doc::new(
            "## AI Daily Digest 2025/8/4\n### Today's Summary\nIn short.\n### Products\n1. First story is here, with words.\n## ⚡ 快速导航\n- [资讯](#资讯)\n### 产品更新\n1. 第二条新闻的内容在这里。\n",
        ));
        let titles: Vec<_> = f.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            ["First story is here, with words", "第二条新闻的内容在这里"]
        );
        assert_eq!(f.front_page.len(), 1, "{:?}", f.front_page);
        assert!(f.front_page[0].contains("In short."));
    }

    #[test]
    fn a_bold_headline_titles_a_story_whose_text_keeps_it_and_a_link_lead_names_its_outlet() {
        let f = find(&Doc::new(
            "## 产品\n1. **Ant Group's Ring-lite**, a small MoE model, is open.\n## Social Media Highlights\n1. An AI report went viral on Monday, and more.\n## 更新\n- [新模型发布](<https://x.example/1>) — twitter-elvis\n  - 摘要：模型更快。\n",
        ));
        // A bold lead that is the subject of its sentence stays in it.
        assert_eq!(
            f.items[0].body,
            "**Ant Group's Ring-lite**, a small MoE model, is open."
        );
        // Highlights of a topic are stories, not the day's summary.
        assert_eq!(
            f.items[1].category.as_deref(),
            Some("Social Media Highlights")
        );
        let linked = &f.items[2];
        assert_eq!(
            (
                linked.title.as_str(),
                linked.outlet.as_deref(),
                linked.body.as_str()
            ),
            ("新模型发布", Some("twitter-elvis"), "模型更快。")
        );
    }

    #[test]
    fn a_bold_numbered_story_keeps_its_bullets_and_a_dated_summary_stays_one() {
        let f = find(&Doc::new(
            "## 今日摘要 2025-08-04\n1. 亮点一的内容写在这里。\n2. 亮点二的内容写在这里。\n## 新闻\n**1. 第一条标题**\n正文一\n- 链接：[来源](https://a.example/1)\n- [原文](https://a.example/2)\n**2. 第二条标题**\n正文二\n",
        ));
        assert_eq!(
            labelled(&f),
            [
                ("第一条标题", Some("新闻"), Some("https://a.example/1")),
                ("第二条标题", Some("新闻"), None)
            ]
        );
        assert!(f.front_page[0].contains("亮点一"), "{:?}", f.front_page);
    }

    #[test]
    fn a_category_heading_keeps_its_opening_bracket() {
        assert_eq!(
            category_of("📰 《今日全量快讯清单》").as_deref(),
            Some("《今日全量快讯清单》")
        );
        assert_eq!(
            category_of("🔥 学术前沿 (5条)").as_deref(),
            Some("学术前沿")
        );
        assert_eq!(
            category_of("Top Open-Source Projects 🌟").as_deref(),
            Some("Top Open-Source Projects")
        );
        assert_eq!(category_of("AI Daily Insights: June 1, 2025"), None);
        assert_eq!(category_of("C++ 与 C#").as_deref(), Some("C++ 与 C#"));
    }
}
