//! Telling storage faults (permissions, a read-only file system, a full disk, I/O errors) from
//! problems in the database's content or locks: a storage fault on first run means "work on a
//! read-only copy", anything else is an error to show.

/// A storage problem found without an SQLite error to show it.
#[derive(Debug)]
pub(crate) struct Fault(pub(crate) &'static str);

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Fault {}

/// True when `e` comes from storage that cannot be written (permissions, a read-only file system,
/// a full disk, an I/O error) rather than from the database's content or a lock.
pub(crate) fn is_storage_fault(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode;
    e.chain().any(|c| {
        c.downcast_ref::<Fault>().is_some()
            || c.downcast_ref::<rusqlite::Error>().and_then(rusqlite::Error::sqlite_error_code).is_some_and(|code| {
                matches!(
                    code,
                    ErrorCode::ReadOnly
                        | ErrorCode::CannotOpen
                        | ErrorCode::SystemIoFailure
                        | ErrorCode::DiskFull
                        | ErrorCode::PermissionDenied
                )
            })
            || c.downcast_ref::<std::io::Error>().is_some()
    }) || format!("{e:#}").contains("readonly database")
}

/// The storage problem in a few words.
pub(crate) fn fault_words(e: &anyhow::Error) -> String {
    for c in e.chain() {
        if let Some(f) = c.downcast_ref::<Fault>() {
            return f.to_string();
        }
        if let Some(sql) = c.downcast_ref::<rusqlite::Error>() {
            return crate::engine::error::sql_error_message(sql);
        }
    }
    e.root_cause().to_string()
}
