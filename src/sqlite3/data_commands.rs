//! sqlite3's data commands: `.import FILE TABLE` with its options, and `.dump`, each as the sqlite3
//! shell runs them.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::command::{ANY, Arg, Command, Handler, Invocation, Offer};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: ".import",
        aliases: &[],
        args: &[
            Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--csv")], &[Arg::Flag("--ascii")]])]),
            Arg::Optional(&[Arg::Opt("--skip", &Arg::Int("N", "--skip", ANY))]),
            Arg::Optional(&[Arg::Opt("--schema", &Arg::Value("S", Offer::Free))]),
            Arg::Optional(&[Arg::Flag("-v")]),
            Arg::Value("FILE", Offer::Files),
            Arg::Value("TABLE", Offer::Tables),
        ],
        summary: "import a file into a table, exactly as sqlite3's .import",
        help: "As the sqlite3 shell: fields split by the current mode's separators (.mode csv, .separator),\nor by --csv (comma, newline, \"quotes\") or --ascii (0x1F, 0x1E). A missing TABLE is created from\nthe first row (every column TEXT); an existing one takes every row by position (--skip 1 drops a\nheader). Short rows are filled with NULL, long ones cut, rows the table refuses skipped, each\nnoted on stderr. -v prints the CREATE and the count. FILE may be |COMMAND: its output is read. \\import csv matches columns by name instead\nand imports all or nothing.\n\nExamples:\n  .import --csv ratings.csv ratings\n  .import --csv --skip 1 more.csv ratings\n  .import --csv \"my file.csv\" notes_import",
        shows: &[],
        run: Handler::Acts(dot_import),
    },
    Command {
        name: ".dump",
        aliases: &["\\dump"],
        args: &[
            Arg::Optional(&[Arg::Flag("--data-only")]),
            Arg::Optional(&[Arg::Flag("--newlines")]),
            Arg::Optional(&[Arg::Flag("--nosys")]),
            Arg::Optional(&[Arg::Flag("--preserve-rowids")]),
            Arg::Optional(&[Arg::Many(&[Arg::Value("PATTERN", Offer::Tables)])]),
        ],
        summary: "print SQL that rebuilds the database (or the objects matching LIKE patterns), as sqlite3",
        help: "Prints the schema and every row as SQL. Feed it to `sqlite3 new.db` (or talkcli) to rebuild the\ndatabase. Full-text tables are dumped as their CREATE VIRTUAL TABLE and rows, not their internals.\nWith \\o FILE the dump goes to a file.\n\nExamples:\n  .dump\n  .dump favorites",
        shows: &[],
        run: Handler::Acts(dump),
    },
];

/// sqlite3's `.import`: the current mode's separators unless `--csv`/`--ascii` say otherwise.
fn dot_import(s: &mut Session, inv: &Invocation) -> Result<()> {
    use crate::engine::settings::Format;
    let (col, row) = match s.settings.format {
        Format::Csv => (",", "\n"),
        Format::Tsv => ("\t", "\n"),
        _ => ("|", "\n"),
    };
    let col = s.settings.col_separator.clone().unwrap_or_else(|| col.to_string());
    let row = s.settings.row_separator.clone().unwrap_or_else(|| row.to_string());
    let mut opts = crate::sqlite3::import::parse(&inv.bound, &col, &row)?;
    if !opts.file.starts_with('|') {
        opts.file = expand_home(&opts.file).display().to_string();
    }
    let report = crate::sqlite3::import::import(&s.conn, &opts, &mut s.out, &mut crate::engine::error::writer())?;
    s.out.flush()?;
    if let Some(line) = report.last_failure {
        // sqlite3 ends an import whose last row failed with an error status: that row's line is
        // the error.
        bail!("{line}");
    }
    Ok(())
}

fn dump(s: &mut Session, inv: &Invocation) -> Result<()> {
    let b = &inv.bound;
    if b.has("--preserve-rowids") {
        bail!(
            ".dump --preserve-rowids is not supported by talkcli; give the table an INTEGER PRIMARY KEY to keep its rowids"
        );
    }
    let opts = crate::sqlite3::dump::Options {
        patterns: b.all("PATTERN").map(str::to_string).collect(),
        data_only: b.has("--data-only"),
        nosys: b.has("--nosys"),
        newlines: b.has("--newlines"),
    };
    crate::sqlite3::dump::dump(&s.conn, &opts, &mut s.out)?;
    s.out.flush()?;
    Ok(())
}
