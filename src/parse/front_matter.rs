//! YAML front matter (`---` … `---`): the fields digests use, read loosely because every
//! publication writes them differently.

use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    /// `category:` — for some publications the publication's own name (AI 日报).
    pub category: Option<String>,
}

/// The front matter block split from the body. `error` is set (and `fields` empty) when the
/// block is not valid YAML; the body is still returned so the digest can be parsed.
pub struct Split<'a> {
    pub fields: FrontMatter,
    pub body: &'a str,
    pub error: Option<String>,
}

pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        fields: FrontMatter::default(),
        body: text,
        error: None,
    };
    let Some(rest) = text.strip_prefix("---\n") else {
        return none;
    };
    let Some((yaml, body)) = find_close(rest) else {
        // A rule at the top is Markdown; `key: value` lines under it were meant as front
        // matter whose closing line is missing.
        let meant = rest
            .lines()
            .next()
            .is_some_and(|l| l.split_once(':').is_some_and(|(k, _)| is_key(k)));
        return Split {
            error: meant.then(|| {
                "front matter opened with --- is never closed; it was read as text".to_string()
            }),
            ..none
        };
    };
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => Split {
            fields: docs.first().map(fields_of).unwrap_or_default(),
            body,
            error: None,
        },
        Err(e) => Split {
            fields: FrontMatter::default(),
            body,
            error: Some(format!(
                "front matter is not valid YAML ({e}); the body was still read"
            )),
        },
    }
}

/// A YAML key as front matter writes them: a short word (`title`, `linkTitle`, `og_image`).
fn is_key(k: &str) -> bool {
    (1..=24).contains(&k.len())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The closing `---` (or `...`) line; returns (yaml, body after it).
fn find_close(rest: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn fields_of(doc: &Yaml) -> FrontMatter {
    let get = |key: &str| scalar(&doc[key]);
    FrontMatter {
        title: get("title"),
        date: get("date"),
        summary: get("summary"),
        category: get("category"),
    }
}

fn scalar(y: &Yaml) -> Option<String> {
    let s = match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body() {
        let s = split("---\ntitle: \"A: B\"\ndate: 2026-01-24\ntags: [\"AI\", 日报]\n---\n# x\n");
        assert_eq!(s.fields.title.as_deref(), Some("A: B"));
        assert_eq!(s.fields.date.as_deref(), Some("2026-01-24"));
        assert_eq!(s.body, "# x\n");
        assert!(s.error.is_none());
    }

    #[test]
    fn malformed_yaml_is_reported_and_body_kept() {
        let s = split("---\ntitle: [unclosed\n---\nbody\n");
        assert!(s.error.unwrap().contains("not valid YAML"));
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn no_front_matter_or_unclosed_means_whole_text_is_body() {
        assert_eq!(split("# t\n").body, "# t\n");
        let rule = split("---\nno close\n");
        assert_eq!(rule.body, "---\nno close\n");
        assert!(rule.error.is_none(), "a rule at the top is Markdown");
        let unclosed = split("---\ntitle: x\n\n# 标题\n");
        assert_eq!(unclosed.body, "---\ntitle: x\n\n# 标题\n");
        assert!(unclosed.error.unwrap().contains("never closed"));
    }
}
