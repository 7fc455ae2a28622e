//! Any SQLite file the user names: opening it as the sqlite3 shell does, and telling storage faults
//! apart.

pub mod fault;
pub mod files;
