//! The fault-and-fuzz suite: fuzzed scripts and command lines, kill -9 in the middle of the writes
//! talkcli makes on its own (first run, import, upgrade), and writers racing each other. Sized to
//! finish in well under two minutes on two busy cores; `TALKCLI_FUZZ_CASES` asks for more cases.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rusqlite::Connection;

use crate::util::{Env, table_rows};

fn cases(default: u32) -> u32 {
    std::env::var("TALKCLI_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// `PRAGMA integrity_check` of the database at `path`.
fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).expect("open");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check")
}

/// Pieces fuzzed scripts are made of: statements, commands, broken input and hostile bytes. No
/// `\!` or `.shell` (they would run whatever the fuzzer wrote) and no editor.
const PIECES: &[&str] = &[
    "select * from talks limit 3;",
    "select id, title from talk_overview where year = 2016 limit 2;",
    "insert into notes (talk_id, body) values (7, 'fuzz');",
    "insert into favorites (talk_id) values (53) on conflict do nothing;",
    "create table if not exists fz (a, b);",
    "insert into fz values (x'00ff', cast(x'41ff' as text));",
    "select * from fz;",
    "update notes set body = body || '!' where talk_id = 7;",
    "begin;",
    "commit;",
    "rollback;",
    "savepoint s1;",
    "release s1;",
    "drop table if exists fz;",
    "select 'unterminated",
    "select 1 /* open comment",
    "create trigger tz after insert on notes begin select 1;",
    "end;",
    "select ;",
    "selec 1;",
    "\\dt",
    "\\d talks",
    "\\talk 283",
    "\\speaker Ned",
    "\\search gil",
    "\\fav 7",
    "\\unfav 7",
    "\\favs",
    "\\fs fz select $1",
    "\\f fz 3",
    "\\fd fz",
    "\\x",
    "\\T json",
    "\\T csv",
    "\\T table",
    "\\timing",
    "\\o out.txt",
    "\\o",
    "\\once talks.db",
    "\\i missing.sql",
    "\\i /dev/zero",
    ".mode list",
    ".headers on",
    ".bail off",
    ".dump notes",
    ".import missing.csv t",
    "\\backup copy.db",
    "\\import pyvideo nowhere",
    "\\nonsense",
    "\\q",
    ".exit 1",
    "select \0 1;",
    "\u{feff}select 2;",
    "select 'é', '日本', '\u{202e}x';",
    ";;;",
    "\\G",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => proptest::collection::vec(
            proptest::sample::select(&b"abc ;'\"()*-/\\.\n\r\t\0\xff\xfe\xc3$?:@0123"[..]),
            0..24
        ),
    ]
}

/// The statuses talkcli documents.
fn acceptable(code: Option<i32>) -> bool {
    matches!(code, Some(0 | 1 | 2 | 130))
}

#[test]
fn fuzzed_scripts_never_panic_and_leave_the_database_whole() {
    let env = Env::new();
    env.sql("select 1;").ok();
    runner(cases(40))
        .run(&proptest::collection::vec(piece(), 1..12), |pieces| {
            let mut script = Vec::new();
            for p in &pieces {
                script.extend_from_slice(p);
                script.push(b'\n');
            }
            let mut child = env
                .cmd()
                .env("TALKCLI_BUSY_TIMEOUT_MS", "200")
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            let mut stdin = child.stdin.take().expect("stdin");
            let _ = stdin.write_all(&script);
            drop(stdin);
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            prop_assert!(!stderr.contains("panicked"), "panic on {:?}: {stderr}", String::from_utf8_lossy(&script));
            prop_assert!(
                acceptable(out.status.code()),
                "status {:?} on {:?}",
                out.status,
                String::from_utf8_lossy(&script)
            );
            Ok(())
        })
        .expect("fuzzed scripts");
    assert_eq!(integrity(&env.data_dir().join("talks.db")), "ok");
}

const WORDS: &[&str] = &[
    "-e",
    "select 1;",
    "-f",
    "missing.sql",
    "--db",
    "x.db",
    "--format",
    "json",
    "csv",
    "nonsense",
    "--color",
    "always",
    "never",
    "--bail",
    "false",
    "true",
    "--continue",
    "--readonly",
    "--row-limit",
    "0",
    "5",
    "--init",
    "/dev/null",
    "-y",
    "--complete",
    "sel",
    "-V",
    "--version",
    "--help",
    "completions",
    "bash",
    "man",
    "import",
    "pyvideo",
    "csv",
    "--table",
    "t",
    "--skip-bad",
    "--",
    "-",
    "\u{e9}",
    "",
];

#[test]
fn fuzzed_command_lines_end_with_a_documented_status() {
    let env = Env::new();
    env.sql("select 1;").ok();
    runner(cases(40))
        .run(&proptest::collection::vec(proptest::sample::select(WORDS), 0..6), |args| {
            let mut cmd = env.cmd();
            cmd.args(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
            let out = cmd.output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            prop_assert!(!stderr.contains("panicked"), "panic on {args:?}: {stderr}");
            prop_assert!(matches!(out.status.code(), Some(0..=2)), "status {:?} on {args:?}", out.status);
            Ok(())
        })
        .expect("fuzzed command lines");
    assert_eq!(integrity(&env.data_dir().join("talks.db")), "ok");
    for db in ["x.db", "-"] {
        let path = env.path(db);
        if path.exists() {
            assert_eq!(integrity(&path), "ok", "{db}");
        }
    }
}

/// Delays spread over `0..span` in a shuffled order (a fixed seed per run, printed, so a failure
/// can be replayed).
fn delays(n: u64, span: Duration) -> Vec<Duration> {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    println!("kill delays seed {seed}");
    let mut x = seed | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // One delay in each slice of the span, at a random place inside it.
            let slice = span.as_micros() as u64 / n;
            Duration::from_micros(i * slice + x % slice.max(1))
        })
        .collect()
}

/// Kills `child` (SIGKILL) after `delay` unless it finished first; true when it was killed.
fn kill_after(mut child: Child, delay: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < delay {
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2).min(delay));
    }
    let killed = child.try_wait().expect("try_wait").is_none() && child.kill().is_ok();
    let _ = child.wait();
    killed
}

/// How long `f` takes, to spread kills over the whole of a run.
fn timed(f: impl FnOnce()) -> Duration {
    let started = Instant::now();
    f();
    started.elapsed()
}

#[test]
fn killing_the_first_run_never_leaves_half_a_database() {
    let span = timed(|| {
        Env::first_run().sql("select 1;").ok();
    });
    let mut killed = 0;
    for delay in delays(8, span + span / 2) {
        let env = Env::first_run();
        let child =
            env.cmd().args(["-e", "select 1;"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
        killed += usize::from(kill_after(child, delay));
        let db = env.data_dir().join("talks.db");
        if db.exists() {
            assert_eq!(integrity(&db), "ok", "after a kill at {delay:?}");
            let conn = Connection::open(&db).expect("open");
            let talks: i64 = conn.query_row("SELECT count(*) FROM talks", [], |r| r.get(0)).expect("count");
            assert_eq!(talks as usize, crate::data::catalogue_talks(), "after a kill at {delay:?}");
        }
        // The next start works and clears what the killed one left.
        assert_eq!(
            table_rows(env.sql("select count(*) from talks;").ok()),
            [[crate::data::catalogue_talks().to_string()]]
        );
        let left: Vec<String> = std::fs::read_dir(env.data_dir())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("partial"))
            .collect();
        assert!(left.is_empty(), "after a kill at {delay:?}: {left:?}");
    }
    assert!(killed > 0, "every run finished before its kill: nothing was tested");
}

/// A pyvideo event folder of `n` generated talks.
fn event_folder(env: &Env, n: usize) -> String {
    let dir = env.path("conf-k-2022");
    std::fs::create_dir_all(dir.join("videos")).expect("mkdir");
    std::fs::write(dir.join("category.json"), r#"{"title": "Conf K 2022"}"#).expect("write");
    for i in 0..n {
        let talk = format!(
            r#"{{"title": "Talk {i}", "speakers": ["Speaker {s}"], "recorded": "2022-06-0{d}", "description": "d",
                "videos": [{{"type": "youtube", "url": "https://example.org/{i}"}}], "tags": ["tag{t}"]}}"#,
            s = i % 40,
            d = 1 + i % 5,
            t = i % 7
        );
        std::fs::write(dir.join(format!("videos/talk-{i:04}.json")), talk).expect("write");
    }
    dir.to_str().expect("utf8").to_string()
}

#[test]
fn killing_an_import_leaves_the_database_before_or_after_it() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let folder = event_folder(&env, 400);
    // The catalogue has talks of its own whose slugs start so.
    let seed_like: usize = table_rows(env.sql("select count(*) from talks where slug like 'talk-%';").ok())[0][0]
        .parse()
        .expect("a count");
    let db = env.data_dir().join("talks.db");
    let pristine = env.path("pristine.db");
    std::fs::copy(&db, &pristine).expect("copy");
    let span = timed(|| {
        env.run(&["import", "pyvideo", &folder], "");
    });
    let mut killed = 0;
    for delay in delays(6, span) {
        std::fs::copy(&pristine, &db).expect("reset");
        let child = env
            .cmd()
            .args(["import", "pyvideo", &folder])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        killed += usize::from(kill_after(child, delay));
        assert_eq!(integrity(&db), "ok", "after a kill at {delay:?}");
        let imported = table_rows(env.sql("select count(*) from talks where slug like 'talk-%';").ok());
        let (before, after) = (seed_like.to_string(), (seed_like + 400).to_string());
        assert!(
            imported == [[before.clone()]] || imported == [[after.clone()]],
            "after a kill at {delay:?}: {imported:?}"
        );
    }
    assert!(killed > 0, "every import finished before its kill: nothing was tested");
}

#[test]
fn killing_an_upgrade_leaves_the_old_or_the_new_version_whole() {
    let env = Env::new();
    env.sql(
        "insert into talks (event_id, slug, title) values (2, 'mine', 'Mine');
         insert into notes (talk_id, body) select id, 'kept' from talks where slug = 'mine';",
    )
    .ok();
    let db = env.data_dir().join("talks.db");
    {
        let conn = Connection::open(&db).expect("open");
        conn.execute_batch("ALTER TABLE talks DROP COLUMN description; PRAGMA user_version = 1;").expect("v1");
    }
    let old = env.path("v1.db");
    std::fs::copy(&db, &old).expect("copy");
    let span = timed(|| {
        env.sql("select 1;").ok();
    });
    let mut killed = 0;
    for delay in delays(6, span) {
        std::fs::copy(&old, &db).expect("reset");
        let child =
            env.cmd().args(["-e", "select 1;"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
        killed += usize::from(kill_after(child, delay));
        assert_eq!(integrity(&db), "ok", "after a kill at {delay:?}");
        let conn = Connection::open(&db).expect("open");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        let has_description: bool = conn
            .query_row("SELECT count(*) > 0 FROM pragma_table_info('talks') WHERE name = 'description'", [], |r| {
                r.get(0)
            })
            .expect("columns");
        assert_eq!(has_description, version >= 2, "a half upgrade at {delay:?}");
        let kept: String = conn
            .query_row("SELECT n.body FROM notes n JOIN talks t ON t.id = n.talk_id WHERE t.slug = 'mine'", [], |r| {
                r.get(0)
            })
            .expect("the user's note and talk");
        assert_eq!(kept, "kept");
        drop(conn);
        assert_eq!(table_rows(env.sql("pragma user_version;").ok()), [[talkcli::DATA_VERSION.to_string()]]);
    }
    assert!(killed > 0, "every upgrade finished before its kill: nothing was tested");
}

#[test]
fn ten_writers_at_once_lose_no_row_and_no_named_query() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let children: Vec<Child> = (0..10)
        .map(|p| {
            let mut script = String::new();
            for i in 0..15 {
                script.push_str(&format!("insert into notes (talk_id, body) values ({i}, 'writer {p} note {i}');\n"));
                script.push_str(&format!("\\fs w{p}_{i} select {i}\n"));
            }
            script.push_str(&format!("\\fav {}\n", 1 + p));
            let mut child =
                env.cmd().stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(script.as_bytes()).expect("script");
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out =
        env.sql("select count(*), count(distinct body) from notes; select count(*) from favorites;").ok().to_string();
    assert_eq!(table_rows(&out), [vec!["150", "150"], vec!["10"]]);
    assert_eq!(env.sql("\\f").ok().lines().count(), 150);
    assert_eq!(integrity(&env.data_dir().join("talks.db")), "ok");
}

/// The other order: output pointed at a file first, then the file attached or opened as a
/// database. Writing the output would have overwritten its header ("file is not a database").
#[test]
fn a_database_attached_or_opened_where_output_goes_is_refused() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let victim = env.path("victim.db");
    let v = victim.display();
    let cases = [
        format!("\\o {v}\nattach '{v}' as v;\ncreate table v.t(x);\nselect 'garbage';"),
        format!(".output {v}\nattach '{v}' as v;\nselect 'garbage';"),
        format!(".once {v}\nattach '{v}' as v; create table v.t(x); select 'garbage';"),
        format!("\\o {v}\n.open {v}\nselect 'garbage';"),
    ];
    for script in &cases {
        let _ = std::fs::remove_file(&victim);
        let run = env.run(&["--db", "main.db"], script);
        let err = run.fails(1);
        assert!(
            err.lines().next().is_some_and(|l| l.contains("output goes to") && l.contains("victim.db")),
            "{script}: {err}"
        );
        // Nothing was made in the file as a database: it holds no table t.
        let conn = Connection::open(&victim).expect("open victim");
        let tables: Result<i64, _> = conn.query_row("select count(*) from sqlite_schema", [], |r| r.get(0));
        assert!(!matches!(tables, Ok(n) if n > 0), "{script}: a table was created in the output file");
    }
    assert_eq!(integrity(&env.path("main.db")), "ok");
}

/// Runs talkcli with `args` unable to write in `dir`: as the user nobody when the tests run as
/// root (who may write anywhere), else with the directory made read-only for the run.
fn without_write_access(env: &Env, dir: &Path, args: &[&str]) -> Option<crate::util::Run> {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        mode(dir, 0o555);
        let run = env.run(args, "");
        mode(dir, 0o755);
        return Some(run);
    }
    mode(env.home(), 0o755);
    let out = crate::util::neutral(&mut std::process::Command::new("setpriv"), env.home())
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", crate::util::BIN])
        .args(args)
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(out) => Some(crate::util::Run::from(out)),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "setpriv is needed to test as another user: {e}");
            eprintln!("note: setpriv is missing; skipping");
            None
        }
    }
}

/// A crash left committed rows in the `-wal`, and the `-shm` cannot be made: the read-only
/// fallback used to read the file as immutable (without the log), showing and backing up a
/// database without those rows. It is refused instead, as sqlite3 refuses it.
#[test]
fn a_read_only_fallback_never_reads_or_backs_up_a_database_without_its_log() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let dir = env.path("ro");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let db = dir.join("notes.db");
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch("PRAGMA journal_mode = wal; CREATE TABLE t (x); INSERT INTO t VALUES ('committed');")
        .expect("write");
    // As a crash leaves it: the log unchecked-pointed (the connection is never closed), no -shm.
    std::mem::forget(conn);
    std::fs::remove_file(dir.join("notes.db-shm")).expect("rm shm");
    assert!(std::fs::metadata(dir.join("notes.db-wal")).expect("wal").len() > 0);
    for f in ["notes.db", "notes.db-wal"] {
        std::fs::set_permissions(dir.join(f), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let db_s = db.to_str().expect("utf8");
    let copy = env.path("copy.db");
    let backup = format!("\\backup {}", copy.display());
    for args in
        [vec!["--db", db_s, "--readonly", "-e", "select x from t;"], vec!["--db", db_s, "--readonly", "-e", &backup]]
    {
        let Some(run) = without_write_access(&env, &dir, &args) else { return };
        assert_eq!(run.code, Some(1), "{args:?}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("write-ahead log") && run.stderr.contains("notes.db-wal"), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    assert!(!copy.exists(), "a backup without the log's rows was written");
}
