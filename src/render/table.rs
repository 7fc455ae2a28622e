//! The default human format: a psql-style table with a row-count footer, rules around the header
//! and body but none between rows, in ASCII or Unicode box drawing.
//!
//! Rows are buffered (a table must know its column widths). When the table fits — always on a pipe —
//! it is drawn directly, which keeps large results fast; on a terminal too narrow for it, comfy-table
//! truncates cells with `…` or wraps them, or with `\x auto` the rows are drawn as vertical records.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, ContentLineStyle, LineStyle, Row, Table, TableStyle};
use rusqlite::types::ValueRef;

use super::{RenderContext, Renderer, VerticalRenderer, display_text, display_width, escape_controls, footer};
use crate::settings::{Overflow, TableStyle as Style};
use crate::style::Role;

/// Characters of one table style: (left, fill, junction, right) per rule, (left, junction, right)
/// for content lines.
struct Rules {
    top: [char; 4],
    mid: [char; 4],
    bottom: [char; 4],
    content: [char; 3],
}

const ASCII: Rules = Rules {
    top: ['+', '-', '+', '+'],
    mid: ['+', '-', '+', '+'],
    bottom: ['+', '-', '+', '+'],
    content: ['|', '|', '|'],
};

const UNICODE: Rules = Rules {
    top: ['┌', '─', '┬', '┐'],
    mid: ['├', '─', '┼', '┤'],
    bottom: ['└', '─', '┴', '┘'],
    content: ['│', '│', '│'],
};

impl Rules {
    fn of(style: Style) -> &'static Rules {
        match style {
            Style::Ascii => &ASCII,
            Style::Unicode => &UNICODE,
        }
    }

    fn comfy(&self) -> TableStyle {
        let line = |r: [char; 4]| LineStyle::new(r[0], r[1], r[2], r[3]);
        let content = ContentLineStyle::new(self.content[0], self.content[1], self.content[2]);
        TableStyle::new()
            .top_border(line(self.top))
            .header_lines(content)
            .header_separator(line(self.mid))
            .content_lines(content)
            .bottom_border(line(self.bottom))
    }
}

/// One cell as it will be shown.
struct Text {
    text: String,
    null: bool,
    right: bool,
}

pub struct TableRenderer {
    ctx: RenderContext,
    columns: Vec<String>,
    rows: Vec<Vec<Text>>,
}

impl TableRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        TableRenderer { ctx, columns: Vec::new(), rows: Vec::new() }
    }

    /// Widest line of each column, header included.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.columns.iter().map(|c| max_line_width(c)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(max_line_width(&cell.text));
            }
        }
        widths
    }

    /// Draws the table at its natural width.
    fn draw(&self, out: &mut dyn Write, widths: &[usize]) -> io::Result<()> {
        let rules = Rules::of(self.ctx.style);
        let mut line = String::new();
        rule(&mut line, rules.top, widths);
        out.write_all(line.as_bytes())?;
        let header: Vec<Text> =
            self.columns.iter().map(|c| Text { text: c.clone(), null: false, right: false }).collect();
        self.draw_row(out, &mut line, rules, widths, &header)?;
        rule(&mut line, rules.mid, widths);
        out.write_all(line.as_bytes())?;
        for row in &self.rows {
            self.draw_row(out, &mut line, rules, widths, row)?;
        }
        rule(&mut line, rules.bottom, widths);
        out.write_all(line.as_bytes())
    }

    fn draw_row(
        &self,
        out: &mut dyn Write,
        line: &mut String,
        rules: &Rules,
        widths: &[usize],
        row: &[Text],
    ) -> io::Result<()> {
        let height = row.iter().map(|c| c.text.split('\n').count()).max().unwrap_or(1);
        for n in 0..height {
            line.clear();
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                line.push(if i == 0 { rules.content[0] } else { rules.content[1] });
                line.push(' ');
                let part = cell.text.split('\n').nth(n).unwrap_or("");
                let pad = w - display_width(part);
                let shown = if cell.null { self.ctx.palette.paint(Role::Null, part) } else { part.to_string() };
                if cell.right {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(&shown);
                } else {
                    line.push_str(&shown);
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                line.push(' ');
            }
            line.push(rules.content[2]);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Draws the table fitted into `width` columns with comfy-table: long cells truncated with `…`
    /// or wrapped, as the overflow setting says.
    fn draw_fitted(&self, out: &mut dyn Write, width: u16) -> io::Result<()> {
        let mut table = Table::new();
        table.load_style(Rules::of(self.ctx.style).comfy());
        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
        table.set_truncation_indicator("…");
        if self.ctx.palette.enabled {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        let mut header = Row::from(self.columns.iter().map(Cell::new));
        if self.ctx.overflow == Overflow::Truncate {
            header.max_height(self.columns.iter().map(|c| c.split('\n').count()).max().unwrap_or(1));
        }
        table.set_header(header);
        for row in &self.rows {
            let mut r = Row::from(row.iter().map(|c| {
                let mut cell = Cell::new(&c.text);
                if c.right {
                    cell = cell.set_alignment(CellAlignment::Right);
                }
                if c.null && self.ctx.palette.enabled {
                    cell = cell.fg(comfy_table::Color::DarkGrey);
                }
                cell
            }));
            if self.ctx.overflow == Overflow::Truncate {
                r.max_height(row.iter().map(|c| c.text.split('\n').count()).max().unwrap_or(1));
            }
            table.add_row(r);
        }
        writeln!(out, "{table}")
    }
}

fn max_line_width(s: &str) -> usize {
    s.split('\n').map(display_width).max().unwrap_or(0)
}

fn rule(line: &mut String, chars: [char; 4], widths: &[usize]) {
    line.clear();
    line.push(chars[0]);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            line.push(chars[2]);
        }
        line.extend(std::iter::repeat_n(chars[1], w + 2));
    }
    line.push(chars[3]);
    line.push('\n');
}

impl Renderer for TableRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.iter().map(|c| escape_controls(c)).collect();
        Ok(())
    }

    fn row(&mut self, _out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.ctx.row_limit.is_some_and(|limit| self.rows.len() >= limit) {
            return Ok(());
        }
        let cells = row.iter().map(|v| Text {
            text: display_text(*v, &self.ctx.null_marker),
            null: matches!(v, ValueRef::Null),
            right: matches!(v, ValueRef::Integer(_) | ValueRef::Real(_)),
        });
        self.rows.push(cells.collect());
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, total: u64) -> io::Result<()> {
        let widths = self.widths();
        let natural = widths.iter().map(|w| w + 3).sum::<usize>() + 1;
        match self.ctx.width.map(usize::from) {
            Some(w) if natural > w && self.ctx.auto_vertical => {
                let mut vertical = VerticalRenderer::new(self.ctx.clone());
                vertical.set_columns(&self.columns);
                for row in &self.rows {
                    let cells: Vec<(String, bool)> = row.iter().map(|c| (c.text.clone(), c.null)).collect();
                    vertical.record(out, &cells)?;
                }
                return vertical.end(out, total);
            }
            Some(w) if natural > w => self.draw_fitted(out, u16::try_from(w).unwrap_or(u16::MAX))?,
            _ => self.draw(out, &widths)?,
        }
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &footer(total, self.rows.len() as u64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> RenderContext {
        RenderContext::plain()
    }

    fn render(ctx: RenderContext, rows: &[Vec<ValueRef<'_>>]) -> String {
        let mut r = TableRenderer::new(ctx);
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
            ctx(),
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
    fn unicode_style_and_wide_characters() {
        let c = RenderContext { style: Style::Unicode, ..ctx() };
        let out = render(c, &[vec![ValueRef::Real(2.5), ValueRef::Text("日本語 🐍".as_bytes())]]);
        let want = "\
┌─────┬───────────┐
│ id  │ title     │
├─────┼───────────┤
│ 2.5 │ 日本語 🐍 │
└─────┴───────────┘
1 row
";
        assert_eq!(out, want);
    }

    #[test]
    fn multi_line_cells_and_empty_strings() {
        let out = render(ctx(), &[vec![ValueRef::Text(b""), ValueRef::Text(b"one\ntwo")]]);
        let want = "\
+----+-------+
| id | title |
+----+-------+
|    | one   |
|    | two   |
+----+-------+
1 row
";
        assert_eq!(out, want);
    }

    #[test]
    fn direct_drawing_matches_comfy_table() {
        // The fast path must draw what comfy-table draws when the table fits.
        let rows = [
            vec![ValueRef::Integer(7), ValueRef::Text("Grok 日本\nsecond".as_bytes())],
            vec![ValueRef::Real(-1.25), ValueRef::Null],
            vec![ValueRef::Text(b""), ValueRef::Text(b"x")],
        ];
        for style in [Style::Ascii, Style::Unicode] {
            let narrow = render(RenderContext { style, ..ctx() }, &rows);
            let fitted = render(RenderContext { style, width: Some(200), ..ctx() }, &rows);
            let mut r = TableRenderer::new(RenderContext { style, ..ctx() });
            let mut comfy = Vec::new();
            r.begin(&mut comfy, &["id".into(), "title".into()]).expect("begin");
            for row in &rows {
                r.row(&mut comfy, row).expect("row");
            }
            r.draw_fitted(&mut comfy, 200).expect("draw");
            let comfy = String::from_utf8(comfy).expect("utf8");
            assert_eq!(narrow, fitted);
            assert_eq!(narrow.strip_suffix("3 rows\n"), Some(comfy.as_str()), "{style:?}");
        }
    }

    #[test]
    fn too_wide_cells_are_truncated_or_wrapped() {
        let long = "a fairly long talk title that cannot fit";
        let rows = [vec![ValueRef::Integer(1), ValueRef::Text(long.as_bytes())]];
        let out = render(RenderContext { width: Some(30), ..ctx() }, &rows);
        assert!(out.lines().all(|l| display_width(l) <= 30), "{out}");
        assert!(out.contains('…') && !out.contains("cannot fit"), "{out}");

        let out = render(RenderContext { width: Some(30), overflow: Overflow::Wrap, ..ctx() }, &rows);
        assert!(out.lines().all(|l| display_width(l) <= 30), "{out}");
        assert!(!out.contains('…') && out.contains("fit"), "{out}");
    }

    #[test]
    fn auto_vertical_when_rows_do_not_fit() {
        let rows = [vec![ValueRef::Integer(1), ValueRef::Text(b"a title wider than the screen")]];
        let out = render(RenderContext { width: Some(20), auto_vertical: true, ..ctx() }, &rows);
        assert!(out.starts_with("-[ RECORD 1 ]"), "{out}");
        assert!(out.contains("title | a title wider than the screen"), "{out}");
        let out = render(RenderContext { width: Some(80), auto_vertical: true, ..ctx() }, &rows);
        assert!(out.starts_with("+----+"), "{out}");
    }

    #[test]
    fn row_limit_says_how_many_more() {
        let rows: Vec<Vec<ValueRef<'_>>> = (0..5).map(|i| vec![ValueRef::Integer(i), ValueRef::Text(b"x")]).collect();
        let out = render(RenderContext { row_limit: Some(2), ..ctx() }, &rows);
        assert_eq!(out.lines().filter(|l| l.starts_with("| ")).count(), 3, "{out}");
        assert!(out.contains("5 rows (2 shown;"), "{out}");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let out = render(ctx(), &[vec![ValueRef::Integer(1), ValueRef::Text(b"\x1b[2Jboom\r\x07\xc2\x9b")]]);
        assert!(!out.contains('\x1b') && out.contains("\\e[2Jboom\\r\\x07\\u{9b}"), "{out}");
    }
}
