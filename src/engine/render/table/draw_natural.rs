//! Draws a kept table at its natural widths, line by line straight from the kept text: the drawer
//! for pipes and files, where a table may have millions of rows and nothing needs fitting. It
//! draws what `table_fitted` draws for the same widths (a test holds them to it), without the
//! copies a general table library makes of every cell.

use std::io::{self, Write};

use crate::engine::render::RenderContext;
use crate::engine::render::table::kept_rows::{Cell, Kept, Rules};
use crate::engine::render::text::display_width;
use crate::engine::style::Role;

pub(super) fn draw(
    out: &mut dyn Write,
    ctx: &RenderContext,
    columns: &[String],
    kept: &Kept,
    widths: &[usize],
) -> io::Result<()> {
    draw_head(out, ctx, columns, widths)?;
    draw_rows(out, ctx, kept, widths)?;
    draw_bottom(out, ctx, widths)
}

/// The top rule, the header line and the rule under it.
pub(super) fn draw_head(
    out: &mut dyn Write,
    ctx: &RenderContext,
    columns: &[String],
    widths: &[usize],
) -> io::Result<()> {
    let rules = Rules::of(ctx.style);
    let mut line = String::new();
    rule(&mut line, rules.top, widths);
    out.write_all(line.as_bytes())?;
    if ctx.tuples_only {
        return Ok(());
    }
    let header: Vec<Cell<'_>> = columns.iter().map(|c| Cell::header(c)).collect();
    draw_row(out, &mut line, ctx, rules.bar, widths, &header)?;
    rule(&mut line, rules.mid, widths);
    out.write_all(line.as_bytes())
}

/// The kept rows' lines.
pub(super) fn draw_rows(out: &mut dyn Write, ctx: &RenderContext, kept: &Kept, widths: &[usize]) -> io::Result<()> {
    let rules = Rules::of(ctx.style);
    let mut line = String::new();
    let mut row = Vec::with_capacity(kept.columns);
    for r in 0..kept.rows() {
        if r % 256 == 255 && crate::engine::interrupt::pending() {
            return Err(io::Error::other("interrupted"));
        }
        row.clear();
        row.extend(kept.row(r));
        draw_row(out, &mut line, ctx, rules.bar, widths, &row)?;
    }
    Ok(())
}

/// The rule under the last row.
pub(super) fn draw_bottom(out: &mut dyn Write, ctx: &RenderContext, widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    rule(&mut line, Rules::of(ctx.style).bottom, widths);
    out.write_all(line.as_bytes())
}

fn draw_row(
    out: &mut dyn Write,
    line: &mut String,
    ctx: &RenderContext,
    bar: char,
    widths: &[usize],
    row: &[Cell<'_>],
) -> io::Result<()> {
    // The common case, one line per cell, is drawn without splitting anything.
    if !row.iter().any(|c| c.text.contains('\n')) {
        line.clear();
        for (cell, &w) in row.iter().zip(widths) {
            push_cell(line, ctx, bar, cell, cell.text, w);
        }
        line.push(bar);
        line.push('\n');
        return out.write_all(line.as_bytes());
    }
    let parts: Vec<Vec<&str>> = row.iter().map(|c| c.text.split('\n').collect()).collect();
    let height = parts.iter().map(Vec::len).max().unwrap_or(1);
    for n in 0..height {
        if n % 256 == 255 && crate::engine::interrupt::pending() {
            return Err(io::Error::other("interrupted"));
        }
        line.clear();
        for ((cell, part), &w) in row.iter().zip(&parts).zip(widths) {
            push_cell(line, ctx, bar, cell, part.get(n).copied().unwrap_or(""), w);
        }
        line.push(bar);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One cell's `| text   ` (or right-aligned number) for a line of the table.
fn push_cell(line: &mut String, ctx: &RenderContext, bar: char, cell: &Cell<'_>, part: &str, w: usize) {
    line.push(bar);
    line.push(' ');
    let pad = w.saturating_sub(display_width(part));
    if cell.number {
        line.extend(std::iter::repeat_n(' ', pad));
    }
    // The NULL marker in its colour (on the text alone, not its padding).
    if cell.null && ctx.palette.enabled && !part.is_empty() {
        line.push_str(&ctx.palette.paint(Role::Null, part));
    } else {
        line.push_str(part);
    }
    if !cell.number {
        line.extend(std::iter::repeat_n(' ', pad));
    }
    line.push(' ');
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
