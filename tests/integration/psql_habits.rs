//! psql's command names mean what they mean in psql (issue 22): case-sensitive commands, `\t`,
//! `\C`, `\H`, `\a`, `\s`, `\dT`, `\pset`'s psql options, `\setenv`/`\getenv`, `\qecho`/`\warn`,
//! `\errverbose`; status lines never mix with data; `\once` and `.mode` aliases.

use crate::util::{Env, Pty};

fn mem(env: &Env, script: &str) -> crate::util::Run {
    env.run(&["--db", ":memory:", "--continue"], script)
}

#[test]
fn tuples_only_prints_rows_without_header_or_footer() {
    let env = Env::new();
    let out = mem(&env, "\\t\nselect 1 as n, 'a' as s;\n").ok().to_string();
    assert_eq!(out, "+---+---+\n| 1 | a |\n+---+---+\n");
    let out = mem(&env, "\\t on\n\\T csv\nselect 1 as n;\n\\t off\nselect 2 as n;\n").ok().to_string();
    assert_eq!(out, "1\nn\n2\n", "csv loses its header too, as psql's \\t does");
    let err = mem(&env, "\\t maybe\n").fails(1).to_string();
    assert!(err.contains("usage: \\t [on|off]"), "{err}");
}

#[test]
fn pset_reads_psqls_options() {
    let env = Env::new();
    let script = "\\pset tuples_only on\n\\pset tuples_only\n\\pset footer off\n\\pset null (null)\n\
                  \\pset title Report\nselect null as z;\n\\pset format unaligned\n\\pset fieldsep ';'\n\
                  select 1 as a, 2 as b;\n\\pset tuples_only\n";
    let out = mem(&env, script).ok().to_string();
    // A bare boolean toggles, as in psql, and says what it is now; a change with a value is quiet
    // in a script.
    assert_eq!(
        out,
        "Tuples only is off.\nReport\n+--------+\n| z      |\n+--------+\n| (null) |\n+--------+\nReport\na;b\n1;2\nTuples only is on.\n",
    );
    let err = mem(&env, "\\pset border 3\n").fails(1).to_string();
    assert!(err.contains("\\pset border: expected 0, 1 or 2, not '3'"), "{err}");
    let err = mem(&env, "\\pset format latex\n").fails(1).to_string();
    assert!(err.contains("\\pset format latex is a psql format talkcli does not support"), "{err}");
    let err = mem(&env, "\\pset footer sometimes\n").fails(1).to_string();
    assert!(err.contains("\\pset footer: expected on or off, not 'sometimes'"), "{err}");
    // talkcli's own keys still work under \pset, and the list shows psql's options too.
    assert_eq!(mem(&env, "\\pset row_limit\n").ok(), "row_limit is 1000\n");
    let list = mem(&env, "\\pset title T\n\\pset\n").ok().to_string();
    assert!(
        list.contains("\nrow_limit ") && list.contains("\ntitle ") && list.ends_with("recordsep              \\n\n"),
        "{list}"
    );
    assert!(list.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["title", "T"]), "{list}");
}

#[test]
fn title_html_and_aligned_toggles_work_as_in_psql() {
    let env = Env::new();
    let out = mem(&env, "\\C Talks\nselect 1 as n;\n\\C\nselect 2 as n;\n").ok().to_string();
    assert!(out.starts_with("Talks\n+---+\n| n |") && out.matches("Talks").count() == 1, "{out}");
    let out = mem(&env, "\\H\nselect 1 as n;\n\\H\nselect 2 as n;\n").ok().to_string();
    assert!(out.starts_with("<table>") && out.ends_with("| 2 |\n+---+\n1 row\n"), "{out}");
    let out = mem(&env, "\\a\nselect 1 as n, 2 as m;\n\\a\nselect 3 as k;\n").ok().to_string();
    assert!(out.starts_with("n|m\n1|2\n+---+\n| k |"), "{out}");
    assert_eq!(mem(&env, "\\H x\n").fails(1).trim_end(), "error: line 1: usage: \\H (extra argument: \"x\")");
}

/// Each of these was another command before (`\C` opened a new database file `Report`).
#[test]
fn case_matters_and_psql_names_never_do_talkclis_thing() {
    let env = Env::new();
    let run = mem(&env, "\\C Report\n\\W x\n\\DT\n.TABLES\n");
    assert!(!env.path("Report").exists() && !env.path("x").exists(), "no file created");
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    assert!(errors[0].starts_with("error: line 2: unknown command \\W"), "{}", errors[0]);
    assert!(errors[1].starts_with("error: line 3: unknown command \\DT"), "{}", errors[1]);
    assert!(errors[2].starts_with("error: line 4: unknown command .TABLES"), "{}", errors[2]);
    let out = mem(&env, "create table t(a int, b varchar(9), c);\n\\dT\n").ok().to_string();
    assert!(out.contains("| INT        | INTEGER  |       1 |"), "{out}");
    assert!(out.contains("| varchar(9) | TEXT     |       1 |"), "{out}");
    // The status view keeps a name of its own.
    let status = mem(&env, "\\status\n").ok().to_string();
    assert!(status.contains("database:") && status.contains("format:"), "{status}");
}

#[test]
fn unimplemented_psql_commands_say_so_and_change_nothing() {
    let env = Env::new();
    for name in ["\\l", "\\du", "\\dn", "\\df", "\\lo_import", "\\password", "\\encoding"] {
        let run = mem(&env, &format!("{name} x\nselect 1 as still;\n"));
        let err = run.fails(1);
        assert!(err.starts_with(&format!("error: line 1: {name} is a psql command talkcli does not support")), "{err}");
        assert!(!err.contains("did you mean"), "{err}");
        assert!(run.stdout.contains("still"), "{name}: what follows runs");
    }
}

#[test]
fn environment_commands_and_echoes() {
    let env = Env::new();
    let run = mem(
        &env,
        "\\setenv TALKCLI_T22 'a b'\n\\getenv v TALKCLI_T22\n\\echo [:v]\n\\warn to stderr\n\
         \\setenv TALKCLI_T22\n\\! test -z \"$TALKCLI_T22\" && echo unset\n\\echo \"it's\"\n\\set v \"a'b\"\n\\echo :v\n",
    );
    assert_eq!(run.stdout, "[a b]\nunset\n\"it's\"\n\"a'b\"\n");
    assert_eq!(run.stderr, "to stderr\n");
    let err = mem(&env, "\\setenv\n\\setenv A=B x\n\\getenv 1x HOME\n").fails(1).to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].contains("usage: \\setenv NAME [VALUE]"), "{err}");
    assert!(lines[1].contains("invalid environment variable name 'A=B'"), "{err}");
    assert!(lines[2].contains("invalid variable name '1x'"), "{err}");
}

#[test]
fn qecho_follows_o_and_echo_errverbose_repeat_the_error() {
    let env = Env::new();
    let run = mem(&env, "\\o out.txt\n\\qecho into the file\n\\echo to the screen\nselect 1 as n;\n\\o\n");
    assert_eq!(run.ok(), "to the screen\n", "\\echo is psql's: stdout, not \\o's file");
    let file = std::fs::read_to_string(env.path("out.txt")).expect("out.txt");
    assert!(file.starts_with("into the file\n+---+"), "{file}");
    let run = mem(&env, "\\errverbose\nselect * from nope;\n\\errverbose\n");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "There is no previous error.");
    assert_eq!(lines.last().copied(), Some("line 2, column 15: no such table: nope (in: select * from nope;)"));
}

/// `talkcli --format csv -e '\timing on' -e 'select 1 as n'` printed `Time: …` among the rows.
#[test]
fn status_lines_never_land_in_the_data() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:", "--format", "csv", "-e", "\\timing on", "-e", "select 1 as n"], "");
    assert_eq!(run.stdout, "n\n1\n");
    assert!(run.stderr.starts_with("Time: ") && run.stderr.ends_with(" ms\n"), "{}", run.stderr);
    std::fs::create_dir_all(env.path(".config/talkcli")).expect("config dir");
    std::fs::write(env.path(".config/talkcli/talkclirc"), "\\timing\n.timer on\n.changes on\n").expect("rc");
    let run = env.run(&["--db", ":memory:", "--format", "csv", "-e", "select 2 as n"], "");
    // The timings and `.changes`' counts are status lines: never among the rows.
    assert_eq!(run.stdout, "n\n2\n");
    assert!(
        run.stderr.contains("Run Time: ") && run.stderr.contains("changes: 0   total_changes: 0"),
        "{}",
        run.stderr
    );
}

/// `.mode column` answered "Output format is table." and `.mode` then said table.
#[test]
fn a_mode_alias_is_reported_by_its_name() {
    let env = Env::new();
    let out = mem(&env, ".mode column\n.mode\n.mode ascii\n.mode\n.mode qbox\n.mode\n\\T md\n\\T\n\\T table\n\\T\n");
    assert_eq!(out.ok(), "column\nascii\nqbox\nmd\ntable\n");
    let out = mem(&env, ".mode column\n.show\n").ok().to_string();
    assert!(out.contains("mode: column\n"), "{out}");
}

/// After `\once FILE`, a `\T json` wrote its confirmation into FILE and used the `\once` up.
#[test]
fn once_captures_the_next_querys_result_only() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", ":memory:"]);
    pty.line("\\once result.json");
    pty.line("\\T json");
    pty.expect("Output format is json.");
    pty.line("select 1 as n;");
    pty.line("select 2 as m;");
    pty.expect("[{\"m\":2}]");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let file = std::fs::read_to_string(env.path("result.json")).expect("result.json");
    assert_eq!(file, "[{\"n\":1}]\n");
    // sqlite3's .once keeps sqlite3's meaning: the next input, whatever it is.
    let out = mem(&env, ".once dot.txt\n.mode csv\nselect 3 as k;\n").ok().to_string();
    assert_eq!(out, "k\r\n3\r\n");
    assert_eq!(std::fs::read_to_string(env.path("dot.txt")).expect("dot.txt"), "");
}

#[test]
fn s_prints_the_history_and_writes_it_to_a_file() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", ":memory:"]);
    pty.line("select 41 + 1 as answer;");
    pty.expect("42");
    pty.line("\\s");
    pty.expect("select 41 + 1 as answer;\r\n");
    pty.line("\\s hist.txt");
    pty.expect("Wrote history to file");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let file = std::fs::read_to_string(env.path("hist.txt")).expect("hist.txt");
    assert!(file.starts_with("select 41 + 1 as answer;\n\\s\n"), "{file}");
}

#[test]
fn if_blocks_choose_one_branch_and_nest() {
    let env = Env::new();
    let script = "\\set a 1\n\\if :a\n\\echo yes\n\\if false\n\\echo no1\nselect 'never' as x;\n\\else\n\\echo inner-else\n\
                  \\endif\n\\elif true\n\\echo no2\n\\else\n\\echo no3\n\\endif\n\\if off\n\\elif yes\n\\echo elif\n\\endif\n";
    assert_eq!(mem(&env, script).ok(), "yes\ninner-else\nelif\n");
    // Sixteen deep, the innermost runs.
    let deep = format!("{}select 'deep' as d;\n{}", "\\if true\n".repeat(16), "\\endif\n".repeat(16));
    assert!(mem(&env, &deep).ok().contains("| deep |"));
    // An inactive branch does not even evaluate its \if (no error for the bad value).
    assert_eq!(mem(&env, "\\if 0\n\\if bogus\n\\endif\n\\endif\n\\echo ok\n").ok(), "ok\n");
}

#[test]
fn if_blocks_out_of_place_are_one_line_errors() {
    let env = Env::new();
    let run = mem(&env, "\\endif\n\\else\n\\if maybe\n\\echo skipped\n\\else\n\\echo bad-is-false\n\\endif\n\\if 1\n");
    assert_eq!(run.stdout, "bad-is-false\n");
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    assert!(errors[0].contains("line 1: \\endif without a matching \\if"), "{}", errors[0]);
    assert!(errors[1].contains("line 2: \\else without a matching \\if"), "{}", errors[1]);
    assert!(errors[2].contains("line 3: \\if: 'maybe' is not a boolean"), "{}", errors[2]);
    assert!(errors[3].contains("line 8: 1 \\if block(s) without \\endif at the end of the input"), "{}", errors[3]);
    let err = mem(&env, "\\if true\n\\else\n\\elif true\n\\endif\n").fails(1).to_string();
    assert!(err.contains("line 3: \\elif after \\else"), "{err}");
    // No expression at all is an error too, and the block still opens as a false branch.
    let run = mem(&env, "\\if\n\\echo guarded\n\\elif\n\\echo guarded too\n\\else\n\\echo else\n\\endif\n");
    assert_eq!(run.stdout, "else\n");
    assert_eq!(run.stderr, "error: line 1: usage: \\if EXPR\nerror: line 3: usage: \\elif EXPR\n");
    // With --bail (the default) the first one stops the script.
    let run = env.run(&["--db", ":memory:"], "\\endif\n\\echo never\n");
    assert_eq!((run.code, run.stdout.as_str()), (Some(1), ""));
}

/// Each `\i` file keeps its own blocks, as in psql: one left open is that file's error, and the
/// file that ran it goes on in its own branch.
#[test]
fn if_blocks_belong_to_their_file() {
    let env = Env::new();
    std::fs::write(env.path("inner.sql"), "\\if true\n\\echo inner\n").expect("inner");
    std::fs::write(env.path("outer.sql"), "\\if true\n\\i inner.sql\n\\echo outer\n\\endif\n").expect("outer");
    let run = env.run(&["--db", ":memory:", "--continue", "-f", "outer.sql"], "");
    assert_eq!(run.stdout, "inner\nouter\n");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("inner.sql: line 2: 1 \\if block(s) without \\endif"), "{}", run.stderr);
}

#[test]
fn the_prompt_shows_an_inactive_branch() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.line("\\if false");
    pty.expect("talks@> ");
    pty.line("select 'hidden' as h;");
    pty.expect("talks@> ");
    pty.line("\\else");
    pty.expect("talks> ");
    pty.line("select 'shown' as s;");
    let out = pty.expect("1 row");
    assert!(out.contains("| shown |"), "{out}");
    pty.line("\\endif");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn copy_writes_and_reads_back_every_value() {
    let env = Env::new();
    let db = env.path("c.db").display().to_string();
    let script = "create table t(a int, b text, c real);\n\
                  insert into t values (1, 'x,y', 1.5), (2, '', null), (3, 'tab\there', 2);\n\
                  \\copy t to 't.csv' with (format csv, header)\n\\copy t to t.tsv\n\
                  create table u(a int, b text, c real);\n\\copy u from t.csv csv header\n\\copy u from t.tsv\n\
                  \\copy (select a from t where a > 1) to stdout csv\n\
                  select count(*) as n, sum(b is null) as nulls, sum(b = '') as empties from u;\n";
    let out = env.run(&["--db", &db], script).ok().to_string();
    assert!(out.starts_with("2\n3\n"), "{out}");
    assert!(out.contains("| 6 |     0 |       2 |"), "'' stays '' and NULL stays NULL:\n{out}");
    let csv = std::fs::read_to_string(env.path("t.csv")).expect("t.csv");
    assert_eq!(csv, "a,b,c\n1,\"x,y\",1.5\n2,\"\",\n3,tab\there,2.0\n");
    let tsv = std::fs::read_to_string(env.path("t.tsv")).expect("t.tsv");
    assert_eq!(tsv, "1\tx,y\t1.5\n2\t\t\\N\n3\ttab\\there\t2.0\n");
}

/// Bad input: one clear line, no file created, the table, the query buffer and the open
/// transaction untouched.
#[test]
fn copy_refuses_bad_input_and_changes_nothing() {
    let env = Env::new();
    let db = env.path("c.db").display().to_string();
    env.run(&["--db", &db, "-e", "create table t(a int, b text)"], "").ok();
    std::fs::write(env.path("latin1.csv"), b"a,b\n1,caf\xe9\n").expect("latin1");
    std::fs::write(env.path("short.csv"), "a,b\n1,x\n2\n").expect("short");
    std::fs::create_dir(env.path("dir")).expect("dir");
    let fifo = env.path("fifo");
    let made = crate::util::neutral(&mut std::process::Command::new("mkfifo"), env.home()).arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let cases: &[(&str, &str)] = &[
        ("\\copy nope to out.csv csv", "no table named 'nope'"),
        ("\\copy nope from short.csv csv", "no table named 'nope'"),
        ("\\copy (select nope) to out.csv", "no such column: nope"),
        ("\\copy t from fifo csv", "not a regular file"),
        ("\\copy t from dir csv", "it is a directory"),
        ("\\copy t to dir csv", "it is a directory"),
        ("\\copy t from latin1.csv csv header", "line 2: not UTF-8 text; nothing was copied"),
        ("\\copy t from short.csv csv header", "line 3: expected 2 field(s), found 1; nothing was copied"),
        ("\\copy t from stdout", "use FROM FILE or FROM STDIN"),
        ("\\copy t (zz) from short.csv csv", "column \"zz\" is not in table t"),
        ("\\copy t to out.csv with (format xml)", "format xml is not supported"),
        ("\\copy t", "expected FROM or TO"),
    ];
    for (line, want) in cases {
        let script = format!("begin;\ninsert into t values (9, 'mine');\nselect 1,\n{line}\n2 as two;\ncommit;\n");
        let run = env.run(&["--db", &db, "--continue"], &script);
        let errors: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(errors.len(), 1, "{line}: {}", run.stderr);
        assert!(errors[0].contains(want), "{line}: {}", errors[0]);
        assert!(run.stdout.contains("| 1 | two |\n"), "the query buffer ran on: {line}\n{}", run.stdout);
        assert!(!env.path("out.csv").exists(), "{line} created a file");
        let n = env.run(&["--db", &db, "-e", "select count(*) from t where a = 9"], "").ok().to_string();
        assert_eq!(crate::util::table_rows(&n), [["1"]], "the transaction went on and committed: {line}");
        env.run(&["--db", &db, "-e", "delete from t"], "").ok();
    }
}

#[test]
fn gexec_runs_each_value_as_a_statement() {
    let env = Env::new();
    let script = "create table a(x); create table b(x);\n\
                  select 'insert into ' || name || ' values (1)', null from sqlite_schema where type = 'table' \\gexec\n\
                  select (select count(*) from a) + (select count(*) from b) as n;\n";
    assert!(mem(&env, script).ok().contains("| 2 |"));
    let err = mem(&env, "select 'select nope' \\gexec\n").fails(1).to_string();
    assert!(err.contains("no such column: nope"), "{err}");
    let err = mem(&env, "\\gexec\n").fails(1).to_string();
    assert!(err.contains("nothing to run: the query buffer is empty"), "{err}");
}

#[test]
fn crosstabview_pivots_the_result() {
    let env = Env::new();
    let setup = "create table t(y int, k text, n int);\ninsert into t values (2017, 'talk', 3), (2017, 'keynote', 1), (2018, 'talk', 5);\n";
    let out =
        mem(&env, &format!("{setup}\\T csv\nselect * from t \\crosstabview\n\\crosstabview k y n\n")).ok().to_string();
    assert_eq!(out, "y,talk,keynote\n2017,3,1\n2018,5,\nk,2017,2018\ntalk,3,5\nkeynote,1,\n");
    let err = mem(&env, &format!("{setup}insert into t values (2017, 'talk', 9);\nselect * from t \\crosstabview\n"))
        .fails(1)
        .to_string();
    assert!(err.contains("more than one value for row '2017', column 'talk'"), "{err}");
    let err = mem(&env, &format!("{setup}select y, k from t \\crosstabview\n")).fails(1).to_string();
    assert!(err.contains("at least three columns"), "{err}");
    let err = mem(&env, &format!("{setup}select * from t \\crosstabview y nope\n")).fails(1).to_string();
    assert!(err.contains("no column named 'nope'"), "{err}");
}

/// Every psql command with missing, extra, quoted and unicode arguments: at most one clear line,
/// no file created, the query buffer and the open transaction untouched, never a panic.
#[test]
fn psql_commands_take_odd_arguments_in_one_line() {
    let env = Env::new();
    let db = env.path("odd.db").display().to_string();
    env.run(&["--db", &db, "-e", "create table t(a)"], "").ok();
    let lines = [
        "\\t on off",
        "\\t 'on'",
        "\\t ön",
        "\\C",
        "\\C 'Tälks \"2017\"'",
        "\\C 🎉",
        "\\H extra",
        "\\a extra",
        "\\dT a b",
        "\\dT 'ïnt*'",
        "\\setenv",
        "\\setenv A B C",
        "\\setenv 'Ä' 'ü'",
        "\\getenv",
        "\\getenv v",
        "\\getenv v 'NÖPE'",
        "\\qecho 'unterminated",
        "\\warn \"it's\"",
        "\\errverbose extra",
        "\\pset",
        "\\pset border",
        "\\pset null 'ø'",
        "\\pset title",
        "\\pset fieldsep ''",
        "\\pset format ünaligned",
        "\\pset tuples_only maybe",
        "\\x sideways",
        "\\crosstabview a b c d e",
        "\\pset border 3",
        "\\pset border '１'",
        "\\gexec extra",
        "\\copy",
        "\\copy 'ünïcode' to x.csv",
        "\\copy t from",
        "\\copy t to out.csv with (",
        "\\endif extra",
        "\\l+",
    ];
    let before: Vec<_> = std::fs::read_dir(env.home()).expect("home").map(|e| e.expect("entry").file_name()).collect();
    for line in lines {
        let script = format!("begin;\ninsert into t values (9);\nselect 1,\n{line}\n2 as two;\ncommit;\n");
        let run = env.run(&["--db", &db, "--continue"], &script);
        assert!(matches!(run.code, Some(0 | 1)), "{line}: exit {:?}\n{}", run.code, run.stderr);
        let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert!(errors.len() <= 1, "{line}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{line}: {}", run.stderr);
        // `2 as two;` alone would be a syntax error: the buffer kept `select 1,` across the line.
        assert!(!run.stderr.contains("syntax error") && run.stdout.contains('2'), "{line}: {}", run.stderr);
        let after: Vec<_> =
            std::fs::read_dir(env.home()).expect("home").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(after.len(), before.len(), "{line} created a file");
    }
    let n = env.run(&["--db", &db, "-e", "select count(*) from t"], "").ok().to_string();
    assert_eq!(crate::util::table_rows(&n), [[lines.len().to_string()]], "every transaction committed");
}

/// `\copy … from stdin`: the lines after it, up to `\.`, are the rows (the end of the input ends
/// them too); a bad row copies none of them.
#[test]
fn copy_from_stdin_reads_the_rows_that_follow() {
    let env = Env::new();
    let script = "create table t(a int, b text);\n\\copy t from stdin\n1\thello\n2\t\\N\n\\.\n\
                  \\copy t from stdin csv\n3,\"x,y\"\n\\.\nselect a, quote(b) as b from t;\n\\copy t (a) from stdin\n4\n";
    let out = mem(&env, script).ok().to_string();
    assert!(out.contains("| 1 | 'hello' |\n| 2 | NULL    |\n| 3 | 'x,y'   |"), "{out}");
    let run =
        mem(&env, "create table t(a int not null);\n\\copy t from stdin\n1\n\\N\n\\.\nselect count(*) as n from t;\n");
    assert!(
        run.stderr.contains("stdin: line 2: NOT NULL constraint failed: t.a; nothing was copied"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("| 0 |"), "{}", run.stdout);
}

#[test]
fn copy_from_stdin_at_the_prompt() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", ":memory:"]);
    pty.line("create table t(a int, b text);");
    pty.line("\\copy t from stdin csv");
    pty.expect("end with a backslash and a period");
    pty.expect(">> ");
    pty.line("1,one");
    pty.expect(">> ");
    pty.line("\\.");
    pty.expect("COPY 1");
    pty.line("select b from t;");
    pty.expect("| one |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
