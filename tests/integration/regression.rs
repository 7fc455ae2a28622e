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
