//! A table's kept rows and its rule characters: the data the table renderer fills and both of
//! its drawers (`table_fitted`, `table_plain`) read, so the drawers depend on it and not on the
//! renderer that calls them.

use crate::engine::settings::TableStyle as Style;

/// Characters of one table style: (left, fill, junction, right) per rule, and the bar between cells.
pub(super) struct Rules {
    pub top: [char; 4],
    pub mid: [char; 4],
    pub bottom: [char; 4],
    pub bar: char,
}

const ASCII: Rules =
    Rules { top: ['+', '-', '+', '+'], mid: ['+', '-', '+', '+'], bottom: ['+', '-', '+', '+'], bar: '|' };

const UNICODE: Rules =
    Rules {
        top: ['┌', '─', '┬', '┐'], mid: ['├', '─', '┼', '┤'], bottom: ['└', '─', '┴', '┘'], bar: '│'
    };

impl Rules {
    pub(super) fn of(style: Style) -> &'static Rules {
        match style {
            Style::Ascii => &ASCII,
            Style::Unicode => &UNICODE,
        }
    }
}

/// One cell as the drawers see it: its display text (lines separated by `\n`) and its kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell<'a> {
    pub text: &'a str,
    pub null: bool,
    /// Numbers are right-aligned.
    pub number: bool,
}

impl<'a> Cell<'a> {
    pub(super) fn header(name: &'a str) -> Self {
        Cell { text: name, null: false, number: false }
    }
}

/// Flag bits of a cell's entry in `Kept::ends`; the rest is the end offset of its text.
pub(super) const NULL: u64 = 1 << 63;
pub(super) const NUMBER: u64 = 1 << 62;
const END: u64 = NUMBER - 1;

/// The kept rows: every cell's display text, one after the other, and where each one ends.
#[derive(Default)]
pub(super) struct Kept {
    pub(super) text: String,
    /// Per cell, row by row: where its text ends in `text`, with the NULL and NUMBER flags.
    pub(super) ends: Vec<u64>,
    pub(super) columns: usize,
}

impl Kept {
    /// Forgets the kept rows (once drawn), keeping the allocations.
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub(super) fn rows(&self) -> usize {
        self.ends.len().checked_div(self.columns).unwrap_or(0)
    }

    /// The cells of row `r`.
    pub(super) fn row(&self, r: usize) -> impl Iterator<Item = Cell<'_>> {
        (r * self.columns..(r + 1) * self.columns).map(|i| self.cell(i))
    }

    fn cell(&self, i: usize) -> Cell<'_> {
        let start = if i == 0 { 0 } else { (self.ends[i - 1] & END) as usize };
        let entry = self.ends[i];
        Cell { text: &self.text[start..(entry & END) as usize], null: entry & NULL != 0, number: entry & NUMBER != 0 }
    }
}

/// What a table drawer draws: the rows kept, their column names and the widths chosen.
#[derive(Clone, Copy)]
pub(super) struct Sheet<'a> {
    pub(super) ctx: &'a crate::engine::render::RenderContext,
    pub(super) columns: &'a [String],
    pub(super) kept: &'a Kept,
    pub(super) widths: &'a [usize],
}
