//! Each seed's parse, pinned against expectations the test reads straight from the seed
//! files with simple line rules (so no seed text is copied into the project). Skips with a
//! message when ../shared/seeds is absent.

mod common;
use ribao::model::{Digest, Format};
use std::path::Path;

fn seed(prefix: &str) -> Option<(String, Digest)> {
    let dir = common::shared("seeds")?;
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} missing"));
    let bytes = std::fs::read(&path).unwrap();
    let digest = ribao::parse::parse(&bytes, &path).unwrap();
    Some((String::from_utf8(bytes).unwrap(), digest))
}

/// `[text](url)` pairs in a line, in order.
fn links(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out.push((
            rest[open + 1..mid].to_string(),
            rest[mid + 2..close].to_string(),
        ));
        rest = &rest[close + 1..];
    }
    out
}

/// The industry-brief seeds: every `##` story with its 分类 and first 来源 link, then one
/// item per link under 其他相关资讯.
fn industry_brief_expectation(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut expected = Vec::new();
    let mut in_links = false;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            in_links = h.contains("其他相关资讯");
            if !in_links {
                expected.push((h.trim().to_string(), None, None));
            }
        } else if let Some(c) = line.strip_prefix("> **分类：**") {
            expected.last_mut().unwrap().1 = Some(c.trim().to_string());
        } else if line.starts_with("> **来源：**") {
            expected.last_mut().unwrap().2 = Some(links(line)[0].1.clone());
        } else if in_links && line.starts_with("- [") {
            let (t, u) = links(line).remove(0);
            expected.push((t, Some("其他相关资讯".into()), Some(u)));
        }
    }
    expected
}

fn items_of(d: &Digest) -> Vec<(String, Option<String>, Option<String>)> {
    d.items
        .iter()
        .map(|i| (i.title.clone(), i.category.clone(), i.url.clone()))
        .collect()
}

#[test]
fn seed_000_industry_brief_every_title_category_and_url() {
    let Some((text, d)) = seed("000") else { return };
    assert_eq!(d.format, Format::IndustryBrief);
    assert_eq!(d.source, "AI行业速递");
    assert_eq!(d.date.unwrap().to_string(), "2026-01-20");
    let expected = industry_brief_expectation(&text);
    assert_eq!(expected.len(), 28, "10 stories + 18 links");
    assert_eq!(items_of(&d), expected);
    // A story with three sources names them all and links the first.
    let multi = d
        .items
        .iter()
        .find(|i| i.outlet.as_deref().is_some_and(|o| o.contains('、')))
        .unwrap();
    assert_eq!(multi.outlet.as_deref().unwrap().matches('、').count(), 2);
    // The body is 核心洞察 + 内容简介, without the quote lines or the closing rule.
    let first = &d.items[0];
    assert!(first.body.starts_with("**核心洞察：**") && first.body.contains("**内容简介：**"));
    assert!(!first.body.contains("**分类：**") && !first.body.trim_end().ends_with("---"));
}

#[test]
fn seed_003_industry_brief_categories_and_counts() {
    let Some((text, d)) = seed("003") else { return };
    assert_eq!(d.date.unwrap().to_string(), "2025-10-10");
    assert_eq!(items_of(&d), industry_brief_expectation(&text));
    assert_eq!(d.items.len(), 13);
    let mut categories: Vec<&str> = Vec::new();
    for c in d.items.iter().filter_map(|i| i.category.as_deref()) {
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    assert_eq!(
        categories,
        [
            "观点洞察",
            "深度行业分析",
            "产品与商业模式",
            "市场动态",
            "非AI",
            "其他相关资讯"
        ]
    );
}

#[test]
fn seed_001_front_matter_daily() {
    let Some((text, d)) = seed("001") else { return };
    assert_eq!(d.format, Format::FrontMatterDaily);
    assert_eq!(d.source, "AI 日报");
    assert_eq!(d.date.unwrap().to_string(), "2026-01-24");
    let fm_title = text
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap();
    assert_eq!(d.title, fm_title);
    assert!(
        d.front_page.lines().count() >= 10,
        "the front-matter summary is the front page"
    );
    let sections: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|h| *h != "更多动态")
        .collect();
    let leads: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("- **"))
        .filter_map(|l| l.split_once("**").map(|(lead, _)| lead))
        .collect();
    let more_bullets = &leads[leads.len() - 8..];
    assert_eq!(d.items.len(), sections.len() + 8);
    for (item, want) in d.items.iter().zip(&sections) {
        assert_eq!(
            (item.title.as_str(), item.category.as_deref()),
            (*want, None)
        );
        assert!(
            item.body.contains("**深度解读：**"),
            "{} keeps its 深度解读",
            item.title
        );
    }
    // Bold leads that run into the sentence (`**X**在…`) get the first clause as title.
    for (item, lead) in d.items[sections.len()..].iter().zip(more_bullets) {
        assert!(
            item.title.starts_with(lead),
            "{} starts with {lead}",
            item.title
        );
        assert_eq!(item.category.as_deref(), Some("更多动态"));
    }
    assert!(
        d.items.iter().all(|i| !i.body.contains("telegram-card")),
        "the HTML card is not part of any item"
    );
}

#[test]
fn seed_002_news_hub_regions_and_sections() {
    let Some((_, d)) = seed("002") else { return };
    assert_eq!(d.format, Format::NewsHub);
    assert_eq!(d.source, "AI News Hub");
    assert_eq!(d.date.unwrap().to_string(), "2026-01-20");
    let count = |region: &str, cat: &str| {
        d.items
            .iter()
            .filter(|i| {
                i.region.as_deref().is_some_and(|r| r.contains(region))
                    && i.category.as_deref() == Some(cat)
            })
            .count()
    };
    assert_eq!(
        [
            count("中国", "Key Insights"),
            count("中国", "Business Focus"),
            count("中国", "Technology Focus")
        ],
        [5, 3, 4]
    );
    assert_eq!(
        [
            count("美国", "Key Insights"),
            count("美国", "Business Focus"),
            count("美国", "Technology Focus")
        ],
        [5, 3, 3]
    );
    assert_eq!(d.items.len(), 23);
    assert!(d.front_page.contains("Overview") && d.front_page.contains("Key Highlights"));
    assert!(d.front_page.contains("中国媒体聚焦") && d.front_page.contains("美国媒体聚焦"));
    // `Title: text` leads become titles; citation marks stay in the text.
    assert!(
        d.items
            .iter()
            .all(|i| !i.title.contains(": ") && !i.title.is_empty())
    );
    assert!(d.items.iter().any(|i| i.body.contains("[58]")));
}

#[test]
fn seed_004_bubble_brain_titles_from_first_clause() {
    let Some((text, d)) = seed("004") else { return };
    assert_eq!(d.format, Format::BubbleBrain);
    assert_eq!(d.source, "Bubble's Brain");
    assert_eq!(d.date.unwrap().to_string(), "2026-01-01");
    assert!(d.front_page.contains("AI内容摘要"));
    let stories: Vec<String> = text
        .lines()
        .filter(|l| l.len() > 4 && l.as_bytes()[0].is_ascii_digit() && l.contains(".  "))
        .map(|l| {
            l.split_once(".  ")
                .unwrap()
                .1
                .replace("**", "")
                .replace(' ', "")
        })
        .collect();
    assert_eq!(stories.len(), 8);
    assert_eq!(d.items.len(), 8);
    for (item, story) in d.items.iter().zip(&stories) {
        let compact = item.title.replace(' ', "");
        assert!(
            story.starts_with(&compact),
            "{compact} is the start of its story"
        );
        assert!(compact.chars().count() >= 6 && compact.chars().count() <= 80);
        assert!(!item.title.contains("**"));
        let next = story[compact.len()..].chars().next();
        assert!(
            matches!(next, Some('，' | '。' | '；' | '：') | None),
            "{compact} ends at a clause"
        );
        assert_eq!(
            (item.category.as_deref(), item.url.as_deref()),
            (None, None)
        );
    }
}

#[test]
fn item_ids_are_stable_and_unaffected_by_other_files() {
    let Some((text, d)) = seed("000") else { return };
    let again = ribao::parse::parse(text.as_bytes(), Path::new("/elsewhere/copy.md")).unwrap();
    let ids = |d: &Digest| d.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d), ids(&again));
    let unique: std::collections::HashSet<_> = ids(&d).into_iter().collect();
    assert_eq!(unique.len(), d.items.len());
    assert!(d.items.iter().all(|i| i.id.len() == 12));
}
