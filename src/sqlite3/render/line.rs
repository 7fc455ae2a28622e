//! `.mode line` / `--format line`: the sqlite3 shell's line mode, byte for byte — each column
//! `name = value` with names right-aligned to the longest (at least 5 bytes), a blank line between
//! rows, NULL as nothing. On a terminal, control characters are escaped (data never drives it);
//! to a pipe or file the bytes are sqlite3's.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::delimited::{c_str, scalar};
use crate::engine::render::{Renderer, push_escaped};

pub struct LineRenderer {
    /// Column names, right-aligned to one width and followed by ` = `.
    names: Vec<Vec<u8>>,
    escape: bool,
    rows: u64,
    /// sqlite3's `.nullvalue` (empty by default).
    null: Vec<u8>,
}

impl LineRenderer {
    pub fn new(escape: bool) -> Self {
        LineRenderer { names: Vec::new(), escape, rows: 0, null: Vec::new() }
    }

    /// NULL printed as `text` (sqlite3's `.nullvalue`).
    pub fn with_null(mut self, text: &str) -> Self {
        self.null = text.as_bytes().to_vec();
        self
    }

    fn text(&self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        if self.escape {
            let mut s = String::new();
            push_escaped(&mut s, &String::from_utf8_lossy(bytes));
            out.write_all(s.as_bytes())
        } else {
            out.write_all(bytes)
        }
    }
}

impl Renderer for LineRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        // sqlite3 pads with printf's `%*s`: widths in bytes, at least 5.
        // Names as their bytes (not-UTF-8 ones included, see `rawtext`), as sqlite3 counts them.
        let raw: Vec<_> = columns.iter().map(|c| crate::engine::rawtext::encode(c)).collect();
        let width = raw.iter().map(|r| r.len()).max().unwrap_or(0).max(5);
        self.names = columns
            .iter()
            .zip(&raw)
            .map(|(c, raw)| {
                let mut name = vec![b' '; width - raw.len()];
                if self.escape {
                    let mut s = String::new();
                    push_escaped(&mut s, c);
                    name.extend_from_slice(s.as_bytes());
                } else {
                    name.extend_from_slice(raw);
                }
                name.extend_from_slice(b" = ");
                name
            })
            .collect();
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.rows > 0 {
            out.write_all(b"\n")?;
        }
        self.rows += 1;
        for (name, v) in self.names.iter().zip(row) {
            out.write_all(name)?;
            match v {
                ValueRef::Text(t) | ValueRef::Blob(t) => self.text(out, c_str(t))?,
                ValueRef::Null => self.text(out, &self.null)?,
                other => scalar(out, *other, |_, _| Ok(()))?,
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn end(&mut self, _out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::render::rendered;
    use crate::sqlite3::render::line::*;

    #[test]
    fn sqlite3_line_mode() {
        let rows = [
            vec![ValueRef::Integer(1), ValueRef::Text(b"Grok\x1b"), ValueRef::Null],
            vec![ValueRef::Real(2.5), ValueRef::Text(b"two\nlines"), ValueRef::Blob(b"ab\0c")],
        ];
        let out = rendered(&mut LineRenderer::new(false), &["id", "title", "a_long_name"], &rows);
        assert_eq!(
            out,
            "         id = 1\n      title = Grok\x1b\na_long_name = \n\n         id = 2.5\n      title = two\nlines\na_long_name = ab\n"
        );
        let out = rendered(&mut LineRenderer::new(true), &["n"], &[vec![ValueRef::Text(b"\x1b]52;c;x\x07")]]);
        assert_eq!(out, "    n = \\e]52;c;x\\x07\n");
    }
}
