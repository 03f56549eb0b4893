//! AI News Hub page text (copied from the web page, not Markdown): a date line, two regions
//! (🇨🇳 中国媒体聚焦 / 🇺🇸 美国媒体聚焦), each with an Overview and Key Highlights (the front
//! page), Key Insights bullets and Business / Technology Focus paragraphs (the stories).

use super::inline::first_clause;
use crate::model::Item;

pub const SOURCE: &str = "AI News Hub";

pub struct Parsed {
    pub items: Vec<Item>,
    pub front_page: String,
    pub subtitle: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Preamble,
    FrontPage,
    Stories,
}

pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed {
        items: Vec::new(),
        front_page: String::new(),
        subtitle: None,
    };
    let mut region: Option<String> = None;
    let mut section = String::new();
    let mut part = Part::Preamble;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("生成时间") || line.starts_with("由AI自动分析生成")
        {
            continue;
        }
        if let Some(r) = region_name(line) {
            out.front_page.push_str(&format!("## {r}\n\n"));
            region = Some(r);
            part = Part::Preamble;
        } else if let Some((name, kind)) = section_name(line) {
            section = name.to_string();
            part = kind;
            if kind == Part::FrontPage {
                out.front_page.push_str(&format!("### {name}\n\n"));
            }
        } else {
            match part {
                Part::Preamble if region.is_none() => {
                    if !line.starts_with("AI News Hub") && super::date::find_date(line).is_none() {
                        out.subtitle.get_or_insert_with(|| line.to_string());
                    }
                }
                Part::Preamble => {}
                Part::FrontPage => out
                    .front_page
                    .push_str(&format!("{}\n\n", as_markdown_line(line))),
                Part::Stories => out.items.push(story(line, &section, region.as_deref())),
            }
        }
    }
    out
}

fn region_name(line: &str) -> Option<String> {
    let name = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    (name.ends_with("媒体聚焦") && name.chars().count() <= 10).then(|| name.to_string())
}

fn section_name(line: &str) -> Option<(&str, Part)> {
    let name = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let kind = match name {
        "Overview" | "Key Highlights" => Part::FrontPage,
        "Key Insights" | "Business Focus" | "Technology Focus" => Part::Stories,
        _ => return None,
    };
    Some((name, kind))
}

/// Page bullets (`•`, `1.`) become Markdown list items so the front page renders as a list.
fn as_markdown_line(line: &str) -> String {
    match line.strip_prefix('•') {
        Some(rest) => format!("- {}", literal(rest.trim())),
        None => literal(line),
    }
}

/// Page text as Markdown that reads as written: each character Markdown would take for its
/// own escaped (tester EH: `2*3*4=24` read `234=24`, `__init__.py` `init.py`, `<b>` was
/// gone), and a start that would make a list, a heading or a quote. Citation marks (`[58][148]`)
/// stay text.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let numbered = text.bytes().take_while(u8::is_ascii_digit).count();
    let lead = match text.as_bytes().get(numbered) {
        Some(b'.' | b')') if numbered > 0 => numbered,
        _ => usize::MAX,
    };
    for (at, c) in text.char_indices() {
        let opens_block = at == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
        if opens_block || at == lead || "\\`*_[<&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `• Title: text [12]` or `1. Title: text` or a plain paragraph.
fn story(line: &str, section: &str, region: Option<&str>) -> Item {
    let line = line.trim_start_matches('•').trim();
    let line = match line.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => line,
    };
    let (title, body) = match line.split_once(": ") {
        Some((t, _)) if t.chars().count() <= 90 && !t.contains(['.', '[']) => {
            (t.trim().to_string(), line[t.len() + 2..].trim().to_string())
        }
        _ => (first_clause(line), line.to_string()),
    };
    Item {
        id: String::new(),
        title,
        category: Some(section.to_string()),
        region: region.map(str::to_string),
        outlet: None,
        url: None,
        body: literal(&body),
        unified: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// The text Markdown reads in `md`, None if it reads anything but one paragraph of text.
    fn read_as_text(md: &str) -> Option<String> {
        let mut text = String::new();
        for event in Parser::new(md) {
            match event {
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::Text(t) => text.push_str(&t),
                _ => return None,
            }
        }
        Some(text)
    }

    /// What the page says reads as it says it, in a story and on the front page.
    #[test]
    fn page_text_reads_as_written() {
        let said = [
            "C++ and C# and 2*3*4=24 [3][12]",
            "a*b*c and file __init__.py and `backticks` and <b>tags</b> and &amp; ~~x~~ | y",
            "2024. A year of models",
            "- not a list",
            "# not a heading",
            "> not a quote, a > b",
        ];
        for line in said {
            assert_eq!(read_as_text(&literal(line)).as_deref(), Some(line));
        }
        let page = "🇺🇸 美国媒体聚焦\nOverview\n• 2*3*4=24 and __init__.py\nKey Insights\n\
                    • Chips: 2*3*4=24 and <b>x</b>\n";
        let parsed = parse(page);
        let body = &parsed.items[0].body;
        assert_eq!(read_as_text(body).as_deref(), Some("2*3*4=24 and <b>x</b>"));
        assert!(
            parsed
                .front_page
                .contains("- 2\\*3\\*4=24 and \\_\\_init\\_\\_.py"),
            "{}",
            parsed.front_page
        );
    }
}
