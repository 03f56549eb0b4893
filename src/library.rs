//! The loaded archive: every digest, newest first, and the files that could not be read.
//! No terminal code; the reader and the CLI both ask it.

use crate::categories::Categorizer;
use crate::model::{Digest, Item};
use crate::parse;
use crate::search::{Query, Snippet};
use crate::store::{self, FileEntry, FileProblem};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the digests came from: what the status bar and `--help` tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Store(PathBuf),
    /// The built-in samples, shown because this store folder has no digests yet.
    Samples {
        store: PathBuf,
    },
}

/// A search result: (digest index, item index) and the snippet around the first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub item: (usize, usize),
    pub snippet: Snippet,
}

pub struct Library {
    pub origin: Origin,
    /// Newest first; undated digests last.
    pub digests: Vec<Digest>,
    pub problems: Vec<FileProblem>,
    by_item: HashMap<String, (usize, usize)>,
}

impl Library {
    /// Scan `root` and parse every digest file, in parallel (each file is independent).
    pub fn load_dir(root: &Path) -> Library {
        let (files, mut problems) = store::scan(root);
        let results: Vec<Result<Digest, FileProblem>> = files.par_iter().map(load_file).collect();
        let mut digests = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => digests.push(d),
                Err(p) => problems.push(p),
            }
        }
        Library::new(Origin::Store(root.to_path_buf()), digests, problems)
    }

    /// The built-in samples; `store` is where the user should put real digests.
    pub fn samples(store: PathBuf) -> Library {
        let digests = crate::samples::SAMPLES
            .iter()
            .filter_map(|(name, text)| {
                parse::parse(text.as_bytes(), &Path::new("samples").join(name)).ok()
            })
            .collect();
        Library::new(Origin::Samples { store }, digests, Vec::new())
    }

    pub fn new(
        origin: Origin,
        mut digests: Vec<Digest>,
        mut problems: Vec<FileProblem>,
    ) -> Library {
        digests.sort_by(|a, b| {
            newest_first((a.date, &a.source, &a.path), (b.date, &b.source, &b.path))
        });
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        categorize(&mut digests, &Categorizer::builtin());
        let mut by_item = HashMap::new();
        for (d, digest) in digests.iter().enumerate() {
            for (i, item) in digest.items.iter().enumerate() {
                // The same story in two copies of a file keeps the first (newest) place.
                by_item.entry(item.id.clone()).or_insert((d, i));
            }
        }
        Library {
            origin,
            digests,
            problems,
            by_item,
        }
    }

    /// Re-place every item with another categories table (the user's own).
    pub fn recategorize(&mut self, categorizer: &Categorizer) {
        categorize(&mut self.digests, categorizer);
    }

    pub fn item(&self, id: &str) -> Option<(&Digest, &Item)> {
        let &(d, i) = self.by_item.get(id)?;
        let digest = &self.digests[d];
        Some((digest, &digest.items[i]))
    }

    /// Every item matching `query` among the digests `within` (indices into `digests`, in
    /// the order wanted), with a snippet; `None` for `within` means the whole archive.
    pub fn search(&self, query: &Query, within: Option<&[usize]>) -> Vec<SearchHit> {
        let all: Vec<usize>;
        let within = match within {
            Some(w) => w,
            None => {
                all = (0..self.digests.len()).collect();
                &all
            }
        };
        within
            .iter()
            .flat_map(|&d| {
                let digest = &self.digests[d];
                digest
                    .items
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, item)| {
                        query.find(digest, item).map(|hit| SearchHit {
                            item: (d, i),
                            snippet: hit.snippet,
                        })
                    })
            })
            .collect()
    }

    /// Every item with its digest, newest digest first.
    pub fn items(&self) -> impl Iterator<Item = (&Digest, &Item)> {
        self.digests
            .iter()
            .flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }
}

fn categorize(digests: &mut [Digest], categorizer: &Categorizer) {
    digests
        .par_iter_mut()
        .flat_map(|d| d.items.par_iter_mut())
        .for_each(|item| {
            item.unified = Some(categorizer.classify(item));
        });
}

/// Library order: newest date first, then by source and path; undated digests last.
pub fn newest_first(
    a: (Option<NaiveDate>, &str, &Path),
    b: (Option<NaiveDate>, &str, &Path),
) -> std::cmp::Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => y
            .cmp(&x)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| a.2.cmp(b.2)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.2.cmp(b.2),
    }
}

/// Reads and parses one digest file; Err says why not, in words.
pub fn read_digest(entry: &FileEntry) -> Result<Digest, String> {
    if entry.size > store::MAX_FILE_BYTES {
        return Err(format!(
            "{} MB is too large for a digest; skipped",
            entry.size / 1_000_000
        ));
    }
    let bytes = std::fs::read(&entry.path)
        .map_err(|e| format!("cannot read: {}", crate::io_error::in_words(&e)))?;
    parse::parse(&bytes, &entry.path).map_err(|e| format!("{e}; skipped"))
}

fn load_file(entry: &FileEntry) -> Result<Digest, FileProblem> {
    read_digest(entry).map_err(|message| FileProblem {
        path: entry.path.clone(),
        message,
    })
}
