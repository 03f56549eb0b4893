//! The unified categories: a table (built in from `assets/categories.toml`, replaceable by
//! the user's own) that groups each publication's category names and places items without a
//! known category by keywords.

use crate::model::{Item, Unified};
use serde::Deserialize;
use std::path::Path;

const BUILTIN: &str = include_str!("../assets/categories.toml");
/// File name of the user's replacement table in the config folder.
pub const FILE_NAME: &str = "categories.toml";
/// How much of a body keyword inference reads: the lead says what a story is about.
const KEYWORD_SCAN_CHARS: usize = 400;

#[derive(Deserialize)]
struct Table {
    group: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    name: String,
    #[serde(rename = "match", default)]
    matches: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    fallback: bool,
}

pub struct Categorizer {
    groups: Vec<Group>,
    fallback: usize,
}

impl Categorizer {
    pub fn builtin() -> Categorizer {
        Categorizer::from_toml(BUILTIN).expect("the built-in categories table is valid")
    }

    /// The user's table in `config_dir` if there is one, else the built-in table; a table
    /// that cannot be used is reported (naming the file) and the built-in one is used.
    pub fn load(config_dir: Option<&Path>) -> (Categorizer, Option<String>) {
        let Some(path) = config_dir
            .map(|d| d.join(FILE_NAME))
            .filter(|p| p.is_file())
        else {
            return (Categorizer::builtin(), None);
        };
        let result = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Categorizer::from_toml(&t));
        match result {
            Ok(c) => (c, None),
            Err(e) => (
                Categorizer::builtin(),
                Some(format!(
                    "{}: {e}; using the built-in categories",
                    path.display()
                )),
            ),
        }
    }

    pub fn from_toml(text: &str) -> Result<Categorizer, String> {
        let mut table: Table =
            toml::from_str(text).map_err(|e| format!("not a valid categories table: {e}"))?;
        if table.group.is_empty() {
            return Err("the table has no [[group]]".into());
        }
        for g in &mut table.group {
            g.matches
                .iter_mut()
                .chain(g.keywords.iter_mut())
                .for_each(|w| *w = w.to_lowercase());
        }
        let fallback = table
            .group
            .iter()
            .position(|g| g.fallback)
            .unwrap_or(table.group.len() - 1);
        Ok(Categorizer {
            groups: table.group,
            fallback,
        })
    }

    fn group_of(&self, category: &str) -> Option<&Group> {
        let c = category.to_ascii_lowercase();
        self.groups
            .iter()
            .find(|g| g.matches.iter().any(|m| c.contains(m.as_str())))
    }

    /// Group names in display order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|g| g.name.as_str())
    }

    pub fn classify(&self, item: &Item) -> Unified {
        if let Some(g) = item.category.as_deref().and_then(|c| self.group_of(c)) {
            return Unified {
                name: g.name.clone(),
                inferred: false,
            };
        }
        let lead_end = item
            .body
            .char_indices()
            .nth(KEYWORD_SCAN_CHARS)
            .map_or(item.body.len(), |(i, _)| i);
        // Keywords are Chinese or ASCII: ASCII case folding is all they need, and far cheaper.
        let mut text = format!("{} {}", item.title, &item.body[..lead_end]);
        text.make_ascii_lowercase();
        let group = self
            .groups
            .iter()
            .find(|g| g.keywords.iter().any(|k| text.contains(k.as_str())))
            .unwrap_or(&self.groups[self.fallback]);
        Unified {
            name: group.name.clone(),
            inferred: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, category: Option<&str>) -> Item {
        Item {
            id: String::new(),
            title: title.into(),
            category: category.map(Into::into),
            region: None,
            outlet: None,
            url: None,
            body: String::new(),
            unified: None,
        }
    }

    #[test]
    fn source_categories_map_to_groups_and_keywords_place_the_rest() {
        let c = Categorizer::builtin();
        let u = |t: &str, cat: Option<&str>| {
            let u = c.classify(&item(t, cat));
            (u.name, u.inferred)
        };
        assert_eq!(u("x", Some("产品与商业模式")), ("产品与商业".into(), false));
        assert_eq!(
            u("x", Some("Product & Feature Updates")),
            ("产品与商业".into(), false)
        );
        assert_eq!(u("x", Some("Business Focus")), ("市场与资本".into(), false));
        assert_eq!(u("x", Some("技术前沿解读")), ("技术与研究".into(), false));
        assert_eq!(u("x", Some("开源TOP项目")), ("开源".into(), false));
        assert_eq!(u("x", Some("观点洞察")), ("观点与分析".into(), false));
        assert_eq!(
            u("某公司完成 C 轮融资，估值翻倍", None),
            ("市场与资本".into(), true)
        );
        assert_eq!(
            u("Startup raises $20M", Some("编辑精选")),
            ("市场与资本".into(), true)
        );
        assert_eq!(u("今天天气不错", None), ("其他".into(), true));
    }

    #[test]
    fn a_broken_user_table_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "[[group]\nname=").unwrap();
        let (c, warning) = Categorizer::load(Some(dir.path()));
        assert!(
            warning
                .unwrap()
                .contains(&dir.path().join(FILE_NAME).display().to_string())
        );
        assert_eq!(c.names().count(), Categorizer::builtin().names().count());
        std::fs::write(dir.path().join(FILE_NAME), "[[group]]\nname = \"全部\"\n").unwrap();
        let (c, warning) = Categorizer::load(Some(dir.path()));
        assert!(warning.is_none());
        assert_eq!(c.names().collect::<Vec<_>>(), ["全部"]);
    }
}
