//! Where the store and the state file are: options, environment, then the platform's data
//! folder (`directories`).

use super::report::{say, warn};
use crate::categories::Categorizer;
use crate::library::{Library, Look, Pending, Progress};
use anyhow::bail;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Clone)]
pub struct Paths {
    /// `<data dir>/digests`; None on systems with no home folder.
    pub default_store: Option<PathBuf>,
    pub default_state: Option<PathBuf>,
    /// Where the user's own `categories.toml` goes.
    pub config_dir: Option<PathBuf>,
    /// Where the index of each store is kept (disposable).
    pub default_cache: Option<PathBuf>,
}

impl Paths {
    pub fn defaults() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "ribao");
        Paths {
            default_store: dirs.as_ref().map(|d| d.data_dir().join("digests")),
            default_state: dirs.as_ref().map(|d| d.data_dir().join("state.json")),
            config_dir: dirs.as_ref().map(|d| d.config_dir().to_path_buf()),
            default_cache: dirs.as_ref().map(|d| d.cache_dir().to_path_buf()),
        }
    }

    /// What `--help` says after the options: the default folders and files, and the one in
    /// use where a variable names another (tester AU: with RIBAO_STATE set, only the default
    /// was named, which was not the file in use).
    pub fn help_text(&self) -> String {
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("(no home folder)".into(), |p| p.display().to_string())
        };
        let in_use = |var: &str| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(|v| {
                    format!(
                        "\n\x20                   {var} is set: {} is used",
                        Path::new(&v).display()
                    )
                })
                .unwrap_or_default()
        };
        format!(
            "Default store:      {}\n\
             \x20                   used when --store / RIBAO_STORE is not given; while it holds no\n\
             \x20                   digests, the built-in samples are shown{}\n\
             Default state file: {}{}\n\
             Categories table:   {}\n\
             \x20                   optional: `ribao categories > FILE` writes the built-in table there\n\
             \x20                   (its folder made first: mkdir -p), to change how categories are\n\
             \x20                   grouped\n\
             Default cache:      {}\n\
             \x20                   disposable; rebuilt when missing or stale{}",
            show(&self.default_store),
            in_use("RIBAO_STORE"),
            show(&self.default_state),
            in_use("RIBAO_STATE"),
            show(
                &self
                    .config_dir
                    .as_ref()
                    .map(|d| d.join(crate::categories::FILE_NAME))
            ),
            show(&self.default_cache),
            in_use("RIBAO_CACHE_DIR"),
        )
    }

    /// The library with the user's categories table applied (a broken table is reported),
    /// indexed completely: what the subcommands read.
    pub fn load_library(
        &self,
        explicit: Option<&Path>,
        cache: Option<&Path>,
    ) -> anyhow::Result<Library> {
        let (categorizer, _) = self.categorizer();
        let cache = cache.or(self.default_cache.as_deref());
        let load = |dir: &Path| {
            let progress = Progress::default();
            let finished = AtomicBool::new(false);
            std::thread::scope(|s| {
                let shown = std::io::stderr()
                    .is_terminal()
                    .then(|| s.spawn(|| show_progress(&progress, &finished)));
                let library =
                    Library::load_dir_counting(dir, cache, &categorizer, &progress, &mut |w| {
                        warn(w)
                    });
                finished.store(true, Ordering::Relaxed);
                if let Some(shown) = shown {
                    shown.thread().unpark();
                }
                library
            })
        };
        Ok(match self.store(explicit)? {
            Store::Dir(dir) => load(&dir),
            Store::Default(dir) => {
                let library = load(&dir);
                if holds_nothing(&library) {
                    Library::samples(dir, &categorizer)
                } else {
                    library
                }
            }
            Store::Samples(dir) => Library::samples(dir, &categorizer),
        })
    }

    /// For the reader, which starts before new files are indexed: the library as far as the
    /// index knows it, and the indexing left to do. Prints nothing (it also runs while the
    /// reader is on screen); `categorizer` is shared with the indexing thread.
    pub fn open_library(
        &self,
        explicit: Option<&Path>,
        cache: Option<&Path>,
        categorizer: std::sync::Arc<Categorizer>,
        look: Look,
    ) -> anyhow::Result<(Library, Option<Pending>)> {
        let cache = cache.or(self.default_cache.as_deref());
        Ok(match self.store(explicit)? {
            Store::Dir(dir) => Library::open_dir(&dir, cache, categorizer, look),
            Store::Default(dir) => {
                let (library, pending) = Library::open_dir(&dir, cache, categorizer.clone(), look);
                if holds_nothing(&library) {
                    let mut samples = Library::samples(dir, &categorizer);
                    // What the store held when found empty is where its watch starts: a
                    // digest put there in the watch's first second was never seen.
                    samples.listing = library.listing;
                    (samples, None)
                } else {
                    (library, pending)
                }
            }
            Store::Samples(dir) => (Library::samples(dir, &categorizer), None),
        })
    }

    /// The user's categories table, or the built-in one (a broken table is reported, and
    /// the report returned too).
    pub fn categorizer(&self) -> (Categorizer, Option<String>) {
        let (categorizer, warning) = Categorizer::load(self.config_dir.as_deref());
        if let Some(w) = &warning {
            warn(w);
        }
        (categorizer, warning)
    }

    /// An explicit store must exist; the default one falls back to the built-in samples
    /// while it is missing or empty.
    fn store(&self, explicit: Option<&Path>) -> anyhow::Result<Store> {
        if let Some(dir) = explicit {
            // As typed, what is invisible in it written out (tester DB: `nope\e[2J` was said
            // as `nope`, a folder not named).
            let named = crate::text::visible(&dir.display().to_string()).into_owned();
            let meta = std::fs::metadata(dir).map_err(|e| {
                let tilde = unexpanded_tilde(dir);
                anyhow::anyhow!(
                    "store folder {named} cannot be opened: {}; check the --store / RIBAO_STORE \
                     path{tilde}",
                    crate::io_error::in_words_at(&e, dir)
                )
            })?;
            if !meta.is_dir() {
                bail!(
                    "store {named} is a file, not a folder of digests; pass the folder that holds \
                     them"
                );
            }
            readable(dir, &format!("store folder {named}"))?;
            return Ok(Store::Dir(resolved(dir)?));
        }
        Ok(match &self.default_store {
            // One behind a folder that cannot be read is no missing one (tester DU: the
            // samples were shown in its place).
            Some(d)
                if d.is_dir()
                    || std::fs::metadata(d)
                        .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied) =>
            {
                readable(d, &format!("the default store {}", d.display()))?;
                Store::Default(resolved(d)?)
            }
            // Something else where the folder or one above it is to be: the samples' advice
            // to put digests there could not be followed (testers CS, CT: a file, a link to
            // itself, a file where `~/.local/share/ribao` goes).
            Some(d) if let Some(other) = in_the_way(d) => bail!(
                "the default store {} cannot be made: {} is not a folder (a file, or a link \
                 that leads nowhere); move it away, or pass --store DIR",
                d.display(),
                other.display()
            ),
            Some(d) => Store::Samples(d.clone()),
            None => Store::Samples(PathBuf::from("digests")),
        })
    }
}

/// What to say of a path that starts with a `~` the shell left as it is, after `=` and in
/// quotes (tester DS: `--store=~/x` was said not to be there, unexplained; tester DU: a
/// `--state` so made a folder named `~`): nothing for another path.
pub(crate) fn unexpanded_tilde(path: &Path) -> &'static str {
    match path.starts_with("~") {
        true => " (a `~` the shell left as it is, after `=` or in quotes: write $HOME)",
        false => "",
    }
}

/// Whether `dir`, the store `named` so, can be read: an unreadable folder would look empty
/// (tester DS: the default store's was listed as a file of no name, `FAIL  : cannot read`,
/// and the samples' advice to put digests in it stood).
fn readable(dir: &Path, named: &str) -> anyhow::Result<()> {
    match std::fs::read_dir(dir) {
        Ok(_) => Ok(()),
        Err(e) => bail!(
            "{named} cannot be read: {}; make it readable, or name another with --store DIR",
            crate::io_error::in_words(&e)
        ),
    }
}

/// What stands where `dir` or a folder above it is to be: the nearest of them there, when it
/// is no folder.
fn in_the_way(dir: &Path) -> Option<&Path> {
    let there = dir
        .ancestors()
        .find(|a| std::fs::symlink_metadata(a).is_ok())?;
    (!there.is_dir()).then_some(there)
}

/// The store folder `dir` as the file system resolves it: absolute, as bookmarks keep their
/// file's path, which must hold from any folder; and one path however the store is named
/// (by way of `..`, or of a link), or every bookmark made under another name of it seemed
/// moved, and was rewritten (testers Q, AR).
fn resolved(dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::canonicalize(dir).map_err(|e| {
        anyhow::anyhow!(
            "store folder {} cannot be found: {}",
            dir.display(),
            crate::io_error::in_words_at(&e, dir)
        )
    })
}

/// `dir` without `.` and `..` (`/home/me/x/../digests` → `/home/me/digests`), as a path a
/// hand edit wrote. Where a link makes `..` lead elsewhere, it stays as it was given.
pub(super) fn without_dots(dir: PathBuf) -> PathBuf {
    use std::path::Component;
    let mut clean = PathBuf::new();
    for part in dir.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let same = |a: &Path, b: &Path| {
        std::fs::canonicalize(a)
            .ok()
            .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
    };
    match same(&clean, &dir) {
        true => clean,
        false => dir,
    }
}

enum Store {
    /// Given with --store / RIBAO_STORE.
    Dir(PathBuf),
    /// The default folder, which exists (the samples stand in while it holds nothing).
    Default(PathBuf),
    /// No store yet: the samples, and where digests should go.
    Samples(PathBuf),
}

/// Shows how far indexing is on stderr (a terminal) until `finished`, then clears the line.
/// Nothing shows when the index was up to date or indexing ends within the first tick.
fn show_progress(progress: &Progress, finished: &AtomicBool) {
    let mut shown = false;
    loop {
        std::thread::park_timeout(std::time::Duration::from_millis(200));
        if finished.load(Ordering::Relaxed) {
            break;
        }
        if progress.counts().1 > 0 {
            say(format_args!("\r\x1b[Kribao: {}…", progress.label()));
            shown = true;
        }
    }
    if shown {
        say("\r\x1b[K");
    }
}

/// A default store that holds nothing, no digest and no file it could not read, is shown as
/// the built-in samples.
fn holds_nothing(library: &Library) -> bool {
    library.digests().is_empty() && library.skipped_files() == 0
}
