//! Human output at the prompt: settings changed with `\pset`, row limits on huge results, and the
//! small promises of the output commands (`\pager on`, `\null`, `\favs`).

use std::process::Command;

use crate::util::{Env, Pty, neutral};

#[test]
fn pset_changes_any_setting_with_the_config_files_checks() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &[]);
    pty.line("\\pset row_limit 3");
    pty.expect("row_limit is 3");
    pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 10) select x from c;");
    let before = pty.expect("3 of 10 rows shown");
    assert!(before.contains("| 3 |") && !before.contains("| 4 |"), "{before}");
    pty.line("\\pset row_limit 0");
    pty.expect("row_limit: expected a whole number of at least 1, got 0");
    pty.line("\\pset row_limit");
    pty.expect("row_limit is 3");
    pty.line("\\pset rowlimit 4");
    pty.expect("unknown setting 'rowlimit' (did you mean row_limit?)");
    pty.line("\\pset overflow wrap");
    pty.expect("overflow is wrap");
    pty.line("\\pset");
    pty.expect("destructive_warning    true");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_huge_result_shows_its_first_rows_without_counting_them_all() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &[]);
    pty.line("\\pset row_limit 5");
    pty.expect("row_limit is 5");
    pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 20000000) select x from c;");
    let before = pty.expect("5 rows shown; more not counted");
    assert!(before.contains("| 5 |") && !before.contains("| 6 |"), "{before}");
    // A small result is still counted exactly.
    pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 8) select x from c;");
    pty.expect("5 of 8 rows shown");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn pager_on_goes_back_to_the_default_pager() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &[]);
    pty.line("\\pager cat -n");
    pty.expect("Pager is on.");
    pty.line("\\pager");
    pty.expect("Pager is on: cat -n");
    pty.line("\\pager on");
    pty.expect("Pager is on.");
    pty.line("\\pager");
    pty.expect("Pager is on: less -FRXS");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn null_without_an_argument_shows_the_marker() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], "\\null\n\\null NULL\n\\null\n").ok().to_string();
    assert_eq!(out, "Null display is \"<null>\".\nNull display is \"NULL\".\n");
}

#[test]
fn the_empty_favorites_hint_comes_before_the_next_prompt() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &[]);
    pty.line("\\favs");
    pty.expect("No favorites yet: add one with \\fav ID.");
    pty.expect("talks> ");
    pty.line("select 'next' as n;");
    let before = pty.expect("1 row");
    assert!(!before.contains("No favorites"), "{before}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The Debian sqlite3 shell, or `None` (a failure when CI is set: the test must not silently pass).
fn sqlite3(env: &Env) -> Option<&'static str> {
    let version = neutral(&mut Command::new("sqlite3"), env.home()).arg("--version").output();
    let found = version.is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("sqlite3 is required in CI (apt install sqlite3)");
    }
    found.then_some("sqlite3")
}

#[test]
fn line_mode_is_sqlite3s_byte_for_byte() {
    let env = Env::new();
    let Some(sqlite3) = sqlite3(&env) else {
        eprintln!("skipped: sqlite3 not installed");
        return;
    };
    let db = env.path("line.db");
    let setup = "create table t(id integer, title text, a_rather_long_name, r real);\
        insert into t values(1, 'Grok the GIL', null, 2.5), (22, 'two' || char(10) || 'lines é', x'4142', -0.125),\
        (3, char(27) || '[2J', 7, 1e100);";
    let made = neutral(&mut Command::new(sqlite3), env.home()).arg(&db).arg(setup).status().expect("run sqlite3");
    assert!(made.success());
    let query = "select * from t order by id";
    let theirs = neutral(&mut Command::new(sqlite3), env.home()).args(["-line", s(&db), query]).output();
    let theirs = theirs.expect("sqlite3");
    assert!(theirs.status.success());
    let db = s(&db);
    for args in [vec!["--db", db, "--format", "line", "-e", query], vec!["--db", db, "-e", ".mode line", "-e", query]] {
        let ours = env.cmd().args(&args).output().expect("talkcli");
        assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
        assert_eq!(String::from_utf8_lossy(&ours.stdout), String::from_utf8_lossy(&theirs.stdout), "{args:?}");
        assert_eq!(ours.stdout, theirs.stdout);
    }
}

#[test]
fn format_box_draws_the_unicode_box() {
    let env = Env::new();
    let out =
        env.run(&["--db", ":memory:", "--format", "box", "-e", "select 1 as n, '日本' as t"], "").ok().to_string();
    // To a pipe, the box is sqlite3's (`sqlite3 -box`): widths in characters, no row count.
    assert_eq!(out, "┌───┬────┐\n│ n │ t  │\n├───┼────┤\n│ 1 │ 日本 │\n└───┴────┘\n");
    let out = env.run(&["--db", ":memory:", "-e", "\\T box", "-e", "\\T"], "").ok().to_string();
    assert_eq!(out, "box\n");
}

#[test]
fn format_box_on_a_terminal_is_talkclis_table_and_mode_box_is_sqlite3s_escaped() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &["--db", ":memory:", "--format", "box"]);
    // The terminal's bytes, as rexpect hands them over one char per byte.
    let utf8 = |s: String| String::from_utf8_lossy(&s.chars().map(|c| c as u8).collect::<Vec<u8>>()).into_owned();
    pty.line("select 1 as n, null as z;");
    let shown = utf8(pty.expect("1 row"));
    assert!(shown.contains("│ n │ z      │") && shown.contains("│ 1 │ <null> │"), "{shown}");
    pty.line(".mode box");
    pty.expect("Output format is box.");
    pty.line("select 1 as n, null as z, char(155) || '2J' as c;");
    pty.line("select 'END' || 'MARK';");
    let shown = utf8(pty.expect("ENDMARK"));
    // sqlite3's layout (centred headers, NULL as .nullvalue), and a C1 control made visible.
    assert!(shown.contains("│ n │ z │"), "{shown}");
    assert!(!shown.contains('\u{9b}'), "raw CSI reached the terminal: {shown:?}");
    pty.line("\\q");
    pty.wait_exit();
}

#[test]
fn search_snippets_keep_the_match_marker_at_any_width() {
    for cols in [50u16, 80, 120] {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, cols, 60, &[], &[]);
        // A search whose matches all fit one screen, so no pager starts.
        pty.line("\\search packaging distribution");
        let before = pty.expect("7 matches");
        // Every row's snippet keeps a marked word: all seven match "distribution".
        let marked = before.matches("istribution]").count();
        assert!(marked >= 7, "{cols} columns: {marked} markers:\n{before}");
        for l in before.lines().filter(|l| l.starts_with('|')) {
            assert!(width(l) <= usize::from(cols), "{cols}: {l}");
        }
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }
}

#[test]
fn the_talk_card_wraps_under_its_labels() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 50, 60, &[], &[]);
    pty.line("\\talk 385");
    let before = pty.expect("What the write-ups took away");
    let after = pty.expect("talks> ");
    // Every line fits, but a link, which stays whole (a cut link cannot be opened).
    for l in before.lines().chain(after.lines()).filter(|l| !l.contains("talks>") && !l.contains("https://")) {
        assert!(width(l) <= 50, "wider than 50: {l}");
    }
    assert!(before.contains("  video      https://www.youtube.com/watch?v=5e0TbyCkbCY"), "{before}");
    // The takeaway wraps with a hanging indent of six spaces, words whole.
    assert!(after.contains("\n      Finally made deep learning make sense to"), "{after}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Columns a line of PTY output takes: rexpect hands bytes over one char each (Latin-1), so the
/// bytes are put back together as UTF-8 first (the text here has no double-width characters).
fn width(line: &str) -> usize {
    let bytes: Vec<u8> = line.trim_end().chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).chars().count()
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn ctrl_c_stops_drawing_a_huge_table() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[], &[]);
    pty.line("\\pager off");
    pty.expect("Pager is off.");
    pty.line("\\pset row_limit 1000000");
    pty.expect("row_limit is 1000000");
    // Kept rows are drawn only after the last one is stepped: the table's first rule means drawing began.
    pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 500000) select x, 'row' as r from c;");
    pty.expect("|   1000 | row |");
    let started = std::time::Instant::now();
    pty.ctrl('c');
    let before = pty.expect("interrupted");
    let stopped = started.elapsed();
    pty.expect("talks> ");
    assert!(!before.contains("| 499999 |") && !before.contains("500000 rows"), "drawing ran to its end");
    // Generous: what the terminal had buffered still has to be read through.
    assert!(stopped < std::time::Duration::from_secs(5), "took {stopped:?}");
    pty.line("select 'still here' as s;");
    pty.expect("| still here |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn index_names_are_whole_at_any_width() {
    for cols in [50u16, 80] {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, cols, 200, &[], &[]);
        pty.line("\\di");
        let before = pty.expect(" rows");
        for name in ["sqlite_autoindex_mentions_1", "sqlite_autoindex_speakers_1", "mentions_talk"] {
            assert!(before.contains(&format!(" {name} ")) || before.contains(&format!(" {name}\r")), "{cols}: {name}");
        }
        // The result's lines (not the echoed prompt line with its hint).
        for l in before.lines().filter(|l| l.contains(" | ") || l.starts_with('+') || l.starts_with("-[")) {
            assert!(width(l) <= usize::from(cols), "{cols}: {l}");
        }
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }
}
