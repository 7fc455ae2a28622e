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
