//! `AI 日报` with YAML front matter: every `##` section is a story (its `**深度解读：**` part
//! included); each bullet under `## 更多动态` is a short story titled by its bold lead.

use super::doc::{Doc, list_marker};
use super::inline::derive_title;
use super::stories::story;
use crate::model::Item;

pub const SOURCE: &str = "AI 日报";
pub const MORE_SECTION: &str = "更多动态";

pub fn items(doc: &Doc) -> Vec<Item> {
    let mut items = Vec::new();
    for (title, range) in doc.sections() {
        if title.contains(MORE_SECTION) {
            let bullets = doc.lines[range]
                .iter()
                .filter_map(|l| list_marker(l).filter(|m| m.indent == 0));
            items.extend(
                bullets.map(|m| story(derive_title(m.content), m.content, Some(title.clone()))),
            );
        } else if !title.is_empty() {
            items.push(story(title, &without_trailing_html(&doc.text(range)), None));
        }
    }
    items
}

/// The last story is followed by a rule and an HTML card (a join-our-group ad): not news.
fn without_trailing_html(body: &str) -> String {
    match body.find("\n<div") {
        Some(at) => body[..at].trim_end().to_string(),
        None => body.to_string(),
    }
}
