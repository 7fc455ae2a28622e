//! Errors that teach: a caret under the error position and "did you mean" for every kind of
//! unknown name, in scripts and at the prompt.

use crate::util::{Env, Pty};

#[test]
fn a_script_error_shows_the_line_with_a_caret_at_the_file_line() {
    let env = Env::new();
    let run = env.run(&["--continue"], "select 1 as one;\nselect\n  id, titel\n  from talks;\n");
    let err = run.fails(1);
    assert!(err.starts_with("error: line 3, column 7: no such column: titel"), "{err}");
    assert!(err.contains("\nLINE 3:   id, titel\n              ^\nhint: did you mean title?\n"), "{err}");
    assert!(run.stdout.contains("one"), "the statement before still ran: {}", run.stdout);
}

#[test]
fn unknown_tables_are_pointed_at_and_the_nearest_named() {
    let env = Env::new();
    let err = env.sql("select * from talk;").fails(1).to_string();
    // SQLite gives no offset for this one: the name's token is found in the statement.
    assert!(err.starts_with("error: line 1, column 15: no such table: talk"), "{err}");
    assert!(
        err.contains("\nLINE 1: select * from talk;\n                      ^\nhint: did you mean talks?\n"),
        "{err}"
    );
    let err = env.sql("select * from talk_overveiw;").fails(1).to_string();
    assert!(err.contains("hint: did you mean talk_overview?"), "views too: {err}");
    let err = env.sql("select * from zzzz_nothing;").fails(1).to_string();
    assert!(err.contains("^") && !err.contains("hint:"), "nothing near, no hint: {err}");
}

#[test]
fn unknown_columns_suggest_columns_of_the_statements_tables() {
    let env = Env::new();
    let err = env.sql("select nmae from speakers;").fails(1).to_string();
    assert!(err.contains("hint: did you mean name?"), "{err}");
    let err = env.sql("insert into notes (bdy) values ('x');").fails(1).to_string();
    assert!(err.contains("no column named bdy") && err.contains("hint: did you mean body?"), "{err}");
    assert!(err.contains("LINE 1: insert into notes (bdy) values ('x');\n                           ^"), "{err}");
}

#[test]
fn unknown_functions_suggest_the_nearest_function() {
    let err = Env::new().sql("select lenght(title) from talks;").fails(1).to_string();
    assert!(
        err.contains("LINE 1: select lenght(title) from talks;\n               ^\nhint: did you mean length?"),
        "{err}"
    );
}

#[test]
fn syntax_errors_get_the_caret_only() {
    let err = Env::new().sql("select * from talks wher id = 1;").fails(1).to_string();
    assert!(err.contains("near \"id\": syntax error"), "{err}");
    assert!(err.contains("LINE 1: select * from talks wher id = 1;\n                                 ^\n"), "{err}");
    assert!(!err.contains("hint:"), "{err}");
}

#[test]
fn unknown_commands_suggest_one_or_two_plausible_ones() {
    let env = Env::new();
    let cases = [
        ("\\l", "\\l is a psql command talkcli does not support; \\conninfo shows the open database"),
        ("\\dtt", "did you mean \\dt?"),
        ("\\speakr Ned", "did you mean \\speaker?"),
        (".tabels", "did you mean .tables?"),
    ];
    for (line, want) in cases {
        let err = env.sql(line).fails(1).to_string();
        assert!(err.contains(want), "{line}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = env.sql("\\k").fails(1).to_string();
    assert!(err.contains("unknown command \\k — type \\? for the list"), "{err}");
}

#[test]
fn speaker_and_tag_without_a_match_name_the_nearest() {
    let env = Env::new();
    let err = env.sql("\\speaker hetinger").fails(1).to_string();
    assert!(err.contains("no speaker's name contains 'hetinger' — did you mean Raymond Hettinger?"), "{err}");
    let err = env.sql("\\speaker Batchelor").fails(1).to_string();
    assert!(err.contains("did you mean Ned Batchelder?"), "{err}");
    let err = env.sql("\\speaker qqqqqq").fails(1).to_string();
    assert!(!err.contains("did you mean"), "{err}");
    let err = env.sql("\\tag testng").fails(1).to_string();
    assert!(err.contains("no tag named 'testng' — did you mean testing?"), "{err}");
}

#[test]
fn the_prompt_shows_the_caret_and_hint_too() {
    let env = Env::new();
    for cols in [80, 120] {
        let mut pty = Pty::spawn_sized(&env, cols, 24, &[], &[]);
        pty.line("select titel");
        pty.line("  from talks;");
        pty.expect("no such column: titel");
        pty.expect("LINE 1: select titel");
        pty.expect("hint: did you mean title?");
        pty.expect("talks> ");
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }
}

#[test]
fn sql_help_covers_every_listed_topic_and_multi_word_names() {
    let env = Env::new();
    let list = env.sql("\\h").ok().to_string();
    // The listing is in columns: topic names are separated by two or more spaces.
    let topics: Vec<String> = list
        .lines()
        .skip(1)
        .flat_map(|l| l.split("  ").map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect::<Vec<_>>())
        .collect();
    for want in ["DROP TABLE", "CREATE TRIGGER", "PRAGMA", "SAVEPOINT", "CREATE VIRTUAL TABLE", "UPSERT", "VACUUM"] {
        assert!(topics.iter().any(|t| t == want), "{want} not listed:\n{list}");
    }
    assert!(topics.len() >= 30, "{topics:?}");
    // One run for all topics: `\h TOPIC` in lower case, each printing its name, syntax and example.
    let args: Vec<String> =
        topics.iter().flat_map(|t| ["-e".to_string(), format!("\\h {}", t.to_lowercase())]).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.run(&args, "").ok().to_string();
    for t in &topics {
        assert!(out.contains(&format!("{t}\n\n")), "\\h {t} did not render:\n{out}");
    }
    assert_eq!(out.matches("\nExample:\n").count(), topics.len(), "every topic has an example");
    // Words after the statement are ignored; extra spaces and case do not matter.
    let out = env.sql("\\h drop   TABLE talks").ok().to_string();
    assert!(out.starts_with("DROP TABLE\n\nDROP TABLE [IF EXISTS]"), "{out}");
    let out = env.sql("\\h create").ok().to_string();
    assert!(out.contains("CREATE TRIGGER") && out.contains("CREATE VIRTUAL TABLE"), "{out}");
    let err = env.sql("\\h pargma").fails(1).to_string();
    assert!(err.contains("did you mean \\h pragma?"), "{err}");
}

#[test]
fn d_plus_adds_rows_size_on_disk_and_the_create_statements() {
    let env = Env::new();
    let out = env.sql("\\d+ talks").ok().to_string();
    // \d's part first, then the additions.
    assert!(out.contains("| event_id ") && out.contains("Referenced by:"), "{out}");
    assert!(out.contains(&format!("\nRows: {}\n", crate::data::catalogue_talks())), "{out}");
    assert!(out.contains("\nDefinition:\n    CREATE TABLE talks (\n"), "{out}");
    assert!(out.contains("    CREATE INDEX talks_event ON talks(event_id);\n"), "{out}");
    let size = out.lines().find(|l| l.starts_with("Size on disk: ")).expect("a size line").to_string();
    let pages = |what: &str| -> u64 {
        let at = size.find(what).unwrap_or_else(|| panic!("{what} in {size}"));
        let rest = &size[at + what.len()..];
        let n = rest.split(" in ").nth(1).and_then(|r| r.split(' ').next()).expect("page count");
        n.parse().expect("a number")
    };
    let (table_pages, index_pages) = (pages("(table "), pages("indexes "));
    assert!(table_pages > 0 && index_pages > 0, "{size}");
    // The sqlite3 shell, reading the same file, counts the same pages.
    if let Some(sqlite3) = crate::util::tool("sqlite3") {
        let db = env.data_dir().join("talks.db");
        let q = "select (select count(*) from dbstat where name = 'talks'), \
                 (select count(*) from dbstat where name in (select name from pragma_index_list('talks')))";
        let theirs = crate::util::neutral(&mut std::process::Command::new(sqlite3), env.home())
            .args([db.to_str().expect("utf8"), q])
            .output()
            .expect("sqlite3");
        let theirs = String::from_utf8_lossy(&theirs.stdout).trim().to_string();
        assert_eq!(theirs, format!("{table_pages}|{index_pages}"), "{size}");
    }
    // A view has no rows of its own; an FTS table's space is in its shadow tables.
    let out = env.sql("\\d+ talk_overview").ok().to_string();
    assert!(out.contains("Rows: a view stores none") && out.contains("    CREATE VIEW talk_overview"), "{out}");
    let out = env.sql("\\d+ talk_search").ok().to_string();
    assert!(out.contains("Size on disk: ") && out.contains("(shadow tables "), "{out}");
    env.sql("\\d+").fails(1);
    assert!(env.sql("\\d+ nope").fails(1).contains("no table or view named 'nope'"));
    let err = env.sql("\\d+ speakrs").fails(1).to_string();
    assert!(err.contains("no table or view named 'speakrs' — did you mean speakers?"), "{err}");
}

/// Every misleading "did you mean" of issue 22: none of them is said any more, and following
/// none of them creates a file.
#[test]
fn no_suggestion_misleads_or_creates_anything() {
    let env = Env::new();
    env.sql("select 1").ok();
    let before = files_in(&env);
    let cases: &[(&str, &str)] = &[
        ("\\copy", "\\c opy"),
        ("\\gexec", "\\g exec"),
        ("\\warn", "\\w arn"),
        ("\\crosstabview", "\\c rosstabview"),
        ("\\elif", "\\e lif"),
        ("\\setenv", "\\set env"),
        ("\\W x", "did you mean \\w"),
        ("\\C Report", "now on"),
        ("drop table tlaks;", "did you mean talks"),
        ("delete from tlaks;", "did you mean talks"),
        ("select idd from talks t join speakers s on s.id = t.id;", "did you mean id"),
        ("\\speaker %", "did you mean"),
        ("\\talk %", "try \\search"),
        ("\\pset title x", "did you mean theme"),
    ];
    for (input, misleading) in cases {
        let run = env.run(&["--continue"], &format!("{input}\n"));
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(!said.contains(misleading), "{input}: {said}");
        assert!(!said.contains("did you mean \\c") && !said.contains("did you mean \\o"), "{input}: {said}");
        assert_eq!(files_in(&env), before, "{input} created a file");
    }
}

fn files_in(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.path("."))
        .expect("home")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}
