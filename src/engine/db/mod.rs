//! Any SQLite file the user names: opening it as the sqlite3 shell does, telling storage faults
//! apart, and the home database a pack provides for when no file is named.

pub(crate) mod fault;
pub(crate) mod files;

use std::path::PathBuf;

use anyhow::{Result, bail};
use rusqlite::Connection;

/// A database opened for the session, with its path and one line for the user when it could only
/// be opened in a lesser way (read-only, or a copy in memory).
pub struct Opened {
    pub conn: Connection,
    pub path: PathBuf,
    pub warning: Option<String>,
}

/// Opens the home database (read-only when asked): what `talkcli` alone and `\c` without a file
/// open. The talks pack provides it.
pub type HomeOpener = fn(bool) -> Result<Opened>;

static HOME: std::sync::OnceLock<HomeOpener> = std::sync::OnceLock::new();

/// Registers the home database, once per process (see `crate::install_packs`).
pub fn install_home(open: HomeOpener) {
    let _ = HOME.set(open);
}

/// Opens the home database.
pub fn open_home(read_only: bool) -> Result<Opened> {
    match HOME.get() {
        Some(open) => open(read_only),
        None => bail!("no home database is installed: name a database file"),
    }
}

/// Foreign keys on or off for this connection: `setting`, else on for the home database (its
/// references hold) and off for any other file, which is sqlite3's default (the bundled SQLite
/// library is built with them on, so this is always said explicitly).
pub fn set_foreign_keys(conn: &Connection, home: bool, setting: Option<bool>) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", setting.unwrap_or(home))?;
    Ok(())
}
