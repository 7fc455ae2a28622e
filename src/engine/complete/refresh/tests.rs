//! Tests of `refresh.rs`: what is read where (background, session), and in what order.

use std::path::PathBuf;

use crate::engine::complete::reader::SchemaRead;
use crate::engine::complete::refresh::*;
use crate::engine::complete::schema::{Described, Objects};

const LONG: Duration = Duration::from_secs(10);

fn file_db(sql: &str) -> (tempfile::TempDir, PathBuf, Connection) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let conn = Connection::open(&path).expect("db");
    conn.execute_batch(sql).expect("ddl");
    (dir, path, conn)
}

fn names(snap: &Snapshot) -> Vec<String> {
    snap.tables.iter().map(|t| format!("{}.{}", t.schema, t.name)).collect()
}

#[test]
fn values_load_in_the_background_and_follow_writes_from_anywhere() {
    let (_dir, path, conn) =
        file_db("CREATE TABLE speakers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO speakers(name) VALUES ('Ada');");
    let mut live = Live::start(&conn);
    assert!(live.loading(), "start reads nothing on the session's connection");
    assert_eq!(speaker_names(live.snapshot_with_values(LONG)), ["Ada"]);
    assert!(!live.before_prompt(&conn), "nothing changed");
    assert!(!live.loading(), "and nothing is read");

    let other = Connection::open(&path).expect("other");
    other.execute_batch("INSERT INTO speakers(name) VALUES ('Bob')").expect("other");
    assert!(!live.before_prompt(&conn), "a write is no schema change");
    assert_eq!(live.snapshot_with_values(LONG).values.count("speakers"), 2);
}

#[test]
fn another_connections_new_table_is_read_in_the_background() {
    let (_dir, path, conn) = file_db("CREATE TABLE first(a); CREATE VIEW v AS SELECT * FROM first;");
    let mut live = Live::start(&conn);
    assert!(live.snapshot_with_schema(LONG).table("first").is_some());
    assert!(live.snapshot().functions.iter().any(|f| f == "unaccent"), "talkcli's functions are listed");
    let other = Connection::open(&path).expect("other");
    other.execute_batch("CREATE TABLE extra(x, y); ALTER TABLE first ADD COLUMN b").expect("other");
    assert!(live.before_prompt(&conn), "the schema change is seen");
    assert!(live.schema_pending(), "and read off the prompt's path");
    let snap = live.snapshot_with_schema(LONG);
    assert_eq!(snap.table("extra").map(|t| t.columns.clone()), Some(vec!["x".into(), "y".into()]));
    assert_eq!(snap.table("v").map(|t| t.columns.clone()), Some(vec!["a".into(), "b".into()]), "the view follows");
}

#[test]
fn attached_files_are_read_in_the_background_under_their_names() {
    let (dir, _path, conn) = file_db("CREATE TABLE first(a)");
    let other = dir.path().join("bk.db");
    Connection::open(&other).and_then(|c| c.execute_batch("CREATE TABLE old(y)")).expect("bk");
    let mut live = Live::start(&conn);
    live.snapshot_with_schema(LONG);
    conn.execute("ATTACH ?1 AS bk", [other.to_str().expect("utf-8")]).expect("attach");
    assert!(live.before_prompt(&conn));
    assert!(live.schema_pending());
    assert_eq!(names(live.snapshot_with_schema(LONG)), ["main.first", "bk.old"]);
}

#[test]
fn a_tab_sees_a_table_another_process_created_while_the_prompt_waited() {
    let (_dir, path, conn) = file_db("CREATE TABLE first(a)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    live.before_prompt(&conn);
    live.check_elsewhere();
    assert!(!live.loading(), "nothing changed, nothing read");
    let other = Connection::open(&path).expect("other");
    other.execute_batch("CREATE TABLE meanwhile(m)").expect("other");
    live.check_elsewhere();
    assert!(live.schema_pending());
    assert!(live.snapshot_with_schema(LONG).table("meanwhile").is_some());
    assert!(!live.before_prompt(&conn), "the next prompt does not read it again");
    // Inside a transaction the session's own read stands: another connection would not
    // see its uncommitted table.
    conn.execute_batch("BEGIN; CREATE TABLE mine(x)").expect("ddl");
    live.before_prompt(&conn);
    live.seen.schema.iter_mut().for_each(|(_, v)| *v = -2);
    live.check_elsewhere();
    assert!(!live.schema_pending());
    assert!(live.snapshot().table("mine").is_some());
}

#[test]
fn the_sessions_temp_table_is_read_at_once() {
    let (_dir, _path, conn) = file_db("CREATE TABLE first(a)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    conn.execute_batch("CREATE TEMP TABLE scratch(s)").expect("temp");
    assert!(live.before_prompt(&conn));
    assert!(!live.schema_pending(), "nothing else to read");
    assert_eq!(names(live.snapshot()), ["main.first", "temp.scratch"]);
}

#[test]
fn ddl_in_an_open_transaction_is_read_on_the_session() {
    let (_dir, _path, conn) = file_db("CREATE TABLE first(a)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    conn.execute_batch("BEGIN; CREATE TABLE uncommitted(u);").expect("ddl");
    assert!(live.before_prompt(&conn));
    assert!(!live.schema_pending(), "another connection could not see it");
    assert!(live.snapshot().table("uncommitted").is_some());
    conn.execute_batch("ROLLBACK").expect("rollback");
    assert!(live.before_prompt(&conn));
    assert!(live.snapshot_with_schema(LONG).table("uncommitted").is_none());
}

#[test]
fn an_in_memory_database_is_read_on_the_session() {
    let conn = Connection::open_in_memory().expect("db");
    conn.execute_batch(
        "CREATE TABLE speakers(id INTEGER PRIMARY KEY, name); INSERT INTO speakers(name) VALUES ('Ada')",
    )
    .expect("ddl");
    let mut live = Live::start(&conn);
    assert!(!live.loading());
    assert_eq!(live.snapshot().values.count("speakers"), 1);
    assert!(live.snapshot().table("speakers").is_some());
}

#[test]
fn an_older_read_never_replaces_a_newer_one() {
    let (_dir, _path, conn) = file_db("CREATE TABLE first(a)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    let empty = || Some(SchemaRead { files: Objects::default(), functions: None });
    // Posted out of order: the slot keeps the newest.
    live.shared.post_schema(live.started + 2, empty());
    live.shared.post_schema(live.started + 1, None);
    let kept = live.shared.slots.lock().expect("slots").schema.as_ref().map(|(g, r)| (*g, r.is_some()));
    assert_eq!(kept, Some((live.started + 2, true)));
    live.shared.slots.lock().expect("slots").schema = None;
    // One older than what the snapshot holds is dropped.
    live.shared.post_schema(live.schema_got - 1, empty());
    assert_eq!(names(live.snapshot()), ["main.first"]);
}

#[test]
fn a_superseded_read_stops_and_posts_nothing() {
    let (_dir, path, conn) =
        file_db("CREATE TABLE speakers(id INTEGER PRIMARY KEY, name); INSERT INTO speakers(name) VALUES ('Ada')");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    let job = |generation| Job {
        generation,
        files: vec![("main".into(), path.to_str().expect("utf-8").into())],
        described: Some(Described::default()),
        functions: false,
        parts: Parts::ALL,
        old: Vec::new(),
        delay: Duration::ZERO,
    };
    let g = live.started + 1;
    live.shared.supersede(g + 1);
    job(g).run(&live.shared);
    let slots = live.shared.slots.lock().expect("slots");
    assert!(slots.schema.is_none() && slots.values.is_none(), "nothing posted, not even a failure");
    drop(slots);
    job(g + 1).run(&live.shared);
    let slots = live.shared.slots.lock().expect("slots");
    assert_eq!(
        slots.values.as_ref().map(|(g, v)| (*g, v.as_ref().map(|(v, _)| v.count("speakers")))),
        Some((g + 1, Some(1)))
    );
}

#[test]
fn a_failed_background_read_is_done_again_on_the_session() {
    let (_dir, _path, conn) = file_db("CREATE TABLE first(a)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    conn.execute_batch("CREATE TABLE second(b)").expect("ddl");
    let job = Job {
        generation: live.started + 1,
        files: vec![("main".into(), "/nonexistent/dir/t.db".into())],
        described: Some(Described::default()),
        functions: false,
        parts: Parts::NONE,
        old: Vec::new(),
        delay: Duration::ZERO,
    };
    live.schema_asked = job.generation;
    live.values_asked = job.generation;
    live.started = job.generation;
    job.run(&live.shared);
    assert!(live.snapshot_with_schema(LONG).table("first").is_some(), "what was known stays");
    assert!(live.failed);
    live.seen = Stamp::read(&conn);
    live.before_prompt(&conn);
    assert!(!live.schema_pending(), "read at once");
    assert!(live.snapshot().table("second").is_some());
}

#[test]
fn after_open_a_tab_checks_the_new_file_not_the_old_one() {
    let (_dir, path, conn) = file_db("CREATE TABLE old_one(a)");
    let (_dir2, _path2, conn2) = file_db("CREATE TABLE new_one(b)");
    let mut live = Live::start(&conn);
    live.snapshot_with_values(LONG);
    live.check_elsewhere();
    // `.open` hands over a snapshot of the new file; the old one then changes.
    live.replace(Snapshot::load(&conn2, Parts::ALL));
    Connection::open(&path).and_then(|c| c.execute_batch("CREATE TABLE old_two(c)")).expect("old file");
    live.check_elsewhere();
    assert_eq!(names(live.snapshot_with_schema(LONG)), ["main.new_one"]);
    live.before_prompt(&conn2);
    live.check_elsewhere();
    assert_eq!(names(live.snapshot_with_schema(LONG)), ["main.new_one"]);
}

fn speaker_names(snap: &Snapshot) -> Vec<String> {
    match snap.values.set("speakers") {
        crate::engine::complete::Set::Names(n) => n.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}
