//! The destructive-statement warning at the prompt, through a real pseudo-terminal.

use crate::util::{Env, Pty, table_rows};

/// A database file with table `t` of two rows; returns its path.
fn db_with_table(env: &Env) -> String {
    let db = env.path("t.db").to_str().expect("utf-8 path").to_string();
    env.run(&["--db", &db, "-e", "create table t(x); insert into t values (1), (2)"], "").ok();
    db
}

fn rows_left(env: &Env, db: &str) -> Vec<Vec<String>> {
    let out = env.run(&["--db", db, "-e", "select count(*) from sqlite_schema where name = 't'"], "").ok().to_string();
    table_rows(&out)
}

#[test]
fn answering_no_runs_nothing() {
    let env = Env::new();
    let db = db_with_table(&env);
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    pty.line("select 'before'; drop table t;");
    pty.expect("warning: this drops table t.");
    pty.expect("Run it? [y/N] ");
    pty.line("n");
    pty.expect("cancelled: nothing ran");
    pty.line("delete from t;");
    pty.expect("warning: this deletes every row of t.");
    pty.line("");
    pty.expect("cancelled: nothing ran");
    pty.line("select count(*) as n from t;");
    pty.expect("| 2 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(rows_left(&env, &db), [["1"]]);
}

#[test]
fn answering_yes_runs_it() {
    let env = Env::new();
    let db = db_with_table(&env);
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    pty.line("drop table t;");
    pty.expect("Run it? [y/N] ");
    pty.line("y");
    pty.expect("OK");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(rows_left(&env, &db), [["0"]]);
}

#[test]
fn ctrl_c_at_the_question_means_no_and_keeps_the_session() {
    let env = Env::new();
    let db = db_with_table(&env);
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    pty.line("update t set x = 0;");
    pty.expect("warning: this updates every row of t.");
    pty.expect("Run it? [y/N] ");
    pty.ctrl('c');
    pty.expect("cancelled: nothing ran");
    pty.line("select sum(x) as total from t;");
    pty.expect("|     3 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn yes_flag_skips_the_question() {
    let env = Env::new();
    let db = db_with_table(&env);
    let mut pty = Pty::spawn(&env, &["-y", "--db", &db]);
    pty.line("drop table t;");
    let before = pty.expect("OK");
    assert!(!before.contains("Run it?"), "{before}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(rows_left(&env, &db), [["0"]]);
}

#[test]
fn the_setting_turns_the_question_off() {
    let env = Env::new();
    let db = db_with_table(&env);
    let dir = env.home().join(".config/talkcli");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), "destructive_warning = false\n").expect("write config");
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    pty.line("delete from t;");
    let before = pty.expect("OK, 2 rows affected");
    assert!(!before.contains("Run it?"), "{before}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `\e` and `\f NAME` ran destructive SQL without the question the prompt asks.
#[test]
fn edited_and_named_queries_ask_too() {
    let env = Env::new();
    let db = db_with_table(&env);
    let editor = env.path("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'delete from t;\\n' > \"$1\"\n").expect("write editor");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let editor = editor.to_str().expect("utf-8 path");
    env.sql("\\fs wipe delete from t").ok();
    let mut pty = Pty::spawn_sized(&env, 120, 40, &[("EDITOR", editor)], &["--db", &db]);
    pty.line("\\e");
    pty.expect("warning: this deletes every row of t.");
    pty.expect("Run it? [y/N] ");
    pty.line("n");
    pty.expect("cancelled: nothing ran");
    pty.line("\\f wipe");
    pty.expect("warning: this deletes every row of t.");
    pty.expect("Run it? [y/N] ");
    pty.line("n");
    pty.expect("cancelled: nothing ran");
    pty.line("select count(*) as n from t;");
    pty.expect("| 2 |");
    pty.line("\\f wipe");
    pty.expect("Run it? [y/N] ");
    pty.line("y");
    pty.expect("OK, 2 rows affected");
    pty.line("select count(*) as n from t;");
    pty.expect("| 0 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    // Scripts never ask.
    env.run(&["--db", &db, "-e", "insert into t values (3)", "-e", "\\f wipe"], "").ok();
    let out = env.run(&["--db", &db, "-e", "select count(*) from t"], "").ok().to_string();
    assert_eq!(table_rows(&out), [["0"]]);
}

/// "cancelled: nothing ran" was false for a pasted block: the lines before the question had run
/// and the lines after it ran afterwards. Now the paste stops at the question and says so.
#[test]
fn no_in_a_paste_says_what_ran_and_stops_there() {
    let env = Env::new();
    let db = db_with_table(&env);
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", &db]);
    let block = ["insert into t values (3);", "delete from t;", "select 'after' as marker;"];
    pty.send(&format!("\x1b[200~{}\x1b[201~\r", block.join("\r")));
    pty.expect("warning: this deletes every row of t.");
    pty.expect("Run it? [y/N] ");
    pty.line("n");
    let said = pty_text(&pty.expect("t> "));
    assert!(said.contains("\ncancelled: paste lines 2 to 3 did not run; line 1 ran\n"), "{said}");
    assert!(!said.contains("nothing ran") && !said.contains("| after"), "{said}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let out = env.run(&["--db", &db, "-e", "select count(*) from t"], "").ok().to_string();
    assert_eq!(table_rows(&out), [["3"]], "the insert ran, the delete did not");
}

fn pty_text(s: &str) -> String {
    s.replace("\r\n", "\n")
}
