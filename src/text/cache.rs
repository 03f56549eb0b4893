//! Bounded cache of rendered articles, so scrolling does not re-render.

use std::num::NonZeroUsize;

use lru::LruCache;
use xxhash_rust::xxh3::Xxh3;

use super::TextOptions;
use super::markdown::{Rendered, render_story};

/// Rendered articles keyed by (item id, width, options), evicting the least recently used
/// entry beyond the capacity, or beyond [`ROWS_HELD`] rows in all. Entries also remember a
/// hash of the Markdown, so an item whose text changed under the same id is rendered again
/// rather than served stale.
pub struct RenderCache {
    entries: LruCache<(String, usize, TextOptions), Entry>,
    /// The rows of every entry, together.
    rows: usize,
}

/// The most rows the cache holds in all, the render last asked for among them (kept however
/// many rows it has, alone then): a story of hundreds of thousands of rows (a wide table
/// laid out as records) was held at each width a resize passed through, gigabytes of them
/// (tester DO). A day's stories at a few widths are some tens of thousands.
const ROWS_HELD: usize = 50_000;

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
            rows: 0,
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
            self.rows += rendered.lines.len();
            let entry = Entry {
                rendered,
                content_hash,
            };
            let mut dropped = 0;
            if let Some((_, old)) = self.entries.push(key.clone(), entry) {
                dropped += old.rendered.lines.len();
            }
            while self.rows - dropped > ROWS_HELD && self.entries.len() > 1 {
                let Some((_, old)) = self.entries.pop_lru() else {
                    break;
                };
                dropped += old.rendered.lines.len();
            }
            self.rows -= dropped;
            crate::memory::give_back_rows(dropped);
        }
        &self.entries.get(&key).expect("put above").rendered
    }
}
