//! The sqlite3 shell's dot commands that scripts written for it rely on: `.headers`, `.separator`,
//! `.bail`, `.print`, `.echo` and `.width`. They change settings (or print) so those scripts run
//! here unchanged; the renderers and the script runner read the settings.

use std::io::Write;

use anyhow::Result;

use crate::engine::command::display::{self, Chosen};
use crate::engine::command::{ANY, Arg, Command, Handler, Invocation, Offer, Within};
use crate::engine::session::Session;
use crate::engine::settings::{Columnar, ColumnarMode};

/// sqlite3-compatible dot commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: ".mode",
        aliases: &[],
        args: &[
            Arg::Optional(&[Arg::Value("MODE", Offer::Formats), Arg::Optional(&[Arg::Value("TABLE", Offer::Tables)])]),
            Arg::Optional(&[Arg::Opt("--wrap", &Arg::Int("N", "--wrap", ANY))]),
            Arg::Optional(&[Arg::Opt("--wordwrap", &Arg::Bool)]),
            Arg::Optional(&[Arg::Flag("--ww")]),
            Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--quote")], &[Arg::Flag("--noquote")]])]),
        ],
        summary: "output mode, as sqlite3's .mode: list, csv, tabs, quote, insert, line, json, box, table, column, markdown …",
        help: "Sets the output mode as sqlite3's .mode does, and its separators; without MODE, shows the\ncurrent one. box, table, column and markdown draw sqlite3's own layout, byte for byte (headers\ncentred, NULL as .nullvalue, no row count); --wrap N wraps cells at N characters (default 60),\n--wordwrap on (or --ww) wraps at word boundaries, --quote shows text as SQL literals; qbox is box\nwith --quote. `.mode insert TABLE` names the table the INSERTs write (default \"table\"). \\T\nsets talkcli's own formats.\n\nExamples:\n  .mode csv\n  .mode box --wrap 30\n  .mode insert talks",
        shows: &[],
        run: Handler::Acts(mode),
    },
    Command {
        name: ".headers",
        aliases: &[".header"],
        args: &[Arg::Bool],
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
        args: &[Arg::Bool],
        summary: "stop a script at its first error (on, the default) or run on",
        help: "With on, a script stops at its first error; with off it runs every statement and still exits\nwith status 1 if one failed. The same as --bail / --continue.\n\nExamples:\n  .bail off",
        shows: &[],
        run: Handler::Acts(bail_cmd),
    },
    Command {
        name: ".print",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Many(&[Arg::Value("TEXT", Offer::Free)])])],
        summary: "print TEXT",
        help: "Prints its arguments, separated by spaces, and a newline (quotes group words, as in sqlite3).\n\nExamples:\n  .print Talks per year\n  .print \"--- done ---\"",
        shows: &[],
        run: Handler::Acts(print),
    },
    Command {
        name: ".echo",
        aliases: &[],
        args: &[Arg::Bool],
        summary: "print each command and statement of a script before running it",
        help: "With on, a script prints each input (a command line, or the SQL it is about to run) before\nrunning it, as sqlite3 does, so output can be matched to the input that made it.\n\nExamples:\n  .echo on",
        shows: &[],
        run: Handler::Acts(echo),
    },
    Command {
        name: ".eqp",
        aliases: &[],
        args: &[Arg::Either(&[&[Arg::Bool], &[Arg::Word(&["full"])]])],
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
        args: &[Arg::Optional(&[Arg::Many(&[Arg::Int("N", "each width", Within(-MAX_WIDTH, MAX_WIDTH))])])],
        summary: "column widths of .mode box/table/column/markdown (negative: right-aligned)",
        help: "Sets the widths of sqlite3's columnar modes (.mode box, table, column, markdown), column by\ncolumn, as sqlite3 does: each is a minimum width, and longer text wraps onto further lines; a\nnegative width right-aligns the column; 0 sizes it to the data. Without arguments, clears them.\ntalkcli's own tables (\\T table) fit their columns to the data and the terminal instead.\n\nExamples:\n  .width 10 -8\n  .width",
        shows: &[],
        run: Handler::Acts(width),
    },
];

/// `.mode`: the mode, with the columnar mode its options select for box, table, column and
/// markdown.
fn mode(s: &mut Session, inv: &Invocation) -> Result<()> {
    let b = &inv.bound;
    let Some(name) = b.get("MODE") else { return display::show_format(s) };
    let wrap = b.int("--wrap").map_or(60, |n| usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX));
    let word_wrap = b.has("--ww") || b.get("--wordwrap") == Some("on");
    let quote = match b.last_of(&["--quote", "--noquote"]) {
        Some(last) => last == "--quote",
        None => name.eq_ignore_ascii_case("qbox"),
    };
    let mode = match name.to_ascii_lowercase().as_str() {
        "box" | "qbox" => Some(ColumnarMode::Box),
        "table" => Some(ColumnarMode::Table),
        "column" | "columns" => Some(ColumnarMode::Column),
        "markdown" | "md" => Some(ColumnarMode::Markdown),
        _ => None,
    };
    let columnar = mode.map(|mode| Columnar { mode, wrap, word_wrap, quote });
    display::set_format(s, name, b.get("TABLE"), Chosen::Sqlite3(columnar))
}

fn headers(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.headers = inv.bound.on_off() == Some(true);
    s.settings.headers_set = true;
    Ok(())
}

fn separator(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.col_separator = inv.bound.get("COL").map(str::to_string);
    if let Some(row) = inv.bound.get("ROW") {
        s.settings.row_separator = Some(row.to_string());
    }
    Ok(())
}

fn bail_cmd(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.bail = inv.bound.on_off() == Some(true);
    Ok(())
}

fn print(s: &mut Session, inv: &Invocation) -> Result<()> {
    // Bytes that are not UTF-8 printed as read, as sqlite3 prints them.
    let text: Vec<&str> = inv.bound.all("TEXT").collect();
    s.out.write_all(&crate::engine::rawtext::encode(&text.join(" ")))?;
    writeln!(s.out)?;
    s.out.flush()?;
    Ok(())
}

fn echo(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.echo = inv.bound.on_off() == Some(true);
    Ok(())
}

fn eqp(s: &mut Session, inv: &Invocation) -> Result<()> {
    let full = inv.bound.has("full");
    s.settings.eqp = full || inv.bound.on_off() == Some(true);
    s.settings.eqp_full = full;
    Ok(())
}

fn nullvalue(s: &mut Session, inv: &Invocation) -> Result<()> {
    let text = inv.bound.need("TEXT")?;
    s.settings.list_null = text.to_string();
    s.settings.null_marker = text.to_string();
    Ok(())
}

/// The widest column `.width` sets, in characters.
const MAX_WIDTH: i64 = 10_000;

fn width(s: &mut Session, inv: &Invocation) -> Result<()> {
    let mut widths = Vec::new();
    // Every cell of a column is padded to its width: the declaration keeps widths to
    // MAX_WIDTH, as a huge one would fill memory.
    widths.extend(inv.bound.ints("N"));
    s.settings.widths = widths;
    Ok(())
}
