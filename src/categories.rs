//! The unified categories: a table (built in from `assets/categories.toml`, replaceable by
//! the user's own) that groups each publication's category names and places items without a
//! known category by keywords.

use crate::model::{Item, Unified};
use memchr::memmem::Finder;
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
    /// Per group, searchers for its (lowercased) `match` words, built once.
    matches: Vec<Vec<Finder<'static>>>,
    keywords: KeywordIndex,
    /// Hash of the table's text: an index built with another table is stale.
    fingerprint: u64,
}

fn finders(words: &[String]) -> Vec<Finder<'static>> {
    words
        .iter()
        .map(|w| Finder::new(w.as_bytes()).into_owned())
        .collect()
}

/// Every group's keywords, found in one pass over a text. Each keyword is filed under its
/// first char: a 3-byte (CJK) char by its code point, any other by its first two bytes; so
/// each char of the text costs one table lookup, and a hit almost always is a real match.
struct KeywordIndex {
    /// Bucket number (1-based; 0 = none) per code point of a 3-byte first char.
    wide: Vec<u16>,
    /// Bucket number per first two bytes, for every other first char.
    narrow: Vec<u16>,
    /// (keyword, group), each bucket in group order.
    buckets: Vec<Vec<(Box<[u8]>, usize)>>,
    /// Keywords shorter than their key (under two bytes): (keyword, group).
    short: Vec<(Box<[u8]>, usize)>,
}

/// The code point of the 3-byte UTF-8 sequence starting with `b[0]`, if it is one.
fn wide_key(b: &[u8]) -> Option<usize> {
    match *b {
        [lead @ 0xE0..=0xEF, c1, c2, ..] => Some(
            usize::from(lead & 0x0F) << 12 | usize::from(c1 & 0x3F) << 6 | usize::from(c2 & 0x3F),
        ),
        _ => None,
    }
}

fn narrow_key(b: &[u8]) -> Option<usize> {
    match *b {
        [b0, b1, ..] => Some(usize::from(b0) << 8 | usize::from(b1)),
        _ => None,
    }
}

impl KeywordIndex {
    fn new(groups: &[Group]) -> KeywordIndex {
        let mut index = KeywordIndex {
            wide: vec![0; 1 << 16],
            narrow: vec![0; 1 << 16],
            buckets: Vec::new(),
            short: Vec::new(),
        };
        for (g, group) in groups.iter().enumerate() {
            for k in &group.keywords {
                let k: Box<[u8]> = k.as_bytes().into();
                let (table, key) = match (wide_key(&k), narrow_key(&k)) {
                    (Some(key), _) => (&mut index.wide, key),
                    (None, Some(key)) => (&mut index.narrow, key),
                    (None, None) => {
                        index.short.push((k, g));
                        continue;
                    }
                };
                if table[key] == 0 {
                    index.buckets.push(Vec::new());
                    table[key] = u16::try_from(index.buckets.len()).expect("few keywords");
                }
                index.buckets[usize::from(table[key]) - 1].push((k, g));
            }
        }
        index
    }

    /// The first group (in table order) with a keyword contained in `text`. A keyword (valid
    /// UTF-8) can only start where a char starts, so the scan steps char by char.
    fn first_group(&self, text: &[u8]) -> Option<usize> {
        let mut best = usize::MAX;
        for (k, g) in &self.short {
            if *g < best && (k.is_empty() || memchr::memchr(k[0], text).is_some()) {
                best = *g;
            }
        }
        let mut i = 0;
        while i < text.len() && best != 0 {
            let lead = text[i];
            let (bucket, step) = if (0xE0..0xF0).contains(&lead) {
                (wide_key(&text[i..]).map_or(0, |k| self.wide[k]), 3)
            } else {
                let step = match lead {
                    0xC0..0xE0 => 2,
                    0xF0.. => 4,
                    _ => 1,
                };
                (narrow_key(&text[i..]).map_or(0, |k| self.narrow[k]), step)
            };
            if bucket != 0 {
                for (k, g) in &self.buckets[usize::from(bucket) - 1] {
                    if *g < best && text[i..].starts_with(k) {
                        best = *g;
                    }
                }
            }
            i += step;
        }
        (best != usize::MAX).then_some(best)
    }
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
        let matches = table.group.iter().map(|g| finders(&g.matches)).collect();
        let keywords = KeywordIndex::new(&table.group);
        Ok(Categorizer {
            groups: table.group,
            fallback,
            matches,
            keywords,
            fingerprint: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        })
    }

    fn group_of(&self, category: &str) -> Option<&Group> {
        let c = category.to_ascii_lowercase();
        let g = self
            .matches
            .iter()
            .position(|matches| matches.iter().any(|m| m.find(c.as_bytes()).is_some()))?;
        Some(&self.groups[g])
    }

    /// Changes whenever the table's text does.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
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
        // The byte offset of char number KEYWORD_SCAN_CHARS: count the bytes that start a char.
        let mut chars = 0;
        let lead_end = item
            .body
            .bytes()
            .position(|b| {
                let starts = (b as i8) >= -0x40;
                chars += usize::from(starts);
                starts && chars > KEYWORD_SCAN_CHARS
            })
            .unwrap_or(item.body.len());
        // Keywords are Chinese or ASCII: ASCII case folding is all they need, and far cheaper.
        let mut text = format!("{} {}", item.title, &item.body[..lead_end]);
        text.make_ascii_lowercase();
        let g = self
            .keywords
            .first_group(text.as_bytes())
            .unwrap_or(self.fallback);
        let group = &self.groups[g];
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
