//! Importers that bring outside data into the current database: pyvideo event folders into the
//! catalogue tables, CSV files into any table. Each runs in one transaction, so an import either
//! happens completely or not at all.

pub mod csv;
pub mod names;
mod progress;
pub mod pyvideo;

use anyhow::Result;
use rusqlite::Connection;

/// An import's transaction: its own (`BEGIN IMMEDIATE`, so it waits for other writers up front
/// instead of failing half-way) or, inside a transaction the user opened, a savepoint in it.
/// Dropped without `commit`, it undoes everything the import wrote.
pub(crate) struct ImportTx<'c> {
    conn: &'c Connection,
    savepoint: bool,
    done: bool,
}

impl<'c> ImportTx<'c> {
    pub(crate) fn begin(conn: &'c Connection) -> Result<Self> {
        let savepoint = !conn.is_autocommit();
        let sql = if savepoint { "SAVEPOINT talkcli_import" } else { "BEGIN IMMEDIATE" };
        conn.execute_batch(sql).map_err(crate::db::explain)?;
        Ok(ImportTx { conn, savepoint, done: false })
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        let sql = if self.savepoint { "RELEASE talkcli_import" } else { "COMMIT" };
        self.conn.execute_batch(sql).map_err(crate::db::explain)?;
        self.done = true;
        Ok(())
    }
}

impl std::ops::Deref for ImportTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for ImportTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let sql = if self.savepoint { "ROLLBACK TO talkcli_import; RELEASE talkcli_import" } else { "ROLLBACK" };
            let _ = self.conn.execute_batch(sql);
        }
    }
}
