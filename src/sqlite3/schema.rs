//! The sqlite3 shell's schema commands, byte for byte: `.tables` and `.indexes` (names in
//! columns), `.schema` and `.fullschema` (CREATE statements in creation order, attached and temp
//! schemas included, `--indent`), `.databases`. talkcli's own listings are `\dt`, `\di` and `\d`.

use std::io::Write;

use anyhow::Result;
use rusqlite::Connection;

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;
use crate::engine::sql::quote::ident_if_needed as identifier;

pub static COMMANDS: &[Command] = &[
    Command {
        name: ".tables",
        aliases: &[],
        // sqlite3 reads the first pattern and ignores any more (its source calls it a historical
        // accident); scripts may rely on that.
        args: &[
            Arg::Optional(&[Arg::Value("PATTERN", Offer::Tables)]),
            Arg::Optional(&[Arg::Words("IGNORED", Offer::Free)]),
        ],
        summary: "table and view names in columns, as sqlite3 lists them (\\dt for a table)",
        help: "Lists tables and views of every attached database (others than main prefixed with their\nschema name), sorted, in as many columns as fit 80 characters, exactly as the sqlite3 shell does.\nPATTERN is a LIKE pattern; words after it are ignored, as sqlite3 ignores them. \\dt shows the same as a talkcli table.\n\nExamples:\n  .tables\n  .tables talk%",
        shows: &[],
        run: Handler::Acts(tables),
    },
    Command {
        name: ".indexes",
        aliases: &[".indices"],
        args: &[Arg::Optional(&[Arg::Value("TABLE-PATTERN", Offer::Tables)])],
        summary: "index names in columns, as sqlite3 lists them (\\di for details)",
        help: "Lists the indexes of tables matching the LIKE pattern (all by default), in columns, exactly\nas the sqlite3 shell does. \\di shows each index's table, columns and uniqueness.\n\nExamples:\n  .indexes\n  .indexes talks",
        shows: &[],
        run: Handler::Acts(indexes),
    },
    Command {
        name: ".schema",
        aliases: &["\\schema"],
        args: &[
            Arg::Optional(&[Arg::Flag("--indent")]),
            Arg::Optional(&[Arg::Flag("--nosys")]),
            Arg::Optional(&[Arg::Value("PATTERN", Offer::Tables)]),
        ],
        summary: "the CREATE statements, in creation order, as sqlite3 prints them",
        help: "Prints the SQL that creates the schema, as the sqlite3 shell does: in creation order, with\nattached and temp schemas, sqlite_sequence, and a /* name(columns) */ line after each view.\nPATTERN matches table names (LIKE, or GLOB when it has * ? or [). --indent puts each column\non its own line; --nosys leaves out sqlite_ tables.\n\nExamples:\n  .schema\n  .schema talks\n  .schema --indent talk%",
        shows: &[],
        run: Handler::Acts(schema),
    },
    Command {
        name: ".fullschema",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Flag("--indent")])],
        summary: "the schema and the ANALYZE statistics, as sqlite3 prints them",
        help: "Prints every CREATE statement (no sqlite_ tables) and then the sqlite_stat1/sqlite_stat4\nrows as INSERTs, or a comment saying there are none, exactly as the sqlite3 shell does.\n\nExamples:\n  .fullschema\n  .fullschema --indent",
        shows: &[],
        run: Handler::Acts(fullschema),
    },
    Command {
        name: ".databases",
        aliases: &[],
        args: &[],
        summary: "attached databases with their files and whether they are writable",
        help: "One line per attached database: its name, file (\"\" for memory) and r/w or r/o, plus\nread-txn or write-txn while a transaction holds it, as sqlite3 prints it.\n\nExamples:\n  .databases\n  attach 'other.db' as other;\n  .databases",
        shows: &[],
        run: Handler::Acts(databases),
    },
];

/// Writes schema text: the bytes as sqlite3 writes them to a pipe or file; on a terminal with
/// control characters made visible (a name or a CREATE statement is data, and never drives it).
fn emit(s: &mut Session, text: &str) -> Result<()> {
    if s.out.is_terminal() {
        s.out.write_all(crate::engine::render::escape_controls(text).as_bytes())?;
    } else {
        s.out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn schema_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_database_list ORDER BY seq")?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(names)
}

/// `"name"` with quotes doubled: how sqlite3 spells a schema name inside its own SQL.
fn dq(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sq(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn tables(s: &mut Session, inv: &Invocation) -> Result<()> {
    name_columns(s, inv.bound.get("PATTERN"), true)
}

fn indexes(s: &mut Session, inv: &Invocation) -> Result<()> {
    name_columns(s, inv.bound.get("TABLE-PATTERN"), false)
}

/// sqlite3's `.tables`/`.indexes`: the names, sorted, top to bottom in columns that fit 80.
/// `.tables` (`tables`) or `.indexes`: names matching the LIKE `pattern`, in columns.
fn name_columns(s: &mut Session, pattern: Option<&str>, tables: bool) -> Result<()> {
    let mut parts = Vec::new();
    for db in schema_names(&s.conn)? {
        let select = if db.eq_ignore_ascii_case("main") {
            "SELECT name".to_string()
        } else {
            format!("SELECT {}||'.'||name", sq(&db))
        };
        let filter = if tables {
            "WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' AND name LIKE ?1"
        } else {
            "WHERE type='index' AND tbl_name LIKE ?1"
        };
        parts.push(format!("{select} FROM {}.sqlite_schema {filter}", dq(&db)));
    }
    let sql = format!("{} ORDER BY 1", parts.join(" UNION ALL "));
    let pattern = pattern.unwrap_or("%");
    let names: Vec<String> = s.conn.prepare(&sql)?.query_map([pattern], |r| r.get(0))?.collect::<Result<_, _>>()?;
    emit(s, &columns(&names))?;
    s.out.flush()?;
    Ok(())
}

/// Names in columns as sqlite3 prints them: each padded (in bytes) to the longest, two spaces
/// apart, as many columns as fit 80 characters, filled top to bottom.
fn columns(names: &[String]) -> String {
    let mut text = String::new();
    let Some(width) = names.iter().map(String::len).max() else { return text };
    let cols = (80 / (width + 2)).max(1);
    let rows = names.len().div_ceil(cols);
    for i in 0..rows {
        for (j, name) in names.iter().enumerate().skip(i).step_by(rows) {
            if j >= rows {
                text.push_str("  ");
            }
            text.push_str(&format!("{name:<0$}", width - (name.len() - name.chars().count())));
        }
        text.push('\n');
    }
    text
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Semi,
    Pretty,
}

fn schema(s: &mut Session, inv: &Invocation) -> Result<()> {
    let style = if inv.bound.has("--indent") { Style::Pretty } else { Style::Semi };
    let nosys = inv.bound.has("--nosys");
    let name = inv.bound.get("PATTERN");
    let mut text = String::new();
    if let Some(n) = name {
        let is_schema = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]
            .iter()
            .any(|t| n.eq_ignore_ascii_case(t));
        if is_schema {
            let sql = format!(
                "CREATE TABLE {n} (\n  type text,\n  name text,\n  tbl_name text,\n  rootpage integer,\n  sql text\n)"
            );
            print_create(&mut text, &sql, style);
        }
    }
    let mut parts = Vec::new();
    for (i, db) in schema_names(&s.conn)?.iter().enumerate() {
        let label = if db.eq_ignore_ascii_case("main") { "NULL".to_string() } else { sq(db) };
        parts.push(format!(
            "SELECT sql, {label} AS schema, type, tbl_name, name, rowid, {} AS snum, {} AS sname FROM {}.sqlite_schema",
            i + 1,
            sq(db),
            dq(db)
        ));
    }
    let mut filter = String::new();
    if let Some(n) = name {
        let target = if n.contains('.') { "lower(printf('%s.%s',sname,tbl_name))" } else { "lower(tbl_name)" };
        let glob = n.contains(['*', '?', '[']);
        filter = if glob {
            format!("{target} GLOB {} AND ", sq(n))
        } else {
            format!("{target} LIKE {} ESCAPE '\\' AND ", sq(n))
        };
    }
    if nosys {
        filter.push_str("name NOT LIKE 'sqlite_%' AND ");
    }
    let sql = format!(
        "SELECT sql, schema, type, name FROM ({}) WHERE {filter}sql IS NOT NULL ORDER BY snum, rowid",
        parts.join(" UNION ALL ")
    );
    let rows: Vec<(String, Option<String>, String, String)> = s
        .conn
        .prepare(&sql)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (sql, schema, _kind, name) in rows {
        let sql = add_schema(&s.conn, &sql, schema.as_deref(), &name);
        print_create(&mut text, &sql, style);
    }
    emit(s, &text)?;
    s.out.flush()?;
    Ok(())
}

fn fullschema(s: &mut Session, inv: &Invocation) -> Result<()> {
    let style = if inv.bound.has("--indent") { Style::Pretty } else { Style::Semi };
    let sqls: Vec<String> = s
        .conn
        .prepare(
            "SELECT sql FROM (SELECT sql sql, type type, tbl_name tbl_name, name name, rowid x FROM sqlite_schema
               UNION ALL SELECT sql, type, tbl_name, name, rowid FROM sqlite_temp_schema)
             WHERE type!='meta' AND sql NOTNULL AND name NOT LIKE 'sqlite_%' ORDER BY x",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut text = String::new();
    for sql in sqls {
        print_create(&mut text, &sql, style);
    }
    let stats: bool =
        s.conn
            .query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name GLOB 'sqlite_stat[134]'", [], |r| r.get(0))?;
    if !stats {
        text.push_str("/* No STAT tables available */\n");
        emit(s, &text)?;
        s.out.flush()?;
        return Ok(());
    }
    emit(s, &text)?;
    writeln!(s.out, "ANALYZE sqlite_schema;")?;
    for table in ["sqlite_stat1", "sqlite_stat4"] {
        let exists: bool =
            s.conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = ?1", [table], |r| r.get(0))?;
        if exists {
            let mut renderer = crate::sqlite3::render::list::InsertRenderer::new(false, table);
            crate::engine::exec::run(
                &s.conn,
                crate::engine::exec::Sql::new(&format!("SELECT * FROM {table}")),
                &mut renderer,
                &mut s.out,
            )?;
        } else {
            crate::engine::error::verbatim(&format!("Error: no such table: {table}"));
        }
    }
    writeln!(s.out, "ANALYZE sqlite_schema;")?;
    s.out.flush()?;
    Ok(())
}

fn databases(s: &mut Session, _: &Invocation) -> Result<()> {
    let rows: Vec<(String, String)> = s
        .conn
        .prepare("SELECT name, file FROM pragma_database_list ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?
        .collect::<Result<_, _>>()?;
    for (name, file) in rows {
        let read_only = s.conn.is_readonly(name.as_str())?;
        let txn = match s.conn.transaction_state(Some(name.as_str()))? {
            rusqlite::TransactionState::Read => " read-txn",
            rusqlite::TransactionState::Write => " write-txn",
            _ => "",
        };
        let file = if file.is_empty() { "\"\"".to_string() } else { file };
        emit(s, &format!("{name}: {file} {}{txn}\n", if read_only { "r/o" } else { "r/w" }))?;
    }
    s.out.flush()?;
    Ok(())
}

/// sqlite3's `shell_add_schema`: the schema name put before the object's name (for attached and
/// temp schemas), and after a view a comment naming its columns, `/* v(a,b) */`.
fn add_schema(conn: &Connection, sql: &str, schema: Option<&str>, name: &str) -> String {
    const PREFIXES: &[&str] = &["TABLE", "INDEX", "UNIQUE INDEX", "VIEW", "TRIGGER", "VIRTUAL TABLE"];
    let Some(after) = sql.strip_prefix("CREATE ") else { return sql.to_string() };
    for p in PREFIXES {
        if !(after.starts_with(p) && after.as_bytes().get(p.len()) == Some(&b' ')) {
            continue;
        }
        let mut out = None;
        if let Some(sc) = schema {
            let head = &sql[..7 + p.len()];
            let tail = &after[p.len() + 1..];
            let quoted = identifier(sc) != sc && !sc.eq_ignore_ascii_case("temp");
            out = Some(if quoted { format!("{head} {}.{tail}", dq(sc)) } else { format!("{head} {sc}.{tail}") });
        }
        if p.starts_with('V')
            && let Some(fake) = fake_schema(conn, schema, name)
        {
            out = Some(format!("{}\n/* {fake} */", out.as_deref().unwrap_or(sql)));
        }
        if let Some(o) = out {
            return o;
        }
    }
    sql.to_string()
}

/// `name(col1,col2)` for a view, names quoted where sqlite3 quotes them; `None` when the view has
/// no columns SQLite can work out (a broken view).
fn fake_schema(conn: &Connection, schema: Option<&str>, name: &str) -> Option<String> {
    let sql = format!("PRAGMA {}.table_info({})", dq(schema.unwrap_or("main")), sq(name));
    let cols: Vec<String> =
        conn.prepare(&sql).ok()?.query_map([], |r| r.get::<_, String>(1)).ok()?.filter_map(Result::ok).collect();
    if cols.is_empty() {
        return None;
    }
    let mut text = String::new();
    if let Some(sc) = schema {
        text.push_str(&if sc.eq_ignore_ascii_case("temp") { sc.to_string() } else { identifier(sc) });
        text.push('.');
    }
    text.push_str(&identifier(name));
    text.push('(');
    text.push_str(&cols.iter().map(|c| identifier(c)).collect::<Vec<_>>().join(","));
    text.push(')');
    Some(text)
}

/// One CREATE statement as `.schema` prints it (sqlite3's MODE_Semi or, with --indent, MODE_Pretty).
fn print_create(out: &mut String, sql: &str, style: Style) {
    if style == Style::Semi {
        schema_line(out, sql, ";\n");
        return;
    }
    let lower = sql.get(..11).unwrap_or("").to_ascii_uppercase();
    if lower.starts_with("CREATE VIEW") || lower.starts_with("CREATE TRIG") {
        out.push_str(sql);
        out.push_str(";\n");
        return;
    }
    let z = squeeze(sql);
    if z.len() < 79 {
        schema_line(out, &String::from_utf8_lossy(&z), ";\n");
        return;
    }
    // Each top-level item of the column list on its own line.
    let mut line: Vec<u8> = Vec::new();
    let (mut end, mut parens, mut lines) = (0u8, 0i32, 0);
    let mut i = 0;
    while i < z.len() {
        let c = z[i];
        // As in sqlite3, parentheses count even inside quotes; only the line breaks wait for them.
        if end != 0 && c == end {
            end = 0;
        } else if c == b'"' || c == b'\'' || c == b'`' {
            end = c;
        } else if c == b'[' {
            end = b']';
        } else if c == b'-' && z.get(i + 1) == Some(&b'-') {
            end = b'\n';
        } else if c == b'(' {
            parens += 1;
        } else if c == b')' {
            parens -= 1;
            if lines > 0 && parens == 0 && !line.is_empty() {
                schema_line(out, &String::from_utf8_lossy(&line), "\n");
                line.clear();
            }
        }
        line.push(c);
        if parens == 1 && end == 0 && (c == b'(' || c == b'\n' || (c == b',' && !ws_to_eol(&z[i + 1..]))) {
            if c == b'\n' {
                line.pop();
            }
            schema_line(out, &String::from_utf8_lossy(&line), "\n  ");
            line.clear();
            lines += 1;
            while z.get(i + 1).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
        }
        i += 1;
    }
    schema_line(out, &String::from_utf8_lossy(&line), ";\n");
}

/// sqlite3's first MODE_Pretty pass: runs of whitespace become one, none after `(` or before a
/// parenthesis; leading and trailing whitespace goes.
fn squeeze(sql: &str) -> Vec<u8> {
    let mut z: Vec<u8> = Vec::with_capacity(sql.len());
    for &c in sql.as_bytes().iter().skip_while(|b| b.is_ascii_whitespace()) {
        if c.is_ascii_whitespace() {
            if let Some(last) = z.last_mut() {
                if *last == b'\r' {
                    *last = b'\n';
                }
                if last.is_ascii_whitespace() || *last == b'(' {
                    continue;
                }
            }
        } else if (c == b'(' || c == b')') && z.last().is_some_and(u8::is_ascii_whitespace) {
            z.pop();
        }
        z.push(c);
    }
    while z.last().is_some_and(u8::is_ascii_whitespace) {
        z.pop();
    }
    z
}

/// True when only whitespace comes before the next newline (or the end).
fn ws_to_eol(z: &[u8]) -> bool {
    z.iter().take_while(|&&b| b != b'\n').all(u8::is_ascii_whitespace)
}

/// sqlite3's `printSchemaLine`: a statement ending in a comment gets the comment closed so the `;`
/// counts, and `CREATE TABLE "x"` becomes `CREATE TABLE IF NOT EXISTS "x"`.
pub(super) fn schema_line(out: &mut String, sql: &str, tail: &str) {
    let mut text = sql.to_string();
    if tail.starts_with(';') && (sql.contains("/*") || sql.contains("--")) {
        for term in ["", "*/", "\n"] {
            let candidate = format!("{sql}{term};");
            if crate::engine::sql::is_complete(&candidate) {
                text = format!("{sql}{term}");
                break;
            }
        }
    }
    match text.strip_prefix("CREATE TABLE ") {
        Some(rest) if rest.starts_with(['\'', '"']) => {
            out.push_str("CREATE TABLE IF NOT EXISTS ");
            out.push_str(rest);
        }
        _ => out.push_str(&text),
    }
    out.push_str(tail);
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::schema::*;

    #[test]
    fn names_fill_columns_top_to_bottom() {
        let names: Vec<String> = ["a1", "b2", "odd name", "v1"].iter().map(|s| s.to_string()).collect();
        assert_eq!(columns(&names), "a1        b2        odd name  v1      \n");
        let long: Vec<String> = (0..9).map(|i| format!("table_number_{i:02}")).collect();
        assert_eq!(columns(&long).lines().count(), 3, "four columns of 17 fit 80");
        assert!(columns(&long).starts_with("table_number_00  table_number_03  table_number_06\n"));
        assert_eq!(columns(&[]), "");
    }

    #[test]
    fn indent_puts_each_column_on_a_line() {
        let mut out = String::new();
        print_create(
            &mut out,
            "CREATE TABLE talks_with_long_name(id INTEGER PRIMARY KEY, title TEXT NOT NULL, year INTEGER, kind TEXT)",
            Style::Pretty,
        );
        assert_eq!(
            out,
            "CREATE TABLE talks_with_long_name(\n  id INTEGER PRIMARY KEY,\n  title TEXT NOT NULL,\n  year INTEGER,\n  kind TEXT\n);\n"
        );
    }

    #[test]
    fn quoted_table_names_get_if_not_exists_and_comments_get_closed() {
        let mut out = String::new();
        schema_line(&mut out, "CREATE TABLE \"odd name\"(a)", ";\n");
        schema_line(&mut out, "CREATE TABLE t(a) -- note", ";\n");
        assert_eq!(out, "CREATE TABLE IF NOT EXISTS \"odd name\"(a);\nCREATE TABLE t(a) -- note\n;\n");
    }
}
