//! Opening databases: the bundled talk database (created on first run from the embedded schema and
//! seed, upgraded when this talkcli ships a newer data version), or any SQLite file given with `--db`.
//!
//! An upgrade keeps the user's data: rows the user added to or changed in the catalogue tables, and
//! every other table (favorites, notes, anything the user created). How it tells the user's rows
//! from the shipped ones is in `upgrade.rs`.
mod check;
pub mod tables;
mod upgrade;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension};

use crate::engine::db::fault::{Fault, fault_words, is_storage_fault};
use crate::engine::db::files::{configure, open_file};
use crate::engine::error::explain;
use crate::engine::unix::dir_problem;

/// Bumped whenever `schema.sql` or `seed/` change; stored in `PRAGMA user_version`.
/// 2: `talks.description` (filled by imports).
/// 3: indexes for a big catalogue: `speaker_names` (folded speaker names, trigram), `events_year`,
/// `talks_event_recorded`.
/// 4: `speaker_folded` skips its 176 `replace` calls for plain ASCII names (same folds, faster
/// imports); older definitions of views and triggers are replaced by `ensure_schema`.
/// 5: the whole pyvideo catalogue (540 events, 21,715 talks) from `seed/catalogue/*.tsv`;
/// `series`, `events.series_id`, `talks.language`, `related_urls`; the search index holds speaker
/// names folded as well (`\search lukasz` finds Łukasz).
pub const DATA_VERSION: i64 = 5;

/// Imported events and talks get ids from here up, so they never collide with seed ids.
pub const IMPORT_ID_BASE: i64 = 1_000_000;

/// Columns added after data version 1, for databases made before them: (table, column, definition).
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("talks", "description", "TEXT"),
    ("events", "series_id", "INTEGER REFERENCES series(id)"),
    ("talks", "language", "TEXT"),
];

pub const SCHEMA: &str = include_str!("../../../schema.sql");

/// The hand-written seed SQL, loaded after the catalogue files (`tables::CATALOGUE`), with the
/// names error messages use.
pub static SEED: &[(&str, &str)] = &[("seed/writeups.sql", include_str!("../../../seed/writeups.sql"))];

/// Fills the full-text index from the catalogue tables; rowid = talks.id.
/// Speakers are indexed under their name and, where it differs, its fold (`speaker_folded`): the
/// tokenizer's own diacritic removal leaves letters such as `Ł` or `ø` alone, so `lukasz` would
/// not find `Łukasz` otherwise.
pub const REBUILD_SEARCH: &str = "
DELETE FROM talk_search;
CREATE TEMP TABLE IF NOT EXISTS talkcli_folded (id INTEGER PRIMARY KEY, folded TEXT);
DELETE FROM temp.talkcli_folded;
INSERT INTO temp.talkcli_folded SELECT f.id, f.folded FROM speaker_folded f JOIN speakers s ON s.id = f.id
 WHERE f.folded <> s.name;
INSERT INTO talk_search (rowid, title, speakers, tags, takeaways)
SELECT t.id, t.title,
       (SELECT group_concat(s.name || coalesce(' ' || f.folded, ''), ' ')
          FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
          LEFT JOIN temp.talkcli_folded f ON f.id = s.id
         WHERE ts.talk_id = t.id),
       (SELECT group_concat(g.name, ' ') FROM talk_tags tt JOIN tags g ON g.id = tt.tag_id
         WHERE tt.talk_id = t.id),
       (SELECT group_concat(m.takeaway, ' ') FROM mentions m WHERE m.talk_id = t.id)
FROM talks t;
DROP TABLE temp.talkcli_folded;
";

/// Fills the speaker-name index from `speakers` (triggers keep it after that), for a database
/// that had speakers before the index existed.
pub const REBUILD_SPEAKER_NAMES: &str = "
DELETE FROM speaker_names;
DELETE FROM speaker_names_other;
CREATE TEMP TABLE IF NOT EXISTS talkcli_all_folded (id INTEGER PRIMARY KEY, folded TEXT);
DELETE FROM temp.talkcli_all_folded;
INSERT INTO temp.talkcli_all_folded SELECT id, folded FROM speaker_folded;
INSERT INTO speaker_names (rowid, name) SELECT id, folded FROM temp.talkcli_all_folded;
INSERT INTO speaker_names_other (id) SELECT id FROM temp.talkcli_all_folded WHERE folded GLOB '*[^ -~]*';
DROP TABLE temp.talkcli_all_folded;
";

/// Where the bundled database lives.
pub fn bundled_path() -> Result<PathBuf> {
    Ok(crate::engine::paths::data_dir()?.join("talks.db"))
}

/// The bundled database, opened.
pub struct Bundled {
    pub conn: Connection,
    pub path: PathBuf,
    /// One line for the user when it could not be opened for writing and was opened read-only.
    pub warning: Option<String>,
}

/// Opens the bundled database, creating it on first run and upgrading its catalogue when it was
/// made by an older data version. It runs in WAL mode, so readers never wait for a writer.
///
/// When the data directory cannot be written (a read-only mount, another user's directory, a full
/// disk) the database is still readable: it opens read-only, or, when even the first run could not
/// create it, as a read-only copy in memory; `warning` says which.
pub fn open_bundled(read_only: bool) -> Result<Bundled> {
    // A link (a dotfiles user's) is followed: the database is made where it points.
    let path = crate::engine::userfile::follow_links(&bundled_path()?);
    let dir = path.parent().context("data directory has no parent")?.to_path_buf();
    remove_stale_partials(&dir, &path);
    let found = check::inspect(&path);
    match &found {
        check::Found::Missing | check::Found::Empty => {
            let replace = found == check::Found::Empty;
            let made = crate::engine::userfile::create_private_dir(&dir)
                .with_context(|| format!("cannot create data directory {}", dir.display()))
                .and_then(|()| create_bundled(&path, replace));
            if let Err(e) = made
                && check::inspect(&path) != check::Found::Catalogue
            {
                let conn = in_memory_copy()?;
                let warning = format!(
                    "{}; using a read-only copy of the talk database in memory",
                    crate::engine::error::message(&e)
                );
                return Ok(Bundled { conn, path, warning: Some(warning) });
            }
        }
        check::Found::Foreign | check::Found::Damaged(_) => {
            let warning = check::refusal(&path, &found);
            return Ok(Bundled { conn: in_memory_copy()?, path, warning: Some(warning) });
        }
        check::Found::Newer(version) => {
            let conn = open_file(&path, true)?;
            return Ok(Bundled { conn, warning: Some(check::newer(&path, *version)), path });
        }
        check::Found::Catalogue => {}
    }
    if read_only {
        let conn = open_file(&path, true)?;
        return Ok(Bundled { conn, path, warning: None });
    }
    match open_writable(&path) {
        Ok(conn) => Ok(Bundled { conn, path, warning: None }),
        Err(e) if is_storage_fault(&e) => {
            let conn = match open_file(&path, true) {
                Ok(conn) => conn,
                // Read without its log, the catalogue would lack the user's latest changes.
                Err(ro) if ro.chain().any(|c| c.is::<crate::engine::db::files::UnreadLog>()) => return Err(ro),
                Err(_) => return Err(e),
            };
            let reason = dir_problem(&dir).map_or_else(|| fault_words(&e), str::to_string);
            let warning = format!("cannot write to {} ({reason}); opened it read-only", path.display());
            Ok(Bundled { conn, path, warning: Some(warning) })
        }
        // A catalogue this talkcli cannot bring up to date (a table of another shape): left as
        // it was (the upgrade's transaction rolled back) and read as it is.
        Err(e) => {
            let Ok(conn) = open_file(&path, true) else { return Err(e) };
            let warning = format!("{}; opened it read-only, unchanged", crate::engine::error::message(&e));
            Ok(Bundled { conn, path, warning: Some(warning) })
        }
    }
}

fn open_writable(path: &Path) -> Result<Connection> {
    let mut conn = open_file(path, false)?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        bail!(Fault("the file is read-only to you"));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < DATA_VERSION {
        // Before the switch to WAL: a file the upgrade refuses is left exactly as it was.
        refresh_catalogue(&mut conn)
            .with_context(|| format!("cannot refresh the talk catalogue in {}", path.display()))?;
    }
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .map_err(explain)
        .with_context(|| format!("cannot open {}", path.display()))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0))
            .map_err(explain)
            .with_context(|| format!("cannot switch {} to WAL mode", path.display()))?;
    }
    Ok(conn)
}

/// The catalogue in memory, read-only: what a first run that cannot create its file works on.
fn in_memory_copy() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    load_catalogue(&mut conn)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// Removes `talks.db.partial-PID` files (and their journals) left by a first run that was killed:
/// the process that made one is gone. A partial file of a running talkcli is left alone.
fn remove_stale_partials(dir: &Path, path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return };
    let prefix = format!("{name}.partial-");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(pid) = digits.parse::<i32>() else { continue };
        if pid > 0 && !crate::engine::unix::process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Builds the bundled database at a temporary name and renames it into place, so an interrupted
/// first run never leaves a half-built database behind. The file is the user's only.
fn create_bundled(path: &Path, replace: bool) -> Result<()> {
    let tmp = path.with_extension(format!("db.partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<()> {
        drop(
            crate::engine::userfile::create_private(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?,
        );
        let mut conn = Connection::open(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        configure(&conn)?;
        // The file is thrown away unless the build completes: no journal, no syncs until close.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")?;
        load_catalogue(&mut conn).with_context(|| format!("cannot build {}", tmp.display()))?;
        conn.close().map_err(|(_, e)| e)?;
        // An empty file holds nothing to keep: it is replaced, unless another talkcli built
        // the catalogue there meanwhile.
        if replace {
            if check::inspect(path) != check::Found::Empty {
                return Ok(());
            }
            return std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot move the new database to {}", path.display()));
        }
        // A link, unlike a rename, never replaces a database another talkcli made (and may be
        // writing to) meanwhile: the first one in wins and the others use it.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(_) => std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot move the new database to {}", path.display())),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    let _ = std::fs::remove_file(format!("{}-journal", tmp.display()));
    result
}

/// Applies the schema and loads the seed in one transaction and stamps the data version.
pub fn load_catalogue(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA).context("schema.sql")?;
    // The seed's speakers are indexed in one pass after it: with the trigger in place, each of the
    // seed's INSERT statements compiled it again (a second of a first run).
    tx.execute_batch("DROP TRIGGER speakers_index_insert").context("schema.sql")?;
    // Indexes are built once from the loaded rows (schema.sql makes them again below): sorting
    // once is cheaper than keeping them through 100,000 INSERTs.
    let indexes: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for index in indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", index.replace('"', "\"\"")))?;
    }
    tables::load(&tx, tables::CATALOGUE)?;
    for (name, sql) in SEED {
        tx.execute_batch(sql).with_context(|| format!("loading {name}"))?;
    }
    tx.execute_batch(SCHEMA).context("schema.sql")?;
    tx.execute_batch(REBUILD_SPEAKER_NAMES).context("building the speaker-name index")?;
    tx.execute_batch(REBUILD_SEARCH).context("building the search index")?;
    tx.pragma_update(None, "user_version", DATA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Brings an older database's schema up to date: added columns, then every table, index and view
/// of `schema.sql` that is missing, and views and triggers whose definition changed since the
/// database was made. Safe on current databases and on empty files.
pub fn ensure_schema(conn: &Connection) -> Result<()> {
    for (table, column, definition) in ADDED_COLUMNS {
        let (exists, has): (bool, bool) = conn.query_row(
            "SELECT count(*) > 0, coalesce(sum(name = ?2), 0) > 0 FROM pragma_table_info(?1)",
            [table, column],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if exists && !has {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {definition}"))
                .with_context(|| format!("adding {table}.{column}"))?;
        }
    }
    let had_index: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'speaker_names'", [], |r| r.get(0))?;
    conn.execute_batch(SCHEMA).context("schema.sql")?;
    replace_derived(conn)?;
    if !had_index {
        // Its triggers see new speakers only: the ones already there are indexed now.
        conn.execute_batch(REBUILD_SPEAKER_NAMES).context("building the speaker-name index")?;
    }
    Ok(())
}

/// Views and triggers hold no data: where `conn` has one of `schema.sql`'s under an older
/// definition (`CREATE … IF NOT EXISTS` leaves it), it is dropped and made anew. The definitions
/// are compared as SQLite stores them, read from a scratch database the schema is applied to.
fn replace_derived(conn: &Connection) -> Result<()> {
    let scratch = Connection::open_in_memory()?;
    scratch.execute_batch(SCHEMA).context("schema.sql")?;
    let wanted: Vec<(String, String, String)> = scratch
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY type = 'trigger'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, sql) in wanted {
        let have: Option<String> = conn
            .query_row("SELECT sql FROM main.sqlite_schema WHERE type = ?1 AND name = ?2", [&kind, &name], |r| r.get(0))
            .optional()?;
        if have.is_some_and(|have| have != sql) {
            let quoted = name.replace('"', "\"\"");
            conn.execute_batch(&format!("DROP {kind} main.\"{quoted}\"; {sql};"))
                .with_context(|| format!("replacing the {kind} {name}"))?;
        }
    }
    Ok(())
}

/// Upgrades the catalogue to this talkcli's seed in one transaction, keeping the user's rows (see
/// `upgrade.rs`), and stamps the data version. Does nothing when the database is already at this
/// data version.
pub fn refresh_catalogue(conn: &mut Connection) -> Result<()> {
    // Foreign-key actions would cascade the catalogue deletes into user tables that refer to talks;
    // the pragma cannot change inside a transaction, so it is switched around it.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = refresh_in_transaction(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

fn refresh_in_transaction(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(explain)?;
    // Another talkcli started at the same moment may have refreshed while this one waited.
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= DATA_VERSION {
        return Ok(());
    }
    ensure_schema(&tx)?;
    if upgrade::seed_unchanged_since(version) {
        // Only the schema moved on (new columns, indexes, filled by ensure_schema): the rows
        // stay as they are; the search index catches up with any the user edited.
        tx.execute_batch(REBUILD_SEARCH).context("building the search index")?;
        tx.pragma_update(None, "user_version", DATA_VERSION)?;
    } else {
        upgrade::upgrade(&tx, version)?;
    }
    tx.commit().map_err(explain)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::catalogue::*;

    #[test]
    fn catalogue_loads_into_a_fresh_database() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        configure(&conn).expect("configure");
        load_catalogue(&mut conn).expect("load");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, DATA_VERSION);
        let fk_problems: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk check");
        assert_eq!(fk_problems, 0);
    }

    /// Takes the current catalogue's rows back to those data versions 1 to 4 shipped (the three
    /// PyCon US events: ids up to 3, 425, 379 and 13, unchanged since), as a user of then has them.
    fn make_version_4_rows(conn: &Connection) {
        conn.execute_batch(
            "DELETE FROM related_urls; DELETE FROM talk_tags WHERE talk_id > 425;
             DELETE FROM talk_speakers WHERE talk_id > 425; DELETE FROM talks WHERE id > 425;
             DELETE FROM speakers WHERE id > 379; DELETE FROM tags WHERE id > 13; DELETE FROM events WHERE id > 3;
             UPDATE events SET series_id = NULL; DELETE FROM series; PRAGMA user_version = 4;",
        )
        .expect("make it version 4");
    }

    /// Takes a current catalogue back to data version 2: its rows, no speaker-name index, no new indexes.
    fn make_version_2(conn: &Connection) {
        make_version_4_rows(conn);
        conn.execute_batch(
            "DROP TRIGGER speakers_index_insert; DROP TRIGGER speakers_index_update;
             DROP TRIGGER speakers_index_delete; DROP TABLE speaker_names; DROP TABLE speaker_names_other;
             DROP VIEW speaker_folded; DROP INDEX events_year; DROP INDEX talks_event_recorded;
             PRAGMA user_version = 2;",
        )
        .expect("make it version 2");
    }

    fn fresh_catalogue() -> Connection {
        let mut conn = Connection::open_in_memory().expect("memory db");
        configure(&conn).expect("configure");
        load_catalogue(&mut conn).expect("load");
        conn
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    #[test]
    fn an_older_view_definition_is_replaced_and_the_folds_stay_the_same() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        configure(&conn).expect("configure");
        load_catalogue(&mut conn).expect("load");
        make_version_4_rows(&conn);
        conn.execute_batch("INSERT INTO speakers (id, name) VALUES (1000000, 'Zoë Ångström'), (1000001, 'Plain Name')")
            .expect("speakers");
        let folds = |conn: &Connection| -> Vec<(i64, String)> {
            conn.prepare("SELECT id, folded FROM speaker_folded ORDER BY id")
                .expect("prepare")
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        let before = folds(&conn);
        // Data version 3's definition: every name through every replace() call.
        conn.execute_batch(
            "DROP VIEW speaker_folded;
             CREATE VIEW speaker_folded(id, folded) AS SELECT id, replace(name, 'ë', 'e') FROM speakers;
             PRAGMA user_version = 3;",
        )
        .expect("old view");
        refresh_catalogue(&mut conn).expect("upgrade");
        assert_eq!(count(&conn, "PRAGMA user_version"), DATA_VERSION);
        let sql: String = conn
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 'speaker_folded'", [], |r| r.get(0))
            .expect("view");
        assert!(sql.contains("NOT GLOB"), "{sql}");
        let after = folds(&conn);
        assert!(before.iter().all(|row| after.contains(row)), "a speaker's fold changed");
        assert!(before.contains(&(1000000, "Zoe Angstrom".to_string())), "{before:?}");
        // A database that is current changes nothing.
        let version: i64 = count(&conn, "PRAGMA schema_version");
        ensure_schema(&conn).expect("again");
        assert_eq!(count(&conn, "PRAGMA schema_version"), version);
    }

    #[test]
    fn the_version_3_upgrade_indexes_every_speaker_and_keeps_user_rows() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        configure(&conn).expect("configure");
        load_catalogue(&mut conn).expect("load");
        make_version_2(&conn);
        conn.execute_batch(
            "INSERT INTO talks (id, event_id, slug, title) VALUES (1000000, 1, 'mine', 'My own talk');
             INSERT INTO notes (talk_id, body) VALUES (1000000, 'my note');
             INSERT INTO favorites (talk_id) VALUES (53);
             INSERT INTO speakers (id, name) VALUES (1000000, 'Zoë Ångström');
             INSERT INTO talk_speakers VALUES (1000000, 1000000, 1);
             UPDATE talks SET title = 'Corrected title' WHERE id = 7;
             CREATE TABLE my_table (x); INSERT INTO my_table VALUES (42);",
        )
        .expect("user rows");
        refresh_catalogue(&mut conn).expect("upgrade");
        // The whole catalogue's speakers, and the user's own.
        let speakers = count(&fresh_catalogue(), "SELECT count(*) FROM speakers") + 1;
        assert_eq!(count(&conn, "PRAGMA user_version"), DATA_VERSION);
        assert_eq!(count(&conn, "SELECT count(*) FROM speakers"), speakers);
        assert_eq!(count(&conn, "SELECT count(*) FROM speaker_names"), speakers, "every speaker indexed");
        assert_eq!(count(&conn, "SELECT rowid FROM speaker_names WHERE speaker_names MATCH '\"zoe angs\"'"), 1000000);
        assert_eq!(count(&conn, "SELECT count(*) FROM notes WHERE talk_id = 1000000 AND body = 'my note'"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM favorites WHERE talk_id = 53"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM talks WHERE id = 7 AND title = 'Corrected title'"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM talk_search WHERE talk_search MATCH 'corrected'"), 1);
        assert_eq!(count(&conn, "SELECT x FROM my_table"), 42);
        // Idempotent: applying the schema again neither fails nor doubles the index.
        ensure_schema(&conn).expect("again");
        assert_eq!(count(&conn, "SELECT count(*) FROM speaker_names"), speakers);
        // The triggers keep it: a renamed and a deleted speaker.
        conn.execute_batch("UPDATE speakers SET name = 'Łukasz Nowak' WHERE id = 1000000").expect("rename");
        assert_eq!(count(&conn, "SELECT rowid FROM speaker_names WHERE speaker_names MATCH '\"lukasz now\"'"), 1000000);
        assert_eq!(count(&conn, "SELECT count(*) FROM speaker_names WHERE speaker_names MATCH '\"zoe angs\"'"), 0);
        conn.execute_batch(
            "DELETE FROM talk_speakers WHERE speaker_id = 1000000; DELETE FROM speakers WHERE id = 1000000",
        )
        .expect("delete");
        assert_eq!(count(&conn, "SELECT count(*) FROM speaker_names"), speakers - 1);
    }

    #[test]
    fn a_non_database_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("notes.txt");
        std::fs::write(&p, "this is not sqlite, just some text that is long enough to be a header").expect("write");
        let err = format!("{:#}", open_file(&p, false).expect_err("must fail"));
        assert!(err.contains("notes.txt") && err.contains("not a database"), "{err}");
    }

    /// `\h`'s examples are written against the talk database: each runs, on its own copy of it
    /// and outside any transaction (BEGIN, ATTACH and VACUUM cannot run inside one).
    #[test]
    fn every_sql_help_example_runs_on_the_catalogue() {
        let mut template = Connection::open_in_memory().expect("db");
        load_catalogue(&mut template).expect("catalogue");
        for (topic, example) in crate::engine::command::sql_help_examples() {
            assert!(!example.is_empty(), "{topic} has no example");
            let mut conn = Connection::open_in_memory().expect("db");
            rusqlite::backup::Backup::new(&template, &mut conn)
                .and_then(|b| b.run_to_completion(1_000_000, std::time::Duration::ZERO, None))
                .expect("copy");
            conn.execute_batch(example).unwrap_or_else(|e| panic!("{topic}: {e}\n{example}"));
        }
    }
}
