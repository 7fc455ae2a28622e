//! Running a shortcut's SQL with bound parameters, printing it first when asked (`\talk+ …`), so
//! users learn the schema from the commands they use. Also the check that the tables a shortcut
//! needs exist, for `--db` files that are not the talk database.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::ToSql;
use rusqlite::types::Value;

use crate::engine::command::Invocation;
use crate::engine::session::{Query, Session};
use crate::engine::sql::quote;
use crate::engine::style::{Palette, Role};

/// Prints `sql` and its parameters when the command was typed with `+`.
pub fn show(s: &mut Session, inv: &Invocation, sql: &str, params: &[Value]) -> Result<()> {
    if !inv.show_sql {
        return Ok(());
    }
    let palette = Palette::themed(s.settings.paints(s.out.is_terminal()), s.settings.theme);
    let mut text = String::new();
    for line in unindent(sql).lines() {
        text.push_str(line);
        text.push('\n');
    }
    for (i, p) in params.iter().enumerate() {
        text.push_str(&format!("-- ?{} = {}\n", i + 1, quote::literal(p)));
    }
    writeln!(s.out, "{}", palette.paint(Role::Dim, text.trim_end()))?;
    Ok(())
}

/// Shows (when asked) and runs one query, drawing its rows in the session's format.
pub fn run(s: &mut Session, inv: &Invocation, sql: &str, params: &[Value]) -> Result<u64> {
    show(s, inv, sql, params)?;
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
    Ok(s.run(Query::new(sql).params(&refs))?.rows)
}

/// Like `run`, but on a terminal only the first page (the row limit) is stepped, not counted
/// beyond it: for results that can be huge.
pub fn run_page(s: &mut Session, inv: &Invocation, sql: &str, params: &[Value]) -> Result<u64> {
    show(s, inv, sql, params)?;
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
    Ok(s.run(Query::new(sql).params(&refs).page())?.rows)
}

/// SQL written indented inside Rust source, with the common indentation removed.
pub fn unindent(sql: &str) -> String {
    let lines: Vec<&str> = sql.trim_matches('\n').lines().collect();
    let indent = lines.iter().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line =
            if i == 0 { line.trim_start() } else { line.get(indent.unwrap_or(0)..).unwrap_or(line.trim_start()) };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Fails with one clear line when the open database is not a talk catalogue.
pub fn require_catalogue(s: &Session) -> Result<()> {
    require_tables(s, "talk shortcuts", &["talks", "talk_overview", "mentions", "writeups"])
}

/// Fails with one clear line when the open database lacks a table a command needs.
pub fn require_tables(s: &Session, what: &str, tables: &[&str]) -> Result<()> {
    for t in tables {
        let found: i64 = s.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1",
            [t],
            |r| r.get(0),
        )?;
        if found == 0 {
            bail!("this database has no {t} table (needed by {what}); open the bundled talk database, without --db");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::engine::command::shortcut_sql::*;

    #[test]
    fn literals_are_quoted_as_sql() {
        assert_eq!(quote::literal(&Value::Text("it's".into())), "'it''s'");
        assert_eq!(quote::literal(&Value::Integer(7)), "7");
        assert_eq!(quote::literal(&Value::Null), "NULL");
    }

    #[test]
    fn unindent_keeps_relative_indentation() {
        assert_eq!(unindent("\n    SELECT a\n      FROM t\n    WHERE x\n"), "SELECT a\n  FROM t\nWHERE x\n");
    }
}
