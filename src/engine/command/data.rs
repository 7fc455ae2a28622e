//! Backing up the open database (`\\backup`, sqlite3's `.backup`/`.save`) and the one way commands
//! report what they did to the data (on stderr, so stdout carries only data).

use anyhow::Result;

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\backup",
    aliases: &[".backup", ".save"],
    args: &[Arg::Optional(&[Arg::Value("DB", Offer::Free)]), Arg::Value("FILE", Offer::Files)],
    summary: "copy the open database to FILE (online backup, safe while in use)",
    help: "Copies the whole database to FILE with SQLite's online backup API; FILE is replaced if it exists.\n\nExamples:\n  \\backup talks-2024-05-01.db",
    shows: &[],
    run: Handler::Acts(backup),
}];

fn backup(s: &mut Session, inv: &Invocation) -> Result<()> {
    // sqlite3's `.backup ?DB? FILE` names an attached database first.
    let (db, file) = (inv.bound.get("DB").unwrap_or("main"), inv.bound.need("FILE")?);
    let dest = expand_home(file);
    crate::engine::db::files::refuse_special_file(&dest)?;
    crate::engine::db::files::refuse_database_file(&s.conn, &dest)?;
    let existed = dest.exists();
    let copied = copy_database(&s.conn, db, &dest);
    if copied.is_err() && !existed {
        // Nothing was backed up: no empty or partial file is left to be taken for a backup.
        let _ = std::fs::remove_file(&dest);
        let _ = std::fs::remove_file(format!("{}-journal", dest.display()));
    }
    copied.map_err(|e| {
        let message = match e {
            BackupError::Interrupted => "interrupted; nothing was backed up".to_string(),
            BackupError::OwnTransaction => {
                "this session's own transaction is open: COMMIT or ROLLBACK it first".to_string()
            }
            BackupError::Sql(e) if !s.conn.is_autocommit() && is_locked(&e) => {
                "this session's own transaction is open: COMMIT or ROLLBACK it first".to_string()
            }
            BackupError::Sql(e) => {
                // SQLite names the file it could not open; the context below names it already.
                let message = crate::engine::error::sql_error_message(&e);
                let suffix = format!(": {}", dest.display());
                message.strip_suffix(&suffix).unwrap_or(&message).to_string()
            }
        };
        anyhow::anyhow!("cannot back up to {}: {message}", dest.display())
    })?;
    status(s, &format!("backed up to {}", dest.display()));
    Ok(())
}

enum BackupError {
    Interrupted,
    /// The session's own open transaction holds the lock the copy needs: waiting cannot help.
    OwnTransaction,
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Sql(e)
    }
}

fn is_locked(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// SQLite's online backup of `db` into `dest`, a few pages a step so that Ctrl-C stops it between
/// steps (the copy's transaction is then rolled back). A lock another connection holds is waited
/// out, as SQLite's own backup loop does.
fn copy_database(conn: &rusqlite::Connection, db: &str, dest: &std::path::Path) -> Result<(), BackupError> {
    use rusqlite::backup::{Backup, StepResult};
    // Before the copy's file exists: a Ctrl-C from then on is the user's answer to this backup.
    crate::engine::interrupt::clear();
    let mut target = rusqlite::Connection::open(dest)?;
    let backup = Backup::new_with_names(conn, db, &mut target, rusqlite::MAIN_DB)?;
    loop {
        if crate::engine::interrupt::pending() {
            return Err(BackupError::Interrupted);
        }
        match backup.step(64)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if !conn.is_autocommit() => return Err(BackupError::OwnTransaction),
            // Another connection is writing: wait for it (as SQLite's own loop does), until Ctrl-C.
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

/// A report of what a command did (imported, backed up, added): on stderr, dimmed, so stdout and
/// `\o` files carry only data, as with the sqlite3 shell.
pub(crate) fn status(s: &Session, message: &str) {
    crate::engine::error::status(&s.err_palette, message);
}
