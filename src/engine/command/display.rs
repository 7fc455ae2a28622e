//! Commands that change how and where results are shown: `\x`, `\T`/`.mode`, `\timing`,
//! `\o`/`.output`, `\once`, `\pager`, `\null`/`.nullvalue`. They change settings only; the
//! renderers and `output.rs` read them.

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;
use crate::engine::settings::{Columnar, Expanded, Format, TableStyle};

/// Output-setting commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\x",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Either(&[&[Arg::Bool], &[Arg::Word(&["auto"])]])])],
        summary: "vertical records: on, off, or auto (the default: when a table cannot fit the terminal)",
        help: "Shows each row as a block of `column | value` lines, like psql's expanded display.\nWithout an argument, toggles on and off. `auto` (the default) draws a table whenever it can fit\nthe terminal, cutting or wrapping long text, and vertical records when it cannot. End one statement with \\G instead of ; to show just it vertically.\n\nExamples:\n  \\x\n  \\x auto\n  select * from talks limit 1 \\G",
        shows: &[],
        run: Handler::Acts(expanded),
    },
    Command {
        name: "\\T",
        aliases: &["\\format"],
        args: &[Arg::Optional(&[
            Arg::Value("FORMAT", Offer::Formats),
            Arg::Optional(&[Arg::Value("TABLE", Offer::Tables)]),
        ])],
        summary: "output format: table, box, vertical, line, csv, tsv, json, jsonl, markdown, html, list, quote, insert",
        help: "Sets the format results are printed in; without an argument, shows the current one.\ncsv and tsv print exactly what `sqlite3 -csv -header` / `-tabs -header` print; json keeps\nnumbers as numbers and NULL as null, blobs as hex, and prints [] for no rows (after .mode json,\nnothing, as sqlite3). sqlite3's names work too: line (sqlite3's line mode), column, tabs.\n.mode box, .mode table, .mode column and .mode markdown draw sqlite3's own layout, byte for byte\n(headers centred, NULL as .nullvalue, no row count, .width and --wrap N, --ww, --quote apply);\n\\T box draws it to a pipe or file, talkcli's Unicode table on a terminal; \\T table, \\T column and\n\\T markdown are talkcli's own tables. list, quote and insert print what sqlite3's modes of\nthat name print (`.mode insert TABLE` names the table; default \"table\"); .headers and .separator\napply to them.\n\nExamples:\n  \\T csv\n  .mode json\n  .mode box\n  \\T table",
        shows: &[],
        run: Handler::Acts(format),
    },
    Command {
        name: "\\timing",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Bool])],
        summary: "show how long each statement took",
        help: "Prints `Time: N ms` after each statement. Without an argument, toggles.\n\nExamples:\n  \\timing\n  \\timing off",
        shows: &[],
        run: Handler::Acts(timing),
    },
    Command {
        name: "\\o",
        aliases: &[".output"],
        args: &[Arg::Optional(&[Arg::Either(&[
            &[Arg::Value("FILE", Offer::Files)],
            &[Arg::Text("|COMMAND", Offer::Free)],
        ])])],
        summary: "send results to FILE (truncated) or to a program (|COMMAND); without one, back to the screen",
        help: "Writes every following result to FILE until \\o without an argument. With |COMMAND, the output\ngoes to COMMAND's input instead (run with sh -c; it finishes when output moves on).\nAs in sqlite3, `.output stdout` goes back to the screen and a quoted '|COMMAND' is a program too.\n\nExamples:\n  \\T csv\n  \\o ~/talks.csv\n  select * from talks;\n  \\o |wc -l\n  \\o",
        shows: &[],
        run: Handler::Acts(output),
    },
    Command {
        name: "\\once",
        aliases: &[".once"],
        args: &[Arg::Optional(&[Arg::Either(&[
            &[Arg::Text("FILE", Offer::Files)],
            &[Arg::Text("|COMMAND", Offer::Free)],
        ])])],
        summary: "send only the next result to FILE, or to a program (|COMMAND)",
        help: "Writes the output of the next command or statement to FILE (truncated), then returns to the\nscreen. With |COMMAND the output goes to COMMAND's input (sh -c), e.g. a clipboard tool or jq.\n`.once stdout` (or \\once alone) sends it to the screen, as sqlite3.\nThe format is the current one: set it first with \\T.\n\nExamples:\n  \\T json\n  \\once recent.json\n  select * from talk_overview where year = 2017;\n  .once |jq length\n  select * from talks;",
        shows: &[],
        run: Handler::Acts(once),
    },
    Command {
        name: "\\pager",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Words("CMD|on|off", Offer::Free)])],
        summary: "page results taller than the screen (default $PAGER or less -FRXS)",
        help: "On a terminal, a result taller than the screen is shown through a pager: the command set here,\nelse $PAGER, else `less -FRXS`. `off` prints everything straight to the screen.\nWithout an argument, shows the current setting.\n\nExamples:\n  \\pager off\n  \\pager on\n  \\pager most",
        shows: &[],
        run: Handler::Acts(pager),
    },
    Command {
        name: "\\null",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("TEXT", Offer::Free)])],
        summary: "text shown for NULL in tables (default <null>); without TEXT, shows it",
        help: "Sets what tables, vertical records, markdown and html show for SQL NULL, so it stays distinct\nfrom the empty string. csv, tsv and json are unaffected (NULL is empty there, null in json).\n\nExamples:\n  \\null ∅\n  \\null ''",
        shows: &[],
        run: Handler::Acts(null),
    },
];

/// Confirms a change at the prompt; scripts stay quiet, as sqlite3 is.
fn say(s: &mut Session, msg: &str) -> Result<()> {
    if s.settings.interactive {
        s.out.status(msg)?;
    }
    Ok(())
}

pub fn expanded(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.expanded = match (inv.bound.on_off(), inv.bound.has("auto")) {
        (_, true) => Expanded::Auto,
        (Some(true), _) => Expanded::On,
        (Some(false), _) => Expanded::Off,
        (None, _) if s.settings.expanded == Expanded::Off => Expanded::On,
        (None, _) => Expanded::Off,
    };
    let state = match s.settings.expanded {
        Expanded::On => "on",
        Expanded::Off => "off",
        Expanded::Auto => "auto",
    };
    say(s, &format!("Expanded display is {state}."))
}

/// `\T`: shows the format, or sets the one named (with `insert`'s table).
pub fn format(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.bound.get("FORMAT") {
        None => show_format(s),
        Some(name) => set_format(s, name, inv.bound.get("TABLE"), Chosen::Psql(&inv.usage)),
    }
}

/// Prints the current format's name.
pub(crate) fn show_format(s: &mut Session) -> Result<()> {
    writeln!(s.out, "{}", s.settings.format_label())?;
    s.out.flush()?;
    Ok(())
}

/// How a format was chosen: by `\T` (with its usage line, for a table name given to a format
/// other than insert), or by sqlite3's `.mode` (with the columnar mode it selects, if any), which
/// sets sqlite3's separators and ignores a table name but for insert.
pub(crate) enum Chosen<'u> {
    Psql(&'u str),
    Sqlite3(Option<Columnar>),
}

/// Sets the format `name` (`table`: insert's table name).
pub(crate) fn set_format(s: &mut Session, name: &str, table: Option<&str>, chosen: Chosen) -> Result<()> {
    let given = name.to_ascii_lowercase();
    let name = if name.eq_ignore_ascii_case("qbox") { "box" } else { name };
    let format = name.parse::<Format>().map_err(|e| anyhow::anyhow!(e))?;
    let (sqlite3, columnar) = match chosen {
        Chosen::Psql(usage) if table.is_some() && format != Format::Insert => {
            bail!("{usage} (a TABLE only for insert)")
        }
        Chosen::Psql(_) => (false, None),
        Chosen::Sqlite3(columnar) => (true, columnar),
    };
    // `.mode insert TABLE` names the table; other modes ignore it, as sqlite3's do.
    if format == Format::Insert {
        s.settings.insert_table = table.unwrap_or("table").to_string();
    }
    s.settings.format = format;
    let own = Format::ALL.iter().any(|(_, n)| *n == given);
    s.settings.format_alias = (!own).then_some((s.settings.format, given));
    // `\T` resets .separator to the format's own; `.mode` sets them as sqlite3's does.
    s.settings.sqlite3_mode = sqlite3;
    s.settings.columnar = columnar;
    if sqlite3 || name.eq_ignore_ascii_case("ascii") {
        crate::engine::settings::mode_separators(&mut s.settings, name);
    } else {
        s.settings.col_separator = None;
        s.settings.row_separator = None;
    }
    // sqlite3's `table` and `column` are ASCII (its `box`, Unicode, is a format of its own).
    if matches!(name.to_ascii_lowercase().as_str(), "table" | "column") {
        s.settings.table_style = TableStyle::Ascii;
    }
    // sqlite3's `.mode column` shows the header unless `.headers` (or -header/-noheader)
    // said otherwise.
    if sqlite3 && name.to_ascii_lowercase().starts_with("column") && !s.settings.headers_set {
        s.settings.headers = true;
    }
    let f = s.settings.format_label().to_string();
    say(s, &format!("Output format is {f}."))
}

pub fn timing(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.timing = inv.bound.on_off().unwrap_or(!s.settings.timing);
    let state = if s.settings.timing { "on" } else { "off" };
    say(s, &format!("Timing is {state}."))
}

/// `|COMMAND` (the raw rest of the line after the bar), when the argument is a program; also one
/// quoted argument starting with a bar (sqlite3's `.once '|sort -n'`).
fn piped(inv: &Invocation) -> Result<Option<&str>> {
    let quoted = match inv.args.as_slice() {
        [one] if !inv.rest.starts_with('|') => one.strip_prefix('|').map(str::trim),
        _ => None,
    };
    match inv.rest.strip_prefix('|').map(str::trim).or(quoted) {
        Some("") => bail!("{}: no command after |", inv.name),
        other => Ok(other),
    }
}

/// The way back to the screen: no file, or sqlite3's `.output stdout` and `.once stdout` (the
/// backslash spellings keep `stdout` a file name, as psql does).
fn is_stdout(inv: &Invocation) -> bool {
    match inv.args.as_slice() {
        [] => true,
        [word] => word == "stdout" && inv.name.starts_with('.'),
        _ => false,
    }
}

pub fn output(s: &mut Session, inv: &Invocation) -> Result<()> {
    if let Some(command) = piped(inv)? {
        s.out.to_pipe(command).with_context(|| format!("cannot start {command}"))?;
        return Ok(());
    }
    match inv.args.as_slice() {
        _ if is_stdout(inv) => s.out.to_stdout()?,
        [path] => {
            let path = expand_home(path);
            crate::engine::db::files::refuse_database_file(&s.conn, &path)?;
            s.out.to_file(&path).with_context(|| format!("cannot write {}", path.display()))?
        }
        _ => bail!("{}: one FILE (quote a name with spaces) or |COMMAND", inv.name),
    }
    Ok(())
}

pub fn once(s: &mut Session, inv: &Invocation) -> Result<()> {
    if let Some(command) = piped(inv)? {
        s.out.once_to_pipe(command).with_context(|| format!("cannot start {command}"))?;
        if inv.name == "\\once" {
            s.out.once_waits_for_output();
        }
        return Ok(());
    }
    if is_stdout(inv) {
        s.out.once_to_stdout()?;
        return Ok(());
    }
    match inv.args.as_slice() {
        [path] => {
            let path = expand_home(path);
            crate::engine::db::files::refuse_database_file(&s.conn, &path)?;
            s.out.once_to_file(&path).with_context(|| format!("cannot write {}", path.display()))?
        }
        _ => bail!("{}: one FILE (quote a name with spaces) or |COMMAND", inv.name),
    }
    if inv.name == "\\once" {
        s.out.once_waits_for_output();
    }
    Ok(())
}

pub fn pager(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.rest.as_str() {
        "" => {
            let state = if s.settings.pager {
                format!("Pager is on: {}", crate::engine::output::pager_command(s.settings.pager_command.as_deref()))
            } else {
                "Pager is off.".to_string()
            };
            writeln!(s.out, "{state}")?;
            s.out.flush()?;
            return Ok(());
        }
        w if w.eq_ignore_ascii_case("off") => s.settings.pager = false,
        // Back to the default pager: `\pager on` after `\pager cat -n` must not keep `cat -n`.
        w if w.eq_ignore_ascii_case("on") => (s.settings.pager, s.settings.pager_command) = (true, None),
        cmd => {
            s.settings.pager = true;
            s.settings.pager_command = Some(cmd.to_string());
        }
    }
    let state = if s.settings.pager { "on" } else { "off" };
    say(s, &format!("Pager is {state}."))
}

pub fn null(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.bound.get("TEXT") {
        None => {
            let marker = crate::engine::render::escape_controls(&s.settings.null_marker);
            writeln!(s.out, "Null display is \"{marker}\".")?;
            s.out.flush()?;
            return Ok(());
        }
        Some(text) => s.settings.null_marker = text.to_string(),
    }
    let marker = s.settings.null_marker.clone();
    say(s, &format!("Null display is \"{marker}\"."))
}
