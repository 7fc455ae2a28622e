//! Human output other than results — help, a talk's card, `\d+`, charts — paged when taller than
//! the screen and wrapped with care: at word boundaries, never inside a link.

use crate::util::{Env, Pty};

/// Sends `command` at 40 columns and `rows` rows, where its output is taller than the screen: the
/// pager (`less`) takes it, so the `q` that follows quits the pager instead of landing in the
/// prompt's line.
fn pages_at_40(env: &Env, rows: u16, command: &str, seen: &str) {
    let mut pty = Pty::spawn_sized(env, 40, rows, &[], &["-q"]);
    pty.line(command);
    pty.expect(seen);
    pty.send("q");
    // The line editor's next read, not the pager's: it turns bracketed paste on first.
    pty.next_prompt();
    pty.line("select 'after' || 'wards' as marker;");
    let shown = pty.expect("1 row");
    assert!(shown.contains("afterwards") && !shown.contains("error"), "{command} was not paged: {shown:?}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn help_cards_describe_plus_and_charts_go_through_the_pager_when_tall() {
    if crate::util::tool("less").is_none() {
        return;
    }
    let env = Env::new();
    pages_at_40(&env, 20, "\\talk 283", "What the write-ups took away");
    pages_at_40(&env, 20, "\\? \\talks", "talks");
    pages_at_40(&env, 20, "\\d+ talks", "column");
    // SQL help is shorter (14 lines): paged on a screen of 12.
    pages_at_40(&env, 12, "\\h select", "SELECT");
    let chart = "select title, id from talk_overview limit 30 \\chart --ascii";
    pages_at_40(&env, 20, chart, "#");
}

/// At 40 columns the card's video link is one piece (the terminal can still open it), however
/// long; its words wrap at spaces.
#[test]
fn a_card_keeps_its_link_whole() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 40, 60, &[], &["-q"]);
    pty.line("\\talk 283");
    let shown = pty.expect("What the write-ups took away");
    assert!(shown.contains("https://www.youtube.com/watch?v=7SSYhuk5hmc"), "{shown:?}");
    pty.expect("> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Tabs in a CREATE statement are layout: spaces in `\d+`, not `\t`; other control characters
/// stay escaped.
#[test]
fn describe_plus_shows_tabs_as_spaces() {
    let env = Env::new();
    let db = env.path("music.db");
    let db = db.to_str().expect("utf-8");
    env.run(&["--db", db, "-e", "create table Track(\n\tTrackId integer,\n\tName\t\ttext, \"odd\x01\" int)"], "").ok();
    let out = env.run(&["--db", db, "-e", "\\d+ Track"], "").ok().to_string();
    assert!(out.contains("        TrackId integer,\n        Name        text, \"odd\\x01\" int);"), "{out}");
    assert!(!out.contains("\\t"), "{out}");
}
