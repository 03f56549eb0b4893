//! An io error in words for the user, without Rust's "(os error 13)": shared by the store
//! scan and the state file, so both say the same thing for the same cause.

use std::io;
use std::path::Path;

/// [`in_words`], for an error met at `path`, naming the file that stands in the way of a
/// folder on the way to it (tester BD: `…/cache/index/ee6dcd46f561: a file is in the way` did
/// not say the file was `…/cache`).
pub fn in_words_at(error: &io::Error, path: &Path) -> String {
    let blocked = matches!(
        error.kind(),
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists
    );
    // Among its folders only: the path itself is the file or folder asked for. Looked for
    // only where the error says something is in the way.
    let in_the_way = blocked
        .then(|| path.ancestors().skip(1))
        .into_iter()
        .flatten()
        .find(|folder| folder.metadata().is_ok_and(|m| !m.is_dir()));
    match in_the_way {
        Some(file) => format!(
            "{} is a file, where a folder is needed",
            crate::text::visible(&file.display().to_string())
        ),
        _ => in_words(error),
    }
}

pub fn in_words(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        // Creating folders reports a file standing where a folder is needed as AlreadyExists.
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists => {
            "a file is in the way of a folder in its path".into()
        }
        io::ErrorKind::IsADirectory => "a folder is in the way of the file".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        io::ErrorKind::FileTooLarge => "the file would be larger than the system allows".into(),
        _ => {
            let s = error.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_in_the_way_of_a_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        std::fs::write(&file, "in the way").unwrap();
        let path = file.join("index/ab12");
        let error = std::fs::create_dir_all(&path).unwrap_err();
        assert_eq!(
            in_words_at(&error, &path),
            format!("{} is a file, where a folder is needed", file.display())
        );
        // Another error at a path with no file in its way is said as it is.
        let missing = dir.path().join("gone/state.json");
        let error = std::fs::read(&missing).unwrap_err();
        assert_eq!(in_words_at(&error, &missing), "no such file or folder");
    }
}
