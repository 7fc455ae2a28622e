//! `\h KEYWORD`: short SQL syntax summaries (SQLite's dialect) with an example over the talk
//! schema, for every SQLite statement (the topics live in `sqltopics.rs`).

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::command::sqltopics::TOPICS;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\h",
    aliases: &[],
    args: &[Arg::Optional(&[Arg::Words("KEYWORD", Offer::HelpTopics)])],
    summary: "SQL syntax summary for any SQLite statement (SELECT, CREATE TRIGGER, PRAGMA …), JOIN or MATCH",
    help: "Without an argument, lists the topics: every SQLite statement, plus JOIN and MATCH. With one,\nshows the syntax of that statement with an example over the talk database. Words after the\nstatement's name are ignored (\\h drop table talks); \\h create lists the CREATE topics.\n\nExamples:\n  \\h\n  \\h select\n  \\h drop table\n  \\h pragma",
    shows: &[],
    run: Handler::Acts(help),
}];

/// Spellings that lead to a topic.
fn normalise(topic: &str) -> String {
    let t = topic.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
    let to = match t.as_str() {
        "FTS" | "FTS5" | "SEARCH" => "MATCH",
        "CTE" | "WITH RECURSIVE" => "WITH",
        "INSERT INTO" => "INSERT",
        "INSERT OR REPLACE" | "REPLACE INTO" => "REPLACE",
        "ON CONFLICT" | "INSERT ON CONFLICT" => "UPSERT",
        "DELETE FROM" => "DELETE",
        "TABLE" | "CREATE TEMP TABLE" | "CREATE TEMPORARY TABLE" => "CREATE TABLE",
        "INDEX" | "CREATE UNIQUE INDEX" => "CREATE INDEX",
        "VIEW" | "CREATE TEMP VIEW" => "CREATE VIEW",
        "TRIGGER" | "CREATE TEMP TRIGGER" => "CREATE TRIGGER",
        "VIRTUAL TABLE" => "CREATE VIRTUAL TABLE",
        "TRANSACTION" | "BEGIN TRANSACTION" => "BEGIN",
        "COMMIT TRANSACTION" => "COMMIT",
        "END TRANSACTION" => "END",
        "ROLLBACK TO" | "ROLLBACK TRANSACTION" => "ROLLBACK",
        "RELEASE SAVEPOINT" => "RELEASE",
        "EXPLAIN QUERY PLAN" | "EQP" => "EXPLAIN",
        "VACUUM INTO" => "VACUUM",
        "ATTACH DATABASE" => "ATTACH",
        "DETACH DATABASE" => "DETACH",
        "ALTER" => "ALTER TABLE",
        "LEFT JOIN" | "INNER JOIN" | "CROSS JOIN" | "OUTER JOIN" | "NATURAL JOIN" | "RIGHT JOIN" | "FULL JOIN" => {
            "JOIN"
        }
        _ => return t,
    };
    to.to_string()
}

/// The topic `words` ask for: the whole phrase, or its longest leading part that names one
/// (`drop table talks` → DROP TABLE).
fn find(words: &[String]) -> Option<(&'static str, &'static str)> {
    // A topic is a few words (`create virtual table`): longer prefixes of a long line are not
    // looked for, each of which would join the line again.
    let longest = TOPICS.iter().map(|(t, _)| t.split(' ').count()).max().unwrap_or(0);
    (1..=words.len().min(longest)).rev().find_map(|n| {
        let want = normalise(&words[..n].join(" "));
        TOPICS.iter().find(|(t, _)| *t == want).copied()
    })
}

/// Topic names, for completion after `\h`.
pub fn topics() -> impl Iterator<Item = &'static str> {
    TOPICS.iter().map(|(t, _)| *t)
}

fn help(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.paged(|s| help_text(s, inv))
}

fn help_text(s: &mut Session, inv: &Invocation) -> Result<()> {
    let words: Vec<String> = inv.bound.all("KEYWORD").map(str::to_string).collect();
    if words.is_empty() {
        writeln!(s.out, "SQL help topics (\\h TOPIC):")?;
        let mut all: Vec<&str> = topics().collect();
        all.sort_unstable();
        write_columns(&mut s.out, &all)?;
        s.out.flush()?;
        return Ok(());
    }
    let want = normalise(&words.join(" "));
    // `\h create` lists the CREATE topics rather than guessing one.
    let starting: Vec<&str> = topics().filter(|t| t.starts_with(&format!("{want} "))).collect();
    if TOPICS.iter().all(|(t, _)| *t != want) && !starting.is_empty() {
        writeln!(s.out, "{want} topics (\\h TOPIC):")?;
        write_columns(&mut s.out, &starting)?;
        s.out.flush()?;
        return Ok(());
    }
    if let Some((topic, text)) = find(&words) {
        writeln!(s.out, "{topic}\n\n{text}")?;
        s.out.flush()?;
        return Ok(());
    }
    let near = crate::engine::diagnose::similar::nearest(&want, topics());
    if near.is_empty() {
        bail!("no SQL help for '{}' (\\h lists the topics)", words.join(" "))
    }
    bail!("no SQL help for '{}' — did you mean \\h {}?", words.join(" "), near.join(" or \\h ").to_lowercase())
}

/// Names in as many columns as fit 80 terminal columns, filled down then across.
fn write_columns(out: &mut dyn Write, names: &[&str]) -> std::io::Result<()> {
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0) + 2;
    let cols = (78 / width).max(1);
    let rows = names.len().div_ceil(cols);
    for r in 0..rows {
        let line: String = (0..cols).filter_map(|c| names.get(c * rows + r)).map(|n| format!("{n:<width$}")).collect();
        writeln!(out, "  {}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::engine::command::sqlhelp::*;

    /// Every statement of SQLite's language reference (its lang_*.html pages).
    const STATEMENTS: &[&str] = &[
        "ALTER TABLE",
        "ANALYZE",
        "ATTACH",
        "BEGIN",
        "COMMIT",
        "CREATE INDEX",
        "CREATE TABLE",
        "CREATE TRIGGER",
        "CREATE VIEW",
        "CREATE VIRTUAL TABLE",
        "DELETE",
        "DETACH",
        "DROP INDEX",
        "DROP TABLE",
        "DROP TRIGGER",
        "DROP VIEW",
        "END",
        "EXPLAIN",
        "INSERT",
        "PRAGMA",
        "REINDEX",
        "RELEASE",
        "REPLACE",
        "ROLLBACK",
        "SAVEPOINT",
        "SELECT",
        "UPDATE",
        "UPSERT",
        "VACUUM",
        "WITH",
    ];

    #[test]
    fn every_sqlite_statement_has_a_topic() {
        for st in STATEMENTS {
            assert!(topics().any(|t| t == *st), "no \\h topic for {st}");
        }
    }

    #[test]
    fn spellings_reach_their_topic() {
        assert_eq!(normalise("create   table"), "CREATE TABLE");
        assert_eq!(normalise("fts5"), "MATCH");
        assert_eq!(normalise("left join"), "JOIN");
        assert_eq!(normalise("explain query plan"), "EXPLAIN");
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(find(&words("drop table talks")).map(|t| t.0), Some("DROP TABLE"));
        assert_eq!(find(&words("Create Trigger")).map(|t| t.0), Some("CREATE TRIGGER"));
        assert_eq!(find(&words("insert or replace into notes")).map(|t| t.0), Some("REPLACE"));
        assert_eq!(find(&words("nothing")), None);
    }

    #[test]
    fn topics_are_listed_in_columns_that_fit_80() {
        let mut out = Vec::new();
        write_columns(&mut out, &topics().collect::<Vec<_>>()).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.lines().all(|l| l.len() <= 80), "{text}");
        for t in topics() {
            assert!(text.contains(t), "{t} missing:\n{text}");
        }
    }
}
