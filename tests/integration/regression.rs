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
    let out = run.ok();
    assert!(out.starts_with("a\n1\n"), "csv from the command line, not json from the rc file:\n{out}");
    assert!(out.contains("Time: "), "what the command line does not set stays as the rc file set it:\n{out}");
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
    assert!(bash.contains("table vertical csv tsv json jsonl markdown html"), "formats offered:\n{bash}");
    assert!(!env.run(&["man", "--help"], "").ok().contains("--db"));
    // sqlite3's names stay accepted.
    let run = env.run(&["--format", "line", "-e", "select 1 as a"], "");
    let out = run.ok();
    assert!(out.contains("-[ RECORD 1 ]") && out.contains("a | 1"), "{out}");
    let run = env.run(&["--db", "x.db", "-e", "create table t(a); insert into t values (5)"], "");
    run.ok();
    std::fs::write(env.path("more.csv"), "a\n6\n").expect("csv");
    env.run(&["import", "csv", "more.csv", "--table", "t", "--db", "x.db"], "").ok();
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
    match std::process::Command::new("sqlite3").stdin(std::process::Stdio::piped()).output_with(script) {
        Some(want) => assert_eq!(run.stdout, want),
        None => eprintln!("note: sqlite3 not installed; skipped the byte-for-byte comparison"),
    }
    // talkcli's csv keeps its header by default; `.headers off` drops it.
    let run = env.run(&["--db", ":memory:"], ".mode csv\nselect 1 as a;\n.headers off\nselect 2 as b;\n");
    assert_eq!(run.ok(), "a\n1\n2\n");
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
