//! Wide results on a real terminal: `\pset wide fit|records|scroll` and `max_field_width`, at 80,
//! 100, 120 and 200 columns, with the talk_overview view and a table of 30 columns.

use crate::util::{Env, Pty};

/// What the terminal showed, as text: the harness hands over each byte as one char.
fn utf8(shown: &str) -> String {
    let bytes: Vec<u8> = shown.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What `sql` shows at `cols` columns (up to `end`), after `setup` commands (each with what it
/// says when done). The result starts after the statement's own line.
fn shown_at(env: &Env, cols: u16, args: &[&str], setup: &[(&str, &str)], sql: &str, end: &str) -> String {
    let mut pty = Pty::spawn_sized(env, cols, 80, &[], args);
    for (line, done) in setup {
        pty.line(line);
        pty.expect(done);
    }
    pty.line(sql);
    let shown = utf8(&pty.expect(end));
    let shown = match shown.rfind(sql) {
        Some(at) => shown[at + sql.len()..].to_string(),
        None => shown,
    };
    pty.expect("> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    shown
}

#[test]
fn talk_overview_is_records_below_200_columns_and_a_readable_table_at_200() {
    let env = Env::new();
    for cols in [80, 100, 120, 200] {
        let shown = shown_at(&env, cols, &["-q"], &[], "select * from talk_overview limit 4;", "4 rows");
        let table: Vec<&str> = shown.lines().filter(|l| l.starts_with('|') || l.starts_with('+')).collect();
        if cols < 200 {
            assert!(
                shown.contains("-[ RECORD 4 ]") && table.is_empty(),
                "{cols}: records, not a squeezed table:\n{shown}"
            );
            continue;
        }
        assert!(!table.is_empty(), "{shown}");
        for line in &table {
            assert!(line.chars().count() <= usize::from(cols), "{line}");
            // No cell is cut below a readable width, and no link is cut at all.
            for cell in line.split('|').map(str::trim).filter(|c| c.ends_with('…')) {
                assert!(cell.chars().count() >= 16 && !cell.starts_with("http"), "{cell:?} in\n{shown}");
            }
        }
    }
}

#[test]
fn thirty_columns_are_a_table_where_they_fit_and_records_where_not() {
    let env = Env::new();
    let db = env.path("wide.db");
    let db = db.to_str().expect("utf-8");
    let cols: Vec<String> = (1..=30).map(|i| format!("c{i}")).collect();
    let values: Vec<String> = (1..=30).map(|i| i.to_string()).collect();
    let sql = format!("create table t({}); insert into t values ({});", cols.join(", "), values.join(", "));
    env.run(&["--db", db, "-e", &sql], "").ok();
    for (width, table) in [(80, false), (100, false), (120, false), (200, true)] {
        let shown = shown_at(&env, width, &["-q", "--db", db], &[], "select * from t;", "1 row");
        assert_eq!(shown.contains("| c30 |"), table, "{width}:\n{shown}");
        assert_eq!(shown.contains("-[ RECORD 1 ]"), !table, "{width}:\n{shown}");
    }
}

#[test]
fn wide_records_shows_records_at_once_and_max_field_width_cuts() {
    let env = Env::new();
    let sql = "select id, title, video_url from talk_overview where id <= 3;";
    let fitted = shown_at(&env, 80, &["-q"], &[], sql, "3 rows");
    assert!(fitted.starts_with("+----+") || fitted.contains("\n+----+"), "fit cuts the titles:\n{fitted}");
    let records = shown_at(&env, 80, &["-q"], &[("\\pset wide records", "wide is records")], sql, "3 rows");
    assert!(records.contains("-[ RECORD 3 ]") && !records.contains('…'), "{records}");
    let capped = shown_at(&env, 200, &["-q"], &[("\\pset max_field_width 20", "max_field_width is 20")], sql, "3 rows");
    assert!(capped.contains("| 0 to 00111100 with … |"), "{capped}");
}

/// `scroll`: the table at full width in `less -S`, which stays up (no -F) to scroll sideways;
/// with the pager off, scrolling is not possible and the table is fitted instead.
#[test]
fn wide_scroll_pages_the_whole_table_in_less() {
    if crate::util::tool("less").is_none() {
        return;
    }
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    pty.line("\\pset wide scroll");
    pty.expect("wide is scroll");
    pty.line("select id, title, video_url, speakers from talk_overview where id <= 3;");
    let shown = utf8(&pty.expect("(END)"));
    assert!(shown.contains("| A Scenic Drive through the Django Request-Response Cycle |"), "whole: {shown}");
    pty.send("q");
    pty.expect("> ");
    pty.line("\\pset pager off");
    pty.expect("Pager usage is off.");
    pty.line("select id, title, video_url, speakers from talk_overview where id <= 3;");
    let shown = utf8(&pty.expect("3 rows"));
    let shown = shown.rsplit("id <= 3;").next().unwrap_or_default();
    assert!(!shown.contains("(END)") && shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Writes an executable shell script.
fn script(path: &std::path::Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}")).expect("write script");
    let mut perms = std::fs::metadata(path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(path, perms).expect("chmod");
}

/// `scroll` uses the user's pager: `$PAGER` (another program gets the full-width table as is),
/// and `\pager less` gets `-S` to scroll sideways and `-+F` to stay up, with `R` through `LESS`.
#[test]
fn wide_scroll_honours_the_users_pager() {
    let env = Env::new();
    let bin = env.path("bin");
    std::fs::create_dir(&bin).expect("bin");
    script(&bin.join("mypager"), "cat > \"$HOME/mypager-got\"\necho paged-by-mypager\n");
    script(&bin.join("less"), "echo \"$@ LESS=$LESS\" > \"$HOME/less-args\"\ncat > /dev/null\necho paged-by-less\n");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[("PATH", &path), ("PAGER", "mypager")], &["-q"]);
    pty.line("\\pset wide scroll");
    pty.expect("wide is scroll");
    let sql = "select id, title, video_url, speakers from talk_overview where id <= 3;";
    pty.line(sql);
    pty.expect("paged-by-mypager");
    pty.expect("> ");
    let got = std::fs::read_to_string(env.path("mypager-got")).expect("the pager read the table");
    assert!(got.contains("| A Scenic Drive through the Django Request-Response Cycle |"), "whole: {got}");
    assert!(got.lines().any(|l| l.chars().count() > 80), "full width: {got}");
    pty.line("\\pager less");
    pty.expect("Pager is on.");
    pty.line(sql);
    pty.expect("paged-by-less");
    pty.expect("> ");
    let args = std::fs::read_to_string(env.path("less-args")).expect("less ran");
    assert_eq!(args.trim_end(), "-S -+F LESS=-R");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `max_field_width` holds in records (`\x`) as in tables: text is cut with `…`, numbers never.
#[test]
fn max_field_width_cuts_records_too() {
    let env = Env::new();
    let setup = [("\\x on", "Expanded display is on."), ("\\pset max_field_width 20", "max_field_width is 20")];
    let shown = shown_at(
        &env,
        80,
        &["-q"],
        &setup,
        "select id, title from talk_overview where title like 'A Scenic Drive%';",
        "1 row",
    );
    assert!(shown.contains("title | A Scenic Drive thro…"), "{shown}");
    assert!(!shown.contains("Request-Response"), "{shown}");
}
