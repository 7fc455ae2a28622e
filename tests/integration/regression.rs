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
    assert!(dump.contains("CREATE TABLE sqlite3_notes(a);\nINSERT INTO sqlite3_notes VALUES('important');"), "{dump}");
    assert!(dump.contains("CREATE TABLE sqlitex(b);"), "{dump}");
    let tables = crate::util::table_rows(env.run(&["--db", db, "-e", "\\dt"], "").ok());
    assert_eq!(tables, [["sqlite3_notes", "table"], ["sqlitex", "table"]]);
    let schema = env.run(&["--db", db, "-e", ".schema"], "").ok().to_string();
    assert_eq!(schema, "CREATE TABLE sqlite3_notes(a);\nCREATE TABLE sqlitex(b);\n");
    let all = crate::util::table_rows(env.run(&["--db", db, "-e", "\\d"], "").ok());
    assert_eq!(all, [["sqlite3_notes", "table", "sqlite3_notes"], ["sqlitex", "table", "sqlitex"]]);
}

/// `.dump` wrote text holding NUL raw (sqlite3 stops reading the line there and loses the COMMIT)
/// and replaced invalid UTF-8 with U+FFFD, so loading the dump did not give back the same bytes.
#[test]
fn dumped_text_with_nul_or_invalid_utf8_loads_back_byte_exact() {
    let Some(sqlite3) = crate::util::tool("sqlite3") else { return };
    let env = Env::new();
    let db = env.path("u.db");
    let db = db.to_str().expect("utf8");
    env.run(
        &["--db", db, "-e", "create table t(a); insert into t values(cast(x'ff41' as text)), ('x'||char(0)||'y'), ('cr'||char(13)||'lf'||char(10)||'bel'||char(7)||'tab'||char(9)), ('plain ''quoted'' é');"],
        "",
    )
    .ok();
    // The dump's bytes (not-UTF-8 text is written as stored, as sqlite3 writes it).
    let dump = env.cmd().args(["--db", db, "-e", ".dump"]).output().expect("dump").stdout;
    let copy = env.path("u2.db");
    let mut load = crate::util::neutral(&mut std::process::Command::new(&sqlite3), env.home())
        .arg(&copy)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3");
    std::io::Write::write_all(&mut load.stdin.take().expect("stdin"), &dump).expect("feed the dump");
    let loaded = load.wait_with_output().expect("sqlite3 ran");
    let dump = String::from_utf8_lossy(&dump);
    assert_eq!(String::from_utf8_lossy(&loaded.stderr), "", "sqlite3 could not load:\n{dump}");
    let hex = |file: &str| {
        let o = crate::util::neutral(&mut std::process::Command::new(&sqlite3), env.home())
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
    let run = env.run(&["--db", db, "-e", ".import --csv x.csv t", "-e", "\\backup copy.db"], "");
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
    let run = env.run(&["--db", ":memory:", "-e", "\\import csv bad.csv t"], "");
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
    let out = env.sql("\\talk Removing Python's GIL").ok().to_string();
    assert!(out.contains("Removing Python's GIL: The Gilectomy"), "{out}");
    // Quoted arguments still work as before.
    let out = env.sql("\\speaker 'Ned Batchelder'").ok().to_string();
    assert!(out.contains("Machete-mode debugging"), "{out}");
}

// ---- fixB: sqlite3-shell compatibility and option handling ----

/// A script with one byte that is not UTF-8 aborted entirely (even with --continue), without a line
/// number: lines were read as UTF-8 strings. Now the byte becomes U+FFFD and every line runs.
#[test]
fn a_non_utf8_byte_in_a_script_does_not_abort_it() {
    let env = Env::new();
    std::fs::write(env.path("l1.sql"), b"select 1 as a;\nselect 'caf\xe9' as b;\nselect 3 as c;\n").expect("write");
    let run = env.run(&["--db", ":memory:", "--format", "csv", "-f", "l1.sql", "--continue"], "");
    assert_eq!(run.ok(), "a\n1\nb\n\"caf\u{fffd}\"\nc\n3\n");
}

/// Commands in the rc file (`--init`) overrode the command line: sqlite3 gives the command line
/// the last word.
#[test]
fn command_line_options_win_over_the_rc_file() {
    let env = Env::new();
    std::fs::write(env.path("i.rc"), "\\T json\n\\timing on\n").expect("write rc");
    let run = env.run(&["--init", "i.rc", "--format", "csv", "-e", "select 1 as a"], "");
    assert_eq!(run.stdout, "a\n1\n", "csv from the command line, not json from the rc file");
    assert!(
        run.stderr.starts_with("Time: "),
        "what the command line does not set stays as the rc file set it:\n{}",
        run.stderr
    );
}

/// An error in talkclirc cancelled the whole -e run with exit 1; sqlite3 -init reports it and runs on.
#[test]
fn an_error_in_talkclirc_is_reported_and_the_script_still_runs() {
    let env = Env::new();
    let dir = env.home().join(".config/talkcli");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("talkclirc"), "bogus;\n").expect("write rc");
    let run = env.run(&["--format", "csv", "-e", "select 1 as a"], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "a\n1\n");
    assert!(run.stderr.contains("talkclirc: line 1") && run.stderr.contains("bogus"), "{}", run.stderr);
}

/// `-f` given with `-e` was silently ignored: now a usage error naming both.
#[test]
fn file_and_execute_together_are_a_usage_error() {
    let env = Env::new();
    std::fs::write(env.path("two.sql"), "select 2;\n").expect("write");
    let run = env.run(&["-e", "select 1", "-f", "two.sql"], "");
    let err = run.fails(2);
    assert!(err.contains("--execute") && err.contains("--file") && err.contains("cannot be used with"), "{err}");
    assert!(run.stdout.is_empty());
}

/// `-e` text starting with an SQL comment (`-- daily report`) was read as an unknown option.
#[test]
fn execute_text_may_start_with_a_comment() {
    let env = Env::new();
    let run = env.run(&["--format", "csv", "-e", "-- daily report\nselect 1 as a"], "");
    assert_eq!(run.ok(), "a\n1\n");
}

/// `talkcli other.db` (as sqlite3 and litecli take it) was an unrecognised subcommand; sqlite3's
/// trailing SQL runs like -e. Subcommands keep working, and --db with a positional is a usage error.
#[test]
fn a_positional_database_and_trailing_sql_work_as_in_sqlite3() {
    let env = Env::new();
    let run = env.run(&["other.db", "create table t(x); insert into t values (7)"], "");
    assert_eq!(run.ok(), "");
    let run = env.run(&["--format", "csv", "other.db", "select x from t"], "");
    assert_eq!(run.ok(), "x\n7\n");
    let run = env.run(&["--format", "csv", "other.db"], "select x * 2 as y from t;\n");
    assert_eq!(run.ok(), "y\n14\n");
    let run = env.run(&["--db", "other.db", "else.db"], "");
    assert!(run.fails(2).contains("cannot be used with"), "{}", run.stderr);
    assert!(env.run(&["man"], "").ok().contains(".TH talkcli"));
    assert!(env.run(&["completions", "bash"], "").ok().contains("talkcli"));
}

/// Option edge cases: `--row-limit 0` was accepted though `row_limit = 0` in the config is rejected;
/// `--format` names were not offered by shell completion; `talkcli man --help` listed `--db`.
#[test]
fn options_are_consistent_and_complete() {
    let env = Env::new();
    let err = env.run(&["--row-limit", "0", "-e", "select 1"], "").fails(2).to_string();
    assert!(err.contains("--row-limit") && err.contains("at least 1"), "{err}");
    let bash = env.run(&["completions", "bash"], "").ok().to_string();
    assert!(bash.contains("table box vertical line csv tsv json jsonl markdown html"), "formats offered:\n{bash}");
    assert!(!env.run(&["man", "--help"], "").ok().contains("--db"));
    // sqlite3's names stay accepted.
    let run = env.run(&["--format", "line", "-e", "select 1 as a"], "");
    let out = run.ok();
    assert_eq!(out, "    a = 1\n", "sqlite3's line mode");
    let run = env.run(&["--db", "x.db", "-e", "create table t(a); insert into t values (5)"], "");
    run.ok();
    std::fs::write(env.path("more.csv"), "a\n6\n").expect("csv");
    let import = env.run(&["import", "csv", "more.csv", "--table", "t", "--db", "x.db"], "");
    assert_eq!(import.code, Some(0), "{}", import.stderr);
    assert!(import.stdout.is_empty() && import.stderr.starts_with("imported 1 row into t"), "{}", import.stderr);
    assert_eq!(env.run(&["--format", "csv", "x.db", "select sum(a) as s from t"], "").ok(), "s\n11\n");
}

/// `\once FILE` ended after the next query result, so output a command wrote itself (\talk's card)
/// left the once state standing and the following query landed in the file too. It now covers
/// exactly the next command or SQL input, all its output.
#[test]
fn once_covers_exactly_the_next_command_or_statement() {
    let env = Env::new();
    let run = env.run(&["--format", "csv", "-e", "\\once card.txt", "-e", "\\talk 283", "-e", "select 1 as a"], "");
    assert_eq!(run.ok(), "a\n1\n");
    let card = std::fs::read_to_string(env.path("card.txt")).expect("card.txt");
    assert!(card.contains("Grok the GIL") && !card.contains("a\n1\n"), "{card}");
    // Every statement of one input goes to the file.
    let run = env.run(
        &["--format", "csv", "-e", "\\once two.csv", "-e", "select 1 as a; select 2 as b", "-e", "select 3 as c"],
        "",
    );
    assert_eq!(run.ok(), "c\n3\n");
    assert_eq!(std::fs::read_to_string(env.path("two.csv")).expect("two.csv"), "a\n1\nb\n2\n");
}

/// A pager that fails (`\pager false`) swallowed a tall result without a word: its output is now
/// printed, after one warning line.
#[test]
fn a_failing_pager_falls_back_to_printing_with_a_warning() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 10, &[], &[]);
    pty.line("\\pager false");
    pty.line(
        "with recursive c(x) as (select 1 union all select x + 1 from c where x < 30) select x * 1000 as n from c;",
    );
    pty.expect("warning: the pager failed");
    pty.expect("| 30000 |");
    pty.expect("30 rows");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Scripts written for the sqlite3 shell stopped at line 1: `.headers`, `.separator`, `.bail`,
/// `.print`, `.echo` and `.width` were unknown commands, and `list`, `quote` and `insert` unknown
/// formats. Their output is compared with the sqlite3 shell's, byte for byte.
#[test]
fn sqlite3_dot_commands_and_modes_run_as_in_sqlite3() {
    let script = "\
.headers on
.mode list
create table t(a, \"b c\", d);
insert into t values (1, 'x|y', null), (2, 'it''s
two', 1.5), (3, x'4142', 'é');
select * from t;
.separator , ~\\n
select a, d from t;
.separator \\t
select a from t where a < 3;
.mode quote
select * from t;
.mode insert t2
select * from t;
.headers off
select * from t;
.mode insert
select a from t limit 1;
.mode quote
select a, \"b c\" from t limit 1;
.mode list
select * from t order by a desc limit 1;
.width 5 10
.bail off
select nope;
.print hello \"big world\" 3
.echo on
select 42 as answer;
  select 1;  select 2;
.print after
.echo off
select 'quiet';
";
    let env = Env::new();
    let run = env.run(&["--db", ":memory:"], script);
    assert_eq!(run.code, Some(1), "the failed statement counts: {}", run.stderr);
    assert!(run.stderr.contains("line 25") && run.stderr.contains("no such column: nope"), "{}", run.stderr);
    assert!(run.stdout.contains("INSERT INTO t2(a,\"b c\",d) VALUES(2,replace('it''s\\ntwo','\\n',char(10)),1.5);\n"));
    assert!(
        run.stdout.ends_with("select 1;  select 2;\n1\n2\n.print after\nafter\n.echo off\nquiet\n"),
        "{}",
        run.stdout
    );
    // The sqlite3 shell, when installed, prints the very same bytes.
    if let Some(sqlite3) = crate::util::tool("sqlite3") {
        let want = crate::util::neutral(&mut std::process::Command::new(sqlite3), env.home())
            .stdin(std::process::Stdio::piped())
            .output_with(script)
            .expect("run sqlite3");
        assert_eq!(run.stdout, want);
    }
    // talkcli's csv keeps its header by default; `.headers off` drops it.
    let run = env.run(&["--db", ":memory:"], ".mode csv\nselect 1 as a;\n.headers off\nselect 2 as b;\n");
    assert_eq!(run.ok(), "a\r\n1\r\n2\r\n", ".mode csv ends rows with CRLF, as in sqlite3");
}

/// Runs a command with `input` on stdin; `None` when it cannot be started.
trait OutputWith {
    fn output_with(&mut self, input: &str) -> Option<String>;
}

impl OutputWith for std::process::Command {
    fn output_with(&mut self, input: &str) -> Option<String> {
        use std::io::Write;
        let mut child = self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().ok()?;
        child.stdin.take()?.write_all(input.as_bytes()).ok()?;
        let out = child.wait_with_output().ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// The hidden `reference` subcommand was offered by generated shell completions (clap_complete
/// ignores `hide`), while the real options and subcommands must stay.
#[test]
fn completions_leave_out_the_hidden_reference_subcommand() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.run(&["completions", shell], "").ok().to_string();
        assert!(!script.contains("reference"), "{shell} offers reference");
        assert!(script.contains("import") && script.contains("row-limit") && script.contains("markdown"), "{shell}");
    }
}

/// `.exit N` was refused ("usage: \\q"): sqlite3 scripts end with a status of their choosing.
#[test]
fn dot_exit_ends_a_script_with_its_status() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:", "--format", "csv"], "select 1 as a;\n.exit 3\nselect 2 as b;\n");
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert_eq!(run.stdout, "a\n1\n");
    let err = env.run(&["--db", ":memory:"], ".exit 300\n").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: exit status must be a whole number from 0 to 255, not '300'");
}

/// `--color always` painted nothing when output went to a pipe (`| less -R`): every painter also
/// required a terminal. Output to `\\o FILE` stays plain under `--color auto`.
#[test]
fn color_always_paints_piped_output() {
    let env = Env::new();
    let run = env.cmd().args(["--color", "always", "-e", "select null as n"]).output().expect("run");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success());
    assert!(out.contains("\x1b["), "no colour in piped output with --color always: {out:?}");
    let card = env.cmd().args(["--color", "always", "-e", "\\talk 283"]).output().expect("run");
    assert!(String::from_utf8_lossy(&card.stdout).contains("\x1b["), "the talk card is plain");
    let plain = env.cmd().args(["-e", "select null as n"]).output().expect("run");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'), "auto must not paint a pipe");
}

/// `.separator ;` was a usage error: the trailing `;` of every command line was dropped, which
/// suits `\\dt;` but not a dot command whose argument is the semicolon.
#[test]
fn a_semicolon_is_a_dot_command_argument() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:"], ".mode list\n.separator ;\nselect 1 as a, 2 as b;\n\\dt;\n");
    assert_eq!(run.ok(), "a;b\n1;2\n");
}

/// What `talkcli --complete TEXT` offers, one candidate a line.
fn completions(env: &Env, text: &str) -> Vec<String> {
    env.run(&["--complete", text], "").ok().lines().map(str::to_string).collect()
}

/// Tab turned `\speaker o'c` into `\speaker 'Sean O''Connor'` (SQL-style quoting), which the
/// shell-style argument splitter reads as "Sean OConnor": the completed command found nobody.
#[test]
fn a_completed_name_with_an_apostrophe_runs() {
    let env = Env::new();
    let got = completions(&env, "\\speaker o'c");
    // Every O'C… speaker, each quoted so the apostrophe survives.
    assert!(got.iter().any(|c| c == "\"Sean O'Connor\""), "{got:?}");
    assert!(got.iter().all(|c| c.starts_with('"') && c.ends_with('"') && c.contains("O'C")), "{got:?}");
    let out = env.sql("\\speaker \"Sean O'Connor\"").ok().to_string();
    assert!(out.contains("Sean O'Connor"), "{out}");
}

/// File names with spaces completed unquoted after `\i`, so the completed command was a usage error.
#[test]
fn a_completed_file_name_with_a_space_runs() {
    let env = Env::new();
    std::fs::write(env.path("my file.sql"), "select 'ran' as r;\n").expect("write");
    let got = completions(&env, "\\i my");
    assert_eq!(got, ["\"my file.sql\""]);
    let out = env.sql(&format!("\\i {}", got[0])).ok().to_string();
    assert!(out.contains("| ran |"), "{out}");
}

/// The operators `->` and `->>` (listed by pragma_function_list) were offered as functions, and
/// sqlite3's `.mode` names (`box`, `line`, `tabs`) were accepted but never offered.
#[test]
fn completion_offers_callable_functions_and_sqlite3_mode_names() {
    let env = Env::new();
    let got = completions(&env, "select * from talks where ");
    assert!(got.iter().any(|c| c == "abs") && !got.iter().any(|c| c.starts_with("->")), "{got:?}");
    assert_eq!(completions(&env, ".mode bo"), ["box"]);
    assert_eq!(completions(&env, "\\T li"), ["line", "list"]);
}

// ---- qa: a new user's session ----

/// Without a UTF-8 locale (no `LANG`, as under `env -i`), the default pager `less` showed
/// talkcli's UTF-8 as `<E2><80><A6>` (the `…` of `\?`) and cut the widened lines.
#[test]
fn the_default_pager_shows_utf8_without_a_utf8_locale() {
    let Some(_less) = crate::util::tool("less") else { return };
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 30, &[], &[]);
    pty.line("\\?");
    let shown = pty.expect("without NAME, list them");
    // The harness reads the terminal byte by byte as Latin-1, so `…` arrives as three chars.
    assert!(shown.contains("VALUE\u{e2}\u{80}\u{a6}]]") && shown.contains("(bound, never"), "{shown}");
    assert!(!shown.contains("<E2>"), "{shown}");
    pty.send("q");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `\pset ` + Tab offered SQL statement keywords (`SELECT`, `DROP VIEW`, …) instead of the
/// setting names it takes; `.limit ` + Tab did too.
#[test]
fn pset_completes_setting_names_not_sql_keywords() {
    let env = Env::new();
    let complete = |text: &str| env.run(&["--complete", text], "").ok().to_string();
    let names = complete("\\pset ");
    assert!(names.lines().any(|l| l == "row_limit") && names.lines().any(|l| l == "overflow"), "{names}");
    assert!(!names.contains("SELECT"), "{names}");
    assert_eq!(complete("\\pset row_l").trim(), "row_limit");
    assert!(!complete(".limit ").contains("SELECT"));
}

/// At 80 columns a command's hint (`\import pyvideo [--skip-bad] [--into-existing] DIR… | csv …`)
/// wrapped onto the next row, and Tab's candidate list was then drawn over that row, leaving the
/// hint's tail (`table`) beside the candidates. A hint is now cut to the prompt's row.
#[test]
fn a_long_command_hint_stays_on_the_prompt_row_at_80_columns() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 30, &[], &[]);
    pty.send("\\import ");
    pty.send("\t");
    let shown = pty.expect("csv      keyword");
    assert!(shown.contains("import pyvideo [--skip-bad] [--into-existing] DIR"), "{shown}");
    assert!(!shown.contains("a CSV file into a table"), "{shown}");
    pty.ctrl('u');
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `\c /no/such/dir/x.db` said the path twice: `cannot open /no/such/dir/x.db: unable to open
/// database file: /no/such/dir/x.db` (rusqlite appends it to SQLite's words).
#[test]
fn a_database_that_cannot_be_opened_is_named_once() {
    let env = Env::new();
    let missing = env.path("no/such/dir/x.db");
    let missing = missing.to_str().expect("utf8");
    for args in [vec!["-e", &format!("\\c {missing}")], vec!["--db", missing, "-e", "select 1;"]] {
        let run = env.run(&args, "");
        let err = run.stderr.trim_end();
        assert_eq!(err.matches(missing).count(), 1, "{err}");
        assert!(err.ends_with(&format!("cannot open {missing}: unable to open database file")), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// A mistyped command on a continuation line (`select 1 as a,` then `\nosuch`) threw the typed
/// statement away with `warning: stopped at the error: 0 more line(s) of the paste not run` —
/// though nothing was pasted. As in psql, the statement stays in the query buffer.
#[test]
fn a_bad_command_on_a_continuation_line_keeps_the_statement() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select 1 as a,");
    pty.line("\\nosuch");
    let shown = pty.expect("unknown command \\nosuch");
    let shown = shown + &pty.expect("-> ");
    assert!(!shown.contains("paste"), "{shown}");
    pty.line("2 as b;");
    pty.expect("| a | b |");
    pty.expect("| 1 | 2 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The examples in `\? \w`, `\? \explain`, `\? .eqp` and `\? .changes` used `talks.year`, a
/// column `talks` does not have: a user who tried them got `no such column: year`.
#[test]
fn help_examples_of_w_explain_eqp_and_changes_run() {
    let env = Env::new();
    for name in ["\\w", "\\explain", ".eqp", ".changes"] {
        let help = env.run(&["-e", &format!("\\? {name}")], "").ok().to_string();
        let examples: Vec<&str> = help
            .split_once("Examples:")
            .map(|(_, ex)| ex.lines().map(str::trim).filter(|l| l.starts_with(['s', 'u', '\\'])).collect())
            .unwrap_or_default();
        let sql: Vec<&str> = examples.into_iter().filter(|l| l.contains(" talk")).collect();
        assert!(!sql.is_empty(), "{name}: {help}");
        for example in sql {
            let run = env.run(&["-e", example], "");
            assert!(run.code == Some(0) && run.stderr.is_empty(), "{name}: {example}: {}", run.stderr);
        }
    }
}

/// `.open FIFO`, `\c FIFO`, `--db FIFO` and `\backup FIFO` answered `disk I/O error`; they now
/// say what the file is, as they already did for a directory.
#[test]
fn a_fifo_as_a_database_file_gets_a_clear_line() {
    let env = Env::new();
    let fifo = env.path("pipe");
    crate::safety::mkfifo(&fifo);
    let fifo = fifo.to_str().expect("utf8");
    let want = format!("{fifo} is a pipe (FIFO), not a database file");
    for args in [
        vec!["-e".to_string(), format!(".open {fifo}")],
        vec!["-e".to_string(), format!("\\c {fifo}")],
        vec!["-e".to_string(), format!("\\backup {fifo}")],
        vec!["--db".to_string(), fifo.to_string(), "-e".to_string(), "select 1;".to_string()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.run(&args, "");
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(run.stderr.trim_end().ends_with(&want) && run.stderr.lines().count() == 1, "{args:?}: {}", run.stderr);
    }
}

/// `\chart` wrote a huge value in full (`1e308` as 309 digits), so its bar's line ran far past
/// the 80 columns of the chart; such values are now written with an exponent.
#[test]
fn a_chart_of_huge_values_stays_within_80_columns() {
    let env = Env::new();
    let run = env.run(&["-e", "select 'a' as k, 1e308 as v union all select 'b', 2.5e20 \\chart"], "");
    let out = run.ok().to_string();
    assert!(out.contains(" 1e308\n") && out.contains(" 2.5e20\n"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
}

/// `\facets talks nosuch` counted the word `nosuch` 425 times: the column was put into the SQL
/// as `"nosuch"`, which SQLite reads as a string when no such column exists.
#[test]
fn facets_of_a_missing_column_of_a_table_is_an_error() {
    let env = Env::new();
    let run = env.run(&["-e", "\\facets talks nosuch"], "");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(!run.stdout.contains("nosuch"), "{}", run.stdout);
    assert_eq!(run.stderr.trim_end(), "error: line 1: talks has no column nosuch");
}

/// `\backup` inside an open write transaction waited forever for a lock its own session held (the
/// fuzzed-scripts test hung on it); it fails at once now, as sqlite3's `.backup` does.
#[test]
fn backup_inside_an_open_transaction_fails_at_once() {
    let env = Env::new();
    let db = env.path("tx.db");
    let script = "create table x(a);\nbegin;\ninsert into x values (1);\n\\backup copy.db\n";
    let run = env.run(&["--db", db.to_str().expect("utf8")], script);
    assert!(run.fails(1).contains("own transaction is open"), "{}", run.stderr);
    assert!(!env.path("copy.db").exists());
}

/// pyvideo gives some talks a duration of 0: a zero length is no length, so `\plan` lists such a
/// talk apart rather than scheduling it (held here for the whole catalogue's data).
#[test]
fn plan_lists_a_talk_of_zero_length_apart() {
    let env = Env::new();
    // Talk 283 is the newest of its event once the others are dated earlier, so it would
    // come first if a zero length counted as a length.
    env.sql(
        "update talks set duration = 1500, recorded = '2017-05-01' where event_id = 3; \
             update talks set duration = 0, recorded = '2017-05-31' where id = 283;",
    )
    .ok();
    let run = env.run(&["--format", "csv", "-e", "\\plan 1h pycon-us-2017"], "");
    let out = run.ok();
    let planned: Vec<&str> = out.lines().skip(1).take_while(|l| !l.contains(" planned")).collect();
    assert_eq!(planned.len(), 2, "two 25-minute talks fit an hour: {out}");
    assert!(planned.iter().all(|l| !l.starts_with("283,")), "{out}");
    assert!(out.contains("Without a duration, so not planned: 283"), "{out}");
}
