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
