//! One input layer: typed, pasted and scripted lines mean the same thing. Pastes are sent as a
//! terminal sends them with bracketed paste on (ESC[200~ … ESC[201~, lines ended by CR).

use crate::util::{Env, Pty};

/// An 80-column terminal, the size many users have.
fn pty(env: &Env) -> Pty {
    Pty::spawn_sized(env, 80, 24, &[], &[])
}

/// Pastes `lines` and presses Enter, as a user does after pasting.
fn paste(pty: &mut Pty, lines: &[&str]) {
    pty.send(&format!("\x1b[200~{}\x1b[201~", lines.join("\r")));
    pty.send("\r");
}

#[test]
fn a_pasted_block_runs_as_a_script_does() {
    let env = Env::new();
    let block = ["select 1 as a;", "\\T csv", "select 2 as b;"];
    let mut pty = pty(&env);
    paste(&mut pty, &block);
    pty.expect("| a |");
    pty.expect("b\r\n2\r\n");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    // The same lines as a script print the same results.
    std::fs::write(env.path("block.sql"), block.join("\n")).expect("script");
    let out = env.run(&["-f", "block.sql"], "").ok().to_string();
    assert!(out.contains("| a |") && out.ends_with("b\n2\n"), "{out}");
}

#[test]
fn a_pasted_command_does_not_swallow_the_next_line() {
    let env = Env::new();
    let mut pty = pty(&env);
    paste(&mut pty, &["\\timing", "select 5 as five;"]);
    pty.expect("five");
    pty.expect("Time: ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_paste_is_one_history_entry() {
    let env = Env::new();
    let mut pty = pty(&env);
    paste(&mut pty, &["select 1 as one;", "select 2 as two;"]);
    pty.expect("two");
    pty.line("\\q");
    pty.wait_exit();
    let history = std::fs::read_to_string(env.data_dir().join("history")).expect("history file");
    assert!(history.contains("select 1 as one;\\nselect 2 as two;"), "{history:?}");
}

#[test]
fn complete_statements_run_at_once_and_the_unfinished_one_waits() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select 1 as a; select 2 as b; select");
    pty.expect("| a |");
    pty.expect("| b |");
    pty.expect("   -> ");
    pty.line("3 as c;");
    pty.expect("| c |");
    pty.expect("| 3 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_c_on_a_second_line_drops_only_the_unfinished_statement() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select 7 as done; select 1 as x,");
    pty.expect("| done |");
    pty.expect("   -> ");
    pty.send("2 as y");
    pty.ctrl('c');
    pty.expect("talks> ");
    // Nothing of `select 1 as x, 2 as y` is left to spoil the next statement.
    pty.line("select 4 as q;");
    pty.expect("| q |");
    pty.expect("| 4 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_comment_line_opens_no_continuation() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("-- just a note");
    pty.line("select 6 as six;");
    let before = pty.expect("| six |");
    assert!(!before.contains("->"), "{before:?}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn print_and_reset_work_on_a_continuation_line() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select 'kept' as k");
    pty.expect("   -> ");
    pty.line("\\p");
    pty.expect("select 'kept' as k\r\n");
    pty.expect("   -> ");
    pty.line("\\r");
    pty.expect("query buffer cleared");
    pty.expect("talks> ");
    pty.line("select 'fresh' as f;");
    pty.expect("| fresh |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn go_and_go_vertical_run_the_buffer() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select 41 + 1 as answer");
    pty.expect("   -> ");
    pty.line("\\g");
    pty.expect("|     42 |");
    pty.expect("talks> ");
    pty.line("select 'v' as vertical");
    pty.expect("   -> ");
    pty.line("\\gx");
    pty.expect("vertical | v");
    pty.line("select 'm' as mysql \\G");
    pty.expect("mysql | m");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn other_commands_run_and_leave_the_buffer() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select count(*) as n");
    pty.expect("   -> ");
    pty.line("\\dt talk*");
    pty.expect("talk_speakers");
    pty.expect("   -> ");
    pty.line("from events;");
    pty.expect("| n ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn quit_works_on_a_continuation_line() {
    let env = Env::new();
    let mut pty = pty(&env);
    pty.line("select 1");
    pty.expect("   -> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn edit_opens_the_buffer_and_runs_what_comes_back() {
    let env = Env::new();
    // An "editor" that finishes the statement the user started.
    let editor = "sh -c 'echo \"as edited;\" >> \"$0\"'";
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[("EDITOR", editor)], &[]);
    pty.line("select 3");
    pty.expect("   -> ");
    pty.line("\\e");
    pty.expect("| edited |");
    pty.expect("|      3 |");
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn the_rc_file_keeps_going_after_an_error() {
    let env = Env::new();
    std::fs::write(env.path("rc.sql"), "select * from nowhere;\n\\T csv\n.bogus\n\\timing on\n").expect("rc");
    let run = env.run(&["--init", "rc.sql", "-e", "select 1 as one"], "");
    assert_eq!(run.code, Some(0), "rc errors do not fail the run: {}", run.stderr);
    assert_eq!(run.stdout, "one\n1\n", "{}", run.stdout);
    assert!(run.stderr.contains("\nTime: "), "timing is on, on stderr: {}", run.stderr);
    // One error line per failure (an SQL error's caret lines follow its own).
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 2, "one line per failure: {}", run.stderr);
    assert!(run.stderr.contains("\nLINE 1: select * from nowhere;\n"), "{}", run.stderr);
    assert!(lines[0].contains("rc.sql: line 1") && lines[0].contains("no such table: nowhere"), "{}", lines[0]);
    assert!(lines[1].contains("rc.sql: line 3") && lines[1].contains("unknown command .bogus"), "{}", lines[1]);
}

#[test]
fn a_script_runs_statements_and_commands_in_order() {
    let env = Env::new();
    let out = env.run(&[], "select 1 as a; \\T csv\nselect 2 as b;\nselect 3 as c \\g\n").ok().to_string();
    assert!(out.contains("| a |") && out.ends_with("b\n2\nc\n3\n"), "{out}");
}

#[test]
fn errors_are_one_line_each_with_control_characters_escaped() {
    let env = Env::new();
    let script = ".bail off\n\\d \"bad\x1b[31mname\"\nselect 1 from\n nowhere;\n\\f \"a\tb\"\n";
    let run = env.run(&[], script);
    assert_eq!(run.code, Some(1));
    assert!(!run.stderr.contains('\x1b') && !run.stderr.contains('\t'), "{:?}", run.stderr);
    // One `error:` line per failure (a caret line may follow an SQL error, pointing into it).
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        lines,
        [
            "error: line 2: no table or view named 'bad\\e[31mname'",
            "error: line 4, column 2: no such table: nowhere (in: select 1 from…)",
            "error: line 5: no named query 'a\\tb'",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn a_failed_include_is_one_error_and_the_file_runs_on_its_own_buffer() {
    let env = Env::new();
    std::fs::write(env.path("part.sql"), "select 'inpart' as p;\nselect nope;\n").expect("part");
    let run = env.run(&["--format", "csv"], "\\i part.sql\nselect 'after' as a;\n\\i missing.sql\n");
    assert_eq!(run.stdout, "p\ninpart\n", "the error in part.sql stops the script (bail)");
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].starts_with("error: part.sql: line 2, column 8: no such column: nope"), "{}", lines[0]);
}

#[test]
fn go_with_an_empty_buffer_runs_the_last_query_again() {
    let env = Env::new();
    let run = env.run(&["--format", "csv"], "select 'again' as a;\n\\g\n\\p\n");
    assert_eq!(run.ok(), "a\nagain\na\nagain\nselect 'again' as a;\n");
}

#[test]
fn quit_in_an_included_file_leaves_talkcli_with_its_status() {
    let env = Env::new();
    std::fs::write(env.path("leave.sql"), "select 'before' as b;\n.exit 3\nselect 'never' as n;\n").expect("file");
    let run = env.run(&["--format", "csv"], "\\i leave.sql\nselect 'after' as a;\n");
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert_eq!(run.stdout, "b\nbefore\n");
}

#[test]
fn a_file_that_includes_itself_stops_with_one_error() {
    let env = Env::new();
    std::fs::write(env.path("self.sql"), "\\i self.sql\n").expect("file");
    let run = env.run(&["-f", "self.sql"], "");
    assert_eq!(run.code, Some(1));
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains("scripts nest more than 16 deep"), "{}", errors[0]);
}

#[test]
fn the_destructive_warning_shows_a_table_name_safely() {
    let env = Env::new();
    let db = env.path("w.db").to_str().expect("utf-8 path").to_string();
    env.run(&["--db", &db, "-e", "create table \"a\x1b[31mb\"(x)"], "").ok();
    // The statement comes back from the editor, so the escape character reaches the prompt's input.
    let editor = "sh -c 'printf \"drop table \\\"a\\033[31mb\\\";\\n\" > \"$0\"'";
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[("EDITOR", editor)], &["--db", &db]);
    pty.line("\\e");
    let shown = pty.expect("Run it? [y/N]");
    assert!(shown.contains("drop table \"a\\e[31mb\";"), "the edited text, escaped: {shown:?}");
    assert!(shown.contains("drops table \"a\\e[31mb\"."), "{shown:?}");
    assert!(!shown.contains("a\x1b[31mb"), "{shown:?}");
    pty.line("n");
    pty.expect("cancelled: nothing ran");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
