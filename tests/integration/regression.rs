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
