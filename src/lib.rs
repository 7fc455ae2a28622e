//! talkcli: an interactive SQL shell over a bundled SQLite database of PyCon US talks.
//!
//! ```text
//! keys ─▶ repl/ (rustyline: complete · hint · highlight) ─┐ one complete input
//! stdin/-e/-f ─▶ script (line reader + sql::split) ───────┤
//!                                                         ▼
//!                              command::* (backslash/dot) │ SQL
//!                                                         ▼
//!                      exec (prepare, step, bind, timing) ──▶ render::* ──▶ output (stdout | file)
//! ```
//! Only `repl/` and `output.rs` know about terminals; everything else takes data and a `Write`.

pub mod cli;
pub mod command;
pub mod complete;
pub mod config;
pub mod confirm;
pub mod db;
pub mod dispatch;
pub mod exec;
pub mod generate;
pub mod import;
pub mod interrupt;
pub mod output;
mod paths;
pub mod prompt;
pub mod render;
pub mod repl;
pub mod schema;
pub mod script;
pub mod session;
pub mod settings;
pub mod sql;
pub mod style;
mod transaction;
pub mod vars;

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};

use cli::Cli;
use output::Output;
use session::Session;
use settings::Settings;
use style::{Palette, Role, color_enabled};

/// Exit statuses, as documented in the README.
pub mod exit {
    pub const OK: i32 = 0;
    pub const SQL_ERROR: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const INTERRUPTED: i32 = 130;

    /// Each status with its meaning, for `--help`'s neighbours: the man page and the reference.
    pub const MEANINGS: &[(i32, &str)] = &[
        (OK, "everything ran"),
        (SQL_ERROR, "an SQL error, a failed command, or a file that could not be opened or read"),
        (USAGE, "a usage error: unknown option or bad option value"),
        (INTERRUPTED, "interrupted (Ctrl-C) while running a script"),
    ];
}

/// Runs talkcli with parsed options and returns the process exit status.
pub fn run(cli: Cli) -> Result<i32> {
    if let Some(cmd) = cli.command.as_ref().filter(|c| !matches!(c, cli::Commands::Import(_))) {
        generate::run(cmd, &mut io::stdout().lock())?;
        return Ok(exit::OK);
    }
    let scripted = cli.scripts().next().is_some() || cli.file.is_some();
    let interactive = !scripted && io::stdin().is_terminal();

    let (mut conn, label) = match cli.db_path() {
        Some(path) => (db::open_file(path, cli.readonly)?, path.display().to_string()),
        None => {
            let (conn, path) = db::open_bundled(cli.readonly).context("cannot prepare the bundled talk database")?;
            (conn, path.display().to_string())
        }
    };
    if let Some(cli::Commands::Import(what)) = &cli.command {
        return command::data::import_subcommand(&conn, &what.what);
    }

    command::register_functions(&conn).context("cannot register talkcli's SQL functions")?;
    interrupt::interruptible_busy_wait(&mut conn)?;

    let out = Output::stdout();
    let mut settings = Settings::default();
    let warnings = config::load(&mut settings);
    cli.apply(&mut settings);
    if let Some(text) = &cli.complete {
        let snap = schema::Snapshot::load(&conn);
        let opts = complete::Options { limit: usize::MAX, keyword_case: settings.keyword_case };
        let mut stdout = io::stdout().lock();
        for c in complete::complete(text, text.len(), &snap, &opts).candidates {
            writeln!(stdout, "{}", c.text)?;
        }
        stdout.flush()?;
        return Ok(exit::OK);
    }
    settings.interactive = interactive;
    settings.color = color_enabled(cli.color_choice(), out.is_terminal());
    settings.color_forced = cli.color_choice() == "always";
    let err_palette = Palette::themed(color_enabled(cli.color_choice(), io::stderr().is_terminal()), settings.theme);
    for w in warnings {
        let _ = writeln!(io::stderr(), "{} {w}", err_palette.paint(Role::Dim, "warning:"));
    }
    let mut session = Session::new(conn, settings, out, label, err_palette);
    session.bundled = cli.db_path().is_none();
    // Without the handler Ctrl-C still stops talkcli, only less gently: worth a warning, not a failure.
    if let Err(e) = interrupt::install(&session.conn, interactive) {
        let _ = writeln!(io::stderr(), "{} {e:#}", session.err_palette.paint(Role::Dim, "warning:"));
    }

    // Startup commands, as sqlite3 runs ~/.sqliterc: before the prompt or the script.
    let mut errors = 0;
    if let Some(rc) = config::rc_path(cli.init.as_deref())? {
        let file = std::fs::File::open(&rc).with_context(|| format!("cannot open {}", rc.display()))?;
        // As with sqlite3 -init: errors are reported (with file and line) but neither stop the
        // script that follows nor count in its exit status.
        script::run(&mut session, io::BufReader::new(file), &rc.display().to_string())?;
        // The command line has the last word over what the rc file set.
        cli.apply(&mut session.settings);
        if session.quit {
            transaction::settle(&mut session, "the startup file quit");
            session.out.flush()?;
            return Ok(session.exit_status.unwrap_or(exit::OK));
        }
    }

    if interactive {
        repl::run(&mut session)?;
        session.out.flush()?;
        return Ok(session.exit_status.unwrap_or(exit::OK));
    }

    if cli.scripts().next().is_some() {
        for text in cli.scripts() {
            errors += script::run(&mut session, io::Cursor::new(text.as_bytes()), "")?.errors;
            if (errors > 0 && session.settings.bail) || session.quit {
                break;
            }
        }
    } else if let Some(path) = &cli.file {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let name = path.display().to_string();
        errors += script::run(&mut session, io::BufReader::new(file), &name)?.errors;
    } else {
        errors += script::run(&mut session, io::stdin().lock(), "")?.errors;
    }
    transaction::settle(&mut session, "the script ended");
    session.out.flush()?;
    Ok(session.exit_status.unwrap_or(if errors > 0 { exit::SQL_ERROR } else { exit::OK }))
}
