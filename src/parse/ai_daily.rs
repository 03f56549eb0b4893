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
            items.extend(
                bullets(&doc.lines[range])
                    .into_iter()
                    .map(|(lead, body)| story(derive_title(lead), &body, Some(title.clone()))),
            );
        } else if !title.is_empty() {
            items.push(story(title, &without_trailing_html(&doc.text(range)), None));
        }
    }
    items
}

/// Each top-level bullet's lead and its text: the lead, then the lines indented under it
/// (its points, less the bullet's indent; tester EH: they were dropped), up to the next
/// bullet or a line that is not indented.
fn bullets<'a>(lines: &[&'a str]) -> Vec<(&'a str, String)> {
    let mut found: Vec<(&str, String)> = Vec::new();
    // How far the text of the bullet being read is indented; None once a line ends it.
    let mut indented: Option<usize> = None;
    for line in lines {
        if let Some(m) = list_marker(line).filter(|m| m.indent == 0) {
            indented = Some(m.content.as_ptr() as usize - line.as_ptr() as usize);
            found.push((m.content, m.content.to_string()));
            continue;
        }
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        match (indented, found.last_mut()) {
            (Some(under), Some((_, body))) if indent > 0 || line.trim().is_empty() => {
                body.push('\n');
                body.push_str(&line[indent.min(under)..]);
            }
            _ => indented = None,
        }
    }
    for (_, body) in &mut found {
        body.truncate(body.trim_end().len());
    }
    found
}

/// The last story is followed by a rule and an HTML card (a join-our-group ad): not news.
fn without_trailing_html(body: &str) -> String {
    match body.find("\n<div") {
        Some(at) => body[..at].trim_end().to_string(),
        None => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_more_sections_bullet_keeps_the_points_under_it() {
        let doc = "## 更多动态\n\n- **甲公司开源新模型**，支持长上下文。\n  - 子项一：支持 128k 上下文\n\
                   \x20 - 子项二：许可证变更\n\n- **乙公司发布芯片**\n\n后记，不在列表里。\n\
                   \x20 缩进的也不在。\n";
        let items = items(&Doc::new(doc));
        let (titles, bodies): (Vec<&str>, Vec<&str>) = (items.iter())
            .map(|i| (i.title.as_str(), i.body.as_str()))
            .unzip();
        assert_eq!(titles, ["甲公司开源新模型", "乙公司发布芯片"]);
        assert!(
            bodies[0].contains("- 子项一：支持 128k 上下文\n- 子项二：许可证变更"),
            "{}",
            bodies[0]
        );
        assert!(
            !bodies[1].contains("后记") && !bodies[1].contains("缩进"),
            "{}",
            bodies[1]
        );
    }
}
