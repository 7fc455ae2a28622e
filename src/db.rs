//! Opening databases: the bundled talk database (created on first run from the embedded schema and
//! seed, refreshed when this talkcli ships a newer data version), or any SQLite file given with `--db`.
//!
//! The refresh keeps the user's data. It deletes and reloads the catalogue tables only, in one
//! transaction, with foreign-key actions off so nothing cascades into the user's own tables (which
//! may refer to talks: seed ids are stable, so those references stay valid). Tables outside the
//! catalogue set (favorites, notes, anything the user created) are never touched. Events and talks
//! the user imported carry ids from `IMPORT_ID_BASE` up, which no seed uses: they are saved before the
//! reload and put back after it, with their speakers and tags relinked by name. Where an imported
//! row collides with a bundled one (same event slug, or same talk file in the same event) the
//! bundled row wins; talks imported into a bundled event are put back into it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::error::explain;
use crate::settings::busy_timeout;

/// Bumped whenever `schema.sql` or `seed/` change; stored in `PRAGMA user_version`.
/// 2: `talks.description` (filled by imports).
pub const DATA_VERSION: i64 = 2;

/// Imported events and talks get ids from here up, so they never collide with seed ids.
pub const IMPORT_ID_BASE: i64 = 1_000_000;

/// The tables a catalogue refresh rebuilds; every other table belongs to the user.
pub const CATALOGUE_TABLES: &[&str] = &[
    "mentions",
    "writeup_projects",
    "writeups",
    "projects",
    "talk_tags",
    "talk_speakers",
    "talks",
    "tags",
    "speakers",
    "events",
];

/// Columns added after data version 1, for databases made before them: (table, column, definition).
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[("talks", "description", "TEXT")];

pub const SCHEMA: &str = include_str!("../schema.sql");

/// The seed files, in load order, with the names error messages use.
pub const SEED: &[(&str, &str)] = &[
    ("seed/catalogue.sql", include_str!("../seed/catalogue.sql")),
    ("seed/writeups.sql", include_str!("../seed/writeups.sql")),
];

/// Fills the full-text index from the catalogue tables; rowid = talks.id.
pub const REBUILD_SEARCH: &str = "
DELETE FROM talk_search;
INSERT INTO talk_search (rowid, title, speakers, tags, takeaways)
SELECT t.id, t.title,
       (SELECT group_concat(s.name, ' ') FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
         WHERE ts.talk_id = t.id),
       (SELECT group_concat(g.name, ' ') FROM talk_tags tt JOIN tags g ON g.id = tt.tag_id
         WHERE tt.talk_id = t.id),
       (SELECT group_concat(m.takeaway, ' ') FROM mentions m WHERE m.talk_id = t.id)
FROM talks t;
";

/// `$XDG_DATA_HOME/talkcli`, else `~/.local/share/talkcli`.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(xdg);
        if p.is_absolute() {
            return Ok(p.join("talkcli"));
        }
    }
    let home = std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .context("cannot find the data directory: HOME is not set")?;
    Ok(PathBuf::from(home).join(".local/share/talkcli"))
}

/// Where the bundled database lives.
pub fn bundled_path() -> Result<PathBuf> {
    Ok(data_dir()?.join("talks.db"))
}

/// Settings every connection gets: wait for other writers instead of failing, enforce references.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(busy_timeout())?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Opens the bundled database, creating it on first run and refreshing its catalogue when it was
/// made by an older data version. It runs in WAL mode, so readers never wait for a writer.
pub fn open_bundled(read_only: bool) -> Result<(Connection, PathBuf)> {
    let path = bundled_path()?;
    if !path.exists() {
        let dir = path.parent().context("data directory has no parent")?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create data directory {}", dir.display()))?;
        create_bundled(&path)?;
    }
    let mut conn = open_file(&path, read_only)?;
    if !read_only {
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(explain)
            .with_context(|| format!("cannot open {}", path.display()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0))
                .map_err(explain)
                .with_context(|| format!("cannot switch {} to WAL mode", path.display()))?;
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version < DATA_VERSION {
            refresh_catalogue(&mut conn)
                .with_context(|| format!("cannot refresh the talk catalogue in {}", path.display()))?;
        }
    }
    Ok((conn, path))
}

/// Builds the bundled database at a temporary name and renames it into place, so an interrupted
/// first run never leaves a half-built database behind.
fn create_bundled(path: &Path) -> Result<()> {
    let tmp = path.with_extension(format!("db.partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<()> {
        let mut conn = Connection::open(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        configure(&conn)?;
        load_catalogue(&mut conn)?;
        conn.close().map_err(|(_, e)| e)?;
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
    result
}

/// Applies the schema and loads the seed in one transaction and stamps the data version.
pub fn load_catalogue(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA).context("schema.sql")?;
    for (name, sql) in SEED {
        tx.execute_batch(sql).with_context(|| format!("loading {name}"))?;
    }
    tx.execute_batch(REBUILD_SEARCH).context("building the search index")?;
    tx.pragma_update(None, "user_version", DATA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Brings an older database's schema up to date: added columns, then every table, index and view
/// of `schema.sql` that is missing. Safe on current databases and on empty files.
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
    conn.execute_batch(SCHEMA).context("schema.sql")?;
    Ok(())
}

/// Reloads the catalogue tables from the bundled seed in one transaction, keeping the user's tables
/// and imported events and talks (see the module comment), and stamps the data version. Does
/// nothing when the database is already at this data version.
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
    let base = IMPORT_ID_BASE;
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.keep_events; DROP TABLE IF EXISTS temp.keep_talks;
         DROP TABLE IF EXISTS temp.keep_speakers; DROP TABLE IF EXISTS temp.keep_tags;
         CREATE TEMP TABLE keep_events AS SELECT * FROM main.events WHERE id >= {base};
         CREATE TEMP TABLE keep_talks AS
           SELECT t.*, e.slug AS keep_event_slug FROM main.talks t JOIN main.events e ON e.id = t.event_id
           WHERE t.id >= {base};
         CREATE TEMP TABLE keep_speakers AS
           SELECT ts.talk_id, s.name, ts.position FROM main.talk_speakers ts
           JOIN main.speakers s ON s.id = ts.speaker_id WHERE ts.talk_id >= {base};
         CREATE TEMP TABLE keep_tags AS
           SELECT tt.talk_id, g.name FROM main.talk_tags tt JOIN main.tags g ON g.id = tt.tag_id
           WHERE tt.talk_id >= {base};"
    ))
    .context("saving imported talks")?;
    for table in CATALOGUE_TABLES {
        tx.execute_batch(&format!("DELETE FROM main.{table}")).with_context(|| format!("clearing {table}"))?;
    }
    // Derived objects are recreated from this version's schema.sql.
    tx.execute_batch("DROP VIEW IF EXISTS main.talk_overview; DROP TABLE IF EXISTS main.talk_search;")?;
    tx.execute_batch(SCHEMA).context("schema.sql")?;
    for (name, sql) in SEED {
        tx.execute_batch(sql).with_context(|| format!("loading {name}"))?;
    }
    restore_imported(&tx).context("restoring imported talks")?;
    tx.execute_batch(
        "DROP TABLE temp.keep_events; DROP TABLE temp.keep_talks;
         DROP TABLE temp.keep_speakers; DROP TABLE temp.keep_tags;",
    )?;
    tx.execute_batch(REBUILD_SEARCH).context("building the search index")?;
    for table in CATALOGUE_TABLES {
        let problems: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check(?1)", [table], |r| r.get(0))?;
        if problems > 0 {
            bail!("the refreshed {table} table has {problems} broken reference(s); nothing was changed");
        }
    }
    tx.pragma_update(None, "user_version", DATA_VERSION)?;
    tx.commit().map_err(explain)?;
    Ok(())
}

/// Puts saved imported rows back after a reload; bundled rows win any collision.
fn restore_imported(conn: &Connection) -> Result<()> {
    // The saved columns this version's table still has, quoted (event_id is remapped by slug).
    let columns = |table: &str, saved: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(
            "SELECT name FROM pragma_table_info(?1, 'main')
             WHERE name IN (SELECT name FROM pragma_table_info(?2, 'temp')) AND name <> 'event_id' ORDER BY cid",
        )?;
        let names = stmt.query_map([table, saved], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(names.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect())
    };
    let cols = columns("events", "keep_events")?.join(", ");
    conn.execute_batch(&format!("INSERT OR IGNORE INTO main.events ({cols}) SELECT {cols} FROM temp.keep_events"))?;
    let cols = columns("talks", "keep_talks")?;
    let saved_cols = cols.iter().map(|c| format!("k.{c}")).collect::<Vec<_>>().join(", ");
    let cols = cols.join(", ");
    conn.execute_batch(&format!(
        "INSERT OR IGNORE INTO main.talks ({cols}, event_id)
         SELECT {saved_cols}, e.id FROM temp.keep_talks k JOIN main.events e ON e.slug = k.keep_event_slug"
    ))?;

    let mut people: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT id, name FROM main.speakers ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            people.entry(crate::import::names::person_key(&name)).or_insert(id);
        }
    }
    let saved: Vec<(i64, String, i64)> = conn
        .prepare(
            "SELECT k.talk_id, k.name, k.position FROM temp.keep_speakers k
             WHERE k.talk_id IN (SELECT id FROM main.talks) ORDER BY k.talk_id, k.position",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut link =
        conn.prepare("INSERT OR IGNORE INTO main.talk_speakers (talk_id, speaker_id, position) VALUES (?1, ?2, ?3)")?;
    for (talk_id, name, position) in saved {
        let key = crate::import::names::person_key(&name);
        let id = match people.get(&key) {
            Some(id) => *id,
            None => {
                conn.execute("INSERT INTO main.speakers (name) VALUES (?1)", [&name])?;
                let id = conn.last_insert_rowid();
                people.insert(key, id);
                id
            }
        };
        link.execute(rusqlite::params![talk_id, id, position])?;
    }
    conn.execute_batch(
        "INSERT OR IGNORE INTO main.tags (name) SELECT DISTINCT lower(name) FROM temp.keep_tags
           WHERE talk_id IN (SELECT id FROM main.talks);
         INSERT OR IGNORE INTO main.talk_tags (talk_id, tag_id)
           SELECT k.talk_id, g.id FROM temp.keep_tags k JOIN main.tags g ON g.name = k.name
           WHERE k.talk_id IN (SELECT id FROM main.talks);",
    )?;
    Ok(())
}

/// Opens any SQLite file as the sqlite3 shell does: created empty when missing (unless read-only).
pub fn open_file(path: &Path, read_only: bool) -> Result<Connection> {
    if path.is_dir() {
        bail!("{} is a directory, not a database file", path.display());
    }
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_URI
    };
    let conn = Connection::open_with_flags(path, flags)
        .map_err(explain)
        .with_context(|| format!("cannot open {}", path.display()))?;
    configure(&conn)?;
    // Reading the schema catches "file is not a database" now rather than at the first query.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
        .map_err(explain)
        .with_context(|| format!("cannot open {}", path.display()))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_non_database_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("notes.txt");
        std::fs::write(&p, "this is not sqlite, just some text that is long enough to be a header").expect("write");
        let err = format!("{:#}", open_file(&p, false).expect_err("must fail"));
        assert!(err.contains("notes.txt") && err.contains("not a database"), "{err}");
    }
}
