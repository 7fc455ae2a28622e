//! The sqlite3 pack: the sqlite3 shell's dot commands, its argument splitting, its byte-exact
//! output modes, `.dump`, `.schema`, `.import` and `.timer`, so scripts written for sqlite3 run
//! unchanged.

pub mod dot_args;
pub mod dot_commands;
pub mod dot_settings;
pub mod dump;
pub mod import;
pub mod render;
pub mod schema;
pub mod timer;
