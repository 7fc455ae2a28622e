//! Draws a kept table on a terminal with comfy-table, at the column widths `fit` chose for the
//! screen. Our text code cuts (`…`) or wraps each cell line to its column before comfy-table sees
//! it, and comfy-table draws with fixed widths: it only ever handles short, pre-fitted lines, so
//! its work stays linear however long a cell is. The table goes out in chunks of about `CHUNK`
//! lines, one comfy-table each (the top rule and header on the first, the bottom rule on the last;
//! with no rules between rows the seams do not show), so memory stays small and Ctrl-C is noticed
//! between chunks. On a terminal the row limit bounds how many rows there are at all.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, Row, Table,
    TableStyle, Width,
};

use crate::engine::render::RenderContext;
use crate::engine::render::table::draw_natural;
use crate::engine::render::table::kept_rows::{Cell, Rules, Sheet};
use crate::engine::render::text::{display_width, truncate, wrap};
use crate::engine::settings::Overflow;
use crate::engine::style::Role;

/// Lines drawn per comfy-table, at most (a taller row is split across chunks).
const CHUNK: usize = 256;

pub(super) fn draw(out: &mut dyn Write, sheet: Sheet) -> io::Result<()> {
    let Sheet { ctx, columns, kept, widths } = sheet;
    if ctx.border < 2 {
        return draw_unframed(out, sheet);
    }
    let mut chunks = Chunks { ctx, widths, table: Table::new(), lines: 0, first: true };
    if !ctx.tuples_only {
        let header: Vec<Cell<'_>> = columns.iter().map(|c| Cell::header(c)).collect();
        chunks.table.set_header(row_of(ctx, &header, &fitted(ctx, &header, widths), 0..usize::MAX));
    }
    for r in 0..kept.rows() {
        let cells: Vec<Cell<'_>> = kept.row(r).collect();
        let lines = fitted(ctx, &cells, widths);
        let height = lines.iter().map(Vec::len).max().unwrap_or(1);
        for start in (0..height).step_by(CHUNK) {
            if chunks.lines >= CHUNK {
                chunks.flush(out, false)?;
                if crate::engine::interrupt::pending() {
                    return Err(io::Error::other("interrupted"));
                }
            }
            let end = (start + CHUNK).min(height);
            chunks.table.add_row(row_of(ctx, &cells, &lines, start..end));
            chunks.lines += end - start;
        }
    }
    chunks.flush(out, true)
}

/// psql's `\pset border 0` and `1`: the same fitted cell lines, drawn line by line by the plain
/// drawer's unframed layout (comfy-table draws frames).
fn draw_unframed(out: &mut dyn Write, sheet: Sheet) -> io::Result<()> {
    let Sheet { ctx, columns, kept, widths } = sheet;
    let mut line = String::new();
    if !ctx.tuples_only {
        let header: Vec<Cell<'_>> = columns.iter().map(|c| Cell::header(c)).collect();
        draw_natural::draw_lines(out, &mut line, ctx, widths, &header, &fitted(ctx, &header, widths), true)?;
        draw_natural::rule(&mut line, ctx, Rules::of(ctx.style).mid, widths);
        out.write_all(line.as_bytes())?;
    }
    for r in 0..kept.rows() {
        if r % 256 == 255 && crate::engine::interrupt::pending() {
            return Err(io::Error::other("interrupted"));
        }
        let cells: Vec<Cell<'_>> = kept.row(r).collect();
        draw_natural::draw_lines(out, &mut line, ctx, widths, &cells, &fitted(ctx, &cells, widths), false)?;
    }
    Ok(())
}

/// The comfy-table being filled, how many lines its rows hold, and whether it is the first.
struct Chunks<'a> {
    ctx: &'a RenderContext,
    widths: &'a [usize],
    table: Table,
    lines: usize,
    first: bool,
}

impl Chunks<'_> {
    /// Draws the table so far (with the top rule if it is the first, the bottom rule when `last`)
    /// and starts an empty one.
    fn flush(&mut self, out: &mut dyn Write, last: bool) -> io::Result<()> {
        let mut table = std::mem::replace(&mut self.table, Table::new());
        let rules = Rules::of(self.ctx.style);
        let line = |r: [char; 4]| LineStyle::new(r[0], r[1], r[2], r[3]);
        let content = ContentLineStyle::new(rules.bar, rules.bar, rules.bar);
        let mut style =
            TableStyle::new().header_lines(content).header_separator(line(rules.mid)).content_lines(content);
        if self.first {
            style = style.top_border(line(rules.top));
        }
        if last {
            style = style.bottom_border(line(rules.bottom));
        }
        // Widths are ours, never the terminal's as comfy-table would look it up; colour only when
        // the palette is on, and on the text alone (not its padding), as the plain drawer paints.
        table.load_style(style).force_no_tty().set_content_arrangement(ContentArrangement::Disabled);
        if self.ctx.palette.enabled {
            table.enforce_styling().style_text_only();
        }
        for (column, &w) in table.column_iter_mut().zip(self.widths) {
            // comfy-table gives a column at least one character of content: an empty column (an
            // empty name over empty cells) takes one of its two padding spaces as content instead.
            column.set_padding(if w == 0 { (1, 0) } else { (1, 1) });
            let fixed = u16::try_from(w + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(fixed)));
        }
        let mut text = String::new();
        for l in table.lines() {
            text.push_str(&l);
            text.push('\n');
        }
        self.lines = 0;
        self.first = false;
        out.write_all(text.as_bytes())
    }
}

/// Each cell's lines, cut or wrapped to its column's width.
fn fitted<'a>(ctx: &RenderContext, cells: &[Cell<'a>], widths: &[usize]) -> Vec<Vec<Cow<'a, str>>> {
    cells.iter().zip(widths).map(|(c, &w)| lines_of(ctx, c.text, w)).collect()
}

/// The lines a cell shows in a column `width` wide: its own lines, each cut or wrapped.
fn lines_of<'a>(ctx: &RenderContext, text: &'a str, width: usize) -> Vec<Cow<'a, str>> {
    let mut lines = Vec::new();
    for l in text.split('\n') {
        if l.len() <= width || display_width(l) <= width {
            lines.push(Cow::Borrowed(l));
        } else if ctx.overflow == Overflow::Wrap {
            lines.extend(wrap(l, width).into_iter().map(Cow::Borrowed));
        } else {
            lines.push(Cow::Owned(truncate(l, width)));
        }
    }
    lines
}

/// A comfy-table row of lines `span` of the cells' fitted `lines`: numbers right-aligned, the
/// NULL marker in the palette's colour.
fn row_of(ctx: &RenderContext, cells: &[Cell<'_>], lines: &[Vec<Cow<'_, str>>], span: Range<usize>) -> Row {
    Row::from(cells.iter().zip(lines).map(|(cell, lines)| {
        let shown = lines.get(span.start..span.end.min(lines.len())).unwrap_or_default();
        let mut c = comfy_table::Cell::new_owned(shown.join("\n"));
        if cell.number {
            c = c.set_alignment(CellAlignment::Right);
        }
        if cell.null && ctx.palette.enabled {
            c = styled(c, ctx.palette.style(Role::Null));
        }
        c
    }))
}

/// `cell` in a palette style, as comfy-table styles text: the same colour (by its ANSI number)
/// and attributes the palette would paint.
fn styled(mut cell: comfy_table::Cell, style: nu_ansi_term::Style) -> comfy_table::Cell {
    use nu_ansi_term::Color as C;
    if let Some(fg) = style.foreground {
        cell = cell.fg(match fg {
            C::Black => Color::AnsiValue(0),
            C::Red => Color::AnsiValue(1),
            C::Green => Color::AnsiValue(2),
            C::Yellow => Color::AnsiValue(3),
            C::Blue => Color::AnsiValue(4),
            C::Purple | C::Magenta => Color::AnsiValue(5),
            C::Cyan => Color::AnsiValue(6),
            C::White => Color::AnsiValue(7),
            C::DarkGray => Color::AnsiValue(8),
            C::LightRed => Color::AnsiValue(9),
            C::LightGreen => Color::AnsiValue(10),
            C::LightYellow => Color::AnsiValue(11),
            C::LightBlue => Color::AnsiValue(12),
            C::LightPurple | C::LightMagenta => Color::AnsiValue(13),
            C::LightCyan => Color::AnsiValue(14),
            C::LightGray => Color::AnsiValue(15),
            C::Fixed(n) => Color::AnsiValue(n),
            C::Rgb(r, g, b) => Color::Rgb { r, g, b },
            C::Default => Color::Reset,
        });
    }
    for (on, attribute) in [
        (style.is_bold, Attribute::Bold),
        (style.is_dimmed, Attribute::Dim),
        (style.is_italic, Attribute::Italic),
        (style.is_underline, Attribute::Underlined),
    ] {
        if on {
            cell = cell.add_attribute(attribute);
        }
    }
    cell
}
