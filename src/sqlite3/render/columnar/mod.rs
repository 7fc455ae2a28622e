//! The sqlite3 shell's columnar modes — `.mode box`, `table`, `column` and `markdown` — byte for
//! byte as its 3.40 `exec_prepared_stmt_columnar` prints them: every row kept until the end so the
//! widths are known, headers centred (left-aligned in `column`), NULL as `.nullvalue`, `.width N`
//! as a minimum width that also wraps longer text (negative: right-aligned), a cell's line breaks
//! (any control character but tab) drawn as extra lines, tabs expanded to 8 columns, and no
//! row-count footer. Widths count characters, as sqlite3 does, not terminal cells.
//!
//! To a pipe (`| head -1` over an endless query) the rows are drawn in batches as they arrive,
//! each at the widths seen so far, as talkcli's own table does (see `table.rs`); sqlite3 would
//! keep them all. A result smaller than one batch is drawn byte for byte as sqlite3 draws it.
//!
//! Memory: every displayed line of every cell is appended to one byte buffer, with a 4-byte
//! length per cell line and one byte per table line; nothing is allocated per cell.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::delimited::{c_str, scalar};
use crate::engine::render::{RenderContext, Renderer, escape_controls, hex};
use crate::engine::settings::{Columnar, ColumnarMode as Mode};

const H: &str = "─";
const V: &str = "│";

pub struct ColumnarRenderer {
    opts: Columnar,
    /// `.width`: per column, a minimum width and wrap point; negative right-aligns.
    widths: Vec<i64>,
    headers: bool,
    null: Vec<u8>,
    to_terminal: bool,
    columns: usize,
    /// Every displayed cell line, header lines first, one after the other.
    text: Vec<u8>,
    /// Byte length of each cell line in `text`, table line by table line.
    lens: Vec<u32>,
    /// Per table line after the header: whether it ends a row (a row of several lines is
    /// followed by a rule once any row has several lines).
    ends_row: Vec<bool>,
    multi_line: bool,
    /// Widest line of each column so far, in characters.
    actual: Vec<usize>,
    /// Per column, the current value's text (reused across rows) and where its next line starts.
    scratch: Vec<Vec<u8>>,
    next: Vec<Option<usize>>,
    /// Draw in batches (output goes to a pipe), and whether the header is drawn already.
    stream: bool,
    head_drawn: bool,
}

/// Table lines, and bytes of cell text, kept before a batch is drawn to a pipe.
const BATCH_LINES: usize = 10_000;
const BATCH_BYTES: usize = 4 << 20;

impl ColumnarRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        let opts = ctx.columnar.unwrap_or(Columnar { mode: Mode::Box, wrap: 0, word_wrap: false, quote: false });
        ColumnarRenderer {
            opts,
            widths: ctx.widths,
            headers: ctx.headers,
            null: ctx.list_null.into_bytes(),
            to_terminal: ctx.to_terminal,
            columns: 0,
            text: Vec::new(),
            lens: Vec::new(),
            ends_row: Vec::new(),
            multi_line: false,
            actual: Vec::new(),
            scratch: Vec::new(),
            next: Vec::new(),
            stream: ctx.stream && !ctx.to_terminal,
            head_drawn: false,
        }
    }

    fn set_width(&self, j: usize) -> i64 {
        self.widths.get(j).copied().unwrap_or(0)
    }

    /// Most characters a line of column `j` holds before it wraps (0: no limit).
    fn wrap_at(&self, j: usize) -> usize {
        match self.set_width(j) {
            0 => self.opts.wrap,
            w => usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX),
        }
    }

    /// Appends the first display line of `z` as column `j`'s next cell; returns where the rest starts.
    fn push_line(&mut self, j: usize, z: &[u8]) -> Option<usize> {
        let start = self.text.len();
        let (chars, tail) = translate(z, self.wrap_at(j), self.opts.word_wrap, &mut self.text);
        let mut chars = chars;
        if self.to_terminal && !terminal_safe(&self.text[start..]) {
            // Data never drives the terminal: what sqlite3 would pass through (DEL, C1, broken
            // UTF-8) is shown escaped.
            let safe = escape_controls(&String::from_utf8_lossy(&self.text[start..]));
            self.text.truncate(start);
            self.text.extend_from_slice(safe.as_bytes());
            chars = char_len(safe.as_bytes());
        }
        self.lens.push(u32::try_from(self.text.len() - start).unwrap_or(u32::MAX));
        if chars > self.actual[j] {
            self.actual[j] = chars;
        }
        tail
    }
}

impl Renderer for ColumnarRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.len();
        self.actual =
            (0..columns.len()).map(|j| usize::try_from(self.set_width(j).unsigned_abs()).unwrap_or(0)).collect();
        self.scratch = vec![Vec::new(); columns.len()];
        self.next = vec![None; columns.len()];
        for (j, name) in columns.iter().enumerate() {
            self.push_line(j, c_str(name.as_bytes()));
        }
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.stream && (self.ends_row.len() >= BATCH_LINES || self.text.len() >= BATCH_BYTES) {
            // Another row follows the kept ones: draw them and forget them.
            self.draw(out, true)?;
            self.head_drawn = true;
            self.text.clear();
            self.lens.clear();
            self.ends_row.clear();
            out.flush()?;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        for (j, v) in row.iter().enumerate().take(self.columns) {
            let buf = &mut scratch[j];
            buf.clear();
            if self.opts.quote {
                quoted(buf, *v)?;
            } else if let ValueRef::Null = v {
                buf.extend_from_slice(c_str(&self.null));
            } else {
                scalar(buf, *v, |out, t| out.write_all(c_str(t)))?;
            }
            self.next[j] = Some(0);
        }
        loop {
            let mut more = false;
            for (j, buf) in scratch.iter().enumerate().take(self.columns) {
                let from = self.next[j];
                let rest = from.map_or(&b""[..], |p| &buf[p..]);
                let tail = self.push_line(j, rest);
                self.next[j] = tail.map(|t| from.unwrap_or(0) + t);
                more |= tail.is_some();
            }
            self.ends_row.push(!more);
            if !more {
                break;
            }
            self.multi_line = true;
        }
        self.scratch = scratch;
        Ok(())
    }

    fn failed(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.end(out, None)
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        // sqlite3 prints nothing at all, not even headers, for a result without rows.
        if self.columns == 0 || (self.ends_row.is_empty() && !self.head_drawn) {
            return Ok(());
        }
        self.draw(out, false)
    }
}

impl ColumnarRenderer {
    /// Draws the kept lines: the header first (unless an earlier batch drew it), then the rows,
    /// then the bottom rule unless `more` rows follow in another batch.
    fn draw(&self, out: &mut dyn Write, more: bool) -> io::Result<()> {
        let n = self.columns;
        let w = &self.actual;
        let mode = self.opts.mode;
        let mut line: Vec<u8> = Vec::new();
        let mut cells = CellIter { text: &self.text, lens: &self.lens, pos: 0, at: 0 };
        let header: Vec<&[u8]> = if self.head_drawn { Vec::new() } else { (0..n).map(|_| cells.next_cell()).collect() };
        match mode {
            _ if self.head_drawn => {}
            Mode::Column if self.headers => {
                for (j, h) in header.iter().enumerate() {
                    pad(&mut line, h, w[j], self.set_width(j) < 0);
                    line.extend_from_slice(if j == n - 1 { b"\n" } else { b"  " });
                }
                for (j, &wj) in w.iter().enumerate() {
                    line.extend(std::iter::repeat_n(b'-', wj));
                    line.extend_from_slice(if j == n - 1 { b"\n" } else { b"  " });
                }
            }
            Mode::Column => {}
            Mode::Table | Mode::Markdown | Mode::Box => {
                if mode == Mode::Table {
                    rule(&mut line, w, "+", "+", "+", "-");
                }
                if mode == Mode::Box {
                    rule(&mut line, w, "┌", "┬", "┐", H);
                }
                let bar = if mode == Mode::Box { V } else { "|" };
                for (j, h) in header.iter().enumerate() {
                    line.extend_from_slice(if j == 0 { bar } else { "" }.as_bytes());
                    line.push(b' ');
                    let left = (w[j] - char_len(h)) / 2;
                    let right = (w[j] - char_len(h)).div_ceil(2);
                    line.extend(std::iter::repeat_n(b' ', left));
                    line.extend_from_slice(h);
                    line.extend(std::iter::repeat_n(b' ', right));
                    line.push(b' ');
                    line.extend_from_slice(bar.as_bytes());
                }
                line.push(b'\n');
                match mode {
                    Mode::Box => rule(&mut line, w, "├", "┼", "┤", H),
                    Mode::Markdown => rule(&mut line, w, "|", "|", "|", "-"),
                    _ => rule(&mut line, w, "+", "+", "+", "-"),
                }
            }
        }
        out.write_all(&line)?;
        let (open, sep, close): (&str, &str, &str) = match mode {
            Mode::Column => ("", "  ", "\n"),
            Mode::Box => ("│ ", " │ ", " │\n"),
            Mode::Table | Mode::Markdown => ("| ", " | ", " |\n"),
        };
        let right: Vec<bool> = (0..n).map(|j| self.set_width(j) < 0).collect();
        let lines = self.ends_row.len();
        for (i, &ends) in self.ends_row.iter().enumerate() {
            line.clear();
            line.extend_from_slice(open.as_bytes());
            for j in 0..n {
                pad(&mut line, cells.next_cell(), w[j], right[j]);
                line.extend_from_slice(if j == n - 1 { close } else { sep }.as_bytes());
            }
            if self.multi_line && ends && (i + 1 < lines || more) {
                match mode {
                    Mode::Table => rule(&mut line, w, "+", "+", "+", "-"),
                    Mode::Box => rule(&mut line, w, "├", "┼", "┤", H),
                    Mode::Column => line.push(b'\n'),
                    Mode::Markdown => {}
                }
            }
            out.write_all(&line)?;
            if i % 256 == 255 && crate::engine::interrupt::pending() {
                return Err(io::Error::other("interrupted"));
            }
        }
        if more {
            return Ok(());
        }
        line.clear();
        match mode {
            Mode::Table => rule(&mut line, w, "+", "+", "+", "-"),
            Mode::Box => rule(&mut line, w, "└", "┴", "┘", H),
            _ => {}
        }
        out.write_all(&line)
    }
}

/// Walks the kept cell lines in order.
struct CellIter<'a> {
    text: &'a [u8],
    lens: &'a [u32],
    pos: usize,
    at: usize,
}

impl<'a> CellIter<'a> {
    fn next_cell(&mut self) -> &'a [u8] {
        let len = self.lens.get(self.at).map_or(0, |&l| l as usize);
        self.at += 1;
        let start = self.pos.min(self.text.len());
        self.pos = (start + len).min(self.text.len());
        &self.text[start..self.pos]
    }
}

/// A horizontal rule: `left`, `fill` for each column's width plus its two spaces, `mid` between.
fn rule(line: &mut Vec<u8>, widths: &[usize], left: &str, mid: &str, right: &str, fill: &str) {
    for (j, &w) in widths.iter().enumerate() {
        line.extend_from_slice(if j == 0 { left } else { mid }.as_bytes());
        for _ in 0..w + 2 {
            line.extend_from_slice(fill.as_bytes());
        }
    }
    line.extend_from_slice(right.as_bytes());
    line.push(b'\n');
}

/// `s` padded to `w` characters, on the right (or on the left when `right`), as `utf8_width_print`.
fn pad(line: &mut Vec<u8>, s: &[u8], w: usize, right: bool) {
    let gap = w.saturating_sub(char_len(s));
    if right {
        line.extend(std::iter::repeat_n(b' ', gap));
        line.extend_from_slice(s);
    } else {
        line.extend_from_slice(s);
        line.extend(std::iter::repeat_n(b' ', gap));
    }
}

/// Characters as sqlite3 counts them: bytes that do not continue a UTF-8 sequence.
fn char_len(s: &[u8]) -> usize {
    s.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// No byte a terminal would act on: valid UTF-8 without DEL or C1 controls.
fn terminal_safe(s: &[u8]) -> bool {
    s.is_ascii() && !s.contains(&0x7f) || std::str::from_utf8(s).is_ok_and(|t| !t.chars().any(|c| c.is_control()))
}

/// sqlite3's `translateForDisplayAndDup`: appends to `out` the first display line of `z` (stopping
/// at a control character other than tab, or after `max` characters; tabs become spaces to the
/// next multiple of 8) and returns its width in characters and where the next line starts.
fn translate(z: &[u8], max: usize, word_wrap: bool, out: &mut Vec<u8>) -> (usize, Option<usize>) {
    let at = |i: usize| z.get(i).copied().unwrap_or(0);
    let max = if max == 0 { 1_000_000 } else { max };
    let (mut i, mut n) = (0usize, 0usize);
    while n < max {
        let c = at(i);
        if c >= b' ' {
            n += 1;
            i += 1;
            while at(i) & 0xc0 == 0x80 {
                i += 1;
            }
        } else if c == b'\t' {
            n += 1;
            while n & 7 != 0 && n < max {
                n += 1;
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut k = i;
    if n >= max && word_wrap {
        // Back up to a space, else to a word boundary, in the second half of the line.
        let mut b = i;
        while b > i / 2 && !at(b - 1).is_ascii_whitespace() && at(b - 1) != 0x0b {
            b -= 1;
        }
        if b <= i / 2 {
            b = i;
            while b > i / 2
                && !(at(b - 1).is_ascii_alphanumeric() != at(b).is_ascii_alphanumeric() && at(b) & 0xc0 != 0x80)
            {
                b -= 1;
            }
        }
        if b > i / 2 {
            k = b;
            i = b;
            while at(i) == b' ' {
                i += 1;
            }
        }
    }
    let tail = if n >= max && at(i) >= b' ' {
        Some(i)
    } else if at(i) == b'\r' && at(i + 1) == b'\n' {
        (at(i + 2) != 0).then_some(i + 2)
    } else if at(i) == 0 || at(i + 1) == 0 {
        None
    } else {
        Some(i + 1)
    };
    let (mut i, mut n) = (0usize, 0usize);
    while i < k {
        let c = at(i);
        if c >= b' ' {
            n += 1;
            out.push(c);
            i += 1;
            while at(i) & 0xc0 == 0x80 {
                out.push(at(i));
                i += 1;
            }
        } else if c == b'\t' {
            n += 1;
            out.push(b' ');
            while n & 7 != 0 && n < max {
                n += 1;
                out.push(b' ');
            }
            i += 1;
        } else {
            break;
        }
    }
    (n, tail)
}

/// A value as `.mode box --quote` shows it: an SQL literal (numbers as SQLite prints them).
fn quoted(out: &mut Vec<u8>, v: ValueRef<'_>) -> io::Result<()> {
    match v {
        ValueRef::Null => out.extend_from_slice(b"NULL"),
        ValueRef::Integer(_) | ValueRef::Real(_) => scalar(out, v, |o, t| o.write_all(t))?,
        ValueRef::Text(t) => {
            out.push(b'\'');
            for &b in c_str(t) {
                out.push(b);
                if b == b'\'' {
                    out.push(b'\'');
                }
            }
            out.push(b'\'');
        }
        ValueRef::Blob(b) => {
            out.extend_from_slice(b"x'");
            out.extend_from_slice(hex(b).as_bytes());
            out.push(b'\'');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
