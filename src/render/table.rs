//! The default human format: a psql-style ASCII table (comfy-table) with a row-count footer.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle};
use rusqlite::types::ValueRef;

use super::{RenderContext, Renderer, display_text};
use crate::style::Role;

/// pgcli's look: rules around the header and the body, none between rows.
const PSQL_STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('+', '-', '+', '+'))
    .header_lines(ContentLineStyle::new('|', '|', '|'))
    .header_separator(LineStyle::new('+', '-', '+', '+'))
    .content_lines(ContentLineStyle::new('|', '|', '|'))
    .bottom_border(LineStyle::new('+', '-', '+', '+'));

pub struct TableRenderer {
    ctx: RenderContext,
    table: Table,
    shown: usize,
}

impl TableRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        let mut table = Table::new();
        table.load_style(PSQL_STYLE);
        table.force_no_tty();
        match ctx.width {
            Some(w) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(w);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        TableRenderer { ctx, table, shown: 0 }
    }
}

impl Renderer for TableRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.table.set_header(columns.iter().map(|c| Cell::new(super::escape_controls(c))));
        Ok(())
    }

    fn row(&mut self, _out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.ctx.row_limit.is_some_and(|limit| self.shown >= limit) {
            return Ok(());
        }
        self.shown += 1;
        let cells = row.iter().map(|v| {
            let text = display_text(*v, &self.ctx.null_marker);
            let text = if matches!(v, ValueRef::Null) { self.ctx.palette.paint(Role::Null, &text) } else { text };
            let cell = Cell::new_owned(text);
            match v {
                ValueRef::Integer(_) | ValueRef::Real(_) => cell.set_alignment(CellAlignment::Right),
                _ => cell,
            }
        });
        self.table.add_row(cells.collect::<Vec<_>>());
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, total: u64) -> io::Result<()> {
        if self.table.header().is_some() {
            writeln!(out, "{}", self.table)?;
        }
        let noun = if total == 1 { "row" } else { "rows" };
        let footer = if (self.shown as u64) < total {
            format!(
                "{total} {noun} ({} shown; raise the limit with --row-limit or export with \\o FILE and \\T csv)",
                self.shown
            )
        } else {
            format!("{total} {noun}")
        };
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &footer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Palette;

    fn ctx(limit: Option<usize>) -> RenderContext {
        RenderContext { null_marker: "<null>".into(), palette: Palette::new(false), width: None, row_limit: limit }
    }

    fn render(limit: Option<usize>, rows: &[Vec<ValueRef<'_>>]) -> String {
        let mut r = TableRenderer::new(ctx(limit));
        let mut out = Vec::new();
        r.begin(&mut out, &["id".into(), "title".into()]).expect("begin");
        for row in rows {
            r.row(&mut out, row).expect("row");
        }
        r.end(&mut out, rows.len() as u64).expect("end");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn draws_a_psql_table_with_footer() {
        let out = render(
            None,
            &[vec![ValueRef::Integer(7), ValueRef::Text(b"Grok the GIL")], vec![ValueRef::Integer(12), ValueRef::Null]],
        );
        let want = "\
+----+--------------+
| id | title        |
+----+--------------+
|  7 | Grok the GIL |
| 12 | <null>       |
+----+--------------+
2 rows
";
        assert_eq!(out, want);
    }

    #[test]
    fn row_limit_says_how_many_more() {
        let rows: Vec<Vec<ValueRef<'_>>> = (0..5).map(|i| vec![ValueRef::Integer(i), ValueRef::Text(b"x")]).collect();
        let out = render(Some(2), &rows);
        assert_eq!(out.lines().filter(|l| l.starts_with("| ")).count(), 3, "{out}");
        assert!(out.contains("5 rows (2 shown;"), "{out}");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let out = render(None, &[vec![ValueRef::Integer(1), ValueRef::Text(b"\x1b[2Jboom")]]);
        assert!(!out.contains('\x1b') && out.contains("\\e[2Jboom"), "{out}");
    }
}
