//! The sqlite3 pack: the sqlite3 shell's dot commands, its argument splitting, its byte-exact
//! output modes, `.dump`, `.schema`, `.import` and `.timer`, so scripts written for sqlite3 run
//! unchanged.

pub(crate) mod data_commands;
pub(crate) mod dot_args;
pub(crate) mod dot_commands;
pub(crate) mod dot_settings;
pub(crate) mod dump;
mod functions;
pub(crate) mod import;
pub(crate) mod options;
pub(crate) mod render;
pub(crate) mod safe_mode;
pub(crate) mod schema;

use crate::engine::command::Pack;

/// The sqlite3 pack's registration: its dot commands, the names it refuses, and its own way of
/// splitting a dot command's words.
pub static PACK: Pack = Pack {
    topics: &[
        (
            "sqlite3 compatibility",
            &[dot_settings::COMMANDS, schema::COMMANDS, dot_commands::COMMANDS, safe_mode::COMMANDS],
        ),
        ("Import and export", &[data_commands::COMMANDS]),
    ],
    functions: functions::register,
    unsupported: dot_commands::unsupported,
    words: Some(('.', dot_args::quoted_words)),
    sources: &[],
    contents: |_| None,
};
