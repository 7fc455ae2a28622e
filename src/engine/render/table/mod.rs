//! The default human format: a psql-style table with a row-count footer, rules around the header
//! and body but none between rows, in ASCII or Unicode box drawing.
//!
//! A table must know its column widths before its first line, so rows are kept — compactly: all
//! cell texts in one string with an 8-byte end offset per cell, widths measured as rows arrive.
//! Two drawers then write them, the same table for the same widths: on a terminal, comfy-table
//! with the widths `fit` chose for the screen (`table_fitted`); to a pipe or file, where nothing
//! needs fitting and a result may have millions of rows, lines straight from the kept text
//! (`table_plain`). A table that cannot fit usefully is drawn as vertical records. Everything is
//! linear in the size of the data, and drawing stops soon after Ctrl-C.
//!
//! To a pipe a result may never end (`… | head -1` over an endless query), so there the rows are
//! drawn in batches of `BATCH_ROWS` rows (or `BATCH_BYTES` of text): the header with the first
//! batch, each batch at the widths seen so far (they only grow), as psql's `FETCH_COUNT` does.
//! A result smaller than one batch is drawn exactly as to a file.

mod draw_fitted;
mod draw_natural;
pub(crate) mod kept_rows;
pub(crate) mod widths;

use std::fmt::Write as _;
use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::table::kept_rows::{Kept, NULL, NUMBER, Sheet};
use crate::engine::render::table::widths::Column;
use crate::engine::render::text::{display_width, push_escaped};
use crate::engine::render::{RenderContext, Renderer, VerticalRenderer, escape_controls, footer, hex};
use crate::engine::settings::Wide;
use crate::engine::style::Role;

/// Rows, and bytes of cell text, kept before a batch is drawn to a pipe.
const BATCH_ROWS: usize = 10_000;
const BATCH_BYTES: usize = 4 << 20;

pub struct TableRenderer {
    ctx: RenderContext,
    columns: Vec<String>,
    kept: Kept,
    /// Widest line of each column so far, header included.
    widths: Vec<usize>,
    /// Whether a column holds text that may be cut (not only numbers, dates, names and NULLs).
    cuttable: Vec<bool>,
    /// Rows already drawn in batches to a pipe (the header is drawn with the first batch).
    drawn: usize,
    /// Whether every value of a column so far is a link (or NULL).
    links: Vec<bool>,
}

impl TableRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        TableRenderer {
            ctx,
            columns: Vec::new(),
            kept: Kept::default(),
            widths: Vec::new(),
            cuttable: Vec::new(),
            drawn: 0,
            links: Vec::new(),
        }
    }

    /// The widths to draw with, or `None` when the table should be drawn as records.
    fn layout(&self, width: usize) -> Option<Vec<usize>> {
        let header = self.columns.iter().map(|c| max_line_width(c));
        // `max_field_width`: no text is shown wider, whatever room there is.
        let max = |w: usize, cut: bool| match self.ctx.max_field_width {
            m if cut && m > 0 => w.min(m),
            _ => w,
        };
        let cols: Vec<Column> = self
            .widths
            .iter()
            .zip(&self.cuttable)
            .zip(&self.links)
            .zip(header)
            .map(|(((&w, &cut), &link), h)| match (cut, link) {
                (true, true) => Column::links(max(w, cut)),
                _ => Column::new(max(w, cut), h, cut),
            })
            .collect();
        if self.ctx.auto_vertical {
            let natural = cols.iter().map(|c| c.natural).sum::<usize>() + widths::overhead(cols.len(), self.ctx.border);
            match self.ctx.wide {
                // Whole, however wide: the pager scrolls sideways.
                Wide::Scroll => return Some(cols.iter().map(|c| c.natural).collect()),
                Wide::Records if natural > width => return None,
                _ => {}
            }
        }
        if let Some(widths) = widths::fit(&cols, width, self.ctx.border) {
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
        widths::fit(&loose, width, self.ctx.border)
    }

    /// Draws the kept rows to a pipe (after the header, before the first batch) and forgets them;
    /// flushed, so the reader sees them and a reader that is gone shows as an error here.
    fn draw_batch(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.drawn == 0 {
            draw_natural::draw_head(out, &self.ctx, &self.columns, &self.widths)?;
        }
        draw_natural::draw_rows(out, &self.ctx, &self.kept, &self.widths)?;
        self.drawn += self.kept.rows();
        self.kept.clear();
        out.flush()
    }

    /// Draws the kept rows as records, when the table cannot fit the terminal usefully.
    fn draw_records(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut vertical = VerticalRenderer::new(self.ctx.clone());
        vertical.set_columns(&self.columns);
        for r in 0..self.kept.rows() {
            if crate::engine::interrupt::pending() {
                return Err(io::Error::other("interrupted"));
            }
            let cells: Vec<(&str, bool)> = self.kept.row(r).map(|c| (c.text, c.null)).collect();
            vertical.record(out, &cells)?;
        }
        vertical.finish(out)
    }

    fn push_value(&mut self, v: ValueRef<'_>) {
        let text = &mut self.kept.text;
        let start = text.len();
        let flags = match v {
            ValueRef::Null => {
                text.push_str(&self.ctx.null_marker);
                NULL
            }
            ValueRef::Integer(i) => {
                let _ = write!(text, "{i}");
                NUMBER
            }
            ValueRef::Real(r) => {
                text.push_str(&crate::engine::sql::number::format_real(r, 17));
                NUMBER
            }
            ValueRef::Text(t) => {
                push_escaped(text, &String::from_utf8_lossy(t));
                0
            }
            ValueRef::Blob(b) => {
                text.push_str("x'");
                text.push_str(&hex(b));
                text.push('\'');
                0
            }
        };
        let col = self.kept.ends.len() % self.columns.len().max(1);
        let shown = &text[start..];
        let width =
            if shown.len() <= self.widths[col] && shown.is_ascii() { shown.len() } else { max_line_width(shown) };
        if flags == 0 && !self.cuttable[col] && !looks_like_date(shown) && !looks_like_name(shown) {
            self.cuttable[col] = true;
        }
        if flags & NULL == 0 && self.links[col] && !(shown.starts_with("https://") || shown.starts_with("http://")) {
            self.links[col] = false;
        }
        self.widths[col] = self.widths[col].max(width);
        self.kept.ends.push(text.len() as u64 | flags);
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

impl Renderer for TableRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.iter().map(|c| escape_controls(c)).collect();
        self.widths = self.columns.iter().map(|c| max_line_width(c)).collect();
        self.cuttable = vec![false; columns.len()];
        self.links = vec![true; columns.len()];
        self.kept.columns = columns.len();
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.full() {
            return Ok(());
        }
        for v in row {
            self.push_value(*v);
        }
        if self.ctx.stream
            && self.ctx.width.is_none()
            && (self.kept.rows() >= BATCH_ROWS || self.kept.text.len() >= BATCH_BYTES)
        {
            self.draw_batch(out)?;
        }
        Ok(())
    }

    fn full(&self) -> bool {
        self.ctx.row_limit.is_some_and(|limit| self.kept.rows() >= limit)
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        let note = match self.ctx.width.map(usize::from) {
            None if self.drawn > 0 => {
                draw_natural::draw_rows(out, &self.ctx, &self.kept, &self.widths)?;
                draw_natural::draw_bottom(out, &self.ctx, &self.widths)?;
                None
            }
            None => {
                draw_natural::draw(
                    out,
                    Sheet { ctx: &self.ctx, columns: &self.columns, kept: &self.kept, widths: &self.widths },
                )?;
                None
            }
            Some(width) => match self.layout(width) {
                Some(widths) => {
                    draw_fitted::draw(
                        out,
                        Sheet { ctx: &self.ctx, columns: &self.columns, kept: &self.kept, widths: &widths },
                    )?;
                    None
                }
                None => {
                    self.draw_records(out)?;
                    Some("shown as records: the table is too wide for this terminal; \\x off draws it anyway")
                }
            },
        };
        let shown = (self.drawn + self.kept.rows()) as u64;
        let text = match (self.ctx.footer, note) {
            (true, _) => footer(total, shown, note, self.ctx.width),
            (false, Some(note)) => format!("({note})"),
            (false, None) => return Ok(()),
        };
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &text))
    }
}

#[cfg(test)]
mod tests;
