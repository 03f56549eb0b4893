//! The file format: `{"version": 1, "bookmarks": [...], "read": [...], "position": {...}}`,
//! pretty-printed. Decoding says exactly why a file cannot be used.

use super::model::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// The state in a file's bytes, or why they are not one this ribao can use (in words, with
/// line and column where serde_json gives them).
pub fn decode(bytes: &[u8]) -> Result<State, String> {
    // Editors on Windows may add a byte order mark; serde_json rejects it.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // One parse for a good file; the checks below only run to explain a bad one.
    let shape_error = match serde_json::from_slice::<Document<State>>(bytes) {
        Ok(doc) if doc.version == VERSION => return Ok(doc.state),
        // Another version: explained by the version check below.
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("it is not valid JSON: {e}"))?;
    let Value::Object(object) = &value else {
        return Err("it is not a JSON object".into());
    };
    match object.get("version").map(Value::as_u64) {
        Some(Some(VERSION)) => {}
        Some(Some(v)) if v > VERSION => {
            return Err(format!(
                "it was written by a newer ribao (format version {v}; this one reads version {VERSION})"
            ));
        }
        Some(_) => return Err("its \"version\" is not a known format version".into()),
        None => return Err("it has no \"version\" field".into()),
    }
    Err(format!(
        "it does not have the expected fields: {shape_error}"
    ))
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
