//! Commands about the shell and the schema: help, quit, listing and describing tables.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::command::objects::{objects_sql, split_qualified};
use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer, find};
use crate::engine::render::hanging;
use crate::engine::session::{Query, Session};
use crate::engine::settings::Format;

/// Shell and schema commands.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\?",
        aliases: &[".help", "help"],
        args: &[Arg::Optional(&[Arg::Value("COMMAND", Offer::Commands)])],
        summary: "list commands, or show one command's help",
        help: "Without an argument, lists every command with a one-line summary.\nWith one, shows that command's full help.\n\nExamples:\n  \\?\n  \\? \\dt\n  help .schema",
        shows: &[],
        run: Handler::Acts(help),
    },
    Command {
        name: "\\q",
        aliases: &["\\quit", ".quit", ".exit", "quit", "exit"],
        args: &[Arg::Optional(&[Arg::Value("STATUS", Offer::Free)])],
        summary: "quit talkcli, optionally with an exit status (as sqlite3's .exit N)",
        help: "Leaves talkcli. Ctrl-D on an empty line does the same. A script can end with a status of its\nchoosing, 0 to 255, as with sqlite3's `.exit N`.\n\nExamples:\n  \\q\n  .exit\n  .exit 3",
        shows: &[],
        run: Handler::Asks(quit),
    },
    Command {
        name: "\\dt",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("PATTERN", Offer::Tables)])],
        summary: "list tables (and views), optionally matching a pattern",
        help: "Lists tables and views. PATTERN may use * and ? wildcards (or SQL's % and _).\n\nExamples:\n  \\dt\n  \\dt talk*",
        shows: &[],
        run: Handler::Acts(list_tables),
    },
    Command {
        name: "\\dv",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("PATTERN", Offer::Tables)])],
        summary: "list views, optionally matching a pattern",
        help: "Lists views. PATTERN may use * and ? wildcards (or SQL's % and _).\n\nExamples:\n  \\dv\n  \\dv talk*",
        shows: &[],
        run: Handler::Acts(list_views),
    },
    Command {
        name: "\\di",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("TABLE", Offer::Tables)])],
        summary: "list indexes, optionally of tables matching a pattern",
        help: "Lists indexes with their table, columns and whether they are unique.\n\nExamples:\n  \\di\n  \\di talks",
        shows: &[],
        run: Handler::Acts(list_indexes),
    },
    Command {
        name: "\\d",
        aliases: &["describe"],
        args: &[Arg::Optional(&[Arg::Value("NAME", Offer::Tables)])],
        summary: "describe a table or view: columns, types, keys; without NAME list all",
        help: "Shows the columns of a table or view with their type, whether they may be NULL, their default\nand primary-key position, then the table's indexes, foreign keys and the tables that refer to it.\nWithout NAME, lists every table, view, index and trigger.\n\nExamples:\n  \\d talks\n  \\d talk_overview",
        shows: &[],
        run: Handler::Acts(describe),
    },
];

/// `\?` and `\? NAME`: taller than the screen, through the pager, as a long result would be.
pub fn help(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.paged(|s| help_text(s, inv))
}

fn help_text(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.bound.get("COMMAND") {
        None => {
            let text = overview(s.out.width().map(usize::from));
            s.out.write_all(text.as_bytes())?;
        }
        Some(name) => {
            let Some(c) = find(name).or_else(|| find(&format!("\\{name}"))) else {
                bail!("{}", crate::engine::command::unknown_message(name));
            };
            let width = Some(s.out.width().map_or(80, usize::from).clamp(40, 100));
            let mut text = hanging("", &format!("{} {} — {}", c.name, c.synopsis(), c.summary), 2, width);
            if !c.aliases.is_empty() {
                text.push_str(&hanging("aliases: ", &c.aliases.join(", "), 9, width));
            }
            text.push('\n');
            text.push_str(&reflow(c.help, width));
            s.out.write_all(text.as_bytes())?;
            if !c.shows.is_empty() {
                writeln!(s.out, "\nSQL it runs ({}+ prints it each time):", c.name)?;
                for (label, sql) in c.shows {
                    writeln!(
                        s.out,
                        "\n-- {label}\n{};",
                        crate::engine::command::shortcut_sql::unindent(sql).trim_end()
                    )?;
                }
            }
        }
    }
    s.out.flush()?;
    Ok(())
}

/// Help text fitted to `width`: a paragraph of plain lines is joined and wrapped at word
/// boundaries; indented lines (examples) keep their indent and wrap under it.
fn reflow(help: &str, width: Option<usize>) -> String {
    let mut out = String::new();
    for (i, block) in help.split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut prose = String::new();
        for line in block.lines() {
            let indent = line.len() - line.trim_start().len();
            if indent == 0 && !line.ends_with(':') {
                prose.push_str(if prose.is_empty() { "" } else { " " });
                prose.push_str(line);
                continue;
            }
            if !prose.is_empty() {
                out.push_str(&hanging("", &std::mem::take(&mut prose), 0, width));
            }
            out.push_str(&hanging(&line[..indent], line.trim_start(), indent + 2, width));
        }
        if !prose.is_empty() {
            out.push_str(&hanging("", &prose, 0, width));
        }
    }
    out
}

/// `\?`: the commands grouped by topic, each summary wrapped under itself (hanging indent) so
/// the list fits `width` columns (80 when not on a terminal).
fn overview(width: Option<usize>) -> String {
    const INDENT: usize = 24;
    let width = width.unwrap_or(80).clamp(40, 100);
    let mut text = String::new();
    for (topic, slices) in crate::engine::command::topics() {
        text.push_str(&format!("{topic}\n"));
        for c in slices.iter().flat_map(|s| s.iter()) {
            let head = if c.args.is_empty() { c.name.to_string() } else { format!("{} {}", c.name, c.synopsis()) };
            let aliases = if c.aliases.is_empty() { String::new() } else { format!(" ({})", c.aliases.join(", ")) };
            let summary = format!("{}{aliases}", c.summary);
            let lead = format!("  {head}");
            if lead.chars().count() + 2 <= INDENT {
                text.push_str(&hanging(&format!("{lead:INDENT$}"), &summary, INDENT, Some(width)));
            } else {
                // A long synopsis wraps under itself.
                text.push_str(&hanging("  ", &head, 4, Some(width)));
                text.push_str(&hanging(&" ".repeat(INDENT), &summary, INDENT, Some(width)));
            }
        }
        text.push('\n');
    }
    text.push_str("SQL statements end with ';'. Type \\? NAME for a command's full help.\n");
    text
}

pub fn quit(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    match inv.bound.get("STATUS") {
        None => Ok(Effect::Quit(crate::engine::exit::Quit::Usual)),
        Some(n) => match n.parse::<u8>() {
            Ok(code) => Ok(Effect::Quit(crate::engine::exit::Quit::With(i32::from(code)))),
            Err(_) => bail!("exit status must be a whole number from 0 to 255, not '{n}'"),
        },
    }
}

/// A psql pattern (`*`, `?`) as a LIKE pattern; SQL wildcards pass through.
fn like_pattern(p: &str) -> String {
    p.replace('*', "%").replace('?', "_")
}

pub fn list_tables(s: &mut Session, inv: &Invocation) -> Result<()> {
    list_objects(s, inv, "'table', 'view'")
}

/// Tables or views of every database (temporary and attached ones named `schema.name`), ordered
/// main first; PATTERN matches the name or the qualified name (`\dt bk.*`).
fn list_objects(s: &mut Session, inv: &Invocation, types: &str) -> Result<()> {
    let pattern = inv.bound.get("PATTERN").map_or_else(|| "%".to_string(), like_pattern);
    let with_type = if types.contains(',') { ", type" } else { "" };
    let sql = format!(
        "SELECT CASE WHEN schema = 'main' THEN name ELSE schema || '.' || name END AS name{with_type}
         FROM {} WHERE type IN ({types}) AND (name LIKE ?1 OR schema || '.' || name LIKE ?1)
         ORDER BY schema <> 'main', schema <> 'temp', schema, type, name",
        objects_sql(&s.conn)
    );
    s.run(Query::new(&sql).params(&[&pattern]))?;
    Ok(())
}

/// The database holding `name` as SQLite resolves it (temp, main, then attached), with the name
/// as stored; `bk.name` looks in `bk` only.
fn resolve(s: &Session, name: &str) -> Result<Option<(String, String)>> {
    let (schema, bare) = split_qualified(&s.conn, name);
    let sql = format!(
        "SELECT schema, name FROM {} WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE
           AND (?2 IS NULL OR schema = ?2 COLLATE NOCASE)
         ORDER BY schema <> 'temp', schema <> 'main' LIMIT 1",
        objects_sql(&s.conn)
    );
    let found = s.conn.query_row(&sql, rusqlite::params![bare, schema], |r| Ok((r.get(0)?, r.get(1)?)));
    match found {
        Ok(pair) => Ok(Some(pair)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub fn describe(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = match inv.bound.get("NAME") {
        None => {
            let sql = format!(
                "SELECT CASE WHEN schema = 'main' THEN name ELSE schema || '.' || name END AS name, type,
                        tbl_name AS \"table\"
                 FROM {} WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                 ORDER BY schema <> 'main', schema <> 'temp', schema, type, name",
                objects_sql(&s.conn)
            );
            s.run(Query::new(&sql))?;
            return Ok(());
        }
        Some(n) => n.to_string(),
    };
    let Some((schema, name)) = resolve(s, &name)? else {
        bail!("no table or view named '{name}'{}", crate::engine::diagnose::did_you_mean_table(&s.conn, &name));
    };
    s.run(
        Query::new(
            "SELECT name AS column, type, CASE WHEN \"notnull\" THEN 'not null' ELSE '' END AS nullable,
                coalesce(dflt_value, '') AS \"default\", CASE WHEN pk > 0 THEN pk ELSE '' END AS pk
         FROM pragma_table_xinfo(?1, ?2) WHERE hidden IN (0, 2, 3) ORDER BY cid",
        )
        .params(&[&name, &schema])
        .format(Format::Table),
    )?;
    describe_keys(s, &schema, &name)?;
    Ok(())
}

/// The indexes, foreign keys and incoming references of table `name`, as psql lists them under
/// the columns. Views have none of these and print nothing.
fn describe_keys(s: &mut Session, schema: &str, name: &str) -> Result<()> {
    // Names come from the schema, which is data too: escaped, and wrapped to the terminal.
    let width = s.out.width().map(usize::from);
    let mut text = String::new();
    let mut stmt = s.conn.prepare(
        "SELECT il.name, il.\"unique\", il.origin, il.partial,
                (SELECT group_concat(coalesce(ii.name, '<expr>'), ', ') FROM pragma_index_info(il.name, ?2) ii)
         FROM pragma_index_list(?1, ?2) il ORDER BY il.origin = 'pk' DESC, il.name",
    )?;
    let indexes: Vec<(String, bool, String, bool, Option<String>)> = stmt
        .query_map([name, schema], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    if !indexes.is_empty() {
        text.push_str("Indexes:\n");
        for (idx, unique, origin, partial, cols) in indexes {
            let what = match origin.as_str() {
                "pk" => "PRIMARY KEY",
                _ if unique => "UNIQUE",
                _ => "INDEX",
            };
            let partial = if partial { " (partial)" } else { "" };
            let line = format!("{idx} {what} ({}){partial}", cols.unwrap_or_default());
            text.push_str(&hanging("    ", &line, 6, width));
        }
    }
    let mut stmt = s.conn.prepare(
        "SELECT id, group_concat(\"from\", ', '), \"table\", group_concat(coalesce(\"to\", '?'), ', '),
                on_update, on_delete
         FROM (SELECT * FROM pragma_foreign_key_list(?1, ?2) ORDER BY id, seq) GROUP BY id ORDER BY id",
    )?;
    let fks: Vec<(i64, String, String, String, String, String)> = stmt
        .query_map([name, schema], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<Result<_, _>>()?;
    if !fks.is_empty() {
        text.push_str("Foreign keys:\n");
        for (_, from, table, to, on_update, on_delete) in fks {
            let mut actions = String::new();
            if on_delete != "NO ACTION" {
                actions.push_str(&format!(" ON DELETE {on_delete}"));
            }
            if on_update != "NO ACTION" {
                actions.push_str(&format!(" ON UPDATE {on_update}"));
            }
            text.push_str(&hanging("    ", &format!("({from}) REFERENCES {table}({to}){actions}"), 6, width));
        }
    }
    let mut stmt = s.conn.prepare(
        "SELECT m.name, group_concat(f.\"from\", ', ')
         FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE
         GROUP BY m.name, f.id ORDER BY m.name",
    )?;
    let refs: Vec<(String, String)> =
        stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    if !refs.is_empty() {
        text.push_str("Referenced by:\n");
        for (table, cols) in refs {
            text.push_str(&hanging("    ", &format!("{table}({cols})"), 6, width));
        }
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}

pub fn list_views(s: &mut Session, inv: &Invocation) -> Result<()> {
    list_objects(s, inv, "'view'")
}

pub fn list_indexes(s: &mut Session, inv: &Invocation) -> Result<()> {
    let pattern = inv.bound.get("TABLE").map_or_else(|| "%".to_string(), like_pattern);
    let sql = format!(
        "SELECT CASE WHEN m.schema = 'main' THEN m.name ELSE m.schema || '.' || m.name END AS name,
                m.tbl_name AS \"table\",
                (SELECT group_concat(coalesce(ii.name, '<expr>'), ', ')
                   FROM pragma_index_info(m.name, m.schema) ii) AS columns,
                CASE WHEN il.\"unique\" THEN 'unique' ELSE '' END AS \"unique\"
         FROM {} m
         JOIN pragma_index_list(m.tbl_name, m.schema) il ON il.name = m.name
         WHERE m.type = 'index'
           AND (m.tbl_name LIKE ?1 OR m.name LIKE ?1 OR m.schema || '.' || m.tbl_name LIKE ?1
                OR m.schema || '.' || m.name LIKE ?1)
         ORDER BY m.schema <> 'main', m.schema <> 'temp', m.schema, m.tbl_name, m.name",
        objects_sql(&s.conn)
    );
    s.run(Query::new(&sql).params(&[&pattern]))?;
    Ok(())
}
