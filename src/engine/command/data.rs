//! Backing up the open database (`\\backup`, sqlite3's `.backup`/`.save`) and the one way commands
//! report what they did to the data (on stderr, so stdout carries only data).

use anyhow::{Result, bail};

use crate::engine::command::{ArgKind, Command, Handler, Invocation, Takes};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\backup",
    aliases: &[".backup", ".save"],
    args: "FILE",
    summary: "copy the open database to FILE (online backup, safe while in use)",
    help: "Copies the whole database to FILE with SQLite's online backup API; FILE is replaced if it exists.\n\nExamples:\n  \\backup talks-2024-05-01.db",
    arg_kind: ArgKind::File,
    takes: Takes::Words,
    shows: &[],
    run: Handler::Acts(backup),
}];

fn backup(s: &mut Session, inv: &Invocation) -> Result<()> {
    // sqlite3's `.backup ?DB? FILE` names an attached database first.
    let (db, file) = match inv.args.as_slice() {
        [file] => ("main", file),
        [db, file] => (db.as_str(), file),
        _ => bail!("usage: \\backup [DB] FILE"),
    };
    let dest = expand_home(file);
    crate::engine::db::files::refuse_special_file(&dest)?;
    crate::engine::db::files::refuse_database_file(&s.conn, &dest)?;
    s.conn.backup(db, &dest, None::<fn(rusqlite::backup::Progress)>).map_err(|e| {
        // SQLite names the file it could not open; the context below names it already.
        let message = crate::engine::error::sql_error_message(&e);
        let suffix = format!(": {}", dest.display());
        anyhow::anyhow!("cannot back up to {}: {}", dest.display(), message.strip_suffix(&suffix).unwrap_or(&message))
    })?;
    status(s, &format!("backed up to {}", dest.display()));
    Ok(())
}

/// A report of what a command did (imported, backed up, added): on stderr, dimmed, so stdout and
/// `\o` files carry only data, as with the sqlite3 shell.
pub(crate) fn status(s: &Session, message: &str) {
    crate::engine::error::status(&s.err_palette, message);
}
