//! The user's data is safe: catalogue refreshes keep favorites, notes, own tables and imported
//! talks; concurrent sessions wait for each other; lock and permission failures are one clear line;
//! backups and dumps rebuild the database.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use rusqlite::Connection;

use crate::util::{Env, table_rows};

fn bundled(env: &Env) -> std::path::PathBuf {
    env.data_dir().join("talks.db")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pyvideo").join(name).to_str().expect("utf8").to_string()
}

#[test]
fn a_newer_data_version_refreshes_the_catalogue_and_keeps_the_users_data() {
    let env = Env::new();
    env.sql("select 1;").ok(); // first run creates the bundled database
    assert_eq!(env.run(&["import", "pyvideo", &fixture("conf-a-2021")], "").code, Some(0));
    // Talks imported into a bundled event (a folder named like one) are the user's too.
    let extra = env.path("pycon-us-2016");
    std::fs::create_dir_all(extra.join("videos")).expect("mkdir");
    std::fs::write(extra.join("category.json"), r#"{"title": "PyCon US 2016"}"#).expect("write");
    std::fs::write(
        extra.join("videos/extra-hallway-track.json"),
        r#"{"title": "Hallway track", "speakers": ["Ada Quill"], "recorded": "2016-05-31", "description": "", "videos": [], "tags": ["Hallway"]}"#,
    )
    .expect("write");
    let run = env.run(&["import", "pyvideo", extra.to_str().expect("utf8")], "");
    assert_eq!((run.code, run.stdout.as_str()), (Some(0), ""), "{}", run.stderr);
    let out = &run.stderr;
    assert!(out.starts_with("imported 1 talk, 1 speaker, 1 tag from pycon-us-2016"), "{out}");
    env.sql(
        "insert into favorites (talk_id) values (7);
         insert into favorites (talk_id) select id from talks where slug = 'hands-on-parsing';
         insert into notes (talk_id, body) values (7, 'rewatch the second half');
         create table my_ratings (talk_id integer references talks(id) on delete cascade, stars integer);
         insert into my_ratings values (9, 5);",
    )
    .ok();
    let imported = table_rows(env.sql("select id from talks where slug = 'hands-on-parsing';").ok()).remove(0);

    // Turn it into what data version 1 made (no talks.description column), with the user's own
    // changes to the catalogue: a retitled talk, a deleted one and a new tag. They are the user's
    // and survive the upgrade.
    {
        let conn = Connection::open(bundled(&env)).expect("open");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             ALTER TABLE talks DROP COLUMN description;
             UPDATE talks SET title = 'An old title' WHERE id = 7;
             DELETE FROM talks WHERE id = 9;
             DELETE FROM talk_speakers WHERE talk_id = 9;
             INSERT INTO tags (name) VALUES ('stale tag');
             PRAGMA user_version = 1;",
        )
        .expect("make it old");
    }

    let out = env
        .sql(
            "pragma user_version;
             select count(*) from pragma_table_info('talks') where name = 'description';
             select title from talks where id = 7;
             select count(*) from talks where id = 9;
             select count(*) from tags where name = 'stale tag';
             select talk_id from favorites order by talk_id;
             select talk_id, body from notes;
             select talk_id, stars from my_ratings;
             select count(*), sum(id >= 1000000) from talks;",
        )
        .ok()
        .to_string();
    let rows = table_rows(&out);
    assert_eq!(
        rows,
        [
            vec![talkcli::DATA_VERSION.to_string()],
            vec!["1".to_string()],
            vec!["An old title".to_string()],
            vec!["0".to_string()],
            vec!["1".to_string()],
            vec!["7".to_string()],
            imported.clone(),
            vec!["7".to_string(), "rewatch the second half".to_string()],
            vec!["9".to_string(), "5".to_string()],
            vec![(crate::data::catalogue_talks() + 14).to_string(), "15".to_string()],
        ]
    );
    assert_eq!(
        table_rows(
            env.sql(
                "select e.slug, t.speakers, t.tags from talk_overview t join talks k on k.id = t.id
                 join events e on e.id = k.event_id where t.title = 'Hallway track';"
            )
            .ok()
        ),
        [["pycon-us-2016", "Ada Quill", "hallway"]]
    );
    // The imported talk kept its id, speakers, tags and place in the search index.
    let out = env
        .sql(&format!(
            "select t.speakers, t.tags from talk_overview t where t.id = {id};
             select rowid from talk_search where talk_search match 'parsing' and rowid >= 1000000;",
            id = imported[0]
        ))
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [vec!["Fay Lund, Gus Ito".to_string(), "parsing".to_string()], imported]);
}

#[test]
fn the_bundled_database_runs_in_wal_mode() {
    let env = Env::new();
    assert_eq!(table_rows(env.sql("pragma journal_mode;").ok()), [["wal"]]);
}

/// A script of `n` single-row inserts tagged with `who`.
fn inserts(who: &str, n: usize) -> String {
    (0..n).map(|i| format!("insert into notes (talk_id, body) values ({i}, '{who} {i}');\n")).collect()
}

#[test]
fn two_sessions_writing_at_once_both_succeed_and_lose_nothing() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let spawn = |who: &str| {
        let mut child = env
            .cmd()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn talkcli");
        let script = inserts(who, 200);
        let mut stdin = child.stdin.take().expect("stdin");
        std::thread::spawn(move || stdin.write_all(script.as_bytes()).expect("write script"));
        child
    };
    let (a, b) = (spawn("first"), spawn("second"));
    for child in [a, b] {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(table_rows(env.sql("select count(*), count(distinct body) from notes;").ok()), [["400", "400"]]);
}

#[test]
fn first_runs_racing_each_other_share_one_database() {
    let env = Env::first_run();
    let children: Vec<_> = (1..=3)
        .map(|i| {
            env.cmd()
                .args(["-e", &format!("insert into notes (talk_id, body) values ({i}, 'run {i}');")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(table_rows(env.sql("select count(*) from notes;").ok()), [["3"]]);
}

#[test]
fn a_locked_database_gives_one_clear_line() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let holder = Connection::open(bundled(&env)).expect("open");
    holder.execute_batch("BEGIN EXCLUSIVE; INSERT INTO notes (talk_id, body) VALUES (1, 'held');").expect("lock");
    let run = env
        .cmd()
        .env("TALKCLI_BUSY_TIMEOUT_MS", "200")
        .args(["-e", "insert into notes (talk_id, body) values (2, 'blocked');"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("locked"), "{err}");
    holder.execute_batch("ROLLBACK").expect("release");
    assert_eq!(table_rows(env.sql("select count(*) from notes;").ok()), [["0"]]);

    // An import waits the same way and says so in one line.
    holder.execute_batch("BEGIN EXCLUSIVE; INSERT INTO notes (talk_id, body) VALUES (1, 'held');").expect("lock");
    let run = env
        .cmd()
        .env("TALKCLI_BUSY_TIMEOUT_MS", "200")
        .args(["import", "pyvideo", &fixture("conf-b-2019")])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        err.trim_end(),
        "error: the database is locked by another connection (waited 0.2 s); try again when it has finished"
    );
}

#[test]
fn a_read_only_database_gives_one_clear_line() {
    let env = Env::new();
    let db = env.path("ro.db");
    env.run(&["--db", db.to_str().expect("utf8"), "-e", "create table t (x); insert into t values (1);"], "").ok();
    let run = env.run(&["--db", db.to_str().expect("utf8"), "--readonly", "-e", "insert into t values (2);"], "");
    let err = run.fails(1);
    assert_eq!(
        err.trim_end(),
        "error: line 1, column 1: attempt to write a readonly database (in: insert into t values (2);)"
    );
    let run =
        env.run(&["--db", db.to_str().expect("utf8"), "--readonly", "import", "csv", "x.csv", "--table", "t"], "");
    let err = run.fails(1);
    assert_eq!(err.lines().count(), 1, "{err}");
    // Reading still works, and nothing changed.
    let out = env
        .run(&["--db", db.to_str().expect("utf8"), "--readonly", "-e", "select count(*) from t;"], "")
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [["1"]]);

    // The bundled database opened read-only: queries work, writes fail with one line.
    env.sql("select 1;").ok();
    let run = env.run(&["--readonly", "-e", "insert into favorites (talk_id) values (1);"], "");
    assert_eq!(
        run.fails(1).trim_end(),
        "error: line 1, column 1: attempt to write a readonly database (in: insert into favorites (talk_id) values (1);)"
    );
}

#[test]
fn backup_copies_the_whole_database() {
    let env = Env::new();
    let copy = env.path("copy.db");
    let run =
        env.sql(&format!("insert into favorites (talk_id) values (3);\n\\backup {}", copy.to_str().expect("utf8")));
    assert_eq!((run.code, run.stdout.as_str()), (Some(0), ""), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end(), format!("backed up to {}", copy.display()));
    let out = env
        .run(
            &["--db", copy.to_str().expect("utf8"), "-e", "select count(*) from talks; select talk_id from favorites;"],
            "",
        )
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [[crate::data::catalogue_talks().to_string().as_str()], ["3"]]);
    let err = env.sql(&format!("\\backup {}", bundled(&env).display())).fails(1).to_string();
    assert!(err.contains("is the open database itself"), "{err}");
}

#[test]
fn a_dump_rebuilds_the_database_in_the_sqlite3_shell() {
    let env = Env::new();
    env.sql(
        "insert into notes (talk_id, body) values (7, 'it''s good'); create table mine (x blob, y real);
             insert into mine values (x'00ff', 0.1);",
    )
    .ok();
    let dump = env.sql(".dump").ok().to_string();
    assert!(dump.starts_with("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"), "{}", &dump[..200]);
    assert!(dump.ends_with("COMMIT;\n"));
    assert!(!dump.contains("talk_search_data"), "shadow tables are rebuilt, not copied");
    let restored = env.path("restored.db");
    let Some(sqlite3) = crate::util::tool("sqlite3") else {
        let out = env.run(&["--db", restored.to_str().expect("utf8")], &dump);
        out.ok();
        return;
    };
    let mut shell = crate::util::neutral(&mut std::process::Command::new(sqlite3), env.home())
        .arg(&restored)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sqlite3");
    let mut stdin = shell.stdin.take().expect("stdin");
    let text = dump.clone();
    std::thread::spawn(move || stdin.write_all(text.as_bytes()).expect("feed sqlite3"));
    let out = shell.wait_with_output().expect("sqlite3");
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // The restored database dumps to the same text, and its search index works.
    let again = env.run(&["--db", restored.to_str().expect("utf8"), "-e", ".dump"], "").ok().to_string();
    assert!(again == dump, "the restored database dumps differently");
    let out = env
        .run(
            &[
                "--db",
                restored.to_str().expect("utf8"),
                "-e",
                "select count(*) from talk_search where talk_search match 'gil';",
            ],
            "",
        )
        .ok()
        .to_string();
    assert_ne!(table_rows(&out), [["0"]]);
}
