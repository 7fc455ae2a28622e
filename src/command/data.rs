//! Commands that move data in and out of the database: importing pyvideo folders and CSV files,
//! backing up, dumping as SQL. The `talkcli import …` subcommand shares the same code.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::{ArgKind, Command, Handler, Invocation, Takes};
use crate::cli::ImportCmd;
use crate::import::{csv, one_message, pyvideo};
use crate::paths::expand_home;
use crate::session::Session;
use crate::style::Role;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\import",
        aliases: &[],
        args: "pyvideo [--skip-bad] [--into-existing] DIR… | csv FILE TABLE",
        summary: "import pyvideo event folders, or a CSV file into a table",
        help: "pyvideo: loads event folders in pyvideo/data's layout (<event>/category.json and\n<event>/videos/*.json), or a folder holding such folders, into the catalogue tables. One transaction:\na bad file rolls everything back and is named; --skip-bad imports the good files and fields and lists the bad.\nA database with other tables and no talk catalogue needs --into-existing.\nImporting the same folders again changes nothing; a newer copy updates talks in place.\ncsv: as .import.\n\nExamples:\n  \\import pyvideo ~/pyvideo-data/pycon-us-2018\n  \\import pyvideo --skip-bad ~/pyvideo-data\n  \\import csv ratings.csv ratings",
        arg_kind: ArgKind::Import,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(import),
    },
    Command {
        name: ".import",
        aliases: &[],
        args: "[--csv|--ascii] [--skip N] [--schema S] [-v] FILE TABLE",
        summary: "import a file into a table, exactly as sqlite3's .import",
        help: "As the sqlite3 shell: fields split by the current mode's separators (.mode csv, .separator),\nor by --csv (comma, newline, \"quotes\") or --ascii (0x1F, 0x1E). A missing TABLE is created from\nthe first row (every column TEXT); an existing one takes every row by position (--skip 1 drops a\nheader). Short rows are filled with NULL, long ones cut, rows the table refuses skipped, each\nnoted on stderr. -v prints the CREATE and the count. FILE may be |COMMAND: its output is read. \\import csv matches columns by name instead\nand imports all or nothing.\n\nExamples:\n  .import --csv ratings.csv ratings\n  .import --csv --skip 1 more.csv ratings\n  .import --csv \"my file.csv\" notes_import",
        arg_kind: ArgKind::File,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(dot_import),
    },
    Command {
        name: "\\backup",
        aliases: &[".backup", ".save"],
        args: "FILE",
        summary: "copy the open database to FILE (online backup, safe while in use)",
        help: "Copies the whole database to FILE with SQLite's online backup API; FILE is replaced if it exists.\n\nExamples:\n  \\backup talks-2024-05-01.db",
        arg_kind: ArgKind::File,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(backup),
    },
    Command {
        name: ".dump",
        aliases: &["\\dump"],
        args: "[--data-only] [--nosys] [PATTERN…]",
        summary: "print SQL that rebuilds the database (or the objects matching LIKE patterns), as sqlite3",
        help: "Prints the schema and every row as SQL. Feed it to `sqlite3 new.db` (or talkcli) to rebuild the\ndatabase. Full-text tables are dumped as their CREATE VIRTUAL TABLE and rows, not their internals.\nWith \\o FILE the dump goes to a file.\n\nExamples:\n  .dump\n  .dump favorites",
        arg_kind: ArgKind::Table,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(dump),
    },
];

/// Draw import progress only for a person watching a terminal.
fn show_progress() -> bool {
    std::io::stderr().is_terminal()
}

fn import(s: &mut Session, inv: &Invocation) -> Result<()> {
    let usage = "usage: \\import pyvideo [--skip-bad] [--into-existing] DIR… | \\import csv FILE TABLE";
    match inv.args.first().map(String::as_str) {
        Some("pyvideo") => {
            let mut skip_bad = false;
            let mut into_existing = false;
            let mut dirs = Vec::new();
            for a in &inv.args[1..] {
                match a.as_str() {
                    "--skip-bad" => skip_bad = true,
                    "--into-existing" => into_existing = true,
                    o if o.starts_with("--") => bail!("unknown option {o}; {usage}"),
                    d => dirs.push(expand_home(d)),
                }
            }
            if dirs.is_empty() {
                bail!("{usage}");
            }
            let opts = pyvideo::Options { skip_bad, into_existing, progress: show_progress() };
            let report = pyvideo::import(&s.conn, &dirs, opts).map_err(print_refused)?;
            print_skipped(&report);
            status(s, &report.summary());
        }
        Some("csv") => match &inv.args[1..] {
            [file, table] => {
                let report = csv::import(&s.conn, &expand_home(file), table).map_err(one_message)?;
                status(s, &report.summary());
            }
            _ => bail!("{usage}"),
        },
        _ => bail!("{usage}"),
    }
    Ok(())
}

/// sqlite3's `.import`: the current mode's separators unless `--csv`/`--ascii` say otherwise.
fn dot_import(s: &mut Session, inv: &Invocation) -> Result<()> {
    use crate::settings::Format;
    let (col, row) = match s.settings.format {
        Format::Csv => (",", "\n"),
        Format::Tsv => ("\t", "\n"),
        _ => ("|", "\n"),
    };
    let col = s.settings.col_separator.clone().unwrap_or_else(|| col.to_string());
    let row = s.settings.row_separator.clone().unwrap_or_else(|| row.to_string());
    let mut opts = crate::import::dotimport::parse(&inv.args, &col, &row)?;
    if !opts.file.starts_with('|') {
        opts.file = expand_home(&opts.file).display().to_string();
    }
    let report = crate::import::dotimport::import(&s.conn, &opts, &mut s.out, &mut std::io::stderr())?;
    s.out.flush()?;
    if let Some(line) = report.last_failure {
        // sqlite3 ends an import whose last row failed with an error status: that row's line is
        // the error.
        bail!("{line}");
    }
    Ok(())
}

fn backup(s: &mut Session, inv: &Invocation) -> Result<()> {
    // sqlite3's `.backup ?DB? FILE` names an attached database first.
    let (db, file) = match inv.args.as_slice() {
        [file] => ("main", file),
        [db, file] => (db.as_str(), file),
        _ => bail!("usage: \\backup [DB] FILE"),
    };
    let dest = expand_home(file);
    crate::db::refuse_special_file(&dest)?;
    crate::db::refuse_database_file(&s.conn, &dest)?;
    s.conn.backup(db, &dest, None::<fn(rusqlite::backup::Progress)>).map_err(|e| {
        // SQLite names the file it could not open; the context below names it already.
        let message = crate::error::sql_error_message(&e);
        let suffix = format!(": {}", dest.display());
        anyhow::anyhow!("cannot back up to {}: {}", dest.display(), message.strip_suffix(&suffix).unwrap_or(&message))
    })?;
    status(s, &format!("backed up to {}", dest.display()));
    Ok(())
}

fn dump(s: &mut Session, inv: &Invocation) -> Result<()> {
    let opts = super::dump::Options::parse(&inv.args)?;
    super::dump::dump(&s.conn, &opts, &mut s.out)?;
    s.out.flush()?;
    Ok(())
}

/// A report of what a command did (imported, backed up, added): on stderr, dimmed, so stdout and
/// `\o` files carry only data, as with the sqlite3 shell.
pub(crate) fn status(s: &Session, message: &str) {
    let message = crate::render::escape_controls(message);
    let _ = writeln!(std::io::stderr().lock(), "{}", s.err_palette.paint(Role::Dim, &message));
}

/// An import refused for bad files or fields: each problem on its own line, then the error.
fn print_refused(e: anyhow::Error) -> anyhow::Error {
    if let Some(refused) = e.downcast_ref::<pyvideo::Refused>() {
        let mut err = std::io::stderr().lock();
        for line in &refused.problems {
            let _ = writeln!(err, "{}", crate::render::escape_controls(line));
        }
    }
    one_message(e)
}

/// What `--skip-bad` left out: whole files, then the fields of talks imported without them.
fn print_skipped(report: &pyvideo::Report) {
    let mut err = std::io::stderr().lock();
    for (file, problem) in &report.skipped {
        let _ = writeln!(err, "{}", crate::render::escape_controls(&format!("skipped {file}: {problem}")));
    }
    for (file, problem) in &report.dropped {
        let line = format!("left out {file}: {problem} (the talk is imported without it)");
        let _ = writeln!(err, "{}", crate::render::escape_controls(&line));
    }
}

/// `talkcli import pyvideo|csv …`: prints the summary line (on stderr, like the session's status
/// messages; stdout stays empty) and returns the exit status.
pub fn import_subcommand(conn: &Connection, what: &ImportCmd) -> Result<i32> {
    let summary = match what {
        ImportCmd::Pyvideo { dirs, skip_bad, into_existing } => {
            let opts =
                pyvideo::Options { skip_bad: *skip_bad, into_existing: *into_existing, progress: show_progress() };
            let report = pyvideo::import(conn, dirs, opts).map_err(print_refused)?;
            print_skipped(&report);
            report.summary()
        }
        ImportCmd::Csv { file, table } => csv::import(conn, file, table).map_err(one_message)?.summary(),
    };
    writeln!(std::io::stderr().lock(), "{}", crate::render::escape_controls(&summary))?;
    Ok(crate::exit::OK)
}
