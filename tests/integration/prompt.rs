//! The prompt's first minute and its completion list: the start-up line, Tab on an empty line,
//! the list's layout at 80×24, 40×20 and 120×40, the shared prefix on the first Tab, the
//! as-you-type menu, and what F2 and a theme change do to the line being typed.

use crate::util::{Env, Pty};

/// The first minute: one line with the version, the database and what it holds, and how to get
/// help; `-q`, `less_chatty` and scripts go without it.
#[test]
fn an_interactive_start_says_what_is_open_in_one_line() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    let line = pty.start.lines().find(|l| l.contains("talkcli")).unwrap_or_default().to_string();
    assert!(line.starts_with(&format!("talkcli {}", env!("CARGO_PKG_VERSION"))), "{:?}", pty.start);
    assert!(line.contains("talks: ") && line.contains(" talks from ") && line.contains(" events"), "{line}");
    assert!(line.ends_with("\\? for help, \\q to quit"), "{line}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);

    let mut quiet = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    assert!(!quiet.start.contains("talkcli"), "-q: {:?}", quiet.start);
    quiet.line("\\q");
    assert_eq!(quiet.wait_exit(), 0);
    let rc = env.path("rc");
    std::fs::write(&rc, "\\pset less_chatty on\n").expect("rc");
    let mut chatty = Pty::spawn_sized(&env, 80, 24, &[], &["--init", rc.to_str().expect("utf8")]);
    assert!(!chatty.start.contains("talkcli"), "less_chatty: {:?}", chatty.start);
    chatty.line("\\q");
    assert_eq!(chatty.wait_exit(), 0);

    let other = env.path("other.db");
    env.run(&["--db", other.to_str().expect("utf8"), "-e", "create table a(x); create table b(y);"], "").ok();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", other.to_str().expect("utf8")]);
    assert!(pty.start.contains("other: 2 tables"), "{:?}", pty.start);
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let script = env.run(&[], "select 1;\n").ok().to_string();
    assert!(!script.contains("talkcli"), "a script starts silently: {script}");
}

/// Tab on an empty line lists statements and commands at once, in columns that fit the screen,
/// without readline's "Display all N possibilities?" question.
#[test]
fn tab_on_an_empty_line_lists_statements_and_commands() {
    let env = Env::new();
    for (cols, rows) in [(80, 24), (40, 20), (120, 40)] {
        let mut pty = Pty::spawn_sized(&env, cols, rows, &[], &["-q"]);
        pty.send("\t");
        pty.send("ZZSENTINEL");
        let shown = pty.expect("ZZSENTINEL");
        assert!(shown.contains("SELECT") && shown.contains("\\dt"), "{cols}x{rows}: {shown:?}");
        assert!(!shown.contains("Display all") && !shown.contains("--More--"), "{shown:?}");
        let listed: Vec<&str> = shown.split("\r\n").filter(|l| l.contains("SELECT") || l.contains("\\")).collect();
        assert!(listed.len() < usize::from(rows) - 1, "{cols}x{rows}: one screen: {listed:?}");
        assert!(listed.iter().all(|l| l.chars().count() <= usize::from(cols)), "{listed:?}");
        pty.ctrl('u');
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }
}

/// `join ev` Tab: the name both candidates share goes into the line on the first Tab.
#[test]
fn the_first_tab_inserts_what_the_candidates_share() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    pty.send("select count(*) as n from talks join ev\t");
    pty.expect("events e ON e.id = talks.event_id");
    // Had the Tab not inserted `events`, `join ev` would fail: no such table.
    pty.send(";\r");
    let shown = pty.expect("1 row");
    assert!(!shown.contains("no such table"), "{shown:?}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `\pset theme light` recolours what is typed too, not only the results.
#[test]
fn a_theme_colours_the_input_as_well_as_the_output() {
    use talkcli::{Palette, Role};
    // The dark theme's keyword colour (the default); the light one is another.
    let dark = Palette::new(true).paint(Role::Keyword, "select");
    let env = Env::new();
    let mut pty = Pty::spawn(&env, &["-q", "--color", "always"]);
    pty.send("select 'before'");
    pty.expect(&dark);
    pty.ctrl('c');
    pty.next_prompt();
    pty.line("\\pset theme light");
    pty.expect("theme is light");
    pty.ready();
    pty.send("select 'after'");
    let seen = pty.expect("'after'");
    let (light_keyword, _) = seen.rsplit_once("select").expect("the keyword is drawn");
    assert!(!seen.contains(&dark), "still the dark theme's colour: {seen:?}");
    assert!(light_keyword.ends_with('m') && light_keyword.contains("\x1b[1;38;5;"), "painted: {seen:?}");
    pty.ctrl('c');
    pty.next_prompt();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// F2 reads the line again in the other keys; the copy of it left behind (with the dim history
/// hint drawn as if typed) is erased: the cursor goes back up over it and clears the screen below.
#[test]
fn f2_leaves_no_copy_of_the_line_behind() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    pty.line("select 'remembered' as hint_me;");
    pty.expect("1 row");
    pty.ready();
    pty.send("select 'rem");
    pty.expect("embered' as hint_me;");
    pty.send("\x1bOQ");
    let seen = pty.expect("edit mode: vi");
    // One row taken, erased before the message: up one row, to its start, clear below.
    assert!(seen.ends_with("\x1b[1A\r\x1b[J"), "{seen:?}");
    pty.expect("[vi] talks> select 'rem");
    pty.send("\x1bOQ");
    pty.expect("edit mode: emacs");
    // The line is read again (a new read); then Ctrl-C ends it.
    pty.next_prompt();
    pty.ctrl('c');
    pty.next_prompt();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `complete_while_typing`: the best few candidates under the line as it is typed; Tab cycles
/// through them in the line; Ctrl-C erases the menu (the line stays, as after any Ctrl-C).
#[test]
fn candidates_show_under_the_line_while_typing_when_asked() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    pty.send("select * from ta");
    let off = pty.expect("select * from ta");
    pty.ctrl('c');
    pty.next_prompt();
    assert!(!off.contains("talk_tags"), "off by default: {off:?}");
    pty.line("\\pset complete_while_typing on");
    pty.expect("complete_while_typing is true");
    pty.ready();
    pty.send("select * from ta");
    // Each with its kind and, once counted, its row count.
    let menu = pty.expect("\r\n  talks          table");
    let menu = menu.rsplit("from ta").next().unwrap_or_default();
    assert!(menu.contains("\r\n  talk_speakers  table") && menu.contains("\r\n  talk_tags      table"), "{menu:?}");
    pty.send("\t");
    pty.expect("select * from tags");
    pty.send("\t");
    pty.expect("select * from talk_search");
    pty.ctrl('c');
    pty.next_prompt();
    pty.send("select * from ta");
    pty.expect(" 1 more");
    pty.ctrl('c');
    // Up over the six rows of the menu to its first, clear to the end of the screen.
    pty.expect("\x1b[6A\r\x1b[J");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
