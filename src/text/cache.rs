//! Bounded cache of rendered articles, so scrolling does not re-render.

use std::num::NonZeroUsize;

use lru::LruCache;
use xxhash_rust::xxh3::Xxh3;

use super::TextOptions;
use super::markdown::{Rendered, render_story};

/// Rendered articles keyed by (item id, width, options), evicting the least recently used
/// entry beyond the capacity. Entries also remember a hash of the Markdown, so an item whose
/// text changed under the same id is rendered again rather than served stale.
pub struct RenderCache {
    entries: LruCache<(String, usize, TextOptions), Entry>,
}

struct Entry {
    rendered: Rendered,
    content_hash: u64,
}

impl Default for RenderCache {
    /// Room for 64 renders: a day's items at one width, or a few widths while resizing.
    fn default() -> Self {
        Self::new(64)
    }
}

impl RenderCache {
    /// A cache holding at most `capacity` (at least 1) rendered articles.
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: LruCache::new(NonZeroUsize::new(capacity.max(1)).expect("at least 1")),
        }
    }

    /// Number of cached renders.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The rendering of `md` for item `id` (its own link `own`; see [`render_story`]),
    /// rendered on first use.
    pub fn get_or_render(
        &mut self,
        id: &str,
        md: &str,
        own: Option<&str>,
        width: usize,
        opts: TextOptions,
    ) -> &Rendered {
        let mut content = Xxh3::new();
        content.update(md.as_bytes());
        content.update(own.unwrap_or_default().as_bytes());
        let content_hash = content.digest();
        let key = (id.to_string(), width, opts);
        let fresh = self
            .entries
            .get(&key)
            .is_some_and(|e| e.content_hash == content_hash);
        if !fresh {
            let rendered = render_story(md, own, width, opts);
            self.entries.put(
                key.clone(),
                Entry {
                    rendered,
                    content_hash,
                },
            );
        }
        &self.entries.get(&key).expect("put above").rendered
    }
}
