//! The settings file, the startup commands file (talkclirc, --init) and how they combine with options.

use crate::util::{Env, Pty, table_rows};

/// Every key issue 7 promises in the file written on first run.
const KEYS: &[&str] = &[
    "edit_mode",
    "keyword_case",
    "format",
    "table_style",
    "null_marker",
    "row_limit",
    "pager",
    "expanded",
    "timing",
    "theme",
    "history_size",
    "destructive_warning",
];

fn config_file(env: &Env) -> std::path::PathBuf {
    env.home().join(".config/talkcli/config.toml")
}

fn write_config(env: &Env, text: &str) {
    let path = config_file(env);
    std::fs::create_dir_all(path.parent().expect("config dir")).expect("create config dir");
    std::fs::write(path, text).expect("write config");
}

#[test]
fn first_run_writes_every_setting_commented_at_its_default() {
    let env = Env::new();
    env.sql("select 1").ok();
    let text = std::fs::read_to_string(config_file(&env)).expect("config.toml written on first run");
    for key in KEYS {
        let line =
            text.lines().find(|l| l.starts_with(&format!("{key} = "))).unwrap_or_else(|| panic!("{key}\n{text}"));
        let at = text.find(line).expect("line");
        assert!(text[..at].trim_end().lines().last().is_some_and(|c| c.starts_with("# ")), "{key} has no comment");
    }
    assert!(text.contains("null_marker = \"<null>\"") && text.contains("row_limit = 1000"), "{text}");
    assert!(text.contains("destructive_warning = true") && text.contains("edit_mode = \"emacs\""), "{text}");
    // Only written when absent: the user's edits stay.
    write_config(&env, "timing = true\n");
    assert_eq!(env.sql("select 1").code, Some(0));
    assert_eq!(std::fs::read_to_string(config_file(&env)).expect("config"), "timing = true\n");
}

#[test]
fn settings_from_the_file_apply() {
    let env = Env::new();
    write_config(&env, "null_marker = \"(nothing)\"\ntiming = true\n");
    let run = env.sql("select null as n");
    assert_eq!(table_rows(&run.stdout), [["(nothing)"]], "{}", run.stdout);
    assert!(run.stderr.starts_with("Time: ") && run.stderr.ends_with(" ms\n"), "{}", run.stderr);
}

#[test]
fn a_bad_value_names_key_and_file_and_keeps_the_default() {
    let env = Env::new();
    write_config(&env, "null_marker = 5\ntiming = \"yes\"\nformat = \"table\"\n");
    let run = env.sql("select null as n");
    assert_eq!(run.code, Some(0));
    let file = config_file(&env).display().to_string();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("warning: {file}: line 1: null_marker: expected a string, got 5; using the default \"<null>\""),
            format!("warning: {file}: line 2: timing: expected true or false, got \"yes\"; using the default false"),
        ]
    );
    assert_eq!(table_rows(&run.stdout), [["<null>"]], "{}", run.stdout);
    assert!(!run.stdout.contains("Time:"), "timing stays off");
}

#[test]
fn an_unknown_key_is_one_warning_and_the_rest_applies() {
    let env = Env::new();
    write_config(&env, "colour = \"red\"\nnull_marker = \"-\"\n");
    let run = env.sql("select null as n");
    let file = config_file(&env).display().to_string();
    assert_eq!(run.stderr, format!("warning: {file}: line 1: unknown setting 'colour'; ignored\n"));
    assert_eq!(table_rows(&run.stdout), [["-"]]);
    assert_eq!(run.code, Some(0));
}

#[test]
fn a_line_that_is_not_toml_costs_only_that_key() {
    let env = Env::new();
    write_config(&env, "null_marker = \"-\"\nrow_limit = = 3\n");
    let run = env.sql("select null as a");
    let file = config_file(&env).display().to_string();
    assert!(run.stderr.starts_with(&format!("warning: {file}: line 2: row_limit: ")), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(table_rows(&run.stdout), [["-"]], "the other keys apply");
}

/// A duplicate key threw every setting away; the docs promise a bad key costs only that key.
#[test]
fn a_duplicate_key_costs_only_that_key() {
    let env = Env::new();
    write_config(&env, "null_marker = \"-\"\ntiming = true\ntiming = true\n");
    let run = env.sql("select null as a");
    let file = config_file(&env).display().to_string();
    assert_eq!(run.stderr, format!("warning: {file}: line 3: duplicate key 'timing'; using the default false\n"));
    assert_eq!(table_rows(&run.stdout), [["-"]], "the other keys apply");
}

#[test]
fn talkcli_config_names_another_file() {
    let env = Env::new();
    let other = env.path("elsewhere.toml");
    std::fs::write(&other, "null_marker = \"(none)\"\n").expect("write");
    let run = env.run_env(&[("TALKCLI_CONFIG", other.to_str().expect("utf-8 path"))], &["-e", "select null as a"]);
    assert_eq!(table_rows(run.ok()), [["(none)"]]);
    assert!(!config_file(&env).exists(), "the default location is left alone");
}

#[test]
fn xdg_config_home_is_honoured() {
    let env = Env::new();
    let xdg = env.path("xdg");
    env.run_env(&[("XDG_CONFIG_HOME", xdg.to_str().expect("utf-8 path"))], &["-e", "select 1"]).ok();
    assert!(xdg.join("talkcli/config.toml").is_file());
    assert!(!config_file(&env).exists());
}

#[test]
fn talkclirc_runs_before_the_script_in_the_same_session() {
    let env = Env::new();
    env.sql("select 1").ok();
    std::fs::write(
        env.home().join(".config/talkcli/talkclirc"),
        "-- startup\ncreate temp view rc_probe as select 'from the rc file' as origin;\n",
    )
    .expect("write rc");
    let out = env.sql("select origin from rc_probe").ok().to_string();
    assert_eq!(table_rows(&out), [["from the rc file"]]);
    // Piped scripts get it too, as sqlite3 reads .sqliterc.
    let out = env.run(&[], "select origin from rc_probe;").ok().to_string();
    assert_eq!(table_rows(&out), [["from the rc file"]]);
}

#[test]
fn init_file_replaces_talkclirc() {
    let env = Env::new();
    env.sql("select 1").ok();
    std::fs::write(env.home().join(".config/talkcli/talkclirc"), "create temp view home_rc as select 1;\n")
        .expect("write rc");
    std::fs::write(env.path("start.sql"), "create temp view init_rc as select 'init' as v;\n").expect("write init");
    let out = env
        .run(
            &[
                "--init",
                "start.sql",
                "-e",
                "select (select v from init_rc), (select count(*) from temp.sqlite_schema where name = 'home_rc')",
            ],
            "",
        )
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [["init", "0"]], "{out}");
}

#[test]
fn an_error_in_the_rc_file_names_file_and_line_and_the_script_still_runs() {
    let env = Env::new();
    std::fs::write(env.path("bad.sql"), "select 1;\nselect nope;\n").expect("write init");
    let run = env.run(&["--init", "bad.sql", "-e", "select 'script ran' as s"], "");
    // As sqlite3 -init: reported, but neither fatal nor counted in the script's exit status.
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: bad.sql: line 2, column 8: no such column: nope (in: select nope;)\nLINE 2: select nope;\n               ^"
    );
    assert!(run.stdout.contains("script ran"), "{}", run.stdout);
}

#[test]
fn a_missing_init_file_is_an_error() {
    let env = Env::new();
    let run = env.run(&["--init", "nowhere.sql", "-e", "select 'script ran'"], "");
    assert_eq!(run.fails(1).trim_end(), "error: cannot open init file nowhere.sql: no such file");
    assert!(run.stdout.is_empty());
}

#[test]
fn scripts_never_ask_before_dropping() {
    let env = Env::new();
    let db = env.path("t.db");
    let db = db.to_str().expect("utf-8 path");
    env.run(&["--db", db, "-e", "create table t(x); insert into t values (1)"], "").ok();
    env.run(&["--db", db], "delete from t;\ndrop table t;\n").ok();
    let out = env.run(&["--db", db, "-e", "select count(*) from sqlite_schema where name = 't'"], "").ok().to_string();
    assert_eq!(table_rows(&out), [["0"]]);
}

#[test]
fn dev_null_switches_off_both_files() {
    let env = Env::new();
    env.sql("select 1").ok();
    let dir = env.home().join(".config/talkcli");
    std::fs::write(dir.join("config.toml"), "null_marker = \"(rc)\"\n").expect("write config");
    std::fs::write(dir.join("talkclirc"), "select 'rc ran';\n").expect("write rc");
    let run = env.run_env(&[("TALKCLI_CONFIG", "/dev/null")], &["--init", "/dev/null", "-e", "select null as n"]);
    assert_eq!(table_rows(run.ok()), [["<null>"]], "{}", run.stdout);
    let run = env.run(&["--init", ".", "-e", "select 1"], "");
    assert!(run.fails(1).contains("cannot open init file .: it is a directory"), "{}", run.stderr);
}

#[test]
fn the_theme_setting_picks_the_palette_and_no_color_wins_over_it() {
    let env = Env::new();
    let dark = env.run(&["--color", "always", "-e", "select nope"], "");
    assert!(dark.fails(1).starts_with("\x1b[1;31merror:\x1b[0m line 1, column 8:"), "{:?}", dark.stderr);
    write_config(&env, "theme = \"light\"\n");
    let light = env.run(&["--color", "always", "-e", "select nope"], "");
    assert!(light.fails(1).starts_with("\x1b[1;38;5;124merror:\x1b[0m line 1, column 8:"), "{:?}", light.stderr);
    // The harness sets NO_COLOR; without --color always nothing is painted, whatever the theme.
    let plain = env.run(&["-e", "select nope"], "");
    assert_eq!(
        plain.fails(1),
        "error: line 1, column 8: no such column: nope (in: select nope)\nLINE 1: select nope\n               ^\n"
    );
}

#[test]
fn edit_mode_vi_from_the_settings_file() {
    let env = Env::new();
    let dir = env.home().join(".config/talkcli");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), "edit_mode = \"vi\"\n").expect("write config");
    let mut pty = Pty::spawn(&env, &[]);
    // In vi mode, Escape then `0` goes to the start of the line and `x` deletes the stray `z`.
    pty.send("zselect 6 * 7 as answer;");
    pty.send("\x1b");
    pty.send("0x");
    pty.send("\r");
    pty.expect("    42 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn at_the_prompt_the_rc_file_runs_first_and_its_errors_do_not_stop_the_shell() {
    let env = Env::new();
    let dir = env.home().join(".config/talkcli");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("talkclirc"), "create temp view rc_probe as select 'rc' || 'ok' as v;\nselect nope;\n")
        .expect("write rc");
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("select v from rc_probe;");
    pty.expect("rcok");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_missing_talkcli_config_file_is_reported_and_not_created() {
    let env = Env::new();
    let missing = env.path("nowhere/else/talkcli.toml");
    let run = env.run_env(&[("TALKCLI_CONFIG", missing.to_str().expect("utf-8 path"))], &["-e", "select 1 as one"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        format!("warning: {} does not exist (TALKCLI_CONFIG); using the default settings", missing.display())
    );
    assert!(!env.path("nowhere").exists(), "talkcli created directories for TALKCLI_CONFIG");
}
