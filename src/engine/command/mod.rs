//! Backslash and dot commands: one registry declares each command once (name, aliases, typed
//! arguments, help), and parsing, `\?`, hints and completion all read it.

pub(crate) mod arg_spec;
pub(crate) mod chart;
pub(crate) mod copy;
pub(crate) mod copy_format;
pub(crate) mod data;
mod databases;
mod describe_plus;
pub(crate) mod display;
mod effect;
mod facets_command;
mod interactive;
mod last;
mod meta;
mod named;
pub(crate) mod objects;
mod outside;
mod pset;
mod psql;
mod psql_pset;
mod psql_query;
mod query_buffer;
mod query_plan;
pub(crate) mod shell;
pub(crate) mod shortcut_sql;
mod sqlhelp;
mod sqltopics;
mod status;
mod summarize;
pub(crate) mod value_source;
mod variables;
mod watch;
pub(crate) mod words;

use anyhow::{Result, bail};

pub use crate::engine::command::arg_spec::{ANY, Arg, Offer, Within};
pub use crate::engine::command::effect::{Cond, Effect};
pub use crate::engine::command::words::{Invocation, Takes};
use crate::engine::session::Session;

pub struct Command {
    /// Canonical name, e.g. `\dt`.
    pub name: &'static str,
    /// Other spellings, e.g. `.tables`.
    pub aliases: &'static [&'static str],
    /// The arguments, typed: the synopsis, the arity check and completion derive from them.
    pub args: &'static [Arg],
    /// One line for `\?` and hints.
    pub summary: &'static str,
    /// Long help with examples for `\? NAME`.
    pub help: &'static str,
    /// The SQL a shortcut runs, labelled, for `\? NAME` and the `+` form (`\talk+ 283`); empty
    /// for commands that run none worth showing.
    pub shows: &'static [(&'static str, &'static str)],
    pub run: Handler,
}

/// A command's handler. Most act on the session and are done; a few ask the input layer to do
/// something next (run a file, quit, use the query buffer), which they cannot do themselves.
#[derive(Clone, Copy)]
pub enum Handler {
    Acts(fn(&mut Session, &Invocation) -> Result<()>),
    Asks(fn(&mut Session, &Invocation) -> Result<Effect>),
}

impl Handler {
    fn call(self, session: &mut Session, inv: &Invocation) -> Result<Effect> {
        match self {
            Handler::Acts(f) => f(session, inv).map(|()| Effect::Done),
            Handler::Asks(f) => f(session, inv),
        }
    }
}

impl Command {
    /// `\dt [PATTERN]`: what a usage error prints.
    pub fn usage(&self) -> String {
        if self.args.is_empty() {
            format!("usage: {}", self.name)
        } else {
            format!("usage: {} {}", self.name, self.synopsis())
        }
    }

    /// The argument synopsis, e.g. `[PATTERN]`.
    pub fn synopsis(&self) -> String {
        arg_spec::synopsis(self.args)
    }

    /// Words or free text: how the line after the name is parsed.
    pub fn takes(&self) -> Takes {
        if arg_spec::takes_text(self.args) { Takes::Text } else { Takes::Words }
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

/// The commands of one `\?` topic, each slice declared by one module.
pub type Topic = (&'static str, &'static [&'static [Command]]);

/// Splits a command line's arguments into words, each with whether it was quoted.
pub type WordSplitter = fn(&str) -> Vec<(String, bool)>;

/// What a pack adds to the engine, in one registration step: its commands (by `\?` topic), the
/// SQL functions every connection gets, the names it refuses with a reason of its own, and how its
/// command lines split into words when they start with its own prefix.
pub struct Pack {
    pub topics: &'static [Topic],
    pub functions: fn(&rusqlite::Connection) -> Result<()>,
    /// A message for a name this pack knows but does not support (sqlite3's `.stats`).
    pub unsupported: fn(&str) -> Option<String>,
    /// Lines starting with this character have their words split by the function (sqlite3's dot
    /// commands resolve escapes as the sqlite3 shell does), with whether each word was quoted.
    pub words: Option<(char, WordSplitter)>,
    /// The value sets its commands' arguments complete to (`Offer::Source(name)`).
    pub sources: &'static [value_source::Source],
    /// What an open database holds, in a few words, when its tables are this pack's ("425 talks
    /// from 3 events"), for the line an interactive start prints.
    pub contents: fn(&rusqlite::Connection) -> Option<String>,
}

/// The first pack's words for what `conn` holds (see `Pack::contents`).
pub fn pack_contents(conn: &rusqlite::Connection) -> Option<String> {
    packs().iter().find_map(|p| (p.contents)(conn))
}

static PACKS: std::sync::OnceLock<Vec<&'static Pack>> = std::sync::OnceLock::new();

/// Registers the packs, once per process, before any command runs (the binary's `run`, the
/// generated texts). A later call is ignored: the registry never changes under a running shell.
pub fn install(packs: Vec<&'static Pack>) {
    let _ = PACKS.set(packs);
}

/// The installed packs; unit tests install the crate's own on first use.
pub(crate) fn packs() -> &'static [&'static Pack] {
    #[cfg(test)]
    crate::install_packs();
    PACKS.get().map(Vec::as_slice).unwrap_or_default()
}

/// Every topic in the order `\?` lists them: the engine's, then each pack's new ones; a pack that
/// names a topic the engine (or an earlier pack) has adds its commands under it.
pub fn topics() -> Vec<(&'static str, Vec<&'static [Command]>)> {
    let mut merged: Vec<(&'static str, Vec<&'static [Command]>)> = Vec::new();
    for (name, slices) in TOPICS.iter().chain(packs().iter().flat_map(|p| p.topics.iter())) {
        match merged.iter_mut().find(|(n, _)| n == name) {
            Some((_, all)) => all.extend_from_slice(slices),
            None => merged.push((name, slices.to_vec())),
        }
    }
    merged
}

/// Every command, in the order `\?` lists them: the topics' commands one after the other.
pub fn all() -> impl Iterator<Item = &'static Command> {
    topics().into_iter().flat_map(|(_, slices)| slices.into_iter().flat_map(|s| s.iter()))
}

/// Each `\h` topic with the SQL of its example, for the pack whose database the examples use
/// to check them.
#[cfg(test)]
pub(crate) fn sql_help_examples() -> impl Iterator<Item = (&'static str, &'static str)> {
    sqltopics::TOPICS.iter().map(|(topic, text)| (*topic, text.split("Example:\n").nth(1).unwrap_or("")))
}

/// The engine's commands grouped by topic, in the order `\?` shows them. Each module declares its
/// own commands; adding a module means adding its slice here (a pack's go in its `Pack`).
static TOPICS: &[Topic] = &[
    ("Help, schema and quitting", &[meta::COMMANDS, describe_plus::COMMANDS]),
    ("Query buffer", &[query_buffer::COMMANDS, watch::COMMANDS]),
    ("Variables", &[variables::COMMANDS]),
    ("Output", &[display::COMMANDS, last::COMMANDS]),
    ("Settings", &[pset::COMMANDS]),
    ("psql habits", &[psql::COMMANDS, psql_query::COMMANDS, copy::COMMANDS]),
    ("Scripts, editor and shell", &[shell::COMMANDS]),
    ("Databases", &[databases::COMMANDS]),
    ("SQL help and query plans", &[sqlhelp::COMMANDS, query_plan::COMMANDS]),
    ("Named queries", &[named::COMMANDS]),
    ("Import and export", &[data::COMMANDS]),
    ("Prompt", &[interactive::COMMANDS]),
    ("Charts, facets and links", &[chart::COMMANDS, facets_command::COMMANDS, summarize::COMMANDS]),
];

/// `\gset`: runs `sql` (the query buffer or last query the input layer holds) and stores its one
/// row as variables named `prefix` + column.
pub(crate) fn store_one_row(s: &mut Session, sql: &str, prefix: &str) -> Result<()> {
    variables::store_one_row(s, sql, prefix)
}

/// `\gexec`: the statements the values of `sql`'s result spell, in order.
pub(crate) fn statements_from(s: &mut Session, sql: &str) -> Result<Vec<String>> {
    psql_query::statements_from(s, sql)
}

/// `\crosstabview`: runs `sql` and shows its result pivoted.
pub(crate) fn show_crosstab(s: &mut Session, sql: &str, args: &[(String, bool)]) -> Result<()> {
    psql_query::show_crosstab(s, sql, args)
}

/// `\watch`: runs `sql` again and again as `plan` says, until Ctrl-C.
pub(crate) fn watch_query(s: &mut Session, sql: &str, plan: effect::WatchPlan) -> Result<()> {
    watch::watch_loop(s, sql, plan)
}

/// Names of the saved named queries, for completion after `\f`. Empty when none are saved or the
/// file cannot be read (completion must never fail loudly).
pub fn named_query_names() -> Vec<String> {
    named::names()
}

/// What `\pset` takes: config.toml's keys, then psql's options it reads with psql's meaning.
pub fn pset_names() -> impl Iterator<Item = &'static str> {
    let keys = crate::engine::config::KEYS.iter().map(|k| k.name);
    keys.chain(psql_pset::NAMES.iter().copied().filter(|n| crate::engine::config::find_key(n).is_err()))
}

/// Topics `\h` knows, for completion after `\h`.
pub fn help_topics() -> impl Iterator<Item = &'static str> {
    sqlhelp::topics()
}

/// SQL functions commands rely on (`talkcli_profile`, and each pack's, such as `unaccent`),
/// registered on every connection talkcli opens so the SQL a shortcut shows also runs when typed.
pub fn register_functions(conn: &rusqlite::Connection) -> Result<()> {
    crate::engine::chart::stats::register(conn)?;
    for pack in packs() {
        (pack.functions)(conn)?;
    }
    Ok(())
}

/// True when a line is a command rather than SQL: it starts with `\` or `.`, or is a bare
/// `help`/`quit`/`exit` (as in litecli).
pub fn is_command(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('\\') || t.starts_with('.') {
        return true;
    }
    let word = t.split_whitespace().next().unwrap_or("").trim_end_matches(';');
    matches!(word.to_ascii_lowercase().as_str(), "help" | "quit" | "exit") && t.split_whitespace().count() <= 2
}

/// The command called `name` (any of its spellings). Backslash and dot commands are
/// case-sensitive, as in psql and sqlite3 (`\C` is psql's title, not `\c`); only the bare words
/// `help`, `quit` and `exit` are read in any case, as litecli reads them.
pub fn find(name: &str) -> Option<&'static Command> {
    let bare = !name.starts_with(['\\', '.']);
    all().find(|c| c.names().any(|n| n == name || (bare && n.eq_ignore_ascii_case(name))))
}

/// Parses and runs one command line; what it asks for next is the caller's to carry out.
pub fn run(session: &mut Session, line: &str) -> Result<Effect> {
    // `\dt;` is a psql habit worth forgiving; a dot command's `;` is an argument, as in sqlite3
    // (`.separator ;`).
    let line = line.trim();
    let line = if line.starts_with('.') { line } else { line.trim_end_matches(';') };
    let (name, _) = words::split_name(line);
    // `\talk+ 283`: the same command, printing its SQL first.
    let (cmd, show_sql) = match find(name) {
        Some(cmd) => (cmd, false),
        None => match name.strip_suffix('+').and_then(find).filter(|c| !c.shows.is_empty()) {
            Some(cmd) => (cmd, true),
            None => match packs().iter().find_map(|p| (p.unsupported)(name)).or_else(|| psql::unsupported(name)) {
                Some(msg) => bail!("{msg}"),
                None => bail!("{}", unknown_message(name)),
            },
        },
    };
    // A pack's own command lines (sqlite3's dot commands) split as that pack says.
    let splitter = packs().iter().filter_map(|p| p.words).find(|(prefix, _)| line.starts_with(*prefix));
    let mut inv = match splitter {
        Some((_, words)) => pack_invocation(line, words),
        None => words::parse(line, cmd.takes()).map_err(anyhow::Error::msg)?,
    };
    inv.show_sql = show_sql;
    inv.usage = cmd.usage();
    if cmd.takes() == Takes::Words {
        inv.bound = arg_spec::bind(cmd.args, &inv.args, splitter.is_some())
            .map_err(|m| anyhow::anyhow!(m.message(&inv.usage)))?;
    } else if inv.rest.is_empty() && arg_spec::arity(cmd.args).0 > 0 {
        // Free text is the handler's to read, but text the declaration requires must be there.
        bail!("{}", inv.usage);
    }
    if session.settings.safe
        && let Some(refusal) = outside::refusal(cmd.name, &inv)
    {
        bail!("{refusal}");
    }
    cmd.run.call(session, &inv)
}

/// A pack's command line split by the pack's own rule.
fn pack_invocation(line: &str, words: WordSplitter) -> Invocation {
    let (name, rest) = words::split_name(line);
    Invocation::new(name, rest, words(rest))
}

/// `unknown command \foo — did you mean \fd?`
pub fn unknown_message(name: &str) -> String {
    // A suggestion never creates anything: commands that write, open or switch files are never
    // offered (`\W x` must not lead to `\w x`, `\C Report` to a new database `Report`).
    let opens_files = |c: &&Command| arg_spec::values(c.args).contains(&Offer::Files);
    let names: Vec<&str> = all().filter(|c| !opens_files(c)).flat_map(|c| c.names()).collect();
    let suggestions = crate::engine::diagnose::similar::commands_meant(name, &names);
    if suggestions.is_empty() {
        format!("unknown command {name} — type \\? for the list")
    } else {
        format!("unknown command {name} — did you mean {}?", suggestions.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::*;

    #[test]
    fn every_name_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for n in all().flat_map(|c| c.names()) {
            assert!(seen.insert(n), "{n} declared twice");
        }
        assert_eq!(find("\\G").map(|c| c.name), Some("\\gx"));
        assert_eq!(find("\\g").map(|c| c.name), Some("\\g"));
    }

    #[test]
    fn commands_are_case_sensitive_as_in_psql() {
        let meaning = |n: &str| find(n).map(|c| c.name);
        assert_eq!(meaning("\\C"), Some("\\C"), "psql's title, never \\c's new database");
        assert_eq!(meaning("\\c"), Some("\\c"));
        assert_eq!(meaning("\\t"), Some("\\t"), "psql's tuples only, not \\T's format");
        assert_eq!(meaning("\\H"), Some("\\H"), "psql's HTML toggle, not \\h's help");
        assert_eq!(meaning("\\dT"), Some("\\dT"), "psql's data types, not \\dt's tables");
        assert_eq!(meaning("\\s"), Some("\\s"), "psql's history");
        assert_eq!(meaning("\\status"), Some("\\status"));
        assert_eq!(meaning("\\W"), None, "not \\w, which writes a file");
        assert_eq!(meaning("\\DT"), None);
        assert_eq!(meaning(".TABLES"), None, "sqlite3's dot commands are case-sensitive too");
        assert_eq!(meaning("HELP"), Some("\\?"), "litecli's bare words are not");
        // pgcli's own meanings stay.
        assert_eq!(meaning("\\T"), Some("\\T"));
        assert_eq!(meaning("\\f"), Some("\\f"));
    }

    #[test]
    fn unknown_commands_get_suggestions() {
        assert_eq!(unknown_message("\\dtt"), "unknown command \\dtt — did you mean \\dt?");
        assert!(unknown_message("\\zzzzzzzz").contains("type \\? for the list"));
        assert_eq!(unknown_message("\\tlak"), "unknown command \\tlak — did you mean \\talk?");
    }

    #[test]
    fn arguments_complete_as_the_right_kind() {
        let cases = [
            ("\\speaker", Offer::Source("speakers")),
            ("\\tag", Offer::Source("tags")),
            ("\\talks", Offer::Source("events")),
            ("\\i", Offer::Files),
            (".read", Offer::Files),
            ("\\e", Offer::Files),
            ("\\f", Offer::NamedQueries),
            ("\\fd", Offer::NamedQueries),
            ("\\d", Offer::Tables),
            ("\\dt", Offer::Tables),
            ("\\dv", Offer::Tables),
            ("\\di", Offer::Tables),
            (".schema", Offer::Tables),
            ("\\?", Offer::Commands),
            ("\\h", Offer::HelpTopics),
        ];
        for (name, kind) in cases {
            assert_eq!(find(name).map(|c| arg_spec::values(c.args).first().copied()), Some(Some(kind)), "{name}");
        }
    }

    #[test]
    fn every_command_has_help_with_an_example() {
        // This module's own commands; other modules keep their own help in check.
        let mine = [meta::COMMANDS, shell::COMMANDS, sqlhelp::COMMANDS, named::COMMANDS];
        for c in mine.into_iter().flatten() {
            assert!(!c.summary.is_empty() && c.help.contains("Example"), "{} lacks an example", c.name);
        }
    }

    #[test]
    fn shortcuts_declare_the_sql_they_show() {
        let shows = |name| find(name).map(|c| c.shows.len());
        assert_eq!(shows("\\talk"), Some(2));
        assert_eq!(shows("\\search"), Some(3));
        assert_eq!(shows("\\dt"), Some(0));
    }

    #[test]
    fn free_text_commands_are_declared_so() {
        let text = [
            "\\talk",
            "\\speaker",
            "\\tag",
            "\\search",
            "\\set",
            "\\echo",
            ".parameter",
            "\\!",
            "\\fs",
            "\\summarize",
            "\\g",
            "\\gx",
            "\\w",
            "\\explain",
            "\\o",
            "\\once",
            "\\C",
            "\\qecho",
            "\\warn",
            "\\if",
            "\\elif",
            "\\copy",
        ];
        let declared: Vec<&str> = all().filter(|c| c.takes() == Takes::Text).map(|c| c.name).collect();
        let mut want = text.to_vec();
        want.sort_unstable();
        let mut got = declared.clone();
        got.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(find("\\dt").map(|c| c.takes()), Some(Takes::Words));
    }

    #[test]
    fn command_lines_are_recognised() {
        assert!(is_command("\\dt"));
        assert!(is_command("  .tables"));
        assert!(is_command("help"));
        assert!(!is_command("select 1"));
        assert!(!is_command("exit_code = 1"));
    }
}
