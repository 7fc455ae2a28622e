//! Importers that bring outside data into the current database: pyvideo event folders into the
//! catalogue tables, CSV files into any table. Each runs in one transaction, so an import either
//! happens completely or not at all.

pub(crate) mod csv_import;
pub(crate) mod progress;

use anyhow::Result;
use rusqlite::Connection;

/// A SQLite error as one line. rusqlite's error carries SQLite's message twice (its own text and
/// its source's), which `{:#}` would print both of.
pub(crate) fn sql_error(e: rusqlite::Error) -> anyhow::Error {
    anyhow::anyhow!("{}", crate::engine::error::sql_error_message(&e))
}

/// `e` with any rusqlite error in its chain reduced to SQLite's message, once, after the context
/// added above it (`cannot create table t: attempt to write a readonly database`).
pub(crate) fn one_message(e: anyhow::Error) -> anyhow::Error {
    if !e.chain().any(|c| c.downcast_ref::<rusqlite::Error>().is_some()) {
        return e;
    }
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(sql) = cause.downcast_ref::<rusqlite::Error>() {
            parts.push(crate::engine::error::sql_error_message(sql));
            break;
        }
        parts.push(cause.to_string());
    }
    anyhow::anyhow!("{}", parts.join(": "))
}

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
        conn.execute_batch(sql).map_err(crate::engine::error::explain)?;
        Ok(ImportTx { conn, savepoint, done: false })
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        let sql = if self.savepoint { "RELEASE talkcli_import" } else { "COMMIT" };
        self.conn.execute_batch(sql).map_err(crate::engine::error::explain)?;
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
