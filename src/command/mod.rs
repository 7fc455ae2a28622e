//! Backslash and dot commands: one registry declares each command once (name, aliases, arguments,
//! help, argument kind), and parsing, `\?`, hints and completion all read it.

pub mod args;
pub mod data;
mod dump;
mod meta;

use anyhow::{Result, bail};

use crate::session::Session;
pub use args::Invocation;

/// What a command's arguments are, so completion can offer the right candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    None,
    Table,
    File,
    Format,
    Command,
    Speaker,
    Tag,
    Event,
    NamedQuery,
    Keyword,
    Free,
}

pub struct Command {
    /// Canonical name, e.g. `\dt`.
    pub name: &'static str,
    /// Other spellings, e.g. `.tables`.
    pub aliases: &'static [&'static str],
    /// Argument synopsis, e.g. `[PATTERN]`.
    pub args: &'static str,
    /// One line for `\?` and hints.
    pub summary: &'static str,
    /// Long help with examples for `\? NAME`.
    pub help: &'static str,
    pub arg_kind: ArgKind,
    pub run: fn(&mut Session, &Invocation) -> Result<()>,
}

impl Command {
    /// `\dt [PATTERN]`: what a usage error prints.
    pub fn usage(&self) -> String {
        if self.args.is_empty() {
            format!("usage: {}", self.name)
        } else {
            format!("usage: {} {}", self.name, self.args)
        }
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

/// Every command, in the order `\?` lists them. Each module declares its own commands; adding a
/// module means adding its slice here.
pub fn all() -> impl Iterator<Item = &'static Command> {
    meta::COMMANDS.iter().chain(data::COMMANDS)
}

/// Names of the saved named queries, for completion after `\f`. Empty until named queries exist.
pub fn named_query_names() -> Vec<String> {
    Vec::new()
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

/// The command called `name` (any of its spellings).
pub fn find(name: &str) -> Option<&'static Command> {
    all().find(|c| c.names().any(|n| n.eq_ignore_ascii_case(name)))
}

/// Parses and runs one command line.
pub fn run(session: &mut Session, line: &str) -> Result<()> {
    let line = line.trim().trim_end_matches(';');
    let inv = args::parse(line).map_err(|e| anyhow::anyhow!("{e}"))?;
    match find(&inv.name) {
        Some(cmd) => (cmd.run)(session, &inv),
        None => bail!("{}", unknown_message(&inv.name)),
    }
}

/// `unknown command \foo — did you mean \fd?`
pub fn unknown_message(name: &str) -> String {
    let suggestions = suggest(name);
    if suggestions.is_empty() {
        format!("unknown command {name} — type \\? for the list")
    } else {
        format!("unknown command {name} — did you mean {}?", suggestions.join(" or "))
    }
}

/// The nearest command names by edit distance, closest first.
fn suggest(name: &str) -> Vec<&'static str> {
    let name = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = all()
        .flat_map(|c| c.names())
        .map(|n| (edit_distance(&name, &n.to_ascii_lowercase()), n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 3))
        .collect();
    scored.sort();
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().filter(|s| s.0 == best).map(|s| s.1).take(3).collect()
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for n in all().flat_map(|c| c.names()) {
            assert!(seen.insert(n.to_ascii_lowercase()), "{n} declared twice");
        }
    }

    #[test]
    fn unknown_commands_get_suggestions() {
        assert_eq!(unknown_message("\\dtt"), "unknown command \\dtt — did you mean \\dt?");
        assert!(unknown_message("\\zzzzzzzz").contains("type \\? for the list"));
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
