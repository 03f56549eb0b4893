//! The command line: global options, the non-interactive subcommands, and the reader when no
//! subcommand is given. Every error names the file and what to do, on stderr.

mod bookmarks;
mod json;
mod paths;
mod report;
mod table;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use paths::Paths;
use report::warn;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the options every subcommand takes are listed, apart from its own.
const GLOBAL: &str = "Global options";

#[derive(Parser, Debug)]
#[command(
    name = "ribao",
    version,
    about = "A terminal reader for daily AI news digests (日报)",
    // A wrapper script's `--store` can be overridden by the one typed after it.
    args_override_self = true
)]
pub struct Cli {
    /// Folder of digest files (.md, .markdown, .txt), scanned recursively
    // hide_env_values: unset, clap wrote `[env: RIBAO_STORE=]`, which read as set to nothing.
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "RIBAO_STORE",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub store: Option<PathBuf>,
    /// State file holding bookmarks, read marks and the last position
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "RIBAO_STATE",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub state: Option<PathBuf>,
    /// Folder for the index cache (default: the platform's cache folder)
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "RIBAO_CACHE_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub cache_dir: Option<PathBuf>,
    /// Count ambiguous-width characters (“ ” … — ① ·) as two columns, as CJK terminal setups do
    /// (RIBAO_AMBIGUOUS_WIDE takes 1/0, yes/no, on/off, true/false)
    #[arg(long, global = true, help_heading = GLOBAL, env = "RIBAO_AMBIGUOUS_WIDE", hide_env_values = true,
          value_parser = clap::builder::BoolishValueParser::new(),
          action = clap::ArgAction::SetTrue)]
    pub ambiguous_wide: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Digests, newest first
    List {
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Items (stories), newest first, optionally narrowed
    Items {
        #[command(flatten)]
        filters: Filters,
        /// Only the stories of this digest (an id from `ribao list`, or 4 or more characters
        /// that start it and no other digest's)
        #[arg(long, value_name = "ID", value_parser = digest_id)]
        digest: Option<String>,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// One item as readable text
    Show {
        /// The item id from `ribao items` (or 4 or more characters that start it and no other
        /// story's)
        item_id: String,
        /// Wrap to this many columns, 20 or more (default: COLUMNS where it is set, else the
        /// terminal width, else 80)
        #[arg(long, value_name = "N", conflicts_with = "json", value_parser = columns)]
        width: Option<u16>,
        /// Print the story as one JSON object, with its text as Markdown
        #[arg(long)]
        json: bool,
    },
    /// Find stories: all words must match (Latin ones whole, in any form: agent finds agents;
    /// word* and a single letter find the words they start), one of those with OR between
    /// them; "a phrase", -excluded, source:/category:/date: narrow (two of a kind take either)
    Search {
        /// e.g. 英伟达 date:2026-01. Each shell argument is a word; one argument with spaces in
        /// it (`"open source"`) is a phrase, unless it holds a filter, OR or -word too (then it
        /// is read as a query typed in the reader)
        // A `-word` comes as [`EXCLUDED`] and the word (see `exclusions_as_words`).
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        // Each is its filter in the query (see `dispatch`).
        #[command(flatten)]
        filters: Filters,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Bookmarked stories, last bookmarked first
    Bookmarks {
        /// Print one JSON array
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// A ready-to-paste list: `- [title](url) — source, date`
        #[arg(long)]
        markdown: bool,
    },
    /// Add or remove a bookmark
    Bookmark {
        #[command(subcommand)]
        action: BookmarkAction,
    },
    /// Report every digest file and what was found in it; exit 1 if any file failed
    Check {
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Print the built-in categories table, to save as your own and change
    Categories,
}

/// What `items` and `search` narrow to. Each may be given more than once: two of a kind
/// take either, as the query's `source:bubble source:日报` do (tester CB: the last one alone
/// was kept).
#[derive(clap::Args, Debug)]
pub struct Filters {
    /// Only this date, month or year (2026-08-23, 2026-08, 2026; today, yesterday), a span
    /// of them (2026-08-01..2026-08-23; an end may be left open: 2026-08-20..), or `undated`;
    /// more than one: any of them
    #[arg(long, value_name = "DATE", value_parser = date_prefix)]
    date: Vec<String>,
    /// Only this category: a publication's own or a unified one (e.g. 市场与资本 / Markets); its
    /// name from the start of any word (anywhere in Chinese), in any case; more than one: any
    #[arg(long, value_parser = name_part)]
    category: Vec<String>,
    /// Only this publication, or stories from this outlet: its name from the start of any word
    /// (anywhere in Chinese), in any case; more than one: any
    #[arg(long, value_parser = name_part)]
    source: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum BookmarkAction {
    /// Bookmark stories by their ids (from `ribao items` or `ribao search`)
    Add {
        /// Story ids, or 4 or more characters that start one and no other story's
        #[arg(required = true, value_name = "ID")]
        item_ids: Vec<String>,
    },
    /// Remove bookmarks by their ids
    Remove {
        /// Bookmarked stories' ids, or 4 or more characters that start one and no other
        /// bookmark's
        #[arg(required = true, value_name = "ID")]
        item_ids: Vec<String>,
    },
}

pub fn run() -> ExitCode {
    crate::fault::install();
    let paths = Paths::defaults();
    let mut command = without_empty_variables(Cli::command()).after_help(paths.help_text());
    let args = exclusions_as_words(std::env::args_os());
    let cli = match command
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(e) => return help_or_usage_error(with_plain_usage(e, &mut command, &args)),
    };
    match dispatch(cli, &paths) {
        Ok(code) => code,
        Err(e) if e.is::<report::Closed>() => ExitCode::SUCCESS,
        Err(e) => {
            warn(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// `--help` and `--version` go to standard output, where (unlike clap's own printing) a
/// failed write is an error, as it is for every other output; a terminal gets clap's styling.
/// A usage error is clap's message and exit code, but for a bad RIBAO_AMBIGUOUS_WIDE, which
/// clap names as the flag the user never typed (the flag itself takes no value).
fn help_or_usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use std::io::IsTerminal;
    if e.kind() == ErrorKind::ValueValidation
        && let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg)
        && arg == "--ambiguous-wide"
        && let Some(value) = std::env::var_os("RIBAO_AMBIGUOUS_WIDE")
    {
        warn(format_args!(
            "RIBAO_AMBIGUOUS_WIDE is “{}”; it takes 1/0, yes/no, on/off or true/false",
            value.to_string_lossy()
        ));
        return ExitCode::from(2);
    }
    // A value quoted back with a character a terminal acts on but does not show (a bidi
    // override, a bell: clap's rendering takes out only escape sequences) is written out
    // instead, plain (tester DB).
    let plain = e.render().to_string();
    if e.use_stderr() && plain.lines().any(|l| crate::text::visible(l) != l) {
        let lines: Vec<_> = plain.lines().map(crate::text::visible).collect();
        report::say(lines.join("\n"));
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    if e.use_stderr() || std::io::stdout().is_terminal() {
        e.exit()
    }
    match report::emit(&e.to_string()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<report::Closed>() => ExitCode::SUCCESS,
        Err(e) => {
            warn(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// `e` with the usage of the (sub)command `args` name: clap's own lists every option given,
/// those set by a variable too, as if they were needed (tester DA: `ribao show` said
/// `Usage: ribao show --store <DIR> --state <FILE> --cache-dir <DIR> <ITEM_ID>`).
fn with_plain_usage(
    mut e: clap::Error,
    command: &mut clap::Command,
    args: &[std::ffi::OsString],
) -> clap::Error {
    use clap::error::{ContextKind, ContextValue};
    if e.get(ContextKind::Usage).is_none() {
        return e;
    }
    command.build();
    let mut named = &*command;
    // A word after an option that takes one is its value (`--store list`), not a command.
    let mut a_value = false;
    for arg in args.iter().skip(1) {
        // (A value not in UTF-8 is still a value: a review.)
        if std::mem::take(&mut a_value) {
            continue;
        }
        let Some(arg) = arg.to_str() else {
            continue;
        };
        if let Some(sub) = named.find_subcommand(arg) {
            named = sub;
            continue;
        }
        let option = arg.strip_prefix("--").filter(|o| !o.contains('='));
        a_value = option
            .and_then(|o| named.get_arguments().find(|a| a.get_long() == Some(o)))
            .is_some_and(|a| a.get_action().takes_values());
    }
    let usage = named.clone().render_usage();
    e.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    e
}

/// The command with options whose variable is set to nothing read as if it were not set,
/// as shells and the XDG variables have it: `RIBAO_STORE= ribao` reads the default store,
/// where clap would refuse the empty value, naming a `--store` the user never typed.
fn without_empty_variables(mut command: clap::Command) -> clap::Command {
    let empty: Vec<clap::Id> = command
        .get_arguments()
        .filter(|a| {
            a.get_env()
                .and_then(std::env::var_os)
                .is_some_and(|v| v.is_empty())
        })
        .map(|a| a.get_id().clone())
        .collect();
    for id in empty {
        command = command.mut_arg(id, |a| a.env(None));
    }
    command
}

/// The interactive reader on `library`; `reopen` opens the store again when its files
/// change. Everything that can fail at start-up (store, state file) happens before the
/// terminal is taken over, so its errors print normally.
fn read(
    (library, pending): (crate::library::Library, Option<crate::library::Pending>),
    reopen: crate::tui::background::Reopen,
    state_path: &std::path::Path,
    problems: Vec<String>,
    text: crate::text::TextOptions,
) -> anyhow::Result<ExitCode> {
    // What opening the state file found (a broken file copied aside, its backup read) is
    // said in the reader, and an error again on quit if a change is lost: not printed here
    // too, where it stood after quitting with the counts of the start (tester AS).
    let session = match crate::state::StateFile::open(state_path) {
        Ok((file, loaded)) => {
            crate::tui::Session::open(file, loaded, crate::state::unsaved::folders())
        }
        Err(e) => crate::tui::Session::saving_disabled(
            e.to_string(),
            state_path.to_path_buf(),
            crate::state::unsaved::folders(),
        ),
    };
    let store = library.origin.store().to_path_buf();
    let options = crate::tui::Options {
        text,
        session,
        pending,
        watch: Some((store, reopen)),
        problems,
        colours: report::colours_wanted(),
    };
    let (ending, saved) = crate::tui::run(library, options)?;
    let code = match ending {
        crate::tui::Ending::Quit => ExitCode::SUCCESS,
        // As the shell reports a program the signal ended.
        crate::tui::Ending::Signal(signal) => ExitCode::from(128u8.saturating_add(signal as u8)),
    };
    match saved {
        Ok(()) => Ok(code),
        // Ended by a signal, the shell is told so whatever saving said, which is said first
        // (tester DV: 2, with saving off).
        Err(e) if matches!(ending, crate::tui::Ending::Signal(_)) => {
            warn(format_args!("{e:#}"));
            Ok(code)
        }
        Err(e) => Err(e),
    }
}

/// What a `-word` of the search's query starts with once clap has it: a character no
/// argument can hold (argv's strings end at it), so no word typed is taken for one.
const EXCLUDED: char = '\0';

/// After `search`, a word like `-传闻` means "exclude 传闻", not an option: it is passed on
/// as a word of the query, `\0传闻` (see [`EXCLUDED`]), where it was typed (`A OR -B C` is
/// read as the reader reads it). Real options (`--json`, `-h`) are left alone, and so is
/// everything after `--`, which clap already takes as words of the query.
fn exclusions_as_words(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::new();
    let (mut in_search, mut after_dashes) = (false, false);
    for arg in args {
        let text = arg.to_string_lossy();
        match text.strip_prefix('-') {
            Some(word)
                if in_search
                    && !after_dashes
                    && !word.is_empty()
                    && !word.starts_with('-')
                    && word != "h" =>
            {
                out.push(format!("{EXCLUDED}{word}").into());
            }
            _ => {
                after_dashes |= in_search && text == "--";
                in_search |= text == "search";
                out.push(arg);
            }
        }
    }
    out
}

fn dispatch(cli: Cli, paths: &Paths) -> anyhow::Result<ExitCode> {
    let opts = crate::text::TextOptions {
        ambiguous_wide: cli.ambiguous_wide,
        ..Default::default()
    };
    let state_path = || {
        cli.state
            .clone()
            .or_else(|| paths.default_state.clone())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "there is no home folder to keep the state file in; pass --state FILE"
                )
            })
    };
    // A bookmark saved: the folders made for a state file given, said, as a mistyped path
    // would make them (tester CQ: `--state /nonexistent/dir/state.json` made `/nonexistent`,
    // unsaid).
    let saving = |save: &dyn Fn(&std::path::Path) -> anyhow::Result<ExitCode>| {
        let path = state_path()?;
        let missing = folder_to_make(&path);
        let code = save(&path)?;
        if let Some(made) = missing.filter(|f| cli.state.is_some() && f.is_dir()) {
            report::warn(format_args!(
                "made the folder {} for the state file {}{}",
                made.display(),
                path.display(),
                paths::unexpanded_tilde(&path)
            ));
        }
        Ok(code)
    };
    // The reader's marks, for a JSON that says them (read only then).
    let marks_for = |library: &crate::library::Library, json: bool| match json {
        true => report::Marks::of(state_path().ok().as_deref(), library),
        false => report::Marks::default(),
    };
    // A command's library lives until the process ends: the system takes it back at once,
    // where dropping a 10,000-digest index piece by piece took 9 ms.
    let library = || -> anyhow::Result<&'static crate::library::Library> {
        let library = paths.load_library(cli.store.as_deref(), cli.cache_dir.as_deref())?;
        // Every command says so, not only `list`: a script whose store went unset would
        // otherwise pass the samples' stories on as news (tester AF).
        report::print_origin_notice(&library);
        Ok(Box::leak(Box::new(library)))
    };
    match &cli.command {
        Some(Command::List { json }) => report::list(library()?, *json, opts),
        Some(Command::Items {
            filters:
                Filters {
                    date,
                    category,
                    source,
                },
            digest,
            json,
        }) => {
            let filter = report::ItemFilter::new(date.clone(), category, source)
                .of_digest(digest.as_deref());
            let library = library()?;
            let marks = marks_for(library, *json);
            Ok(marks.status(report::items(library, filter, *json, opts, &marks)?))
        }
        Some(Command::Show {
            item_id,
            width,
            json,
        }) => {
            let library = library()?;
            let state = state_path().ok();
            let marks = marks_for(library, *json);
            let code = report::show(
                library,
                item_id,
                *width,
                *json,
                opts,
                state.as_deref(),
                &marks,
            )?;
            Ok(marks.status(code))
        }
        Some(Command::Check { json }) => report::check(library()?, *json),
        Some(Command::Categories) => {
            report::emit(crate::categories::BUILTIN)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search {
            query,
            filters:
                Filters {
                    date,
                    category,
                    source,
                },
            json,
        }) => {
            // The options are the query's filters (tester AA: `--source` was refused, as
            // `items` takes it).
            let filters = [
                ("date:", date),
                ("category:", category),
                ("source:", source),
            ];
            let words: Vec<String> = query
                .iter()
                .filter_map(|w| match w.strip_prefix(EXCLUDED) {
                    // A `-` before spaces alone leaves nothing out.
                    Some(word) => Some(word.trim())
                        .filter(|w| !w.is_empty())
                        .map(|w| format!("-{w}")),
                    None => Some(w.clone()),
                })
                .chain(filters.into_iter().flat_map(|(prefix, values)| {
                    values.iter().map(move |v| format!("{prefix}{v}"))
                }))
                .collect();
            let alone = words.len() == 1;
            let words = words
                .iter()
                .map(|w| crate::search::argument_token(w, alone));
            let library = library()?;
            let query = words.collect::<Vec<_>>().join(" ");
            let marks = marks_for(library, *json);
            Ok(marks.status(report::search(library, &query, *json, opts, &marks)?))
        }
        Some(Command::Bookmarks { json, markdown }) => {
            let format = match (json, markdown) {
                (true, _) => bookmarks::Format::Json,
                (_, true) => bookmarks::Format::Markdown,
                _ => bookmarks::Format::Text,
            };
            bookmarks::list(&state_path()?, cli.state.is_some(), format, library, opts)
        }
        Some(Command::Bookmark {
            action: BookmarkAction::Add { item_ids },
        }) => saving(&|state| bookmarks::add(library()?, state, item_ids)),
        Some(Command::Bookmark {
            action: BookmarkAction::Remove { item_ids },
        }) => saving(&|state| bookmarks::remove(state, item_ids, library)),
        None => {
            use std::io::IsTerminal;
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                anyhow::bail!(
                    "the reader needs a terminal to read keys from and draw on; in a script or \
                     a pipe use a command such as list, items, search or show (ribao --help)"
                );
            }
            // A terminal that says it cannot move its cursor (an editor's shell buffer) would
            // show each frame as lines of escapes (tester EE).
            if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
                anyhow::bail!(
                    "this terminal (TERM=dumb) cannot move its cursor to draw the reader; run \
                     ribao in a full terminal, or use a command such as list, items, search or \
                     show here (ribao --help)"
                );
            }
            // Loaded (and a broken table reported) once, before the reader is on screen.
            let (categorizer, problem) = paths.categorizer();
            let categorizer = std::sync::Arc::new(categorizer);
            let (store, cache) = (cli.store.clone(), cli.cache_dir.clone());
            let open = {
                let paths = paths.clone();
                move |look| {
                    paths.open_library(
                        store.as_deref(),
                        cache.as_deref(),
                        categorizer.clone(),
                        look,
                    )
                }
            };
            // The first screen goes by the folders; the watch then looks at every file.
            let opened = open(crate::library::Look::Folders)?;
            let mut problems: Vec<String> = problem.into_iter().collect();
            let state = state_path()?;
            // Said before anything is saved there, as `bookmark add` says it after (tester
            // DS: a mistyped --state showed no bookmarks and made its folders unsaid).
            if let Some(folder) = folder_to_make(&state).filter(|_| cli.state.is_some()) {
                problems.push(format!(
                    "The state file {} is not there, nor its folder {}: a new state is begun, \
                     the folder made at the first save. If you meant another file, close this, \
                     quit and check --state / RIBAO_STATE{}.",
                    state.display(),
                    folder.display(),
                    paths::unexpanded_tilde(&state)
                ));
            }
            read(
                opened,
                Box::new(move || open(crate::library::Look::Files).map_err(|e| format!("{e:#}"))),
                &state,
                problems,
                opts,
            )
        }
    }
}

/// The outermost folder of `path` not there, which saving a state file there makes.
fn folder_to_make(path: &std::path::Path) -> Option<std::path::PathBuf> {
    (path.ancestors().skip(1))
        .take_while(|f| !f.as_os_str().is_empty() && !f.exists())
        .last()
        .map(std::path::Path::to_path_buf)
}

/// `--date` as [`crate::model::date_prefix`] reads it.
fn date_prefix(text: &str) -> Result<String, String> {
    crate::model::date_prefix(text.trim()).ok_or_else(|| crate::model::not_a_date(text))
}

/// A width in columns for `show`: 20 or more, said in words (clap's range read `20..=65535`).
fn columns(text: &str) -> Result<u16, String> {
    let text = text.trim();
    match text.parse::<u16>() {
        Ok(n) if n >= 20 => Ok(n),
        Ok(_) => Err("a width of 20 columns or more".into()),
        Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            Err("a width of at most 65535 columns".into())
        }
        Err(_) => Err("a whole number of columns, 20 or more".into()),
    }
}

/// A digest's id for `items --digest`: blank is none, a usage error (as `show ''` is).
fn digest_id(text: &str) -> Result<String, String> {
    match text.trim() {
        "" => Err("give a digest's id, as `ribao list` gives it".into()),
        id => Ok(id.to_string()),
    }
}

/// A part of a name to look for; blank would match every name.
fn name_part(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("give a part of the name (blank matches every one)".into());
    }
    Ok(text.to_string())
}
