//! Whatever is at the bundled database's path, the catalogue is never silently empty or stale and
//! the user is never locked out: an empty file or a dangling link is rebuilt (private, where the
//! link points), a damaged or foreign file is left exactly as it is while talkcli starts on a copy
//! in memory with one line naming the file and the ways out, and a newer data version opens
//! read-only with a warning.

use std::os::unix::fs::PermissionsExt;

use rusqlite::Connection;

use crate::util::{Env, table_rows};

fn talks_count(out: &str) -> String {
    table_rows(out).first().and_then(|r| r.first()).cloned().unwrap_or_default()
}

#[test]
fn an_empty_file_or_a_dangling_link_at_the_bundled_path_is_rebuilt() {
    let env = Env::first_run();
    let dir = env.data_dir();
    std::fs::create_dir_all(&dir).expect("mkdir");
    let db = dir.join("talks.db");
    std::fs::write(&db, "").expect("empty file");
    let run = env.sql("select count(*) from talks;");
    assert_eq!(talks_count(run.ok()), crate::data::catalogue_talks().to_string());
    assert_eq!(talks_count(env.sql("select count(*) from talks where id = 283;").ok()), "1");
    assert_eq!(std::fs::metadata(&db).expect("db").permissions().mode() & 0o777, 0o600);

    std::fs::remove_file(&db).expect("rm");
    let target = env.path("elsewhere/talks-link-target.db");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(&target, &db).expect("dangling link");
    assert_eq!(talks_count(env.sql("select count(*) from talks;").ok()), crate::data::catalogue_talks().to_string());
    assert!(std::fs::symlink_metadata(&db).expect("link").file_type().is_symlink(), "the link stays");
    assert_eq!(std::fs::metadata(&target).expect("target").permissions().mode() & 0o777, 0o600);
    assert_eq!(talks_count(env.sql("select count(*) from talks;").ok()), crate::data::catalogue_talks().to_string());
}

#[test]
fn a_damaged_or_foreign_file_is_left_alone_and_the_user_still_gets_in() {
    let env = Env::new();
    let dir = env.data_dir();
    std::fs::create_dir_all(&dir).expect("mkdir");
    let db = dir.join("talks.db");
    // A real catalogue with a note, cut short: SQLite calls it malformed.
    env.sql("insert into notes (talk_id, body) values (7, 'mine');").ok();
    Connection::open(&db).expect("open").execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    let whole = std::fs::read(&db).expect("read");
    let mut random = vec![0u8; 5000];
    for (i, b) in random.iter_mut().enumerate() {
        *b = (i * 7919 % 251) as u8;
    }
    let foreign = env.path("foreign.db");
    Connection::open(&foreign)
        .expect("foreign")
        .execute_batch("CREATE TABLE mine (x); INSERT INTO mine VALUES (1);")
        .expect("foreign");
    let files: [(&str, Vec<u8>); 3] = [
        ("truncated", whole[..whole.len() / 3].to_vec()),
        ("random bytes", random),
        ("a foreign database", std::fs::read(&foreign).expect("read")),
    ];
    for (what, bytes) in files {
        for name in ["talks.db-wal", "talks.db-shm"] {
            let _ = std::fs::remove_file(dir.join(name));
        }
        std::fs::write(&db, &bytes).expect("write");
        for args in [
            vec!["-e", "select count(*) from talks;"],
            vec!["--readonly", "-e", "select count(*) from talks;"],
            vec!["-e", "\\f"],
        ] {
            let run = env.run(&args, "");
            assert_eq!(run.code, Some(0), "{what} {args:?}: {}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
            assert!(
                run.stderr.contains(&db.display().to_string()) && run.stderr.contains(".recover"),
                "{what}: {}",
                run.stderr
            );
            assert!(run.stderr.contains("move it aside"), "{what}: {}", run.stderr);
        }
        assert_eq!(std::fs::read(&db).expect("read"), bytes, "{what} was modified");
    }
}

#[test]
fn a_newer_data_version_opens_read_only_and_a_wrong_schema_is_not_modified() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let db = env.data_dir().join("talks.db");
    Connection::open(&db).expect("open").execute_batch("PRAGMA user_version = 99;").expect("newer");
    let run = env.sql("select count(*) from talks;");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("made by a newer talkcli (data version 99") && run.stderr.contains("read-only"),
        "{}",
        run.stderr
    );
    let write = env.sql("insert into notes (talk_id, body) values (7, 'x');");
    assert!(write.stderr.contains("readonly"), "{}", write.stderr);

    // A file with a talks table of another shape and no data version: read, never changed.
    std::fs::remove_file(&db).expect("rm");
    for name in ["talks.db-wal", "talks.db-shm"] {
        let _ = std::fs::remove_file(env.data_dir().join(name));
    }
    Connection::open(&db)
        .expect("open")
        .execute_batch("CREATE TABLE talks (a); INSERT INTO talks VALUES (5);")
        .expect("odd");
    let before = std::fs::read(&db).expect("read");
    let run = env.sql("select a from talks;");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(table_rows(&run.stdout), [["5"]]);
    assert!(run.stderr.contains("opened it read-only, unchanged"), "{}", run.stderr);
    assert_eq!(std::fs::read(&db).expect("read"), before, "the file was modified");
}
