//! `import csv FILE --table NAME` and `.import FILE TABLE`: a CSV file with a header row (RFC 4180
//! quoting, UTF-8 with or without a byte-order mark) into an existing table, matching columns by
//! header name, or into a new table with one TEXT column per header, all in one transaction.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, params_from_iter};

use crate::engine::sql::quote;

/// What a CSV import did.
#[derive(Debug)]
pub struct Report {
    pub table: String,
    pub rows: usize,
    pub created: bool,
    pub elapsed: Duration,
}

impl Report {
    /// `imported 12 rows into new table people in 0.0 s`
    pub fn summary(&self) -> String {
        format!(
            "imported {} row{} into {}{} in {:.1} s",
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            if self.created { "new table " } else { "" },
            self.table,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Imports `path` into `table`.
pub fn import(conn: &Connection, path: &Path, table: &str) -> Result<Report> {
    let started = Instant::now();
    let label = path.display().to_string();
    if table.trim().is_empty() {
        bail!("the table name must not be empty");
    }
    crate::engine::interrupt::clear();
    // The file is read twice, as it is imported (memory stays small whatever its size): once to
    // check its quotes, then record by record.
    let cannot_read = |p: crate::engine::userfile::Problem| anyhow::anyhow!("{label}: cannot read: {p}");
    let mut file = crate::engine::userfile::open_checked(path).map_err(cannot_read)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > crate::engine::userfile::CSV_CAP {
        return Err(cannot_read(crate::engine::userfile::Problem::TooLarge {
            len: Some(len),
            cap: crate::engine::userfile::CSV_CAP,
        }));
    }
    let start = skip_bom(&mut file).with_context(|| format!("{label}: cannot read"))?;
    let quotes = unterminated_quote((&file).take(len));
    if let Some(line) = quotes.with_context(|| format!("{label}: cannot read"))? {
        bail!("{label}: line {line}: unterminated quoted field");
    }
    file.seek(SeekFrom::Start(start)).with_context(|| format!("{label}: cannot read"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(file.take(len.saturating_sub(start)));
    let mut records = reader.byte_records();

    let header = match records.next() {
        Some(r) => r.map_err(|e| anyhow::anyhow!("{label}: {}", csv_problem(&e)))?,
        None => bail!("{label}: empty file (a header row is needed)"),
    };
    let mut columns = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let name = std::str::from_utf8(field).map_err(|_| anyhow::anyhow!("{label}: line 1: not UTF-8"))?.trim();
        if name.is_empty() {
            bail!("{label}: line 1: column {} has no name in the header", i + 1);
        }
        if columns.iter().any(|c: &String| c.eq_ignore_ascii_case(name)) {
            bail!("{label}: line 1: column \"{name}\" appears twice in the header");
        }
        columns.push(name.to_string());
    }

    let tx = crate::engine::import::ImportTx::begin(conn)?;
    let existing: Vec<String> = {
        let mut stmt = tx.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid")?;
        stmt.query_map([table], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let created = existing.is_empty();
    if created {
        let is_view: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE AND type <> 'table'",
            [table],
            |r| r.get(0),
        )?;
        if is_view {
            bail!("{table} is not a table");
        }
        let cols: Vec<String> = columns.iter().map(|c| format!("{} TEXT", quote::ident(c))).collect();
        tx.execute_batch(&format!("CREATE TABLE {} ({})", quote::ident(table), cols.join(", ")))
            .with_context(|| format!("cannot create table {table}"))?;
    } else {
        for c in &columns {
            if !existing.iter().any(|e| e.eq_ignore_ascii_case(c)) {
                bail!("{label}: column \"{c}\" is not in table {table} (its columns: {})", existing.join(", "));
            }
        }
    }
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote::ident(table),
        columns.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", "),
        placeholders.join(", ")
    );
    let mut rows = 0;
    {
        let mut insert = tx.prepare(&sql)?;
        for record in records {
            if crate::engine::interrupt::pending() {
                bail!("interrupted: nothing imported from {label}");
            }
            let record = record.map_err(|e| anyhow::anyhow!("{label}: {}", csv_problem(&e)))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
                continue; // a blank line
            }
            if record.len() != columns.len() {
                let n = columns.len();
                bail!(
                    "{label}: line {line}: expected {n} field{}, found {}",
                    if n == 1 { "" } else { "s" },
                    record.len()
                );
            }
            let mut values = Vec::with_capacity(record.len());
            for field in record.iter() {
                values
                    .push(std::str::from_utf8(field).map_err(|_| anyhow::anyhow!("{label}: line {line}: not UTF-8"))?);
            }
            insert.execute(params_from_iter(values)).map_err(|e| {
                anyhow::anyhow!("{label}: line {line}: {}", crate::engine::error::sql_error_message(&e))
            })?;
            rows += 1;
        }
    }
    tx.commit()?;
    Ok(Report { table: table.to_string(), rows, created, elapsed: started.elapsed() })
}

/// Past a UTF-8 byte-order mark at the start of `file`, if there is one: where the text starts.
fn skip_bom(file: &mut std::fs::File) -> std::io::Result<u64> {
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match file.read(&mut head[got..])? {
            0 => break,
            n => got += n,
        }
    }
    let start = if got == 3 && head == *b"\xEF\xBB\xBF" { 3 } else { 0 };
    file.seek(SeekFrom::Start(start))?;
    Ok(start)
}

/// The line of a quote that opens a field and never closes. The csv reader would take the rest of
/// the file into that field (or report a short row); RFC 4180 says the quote must close. A quote
/// opens a field only as its first byte, and `""` inside one is a quote, as the reader sees them.
fn unterminated_quote(mut input: impl Read) -> std::io::Result<Option<u64>> {
    let (mut line, mut opened_on) = (1, None);
    let mut at_field_start = true;
    // A quote inside a quoted field that may be the first of `""`: decided by the next byte.
    let mut quote_pending = false;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        for &b in &buf[..n] {
            if quote_pending {
                quote_pending = false;
                if b == b'"' {
                    continue; // `""`: a quote inside the field
                }
                opened_on = None;
            } else if b == b'"' {
                if opened_on.is_some() {
                    quote_pending = true;
                    continue;
                }
                if at_field_start {
                    opened_on = Some(line);
                }
            }
            at_field_start = opened_on.is_none() && matches!(b, b',' | b'\n' | b'\r');
            if b == b'\n' {
                line += 1;
            }
        }
    }
    Ok(if quote_pending { None } else { opened_on })
}

fn csv_problem(e: &csv::Error) -> String {
    match (e.position(), e.kind()) {
        (Some(p), csv::ErrorKind::Io(io)) => format!("line {}: {io}", p.line()),
        (Some(p), _) => format!("line {}: {e}", p.line()),
        (None, _) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::import::csv_import::*;

    fn import_text(conn: &Connection, text: &[u8], table: &str) -> Result<Report> {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("data.csv");
        std::fs::write(&p, text).expect("write");
        import(conn, &p, table)
    }

    #[test]
    fn quoting_bom_and_new_tables() {
        let conn = Connection::open_in_memory().expect("db");
        let text = "\u{feff}name,quote\r\n\"Lee, Ann\",\"she said \"\"hi\"\"\"\r\nBo,\"two\nlines\"\r\n";
        let r = import_text(&conn, text.as_bytes(), "people").expect("import");
        assert!(r.created);
        assert_eq!(r.rows, 2);
        let rows: Vec<(String, String)> = conn
            .prepare("SELECT name, quote FROM people ORDER BY rowid")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(rows, [("Lee, Ann".into(), "she said \"hi\"".into()), ("Bo".into(), "two\nlines".into())]);
    }

    #[test]
    fn existing_tables_match_columns_by_name_and_errors_roll_back() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch("CREATE TABLE t (a INTEGER NOT NULL, b TEXT)").expect("create");
        let r = import_text(&conn, b"B,a\nx,1\ny,2\n", "t").expect("import");
        assert!(!r.created);
        let sum: i64 = conn.query_row("SELECT sum(a) FROM t", [], |r| r.get(0)).expect("sum");
        assert_eq!(sum, 3);
        let err = import_text(&conn, b"a,b\n5,x\n6\n", "t").expect_err("short row");
        assert!(err.to_string().ends_with("line 3: expected 2 fields, found 1"), "{err}");
        let err = import_text(&conn, b"a,b\n5,\"x\"\"y\"\n6,\"open\n7,8\n", "t").expect_err("open quote");
        assert!(err.to_string().ends_with("line 3: unterminated quoted field"), "{err}");
        let err = import_text(&conn, b"a,c\n5,x\n", "t").expect_err("unknown column");
        assert!(err.to_string().contains("column \"c\" is not in table t"), "{err}");
        let n: i64 = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).expect("count");
        assert_eq!(n, 2, "failed imports left rows behind");
    }

    /// Reads one byte at a time: a `""` or a closing quote split across reads keeps its meaning.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn the_quote_check_reads_in_pieces_as_it_reads_whole() {
        for (text, open) in [
            (&b"a,b\n1,\"x\"\"y\"\n2,3\n"[..], None),
            (b"a,b\n1,\"ends with a quote\"", None),
            (b"a,b\n1,\"x\"\"\n2,3\n", Some(2)),
            (b"a\n\"open", Some(2)),
        ] {
            assert_eq!(unterminated_quote(Trickle(text)).expect("read"), open, "{}", String::from_utf8_lossy(text));
            assert_eq!(unterminated_quote(text).expect("read"), open, "{}", String::from_utf8_lossy(text));
        }
    }
}
