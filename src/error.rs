//! Errors and their one-line messages: what SQLite says, put the way a user can act on. Every
//! message that leaves talkcli is worded here or by the session's `error`/`warning`/`note`.

use crate::settings::busy_timeout;

/// The message SQLite gave, without rusqlite's wrapping.
pub fn sql_error_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, _)
            if matches!(err.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) =>
        {
            if crate::interrupt::busy_interrupted() {
                "interrupted while waiting for another connection's lock".to_string()
            } else {
                locked_message()
            }
        }
        rusqlite::Error::SqliteFailure(err, Some(msg)) => {
            if err.code == rusqlite::ErrorCode::OperationInterrupted {
                "interrupted".to_string()
            } else {
                msg.clone()
            }
        }
        rusqlite::Error::SqliteFailure(err, None) => err.to_string(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

/// What to tell the user when another connection held the database longer than the busy timeout.
pub fn locked_message() -> String {
    format!(
        "the database is locked by another connection (waited {:.1} s); try again when it has finished",
        busy_timeout().as_secs_f64()
    )
}

/// Turns SQLite's terse lock and permission failures into one line that says what to do.
pub fn explain(e: rusqlite::Error) -> anyhow::Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => anyhow::anyhow!("{}", locked_message()),
        Some(ErrorCode::ReadOnly) => anyhow::anyhow!("the database is read-only: {}", sql_error_message(&e)),
        _ => anyhow::Error::new(e),
    }
}
