//! Errors and their one-line messages: what SQLite says, put the way a user can act on. Every
//! message that leaves talkcli is worded here or by the session's `error`/`warning`/`note`.

/// The message SQLite gave, without rusqlite's wrapping.
pub fn sql_error_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, _) if err.code == rusqlite::ErrorCode::DatabaseBusy => {
            crate::busy::message(err).unwrap_or_else(|| err.to_string())
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

/// Turns SQLite's terse lock and permission failures into one line that says what to do.
pub fn explain(e: rusqlite::Error) -> anyhow::Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) => anyhow::anyhow!("{}", sql_error_message(&e)),
        Some(ErrorCode::ReadOnly) => anyhow::anyhow!("the database is read-only: {}", sql_error_message(&e)),
        _ => anyhow::Error::new(e),
    }
}
