//! Variables at the prompt: psql's `\set`, `\unset`, `\echo` and `\gset`, and sqlite3's
//! `.parameter`, all on the session's one store (`vars.rs`). SQL uses them as bound parameters.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::types::{Value, ValueRef};

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer, find};
use crate::engine::render::Renderer;
use crate::engine::session::Session;
use crate::engine::vars::{self, Variables};

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\set",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("NAME", Offer::Free), Arg::Optional(&[Arg::Text("VALUE…", Offer::Free)])])],
        summary: "set a variable that SQL uses as :NAME (bound, never pasted); without NAME, list them",
        help: "Sets NAME to VALUE (several values are joined, as in psql; none sets the empty string).\nIn SQL, :NAME is a bound parameter: a whole number binds as an integer, other text as text, so a\nvalue is never read as SQL. :'NAME' binds the value as text; :\"NAME\" puts it in as a quoted\nidentifier (a table or column name). $NAME and @NAME work too, as in sqlite3. Without arguments,\nlists every variable. The same store as .parameter.\n\nExamples:\n  \\set year 2017\n  select title from talk_overview where year = :year limit 3;\n  \\set who 'Ned Batchelder'\n  select count(*) from talk_overview where speakers like '%' || :'who' || '%';",
        shows: &[],
        run: Handler::Acts(set),
    },
    Command {
        name: "\\unset",
        aliases: &[],
        args: &[Arg::Value("NAME", Offer::Free)],
        summary: "remove a variable",
        help: "Removes the variable NAME; SQL that uses :NAME then fails with a message naming it.\n\nExample:\n  \\unset year",
        shows: &[],
        run: Handler::Acts(unset),
    },
    Command {
        name: "\\echo",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Flag("-n")]), Arg::Optional(&[Arg::Text("TEXT…", Offer::Free)])],
        summary: "print TEXT, with :NAME replaced by the variable's value",
        help: "Prints its arguments separated by spaces, then a newline (-n: no newline), to standard output\neven while \\o sends results to a file (\\qecho writes there), as psql does. Outside single\nquotes :NAME becomes the value, :'NAME' the value as an SQL literal, :\"NAME\" as an identifier;\nunknown names stay as typed; \"text\" keeps its double quotes, as in psql.\n\nExamples:\n  \\set year 2017\n  \\echo talks of :year\n  \\echo 'literally :year'",
        shows: &[],
        run: Handler::Acts(echo),
    },
    Command {
        name: "\\gset",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("PREFIX", Offer::Free)])],
        summary: "run the query buffer (or the last query) and store its one row's columns as variables",
        help: "Runs the statement typed so far (or, with an empty buffer, the last query); it must return\nexactly one row. Each column becomes a variable of\nthe column's name (with PREFIX in front, when given); a NULL column unsets it, as in psql.\n\nExamples:\n  select count(*) as n, max(year) as latest from talk_overview \\gset\n  \\echo :n talks, the latest from :latest",
        shows: &[],
        run: Handler::Asks(gset),
    },
    Command {
        name: ".parameter",
        aliases: &[".param"],
        args: &[Arg::Either(&[
            &[Arg::Word(&["set"]), Arg::Value("NAME", Offer::Free), Arg::Text("VALUE", Offer::Free)],
            &[Arg::Word(&["unset"]), Arg::Text("NAME", Offer::Free)],
            &[Arg::Word(&["list"])],
            &[Arg::Word(&["clear"])],
            &[Arg::Word(&["init"])],
        ])],
        summary: "sqlite3's parameter bindings: the same store as \\set",
        help: "set NAME VALUE stores VALUE read as an SQL literal (12, 2.5, 'text', NULL, X'hex'; anything\nelse as text) for :NAME, $NAME, @NAME or ?NNN. list shows them, unset NAME removes one, clear\nremoves all, init is accepted for sqlite3 scripts (the store is always ready).\n\nExamples:\n  .parameter set :year 2017\n  select count(*) from talk_overview where year = :year;\n  .parameter list\n  .parameter clear",
        shows: &[],
        run: Handler::Acts(parameter),
    },
];

fn usage(name: &str) -> String {
    find(name).map_or_else(|| format!("usage: {name}"), |c| c.usage())
}

fn set(s: &mut Session, inv: &Invocation) -> Result<()> {
    let words = vars::interpolate_words(&inv.rest, &s.vars).map_err(|e| anyhow::anyhow!("\\set: {e}"))?;
    let Some((name, values)) = words.split_first() else {
        return list(s);
    };
    check_name(name)?;
    s.vars.set(name, vars::from_text(&values.concat()));
    Ok(())
}

fn check_name(name: &str) -> Result<()> {
    if !vars::valid_name(name) {
        bail!("invalid variable name '{name}': use letters, digits and _ (not starting with a digit)");
    }
    Ok(())
}

/// `NAME = 'value'` lines, as psql lists them.
fn list(s: &mut Session) -> Result<()> {
    let lines: Vec<String> =
        s.vars.iter().map(|(k, v)| format!("{k} = {}", crate::engine::sql::quote::literal(v))).collect();
    for line in lines {
        writeln!(s.out, "{}", crate::engine::render::escape_controls(&line))?;
    }
    s.out.flush()?;
    Ok(())
}

fn unset(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = inv.bound.need("NAME")?;
    check_name(name)?;
    // As in psql, removing a variable that is not set is not an error.
    s.vars.unset(name);
    Ok(())
}

/// As psql's: to standard output even while `\o` sends results elsewhere (`\qecho` follows `\o`).
fn echo(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (text, newline) = crate::engine::command::psql::echo_text(s, inv)?;
    s.out.write_to_screen(&format!("{text}{}", if newline { "\n" } else { "" }))?;
    Ok(())
}

/// Keeps the column names and the first row of a result, and counts its rows.
#[derive(Default)]
struct OneRow {
    columns: Vec<String>,
    row: Vec<Value>,
    rows: u64,
}

impl Renderer for OneRow {
    fn begin(&mut self, _: &mut dyn Write, columns: &[String]) -> std::io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, _: &mut dyn Write, row: &[ValueRef<'_>]) -> std::io::Result<()> {
        if self.rows == 0 {
            self.row =
                row.iter().map(|v| Value::try_from(*v)).collect::<Result<_, _>>().map_err(std::io::Error::other)?;
        }
        self.rows += 1;
        Ok(())
    }

    fn end(&mut self, _: &mut dyn Write, _: Option<u64>) -> std::io::Result<()> {
        Ok(())
    }
}

fn gset(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    let prefix = inv.bound.get("PREFIX").unwrap_or_default();
    Ok(Effect::SetFromBuffer(prefix.to_string()))
}

/// Runs `sql` without printing and stores its one row's columns as variables.
pub(super) fn store_one_row(s: &mut Session, sql: &str, prefix: &str) -> Result<()> {
    let row = one_row(s, sql)?;
    store_row(&mut s.vars, prefix, row)
}

/// Runs every statement of `sql` (without printing) and returns the last one's single row.
fn one_row(s: &mut Session, sql: &str) -> Result<OneRow> {
    let mut last = None;
    for st in crate::engine::sql::split(sql) {
        let mut rows = OneRow::default();
        let mut sink = std::io::sink();
        crate::engine::exec::run(&s.conn, crate::engine::exec::Sql::new(st.text).vars(&s.vars), &mut rows, &mut sink)?;
        last = Some(rows);
    }
    let rows = last.unwrap_or_default();
    match rows.rows {
        _ if rows.columns.is_empty() => bail!("\\gset: the last statement returns no columns"),
        0 => bail!("\\gset: the query returned no rows (it must return exactly one)"),
        1 => Ok(rows),
        n => bail!("\\gset: the query returned {n} rows (it must return exactly one)"),
    }
}

/// Stores each column as `PREFIX` + its name; checks every name first so a bad one changes nothing.
fn store_row(store: &mut Variables, prefix: &str, row: OneRow) -> Result<()> {
    let names: Vec<String> = row.columns.iter().map(|c| format!("{prefix}{c}")).collect();
    if let Some(bad) = names.iter().find(|n| !vars::valid_name(n)) {
        bail!("\\gset: column '{bad}' is not a valid variable name; name it with AS");
    }
    for (name, value) in names.iter().zip(row.row) {
        match value {
            Value::Null => {
                store.unset(name);
            }
            v => store.set(name, v),
        }
    }
    Ok(())
}

fn parameter(s: &mut Session, inv: &Invocation) -> Result<()> {
    let rest = inv.rest.trim();
    let (sub, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let after = after.trim();
    match (sub.to_ascii_lowercase().as_str(), after) {
        ("set", after) => {
            let (name, value) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
            if name.is_empty() || value.trim().is_empty() {
                bail!(".parameter set needs a NAME and a VALUE; {}", usage(".parameter"));
            }
            check_name(name)?;
            s.vars.set(name, vars::from_literal(value));
        }
        ("unset", name) if !name.is_empty() => {
            check_name(name)?;
            s.vars.unset(name);
        }
        ("list", "") => {
            let rows: Vec<(String, String)> = s
                .vars
                .iter()
                .map(|(k, v)| {
                    (
                        if k.starts_with('?') { k.to_string() } else { format!(":{k}") },
                        crate::engine::sql::quote::literal(v),
                    )
                })
                .collect();
            let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
            for (k, v) in rows {
                writeln!(s.out, "{}", crate::engine::render::escape_controls(&format!("{k:<width$} {v}")))?;
            }
            s.out.flush()?;
        }
        ("clear", "") => s.vars.clear(),
        // sqlite3 creates its bind table here; talkcli's store always exists.
        ("init", "") => {}
        _ => bail!("{}", usage(".parameter")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::engine::command::variables::*;

    #[test]
    fn a_row_is_stored_only_when_every_name_is_valid() {
        let mut store = Variables::default();
        let row = |cols: &[&str], vals: Vec<Value>| OneRow {
            columns: cols.iter().map(|c| c.to_string()).collect(),
            row: vals,
            rows: 1,
        };
        store.set("gone", Value::Integer(1));
        store_row(&mut store, "", row(&["n", "gone"], vec![Value::Integer(3), Value::Null])).expect("stores");
        assert_eq!(store.get("n"), Some(&Value::Integer(3)));
        assert_eq!(store.get("gone"), None, "NULL unsets");
        let err = store_row(&mut store, "p_", row(&["a", "count(*)"], vec![Value::Integer(1), Value::Integer(2)]));
        assert!(err.unwrap_err().to_string().contains("p_count(*)"));
        assert_eq!(store.get("p_a"), None, "nothing stored when one name is bad");
    }
}
