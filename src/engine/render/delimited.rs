//! One writer for the line-oriented formats (csv, tsv, and sqlite3's list and quote modes): a
//! header line before the first row, then a line per row, fields joined by a separator. The
//! formats differ only in how a column name and a value are written, which each passes in. Rows
//! are written as they arrive, so memory does not grow with the result.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::{Renderer, write_int, write_real};

/// Writes a column name.
pub type NameWriter = fn(&mut dyn Write, &[u8]) -> io::Result<()>;
/// Writes one value.
pub type ValueWriter = fn(&mut dyn Write, ValueRef<'_>) -> io::Result<()>;

pub struct Delimited {
    col: Vec<u8>,
    row: Vec<u8>,
    /// Whether a header line comes before the first row; an empty result prints none (as sqlite3).
    header: bool,
    columns: Vec<String>,
    name: NameWriter,
    value: ValueWriter,
    /// sqlite3's `.nullvalue`: what a NULL prints as (written like a name); empty by default.
    null: Vec<u8>,
}

impl Delimited {
    pub fn new(col: &[u8], row: &[u8], header: bool, name: NameWriter, value: ValueWriter) -> Self {
        Delimited { col: col.to_vec(), row: row.to_vec(), header, columns: Vec::new(), name, value, null: Vec::new() }
    }

    /// NULL printed as `text` (sqlite3's `.nullvalue`) instead of nothing.
    pub fn with_null(mut self, text: &str) -> Self {
        self.null = text.as_bytes().to_vec();
        self
    }
}

impl Renderer for Delimited {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.header {
            self.header = false;
            for (i, c) in self.columns.iter().enumerate() {
                if i > 0 {
                    out.write_all(&self.col)?;
                }
                (self.name)(out, &crate::engine::rawtext::encode(c))?;
            }
            out.write_all(&self.row)?;
        }
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                out.write_all(&self.col)?;
            }
            match v {
                ValueRef::Null if !self.null.is_empty() => (self.name)(out, &self.null)?,
                v => (self.value)(out, *v)?,
            }
        }
        out.write_all(&self.row)
    }

    fn end(&mut self, _out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

/// A value as the sqlite3 shell's text modes write it: NULL as nothing, numbers as SQLite prints
/// them, text and blobs through `text` (which is where csv, tsv and list differ).
pub fn scalar(out: &mut dyn Write, v: ValueRef<'_>, text: NameWriter) -> io::Result<()> {
    match v {
        ValueRef::Null => Ok(()),
        ValueRef::Integer(n) => write_int(out, n),
        ValueRef::Real(r) => write_real(out, r),
        ValueRef::Text(t) | ValueRef::Blob(t) => text(out, t),
    }
}

/// Text as sqlite3 prints a column: a C string, so a blob stops at its first NUL.
pub fn c_str(bytes: &[u8]) -> &[u8] {
    bytes.iter().position(|&b| b == 0).map_or(bytes, |n| &bytes[..n])
}

/// A name or text written as it is.
pub fn raw(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    out.write_all(text)
}
