//! The interactive prompt, driven through a real pseudo-terminal.

use crate::util::{Env, Pty};

#[test]
fn a_two_line_statement_then_ctrl_d() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select 20 +");
    pty.expect("   -> ");
    pty.line("22 as answer;");
    pty.expect("answer");
    pty.expect("42");
    pty.expect("1 row");
    pty.expect("talks> ");
    pty.ctrl('d');
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn an_error_keeps_the_prompt_going() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select * from nowhere;");
    pty.expect("error: no such table: nowhere");
    pty.line("select 'still here';");
    pty.expect("still here");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn the_whole_statement_is_one_history_entry() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select 1");
    pty.expect("   -> ");
    pty.line("+ 1;");
    pty.expect("1 row");
    pty.line("\\q");
    pty.wait_exit();
    let history = std::fs::read_to_string(env.data_dir().join("history")).expect("history file");
    assert!(history.contains("select 1\\n+ 1;") || history.contains("select 1\n+ 1;"), "{history:?}");
}
