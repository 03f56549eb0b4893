//! The index cache is safe: whatever happens to the store or to the cache between two runs,
//! what ribao shows equals what it shows with no cache at all.

mod common;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

struct Setup {
    _tmp: tempfile::TempDir,
    store: PathBuf,
    cache: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        fs::create_dir_all(store.join("brief")).unwrap();
        let brief = "brief/2026-02-03.md";
        fs::copy(
            common::fixtures().join("store").join(brief),
            store.join(brief),
        )
        .unwrap();
        for (name, _) in ribao::samples::SAMPLES {
            fs::write(store.join(name), sample(name)).unwrap();
        }
        let cache = tmp.path().join("cache");
        Setup {
            _tmp: tmp,
            store,
            cache,
        }
    }

    fn run_with(&self, cache: &Path, args: &[&str]) -> Output {
        let home = tempfile::tempdir().unwrap();
        common::command(home.path())
            .args(args)
            .arg("--store")
            .arg(&self.store)
            .arg("--cache-dir")
            .arg(cache)
            .output()
            .unwrap()
    }

    /// `items --json` through the cache, checked against a run with a new, empty cache.
    fn items(&self) -> serde_json::Value {
        let cached = common::json(&self.run_with(&self.cache, &["items", "--json"]));
        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh = common::json(&self.run_with(fresh_dir.path(), &["items", "--json"]));
        assert_eq!(cached, fresh, "the cached index differs from a fresh one");
        cached
    }

    fn index_files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = walk(&self.cache);
        out.sort();
        out
    }

    /// The index's text files (one, but for a run that was stopped).
    fn text_files(&self) -> Vec<PathBuf> {
        let text = |p: &PathBuf| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("text-")
        };
        self.index_files().into_iter().filter(text).collect()
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.flatten()
        .flat_map(|e| {
            let p = e.path();
            if p.is_dir() { walk(&p) } else { vec![p] }
        })
        .collect()
}

fn sample(name: &str) -> &'static str {
    ribao::samples::SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1
}

fn titles(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

fn paths(v: &serde_json::Value) -> std::collections::BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

/// A time clearly different from now, so an edit is seen even within one clock tick.
fn touch_later(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() + Duration::from_secs(120))
        .unwrap();
}

/// An edit that keeps the size and puts the modification time back (`touch -r`, some sync
/// tools) is still seen: files are known by their change time, which no tool sets back.
#[cfg(unix)]
#[test]
fn an_edit_with_its_modification_time_put_back_shows_its_new_content() {
    let s = Setup::new();
    let path = s.store.join("brief/2026-02-03.md");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let title = retitle_keeping_length(&s, &path);
    let f = fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(modified).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    let after = s.items();
    assert!(!titles(&after).contains(&title), "old title still shown");
    assert!(titles(&after).iter().any(|t| t.starts_with("测测")));
}

/// Indexes the store, then gives a story of the file at `path` a title of 测 of the same
/// length, the file's size kept; the title it had.
fn retitle_keeping_length(s: &Setup, path: &Path) -> String {
    let before = s.items();
    let text = fs::read_to_string(path).unwrap();
    let title = titles(&before)
        .into_iter()
        .find(|t| text.contains(t.as_str()))
        .expect("a title of the edited file");
    let edited = text.replacen(&title, &"测".repeat(title.len() / 3), 1);
    let edited = format!("{edited}{}", " ".repeat(text.len() - edited.len()));
    assert_eq!(edited.len(), text.len());
    fs::write(path, &edited).unwrap();
    title
}

fn meta_file(s: &Setup) -> PathBuf {
    s.index_files()
        .into_iter()
        .find(|p| p.file_name().unwrap() == "index.bin")
        .expect("an index was written")
}

#[test]
fn the_cache_is_written_and_reused() {
    let s = Setup::new();
    let first = s.items();
    let meta = meta_file(&s);
    let written = fs::metadata(&meta).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(s.items(), first);
    assert_eq!(
        fs::metadata(&meta).unwrap().modified().unwrap(),
        written,
        "an unchanged store must not rewrite the index"
    );
}

#[test]
fn an_edited_file_shows_its_new_content() {
    let s = Setup::new();
    let path = s.store.join("brief/2026-02-03.md");
    // Same length, different text: only the time tells.
    let title = retitle_keeping_length(&s, &path);
    touch_later(&path);
    let after = s.items();
    assert!(!titles(&after).contains(&title), "old title still shown");
    assert!(titles(&after).iter().any(|t| t.starts_with("测测")));
    // The story's body is read from the edited file too.
    let id = after
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with("测测"));
    let id = id.unwrap()["id"].as_str().unwrap().to_string();
    let shown = s.run_with(&s.cache, &["show", &id, "--width", "80"]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.starts_with("测测") && !shown.contains(title.as_str()),
        "{shown}"
    );
}

#[test]
fn added_deleted_and_renamed_files_are_seen() {
    let s = Setup::new();
    let before = paths(&s.items());
    // Another day's brief (a copy of the same day would repeat its stories, listed once).
    let extra = s.store.join("brief/2026-02-09.md");
    let text = fs::read_to_string(s.store.join("brief/2026-02-03.md")).unwrap();
    fs::write(&extra, text.replace("2026年02月03日", "2026年02月09日")).unwrap();
    let added = paths(&s.items());
    assert!(added.contains(&extra.display().to_string()));
    assert!(added.len() > before.len());

    fs::remove_file(&extra).unwrap();
    assert_eq!(paths(&s.items()), before);

    let (name, _) = ribao::samples::SAMPLES[0];
    let renamed = s.store.join("renamed.md");
    fs::rename(s.store.join(name), &renamed).unwrap();
    let after = paths(&s.items());
    assert!(after.contains(&renamed.display().to_string()));
    assert!(!after.contains(&s.store.join(name).display().to_string()));
}

#[test]
fn a_half_written_index_left_by_a_killed_run_is_removed_by_the_next_write() {
    let s = Setup::new();
    s.items();
    let meta = meta_file(&s);
    let left = meta.with_file_name("index.bin.4242.tmp");
    fs::write(&left, vec![0u8; 4096]).unwrap();
    // Unchanged store: nothing is written, and nothing is touched.
    s.items();
    assert!(left.exists());
    fs::write(
        s.store.join("2026-02-10.md"),
        sample(ribao::samples::SAMPLES[1].0),
    )
    .unwrap();
    s.items();
    assert!(!left.exists(), "{:?}", s.index_files());
    assert!(meta_file(&s).exists());
}

/// Texts a ribao stopped while indexing had appended to the text file, which no index
/// refers to, are cut off by the next run that writes: stopped runs do not grow the cache.
#[test]
fn texts_of_a_stopped_run_do_not_stay_in_the_cache() {
    let s = Setup::new();
    let add = |name: &str| {
        let text = sample(ribao::samples::SAMPLES[1].0).replace("2026", "2025");
        fs::write(s.store.join(name), text).unwrap();
        s.items();
    };
    add("2025-02-10.md");
    let text = s.text_files().remove(0);
    let before = fs::metadata(&text).unwrap().len();
    add("2025-02-11.md");
    let one_more = fs::metadata(&text).unwrap().len() - before;
    fs::remove_file(s.store.join("2025-02-11.md")).unwrap();
    s.items();
    // What a run killed while indexing leaves.
    let mut f = fs::File::options().append(true).open(&text).unwrap();
    std::io::Write::write_all(&mut f, &vec![b'x'; 1 << 20]).unwrap();
    add("2025-02-11.md");
    assert_eq!(s.text_files().len(), 1);
    assert_eq!(fs::metadata(&text).unwrap().len(), before + 2 * one_more);
}

#[test]
fn a_damaged_cache_is_rebuilt() {
    let s = Setup::new();
    let good = s.items();
    let meta = meta_file(&s);
    let bytes = fs::read(&meta).unwrap();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("garbage", vec![0xa5; bytes.len()]),
        ("a flipped byte", {
            let mut b = bytes.clone();
            let at = b.len() / 3;
            b[at] ^= 0x40;
            b
        }),
        ("another version", {
            let mut b = bytes.clone();
            b[8] = b[8].wrapping_add(1);
            b
        }),
    ];
    for (what, damaged) in damages {
        fs::write(&meta, &damaged).unwrap();
        assert_eq!(s.items(), good, "after {what}");
        let rebuilt = fs::read(meta_file(&s)).unwrap();
        assert_ne!(rebuilt, damaged, "{what}: the damaged file was kept");
    }
    // The text file cut short: noticed and rebuilt.
    for text in s.text_files() {
        let f = fs::File::options().write(true).open(&text).unwrap();
        f.set_len(10).unwrap();
    }
    assert_eq!(s.items(), good, "after a truncated text file");
    let search = s.run_with(&s.cache, &["search", "英伟达", "--json"]);
    assert!(search.status.success());
}

/// A pipe in place of a cache file is not waited on: the cache is rebuilt (or read past) at
/// once (tester DF: with one at `index.bin`, `verified`, `folders` or the text file, every
/// command and the reader hung).
#[cfg(unix)]
#[test]
fn a_pipe_in_the_cache_is_not_waited_on() {
    let s = Setup::new();
    let good = s.items();
    let dir = meta_file(&s).parent().unwrap().to_path_buf();
    for name in ["index.bin", "verified", "folders", "aliases.json", "text"] {
        // The text file the index names now, rewritten by the run before.
        let files = match name {
            "text" => s.text_files(),
            _ => vec![dir.join(name)],
        };
        for file in files {
            let _ = fs::remove_file(&file);
            let made = std::process::Command::new("mkfifo").arg(&file).status();
            if !made.is_ok_and(|m| m.success()) {
                return;
            }
        }
        let (sent, listed) = std::sync::mpsc::channel();
        let (store, cache) = (s.store.clone(), s.cache.clone());
        std::thread::spawn(move || {
            let home = tempfile::tempdir().unwrap();
            let out = common::command(home.path())
                .args(["items", "--json", "--store"])
                .arg(&store)
                .arg("--cache-dir")
                .arg(&cache)
                .output()
                .unwrap();
            sent.send(out).unwrap();
        });
        let out = listed.recv_timeout(Duration::from_secs(20));
        let out = out.unwrap_or_else(|_| panic!("{name:?}: the command waited on the pipe"));
        assert_eq!(common::json(&out), good, "{name:?}");
    }
}

#[test]
fn damage_inside_the_text_file_is_noticed_and_rebuilt() {
    let s = Setup::new();
    s.items();
    let search = |word: &str| {
        let out = s.run_with(&s.cache, &["search", word, "--json"]);
        String::from_utf8(out.stdout).unwrap()
    };
    let before = search("模型");
    assert!(before.contains("snippet"), "{before}");
    let text = s.text_files().remove(0);
    let mut bytes = fs::read(&text).unwrap();
    for b in &mut bytes[..] {
        *b ^= 0x20;
    }
    // Written in place, its modification time put back: only the change time tells.
    let modified = fs::metadata(&text).unwrap().modified().unwrap();
    fs::write(&text, &bytes).unwrap();
    let f = fs::File::options().write(true).open(&text).unwrap();
    f.set_modified(modified).unwrap();
    assert_eq!(search("模型"), before, "search read the damaged text");
}

#[test]
fn two_processes_building_at_once_do_not_corrupt_it() {
    for round in 0..4 {
        let s = Setup::new();
        let spawn = || {
            let home = tempfile::tempdir().unwrap();
            let child = common::command(home.path())
                .args(["items", "--json", "--store"])
                .arg(&s.store)
                .arg("--cache-dir")
                .arg(&s.cache)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (home, child)
        };
        let a = spawn();
        let b = spawn();
        let c = spawn();
        let outs: Vec<serde_json::Value> = [a, b, c]
            .into_iter()
            .map(|(_home, child)| common::json(&child.wait_with_output().unwrap()))
            .collect();
        let expected = s.items();
        for o in &outs {
            assert_eq!(o, &expected, "round {round}");
        }
        let texts = s.text_files().len();
        assert_eq!(texts, 1, "round {round}: stale text files left behind");
    }
}

/// A story retitled in its file (its id is made from its title) is found by the id it had,
/// whether this ribao brings the index up to date or finds one an earlier ribao wrote.
#[test]
fn a_retitled_story_is_found_by_the_id_it_had() {
    for earlier in [false, true] {
        let s = Setup::new();
        let before = s.items();
        let path = s.store.join("brief/2026-02-03.md");
        let text = fs::read_to_string(&path).unwrap();
        let row = before
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["url"].is_string() && text.contains(r["title"].as_str().unwrap()))
            .expect("a story of the file with a link");
        let id = row["id"].as_str().unwrap().to_string();
        let title = row["title"].as_str().unwrap().to_string();
        if earlier {
            // As an earlier ribao would have left it: another format version.
            let meta = meta_file(&s);
            let mut bytes = fs::read(&meta).unwrap();
            let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
            bytes[8..12].copy_from_slice(&(version - 1).to_le_bytes());
            fs::write(&meta, bytes).unwrap();
        }
        fs::write(&path, text.replacen(&title, &format!("{title}（更新）"), 1)).unwrap();
        touch_later(&path);
        let after = s.items();
        assert!(
            !after
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == id.as_str()),
            "the story has a new id"
        );
        let shown = s.run_with(&s.cache, &["show", &id, "--width", "80"]);
        assert!(
            shown.status.success(),
            "earlier: {earlier}: {}",
            String::from_utf8_lossy(&shown.stderr)
        );
        let shown = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.contains("（更新）"), "earlier: {earlier}: {shown}");
    }
}

/// A story without a link keeps its id when it is retitled: under a heading the author
/// changed, by its text; when the author edits the lead its title is made from (so its text
/// changes too), by its place, as the only story gone and the only one new.
#[test]
fn a_retitled_story_without_a_link_is_found_by_the_id_it_had() {
    let edits = [
        (
            "## 长上下文 API 一周三降：主流厂商报价对比",
            "## 长上下文 API 价格一周三降",
        ),
        (
            "**某视频平台上线 AI 多语种配音**",
            "**某视频平台推出 AI 多语种配音**",
        ),
    ];
    for (old, new) in edits {
        let s = Setup::new();
        let path = s.store.join("2026-01-24-ai-daily.md");
        let old_title = old.trim_start_matches("## ").trim_matches('*');
        let new_title = new.trim_start_matches("## ").trim_matches('*');
        let before = s.items();
        let row = before
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"] == old_title)
            .expect("the story is listed");
        assert!(row["url"].is_null(), "{old_title} has no link");
        let id = row["id"].as_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(old));
        fs::write(&path, text.replacen(old, new, 1)).unwrap();
        touch_later(&path);
        let after = s.items();
        assert!(
            titles(&after).iter().any(|t| t == new_title),
            "retitled: {:?}",
            titles(&after)
        );
        let shown = s.run_with(&s.cache, &["show", &id, "--width", "80"]);
        assert!(
            shown.status.success(),
            "{new_title}: {}",
            String::from_utf8_lossy(&shown.stderr)
        );
        let shown = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.contains(new_title), "{shown}");
    }
}

/// A reader's first step on a large first run indexes the newest files; when another ribao
/// indexed the whole store meanwhile (while this one waited for the lock), that index is
/// taken whole: nothing is dropped, and nothing is parsed again.
#[test]
fn a_first_step_takes_the_whole_index_another_ribao_built_meanwhile() {
    use ribao::categories::Categorizer;
    use ribao::library::{Library, Look};
    let tmp = tempfile::tempdir().unwrap();
    let (store, cache) = (tmp.path().join("store"), tmp.path().join("cache"));
    fs::create_dir(&store).unwrap();
    for n in 0..80 {
        let day = format!("2026-{:02}-{:02}", n / 28 + 1, n % 28 + 1);
        let text = format!("# 测试日报 {day}\n\n## 产品\n\n1. 第{n}家公司发布新模型。\n");
        fs::write(store.join(format!("{day}.md")), text).unwrap();
    }
    let (_, pending) = Library::open_dir(
        &store,
        Some(&cache),
        Categorizer::builtin().into(),
        Look::Files,
    );
    let pending = pending.expect("a first run has files to index");
    // Another ribao indexes everything before this one's first step gets the lock.
    let other = Library::load_dir(&store, Some(&cache), &Categorizer::builtin(), &mut |_| {});
    assert_eq!(other.digests().len(), 80);
    let progress = pending.progress.clone();
    let (library, rest) = pending.step();
    assert!(rest.is_none(), "nothing is left to index");
    assert_eq!(library.digests().len(), 80);
    assert_eq!(library.pending_count(), 0);
    assert_eq!(progress.counts().0, 0, "nothing was parsed again");
}

/// A cache folder named inside the store is not written (ribao writes nothing under the
/// store): said, and every file read instead, the store left as it was (tester AR: `index/`
/// was made in it). Named through a link to the store, it is found inside too.
#[test]
fn a_cache_folder_inside_the_store_is_not_written() {
    let s = Setup::new();
    let mut before = walk(&s.store);
    before.sort();
    let link = s.store.with_file_name("link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&s.store, &link).unwrap();
    for cache in [s.store.join("cache"), s.store.clone(), link.join("a/cache")] {
        let out = s.run_with(&cache, &["list", "--json"]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("inside the store, which ribao never writes to")
                && said.contains("reading every file instead"),
            "{}: {said}",
            cache.display()
        );
        let listed = common::json(&out);
        assert_eq!(listed.as_array().unwrap().len(), before.len());
        let mut now = walk(&s.store);
        now.sort();
        assert_eq!(now, before);
    }
}
