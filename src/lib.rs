//! talkcli: an interactive SQL shell over a bundled SQLite database of conference talks.
//!
//! ```text
//! keys ─▶ engine/repl/ (rustyline: complete · hint · highlight · history · Ctrl-C)
//!                  │ lines (a paste is many lines)
//! stdin · -e · -f · rc file · \i ─▶ engine/input/ (line classifier · query buffer · completeness)
//!                  │ a command line                 │ complete SQL
//!                  ▼                                ▼
//!     engine/command (registry) ── returns an Effect ──▶ session ─▶ exec ─▶ render ─▶ output
//!          ▲ registers                 (run a file, quit, use the buffer …: carried out by input/)
//!   sqlite3/ pack (dot commands, byte-exact modes, .dump/.import)
//!   talks/ pack   (catalogue, importer, shortcuts, search, accent folding, title links,
//!                  the value sources completion offers: speakers, tags, events, titles …)
//! ```
//! The engine imports neither pack: `install_packs` is the one registration step. Each command
//! declares its arguments once, typed (`engine/command/arg_spec.rs`): the usage line, the binding
//! of a line's words that handlers read, and completion derive from it. Only
//! `engine/repl/` and `engine/output.rs` know about terminals; everything else takes data and a
//! `Write`.

pub mod cli;
mod engine;
mod generate;
mod sqlite3;
mod talks;

// The public surface, kept small so the compiler sees dead code everywhere else: what the binary,
// benches/, examples/ and tests/ use.
pub use crate::engine::command::{Command, all as all_commands, find as find_command};
pub use crate::engine::complete::name_index::Names;
pub use crate::engine::complete::{Options, Parts, Set, Snapshot, Table, Values, complete};
pub use crate::engine::config::KEYS as CONFIG_KEYS;
pub use crate::engine::exit;
pub use crate::engine::style::{Palette, Role};
pub use crate::talks::catalogue::DATA_VERSION;
pub use crate::talks::catalogue::load_catalogue;
pub use crate::talks::pyvideo::{catalogue_files, write_extract};

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};

use crate::cli::Cli;
use crate::engine::output::Output;
use crate::engine::session::Session;
use crate::engine::settings::Settings;
use crate::engine::style::color_enabled;
use crate::engine::{
    command, complete, config, error, input, interrupt, render, repl, settings, transaction, userfile,
};

/// The one registration step: the packs the engine runs with, in the order `\?` lists them.
pub fn install_packs() {
    command::install(vec![&sqlite3::PACK, &talks::PACK]);
    render::install(vec![sqlite3::render::renderer]);
    engine::db::install_home(talks::open_home);
}

/// The exit status for a run that failed, after saying why on stderr; a reader of our output that
/// went away (`| head`) is not an error worth a word.
pub fn failure_status(e: &anyhow::Error) -> i32 {
    if engine::output::is_broken_pipe(e) {
        return exit::OK;
    }
    error::say(&Palette::new(false), error::Level::Error, None, &error::message(e));
    exit::SQL_ERROR
}

/// Says a command-line usage error (one line) and returns its exit status.
pub fn usage_status(msg: &str) -> i32 {
    error::say(&Palette::new(false), error::Level::Error, None, msg);
    exit::USAGE
}

/// What this run does, decided once from the options.
enum Mode<'a> {
    /// `--version`.
    Version,
    /// sqlite3's `-version`: the SQLite library's version and source id.
    SqliteVersion,
    /// `talkcli man|completions|reference`: a text generated from the declarations.
    Generate(&'a cli::Commands),
    /// `talkcli import pyvideo|csv …`.
    Import(&'a cli::ImportCmd),
    /// `--complete TEXT`: the candidates Tab would offer, one a line.
    Complete(&'a str),
    /// The interactive prompt.
    Prompt,
    /// `-e`, `-f`, SQL arguments or standard input, run as the sqlite3 shell runs a script.
    Script,
}

impl<'a> Mode<'a> {
    fn of(cli: &'a Cli) -> Mode<'a> {
        match &cli.command {
            _ if cli.version => Mode::Version,
            _ if cli.sqlite3.sqlite_version => Mode::SqliteVersion,
            Some(cli::Commands::Import(what)) => Mode::Import(&what.what),
            Some(cmd) => Mode::Generate(cmd),
            None => match &cli.complete {
                Some(text) => Mode::Complete(text),
                None if Mode::interactive(cli) => Mode::Prompt,
                None => Mode::Script,
            },
        }
    }

    /// The prompt runs when nothing is scripted and stdin is a terminal, unless sqlite3's `-batch`
    /// or `-interactive` say otherwise.
    fn interactive(cli: &Cli) -> bool {
        let scripted = cli.scripts().next().is_some() || cli.file.is_some();
        !scripted && cli.sqlite3.interactive.unwrap_or_else(|| io::stdin().is_terminal())
    }
}

/// Runs talkcli with parsed options and returns the process exit status.
pub fn run(cli: Cli) -> Result<i32> {
    install_packs();
    let mode = Mode::of(&cli);
    match mode {
        Mode::Version => {
            writeln!(io::stdout().lock(), "talkcli {}", env!("CARGO_PKG_VERSION"))?;
            Ok(exit::OK)
        }
        Mode::SqliteVersion => {
            // SAFETY: sqlite3_sourceid returns a pointer to a static NUL-terminated string.
            let source = unsafe { std::ffi::CStr::from_ptr(rusqlite::ffi::sqlite3_sourceid()) };
            writeln!(io::stdout().lock(), "{} {}", rusqlite::version(), source.to_string_lossy())?;
            Ok(exit::OK)
        }
        Mode::Generate(cmd) => {
            generate::run(cmd, &mut io::stdout().lock())?;
            Ok(exit::OK)
        }
        Mode::Import(what) => {
            let (conn, _) = open_database(&cli)?;
            // Ctrl-C ends the import with status 130; its transaction is never committed.
            interrupt::install(&conn, false)?;
            talks::import_command::import_subcommand(&conn, what)
        }
        Mode::Complete(_) | Mode::Prompt | Mode::Script => {
            let interactive = matches!(mode, Mode::Prompt);
            let mut session = start_session(&cli, interactive)?;
            let mut errors = 0;
            if let Some(status) = run_startup(&cli, &mut session, &mut errors)? {
                return Ok(status);
            }
            match mode {
                Mode::Complete(text) => print_completions(&session, text),
                Mode::Prompt => {
                    let quit = repl::run(&mut session)?;
                    session.out.flush()?;
                    Ok(quit.status(exit::OK))
                }
                _ => run_scripts(&cli, &mut session, errors),
            }
        }
    }
}

/// The database the options name (or the home database), with its label for the prompt.
fn open_database(cli: &Cli) -> Result<(rusqlite::Connection, String)> {
    Ok(match cli.db_path() {
        Some(path) if cli.sqlite3.nofollow && path.symlink_metadata().is_ok_and(|m| m.is_symlink()) => {
            anyhow::bail!("cannot open {}: it is a symbolic link (-nofollow)", path.display())
        }
        Some(path) => (engine::db::files::open_file(path, cli.readonly)?, path.display().to_string()),
        None => {
            let opened = engine::db::open_home(cli.readonly).context("cannot prepare the bundled talk database")?;
            if let Some(w) = &opened.warning {
                let palette = Palette::themed(
                    color_enabled(cli.color_choice(), error::writer().is_terminal()),
                    settings::Theme::Dark,
                );
                error::say(&palette, error::Level::Warning, None, w);
            }
            (opened.conn, opened.path.display().to_string())
        }
    })
}

/// The session: the database, the settings (config file, then the options), the output and the
/// Ctrl-C handler.
fn start_session(cli: &Cli, interactive: bool) -> Result<Session> {
    let (conn, label) = open_database(cli)?;
    command::register_functions(&conn).context("cannot register talkcli's SQL functions")?;
    let out = Output::stdout();
    let mut settings = Settings::default();
    let warnings = config::load(&mut settings);
    if cli.sqlite3.sqlite3_defaults {
        // sqlite3's options start from sqlite3's output defaults (list mode, no header line); the
        // startup file and the options themselves still have their say.
        (settings.format, settings.sqlite3_mode, settings.headers) = (settings::Format::List, true, false);
    }
    cli.apply(&mut settings);
    engine::db::set_foreign_keys(&conn, cli.db_path().is_none(), settings.foreign_keys)
        .context("cannot set foreign key enforcement")?;
    settings.interactive = interactive;
    settings.color = color_enabled(cli.color_choice(), out.is_terminal());
    settings.color_forced = cli.color_choice() == "always";
    let err_palette = Palette::themed(color_enabled(cli.color_choice(), error::writer().is_terminal()), settings.theme);
    for w in warnings {
        error::say(&err_palette, error::Level::Warning, None, &w);
    }
    let mut session = Session::new(conn, settings, out, label, err_palette);
    session.out.colour_in_any_pager(session.settings.color_forced);
    session.bundled = cli.db_path().is_none();
    // Without the handler Ctrl-C still stops talkcli, only less gently: worth a warning, not a failure.
    if let Err(e) = interrupt::install(&session.conn, interactive) {
        session.warn(&error::message(&e));
    }
    Ok(session)
}

/// The startup file (as sqlite3 runs ~/.sqliterc), safe mode, then sqlite3's options in their
/// order. `Some(status)` when one of them ended the run.
fn run_startup(cli: &Cli, session: &mut Session, errors: &mut usize) -> Result<Option<i32>> {
    if let Some(rc) = config::rc_path(cli.init.as_deref())? {
        let file = userfile::open_regular(&rc, "init file")?;
        // As with sqlite3 -init: errors are reported (with file and line) but neither stop the
        // rc file nor the script that follows, nor count in its exit status.
        let ended = input::run_script(session, io::BufReader::new(file), &rc.display().to_string(), true)?;
        // The command line has the last word over what the rc file set.
        cli.apply(&mut session.settings);
        if let Some(quit) = ended.quit {
            transaction::settle(session, "the startup file quit");
            session.out.flush()?;
            return Ok(Some(quit.status(exit::OK)));
        }
    }
    // Safe mode before anything the command line runs (-cmd, the script); the startup file is the
    // user's own and ran without it, as in sqlite3.
    if cli.sqlite3.safe {
        sqlite3::safe_mode::enable(session)?;
    }
    let ended = sqlite3::options::apply(session, &cli.sqlite3.steps)?;
    *errors += ended.errors;
    if ended.quit.is_some() || (ended.errors > 0 && session.settings.bail) {
        transaction::settle(session, "a -cmd command ended the run");
        session.out.flush()?;
        let usual = if *errors > 0 { exit::SQL_ERROR } else { exit::OK };
        return Ok(Some(ended.quit.map_or(usual, |q| q.status(usual))));
    }
    Ok(None)
}

/// `--complete TEXT`, after the startup file so the views and attached databases it makes
/// complete too. Only the values the argument needs are read; the list is bounded (best first).
fn print_completions(session: &Session, text: &str) -> Result<i32> {
    let parts = complete::parts_for(text);
    // A speaker's name: only the names that contain the text, when they answer as all would.
    let speakers = (parts == Parts::of("speakers"))
        .then(|| talks::speaker_candidates::narrowed(&session.conn, text, complete::LIST_LIMIT))
        .flatten();
    let mut snap = Snapshot::load(&session.conn, if speakers.is_some() { Parts::NONE } else { parts });
    if let Some(names) = speakers {
        snap.values.put("speakers", Set::Names(names));
    }
    snap.named_queries = command::named_query_names();
    let opts = Options { limit: complete::LIST_LIMIT, keyword_case: session.settings.keyword_case };
    let mut stdout = io::stdout().lock();
    for c in complete(text, text.len(), &snap, &opts).candidates {
        // Data (speaker names, tags) never drives the terminal; one candidate a line.
        writeln!(stdout, "{}", render::escape_controls(&c.text).replace('\n', "\\n"))?;
    }
    stdout.flush()?;
    Ok(exit::OK)
}

/// The script: `-e` texts and SQL arguments in order, else `-f FILE`, else standard input.
fn run_scripts(cli: &Cli, session: &mut Session, mut errors: usize) -> Result<i32> {
    let mut quit = None;
    if cli.scripts().next().is_some() {
        for (i, text) in cli.scripts().enumerate() {
            if i >= cli.execute.len() {
                // SQL given after DATABASE, as sqlite3 runs it: never echoed, even with -echo.
                session.settings.echo = false;
            }
            let ended = input::run_script(session, io::Cursor::new(engine::rawtext::encode(text)), "", false)?;
            errors += ended.errors;
            quit = ended.quit;
            if (errors > 0 && session.settings.bail) || quit.is_some() {
                break;
            }
        }
    } else if let Some(path) = &cli.file {
        let file = userfile::open_regular(path, "")?;
        let name = path.display().to_string();
        let ended = input::run_script(session, io::BufReader::new(file), &name, false)?;
        (errors, quit) = (ended.errors, ended.quit);
    } else {
        let ended = input::run_script(session, io::stdin().lock(), "", false)?;
        (errors, quit) = (ended.errors, ended.quit);
    }
    transaction::settle(session, "the script ended");
    session.out.flush()?;
    let usual = if errors > 0 { exit::SQL_ERROR } else { exit::OK };
    Ok(quit.map_or(usual, |q| q.status(usual)))
}
