//! Where each story read this session was left, by id, as a [`crate::text::place`]: going
//! back to one opens it there, not at its title, whether it was read in the reader or among
//! a search's results (a layout of either width finds the same words).

use std::num::NonZeroUsize;

/// How many stories' places are kept: a day's reading, many times.
const STORIES_PLACED: NonZeroUsize = NonZeroUsize::new(512).unwrap();

pub struct Places(lru::LruCache<String, usize>);

impl Default for Places {
    fn default() -> Places {
        Places(lru::LruCache::new(STORIES_PLACED))
    }
}

impl Places {
    /// Where story `id` was left, counted as used (kept the longest).
    pub fn get(&mut self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }

    /// Where story `id` was left, to show (not counted as used).
    pub fn peek(&self, id: &str) -> Option<usize> {
        self.0.peek(id).copied()
    }

    /// Story `id` left at `place`: kept, unless that is its top (or no place is known), where
    /// it opens anyway.
    pub fn leave(&mut self, id: &str, place: Option<usize>) {
        match place {
            Some(place) if place > 0 => {
                self.0.put(id.to_string(), place);
            }
            _ => {
                self.0.pop(id);
            }
        }
    }
}
