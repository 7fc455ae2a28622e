//! The rest of the sqlite3 3.40 shell's dot commands: the ones scripts use (`.changes`,
//! `.version`, `.show`, `.limit`, `.restore`, `.timeout`, `.cd`) work as there; every other one
//! answers with one line saying talkcli does not support it and what to use instead.

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::engine::command::{ANY, Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: ".changes",
        aliases: &[],
        args: &[Arg::Bool],
        summary: "print the change counts after each input, as sqlite3 does",
        help: "With on, after each input that ran without error prints `changes: N   total_changes: M`\n(sqlite3_changes and sqlite3_total_changes), exactly as the sqlite3 shell does.\n\nExamples:\n  .changes on\n  update talks set kind = kind where id = 1;",
        shows: &[],
        run: Handler::Acts(changes),
    },
    Command {
        name: ".timer",
        aliases: &[],
        args: &[Arg::Bool],
        summary: "print sqlite3's Run Time line (real, user and system seconds) after each input",
        help: "With on, after each SQL input (the statements of one line or chunk) prints `Run Time: real S user S sys S`: wall-clock seconds and\nthe CPU time talkcli spent in user and system mode, as the sqlite3 shell does. \\timing shows\ntalkcli's per-statement time instead.\n\nExamples:\n  .timer on\n  select count(*) from talks;",
        shows: &[],
        run: Handler::Acts(timer),
    },
    Command {
        name: ".version",
        aliases: &[],
        args: &[],
        summary: "the SQLite library's version and source id, and the compiler",
        help: "Prints `SQLite VERSION SOURCE-ID` and the compiler SQLite was built with, as sqlite3 does.\n\nExample:\n  .version",
        shows: &[],
        run: Handler::Acts(version),
    },
    Command {
        name: ".show",
        aliases: &[],
        args: &[],
        summary: "the sqlite3-style settings (echo, headers, mode, separators …), as sqlite3 lists them",
        help: "Lists the settings sqlite3's .show lists, in its layout: echo, eqp, explain, headers, mode,\nnullvalue, output, colseparator, rowseparator, stats, width, filename. \\s shows talkcli's own.\n\nExample:\n  .show",
        shows: &[],
        run: Handler::Acts(show),
    },
    Command {
        name: ".limit",
        aliases: &[],
        args: &[Arg::Optional(&[
            Arg::Value("LIMIT", Offer::Free),
            Arg::Optional(&[Arg::Int("VALUE", "a limit", ANY)]),
        ])],
        summary: "show or change one of SQLite's run-time limits",
        help: "Without arguments, lists every limit with its value; with LIMIT (a unique prefix works),\nshows it; with VALUE, sets it first. As sqlite3's .limit.\n\nExamples:\n  .limit\n  .limit length 1000000",
        shows: &[],
        run: Handler::Acts(limit),
    },
    Command {
        name: ".restore",
        aliases: &["\\restore"],
        args: &[Arg::Optional(&[Arg::Value("DB", Offer::Free)]), Arg::Value("FILE", Offer::Files)],
        summary: "replace the database (or attached DB) with the content of FILE",
        help: "Copies FILE over the open database with SQLite's backup API (the reverse of .backup/.save).\nEverything in the database is replaced.\n\nExamples:\n  .restore talks-2024-05-01.db",
        shows: &[],
        run: Handler::Acts(restore),
    },
    Command {
        name: ".timeout",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Int("MS", "a timeout in milliseconds", ANY)])],
        summary: "wait up to MS milliseconds for a locked database",
        help: "How long a statement waits for another connection's lock before failing (default 5000).\n\nExamples:\n  .timeout 10000",
        shows: &[],
        run: Handler::Acts(timeout),
    },
    Command {
        name: ".cd",
        aliases: &["\\cd"],
        args: &[Arg::Value("DIRECTORY", Offer::Files)],
        summary: "change the working directory",
        help: "Changes the directory relative file names (of .read, .import, \\o …) start from.\n\nExamples:\n  .cd ~/exports",
        shows: &[],
        run: Handler::Acts(cd),
    },
];

/// sqlite3 3.40's dot commands talkcli does not carry out, each with what to use instead.
const UNSUPPORTED: &[(&str, &str)] = &[
    (".archive", "use the sqlar tools of the sqlite3 shell"),
    (".auth", "use the sqlite3 shell to trace the authorizer"),
    (".binary", "use .mode quote or hex() to see bytes"),
    (".check", "compare output with diff"),
    (".clone", "use .save FILE for a copy"),
    (".connection", "run another talkcli for a second connection"),
    (".dbconfig", "use the PRAGMA of that setting"),
    (".dbinfo", "use PRAGMA page_count, page_size and freelist_count"),
    (".excel", "use .once FILE.csv with .mode csv"),
    (".expert", "use \\explain QUERY to see which indexes a query uses"),
    (".explain", "EXPLAIN and EXPLAIN QUERY PLAN are always formatted"),
    (".filectrl", "use the sqlite3 shell"),
    (".imposter", "use the sqlite3 shell"),
    (".lint", "use \\d TABLE to see foreign keys and their indexes"),
    (".load", "use the sqlite3 shell to load extensions"),
    (".log", "use the sqlite3 shell"),
    (".nonce", "talkcli has no safe mode"),
    (".progress", "press Ctrl-C to stop a long query"),
    (".prompt", "use \\pset prompt TEMPLATE (%d database, %x transaction, %r read-only)"),
    (".recover", "use .dump, or the sqlite3 shell's .recover"),
    (".scanstats", "use \\explain QUERY"),
    (".selftest", "use the sqlite3 shell"),
    (".session", "use the sqlite3 shell"),
    (".sha3sum", "use the sqlite3 shell"),
    (".stats", "use \\timing for statement times"),
    (".testcase", "compare output with diff"),
    (".testctrl", "use the sqlite3 shell"),
    (".trace", "use \\timing or .echo on"),
    (".vfsinfo", "use the sqlite3 shell"),
    (".vfslist", "use the sqlite3 shell"),
    (".vfsname", "use the sqlite3 shell"),
];

/// The one-line answer for an sqlite3 dot command talkcli does not carry out.
pub(crate) fn unsupported(name: &str) -> Option<String> {
    let (n, instead) = UNSUPPORTED.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    Some(format!("{n} is an sqlite3 shell command talkcli does not support; {instead}"))
}

fn changes(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.count_changes = inv.bound.on_off() == Some(true);
    Ok(())
}

fn timer(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.sqlite3_timer = inv.bound.on_off() == Some(true);
    Ok(())
}

fn version(s: &mut Session, _: &Invocation) -> Result<()> {
    // SAFETY: sqlite3_sourceid returns a static NUL-terminated string.
    let source = unsafe { std::ffi::CStr::from_ptr(rusqlite::ffi::sqlite3_sourceid()) }.to_string_lossy();
    writeln!(s.out, "SQLite {} {source}", rusqlite::version())?;
    let compiler: Option<String> = s
        .conn
        .query_row(
            "SELECT substr(compile_options, 10) FROM pragma_compile_options WHERE compile_options LIKE 'COMPILER=%'",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(c) = compiler {
        writeln!(s.out, "{c}")?;
    }
    s.out.flush()?;
    Ok(())
}

/// Text as sqlite3's `output_c_string` writes it: in double quotes, with C escapes.
fn c_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn show(s: &mut Session, _: &Invocation) -> Result<()> {
    use crate::engine::settings::Format;
    let st = &s.settings;
    let (col, row) = match st.format {
        Format::Csv => (",", "\n"),
        Format::Tsv => ("\t", "\n"),
        Format::Quote => (",", "\n"),
        _ => ("|", "\n"),
    };
    let col = st.col_separator.as_deref().unwrap_or(col);
    let row = st.row_separator.as_deref().unwrap_or(row);
    let file = s.conn.path().filter(|p| !p.is_empty()).unwrap_or(":memory:").to_string();
    let on = |b: bool| if b { "on" } else { "off" };
    let lines = [
        ("echo", on(st.echo).to_string()),
        ("eqp", if st.eqp_full { "full" } else { on(st.eqp) }.to_string()),
        ("explain", "auto".to_string()),
        ("headers", on(st.headers).to_string()),
        ("mode", st.format_label().to_string()),
        ("nullvalue", c_string(&st.list_null)),
        ("output", s.out.describe()),
        ("colseparator", c_string(col)),
        ("rowseparator", c_string(row)),
        ("stats", "off".to_string()),
        ("width", String::new()),
        ("filename", file),
    ];
    for (name, value) in lines {
        writeln!(s.out, "{name:>12}: {value}")?;
    }
    s.out.flush()?;
    Ok(())
}

/// sqlite3's `.limit` names, in its order, with their SQLITE_LIMIT_ ids.
const LIMITS: &[(&str, i32)] = &[
    ("length", 0),
    ("sql_length", 1),
    ("column", 2),
    ("expr_depth", 3),
    ("compound_select", 4),
    ("vdbe_op", 5),
    ("function_arg", 6),
    ("attached", 7),
    ("like_pattern_length", 8),
    ("variable_number", 9),
    ("trigger_depth", 10),
    ("worker_threads", 11),
];

fn sqlite_limit(conn: &rusqlite::Connection, id: i32, value: i32) -> i32 {
    // SAFETY: the handle is the live connection's; the id is one of SQLite's limit categories.
    unsafe { rusqlite::ffi::sqlite3_limit(conn.handle(), id, value) }
}

fn limit(s: &mut Session, inv: &Invocation) -> Result<()> {
    let show_one = |s: &mut Session, name: &str, id: i32| -> Result<()> {
        writeln!(s.out, "{name:>20} {}", sqlite_limit(&s.conn, id, -1))?;
        Ok(())
    };
    match inv.bound.get("LIMIT") {
        None => {
            for (name, id) in LIMITS {
                show_one(s, name, *id)?;
            }
        }
        Some(name) => {
            let lower = name.to_ascii_lowercase();
            let matches: Vec<&(&str, i32)> = LIMITS.iter().filter(|(n, _)| n.starts_with(&lower)).collect();
            let (full, id) = match matches.as_slice() {
                [one] => **one,
                [] => bail!("unknown limit: \"{name}\"\nenter \".limits\" with no arguments for a list."),
                _ => bail!("ambiguous limit: \"{name}\""),
            };
            if let Some(v) = inv.bound.int("VALUE") {
                sqlite_limit(&s.conn, id, i32::try_from(v).unwrap_or(if v < 0 { -1 } else { i32::MAX }));
            }
            show_one(s, full, id)?;
        }
    }
    s.out.flush()?;
    Ok(())
}

fn restore(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (db, file) = (inv.bound.get("DB").unwrap_or("main"), inv.bound.need("FILE")?);
    let path = std::path::Path::new(file);
    if !path.is_file() {
        bail!("cannot open \"{file}\"");
    }
    s.conn
        .restore(db, path, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| anyhow::anyhow!("cannot restore from {file}: {}", crate::engine::error::sql_error_message(&e)))?;
    Ok(())
}

fn timeout(s: &mut Session, inv: &Invocation) -> Result<()> {
    // A negative timeout turns waiting off, as in sqlite3.
    let ms = inv.bound.int("MS").map_or(0, |ms| u64::try_from(ms).unwrap_or(0));
    s.conn.busy_timeout(std::time::Duration::from_millis(ms))?;
    Ok(())
}

fn cd(_s: &mut Session, inv: &Invocation) -> Result<()> {
    let dir = inv.bound.need("DIRECTORY")?;
    let path = match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(dir),
    };
    std::env::set_current_dir(&path).with_context(|| format!("cannot change to directory \"{dir}\""))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::dot_commands::*;

    #[test]
    fn c_strings_as_sqlite3_shows_separators() {
        assert_eq!(c_string("|"), "\"|\"");
        assert_eq!(c_string("\r\n"), "\"\\r\\n\"");
        assert_eq!(c_string("\t\u{1f}"), "\"\\t\\037\"");
    }

    #[test]
    fn unsupported_commands_name_what_to_use() {
        let msg = unsupported(".Stats").expect("known");
        assert!(msg.starts_with(".stats is an sqlite3 shell command talkcli does not support; use"), "{msg}");
        assert!(unsupported(".tables").is_none());
    }
}
