//! `# 🤖 AI行业速递 - YYYY年MM月DD日`: `##` stories with `> **分类：**` and `> **来源：**`
//! quotes, then a `## 其他相关资讯` list of links, each a short story.

use super::doc::{Doc, list_marker};
use super::inline::first_link;
use super::stories::story;
use crate::model::Item;

pub const SOURCE: &str = "AI行业速递";
const LINKS_SECTION: &str = "其他相关资讯";

pub fn items(doc: &Doc) -> Vec<Item> {
    let mut items = Vec::new();
    for (title, range) in doc.sections() {
        if title.contains(LINKS_SECTION) {
            items.extend(doc.lines[range].iter().filter_map(|line| link_item(line)));
        } else if !title.is_empty() {
            items.push(story(title, &doc.text(range), None));
        }
    }
    items
}

fn link_item(line: &str) -> Option<Item> {
    let marker = list_marker(line)?;
    let (title, url) = first_link(marker.content)?;
    let mut item = story(title, "", Some(LINKS_SECTION.to_string()));
    item.url = Some(url);
    Some(item)
}
