//! One test per bug found, named after what went wrong.

use crate::util::{Env, Pty};

/// Lines typed ahead of the prompt (fast typing, a paste without bracketed-paste) were dropped:
/// rustyline discarded the bytes it had read past the Enter unless built with `buffer-redux`.
#[test]
fn lines_typed_ahead_of_the_prompt_are_not_lost() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.send("select 1\r+ 1 as two;\rselect 'third' as t;\r");
    pty.expect("| two |");
    pty.expect("|   2 |");
    pty.expect("| third |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

// ---- fixA: reviewer's bugs in dump, meta, data, favorites and the importers ----

/// `.dump`, `\dt`, `.schema` and `\d` skipped user tables named like `sqlite3_notes` or `sqlitex`:
/// they filtered with `NOT LIKE 'sqlite_%'`, where `_` is a wildcard, not the underscore.
#[test]
fn tables_named_like_sqlite_are_still_dumped_and_listed() {
    let env = Env::new();
    let db = env.path("sq.db");
    let db = db.to_str().expect("utf8");
    env.run(
        &[
            "--db",
            db,
            "-e",
            "create table sqlite3_notes(a); insert into sqlite3_notes values('important'); create table sqlitex(b);",
        ],
        "",
    )
    .ok();
    let dump = env.run(&["--db", db, "-e", ".dump"], "").ok().to_string();
    assert!(
        dump.contains("CREATE TABLE sqlite3_notes(a);\nINSERT INTO \"sqlite3_notes\" VALUES('important');"),
        "{dump}"
    );
    assert!(dump.contains("CREATE TABLE sqlitex(b);"), "{dump}");
    let tables = crate::util::table_rows(env.run(&["--db", db, "-e", "\\dt"], "").ok());
    assert_eq!(tables, [["sqlite3_notes", "table"], ["sqlitex", "table"]]);
    let schema = env.run(&["--db", db, "-e", ".schema"], "").ok().to_string();
    assert_eq!(schema, "CREATE TABLE sqlite3_notes(a);\nCREATE TABLE sqlitex(b);\n");
    let all = crate::util::table_rows(env.run(&["--db", db, "-e", "\\d"], "").ok());
    assert_eq!(all, [["sqlite3_notes", "table", "sqlite3_notes"], ["sqlitex", "table", "sqlitex"]]);
}
