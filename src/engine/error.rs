//! Errors and their one-line messages, and the one voice that says them: `error: …` and
//! `warning: …` on stderr, one line each, every cause said once, SQLite's own words for SQLite
//! errors, control characters from data or arguments shown escaped (never sent to the terminal).
//!
//! This is the one place that writes to stderr (clippy's `disallowed_methods` and
//! `disallowed_macros` keep it so): `say` for errors and warnings, `status` for what happened,
//! `verbatim` for lines whose exact bytes a sqlite3 script expects, and `writer` for the few
//! callers that stream to stderr (a question at the terminal, an import's per-row notes).

use std::io::{self, Write};

use crate::engine::render::escape_controls;
use crate::engine::style::{Palette, Role};

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something failed.
    Error,
    /// Something the user should know that did not stop anything.
    Warning,
}

/// Writes one message line to stderr: `error: PLACE: message`.
pub fn say(palette: &Palette, level: Level, place: Option<&str>, msg: &str) {
    let head = match level {
        Level::Error => palette.paint(Role::Error, "error:"),
        Level::Warning => palette.paint(Role::Dim, "warning:"),
    };
    let line = match place {
        Some(place) => format!("{head} {}: {}", one_line(place), one_line(msg)),
        None => format!("{head} {}", one_line(msg)),
    };
    let _ = writeln!(writer().lock(), "{line}");
}

/// A dimmed line on stderr saying what happened (imported, backed up, rolled back): not a problem,
/// and never mixed into stdout's data.
pub fn status(palette: &Palette, msg: &str) {
    let _ = writeln!(writer().lock(), "{}", palette.paint(Role::Dim, &one_line(msg)));
}

/// A line exactly as the sqlite3 shell words it (`Error: no such table: t`), control characters
/// escaped.
pub fn verbatim(line: &str) {
    let _ = writeln!(writer().lock(), "{}", escape_controls(line));
}

/// Standard error, for the callers that stream to it; everything else uses the functions above.
#[allow(clippy::disallowed_methods)]
pub fn writer() -> io::Stderr {
    io::stderr()
}

/// `text` made safe for one line of a terminal: control characters escaped, line breaks too.
pub fn one_line(text: &str) -> String {
    escape_controls(text.trim_end()).replace('\n', "\\n")
}

/// Why running a statement failed: SQLite said no, or writing its result failed.
#[derive(Debug)]
pub enum ExecError {
    Sql(rusqlite::Error),
    Io(io::Error),
    /// The statement names a variable that has no value (`:year` before `\set year …`): the
    /// message, and the byte offset of the variable in the statement when known.
    Unset {
        message: String,
        at: Option<usize>,
    },
}

impl std::fmt::Display for ExecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExecError::Sql(e) => write!(f, "{}", sql_error_message(e)),
            ExecError::Io(e) => write!(f, "{e}"),
            ExecError::Unset { message, .. } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for ExecError {}

impl From<rusqlite::Error> for ExecError {
    fn from(e: rusqlite::Error) -> Self {
        ExecError::Sql(e)
    }
}

impl From<io::Error> for ExecError {
    fn from(e: io::Error) -> Self {
        ExecError::Io(e)
    }
}

/// What went wrong, as one message: the causes of `err`, outermost first, joined by `: `, each
/// said once (rusqlite and SQLite both describe the same failure), SQLite errors in SQLite's words.
pub fn message(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut after_sqlite = false;
    for cause in err.chain() {
        let text = if let Some(e) = cause.downcast_ref::<rusqlite::Error>() {
            sql_error_message(e)
        } else if after_sqlite && cause.downcast_ref::<rusqlite::ffi::Error>().is_some() {
            // The code behind the rusqlite error just said: nothing new.
            continue;
        } else {
            cause.to_string()
        };
        after_sqlite = cause.downcast_ref::<rusqlite::Error>().is_some() || cause.downcast_ref::<ExecError>().is_some();
        if text.is_empty() || parts.iter().any(|p| p.contains(text.as_str())) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

/// The message SQLite gave, without rusqlite's wrapping.
/// Why an authorizer (safe mode) last refused something: SQLite itself only says "not authorized".
static REFUSAL: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Notes why an authorizer refused an action, for the error message that follows.
pub(crate) fn note_refusal(reason: String) {
    if let Ok(mut r) = REFUSAL.lock() {
        *r = Some(reason);
    }
}

/// SQLite's message, or for an authorizer's refusal the reason it noted.
fn refusal_or(msg: &str) -> String {
    // SQLite's words for a refusal: a statement, a function, or an internal ATTACH (VACUUM INTO).
    let refused = msg == "not authorized"
        || msg == "authorization denied"
        || msg.starts_with("not authorized to use")
        || (msg.starts_with("access to ") && msg.ends_with(" is prohibited"));
    if refused && let Some(reason) = REFUSAL.lock().ok().and_then(|r| r.clone()) {
        return reason;
    }
    msg.to_string()
}

pub fn sql_error_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, _) if err.code == rusqlite::ErrorCode::DatabaseBusy => {
            crate::engine::busy::message(err).unwrap_or_else(|| err.to_string())
        }
        rusqlite::Error::SqliteFailure(err, Some(msg)) => {
            if err.code == rusqlite::ErrorCode::OperationInterrupted {
                "interrupted".to_string()
            } else {
                refusal_or(msg)
            }
        }
        // `Error code 4874: disk I/O error`: the words, not the number.
        rusqlite::Error::SqliteFailure(err, None) => {
            let text = err.to_string();
            match text.split_once(": ") {
                Some((code, words)) if code.starts_with("Error code ") => words.to_string(),
                _ => text,
            }
        }
        rusqlite::Error::SqlInputError { msg, .. } => refusal_or(msg),
        other => other.to_string(),
    }
}

/// Turns SQLite's terse lock and permission failures into one line that says what to do.
pub fn explain(e: rusqlite::Error) -> anyhow::Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) => anyhow::anyhow!("{}", sql_error_message(&e)),
        Some(ErrorCode::ReadOnly) => anyhow::anyhow!("the database is read-only: {}", sql_error_message(&e)),
        _ => anyhow::Error::new(e),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::error::*;
    use rusqlite::ffi;

    fn full() -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_FULL), Some("database or disk is full".into()))
    }

    #[test]
    fn each_cause_is_said_once() {
        assert_eq!(message(&anyhow::Error::new(full())), "database or disk is full");
        let io = rusqlite::Error::SqliteFailure(ffi::Error::new(4874), None);
        assert_eq!(message(&anyhow::Error::new(io)), "disk I/O error");
        let wrapped = anyhow::Error::new(full()).context("cannot save favorites");
        assert_eq!(message(&wrapped), "cannot save favorites: database or disk is full");
        let exec = anyhow::Error::new(ExecError::Sql(full()));
        assert_eq!(message(&exec), "database or disk is full");
    }

    #[test]
    fn a_message_is_one_safe_line() {
        assert_eq!(one_line("no table 'a\x1b[31mb'\nnext"), "no table 'a\\e[31mb'\\nnext");
        assert_eq!(one_line("fine\n"), "fine");
    }
}
