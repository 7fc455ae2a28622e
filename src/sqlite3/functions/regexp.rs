//! `regexp(PATTERN, TEXT)` (SQLite's `TEXT REGEXP PATTERN`) and `regexpi`, as the sqlite3 shell
//! registers them: true when PATTERN matches anywhere in TEXT, NULL when either is NULL.
//!
//! The `regex` crate does the matching; sqlite3's dialect (`. [] * + ? {m,n} | () ^ $`, `\xHH`,
//! `\uHHHH`) is a subset of its syntax. Its class escapes `\d \w \s` and `\b` are ASCII in
//! sqlite3, so they are spelled out as ASCII classes before compiling.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error};

type Pattern = regex::bytes::Regex;

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    for (name, case_insensitive) in [("regexp", false), ("regexpi", true)] {
        conn.create_scalar_function(name, 2, flags, move |ctx| {
            if matches!(ctx.get_raw(0), ValueRef::Null) || matches!(ctx.get_raw(1), ValueRef::Null) {
                return Ok(None);
            }
            // Compiled once per statement (SQLite keeps it as the pattern argument's aux data).
            let pattern = ctx.get_or_create_aux(0, |v| -> Result<Pattern, Error> {
                let text = std::str::from_utf8(v.as_bytes().map_err(|e| Error::UserFunctionError(e.into()))?)
                    .map_err(|_| user_error("the regular expression is not UTF-8".to_string()))?;
                regex::bytes::RegexBuilder::new(&ascii_classes(text))
                    .case_insensitive(case_insensitive)
                    .build()
                    .map_err(|e| user_error(one_line(text, &e)))
            })?;
            let haystack = match ctx.get_raw(1) {
                ValueRef::Text(t) | ValueRef::Blob(t) => t.to_vec(),
                ValueRef::Integer(n) => n.to_string().into_bytes(),
                ValueRef::Real(r) => crate::engine::sql::number::format_real(r, 15).into_bytes(),
                ValueRef::Null => return Ok(None),
            };
            Ok(Some(pattern.is_match(&haystack)))
        })?;
    }
    Ok(())
}

fn user_error(msg: String) -> Error {
    Error::UserFunctionError(msg.into())
}

/// The regex crate's error without its multi-line picture of the pattern.
fn one_line(pattern: &str, e: &regex::Error) -> String {
    let why = e.to_string();
    let last = why.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let last = last.strip_prefix("error: ").unwrap_or(last);
    format!("invalid regular expression '{pattern}': {last}")
}

/// `\d \D \w \W \s \S \b` as sqlite3 means them (ASCII), the rest of the pattern as written.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('W') => out.push_str("[^0-9A-Za-z_]"),
            Some('s') => out.push_str("[ \\t\\n\\r\\x0B\\x0C]"),
            Some('S') => out.push_str("[^ \\t\\n\\r\\x0B\\x0C]"),
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::regexp::*;

    fn q(conn: &Connection, sql: &str) -> Option<bool> {
        conn.query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    #[test]
    fn matches_as_sqlite3s_regexp() {
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        assert_eq!(q(&conn, "select 'abc' regexp 'b'"), Some(true));
        assert_eq!(q(&conn, "select regexp('^a', 'xabc')"), Some(false));
        assert_eq!(q(&conn, "select 'x' regexp null"), None);
        assert_eq!(q(&conn, "select regexpi('B', 'abc')"), Some(true));
        // sqlite3's \w and \d are ASCII.
        assert_eq!(q(&conn, "select 'é1' regexp '\\w\\d'"), Some(false));
        assert_eq!(q(&conn, "select 'aé' regexp '^a.$'"), Some(true));
        assert_eq!(q(&conn, "select 'a b' regexp 'a\\sb\\b'"), Some(true));
        let err = conn.query_row("select 'a' regexp '['", [], |r| r.get::<_, bool>(0)).expect_err("bad pattern");
        assert!(err.to_string().contains("invalid regular expression '['"), "{err}");
        assert!(!err.to_string().contains('\n'), "{err}");
    }
}
