//! Where each story read was left, by id, as a [`crate::text::place`]: going back to one
//! opens it there, not at its title, whether it was read in the reader or among a search's
//! results (a layout of either width finds the same words), and after a restart (the state
//! file keeps them; tester AU: a story read part-way opened at its top again).

use crate::state::{PLACES_KEPT, Place};
use std::collections::HashSet;
use std::num::NonZeroUsize;

pub struct Places {
    at: lru::LruCache<String, usize>,
    /// The stories left in this session: only their places are saved, so a place another
    /// reader saved since this one started is not put back to the one read then.
    left: HashSet<String>,
}

impl Default for Places {
    fn default() -> Places {
        let kept = NonZeroUsize::new(PLACES_KEPT).unwrap_or(NonZeroUsize::MIN);
        Places {
            at: lru::LruCache::new(kept),
            left: HashSet::new(),
        }
    }
}

impl Places {
    /// The places a state file kept, the last left at the end (see
    /// [`crate::state::State::places`]).
    pub fn saved(saved: &[Place]) -> Places {
        let mut places = Places::default();
        for p in saved {
            places.at.put(p.id.clone(), p.at);
        }
        places
    }

    /// The places left in this session, to save, the last left at the end; a story left at
    /// its top is said so (`at` 0), which takes away the place saved for it before.
    pub fn to_save(&self) -> Vec<Place> {
        (self.at.iter().rev())
            .filter(|(id, _)| self.left.contains(*id))
            .map(|(id, &at)| Place { id: id.clone(), at })
            .collect()
    }

    /// Where story `id` was left, counted as used (kept the longest); None at its top.
    pub fn get(&mut self, id: &str) -> Option<usize> {
        self.at.get(id).copied().filter(|&at| at > 0)
    }

    /// Where story `id` was left, to show (not counted as used); None at its top.
    pub fn peek(&self, id: &str) -> Option<usize> {
        self.at.peek(id).copied().filter(|&at| at > 0)
    }

    /// Story `id` left at `place`.
    pub fn leave(&mut self, id: &str, place: usize) {
        self.at.put(id.to_string(), place);
        self.left.insert(id.to_string());
    }
}
