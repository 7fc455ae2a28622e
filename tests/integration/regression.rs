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
fn fixa_sqlite3_available() -> bool {
    std::process::Command::new("sqlite3").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `.dump` wrote text holding NUL raw (sqlite3 stops reading the line there and loses the COMMIT)
/// and replaced invalid UTF-8 with U+FFFD, so loading the dump did not give back the same bytes.
#[test]
fn dumped_text_with_nul_or_invalid_utf8_loads_back_byte_exact() {
    if !fixa_sqlite3_available() {
        println!("note: sqlite3 is not installed; skipping the .dump round trip through it");
        return;
    }
    let env = Env::new();
    let db = env.path("u.db");
    let db = db.to_str().expect("utf8");
    env.run(
        &["--db", db, "-e", "create table t(a); insert into t values(cast(x'ff41' as text)), ('x'||char(0)||'y'), ('cr'||char(13)||'lf'||char(10)||'bel'||char(7)||'tab'||char(9)), ('plain ''quoted'' é');"],
        "",
    )
    .ok();
    let dump = env.run(&["--db", db, "-e", ".dump"], "").ok().to_string();
    let copy = env.path("u2.db");
    let mut load = std::process::Command::new("sqlite3")
        .arg(&copy)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3");
    std::io::Write::write_all(&mut load.stdin.take().expect("stdin"), dump.as_bytes()).expect("feed the dump");
    let loaded = load.wait_with_output().expect("sqlite3 ran");
    assert_eq!(String::from_utf8_lossy(&loaded.stderr), "", "sqlite3 could not load:\n{dump}");
    let hex = |file: &str| {
        let o = std::process::Command::new("sqlite3")
            .args([file, "select hex(a) from t order by rowid"])
            .output()
            .expect("sqlite3");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let before = hex(db);
    assert_eq!(before.lines().count(), 4, "{before}");
    assert_eq!(hex(copy.to_str().expect("utf8")), before, "{dump}");
}
/// Status messages (`\fav`'s "added … to your favorites", `.import`'s "imported 3 rows …",
/// "backed up to …") went to stdout and into `\o` files, mixed with the data.
#[test]
fn status_messages_stay_out_of_stdout_and_output_files() {
    let env = Env::new();
    let run = env.run(&["-e", "\\o out.txt", "-e", "\\fav 4", "-e", "select 1 as one"], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let file = std::fs::read_to_string(env.path("out.txt")).expect("out.txt");
    assert_eq!(crate::util::table_rows(&file), [["1"]]);
    assert!(!file.contains("favorite"), "{file}");
    assert!(run.stderr.contains("to your favorites"), "{}", run.stderr);

    std::fs::write(env.path("x.csv"), "a,b\n1,2\n3,4\n").expect("csv");
    let db = env.path("x.db");
    let db = db.to_str().expect("utf8");
    let run = env.run(&["--db", db, "-e", ".import x.csv t", "-e", "\\backup copy.db"], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let rows = crate::util::table_rows(env.run(&["--db", db, "-e", "select * from t"], "").ok());
    assert_eq!(rows, [["1", "2"], ["3", "4"]]);
}
/// Errors with context printed SQLite's message twice ("…: attempt to write a readonly database:
/// Error code 8: attempt to write a readonly database"): `{:#}` showed rusqlite's error and its source.
#[test]
fn sqlite_error_messages_appear_once() {
    let env = Env::new();
    std::fs::write(env.path("x.csv"), "a,b\n1,2\n").expect("csv");
    let cases: [(&[&str], &str); 4] = [
        (&["--readonly", "-e", "\\fav 5"], "error: line 1: attempt to write a readonly database\n"),
        (
            &["--db", ":memory:", "-e", "\\backup /nonexistent/dir/x.db"],
            "error: line 1: cannot back up to /nonexistent/dir/x.db: unable to open database file\n",
        ),
        (
            &["--readonly", "-e", ".import x.csv t"],
            "error: line 1: cannot create table t: attempt to write a readonly database\n",
        ),
        (
            &["--readonly", "import", "csv", "x.csv", "--table", "t"],
            "error: cannot create table t: attempt to write a readonly database\n",
        ),
    ];
    for (args, want) in cases {
        let run = env.run(args, "");
        assert_ne!(run.code, Some(0), "{args:?}");
        assert_eq!(run.stderr, want, "{args:?}");
    }
}
/// `\d NAME` showed `<null>` in the default and pk columns of ordinary columns; psql shows nothing.
#[test]
fn describe_leaves_missing_defaults_and_keys_empty() {
    let env = Env::new();
    let run = env.run(
        &[
            "--db",
            ":memory:",
            "-e",
            "create table p(id integer primary key, a text, b text default null, c int default 3)",
            "-e",
            "\\d p",
        ],
        "",
    );
    let out = run.ok();
    assert_eq!(
        crate::util::table_rows(out),
        [
            ["id", "INTEGER", "", "", "1"],
            ["a", "TEXT", "", "", ""],
            ["b", "TEXT", "", "null", ""],
            ["c", "INT", "", "3", ""],
        ]
    );
    assert!(!out.contains("<null>"), "{out}");
}
/// A repeat `talkcli import pyvideo` that changed nothing still said "imported 17 talks … (0 new, 0 updated)".
#[test]
fn a_repeat_import_does_not_claim_to_have_imported() {
    let env = Env::new();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pyvideo");
    let fixtures = fixtures.to_str().expect("utf8");
    let db = env.path("conf.db");
    let db = db.to_str().expect("utf8");
    let first = env.run(&["--db", db, "import", "pyvideo", fixtures], "");
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let again = env.run(&["--db", db, "import", "pyvideo", fixtures], "");
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let said = format!("{}{}", again.stdout, again.stderr);
    assert!(
        said.starts_with("nothing to import: 17 talks from conf-a-2021 and conf-b-2019 already up to date"),
        "{said}"
    );
    assert!(!said.contains("imported"), "{said}");
}
/// A CSV file with an unterminated quote was reported as "line 2: expected 2 fields, found 1"
/// instead of naming the quote that never closes.
#[test]
fn an_unterminated_csv_quote_is_named_as_such() {
    let env = Env::new();
    std::fs::write(env.path("bad.csv"), "a,b\n1,2\n3,\"open\n4,5\n6,7\n").expect("csv");
    let run = env.run(&["--db", ":memory:", "-e", ".import bad.csv t"], "");
    let err = run.fails(1);
    assert_eq!(err, "error: line 1: bad.csv: line 3: unterminated quoted field\n");
}

/// `\speaker O'Connor` and `\talk Python's GIL` failed with "unterminated ' quote": the shell-like
/// word splitting took the apostrophe for an opening quote.
#[test]
fn an_apostrophe_in_a_name_or_title_is_just_a_letter() {
    let env = Env::new();
    let out = env.sql("\\speaker O'Connor").ok().to_string();
    assert!(out.contains("Sean O'Connor"), "{out}");
    let out = env.sql("\\talk Python's GIL").ok().to_string();
    assert!(out.contains("Removing Python's GIL: The Gilectomy"), "{out}");
    // Quoted arguments still work as before.
    let out = env.sql("\\speaker 'Ned Batchelder'").ok().to_string();
    assert!(out.contains("Machete-mode debugging"), "{out}");
}
