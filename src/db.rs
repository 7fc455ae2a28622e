//! Opening databases: the bundled talk database (created on first run from the embedded schema and
//! seed, upgraded when this talkcli ships a newer data version), or any SQLite file given with `--db`.
//!
//! An upgrade keeps the user's data: rows the user added to or changed in the catalogue tables, and
//! every other table (favorites, notes, anything the user created). How it tells the user's rows
//! from the shipped ones is in `upgrade.rs`.

mod upgrade;

pub use upgrade::{SHIPPED, shipped_text};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::error::explain;

/// Bumped whenever `schema.sql` or `seed/` change; stored in `PRAGMA user_version`.
/// 2: `talks.description` (filled by imports).
/// 3: indexes for a big catalogue: `speaker_names` (folded speaker names, trigram), `events_year`,
/// `talks_event_recorded`.
pub const DATA_VERSION: i64 = 3;

/// Imported events and talks get ids from here up, so they never collide with seed ids.
pub const IMPORT_ID_BASE: i64 = 1_000_000;

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

/// Fills the speaker-name index from `speakers` (triggers keep it after that), for a database
/// that had speakers before the index existed.
pub const REBUILD_SPEAKER_NAMES: &str = "
DELETE FROM speaker_names;
DELETE FROM speaker_names_other;
INSERT INTO speaker_names (rowid, name) SELECT id, folded FROM speaker_folded;
INSERT INTO speaker_names_other (id) SELECT id FROM speaker_folded WHERE folded GLOB '*[^ -~]*';
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
    crate::busy::install(conn)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Foreign keys on or off for this connection: `setting`, else on for the bundled database (its
/// references hold) and off for any other file, which is sqlite3's default (the bundled SQLite
/// library is built with them on, so this is always said explicitly).
pub fn set_foreign_keys(conn: &Connection, bundled: bool, setting: Option<bool>) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", setting.unwrap_or(bundled))?;
    Ok(())
}

/// Whether `conn` has the bundled database open.
pub fn is_bundled(conn: &Connection) -> bool {
    match (conn.path().filter(|p| !p.is_empty()), bundled_path()) {
        (Some(open), Ok(bundled)) => Path::new(open).canonicalize().ok() == bundled.canonicalize().ok(),
        _ => false,
    }
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
    let path = bundled_path()?;
    let dir = path.parent().context("data directory has no parent")?.to_path_buf();
    remove_stale_partials(&dir, &path);
    if !path.exists() {
        let made = crate::userfile::create_private_dir(&dir)
            .with_context(|| format!("cannot create data directory {}", dir.display()))
            .and_then(|()| create_bundled(&path));
        if let Err(e) = made
            && !path.exists()
        {
            let conn = in_memory_copy()?;
            let warning = format!("{e:#}; using a read-only copy of the talk database in memory");
            return Ok(Bundled { conn, path, warning: Some(warning) });
        }
    }
    if read_only {
        let conn = open_file(&path, true)?;
        return Ok(Bundled { conn, path, warning: None });
    }
    match open_writable(&path) {
        Ok(conn) => Ok(Bundled { conn, path, warning: None }),
        Err(e) if is_storage_fault(&e) => {
            let Ok(conn) = open_file(&path, true) else { return Err(e) };
            let reason = dir_problem(&dir).map_or_else(|| fault_words(&e), str::to_string);
            let warning = format!("cannot write to {} ({reason}); opened it read-only", path.display());
            Ok(Bundled { conn, path, warning: Some(warning) })
        }
        Err(e) => Err(e),
    }
}

fn open_writable(path: &Path) -> Result<Connection> {
    let mut conn = open_file(path, false)?;
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .map_err(explain)
        .with_context(|| format!("cannot open {}", path.display()))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0))
            .map_err(explain)
            .with_context(|| format!("cannot switch {} to WAL mode", path.display()))?;
    }
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        bail!(Fault("the file is read-only to you"));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < DATA_VERSION {
        refresh_catalogue(&mut conn)
            .with_context(|| format!("cannot refresh the talk catalogue in {}", path.display()))?;
    }
    Ok(conn)
}

/// A storage problem found without an SQLite error to show it.
#[derive(Debug)]
struct Fault(&'static str);

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Fault {}

/// True when `e` comes from storage that cannot be written (permissions, a read-only file system,
/// a full disk, an I/O error) rather than from the database's content or a lock.
fn is_storage_fault(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode;
    e.chain().any(|c| {
        c.downcast_ref::<Fault>().is_some()
            || c.downcast_ref::<rusqlite::Error>().and_then(rusqlite::Error::sqlite_error_code).is_some_and(|code| {
                matches!(
                    code,
                    ErrorCode::ReadOnly
                        | ErrorCode::CannotOpen
                        | ErrorCode::SystemIoFailure
                        | ErrorCode::DiskFull
                        | ErrorCode::PermissionDenied
                )
            })
            || c.downcast_ref::<std::io::Error>().is_some()
    }) || format!("{e:#}").contains("readonly database")
}

/// The storage problem in a few words.
fn fault_words(e: &anyhow::Error) -> String {
    for c in e.chain() {
        if let Some(f) = c.downcast_ref::<Fault>() {
            return f.to_string();
        }
        if let Some(sql) = c.downcast_ref::<rusqlite::Error>() {
            return crate::error::sql_error_message(sql);
        }
    }
    e.root_cause().to_string()
}

/// Why `dir` cannot take writes, when the system can say: a read-only mount, no permission, a
/// full disk.
fn dir_problem(dir: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c` is a valid NUL-terminated path; access() and statvfs() only read it.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0 {
        return match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EROFS) => Some("its directory is on a read-only file system"),
            Some(libc::EACCES | libc::EPERM) => Some("you may not write in its directory"),
            _ => None,
        };
    }
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: as above; `st` is a properly sized out-parameter.
    if unsafe { libc::statvfs(c.as_ptr(), &raw mut st) } == 0 && st.f_bavail == 0 {
        return Some("the disk is full");
    }
    None
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
        if pid > 0 && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists; it sends nothing.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Builds the bundled database at a temporary name and renames it into place, so an interrupted
/// first run never leaves a half-built database behind. The file is the user's only.
fn create_bundled(path: &Path) -> Result<()> {
    let tmp = path.with_extension(format!("db.partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<()> {
        drop(crate::userfile::create_private(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?);
        let mut conn = Connection::open(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        configure(&conn)?;
        load_catalogue(&mut conn).with_context(|| format!("cannot build {}", tmp.display()))?;
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
    let had_index: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'speaker_names'", [], |r| r.get(0))?;
    conn.execute_batch(SCHEMA).context("schema.sql")?;
    if !had_index {
        // Its triggers see new speakers only: the ones already there are indexed now.
        conn.execute_batch(REBUILD_SPEAKER_NAMES).context("building the speaker-name index")?;
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

/// Refuses `dest` as a file to write output or a backup to when it is one of the open databases or
/// their `-wal`, `-shm` or `-journal` files (directly, by another name, or through a symlink):
/// writing there would destroy the database. One line that says which.
pub fn refuse_database_file(conn: &Connection, dest: &Path) -> Result<()> {
    let files: Vec<String> = conn
        .prepare("SELECT file FROM pragma_database_list WHERE file <> ''")
        .and_then(|mut st| st.query_map([], |r| r.get::<_, String>(0))?.collect())
        .unwrap_or_default();
    for file in files {
        for (suffix, what) in [
            ("", "the open database itself"),
            ("-wal", "the open database's write-ahead log"),
            ("-shm", "the open database's shared-memory file"),
            ("-journal", "the open database's journal"),
        ] {
            let part = PathBuf::from(format!("{file}{suffix}"));
            if same_file(&part, dest) {
                bail!("{} is {what}; choose another file", dest.display());
            }
        }
    }
    Ok(())
}

/// True when `a` and `b` name the same file: the same inode when both exist, else the same place
/// once their directories are resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
        return x.dev() == y.dev() && x.ino() == y.ino();
    }
    let resolved = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        // A symlink whose target does not exist yet writes to that target.
        if let Ok(target) = std::fs::read_link(p) {
            let base = p.parent().unwrap_or(Path::new("."));
            let full = if target.is_absolute() { target } else { base.join(target) };
            return full.parent()?.canonicalize().ok().map(|d| d.join(full.file_name().unwrap_or_default()));
        }
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y)
}

/// A directory, FIFO or socket cannot hold a database: one clear line instead of SQLite's
/// `disk I/O error`. Looks without opening, so a FIFO never blocks. Devices are left to SQLite
/// (`/dev/null` opens as an empty database, as in sqlite3).
pub fn refuse_special_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(kind) = std::fs::metadata(path).map(|m| m.file_type()) else { return Ok(()) };
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else {
        return Ok(());
    };
    bail!("{} is {what}, not a database file", path.display())
}

/// Opens any SQLite file as the sqlite3 shell does: created empty when missing (unless read-only).
pub fn open_file(path: &Path, read_only: bool) -> Result<Connection> {
    refuse_special_file(path)?;
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_URI
    };
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| match e.sqlite_error_code() {
            // rusqlite appends the path to this one, and the context names it already.
            Some(rusqlite::ErrorCode::CannotOpen) => anyhow::anyhow!("unable to open database file"),
            _ => explain(e),
        })
        .with_context(|| format!("cannot open {}", path.display()))?;
    configure(&conn)?;
    // Reading the schema catches "file is not a database" now rather than at the first query.
    let read = |conn: &Connection| conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0));
    let checked = match read(&conn) {
        // A broken entry in the schema: sqlite3 opens such a file and lets .dump read it. With
        // writable_schema on, SQLite skips the entry it cannot parse, so the rest works and the
        // user can dump the data or repair the entry.
        Err(e) if crate::error::sql_error_message(&e).starts_with("malformed database schema") => {
            let malformed = crate::error::sql_error_message(&e);
            conn.pragma_update(None, "writable_schema", true)?;
            let again = read(&conn);
            if again.is_ok() {
                eprintln!(
                    "warning: {}: {malformed}; opened with writable_schema on: .dump saves the data, and the entry can be repaired or deleted in sqlite_schema",
                    path.display()
                );
            }
            again
        }
        other => other,
    }
    .map_err(explain)
        .with_context(|| format!("cannot open {}", path.display()));
    match checked {
        Ok(_) => Ok(conn),
        // A WAL database in a directory that cannot be written, or on a full disk, cannot get the
        // shared-memory file readers need: read it as an unchanging file instead.
        Err(e) if read_only && is_storage_fault(&e) => open_immutable(path).map_err(|_| e),
        Err(e) => Err(e),
    }
}

/// Opens `path` read-only as a file nobody changes (`immutable=1`): no locks, no `-shm` file.
fn open_immutable(path: &Path) -> Result<Connection> {
    let text = path.to_str().with_context(|| format!("{}: not a UTF-8 path", path.display()))?;
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", u32::from(c))),
            _ => uri.push(c),
        }
    }
    let conn = Connection::open_with_flags(
        format!("{uri}?mode=ro&immutable=1"),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&conn)?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
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

    /// Takes a current catalogue back to data version 2: no speaker-name index, no new indexes.
    fn make_version_2(conn: &Connection) {
        conn.execute_batch(
            "DROP TRIGGER speakers_index_insert; DROP TRIGGER speakers_index_update;
             DROP TRIGGER speakers_index_delete; DROP TABLE speaker_names; DROP TABLE speaker_names_other;
             DROP VIEW speaker_folded; DROP INDEX events_year; DROP INDEX talks_event_recorded;
             PRAGMA user_version = 2;",
        )
        .expect("make it version 2");
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).expect(sql)
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
        let speakers = count(&conn, "SELECT count(*) FROM speakers");
        refresh_catalogue(&mut conn).expect("upgrade");
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
        assert_eq!(count(&conn, "SELECT count(*) FROM speaker_names WHERE speaker_names MATCH '\"zoe\"'"), 0);
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
}
