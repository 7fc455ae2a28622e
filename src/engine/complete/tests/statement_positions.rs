//! Each statement's positions offer only what SQLite's grammar lets follow (never every keyword).

use crate::engine::complete::ItemKind;
use crate::engine::complete::keywords::KEYWORDS;
use crate::engine::complete::tests::{at, has, kinds};

/// Candidates at the end of `src`, checked to be narrower than the all-keywords fallback.
fn only(src: &str) -> Vec<String> {
    let got = at(src);
    // Window-frame words belong to none of these positions: they show the fallback.
    let stray = ["GROUPS", "EXCLUDE", "OTHERS", "TIES"].iter().filter(|k| got.iter().any(|g| g == *k)).count();
    assert!(got.len() < KEYWORDS.len() / 2 && stray == 0, "{src:?} fell back to every keyword: {got:?}");
    got
}

fn kind_of(src: &str, text: &str) -> Option<ItemKind> {
    kinds(src).into_iter().find(|(t, _)| t == text).map(|(_, k)| k)
}

const TALKS: [&str; 5] = ["id", "event_id", "title", "kind", "duration"];
/// Tables (no views) as a plain name reaches them, then the attached database.
const TABLES: [&str; 9] =
    ["events", "\"my table\"", "speakers", "talk_overview", "talk_speakers", "talks", "users", "scratch", "bk"];

#[test]
fn alter_table_offers_its_actions_then_the_tables_columns() {
    assert_eq!(only("alter "), ["TABLE"]);
    assert_eq!(only("alter table "), TABLES, "tables, not views");
    assert_eq!(only("ALTER TABLE talks "), ["RENAME TO", "RENAME COLUMN", "ADD COLUMN", "DROP COLUMN"]);
    assert_eq!(only("alter table talks ren"), ["rename to", "rename column"]);
    assert_eq!(only("alter table talks rename "), [&TALKS[..], &["TO", "COLUMN"]].concat());
    assert_eq!(only("alter table talks rename column "), TALKS);
    assert_eq!(only("alter table main.talks drop column "), TALKS);
    assert_eq!(only("alter table talks drop "), [&TALKS[..], &["COLUMN"]].concat());
    assert_eq!(only("alter table talks rename column title "), ["TO"]);
    assert_eq!(only("alter table talks rename kind "), ["TO"]);
    assert!(only("alter table talks rename to ").is_empty(), "a new name");
    assert!(only("alter table talks rename column title to ").is_empty());
    assert_eq!(only("alter table talks add "), ["COLUMN"]);
    assert!(only("alter table talks add column ").is_empty(), "a new name");
    let typed = only("alter table talks add column rating ");
    assert!(has(&typed, &["INTEGER", "TEXT", "REAL", "NOT NULL", "DEFAULT"]), "{typed:?}");
    assert_eq!(kind_of("alter table talks add column rating ", "INTEGER"), Some(ItemKind::Type));
    assert_eq!(kind_of("alter table talks rename column ", "title"), Some(ItemKind::Column));
    assert!(only("alter table talks add column rating integer ").contains(&"NOT NULL".to_string()));
}

#[test]
fn create_offers_what_can_be_created_and_no_names_for_new_objects() {
    assert_eq!(
        only("create "),
        ["TABLE", "VIEW", "INDEX", "UNIQUE INDEX", "TRIGGER", "VIRTUAL TABLE", "TEMP", "TEMPORARY"]
    );
    assert_eq!(only("create temp "), ["TABLE", "VIEW", "TRIGGER"]);
    assert_eq!(only("create unique "), ["INDEX"]);
    assert_eq!(only("create virtual "), ["TABLE"]);
    assert_eq!(only("create table "), ["IF NOT EXISTS"]);
    assert_eq!(only("create table if "), ["NOT EXISTS"]);
    assert!(only("create table if not exists ").is_empty(), "a new name");
    assert!(only("create view ").contains(&"IF NOT EXISTS".to_string()));
    assert_eq!(only("create table t "), ["AS"]);
    assert_eq!(only("create table t as "), ["SELECT", "WITH", "VALUES"]);
    assert_eq!(only("create view v "), ["AS"]);
    assert_eq!(only("create view v as "), ["SELECT", "WITH", "VALUES"]);
    assert!(at("create view v as select * from ").contains(&"talks".to_string()), "the query is a query");
    assert_eq!(only("create virtual table docs "), ["USING"]);
    assert_eq!(only("create virtual table docs using "), ["fts5", "fts4", "fts3", "rtree"]);
    assert_eq!(kind_of("create virtual table docs using ", "fts5"), Some(ItemKind::Module));
}

#[test]
fn create_table_columns_take_types_then_constraints() {
    let first = only("create table t(");
    assert_eq!(first, ["CONSTRAINT", "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY"], "else a new column name");
    let col = only("create table t(c ");
    assert!(has(&col, &["INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", "PRIMARY KEY", "NOT NULL", "REFERENCES"]));
    assert!(!col.contains(&"SELECT".to_string()), "{col:?}");
    let typed = only("create table t(id integer ");
    assert!(has(&typed, &["PRIMARY KEY", "NOT NULL", "UNIQUE", "DEFAULT", "CHECK"]), "{typed:?}");
    assert!(!typed.contains(&"INTEGER".to_string()), "the type is given: {typed:?}");
    assert!(has(&only("create table t(id integer primary key "), &["AUTOINCREMENT", "ASC", "ON CONFLICT"]));
    assert_eq!(only("create table t(id integer primary "), ["KEY"]);
    assert_eq!(only("create table t(name text not "), ["NULL"]);
    assert_eq!(only("create table t(name text collate "), ["BINARY", "NOCASE", "RTRIM"]);
    assert_eq!(kind_of("create table t(name text collate ", "NOCASE"), Some(ItemKind::Collation));
    assert!(has(&only("create table t(n default "), &["NULL", "CURRENT_TIMESTAMP"]));
    assert!(only("create table t(n varchar(").is_empty(), "a size");
    assert!(has(&only("create table t(n varchar(10) "), &["NOT NULL"]));
    // A foreign key: tables, then the table's columns, then the clause.
    assert_eq!(only("create table t(a, talk_id integer references "), TABLES);
    assert_eq!(only("create table t(a, talk_id integer references talks("), TALKS);
    assert!(has(&only("create table t(talk_id references talks(id) "), &["ON DELETE", "NOT NULL"]));
    assert_eq!(only("create table t(talk_id references talks on delete "), grammar_actions());
    // Table constraints name the columns defined before them.
    assert_eq!(only("create table t(a, b, primary key ("), ["a", "b"]);
    assert_eq!(only("create table t(a, b, unique (a, "), ["b"]);
    assert_eq!(only("create table t(a, b, foreign key (b) "), ["REFERENCES"]);
    assert_eq!(only("create table t(a, b, foreign key (b) references speakers("), ["id", "name"]);
    assert_eq!(only("create table t(a) "), ["WITHOUT ROWID", "STRICT"]);
    assert_eq!(only("create table t(a) without "), ["ROWID"]);
}

fn grammar_actions() -> Vec<&'static str> {
    vec!["SET NULL", "SET DEFAULT", "CASCADE", "RESTRICT", "NO ACTION"]
}

#[test]
fn create_index_on_a_table_offers_its_unlisted_columns() {
    assert_eq!(only("create index i "), ["ON"]);
    assert_eq!(only("create unique index if not exists i "), ["ON"]);
    assert_eq!(only("create index i on "), TABLES);
    assert_eq!(only("create index i on talks("), TALKS);
    assert_eq!(only("create unique index if not exists i on talks(title, "), ["id", "event_id", "kind", "duration"]);
    assert_eq!(only("create index i on talks(title "), ["ASC", "DESC", "COLLATE"]);
    assert_eq!(only("create index i on talks(title collate "), ["BINARY", "NOCASE", "RTRIM"]);
    assert_eq!(only("create index i on talks(title collate nocase "), ["ASC", "DESC"]);
    assert!(only("create index i on talks(title desc ").is_empty());
    assert_eq!(only("create index i on talks(title) "), ["WHERE"]);
    let cond = at("create index i on talks(title) where ");
    assert!(has(&cond, &["duration", "kind", "NOT"]), "the WHERE sees the table: {cond:?}");
}

#[test]
fn create_trigger_walks_its_timing_event_and_table() {
    assert_eq!(only("create trigger t "), ["BEFORE", "AFTER", "INSTEAD OF", "INSERT", "UPDATE", "DELETE"]);
    assert_eq!(only("create trigger t instead "), ["OF"]);
    for timing in ["before", "after", "instead of"] {
        assert_eq!(only(&format!("create trigger t {timing} ")), ["INSERT", "UPDATE", "DELETE"], "{timing}");
    }
    assert_eq!(only("create trigger t after insert "), ["ON"]);
    assert_eq!(only("create trigger t after update "), ["OF", "ON"]);
    assert_eq!(only("create trigger t after update of title "), ["ON"]);
    assert_eq!(only("create trigger t after delete on "), TABLES);
    assert_eq!(only("create trigger t instead of delete on "), ["latest_talks"], "views");
    assert_eq!(only("create trigger t after delete on talks "), ["FOR EACH ROW", "WHEN", "BEGIN"]);
    assert_eq!(only("create trigger t after delete on talks for each row "), ["WHEN", "BEGIN"]);
    assert_eq!(
        only("create trigger t after delete on talks begin "),
        ["INSERT", "UPDATE", "DELETE", "SELECT", "REPLACE", "WITH"]
    );
    let when = at("create trigger t after delete on talks when ");
    assert!(has(&when, &["duration", "NOT"]), "{when:?}");
    assert_eq!(at("create trigger t after delete on talks begin update users set em"), ["email"]);
    let cond = only("create trigger t after update on talks when new.duration > 10 ");
    assert!(has(&cond, &["BEGIN", "AND", "OR"]) && !cond.contains(&"THEN".to_string()), "{cond:?}");
    assert_eq!(at("create trigger t after update on talks when old."), TALKS, "OLD is a row of the table");
    assert_eq!(at("create trigger t after update on talks begin select new.ti"), ["title"]);
}

#[test]
fn transactions_and_savepoints() {
    assert_eq!(only("begin "), ["DEFERRED", "IMMEDIATE", "EXCLUSIVE", "TRANSACTION"]);
    assert_eq!(only("begin immediate "), ["TRANSACTION"]);
    assert!(only("begin transaction ").is_empty());
    assert_eq!(only("commit "), ["TRANSACTION"]);
    assert_eq!(only("end "), ["TRANSACTION"]);
    assert_eq!(only("rollback "), ["TRANSACTION", "TO SAVEPOINT"]);
    assert_eq!(only("rollback transaction "), ["TO SAVEPOINT"]);
    assert_eq!(only("rollback to "), ["SAVEPOINT"]);
    assert_eq!(only("release "), ["SAVEPOINT"]);
    assert!(only("savepoint ").is_empty(), "a new name");
}

#[test]
fn vacuum_reindex_analyze_attach_detach_name_databases_and_objects() {
    assert_eq!(only("vacuum "), ["main", "temp", "bk", "INTO"]);
    assert_eq!(kind_of("vacuum ", "bk"), Some(ItemKind::Schema));
    assert_eq!(only("vacuum main "), ["INTO"]);
    assert_eq!(only("vacuum temp "), ["INTO"]);
    assert!(only("vacuum into ").is_empty(), "a file name string");
    let reindex = only("reindex ");
    assert!(has(&reindex, &["talks", "talks_event", "main", "bk", "NOCASE", "BINARY", "RTRIM"]), "{reindex:?}");
    assert!(!reindex.contains(&"latest_talks".to_string()), "no views: {reindex:?}");
    assert_eq!(kind_of("reindex ", "talks_event"), Some(ItemKind::Index));
    let analyze = only("analyze ");
    assert!(has(&analyze, &["talks", "talks_event", "main", "temp"]) && !analyze.contains(&"NOCASE".to_string()));
    assert!(only("analyze talks ").is_empty());
    assert_eq!(only("attach "), ["DATABASE"]);
    assert!(only("attach database ").is_empty(), "a file name string");
    assert_eq!(only("attach 'old.db' "), ["AS"]);
    assert_eq!(only("attach database 'old.db' "), ["AS"]);
    assert!(only("attach 'old.db' as ").is_empty(), "a new name");
    assert_eq!(only("detach "), ["bk", "DATABASE"], "attached databases only");
    assert_eq!(only("detach database "), ["bk"]);
}

#[test]
fn insert_delete_with_explain_and_pragma_heads() {
    assert_eq!(only("insert "), ["INTO", "OR"]);
    assert_eq!(only("insert or "), ["REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK"]);
    assert_eq!(only("insert or ignore "), ["INTO"]);
    assert_eq!(only("replace "), ["INTO"]);
    assert!(only("insert or replace into ").contains(&"talks".to_string()));
    assert_eq!(only("insert or replace into talks (id, "), ["event_id", "title", "kind", "duration"]);
    assert_eq!(only("update or "), ["REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK"]);
    assert_eq!(only("update or ignore "), TABLES);
    assert_eq!(only("update or ignore talks "), ["SET", "AS"]);
    assert_eq!(only("update or ignore talks set "), TALKS);
    assert_eq!(only("delete "), ["FROM"]);
    assert_eq!(only("with "), ["RECURSIVE"]);
    assert!(only("with recursive ").is_empty(), "a new name");
    assert_eq!(only("with c "), ["AS"]);
    assert_eq!(only("with c(x) "), ["AS"]);
    assert_eq!(only("with c as "), ["MATERIALIZED", "NOT MATERIALIZED"]);
    assert_eq!(only("with c as (select 1) "), ["SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES"]);
    let explain = only("explain ");
    assert_eq!(explain[0], "QUERY PLAN");
    assert!(has(&explain, &["SELECT", "INSERT", "PRAGMA"]) && !explain.contains(&"EXPLAIN".to_string()));
    assert_eq!(only("explain query "), ["PLAN"]);
    assert!(has(&only("explain query plan "), &["SELECT", "UPDATE"]));
    assert_eq!(only("explain query plan alter table talks drop column ti"), ["title"]);
    assert!(only("pragma foreign_keys ").is_empty());
    assert_eq!(only("drop "), ["TABLE", "VIEW", "INDEX", "TRIGGER"]);
    assert_eq!(only("drop table if "), ["EXISTS"]);
    assert!(only("drop table talks ").is_empty());
    assert_eq!(only("pragma index_info("), ["talks_event"]);
}

#[test]
fn tables_after_create_index_on_and_in_table_pragmas() {
    let tables =
        ["events", "\"my table\"", "speakers", "talk_overview", "talk_speakers", "talks", "users", "scratch", "bk"];
    assert_eq!(at("create index i on "), tables);
    assert_eq!(at("create unique index if not exists i on ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert_eq!(at("pragma table_info(ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert!(!at("select * from pragma_index_list(us").contains(&"users".to_string()), "the function takes a string");
    let joined = at("select * from talks t join speakers s on ");
    assert!(!joined.contains(&"users".to_string()), "a join's ON still wants columns: {joined:?}");
}

#[test]
fn statement_specific_objects() {
    assert_eq!(at("pragma "), ["foreign_keys", "table_info", "user_version"]);
    assert_eq!(at("PRAGMA ta"), ["table_info"]);
    assert_eq!(at("drop index "), ["talks_event", "IF EXISTS"]);
    assert_eq!(at("drop trigger if exists "), ["talks_touch"]);
    assert_eq!(at("pragma table_info(lat"), ["latest_talks"], "views have columns too");
}

#[test]
fn attach_and_vacuum_into_strings_complete_file_names() {
    let dir = std::env::temp_dir().join(format!("talkcli-attach-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("backups")).expect("dir");
    std::fs::write(dir.join("archive.db"), "").expect("file");
    std::fs::write(dir.join("it's.db"), "").expect("file");
    let base = format!("{}/", dir.display());
    assert_eq!(at(&format!("attach '{base}a")), [format!("{base}archive.db")]);
    assert_eq!(kind_of(&format!("attach database '{base}b"), &format!("{base}backups/")), Some(ItemKind::File));
    assert_eq!(at(&format!("vacuum into '{base}b")), [format!("{base}backups/")]);
    assert_eq!(at(&format!("attach '{base}it")), [format!("{base}it''s.db")], "a quote is doubled");
    assert!(at(&format!("select '{base}a")).is_empty(), "other strings are text");
    assert!(at(&format!("attach 'x' as y; select '{base}a")).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn any_cursor_in_odd_statements_is_safe() {
    let inputs = [
        "create table t(a references (",
        "create table t(a, , primary key ((",
        "alter table . rename column",
        "alter table main. drop",
        "create trigger t instead of update of , on",
        "create trigger x after update of a on t when (((",
        "with ( as (",
        "with c as not materialized ) select",
        "explain query plan explain query",
        "attach '",
        "vacuum into 'it''s",
        "create index i on t(a collate collate desc) where",
        "update or or or",
        "insert or into (",
        "create virtual table if not exists x using fts5(",
        "drop table if exists if",
    ];
    let snap = crate::engine::complete::tests::fixture();
    for src in inputs {
        for cursor in (0..=src.len()).filter(|c| src.is_char_boundary(*c)) {
            let got =
                crate::engine::complete::complete(src, cursor, &snap, &crate::engine::complete::Options::default());
            assert!(got.start <= cursor, "{src:?} at {cursor}");
        }
    }
}

#[test]
fn pragma_values_after_equals_or_in_brackets() {
    assert_eq!(at("PRAGMA foreign_keys = "), ["ON", "OFF"]);
    assert_eq!(at("pragma journal_mode = w"), ["wal"], "in the case typed");
    assert_eq!(at("PRAGMA synchronous("), ["OFF", "NORMAL", "FULL", "EXTRA"]);
    assert_eq!(at("PRAGMA wal_checkpoint("), ["PASSIVE", "FULL", "RESTART", "TRUNCATE"]);
    assert!(at("PRAGMA cache_size = ").is_empty(), "a number: nothing to offer");
    assert!(at("PRAGMA foreign_keys = ON ").is_empty());
}
