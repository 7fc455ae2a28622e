//! Vertical records, psql's `\x`: one `name | value` line per column, a rule per record. Used for
//! wide rows, `\x on`, `\x auto` when a table does not fit, and a statement ending in `\G`.
//! Records stream; values are escaped so data cannot drive the terminal.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use super::text::{display_width, wrap};
use super::{RenderContext, Renderer, display_text, escape_controls, footer};
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

    /// Writes one record from display texts (also what a table too wide for the terminal falls
    /// back to). On a terminal, long values wrap at word boundaries under their first line.
    pub fn record(&mut self, out: &mut dyn Write, cells: &[(&str, bool)]) -> io::Result<()> {
        self.shown += 1;
        let room = self.ctx.width.map(|w| usize::from(w).saturating_sub(self.name_width + 3).max(10));
        let value_width = cells
            .iter()
            .flat_map(|(c, _)| c.split('\n'))
            .map(|l| room.map_or_else(|| display_width(l), |r| display_width(l).min(r)))
            .max()
            .unwrap_or(0);
        let title = format!("-[ RECORD {} ]", self.shown);
        let mut rule_width = self.name_width + 3 + value_width;
        if let Some(w) = self.ctx.width {
            rule_width = rule_width.min(usize::from(w));
        }
        let pad = rule_width.saturating_sub(display_width(&title));
        let mut text = String::new();
        text.push_str(&title);
        text.extend(std::iter::repeat_n('-', pad));
        text.push('\n');
        for (name, (value, is_null)) in self.names.iter().zip(cells) {
            let mut first = true;
            for line in value.split('\n') {
                let pieces = match room {
                    Some(r) if display_width(line) > r => wrap(line, r),
                    _ => vec![line],
                };
                for piece in pieces {
                    if first {
                        text.push_str(name);
                        first = false;
                    } else {
                        text.extend(std::iter::repeat_n(' ', self.name_width));
                    }
                    text.push_str(" | ");
                    if *is_null {
                        text.push_str(&self.ctx.palette.paint(Role::Null, piece));
                    } else {
                        text.push_str(piece);
                    }
                    text.push('\n');
                }
            }
        }
        out.write_all(text.as_bytes())
    }

    pub fn set_columns(&mut self, columns: &[String]) {
        let columns: Vec<String> = columns.iter().map(|c| escape_controls(c).replace('\n', " ")).collect();
        self.name_width = columns.iter().map(|c| display_width(c)).max().unwrap_or(0);
        self.names = columns.iter().map(|c| format!("{c}{}", " ".repeat(self.name_width - display_width(c)))).collect();
    }
}

impl Renderer for VerticalRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.set_columns(columns);
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.full() {
            return Ok(());
        }
        let texts: Vec<(String, bool)> =
            row.iter().map(|v| (display_text(*v, &self.ctx.null_marker), matches!(v, ValueRef::Null))).collect();
        let cells: Vec<(&str, bool)> = texts.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        self.record(out, &cells)
    }

    fn full(&self) -> bool {
        self.ctx.row_limit.is_some_and(|limit| self.shown >= limit)
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        let text = footer(total, self.shown as u64, None, self.ctx.width);
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &text))
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
        r.end(&mut out, Some(2)).expect("end");
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
