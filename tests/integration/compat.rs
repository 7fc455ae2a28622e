//! sqlite3 compatibility beyond the differential corpus: dot-command arguments, `.import` options,
//! every dot command of sqlite3's `.help`, `\explain`, `.eqp`, foreign keys, a broken schema.

use std::process::{Command, Stdio};

use crate::util::{Env, Run, neutral, tool};

/// Debian's sqlite3 shell, or `None` (a failure under CI, where it must be installed).
fn sqlite3() -> Option<std::path::PathBuf> {
    tool("sqlite3")
}

/// Runs `script` on stdin of the sqlite3 shell with `db`.
fn sqlite3_run(env: &Env, db: &std::path::Path, script: &str) -> Run {
    use std::io::Write;
    let mut child = neutral(&mut Command::new("sqlite3"), env.home())
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sqlite3");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("write");
    Run::from(child.wait_with_output().expect("wait"))
}

#[test]
fn dot_command_arguments_are_read_as_sqlite3_reads_them() {
    let script = ".headers off\n.print \"A\\tB\" 'c\\td' e\\tf\n.separator \"\\t\"\nselect 1, 2;\n.separator \",\" \"\\n--\\n\"\nselect 3, 4;\n.separator '\\t'\nselect 5, 6;\n";
    let env = Env::new();
    let ours = env.run(&["--db", ":memory:", "--format", "list"], script);
    let want = "A\tB c\\td e\tf\n1\t2\n3,4\n--\n5\\t6\n--\n";
    assert_eq!(ours.ok(), want);
    if sqlite3().is_some() {
        assert_eq!(sqlite3_run(&env, std::path::Path::new(":memory:"), script).stdout, want);
    }
}

#[test]
fn import_takes_sqlite3s_options_and_gives_its_table_rows_and_messages() {
    let env = Env::new();
    let csv = env.path("people.csv");
    std::fs::write(&csv, "name,age,score\nann,31,2.5\nbob,x\n\"q,uoted\",\"multi\nline\",1,extra\n").expect("csv");
    let ascii = env.path("people.txt");
    std::fs::write(&ascii, "a\x1fb\x1eone\x1ftwo\x1e").expect("ascii");
    let script = format!(
        ".mode list\n.headers off\n.import --csv {c} p\n.schema p\nselect * from p;\n.import --csv --skip 1 -v {c} p\nselect count(*) from p;\n\
         .mode csv\n.import {c} q\n.schema q\n.mode list\n.import --ascii {a} r\nselect * from r;\n\
         attach ':memory:' as aux;\n.import --csv --schema aux {c} s\nselect count(*) from aux.s;\n\
         .import --csv '|cat {c}' piped\nselect count(*) from piped;\n\
         create table z(a integer primary key, b);\n.import --csv --skip 1 {c} z\nselect * from z;\n",
        c = csv.display(),
        a = ascii.display()
    );
    let db = env.path("ours.db");
    let ours = env.run(&["--continue", "--db", db.to_str().expect("utf8")], &script);
    assert!(
        ours.stdout.starts_with("CREATE TABLE IF NOT EXISTS \"p\"(\n\"name\" TEXT, \"age\" TEXT, \"score\" TEXT);\n")
    );
    assert!(ours.stdout.contains("Added 3 rows with 0 errors using 5 lines of input\n"), "{}", ours.stdout);
    assert!(ours.stderr.contains("people.csv:3: expected 3 columns but found 2 - filling the rest with NULL"));
    assert!(ours.stderr.contains("people.csv:4: INSERT failed: datatype mismatch"), "{}", ours.stderr);
    assert_eq!(ours.code, Some(1), "the last row failed, which sqlite3 reports in its status");
    if sqlite3().is_some() {
        let theirs_db = env.path("theirs.db");
        let theirs = sqlite3_run(&env, &theirs_db, &script);
        assert_eq!(ours.stdout, theirs.stdout);
        // The same lines; the one that ends the import with an error carries talkcli's prefix.
        let plain: String =
            ours.stderr.lines().map(|l| format!("{}\n", l.split_once(": line 20: ").map_or(l, |p| p.1))).collect();
        assert_eq!(plain, theirs.stderr);
        assert_eq!(ours.code, theirs.code);
        let dump = |p: &std::path::Path| sqlite3_run(&env, p, ".dump\n").stdout;
        assert_eq!(dump(&db), dump(&theirs_db));
    }
}

/// Each dot command the sqlite3 3.40 shell lists in `.help` either runs in talkcli or answers in
/// one line that talkcli does not support it and what to use instead: never "unknown command".
#[test]
fn every_dot_command_of_sqlite3s_help_is_known() {
    let env = Env::new();
    let names: Vec<String> = match sqlite3() {
        Some(bin) => {
            let out = neutral(&mut Command::new(bin), env.home())
                .args([":memory:", ".help"])
                .output()
                .expect("sqlite3 .help");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split_whitespace().next().filter(|w| w.starts_with('.')).map(str::to_string))
                .collect()
        }
        None => [".archive", ".changes", ".dbinfo", ".eqp", ".limit", ".show", ".stats", ".vfslist"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    assert!(names.len() > 50, "{names:?}");
    for name in &names {
        // Read-only and harmless arguments: the question is only whether the name is known.
        // .parameter belongs to the variables work (`\\set`), which lands separately.
        if [".exit", ".quit", ".open", ".read", ".cd", ".once", ".output", ".excel", ".system", ".shell", ".parameter"]
            .contains(&name.as_str())
        {
            continue;
        }
        let run = env.run(&["--db", ":memory:", "-e", name], "");
        assert!(!run.stderr.contains("unknown command"), "{name}: {}", run.stderr);
        if run.stderr.contains("does not support") {
            assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
            assert!(run.stderr.contains("; ") && run.stderr.contains(name.as_str()), "{name}: {}", run.stderr);
        }
    }
    for must_work in
        [".changes on", ".version", ".show", ".timer on", ".nullvalue x", ".limit", ".databases", ".fullschema"]
    {
        let run = env.run(&["--db", ":memory:", "-e", must_work], "");
        assert_eq!(run.code, Some(0), "{must_work}: {}", run.stderr);
    }
    let saved = env.path("saved.db");
    let run = env.run(
        &["--db", ":memory:"],
        &format!(
            "create table t(a);\ninsert into t values (7);\n.save {s}\ndrop table t;\n.restore {s}\nselect a from t;\n",
            s = saved.display()
        ),
    );
    assert!(run.stdout.ends_with("7\n") || run.stdout.contains("| 7 |"), "{}", run.stdout);
}

#[test]
fn explain_marks_indexes_and_hints_at_full_scans_of_large_tables() {
    let env = Env::new();
    let db = env.path("big.db");
    let db = db.to_str().expect("utf8");
    env.run(
        &["--db", db, "-e", "create table big(id integer primary key, k int, v text); create index big_v on big(v);
          with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500) insert into big select x, x % 7, 'v' || x from c;
          create table small(a);"],
        "",
    )
    .ok();
    let out = env.run(&["--db", db, "-e", "\\explain select * from big b where k = 3"], "").ok().to_string();
    assert_eq!(
        out,
        "QUERY PLAN\n`--SCAN b\nhint: SCAN b reads all 1500 rows of big; an index on the columns it filters by would let SQLite search instead\n"
    );
    let out = env.run(&["--db", db, "-e", "\\explain select * from small where a = 1"], "").ok().to_string();
    assert_eq!(out, "QUERY PLAN\n`--SCAN small\n", "a small table gets no hint");
    let out = env
        .run(&["--db", db, "--color", "always", "-e", "\\explain select id from big where v = 'v9'"], "")
        .ok()
        .to_string();
    assert!(out.starts_with("QUERY PLAN\n`--SEARCH big \u{1b}["), "{out:?}");
    assert!(out.contains("USING COVERING INDEX big_v\u{1b}[0m (v=?)"), "the index is marked: {out:?}");
    let err = env.run(&["--db", db, "-e", "\\explain select nope from big"], "").fails(1).to_string();
    assert!(err.contains("no such column: nope") && err.lines().count() == 1, "{err}");
}

#[test]
fn eqp_prints_each_plan_before_the_result() {
    let env = Env::new();
    let script = "create table t(a integer primary key, b);\ninsert into t values (1, 2);\n.eqp on\nselect b from t where a = 1;\n.eqp off\nselect b from t;\n";
    let out = env.run(&["--db", ":memory:", "--format", "list"], script).ok().to_string();
    assert_eq!(out, "QUERY PLAN\n`--SEARCH t USING INTEGER PRIMARY KEY (rowid=?)\nb\n2\nb\n2\n");
}

#[test]
fn json_mode_of_sqlite3_prints_nothing_for_no_rows() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], ".mode json\nselect 1 as a where 0;\n\\T json\nselect 1 as a where 0;\n");
    assert_eq!(out.ok(), "[]\n", ".mode json prints nothing, as sqlite3; \\T json prints an empty array");
}

#[test]
fn foreign_keys_are_on_for_the_bundled_database_and_as_sqlite3_elsewhere() {
    let env = Env::new();
    let fk = |args: &[&str]| env.run(args, "").ok().trim().to_string();
    assert_eq!(fk(&["--format", "list", "-e", ".headers off", "-e", "pragma foreign_keys"]), "1");
    let other = env.path("other.db");
    let other = other.to_str().expect("utf8");
    assert_eq!(fk(&["--db", other, "--format", "list", "-e", ".headers off", "-e", "pragma foreign_keys"]), "0");
    let config = env.home().join(".config/talkcli/config.toml");
    std::fs::create_dir_all(config.parent().expect("dir")).expect("mkdir");
    std::fs::write(&config, "foreign_keys = \"on\"\n").expect("config");
    assert_eq!(fk(&["--db", other, "--format", "list", "-e", ".headers off", "-e", "pragma foreign_keys"]), "1");
    // At the prompt or in a script, \pset changes it for the open database at once.
    let args = [
        "--db",
        other,
        "--format",
        "list",
        "-e",
        ".headers off",
        "-e",
        "\\pset foreign_keys off",
        "-e",
        "pragma foreign_keys",
    ];
    assert_eq!(fk(&args), "0");
}

#[test]
fn a_database_with_a_broken_schema_entry_opens_for_dump_and_repair() {
    let env = Env::new();
    let db = env.path("broken.db");
    let db = db.to_str().expect("utf8");
    env.run(
        &[
            "--db",
            db,
            "-e",
            "create table good(a); insert into good values (1); create table x(b);
          pragma writable_schema = on; update sqlite_schema set sql = 'CREATE TABLE x(' where name = 'x';",
        ],
        "",
    )
    .ok();
    let run = env.run(&["--db", db, "-e", ".dump"], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "warned once: {}", run.stderr);
    assert!(run.stderr.contains("malformed database schema (x)") && run.stderr.contains(".dump"), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE good(a);\nINSERT INTO good VALUES(1);\nCREATE TABLE x(;\nROLLBACK; -- due to errors\n"
    );
    if sqlite3().is_some() {
        assert_eq!(sqlite3_run(&env, std::path::Path::new(db), ".dump\n").stdout, run.stdout);
    }
    // The user repairs it: afterwards it opens without a warning.
    env.run(&["--db", db, "-e", "delete from sqlite_schema where name = 'x'"], "");
    let run = env.run(&["--db", db, "--format", "list", "-e", "select a from good"], "");
    assert_eq!(run.ok(), "a\n1\n");
}

/// sqlite3 drops the rest of an input chunk after an error, even without -bail: the insert after
/// the failing select on the same line never runs, so the count is 0.
#[test]
fn after_an_error_the_rest_of_the_chunk_is_dropped() {
    let env = Env::new();
    let script = ".mode list\ncreate table t(a);\nselect nosuch; insert into t values(1);\nselect count(*) from t;\n";
    let run = env.run(&["--continue", "--db", ":memory:"], script);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "count(*)\n0\n");
    assert!(run.stderr.contains("no such column: nosuch"), "{}", run.stderr);
}

#[test]
fn rows_without_columns_print_nothing() {
    let env = Env::new();
    let db = env.path("iv.db");
    let script = ".mode list\npragma auto_vacuum = incremental;\ncreate table t(a);\n\
                  insert into t select randomblob(5000) from (select 1 union select 2 union select 3);\n\
                  delete from t;\npragma incremental_vacuum(2);\nselect 'after' as x;\n";
    let run = env.run(&["--db", db.to_str().expect("utf8")], script);
    assert_eq!(run.ok(), "x\nafter\n");
}

#[test]
fn echo_prints_the_input_exactly_as_read() {
    let env = Env::new();
    let script = ".echo on\n.mode list\n  select 1 as a;  \n-- a comment\n\nselect 2\n    as b; -- why\n";
    let run = env.run(&["--db", ":memory:"], script);
    assert_eq!(run.ok(), ".mode list\nselect 1 as a;  \na\n1\n-- a comment\n\nselect 2\n    as b; -- why\nb\n2\n");
    if sqlite3().is_some() {
        let theirs = sqlite3_run(
            &env,
            std::path::Path::new(":memory:"),
            &script.replace(".mode list\n", ".mode list\n.headers on\n"),
        );
        assert_eq!(theirs.stdout.replace(".headers on\n", ""), run.stdout);
    }
}

/// `.timer on` prints sqlite3's `Run Time:` line after each input, failed or not; the numbers
/// differ run to run, the lines and their places do not.
#[test]
fn timer_prints_sqlite3s_run_time_after_each_input() {
    let env = Env::new();
    let script =
        ".mode list\n.headers off\n.timer on\nselect 1; select 2;\nselect nosuch;\nselect 3;\n.timer off\nselect 4;\n";
    let shape = |out: &str| -> String {
        out.lines()
            .map(|l| match l.strip_prefix("Run Time: real ") {
                Some(rest) => {
                    let parts: Vec<&str> = rest.split(' ').collect();
                    let numbers = [parts[0], parts[2], parts[4]].iter().all(|n| n.parse::<f64>().is_ok());
                    assert!(numbers && parts[1] == "user" && parts[3] == "sys", "{l}");
                    "Run Time\n".to_string()
                }
                None => format!("{l}\n"),
            })
            .collect()
    };
    let run = env.run(&["--continue", "--db", ":memory:"], script);
    // Status lines never mix with data (issue 22): the Run Time lines go to stderr, the rows stay
    // sqlite3's.
    assert_eq!(shape(&run.stdout), "1\n2\n3\n4\n");
    let times: String = shape(&run.stderr).lines().filter(|l| *l == "Run Time").map(|l| format!("{l}\n")).collect();
    assert_eq!(times, "Run Time\nRun Time\nRun Time\n", "{}", run.stderr);
    if sqlite3().is_some() {
        let theirs = shape(&sqlite3_run(&env, std::path::Path::new(":memory:"), script).stdout);
        let rows: String = theirs.lines().filter(|l| *l != "Run Time").map(|l| format!("{l}\n")).collect();
        assert_eq!(rows, shape(&run.stdout));
    }
}
