//! Markdown (GitHub pipe tables) for pasting results into issues and notes. Rows stream; a `|` in
//! data is escaped and a newline becomes `<br>` so each row stays one table line.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::{RenderContext, Renderer, display_text, escape_controls};

pub struct MarkdownRenderer {
    ctx: RenderContext,
    numeric: Vec<bool>,
    columns: Vec<String>,
    started: bool,
}

impl MarkdownRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        MarkdownRenderer { ctx, numeric: Vec::new(), columns: Vec::new(), started: false }
    }
}

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', "<br>")
}

impl MarkdownRenderer {
    /// The header and alignment row, written at the first row so numeric columns align right.
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.started = true;
        let names: Vec<String> = self.columns.iter().map(|c| cell(&escape_controls(c))).collect();
        writeln!(out, "| {} |", names.join(" | "))?;
        let rules: Vec<&str> = self.numeric.iter().map(|n| if *n { "--:" } else { "---" }).collect();
        writeln!(out, "|{}|", rules.join("|"))
    }
}

impl Renderer for MarkdownRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        self.numeric = vec![false; columns.len()];
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if !self.started {
            for (n, v) in self.numeric.iter_mut().zip(row) {
                *n = matches!(v, ValueRef::Integer(_) | ValueRef::Real(_));
            }
            self.header(out)?;
        }
        let cells: Vec<String> = row.iter().map(|v| cell(&display_text(*v, &self.ctx.null_marker))).collect();
        writeln!(out, "| {} |", cells.join(" | "))
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        if !self.started {
            self.header(out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::render::markdown::*;

    #[test]
    fn pipe_table_with_escapes() {
        let mut r = MarkdownRenderer::new(RenderContext::plain());
        let mut out = Vec::new();
        r.begin(&mut out, &["n".into(), "title".into()]).expect("begin");
        r.row(&mut out, &[ValueRef::Integer(1), ValueRef::Text(b"a|b\nc")]).expect("row");
        r.row(&mut out, &[ValueRef::Integer(22), ValueRef::Null]).expect("row");
        r.end(&mut out, Some(2)).expect("end");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "| n | title |\n|--:|---|\n| 1 | a\\|b<br>c |\n| 22 | <null> |\n"
        );
    }
}
