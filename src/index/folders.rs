//! The store's folders as they were when the index was last found to list exactly the
//! store's files (`folders` in the cache folder). While none of their change times has
//! moved, no digest was added, removed or renamed, so the reader can list the index before
//! it has looked at every file. A file rewritten in place moves no folder's time: the
//! reader's watch looks at every file just after the first screen.

use super::build::path_from_bytes;
use super::codec::{Dec, Enc};
use crate::store::Scan;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

pub(super) const FILE: &str = "folders";
const MAGIC: &[u8; 8] = b"ribaofld";

/// What the file holds.
pub(super) struct Record {
    /// The checksum of the index found to match ([`super::Index::sum`]).
    pub index: u64,
    /// The scan's listing ([`crate::store::listing`]).
    pub listing: u64,
    /// Paths relative to the store, and change times.
    folders: Vec<(PathBuf, i64)>,
}

impl Record {
    /// Whether every folder still has its time (read on every core: a store may have a
    /// folder per day).
    pub fn unchanged(&self, root: &Path) -> bool {
        self.folders.par_iter().with_min_len(64).all(|(rel, time)| {
            fs::metadata(root.join(rel))
                .is_ok_and(|m| crate::file_stamp::nanos(crate::file_stamp::changed(&m)) == *time)
        })
    }
}

/// Notes in `dir` that the index with checksum `index` lists exactly the files `scan`
/// found, when its folders' times can be gone by: none changed just before the scan, and
/// nothing could not be read (else the file is left as it is; an older one still holds
/// true of the folders it names).
pub(super) fn save(dir: &Path, root: &Path, index: u64, scan: &Scan) -> std::io::Result<()> {
    let Some(folders) = scan.folders.settled().filter(|_| scan.problems.is_empty()) else {
        return Ok(());
    };
    let mut enc = Enc::default();
    enc.buf.extend_from_slice(MAGIC);
    enc.u64(index);
    enc.u64(crate::store::listing(&scan.files, &scan.problems));
    enc.u32(folders.len() as u32);
    for (path, time) in folders {
        let rel = path.strip_prefix(root).unwrap_or(path);
        enc.bytes(rel.as_os_str().as_encoded_bytes());
        enc.i64(*time);
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&enc.buf);
    enc.u64(sum);
    if crate::regular_file::read(&dir.join(FILE)).is_ok_and(|old| old == enc.buf) {
        return Ok(());
    }
    super::cache::replace_beside_index(dir, FILE, &enc.buf)
}

/// The record in `dir`; None when there is none, or it is damaged.
pub(super) fn load(dir: &Path) -> Option<Record> {
    let bytes = crate::regular_file::read(&dir.join(FILE)).ok()?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if !body.starts_with(MAGIC) || xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum[..] {
        return None;
    }
    let mut d = Dec::new(body, MAGIC.len());
    let index = d.u64().ok()?;
    let listing = d.u64().ok()?;
    let n = d.u32().ok()? as usize;
    let mut folders = Vec::with_capacity(n.min(body.len()));
    for _ in 0..n {
        let rel = path_from_bytes(&body[d.bytes().ok()?]);
        folders.push((rel, d.i64().ok()?));
    }
    Some(Record {
        index,
        listing,
        folders,
    })
}

#[cfg(test)]
mod tests {
    use super::super::cache::Cache;
    use crate::categories::{BUILTIN, Categorizer};
    use crate::library::Library;
    use crate::store::scan;
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    fn digest(day: &str) -> String {
        format!("# 测试日报 {day}\n\n## 产品\n\n1. {day} 的一个故事。\n")
    }

    /// A store of two folders, indexed, its folders noted as by a scan three seconds after
    /// they last changed (a unit test cannot wait for them to settle).
    fn noted(tmp: &tempfile::TempDir) -> (PathBuf, PathBuf, Cache) {
        let (store, root) = (tmp.path().join("store"), tmp.path().join("cache"));
        for (folder, day) in [("a", "2026-01-01"), ("b", "2026-01-02")] {
            fs::create_dir_all(store.join(folder)).unwrap();
            fs::write(store.join(folder).join(format!("{day}.md")), digest(day)).unwrap();
        }
        Library::load_dir(&store, Some(&root), &Categorizer::builtin(), &mut |_| {});
        let cache = Cache::new(&root, &store);
        note_settled(&store, &cache);
        (store, root, cache)
    }

    fn note_settled(store: &Path, cache: &Cache) {
        let mut found = scan(store);
        found.folders = found.folders.scanned_later(Duration::from_secs(3));
        cache.vouch(store, &cache.open(store).unwrap(), &found);
    }

    fn trusted(store: &Path, cache: &Cache) -> bool {
        cache.trusted(store, &Categorizer::builtin()).is_some()
    }

    #[test]
    fn the_index_is_gone_by_until_a_file_is_added_removed_or_renamed() {
        type Change = (&'static str, fn(&Path));
        let changes: [Change; 5] = [
            ("added", |s| {
                fs::write(s.join("a/2026-01-03.md"), digest("2026-01-03")).unwrap()
            }),
            ("removed", |s| {
                fs::remove_file(s.join("b/2026-01-02.md")).unwrap()
            }),
            ("renamed", |s| {
                fs::rename(s.join("a/2026-01-01.md"), s.join("a/2026-01-04.md")).unwrap()
            }),
            ("in a new folder", |s| {
                fs::create_dir(s.join("a/new")).unwrap();
                fs::write(s.join("a/new/2026-01-05.md"), digest("2026-01-05")).unwrap();
            }),
            ("beside the folders", |s| {
                fs::write(s.join("2026-01-06.md"), digest("2026-01-06")).unwrap()
            }),
        ];
        for (what, change) in changes {
            let tmp = tempfile::tempdir().unwrap();
            let (store, _, cache) = noted(&tmp);
            assert!(trusted(&store, &cache), "before a file is {what}");
            change(&store);
            assert!(!trusted(&store, &cache), "a file {what}");
        }
    }

    /// A rewrite in place moves no folder's time: the index is gone by, and the listing it
    /// gives differs from the store's, which is how the reader's watch sees the change.
    #[test]
    fn a_file_rewritten_in_place_is_left_to_the_look_at_every_file() {
        let tmp = tempfile::tempdir().unwrap();
        let (store, _, cache) = noted(&tmp);
        let (_, listing) = cache.trusted(&store, &Categorizer::builtin()).unwrap();
        let before = scan(&store);
        assert_eq!(
            listing,
            crate::store::listing(&before.files, &before.problems)
        );
        fs::write(
            store.join("a/2026-01-01.md"),
            digest("2026-01-01") + "补充。\n",
        )
        .unwrap();
        let (_, listing) = cache.trusted(&store, &Categorizer::builtin()).unwrap();
        let after = scan(&store);
        assert_ne!(
            listing,
            crate::store::listing(&after.files, &after.problems)
        );
    }

    #[test]
    fn folders_changed_just_before_the_scan_are_not_noted() {
        let tmp = tempfile::tempdir().unwrap();
        let (store, _, cache) = noted(&tmp);
        fs::remove_file(cache.dir().join(super::FILE)).unwrap();
        let found = scan(&store);
        cache.vouch(&store, &cache.open(&store).unwrap(), &found);
        assert!(!cache.dir().join(super::FILE).exists());
        assert!(!trusted(&store, &cache));
    }

    #[test]
    fn a_damaged_note_another_index_or_other_categories_are_not_gone_by() {
        let tmp = tempfile::tempdir().unwrap();
        let (store, root, cache) = noted(&tmp);
        let note = cache.dir().join(super::FILE);
        let good = fs::read(&note).unwrap();
        let mut damaged = good.clone();
        damaged[20] ^= 1;
        fs::write(&note, damaged).unwrap();
        assert!(!trusted(&store, &cache), "damaged");
        fs::write(&note, &good[..good.len() - 3]).unwrap();
        assert!(!trusted(&store, &cache), "cut short");
        fs::write(&note, &good).unwrap();
        assert!(trusted(&store, &cache));

        let other = Categorizer::from_toml(&format!("{BUILTIN}\n# edited\n")).unwrap();
        assert!(cache.trusted(&store, &other).is_none(), "other categories");

        // Another index: a file rewritten in place and indexed again (its folders, just
        // made, are not noted again).
        fs::write(
            store.join("a/2026-01-01.md"),
            digest("2026-01-01") + "补充。\n",
        )
        .unwrap();
        Library::load_dir(&store, Some(&root), &Categorizer::builtin(), &mut |_| {});
        assert_eq!(fs::read(&note).unwrap(), good);
        assert!(!trusted(&store, &cache), "another index");
        note_settled(&store, &cache);
        assert!(trusted(&store, &cache));
    }
}
