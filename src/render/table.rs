//! The default human format: a psql-style table with a row-count footer, rules around the header
//! and body but none between rows, in ASCII or Unicode box drawing.
//!
//! A table must know its column widths before its first line, so rows are kept — compactly: all
//! cell texts in one string with an 8-byte end offset per cell, widths measured as rows arrive.
//! On a terminal the widths are fitted to the screen (see `fit`): cells are cut with `…` or
//! wrapped at word boundaries; a table that cannot fit usefully is drawn as vertical records.
//! Everything is linear in the size of the data, and drawing stops soon after Ctrl-C.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use rusqlite::types::ValueRef;

use super::fit::{self, Column};
use super::text::{display_width, push_escaped, truncate, wrap};
use super::{RenderContext, Renderer, VerticalRenderer, escape_controls, footer, format_real, hex};
use crate::settings::{Overflow, TableStyle as Style};
use crate::style::Role;

/// Characters of one table style: (left, fill, junction, right) per rule, and the bar between cells.
struct Rules {
    top: [char; 4],
    mid: [char; 4],
    bottom: [char; 4],
    bar: char,
}

const ASCII: Rules =
    Rules { top: ['+', '-', '+', '+'], mid: ['+', '-', '+', '+'], bottom: ['+', '-', '+', '+'], bar: '|' };

const UNICODE: Rules =
    Rules {
        top: ['┌', '─', '┬', '┐'], mid: ['├', '─', '┼', '┤'], bottom: ['└', '─', '┴', '┘'], bar: '│'
    };

impl Rules {
    fn of(style: Style) -> &'static Rules {
        match style {
            Style::Ascii => &ASCII,
            Style::Unicode => &UNICODE,
        }
    }
}

/// Flag bits of a cell's entry in `cells`; the rest is the end offset of its text.
const NULL: u64 = 1 << 63;
const NUMBER: u64 = 1 << 62;
const END: u64 = NUMBER - 1;

pub struct TableRenderer {
    ctx: RenderContext,
    columns: Vec<String>,
    /// Every kept cell's display text, one after the other.
    text: String,
    /// Per cell, row by row: where its text ends in `text`, with the NULL and NUMBER flags.
    cells: Vec<u64>,
    /// Widest line of each column so far, header included.
    widths: Vec<usize>,
    /// Whether a column holds text that may be cut (not only numbers, dates, names and NULLs).
    cuttable: Vec<bool>,
    rows: usize,
}

impl TableRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        TableRenderer {
            ctx,
            columns: Vec::new(),
            text: String::new(),
            cells: Vec::new(),
            widths: Vec::new(),
            cuttable: Vec::new(),
            rows: 0,
        }
    }

    /// Text and flags of cell `i` (counting across rows).
    fn cell(&self, i: usize) -> (&str, u64) {
        let start = if i == 0 { 0 } else { (self.cells[i - 1] & END) as usize };
        let entry = self.cells[i];
        (&self.text[start..(entry & END) as usize], entry)
    }

    /// The widths to draw with, or `None` when the table should be drawn as records.
    fn layout(&self) -> Option<Vec<usize>> {
        let Some(width) = self.ctx.width.map(usize::from) else { return Some(self.widths.clone()) };
        let header = self.columns.iter().map(|c| max_line_width(c));
        let cols: Vec<Column> =
            self.widths.iter().zip(&self.cuttable).zip(header).map(|((&w, &cut), h)| Column::new(w, h, cut)).collect();
        if let Some(widths) = fit::fit(&cols, width) {
            return Some(widths);
        }
        if self.ctx.auto_vertical {
            return None;
        }
        // `\x off`: cut text further rather than switch (2 columns hold any character); records
        // only when numbers alone overflow.
        let loose: Vec<Column> = cols
            .iter()
            .zip(&self.cuttable)
            .map(|(c, &cut)| if cut { Column { min: c.natural.min(2), ..*c } } else { *c })
            .collect();
        fit::fit(&loose, width)
    }

    fn draw(&self, out: &mut dyn Write, widths: &[usize]) -> io::Result<()> {
        let rules = Rules::of(self.ctx.style);
        let mut line = String::new();
        rule(&mut line, rules.top, widths);
        out.write_all(line.as_bytes())?;
        let header: Vec<(&str, u64)> = self.columns.iter().map(|c| (c.as_str(), 0)).collect();
        self.draw_row(out, &mut line, rules, widths, &header)?;
        rule(&mut line, rules.mid, widths);
        out.write_all(line.as_bytes())?;
        let n = self.columns.len();
        let mut row = Vec::with_capacity(n);
        for r in 0..self.rows {
            if r % 256 == 255 && crate::interrupt::pending() {
                return Err(io::Error::other("interrupted"));
            }
            row.clear();
            row.extend((r * n..(r + 1) * n).map(|i| self.cell(i)));
            self.draw_row(out, &mut line, rules, widths, &row)?;
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
        row: &[(&str, u64)],
    ) -> io::Result<()> {
        // The common case, one line per cell that fits, is drawn without splitting anything.
        let simple = row.iter().zip(widths).all(|((t, _), &w)| t.len() <= w && !t.contains('\n'))
            || row.iter().zip(widths).all(|((t, _), &w)| !t.contains('\n') && display_width(t) <= w);
        if simple {
            line.clear();
            for ((text, flags), &w) in row.iter().zip(widths) {
                self.push_cell(line, rules, text, *flags, w);
            }
            line.push(rules.bar);
            line.push('\n');
            return out.write_all(line.as_bytes());
        }
        let parts: Vec<Vec<Cow<'_, str>>> =
            row.iter().zip(widths).map(|((text, _), &w)| self.lines_of(text, w)).collect();
        let height = parts.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            if n % 256 == 255 && crate::interrupt::pending() {
                return Err(io::Error::other("interrupted"));
            }
            line.clear();
            for (i, ((_, flags), &w)) in row.iter().zip(widths).enumerate() {
                let part = parts[i].get(n).map_or("", |p| p.as_ref());
                self.push_cell(line, rules, part, *flags, w);
            }
            line.push(rules.bar);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// The lines a cell shows in a column `width` wide: its own lines, each cut or wrapped.
    fn lines_of<'a>(&self, text: &'a str, width: usize) -> Vec<Cow<'a, str>> {
        let mut lines = Vec::new();
        for l in text.split('\n') {
            if l.len() <= width || display_width(l) <= width {
                lines.push(Cow::Borrowed(l));
            } else if self.ctx.overflow == Overflow::Wrap {
                lines.extend(wrap(l, width).into_iter().map(Cow::Borrowed));
            } else {
                lines.push(Cow::Owned(truncate(l, width)));
            }
        }
        lines
    }

    /// One cell's `| text   ` (or right-aligned number) for a line of the table.
    fn push_cell(&self, line: &mut String, rules: &Rules, part: &str, flags: u64, w: usize) {
        line.push(rules.bar);
        line.push(' ');
        let pad = w.saturating_sub(display_width(part));
        let right = flags & NUMBER != 0;
        if right {
            line.extend(std::iter::repeat_n(' ', pad));
        }
        if flags & NULL != 0 && self.ctx.palette.enabled {
            line.push_str(&self.ctx.palette.paint(Role::Null, part));
        } else {
            line.push_str(part);
        }
        if !right {
            line.extend(std::iter::repeat_n(' ', pad));
        }
        line.push(' ');
    }

    /// Draws the kept rows as records, when the table cannot fit the terminal usefully.
    fn draw_records(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut vertical = VerticalRenderer::new(self.ctx.clone());
        vertical.set_columns(&self.columns);
        let n = self.columns.len();
        for r in 0..self.rows {
            if crate::interrupt::pending() {
                return Err(io::Error::other("interrupted"));
            }
            let cells: Vec<(&str, bool)> =
                (r * n..(r + 1) * n).map(|i| self.cell(i)).map(|(t, f)| (t, f & NULL != 0)).collect();
            vertical.record(out, &cells)?;
        }
        Ok(())
    }

    fn push_value(&mut self, v: ValueRef<'_>) {
        let start = self.text.len();
        let flags = match v {
            ValueRef::Null => {
                self.text.push_str(&self.ctx.null_marker);
                NULL
            }
            ValueRef::Integer(i) => {
                let _ = write!(self.text, "{i}");
                NUMBER
            }
            ValueRef::Real(r) => {
                self.text.push_str(&format_real(r));
                NUMBER
            }
            ValueRef::Text(t) => {
                push_escaped(&mut self.text, &String::from_utf8_lossy(t));
                0
            }
            ValueRef::Blob(b) => {
                self.text.push_str("x'");
                self.text.push_str(&hex(b));
                self.text.push('\'');
                0
            }
        };
        let col = self.cells.len() % self.columns.len().max(1);
        let text = &self.text[start..];
        let width = if text.len() <= self.widths[col] && text.is_ascii() { text.len() } else { max_line_width(text) };
        if flags == 0 && !self.cuttable[col] && !looks_like_date(text) && !looks_like_name(text) {
            self.cuttable[col] = true;
        }
        self.widths[col] = self.widths[col].max(width);
        self.cells.push(self.text.len() as u64 | flags);
    }
}

/// `2024-05-17`, `2024-05-17 10:30:00`, `2024-05-17T10:30:00.123Z`: never cut.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b.len() <= 32
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().all(|c| c.is_ascii_digit() || b"-:. TZ+".contains(c))
}

/// An identifier such as an index or column name (`idx_talk_tags_tag`): cutting it could make
/// two rows read the same, so it is never cut (up to a length where it stops being a name).
fn looks_like_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|c| c.is_ascii_alphanumeric() || b"_.$-".contains(&c))
}

fn max_line_width(s: &str) -> usize {
    if !s.contains('\n') {
        return display_width(s);
    }
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
        self.widths = self.columns.iter().map(|c| max_line_width(c)).collect();
        self.cuttable = vec![false; columns.len()];
        Ok(())
    }

    fn row(&mut self, _out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.full() {
            return Ok(());
        }
        for v in row {
            self.push_value(*v);
        }
        self.rows += 1;
        Ok(())
    }

    fn full(&self) -> bool {
        self.ctx.row_limit.is_some_and(|limit| self.rows >= limit)
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        let note = match self.layout() {
            Some(widths) => {
                self.draw(out, &widths)?;
                None
            }
            None => {
                self.draw_records(out)?;
                Some("shown as records: the table is too wide for this terminal; \\x off draws it anyway")
            }
        };
        let text = footer(total, self.rows as u64, note, self.ctx.width);
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &text))
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
