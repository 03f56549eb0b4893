//! Ids stories had before they got new ones. A story's id is made from its title, so a
//! digest's author retitling it, or a newer ribao titling it better, gives it another: when
//! the index is brought up to date, each story of a changed file (of every file, after an
//! upgrade) whose id is gone is looked for in the same file, by its link, or when it has
//! none by its title, then by its text, then as the only story gone and the only new one in
//! its place; its old id is kept pointing at the new one. Read marks and bookmarks made
//! under the old id follow it (see `Library::find` and the reader).

use super::{Index, Outcome, only};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The cache folder's file of old ids: a JSON object, old id → new id.
const FILE: &str = "aliases.json";

/// Old id → new id for the stories of `before` whose files are in `changed` (relative
/// paths; every file when None) and that `now` lists under another id, when exactly one
/// story of the same file has its link (or, without one, its title, else its text).
pub fn found_again(
    before: &Index,
    changed: Option<&HashSet<PathBuf>>,
    now: &Index,
) -> Vec<(String, String)> {
    let digest_of = |index: &Index| -> HashMap<PathBuf, usize> {
        index
            .files
            .iter()
            .filter_map(|f| match f.outcome {
                Outcome::Digest(d) => Some((f.rel.clone(), d as usize)),
                Outcome::Problem(_) => None,
            })
            .collect()
    };
    let now_digest = digest_of(now);
    let mut found = Vec::new();
    for (rel, d) in digest_of(before) {
        if changed.is_some_and(|c| !c.contains(&rel)) {
            continue;
        }
        let Some(&d_now) = now_digest.get(&rel) else {
            continue;
        };
        let stories_now = now.digests[d_now].items.clone();
        // Stories without a link that no rule found, by their place in the file.
        let mut gone = Vec::new();
        for (place, i) in before.digests[d].items.clone().enumerate() {
            let old = before.item(i);
            if now.find_id(old.id).is_some() {
                continue;
            }
            let same = |j: &usize| {
                let story = now.item(*j);
                match old.url {
                    Some(url) => story.url == Some(url),
                    None => story.title == old.title,
                }
            };
            // A story retitled by a newer ribao, or under a heading the author changed,
            // still has its text.
            let text = body(before, i);
            let same_text = |j: &usize| {
                old.url.is_none()
                    && now.item(*j).url.is_none()
                    && !text.is_empty()
                    && body(now, *j) == text
            };
            match only(stories_now.clone().filter(same))
                .or_else(|| only(stories_now.clone().filter(same_text)))
            {
                Some(j) => found.push((old.id.to_string(), now.item(j).id.to_string())),
                None if old.url.is_none() => gone.push((place, i)),
                None => {}
            }
        }
        // An author's edit of a story's lead changes its title (made from the lead) and its
        // text: the one story gone and the one new story without a link, in the same place,
        // are the same story.
        let new = stories_now.enumerate().filter(|&(_, j)| {
            let story = now.item(j);
            story.url.is_none() && before.find_id(story.id).is_none()
        });
        if let (Some((place, i)), Some((new_place, j))) = (only(gone), only(new))
            && place == new_place
        {
            found.push((before.item(i).id.to_string(), now.item(j).id.to_string()));
        }
    }
    found
}

/// Story `i`'s searchable text without its title (the first line).
fn body(index: &Index, i: usize) -> &[u8] {
    let text = index.text_of(i);
    text.iter()
        .position(|&b| b == b'\n')
        .map_or(&[][..], |at| &text[at + 1..])
}

/// The old ids kept in the cache folder `dir` (none when the file is missing or damaged:
/// the cache is disposable).
pub fn load(dir: &Path) -> HashMap<String, String> {
    crate::regular_file::read(&dir.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps `aliases` in `dir`, replacing the file whole (written beside it, then renamed).
pub fn save(dir: &Path, aliases: &HashMap<String, String>) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(aliases).map_err(std::io::Error::other)?;
    super::cache::replace_beside_index(dir, FILE, &bytes)
}
