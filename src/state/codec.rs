//! The file format: `{"version": 1, "saves": 3, "bookmarks": [...], "read": [...],
//! "position": {...}}`, pretty-printed. Decoding says exactly why a file cannot be used.

use super::model::{Bookmark, Place, State};
use crate::model::parse_date_label;
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
    /// Neither read nor written.
    Refused(Refusal),
    /// Damaged: what is wrong (in words, with line and column where serde_json gives them),
    /// and what could still be read of it.
    Damaged {
        problem: String,
        salvaged: Box<State>,
    },
}

/// Why a file is left as it is.
#[derive(Debug)]
pub enum Refusal {
    /// Written by a newer ribao, in a format this one would misread.
    Newer(String),
    /// Not JSON from its first byte, or JSON with none of ribao's fields: some other file
    /// given as the state file (a digest, a program, its `package.json`), never one of
    /// ribao's, so not moved aside either.
    Foreign(String),
}

/// The fields ribao writes but its version: an object with none of them, and no version
/// number, is some other program's.
const OURS: [&str; 4] = ["bookmarks", "read", "position", "elsewhere"];

/// Editors on Windows may add a byte order mark; serde_json rejects it.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
}

/// Nothing but whitespace: an empty file.
pub fn is_blank(bytes: &[u8]) -> bool {
    without_bom(bytes).iter().all(u8::is_ascii_whitespace)
}

/// The state in a file's bytes, or why they are not one this ribao can use.
pub fn decode(bytes: &[u8]) -> Result<State, Unusable> {
    let bytes = without_bom(bytes);
    // Text before the object that names ribao's fields is a hand edit's (`// my notes` on
    // the first line): read as damaged, what it holds is kept, not refused as another
    // program's file (tester V: every bookmark was lost to saving disabled).
    let names_ours = memchr::memmem::find(bytes, b"\"bookmarks\"").is_some();
    // An empty file (`touch`ed, say) holds no state yet; what a crash can leave (a tail of
    // zeros) is damage, not another file.
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Ok(State::default()),
        Some(b'{' | b'[' | 0) => {}
        Some(_) if names_ours => {}
        Some(_) => {
            return Err(Unusable::Refused(Refusal::Foreign(
                "it is not a ribao state file (one is a JSON object, starting with `{`)".into(),
            )));
        }
    }
    // One parse for a good file; the checks below only run to explain a bad one.
    let shape_error = match serde_json::from_slice::<Document<State>>(bytes) {
        // (Only a file that names ribao's bookmarks: a browser's has a version 1 too.)
        Ok(doc) if doc.version == VERSION && names_ours && !needs_repair(&doc.state) => {
            return Ok(doc.state);
        }
        // Another version, or bookmarks a hand edit spoiled in ways serde lets through:
        // explained by the checks below.
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => {
            let (salvaged, wrong) = salvage_text(&String::from_utf8_lossy(bytes));
            let also = wrong.iter().map(|w| format!("; {w}")).collect::<String>();
            return Err(Unusable::Damaged {
                problem: format!("it is not valid JSON: {e}{also}"),
                salvaged: Box::new(salvaged),
            });
        }
    };
    // JSON that ribao never wrote (a `package.json` given as `--state`, a list): replaced by
    // a state, it was only to be found again in its `.broken` copy. A `"version"` that is
    // no number (a package.json's "1.0.0") is not ribao's without its other fields, nor is
    // a version number beside fields ribao never writes (a browser's bookmarks: tester CP).
    let ribaos = |k: &String| k == "version" || k == "saves" || OURS.contains(&k.as_str());
    // (A newer ribao's may have fields of its own: it is said to be newer.)
    let version = |object: &Map<String, Value>| object.get("version").map(Value::as_u64);
    let ours = |object: &Map<String, Value>| {
        object.keys().any(|k| OURS.contains(&k.as_str()))
            || matches!(version(object), Some(Some(v)) if v > VERSION)
            || matches!(version(object), None | Some(Some(_))) && object.keys().all(ribaos)
    };
    let object = match value {
        Value::Object(object) if ours(&object) => object,
        _ => {
            return Err(Unusable::Refused(Refusal::Foreign(
                "it is JSON, but not a ribao state file (one is an object with a \"version\" \
                 number and \"bookmarks\")"
                    .into(),
            )));
        }
    };
    // A version this ribao does not know, other than a newer one, is a slip (a hand edit
    // that quoted it, say): what the file holds is read all the same.
    let version = match object.get("version").map(Value::as_u64) {
        Some(Some(VERSION)) => None,
        Some(Some(v)) if v > VERSION => {
            return Err(Unusable::Refused(Refusal::Newer(format!(
                "it was written by a newer ribao (format version {v}; this one reads version {VERSION})"
            ))));
        }
        Some(_) => Some("its \"version\" is not a known format version".to_string()),
        None => Some("it has no \"version\" field".to_string()),
    };
    let (salvaged, wrong) = salvage(object);
    let fields = |wrong: &[String]| {
        // Named up to a screenful or two (the notice scrolls), the rest counted.
        const NAMED: usize = 50;
        let more = match wrong.len().saturating_sub(NAMED) {
            0 => String::new(),
            n => format!("; and {n} more"),
        };
        format!(
            "it does not have the expected fields: {}{more}",
            wrong[..wrong.len().min(NAMED)].join("; ")
        )
    };
    let problem = match (version, wrong.is_empty()) {
        (Some(version), true) => version,
        (Some(version), false) => format!("{version}; {}", fields(&wrong)),
        (None, false) => fields(&wrong),
        // Nothing wrong but that no field is there to read (`{"version": 1}`, written by
        // hand): an empty state (tester CS: it was said to lack fields, naming none).
        (None, true) if shape_error.is_empty() => return Ok(salvaged),
        (None, true) => fields(&[shape_error]),
    };
    Err(Unusable::Damaged {
        problem,
        salvaged: Box::new(salvaged),
    })
}

/// A bookmark listed twice, with a blank id, or with a date that is no date (`"date":
/// "not-a-date"`): well formed, but not what ribao writes.
fn needs_repair(state: &State) -> bool {
    let mut ids = std::collections::HashSet::new();
    state.bookmarks.iter().any(|b| {
        !ids.insert(&b.id)
            || b.id.trim().is_empty()
            || b.date
                .as_deref()
                .is_some_and(|d| parse_date_label(d).is_none())
    })
}

/// What can be read of a file with some parts of the wrong shape (a hand edit that dropped
/// a field, say): each bookmark, read mark and the position on its own, so one bad entry
/// does not cost the rest; and what is wrong with each that is not, naming it.
fn salvage(mut object: Map<String, Value>) -> (State, Vec<String>) {
    object.remove("version");
    let mut wrong = Vec::new();
    let mut entries = |key: &str, value: Option<Value>| match value {
        Some(Value::Array(list)) => list,
        None => Vec::new(),
        Some(_) => {
            wrong.push(format!("\"{key}\" is not a list"));
            Vec::new()
        }
    };
    let bookmarks = entries("bookmarks", object.remove("bookmarks"));
    let read = match object.remove("read") {
        // Ids marked true, as a file written by hand may hold them (tester DL).
        Some(Value::Object(marks)) => (marks.into_iter())
            .filter(|(_, read)| read.as_bool() == Some(true))
            .map(|(id, _)| Value::String(id))
            .collect(),
        other => entries("read", other),
    };
    let places = entries("places", object.remove("places"));
    let mut state = State::default();
    let mut ids = std::collections::HashSet::new();
    for (n, b) in bookmarks.into_iter().enumerate() {
        match repaired(b) {
            Ok((bookmark, _)) if !ids.insert(bookmark.id.clone()) => {
                wrong.push(format!(
                    "bookmark {} (id {}) is listed twice: the first is kept",
                    n + 1,
                    bookmark.id
                ));
            }
            Ok((bookmark, left_out)) => {
                if !left_out.is_empty() {
                    let name = match bookmark.title.as_str() {
                        "" => format!("id {}", bookmark.id),
                        title => format!("“{title}”, id {}", bookmark.id),
                    };
                    // Its story fills them in where the store has it: not said lost for good
                    // (tester CM: the title named was on screen).
                    wrong.push(format!(
                        "bookmark {} ({name}) is kept without its {}, \
                         taken from its story where the store has it",
                        n + 1,
                        left_out.join(", ")
                    ));
                }
                state.bookmarks.push(bookmark);
            }
            Err(why) => wrong.push(format!("bookmark {}{why}", n + 1)),
        }
    }
    for (n, id) in read.into_iter().enumerate() {
        match id {
            Value::String(id) => {
                state.read.insert(&id);
            }
            other => wrong.push(format!("read mark {} ({other}) is not an id", n + 1)),
        }
    }
    // Every field of ribao's taken out: one left among the unknown ones was written twice.
    // The count of saves matters to no one but the backup's check: not said when spoiled.
    state.saves = object
        .remove("saves")
        .and_then(|v| v.as_u64())
        .unwrap_or_default();
    state.position = take(
        &mut object,
        "position",
        "the reading position could not be read: the reader opens at the newest date",
        &mut wrong,
    );
    state.elsewhere = take(
        &mut object,
        "elsewhere",
        "the places left in other stores could not be read: they open at their newest date",
        &mut wrong,
    )
    .unwrap_or_default();
    // Each on its own, as bookmarks are (tester CC: one spoiled, all were lost).
    let count = places.len();
    state.places = (places.into_iter())
        .filter_map(|p| serde_json::from_value(p).ok())
        .collect();
    match count - state.places.len() {
        0 => {}
        1 => wrong.push("where one story was left could not be read: it opens at its top".into()),
        n => wrong.push(format!(
            "where {n} stories were left could not be read: they open at their top"
        )),
    }
    state.extra = object;
    (state, wrong)
}

/// Field `key` of `object`, taken out, when it reads as a `T`; `lost` is said when it does
/// not.
fn take<T: serde::de::DeserializeOwned>(
    object: &mut Map<String, Value>,
    key: &str,
    lost: &str,
    wrong: &mut Vec<String>,
) -> Option<T> {
    let value = object.remove(key).filter(|v| !v.is_null())?;
    serde_json::from_value(value)
        .map_err(|_| wrong.push(lost.to_string()))
        .ok()
}

/// A bookmark's fields but its id, and whether it must have each: what [`repaired`] checks,
/// and what reading a spoiled one goes on at.
const FIELDS: [(&str, bool); 9] = [
    ("title", true),
    ("source", true),
    ("path", true),
    ("added", true),
    ("date", false),
    ("category", false),
    ("url", false),
    ("outlet", false),
    ("text", false),
];

/// A bookmark of `value` with its fields that are missing or not text left empty: only its
/// id is needed to find its story, and the reader fills them in again from it. Also says
/// which fields were left out; or why there is no bookmark to keep, naming it by its title.
fn repaired(value: Value) -> Result<(Bookmark, Vec<&'static str>), String> {
    let mut fields = match value {
        Value::Object(fields) => fields,
        // A bare id, as a list written by hand may hold it: its story fills in the rest
        // (tester DL: each was lost).
        Value::String(id) => Map::from_iter([("id".to_string(), Value::String(id))]),
        _ => return Err(" is not an object: not read".into()),
    };
    let titled = match fields.get("title") {
        Some(Value::String(t)) => format!(" (“{t}”)"),
        _ => String::new(),
    };
    match fields.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => {}
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(format!("{titled} has no id: not read"));
        }
        Some(other) => {
            return Err(format!(
                "{titled} has an id ribao does not make ({other}): not read"
            ));
        }
    }
    let mut left_out = Vec::new();
    for (key, required) in FIELDS {
        let fits = match fields.get(key) {
            Some(Value::String(date)) if key == "date" => parse_date_label(date).is_some(),
            Some(Value::String(_)) => true,
            None | Some(Value::Null) => !required,
            Some(_) => false,
        };
        if !fits {
            left_out.push(key);
            let empty = if required { "".into() } else { Value::Null };
            fields.insert(key.to_string(), empty);
        }
    }
    let bookmark = serde_json::from_value(Value::Object(fields))
        .map_err(|e| format!("{titled}: {e}: not read"))?;
    Ok((bookmark, left_out))
}

/// What can be read of text that is not JSON (cut off, or spoiled by a hand edit): every
/// whole bookmark in it, the read marks (each that reads), and the places stories were
/// left at; and each bookmark read whole but not kept, named as in valid JSON (tester T:
/// one with a number for its id went unsaid).
fn salvage_text(text: &str) -> (State, Vec<String>) {
    let mut state = State::default();
    let mut wrong = Vec::new();
    // Each `{` may open a bookmark; an object with an id is taken (as [`repaired`] reads
    // it), and the search goes on after it. One cut off just before its closing brace is
    // whole but for it.
    let mut at = 0;
    // A bookmark found twice (a file written after itself: tester BO) is kept once, the
    // first, as in valid JSON.
    let mut ids = std::collections::HashSet::new();
    while let Some(open) = text[at..].find('{') {
        let start = at + open;
        let mut one = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        let (value, end) = match one.next() {
            Some(Ok(value)) => (Some(value), start + one.byte_offset()),
            Some(Err(e)) if e.is_eof() => {
                let closed = format!("{}}}", text[start..].trim_end().trim_end_matches(','));
                (serde_json::from_str(&closed).ok(), text.len())
            }
            // Broken inside (stray bytes a hand edit left in a field): the fields that still
            // read, each on its own, so the spoiled one costs only itself (tester M).
            Some(Err(_)) => match field_by_field(&text[start..]) {
                Some((value, len)) => (Some(value), start + len),
                None => (None, start + 1),
            },
            None => (None, start + 1),
        };
        // (One cut off must be whole but for its brace: a cut inside it leaves it out.)
        let cut_off = end == text.len() && !text.trim_end().ends_with('}');
        // Where a story was left has an id too, and its `at`: a place, not a bookmark
        // (tester CA: every story scrolled in came back bookmarked), kept when it reads.
        // Its `at` is looked for as written too: spoiled, it is not in what was read. (A
        // place holds no object: the file's own, which holds the places, is none.)
        let written = &text[start..end];
        if !written[1..].contains('{') && after_key(written, "at").next().is_some() {
            let place = value.and_then(|v| serde_json::from_value::<Place>(v).ok());
            if let Some(place) = place.filter(|_| !cut_off)
                && !state.places.iter().any(|p| p.id == place.id)
            {
                state.places.push(place);
            }
            at = end;
            continue;
        }
        // An id alone is no bookmark: what is left of something else.
        let value = value.filter(|v| {
            let fields = FIELDS.iter().map(|(name, _)| *name);
            v.as_object()
                .is_some_and(|o| fields.into_iter().any(|f| o.contains_key(f)))
        });
        // An object with an id or a title is a bookmark; others (the file's own, a
        // position) are not, and say nothing.
        let bookmark_like = value.as_ref().is_some_and(|v| {
            v.as_object()
                .is_some_and(|o| o.contains_key("id") || o.contains_key("title"))
        });
        match value.map(repaired) {
            Some(Ok((bookmark, left_out))) if !cut_off || left_out.is_empty() => {
                if ids.insert(bookmark.id.clone()) {
                    state.bookmarks.push(bookmark);
                }
                at = end;
            }
            Some(Err(why)) if bookmark_like && !cut_off => {
                wrong.push(format!("a bookmark{why}"));
                at = end;
            }
            _ => at = start + 1,
        }
    }
    // The places left, whole, as the rest of the file is read (tester X: a comment above
    // a good file, with no backup, lost the reader's place).
    state.position = value_of(text, "position").and_then(|v| serde_json::from_value(v).ok());
    state.elsewhere = value_of(text, "elsewhere")
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    if let Some(list) = read_list(text) {
        read_ids(list, &mut state.read);
    }
    (state, wrong)
}

/// The read marks of `list` (text after `"read": [`) into `read`: each id up to the list's
/// end, stray bytes between costing only themselves (tester CA: the marks after them were
/// lost), read on from the next quote or comma. What reads as text but is no id (a quote
/// out of place pairs others wrongly) is left out.
fn read_ids(list: &str, read: &mut super::ReadMarks) {
    let is_id = |id: &str| {
        !id.is_empty() && !id.contains(|c: char| c.is_whitespace() || "\",:{}[]".contains(c))
    };
    let mut rest = list;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() || rest.starts_with(']') {
            break;
        }
        // An id: text in quotes, and then the list's next comma or its end.
        if rest.starts_with('"') {
            let mut one = serde_json::Deserializer::from_str(rest).into_iter::<String>();
            if let Some(Ok(id)) = one.next()
                && rest[one.byte_offset()..]
                    .trim_start()
                    .starts_with([',', ']'])
            {
                if is_id(&id) {
                    read.insert(&id);
                }
                rest = &rest[one.byte_offset()..];
                continue;
            }
            rest = &rest[1..];
        }
        // Stray bytes: read on from the next quote or comma, up to the list's end.
        match rest.find(['"', ',', ']']) {
            Some(next) if !rest[next..].starts_with(']') => rest = &rest[next..],
            _ => break,
        }
    }
}

/// The object `text` opens with `{`, read field by field: a field whose value does not read,
/// or reads but runs on into more than a `,` or `}` (`"AI "日报"`), is passed over to where
/// the next of a bookmark's fields starts (on one line too: a file written compactly lost
/// the bookmark after; tester O). It ends at its `}`, or before the next `{` when stray
/// bytes took its brace. With its length; None without an `"id"` read, which makes it no
/// bookmark to keep.
fn field_by_field(text: &str) -> Option<(Value, usize)> {
    let mut fields = Map::new();
    let mut at = 1;
    let end = loop {
        at += text[at..]
            .find(|c: char| !c.is_whitespace() && c != ',')
            .unwrap_or(text.len() - at);
        let rest = &text[at..];
        match rest.chars().next() {
            None => break text.len(),
            Some('}') => break at + 1,
            Some('{') => break at,
            _ => {}
        }
        let mut key = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        let read = match key.next() {
            Some(Ok(name)) => rest[key.byte_offset()..]
                .trim_start()
                .strip_prefix(':')
                .and_then(|after| {
                    let mut value = serde_json::Deserializer::from_str(after).into_iter::<Value>();
                    let v = value.next()?.ok()?;
                    let len = rest.len() - after.len() + value.byte_offset();
                    let next = rest[len..].trim_start();
                    (next.is_empty() || next.starts_with([',', '}'])).then_some((name, v, len))
                }),
            _ => None,
        };
        match read {
            Some((name, value, len)) => {
                fields.entry(name).or_insert(value);
                at += len;
            }
            // (Past the character it stopped at, which may be any: `报"` is no field.)
            None => {
                let from = rest.chars().next().map_or(0, char::len_utf8);
                match next_field(&rest[from..]) {
                    Resume::Field(skip) => at += from + skip,
                    Resume::End(skip) => break at + from + skip + 1,
                    Resume::Before(skip) => break at + from + skip,
                    Resume::Nowhere => break text.len(),
                }
            }
        }
    };
    fields
        .contains_key("id")
        .then_some((Value::Object(fields), end))
}

/// Where reading a spoiled bookmark goes on, from `text` after the spoiled bytes' start.
enum Resume {
    /// A field of a bookmark's starts this many bytes on.
    Field(usize),
    /// The bookmark's `}` is this many bytes on.
    End(usize),
    /// The next bookmark's `{` is.
    Before(usize),
    Nowhere,
}

/// The first of: a bookmark's field (`"title":`), a `}`, a `{`.
fn next_field(text: &str) -> Resume {
    for (i, c) in text.char_indices() {
        match c {
            '}' => return Resume::End(i),
            '{' => return Resume::Before(i),
            '"' => {
                let after = &text[i + 1..];
                let names = FIELDS.iter().map(|(name, _)| *name);
                let named = std::iter::once("id").chain(names).any(|f| {
                    after
                        .strip_prefix(f)
                        .and_then(|a| a.strip_prefix('"'))
                        .is_some_and(|a| a.trim_start().starts_with(':'))
                });
                if named {
                    return Resume::Field(i);
                }
            }
            _ => {}
        }
    }
    Resume::Nowhere
}

/// What follows each `"key":` in `text`, from the value's first character on.
fn after_key<'t>(text: &'t str, key: &str) -> impl Iterator<Item = &'t str> {
    let quoted = format!("\"{key}\"");
    let found: Vec<usize> = text.match_indices(&quoted).map(|(at, _)| at).collect();
    found.into_iter().filter_map(move |at| {
        let after = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
        Some(after.trim_start())
    })
}

/// The JSON value after the first `"key":` in `text` that reads whole.
fn value_of(text: &str, key: &str) -> Option<Value> {
    after_key(text, key).find_map(|after| {
        let mut one = serde_json::Deserializer::from_str(after).into_iter::<Value>();
        one.next()?.ok()
    })
}

/// The text after `"read": [`, if it is there (a `"read"` that is a value, or a key of
/// something else, is passed over).
fn read_list(text: &str) -> Option<&str> {
    after_key(text, "read").find_map(|after| after.strip_prefix('['))
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
