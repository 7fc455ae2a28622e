//! The sqlite3 shell's dot commands that scripts written for it rely on: `.headers`, `.separator`,
//! `.bail`, `.print`, `.echo` and `.width`. They change settings (or print) so those scripts run
//! here unchanged; the renderers and the script runner read the settings.

use std::io::Write;

use anyhow::{Result, bail};

use super::{ArgKind, Command, Handler, Invocation, Takes};
use crate::session::Session;

/// sqlite3-compatible dot commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: ".headers",
        aliases: &[".header"],
        args: "on|off",
        summary: "column names in csv, tsv, list, quote and insert output (on by default)",
        help: "Whether csv, tsv, list and quote print a header line, and whether insert names the columns.\nOn by default (sqlite3 starts with it off).\n\nExamples:\n  .headers off\n  .mode csv",
        arg_kind: ArgKind::Keyword,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(headers),
    },
    Command {
        name: ".separator",
        aliases: &[],
        args: "COL [ROW]",
        summary: "column (and row) separator of the list format",
        help: "Sets what the list format puts between columns (default |) and after each row (default a\nnewline). \\t, \\n, \\r and \\\\ are understood. Choosing a format with .mode resets both.\n\nExamples:\n  .mode list\n  .separator ,\n  .separator \\t \\r\\n",
        arg_kind: ArgKind::Free,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(separator),
    },
    Command {
        name: ".bail",
        aliases: &[],
        args: "on|off",
        summary: "stop a script at its first error (on, the default) or run on",
        help: "With on, a script stops at its first error; with off it runs every statement and still exits\nwith status 1 if one failed. The same as --bail / --continue.\n\nExamples:\n  .bail off",
        arg_kind: ArgKind::Keyword,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(bail_cmd),
    },
    Command {
        name: ".print",
        aliases: &[],
        args: "TEXT…",
        summary: "print TEXT",
        help: "Prints its arguments, separated by spaces, and a newline (quotes group words, as in sqlite3).\n\nExamples:\n  .print Talks per year\n  .print \"--- done ---\"",
        arg_kind: ArgKind::Free,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(print),
    },
    Command {
        name: ".echo",
        aliases: &[],
        args: "on|off",
        summary: "print each command and statement of a script before running it",
        help: "With on, a script prints each input (a command line, or the SQL it is about to run) before\nrunning it, as sqlite3 does, so output can be matched to the input that made it.\n\nExamples:\n  .echo on",
        arg_kind: ArgKind::Keyword,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Acts(echo),
    },
    Command {
        name: ".width",
        aliases: &[],
        args: "[N…]",
        summary: "accepted for sqlite3 scripts and ignored: tables size their columns themselves",
        help: "sqlite3 uses .width for its column mode. talkcli's tables fit their columns to the data and the\nterminal, so .width changes nothing; it is accepted so sqlite3 scripts run unchanged.\n\nExamples:\n  .width 10 20",
        arg_kind: ArgKind::Free,
        takes: Takes::Words,
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
    Ok(())
}

/// `\t`, `\n`, `\r`, `\\` and `\"` as the characters they name (sqlite3's `resolve_backslashes`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn separator(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.args.as_slice() {
        [col] => s.settings.col_separator = Some(unescape(col)),
        [col, row] => {
            s.settings.col_separator = Some(unescape(col));
            s.settings.row_separator = Some(unescape(row));
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
    writeln!(s.out, "{}", inv.args.join(" "))?;
    s.out.flush()?;
    Ok(())
}

fn echo(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.echo = on_off(inv)?;
    Ok(())
}

fn width(_s: &mut Session, inv: &Invocation) -> Result<()> {
    // Checked, though ignored, so a typo is still caught.
    if let Some(bad) = inv.args.iter().find(|a| a.parse::<i64>().is_err()) {
        bail!("{}: not a width: {bad}", inv.usage);
    }
    Ok(())
}
