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

/// Lets the prompt finish drawing before the next keys, so what a test then reads from the screen
/// comes after the prompt. (Keys typed ahead are kept since rustyline's `buffer-redux` feature is
/// on; see `regression::lines_typed_ahead_of_the_prompt_are_not_lost`.)
/// Runs `sql` against a `--db` file before the REPL opens it.
fn prepared_db(env: &Env, sql: &str) -> String {
    let path = env.path("fixture.db");
    let p = path.to_str().expect("utf-8 path").to_string();
    env.run(&["--db", &p, "-e", sql], "").ok();
    p
}

#[test]
fn tab_completes_a_unique_table_prefix() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    // If Tab did nothing, the query would fail with "no such table: talk_ov".
    pty.send("select count(*) > 100 as many from talk_ov");
    pty.send("\t");
    pty.line(";");
    pty.expect("many");
    pty.expect("|    1 |");
    pty.expect("talks> ");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn tab_completes_fuzzy_usr_to_users() {
    let env = Env::new();
    let db = prepared_db(&env, "CREATE TABLE users(name TEXT); INSERT INTO users VALUES ('alice-from-users');");
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    pty.send("select name from usr");
    pty.send("\t");
    pty.line(";");
    pty.expect("alice-from-users");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn tab_completes_a_command_argument_by_kind() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.send("\\d talk_sp");
    pty.send("\t");
    pty.send("\r");
    pty.expect("speaker_id");
    pty.expect("position");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_half_typed_command_shows_its_hint() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.send("\\refr");
    // rexpect reads bytes one char each, so the check stays in ASCII (after the dash).
    pty.expect("reload the tables, columns and talk names that Tab completes");
    pty.ctrl('c');
    pty.next_prompt();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn completion_sees_a_table_created_in_the_session() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("create table zebra_stripes(n); insert into zebra_stripes values (7);");
    pty.expect("talks> ");
    pty.ready();
    // The new table reaches completion by a read on a thread of its own, which shows nothing when
    // it is done: Tab until the name completes (Ctrl-U clears the line between tries).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        pty.send("select n * 6 as answer from zebra_st\t");
        if pty.expect_within("zebra_stripes", std::time::Duration::from_millis(300)) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new table never reached completion");
        pty.ctrl('u');
    }
    pty.line(";");
    pty.expect("42");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn completion_refreshes_by_itself_after_another_process_creates_a_table() {
    let env = Env::new();
    let db = prepared_db(&env, "CREATE TABLE first(n);");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", &db]);
    // Another process changes the schema and the data while this one waits at the prompt:
    // a Tab at that same prompt checks, without \refresh, and waits for the schema read.
    env.run(&["--db", &db, "-e", "CREATE TABLE giraffe_necks(n); INSERT INTO giraffe_necks VALUES (6);"], "").ok();
    pty.send("select n * 7 as answer from giraffe_ne\t;\r");
    pty.expect("42");
    pty.ready();
    // So does any new prompt (here after an empty line). The next line and its Tab are typed
    // ahead with the Enter, so the Tab comes while the background read runs.
    env.run(&["--db", &db, "-e", "CREATE TABLE zebra_count(n); INSERT INTO zebra_count VALUES (5);"], "").ok();
    pty.send("\rselect n * 11 as answer from zebra_co\t;\r");
    pty.expect("55");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn tab_right_after_create_table_offers_its_columns() {
    let env = Env::new();
    let db = prepared_db(&env, "CREATE TABLE first(n);");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", &db]);
    // Typed ahead in one write: the Tab comes at once after the prompt, while the new schema is
    // read in the background. Had Tab not waited, `abc_` would stay and the query fail.
    pty.send(
        "create table zz_new(abc_col); insert into zz_new values (21);\r\
         select abc_col * 2 as doubled from zz_new where abc_\t > 20;\r",
    );
    pty.expect("42");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn cycling_completion_puts_each_candidate_in_the_line_and_shift_tab_goes_back() {
    let env = Env::new();
    let db = prepared_db(&env, "CREATE TABLE zeta_one(n); CREATE TABLE zeta_two(n); INSERT INTO zeta_one VALUES (1);");
    let dir = env.home().join(".config/talkcli");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), "completion = \"cycle\"\n").expect("config");
    let mut pty = Pty::spawn(&env, &["--db", &db]);
    // Tab, Tab, Shift-Tab: zeta_one, zeta_two, back to zeta_one.
    pty.send("select 'cycled-' || n as m from zeta");
    pty.send("\t");
    pty.send("\t");
    pty.send("\x1b[Z");
    pty.line(";");
    pty.expect("cycled-1");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn vi_mode_shows_in_the_prompt() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("\\editmode vi");
    pty.expect("[vi] talks> ");
    pty.ready();
    pty.line("\\editmode emacs");
    pty.expect("edit mode: emacs");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_c_interrupts_a_running_query_and_the_session_goes_on() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c;");
    // No terminal signal tells that the statement has started (a Ctrl-C before that is, by
    // design, forgotten when it starts): Ctrl-C until it answers, each within a second.
    pty.interrupt_until("error: interrupted", std::time::Duration::from_secs(1));
    pty.expect("talks> ");
    pty.ready();
    pty.line("select 'still alive' as s;");
    pty.expect("still alive");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_c_on_a_line_clears_it() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.send("select 'never-run");
    pty.ctrl('c');
    pty.next_prompt();
    pty.line("select 'ran' || '-instead' as r;");
    let out = pty.expect("ran-instead");
    assert!(!out.contains("never-run'"), "the cleared line did not run: {out:?}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn history_from_one_session_is_suggested_in_the_next() {
    let env = Env::new();
    let mut first = Pty::spawn(&env, &[]);
    first.line("select 'remembered' || '-value' as v;");
    first.expect("remembered-value");
    first.ready();
    first.line("\\q");
    first.wait_exit();

    let mut second = Pty::spawn(&env, &[]);
    second.send("select 'remem");
    // The rest of the old entry shows as a hint; → accepts it.
    second.expect("bered' || '-value' as v;");
    second.ready();
    second.send("\x1b[C");
    second.send("\r");
    second.expect("remembered-value");
    second.ready();
    second.line("\\q");
    assert_eq!(second.wait_exit(), 0);
}

#[test]
fn f2_and_editmode_switch_to_vi_keys() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("\\editmode vi");
    pty.expect("edit mode: vi");
    pty.ready();
    // In vi keys, Esc then 0 x deletes the first character: "xselect" becomes "select".
    pty.send("xselect 'vi-works' as m;");
    pty.send("\x1b");
    pty.send("0x");
    pty.send("\r");
    pty.expect("vi-works");
    pty.ready();
    pty.send("\x1bOQ");
    pty.expect("edit mode: emacs");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_c_stops_a_script_with_status_130() {
    let env = Env::new();
    let mut child = env
        .cmd()
        .args(["-e", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c;"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Signal only once talkcli handles SIGINT (a bit in SigCgt of /proc/PID/status): a fixed sleep
    // raced the handler's installation on a loaded machine.
    let status_file = format!("/proc/{}/status", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let catches_sigint = || {
        std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("SigCgt:").map(|m| m.trim().to_string())))
            .and_then(|mask| u64::from_str_radix(&mask, 16).ok())
            .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
    };
    while !catches_sigint() {
        assert!(std::time::Instant::now() < deadline, "talkcli never installed its SIGINT handler");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Until it ends: a signal that lands before the query starts may be taken as nothing to stop.
    let code = loop {
        let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
        assert!(sent.success());
        std::thread::sleep(std::time::Duration::from_millis(200));
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("talkcli did not stop on SIGINT");
        }
    };
    assert_eq!(code, Some(130));
}

#[test]
fn a_pasted_block_of_statements_runs_each_in_order() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    // Bracketed paste, as terminals send it: the block arrives as one edit, Enter runs it.
    pty.send("\x1b[200~select 'first' || '-out' as a;\nselect 'second' || '-out' as b;\x1b[201~");
    pty.send("\r");
    pty.expect("first-out");
    pty.expect("second-out");
    pty.expect("talks> ");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn syntax_colour_follows_the_color_choice() {
    use talkcli::{Palette, Role};
    let keyword = Palette::new(true).paint(Role::Keyword, "select");
    let string = Palette::new(true).paint(Role::String, "'painted'");

    let env = Env::new();
    let mut plain = Pty::spawn(&env, &[]);
    plain.send("select 'plain-text'");
    let seen = plain.expect("'plain-text'");
    assert!(!seen.contains("\x1b[1;34m") && !seen.contains(&keyword), "NO_COLOR is honoured: {seen:?}");
    plain.ctrl('c');
    plain.next_prompt();
    plain.line("\\q");
    plain.wait_exit();

    let mut coloured = Pty::spawn(&env, &["--color", "always"]);
    coloured.send("select 'painted'");
    let seen = coloured.expect(&string);
    assert!(seen.contains(&keyword), "keywords are painted: {seen:?}");
    coloured.ctrl('c');
    coloured.next_prompt();
    coloured.line("\\q");
    assert_eq!(coloured.wait_exit(), 0);
}

#[test]
fn ctrl_r_searches_history_and_two_sessions_keep_both() {
    let env = Env::new();
    let mut a = Pty::spawn(&env, &[]);
    let mut b = Pty::spawn(&env, &[]);
    a.line("select 'alpha' || '-session' as s;");
    a.expect("alpha-session");
    b.ready();
    b.line("select 'beta' || '-session' as s;");
    b.expect("beta-session");
    a.ready();
    a.line("\\q");
    a.wait_exit();
    b.line("\\q");
    b.wait_exit();
    let history = std::fs::read_to_string(env.data_dir().join("history")).expect("history file");
    assert!(history.contains("'alpha' || '-session'") && history.contains("'beta' || '-session'"), "{history}");

    let mut c = Pty::spawn(&env, &[]);
    c.ctrl('r');
    c.send("alpha");
    c.expect("reverse-i-search");
    c.ready();
    c.send("\r");
    c.expect("alpha-session");
    c.ready();
    c.line("\\q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn tab_completes_a_speaker_name_and_the_command_shows_its_hint() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.send("\\speak");
    pty.expect("er NAME");
    pty.expect("a speaker's talks across the years");
    pty.ready();
    pty.send("er batche");
    pty.send("\t");
    pty.send("\r");
    pty.expect("Machete-mode debugging");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_named_query_saved_at_the_prompt_completes_at_once() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("\\fs zebra_answer select 6 * 7 as answer");
    pty.expect("talks> ");
    pty.ready();
    pty.send("\\f zebra_a");
    pty.send("\t");
    pty.send("\r");
    pty.expect("42");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn backslash_g_ends_a_statement_at_the_prompt() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select 7 as seven\\G");
    pty.expect("-[ RECORD 1 ]");
    pty.expect("seven | 7");
    pty.expect("talks> ");
    pty.ready();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn ctrl_d_on_a_continuation_line_discards_the_statement_and_says_so() {
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select 'half typed'");
    pty.expect("   -> ");
    pty.ready();
    pty.ctrl('d');
    pty.expect("incomplete statement discarded");
    pty.expect("talks> ");
    pty.ready();
    pty.line("select 'fresh' as f;");
    pty.expect("| fresh |");
    pty.ready();
    pty.ctrl('d');
    assert_eq!(pty.wait_exit(), 0);
}

/// After `\c` (and `.open`) to another file, a Tab at the very next prompt still notices a table
/// another process created there while the prompt waited, as it does in a fresh session.
#[test]
fn completion_notices_outside_changes_after_switching_databases() {
    let env = Env::new();
    let first = prepared_db(&env, "CREATE TABLE first(n);");
    let second = env.path("second.db");
    let second = second.to_str().expect("utf-8").to_string();
    env.run(&["--db", &second, "-e", "CREATE TABLE second(n);"], "").ok();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q", "--db", &first]);
    for (switch, table) in [(format!("\\c {second}"), "giraffe_necks"), (format!(".open {first}"), "zebra_count")] {
        pty.line(&switch);
        pty.expect("now on");
        pty.ready();
        let sql = format!("CREATE TABLE {table}(n); INSERT INTO {table} VALUES (6);");
        let db = if table == "giraffe_necks" { &second } else { &first };
        env.run(&["--db", db, "-e", &sql], "").ok();
        pty.send(&format!("select n * 7 as answer from {}\t;\r", &table[..table.len() - 2]));
        pty.expect("42");
        pty.ready();
    }
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
