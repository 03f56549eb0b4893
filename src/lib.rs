//! ribao: a terminal reader for daily AI news digests.
//!
//! IO lives at the edges (`store`, `state`, `tui::terminal`); the middle is pure.

pub mod article;
pub mod categories;
pub mod cli;
pub mod fault;
pub mod file_stamp;
pub mod index;
pub mod io_error;
pub mod library;
pub mod memory;
pub mod model;
pub mod parse;
pub mod regular_file;
pub mod samples;
pub mod search;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
