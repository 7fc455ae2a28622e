//! Draws a kept table at its natural widths, line by line straight from the kept text: the drawer
//! for pipes and files, where a table may have millions of rows and nothing needs fitting. It
//! draws what `table_fitted` draws for the same widths (a test holds them to it), without the
//! copies a general table library makes of every cell.
//!
//! It also owns the lines of psql's `\pset border 0` and `1`, which the fitted drawer uses with its
//! cut or wrapped cell lines: border 1 has rules between columns only (` a | b`, `---+---`), border
//! 0 a space between columns and dashes under each name (`a b`, `- -`); both centre the names,
//! as psql does, and leave out the frame, so neither has a top or bottom rule.

use std::io::{self, Write};

use crate::engine::render::RenderContext;
use crate::engine::render::table::kept_rows::{Cell, Kept, Rules, Sheet};
use crate::engine::render::text::display_width;
use crate::engine::style::Role;

pub(super) fn draw(out: &mut dyn Write, sheet: Sheet) -> io::Result<()> {
    let Sheet { ctx, columns, kept, widths } = sheet;
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
    if ctx.border >= 2 {
        rule(&mut line, ctx, rules.top, widths);
        out.write_all(line.as_bytes())?;
    }
    if ctx.tuples_only {
        return Ok(());
    }
    let header: Vec<Cell<'_>> = columns.iter().map(|c| Cell::header(c)).collect();
    draw_row(out, &mut line, ctx, widths, &header, true)?;
    rule(&mut line, ctx, rules.mid, widths);
    out.write_all(line.as_bytes())
}

/// The kept rows' lines.
pub(super) fn draw_rows(out: &mut dyn Write, ctx: &RenderContext, kept: &Kept, widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    let mut row = Vec::with_capacity(kept.columns);
    for r in 0..kept.rows() {
        if r % 256 == 255 && crate::engine::interrupt::pending() {
            return Err(io::Error::other("interrupted"));
        }
        row.clear();
        row.extend(kept.row(r));
        draw_row(out, &mut line, ctx, widths, &row, false)?;
    }
    Ok(())
}

/// The rule under the last row (none without a frame).
pub(super) fn draw_bottom(out: &mut dyn Write, ctx: &RenderContext, widths: &[usize]) -> io::Result<()> {
    if ctx.border < 2 {
        return Ok(());
    }
    let mut line = String::new();
    rule(&mut line, ctx, Rules::of(ctx.style).bottom, widths);
    out.write_all(line.as_bytes())
}

fn draw_row(
    out: &mut dyn Write,
    line: &mut String,
    ctx: &RenderContext,
    widths: &[usize],
    row: &[Cell<'_>],
    header: bool,
) -> io::Result<()> {
    // The common case, one line per cell, is drawn without splitting anything.
    if !row.iter().any(|c| c.text.contains('\n')) {
        line.clear();
        push_line(line, ctx, widths, row, |i| row[i].text, header);
        return out.write_all(line.as_bytes());
    }
    let parts: Vec<Vec<&str>> = row.iter().map(|c| c.text.split('\n').collect()).collect();
    draw_lines(out, line, ctx, widths, row, &parts, header)
}

/// The lines of one row whose cells are already split into lines (cut or wrapped to `widths` on
/// a terminal): as many lines as its tallest cell.
pub(super) fn draw_lines<S: AsRef<str>>(
    out: &mut dyn Write,
    line: &mut String,
    ctx: &RenderContext,
    widths: &[usize],
    row: &[Cell<'_>],
    parts: &[Vec<S>],
    header: bool,
) -> io::Result<()> {
    let height = parts.iter().map(Vec::len).max().unwrap_or(1);
    for n in 0..height {
        if n % 256 == 255 && crate::engine::interrupt::pending() {
            return Err(io::Error::other("interrupted"));
        }
        line.clear();
        push_line(line, ctx, widths, row, |i| parts[i].get(n).map_or("", AsRef::as_ref), header);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One line of a row, `part(i)` being column `i`'s text on it, in the frame of `ctx.border`:
/// `| a | b |` (2), ` a | b` (1), `a b` (0). Without a frame the last column is not padded
/// after its text, as psql draws it; header names are centred then, as psql centres them.
fn push_line<'a>(
    line: &mut String,
    ctx: &RenderContext,
    widths: &[usize],
    row: &[Cell<'_>],
    part: impl Fn(usize) -> &'a str,
    header: bool,
) {
    let bar = Rules::of(ctx.style).bar;
    let last = row.len().saturating_sub(1);
    let framed = ctx.border >= 2;
    if framed {
        line.push(bar);
    }
    for (i, (cell, &w)) in row.iter().zip(widths).enumerate() {
        if ctx.border > 0 {
            line.push(' ');
        }
        let text = part(i);
        let pad = w.saturating_sub(display_width(text));
        let (before, after) = if header && !framed {
            (pad / 2, pad - pad / 2)
        } else if cell.number {
            (pad, 0)
        } else {
            (0, pad)
        };
        line.extend(std::iter::repeat_n(' ', before));
        // The NULL marker in its colour (on the text alone, not its padding).
        if cell.null && ctx.palette.enabled && !text.is_empty() {
            line.push_str(&ctx.palette.paint(Role::Null, text));
        } else {
            line.push_str(text);
        }
        // psql pads a header to its width and ends it with a space at every border; a value in
        // the last column of an unframed table ends with its text.
        if framed || header || i < last {
            line.extend(std::iter::repeat_n(' ', after));
            line.push(' ');
        }
        if ctx.border > 0 && (framed || i < last) {
            line.push(bar);
        }
    }
    line.push('\n');
}

/// A rule: `+----+---+` (2), `----+---` (1), `---- ---` (0), with the style's characters.
pub(super) fn rule(line: &mut String, ctx: &RenderContext, chars: [char; 4], widths: &[usize]) {
    line.clear();
    let framed = ctx.border >= 2;
    if framed {
        line.push(chars[0]);
    }
    for (i, w) in widths.iter().enumerate() {
        if i > 0 && ctx.border == 0 {
            line.push(' ');
        } else if i > 0 {
            line.push(chars[2]);
        }
        let pad = if ctx.border == 0 { 0 } else { 2 };
        line.extend(std::iter::repeat_n(chars[1], w + pad));
    }
    if framed {
        line.push(chars[3]);
    }
    line.push('\n');
}
