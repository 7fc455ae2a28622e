//! Human output at the prompt: settings changed with `\pset`, row limits on huge results, and the
//! small promises of the output commands (`\pager on`, `\null`, `\favs`).

use crate::util::{Env, Pty};

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
    pty.expect("destructive_warning  true");
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
    let before = pty.expect("5 rows shown; more rows not shown");
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
