//! Non-interactive use: scripts on stdin, -e, -f; statement splitting, errors and exit codes.

use crate::util::{Env, table_rows};

#[test]
fn trigger_bodies_and_semicolons_in_strings_run_as_sqlite3_runs_them() {
    let env = Env::new();
    let script = "\
create table log(msg text);
create table t(x);
-- a comment; with a semicolon
create trigger t_ins after insert on t begin
  insert into log values ('inserted; ' || new.x);
  insert into log values ('second; stmt');
end;
insert into t values ('a;b');
/* block ; comment */ select msg from log order by rowid;
select 'it''s; fine' as s, \"x;y\" from (select 1 as \"x;y\");
";
    let out = env.run(&["--db", ":memory:"], script).ok().to_string();
    let rows = table_rows(&out);
    assert_eq!(rows[..2], [vec!["inserted; a;b".to_string()], vec!["second; stmt".to_string()]], "{out}");
    assert_eq!(rows[2], ["it's; fine", "1"], "{out}");
}

#[test]
fn an_error_reports_its_line_and_exits_1() {
    let env = Env::new();
    let script = "select 1;\n\n-- three\nselect\n  nonsense_column from talks;\nselect 'never runs';\n";
    let run = env.run(&[], script);
    let err = run.fails(1);
    // The error sits on line 5 (where SQLite points); the statement's first line is echoed.
    assert_eq!(
        err.trim_end(),
        "error: line 5, column 3: no such column: nonsense_column (in: select…)\nLINE 5:   nonsense_column from talks;\n          ^"
    );
    assert!(!run.stdout.contains("never runs"));
}

#[test]
fn several_statements_in_one_execute() {
    let env = Env::new();
    let out = env.sql("select 1 as a; select 2 as b").ok().to_string();
    assert_eq!(table_rows(&out), [["1"], ["2"]]);
}

#[test]
fn a_last_statement_without_semicolon_runs() {
    let env = Env::new();
    let out = env.run(&[], "select 41 + 1").ok().to_string();
    assert_eq!(table_rows(&out), [["42"]]);
}

#[test]
fn an_unterminated_string_is_an_error_not_a_hang() {
    let env = Env::new();
    let err = env.run(&[], "select 'open;\n").fails(1).to_string();
    assert!(err.starts_with("error: line 1, column 8: unrecognized token"), "{err}");
}

#[test]
fn execute_error_exits_1_with_message() {
    let env = Env::new();
    let err = env.sql("select * from no_such_table;").fails(1).to_string();
    assert_eq!(
        err.trim_end(),
        "error: line 1, column 15: no such table: no_such_table (in: select * from no_such_table;)\nLINE 1: select * from no_such_table;\n                      ^"
    );
}

#[test]
fn file_flag_runs_a_file_and_names_it_in_errors() {
    let env = Env::new();
    let f = env.path("s.sql");
    std::fs::write(&f, "select 1;\nselect nope;\n").expect("write");
    let run = env.run(&["-f", f.to_str().expect("utf8")], "");
    let err = run.fails(1);
    assert!(err.contains("s.sql: line 2, column 8: no such column: nope"), "{err}");
}

#[test]
fn missing_script_file_is_one_line() {
    let env = Env::new();
    let err = env.run(&["-f", "/nonexistent/x.sql"], "").fails(1).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot open /nonexistent/x.sql"), "{err}");
}

#[test]
fn commands_work_in_scripts() {
    let env = Env::new();
    let out = env.run(&[], "\\dt talk*\nselect 7;\n").ok().to_string();
    assert!(out.contains("talk_speakers") && out.contains("talk_overview"), "{out}");
    assert!(!out.contains("| events"), "{out}");
}

#[test]
fn unknown_command_in_a_script_fails() {
    let env = Env::new();
    let err = env.run(&[], "\\dtt\n").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: unknown command \\dtt — did you mean \\dt?");
}

#[test]
fn continue_runs_past_errors_but_still_fails() {
    let env = Env::new();
    let run = env.run(&["--continue"], "select nope;\nselect 'after' as a;\n");
    run.fails(1);
    assert!(run.stdout.contains("after"), "{}", run.stdout);
}

#[test]
fn output_to_a_pipe_has_no_colour() {
    let env = Env::new();
    let run = env.cmd().env_remove("NO_COLOR").args(["-e", "select null, 1;"]).output().expect("run");
    assert!(run.status.success());
    assert!(!run.stdout.contains(&0x1b), "escape codes in piped output");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    env.run(&["--no-such-flag"], "").fails(2);
    env.run(&["--format", "xml", "-e", "select 1"], "").fails(2);
}

#[test]
fn a_broken_pipe_exits_quietly() {
    let env = Env::new();
    // Enough rows that the writer hits the closed pipe.
    let out = crate::util::neutral(&mut std::process::Command::new("sh"), env.home())
        .arg("-c")
        .arg(format!(
            "'{}' -e 'with recursive c(x) as (select 1 union all select x+1 from c limit 200000) select x, x*2 from c' | head -1",
            crate::util::BIN
        ))
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn include_runs_a_file_like_dash_f() {
    let env = Env::new();
    let inner = env.path("inner.sql");
    std::fs::write(&inner, "select 'from inner' as a;\nselect\n  nope;\nselect 'not reached';\n").expect("write");
    let script = format!("select 'before' as a;\n\\i {}\nselect 'after';\n", inner.display());
    let run = env.run(&["--db", ":memory:"], &script);
    let err = run.fails(1);
    // One error line, naming the inner file, line and column; the outer script stops too.
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {}: line 3, column 3: no such column: nope (in: select…)\nLINE 3:   nope;\n          ^",
            inner.display()
        )
    );
    assert_eq!(table_rows(&run.stdout), [["before"], ["from inner"]]);
    let run = env.run(&["--db", ":memory:", "--continue"], &script);
    run.fails(1);
    assert_eq!(table_rows(&run.stdout), [["before"], ["from inner"], ["not reached"], ["after"]]);
}

#[test]
fn a_file_that_includes_itself_stops() {
    let env = Env::new();
    let f = env.path("loop.sql");
    std::fs::write(&f, format!("\\i {}\n", f.display())).expect("write");
    let err = env.run(&["--db", ":memory:", "-f", f.to_str().expect("utf8")], "").fails(1).to_string();
    assert!(err.contains("nest more than 16 deep"), "{err}");
}

#[test]
fn split_cases_each_run_as_one_statement() {
    let env = Env::new();
    // Each piece: a string with ;, a quoted name with ;, both comment styles, a trigger, no final ;.
    let script = "select 'a;b' as s;\nselect 1 as \"x;y\";\nselect 2 as c; -- trailing; comment\n/* a ; block */ select 3 as d;\n\
create table t(x);\ncreate table log(m);\ncreate trigger tr after insert on t begin insert into log values ('x;'); insert into log values ('y'); end;\n\
insert into t values (1);\nselect count(*) as n from log\n";
    let out = env.run(&["--db", ":memory:", "--format", "csv"], script).ok().to_string();
    assert_eq!(out, "s\na;b\nx;y\n1\nc\n2\nd\n3\nn\n2\n");
}

#[test]
fn an_error_in_the_middle_of_a_line_names_its_column() {
    let env = Env::new();
    let err = env.run(&["--db", ":memory:"], "select 1; select 2, nope;\n").fails(1).to_string();
    assert_eq!(
        err.trim_end(),
        "error: line 1, column 21: no such column: nope (in: select 2, nope;)\nLINE 1: select 1; select 2, nope;\n                            ^"
    );
}

#[test]
fn backslash_g_in_a_script_is_vertical() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], "select 1 as a,\n 2 as b\\G\nselect 3 as c;\n").ok().to_string();
    assert!(out.starts_with("-[ RECORD 1 ]\na | 1\nb | 2\n1 row\n"), "{out}");
    assert_eq!(table_rows(&out), [["3"]]);
}

#[test]
fn an_indented_command_line_runs_as_a_command_on_purpose() {
    // Documented difference from sqlite3 (which reads such a line as SQL and fails): the
    // leading blanks of an indented script line do not stop it being a command.
    let env = Env::new();
    let run = env.run(&[], "  .print hi\n   \\echo there\nselect 'after';\n");
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "hi\nthere\n+---------+\n| 'after' |\n+---------+\n| after   |\n+---------+\n1 row\n");
}
