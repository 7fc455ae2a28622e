//! Read-only connections to the session's main database file, beside the session's own, kept open
//! between commands: for work that splits across threads (`\search` ranking tens of thousands of
//! matches), so a repeated command neither reopens the file nor parses its schema again.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// The connections and the file they read (path and identity, so a file replaced at the same path
/// is not read through connections to the old one).
#[derive(Default)]
pub struct Readers {
    file: Option<(PathBuf, FileId)>,
    conns: Vec<Connection>,
}

/// Device and inode: what tells a replaced file from the one the connections have open.
type FileId = (u64, u64);

fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The main database's file, or `None` for an in-memory or temporary one.
pub fn main_file(conn: &Connection) -> Option<PathBuf> {
    conn.query_row("SELECT file FROM pragma_database_list WHERE name = 'main'", [], |r| r.get::<_, String>(0))
        .ok()
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
}

/// A read-only connection to `path` for one thread's use (no SQLite mutex): what every reader
/// beside the session's connection opens.
pub fn open_read_only(path: impl AsRef<Path>) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

impl Readers {
    /// `n` connections to `path`, opening the missing ones (the first use pays for the opening, on
    /// the caller's thread: a few hundred microseconds each). `None` when the file cannot be read
    /// that way; the caller then does the work on its own connection.
    pub fn get(&mut self, path: &Path, n: usize) -> Option<&mut [Connection]> {
        let id = file_id(path)?;
        if self.file.as_ref().is_none_or(|(p, i)| p != path || *i != id) {
            self.conns.clear();
            self.file = Some((path.to_path_buf(), id));
        }
        while self.conns.len() < n {
            let conn = open_read_only(path).ok()?;
            self.conns.push(conn);
        }
        Some(&mut self.conns[..n])
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::readers::*;

    #[test]
    fn connections_are_kept_and_renewed_when_the_file_is_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        Connection::open(&path).expect("db").execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").expect("t");
        let mut readers = Readers::default();
        let count = |c: &Connection| c.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0)).expect("count");
        assert_eq!(readers.get(&path, 2).map(|cs| cs.iter().map(count).collect::<Vec<_>>()), Some(vec![1, 1]));
        // A temporary table lives as long as its connection.
        let marked =
            |r: &mut Readers| r.get(&path, 1).is_some_and(|cs| cs[0].prepare("SELECT * FROM temp.mark").is_ok());
        readers.get(&path, 1).expect("reader")[0].execute_batch("CREATE TEMP TABLE mark(x)").expect("mark");
        assert!(marked(&mut readers), "kept, not reopened");
        assert!(readers.get(&path, 1).is_some_and(|cs| cs[0].execute_batch("INSERT INTO t VALUES (2)").is_err()));

        // A new file at the same path: the old connections would read the deleted one.
        std::fs::remove_file(&path).expect("rm");
        Connection::open(&path).expect("db").execute_batch("CREATE TABLE t(x);").expect("t");
        assert_eq!(readers.get(&path, 1).map(|cs| count(&cs[0])), Some(0));
        assert!(!marked(&mut readers));
        assert!(readers.get(&dir.path().join("missing.db"), 1).is_none());
    }
}
