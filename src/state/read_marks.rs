//! The ids of the stories marked read. A whole archive read is a quarter of a million of
//! them: ids of the length ribao makes are held as their 12 bytes, in a set of their own (a
//! string each took four times the memory, and building their set one by one most of the
//! time to read the file). They are kept in order, as the file lists them, so that a scope's
//! unread stories are counted in one walk beside the index's ids, also in order.

use crate::model::{ID_LEN, id_as_typed};
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct ReadMarks {
    ids: BTreeSet<[u8; ID_LEN]>,
    /// Ids of another length (a hand edit's): kept, and written back as they are.
    other: BTreeSet<String>,
}

/// One id, as it is held.
enum Id {
    Fixed([u8; ID_LEN]),
    Other(String),
}

impl Id {
    /// `id` in the form ids have (a hand edit may write one in capitals, or with spaces:
    /// the reader and the command line both find its story so).
    fn of(id: &str) -> Id {
        let id = id_as_typed(id);
        match <[u8; ID_LEN]>::try_from(id.as_bytes()) {
            Ok(fixed) => Id::Fixed(fixed),
            Err(_) => Id::Other(id.into_owned()),
        }
    }
}

/// The id held as `bytes`, which were a whole `str`'s.
fn text(bytes: &[u8; ID_LEN]) -> &str {
    std::str::from_utf8(bytes).expect("only a whole str's bytes are held")
}

impl ReadMarks {
    pub fn contains(&self, id: &str) -> bool {
        let id = id_as_typed(id);
        match <&[u8; ID_LEN]>::try_from(id.as_bytes()) {
            Ok(fixed) => self.ids.contains(fixed),
            Err(_) => self.other.contains(id.as_ref()),
        }
    }

    /// True when `id` was not marked yet.
    pub fn insert(&mut self, id: &str) -> bool {
        match Id::of(id) {
            Id::Fixed(fixed) => self.ids.insert(fixed),
            Id::Other(other) => self.other.insert(other),
        }
    }

    /// True when `id` was marked.
    pub fn remove(&mut self, id: &str) -> bool {
        let id = id_as_typed(id);
        match <&[u8; ID_LEN]>::try_from(id.as_bytes()) {
            Ok(fixed) => self.ids.remove(fixed),
            Err(_) => self.other.remove(id.as_ref()),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len() + self.other.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every id, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let mut fixed = self.ids.iter().map(text).peekable();
        let mut other = self.other.iter().map(String::as_str).peekable();
        std::iter::from_fn(move || match (fixed.peek(), other.peek()) {
            (Some(a), Some(b)) if b < a => other.next(),
            (Some(_), _) => fixed.next(),
            (None, _) => other.next(),
        })
    }

    /// The ids of ribao's length, in order: all a story can have.
    pub fn story_ids(&self) -> impl Iterator<Item = &[u8; ID_LEN]> {
        self.ids.iter()
    }

    /// Every id of `more` marked here too.
    pub fn join(&mut self, more: ReadMarks) {
        self.ids.extend(more.ids);
        self.other.extend(more.other);
    }
}

impl fmt::Debug for ReadMarks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for ReadMarks {
    fn from_iter<I: IntoIterator<Item = S>>(ids: I) -> ReadMarks {
        // Collected first: a set built from many at once is sorted once, not one by one.
        let (mut fixed, mut other) = (Vec::new(), Vec::new());
        for id in ids {
            match Id::of(id.as_ref()) {
                Id::Fixed(id) => fixed.push(id),
                Id::Other(id) => other.push(id),
            }
        }
        ReadMarks {
            ids: fixed.into_iter().collect(),
            other: other.into_iter().collect(),
        }
    }
}

impl Serialize for ReadMarks {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ReadMarks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ReadMarks, D::Error> {
        deserializer.deserialize_seq(ListVisitor)
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = ReadMarks;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of story ids")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ReadMarks, A::Error> {
        let (mut fixed, mut other) = (Vec::new(), Vec::new());
        while let Some(id) = seq.next_element::<Id>()? {
            match id {
                Id::Fixed(id) => fixed.push(id),
                Id::Other(id) => other.push(id),
            }
        }
        Ok(ReadMarks {
            ids: fixed.into_iter().collect(),
            other: other.into_iter().collect(),
        })
    }
}

/// An id read without a string made for it, when it is of ribao's length.
impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a story id")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Id, E> {
                Ok(Id::of(id))
            }
        }
        deserializer.deserialize_str(IdVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids of every length are kept, listed in one order as the file had them, and read
    /// back the same.
    #[test]
    fn ids_of_every_length_are_kept_in_order() {
        let mut marks: ReadMarks = ["0123456789ab", "x", "好的好的", "zz", "00000000000f", "好"]
            .into_iter()
            .collect();
        // Written by hand: in the form ids have.
        assert!(!marks.insert(" 0123456789AB\n") && !marks.insert("X"));
        assert!(marks.contains("0123456789AB "));
        assert!(marks.insert("0123456789aa"));
        assert!(!marks.insert("x"));
        assert!(
            marks.contains("00000000000f") && marks.contains("好的好的") && marks.contains("好")
        );
        assert!(!marks.contains("00000000000e"));
        let listed: Vec<&str> = marks.iter().collect();
        assert_eq!(
            listed,
            [
                "00000000000f",
                "0123456789aa",
                "0123456789ab",
                "x",
                "zz",
                "好",
                "好的好的"
            ]
        );
        let json = serde_json::to_string(&marks).unwrap();
        assert_eq!(serde_json::from_str::<ReadMarks>(&json).unwrap(), marks);
        assert!(marks.remove("x") && marks.remove("0123456789ab") && !marks.remove("x"));
        assert_eq!(marks.len(), 5);
    }
}
