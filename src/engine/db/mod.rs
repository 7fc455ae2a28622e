//! Any SQLite file the user names: opening it as the sqlite3 shell does, and telling storage faults
//! apart.

pub(crate) mod fault;
pub(crate) mod files;
