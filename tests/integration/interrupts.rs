//! Ctrl-C (SIGINT) stops every long operation: imports (`talkcli import csv|pyvideo`, `.import`,
//! `\import csv`) and dumps, in scripts (exit status 130) and at the prompt (back to the prompt),
//! and undoes what the import wrote. Each case waits until the operation is under way (its input
//! file is open, or its output has begun), never a fixed time.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::util::{Env, Pty};

/// A CSV of `rows` rows (header `a,b,c`), big enough that importing it takes a while.
fn big_csv(path: &Path, rows: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create csv"));
    writeln!(f, "a,b,c").expect("write");
    for i in 0..rows {
        writeln!(f, "{i},name number {i},{}", i * 7).expect("write");
    }
    f.flush().expect("flush");
}

/// Waits (polling, up to 30 s) until `ready` holds.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < Duration::from_secs(30), "never saw: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether process `pid` has `file` open.
fn has_open(pid: u32, file: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return false };
    entries.flatten().any(|e| std::fs::read_link(e.path()).is_ok_and(|p| p == file))
}

/// Whether any process has `file` (a path unique to the test) open.
fn anyone_has_open(file: &Path) -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else { return false };
    procs.flatten().filter_map(|p| p.file_name().to_str()?.parse::<u32>().ok()).any(|pid| has_open(pid, file))
}

fn sigint(pid: u32) {
    // SAFETY: sends SIGINT to a child this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGINT) }, 0);
}

fn table_exists(env: &Env, db: &str, table: &str) -> bool {
    let out = env.run(&["--db", db, "-e", &format!("select count(*) from sqlite_schema where name = '{table}';")], "");
    out.ok().contains("| 1 ")
}

#[test]
fn sigint_stops_csv_imports_in_scripts_with_status_130_and_nothing_imported() {
    let env = Env::new();
    let csv = env.path("big.csv");
    big_csv(&csv, 600_000);
    let csv_s = csv.to_str().expect("utf8");
    let (dot, backslash) = (format!(".import --csv {csv_s} t"), format!("\\import csv {csv_s} t"));
    let runs: [Vec<&str>; 3] = [
        vec!["--db", "a.db", "import", "csv", csv_s, "--table", "t"],
        vec!["--db", "a.db", "-e", &dot],
        vec!["--db", "a.db", "-e", &backslash],
    ];
    for args in runs {
        let child = env
            .cmd()
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        wait_until("the import reading its file", || has_open(child.id(), &csv));
        sigint(child.id());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(130), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!table_exists(&env, "a.db", "t"), "{args:?} imported rows after Ctrl-C");
    }
}

#[test]
fn ctrl_c_at_the_prompt_stops_an_import_or_a_dump_and_returns_to_the_prompt() {
    let env = Env::new();
    let csv = env.path("big.csv");
    big_csv(&csv, 600_000);
    let csv_s = csv.to_str().expect("utf8");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", "a.db"]);
    for command in [format!("\\import csv {csv_s} t"), format!(".import --csv {csv_s} t")] {
        pty.line(&command);
        wait_until("the import reading its file", || anyone_has_open(&csv));
        pty.ctrl('c');
        pty.expect("interrupted");
        pty.line("select count(*) as n from sqlite_schema where name = 't';");
        pty.expect("| 0 |");
    }
    // A dump into a file, stopped once it has begun.
    pty.line(
        "create table big as with recursive c(v) as (select 1 union all select v + 1 from c where v < 300000) \
         select v, printf('%.200c', 'x') as pad from c;",
    );
    pty.expect("OK");
    let dump = env.path("dump.sql");
    pty.line("\\o dump.sql");
    pty.line(".dump big");
    wait_until("the dump writing", || std::fs::metadata(&dump).is_ok_and(|m| m.len() > 1 << 20));
    pty.ctrl('c');
    pty.expect("interrupted: the dump is incomplete");
    pty.line("\\o");
    pty.line("select 'still here' as s;");
    pty.expect("| still here |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `\backup` waits while another connection holds the database locked; Ctrl-C ends the wait, and
/// no file is left that could be taken for a backup.
#[test]
fn ctrl_c_stops_a_backup_waiting_for_a_lock() {
    let env = Env::new();
    let db = env.path("locked.db");
    env.run(&["--db", "locked.db", "-e", "create table t (x); insert into t values (1);"], "").ok();
    let copy = env.path("copy.db");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", "locked.db"]);
    let holder = rusqlite::Connection::open(&db).expect("open");
    holder.execute_batch("PRAGMA journal_mode = delete; BEGIN EXCLUSIVE; INSERT INTO t VALUES (2);").expect("lock");
    pty.line(&format!("\\backup {}", copy.display()));
    wait_until("the backup opening its copy", || copy.exists());
    pty.ctrl('c');
    pty.expect("interrupted; nothing was backed up");
    assert!(!copy.exists(), "a partial backup was left");
    drop(holder);
    pty.line("select 'back' as s;");
    pty.expect("| back |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A pyvideo event of `talks` video files.
fn big_event(root: &Path, talks: usize) -> std::path::PathBuf {
    let event = root.join("huge-conf-2030");
    std::fs::create_dir_all(event.join("videos")).expect("mkdir");
    std::fs::write(event.join("category.json"), r#"{"title": "Huge Conf 2030"}"#).expect("write");
    for i in 0..talks {
        let talk = format!(
            r#"{{"title": "Talk {i}", "speakers": ["Speaker {}"], "recorded": "2030-06-01", "videos": []}}"#,
            i % 500
        );
        std::fs::write(event.join(format!("videos/talk-{i:05}.json")), talk).expect("write");
    }
    event
}

/// Whether `pid` has any file under `dir` open.
fn has_open_under(pid: u32, dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return false };
    entries.flatten().any(|e| std::fs::read_link(e.path()).is_ok_and(|p| p.starts_with(dir)))
}

#[test]
fn sigint_stops_a_pyvideo_import_with_status_130_and_nothing_imported() {
    let env = Env::new();
    let event = big_event(&env.path("pyvideo"), 8_000);
    let db = env.path("p.db");
    let child = env
        .cmd()
        .args(["--db", db.to_str().expect("utf8"), "import", "pyvideo", event.to_str().expect("utf8")])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Under way once it reads the event's files (the database is opened before the Ctrl-C handler
    // is installed, so that is no sign).
    wait_until("the import reading its files", || has_open_under(child.id(), &event));
    sigint(child.id());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    // Nothing of the import stayed: no catalogue tables, or no talks in them.
    let db = db.to_str().expect("utf8");
    let tables =
        env.run(&["--db", db, "--format", "csv", "-e", "select count(*) from sqlite_schema where name = 'talks'"], "");
    if tables.ok() != "count(*)\n0\n" {
        let talks = env.run(&["--db", db, "--format", "csv", "-e", "select count(*) from talks"], "");
        assert_eq!(talks.ok(), "count(*)\n0\n", "talks were imported after Ctrl-C");
    }
}

/// Ctrl-C at the prompt stops `\import pyvideo` while it reads the folder (no SQL runs then for
/// SQLite's own interrupt to stop): nothing is imported and the prompt comes back.
#[test]
fn ctrl_c_at_the_prompt_stops_a_pyvideo_import() {
    let env = Env::new();
    let event = big_event(&env.path("pyvideo"), 8_000);
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", "p.db"]);
    pty.line(&format!("\\import pyvideo {}", event.to_str().expect("utf8")));
    // The progress bar (stderr is the terminal) says the import is under way.
    pty.expect("reading");
    pty.ctrl('c');
    pty.expect("interrupted");
    pty.line("select count(*) as n from sqlite_schema where name = 'talks';");
    pty.expect("| 0 |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
