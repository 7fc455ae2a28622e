//! The completion engine: what the cursor wants (from its place in the statement or command
//! line), the candidates of those kinds from the schema snapshot, ranked by match quality.
//!
//! No terminal code and no SQL: the REPL's Tab, `talkcli --complete` and the unit tests all call
//! [`complete`] with a buffer, a cursor and a [`Snapshot`].

pub mod context;
mod files;
pub mod keywords;
pub mod matcher;

use std::collections::HashSet;

use crate::command::{self, ArgKind};
use crate::schema::Snapshot;
use crate::settings::{Format, KeywordCase};
use context::{SqlContext, Want};
use matcher::{Pattern, Score};

/// What a candidate is; also the order kinds are listed in when they match equally well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Alias,
    Column,
    Table,
    Function,
    Keyword,
    Command,
    Value,
    File,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The text that replaces `start..cursor`.
    pub text: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset where the replaced text begins.
    pub start: usize,
    pub candidates: Vec<Candidate>,
}

impl Completion {
    pub fn texts(&self) -> Vec<&str> {
        self.candidates.iter().map(|c| c.text.as_str()).collect()
    }
}

/// What the caller decides about a completion: how many candidates, in which keyword case.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limit: usize,
    pub keyword_case: KeywordCase,
}

impl Default for Options {
    fn default() -> Self {
        Options { limit: 500, keyword_case: KeywordCase::Auto }
    }
}

/// How a candidate's text is written back into the buffer.
#[derive(Clone, Copy)]
enum Style {
    /// SQL identifier: double-quoted when it needs quotes (or the user opened a quote).
    Ident {
        force: bool,
    },
    /// Keyword in the case the user typed.
    Keyword {
        lower: bool,
    },
    /// A command argument: single-quoted when it holds spaces or quotes (or the user opened one).
    Arg {
        force: bool,
    },
    Verbatim,
}

/// Candidates gathered before ranking: one pool per kind, matched lazily.
struct Pool<'a> {
    pattern: Pattern,
    hits: Vec<(u32, ItemKind, Score, u32, &'a str, Style)>,
    has_prefix: bool,
}

impl<'a> Pool<'a> {
    fn new(prefix: &str) -> Self {
        Pool { pattern: Pattern::new(prefix), hits: Vec::new(), has_prefix: false }
    }

    fn add<'b: 'a, I: IntoIterator<Item = &'b str>>(&mut self, kind: ItemKind, style: Style, names: I) {
        for (seq, name) in names.into_iter().enumerate() {
            // Once a prefix match exists only prefix matches are offered: skip the fuzzy work.
            if self.has_prefix && !self.pattern.is_prefix_of(name) {
                continue;
            }
            if let Some(score) = self.pattern.score(name) {
                let tier = score >> 24;
                self.has_prefix |= tier == 0;
                self.hits.push((tier, kind, score, seq as u32, name, style));
            }
        }
    }

    /// The best `limit` hits, best first, formatted and deduplicated.
    fn finish(mut self, limit: usize) -> Vec<Candidate> {
        let key = |h: &(u32, ItemKind, Score, u32, &str, Style)| (h.0, h.1, h.2, h.3);
        // Prefix matches, when there are any, are all that is offered, so Tab completes what the
        // user began; fuzzy matches are the fallback.
        if self.hits.iter().any(|h| h.0 == 0) {
            self.hits.retain(|h| h.0 == 0);
        }
        // Ranking a few thousand of 100,000 names: partition first, then sort only the winners.
        let keep = limit.saturating_mul(2).max(limit);
        if self.hits.len() > keep {
            self.hits.select_nth_unstable_by_key(keep, key);
            self.hits.truncate(keep);
        }
        self.hits.sort_unstable_by_key(key);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (_, kind, _, _, name, style) in self.hits {
            let text = format_candidate(name, style);
            if seen.insert(text.clone()) {
                out.push(Candidate { text, kind });
                if out.len() == limit {
                    break;
                }
            }
        }
        out
    }
}

/// Candidates for the cursor at byte `cursor` of `buf`: at most `opts.limit`, best first.
pub fn complete(buf: &str, cursor: usize, snap: &Snapshot, opts: &Options) -> Completion {
    let limit = opts.limit;
    let mut cursor = cursor.min(buf.len());
    while !buf.is_char_boundary(cursor) {
        cursor -= 1;
    }
    if command::is_command(&buf[..cursor]) && buf.trim_start().starts_with(['\\', '.']) {
        return complete_command(buf, cursor, snap, limit);
    }
    let ctx = context::analyze(buf, cursor, snap);
    sql_candidates(&ctx, snap, opts)
}

fn sql_candidates(ctx: &SqlContext, snap: &Snapshot, opts: &Options) -> Completion {
    let Want { starters, keywords, tables, functions, aliases, columns, ctes } = &ctx.want;
    let mut pool = Pool::new(&ctx.prefix);
    let ident = Style::Ident { force: ctx.quoted };
    pool.add(ItemKind::Alias, ident, aliases.iter().map(String::as_str));
    pool.add(ItemKind::Column, ident, columns.iter().map(String::as_str));
    if *tables {
        pool.add(ItemKind::Table, ident, ctes.iter().map(String::as_str));
        pool.add(ItemKind::Table, ident, snap.tables.iter().map(|t| t.name.as_str()));
    }
    if !ctx.quoted {
        if *functions {
            pool.add(ItemKind::Function, Style::Verbatim, snap.functions.iter().map(String::as_str));
        }
        // Auto: lower case when the user typed lower case, else upper (also when nothing is typed).
        let lower = match opts.keyword_case {
            KeywordCase::Upper => false,
            KeywordCase::Lower => true,
            KeywordCase::Auto => {
                ctx.prefix.chars().any(char::is_alphabetic)
                    && ctx.prefix.chars().filter(|c| c.is_alphabetic()).all(char::is_lowercase)
            }
        };
        let kw = Style::Keyword { lower };
        if *starters {
            pool.add(ItemKind::Keyword, kw, keywords::STARTERS.iter().copied());
        } else if *keywords {
            pool.add(ItemKind::Keyword, kw, keywords::KEYWORDS.iter().copied());
        }
    }
    Completion { start: ctx.start, candidates: pool.finish(opts.limit) }
}

fn command_names() -> impl Iterator<Item = &'static str> {
    command::all().flat_map(|c| c.names()).filter(|n| n.starts_with(['\\', '.']))
}

/// A backslash or dot command: its name at the start of input, then its arguments by kind.
fn complete_command(buf: &str, cursor: usize, snap: &Snapshot, limit: usize) -> Completion {
    let lead = buf.len() - buf.trim_start().len();
    let name_end = buf[lead..].find(char::is_whitespace).map_or(buf.len(), |n| lead + n);
    if cursor <= name_end {
        let mut pool = Pool::new(&buf[lead..cursor]);
        pool.add(ItemKind::Command, Style::Verbatim, command_names());
        return Completion { start: lead, candidates: pool.finish(limit) };
    }
    match command::find(&buf[lead..name_end]) {
        Some(cmd) => complete_argument(cmd.arg_kind, cmd.args, &buf[..cursor], name_end, snap, limit),
        None => Completion { start: cursor, candidates: Vec::new() },
    }
}

/// The argument of a command whose name ends at `name_end` of `line` (which ends at the cursor),
/// completed by the command's argument kind and synopsis.
pub fn complete_argument(
    kind: ArgKind,
    synopsis: &'static str,
    line: &str,
    name_end: usize,
    snap: &Snapshot,
    limit: usize,
) -> Completion {
    let cursor = line.len();
    let empty = Completion { start: cursor, candidates: Vec::new() };
    let mut typed = &line[name_end..];
    if kind == ArgKind::Event {
        if let Some(c) = complete_kind_option(typed, cursor, limit) {
            return c;
        }
        // `\talks --kind keynote 20…`: the event value is what follows the option.
        typed = skip_kind_option(typed);
    }

    // Names with spaces (speakers, events, tags) take the whole rest of the line as one argument.
    let values: Option<&[String]> = match kind {
        ArgKind::Speaker => Some(&snap.speakers),
        ArgKind::Tag => Some(&snap.tags),
        ArgKind::Event => Some(&snap.events),
        _ => None,
    };
    if let Some(values) = values {
        let start = cursor - typed.trim_start().len();
        let (prefix, force) = match typed.trim_start().strip_prefix(['\'', '"']) {
            Some(rest) => (rest, true),
            None => (typed.trim_start(), false),
        };
        let mut pool = Pool::new(prefix);
        pool.add(ItemKind::Value, Style::Arg { force }, values.iter().map(String::as_str));
        return Completion { start, candidates: pool.finish(limit) };
    }

    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    let start = cursor - word.len();
    let mut pool = Pool::new(word);
    let names: Vec<String>;
    match kind {
        ArgKind::Table => {
            pool.add(ItemKind::Table, Style::Ident { force: false }, snap.tables.iter().map(|t| t.name.as_str()))
        }
        ArgKind::Format => pool.add(
            ItemKind::Value,
            Style::Verbatim,
            Format::ALL.iter().map(|(_, n)| *n).chain(Format::ALIASES.iter().map(|(n, _)| *n)),
        ),
        ArgKind::Command => pool.add(ItemKind::Command, Style::Verbatim, command_names()),
        // `\chart`, `\facets`: kinds and options, and the columns of the last result.
        ArgKind::Chart => {
            names = command::chart_candidates(synopsis, &snap.result_columns);
            pool.add(ItemKind::Value, Style::Arg { force: false }, names.iter().map(String::as_str));
        }
        ArgKind::NamedQuery => {
            pool.add(ItemKind::Value, Style::Arg { force: false }, snap.named_queries.iter().map(String::as_str))
        }
        // Literal choices from the synopsis (`[on|off]`); without any, SQL help topics (`\\h`).
        ArgKind::Keyword if synopsis_words(synopsis).next().is_some() => {
            pool.add(ItemKind::Keyword, Style::Verbatim, synopsis_words(synopsis))
        }
        ArgKind::Keyword => pool.add(ItemKind::Keyword, Style::Verbatim, command::help_topics()),
        ArgKind::File => {
            names = files::candidates(word);
            pool.add(ItemKind::File, Style::Arg { force: false }, names.iter().map(String::as_str));
        }
        _ => return empty,
    }
    Completion { start, candidates: pool.finish(limit) }
}

/// `\talks` takes `--kind KIND` beside its event: the option after a dash or after the event,
/// and the kinds after the option. `None` when the cursor is on the event value.
fn complete_kind_option(typed: &str, cursor: usize, limit: usize) -> Option<Completion> {
    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    let before: Vec<&str> = typed[..typed.len() - word.len()].split_whitespace().collect();
    let mut pool = Pool::new(word);
    if before.last().is_some_and(|w| *w == "--kind") {
        pool.add(ItemKind::Value, Style::Verbatim, command::talk_kinds().iter().copied());
    } else if word.starts_with('-') || (word.is_empty() && !before.is_empty() && !before.contains(&"--kind")) {
        pool.add(ItemKind::Keyword, Style::Verbatim, std::iter::once("--kind"));
    } else {
        return None;
    }
    Some(Completion { start: cursor - word.len(), candidates: pool.finish(limit) })
}

/// `typed` without a leading `--kind KIND`, so the event after it completes as a value.
fn skip_kind_option(typed: &str) -> &str {
    let Some(rest) = typed.trim_start().strip_prefix("--kind") else { return typed };
    let rest = rest.trim_start();
    match rest.find(char::is_whitespace) {
        Some(n) => &rest[n..],
        None => typed,
    }
}

/// The literal choices in an argument synopsis: `[on|off|auto]` gives on, off, auto.
fn synopsis_words(args: &str) -> impl Iterator<Item = &str> {
    args.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty() && w.starts_with(|c: char| c.is_ascii_lowercase()))
}

fn needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    !(first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')) || keywords::is_keyword(name)
}

fn format_candidate(name: &str, style: Style) -> String {
    match style {
        Style::Ident { force } if force || needs_quotes(name) => format!("\"{}\"", name.replace('"', "\"\"")),
        Style::Keyword { lower: true } => name.to_ascii_lowercase(),
        // Command arguments are split shell-style (command/args.rs): double quotes with backslash
        // escapes read back exactly, whatever the name holds (`"Sean O'Connor"`).
        Style::Arg { force }
            if force || name.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"' || c == '\\') =>
        {
            format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests;
