//! sqlite3's `.import FILE TABLE` with its options (`--csv`, `--ascii`, `--skip N`, `--schema S`,
//! `-v`), as the 3.40 shell does it: a new table is created from the first row with the definition
//! sqlite3 writes (every column TEXT, four to a line); an existing table takes every row by
//! position; a short row is filled with NULL and a long one cut, each with a line on stderr; a row
//! the table refuses is reported and skipped. `\import csv` is talkcli's stricter import (columns
//! matched by name, all or nothing).

use std::io::{Read, Write};
use std::path::Path;

use crate::engine::command::arg_spec::Bound;
use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use rusqlite::types::{ToSqlOutput, ValueRef};

/// How `.import` reads its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub file: String,
    pub table: String,
    pub schema: Option<String>,
    pub skip: usize,
    pub verbose: bool,
    /// Column and row separator bytes.
    pub col: u8,
    pub row: u8,
    /// Whether `"` quotes fields (csv and list input; not `--ascii`).
    pub quoting: bool,
}

/// `.import`'s words as its declaration bound them; `col`/`row` are the separators of the current
/// mode, used unless `--csv` or `--ascii` say otherwise.
pub fn parse(b: &Bound, col: &str, row: &str) -> Result<Options> {
    let file = b.need("FILE")?.to_string();
    let table = b.need("TABLE")?.to_string();
    let schema = b.get("--schema").map(str::to_string);
    // A negative count skips nothing.
    let skip = b.count("--skip").unwrap_or(0);
    let verbose = b.has("-v");
    let seps = match b.last_of(&["--csv", "--ascii"]) {
        Some("--csv") => Some((b',', b'\n', true)),
        Some(_) => Some((0x1f, 0x1e, false)),
        None => None,
    };
    let (col, row, quoting) = match seps {
        Some(s) => s,
        None => {
            // The current mode's separators, as sqlite3; csv's CRLF reads as a newline.
            let row = if row == "\r\n" { "\n" } else { row };
            match (col.as_bytes(), row.as_bytes()) {
                // sqlite3's ascii mode reads fields without quoting, as --ascii does.
                ([c], [r]) => (*c, *r, !(*c == 0x1f && *r == 0x1e)),
                ([], _) | (_, []) => bail!("a column and a row separator are needed for .import"),
                _ => bail!("multi-character separators are not allowed for .import (use --csv)"),
            }
        }
    };
    Ok(Options { file, table, schema, skip, verbose, col, row, quoting })
}

/// How one import ended (what it did, `-v` has printed already).
pub struct Report {
    /// The last row was refused (and this is its line, not yet printed): sqlite3 then ends
    /// `.import` with an error status.
    pub last_failure: Option<String>,
    /// Rows added, rows refused and lines read: what `-v` reports.
    rows: usize,
    errors: usize,
    lines: u64,
}

/// `"schema"."table"` or `"table"`, as sqlite3 spells them.
fn full_name(o: &Options) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    match &o.schema {
        Some(s) => format!("{}.{}", q(s), q(&o.table)),
        None => q(&o.table),
    }
}

/// Runs the import; notes about rows go to `err`, `-v` output to `out`. The input is read as it
/// is imported (memory stays small whatever its size); Ctrl-C stops it and undoes its rows.
pub fn import(conn: &Connection, o: &Options, out: &mut dyn Write, err: &mut dyn Write) -> Result<Report> {
    crate::engine::interrupt::clear();
    let (input, child, label) = open_input(&o.file)?;
    let o = &Options { file: label, ..o.clone() };
    let counted = Counting { inner: input, byte: o.row, seen: 0 };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(o.col)
        .quoting(o.quoting)
        .terminator(if o.row == b'\n' { csv::Terminator::CRLF } else { csv::Terminator::Any(o.row) })
        .buffer_capacity(256 * 1024)
        .from_reader(counted);
    let mut report = {
        let mut records = reader.byte_records();
        // One transaction (or, inside the user's, a savepoint) holds the new table and its rows:
        // an import stopped by Ctrl-C or a failing input leaves nothing behind.
        let tx = crate::engine::import::ImportTx::begin(conn)?;
        let report = import_records(&tx, o, &mut records, out, err)?;
        tx.commit()?;
        report
    };
    report.lines = reader.into_inner().seen;
    if let Some(mut child) = child {
        child.wait().context("cannot wait for the import command")?;
    }
    if o.verbose {
        writeln!(
            out,
            "Added {} rows with {} errors using {} lines of input",
            report.rows, report.errors, report.lines
        )?;
    }
    Ok(report)
}

/// Creates the table from the header when it does not exist, then inserts the records.
fn import_records<R: Read>(
    conn: &Connection,
    o: &Options,
    records: &mut csv::ByteRecordsIter<'_, R>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Report> {
    for _ in 0..o.skip {
        if records.next().is_none() {
            break;
        }
    }
    let table = full_name(o);
    let ncol = match conn.prepare(&format!("SELECT * FROM {table}")) {
        Ok(stmt) => stmt.column_count(),
        Err(e) if crate::engine::error::sql_error_message(&e).starts_with("no such table") => {
            let Some(header) = records.next() else { bail!("{}: empty file", o.file) };
            let header = header.map_err(|e| anyhow::anyhow!("{}: {e}", o.file))?;
            let names: Vec<String> = header.iter().map(|f| crate::engine::rawtext::decode(f).into_owned()).collect();
            let (defs, renames) = column_defs(&names);
            if !renames.is_empty() {
                writeln!(err, "Columns renamed during .import {} due to duplicates:\n{}", o.file, renames.join(",\n"))?;
            }
            let create = format!("CREATE TABLE {table}{defs}\n");
            if o.verbose {
                writeln!(out, "{create}")?;
            }
            crate::engine::exec::execute_text(conn, &create).map_err(|e| {
                anyhow::anyhow!("cannot create table {}: {}", o.table, crate::engine::error::sql_error_message(&e))
            })?;
            names.len()
        }
        Err(e) => bail!("{}", crate::engine::error::sql_error_message(&e)),
    };
    if ncol == 0 {
        return Ok(Report { rows: 0, errors: 0, lines: 0, last_failure: None });
    }
    insert_rows(conn, o, &table, ncol, records, err)
}

/// Inserts every record by position; a refused row is reported and skipped, as sqlite3 does.
fn insert_rows<R: Read>(
    conn: &Connection,
    o: &Options,
    table: &str,
    ncol: usize,
    records: &mut csv::ByteRecordsIter<'_, R>,
    err: &mut dyn Write,
) -> Result<Report> {
    let marks = vec!["?"; ncol].join(",");
    let mut insert = conn.prepare(&format!("INSERT INTO {table} VALUES({marks})"))?;
    let (mut rows, mut errors) = (0, 0);
    let mut last_failure: Option<String> = None;
    for record in records {
        if crate::engine::interrupt::pending() {
            bail!("interrupted: {} not imported", o.file);
        }
        if let Some(line) = last_failure.take() {
            writeln!(err, "{line}")?;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                writeln!(err, "{}: {e}", o.file)?;
                errors += 1;
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let n = record.len();
        if n < ncol {
            writeln!(err, "{}:{line}: expected {ncol} columns but found {n} - filling the rest with NULL", o.file)?;
        } else if n > ncol {
            writeln!(err, "{}:{line}: expected {ncol} columns but found {n} - extras ignored", o.file)?;
        }
        // The field's bytes as they are, UTF-8 or not, as sqlite3 binds them.
        let values = (0..ncol).map(|i| match record.get(i) {
            Some(f) => ToSqlOutput::Borrowed(ValueRef::Text(f)),
            None => ToSqlOutput::Borrowed(ValueRef::Null),
        });
        match insert.execute(rusqlite::params_from_iter(values)) {
            Ok(_) => rows += 1,
            Err(e) => {
                last_failure =
                    Some(format!("{}:{line}: INSERT failed: {}", o.file, crate::engine::error::sql_error_message(&e)));
                errors += 1;
            }
        }
    }
    Ok(Report { rows, errors, lines: 0, last_failure })
}

/// Counts the row separator bytes read through it: sqlite3's "lines of input".
struct Counting<R> {
    inner: R,
    byte: u8,
    seen: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen += buf[..n].iter().filter(|&&b| b == self.byte).count() as u64;
        Ok(n)
    }
}

/// The file (a regular file only: a FIFO or a device would hang or never end), or with `|CMD`
/// the output of the shell command (named `<pipe>`, as sqlite3).
fn open_input(file: &str) -> Result<(Box<dyn Read>, Option<std::process::Child>, String)> {
    if let Some(cmd) = file.strip_prefix('|') {
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot run \"{cmd}\""))?;
        let stdout = child.stdout.take().context("the import command has no output")?;
        return Ok((Box::new(stdout), Some(child), "<pipe>".to_string()));
    }
    // A name holding bytes that are not UTF-8 names the file with those bytes.
    let encoded = crate::engine::rawtext::encode(file);
    let path = Path::new(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&encoded));
    let f = crate::engine::userfile::open_checked(path).map_err(|p| match p {
        crate::engine::userfile::Problem::NotRegular(_) => anyhow::anyhow!("cannot open \"{file}\": {p}"),
        _ => anyhow::anyhow!("cannot open \"{file}\""),
    })?;
    Ok((Box::new(f), None, file.to_string()))
}

/// sqlite3's column list for a new table: `(\n"a" TEXT, "b" TEXT, …)`, four to a line, an empty
/// name as `?`, repeated names (any case) suffixed `_N` by position. Returns the renames too.
fn column_defs(names: &[String]) -> (String, Vec<String>) {
    let names: Vec<&str> = names.iter().map(|n| if n.is_empty() { "?" } else { n.as_str() }).collect();
    let repeated = |n: &str| names.iter().filter(|m| m.eq_ignore_ascii_case(n)).count() > 1;
    let digits = names.len().to_string().len();
    let mut defs = String::from("(\n");
    let mut renames = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let final_name = if repeated(name) { format!("{name}_{:0digits$}", i + 1) } else { name.to_string() };
        if final_name != *name {
            renames.push(format!("\"{}\" to \"{}\"", name.replace('"', "\"\""), final_name.replace('"', "\"\"")));
        }
        if i > 0 {
            defs.push_str(if i % 4 > 0 { ", " } else { ",\n " });
        }
        defs.push_str(&format!("\"{}\" TEXT", final_name.replace('"', "\"\"")));
    }
    defs.push(')');
    (defs, renames)
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::import::*;

    /// `.import`'s words bound as the dispatcher binds a dot command's.
    fn bound(s: &str) -> Result<Bound, crate::engine::command::arg_spec::Misfit> {
        let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        crate::engine::command::arg_spec::bind(crate::sqlite3::data_commands::COMMANDS[0].args, &words, true)
    }

    #[test]
    fn options_as_sqlite3_reads_them() {
        let o = parse(&bound("--csv --skip 1 -v --schema aux f.csv t").expect("binds"), "|", "\n").expect("parses");
        assert_eq!((o.col, o.row, o.skip, o.verbose), (b',', b'\n', 1, true));
        assert_eq!((o.file.as_str(), o.table.as_str(), o.schema.as_deref()), ("f.csv", "t", Some("aux")));
        let o = parse(&bound("-ascii f t").expect("binds"), "|", "\n").expect("parses");
        assert_eq!((o.col, o.row, o.quoting), (0x1f, 0x1e, false));
        let o = parse(&bound("f t").expect("binds"), ",", "\r\n").expect("mode csv");
        assert_eq!((o.col, o.row), (b',', b'\n'));
        assert!(bound("f").is_err());
        assert!(bound("--bogus f t").is_err());
        assert!(bound("--skip x f t").is_err());
        assert!(parse(&bound("f t").expect("binds"), "::", "\n").is_err());
    }

    #[test]
    fn new_tables_are_defined_as_sqlite3_defines_them() {
        let names: Vec<String> = ["name", "age", "score"].iter().map(|s| s.to_string()).collect();
        assert_eq!(column_defs(&names).0, "(\n\"name\" TEXT, \"age\" TEXT, \"score\" TEXT)");
        let five: Vec<String> = ["a", "b", "", "d", "A"].iter().map(|s| s.to_string()).collect();
        let (defs, renames) = column_defs(&five);
        assert_eq!(defs, "(\n\"a_1\" TEXT, \"b\" TEXT, \"?\" TEXT, \"d\" TEXT,\n \"A_5\" TEXT)");
        assert_eq!(renames, ["\"a\" to \"a_1\"", "\"A\" to \"A_5\""]);
    }
}
