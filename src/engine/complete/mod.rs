//! The completion engine: what the cursor wants (from its place in the statement or command
//! line), the candidates of those kinds from the schema snapshot, ranked by match quality.
//!
//! No terminal code and no SQL: the REPL's Tab, `talkcli --complete` and the unit tests all call
//! [`complete`] with a buffer, a cursor and a [`Snapshot`].

mod command_args;
pub(crate) mod context;
mod create;
mod grammar;
pub(crate) mod keywords;
pub(crate) mod matcher;
pub(crate) mod name_index;
mod paths;
mod reader;
pub(crate) mod refresh;
mod row_counts;
mod schema;
mod scope;
pub(crate) mod snapshot;
pub(crate) mod sources;
mod statements;
mod tokens;
mod walk;
mod want;

use std::collections::HashSet;

use crate::engine::command;
use crate::engine::complete::context::SqlContext;
use crate::engine::complete::matcher::{Pattern, Score};
pub use crate::engine::complete::refresh::Live;
pub use crate::engine::complete::snapshot::{Snapshot, Table};
pub use crate::engine::complete::sources::{Parts, Set, Values};
use crate::engine::complete::want::Want;
use crate::engine::settings::KeywordCase;
use crate::engine::sql::quote;

/// What a candidate is; also the order kinds are listed in when they match equally well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A join with its condition (`talk_speakers ts ON ts.talk_id = t.id`), or the condition.
    Join,
    Alias,
    Column,
    Table,
    View,
    Schema,
    Pragma,
    Index,
    Trigger,
    /// A column type name (`INTEGER`, `TEXT`).
    Type,
    Collation,
    /// A virtual table module (`fts5`).
    Module,
    Function,
    Keyword,
    Command,
    /// A value of a pack's source, with the source's label (`speaker`, `talk`).
    Named(&'static str),
    /// A row of the last result (`#3`).
    Row,
    Value,
    File,
}

impl ItemKind {
    /// The word the candidate list shows beside a candidate.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Alias => "alias",
            ItemKind::Column => "column",
            ItemKind::Join => "join",
            ItemKind::Table => "table",
            ItemKind::View => "view",
            ItemKind::Schema => "schema",
            ItemKind::Function => "function",
            ItemKind::Keyword => "keyword",
            ItemKind::Pragma => "pragma",
            ItemKind::Index => "index",
            ItemKind::Trigger => "trigger",
            ItemKind::Type => "type",
            ItemKind::Collation => "collation",
            ItemKind::Module => "module",
            ItemKind::Command => "command",
            ItemKind::Named(label) => label,
            ItemKind::Row => "row",
            ItemKind::Value => "value",
            ItemKind::File => "file",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The text that replaces `start..cursor`.
    pub text: String,
    pub kind: ItemKind,
    /// Shown beside the candidate in the list, never inserted (a talk's title beside its id).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    /// Byte offset where the replaced text begins.
    pub start: usize,
    /// The best candidates, at most the limit asked for.
    pub candidates: Vec<Candidate>,
    /// How many candidates matched in all (more than `candidates.len()` when the list was cut).
    pub total: usize,
    /// When the list was cut: the longest prefix every match shares, so Tab inserts what is
    /// right for the whole set rather than for the part shown.
    pub common: Option<String>,
}

impl Completion {
    pub fn texts(&self) -> Vec<&str> {
        self.candidates.iter().map(|c| c.text.as_str()).collect()
    }

    fn empty(start: usize) -> Completion {
        Completion { start, ..Completion::default() }
    }
}

/// How many candidates `talkcli --complete` prints (best first) and a Tab lists.
pub const LIST_LIMIT: usize = 100;

/// What the caller decides about a completion: how many candidates, in which keyword case.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limit: usize,
    pub keyword_case: KeywordCase,
}

impl Default for Options {
    fn default() -> Self {
        Options { limit: LIST_LIMIT, keyword_case: KeywordCase::Auto }
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
    /// A file's path as a command argument: quoted like `Arg`, but a directory's quote is left
    /// open so the next Tab goes on inside it.
    Path {
        force: bool,
    },
    Verbatim,
}

/// One match before ranking: tier, kind, score, order given, name, style, note.
type Hit<'a> = (u32, ItemKind, Score, u32, &'a str, Style, Option<&'a str>);

/// Candidates gathered before ranking: one pool per kind, matched lazily.
struct Pool<'a> {
    pattern: Pattern,
    hits: Vec<Hit<'a>>,
    has_prefix: bool,
    /// Names added so far: ties rank in the order names were given.
    seq: u32,
}

impl<'a> Pool<'a> {
    fn new(prefix: &str) -> Self {
        Pool { pattern: Pattern::new(prefix), hits: Vec::new(), has_prefix: false, seq: 0 }
    }

    fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    fn add<'b: 'a, I: IntoIterator<Item = &'b str>>(&mut self, kind: ItemKind, style: Style, names: I) {
        self.add_noted(kind, style, names.into_iter().map(|n| (n, None)));
    }

    /// Names with a note each (shown in the list, not inserted).
    fn add_noted<'b: 'a, I: IntoIterator<Item = (&'b str, Option<&'b str>)>>(
        &mut self,
        kind: ItemKind,
        style: Style,
        names: I,
    ) {
        for (name, note) in names {
            self.seq += 1;
            let seq = self.seq;
            // Once a prefix match exists only prefix matches are offered: skip the fuzzy work.
            if self.has_prefix && !self.pattern.is_prefix_of(name) {
                continue;
            }
            if let Some(score) = self.pattern.score(name) {
                let tier = score >> 24;
                self.has_prefix |= tier == 0;
                self.hits.push((tier, kind, score, seq, name, style, note));
            }
        }
    }

    /// The best `limit` hits, best first, formatted and deduplicated; with the common prefix
    /// of every hit when the list is cut.
    fn finish(mut self, start: usize, limit: usize) -> Completion {
        let key = |h: &Hit| (h.0, h.1, h.2, h.3);
        // Prefix matches, when there are any, are all that is offered, so Tab completes what the
        // user began; fuzzy matches are the fallback.
        if self.hits.iter().any(|h| h.0 == 0) {
            self.hits.retain(|h| h.0 == 0);
        }
        let total = self.hits.len();
        let common =
            if total > limit { common_prefix(self.hits.iter().map(|h| format_candidate(h.4, h.5))) } else { None };
        // Ranking a few thousand of 100,000 names: partition first, then sort only the winners.
        let keep = limit.saturating_mul(2).max(limit);
        if self.hits.len() > keep {
            self.hits.select_nth_unstable_by_key(keep, key);
            self.hits.truncate(keep);
        }
        self.hits.sort_unstable_by_key(key);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (_, kind, _, _, name, style, note) in self.hits {
            let text = format_candidate(name, style);
            if seen.insert(text.clone()) {
                out.push(Candidate { text, kind, note: note.map(str::to_string) });
                if out.len() == limit {
                    break;
                }
            }
        }
        // Names offered twice (a related table is also a table) count once: a list that was not
        // cut holds every match, so nothing is "more" and Tab may insert what they share.
        let total = if out.len() < limit { out.len() } else { total.max(out.len()) };
        Completion { start, total, candidates: out, common }
    }
}

/// The longest common prefix of `texts` (on char boundaries), when not empty.
fn common_prefix(mut texts: impl Iterator<Item = String>) -> Option<String> {
    let mut common = texts.next()?;
    for t in texts {
        let mut n = common.bytes().zip(t.bytes()).take_while(|(a, b)| a == b).count();
        while !common.is_char_boundary(n) {
            n -= 1;
        }
        common.truncate(n);
        if common.is_empty() {
            return None;
        }
    }
    Some(common)
}

/// Candidates for the cursor at byte `cursor` of `buf`: at most `opts.limit`, best first.
pub fn complete(buf: &str, cursor: usize, snap: &Snapshot, opts: &Options) -> Completion {
    let mut cursor = cursor.min(buf.len());
    while !buf.is_char_boundary(cursor) {
        cursor -= 1;
    }
    if command::is_command(&buf[..cursor]) && buf.trim_start().starts_with(['\\', '.']) {
        return command_args::complete_command(buf, cursor, snap, opts.limit);
    }
    // An empty line: what may begin there, statements and commands alike (each command once,
    // by its own name, with its summary).
    if buf[..cursor].trim().is_empty() {
        let mut pool = Pool::new("");
        let kw = Style::Keyword { lower: opts.keyword_case == KeywordCase::Lower };
        pool.add(ItemKind::Keyword, kw, keywords::STARTERS.iter().copied());
        pool.add_noted(ItemKind::Command, Style::Verbatim, command::all().map(|c| (c.name, Some(c.summary))));
        return pool.finish(cursor, opts.limit);
    }
    let ctx = context::analyze(buf, cursor, snap);
    let lower = match opts.keyword_case {
        KeywordCase::Upper => false,
        KeywordCase::Lower => true,
        KeywordCase::Auto => typed_in_lower_case(&ctx.prefix).unwrap_or_else(|| last_keyword_lower(&buf[..ctx.start])),
    };
    sql_candidates(&ctx, snap, opts.limit, lower)
}

/// Whether the letters of `typed` are all lower case; `None` when it has none.
fn typed_in_lower_case(typed: &str) -> Option<bool> {
    let mut letters = typed.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek()?;
    Some(letters.all(char::is_lowercase))
}

/// With nothing typed yet (`left |`), keywords follow the case of the last keyword the user
/// wrote, as pgcli's `auto` does; upper case when there is none.
fn last_keyword_lower(before: &str) -> bool {
    crate::engine::sql::lexer::tokenize(before)
        .iter()
        .rev()
        .filter(|t| t.kind == crate::engine::sql::lexer::Kind::Word)
        .map(|t| t.text(before))
        .find(|w| keywords::is_keyword(w))
        .and_then(typed_in_lower_case)
        .unwrap_or(false)
}

/// The values `--complete TEXT` needs read: those of the command argument TEXT ends in.
pub fn parts_for(text: &str) -> Parts {
    command_args::parts_for(text)
}

fn sql_candidates<'a>(ctx: &'a SqlContext, snap: &'a Snapshot, limit: usize, lower: bool) -> Completion {
    let Want {
        starters,
        keyword_list,
        tables,
        views,
        functions,
        aliases,
        columns,
        ctes,
        joins,
        related,
        objects,
        schema,
    } = &ctx.want;
    let mut pool = Pool::new(&ctx.prefix);
    let ident = Style::Ident { force: ctx.quoted };
    pool.add(ItemKind::Alias, ident, aliases.iter().map(String::as_str));
    // Tables related by foreign keys, ahead of the others (a pool ranks by the order given).
    let counted = |t: &'a Table| (t.name.as_str(), snap.rows_of(&t.schema, &t.name));
    let related_counted = |r: &'a String| (r.as_str(), snap.table(r).and_then(|t| snap.rows_of(&t.schema, &t.name)));
    pool.add_noted(ItemKind::Table, ident, related.iter().map(related_counted));
    // Each column with its declared type, from the statement's tables when one has it.
    let typed = |c: &'a String| (c.as_str(), column_type(snap, &ctx.tables, c));
    pool.add_noted(ItemKind::Column, ident, columns.iter().map(typed));
    pool.add(ItemKind::Join, Style::Verbatim, joins.iter().map(String::as_str));
    for (kind, names) in objects {
        for name in names {
            // `temp` is a keyword, yet as a database's name it needs no quotes.
            // A file's name goes inside the string the user opened, as it is.
            let verbatim = *kind == ItemKind::File
                || (*kind == ItemKind::Schema && name.eq_ignore_ascii_case("temp") && !ctx.quoted);
            pool.add(*kind, if verbatim { Style::Verbatim } else { ident }, std::iter::once(name.as_str()));
        }
    }
    let in_schema = |t: &&Table| match schema {
        Some(s) => t.schema.eq_ignore_ascii_case(s),
        // Unqualified: what resolves without a schema name (main and temp; attached ones are
        // offered through their schema name).
        None => t.schema == "main" || t.schema == "temp",
    };
    if *tables || *views {
        pool.add(ItemKind::Table, ident, ctes.iter().map(String::as_str));
        if *tables {
            pool.add_noted(
                ItemKind::Table,
                ident,
                snap.tables.iter().filter(in_schema).filter(|t| !t.is_view).map(counted),
            );
        }
        if *views {
            pool.add(
                ItemKind::View,
                ident,
                snap.tables.iter().filter(in_schema).filter(|t| t.is_view).map(|t| t.name.as_str()),
            );
        }
        if schema.is_none() && *tables {
            let attached = snap.schemas.iter().filter(|s| *s != "main" && *s != "temp");
            pool.add(ItemKind::Schema, ident, attached.map(String::as_str));
        }
    }
    if !ctx.quoted {
        if *functions {
            pool.add(ItemKind::Function, Style::Verbatim, snap.functions.iter().map(String::as_str));
        }
        let kw = Style::Keyword { lower };
        if *starters {
            pool.add(ItemKind::Keyword, kw, keywords::STARTERS.iter().copied());
        } else {
            pool.add(ItemKind::Keyword, kw, keyword_list.iter().copied());
        }
    }
    pool.finish(ctx.start, limit)
}

/// The declared type of column `name`: from the first of `tables` that has the column, else the
/// one type every table with such a column declares (`ALTER TABLE t DROP COLUMN |`); none when
/// they disagree.
fn column_type<'a>(snap: &'a Snapshot, tables: &[String], name: &str) -> Option<&'a str> {
    let has = |t: &&Table| t.columns.iter().any(|c| c.eq_ignore_ascii_case(name));
    if let Some(t) = tables.iter().filter_map(|t| snap.table(t)).find(has) {
        return t.type_of(name);
    }
    let mut types = snap.tables.iter().filter_map(|t| t.type_of(name));
    let first = types.next()?;
    types.all(|t| t.eq_ignore_ascii_case(first)).then_some(first)
}

fn format_candidate(name: &str, style: Style) -> String {
    match style {
        Style::Ident { force } if force || quote::needs_quotes(name) => quote::ident(name),
        Style::Keyword { lower: true } => name.to_ascii_lowercase(),
        // Command arguments are split shell-style (command/args.rs): double quotes with backslash
        // escapes read back exactly, whatever the name holds (`"Sean O'Connor"`).
        Style::Arg { force } if force || arg_needs_quotes(name) => {
            format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
        }
        Style::Path { force } if force || arg_needs_quotes(name) => {
            let inner = name.replace('\\', "\\\\").replace('"', "\\\"");
            if name.ends_with('/') { format!("\"{inner}") } else { format!("\"{inner}\"") }
        }
        _ => name.to_string(),
    }
}

fn arg_needs_quotes(name: &str) -> bool {
    name.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"' || c == '\\')
}

#[cfg(test)]
mod tests;
