//! Any SQLite file the user names: opening it as the sqlite3 shell does, the settings every
//! connection gets, and the files talkcli must never write to or open as a database.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::engine::db::fault::is_storage_fault;
use crate::engine::error::explain;

/// Settings every connection gets: wait for other writers instead of failing, enforce references.
pub fn configure(conn: &Connection) -> Result<()> {
    crate::engine::busy::install(conn)?;
    conn.pragma_update(None, "foreign_keys", true)?;
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

/// The schema name (`main`, `v`) of the open database whose file (or `-wal`, `-shm`, `-journal`)
/// `path` is, if any: output sent to `path` would destroy it.
pub fn database_at(conn: &Connection, path: &Path) -> Option<String> {
    let dbs: Vec<(String, String)> = conn
        .prepare("SELECT name, file FROM pragma_database_list WHERE file <> ''")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .unwrap_or_default();
    dbs.into_iter()
        .find(|(_, file)| {
            ["", "-wal", "-shm", "-journal"].iter().any(|suffix| same_file(Path::new(&format!("{file}{suffix}")), path))
        })
        .map(|(name, _)| name)
}

/// True when `a` and `b` name the same file: the same inode when both exist, else the same place
/// once their directories are resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
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
        Err(e) if crate::engine::error::sql_error_message(&e).starts_with("malformed database schema") => {
            let malformed = crate::engine::error::sql_error_message(&e);
            conn.pragma_update(None, "writable_schema", true)?;
            let again = read(&conn);
            if again.is_ok() {
                crate::engine::error::say(
                    &crate::engine::style::Palette::new(false),
                    crate::engine::error::Level::Warning,
                    Some(&path.display().to_string()),
                    &format!("{malformed}; opened with writable_schema on: .dump saves the data, and the entry can be repaired or deleted in sqlite_schema"),
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
        Err(e) if read_only && is_storage_fault(&e) => {
            refuse_unread_wal(path).with_context(|| format!("cannot open {}", path.display()))?;
            open_immutable(path).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}

/// An immutable reader ignores the write-ahead log, so a database whose `-wal` holds changes (a
/// crash before they were checkpointed) is refused, as sqlite3 refuses it, rather than shown (or
/// backed up) without them.
fn refuse_unread_wal(path: &Path) -> Result<()> {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        bail!(UnreadLog(format!(
            "its write-ahead log {} holds changes, and reading them needs a -shm file that cannot be made \
             here; make the directory writable (or free space) and try again",
            wal.display()
        )));
    }
    Ok(())
}

/// Why a database was not opened read-only: its log holds changes that could not be read.
#[derive(Debug)]
pub(crate) struct UnreadLog(String);

impl std::fmt::Display for UnreadLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UnreadLog {}

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
