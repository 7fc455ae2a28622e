//! `\h KEYWORD`: short SQL syntax summaries (SQLite's dialect) with an example over the talk
//! schema, for the statements people type most. Written for talkcli, not copied from elsewhere.

use std::io::Write;

use anyhow::{Result, bail};

use super::{ArgKind, Command, Handler, Invocation};
use crate::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\h",
    aliases: &[],
    args: "[KEYWORD]",
    summary: "SQL syntax summary for a statement (SELECT, INSERT, CREATE TABLE, JOIN, MATCH …)",
    help: "Without an argument, lists the topics. With one, shows the syntax of that statement with an\nexample over the talk database.\n\nExamples:\n  \\h\n  \\h select\n  \\h create index\n  \\h match",
    arg_kind: ArgKind::Keyword,
    run: Handler::Acts(help),
}];

/// (topic, syntax and example). Topics are matched case-insensitively, words separated by spaces.
pub static TOPICS: &[(&str, &str)] = &[
    (
        "SELECT",
        "[WITH …] SELECT [DISTINCT] expr [AS alias], …
  FROM table_or_subquery [[AS] alias] [join …]
  [WHERE condition]
  [GROUP BY expr, … [HAVING condition]]
  [WINDOW name AS (window-definition), …]
  [ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], …]
  [LIMIT count [OFFSET skip]]
Compound: select … UNION [ALL] | INTERSECT | EXCEPT select …

Example:
  SELECT year, count(*) AS talks FROM talk_overview
  GROUP BY year ORDER BY year;",
    ),
    (
        "INSERT",
        "[WITH …] INSERT [OR ABORT|FAIL|IGNORE|REPLACE|ROLLBACK] INTO table [(column, …)]
  VALUES (expr, …), … | select-statement | DEFAULT VALUES
  [ON CONFLICT [(column, …)] DO NOTHING | DO UPDATE SET column = expr, … [WHERE …]]
  [RETURNING expr, …]
REPLACE INTO … is INSERT OR REPLACE INTO ….

Example:
  INSERT INTO notes (talk_id, body) VALUES (283, 'rewatch the GIL part')
  RETURNING id;",
    ),
    (
        "UPDATE",
        "[WITH …] UPDATE [OR …] table SET column = expr, … | (column, …) = (expr, …)
  [FROM table_or_subquery …]
  [WHERE condition]
  [RETURNING expr, …]

Example:
  UPDATE notes SET body = body || ' (done)' WHERE talk_id = 283;",
    ),
    (
        "DELETE",
        "[WITH …] DELETE FROM table
  [WHERE condition]
  [RETURNING expr, …]
Without WHERE every row goes.

Example:
  DELETE FROM favorites WHERE talk_id = 283;",
    ),
    (
        "CREATE TABLE",
        "CREATE [TEMP] TABLE [IF NOT EXISTS] name (
    column [type] [PRIMARY KEY [AUTOINCREMENT]] [NOT NULL] [UNIQUE] [DEFAULT value]
                  [CHECK (expr)] [REFERENCES table(column) [ON DELETE CASCADE|SET NULL|…]]
                  [COLLATE NOCASE|BINARY|RTRIM] [GENERATED ALWAYS AS (expr)],
    …,
    [PRIMARY KEY (column, …)], [UNIQUE (column, …)], [FOREIGN KEY (column) REFERENCES …], [CHECK (…)]
  ) [WITHOUT ROWID] [STRICT]
CREATE TABLE name AS select-statement copies a result.

Example:
  CREATE TABLE watchlist (talk_id INTEGER PRIMARY KEY REFERENCES talks(id), note TEXT);",
    ),
    (
        "CREATE INDEX",
        "CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column_or_expr [COLLATE …] [ASC|DESC], …)
  [WHERE condition]           -- a partial index
DROP INDEX [IF EXISTS] name

Example:
  CREATE INDEX talks_recorded ON talks (recorded);",
    ),
    (
        "CREATE VIEW",
        "CREATE [TEMP] VIEW [IF NOT EXISTS] name [(column, …)] AS select-statement
DROP VIEW [IF EXISTS] name
A view is a saved SELECT: query it like a table. talk_overview is one.

Example:
  CREATE VIEW keynotes AS SELECT title, year, speakers FROM talk_overview WHERE kind = 'keynote';",
    ),
    (
        "CREATE TRIGGER",
        "CREATE [TEMP] TRIGGER [IF NOT EXISTS] name
  BEFORE|AFTER|INSTEAD OF  INSERT|DELETE|UPDATE [OF column, …]  ON table
  [FOR EACH ROW] [WHEN condition]
BEGIN
  statement; …
END;
NEW.column and OLD.column name the row being changed.

Example:
  CREATE TRIGGER fav_note AFTER INSERT ON favorites BEGIN
    INSERT INTO notes (talk_id, body) VALUES (NEW.talk_id, 'favorited');
  END;",
    ),
    (
        "WITH",
        "WITH [RECURSIVE] name [(column, …)] AS [NOT] [MATERIALIZED] (select-statement), …
  SELECT | INSERT | UPDATE | DELETE …
A recursive CTE is: initial-select UNION [ALL] select that refers to name.

Example:
  WITH per_year AS (SELECT year, count(*) AS n FROM talk_overview GROUP BY year)
  SELECT year, n FROM per_year WHERE n > 100;",
    ),
    (
        "JOIN",
        "a [INNER] JOIN b ON condition        rows that match in both
a LEFT [OUTER] JOIN b ON condition   every row of a, b's columns NULL when none match
a RIGHT | FULL [OUTER] JOIN b ON …   every row of b / of both
a CROSS JOIN b                       every pair
a JOIN b USING (column, …)           equal columns, shown once
a NATURAL JOIN b                     USING every column the two share

Example:
  SELECT s.name, t.title
  FROM speakers s
  JOIN talk_speakers ts ON ts.speaker_id = s.id
  JOIN talks t ON t.id = ts.talk_id
  WHERE s.name LIKE '%Batchelder%';",
    ),
    (
        "MATCH",
        "SELECT … FROM fts_table WHERE fts_table MATCH 'query' ORDER BY rank
Query syntax (FTS5):
  word          a token            \"a phrase\"     tokens in order
  pre*          a prefix           col:word       only in one column
  a AND b, a OR b, a NOT b, (grouping)           NEAR(a b, 5)  within 5 tokens
Functions: bm25(t) ranks (lower is better), highlight(t, col, '[', ']'),
snippet(t, col, '[', ']', '…', tokens). talk_search (rowid = talks.id) indexes
title, speakers, tags and takeaways; \\search uses it.

Example:
  SELECT t.title, snippet(talk_search, -1, '[', ']', '…', 8)
  FROM talk_search JOIN talks t ON t.id = talk_search.rowid
  WHERE talk_search MATCH 'gil' ORDER BY bm25(talk_search);",
    ),
];

/// Spellings that lead to a topic.
fn normalise(topic: &str) -> String {
    let t = topic.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
    match t.as_str() {
        "FTS" | "FTS5" | "SEARCH" => "MATCH".to_string(),
        "CTE" | "WITH RECURSIVE" => "WITH".to_string(),
        "REPLACE" | "INSERT INTO" => "INSERT".to_string(),
        "DELETE FROM" => "DELETE".to_string(),
        "TABLE" => "CREATE TABLE".to_string(),
        "INDEX" | "CREATE UNIQUE INDEX" => "CREATE INDEX".to_string(),
        "VIEW" => "CREATE VIEW".to_string(),
        "TRIGGER" => "CREATE TRIGGER".to_string(),
        "LEFT JOIN" | "INNER JOIN" | "CROSS JOIN" | "OUTER JOIN" | "NATURAL JOIN" => "JOIN".to_string(),
        _ => t,
    }
}

/// Topic names, for completion after `\h`.
pub fn topics() -> impl Iterator<Item = &'static str> {
    TOPICS.iter().map(|(t, _)| *t)
}

fn help(s: &mut Session, inv: &Invocation) -> Result<()> {
    if inv.args.is_empty() {
        writeln!(s.out, "SQL help topics (\\h TOPIC):")?;
        for t in topics() {
            writeln!(s.out, "  {t}")?;
        }
        s.out.flush()?;
        return Ok(());
    }
    let want = normalise(&inv.args.join(" "));
    if let Some((topic, text)) = TOPICS.iter().find(|(t, _)| *t == want) {
        writeln!(s.out, "{topic}\n\n{text}")?;
        s.out.flush()?;
        return Ok(());
    }
    // `\h create` lists the CREATE topics rather than failing.
    let starting: Vec<&str> = topics().filter(|t| t.starts_with(&format!("{want} "))).collect();
    if !starting.is_empty() {
        writeln!(s.out, "{want} topics (\\h TOPIC):")?;
        for t in starting {
            writeln!(s.out, "  {t}")?;
        }
        s.out.flush()?;
        return Ok(());
    }
    bail!("no SQL help for '{}' (topics: {})", inv.args.join(" "), topics().collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_valid_sqlite() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        crate::db::load_catalogue(&mut conn).expect("catalogue");
        for (topic, text) in TOPICS {
            let example = text.split("Example:\n").nth(1).unwrap_or_else(|| panic!("{topic} has no example"));
            let tx = conn.transaction().expect("tx");
            tx.execute_batch(example).unwrap_or_else(|e| panic!("{topic}: {e}\n{example}"));
            tx.rollback().expect("rollback");
        }
    }

    #[test]
    fn spellings_reach_their_topic() {
        assert_eq!(normalise("create   table"), "CREATE TABLE");
        assert_eq!(normalise("fts5"), "MATCH");
        assert_eq!(normalise("left join"), "JOIN");
    }
}
