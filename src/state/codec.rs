//! The file format: `{"version": 1, "bookmarks": [...], "read": [...], "position": {...}}`,
//! pretty-printed. Decoding says exactly why a file cannot be used.

use super::model::State;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The format this ribao reads and writes. Compatible additions keep it (unknown fields are
/// preserved); a higher number means a newer ribao changed the format in a way this one would
/// misread.
const VERSION: u64 = 1;

/// Read as `Document<State>`, written as `Document<&State>` (no copy).
#[derive(Serialize, Deserialize)]
struct Document<S> {
    version: u64,
    #[serde(flatten)]
    state: S,
}

/// Why a file's bytes are not a state this ribao can use as they are.
#[derive(Debug)]
pub enum Unusable {
    /// Written by a newer ribao, in a format this one would misread: neither read nor written.
    Newer(String),
    /// Damaged: what is wrong (in words, with line and column where serde_json gives them),
    /// and what could still be read of it.
    Damaged {
        problem: String,
        salvaged: Box<State>,
    },
}

impl Unusable {
    fn damaged(problem: impl Into<String>) -> Unusable {
        Unusable::Damaged {
            problem: problem.into(),
            salvaged: Box::default(),
        }
    }
}

/// The state in a file's bytes, or why they are not one this ribao can use.
pub fn decode(bytes: &[u8]) -> Result<State, Unusable> {
    // Editors on Windows may add a byte order mark; serde_json rejects it.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // One parse for a good file; the checks below only run to explain a bad one.
    let shape_error = match serde_json::from_slice::<Document<State>>(bytes) {
        Ok(doc) if doc.version == VERSION => return Ok(doc.state),
        // Another version: explained by the version check below.
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| Unusable::damaged(format!("it is not valid JSON: {e}")))?;
    let Value::Object(object) = value else {
        return Err(Unusable::damaged("it is not a JSON object"));
    };
    match object.get("version").map(Value::as_u64) {
        Some(Some(VERSION)) => {}
        Some(Some(v)) if v > VERSION => {
            return Err(Unusable::Newer(format!(
                "it was written by a newer ribao (format version {v}; this one reads version {VERSION})"
            )));
        }
        Some(_) => {
            return Err(Unusable::damaged(
                "its \"version\" is not a known format version",
            ));
        }
        None => return Err(Unusable::damaged("it has no \"version\" field")),
    }
    Err(Unusable::Damaged {
        problem: format!("it does not have the expected fields: {shape_error}"),
        salvaged: Box::new(salvage(object)),
    })
}

/// What can be read of a version-1 file with some parts of the wrong shape (a hand edit that
/// dropped a field, say): each bookmark, read mark and the position on its own, so one bad
/// entry does not cost the rest.
fn salvage(mut object: Map<String, Value>) -> State {
    object.remove("version");
    let entries = |value: Option<Value>| match value {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    State {
        bookmarks: entries(object.remove("bookmarks"))
            .into_iter()
            .filter_map(|b| serde_json::from_value(b).ok())
            .collect(),
        read: entries(object.remove("read"))
            .into_iter()
            .filter_map(|id| match id {
                Value::String(id) => Some(id),
                _ => None,
            })
            .collect(),
        position: object
            .remove("position")
            .and_then(|p| serde_json::from_value(p).ok()),
        extra: object,
    }
}

pub fn encode(state: &State) -> Vec<u8> {
    let doc = Document {
        version: VERSION,
        state,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("state always serializes");
    bytes.push(b'\n');
    bytes
}
