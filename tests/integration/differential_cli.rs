//! The command line as sqlite3 users type it: each of sqlite3's single-dash options run through
//! talkcli and Debian's sqlite3 on the same database, comparing stdout byte for byte and the exit
//! status; and bad option lines refused in one line, with status 2, nothing run, no file made.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::util::{Env, neutral, tool};

const MODES: &[&str] = &[
    "-ascii",
    "-box",
    "-column",
    "-csv",
    "-html",
    "-json",
    "-line",
    "-list",
    "-markdown",
    "-quote",
    "-table",
    "-tabs",
];

/// A table with what output formats stumble on: separators, quotes, markup, a line break, NULL,
/// REALs and non-ASCII text.
const SETUP: &str = "create table t(id integer primary key, name text, score real);
insert into t values (1, 'a,b|c', 1.5), (2, 'it''s \"q\" <&>', null), (3, 'two' || char(10) || 'lines', 1e20),
  (4, 'café 日本', -0.25);";

fn database(env: &Env, debian: &Path) -> std::path::PathBuf {
    let db = env.path("cli.db");
    let made = neutral(&mut Command::new(debian), env.home()).arg(&db).arg(SETUP).output().expect("sqlite3");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    db
}

fn output(cmd: &mut Command, args: &[&str], stdin: &str) -> Output {
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn a shell");
    use std::io::Write;
    // A shell given SQL arguments reads no stdin and may be gone before it is written.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait")
}

/// The differences between talkcli and sqlite3 run with the same words and stdin.
fn differences(env: &Env, debian: &Path, cases: &[(Vec<&str>, &str)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (args, stdin) in cases {
        let ours = output(&mut env.cmd(), args, stdin);
        let theirs = output(neutral(&mut Command::new(debian), env.home()), args, stdin);
        if ours.stdout != theirs.stdout || ours.status.code() != theirs.status.code() {
            failures.push(format!(
                "{args:?}: talkcli ({:?}):\n{}{}\nsqlite3 ({:?}):\n{}",
                ours.status.code(),
                String::from_utf8_lossy(&ours.stdout),
                String::from_utf8_lossy(&ours.stderr),
                theirs.status.code(),
                String::from_utf8_lossy(&theirs.stdout)
            ));
        }
    }
    failures
}

#[test]
fn every_mode_option_prints_what_sqlite3_prints() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let db = database(&env, &debian);
    let db = db.to_str().expect("utf-8 temp path");
    let mut cases = Vec::new();
    for mode in MODES {
        for header in [&["-header"][..], &["-noheader"], &[]] {
            let mut before: Vec<&str> = vec![mode];
            before.extend(header);
            cases.push(([before.clone(), vec![db, "select * from t order by id"]].concat(), ""));
            // After the database name, and in the other order.
            let mut after = vec![db];
            after.extend(before.iter().rev());
            after.push("select id, name from t where id < 3");
            cases.push((after, ""));
        }
        // No rows: nothing at all (json included), header or not.
        cases.push((vec![mode, "-header", db, "select * from t where 0"], ""));
    }
    let failures = differences(&env, &debian, &cases);
    assert!(failures.is_empty(), "{} difference(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn separators_nullvalue_cmd_echo_and_bail_as_sqlite3() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let db = database(&env, &debian);
    let db = db.to_str().expect("utf-8 temp path");
    let q = "select id, score from t order by id";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["-separator", ";", db, q], ""),
        (vec!["--separator", "\\t", "-newline", "\\r\\n", db, q], ""),
        (vec![db, "-nullvalue", "NULL", "-header", q], ""),
        (vec!["-csv", "-separator", ":", db, q], ""),
        (vec!["-separator", ":", "-list", db, q], ""),
        (vec!["-cmd", ".mode csv", "-cmd", "select 'first'", "-header", db, q], ""),
        (vec!["-cmd", ".headers on", db], "select 1 as one;\n"),
        (vec!["-echo", db], "select 1;\n.print done\n"),
        (vec!["-echo", db, "select 2"], ""),
        (vec!["-bail", "-batch", db], "select 1;\nselect nosuch;\nselect 3;\n"),
        (vec!["-readonly", db, "select count(*) from t"], ""),
        (vec!["-init", "/dev/null", "-json", db, q], ""),
        (vec!["-tabs", "-header", db, q], ""),
    ];
    let failures = differences(&env, &debian, &cases);
    assert!(failures.is_empty(), "{} difference(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn readonly_option_refuses_writes() {
    let env = Env::new();
    let db = env.path("ro.db");
    env.run(&["--db", db.to_str().expect("utf-8"), "-e", "create table t(a)"], "").ok();
    let run = env.run(&["-readonly", db.to_str().expect("utf-8"), "insert into t values (1)"], "");
    assert!(run.fails(1).contains("readonly"), "{}", run.stderr);
}

#[test]
fn version_option_prints_the_sqlite_library_version() {
    let env = Env::new();
    let out = env.run(&["-version"], "").ok().to_string();
    let lib = env.run(&["-noheader", ":memory:", "select sqlite_version()"], "").ok().to_string();
    assert!(out.starts_with(&format!("{} 20", lib.trim())), "{out} vs {lib}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn bad_option_lines_are_refused_in_one_line_and_run_nothing() {
    let env = Env::new();
    let cases: &[(&[&str], &str)] = &[
        (&["-heder", "x.db", "create table t(a)"], "unknown option: -heder"),
        (&["x.db", "-cmd"], "option -cmd needs an argument"),
        (&["-separator", "", "x.db", "create table t(a)"], "option -separator needs a non-empty separator"),
        (&["-newline", "", "x.db"], "option -newline needs a non-empty separator"),
        (&["x.db", "create table t(a)", "-csv"], "option -csv comes after the SQL"),
        (&["--", "-csv", "select 1"], "database name -csv looks like an option"),
        (&["-zip", "x.db"], "option -zip is not supported"),
        (&["-A", "x.db", "-t"], "option -A is not supported"),
        (&["-vfs", "unix", "x.db"], "option -vfs is not supported"),
        (&["-mmap", "0", "x.db"], "option -mmap is not supported"),
        (&["-echox", "x.db"], "unknown option: -echox"),
    ];
    for (args, says) in cases {
        let run = env.run(args, "");
        let err = run.fails(2);
        assert!(err.contains(says) && err.lines().count() == 1, "{args:?}: {err}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        for name in ["x.db", "-csv"] {
            assert!(!env.path(name).exists(), "{args:?} made {name}");
        }
    }
}

#[test]
fn header_and_echo_are_never_short_option_clusters() {
    let env = Env::new();
    let db = env.path("h.db");
    let db = db.to_str().expect("utf-8");
    // `-h eader` would print the help and exit 0; `-e cho` would run the SQL `cho`.
    assert_eq!(env.run(&["-header", db, "select 7 as n"], "").ok(), "n\n7\n");
    assert_eq!(env.run(&["-echo", db], "select 8;\n").ok(), "select 8;\n8\n");
    assert_eq!(env.run(&["-html", db, "select 9"], "").ok(), "<TR><TD>9</TD>\n</TR>\n");
}

#[test]
fn help_lists_sqlite3s_options() {
    let out = Env::new().run(&["--help"], "").ok().to_string();
    assert!(out.contains("sqlite3's options"), "{out}");
    for opt in ["-csv", "-header", "-noheader", "-cmd COMMAND", "-separator SEP", "-nullvalue TEXT", "-safe", "-zip"] {
        assert!(out.contains(&format!("  {opt} ")), "{opt}: {out}");
    }
}

/// `-safe`: each action that reaches outside the database is refused in one line with sqlite3's
/// words, the script stops (status 1) with nothing done, as sqlite3 -safe does.
#[test]
fn safe_mode_refuses_what_sqlite3_refuses() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let db = database(&env, &debian);
    std::fs::write(env.path("other.sql"), "select 'read';\n").expect("write a script");
    let actions = [
        ".shell touch made.txt",
        ".system touch made.txt",
        ".output made.txt",
        ".once made.txt",
        ".once '|cat > made.txt'",
        ".import other.sql made",
        ".read other.sql",
        ".open made.txt",
        ".save made.txt",
        ".backup made.txt",
        ".restore other.sql",
        ".cd /",
        "attach 'made.txt' as m;",
        "vacuum into 'made.txt';",
        "select readfile('other.sql');",
        "select writefile('made.txt', 'x');",
        "select edit('x', 'touch made.txt;');",
    ];
    for action in actions {
        let stdin = format!("select 'before';\n{action}\nselect 'after';\n");
        let args = ["-safe", db.to_str().expect("utf-8")];
        let ours = output(&mut env.cmd(), &args, &stdin);
        let theirs = output(neutral(&mut Command::new(&debian), env.home()), &args, &stdin);
        let (our_err, their_err) = (String::from_utf8_lossy(&ours.stderr), String::from_utf8_lossy(&theirs.stderr));
        assert_eq!(ours.stdout, theirs.stdout, "{action}: {our_err}");
        assert_eq!((ours.status.code(), theirs.status.code()), (Some(1), Some(1)), "{action}: {our_err}");
        let words = their_err.trim().split_once(": ").map_or(their_err.trim(), |(_, w)| w);
        // One error line (an SQL refusal has the usual caret under it, as every SQL error).
        let errors = our_err.lines().filter(|l| l.starts_with("error:")).count();
        assert!(our_err.contains(words) && errors == 1, "{action}: {our_err} vs {their_err}");
        assert!(!env.path("made.txt").exists(), "{action} made a file");
    }
    // What stays allowed: the open database itself, and an in-memory one.
    let run = env.run(
        &["-safe", db.to_str().expect("utf-8")],
        "insert into t(name) values ('safe');\n.open :memory:\nselect 2;\n",
    );
    assert_eq!(run.ok(), "2\n");
}

#[test]
fn safe_mode_by_dot_command_stays_on() {
    let env = Env::new();
    let run = env.run(&["--db", env.path("s.db").to_str().expect("utf-8")], ".safe\n.safe off\n");
    assert!(run.fails(1).contains("safe mode cannot be turned off"), "{}", run.stderr);
    let run = env.run(
        &["--continue", "--db", env.path("s.db").to_str().expect("utf-8")],
        ".safe\n\\! touch made.txt\n\\o made.txt\nselect 1 as one;\n",
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot run \\! in safe mode") && run.stderr.contains("cannot run \\o in safe mode"));
    assert!(run.stdout.contains("one") && !env.path("made.txt").exists());
    // Stricter than sqlite3, which lets fsdir list folders and read files in safe mode.
    let run = env.run(&["-safe", ":memory:", "select name from fsdir('.')"], "");
    assert!(run.fails(1).contains("cannot use fsdir in safe mode"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
