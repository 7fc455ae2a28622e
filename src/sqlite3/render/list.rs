//! The sqlite3 shell's own text formats, byte for byte what its `.mode list`, `.mode quote` and
//! `.mode insert TABLE` print, so scripts written for sqlite3 give the same output here.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::delimited::{Delimited, c_str, raw, scalar};
use crate::engine::render::{Renderer, write_int};
use crate::engine::sql::quote;

/// `.mode list`: values joined by the column separator (`|`), rows ended by the row separator
/// (newline), nothing quoted, NULL as nothing; a header first when headers are on.
pub fn list(headers: bool, col: &str, row: &str) -> Delimited {
    Delimited::new(col.as_bytes(), row.as_bytes(), headers, raw, list_value)
}

fn list_value(out: &mut dyn Write, v: ValueRef<'_>) -> io::Result<()> {
    scalar(out, v, |out, t| raw(out, c_str(t)))
}

/// `.mode quote`: every value an SQL literal, comma-separated; the header as quoted strings.
pub fn quote(headers: bool) -> Delimited {
    Delimited::new(b",", b"\n", headers, quoted, |out, v| literal(out, v, false))
}

/// `'text'` with quotes doubled.
fn quoted(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    out.write_all(b"'")?;
    for part in text.split_inclusive(|&b| b == b'\'') {
        out.write_all(part)?;
        if part.last() == Some(&b'\'') {
            out.write_all(b"'")?;
        }
    }
    out.write_all(b"'")
}

/// A marker for newline or carriage return that does not occur in `text` (sqlite3's `unused_string`).
fn unused_marker(text: &[u8], a: &str, b: &str, n: &mut u32) -> String {
    let has = |m: &str| text.windows(m.len()).any(|w| w == m.as_bytes());
    if !has(a) {
        return a.to_string();
    }
    if !has(b) {
        return b.to_string();
    }
    loop {
        let m = format!("({n})");
        *n += 1;
        if !has(&m) {
            return m;
        }
    }
}

/// Text as an SQL literal that survives being run as one line: newlines and carriage returns are
/// spelled with `replace(…, char(10))`, as sqlite3's `.mode insert` does.
fn quoted_escaped(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    let nl = text.contains(&b'\n');
    let cr = text.contains(&b'\r');
    if !nl && !cr {
        return quoted(out, text);
    }
    let mut counter = 0;
    let nl_mark = if nl { unused_marker(text, "\\n", "\\012", &mut counter) } else { String::new() };
    let cr_mark = if cr { unused_marker(text, "\\r", "\\015", &mut counter) } else { String::new() };
    if nl {
        out.write_all(b"replace(")?;
    }
    if cr {
        out.write_all(b"replace(")?;
    }
    let mut body = Vec::with_capacity(text.len());
    for &b in text {
        match b {
            b'\n' => body.extend_from_slice(nl_mark.as_bytes()),
            b'\r' => body.extend_from_slice(cr_mark.as_bytes()),
            b => body.push(b),
        }
    }
    quoted(out, &body)?;
    if cr {
        write!(out, ",'{cr_mark}',char(13))")?;
    }
    if nl {
        write!(out, ",'{nl_mark}',char(10))")?;
    }
    Ok(())
}

/// One value as `.mode insert` (and `.dump`) spells it.
pub fn insert_literal(out: &mut dyn Write, v: ValueRef<'_>) -> io::Result<()> {
    literal(out, v, true)
}

/// One value as an SQL literal; `insert` spells infinities and line breaks so the line runs.
fn literal(out: &mut dyn Write, v: ValueRef<'_>, insert: bool) -> io::Result<()> {
    match v {
        ValueRef::Null => out.write_all(b"NULL"),
        ValueRef::Integer(n) => write_int(out, n),
        ValueRef::Real(r) if insert && r.is_infinite() => out.write_all(if r > 0.0 { b"1e999" } else { b"-1e999" }),
        ValueRef::Real(r) => out.write_all(crate::engine::sql::number::format_real(r, 20).as_bytes()),
        ValueRef::Text(t) if insert => quoted_escaped(out, c_str(t)),
        ValueRef::Text(t) => quoted(out, c_str(t)),
        ValueRef::Blob(b) => write!(out, "X'{}'", crate::engine::render::hex(b)),
    }
}

/// `.mode insert TABLE`: `INSERT INTO TABLE[(columns)] VALUES(…);`, columns named when headers are on.
pub struct InsertRenderer {
    prefix: String,
    headers: bool,
}

impl InsertRenderer {
    pub fn new(headers: bool, table: &str) -> Self {
        InsertRenderer { prefix: format!("INSERT INTO {}", quote::ident_if_needed(table)), headers }
    }
}

impl Renderer for InsertRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        if self.headers {
            let names: Vec<String> = columns.iter().map(|c| quote::ident_if_needed(c)).collect();
            self.prefix = format!("{}({})", self.prefix, names.join(","));
        }
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        out.write_all(self.prefix.as_bytes())?;
        out.write_all(b" VALUES(")?;
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            literal(out, *v, true)?;
        }
        out.write_all(b");\n")
    }

    fn end(&mut self, _out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::render::list::*;

    fn render(r: &mut dyn Renderer, cols: &[&str], rows: &[Vec<ValueRef<'_>>]) -> String {
        crate::engine::render::rendered(r, cols, rows)
    }

    #[test]
    fn insert_spells_line_breaks_and_quotes_identifiers() {
        let rows = vec![vec![ValueRef::Text(b"a\nb\\n"), ValueRef::Text(b"r\r"), ValueRef::Real(f64::INFINITY)]];
        let out = render(&mut InsertRenderer::new(true, "table"), &["a", "b c", "select"], &rows);
        assert_eq!(
            out,
            "INSERT INTO \"table\"(a,\"b c\",\"select\") VALUES(replace('a\\012b\\n','\\012',char(10)),\
             replace('r\\r','\\r',char(13)),1e999);\n"
        );
    }

    #[test]
    fn quote_writes_sql_literals() {
        let rows = vec![vec![ValueRef::Integer(1), ValueRef::Real(-2.5), ValueRef::Null, ValueRef::Text(b"it's")]];
        let out = render(&mut quote(true), &["a", "b", "c", "d"], &rows);
        assert_eq!(out, "'a','b','c','d'\n1,-2.5,NULL,'it''s'\n");
    }
}
