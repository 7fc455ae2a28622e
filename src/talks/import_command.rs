//! talkcli's importer at the prompt (`\\import pyvideo|csv`) and as the `talkcli import`
//! subcommand: pyvideo event folders into the catalogue, or a CSV file into a table. Both share
//! the same code and report on stderr.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use rusqlite::Connection;

use crate::cli::ImportCmd;
use crate::engine::command::data::status;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::import::{csv_import, one_message};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;
use crate::talks::pyvideo;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\import",
    aliases: &[],
    args: &[Arg::Either(&[
        &[
            Arg::Word(&["pyvideo"]),
            Arg::Optional(&[Arg::Flag("--skip-bad")]),
            Arg::Optional(&[Arg::Flag("--into-existing")]),
            Arg::Many(&[Arg::Value("DIR", Offer::Files)]),
        ],
        &[Arg::Word(&["csv"]), Arg::Value("FILE", Offer::Files), Arg::Value("TABLE", Offer::Tables)],
    ])],
    summary: "import pyvideo event folders, or a CSV file into a table",
    help: "pyvideo: loads event folders in pyvideo/data's layout (<event>/category.json and\n<event>/videos/*.json), or a folder holding such folders, into the catalogue tables. One transaction:\na bad file rolls everything back and is named; --skip-bad imports the good files and fields and lists the bad.\nA database with other tables and no talk catalogue needs --into-existing.\nImporting the same folders again changes nothing; a newer copy updates talks in place.\ncsv: as .import.\n\nExamples:\n  \\import pyvideo ~/pyvideo-data/pycon-us-2018\n  \\import pyvideo --skip-bad ~/pyvideo-data\n  \\import csv ratings.csv ratings",
    shows: &[],
    run: Handler::Acts(import),
}];

/// Draw import progress only for a person watching a terminal.
fn show_progress() -> bool {
    crate::engine::error::writer().is_terminal()
}

fn import(s: &mut Session, inv: &Invocation) -> Result<()> {
    let b = &inv.bound;
    if b.has("pyvideo") {
        let (skip_bad, into_existing) = (b.has("--skip-bad"), b.has("--into-existing"));
        let dirs: Vec<_> = b.all("DIR").map(expand_home).collect();
        let opts = pyvideo::Options { skip_bad, into_existing, progress: show_progress() };
        let report = pyvideo::import(&s.conn, &dirs, opts).map_err(print_refused)?;
        print_skipped(&report);
        status(s, &report.summary());
    } else {
        let (file, table) = (b.need("FILE")?, b.need("TABLE")?);
        let report = csv_import::import(&s.conn, &expand_home(file), table).map_err(one_message)?;
        status(s, &report.summary());
    }
    Ok(())
}

/// An import refused for bad files or fields: each problem on its own line, then the error.
fn print_refused(e: anyhow::Error) -> anyhow::Error {
    if let Some(refused) = e.downcast_ref::<pyvideo::Refused>() {
        let mut err = crate::engine::error::writer().lock();
        for line in &refused.problems {
            let _ = writeln!(err, "{}", crate::engine::render::escape_controls(line));
        }
    }
    one_message(e)
}

/// What `--skip-bad` left out: whole files, then the fields of talks imported without them.
fn print_skipped(report: &pyvideo::Report) {
    let mut err = crate::engine::error::writer().lock();
    for (file, problem) in &report.skipped {
        let _ = writeln!(err, "{}", crate::engine::render::escape_controls(&format!("skipped {file}: {problem}")));
    }
    for (file, problem) in &report.dropped {
        let line = format!("left out {file}: {problem} (the talk is imported without it)");
        let _ = writeln!(err, "{}", crate::engine::render::escape_controls(&line));
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
        ImportCmd::Csv { file, table } => csv_import::import(conn, file, table).map_err(one_message)?.summary(),
    };
    crate::engine::error::verbatim(&summary);
    Ok(crate::engine::exit::OK)
}
