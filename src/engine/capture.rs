//! The last result, kept small: while a query's rows stream to the screen, the first few thousand
//! are copied here so `\chart` and `\facets` can look at "what I just saw" without running it
//! again. Bounded by rows and bytes, and it says when it stopped copying.

use std::io::{self, Write};

use rusqlite::types::{Value, ValueRef};

use crate::engine::render::Renderer;

/// How much of one result is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub rows: usize,
    /// Bytes the kept values may take (values, their text and blobs, row vectors).
    pub bytes: usize,
}

/// What a result drawn on the screen or written out keeps on the side: enough to chart or facet
/// what was seen, little enough that a million-row export grows talkcli's memory by 2 MiB at most.
pub const PASSING: Limit = Limit { rows: 5_000, bytes: 2 << 20 };

/// What `SELECT … \chart` keeps: the rows are for the chart alone, so more of them.
pub const CHARTED: Limit = Limit { rows: 100_000, bytes: 32 << 20 };

/// Rows of one query result, possibly cut short.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Every row the query produced (more than `rows.len()` when capped).
    pub total: u64,
    /// False when the query was not stepped to its end (the screen's row limit was reached).
    pub finished: bool,
    bytes: usize,
    limit: Limit,
}

impl Captured {
    pub fn new(columns: Vec<String>, limit: Limit) -> Self {
        Captured { columns, rows: Vec::new(), total: 0, finished: true, bytes: 0, limit }
    }

    /// True when rows were produced (or might have been) that are not kept.
    pub fn capped(&self) -> bool {
        (self.rows.len() as u64) < self.total || !self.finished
    }

    /// Counts a row and keeps it while there is room.
    pub fn push(&mut self, row: &[ValueRef<'_>]) {
        self.total += 1;
        if self.rows.len() >= self.limit.rows || self.bytes > self.limit.bytes {
            return;
        }
        let size: usize = size_of::<Vec<Value>>()
            + row
                .iter()
                .map(|v| {
                    size_of::<Value>()
                        + match v {
                            ValueRef::Text(t) | ValueRef::Blob(t) => t.len(),
                            _ => 0,
                        }
                })
                .sum::<usize>();
        if self.bytes + size > self.limit.bytes {
            self.bytes = self.limit.bytes + 1;
            return;
        }
        self.bytes += size;
        self.rows.push(row.iter().map(|v| owned(*v)).collect());
    }

    /// Index of the column called `name` (case-insensitive, as SQL names are).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c == name)
            .or_else(|| self.columns.iter().position(|c| c.eq_ignore_ascii_case(name)))
    }

    /// One line saying the result was cut, for footers.
    pub fn capped_note(&self) -> Option<String> {
        if !self.finished {
            return Some(format!(
                "only the first {} rows were kept for this (the query stopped at the row limit; end it with \\chart to use more)",
                self.rows.len()
            ));
        }
        self.capped().then(|| format!("only the first {} of {} rows were kept for this", self.rows.len(), self.total))
    }
}

pub(crate) fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// A renderer that passes everything on to `inner` and keeps a copy in `keep`.
pub(crate) struct Capturing<'a> {
    pub inner: &'a mut dyn Renderer,
    pub keep: &'a mut Captured,
    pub limit: Limit,
}

impl Renderer for Capturing<'_> {
    fn begin(&mut self, out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        *self.keep = Captured::new(columns.to_vec(), self.limit);
        self.inner.begin(out, columns)
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        self.keep.push(row);
        self.inner.row(out, row)
    }

    fn full(&self) -> bool {
        self.inner.full()
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        self.keep.finished = total.is_some();
        self.inner.end(out, total)
    }

    fn failed(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.inner.failed(out)
    }
}

/// A renderer that draws nothing: `SELECT … \chart` keeps the rows for the chart only.
pub(crate) struct Silent;

impl Renderer for Silent {
    fn begin(&mut self, _: &mut dyn Write, _: &[String]) -> io::Result<()> {
        Ok(())
    }
    fn row(&mut self, _: &mut dyn Write, _: &[ValueRef<'_>]) -> io::Result<()> {
        Ok(())
    }
    fn end(&mut self, _: &mut dyn Write, _: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::capture::*;

    #[test]
    fn keeps_rows_up_to_the_cap_and_counts_the_rest() {
        let mut c = Captured::new(vec!["n".into()], PASSING);
        for i in 0..(PASSING.rows as i64 + 5) {
            c.push(&[ValueRef::Integer(i)]);
        }
        assert_eq!(c.rows.len(), PASSING.rows);
        assert_eq!(c.total, PASSING.rows as u64 + 5);
        assert!(c.capped());
        assert_eq!(c.capped_note().as_deref(), Some("only the first 5000 of 5005 rows were kept for this"));
    }

    #[test]
    fn a_result_stopped_at_the_row_limit_says_so() {
        struct Full;
        impl Renderer for Full {
            fn begin(&mut self, _: &mut dyn Write, _: &[String]) -> io::Result<()> {
                Ok(())
            }
            fn row(&mut self, _: &mut dyn Write, _: &[ValueRef<'_>]) -> io::Result<()> {
                Ok(())
            }
            fn full(&self) -> bool {
                true
            }
            fn end(&mut self, _: &mut dyn Write, _: Option<u64>) -> io::Result<()> {
                Ok(())
            }
        }
        let mut keep = Captured::new(Vec::new(), PASSING);
        let mut c = Capturing { inner: &mut Full, keep: &mut keep, limit: PASSING };
        let mut out = Vec::new();
        c.begin(&mut out, &["n".to_string()]).expect("begin");
        c.row(&mut out, &[ValueRef::Integer(1)]).expect("row");
        assert!(c.full(), "the row limit reaches through the copy");
        c.end(&mut out, None).expect("end");
        assert!(keep.capped());
        assert!(keep.capped_note().is_some_and(|n| n.starts_with("only the first 1 rows were kept")));
    }

    #[test]
    fn big_text_stops_the_copy_by_bytes() {
        let mut c = Captured::new(vec!["t".into()], PASSING);
        let big = vec![b'x'; PASSING.bytes / 2 + 1];
        for _ in 0..3 {
            c.push(&[ValueRef::Text(&big)]);
        }
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.total, 3);
    }
}
