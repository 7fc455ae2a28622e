//! The rustyline helper: Tab asks the completion engine, hints show command synopses or history,
//! the highlighter paints the line. It holds the live completion snapshot; the loop checks it for
//! changes between prompts and background reads fill it in, so nothing here runs SQL. Only a Tab
//! waits (briefly) for a read still running; hints and highlighting use what is there.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::SearchDirection;
use rustyline::{CompletionType, Context, Helper, Validator};

use crate::engine::complete;
use crate::engine::complete::Live;
use crate::engine::repl::highlight::highlight;
use crate::engine::repl::hint::{TalkHint, command_hint};
use crate::engine::settings::{CompletionStyle, KeywordCase};
use crate::engine::style::{Palette, Role};

/// How long a Tab waits for a schema read still running (a few milliseconds on a million-talk
/// catalogue; longer only on a locked or very slow database).
const SCHEMA_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

/// Lines longer than this (bytes) are not repainted on every character typed at their end.
const LONG_LINE: usize = 512;

#[derive(Helper, Validator)]
pub struct TalkHelper {
    pub live: RefCell<Live>,
    /// List candidates with their kinds, or cycle through them.
    pub style: CompletionStyle,
    /// Earlier lines of the statement being typed (behind the continuation prompt).
    pub pending: String,
    pub palette: Palette,
    /// How many candidates a Tab lists and in which keyword case.
    pub options: complete::Options,
    /// Whether the next repaint may mark brackets (not on the final repaint of an accepted line).
    brackets: Cell<bool>,
    /// Columns the prompt takes, so a hint can be cut to the rest of the row.
    pub prompt_width: Cell<usize>,
    /// Columns the names take in the completion list last made: kind and description are dim.
    menu_names: Cell<usize>,
    /// `complete_while_typing`: the best few candidates under the line as it is typed.
    pub while_typing: bool,
    /// Rows the as-you-type menu last drawn takes below the line (0: none), for the prompt to
    /// erase when rustyline leaves it drawn (Ctrl-C, F2).
    pub menu_rows: Cell<usize>,
}

impl TalkHelper {
    pub fn new(live: Live, palette: Palette, keyword_case: KeywordCase, style: CompletionStyle) -> Self {
        let options = complete::Options { keyword_case, ..complete::Options::default() };
        let live = RefCell::new(live);
        TalkHelper {
            live,
            style,
            pending: String::new(),
            palette,
            options,
            brackets: Cell::new(true),
            prompt_width: Cell::new(0),
            menu_names: Cell::new(0),
            while_typing: false,
            menu_rows: Cell::new(0),
        }
    }
}

impl Completer for TalkHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let off = self.pending.len();
        let buf = format!("{}{line}", self.pending);
        let found = match self.live.try_borrow_mut() {
            Ok(mut live) => {
                // A schema read may still be running (after DDL, here or elsewhere, or just
                // after start): a Tab waits for it briefly, so a table just created completes.
                // Typing never waits.
                // Command arguments read talk values, which may still be loading after start.
                let snap = if complete::parts_for(&buf) == complete::Parts::NONE {
                    // Another process may have changed the schema since the prompt came.
                    live.check_elsewhere();
                    live.snapshot_with_schema(SCHEMA_WAIT)
                } else {
                    live.snapshot_with_values(std::time::Duration::from_secs(5))
                };
                complete::complete(&buf, off + pos, snap, &self.options)
            }
            Err(_) => return Ok((pos, Vec::new())),
        };
        let start = found.start.saturating_sub(off);
        let typed = buf.get(found.start..off + pos).unwrap_or("").to_string();
        let (cols, rows) =
            terminal_size::terminal_size().map_or((80, 24), |(w, h)| (usize::from(w.0), usize::from(h.0)));
        let (pairs, name_w) = crate::engine::repl::menu::pairs(found, &typed, self.style, cols, rows);
        self.menu_names.set(name_w);
        Ok((start, pairs))
    }
}

impl Hinter for TalkHelper {
    type Hint = TalkHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<TalkHint> {
        self.menu_rows.set(0);
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        // As-you-type candidates, from what completion has (never waiting for a read); not on a
        // long line, where every keystroke must stay cheap.
        if self.while_typing
            && line.len() <= LONG_LINE
            && let Ok(mut live) = self.live.try_borrow_mut()
        {
            let buf = format!("{}{line}", self.pending);
            let cols = terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0));
            if let Some(menu) = crate::engine::repl::typing_menu::menu(
                &buf,
                live.snapshot_with_schema(std::time::Duration::ZERO),
                &self.options,
                cols,
            ) {
                self.menu_rows.set(crate::engine::repl::typing_menu::rows(&menu.display));
                return Some(menu);
            }
        }
        if self.pending.is_empty()
            && let Some(h) = command_hint(line)
        {
            return Some(self.fit(h, line));
        }
        if !self.pending.is_empty() {
            return None;
        }
        // Newest history entry that starts with the line, as fish suggests.
        let history = ctx.history();
        let newest = history.len().checked_sub(1)?;
        let found = history.starts_with(line, newest, SearchDirection::Reverse).ok().flatten()?;
        let rest = found.entry.get(pos..).filter(|r| !r.is_empty())?;
        Some(self.fit(TalkHint::history(rest), line))
    }
}

impl TalkHelper {
    /// `hint` cut to what is left of the terminal row after the prompt and `line`: a hint that
    /// wrapped was left half-drawn on the next row when a completion list was printed below it.
    fn fit(&self, mut hint: TalkHint, line: &str) -> TalkHint {
        if let Some((w, _)) = terminal_size::terminal_size() {
            let cols = usize::from(w.0).max(1);
            let used = match line.rsplit_once('\n') {
                Some((_, last)) => crate::engine::render::display_width(last),
                None => self.prompt_width.get() + crate::engine::render::display_width(line),
            };
            hint.display = crate::engine::render::truncate(&hint.display, cols.saturating_sub(used % cols + 1));
        }
        hint
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

    fn highlight_candidate<'c>(&self, candidate: &'c str, completion: CompletionType) -> Cow<'c, str> {
        let split = self.menu_names.get();
        if !self.palette.enabled || completion != CompletionType::List || split == 0 {
            return Cow::Borrowed(candidate);
        }
        let (name, rest) = crate::engine::render::split_at_width(candidate, split);
        Cow::Owned(format!("{name}{}", self.palette.paint(Role::Dim, rest)))
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
