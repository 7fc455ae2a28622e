//! Shell and schema commands through the binary: help, unknown commands, usage errors, the `\d`
//! family, `\h`, `\i`/`.read`, `\e`, `\!`, `\conninfo`, `\s`, and the same behaviour in `-e`,
//! scripts on stdin and the REPL.

use std::process::Stdio;

use crate::util::{Env, Pty, Run, table_rows};

/// Runs talkcli with extra environment variables (e.g. EDITOR).
fn run_env(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let out = env.cmd().envs(vars.iter().copied()).args(args).stdin(Stdio::null()).output().expect("run talkcli");
    Run::from(out)
}

#[test]
fn help_lists_every_command_with_its_summary() {
    let env = Env::new();
    let out = env.sql("\\?").ok().to_string();
    // Summaries wrap under themselves to fit 80 columns: compare with the line breaks taken out.
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "wider than 80: {line}");
    }
    assert!(out.starts_with("Help, schema and quitting\n") && out.contains("\nTalks\n"), "grouped by topic:\n{out}");
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in [
        "\\talk ID|TITLE",
        "\\search WORDS",
        "\\speaker NAME",
        "\\fs NAME QUERY",
        "\\i FILE",
        "(.read, \\include)",
        "\\h [KEYWORD]",
        "\\dv [PATTERN]",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    assert!(out.contains("list your favorite talks"), "{out}");
}

#[test]
fn help_of_one_command_fits_80_columns_with_words_whole() {
    let env = Env::new();
    for name in ["\\T", "\\pset", "\\search", "\\x"] {
        let out = env.sql(&format!("\\? {name}")).ok().to_string();
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{name}: wider than 80: {line}");
        }
    }
    let out = env.sql("\\? \\T").ok().to_string();
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("\\T box draws it to a pipe or file, talkcli's Unicode table on a terminal"), "{out}");
    assert!(out.contains("\n  .mode box\n"), "examples keep their lines: {out}");
}

#[test]
fn help_of_one_command_shows_examples_and_aliases() {
    let env = Env::new();
    let out = env.sql("help .read").ok().to_string();
    assert!(out.starts_with("\\i FILE — run the statements"), "{out}");
    assert!(out.contains("aliases: .read, \\include"), "{out}");
    assert!(out.contains("Examples:"), "{out}");
    // A name without its backslash works too.
    let out = env.sql("\\? speaker").ok().to_string();
    assert!(out.starts_with("\\speaker NAME"), "{out}");
}

#[test]
fn help_of_a_talk_shortcut_shows_its_sql() {
    let env = Env::new();
    let out = env.sql("\\? \\talk").ok().to_string();
    assert!(out.contains("SQL it runs"), "{out}");
    assert!(out.contains("FROM mentions m\nJOIN writeups w ON w.id = m.writeup_id\nWHERE m.talk_id = ?1"), "{out}");
}

#[test]
fn help_of_an_unknown_command_fails_with_a_suggestion() {
    let env = Env::new();
    let err = env.sql("\\? \\serch").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: unknown command \\serch — did you mean \\search?");
}

#[test]
fn an_unknown_command_runs_nothing_and_fails() {
    let env = Env::new();
    let run = env.run(&[], "select 'before' as a;\n\\talkz 2016\nselect 'after' as b;\n");
    let err = run.fails(1);
    assert_eq!(err.trim_end(), "error: line 2: unknown command \\talkz — did you mean \\talk or \\talks?");
    assert!(run.stdout.contains("before") && !run.stdout.contains("after"), "{}", run.stdout);
}

#[test]
fn wrong_arguments_print_the_usage_line() {
    let env = Env::new();
    let cases = [
        ("\\tag", "usage: \\tag NAME"),
        ("\\q now", "exit status must be a whole number from 0 to 255, not 'now'"),
        ("\\q 1 2", "usage: \\q [STATUS] (extra argument: \"2\")"),
        ("\\writeup", "usage: \\writeup ID"),
        ("\\talks 2016 --kind", "--kind needs a value; usage: \\talks [EVENT|SERIES] [YEAR] [--kind KIND]"),
        ("\\talks 2016 --bogus", "unknown option --bogus (options: --kind KIND)"),
        ("\\timing maybe", "'maybe' is none of: on, off; usage: \\timing [on|off]"),
        ("\\random soon", "year must be a number, not 'soon'"),
        ("\\compare PyCon US 2017", "usage: \\compare A B (extra argument: \"2017\")"),
        (
            "\\import csv --skip-bad f t",
            "--skip-bad does not go with the rest of the line; usage: \\import pyvideo [--skip-bad] \
             [--into-existing] DIR… | csv FILE TABLE",
        ),
        (".open --", "unknown option -- (options: --readonly, --new)"),
        ("\\chart --top 0", "--top must be a whole number from 1 to 10000, not '0'"),
        ("\\i", "usage: \\i FILE"),
        ("\\dv a b", "usage: \\dv [PATTERN] (extra argument: \"b\")"),
        ("\\fs onlyaname", "\\fs onlyaname: no query to save (usage: \\fs NAME QUERY)"),
        ("\\conninfo x", "usage: \\conninfo (extra argument: \"x\")"),
    ];
    for (cmd, usage) in cases {
        let err = env.sql(cmd).fails(1).to_string();
        assert_eq!(err.trim_end(), format!("error: line 1: {usage}"), "{cmd}");
    }
}

#[test]
fn quit_stops_a_script() {
    let env = Env::new();
    let out = env.run(&[], "select 'one' as a;\n\\q\nselect 'two' as b;\n").ok().to_string();
    assert!(out.contains("one") && !out.contains("two"), "{out}");
}

#[test]
fn dt_dv_di_list_tables_views_and_indexes() {
    let env = Env::new();
    let out = env.sql("\\dv").ok().to_string();
    // speaker_folded feeds the speaker-name index (data version 3).
    assert_eq!(table_rows(&out), [["speaker_folded"], ["talk_overview"]]);
    let out = env.sql("\\di talk_tags").ok().to_string();
    let rows = table_rows(&out);
    assert!(rows.contains(&vec!["talk_tags_tag".into(), "talk_tags".into(), "tag_id".into(), "".into()]), "{out}");
    assert!(rows.iter().any(|r| r[3] == "unique" && r[2] == "talk_id, tag_id"), "{out}");
    let out = env.sql("\\dt speak*").ok().to_string();
    assert_eq!(
        table_rows(&out),
        [
            ["speaker_names", "table"],
            ["speaker_names_other", "table"],
            ["speakers", "table"],
            ["speaker_folded", "view"]
        ]
    );
    // The dot form is sqlite3's: names in columns, a LIKE pattern.
    assert_eq!(env.sql(".tables speakers%").ok(), "speakers\n");
}

#[test]
fn d_shows_columns_keys_indexes_and_references() {
    let env = Env::new();
    let out = env.sql("\\d talks").ok().to_string();
    let rows = table_rows(&out);
    assert!(rows.contains(&vec!["kind".into(), "TEXT".into(), "not null".into(), "'talk'".into(), "".into()]));
    assert!(rows.contains(&vec!["id".into(), "INTEGER".into(), "".into(), "".into(), "1".into()]));
    assert!(out.contains("Indexes:\n    sqlite_autoindex_talks_1 UNIQUE (event_id, slug)\n"), "{out}");
    assert!(out.contains("    talks_event INDEX (event_id)\n"), "{out}");
    assert!(out.contains("Foreign keys:\n    (event_id) REFERENCES events(id) ON DELETE CASCADE\n"), "{out}");
    assert!(
        out.contains("Referenced by:\n    mentions(talk_id)\n    related_urls(talk_id)\n    talk_speakers(talk_id)\n"),
        "{out}"
    );
    let err = env.sql("\\d nothing_here").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no table or view named 'nothing_here'");
}

#[test]
fn schema_prints_create_statements() {
    let env = Env::new();
    let out = env.sql(".schema favorites").ok().to_string();
    assert!(out.starts_with("CREATE TABLE favorites ("), "{out}");
    assert!(out.trim_end().ends_with(';'), "{out}");
    // As in sqlite3, a pattern that matches nothing prints nothing.
    assert_eq!(env.sql(".schema nope").ok(), "");
}

#[test]
fn h_gives_syntax_with_an_example() {
    let env = Env::new();
    let out = env.sql("\\h").ok().to_string();
    assert!(out.contains("CREATE TRIGGER") && out.contains("MATCH"), "{out}");
    let out = env.sql("\\h create   table").ok().to_string();
    assert!(out.starts_with("CREATE TABLE\n\nCREATE [TEMP] TABLE [IF NOT EXISTS] name ("), "{out}");
    assert!(out.contains("Example:"), "{out}");
    let out = env.sql("\\h fts5").ok().to_string();
    assert!(out.contains("bm25") && out.contains("snippet("), "{out}");
    let out = env.sql("\\h create").ok().to_string();
    assert!(out.contains("CREATE INDEX") && out.contains("CREATE VIEW"), "{out}");
    let err = env.sql("\\h frobnicate").fails(1).to_string();
    assert_eq!(err, "error: line 1: no SQL help for 'frobnicate' (\\h lists the topics)\n");
}

#[test]
fn include_runs_a_file_and_names_it_in_errors() {
    let env = Env::new();
    std::fs::write(env.path("inner.sql"), "select 'from inner' as a;\n\\speaker batchelder\nselect nope;\n")
        .expect("write");
    let run = env.run(&[], "\\i inner.sql\nselect 'after' as b;\n");
    let err = run.fails(1);
    assert_eq!(
        err.trim_end(),
        "error: inner.sql: line 3, column 8: no such column: nope (in: select nope;)\nLINE 3: select nope;\n               ^"
    );
    assert!(run.stdout.contains("from inner") && run.stdout.contains("Machete-mode"), "{}", run.stdout);
    assert!(!run.stdout.contains("after"), "a failed \\i stops the script: {}", run.stdout);
    // .read is the same command, and a good file succeeds.
    std::fs::write(env.path("good.sql"), "create table t(x);\ninsert into t values (5);\n").expect("write");
    let out = env.run(&["--db", ":memory:"], ".read good.sql\nselect x from t;\n").ok().to_string();
    assert_eq!(table_rows(&out), [["5"]]);
}

#[test]
fn include_of_a_missing_or_self_reading_file_fails_clearly() {
    let env = Env::new();
    let err = env.sql("\\i missing.sql").fails(1).to_string();
    assert!(err.starts_with("error: line 1: cannot open missing.sql:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    std::fs::write(env.path("loop.sql"), "\\i loop.sql\n").expect("write");
    let err = env.sql("\\i loop.sql").fails(1).to_string();
    assert!(err.contains("line 1: cannot read loop.sql: scripts nest more than 16 deep"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A fake editor: rewrites `select 1 as a` into `select 42 as answer` in the file it is given.
fn fake_editor(env: &Env) -> String {
    let path = env.path("editor.sh");
    std::fs::write(&path, "#!/bin/sh\nsed -i 's/select 1 as a/select 42 as answer/' \"$1\"\n").expect("write");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).expect("chmod");
    path.to_str().expect("utf8").to_string()
}

#[test]
fn e_edits_the_last_query_then_runs_it() {
    let env = Env::new();
    let editor = fake_editor(&env);
    let run = run_env(&env, &[("EDITOR", &editor)], &["-e", "select 1 as a;", "-e", "\\e"]);
    let out = run.ok();
    let rows = table_rows(out);
    assert_eq!(rows, [["1"], ["42"]], "{out}");
    assert!(out.contains("answer"), "{out}");
    // $EDITOR wins over $VISUAL (as in psql); $VISUAL serves when $EDITOR is unset.
    let run = run_env(&env, &[("EDITOR", &editor), ("VISUAL", "false")], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert!(run.ok().contains("answer"));
    let run = run_env(&env, &[("VISUAL", &editor)], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert!(run.ok().contains("answer"));
    // $PSQL_EDITOR comes first of all, as in psql.
    let run = run_env(
        &env,
        &[("PSQL_EDITOR", &editor), ("EDITOR", "false"), ("VISUAL", "false")],
        &["-e", "select 1 as a;", "-e", "\\e"],
    );
    assert!(run.ok().contains("answer"));
    let run = run_env(&env, &[("PSQL_EDITOR", "false"), ("EDITOR", &editor)], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert_eq!(run.fails(1).trim_end(), "error: line 1: editor false failed (exit status: 1); nothing was run");
}

/// Neither variable set: `editor` or `vi` on PATH, as psql falls back to vi.
#[test]
fn e_falls_back_to_vi_on_path() {
    let env = Env::new();
    let bin = env.path("bin");
    std::fs::create_dir(&bin).expect("bin");
    // PATH holds nothing else, so the editor uses the shell's own printf.
    let vi = bin.join("vi");
    std::fs::write(&vi, "#!/bin/sh\nprintf 'select 42 as answer;\\n' > \"$1\"\n").expect("write");
    let mut perms = std::fs::metadata(&vi).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&vi, perms).expect("chmod");
    let path = bin.to_str().expect("utf8");
    let run = run_env(&env, &[("PATH", path)], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert!(run.ok().contains("answer"), "{}", run.stdout);
}

/// An editor that leaves the file empty is no instruction to drop the statement.
#[test]
fn e_returning_an_empty_file_keeps_the_buffer() {
    let env = Env::new();
    let path = env.path("empty.sh");
    std::fs::write(&path, "#!/bin/sh\n: > \"$1\"\n").expect("write");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let run = run_env(&env, &[("EDITOR", path.to_str().expect("utf8"))], &["-e", "select 7 as seven\n\\e\n;"]);
    assert!(run.stderr.contains("the editor returned an empty file: the query buffer is unchanged"), "{}", run.stderr);
    assert_eq!(table_rows(&run.stdout), [["7"]], "the statement ran when ended: {}", run.stdout);
}

#[test]
fn e_edits_a_named_file() {
    let env = Env::new();
    let editor = fake_editor(&env);
    std::fs::write(env.path("q.sql"), "select 1 as a;\n").expect("write");
    let out = run_env(&env, &[("EDITOR", &editor)], &["-e", "\\e q.sql"]).ok().to_string();
    assert_eq!(table_rows(&out), [["42"]]);
    assert_eq!(std::fs::read_to_string(env.path("q.sql")).expect("read"), "select 42 as answer;\n");
}

#[test]
fn e_without_an_editor_or_with_a_failing_one_runs_nothing() {
    let env = Env::new();
    let nothing = env.path("nothing");
    std::fs::create_dir(&nothing).expect("dir");
    let run = run_env(&env, &[("PATH", nothing.to_str().expect("utf8"))], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert_eq!(run.fails(1).trim_end(), "error: line 1: no editor: set $EDITOR (no editor or vi on PATH either)");
    let run = run_env(&env, &[("EDITOR", "false")], &["-e", "select 1 as a;", "-e", "\\e"]);
    assert_eq!(run.fails(1).trim_end(), "error: line 1: editor false failed (exit status: 1); nothing was run");
    assert_eq!(table_rows(&run.stdout).len(), 1, "the query ran once, not twice: {}", run.stdout);
}

#[test]
fn bang_runs_a_shell_command() {
    let env = Env::new();
    let out = env.run(&[], "select 'first' as a;\n\\! echo from-the-shell\n").ok().to_string();
    let first = out.find("first").expect("query output");
    let shell = out.find("from-the-shell").expect("shell output");
    assert!(first < shell, "output is flushed before the command runs: {out}");
    let err = env.sql("\\! exit 3").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: shell command exited with status 3");
}

/// `name: value` lines with the padding between them squeezed to one space.
fn pairs(out: &str) -> String {
    out.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n").collect()
}

#[test]
fn conninfo_names_the_database() {
    let env = Env::new();
    let db = env.path("other.db");
    let out = pairs(env.run(&["--db", db.to_str().expect("utf8"), "-e", "\\conninfo"], "").ok());
    assert!(out.contains(&format!("database: {}\n", db.display())), "{out}");
    assert!(out.contains("access: read/write\n") && out.contains("transaction: none\n"), "{out}");
    assert!(out.contains("sqlite: 3."), "{out}");
    let out = pairs(env.sql("\\conninfo").ok());
    assert!(
        out.contains(".local/share/talkcli/talks.db (the bundled talk database)")
            && out.contains(&format!("data version: {}", talkcli::DATA_VERSION))
            && out.contains(".config/talkcli/config.toml")
            && out.contains(".local/share/talkcli/history"),
        "{out}"
    );
}

#[test]
fn status_shows_the_current_settings() {
    let env = Env::new();
    let out = pairs(env.run(&["--continue", "-e", "\\status"], "").ok());
    assert!(out.contains("format: table\n"), "{out}");
    assert!(out.contains("null_marker: <null>\n"), "{out}");
    assert!(out.contains("on error: continue\n"), "{out}");
    assert!(out.contains("prompt: %d%r%x>\n") && out.contains("pager: auto\n"), "{out}");
    let out = pairs(env.sql(".status").ok());
    assert!(out.contains("on error: stop\n") && out.contains("timing: false\n"), "{out}");
}

#[test]
fn commands_behave_the_same_interactively() {
    let env = Env::new();
    let talks = env.sql(
        "select count(*) from talk_speakers ts join speakers s on s.id = ts.speaker_id
         where s.name = 'Ned Batchelder';",
    );
    let talks = table_rows(talks.ok())[0][0].clone();
    let mut pty = Pty::spawn(&env, &[]);
    pty.line("\\speaker batchelder");
    pty.expect("Machete-mode debugging");
    pty.expect(&format!("\n{talks} rows"));
    pty.line("\\tlak 283");
    // rexpect reads bytes as Latin-1, so the em dash between these two parts is left out.
    pty.expect("error: unknown command \\tlak ");
    pty.expect(" did you mean \\talk?");
    pty.line("\\fs by_year select title from talk_overview where year = $1 limit 1");
    pty.expect("saved named query by_year");
    pty.line("\\f by_year 2014");
    pty.expect("1 row");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn e_at_the_prompt_hands_the_terminal_to_the_editor_and_runs_the_result() {
    let env = Env::new();
    let editor = fake_editor(&env);
    let mut pty = Pty::spawn_env(&env, &[("EDITOR", editor.as_ref())], &[]);
    pty.line("select 1 as a;");
    pty.expect("1 row");
    pty.line("\\e");
    // The edited text is echoed, then run.
    pty.expect("select 42 as answer;");
    pty.expect("answer");
    pty.expect("42");
    pty.expect("1 row");
    // History keeps what the editor returned, not `\e`: Up brings it back to run again.
    pty.expect("talks> ");
    pty.send("\x1b[A");
    pty.expect("select 42 as answer;");
    pty.send("\r");
    pty.expect("1 row");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Every declared spelling still takes what its handler takes: `\backup DB FILE` as sqlite3's
/// `.backup ?DB? FILE`, and `\queue` alone lists the queue.
#[test]
fn declared_arguments_admit_what_the_handlers_take() {
    let env = Env::new();
    let copy = env.path("copy.db");
    let run = env.run(&["-e", &format!("\\backup main {}", copy.display())], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.starts_with("backed up to"), "{}", run.stderr);
    assert!(copy.is_file());
    let out = env.run(&["-e", "\\queue"], "").ok().to_string();
    assert!(out.starts_with("Your queue is empty"), "{out}");
    let err = env.run(&["-e", "\\backup main a b"], "").fails(1).to_string();
    assert!(err.contains("usage: \\backup [DB] FILE"), "{err}");
}
