//! The SQL functions and collations the sqlite3 shell registers on every connection (from the
//! extensions bundled into its shell.c), so scripts using them run here too: `regexp` (the REGEXP
//! operator) and `regexpi`, `generate_series`, `sha3` and `sha3_query`, the `ieee754` family, the
//! `decimal` functions and collation, the `uint` collation, `readfile`/`writefile`, `fsdir` and
//! `lsmode` (the file ones refused in safe mode, see `safe_mode`).

mod decimal;
mod fileio;
mod fsdir;
mod ieee754;
mod regexp;
mod sha3;
mod uint;

use anyhow::{Context, Result};
use rusqlite::Connection;

/// Registers them all on `conn`.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    regexp::register(conn).context("regexp")?;
    rusqlite::vtab::series::load_module(conn).context("generate_series")?;
    sha3::register(conn).context("sha3")?;
    ieee754::register(conn).context("ieee754")?;
    decimal::register(conn).context("decimal")?;
    uint::register(conn).context("uint collation")?;
    fileio::register(conn).context("readfile/writefile")?;
    fsdir::register(conn).context("fsdir")?;
    crate::sqlite3::safe_mode::guard(conn);
    Ok(())
}
