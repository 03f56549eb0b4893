//! An io error in words for the user, without Rust's "(os error 13)": shared by the store
//! scan and the state file, so both say the same thing for the same cause.

use std::io;

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
