//! The sqlite3 shell's dot commands that scripts written for it rely on: `.headers`, `.separator`,
//! `.bail`, `.print`, `.echo` and `.width`. They change settings (or print) so those scripts run
//! here unchanged; the renderers and the script runner read the settings.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;

/// sqlite3-compatible dot commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: ".headers",
        aliases: &[".header"],
        args: &[Arg::Word(&["on", "off"])],
        summary: "column names in csv, tsv, list, quote and insert output (on by default)",
        help: "Whether csv, tsv, list and quote print a header line, and whether insert names the columns.\nOn by default (sqlite3 starts with it off).\n\nExamples:\n  .headers off\n  .mode csv",
        shows: &[],
        run: Handler::Acts(headers),
    },
    Command {
        name: ".separator",
        aliases: &[],
        args: &[Arg::Value("COL", Offer::Free), Arg::Optional(&[Arg::Value("ROW", Offer::Free)])],
        summary: "column (and row) separator of the list format",
        help: "Sets what the list format puts between columns (default |) and after each row (default a\nnewline). Backslash escapes (\\t, \\n, \\r, \\\\, octal) are resolved in unquoted and\ndouble-quoted arguments, as sqlite3 resolves them; single-quoted ones are literal. Choosing a format with .mode resets both.\n\nExamples:\n  .mode list\n  .separator ,\n  .separator \\t \\r\\n",
        shows: &[],
        run: Handler::Acts(separator),
    },
    Command {
        name: ".bail",
        aliases: &[],
        args: &[Arg::Word(&["on", "off"])],
        summary: "stop a script at its first error (on, the default) or run on",
        help: "With on, a script stops at its first error; with off it runs every statement and still exits\nwith status 1 if one failed. The same as --bail / --continue.\n\nExamples:\n  .bail off",
        shows: &[],
        run: Handler::Acts(bail_cmd),
    },
    Command {
        name: ".print",
        aliases: &[],
        args: &[Arg::Many(&[Arg::Value("TEXT", Offer::Free)])],
        summary: "print TEXT",
        help: "Prints its arguments, separated by spaces, and a newline (quotes group words, as in sqlite3).\n\nExamples:\n  .print Talks per year\n  .print \"--- done ---\"",
        shows: &[],
        run: Handler::Acts(print),
    },
    Command {
        name: ".echo",
        aliases: &[],
        args: &[Arg::Word(&["on", "off"])],
        summary: "print each command and statement of a script before running it",
        help: "With on, a script prints each input (a command line, or the SQL it is about to run) before\nrunning it, as sqlite3 does, so output can be matched to the input that made it.\n\nExamples:\n  .echo on",
        shows: &[],
        run: Handler::Acts(echo),
    },
    Command {
        name: ".eqp",
        aliases: &[],
        args: &[Arg::Word(&["on", "off", "full"])],
        summary: "print each statement's query plan before its result",
        help: "With on, every SQL statement first prints its EXPLAIN QUERY PLAN tree, as sqlite3's .eqp on\ndoes; full adds the EXPLAIN bytecode. \\explain QUERY shows one plan with its indexes marked.\n\nExamples:\n  .eqp on\n  select * from talks where kind = 'keynote';\n  .eqp off",
        shows: &[],
        run: Handler::Acts(eqp),
    },
    Command {
        name: ".nullvalue",
        aliases: &[],
        args: &[Arg::Value("TEXT", Offer::Free)],
        summary: "text NULL prints as, in every format (sqlite3's; \\null sets tables only)",
        help: "Sets what NULL prints as: in list, csv and tsv (empty by default, as in sqlite3) and in tables\nand vertical records (like \\null). quote, insert and json keep writing NULL and null.\n\nExamples:\n  .nullvalue NULL\n  .nullvalue ''",
        shows: &[],
        run: Handler::Acts(nullvalue),
    },
    Command {
        name: ".width",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Many(&[Arg::Value("N", Offer::Free)])])],
        summary: "column widths of .mode box/table/column/markdown (negative: right-aligned)",
        help: "Sets the widths of sqlite3's columnar modes (.mode box, table, column, markdown), column by\ncolumn, as sqlite3 does: each is a minimum width, and longer text wraps onto further lines; a\nnegative width right-aligns the column; 0 sizes it to the data. Without arguments, clears them.\ntalkcli's own tables (\\T table) fit their columns to the data and the terminal instead.\n\nExamples:\n  .width 10 -8\n  .width",
        shows: &[],
        run: Handler::Acts(width),
    },
];

/// sqlite3's booleans: on/off, yes/no, true/false, 1/0.
fn on_off(inv: &Invocation) -> Result<bool> {
    match inv.args.as_slice() {
        [w] => match w.to_ascii_lowercase().as_str() {
            "on" | "yes" | "true" | "1" => Ok(true),
            "off" | "no" | "false" | "0" => Ok(false),
            _ => bail!("{}", inv.usage),
        },
        _ => bail!("{}", inv.usage),
    }
}

fn headers(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.headers = on_off(inv)?;
    s.settings.headers_set = true;
    Ok(())
}

fn separator(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.args.as_slice() {
        [col] => s.settings.col_separator = Some(col.clone()),
        [col, row] => {
            s.settings.col_separator = Some(col.clone());
            s.settings.row_separator = Some(row.clone());
        }
        _ => bail!("{}", inv.usage),
    }
    Ok(())
}

fn bail_cmd(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.bail = on_off(inv)?;
    Ok(())
}

fn print(s: &mut Session, inv: &Invocation) -> Result<()> {
    // Bytes that are not UTF-8 printed as read, as sqlite3 prints them.
    s.out.write_all(&crate::engine::rawtext::encode(&inv.args.join(" ")))?;
    writeln!(s.out)?;
    s.out.flush()?;
    Ok(())
}

fn echo(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.echo = on_off(inv)?;
    Ok(())
}

fn eqp(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (on, full) = match inv.args.as_slice() {
        [w] if w.eq_ignore_ascii_case("full") => (true, true),
        [w] if w.eq_ignore_ascii_case("trigger") => {
            bail!(".eqp trigger is not supported by talkcli; use .eqp on or full")
        }
        _ => (on_off(inv)?, false),
    };
    s.settings.eqp = on;
    s.settings.eqp_full = full;
    Ok(())
}

fn nullvalue(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.args.as_slice() {
        [text] => {
            s.settings.list_null = text.clone();
            s.settings.null_marker = text.clone();
        }
        _ => bail!("{}", inv.usage),
    }
    Ok(())
}

/// The widest column `.width` sets, in characters.
const MAX_WIDTH: u64 = 10_000;

fn width(s: &mut Session, inv: &Invocation) -> Result<()> {
    let mut widths = Vec::with_capacity(inv.args.len());
    for a in &inv.args {
        let w = a.parse::<i64>().map_err(|_| anyhow::anyhow!("{}: not a width: {a}", inv.usage))?;
        // Every cell of the column is padded to the width: a huge one would fill memory.
        if w.unsigned_abs() > MAX_WIDTH {
            bail!(".width: {a} is too wide (widths go from -{MAX_WIDTH} to {MAX_WIDTH})");
        }
        widths.push(w);
    }
    s.settings.widths = widths;
    Ok(())
}
