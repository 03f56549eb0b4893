//! ribao: a terminal reader for daily AI news digests.
//!
//! IO lives at the edges (`store`, `state`, `tui::terminal`); the middle is pure.

pub mod model;
pub mod cli;
pub mod library;
pub mod parse;
pub mod samples;
pub mod store;
pub mod state;
pub mod text;
pub mod textshim;
