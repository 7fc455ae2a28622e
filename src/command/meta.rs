//! Commands about the shell and the schema: help, quit, listing and describing tables.

use std::io::Write;

use anyhow::{Result, bail};

use super::{ArgKind, Command, Invocation, all, find};
use crate::session::Session;
use crate::settings::Format;

/// Shell and schema commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\?",
        aliases: &[".help", "help"],
        args: "[COMMAND]",
        summary: "list commands, or show one command's help",
        help: "Without an argument, lists every command with a one-line summary.\nWith one, shows that command's full help.\n\nExamples:\n  \\?\n  \\? \\dt\n  help .schema",
        arg_kind: ArgKind::Command,
        run: help,
    },
    Command {
        name: "\\q",
        aliases: &["\\quit", ".quit", ".exit", "quit", "exit"],
        args: "",
        summary: "quit talkcli",
        help: "Leaves talkcli. Ctrl-D on an empty line does the same.",
        arg_kind: ArgKind::None,
        run: quit,
    },
    Command {
        name: "\\dt",
        aliases: &[".tables"],
        args: "[PATTERN]",
        summary: "list tables (and views), optionally matching a pattern",
        help: "Lists tables and views. PATTERN may use * and ? wildcards (or SQL's % and _).\n\nExamples:\n  \\dt\n  \\dt talk*",
        arg_kind: ArgKind::Table,
        run: list_tables,
    },
    Command {
        name: "\\d",
        aliases: &["describe"],
        args: "[NAME]",
        summary: "describe a table or view: columns, types, keys; without NAME list all",
        help: "Shows the columns of a table or view with their type, whether they may be NULL, their default\nand primary-key position. Without NAME, lists every table, view, index and trigger.\n\nExamples:\n  \\d talks\n  \\d talk_overview",
        arg_kind: ArgKind::Table,
        run: describe,
    },
    Command {
        name: ".schema",
        aliases: &["\\schema"],
        args: "[NAME]",
        summary: "show the CREATE statements, optionally of one table",
        help: "Prints the SQL that creates the schema (as the sqlite3 shell does).\n\nExamples:\n  .schema\n  .schema talks",
        arg_kind: ArgKind::Table,
        run: schema,
    },
];

pub fn help(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.args.as_slice() {
        [] => {
            let width = all().map(|c| c.name.len() + 1 + c.args.len()).max().unwrap_or(0);
            for c in all() {
                let head = if c.args.is_empty() { c.name.to_string() } else { format!("{} {}", c.name, c.args) };
                let aliases = if c.aliases.is_empty() { String::new() } else { format!(" ({})", c.aliases.join(", ")) };
                writeln!(s.out, "{head:width$}  {}{aliases}", c.summary)?;
            }
            writeln!(s.out, "\nSQL statements end with ';'. Type \\? NAME for a command's full help.")?;
        }
        [name] => {
            let Some(c) = find(name).or_else(|| find(&format!("\\{name}"))) else {
                bail!("{}", super::unknown_message(name));
            };
            writeln!(s.out, "{} {} — {}", c.name, c.args, c.summary)?;
            if !c.aliases.is_empty() {
                writeln!(s.out, "aliases: {}", c.aliases.join(", "))?;
            }
            writeln!(s.out, "\n{}", c.help)?;
        }
        _ => bail!("{}", usage("\\?")),
    }
    s.out.flush()?;
    Ok(())
}

fn usage(name: &str) -> String {
    find(name).map_or_else(|| format!("usage: {name}"), |c| c.usage())
}

pub fn quit(s: &mut Session, inv: &Invocation) -> Result<()> {
    if !inv.args.is_empty() {
        bail!("{}", usage("\\q"));
    }
    s.quit = true;
    Ok(())
}

/// A psql pattern (`*`, `?`) as a LIKE pattern; SQL wildcards pass through.
fn like_pattern(p: &str) -> String {
    p.replace('*', "%").replace('?', "_")
}

pub fn list_tables(s: &mut Session, inv: &Invocation) -> Result<()> {
    let pattern = match inv.args.as_slice() {
        [] => "%".to_string(),
        [p] => like_pattern(p),
        _ => bail!("{}", usage("\\dt")),
    };
    s.run_query(
        "SELECT name, type FROM sqlite_schema
         WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name LIKE ?1
           AND name NOT IN (SELECT name || suffix FROM sqlite_schema,
                 (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_content'
                  UNION ALL SELECT '_docsize' UNION ALL SELECT '_config')
                 WHERE sql LIKE 'CREATE VIRTUAL TABLE%')
         ORDER BY type, name",
        &[&pattern],
    )?;
    Ok(())
}

pub fn describe(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = match inv.args.as_slice() {
        [] => {
            s.run_query(
                "SELECT name, type, tbl_name AS \"table\" FROM sqlite_schema
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                &[],
            )?;
            return Ok(());
        }
        [n] => n.clone(),
        _ => bail!("{}", usage("\\d")),
    };
    let exists: bool = s.conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
        [&name],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if !exists {
        bail!("no table or view named '{name}'");
    }
    s.query(
        "SELECT name AS column, type, CASE WHEN \"notnull\" THEN 'not null' ELSE '' END AS nullable,
                dflt_value AS \"default\", CASE WHEN pk > 0 THEN pk END AS pk
         FROM pragma_table_xinfo(?1) WHERE hidden IN (0, 2, 3) ORDER BY cid",
        &[&name],
        Format::Table,
    )?;
    Ok(())
}

pub fn schema(s: &mut Session, inv: &Invocation) -> Result<()> {
    let pattern = match inv.args.as_slice() {
        [] => "%".to_string(),
        [p] => like_pattern(p),
        _ => bail!("{}", usage(".schema")),
    };
    let mut stmt = s.conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
           AND (tbl_name LIKE ?1 OR name LIKE ?1)
         ORDER BY tbl_name, type DESC, name",
    )?;
    let sqls: Vec<String> = stmt.query_map([&pattern], |r| r.get(0))?.collect::<Result<_, _>>()?;
    drop(stmt);
    if sqls.is_empty() && !inv.args.is_empty() {
        bail!("no table or view matches '{}'", inv.args[0]);
    }
    for sql in sqls {
        writeln!(s.out, "{sql};")?;
    }
    s.out.flush()?;
    Ok(())
}
