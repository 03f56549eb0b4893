//! What the measuring examples share: the store named on their command line.

use std::path::{Path, PathBuf};

/// The files ribao itself would read in the store named by the first argument; exits with
/// `usage` when there is none.
pub fn store_files(usage: &str) -> Vec<PathBuf> {
    let Some(store) = std::env::args_os().nth(1) else {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    };
    let scan = ribao::store::scan(Path::new(&store));
    scan.files.into_iter().map(|f| f.path).collect()
}
