//! The command line: global options, the non-interactive subcommands, and the reader when no
//! subcommand is given. Every error names the file and what to do, on stderr.

mod paths;
mod report;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use paths::Paths;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "ribao",
    version,
    about = "A terminal reader for daily AI news digests (日报)"
)]
pub struct Cli {
    /// Folder of digest files (.md, .markdown, .txt), scanned recursively
    #[arg(long, global = true, env = "RIBAO_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// State file holding bookmarks, read marks and the last position
    #[arg(long, global = true, env = "RIBAO_STATE", value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Count ambiguous-width characters (“ ” … — ① ·) as two columns, as CJK terminal setups do
    #[arg(long, global = true, env = "RIBAO_AMBIGUOUS_WIDE")]
    pub ambiguous_wide: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Digests, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Items (stories), newest first, optionally narrowed
    Items {
        /// Only this date (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Only this category
        #[arg(long)]
        category: Option<String>,
        /// Only this publication
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One item as readable text
    Show {
        /// The item id from `ribao items`
        item_id: String,
        /// Wrap to this many columns (default: the terminal width, or 80)
        #[arg(long, value_name = "N")]
        width: Option<u16>,
    },
    /// Parse every file and report what was found; exit 1 if any file failed
    Check {
        #[arg(long)]
        json: bool,
    },
}

pub fn run() -> ExitCode {
    let paths = Paths::defaults();
    let command = Cli::command().after_help(paths.help_text());
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match dispatch(cli, &paths) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ribao: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli, paths: &Paths) -> anyhow::Result<ExitCode> {
    let library = paths.load_library(cli.store.as_deref())?;
    let opts = crate::text::TextOptions {
        ambiguous_wide: cli.ambiguous_wide,
    };
    match cli.command {
        Some(Command::List { json }) => report::list(&library, json),
        Some(Command::Items {
            date,
            category,
            source,
            json,
        }) => report::items(
            &library,
            &report::ItemFilter {
                date,
                category,
                source,
            },
            json,
        ),
        Some(Command::Show { item_id, width }) => report::show(&library, &item_id, width, opts),
        Some(Command::Check { json }) => report::check(&library, json),
        None => report::list(&library, false),
    }
}
