//! `\d+ NAME`: `\d NAME` and then what psql's `\d+` adds that matters in SQLite: how many rows,
//! how much of the file the table and its indexes take (the dbstat virtual table, which the
//! bundled SQLite has), and the CREATE statements of the table, its indexes and triggers.

use std::io::Write;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer, meta};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\d+",
    aliases: &[],
    args: &[Arg::Value("NAME", Offer::Tables)],
    summary: "describe a table or view in full: columns and keys, row count, size on disk, CREATE statements",
    help: "Everything \\d NAME shows, then the number of rows, the space the table and its indexes take in\nthe database file (from SQLite's dbstat table, in pages and bytes), and the CREATE statements of\nthe table (or view), its indexes and its triggers.\n\nExamples:\n  \\d+ talks\n  \\d+ talk_overview",
    shows: &[],
    run: Handler::Acts(describe_plus),
}];

fn describe_plus(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.paged(|s| describe_all(s, inv))
}

fn describe_all(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = inv.bound.need("NAME")?;
    meta::describe(s, inv)?;
    let Some((name, kind, sql)) = s
        .conn
        .query_row(
            "SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
            [name],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
        )
        .optional()?
    else {
        return Ok(());
    };
    let text = details(&s.conn, &name, &kind, sql.as_deref())?;
    s.out.write_all(crate::engine::render::escape_controls(&text).as_bytes())?;
    s.out.flush()?;
    Ok(())
}

/// The lines `\d+` adds under `\d`'s, as text.
fn details(conn: &Connection, name: &str, kind: &str, sql: Option<&str>) -> Result<String> {
    let mut text = String::new();
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    if kind == "table" {
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {quoted}"), [], |r| r.get(0))?;
        text.push_str(&format!("Rows: {rows}\n"));
        text.push_str(&format!("Size on disk: {}\n", size(conn, name, sql)));
    } else {
        text.push_str("Rows: a view stores none; its query runs when it is read\n");
    }
    text.push_str("Definition:\n");
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND (name = ?1 OR (tbl_name = ?1 AND type IN ('index', 'trigger')))
         ORDER BY type = 'table' OR type = 'view' DESC, type, name",
    )?;
    let statements: Vec<String> = stmt.query_map([name], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for st in statements {
        for line in format!("{};", st.trim_end()).lines() {
            text.push_str(&format!("    {}\n", expand_tabs(line)));
        }
    }
    Ok(text)
}

/// A tab in a CREATE statement is layout: spaces to the next multiple of 4 columns, as an editor
/// shows it (other control characters are escaped with the rest of the text).
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += crate::engine::render::display_width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// `136.0 KiB (table 104.0 KiB in 26 pages, indexes 32.0 KiB in 8 pages)`, from dbstat. A virtual table
/// (FTS5) keeps its rows in shadow tables, which are counted instead.
fn size(conn: &Connection, name: &str, sql: Option<&str>) -> String {
    let is_virtual = sql.is_some_and(|s| s.trim_start().to_ascii_uppercase().starts_with("CREATE VIRTUAL"));
    let pages = |filter: &str| -> rusqlite::Result<(i64, i64)> {
        conn.query_row(&format!("SELECT count(*), coalesce(sum(pgsize), 0) FROM dbstat WHERE {filter}"), [name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    };
    let (table, indexes) = if is_virtual {
        let shadow =
            "name IN (SELECT name FROM pragma_table_list WHERE type = 'shadow' AND name LIKE ?1 || '\\_%' ESCAPE '\\')";
        (pages(shadow), Ok((0, 0)))
    } else {
        (pages("name = ?1"), pages("name IN (SELECT name FROM pragma_index_list(?1))"))
    };
    match (table, indexes) {
        (Ok((tp, tb)), Ok((ip, ib))) => {
            let whose = if is_virtual { "shadow tables" } else { "table" };
            let mut s = format!("{} ({whose} {} in {tp} page{}", human(tb + ib), human(tb), plural(tp));
            if !is_virtual {
                s.push_str(&format!(", indexes {} in {ip} page{}", human(ib), plural(ip)));
            }
            s.push(')');
            s
        }
        (Err(e), _) | (_, Err(e)) => {
            format!("unknown (SQLite's dbstat table is not available: {})", crate::engine::error::sql_error_message(&e))
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Bytes as people read them: `512 bytes`, `4.0 KiB`, `1.3 MiB`.
fn human(bytes: i64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if b < K {
        format!("{bytes} bytes")
    } else if b < K * K {
        format!("{:.1} KiB", b / K)
    } else {
        format!("{:.1} MiB", b / K / K)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::describe_plus::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(human(512), "512 bytes");
        assert_eq!(human(4096), "4.0 KiB");
        assert_eq!(human(1_400_000), "1.3 MiB");
    }

    #[test]
    fn details_count_rows_measure_pages_and_show_the_definition() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE);
             CREATE INDEX t_v ON t (v);
             CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;
             CREATE VIEW w AS SELECT v FROM t;
             WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 2000)
             INSERT INTO t (v) SELECT printf('%0100d', x) FROM c;",
        )
        .expect("schema");
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 't'", [], |r| r.get(0)).expect("sql");
        let text = details(&conn, "t", "table", Some(&sql)).expect("details");
        assert!(text.starts_with("Rows: 2000\nSize on disk: "), "{text}");
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
        let table_pages: i64 =
            conn.query_row("SELECT count(*) FROM dbstat WHERE name = 't'", [], |r| r.get(0)).expect("n");
        assert!(table_pages > 10, "{table_pages}");
        assert!(text.contains(&format!("(table {} in {table_pages} pages, ", human(table_pages * page))), "{text}");
        assert!(text.contains("indexes ") && !text.contains("indexes 0 bytes"), "two indexes hold pages: {text}");
        assert!(text.contains("Definition:\n    CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE);\n"), "{text}");
        assert!(
            text.contains("    CREATE INDEX t_v ON t (v);\n") && text.contains("    CREATE TRIGGER t_ai"),
            "{text}"
        );
        let view = details(&conn, "w", "view", Some("CREATE VIEW w AS SELECT v FROM t")).expect("view");
        assert_eq!(
            view,
            "Rows: a view stores none; its query runs when it is read\nDefinition:\n    CREATE VIEW w AS SELECT v FROM t;\n"
        );
    }
}
