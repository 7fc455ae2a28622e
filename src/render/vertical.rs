//! Vertical records, psql's `\x`: one `name | value` line per column, a rule per record. Used for
//! wide rows, `\x on`, `\x auto` when a table does not fit, and a statement ending in `\G`.
//! Records stream; values are escaped so data cannot drive the terminal.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use super::{RenderContext, Renderer, display_text, display_width, escape_controls, footer};
use crate::style::Role;

pub struct VerticalRenderer {
    ctx: RenderContext,
    /// Column names padded to one width.
    names: Vec<String>,
    name_width: usize,
    shown: usize,
}

impl VerticalRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        VerticalRenderer { ctx, names: Vec::new(), name_width: 0, shown: 0 }
    }

    /// Writes one record from display texts (also what `\x auto` tables fall back to).
    pub fn record(&mut self, out: &mut dyn Write, cells: &[(String, bool)]) -> io::Result<()> {
        self.shown += 1;
        let value_width = cells.iter().flat_map(|(c, _)| c.lines()).map(display_width).max().unwrap_or(0);
        let title = format!("-[ RECORD {} ]", self.shown);
        let mut rule_width = self.name_width + 3 + value_width;
        if let Some(w) = self.ctx.width {
            rule_width = rule_width.min(usize::from(w));
        }
        let pad = rule_width.saturating_sub(display_width(&title));
        writeln!(out, "{title}{}", "-".repeat(pad))?;
        for (name, (text, is_null)) in self.names.iter().zip(cells) {
            let mut lines = text.split('\n');
            let first = lines.next().unwrap_or("");
            let first = if *is_null { self.ctx.palette.paint(Role::Null, first) } else { first.to_string() };
            writeln!(out, "{name} | {first}")?;
            for more in lines {
                writeln!(out, "{:w$} | {more}", "", w = self.name_width)?;
            }
        }
        Ok(())
    }

    pub fn set_columns(&mut self, columns: &[String]) {
        let columns: Vec<String> = columns.iter().map(|c| escape_controls(c).replace('\n', " ")).collect();
        self.name_width = columns.iter().map(|c| display_width(c)).max().unwrap_or(0);
        self.names = columns.iter().map(|c| format!("{c}{}", " ".repeat(self.name_width - display_width(c)))).collect();
    }

    pub fn shown(&self) -> usize {
        self.shown
    }
}

impl Renderer for VerticalRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.set_columns(columns);
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.ctx.row_limit.is_some_and(|limit| self.shown >= limit) {
            return Ok(());
        }
        let cells: Vec<(String, bool)> =
            row.iter().map(|v| (display_text(*v, &self.ctx.null_marker), matches!(v, ValueRef::Null))).collect();
        self.record(out, &cells)
    }

    fn end(&mut self, out: &mut dyn Write, total: u64) -> io::Result<()> {
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &footer(total, self.shown as u64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_aligned_names() {
        let mut r = VerticalRenderer::new(RenderContext::plain());
        let mut out = Vec::new();
        r.begin(&mut out, &["id".into(), "title".into()]).expect("begin");
        r.row(&mut out, &[ValueRef::Integer(7), ValueRef::Text("Grok 日本\nline two\x1b".as_bytes())]).expect("row");
        r.row(&mut out, &[ValueRef::Integer(8), ValueRef::Null]).expect("row");
        r.end(&mut out, 2).expect("end");
        let want = "\
-[ RECORD 1 ]-----
id    | 7
title | Grok 日本
      | line two\\e
-[ RECORD 2 ]-
id    | 8
title | <null>
2 rows
";
        assert_eq!(String::from_utf8(out).expect("utf8"), want);
    }
}
