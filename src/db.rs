//! Opening databases: the bundled talk database (created on first run from the embedded schema and
//! seed), or any SQLite file given with `--db`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

/// Bumped whenever `schema.sql` or `seed/` change; stored in `PRAGMA user_version`.
pub const DATA_VERSION: i64 = 1;

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
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Opens the bundled database, creating it on first run.
pub fn open_bundled() -> Result<(Connection, PathBuf)> {
    let path = bundled_path()?;
    if !path.exists() {
        let dir = path.parent().context("data directory has no parent")?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create data directory {}", dir.display()))?;
        create_bundled(&path)?;
    }
    let conn = open_file(&path, false)?;
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
        std::fs::rename(&tmp, path).with_context(|| format!("cannot move the new database to {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
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
    let conn = Connection::open_with_flags(path, flags).with_context(|| format!("cannot open {}", path.display()))?;
    // Reading the schema catches "file is not a database" now rather than at the first query.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
        .with_context(|| format!("cannot open {}", path.display()))?;
    configure(&conn)?;
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
