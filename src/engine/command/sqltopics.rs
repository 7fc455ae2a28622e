//! The topics of `\h`: one short syntax summary per SQLite statement (every statement of SQLite's
//! language reference), plus JOIN and MATCH, each with an example that runs against the talk
//! database (a test runs every one). Written in our own words for talkcli.

/// (topic, syntax and example). Topics are matched case-insensitively, words separated by spaces.
pub(crate) static TOPICS: &[(&str, &str)] = &[
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

Example:
  CREATE INDEX talks_recorded ON talks (recorded);",
    ),
    (
        "CREATE VIEW",
        "CREATE [TEMP] VIEW [IF NOT EXISTS] name [(column, …)] AS select-statement
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
    (
        "UPSERT",
        "INSERT INTO table (column, …) VALUES (…)
  ON CONFLICT [(column, …) [WHERE …]] DO NOTHING
  ON CONFLICT [(column, …)] DO UPDATE SET column = excluded.column, … [WHERE condition]
excluded.column is the value the failed insert would have written. Several ON CONFLICT clauses
may follow each other; the last may omit the conflict target.

Example:
  INSERT INTO favorites (talk_id) VALUES (283)
  ON CONFLICT (talk_id) DO NOTHING;",
    ),
    (
        "REPLACE",
        "REPLACE INTO table [(column, …)] VALUES (…) | select-statement
Short for INSERT OR REPLACE: a row that breaks a UNIQUE or PRIMARY KEY constraint is deleted
first, then the new row is inserted (see \\h insert, \\h upsert).

Example:
  REPLACE INTO notes (id, talk_id, body) VALUES (1, 283, 'rewatch');",
    ),
    (
        "ALTER TABLE",
        "ALTER TABLE [schema.]table RENAME TO new_name
ALTER TABLE table RENAME [COLUMN] old TO new
ALTER TABLE table ADD [COLUMN] column-definition
ALTER TABLE table DROP [COLUMN] column
An added column may not be PRIMARY KEY or UNIQUE; for other changes, create a new table,
copy the rows and rename it.

Example:
  ALTER TABLE notes ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);",
    ),
    (
        "DROP TABLE",
        "DROP TABLE [IF EXISTS] [schema.]table
Removes the table, its rows, indexes and triggers. With foreign keys on, rows elsewhere that
refer to it are checked first.

Example:
  DROP TABLE IF EXISTS scratch;",
    ),
    (
        "DROP INDEX",
        "DROP INDEX [IF EXISTS] [schema.]index

Example:
  DROP INDEX IF EXISTS talks_recorded;",
    ),
    (
        "DROP VIEW",
        "DROP VIEW [IF EXISTS] [schema.]view
The rows the view showed are untouched: only the saved query goes.

Example:
  DROP VIEW IF EXISTS keynotes;",
    ),
    (
        "DROP TRIGGER",
        "DROP TRIGGER [IF EXISTS] [schema.]trigger

Example:
  DROP TRIGGER IF EXISTS fav_note;",
    ),
    (
        "CREATE VIRTUAL TABLE",
        "CREATE VIRTUAL TABLE [IF NOT EXISTS] [schema.]name USING module [(argument, …)]
A table whose rows a module provides: fts5 (full-text search), rtree, dbstat, …
For fts5 the arguments are column names and options such as tokenize = 'unicode61'.

Example:
  CREATE VIRTUAL TABLE temp.note_search USING fts5(body);",
    ),
    (
        "BEGIN",
        "BEGIN [DEFERRED | IMMEDIATE | EXCLUSIVE] [TRANSACTION]
Starts a transaction: nothing is written for others to see until COMMIT; ROLLBACK undoes it.
DEFERRED (the default) takes locks when first needed, IMMEDIATE takes the write lock now.

Example:
  BEGIN IMMEDIATE;
  INSERT INTO favorites (talk_id) VALUES (283);
  COMMIT;",
    ),
    (
        "COMMIT",
        "COMMIT [TRANSACTION]
END [TRANSACTION]            -- the same
Makes the open transaction's changes permanent.

Example:
  BEGIN;
  UPDATE notes SET body = trim(body);
  COMMIT;",
    ),
    (
        "END",
        "END [TRANSACTION]
Another spelling of COMMIT (see \\h commit).

Example:
  BEGIN;
  END;",
    ),
    (
        "ROLLBACK",
        "ROLLBACK [TRANSACTION]
ROLLBACK [TRANSACTION] TO [SAVEPOINT] name
The first undoes the whole open transaction; the second undoes the work since the savepoint
and keeps the transaction (and the savepoint) open.

Example:
  BEGIN;
  DELETE FROM notes;
  ROLLBACK;",
    ),
    (
        "SAVEPOINT",
        "SAVEPOINT name
A named point inside a transaction (starting one when none is open) that ROLLBACK TO can
return to; savepoints nest.

Example:
  SAVEPOINT before_cleanup;
  DELETE FROM notes WHERE body = '';
  ROLLBACK TO before_cleanup;
  RELEASE before_cleanup;",
    ),
    (
        "RELEASE",
        "RELEASE [SAVEPOINT] name
Forgets the savepoint and every one opened after it, keeping their changes; releasing the
outermost savepoint of a transaction SAVEPOINT started commits it.

Example:
  SAVEPOINT step;
  INSERT INTO notes (talk_id, body) VALUES (1, 'draft');
  RELEASE step;",
    ),
    (
        "ATTACH",
        "ATTACH [DATABASE] 'file' AS schema
Opens another database file on the same connection; its tables are schema.table.
':memory:' or '' attach a temporary database. Not inside a transaction.

Example:
  ATTACH ':memory:' AS scratch;
  CREATE TABLE scratch.picks AS SELECT id, title FROM talks WHERE kind = 'keynote';",
    ),
    (
        "DETACH",
        "DETACH [DATABASE] schema
Closes a database ATTACH opened. main and temp cannot be detached.

Example:
  ATTACH ':memory:' AS scratch;
  DETACH scratch;",
    ),
    (
        "ANALYZE",
        "ANALYZE
ANALYZE schema | table | index
Gathers statistics about indexes into sqlite_stat1 so the planner picks better ones;
PRAGMA optimize does it only where it is likely to help.

Example:
  ANALYZE talks;",
    ),
    (
        "REINDEX",
        "REINDEX
REINDEX collation | [schema.]table | [schema.]index
Rebuilds indexes from their tables, e.g. after a collation's definition changed.

Example:
  REINDEX talks;",
    ),
    (
        "VACUUM",
        "VACUUM [schema] [INTO 'file']
Rewrites the database compactly, giving free pages back to the file system. INTO writes the
compacted copy to a new file instead (a consistent backup). Not inside a transaction.

Example:
  VACUUM;",
    ),
    (
        "EXPLAIN",
        "EXPLAIN statement
EXPLAIN QUERY PLAN statement
QUERY PLAN shows how SQLite will run the statement: SCAN (every row), SEARCH … USING INDEX,
temporary B-trees for ORDER BY or DISTINCT. Plain EXPLAIN lists the virtual machine's bytecode.
Neither runs the statement.

Example:
  EXPLAIN QUERY PLAN SELECT * FROM talks WHERE event_id = 2 ORDER BY title;",
    ),
    (
        "PRAGMA",
        "PRAGMA [schema.]name                 read a setting
PRAGMA [schema.]name = value         change it
PRAGMA [schema.]name(argument)       ask about something
SELECT … FROM pragma_name(argument)  the same, as a table
Useful ones: table_info(t), table_xinfo(t), index_list(t), foreign_key_list(t), foreign_keys,
journal_mode, user_version, integrity_check, quick_check, optimize, function_list, page_count,
page_size, freelist_count, compile_options.

Example:
  PRAGMA table_info(talks);
  SELECT name FROM pragma_table_info('speakers');",
    ),
];
