//! Where the store and the state file are: options, environment, then the platform's data
//! folder (`directories`).

use crate::library::Library;
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

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

    pub fn help_text(&self) -> String {
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("(no home folder)".into(), |p| p.display().to_string())
        };
        format!(
            "Default store:      {}  (used when --store / RIBAO_STORE is not given;\n                    \
             while it holds no digests, the built-in samples are shown)\n\
             Default state file: {}\n\
             Categories table:   {}  (optional; copy assets/categories.toml there to change\n                    \
             how categories are grouped)\n\
             Index cache:        {}  (disposable; rebuilt when missing or stale)",
            show(&self.default_store),
            show(&self.default_state),
            show(
                &self
                    .config_dir
                    .as_ref()
                    .map(|d| d.join(crate::categories::FILE_NAME))
            ),
            show(&self.default_cache)
        )
    }

    /// The library with the user's categories table applied (a broken table is reported).
    /// An explicit store must exist; the default one falls back to the built-in samples
    /// while it is missing or empty.
    pub fn load_library(
        &self,
        explicit: Option<&Path>,
        cache: Option<&Path>,
    ) -> anyhow::Result<Library> {
        let (categorizer, warning) =
            crate::categories::Categorizer::load(self.config_dir.as_deref());
        if let Some(w) = warning {
            eprintln!("ribao: {w}");
        }
        let cache = cache.or(self.default_cache.as_deref());
        let load = |dir: &Path| {
            Library::load_dir(dir, cache, &categorizer, &mut |w| eprintln!("ribao: {w}"))
        };
        if let Some(dir) = explicit {
            let meta = std::fs::metadata(dir).with_context(|| {
                format!(
                    "store folder {} cannot be opened; check the --store / RIBAO_STORE path",
                    dir.display()
                )
            })?;
            if !meta.is_dir() {
                bail!(
                    "store {} is a file, not a folder of digests; pass the folder that holds them",
                    dir.display()
                );
            }
            return Ok(load(dir));
        }
        let Some(default) = &self.default_store else {
            return Ok(Library::samples(PathBuf::from("digests"), &categorizer));
        };
        if default.is_dir() {
            let library = load(default);
            if !library.digests().is_empty() || !library.problems.is_empty() {
                return Ok(library);
            }
        }
        Ok(Library::samples(default.clone(), &categorizer))
    }
}
