//! The workbench at a real terminal: the prompt shows transaction, read-only and database states,
//! quitting inside a transaction asks, `.open` switches, `\watch` and a lock wait stop on Ctrl-C.

use crate::util::{Env, Pty};

/// Lets the prompt finish drawing before the next keys.
fn csv(env: &Env, sql: &str) -> String {
    env.run(&["--format", "csv", "-e", sql], "").ok().to_string()
}

#[test]
fn the_prompt_shows_a_transaction_and_its_end() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.ready();
    pty.line("begin;");
    pty.expect("talks*> ");
    pty.line("create table scratch(x);");
    pty.expect("talks*> ");
    pty.line("rollback;");
    pty.expect("OK");
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn the_prompt_shows_read_only_and_another_database() {
    let env = Env::new();
    // Read-only cannot create a file, so the one to switch to exists.
    env.run(&["--db", env.path("notes.db").to_str().expect("path"), "-e", "create table t(x);"], "").ok();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--readonly"]);
    pty.ready();
    pty.line("select 'ro' as mode;");
    pty.expect("1 row");
    pty.expect("talks(ro)> ");
    pty.line(".open notes.db");
    pty.expect("now on ");
    pty.expect("notes(ro)> ");
    pty.ready();
    pty.line("\\c");
    pty.expect("talks(ro)> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn open_switches_completion_and_prompt_to_the_new_file() {
    let env = Env::new();
    env.run(&["--db", env.path("notes.db").to_str().expect("path"), "-e", "create table memo_items(body);"], "").ok();
    let mut pty = Pty::spawn(&env, &[]);
    pty.ready();
    pty.line(".open notes.db");
    pty.expect("notes> ");
    pty.ready();
    // Completion now knows the new file's table: `memo_` completes to it.
    pty.send("select count(*) as n from memo_");
    pty.send("\t");
    pty.ready();
    pty.line(";");
    pty.expect("| 0 |");
    pty.expect("notes> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn quitting_inside_a_transaction_asks_and_staying_keeps_it() {
    let env = Env::new();
    csv(&env, "create table kept(x);");
    let mut pty = Pty::spawn(&env, &[]);
    pty.ready();
    pty.line("begin; insert into kept values (1);");
    pty.expect("talks*> ");
    pty.line("\\q");
    pty.expect("a transaction is open (quitting)");
    pty.expect("Commit, roll back, or stay? [c/r/S] ");
    pty.line("s");
    pty.expect("staying: nothing changed");
    pty.expect("talks*> ");
    pty.ready();
    pty.line("\\q");
    pty.expect("[c/r/S] ");
    pty.line("c");
    pty.expect("transaction committed");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(csv(&env, "select count(*) as n from kept;"), "n\n1\n");
}

#[test]
fn ctrl_d_inside_a_transaction_can_roll_back() {
    let env = Env::new();
    csv(&env, "create table kept(x);");
    let mut pty = Pty::spawn(&env, &[]);
    pty.ready();
    pty.line("begin; insert into kept values (1);");
    pty.expect("talks*> ");
    pty.ready();
    pty.ctrl('d');
    pty.expect("[c/r/S] ");
    pty.line("r");
    pty.expect("rolled back");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(csv(&env, "select count(*) as n from kept;"), "n\n0\n");
}

#[test]
fn with_yes_quitting_rolls_back_with_a_warning() {
    let env = Env::new();
    csv(&env, "create table kept(x);");
    let mut pty = Pty::spawn(&env, &["-y"]);
    pty.ready();
    pty.line("begin; insert into kept values (1);");
    pty.expect("talks*> ");
    pty.line("\\q");
    pty.expect("warning: the open transaction was rolled back");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(csv(&env, "select count(*) as n from kept;"), "n\n0\n");
}

#[test]
fn watch_repeats_until_ctrl_c() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.ready();
    pty.line("select 'tick' as t;");
    pty.expect("1 row");
    pty.line("\\watch 0.2");
    pty.expect("(every 0.2s)");
    pty.expect("(every 0.2s)");
    pty.expect("(every 0.2s)");
    pty.ctrl('c');
    pty.expect("talks> ");
    pty.ready();
    pty.line("select 'after' as done;");
    pty.expect("after");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_c_ends_the_wait_for_a_locked_database() {
    let env = Env::new();
    csv(&env, "create table kept(x);");
    // A minute of lock waiting: only Ctrl-C can end it within the test's time.
    let vars = [("TALKCLI_BUSY_TIMEOUT_MS", "60000")];
    let mut holder = Pty::spawn_sized(&env, 80, 24, &vars, &[]);
    holder.ready();
    holder.line("begin immediate; insert into kept values (1);");
    holder.expect("talks*> ");
    let mut waiter = Pty::spawn_sized(&env, 80, 24, &vars, &[]);
    waiter.ready();
    waiter.line("insert into kept values (2);");
    // Nothing outside shows that the insert now waits for the lock: Ctrl-C until it answers.
    waiter.interrupt_until(
        "interrupted while waiting for another connection's lock",
        std::time::Duration::from_millis(200),
    );
    waiter.expect("talks> ");
    waiter.line("\\q");
    assert_eq!(waiter.wait_exit(), 0);
    holder.line("commit;");
    holder.expect("talks> ");
    holder.line("\\q");
    assert_eq!(holder.wait_exit(), 0);
    assert_eq!(csv(&env, "select group_concat(x) as xs from kept;"), "xs\n1\n");
}

#[test]
fn a_prompt_set_at_the_prompt_takes_effect_at_once() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.ready();
    pty.line("\\pset prompt \"[%d]%x %% \"");
    pty.expect("[talks] % ");
    pty.ready();
    pty.line("begin;");
    pty.expect("[talks]* % ");
    pty.ready();
    pty.line("rollback;");
    pty.expect("[talks] % ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn switching_database_inside_a_transaction_asks_too() {
    let env = Env::new();
    csv(&env, "create table kept(x);");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.ready();
    pty.line("begin; insert into kept values (1);");
    pty.expect("talks*> ");
    pty.ready();
    pty.line(".open other.db");
    pty.expect("a transaction is open (switching database)");
    pty.expect("[c/r/S] ");
    pty.line("s");
    pty.expect("talks*> ");
    pty.ready();
    pty.line(".open other.db");
    pty.expect("[c/r/S] ");
    pty.line("c");
    pty.expect("other> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(csv(&env, "select count(*) as n from kept;"), "n\n1\n");
}
