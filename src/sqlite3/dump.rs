//! `.dump`: the database as SQL text that rebuilds it, readable by the sqlite3 shell. Tables with
//! their rows first, then indexes, triggers and views (which may refer to any table), in creation
//! order. Full-text tables are written as `CREATE VIRTUAL TABLE` plus their rows, so the index is
//! rebuilt on load instead of copying its internal shadow tables (sqlite3 writes them into
//! sqlite_schema with writable_schema instead). Statements, identifiers and values are spelled as
//! sqlite3's `.dump` spells them; talkcli adds `PRAGMA user_version` when it is set, so a dump
//! reloads to the same database.

use std::io::Write;

use anyhow::Result;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::engine::sql::quote::ident_if_needed as ident;

struct Object {
    name: String,
    kind: String,
    sql: String,
}

/// What `.dump` writes: sqlite3's options.
#[derive(Debug, Default)]
pub struct Options {
    /// LIKE patterns on object names (any may match); none means everything.
    pub patterns: Vec<String>,
    /// `--data-only`: only the INSERTs.
    pub data_only: bool,
    /// `--nosys`: leave out sqlite_sequence.
    pub nosys: bool,
    /// `--newlines`: line breaks inside text written as they are, not as `char(10)`.
    pub newlines: bool,
}

/// Writes the dump of every object (or of those whose name matches a pattern) to `out`.
pub fn dump(conn: &Connection, opts: &Options, out: &mut dyn Write) -> Result<()> {
    // The patterns as one JSON array (NULL: every object), not an OR of LIKEs: a thousand
    // patterns would make an expression deeper than SQLite allows.
    let patterns = (!opts.patterns.is_empty()).then(|| serde_json::json!(opts.patterns).to_string());
    let matches = "(?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) p WHERE s.name LIKE p.value ESCAPE '\\'))";
    let objects: Vec<Object> = conn
        .prepare(&format!(
            "SELECT s.name, s.type, s.sql FROM sqlite_schema s
             LEFT JOIN pragma_table_list l ON l.schema = 'main' AND l.name = s.name
             WHERE s.sql IS NOT NULL AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND coalesce(l.type, '') <> 'shadow'
               AND {matches}
             ORDER BY s.rowid"
        ))?
        .query_map([&patterns], |r| Ok(Object { name: r.get(0)?, kind: r.get(1)?, sql: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    let sequence = !opts.nosys && {
        let mut patterns = opts.patterns.iter();
        let wanted = opts.patterns.is_empty() || patterns.any(|p| like(conn, "sqlite_sequence", p).unwrap_or(false));
        wanted
            && conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'sqlite_sequence'", [], |r| {
                r.get::<_, bool>(0)
            })?
    };
    let schema = !opts.data_only;

    let mut errors = 0;
    crate::engine::interrupt::clear();
    if schema {
        writeln!(out, "PRAGMA foreign_keys=OFF;")?;
        writeln!(out, "BEGIN TRANSACTION;")?;
    }
    for o in objects.iter().filter(|o| o.kind == "table") {
        if schema {
            let mut line = String::new();
            crate::sqlite3::schema::schema_line(&mut line, &o.sql, ";\n");
            out.write_all(line.as_bytes())?;
        }
        let is_virtual = o.sql.get(..20).is_some_and(|p| p.eq_ignore_ascii_case("CREATE VIRTUAL TABLE"));
        // A table SQLite cannot read (a broken schema entry) is an error, as in sqlite3: the rest
        // is still dumped, and the dump ends in ROLLBACK so loading it changes nothing by halves.
        let dumped = rows(conn, &o.name, is_virtual, opts.newlines, out);
        stop_if_interrupted()?;
        if !matches!(dumped, Ok(true)) {
            errors += 1;
        }
    }
    if sequence {
        if schema {
            writeln!(out, "DELETE FROM sqlite_sequence;")?;
        }
        rows(conn, "sqlite_sequence", false, opts.newlines, out)?;
    }
    if !schema {
        return Ok(());
    }
    for o in objects.iter().filter(|o| o.kind != "table") {
        writeln!(out, "{};", o.sql)?;
    }
    if opts.patterns.is_empty() {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != 0 {
            writeln!(out, "PRAGMA user_version={version};")?;
        }
    }
    if errors > 0 {
        writeln!(out, "ROLLBACK; -- due to errors")?;
    } else {
        writeln!(out, "COMMIT;")?;
    }
    Ok(())
}

/// Ctrl-C ends the dump (what was written so far is not a whole dump, and the error says so).
fn stop_if_interrupted() -> Result<()> {
    if crate::engine::interrupt::pending() {
        anyhow::bail!("interrupted: the dump is incomplete");
    }
    Ok(())
}

/// `text LIKE pattern ESCAPE '\'`, as SQLite judges it.
fn like(conn: &Connection, text: &str, pattern: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT ?1 LIKE ?2 ESCAPE '\\'", [text, pattern], |r| r.get(0))
}

/// One `INSERT` per row of `table`. Generated columns are left out (SQLite computes them); a
/// virtual table's rows keep their rowid, which is how full-text rows point at their talks.
fn rows(conn: &Connection, table: &str, is_virtual: bool, newlines: bool, out: &mut dyn Write) -> Result<bool> {
    let cols: Vec<(String, i64)> = conn
        .prepare("SELECT name, hidden FROM pragma_table_xinfo(?1) ORDER BY cid")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let plain: Vec<&String> = cols.iter().filter(|(_, h)| *h == 0).map(|(n, _)| n).collect();
    let mut select: Vec<String> = plain.iter().map(|n| ident(n)).collect();
    let mut names = select.clone();
    if is_virtual {
        select.insert(0, "rowid".to_string());
        names.insert(0, "rowid".to_string());
    }
    if select.is_empty() {
        return Ok(!cols.is_empty());
    }
    let target = if is_virtual || plain.len() != cols.len() {
        format!("{}({})", ident(table), names.join(","))
    } else {
        ident(table)
    };
    let mut stmt = conn.prepare(&format!("SELECT {} FROM {}", select.join(", "), ident(table)))?;
    let n = select.len();
    let mut rows = stmt.query([])?;
    // Bytes, not a String: text that is not UTF-8 is written as it is stored, as sqlite3 does.
    let mut line: Vec<u8> = Vec::new();
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        count += 1;
        if count.is_multiple_of(256) {
            stop_if_interrupted()?;
        }
        line.clear();
        line.extend_from_slice(b"INSERT INTO ");
        line.extend_from_slice(target.as_bytes());
        line.extend_from_slice(b" VALUES(");
        for i in 0..n {
            if i > 0 {
                line.push(b',');
            }
            push_literal(&mut line, row.get_ref(i)?, newlines)?;
        }
        line.extend_from_slice(b");\n");
        out.write_all(&line)?;
    }
    Ok(true)
}

/// A value as an SQL literal that reads back as the same value and type: as sqlite3's insert
/// mode spells it (text that is not UTF-8 too, its bytes as stored), except text holding a NUL,
/// which sqlite3 would cut there: it is spelled as bytes so it comes back whole.
fn push_literal(s: &mut Vec<u8>, v: ValueRef<'_>, newlines: bool) -> std::io::Result<()> {
    match v {
        ValueRef::Text(t) if t.contains(&0) => {
            s.extend_from_slice(b"CAST(X'");
            s.extend_from_slice(crate::engine::render::hex(t).as_bytes());
            s.extend_from_slice(b"' AS TEXT)");
        }
        ValueRef::Real(f) if f.is_nan() => s.extend_from_slice(b"NULL"),
        ValueRef::Text(t) if newlines => {
            s.push(b'\'');
            for part in t.split_inclusive(|&b| b == b'\'') {
                s.extend_from_slice(part);
                if part.ends_with(b"'") {
                    s.push(b'\'');
                }
            }
            s.push(b'\'');
        }
        v => crate::sqlite3::render::list::insert_literal(s, v)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::dump::*;

    fn dump_of(conn: &Connection) -> String {
        let mut out = Vec::new();
        dump(conn, &Options::default(), &mut out).expect("dump");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn a_dump_rebuilds_the_same_rows() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE \"odd \"\"name\"\"\" (id INTEGER PRIMARY KEY, t TEXT, r REAL, b BLOB, g AS (id * 2));
             INSERT INTO \"odd \"\"name\"\"\" (t, r, b) VALUES ('it''s', 0.1, x'00ff'), (NULL, 1e300, NULL), ('a\nb', 3.0, '');
             CREATE INDEX odd_t ON \"odd \"\"name\"\"\"(t);
             CREATE VIEW v AS SELECT count(*) AS n FROM \"odd \"\"name\"\"\";
             CREATE VIRTUAL TABLE f USING fts5(body);
             INSERT INTO f (rowid, body) VALUES (7, 'café crème');
             PRAGMA user_version = 5;",
        )
        .expect("setup");
        let text = dump_of(&conn);
        assert!(!text.contains("f_data"), "shadow tables must not be dumped:\n{text}");
        let copy = Connection::open_in_memory().expect("copy");
        copy.execute_batch(&text).expect("the dump runs");
        assert_eq!(dump_of(&copy), text);
        let hit: i64 = copy.query_row("SELECT rowid FROM f WHERE f MATCH 'café'", [], |r| r.get(0)).expect("match");
        assert_eq!(hit, 7);
        let (r, g): (f64, i64) = copy
            .query_row("SELECT r, g FROM \"odd \"\"name\"\"\" WHERE id = 2", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("row");
        assert_eq!((r, g), (1e300, 4));
    }
}
