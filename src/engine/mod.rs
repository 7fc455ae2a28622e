//! The shell engine: input, the query buffer, the session and its SQL execution, human renderers,
//! output and the pager, the interactive prompt, SQL completion, settings and errors. It knows
//! neither the talk catalogue nor the sqlite3 shell's byte-exact formats: those packs register what
//! they add (see `crate::packs`).

pub mod busy;
pub mod capture;
pub mod chart;
pub mod command;
pub mod complete;
pub mod config;
pub mod confirm;
pub mod db;
pub mod diagnose;
pub mod error;
pub mod exec;
pub mod exit;
pub(crate) mod handles;
pub mod history;
pub mod import;
pub mod input;
pub mod interrupt;
pub(crate) mod last_table;
pub mod output;
pub mod paths;
pub mod prompt;
pub mod readers;
pub mod render;
pub mod repl;
pub mod session;
pub mod settings;
pub mod sql;
pub mod style;
pub mod transaction;
pub mod userfile;
pub mod vars;
