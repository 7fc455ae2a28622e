//! Errors that teach: what to print under an SQL error so the user sees where it is and what was
//! probably meant. The statement line with a caret (SQLite's error offset, or the unknown name's
//! token when SQLite gives none), and a "did you mean" for unknown tables, columns and functions.
//! The callers print these lines after their one-line error; nothing here writes anywhere.

mod caret;
pub(crate) mod similar;

use rusqlite::Connection;

use crate::engine::exec::ExecError;
use crate::engine::session::Failure;
use crate::engine::sql::lexer::{Kind, tokenize};

pub(crate) use crate::engine::diagnose::caret::caret;

/// An unknown name an SQL error message reports.
#[derive(Debug, PartialEq, Eq)]
enum Unknown<'a> {
    Table(&'a str),
    /// `no such column: [qualifier.]name`.
    Column(Option<&'a str>, &'a str),
    Function(&'a str),
    /// `table T has no column named C` (INSERT's column list).
    ColumnOf(&'a str, &'a str),
}

/// `t.col` → (Some("t"), "col").
fn split(q: &str) -> (Option<&str>, &str) {
    match q.rsplit_once('.') {
        Some((a, b)) if !b.is_empty() => (Some(a), b),
        _ => (None, q),
    }
}

fn classify(msg: &str) -> Option<Unknown<'_>> {
    if let Some(rest) = msg.strip_prefix("no such table: ") {
        return Some(Unknown::Table(split(rest.trim()).1));
    }
    if let Some(rest) = msg.strip_prefix("no such column: ") {
        let (q, name) = split(rest.trim());
        return Some(Unknown::Column(q, name));
    }
    if let Some(rest) = msg.strip_prefix("no such function: ") {
        return Some(Unknown::Function(rest.trim()));
    }
    let rest = msg.strip_prefix("table ")?;
    let (table, column) = rest.split_once(" has no column named ")?;
    Some(Unknown::ColumnOf(table.trim(), column.trim()))
}

/// The lines to print under `failure`'s one-line error: the caret lines (when the position is
/// known) and a hint naming what was probably meant. `text` is the input the failure's offsets
/// refer to; its first line is line `first_line` of its file (1 at the prompt).
pub(crate) fn explain(conn: &Connection, text: &str, failure: &Failure, first_line: usize) -> Vec<String> {
    let ExecError::Sql(e) = &failure.error else {
        // A variable without a value: the caret under it.
        return position(failure)
            .filter(|p| *p <= text.len())
            .map(|p| caret(text, p, first_line).to_vec())
            .unwrap_or_default();
    };
    let msg = crate::engine::error::sql_error_message(e);
    let unknown = classify(&msg);
    let statement = &failure.statement;
    let pos = position(failure);
    let mut lines = Vec::new();
    if let Some(pos) = pos.filter(|p| *p <= text.len()) {
        lines.extend(caret(text, pos, first_line));
    }
    if let Some(hint) = unknown.and_then(|u| hint(conn, statement, &u)) {
        lines.push(hint);
    }
    lines
}

/// Where in the input the error is: SQLite's offset, or else the unknown name's token (SQLite
/// gives no offset for `no such table`).
pub(crate) fn position(failure: &Failure) -> Option<usize> {
    let ExecError::Sql(e) = &failure.error else { return failure.error_offset };
    failure.error_offset.or_else(|| {
        let msg = crate::engine::error::sql_error_message(e);
        let name = match classify(&msg)? {
            Unknown::Table(n) | Unknown::Column(_, n) | Unknown::Function(n) | Unknown::ColumnOf(_, n) => n,
        };
        find_name(&failure.statement, name).map(|p| failure.offset + p)
    })
}

/// Writes `lines` (from `explain`) to stderr, under the error line the caller printed.
pub(crate) fn print(lines: &[String]) {
    use std::io::Write;
    let mut err = crate::engine::error::writer().lock();
    for line in lines {
        let _ = writeln!(err, "{}", crate::engine::render::escape_controls(line));
    }
}

/// `hint: did you mean title?` for an unknown name with near neighbours.
fn hint(conn: &Connection, statement: &str, unknown: &Unknown<'_>) -> Option<String> {
    let (name, candidates) = match unknown {
        // A statement that writes is never pointed at another table.
        Unknown::Table(_) if destructive(statement) => return None,
        Unknown::Table(name) => (*name, tables(conn)),
        Unknown::Function(name) => (*name, strings(conn, "SELECT DISTINCT name FROM pragma_function_list", &[])),
        Unknown::ColumnOf(table, name) => (*name, columns(conn, table)),
        Unknown::Column(qualifier, name) => {
            let known = tables(conn);
            let used = statement_tables(statement, &known);
            // `t.nope`: the columns of t when t is a table's name; an alias could be any of them.
            let only: Vec<&String> = match qualifier {
                Some(q) => used.iter().filter(|t| t.eq_ignore_ascii_case(q)).collect(),
                None => Vec::new(),
            };
            let from: Vec<&String> = if only.is_empty() { used.iter().collect() } else { only };
            let per_table: Vec<Vec<String>> = from.iter().map(|t| columns(conn, t)).collect();
            let mut all: Vec<String> = per_table.iter().flatten().cloned().collect();
            all.sort();
            all.dedup();
            let near = similar::nearest(name, all.iter().map(String::as_str));
            // `id` of both `talks t` and `speakers s`: which one is meant cannot be told, so no hint.
            let in_tables = |c: &str| per_table.iter().filter(|cols| cols.iter().any(|k| k == c)).count();
            if near.iter().any(|c| in_tables(c) > 1) {
                return None;
            }
            (*name, all)
        }
    };
    let near = similar::nearest(name, candidates.iter().map(String::as_str));
    if near.is_empty() {
        return None;
    }
    Some(format!("hint: did you mean {}?", near.join(" or ")))
}

/// Whether `statement` writes: drops, deletes, changes or adds rows (its keywords, not its strings).
fn destructive(statement: &str) -> bool {
    tokenize(statement).into_iter().filter(|t| t.kind == Kind::Word).any(|t| {
        let w = t.text(statement);
        ["drop", "delete", "update", "alter", "replace", "insert"].iter().any(|k| w.eq_ignore_ascii_case(k))
    })
}

/// ` — did you mean talks?` for a table or view name that does not exist (`\d NAME`), or nothing.
pub(crate) fn did_you_mean_table(conn: &Connection, name: &str) -> String {
    let known = tables(conn);
    let near = similar::nearest(name, known.iter().map(String::as_str));
    if near.is_empty() { String::new() } else { format!(" — did you mean {}?", near.join(" or ")) }
}

/// Byte offset in `statement` of the first identifier token spelled `name` (case-insensitive,
/// quotes ignored).
fn find_name(statement: &str, name: &str) -> Option<usize> {
    tokenize(statement)
        .into_iter()
        .filter(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent))
        .find(|t| unquote(t.text(statement)).eq_ignore_ascii_case(name))
        .map(|t| t.start)
}

fn unquote(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(b'"'), Some(b'"')) | (Some(b'`'), Some(b'`')) | (Some(b'['), Some(b']')) if s.len() >= 2 => {
            &s[1..s.len() - 1]
        }
        _ => s,
    }
}

/// The tables and views the statement names (every identifier that is one).
fn statement_tables(statement: &str, known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokenize(statement) {
        if matches!(t.kind, Kind::Word | Kind::QuotedIdent) {
            let word = unquote(t.text(statement));
            if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(word))
                && !out.contains(k)
            {
                out.push(k.clone());
            }
        }
    }
    out
}

/// Tables and views of every schema (main, temp, attached), without SQLite's and FTS's internals.
fn tables(conn: &Connection) -> Vec<String> {
    strings(
        conn,
        "SELECT DISTINCT name FROM pragma_table_list
         WHERE type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        &[],
    )
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    strings(conn, "SELECT name FROM pragma_table_xinfo(?1)", &[table])
}

/// One text column of `sql`'s rows; empty when the query fails (a hint is never worth an error).
fn strings(conn: &Connection, sql: &str, params: &[&str]) -> Vec<String> {
    let Ok(mut stmt) = conn.prepare(sql) else { return Vec::new() };
    let Ok(rows) = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get::<_, String>(0)) else {
        return Vec::new();
    };
    rows.filter_map(Result::ok).collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::diagnose::*;

    #[test]
    fn messages_name_the_unknown_thing() {
        assert_eq!(classify("no such table: main.talk"), Some(Unknown::Table("talk")));
        assert_eq!(classify("no such column: t.nope"), Some(Unknown::Column(Some("t"), "nope")));
        assert_eq!(classify("no such column: nope"), Some(Unknown::Column(None, "nope")));
        assert_eq!(classify("no such function: lenght"), Some(Unknown::Function("lenght")));
        assert_eq!(classify("table talks has no column named titel"), Some(Unknown::ColumnOf("talks", "titel")));
        assert_eq!(classify("UNIQUE constraint failed: t.a"), None);
    }

    #[test]
    fn names_are_found_as_tokens_not_inside_strings() {
        assert_eq!(find_name("select 'talk' from talk", "talk"), Some(19));
        assert_eq!(find_name("select * from \"Talk\"", "talk"), Some(14));
        assert_eq!(find_name("select 1", "talk"), None);
    }

    fn db() -> Connection {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE talks (id INTEGER PRIMARY KEY, title TEXT, year INT);
             CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT);
             CREATE VIEW talk_overview AS SELECT id, title FROM talks;",
        )
        .expect("schema");
        conn
    }

    fn explained(conn: &Connection, sql: &str) -> Vec<String> {
        let e = conn.prepare(sql).map(|_| ()).expect_err("the statement must fail");
        let error_offset = match &e {
            rusqlite::Error::SqlInputError { offset, .. } => usize::try_from(*offset).ok(),
            _ => None,
        };
        let f = Failure { offset: 0, error_offset, statement: sql.to_string(), error: ExecError::Sql(e) };
        explain(conn, sql, &f, 1)
    }

    #[test]
    fn unknown_tables_columns_and_functions_get_a_caret_and_a_hint() {
        let conn = db();
        assert_eq!(
            explained(&conn, "select * from talk"),
            ["LINE 1: select * from talk", "                      ^", "hint: did you mean talks?"]
        );
        assert_eq!(
            explained(&conn, "select titel from talks"),
            ["LINE 1: select titel from talks", "               ^", "hint: did you mean title?"]
        );
        assert_eq!(explained(&conn, "select nmae from talks join speakers using (id)")[2], "hint: did you mean name?");
        assert_eq!(explained(&conn, "select lenght(title) from talks")[2], "hint: did you mean length?");
        assert_eq!(explained(&conn, "insert into talks (titel) values (1)")[2], "hint: did you mean title?");
        assert_eq!(explained(&conn, "select * from talk_overveiw")[2], "hint: did you mean talk_overview?");
    }

    /// Every misleading "did you mean" of issue 22 for SQL: silent now.
    #[test]
    fn hints_never_point_a_change_elsewhere_nor_guess_between_tables() {
        let conn = db();
        let cases = [
            "drop table tlaks",
            "delete from tlaks",
            "update tlaks set title = 1",
            "alter table tlaks add column x",
            "insert into tlaks values (1)",
            "select idd from talks t join speakers s on t.id = s.id",
        ];
        for sql in cases {
            let lines = explained(&conn, sql);
            assert!(!lines.iter().any(|l| l.starts_with("hint:")), "{sql}: {lines:?}");
        }
        assert_eq!(explained(&conn, "select * from tlaks")[2], "hint: did you mean talks?", "a read still gets one");
    }

    #[test]
    fn nothing_near_means_no_hint_and_syntax_errors_get_only_the_caret() {
        let conn = db();
        assert_eq!(explained(&conn, "select * from zzz_qqq").len(), 2);
        assert_eq!(
            explained(&conn, "select * from talks wher id = 1"),
            ["LINE 1: select * from talks wher id = 1", "                                 ^"]
        );
    }
}
