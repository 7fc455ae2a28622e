//! CSV and TSV: the machine formats of the sqlite3 shell, byte for byte. Rows are written as they
//! arrive, straight from SQLite's bytes, so memory does not grow with the result.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::delimited::{Delimited, c_str, raw, scalar};

/// Bytes that make sqlite3's `output_csv` quote a field: controls, space, `"`, `'`, DEL and
/// every byte of a multi-byte character.
const fn need_quote(b: u8) -> bool {
    b < 0x21 || b == b'"' || b == b'\'' || b >= 0x7f
}

#[cfg(test)]
/// `sqlite3 -csv -header`: a header before the first row (none for an empty result, as sqlite3),
/// NULL as nothing, the empty string as `""`, fields quoted as sqlite3 quotes them. With `header`
/// false (`.headers off`), rows only.
pub fn csv(header: bool) -> Delimited {
    csv_with(header, ",", "\n")
}

/// csv with sqlite3's separators as `.mode csv` and `.separator` set them (`.mode csv` ends rows
/// with `\r\n`, the command-line `-csv` with `\n`).
pub fn csv_with(header: bool, col: &str, row: &str) -> Delimited {
    Delimited::new(col.as_bytes(), row.as_bytes(), header, write_csv_field, csv_value)
}

#[cfg(test)]
/// `sqlite3 -tabs -header`: tab-separated, unquoted, NULL as nothing. Data is written exactly, so
/// a tab or newline inside a value is the reader's to handle (use csv when values may hold them).
pub fn tsv(header: bool) -> Delimited {
    tsv_with(header, "\t", "\n")
}

/// tsv with the separators `.separator` set (sqlite3's `tabs` is its list mode with a tab).
pub fn tsv_with(header: bool, col: &str, row: &str) -> Delimited {
    Delimited::new(col.as_bytes(), row.as_bytes(), header, raw, tsv_value)
}

fn csv_value(out: &mut dyn Write, v: ValueRef<'_>) -> io::Result<()> {
    scalar(out, v, write_csv_field)
}

fn tsv_value(out: &mut dyn Write, v: ValueRef<'_>) -> io::Result<()> {
    // sqlite3's tabs is its list mode: a value is a C string, so a blob stops at its first NUL.
    scalar(out, v, |out, t| raw(out, c_str(t)))
}

/// Writes `text` as sqlite3 does: quoted when empty or when it holds a byte that needs it.
fn write_csv_field(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    let text = c_str(text);
    if !text.is_empty() && !text.iter().any(|&b| need_quote(b) || b == b',') {
        return out.write_all(text);
    }
    out.write_all(b"\"")?;
    let mut rest = text;
    while let Some(n) = rest.iter().position(|&b| b == b'"') {
        out.write_all(&rest[..=n])?;
        out.write_all(b"\"")?;
        rest = &rest[n + 1..];
    }
    out.write_all(rest)?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use crate::engine::render::Renderer;
    use crate::engine::render::csv_tsv::*;

    fn render(r: &mut dyn Renderer, cols: &[&str], rows: &[Vec<ValueRef<'_>>]) -> String {
        crate::engine::render::rendered(r, cols, rows)
    }

    #[test]
    fn csv_quotes_as_sqlite3_does() {
        let rows = vec![
            vec![ValueRef::Integer(1), ValueRef::Text(b"x,y"), ValueRef::Null, ValueRef::Text(b"")],
            vec![ValueRef::Integer(-2), ValueRef::Text(b"a\"b"), ValueRef::Real(1.5), ValueRef::Text("é".as_bytes())],
            vec![ValueRef::Integer(3), ValueRef::Text(b"it's"), ValueRef::Text(b"a b"), ValueRef::Text(b"plain")],
        ];
        let out = render(&mut csv(true), &["a", "b c", "d", "e"], &rows);
        assert_eq!(out, "a,\"b c\",d,e\n1,\"x,y\",,\"\"\n-2,\"a\"\"b\",1.5,\"é\"\n3,\"it's\",\"a b\",plain\n");
    }

    #[test]
    fn csv_of_an_empty_result_prints_nothing() {
        assert_eq!(render(&mut csv(true), &["a"], &[]), "");
    }

    #[test]
    fn csv_blobs_stop_at_nul_like_c_strings() {
        let out = render(&mut csv(true), &["b"], &[vec![ValueRef::Blob(b"ab\0cd")]]);
        assert_eq!(out, "b\nab\n");
    }

    #[test]
    fn tsv_keeps_data_exact() {
        let rows = vec![vec![ValueRef::Text(b"a\x1bb"), ValueRef::Null, ValueRef::Text(b""), ValueRef::Integer(5)]];
        let out = render(&mut tsv(true), &["x", "y", "z", "n"], &rows);
        assert_eq!(out, "x\ty\tz\tn\na\x1bb\t\t\t5\n");
    }
}
