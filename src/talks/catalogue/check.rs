//! What is at the bundled database's path before it is opened, so that nothing there is silently
//! taken for the catalogue: an empty file (or a dangling link) would otherwise be stamped as a
//! current but empty catalogue, a damaged file would lock the user out, a SQLite file that is not
//! a catalogue would get its schema and WAL mode, and a file from a newer talkcli would be
//! written by one that does not know its data version.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::talks::catalogue::DATA_VERSION;

/// The file at the bundled path.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// Nothing there (after following links): the first run builds it.
    Missing,
    /// A zero-length file, or a SQLite file without a single table: nothing to keep, rebuilt.
    Empty,
    /// A talk catalogue, possibly of an older data version (upgraded as usual).
    Catalogue,
    /// A talk catalogue from a newer talkcli (its data version): opened read-only.
    Newer(i64),
    /// A SQLite database with tables, but not a talk catalogue: never modified.
    Foreign,
    /// Not readable as SQLite (truncated, overwritten, a bad header), with SQLite's words.
    Damaged(String),
}

/// Looks at `path` (links already followed) without changing it.
pub(super) fn inspect(path: &Path) -> Found {
    let Ok(meta) = std::fs::metadata(path) else { return Found::Missing };
    if meta.len() == 0 {
        return Found::Empty;
    }
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        // Not openable at all (permissions, …): the usual open reports it.
        return Found::Catalogue;
    };
    // The common case, a catalogue this talkcli made, is told from the header alone: reading the
    // schema would parse every view and trigger once more before the session's own open does.
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(version) if (1..=DATA_VERSION).contains(&version) => return Found::Catalogue,
        Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)) => {
            return Found::Damaged(crate::engine::error::sql_error_message(&e));
        }
        _ => {}
    }
    let read = conn.query_row(
        "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'talks'),
                (SELECT count(*) FROM sqlite_schema WHERE type = 'table'),
                (SELECT user_version FROM pragma_user_version)",
        [],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
    );
    match read {
        Ok((_, 0, _)) => Found::Empty,
        Ok((0, _, _)) => Found::Foreign,
        Ok((_, _, version)) if version > DATA_VERSION => Found::Newer(version),
        Ok(_) => Found::Catalogue,
        Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)) => {
            Found::Damaged(crate::engine::error::sql_error_message(&e))
        }
        // Busy, a read-only directory's WAL, …: the usual open deals with those.
        Err(_) => Found::Catalogue,
    }
}

/// The one line said when the file cannot serve as the catalogue: what it is, that it was left
/// alone, and the ways out.
pub(super) fn refusal(path: &Path, found: &Found) -> String {
    let p = path.display();
    let what = match found {
        Found::Foreign => "is a SQLite database but not a talk catalogue (it has no talks table)".to_string(),
        Found::Damaged(why) => format!("is damaged ({why})"),
        _ => "cannot be used".to_string(),
    };
    format!(
        "{p} {what}; it was left as it is and a read-only copy of the catalogue in memory is used. To \
         save what it holds: sqlite3 {p} .recover > saved.sql (or .dump); to start afresh: move it aside \
         and run talkcli again"
    )
}

/// The warning for a catalogue made by a newer talkcli.
pub(super) fn newer(path: &Path, version: i64) -> String {
    format!(
        "{} was made by a newer talkcli (data version {version}; this one knows {DATA_VERSION}): opened it \
         read-only",
        path.display()
    )
}
