//! The shell engine: input, the query buffer, the session and its SQL execution, human renderers,
//! output and the pager, the interactive prompt, SQL completion, settings and errors. It knows
//! neither the talk catalogue nor the sqlite3 shell's byte-exact formats: those packs register what
//! they add (see `crate::packs`).

pub(crate) mod busy;
pub(crate) mod capture;
pub(crate) mod chart;
pub(crate) mod command;
pub(crate) mod complete;
pub(crate) mod config;
pub(crate) mod confirm;
pub(crate) mod db;
pub(crate) mod diagnose;
pub(crate) mod error;
pub(crate) mod exec;
pub mod exit;
pub(crate) mod fold;
pub(crate) mod handles;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod input;
pub(crate) mod input_report;
pub(crate) mod interrupt;
pub(crate) mod last_table;
pub(crate) mod output;
pub(crate) mod paths;
pub(crate) mod prompt;
pub(crate) mod rawtext;
pub(crate) mod readers;
pub(crate) mod render;
pub(crate) mod repl;
pub(crate) mod session;
pub(crate) mod settings;
pub(crate) mod sql;
pub(crate) mod style;
pub(crate) mod transaction;
pub(crate) mod unix;
pub(crate) mod userfile;
pub(crate) mod vars;
