//! The rustyline helper: Tab asks the completion engine, hints show command synopses or history,
//! the highlighter paints the line. It holds the schema snapshot; the loop refreshes it between
//! prompts, so nothing here runs SQL.

use std::borrow::Cow;
use std::cell::Cell;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::SearchDirection;
use rustyline::{Context, Helper, Validator};

use super::highlight::highlight;
use super::hint::{TalkHint, command_hint};
use crate::complete;
use crate::schema::Snapshot;
use crate::settings::KeywordCase;
use crate::style::{Palette, Role};

/// Lines longer than this (bytes) are not repainted on every character typed at their end.
const LONG_LINE: usize = 512;

#[derive(Helper, Validator)]
pub struct TalkHelper {
    pub snapshot: Snapshot,
    /// Earlier lines of the statement being typed (behind the continuation prompt).
    pub pending: String,
    pub palette: Palette,
    /// How many candidates a Tab lists and in which keyword case.
    pub options: complete::Options,
    /// Whether the next repaint may mark brackets (not on the final repaint of an accepted line).
    brackets: Cell<bool>,
}

impl TalkHelper {
    pub fn new(snapshot: Snapshot, palette: Palette, keyword_case: KeywordCase) -> Self {
        let options = complete::Options { keyword_case, ..complete::Options::default() };
        TalkHelper { snapshot, pending: String::new(), palette, options, brackets: Cell::new(true) }
    }
}

impl Completer for TalkHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let off = self.pending.len();
        let buf = format!("{}{line}", self.pending);
        let found = complete::complete(&buf, off + pos, &self.snapshot, &self.options);
        let start = found.start.saturating_sub(off);
        let pairs =
            found.candidates.into_iter().map(|c| Pair { display: shown(&c.text), replacement: c.text }).collect();
        Ok((start, pairs))
    }
}

impl Hinter for TalkHelper {
    type Hint = TalkHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<TalkHint> {
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        if self.pending.is_empty()
            && let Some(h) = command_hint(line)
        {
            return Some(h);
        }
        if !self.pending.is_empty() {
            return None;
        }
        // Newest history entry that starts with the line, as fish suggests.
        let history = ctx.history();
        let newest = history.len().checked_sub(1)?;
        let found = history.starts_with(line, newest, SearchDirection::Reverse).ok().flatten()?;
        let rest = found.entry.get(pos..).filter(|r| !r.is_empty())?;
        Some(TalkHint::history(rest))
    }
}

impl Highlighter for TalkHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.palette.enabled {
            return Cow::Borrowed(line);
        }
        let off = self.pending.len();
        let text = format!("{}{line}", self.pending);
        Cow::Owned(highlight(&text, off, off + pos, &self.palette, self.brackets.get()))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.palette.enabled { Cow::Owned(self.palette.paint(Role::Hint, hint)) } else { Cow::Borrowed(hint) }
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        self.brackets.set(kind != CmdKind::ForcedRefresh);
        if !self.palette.enabled {
            return false;
        }
        // Every keystroke can change a token's role or the matching bracket, so the line is
        // repainted whole, which costs time in proportion to its length. On a long line a
        // character typed at its end is only echoed (rustyline's fast path): its colour follows
        // with the next repaint (at the latest when the line wraps, or on Enter). So typing, or
        // a paste without bracketed paste, stays linear in the line's length.
        !(kind == CmdKind::Other && line.len() > LONG_LINE && pos == line.len())
    }
}

/// A candidate as the completion list shows it: data (speaker names, tags) never drives the
/// terminal. The replacement typed into the line stays exact.
fn shown(text: &str) -> String {
    crate::render::escape_controls(text).replace('\n', "\\n")
}
